/* launcher.c — pprof-viewer: headless output in process, the window by exec.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include <glib.h>

#include "ppv-cli.h"
#include "ppv-window-options.h"

/* Loading GTK and libadwaita costs a headless run ~9 ms and ~8 MB of
 * peak memory before it reads a byte, so this binary links only the CLI's
 * libraries (tests/launcher checks it) and leaves the window to
 * pprof-viewer-gtk. */
#define PPV_WINDOW_EXE "pprof-viewer-gtk"

/* The build tree keeps both binaries in one folder (src/app); an
 * installed launcher finds none beside it and uses libexecdir. */
static char *
dup_sibling_path (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;

  if (self == NULL)
    return NULL;
  dir = g_path_get_dirname (self);
  return g_build_filename (dir, PPV_WINDOW_EXE, NULL);
}

int
main (int    argc,
      char **argv)
{
  static const char installed[] = PPV_LIBEXECDIR "/" PPV_WINDOW_EXE;
  g_autofree char *sibling = NULL;
  const char *failed = NULL;
  int saved_errno;

  if (ppv_cli_is_headless (argc, argv, ppv_window_options))
    return ppv_cli_run (argc, argv);

  /* argv goes on whole, argv[0] included: GLib's prgname, and so the
   * window's WM_CLASS and AT-SPI name, come from it and must stay
   * "pprof-viewer". */
  sibling = dup_sibling_path ();
  if (sibling != NULL)
    {
      execv (sibling, argv);
      failed = sibling;
    }
  /* A sibling that is there but cannot run is the error to report. */
  if (sibling == NULL || errno == ENOENT)
    {
      execv (installed, argv);
      failed = installed;
    }
  saved_errno = errno;

  fprintf (stderr, "pprof-viewer: cannot start the window: %s: %s\n",
           failed, g_strerror (saved_errno));
  return 1;
}
