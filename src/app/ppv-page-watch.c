/* ppv-page-watch.c — a tab watching a live profile, or showing a watch session re-opened from its folder.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "ppv-app-settings.h"
#include "ppv-page-private.h"
#include "ppv-watch-session.h"
#include "ppv-window.h"

/* An error about @text (what was to be watched) on the error page. */
static void
show_watch_error (PpvPage      *self,
                  const char   *text,
                  const GError *error)
{
  g_autoptr(PpvRequest) failed = g_rc_box_new0 (PpvRequest);

  failed->kind = PPV_REQUEST_FILE;
  failed->address = g_strdup (text);
  failed->display_name = g_strdup (text);
  _ppv_page_show_error (self, failed, error);
  adw_status_page_set_title (self->error_page, _("Could Not Watch"));
  /* Retry would read @text as a file. */
  g_clear_pointer (&self->failed, ppv_request_unref);
  _ppv_page_update_actions (self);
}

static PpvWindow *
window_of (PpvPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return PPV_IS_WINDOW (root) ? PPV_WINDOW (root) : NULL;
}

/* A snapshot opens in a tab of its own, as a kept profile does. */
static void
open_snapshot_cb (PpvPage      *self,
                  const char   *path,
                  PpvWatchView *view)
{
  PpvWindow *window = window_of (self);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  if (window != NULL)
    ppv_window_open_file (window, file);
}

/* B compared with A, in the mode the Compare With dialog picks for the
 * sample type (PPV_BASE_NONE). */
static void
compare_cb (PpvPage      *self,
            const char   *path_a,
            const char   *path_b,
            PpvWatchView *view)
{
  PpvWindow *window = window_of (self);

  if (window != NULL)
    ppv_window_open_compared (window, path_b, NULL, path_a, PPV_BASE_NONE, FALSE);
}

static void
summary_cb (PpvPage *self)
{
  if (g_str_equal (ppv_page_get_state (self), "watch"))
    _ppv_page_texts_changed (self);
}

static void
endpoint_watch_cb (PpvPage         *self,
                   const char      *uri,
                   PpvEndpointList *list)
{
  ppv_page_watch (self, uri, FALSE, 0);
}

