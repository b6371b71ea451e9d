/* ppv-top-row.h — one row of the top table: the item at a position of a
 * PpvTopList.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row stands for its position, not for a report row: when the table
 * shows a new report or another order, the row at position 3 shows what
 * is now third, and the list says so with ::rows-changed rather than by
 * replacing every item (GTK 4.8 would destroy and rebuild every visible
 * cell widget, ~100 ms on the main thread).
 */
#pragma once

#include <glib-object.h>

#include "ppv-top-model.h"

G_BEGIN_DECLS

#define PPV_TYPE_TOP_ROW (ppv_top_row_get_type ())

G_DECLARE_FINAL_TYPE (PpvTopRow, ppv_top_row, PPV, TOP_ROW, GObject)

/* NULL once the row's position is no longer in the list. */
PpvTopModel *ppv_top_row_get_model       (PpvTopRow  *self);
PpvReport   *ppv_top_row_get_report      (PpvTopRow  *self);
guint        ppv_top_row_get_position    (PpvTopRow  *self);
/* The report row shown at this position now. */
guint        ppv_top_row_get_index       (PpvTopRow  *self);
gint64       ppv_top_row_get_flat        (PpvTopRow  *self);
gint64       ppv_top_row_get_cum         (PpvTopRow  *self);
/* The name pprof prints, with its " (inline)" mark ("" when detached). */
const char  *ppv_top_row_get_name        (PpvTopRow  *self);
/* The report row's plain name, as used in refine expressions. */
const char  *ppv_top_row_get_plain_name  (PpvTopRow  *self);
/* Case-insensitive (ASCII) substring test; @needle must be lower case. */
gboolean     ppv_top_row_matches         (PpvTopRow  *self,
                                          const char *needle);

G_END_DECLS
