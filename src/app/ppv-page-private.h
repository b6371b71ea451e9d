/* ppv-page-private.h — state shared by ppv-page.c and ppv-page-actions.c.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-endpoint-list.h"
#include "ppv-loading-page.h"
#include "ppv-page.h"
#include "ppv-profile-view.h"
#include "ppv-watch-view.h"

G_BEGIN_DECLS

struct _PpvPage
{
  GtkWidget           parent_instance;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkStack           *content_stack;
  GtkWidget          *recent_box;
  GtkListBox         *recent_list;
  PpvLoadingPage     *loading_page;
  PpvEndpointList    *endpoint_list;
  AdwStatusPage      *error_page;
  GtkButton          *back_button;
  GtkButton          *retry_button;
  PpvProfileView     *profile_view;
  PpvWatchView       *watch_view;

  GSimpleActionGroup *actions;
  /* One per tab: its "insecure" flag and its requests are this tab's. */
  PpvFetcher         *fetcher;

  PpvDocument        *pending;    /* the load in progress */
  PpvDocument        *document;   /* the profile shown */
  PpvDocument        *index;      /* the endpoint list shown */
  PpvRequest         *failed;     /* the last request that failed, for Retry */
  AdwToast           *error_toast;   /* weak: a failed reload's toast */

  char               *title;
  char               *subtitle;
  char               *tab_title;
  char               *tab_tooltip;
  char               *status;
  char               *address;

  /* ppv-page-compare.c */
  PpvDocument        *base_pending;   /* the base being loaded */
  PpvRequest         *compare_next;   /* a base to compare with once the profile is shown */
  PpvBaseMode         compare_next_mode;
  gboolean            compare_next_normalize;

  /* ppv-page-watch.c */
  GCancellable       *watch_cancellable;   /* a session folder loading */
  char               *watch_directory;     /* ... from this folder */
};

void _ppv_page_show_page       (PpvPage      *self,
                               const char   *name);
void _ppv_page_show_error      (PpvPage      *self,
                               PpvRequest   *request,
                               const GError *error);
void _ppv_page_set_address     (PpvPage      *self,
                               const char   *address);
void _ppv_page_loading_changed (PpvPage      *self);
/* Sets the enabled state of every page. action from the page's state. */
void _ppv_page_update_actions  (PpvPage      *self);
void _ppv_page_actions_init    (PpvPage      *self);

/* ppv-page-compare.c */
/* page.compare: the Compare With dialog. */
void _ppv_page_compare_choose  (PpvPage      *self);
/* After a profile is shown: the comparison asked for before it loaded. */
void _ppv_page_compare_shown   (PpvPage      *self);
void _ppv_page_compare_clear   (PpvPage      *self);
/* ppv-page.c: the titles changed. */
void _ppv_page_texts_changed   (PpvPage      *self);

/* ppv-page-watch.c */
void        _ppv_page_watch_init      (PpvPage  *self);
/* The tab leaves the watch state: the watch stops, its files stay. */
void        _ppv_page_watch_left      (PpvPage  *self);
gboolean    _ppv_page_watch_is_live   (PpvPage  *self);
void        _ppv_page_watch_fetch_now (PpvPage  *self);
void        _ppv_page_watch_texts     (PpvPage  *self,
                                       char    **title,
                                       char    **tab_title,
                                       char    **tooltip);
const char *_ppv_page_watch_subtitle  (PpvPage  *self);
/* The session folder, reopened next time as a finished session. */
char       *_ppv_page_watch_dup_session_path (PpvPage *self);

G_END_DECLS
