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
#include <sys/resource.h>
#include <string.h>

#include "ppv-reader.h"
#include "ppv-report.h"
#include "ppv-stack-tree.h"

static double cpu_start;

/* CPU seconds of every thread so far: on a shared machine, steadier than
 * the wall clock. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* Wall seconds since @start; the CPU seconds since then go to @cpu. */
static double
seconds_since (gint64  start,
               double *cpu)
{
  *cpu = cpu_seconds () - cpu_start;
  return (g_get_monotonic_time () - start) / 1e6;
}

static gint64
start_clock (void)
{
  cpu_start = cpu_seconds ();
  return g_get_monotonic_time ();
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
  double elapsed, cpu;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s PROFILE\n", argv[0]);
      return 2;
    }

  start = start_clock ();
  profile = ppv_profile_read_path (argv[1], NULL, NULL, &error);
  if (profile == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  elapsed = seconds_since (start, &cpu);
  printf ("read            %7.2f s (cpu %5.2f s)   model %7.1f MiB, %u samples\n", elapsed, cpu,
          ppv_profile_get_memory_size (profile) / 1048576.0, profile->n_samples);

  ppv_report_options_init (&options);
  start = start_clock ();
  tree = ppv_stack_tree_new (profile, &options, NULL, &error);
  g_assert_no_error (error);
  elapsed = seconds_since (start, &cpu);
  printf ("stack tree      %7.2f s (cpu %5.2f s)   tree  %7.1f MiB = %.2fx the model, %u nodes made, depth %u"
          "   (issue 11: <= 1.5 s, <= 2x)\n", elapsed, cpu,
          ppv_stack_tree_get_memory_size (tree) / 1048576.0,
          (double) ppv_stack_tree_get_memory_size (tree) / ppv_profile_get_memory_size (profile),
          ppv_stack_tree_get_n_nodes (tree), ppv_stack_tree_get_max_depth (tree));

  /* Pivot on the root's heaviest grandchild: a function most stacks pass. */
  hottest = ppv_stack_tree_get_name (tree, ppv_stack_tree_get_first_child (tree, 0));
  start = start_clock ();
  callers = ppv_stack_tree_new_pivot (tree, hottest, PPV_STACK_TREE_CALLERS, NULL, &error);
  g_assert_no_error (error);
  elapsed = seconds_since (start, &cpu);
  printf ("callers pivot   %7.2f s (cpu %5.2f s)   %u nodes made (%s)\n", elapsed, cpu,
          ppv_stack_tree_get_n_nodes (callers), hottest);
  start = start_clock ();
  callees = ppv_stack_tree_new_pivot (tree, hottest, PPV_STACK_TREE_CALLEES, NULL, &error);
  g_assert_no_error (error);
  elapsed = seconds_since (start, &cpu);
  printf ("callees pivot   %7.2f s (cpu %5.2f s)   %u nodes made\n", elapsed, cpu,
          ppv_stack_tree_get_n_nodes (callees));

  /* A search over the whole tree, made or not: the pivot's function. */
  start = start_clock ();
  ppv_stack_tree_sum_matches (tree, name_is, (gpointer) hottest, &match_total, &n_matches, NULL);
  elapsed = seconds_since (start, &cpu);
  printf ("search          %7.2f s (cpu %5.2f s)   %u boxes\n", elapsed, cpu, n_matches);

  sink = G_OUTPUT_STREAM (g_file_append_to (null_file, G_FILE_CREATE_NONE, NULL, &error));
  g_assert_no_error (error);
  start = start_clock ();
  if (!ppv_stack_tree_write_folded (tree, sink, NULL, &error))
    g_error ("%s", error->message);
  elapsed = seconds_since (start, &cpu);
  printf ("folded          %7.2f s (cpu %5.2f s)\n", elapsed, cpu);

  ppv_report_options_clear (&options);
  return 0;
}
