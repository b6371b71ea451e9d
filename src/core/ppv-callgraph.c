/* ppv-callgraph.c — pprof's call graph encoding (labels, font sizes,
 * colours, pen widths, nodelets, legend) and its DOT text.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The attribute values follow pprof's internal/graph/dotgraph.go, with
 * one deliberate difference: every string that comes from the profile is
 * escaped, so hostile names cannot break the DOT (pprof leaves file names,
 * tag labels and the title raw).  Edges pprof draws to nodes that are not
 * in the graph ("N0") are left out.
 */
#include <math.h>
#include <string.h>

#include "ppv-callgraph.h"
#include "ppv-report-private.h"
#include "ppv-units.h"

#define MAX_NODELETS 4

typedef struct
{
  PpvCallGraph *graph;
  GArray       *nodes;   /* PpvCallGraphNode */
  GArray       *edges;   /* PpvCallGraphEdge */
  GPtrArray    *attr_arrays;
  GArray       *attrs;   /* attributes of the element being built */
} Builder;

G_DEFINE_BOXED_TYPE (PpvCallGraph, ppv_callgraph, ppv_callgraph_ref, ppv_callgraph_unref)

static const char *
intern (Builder    *b,
        const char *s)
{
  return g_string_chunk_insert_const (b->graph->strings, s);
}

static void
attr (Builder    *b,
      const char *name,
      const char *value)
{
  PpvAttr a = { intern (b, name), intern (b, value) };
  g_array_append_val (b->attrs, a);
}

static void
attr_take (Builder    *b,
           const char *name,
           char       *value)
{
  attr (b, name, value);
  g_free (value);
}

static PpvAttr *
steal_attrs (Builder *b,
             guint   *n_attrs)
{
  PpvAttr *copy = g_memdup2 (b->attrs->data, MAX (b->attrs->len, 1) * sizeof (PpvAttr));
  *n_attrs = b->attrs->len;
  g_array_set_size (b->attrs, 0);
  g_ptr_array_add (b->attr_arrays, copy);
  return copy;
}

static guint
add_node (Builder              *b,
          PpvCallGraphNodeKind  kind,
          const char           *name,
          int                   row)
{
  PpvCallGraphNode node = { kind, intern (b, name), row, NULL, 0 };
  node.attrs = steal_attrs (b, &node.n_attrs);
  g_array_append_val (b->nodes, node);
  return b->nodes->len - 1;
}

static void
add_edge (Builder *b,
          guint    src,
          guint    dst,
          int      report_edge)
{
  PpvCallGraphEdge edge = { src, dst, report_edge, NULL, 0 };
  edge.attrs = steal_attrs (b, &edge.n_attrs);
  g_array_append_val (b->edges, edge);
}

