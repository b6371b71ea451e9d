/* ppv-page-actions.c — a tab's page. actions (reload, retry, back, cancel, export) and what opens a source in it.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "ppv-page-private.h"
#include "ppv-source.h"

#define MAX_RECENT_ROWS 6

static void
set_enabled (PpvPage    *self,
             const char *name,
             gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
_ppv_page_update_actions (PpvPage *self)
{
  gboolean on_profile = g_str_equal (ppv_page_get_state (self), "profile");

  set_enabled (self, "cancel", self->pending != NULL);
  set_enabled (self, "reload", self->failed != NULL || self->document != NULL || self->index != NULL
                               || _ppv_page_watch_is_live (self));
  set_enabled (self, "retry", self->failed != NULL);
  set_enabled (self, "back", self->document != NULL || self->index != NULL);
  set_enabled (self, "export-svg", on_profile);
  set_enabled (self, "export-dot", on_profile);
  set_enabled (self, "compare", on_profile);
}

/* Where a cancelled load or the error page's Back button returns to. */
static void
go_back (PpvPage *self)
{
  if (self->document != NULL)
    _ppv_page_show_page (self, "profile");
  else if (self->index != NULL)
    _ppv_page_show_page (self, "endpoints");
  else
    _ppv_page_show_page (self, "empty");
}

static void
cancel (PpvPage *self)
{
  g_autoptr(PpvDocument) pending = g_steal_pointer (&self->pending);

  if (pending == NULL)
    return;

  ppv_document_cancel (pending);
  _ppv_page_loading_changed (self);

  /* Cancelling is not an error: no message, just go back. */
  if (ppv_document_get_request (pending)->from_index && self->index != NULL)
    _ppv_page_show_page (self, "endpoints");
  else
    go_back (self);
}

static void
reload_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  PpvPage *self = user_data;
  const char *state = ppv_page_get_state (self);
  PpvDocument *again = NULL;
  PpvRequest *request;

  /* A watch fetches now rather than wait for its next turn. */
  if (g_str_equal (state, "watch"))
    {
      _ppv_page_watch_fetch_now (self);
      return;
    }

  /* The same source again: what is shown, else what last failed. */
  if (g_str_equal (state, "profile"))
    again = self->document;
  else if (g_str_equal (state, "endpoints"))
    again = self->index;
  else if (g_str_equal (state, "loading"))
    again = self->pending;

  if (again != NULL)
    request = ppv_document_get_request (again);
  else if (self->failed != NULL)
    request = self->failed;
  else if (self->document != NULL)
    request = ppv_document_get_request (self->document);
  else if (self->index != NULL)
    request = ppv_document_get_request (self->index);
  else
    return;

  ppv_page_start (self, request);
}

static void
retry_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  PpvPage *self = user_data;

  if (self->failed != NULL)
    {
      g_autoptr(PpvRequest) again = ppv_request_ref (self->failed);

      ppv_page_start (self, again);
    }
}

static void
back_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  go_back (PPV_PAGE (user_data));
}

static void
cancel_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  cancel (PPV_PAGE (user_data));
}

static void
export_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  PpvPage *self = user_data;
  g_autofree char *name = g_strconcat ("view.", g_action_get_name (G_ACTION (action)), NULL);

  gtk_widget_activate_action (GTK_WIDGET (self->profile_view), name, NULL);
}

static void
compare_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  _ppv_page_compare_choose (PPV_PAGE (user_data));
}

static const GActionEntry page_actions[] = {
  { "reload", reload_activated },
  { "retry", retry_activated },
  { "back", back_activated },
  { "cancel", cancel_activated },
  { "export-svg", export_activated },
  { "export-dot", export_activated },
  { "compare", compare_activated },
};

void
_ppv_page_actions_init (PpvPage *self)
{
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), page_actions,
                                   G_N_ELEMENTS (page_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "page", G_ACTION_GROUP (self->actions));
}

/* --- Opening sources ----------------------------------------------------- */

void
ppv_page_open_file (PpvPage *self,
                    GFile   *file)
{
  g_autoptr(PpvRequest) request = NULL;

  g_return_if_fail (PPV_IS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  request = ppv_request_new_file (file);
  ppv_page_start (self, request);
}

void
ppv_page_open_unremembered (PpvPage  *self,
                            GFile    *file,
                            gboolean  restored)
{
  g_autoptr(PpvRequest) request = NULL;

  g_return_if_fail (PPV_IS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  request = ppv_request_new_file (file);
  request->remember = FALSE;

  if (restored && !g_file_query_exists (file, NULL))
    {
      g_autoptr(GError) error = NULL;

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* Translators: %s is a file's full path. */
                   _("%s was open in the last session but no longer exists."),
                   request->address);
      _ppv_page_show_error (self, request, error);
      return;
    }

  ppv_page_start (self, request);
}

void
ppv_page_open_address (PpvPage    *self,
                       const char *text,
                       const char *cwd)
{
  g_autoptr(PpvRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = NULL;

  g_return_if_fail (PPV_IS_PAGE (self));
  g_return_if_fail (text != NULL);

  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return;

  request = ppv_request_new_for_text (trimmed, cwd, &error);
  if (request == NULL)
    {
      g_autoptr(PpvRequest) failed = g_rc_box_new0 (PpvRequest);

      /* Keep the text so the user can correct it. */
      failed->kind = PPV_REQUEST_FILE;
      failed->address = g_strdup (trimmed);
      failed->display_name = g_strdup (trimmed);
      _ppv_page_set_address (self, trimmed);
      _ppv_page_show_error (self, failed, error);
      g_clear_pointer (&self->failed, ppv_request_unref);
      _ppv_page_update_actions (self);
      return;
    }

  ppv_page_start (self, request);
}

/* The empty state's "Recent" rows open in this tab (recent_row_activated_cb). */
void
ppv_page_set_recent (PpvPage            *self,
                     const char * const *recent)
{
  GtkWidget *child;
  guint n_rows = 0;

  g_return_if_fail (PPV_IS_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; recent != NULL && recent[i] != NULL && n_rows < MAX_RECENT_ROWS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon;
      gboolean remote = ppv_source_classify (recent[i]) == PPV_SOURCE_KIND_REMOTE;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), recent[i]);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      icon = gtk_image_new_from_icon_name (remote ? "network-server-symbolic" : "document-open-symbolic");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_widget_set_tooltip_text (row, recent[i]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, recent[i],
                                      -1);
      g_object_set_data_full (G_OBJECT (row), "ppv-source", g_strdup (recent[i]), g_free);
      gtk_list_box_append (self->recent_list, row);
      n_rows++;
    }

  gtk_widget_set_visible (self->recent_box, n_rows > 0);
}
