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

/* Property "selected" (PpvGrowthRow, read-only): the row chosen, or NULL. */

GtkWidget    *ppv_growth_table_new          (void);
/* Replaces the rows (PpvGrowthRow); the selected function stays selected
 * when it is still there.  Sorted by growth unless the user chose
 * another column. */
void          ppv_growth_table_set_rows     (PpvGrowthTable *self,
                                             GPtrArray      *rows);
PpvGrowthRow *ppv_growth_table_get_selected (PpvGrowthTable *self);

G_END_DECLS
