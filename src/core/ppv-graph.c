/* ppv-graph.c — pprof's call graph: the builder, trimming, its three sort
 * orders and its edges.  Node identity: ppv-node-ids.c; tags:
 * ppv-graph-tags.c; summing the samples into nodes and edges:
 * ppv-graph-sum.c.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are those of pprof's internal/graph package: cum and edge
 * weights count once per sample however often a node recurs, flat goes to
 * the leaf-most kept frame, frames of dropped nodes make "residual" edges.
 */
#include <math.h>
#include <string.h>

#include "ppv-graph-private.h"
#include "ppv-units.h"

PpvGraphBuilder *
_ppv_graph_builder_new (PpvReportContext *ctx,
                        gboolean          with_tags)
{
  PpvGraphBuilder *self = g_new0 (PpvGraphBuilder, 1);
  PpvProfile *profile = _ppv_report_context_get_profile (ctx);
  const PpvReportOptions *options = _ppv_report_context_get_options (ctx);
  const PpvFrameSelection *sel = _ppv_report_context_get_selection (ctx);
  guint sample_index = _ppv_report_context_get_sample_index (ctx);
  guint64 kept_total = 0;

  self->ctx = _ppv_report_context_ref (ctx);
  self->profile = profile;
  self->sel = sel;
  self->ids = _ppv_report_context_get_node_ids (ctx);
  self->mean = options->mean;
  self->drop_negative = options->drop_negative;
  self->strings = g_string_chunk_new (4096);

  self->bounded = TRUE;
  for (guint32 s = 0; s < profile->n_samples && self->bounded; s++)
    {
      gint64 w = ppv_profile_sample_values (profile, s)[sample_index];

      if (!sel->sample_kept[s])
        continue;
      /* Both are below 2^63: the unsigned sum cannot wrap. */
      if (w >= 0)
        kept_total += (guint64) w;
      self->bounded = w >= 0 && kept_total <= G_MAXINT64;
    }

  if (with_tags)
    _ppv_graph_builder_collect_tags (self, options);
  return self;
}

void
_ppv_graph_builder_free (PpvGraphBuilder *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->tag_names, g_ptr_array_unref);
  g_clear_pointer (&self->tag_index, g_hash_table_unref);
  g_free (self->sample_tag);
  g_free (self->sample_bytes_offset);
  g_free (self->sample_bytes_names);
  g_free (self->sample_bytes_values);
  g_string_chunk_free (self->strings);
  _ppv_report_context_unref (self->ctx);
  g_free (self);
}

const PpvNodeInfo *
_ppv_graph_builder_get_info (PpvGraphBuilder *self,
                             guint32          info)
{
  return _ppv_node_ids_get_info (self->ids, info);
}

guint32
_ppv_graph_builder_get_n_infos (PpvGraphBuilder *self)
{
  return _ppv_node_ids_get_n (self->ids);
}

gboolean
_ppv_graph_builder_has_inlined (PpvGraphBuilder *self)
{
  return self->ids->has_inlined;
}

gboolean
_ppv_graph_builder_has_tags (PpvGraphBuilder *self)
{
  return self->with_tags;
}

void
_ppv_graph_restrict (PpvGraph     *g,
                     const guint8 *kept)
{
  guint32 n_nodes = 0;

  for (guint32 i = 0; i < g->n_nodes; i++)
    {
      guint32 n = g->nodes[i];
      if (kept[n])
        g->nodes[n_nodes++] = n;
      else
        g->stats[n].in_graph = FALSE;
    }
  g->n_nodes = n_nodes;
}

/* --- Sorting --------------------------------------------------------------- */

typedef struct
{
  PpvGraph        *graph;
  PpvGraphBuilder *builder;
  PpvSortOrder     order;
  gint64          *score;      /* indexed by info id */
  const guint32   *name_rank;  /* big sorts: see _ppv_node_ids_get_name_rank() */
} SortContext;

