/* test-watch-series.c — the compact watch series: values as --top prints them, ranking, restarts, session folders.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "ppv-error.h"
#include "ppv-reader.h"
#include "ppv-report.h"
#include "ppv-test-profile.h"
#include "ppv-watch-series.h"
#include "ppv-watch-series-private.h"
#include "ppv-watch-session.h"

#define HOUR ((gint64) 3600 * G_USEC_PER_SEC)
#define T0   ((gint64) 1796600000 * G_USEC_PER_SEC)

static PpvWatchValues *
values_from_folded (const char             *types,
                    const char             *folded,
                    const PpvReportOptions *options)
{
  g_autoptr(PpvProfile) profile = ppv_test_profile_from_folded (types, folded);
  g_autoptr(GError) error = NULL;
  PpvWatchValues *values = ppv_watch_values_new (profile, options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (values);
  return values;
}

static void
add_folded (PpvWatchSeries *series,
            const char     *types,
            const char     *folded,
            gint64          time)
{
  g_autoptr(PpvWatchValues) values = values_from_folded (types, folded, ppv_watch_series_get_options (series));
  g_autoptr(GError) error = NULL;
  guint n = ppv_watch_series_get_n_snapshots (series);
  g_autofree char *path = g_strdup_printf ("/nowhere/%04u.pb.gz", n + 1);
  guint snapshot = G_MAXUINT;

  g_assert_true (ppv_watch_series_add_snapshot (series, values, n + 1, path, time, &snapshot, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (snapshot, ==, n);
}

static const PpvWatchGrowthRow *
find_row (PpvWatchRanking *ranking,
          const char      *name,
          guint           *position)
{
  for (guint i = 0; i < ppv_watch_ranking_get_n_rows (ranking); i++)
    if (strcmp (ppv_watch_ranking_get_row (ranking, i)->name, name) == 0)
      {
        if (position != NULL)
          *position = i;
        return ppv_watch_ranking_get_row (ranking, i);
      }
  return NULL;
}

/* The series keeps each node's flat value exactly as the report has it,
 * every node (not only those --top shows), at the options' granularity. */
static void
test_values_equal_report (void)
{
  const char *folded =
    "main;serve;leak 7000\n"
    "main;serve;tiny 1\n"
    "main;other 300\n"
    "main 5\n";
  g_autoptr(PpvProfile) profile = ppv_test_profile_from_folded ("space/bytes", folded);
  g_autoptr(PpvWatchSeries) series = ppv_watch_series_new (NULL);
  PpvReportOptions options;
  g_autoptr(PpvReport) report = NULL;
  g_autoptr(PpvWatchRanking) ranking = NULL;

  add_folded (series, "space/bytes", folded, T0);
  add_folded (series, "space/bytes", "main 5\n", T0 + HOUR);

  ppv_report_options_init (&options);
  options.trim = FALSE;
  report = ppv_report_new (profile, &options, PPV_REPORT_KIND_TEXT, NULL, NULL);
  g_assert_nonnull (report);
  ranking = ppv_watch_series_rank (series, 0, 0);
  g_assert_cmpuint (ppv_watch_ranking_get_n_rows (ranking), ==, 4);
  for (guint i = 0; i < ppv_report_get_n_rows (report); i++)
    {
      const PpvReportRow *row = ppv_report_get_row (report, i);
      const PpvWatchGrowthRow *growth = find_row (ranking, row->name, NULL);

      if (row->flat == 0)
        {
          g_assert_null (growth);
          continue;
        }
      g_assert_nonnull (growth);
      g_assert_cmpint (growth->value_a, ==, row->flat);
    }
  g_assert_cmpint (ppv_watch_series_get_total (series, 0), ==, 7306);
  g_assert_cmpint (ppv_watch_series_get_total (series, 1), ==, 5);
  ppv_report_options_clear (&options);
}

/* Equal Δ: the node that grew every interval ranks above the one that
 * jumped once; slope is least squares per hour; a shrinking node is last. */
