/* ppv-watch-timeline-draw.c — drawing the timeline: axes, the totals' line broken at gaps, restarts, markers, hover.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "ppv-watch-timeline-private.h"

typedef struct
{
  GdkRGBA fg, dim, accent, error, warning, grid;
} Colors;

static void
get_colors (PpvWatchTimeline *self,
            Colors           *c)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, &c->fg);
  if (!gtk_style_context_lookup_color (context, "accent_color", &c->accent))
    gdk_rgba_parse (&c->accent, "#3584e4");
  if (!gtk_style_context_lookup_color (context, "error_color", &c->error))
    gdk_rgba_parse (&c->error, "#e01b24");
  if (!gtk_style_context_lookup_color (context, "warning_color", &c->warning))
    gdk_rgba_parse (&c->warning, "#c64600");
  G_GNUC_END_IGNORE_DEPRECATIONS
  c->dim = c->fg;
  c->dim.alpha *= 0.55f;
  c->grid = c->fg;
  c->grid.alpha *= 0.12f;
}

static void
draw_text (GtkWidget     *widget,
           cairo_t       *cr,
           const char    *text,
           double         x,
           double         y,
           double         xalign,
           const GdkRGBA *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();
  int w, h;

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_pixel_size (layout, &w, &h);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_move_to (cr, x - w * xalign, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_axes (PpvWatchTimeline *self,
           cairo_t          *cr,
           const Frame      *frame,
           const Colors     *c)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autofree char *max = _ppv_watch_timeline_dup_value (self, frame->max);
  g_autofree char *label = NULL;

  gdk_cairo_set_source_rgba (cr, &c->grid);
  cairo_set_line_width (cr, 1);
  for (int i = 0; i <= 2; i++)
    {
      double y = round (frame->bottom - i * (frame->bottom - frame->top) * 0.46) + 0.5;

      cairo_move_to (cr, frame->left, y);
      cairo_line_to (cr, frame->right, y);
    }
  cairo_stroke (cr);

  /* The top strip is the markers'; what the line shows goes below. */
  /* Translators: under the timeline, "inuse_space · largest 1.67MB". */
  label = g_strdup_printf (_("%s · largest %s"), self->type_name != NULL ? self->type_name : "", max);
  draw_text (widget, cr, label, (frame->left + frame->right) / 2, frame->bottom + 12, 0.5, &c->dim);
  if (self->points->len > 0)
    {
      g_autofree char *first = _ppv_watch_timeline_dup_time (frame->t0);
      g_autofree char *last = _ppv_watch_timeline_dup_time (frame->t1);

      draw_text (widget, cr, first, frame->left, frame->bottom + 12, 0, &c->dim);
      if (frame->t1 > frame->t0)
        draw_text (widget, cr, last, frame->right, frame->bottom + 12, 1, &c->dim);
    }
}

/* The totals: a line broken at every gap, a dot per snapshot. */
/* Every arc starts a sub-path: text leaves a current point that an arc
 * would otherwise join with a straight line. */
