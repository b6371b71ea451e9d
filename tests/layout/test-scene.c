/* test-scene.c — laying out hand-built call graphs and checking the scene's
 * geometry, labels, colours and limits.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "ppv-layout.h"
#include "ppv-test-graph.h"

/* graphviz rounds coordinates to 1/100 pt in places and clips splines at
 * node outlines; allow a couple of points. */
#define TOLERANCE 2.0

static double
distance_to_rect (const PpvSceneRect *r,
                  PpvScenePoint       p)
{
  double dx = MAX (MAX (r->x - p.x, 0), p.x - (r->x + r->width));
  double dy = MAX (MAX (r->y - p.y, 0), p.y - (r->y + r->height));

  return sqrt (dx * dx + dy * dy);
}

static gboolean
rect_inside (const PpvSceneRect *inner,
             const PpvSceneRect *outer,
             double              tolerance)
{
  return inner->x >= outer->x - tolerance &&
         inner->y >= outer->y - tolerance &&
         inner->x + inner->width <= outer->x + outer->width + tolerance &&
         inner->y + inner->height <= outer->y + outer->height + tolerance;
}

static gboolean
color_is (PpvSceneColor c,
          guint32       rgb)
{
  return fabsf (c.red - ((rgb >> 16) & 0xff) / 255.f) < 1e-4 &&
         fabsf (c.green - ((rgb >> 8) & 0xff) / 255.f) < 1e-4 &&
         fabsf (c.blue - (rgb & 0xff) / 255.f) < 1e-4 &&
         fabsf (c.alpha - 1.f) < 1e-4;
}

/* The checks every scene must pass, whatever the graph. */
static void
assert_scene_sane (const PpvScene *scene,
                   PpvCallGraph   *graph)
{
  g_assert_cmpuint (scene->n_nodes, ==, graph->n_nodes);
  g_assert_cmpuint (scene->n_edges, ==, graph->n_edges);
  g_assert_cmpfloat (scene->bounds.x, ==, 0);
  g_assert_cmpfloat (scene->bounds.y, ==, 0);
  if (graph->n_nodes > 0)
    {
      g_assert_cmpfloat (scene->bounds.width, >, 0);
      g_assert_cmpfloat (scene->bounds.height, >, 0);
    }

  for (guint i = 0; i < scene->n_nodes; i++)
    {
      const PpvSceneNode *node = &scene->nodes[i];

      g_assert_cmpuint (node->index, ==, i);
      g_assert_cmpint (node->kind, ==, graph->nodes[i].kind);
      g_assert_nonnull (node->name);
      g_assert_nonnull (node->shape);
      g_assert_cmpfloat (node->box.width, >, 0);
      g_assert_cmpfloat (node->box.height, >, 0);
      if (!rect_inside (&node->box, &scene->bounds, TOLERANCE))
        g_error ("node %u (%s) at %g,%g %gx%g is outside the bounds %gx%g", i, node->name,
                 node->box.x, node->box.y, node->box.width, node->box.height,
                 scene->bounds.width, scene->bounds.height);

      for (guint j = 0; j < node->label.n_lines; j++)
        {
          const PpvSceneTextLine *line = &node->label.lines[j];

          g_assert_nonnull (line->text);
          g_assert_cmpfloat (line->font_size, >, 0);
          /* Each baseline lies inside its node's box. */
          g_assert_cmpfloat (line->baseline, >=, node->box.y);
          g_assert_cmpfloat (line->baseline, <=, node->box.y + node->box.height);
          g_assert_cmpfloat (line->x, >=, node->box.x - TOLERANCE);
          g_assert_cmpfloat (line->x, <=, node->box.x + node->box.width + TOLERANCE);
        }
    }

  for (guint i = 0; i < scene->n_edges; i++)
    {
      const PpvSceneEdge *edge = &scene->edges[i];
      const PpvSceneRect *src_box, *dst_box;
      const PpvSceneSpline *first, *last;
      PpvScenePoint start, end;

      g_assert_cmpuint (edge->index, ==, i);
      g_assert_cmpuint (edge->src, ==, graph->edges[i].src);
      g_assert_cmpuint (edge->dst, ==, graph->edges[i].dst);
      g_assert_cmpuint (edge->n_splines, >=, 1);

      for (guint j = 0; j < edge->n_splines; j++)
        {
          const PpvSceneSpline *s = &edge->splines[j];

          g_assert_cmpuint (s->n_points, >=, 4);
          g_assert_cmpuint ((s->n_points - 1) % 3, ==, 0);
          /* Points on the curve lie inside; control points need not. */
          for (guint k = 0; k < s->n_points; k += 3)
            g_assert_cmpfloat (distance_to_rect (&scene->bounds, s->points[k]), <=, TOLERANCE);
        }

      first = &edge->splines[0];
      last = &edge->splines[edge->n_splines - 1];
      start = first->has_start_arrow ? first->start_arrow : first->points[0];
      end = last->has_end_arrow ? last->end_arrow : last->points[last->n_points - 1];
      src_box = &scene->nodes[edge->src].box;
      dst_box = &scene->nodes[edge->dst].box;

      if (distance_to_rect (src_box, start) > TOLERANCE)
        g_error ("edge %u (%u -> %u) starts at %g,%g, %g pt from its source", i,
                 edge->src, edge->dst, start.x, start.y, distance_to_rect (src_box, start));
      if (distance_to_rect (dst_box, end) > TOLERANCE)
        g_error ("edge %u (%u -> %u) ends at %g,%g, %g pt from its destination", i,
                 edge->src, edge->dst, end.x, end.y, distance_to_rect (dst_box, end));

      /* The arrowhead spans from the end of the curve to the tip. */
      if (last->has_end_arrow)
        {
          PpvScenePoint base = last->points[last->n_points - 1];

          g_assert_cmpfloat (hypot (end.x - base.x, end.y - base.y), >, 1.0);
        }
    }
}

