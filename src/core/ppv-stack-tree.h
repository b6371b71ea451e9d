/* ppv-stack-tree.h — the prefix tree of a profile's stacks: what a flame
 * graph draws, and its pivots on one function (callers, callees).
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Immutable and atomically reference-counted once built; nodes live in
 * flat arrays (no allocation per node).  Built from the same report
 * context as the table and the graph, so sample index, --mean, filters,
 * granularity and --noinlines give the same numbers.  Node 0 is the root:
 * every kept sample, with no frame of its own.
 *
 * The builder makes the nodes wider than a pixel of any view; the rest
 * are made when first reached (a node's children when it is first asked
 * for its first child), safely from any thread.  A node id stays valid
 * and its values never change.
 */
#pragma once

#include <gio/gio.h>

#include "ppv-report.h"

G_BEGIN_DECLS

typedef struct _PpvStackTree PpvStackTree;

#define PPV_TYPE_STACK_TREE (ppv_stack_tree_get_type ())

/* What a tree's negative values are. */
typedef enum
{
  PPV_STACK_TREE_PLAIN,       /* none: no comparison */
  PPV_STACK_TREE_DIFF_BASE,   /* a -diff_base's base samples: its decreases are the base's values */
  PPV_STACK_TREE_SUBTRACTED,  /* stacks that shrank once a base was subtracted (-base) */
} PpvStackTreeComparison;

typedef enum
{
  PPV_STACK_TREE_TOP_DOWN,   /* root = outermost frames, children = callees */
  PPV_STACK_TREE_CALLERS,    /* pivot: root = the function, children = its callers */
  PPV_STACK_TREE_CALLEES,    /* pivot: root = the function, children = its callees */
} PpvStackTreeKind;

GType         ppv_stack_tree_get_type (void) G_GNUC_CONST;

PpvStackTree *ppv_stack_tree_new      (PpvProfile             *profile,
                                       const PpvReportOptions *options,
                                       GCancellable           *cancellable,
                                       GError                **error);
/* The same tree with only its root made; every other node is made when
 * first reached.  For output written from the sorted stacks (folded
 * stacks), which never walks most of the tree. */
PpvStackTree *ppv_stack_tree_new_root_only (PpvProfile             *profile,
                                            const PpvReportOptions *options,
                                            GCancellable           *cancellable,
                                            GError                **error);
/* A pivot of a top-down @tree on the function printed as @name: its
 * callers (inverted: who calls it) or its callees (its subtrees merged).
 * Each stack counts once, at its outermost call of @name, so recursion is
 * not counted twice.  A name that occurs nowhere gives a root of 0. */
PpvStackTree *ppv_stack_tree_new_pivot (PpvStackTree           *tree,
                                        const char             *name,
                                        PpvStackTreeKind        kind,
                                        GCancellable           *cancellable,
                                        GError                **error);
PpvStackTree *ppv_stack_tree_ref      (PpvStackTree *self);
void          ppv_stack_tree_unref    (PpvStackTree *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpvStackTree, ppv_stack_tree_unref)

/* Makes the nodes below @node that a view zoomed on it draws: the
 * children of every node there wider than the builder's share of it (as
 * the builder does for the root), so that walking them never has to.
 * For a worker: the nodes a zoom needs are made off the main thread.
 * Safe from any thread; FALSE if @cancellable was cancelled. */
gboolean      ppv_stack_tree_make_below     (PpvStackTree *self,
                                             guint32       node,
                                             GCancellable *cancellable);
/* Whether @node's children are made: reading them then makes nothing. */
gboolean      ppv_stack_tree_children_made  (PpvStackTree *self,
                                             guint32       node);

PpvStackTreeKind ppv_stack_tree_get_kind    (PpvStackTree *self);
/* The nodes made so far: every id below it is valid. */
guint32       ppv_stack_tree_get_n_nodes    (PpvStackTree *self);
guint32       ppv_stack_tree_get_max_depth  (PpvStackTree *self);
/* PPV_NONE for the root, a leaf, the last sibling. */
guint32       ppv_stack_tree_get_parent       (PpvStackTree *self, guint32 node);
guint32       ppv_stack_tree_get_first_child  (PpvStackTree *self, guint32 node);
guint32       ppv_stack_tree_get_next_sibling (PpvStackTree *self, guint32 node);
guint32       ppv_stack_tree_get_depth        (PpvStackTree *self, guint32 node);
/* What the frame prints as at the granularity ("main.foo",
 * "main.foo /x.go:12"); the root's is the pivot's name or "root". */
