/* test-graph-tags.c — a graph's tags summed in a dense table equal, in
 * value and order, those the (node, tag) hash table sums.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ppv-graph-sum-private.h"
#include "ppv-report.h"
#include "ppv-report-private.h"
#include "ppv-test-profile.h"

static PpvReport *
graph_report (PpvProfile *profile,
              gboolean    dense,
              gboolean    split,
              int         nodecount,
              gboolean    mean)
{
  g_autoptr(GError) error = NULL;
  PpvReportOptions o;
  PpvReport *report;

  g_setenv ("PPV_GRAPH_DENSE_TAGS", dense ? "1" : "0", TRUE);
  if (split)
    g_setenv ("PPV_GRAPH_SHARE_FRAMES", "500", TRUE);
  ppv_report_options_init (&o);
  o.nodecount = nodecount;
  o.mean = mean;
  if (nodecount == 0)
    o.nodefraction = 0;
  report = ppv_report_new (profile, &o, PPV_REPORT_KIND_GRAPH, NULL, &error);
  ppv_report_options_clear (&o);
  g_unsetenv ("PPV_GRAPH_SHARE_FRAMES");
  g_unsetenv ("PPV_GRAPH_DENSE_TAGS");
  g_assert_no_error (error);
  return report;
}

/* Every node's tags, in order, with every field.  Returns how many. */
static guint
assert_same_tags (PpvReport *want,
                  PpvReport *got)
{
  PpvGraph *a = _ppv_report_get_graph (want);
  PpvGraph *b = _ppv_report_get_graph (got);
  guint n_tags = 0;

  g_assert_cmpuint (a->n_nodes, ==, b->n_nodes);
  for (guint32 i = 0; i < a->n_nodes; i++)
    {
      guint32 n = a->nodes[i];
      GArray *x = a->stats[n].tags, *y = b->stats[n].tags;

      g_assert_cmpuint (b->nodes[i], ==, n);
      g_assert_cmpuint (x ? x->len : 0, ==, y ? y->len : 0);
      for (guint k = 0; x != NULL && k < x->len; k++)
        {
          const PpvNodeTag *s = &g_array_index (x, PpvNodeTag, k);
          const PpvNodeTag *t = &g_array_index (y, PpvNodeTag, k);

          g_assert_cmpuint (s->name, ==, t->name);
          g_assert_cmpuint (s->group, ==, t->group);
          g_assert_cmpint (s->numeric, ==, t->numeric);
          g_assert_cmpint (s->value, ==, t->value);
          g_assert_cmpint (s->flat, ==, t->flat);
          g_assert_cmpint (s->cum, ==, t->cum);
          g_assert_cmpint (s->flat_div, ==, t->flat_div);
          g_assert_cmpint (s->cum_div, ==, t->cum_div);
        }
      n_tags += x ? x->len : 0;
    }
  return n_tags;
}

/* String labels (values of both signs, as a comparison has them), or only
 * sizes, several to a sample, some recurring frames and inlined calls. */
static PpvProfile *
tagged_profile (gboolean sizes)
{
  g_autoptr(GString) stacks = g_string_new (NULL);

  for (guint i = 0; i < 4000; i++)
    {
      int v = (int) (1 + i % 5) * (i % 3 == 0 ? -1 : 1);

      g_string_append_printf (stacks, "main.main;pkg.run%u;pkg.f%u;pkg.g%u+pkg.inl%u;pkg.f%u %d,%d",
                              i % 9, i % 41, i % 23, i % 4, (i * 7) % 41, v, 3 * v);
      if (sizes)
        g_string_append_printf (stacks, " bytes=%u bytes=%u\n", 16u << (i % 5), 1000u + i % 7);
      else
        g_string_append_printf (stacks, " user=u%u job=j%u\n", i % 5, (i / 3) % 2);
    }
  return ppv_test_profile_from_folded ("samples/count,delay/nanoseconds", stacks->str);
}

static void
test_dense_tags_match_table (void)
{
  for (guint sizes = 0; sizes < 2; sizes++)
    {
      g_autoptr(PpvProfile) profile = tagged_profile (sizes);
      /* 12 nodes: the post-sort pass tags a few; 0: every node, every tag. */
      int nodecounts[] = { 12, 0 };

      for (guint c = 0; c < G_N_ELEMENTS (nodecounts); c++)
        for (guint split = 0; split < 2; split++)
          for (guint mean = 0; mean < 2; mean++)
            {
              g_autoptr(PpvReport) table = graph_report (profile, FALSE, split, nodecounts[c], mean);
              g_autoptr(PpvReport) dense = graph_report (profile, TRUE, split, nodecounts[c], mean);

              g_test_message ("sizes %u nodecount %d split %u mean %u", sizes, nodecounts[c], split, mean);
              g_assert_true (_ppv_graph_tags_fit_dense (_ppv_report_get_builder (dense), NULL));
              g_assert_cmpuint (assert_same_tags (table, dense), >, 10);
            }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ppv/core/graph/dense-tags", test_dense_tags_match_table);
  return g_test_run ();
}
