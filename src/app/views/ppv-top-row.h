/* ppv-top-row.h — one row of the top table: a report row seen as a GObject.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ppv-report.h"

G_BEGIN_DECLS

/* Names longer than this (in characters) are cut before they reach a
 * label: a few visible 100 kB names make a single frame take seconds. */
#define PPV_TOP_ROW_MAX_NAME_CHARS 1000

#define PPV_TYPE_TOP_ROW (ppv_top_row_get_type ())

G_DECLARE_FINAL_TYPE (PpvTopRow, ppv_top_row, PPV, TOP_ROW, GObject)

PpvTopRow          *ppv_top_row_new               (PpvReport *report,
                                                   guint      index);
PpvReport          *ppv_top_row_get_report        (PpvTopRow *self);
guint               ppv_top_row_get_index         (PpvTopRow *self);
gint64              ppv_top_row_get_flat          (PpvTopRow *self);
gint64              ppv_top_row_get_cum           (PpvTopRow *self);
/* The name pprof prints, with its " (inline)" mark; the full string. */
const char         *ppv_top_row_get_name          (PpvTopRow *self);
/* The report row's plain name, as used in refine expressions. */
const char         *ppv_top_row_get_plain_name    (PpvTopRow *self);
/* The printed name, cut to PPV_TOP_ROW_MAX_NAME_CHARS characters. */
const char         *ppv_top_row_get_display_name  (PpvTopRow *self);
gboolean            ppv_top_row_is_truncated      (PpvTopRow *self);

/* The row's place among all rows of its report sorted by printed name
 * (equal names share one), set once by the model that owns the row. */
guint               ppv_top_row_get_name_rank     (PpvTopRow  *self);
void                ppv_top_row_set_name_rank     (PpvTopRow  *self,
                                                   guint       rank);

/* Case-insensitive (ASCII) substring test; @needle must be lower case. */
gboolean            ppv_top_row_matches           (PpvTopRow  *self,
                                                   const char *needle);

G_END_DECLS
