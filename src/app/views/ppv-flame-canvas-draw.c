/* ppv-flame-canvas-draw.c — drawing the flame canvas: the rows in view
 * (and a screen more each way) into a cached render node, labels that
 * fit their box, and the hover and cursor overlays on top.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "ppv-flame-canvas-private.h"
#include "ppv-flame-style.h"

/* Measured names are kept per canvas; past this many they start over. */
#define MAX_LABEL_CACHE 50000

/* A name's label candidates, longest first, laid out once. */
typedef struct
{
  guint         n;
  PangoLayout **layouts;
  int          *widths;
} FlameLabels;

static void
flame_labels_free (FlameLabels *labels)
{
  for (guint i = 0; i < labels->n; i++)
    g_object_unref (labels->layouts[i]);
  g_free (labels->layouts);
  g_free (labels->widths);
  g_free (labels);
}

GHashTable *
_ppv_flame_canvas_new_label_cache (void)
{
  return g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) flame_labels_free);
}

static FlameLabels *
get_labels (PpvFlameCanvas *self,
            const char     *name)
{
  FlameLabels *labels = g_hash_table_lookup (self->labels, name);
  g_autofree char *printable = NULL;
  g_auto(GStrv) names = NULL;

  if (labels != NULL)
    return labels;

  if (g_hash_table_size (self->labels) >= MAX_LABEL_CACHE)
    g_hash_table_remove_all (self->labels);

  printable = _ppv_flame_canvas_printable (name);
  names = ppv_flame_short_names (printable);
  labels = g_new0 (FlameLabels, 1);
  labels->n = g_strv_length (names);
  labels->layouts = g_new0 (PangoLayout *, labels->n);
  labels->widths = g_new0 (int, labels->n);
  for (guint i = 0; i < labels->n; i++)
    {
      labels->layouts[i] = gtk_widget_create_pango_layout (GTK_WIDGET (self), names[i]);
      pango_layout_get_pixel_size (labels->layouts[i], &labels->widths[i], NULL);
    }
  /* Names are the tree's, alive as long as it is: the cache is emptied
   * with each new tree. */
  g_hash_table_insert (self->labels, (gpointer) name, labels);
  return labels;
}

void
_ppv_flame_canvas_measure_rows (PpvFlameCanvas *self)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "Ag");

  pango_layout_get_pixel_size (layout, NULL, &self->text_height);
  self->row_height = self->text_height + 6;
}

typedef struct
{
  GtkSnapshot *snapshot;
  gboolean     dark;
  GdkRGBA      text;
  GdkRGBA      accent;
  GdkRGBA      small;
  GdkRGBA      background;
  guint        n_drawn;
} Paint;

static void
draw_label (PpvFlameCanvas *self,
            Paint          *paint,
            const char     *name,
            double          x,
            double          y,
            double          width,
            const GdkRGBA  *color)
{
  double room = width - 2 * PPV_FLAME_LABEL_PAD;
  FlameLabels *labels;
  PangoLayout *layout = NULL;
  g_autoptr(PangoLayout) ellipsized = NULL;

  if (width < PPV_FLAME_MIN_LABEL)
    return;

  labels = get_labels (self, name);
  for (guint i = 0; i < labels->n && layout == NULL; i++)
    if (labels->widths[i] <= room)
      layout = labels->layouts[i];

  /* Even the shortest name is too long: as much of it as fits, with an
   * ellipsis, if that is at least a few characters. */
  if (layout == NULL && labels->n > 0 && room >= 3 * self->text_height / 2)
    {
      ellipsized = pango_layout_copy (labels->layouts[labels->n - 1]);
      pango_layout_set_width (ellipsized, (int) (room * PANGO_SCALE));
      pango_layout_set_ellipsize (ellipsized, PANGO_ELLIPSIZE_END);
      layout = ellipsized;
    }
  if (layout == NULL)
    return;

  gtk_snapshot_save (paint->snapshot);
  gtk_snapshot_translate (paint->snapshot,
                          &GRAPHENE_POINT_INIT ((float) (x + PPV_FLAME_LABEL_PAD),
                                                (float) (y + (self->row_height - 1 - self->text_height) / 2)));
  gtk_snapshot_append_layout (paint->snapshot, layout, color);
  gtk_snapshot_restore (paint->snapshot);
}

