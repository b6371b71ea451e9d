/* ppv-layout-private.h — the graphviz side of src/layout: one lock, one
 * context, and the sanitised copy of a call graph that graphviz gets.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <graphviz/gvc.h>

#include "ppv-layout.h"

G_BEGIN_DECLS

typedef struct
{
  PpvCallGraphNodeKind  kind;
  const char           *gv_name;       /* unique, non-empty, '&' escaped */
  const char           *display_name;  /* valid UTF-8, XML-safe */
  const char           *tooltip;       /* decoded, or NULL */
  PpvAttr              *attrs;         /* whitelisted, values in graphviz form */
  guint                 n_attrs;
} PpvLayoutInputNode;

typedef struct
{
  guint       src;
  guint       dst;
  const char *tooltip;                 /* decoded, or NULL */
  const char *label_tooltip;
  PpvAttr    *attrs;
  guint       n_attrs;
} PpvLayoutInputEdge;

/* A private, sanitised snapshot of a PpvCallGraph: taken on the caller's
 * thread so the worker never touches the caller's graph. */
typedef struct
{
  GStringChunk       *strings;
  const char         *gv_title;
  const char         *display_title;
  PpvLayoutInputNode *nodes;
  guint               n_nodes;
  PpvLayoutInputEdge *edges;
  guint               n_edges;
} PpvLayoutInput;

PpvLayoutInput *_ppv_layout_input_new  (PpvCallGraph   *graph,
                                        GError        **error);
void            _ppv_layout_input_free (PpvLayoutInput *input);

/* Every libgvc/cgraph call happens between these two. */
void            _ppv_layout_lock       (void);
void            _ppv_layout_unlock     (void);

/* A laid-out graphviz graph; call with the lock held.  @nodes and @edges
 * (n_nodes / n_edges long, or NULL) receive the graphviz objects in input
 * order.  Free with _ppv_layout_close(), also under the lock. */
Agraph_t       *_ppv_layout_run        (PpvLayoutInput *input,
                                        Agnode_t      **nodes,
                                        Agedge_t      **edges,
                                        GError        **error);
void            _ppv_layout_close      (Agraph_t       *graph);
GVC_t          *_ppv_layout_get_context (void);

/* How many times graphviz has laid out a graph in this process (tests use
 * it to see that a cancelled request never ran). */
guint           _ppv_layout_get_n_runs (void);

void            _ppv_layout_run_in_thread (PpvCallGraph        *graph,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data,
                                           gpointer             source_tag,
                                           const char          *name,
                                           GTaskThreadFunc      thread_func);

G_END_DECLS
