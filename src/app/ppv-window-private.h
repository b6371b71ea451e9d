/* ppv-window-private.h — state shared by ppv-window.c and ppv-window-actions.c.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-page.h"
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
  AdwTabBar            *tab_bar;
  AdwTabView           *tab_view;
  GtkWidget            *status_bar;
  GtkLabel             *status_label;
  AdwViewSwitcherBar   *switcher_bar;

  GtkEntryCompletion   *completion;
  GtkListStore         *recent_store;
  gboolean              suppress_completion;

  /* The selected tab (borrowed) and what follows it: the title, the
   * status line, the address, the view switcher and the win. actions. */
  PpvPage              *visible_page;
  /* The tab whose context menu was opened last (weak) */
  AdwTabPage           *menu_page;
  GBindingGroup        *page_bindings;
  GSignalGroup         *page_signals;
  GSignalGroup         *action_signals;

  gboolean              closing;
  gulong                recent_changed_id;
};

void        _ppv_window_show_toast      (PpvWindow  *self,
                                         const char *message);
/* Sets the enabled state of every win. action from the visible tab. */
void        _ppv_window_update_actions  (PpvWindow  *self);
void        _ppv_window_actions_init    (PpvWindow  *self);
/* AdwTabView::setup-menu: the menu's actions act on @page. */
void        _ppv_window_setup_tab_menu  (PpvWindow  *self,
                                         AdwTabPage *page);

G_END_DECLS
