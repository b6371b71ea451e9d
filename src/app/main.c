/* main.c — pprof-viewer-gtk: the window, headless CLI first.
 *
 * Usually exec'd by the pprof-viewer launcher (launcher.c) with its argv
 * unchanged; run directly it still behaves as the whole app.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <locale.h>

#include "ppv-application.h"
#include "ppv-cli.h"
#include "ppv-window-options.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(PpvApplication) app = NULL;
  const char *localedir;

  /* --top/--dot/--svg must not initialise GTK (no display needed) and
   * print numbers the way `go tool pprof` does, whatever the locale.  Any
   * other option goes that way too: an unknown one is a usage error, not
   * a window that silently ignores it. */
  if (ppv_cli_is_headless (argc, argv, ppv_window_options))
    return ppv_cli_run (argc, argv);

  /* PPV_LOCALEDIR lets an uninstalled build (tests) use its own catalogs. */
  localedir = g_getenv ("PPV_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = PPV_LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = ppv_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
