/* ppv-flame-style.h — how a flame graph names and colours its boxes, shared
 * by the window's flame view and the exported SVG.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The package of a symbol as pprof's flame graph finds it: up to the first
 * '.' or "::" after the last '/' ("github.com/a/b.(*T).M" ->
 * "github.com/a/b", "runtime.main" -> "runtime"); "" when there is none. */
char   *ppv_flame_package_name (const char *name);

/* The hue, in degrees [0, 360), of a package: pprof's (the golden-ratio
 * step over a hash of the name), so one package reads as one colour. */
double  ppv_flame_package_hue  (const char *package);

/* A box's fill for @name as 8-bit RGB: the package hue at a lightness that
 * keeps black text legible, or white text in @dark mode.  Inlined frames
 * are a little lighter (darker in dark mode), so they stand apart. */
void    ppv_flame_box_color    (const char *name,
                                gboolean    inlined,
                                gboolean    dark,
                                guint8      rgb[3]);

/* A comparison's colours, as pprof draws a diff: the box grey, and the
 * part of it for the net change reddish where it @grew, greenish where
 * it shrank.  @change FALSE gives the box's grey. */
void    ppv_flame_diff_color   (gboolean    change,
                                gboolean    grew,
                                gboolean    dark,
                                guint8      rgb[3]);

/* Names to try when a box is narrow, longest first, ending with the
 * shortest: the full name, then without the package path, then every
 * suffix after '.' or "::" ("github.com/a/b.(*T).M", "b.(*T).M",
 * "(*T).M", "M").  Free with g_strfreev(). */
char  **ppv_flame_short_names  (const char *name);

G_END_DECLS
