/* ppv-graph-sum.c — the passes over the samples that sum nodes, edges and
 * tags, split over threads on big profiles; the passes that only sum
 * edges are in ppv-graph-sum-edges.c, the edge table in ppv-graph-edges.c.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are those of pprof's internal/graph package: cum and edge
 * weights count once per sample however often a node recurs, flat goes to
 * the leaf-most kept frame, frames of dropped nodes make "residual" edges.
 */
#include "ppv-alloc-private.h"
#include "ppv-graph-sum-private.h"

/* --- Building -------------------------------------------------------------- */

static inline gboolean
is_negative (const PpvNodeStats *n)
{
  return n->flat < 0 || (n->flat == 0 && n->cum < 0);
}


/* How many frames ahead sum_share() fetches a node's stamp (and its
 * location's lines and node further ahead), and from how many nodes on:
 * with fewer, the stamps stay in cache and prefetching would only cost
 * its loads. */
#define HOT_AHEAD 8
#define HOT_PREFETCH_MIN_NODES 32768


/* Adds @w to the cum of @n once per sample (@stamp). */
static inline void
add_cum (PpvNodeCum *cum,
         guint32  n,
         guint32  stamp,
         gint64   w)
{
  if (cum->stamp[n] != stamp)
    {
      cum->stamp[n] = stamp;
      cum->cum[n] += w;
    }
}

/* The node sums alone, every node kept, no tags, no --mean: the first
 * pass of every report, and all a table of nodes needs but its
 * "(inline)" marks.  A loop of its own, without the branches and
 * prefetches the edge passes need, is half again as fast. */
static gpointer
sum_share_plain (PpvSumShare *share)
{
  PpvGraphBuilder *self = share->self;
  PpvProfile *p = self->profile;
  const PpvFrameSelection *sel = self->sel;
  const guint32 *loc_off = sel->loc_lines_offset;
  const guint32 *frame_info = self->ids->frame_info;
  const guint32 *loc_node = self->ids->loc_node;
  PpvNodeCum cum = share->cum;
  gint64 *flat = share->flat;

  for (guint32 s = share->first; s < share->end; s++)
    {
      const guint32 *stack = p->stacks + p->samples[s].stack_offset;
      guint32 start = _ppv_frame_selection_sample_start (sel, s);
      guint32 stamp = s + 1;
      guint32 leaf = PPV_NONE;
      gint64 w, dw;

      if (!_ppv_sum_sample_weight (self, s, &w, &dw))
        continue;
      for (guint32 i = sel->sample_depth[s]; i > start; i--)
        {
          guint32 loc = stack[i - 1];
          guint32 n = loc_node[loc];

          if (G_LIKELY (n < PPV_LOC_SEVERAL_LINES))
            {
              add_cum (&cum, n, stamp, w);
              leaf = n;
            }
          else if (n == PPV_LOC_SEVERAL_LINES)
            {
              /* Innermost line first in frame_info: walk outermost in. */
              for (guint32 k = loc_off[loc + 1]; k > loc_off[loc]; k--)
                add_cum (&cum, frame_info[k - 1], stamp, w);
              leaf = frame_info[loc_off[loc]];
            }
        }
      /* The leaf's innermost line takes the flat value. */
      if (leaf != PPV_NONE)
        flat[leaf] += w;
    }
  return NULL;
}

