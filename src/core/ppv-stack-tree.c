/* ppv-stack-tree.c — the prefix tree of a profile's stacks and its pivots.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Building lists every kept sample's frames from the outermost in (a
 * location's inlined lines are frames of their own), sorts the stacks, and
 * adds for each only the frames past what it shares with the one before.
 * Children are then linked in display order with one counting sort over
 * parents.  Pivots are computed from a built tree, with an open-addressing
 * table of (parent, frame) children, without going back to the samples.
 */
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

#include "ppv-report-context.h"
#include "ppv-stack-tree.h"

typedef struct
{
  guint32 frame;          /* node id at the granularity; PPV_NONE for the root */
  guint32 parent;
  guint32 first_child;
  guint32 next_sibling;
  guint32 depth;
  guint8  inlined;
} StackNode;

struct _PpvStackTree
{
  gint              ref_count;
  PpvStackTreeKind  kind;
  PpvReportContext *ctx;
  char             *root_name;
  GArray           *nodes;       /* StackNode */
  gint64           *self_value, *self_div;
  gint64           *total_value, *total_div;
  gint64           *base_total;  /* NULL without a diff base */
  gboolean          mean;
  guint32           max_depth;
  char            **warnings;
};

G_DEFINE_BOXED_TYPE (PpvStackTree, ppv_stack_tree, ppv_stack_tree_ref, ppv_stack_tree_unref)

/* --- Child lookup ---------------------------------------------------------- */

typedef struct
{
  guint64 *keys;      /* (parent << 32 | frame << 1 | inlined) + 1; 0 = empty */
  guint32 *values;
  gsize    mask;
  gsize    used;
} ChildTable;

static inline guint64
child_key (guint32 parent,
           guint32 frame,
           gboolean inlined)
{
  return (((guint64) parent << 32) | ((guint64) frame << 1) | (inlined ? 1 : 0)) + 1;
}

static inline gsize
child_slot (guint64 key)
{
  key ^= key >> 33;
  key *= 0xff51afd7ed558ccdull;
  key ^= key >> 33;
  return (gsize) key;
}

static void
child_table_init (ChildTable *t,
                  gsize       capacity)
{
  gsize size = 1024;

  while (size < capacity * 2)
    size <<= 1;
  t->keys = g_new0 (guint64, size);
  t->values = g_new (guint32, size);
  t->mask = size - 1;
  t->used = 0;
}

static void
child_table_clear (ChildTable *t)
{
  g_clear_pointer (&t->keys, g_free);
  g_clear_pointer (&t->values, g_free);
}

static void
child_table_grow (ChildTable *t)
{
  ChildTable bigger;

  child_table_init (&bigger, (t->mask + 1));
  for (gsize i = 0; i <= t->mask; i++)
    if (t->keys[i] != 0)
      {
        gsize j = child_slot (t->keys[i]) & bigger.mask;
        while (bigger.keys[j] != 0)
          j = (j + 1) & bigger.mask;
        bigger.keys[j] = t->keys[i];
        bigger.values[j] = t->values[i];
      }
  bigger.used = t->used;
  child_table_clear (t);
  *t = bigger;
}

/* --- Building --------------------------------------------------------------- */

static PpvStackTree *
stack_tree_alloc (PpvReportContext *ctx,
                  PpvStackTreeKind  kind)
{
  PpvStackTree *self = g_new0 (PpvStackTree, 1);
  StackNode root = { PPV_NONE, PPV_NONE, PPV_NONE, PPV_NONE, 0, FALSE };

  self->ref_count = 1;
  self->kind = kind;
  self->ctx = _ppv_report_context_ref (ctx);
  self->mean = _ppv_report_context_get_options (ctx)->mean;
  self->nodes = g_array_new (FALSE, FALSE, sizeof (StackNode));
  g_array_append_val (self->nodes, root);
  return self;
}