static void
draw_line (PpvWatchTimeline *self,
           cairo_t          *cr,
           const Frame      *frame,
           const GdkRGBA    *color,
           gboolean          series)
{
  gboolean open = FALSE;
  gint64 max = series ? frame->series_max : frame->max;

  cairo_set_line_width (cr, series ? 2 : 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  gdk_cairo_set_source_rgba (cr, color);
  for (guint i = 0; i < self->points->len; i++)
    {
      Point *p = &g_array_index (self->points, Point, i);
      gint64 value;
      double x, y;

      if (p->snapshot < 0 || p->restart)
        {
          if (open)
            cairo_stroke (cr);
          open = FALSE;
          if (p->snapshot < 0)
            continue;
        }
      if (series && (guint) p->snapshot >= self->series->len)
        continue;
      value = series ? g_array_index (self->series, gint64, p->snapshot) : p->value;
      x = _ppv_watch_timeline_x_of (frame, p->time);
      y = _ppv_watch_timeline_y_of (frame, value, max);
      if (open)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      open = TRUE;
    }
  if (open)
    cairo_stroke (cr);

  for (guint s = 0; s < self->snapshots->len; s++)
    {
      Point *p = _ppv_watch_timeline_snapshot_point (self, (int) s);
      gint64 value;

      if (series && s >= self->series->len)
        break;
      value = series ? g_array_index (self->series, gint64, s) : p->value;
      cairo_new_sub_path (cr);
      cairo_arc (cr, _ppv_watch_timeline_x_of (frame, p->time), _ppv_watch_timeline_y_of (frame, value, max), self->snapshots->len > 60 ? 1.5 : 2.5,
                 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
draw_events (PpvWatchTimeline *self,
             cairo_t          *cr,
             const Frame      *frame,
             const Colors     *c)
{
  static const double dash[] = { 3, 3 };

  for (guint i = 0; i < self->points->len; i++)
    {
      Point *p = &g_array_index (self->points, Point, i);
      double x = round (_ppv_watch_timeline_x_of (frame, p->time)) + 0.5;

      if (p->snapshot < 0)
        {
          /* A failed fetch: a red cross on the baseline. */
          gdk_cairo_set_source_rgba (cr, &c->error);
          cairo_set_line_width (cr, 1.5);
          cairo_move_to (cr, x - 3.5, frame->bottom - 3.5);
          cairo_line_to (cr, x + 3.5, frame->bottom + 3.5);
          cairo_move_to (cr, x + 3.5, frame->bottom - 3.5);
          cairo_line_to (cr, x - 3.5, frame->bottom + 3.5);
          cairo_stroke (cr);
        }
      else if (p->restart)
        {
          gdk_cairo_set_source_rgba (cr, &c->warning);
          cairo_set_line_width (cr, 1);
          cairo_set_dash (cr, dash, 2, 0);
          cairo_move_to (cr, x, frame->top);
          cairo_line_to (cr, x, frame->bottom);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          draw_text (GTK_WIDGET (self), cr, "↻", x + 3, frame->top + 8, 0, &c->warning);
        }
    }
}

static void
draw_markers (PpvWatchTimeline *self,
              cairo_t          *cr,
              const Frame      *frame,
              const Colors     *c)
{
  Point *a = _ppv_watch_timeline_snapshot_point (self, self->marker[PPV_TIMELINE_MARKER_A]);
  Point *b = _ppv_watch_timeline_snapshot_point (self, self->marker[PPV_TIMELINE_MARKER_B]);
  gboolean focused = gtk_widget_has_visible_focus (GTK_WIDGET (self));

  if (a == NULL || b == NULL)
    return;

  {
    GdkRGBA band = c->accent;
    double xa = _ppv_watch_timeline_x_of (frame, a->time), xb = _ppv_watch_timeline_x_of (frame, b->time);

    band.alpha = 0.10f;
    gdk_cairo_set_source_rgba (cr, &band);
    cairo_rectangle (cr, MIN (xa, xb), frame->top, fabs (xb - xa), frame->bottom - frame->top);
    cairo_fill (cr);
  }

  for (int m = 0; m < 2; m++)
    {
      Point *p = m == 0 ? a : b;
      double x = round (_ppv_watch_timeline_x_of (frame, p->time)) + 0.5;
      gboolean selected = self->selected == (PpvTimelineMarker) m;
      const char *name = m == 0 ? "A" : "B";
      /* Two markers on one snapshot: B's label sits beside A's. */
      double lx = x + (m == 1 && a == b ? 9 : 0);

      gdk_cairo_set_source_rgba (cr, &c->accent);
      cairo_set_line_width (cr, selected ? 2 : 1);
      cairo_move_to (cr, x, frame->top);
      cairo_line_to (cr, x, frame->bottom);
      cairo_stroke (cr);

      cairo_new_sub_path (cr);
      cairo_arc (cr, lx, frame->top - 10, 8, 0, 2 * G_PI);
      if (selected)
        cairo_fill (cr);
      else
        {
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
      if (selected && focused)
        {
          gdk_cairo_set_source_rgba (cr, &c->fg);
          cairo_set_line_width (cr, 1);
          cairo_new_sub_path (cr);
          cairo_arc (cr, lx, frame->top - 10, 10, 0, 2 * G_PI);
          cairo_stroke (cr);
        }
      {
        GdkRGBA on = selected ? (GdkRGBA) { 1, 1, 1, 1 } : c->accent;

        draw_text (GTK_WIDGET (self), cr, name, lx, frame->top - 10, 0.5, &on);
      }
    }
}

void
_ppv_watch_timeline_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  PpvWatchTimeline *self = PPV_WATCH_TIMELINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  Frame frame;
  Colors c;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  _ppv_watch_timeline_get_frame (self, &frame);
  get_colors (self, &c);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  draw_axes (self, cr, &frame, &c);
  if (self->snapshots->len == 0)
    {
      draw_text (widget, cr, _("No snapshots yet"), width / 2.0, height / 2.0, 0.5, &c.dim);
      cairo_destroy (cr);
      return;
    }
  draw_markers (self, cr, &frame, &c);
  draw_events (self, cr, &frame, &c);
  {
    GdkRGBA line = self->series != NULL ? c.dim : c.fg;

    draw_line (self, cr, &frame, &line, FALSE);
  }
  if (self->series != NULL)
    {
      g_autofree char *max = _ppv_watch_timeline_dup_value (self, frame.series_max);
      g_autofree char *label = g_strdup_printf ("%s · %s", self->series_name, max);

      draw_line (self, cr, &frame, &c.accent, TRUE);
      draw_text (widget, cr, label, frame.left + 8, frame.top + 8, 0, &c.accent);
    }
  if (self->hover >= 0 && (guint) self->hover < self->points->len)
    {
      Point *p = &g_array_index (self->points, Point, self->hover);
      double x = _ppv_watch_timeline_x_of (&frame, p->time);

      gdk_cairo_set_source_rgba (cr, p->snapshot >= 0 ? &c.fg : &c.error);
      cairo_set_line_width (cr, 2);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, p->snapshot >= 0 ? _ppv_watch_timeline_y_of (&frame, p->value, frame.max) : frame.bottom, 5, 0, 2 * G_PI);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}
