/* ppv-tree-share.c — finding an up-to-date stack tree in a sibling pane.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every pane is given the same shared options at once; a pane that is
 * neither stale nor loading shows what those options build.  The stack
 * tree of a 1M-sample profile takes seconds and a gigabyte: switching from
 * the flame graph to callers and callees should take neither.
 */
#include <adwaita.h>

#include "ppv-callers-view.h"
#include "ppv-flame-view.h"
#include "ppv-tree-share.h"

static PpvStackTree *
tree_of (PpvReportPane *pane)
{
  if (PPV_IS_FLAME_VIEW (pane))
    return ppv_flame_view_get_tree (PPV_FLAME_VIEW (pane));
  if (PPV_IS_CALLERS_VIEW (pane))
    return ppv_callers_view_get_tree (PPV_CALLERS_VIEW (pane));
  return NULL;
}

PpvStackTree *
ppv_tree_share_find (PpvReportPane *pane)
{
  GtkWidget *stack;

  g_return_val_if_fail (PPV_IS_REPORT_PANE (pane), NULL);

  stack = gtk_widget_get_ancestor (GTK_WIDGET (pane), ADW_TYPE_VIEW_STACK);
  if (stack == NULL)
    return NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (stack);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      PpvReportPane *other;
      PpvStackTree *tree;

      if (child == GTK_WIDGET (pane) || !PPV_IS_REPORT_PANE (child))
        continue;
      other = PPV_REPORT_PANE (child);
      tree = tree_of (other);
      if (tree != NULL
          && ppv_stack_tree_get_kind (tree) == PPV_STACK_TREE_TOP_DOWN
          && ppv_report_pane_get_profile (other) == ppv_report_pane_get_profile (pane)
          && !ppv_report_pane_get_stale (other)
          && !ppv_report_pane_get_loading (other))
        return ppv_stack_tree_ref (tree);
    }
  return NULL;
}

void
ppv_tree_share_release (gpointer tree)
{
  if (tree != NULL)
    ppv_stack_tree_unref (tree);
}

char **
ppv_tree_share_dup_legend (PpvStackTree *tree)
{
  char **lines;

  if (tree == NULL)
    return NULL;
  lines = g_new0 (char *, 3);
  lines[0] = g_strconcat ("Type: ", ppv_stack_tree_get_type_name (tree), NULL);
  lines[1] = ppv_stack_tree_dup_legend (tree);
  return lines;
}
