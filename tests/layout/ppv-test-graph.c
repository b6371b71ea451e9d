/* ppv-test-graph.c — hand-built PpvCallGraph structs for the layout tests.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdarg.h>

#include "ppv-test-graph.h"

PpvTestGraph *
ppv_test_graph_new (const char *title)
{
  PpvTestGraph *self = g_new0 (PpvTestGraph, 1);

  self->ref_count = 1;
  self->strings = g_string_chunk_new (4096);
  self->title = title != NULL ? g_string_chunk_insert (self->strings, title) : NULL;

  return self;
}

void
ppv_test_graph_free (PpvTestGraph *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->n_nodes; i++)
    g_free (self->nodes[i].attrs);
  for (guint i = 0; i < self->n_edges; i++)
    g_free (self->edges[i].attrs);
  g_free (self->nodes);
  g_free (self->edges);
  g_string_chunk_free (self->strings);
  g_free (self);
}

static PpvAttr *
collect_attrs (PpvTestGraph *self,
               va_list       args,
               guint        *n_attrs)
{
  GArray *attrs = g_array_new (FALSE, TRUE, sizeof (PpvAttr));
  const char *name;

  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);
      PpvAttr attr = {
        g_string_chunk_insert (self->strings, name),
        value != NULL ? g_string_chunk_insert (self->strings, value) : NULL,
      };

      g_array_append_val (attrs, attr);
    }

  *n_attrs = attrs->len;
  return (PpvAttr *) g_array_free (attrs, FALSE);
}

guint
ppv_test_graph_add_node (PpvTestGraph         *self,
                         PpvCallGraphNodeKind  kind,
                         const char           *name,
                         ...)
{
  PpvCallGraphNode *node;
  va_list args;

  self->nodes = g_renew (PpvCallGraphNode, self->nodes, self->n_nodes + 1);
  node = &self->nodes[self->n_nodes];
  node->kind = kind;
  node->name = name != NULL ? g_string_chunk_insert (self->strings, name) : NULL;
  node->row = kind == PPV_CALLGRAPH_NODE_FUNCTION ? (int) self->n_nodes : -1;

  va_start (args, name);
  node->attrs = collect_attrs (self, args, &node->n_attrs);
  va_end (args);

  return self->n_nodes++;
}

guint
ppv_test_graph_add_edge (PpvTestGraph *self,
                         guint         src,
                         guint         dst,
                         ...)
{
  PpvCallGraphEdge *edge;
  va_list args;

  self->edges = g_renew (PpvCallGraphEdge, self->edges, self->n_edges + 1);
  edge = &self->edges[self->n_edges];
  edge->src = src;
  edge->dst = dst;
  edge->report_edge = (int) self->n_edges;

  va_start (args, dst);
  edge->attrs = collect_attrs (self, args, &edge->n_attrs);
  va_end (args);

  return self->n_edges++;
}

#define FN PPV_CALLGRAPH_NODE_FUNCTION

PpvTestGraph *
ppv_test_graph_new_a1 (void)
{
  PpvTestGraph *g = ppv_test_graph_new ("myprog");

  ppv_test_graph_add_node (g, PPV_CALLGRAPH_NODE_LEGEND, "File: myprog",
    "shape", "box", "fontsize", "16",
    "label", "File: myprog\\lBuild ID: abc123\\lType: cpu\\lTime: Nov 14, 2023 at 10:13pm (UTC)\\lDuration: 30s, Total samples = 1.06s ( 3.53%)\\lShowing nodes accounting for 1.06s, 100% of 1.06s total\\l\\lSee https://git.io/JfYMW for how to read the graph\\l",
    "tooltip", "myprog", NULL);
  ppv_test_graph_add_node (g, FN, "N1", "label", "main\\nmain\\n0 of 1.06s (100%)", "id", "node1", "fontsize", "8", "shape", "box", "tooltip", "main.main (1.06s)", "color", "#b20000", "fillcolor", "#edd5d5", NULL);
  ppv_test_graph_add_node (g, FN, "N2", "label", "runtime\\nmain\\n0 of 1.06s (100%)", "id", "node2", "fontsize", "8", "shape", "box", "tooltip", "runtime.main (1.06s)", "color", "#b20000", "fillcolor", "#edd5d5", NULL);
  ppv_test_graph_add_node (g, FN, "N3", "label", "main\\nbar\\n0.50s (47.17%)\\nof 0.55s (51.89%)", "id", "node3", "fontsize", "24", "shape", "box", "tooltip", "main.bar (0.55s)", "color", "#b21f00", "fillcolor", "#edd9d5", NULL);
  ppv_test_graph_add_node (g, FN, "N4", "label", "main\\nfoo\\n0 of 0.70s (66.04%)", "id", "node4", "fontsize", "8", "shape", "box", "tooltip", "main.foo (0.70s)", "color", "#b21400", "fillcolor", "#edd8d5", NULL);
  ppv_test_graph_add_node (g, FN, "N5", "label", "main\\nrec\\n0.30s (28.30%)", "id", "node5", "fontsize", "21", "shape", "box", "tooltip", "main.rec (0.30s)", "color", "#b23800", "fillcolor", "#eddcd5", NULL);
  ppv_test_graph_add_node (g, FN, "N6", "label", "main\\ninl\\n0.20s (18.87%)", "id", "node6", "fontsize", "19", "shape", "box", "tooltip", "main.inl (0.20s)", "color", "#b24c0a", "fillcolor", "#eddfd6", NULL);
  ppv_test_graph_add_node (g, FN, "N7", "label", "runtime\\nmallocgc\\n0.05s (4.72%)", "id", "node7", "fontsize", "14", "shape", "box", "tooltip", "runtime.mallocgc (0.05s)", "color", "#b2a188", "fillcolor", "#edeae7", NULL);
  ppv_test_graph_add_node (g, FN, "N8", "label", "main\\ntiny\\n0.01s (0.94%)", "id", "node8", "fontsize", "11", "shape", "box", "tooltip", "main.tiny (0.01s)", "color", "#b2b0aa", "fillcolor", "#edecec", NULL);

  /* Node indices are N<k> == k (the legend is 0). */
  ppv_test_graph_add_edge (g, 2, 1, "label", " 1.06s", "weight", "101", "penwidth", "6", "color", "#b20000", "tooltip", "runtime.main -> main.main (1.06s)", "labeltooltip", "runtime.main -> main.main (1.06s)", NULL);
  ppv_test_graph_add_edge (g, 1, 4, "label", " 0.70s", "weight", "67", "penwidth", "4", "color", "#b21400", "tooltip", "main.main -> main.foo (0.70s)", "labeltooltip", "main.main -> main.foo (0.70s)", NULL);
  ppv_test_graph_add_edge (g, 4, 3, "label", " 0.50s", "weight", "48", "penwidth", "3", "color", "#b22400", "tooltip", "main.foo -> main.bar (0.50s)", "labeltooltip", "main.foo -> main.bar (0.50s)", NULL);
  ppv_test_graph_add_edge (g, 1, 5, "label", " 0.30s", "weight", "29", "penwidth", "2", "color", "#b23800", "tooltip", "main.main -> main.rec (0.30s)", "labeltooltip", "main.main -> main.rec (0.30s)", NULL);
  ppv_test_graph_add_edge (g, 4, 6, "label", " 0.20s\\n (inline)", "weight", "19", "color", "#b24c0a", "tooltip", "main.foo -> main.inl (0.20s)", "labeltooltip", "main.foo -> main.inl (0.20s)", NULL);
  ppv_test_graph_add_edge (g, 3, 7, "label", " 0.05s", "weight", "5", "color", "#b2a188", "tooltip", "main.bar -> runtime.mallocgc (0.05s)", "labeltooltip", "main.bar -> runtime.mallocgc (0.05s)", NULL);
  ppv_test_graph_add_edge (g, 1, 3, "label", " 0.05s", "weight", "5", "color", "#b2a188", "tooltip", "main.main -> main.bar (0.05s)", "labeltooltip", "main.main -> main.bar (0.05s)", NULL);
  ppv_test_graph_add_edge (g, 1, 8, "label", " 0.01s", "color", "#b2b0aa", "tooltip", "main.main -> main.tiny (0.01s)", "labeltooltip", "main.main -> main.tiny (0.01s)", NULL);

  return g;
}

