/* ppv-report.c — one report over one profile: sample column, total,
 * filtered and trimmed graph, output unit, header lines, and the -top text.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ppv-error.h"
#include "ppv-report-context.h"
#include "ppv-units.h"

struct _PpvReport
{
  gint              ref_count;
  PpvReportContext *ctx;
  PpvProfile       *profile;
  PpvReportOptions  options;     /* with the kind's trimming defaults */
  PpvReportKind     kind;

  gint64            total;       /* the context's, at hand */
  char             *output_unit;

  PpvGraphBuilder  *builder;
  PpvGraph         *graph;
  GArray           *rows;        /* PpvReportRow */
  GArray           *edges;       /* PpvReportEdge */
  GPtrArray        *header;      /* NULL-terminated */
  char            **warnings;
};

G_DEFINE_BOXED_TYPE (PpvReport, ppv_report, ppv_report_ref, ppv_report_unref)

/* The unit is chosen over the nodes shown. */
static void
select_output_unit (PpvReport *self)
{
  PpvGraph *g = self->graph;
  PpvUnitScan scan = { 0, 0 };

  for (guint32 i = 0; i < g->n_nodes; i++)
    {
      const PpvNodeStats *st = &g->stats[g->nodes[i]];
      _ppv_unit_scan_add (&scan, _ppv_div_value (st->flat, st->flat_div),
                          _ppv_div_value (st->cum, st->cum_div));
    }
  self->output_unit = _ppv_report_context_choose_unit (self->ctx, &scan);
}

char *
ppv_report_format_value (PpvReport *self,
                         gint64     value)
{
  g_return_val_if_fail (self != NULL, NULL);

  return _ppv_report_context_format_value (self->ctx, self->output_unit, value);
}

static void
add_report_labels (PpvReport *self,
                   guint      orig_count,
                   guint      dropped_nodes,
                   guint      dropped_edges)
{
  GPtrArray *out = self->header;
  g_autofree char *filters = ppv_report_options_describe_filters (&self->options);
  g_autofree char *shown = NULL, *total = NULL, *pct = NULL;
  gint64 flat_sum = 0;
  PpvGraph *g = self->graph;

  _ppv_report_context_add_profile_labels (self->ctx, self->output_unit, out);

  if (filters != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (filters, "\n", -1);

      g_ptr_array_add (out, g_strdup ("Active filters:"));
      for (guint i = 0; lines[i]; i++)
        {
          /* pprof cuts at 80 bytes, even inside a UTF-8 sequence. */
          if (strlen (lines[i]) > 80)
            g_ptr_array_add (out, g_strdup_printf ("   %.80s\xe2\x80\xa6", lines[i]));
          else
            g_ptr_array_add (out, g_strdup_printf ("   %s", lines[i]));
        }
    }

  for (guint32 i = 0; i < g->n_nodes; i++)
    {
      const PpvNodeStats *st = &g->stats[g->nodes[i]];
      flat_sum += _ppv_div_value (st->flat, st->flat_div);
    }

  shown = ppv_report_format_value (self, flat_sum);
  total = ppv_report_format_value (self, self->total);
  pct = ppv_format_percentage (flat_sum, self->total);
  g_ptr_array_add (out, g_strdup_printf ("Showing nodes accounting for %s, %s of %s total",
                                         shown, g_strstrip (pct), total));

  if (self->total != 0)
    {
      if (dropped_nodes > 0)
        {
          g_autofree char *cut = ppv_report_format_value (self,
              _ppv_abs64 ((gint64) ((double) self->total * self->options.nodefraction)));
          g_ptr_array_add (out, g_strdup_printf ("Dropped %u node%s (cum <= %s)",
                                                 dropped_nodes, dropped_nodes > 1 ? "s" : "", cut));
        }
      if (dropped_edges > 0)
        {
          g_autofree char *cut = ppv_report_format_value (self,
              _ppv_abs64 ((gint64) ((double) self->total * self->options.edgefraction)));
          g_ptr_array_add (out, g_strdup_printf ("Dropped %u edge%s (freq <= %s)",
                                                 dropped_edges, dropped_edges > 1 ? "s" : "", cut));
        }
      if (g->n_nodes > 0 && g->n_nodes < orig_count)
        g_ptr_array_add (out, g_strdup_printf ("Showing top %u nodes out of %u",
                                               g->n_nodes, orig_count));
    }

  if (self->kind == PPV_REPORT_KIND_GRAPH)
    g_ptr_array_add (out, g_strdup ("\nSee https://git.io/JfYMW for how to read the graph"));

  g_ptr_array_add (out, NULL);
}

