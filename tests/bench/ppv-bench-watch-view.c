/* ppv-bench-watch-view.c — the watch window's main-thread work per new snapshot of a big profile.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   ppv-gen-profile -o a.pb.gz --functions 10000 --samples 40000 --seed 1  (and b, c)
 *   xvfb-run -a ppv-bench-watch-view a.pb.gz b.pb.gz c.pb.gz [SNAPSHOTS=30]
 *
 * Shows a PpvWatchView in a window and appends a snapshot every 500 ms
 * (the files' values, extracted beforehand, in turn), as the watcher
 * does on the main thread.  Times every stretch the main thread spends
 * between two polls (the longest is the worst stall a user could feel)
 * through a poll function wrapped around g_poll, and prints per snapshot
 * the longest stretch and the sum of all of them, in wall-clock time and
 * in the main thread's CPU time (what a loaded machine does not inflate).
 */
#include <adwaita.h>
#include <stdio.h>
#include <time.h>

#include "ppv-reader.h"
#include "ppv-watch-view.h"

static gint64 left_poll;       /* when the last poll returned */
static gint64 busy_total;      /* µs between polls since the last report */
static gint64 busy_longest;
static gint64 cpu_left_poll;   /* the same in the main thread's CPU time, */
static gint64 cpu_total;       /* which other processes' load does not stretch */
static gint64 cpu_longest;
static GPollFunc real_poll;

static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gint
timed_poll (GPollFD *fds,
            guint    n_fds,
            gint     timeout)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();
  gint result;

  if (left_poll != 0)
    {
      busy_total += now - left_poll;
      busy_longest = MAX (busy_longest, now - left_poll);
      cpu_total += cpu - cpu_left_poll;
      cpu_longest = MAX (cpu_longest, cpu - cpu_left_poll);
    }
  result = real_poll (fds, n_fds, timeout);
  left_poll = g_get_monotonic_time ();
  cpu_left_poll = thread_cpu_time ();
  return result;
}

static void
set_done (gpointer data)
{
  *(gboolean *) data = TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) ppv_watch_values_unref);
  g_autoptr(PpvWatchSeries) series = NULL;
  guint wanted = 30, n_files = 0;
  GtkWidget *window, *view;
  gint64 worst = 0, sum = 0, worst_cpu = 0, sum_cpu = 0;

  adw_init ();
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      PpvWatchValues *v;

      if (g_ascii_isdigit (argv[i][0]) && !g_file_test (argv[i], G_FILE_TEST_EXISTS))
        {
          wanted = (guint) g_ascii_strtoull (argv[i], NULL, 10);
          continue;
        }
      v = ppv_watch_values_new_for_path (argv[i], NULL, NULL, &error);
      if (v == NULL)
        g_error ("%s", error->message);
      g_ptr_array_add (values, v);
      n_files++;
    }
  if (n_files == 0)
    {
      fprintf (stderr, "usage: ppv-bench-watch-view FILE... [SNAPSHOTS]\n");
      return 2;
    }

  series = ppv_watch_series_new (NULL);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  view = ppv_watch_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), view);
  ppv_watch_view_set_series (PPV_WATCH_VIEW (view), series);
  gtk_window_present (GTK_WINDOW (window));

  real_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timed_poll);

  for (guint n = 0; n < wanted; n++)
    {
      g_autofree char *path = g_strdup_printf ("/nowhere/%04u.pb.gz", n + 1);
      gboolean done;
      gint64 added;

      busy_total = busy_longest = cpu_total = cpu_longest = 0;
      /* The watcher adds its snapshot in a main-loop callback too. */
      left_poll = g_get_monotonic_time ();
      cpu_left_poll = thread_cpu_time ();
      ppv_watch_series_add_snapshot (series, g_ptr_array_index (values, n % n_files), n + 1, path,
                                     g_get_real_time (), NULL, NULL);
      added = g_get_monotonic_time () - left_poll;
      done = FALSE;
      g_timeout_add_once (500, set_done, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      printf ("snapshot %3u  longest %6.1f ms (CPU %5.1f)  main thread %6.1f ms (CPU %5.1f; adding it %4.1f)\n",
              n + 1, busy_longest / 1000.0, cpu_longest / 1000.0, busy_total / 1000.0, cpu_total / 1000.0,
              added / 1000.0);
      /* The first ranking creates every row: not a steady snapshot. */
      if (n > 1)
        {
          worst = MAX (worst, busy_longest);
          worst_cpu = MAX (worst_cpu, cpu_longest);
          sum += busy_total;
          sum_cpu += cpu_total;
        }
    }
  g_main_context_set_poll_func (NULL, real_poll);
  printf ("after the second: longest stretch %.1f ms (CPU %.1f), main thread %.1f ms (CPU %.1f) per snapshot\n",
          worst / 1000.0, worst_cpu / 1000.0, wanted > 2 ? sum / 1000.0 / (wanted - 2) : 0.0,
          wanted > 2 ? sum_cpu / 1000.0 / (wanted - 2) : 0.0);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