const char   *ppv_stack_tree_get_name         (PpvStackTree *self, guint32 node);
/* The function name alone ("" when the granularity has none), for filters. */
const char   *ppv_stack_tree_get_function     (PpvStackTree *self, guint32 node);
/* A frame of a location that is inlined into the next frame out. */
gboolean      ppv_stack_tree_is_inlined       (PpvStackTree *self, guint32 node);
/* Values in the sample unit, mean-divided with --mean.  Children are
 * ordered by decreasing total, ties by name; total = self + children's. */
gint64        ppv_stack_tree_get_self         (PpvStackTree *self, guint32 node);
gint64        ppv_stack_tree_get_total        (PpvStackTree *self, guint32 node);
/* A comparison's two sides of a node's total, each >= 0 on profiles
 * without negative values of their own: total = increase - decrease.
 * With a diff base, decrease is the base's value and increase the
 * profile's (base -> profile); after -base, whose stacks net out, they
 * are the sums of the stacks that shrank and that grew.  A flame graph
 * draws a comparison's box as wide as both, as pprof does.  Decrease is
 * 0 in a plain tree. */
PpvStackTreeComparison ppv_stack_tree_get_comparison (PpvStackTree *self);
gint64        ppv_stack_tree_get_decrease     (PpvStackTree *self, guint32 node);
gint64        ppv_stack_tree_get_increase     (PpvStackTree *self, guint32 node);

/* The report's percentage base (pprof's total, of the base with a diff). */
gint64        ppv_stack_tree_get_report_total (PpvStackTree *self);
/* "inuse_space", "mean_delay". */
const char   *ppv_stack_tree_get_type_name    (PpvStackTree *self);
/* @value (as returned above) with its unit: "1.50MB", "20ms". */
char         *ppv_stack_tree_format_value     (PpvStackTree *self,
                                               gint64        value);
/* pprof's legend for what the tree shows: "Showing nodes accounting for
 * 1.05MB, 95.21% of 1.10MB total". */
char         *ppv_stack_tree_dup_legend       (PpvStackTree *self);
/* The filters' warnings ("Focus expression matched no samples"),
 * NULL-terminated; a pivot has none. */
const char * const *ppv_stack_tree_get_warnings (PpvStackTree *self);
/* Tests a name as ppv_stack_tree_get_name() prints it. */
typedef gboolean (*PpvStackTreeMatchFunc) (const char *name,
                                           gpointer    user_data);
/* What a search matches: the combined total of the outermost nodes whose
 * name @match accepts, at any depth (so nested matches count once), and
 * their number.  Nodes too narrow to have been made yet count too: this
 * scans the stacks, not the nodes.  The root never matches.  FALSE if
 * @cancellable was cancelled. */
gboolean      ppv_stack_tree_sum_matches      (PpvStackTree          *self,
                                               PpvStackTreeMatchFunc  match,
                                               gpointer               user_data,
                                               gint64                *total,
                                               guint                 *n_nodes,
                                               GCancellable          *cancellable);
/* Bytes the tree holds, for benchmarks. */
gsize         ppv_stack_tree_get_memory_size  (PpvStackTree *self);

/* Folded (collapsed) stacks, the input of flamegraph.pl, inferno and
 * speedscope: one line per distinct stack "root;…;leaf VALUE", the
 * integer sum of the chosen value over the stack's samples, zero sums
 * left out, lines in byte order.  ';' in a name is written as ':' and a
 * line break as a space, so a name never splits a line. */
char         *ppv_stack_tree_format_folded    (PpvStackTree *self);
/* The same, streamed to @out (folded stacks of big profiles run to
 * gigabytes).  Checks @cancellable as it goes. */
gboolean      ppv_stack_tree_write_folded     (PpvStackTree  *self,
                                               GOutputStream *out,
                                               GCancellable  *cancellable,
                                               GError       **error);

G_END_DECLS
