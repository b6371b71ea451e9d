/* ppv-window.h — a window of tabs, each showing one source: a profile file or a live /debug/pprof server.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ppv-merge.h"

#include "ppv-application.h"
#include "ppv-profile.h"

G_BEGIN_DECLS

#define PPV_TYPE_WINDOW (ppv_window_get_type ())

G_DECLARE_FINAL_TYPE (PpvWindow, ppv_window, PPV, WINDOW, AdwApplicationWindow)

/* A window with one empty tab. */
PpvWindow *ppv_window_new            (PpvApplication *application);
/* Each of these opens its source in the selected tab when that tab is
 * empty, else in a new tab, and selects it. */
/* Reads and shows a profile file (in a worker thread). */
void       ppv_window_open_file      (PpvWindow      *self,
                                      GFile          *file);
/* Shows the bundled sample without adding it to the recent sources. */
/* Text pasted from the clipboard that reads as @profile: in the selected
 * tab if it is empty, else in a new one. */
void       ppv_window_open_pasted    (PpvWindow      *self,
                                      GBytes         *bytes,
                                      PpvProfile     *profile);
void       ppv_window_open_sample    (PpvWindow      *self,
                                      GFile          *sample);
/* Reopens a file of the last session (see ppv_window_dup_session()), or
 * a watch tab's session folder, as a finished watch. */
void       ppv_window_restore_file   (PpvWindow      *self,
                                      GFile          *file);
/* Opens what a user typed: a path (relative ones against @cwd, or the
 * current folder when NULL), host:port (lists the server's profiles),
 * host:port/debug/pprof/NAME or an http(s) URL (fetches that profile). */
void       ppv_window_open_address   (PpvWindow      *self,
                                      const char     *text,
                                      const char     *cwd);
/* Opens @text as ppv_window_open_address() does and, once it is shown,
 * compares it with @base_text (pprof -http's -base/-diff_base). */
void       ppv_window_open_compared  (PpvWindow      *self,
                                      const char     *text,
                                      const char     *cwd,
                                      const char     *base_text,
                                      PpvBaseMode     mode,
                                      gboolean        normalize);
/* Watches @source (ppv_page_watch()) in the selected tab if it is
 * empty, else in a new tab. */
void       ppv_window_watch          (PpvWindow      *self,
                                      const char     *source,
                                      gboolean        gc,
                                      guint           interval);
/* Shows the watch session kept in @directory, likewise. */
void       ppv_window_open_watch_session (PpvWindow  *self,
                                          const char *directory);
/* The files to reopen next time, one per tab in order (files, kept
 * copies of fetched profiles; never a live URL).  Adds to @paths. */
void       ppv_window_add_session    (PpvWindow      *self,
                                      GPtrArray      *paths);

G_END_DECLS