static void
test_a1 (void)
{
  g_autoptr(PpvTestGraph) graph = ppv_test_graph_new_a1 ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvScene) scene = NULL;
  const PpvSceneNode *legend, *n3;
  const PpvSceneEdge *inline_edge;

  scene = ppv_layout_compute (graph, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (scene);
  assert_scene_sane (scene, graph);

  g_assert_cmpstr (scene->title, ==, "myprog");
  g_assert_cmpuint (scene->n_nodes, ==, 9);
  g_assert_cmpuint (scene->n_edges, ==, 8);

  /* Node N3: four centred lines at 24 pt, pprof's colours. */
  n3 = &scene->nodes[3];
  g_assert_cmpstr (n3->name, ==, "N3");
  g_assert_cmpint (n3->kind, ==, PPV_CALLGRAPH_NODE_FUNCTION);
  g_assert_cmpstr (n3->shape, ==, "box");
  g_assert_true (n3->filled);
  g_assert_true (color_is (n3->stroke, 0xb21f00));
  g_assert_true (color_is (n3->fill, 0xedd9d5));
  g_assert_cmpstr (n3->tooltip, ==, "main.bar (0.55s)");
  g_assert_cmpuint (n3->label.n_lines, ==, 4);
  g_assert_cmpstr (n3->label.lines[0].text, ==, "main");
  g_assert_cmpstr (n3->label.lines[1].text, ==, "bar");
  g_assert_cmpstr (n3->label.lines[2].text, ==, "0.50s (47.17%)");
  g_assert_cmpstr (n3->label.lines[3].text, ==, "of 0.55s (51.89%)");
  g_assert_cmpfloat (n3->label.font_size, ==, 24);
  for (guint i = 0; i < 4; i++)
    {
      const PpvSceneTextLine *line = &n3->label.lines[i];

      g_assert_cmpint (line->justify, ==, PPV_SCENE_JUSTIFY_CENTER);
      g_assert_cmpfloat (fabs (line->x - (n3->box.x + n3->box.width / 2)), <, 1.0);
      g_assert_cmpfloat (line->font_size, ==, 24);
      g_assert_cmpfloat (line->width, >, 0);
      g_assert_cmpfloat (line->width, <=, n3->box.width);
      if (i > 0)
        g_assert_cmpfloat (line->baseline, >, n3->label.lines[i - 1].baseline);
    }
  /* A larger font makes a larger box than N8's 11 pt. */
  g_assert_cmpfloat (n3->box.height, >, scene->nodes[8].box.height);

  /* The legend: left-justified lines, one blank, in the cluster. */
  legend = &scene->nodes[0];
  g_assert_cmpint (legend->kind, ==, PPV_CALLGRAPH_NODE_LEGEND);
  g_assert_cmpstr (legend->name, ==, "File: myprog");
  g_assert_true (color_is (legend->fill, 0xf8f8f8));
  g_assert_true (color_is (legend->stroke, 0x000000));
  g_assert_cmpuint (legend->label.n_lines, ==, 8);
  g_assert_cmpstr (legend->label.lines[0].text, ==, "File: myprog");
  g_assert_cmpstr (legend->label.lines[6].text, ==, "");
  g_assert_cmpstr (legend->label.lines[7].text, ==, "See https://git.io/JfYMW for how to read the graph");
  for (guint i = 0; i < legend->label.n_lines; i++)
    {
      g_assert_cmpint (legend->label.lines[i].justify, ==, PPV_SCENE_JUSTIFY_LEFT);
      g_assert_cmpfloat (legend->label.lines[i].x, ==, legend->label.lines[0].x);
      g_assert_cmpfloat (legend->label.lines[i].font_size, ==, 16);
    }
  g_assert_cmpfloat (legend->label.lines[0].x, >, legend->box.x);
  g_assert_cmpstr (legend->tooltip, ==, "myprog");

  g_assert_cmpuint (scene->n_clusters, ==, 1);
  g_assert_cmpstr (scene->clusters[0].name, ==, "cluster_L");
  g_assert_true (rect_inside (&legend->box, &scene->clusters[0].box, 0));
  g_assert_true (rect_inside (&scene->clusters[0].box, &scene->bounds, TOLERANCE));

  /* Edges: pen widths, colours, two-line label, tooltips. */
  g_assert_cmpfloat (scene->edges[0].pen_width, ==, 6);
  g_assert_true (color_is (scene->edges[0].color, 0xb20000));
  g_assert_cmpint (scene->edges[0].line_style, ==, PPV_SCENE_LINE_SOLID);
  g_assert_cmpfloat (scene->edges[7].pen_width, ==, 1);
  g_assert_cmpstr (scene->edges[0].tooltip, ==, "runtime.main -> main.main (1.06s)");
  g_assert_cmpstr (scene->edges[0].label_tooltip, ==, "runtime.main -> main.main (1.06s)");
  g_assert_cmpuint (scene->edges[0].label.n_lines, ==, 1);
  g_assert_cmpstr (scene->edges[0].label.lines[0].text, ==, " 1.06s");

  inline_edge = &scene->edges[4];
  g_assert_cmpuint (inline_edge->label.n_lines, ==, 2);
  g_assert_cmpstr (inline_edge->label.lines[0].text, ==, " 0.20s");
  g_assert_cmpstr (inline_edge->label.lines[1].text, ==, " (inline)");
  g_assert_true (inline_edge->splines[0].has_end_arrow);
  g_assert_true (rect_inside (&inline_edge->label.box, &scene->bounds, TOLERANCE));

  /* Callers sit above callees in dot's ranks. */
  g_assert_cmpfloat (scene->nodes[2].box.y, <, scene->nodes[1].box.y);
  g_assert_cmpfloat (scene->nodes[1].box.y, <, scene->nodes[4].box.y);
  g_assert_cmpfloat (scene->nodes[4].box.y, <, scene->nodes[6].box.y);
}

