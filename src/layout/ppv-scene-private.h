/* ppv-scene-private.h — building a PpvScene (for ppv-layout.c only).
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-scene.h"

G_BEGIN_DECLS

/* An empty scene with one reference.  Arrays are g_malloc'd by the caller
 * and owned by the scene from then on (label lines, spline points,
 * splines, nodes, edges, clusters). */
PpvScene   *_ppv_scene_new    (void);
/* A copy of @str owned by the scene; NULL stays NULL. */
const char *_ppv_scene_intern (PpvScene   *self,
                               const char *str);

G_END_DECLS
