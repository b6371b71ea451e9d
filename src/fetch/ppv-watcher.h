/* ppv-watcher.h — fetches one /debug/pprof profile every interval and keeps each snapshot on disk.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One request in flight at a time.  Each answer is written atomically to
 * the session folder as soon as it arrives (ppv-watch-session.h), then
 * decoded and reduced to the series' numbers in a worker thread; the
 * series (ppv-watch-series.h) grows on the watcher's main context.  A
 * failed fetch becomes a gap in the series and the manifest, and the next
 * attempt waits a little longer each time (twice the interval, four
 * times, capped at four intervals and at 60 s); the first answer brings
 * back the normal interval.
 */
#pragma once

#include <gio/gio.h>

#include "ppv-profile.h"
#include "ppv-report.h"
#include "ppv-watch-series.h"

G_BEGIN_DECLS

typedef enum
{
  PPV_WATCH_STATE_WAITING,    /* started, no answer yet (or stopped answering and not yet failed) */
  PPV_WATCH_STATE_FETCHING,   /* a request is in flight */
  PPV_WATCH_STATE_CONNECTED,  /* the last attempt succeeded; waiting for the next */
  PPV_WATCH_STATE_FAILING,    /* the last attempt failed; waiting for the retry */
  PPV_WATCH_STATE_PAUSED,
  PPV_WATCH_STATE_STOPPED,    /* before ppv_watcher_start() and after ppv_watcher_stop() */
} PpvWatchState;

#define PPV_TYPE_WATCH_STATE (ppv_watch_state_get_type ())
GType ppv_watch_state_get_type (void) G_GNUC_CONST;

#define PPV_TYPE_WATCHER (ppv_watcher_get_type ())

G_DECLARE_FINAL_TYPE (PpvWatcher, ppv_watcher, PPV, WATCHER, GObject)

/* Properties:
 *   "uri"              char*      the URI fetched (read-only)
 *   "interval"         guint      seconds between fetches, 1 … 3600
 *                                 (default 15); applies from the next wait
 *   "directory"        char*      the session folder (read-only; set by
 *                                 ppv_watcher_new() or at start)
 *   "state"            PpvWatchState (read-only)
 *   "next-fetch-time"  gint64     g_get_real_time() of the next attempt,
 *                                 0 while fetching, paused or stopped
 *   "n-snapshots"      guint      snapshots kept so far (read-only)
 *   "last-error"       char*      the last failure's message, or NULL
 *   "series"           PpvWatchSeries  the timeline (read-only; replaced,
 *                                 with a notification, when the report
 *                                 options change)
 *
 * Signals:
 *   "snapshot-added" (guint snapshot, const char *path, PpvProfile *profile):
 *       the snapshot was kept and decoded, and is already in the series
 *       (point ppv_watch_series_get_snapshot (series, snapshot)).  The
 *       profile is only lent for the emission: ref it to keep it.
 *   "fetch-failed" (const char *message): the attempt failed (already a gap
 *       in the series).
 */

/* A watcher of @source (a /debug/pprof/<kind> URL or host:port/path, as
 * ppv_source_to_uri() takes it; a bare host:port means the heap profile
 * here, since a CPU profile is no snapshot).  @gc adds "gc=1" to a heap
 * URI.  @directory NULL: the default session folder under the kept
 * profiles, named when the watch starts.  @options (NULL: defaults) are
 * the series'.  NULL with PPV_FETCH_ERROR_INVALID_SOURCE for a file or a
 * CPU profile or trace URL. */
PpvWatcher     *ppv_watcher_new           (const char              *source,
                                           gboolean                 gc,
                                           const char              *directory,
                                           const PpvReportOptions  *options,
                                           GError                 **error);

const char     *ppv_watcher_get_uri            (PpvWatcher *self);
const char     *ppv_watcher_get_directory      (PpvWatcher *self);
guint           ppv_watcher_get_interval       (PpvWatcher *self);
void            ppv_watcher_set_interval       (PpvWatcher *self,
                                                guint       seconds);
PpvWatchState   ppv_watcher_get_state          (PpvWatcher *self);
gint64          ppv_watcher_get_next_fetch_time (PpvWatcher *self);
guint           ppv_watcher_get_n_snapshots    (PpvWatcher *self);
const char     *ppv_watcher_get_last_error     (PpvWatcher *self);
PpvWatchSeries *ppv_watcher_get_series         (PpvWatcher *self);

/* Re-ranks at other options: builds a new series from the kept files in
 * a worker, then replaces "series" (snapshots fetched meanwhile are added
 * to it too).  A later call cancels an earlier one still running. */
void            ppv_watcher_set_report_options (PpvWatcher             *self,
                                                const PpvReportOptions *options);

/* Creates the folder, writes the manifest and fetches at once; then every
 * interval.  Errors only for the folder (G_IO_ERROR). */
gboolean        ppv_watcher_start              (PpvWatcher  *self,
                                                GError     **error);
/* Pause cancels nothing in flight (an answer still arrives and is kept)
 * but schedules no further fetch; resume fetches at once. */
void            ppv_watcher_pause              (PpvWatcher *self);
void            ppv_watcher_resume             (PpvWatcher *self);
/* Cancels a request in flight and stops for good; kept files stay. */
void            ppv_watcher_stop               (PpvWatcher *self);
/* TRUE while the manifest is being written (a program about to exit
 * iterates its main context until this is FALSE). */
gboolean        ppv_watcher_is_saving          (PpvWatcher *self);
/* Fetches now instead of waiting (nothing if a request is in flight). */
void            ppv_watcher_fetch_now          (PpvWatcher *self);

G_END_DECLS
