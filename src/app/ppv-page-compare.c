/* ppv-page-compare.c — a tab's comparison: choosing the base, loading it beside the profile, and handing it to the profile view.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "ppv-compare-dialog.h"
#include "ppv-page-private.h"

static void
toast (PpvPage    *self,
       const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* An incompatible base changes nothing and says why, in a dialog that
 * stays until it is read. */
static void
refuse (PpvPage      *self,
        const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Cannot Compare"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
compare_with_document (PpvPage     *self,
                       PpvDocument *base,
                       PpvBaseMode  mode,
                       gboolean     normalize)
{
  PpvProfile *profile = ppv_document_get_profile (base);
  g_autoptr(GError) error = NULL;

  if (profile == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("%s is not a profile."), ppv_document_get_title (base));

      toast (self, message);
      return;
    }
  if (!ppv_profile_view_compare (self->profile_view, profile, ppv_document_get_title (base),
                                 mode, normalize, &error))
    refuse (self, error);
}

static void
base_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PpvPage) self = user_data;
  PpvDocument *base = PPV_DOCUMENT (object);
  g_autoptr(GError) error = NULL;
  PpvBaseMode mode = GPOINTER_TO_INT (g_object_get_data (object, "ppv-mode"));
  gboolean normalize = GPOINTER_TO_INT (g_object_get_data (object, "ppv-normalize"));

  if (!ppv_document_load_finish (base, result, &error))
    {
      if (base == self->base_pending && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("Could not load the base: %s"), error->message);

          toast (self, message);
        }
      if (base == self->base_pending)
        g_clear_object (&self->base_pending);
      return;
    }
  if (base != self->base_pending)
    return;
  g_clear_object (&self->base_pending);
  compare_with_document (self, base, mode, normalize);
}

static void
base_keep_failed_cb (PpvPage     *self,
                     const char  *message,
                     PpvDocument *document)
{
  toast (self, message);
}

/* The base loads beside the profile shown, with the tab's fetcher; a
 * fetched base is kept like every fetch (PpvDocument does that). */
static void
load_base (PpvPage     *self,
           PpvRequest  *request,
           PpvBaseMode  mode,
           gboolean     normalize)
{
  g_autoptr(PpvDocument) base = ppv_document_new (request);

  if (self->base_pending != NULL)
    ppv_document_cancel (self->base_pending);
  g_set_object (&self->base_pending, base);
  g_object_set_data (G_OBJECT (base), "ppv-mode", GINT_TO_POINTER (mode));
  g_object_set_data (G_OBJECT (base), "ppv-normalize", GINT_TO_POINTER (normalize));
  g_signal_connect_object (base, "keep-failed", G_CALLBACK (base_keep_failed_cb), self, G_CONNECT_SWAPPED);
  ppv_document_load_async (base, self->fetcher, base_loaded_cb, g_object_ref (self));
}

static void
document_chosen_cb (PpvPage          *self,
                    PpvDocument      *document,
                    PpvCompareDialog *dialog)
{
  compare_with_document (self, document, PPV_BASE_NONE, FALSE);
}

static void
request_chosen_cb (PpvPage          *self,
                   PpvRequest       *request,
                   PpvCompareDialog *dialog)
{
  load_base (self, request, PPV_BASE_NONE, FALSE);
}

void
_ppv_page_compare_choose (PpvPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *tab_view = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TAB_VIEW);
  PpvCompareDialog *dialog;

  if (self->document == NULL)
    return;

  dialog = ppv_compare_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   ppv_document_get_title (self->document));

  /* Every other tab showing a profile, in tab order. */
  for (int i = 0; tab_view != NULL && i < adw_tab_view_get_n_pages (ADW_TAB_VIEW (tab_view)); i++)
    {
      GtkWidget *child = adw_tab_page_get_child (adw_tab_view_get_nth_page (ADW_TAB_VIEW (tab_view), i));
      PpvDocument *other;

      if (child == GTK_WIDGET (self) || !PPV_IS_PAGE (child))
        continue;
      other = ppv_page_get_document (PPV_PAGE (child));
      if (other != NULL && ppv_document_get_profile (other) != NULL)
        ppv_compare_dialog_add_tab (dialog, other);
    }

  g_signal_connect_object (dialog, "document-chosen", G_CALLBACK (document_chosen_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "request-chosen", G_CALLBACK (request_chosen_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
ppv_page_compare_after_load (PpvPage     *self,
                             const char  *base_text,
                             const char  *cwd,
                             PpvBaseMode  mode,
                             gboolean     normalize)
{
  g_autoptr(GError) error = NULL;
  PpvRequest *request;

  g_return_if_fail (PPV_IS_PAGE (self));
  g_return_if_fail (base_text != NULL);

  request = ppv_request_new_for_text (base_text, cwd, &error);
  if (request == NULL)
    {
      toast (self, error->message);
      return;
    }
  request->remember = FALSE;
  g_clear_pointer (&self->compare_next, ppv_request_unref);
  self->compare_next = request;
  self->compare_next_mode = mode;
  self->compare_next_normalize = normalize;
  if (self->document != NULL && self->pending == NULL)
    _ppv_page_compare_shown (self);
}

void
_ppv_page_compare_shown (PpvPage *self)
{
  g_autoptr(PpvRequest) request = g_steal_pointer (&self->compare_next);

  if (request != NULL)
    load_base (self, request, self->compare_next_mode, self->compare_next_normalize);
}

void
_ppv_page_compare_clear (PpvPage *self)
{
  if (self->base_pending != NULL)
    ppv_document_cancel (self->base_pending);
  g_clear_object (&self->base_pending);
  g_clear_pointer (&self->compare_next, ppv_request_unref);
}
