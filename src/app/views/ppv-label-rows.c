/* ppv-label-rows.c — the Labels pane's rows from a label summary.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Numbers print as pprof prints them (the -tags text), so what the pane
 * says can be checked against `pprof-viewer --tags`.  Numeric values of a
 * key fall into ranges by the unit they scale to (B, kB, MB…; ns, µs,
 * ms…), or by decade when the unit is unknown, each range one pprof
 * range filter away.
 */
#include <glib/gi18n.h>

#include <math.h>
#include <string.h>

#include "ppv-label-filters.h"
#include "ppv-label-rows.h"
#include "ppv-refine.h"
#include "ppv-units.h"

/* A key on fewer than this share of the samples is "rare". */
#define RARE_SHARE 0.05

static void
fill_numbers (PpvLabelRowInfo *info,
              PpvLabelSummary *summary,
              gint64           weight,
              guint            n_samples)
{
  gint64 total = ppv_label_summary_get_total (summary);
  g_autofree char *pct = ppv_format_percentage (weight, total);

  info->total = ppv_label_summary_format_weight (summary, weight);
  info->share = total != 0 ? fabs ((double) weight / (double) total) : 0;
  info->share_text = g_strdup (g_strstrip (pct));
  info->n_samples = n_samples;
}

static PpvLabelRow *
value_row (PpvLabelSummary     *summary,
           const PpvLabelKey   *key,
           const PpvLabelValue *v)
{
  PpvLabelRowInfo info = { PPV_LABEL_ROW_VALUE };

  info.key = g_strdup (key->key);
  info.name = g_strdup (v->name);
  if (v->numeric)
    info.range = ppv_label_range_new (v->num_min, v->num_max, key->unit);
  else
    info.value = g_strdup (v->name);
  fill_numbers (&info, summary, v->weight, v->n_samples);
  return ppv_label_row_new (&info, NULL);
}

/* Which range a numeric value falls in: the unit it scales to, else its
 * decade. */
static char *
bucket_of (const PpvLabelKey   *key,
           const PpvLabelValue *v)
{
  const char *unit = NULL;

  ppv_unit_scale (v->num_min, key->unit, "minimum", &unit);
  if (unit != NULL && unit[0] != '\0')
    return g_strdup (unit);
  if (v->num_min == 0)
    return g_strdup ("0");
  return g_strdup_printf ("%c%d", v->num_min < 0 ? '-' : '+',
                          (int) floor (log10 (fabs ((double) v->num_min))));
}

typedef struct
{
  gint64     weight;
  guint      n_samples;
  gint64     low, high;
  GListStore *values;
} Bucket;

static void
bucket_free (Bucket *b)
{
  g_object_unref (b->values);
  g_free (b);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const PpvLabelRowInfo *ia = ppv_label_row_get_info ((PpvLabelRow *) a);
  const PpvLabelRowInfo *ib = ppv_label_row_get_info ((PpvLabelRow *) b);

  if (ia->share != ib->share)
    return ia->share > ib->share ? -1 : 1;
  return g_strcmp0 (ia->name, ib->name);
}