static void
test_find_node_at (void)
{
  g_autoptr(PpvTestGraph) graph = ppv_test_graph_new_a1 ();
  g_autoptr(PpvScene) scene = ppv_layout_compute (graph, NULL, NULL);
  const PpvSceneRect *b;

  g_assert_nonnull (scene);
  for (guint i = 0; i < scene->n_nodes; i++)
    {
      b = &scene->nodes[i].box;
      g_assert_cmpint (ppv_scene_find_node_at (scene, b->x + b->width / 2, b->y + b->height / 2), ==, i);
    }
  g_assert_cmpint (ppv_scene_find_node_at (scene, -10, -10), ==, -1);
  g_assert_cmpint (ppv_scene_find_node_at (scene, scene->bounds.width + 1, 0), ==, -1);
}

static void
test_boxed_type (void)
{
  g_autoptr(PpvTestGraph) graph = ppv_test_graph_new_a1 ();
  g_autoptr(PpvScene) scene = ppv_layout_compute (graph, NULL, NULL);
  PpvScene *copy;

  g_assert_true (G_TYPE_IS_BOXED (PPV_TYPE_SCENE));
  copy = g_boxed_copy (PPV_TYPE_SCENE, scene);
  g_assert_true (copy == scene);
  g_assert_cmpint (scene->ref_count, ==, 2);
  g_boxed_free (PPV_TYPE_SCENE, copy);
  g_assert_cmpint (scene->ref_count, ==, 1);
}

