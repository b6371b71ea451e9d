/* ppv-stack-tree.c — the prefix tree of a profile's stacks.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tree is its sorted stacks (ppv-stack-tree-build.c, and the private
 * header says how): a node is a run of them, its total one subtraction of
 * running sums.  Nodes are made only where they are looked at, so a
 * flame graph of 31 million distinct frames costs the few thousand boxes
 * wider than a pixel, and zooming or walking makes the rest as it goes.
 * Pivots (ppv-stack-tree-pivot.c) go through the same builder; folded
 * output (ppv-stack-tree-folded.c) works from the sorted stacks.
 */
#include <stdlib.h>
#include <string.h>

#include "ppv-stack-tree-private.h"

G_DEFINE_BOXED_TYPE (PpvStackTree, ppv_stack_tree, ppv_stack_tree_ref, ppv_stack_tree_unref)

/* --- Nodes ------------------------------------------------------------------ */

/* The builder makes nodes down to this share of the root's stacks' value
 * (a pixel of a wide view); a node below it has its children made when
 * first asked.  Small trees are made whole. */
#define RESOLUTION          4096
#define SMALL_TREE_FRAMES   (1u << 16)

static PpvStackTree *
stack_tree_alloc (PpvReportContext *ctx,
                  PpvStackTreeKind  kind)
{
  PpvStackTree *self = g_new0 (PpvStackTree, 1);

  self->ref_count = 1;
  self->kind = kind;
  self->ctx = _ppv_report_context_ref (ctx);
  g_mutex_init (&self->lock);
  return self;
}

const char *
_ppv_stack_tree_frame_name (PpvStackTree *self,
                            guint32       frame)
{
  if (frame == PPV_NONE)
    return self->root_name ? self->root_name : "root";
  return _ppv_node_ids_get_info (_ppv_report_context_get_node_ids (self->ctx),
                                 frame & ~STACK_TREE_INLINED_BIT)->printable;
}

static inline gint64
node_total (PpvStackTree    *self,
            const StackNode *n)
{
  return _ppv_sorted_stacks_value (&self->stacks, n->lo, n->hi);
}

/* How wide a flame graph draws @n, in raw sample values: its increases
 * plus its decreases in a comparison, else its absolute value. */
static inline gint64
node_weight (PpvStackTree    *self,
             const StackNode *n)
{
  const SortedStacks *st = &self->stacks;
  gint64 value = st->sum_value[n->hi] - st->sum_value[n->lo];

  if (st->sum_neg != NULL)
    {
      gint64 neg = st->sum_neg[n->hi] - st->sum_neg[n->lo];
      return ABS (value - neg) + ABS (neg);
    }
  return ABS (value);
}

/* The first stack of [lo, hi) that does not pass @test; they all pass
 * up to it.  Galloping: a run is found in time logarithmic in its length,
 * so a node's children cost their number, not their stacks'. */
#define GALLOP(result, lo, hi, test)                      \
  G_STMT_START {                                          \
    guint32 _a = (lo), _b, _step = 1, i;                  \
    if (_a >= (hi) || !({ i = _a; (test); }))             \
      { (result) = _a; break; }                           \
    while (_a + _step < (hi) && ({ i = _a + _step; (test); })) \
      {                                                   \
        _a += _step;                                      \
        _step *= 2;                                       \
      }                                                   \
    _b = MIN ((guint64) _a + _step, (guint64) (hi));      \
    while (_b - _a > 1)                                   \
      {                                                   \
        guint32 _m = _a + (_b - _a) / 2;                  \
        i = _m;                                           \
        if (test)                                         \
          _a = _m;                                        \
        else                                              \
          _b = _m;                                        \
      }                                                   \
    (result) = _b;                                        \
  } G_STMT_END

static inline guint32
stack_len (const SortedStacks *st,
           guint32             i)
{
  return (guint32) (st->offset[i + 1] - st->offset[i]);
}

