/* ppv-scene.h — a laid-out call graph: boxes, label lines and splines in
 * points, ready for a canvas to draw.  Immutable once built.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ppv-callgraph.h"

G_BEGIN_DECLS

/* Coordinates are in points (1/72 inch) with the origin at the top-left
 * corner of the graph's bounding box and y pointing DOWN, as on a
 * cairo/GTK surface.  Nothing is drawn outside @bounds; add your own
 * margin. */

typedef struct
{
  double x;
  double y;
} PpvScenePoint;

typedef struct
{
  double x;       /* left */
  double y;       /* top */
  double width;
  double height;
} PpvSceneRect;

/* Same layout and meaning as GdkRGBA (0..1 floats). */
typedef struct
{
  float red;
  float green;
  float blue;
  float alpha;
} PpvSceneColor;

typedef enum
{
  PPV_SCENE_JUSTIFY_CENTER,  /* graphviz "\n": @x is the line's centre */
  PPV_SCENE_JUSTIFY_LEFT,    /* "\l": @x is the line's left edge */
  PPV_SCENE_JUSTIFY_RIGHT,   /* "\r": @x is the line's right edge */
} PpvSceneJustify;

typedef enum
{
  PPV_SCENE_LINE_SOLID,
  PPV_SCENE_LINE_DASHED,     /* graphviz draws dashes as 5,2 */
  PPV_SCENE_LINE_DOTTED,     /* graphviz draws dots as 1,5 */
  PPV_SCENE_LINE_INVISIBLE,  /* style=invis: draw nothing */
} PpvSceneLineStyle;

/* One line of a label, as graphviz measured and placed it (the same
 * positions its SVG renderer writes).  graphviz measured the text with
 * Pango; to match it when drawing in scene units (1 unit = 1 pt), give
 * the Pango context a resolution of 72 dpi
 * (pango_cairo_context_set_resolution), use font_family at font_size
 * points, and put the layout's baseline (pango_layout_get_baseline) on
 * @baseline, aligned on @x as @justify says. */
typedef struct
{
  const char      *text;      /* UTF-8, never NULL, may be "" (blank line) */
  PpvSceneJustify  justify;
  double           x;         /* anchor, see PpvSceneJustify */
  double           baseline;  /* y of the text baseline */
  double           width;     /* measured width of @text */
  double           height;    /* line advance */
  double           font_size; /* points */
} PpvSceneTextLine;

typedef struct
{
  const char       *font_family; /* Pango family, e.g. "Times" (graphviz's default) */
  double            font_size;   /* points */
  PpvSceneColor     color;
  PpvSceneRect      box;         /* the space graphviz reserved for the text */
  PpvSceneTextLine *lines;       /* top to bottom */
  guint             n_lines;     /* 0: no label */
} PpvSceneLabel;

typedef struct
{
  const char           *name;       /* DOT node name ("N3", the legend's first line...) */
  guint                 index;      /* == its index in PpvCallGraph.nodes and PpvScene.nodes */
  PpvCallGraphNodeKind  kind;
  PpvSceneRect          box;
  const char           *shape;      /* "box", "box3d", ... */
  gboolean              filled;
  PpvSceneColor         fill;
  PpvSceneColor         stroke;
  double                pen_width;
  PpvSceneLineStyle     line_style;
  PpvSceneLabel         label;
  const char           *tooltip;    /* decoded text, or NULL */
} PpvSceneNode;

/* A piecewise cubic Bézier: points[0] is the start, then each group of
 * three points is (control 1, control 2, end).  n_points == 1 + 3k.
 *
 * The curve stops short of the node where an arrowhead is drawn: an end
 * arrow (graphviz's "normal" head) is the triangle whose tip is @end_arrow
 * and whose base is centred on the last point, with a half-width of about
 * 0.35 × its length; the start arrow likewise from points[0] to
 * @start_arrow. */
typedef struct
{
  PpvScenePoint *points;
  guint          n_points;
  gboolean       has_start_arrow;
  PpvScenePoint  start_arrow;
  gboolean       has_end_arrow;
  PpvScenePoint  end_arrow;
} PpvSceneSpline;

typedef struct
{
  guint              index;     /* == its index in PpvCallGraph.edges and PpvScene.edges */
  guint              src;       /* node indices */
  guint              dst;
  PpvSceneSpline    *splines;   /* usually exactly one; 0 if graphviz routed none */
  guint              n_splines;
  double             pen_width;
  PpvSceneColor      color;
  PpvSceneLineStyle  line_style;
  PpvSceneLabel      label;     /* e.g. " 0.50s"; n_lines == 0 without one */
  const char        *tooltip;   /* decoded text, or NULL */
  const char        *label_tooltip;
} PpvSceneEdge;

/* A DOT cluster: pprof puts the legend in "cluster_L", drawn as an
 * unfilled rectangle around the legend node. */
typedef struct
{
  const char    *name;
  PpvSceneRect   box;
  PpvSceneColor  stroke;
  double         pen_width;
} PpvSceneCluster;

typedef struct _PpvScene PpvScene;

struct _PpvScene
{
  /*< private >*/
  gint             ref_count;
  GStringChunk    *strings;

  /*< public, read-only >*/
  const char      *title;
  PpvSceneRect     bounds;     /* x = y = 0 */
  PpvSceneNode    *nodes;      /* same order and count as the call graph's nodes */
  guint            n_nodes;
  PpvSceneEdge    *edges;      /* same order and count as the call graph's edges */
  guint            n_edges;
  PpvSceneCluster *clusters;
  guint            n_clusters;
};

#define PPV_TYPE_SCENE (ppv_scene_get_type ())

GType     ppv_scene_get_type (void) G_GNUC_CONST;
PpvScene *ppv_scene_ref      (PpvScene *self);
void      ppv_scene_unref    (PpvScene *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpvScene, ppv_scene_unref)

/* The topmost node whose box contains (@x, @y), or -1.  Clusters are not
 * nodes; the legend node is. */
int       ppv_scene_find_node_at (const PpvScene *self,
                                  double          x,
                                  double          y);

G_END_DECLS
