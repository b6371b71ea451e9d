/* ppv-endpoint-list.c — the profiles a live Go server offers, one row each; a click fetches one.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "ppv-application.h"
#include <string.h>

#include "ppv-app-settings.h"
#include "ppv-endpoint.h"
#include "ppv-endpoint-list.h"
#include "ppv-profile-archive.h"

#define MAX_CPU_SECONDS 600   /* the schema's range for cpu-profile-seconds */

struct _PpvEndpointList
{
  GtkWidget   parent_instance;

  GtkWidget  *scroller;
  GtkLabel   *heading;
  GtkLabel   *hint;
  GtkListBox *list_box;
};

G_DEFINE_FINAL_TYPE (PpvEndpointList, ppv_endpoint_list, GTK_TYPE_WIDGET)

enum {
  SIGNAL_FETCH,
  SIGNAL_WATCH,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Row data keys. */
#define ENDPOINT_KEY "ppv-endpoint"
#define GC_SWITCH_KEY "ppv-gc-switch"
#define SECONDS_KEY "ppv-seconds"
#define DUMP_KEY "ppv-dump"

/* The URI of @row's profile with the row's options (gc=1, seconds=N). */
static char *
dup_row_uri (GtkWidget *row)
{
  PpvEndpoint *endpoint = g_object_get_data (G_OBJECT (row), ENDPOINT_KEY);
  GtkSwitch *gc_switch = g_object_get_data (G_OBJECT (row), GC_SWITCH_KEY);
  GtkSpinButton *seconds = g_object_get_data (G_OBJECT (row), SECONDS_KEY);
  char *uri;

  if (endpoint == NULL || !ppv_endpoint_is_profile (endpoint))
    return NULL;

  if (g_object_get_data (G_OBJECT (row), DUMP_KEY) != NULL)
    return ppv_endpoint_dup_dump_uri (endpoint);

  /* A number still being typed counts. */
  if (seconds != NULL)
    gtk_spin_button_update (seconds);

  uri = ppv_endpoint_dup_profile_uri (endpoint,
                                      seconds != NULL ? gtk_spin_button_get_value_as_int (seconds) : 0);
  if (uri != NULL && gc_switch != NULL && gtk_switch_get_active (gc_switch))
    {
      char *with_gc = g_strconcat (uri, strchr (uri, '?') != NULL ? "&" : "?", "gc=1", NULL);

      g_free (uri);
      uri = with_gc;
    }
  return uri;
}

static void
row_activated_cb (PpvEndpointList *self,
                  GtkListBoxRow   *row)
{
  g_autofree char *uri = dup_row_uri (GTK_WIDGET (row));

  if (uri != NULL)
    g_signal_emit (self, signals[SIGNAL_FETCH], 0, uri);
}

static void
watch_clicked_cb (GtkButton *button,
                  GtkWidget *row)
{
  GtkWidget *self = gtk_widget_get_ancestor (row, PPV_TYPE_ENDPOINT_LIST);
  g_autofree char *uri = dup_row_uri (row);

  if (uri != NULL && self != NULL)
    g_signal_emit (self, signals[SIGNAL_WATCH], 0, uri);
}

/* Profiles that are snapshots of a moment, whose change over time a
 * watch charts (not CPU profiles or traces, which record a while). */
static gboolean
is_watchable (const char *name)
{
  static const char * const names[] = { "heap", "allocs", "goroutine", "block", "mutex", "threadcreate" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i]))
      return TRUE;
  return FALSE;
}

static void
add_watch_button (GtkWidget  *row,
                  const char *name)
{
  GtkWidget *button = gtk_button_new_with_label (_("Watch"));
  g_autofree char *label = NULL;

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Fetch this profile every few seconds, chart it and rank what grows"));
  /* Translators: a button's accessible name, "Watch heap". */
  label = g_strdup_printf (_("Watch %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_signal_connect (button, "clicked", G_CALLBACK (watch_clicked_cb), row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

static void
seconds_changed_cb (GtkSpinButton *spin,
                    gpointer       user_data)
{
  ppv_app_settings_set_int ("cpu-profile-seconds", gtk_spin_button_get_value_as_int (spin));
}

static const char *
explain_other (PpvEndpoint *endpoint)
{
  const char *name = ppv_endpoint_get_name (endpoint);

  if (g_str_equal (name, "trace"))
    return _("An execution trace, not a pprof profile: open it with go tool trace.");
  if (g_str_equal (name, "cmdline"))
    return _("The program’s command line, not a profile.");
  if (g_str_equal (name, "symbol"))
    return _("Symbol lookup for go tool pprof, not a profile.");
  return _("Not a pprof profile.");
}

/* A row titled @title for @endpoint, with its count column. */
static GtkWidget *
create_titled_row (PpvEndpoint *endpoint,
                   const char  *title)
{
  GtkWidget *row = adw_action_row_new ();
  gint64 count = ppv_endpoint_get_count (endpoint);
  PpvEndpointKind kind = ppv_endpoint_get_kind (endpoint);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  g_object_set_data_full (G_OBJECT (row), ENDPOINT_KEY, g_object_ref (endpoint), g_object_unref);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);

  /* The count column: blank where the page gives none, so titles align. */
  {
    GtkWidget *label = gtk_label_new (NULL);

    gtk_label_set_width_chars (GTK_LABEL (label), 5);
    gtk_label_set_xalign (GTK_LABEL (label), 1.0);
    gtk_widget_add_css_class (label, "dim-label");
    gtk_widget_add_css_class (label, "numeric");
    if (count >= 0 && kind == PPV_ENDPOINT_KIND_SNAPSHOT)
      {
        g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, count);
        g_autofree char *tooltip = NULL;

        /* Translators: how many stacks (goroutines, allocation sites…) the
         * profile holds right now; %s is the number. */
        tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s entry now", "%s entries now",
                                                (gulong) MIN (count, G_MAXLONG)),
                                   text);
        gtk_label_set_text (GTK_LABEL (label), text);
        gtk_widget_set_tooltip_text (label, tooltip);
      }
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), label);
  }

  return row;
}

