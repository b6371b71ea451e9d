/* ppv-growth-table.h — a watch's functions ranked by growth between markers A and B.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ppv-growth-row.h"

G_BEGIN_DECLS

#define PPV_TYPE_GROWTH_TABLE (ppv_growth_table_get_type ())

G_DECLARE_FINAL_TYPE (PpvGrowthTable, ppv_growth_table, PPV, GROWTH_TABLE, GtkWidget)

/* Property "selected" (PpvGrowthRow, read-only): the row chosen, or NULL.
 * Signal "sort-changed": the user chose another order (see
 * ppv_growth_table_get_sort()); the owner sorts the rows (in a worker)
 * and sets them again. */

GtkWidget    *ppv_growth_table_new          (void);
/* Shows @rows (PpvGrowthRow, in the order to show; the table takes their
 * content, leaving @rows with the old content to free anywhere).  The
 * selected function stays selected when it is still there. */
void          ppv_growth_table_set_rows     (PpvGrowthTable *self,
                                             GPtrArray      *rows);
PpvGrowthRow *ppv_growth_table_get_selected (PpvGrowthTable *self);
/* The order the user chose: the ranking's (by growth) by default. */
PpvGrowthSort ppv_growth_table_get_sort     (PpvGrowthTable *self,
                                             gboolean       *descending);

G_END_DECLS
