/* ppv-flame-canvas-private.h — what the flame canvas's parts share.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-flame-canvas.h"

G_BEGIN_DECLS

/* Narrower boxes are merged into their row's "small" slice. */
#define PPV_FLAME_MIN_BOX      1.0
/* Narrower boxes get no label at all. */
#define PPV_FLAME_MIN_LABEL   18.0
#define PPV_FLAME_LABEL_PAD    4.0

struct _PpvFlameCanvas
{
  GtkWidget       parent_instance;

  PpvStackTree   *tree;
  gboolean        inverted;
  guint32         zoom;
  GArray         *history;          /* guint32: zooms to go back to */
  guint32         cursor;
  guint32         hover;
  char           *selected_name;
  char           *needle;           /* lower case, or NULL */
  GHashTable     *match_cache;      /* name pointer -> 1 match, 2 not */
  GHashTable     *labels;           /* name pointer -> FlameLabels */

  GtkAdjustment  *hadjustment;
  GtkAdjustment  *vadjustment;
  guint           hscroll_policy : 1;
  guint           vscroll_policy : 1;
  gboolean        keep_bottom;      /* inverted: scroll to the root once sized */

  char           *font;             /* the labels were measured in */
  int             row_height;
  int             text_height;

  /* The rows first_row..last_row drawn for this width, in content
   * coordinates (row r at y = r * row_height). */
  GskRenderNode  *cache;
  int             cache_first_row;
  int             cache_last_row;
  int             cache_width;
  gboolean        cache_dark;
  guint           n_drawn;
  /* Set while a worker makes the nodes a new zoom draws; until then the
   * picture before the zoom stays (no half-made frame, no main-thread
   * work). */
  GCancellable   *making;

  gboolean        keyboard_mode;
};

/* One box of a laid-out row: @node, or the "small" slice (PPV_NONE) of
 * the children of @parent too narrow to draw. */
typedef struct
{
  guint32 node;
  guint32 parent;
  guint   depth;
  double  x;
  double  width;
  gboolean ancestor;                /* a breadcrumb row above the zoom */
} PpvFlameBox;

typedef void (*PpvFlameVisit) (PpvFlameCanvas    *self,
                               const PpvFlameBox *box,
                               gpointer           user_data);

/* ppv-flame-canvas.c */
/* Visits every box at depths first_depth..last_depth for @width. */
void     _ppv_flame_canvas_walk        (PpvFlameCanvas *self,
                                        guint           first_depth,
                                        guint           last_depth,
                                        double          width,
                                        PpvFlameVisit   visit,
                                        gpointer        user_data);
guint    _ppv_flame_canvas_n_rows      (PpvFlameCanvas *self);
/* Content row of a depth and back (inverted: the root is the last row). */
int      _ppv_flame_canvas_depth_to_row (PpvFlameCanvas *self,
                                         guint           depth);
guint    _ppv_flame_canvas_row_to_depth (PpvFlameCanvas *self,
                                         int             row);
double   _ppv_flame_canvas_get_scroll  (PpvFlameCanvas *self);
/* Scrolls so the row of @depth is in view. */
void     _ppv_flame_canvas_reveal_depth (PpvFlameCanvas *self,
                                         guint           depth);
gboolean _ppv_flame_canvas_matches     (PpvFlameCanvas *self,
                                        const char     *name);
void     _ppv_flame_canvas_invalidate  (PpvFlameCanvas *self);
void     _ppv_flame_canvas_emit_menu   (PpvFlameCanvas *self,
                                        guint32         node,
                                        double          x,
                                        double          y);
void     _ppv_flame_canvas_emit_cursor (PpvFlameCanvas *self);
/* @name as valid UTF-8 on one line: control characters become their
 * Unicode control pictures (a line break "␊"), as in the SVG. */
char    *_ppv_flame_canvas_printable   (const char     *name);
gint64   _ppv_flame_canvas_box_weight  (PpvStackTree   *tree,
                                        guint32         node);

/* ppv-flame-canvas-draw.c */
void     _ppv_flame_canvas_snapshot    (GtkWidget      *widget,
                                        GtkSnapshot    *snapshot);
void     _ppv_flame_canvas_measure_rows (PpvFlameCanvas *self);
GHashTable *_ppv_flame_canvas_new_label_cache (void);

/* ppv-flame-canvas-input.c */
void     _ppv_flame_canvas_class_init_input (GtkWidgetClass *widget_class);
void     _ppv_flame_canvas_init_input  (PpvFlameCanvas *self);

G_END_DECLS
