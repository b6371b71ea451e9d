/* test-watcher.c — PpvWatcher against a real server on 127.0.0.1: snapshots kept, states, pause, options, backoff.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The interval is long (a minute) so no timer fires during a test: every
 * fetch here is started by start(), fetch_now() or resume(), and the
 * timers are checked by the time they are set for, not by waiting.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "fetch-test-server.h"
#include "ppv-fetch-error.h"
#include "ppv-watch-session.h"
#include "ppv-watcher.h"

#define GUARD_SECONDS 15

typedef struct
{
  guint    snapshots;
  guint    failures;
  guint    series_changes;
  gboolean profile_given;
  char    *last_path;
  char    *last_message;
} Events;

static gboolean
on_guard (gpointer data)
{
  g_error ("the watcher did not get there within %d s", GUARD_SECONDS);
  return G_SOURCE_REMOVE;
}

static void
wait_until (const guint *counter,
            guint        value)
{
  guint guard = g_timeout_add_seconds (GUARD_SECONDS, on_guard, NULL);

  while (*counter < value)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
}

static void
on_snapshot (PpvWatcher *watcher,
             guint       snapshot,
             const char *path,
             PpvProfile *profile,
             Events     *events)
{
  g_assert_cmpuint (snapshot, ==, events->snapshots);
  g_assert_cmpuint (ppv_watch_series_get_n_snapshots (ppv_watcher_get_series (watcher)), ==, snapshot + 1);
  events->profile_given = profile != NULL && profile->n_samples > 0;
  g_free (events->last_path);
  events->last_path = g_strdup (path);
  events->snapshots++;
}

static void
on_failed (PpvWatcher *watcher,
           const char *message,
           Events     *events)
{
  g_free (events->last_message);
  events->last_message = g_strdup (message);
  events->failures++;
}

static void
on_series (PpvWatcher *watcher,
           GParamSpec *pspec,
           Events     *events)
{
  events->series_changes++;
}

static void
events_clear (Events *events)
{
  g_free (events->last_path);
  g_free (events->last_message);
}

static PpvWatcher *
new_watcher (const char *uri,
             const char *directory,
             Events     *events)
{
  g_autoptr(GError) error = NULL;
  PpvWatcher *watcher = ppv_watcher_new (uri, FALSE, directory, NULL, &error);

  g_assert_no_error (error);
  ppv_watcher_set_interval (watcher, 60);
  g_signal_connect (watcher, "snapshot-added", G_CALLBACK (on_snapshot), events);
  g_signal_connect (watcher, "fetch-failed", G_CALLBACK (on_failed), events);
  g_signal_connect (watcher, "notify::series", G_CALLBACK (on_series), events);
  return watcher;
}

static void
wait_saved (PpvWatcher *watcher)
{
  while (ppv_watcher_is_saving (watcher))
    g_main_context_iteration (NULL, TRUE);
}

static void
remove_folder (const char *directory)
{
  GDir *dir = g_dir_open (directory, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);
      g_unlink (path);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (directory);
}

/* What can be watched, and the URI fetched. */
static void
test_sources (void)
{
  static const struct { const char *source; gboolean gc; const char *uri; } good[] = {
    { "localhost:6060", FALSE, "http://localhost:6060/debug/pprof/heap" },
    { "localhost:6060", TRUE, "http://localhost:6060/debug/pprof/heap?gc=1" },
    { "http://h:1/debug/pprof/goroutine", TRUE, "http://h:1/debug/pprof/goroutine" },
    { "h:1/debug/pprof/allocs?debug=0", TRUE, "http://h:1/debug/pprof/allocs?debug=0&gc=1" },
  };
  static const char * const bad[] = {
    "h:1/debug/pprof/profile", "h:1/debug/pprof/trace?seconds=1", "heap.pb.gz", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PpvWatcher) watcher = ppv_watcher_new (good[i].source, good[i].gc, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (ppv_watcher_get_uri (watcher), ==, good[i].uri);
      g_assert_cmpint (ppv_watcher_get_state (watcher), ==, PPV_WATCH_STATE_STOPPED);
      g_assert_cmpuint (ppv_watcher_get_interval (watcher), ==, PPV_WATCH_INTERVAL_DEFAULT);
      g_assert_null (ppv_watcher_get_directory (watcher));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (ppv_watcher_new (bad[i], FALSE, NULL, NULL, &error));
      g_assert_error (error, PPV_FETCH_ERROR, PPV_FETCH_ERROR_INVALID_SOURCE);
    }
}

