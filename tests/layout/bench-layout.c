/* bench-layout.c — how long dot takes for call graphs of various sizes.
 * Not a test: it prints figures.
 *
 *   bench-layout                       the default set (A.1, 80, 300 nodes)
 *   bench-layout --sizes 600:900,1000:1500
 *                                      extra pprof-shaped graphs (nodes:edges)
 *   bench-layout --dot FILE.dot ...    graphs written by `go tool pprof -dot`
 *   --reps N                           runs per --sizes/--dot graph (default 1)
 *
 * Wall time suffers when other processes compete for the CPU; the cpu
 * column (this process, which runs the layout itself) does much less.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ppv-layout.h"
#include "ppv-svg.h"
#include "ppv-test-graph.h"

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Lays out what @make returns @reps times and prints min/median/max. */
static void
bench (const char    *what,
       PpvTestGraph *(*make) (guint seed, gpointer data),
       gpointer       data,
       guint          reps,
       gboolean       svg)
{
  g_autofree double *ms = g_new0 (double, reps);
  g_autofree double *cpu = g_new0 (double, reps);
  guint n_nodes = 0, n_edges = 0;

  for (guint i = 0; i < reps; i++)
    {
      g_autoptr(PpvTestGraph) graph = make (i + 1, data);
      g_autoptr(GError) error = NULL;
      gint64 start;
      double cpu_start;

      n_nodes = graph->n_nodes;
      n_edges = graph->n_edges;
      start = g_get_monotonic_time ();
      cpu_start = cpu_ms ();
      if (svg)
        {
          g_autoptr(GBytes) bytes = ppv_layout_render_svg (graph, NULL, &error);
        }
      else
        {
          g_autoptr(PpvScene) scene = ppv_layout_compute (graph, NULL, &error);
        }
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[i] = cpu_ms () - cpu_start;

      if (error != NULL)
        {
          printf ("%-34s %s\n", what, error->message);
          return;
        }
    }

  qsort (ms, reps, sizeof (double), compare_doubles);
  qsort (cpu, reps, sizeof (double), compare_doubles);
  printf ("%-34s %5u nodes %5u edges  %2u runs  wall min %8.1f median %8.1f max %8.1f ms  cpu median %8.1f ms\n",
          what, n_nodes, n_edges, reps, ms[0], ms[reps / 2], ms[reps - 1], cpu[reps / 2]);
  fflush (stdout);
}

static PpvTestGraph *
make_a1 (guint    seed,
         gpointer data)
{
  return ppv_test_graph_new_a1 ();
}

typedef struct
{
  guint n_nodes;
  guint n_edges;
} Size;

static PpvTestGraph *
make_shaped (guint    seed,
             gpointer data)
{
  Size *size = data;

  return ppv_test_graph_new_pprof_shaped (size->n_nodes, size->n_edges, seed);
}

/* ---------------------------------------------------------------------
 * Reading the DOT text pprof writes: the header, the legend's cluster,
 * then one statement per line (node, nodelet or edge, each with its
 * attributes in brackets).  Enough for pprof's output, nothing more.
 */

static char *
unquote (const char *s)
{
  GString *out = g_string_new (NULL);

  if (*s != '"')
    return g_strdup (s);

  for (s++; *s != '\0' && *s != '"'; s++)
    {
      /* DOT itself only unescapes \" ; everything else is escString. */
      if (s[0] == '\\' && s[1] == '"')
        s++;
      g_string_append_c (out, *s);
    }

  return g_string_free (out, FALSE);
}

static GPtrArray *
parse_attrs (GRegex     *attr_re,
             const char *text)
{
  g_autoptr(GMatchInfo) match = NULL;
  GPtrArray *attrs = g_ptr_array_new_with_free_func (g_free);

  g_regex_match (attr_re, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *value = g_match_info_fetch (match, 2);

      g_ptr_array_add (attrs, g_match_info_fetch (match, 1));
      g_ptr_array_add (attrs, unquote (value));
      g_match_info_next (match, NULL);
    }

  return attrs;
}

