/* main.c — entry point: headless CLI first, the window otherwise.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-cli.h"

int
main (int    argc,
      char **argv)
{
  if (ppv_cli_is_headless (argc, argv))
    return ppv_cli_run (argc, argv);

  /* Until the window exists: print the sample's top report. */
  char *top_argv[] = { argv[0], (char *) "--top", (char *) PPV_SAMPLE_PROFILE, NULL };
  return ppv_cli_run (3, top_argv);
}
