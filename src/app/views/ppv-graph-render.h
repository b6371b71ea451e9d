/* ppv-graph-render.h — drawing a laid-out call graph with cairo and Pango,
 * with pprof's encoding (fills, strokes, font sizes, edge widths, dotted
 * residual edges, arrowheads, edge labels) and dark-mode adjustments.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gdk/gdk.h>
#include <pango/pango.h>

#include "ppv-scene.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean dark;         /* the canvas background is dark */
  GdkRGBA  foreground;   /* theme text colour, for ink drawn on the canvas itself */
} PpvGraphStyle;

/* Draws the whole scene in scene coordinates (points, y down) on @cr;
 * callers set up the transform and clip.  @context lays out text. */
void ppv_graph_render_scene   (cairo_t             *cr,
                               PangoContext        *context,
                               const PpvScene      *scene,
                               const PpvGraphStyle *style);

/* An outline around node @index, @inflate points outside its box. */
void ppv_graph_render_outline (cairo_t             *cr,
                               const PpvScene      *scene,
                               guint                index,
                               double               inflate,
                               double               line_width,
                               const GdkRGBA       *color);

/* Edge @index again, in @color and at least @min_width wide. */
void ppv_graph_render_edge    (cairo_t             *cr,
                               const PpvScene      *scene,
                               guint                index,
                               double               min_width,
                               const GdkRGBA       *color);

/* The colour an edge or unfilled ink takes on the canvas in @style. */
void ppv_graph_ink_color      (const PpvSceneColor *color,
                               const PpvGraphStyle *style,
                               gboolean             is_text,
                               GdkRGBA             *out);

G_END_DECLS