static void
test_rank_steady_over_jump (void)
{
  g_autoptr(PpvWatchSeries) series = ppv_watch_series_new (NULL);
  g_autoptr(PpvWatchRanking) ranking = NULL;
  g_autoptr(PpvWatchRanking) part = NULL;
  const PpvWatchGrowthRow *row;
  guint position;

  add_folded (series, "space/bytes", "main;jump 100\nmain;steady 100\nmain;shrink 50\n", T0);
  add_folded (series, "space/bytes", "main;jump 100\nmain;steady 200\nmain;shrink 40\n", T0 + HOUR);
  add_folded (series, "space/bytes", "main;jump 100\nmain;steady 300\nmain;shrink 30\n", T0 + 2 * HOUR);
  add_folded (series, "space/bytes", "main;jump 400\nmain;steady 400\n", T0 + 3 * HOUR);

  ranking = ppv_watch_series_rank (series, 0, 3);
  g_assert_cmpuint (ppv_watch_ranking_get_n_rows (ranking), ==, 3);

  row = ppv_watch_ranking_get_row (ranking, 0);
  g_assert_cmpstr (row->name, ==, "steady");
  g_assert_cmpint (row->value_a, ==, 100);
  g_assert_cmpint (row->value_b, ==, 400);
  g_assert_cmpint (row->delta, ==, 300);
  g_assert_cmpuint (row->grew, ==, 3);
  g_assert_cmpuint (row->n_intervals, ==, 3);
  g_assert_cmpfloat_with_epsilon (row->slope, 100.0, 1e-9);
  g_assert_cmpint (row->values[0], ==, 100);
  g_assert_cmpint (row->values[3], ==, 400);

  row = ppv_watch_ranking_get_row (ranking, 1);
  g_assert_cmpstr (row->name, ==, "jump");
  g_assert_cmpint (row->delta, ==, 300);
  g_assert_cmpuint (row->grew, ==, 1);
  /* x = 0,1,2,3 h; y = 100,100,100,400: Sxy = 450, Sxx = 5. */
  g_assert_cmpfloat_with_epsilon (row->slope, 90.0, 1e-9);

  row = find_row (ranking, "shrink", &position);
  g_assert_nonnull (row);
  g_assert_cmpuint (position, ==, 2);
  g_assert_cmpint (row->value_b, ==, 0);
  g_assert_cmpint (row->delta, ==, -50);
  g_assert_cmpuint (row->grew, ==, 0);

  /* A sub-range: only what happened between its ends. */
  part = ppv_watch_series_rank (series, 1, 2);
  row = find_row (part, "jump", NULL);
  g_assert_cmpint (row->delta, ==, 0);
  g_assert_cmpuint (row->n_intervals, ==, 1);
  g_assert_cmpstr (ppv_watch_ranking_get_row (part, 0)->name, ==, "steady");

  {
    guint n = 0;
    g_autofree gint64 *values = ppv_watch_series_dup_node_values (series, "shrink", &n);

    g_assert_cmpuint (n, ==, 4);
    g_assert_cmpint (values[0], ==, 50);
    g_assert_cmpint (values[3], ==, 0);
    g_assert_null (ppv_watch_series_dup_node_values (series, "absent", &n));
  }
}

/* A cumulative total that falls means a new process; an inuse or
 * goroutine count falling does not. */
static void
test_restart (void)
{
  g_autoptr(PpvWatchSeries) heap = NULL;
  g_autoptr(PpvWatchSeries) goroutines = ppv_watch_series_new (NULL);
  PpvReportOptions options;
  const char *types = "alloc_space/bytes,inuse_space/bytes";

  ppv_report_options_init (&options);
  options.sample_index = g_strdup ("inuse_space");
  heap = ppv_watch_series_new (&options);
  add_folded (heap, types, "main;a 100,50\n", T0);
  add_folded (heap, types, "main;a 200,20\n", T0 + 1);   /* inuse fell: same process */
  add_folded (heap, types, "main;a 60,60\n", T0 + 2);    /* allocated fell: restarted */
  add_folded (heap, types, "main;a 90,60\n", T0 + 3);
  g_assert_false (ppv_watch_series_get_snapshot (heap, 0)->restart);
  g_assert_false (ppv_watch_series_get_snapshot (heap, 1)->restart);
  g_assert_true (ppv_watch_series_get_snapshot (heap, 2)->restart);
  g_assert_false (ppv_watch_series_get_snapshot (heap, 3)->restart);
  g_assert_cmpuint (ppv_watch_series_get_sample_index (heap), ==, 1);
  g_assert_cmpint (ppv_watch_series_get_total (heap, 1), ==, 20);
  g_assert_cmpint (ppv_watch_series_get_snapshot (heap, 2)->totals[0], ==, 60);

  add_folded (goroutines, "goroutine/count", "main;park 10\n", T0);
  add_folded (goroutines, "goroutine/count", "main;park 2\n", T0 + 1);
  g_assert_false (ppv_watch_series_get_snapshot (goroutines, 1)->restart);
  ppv_report_options_clear (&options);
}

