/* ppv-layout.h — laying out a PpvCallGraph with graphviz's dot, in process.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ppv-callgraph.h"
#include "ppv-scene.h"

G_BEGIN_DECLS

typedef enum
{
  PPV_LAYOUT_ERROR_TOO_LARGE,  /* over PPV_LAYOUT_MAX_NODES / _EDGES */
  PPV_LAYOUT_ERROR_INVALID,    /* an edge names a node that does not exist */
  PPV_LAYOUT_ERROR_FAILED,     /* graphviz could not lay the graph out or render it */
} PpvLayoutError;

#define PPV_LAYOUT_ERROR (ppv_layout_error_quark ())
GQuark ppv_layout_error_quark (void);

/* How big graphs behave (dot from graphviz 2.42 in process, one core of
 * a 2-core x86-64 development machine, CPU time; tests/layout/bench-layout
 * prints them on yours):
 *
 *  - pprof's default nodecount (80) gives ~80 nodes and ~150 edges:
 *    30-55 ms, SVG 75 ms.  300 nodes with 450-600 edges: 0.3-1 s.
 *  - Time grows with the edges, most of all with edges that span many
 *    ranks: dot's x-coordinate pass works on one virtual node per rank an
 *    edge crosses.  Real pprof graphs (CPU profiles of the Go compiler):
 *    601 nodes / 1,481 edges took 23 s in plain dot, 4.3 s with the effort
 *    limits below; 1,001 / 2,027 6 s; 1,234 / 1,932 3 s; 1,569 / 2,706
 *    13 s.  A pprof-shaped graph at the caps (2,000 / 3,000): ~21 s.
 *    Random graphs are far worse: 300 nodes / 598 edges took 5-7 s and
 *    1,000 nodes did not finish in 300 s.
 *  - Above 400 nodes or 800 edges dot's effort is capped (nslimit=2,
 *    mclimit=0.5): the layout stays valid, its edges just less straight.
 *    Smaller graphs get exactly the layout `dot` gives pprof's DOT text.
 *
 * dot cannot be interrupted once it starts, and while it runs every other
 * layout waits, so graphs over either cap are refused up front rather
 * than pinning graphviz for minutes. */
#define PPV_LAYOUT_MAX_NODES 2000
#define PPV_LAYOUT_MAX_EDGES 3000

/* graphviz switches LC_NUMERIC to "C" process-wide (setlocale) around
 * every layout and render; an application that keeps LC_NUMERIC at "C"
 * makes that a no-op.
 *
 * Synchronous; for the CLI, tests and worker threads.  Blocks while
 * another layout holds graphviz.  G_IO_ERROR_CANCELLED if @cancellable
 * was cancelled before graphviz started (a running layout is not
 * interrupted, but its result is then discarded). */
PpvScene *ppv_layout_compute        (PpvCallGraph        *graph,
                                     GCancellable        *cancellable,
                                     GError             **error);

/* Runs in a GTask worker thread.  @graph is copied before this returns,
 * so the caller may drop it at once.  A request whose @cancellable is
 * cancelled before it gets graphviz is dropped without laying anything
 * out. */
void      ppv_layout_compute_async  (PpvCallGraph        *graph,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
PpvScene *ppv_layout_compute_finish (GAsyncResult        *result,
                                     GError             **error);

G_END_DECLS
