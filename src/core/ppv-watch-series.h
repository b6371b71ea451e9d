/* ppv-watch-series.h — the compact timeline of one watch session and its growth ranking.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A watch keeps every snapshot on disk and only numbers in memory: per
 * snapshot the total of each sample type and, for the report options the
 * series was built with (sample type, granularity, filters), each node's
 * flat value, exactly as `--top` prints it for that file.  Node names are
 * interned once for the whole series, so memory grows by a few bytes per
 * node and snapshot whatever the size of the profiles.
 *
 * Points are in time order: snapshots (numbered from 0 among snapshots)
 * and gaps (failed fetches) between them.  The series is a GObject used
 * from one thread (the main thread in the window); the extraction of one
 * snapshot's numbers, ppv_watch_values_new(), and the ranking of a frozen
 * copy, ppv_watch_frozen_rank(), are the parts to run in a worker.  Changing the options builds a new series from the files
 * (ppv_watch_series_rebuild_async()), as changing an option builds a new
 * report.
 */
#pragma once

#include <gio/gio.h>

#include "ppv-profile.h"
#include "ppv-report.h"

G_BEGIN_DECLS

/* --- One snapshot's numbers ------------------------------------------- */

/* Extracted from a decoded profile for one set of options, thread-safe,
 * immutable, atomically ref-counted; holds no reference to the profile. */
typedef struct _PpvWatchValues PpvWatchValues;

#define PPV_TYPE_WATCH_VALUES (ppv_watch_values_get_type ())
GType           ppv_watch_values_get_type (void) G_GNUC_CONST;

/* The filter a goroutine or threadcreate watch ranks with by default. */
#define PPV_WATCH_RUNTIME_HIDE "^runtime\\."

/* Whether a watch of profiles like @profile ranks with
 * PPV_WATCH_RUNTIME_HIDE added to @options: for goroutine and
 * threadcreate profiles, so each stack counts in the function it waits
 * in rather than in runtime.gopark, unless @options has a focus, ignore,
 * hide, show or show_from filter of the user's (then those apply). */
gboolean        ppv_watch_hides_runtime (PpvProfile             *profile,
                                         const PpvReportOptions *options);

/* Builds the `--top` report of @profile for @options (untrimmed: every
 * node; with the runtime hidden when ppv_watch_hides_runtime() says so)
 * and keeps its flat values, the sum of every sample type, and what
 * restart detection needs.  Blocks: call it in a worker. */
PpvWatchValues *ppv_watch_values_new   (PpvProfile             *profile,
                                        const PpvReportOptions *options,
                                        GCancellable           *cancellable,
                                        GError                **error);
PpvWatchValues *ppv_watch_values_ref   (PpvWatchValues *self);
void            ppv_watch_values_unref (PpvWatchValues *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpvWatchValues, ppv_watch_values_unref)

/* Reads @path and extracts its values (for folder loads and rebuilds). */
PpvWatchValues *ppv_watch_values_new_for_path (const char             *path,
                                               const PpvReportOptions *options,
                                               GCancellable           *cancellable,
                                               GError                **error);

/* --- The series ---------------------------------------------------------- */

typedef enum
{
  PPV_WATCH_POINT_SNAPSHOT,
  PPV_WATCH_POINT_GAP,
} PpvWatchPointKind;

typedef struct
{
  PpvWatchPointKind kind;
  gint64            time;       /* µs since the epoch: fetched, or failed */
  /* Snapshots only (gaps: 0, NULL, FALSE). */
  guint             snapshot;   /* position among the snapshots, from 0 */
  guint             number;     /* its file's NNNN (snapshot + 1 unless files went missing) */
  const char       *path;       /* the kept file */
  gboolean          restart;    /* the process restarted since the previous snapshot */
  const gint64     *totals;     /* Σ of every sample's value, per sample type (unfiltered) */
  /* Gaps only. */
  const char       *message;    /* why the fetch failed */
} PpvWatchPoint;

#define PPV_TYPE_WATCH_SERIES (ppv_watch_series_get_type ())

G_DECLARE_FINAL_TYPE (PpvWatchSeries, ppv_watch_series, PPV, WATCH_SERIES, GObject)

/* Signals:
 *   "point-added" (guint position): a snapshot or gap was appended; for a
 *   snapshot its point is ppv_watch_series_get_point (series, position). */

