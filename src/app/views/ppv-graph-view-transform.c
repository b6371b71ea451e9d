/* ppv-graph-view-transform.c — where the call graph canvas looks: the
 * scene-to-view transform, fitting, zooming, centring and revealing nodes.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-graph-view-private.h"

#define MARGIN          24.0
#define REVEAL_PADDING  12.0    /* pixels around a revealed node */
#define MAX_ZOOM        8.0
#define FIT_MAX_ZOOM    1.0

void
_ppv_graph_view_to_scene (PpvGraphView *self,
                          double        x,
                          double        y,
                          double       *sx,
                          double       *sy)
{
  *sx = (x - self->offset_x) / self->scale;
  *sy = (y - self->offset_y) / self->scale;
}

static double
fit_scale (PpvGraphView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double sx, sy;

  if (self->scene == NULL || width <= 0 || height <= 0
      || self->scene->bounds.width <= 0 || self->scene->bounds.height <= 0)
    return 1.0;

  sx = (width - 2 * MARGIN) / self->scene->bounds.width;
  sy = (height - 2 * MARGIN) / self->scene->bounds.height;
  return MAX (MIN (MIN (sx, sy), FIT_MAX_ZOOM), 0.01);
}

static double
min_scale (PpvGraphView *self)
{
  return MIN (fit_scale (self) / 2.0, 0.1);
}

void
_ppv_graph_view_set_transform (PpvGraphView *self,
                               double        scale,
                               double        offset_x,
                               double        offset_y)
{
  gboolean zoom_changed = scale != self->scale;

  if (scale == self->scale && offset_x == self->offset_x && offset_y == self->offset_y)
    return;

  self->scale = scale;
  self->offset_x = offset_x;
  self->offset_y = offset_y;
  _ppv_graph_view_invalidate_cache (self);

  if (zoom_changed)
    g_object_notify (G_OBJECT (self), "zoom");
}

/* Zooms to @scale keeping the scene point under (@x, @y) in place. */
void
_ppv_graph_view_zoom_at (PpvGraphView *self,
                         double        scale,
                         double        x,
                         double        y)
{
  double sx, sy;

  scale = CLAMP (scale, min_scale (self), MAX_ZOOM);
  _ppv_graph_view_to_scene (self, x, y, &sx, &sy);
  _ppv_graph_view_set_transform (self, scale, x - sx * scale, y - sy * scale);
}

void
ppv_graph_view_zoom_fit (PpvGraphView *self)
{
  int width, height;
  double scale;

  g_return_if_fail (PPV_IS_GRAPH_VIEW (self));

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (self->scene == NULL || width <= 0 || height <= 0)
    {
      self->need_fit = TRUE;
      return;
    }

  self->need_fit = FALSE;
  scale = fit_scale (self);
  _ppv_graph_view_set_transform (self, scale,
                                 (width - self->scene->bounds.width * scale) / 2.0,
                                 (height - self->scene->bounds.height * scale) / 2.0);
}

void
ppv_graph_view_zoom_in (PpvGraphView *self)
{
  g_return_if_fail (PPV_IS_GRAPH_VIEW (self));
  _ppv_graph_view_zoom_at (self, self->scale * ZOOM_STEP,
                           gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
ppv_graph_view_zoom_out (PpvGraphView *self)
{
  g_return_if_fail (PPV_IS_GRAPH_VIEW (self));
  _ppv_graph_view_zoom_at (self, self->scale / ZOOM_STEP,
                           gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

double
ppv_graph_view_get_zoom (PpvGraphView *self)
{
  g_return_val_if_fail (PPV_IS_GRAPH_VIEW (self), 1.0);
  return self->scale;
}

void
_ppv_graph_view_center_on_node (PpvGraphView *self,
                                guint         index)
{
  const PpvSceneRect *b;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->scene == NULL || index >= self->scene->n_nodes)
    return;

  if (width <= 0 || height <= 0 || self->need_fit)
    {
      self->pending_center = index;
      return;
    }

  b = &self->scene->nodes[index].box;
  _ppv_graph_view_set_transform (self, self->scale,
                                 width / 2.0 - (b->x + b->width / 2.0) * self->scale,
                                 height / 2.0 - (b->y + b->height / 2.0) * self->scale);
}

/* Brings node @index into view for the keyboard: a node already on screen
 * stays where it is, so walking a visible graph does not jump about; one
 * that is partly or wholly off screen is centred. */
void
_ppv_graph_view_reveal_node (PpvGraphView *self,
                             guint         index)
{
  const PpvSceneRect *b;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double x, y, w, h;

  if (self->scene == NULL || index >= self->scene->n_nodes)
    return;

  if (width <= 0 || height <= 0 || self->need_fit)
    {
      self->pending_center = index;
      return;
    }

  /* The box with room for the selection outline and the focus ring. */
  b = &self->scene->nodes[index].box;
  x = b->x * self->scale + self->offset_x - REVEAL_PADDING;
  y = b->y * self->scale + self->offset_y - REVEAL_PADDING;
  w = b->width * self->scale + 2 * REVEAL_PADDING;
  h = b->height * self->scale + 2 * REVEAL_PADDING;

  if (x < 0 || y < 0 || x + w > width || y + h > height)
    _ppv_graph_view_center_on_node (self, index);
}

gboolean
ppv_graph_view_get_node_center (PpvGraphView *self,
                                guint         index,
                                double       *x,
                                double       *y)
{
  const PpvSceneRect *b;

  g_return_val_if_fail (PPV_IS_GRAPH_VIEW (self), FALSE);

  if (self->scene == NULL || index >= self->scene->n_nodes)
    return FALSE;

  b = &self->scene->nodes[index].box;
  *x = (b->x + b->width / 2.0) * self->scale + self->offset_x;
  *y = (b->y + b->height / 2.0) * self->scale + self->offset_y;
  return TRUE;
}
