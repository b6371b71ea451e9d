/* test-svg.c — SVG export: well-formed XML (checked by libxml2, a parser
 * independent of the one the product uses), one group per node and edge,
 * and hostile names shown literally in both the SVG and the scene.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "ppv-layout.h"
#include "ppv-svg.h"
#include "ppv-test-graph.h"

#define SVG_NS   "http://www.w3.org/2000/svg"
#define XLINK_NS "http://www.w3.org/1999/xlink"

static guint xml_problems;

static void
on_xml_error (void        *user_data,
              xmlErrorPtr  error)
{
  g_test_message ("libxml2: line %d: %s", error->line, error->message);
  xml_problems++;
}

/* Parses @bytes; any error or warning at all fails the test. */
static xmlDocPtr
parse_svg (GBytes *bytes)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  xmlDocPtr doc;

  g_assert_true (g_utf8_validate (data, len, NULL));

  xml_problems = 0;
  xmlSetStructuredErrorFunc (NULL, on_xml_error);
  doc = xmlReadMemory (data, (int) len, "graph.svg", NULL, XML_PARSE_NONET);
  xmlSetStructuredErrorFunc (NULL, NULL);

  if (doc == NULL || xml_problems > 0)
    {
      g_autofree char *path = g_build_filename (g_get_tmp_dir (), "ppv-bad.svg", NULL);

      g_file_set_contents (path, data, len, NULL);
      g_error ("the SVG is not well-formed (%u problems); saved as %s", xml_problems, path);
    }

  return doc;
}

typedef struct
{
  char      *title;
  char      *id;
  char      *tooltip;   /* xlink:title of the first <a>, or NULL */
  GPtrArray *texts;     /* contents of the <text> elements, in order */
  GArray    *text_xy; /* their x, y attributes (pairs of doubles) */
} SvgGroup;

static void
svg_group_free (SvgGroup *group)
{
  g_free (group->title);
  g_free (group->id);
  g_free (group->tooltip);
  g_ptr_array_unref (group->texts);
  g_array_unref (group->text_xy);
  g_free (group);
}

static gboolean
is_element (xmlNodePtr  node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE &&
         xmlStrcmp (node->name, (const xmlChar *) name) == 0;
}

/* What a reader sees: graphviz writes the second of two spaces as a
 * no-break space, and tooltips may hold invisible word joiners that keep
 * graphviz from reading "\N" as an escape. */
static char *
visible_text (const xmlChar *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = (const char *) text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0xA0)
        g_string_append_c (out, ' ');
      else if (c != 0x2060)
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }

  return g_string_free (out, FALSE);
}

static char *
content_of (xmlNodePtr node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = visible_text (content);

  xmlFree (content);
  return text;
}

static void
collect_inside (xmlNodePtr  node,
                SvgGroup   *group)
{
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (is_element (child, "text"))
        {
          xmlChar *x = xmlGetProp (child, (const xmlChar *) "x");
          xmlChar *y = xmlGetProp (child, (const xmlChar *) "y");
          double xy[2] = {
            x != NULL ? g_ascii_strtod ((const char *) x, NULL) : NAN,
            y != NULL ? g_ascii_strtod ((const char *) y, NULL) : NAN,
          };

          g_array_append_vals (group->text_xy, xy, 2);
          g_ptr_array_add (group->texts, content_of (child));
          xmlFree (x);
          xmlFree (y);
        }
      else if (is_element (child, "title") && group->title == NULL)
        group->title = content_of (child);
      else if (is_element (child, "a") && group->tooltip == NULL)
        {
          xmlChar *title = xmlGetNsProp (child, (const xmlChar *) "title", (const xmlChar *) XLINK_NS);

          if (title != NULL)
            group->tooltip = visible_text (title);
          xmlFree (title);
        }

      if (child->type == XML_ELEMENT_NODE)
        collect_inside (child, group);
    }
}