/* The child of @parent for @frame, added when new. */
static guint32
find_or_add_child (PpvStackTree *self,
                   ChildTable   *table,
                   guint32       parent,
                   guint32       frame,
                   gboolean      inlined)
{
  guint64 key = child_key (parent, frame, inlined);
  gsize i = child_slot (key) & table->mask;
  StackNode node;

  while (table->keys[i] != 0)
    {
      if (table->keys[i] == key)
        return table->values[i];
      i = (i + 1) & table->mask;
    }

  node.frame = frame;
  node.parent = parent;
  node.first_child = node.next_sibling = PPV_NONE;
  node.depth = g_array_index (self->nodes, StackNode, parent).depth + 1;
  node.inlined = inlined;
  g_array_append_val (self->nodes, node);
  self->max_depth = MAX (self->max_depth, node.depth);

  table->keys[i] = key;
  table->values[i] = self->nodes->len - 1;
  if (++table->used * 2 > table->mask)
    child_table_grow (table);
  return self->nodes->len - 1;
}

static void
alloc_values (PpvStackTree *self,
              gboolean      with_base)
{
  gsize n = MAX (self->nodes->len, 1);

  self->self_value = g_new0 (gint64, n);
  self->total_value = g_new0 (gint64, n);
  if (self->mean)
    {
      self->self_div = g_new0 (gint64, n);
      self->total_div = g_new0 (gint64, n);
    }
  if (with_base)
    self->base_total = g_new0 (gint64, n);
}

static const char *
node_name (PpvStackTree *self,
           guint32       node)
{
  const StackNode *n = &g_array_index (self->nodes, StackNode, node);

  if (n->frame == PPV_NONE)
    return self->root_name ? self->root_name : "root";
  return _ppv_node_ids_get_info (_ppv_report_context_get_node_ids (self->ctx), n->frame)->printable;
}

typedef struct
{
  PpvStackTree *tree;
  guint32      *order;
} SortData;

/* Decreasing total, then name, then node index for a stable order. */
static int
compare_children (const void *a,
                  const void *b,
                  void       *data)
{
  SortData *sd = data;
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  gint64 tx = ppv_stack_tree_get_total (sd->tree, x);
  gint64 ty = ppv_stack_tree_get_total (sd->tree, y);
  int c;

  if (tx != ty)
    return tx > ty ? -1 : 1;
  c = strcmp (node_name (sd->tree, x), node_name (sd->tree, y));
  if (c != 0)
    return c;
  return x < y ? -1 : x > y;
}

/* Links every node's children in display order. */
static void
link_children (PpvStackTree *self)
{
  guint32 n = self->nodes->len;
  StackNode *nodes = (StackNode *) self->nodes->data;
  g_autofree guint32 *offset = g_new0 (guint32, n + 1);
  g_autofree guint32 *children = g_new (guint32, MAX (n, 1));
  SortData sd = { self, NULL };

  for (guint32 i = 1; i < n; i++)
    offset[nodes[i].parent + 1]++;
  for (guint32 i = 0; i < n; i++)
    offset[i + 1] += offset[i];
  {
    g_autofree guint32 *fill = g_memdup2 (offset, (n + 1) * sizeof (guint32));
    for (guint32 i = 1; i < n; i++)
      children[fill[nodes[i].parent]++] = i;
  }

  for (guint32 p = 0; p < n; p++)
    {
      guint32 start = offset[p], end = offset[p + 1];

      if (end - start > 1)
        g_qsort_with_data (children + start, end - start, sizeof (guint32),
                           compare_children, &sd);
      nodes[p].first_child = start < end ? children[start] : PPV_NONE;
      for (guint32 k = start; k < end; k++)
        nodes[children[k]].next_sibling = k + 1 < end ? children[k + 1] : PPV_NONE;
    }
}

/* Adds each node's values to its ancestors': nodes are appended after
 * their parents, so one backward sweep sums every subtree. */
