/* ppv-graph-edges.h — what the graph's summing passes use for edges: a
 * table of (src, dst) pairs, and the bounds a first pass leaves for a
 * second to skip light edges.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both are touched for every frame of every sample: the hot calls are
 * inline, and the comments say which cache misses each layout avoids.
 */
#pragma once

#include "ppv-report-private.h"

G_BEGIN_DECLS

/* --- Edge table: open addressing on (src, dst) ---------------------------- */

/* Key and value share a slot: a lookup is one cache miss, not two. */
typedef struct
{
  guint32 src, dst;
  guint32 edge;      /* index + 1; 0 = empty */
} PpvEdgeSlot;

typedef struct
{
  PpvEdgeSlot *slots;
  gsize        mask;
  gsize        used;
} PpvEdgeTable;

/* @mask: a power of two less one; the table holds mask / 2 edges before
 * it grows. */
void _ppv_edge_table_init    (PpvEdgeTable *t,
                              gsize         mask);
void _ppv_edge_table_clear   (PpvEdgeTable *t);
void _ppv_edge_table_insert  (PpvEdgeTable *t,
                              guint32       src,
                              guint32       dst,
                              guint64       hash,
                              guint32       edge);
/* The mask that holds @n edges without growing. */
gsize _ppv_edge_table_mask_for (gsize n);

static inline guint64
_ppv_edge_hash (guint32 src,
                guint32 dst)
{
  guint64 key = ((guint64) src << 32) | dst;

  key ^= key >> 33;
  key *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  key ^= key >> 33;
  return key;
}

static inline guint32
_ppv_edge_table_lookup (const PpvEdgeTable *t,
                        guint32             src,
                        guint32             dst,
                        guint64             hash)
{
  for (gsize i = hash & t->mask; t->slots[i].edge; i = (i + 1) & t->mask)
    if (t->slots[i].src == src && t->slots[i].dst == dst)
      return t->slots[i].edge - 1;
  return PPV_NONE;
}

/* pprof's AddToEdgeDiv, counted once per sample (@stamp): weights add,
 * an edge is residual if any sample made it so, and inline only if every
 * sample's call was inlined.  New edges go to the end of @edges. */
static inline void
_ppv_edge_table_add_hashed (PpvEdgeTable *table,
                            GArray       *edges,
                            guint32       src,
                            guint32       dst,
                            guint64       hash,
                            gint64        w,
                            gint64        dw,
                            guint32       stamp,
                            gboolean      residual,
                            gboolean      inline_call)
{
  guint32 e = _ppv_edge_table_lookup (table, src, dst, hash);

  if (e == PPV_NONE)
    {
      PpvEdge edge = { src, dst, w, dw, stamp, residual, inline_call, FALSE };
      _ppv_edge_table_insert (table, src, dst, hash, edges->len);
      g_array_append_val (edges, edge);
    }
  else
    {
      PpvEdge *edge = &g_array_index (edges, PpvEdge, e);
      if (edge->stamp != stamp)
        {
          edge->stamp = stamp;
          edge->weight += w;
          edge->weight_div += dw;
          edge->residual |= residual;
          if (!inline_call)
            edge->inline_call = FALSE;
        }
    }
}

static inline void
_ppv_edge_table_add (PpvEdgeTable *table,
                     GArray       *edges,
                     guint32       src,
                     guint32       dst,
                     gint64        w,
                     gint64        dw,
                     guint32       stamp,
                     gboolean      residual,
                     gboolean      inline_call)
{
  _ppv_edge_table_add_hashed (table, edges, src, dst, _ppv_edge_hash (src, dst),
                              w, dw, stamp, residual, inline_call);
}

/* Over a big table, adding an edge costs two cache misses (its slot,
 * then the edge), and a deep stack's edges are many and unrelated.  The
 * loops that add many ask for the slot of the edge this far ahead, and
 * for the edge itself of the one half as far (@slot_only FALSE), so that
 * the misses overlap instead of being paid in turn. */
#define PPV_EDGE_PREFETCH_DISTANCE 16

static inline void
_ppv_edge_table_prefetch (const PpvEdgeTable *table,
                          GArray             *edges,
                          guint32             src,
                          guint32             dst,
                          guint64             hash,
                          gboolean            slot_only)
{
  guint32 e;

  if (slot_only)
    {
      __builtin_prefetch (&table->slots[hash & table->mask]);
      return;
    }
  e = _ppv_edge_table_lookup (table, src, dst, hash);
  if (e != PPV_NONE)
    __builtin_prefetch (&g_array_index (edges, PpvEdge, e));
}

/* --- Edge bounds ----------------------------------------------------------- */

