/* ppv-graph-view-private.h — what the call graph canvas's parts share.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ppv-graph-view.h"
#include "ppv-report-job.h"

G_BEGIN_DECLS

#define ZOOM_STEP     1.25
#define PAN_STEP      48.0

struct _PpvGraphView
{
  GtkWidget         parent_instance;

  PpvCallGraph     *graph;
  PpvScene         *scene;

  /* view = scene * scale + offset */
  double            scale;
  double            offset_x;
  double            offset_y;
  gboolean          need_fit;
  int               pending_center;      /* node to centre once allocated, or -1 */

  GskRenderNode    *cache;
  PangoContext     *pango;

  int               hover;               /* node index or -1 */
  int               selected;
  char             *selected_name;       /* survives new scenes */
  char             *needle;
  guint8           *matches;             /* per node, NULL if no search */
  guint             n_matches;

  double            pointer_x;
  double            pointer_y;
  double            drag_start_x;
  double            drag_start_y;
  gboolean          dragging;
  double            zoom_start_scale;
  double            zoom_anchor_x;
  double            zoom_anchor_y;

  GtkPopoverMenu   *menu;

  PpvReportJob      job;     /* profile, options, cancel-and-replace */
  gboolean          loading;
};

/* ppv-graph-view.c */
const PpvReportRow *_ppv_graph_view_node_row      (PpvGraphView *self,
                                                   guint         index);
int                 _ppv_graph_view_node_at       (PpvGraphView *self,
                                                   double        x,
                                                   double        y);
char               *_ppv_graph_view_describe_node (PpvGraphView *self,
                                                   guint         index);
void                _ppv_graph_view_set_transform (PpvGraphView *self,
                                                   double        scale,
                                                   double        offset_x,
                                                   double        offset_y);
void                _ppv_graph_view_zoom_at       (PpvGraphView *self,
                                                   double        scale,
                                                   double        x,
                                                   double        y);
void                _ppv_graph_view_set_selected  (PpvGraphView *self,
                                                   int           index,
                                                   gboolean      notify);

/* ppv-graph-view-draw.c */
void                _ppv_graph_view_snapshot         (GtkWidget      *widget,
                                                      GtkSnapshot    *snapshot);

/* ppv-graph-view-input.c */
void                _ppv_graph_view_class_init_input (GtkWidgetClass *widget_class);
void                _ppv_graph_view_init_input       (PpvGraphView   *self);

G_END_DECLS
