/* test-stack-tree.c — the stack tree and its pivots, on folded stacks.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ppv-report.h"
#include "ppv-stack-tree.h"
#include "ppv-test-profile.h"

#define TYPES "samples/count,space/bytes"

static PpvStackTree *
tree_with (const char *stacks,
           const char *focus,
           const char *hide)
{
  g_autoptr(PpvProfile) profile = ppv_test_profile_from_folded (TYPES, stacks);
  g_autoptr(GError) error = NULL;
  PpvReportOptions options;
  PpvStackTree *tree;

  ppv_report_options_init (&options);
  options.focus = g_strdup (focus);
  options.hide = g_strdup (hide);
  tree = ppv_stack_tree_new (profile, &options, NULL, &error);
  g_assert_no_error (error);
  ppv_report_options_clear (&options);
  return tree;
}

/* The child of @node named @name, or PPV_NONE. */
static guint32
child_named (PpvStackTree *tree,
             guint32       node,
             const char   *name)
{
  for (guint32 c = ppv_stack_tree_get_first_child (tree, node); c != PPV_NONE;
       c = ppv_stack_tree_get_next_sibling (tree, c))
    if (strcmp (ppv_stack_tree_get_name (tree, c), name) == 0)
      return c;
  return PPV_NONE;
}

/* The node at "a;b;c" below the root. */
static guint32
path (PpvStackTree *tree,
      const char   *frames)
{
  g_auto(GStrv) names = g_strsplit (frames, ";", -1);
  guint32 node = 0;

  for (guint i = 0; names[i] && node != PPV_NONE; i++)
    node = child_named (tree, node, names[i]);
  g_assert_cmpuint (node, !=, PPV_NONE);
  return node;
}

/* Every node's total is its self plus its children's; siblings come in
 * decreasing total. */
static void
check_invariants (PpvStackTree *tree)
{
  for (guint32 n = 0; n < ppv_stack_tree_get_n_nodes (tree); n++)
    {
      gint64 sum = ppv_stack_tree_get_self (tree, n);
      gint64 previous = G_MAXINT64;

      for (guint32 c = ppv_stack_tree_get_first_child (tree, n); c != PPV_NONE;
           c = ppv_stack_tree_get_next_sibling (tree, c))
        {
          g_assert_cmpuint (ppv_stack_tree_get_parent (tree, c), ==, n);
          g_assert_cmpuint (ppv_stack_tree_get_depth (tree, c), ==, ppv_stack_tree_get_depth (tree, n) + 1);
          g_assert_cmpint (ppv_stack_tree_get_total (tree, c), <=, previous);
          previous = ppv_stack_tree_get_total (tree, c);
          sum += previous;
        }
      g_assert_cmpint (sum, ==, ppv_stack_tree_get_total (tree, n));
    }
}

static void
test_basic (void)
{
  g_autoptr(PpvStackTree) tree = tree_with ("main;a;b 1,10\n"
                                            "main;a;c 1,5\n"
                                            "main;a 1,2\n"
                                            "main;z 1,3\n"
                                            "main;y 1,3\n"
                                            "main;a;b 1,1\n", NULL, NULL);
  guint32 main_node = path (tree, "main"), a = path (tree, "main;a");
  guint32 c;

  check_invariants (tree);
  g_assert_cmpint (ppv_stack_tree_get_total (tree, 0), ==, 24);
  g_assert_cmpint (ppv_stack_tree_get_total (tree, main_node), ==, 24);
  g_assert_cmpint (ppv_stack_tree_get_self (tree, main_node), ==, 0);
  g_assert_cmpint (ppv_stack_tree_get_total (tree, a), ==, 18);
  g_assert_cmpint (ppv_stack_tree_get_self (tree, a), ==, 2);
  g_assert_cmpint (ppv_stack_tree_get_total (tree, path (tree, "main;a;b")), ==, 11);
  g_assert_cmpint (ppv_stack_tree_get_report_total (tree), ==, 24);

  /* a (18), then the tie y/z (3 each) by name. */
  c = ppv_stack_tree_get_first_child (tree, main_node);
  g_assert_cmpstr (ppv_stack_tree_get_name (tree, c), ==, "a");
  c = ppv_stack_tree_get_next_sibling (tree, c);
  g_assert_cmpstr (ppv_stack_tree_get_name (tree, c), ==, "y");
  c = ppv_stack_tree_get_next_sibling (tree, c);
  g_assert_cmpstr (ppv_stack_tree_get_name (tree, c), ==, "z");
  g_assert_cmpuint (ppv_stack_tree_get_next_sibling (tree, c), ==, PPV_NONE);
}

static void
test_folded (void)
{
  g_autoptr(PpvStackTree) tree = tree_with ("main;b 1,4\n"
                                            "main;a;c 1,5\n"
                                            "main;a 1,2\n"
                                            "main;b 1,1\n"
                                            "main;zero 1,0\n"
                                            "main;a+a2 1,7\n", NULL, NULL);
  g_autofree char *folded = ppv_stack_tree_format_folded (tree);

  /* Byte order, equal stacks summed, zero sums left out, the inlined a2
   * a frame of its own. */
  g_assert_cmpstr (folded, ==,
                   "main;a 2\n"
                   "main;a;a2 7\n"
                   "main;a;c 5\n"
                   "main;b 5\n");
}

