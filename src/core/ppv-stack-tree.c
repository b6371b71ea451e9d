/* ppv-stack-tree.c — the prefix tree of a profile's stacks.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Building lists every kept sample's frames from the outermost in (a
 * location's inlined lines are frames of their own), sorts the stacks, and
 * adds for each only the frames past what it shares with the one before.
 * Children are then linked in display order with one counting sort over
 * parents.  Pivots (ppv-stack-tree-pivot.c) go through the same builder;
 * folded output (ppv-stack-tree-folded.c) works from a built tree.
 */
#include <stdlib.h>
#include <string.h>

#include "ppv-stack-tree-private.h"

G_DEFINE_BOXED_TYPE (PpvStackTree, ppv_stack_tree, ppv_stack_tree_ref, ppv_stack_tree_unref)

/* --- Building --------------------------------------------------------------- */

PpvStackTree *
_ppv_stack_tree_alloc (PpvReportContext *ctx,
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

void
_ppv_stack_tree_alloc_values (PpvStackTree *self,
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

const char *
_ppv_stack_tree_node_name (PpvStackTree *self,
                           guint32       node)
{
  const StackNode *n = &g_array_index (self->nodes, StackNode, node);

  if (n->frame == PPV_NONE)
    return self->root_name ? self->root_name : "root";
  return _ppv_node_ids_get_info (_ppv_report_context_get_node_ids (self->ctx), n->frame)->printable;
}

/* Decreasing total, then name, then node index for a stable order. */
static int
compare_children (const void *a,
                  const void *b,
                  void       *data)
{
  PpvStackTree *tree = data;
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  gint64 tx = ppv_stack_tree_get_total (tree, x);
  gint64 ty = ppv_stack_tree_get_total (tree, y);
  int c;

  if (tx != ty)
    return tx > ty ? -1 : 1;
  c = strcmp (_ppv_stack_tree_node_name (tree, x), _ppv_stack_tree_node_name (tree, y));
  if (c != 0)
    return c;
  return x < y ? -1 : x > y;
}

/* Links every node's children in display order. */
void
_ppv_stack_tree_link_children (PpvStackTree *self)
{
  guint32 n = self->nodes->len;
  StackNode *nodes = (StackNode *) self->nodes->data;
  g_autoptr(GArray) children = g_array_new (FALSE, FALSE, sizeof (guint32));

  /* The builder linked each node's children in the order it made them;
   * only lists of two or more need sorting (most have one child). */
  for (guint32 p = 0; p < n; p++)
    {
      guint32 first = nodes[p].first_child;

      if (first == PPV_NONE || nodes[first].next_sibling == PPV_NONE)
        continue;
      g_array_set_size (children, 0);
      for (guint32 c = first; c != PPV_NONE; c = nodes[c].next_sibling)
        g_array_append_val (children, c);
      g_qsort_with_data (children->data, children->len, sizeof (guint32), compare_children, self);
      nodes[p].first_child = g_array_index (children, guint32, 0);
      for (guint32 k = 0; k < children->len; k++)
        nodes[g_array_index (children, guint32, k)].next_sibling =
          k + 1 < children->len ? g_array_index (children, guint32, k + 1) : PPV_NONE;
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

/* Fills @scratch with sample @s's kept frames, outermost first.  Most
 * locations have one kept line, whose node is one read away (loc_node);
 * the next location's is prefetched: these reads miss the cache. */
static void
expand_sample (PpvReportContext *ctx,
               guint32           s,
               GArray           *scratch)
{
  PpvProfile *profile = _ppv_report_context_get_profile (ctx);
  const PpvFrameSelection *sel = _ppv_report_context_get_selection (ctx);
  const PpvNodeIds *ids = _ppv_report_context_get_node_ids (ctx);
  const guint32 *stack = profile->stacks + profile->samples[s].stack_offset;
  guint32 first = _ppv_frame_selection_sample_start (sel, s);
  guint32 n = 0, *out;

  /* A location's kept lines never outnumber its lines. */
  g_array_set_size (scratch, 0);
  for (guint32 i = sel->sample_depth[s]; i > first; i--)
    n += profile->locations[stack[i - 1]].n_lines + 1;
  g_array_set_size (scratch, n);
  out = (guint32 *) scratch->data;
  n = 0;

  /* Outermost location first; in a location, its outermost line first. */
  for (guint32 i = sel->sample_depth[s]; i > first; i--)
    {
      guint32 loc = stack[i - 1];
      guint32 only = ids->loc_node[loc];

      if (i > first + 1)
        __builtin_prefetch (&ids->loc_node[stack[i - 2]]);
      if (only == PPV_NONE)
        continue;
      if (only != PPV_LOC_SEVERAL_LINES)
        {
          out[n++] = only;
          continue;
        }
      for (guint32 j = sel->loc_lines_offset[loc + 1]; j > sel->loc_lines_offset[loc]; j--)
        out[n++] = ids->frame_info[j - 1] | (j != sel->loc_lines_offset[loc + 1] ? INLINED_BIT : 0);
    }
  g_array_set_size (scratch, n);
}

/* The stacks to build from: every kept sample's frames; or, for a pivot
 * on the node ids flagged in @pivot, the part of each stack through the
 * function after its outermost call: its callees outermost first, or its
 * callers innermost first.  Stacks that never call it are left out. */
static gboolean
collect_stacks (PpvReportContext *ctx,
                PpvStackTreeKind  kind,
                const guint8     *pivot,
                Stacks           *st,
                GCancellable     *cancellable,
                GError          **error)
{
  PpvProfile *profile = _ppv_report_context_get_profile (ctx);
  const PpvFrameSelection *sel = _ppv_report_context_get_selection (ctx);
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint64 n_frames = 0;
  guint32 n = 0;

  /* Count first, so the frames land in one allocation (a pivot's stacks
   * are shorter: the count bounds them). */
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

  st->frames = g_new (guint32, MAX (n_frames, 1));
  st->offset = g_new (guint64, n + 1);
  st->offset[0] = 0;
  n_frames = 0;
  st->n = 0;
  for (guint32 k = 0; k < n; k++)
    {
      guint32 s = st->sample[k];
      const guint32 *frames;
      guint32 len, at = 0;

      if ((k & 0xffff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      expand_sample (ctx, s, scratch);
      frames = (const guint32 *) scratch->data;
      len = scratch->len;

      if (pivot != NULL)
        {
          while (at < len && !pivot[frames[at] & ~INLINED_BIT])
            at++;
          if (at == len)
            continue;
        }

      if (pivot == NULL)
        {
          memcpy (st->frames + n_frames, frames, len * sizeof (guint32));
          n_frames += len;
        }
      else if (kind == PPV_STACK_TREE_CALLEES)
        {
          memcpy (st->frames + n_frames, frames + at + 1, (len - at - 1) * sizeof (guint32));
          n_frames += len - at - 1;
        }
      else
        for (guint32 i = at; i > 0; i--)
          st->frames[n_frames++] = frames[i - 1];

      st->sample[st->n++] = s;
      st->offset[st->n] = n_frames;
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

  /* At most one node per frame: reserved up front, the array never moves
   * (pages never written cost no memory). */
  {
    GArray *reserved = g_array_sized_new (FALSE, FALSE, sizeof (StackNode),
                                          (guint) MIN (st->offset[st->n] + 1, G_MAXUINT32 - 1));
    g_array_append_vals (reserved, self->nodes->data, self->nodes->len);
    g_array_unref (self->nodes);
    self->nodes = reserved;
  }

  for (guint32 k = 0; k < st->n; k++)
    order[k] = k;
  g_qsort_with_data (order, st->n, sizeof (guint32), compare_stacks, st);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* Nodes are written straight into the reserved array, the path (node
   * of each depth of the current stack) into one sized for the deepest. */
  {
    guint64 deepest = 0;
    for (guint32 k = 0; k < st->n; k++)
      deepest = MAX (deepest, st->offset[k + 1] - st->offset[k]);
    g_array_set_size (path, deepest + 1);
  }
  g_array_index (path, guint32, 0) = root;
  for (guint32 i = 0; i < st->n; i++)
    {
      guint32 k = order[i];
      const guint32 *frames = st->frames + st->offset[k];
      guint64 len = st->offset[k + 1] - st->offset[k];
      guint64 common = 0;
      guint32 *at = (guint32 *) path->data;
      guint32 n_nodes = self->nodes->len;
      StackNode *nodes;

      if ((i & 0xffff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      while (common < len && common < previous_len && frames[common] == previous[common])
        common++;
      /* Within the reservation: the array does not move. */
      g_array_set_size (self->nodes, n_nodes + (len - common));
      nodes = (StackNode *) self->nodes->data;
      for (guint64 d = common; d < len; d++)
        {
          StackNode *node = &nodes[n_nodes];

          node->frame = frames[d] & ~INLINED_BIT;
          node->inlined = (frames[d] & INLINED_BIT) != 0;
          node->parent = at[d];
          node->first_child = node->next_sibling = PPV_NONE;
          node->depth = d + 1;
          /* Stacks sharing a prefix are contiguous: where this one leaves
           * the previous one, the previous one's node at that depth is the
           * parent's last child so far (none if that stack ended there). */
          if (d == common && previous_len > common)
            nodes[at[d + 1]].next_sibling = n_nodes;
          else
            nodes[at[d]].first_child = n_nodes;
          at[d + 1] = n_nodes++;
        }
      self->max_depth = MAX (self->max_depth, (guint32) len);
      leaf_of[k] = ((guint32 *) path->data)[len];
      previous = frames;
      previous_len = len;
    }
  return TRUE;
}

PpvStackTree *
_ppv_stack_tree_build (PpvReportContext *ctx,
                       PpvStackTreeKind  kind,
                       const guint8     *pivot,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autoptr(PpvStackTree) self = _ppv_stack_tree_alloc (ctx, kind);
  g_autofree guint32 *leaf_of = NULL;
  Stacks st = { NULL, NULL, NULL, 0 };
  gboolean with_base = FALSE;

  if (!collect_stacks (ctx, kind, pivot, &st, cancellable, error))
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
  _ppv_stack_tree_alloc_values (self, with_base);
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
  _ppv_stack_tree_link_children (self);
  return g_steal_pointer (&self);
}

PpvStackTree *
ppv_stack_tree_new (PpvProfile             *profile,
                    const PpvReportOptions *options,
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
  self = _ppv_stack_tree_build (ctx, PPV_STACK_TREE_TOP_DOWN, NULL, cancellable, error);
  if (self == NULL)
    return NULL;

  self->warnings = _ppv_frame_selection_dup_warnings (_ppv_report_context_get_selection (ctx));
  return self;
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
  return _ppv_stack_tree_node_name (self, node);
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
  gsize n = self->nodes->len;
  gsize arrays = 2 + (self->self_div ? 2 : 0) + (self->base_total ? 1 : 0);

  return sizeof *self + n * sizeof (StackNode) + n * arrays * sizeof (gint64);
}

