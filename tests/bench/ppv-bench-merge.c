/* ppv-bench-merge.c — times comparing a profile with a base (pprof's -base and -diff_base) and the compared text report.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   ppv-bench-merge FILE [BASE] [RUNS]
 *
 * Reads both once (BASE defaults to FILE: the worst case, every sample
 * has its twin), then prints the best wall time of RUNS combines in each
 * mode, of the text report on the plain profile and on the comparison,
 * and the peak RSS.  This is the work a window does after a base is
 * chosen, with the profiles already read.  On a shared machine the CPU
 * time (all threads, in brackets) says more than the wall time.
 */
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "ppv-merge.h"
#include "ppv-reader.h"
#include "ppv-report.h"

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double best_cpu;

static double
time_report (PpvProfile *profile,
             int         runs)
{
  double best = G_MAXDOUBLE;
  PpvReportOptions options;

  ppv_report_options_init (&options);
  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu = cpu_seconds ();
      g_autoptr(PpvReport) report = ppv_report_new (profile, &options, PPV_REPORT_KIND_TEXT,
                                                    NULL, &error);
      g_autofree char *text = report ? ppv_report_format_top (report) : NULL;

      if (report == NULL)
        g_error ("%s", error->message);
      if ((g_get_monotonic_time () - start) / 1e6 < best)
        {
          best = (g_get_monotonic_time () - start) / 1e6;
          best_cpu = cpu_seconds () - cpu;
        }
    }
  ppv_report_options_clear (&options);
  return best;
}

int
main (int   argc,
      char *argv[])
{
  static const struct { const char *name; PpvBaseMode mode; } modes[] = {
    { "-diff_base", PPV_BASE_DIFF },
    { "-base", PPV_BASE_SUBTRACT },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) profile = NULL;
  g_autoptr(PpvProfile) base = NULL;
  const char *base_path = argc > 2 ? argv[2] : NULL;
  int runs = argc > 3 ? atoi (argv[3]) : 1;
  struct rusage usage;

  if (argc < 2 || runs < 1)
    {
      g_printerr ("usage: %s FILE [BASE] [RUNS]\n", argv[0]);
      return 2;
    }

  profile = ppv_profile_read_path (argv[1], NULL, NULL, &error);
  if (profile != NULL)
    base = base_path ? ppv_profile_read_path (base_path, NULL, NULL, &error) : ppv_profile_ref (profile);
  if (base == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print ("samples: %u + %u (base)\n", profile->n_samples, base->n_samples);
  {
    double wall = time_report (profile, runs);
    g_print ("top, plain: %.3f s (%.3f s CPU)\n", wall, best_cpu);
  }

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autoptr(PpvProfile) combined = NULL;
      double best = G_MAXDOUBLE, combine_cpu = 0, top;

      for (int i = 0; i < runs; i++)
        {
          gint64 start = g_get_monotonic_time ();
          double cpu = cpu_seconds ();

          g_clear_pointer (&combined, ppv_profile_unref);
          combined = ppv_profile_combine (&profile, 1, &base, 1, modes[m].mode, FALSE, &error);
          if (combined == NULL)
            {
              g_printerr ("%s\n", error->message);
              return 1;
            }
          if ((g_get_monotonic_time () - start) / 1e6 < best)
            {
              best = (g_get_monotonic_time () - start) / 1e6;
              combine_cpu = cpu_seconds () - cpu;
            }
        }
      top = time_report (combined, runs);
      g_print ("%s: combine %.3f s (%.3f s CPU; %u samples), top %.3f s (%.3f s CPU)\n",
               modes[m].name, best, combine_cpu, combined->n_samples, top, best_cpu);
    }

  getrusage (RUSAGE_SELF, &usage);
  g_print ("peak RSS: %.0f MiB\n", usage.ru_maxrss / 1024.0);
  return 0;
}