static guint8 *
node_set_from (PpvReport *self,
               guint32   *nodes,
               guint32    n_nodes,
               gint64     cum_cutoff)
{
  guint8 *kept = g_new0 (guint8, MAX (_ppv_graph_builder_get_n_infos (self->builder), 1));

  for (guint32 i = 0; i < n_nodes; i++)
    if (_ppv_abs64 (self->graph->stats[nodes[i]].cum) >= cum_cutoff)
      kept[nodes[i]] = TRUE;
  return kept;
}

static guint
count_tags (const PpvNodeStats *st)
{
  guint count = 0;

  for (guint i = 0; st->tags != NULL && i < st->tags->len; i++)
    if (g_array_index (st->tags, PpvNodeTag, i).flat != 0)
      count++;
  return count;
}

/* A text report only shows edges through its "(inline)" marks: without
 * inlined nodes it has no edges to sum, and the first pass has every
 * number it shows (see _ppv_graph_restrict).  The graph being replaced
 * bounds the weights of the new one's edges. */
static void
rebuild_tagged (PpvReport    *self,
                const guint8 *kept,
                PpvEdgeMode   mode,
                gint64        edge_cutoff,
                const guint8 *tag_nodes)
{
  PpvGraph *old = self->graph;

  if (mode == PPV_EDGES_INTO_INLINED && old != NULL && !_ppv_graph_builder_has_inlined (self->builder))
    {
      if (kept != NULL)
        _ppv_graph_restrict (old, kept);
      return;
    }

  self->graph = _ppv_graph_build (self->builder, kept, mode, old, edge_cutoff, tag_nodes);
  _ppv_graph_free (old);
}

static void
rebuild (PpvReport    *self,
         const guint8 *kept,
         PpvEdgeMode   mode,
         gint64        edge_cutoff)
{
  rebuild_tagged (self, kept, mode, edge_cutoff, NULL);
}

static gboolean
covers (const guint8 *set,
        const guint8 *subset,
        guint32       n)
{
  for (guint32 i = 0; i < n; i++)
    if (subset[i] && !set[i])
      return FALSE;
  return TRUE;
}

/* Rebuilds with @kept, all of whose nodes have their tags in the graph
 * being replaced: a node's tags do not depend on which others are kept
 * (see _ppv_graph_restrict()), so they move over, and the pass sums no
 * tags (in threads, where summing every kept node's tags takes one). */
static void
rebuild_keeping_tags (PpvReport    *self,
                      const guint8 *kept,
                      PpvEdgeMode   mode,
                      gint64        edge_cutoff,
                      const guint8 *no_tags)
{
  PpvGraph *old = self->graph;

  self->graph = _ppv_graph_build (self->builder, kept, mode, old, edge_cutoff, no_tags);
  for (guint32 n = 0; n < old->n_infos; n++)
    if (kept[n])
      {
        self->graph->stats[n].tags = old->stats[n].tags;
        old->stats[n].tags = NULL;
      }
  _ppv_graph_free (old);
}

#define FEW_NODE_TAGS 65536

