/* ppv-window-actions.c — the window's win. actions: open, address, reload, retry, save, export.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ppv-profile-archive.h"
#include "ppv-source.h"
#include "ppv-window-private.h"

static void
set_enabled (PpvWindow  *self,
             const char *name,
             gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
_ppv_window_update_actions (PpvWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->content_stack);
  gboolean loading = self->pending != NULL;
  gboolean on_profile = g_strcmp0 (page, "profile") == 0;

  set_enabled (self, "cancel", loading);
  set_enabled (self, "reload", self->failed != NULL || self->profile_request != NULL
                               || self->index_request != NULL);
  set_enabled (self, "retry", self->failed != NULL);
  set_enabled (self, "back", self->profile != NULL || self->index_request != NULL);
  set_enabled (self, "save-as", self->profile_bytes != NULL);
  set_enabled (self, "export-svg", on_profile);
  set_enabled (self, "export-dot", on_profile);
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
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        ppv_window_open_file (self, file);
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
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Open Profile"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  add_filters (GTK_FILE_CHOOSER (dialog));

  /* Start beside the file shown; after a fetch, where fetched profiles
   * are kept, which is where people look for "that one from before". */
  if (self->profile_request != NULL && self->profile_request->file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->profile_request->file);

      if (parent != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), parent, NULL);
    }
  else if (self->profile_request != NULL)
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

/* --- Address, reload, retry, back, cancel -------------------------------- */

static void
focus_address_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  PpvWindow *self = user_data;

  gtk_widget_grab_focus (GTK_WIDGET (self->address_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->address_entry), 0, -1);
}

static void
reload_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  PpvWindow *self = user_data;
  const char *page = gtk_stack_get_visible_child_name (self->content_stack);
  PpvRequest *request = NULL;

  /* The same source again: what is shown, else what last failed. */
  if (g_strcmp0 (page, "profile") == 0)
    request = self->profile_request;
  else if (g_strcmp0 (page, "endpoints") == 0)
    request = self->index_request;
  else if (g_strcmp0 (page, "loading") == 0)
    request = self->pending;

  if (request == NULL)
    request = self->failed != NULL ? self->failed
              : self->profile_request != NULL ? self->profile_request
              : self->index_request;

  if (request != NULL)
    {
      g_autoptr(PpvRequest) again = ppv_request_ref (request);

      _ppv_window_start (self, again);
    }
}

static void
retry_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  PpvWindow *self = user_data;

  if (self->failed != NULL)
    {
      g_autoptr(PpvRequest) again = ppv_request_ref (self->failed);

      _ppv_window_start (self, again);
    }
}

static void
back_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  _ppv_window_go_back (PPV_WINDOW (user_data));
}

static void
cancel_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  _ppv_window_cancel (PPV_WINDOW (user_data));
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

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    message = g_strdup_printf (_("%s: could not be saved (%s)"), data->name, error->message);
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

  if (response == GTK_RESPONSE_ACCEPT && self->profile_bytes != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        {
          SaveData *data = g_new0 (SaveData, 1);

          data->self = g_object_ref (self);
          data->name = g_file_get_basename (file);
          /* Written to a temporary file and renamed over the target. */
          g_file_replace_contents_bytes_async (file, self->profile_bytes, NULL, FALSE,
                                               G_FILE_CREATE_NONE, NULL, saved_cb, data);
        }
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static char *
dup_suggested_name (PpvWindow *self)
{
  PpvRequest *request = self->profile_request;

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
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  if (self->profile_bytes == NULL || self->profile_request == NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Save Profile As"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  name = dup_suggested_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);

  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* --- Delegated to the profile view --------------------------------------- */

/* The menu sits outside the profile view, so view.* actions cannot be
 * reached from it directly. */
static void
export_svg_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  PpvWindow *self = user_data;

  gtk_widget_activate_action (GTK_WIDGET (self->profile_view), "view.export-svg", NULL);
}

static void
export_dot_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  PpvWindow *self = user_data;

  gtk_widget_activate_action (GTK_WIDGET (self->profile_view), "view.export-dot", NULL);
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

static const GActionEntry window_actions[] = {
  { "open", open_activated },
  { "focus-address", focus_address_activated },
  { "reload", reload_activated },
  { "retry", retry_activated },
  { "back", back_activated },
  { "cancel", cancel_activated },
  { "save-as", save_as_activated },
  { "export-svg", export_svg_activated },
  { "export-dot", export_dot_activated },
  { "show-archive", show_archive_activated },
};

void
_ppv_window_actions_init (PpvWindow *self)
{
  GtkEventController *controller;
  GtkShortcut *shortcut;

  g_action_map_add_action_entries (G_ACTION_MAP (self), window_actions,
                                   G_N_ELEMENTS (window_actions), self);

  /* Escape stops a load; while nothing loads the key goes on to others. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_BUBBLE);
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                               gtk_named_action_new ("win.cancel"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  _ppv_window_update_actions (self);
}
