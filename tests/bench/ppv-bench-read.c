/* ppv-bench-read.c — times ppv_profile_read_path() on one file and prints the figures.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   ppv-bench-read FILE [RUNS]
 *
 * Prints the best wall time of RUNS reads, the time of the gunzip step
 * alone (on bytes already in memory), the peak RSS of the process, and
 * the size of the model.
 */
#include <stdlib.h>
#include <sys/resource.h>

#include "ppv-reader.h"

/* CPU time of the process: on a busy machine a steadier figure than wall
 * time, though it hides what a second thread overlaps. */
static double
cpu_seconds (void)
{
  struct rusage u;

  getrusage (RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) profile = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  double best = G_MAXDOUBLE, gunzip_time, cpu_best = G_MAXDOUBLE;
  int runs = argc > 2 ? atoi (argv[2]) : 1;
  gsize raw_size = 0;
  struct rusage usage;

  if (argc < 2 || runs < 1)
    {
      g_printerr ("usage: %s FILE [RUNS]\n", argv[0]);
      return 2;
    }

  for (int i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_seconds ();

      g_clear_pointer (&profile, ppv_profile_unref);
      profile = ppv_profile_read_path (argv[1], NULL, NULL, &error);
      if (profile == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      best = MIN (best, (g_get_monotonic_time () - start) / 1e6);
      cpu_best = MIN (cpu_best, cpu_seconds () - cpu_start);
    }

  /* Peak RSS so far covers the reads only. */
  getrusage (RUSAGE_SELF, &usage);

  if (g_file_get_contents (argv[1], &contents, &len, NULL))
    {
      g_autoptr(GBytes) in = g_bytes_new_static (contents, len);
      g_autoptr(GBytes) out = NULL;
      gint64 start = g_get_monotonic_time ();

      out = ppv_maybe_gunzip (in, 0, argv[1], NULL, NULL);
      gunzip_time = (g_get_monotonic_time () - start) / 1e6;
      raw_size = out ? g_bytes_get_size (out) : 0;
    }
  else
    gunzip_time = -1;

  g_print ("file:            %s (%" G_GSIZE_FORMAT " bytes, %" G_GSIZE_FORMAT " bytes of protobuf)\n",
           argv[1], len, raw_size);
  g_print ("read_path:       %.3f s (best of %d)\n", best, runs);
  g_print ("  CPU time:      %.3f s (user + system, all threads; best of %d)\n", cpu_best, runs);
  g_print ("  gunzip alone:  %.3f s\n", gunzip_time);
  g_print ("peak RSS:        %.1f MiB\n", usage.ru_maxrss / 1024.0);
  g_print ("samples:         %u\n", profile->n_samples);
  g_print ("stack entries:   %" G_GSIZE_FORMAT "\n", profile->n_stacks);
  g_print ("locations:       %u\n", profile->n_locations);
  g_print ("functions:       %u\n", profile->n_functions);
  g_print ("model bytes:     %" G_GSIZE_FORMAT " (%.1f MiB)\n",
           ppv_profile_get_memory_size (profile),
           ppv_profile_get_memory_size (profile) / 1048576.0);
  return 0;
}
