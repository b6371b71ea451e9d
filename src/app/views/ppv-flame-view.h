/* ppv-flame-view.h — the Flame Graph pane: the profile's stacks as an
 * icicle, zoomable and searchable, built in a worker.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-flame-canvas.h"
#include "ppv-report-pane.h"
#include "ppv-stack-tree.h"

G_BEGIN_DECLS

#define PPV_TYPE_FLAME_VIEW (ppv_flame_view_get_type ())

G_DECLARE_FINAL_TYPE (PpvFlameView, ppv_flame_view, PPV, FLAME_VIEW, PpvReportPane)

/* A PpvReportPane (page "flame").  Its own actions: flame.zoom-back,
 * flame.copy (s), flame.export-svg, flame.export-folded (save dialogs)
 * and flame.export-to ("folded"|"svg", path: no dialog).  Signal
 * "matches-changed": the search's combined total is known. */
GtkWidget      *ppv_flame_view_new            (void);
PpvStackTree   *ppv_flame_view_get_tree       (PpvFlameView *self);
PpvFlameCanvas *ppv_flame_view_get_canvas     (PpvFlameView *self);
/* The search's combined total: each matching box counted unless a box
 * above it matches too, so nested matches count once.  FALSE while it is
 * being computed or without a search. */
gboolean        ppv_flame_view_get_match_total (PpvFlameView *self,
                                                gint64       *total,
                                                guint        *n_boxes);
/* What the pane's label says of the search ("" without one). */
const char     *ppv_flame_view_get_match_text (PpvFlameView *self);

G_END_DECLS