/* An empty series for @options (copied; NULL: pprof's defaults). */
PpvWatchSeries        *ppv_watch_series_new           (const PpvReportOptions *options);

const PpvReportOptions *ppv_watch_series_get_options  (PpvWatchSeries *self);

/* The session folder and the watched URI, when known (set by the watcher
 * and by ppv_watch_series_load_folder(); NULL otherwise). */
const char            *ppv_watch_series_get_directory (PpvWatchSeries *self);
const char            *ppv_watch_series_get_uri       (PpvWatchSeries *self);
void                   ppv_watch_series_set_session   (PpvWatchSeries *self,
                                                       const char     *directory,
                                                       const char     *uri);

/* Sample types of the first snapshot (NULL before it): "inuse_space" ... */
guint                  ppv_watch_series_get_n_sample_types (PpvWatchSeries *self);
const char            *ppv_watch_series_get_sample_type    (PpvWatchSeries *self,
                                                            guint           index);
/* The unit the profile gives the type ("bytes", "count", "nanoseconds"). */
const char            *ppv_watch_series_get_sample_unit    (PpvWatchSeries *self,
                                                            guint           index);
/* Whether the node values (and so the ranking) hide the Go runtime's
 * frames although the options do not: see ppv_watch_hides_runtime(). */
gboolean               ppv_watch_series_get_runtime_hidden (PpvWatchSeries *self);
/* The column the options chose (pprof's default: inuse_space for heap,
 * the last type otherwise): what the totals chart and ranking show. */
guint                  ppv_watch_series_get_sample_index   (PpvWatchSeries *self);
/* @value of the chosen sample type with its unit, as pprof scales it
 * ("1.50MB", "42"), or in the options' unit when they name one; with
 * @sign a "+" before positive values (for Δ). */
char                  *ppv_watch_series_format_value       (PpvWatchSeries *self,
                                                            gint64          value,
                                                            gboolean        sign);

guint                  ppv_watch_series_get_n_points    (PpvWatchSeries *self);
const PpvWatchPoint   *ppv_watch_series_get_point       (PpvWatchSeries *self,
                                                         guint           position);
guint                  ppv_watch_series_get_n_snapshots (PpvWatchSeries *self);
/* The point of snapshot @snapshot (0 ≤ snapshot < n_snapshots). */
const PpvWatchPoint   *ppv_watch_series_get_snapshot    (PpvWatchSeries *self,
                                                         guint           snapshot);
/* Σ of the chosen sample type in snapshot @snapshot (its totals[sample_index]). */
gint64                 ppv_watch_series_get_total       (PpvWatchSeries *self,
                                                         guint           snapshot);

/* Appends a snapshot with the values extracted from its profile (built
 * for this series' options).  Marks it a restart when the process
 * evidently restarted since the previous snapshot: see
 * ppv-watch-series.c for the signs used.  Returns its snapshot number
 * (position among snapshots).  @values with other sample types than the
 * earlier snapshots (another kind of profile) is refused: FALSE with
 * PPV_REPORT_ERROR_INCOMPATIBLE. */
gboolean               ppv_watch_series_add_snapshot    (PpvWatchSeries *self,
                                                         PpvWatchValues *values,
                                                         guint           number,
                                                         const char     *path,
                                                         gint64          time,
                                                         guint          *out_snapshot,
                                                         GError        **error);
void                   ppv_watch_series_add_gap         (PpvWatchSeries *self,
                                                         gint64          time,
                                                         const char     *message);

/* One node's flat value in every snapshot (0 where absent), or NULL if no
 * snapshot has a node called @name.  *@n_values = n_snapshots. */
gint64                *ppv_watch_series_dup_node_values (PpvWatchSeries *self,
                                                         const char     *name,
                                                         guint          *n_values);

/* --- A frozen copy, for workers -------------------------------------------- */

/* The series as it is now, readable from any thread while the series
 * goes on growing on its own: it shares the snapshots' stored values
 * (never changed once added) and keeps the series alive.  Immutable,
 * atomically ref-counted; freezing costs two small pointer copies. */
typedef struct _PpvWatchFrozen PpvWatchFrozen;

#define PPV_TYPE_WATCH_FROZEN (ppv_watch_frozen_get_type ())
GType                  ppv_watch_frozen_get_type (void) G_GNUC_CONST;