static void
collect_groups (xmlNodePtr  node,
                const char *class_name,
                GPtrArray  *groups)
{
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (is_element (child, "g"))
        {
          xmlChar *class_attr = xmlGetProp (child, (const xmlChar *) "class");

          if (class_attr != NULL && xmlStrcmp (class_attr, (const xmlChar *) class_name) == 0)
            {
              SvgGroup *group = g_new0 (SvgGroup, 1);
              xmlChar *id = xmlGetProp (child, (const xmlChar *) "id");

              group->id = g_strdup ((const char *) id);
              group->texts = g_ptr_array_new_with_free_func (g_free);
              group->text_xy = g_array_new (FALSE, FALSE, sizeof (double));
              xmlFree (id);
              collect_inside (child, group);
              g_ptr_array_add (groups, group);
            }
          xmlFree (class_attr);
        }

      if (child->type == XML_ELEMENT_NODE)
        collect_groups (child, class_name, groups);
    }
}

static GPtrArray *
svg_groups (xmlDocPtr   doc,
            const char *class_name)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) svg_group_free);

  collect_groups (xmlDocGetRootElement (doc), class_name, groups);
  return groups;
}

/* graphviz interleaves nodes and edges in its own order: find by title. */
static SvgGroup *
find_group (GPtrArray  *groups,
            const char *title)
{
  SvgGroup *found = NULL;

  for (guint i = 0; i < groups->len; i++)
    {
      SvgGroup *group = groups->pdata[i];

      if (g_strcmp0 (group->title, title) == 0)
        {
          g_assert_null (found);
          found = group;
        }
    }

  if (found == NULL)
    g_error ("no SVG group titled %s", title);

  return found;
}

static void
test_a1 (void)
{
  g_autoptr(PpvTestGraph) graph = ppv_test_graph_new_a1 ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GPtrArray) edges = NULL;
  xmlDocPtr doc;
  xmlNodePtr root;
  xmlChar *width;
  SvgGroup *n3;

  bytes = ppv_layout_render_svg (graph, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);

  doc = parse_svg (bytes);
  root = xmlDocGetRootElement (doc);
  g_assert_cmpstr ((const char *) root->name, ==, "svg");
  g_assert_nonnull (root->ns);
  g_assert_cmpstr ((const char *) root->ns->href, ==, SVG_NS);
  width = xmlGetProp (root, (const xmlChar *) "width");
  g_assert_true (g_str_has_suffix ((const char *) width, "pt"));
  xmlFree (width);

  nodes = svg_groups (doc, "node");
  edges = svg_groups (doc, "edge");
  g_assert_cmpuint (nodes->len, ==, graph->n_nodes);
  g_assert_cmpuint (edges->len, ==, graph->n_edges);

  /* Ids come from "id", as in pprof's SVG; the legend gets its own. */
  g_assert_cmpstr (find_group (nodes, "File: myprog")->id, ==, "legend");
  for (guint i = 1; i < nodes->len; i++)
    {
      g_autofree char *id = g_strdup_printf ("node%u", i);
      g_autofree char *title = g_strdup_printf ("N%u", i);

      g_assert_cmpstr (find_group (nodes, title)->id, ==, id);
    }

  n3 = find_group (nodes, "N3");
  g_assert_cmpuint (n3->texts->len, ==, 4);
  g_assert_cmpstr (n3->texts->pdata[0], ==, "main");
  g_assert_cmpstr (n3->texts->pdata[3], ==, "of 0.55s (51.89%)");
  g_assert_cmpstr (n3->tooltip, ==, "main.bar (0.55s)");

  /* The scene places every line where graphviz's SVG renderer does: the
   * SVG's graph group is translated by (4, height + 4) and flips y. */
  {
    g_autoptr(PpvScene) scene = ppv_layout_compute (graph, NULL, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < scene->n_nodes; i++)
      {
        const PpvSceneNode *node = &scene->nodes[i];
        SvgGroup *group = find_group (nodes, node->name);

        guint k = 0;

        /* graphviz writes no <text> for a blank line. */
        for (guint j = 0; j < node->label.n_lines; j++)
          {
            const PpvSceneTextLine *line = &node->label.lines[j];
            double x, y;

            if (line->text[0] == '\0')
              continue;
            g_assert_cmpuint (k, <, group->texts->len);
            g_assert_cmpstr (group->texts->pdata[k], ==, line->text);
            x = g_array_index (group->text_xy, double, 2 * k);
            y = g_array_index (group->text_xy, double, 2 * k + 1);
            g_assert_cmpfloat (fabs (x - line->x), <, 0.01);
            g_assert_cmpfloat (fabs (y - (line->baseline - scene->bounds.height)), <, 0.01);
            k++;
          }
        g_assert_cmpuint (k, ==, group->texts->len);
      }

    for (guint i = 0; i < scene->n_edges; i++)
      {
        const PpvSceneEdge *edge = &scene->edges[i];
        g_autofree char *title = g_strdup_printf ("%s->%s", scene->nodes[edge->src].name,
                                                  scene->nodes[edge->dst].name);
        SvgGroup *group = find_group (edges, title);

        g_assert_cmpuint (group->texts->len, ==, edge->label.n_lines);
        for (guint j = 0; j < edge->label.n_lines; j++)
          {
            double x = g_array_index (group->text_xy, double, 2 * j);
            double y = g_array_index (group->text_xy, double, 2 * j + 1);

            g_assert_cmpfloat (fabs (x - edge->label.lines[j].x), <, 0.01);
            g_assert_cmpfloat (fabs (y - (edge->label.lines[j].baseline - scene->bounds.height)), <, 0.01);
          }
      }
  }

  {
    SvgGroup *group = find_group (edges, "N4->N6");

    g_assert_cmpuint (group->texts->len, ==, 2);
    g_assert_cmpstr (group->texts->pdata[1], ==, " (inline)");
    g_assert_cmpstr (group->tooltip, ==, "main.foo -> main.inl (0.20s)");
  }

  xmlFreeDoc (doc);
}

