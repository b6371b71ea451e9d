/* ppv-flame-menu.h — the context menu of a flame graph box, shared by
 * the Flame Graph and the Callers and Callees panes.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ppv-report-pane.h"
#include "ppv-stack-tree.h"

G_BEGIN_DECLS

/* Focus, Ignore, Hide, Show From (view.refine); Callers and Callees and
 * Show in ▸ (view.show-in); Copy Name ("<@prefix>.copy"); and the pane's
 * own @extra section, if any. */
GMenuModel *ppv_flame_menu_new        (PpvReportPane *pane,
                                       PpvStackTree  *tree,
                                       guint32        node,
                                       const char    *prefix,
                                       GMenuModel    *extra);
/* The same menu for a function printed as @name, refined on @target (see
 * ppv_refine_target()). */
GMenuModel *ppv_flame_menu_new_for_name (PpvReportPane *pane,
                                         const char    *name,
                                         const char    *target,
                                         const char    *prefix,
                                         GMenuModel    *extra);
/* Shows @model in @popover pointing at (@x, @y) of @from. */
void        ppv_flame_menu_popup      (GtkPopoverMenu *popover,
                                       GMenuModel     *model,
                                       GtkWidget      *from,
                                       double          x,
                                       double          y);
/* A popover menu for @parent's context menus. */
GtkPopoverMenu *ppv_flame_menu_new_popover (GtkWidget *parent);
/* "<prefix>.copy": puts its string parameter on the clipboard. */
void        ppv_flame_menu_copy_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter);

G_END_DECLS
