/* ppv-watch-ranking.c — which nodes of a watch series grew between two snapshots, and how steadily.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "ppv-watch-series.h"
#include "ppv-watch-series-private.h"

struct _PpvWatchRanking
{
  gint               ref_count;
  PpvWatchFrozen    *frozen;     /* keeps the names alive */
  guint              snapshot_a;
  guint              snapshot_b;
  guint              n_rows;
  PpvWatchGrowthRow *rows;
  gint64            *values;     /* n_rows × (B - A + 1) */
};

G_DEFINE_BOXED_TYPE (PpvWatchRanking, ppv_watch_ranking, ppv_watch_ranking_ref, ppv_watch_ranking_unref)

PpvWatchRanking *
ppv_watch_ranking_ref (PpvWatchRanking *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ppv_watch_ranking_unref (PpvWatchRanking *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;
  ppv_watch_frozen_unref (self->frozen);
  g_free (self->rows);
  g_free (self->values);
  g_free (self);
}

guint
ppv_watch_ranking_get_snapshot_a (PpvWatchRanking *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->snapshot_a;
}

guint
ppv_watch_ranking_get_snapshot_b (PpvWatchRanking *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->snapshot_b;
}

guint
ppv_watch_ranking_get_n_rows (PpvWatchRanking *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_rows;
}

const PpvWatchGrowthRow *
ppv_watch_ranking_get_row (PpvWatchRanking *self,
                           guint            index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_rows, NULL);

  return &self->rows[index];
}

/* The least-squares slope of @values over @hours, per hour; 0 when all
 * snapshots share one time (nothing to fit). */
static double
fit_slope (const double *hours,
           const gint64 *values,
           guint         n)
{
  double mean_x = 0, mean_y = 0, sxx = 0, sxy = 0;

  for (guint i = 0; i < n; i++)
    {
      mean_x += hours[i];
      mean_y += (double) values[i];
    }
  mean_x /= n;
  mean_y /= n;
  for (guint i = 0; i < n; i++)
    {
      double dx = hours[i] - mean_x;

      sxx += dx * dx;
      sxy += dx * ((double) values[i] - mean_y);
    }
  return sxx > 0 ? sxy / sxx : 0;
}

static int
compare_rows (const void *a,
              const void *b)
{
  const PpvWatchGrowthRow *ra = a, *rb = b;

  if (ra->delta != rb->delta)
    return ra->delta > rb->delta ? -1 : 1;
  /* A leak grows a little every interval; a cache filled once grows in
   * one: at the same Δ the steadier grower is the likelier leak. */
  if (ra->grew != rb->grew)
    return ra->grew > rb->grew ? -1 : 1;
  if (ra->slope != rb->slope)
    return ra->slope > rb->slope ? -1 : 1;
  return strcmp (ra->name, rb->name);
}

PpvWatchRanking *
ppv_watch_series_rank (PpvWatchSeries *series,
                       guint           snapshot_a,
                       guint           snapshot_b)
{
  g_autoptr(PpvWatchFrozen) frozen = NULL;

  g_return_val_if_fail (PPV_IS_WATCH_SERIES (series), NULL);

  frozen = ppv_watch_series_freeze (series);
  return ppv_watch_frozen_rank (frozen, snapshot_a, snapshot_b);
}

PpvWatchRanking *
ppv_watch_frozen_rank (PpvWatchFrozen *frozen,
                       guint           snapshot_a,
                       guint           snapshot_b)
{
  PpvWatchRanking *self;
  g_autofree guint32 *row_of = NULL;
  g_autofree guint32 *id_of_row = NULL;
  g_autofree double *hours = NULL;
  g_autofree gint64 *dense = NULL;
  guint width, n_names, n_rows = 0;
  gint64 time_a;

  g_return_val_if_fail (frozen != NULL, NULL);
  g_return_val_if_fail (snapshot_a <= snapshot_b, NULL);
  g_return_val_if_fail (snapshot_b < frozen->n_snapshots, NULL);

  width = snapshot_b - snapshot_a + 1;
  n_names = _ppv_watch_frozen_get_n_names (frozen);
  row_of = g_new (guint32, MAX (n_names, 1));
  memset (row_of, 0xff, sizeof (guint32) * MAX (n_names, 1));
  id_of_row = g_new (guint32, MAX (n_names, 1));

  /* Rows: the nodes with a value at A, then those that gain one after. */
  dense = g_new0 (gint64, MAX (n_names, 1));
  _ppv_watch_frozen_seek (frozen, snapshot_a, dense);
  for (guint32 id = 0; id < n_names; id++)
    if (dense[id] != 0)
      {
        row_of[id] = n_rows;
        id_of_row[n_rows++] = id;
      }
  for (guint s = snapshot_a + 1; s <= snapshot_b; s++)
    {
      const guint32 *ids;
      const gint64 *flat;
      gboolean checkpoint;
      guint n = _ppv_watch_frozen_get_stored (frozen, s, &checkpoint, &ids, &flat);

      for (guint i = 0; i < n; i++)
        if (flat[i] != 0 && row_of[ids[i]] == G_MAXUINT32)
          {
            row_of[ids[i]] = n_rows;
            id_of_row[n_rows++] = ids[i];
          }
    }

  self = g_new0 (PpvWatchRanking, 1);
  self->ref_count = 1;
  self->frozen = ppv_watch_frozen_ref (frozen);
  self->snapshot_a = snapshot_a;
  self->snapshot_b = snapshot_b;
  self->n_rows = n_rows;
  self->rows = g_new0 (PpvWatchGrowthRow, MAX (n_rows, 1));
  self->values = g_new0 (gint64, (gsize) MAX (n_rows, 1) * width);

  /* Then the values, one snapshot after the other. */
  hours = g_new (double, width);
  time_a = ppv_watch_frozen_get_snapshot (frozen, snapshot_a)->time;
  _ppv_watch_frozen_seek (frozen, snapshot_a, dense);
  for (guint s = snapshot_a; s <= snapshot_b; s++)
    {
      guint column = s - snapshot_a;

      if (s > snapshot_a)
        _ppv_watch_frozen_apply (frozen, s, dense);
      hours[column] = (double) (ppv_watch_frozen_get_snapshot (frozen, s)->time - time_a) /
                      (3600.0 * G_USEC_PER_SEC);
      for (guint r = 0; r < n_rows; r++)
        self->values[(gsize) r * width + column] = dense[id_of_row[r]];
    }

  for (guint r = 0; r < n_rows; r++)
    {
      PpvWatchGrowthRow *row = &self->rows[r];
      const gint64 *values = &self->values[(gsize) r * width];

      row->name = _ppv_watch_frozen_get_name (frozen, id_of_row[r]);
      row->values = values;
      row->value_a = values[0];
      row->value_b = values[width - 1];
      row->delta = row->value_b - row->value_a;
      row->n_intervals = width - 1;
      for (guint i = 1; i < width; i++)
        if (values[i] > values[i - 1])
          row->grew++;
      row->slope = fit_slope (hours, values, width);
    }
  qsort (self->rows, n_rows, sizeof (PpvWatchGrowthRow), compare_rows);
  return self;
}
