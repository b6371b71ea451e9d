/* ppv-layout.c — laying out a PpvCallGraph with dot and turning graphviz's
 * result into an immutable PpvScene, synchronously or in a GTask thread.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ppv-layout-private.h"
#include "ppv-scene-private.h"

G_DEFINE_QUARK (ppv-layout-error-quark, ppv_layout_error)

/* graphviz's coordinates have y pointing up and an arbitrary origin; the
 * scene's have the origin at the bounding box's top-left, y down. */
typedef struct
{
  double left;
  double top;
} Transform;

static inline PpvScenePoint
to_scene_point (const Transform *t,
                pointf           p)
{
  return (PpvScenePoint) { p.x - t->left, t->top - p.y };
}

static PpvSceneRect
to_scene_rect (const Transform *t,
               double           cx,
               double           cy,
               double           width,
               double           height)
{
  return (PpvSceneRect) {
    cx - width / 2 - t->left,
    t->top - (cy + height / 2),
    width,
    height,
  };
}

static int
hex_digit (char c)
{
  return g_ascii_xdigit_value (c);
}

/* graphviz colours as pprof writes them ("#rrggbb"), plus "#rrggbbaa" and
 * the few names graphviz uses as defaults.  FALSE for anything else. */
static gboolean
parse_color (const char    *s,
             PpvSceneColor *color)
{
  static const struct { const char *name; guint32 rgb; } names[] = {
    { "black", 0x000000 }, { "white", 0xffffff },
    { "lightgrey", 0xd3d3d3 }, { "lightgray", 0xd3d3d3 },
    { "gray", 0xc0c0c0 }, { "grey", 0xc0c0c0 },
    { "red", 0xff0000 }, { "green", 0x00ff00 }, { "blue", 0x0000ff },
  };
  gsize len;

  if (s == NULL || s[0] == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (s, "none") == 0 || g_ascii_strcasecmp (s, "transparent") == 0)
    {
      *color = (PpvSceneColor) { 1, 1, 1, 0 };
      return TRUE;
    }

  len = strlen (s);
  if (s[0] == '#' && (len == 7 || len == 9))
    {
      int v[4] = { 0, 0, 0, 255 };

      for (gsize i = 0; i < (len - 1) / 2; i++)
        {
          int hi = hex_digit (s[1 + 2 * i]);
          int lo = hex_digit (s[2 + 2 * i]);

          if (hi < 0 || lo < 0)
            return FALSE;
          v[i] = hi * 16 + lo;
        }

      *color = (PpvSceneColor) { v[0] / 255.f, v[1] / 255.f, v[2] / 255.f, v[3] / 255.f };
      return TRUE;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (s, names[i].name) == 0)
      {
        *color = (PpvSceneColor) {
          ((names[i].rgb >> 16) & 0xff) / 255.f,
          ((names[i].rgb >> 8) & 0xff) / 255.f,
          (names[i].rgb & 0xff) / 255.f,
          1.f,
        };
        return TRUE;
      }

  return FALSE;
}

static PpvSceneColor
get_color (void          *object,
           const char    *attr,
           PpvSceneColor  fallback)
{
  PpvSceneColor color;

  if (parse_color (agget (object, (char *) attr), &color))
    return color;

  return fallback;
}

static double
get_number (void       *object,
            const char *attr,
            double      fallback)
{
  const char *s = agget (object, (char *) attr);
  char *end = NULL;
  double v;

  if (s == NULL || s[0] == '\0')
    return fallback;

  v = g_ascii_strtod (s, &end);
  if (end == s)
    return fallback;

  return v;
}