/* A profile of another kind does not join the series. */
static void
test_incompatible (void)
{
  g_autoptr(PpvWatchSeries) series = ppv_watch_series_new (NULL);
  g_autoptr(PpvWatchValues) other = values_from_folded ("goroutine/count", "main 1\n", NULL);
  g_autoptr(GError) error = NULL;

  add_folded (series, "space/bytes", "main 1\n", T0);
  g_assert_false (ppv_watch_series_add_snapshot (series, other, 2, "/x/0002.pb.gz", T0 + 1, NULL, &error));
  g_assert_error (error, PPV_REPORT_ERROR, PPV_REPORT_ERROR_INCOMPATIBLE);
  g_assert_cmpuint (ppv_watch_series_get_n_snapshots (series), ==, 1);
}

/* A long series stores what changed between snapshots (and everything
 * at checkpoints); reading any range gives every value back. */
static void
test_long_series (void)
{
  g_autoptr(PpvWatchSeries) series = ppv_watch_series_new (NULL);
  g_autoptr(PpvWatchRanking) all = NULL;
  g_autoptr(PpvWatchRanking) part = NULL;
  const guint n = 100;
  gsize stored = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *folded = g_strdup_printf ("main;grows %u\nmain;same 7\n%s", i + 1,
                                                 i % 10 == 0 ? "main;blinks 3\n" : "");

      add_folded (series, "space/bytes", folded, T0 + i * G_USEC_PER_SEC);
    }
  {
    g_autoptr(PpvWatchFrozen) frozen = ppv_watch_series_freeze (series);

    for (guint i = 0; i < n; i++)
      {
        const guint32 *ids;
        const gint64 *flat;
        gboolean checkpoint;

        stored += _ppv_watch_frozen_get_stored (frozen, i, &checkpoint, &ids, &flat);
      }
  }
  /* grows every time (100), same only at checkpoints (4), blinks on and
   * off (20): every value of every snapshot would be 210. */
  g_assert_cmpuint (stored, <=, 100 + 4 + 20);

  all = ppv_watch_series_rank (series, 0, n - 1);
  part = ppv_watch_series_rank (series, 45, 71);
  for (guint k = 0; k < 2; k++)
    {
      PpvWatchRanking *ranking = k == 0 ? all : part;
      guint a = ppv_watch_ranking_get_snapshot_a (ranking);
      guint b = ppv_watch_ranking_get_snapshot_b (ranking);
      const PpvWatchGrowthRow *grows = find_row (ranking, "grows", NULL);
      const PpvWatchGrowthRow *same = find_row (ranking, "same", NULL);
      const PpvWatchGrowthRow *blinks = find_row (ranking, "blinks", NULL);

      g_assert_cmpstr (ppv_watch_ranking_get_row (ranking, 0)->name, ==, "grows");
      g_assert_cmpint (grows->delta, ==, b - a);
      g_assert_cmpuint (grows->grew, ==, b - a);
      g_assert_cmpfloat_with_epsilon (grows->slope, 3600.0, 1e-6);
      for (guint s = a; s <= b; s++)
        {
          g_assert_cmpint (grows->values[s - a], ==, s + 1);
          g_assert_cmpint (same->values[s - a], ==, 7);
          g_assert_cmpint (blinks->values[s - a], ==, s % 10 == 0 ? 3 : 0);
        }
      g_assert_cmpuint (same->grew, ==, 0);
    }

  {
    guint count = 0;
    g_autofree gint64 *blinks = ppv_watch_series_dup_node_values (series, "blinks", &count);
    g_autofree gint64 *same = ppv_watch_series_dup_node_values (series, "same", &count);

    g_assert_cmpuint (count, ==, n);
    for (guint s = 0; s < n; s++)
      {
        g_assert_cmpint (blinks[s], ==, s % 10 == 0 ? 3 : 0);
        g_assert_cmpint (same[s], ==, 7);
      }
  }
}

