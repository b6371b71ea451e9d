/* ppv-graph-view-draw.c — drawing the call graph canvas: the scene into a
 * cached render node for the current view, and the hover, selection and
 * search overlays on top of it.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

#include "ppv-graph-render.h"
#include "ppv-graph-view-private.h"

static gboolean
is_dark (PpvGraphView *self)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
get_style (PpvGraphView  *self,
           PpvGraphStyle *style,
           GdkRGBA       *background,
           GdkRGBA       *accent)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  style->dark = is_dark (self);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, &style->foreground);
  if (background != NULL && !gtk_style_context_lookup_color (context, "view_bg_color", background))
    gdk_rgba_parse (background, style->dark ? "#1e1e1e" : "#ffffff");
  if (accent != NULL && !gtk_style_context_lookup_color (context, "accent_color", accent))
    gdk_rgba_parse (accent, "#1c71d8");
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static GskRenderNode *
build_cache (PpvGraphView *self,
             int           width,
             int           height)
{
  PpvGraphStyle style;
  GdkRGBA background;
  GskRenderNode *node;
  cairo_t *cr;

  get_style (self, &style, &background, NULL);
  self->cache_style = style;
  self->cache_background = background;

  node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, width, height));
  cr = gsk_cairo_node_get_draw_context (node);

  gdk_cairo_set_source_rgba (cr, &background);
  cairo_paint (cr);

  if (self->scene != NULL)
    {
      cairo_translate (cr, self->offset_x, self->offset_y);
      cairo_scale (cr, self->scale, self->scale);
      ppv_graph_render_scene (cr, self->pango, self->scene, &style);
    }

  cairo_destroy (cr);
  return node;
}

gboolean
_ppv_graph_view_style_matches_cache (PpvGraphView *self)
{
  PpvGraphStyle style;
  GdkRGBA background;

  if (self->cache == NULL)
    return TRUE;

  get_style (self, &style, &background, NULL);
  return style.dark == self->cache_style.dark
         && gdk_rgba_equal (&style.foreground, &self->cache_style.foreground)
         && gdk_rgba_equal (&background, &self->cache_background);
}

static void
draw_overlays (PpvGraphView *self,
               cairo_t      *cr)
{
  PpvGraphStyle style;
  GdkRGBA accent;
  GdkRGBA hover;
  GdkRGBA match = { 0.90f, 0.65f, 0.04f, 1.0f };   /* GNOME yellow 4 */
  double px = 1.0 / self->scale;                   /* one pixel in scene units */

  get_style (self, &style, NULL, &accent);
  hover = style.foreground;
  hover.alpha = 0.55f;

  cairo_translate (cr, self->offset_x, self->offset_y);
  cairo_scale (cr, self->scale, self->scale);

  if (self->matches != NULL)
    for (guint i = 0; i < self->scene->n_nodes && i < self->graph->n_nodes; i++)
      if (self->matches[i])
        ppv_graph_render_outline (cr, self->scene, i, 3 * px, 3 * px, &match);

  if (self->selected >= 0 && (guint) self->selected < self->scene->n_nodes)
    {
      for (guint e = 0; e < self->scene->n_edges; e++)
        {
          const PpvSceneEdge *edge = &self->scene->edges[e];

          if (edge->src == (guint) self->selected || edge->dst == (guint) self->selected)
            ppv_graph_render_edge (cr, self->scene, e, 2 * px, &accent);
        }
      ppv_graph_render_outline (cr, self->scene, self->selected, 3 * px, 3 * px, &accent);

      /* With keyboard focus, the selected node is the focused item: it
       * gets a focus ring like any GNOME widget's (2 px of the accent at
       * half alpha), with a gap so it reads apart from the selection.
       * GTK 4.8 hides focus when a key leaves the focus widget where it
       * was, which is what walking the nodes does: keyboard_mode keeps the
       * ring until the next click. */
      if (gtk_widget_has_focus (GTK_WIDGET (self))
          && (self->keyboard_mode || gtk_widget_has_visible_focus (GTK_WIDGET (self))))
        {
          GdkRGBA ring = accent;

          ring.alpha = 0.5f;
          ppv_graph_render_outline (cr, self->scene, self->selected, 8 * px, 2 * px, &ring);
        }
    }

  if (self->hover >= 0 && self->hover != self->selected
      && (guint) self->hover < self->scene->n_nodes)
    ppv_graph_render_outline (cr, self->scene, self->hover, 2 * px, 1.5 * px, &hover);
}

void
_ppv_graph_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  PpvGraphView *self = PPV_GRAPH_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  if (self->cache == NULL)
    self->cache = build_cache (self, width, height);
  gtk_snapshot_append_node (snapshot, self->cache);

  if (self->scene == NULL
      || (self->selected < 0 && self->hover < 0 && self->matches == NULL))
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_overlays (self, cr);
  cairo_destroy (cr);
}

