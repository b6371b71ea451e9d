/* test-cli-args.c — which command lines go to the CLI and which to the window.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * check-cli.py runs the binary; this covers the window's side, which a
 * test without a session bus cannot start: its own options and sources
 * must still reach it.
 */
#include "ppv-cli.h"

static const char * const window_options[] = { "--gapplication-service", NULL };

static gboolean
headless (const char *first,
          ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) "pprof-viewer");
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return ppv_cli_is_headless (args->len - 1, (char **) args->pdata, window_options);
}

static void
test_window (void)
{
  g_assert_false (headless (NULL));
  g_assert_false (headless ("heap.pb.gz", "localhost:6060", NULL));
  g_assert_false (headless ("-", NULL));
  g_assert_false (headless ("--gapplication-service", NULL));
  g_assert_false (headless ("--", "--top", "-Z", NULL));
}

static void
test_cli (void)
{
  g_assert_true (headless ("--top", "heap.pb.gz", NULL));
  g_assert_true (headless ("heap.pb.gz", "--svg", NULL));
  g_assert_true (headless ("--help", NULL));
  g_assert_true (headless ("--help-report", NULL));
  g_assert_true (headless ("-h", NULL));
  /* Unknown options and report options without an output: usage errors. */
  g_assert_true (headless ("--peep=x", "heap.pb.gz", NULL));
  g_assert_true (headless ("heap.pb.gz", "-Z", NULL));
  g_assert_true (headless ("--nodecount=3", "heap.pb.gz", NULL));
  g_assert_true (headless ("--gapplication-servicex", NULL));
}

/* The watch contract with the window: with --watch, --interval and --gc
 * among the window's options (main.c), a watch without --count,
 * --output-dir or an output option opens the window; with one it is
 * headless. */
static void
test_watch (void)
{
  static const char * const with_watch[] = { "--gapplication-service", "--watch", "--interval", "--gc", NULL };
  const char *window[] = { "pprof-viewer", "--watch", "--interval=5", "--gc", "localhost:6060/debug/pprof/heap", NULL };
  const char *counted[] = { "pprof-viewer", "--watch", "--count=3", "localhost:6060/debug/pprof/heap", NULL };
  const char *kept[] = { "pprof-viewer", "--watch", "--output-dir=/tmp/w", "localhost:6060", NULL };
  const char *top[] = { "pprof-viewer", "--watch", "--top", "localhost:6060", NULL };

  g_assert_false (ppv_cli_is_headless (5, (char **) window, with_watch));
  g_assert_true (ppv_cli_is_headless (4, (char **) counted, with_watch));
  g_assert_true (ppv_cli_is_headless (4, (char **) kept, with_watch));
  g_assert_true (ppv_cli_is_headless (4, (char **) top, with_watch));
  /* Without them (this branch's main.c), every watch is headless. */
  g_assert_true (headless ("--watch", "localhost:6060", NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ppv/cli/args/window", test_window);
  g_test_add_func ("/ppv/cli/args/cli", test_cli);
  g_test_add_func ("/ppv/cli/args/watch", test_watch);
  return g_test_run ();
}