/* Within a node's stacks, those that end at it come first (a stack sorts
 * before the longer ones it starts). */
static guint32
find_self_end (const SortedStacks *st,
               guint32             lo,
               guint32             hi,
               guint32             depth)
{
  guint32 end;

  GALLOP (end, lo, hi, stack_len (st, i) == depth);
  return end;
}

static guint32
append_node (PpvStackTree    *self,
             const StackNode *node)
{
  guint32 id = self->n_nodes;
  guint32 chunk = id >> STACK_TREE_CHUNK_BITS;

  g_assert (chunk < self->n_chunks);
  if (self->chunks[chunk] == NULL)
    self->chunks[chunk] = g_new (StackNode, 1u << STACK_TREE_CHUNK_BITS);
  *_ppv_stack_tree_node (self, id) = *node;
  /* Readers only reach it through the parent's first_child, stored
   * after every child; the count is for bounds checks. */
  g_atomic_int_set ((gint *) &self->n_nodes, (gint) (id + 1));
  return id;
}

/* A child being ordered: its total worked out once. */
typedef struct
{
  gint64  total;
  guint32 frame;
  guint32 id;
} Child;

guint32 *
_ppv_stack_tree_rank (guint32          n,
                      GCompareDataFunc compare,
                      gpointer         data,
                      guint32        **position)
{
  g_autofree guint32 *order = g_new (guint32, MAX (n, 1));
  guint32 *rank = g_new (guint32, MAX (n, 1));

  for (guint32 i = 0; i < n; i++)
    order[i] = i;
  /* Stable: ids that compare equal stay in id order. */
  g_qsort_with_data (order, n, sizeof (guint32), compare, data);
  for (guint32 k = 0; k < n; k++)
    rank[order[k]] = k > 0 && compare (&order[k - 1], &order[k], data) == 0 ? rank[order[k - 1]] : k;
  if (position != NULL)
    {
      *position = g_new (guint32, MAX (n, 1));
      for (guint32 k = 0; k < n; k++)
        (*position)[order[k]] = k;
    }
  return rank;
}

/* Every node id's place in name order: a node with many children of
 * equal totals (a flat profile's root) then orders them without reading
 * their names. */
static void
rank_names (PpvStackTree *self)
{
  const PpvNodeIds *ids = _ppv_report_context_get_node_ids (self->ctx);

  self->name_rank = _ppv_node_ids_get_name_rank (ids);
}

/* Decreasing total, then name, then frame (inlined after plain). */
static int
compare_children (const void *a,
                  const void *b,
                  void       *data)
{
  PpvStackTree *tree = data;
  const Child *x = a, *y = b;
  int c;

  if (x->total != y->total)
    return x->total > y->total ? -1 : 1;
  if (x->frame == y->frame)
    return 0;
  if (tree->name_rank != NULL)
    {
      guint32 rx = tree->name_rank[x->frame & ~STACK_TREE_INLINED_BIT];
      guint32 ry = tree->name_rank[y->frame & ~STACK_TREE_INLINED_BIT];
      c = rx < ry ? -1 : rx > ry;
    }
  else
    c = strcmp (_ppv_stack_tree_frame_name (tree, x->frame), _ppv_stack_tree_frame_name (tree, y->frame));
  if (c != 0)
    return c;
  return x->frame < y->frame ? -1 : 1;
}

/* Makes @parent's children, one per run of its stacks past their shared
 * frames, and links them in display order.  Called with the lock held. */