static gpointer
sum_share (gpointer data)
{
  PpvSumShare *share = data;
  PpvGraphBuilder *self = share->self;
  PpvProfile *p = self->profile;
  const PpvFrameSelection *sel = self->sel;
  const guint32 *loc_off = sel->loc_lines_offset;
  const guint32 *frame_info = self->ids->frame_info;
  const guint32 *loc_node = self->ids->loc_node;
  const guint8 *kept = share->kept;
  const guint8 *ends = share->ends;
  gboolean with_edges = share->edges != NULL;
  guint32 *stamps = share->cum.stamp;
  gboolean prefetch_hot = self->ids->infos->len >= HOT_PREFETCH_MIN_NODES;

  if (share->edge_locations != NULL)
    return _ppv_sum_share_edges (share);
  if (share->kept_locations != NULL)
    return _ppv_sum_share_kept_edges (share);
  if (!with_edges && kept == NULL && share->tag_index == NULL && share->cum_div == NULL)
    return sum_share_plain (share);

  for (guint32 s = share->first; s < share->end; s++)
    {
      const guint32 *stack;
      guint32 start;
      guint32 stamp = s + 1;
      guint32 parent = PPV_NONE;
      gboolean residual = FALSE;
      gint64 w, dw;

      if (!_ppv_sum_sample_weight (self, s, &w, &dw))
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
          /* Stages ahead, so that several misses are in flight: a far
           * frame's location, then a nearer one's lines, then the stamp
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
                __builtin_prefetch (&stamps[near], 1);
              else if (near == PPV_LOC_SEVERAL_LINES)
                __builtin_prefetch (&stamps[frame_info[loc_off[near_loc + 1] - 1]], 1);
              /* The leaf's innermost line takes the flat value. */
              if (i - 1 - HOT_AHEAD == start && near != PPV_NONE)
                {
                  guint32 leaf = near < PPV_LOC_SEVERAL_LINES ? near : frame_info[loc_off[near_loc]];

                  __builtin_prefetch (&share->flat[leaf], 1);
                  if (share->flat_div != NULL)
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
              if (stamps[n] != stamp)
                {
                  stamps[n] = stamp;
                  share->cum.cum[n] += w;
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
                _ppv_edge_table_add (&share->edge_table, share->edges, parent, n, w, dw, stamp,
                                     residual, k != n_lines);
              parent = n;
              residual = FALSE;
            }
        }

      if (parent != PPV_NONE && !residual)
        {
          share->flat[parent] += w;
          if (share->flat_div != NULL)
            share->flat_div[parent] += dw;
          if (share->tag_index && (share->tag_nodes == NULL || share->tag_nodes[parent]))
            _ppv_graph_add_sample_tags (self, share->tag_index, &share->tag_stats[parent],
                                        parent, s, w, dw, TRUE);
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
merge_share_edges (PpvSumShare       *into,
                   const PpvSumShare *from)
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
                  PpvSumShare     *from)
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

  if (mode != PPV_EDGES_INTO_INLINED)
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

guint
_ppv_graph_n_shares (PpvGraphBuilder *self)
{
  return (guint) CLAMP (self->profile->n_stacks / frames_per_share (), 1,
                        MIN (PPV_MAX_SHARES, (guint) g_get_num_processors ()));
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
  gboolean with_tags = self->with_tags && mode != PPV_EDGES_NONE &&
                       any_flagged (tag_nodes, self->ids->infos->len);
  PpvTagTable *tag_index = NULL;
  g_autofree guint8 *ends = edge_ends (self, mode, kept, sums, edge_cutoff);
  g_autofree guint8 *edge_locations = NULL;
  g_autofree guint8 *kept_locations = NULL;
  gboolean edges_only;
  PpvSumShare shares[PPV_MAX_SHARES];
  GThread *threads[PPV_MAX_SHARES] = { NULL };
  guint n_shares;

  /* Threads only pay off on big profiles.  Tags of every node keep one
   * share: merging their per-node arrays would cost more than summing
   * them; those of a few nodes merge cheaply (see merge_share_tags). */
  n_shares = _ppv_graph_n_shares (self);
  if (with_tags && tag_nodes == NULL)
    n_shares = 1;
  if (with_tags)
    tag_index = _ppv_tag_table_new ();
  /* A text report's later passes only want edges into inlined nodes, a
   * graph's last pass the edges among a few kept nodes, and @sums often
   * has every node sum already: they only sum those edges. */
  edges_only = (mode == PPV_EDGES_INTO_INLINED || (mode == PPV_EDGES_ALL && kept != NULL)) &&
               !with_tags && sums_cover (sums, kept, self->ids->infos->len);
  if (edges_only && kept == NULL)
    edge_locations = _ppv_graph_wanted_edge_locations (self, ends);
  else if (edges_only)
    kept_locations = _ppv_graph_kept_location_classes (self, kept);

  /* No edge wanted anywhere (a profile compared with itself): no pass. */
  if (edge_locations != NULL && !any_flagged (edge_locations, self->profile->n_locations))
    n_samples = 0;

  for (guint i = 0; i < n_shares; i++)
    {
      shares[i] = (PpvSumShare) {
        self, kept,
        (guint32) ((guint64) n_samples * i / n_shares),
        (guint32) ((guint64) n_samples * (i + 1) / n_shares),
        { NULL, NULL }, NULL, NULL, NULL,
        NULL, { NULL, 0, 0 }, ends,
        tag_index, g->stats, tag_nodes, edge_locations, kept_locations,
      };
      /* An edges-only pass takes the node sums from @sums.  Sums are
       * read before they are written (see ppv-alloc-private.h). */
      if (!edges_only)
        {
          shares[i].cum.stamp = _ppv_new0_written (n_infos, sizeof (guint32));
          shares[i].cum.cum = _ppv_new0_written (n_infos, sizeof (gint64));
          shares[i].cum_div = self->mean ? _ppv_new0_written (n_infos, sizeof (gint64)) : NULL;
          shares[i].flat = _ppv_new0_written (n_infos, sizeof (gint64));
          shares[i].flat_div = self->mean ? _ppv_new0_written (n_infos, sizeof (gint64)) : NULL;
        }
      /* Shares after the first sum tags into tables of their own. */
      if (i > 0 && with_tags)
        {
          shares[i].tag_index = _ppv_tag_table_new ();
          shares[i].tag_stats = g_new0 (PpvNodeStats, n_infos);
        }
      if (mode != PPV_EDGES_NONE)
        {
          /* The first share sums into the graph's array, the rest merge into it. */
          shares[i].edges = i == 0 ? g->edges : g_array_new (FALSE, FALSE, sizeof (PpvEdge));
          _ppv_edge_table_init (&shares[i].edge_table, 1023);
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
      for (guint32 n = 0; !edges_only && n < self->ids->infos->len; n++)
        {
          g->stats[n].cum += shares[i].cum.cum[n];
          g->stats[n].cum_div += shares[i].cum_div ? shares[i].cum_div[n] : 0;
          g->stats[n].flat += shares[i].flat[n];
          g->stats[n].flat_div += shares[i].flat_div ? shares[i].flat_div[n] : 0;
        }
      if (i > 0 && shares[i].edges != NULL)
        {
          _ppv_edge_table_clear (&shares[i].edge_table);
          merge_share_edges (&shares[0], &shares[i]);
          g_array_unref (shares[i].edges);
        }
      if (i > 0 && with_tags)
        merge_share_tags (self, tag_index, g->stats, &shares[i]);
      g_free (shares[i].cum.stamp);
      g_free (shares[i].cum.cum);
      g_free (shares[i].cum_div);
      g_free (shares[i].flat);
      g_free (shares[i].flat_div);
    }
  _ppv_edge_table_clear (&shares[0].edge_table);
  _ppv_tag_table_free (tag_index);

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

  /* No inlined node, no edge into one: the node sums are all there is. */
  if (edges == PPV_EDGES_INTO_INLINED && !self->with_tags && !self->ids->has_inlined)
    edges = PPV_EDGES_NONE;
  /* Tags that fit a dense table take a pass of their own: the one summing
   * nodes and edges is then free to skip most frames (see sum_graph). */
  if (self->with_tags && edges != PPV_EDGES_NONE && any_flagged (tag_nodes, n_infos) &&
      _ppv_graph_tags_fit_dense (self, tag_nodes))
    {
      g_autofree guint8 *none = g_new0 (guint8, MAX (n_infos, 1));

      sum_graph (self, kept, edges, sums, edge_cutoff, none, g);
      _ppv_graph_sum_tags (self, g, kept, tag_nodes);
    }
  else
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
  g_free (g->summed);
  g_array_unref (g->edges);
  g_free (g);
}