/* pprof's newTrimmedGraph. */
static void
build_trimmed_graph (PpvReport *self,
                     guint     *orig_count,
                     guint     *dropped_nodes,
                     guint     *dropped_edges)
{
  gboolean visual = self->kind == PPV_REPORT_KIND_GRAPH;
  PpvSortOrder order = visual ? PPV_SORT_ENTROPY : self->options.cum_sort ? PPV_SORT_CUM : PPV_SORT_FLAT;
  int nodecount = self->options.nodecount;
  double nodefraction = self->options.nodefraction;
  double edgefraction = self->options.edgefraction;
  gboolean all_edges = visual || self->kind == PPV_REPORT_KIND_TREE;
  PpvEdgeMode edges = all_edges ? PPV_EDGES_ALL : PPV_EDGES_INTO_INLINED;
  PpvEdgeMode first;
  gint64 flat_total = 0, node_cutoff, edge_cutoff;
  g_autofree guint8 *no_tags = NULL;       /* see below */
  g_autofree guint8 *tagged = NULL;        /* the nodes whose tags the graph has */
  g_autofree guint8 *sorted_kept = NULL;   /* the kept set of the graph first sorted */

  if (nodecount < 0)
    nodecount = all_edges ? 80 : 0;
  if (!self->options.trim)
    {
      nodecount = 0;
      nodefraction = 0;
      edgefraction = 0;
    }
  self->options.nodecount = nodecount;
  self->options.nodefraction = nodefraction;
  self->options.edgefraction = edgefraction;

  *dropped_nodes = 0;
  *dropped_edges = 0;

  /* The first pass only decides which nodes survive nodefraction; edges
   * are summed once the surviving set is known, by a pass that reuses its
   * node sums.  Without a nodefraction nothing is decided, but a text
   * report still sums nodes first: that pass is the fastest loop there is,
   * and with its sums the edge pass skips every node lighter than
   * edgefraction or cancelled by a base (see sums_known() in
   * ppv-graph-sum.c).  Graphs and trees want every edge: one pass. */
  if (nodefraction > 0 || !all_edges)
    first = PPV_EDGES_NONE;
  else
    first = edges;
  /* Tags only decide how many of the first nodecount nodes fit, and only
   * theirs can be shown: the passes before the sort leave them out (and
   * so can use threads); a pass after it sums those nodes' tags. */
  if (visual && nodecount > 0 && _ppv_graph_builder_has_tags (self->builder))
    no_tags = g_new0 (guint8, MAX (_ppv_graph_builder_get_n_infos (self->builder), 1));
  rebuild_tagged (self, NULL, first, 0, no_tags);
  for (guint32 i = 0; i < self->graph->n_nodes; i++)
    flat_total += self->graph->stats[self->graph->nodes[i]].flat;
  node_cutoff = _ppv_abs64 ((gint64) ((double) flat_total * nodefraction));
  edge_cutoff = _ppv_abs64 ((gint64) ((double) flat_total * edgefraction));

  if (node_cutoff > 0)
    {
      g_autofree guint8 *kept = node_set_from (self, self->graph->nodes, self->graph->n_nodes, node_cutoff);
      guint32 n_kept = 0;

      for (guint32 i = 0; i < self->graph->n_nodes; i++)
        n_kept += kept[self->graph->nodes[i]];
      if (n_kept != self->graph->n_nodes)
        {
          *dropped_nodes = self->graph->n_nodes - n_kept;
          /* A text or tree report sorts by node sums alone, which do not
           * depend on the kept set: when nodecount is going to cut the
           * kept nodes again, their edges would only be thrown away. */
          if (!visual && nodecount > 0 && (guint32) nodecount < n_kept)
            _ppv_graph_restrict (self->graph, kept);
          else if (no_tags != NULL &&
                   (guint64) n_kept * _ppv_graph_builder_get_n_tags (self->builder) <= FEW_NODE_TAGS)
            {
              /* With few distinct tags, this pass sums those of every kept
               * node too (in threads), rather than a pass after the sort
               * summing the first nodecount nodes' with the same edges.
               * With many, the table of (node, tag) sums outgrows the
               * cache, and the later pass, of fewer nodes, costs less. */
              rebuild_tagged (self, kept, edges, edge_cutoff, kept);
              tagged = g_memdup2 (kept, MAX (_ppv_graph_builder_get_n_infos (self->builder), 1));
            }
          else
            rebuild_tagged (self, kept, edges, edge_cutoff, no_tags);
          sorted_kept = g_steal_pointer (&kept);
        }
    }
  if (*dropped_nodes == 0 && first != edges)
    rebuild_tagged (self, NULL, edges, edge_cutoff, no_tags);
  *orig_count = self->graph->n_nodes;

  _ppv_graph_sort (self->graph, self->builder, order);
  if (no_tags != NULL && tagged == NULL)
    {
      tagged = g_new0 (guint8, MAX (_ppv_graph_builder_get_n_infos (self->builder), 1));
      for (guint32 i = 0; i < MIN ((guint32) nodecount, self->graph->n_nodes); i++)
        tagged[self->graph->nodes[i]] = TRUE;
      rebuild_tagged (self, sorted_kept, edges, edge_cutoff, tagged);
      _ppv_graph_sort (self->graph, self->builder, order);
    }
  if (nodecount > 0)
    {
      guint32 max_nodes = (guint32) nodecount;

      _ppv_graph_trim_low_frequency_tags (self->graph, node_cutoff);
      _ppv_graph_trim_low_frequency_edges (self->graph, edge_cutoff);

      if (visual)
        {
          guint count = 0;
          for (guint32 i = 0; i < self->graph->n_nodes; i++)
            {
              count += MIN (count_tags (&self->graph->stats[self->graph->nodes[i]]), 4) + 1;
              if (count >= (guint) nodecount)
                {
                  max_nodes = i + 1;
                  break;
                }
            }
        }
      if (max_nodes < self->graph->n_nodes)
        {
          g_autofree guint8 *kept = node_set_from (self, self->graph->nodes, max_nodes, 0);

          if (tagged != NULL && covers (tagged, kept, _ppv_graph_builder_get_n_infos (self->builder)))
            rebuild_keeping_tags (self, kept, edges, edge_cutoff, no_tags);
          else
            rebuild (self, kept, edges, edge_cutoff);
          _ppv_graph_sort (self->graph, self->builder, order);
        }
    }

  _ppv_graph_trim_low_frequency_tags (self->graph, node_cutoff);
  *dropped_edges = _ppv_graph_trim_low_frequency_edges (self->graph, edge_cutoff);
  if (visual)
    _ppv_graph_remove_redundant_edges (self->graph, self->builder);
}

