/* ppv-cli-watch.c — `pprof-viewer --watch … SOURCE`: snapshots on a timeline, then the growth report.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints one line per attempt as it happens, keeps every snapshot, and at
 * the end (--count snapshots, SIGINT or SIGTERM, or --count failed
 * attempts in a row) prints what `pprof-viewer --top --diff-base=FIRST
 * LAST` prints for the first and last snapshot, by the same code, and the
 * growth ranking of the whole series.  Output is not translated: scripts
 * read it, as they read --top.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <glib-unix.h>

#include "ppv-cli-private.h"
#include "ppv-watch-session.h"
#include "ppv-watcher.h"

/* Rows of the growth ranking printed when --nodecount does not say. */
#define RANKING_ROWS 20

typedef struct
{
  CliOptions *o;
  PpvWatcher *watcher;
  GMainLoop  *loop;
  guint       failures;     /* attempts failed since the last snapshot */
  gboolean    interrupted;
} Watch;

static void
print_line (gint64      time_us,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static void
print_line (gint64      time_us,
            const char *format,
            ...)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (time_us / G_USEC_PER_SEC);
  g_autofree char *stamp = g_date_time_format (when, "%H:%M:%S");
  va_list args;

  printf ("%s ", stamp);
  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  putchar ('\n');
  fflush (stdout);
}

static void
finish (Watch *watch)
{
  ppv_watcher_stop (watch->watcher);
  g_main_loop_quit (watch->loop);
}

static void
snapshot_added (PpvWatcher *watcher,
                guint       snapshot,
                const char *path,
                PpvProfile *profile,
                gpointer    user_data)
{
  Watch *watch = user_data;
  PpvWatchSeries *series = ppv_watcher_get_series (watcher);
  const PpvWatchPoint *point = ppv_watch_series_get_snapshot (series, snapshot);
  gint64 total = ppv_watch_series_get_total (series, snapshot);
  g_autofree char *value = ppv_watch_series_format_value (series, total, FALSE);
  g_autofree char *delta = NULL;

  watch->failures = 0;
  if (snapshot > 0)
    {
      g_autofree char *change = ppv_watch_series_format_value (series, total - ppv_watch_series_get_total (series, snapshot - 1), TRUE);
      delta = g_strdup_printf (" (%s)%s", change, point->restart ? " restarted" : "");
    }
  print_line (point->time, "#%u %s%s", point->number, value, delta != NULL ? delta : "");

  if (watch->o->count > 0 && ppv_watcher_get_n_snapshots (watcher) >= (guint) watch->o->count)
    finish (watch);
}

static void
fetch_failed (PpvWatcher *watcher,
              const char *message,
              gpointer    user_data)
{
  Watch *watch = user_data;

  print_line (g_get_real_time (), "fetch failed: %s", message);
  /* A service that never answers ends the watch after as many attempts
   * as it would have taken snapshots. */
  if (watch->o->count > 0 && ++watch->failures >= (guint) watch->o->count)
    finish (watch);
}

static gboolean
interrupted (gpointer user_data)
{
  Watch *watch = user_data;

  watch->interrupted = TRUE;
  finish (watch);
  return G_SOURCE_CONTINUE;
}

static void
print_ranking (PpvWatchSeries *series,
               int             nodecount)
{
  guint n = ppv_watch_series_get_n_snapshots (series);
  g_autoptr(PpvWatchRanking) ranking = ppv_watch_series_rank (series, 0, n - 1);
  guint limit = nodecount > 0 ? (guint) nodecount : RANKING_ROWS;
  guint printed = 0;

  printf ("Growth of %s from #%u to #%u%s:\n",
          ppv_watch_series_get_sample_type (series, ppv_watch_series_get_sample_index (series)),
          ppv_watch_series_get_snapshot (series, 0)->number,
          ppv_watch_series_get_snapshot (series, n - 1)->number,
          /* The comparison above is the user's --top --diff-base as
           * given; only this ranking hides the runtime by default. */
          ppv_watch_series_get_runtime_hidden (series)
            ? ", each stack counted in its deepest function outside the Go runtime"
              " (this ranking only, as with --hide='^runtime\\.')"
            : "");
  for (guint i = 0; i < ppv_watch_ranking_get_n_rows (ranking) && printed < limit; i++)
    {
      const PpvWatchGrowthRow *row = ppv_watch_ranking_get_row (ranking, i);
      g_autofree char *delta = NULL;

      /* Rows are in Δ order: what follows did not grow. */
      if (row->delta <= 0)
        break;
      delta = ppv_watch_series_format_value (series, row->delta, TRUE);
      printf ("%10s  grew in %u of %u  %s\n", delta, row->grew, row->n_intervals, row->name);
      printed++;
    }
  if (printed == 0)
    printf ("nothing grew\n");
  fflush (stdout);
}