/* pprof's escapeForDot, minus the quote: quoting belongs to the DOT text. */
static char *
escape_value (const char *s)
{
  GString *out = g_string_sized_new (strlen (s) + 8);

  for (const char *p = s; *p; p++)
    {
      if (*p == '\\')
        g_string_append (out, "\\\\");
      else if (*p == '\n')
        g_string_append (out, "\\l");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static char *
dot_color (double   score,
           gboolean background)
{
  double saturation = background ? 0.1 : 1.0;
  double value = background ? 0.93 : 0.7;
  double r, g, bl;

  if (isnan (score))
    score = 0;
  score = MAX (-1.0, MIN (1.0, score));
  if (fabs (score) < 0.2)
    saturation *= fabs (score) / 0.2;
  if (score > 0)
    score = pow (score, 0.3);
  else if (score < 0)
    score = -pow (-score, 0.3);

  if (score < 0)
    {
      g = value;
      r = value * (1 + saturation * score);
    }
  else
    {
      r = value;
      g = value * (1 - saturation * score);
    }
  bl = value * (1 - saturation);

  return g_strdup_printf ("#%02x%02x%02x", (guint8) (r * 255.0), (guint8) (g * 255.0),
                          (guint8) (bl * 255.0));
}

/* pprof's ShortenFunctionName, with the Go 1.19 pprof expressions. */
static char *
shorten_function_name (const char *name)
{
  static GRegex *anon, *gover, *patterns[3];
  g_autofree char *f = NULL;
  g_autofree char *tmp = NULL;

  if (g_once_init_enter (&anon))
    {
      patterns[0] = g_regex_new ("^(?:[\\w\\-\\.]+\\/)+(.+)", G_REGEX_OPTIMIZE, 0, NULL);
      patterns[1] = g_regex_new ("^(?:[a-z]\\w*\\.)*([A-Z][\\w\\$]*\\.(?:<init>|[a-z][\\w\\$]*(?:\\$\\d+)?))(?:(?:\\()|$)",
                                 G_REGEX_OPTIMIZE, 0, NULL);
      patterns[2] = g_regex_new ("^(?:[_a-zA-Z]\\w*::)+(_*[A-Z]\\w*::~?[_a-zA-Z]\\w*(?:<.*>)?)",
                                 G_REGEX_OPTIMIZE, 0, NULL);
      gover = g_regex_new ("^(.*?)/v(?:[2-9]|[1-9][0-9]+)([./].*)$", G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&anon, g_regex_new ("^\\(anonymous namespace\\)::", G_REGEX_OPTIMIZE, 0, NULL));
    }

  tmp = g_regex_replace_literal (anon, name, -1, 0, "", 0, NULL);
  f = g_regex_replace (gover, tmp ? tmp : name, -1, 0, "\\1\\2", 0, NULL);
  if (f == NULL)
    f = g_strdup (name);

  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      if (g_regex_match (patterns[i], f, 0, &match) && g_match_info_get_match_count (match) >= 2)
        {
          GString *out = g_string_new (NULL);
          for (int k = 1; k < g_match_info_get_match_count (match); k++)
            {
              g_autofree char *group = g_match_info_fetch (match, k);
              g_string_append (out, group ? group : "");
            }
          return g_string_free (out, FALSE);
        }
    }
  return g_steal_pointer (&f);
}

static char *
replace_all (const char *s,
             const char *from,
             const char *to)
{
  g_auto(GStrv) parts = g_strsplit (s, from, -1);
  return g_strjoinv (to, parts);
}

static char *
base_name (const char *path)
{
  const char *slash = strrchr (path, '/');
  return g_strdup (slash && slash[1] ? slash + 1 : path);
}

/* pprof's multilinePrintableName: short name split at '.' and '::'. */
static char *
multiline_name (const PpvNodeInfo *info)
{
  g_autofree char *shortened = shorten_function_name (info->name);
  g_autofree char *escaped = escape_value (shortened);
  g_autofree char *a = replace_all (escaped, "::", "\\n");
  g_autofree char *c = replace_all (a, "[...]", "[\xe2\x80\xa6]");
  g_autofree char *name = replace_all (c, ".", "\\n");
  g_autofree char *file = NULL;
  GString *out = g_string_new (NULL);

  if (info->address != 0)
    g_string_append_printf (out, "%016" G_GINT64_MODIFIER "x\\n", info->address);
  if (name[0] != '\0')
    g_string_append_printf (out, "%s\\n", name);

  if (info->file[0] != '\0')
    {
      g_autofree char *base = base_name (info->file);
      file = escape_value (base);
    }

  if (info->lineno != 0)
    g_string_append_printf (out, "%s:%" G_GINT64_FORMAT "\\n", file ? file : "", info->lineno);
  else if (file != NULL)
    g_string_append_printf (out, "%s\\n", file);
  else if (info->name[0] != '\0')
    ;
  else if (info->objfile[0] != '\0')
    {
      g_autofree char *base = base_name (info->objfile);
      g_autofree char *esc = escape_value (base);
      g_string_append_printf (out, "[%s]\\n", esc);
    }
  else
    g_string_append (out, "<unknown>\\n");

  return g_string_free (out, FALSE);
}

static char *
trimmed_percentage (gint64 value,
                    gint64 total)
{
  char *pct = ppv_format_percentage (value, total);
  return g_strstrip (pct);
}

/* A display tag: a node tag, or a collapsed group of numeric ones. */
typedef struct
{
  char    *name;
  guint32  tag_name;     /* for string tags: the group key of numeric children */
  gint64   value;
  gint64   flat, cum;    /* already divided */
  gint64   raw_flat, raw_cum, flat_div, cum_div;
} ShownTag;

typedef struct
{
  gboolean flat;
} TagSortContext;

static int
compare_shown (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const ShownTag *x = a, *y = b;
  TagSortContext *ctx = user_data;

  /* pprof's SortTags: |cum| (unless flat), |flat|, then name; by the
   * undivided sums. */
  if (!ctx->flat && x->raw_cum != y->raw_cum)
    {
      gint64 p = _ppv_abs64 (x->raw_cum), q = _ppv_abs64 (y->raw_cum);
      return p > q ? -1 : p < q ? 1 : 0;
    }
  if (x->raw_flat != y->raw_flat)
    {
      gint64 p = _ppv_abs64 (x->raw_flat), q = _ppv_abs64 (y->raw_flat);
      return p > q ? -1 : p < q ? 1 : 0;
    }
  return strcmp (x->name, y->name);
}

static void
shown_tag_clear (gpointer p)
{
  g_free (((ShownTag *) p)->name);
}

static GArray *
shown_tags (PpvGraphBuilder *gb,
            GArray          *tags,
            gboolean         numeric,
            guint32          group,
            gboolean         flat)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (ShownTag));
  TagSortContext ctx = { flat };

  g_array_set_clear_func (out, shown_tag_clear);
  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      const PpvNodeTag *t = &g_array_index (tags, PpvNodeTag, i);
      ShownTag s = { 0 };

      if (t->numeric != numeric || (numeric && t->group != group))
        continue;
      s.name = g_strdup (_ppv_graph_builder_get_tag_name (gb, t->name));
      s.tag_name = t->name;
      s.value = t->value;
      s.flat = _ppv_div_value (t->flat, t->flat_div);
      s.cum = _ppv_div_value (t->cum, t->cum_div);
      s.raw_flat = t->flat;
      s.raw_cum = t->cum;
      s.flat_div = t->flat_div;
      s.cum_div = t->cum_div;
      g_array_append_val (out, s);
    }
  g_array_sort_with_data (out, compare_shown, &ctx);
  return out;
}

