/* ppv-watch-sessions-dialog.h — choosing a kept watch session to re-open, newest first.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PPV_TYPE_WATCH_SESSIONS_DIALOG (ppv_watch_sessions_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PpvWatchSessionsDialog, ppv_watch_sessions_dialog, PPV, WATCH_SESSIONS_DIALOG, AdwWindow)

/* Signal "session-chosen" (const char *directory), after which the
 * dialog closes itself. */
PpvWatchSessionsDialog *ppv_watch_sessions_dialog_new (GtkWindow *parent);

G_END_DECLS
