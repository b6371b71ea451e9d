/* ppv-cli.h — the headless entry points: --top, --dot, --svg, --help.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when argv is for the command line rather than the window: it asks
 * for headless output (--top, --dot, --svg, --help), or holds an option
 * (before "--") that is not one of @window_options ("--name", also
 * accepted as "--name=VALUE"; NULL-terminated, may be NULL).  main() must
 * then call ppv_cli_run() before touching GTK, which reports an option it
 * does not know, or one without an output, as a usage error (status 2)
 * rather than let the window open and ignore it. */
gboolean ppv_cli_is_headless (int                argc,
                              char             **argv,
                              const char * const *window_options);
/* Runs the headless command; returns the process exit status. */
int      ppv_cli_run         (int    argc,
                              char **argv);

G_END_DECLS