static void
test_pprof_shaped (void)
{
  for (guint32 seed = 1; seed <= 3; seed++)
    {
      g_autoptr(PpvTestGraph) graph = ppv_test_graph_new_pprof_shaped (80, 150, seed);
      g_autoptr(GError) error = NULL;
      g_autoptr(PpvScene) scene = NULL;

      g_assert_cmpuint (graph->n_nodes, ==, 81);
      g_assert_cmpuint (graph->n_edges, ==, 150);
      scene = ppv_layout_compute (graph, NULL, &error);
      g_assert_no_error (error);
      assert_scene_sane (scene, graph);
    }
}

/* Self loops, parallel edges, back edges, a dotted and an invisible edge. */
static void
test_edge_shapes (void)
{
  g_autoptr(PpvTestGraph) graph = ppv_test_graph_new ("shapes");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvScene) scene = NULL;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("N%u", i);
      ppv_test_graph_add_node (graph, PPV_CALLGRAPH_NODE_FUNCTION, name, "shape", "box", NULL);
    }
  ppv_test_graph_add_edge (graph, 0, 1, "label", " a", NULL);
  ppv_test_graph_add_edge (graph, 0, 1, "label", " b", "style", "dotted", NULL);
  ppv_test_graph_add_edge (graph, 1, 2, "style", "dashed", NULL);
  ppv_test_graph_add_edge (graph, 2, 0, "label", " back", NULL);
  ppv_test_graph_add_edge (graph, 2, 2, "label", " self", NULL);
  ppv_test_graph_add_edge (graph, 3, 3, NULL);
  ppv_test_graph_add_edge (graph, 2, 3, "style", "invis", NULL);

  scene = ppv_layout_compute (graph, NULL, &error);
  g_assert_no_error (error);
  assert_scene_sane (scene, graph);

  /* Parallel edges stay two edges with different routes. */
  g_assert_cmpuint (scene->n_edges, ==, 7);
  g_assert_cmpfloat (fabs (scene->edges[0].splines[0].points[1].x - scene->edges[1].splines[0].points[1].x) +
                     fabs (scene->edges[0].splines[0].points[1].y - scene->edges[1].splines[0].points[1].y), >, 1);
  g_assert_cmpint (scene->edges[0].line_style, ==, PPV_SCENE_LINE_SOLID);
  g_assert_cmpint (scene->edges[1].line_style, ==, PPV_SCENE_LINE_DOTTED);
  g_assert_cmpint (scene->edges[2].line_style, ==, PPV_SCENE_LINE_DASHED);
  g_assert_cmpint (scene->edges[6].line_style, ==, PPV_SCENE_LINE_INVISIBLE);
  g_assert_cmpstr (scene->edges[3].label.lines[0].text, ==, " back");
  /* Nodes without a label show their name. */
  g_assert_cmpuint (scene->nodes[2].label.n_lines, ==, 1);
  g_assert_cmpstr (scene->nodes[2].label.lines[0].text, ==, "N2");
}

static void
test_empty (void)
{
  g_autoptr(PpvTestGraph) graph = ppv_test_graph_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvScene) scene = NULL;

  scene = ppv_layout_compute (graph, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scene->n_nodes, ==, 0);
  g_assert_cmpuint (scene->n_edges, ==, 0);
  g_assert_cmpuint (scene->n_clusters, ==, 0);
  g_assert_cmpstr (scene->title, ==, "unnamed");
  g_assert_cmpint (ppv_scene_find_node_at (scene, 0, 0), ==, -1);
}

