/* ppv-report-private.h — internals shared by the report, its filters and its graph.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-report.h"

G_BEGIN_DECLS

/* ppv-report-context.h */
typedef struct _PpvReportContext PpvReportContext;

/* What focus/ignore/hide/show/show_from/tagfocus/tagignore and the
 * granularity leave of a profile, without copying it: per location the
 * lines still shown (innermost first), per sample whether it is kept and
 * how many leaf-side stack entries survive show_from. */
typedef struct
{
  guint32  *loc_lines_offset;   /* n_locations + 1 entries */
  guint32  *loc_lines;          /* absolute line index, or PPV_NONE: a location without lines */
  guint8   *sample_kept;        /* n_samples */
  guint32  *sample_depth;       /* stack entries kept from the leaf */
  guint32  *sample_start;       /* -prune_from: leaf-side entries dropped; NULL: none */
  GPtrArray *warnings;          /* "Focus expression matched no samples" */
} PpvFrameSelection;

gboolean _ppv_frame_selection_init  (PpvFrameSelection      *sel,
                                     PpvProfile             *profile,
                                     const PpvReportOptions *options,
                                     GError                **error);
void     _ppv_frame_selection_clear (PpvFrameSelection      *sel);
/* The filters' warnings as a new NULL-terminated array (for the reports
 * that hand them to callers). */
char   **_ppv_frame_selection_dup_warnings (const PpvFrameSelection *sel);

/* The first stack entry of @sample that is kept: its frames are
 * [start, sample_depth). */
static inline guint32
_ppv_frame_selection_sample_start (const PpvFrameSelection *sel,
                                   guint32                  sample)
{
  return sel->sample_start != NULL ? sel->sample_start[sample] : 0;
}

/* Label filters: sample selection and the keys kept for tags. */
typedef struct _PpvTagFilter PpvTagFilter;

PpvTagFilter *_ppv_tag_filter_new      (PpvProfile             *profile,
                                        const char             *option_name,
                                        const char             *value,
                                        GError                **error);
gboolean      _ppv_tag_filter_matches  (PpvTagFilter           *filter,
                                        guint32                 sample);
void          _ppv_tag_filter_free     (PpvTagFilter           *filter);
/* Unit of a numeric label key: the first num_unit seen, else inferred. */
const char   *_ppv_profile_num_label_unit (PpvProfile          *profile,
                                           GHashTable          *cache,
                                           const char          *key);

/* --- The graph ----------------------------------------------------------- */

typedef struct
{
  const char *name;       /* interned; "" when aggregated away */
  const char *file;       /* cleaned, interned */
  const char *objfile;
  guint64     address;
  gint64      lineno;
  gint64      start_line;
  const char *printable;   /* the profile's name, or in the builder's strings */
} PpvNodeInfo;

/* A label nodelet: the joined string labels of a sample ("k:v\\nk:v"),
 * or a numeric "bytes" value grouped under such a string (or none). */
typedef struct
{
  guint32  name;          /* index into the builder's tag names */
  guint32  group;         /* numeric: string tag it hangs under, or PPV_NONE */
  gboolean numeric;
  gint64   value;         /* numeric: the raw value first seen */
  gint64   flat, flat_div, cum, cum_div;
} PpvNodeTag;

typedef struct
{
  gint64   flat, flat_div, cum, cum_div;
  guint32  stamp;
  gboolean in_graph;
  GArray  *tags;          /* PpvNodeTag, graph kind only; NULL otherwise */
} PpvNodeStats;

typedef struct
{
  guint32  src, dst;      /* node info ids */
  gint64   weight, weight_div;
  guint32  stamp;
  /* Bytes, not gboolean: a deep profile's graph has millions of edges. */
  guint8   residual;
  guint8   inline_call;
  guint8   removed;
} PpvEdge;

typedef struct _PpvGraph PpvGraph;

struct _PpvGraph
{
  PpvNodeStats *stats;    /* indexed by node info id */
  guint32       n_infos;
  guint32      *nodes;    /* node info ids in the graph, in display order */
  guint32       n_nodes;
  GArray       *edges;    /* PpvEdge */
  guint8       *summed;   /* the kept set of its build, NULL for every node: the
                           * stats of these nodes are their exact sums */
  guint32      *in_offset;   /* lazily built adjacency (CSR) by dst / src */
  guint32      *in_list;
  guint32      *out_offset;
  guint32      *out_list;
};

/* Sorts @n elements of @size bytes with @sort (NULL: g_qsort_with_data()
 * by @compare); big arrays in two threads, the halves sorted apart, then
 * merged by @compare: elements it finds equal may come in either order. */
typedef void (*PpvSortFunc) (gpointer base,
                             gsize    n,
                             gpointer data);

void _ppv_sort_in_halves (gpointer         base,
                          gsize            n,
                          gsize            size,
                          PpvSortFunc      sort,
                          GCompareDataFunc compare,
                          gpointer         data);

