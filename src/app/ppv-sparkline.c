/* ppv-sparkline.c — a small line of one function's values across a watch's snapshots.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-sparkline.h"

struct _PpvSparkline
{
  GtkWidget  parent_instance;

  GBytes    *values;
};

G_DEFINE_FINAL_TYPE (PpvSparkline, ppv_sparkline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VALUES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ppv_sparkline_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  PpvSparkline *self = PPV_SPARKLINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const gint64 *values;
  gsize size = 0;
  guint n;
  gint64 lo = G_MAXINT64, hi = G_MININT64;
  GdkRGBA color;
  cairo_t *cr;

  if (self->values == NULL || width <= 4 || height <= 4)
    return;
  values = g_bytes_get_data (self->values, &size);
  n = size / sizeof (gint64);
  if (n < 2)
    return;
  for (guint i = 0; i < n; i++)
    {
      lo = MIN (lo, values[i]);
      hi = MAX (hi, values[i]);
    }

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, 1.25);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < n; i++)
    {
      double x = 2 + (double) i / (n - 1) * (width - 4);
      /* A flat series sits in the middle rather than on an edge. */
      double f = hi > lo ? (double) (values[i] - lo) / (double) (hi - lo) : 0.5;
      double y = height - 3 - f * (height - 6);

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
ppv_sparkline_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  /* Narrower than the Trend column less its cell padding: a wider
   * minimum ran the line past the column, clipped at the table's edge. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 40;
      *natural = 64;
    }
  else
    *minimum = *natural = 18;
}

void
ppv_sparkline_set_values (PpvSparkline *self,
                          GBytes       *values)
{
  g_return_if_fail (PPV_IS_SPARKLINE (self));

  if (self->values == values)
    return;
  g_clear_pointer (&self->values, g_bytes_unref);
  self->values = values != NULL ? g_bytes_ref (values) : NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUES]);
}

static void
ppv_sparkline_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PpvSparkline *self = PPV_SPARKLINE (object);

  switch (prop_id)
    {
    case PROP_VALUES:
      g_value_set_boxed (value, self->values);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ppv_sparkline_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PpvSparkline *self = PPV_SPARKLINE (object);

  switch (prop_id)
    {
    case PROP_VALUES:
      ppv_sparkline_set_values (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ppv_sparkline_finalize (GObject *object)
{
  g_clear_pointer (&PPV_SPARKLINE (object)->values, g_bytes_unref);

  G_OBJECT_CLASS (ppv_sparkline_parent_class)->finalize (object);
}

static void
ppv_sparkline_class_init (PpvSparklineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ppv_sparkline_get_property;
  object_class->set_property = ppv_sparkline_set_property;
  object_class->finalize = ppv_sparkline_finalize;
  widget_class->snapshot = ppv_sparkline_snapshot;
  widget_class->measure = ppv_sparkline_measure;

  properties[PROP_VALUES] =
    g_param_spec_boxed ("values", NULL, NULL, G_TYPE_BYTES,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "sparkline");
  /* The row's numbers say what the line shows. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
ppv_sparkline_init (PpvSparkline *self)
{
}

GtkWidget *
ppv_sparkline_new (void)
{
  return g_object_new (PPV_TYPE_SPARKLINE, NULL);
}