static void
outline (GtkSnapshot           *snapshot,
         const graphene_rect_t *rect,
         float                  width,
         const GdkRGBA         *color)
{
  GskRoundedRect border;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&border, rect, 0);
  gtk_snapshot_append_border (snapshot, &border, widths, colors);
}

static void
paint_box (PpvFlameCanvas    *self,
           const PpvFlameBox *box,
           gpointer           user_data)
{
  Paint *paint = user_data;
  int row = _ppv_flame_canvas_depth_to_row (self, box->depth);
  double y = (double) row * self->row_height;
  double x0 = floor (box->x), x1 = floor (box->x + box->width);
  double width = MAX (x1 - x0, 1);
  double gap = width >= 3 ? 1 : 0;
  graphene_rect_t rect;
  const char *name;
  guint8 rgb[3];
  GdkRGBA fill, text = paint->text;
  gboolean diff = ppv_stack_tree_get_comparison (self->tree) != PPV_STACK_TREE_PLAIN;
  gboolean faded;

  graphene_rect_init (&rect, (float) x0, (float) y, (float) (width - gap), (float) (self->row_height - 1));
  paint->n_drawn++;

  if (box->node == PPV_NONE)
    {
      gtk_snapshot_append_color (paint->snapshot, &paint->small, &rect);
      return;
    }

  name = ppv_stack_tree_get_name (self->tree, box->node);
  if (diff)
    /* pprof's diff colours: a grey box, and from its left edge a part as
     * wide as the net change, reddish where it grew, greenish where it
     * shrank. */
    ppv_flame_diff_color (FALSE, FALSE, paint->dark, rgb);
  else
    ppv_flame_box_color (name, ppv_stack_tree_is_inlined (self->tree, box->node), paint->dark, rgb);
  fill = (GdkRGBA) { rgb[0] / 255.f, rgb[1] / 255.f, rgb[2] / 255.f, 1.f };

  /* A search fades what does not match; the breadcrumb rows fade a little. */
  faded = self->needle != NULL && !_ppv_flame_canvas_matches (self, name);
  if (faded)
    {
      fill.alpha = 0.22f;
      text.alpha = 0.45f;
    }
  else if (box->ancestor)
    fill.alpha = 0.6f;

  gtk_snapshot_append_color (paint->snapshot, &fill, &rect);
  if (diff)
    {
      gint64 net = ppv_stack_tree_get_total (self->tree, box->node);
      gint64 weight = _ppv_flame_canvas_box_weight (self->tree, box->node);
      double part = weight > 0 ? rect.size.width * (double) ABS (net) / (double) weight : 0;
      GdkRGBA change;

      ppv_flame_diff_color (TRUE, net > 0, paint->dark, rgb);
      change = (GdkRGBA) { rgb[0] / 255.f, rgb[1] / 255.f, rgb[2] / 255.f, fill.alpha };
      if (part >= 1)
        gtk_snapshot_append_color (paint->snapshot, &change,
                                   &GRAPHENE_RECT_INIT (rect.origin.x, rect.origin.y, (float) part, rect.size.height));
    }

  /* Inlined frames: a dotted-looking stripe along the bottom. */
  if (ppv_stack_tree_is_inlined (self->tree, box->node) && rect.size.width >= 4)
    {
      GdkRGBA stripe = text;

      stripe.alpha *= 0.35f;
      gtk_snapshot_append_color (paint->snapshot, &stripe,
                                 &GRAPHENE_RECT_INIT (rect.origin.x, rect.origin.y + rect.size.height - 2,
                                                      rect.size.width, 2));
    }

  if (self->selected_name != NULL && strcmp (name, self->selected_name) == 0 && rect.size.width >= 1)
    outline (paint->snapshot, &rect, MIN (2.f, rect.size.width / 2), &paint->accent);

  draw_label (self, paint, name, x0, y, width - gap, &text);
}

