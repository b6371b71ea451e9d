/* ppv-graph-sum.c — the passes over the samples that sum nodes, edges and
 * tags, split over threads on big profiles; the edge table and the edge
 * bounds that let a text report skip edges it would trim are in
 * ppv-graph-edges.c.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are those of pprof's internal/graph package: cum and edge
 * weights count once per sample however often a node recurs, flat goes to
 * the leaf-most kept frame, frames of dropped nodes make "residual" edges.
 */
#include "ppv-graph-edges.h"
#include "ppv-graph-private.h"

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

enum
{
  EDGE_FROM = 1 << 0,
  EDGE_INTO = 1 << 1,
};

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
  PpvEdgeTable        edge_table;
  guint64         *bounds;
  const guint8    *ends;
  const guint8    *heavy_bins;    /* see _ppv_edge_bounds_heavy_bins() */

  /* Tags (one share only): they go straight into the graph's stats. */
  PpvTagTable     *tag_index;
  PpvNodeStats    *tag_stats;
  const guint8    *tag_nodes;     /* NULL: every node */

  /* Edges only, node sums known: per location, whether an edge may end
   * in one of its lines (see sum_share_edges). */
  const guint8    *edge_locations;

  guint8          *edge_counters; /* with @bounds: see count_edge() */

  /* Edges only, with @kept, node sums known: per location, a LocationClass. */
  const guint8    *kept_locations;
} SumShare;

/* How many frames ahead sum_share() fetches a node's sums (and its
 * location's lines and node further ahead), and from how many nodes on:
 * with fewer, the 16-byte sums stay in a 512 KiB cache and prefetching
 * would only cost its loads. */
#define HOT_AHEAD 8
#define HOT_PREFETCH_MIN_NODES 32768

static gpointer sum_share_edges (SumShare *share);
static gpointer sum_share_kept_edges (SumShare *share);

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
  PpvEdgeHashes pending_bounds = { NULL, 0, 0 };
  gboolean prefetch_hot = self->ids->infos->len >= HOT_PREFETCH_MIN_NODES;

  if (share->edge_locations != NULL)
    return sum_share_edges (share);
  if (share->kept_locations != NULL)
    return sum_share_kept_edges (share);

  for (guint32 s = share->first; s < share->end; s++)
    {
      const guint32 *stack;
      guint32 start;
      guint32 stamp = s + 1;
      guint32 parent = PPV_NONE;
      gboolean residual = FALSE;
      gboolean batch_bounds;
      gint64 w, dw;

      if (!sample_weight (self, s, &w, &dw))
        continue;

      stack = p->stacks + p->samples[s].stack_offset;
      start = _ppv_frame_selection_sample_start (sel, s);
      batch_bounds = sel->sample_depth[s] - start > 4 * PPV_BIN_PREFETCH_DISTANCE;
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
          /* Stages ahead, so that several misses are in flight: a far
           * frame's location, then a nearer one's lines, then the sums
           * of a nearer one's (innermost) node. */
          if (prefetch_hot && i > start + HOT_AHEAD)
            {
              guint32 near_loc = stack[i - 1 - HOT_AHEAD];
              guint32 near = loc_node[near_loc];

              if (i > start + 3 * HOT_AHEAD)
                __builtin_prefetch (&loc_node[stack[i - 1 - 3 * HOT_AHEAD]]);
              if (i > start + 2 * HOT_AHEAD)
                {
                  guint32 mid_loc = stack[i - 1 - 2 * HOT_AHEAD];

                  if (loc_node[mid_loc] == PPV_LOC_SEVERAL_LINES)
                    __builtin_prefetch (&frame_info[loc_off[mid_loc]]);
                }
              if (near < PPV_LOC_SEVERAL_LINES)
                __builtin_prefetch (&hot[near], 1);
              else if (near == PPV_LOC_SEVERAL_LINES)
                __builtin_prefetch (&hot[frame_info[loc_off[near_loc + 1] - 1]], 1);
              /* The leaf's innermost line takes the flat value. */
              if (i - 1 - HOT_AHEAD == start && near != PPV_NONE)
                {
                  guint32 leaf = near < PPV_LOC_SEVERAL_LINES ? near : frame_info[loc_off[near_loc]];

                  __builtin_prefetch (&share->flat[leaf], 1);
                  __builtin_prefetch (&share->flat_div[leaf], 1);
                }
            }
          else if (i > start + 1)
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
                    {
                      if (batch_bounds)
                        _ppv_edge_hashes_add (&pending_bounds, _ppv_edge_hash (parent, n));
                      else
                        _ppv_edge_bounds_add_one (share->bounds, share->edge_counters,
                                                  _ppv_edge_hash (parent, n), w);
                    }
                  else if (share->heavy_bins == NULL ||
                           _ppv_edge_may_be_heavy (share->heavy_bins, _ppv_edge_hash (parent, n)))
                    _ppv_edge_table_add (&share->edge_table, share->edges, parent, n, w, dw, stamp,
                                 residual, k != n_lines);
                }
              parent = n;
              residual = FALSE;
            }
        }

      if (pending_bounds.len > 0)
        _ppv_edge_bounds_add (share->bounds, share->edge_counters, &pending_bounds, w);

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

