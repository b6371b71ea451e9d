/* ppv-stack-tree-private.h — what the stack tree's builder, nodes, pivots
 * and folded writer share.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tree is its sorted stacks: every kept stack's frames, outermost
 * first, in the order of their frames, with running sums of their values.
 * The stacks below any node are then one contiguous run, so a node's
 * total is one subtraction and its children are the runs of equal frames
 * one level further in.  Nodes are made from the runs only where someone
 * looks: the builder makes those wider than a fraction of the root, the
 * rest are made when first asked for their children.
 */
#pragma once

#include "ppv-report-context.h"
#include "ppv-stack-tree.h"

G_BEGIN_DECLS

/* A frame is its node id, with INLINED_BIT on the inlined lines of a
 * location. */
#define STACK_TREE_INLINED_BIT 0x80000000u
/* first_child of a node whose children are not made yet. */
#define STACK_TREE_UNBUILT     (PPV_NONE - 1)

typedef struct
{
  guint32 frame;          /* with STACK_TREE_INLINED_BIT; PPV_NONE for the root */
  guint32 parent;
  guint32 first_child;    /* PPV_NONE for a leaf, STACK_TREE_UNBUILT */
  guint32 next_sibling;
  guint32 depth;
  guint32 lo, hi;         /* its stacks, [lo, hi) of the sorted ones */
  guint32 self_end;       /* [lo, self_end) end at this node */
} StackNode;

typedef struct
{
  guint32 *frames;        /* every stack's frames, one after another */
  guint64 *offset;        /* n + 1: stack i is frames[offset[i], offset[i + 1]) */
  gint64  *sum_value;     /* n + 1: the values of stacks [0, i) */
  gint64  *sum_div;       /* the same for --mean's divisors, or NULL */
  gint64  *sum_neg;       /* the same for the negative values, or NULL when none is */
  guint32  n;
} SortedStacks;

struct _PpvStackTree
{
  gint              ref_count;
  PpvStackTreeKind  kind;
  PpvReportContext *ctx;
  char             *root_name;
  SortedStacks      stacks;
  guint32           max_depth;
  PpvStackTreeComparison comparison;
  char            **warnings;

  /* Nodes live in chunks that never move, so a node read needs no lock;
   * making nodes takes @lock, and a node's children are published by the
   * atomic store of its first_child, after they are written. */
  GMutex            lock;
  StackNode       **chunks;
  guint32           n_chunks;
  guint32           n_nodes;      /* atomic */
  const guint32    *name_rank;    /* the ids' (see _ppv_node_ids_get_name_rank()), once
                                   * a node has many children; or NULL */
  /* Per node id, for a tree whose stacks are sorted as folded lines
   * print (frame by frame in this order), or NULL: the order of the name
   * followed by ';', and a place of its own in it (ties in id order). */
  guint32          *folded_rank;
  guint32          *folded_position;
};

#define STACK_TREE_CHUNK_BITS 12

static inline StackNode *
_ppv_stack_tree_node (PpvStackTree *self,
                      guint32       node)
{
  return &self->chunks[node >> STACK_TREE_CHUNK_BITS][node & ((1u << STACK_TREE_CHUNK_BITS) - 1)];
}

static inline const guint32 *
_ppv_sorted_stack (const SortedStacks *st,
                   guint32             i,
                   guint32            *len)
{
  *len = (guint32) (st->offset[i + 1] - st->offset[i]);
  return st->frames + st->offset[i];
}

/* The value of stacks [lo, hi), mean-divided with --mean. */
static inline gint64
_ppv_sorted_stacks_value (const SortedStacks *st,
                          guint32             lo,
                          guint32             hi)
{
  gint64 value = st->sum_value[hi] - st->sum_value[lo];

  return st->sum_div != NULL ? _ppv_div_value (value, st->sum_div[hi] - st->sum_div[lo]) : value;
}

const char   *_ppv_stack_tree_frame_name (PpvStackTree *self,
                                          guint32       frame);
/* A tree of @kind from the samples of @ctx: all of each stack, or for a
 * pivot, the part through the node ids flagged in @pivot after their
 * outermost call. */
PpvStackTree *_ppv_stack_tree_build (PpvReportContext *ctx,
                                     PpvStackTreeKind  kind,
                                     const guint8     *pivot,
                                     gboolean          root_only,
                                     GCancellable     *cancellable,
                                     GError          **error);
/* Fills self->stacks from the samples of its context: every kept
 * stack, or for a pivot the part through the node ids flagged in @pivot
 * after their outermost call; sorted, with their running sums. */
gboolean      _ppv_stack_tree_collect (PpvStackTree     *self,
                                       const guint8     *pivot,
                                       GCancellable     *cancellable,
                                       GError          **error);
/* Each of the ids 0…@n - 1's place in the order of @compare (on
 * pointers to ids); ids that compare equal share a place.  g_free() it. */
guint32      *_ppv_stack_tree_rank (guint32          n,
                                    GCompareDataFunc compare,
                                    gpointer         data,
                                    guint32        **position);
/* Each node id's place in the byte order of its name as a folded line
 * prints it followed by ';' (ties share one), and in @position a place
 * of its own (ties in id order).  g_free() both. */
guint32      *_ppv_stack_tree_folded_rank (PpvReportContext *ctx,
                                           guint32         **position);
/* An item of a keyed sort: its first words of key (0 where undecided),
 * then its index. */
#define PPV_SORT_KEY_WORDS 3
typedef struct
{
  guint32 key[PPV_SORT_KEY_WORDS];
  guint32 item;
} PpvSortKey;
/* The full comparison of items @a and @b, used where their keys differ
 * first at a 0 or do not differ at all. */
typedef int (*PpvSortTieFunc) (guint32  a,
                               guint32  b,
                               gpointer data);
/* Sorts @items by their keys, ties by @tie, stably, on two cores. */
void          _ppv_sort_keyed        (PpvSortKey       *items,
                                      gsize             n,
                                      PpvSortTieFunc    tie,
                                      gpointer          data);
/* Runs @func on @a here and on @b on the other core, if there is one. */
void          _ppv_run_on_two_cores  (GThreadFunc       func,
                                      gpointer          a,
                                      gpointer          b);
G_END_DECLS
