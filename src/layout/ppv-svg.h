/* ppv-svg.h — the call graph as a standalone SVG document, drawn by
 * graphviz's own SVG renderer in process.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ppv-callgraph.h"

G_BEGIN_DECLS

/* Lays @graph out with dot (see ppv-layout.h for limits and errors) and
 * returns the SVG bytes: well-formed UTF-8 XML, one <g class="node"> per
 * node and one <g class="edge"> per edge, ids from the nodes' "id"
 * attributes ("node3") as in pprof's SVG.  Blocks while another layout
 * holds graphviz. */
GBytes *ppv_layout_render_svg        (PpvCallGraph        *graph,
                                      GCancellable        *cancellable,
                                      GError             **error);

/* The same in a GTask worker thread; @graph is copied before this
 * returns. */
void    ppv_layout_render_svg_async  (PpvCallGraph        *graph,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GBytes *ppv_layout_render_svg_finish (GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS
