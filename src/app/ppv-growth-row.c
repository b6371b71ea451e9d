/* ppv-growth-row.c — one function of a watch's growth table: its values at A and B, the change, the slope.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <math.h>

#include "ppv-growth-row.h"
#include "ppv-units.h"

struct _PpvGrowthRow
{
  GObject  parent_instance;

  guint    rank;      /* position in the ranking's own order */

  char    *name;
  gint64   value_a;
  gint64   value_b;
  double   slope;
  guint    grew;
  guint    intervals;
  GBytes  *values;

  char    *a_text;
  char    *b_text;
  char    *delta_text;
  char    *slope_text;
  char    *grew_text;
};

G_DEFINE_FINAL_TYPE (PpvGrowthRow, ppv_growth_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_VALUE_A,
  PROP_VALUE_B,
  PROP_DELTA,
  PROP_SLOPE,
  PROP_GREW,
  PROP_INTERVALS,
  PROP_VALUES,
  PROP_A_TEXT,
  PROP_B_TEXT,
  PROP_DELTA_TEXT,
  PROP_SLOPE_TEXT,
  PROP_GREW_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static guint notify_signal;
static GQuark name_quark;

/* "+1.50MB", "-512kB", "0". */
static char *
dup_signed (gint64      value,
            const char *unit)
{
  g_autofree char *label = ppv_unit_scaled_label (value, unit, "auto");

  return value > 0 ? g_strconcat ("+", label, NULL) : g_steal_pointer (&label);
}

PpvGrowthRow *
ppv_growth_row_new (const char   *name,
                    const char   *unit,
                    gint64        value_a,
                    gint64        value_b,
                    double        slope_per_hour,
                    guint         grew,
                    guint         intervals,
                    const gint64 *values,
                    guint         n_values)
{
  PpvGrowthRow *self;
  g_autofree char *slope = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  if (unit == NULL)
    unit = "count";
  self = g_object_new (PPV_TYPE_GROWTH_ROW, NULL);
  self->name = g_strdup (name);
  self->value_a = value_a;
  self->value_b = value_b;
  self->slope = slope_per_hour;
  self->grew = grew;
  self->intervals = intervals;
  self->values = g_bytes_new (values, (gsize) n_values * sizeof (gint64));

  self->a_text = ppv_unit_scaled_label (value_a, unit, "auto");
  self->b_text = ppv_unit_scaled_label (value_b, unit, "auto");
  self->delta_text = dup_signed (value_b - value_a, unit);
  slope = dup_signed (isfinite (slope_per_hour) ? (gint64) llround (slope_per_hour) : 0, unit);
  /* Translators: a rate of growth, "+1.5MB/h". */
  self->slope_text = g_strdup_printf (_("%s/h"), slope);
  /* Translators: "grew in 5 of 6" intervals. */
  self->grew_text = g_strdup_printf (_("%u of %u"), grew, intervals);
  return self;
}

#define SWAP(type, a, b) G_STMT_START { type tmp_ = (a); (a) = (b); (b) = tmp_; } G_STMT_END

void
ppv_growth_row_swap (PpvGrowthRow *self,
                     PpvGrowthRow *other)
{
  g_return_if_fail (PPV_IS_GROWTH_ROW (self));
  g_return_if_fail (PPV_IS_GROWTH_ROW (other));

  SWAP (guint, self->rank, other->rank);
  SWAP (char *, self->name, other->name);
  SWAP (gint64, self->value_a, other->value_a);
  SWAP (gint64, self->value_b, other->value_b);
  SWAP (double, self->slope, other->slope);
  SWAP (guint, self->grew, other->grew);
  SWAP (guint, self->intervals, other->intervals);
  SWAP (GBytes *, self->values, other->values);
  SWAP (char *, self->a_text, other->a_text);
  SWAP (char *, self->b_text, other->b_text);
  SWAP (char *, self->delta_text, other->delta_text);
  SWAP (char *, self->slope_text, other->slope_text);
  SWAP (char *, self->grew_text, other->grew_text);

  /* Only a row on screen has its cells' bindings listening; thousands
   * of others change silently. */
  if (g_signal_has_handler_pending (self, notify_signal, name_quark, FALSE))
    {
      g_object_freeze_notify (G_OBJECT (self));
      for (guint i = PROP_NAME; i < N_PROPS; i++)
        g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
      g_object_thaw_notify (G_OBJECT (self));
    }
}

typedef struct
{
  PpvGrowthSort key;
  gboolean      descending;
} SortBy;

static int
compare_rows (gconstpointer pa,
              gconstpointer pb,
              gpointer      user_data)
{
  const PpvGrowthRow *a = *(PpvGrowthRow * const *) pa;
  const PpvGrowthRow *b = *(PpvGrowthRow * const *) pb;
  const SortBy *by = user_data;
  double x = 0, y = 0;
  int c = 0;

  switch (by->key)
    {
    case PPV_GROWTH_SORT_NAME: c = g_strcmp0 (a->name, b->name); break;
    case PPV_GROWTH_SORT_A: x = a->value_a; y = b->value_a; break;
    case PPV_GROWTH_SORT_B: x = a->value_b; y = b->value_b; break;
    case PPV_GROWTH_SORT_DELTA: x = a->value_b - a->value_a; y = b->value_b - b->value_a; break;
    case PPV_GROWTH_SORT_SLOPE: x = a->slope; y = b->slope; break;
    case PPV_GROWTH_SORT_GREW: x = a->grew; y = b->grew; break;
    case PPV_GROWTH_SORT_RANK:
    default:
      c = a->rank < b->rank ? -1 : a->rank > b->rank;
      break;
    }
  if (c == 0 && x != y)
    c = x < y ? -1 : 1;
  if (c != 0)
    return by->descending ? -c : c;
  /* Ties keep the ranking's order whichever way the key goes. */
  return a->rank < b->rank ? -1 : a->rank > b->rank;
}

void
ppv_growth_rows_sort (GPtrArray     *rows,
                      PpvGrowthSort  key,
                      gboolean       descending)
{
  SortBy by = { key, descending };

  g_return_if_fail (rows != NULL);

  for (guint i = 0; i < rows->len; i++)
    ((PpvGrowthRow *) rows->pdata[i])->rank = i;
  if (key != PPV_GROWTH_SORT_RANK || descending)
    g_ptr_array_sort_with_data (rows, compare_rows, &by);
}

const char *
ppv_growth_row_get_name (PpvGrowthRow *self)
{
  g_return_val_if_fail (PPV_IS_GROWTH_ROW (self), NULL);
  return self->name;
}

gint64
ppv_growth_row_get_delta (PpvGrowthRow *self)
{
  g_return_val_if_fail (PPV_IS_GROWTH_ROW (self), 0);
  return self->value_b - self->value_a;
}

const gint64 *
ppv_growth_row_get_values (PpvGrowthRow *self,
                           guint        *n_values)
{
  gsize size;
  const gint64 *values;

  g_return_val_if_fail (PPV_IS_GROWTH_ROW (self), NULL);

  values = g_bytes_get_data (self->values, &size);
  *n_values = (guint) (size / sizeof (gint64));
  return values;
}

static void
ppv_growth_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PpvGrowthRow *self = PPV_GROWTH_ROW (object);

  switch (prop_id)
    {
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_VALUE_A: g_value_set_int64 (value, self->value_a); break;
    case PROP_VALUE_B: g_value_set_int64 (value, self->value_b); break;
    case PROP_DELTA: g_value_set_int64 (value, self->value_b - self->value_a); break;
    case PROP_SLOPE: g_value_set_double (value, self->slope); break;
    case PROP_GREW: g_value_set_uint (value, self->grew); break;
    case PROP_INTERVALS: g_value_set_uint (value, self->intervals); break;
    case PROP_VALUES: g_value_set_boxed (value, self->values); break;
    case PROP_A_TEXT: g_value_set_string (value, self->a_text); break;
    case PROP_B_TEXT: g_value_set_string (value, self->b_text); break;
    case PROP_DELTA_TEXT: g_value_set_string (value, self->delta_text); break;
    case PROP_SLOPE_TEXT: g_value_set_string (value, self->slope_text); break;
    case PROP_GREW_TEXT: g_value_set_string (value, self->grew_text); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ppv_growth_row_finalize (GObject *object)
{
  PpvGrowthRow *self = PPV_GROWTH_ROW (object);

  g_free (self->name);
  g_bytes_unref (self->values);
  g_free (self->a_text);
  g_free (self->b_text);
  g_free (self->delta_text);
  g_free (self->slope_text);
  g_free (self->grew_text);

  G_OBJECT_CLASS (ppv_growth_row_parent_class)->finalize (object);
}

static void
ppv_growth_row_class_init (PpvGrowthRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = ppv_growth_row_get_property;
  object_class->finalize = ppv_growth_row_finalize;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_VALUE_A] = g_param_spec_int64 ("value-a", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_VALUE_B] = g_param_spec_int64 ("value-b", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_DELTA] = g_param_spec_int64 ("delta", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_SLOPE] = g_param_spec_double ("slope", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_GREW] = g_param_spec_uint ("grew", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_INTERVALS] = g_param_spec_uint ("intervals", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_VALUES] = g_param_spec_boxed ("values", NULL, NULL, G_TYPE_BYTES, flags);
  properties[PROP_A_TEXT] = g_param_spec_string ("a-text", NULL, NULL, NULL, flags);
  properties[PROP_B_TEXT] = g_param_spec_string ("b-text", NULL, NULL, NULL, flags);
  properties[PROP_DELTA_TEXT] = g_param_spec_string ("delta-text", NULL, NULL, NULL, flags);
  properties[PROP_SLOPE_TEXT] = g_param_spec_string ("slope-text", NULL, NULL, NULL, flags);
  properties[PROP_GREW_TEXT] = g_param_spec_string ("grew-text", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  notify_signal = g_signal_lookup ("notify", G_TYPE_OBJECT);
  name_quark = g_quark_from_static_string ("name");
}

static void
ppv_growth_row_init (PpvGrowthRow *self)
{
}