static void
assert_same_ranking (PpvWatchRanking *expected,
                     PpvWatchRanking *actual)
{
  guint width = ppv_watch_ranking_get_snapshot_b (expected) - ppv_watch_ranking_get_snapshot_a (expected) + 1;

  g_assert_cmpuint (ppv_watch_ranking_get_snapshot_a (actual), ==, ppv_watch_ranking_get_snapshot_a (expected));
  g_assert_cmpuint (ppv_watch_ranking_get_snapshot_b (actual), ==, ppv_watch_ranking_get_snapshot_b (expected));
  g_assert_cmpuint (ppv_watch_ranking_get_n_rows (actual), ==, ppv_watch_ranking_get_n_rows (expected));
  for (guint i = 0; i < ppv_watch_ranking_get_n_rows (expected); i++)
    {
      const PpvWatchGrowthRow *e = ppv_watch_ranking_get_row (expected, i);
      const PpvWatchGrowthRow *a = ppv_watch_ranking_get_row (actual, i);

      g_assert_cmpstr (a->name, ==, e->name);
      g_assert_cmpint (a->delta, ==, e->delta);
      g_assert_cmpuint (a->grew, ==, e->grew);
      g_assert_cmpuint (a->n_intervals, ==, e->n_intervals);
      g_assert_cmpfloat (a->slope, ==, e->slope);
      g_assert_cmpmem (a->values, sizeof (gint64) * width, e->values, sizeof (gint64) * width);
    }
}

static gint adding_done;

static gpointer
rank_frozen_thread (gpointer data)
{
  PpvWatchFrozen *frozen = data;
  guint n = ppv_watch_frozen_get_n_snapshots (frozen);
  PpvWatchRanking *last = NULL;

  /* Rank over and over while the main thread adds snapshots. */
  do
    {
      ppv_watch_ranking_unref (last);
      last = ppv_watch_frozen_rank (frozen, 0, n - 1);
    }
  while (!g_atomic_int_get (&adding_done));
  return last;
}

/* A frozen copy ranks in a worker exactly as the series ranked when it
 * was frozen, however many snapshots (with new names, past checkpoints)
 * the series gains meanwhile. */
static void
test_frozen_rank (void)
{
  g_autoptr(PpvWatchSeries) series = ppv_watch_series_new (NULL);
  g_autoptr(PpvWatchRanking) expected = NULL;
  g_autoptr(PpvWatchRanking) ranked = NULL;
  g_autoptr(PpvWatchRanking) again = NULL;
  g_autoptr(PpvWatchFrozen) frozen = NULL;
  GThread *thread = NULL;
  const guint before = 40, after = 300;

  for (guint i = 0; i < before + after; i++)
    {
      g_autoptr(GString) folded = g_string_new (NULL);

      g_string_append_printf (folded, "main;grows %u\nmain;jumps %u\nmain;same 7\n",
                              i + 1, i < 20 ? 1 : 50);
      /* New names keep coming, so the series' name table reallocates. */
      for (guint k = 0; k < 8; k++)
        g_string_append_printf (folded, "main;n%u_%u %u\n", i, k, k + 1);
      if (i == before)
        {
          expected = ppv_watch_series_rank (series, 0, before - 1);
          frozen = ppv_watch_series_freeze (series);
          thread = g_thread_new ("rank-frozen", rank_frozen_thread, frozen);
        }
      add_folded (series, "space/bytes", folded->str, T0 + i * G_USEC_PER_SEC);
    }
  g_atomic_int_set (&adding_done, TRUE);
  ranked = g_thread_join (thread);

  g_assert_cmpuint (ppv_watch_frozen_get_n_snapshots (frozen), ==, before);
  g_assert_cmpuint (ppv_watch_series_get_n_snapshots (series), ==, before + after);
  g_assert_cmpstr (ppv_watch_ranking_get_row (expected, 0)->name, ==, "jumps");
  assert_same_ranking (expected, ranked);
  /* And the series itself still ranks that range the same. */
  again = ppv_watch_series_rank (series, 0, before - 1);
  assert_same_ranking (expected, again);
}

