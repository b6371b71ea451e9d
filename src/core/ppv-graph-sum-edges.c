/* ppv-graph-sum-edges.c — the summing passes that only sum edges, the
 * node sums of the same samples being known: they read each stack in
 * order and skip the frames no wanted edge touches.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-graph-sum-private.h"

/* An edge of one sample, waiting for its turn in the table. */
typedef struct
{
  guint32  src, dst;
  guint64  hash;
  gboolean inline_call;
} PendingEdge;

/* Adds one sample's edges in order, as _ppv_edge_table_add() one by one would. */
static void
add_pending_edges (PpvSumShare *share,
                   GArray      *pending,
                   gint64       w,
                   gint64       dw,
                   guint32      stamp)
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
gpointer
_ppv_sum_share_edges (PpvSumShare *share)
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

      if (!_ppv_sum_sample_weight (self, s, &w, &dw))
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

                  g_array_append_val (pending, e);
                }
              parent = n;
            }
        }
      add_pending_edges (share, pending, w, dw, s + 1);
    }
  return NULL;
}

/* The edges of a pass with a kept set whose node sums are known (see
 * sum_graph()).  On profiles with many nodes nodefraction keeps a few
 * hundred, so almost every frame is of a dropped location: one byte of a
 * small array says so, where sum_share() would read its node and that
 * node's sums.  The edges are sum_share()'s, in the same order: into
 * inlined nodes (@ends), or all of them (a graph's, @ends NULL). */
gpointer
_ppv_sum_share_kept_edges (PpvSumShare *share)
{
  PpvGraphBuilder *self = share->self;
  PpvProfile *p = self->profile;
  const PpvFrameSelection *sel = self->sel;
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

      if (!_ppv_sum_sample_weight (self, s, &w, &dw))
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
          lines = _ppv_graph_location_nodes (self, loc, &only, &n_lines);
          for (guint32 k = n_lines; k > 0; k--)
            {
              guint32 n = lines[k - 1];

              if (!kept[n])
                {
                  residual = TRUE;
                  continue;
                }
              if (parent != PPV_NONE && n != parent &&
                  (ends == NULL || ((ends[n] & EDGE_INTO) && (ends[parent] & EDGE_FROM))))
                _ppv_edge_table_add (&share->edge_table, share->edges, parent, n, w, dw, s + 1,
                                     residual, k != n_lines);
              parent = n;
              residual = FALSE;
            }
        }
    }
  return NULL;
}

/* Per location: does an edge the pass wants end in one of its lines? */
guint8 *
_ppv_graph_wanted_edge_locations (PpvGraphBuilder *self,
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

/* Per location, a PpvLocationClass for @kept (NULL: every node). */
guint8 *
_ppv_graph_kept_location_classes (PpvGraphBuilder *self,
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
      else if (kept == NULL)
        classes[l] = LOCATION_KEPT;
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