static void
make_children (PpvStackTree *self,
               guint32       parent,
               GArray       *scratch)
{
  const SortedStacks *st = &self->stacks;
  StackNode *p = _ppv_stack_tree_node (self, parent);
  guint32 depth = p->depth, s = p->self_end, hi = p->hi;
  Child *children;

  if (g_atomic_int_get ((gint *) &p->first_child) != (gint) STACK_TREE_UNBUILT)
    return;

  g_array_set_size (scratch, 0);
  while (s < hi)
    {
      guint32 frame = st->frames[st->offset[s] + depth];
      StackNode child = { frame, parent, PPV_NONE, PPV_NONE, depth + 1, s, 0, 0 };
      Child c;

      GALLOP (child.hi, s, hi, st->frames[st->offset[i] + depth] == frame);
      child.self_end = find_self_end (st, child.lo, child.hi, depth + 1);
      if (child.self_end < child.hi)
        child.first_child = STACK_TREE_UNBUILT;
      c.total = _ppv_sorted_stacks_value (st, child.lo, child.hi);
      c.frame = frame;
      c.id = append_node (self, &child);
      g_array_append_val (scratch, c);
      s = child.hi;
    }

  children = (Child *) scratch->data;
  if (scratch->len > 4096 && self->name_rank == NULL)
    rank_names (self);
  if (scratch->len > 1)
    g_qsort_with_data (children, scratch->len, sizeof (Child), compare_children, self);
  for (guint k = 0; k + 1 < scratch->len; k++)
    _ppv_stack_tree_node (self, children[k].id)->next_sibling = children[k + 1].id;
  g_atomic_int_set ((gint *) &p->first_child, scratch->len > 0 ? (gint) children[0].id : (gint) PPV_NONE);
}

/* @node's first child, made now if it was not yet. */
static guint32
first_child (PpvStackTree *self,
             guint32       node)
{
  StackNode *n = _ppv_stack_tree_node (self, node);
  guint32 first = (guint32) g_atomic_int_get ((gint *) &n->first_child);

  if (G_LIKELY (first != STACK_TREE_UNBUILT))
    return first;

  g_mutex_lock (&self->lock);
  {
    g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (Child));
    make_children (self, node, scratch);
  }
  g_mutex_unlock (&self->lock);
  return (guint32) g_atomic_int_get ((gint *) &n->first_child);
}

/* Makes the root, then the children of every node wider than the
 * resolution, widest levels first. */
static gboolean
make_nodes (PpvStackTree *self,
            gboolean      root_only,
            GCancellable *cancellable,
            GError      **error)
{
  const SortedStacks *st = &self->stacks;
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (Child));
  StackNode root = { PPV_NONE, PPV_NONE, PPV_NONE, PPV_NONE, 0, 0, st->n, 0 };
  gint64 threshold;
  gboolean whole = st->offset[st->n] <= SMALL_TREE_FRAMES;

  /* At most one node per frame, and the root. */
  self->n_chunks = (guint32) ((st->offset[st->n] + 1) >> STACK_TREE_CHUNK_BITS) + 1;
  self->chunks = g_new0 (StackNode *, self->n_chunks);

  root.self_end = find_self_end (st, 0, st->n, 0);
  if (root.self_end < root.hi)
    root.first_child = STACK_TREE_UNBUILT;
  append_node (self, &root);
  if (root_only)
    return TRUE;

  threshold = MAX (node_weight (self, _ppv_stack_tree_node (self, 0)) / RESOLUTION, 1);
  for (guint32 node = 0; node < self->n_nodes; node++)
    {
      StackNode *n = _ppv_stack_tree_node (self, node);

      if ((node & 0xfff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (n->first_child != STACK_TREE_UNBUILT)
        continue;
      if (!whole && node_weight (self, n) < threshold)
        continue;
      make_children (self, node, scratch);
    }
  return TRUE;
}

gboolean
ppv_stack_tree_make_below (PpvStackTree *self,
                           guint32       node,
                           GCancellable *cancellable)
{
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint32));
  gint64 threshold;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (node < ppv_stack_tree_get_n_nodes (self), FALSE);

  threshold = MAX (node_weight (self, _ppv_stack_tree_node (self, node)) / RESOLUTION, 1);
  g_array_append_val (queue, node);
  for (guint i = 0; i < queue->len; i++)
    {
      guint32 parent = g_array_index (queue, guint32, i);

      if ((i & 0xfff) == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;
      for (guint32 child = first_child (self, parent); child != PPV_NONE;
           child = _ppv_stack_tree_node (self, child)->next_sibling)
        if (node_weight (self, _ppv_stack_tree_node (self, child)) >= threshold)
          g_array_append_val (queue, child);
    }
  return TRUE;
}