/* Go prints a NodeInfo with fmt.Sprint for the last tie break. */
static char *
node_info_dump (const PpvNodeInfo *i)
{
  return g_strdup_printf ("{%s  %" G_GUINT64_FORMAT " %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s}",
                          i->name, i->address, i->file, i->start_line, i->lineno, i->objfile);
}

static int
compare_infos_last (PpvGraphBuilder *b,
                    guint32          x,
                    guint32          y)
{
  g_autofree char *dx = node_info_dump (_ppv_graph_builder_get_info (b, x));
  g_autofree char *dy = node_info_dump (_ppv_graph_builder_get_info (b, y));
  return strcmp (dx, dy);
}

static inline int
compare_names (SortContext *ctx,
               guint32      x,
               guint32      y)
{
  if (ctx->name_rank != NULL)
    return ctx->name_rank[x] < ctx->name_rank[y] ? -1 : ctx->name_rank[x] > ctx->name_rank[y];
  return strcmp (_ppv_graph_builder_get_info (ctx->builder, x)->printable,
                 _ppv_graph_builder_get_info (ctx->builder, y)->printable);
}

#define CMP_DESC(a, b) do { gint64 _a = (a), _b = (b); if (_a != _b) return _a > _b ? -1 : 1; } while (0)

static int
compare_nodes (gconstpointer pa,
               gconstpointer pb,
               gpointer      user_data)
{
  SortContext *ctx = user_data;
  guint32 x = *(const guint32 *) pa, y = *(const guint32 *) pb;
  const PpvNodeStats *sx = &ctx->graph->stats[x], *sy = &ctx->graph->stats[y];
  int c;

  if (ctx->order == PPV_SORT_FLAT)
    {
      CMP_DESC (_ppv_abs64 (sx->flat), _ppv_abs64 (sy->flat));
      c = compare_names (ctx, x, y);
      if (c != 0)
        return c;
      CMP_DESC (_ppv_abs64 (sx->cum), _ppv_abs64 (sy->cum));
    }
  else
    {
      CMP_DESC (_ppv_abs64 (ctx->score[x]), _ppv_abs64 (ctx->score[y]));
      c = compare_names (ctx, x, y);
      if (c != 0)
        return c;
      CMP_DESC (_ppv_abs64 (sx->flat), _ppv_abs64 (sy->flat));
    }

  return compare_infos_last (ctx->builder, x, y);
}

typedef struct
{
  gpointer          base;
  gsize             n, size;
  PpvSortFunc       sort;
  GCompareDataFunc  compare;
  gpointer          data;
} SortHalf;

static gpointer
sort_half (gpointer data)
{
  SortHalf *half = data;

  if (half->sort != NULL)
    half->sort (half->base, half->n, half->data);
  else
    g_qsort_with_data (half->base, half->n, half->size, half->compare, half->data);
  return NULL;
}

void
_ppv_sort_in_halves (gpointer         base,
                     gsize            n,
                     gsize            size,
                     PpvSortFunc      sort,
                     GCompareDataFunc compare,
                     gpointer         data)
{
  guint8 *bytes = base;
  SortHalf halves[2] = { { bytes, n / 2, size, sort, compare, data },
                         { bytes + n / 2 * size, n - n / 2, size, sort, compare, data } };
  g_autofree guint8 *merged = NULL;
  GThread *thread = NULL;
  gsize a = 0, b = 0, out = 0;

  if (n < 50000 || g_get_num_processors () < 2
      || (thread = g_thread_try_new ("ppv-sort", sort_half, &halves[1], NULL)) == NULL)
    {
      SortHalf whole = { base, n, size, sort, compare, data };

      sort_half (&whole);
      return;
    }
  sort_half (&halves[0]);
  g_thread_join (thread);

  merged = g_malloc (n * size);
  while (a < halves[0].n && b < halves[1].n)
    {
      const guint8 *x = bytes + a * size, *y = (const guint8 *) halves[1].base + b * size;
      gboolean first = compare (x, y, data) <= 0;

      memcpy (merged + out++ * size, first ? x : y, size);
      if (first)
        a++;
      else
        b++;
    }
  memcpy (merged + out * size, bytes + a * size, (halves[0].n - a) * size);
  out += halves[0].n - a;
  memcpy (merged + out * size, (guint8 *) halves[1].base + b * size, (halves[1].n - b) * size);
  memcpy (base, merged, n * size);
}

