/* ppv-test-pane.h — a report pane for the tests only: it keeps the
 * contract (ppv-report-pane.h) as simply as it can and counts its builds.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-report-pane.h"

G_BEGIN_DECLS

#define PPV_TYPE_TEST_PANE (ppv_test_pane_get_type ())

G_DECLARE_FINAL_TYPE (PpvTestPane, ppv_test_pane, PPV, TEST_PANE, PpvReportPane)

/* Page "test", titled "Test". */
PpvReportPane *ppv_test_pane_new            (void);
/* Builds started (counted on the main thread, before the worker runs). */
guint          ppv_test_pane_get_n_builds   (PpvTestPane *self);
/* What the pane shows selected: a row of its report, or NULL. */
const char    *ppv_test_pane_get_selected   (PpvTestPane *self);
const char    *ppv_test_pane_get_search     (PpvTestPane *self);
/* As a user's click on the function @plain_name would (emits ::selected). */
void           ppv_test_pane_click          (PpvTestPane *self,
                                             const char  *plain_name);

G_END_DECLS
