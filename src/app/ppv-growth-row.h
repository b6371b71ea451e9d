/* ppv-growth-row.h — one function of a watch's growth table: its values at A and B, the change, the slope.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PPV_TYPE_GROWTH_ROW (ppv_growth_row_get_type ())

G_DECLARE_FINAL_TYPE (PpvGrowthRow, ppv_growth_row, PPV, GROWTH_ROW, GObject)

/* Read-only properties: "name", "value-a", "value-b", "delta" (gint64),
 * "slope" (double, per hour), "grew" and "intervals" (guint), "values"
 * (GBytes of gint64, one per snapshot), and their printed forms
 * "a-text", "b-text", "delta-text", "slope-text", "grew-text". */

PpvGrowthRow *ppv_growth_row_new        (const char   *name,
                                         const char   *unit,
                                         gint64        value_a,
                                         gint64        value_b,
                                         double        slope_per_hour,
                                         guint         grew,
                                         guint         intervals,
                                         const gint64 *values,
                                         guint         n_values);
/* Takes @other's content, giving it this row's: the table keeps one row
 * object per position and swaps what it shows, so a new ranking rebinds
 * only the rows on screen (they alone are notified). */
void          ppv_growth_row_swap       (PpvGrowthRow *self,
                                         PpvGrowthRow *other);
const char   *ppv_growth_row_get_name   (PpvGrowthRow *self);
gint64        ppv_growth_row_get_delta  (PpvGrowthRow *self);
/* The values per snapshot; *n_values receives their count. */
const gint64 *ppv_growth_row_get_values (PpvGrowthRow *self,
                                         guint        *n_values);

/* The table's orders; the ranking's own (by Δ, steady growers first) is
 * PPV_GROWTH_SORT_RANK. */
typedef enum
{
  PPV_GROWTH_SORT_RANK,
  PPV_GROWTH_SORT_NAME,
  PPV_GROWTH_SORT_A,
  PPV_GROWTH_SORT_B,
  PPV_GROWTH_SORT_DELTA,
  PPV_GROWTH_SORT_SLOPE,
  PPV_GROWTH_SORT_GREW,
} PpvGrowthSort;

/* Sorts @rows (PpvGrowthRow) by @key, smallest first unless @descending;
 * ties keep the ranking's order.  Any thread. */
void          ppv_growth_rows_sort      (GPtrArray     *rows,
                                         PpvGrowthSort  key,
                                         gboolean       descending);

G_END_DECLS