/* Numeric values in ranges when they span several; strings as they are. */
static void
add_values (GListStore        *out,
            PpvLabelSummary   *summary,
            const PpvLabelKey *key,
            gboolean           all,
            const char        *needle)
{
  g_autoptr(GHashTable) buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) bucket_free);
  GHashTableIter iter;
  Bucket *b;

  for (guint i = 0; i < key->n_values; i++)
    {
      const PpvLabelValue *v = &key->values[i];
      g_autoptr(PpvLabelRow) row = NULL;
      char *id;

      if (!all && !ppv_name_matches (v->name, needle))
        continue;
      row = value_row (summary, key, v);
      if (!v->numeric)
        {
          g_list_store_append (out, row);
          continue;
        }

      id = bucket_of (key, v);
      b = g_hash_table_lookup (buckets, id);
      if (b == NULL)
        {
          b = g_new0 (Bucket, 1);
          b->low = v->num_min;
          b->high = v->num_max;
          b->values = g_list_store_new (PPV_TYPE_LABEL_ROW);
          g_hash_table_insert (buckets, id, b);
        }
      else
        g_free (id);
      b->weight += v->weight;
      b->n_samples += v->n_samples;
      b->low = MIN (b->low, v->num_min);
      b->high = MAX (b->high, v->num_max);
      g_list_store_append (b->values, row);
    }

  g_hash_table_iter_init (&iter, buckets);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &b))
    {
      PpvLabelRowInfo info = { PPV_LABEL_ROW_RANGE };
      g_autofree char *low = NULL;
      g_autofree char *high = NULL;
      g_autoptr(PpvLabelRow) row = NULL;
      guint n = g_list_model_get_n_items (G_LIST_MODEL (b->values));

      /* One range only: its values need no range above them. */
      if (g_hash_table_size (buckets) == 1)
        {
          for (guint i = 0; i < n; i++)
            {
              g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (b->values), i);
              g_list_store_append (out, item);
            }
          break;
        }

      low = ppv_unit_scaled_label (b->low, key->unit, "minimum");
      high = ppv_unit_scaled_label (b->high, key->unit, "minimum");
      info.key = g_strdup (key->key);
      /* Translators: a range of label values, e.g. "1kB – 64kB". */
      info.name = b->low == b->high ? g_strdup (low) : g_strdup_printf (_("%s – %s"), low, high);
      info.range = ppv_label_range_new (b->low, b->high, key->unit);
      info.detail = g_strdup_printf (ngettext ("%u value", "%u values", n), n);
      fill_numbers (&info, summary, b->weight, b->n_samples);
      row = ppv_label_row_new (&info, G_LIST_MODEL (b->values));
      g_list_store_append (out, row);
    }
  g_list_store_sort (out, compare_rows, NULL);
}

GListModel *
ppv_label_rows_build (PpvLabelSummary *summary,
                      const char      *needle)
{
  GListStore *keys = g_list_store_new (PPV_TYPE_LABEL_ROW);
  guint n_samples;

  g_return_val_if_fail (summary != NULL, NULL);

  n_samples = ppv_label_summary_get_n_samples (summary);
  for (guint k = 0; k < ppv_label_summary_get_n_keys (summary); k++)
    {
      const PpvLabelKey *key = ppv_label_summary_get_key (summary, k);
      gboolean all = ppv_name_matches (key->key, needle);
      PpvLabelRowInfo info = { PPV_LABEL_ROW_KEY };
      g_autoptr(GListStore) values = g_list_store_new (PPV_TYPE_LABEL_ROW);
      g_autoptr(PpvLabelRow) row = NULL;
      g_autofree char *values_text = NULL;
      g_autofree char *on = NULL;

      add_values (values, summary, key, all, needle);
      if (g_list_model_get_n_items (G_LIST_MODEL (values)) == 0)
        continue;

      info.key = g_strdup (key->key);
      info.name = g_strdup (key->key);
      info.single = key->n_values == 1;
      info.rare = n_samples > 0 && key->n_samples < RARE_SHARE * n_samples;
      values_text = info.single ? g_strdup (_("one value"))
                                : g_strdup_printf (ngettext ("%u value", "%u values", key->n_values),
                                                   key->n_values);
      on = g_strdup_printf ("%.0f%%", n_samples > 0 ? 100.0 * key->n_samples / n_samples : 0.0);
      /* Translators: under a label key, e.g. "3 values · on 85% of samples". */
      info.detail = g_strdup_printf (_("%s · on %s of samples"), values_text, on);
      fill_numbers (&info, summary, key->total, key->n_samples);
      row = ppv_label_row_new (&info, G_LIST_MODEL (values));
      g_list_store_append (keys, row);
    }
  g_list_store_sort (keys, compare_rows, NULL);
  return G_LIST_MODEL (keys);
}