static void
test_inlining (void)
{
  g_autoptr(PpvStackTree) tree = tree_with ("main;outer+inner+innermost 1,8\n"
                                            "main;outer 1,2\n", NULL, NULL);
  guint32 outer = path (tree, "main;outer");
  guint32 inner = path (tree, "main;outer;inner");
  guint32 innermost = path (tree, "main;outer;inner;innermost");

  check_invariants (tree);
  g_assert_false (ppv_stack_tree_is_inlined (tree, outer));
  g_assert_true (ppv_stack_tree_is_inlined (tree, inner));
  g_assert_true (ppv_stack_tree_is_inlined (tree, innermost));
  g_assert_cmpint (ppv_stack_tree_get_self (tree, innermost), ==, 8);
  g_assert_cmpint (ppv_stack_tree_get_total (tree, outer), ==, 10);
  g_assert_cmpuint (ppv_stack_tree_get_max_depth (tree), ==, 4);
}

static void
test_recursion_pivots (void)
{
  g_autoptr(PpvStackTree) tree = tree_with ("main;f;g;f;h 1,10\n"
                                            "main;f 1,4\n"
                                            "main;x;f;f 1,6\n"
                                            "main;other 1,100\n", NULL, NULL);
  g_autoptr(PpvStackTree) callees = NULL, callers = NULL, none = NULL;
  g_autoptr(GError) error = NULL;

  check_invariants (tree);

  /* Callees: f's subtrees merged at its outermost calls; f's total is its
   * cum (20), not 20 + the recursive calls' 16. */
  callees = ppv_stack_tree_new_pivot (tree, "f", PPV_STACK_TREE_CALLEES, NULL, &error);
  g_assert_no_error (error);
  check_invariants (callees);
  g_assert_cmpstr (ppv_stack_tree_get_name (callees, 0), ==, "f");
  g_assert_cmpint (ppv_stack_tree_get_total (callees, 0), ==, 20);
  g_assert_cmpint (ppv_stack_tree_get_self (callees, 0), ==, 4);
  g_assert_cmpint (ppv_stack_tree_get_total (callees, path (callees, "g;f;h")), ==, 10);
  g_assert_cmpint (ppv_stack_tree_get_total (callees, path (callees, "f")), ==, 6);

  /* Callers: who calls the outermost f, innermost caller first. */
  callers = ppv_stack_tree_new_pivot (tree, "f", PPV_STACK_TREE_CALLERS, NULL, &error);
  g_assert_no_error (error);
  check_invariants (callers);
  g_assert_cmpint (ppv_stack_tree_get_total (callers, 0), ==, 20);
  g_assert_cmpint (ppv_stack_tree_get_total (callers, path (callers, "main")), ==, 14);
  g_assert_cmpint (ppv_stack_tree_get_self (callers, path (callers, "main")), ==, 14);
  g_assert_cmpint (ppv_stack_tree_get_total (callers, path (callers, "x;main")), ==, 6);
  g_assert_cmpint (ppv_stack_tree_get_self (callers, path (callers, "x")), ==, 0);

  none = ppv_stack_tree_new_pivot (tree, "nowhere", PPV_STACK_TREE_CALLERS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ppv_stack_tree_get_total (none, 0), ==, 0);
  g_assert_cmpuint (ppv_stack_tree_get_n_nodes (none), ==, 1);
}

static void
test_filters (void)
{
  g_autoptr(PpvStackTree) focused = tree_with ("main;a;b 1,10\n"
                                               "main;c;b 1,5\n"
                                               "main;c 1,1\n", "^a$", NULL);
  g_autoptr(PpvStackTree) hidden = tree_with ("main;a;b 1,10\n"
                                              "main;c;b 1,5\n"
                                              "main;c 1,1\n", NULL, "^b$");

  /* Focus keeps the stacks through a; the total stays the profile's. */
  g_assert_cmpint (ppv_stack_tree_get_total (focused, 0), ==, 10);
  g_assert_cmpuint (child_named (focused, path (focused, "main"), "c"), ==, PPV_NONE);
  g_assert_cmpint (ppv_stack_tree_get_report_total (focused), ==, 16);

  /* Hide drops b's frames: their values go to the callers. */
  check_invariants (hidden);
  g_assert_cmpint (ppv_stack_tree_get_self (hidden, path (hidden, "main;a")), ==, 10);
  g_assert_cmpint (ppv_stack_tree_get_self (hidden, path (hidden, "main;c")), ==, 6);
}

static void
test_sample_index_and_cancel (void)
{
  g_autoptr(PpvProfile) profile = ppv_test_profile_from_folded (TYPES, "main;a 3,30\nmain;b 1,100\n");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PpvStackTree) tree = NULL;
  g_autoptr(PpvStackTree) cancelled = NULL;
  g_autoptr(GError) error = NULL;
  PpvReportOptions options;

  ppv_report_options_init (&options);
  options.sample_index = g_strdup ("samples");
  tree = ppv_stack_tree_new (profile, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ppv_stack_tree_get_total (tree, path (tree, "main;a")), ==, 3);
  g_assert_cmpstr (ppv_stack_tree_get_name (tree, ppv_stack_tree_get_first_child (tree, path (tree, "main"))), ==, "a");

  g_cancellable_cancel (cancellable);
  cancelled = ppv_stack_tree_new (profile, &options, cancellable, &error);
  g_assert_null (cancelled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  ppv_report_options_clear (&options);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ppv/core/stack-tree/basic", test_basic);
  g_test_add_func ("/ppv/core/stack-tree/folded", test_folded);
  g_test_add_func ("/ppv/core/stack-tree/inlining", test_inlining);
  g_test_add_func ("/ppv/core/stack-tree/recursion-pivots", test_recursion_pivots);
  g_test_add_func ("/ppv/core/stack-tree/filters", test_filters);
  g_test_add_func ("/ppv/core/stack-tree/sample-index-and-cancel", test_sample_index_and_cancel);
  return g_test_run ();
}
