/* ppv-top-model.c — the rows of a text report, ready for the top table.
 *
 * No GObject per row: 200k rows would cost the worker their allocation
 * and the main thread their finalization.  The table shows rows through
 * PpvTopList, which maps positions to indices here.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-top-model.h"

#include <string.h>

#include "ppv-units.h"
#include "ppv-refine.h"

struct _PpvTopModel
{
  GObject     parent_instance;

  PpvReport  *report;
  guint       n_rows;
  const char **names;        /* printed names: the report's or owned */
  GPtrArray  *owned_names;
  gint64     *flat_sums;
  guint      *orders[PPV_TOP_N_ORDERS];
  GHashTable *by_name;       /* plain name -> index + 1; built on demand */
  const char *sample_unit;   /* the profile's, for exact values */
  char       *unit;          /* --top's output unit, or NULL: the report's */
  double      ratio;         /* 1 / --divide_by */
  gboolean    is_signed;     /* some value is negative: a comparison */
  gint64     *side_base;     /* see ppv_top_model_set_sides(), or NULL */
  gint64     *side_after;
};

G_DEFINE_FINAL_TYPE (PpvTopModel, ppv_top_model, G_TYPE_OBJECT)

static void
ppv_top_model_finalize (GObject *object)
{
  PpvTopModel *self = PPV_TOP_MODEL (object);

  g_clear_pointer (&self->by_name, g_hash_table_unref);
  for (guint i = 0; i < PPV_TOP_N_ORDERS; i++)
    g_free (self->orders[i]);
  g_free (self->flat_sums);
  g_free (self->side_base);
  g_free (self->side_after);
  g_free (self->names);
  g_clear_pointer (&self->owned_names, g_ptr_array_unref);
  g_clear_pointer (&self->report, ppv_report_unref);
  g_free (self->unit);

  G_OBJECT_CLASS (ppv_top_model_parent_class)->finalize (object);
}

static void
ppv_top_model_class_init (PpvTopModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ppv_top_model_finalize;
}

static void
ppv_top_model_init (PpvTopModel *self)
{
}

/* --- Orders -------------------------------------------------------------- */

/* Largest first; ties keep the report's order. */
static inline int
compare_largest_first (gint64 va,
                       gint64 vb,
                       guint  a,
                       guint  b)
{
  if (va != vb)
    return va > vb ? -1 : 1;
  return a < b ? -1 : a > b;
}

static int
compare_flat (gconstpointer pa,
              gconstpointer pb,
              gpointer      user_data)
{
  PpvTopModel *self = user_data;
  guint a = *(const guint *) pa, b = *(const guint *) pb;

  return compare_largest_first (ppv_report_get_row (self->report, a)->flat,
                                ppv_report_get_row (self->report, b)->flat, a, b);
}

static int
compare_cum (gconstpointer pa,
             gconstpointer pb,
             gpointer      user_data)
{
  PpvTopModel *self = user_data;
  guint a = *(const guint *) pa, b = *(const guint *) pb;

  return compare_largest_first (ppv_report_get_row (self->report, a)->cum,
                                ppv_report_get_row (self->report, b)->cum, a, b);
}

static int
compare_name (gconstpointer pa,
              gconstpointer pb,
              gpointer      user_data)
{
  PpvTopModel *self = user_data;
  guint a = *(const guint *) pa, b = *(const guint *) pb;
  int r = strcmp (self->names[a], self->names[b]);

  return r != 0 ? r : (a < b ? -1 : a > b);
}

static guint *
compute_order (PpvTopModel *self,
               PpvTopOrder  order)
{
  static const GCompareDataFunc compare[PPV_TOP_N_ORDERS] = {
    NULL, compare_flat, compare_cum, compare_name,
  };
  guint *indices = g_new (guint, MAX (self->n_rows, 1));

  for (guint i = 0; i < self->n_rows; i++)
    indices[i] = i;
  if (compare[order] != NULL)
    g_qsort_with_data (indices, self->n_rows, sizeof (guint), compare[order], self);
  return indices;
}

const guint *
ppv_top_model_get_order (PpvTopModel *self,
                         PpvTopOrder  order)
{
  g_return_val_if_fail (PPV_IS_TOP_MODEL (self), NULL);
  g_return_val_if_fail (order < PPV_TOP_N_ORDERS, NULL);

  if (self->orders[order] == NULL)
    self->orders[order] = compute_order (self, order);
  return self->orders[order];
}

/* --- Units --------------------------------------------------------------- */

/* The unit of the report's sample type: its type name, less the "mean_"
 * that --mean adds, names it in the profile. */
static const char *
find_sample_unit (PpvReport *report)
{
  PpvProfile *profile = ppv_report_get_profile (report);
  const char *type = ppv_report_get_type_name (report);

  if (type != NULL && ppv_report_get_options (report)->mean && g_str_has_prefix (type, "mean_"))
    type += strlen ("mean_");
  for (guint i = 0; type != NULL && i < profile->n_sample_types; i++)
    if (g_strcmp0 (profile->sample_types[i].type, type) == 0)
      return profile->sample_types[i].unit;
  return NULL;
}

