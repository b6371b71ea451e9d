/* ppv-top-sides.h — a comparison's base and new value for each row of the top table.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-top-model.h"

G_BEGIN_DECLS

/* Sums the flat value of each of @model's rows in @before and in @after
 * apart (each profile reported with @model's options, untrimmed), in a
 * worker; rows are matched by name. */
void     ppv_top_sides_compute_async  (PpvTopModel         *model,
                                       PpvProfile          *before,
                                       PpvProfile          *after,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* Hands the values to the model (ppv_top_model_get_sides()). */
gboolean ppv_top_sides_compute_finish (GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
