/* ppv-flame-canvas.h — draws a stack tree as a flame graph (an icicle, or
 * growing upward for callers) with zoom, hover, search and a cursor box.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the Flame Graph pane and the Callers and Callees pane.  It
 * lays out and draws only the rows in view, and never draws a box
 * narrower than a pixel: the rest of a row's children (they come largest
 * first) become one "small" slice.  A GtkScrollable: put it in a
 * GtkScrolledWindow.
 */
#pragma once

#include <gtk/gtk.h>

#include "ppv-stack-tree.h"

G_BEGIN_DECLS

#define PPV_TYPE_FLAME_CANVAS (ppv_flame_canvas_get_type ())

G_DECLARE_FINAL_TYPE (PpvFlameCanvas, ppv_flame_canvas, PPV, FLAME_CANVAS, GtkWidget)

GtkWidget    *ppv_flame_canvas_new               (void);

/* Shows @tree (NULL: nothing) unzoomed. */
void          ppv_flame_canvas_set_tree          (PpvFlameCanvas *self,
                                                  PpvStackTree   *tree);
PpvStackTree *ppv_flame_canvas_get_tree          (PpvFlameCanvas *self);
/* Root at the bottom, children above (callers). */
void          ppv_flame_canvas_set_inverted      (PpvFlameCanvas *self,
                                                  gboolean        inverted);

/* The zoomed node: it spans the width, its ancestors stay as full-width
 * rows above it (below when inverted). */
guint32       ppv_flame_canvas_get_zoom          (PpvFlameCanvas *self);
void          ppv_flame_canvas_zoom_to           (PpvFlameCanvas *self,
                                                  guint32         node);
/* TRUE from a zoom until the nodes it draws are made (in a worker) and
 * the new picture is queued; the one before stays until then. */
gboolean      ppv_flame_canvas_get_making        (PpvFlameCanvas *self);
/* Back to the zoom before, else to the parent; FALSE at the root. */
gboolean      ppv_flame_canvas_zoom_back         (PpvFlameCanvas *self);

/* The box the keyboard is on (PPV_NONE: none).  Moving it selects its
 * function: ::cursor-changed. */
guint32       ppv_flame_canvas_get_cursor        (PpvFlameCanvas *self);
void          ppv_flame_canvas_set_cursor        (PpvFlameCanvas *self,
                                                  guint32         node,
                                                  gboolean        notify);
/* Every box of this function is outlined; NULL: none.  Keeps the cursor
 * only if it is on a box of that name. */
void          ppv_flame_canvas_set_selected_name (PpvFlameCanvas *self,
                                                  const char     *name);
const char   *ppv_flame_canvas_get_selected_name (PpvFlameCanvas *self);

/* Boxes whose name contains @needle (ASCII case ignored) keep their
 * colour, the others fade; NULL: no search. */
void          ppv_flame_canvas_set_search        (PpvFlameCanvas *self,
                                                  const char     *needle);
/* The name matches the search, as the canvas decides it. */
gboolean      ppv_flame_canvas_name_matches      (const char     *name,
                                                  const char     *needle);

/* The node drawn at (@x, @y) in widget coordinates, or PPV_NONE (none,
 * or the "small" slice). */
guint32       ppv_flame_canvas_node_at           (PpvFlameCanvas *self,
                                                  double          x,
                                                  double          y);
/* Where @node is drawn (widget coordinates); FALSE if it is not in the
 * zoomed part or narrower than a pixel. */
gboolean      ppv_flame_canvas_get_node_area     (PpvFlameCanvas   *self,
                                                  guint32           node,
                                                  graphene_rect_t  *area);
/* "name\nTotal: …\nSelf: …", percentages of the whole and the zoom. */
char         *ppv_flame_canvas_describe_node     (PpvFlameCanvas *self,
                                                  guint32         node);
/* Boxes drawn by the last full draw (tests, benchmarks). */
guint         ppv_flame_canvas_get_n_drawn       (PpvFlameCanvas *self);

G_END_DECLS
