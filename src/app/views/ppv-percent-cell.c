/* ppv-percent-cell.c — a table cell showing a percentage over a fraction bar.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-percent-cell.h"

#include <math.h>

struct _PpvPercentCell
{
  GtkWidget  parent_instance;

  GtkLabel  *label;
  double     fraction;
};

G_DEFINE_FINAL_TYPE (PpvPercentCell, ppv_percent_cell, GTK_TYPE_WIDGET)

static void
ppv_percent_cell_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  PpvPercentCell *self = PPV_PERCENT_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (self->fraction > 0 && width > 0 && height > 4)
    {
      GtkStyleContext *context = gtk_widget_get_style_context (widget);
      GdkRGBA color;
      GskRoundedRect outline;
      float bar = (float) (self->fraction * width);

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      if (!gtk_style_context_lookup_color (context, "accent_bg_color", &color))
        gdk_rgba_parse (&color, "#3584e4");
      G_GNUC_END_IGNORE_DEPRECATIONS
      color.alpha = 0.30f;

      bar = MAX (bar, 2.0f);
      gsk_rounded_rect_init_from_rect (&outline,
                                       &GRAPHENE_RECT_INIT (0, 2, bar, height - 4),
                                       3);
      gtk_snapshot_push_rounded_clip (snapshot, &outline);
      gtk_snapshot_append_color (snapshot, &color, &outline.bounds);
      gtk_snapshot_pop (snapshot);
    }

  GTK_WIDGET_CLASS (ppv_percent_cell_parent_class)->snapshot (widget, snapshot);
}

static void
ppv_percent_cell_dispose (GObject *object)
{
  PpvPercentCell *self = PPV_PERCENT_CELL (object);

  if (self->label != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->label));
      self->label = NULL;
    }

  G_OBJECT_CLASS (ppv_percent_cell_parent_class)->dispose (object);
}

static void
ppv_percent_cell_class_init (PpvPercentCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ppv_percent_cell_dispose;
  widget_class->snapshot = ppv_percent_cell_snapshot;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "percentcell");
}

static void
ppv_percent_cell_init (PpvPercentCell *self)
{
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->label, 1.0f);
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "numeric");
  gtk_widget_set_parent (GTK_WIDGET (self->label), GTK_WIDGET (self));
}

GtkWidget *
ppv_percent_cell_new (void)
{
  return g_object_new (PPV_TYPE_PERCENT_CELL, NULL);
}

void
ppv_percent_cell_set (PpvPercentCell *self,
                      double          fraction,
                      const char     *text)
{
  g_return_if_fail (PPV_IS_PERCENT_CELL (self));

  fraction = fabs (fraction);
  if (!isfinite (fraction))
    fraction = 0;
  fraction = CLAMP (fraction, 0.0, 1.0);

  if (fraction != self->fraction)
    {
      self->fraction = fraction;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  gtk_label_set_text (self->label, text != NULL ? text : "");
}

double
ppv_percent_cell_get_fraction (PpvPercentCell *self)
{
  g_return_val_if_fail (PPV_IS_PERCENT_CELL (self), 0);
  return self->fraction;
}

const char *
ppv_percent_cell_get_text (PpvPercentCell *self)
{
  g_return_val_if_fail (PPV_IS_PERCENT_CELL (self), NULL);
  return gtk_label_get_text (self->label);
}
