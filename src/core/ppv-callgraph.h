/* ppv-callgraph.h — the call graph as pprof draws it: DOT nodes, nodelets,
 * edges and their attributes, plus the legend.  Built from a graph-kind
 * PpvReport; written as DOT by ppv_callgraph_to_dot() and laid out by
 * src/layout without any text round trip.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-report.h"

G_BEGIN_DECLS

/* One DOT attribute.  @value is the attribute's value exactly as graphviz
 * receives it (escString: "\n", "\l" are two characters; a literal
 * backslash in a name is already "\\").  Quoting for the DOT text happens
 * only in ppv_callgraph_to_dot(). */
typedef struct
{
  const char *name;
  const char *value;
} PpvAttr;

typedef enum
{
  PPV_CALLGRAPH_NODE_FUNCTION,  /* a report row */
  PPV_CALLGRAPH_NODE_TAG,       /* a label nodelet (box3d) */
  PPV_CALLGRAPH_NODE_LEGEND,    /* the legend box, inside subgraph cluster_L */
} PpvCallGraphNodeKind;

typedef struct
{
  PpvCallGraphNodeKind kind;
  const char *name;        /* DOT node name: "N3", "N3_0", "NN3_1", or the legend's first line */
  int         row;         /* report row for FUNCTION nodes, else -1 */
  PpvAttr    *attrs;       /* in pprof's order: label, id, fontsize, shape, tooltip, color, fillcolor */
  guint       n_attrs;
} PpvCallGraphNode;

typedef struct
{
  guint       src;         /* indices into nodes[] */
  guint       dst;
  int         report_edge; /* index into the report's edges, or -1 for nodelet edges */
  PpvAttr    *attrs;       /* label, weight, penwidth, color, tooltip, labeltooltip, style, minlen */
  guint       n_attrs;
} PpvCallGraphEdge;

typedef struct _PpvCallGraph PpvCallGraph;

struct _PpvCallGraph
{
  /*< private >*/
  gint              ref_count;
  GStringChunk     *strings;
  PpvReport        *report;
  GPtrArray        *attr_arrays;

  /*< public, read-only >*/
  const char       *title;     /* digraph name: mapping[0] basename or "unnamed" */
  PpvCallGraphNode *nodes;     /* legend first, then each function node followed by its nodelets */
  guint             n_nodes;
  PpvCallGraphEdge *edges;     /* in pprof's emission order */
  guint             n_edges;
};

PpvCallGraph *ppv_callgraph_new    (PpvReport    *report);
PpvCallGraph *ppv_callgraph_ref    (PpvCallGraph *self);
void          ppv_callgraph_unref  (PpvCallGraph *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpvCallGraph, ppv_callgraph_unref)

PpvReport    *ppv_callgraph_get_report (PpvCallGraph *self);
/* NULL if absent. */
const char   *ppv_callgraph_node_get_attr (const PpvCallGraphNode *node,
                                           const char             *name);
const char   *ppv_callgraph_edge_get_attr (const PpvCallGraphEdge *edge,
                                           const char             *name);

/* The DOT text `go tool pprof -dot` would print. */
char         *ppv_callgraph_to_dot (PpvCallGraph *self);

G_END_DECLS