static int
compare_edges_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  PpvReport *self = user_data;
  return _ppv_graph_compare_edges (self->graph, self->builder,
                                   *(const guint32 *) a, *(const guint32 *) b);
}

enum
{
  CALLS_INLINE = 1 << 0,
  CALLS_CALL   = 1 << 1,
};

/* Rows [first, end) of a report: independent of each other, so the rows
 * of a big table are filled by two threads. */
typedef struct
{
  PpvReport    *self;
  const guint8 *calls_in;
  guint        *row_of;
  guint32       first, end;
} RowRange;

static gpointer
fill_rows (gpointer data)
{
  RowRange *range = data;
  PpvReport *self = range->self;
  PpvGraph *g = self->graph;

  for (guint32 i = range->first; i < range->end; i++)
    {
      guint32 n = g->nodes[i];
      const PpvNodeStats *st = &g->stats[n];
      const PpvNodeInfo *info = _ppv_graph_builder_get_info (self->builder, n);
      gboolean any_inline = (range->calls_in[n] & CALLS_INLINE) != 0;
      gboolean any_call = (range->calls_in[n] & CALLS_CALL) != 0;
      PpvReportRow *row = &g_array_index (self->rows, PpvReportRow, i);

      row->name = info->printable;
      row->function = info->name;
      row->flat = _ppv_div_value (st->flat, st->flat_div);
      row->cum = _ppv_div_value (st->cum, st->cum_div);
      row->inline_mark = !any_inline ? PPV_INLINE_NONE : any_call ? PPV_INLINE_PARTIAL : PPV_INLINE_FULL;
      range->row_of[n] = i;
    }
  return NULL;
}

#define PARALLEL_ROWS 50000