/* Adds one sample's edges in order, as _ppv_edge_table_add() one by one would. */
static void
add_pending_edges (SumShare *share,
                   GArray   *pending,
                   gint64    w,
                   gint64    dw,
                   guint32   stamp)
{
  const PendingEdge *list = (const PendingEdge *) (gpointer) pending->data;
  PpvEdgeTable *table = &share->edge_table;
  guint n = pending->len;

  for (guint j = 0; j < n; j++)
    {
      if (j + PPV_EDGE_PREFETCH_DISTANCE < n)
        {
          const PendingEdge *far = &list[j + PPV_EDGE_PREFETCH_DISTANCE];
          _ppv_edge_table_prefetch (table, share->edges, far->src, far->dst, far->hash, TRUE);
        }
      if (j + PPV_EDGE_PREFETCH_DISTANCE / 2 < n)
        {
          const PendingEdge *near = &list[j + PPV_EDGE_PREFETCH_DISTANCE / 2];
          _ppv_edge_table_prefetch (table, share->edges, near->src, near->dst, near->hash, FALSE);
        }
      _ppv_edge_table_add_hashed (table, share->edges, list[j].src, list[j].dst, list[j].hash,
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
                  PendingEdge e = { parent, n, _ppv_edge_hash (parent, n), k != loc_off[loc + 1] };

                  if (share->heavy_bins == NULL || _ppv_edge_may_be_heavy (share->heavy_bins, e.hash))
                    g_array_append_val (pending, e);
                }
              parent = n;
            }
        }
      add_pending_edges (share, pending, w, dw, s + 1);
    }
  return NULL;
}

/* What a location's frames do in a pass with a kept set. */
typedef enum
{
  LOCATION_NO_LINES,   /* nothing */
  LOCATION_DROPPED,    /* lines, none kept: the next edge is residual */
  LOCATION_KEPT,       /* some line kept: read its lines */
} LocationClass;

/* The edges of a pass with a kept set whose node sums are known (see
 * sum_graph()).  On profiles with many nodes nodefraction keeps a few
 * hundred, so almost every frame is of a dropped location: one byte of a
 * small array says so, where sum_share() would read its node and that
 * node's sums.  The edges are sum_share()'s, in the same order. */
