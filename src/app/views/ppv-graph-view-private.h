/* ppv-graph-view-private.h — what the call graph canvas's parts share.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ppv-graph-render.h"
#include "ppv-graph-view.h"

G_BEGIN_DECLS

#define ZOOM_STEP     1.25
#define PAN_STEP      48.0

struct _PpvGraphView
{
  PpvReportPane     parent_instance;

  PpvCallGraph     *graph;
  PpvScene         *scene;

  /* view = scene * scale + offset */
  double            scale;
  double            offset_x;
  double            offset_y;
  gboolean          need_fit;
  int               pending_center;      /* node to centre once allocated, or -1 */

  GskRenderNode    *cache;
  PpvGraphStyle     cache_style;         /* the colours @cache was drawn in */
  GdkRGBA           cache_background;
  PangoContext     *pango;

  int               hover;               /* node index or -1 */
  int               selected;
  char             *selected_name;       /* survives new scenes */
  guint            *order;               /* selectable nodes in keyboard order */
  guint             n_order;
  char             *needle;
  guint8           *matches;             /* per node, NULL if no search */
  guint             n_matches;

  gboolean          keyboard_mode;       /* keys moved the selection since the last click */

  double            pointer_x;
  double            pointer_y;
  double            drag_start_x;
  double            drag_start_y;
  gboolean          dragging;
  double            zoom_start_scale;
  double            zoom_anchor_x;
  double            zoom_anchor_y;

  GtkPopoverMenu   *menu;

  int               node_count;
  GPtrArray        *hidden_label_keys;   /* label keys without nodelets (taghide) */
  GSettings        *settings;            /* NULL when the schema is not installed */

  /* Export */
  GtkFileChooserNative *chooser;
  char             *pending_path;        /* waiting for the graph being built */
  int               pending_format;
};

typedef enum
{
  PPV_GRAPH_EXPORT_SVG,
  PPV_GRAPH_EXPORT_DOT,
} PpvGraphExportFormat;

/* ppv-graph-view.c */
void                _ppv_graph_view_invalidate_cache (PpvGraphView *self);
const PpvReportRow *_ppv_graph_view_node_row      (PpvGraphView *self,
                                                   guint         index);
int                 _ppv_graph_view_node_at       (PpvGraphView *self,
                                                   double        x,
                                                   double        y);
char               *_ppv_graph_view_describe_node (PpvGraphView *self,
                                                   guint         index);
void                _ppv_graph_view_set_selected  (PpvGraphView *self,
                                                   int           index,
                                                   gboolean      notify);

/* ppv-graph-view-transform.c: view = scene * scale + offset */
void                _ppv_graph_view_to_scene      (PpvGraphView *self,
                                                   double        x,
                                                   double        y,
                                                   double       *sx,
                                                   double       *sy);
void                _ppv_graph_view_set_transform (PpvGraphView *self,
                                                   double        scale,
                                                   double        offset_x,
                                                   double        offset_y);
/* Zooms to @scale keeping the scene point under (@x, @y) in place. */
void                _ppv_graph_view_zoom_at       (PpvGraphView *self,
                                                   double        scale,
                                                   double        x,
                                                   double        y);
/* Puts node @index in the middle of the canvas at the current zoom. */
void                _ppv_graph_view_center_on_node (PpvGraphView *self,
                                                    guint         index);
/* Centres node @index only if it is not wholly on screen. */
void                _ppv_graph_view_reveal_node   (PpvGraphView *self,
                                                   guint         index);

/* ppv-graph-view-input.c */
void                _ppv_graph_view_set_keyboard_mode (PpvGraphView *self,
                                                       gboolean      keyboard_mode);
/* Refines the report to focus on node @index, as a double click does. */
void                _ppv_graph_view_focus_on_node     (PpvGraphView *self,
                                                       guint         index);
/* A key binding callback: the selected node's menu. */
gboolean            _ppv_graph_view_popup_menu_for_selection (GtkWidget *widget,
                                                              GVariant  *args,
                                                              gpointer   user_data);

/* ppv-graph-view-keys.c */
void                _ppv_graph_view_class_init_keys   (GtkWidgetClass *widget_class);
/* The order Tab walks the nodes of a new scene in. */
void                _ppv_graph_view_update_order      (PpvGraphView   *self);

/* ppv-graph-view-draw.c */
void                _ppv_graph_view_snapshot         (GtkWidget      *widget,
                                                      GtkSnapshot    *snapshot);
/* FALSE if the canvas colours changed since the cache was drawn. */
gboolean            _ppv_graph_view_style_matches_cache (PpvGraphView *self);

/* ppv-graph-view-export.c: graph.export-* */
void                _ppv_graph_view_class_init_export (GtkWidgetClass *widget_class);
void                _ppv_graph_view_init_export       (PpvGraphView   *self);
/* The graph was built: runs an export that waited for it. */
void                _ppv_graph_view_run_pending_export (PpvGraphView  *self);
void                _ppv_graph_view_dispose_export    (PpvGraphView   *self);

/* ppv-graph-view-labels.c: the Labels menu (taghide) */
GtkWidget          *_ppv_graph_view_create_labels_control (PpvGraphView     *self);
void                _ppv_graph_view_adjust_label_options  (PpvGraphView     *self,
                                                           PpvReportOptions *options);

/* ppv-graph-view-input.c */
void                _ppv_graph_view_class_init_input (GtkWidgetClass *widget_class);
void                _ppv_graph_view_init_input       (PpvGraphView   *self);

G_END_DECLS
