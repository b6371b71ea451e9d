/* ppv-profile-view.h — the content of a loaded profile: a control bar
 * (sample type, granularity, refine filters, node count) over a stack with
 * the top table and the call graph, linked to each other.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ppv-profile.h"

G_BEGIN_DECLS

#define PPV_TYPE_PROFILE_VIEW (ppv_profile_view_get_type ())

G_DECLARE_FINAL_TYPE (PpvProfileView, ppv_profile_view, PPV, PROFILE_VIEW, GtkWidget)

GtkWidget    *ppv_profile_view_new          (void);
/* Shows @profile (may be NULL) with pprof's default options; @source_name
 * names it in export file names ("heap.pb.gz" -> "heap.svg"). */
void          ppv_profile_view_set_profile  (PpvProfileView *self,
                                             PpvProfile     *profile,
                                             const char     *source_name);
/* The window binds an AdwViewSwitcherTitle to it. */
AdwViewStack *ppv_profile_view_get_stack    (PpvProfileView *self);
/* Property "details": the current options, like pprof's legend. */
const char   *ppv_profile_view_get_details  (PpvProfileView *self);

/* Signal "toast" (const char *message): for the window's AdwToastOverlay. */

G_END_DECLS
