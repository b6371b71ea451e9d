/* ppv-watch-sessions-dialog.c — choosing a kept watch session to re-open, newest first.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "ppv-application.h"
#include "ppv-watch-session.h"
#include "ppv-watch-sessions-dialog.h"

struct _PpvWatchSessionsDialog
{
  AdwWindow             parent_instance;

  AdwPreferencesGroup  *sessions_group;
};

G_DEFINE_FINAL_TYPE (PpvWatchSessionsDialog, ppv_watch_sessions_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SESSION_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char   *path;
  char   *title;
  char   *subtitle;
  gint64  start;
} Session;

static void
session_free (Session *session)
{
  g_free (session->path);
  g_free (session->title);
  g_free (session->subtitle);
  g_free (session);
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const Session *sa = *(Session * const *) a;
  const Session *sb = *(Session * const *) b;

  return sa->start < sb->start ? 1 : sa->start > sb->start ? -1 : g_strcmp0 (sb->path, sa->path);
}

/* A session folder: its manifest names the source and the start; its
 * files count the snapshots.  NULL for a folder that is no session. */
static Session *
read_session (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(PpvWatchManifest) manifest = ppv_watch_manifest_load (path, NULL);
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *when = NULL;
  g_autofree char *count = NULL;
  const char *name;
  guint n = 0;
  gint64 first = 0;
  Session *session;

  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      guint index;
      gint64 time;

      if (ppv_watch_session_parse_snapshot_name (name, &index, &time))
        {
          first = n == 0 ? time : MIN (first, time);
          n++;
        }
    }
  if (n == 0 && manifest == NULL)
    return NULL;

  session = g_new0 (Session, 1);
  session->path = g_strdup (path);
  session->start = manifest != NULL ? ppv_watch_manifest_get_start_time (manifest) : first;
  if (manifest != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (ppv_watch_manifest_get_uri (manifest), G_URI_FLAGS_NONE, NULL);
      g_autofree char *host = NULL;

      if (uri != NULL && g_uri_get_port (uri) > 0)
        host = g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
      else
        host = g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri)
                                                                      : ppv_watch_manifest_get_uri (manifest));
      /* Translators: a watch session, "heap on localhost:6060". */
      session->title = g_strdup_printf (_("%s on %s"), ppv_watch_manifest_get_kind (manifest), host);
    }
  else
    session->title = g_path_get_basename (path);

  start = g_date_time_new_from_unix_local (session->start / G_USEC_PER_SEC);
  when = start != NULL ? g_date_time_format (start, "%Y-%m-%d %H:%M:%S") : g_strdup ("");
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u snapshot", "%u snapshots", n), n);
  /* Translators: "Started 2026-12-07 10:15:00 · 40 snapshots". */
  session->subtitle = g_strdup_printf (_("Started %s · %s"), when, count);
  return session;
}

static void
row_activated_cb (AdwActionRow           *row,
                  PpvWatchSessionsDialog *self)
{
  const char *path = g_object_get_data (G_OBJECT (row), "ppv-path");

  g_signal_emit (self, signals[SIGNAL_SESSION_CHOSEN], 0, path);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
fill (PpvWatchSessionsDialog *self)
{
  g_autofree char *kept = ppv_kept_profiles_dup_directory ();
  g_autofree char *root = g_build_filename (kept, "watch", NULL);
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) session_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (root, name, NULL);
      Session *session = g_file_test (path, G_FILE_TEST_IS_DIR) ? read_session (path) : NULL;

      if (session != NULL)
        g_ptr_array_add (sessions, session);
    }
  g_ptr_array_sort (sessions, newest_first);

  for (guint i = 0; i < sessions->len; i++)
    {
      Session *session = sessions->pdata[i];
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), session->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), session->subtitle);
      gtk_widget_set_tooltip_text (row, session->path);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "ppv-path", g_strdup (session->path), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), self);
      adw_preferences_group_add (self->sessions_group, row);
    }
  if (sessions->len == 0)
    adw_preferences_group_set_description (self->sessions_group,
                                           _("None yet: choose Watch on a server’s profile list to start one"));
}

static void
folder_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(PpvWatchSessionsDialog) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = folder != NULL ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        {
          g_signal_emit (self, signals[SIGNAL_SESSION_CHOSEN], 0, path);
          gtk_window_destroy (GTK_WINDOW (self));
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
folder_row_activated_cb (PpvWatchSessionsDialog *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open Watch Session Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (folder_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
ppv_watch_sessions_dialog_class_init (PpvWatchSessionsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[SIGNAL_SESSION_CHOSEN] =
    g_signal_new ("session-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  ppv_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pprofviewer/PprofViewer/ppv-watch-sessions-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PpvWatchSessionsDialog, sessions_group);
  gtk_widget_class_bind_template_callback (widget_class, folder_row_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ppv_watch_sessions_dialog_init (PpvWatchSessionsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fill (self);
}

PpvWatchSessionsDialog *
ppv_watch_sessions_dialog_new (GtkWindow *parent)
{
  return g_object_new (PPV_TYPE_WATCH_SESSIONS_DIALOG, "transient-for", parent, NULL);
}
