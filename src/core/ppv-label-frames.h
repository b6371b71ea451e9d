/* ppv-label-frames.h — pprof's -tagroot/-tagleaf: labels as pseudo frames.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-profile.h"

G_BEGIN_DECLS

/* Returns a profile whose samples carry one extra frame per key of
 * @tagroot (at the root end, the first key outermost) and of @tagleaf (at
 * the leaf end, the last key innermost), as `pprof -tagroot/-tagleaf` adds
 * them before any filter: the frame's function is named after the sample's
 * values for the key joined by ',' (empty when it has none) and its file
 * after the key.  Numeric values are scaled to @unit (NULL: "minimum").
 * Keys are comma-separated; empty ones are skipped.  *@root_matched and
 * *@leaf_matched say whether any sample had any of the keys (TRUE when
 * that list is empty).  With no keys at all, returns a new ref to @profile. */
PpvProfile *ppv_profile_add_label_frames (PpvProfile  *profile,
                                          const char  *tagroot,
                                          const char  *tagleaf,
                                          const char  *unit,
                                          gboolean    *root_matched,
                                          gboolean    *leaf_matched,
                                          GError     **error);

G_END_DECLS