static gint64
scaled (PpvTopModel *self,
        gint64       value)
{
  return self->ratio > 0 && self->ratio != 1 ? (gint64) ((double) value * self->ratio) : value;
}

/* pprof's "minimum" rule (the smallest row value picks the unit, unless
 * it is under 1% of the total), over the rows --top keeps with its
 * default --nodefraction: those with |cum| >= |flat total| * 0.005.  A
 * dropped node's flat is not given to its callers (pprof counts a sample
 * whose leaf is dropped as residual), so the kept rows' values are the
 * same as here.  (--mean, which the views never set, would need the
 * undivided values.) */
static void
choose_unit (PpvTopModel *self)
{
  const PpvReportOptions *options = ppv_report_get_options (self->report);
  PpvReportOptions defaults;
  gint64 flat_total = 0, cutoff, min_value = 0, max_value;
  const char *min_unit = NULL, *max_unit = NULL, *unit = NULL;

  self->sample_unit = find_sample_unit (self->report);
  self->ratio = options->divide_by != 0 ? 1.0 / options->divide_by : 1;
  if (self->sample_unit == NULL || self->n_rows == 0
      || (options->unit != NULL && options->unit[0] != '\0' && strcmp (options->unit, "minimum") != 0))
    return;

  ppv_report_options_init (&defaults);
  for (guint i = 0; i < self->n_rows; i++)
    flat_total += ppv_report_get_row (self->report, i)->flat;
  cutoff = options->trim ? ABS ((gint64) ((double) flat_total * defaults.nodefraction)) : 0;
  ppv_report_options_clear (&defaults);

  for (guint i = 0; i < self->n_rows; i++)
    {
      const PpvReportRow *row = ppv_report_get_row (self->report, i);
      gint64 row_min = row->flat != 0 ? ABS (row->flat) : ABS (row->cum);

      if (ABS (row->cum) >= cutoff && row_min > 0 && (min_value == 0 || row_min < min_value))
        min_value = row_min;
    }
  max_value = scaled (self, ppv_report_get_total (self->report));
  min_value = min_value != 0 ? scaled (self, min_value) : max_value;

  ppv_unit_scale (min_value, self->sample_unit, "minimum", &min_unit);
  ppv_unit_scale (max_value, self->sample_unit, "minimum", &max_unit);
  unit = min_unit;
  if (g_strcmp0 (min_unit, max_unit) != 0 && min_value * 100 < max_value)
    ppv_unit_scale (100 * min_value, self->sample_unit, "minimum", &unit);
  self->unit = g_strdup (unit != NULL && unit[0] != '\0' ? unit : self->sample_unit);
}

char *
ppv_top_model_format_value (PpvTopModel *self,
                            gint64       value)
{
  g_return_val_if_fail (PPV_IS_TOP_MODEL (self), NULL);

  if (self->unit == NULL)
    return ppv_report_format_value (self->report, value);
  return ppv_unit_scaled_label (scaled (self, value), self->sample_unit, self->unit);
}

char *
ppv_top_model_format_exact (PpvTopModel *self,
                            gint64       value)
{
  g_return_val_if_fail (PPV_IS_TOP_MODEL (self), NULL);

  if (self->sample_unit == NULL)
    return ppv_report_format_value (self->report, value);
  return ppv_unit_scaled_label (scaled (self, value), self->sample_unit, self->sample_unit);
}

/* --- Construction -------------------------------------------------------- */

static const char *
printed_name (PpvTopModel        *self,
              const PpvReportRow *row)
{
  char *owned;

  switch (row->inline_mark)
    {
    case PPV_INLINE_FULL:
      owned = g_strconcat (row->name, " (inline)", NULL);
      break;
    case PPV_INLINE_PARTIAL:
      owned = g_strconcat (row->name, " (partial-inline)", NULL);
      break;
    case PPV_INLINE_NONE:
    default:
      return row->name;
    }

  g_ptr_array_add (self->owned_names, owned);
  return owned;
}

