/* ppv-cli.h — the headless entry points: --top, --dot, --svg, --help.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when argv asks for headless output (--top, --dot, --svg, --help):
 * main() must then call ppv_cli_run() before touching GTK. */
gboolean ppv_cli_is_headless (int    argc,
                              char **argv);
/* Runs the headless command; returns the process exit status. */
int      ppv_cli_run         (int    argc,
                              char **argv);

G_END_DECLS