/* pprof's collapsedTags: at most @count numeric tags, others joined to
 * the nearest of the heaviest @count by value. */
static GArray *
collapse_tags (GArray     *ts,
               guint       count,
               gboolean    flat,
               const char *unit)
{
  TagSortContext ctx = { flat };
  g_autofree guint *group_of = NULL;
  GArray *out;

  if (ts->len <= count)
    return g_array_ref (ts);

  group_of = g_new (guint, ts->len);
  for (guint i = 0; i < count; i++)
    group_of[i] = i;
  for (guint i = count; i < ts->len; i++)
    {
      const ShownTag *t = &g_array_index (ts, ShownTag, i);
      guint best = 0;
      double best_d = fabs (ppv_unit_scale (g_array_index (ts, ShownTag, 0).value, unit, unit, NULL) - (double) t->value);

      for (guint g = 1; g < count; g++)
        {
          double d = fabs (ppv_unit_scale (g_array_index (ts, ShownTag, g).value, unit, unit, NULL) - (double) t->value);
          if (d < best_d)
            best = g, best_d = d;
        }
      group_of[i] = best;
    }

  out = g_array_new (FALSE, TRUE, sizeof (ShownTag));
  g_array_set_clear_func (out, shown_tag_clear);
  for (guint g = 0; g < count; g++)
    {
      const ShownTag *first = &g_array_index (ts, ShownTag, g);
      const ShownTag *min = first, *max = first;
      ShownTag s = { 0 };
      guint members = 0;

      for (guint i = 0; i < ts->len; i++)
        {
          const ShownTag *t = &g_array_index (ts, ShownTag, i);
          if (group_of[i] != g)
            continue;
          members++;
          if (i != g)
            {
              if (t->value < min->value)
                min = t;
              if (t->value > max->value)
                max = t;
            }
          s.raw_flat += t->raw_flat;
          s.raw_cum += t->raw_cum;
          s.flat_div += t->flat_div;
          s.cum_div += t->cum_div;
        }

      s.flat = members == 1 ? first->flat : _ppv_div_value (s.raw_flat, s.flat_div);
      s.cum = members == 1 ? first->cum : _ppv_div_value (s.raw_cum, s.cum_div);
      if (members == 1)
        s.name = ppv_unit_scaled_label (first->value, unit, "auto");
      else
        {
          g_autofree char *lo = ppv_unit_scaled_label (min->value, unit, "auto");
          g_autofree char *hi = ppv_unit_scaled_label (max->value, unit, "auto");
          s.name = g_strconcat (lo, "..", hi, NULL);
        }
      /* pprof sorts the groups by their summed (undivided) values. */
      s.raw_flat = s.flat;
      s.raw_cum = s.cum;
      g_array_append_val (out, s);
    }
  g_array_sort_with_data (out, compare_shown, &ctx);
  return out;
}

