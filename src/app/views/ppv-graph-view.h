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
#include "ppv-report-pane.h"
#include "ppv-scene.h"

G_BEGIN_DECLS

#define PPV_TYPE_GRAPH_VIEW (ppv_graph_view_get_type ())

G_DECLARE_FINAL_TYPE (PpvGraphView, ppv_graph_view, PPV, GRAPH_VIEW, PpvReportPane)

/* A PpvReportPane (page "graph").  Its own actions: graph.zoom-in,
 * graph.zoom-out, graph.zoom-fit, graph.export-svg, graph.export-dot,
 * graph.export-to ("svg"|"dot", path: no dialog) and graph.node-count
 * (the "node-count" property, also its utility spin button).  Signal
 * "scene-changed": a new picture is shown. */
GtkWidget    *ppv_graph_view_new                (void);
/* Builds the graph report, call graph and layout for @options as given
 * in a worker thread (ppv_report_pane_set_options()). */
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

/* Most nodes the graph shows (pprof's --nodecount), kept in settings. */
int           ppv_graph_view_get_node_count     (PpvGraphView           *self);
void          ppv_graph_view_set_node_count     (PpvGraphView           *self,
                                                 int                     node_count);

double        ppv_graph_view_get_zoom           (PpvGraphView           *self);
void          ppv_graph_view_zoom_in            (PpvGraphView           *self);
void          ppv_graph_view_zoom_out           (PpvGraphView           *self);
void          ppv_graph_view_zoom_fit           (PpvGraphView           *self);

/* Search highlights (ppv_report_pane_set_search()): nodes whose name
 * contains the text, ignoring ASCII case. */
guint         ppv_graph_view_get_n_matches      (PpvGraphView           *self);

/* ppv_report_pane_select_name() selects and centres the node of the
 * report row named @plain_name, without emitting ::selected; FALSE if the
 * graph has no such node (the selection is then cleared). */
/* The plain name of the selected node, or NULL. */
const char   *ppv_graph_view_get_selected_name  (PpvGraphView           *self);
/* Scene/call-graph index of the selected node, or -1. */
int           ppv_graph_view_get_selected_index (PpvGraphView           *self);
/* Selects node @index as a click would (emits ::selected). */
void          ppv_graph_view_activate_node      (PpvGraphView           *self,
                                                 guint                   index);
/* The centre of node @index in widget coordinates; FALSE if unknown. */
gboolean      ppv_graph_view_get_node_center    (PpvGraphView           *self,
                                                 guint                   index,
                                                 double                 *x,
                                                 double                 *y);

G_END_DECLS
