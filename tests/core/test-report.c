/* test-report.c — the report engine against pprof's rules, on folded stacks.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expected texts are `go tool pprof` outputs for the same profiles
 * (Go 1.19's -top and -dot), with "File: prog" for our mapping.
 */
#include <string.h>

#include "ppv-callgraph.h"
#include "ppv-merge.h"
#include "ppv-report.h"
#include "ppv-report-context.h"
#include "ppv-report-private.h"
#include "ppv-test-profile.h"
#include "ppv-units.h"

#define CPU_TYPES "samples/count,cpu/nanoseconds"
#define CPU_STACKS \
  "runtime.main;main.main;main.foo;main.bar 50,500000000\n" \
  "runtime.main;main.main;main.rec;main.rec;main.rec 30,300000000\n" \
  "runtime.main;main.main;main.foo+main.inl 20,200000000\n" \
  "runtime.main;main.main;main.bar;runtime.mallocgc 5,50000000\n" \
  "runtime.main;main.main;main.tiny 1,10000000\n"

static char *
top_with (const char *types,
          const char *stacks,
          void      (*tweak) (PpvReportOptions *))
{
  g_autoptr(PpvProfile) profile = ppv_test_profile_from_folded (types, stacks);
  g_autoptr(PpvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  PpvReportOptions options;
  char *text;

  ppv_report_options_init (&options);
  if (tweak)
    tweak (&options);
  report = ppv_report_new (profile, &options, PPV_REPORT_KIND_TEXT, NULL, &error);
  g_assert_no_error (error);
  text = ppv_report_format_top (report);
  ppv_report_options_clear (&options);
  return text;
}

static void
test_units (void)
{
  static const struct { gint64 v; const char *from, *to, *expect; } cases[] = {
    { 0, "nanoseconds", "minimum", "0" },
    { 1, "nanoseconds", "minimum", "1ns" },
    { 999, "ns", "minimum", "999ns" },
    { 1000, "ns", "minimum", "1us" },
    { 1500, "ns", "minimum", "1.50us" },
    { 1234567, "ns", "minimum", "1.23ms" },
    { 1004999, "ns", "minimum", "1ms" },
    { 1060000000, "ns", "minimum", "1.06s" },
    { G_GINT64_CONSTANT (60000000000), "ns", "minimum", "60s" },
    { 3599, "seconds", "minimum", "3599s" },
    { 3600, "seconds", "minimum", "1hrs" },
    { 5400, "seconds", "minimum", "1.50hrs" },
    { -1500000, "ns", "minimum", "-1.50ms" },
    { 10000000, "ns", "s", "0.01s" },
    { 4999999, "ns", "s", "0" },
    { 1023, "bytes", "minimum", "1023B" },
    { 1024, "bytes", "minimum", "1kB" },
    { 1500, "bytes", "minimum", "1.46kB" },
    { 112, "bytes", "kB", "0.11kB" },
    { G_GINT64_CONSTANT (6442450944), "bytes", "MB", "6144MB" },
    { 100, "bytes", "MB", "0" },
    { 512, "kilobytes", "minimum", "512kB" },
    { 1234567, "count", "count", "1234567" },
    { -5, "count", "count", "-5" },
    { 42, "widgets", "widgets", "42widgets" },
    { 10000000, "ns", "minutes", "0.01s" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = ppv_unit_scaled_label (cases[i].v, cases[i].from, cases[i].to);
      g_assert_cmpstr (got, ==, cases[i].expect);
    }
}

static void
test_percentages (void)
{
  static const struct { gint64 v, t; const char *expect; } cases[] = {
    { 0, 100, "    0%" }, { 1, 0, "    0%" }, { 1, 100, " 1.00%" }, { 9995, 10000, "  100%" },
    { 9994, 10000, "99.94%" }, { 10004, 10000, "  100%" }, { 10006, 10000, "100.06%" },
    { 150, 100, "150.00%" }, { -30, 120, "25.00%" }, { 999, 100000, "    1%" },
    { 994, 100000, " 0.99%" }, { 5, 1000, "  0.5%" }, { 5, 10000, " 0.05%" },
    { 5, 100000, "0.005%" }, { 18, 1000000, "0.0018%" }, { 1, 3, "33.33%" },
    { 1, 1200000000, "8.3e-08%" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = ppv_format_percentage (cases[i].v, cases[i].t);
      g_assert_cmpstr (got, ==, cases[i].expect);
    }
}

static void
test_cpu_top (void)
{
  g_autofree char *text = top_with (CPU_TYPES, CPU_STACKS, NULL);

  g_assert_cmpstr (text, ==,
    "File: prog\n"
    "Type: cpu\n"
    "Showing nodes accounting for 1.06s, 100% of 1.06s total\n"
    "      flat  flat%   sum%        cum   cum%\n"
    "     0.50s 47.17% 47.17%      0.55s 51.89%  main.bar\n"
    "     0.30s 28.30% 75.47%      0.30s 28.30%  main.rec\n"
    "     0.20s 18.87% 94.34%      0.20s 18.87%  main.inl (inline)\n"
    "     0.05s  4.72% 99.06%      0.05s  4.72%  runtime.mallocgc\n"
    "     0.01s  0.94%   100%      0.01s  0.94%  main.tiny\n"
    "         0     0%   100%      0.70s 66.04%  main.foo\n"
    "         0     0%   100%      1.06s   100%  main.main\n"
    "         0     0%   100%      1.06s   100%  runtime.main\n");
}

static void set_cum (PpvReportOptions *o) { o->cum_sort = TRUE; }
static void set_focus_foo (PpvReportOptions *o) { o->focus = g_strdup ("foo"); }
static void set_nodecount_3 (PpvReportOptions *o) { o->nodecount = 3; }
static void set_noinlines (PpvReportOptions *o) { o->noinlines = TRUE; }
static void set_show (PpvReportOptions *o) { o->show = g_strdup ("main\\.(bar|foo)"); }
static void set_relative_focus (PpvReportOptions *o) { o->focus = g_strdup ("foo"); o->relative_percentages = TRUE; }

static void
test_cpu_cum_order (void)
{
  g_autofree char *text = top_with (CPU_TYPES, CPU_STACKS, set_cum);

  g_assert_true (strstr (text,
    "      flat  flat%   sum%        cum   cum%\n"
    "         0     0%     0%      1.06s   100%  main.main\n"
    "         0     0%     0%      1.06s   100%  runtime.main\n"
    "         0     0%     0%      0.70s 66.04%  main.foo\n"
    "     0.50s 47.17% 47.17%      0.55s 51.89%  main.bar\n") != NULL);
}

static void
test_focus_keeps_total (void)
{
  g_autofree char *text = top_with (CPU_TYPES, CPU_STACKS, set_focus_foo);
  g_autofree char *relative = top_with (CPU_TYPES, CPU_STACKS, set_relative_focus);

  g_assert_true (strstr (text, "Active filters:\n   focus=foo\n") != NULL);
  g_assert_true (strstr (text, "Showing nodes accounting for 700ms, 66.04% of 1060ms total\n") != NULL);
  g_assert_true (strstr (relative, "Showing nodes accounting for 700ms, 100% of 700ms total\n") != NULL);
}

static void
test_nodecount_drops_inline_mark (void)
{
  g_autofree char *text = top_with (CPU_TYPES, CPU_STACKS, set_nodecount_3);

  g_assert_true (strstr (text, "Showing nodes accounting for 1000ms, 94.34% of 1060ms total\n"
                               "Showing top 3 nodes out of 8\n") != NULL);
  /* main.foo, the inliner, is not among the 3, so no "(inline)". */
  g_assert_true (strstr (text, "  main.inl\n") != NULL);
}

static void
test_noinlines_and_show (void)
{
  g_autofree char *noinl = top_with (CPU_TYPES, CPU_STACKS, set_noinlines);
  g_autofree char *show = top_with (CPU_TYPES, CPU_STACKS, set_show);

  g_assert_true (strstr (noinl, "     0.20s 18.87% 94.34%      0.70s 66.04%  main.foo\n") != NULL);
  g_assert_null (strstr (noinl, "main.inl"));
  g_assert_true (strstr (show, "550ms") != NULL);
  g_assert_true (strstr (show, "  main.bar\n") != NULL);
  g_assert_null (strstr (show, "mallocgc"));
}

static void
test_recursion_counts_once (void)
{
  g_autofree char *text = top_with ("samples/count", "main;rec;rec;rec 30\nmain;other 10\n", NULL);

  g_assert_true (strstr (text, "        30 75.00% 75.00%         30 75.00%  rec\n") != NULL);
  g_assert_true (strstr (text, "         0     0%   100%         40   100%  main\n") != NULL);
}

static void
test_ties_alphabetical (void)
{
  g_autofree char *text = top_with ("samples/count", "z;b 5\nz;a 5\ny;c 1\n", NULL);
  const char *a = strstr (text, "  a\n"), *b = strstr (text, "  b\n");
  const char *y = strstr (text, "  y\n"), *z = strstr (text, "  z\n");

  g_assert_true (a && b && y && z);
  g_assert_true (a < b);
  g_assert_true (y < z);   /* both flat 0: by name, not by cum */
}

/* Big graphs sort in two threads and merge (sort_nodes): the rows of a
 * 60k-node report are still in pprof's order, flat then name. */
static char *
dot_of (PpvProfile *profile,
        int         nodecount)
{
  g_autoptr(PpvReport) report = NULL;
  g_autoptr(PpvCallGraph) graph = NULL;
  g_autoptr(GError) error = NULL;
  PpvReportOptions o;

  ppv_report_options_init (&o);
  o.nodecount = nodecount;
  report = ppv_report_new (profile, &o, PPV_REPORT_KIND_GRAPH, NULL, &error);
  ppv_report_options_clear (&o);
  g_assert_no_error (error);
  graph = ppv_callgraph_new (report);
  return ppv_callgraph_to_dot (graph);
}

static char *
top_of (PpvProfile *profile)
{
  g_autoptr(PpvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  PpvReportOptions o;

  ppv_report_options_init (&o);
  o.nodefraction = 0;
  report = ppv_report_new (profile, &o, PPV_REPORT_KIND_TEXT, NULL, &error);
  ppv_report_options_clear (&o);
  g_assert_no_error (error);
  return ppv_report_format_top (report);
}

/* Passes split over threads (forced here on a small profile) give what
 * one pass gives: node sums, edges, and tags merged in sample order. */
static void
test_shares_match_one_pass (void)
{
  g_autoptr(GString) stacks = g_string_new (NULL);
  g_autoptr(PpvProfile) profile = NULL;
  g_autofree char *one = NULL, *split = NULL, *top_one = NULL, *top_split = NULL;
  g_autofree char *all_one = NULL, *all_split = NULL;

  if (g_get_num_processors () < 2)
    {
      g_test_skip ("one processor: passes never split");
      return;
    }

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (stacks, "main.main;main.run%u;pkg.f%u;pkg.g%u+pkg.inl%u %u,%u bytes=%u user=u%u\n",
                            i % 7, i % 53, i % 31, i % 5, 1 + i % 13, 10 * (1 + i % 13),
                            64 << (i % 4), i % 3);
  profile = ppv_test_profile_from_folded ("samples/count,cpu/nanoseconds", stacks->str);

  /* 12 nodes: the last pass sums every tag of the few nodes kept; 200
   * (more than there are): the shown tags come from the split pass. */
  g_unsetenv ("PPV_GRAPH_SHARE_FRAMES");
  one = dot_of (profile, 12);
  all_one = dot_of (profile, 200);
  top_one = top_of (profile);
  g_setenv ("PPV_GRAPH_SHARE_FRAMES", "100", TRUE);
  split = dot_of (profile, 12);
  all_split = dot_of (profile, 200);
  top_split = top_of (profile);
  g_unsetenv ("PPV_GRAPH_SHARE_FRAMES");

  g_assert_cmpstr (split, ==, one);
  g_assert_cmpstr (all_split, ==, all_one);
  g_assert_cmpstr (top_split, ==, top_one);
  g_assert_nonnull (strstr (all_one, "label = \"user:u1\""));
  g_assert_nonnull (strstr (all_one, "label = \"256B\""));
}

/* @n stacks up to @depth frames deep of inlined calls. */
static PpvProfile *
deep_inline_profile (guint n,
                     guint depth)
{
  g_autoptr(GString) stacks = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_string_append (stacks, "main.main");
      for (guint d = 0; d < depth; d++)
        {
          guint f = (i * 31 + d * 17) % 23;
          /* Some callees are inlined into one caller and called from
           * others ("partial-inline"); some frames recur in a stack. */
          if ((i + d) % 3 == 0)
            g_string_append_printf (stacks, ";pkg.f%u+pkg.inl%u", f, (f + d) % 7);
          else if ((i + d) % 3 == 1)
            g_string_append_printf (stacks, ";pkg.g%u+pkg.only%u", f, f % 5);
          else
            g_string_append_printf (stacks, ";pkg.inl%u", (f * 3 + i) % 7 == 0 ? f % 7 : f);
        }
      g_string_append_printf (stacks, " %u\n", 1000000 + (i * 7919) % 100000);
    }
  return ppv_test_profile_from_folded ("samples/count", stacks->str);
}

/* Deep stacks of inlined calls: a text report with an edgefraction sums
 * nodes first, then only the edges between nodes that may reach the
 * cutoff, in prefetching batches, in one pass or split over threads; it
 * must sum every edge as the plain pass does.  The cutoff here is below
 * every edge, so all keep the same edges. */
static void
test_deep_inline_edges (void)
{
  g_autoptr(PpvProfile) profile = NULL;
  g_autoptr(PpvReport) plain = NULL;
  const char *names[] = { "plain", "nodes first", "nodes first and split" };
  PpvReport *reports[3] = { NULL };
  g_autofree char *plain_text = NULL;
  PpvGraph *g;

  profile = deep_inline_profile (400, 60);

  for (guint k = 0; k < G_N_ELEMENTS (reports); k++)
    {
      g_autoptr(GError) error = NULL;
      PpvReportOptions o;

      if (k == 2)
        g_setenv ("PPV_GRAPH_SHARE_FRAMES", "1000", TRUE);
      ppv_report_options_init (&o);
      o.nodefraction = 0;
      o.edgefraction = k == 0 ? 0 : 0.0000001;
      reports[k] = ppv_report_new (profile, &o, PPV_REPORT_KIND_TEXT, NULL, &error);
      g_assert_no_error (error);
      ppv_report_options_clear (&o);
      g_unsetenv ("PPV_GRAPH_SHARE_FRAMES");
    }
  plain = reports[0];

  plain_text = ppv_report_format_top (plain);
  g_assert_nonnull (strstr (plain_text, " (inline)\n"));
  g_assert_nonnull (strstr (plain_text, " (partial-inline)\n"));
  g = _ppv_report_get_graph (plain);
  g_assert_cmpuint (g->edges->len, >, 100);

  for (guint k = 1; k < G_N_ELEMENTS (reports); k++)
    {
      g_autofree char *text = ppv_report_format_top (reports[k]);
      PpvGraph *other = _ppv_report_get_graph (reports[k]);

      g_assert_cmpstr (text, ==, plain_text);
      g_assert_cmpuint (other->edges->len, ==, g->edges->len);
      for (guint e = 0; e < g->edges->len; e++)
        {
          const PpvEdge *a = &g_array_index (g->edges, PpvEdge, e);
          const PpvEdge *b = &g_array_index (other->edges, PpvEdge, e);

          if (a->src != b->src || a->dst != b->dst || a->weight != b->weight ||
              a->weight_div != b->weight_div || a->inline_call != b->inline_call ||
              a->residual != b->residual)
            g_error ("%s: edge %u differs from the plain pass's", names[k], e);
        }
      ppv_report_unref (reports[k]);
    }
}

/* Node sums and edges of two builds, which must be equal. */
static void
assert_same_graph (const char     *what,
                   const PpvGraph *a,
                   const PpvGraph *b)
{
  g_assert_cmpuint (a->n_infos, ==, b->n_infos);
  for (guint32 n = 0; n < a->n_infos; n++)
    if (a->stats[n].cum != b->stats[n].cum || a->stats[n].flat != b->stats[n].flat ||
        a->stats[n].in_graph != b->stats[n].in_graph)
      g_error ("%s: node %u differs from the plain pass's", what, n);
  g_assert_cmpuint (a->n_nodes, ==, b->n_nodes);
  g_assert_cmpuint (a->edges->len, ==, b->edges->len);
  for (guint e = 0; e < a->edges->len; e++)
    {
      const PpvEdge *x = &g_array_index (a->edges, PpvEdge, e);
      const PpvEdge *y = &g_array_index (b->edges, PpvEdge, e);

      if (x->src != y->src || x->dst != y->dst || x->weight != y->weight ||
          x->weight_div != y->weight_div || x->inline_call != y->inline_call ||
          x->residual != y->residual)
        g_error ("%s: edge %u differs from the plain pass's", what, e);
    }
}

/* A kept set of every @every-th node of @g but one, by id: any set does,
 * and one without regard to the weights drops lines inside locations. */
static guint8 *
kept_from (const PpvGraph *g,
           guint32         every)
{
  guint8 *kept = g_new0 (guint8, MAX (g->n_infos, 1));

  for (guint32 i = 0; i < g->n_nodes; i++)
    kept[g->nodes[i]] = g->nodes[i] % every != 0;
  return kept;
}

/* A build with a kept set that an earlier build has the node sums of only
 * sums edges, skipping the frames of dropped nodes (residual edges, the
 * frames of several-line locations): same sums and edges as a plain pass,
 * in one pass or split, after a build of every node or of a larger set. */
static void
test_kept_edges_only (void)
{
  g_autoptr(PpvProfile) profile = deep_inline_profile (300, 40);
  g_autoptr(PpvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  PpvReportOptions o;
  PpvGraphBuilder *builder;

  ppv_report_options_init (&o);
  report = ppv_report_new (profile, &o, PPV_REPORT_KIND_TEXT, NULL, &error);
  g_assert_no_error (error);
  ppv_report_options_clear (&o);
  builder = _ppv_report_get_builder (report);

  for (guint split = 0; split < 2; split++)
    {
      PpvGraph *all, *some, *plain_some, *few, *plain_few;
      g_autofree guint8 *kept_some = NULL;
      g_autofree guint8 *kept_few = NULL;
      guint32 n_some = 0;

      if (split)
        g_setenv ("PPV_GRAPH_SHARE_FRAMES", "1000", TRUE);
      all = _ppv_graph_build (builder, NULL, PPV_EDGES_NONE, NULL, 0, NULL);
      kept_some = kept_from (all, 3);
      some = _ppv_graph_build (builder, kept_some, PPV_EDGES_INTO_INLINED, all, 0, NULL);
      plain_some = _ppv_graph_build (builder, kept_some, PPV_EDGES_INTO_INLINED, NULL, 0, NULL);
      n_some = some->n_nodes;
      g_assert_cmpuint (n_some, >, 5);
      g_assert_cmpuint (n_some, <, all->n_nodes);
      g_assert_cmpuint (plain_some->edges->len, >, 10);
      assert_same_graph ("kept after all", some, plain_some);

      kept_few = kept_from (some, 2);
      few = _ppv_graph_build (builder, kept_few, PPV_EDGES_INTO_INLINED, some, 0, NULL);
      plain_few = _ppv_graph_build (builder, kept_few, PPV_EDGES_INTO_INLINED, NULL, 0, NULL);
      g_assert_cmpuint (few->n_nodes, <, n_some);
      assert_same_graph ("kept after kept", few, plain_few);

      /* A graph's every edge among the kept nodes, as its last pass. */
      {
        PpvGraph *every = _ppv_graph_build (builder, kept_few, PPV_EDGES_ALL, some, 0, NULL);
        PpvGraph *plain_every = _ppv_graph_build (builder, kept_few, PPV_EDGES_ALL, NULL, 0, NULL);

        g_assert_cmpuint (plain_every->edges->len, >, plain_few->edges->len);
        assert_same_graph ("every edge, kept after kept", every, plain_every);
        _ppv_graph_free (every);
        _ppv_graph_free (plain_every);
      }
      g_unsetenv ("PPV_GRAPH_SHARE_FRAMES");

      _ppv_graph_free (all);
      _ppv_graph_free (some);
      _ppv_graph_free (plain_some);
      _ppv_graph_free (few);
      _ppv_graph_free (plain_few);
    }
}

/* A build of node sums alone runs a loop of its own: its sums must be
 * those of a build with every edge (recursion, several-line locations,
 * -prune_from's shortened stacks), in one pass or split. */
static void
test_node_sums_loop (void)
{
  g_autoptr(PpvProfile) profile = deep_inline_profile (300, 40);

  for (guint pruned = 0; pruned < 2; pruned++)
    {
      g_autoptr(PpvReport) report = NULL;
      g_autoptr(GError) error = NULL;
      PpvReportOptions o;
      PpvGraphBuilder *builder;

      ppv_report_options_init (&o);
      o.prune_from = pruned ? g_strdup ("pkg\\.inl3") : NULL;
      report = ppv_report_new (profile, &o, PPV_REPORT_KIND_TEXT, NULL, &error);
      g_assert_no_error (error);
      ppv_report_options_clear (&o);
      builder = _ppv_report_get_builder (report);

      for (guint split = 0; split < 2; split++)
        {
          PpvGraph *sums, *full;

          if (split)
            g_setenv ("PPV_GRAPH_SHARE_FRAMES", "1000", TRUE);
          sums = _ppv_graph_build (builder, NULL, PPV_EDGES_NONE, NULL, 0, NULL);
          full = _ppv_graph_build (builder, NULL, PPV_EDGES_ALL, NULL, 0, NULL);
          g_unsetenv ("PPV_GRAPH_SHARE_FRAMES");
          g_assert_cmpuint (sums->n_nodes, >, 20);
          g_assert_cmpuint (full->edges->len, >, 10);
          g_array_set_size (full->edges, 0);
          assert_same_graph (pruned ? "pruned node sums" : "node sums", sums, full);
          _ppv_graph_free (sums);
          _ppv_graph_free (full);
        }
    }
}

static void
test_trim_drops_small_nodes (void)
{
  g_autofree char *text = top_with ("space/bytes", "main;big 100000\nmain;tiny 10\n", NULL);

  g_assert_true (strstr (text, "Dropped 1 node (cum <= 0.49kB)\n") != NULL);
  g_assert_null (strstr (text, "tiny"));
}

static void
test_tag_filters (void)
{
  const char *stacks = "main;a 10 worker=w1 phase=io\nmain;b 20 worker=w2\nmain;c 5 bytes=4096\n";
  g_autoptr(PpvProfile) profile = ppv_test_profile_from_folded ("samples/count", stacks);
  struct { const char *tagfocus, *tagignore; gint64 shown; } cases[] = {
    { "worker=w1", NULL, 10 },
    { "worker:w2", NULL, 20 },
    { "phase:io,worker", NULL, 10 },
    { NULL, "phase=io", 25 },
    { "4kb", NULL, 5 },
    { ":1kb", NULL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PpvReport) report = NULL;
      g_autoptr(GError) error = NULL;
      PpvReportOptions o;
      gint64 shown = 0;

      ppv_report_options_init (&o);
      o.tagfocus = g_strdup (cases[i].tagfocus);
      o.tagignore = g_strdup (cases[i].tagignore);
      report = ppv_report_new (profile, &o, PPV_REPORT_KIND_TEXT, NULL, &error);
      g_assert_no_error (error);
      for (guint r = 0; r < ppv_report_get_n_rows (report); r++)
        shown += ppv_report_get_row (report, r)->flat;
      g_assert_cmpint (shown, ==, cases[i].shown);
      g_assert_cmpint (ppv_report_get_total (report), ==, 35);
      ppv_report_options_clear (&o);
    }
}

static void
test_bad_regex_is_an_error (void)
{
  g_autoptr(PpvProfile) profile = ppv_test_profile_from_folded ("samples/count", "main;a 1\n");
  g_autoptr(GError) error = NULL;
  PpvReportOptions o;
  PpvReport *report;

  ppv_report_options_init (&o);
  o.focus = g_strdup ("(unclosed");
  report = ppv_report_new (profile, &o, PPV_REPORT_KIND_TEXT, NULL, &error);
  g_assert_null (report);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "parsing focus regexp: "));
  ppv_report_options_clear (&o);

  /* Label keys are refused as pprof refuses them, even in a report that
   * shows no labels. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) key_error = NULL;

      ppv_report_options_init (&o);
      *(i == 0 ? &o.tagshow : &o.taghide) = g_strdup ("(unclosed");
      report = ppv_report_new (profile, &o, PPV_REPORT_KIND_TEXT, NULL, &key_error);
      g_assert_null (report);
      g_assert_nonnull (key_error);
      g_assert_true (g_str_has_prefix (key_error->message, i == 0 ? "parsing tagshow regexp: "
                                                                  : "parsing taghide regexp: "));
      ppv_report_options_clear (&o);
    }
}

static void
test_sample_index_errors (void)
{
  g_autoptr(PpvProfile) profile = ppv_test_profile_from_folded ("a/count,b/bytes", "main 1,2\n");
  const char *wanted[] = { "7", "nope" };
  const char *messages[] = { "sample_index 7 is outside the range [0..1]",
                             "sample_index \"nope\" must be one of: [a b]" };

  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      g_autoptr(GError) error = NULL;
      PpvReportOptions o;

      ppv_report_options_init (&o);
      o.sample_index = g_strdup (wanted[i]);
      g_assert_null (ppv_report_new (profile, &o, PPV_REPORT_KIND_TEXT, NULL, &error));
      g_assert_cmpstr (error->message, ==, messages[i]);
      ppv_report_options_clear (&o);
    }
}

static void
test_diff_base_percentages (void)
{
  g_autoptr(PpvProfile) after = ppv_test_profile_from_folded ("samples/count", "main;a 30\nmain;b 10\n");
  g_autoptr(PpvProfile) before = ppv_test_profile_from_folded ("samples/count", "main;a 10\nmain;c 10\n");
  g_autoptr(PpvProfile) diff = NULL;
  g_autoptr(PpvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  PpvReportOptions o;

  diff = ppv_profile_combine (&after, 1, &before, 1, PPV_BASE_DIFF, FALSE, &error);
  g_assert_no_error (error);
  ppv_report_options_init (&o);
  report = ppv_report_new (diff, &o, PPV_REPORT_KIND_TEXT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ppv_report_get_total (report), ==, 20);   /* the base's total */
  text = ppv_report_format_top (report);
  g_assert_true (strstr (text, "        20   100%   100%         20   100%  a\n") != NULL);
  g_assert_true (strstr (text, "       -10 50.00%   100%        -10 50.00%  c\n") != NULL);
}

/* Merging finds equal samples by their locations and their labels as a
 * set: the labels' order does not count, a string label is not a numeric
 * one, and a base's samples stay apart with pprof::base=true. */
static void
test_merge_label_sets (void)
{
  g_autoptr(PpvProfile) a = ppv_test_profile_from_folded ("samples/count",
                                                          "main;f 1 k=x n=7\nmain;f 2 k=x\nmain;g 4 k=x\n");
  g_autoptr(PpvProfile) b = ppv_test_profile_from_folded ("samples/count",
                                                          "main;f 10 n=7 k=x\nmain;f 20 k=7\nmain;g 40 k=x\n");
  PpvProfile *both[] = { a, b };
  g_autoptr(PpvProfile) merged = NULL;
  g_autoptr(PpvProfile) diff = NULL;
  g_autoptr(PpvProfile) subtracted = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 expected[] = { 11, 2, 44, 20 };

  merged = ppv_profile_merge (both, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (merged->n_samples, ==, G_N_ELEMENTS (expected));
  for (guint s = 0; s < merged->n_samples; s++)
    g_assert_cmpint (ppv_profile_sample_values (merged, s)[0], ==, expected[s]);
  /* The first sample's labels keep their first order. */
  g_assert_cmpuint (merged->samples[0].n_labels, ==, 2);
  g_assert_cmpstr (merged->labels[merged->samples[0].labels_offset].key, ==, "k");

  diff = ppv_profile_combine (&b, 1, &a, 1, PPV_BASE_DIFF, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (diff->n_samples, ==, 6);
  for (guint s = 3; s < 6; s++)
    {
      const PpvSample *sample = &diff->samples[s];
      const PpvLabel *last = &diff->labels[sample->labels_offset + sample->n_labels - 1];

      g_assert_cmpint (ppv_profile_sample_values (diff, s)[0], <, 0);
      g_assert_cmpstr (last->key, ==, "pprof::base");
      g_assert_cmpstr (last->str, ==, "true");
    }

  /* Subtracting a profile from itself leaves nothing. */
  subtracted = ppv_profile_combine (&a, 1, &a, 1, PPV_BASE_SUBTRACT, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (subtracted->n_samples, ==, 0);
}

/* Text reports sum only edges that may survive edgefraction; the marks must
 * be those of every edge summed and then trimmed. */
static void
test_inline_marks_after_edge_trim (void)
{
  const char *light_call = "main;foo+inl 50\nmain;bar;inl 1\nmain;bar 30\nmain;baz 919\n";
  /* bar's cum (1) is below the 5 of its edge into inl: no bound by cum. */
  const char *negative = "main;foo+inl 50\nmain;bar;inl 5\nmain;bar -4\nmain;baz 949\n";
  struct { const char *stacks; double nodefraction, edgefraction; gboolean trim; PpvInlineMark mark; } cases[] = {
    { light_call, 0, 0.001, TRUE, PPV_INLINE_PARTIAL },
    { light_call, 0, 0.002, TRUE, PPV_INLINE_FULL },
    { light_call, 0.005, 0.002, TRUE, PPV_INLINE_FULL },
    { light_call, 0, 0.06, TRUE, PPV_INLINE_NONE },
    { light_call, 0, 0.002, FALSE, PPV_INLINE_PARTIAL },
    { negative, 0, 0.002, TRUE, PPV_INLINE_PARTIAL },
    { negative, 0, 0.006, TRUE, PPV_INLINE_FULL },
    /* bar sums to nothing and leaves the graph, but its call into inl
     * still makes inl partly inlined. */
    { "main;foo+inl 50\nmain;bar;inl 5\nmain;bar;qux -5\nmain;baz 950\n", 0.001, 0.002, TRUE,
      PPV_INLINE_PARTIAL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PpvProfile) profile = ppv_test_profile_from_folded ("samples/count", cases[i].stacks);
      g_autoptr(PpvReport) report = NULL;
      g_autoptr(GError) error = NULL;
      gboolean found = FALSE;
      PpvReportOptions o;

      ppv_report_options_init (&o);
      o.nodefraction = cases[i].nodefraction;
      o.edgefraction = cases[i].edgefraction;
      o.trim = cases[i].trim;
      report = ppv_report_new (profile, &o, PPV_REPORT_KIND_TEXT, NULL, &error);
      g_assert_no_error (error);
      for (guint r = 0; r < ppv_report_get_n_rows (report); r++)
        {
          const PpvReportRow *row = ppv_report_get_row (report, r);
          if (strcmp (row->name, "inl") == 0)
            {
              g_assert_cmpint (row->inline_mark, ==, cases[i].mark);
              found = TRUE;
            }
        }
      g_assert_true (found);
      ppv_report_options_clear (&o);
    }
}

static void
test_dot_matches_pprof (void)
{
  g_autoptr(PpvProfile) profile = ppv_test_profile_from_folded (CPU_TYPES, CPU_STACKS);
  g_autoptr(PpvReport) report = NULL;
  g_autoptr(PpvCallGraph) graph = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dot = NULL;
  PpvReportOptions o;
  /* The node lines `go tool pprof -dot` prints for this profile (ids come
   * from entropy order). */
  const char *expected[] = {
    "N1 [label=\"main\\nmain\\n0 of 1.06s (100%)\" id=\"node1\" fontsize=8 shape=box tooltip=\"main.main (1.06s)\" color=\"#b20000\" fillcolor=\"#edd5d5\"]\n",
    "N3 [label=\"main\\nbar\\n0.50s (47.17%)\\nof 0.55s (51.89%)\" id=\"node3\" fontsize=24 shape=box tooltip=\"main.bar (0.55s)\" color=\"#b21f00\" fillcolor=\"#edd9d5\"]\n",
    "N5 [label=\"main\\nrec\\n0.30s (28.30%)\" id=\"node5\" fontsize=21 shape=box tooltip=\"main.rec (0.30s)\" color=\"#b23800\" fillcolor=\"#eddcd5\"]\n",
    "N8 [label=\"main\\ntiny\\n0.01s (0.94%)\" id=\"node8\" fontsize=11 shape=box tooltip=\"main.tiny (0.01s)\" color=\"#b2b0aa\" fillcolor=\"#edecec\"]\n",
    "N2 -> N1 [label=\" 1.06s\" weight=101 penwidth=6 color=\"#b20000\" tooltip=\"runtime.main -> main.main (1.06s)\" labeltooltip=\"runtime.main -> main.main (1.06s)\"]\n",
    "N4 -> N6 [label=\" 0.20s\\n (inline)\" weight=19 color=\"#b24c0a\" tooltip=\"main.foo -> main.inl (0.20s)\" labeltooltip=\"main.foo -> main.inl (0.20s)\"]\n",
    "N1 -> N8 [label=\" 0.01s\" color=\"#b2b0aa\" tooltip=\"main.main -> main.tiny (0.01s)\" labeltooltip=\"main.main -> main.tiny (0.01s)\"]\n",
  };

  ppv_report_options_init (&o);
  report = ppv_report_new (profile, &o, PPV_REPORT_KIND_GRAPH, NULL, &error);
  g_assert_no_error (error);
  graph = ppv_callgraph_new (report);
  dot = ppv_callgraph_to_dot (graph);

  g_assert_true (g_str_has_prefix (dot, "digraph \"prog\" {\nnode [style=filled fillcolor=\"#f8f8f8\"]\n"
                                        "subgraph cluster_L { \"File: prog\" [shape=box fontsize=16 label=\"File: prog\\lType: cpu\\l"));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (dot, expected[i]) == NULL)
      g_error ("missing DOT line %s in:\n%s", expected[i], dot);
  ppv_report_options_clear (&o);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppv/core/units/labels", test_units);
  g_test_add_func ("/ppv/core/units/percentages", test_percentages);
  g_test_add_func ("/ppv/core/report/cpu-top", test_cpu_top);
  g_test_add_func ("/ppv/core/report/cum-order", test_cpu_cum_order);
  g_test_add_func ("/ppv/core/report/focus-total", test_focus_keeps_total);
  g_test_add_func ("/ppv/core/report/nodecount", test_nodecount_drops_inline_mark);
  g_test_add_func ("/ppv/core/report/noinlines-show", test_noinlines_and_show);
  g_test_add_func ("/ppv/core/report/recursion", test_recursion_counts_once);
  g_test_add_func ("/ppv/core/report/ties", test_ties_alphabetical);
  g_test_add_func ("/ppv/core/report/trim", test_trim_drops_small_nodes);
  g_test_add_func ("/ppv/core/report/tag-filters", test_tag_filters);
  g_test_add_func ("/ppv/core/report/bad-regex", test_bad_regex_is_an_error);
  g_test_add_func ("/ppv/core/report/sample-index", test_sample_index_errors);
  g_test_add_func ("/ppv/core/report/diff-base", test_diff_base_percentages);
  g_test_add_func ("/ppv/core/report/inline-edge-trim", test_inline_marks_after_edge_trim);
  g_test_add_func ("/ppv/core/merge/label-sets", test_merge_label_sets);
  g_test_add_func ("/ppv/core/report/shares-match-one-pass", test_shares_match_one_pass);
  g_test_add_func ("/ppv/core/report/deep-inline-edges", test_deep_inline_edges);
  g_test_add_func ("/ppv/core/report/kept-edges-only", test_kept_edges_only);
  g_test_add_func ("/ppv/core/report/node-sums-loop", test_node_sums_loop);
  g_test_add_func ("/ppv/core/callgraph/dot", test_dot_matches_pprof);

  return g_test_run ();
}
