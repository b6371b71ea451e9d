/* ppv-window-actions.c — the window's win. actions: open, address, tabs, save, and the visible tab's actions.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ppv-atomic-file.h"

#include "ppv-profile-archive.h"
#include "ppv-profile-loader.h"
#include "ppv-source.h"
#include "ppv-watch-sessions-dialog.h"
#include "ppv-window-private.h"

static void
set_enabled (PpvWindow  *self,
             const char *name,
             gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* Forwarded to the visible tab's "page" group (ppv-page.h). */
static const char *page_action_names[] = {
  "reload", "retry", "back", "cancel", "export-svg", "export-dot", "compare",
};

static PpvDocument *
visible_document (PpvWindow *self)
{
  return self->visible_page != NULL ? ppv_page_get_document (self->visible_page) : NULL;
}

void
_ppv_window_update_actions (PpvWindow *self)
{
  GActionGroup *page_actions = self->visible_page != NULL ? ppv_page_get_actions (self->visible_page) : NULL;
  PpvDocument *document = visible_document (self);

  /* Template callbacks may run before the actions exist. */
  if (g_action_map_lookup_action (G_ACTION_MAP (self), "reload") == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (page_action_names); i++)
    set_enabled (self, page_action_names[i],
                 page_actions != NULL && g_action_group_get_action_enabled (page_actions, page_action_names[i]));
  set_enabled (self, "save-as", document != NULL && ppv_document_get_bytes (document) != NULL);
  set_enabled (self, "close-tab", adw_tab_view_get_n_pages (self->tab_view) > 0);
}

static void
page_action_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  PpvWindow *self = user_data;

  if (self->visible_page != NULL)
    g_action_group_activate_action (ppv_page_get_actions (self->visible_page),
                                    g_action_get_name (G_ACTION (action)), NULL);
}

/* --- Open ---------------------------------------------------------------- */

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  PpvWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      /* A tab each, the first in the selected tab if that is empty. */
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          ppv_window_open_file (self, file);
        }
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
add_filters (GtkFileChooser *chooser)
{
  GtkFileFilter *profiles = gtk_file_filter_new ();
  GtkFileFilter *all = gtk_file_filter_new ();

  gtk_file_filter_set_name (profiles, _("Profiles (*.pb.gz, *.pprof, *.pb)"));
  gtk_file_filter_add_pattern (profiles, "*.pb.gz");
  gtk_file_filter_add_pattern (profiles, "*.pprof");
  gtk_file_filter_add_pattern (profiles, "*.pb");
  gtk_file_chooser_add_filter (chooser, profiles);

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);

  gtk_file_chooser_set_filter (chooser, profiles);
  g_object_unref (profiles);
  g_object_unref (all);
}

static void
open_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  PpvWindow *self = user_data;
  PpvDocument *document = visible_document (self);
  PpvRequest *shown = document != NULL ? ppv_document_get_request (document) : NULL;
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Open Profile"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  add_filters (GTK_FILE_CHOOSER (dialog));

  /* Start beside the file shown; after a fetch, where fetched profiles
   * are kept, which is where people look for "that one from before". */
  if (shown != NULL && shown->file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (shown->file);

      if (parent != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), parent, NULL);
    }
  else if (shown != NULL)
    {
      g_autofree char *directory = ppv_profile_archive_dup_directory ();

      if (g_file_test (directory, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GFile) folder = g_file_new_for_path (directory);

          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
        }
    }

  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* --- Open from Clipboard ------------------------------------------------- */

static void
pasted_decoded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PpvWindow) self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) profile = ppv_profile_loader_finish (result, &bytes, &error);

  if (profile == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says why ("clipboard: unrecognized profile format"). */
      message = g_strdup_printf (_("The clipboard holds no profile: %s"), error->message);
      _ppv_window_show_toast (self, message);
      return;
    }
  ppv_window_open_pasted (self, bytes, profile);
}

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PpvWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);

  if (text == NULL || text[strspn (text, " \t\r\n")] == '\0')
    {
      g_free (text);
      _ppv_window_show_toast (self, _("The clipboard holds no text to open"));
      return;
    }

  /* Read in a worker, like any file: a dump of 100k goroutines is big.
   * Only what reads as a profile gets a tab. */
  bytes = g_bytes_new_take (text, strlen (text));
  ppv_profile_loader_decode_bytes_async (bytes, "clipboard", NULL, pasted_decoded_cb, g_steal_pointer (&self));
}

static void
paste_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  PpvWindow *self = user_data;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (self)), NULL,
                                 clipboard_read_cb, g_object_ref (self));
}

/* --- Address and tabs --------------------------------------------------- */

static void
focus_address (PpvWindow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->address_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->address_entry), 0, -1);
}

static void
focus_address_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  focus_address (PPV_WINDOW (user_data));
}