PpvWatchFrozen        *ppv_watch_series_freeze         (PpvWatchSeries *self);
PpvWatchFrozen        *ppv_watch_frozen_ref            (PpvWatchFrozen *self);
void                   ppv_watch_frozen_unref          (PpvWatchFrozen *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpvWatchFrozen, ppv_watch_frozen_unref)

guint                  ppv_watch_frozen_get_n_snapshots (PpvWatchFrozen *self);
const PpvWatchPoint   *ppv_watch_frozen_get_snapshot    (PpvWatchFrozen *self,
                                                         guint           snapshot);

/* --- Growth ranking ------------------------------------------------------ */

typedef struct
{
  const char   *name;          /* the node's name, as in `--top` */
  gint64        value_a;       /* flat value at snapshot A */
  gint64        value_b;       /* at snapshot B */
  gint64        delta;         /* value_b - value_a */
  double        slope;         /* least-squares slope over the snapshots in [A, B], per hour */
  guint         grew;          /* intervals in [A, B] where the value grew ... */
  guint         n_intervals;   /* ... out of this many (B - A) */
  const gint64 *values;        /* the value at each snapshot A..B (n_intervals + 1) */
} PpvWatchGrowthRow;

typedef struct _PpvWatchRanking PpvWatchRanking;

#define PPV_TYPE_WATCH_RANKING (ppv_watch_ranking_get_type ())
GType            ppv_watch_ranking_get_type (void) G_GNUC_CONST;

/* Every node present in a snapshot of [@snapshot_a, @snapshot_b] (A ≤ B <
 * n_snapshots), sorted by Δ descending; at equal Δ steady growers (more
 * intervals grown) come first, then the steeper slope, then by name.
 * Immutable; holds the series' names (it keeps a reference).  Call it
 * on the thread that adds snapshots; from another, rank a frozen copy. */
PpvWatchRanking *ppv_watch_series_rank      (PpvWatchSeries  *self,
                                             guint            snapshot_a,
                                             guint            snapshot_b);
/* The same from a frozen copy, in any thread (B < its n_snapshots). */
PpvWatchRanking *ppv_watch_frozen_rank      (PpvWatchFrozen  *self,
                                             guint            snapshot_a,
                                             guint            snapshot_b);
PpvWatchRanking *ppv_watch_ranking_ref      (PpvWatchRanking *self);
void             ppv_watch_ranking_unref    (PpvWatchRanking *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpvWatchRanking, ppv_watch_ranking_unref)

guint                    ppv_watch_ranking_get_snapshot_a (PpvWatchRanking *self);
guint                    ppv_watch_ranking_get_snapshot_b (PpvWatchRanking *self);
guint                    ppv_watch_ranking_get_n_rows     (PpvWatchRanking *self);
const PpvWatchGrowthRow *ppv_watch_ranking_get_row        (PpvWatchRanking *self,
                                                           guint            index);

/* --- Other options, and sessions on disk ----------------------------------- */

/* A new series with the same points whose values are re-read from the
 * snapshot files for @options, in a worker thread.  A snapshot file that
 * can no longer be read becomes a gap with the reason. */
void             ppv_watch_series_rebuild_async  (PpvWatchSeries          *self,
                                                  const PpvReportOptions  *options,
                                                  GCancellable            *cancellable,
                                                  GAsyncReadyCallback      callback,
                                                  gpointer                 user_data);
PpvWatchSeries  *ppv_watch_series_rebuild_finish (PpvWatchSeries          *self,
                                                  GAsyncResult            *result,
                                                  GError                 **error);

/* The whole timeline of a session folder (see ppv-watch-session.h): its
 * snapshots in order, its gaps from the manifest, restarts found again.
 * Blocks; a folder without a manifest but with snapshot files loads too.
 * G_IO_ERROR_NOT_FOUND when @directory holds no snapshot at all. */
PpvWatchSeries  *ppv_watch_series_load_folder        (const char              *directory,
                                                      const PpvReportOptions  *options,
                                                      GCancellable            *cancellable,
                                                      GError                 **error);
void             ppv_watch_series_load_folder_async  (const char              *directory,
                                                      const PpvReportOptions  *options,
                                                      GCancellable            *cancellable,
                                                      GAsyncReadyCallback      callback,
                                                      gpointer                 user_data);
PpvWatchSeries  *ppv_watch_series_load_folder_finish (GAsyncResult            *result,
                                                      GError                 **error);

G_END_DECLS
