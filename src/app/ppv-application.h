/* ppv-application.h — the single-instance application: command line, files, app actions.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PPV_TYPE_APPLICATION (ppv_application_get_type ())

G_DECLARE_FINAL_TYPE (PpvApplication, ppv_application, PPV, APPLICATION, AdwApplication)

PpvApplication *ppv_application_new                 (void);
/* The bundled sample profile: the installed copy, else the one in the
 * source tree (when running from a build directory), else NULL. */
GFile          *ppv_application_dup_sample_profile  (void);
/* Registers the app's GResource (templates, CSS, icons) once; widget
 * classes call it before using their templates. */
void            ppv_application_ensure_resources    (void);
/* Writes the files shown in the tabs of every open window to the
 * "session-sources" setting, now or from an idle (many changes come
 * together: a window closing, tabs moving). */
void            ppv_application_save_session        (PpvApplication *self);
void            ppv_application_queue_save_session  (PpvApplication *self);

G_END_DECLS