/* A big sort's element: the first two keys packed, so that most
 * comparisons read 16 contiguous bytes and no node's stats or name. */
typedef struct
{
  guint64 major;   /* |first key| complemented: ascending is decreasing */
  guint32 rank;    /* of the name, or 0 without ranks */
  guint32 node;
} SortKey;

static int
compare_keys (gconstpointer pa,
              gconstpointer pb,
              gpointer      user_data)
{
  const SortKey *x = pa, *y = pb;

  if (x->major != y->major)
    return x->major < y->major ? -1 : 1;
  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return compare_nodes (&x->node, &y->node, user_data);
}

/* Big graphs (every row of a large profile) sort in two threads, on
 * packed keys. */
#define BIG_SORT_NODES 20000

static void
sort_nodes (guint32     *nodes,
            guint32      n,
            SortContext *ctx)
{
  g_autofree SortKey *keys = NULL;

  if (n < BIG_SORT_NODES)
    {
      g_qsort_with_data (nodes, n, sizeof (guint32), compare_nodes, ctx);
      return;
    }

  keys = g_new (SortKey, MAX (n, 1));
  for (guint32 i = 0; i < n; i++)
    {
      guint32 node = nodes[i];
      gint64 first = ctx->order == PPV_SORT_FLAT ? ctx->graph->stats[node].flat : ctx->score[node];

      keys[i] = (SortKey) { ~(guint64) _ppv_abs64 (first), ctx->name_rank ? ctx->name_rank[node] : 0, node };
    }
  _ppv_sort_in_halves (keys, n, sizeof (SortKey), NULL, compare_keys, ctx);
  for (guint32 i = 0; i < n; i++)
    nodes[i] = keys[i].node;
}

static double
edge_entropy (PpvGraph *g,
              GArray   *edges,
              gint64    self_weight)
{
  double score = 0;
  gint64 total = self_weight;

  for (guint i = 0; i < edges->len; i++)
    {
      const PpvEdge *e = &g_array_index (g->edges, PpvEdge, g_array_index (edges, guint32, i));
      if (e->weight > 0)
        total += _ppv_abs64 (e->weight);
    }
  if (total != 0)
    {
      for (guint i = 0; i < edges->len; i++)
        {
          const PpvEdge *e = &g_array_index (g->edges, PpvEdge, g_array_index (edges, guint32, i));
          double frac = (double) _ppv_abs64 (e->weight) / (double) total;
          score += -frac * log2 (frac);
        }
      if (self_weight > 0)
        {
          double frac = (double) _ppv_abs64 (self_weight) / (double) total;
          score += -frac * log2 (frac);
        }
    }
  return score;
}

/* Go converts NaN (0·log 0) to MinInt64 on amd64; so do we, explicitly. */
static gint64
go_float_to_int64 (double v)
{
  if (isnan (v) || v >= 9223372036854775808.0 || v < -9223372036854775808.0)
    return G_MININT64;
  return (gint64) v;
}

static GArray *collect_edges (PpvGraph *g, PpvGraphBuilder *b, guint32 node,
                              gboolean incoming, gboolean sorted);

static gint64
entropy_score (PpvGraph        *g,
               PpvGraphBuilder *b,
               guint32          n)
{
  /* The entropy is a sum: edge order does not matter. */
  g_autoptr(GArray) in = collect_edges (g, b, n, TRUE, FALSE);
  g_autoptr(GArray) out = collect_edges (g, b, n, FALSE, FALSE);
  const PpvNodeStats *st = &g->stats[n];
  double score = 0;

  score += in->len == 0 ? 1 : edge_entropy (g, in, 0);
  score += out->len == 0 ? 1 : edge_entropy (g, out, st->flat);

  /* Go's int64 addition wraps; keep that (the NaN case starts at MinInt64). */
  return (gint64) ((guint64) go_float_to_int64 (score * (double) st->cum) + (guint64) st->flat);
}