static void
test_too_large (void)
{
  g_autoptr(PpvTestGraph) many_nodes = ppv_test_graph_new ("big.pb.gz");
  g_autoptr(PpvTestGraph) many_edges = ppv_test_graph_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvScene) scene = NULL;

  for (guint i = 0; i < PPV_LAYOUT_MAX_NODES + 1; i++)
    ppv_test_graph_add_node (many_nodes, PPV_CALLGRAPH_NODE_FUNCTION, "N", NULL);

  scene = ppv_layout_compute (many_nodes, NULL, &error);
  g_assert_error (error, PPV_LAYOUT_ERROR, PPV_LAYOUT_ERROR_TOO_LARGE);
  g_assert_null (scene);
  {
    g_autofree char *expected = g_strdup_printf ("big.pb.gz: the graph has %u nodes; at most %u can be laid out",
                                                 PPV_LAYOUT_MAX_NODES + 1, PPV_LAYOUT_MAX_NODES);
    g_assert_cmpstr (error->message, ==, expected);
  }
  g_clear_error (&error);

  ppv_test_graph_add_node (many_edges, PPV_CALLGRAPH_NODE_FUNCTION, "A", NULL);
  ppv_test_graph_add_node (many_edges, PPV_CALLGRAPH_NODE_FUNCTION, "B", NULL);
  for (guint i = 0; i < PPV_LAYOUT_MAX_EDGES + 1; i++)
    ppv_test_graph_add_edge (many_edges, 0, 1, NULL);

  scene = ppv_layout_compute (many_edges, NULL, &error);
  g_assert_error (error, PPV_LAYOUT_ERROR, PPV_LAYOUT_ERROR_TOO_LARGE);
  {
    g_autofree char *expected = g_strdup_printf ("unnamed: the graph has %u edges; at most %u can be laid out",
                                                 PPV_LAYOUT_MAX_EDGES + 1, PPV_LAYOUT_MAX_EDGES);
    g_assert_cmpstr (error->message, ==, expected);
  }
  g_assert_null (scene);
}

static void
test_invalid_edge (void)
{
  g_autoptr(PpvTestGraph) graph = ppv_test_graph_new ("bad");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvScene) scene = NULL;

  ppv_test_graph_add_node (graph, PPV_CALLGRAPH_NODE_FUNCTION, "N1", NULL);
  ppv_test_graph_add_edge (graph, 0, 7, NULL);

  scene = ppv_layout_compute (graph, NULL, &error);
  g_assert_error (error, PPV_LAYOUT_ERROR, PPV_LAYOUT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "bad: "));
  g_assert_null (scene);
}

static void
test_cancelled (void)
{
  g_autoptr(PpvTestGraph) graph = ppv_test_graph_new_a1 ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvScene) scene = NULL;

  g_cancellable_cancel (cancellable);
  scene = ppv_layout_compute (graph, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (scene);
}

/* Without its plugin configuration (config6a, which Debian's install step
 * writes) graphviz cannot lay anything out, "dot not recognized": that
 * must be an error, not a crash. */
static void
no_plugins_child (void)
{
  g_autoptr(PpvTestGraph) graph = ppv_test_graph_new_a1 ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvScene) scene = NULL;
  g_autofree char *empty = NULL;

  if (!g_test_subprocess ())
    {
      g_test_skip ("only runs as a subprocess");
      return;
    }

  /* Read by gvContext(), which runs at the first layout. */
  empty = g_dir_make_tmp ("ppv-no-plugins-XXXXXX", NULL);
  g_setenv ("GVBINDIR", empty, TRUE);

  scene = ppv_layout_compute (graph, NULL, &error);
  g_rmdir (empty);
  g_assert_error (error, PPV_LAYOUT_ERROR, PPV_LAYOUT_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "myprog: graphviz could not lay out the graph ("));
  g_assert_nonnull (strstr (error->message, "not recognized"));
  g_assert_null (scene);
}

static void
test_no_plugins (void)
{
  g_test_trap_subprocess ("/ppv/layout/scene/no-plugins/child", 0, 0);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppv/layout/scene/a1", test_a1);
  g_test_add_func ("/ppv/layout/scene/find-node-at", test_find_node_at);
  g_test_add_func ("/ppv/layout/scene/boxed-type", test_boxed_type);
  g_test_add_func ("/ppv/layout/scene/pprof-shaped", test_pprof_shaped);
  g_test_add_func ("/ppv/layout/scene/edge-shapes", test_edge_shapes);
  g_test_add_func ("/ppv/layout/scene/empty", test_empty);
  g_test_add_func ("/ppv/layout/scene/too-large", test_too_large);
  g_test_add_func ("/ppv/layout/scene/invalid-edge", test_invalid_edge);
  g_test_add_func ("/ppv/layout/scene/cancelled", test_cancelled);
  g_test_add_func ("/ppv/layout/scene/no-plugins", test_no_plugins);
  g_test_add_func ("/ppv/layout/scene/no-plugins/child", no_plugins_child);

  return g_test_run ();
}
