/* ppv-views.h — the views library's shared setup: its GResource.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the views' GResource (templates, CSS) once; safe to call from
 * every class_init. */
void ppv_views_ensure_resources (void);

G_END_DECLS
