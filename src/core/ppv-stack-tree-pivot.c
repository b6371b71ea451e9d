/* ppv-stack-tree-pivot.c — a stack tree pivoted on one function (who
 * calls it, and what it calls), and a search over its stacks.
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

  self = _ppv_stack_tree_build (tree->ctx, kind, matches, FALSE, cancellable, error);
  if (self != NULL)
    self->root_name = g_strdup (name);
  return self;
}

gboolean
ppv_stack_tree_sum_matches (PpvStackTree          *self,
                            PpvStackTreeMatchFunc  match,
                            gpointer               user_data,
                            gint64                *total,
                            guint                 *n_nodes,
                            GCancellable          *cancellable)
{
  const SortedStacks *st;
  const PpvNodeIds *ids;
  g_autofree guint8 *matches = NULL;   /* per node id */
  const guint32 *previous = NULL;
  guint32 previous_at = 0, n_ids;
  gint64 value = 0, div = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (match != NULL, FALSE);

  *total = 0;
  *n_nodes = 0;
  st = &self->stacks;
  ids = _ppv_report_context_get_node_ids (self->ctx);
  n_ids = _ppv_node_ids_get_n (ids);
  matches = g_new (guint8, MAX (n_ids, 1));
  for (guint32 f = 0; f < n_ids; f++)
    matches[f] = match (_ppv_node_ids_get_info (ids, f)->printable, user_data) ? 1 : 0;

  /* A stack counts at its outermost match: the node of its frames up to
   * there.  The stacks of one node are contiguous, so a node ends where a
   * stack's outermost match is elsewhere. */
  for (guint32 i = 0; i < st->n; i++)
    {
      guint32 len, at = 0;
      const guint32 *frames = _ppv_sorted_stack (st, i, &len);

      if ((i & 0xffff) == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;
      while (at < len && !matches[frames[at] & ~STACK_TREE_INLINED_BIT])
        at++;
      if (at == len)
        continue;
      if (previous == NULL || at != previous_at ||
          memcmp (frames, previous, (at + 1) * sizeof (guint32)) != 0)
        {
          if (previous != NULL)
            *total += st->sum_div ? _ppv_div_value (value, div) : value;
          *n_nodes += previous != NULL;
          value = div = 0;
        }
      value += st->sum_value[i + 1] - st->sum_value[i];
      if (st->sum_div)
        div += st->sum_div[i + 1] - st->sum_div[i];
      previous = frames;
      previous_at = at;
    }
  if (previous != NULL)
    {
      *total += st->sum_div ? _ppv_div_value (value, div) : value;
      (*n_nodes)++;
    }
  return TRUE;
}
