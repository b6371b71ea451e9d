/* ppv-stack-tree-pivot.c — a stack tree pivoted on one function: who
 * calls it, and what it calls.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Computed from a built top-down tree, without going back to the samples:
 * only a function's outermost calls count, so recursion counts once per
 * stack, and the new tree's children are found in an open-addressing table
 * of (parent, frame).
 */
#include <string.h>

#include "ppv-stack-tree-private.h"

typedef struct
{
  PpvStackTree *from;
  PpvStackTree *into;
  ChildTable    table;
  GArray       *self_add;    /* per new node: self from the source (grown as needed) */
} Pivot;

static void
pivot_add (Pivot   *pv,
           guint32  into_node,
           guint32  from_node,
           gboolean as_self)
{
  PpvStackTree *from = pv->from, *into = pv->into;
  gint64 total = from->total_value[from_node];
  gint64 div = from->total_div ? from->total_div[from_node] : 0;
  gint64 base = from->base_total ? from->base_total[from_node] : 0;

  into->total_value[into_node] += total;
  if (into->total_div)
    into->total_div[into_node] += div;
  if (into->base_total)
    into->base_total[into_node] += base;
  if (as_self)
    {
      into->self_value[into_node] += from->self_value[from_node];
      if (into->self_div)
        into->self_div[into_node] += from->self_div[from_node];
    }
}

/* Grows the value arrays to the node count (nodes are added while values
 * are summed). */
static void
pivot_reserve (PpvStackTree *into,
               gsize        *capacity)
{
  gsize n = into->nodes->len;

  if (n <= *capacity)
    return;
  {
    gsize old = *capacity, grown = MAX (n, old * 2);
#define GROW(field) if (into->field) { into->field = g_renew (gint64, into->field, grown); \
                      memset (into->field + old, 0, (grown - old) * sizeof (gint64)); }
    GROW (self_value);
    GROW (self_div);
    GROW (total_value);
    GROW (total_div);
    GROW (base_total);
#undef GROW
    *capacity = grown;
  }
}

/* Merges the subtree of @from_node (its children) under @into_node. */
static void
merge_subtree (Pivot   *pv,
               guint32  into_node,
               guint32  from_node,
               gsize   *capacity)
{
  PpvStackTree *from = pv->from;
  const StackNode *fn = (const StackNode *) from->nodes->data;

  for (guint32 c = fn[from_node].first_child; c != PPV_NONE; c = fn[c].next_sibling)
    {
      guint32 child = _ppv_stack_tree_find_or_add_child (pv->into, &pv->table, into_node,
                                                         fn[c].frame, fn[c].inlined);

      pivot_reserve (pv->into, capacity);
      pivot_add (pv, child, c, TRUE);
      merge_subtree (pv, child, c, capacity);
    }
}

PpvStackTree *
ppv_stack_tree_new_pivot (PpvStackTree      *tree,
                          const char        *name,
                          PpvStackTreeKind   kind,
                          GCancellable      *cancellable,
                          GError           **error)
{
  g_autoptr(PpvStackTree) self = NULL;
  g_autofree guint8 *inside = NULL;   /* per source node: on a path below a match */
  g_autofree guint8 *matches = NULL;  /* per node id: printed as @name */
  const StackNode *nodes;
  gsize capacity;
  Pivot pv;

  g_return_val_if_fail (tree != NULL, NULL);
  g_return_val_if_fail (tree->kind == PPV_STACK_TREE_TOP_DOWN, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (kind != PPV_STACK_TREE_TOP_DOWN, NULL);

  self = _ppv_stack_tree_alloc (tree->ctx, kind);
  self->root_name = g_strdup (name);
  self->mean = tree->mean;
  _ppv_stack_tree_alloc_values (self, tree->base_total != NULL);
  capacity = 1;

  pv.from = tree;
  pv.into = self;
  _ppv_child_table_init (&pv.table, 1024);
  nodes = (const StackNode *) tree->nodes->data;
  inside = g_new0 (guint8, MAX (tree->nodes->len, 1));
  {
    const PpvNodeIds *ids = _ppv_report_context_get_node_ids (tree->ctx);
    guint32 n_ids = _ppv_node_ids_get_n (ids);

    /* Names are compared once per node id, not once per node. */
    matches = g_new0 (guint8, MAX (n_ids, 1));
    for (guint32 f = 0; f < n_ids; f++)
      matches[f] = strcmp (_ppv_node_ids_get_info (ids, f)->printable, name) == 0;
  }

  /* Parents come before children, so one forward pass knows whether an
   * ancestor already matched: only outermost matches count. */
  for (guint32 i = 1; i < tree->nodes->len; i++)
    {
      gboolean match;

      if ((i & 0xffff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          _ppv_child_table_clear (&pv.table);
          return NULL;
        }
      inside[i] = inside[nodes[i].parent];
      if (inside[i])
        continue;
      match = matches[nodes[i].frame];
      if (!match)
        continue;
      inside[i] = TRUE;

      pivot_add (&pv, 0, i, TRUE);
      if (kind == PPV_STACK_TREE_CALLEES)
        merge_subtree (&pv, 0, i, &capacity);
      else
        {
          guint32 at = 0;

          /* The callers, innermost first, each weighted by the match's total;
           * the outermost caller holds it as self. */
          for (guint32 p = nodes[i].parent; p != 0; p = nodes[p].parent)
            {
              at = _ppv_stack_tree_find_or_add_child (self, &pv.table, at,
                                                      nodes[p].frame, nodes[p].inlined);
              pivot_reserve (self, &capacity);
              pivot_add (&pv, at, i, FALSE);
              if (nodes[p].parent == 0)
                {
                  self->self_value[at] += tree->total_value[i];
                  if (self->self_div)
                    self->self_div[at] += tree->total_div[i];
                }
            }
        }
    }
  _ppv_child_table_clear (&pv.table);

  /* The root of a callers tree keeps as self what has no caller. */
  if (kind == PPV_STACK_TREE_CALLERS)
    {
      gint64 with_callers = 0, div_with_callers = 0;
      const StackNode *mine = (const StackNode *) self->nodes->data;

      for (guint32 c = 1; c < self->nodes->len; c++)
        if (mine[c].parent == 0)
          {
            with_callers += self->total_value[c];
            if (self->total_div)
              div_with_callers += self->total_div[c];
          }
      self->self_value[0] = self->total_value[0] - with_callers;
      if (self->self_div)
        self->self_div[0] = self->total_div[0] - div_with_callers;
    }

  _ppv_stack_tree_link_children (self);
  return g_steal_pointer (&self);
}

