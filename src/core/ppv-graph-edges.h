/* ppv-graph-edges.h — what the graph's summing passes use for edges: a
 * table of (src, dst) pairs.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It is touched for every frame of every sample: the hot calls are
 * inline, and the comments say which cache misses its layout avoids.
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

G_END_DECLS