typedef struct
{
  const char *value;         /* attribute value, escString as pprof encodes it */
  const char *lines[4];      /* what a person must see, NULL-terminated */
  const char *tooltip;       /* the decoded tooltip, if it differs from lines[0] */
  gboolean    svg_tooltip;   /* compare the SVG tooltip too */
} Hostile;

static const Hostile hostile[] = {
  { "he said \"hi\" 'there'", { "he said \"hi\" 'there'" }, NULL, TRUE },
  { "C:\\\\dir\\\\file", { "C:\\dir\\file" }, NULL, TRUE },
  { "\\N \\G \\E \\T \\H \\L", { "\\N \\G \\E \\T \\H \\L" }, NULL, TRUE },
  { "pprof-escaped \\\\N", { "pprof-escaped \\N" }, NULL, TRUE },
  { "trailing\\", { "trailing\\" }, NULL, TRUE },
  { "raw\nnewline", { "raw", "newline" }, "raw\nnewline", FALSE },
  { "left\\lright\\rcentre\\n", { "left", "right", "centre" }, "left\nright\ncentre", FALSE },
  { "a < b > c & d", { "a < b > c & d" }, NULL, TRUE },
  { "&amp; &foo; &; &#; &#38; &#x41; &lt;", { "&amp; &foo; &; &#; &#38; &#x41; &lt;" }, NULL, TRUE },
  { "{a|b} <b>html</b> <<table>>", { "{a|b} <b>html</b> <<table>>" }, NULL, TRUE },
  { "two  spaces", { "two  spaces" }, NULL, TRUE },
  { "bad \xff\xfe utf8 \xc3", { "bad \xef\xbf\xbd\xef\xbf\xbd utf8 \xef\xbf\xbd" }, NULL, TRUE },
  { "ctl\x01\x1b[31m\x7f", { "ctl\xef\xbf\xbd\xef\xbf\xbd[31m\x7f" }, NULL, TRUE },
  { "nonchar \xef\xbf\xbe", { "nonchar \xef\xbf\xbd" }, NULL, TRUE },
  { "tab\there", { "tab here" }, NULL, TRUE },
  { "dash -- and --> in a comment", { "dash -- and --> in a comment" }, NULL, TRUE },
  { "]]> <![CDATA[ <?pi?> <!-- x -->", { "]]> <![CDATA[ <?pi?> <!-- x -->" }, NULL, TRUE },
  { "std::map<int, std::string>::operator[]", { "std::map<int, std::string>::operator[]" }, NULL, TRUE },
};

