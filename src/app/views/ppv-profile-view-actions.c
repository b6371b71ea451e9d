/* ppv-profile-view-actions.c — the profile view's actions: search, refine,
 * reset, show-in, the ones it passes on to the pane offering them
 * (export, zoom), and the one function that sets their enabled state.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ppv-profile-view-private.h"

/* view.<verb> actions a pane may offer as "<prefix>.<verb>". */
static const struct
{
  const char *verb;
  gboolean    show_pane;   /* e.g. zooming shows what it zooms */
} routed[] = {
  { "export-svg", FALSE },
  { "export-dot", FALSE },
  { "export-to", FALSE },
  { "export-folded", FALSE },
  { "zoom-in", TRUE },
  { "zoom-out", TRUE },
  { "zoom-fit", TRUE },
  { "show-callers", TRUE },   /* the current function's callers and callees */
};

void
_ppv_profile_view_toast (PpvProfileView *self,
                         const char     *message)
{
  g_signal_emit_by_name (self, "toast", message);
}

/* The shown pane if it offers @verb, else the first that does; its
 * action's full name in *@action. */
static PpvReportPane *
find_pane_for (PpvProfileView  *self,
               const char      *verb,
               char           **action)
{
  PpvReportPane *visible = _ppv_profile_view_get_visible_pane (self);

  if (visible != NULL && (*action = ppv_report_pane_dup_action (visible, verb)) != NULL)
    return visible;

  for (guint i = 0; i < self->panes->len; i++)
    {
      PpvReportPane *pane = g_ptr_array_index (self->panes, i);

      if ((*action = ppv_report_pane_dup_action (pane, verb)) != NULL)
        return pane;
    }
  return NULL;
}

void
_ppv_profile_view_update_actions (PpvProfileView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_profile = self->profile != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (routed); i++)
    {
      g_autofree char *name = g_strconcat ("view.", routed[i].verb, NULL);
      g_autofree char *action = NULL;

      gtk_widget_action_set_enabled (widget, name,
                                     has_profile && find_pane_for (self, routed[i].verb, &action) != NULL);
    }
  gtk_widget_action_set_enabled (widget, "view.search", has_profile);
  gtk_widget_action_set_enabled (widget, "view.refine", has_profile);
  gtk_widget_action_set_enabled (widget, "view.show-in", has_profile);
  gtk_widget_action_set_enabled (widget, "view.label-value", has_profile);
  gtk_widget_action_set_enabled (widget, "view.label-range", has_profile);
  gtk_widget_action_set_enabled (widget, "view.group-by-label", has_profile);
  gtk_widget_action_set_enabled (widget, "view.reset-filters",
                                 has_profile && self->filters != NULL &&
                                 self->filters->len + self->label_filters->len > 0);
}

static void
routed_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PpvProfileView *self = PPV_PROFILE_VIEW (widget);
  const char *verb = action_name + strlen ("view.");
  g_autofree char *action = NULL;
  PpvReportPane *pane = find_pane_for (self, verb, &action);

  if (pane == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (routed); i++)
    if (routed[i].show_pane && g_str_equal (routed[i].verb, verb))
      adw_view_stack_set_visible_child (self->stack, GTK_WIDGET (pane));

  gtk_widget_activate_action_variant (GTK_WIDGET (pane), action, parameter);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PpvProfileView *self = PPV_PROFILE_VIEW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
reset_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _ppv_profile_view_reset_filters (PPV_PROFILE_VIEW (widget));
}

static void
refine_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  const char *kind_name, *name;
  PpvRefineKind kind;

  g_variant_get (parameter, "(&s&s)", &kind_name, &name);
  if (!ppv_refine_kind_parse (kind_name, &kind) || name[0] == '\0')
    return;

  _ppv_profile_view_refine (PPV_PROFILE_VIEW (widget), kind, name);
}

/* (page, plain name): "Show in ▸ <view>" of the panes' menus. */
static void
show_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  const char *page, *name;

  g_variant_get (parameter, "(&s&s)", &page, &name);
  _ppv_profile_view_show_in (PPV_PROFILE_VIEW (widget), page, name);
}

void
_ppv_profile_view_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "view.export-svg", NULL, routed_action);
  gtk_widget_class_install_action (widget_class, "view.export-dot", NULL, routed_action);
  gtk_widget_class_install_action (widget_class, "view.export-to", "(ss)", routed_action);
  gtk_widget_class_install_action (widget_class, "view.export-folded", NULL, routed_action);
  gtk_widget_class_install_action (widget_class, "view.zoom-in", NULL, routed_action);
  gtk_widget_class_install_action (widget_class, "view.zoom-out", NULL, routed_action);
  gtk_widget_class_install_action (widget_class, "view.zoom-fit", NULL, routed_action);
  gtk_widget_class_install_action (widget_class, "view.show-callers", NULL, routed_action);
  gtk_widget_class_install_action (widget_class, "view.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "view.reset-filters", NULL, reset_filters_action);
  gtk_widget_class_install_action (widget_class, "view.refine", "(ss)", refine_action);
  gtk_widget_class_install_action (widget_class, "view.show-in", "(ss)", show_in_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "view.export-svg", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "view.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "view.show-callers", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "view.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "view.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "view.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "view.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "view.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "view.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "view.zoom-fit", NULL);
}