static GskRenderNode *
build_cache (PpvFlameCanvas *self,
             int             width,
             int             first_row,
             int             last_row)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  Paint paint = { 0 };
  GskRenderNode *node;
  guint first_depth, last_depth;

  paint.snapshot = gtk_snapshot_new ();
  paint.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  /* ppv_flame_box_color() keeps black text legible on light fills and
   * white text on dark ones. */
  paint.text = paint.dark ? (GdkRGBA) { 1, 1, 1, 1 } : (GdkRGBA) { 0, 0, 0, 1 };
  paint.small = paint.dark ? (GdkRGBA) { 1, 1, 1, 0.18f } : (GdkRGBA) { 0, 0, 0, 0.15f };
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (context, "accent_color", &paint.accent))
    gdk_rgba_parse (&paint.accent, paint.dark ? "#78aeed" : "#1c71d8");
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (self->inverted)
    {
      int n = (int) _ppv_flame_canvas_n_rows (self);

      first_depth = (guint) MAX (n - 1 - last_row, 0);
      last_depth = (guint) MAX (n - 1 - first_row, 0);
    }
  else
    {
      first_depth = (guint) first_row;
      last_depth = (guint) last_row;
    }

  _ppv_flame_canvas_walk (self, first_depth, last_depth, width, paint_box, &paint);

  self->cache_first_row = first_row;
  self->cache_last_row = last_row;
  self->cache_width = width;
  self->cache_dark = paint.dark;
  self->n_drawn = paint.n_drawn;
  node = gtk_snapshot_free_to_node (paint.snapshot);
  /* Nothing in these rows: an empty node still marks them drawn. */
  return node != NULL ? node : gsk_container_node_new (NULL, 0);
}

static void
draw_overlays (PpvFlameCanvas *self,
               GtkSnapshot    *snapshot)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  graphene_rect_t area;
  GdkRGBA color, accent;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, &color);
  if (!gtk_style_context_lookup_color (context, "accent_color", &accent))
    gdk_rgba_parse (&accent, "#1c71d8");
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (self->hover != PPV_NONE && self->hover != self->cursor
      && ppv_flame_canvas_get_node_area (self, self->hover, &area))
    {
      color.alpha = 0.7f;
      outline (snapshot, &area, 1.5f, &color);
    }

  /* The cursor box: outlined, with GNOME's focus ring when the canvas
   * has keyboard focus. */
  if (self->cursor != PPV_NONE && ppv_flame_canvas_get_node_area (self, self->cursor, &area))
    {
      outline (snapshot, &area, 2.f, &color);
      if (gtk_widget_has_focus (GTK_WIDGET (self))
          && (self->keyboard_mode || gtk_widget_has_visible_focus (GTK_WIDGET (self))))
        {
          accent.alpha = 0.5f;
          graphene_rect_inset (&area, -2, -2);
          outline (snapshot, &area, 2.f, &accent);
        }
    }
}

void
_ppv_flame_canvas_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  PpvFlameCanvas *self = PPV_FLAME_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double scroll = _ppv_flame_canvas_get_scroll (self);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  int first_row, last_row;

  if (self->tree == NULL || width <= 0 || height <= 0 || self->row_height <= 0)
    return;

  first_row = MAX ((int) floor (scroll / self->row_height), 0);
  last_row = (int) floor ((scroll + height - 1) / self->row_height);

  /* Scrolling within the rows drawn costs nothing: the cache holds a
   * screen more above and below. */
  if (self->cache != NULL
      && (self->cache_width != width || dark != self->cache_dark
          || first_row < self->cache_first_row || last_row > self->cache_last_row))
    g_clear_pointer (&self->cache, gsk_render_node_unref);

  if (self->cache == NULL)
    {
      int band = last_row - first_row + 1;

      self->cache = build_cache (self, width, MAX (first_row - band, 0), last_row + band);
    }

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, (float) -scroll));
  gtk_snapshot_append_node (snapshot, self->cache);
  gtk_snapshot_restore (snapshot);
  /* The hover and the cursor belong to the new zoom, not yet drawn. */
  if (self->making == NULL)
    draw_overlays (self, snapshot);
  gtk_snapshot_pop (snapshot);
}