/* The first and last snapshot through the --top --diff-base code path. */
static int
print_report (CliOptions     *o,
              PpvWatchSeries *series)
{
  guint n = ppv_watch_series_get_n_snapshots (series);
  const PpvWatchPoint *first = ppv_watch_series_get_snapshot (series, 0);
  const PpvWatchPoint *last = ppv_watch_series_get_snapshot (series, n - 1);
  char *base[] = { (char *) first->path, NULL };
  char *sources[] = { (char *) last->path, NULL };
  CliOptions report = *o;
  int status;

  printf ("Comparing #%u %s with #%u %s:\n", first->number, first->path, last->number, last->path);
  fflush (stdout);
  report.diff_base = base;
  report.base = NULL;
  report.sources = sources;
  status = _ppv_cli_run_report (&report);
  if (status != 0)
    return status;
  print_ranking (series, o->report.nodecount);
  return 0;
}

int
_ppv_cli_run_watch (CliOptions *o)
{
  g_autoptr(PpvWatcher) watcher = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  PpvWatchSeries *series;
  Watch watch = { o, };
  guint sigint, sigterm;

  if (o->sources == NULL || o->sources[0] == NULL || o->sources[1] != NULL)
    {
      _ppv_cli_printerr ("pprof-viewer: --watch takes one source (host:port/debug/pprof/<kind> or its URL)\n");
      return 2;
    }
  if (o->diff_base != NULL || o->base != NULL)
    {
      _ppv_cli_printerr ("pprof-viewer: --watch compares its first and last snapshot; it takes no --base or --diff-base\n");
      return 2;
    }
  if (o->interval == -1)
    o->interval = PPV_WATCH_INTERVAL_DEFAULT;
  if (o->interval < PPV_WATCH_INTERVAL_MIN || o->interval > PPV_WATCH_INTERVAL_MAX)
    {
      _ppv_cli_printerr ("pprof-viewer: --interval must be between %d and %d seconds\n",
                         PPV_WATCH_INTERVAL_MIN, PPV_WATCH_INTERVAL_MAX);
      return 2;
    }
  if (o->count == 0 || o->count < -1)
    {
      _ppv_cli_printerr ("pprof-viewer: --count must be at least 1\n");
      return 2;
    }

  watcher = ppv_watcher_new (o->sources[0], o->gc, o->output_dir, &o->report, &error);
  if (watcher == NULL)
    {
      _ppv_cli_printerr ("pprof-viewer: %s\n", error->message);
      return 2;
    }
  ppv_watcher_set_interval (watcher, (guint) o->interval);

  loop = g_main_loop_new (NULL, FALSE);
  watch.watcher = watcher;
  watch.loop = loop;
  g_signal_connect (watcher, "snapshot-added", G_CALLBACK (snapshot_added), &watch);
  g_signal_connect (watcher, "fetch-failed", G_CALLBACK (fetch_failed), &watch);
  sigint = g_unix_signal_add (SIGINT, interrupted, &watch);
  sigterm = g_unix_signal_add (SIGTERM, interrupted, &watch);

  if (!ppv_watcher_start (watcher, &error))
    {
      g_source_remove (sigint);
      g_source_remove (sigterm);
      _ppv_cli_printerr ("pprof-viewer: %s\n", error->message);
      return 1;
    }
  _ppv_cli_printerr ("Watching %s every %d s; snapshots in %s\n",
                     ppv_watcher_get_uri (watcher), o->interval, ppv_watcher_get_directory (watcher));

  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  /* The manifest's last write, so the folder re-opens with every gap. */
  while (ppv_watcher_is_saving (watcher))
    g_main_context_iteration (NULL, TRUE);

  series = ppv_watcher_get_series (watcher);
  if (ppv_watch_series_get_n_snapshots (series) < 2)
    {
      _ppv_cli_printerr ("pprof-viewer: %u snapshot%s of %s: no growth to report\n",
                         ppv_watch_series_get_n_snapshots (series),
                         ppv_watch_series_get_n_snapshots (series) == 1 ? "" : "s",
                         ppv_watcher_get_uri (watcher));
      return 1;
    }
  return print_report (o, series);
}