void
_ppv_graph_sort (PpvGraph        *g,
                 PpvGraphBuilder *b,
                 PpvSortOrder     order)
{
  SortContext ctx = { g, b, order, NULL, NULL };

  /* Every row of a large profile: names compare by rank (built once per
   * granularity, in less time than a sort comparing names takes). */
  if (g->n_nodes >= BIG_SORT_NODES)
    ctx.name_rank = _ppv_node_ids_get_name_rank (b->ids);

  if (order != PPV_SORT_FLAT)
    {
      ctx.score = g_new0 (gint64, MAX (_ppv_node_ids_get_n (b->ids), 1));
      for (guint32 i = 0; i < g->n_nodes; i++)
        {
          guint32 n = g->nodes[i];
          ctx.score[n] = order == PPV_SORT_CUM ? g->stats[n].cum : entropy_score (g, b, n);
        }
    }

  sort_nodes (g->nodes, g->n_nodes, &ctx);
  g_free (ctx.score);
}

/* --- Edges ----------------------------------------------------------------- */

int
_ppv_graph_compare_edges (PpvGraph        *g,
                          PpvGraphBuilder *b,
                          guint32          a,
                          guint32          c)
{
  const PpvEdge *x = &g_array_index (g->edges, PpvEdge, a);
  const PpvEdge *y = &g_array_index (g->edges, PpvEdge, c);
  int r;

  /* pprof compares raw weights for inequality but orders by magnitude. */
  if (x->weight != y->weight)
    {
      gint64 ax = _ppv_abs64 (x->weight), ay = _ppv_abs64 (y->weight);
      if (ax != ay)
        return ax > ay ? -1 : 1;
      return 0;
    }
  r = strcmp (_ppv_graph_builder_get_info (b, x->src)->printable,
              _ppv_graph_builder_get_info (b, y->src)->printable);
  if (r != 0)
    return r;
  return strcmp (_ppv_graph_builder_get_info (b, x->dst)->printable,
                 _ppv_graph_builder_get_info (b, y->dst)->printable);
}

typedef struct
{
  PpvGraph        *g;
  PpvGraphBuilder *b;
} EdgeSortContext;

static int
compare_edge_ids (gconstpointer pa,
                  gconstpointer pb,
                  gpointer      user_data)
{
  EdgeSortContext *ctx = user_data;
  return _ppv_graph_compare_edges (ctx->g, ctx->b, *(const guint32 *) pa, *(const guint32 *) pb);
}

/* Edges are never added after a build, only flagged removed, so one
 * adjacency index per graph serves every query. */
static void
build_adjacency (PpvGraph        *g,
                 PpvGraphBuilder *b,
                 gboolean         incoming,
                 guint32        **offset_out,
                 guint32        **list_out)
{
  guint32 n_infos = _ppv_graph_builder_get_n_infos (b);
  guint32 *offset = g_new0 (guint32, n_infos + 2);
  guint32 *list = g_new (guint32, MAX (g->edges->len, 1));

  for (guint32 i = 0; i < g->edges->len; i++)
    {
      const PpvEdge *e = &g_array_index (g->edges, PpvEdge, i);
      offset[(incoming ? e->dst : e->src) + 2]++;
    }
  for (guint32 n = 0; n < n_infos; n++)
    offset[n + 2] += offset[n + 1];
  for (guint32 i = 0; i < g->edges->len; i++)
    {
      const PpvEdge *e = &g_array_index (g->edges, PpvEdge, i);
      list[offset[(incoming ? e->dst : e->src) + 1]++] = i;
    }

  *offset_out = offset;
  *list_out = list;
}