static gboolean
add_numeric_nodelets (Builder         *b,
                      PpvReport       *report,
                      GArray          *ts,
                      gboolean         flat,
                      const char      *source_name,
                      guint            source_index)
{
  const char *unit = _ppv_graph_builder_get_tag_unit (_ppv_report_get_builder (report));
  g_autoptr(GArray) groups = collapse_tags (ts, MAX_NODELETS, flat, unit);
  gboolean any = FALSE;

  for (guint j = 0; j < groups->len; j++)
    {
      const ShownTag *t = &g_array_index (groups, ShownTag, j);
      gboolean dotted = !(flat || t->flat == t->cum);
      gint64 w = dotted ? t->cum : t->flat;
      g_autofree char *weight = NULL;
      g_autofree char *name = NULL;
      guint idx;

      if (w == 0)
        continue;
      any = TRUE;
      weight = ppv_report_format_value (report, w);
      name = g_strdup_printf ("N%s_%u", source_name, j);

      attr_take (b, "label", escape_value (t->name));
      attr (b, "id", name);
      attr (b, "fontsize", "8");
      attr (b, "shape", "box3d");
      attr (b, "tooltip", weight);
      idx = add_node (b, PPV_CALLGRAPH_NODE_TAG, name, -1);

      attr_take (b, "label", g_strconcat (" ", weight, NULL));
      attr (b, "weight", "100");
      attr (b, "tooltip", weight);
      attr (b, "labeltooltip", weight);
      if (dotted)
        attr (b, "style", "dotted");
      add_edge (b, source_index, idx, -1);
    }
  return any;
}

static gboolean
add_nodelets (Builder   *b,
              PpvReport *report,
              guint32    info,
              guint      node_index,
              guint      node_id)
{
  PpvGraph *g = _ppv_report_get_graph (report);
  PpvGraphBuilder *gb = _ppv_report_get_builder (report);
  GArray *tags = g->stats[info].tags;
  g_autoptr(GArray) out_edges = _ppv_graph_out_edges (g, gb, info);
  gboolean flat = out_edges->len > 0;
  g_autoptr(GArray) labels = shown_tags (gb, tags, FALSE, PPV_NONE, flat);
  g_autoptr(GArray) loose = NULL;
  gboolean any = FALSE;

  for (guint i = 0; i < labels->len && i < MAX_NODELETS; i++)
    {
      const ShownTag *t = &g_array_index (labels, ShownTag, i);
      gint64 w = flat ? t->flat : t->cum;
      g_autofree char *weight = NULL;
      g_autofree char *name = NULL;
      g_autoptr(GArray) numeric = NULL;
      guint idx;

      if (w == 0)
        continue;
      any = TRUE;
      weight = ppv_report_format_value (report, w);
      name = g_strdup_printf ("N%u_%u", node_id, i);

      /* Raw, as pprof writes it: the joined "k:v\nk:v" relies on the
       * literal "\n" separators being read as line breaks. */
      attr (b, "label", t->name);
      attr (b, "id", name);
      attr (b, "fontsize", "8");
      attr (b, "shape", "box3d");
      attr (b, "tooltip", weight);
      idx = add_node (b, PPV_CALLGRAPH_NODE_TAG, name, -1);

      attr_take (b, "label", g_strconcat (" ", weight, NULL));
      attr (b, "weight", "100");
      attr (b, "tooltip", weight);
      attr (b, "labeltooltip", weight);
      add_edge (b, node_index, idx, -1);

      numeric = shown_tags (gb, tags, TRUE, t->tag_name, flat);
      if (numeric->len > 0)
        add_numeric_nodelets (b, report, numeric, flat, name, idx);
    }

  loose = shown_tags (gb, tags, TRUE, PPV_NONE, flat);
  if (loose->len > 0)
    {
      g_autofree char *name = g_strdup_printf ("N%u", node_id);
      any |= add_numeric_nodelets (b, report, loose, flat, name, node_index);
    }
  return any;
}