typedef struct _PpvGraphBuilder PpvGraphBuilder;

/* The graph's nodes are the context's node ids. */
PpvGraphBuilder *_ppv_graph_builder_new   (PpvReportContext       *ctx,
                                           gboolean                with_tags);
void             _ppv_graph_builder_free  (PpvGraphBuilder *builder);
const PpvNodeInfo *_ppv_graph_builder_get_info (PpvGraphBuilder *builder,
                                                guint32          info);
guint32          _ppv_graph_builder_get_n_infos (PpvGraphBuilder *builder);
/* TRUE if some node is ever an inlined (non-outermost) line. */
gboolean         _ppv_graph_builder_has_inlined (PpvGraphBuilder *builder);
/* Drops nodes outside @kept from a graph built without a kept set and
 * without edges.  Equal to rebuilding with @kept in that case: a node's cum
 * does not depend on other nodes, and flat only ever goes to the leaf-most
 * frame, which either is kept or loses its flat in a rebuild too. */
void             _ppv_graph_restrict (PpvGraph     *graph,
                                      const guint8 *kept);
const char      *_ppv_graph_builder_get_tag_name (PpvGraphBuilder *builder,
                                                  guint32          tag);
/* Unit of the numeric "bytes" tag values. */
const char      *_ppv_graph_builder_get_tag_unit (PpvGraphBuilder *builder);
typedef enum
{
  PPV_EDGES_NONE,          /* flat and cum only: enough to choose nodes */
  PPV_EDGES_INTO_INLINED,  /* only edges into nodes that are ever inlined:
                            * all a text report needs for its "(inline)" marks */
  PPV_EDGES_ALL,
} PpvEdgeMode;

/* Builds the graph from the samples; @kept (bitmap over infos) or NULL.
 * With PPV_EDGES_INTO_INLINED, @sums (an earlier build whose kept set
 * includes @kept, or NULL) lets it skip edges that must weigh less than
 * @edge_cutoff, which a text report trims unseen: by their ends' cum.
 * A builder with tags sums them with edges, for the nodes flagged in
 * @tag_nodes (NULL: every node; none flagged: no tags, and threads). */
PpvGraph        *_ppv_graph_build         (PpvGraphBuilder *builder,
                                           const guint8    *kept,
                                           PpvEdgeMode      edges,
                                           const PpvGraph  *sums,
                                           gint64           edge_cutoff,
                                           const guint8    *tag_nodes);
void             _ppv_graph_free          (PpvGraph        *graph);
gboolean         _ppv_graph_builder_has_tags (PpvGraphBuilder *builder);
/* How many distinct tags (label combinations, sizes) its samples have. */
guint            _ppv_graph_builder_get_n_tags (PpvGraphBuilder *builder);

typedef enum
{
  PPV_SORT_FLAT,
  PPV_SORT_CUM,
  PPV_SORT_ENTROPY,
} PpvSortOrder;

void     _ppv_graph_sort                 (PpvGraph *graph, PpvGraphBuilder *builder, PpvSortOrder order);
guint    _ppv_graph_trim_low_frequency_edges (PpvGraph *graph, gint64 cutoff);
void     _ppv_graph_trim_low_frequency_tags  (PpvGraph *graph, gint64 cutoff);
void     _ppv_graph_remove_redundant_edges   (PpvGraph *graph, PpvGraphBuilder *builder);
/* Sorted (as pprof sorts an edge map) live edges into @node, or out of it. */
GArray  *_ppv_graph_in_edges             (PpvGraph *graph, PpvGraphBuilder *builder, guint32 node);
GArray  *_ppv_graph_out_edges            (PpvGraph *graph, PpvGraphBuilder *builder, guint32 node);
int      _ppv_graph_compare_edges        (PpvGraph *graph, PpvGraphBuilder *builder, guint32 a, guint32 b);

static inline gint64
_ppv_abs64 (gint64 v)
{
  /* Go's abs of MinInt64 stays negative; so does this. */
  return v < 0 ? (gint64) (0 - (guint64) v) : v;
}

static inline gint64
_ppv_div_value (gint64 value,
                gint64 div)
{
  return div == 0 ? value : value / div;
}

PpvGraph         *_ppv_report_get_graph   (PpvReport *self);
PpvGraphBuilder  *_ppv_report_get_builder (PpvReport *self);
PpvReportContext *_ppv_report_get_context (PpvReport *self);

/* Compiles the regexp of option @option ("focus", "tagshow", …) into
 * *@regex, NULL when @pattern is NULL or empty; FALSE with pprof's
 * "parsing OPTION regexp: …" error when it does not compile. */
gboolean          _ppv_option_regex_compile (const char          *option,
                                             const char          *pattern,
                                             GRegexCompileFlags   flags,
                                             GRegex             **regex,
                                             GError             **error);

G_END_DECLS
