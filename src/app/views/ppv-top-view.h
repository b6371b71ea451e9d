/* ppv-top-view.h — the top table: pprof's `top` as a sortable, searchable
 * GtkColumnView over every row of a text report.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ppv-report-pane.h"
#include "ppv-top-model.h"
#include "ppv-top-row.h"

G_BEGIN_DECLS

#define PPV_TYPE_TOP_VIEW (ppv_top_view_get_type ())

G_DECLARE_FINAL_TYPE (PpvTopView, ppv_top_view, PPV, TOP_VIEW, PpvReportPane)

GtkWidget   *ppv_top_view_new               (void);
/* A PpvReportPane (page "top").  Its signal "report-changed" says new rows
 * are shown.
 *
 * Rebuilds the report for @options as given in a worker thread
 * (ppv_report_pane_set_options()). */
void         ppv_top_view_set_options       (PpvTopView             *self,
                                             PpvProfile             *profile,
                                             const PpvReportOptions *options);
/* Swaps in an already built model (main thread). */
void         ppv_top_view_set_model         (PpvTopView             *self,
                                             PpvTopModel            *model);
PpvTopModel *ppv_top_view_get_model         (PpvTopView             *self);
PpvReport   *ppv_top_view_get_report        (PpvTopView             *self);
gboolean     ppv_top_view_get_loading       (PpvTopView             *self);
/* Search: ppv_report_pane_set_search() keeps only rows whose name
 * contains the text (ignoring ASCII case). */
/* The list as shown: sorted and filtered. */
GListModel  *ppv_top_view_get_shown_model   (PpvTopView             *self);
/* ppv_report_pane_select_name() selects and reveals the row with this
 * plain name without emitting ::selected (FALSE if it is not shown). */
/* The selected row, or NULL. */
PpvTopRow   *ppv_top_view_get_selected      (PpvTopView             *self);
/* The sum% value (running flat total in shown order, sum ignoring the
 * search) of a row. */
gint64       ppv_top_view_get_row_sum       (PpvTopView             *self,
                                             PpvTopRow              *row);

/* In a comparison, the base and the new profile: the Base and New
 * columns show each row's flat value in either (NULL, NULL: none). */
void         ppv_top_view_set_comparison    (PpvTopView             *self,
                                             PpvProfile             *before,
                                             PpvProfile             *after);

G_END_DECLS