static void
assert_lines (const PpvSceneLabel *label,
              const char * const  *expected)
{
  guint n = 0;

  while (n < 4 && expected[n] != NULL)
    n++;

  g_assert_cmpuint (label->n_lines, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (label->lines[i].text, ==, expected[i]);
}

static void
test_hostile (void)
{
  g_autoptr(PpvTestGraph) graph = ppv_test_graph_new ("my--prog \"&foo;\" <x> \\G &;");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PpvScene) scene = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GPtrArray) edges = NULL;
  guint n = G_N_ELEMENTS (hostile);
  xmlDocPtr doc;
  xmlNodePtr root;

  /* The legend's name is its first line: a name graphviz copies into an
   * XML comment and a <title>. */
  ppv_test_graph_add_node (graph, PPV_CALLGRAPH_NODE_LEGEND, "File: a--b &foo; <x> -->",
                           "shape", "box", "label", "File: a--b &foo; <x> -->\\l",
                           "tooltip", "&;", NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("N%u", i + 1);

      ppv_test_graph_add_node (graph, PPV_CALLGRAPH_NODE_FUNCTION, name,
                               "label", hostile[i].value, "id", hostile[i].value,
                               "tooltip", hostile[i].value, "shape", "box", NULL);
    }
  for (guint i = 0; i + 1 < n; i++)
    ppv_test_graph_add_edge (graph, i + 1, i + 2,
                             "label", hostile[i].value, "tooltip", hostile[i].value,
                             "labeltooltip", hostile[i].value, NULL);

  /* The scene shows each string literally. */
  scene = ppv_layout_compute (graph, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scene->title, ==, "my--prog \"&foo;\" <x> \\G &;");
  g_assert_cmpstr (scene->nodes[0].name, ==, "File: a--b &foo; <x> -->");
  g_assert_cmpstr (scene->nodes[0].label.lines[0].text, ==, "File: a--b &foo; <x> -->");
  g_assert_cmpstr (scene->nodes[0].tooltip, ==, "&;");
  for (guint i = 0; i < n; i++)
    {
      const PpvSceneNode *node = &scene->nodes[i + 1];
      const char *tooltip = hostile[i].tooltip != NULL ? hostile[i].tooltip : hostile[i].lines[0];

      g_test_message ("case %u: %s", i, hostile[i].lines[0]);
      assert_lines (&node->label, hostile[i].lines);
      g_assert_cmpstr (node->tooltip, ==, tooltip);
      if (i + 1 < n)
        {
          assert_lines (&scene->edges[i].label, hostile[i].lines);
          g_assert_cmpstr (scene->edges[i].tooltip, ==, tooltip);
          g_assert_cmpstr (scene->edges[i].label_tooltip, ==, tooltip);
        }
    }

  /* The SVG is well-formed and shows the same text. */
  bytes = ppv_layout_render_svg (graph, NULL, &error);
  g_assert_no_error (error);
  doc = parse_svg (bytes);
  root = xmlDocGetRootElement (doc);

  nodes = svg_groups (doc, "node");
  edges = svg_groups (doc, "edge");
  g_assert_cmpuint (nodes->len, ==, n + 1);
  g_assert_cmpuint (edges->len, ==, n - 1);

  g_assert_cmpstr (find_group (nodes, "File: a--b &foo; <x> -->")->tooltip, ==, "&;");
  for (xmlNodePtr child = root->children; child != NULL; child = child->next)
    if (is_element (child, "g"))
      {
        SvgGroup graph_group = { .texts = g_ptr_array_new_with_free_func (g_free),
                                 .text_xy = g_array_new (FALSE, FALSE, sizeof (double)) };

        /* graph0's own <title> is the digraph name. */
        for (xmlNodePtr c = child->children; c != NULL; c = c->next)
          if (is_element (c, "title"))
            {
              graph_group.title = content_of (c);
              break;
            }
        g_assert_cmpstr (graph_group.title, ==, "my--prog \"&foo;\" <x> \\G &;");
        g_free (graph_group.title);
        g_ptr_array_unref (graph_group.texts);
        g_array_unref (graph_group.text_xy);
        break;
      }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("N%u", i + 1);
      SvgGroup *group = find_group (nodes, title);
      guint n_lines = 0;

      g_test_message ("SVG case %u: %s", i, hostile[i].lines[0]);
      while (n_lines < 4 && hostile[i].lines[n_lines] != NULL)
        n_lines++;
      g_assert_cmpuint (group->texts->len, ==, n_lines);
      for (guint j = 0; j < n_lines; j++)
        g_assert_cmpstr (group->texts->pdata[j], ==, hostile[i].lines[j]);
      if (hostile[i].svg_tooltip)
        g_assert_cmpstr (group->tooltip, ==, hostile[i].lines[0]);
      g_assert_nonnull (group->id);
    }

  for (guint i = 0; i < edges->len; i++)
    {
      SvgGroup *group = edges->pdata[i];
      guint src = 0, dst = 0;
      guint n_lines = 0;
      const Hostile *h;

      g_assert_cmpint (sscanf (group->title, "N%u->N%u", &src, &dst), ==, 2);
      g_assert_cmpuint (dst, ==, src + 1);
      h = &hostile[src - 1];
      while (n_lines < 4 && h->lines[n_lines] != NULL)
        n_lines++;
      g_assert_cmpuint (group->texts->len, ==, n_lines);
      for (guint j = 0; j < n_lines; j++)
        g_assert_cmpstr (group->texts->pdata[j], ==, h->lines[j]);
    }

  xmlFreeDoc (doc);
}

