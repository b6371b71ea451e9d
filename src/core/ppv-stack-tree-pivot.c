/* ppv-stack-tree-pivot.c — a stack tree pivoted on one function: who
 * calls it, and what it calls.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built from the samples the tree was built from (its report context keeps
 * them), by the same sorted-stack builder: each stack through the function
 * gives the part after its outermost call, so recursion counts once per
 * stack.
 */
#include <string.h>

#include "ppv-stack-tree-private.h"

PpvStackTree *
ppv_stack_tree_new_pivot (PpvStackTree      *tree,
                          const char        *name,
                          PpvStackTreeKind   kind,
                          GCancellable      *cancellable,
                          GError           **error)
{
  const PpvNodeIds *ids;
  g_autofree guint8 *matches = NULL;   /* per node id: printed as @name */
  PpvStackTree *self;
  guint32 n_ids;

  g_return_val_if_fail (tree != NULL, NULL);
  g_return_val_if_fail (tree->kind == PPV_STACK_TREE_TOP_DOWN, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (kind != PPV_STACK_TREE_TOP_DOWN, NULL);

  /* Names are compared once per node id, not once per frame. */
  ids = _ppv_report_context_get_node_ids (tree->ctx);
  n_ids = _ppv_node_ids_get_n (ids);
  matches = g_new0 (guint8, MAX (n_ids, 1));
  for (guint32 f = 0; f < n_ids; f++)
    matches[f] = strcmp (_ppv_node_ids_get_info (ids, f)->printable, name) == 0;

  self = _ppv_stack_tree_build (tree->ctx, kind, matches, cancellable, error);
  if (self != NULL)
    self->root_name = g_strdup (name);
  return self;
}
