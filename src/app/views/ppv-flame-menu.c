/* ppv-flame-menu.c — the context menu of a flame graph box.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "ppv-flame-menu.h"
#include "ppv-refine.h"

/* Refining by the function's name where the granularity has one (lines
 * and addresses print more than the name), else by what is printed. */
static const char *
refine_target (PpvStackTree *tree,
               guint32       node)
{
  return ppv_refine_target (ppv_stack_tree_get_function (tree, node),
                            ppv_stack_tree_get_name (tree, node));
}

GMenuModel *
ppv_flame_menu_new_for_name (PpvReportPane *pane,
                             const char    *name,
                             const char    *target,
                             const char    *prefix,
                             GMenuModel    *extra)
{
  static const struct { const char *label; const char *kind; } refines[] = {
    { N_("_Focus on"), "focus" },
    { N_("_Ignore"), "ignore" },
    { N_("_Hide"), "hide" },
    { N_("Show _From"), "show_from" },
  };
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) refine = g_menu_new ();
  g_autoptr(GMenu) other = g_menu_new ();
  g_autoptr(GMenuItem) callers = NULL;
  g_autoptr(GMenuItem) copy = NULL;
  g_autofree char *copy_action = g_strconcat (prefix, ".copy", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (refines); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(refines[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, "view.refine",
                                               g_variant_new ("(ss)", refines[i].kind, target));
      g_menu_append_item (refine, item);
    }

  if (g_strcmp0 (ppv_report_pane_get_page_name (pane), "callers") != 0)
    {
      callers = g_menu_item_new (_("C_allers and Callees"), NULL);
      g_menu_item_set_action_and_target_value (callers, "view.show-in",
                                               g_variant_new ("(ss)", "callers", name));
      g_menu_append_item (other, callers);
    }
  ppv_report_pane_append_show_in (pane, other, name);
  copy = g_menu_item_new (_("_Copy Name"), NULL);
  g_menu_item_set_action_and_target_value (copy, copy_action, g_variant_new_string (name));
  g_menu_append_item (other, copy);

  g_menu_append_section (menu, NULL, G_MENU_MODEL (refine));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (other));
  if (extra != NULL)
    g_menu_append_section (menu, NULL, extra);
  return G_MENU_MODEL (g_steal_pointer (&menu));
}

GMenuModel *
ppv_flame_menu_new (PpvReportPane *pane,
                    PpvStackTree  *tree,
                    guint32        node,
                    const char    *prefix,
                    GMenuModel    *extra)
{
  return ppv_flame_menu_new_for_name (pane, ppv_stack_tree_get_name (tree, node),
                                      refine_target (tree, node), prefix, extra);
}

GtkPopoverMenu *
ppv_flame_menu_new_popover (GtkWidget *parent)
{
  GtkPopoverMenu *popover = GTK_POPOVER_MENU (gtk_popover_menu_new_from_model (NULL));

  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (popover), GTK_POS_BOTTOM);
  gtk_widget_set_halign (GTK_WIDGET (popover), GTK_ALIGN_START);
  gtk_widget_set_parent (GTK_WIDGET (popover), parent);
  return popover;
}

void
ppv_flame_menu_popup (GtkPopoverMenu *popover,
                      GMenuModel     *model,
                      GtkWidget      *from,
                      double          x,
                      double          y)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (popover));
  graphene_point_t point;

  if (!gtk_widget_compute_point (from, parent, &GRAPHENE_POINT_INIT (x, y), &point))
    point = GRAPHENE_POINT_INIT (x, y);

  gtk_popover_menu_set_menu_model (popover, model);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover),
                               &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (popover));
}

void
ppv_flame_menu_copy_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), g_variant_get_string (parameter, NULL));
}
