/* ppv-graph-edges.c — the edge table's growth and the edge bounds (see
 * ppv-graph-edges.h).
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "ppv-graph-edges.h"

void
_ppv_edge_table_init (PpvEdgeTable *t,
                      gsize         mask)
{
  t->mask = mask;
  t->used = 0;
  t->slots = g_new0 (PpvEdgeSlot, t->mask + 1);
}

void
_ppv_edge_table_clear (PpvEdgeTable *t)
{
  g_clear_pointer (&t->slots, g_free);
}

gsize
_ppv_edge_table_mask_for (gsize n)
{
  gsize mask = 1023;

  while ((n + 1) * 2 > mask && mask < G_MAXUINT32)
    mask = mask * 2 + 1;
  return mask;
}

/* Room for @n entries without growing. */
static void
edge_table_reserve (PpvEdgeTable *t,
                    gsize         n)
{
  PpvEdgeTable old = *t;
  gsize mask = old.mask;

  while ((n + 1) * 2 > mask)
    mask = mask * 2 + 1;
  if (mask == old.mask)
    return;

  _ppv_edge_table_init (t, mask);
  for (gsize i = 0; i <= old.mask; i++)
    if (old.slots[i].edge)
      _ppv_edge_table_insert (t, old.slots[i].src, old.slots[i].dst,
                              _ppv_edge_hash (old.slots[i].src, old.slots[i].dst),
                              old.slots[i].edge - 1);
  _ppv_edge_table_clear (&old);
}

void
_ppv_edge_table_insert (PpvEdgeTable *t,
                        guint32       src,
                        guint32       dst,
                        guint64       hash,
                        guint32       edge)
{
  gsize i;

  if ((t->used + 1) * 2 > t->mask)
    edge_table_reserve (t, t->used + 1);
  for (i = hash & t->mask; t->slots[i].edge; i = (i + 1) & t->mask)
    ;
  t->slots[i] = (PpvEdgeSlot) { src, dst, edge + 1 };
  t->used++;
}

/* --- Edge bounds ----------------------------------------------------------- */

guint64
_ppv_edge_bounds_estimate_count (const guint8 *counters)
{
  double m = PPV_N_EDGE_COUNTERS, sum = 0, estimate;
  guint zeros = 0;

  for (guint i = 0; i < PPV_N_EDGE_COUNTERS; i++)
    {
      sum += ldexp (1.0, -counters[i]);
      zeros += counters[i] == 0;
    }
  estimate = 0.7213 / (1 + 1.079 / m) * m * m / sum;
  /* Few edges: count the counters still at zero instead. */
  if (estimate <= 2.5 * m && zeros > 0)
    estimate = m * log (m / zeros);
  return (guint64) estimate;
}

/* The bins take a deep stack's edges in any order (saturated sums of
 * weights that are not negative): ask for the bins a few edges ahead. */
void
_ppv_edge_bounds_add (guint64       *bounds,
                      guint8        *counters,
                      PpvEdgeHashes *pending,
                      gint64         w)
{
  for (guint j = 0; j < pending->len; j++)
    {
      guint64 h = pending->hashes[j];

      if (j + PPV_BIN_PREFETCH_DISTANCE < pending->len)
        {
          guint64 ahead = pending->hashes[j + PPV_BIN_PREFETCH_DISTANCE];

          __builtin_prefetch (_ppv_edge_bin (bounds, ahead, 0), 1);
          __builtin_prefetch (_ppv_edge_bin (bounds, ahead, 1), 1);
        }
      _ppv_edge_bounds_add_one (bounds, counters, h, w);
    }
  pending->len = 0;
}

guint8 *
_ppv_edge_bounds_heavy_bins (const guint64 *bounds,
                             gint64         cutoff)
{
  guint8 *heavy = g_new0 (guint8, PPV_N_EDGE_BOUNDS / 8);

  for (guint32 b = 0; b < PPV_N_EDGE_BOUNDS; b++)
    if (bounds[b] >= (guint64) cutoff)
      heavy[b >> 3] |= 1u << (b & 7);
  return heavy;
}

/* Light edges being spread evenly over the bins, the share of them that
 * lands in a heavy bin in both halves. */
guint64
_ppv_edge_bounds_estimate_heavy (const guint8 *heavy,
                                 guint64       n_edges)
{
  guint64 n_heavy[2] = { 0, 0 };

  for (guint32 b = 0; b < PPV_N_EDGE_BOUNDS; b++)
    n_heavy[b >> PPV_EDGE_BOUND_BITS] += (heavy[b >> 3] >> (b & 7)) & 1;
  return (guint64) ((double) n_edges * ((double) n_heavy[0] / (1u << PPV_EDGE_BOUND_BITS))
                                     * ((double) n_heavy[1] / (1u << PPV_EDGE_BOUND_BITS)));
}