gboolean
ppv_stack_tree_children_made (PpvStackTree *self,
                              guint32       node)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (node < ppv_stack_tree_get_n_nodes (self), FALSE);

  return g_atomic_int_get ((gint *) &_ppv_stack_tree_node (self, node)->first_child) != (gint) STACK_TREE_UNBUILT;
}

PpvStackTree *
_ppv_stack_tree_build (PpvReportContext *ctx,
                       PpvStackTreeKind  kind,
                       const guint8     *pivot,
                       gboolean          root_only,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autoptr(PpvStackTree) self = stack_tree_alloc (ctx, kind);

  /* Only folded output reads a tree with just its root: its stacks are
   * then sorted as their lines print, so that the lines need no sort. */
  if (root_only && kind == PPV_STACK_TREE_TOP_DOWN)
    self->folded_rank = _ppv_stack_tree_folded_rank (ctx, &self->folded_position);
  if (!_ppv_stack_tree_collect (self, pivot, cancellable, error))
    return NULL;
  if (!make_nodes (self, root_only, cancellable, error))
    return NULL;
  return g_steal_pointer (&self);
}

static PpvStackTree *
new_top_down (PpvProfile             *profile,
              const PpvReportOptions *options,
              gboolean                root_only,
              GCancellable           *cancellable,
              GError                **error)
{
  g_autoptr(PpvReportContext) ctx = NULL;
  PpvStackTree *self;

  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  ctx = _ppv_report_context_new (profile, options, cancellable, error);
  if (ctx == NULL)
    return NULL;
  self = _ppv_stack_tree_build (ctx, PPV_STACK_TREE_TOP_DOWN, NULL, root_only, cancellable, error);
  if (self == NULL)
    return NULL;

  self->warnings = _ppv_frame_selection_dup_warnings (_ppv_report_context_get_selection (ctx));
  return self;
}

PpvStackTree *
ppv_stack_tree_new (PpvProfile             *profile,
                    const PpvReportOptions *options,
                    GCancellable           *cancellable,
                    GError                **error)
{
  return new_top_down (profile, options, FALSE, cancellable, error);
}

PpvStackTree *
ppv_stack_tree_new_root_only (PpvProfile             *profile,
                              const PpvReportOptions *options,
                              GCancellable           *cancellable,
                              GError                **error)
{
  return new_top_down (profile, options, TRUE, cancellable, error);
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
  g_free (self->stacks.frames);
  g_free (self->stacks.offset);
  g_free (self->stacks.sum_value);
  g_free (self->stacks.sum_div);
  g_free (self->stacks.sum_neg);
  for (guint32 c = 0; c < self->n_chunks; c++)
    g_free (self->chunks[c]);
  g_free (self->chunks);
  g_free (self->folded_rank);
  g_free (self->folded_position);
  g_mutex_clear (&self->lock);
  g_free (self);
}

static inline const StackNode *
get_node (PpvStackTree *self,
          guint32       node)
{
  g_assert (node < (guint32) g_atomic_int_get ((gint *) &self->n_nodes));
  return _ppv_stack_tree_node (self, node);
}

PpvStackTreeKind ppv_stack_tree_get_kind (PpvStackTree *self) { return self->kind; }
guint32 ppv_stack_tree_get_n_nodes (PpvStackTree *self) { return (guint32) g_atomic_int_get ((gint *) &self->n_nodes); }
guint32 ppv_stack_tree_get_max_depth (PpvStackTree *self) { return self->max_depth; }
guint32 ppv_stack_tree_get_parent (PpvStackTree *self, guint32 node) { return get_node (self, node)->parent; }
guint32 ppv_stack_tree_get_next_sibling (PpvStackTree *self, guint32 node) { return get_node (self, node)->next_sibling; }
guint32 ppv_stack_tree_get_depth (PpvStackTree *self, guint32 node) { return get_node (self, node)->depth; }
PpvStackTreeComparison ppv_stack_tree_get_comparison (PpvStackTree *self) { return self->comparison; }

