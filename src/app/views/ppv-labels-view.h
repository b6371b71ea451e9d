/* ppv-labels-view.h — the Labels pane: every label key of the samples
 * shown, its values with their totals and shares; focus on or ignore a
 * value or a range, group every view by a key.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-label-summary.h"
#include "ppv-report-pane.h"

G_BEGIN_DECLS

#define PPV_TYPE_LABELS_VIEW (ppv_labels_view_get_type ())

G_DECLARE_FINAL_TYPE (PpvLabelsView, ppv_labels_view, PPV, LABELS_VIEW, PpvReportPane)

GtkWidget       *ppv_labels_view_new         (void);
/* What the pane shows, or NULL. */
PpvLabelSummary *ppv_labels_view_get_summary (PpvLabelsView *self);
/* The rows shown (PpvLabelRow keys, their values as children). */
GListModel      *ppv_labels_view_get_rows    (PpvLabelsView *self);

G_END_DECLS