static GArray *
collect_edges (PpvGraph        *g,
               PpvGraphBuilder *b,
               guint32          node,
               gboolean         incoming,
               gboolean         sorted)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint32));
  EdgeSortContext ctx = { g, b };
  guint32 **offset = incoming ? &g->in_offset : &g->out_offset;
  guint32 **list = incoming ? &g->in_list : &g->out_list;

  if (*offset == NULL)
    build_adjacency (g, b, incoming, offset, list);

  for (guint32 k = (*offset)[node]; k < (*offset)[node + 1]; k++)
    {
      guint32 i = (*list)[k];
      if (!g_array_index (g->edges, PpvEdge, i).removed)
        g_array_append_val (out, i);
    }
  if (sorted && out->len > 1)
    g_qsort_with_data (out->data, out->len, sizeof (guint32), compare_edge_ids, &ctx);
  return out;
}

GArray *
_ppv_graph_in_edges (PpvGraph        *g,
                     PpvGraphBuilder *b,
                     guint32          node)
{
  return collect_edges (g, b, node, TRUE, TRUE);
}

GArray *
_ppv_graph_out_edges (PpvGraph        *g,
                      PpvGraphBuilder *b,
                      guint32          node)
{
  return collect_edges (g, b, node, FALSE, TRUE);
}

/* Only edges into nodes of the graph are visited, as pprof walks n.In. */
guint
_ppv_graph_trim_low_frequency_edges (PpvGraph *g,
                                     gint64    cutoff)
{
  guint dropped = 0;

  for (guint32 i = 0; i < g->edges->len; i++)
    {
      PpvEdge *e = &g_array_index (g->edges, PpvEdge, i);
      if (!e->removed && g->stats[e->dst].in_graph && _ppv_abs64 (e->weight) < cutoff)
        {
          e->removed = TRUE;
          dropped++;
        }
    }
  return dropped;
}

void
_ppv_graph_trim_low_frequency_tags (PpvGraph *g,
                                    gint64    cutoff)
{
  for (guint32 i = 0; i < g->n_nodes; i++)
    {
      GArray *tags = g->stats[g->nodes[i]].tags;
      guint kept = 0;

      if (tags == NULL)
        continue;
      /* In place, in order: a node may have thousands of tags. */
      for (guint t = 0; t < tags->len; t++)
        {
          const PpvNodeTag *tag = &g_array_index (tags, PpvNodeTag, t);

          if (_ppv_abs64 (tag->flat) >= cutoff || _ppv_abs64 (tag->cum) >= cutoff)
            g_array_index (tags, PpvNodeTag, kept++) = *tag;
        }
      g_array_set_size (tags, kept);
    }
}

static gboolean
is_redundant_edge (PpvGraph        *g,
                   PpvGraphBuilder *b,
                   guint32          edge)
{
  const PpvEdge *e = &g_array_index (g->edges, PpvEdge, edge);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint head = 0;

  g_hash_table_add (seen, GUINT_TO_POINTER (e->dst + 1));
  g_array_append_val (queue, e->dst);

  while (head < queue->len)
    {
      guint32 n = g_array_index (queue, guint32, head++);
      g_autoptr(GArray) in = _ppv_graph_in_edges (g, b, n);

      for (guint k = 0; k < in->len; k++)
        {
          guint32 i = g_array_index (in, guint32, k);
          const PpvEdge *ie = &g_array_index (g->edges, PpvEdge, i);

          if (i == edge ||
              g_hash_table_contains (seen, GUINT_TO_POINTER (ie->src + 1)))
            continue;
          if (ie->src == e->src)
            return TRUE;
          g_hash_table_add (seen, GUINT_TO_POINTER (ie->src + 1));
          g_array_append_val (queue, ie->src);
        }
    }
  return FALSE;
}

void
_ppv_graph_remove_redundant_edges (PpvGraph        *g,
                                   PpvGraphBuilder *b)
{
  for (guint32 i = g->n_nodes; i > 0; i--)
    {
      g_autoptr(GArray) in = _ppv_graph_in_edges (g, b, g->nodes[i - 1]);

      for (guint j = in->len; j > 0; j--)
        {
          guint32 id = g_array_index (in, guint32, j - 1);
          PpvEdge *e = &g_array_index (g->edges, PpvEdge, id);

          if (!e->residual)
            break;
          if (is_redundant_edge (g, b, id))
            e->removed = TRUE;
        }
    }
}