static PpvTestGraph *
read_pprof_dot (const char  *path,
                GError     **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GRegex) title_re = g_regex_new ("^digraph (\"(?:[^\"\\\\]|\\\\.)*\") \\{$", 0, 0, NULL);
  g_autoptr(GRegex) legend_re = g_regex_new ("^subgraph cluster_L \\{ (\"(?:[^\"\\\\]|\\\\.)*\") \\[(.*)\\] \\}$", 0, 0, NULL);
  g_autoptr(GRegex) node_re = g_regex_new ("^(N\\w+) \\[(.*)\\]$", 0, 0, NULL);
  g_autoptr(GRegex) edge_re = g_regex_new ("^(N\\w+) -> (N\\w+) \\[(.*)\\]$", 0, 0, NULL);
  g_autoptr(GRegex) attr_re = g_regex_new ("(\\w+) ?= ?(\"(?:[^\"\\\\]|\\\\.)*\"|[^ \\]]+)", 0, 0, NULL);
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  PpvTestGraph *graph = NULL;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) m = NULL;
      const char *line = lines[i];
      gboolean is_legend = FALSE;

      if (graph == NULL)
        {
          if (g_regex_match (title_re, line, 0, &m))
            {
              g_autofree char *quoted = g_match_info_fetch (m, 1);
              g_autofree char *title = unquote (quoted);
              graph = ppv_test_graph_new (title);
            }
          continue;
        }

      if (g_regex_match (edge_re, line, 0, &m))
        {
          g_autofree char *src = g_match_info_fetch (m, 1);
          g_autofree char *dst = g_match_info_fetch (m, 2);
          g_autofree char *attr_text = g_match_info_fetch (m, 3);
          g_autoptr(GPtrArray) attrs = parse_attrs (attr_re, attr_text);
          gpointer s, d;
          guint e;

          if (!g_hash_table_lookup_extended (index, src, NULL, &s) ||
              !g_hash_table_lookup_extended (index, dst, NULL, &d))
            continue; /* pprof can print an edge to "N0", a node it dropped */

          e = ppv_test_graph_add_edge (graph, GPOINTER_TO_UINT (s), GPOINTER_TO_UINT (d), NULL);
          g_free (graph->edges[e].attrs);
          graph->edges[e].n_attrs = attrs->len / 2;
          graph->edges[e].attrs = g_new0 (PpvAttr, attrs->len / 2);
          for (guint k = 0; k + 1 < attrs->len; k += 2)
            {
              graph->edges[e].attrs[k / 2].name = g_string_chunk_insert (graph->strings, attrs->pdata[k]);
              graph->edges[e].attrs[k / 2].value = g_string_chunk_insert (graph->strings, attrs->pdata[k + 1]);
            }
          continue;
        }

      g_clear_pointer (&m, g_match_info_free);
      is_legend = g_regex_match (legend_re, line, 0, &m);
      if (!is_legend)
        {
          g_clear_pointer (&m, g_match_info_free);
          if (!g_regex_match (node_re, line, 0, &m))
            continue;
        }

        {
          g_autofree char *quoted = g_match_info_fetch (m, 1);
          g_autofree char *name = unquote (quoted);
          g_autofree char *attr_text = g_match_info_fetch (m, 2);
          g_autoptr(GPtrArray) attrs = parse_attrs (attr_re, attr_text);
          guint n;

          n = ppv_test_graph_add_node (graph,
                                       is_legend ? PPV_CALLGRAPH_NODE_LEGEND
                                                 : strchr (name, '_') ? PPV_CALLGRAPH_NODE_TAG
                                                                      : PPV_CALLGRAPH_NODE_FUNCTION,
                                       name, NULL);
          g_free (graph->nodes[n].attrs);
          graph->nodes[n].n_attrs = attrs->len / 2;
          graph->nodes[n].attrs = g_new0 (PpvAttr, attrs->len / 2);
          for (guint k = 0; k + 1 < attrs->len; k += 2)
            {
              graph->nodes[n].attrs[k / 2].name = g_string_chunk_insert (graph->strings, attrs->pdata[k]);
              graph->nodes[n].attrs[k / 2].value = g_string_chunk_insert (graph->strings, attrs->pdata[k + 1]);
            }
          g_hash_table_insert (index, g_strdup (name), GUINT_TO_POINTER (n));
        }
    }

  if (graph == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: not pprof's DOT output", path);

  return graph;
}

static PpvTestGraph *
make_from_dot (guint    seed,
               gpointer data)
{
  g_autoptr(GError) error = NULL;
  PpvTestGraph *graph = read_pprof_dot (data, &error);

  if (graph == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      exit (1);
    }

  return graph;
}

int
main (int   argc,
      char *argv[])
{
  static Size s80 = { 80, 150 }, s300_sparse = { 300, 450 }, s300 = { 300, 598 };
  g_autofree char *sizes = NULL;
  int reps = 1;
  g_auto(GStrv) dots = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes, "Extra pprof-shaped graphs", "N:E,N:E" },
    { "dot", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &dots, "pprof -dot output to lay out", "FILE" },
    { "reps", 0, 0, G_OPTION_ARG_INT, &reps, "Runs per --sizes/--dot graph (default 1)", "N" },
    { NULL }
  };
  gint64 start;

  context = g_option_context_new ("- time dot layouts");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }

  /* The first layout also creates the graphviz context and loads the dot
   * and pango plugins. */
  start = g_get_monotonic_time ();
  {
    g_autoptr(PpvTestGraph) graph = ppv_test_graph_new_a1 ();
    g_autoptr(PpvScene) scene = ppv_layout_compute (graph, NULL, NULL);
  }
  printf ("%-34s %9.1f ms\n", "first layout (A.1, incl. setup)",
          (g_get_monotonic_time () - start) / 1000.0);

  if (dots == NULL && sizes == NULL)
    {
      bench ("A.1 (pprof's 8-node example)", make_a1, NULL, 20, FALSE);
      bench ("A.1 as SVG", make_a1, NULL, 20, TRUE);
      bench ("pprof-shaped 80", make_shaped, &s80, 10, FALSE);
      bench ("pprof-shaped 80 as SVG", make_shaped, &s80, 10, TRUE);
      bench ("pprof-shaped 300, 1.5 edges/node", make_shaped, &s300_sparse, 3, FALSE);
      bench ("pprof-shaped 300, 2 edges/node", make_shaped, &s300, 3, FALSE);
    }

  if (sizes != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (sizes, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          Size size = { 0, 0 };
          g_autofree char *what = NULL;

          if (sscanf (parts[i], "%u:%u", &size.n_nodes, &size.n_edges) != 2)
            continue;
          what = g_strdup_printf ("pprof-shaped %u:%u", size.n_nodes, size.n_edges);
          bench (what, make_shaped, &size, MAX (reps, 1), FALSE);
        }
    }

  for (guint i = 0; dots != NULL && dots[i] != NULL; i++)
    {
      g_autofree char *base = g_path_get_basename (dots[i]);
      bench (base, make_from_dot, dots[i], MAX (reps, 1), FALSE);
    }

  return 0;
}
