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
/* What snapshot @snapshot stores: at a *@checkpoint its non-zero flat
 * values, otherwise those that changed since the previous snapshot. */
guint       _ppv_watch_series_get_stored  (PpvWatchSeries  *self,
                                           guint            snapshot,
                                           gboolean        *checkpoint,
                                           const guint32  **ids,
                                           const gint64   **flat);
/* Fills @dense (one value per name id) with snapshot @snapshot's values. */
void        _ppv_watch_series_seek        (PpvWatchSeries  *self,
                                           guint            snapshot,
                                           gint64          *dense);
/* Moves @dense, holding snapshot @snapshot - 1's values, to @snapshot's. */
void        _ppv_watch_series_apply       (PpvWatchSeries  *self,
                                           guint            snapshot,
                                           gint64          *dense);

G_END_DECLS