static gboolean
style_has (const char *style,
           const char *word)
{
  g_auto(GStrv) words = NULL;

  if (style == NULL || style[0] == '\0')
    return FALSE;

  words = g_strsplit (style, ",", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (g_str_equal (g_strstrip (words[i]), word))
      return TRUE;

  return FALSE;
}

static PpvSceneLineStyle
get_line_style (void *object)
{
  const char *style = agget (object, "style");

  if (style_has (style, "invis") || style_has (style, "invisible"))
    return PPV_SCENE_LINE_INVISIBLE;
  if (style_has (style, "dotted"))
    return PPV_SCENE_LINE_DOTTED;
  if (style_has (style, "dashed"))
    return PPV_SCENE_LINE_DASHED;

  return PPV_SCENE_LINE_SOLID;
}

/* Places the lines of @lp exactly where graphviz's emit_label() and its
 * SVG renderer put them. */
static void
convert_label (PpvScene        *scene,
               const Transform *t,
               textlabel_t     *lp,
               const pointf    *centre,
               PpvSceneLabel   *out)
{
  static const PpvSceneColor black = { 0, 0, 0, 1 };
  pointf pos;
  double y;

  memset (out, 0, sizeof *out);

  if (lp == NULL || lp->html || lp->u.txt.nspans <= 0 || lp->u.txt.span == NULL)
    return;

  /* A node's label is centred on the node: graphviz only copies the
   * node's position into lp->pos while rendering (poly_gencode). */
  pos = centre != NULL ? *centre : lp->pos;

  out->font_size = lp->fontsize;
  out->font_family = _ppv_scene_intern (scene, lp->fontname != NULL ? lp->fontname : "Times");
  if (!parse_color (lp->fontcolor, &out->color))
    out->color = black;
  out->box = to_scene_rect (t, pos.x, pos.y, lp->space.x, lp->space.y);

  switch (lp->valign)
    {
    case 't':
      y = pos.y + lp->space.y / 2.0 - lp->fontsize;
      break;
    case 'b':
      y = pos.y - lp->space.y / 2.0 + lp->dimen.y - lp->fontsize;
      break;
    case 'c':
    default:
      y = pos.y + lp->dimen.y / 2.0 - lp->fontsize;
      break;
    }

  out->n_lines = lp->u.txt.nspans;
  out->lines = g_new0 (PpvSceneTextLine, out->n_lines);

  for (guint i = 0; i < out->n_lines; i++)
    {
      const textspan_t *span = &lp->u.txt.span[i];
      PpvSceneTextLine *line = &out->lines[i];
      double x;

      switch (span->just)
        {
        case 'l':
          x = pos.x - lp->space.x / 2.0;
          line->justify = PPV_SCENE_JUSTIFY_LEFT;
          break;
        case 'r':
          x = pos.x + lp->space.x / 2.0;
          line->justify = PPV_SCENE_JUSTIFY_RIGHT;
          break;
        default:
          x = pos.x;
          line->justify = PPV_SCENE_JUSTIFY_CENTER;
          break;
        }

      line->text = _ppv_scene_intern (scene, span->str != NULL ? span->str : "");
      line->x = x - t->left;
      /* The SVG renderer shifts each baseline by yoffset_centerline. */
      line->baseline = t->top - (y + span->yoffset_centerline);
      line->width = span->size.x;
      line->height = span->size.y;
      line->font_size = span->font != NULL && span->font->size > 0 ? span->font->size : lp->fontsize;

      if (i == 0 && span->font != NULL && span->font->postscript_alias != NULL &&
          span->font->postscript_alias->family != NULL)
        out->font_family = _ppv_scene_intern (scene, span->font->postscript_alias->family);

      y -= span->size.y;
    }
}

static void
convert_splines (const Transform *t,
                 Agedge_t        *e,
                 PpvSceneEdge    *out)
{
  const splines *spl = ED_spl (e);

  if (spl == NULL || spl->size <= 0 || spl->list == NULL)
    return;

  out->n_splines = spl->size;
  out->splines = g_new0 (PpvSceneSpline, out->n_splines);

  for (guint i = 0; i < out->n_splines; i++)
    {
      const bezier *bz = &spl->list[i];
      PpvSceneSpline *spline = &out->splines[i];

      spline->n_points = bz->list != NULL && bz->size > 0 ? bz->size : 0;
      spline->points = g_new0 (PpvScenePoint, MAX (spline->n_points, 1));
      for (guint j = 0; j < spline->n_points; j++)
        spline->points[j] = to_scene_point (t, bz->list[j]);

      spline->has_start_arrow = bz->sflag != 0;
      if (spline->has_start_arrow)
        spline->start_arrow = to_scene_point (t, bz->sp);
      spline->has_end_arrow = bz->eflag != 0;
      if (spline->has_end_arrow)
        spline->end_arrow = to_scene_point (t, bz->ep);
    }
}

/* With the lock held: reads everything the scene needs out of @graph. */
static PpvScene *
build_scene (PpvLayoutInput *input,
             Agraph_t       *graph,
             Agnode_t      **nodes,
             Agedge_t      **edges)
{
  static const PpvSceneColor black = { 0, 0, 0, 1 };
  static const PpvSceneColor lightgrey = { 0xd3 / 255.f, 0xd3 / 255.f, 0xd3 / 255.f, 1 };
  PpvScene *scene = _ppv_scene_new ();
  boxf bb = GD_bb (graph);
  Transform t = { bb.LL.x, bb.UR.y };

  scene->title = _ppv_scene_intern (scene, input->display_title);
  scene->bounds = (PpvSceneRect) { 0, 0, MAX (bb.UR.x - bb.LL.x, 0), MAX (bb.UR.y - bb.LL.y, 0) };

  scene->n_nodes = input->n_nodes;
  scene->nodes = g_new0 (PpvSceneNode, MAX (input->n_nodes, 1));

  for (guint i = 0; i < input->n_nodes; i++)
    {
      const PpvLayoutInputNode *in = &input->nodes[i];
      PpvSceneNode *node = &scene->nodes[i];
      Agnode_t *n = nodes[i];
      const char *style = agget (n, "style");
      PpvSceneColor stroke = get_color (n, "color", black);

      node->name = _ppv_scene_intern (scene, in->display_name);
      node->index = i;
      node->kind = in->kind;
      node->box = to_scene_rect (&t, ND_coord (n).x, ND_coord (n).y,
                                 ND_width (n) * 72.0, ND_height (n) * 72.0);
      node->shape = _ppv_scene_intern (scene, ND_shape (n) != NULL && ND_shape (n)->name != NULL
                                              ? ND_shape (n)->name : "box");
      node->filled = style_has (style, "filled");
      node->stroke = stroke;
      /* graphviz fills with fillcolor, else color, else lightgrey. */
      node->fill = get_color (n, "fillcolor", get_color (n, "color", lightgrey));
      node->pen_width = get_number (n, "penwidth", 1.0);
      node->line_style = get_line_style (n);
      node->tooltip = _ppv_scene_intern (scene, in->tooltip);
      convert_label (scene, &t, ND_label (n), &ND_coord (n), &node->label);
    }

  scene->n_edges = input->n_edges;
  scene->edges = g_new0 (PpvSceneEdge, MAX (input->n_edges, 1));

  for (guint i = 0; i < input->n_edges; i++)
    {
      const PpvLayoutInputEdge *in = &input->edges[i];
      PpvSceneEdge *edge = &scene->edges[i];
      Agedge_t *e = edges[i];

      edge->index = i;
      edge->src = in->src;
      edge->dst = in->dst;
      edge->pen_width = get_number (e, "penwidth", 1.0);
      edge->color = get_color (e, "color", black);
      edge->line_style = get_line_style (e);
      edge->tooltip = _ppv_scene_intern (scene, in->tooltip);
      edge->label_tooltip = _ppv_scene_intern (scene, in->label_tooltip);
      convert_splines (&t, e, edge);
      convert_label (scene, &t, ED_label (e), NULL, &edge->label);
    }

  scene->n_clusters = GD_n_cluster (graph) > 0 ? GD_n_cluster (graph) : 0;
  scene->clusters = g_new0 (PpvSceneCluster, MAX (scene->n_clusters, 1));

  for (guint i = 0; i < scene->n_clusters; i++)
    {
      Agraph_t *sub = GD_clust (graph)[i + 1];
      PpvSceneCluster *cluster = &scene->clusters[i];
      boxf cbb = GD_bb (sub);

      cluster->name = _ppv_scene_intern (scene, agnameof (sub));
      cluster->box = to_scene_rect (&t, (cbb.LL.x + cbb.UR.x) / 2, (cbb.LL.y + cbb.UR.y) / 2,
                                    cbb.UR.x - cbb.LL.x, cbb.UR.y - cbb.LL.y);
      cluster->stroke = get_color (sub, "pencolor", get_color (sub, "color", black));
      cluster->pen_width = get_number (sub, "penwidth", 1.0);
    }

  return scene;
}

static PpvScene *
compute_scene (PpvLayoutInput  *input,
               GCancellable    *cancellable,
               GError         **error)
{
  g_autofree Agnode_t **nodes = NULL;
  g_autofree Agedge_t **edges = NULL;
  PpvScene *scene = NULL;
  Agraph_t *graph;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  nodes = g_new0 (Agnode_t *, MAX (input->n_nodes, 1));
  edges = g_new0 (Agedge_t *, MAX (input->n_edges, 1));

  _ppv_layout_lock ();

  /* A request may have waited a long time for the lock; if it went stale
   * meanwhile, drop it without running dot. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      _ppv_layout_unlock ();
      return NULL;
    }

  graph = _ppv_layout_run (input, nodes, edges, error);
  if (graph != NULL)
    {
      scene = build_scene (input, graph, nodes, edges);
      _ppv_layout_close (graph);
    }

  _ppv_layout_unlock ();

  if (scene != NULL && g_cancellable_set_error_if_cancelled (cancellable, error))
    g_clear_pointer (&scene, ppv_scene_unref);

  return scene;
}

PpvScene *
ppv_layout_compute (PpvCallGraph  *graph,
                    GCancellable  *cancellable,
                    GError       **error)
{
  PpvLayoutInput *input;
  PpvScene *scene;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  input = _ppv_layout_input_new (graph, error);
  if (input == NULL)
    return NULL;

  scene = compute_scene (input, cancellable, error);
  _ppv_layout_input_free (input);

  return scene;
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PpvLayoutInput *input = task_data;
  GError *error = NULL;
  PpvScene *scene;

  scene = compute_scene (input, cancellable, &error);
  if (scene == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, scene, (GDestroyNotify) ppv_scene_unref);
}

/* Copies @graph into a layout input and runs @thread_func on it in a
 * GTask worker; shared by layout and SVG rendering. */
void
_ppv_layout_run_in_thread (PpvCallGraph        *graph,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data,
                           gpointer             source_tag,
                           const char          *name,
                           GTaskThreadFunc      thread_func)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  PpvLayoutInput *input;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, name);

  input = _ppv_layout_input_new (graph, &error);
  if (input == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_set_task_data (task, input, (GDestroyNotify) _ppv_layout_input_free);
  g_task_run_in_thread (task, thread_func);
}

void
ppv_layout_compute_async (PpvCallGraph        *graph,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (graph != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _ppv_layout_run_in_thread (graph, cancellable, callback, user_data,
                             ppv_layout_compute_async, "[ppv] layout", compute_thread);
}

PpvScene *
ppv_layout_compute_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ppv_layout_compute_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
