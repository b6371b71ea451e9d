/* ppv-watch-series-private.h — what the ranking and the folder loader read inside a watch series.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-watch-series.h"

G_BEGIN_DECLS

/* Interned node names, by id. */
guint       _ppv_watch_series_get_n_names (PpvWatchSeries *self);
const char *_ppv_watch_series_get_name    (PpvWatchSeries *self,
                                           guint32         id);
/* Snapshot @snapshot's non-zero flat values: node ids and values. */
guint       _ppv_watch_series_get_nodes   (PpvWatchSeries  *self,
                                           guint            snapshot,
                                           const guint32  **ids,
                                           const gint64   **flat);

G_END_DECLS
