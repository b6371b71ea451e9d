/* ppv-graph-sum-private.h — what the summing passes of ppv-graph-sum.c
 * and ppv-graph-sum-edges.c share: a share of the samples and its arrays.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-graph-edges.h"
#include "ppv-graph-private.h"

G_BEGIN_DECLS

/* Every aggregate weighs samples alike: the context decides. */
static inline gboolean
_ppv_sum_sample_weight (PpvGraphBuilder *self,
                        guint32          s,
                        gint64          *w,
                        gint64          *dw)
{
  return _ppv_report_context_sample_weight (self->ctx, s, w, dw);
}

/* The nodes of a kept location's frames, innermost last: most locations
 * have one line, whose node is one read away in @only. */
static inline const guint32 *
_ppv_graph_location_nodes (PpvGraphBuilder *self,
                           guint32          loc,
                           guint32         *only,
                           guint32         *n_nodes)
{
  const guint32 *off = self->sel->loc_lines_offset;

  *only = self->ids->loc_node[loc];
  if (*only != PPV_LOC_SEVERAL_LINES)
    {
      *n_nodes = 1;
      return only;
    }
  *n_nodes = off[loc + 1] - off[loc];
  return self->ids->frame_info + off[loc];
}

/* Which sample last added to a node's cum, and the cum: the pass touches
 * every frame of every sample, and on large profiles its cost is cache
 * misses.  Two arrays: the stamp, read at every frame, is 4 bytes. */
typedef struct
{
  guint32 *stamp;
  gint64  *cum;
} PpvNodeCum;

enum
{
  EDGE_FROM = 1 << 0,
  EDGE_INTO = 1 << 1,
};

/* One share of the samples, summed into arrays of its own: samples are
 * independent, so threads need no locking, node sums just add, and edges
 * merge as pprof adds them (see merge_share_edges() in ppv-graph-sum.c). */
typedef struct
{
  PpvGraphBuilder *self;
  const guint8    *kept;
  guint32          first, end;    /* sample range */
  PpvNodeCum          cum;
  gint64          *cum_div;
  gint64          *flat;
  gint64          *flat_div;      /* with --mean only, as cum_div */

  /* Edges, or NULL; @ends (EDGE_FROM/EDGE_INTO per node, NULL for any)
   * says which nodes an edge may leave and enter. */
  GArray          *edges;         /* PpvEdge */
  PpvEdgeTable     edge_table;
  const guint8    *ends;

  /* Tags (one share only): they go straight into the graph's stats. */
  PpvTagTable     *tag_index;
  PpvNodeStats    *tag_stats;
  const guint8    *tag_nodes;     /* NULL: every node */

  /* Edges only, node sums known: per location, whether an edge may end
   * in one of its lines (see _ppv_sum_share_edges). */
  const guint8    *edge_locations;

  /* Edges only, with @kept, node sums known: per location, a PpvLocationClass. */
  const guint8    *kept_locations;
} PpvSumShare;

/* What a location's frames do in a pass with a kept set. */
typedef enum
{
  LOCATION_NO_LINES,   /* nothing */
  LOCATION_DROPPED,    /* lines, none kept: the next edge is residual */
  LOCATION_KEPT,       /* some line kept: read its lines */
} PpvLocationClass;

/* Threads split a pass over the samples in up to this many shares. */
#define PPV_MAX_SHARES 4

/* How many shares a pass over the samples of @self takes. */
guint    _ppv_graph_n_shares              (PpvGraphBuilder *self);

/* ppv-graph-sum-tags.c: whether the tags of @tag_nodes (NULL: every node)
 * fit a dense table, and the pass that sums them into @g, built with
 * @kept, as a pass summing tags with its nodes would have. */
gboolean _ppv_graph_tags_fit_dense        (PpvGraphBuilder *self,
                                           const guint8    *tag_nodes);
void     _ppv_graph_sum_tags              (PpvGraphBuilder *self,
                                           PpvGraph        *g,
                                           const guint8    *kept,
                                           const guint8    *tag_nodes);

/* The passes of a share that only sum edges, the node sums being known. */
gpointer _ppv_sum_share_edges             (PpvSumShare     *share);
gpointer _ppv_sum_share_kept_edges        (PpvSumShare     *share);
/* Per location: does an edge the pass wants (@ends) end in one of its lines? */
guint8  *_ppv_graph_wanted_edge_locations (PpvGraphBuilder *self,
                                           const guint8    *ends);
/* Per location, a PpvLocationClass for @kept (NULL: every node). */
guint8  *_ppv_graph_kept_location_classes (PpvGraphBuilder *self,
                                           const guint8    *kept);

G_END_DECLS