static void
collect_rows (PpvReport *self)
{
  PpvGraph *g = self->graph;
  guint32 n_infos = _ppv_graph_builder_get_n_infos (self->builder);
  g_autofree guint *row_of = g_new (guint, MAX (n_infos, 1));
  g_autofree guint8 *calls_in = g_new0 (guint8, MAX (n_infos, 1));
  g_autoptr(GArray) edge_ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  RowRange ranges[2] = { { self, calls_in, row_of, 0, g->n_nodes },
                         { self, calls_in, row_of, g->n_nodes / 2, g->n_nodes } };
  GThread *thread = NULL;

  /* Every row is written below. */
  self->rows = g_array_sized_new (FALSE, FALSE, sizeof (PpvReportRow), g->n_nodes);
  g_array_set_size (self->rows, g->n_nodes);
  self->edges = g_array_new (FALSE, TRUE, sizeof (PpvReportEdge));

  for (guint32 n = 0; n < n_infos; n++)
    row_of[n] = G_MAXUINT;
  /* The "(inline)" marks: what kinds of calls come in, over every edge
   * left (one walk, where a list of in-edges per row would allocate). */
  for (guint32 k = 0; k < g->edges->len; k++)
    {
      const PpvEdge *e = &g_array_index (g->edges, PpvEdge, k);

      if (!e->removed)
        calls_in[e->dst] |= e->inline_call ? CALLS_INLINE : CALLS_CALL;
    }

  if (g->n_nodes >= PARALLEL_ROWS && g_get_num_processors () > 1 &&
      (thread = g_thread_try_new ("ppv-rows", fill_rows, &ranges[1], NULL)) != NULL)
    ranges[0].end = ranges[1].first;
  fill_rows (&ranges[0]);
  if (thread != NULL)
    g_thread_join (thread);

  /* pprof's DOT emits every edge out of a shown node. */
  if (self->kind == PPV_REPORT_KIND_GRAPH)
    for (guint32 i = 0; i < g->n_nodes; i++)
      {
        g_autoptr(GArray) out = _ppv_graph_out_edges (g, self->builder, g->nodes[i]);

        g_array_append_vals (edge_ids, out->data, out->len);
      }

  /* In pprof's DOT order. */
  g_qsort_with_data (edge_ids->data, edge_ids->len, sizeof (guint32), compare_edges_cb, self);
  for (guint k = 0; k < edge_ids->len; k++)
    {
      const PpvEdge *e = &g_array_index (g->edges, PpvEdge, g_array_index (edge_ids, guint32, k));
      PpvReportEdge re = { row_of[e->src], row_of[e->dst],
                           _ppv_div_value (e->weight, e->weight_div), e->residual, e->inline_call };
      g_array_append_val (self->edges, re);
    }
}

PpvReport *
ppv_report_new (PpvProfile             *profile,
                const PpvReportOptions *options,
                PpvReportKind           kind,
                GCancellable           *cancellable,
                GError                **error)
{
  g_autoptr(PpvReport) self = NULL;
  g_autoptr(PpvReportContext) ctx = NULL;
  const PpvFrameSelection *sel;
  guint orig_count = 0, dropped_nodes = 0, dropped_edges = 0;

  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  ctx = _ppv_report_context_new (profile, options, cancellable, error);
  if (ctx == NULL)
    return NULL;
  sel = _ppv_report_context_get_selection (ctx);

  self = g_new0 (PpvReport, 1);
  self->ref_count = 1;
  self->ctx = g_steal_pointer (&ctx);
  self->profile = ppv_profile_ref (profile);
  self->kind = kind;
  self->total = _ppv_report_context_get_total (self->ctx);
  ppv_report_options_copy (&self->options, options);

  self->builder = _ppv_graph_builder_new (self->ctx, kind == PPV_REPORT_KIND_GRAPH);
  build_trimmed_graph (self, &orig_count, &dropped_nodes, &dropped_edges);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  select_output_unit (self);
  collect_rows (self);

  self->header = g_ptr_array_new_with_free_func (g_free);
  add_report_labels (self, orig_count, dropped_nodes, kind == PPV_REPORT_KIND_GRAPH ? dropped_edges : 0);

  self->warnings = _ppv_frame_selection_dup_warnings (sel);

  return g_steal_pointer (&self);
}

