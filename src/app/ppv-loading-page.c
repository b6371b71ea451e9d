/* ppv-loading-page.c — the page shown while a profile loads: what, progress, countdown, Cancel.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "ppv-application.h"

#include "ppv-loading-page.h"

struct _PpvLoadingPage
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkSpinner     *spinner;
  GtkLabel       *title_label;
  GtkLabel       *detail_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *countdown_label;

  gint64          countdown_start;   /* monotonic µs */
  guint           countdown_seconds;
  guint           tick_id;
  gboolean        decoding;
};

G_DEFINE_FINAL_TYPE (PpvLoadingPage, ppv_loading_page, GTK_TYPE_WIDGET)

static void
stop_ticking (PpvLoadingPage *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
}

static void
set_countdown_text (PpvLoadingPage *self,
                    const char     *text)
{
  gtk_label_set_text (self->countdown_label, text);
  /* GTK 4.8 names a label after its text; keep a stable description. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->countdown_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "countdown",
                                  -1);
}

static gboolean
tick (gpointer user_data)
{
  PpvLoadingPage *self = user_data;
  double elapsed = (g_get_monotonic_time () - self->countdown_start) / (double) G_USEC_PER_SEC;
  double left = self->countdown_seconds - elapsed;

  if (self->decoding)
    return G_SOURCE_CONTINUE;

  if (left > 0)
    {
      guint shown = (guint) (left + 0.999);
      g_autofree char *text = NULL;

      gtk_progress_bar_set_fraction (self->progress_bar, elapsed / self->countdown_seconds);
      /* Translators: the time left until a CPU profile is complete. */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second left", "%u seconds left", shown),
                              shown);
      set_countdown_text (self, text);
    }
  else
    {
      /* The server has profiled for the full time and now sends the data. */
      gtk_progress_bar_pulse (self->progress_bar);
      set_countdown_text (self, _("Waiting for the server to send the profile…"));
    }

  return G_SOURCE_CONTINUE;
}

static void
reset (PpvLoadingPage *self,
       const char     *title,
       const char     *detail)
{
  stop_ticking (self);
  self->decoding = FALSE;
  self->countdown_seconds = 0;

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->detail_label, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL && *detail != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->countdown_label), FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_show_text (self->progress_bar, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->title_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "loading-title",
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->detail_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "loading-detail",
                                  -1);
  gtk_spinner_start (self->spinner);
}

void
ppv_loading_page_start (PpvLoadingPage *self,
                        const char     *title,
                        const char     *detail)
{
  g_return_if_fail (PPV_IS_LOADING_PAGE (self));
  g_return_if_fail (title != NULL);

  reset (self, title, detail);
}

void
ppv_loading_page_start_countdown (PpvLoadingPage *self,
                                  const char     *title,
                                  const char     *detail,
                                  guint           seconds)
{
  g_return_if_fail (PPV_IS_LOADING_PAGE (self));
  g_return_if_fail (title != NULL);
  g_return_if_fail (seconds > 0);

  reset (self, title, detail);
  self->countdown_seconds = seconds;
  self->countdown_start = g_get_monotonic_time ();
  gtk_progress_bar_set_pulse_step (self->progress_bar, 0.1);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->countdown_label), TRUE);
  tick (self);
  self->tick_id = g_timeout_add (250, tick, self);
}

void
ppv_loading_page_set_received (PpvLoadingPage *self,
                               guint64         received,
                               gint64          expected)
{
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (PPV_IS_LOADING_PAGE (self));

  /* The countdown is more useful than a byte count while it runs. */
  if (self->countdown_seconds > 0 || self->decoding)
    return;

  size = g_format_size (received);
  if (expected > 0)
    {
      g_autofree char *total = g_format_size (expected);

      /* Translators: bytes received so far, e.g. "1.2 MB of 3.4 MB". */
      text = g_strdup_printf (_("%s of %s"), size, total);
      gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double) received / expected));
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
    }
  else
    {
      /* Translators: bytes received so far, e.g. "1.2 MB received". */
      text = g_strdup_printf (_("%s received"), size);
    }
  set_countdown_text (self, text);
  gtk_widget_set_visible (GTK_WIDGET (self->countdown_label), TRUE);
}

void
ppv_loading_page_set_decoding (PpvLoadingPage *self)
{
  g_return_if_fail (PPV_IS_LOADING_PAGE (self));

  self->decoding = TRUE;
  stop_ticking (self);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  set_countdown_text (self, _("Reading the profile…"));
  gtk_widget_set_visible (GTK_WIDGET (self->countdown_label), TRUE);
}

void
ppv_loading_page_stop (PpvLoadingPage *self)
{
  g_return_if_fail (PPV_IS_LOADING_PAGE (self));

  stop_ticking (self);
  gtk_spinner_stop (self->spinner);
}

static void
ppv_loading_page_dispose (GObject *object)
{
  PpvLoadingPage *self = PPV_LOADING_PAGE (object);

  stop_ticking (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PPV_TYPE_LOADING_PAGE);

  G_OBJECT_CLASS (ppv_loading_page_parent_class)->dispose (object);
}

static void
ppv_loading_page_class_init (PpvLoadingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ppv_loading_page_dispose;

  ppv_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pprofviewer/PprofViewer/ppv-loading-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PpvLoadingPage, box);
  gtk_widget_class_bind_template_child (widget_class, PpvLoadingPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PpvLoadingPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, PpvLoadingPage, detail_label);
  gtk_widget_class_bind_template_child (widget_class, PpvLoadingPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PpvLoadingPage, countdown_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ppv_loading_page_init (PpvLoadingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ppv_loading_page_new (void)
{
  return g_object_new (PPV_TYPE_LOADING_PAGE, NULL);
}
