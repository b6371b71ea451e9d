/* ppv-layout-graph.c — the one door to graphviz: the global lock and
 * context, sanitising a call graph, and building the cgraph graph through
 * the API (never through DOT text).
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "ppv-layout-private.h"

/* graphviz keeps global state (the context, static buffers in its XML
 * escaping, the error handler, the dot engine's globals): four threads
 * laying out at once crash it.  Every libgvc/cgraph call is made with
 * this lock held. */
static GMutex   gv_lock;
static GVC_t   *gv_context;
static GString *gv_messages;
static guint    gv_runs;

/* Longest label/tooltip text handed to graphviz, in characters.  The core
 * already shortens names; this only keeps a pathological string from
 * making one node hundreds of thousands of points wide. */
#define MAX_TEXT_CHARS 4096

/* Above either size dot's effort is limited (see _ppv_layout_run()). */
#define LARGE_GRAPH_NODES 400
#define LARGE_GRAPH_EDGES 800

void
_ppv_layout_lock (void)
{
  g_mutex_lock (&gv_lock);
}

void
_ppv_layout_unlock (void)
{
  g_mutex_unlock (&gv_lock);
}

guint
_ppv_layout_get_n_runs (void)
{
  return g_atomic_int_get (&gv_runs);
}

static int
on_graphviz_message (char *message)
{
  g_debug ("graphviz: %s", message);

  if (gv_messages != NULL && gv_messages->len < 1024)
    g_string_append (gv_messages, message);

  return 0;
}

GVC_t *
_ppv_layout_get_context (void)
{
  if (gv_context == NULL)
    {
      gv_messages = g_string_new (NULL);
      /* Route graphviz's warnings to g_debug instead of stderr, and keep
       * them to explain a failure. */
      agseterrf (on_graphviz_message);
      gv_context = gvContext ();
    }

  return gv_context;
}

/* ---------------------------------------------------------------------
 * Sanitising.  Attribute values arrive as graphviz escStrings in pprof's
 * encoding ("\n", "\l" line breaks; a literal backslash already "\\").
 */

/* Valid UTF-8 in which every character is allowed in XML 1.0: graphviz
 * copies text into the SVG as is, and a control character there makes
 * the whole file unreadable. */
static char *
clean_text (const char *in,
            gsize       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (in, -1);
  GString *out = g_string_sized_new (strlen (valid));
  gsize n_chars = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (max_chars > 0 && n_chars++ == max_chars)
        {
          g_string_append (out, "…");
          break;
        }

      if (c == '\t' || c == '\r')
        g_string_append_c (out, ' ');
      else if (c == '\n')
        g_string_append_c (out, '\n');
      else if (c < 0x20 || c == 0xFFFE || c == 0xFFFF)
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }

  return g_string_free (out, FALSE);
}

/* @clean as an escString graphviz will show literally:
 *  - "\\", "\n", "\l", "\r" keep their meaning; any other backslash
 *    (graphviz's \N \G \E \T \H \L substitutions, or a trailing one,
 *    which graphviz 2.42 reads past) becomes a literal backslash;
 *  - '&' becomes "&amp;": graphviz decodes HTML entities in labels and
 *    tooltips, and copies entity-like text ("&foo;", "&;") unescaped into
 *    SVG ids and titles, which makes the XML invalid. */
