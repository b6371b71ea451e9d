/* ppv-tree-report.c — pprof's -tree and -peek: each node with its callers
 * above and its callees below.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A tree report is a text report whose graph keeps every edge.  Its lines
 * print edge weights as summed, without --mean's division, and their
 * percentages are of the node's cum: pprof does the same.
 */
#include <string.h>

#include "ppv-error.h"
#include "ppv-report-private.h"

#define SEPARATOR "----------------------------------------------------------+-------------\n"
#define LEGEND    "      flat  flat%   sum%        cum   cum%   calls calls% + context \t \t \n"

static void
append_edge_line (GString        *out,
                  PpvReport      *report,
                  const PpvEdge  *edge,
                  const char     *other,
                  gint64          cum)
{
  g_autofree char *weight = ppv_report_format_value (report, edge->weight);
  g_autofree char *pct = ppv_format_percentage (edge->weight, cum);

  g_string_append_printf (out, "%50s %s |   %s%s\n", weight, pct, other,
                          edge->inline_call ? " (inline)" : "");
}

char *
ppv_report_format_tree (PpvReport   *self,
                        const char  *symbol,
                        GError     **error)
{
  PpvGraph *g = _ppv_report_get_graph (self);
  PpvGraphBuilder *builder = _ppv_report_get_builder (self);
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gint64 total = ppv_report_get_total (self), flat_sum = 0;
  guint matched = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (ppv_report_get_kind (self) == PPV_REPORT_KIND_TREE, NULL);

  if (symbol != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      regex = g_regex_new (symbol, G_REGEX_OPTIMIZE, 0, &local_error);
      if (regex == NULL)
        {
          g_set_error (error, PPV_REPORT_ERROR, PPV_REPORT_ERROR_REGEX,
                       "parsing argument regexp %s: %s", symbol, local_error->message);
          return NULL;
        }
    }

  for (const char * const *line = ppv_report_get_header_lines (self); *line; line++)
    g_string_append_printf (out, "%s\n", *line);
  g_string_append (out, SEPARATOR);
  g_string_append (out, LEGEND);

  for (guint32 i = 0; i < g->n_nodes; i++)
    {
      guint32 n = g->nodes[i];
      const PpvReportRow *row = ppv_report_get_row (self, i);
      g_autoptr(GArray) in = NULL;
      g_autoptr(GArray) out_edges = NULL;
      g_autofree char *flat = NULL, *flat_pct = NULL, *sum_pct = NULL, *cum = NULL, *cum_pct = NULL;

      if (regex != NULL && !g_regex_match (regex, row->name, 0, NULL))
        continue;
      matched++;

      g_string_append (out, SEPARATOR);
      in = _ppv_graph_in_edges (g, builder, n);
      for (guint k = 0; k < in->len; k++)
        {
          const PpvEdge *e = &g_array_index (g->edges, PpvEdge, g_array_index (in, guint32, k));
          append_edge_line (out, self, e, _ppv_graph_builder_get_info (builder, e->src)->printable, row->cum);
        }

      flat_sum += row->flat;
      flat = ppv_report_format_value (self, row->flat);
      flat_pct = ppv_format_percentage (row->flat, total);
      sum_pct = ppv_format_percentage (flat_sum, total);
      cum = ppv_report_format_value (self, row->cum);
      cum_pct = ppv_format_percentage (row->cum, total);
      g_string_append_printf (out, "%10s %s %s %10s %s                | %s\n",
                              flat, flat_pct, sum_pct, cum, cum_pct, row->name);

      out_edges = _ppv_graph_out_edges (g, builder, n);
      for (guint k = 0; k < out_edges->len; k++)
        {
          const PpvEdge *e = &g_array_index (g->edges, PpvEdge, g_array_index (out_edges, guint32, k));
          append_edge_line (out, self, e, _ppv_graph_builder_get_info (builder, e->dst)->printable, row->cum);
        }
    }
  if (g->n_nodes > 0)
    g_string_append (out, SEPARATOR);

  if (regex != NULL && matched == 0)
    {
      g_set_error (error, PPV_REPORT_ERROR, PPV_REPORT_ERROR_NO_MATCH,
                   "no matches found for regexp: %s", symbol);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
