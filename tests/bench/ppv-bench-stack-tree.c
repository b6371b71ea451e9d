/* ppv-bench-stack-tree.c — times the stack tree, its pivots and folded
 * output on one profile, and prints what they hold.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   ppv-bench-stack-tree PROFILE
 *
 * Prints figures; asserts nothing.
 */
#include <stdio.h>
#include <string.h>

#include "ppv-reader.h"
#include "ppv-report.h"
#include "ppv-stack-tree.h"

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static gboolean
name_is (const char *name,
         gpointer    wanted)
{
  return strcmp (name, wanted) == 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PpvProfile) profile = NULL;
  g_autoptr(PpvStackTree) tree = NULL;
  g_autoptr(PpvStackTree) callers = NULL;
  g_autoptr(PpvStackTree) callees = NULL;
  g_autoptr(GOutputStream) sink = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) null_file = g_file_new_for_path ("/dev/null");
  PpvReportOptions options;
  const char *hottest;
  gint64 start, match_total;
  guint n_matches;
  double elapsed;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s PROFILE\n", argv[0]);
      return 2;
    }

  start = g_get_monotonic_time ();
  profile = ppv_profile_read_path (argv[1], NULL, NULL, &error);
  if (profile == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("read            %7.2f s   model %7.1f MiB, %u samples\n", seconds_since (start),
          ppv_profile_get_memory_size (profile) / 1048576.0, profile->n_samples);

  ppv_report_options_init (&options);
  start = g_get_monotonic_time ();
  tree = ppv_stack_tree_new (profile, &options, NULL, &error);
  g_assert_no_error (error);
  elapsed = seconds_since (start);
  printf ("stack tree      %7.2f s   tree  %7.1f MiB = %.2fx the model, %u nodes made, depth %u"
          "   (issue 11: <= 1.5 s, <= 2x)\n", elapsed,
          ppv_stack_tree_get_memory_size (tree) / 1048576.0,
          (double) ppv_stack_tree_get_memory_size (tree) / ppv_profile_get_memory_size (profile),
          ppv_stack_tree_get_n_nodes (tree), ppv_stack_tree_get_max_depth (tree));

  /* Pivot on the root's heaviest grandchild: a function most stacks pass. */
  hottest = ppv_stack_tree_get_name (tree, ppv_stack_tree_get_first_child (tree, 0));
  start = g_get_monotonic_time ();
  callers = ppv_stack_tree_new_pivot (tree, hottest, PPV_STACK_TREE_CALLERS, NULL, &error);
  g_assert_no_error (error);
  printf ("callers pivot   %7.2f s   %u nodes (%s)\n", seconds_since (start),
          ppv_stack_tree_get_n_nodes (callers), hottest);
  start = g_get_monotonic_time ();
  callees = ppv_stack_tree_new_pivot (tree, hottest, PPV_STACK_TREE_CALLEES, NULL, &error);
  g_assert_no_error (error);
  printf ("callees pivot   %7.2f s   %u nodes\n", seconds_since (start),
          ppv_stack_tree_get_n_nodes (callees));

  /* A search over the whole tree, made or not: the pivot's function. */
  start = g_get_monotonic_time ();
  ppv_stack_tree_sum_matches (tree, name_is, (gpointer) hottest, &match_total, &n_matches, NULL);
  printf ("search          %7.2f s   %u boxes\n", seconds_since (start), n_matches);

  sink = G_OUTPUT_STREAM (g_file_append_to (null_file, G_FILE_CREATE_NONE, NULL, &error));
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  if (!ppv_stack_tree_write_folded (tree, sink, NULL, &error))
    g_error ("%s", error->message);
  printf ("folded          %7.2f s\n", seconds_since (start));

  ppv_report_options_clear (&options);
  return 0;
}
