/* ppv-watch-frozen.c — a watch series as it was at one moment, readable from any thread.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The series grows on the main thread as snapshots arrive; ranking
 * thousands of nodes over hundreds of snapshots belongs in a worker.  A
 * frozen copy shares the series' entries and interned names (written
 * once, freed only with the series, which it keeps alive) and copies only
 * the arrays pointing at them, so freezing costs a few kilobytes and the
 * worker never reads anything the main thread is still writing.
 */
#include <string.h>

#include "ppv-watch-series.h"
#include "ppv-watch-series-private.h"

G_DEFINE_BOXED_TYPE (PpvWatchFrozen, ppv_watch_frozen, ppv_watch_frozen_ref, ppv_watch_frozen_unref)

PpvWatchFrozen *
ppv_watch_frozen_ref (PpvWatchFrozen *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ppv_watch_frozen_unref (PpvWatchFrozen *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_object_unref (self->series);
  g_free (self->snapshots);
  g_free (self->names);
  g_free (self);
}

guint
ppv_watch_frozen_get_n_snapshots (PpvWatchFrozen *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_snapshots;
}

const PpvWatchPoint *
ppv_watch_frozen_get_snapshot (PpvWatchFrozen *self,
                               guint           snapshot)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (snapshot < self->n_snapshots, NULL);

  return &self->snapshots[snapshot]->point;
}

guint
_ppv_watch_frozen_get_n_names (PpvWatchFrozen *self)
{
  return self->n_names;
}

const char *
_ppv_watch_frozen_get_name (PpvWatchFrozen *self,
                            guint32         id)
{
  g_assert (id < self->n_names);

  return self->names[id];
}

guint
_ppv_watch_frozen_get_stored (PpvWatchFrozen  *self,
                              guint            snapshot,
                              gboolean        *checkpoint,
                              const guint32  **ids,
                              const gint64   **flat)
{
  const PpvWatchEntry *entry;

  g_assert (snapshot < self->n_snapshots);

  entry = self->snapshots[snapshot];
  *checkpoint = entry->checkpoint;
  *ids = entry->ids;
  *flat = entry->flat;
  return entry->n_nodes;
}

void
_ppv_watch_frozen_seek (PpvWatchFrozen *self,
                        guint           snapshot,
                        gint64         *dense)
{
  guint from = snapshot - snapshot % CHECKPOINT_EVERY;

  g_assert (snapshot < self->n_snapshots);
  g_assert (self->snapshots[from]->checkpoint);

  memset (dense, 0, sizeof (gint64) * self->n_names);
  for (guint s = from; s <= snapshot; s++)
    _ppv_watch_frozen_apply (self, s, dense);
}

void
_ppv_watch_frozen_apply (PpvWatchFrozen *self,
                         guint           snapshot,
                         gint64         *dense)
{
  const PpvWatchEntry *entry;

  g_assert (snapshot < self->n_snapshots);

  entry = self->snapshots[snapshot];
  if (entry->checkpoint)
    memset (dense, 0, sizeof (gint64) * self->n_names);
  /* Ids in entries stored before freezing are all below n_names. */
  for (guint i = 0; i < entry->n_nodes; i++)
    dense[entry->ids[i]] = entry->flat[i];
}
