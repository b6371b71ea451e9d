/* ppv-goroutines-view.h — the Goroutines pane: goroutines grouped by
 * stack (or by creator or state), where they wait, since when, and who
 * started them — the goroutine-leak view.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-goroutine-groups.h"
#include "ppv-report-pane.h"

G_BEGIN_DECLS

#define PPV_TYPE_GOROUTINES_VIEW (ppv_goroutines_view_get_type ())

G_DECLARE_FINAL_TYPE (PpvGoroutinesView, ppv_goroutines_view, PPV, GOROUTINES_VIEW, PpvReportPane)

/* A PpvReportPane (page "goroutines"), shown for goroutine profiles only.
 * Its own actions: goroutines.copy (s), goroutines.menu (the selected
 * row's context menu, Shift+F10 and Menu). */
GtkWidget            *ppv_goroutines_view_new          (void);
/* Property "grouping": by stack (the default), creator or state; the
 * control bar has a button for each. */
PpvGoroutineGrouping  ppv_goroutines_view_get_grouping (PpvGoroutinesView   *self);
void                  ppv_goroutines_view_set_grouping (PpvGoroutinesView   *self,
                                                        PpvGoroutineGrouping grouping);
/* The groups shown, or NULL. */
PpvGoroutineGroups   *ppv_goroutines_view_get_groups   (PpvGoroutinesView   *self);
/* The line above the table ("4,812 goroutines in 37 groups"). */
const char           *ppv_goroutines_view_get_summary  (PpvGoroutinesView   *self);

G_END_DECLS