/* Goroutines count where they wait, not in runtime.gopark, unless the
 * user filtered the stacks their own way; other kinds keep the runtime. */
static void
test_goroutine_hides_runtime (void)
{
  const char *first = "main;main.serve;runtime.gopark 2\nmain;main.park;runtime.selectgo;runtime.gopark 1\n";
  const char *second = "main;main.serve;runtime.gopark 2\nmain;main.park;runtime.selectgo;runtime.gopark 5\n";

  for (guint k = 0; k < 3; k++)
    {
      PpvReportOptions options;
      g_autoptr(PpvWatchSeries) series = NULL;
      g_autoptr(PpvWatchRanking) ranking = NULL;
      const char *types = k == 2 ? "space/bytes" : "goroutine/count";

      ppv_report_options_init (&options);
      if (k == 1)
        options.focus = g_strdup ("main");
      series = ppv_watch_series_new (&options);
      ppv_report_options_clear (&options);
      add_folded (series, types, first, T0);
      add_folded (series, types, second, T0 + HOUR);
      ranking = ppv_watch_series_rank (series, 0, 1);

      g_assert_cmpint (ppv_watch_series_get_runtime_hidden (series), ==, k == 0);
      g_assert_cmpstr (ppv_watch_ranking_get_row (ranking, 0)->name, ==, k == 0 ? "main.park" : "runtime.gopark");
      g_assert_cmpint (ppv_watch_ranking_get_row (ranking, 0)->delta, ==, 4);
      g_assert_null (find_row (ranking, k == 0 ? "runtime.gopark" : "main.park", NULL));
    }
}

static void
test_snapshot_names (void)
{
  gint64 time = 0;
  guint index = 0;
  g_autofree char *name = ppv_watch_session_dup_snapshot_name (7, T0 + 123456);

  g_assert_cmpstr (name, ==, "0007-20261206T233320Z.pb.gz");
  g_assert_true (ppv_watch_session_parse_snapshot_name (name, &index, &time));
  g_assert_cmpuint (index, ==, 7);
  g_assert_cmpint (time, ==, T0);
  g_assert_false (ppv_watch_session_parse_snapshot_name ("0007-20261206T233320Z.pb.gz.tmp", NULL, NULL));
  g_assert_false (ppv_watch_session_parse_snapshot_name ("heap.pb.gz", NULL, NULL));
  g_assert_false (ppv_watch_session_parse_snapshot_name ("0000-20261206T233320Z.pb.gz", NULL, NULL));
}

static void
copy_fixture (const char *fixture,
              const char *directory,
              const char *name)
{
  g_autofree char *from = g_build_filename (PPV_FIXTURES_DIR, "profiles", fixture, NULL);
  g_autofree char *to = g_build_filename (directory, name, NULL);
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (from, &data, &len, NULL));
  g_assert_true (g_file_set_contents (to, data, len, NULL));
}

/* A session folder alone gives the whole timeline back: snapshots in
 * order (exact times from the manifest, or from a name it lacks), its
 * gaps, and a file that no longer reads as a gap saying why. */