static void
test_long_strings (void)
{
  g_autoptr(PpvTestGraph) graph = ppv_test_graph_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PpvScene) scene = NULL;
  g_autofree char *huge = g_strnfill (100000, 'x');
  g_autofree char *huge_amp = NULL;
  GString *mixed = g_string_new (NULL);
  xmlDocPtr doc;

  for (guint i = 0; i < 20000; i++)
    g_string_append (mixed, "\\N&<\"");
  huge_amp = g_string_free (mixed, FALSE);

  ppv_test_graph_add_node (graph, PPV_CALLGRAPH_NODE_LEGEND, huge, "label", huge, "tooltip", huge, NULL);
  ppv_test_graph_add_node (graph, PPV_CALLGRAPH_NODE_FUNCTION, "N1", "label", huge_amp, "tooltip", huge_amp, "id", huge, NULL);
  ppv_test_graph_add_edge (graph, 0, 1, "label", huge, "tooltip", huge_amp, NULL);

  scene = ppv_layout_compute (graph, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scene->n_nodes, ==, 2);
  /* Text is cut at 4096 characters, with an ellipsis. */
  g_assert_cmpuint (g_utf8_strlen (scene->nodes[0].label.lines[0].text, -1), ==, 4097);
  g_assert_true (g_str_has_suffix (scene->nodes[0].label.lines[0].text, "x…"));
  g_assert_true (g_str_has_prefix (scene->nodes[1].label.lines[0].text, "\\N&<\"\\N&<\""));

  bytes = ppv_layout_render_svg (graph, NULL, &error);
  g_assert_no_error (error);
  doc = parse_svg (bytes);
  xmlFreeDoc (doc);
}

/* Attributes that could make graphviz read files or run for ever never
 * reach it; invalid values are dropped. */
static void
test_attribute_whitelist (void)
{
  g_autoptr(PpvTestGraph) graph = ppv_test_graph_new ("attrs");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PpvScene) scene = NULL;
  g_autofree char *text = NULL;
  xmlDocPtr doc;

  ppv_test_graph_add_node (graph, PPV_CALLGRAPH_NODE_FUNCTION, "N1",
                           "label", "one", "shapefile", "/etc/passwd", "image", "/etc/shadow",
                           "URL", "http://evil.example/", "shape", "record", "fontsize", "1e9",
                           "color", "red:blue", "fillcolor", "#12345", "style", "filled,wedged",
                           "fontname", "../../etc/passwd", NULL);
  ppv_test_graph_add_node (graph, PPV_CALLGRAPH_NODE_FUNCTION, "N2",
                           "label", "two", "fontsize", "0x20", "penwidth", "nan", NULL);
  ppv_test_graph_add_edge (graph, 0, 1, "minlen", "1000000", "weight", "2.5",
                           "penwidth", "-3", "style", "tapered", "color", "#zzzzzz",
                           "arrowhead", "inv", NULL);

  scene = ppv_layout_compute (graph, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (scene->nodes[0].label.font_size, ==, 14);
  g_assert_cmpfloat (scene->nodes[1].label.font_size, ==, 14);
  g_assert_cmpfloat (scene->edges[0].pen_width, ==, 1);
  g_assert_true (scene->nodes[0].filled);
  /* minlen=1000000 would have put a million ranks between them. */
  g_assert_cmpfloat (scene->bounds.height, <, 500);

  bytes = ppv_layout_render_svg (graph, NULL, &error);
  g_assert_no_error (error);
  doc = parse_svg (bytes);
  xmlFreeDoc (doc);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_null (strstr (text, "passwd"));
  g_assert_null (strstr (text, "shadow"));
  g_assert_null (strstr (text, "evil"));
}

