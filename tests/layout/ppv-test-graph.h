/* ppv-test-graph.h — hand-built PpvCallGraph structs for the layout tests,
 * independent of ppv_callgraph_new().
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-callgraph.h"

G_BEGIN_DECLS

typedef PpvCallGraph PpvTestGraph;

PpvTestGraph *ppv_test_graph_new      (const char   *title);
void          ppv_test_graph_free     (PpvTestGraph *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpvTestGraph, ppv_test_graph_free)

/* Attribute name/value pairs follow, NULL-terminated.  Return the index. */
guint ppv_test_graph_add_node (PpvTestGraph         *self,
                               PpvCallGraphNodeKind  kind,
                               const char           *name,
                               ...) G_GNUC_NULL_TERMINATED;
guint ppv_test_graph_add_edge (PpvTestGraph         *self,
                               guint                 src,
                               guint                 dst,
                               ...) G_GNUC_NULL_TERMINATED;

/* The graph `go tool pprof -dot` (Go 1.19) writes for a small synthetic CPU
 * profile of "myprog" (1.06 s in main.main, foo, bar, rec, inl, tiny and
 * runtime.mallocgc), attributes as pprof sets them: the legend plus 8
 * nodes and 8 edges.  "A.1" in test and benchmark names refers to it. */
PpvTestGraph *ppv_test_graph_new_a1            (void);

/* Shaped like pprof's graphs: a legend, a call tree from one root with
 * fan-out concentrated near the top, then cross edges (mostly downward,
 * a few back edges as recursion makes) until @n_edges edges exist.
 * Labels, font sizes, colours and pen widths vary as pprof's do. */
PpvTestGraph *ppv_test_graph_new_pprof_shaped  (guint         n_nodes,
                                                guint         n_edges,
                                                guint32       seed);

G_END_DECLS
