/* ppv-label-rows.h — the Labels pane's rows from a label summary: keys by
 * total, their values, numeric values grouped into ranges with units.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ppv-label-row.h"
#include "ppv-label-summary.h"

G_BEGIN_DECLS

/* Key rows (PpvLabelRow) with their values (or ranges of values) as
 * children.  With @needle, only keys whose name contains it (all their
 * values) and values that contain it (with their keys). */
GListModel *ppv_label_rows_build (PpvLabelSummary *summary,
                                  const char      *needle);

G_END_DECLS
