/* ppv-window-options.h — the options that mean the window, not the CLI.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* The options the window takes besides sources: GApplication's own
 * (D-Bus activation starts the app with --gapplication-service).  The
 * application registers no main options; one it adds must be listed
 * here, or it is reported as unknown.  Both the launcher (launcher.c)
 * and the window's main.c decide with this one list, so they cannot
 * disagree about what opens a window.  No GTK here: the launcher must
 * not link it. */
static const char * const ppv_window_options[] = {
  "--gapplication-service",
  /* pprof -http's way of opening a comparison (ppv-application.c). */
  "--base", "--diff-base", "--normalize",
  /* --watch without --count, --output-dir or an output option watches
   * in the window (ppv-application.c); the CLI takes the rest. */
  "--watch", "--interval", "--gc",
  NULL
};
