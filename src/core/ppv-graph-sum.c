/* ppv-graph-sum.c — the passes over the samples that sum nodes, edges and
 * tags, split over threads on big profiles, and the edge bounds that let a
 * text report skip edges it would trim.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are those of pprof's internal/graph package: cum and edge
 * weights count once per sample however often a node recurs, flat goes to
 * the leaf-most kept frame, frames of dropped nodes make "residual" edges.
 */
#include <math.h>

#include "ppv-graph-private.h"

/* --- Edge table: open addressing on (src, dst) ----------------------------- */

/* Key and value share a slot: a lookup is one cache miss, not two. */
typedef struct
{
  guint32 src, dst;
  guint32 edge;      /* index + 1; 0 = empty */
} EdgeSlot;

typedef struct
{
  EdgeSlot *slots;
  gsize     mask;
  gsize     used;
} EdgeTable;

static void
edge_table_init (EdgeTable *t,
                 gsize      mask)
{
  t->mask = mask;
  t->used = 0;
  t->slots = g_new0 (EdgeSlot, t->mask + 1);
}

static void
edge_table_clear (EdgeTable *t)
{
  g_clear_pointer (&t->slots, g_free);
}

static inline guint64
edge_hash (guint32 src,
           guint32 dst)
{
  guint64 key = ((guint64) src << 32) | dst;

  key ^= key >> 33;
  key *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  key ^= key >> 33;
  return key;
}

static void edge_table_insert (EdgeTable *t, guint32 src, guint32 dst, guint64 hash, guint32 edge);

/* Room for @n entries without growing. */
static void
edge_table_reserve (EdgeTable *t,
                    gsize      n)
{
  EdgeTable old = *t;
  gsize mask = old.mask;

  while ((n + 1) * 2 > mask)
    mask = mask * 2 + 1;
  if (mask == old.mask)
    return;

  edge_table_init (t, mask);
  for (gsize i = 0; i <= old.mask; i++)
    if (old.slots[i].edge)
      edge_table_insert (t, old.slots[i].src, old.slots[i].dst,
                         edge_hash (old.slots[i].src, old.slots[i].dst), old.slots[i].edge - 1);
  edge_table_clear (&old);
}

static void
edge_table_insert (EdgeTable *t,
                   guint32    src,
                   guint32    dst,
                   guint64    hash,
                   guint32    edge)
{
  gsize i;

  if ((t->used + 1) * 2 > t->mask)
    edge_table_reserve (t, t->used + 1);
  for (i = hash & t->mask; t->slots[i].edge; i = (i + 1) & t->mask)
    ;
  t->slots[i] = (EdgeSlot) { src, dst, edge + 1 };
  t->used++;
}

static inline guint32
edge_table_lookup (const EdgeTable *t,
                   guint32          src,
                   guint32          dst,
                   guint64          hash)
{
  for (gsize i = hash & t->mask; t->slots[i].edge; i = (i + 1) & t->mask)
    if (t->slots[i].src == src && t->slots[i].dst == dst)
      return t->slots[i].edge - 1;
  return PPV_NONE;
}

/* --- Building -------------------------------------------------------------- */

static inline gboolean
is_negative (const PpvNodeStats *n)
{
  return n->flat < 0 || (n->flat == 0 && n->cum < 0);
}

/* Every aggregate weighs samples alike: the context decides. */
static inline gboolean
sample_weight (PpvGraphBuilder *self,
               guint32          s,
               gint64          *w,
               gint64          *dw)
{
  return _ppv_report_context_sample_weight (self->ctx, s, w, dw);
}

/* Node sums in a compact array: the pass touches every frame of every
 * sample, and on large profiles its cost is cache misses. */
typedef struct
{
  guint32 stamp;
  gint64  cum;
} HotNode;

/* pprof's AddToEdgeDiv, counted once per sample (@stamp): weights add,
 * an edge is residual if any sample made it so, and inline only if every
 * sample's call was inlined. */
