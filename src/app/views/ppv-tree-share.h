/* ppv-tree-share.h — lets the panes that draw stack trees (Flame Graph,
 * Callers and Callees) reuse the tree a sibling pane built for the same
 * options instead of building it again.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-report-pane.h"
#include "ppv-stack-tree.h"

G_BEGIN_DECLS

/* Main thread, in prepare(): a new reference to the top-down tree of a
 * sibling pane in @pane's view stack that is up to date (built for the
 * options every pane was just given: not stale, not loading), or NULL. */
PpvStackTree *ppv_tree_share_find    (PpvReportPane *pane);
/* Drops a tree ppv_tree_share_find() returned, or NULL. */
void          ppv_tree_share_release (gpointer       tree);
/* The legend lines of a top-down tree, for dup_legend(): "Type: …" and
 * "Showing nodes accounting for …"; NULL for no tree. */
char        **ppv_tree_share_dup_legend (PpvStackTree *tree);

G_END_DECLS