static void
sum_totals (PpvStackTree *self)
{
  StackNode *nodes = (StackNode *) self->nodes->data;

  for (guint32 i = self->nodes->len; i-- > 1;)
    {
      guint32 p = nodes[i].parent;

      self->total_value[p] += self->total_value[i];
      if (self->total_div)
        self->total_div[p] += self->total_div[i];
      if (self->base_total)
        self->base_total[p] += self->base_total[i];
    }
}

/* Every kept sample's frames, outermost first, one after another: a frame
 * is its node id, with INLINED_BIT on the inlined lines of a location. */
#define INLINED_BIT 0x80000000u

typedef struct
{
  guint32 *frames;
  guint64 *offset;     /* per kept sample, + 1 */
  guint32 *sample;     /* the profile's sample index of each */
  guint32  n;
} Stacks;

static void
stacks_clear (Stacks *st)
{
  g_clear_pointer (&st->frames, g_free);
  g_clear_pointer (&st->offset, g_free);
  g_clear_pointer (&st->sample, g_free);
}

static gboolean
collect_stacks (PpvReportContext *ctx,
                Stacks           *st,
                GCancellable     *cancellable,
                GError          **error)
{
  PpvProfile *profile = _ppv_report_context_get_profile (ctx);
  const PpvFrameSelection *sel = _ppv_report_context_get_selection (ctx);
  const PpvNodeIds *ids = _ppv_report_context_get_node_ids (ctx);
  guint64 n_frames = 0;
  guint32 n = 0;

  /* Count first, so the frames land in one allocation. */
  st->sample = g_new (guint32, MAX (profile->n_samples, 1));
  for (guint32 s = 0; s < profile->n_samples; s++)
    {
      const guint32 *stack = profile->stacks + profile->samples[s].stack_offset;
      gint64 w, dw;

      if (!_ppv_report_context_sample_weight (ctx, s, &w, &dw))
        continue;
      for (guint32 i = _ppv_frame_selection_sample_start (sel, s); i < sel->sample_depth[s]; i++)
        n_frames += sel->loc_lines_offset[stack[i] + 1] - sel->loc_lines_offset[stack[i]];
      st->sample[n++] = s;
    }

  st->n = n;
  st->frames = g_new (guint32, MAX (n_frames, 1));
  st->offset = g_new (guint64, n + 1);
  st->offset[0] = 0;
  n_frames = 0;
  for (guint32 k = 0; k < n; k++)
    {
      guint32 s = st->sample[k];
      const guint32 *stack = profile->stacks + profile->samples[s].stack_offset;

      if ((k & 0xffff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* Outermost location first; in a location, its outermost line first. */
      for (guint32 i = sel->sample_depth[s]; i > _ppv_frame_selection_sample_start (sel, s); i--)
        {
          guint32 loc = stack[i - 1];
          guint32 start = sel->loc_lines_offset[loc], end = sel->loc_lines_offset[loc + 1];

          for (guint32 j = end; j > start; j--)
            st->frames[n_frames++] = ids->frame_info[j - 1] | (j != end ? INLINED_BIT : 0);
        }
      st->offset[k + 1] = n_frames;
    }
  return TRUE;
}

static int
compare_stacks (const void *a,
                const void *b,
                void       *data)
{
  const Stacks *st = data;
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  const guint32 *fx = st->frames + st->offset[x], *fy = st->frames + st->offset[y];
  guint64 nx = st->offset[x + 1] - st->offset[x], ny = st->offset[y + 1] - st->offset[y];
  guint64 n = MIN (nx, ny);

  for (guint64 i = 0; i < n; i++)
    if (fx[i] != fy[i])
      return fx[i] < fy[i] ? -1 : 1;
  return nx < ny ? -1 : nx > ny;
}

/* With the stacks sorted, each one shares a prefix with the one before:
 * only the rest makes new nodes, so no lookup is needed, and nodes come in
 * pre-order (a parent before its children). */
static gboolean
build_nodes (PpvStackTree *self,
             Stacks       *st,
             guint32      *leaf_of,
             GCancellable *cancellable,
             GError      **error)
{
  g_autofree guint32 *order = g_new (guint32, MAX (st->n, 1));
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint32));
  const guint32 *previous = NULL;
  guint64 previous_len = 0;
  guint32 root = 0;

  for (guint32 k = 0; k < st->n; k++)
    order[k] = k;
  g_qsort_with_data (order, st->n, sizeof (guint32), compare_stacks, st);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  g_array_append_val (path, root);
  for (guint32 i = 0; i < st->n; i++)
    {
      guint32 k = order[i];
      const guint32 *frames = st->frames + st->offset[k];
      guint64 len = st->offset[k + 1] - st->offset[k];
      guint64 common = 0;

      if ((i & 0xffff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      while (common < len && common < previous_len && frames[common] == previous[common])
        common++;
      g_array_set_size (path, common + 1);
      for (guint64 d = common; d < len; d++)
        {
          StackNode node;
          guint32 added;

          node.frame = frames[d] & ~INLINED_BIT;
          node.inlined = (frames[d] & INLINED_BIT) != 0;
          node.parent = g_array_index (path, guint32, d);
          node.first_child = node.next_sibling = PPV_NONE;
          node.depth = d + 1;
          g_array_append_val (self->nodes, node);
          added = self->nodes->len - 1;
          g_array_append_val (path, added);
        }
      self->max_depth = MAX (self->max_depth, (guint32) len);
      leaf_of[k] = g_array_index (path, guint32, len);
      previous = frames;
      previous_len = len;
    }
  return TRUE;
}

PpvStackTree *
ppv_stack_tree_new (PpvProfile             *profile,
                    const PpvReportOptions *options,
                    GCancellable           *cancellable,
                    GError                **error)
{
  g_autoptr(PpvReportContext) ctx = NULL;
  g_autoptr(PpvStackTree) self = NULL;
  g_autofree guint32 *leaf_of = NULL;
  Stacks st = { NULL, NULL, NULL, 0 };
  gboolean with_base = FALSE;

  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  ctx = _ppv_report_context_new (profile, options, cancellable, error);
  if (ctx == NULL)
    return NULL;
  self = stack_tree_alloc (ctx, PPV_STACK_TREE_TOP_DOWN);
  {
    const PpvFrameSelection *sel = _ppv_report_context_get_selection (ctx);
    GPtrArray *warnings = g_ptr_array_new ();

    for (guint i = 0; i < sel->warnings->len; i++)
      g_ptr_array_add (warnings, g_strdup (g_ptr_array_index (sel->warnings, i)));
    g_ptr_array_add (warnings, NULL);
    self->warnings = (char **) g_ptr_array_free (warnings, FALSE);
  }

  if (!collect_stacks (ctx, &st, cancellable, error))
    {
      stacks_clear (&st);
      return NULL;
    }
  leaf_of = g_new (guint32, MAX (st.n, 1));
  if (!build_nodes (self, &st, leaf_of, cancellable, error))
    {
      stacks_clear (&st);
      return NULL;
    }
  g_clear_pointer (&st.frames, g_free);
  g_clear_pointer (&st.offset, g_free);

  for (guint32 k = 0; k < st.n && !with_base; k++)
    with_base = _ppv_report_context_is_diff_base_sample (ctx, st.sample[k]);
  alloc_values (self, with_base);
  for (guint32 k = 0; k < st.n; k++)
    {
      guint32 s = st.sample[k], leaf = leaf_of[k];
      gint64 w, dw;

      _ppv_report_context_sample_weight (ctx, s, &w, &dw);
      self->self_value[leaf] += w;
      self->total_value[leaf] += w;
      if (self->mean)
        {
          self->self_div[leaf] += dw;
          self->total_div[leaf] += dw;
        }
      if (with_base && _ppv_report_context_is_diff_base_sample (ctx, s))
        self->base_total[leaf] += w;
    }
  stacks_clear (&st);

  sum_totals (self);
  link_children (self);
  return g_steal_pointer (&self);
}

/* --- Pivots ----------------------------------------------------------------- */

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
      guint32 child = find_or_add_child (pv->into, &pv->table, into_node, fn[c].frame, fn[c].inlined);

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

  self = stack_tree_alloc (tree->ctx, kind);
  self->root_name = g_strdup (name);
  self->mean = tree->mean;
  alloc_values (self, tree->base_total != NULL);
  capacity = 1;

  pv.from = tree;
  pv.into = self;
  child_table_init (&pv.table, 1024);
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
          child_table_clear (&pv.table);
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
              at = find_or_add_child (self, &pv.table, at, nodes[p].frame, nodes[p].inlined);
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
  child_table_clear (&pv.table);

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

  link_children (self);
  return g_steal_pointer (&self);
}

/* --- Accessors ---------------------------------------------------------------- */

PpvStackTree *
ppv_stack_tree_ref (PpvStackTree *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ppv_stack_tree_unref (PpvStackTree *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;
  _ppv_report_context_unref (self->ctx);
  g_free (self->root_name);
  g_strfreev (self->warnings);
  g_array_unref (self->nodes);
  g_free (self->self_value);
  g_free (self->self_div);
  g_free (self->total_value);
  g_free (self->total_div);
  g_free (self->base_total);
  g_free (self);
}

static inline const StackNode *
get_node (PpvStackTree *self,
          guint32       node)
{
  g_assert (node < self->nodes->len);
  return &g_array_index (self->nodes, StackNode, node);
}

PpvStackTreeKind ppv_stack_tree_get_kind (PpvStackTree *self) { return self->kind; }
guint32 ppv_stack_tree_get_n_nodes (PpvStackTree *self) { return self->nodes->len; }
guint32 ppv_stack_tree_get_max_depth (PpvStackTree *self) { return self->max_depth; }
guint32 ppv_stack_tree_get_parent (PpvStackTree *self, guint32 node) { return get_node (self, node)->parent; }
guint32 ppv_stack_tree_get_first_child (PpvStackTree *self, guint32 node) { return get_node (self, node)->first_child; }
guint32 ppv_stack_tree_get_next_sibling (PpvStackTree *self, guint32 node) { return get_node (self, node)->next_sibling; }
guint32 ppv_stack_tree_get_depth (PpvStackTree *self, guint32 node) { return get_node (self, node)->depth; }
gboolean ppv_stack_tree_is_inlined (PpvStackTree *self, guint32 node) { return get_node (self, node)->inlined; }
gboolean ppv_stack_tree_has_base (PpvStackTree *self) { return self->base_total != NULL; }

const char *
ppv_stack_tree_get_name (PpvStackTree *self,
                         guint32       node)
{
  get_node (self, node);
  return node_name (self, node);
}

const char *
ppv_stack_tree_get_function (PpvStackTree *self,
                             guint32       node)
{
  const StackNode *n = get_node (self, node);

  if (n->frame == PPV_NONE)
    return self->root_name ? self->root_name : "";
  return _ppv_node_ids_get_info (_ppv_report_context_get_node_ids (self->ctx), n->frame)->name;
}

gint64
ppv_stack_tree_get_self (PpvStackTree *self,
                         guint32       node)
{
  get_node (self, node);
  return self->self_div ? _ppv_div_value (self->self_value[node], self->self_div[node])
                        : self->self_value[node];
}

gint64
ppv_stack_tree_get_total (PpvStackTree *self,
                          guint32       node)
{
  get_node (self, node);
  return self->total_div ? _ppv_div_value (self->total_value[node], self->total_div[node])
                         : self->total_value[node];
}

gint64
ppv_stack_tree_get_base_total (PpvStackTree *self,
                               guint32       node)
{
  get_node (self, node);
  return self->base_total ? self->base_total[node] : 0;
}

gint64
ppv_stack_tree_get_report_total (PpvStackTree *self)
{
  return _ppv_report_context_get_total (self->ctx);
}

const char *
ppv_stack_tree_get_type_name (PpvStackTree *self)
{
  return _ppv_report_context_get_type_name (self->ctx);
}

char *
ppv_stack_tree_format_value (PpvStackTree *self,
                             gint64        value)
{
  const char *unit = _ppv_report_context_get_options (self->ctx)->unit;

  return _ppv_report_context_format_value (self->ctx, unit && unit[0] ? unit : "minimum", value);
}

const char * const *
ppv_stack_tree_get_warnings (PpvStackTree *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (self != NULL, NULL);
  return self->warnings ? (const char * const *) self->warnings : none;
}

gsize
ppv_stack_tree_get_memory_size (PpvStackTree *self)
{
  gsize n = self->nodes->len;
  gsize arrays = 2 + (self->self_div ? 2 : 0) + (self->base_total ? 1 : 0);

  return sizeof *self + n * sizeof (StackNode) + n * arrays * sizeof (gint64);
}

/* --- Folded stacks -------------------------------------------------------------- */

/* Lines must come out in byte order without sorting gigabytes of text.
 * Among the lines below one parent, a name's own line ("name VALUE") and
 * the block of its descendants' lines ("name;…") are each contiguous, but
 * a sibling "name.func1" falls between them ('.' sorts between ' ' and
 * ';').  So each name of a level gives up to two entries, keyed by what
 * their lines start with, and the entries are sorted; nodes that print
 * alike (an inlined and a plain call) are one name. */
typedef struct
{
  guint32 node;          /* a node of the name */
  guint32 parents;       /* block: its nodes, at [parents, parents + n) of the parent stack */
  guint32 n;
  guint8  is_block;
  guint8  text_len;
  gint64  value;         /* own line: the summed self */
  char    text[24];      /* own line: " VALUE\n" */
} FoldedEntry;

typedef struct
{
  PpvStackTree  *tree;
  const char   **names;       /* per frame id: the name with ';' and line breaks replaced */
  guint32       *name_len;
  GStringChunk  *cleaned;
  GArray        *entries;     /* FoldedEntry, a stack of every level's entries */
  GArray        *parents;     /* guint32, a stack of node sets */
  GOutputStream *out;
  GString       *buffer;
  GString       *prefix;
  GCancellable  *cancellable;
  GError       **error;
  gboolean       failed;
  guint          lines;
} FoldedWriter;

static void
folded_names_init (FoldedWriter *w)
{
  const PpvNodeIds *ids = _ppv_report_context_get_node_ids (w->tree->ctx);
  guint32 n = _ppv_node_ids_get_n (ids);

  w->names = g_new (const char *, MAX (n, 1));
  w->name_len = g_new (guint32, MAX (n, 1));
  w->cleaned = g_string_chunk_new (4096);
  for (guint32 i = 0; i < n; i++)
    {
      const char *name = _ppv_node_ids_get_info (ids, i)->printable;

      if (strpbrk (name, ";\r\n") != NULL)
        {
          char *copy = g_string_chunk_insert (w->cleaned, name);
          for (char *c = copy; *c; c++)
            *c = *c == ';' ? ':' : (*c == '\n' || *c == '\r') ? ' ' : *c;
          name = copy;
        }
      w->names[i] = name;
      w->name_len[i] = strlen (name);
    }
}

static inline const char *
entry_name (FoldedWriter      *w,
            const FoldedEntry *e,
            guint32           *len)
{
  guint32 frame = g_array_index (w->tree->nodes, StackNode, e->node).frame;

  *len = w->name_len[frame];
  return w->names[frame];
}

/* Compares what two entries' lines start with: the name, then ';' for a
 * block, or " VALUE\n" for an own line (@with_value FALSE: ' ' only). */
static int
compare_entries (FoldedWriter      *w,
                 const FoldedEntry *a,
                 const FoldedEntry *b,
                 gboolean           with_value)
{
  guint32 la, lb;
  const char *na = entry_name (w, a, &la), *nb = entry_name (w, b, &lb);
  const char *ta = a->is_block ? ";" : with_value ? a->text : " ";
  const char *tb = b->is_block ? ";" : with_value ? b->text : " ";
  guint32 tla = a->is_block ? 1 : with_value ? a->text_len : 1;
  guint32 tlb = b->is_block ? 1 : with_value ? b->text_len : 1;
  int c = memcmp (na, nb, MIN (la, lb));

  if (c != 0)
    return c;
  /* One name starts the other: the rest decides, a few bytes at most. */
  for (guint32 i = MIN (la, lb);; i++)
    {
      int ca = i < la ? (guchar) na[i] : i - la < tla ? (guchar) ta[i - la] : -1;
      int cb = i < lb ? (guchar) nb[i] : i - lb < tlb ? (guchar) tb[i - lb] : -1;

      if (ca != cb)
        return ca < cb ? -1 : 1;
      if (ca < 0)
        return 0;
    }
}

static int
compare_by_name (const void *a,
                 const void *b,
                 void       *data)
{
  return compare_entries (data, a, b, FALSE);
}

static int
compare_by_line (const void *a,
                 const void *b,
                 void       *data)
{
  return compare_entries (data, a, b, TRUE);
}

static void
folded_flush (FoldedWriter *w)
{
  if (w->failed || w->buffer->len == 0)
    return;
  if (!g_output_stream_write_all (w->out, w->buffer->str, w->buffer->len, NULL,
                                  w->cancellable, w->error))
    w->failed = TRUE;
  g_string_truncate (w->buffer, 0);
}

/* Writes the lines below the nodes at [first, first + n) of the parent
 * stack (nodes that print alike). */
static void
folded_write_level (FoldedWriter *w,
                    guint32       first,
                    guint32       n)
{
  PpvStackTree *tree = w->tree;
  const StackNode *nodes = (const StackNode *) tree->nodes->data;
  guint32 base = w->entries->len, end, merged;

  /* Two entries per child: its own line, its block. */
  for (guint32 i = 0; i < n; i++)
    for (guint32 c = nodes[g_array_index (w->parents, guint32, first + i)].first_child;
         c != PPV_NONE; c = nodes[c].next_sibling)
      {
        FoldedEntry e = { c, 0, 0, FALSE, 0, ppv_stack_tree_get_self (tree, c), "" };

        g_array_append_val (w->entries, e);
        if (nodes[c].first_child != PPV_NONE)
          {
            e.is_block = TRUE;
            g_array_append_val (w->entries, e);
          }
      }
  end = w->entries->len;

  /* One child (most levels of deep trees): its own line, then its block. */
  if (n == 1 && end - base <= 2 &&
      nodes[g_array_index (w->parents, guint32, first)].first_child != PPV_NONE &&
      nodes[nodes[g_array_index (w->parents, guint32, first)].first_child].next_sibling == PPV_NONE)
    {
      FoldedEntry *e = &g_array_index (w->entries, FoldedEntry, base);

      if (e->is_block)
        {
          e->parents = w->parents->len;
          e->n = 1;
          g_array_append_val (w->parents, e->node);
        }
      else
        {
          e->text_len = g_snprintf (e->text, sizeof e->text, " %" G_GINT64_FORMAT "\n", e->value);
          if (end - base == 2)
            {
              FoldedEntry *block = e + 1;
              block->parents = w->parents->len;
              block->n = 1;
              g_array_append_val (w->parents, block->node);
            }
          if (e->value == 0)
            {
              /* No own line: the block alone. */
              g_array_remove_index (w->entries, base);
              end--;
            }
        }
      merged = end;
      goto write;
    }

  if (end - base > 1)
    g_qsort_with_data (&g_array_index (w->entries, FoldedEntry, base), end - base,
                       sizeof (FoldedEntry), compare_by_name, w);

  /* Merge entries of one name and kind; a block's nodes go on the stack. */
  merged = base;
  for (guint32 i = base; i < end;)
    {
      FoldedEntry e = g_array_index (w->entries, FoldedEntry, i);
      guint32 j = i + 1;

      if (e.is_block)
        {
          e.parents = w->parents->len;
          g_array_append_val (w->parents, e.node);
        }
      for (; j < end && compare_by_name (&g_array_index (w->entries, FoldedEntry, i),
                                         &g_array_index (w->entries, FoldedEntry, j), w) == 0; j++)
        {
          const FoldedEntry *same = &g_array_index (w->entries, FoldedEntry, j);
          if (e.is_block)
            g_array_append_val (w->parents, same->node);
          else
            e.value += same->value;
        }
      e.n = e.is_block ? w->parents->len - e.parents : 0;
      if (!e.is_block)
        e.text_len = g_snprintf (e.text, sizeof e.text, " %" G_GINT64_FORMAT "\n", e.value);
      if (e.is_block || e.value != 0)
        g_array_index (w->entries, FoldedEntry, merged++) = e;
      i = j;
    }
  g_array_set_size (w->entries, merged);
  if (merged - base > 1)
    g_qsort_with_data (&g_array_index (w->entries, FoldedEntry, base), merged - base,
                       sizeof (FoldedEntry), compare_by_line, w);

write:
  for (guint32 i = base; i < merged && !w->failed; i++)
    {
      FoldedEntry e = g_array_index (w->entries, FoldedEntry, i);
      guint32 len;
      const char *name = entry_name (w, &e, &len);

      if (e.is_block)
        {
          gsize prefix_len = w->prefix->len;

          g_string_append_len (w->prefix, name, len);
          g_string_append_c (w->prefix, ';');
          folded_write_level (w, e.parents, e.n);
          g_string_truncate (w->prefix, prefix_len);
          continue;
        }
      g_string_append_len (w->buffer, w->prefix->str, w->prefix->len);
      g_string_append_len (w->buffer, name, len);
      g_string_append_len (w->buffer, e.text, e.text_len);
      if (w->buffer->len > (1 << 20))
        folded_flush (w);
      if ((++w->lines & 0xfff) == 0 &&
          g_cancellable_set_error_if_cancelled (w->cancellable, w->error))
        w->failed = TRUE;
    }
  g_array_set_size (w->entries, base);
}

gboolean
ppv_stack_tree_write_folded (PpvStackTree  *self,
                             GOutputStream *out,
                             GCancellable  *cancellable,
                             GError       **error)
{
  FoldedWriter w = { 0 };
  guint32 root = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->kind == PPV_STACK_TREE_TOP_DOWN, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  w.tree = self;
  w.out = out;
  w.cancellable = cancellable;
  w.error = error;
  w.buffer = g_string_sized_new ((1 << 20) + 4096);
  w.prefix = g_string_new (NULL);
  w.entries = g_array_new (FALSE, FALSE, sizeof (FoldedEntry));
  w.parents = g_array_new (FALSE, FALSE, sizeof (guint32));
  folded_names_init (&w);

  g_array_append_val (w.parents, root);
  folded_write_level (&w, 0, 1);
  folded_flush (&w);

  g_string_free (w.buffer, TRUE);
  g_string_free (w.prefix, TRUE);
  g_array_unref (w.entries);
  g_array_unref (w.parents);
  g_free (w.names);
  g_free (w.name_len);
  g_string_chunk_free (w.cleaned);
  return !w.failed;
}

char *
ppv_stack_tree_format_folded (PpvStackTree *self)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  gboolean ok;

  g_return_val_if_fail (self != NULL, NULL);

  ok = ppv_stack_tree_write_folded (self, out, NULL, NULL);
  g_assert (ok);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}
