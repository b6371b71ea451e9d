/* ppv-profile-view.h — the content of a loaded profile: a control bar
 * (sample type, granularity, refine filters, the shown pane's controls)
 * over a stack of report panes (the top table, the call graph…) that
 * share one current function.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ppv-merge.h"
#include "ppv-profile.h"
#include "ppv-report-pane.h"

G_BEGIN_DECLS

#define PPV_TYPE_PROFILE_VIEW (ppv_profile_view_get_type ())

G_DECLARE_FINAL_TYPE (PpvProfileView, ppv_profile_view, PPV, PROFILE_VIEW, GtkWidget)

GtkWidget     *ppv_profile_view_new              (void);
/* Shows @profile (may be NULL) with pprof's default options; @source_name
 * names it in export file names ("heap.pb.gz" -> "heap.svg"). */
void           ppv_profile_view_set_profile      (PpvProfileView *self,
                                                  PpvProfile     *profile,
                                                  const char     *source_name);
/* The window binds an AdwViewSwitcherTitle to it. */
AdwViewStack  *ppv_profile_view_get_stack        (PpvProfileView *self);
/* Property "details": the current options, like pprof's legend. */
const char    *ppv_profile_view_get_details      (PpvProfileView *self);

/* Adds @pane as the last page (named, titled and iconed by its class).
 * Only the shown pane builds; the others build when they are shown. */
void           ppv_profile_view_add_pane         (PpvProfileView *self,
                                                  PpvReportPane  *pane);
/* The pane of the page named @page_name ("top", "graph"), or NULL. */
PpvReportPane *ppv_profile_view_get_pane         (PpvProfileView *self,
                                                  const char     *page_name);
/* The function every pane shows selected, or NULL. */
const char    *ppv_profile_view_get_current_name (PpvProfileView *self);

/* Comparing with a base profile, as pprof's -base (PPV_BASE_SUBTRACT) and
 * -diff_base (PPV_BASE_DIFF) do.  Fails, changing nothing, when @base's
 * sample types are not the profile's; otherwise the comparison is built
 * in a worker and every option is kept.  @mode PPV_BASE_NONE picks
 * pprof's recommendation for the selected sample type. */
gboolean       ppv_profile_view_compare          (PpvProfileView *self,
                                                  PpvProfile     *base,
                                                  const char     *base_name,
                                                  PpvBaseMode     mode,
                                                  gboolean        normalize,
                                                  GError        **error);
/* Back to the profile on its own, options kept. */
void           ppv_profile_view_stop_comparing   (PpvProfileView *self);
gboolean       ppv_profile_view_is_comparing     (PpvProfileView *self);
/* Swaps the base and the profile of the comparison. */
void           ppv_profile_view_swap_base        (PpvProfileView *self);
void           ppv_profile_view_set_compare_mode (PpvProfileView *self,
                                                  PpvBaseMode     mode,
                                                  gboolean        normalize);

/* Signal "toast" (const char *message): for the window's AdwToastOverlay.
 * Actions: view.export-svg, view.export-dot, view.export-to (ss) and
 * view.zoom-in/-out/-fit go to the pane offering them; view.search,
 * view.refine (ss), view.reset-filters, view.show-in (page, name). */

G_END_DECLS