/* cgraph would merge nodes with the same name; an empty name is none. */
static void
test_duplicate_names (void)
{
  g_autoptr(PpvTestGraph) graph = ppv_test_graph_new ("dup");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PpvScene) scene = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  xmlDocPtr doc;

  ppv_test_graph_add_node (graph, PPV_CALLGRAPH_NODE_FUNCTION, "dup", "label", "first", NULL);
  ppv_test_graph_add_node (graph, PPV_CALLGRAPH_NODE_FUNCTION, "dup", "label", "second", NULL);
  ppv_test_graph_add_node (graph, PPV_CALLGRAPH_NODE_FUNCTION, "", "label", "empty", NULL);
  ppv_test_graph_add_node (graph, PPV_CALLGRAPH_NODE_FUNCTION, NULL, "label", "null", NULL);
  ppv_test_graph_add_node (graph, PPV_CALLGRAPH_NODE_FUNCTION, "dup#1", "label", "lookalike", NULL);
  ppv_test_graph_add_edge (graph, 0, 1, NULL);
  ppv_test_graph_add_edge (graph, 1, 2, NULL);

  scene = ppv_layout_compute (graph, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scene->n_nodes, ==, 5);
  g_assert_cmpstr (scene->nodes[0].name, ==, "dup");
  g_assert_cmpstr (scene->nodes[1].name, ==, "dup");
  g_assert_cmpstr (scene->nodes[2].name, ==, "");
  g_assert_cmpstr (scene->nodes[1].label.lines[0].text, ==, "second");
  /* Three ranks: the duplicates were not merged. */
  g_assert_cmpfloat (scene->nodes[0].box.y, <, scene->nodes[1].box.y);
  g_assert_cmpfloat (scene->nodes[1].box.y, <, scene->nodes[2].box.y);

  bytes = ppv_layout_render_svg (graph, NULL, &error);
  g_assert_no_error (error);
  doc = parse_svg (bytes);
  nodes = svg_groups (doc, "node");
  g_assert_cmpuint (nodes->len, ==, 5);
  xmlFreeDoc (doc);
}

static void
on_svg_ready (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GBytes **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = ppv_layout_render_svg_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autoptr(PpvTestGraph) graph = ppv_test_graph_new_a1 ();
  GBytes *bytes = NULL;
  xmlDocPtr doc;

  ppv_layout_render_svg_async (graph, NULL, on_svg_ready, &bytes);
  /* The graph was copied: dropping it now must not matter. */
  g_clear_pointer (&graph, ppv_test_graph_free);

  while (bytes == NULL)
    g_main_context_iteration (NULL, TRUE);

  doc = parse_svg (bytes);
  xmlFreeDoc (doc);
  g_bytes_unref (bytes);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  xmlInitParser ();

  g_test_add_func ("/ppv/layout/svg/a1", test_a1);
  g_test_add_func ("/ppv/layout/svg/hostile", test_hostile);
  g_test_add_func ("/ppv/layout/svg/long-strings", test_long_strings);
  g_test_add_func ("/ppv/layout/svg/attribute-whitelist", test_attribute_whitelist);
  g_test_add_func ("/ppv/layout/svg/duplicate-names", test_duplicate_names);
  g_test_add_func ("/ppv/layout/svg/async", test_async);

  return g_test_run ();
}
