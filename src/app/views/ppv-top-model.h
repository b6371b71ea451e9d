/* ppv-top-model.h — the rows of a text report as a GListModel.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ppv-report.h"
#include "ppv-top-row.h"

G_BEGIN_DECLS

#define PPV_TYPE_TOP_MODEL (ppv_top_model_get_type ())

G_DECLARE_FINAL_TYPE (PpvTopModel, ppv_top_model, PPV, TOP_MODEL, GObject)

/* Creates every row up front, so it belongs in a worker thread for large
 * reports; returns NULL with G_IO_ERROR_CANCELLED when cancelled. */
PpvTopModel *ppv_top_model_new        (PpvReport    *report,
                                       GCancellable *cancellable,
                                       GError      **error);
PpvReport   *ppv_top_model_get_report (PpvTopModel  *self);
/* Running totals of flat in report order (pprof's sum%), one per row. */
const gint64 *ppv_top_model_get_flat_sums (PpvTopModel *self);
/* The position of the row named @plain_name (report order), or -1. */
int          ppv_top_model_find       (PpvTopModel  *self,
                                       const char   *plain_name);

G_END_DECLS