PpvReport *
ppv_report_ref (PpvReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ppv_report_unref (PpvReport *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_clear_pointer (&self->graph, _ppv_graph_free);
  g_clear_pointer (&self->builder, _ppv_graph_builder_free);
  g_clear_pointer (&self->ctx, _ppv_report_context_unref);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->edges, g_array_unref);
  g_clear_pointer (&self->header, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_strfreev);
  g_free (self->output_unit);
  ppv_report_options_clear (&self->options);
  g_clear_pointer (&self->profile, ppv_profile_unref);
  g_free (self);
}

PpvProfile *
ppv_report_get_profile (PpvReport *self)
{
  return self->profile;
}

const PpvReportOptions *
ppv_report_get_options (PpvReport *self)
{
  return &self->options;
}

PpvReportKind
ppv_report_get_kind (PpvReport *self)
{
  return self->kind;
}

guint
ppv_report_get_n_rows (PpvReport *self)
{
  return self->rows->len;
}

const PpvReportRow *
ppv_report_get_row (PpvReport *self,
                    guint      index)
{
  g_return_val_if_fail (index < self->rows->len, NULL);
  return &g_array_index (self->rows, PpvReportRow, index);
}

guint
ppv_report_get_n_edges (PpvReport *self)
{
  return self->edges->len;
}

const PpvReportEdge *
ppv_report_get_edge (PpvReport *self,
                     guint      index)
{
  g_return_val_if_fail (index < self->edges->len, NULL);
  return &g_array_index (self->edges, PpvReportEdge, index);
}

gint64
ppv_report_get_total (PpvReport *self)
{
  return self->total;
}

const char *
ppv_report_get_type_name (PpvReport *self)
{
  return _ppv_report_context_get_type_name (self->ctx);
}

const char * const *
ppv_report_get_header_lines (PpvReport *self)
{
  return (const char * const *) self->header->pdata;
}

const char * const *
ppv_report_get_warnings (PpvReport *self)
{
  return (const char * const *) self->warnings;
}

char *
ppv_report_format_top (PpvReport *self)
{
  GString *out = g_string_new (NULL);
  gint64 flat_sum = 0;

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->header->len - 1; i++)
    {
      g_string_append (out, g_ptr_array_index (self->header, i));
      g_string_append_c (out, '\n');
    }
  g_string_append_printf (out, "%10s %5s%% %5s%% %10s %5s%%\n", "flat", "flat", "sum", "cum", "cum");

  for (guint i = 0; i < self->rows->len; i++)
    {
      const PpvReportRow *row = &g_array_index (self->rows, PpvReportRow, i);
      g_autofree char *flat = ppv_report_format_value (self, row->flat);
      g_autofree char *cum = ppv_report_format_value (self, row->cum);
      g_autofree char *flat_pct = ppv_format_percentage (row->flat, self->total);
      g_autofree char *sum_pct = NULL;
      g_autofree char *cum_pct = ppv_format_percentage (row->cum, self->total);
      const char *mark = row->inline_mark == PPV_INLINE_FULL ? " (inline)" :
                         row->inline_mark == PPV_INLINE_PARTIAL ? " (partial-inline)" : "";

      flat_sum += row->flat;
      sum_pct = ppv_format_percentage (flat_sum, self->total);
      g_string_append_printf (out, "%10s %s %s %10s %s  %s%s\n",
                              flat, flat_pct, sum_pct, cum, cum_pct, row->name, mark);
    }

  return g_string_free (out, FALSE);
}

/* Internal accessors for the call graph writer and other aggregates. */
PpvGraph *
_ppv_report_get_graph (PpvReport *self)
{
  return self->graph;
}

PpvGraphBuilder *
_ppv_report_get_builder (PpvReport *self)
{
  return self->builder;
}

PpvReportContext *
_ppv_report_get_context (PpvReport *self)
{
  return self->ctx;
}