/* Every edge adds its sample's weight to one bin in each half, by two
 * halves of its hash (a count-min sketch).  With bounded samples an edge
 * weighs at most its smaller bin.  Bins sum many light edges, yet stay
 * far below an edgefraction cutoff unless a heavy edge is in both: a text
 * report then sums only the few edges that may survive. */
#define PPV_EDGE_BOUND_BITS 16
#define PPV_EDGE_BOUND_MASK ((1u << PPV_EDGE_BOUND_BITS) - 1)
#define PPV_N_EDGE_BOUNDS   (2u << PPV_EDGE_BOUND_BITS)

/* The bounds also count, roughly, how many distinct edges they cover (a
 * HyperLogLog sketch over the same hash): a later pass sizes its edge
 * tables once from that, rather than doubling them from small, each time
 * rehashing every edge into fresh pages. */
#define PPV_EDGE_COUNT_BITS 12
#define PPV_N_EDGE_COUNTERS (1u << PPV_EDGE_COUNT_BITS)

/* Bounded weights are not negative, but bins may still outgrow 64 bits. */
static inline void
_ppv_add_saturated (guint64 *bin,
                    guint64  w)
{
  *bin = *bin + w < *bin ? G_MAXUINT64 : *bin + w;
}

static inline guint64 *
_ppv_edge_bin (guint64 *bounds,
               guint64  h,
               guint    half)
{
  return half == 0 ? &bounds[h & PPV_EDGE_BOUND_MASK]
                   : &bounds[(1u << PPV_EDGE_BOUND_BITS) + ((h >> 32) & PPV_EDGE_BOUND_MASK)];
}

static inline void
_ppv_edge_bounds_add_one (guint64 *bounds,
                          guint8  *counters,
                          guint64  h,
                          gint64   w)
{
  guint8 rank = (guint8) (__builtin_clzll ((h << PPV_EDGE_COUNT_BITS) |
                                           (1u << (PPV_EDGE_COUNT_BITS - 1))) + 1);
  guint8 *counter = &counters[h >> (64 - PPV_EDGE_COUNT_BITS)];

  _ppv_add_saturated (_ppv_edge_bin (bounds, h, 0), (guint64) w);
  _ppv_add_saturated (_ppv_edge_bin (bounds, h, 1), (guint64) w);
  if (rank > *counter)
    *counter = rank;
}

/* A deep sample's edges, by hash, waiting to be added to the bounds:
 * then the bins can be asked for this many edges ahead.  A short one's
 * go straight in (_ppv_edge_bounds_add_one). */
#define PPV_BIN_PREFETCH_DISTANCE 8

typedef struct
{
  guint64 *hashes;
  guint    len, size;
} PpvEdgeHashes;

static inline void
_ppv_edge_hashes_add (PpvEdgeHashes *pending,
                      guint64        h)
{
  if (G_UNLIKELY (pending->len == pending->size))
    {
      pending->size = MAX (256, pending->size * 2);
      pending->hashes = g_renew (guint64, pending->hashes, pending->size);
    }
  pending->hashes[pending->len++] = h;
}

/* Adds the @pending edges, of weight @w, to @bounds (PPV_N_EDGE_BOUNDS)
 * and @counters (PPV_N_EDGE_COUNTERS), and empties @pending. */
void     _ppv_edge_bounds_add            (guint64        *bounds,
                                          guint8         *counters,
                                          PpvEdgeHashes  *pending,
                                          gint64          w);
/* How many distinct edges @counters saw, roughly (a few percent). */
guint64  _ppv_edge_bounds_estimate_count (const guint8   *counters);
/* Which bins of @bounds reach @cutoff, a bit each (PPV_N_EDGE_BOUNDS / 8
 * bytes).  The bits (16 KiB) stay in the first-level cache where the
 * bins (1 MiB) do not, and a deep stack asks for every edge. */
guint8  *_ppv_edge_bounds_heavy_bins     (const guint64  *bounds,
                                          gint64          cutoff);
/* About how many of the @n_edges the bins count may reach the cutoff. */
guint64  _ppv_edge_bounds_estimate_heavy (const guint8   *heavy,
                                          guint64         n_edges);

/* An edge may reach the cutoff only if both its bins do. */
static inline gboolean
_ppv_edge_may_be_heavy (const guint8 *heavy,
                        guint64       h)
{
  guint32 a = h & PPV_EDGE_BOUND_MASK;
  guint32 b = (1u << PPV_EDGE_BOUND_BITS) + ((h >> 32) & PPV_EDGE_BOUND_MASK);

  return ((heavy[a >> 3] >> (a & 7)) & (heavy[b >> 3] >> (b & 7)) & 1) != 0;
}

G_END_DECLS