/* A new empty tab, ready for an address. */
static void
new_tab_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  PpvWindow *self = user_data;
  GtkWidget *page = ppv_page_new ();
  AdwTabPage *tab = adw_tab_view_append (self->tab_view, page);

  adw_tab_view_set_selected_page (self->tab_view, tab);
  focus_address (self);
}

/* The window goes with its last tab (see n_pages_cb). */
static void
close_tab_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  PpvWindow *self = user_data;
  AdwTabPage *selected = adw_tab_view_get_selected_page (self->tab_view);

  if (selected != NULL)
    adw_tab_view_close_page (self->tab_view, selected);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* --- Save Profile As… ---------------------------------------------------- */

typedef struct
{
  PpvWindow *self;
  char      *name;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_object_unref (data->self);
  g_free (data->name);
  g_free (data);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  /* The error's message starts with the path already. */
  if (!ppv_write_file_atomically_finish (result, &error))
    message = g_strdup_printf (_("Could not save: %s"), error->message);
  else
    message = g_strdup_printf (_("Saved %s"), data->name);

  _ppv_window_show_toast (data->self, message);
  save_data_free (data);
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  PpvWindow *self = user_data;
  PpvDocument *document = visible_document (self);
  GBytes *bytes = document != NULL ? ppv_document_get_bytes (document) : NULL;

  if (response == GTK_RESPONSE_ACCEPT && bytes != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (file != NULL && path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (file);
          g_autofree char *message = g_strdup_printf (_("Could not save: %s is not a local file"), uri);
          _ppv_window_show_toast (self, message);
        }
      else if (path != NULL)
        {
          SaveData *data = g_new0 (SaveData, 1);

          data->self = g_object_ref (self);
          data->name = g_file_get_basename (file);
          /* Written to a temporary file and renamed over the target. */
          ppv_write_file_atomically_async (path, bytes, PPV_WRITE_FILE_NONE, NULL, saved_cb, data);
        }
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static char *
dup_suggested_name (PpvRequest *request)
{
  if (request->file != NULL)
    {
      char *name = g_file_get_basename (request->file);

      if (name != NULL)
        return name;
    }

  if (request->uri != NULL)
    return ppv_source_dup_save_name (request->uri, NULL);

  return g_strdup ("profile.pb.gz");
}

static void
save_as_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  PpvWindow *self = user_data;
  PpvDocument *document = visible_document (self);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  if (document == NULL || ppv_document_get_bytes (document) == NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Save Profile As"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  name = dup_suggested_name (ppv_document_get_request (document));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);

  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
show_archive_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  PpvWindow *self = user_data;
  g_autofree char *directory = ppv_profile_archive_dup_directory ();
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  g_mkdir_with_parents (directory, 0700);
  file = g_file_new_for_path (directory);
  uri = g_file_get_uri (file);
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

/* --- Watching ------------------------------------------------------------ */

/* Watches the profile whose address is in the address entry; with
 * nothing there, says what to type. */
static void
watch_address_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  PpvWindow *self = user_data;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->address_entry))));

  if (*text == '\0' || ppv_source_classify (text) != PPV_SOURCE_KIND_REMOTE)
    {
      _ppv_window_show_toast (self, _("Type the address of a profile to watch, such as "
                                      "localhost:6060/debug/pprof/heap, then choose Watch Address"));
      focus_address (self);
      return;
    }
  ppv_window_watch (self, text, FALSE, 0);
}

static void
session_chosen_cb (PpvWindow  *self,
                   const char *directory)
{
  ppv_window_open_watch_session (self, directory);
}

static void
open_watch_session_activated (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  PpvWindow *self = user_data;
  PpvWatchSessionsDialog *dialog = ppv_watch_sessions_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (dialog, "session-chosen", G_CALLBACK (session_chosen_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const GActionEntry window_actions[] = {
  { "watch-address", watch_address_activated },
  { "open-watch-session", open_watch_session_activated },
  { "open", open_activated },
  { "paste", paste_activated },
  { "focus-address", focus_address_activated },
  { "new-tab", new_tab_activated },
  { "close-tab", close_tab_activated },
  { "save-as", save_as_activated },
  { "show-archive", show_archive_activated },
};

void
_ppv_window_actions_init (PpvWindow *self)
{
  GtkEventController *controller;
  GtkShortcut *shortcut;

  g_action_map_add_action_entries (G_ACTION_MAP (self), window_actions,
                                   G_N_ELEMENTS (window_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (page_action_names); i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (page_action_names[i], NULL);

      g_signal_connect (action, "activate", G_CALLBACK (page_action_activated), self);
      g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
    }

  /* Escape stops a load; while nothing loads the key goes on to others. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_BUBBLE);
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                               gtk_named_action_new ("win.cancel"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  /* Ctrl+V opens what the clipboard holds, unless a text entry has the
   * focus: it pastes there first. */
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_v, GDK_CONTROL_MASK),
                               gtk_named_action_new ("win.paste"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  _ppv_window_update_actions (self);
}