static char *
to_gv_escstring (const char *clean)
{
  GString *out = g_string_sized_new (strlen (clean) + 8);

  for (const char *p = clean; *p != '\0'; p++)
    {
      if (*p == '\\')
        {
          char next = p[1];

          if (next == '\\' || next == 'n' || next == 'l' || next == 'r')
            {
              g_string_append_c (out, '\\');
              g_string_append_c (out, next);
              p++;
            }
          else
            g_string_append (out, "\\\\");
        }
      else if (*p == '&')
        g_string_append (out, "&amp;");
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* graphviz 2.42 handles tooltips differently from labels: it decodes HTML
 * entities, then drops the backslash of every escape ("\\" -> "\",
 * "\N" -> "N", "\n" -> newline), and only then substitutes \N \G \E
 * \T \H \L -- so a backslash that survives the first step before one of
 * those letters is replaced by a name, and one at the very end makes the
 * substitution read past the string.  Encode @text (what a person should
 * see) so it comes out literally: a backslash before those letters or at
 * the end gets an invisible WORD JOINER after it. */
static char *
to_gv_tooltip (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 8);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\\')
        {
          g_string_append (out, "\\\\");
          if (p[1] == '\0' || strchr ("GNETHL", p[1]) != NULL)
            g_string_append (out, "\xe2\x81\xa0"); /* U+2060 */
        }
      else if (*p == '&')
        g_string_append (out, "&amp;");
      else if (*p == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* A node or graph name: not an escString, but copied into SVG titles and
 * comments. */
static char *
to_gv_name (const char *clean)
{
  GString *out = g_string_sized_new (strlen (clean) + 8);

  for (const char *p = clean; *p != '\0'; p++)
    {
      if (*p == '&')
        g_string_append (out, "&amp;");
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* The text a person should see for an escString tooltip: line breaks
 * become newlines, "\\" a backslash. */
static char *
decode_escstring (const char *clean)
{
  GString *out = g_string_sized_new (strlen (clean));

  for (const char *p = clean; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          char next = p[1];

          if (next == 'n' || next == 'l' || next == 'r')
            {
              g_string_append_c (out, '\n');
              p++;
              continue;
            }
          if (next == '\\')
            p++;
        }
      g_string_append_c (out, *p);
    }

  /* A label ends in "\l" by convention; do not show a blank last line. */
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

typedef enum
{
  ATTR_TEXT,
  ATTR_TOOLTIP,
  ATTR_NUMBER,
  ATTR_INTEGER,
  ATTR_COLOR,
  ATTR_STYLE,
  ATTR_SHAPE,
} AttrKind;

typedef struct
{
  const char *name;
  AttrKind    kind;
  double      min;
  double      max;
} AttrSpec;

/* Only attributes pprof writes (plus a few harmless ones) reach graphviz:
 * others could make it read files (image, shapefile, fontpath) or run
 * for ever (huge minlen, nodesep...). */
static const AttrSpec node_attr_specs[] = {
  { "label",     ATTR_TEXT,   0, 0 },
  { "id",        ATTR_TEXT,   0, 0 },
  { "tooltip",   ATTR_TOOLTIP, 0, 0 },
  { "fontsize",  ATTR_NUMBER, 1, 200 },
  { "shape",     ATTR_SHAPE,  0, 0 },
  { "color",     ATTR_COLOR,  0, 0 },
  { "fillcolor", ATTR_COLOR,  0, 0 },
  { "fontcolor", ATTR_COLOR,  0, 0 },
  { "style",     ATTR_STYLE,  0, 0 },
  { "penwidth",  ATTR_NUMBER, 0, 50 },
};

static const AttrSpec edge_attr_specs[] = {
  { "label",        ATTR_TEXT,    0, 0 },
  { "id",           ATTR_TEXT,    0, 0 },
  { "tooltip",      ATTR_TOOLTIP, 0, 0 },
  { "labeltooltip", ATTR_TOOLTIP, 0, 0 },
  { "weight",       ATTR_INTEGER, 0, 10000 },
  { "penwidth",     ATTR_NUMBER,  0, 50 },
  { "color",        ATTR_COLOR,   0, 0 },
  { "fontcolor",    ATTR_COLOR,   0, 0 },
  { "fontsize",     ATTR_NUMBER,  1, 200 },
  { "style",        ATTR_STYLE,   0, 0 },
  { "minlen",       ATTR_INTEGER, 0, 10 },
};

static const char * const allowed_shapes[] = {
  "box", "rect", "rectangle", "square", "box3d", "ellipse", "oval",
  "circle", "plaintext", "plain", "note", "tab", "folder", "component",
  "none",
};

static const char * const allowed_styles[] = {
  "filled", "solid", "dashed", "dotted", "bold", "invis", "invisible",
  "rounded",
};

static gboolean
in_list (const char         *word,
         const char * const *list,
         gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (g_strcmp0 (word, list[i]) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
is_valid_number (const char *s,
                 double      min,
                 double      max,
                 gboolean    integer)
{
  char *end = NULL;
  double v;

  /* Plain decimal only: graphviz reads numbers with atof()/strtol(). */
  if (*s == '\0' || strspn (s, "0123456789.+-eE") != strlen (s))
    return FALSE;

  v = g_ascii_strtod (s, &end);
  if (end == s || *end != '\0' || !isfinite (v) || v < min || v > max)
    return FALSE;

  return !integer || v == floor (v);
}

static gboolean
is_valid_color (const char *s)
{
  gsize len = strlen (s);

  if (s[0] == '#')
    return (len == 7 || len == 9) &&
           strspn (s + 1, "0123456789abcdefABCDEF") == len - 1;

  return len > 0 && len <= 32 && g_ascii_isalpha (s[0]) &&
         strspn (s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == len;
}

/* The value graphviz gets for @spec, or NULL to drop the attribute. */
static char *
convert_attr_value (const AttrSpec *spec,
                    const char     *value)
{
  switch (spec->kind)
    {
    case ATTR_TEXT:
      {
        g_autofree char *clean = clean_text (value, MAX_TEXT_CHARS);
        return to_gv_escstring (clean);
      }

    case ATTR_TOOLTIP:
      {
        g_autofree char *clean = clean_text (value, MAX_TEXT_CHARS);
        g_autofree char *text = decode_escstring (clean);
        return to_gv_tooltip (text);
      }

    case ATTR_NUMBER:
    case ATTR_INTEGER:
      if (is_valid_number (value, spec->min, spec->max, spec->kind == ATTR_INTEGER))
        return g_strdup (value);
      return NULL;

    case ATTR_COLOR:
      return is_valid_color (value) ? g_strdup (value) : NULL;

    case ATTR_SHAPE:
      if (in_list (value, allowed_shapes, G_N_ELEMENTS (allowed_shapes)))
        return g_strdup (value);
      return NULL;

    case ATTR_STYLE:
      {
        g_auto(GStrv) words = g_strsplit (value, ",", -1);
        GString *out = g_string_new (NULL);

        for (guint i = 0; words[i] != NULL; i++)
          {
            g_strstrip (words[i]);
            if (!in_list (words[i], allowed_styles, G_N_ELEMENTS (allowed_styles)))
              continue;
            if (out->len > 0)
              g_string_append_c (out, ',');
            g_string_append (out, words[i]);
          }

        if (out->len == 0)
          {
            g_string_free (out, TRUE);
            return NULL;
          }
        return g_string_free (out, FALSE);
      }

    default:
      g_assert_not_reached ();
    }
}

static const AttrSpec *
find_attr_spec (const AttrSpec *specs,
                gsize           n_specs,
                const char     *name)
{
  for (gsize i = 0; i < n_specs; i++)
    if (g_strcmp0 (specs[i].name, name) == 0)
      return &specs[i];

  return NULL;
}

/* Copies the allowed attributes of one node or edge into @chunk.  Returns
 * the array; @decoded_tooltip / @decoded_label_tooltip receive the text to
 * show for those attributes. */
static PpvAttr *
convert_attrs (GStringChunk   *chunk,
               const AttrSpec *specs,
               gsize           n_specs,
               const PpvAttr  *attrs,
               guint           n_attrs,
               const char     *fallback_label,
               const char     *fallback_id,
               guint          *out_n_attrs,
               const char    **decoded_tooltip,
               const char    **decoded_label_tooltip)
{
  PpvAttr *out = g_new0 (PpvAttr, n_attrs + 2);
  gboolean has_label = FALSE;
  gboolean has_id = FALSE;
  guint n = 0;

  *decoded_tooltip = NULL;
  if (decoded_label_tooltip != NULL)
    *decoded_label_tooltip = NULL;

  for (guint i = 0; attrs != NULL && i < n_attrs; i++)
    {
      const AttrSpec *spec;
      g_autofree char *value = NULL;

      if (attrs[i].name == NULL || attrs[i].value == NULL)
        continue;

      spec = find_attr_spec (specs, n_specs, attrs[i].name);
      if (spec == NULL)
        {
          g_debug ("Ignoring attribute %s", attrs[i].name);
          continue;
        }

      value = convert_attr_value (spec, attrs[i].value);
      if (value == NULL)
        {
          g_debug ("Ignoring invalid value for attribute %s", spec->name);
          continue;
        }

      if (spec->kind == ATTR_TOOLTIP)
        {
          g_autofree char *clean = clean_text (attrs[i].value, MAX_TEXT_CHARS);
          g_autofree char *decoded = decode_escstring (clean);
          const char *text = g_string_chunk_insert (chunk, decoded);

          if (g_str_equal (spec->name, "tooltip"))
            *decoded_tooltip = text;
          else if (decoded_label_tooltip != NULL)
            *decoded_label_tooltip = text;
        }

      if (g_str_equal (spec->name, "label"))
        has_label = TRUE;
      if (g_str_equal (spec->name, "id"))
        has_id = TRUE;

      out[n].name = spec->name;
      out[n].value = g_string_chunk_insert (chunk, value);
      n++;
    }

  /* Without a label graphviz would show "\N", the node's name run through
   * its escape processing; set the literal name instead. */
  if (!has_label && fallback_label != NULL)
    {
      g_autofree char *value = to_gv_escstring (fallback_label);

      out[n].name = "label";
      out[n].value = g_string_chunk_insert (chunk, value);
      n++;
    }

  if (!has_id && fallback_id != NULL)
    {
      out[n].name = "id";
      out[n].value = fallback_id;
      n++;
    }

  *out_n_attrs = n;
  return out;
}

PpvLayoutInput *
_ppv_layout_input_new (PpvCallGraph  *graph,
                       GError       **error)
{
  g_autoptr(GHashTable) used_names = NULL;
  g_autofree char *title = NULL;
  g_autofree char *gv_title = NULL;
  PpvLayoutInput *input;

  g_assert (graph != NULL);

  title = clean_text (graph->title != NULL && graph->title[0] != '\0' ? graph->title : "unnamed",
                      MAX_TEXT_CHARS);

  if (graph->n_nodes > PPV_LAYOUT_MAX_NODES)
    {
      g_set_error (error, PPV_LAYOUT_ERROR, PPV_LAYOUT_ERROR_TOO_LARGE,
                   "%s: the graph has %u nodes; at most %u can be laid out",
                   title, graph->n_nodes, (guint) PPV_LAYOUT_MAX_NODES);
      return NULL;
    }

  if (graph->n_edges > PPV_LAYOUT_MAX_EDGES)
    {
      g_set_error (error, PPV_LAYOUT_ERROR, PPV_LAYOUT_ERROR_TOO_LARGE,
                   "%s: the graph has %u edges; at most %u can be laid out",
                   title, graph->n_edges, (guint) PPV_LAYOUT_MAX_EDGES);
      return NULL;
    }

  if ((graph->n_nodes > 0 && graph->nodes == NULL) ||
      (graph->n_edges > 0 && graph->edges == NULL))
    {
      g_set_error (error, PPV_LAYOUT_ERROR, PPV_LAYOUT_ERROR_INVALID,
                   "%s: the call graph has no node or edge array", title);
      return NULL;
    }

  for (guint i = 0; i < graph->n_edges; i++)
    {
      const PpvCallGraphEdge *edge = &graph->edges[i];

      if (edge->src >= graph->n_nodes || edge->dst >= graph->n_nodes)
        {
          g_set_error (error, PPV_LAYOUT_ERROR, PPV_LAYOUT_ERROR_INVALID,
                       "%s: edge %u refers to node %u, but the graph has %u nodes",
                       title, i, MAX (edge->src, edge->dst), graph->n_nodes);
          return NULL;
        }
    }

  input = g_new0 (PpvLayoutInput, 1);
  input->strings = g_string_chunk_new (16 * 1024);
  gv_title = to_gv_name (title);
  input->display_title = g_string_chunk_insert (input->strings, title);
  input->gv_title = g_string_chunk_insert (input->strings, gv_title);

  input->n_nodes = graph->n_nodes;
  input->nodes = g_new0 (PpvLayoutInputNode, MAX (graph->n_nodes, 1));
  used_names = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < graph->n_nodes; i++)
    {
      const PpvCallGraphNode *node = &graph->nodes[i];
      PpvLayoutInputNode *in = &input->nodes[i];
      g_autofree char *display = NULL;
      g_autofree char *gv_name = NULL;

      display = clean_text (node->name != NULL ? node->name : "", MAX_TEXT_CHARS);
      gv_name = to_gv_name (display);

      /* cgraph returns the existing node for a repeated name, which
       * would merge two nodes; an empty name is no name at all. */
      if (gv_name[0] == '\0' || g_hash_table_contains (used_names, gv_name))
        {
          for (guint k = 0; ; k++)
            {
              g_autofree char *candidate = g_strdup_printf ("%s#%u", gv_name, i + k);

              if (!g_hash_table_contains (used_names, candidate))
                {
                  g_free (gv_name);
                  gv_name = g_steal_pointer (&candidate);
                  break;
                }
            }
        }

      in->kind = node->kind;
      in->display_name = g_string_chunk_insert (input->strings, display);
      in->gv_name = g_string_chunk_insert (input->strings, gv_name);
      g_hash_table_add (used_names, (gpointer) in->gv_name);
      in->attrs = convert_attrs (input->strings,
                                 node_attr_specs, G_N_ELEMENTS (node_attr_specs),
                                 node->attrs, node->n_attrs,
                                 display,
                                 /* graphviz would number the legend
                                  * "node1" too, a duplicate SVG id */
                                 node->kind == PPV_CALLGRAPH_NODE_LEGEND ? "legend" : NULL,
                                 &in->n_attrs, &in->tooltip, NULL);
    }

  input->n_edges = graph->n_edges;
  input->edges = g_new0 (PpvLayoutInputEdge, MAX (graph->n_edges, 1));

  for (guint i = 0; i < graph->n_edges; i++)
    {
      const PpvCallGraphEdge *edge = &graph->edges[i];
      PpvLayoutInputEdge *in = &input->edges[i];

      in->src = edge->src;
      in->dst = edge->dst;
      in->attrs = convert_attrs (input->strings,
                                 edge_attr_specs, G_N_ELEMENTS (edge_attr_specs),
                                 edge->attrs, edge->n_attrs,
                                 NULL, NULL,
                                 &in->n_attrs, &in->tooltip, &in->label_tooltip);
    }

  return input;
}

void
_ppv_layout_input_free (PpvLayoutInput *input)
{
  if (input == NULL)
    return;

  for (guint i = 0; i < input->n_nodes; i++)
    g_free (input->nodes[i].attrs);
  for (guint i = 0; i < input->n_edges; i++)
    g_free (input->edges[i].attrs);

  g_free (input->nodes);
  g_free (input->edges);
  g_string_chunk_free (input->strings);
  g_free (input);
}

/* ---------------------------------------------------------------------
 * Building and laying out, with gv_lock held.
 */

static void
set_attrs (void          *object,
           const PpvAttr *attrs,
           guint          n_attrs)
{
  for (guint i = 0; i < n_attrs; i++)
    agsafeset (object, (char *) attrs[i].name, (char *) attrs[i].value, "");
}

Agraph_t *
_ppv_layout_run (PpvLayoutInput  *input,
                 Agnode_t       **nodes,
                 Agedge_t       **edges,
                 GError         **error)
{
  g_autofree Agnode_t **own_nodes = NULL;
  GVC_t *gvc;
  Agraph_t *graph;
  Agraph_t *legend = NULL;

  g_assert (input != NULL);

  gvc = _ppv_layout_get_context ();
  if (gvc == NULL)
    {
      g_set_error (error, PPV_LAYOUT_ERROR, PPV_LAYOUT_ERROR_FAILED,
                   "%s: graphviz could not be initialised", input->display_title);
      return NULL;
    }

  if (nodes == NULL)
    nodes = own_nodes = g_new0 (Agnode_t *, MAX (input->n_nodes, 1));

  g_string_truncate (gv_messages, 0);
  agreseterrors ();

  graph = agopen ((char *) input->gv_title, Agdirected, NULL);

  /* Past pprof's usual sizes dot's x-coordinate pass (network simplex
   * over every virtual node of every long edge) dominates: a real
   * 600-node, 1,481-edge pprof graph spent 29 of 34 s there.  Capping its
   * iterations at 2 x nodes (and halving crossing minimisation) cut that
   * graph to ~6 s of CPU; the layout stays valid, just less straight.
   * Graphs of pprof's default size are laid out exactly as `dot` does. */
  if (input->n_nodes > LARGE_GRAPH_NODES || input->n_edges > LARGE_GRAPH_EDGES)
    {
      agattr (graph, AGRAPH, "nslimit", "2");
      agattr (graph, AGRAPH, "mclimit", "0.5");
    }

  /* pprof: node [style=filled fillcolor="#f8f8f8"] */
  agattr (graph, AGNODE, "style", "filled");
  agattr (graph, AGNODE, "fillcolor", "#f8f8f8");

  for (guint i = 0; i < input->n_nodes; i++)
    {
      const PpvLayoutInputNode *in = &input->nodes[i];
      Agraph_t *parent = graph;

      if (in->kind == PPV_CALLGRAPH_NODE_LEGEND)
        {
          if (legend == NULL)
            legend = agsubg (graph, "cluster_L", TRUE);
          parent = legend;
        }

      nodes[i] = agnode (parent, (char *) in->gv_name, TRUE);
      set_attrs (nodes[i], in->attrs, in->n_attrs);
    }

  for (guint i = 0; i < input->n_edges; i++)
    {
      const PpvLayoutInputEdge *in = &input->edges[i];
      /* A NULL name with create=TRUE always makes a new edge, so
       * parallel edges stay distinct as in DOT text. */
      Agedge_t *edge = agedge (graph, nodes[in->src], nodes[in->dst], NULL, TRUE);

      set_attrs (edge, in->attrs, in->n_attrs);
      if (edges != NULL)
        edges[i] = edge;
    }

  g_atomic_int_inc (&gv_runs);

  if (gvLayout (gvc, graph, "dot") != 0)
    {
      g_autofree char *why = g_strstrip (g_strdelimit (g_strdup (gv_messages->str), "\n", ' '));
      const char *reason = why;

      if (g_str_has_prefix (reason, "Error: "))
        reason += strlen ("Error: ");

      g_set_error (error, PPV_LAYOUT_ERROR, PPV_LAYOUT_ERROR_FAILED,
                   "%s: graphviz could not lay out the graph (%s)",
                   input->display_title, reason[0] != '\0' ? reason : "no reason given");
      _ppv_layout_close (graph);
      return NULL;
    }

  return graph;
}

void
_ppv_layout_close (Agraph_t *graph)
{
  if (graph == NULL)
    return;

  gvFreeLayout (_ppv_layout_get_context (), graph);
  agclose (graph);
}