static void
add_legend (Builder   *b,
            PpvReport *report)
{
  const char * const *labels = ppv_report_get_header_lines (report);
  GString *label = g_string_new (NULL);
  g_autofree char *name = NULL;

  if (labels[0] == NULL)
    {
      g_string_free (label, TRUE);
      return;
    }

  for (guint i = 0; labels[i]; i++)
    {
      g_autofree char *esc = escape_value (labels[i]);
      g_string_append (label, esc);
      g_string_append (label, "\\l");
    }

  name = escape_value (labels[0]);
  attr (b, "shape", "box");
  attr (b, "fontsize", "16");
  attr (b, "label", label->str);
  if (b->graph->title[0] != '\0')
    attr_take (b, "tooltip", escape_value (b->graph->title));
  add_node (b, PPV_CALLGRAPH_NODE_LEGEND, name, -1);
  g_string_free (label, TRUE);
}

PpvCallGraph *
ppv_callgraph_new (PpvReport *report)
{
  PpvProfile *profile = ppv_report_get_profile (report);
  PpvGraph *g = _ppv_report_get_graph (report);
  PpvGraphBuilder *gb = _ppv_report_get_builder (report);
  gint64 total = ppv_report_get_total (report);
  guint n_rows = ppv_report_get_n_rows (report);
  g_autofree guint *node_of_row = g_new0 (guint, MAX (n_rows, 1));
  g_autofree gboolean *has_nodelets = g_new0 (gboolean, MAX (n_rows, 1));
  Builder b = { 0 };
  double max_flat;

  g_return_val_if_fail (report != NULL, NULL);

  b.graph = g_new0 (PpvCallGraph, 1);
  b.graph->ref_count = 1;
  b.graph->strings = g_string_chunk_new (4096);
  b.graph->report = ppv_report_ref (report);
  b.nodes = g_array_new (FALSE, TRUE, sizeof (PpvCallGraphNode));
  b.edges = g_array_new (FALSE, TRUE, sizeof (PpvCallGraphEdge));
  b.attrs = g_array_new (FALSE, TRUE, sizeof (PpvAttr));
  b.attr_arrays = g_ptr_array_new_with_free_func (g_free);

  if (profile->n_mappings > 0 && profile->mappings[0].filename[0] != '\0')
    {
      g_autofree char *base = base_name (profile->mappings[0].filename);
      b.graph->title = intern (&b, base);
    }
  else
    b.graph->title = intern (&b, "");

  add_legend (&b, report);

  max_flat = n_rows > 0 ? (double) _ppv_abs64 (ppv_report_get_row (report, 0)->flat) : 0;
  for (guint r = 0; r < n_rows; r++)
    max_flat = MAX (max_flat, (double) _ppv_abs64 (ppv_report_get_row (report, r)->flat));

  for (guint r = 0; r < n_rows; r++)
    {
      const PpvReportRow *row = ppv_report_get_row (report, r);
      guint32 info = g->nodes[r];
      g_autofree char *name_part = multiline_name (_ppv_graph_builder_get_info (gb, info));
      g_autofree char *flat_value = ppv_report_format_value (report, row->flat);
      g_autofree char *cum_value = NULL;
      g_autofree char *tooltip_name = escape_value (row->name);
      GString *label = g_string_new (name_part);
      int fontsize = 8;
      double score = total != 0 ? (double) row->cum / (double) _ppv_abs64 (total) : 0;

      if (row->flat != 0)
        {
          g_autofree char *pct = trimmed_percentage (row->flat, total);
          g_string_append_printf (label, "%s (%s)", flat_value, pct);
        }
      else
        g_string_append (label, "0");

      if (row->cum != row->flat)
        {
          g_autofree char *pct = trimmed_percentage (row->cum, total);
          cum_value = ppv_report_format_value (report, row->cum);
          g_string_append_printf (label, "%sof %s (%s)", row->flat != 0 ? "\\n" : " ", cum_value, pct);
        }
      else
        cum_value = g_strdup (flat_value);

      if (max_flat != 0 && row->flat != 0 && (double) _ppv_abs64 (row->flat) <= max_flat)
        fontsize += (int) ceil (16.0 * sqrt ((double) _ppv_abs64 (row->flat) / max_flat));

      attr (&b, "label", label->str);
      attr_take (&b, "id", g_strdup_printf ("node%u", r + 1));
      attr_take (&b, "fontsize", g_strdup_printf ("%d", fontsize));
      attr (&b, "shape", "box");
      attr_take (&b, "tooltip", g_strdup_printf ("%s (%s)", tooltip_name, cum_value));
      attr_take (&b, "color", dot_color (score, FALSE));
      attr_take (&b, "fillcolor", dot_color (score, TRUE));
      g_string_free (label, TRUE);

      {
        g_autofree char *node_name = g_strdup_printf ("N%u", r + 1);
        node_of_row[r] = add_node (&b, PPV_CALLGRAPH_NODE_FUNCTION, node_name, (int) r);
      }
      has_nodelets[r] = add_nodelets (&b, report, info, node_of_row[r], r + 1);
    }

  for (guint k = 0; k < ppv_report_get_n_edges (report); k++)
    {
      const PpvReportEdge *e = ppv_report_get_edge (report, k);
      g_autofree char *w = NULL;
      g_autofree char *src_name = NULL;
      g_autofree char *dst_name = NULL;
      g_autofree char *tooltip = NULL;

      if (e->src >= n_rows || e->dst >= n_rows)
        continue;

      w = ppv_report_format_value (report, e->weight);
      attr_take (&b, "label", g_strdup_printf (" %s%s", w, e->inline_call ? "\\n (inline)" : ""));
      if (total != 0)
        {
          gint64 weight = 1 + MIN (_ppv_abs64 (e->weight * 100 / total), 100);
          gint64 width = 1 + MIN (_ppv_abs64 (e->weight * 5 / total), 5);

          if (weight > 1)
            attr_take (&b, "weight", g_strdup_printf ("%" G_GINT64_FORMAT, weight));
          if (width > 1)
            attr_take (&b, "penwidth", g_strdup_printf ("%" G_GINT64_FORMAT, width));
          attr_take (&b, "color", dot_color ((double) e->weight / (double) _ppv_abs64 (total), FALSE));
        }
      src_name = escape_value (ppv_report_get_row (report, e->src)->name);
      dst_name = escape_value (ppv_report_get_row (report, e->dst)->name);
      tooltip = g_strdup_printf ("%s %s %s (%s)", src_name, e->residual ? "..." : "->", dst_name, w);
      attr (&b, "tooltip", tooltip);
      attr (&b, "labeltooltip", tooltip);
      if (e->residual)
        attr (&b, "style", "dotted");
      if (has_nodelets[e->src])
        attr (&b, "minlen", "2");
      add_edge (&b, node_of_row[e->src], node_of_row[e->dst], (int) k);
    }

  b.graph->n_nodes = b.nodes->len;
  b.graph->nodes = (PpvCallGraphNode *) g_array_free (b.nodes, FALSE);
  b.graph->n_edges = b.edges->len;
  b.graph->edges = (PpvCallGraphEdge *) g_array_free (b.edges, FALSE);
  g_array_unref (b.attrs);
  b.graph->attr_arrays = b.attr_arrays;
  return b.graph;
}

