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
const char   *ppv_growth_row_get_name   (PpvGrowthRow *self);
gint64        ppv_growth_row_get_delta  (PpvGrowthRow *self);
/* The values per snapshot; *n_values receives their count. */
const gint64 *ppv_growth_row_get_values (PpvGrowthRow *self,
                                         guint        *n_values);

G_END_DECLS
