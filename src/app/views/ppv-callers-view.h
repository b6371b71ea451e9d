/* ppv-callers-view.h — the Callers and Callees pane (pprof's peek,
 * speedscope's sandwich): who calls the current function, drawn upward
 * above it, and what it calls, below.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-report-pane.h"
#include "ppv-stack-tree.h"

G_BEGIN_DECLS

#define PPV_TYPE_CALLERS_VIEW (ppv_callers_view_get_type ())

G_DECLARE_FINAL_TYPE (PpvCallersView, ppv_callers_view, PPV, CALLERS_VIEW, PpvReportPane)

/* A PpvReportPane (page "callers").  Its own actions: callers.copy (s),
 * callers.show-callers (view.show-callers, Ctrl+K, shows the pane). */
GtkWidget    *ppv_callers_view_new           (void);
/* The top-down tree pivoted, or NULL. */
PpvStackTree *ppv_callers_view_get_tree      (PpvCallersView *self);
/* The pivots shown, or NULL. */
PpvStackTree *ppv_callers_view_get_callers   (PpvCallersView *self);
PpvStackTree *ppv_callers_view_get_callees   (PpvCallersView *self);
/* A pivot on a new current function is being computed. */
gboolean      ppv_callers_view_get_pivoting  (PpvCallersView *self);
/* The line between the two: the function and its total. */
const char   *ppv_callers_view_get_summary   (PpvCallersView *self);

G_END_DECLS
