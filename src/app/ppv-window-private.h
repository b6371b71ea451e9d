/* ppv-window-private.h — state shared by ppv-window.c and ppv-window-actions.c.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-endpoint-list.h"
#include "ppv-fetcher.h"
#include "ppv-loading-page.h"
#include "ppv-profile-view.h"
#include "ppv-request.h"
#include "ppv-window.h"

G_BEGIN_DECLS

struct _PpvWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  GtkButton            *open_button;
  GtkEntry             *address_entry;
  AdwViewSwitcherTitle *switcher_title;
  GtkMenuButton        *menu_button;
  GtkButton            *reload_button;
  GtkStack             *content_stack;
  AdwStatusPage        *empty_page;
  GtkWidget            *recent_box;
  GtkListBox           *recent_list;
  PpvLoadingPage       *loading_page;
  PpvEndpointList      *endpoint_list;
  AdwStatusPage        *error_page;
  GtkButton            *back_button;
  GtkButton            *retry_button;
  PpvProfileView       *profile_view;
  GtkWidget            *status_bar;
  GtkLabel             *status_label;
  AdwViewSwitcherBar   *switcher_bar;

  GtkEntryCompletion   *completion;
  GtkListStore         *recent_store;
  gboolean              suppress_completion;

  PpvFetcher           *fetcher;

  /* The load in progress, if any. */
  PpvRequest           *pending;
  GCancellable         *cancellable;

  /* What the profile page shows. */
  PpvRequest           *profile_request;
  PpvProfile           *profile;
  GBytes               *profile_bytes;
  char                 *profile_title;
  char                 *profile_subtitle;

  /* What the endpoint page shows. */
  PpvRequest           *index_request;

  /* The last request that failed, for Retry. */
  PpvRequest           *failed;
  AdwToast             *error_toast;   /* weak: a failed reload's toast */

  gulong                recent_changed_id;
};

void        _ppv_window_start           (PpvWindow  *self,
                                         PpvRequest *request);
void        _ppv_window_cancel          (PpvWindow  *self);
void        _ppv_window_go_back         (PpvWindow  *self);
void        _ppv_window_show_toast      (PpvWindow  *self,
                                         const char *message);
/* Sets the enabled state of every win. action from the window's state. */
void        _ppv_window_update_actions  (PpvWindow  *self);
void        _ppv_window_actions_init    (PpvWindow  *self);

G_END_DECLS
