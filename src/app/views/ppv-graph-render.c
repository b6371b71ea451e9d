/* ppv-graph-render.c — drawing a laid-out call graph with cairo and Pango.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-graph-render.h"

#include <math.h>
#include <pango/pangocairo.h>

/* graphviz's box3d depth, in points */
#define BOX3D_DEPTH 4.0

static double
luminance (double r,
           double g,
           double b)
{
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

void
ppv_graph_ink_color (const PpvSceneColor *color,
                     const PpvGraphStyle *style,
                     gboolean             is_text,
                     GdkRGBA             *out)
{
  double l;

  out->red = color->red;
  out->green = color->green;
  out->blue = color->blue;
  out->alpha = color->alpha;

  if (!style->dark)
    return;

  l = luminance (color->red, color->green, color->blue);
  if (is_text)
    {
      /* pprof writes black text; on a dark canvas use the theme's. */
      if (l < 0.5)
        {
          *out = style->foreground;
          out->alpha *= color->alpha;
        }
    }
  else if (l < 0.55)
    {
      /* Lift dark ink (pprof's heavy edges are dark red) towards white
       * while keeping its hue, so the weight encoding still reads. */
      const double t = 0.45;

      out->red = color->red + (1.0 - color->red) * t;
      out->green = color->green + (1.0 - color->green) * t;
      out->blue = color->blue + (1.0 - color->blue) * t;
    }
}

static void
set_source (cairo_t             *cr,
            const PpvSceneColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static void
set_source_gdk (cairo_t       *cr,
                const GdkRGBA *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static gboolean
apply_line_style (cairo_t           *cr,
                  PpvSceneLineStyle  style,
                  double             width)
{
  static const double dashes[] = { 5.0, 2.0 };
  static const double dots[] = { 1.0, 5.0 };

  cairo_set_line_width (cr, MAX (width, 0.1));
  switch (style)
    {
    case PPV_SCENE_LINE_INVISIBLE:
      return FALSE;
    case PPV_SCENE_LINE_DASHED:
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      break;
    case PPV_SCENE_LINE_DOTTED:
      cairo_set_dash (cr, dots, G_N_ELEMENTS (dots), 0);
      break;
    case PPV_SCENE_LINE_SOLID:
    default:
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    }
  return TRUE;
}

/* Labels are laid out at one size and scaled: each size of its own
 * would be a font match, and Pango matches fonts for every thread on
 * one thread of its own, so a graph laid out meanwhile (graphviz
 * measures through Pango) kept the first frame of a shown graph waiting
 * 50-80 ms. */
#define LABEL_LAYOUT_SIZE 16.0

static void
draw_label (cairo_t             *cr,
            PangoContext        *context,
            const PpvSceneLabel *label,
            const GdkRGBA       *color)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *desc;

  if (label->n_lines == 0)
    return;

  layout = pango_layout_new (context);
  desc = pango_font_description_new ();
  pango_font_description_set_family (desc, label->font_family != NULL && label->font_family[0] != '\0'
                                           ? label->font_family : "Times");
  pango_font_description_set_absolute_size (desc, LABEL_LAYOUT_SIZE * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  set_source_gdk (cr, color);

  for (guint i = 0; i < label->n_lines; i++)
    {
      const PpvSceneTextLine *line = &label->lines[i];
      PangoRectangle logical;
      double width, baseline, factor = 1.0, x, scale;
      double size = line->font_size > 0 ? line->font_size : label->font_size;

      if (line->text[0] == '\0' || size <= 0)
        continue;

      scale = size / LABEL_LAYOUT_SIZE;
      pango_layout_set_text (layout, line->text, -1);
      pango_layout_get_extents (layout, NULL, &logical);
      width = (double) logical.width / PANGO_SCALE * scale;
      baseline = (double) pango_layout_get_baseline (layout) / PANGO_SCALE * scale;

      /* Our fonts may measure wider than graphviz did: squeeze the line
       * rather than let it spill out of its box. */
      if (line->width > 0 && width > line->width * 1.02)
        factor = line->width / width;

      switch (line->justify)
        {
        case PPV_SCENE_JUSTIFY_LEFT:
          x = line->x;
          break;
        case PPV_SCENE_JUSTIFY_RIGHT:
          x = line->x - width * factor;
          break;
        case PPV_SCENE_JUSTIFY_CENTER:
        default:
          x = line->x - width * factor / 2.0;
          break;
        }

      cairo_save (cr);
      cairo_translate (cr, x, line->baseline - baseline);
      cairo_scale (cr, factor * scale, scale);
      cairo_move_to (cr, -(double) logical.x / PANGO_SCALE, 0);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }

  pango_font_description_free (desc);
}

static void
node_path (cairo_t            *cr,
           const PpvSceneNode *node,
           gboolean           *is_3d)
{
  const PpvSceneRect *b = &node->box;

  *is_3d = FALSE;
  if (g_strcmp0 (node->shape, "ellipse") == 0 || g_strcmp0 (node->shape, "oval") == 0)
    {
      cairo_save (cr);
      cairo_translate (cr, b->x + b->width / 2, b->y + b->height / 2);
      cairo_scale (cr, MAX (b->width / 2, 0.1), MAX (b->height / 2, 0.1));
      cairo_new_path (cr);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
    }
  else if (g_strcmp0 (node->shape, "box3d") == 0 && b->width > BOX3D_DEPTH && b->height > BOX3D_DEPTH)
    {
      *is_3d = TRUE;
      cairo_rectangle (cr, b->x, b->y + BOX3D_DEPTH, b->width - BOX3D_DEPTH, b->height - BOX3D_DEPTH);
    }
  else
    cairo_rectangle (cr, b->x, b->y, b->width, b->height);
}

static void
draw_node (cairo_t             *cr,
           PangoContext        *context,
           const PpvSceneNode  *node,
           const PpvGraphStyle *style)
{
  gboolean plain = g_strcmp0 (node->shape, "plaintext") == 0
                   || g_strcmp0 (node->shape, "plain") == 0
                   || g_strcmp0 (node->shape, "none") == 0;
  gboolean is_3d = FALSE;
  GdkRGBA text_color;

  if (!plain)
    {
      node_path (cr, node, &is_3d);
      if (node->filled)
        {
          set_source (cr, &node->fill);
          cairo_fill_preserve (cr);
        }
      if (apply_line_style (cr, node->line_style, node->pen_width))
        {
          GdkRGBA stroke;

          /* Strokes around a fill keep pprof's colour: they frame the
           * light fill, which stays light in dark mode too. */
          if (node->filled)
            set_source (cr, &node->stroke);
          else
            {
              ppv_graph_ink_color (&node->stroke, style, FALSE, &stroke);
              set_source_gdk (cr, &stroke);
            }
          cairo_stroke (cr);

          if (is_3d)
            {
              const PpvSceneRect *b = &node->box;

              if (node->filled)
                {
                  cairo_move_to (cr, b->x, b->y + BOX3D_DEPTH);
                  cairo_line_to (cr, b->x + BOX3D_DEPTH, b->y);
                  cairo_line_to (cr, b->x + b->width, b->y);
                  cairo_line_to (cr, b->x + b->width, b->y + b->height - BOX3D_DEPTH);
                  cairo_line_to (cr, b->x + b->width - BOX3D_DEPTH, b->y + b->height);
                  cairo_line_to (cr, b->x + b->width - BOX3D_DEPTH, b->y + BOX3D_DEPTH);
                  cairo_close_path (cr);
                  set_source (cr, &node->fill);
                  cairo_fill (cr);
                  set_source (cr, &node->stroke);
                }
              cairo_move_to (cr, b->x, b->y + BOX3D_DEPTH);
              cairo_line_to (cr, b->x + BOX3D_DEPTH, b->y);
              cairo_line_to (cr, b->x + b->width, b->y);
              cairo_line_to (cr, b->x + b->width, b->y + b->height - BOX3D_DEPTH);
              cairo_line_to (cr, b->x + b->width - BOX3D_DEPTH, b->y + b->height);
              cairo_move_to (cr, b->x + b->width - BOX3D_DEPTH, b->y + BOX3D_DEPTH);
              cairo_line_to (cr, b->x + b->width, b->y);
              cairo_stroke (cr);
            }
        }
      else
        cairo_new_path (cr);
    }

  /* Text on a fill keeps its colour; text on the canvas follows the theme. */
  if (node->filled && !plain)
    {
      text_color.red = node->label.color.red;
      text_color.green = node->label.color.green;
      text_color.blue = node->label.color.blue;
      text_color.alpha = node->label.color.alpha;
    }
  else
    ppv_graph_ink_color (&node->label.color, style, TRUE, &text_color);

  draw_label (cr, context, &node->label, &text_color);
}

static void
spline_path (cairo_t              *cr,
             const PpvSceneSpline *spline)
{
  if (spline->n_points == 0)
    return;

  cairo_move_to (cr, spline->points[0].x, spline->points[0].y);
  for (guint i = 1; i + 2 < spline->n_points; i += 3)
    cairo_curve_to (cr,
                    spline->points[i].x, spline->points[i].y,
                    spline->points[i + 1].x, spline->points[i + 1].y,
                    spline->points[i + 2].x, spline->points[i + 2].y);
}

static void
arrow_path (cairo_t             *cr,
            const PpvScenePoint *base,
            const PpvScenePoint *tip)
{
  double dx = tip->x - base->x;
  double dy = tip->y - base->y;
  double length = sqrt (dx * dx + dy * dy);
  double nx, ny;

  if (length < 0.01)
    return;

  /* The normal, scaled to the half-width of graphviz's "normal" head. */
  nx = -dy / length * length * 0.35;
  ny = dx / length * length * 0.35;

  cairo_move_to (cr, tip->x, tip->y);
  cairo_line_to (cr, base->x + nx, base->y + ny);
  cairo_line_to (cr, base->x - nx, base->y - ny);
  cairo_close_path (cr);
}

static void
draw_edge_lines (cairo_t            *cr,
                 const PpvSceneEdge *edge,
                 const GdkRGBA      *color,
                 double              width)
{
  set_source_gdk (cr, color);

  if (apply_line_style (cr, edge->line_style, width))
    {
      for (guint s = 0; s < edge->n_splines; s++)
        spline_path (cr, &edge->splines[s]);
      cairo_stroke (cr);
    }
  else
    return;

  /* Arrowheads are solid even on dotted edges, as graphviz draws them. */
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, MAX (width, 0.1));
  for (guint s = 0; s < edge->n_splines; s++)
    {
      const PpvSceneSpline *spline = &edge->splines[s];

      if (spline->n_points == 0)
        continue;
      if (spline->has_end_arrow)
        {
          arrow_path (cr, &spline->points[spline->n_points - 1], &spline->end_arrow);
          cairo_fill_preserve (cr);
          cairo_stroke (cr);
        }
      if (spline->has_start_arrow)
        {
          arrow_path (cr, &spline->points[0], &spline->start_arrow);
          cairo_fill_preserve (cr);
          cairo_stroke (cr);
        }
    }
}

void
ppv_graph_render_scene (cairo_t             *cr,
                        PangoContext        *context,
                        const PpvScene      *scene,
                        const PpvGraphStyle *style)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (scene != NULL);
  g_return_if_fail (style != NULL);

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);

  for (guint i = 0; i < scene->n_clusters; i++)
    {
      const PpvSceneCluster *cluster = &scene->clusters[i];
      const PpvSceneRect *b = &cluster->box;
      PpvSceneColor stroke = cluster->stroke;
      GdkRGBA ink;

      ppv_graph_ink_color (&stroke, style, TRUE, &ink);
      set_source_gdk (cr, &ink);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_line_width (cr, MAX (cluster->pen_width, 0.5));
      cairo_rectangle (cr, b->x, b->y, b->width, b->height);
      cairo_stroke (cr);
    }

  /* Edges under nodes, as graphviz emits them. */
  for (guint i = 0; i < scene->n_edges; i++)
    {
      const PpvSceneEdge *edge = &scene->edges[i];
      GdkRGBA color;

      ppv_graph_ink_color (&edge->color, style, FALSE, &color);
      draw_edge_lines (cr, edge, &color, edge->pen_width);
    }

  for (guint i = 0; i < scene->n_nodes; i++)
    draw_node (cr, context, &scene->nodes[i], style);

  for (guint i = 0; i < scene->n_edges; i++)
    {
      const PpvSceneEdge *edge = &scene->edges[i];
      GdkRGBA color;

      if (edge->label.n_lines == 0)
        continue;
      ppv_graph_ink_color (&edge->label.color, style, TRUE, &color);
      draw_label (cr, context, &edge->label, &color);
    }

  cairo_restore (cr);
}

void
ppv_graph_render_outline (cairo_t        *cr,
                          const PpvScene *scene,
                          guint           index,
                          double          inflate,
                          double          line_width,
                          const GdkRGBA  *color)
{
  const PpvSceneRect *b;
  double x, y, w, h, r;

  g_return_if_fail (scene != NULL);
  g_return_if_fail (index < scene->n_nodes);

  b = &scene->nodes[index].box;
  x = b->x - inflate;
  y = b->y - inflate;
  w = b->width + 2 * inflate;
  h = b->height + 2 * inflate;
  r = MIN (inflate + 2, MIN (w, h) / 2);

  cairo_save (cr);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  set_source_gdk (cr, color);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, line_width);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
ppv_graph_render_edge (cairo_t        *cr,
                       const PpvScene *scene,
                       guint           index,
                       double          min_width,
                       const GdkRGBA  *color)
{
  const PpvSceneEdge *edge;

  g_return_if_fail (scene != NULL);
  g_return_if_fail (index < scene->n_edges);

  edge = &scene->edges[index];
  cairo_save (cr);
  draw_edge_lines (cr, edge, color, MAX (edge->pen_width, min_width));
  cairo_restore (cr);
}