static void
test_snapshots (void)
{
  g_autofree char *directory = g_dir_make_tmp ("ppv-watcher-XXXXXX", NULL);
  g_autofree char *uri = g_strconcat (fetch_test_server_get_base (), "/debug/pprof/heap", NULL);
  g_autoptr(PpvWatcher) watcher = NULL;
  g_autoptr(PpvWatchSeries) reopened = NULL;
  g_autoptr(PpvWatchManifest) manifest = NULL;
  g_autoptr(GError) error = NULL;
  Events events = { 0, };
  PpvWatchSeries *series;
  PpvReportOptions options;
  gint64 now;

  watcher = new_watcher (uri, directory, &events);
  g_assert_true (ppv_watcher_start (watcher, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ppv_watcher_get_state (watcher), ==, PPV_WATCH_STATE_FETCHING);
  g_assert_cmpint (ppv_watcher_get_next_fetch_time (watcher), ==, 0);
  wait_until (&events.snapshots, 1);

  /* Kept, decoded, in the series, and the next fetch an interval away. */
  now = g_get_real_time ();
  g_assert_cmpint (ppv_watcher_get_state (watcher), ==, PPV_WATCH_STATE_CONNECTED);
  g_assert_cmpint (ppv_watcher_get_next_fetch_time (watcher), >, now + 55 * G_USEC_PER_SEC);
  g_assert_cmpint (ppv_watcher_get_next_fetch_time (watcher), <=, now + 60 * G_USEC_PER_SEC);
  g_assert_cmpuint (ppv_watcher_get_n_snapshots (watcher), ==, 1);
  g_assert_true (events.profile_given);
  g_assert_true (g_str_has_prefix (events.last_path, directory));
  g_assert_true (g_file_test (events.last_path, G_FILE_TEST_IS_REGULAR));
  series = ppv_watcher_get_series (watcher);
  g_assert_cmpstr (ppv_watch_series_get_snapshot (series, 0)->path, ==, events.last_path);
  g_assert_cmpuint (ppv_watch_series_get_snapshot (series, 0)->number, ==, 1);
  g_assert_cmpstr (ppv_watch_series_get_directory (series), ==, directory);

  ppv_watcher_fetch_now (watcher);
  wait_until (&events.snapshots, 2);

  /* Paused: nothing scheduled; resumed: a fetch at once. */
  ppv_watcher_pause (watcher);
  g_assert_cmpint (ppv_watcher_get_state (watcher), ==, PPV_WATCH_STATE_PAUSED);
  g_assert_cmpint (ppv_watcher_get_next_fetch_time (watcher), ==, 0);
  ppv_watcher_fetch_now (watcher);
  g_assert_cmpint (ppv_watcher_get_state (watcher), ==, PPV_WATCH_STATE_PAUSED);
  ppv_watcher_resume (watcher);
  g_assert_cmpint (ppv_watcher_get_state (watcher), ==, PPV_WATCH_STATE_FETCHING);
  wait_until (&events.snapshots, 3);

  /* Other options: a new series from the files, then it grows. */
  ppv_report_options_init (&options);
  options.sample_index = g_strdup ("alloc_space");
  ppv_watcher_set_report_options (watcher, &options);
  ppv_report_options_clear (&options);
  wait_until (&events.series_changes, 1);
  series = ppv_watcher_get_series (watcher);
  g_assert_cmpuint (ppv_watch_series_get_n_snapshots (series), ==, 3);
  g_assert_cmpstr (ppv_watch_series_get_sample_type (series, ppv_watch_series_get_sample_index (series)),
                   ==, "alloc_space");
  ppv_watcher_fetch_now (watcher);
  wait_until (&events.snapshots, 4);
  g_assert_cmpuint (ppv_watch_series_get_n_snapshots (series), ==, 4);

  ppv_watcher_stop (watcher);
  g_assert_cmpint (ppv_watcher_get_state (watcher), ==, PPV_WATCH_STATE_STOPPED);
  g_assert_cmpint (ppv_watcher_get_next_fetch_time (watcher), ==, 0);
  wait_saved (watcher);

  /* The folder alone gives the session back. */
  manifest = ppv_watch_manifest_load (directory, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ppv_watch_manifest_get_uri (manifest), ==, uri);
  g_assert_cmpuint (ppv_watch_manifest_get_interval (manifest), ==, 60);
  g_assert_cmpuint (ppv_watch_manifest_get_n_events (manifest), ==, 4);
  reopened = ppv_watch_series_load_folder (directory, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ppv_watch_series_get_n_snapshots (reopened), ==, 4);
  for (guint s = 0; s < 4; s++)
    g_assert_cmpint (ppv_watch_series_get_snapshot (reopened, s)->time, ==,
                     ppv_watch_series_get_snapshot (series, s)->time);

  remove_folder (directory);
  events_clear (&events);
}

/* Failures are gaps; each retry waits longer (one interval, two, four),
 * never more than a minute. */
static void
test_backoff (void)
{
  g_autofree char *directory = g_dir_make_tmp ("ppv-watcher-XXXXXX", NULL);
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u/debug/pprof/heap", fetch_test_unused_port ());
  g_autoptr(PpvWatcher) watcher = NULL;
  g_autoptr(PpvWatchManifest) manifest = NULL;
  g_autoptr(GError) error = NULL;
  Events events = { 0, };
  static const guint delays[] = { 20, 40, 60, 60 };
  PpvWatchSeries *series;

  watcher = new_watcher (uri, directory, &events);
  ppv_watcher_set_interval (watcher, 20);
  g_assert_true (ppv_watcher_start (watcher, &error));
  for (guint i = 0; i < G_N_ELEMENTS (delays); i++)
    {
      gint64 now;

      if (i > 0)
        ppv_watcher_fetch_now (watcher);
      wait_until (&events.failures, i + 1);
      now = g_get_real_time ();
      g_assert_cmpint (ppv_watcher_get_state (watcher), ==, PPV_WATCH_STATE_FAILING);
      g_assert_cmpint (ppv_watcher_get_next_fetch_time (watcher), >, now + (delays[i] - 5) * G_USEC_PER_SEC);
      g_assert_cmpint (ppv_watcher_get_next_fetch_time (watcher), <=, now + delays[i] * G_USEC_PER_SEC);
    }
  g_assert_nonnull (strstr (events.last_message, "127.0.0.1"));
  g_assert_cmpstr (ppv_watcher_get_last_error (watcher), ==, events.last_message);
  series = ppv_watcher_get_series (watcher);
  g_assert_cmpuint (ppv_watch_series_get_n_points (series), ==, 4);
  g_assert_cmpuint (ppv_watch_series_get_n_snapshots (series), ==, 0);
  g_assert_cmpint (ppv_watch_series_get_point (series, 3)->kind, ==, PPV_WATCH_POINT_GAP);
  g_assert_cmpstr (ppv_watch_series_get_point (series, 3)->message, ==, events.last_message);

  ppv_watcher_stop (watcher);
  wait_saved (watcher);
  manifest = ppv_watch_manifest_load (directory, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ppv_watch_manifest_get_n_events (manifest), ==, 4);
  g_assert_cmpint (ppv_watch_manifest_get_event (manifest, 0, NULL, NULL, NULL), ==, PPV_WATCH_EVENT_GAP);

  remove_folder (directory);
  events_clear (&events);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* Nothing of the test may land in the user's kept profiles. */
  g_setenv ("XDG_DATA_HOME", g_get_tmp_dir (), TRUE);

  fetch_test_server_start ();

  g_test_add_func ("/ppv/fetch/watcher/sources", test_sources);
  g_test_add_func ("/ppv/fetch/watcher/snapshots", test_snapshots);
  g_test_add_func ("/ppv/fetch/watcher/backoff", test_backoff);

  status = g_test_run ();
  fetch_test_server_stop ();
  return status;
}
