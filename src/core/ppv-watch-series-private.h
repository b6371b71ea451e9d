/* ppv-watch-series-private.h — what the ranking, the frozen copy and the folder loader read inside a watch series.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-watch-series.h"

G_BEGIN_DECLS

/* Every this many snapshots all values are stored, so reading snapshot
 * N replays at most this many lists of changes. */
#define CHECKPOINT_EVERY 32

/* One point of a series.  Written once, before it is appended, and never
 * changed afterwards: a frozen copy shares it with the series. */
typedef struct
{
  PpvWatchPoint point;
  char         *path;
  char         *message;
  gint64       *totals;
  /* Flat values by interned node id: at a checkpoint every non-zero one,
   * otherwise only those that changed since the previous snapshot (0 for
   * a node gone).  A service's heap keeps most values from one snapshot
   * to the next, so a long watch costs its changes, not its nodes. */
  gboolean      checkpoint;
  guint         n_nodes;
  guint32      *ids;
  gint64       *flat;
  /* Restart signs of this snapshot (see is_restart()). */
  const char   *build_id;
  guint64       main_start;
} PpvWatchEntry;

/* What a frozen copy holds: the series (which owns the entries and the
 * interned names, and frees them only when it is finalized) and its own
 * copies of the two growing pointer arrays, as they were when frozen. */
struct _PpvWatchFrozen
{
  gint                  ref_count;
  PpvWatchSeries       *series;
  guint                 n_snapshots;
  const PpvWatchEntry **snapshots;
  guint                 n_names;
  const char          **names;
};

/* Interned node names, by id. */
guint       _ppv_watch_frozen_get_n_names (PpvWatchFrozen *self);
const char *_ppv_watch_frozen_get_name    (PpvWatchFrozen *self,
                                           guint32         id);
/* What snapshot @snapshot stores: at a *@checkpoint its non-zero flat
 * values, otherwise those that changed since the previous snapshot. */
guint       _ppv_watch_frozen_get_stored  (PpvWatchFrozen  *self,
                                           guint            snapshot,
                                           gboolean        *checkpoint,
                                           const guint32  **ids,
                                           const gint64   **flat);
/* Fills @dense (one value per name id) with snapshot @snapshot's values. */
void        _ppv_watch_frozen_seek        (PpvWatchFrozen  *self,
                                           guint            snapshot,
                                           gint64          *dense);
/* Moves @dense, holding snapshot @snapshot - 1's values, to @snapshot's. */
void        _ppv_watch_frozen_apply       (PpvWatchFrozen  *self,
                                           guint            snapshot,
                                           gint64          *dense);

G_END_DECLS