static void
test_load_folder (void)
{
  g_autofree char *directory = g_dir_make_tmp ("ppv-watch-XXXXXX", NULL);
  g_autoptr(PpvWatchManifest) manifest = ppv_watch_manifest_new ("http://h:1/debug/pprof/heap", 5, T0);
  g_autoptr(PpvWatchManifest) again = NULL;
  g_autoptr(PpvWatchSeries) series = NULL;
  g_autoptr(PpvWatchSeries) by_count = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *n1 = ppv_watch_session_dup_snapshot_name (1, T0 + 1 * G_USEC_PER_SEC);
  g_autofree char *n2 = ppv_watch_session_dup_snapshot_name (2, T0 + 20 * G_USEC_PER_SEC);
  g_autofree char *n3 = ppv_watch_session_dup_snapshot_name (3, T0 + 30 * G_USEC_PER_SEC);
  g_autofree char *n4 = ppv_watch_session_dup_snapshot_name (4, T0 + 40 * G_USEC_PER_SEC);
  g_autofree char *bad = g_build_filename (directory, n3, NULL);
  const PpvWatchPoint *point;
  PpvReportOptions options;
  GDir *dir;
  const char *name;

  copy_fixture ("heap-before.pb.gz", directory, n1);
  copy_fixture ("heap-after.pb.gz", directory, n2);
  g_assert_true (g_file_set_contents (bad, "<html>not a profile</html>", -1, NULL));
  copy_fixture ("heap-after.pb.gz", directory, n4);   /* not in the manifest: a crash before its write */

  ppv_watch_manifest_add_event (manifest, PPV_WATCH_EVENT_SNAPSHOT, T0 + 1500000, 1, n1);
  ppv_watch_manifest_add_event (manifest, PPV_WATCH_EVENT_GAP, T0 + 10 * G_USEC_PER_SEC, 0,
                                "h:1: connection refused\nsecond line");
  ppv_watch_manifest_add_event (manifest, PPV_WATCH_EVENT_SNAPSHOT, T0 + 20 * G_USEC_PER_SEC, 2, n2);
  ppv_watch_manifest_add_event (manifest, PPV_WATCH_EVENT_SNAPSHOT, T0 + 30 * G_USEC_PER_SEC, 3, n3);
  g_assert_true (ppv_watch_manifest_save (manifest, directory, &error));
  g_assert_no_error (error);

  again = ppv_watch_manifest_load (directory, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ppv_watch_manifest_get_uri (again), ==, "http://h:1/debug/pprof/heap");
  g_assert_cmpstr (ppv_watch_manifest_get_kind (again), ==, "heap");
  g_assert_cmpuint (ppv_watch_manifest_get_interval (again), ==, 5);
  g_assert_cmpint (ppv_watch_manifest_get_start_time (again), ==, T0);
  g_assert_cmpuint (ppv_watch_manifest_get_n_events (again), ==, 4);

  series = ppv_watch_series_load_folder (directory, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ppv_watch_series_get_uri (series), ==, "http://h:1/debug/pprof/heap");
  g_assert_cmpuint (ppv_watch_series_get_n_points (series), ==, 5);
  g_assert_cmpuint (ppv_watch_series_get_n_snapshots (series), ==, 3);

  point = ppv_watch_series_get_point (series, 0);
  g_assert_cmpint (point->kind, ==, PPV_WATCH_POINT_SNAPSHOT);
  g_assert_cmpint (point->time, ==, T0 + 1500000);
  g_assert_cmpuint (point->number, ==, 1);
  point = ppv_watch_series_get_point (series, 1);
  g_assert_cmpint (point->kind, ==, PPV_WATCH_POINT_GAP);
  g_assert_cmpstr (point->message, ==, "h:1: connection refused\nsecond line");
  point = ppv_watch_series_get_point (series, 2);
  g_assert_cmpuint (point->number, ==, 2);
  point = ppv_watch_series_get_point (series, 3);
  g_assert_cmpint (point->kind, ==, PPV_WATCH_POINT_GAP);
  g_assert_nonnull (strstr (point->message, n3));
  point = ppv_watch_series_get_point (series, 4);
  g_assert_cmpint (point->kind, ==, PPV_WATCH_POINT_SNAPSHOT);
  g_assert_cmpuint (point->number, ==, 4);
  g_assert_cmpuint (point->snapshot, ==, 2);
  g_assert_cmpint (point->time, ==, T0 + 40 * G_USEC_PER_SEC);
  g_assert_cmpstr (ppv_watch_series_get_sample_type (series, ppv_watch_series_get_sample_index (series)),
                   ==, "inuse_space");

  /* Other options: the same points, other numbers. */
  ppv_report_options_init (&options);
  options.sample_index = g_strdup ("alloc_objects");
  by_count = ppv_watch_series_load_folder (directory, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ppv_watch_series_get_n_points (by_count), ==, 5);
  g_assert_cmpstr (ppv_watch_series_get_sample_type (by_count, ppv_watch_series_get_sample_index (by_count)),
                   ==, "alloc_objects");
  g_assert_cmpint (ppv_watch_series_get_total (by_count, 1), ==,
                   ppv_watch_series_get_snapshot (series, 1)->totals[ppv_watch_series_get_sample_index (by_count)]);
  ppv_report_options_clear (&options);

  dir = g_dir_open (directory, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);
      g_unlink (path);
    }
  g_dir_close (dir);

  /* An empty folder is no session. */
  g_assert_null (ppv_watch_series_load_folder (directory, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_rmdir (directory);
}

static void
rebuilt (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  PpvWatchSeries **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = ppv_watch_series_rebuild_finish (PPV_WATCH_SERIES (source), result, &error);
  g_assert_no_error (error);
}

/* Re-ranking at another sample type re-reads the files in a worker. */
static void
test_rebuild (void)
{
  g_autofree char *before = g_build_filename (PPV_FIXTURES_DIR, "profiles", "heap-before.pb.gz", NULL);
  g_autofree char *after = g_build_filename (PPV_FIXTURES_DIR, "profiles", "heap-after.pb.gz", NULL);
  g_autoptr(PpvWatchSeries) series = ppv_watch_series_new (NULL);
  g_autoptr(PpvWatchSeries) other = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { before, after };
  PpvReportOptions options;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PpvWatchValues) values = ppv_watch_values_new_for_path (paths[i], NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_true (ppv_watch_series_add_snapshot (series, values, i + 1, paths[i], T0 + i, NULL, &error));
    }
  ppv_watch_series_add_gap (series, T0 + 5, "gone");

  ppv_report_options_init (&options);
  options.sample_index = g_strdup ("alloc_space");
  ppv_watch_series_rebuild_async (series, &options, NULL, rebuilt, &other);
  while (other == NULL)
    g_main_context_iteration (NULL, TRUE);
  ppv_report_options_clear (&options);

  g_assert_cmpuint (ppv_watch_series_get_n_points (other), ==, 3);
  g_assert_cmpint (ppv_watch_series_get_point (other, 2)->kind, ==, PPV_WATCH_POINT_GAP);
  g_assert_cmpstr (ppv_watch_series_get_sample_type (other, ppv_watch_series_get_sample_index (other)),
                   ==, "alloc_space");
  g_assert_cmpuint (ppv_watch_series_get_sample_index (other), !=, ppv_watch_series_get_sample_index (series));
  for (guint s = 0; s < 2; s++)
    g_assert_cmpint (ppv_watch_series_get_total (other, s), ==,
                     ppv_watch_series_get_snapshot (series, s)->totals[ppv_watch_series_get_sample_index (other)]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppv/core/watch-series/values-equal-report", test_values_equal_report);
  g_test_add_func ("/ppv/core/watch-series/rank-steady-over-jump", test_rank_steady_over_jump);
  g_test_add_func ("/ppv/core/watch-series/restart", test_restart);
  g_test_add_func ("/ppv/core/watch-series/incompatible", test_incompatible);
  g_test_add_func ("/ppv/core/watch-series/long-series", test_long_series);
  g_test_add_func ("/ppv/core/watch-series/frozen-rank", test_frozen_rank);
  g_test_add_func ("/ppv/core/watch-series/goroutine-hides-runtime", test_goroutine_hides_runtime);
  g_test_add_func ("/ppv/core/watch-series/snapshot-names", test_snapshot_names);
  g_test_add_func ("/ppv/core/watch-series/load-folder", test_load_folder);
  g_test_add_func ("/ppv/core/watch-series/rebuild", test_rebuild);
  return g_test_run ();
}