void
_ppv_page_watch_init (PpvPage *self)
{
  g_signal_connect_object (self->watch_view, "open-snapshot", G_CALLBACK (open_snapshot_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->watch_view, "compare", G_CALLBACK (compare_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->endpoint_list, "watch", G_CALLBACK (endpoint_watch_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->watch_view, "notify::summary", G_CALLBACK (summary_cb), self,
                           G_CONNECT_SWAPPED);
}

void
_ppv_page_watch_left (PpvPage *self)
{
  g_cancellable_cancel (self->watch_cancellable);
  g_clear_object (&self->watch_cancellable);
  g_clear_pointer (&self->watch_directory, g_free);
  ppv_watch_view_stop (self->watch_view);
}

gboolean
_ppv_page_watch_is_live (PpvPage *self)
{
  PpvWatcher *watcher = ppv_watch_view_get_watcher (self->watch_view);

  return g_str_equal (ppv_page_get_state (self), "watch")
         && watcher != NULL && ppv_watcher_get_state (watcher) != PPV_WATCH_STATE_STOPPED;
}

void
_ppv_page_watch_fetch_now (PpvPage *self)
{
  if (_ppv_page_watch_is_live (self))
    gtk_widget_activate_action (GTK_WIDGET (self->watch_view), "watch.fetch-now", NULL);
}

/* "heap on localhost:6060", from the session's URI. */
void
_ppv_page_watch_texts (PpvPage  *self,
                       char    **title,
                       char    **tab_title,
                       char    **tooltip)
{
  PpvWatchSeries *series = ppv_watch_view_get_series (self->watch_view);
  PpvWatcher *watcher = ppv_watch_view_get_watcher (self->watch_view);
  const char *uri = watcher != NULL ? ppv_watcher_get_uri (watcher)
                                    : series != NULL ? ppv_watch_series_get_uri (series) : NULL;
  g_autoptr(GUri) parsed = uri != NULL ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autofree char *kind = uri != NULL ? ppv_watch_session_dup_kind (uri) : g_strdup ("profile");
  g_autofree char *host = NULL;

  if (parsed != NULL && g_uri_get_host (parsed) != NULL && g_uri_get_port (parsed) > 0)
    host = g_strdup_printf ("%s:%d", g_uri_get_host (parsed), g_uri_get_port (parsed));
  else if (parsed != NULL && g_uri_get_host (parsed) != NULL)
    host = g_strdup (g_uri_get_host (parsed));
  else
    host = g_strdup (uri != NULL ? uri : "");

  /* Translators: a watch tab's title, "heap on localhost:6060". */
  *title = g_strdup_printf (_("%s on %s"), kind, host);
  if (watcher == NULL && series != NULL && ppv_watch_series_get_n_points (series) > 0)
    {
      /* A kept session: its start tells two sessions of one source apart. */
      g_autoptr(GDateTime) start =
        g_date_time_new_from_unix_local (ppv_watch_series_get_point (series, 0)->time / G_USEC_PER_SEC);
      g_autofree char *when = g_date_time_format (start, "%Y-%m-%d %H:%M:%S");

      /* Translators: a re-opened watch session's tab, "Watch: heap · localhost:6060 · 2026-12-07 09:30:15". */
      *tab_title = g_strdup_printf (_("Watch: %s · %s · %s"), kind, host, when);
    }
  else
    {
      /* Translators: a watch tab, "Watch: heap · localhost:6060". */
      *tab_title = g_strdup_printf (_("Watch: %s · %s"), kind, host);
    }
  *tooltip = g_strdup (series != NULL && ppv_watch_series_get_directory (series) != NULL
                       ? ppv_watch_series_get_directory (series) : uri);
}

char *
_ppv_page_watch_dup_session_path (PpvPage *self)
{
  PpvWatcher *watcher = ppv_watch_view_get_watcher (self->watch_view);
  PpvWatchSeries *series = ppv_watch_view_get_series (self->watch_view);

  if (watcher != NULL && ppv_watcher_get_directory (watcher) != NULL)
    return g_strdup (ppv_watcher_get_directory (watcher));
  return series != NULL ? g_strdup (ppv_watch_series_get_directory (series)) : NULL;
}

const char *
_ppv_page_watch_subtitle (PpvPage *self)
{
  return ppv_watch_view_get_summary (self->watch_view);
}

void
ppv_page_watch (PpvPage    *self,
                const char *source,
                gboolean    gc,
                guint       interval)
{
  g_autoptr(PpvWatcher) watcher = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PPV_IS_PAGE (self));
  g_return_if_fail (source != NULL);

  if (interval == 0)
    interval = (guint) ppv_app_settings_get_int ("watch-interval");
  interval = CLAMP (interval, PPV_WATCH_INTERVAL_MIN, PPV_WATCH_INTERVAL_MAX);

  watcher = ppv_watcher_new (source, gc, NULL, NULL, &error);
  if (watcher != NULL)
    {
      ppv_watcher_set_interval (watcher, interval);
      if (!ppv_watcher_start (watcher, &error))
        g_clear_object (&watcher);
    }
  if (watcher == NULL)
    {
      show_watch_error (self, source, error);
      return;
    }

  /* What this tab loaded before makes way for the watch. */
  if (self->pending != NULL)
    ppv_document_cancel (self->pending);
  g_clear_object (&self->pending);
  _ppv_page_loading_changed (self);

  _ppv_page_watch_left (self);
  _ppv_page_set_address (self, ppv_watcher_get_uri (watcher));
  ppv_watch_view_set_watcher (self->watch_view, watcher);
  _ppv_page_show_page (self, "watch");
  gtk_widget_grab_focus (GTK_WIDGET (self->watch_view));
}

static void
session_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PpvPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvWatchSeries) series = ppv_watch_series_load_folder_finish (result, &error);
  g_autofree char *directory = g_steal_pointer (&self->watch_directory);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->watch_cancellable);
  if (series == NULL)
    {
      show_watch_error (self, directory != NULL ? directory : "", error);
      return;
    }
  _ppv_page_set_address (self, ppv_watch_series_get_directory (series));
  ppv_watch_view_set_series (self->watch_view, series);
  _ppv_page_show_page (self, "watch");
}

void
ppv_page_open_watch_session (PpvPage    *self,
                             const char *directory)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (PPV_IS_PAGE (self));
  g_return_if_fail (directory != NULL);

  if (self->pending != NULL)
    ppv_document_cancel (self->pending);
  g_clear_object (&self->pending);
  _ppv_page_loading_changed (self);

  name = g_path_get_basename (directory);
  /* Translators: %s is a watch session's folder name. */
  title = g_strdup_printf (_("Opening watch session %s"), name);
  ppv_loading_page_start (self->loading_page, title, _("Reading every snapshot of the session."));
  /* Leaving a watch stops it and cancels a session still loading. */
  _ppv_page_show_page (self, "loading");
  _ppv_page_watch_left (self);
  self->watch_cancellable = g_cancellable_new ();
  g_free (self->watch_directory);
  self->watch_directory = g_strdup (directory);
  ppv_watch_series_load_folder_async (directory, NULL, self->watch_cancellable, session_loaded_cb,
                                      g_object_ref (self));
}