static const char * const fg_colors[] = { "#b20000", "#b21f00", "#b24c0a", "#b2a188", "#b2b0aa", "#b2b2b2", "#43b200" };
static const char * const bg_colors[] = { "#edd5d5", "#edd9d5", "#eddfd6", "#edeae7", "#edecec", "#ededed", "#deedd5" };

PpvTestGraph *
ppv_test_graph_new_pprof_shaped (guint   n_nodes,
                                 guint   n_edges,
                                 guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GHashTable) pairs = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *keys = NULL;
  PpvTestGraph *g = ppv_test_graph_new ("shaped");
  guint n_keys = 0;
  guint attempts = 0;

  keys = g_new0 (gint64, MAX (n_edges, 1));

  ppv_test_graph_add_node (g, PPV_CALLGRAPH_NODE_LEGEND, "Type: cpu",
                           "shape", "box", "fontsize", "16",
                           "label", "Type: cpu\\lShowing nodes accounting for 10s, 100% of 10s total\\l\\lSee https://git.io/JfYMW for how to read the graph\\l",
                           "tooltip", "shaped", NULL);

  for (guint i = 1; i <= n_nodes; i++)
    {
      double flat = g_rand_double (rand);
      int c = g_rand_int_range (rand, 0, G_N_ELEMENTS (fg_colors));
      g_autofree char *name = g_strdup_printf ("N%u", i);
      g_autofree char *id = g_strdup_printf ("node%u", i);
      g_autofree char *label = g_strdup_printf ("pkg%u\\nFunction%u\\n%.2fs (%.2f%%)\\nof %.2fs (%.2f%%)",
                                                 i % 17, i, flat, flat * 10, flat * 3, flat * 30);
      g_autofree char *tooltip = g_strdup_printf ("pkg%u.Function%u (%.2fs)", i % 17, i, flat * 3);
      g_autofree char *fontsize = g_strdup_printf ("%d", 8 + (int) ceil (16 * sqrt (flat)));

      ppv_test_graph_add_node (g, FN, name, "label", label, "id", id, "fontsize", fontsize,
                               "shape", "box", "tooltip", tooltip,
                               "color", fg_colors[c], "fillcolor", bg_colors[c], NULL);
    }

  while (g->n_edges < n_edges && n_nodes > 1 && attempts++ < 100 * n_edges)
    {
      guint src, dst;
      gint64 key;

      if (g->n_edges < n_nodes - 1)
        {
          /* The call tree: node k+1 is called by an earlier node, most
           * often one of the first few (main, runtime, dispatchers). */
          dst = g->n_edges + 2;
          src = 1 + (guint) floor (pow (g_rand_double (rand), 2.0) * (dst - 1));
        }
      else if (g_rand_int_range (rand, 0, 20) == 0)
        {
          /* A back edge, as recursion and callbacks make. */
          src = g_rand_int_range (rand, 2, n_nodes + 1);
          dst = g_rand_int_range (rand, 1, src);
        }
      else
        {
          /* A cross edge to a deeper node, usually nearby in the order. */
          double spread = fabs (g_rand_double (rand) - g_rand_double (rand));

          src = g_rand_int_range (rand, 1, n_nodes);
          dst = src + 1 + (guint) (spread * n_nodes / 3);
          dst = MIN (dst, n_nodes);
        }

      if (src == dst)
        continue;
      key = ((gint64) src << 32) | dst;
      if (g_hash_table_contains (pairs, &key))
        continue;
      keys[n_keys] = key;
      g_hash_table_add (pairs, &keys[n_keys++]);

      {
        double w = g_rand_double (rand);
        int c = g_rand_int_range (rand, 0, G_N_ELEMENTS (fg_colors));
        g_autofree char *label = g_strdup_printf (" %.2fs", w);
        g_autofree char *weight = g_strdup_printf ("%d", 1 + (int) (w * 100));
        g_autofree char *penwidth = g_strdup_printf ("%d", 1 + (int) (w * 5));
        g_autofree char *tooltip = g_strdup_printf ("N%u -> N%u (%.2fs)", src, dst, w);

        ppv_test_graph_add_edge (g, src, dst, "label", label, "weight", weight,
                                 "penwidth", penwidth, "color", fg_colors[c],
                                 "tooltip", tooltip, "labeltooltip", tooltip, NULL);
      }
    }

  return g;
}