PpvCallGraph *
ppv_callgraph_ref (PpvCallGraph *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ppv_callgraph_unref (PpvCallGraph *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_clear_pointer (&self->attr_arrays, g_ptr_array_unref);
  g_free (self->nodes);
  g_free (self->edges);
  g_string_chunk_free (self->strings);
  g_clear_pointer (&self->report, ppv_report_unref);
  g_free (self);
}

PpvReport *
ppv_callgraph_get_report (PpvCallGraph *self)
{
  return self->report;
}

static const char *
find_attr (const PpvAttr *attrs,
           guint          n_attrs,
           const char    *name)
{
  for (guint i = 0; i < n_attrs; i++)
    if (strcmp (attrs[i].name, name) == 0)
      return attrs[i].value;
  return NULL;
}

const char *
ppv_callgraph_node_get_attr (const PpvCallGraphNode *node,
                             const char             *name)
{
  return find_attr (node->attrs, node->n_attrs, name);
}

const char *
ppv_callgraph_edge_get_attr (const PpvCallGraphEdge *edge,
                             const char             *name)
{
  return find_attr (edge->attrs, edge->n_attrs, name);
}

/* Values are escStrings already; in DOT text only '"' needs a backslash. */
static void
append_quoted (GString    *out,
               const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append (out, "\\\"");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Numbers and simple words go bare, as pprof writes them. */
static gboolean
is_bare (const char *name,
         const char *value)
{
  static const char *bare[] = { "fontsize", "shape", "weight", "penwidth", "minlen" };

  for (guint i = 0; i < G_N_ELEMENTS (bare); i++)
    if (strcmp (name, bare[i]) == 0)
      {
        for (const char *p = value; *p; p++)
          if (!g_ascii_isalnum (*p))
            return FALSE;
        return value[0] != '\0';
      }
  return FALSE;
}

static void
append_attrs (GString       *out,
              const PpvAttr *attrs,
              guint          n_attrs,
              gboolean       spaced_label)
{
  for (guint i = 0; i < n_attrs; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, attrs[i].name);
      /* pprof writes nodelet labels as `label = "..."`. */
      g_string_append (out, spaced_label && i == 0 ? " = " : "=");
      if (is_bare (attrs[i].name, attrs[i].value))
        g_string_append (out, attrs[i].value);
      else
        append_quoted (out, attrs[i].value);
    }
}

char *
ppv_callgraph_to_dot (PpvCallGraph *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  g_string_append (out, "digraph ");
  append_quoted (out, self->title[0] ? self->title : "unnamed");
  g_string_append (out, " {\n");
  g_string_append (out, "node [style=filled fillcolor=\"#f8f8f8\"]\n");

  for (guint i = 0; i < self->n_nodes; i++)
    {
      const PpvCallGraphNode *n = &self->nodes[i];

      if (n->kind == PPV_CALLGRAPH_NODE_LEGEND)
        {
          g_string_append (out, "subgraph cluster_L { ");
          append_quoted (out, n->name);
          g_string_append (out, " [");
          append_attrs (out, n->attrs, n->n_attrs, FALSE);
          g_string_append (out, "] }\n");
          continue;
        }

      g_string_append_printf (out, "%s [", n->name);
      append_attrs (out, n->attrs, n->n_attrs, n->kind == PPV_CALLGRAPH_NODE_TAG);
      g_string_append (out, "]\n");

      /* Nodelet edges follow their node, as pprof writes them. */
      for (guint k = 0; k < self->n_edges; k++)
        {
          const PpvCallGraphEdge *e = &self->edges[k];
          if (e->report_edge >= 0 || self->nodes[e->dst].kind != PPV_CALLGRAPH_NODE_TAG)
            continue;
          if (e->dst != i)
            continue;
          g_string_append_printf (out, "%s -> %s [", self->nodes[e->src].name, n->name);
          append_attrs (out, e->attrs, e->n_attrs, FALSE);
          g_string_append (out, "]\n");
        }
    }

  for (guint k = 0; k < self->n_edges; k++)
    {
      const PpvCallGraphEdge *e = &self->edges[k];
      if (e->report_edge < 0)
        continue;
      g_string_append_printf (out, "%s -> %s [", self->nodes[e->src].name, self->nodes[e->dst].name);
      append_attrs (out, e->attrs, e->n_attrs, FALSE);
      g_string_append (out, "]\n");
    }

  g_string_append (out, "}\n");
  return g_string_free (out, FALSE);
}
