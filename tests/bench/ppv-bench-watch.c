/* ppv-bench-watch.c — a long watch of a big heap profile: resident memory and main-loop stalls per snapshot.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   ppv-gen-profile -o heap.pb.gz --functions 10000 --samples 40000 --max-depth 32
 *   ppv-bench-watch heap.pb.gz [SNAPSHOTS=200]
 *   ppv-bench-watch a.pb.gz b.pb.gz c.pb.gz [SNAPSHOTS=200]
 *
 * Serves the files in turn as /debug/pprof/heap from a SoupServer on
 * 127.0.0.1 in this process (one file: every value stays the same, the
 * series stores each once per checkpoint; several made with other seeds:
 * nearly every value changes every time, the worst case) and watches it
 * with a PpvWatcher, asking for the next
 * snapshot as soon as one is in (fetch-now), so 200 snapshots take
 * seconds, not 200 intervals.  Prints the resident set size as it goes,
 * the longest the main loop went without running a 10 ms timer, and the
 * series' own size; exits 1 if the resident set passed 300 MB.
 */
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>

#include "ppv-watcher.h"
#include "ppv-watch-series-private.h"

#define RSS_LIMIT_KB (300 * 1024)

typedef struct
{
  GMainLoop  *loop;
  PpvWatcher *watcher;
  guint       wanted;
  gint64      last_tick;
  gint64      longest_gap;
  glong       tenth_rss;
  glong       peak_rss;
  gint64      started;
} Bench;

static glong
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + strlen ("VmRSS:"), NULL, 10) : -1;
}

typedef struct
{
  GPtrArray *files;   /* GBytes* */
  guint      served;
} Served;

static void
serve (SoupServer        *server,
       SoupServerMessage *msg,
       const char        *path,
       GHashTable        *query,
       gpointer           user_data)
{
  Served *served = user_data;
  GBytes *bytes = g_ptr_array_index (served->files, served->served++ % served->files->len);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "application/octet-stream", NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bytes);
}

static gboolean
tick (gpointer user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();

  if (bench->last_tick != 0)
    bench->longest_gap = MAX (bench->longest_gap, now - bench->last_tick);
  bench->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static gsize
series_bytes (PpvWatchSeries *series)
{
  g_autoptr(PpvWatchFrozen) frozen = ppv_watch_series_freeze (series);
  gsize bytes = 0;

  for (guint s = 0; s < ppv_watch_frozen_get_n_snapshots (frozen); s++)
    {
      const guint32 *ids;
      const gint64 *flat;
      gboolean checkpoint;

      bytes += _ppv_watch_frozen_get_stored (frozen, s, &checkpoint, &ids, &flat) *
               (sizeof (guint32) + sizeof (gint64));
    }
  for (guint32 i = 0; i < _ppv_watch_frozen_get_n_names (frozen); i++)
    bytes += strlen (_ppv_watch_frozen_get_name (frozen, i)) + 1;
  return bytes;
}

static void
snapshot_added (PpvWatcher *watcher,
                guint       snapshot,
                const char *path,
                PpvProfile *profile,
                gpointer    user_data)
{
  Bench *bench = user_data;
  guint n = snapshot + 1;
  glong rss = rss_kb ();

  bench->peak_rss = MAX (bench->peak_rss, rss);
  /* The first snapshots grow malloc's per-thread arenas once; what
   * follows is what a longer watch costs. */
  if (n == 10)
    bench->tenth_rss = rss;
  if (n == 1 || n == 10 || n % 50 == 0 || n == bench->wanted)
    printf ("snapshot %3u  RSS %6.1f MB  series %6.1f kB  %.2f s\n", n, rss / 1024.0,
            series_bytes (ppv_watcher_get_series (watcher)) / 1024.0,
            (g_get_monotonic_time () - bench->started) / 1e6);
  if (n >= bench->wanted)
    {
      ppv_watcher_stop (watcher);
      g_main_loop_quit (bench->loop);
      return;
    }
  /* The next at once: the watch's own interval would make this minutes. */
  ppv_watcher_fetch_now (watcher);
}

static void
fetch_failed (PpvWatcher *watcher,
              const char *message,
              gpointer    user_data)
{
  g_printerr ("fetch failed: %s\n", message);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(PpvWatcher) watcher = NULL;
  Served served = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref), 0 };
  int n_files = argc - 1;
  g_autofree char *directory = NULL;
  g_autofree char *uri = NULL;
  GSList *uris;
  Bench bench = { 0, };
  gsize len = 0;
  GDir *dir;
  const char *name;

  if (argc < 2)
    {
      g_printerr ("usage: %s HEAP.pb.gz... [SNAPSHOTS]\n", argv[0]);
      return 2;
    }
  bench.wanted = 200;
  if (argc > 2 && g_ascii_isdigit (argv[argc - 1][0]))
    {
      bench.wanted = (guint) g_ascii_strtoull (argv[argc - 1], NULL, 10);
      n_files--;
    }
  for (int i = 1; i <= n_files; i++)
    {
      char *data = NULL;

      if (!g_file_get_contents (argv[i], &data, &len, &error))
        {
          g_printerr ("%s\n", error->message);
          return 2;
        }
      g_ptr_array_add (served.files, g_bytes_new_take (data, len));
    }

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, "/debug/pprof/heap", serve, &served, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  uris = soup_server_get_uris (server);
  uri = g_strdup_printf ("http://127.0.0.1:%d/debug/pprof/heap", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  directory = g_dir_make_tmp ("ppv-bench-watch-XXXXXX", &error);
  watcher = ppv_watcher_new (uri, FALSE, directory, NULL, &error);
  g_assert_no_error (error);
  ppv_watcher_set_interval (watcher, 1);
  bench.loop = g_main_loop_new (NULL, FALSE);
  bench.watcher = watcher;
  g_signal_connect (watcher, "snapshot-added", G_CALLBACK (snapshot_added), &bench);
  g_signal_connect (watcher, "fetch-failed", G_CALLBACK (fetch_failed), &bench);
  g_timeout_add (10, tick, &bench);

  printf ("watching %u profile%s of %.2f MB (the last) %u times; RSS before: %.1f MB\n",
          served.files->len, served.files->len == 1 ? "" : "s", len / 1048576.0, bench.wanted,
          rss_kb () / 1024.0);
  bench.started = g_get_monotonic_time ();
  if (!ppv_watcher_start (watcher, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  g_main_loop_run (bench.loop);
  while (ppv_watcher_is_saving (watcher))
    g_main_context_iteration (NULL, TRUE);

  printf ("snapshots %u, peak RSS %.1f MB, growth from snapshot 10 to the peak %.1f MB, "
          "longest main-loop gap %.1f ms\n",
          ppv_watcher_get_n_snapshots (watcher), bench.peak_rss / 1024.0,
          (bench.peak_rss - bench.tenth_rss) / 1024.0, bench.longest_gap / 1000.0);

  dir = g_dir_open (directory, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);
      g_unlink (path);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (directory);

  g_main_loop_unref (bench.loop);
  g_clear_object (&watcher);
  g_clear_object (&server);
  g_ptr_array_unref (served.files);
  if (bench.peak_rss > RSS_LIMIT_KB)
    {
      printf ("FAIL: resident set over 300 MB\n");
      return 1;
    }
  return 0;
}
