/* ppv-stack-tree-private.h — what the stack tree's builder, pivots and
 * folded writer share.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-report-context.h"
#include "ppv-stack-tree.h"

G_BEGIN_DECLS

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


PpvStackTree *_ppv_stack_tree_alloc (PpvReportContext *ctx,
                                     PpvStackTreeKind  kind);
/* Value arrays for every node there is, zeroed. */
void          _ppv_stack_tree_alloc_values (PpvStackTree *self,
                                            gboolean      with_base);
const char   *_ppv_stack_tree_node_name (PpvStackTree *self,
                                         guint32       node);
/* Links every node's children in display order. */
void          _ppv_stack_tree_link_children (PpvStackTree *self);
/* A tree of @kind from the samples of @ctx: all of each stack, or for a
 * pivot, the part through the node ids flagged in @pivot after their
 * outermost call. */
PpvStackTree *_ppv_stack_tree_build (PpvReportContext *ctx,
                                     PpvStackTreeKind  kind,
                                     const guint8     *pivot,
                                     GCancellable     *cancellable,
                                     GError          **error);

G_END_DECLS
