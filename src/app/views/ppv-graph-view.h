/* ppv-graph-view.h — the interactive call graph: a canvas that draws the
 * graphviz layout of pprof's call graph, with zoom, pan, hover, selection,
 * search highlights and a node menu.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ppv-callgraph.h"
#include "ppv-scene.h"

G_BEGIN_DECLS

#define PPV_TYPE_GRAPH_VIEW (ppv_graph_view_get_type ())

G_DECLARE_FINAL_TYPE (PpvGraphView, ppv_graph_view, PPV, GRAPH_VIEW, GtkWidget)

GtkWidget    *ppv_graph_view_new                (void);
/* Builds the graph report, call graph and layout for @options in a worker
 * thread.  The old picture stays until the new one is ready; stale
 * results are dropped. */
void          ppv_graph_view_set_options        (PpvGraphView           *self,
                                                 PpvProfile             *profile,
                                                 const PpvReportOptions *options);
/* Shows an already laid out graph (main thread). */
void          ppv_graph_view_set_scene          (PpvGraphView           *self,
                                                 PpvCallGraph           *graph,
                                                 PpvScene               *scene);
PpvCallGraph *ppv_graph_view_get_graph          (PpvGraphView           *self);
PpvScene     *ppv_graph_view_get_scene          (PpvGraphView           *self);
gboolean      ppv_graph_view_get_loading        (PpvGraphView           *self);

double        ppv_graph_view_get_zoom           (PpvGraphView           *self);
void          ppv_graph_view_zoom_in            (PpvGraphView           *self);
void          ppv_graph_view_zoom_out           (PpvGraphView           *self);
void          ppv_graph_view_zoom_fit           (PpvGraphView           *self);

/* Highlights nodes whose name contains @text (ignoring ASCII case). */
void          ppv_graph_view_set_search         (PpvGraphView           *self,
                                                 const char             *text);
guint         ppv_graph_view_get_n_matches      (PpvGraphView           *self);

/* Selects and centres the node of the report row named @plain_name,
 * without emitting ::node-selected.  FALSE if the graph has no such node
 * (the selection is then cleared). */
gboolean      ppv_graph_view_select_name        (PpvGraphView           *self,
                                                 const char             *plain_name);
/* The plain name of the selected node, or NULL. */
const char   *ppv_graph_view_get_selected_name  (PpvGraphView           *self);
/* Scene/call-graph index of the selected node, or -1. */
int           ppv_graph_view_get_selected_index (PpvGraphView           *self);
/* Selects node @index as a click would (emits ::node-selected). */
void          ppv_graph_view_activate_node      (PpvGraphView           *self,
                                                 guint                   index);
/* The centre of node @index in widget coordinates; FALSE if unknown. */
gboolean      ppv_graph_view_get_node_center    (PpvGraphView           *self,
                                                 guint                   index,
                                                 double                 *x,
                                                 double                 *y);

G_END_DECLS