static gpointer
sum_share_kept_edges (SumShare *share)
{
  PpvGraphBuilder *self = share->self;
  PpvProfile *p = self->profile;
  const PpvFrameSelection *sel = self->sel;
  const guint32 *loc_off = sel->loc_lines_offset;
  const guint32 *frame_info = self->ids->frame_info;
  const guint32 *loc_node = self->ids->loc_node;
  const guint8 *classes = share->kept_locations;
  const guint8 *kept = share->kept;
  const guint8 *ends = share->ends;

  for (guint32 s = share->first; s < share->end; s++)
    {
      const guint32 *stack = p->stacks + p->samples[s].stack_offset;
      guint32 start = _ppv_frame_selection_sample_start (sel, s);
      guint32 parent = PPV_NONE;
      gboolean residual = FALSE;
      gint64 w, dw;

      if (!sample_weight (self, s, &w, &dw))
        continue;

      for (guint32 i = sel->sample_depth[s]; i > start; i--)
        {
          guint32 loc = stack[i - 1];
          guint32 only, n_lines;
          const guint32 *lines;

          if (classes[loc] != LOCATION_KEPT)
            {
              residual |= classes[loc] == LOCATION_DROPPED;
              continue;
            }
          only = loc_node[loc];
          lines = &only;
          n_lines = 1;
          if (only == PPV_LOC_SEVERAL_LINES)
            {
              lines = frame_info + loc_off[loc];
              n_lines = loc_off[loc + 1] - loc_off[loc];
            }
          for (guint32 k = n_lines; k > 0; k--)
            {
              guint32 n = lines[k - 1];

              if (!kept[n])
                {
                  residual = TRUE;
                  continue;
                }
              if (parent != PPV_NONE && n != parent &&
                  (ends[n] & EDGE_INTO) && (ends[parent] & EDGE_FROM) &&
                  (share->heavy_bins == NULL ||
                   _ppv_edge_may_be_heavy (share->heavy_bins, _ppv_edge_hash (parent, n))))
                _ppv_edge_table_add (&share->edge_table, share->edges, parent, n, w, dw, s + 1,
                                     residual, k != n_lines);
              parent = n;
              residual = FALSE;
            }
        }
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

      if (i + PPV_EDGE_PREFETCH_DISTANCE < n)
        {
          const PpvEdge *far = &list[i + PPV_EDGE_PREFETCH_DISTANCE];
          _ppv_edge_table_prefetch (&into->edge_table, into->edges, far->src, far->dst,
                         _ppv_edge_hash (far->src, far->dst), TRUE);
        }
      if (i + PPV_EDGE_PREFETCH_DISTANCE / 2 < n)
        {
          const PpvEdge *near = &list[i + PPV_EDGE_PREFETCH_DISTANCE / 2];
          _ppv_edge_table_prefetch (&into->edge_table, into->edges, near->src, near->dst,
                         _ppv_edge_hash (near->src, near->dst), FALSE);
        }
      _ppv_edge_table_add (&into->edge_table, into->edges, e->src, e->dst, e->weight, e->weight_div,
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

/* Whether @sums holds every node's sums for a build without @kept: then
 * a text report wants no edge into a node that is not in the graph (its
 * label is never printed), and the node sums need no new pass. */
static gboolean
sums_known (PpvEdgeMode     mode,
            const guint8   *kept,
            const PpvGraph *sums)
{
  return mode == PPV_EDGES_INTO_INLINED && kept == NULL && sums != NULL && sums->summed == NULL;
}

/* Which nodes an edge may leave and enter, or NULL for any.  An edge
 * weighs at most the cum of either end when the samples are bounded, so
 * ends lighter than @edge_cutoff in @sums only make edges a text report
 * trims unseen.  Comparisons are not bounded, but where a base cancels
 * the profile most nodes sum to zero and leave the graph. */
static guint8 *
edge_ends (PpvGraphBuilder *self,
           PpvEdgeMode      mode,
           const guint8    *kept,
           const PpvGraph  *sums,
           gint64           edge_cutoff)
{
  gboolean bound = sums != NULL && edge_cutoff > 0 && self->bounded;
  gboolean known = sums_known (mode, kept, sums);
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
      if (known && sums->stats[n].cum == 0 && sums->stats[n].flat == 0)
        ends[n] &= ~EDGE_INTO;
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

/* Per location, a LocationClass for @kept. */
static guint8 *
kept_location_classes (PpvGraphBuilder *self,
                       const guint8    *kept)
{
  const guint32 *loc_off = self->sel->loc_lines_offset;
  const guint32 *loc_node = self->ids->loc_node;
  guint32 n_locations = self->profile->n_locations;
  guint8 *classes = g_new (guint8, MAX (n_locations, 1));

  for (guint32 l = 0; l < n_locations; l++)
    {
      guint32 only = loc_node[l];

      if (only == PPV_NONE)
        classes[l] = LOCATION_NO_LINES;
      else if (only != PPV_LOC_SEVERAL_LINES)
        classes[l] = kept[only] ? LOCATION_KEPT : LOCATION_DROPPED;
      else
        {
          classes[l] = LOCATION_DROPPED;
          for (guint32 k = loc_off[l]; k < loc_off[l + 1]; k++)
            if (kept[self->ids->frame_info[k]])
              classes[l] = LOCATION_KEPT;
        }
    }
  return classes;
}

/* Whether @sums has the exact node sums of every node in @kept: a node's
 * sums do not depend on which other nodes are kept (see
 * _ppv_graph_restrict()), so those of any build whose kept set holds @kept. */
static gboolean
sums_cover (const PpvGraph *sums,
            const guint8   *kept,
            guint32         n_infos)
{
  if (sums == NULL)
    return FALSE;
  if (sums->summed == NULL)
    return TRUE;
  if (kept == NULL)
    return FALSE;
  for (guint32 n = 0; n < n_infos; n++)
    if (kept[n] && !sums->summed[n])
      return FALSE;
  return TRUE;
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
  g_autofree guint8 *ends = edge_ends (self, mode, kept, sums, edge_cutoff);
  const guint64 *bounds_in = NULL;
  g_autofree guint8 *heavy_bins = NULL;
  g_autofree guint8 *edge_locations = NULL;
  g_autofree guint8 *kept_locations = NULL;
  gboolean edges_only;
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
  /* A text report's later passes only want edges into inlined nodes, and
   * @sums often has every node sum already: they only sum those edges. */
  edges_only = mode == PPV_EDGES_INTO_INLINED && !with_tags &&
               sums_cover (sums, kept, self->ids->infos->len);
  if (edges_only && kept == NULL)
    edge_locations = wanted_edge_locations (self, ends);
  else if (edges_only)
    kept_locations = kept_location_classes (self, kept);
  if (bounds_in != NULL)
    {
      heavy_bins = _ppv_edge_bounds_heavy_bins (bounds_in, edge_cutoff);
      /* Each share may see about every edge: all have the room. */
      table_mask = _ppv_edge_table_mask_for (_ppv_edge_bounds_estimate_heavy (heavy_bins,
                                                                              sums->n_bounded_edges));
    }

  /* No edge wanted anywhere (a profile compared with itself): no pass. */
  if (edge_locations != NULL && !any_flagged (edge_locations, self->profile->n_locations))
    n_samples = 0;

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
        tag_index, g->stats, tag_nodes, edge_locations, NULL, kept_locations,
      };
      /* Shares after the first sum tags into tables of their own. */
      if (i > 0 && with_tags)
        {
          shares[i].tag_index = _ppv_tag_table_new ();
          shares[i].tag_stats = g_new0 (PpvNodeStats, n_infos);
        }
      if (mode == PPV_EDGES_BOUNDS)
        {
          shares[i].bounds = i == 0 ? g->edge_bounds : g_new0 (guint64, PPV_N_EDGE_BOUNDS);
          shares[i].edge_counters = g_new0 (guint8, PPV_N_EDGE_COUNTERS);
        }
      else if (mode != PPV_EDGES_NONE)
        {
          /* The first share sums into the graph's array, the rest merge into it. */
          shares[i].edges = i == 0 ? g->edges : g_array_new (FALSE, FALSE, sizeof (PpvEdge));
          _ppv_edge_table_init (&shares[i].edge_table, table_mask);
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
          _ppv_edge_table_clear (&shares[i].edge_table);
          merge_share_edges (&shares[0], &shares[i]);
          g_array_unref (shares[i].edges);
        }
      if (i > 0 && with_tags)
        merge_share_tags (self, tag_index, g->stats, &shares[i]);
      if (i > 0 && shares[i].bounds != NULL)
        {
          for (guint32 b = 0; b < PPV_N_EDGE_BOUNDS; b++)
            _ppv_add_saturated (&g->edge_bounds[b], shares[i].bounds[b]);
          for (guint32 c = 0; c < PPV_N_EDGE_COUNTERS; c++)
            shares[0].edge_counters[c] = MAX (shares[0].edge_counters[c], shares[i].edge_counters[c]);
          g_free (shares[i].bounds);
          g_free (shares[i].edge_counters);
        }
      g_free (shares[i].hot);
      g_free (shares[i].cum_div);
      g_free (shares[i].flat);
      g_free (shares[i].flat_div);
    }
  _ppv_edge_table_clear (&shares[0].edge_table);
  _ppv_tag_table_free (tag_index);
  if (shares[0].edge_counters != NULL)
    {
      g->n_bounded_edges = _ppv_edge_bounds_estimate_count (shares[0].edge_counters);
      g_free (shares[0].edge_counters);
    }

  for (guint32 n = 0; edges_only && n < self->ids->infos->len; n++)
    if (kept == NULL || kept[n])
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
  g->summed = kept != NULL ? g_memdup2 (kept, MAX (n_infos, 1)) : NULL;
  g->edges = g_array_new (FALSE, FALSE, sizeof (PpvEdge));

  /* No inlined node, no edge into one: the node sums are all there is.
   * Bounds are only bounds if no sample is negative, and they are only
   * kept for builds without @kept (see sum_graph()). */
  if (edges == PPV_EDGES_INTO_INLINED && !self->with_tags && !self->ids->has_inlined)
    edges = PPV_EDGES_NONE;
  if (edges == PPV_EDGES_BOUNDS && (kept != NULL || !self->ids->has_inlined || !self->bounded))
    edges = PPV_EDGES_NONE;
  if (edges == PPV_EDGES_BOUNDS)
    g->edge_bounds = g_new0 (guint64, PPV_N_EDGE_BOUNDS);
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
  g_free (g->summed);
  g_array_unref (g->edges);
  g_free (g);
}