/* The goroutine endpoint's second row: the full dump (debug=2), which
 * the Goroutines view reads with states, waits and creators. */
static GtkWidget *
create_dump_row (PpvEndpoint *endpoint)
{
  GtkWidget *row = create_titled_row (endpoint, _("Goroutine dump (debug=2)"));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Every goroutine’s stack with its state, how long it has waited and "
                                 "which function started it, as a panic prints them."));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), DUMP_KEY, GINT_TO_POINTER (TRUE));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

static GtkWidget *
create_row (PpvEndpointList *self,
            PpvEndpoint     *endpoint)
{
  const char *name = ppv_endpoint_get_name (endpoint);
  const char *description = ppv_endpoint_get_description (endpoint);
  PpvEndpointKind kind = ppv_endpoint_get_kind (endpoint);
  GtkWidget *row = create_titled_row (endpoint, name);

  if (kind == PPV_ENDPOINT_KIND_OTHER)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), explain_other (endpoint));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_add_css_class (row, "dim-label");
      return row;
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  /* net/http/pprof honours gc=1 for heap only. */
  if (g_str_equal (name, "heap"))
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *label = gtk_label_new (_("Run GC first"));
      GtkWidget *gc_switch = gtk_switch_new ();

      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (gc_switch, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (gc_switch, _("Ask the program to collect garbage before it takes the snapshot (gc=1)"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (gc_switch),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Run GC first"),
                                      -1);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), gc_switch);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      g_object_set_data (G_OBJECT (row), GC_SWITCH_KEY, gc_switch);
    }
  else if (kind == PPV_ENDPOINT_KIND_CPU)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *spin = gtk_spin_button_new_with_range (1, MAX_CPU_SECONDS, 1);
      GtkWidget *unit = gtk_label_new (_("seconds"));
      int seconds = CLAMP (ppv_app_settings_get_int ("cpu-profile-seconds"), 1, MAX_CPU_SECONDS);

      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), seconds);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Duration in seconds"),
                                      -1);
      g_signal_connect (spin, "value-changed", G_CALLBACK (seconds_changed_cb), NULL);
      gtk_widget_add_css_class (unit, "dim-label");
      gtk_box_append (GTK_BOX (box), spin);
      gtk_box_append (GTK_BOX (box), unit);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      g_object_set_data (G_OBJECT (row), SECONDS_KEY, spin);
    }

  if (is_watchable (name))
    add_watch_button (row, name);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

  return row;
}

void
ppv_endpoint_list_set_endpoints (PpvEndpointList *self,
                                 const char      *server_name,
                                 GListModel      *endpoints)
{
  GtkWidget *child;
  g_autofree char *heading = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *hint = NULL;
  guint n;

  g_return_if_fail (PPV_IS_ENDPOINT_LIST (self));
  g_return_if_fail (server_name != NULL);
  g_return_if_fail (G_IS_LIST_MODEL (endpoints));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  /* Profiles in page order, then what cannot be viewed here. */
  n = g_list_model_get_n_items (endpoints);
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PpvEndpoint) endpoint = g_list_model_get_item (endpoints, i);

          g_autofree char *dump_uri = NULL;

          if (ppv_endpoint_is_profile (endpoint) != (pass == 0))
            continue;
          gtk_list_box_append (self->list_box, create_row (self, endpoint));
          dump_uri = ppv_endpoint_dup_dump_uri (endpoint);
          if (dump_uri != NULL)
            gtk_list_box_append (self->list_box, create_dump_row (endpoint));
        }
    }

  /* Translators: %s is a server address such as localhost:6060. */
  heading = g_strdup_printf (_("Profiles on %s"), server_name);
  gtk_label_set_text (self->heading, heading);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->heading),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "endpoints-heading",
                                  -1);

  directory = ppv_profile_archive_dup_directory ();
  if (g_str_has_prefix (directory, g_get_home_dir ())
      && directory[strlen (g_get_home_dir ())] == G_DIR_SEPARATOR)
    {
      char *short_name = g_strconcat ("~", directory + strlen (g_get_home_dir ()), NULL);

      g_free (directory);
      directory = short_name;
    }
  /* Translators: %s is a folder. */
  hint = g_strdup_printf (_("Choose one to fetch it. A copy of every fetched profile is kept in %s."),
                          directory);
  gtk_label_set_text (self->hint, hint);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
}

static void
ppv_endpoint_list_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PPV_TYPE_ENDPOINT_LIST);

  G_OBJECT_CLASS (ppv_endpoint_list_parent_class)->dispose (object);
}

static void
ppv_endpoint_list_class_init (PpvEndpointListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ppv_endpoint_list_dispose;

  signals[SIGNAL_FETCH] =
    g_signal_new ("fetch",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_WATCH] =
    g_signal_new ("watch",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  ppv_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pprofviewer/PprofViewer/ppv-endpoint-list.ui");
  gtk_widget_class_bind_template_child (widget_class, PpvEndpointList, scroller);
  gtk_widget_class_bind_template_child (widget_class, PpvEndpointList, heading);
  gtk_widget_class_bind_template_child (widget_class, PpvEndpointList, hint);
  gtk_widget_class_bind_template_child (widget_class, PpvEndpointList, list_box);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ppv_endpoint_list_init (PpvEndpointList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ppv_endpoint_list_new (void)
{
  return g_object_new (PPV_TYPE_ENDPOINT_LIST, NULL);
}
