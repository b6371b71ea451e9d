/* ppv-svg.c — SVG export through graphviz's in-process "svg" renderer.
 *
 * pprof post-processes dot's SVG for its web view: it rewrites "&;" to
 * "&amp;;", sets the root width and height to 100% and wraps graph0 in a
 * pan/zoom viewport with a script.  We write a standalone file instead:
 *  - "&;" cannot occur, because every '&' is escaped before it reaches
 *    graphviz (see ppv-layout-graph.c);
 *  - the root keeps graphviz's size in points, so viewers that are not
 *    browsers (eog, Inkscape) open it at its natural size;
 *  - no script.
 * As a last guard the bytes are parsed as XML before they are returned.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ppv-layout-private.h"
#include "ppv-svg.h"

static gboolean
is_well_formed (const char *data,
                gsize       len)
{
  static const GMarkupParser parser = { NULL, NULL, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_utf8_validate (data, len, NULL))
    return FALSE;

  context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  if (!g_markup_parse_context_parse (context, data, len, &error) ||
      !g_markup_parse_context_end_parse (context, &error))
    {
      g_debug ("graphviz wrote malformed SVG: %s", error->message);
      return FALSE;
    }

  return TRUE;
}

static GBytes *
render (PpvLayoutInput  *input,
        GCancellable    *cancellable,
        GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  Agraph_t *graph;
  char *data = NULL;
  unsigned int len = 0;
  int rc;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  _ppv_layout_lock ();

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      _ppv_layout_unlock ();
      return NULL;
    }

  graph = _ppv_layout_run (input, NULL, NULL, error);
  if (graph == NULL)
    {
      _ppv_layout_unlock ();
      return NULL;
    }

  rc = gvRenderData (_ppv_layout_get_context (), graph, "svg", &data, &len);
  if (rc == 0 && data != NULL)
    bytes = g_bytes_new (data, len);
  if (data != NULL)
    gvFreeRenderData (data);
  _ppv_layout_close (graph);

  _ppv_layout_unlock ();

  if (bytes == NULL)
    {
      g_set_error (error, PPV_LAYOUT_ERROR, PPV_LAYOUT_ERROR_FAILED,
                   "%s: graphviz could not render the graph as SVG",
                   input->display_title);
      return NULL;
    }

  if (!is_well_formed (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)))
    {
      g_set_error (error, PPV_LAYOUT_ERROR, PPV_LAYOUT_ERROR_FAILED,
                   "%s: graphviz produced malformed SVG",
                   input->display_title);
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&bytes);
}

GBytes *
ppv_layout_render_svg (PpvCallGraph  *graph,
                       GCancellable  *cancellable,
                       GError       **error)
{
  PpvLayoutInput *input;
  GBytes *bytes;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  input = _ppv_layout_input_new (graph, error);
  if (input == NULL)
    return NULL;

  bytes = render (input, cancellable, error);
  _ppv_layout_input_free (input);

  return bytes;
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *bytes;

  bytes = render (task_data, cancellable, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

void
ppv_layout_render_svg_async (PpvCallGraph        *graph,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (graph != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _ppv_layout_run_in_thread (graph, cancellable, callback, user_data,
                             ppv_layout_render_svg_async, "[ppv] render svg", render_thread);
}

GBytes *
ppv_layout_render_svg_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ppv_layout_render_svg_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
