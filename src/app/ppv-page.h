/* ppv-page.h — one tab: what it shows (empty, loading, endpoint list, error, profile) and its loads.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ppv-document.h"
#include "ppv-merge.h"
#include "ppv-request.h"

G_BEGIN_DECLS

#define PPV_TYPE_PAGE (ppv_page_get_type ())

G_DECLARE_FINAL_TYPE (PpvPage, ppv_page, PPV, PAGE, GtkWidget)

/* Properties, all read-only and notified when they change:
 *   "state"       what is on screen: "empty", "loading", "endpoints",
 *                 "error", "profile" or "watch"
 *   "loading"     a load is in progress
 *   "title"       for the window and the header ("heap.pb.gz")
 *   "subtitle"    for the header ("Heap profile · 2026-01-05 …")
 *   "tab-title"   short, for the tab ("heap · localhost:6060")
 *   "tab-tooltip" the full source and when it was loaded
 *   "status"      the status line: subtitle and the view's legend
 *   "address"     what the address entry shows for this tab
 *
 * Actions in the "page" group (ppv_page_get_actions()): reload, retry,
 * back, cancel, export-svg, export-dot.
 *
 * Signal "remember" (const char *source): a source to add to the recent
 * ones. */

GtkWidget    *ppv_page_new              (void);

void          ppv_page_start            (PpvPage            *self,
                                         PpvRequest         *request);
void          ppv_page_open_file        (PpvPage            *self,
                                         GFile              *file);
/* Like ppv_page_open_file() without adding the file to the recent
 * sources: the bundled sample, a tab restored from the last session.
 * A file that has gone since shows an error that says so. */
void          ppv_page_open_unremembered (PpvPage           *self,
                                          GFile             *file,
                                          gboolean           restored);
/* What a user typed; see ppv_request_new_for_text(). */
void          ppv_page_open_address     (PpvPage            *self,
                                         const char         *text,
                                         const char         *cwd);
/* Once the profile being loaded is shown, compares it with the profile at
 * @base_text (a path, relative to @cwd, or an address; fetched and kept
 * like any fetch), as pprof -base (PPV_BASE_SUBTRACT) or -diff_base. */
void          ppv_page_compare_after_load (PpvPage          *self,
                                           const char       *base_text,
                                           const char       *cwd,
                                           PpvBaseMode       mode,
                                           gboolean          normalize);
/* Watches @source (a profile URL or host:port/debug/pprof/NAME) every
 * @interval seconds (0: the remembered interval); @gc asks for gc=1. */
void          ppv_page_watch            (PpvPage            *self,
                                         const char         *source,
                                         gboolean            gc,
                                         guint               interval);
/* The whole timeline of a watch session kept in @directory. */
void          ppv_page_open_watch_session (PpvPage          *self,
                                           const char       *directory);
/* The rows of the empty state's "Recent" list. */
void          ppv_page_set_recent       (PpvPage            *self,
                                         const char * const *recent);

const char   *ppv_page_get_state        (PpvPage            *self);
gboolean      ppv_page_get_loading      (PpvPage            *self);
const char   *ppv_page_get_title        (PpvPage            *self);
const char   *ppv_page_get_subtitle     (PpvPage            *self);
const char   *ppv_page_get_tab_title    (PpvPage            *self);
const char   *ppv_page_get_status       (PpvPage            *self);
const char   *ppv_page_get_address      (PpvPage            *self);
/* Nothing shown and nothing loading: a load may take this tab over. */
gboolean      ppv_page_is_blank         (PpvPage            *self);
/* The profile shown, if any. */
PpvDocument  *ppv_page_get_document     (PpvPage            *self);
/* The profile view's stack, for the header's view switcher. */
AdwViewStack *ppv_page_get_view_stack   (PpvPage            *self);
GActionGroup *ppv_page_get_actions      (PpvPage            *self);
/* The file to reopen in the next session: a profile file, the kept
 * copy of a fetched profile, or a watch's session folder (reopened as a
 * finished watch); NULL for anything that would need a live server
 * (never re-fetched silently). */
char         *ppv_page_dup_session_path (PpvPage            *self);

G_END_DECLS