PpvTopModel *
ppv_top_model_new (PpvReport    *report,
                   PpvTopOrder   order,
                   GCancellable *cancellable,
                   GError      **error)
{
  g_autoptr(PpvTopModel) self = NULL;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (order < PPV_TOP_N_ORDERS, NULL);

  self = g_object_new (PPV_TYPE_TOP_MODEL, NULL);
  self->report = ppv_report_ref (report);
  self->n_rows = ppv_report_get_n_rows (report);
  self->names = g_new (const char *, MAX (self->n_rows, 1));
  self->owned_names = g_ptr_array_new_with_free_func (g_free);
  self->flat_sums = g_new (gint64, MAX (self->n_rows, 1));

  for (guint i = 0; i < self->n_rows; i++)
    {
      const PpvReportRow *row = ppv_report_get_row (report, i);

      self->names[i] = printed_name (self, row);
      self->flat_sums[i] = (i > 0 ? self->flat_sums[i - 1] : 0) + row->flat;
      self->is_signed |= row->flat < 0 || row->cum < 0;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  choose_unit (self);
  ppv_top_model_get_order (self, order);

  return g_steal_pointer (&self);
}

/* --- Rows ---------------------------------------------------------------- */

PpvReport *
ppv_top_model_get_report (PpvTopModel *self)
{
  g_return_val_if_fail (PPV_IS_TOP_MODEL (self), NULL);
  return self->report;
}

guint
ppv_top_model_get_n_rows (PpvTopModel *self)
{
  g_return_val_if_fail (PPV_IS_TOP_MODEL (self), 0);
  return self->n_rows;
}

gboolean
ppv_top_model_is_signed (PpvTopModel *self)
{
  g_return_val_if_fail (PPV_IS_TOP_MODEL (self), FALSE);
  return self->is_signed;
}

const PpvReportRow *
ppv_top_model_get_row (PpvTopModel *self,
                       guint        index)
{
  g_return_val_if_fail (PPV_IS_TOP_MODEL (self), NULL);
  g_return_val_if_fail (index < self->n_rows, NULL);
  return ppv_report_get_row (self->report, index);
}

const char *
ppv_top_model_get_name (PpvTopModel *self,
                        guint        index)
{
  g_return_val_if_fail (PPV_IS_TOP_MODEL (self), NULL);
  g_return_val_if_fail (index < self->n_rows, NULL);
  return self->names[index];
}

/* Only the first max+1 characters are looked at: cheap on huge names. */
char *
ppv_top_model_dup_cut_name (PpvTopModel *self,
                            guint        index)
{
  const char *name, *p;
  guint n = 0;

  g_return_val_if_fail (PPV_IS_TOP_MODEL (self), NULL);
  g_return_val_if_fail (index < self->n_rows, NULL);

  name = p = self->names[index];
  while (*p != '\0' && n < PPV_TOP_MAX_NAME_CHARS)
    {
      p = g_utf8_next_char (p);
      n++;
    }
  if (*p == '\0')
    return NULL;

  return g_strdup_printf ("%.*s…", (int) (p - name), name);
}

const gint64 *
ppv_top_model_get_flat_sums (PpvTopModel *self)
{
  g_return_val_if_fail (PPV_IS_TOP_MODEL (self), NULL);
  return self->flat_sums;
}

int
ppv_top_model_find (PpvTopModel *self,
                    const char  *plain_name)
{
  gpointer value;

  g_return_val_if_fail (PPV_IS_TOP_MODEL (self), -1);

  if (plain_name == NULL)
    return -1;

  if (self->by_name == NULL)
    {
      self->by_name = g_hash_table_new (g_str_hash, g_str_equal);
      /* Backwards, so the first of equal names wins. */
      for (guint i = self->n_rows; i > 0; i--)
        g_hash_table_insert (self->by_name,
                             (gpointer) ppv_report_get_row (self->report, i - 1)->name,
                             GUINT_TO_POINTER (i));
    }

  value = g_hash_table_lookup (self->by_name, plain_name);
  return value != NULL ? (int) GPOINTER_TO_UINT (value) - 1 : -1;
}

gboolean
ppv_top_model_row_matches (PpvTopModel *self,
                           guint        index,
                           const char  *needle)
{
  g_return_val_if_fail (PPV_IS_TOP_MODEL (self), FALSE);
  g_return_val_if_fail (index < self->n_rows, FALSE);

  return ppv_name_matches (self->names[index], needle);
}

guint8 *
ppv_top_model_match (PpvTopModel  *self,
                     const char   *needle,
                     GCancellable *cancellable)
{
  guint n = ppv_top_model_get_n_rows (self);
  guint8 *matches = g_new (guint8, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      if ((i & 0xfff) == 0 && g_cancellable_is_cancelled (cancellable))
        {
          g_free (matches);
          return NULL;
        }
      matches[i] = ppv_top_model_row_matches (self, i, needle);
    }
  return matches;
}

void
ppv_top_model_set_sides (PpvTopModel *self,
                         gint64      *base,
                         gint64      *after)
{
  g_return_if_fail (PPV_IS_TOP_MODEL (self));

  g_free (self->side_base);
  g_free (self->side_after);
  self->side_base = base;
  self->side_after = after;
}

gboolean
ppv_top_model_get_sides (PpvTopModel *self,
                         guint        index,
                         gint64      *base,
                         gint64      *after)
{
  g_return_val_if_fail (PPV_IS_TOP_MODEL (self), FALSE);

  if (self->side_base == NULL || index >= self->n_rows)
    return FALSE;
  *base = self->side_base[index];
  *after = self->side_after[index];
  return TRUE;
}
