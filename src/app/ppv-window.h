/* ppv-window.h — a window showing one source: a profile file or a live /debug/pprof server.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ppv-application.h"

G_BEGIN_DECLS

#define PPV_TYPE_WINDOW (ppv_window_get_type ())

G_DECLARE_FINAL_TYPE (PpvWindow, ppv_window, PPV, WINDOW, AdwApplicationWindow)

PpvWindow *ppv_window_new          (PpvApplication *application);
/* Reads and shows a profile file (in a worker thread). */
void       ppv_window_open_file    (PpvWindow      *self,
                                    GFile          *file);
/* Shows the bundled sample without adding it to the recent sources. */
void       ppv_window_open_sample  (PpvWindow      *self,
                                    GFile          *sample);
/* Opens what a user typed: a path (relative ones against @cwd, or the
 * current folder when NULL), host:port (lists the server's profiles),
 * host:port/debug/pprof/NAME or an http(s) URL (fetches that profile). */
void       ppv_window_open_address (PpvWindow      *self,
                                    const char     *text,
                                    const char     *cwd);

G_END_DECLS
