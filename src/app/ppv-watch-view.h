/* ppv-watch-view.h — a watch tab's content: state and controls, the timeline, the growth table.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ppv-watch-series.h"
#include "ppv-watcher.h"

G_BEGIN_DECLS

#define PPV_TYPE_WATCH_VIEW (ppv_watch_view_get_type ())

G_DECLARE_FINAL_TYPE (PpvWatchView, ppv_watch_view, PPV, WATCH_VIEW, GtkWidget)

/* Property "summary" (read-only): one line for the tab's subtitle
 * ("Every 15 s · 12 snapshots", "Stopped · 40 snapshots").
 *
 * Signals:
 *   "open-snapshot" (const char *path): the user opened a snapshot
 *   "compare" (const char *path_a, const char *path_b): open B compared
 *       with A
 *
 * Actions ("watch." group): mark-baseline, pause, resume, stop,
 * fetch-now, compare. */

GtkWidget      *ppv_watch_view_new        (void);
/* Shows the live watch @watcher (started by the caller). */
void            ppv_watch_view_set_watcher (PpvWatchView   *self,
                                            PpvWatcher     *watcher);
/* Shows a finished session's @series (no watcher). */
void            ppv_watch_view_set_series  (PpvWatchView   *self,
                                            PpvWatchSeries *series);
PpvWatcher     *ppv_watch_view_get_watcher (PpvWatchView   *self);
PpvWatchSeries *ppv_watch_view_get_series  (PpvWatchView   *self);
const char     *ppv_watch_view_get_summary (PpvWatchView   *self);
/* Stops the watch, if any (kept files stay). */
void            ppv_watch_view_stop        (PpvWatchView   *self);

G_END_DECLS