gboolean
ppv_stack_tree_is_inlined (PpvStackTree *self,
                           guint32       node)
{
  guint32 frame = get_node (self, node)->frame;

  return frame != PPV_NONE && (frame & STACK_TREE_INLINED_BIT) != 0;
}

guint32
ppv_stack_tree_get_first_child (PpvStackTree *self,
                                guint32       node)
{
  get_node (self, node);
  return first_child (self, node);
}

const char *
ppv_stack_tree_get_name (PpvStackTree *self,
                         guint32       node)
{
  return _ppv_stack_tree_frame_name (self, get_node (self, node)->frame);
}

const char *
ppv_stack_tree_get_function (PpvStackTree *self,
                             guint32       node)
{
  const StackNode *n = get_node (self, node);

  if (n->frame == PPV_NONE)
    return self->root_name ? self->root_name : "";
  return _ppv_node_ids_get_info (_ppv_report_context_get_node_ids (self->ctx),
                                 n->frame & ~STACK_TREE_INLINED_BIT)->name;
}

gint64
ppv_stack_tree_get_self (PpvStackTree *self,
                         guint32       node)
{
  const StackNode *n = get_node (self, node);

  return _ppv_sorted_stacks_value (&self->stacks, n->lo, n->self_end);
}

gint64
ppv_stack_tree_get_total (PpvStackTree *self,
                          guint32       node)
{
  return node_total (self, get_node (self, node));
}

gint64
ppv_stack_tree_get_decrease (PpvStackTree *self,
                             guint32       node)
{
  const SortedStacks *st = &self->stacks;
  const StackNode *n = get_node (self, node);
  gint64 neg;

  if (st->sum_neg == NULL)
    return 0;
  neg = st->sum_neg[n->hi] - st->sum_neg[n->lo];
  /* With --mean a part is divided as its total is. */
  return -(st->sum_div != NULL ? _ppv_div_value (neg, st->sum_div[n->hi] - st->sum_div[n->lo]) : neg);
}

gint64
ppv_stack_tree_get_increase (PpvStackTree *self,
                             guint32       node)
{
  return ppv_stack_tree_get_total (self, node) + ppv_stack_tree_get_decrease (self, node);
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

char *
ppv_stack_tree_dup_legend (PpvStackTree *self)
{
  gint64 total = ppv_stack_tree_get_report_total (self);
  gint64 shown = ppv_stack_tree_get_total (self, 0);
  g_autofree char *shown_text = ppv_stack_tree_format_value (self, shown);
  g_autofree char *total_text = ppv_stack_tree_format_value (self, total);
  g_autofree char *pct = ppv_format_percentage (shown, total);

  g_return_val_if_fail (self != NULL, NULL);

  return g_strdup_printf ("Showing nodes accounting for %s, %s of %s total",
                          shown_text, g_strstrip (pct), total_text);
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
  const SortedStacks *st = &self->stacks;
  gsize sums = 1 + (st->sum_div ? 1 : 0) + (st->sum_neg ? 1 : 0);
  gsize chunks = 0;

  for (guint32 c = 0; c < self->n_chunks; c++)
    chunks += self->chunks[c] != NULL;
  return sizeof *self + st->offset[st->n] * sizeof (guint32) + (st->n + 1) * sizeof (guint64) +
         (st->n + 1) * sums * sizeof (gint64) + self->n_chunks * sizeof (StackNode *) +
         chunks * (sizeof (StackNode) << STACK_TREE_CHUNK_BITS);
}
