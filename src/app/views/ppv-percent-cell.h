/* ppv-percent-cell.h — a table cell showing a percentage over a fraction bar.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PPV_TYPE_PERCENT_CELL (ppv_percent_cell_get_type ())

G_DECLARE_FINAL_TYPE (PpvPercentCell, ppv_percent_cell, PPV, PERCENT_CELL, GtkWidget)

GtkWidget  *ppv_percent_cell_new          (void);
/* @fraction is clamped to [0, 1] for drawing (negative values of diff
 * profiles draw by magnitude); @text is shown as is. */
void        ppv_percent_cell_set          (PpvPercentCell *self,
                                           double          fraction,
                                           const char     *text);
double      ppv_percent_cell_get_fraction (PpvPercentCell *self);
const char *ppv_percent_cell_get_text     (PpvPercentCell *self);

G_END_DECLS