static inline void
add_to_edge_hashed (EdgeTable *table,
                    GArray    *edges,
                    guint32    src,
                    guint32    dst,
                    guint64    hash,
                    gint64     w,
                    gint64     dw,
                    guint32    stamp,
                    gboolean   residual,
                    gboolean   inline_call)
{
  guint32 e = edge_table_lookup (table, src, dst, hash);

  if (e == PPV_NONE)
    {
      PpvEdge edge = { src, dst, w, dw, stamp, residual, inline_call, FALSE };
      edge_table_insert (table, src, dst, hash, edges->len);
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
add_to_edge (EdgeTable *table,
             GArray    *edges,
             guint32    src,
             guint32    dst,
             gint64     w,
             gint64     dw,
             guint32    stamp,
             gboolean   residual,
             gboolean   inline_call)
{
  add_to_edge_hashed (table, edges, src, dst, edge_hash (src, dst), w, dw, stamp, residual, inline_call);
}

enum
{
  EDGE_FROM = 1 << 0,
  EDGE_INTO = 1 << 1,
};

/* Edge bounds: every edge adds its sample's weight to one bin in each half,
 * by two halves of its hash (a count-min sketch).  With bounded samples
 * an edge weighs at most its smaller bin.  Bins sum many light edges,
 * yet stay far below an edgefraction cutoff unless a heavy edge is in
 * both: a text report then sums only the few edges that may survive. */
#define EDGE_BOUND_BITS 16
#define EDGE_BOUND_MASK ((1u << EDGE_BOUND_BITS) - 1)
#define N_EDGE_BOUNDS   (2u << EDGE_BOUND_BITS)

/* Bounded weights are not negative, but bins may still outgrow 64 bits. */
static inline void
add_saturated (guint64 *bin,
               guint64  w)
{
  *bin = *bin + w < *bin ? G_MAXUINT64 : *bin + w;
}

/* The bounds also count, roughly, how many distinct edges they cover (a
 * HyperLogLog sketch over the same hash): a later pass sizes its edge
 * tables once from that, rather than doubling them from small, each time
 * rehashing every edge into fresh pages. */
#define EDGE_COUNT_BITS 12
#define N_EDGE_COUNTERS (1u << EDGE_COUNT_BITS)

static inline void
count_edge (guint8  *counters,
            guint64  h)
{
  guint8 rank = (guint8) (__builtin_clzll ((h << EDGE_COUNT_BITS) | (1u << (EDGE_COUNT_BITS - 1))) + 1);
  guint8 *counter = &counters[h >> (64 - EDGE_COUNT_BITS)];

  if (rank > *counter)
    *counter = rank;
}

static guint64
estimate_edge_count (const guint8 *counters)
{
  double m = N_EDGE_COUNTERS, sum = 0, estimate;
  guint zeros = 0;

  for (guint i = 0; i < N_EDGE_COUNTERS; i++)
    {
      sum += ldexp (1.0, -counters[i]);
      zeros += counters[i] == 0;
    }
  estimate = 0.7213 / (1 + 1.079 / m) * m * m / sum;
  if (estimate <= 2.5 * m && zeros > 0)
    estimate = m * log (m / zeros);
  return (guint64) estimate;
}

static inline guint64 *
edge_bin (guint64 *bounds,
          guint64  h,
          guint    half)
{
  return half == 0 ? &bounds[h & EDGE_BOUND_MASK]
                   : &bounds[(1u << EDGE_BOUND_BITS) + ((h >> 32) & EDGE_BOUND_MASK)];
}

/* A sample's edges, by hash, waiting to be added to the bounds. */
typedef struct
{
  guint64 *hashes;
  guint    len, size;
} EdgeHashes;

static inline void
edge_hashes_add (EdgeHashes *pending,
                 guint64     h)
{
  if (G_UNLIKELY (pending->len == pending->size))
    {
      pending->size = MAX (256, pending->size * 2);
      pending->hashes = g_renew (guint64, pending->hashes, pending->size);
    }
  pending->hashes[pending->len++] = h;
}

#define BIN_PREFETCH_DISTANCE 8

/* The bins take a deep stack's edges in any order (saturated sums of
 * weights that are not negative): ask for the bins a few edges ahead. */
static void
add_edge_bounds (guint64    *bounds,
                 guint8     *counters,
                 EdgeHashes *pending,
                 gint64      w)
{
  for (guint j = 0; j < pending->len; j++)
    {
      guint64 h = pending->hashes[j];

      if (j + BIN_PREFETCH_DISTANCE < pending->len)
        {
          guint64 ahead = pending->hashes[j + BIN_PREFETCH_DISTANCE];

          __builtin_prefetch (edge_bin (bounds, ahead, 0), 1);
          __builtin_prefetch (edge_bin (bounds, ahead, 1), 1);
        }
      add_saturated (edge_bin (bounds, h, 0), (guint64) w);
      add_saturated (edge_bin (bounds, h, 1), (guint64) w);
      count_edge (counters, h);
    }
  pending->len = 0;
}


/* Which bins reach a cutoff, a bit each: an edge may reach it only if
 * both its bins do.  The bits (16 KiB) stay in the first-level cache
 * where the bins (1 MiB) do not, and a deep stack asks for every edge. */
static guint8 *
heavy_bins_new (const guint64 *bounds,
                gint64         cutoff)
{
  guint8 *heavy = g_new0 (guint8, N_EDGE_BOUNDS / 8);

  for (guint32 b = 0; b < N_EDGE_BOUNDS; b++)
    if (bounds[b] >= (guint64) cutoff)
      heavy[b >> 3] |= 1u << (b & 7);
  return heavy;
}

static inline gboolean
edge_may_be_heavy (const guint8 *heavy,
                   guint64       h)
{
  guint32 a = h & EDGE_BOUND_MASK;
  guint32 b = (1u << EDGE_BOUND_BITS) + ((h >> 32) & EDGE_BOUND_MASK);

  return ((heavy[a >> 3] >> (a & 7)) & (heavy[b >> 3] >> (b & 7)) & 1) != 0;
}

/* About how many of the @n_edges the bins count may reach the cutoff:
 * those whose bins both do, light edges being spread evenly. */
static guint64
estimate_heavy_edges (const guint8 *heavy,
                      guint64       n_edges)
{
  guint64 n_heavy[2] = { 0, 0 };

  for (guint32 b = 0; b < N_EDGE_BOUNDS; b++)
    n_heavy[b >> EDGE_BOUND_BITS] += (heavy[b >> 3] >> (b & 7)) & 1;
  return (guint64) ((double) n_edges * ((double) n_heavy[0] / (1u << EDGE_BOUND_BITS))
                                     * ((double) n_heavy[1] / (1u << EDGE_BOUND_BITS)));
}

/* One share of the samples, summed into arrays of its own: samples are
 * independent, so threads need no locking, node sums just add, and edges
 * merge as pprof adds them (see merge_share_edges). */
typedef struct
{
  PpvGraphBuilder *self;
  const guint8    *kept;
  guint32          first, end;    /* sample range */
  HotNode         *hot;
  gint64          *cum_div;
  gint64          *flat;
  gint64          *flat_div;

  /* Edges (or with PPV_EDGES_BOUNDS their bounds), or NULL; @ends
   * (EDGE_FROM/EDGE_INTO per node, NULL for any) says which nodes an edge
   * may leave and enter, and @heavy_bins which edges may reach @edge_cutoff. */
  GArray          *edges;         /* PpvEdge */
  EdgeTable        edge_table;
  guint64         *bounds;
  const guint8    *ends;
  const guint8    *heavy_bins;    /* see heavy_bins_new() */

  /* Tags (one share only): they go straight into the graph's stats. */
  PpvTagTable     *tag_index;
  PpvNodeStats    *tag_stats;
  const guint8    *tag_nodes;     /* NULL: every node */

  /* Edges only, node sums known: per location, whether an edge may end
   * in one of its lines (see sum_share_edges). */
  const guint8    *edge_locations;

  guint8          *edge_counters; /* with @bounds: see count_edge() */
} SumShare;

static gpointer sum_share_edges (SumShare *share);

static gpointer
sum_share (gpointer data)
{
  SumShare *share = data;
  PpvGraphBuilder *self = share->self;
  PpvProfile *p = self->profile;
  const PpvFrameSelection *sel = self->sel;
  const guint32 *loc_off = sel->loc_lines_offset;
  const guint32 *frame_info = self->ids->frame_info;
  const guint32 *loc_node = self->ids->loc_node;
  const guint8 *kept = share->kept;
  const guint8 *ends = share->ends;
  gboolean with_edges = share->edges != NULL || share->bounds != NULL;
  HotNode *hot = share->hot;
  EdgeHashes pending_bounds = { NULL, 0, 0 };

  if (share->edge_locations != NULL)
    return sum_share_edges (share);

  for (guint32 s = share->first; s < share->end; s++)
    {
      const guint32 *stack;
      guint32 start;
      guint32 stamp = s + 1;
      guint32 parent = PPV_NONE;
      gboolean residual = FALSE;
      gint64 w, dw;

      if (!sample_weight (self, s, &w, &dw))
        continue;

      stack = p->stacks + p->samples[s].stack_offset;
      start = _ppv_frame_selection_sample_start (sel, s);
      for (guint32 i = sel->sample_depth[s]; i > start; i--)
        {
          guint32 loc = stack[i - 1];
          guint32 only = loc_node[loc];
          const guint32 *lines = &only;
          guint32 n_lines = only == PPV_NONE ? 0 : 1;

          /* Most locations have one line: its node is one read away. */
          if (only == PPV_LOC_SEVERAL_LINES)
            {
              lines = frame_info + loc_off[loc];
              n_lines = loc_off[loc + 1] - loc_off[loc];
            }
          if (i > start + 1)
            __builtin_prefetch (&loc_node[stack[i - 2]]);
          for (guint32 k = n_lines; k > 0; k--)
            {
              guint32 n = lines[k - 1];

              if (kept != NULL && !kept[n])
                {
                  residual = TRUE;
                  continue;
                }
              if (hot[n].stamp != stamp)
                {
                  hot[n].stamp = stamp;
                  hot[n].cum += w;
                  if (share->cum_div)
                    share->cum_div[n] += dw;
                  if (share->tag_index && (share->tag_nodes == NULL || share->tag_nodes[n]))
                    _ppv_graph_add_sample_tags (self, share->tag_index, &share->tag_stats[n],
                                                n, s, w, dw, FALSE);
                }
              /* Lines of a location run innermost first: all but its
               * outermost one are inlined calls. */
              if (with_edges && parent != PPV_NONE && n != parent &&
                  (ends == NULL || ((ends[n] & EDGE_INTO) && (ends[parent] & EDGE_FROM))))
                {
                  if (share->bounds != NULL)
                    edge_hashes_add (&pending_bounds, edge_hash (parent, n));
                  else if (share->heavy_bins == NULL ||
                           edge_may_be_heavy (share->heavy_bins, edge_hash (parent, n)))
                    add_to_edge (&share->edge_table, share->edges, parent, n, w, dw, stamp,
                                 residual, k != n_lines);
                }
              parent = n;
              residual = FALSE;
            }
        }

      if (pending_bounds.len > 0)
        add_edge_bounds (share->bounds, share->edge_counters, &pending_bounds, w);

      if (parent != PPV_NONE && !residual)
        {
          share->flat[parent] += w;
          share->flat_div[parent] += dw;
          if (share->tag_index && (share->tag_nodes == NULL || share->tag_nodes[parent]))
            _ppv_graph_add_sample_tags (self, share->tag_index, &share->tag_stats[parent],
                                        parent, s, w, dw, TRUE);
        }
    }
  g_free (pending_bounds.hashes);
  return NULL;
}

/* An edge of one sample, waiting for its turn in the table. */
typedef struct
{
  guint32  src, dst;
  guint64  hash;
  gboolean inline_call;
} PendingEdge;

/* Over a big table, adding an edge costs two cache misses (its slot,
 * then the edge), and a deep stack's edges are many and unrelated.  The
 * loops that add many ask for the slot of the edge this far ahead, and
 * for the edge itself of the one half as far, so that the misses overlap
 * instead of being paid in turn. */
#define EDGE_PREFETCH_DISTANCE 16

static inline void
prefetch_edge (const EdgeTable *table,
               GArray          *edges,
               guint32          src,
               guint32          dst,
               guint64          hash,
               gboolean         slot_only)
{
  guint32 e;

  if (slot_only)
    {
      __builtin_prefetch (&table->slots[hash & table->mask]);
      return;
    }
  e = edge_table_lookup (table, src, dst, hash);
  if (e != PPV_NONE)
    __builtin_prefetch (&g_array_index (edges, PpvEdge, e));
}

/* Adds one sample's edges in order, as add_to_edge() one by one would. */
static void
add_pending_edges (SumShare *share,
                   GArray   *pending,
                   gint64    w,
                   gint64    dw,
                   guint32   stamp)
{
  const PendingEdge *list = (const PendingEdge *) (gpointer) pending->data;
  EdgeTable *table = &share->edge_table;
  guint n = pending->len;

  for (guint j = 0; j < n; j++)
    {
      if (j + EDGE_PREFETCH_DISTANCE < n)
        {
          const PendingEdge *far = &list[j + EDGE_PREFETCH_DISTANCE];
          prefetch_edge (table, share->edges, far->src, far->dst, far->hash, TRUE);
        }
      if (j + EDGE_PREFETCH_DISTANCE / 2 < n)
        {
          const PendingEdge *near = &list[j + EDGE_PREFETCH_DISTANCE / 2];
          prefetch_edge (table, share->edges, near->src, near->dst, near->hash, FALSE);
        }
      add_to_edge_hashed (table, share->edges, list[j].src, list[j].dst, list[j].hash,
                          w, dw, stamp, FALSE, list[j].inline_call);
    }
}

/* The second pass of a text report: the node sums are those of the first
 * (same samples, nothing dropped) and only edges into a few inlined nodes
 * are wanted.  Reading the stacks in order and skipping locations no
 * wanted edge ends in avoids the per-frame node work and its cache misses.
 * An edge's source is the frame before it: the previous line of the same
 * location, or the innermost line of the location before. */
static gpointer
sum_share_edges (SumShare *share)
{
  PpvGraphBuilder *self = share->self;
  PpvProfile *p = self->profile;
  const PpvFrameSelection *sel = self->sel;
  const guint32 *loc_off = sel->loc_lines_offset;
  const guint32 *frame_info = self->ids->frame_info;
  const guint8 *ends = share->ends;
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (PendingEdge));

  for (guint32 s = share->first; s < share->end; s++)
    {
      const guint32 *stack = p->stacks + p->samples[s].stack_offset;
      guint32 depth = sel->sample_depth[s];
      guint32 start = _ppv_frame_selection_sample_start (sel, s);
      gint64 w, dw;

      if (!sample_weight (self, s, &w, &dw))
        continue;

      g_array_set_size (pending, 0);
      for (guint32 i = depth; i > start; i--)
        {
          guint32 loc = stack[i - 1];
          guint32 parent;

          if (!share->edge_locations[loc])
            continue;

          parent = i < depth ? frame_info[loc_off[stack[i]]] : PPV_NONE;
          for (guint32 k = loc_off[loc + 1]; k > loc_off[loc]; k--)
            {
              guint32 n = frame_info[k - 1];

              if (parent != PPV_NONE && n != parent &&
                  (ends[n] & EDGE_INTO) && (ends[parent] & EDGE_FROM))
                {
                  PendingEdge e = { parent, n, edge_hash (parent, n), k != loc_off[loc + 1] };

                  if (edge_may_be_heavy (share->heavy_bins, e.hash))
                    g_array_append_val (pending, e);
                }
              parent = n;
            }
        }
      add_pending_edges (share, pending, w, dw, s + 1);
    }
  return NULL;
}

/* Adds a later share's edges to an earlier one's.  Shares hold
 * consecutive sample ranges and each lists its edges in first-seen order,
 * so merging them in order gives the very array one pass would: same
 * edges, same order, same sums and flags.  Stamps of different shares
 * never match, so each merged edge counts once. */
static void
merge_share_edges (SumShare       *into,
                   const SumShare *from)
{
  const PpvEdge *list = (const PpvEdge *) (gpointer) from->edges->data;
  guint32 n = from->edges->len;

  /* Not reserved for both lengths: shares mostly see the same edges. */
  for (guint32 i = 0; i < n; i++)
    {
      const PpvEdge *e = &list[i];

      if (i + EDGE_PREFETCH_DISTANCE < n)
        {
          const PpvEdge *far = &list[i + EDGE_PREFETCH_DISTANCE];
          prefetch_edge (&into->edge_table, into->edges, far->src, far->dst,
                         edge_hash (far->src, far->dst), TRUE);
        }
      if (i + EDGE_PREFETCH_DISTANCE / 2 < n)
        {
          const PpvEdge *near = &list[i + EDGE_PREFETCH_DISTANCE / 2];
          prefetch_edge (&into->edge_table, into->edges, near->src, near->dst,
                         edge_hash (near->src, near->dst), FALSE);
        }
      add_to_edge (&into->edge_table, into->edges, e->src, e->dst, e->weight, e->weight_div,
                   e->stamp, e->residual, e->inline_call);
    }
}

/* Adds a later share's tags to the graph's, as if one pass had seen its
 * samples after the earlier shares' (a tag's value is its first one). */
static void
merge_share_tags (PpvGraphBuilder *self,
                  PpvTagTable     *index,
                  PpvNodeStats    *into,
                  SumShare        *from)
{
  for (guint32 n = 0; n < self->ids->infos->len; n++)
    if (from->tag_stats[n].tags != NULL)
      {
        _ppv_graph_merge_tags (index, &into[n], n, from->tag_stats[n].tags);
        g_array_unref (from->tag_stats[n].tags);
      }
  g_free (from->tag_stats);
  _ppv_tag_table_free (from->tag_index);
}

/* Which nodes an edge may leave and enter, or NULL for any.  An edge
 * weighs at most the cum of either end when the samples are bounded, so
 * ends lighter than @edge_cutoff in @sums only make edges a text report
 * trims unseen. */
static guint8 *
edge_ends (PpvGraphBuilder *self,
           PpvEdgeMode      mode,
           const PpvGraph  *sums,
           gint64           edge_cutoff)
{
  gboolean bound = sums != NULL && edge_cutoff > 0 && self->bounded;
  guint8 *ends;

  if (mode != PPV_EDGES_INTO_INLINED && mode != PPV_EDGES_BOUNDS)
    return NULL;

  ends = g_new (guint8, MAX (self->ids->infos->len, 1));
  for (guint32 n = 0; n < self->ids->infos->len; n++)
    {
      if (bound && sums->stats[n].cum < edge_cutoff)
        ends[n] = 0;
      else
        ends[n] = EDGE_FROM | (self->ids->inlined[n] ? EDGE_INTO : 0);
    }
  return ends;
}

/* Per location: does an edge the pass wants end in one of its lines? */
static guint8 *
wanted_edge_locations (PpvGraphBuilder *self,
                       const guint8    *ends)
{
  const guint32 *loc_off = self->sel->loc_lines_offset;
  guint32 n_locations = self->profile->n_locations;
  guint8 *wanted = g_new0 (guint8, MAX (n_locations, 1));

  for (guint32 l = 0; l < n_locations; l++)
    for (guint32 k = loc_off[l]; k < loc_off[l + 1] && !wanted[l]; k++)
      wanted[l] = (ends[self->ids->frame_info[k]] & EDGE_INTO) != 0;
  return wanted;
}

#define MAX_SHARES 4
#define MIN_FRAMES_PER_SHARE 4000000

/* PPV_GRAPH_SHARE_FRAMES lets tests split small profiles, so that they
 * check the merged sums against one pass's. */
static guint64
frames_per_share (void)
{
  const char *knob = g_getenv ("PPV_GRAPH_SHARE_FRAMES");
  guint64 frames = knob != NULL ? g_ascii_strtoull (knob, NULL, 10) : 0;

  return frames > 0 ? frames : MIN_FRAMES_PER_SHARE;
}

/* NULL stands for every node. */
static gboolean
any_flagged (const guint8 *flags,
             guint32       n)
{
  if (flags == NULL)
    return TRUE;
  for (guint32 i = 0; i < n; i++)
    if (flags[i])
      return TRUE;
  return FALSE;
}

/* Node sums, and for @mode edges and (with tags) tags, as pprof's newGraph
 * computes them.  Tags are only summed with edges: they matter once nodes
 * are chosen. */
static void
sum_graph (PpvGraphBuilder *self,
           const guint8    *kept,
           PpvEdgeMode      mode,
           const PpvGraph  *sums,
           gint64           edge_cutoff,
           const guint8    *tag_nodes,
           PpvGraph        *g)
{
  guint32 n_infos = MAX (self->ids->infos->len, 1);
  guint32 n_samples = self->profile->n_samples;
  gboolean with_tags = self->with_tags && mode != PPV_EDGES_NONE && mode != PPV_EDGES_BOUNDS &&
                       any_flagged (tag_nodes, self->ids->infos->len);
  PpvTagTable *tag_index = NULL;
  g_autofree guint8 *ends = edge_ends (self, mode, sums, edge_cutoff);
  const guint64 *bounds_in = NULL;
  g_autofree guint8 *heavy_bins = NULL;
  g_autofree guint8 *edge_locations = NULL;
  SumShare shares[MAX_SHARES];
  GThread *threads[MAX_SHARES] = { NULL };
  gsize table_mask = 1023;
  guint n_shares;

  /* Threads only pay off on big profiles.  Tags of every node keep one
   * share: merging their per-node arrays would cost more than summing
   * them; those of a few nodes merge cheaply (see merge_share_tags). */
  n_shares = (guint) CLAMP (self->profile->n_stacks / frames_per_share (), 1,
                            MIN (MAX_SHARES, (guint) g_get_num_processors ()));
  if (with_tags && tag_nodes == NULL)
    n_shares = 1;
  if (with_tags)
    tag_index = _ppv_tag_table_new ();
  /* Bounds cover the edges of a build without @kept: with one, frames
   * of dropped nodes join others into edges they never saw. */
  if (mode == PPV_EDGES_INTO_INLINED && kept == NULL && sums != NULL &&
      sums->edge_bounds != NULL && edge_cutoff > 0 && self->bounded)
    bounds_in = sums->edge_bounds;
  /* Then @sums, built without @kept too, has every node sum already. */
  if (bounds_in != NULL && !with_tags)
    edge_locations = wanted_edge_locations (self, ends);
  if (bounds_in != NULL)
    {
      guint64 expected;

      heavy_bins = heavy_bins_new (bounds_in, edge_cutoff);
      expected = estimate_heavy_edges (heavy_bins, sums->n_bounded_edges);
      /* Each share may see about every edge: all have the room. */
      while ((expected + 1) * 2 > table_mask && table_mask < G_MAXUINT32)
        table_mask = table_mask * 2 + 1;
    }

  for (guint i = 0; i < n_shares; i++)
    {
      shares[i] = (SumShare) {
        self, kept,
        (guint32) ((guint64) n_samples * i / n_shares),
        (guint32) ((guint64) n_samples * (i + 1) / n_shares),
        g_new0 (HotNode, n_infos),
        self->mean ? g_new0 (gint64, n_infos) : NULL,
        g_new0 (gint64, n_infos),
        g_new0 (gint64, n_infos),
        NULL, { NULL, 0, 0 }, NULL, ends, heavy_bins,
        tag_index, g->stats, tag_nodes, edge_locations,
      };
      /* Shares after the first sum tags into tables of their own. */
      if (i > 0 && with_tags)
        {
          shares[i].tag_index = _ppv_tag_table_new ();
          shares[i].tag_stats = g_new0 (PpvNodeStats, n_infos);
        }
      if (mode == PPV_EDGES_BOUNDS)
        {
          shares[i].bounds = i == 0 ? g->edge_bounds : g_new0 (guint64, N_EDGE_BOUNDS);
          shares[i].edge_counters = g_new0 (guint8, N_EDGE_COUNTERS);
        }
      else if (mode != PPV_EDGES_NONE)
        {
          /* The first share sums into the graph's array, the rest merge into it. */
          shares[i].edges = i == 0 ? g->edges : g_array_new (FALSE, FALSE, sizeof (PpvEdge));
          edge_table_init (&shares[i].edge_table, table_mask);
        }
      if (i > 0)
        threads[i] = g_thread_try_new ("ppv-graph", sum_share, &shares[i], NULL);
      if (i > 0 && threads[i] == NULL)
        sum_share (&shares[i]);
    }
  sum_share (&shares[0]);

  for (guint i = 0; i < n_shares; i++)
    {
      if (threads[i] != NULL)
        g_thread_join (threads[i]);
      for (guint32 n = 0; n < self->ids->infos->len; n++)
        {
          g->stats[n].cum += shares[i].hot[n].cum;
          g->stats[n].cum_div += shares[i].cum_div ? shares[i].cum_div[n] : 0;
          g->stats[n].flat += shares[i].flat[n];
          g->stats[n].flat_div += shares[i].flat_div[n];
        }
      if (i > 0 && shares[i].edges != NULL)
        {
          edge_table_clear (&shares[i].edge_table);
          merge_share_edges (&shares[0], &shares[i]);
          g_array_unref (shares[i].edges);
        }
      if (i > 0 && with_tags)
        merge_share_tags (self, tag_index, g->stats, &shares[i]);
      if (i > 0 && shares[i].bounds != NULL)
        {
          for (guint32 b = 0; b < N_EDGE_BOUNDS; b++)
            add_saturated (&g->edge_bounds[b], shares[i].bounds[b]);
          for (guint32 c = 0; c < N_EDGE_COUNTERS; c++)
            shares[0].edge_counters[c] = MAX (shares[0].edge_counters[c], shares[i].edge_counters[c]);
          g_free (shares[i].bounds);
          g_free (shares[i].edge_counters);
        }
      g_free (shares[i].hot);
      g_free (shares[i].cum_div);
      g_free (shares[i].flat);
      g_free (shares[i].flat_div);
    }
  edge_table_clear (&shares[0].edge_table);
  _ppv_tag_table_free (tag_index);
  if (shares[0].edge_counters != NULL)
    {
      g->n_bounded_edges = estimate_edge_count (shares[0].edge_counters);
      g_free (shares[0].edge_counters);
    }

  if (edge_locations != NULL)
    for (guint32 n = 0; n < self->ids->infos->len; n++)
      {
        g->stats[n].cum = sums->stats[n].cum;
        g->stats[n].cum_div = sums->stats[n].cum_div;
        g->stats[n].flat = sums->stats[n].flat;
        g->stats[n].flat_div = sums->stats[n].flat_div;
      }
}

PpvGraph *
_ppv_graph_build (PpvGraphBuilder *self,
                  const guint8    *kept,
                  PpvEdgeMode      edges,
                  const PpvGraph  *sums,
                  gint64           edge_cutoff,
                  const guint8    *tag_nodes)
{
  guint32 n_infos = self->ids->infos->len;
  PpvGraph *g = g_new0 (PpvGraph, 1);

  g->stats = g_new0 (PpvNodeStats, MAX (n_infos, 1));
  g->n_infos = n_infos;
  g->edges = g_array_new (FALSE, FALSE, sizeof (PpvEdge));

  /* No inlined node, no edge into one: the node sums are all there is.
   * Bounds are only bounds if no sample is negative, and they are only
   * kept for builds without @kept (see sum_graph()). */
  if (edges == PPV_EDGES_INTO_INLINED && !self->with_tags && !self->ids->has_inlined)
    edges = PPV_EDGES_NONE;
  if (edges == PPV_EDGES_BOUNDS && (kept != NULL || !self->ids->has_inlined || !self->bounded))
    edges = PPV_EDGES_NONE;
  if (edges == PPV_EDGES_BOUNDS)
    g->edge_bounds = g_new0 (guint64, N_EDGE_BOUNDS);
  sum_graph (self, kept, edges, sums, edge_cutoff, tag_nodes, g);

  g->nodes = g_new (guint32, MAX (n_infos, 1));
  for (guint32 n = 0; n < n_infos; n++)
    {
      PpvNodeStats *st = &g->stats[n];

      if (st->cum == 0 && st->flat == 0)
        continue;
      if (self->drop_negative && is_negative (st))
        continue;
      st->in_graph = TRUE;
      g->nodes[g->n_nodes++] = n;
    }

  return g;
}

void
_ppv_graph_free (PpvGraph *g)
{
  if (g == NULL)
    return;
  for (guint32 i = 0; g->stats != NULL && i < g->n_infos; i++)
    g_clear_pointer (&g->stats[i].tags, g_array_unref);
  g_free (g->stats);
  g_free (g->nodes);
  g_free (g->in_offset);
  g_free (g->in_list);
  g_free (g->out_offset);
  g_free (g->out_list);
  g_free (g->edge_bounds);
  g_array_unref (g->edges);
  g_free (g);
}

