/* test-flame-svg.c — the flame graph SVG, on folded stacks, read back with
 * GMarkup as any XML reader would.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "ppv-flame-svg.h"
#include "ppv-report.h"
#include "ppv-stack-tree.h"
#include "ppv-test-profile.h"

#define TYPES "samples/count,space/bytes"

/* --- Reading the SVG back -------------------------------------------------- */

typedef struct
{
  char   *klass;
  char   *title;
  double  x, y, w, h;
  gboolean has_rect;
  char   *label;      /* NULL without a <text> */
  double  clip_x, clip_w;
} Box;

typedef struct
{
  GPtrArray *boxes;
  double     width, height;
  Box       *box;         /* the <g> being read */
  GString   *text;        /* the <title> or <text> being read */
  gboolean   in_title;
} Svg;

static void
box_free (Box *b)
{
  g_free (b->klass);
  g_free (b->title);
  g_free (b->label);
  g_free (b);
}

static void
svg_clear (Svg *svg)
{
  g_ptr_array_unref (svg->boxes);
  if (svg->text)
    g_string_free (svg->text, TRUE);
}

static double
attr_number (const char **names,
             const char **values,
             const char  *name)
{
  for (guint i = 0; names[i]; i++)
    if (strcmp (names[i], name) == 0)
      {
        char *end;
        double v = g_ascii_strtod (values[i], &end);

        /* Numbers are plain: no locale's comma, no unit. */
        g_assert_true (*end == '\0');
        return v;
      }
  return NAN;
}

static void
on_start (GMarkupParseContext *context,
          const char          *element,
          const char         **names,
          const char         **values,
          gpointer             data,
          GError             **error)
{
  Svg *svg = data;
  const char *klass = NULL;

  for (guint i = 0; names[i]; i++)
    if (strcmp (names[i], "class") == 0)
      klass = values[i];

  if (strcmp (element, "svg") == 0 && svg->box == NULL)
    {
      svg->width = attr_number (names, values, "width");
      svg->height = attr_number (names, values, "height");
    }
  else if (strcmp (element, "svg") == 0)
    {
      svg->box->clip_x = attr_number (names, values, "x");
      svg->box->clip_w = attr_number (names, values, "width");
    }
  else if (strcmp (element, "g") == 0)
    {
      g_assert_null (svg->box);     /* boxes are not nested */
      svg->box = g_new0 (Box, 1);
      svg->box->klass = g_strdup (klass);
    }
  else if (strcmp (element, "rect") == 0 && svg->box != NULL)
    {
      svg->box->has_rect = TRUE;
      svg->box->x = attr_number (names, values, "x");
      svg->box->y = attr_number (names, values, "y");
      svg->box->w = attr_number (names, values, "width");
      svg->box->h = attr_number (names, values, "height");
    }
  else if ((strcmp (element, "title") == 0 || strcmp (element, "text") == 0) && svg->box != NULL)
    {
      svg->text = g_string_new (NULL);
      svg->in_title = strcmp (element, "title") == 0;
    }
}

static void
on_end (GMarkupParseContext *context,
        const char          *element,
        gpointer             data,
        GError             **error)
{
  Svg *svg = data;

  if (svg->text != NULL && (strcmp (element, "title") == 0 || strcmp (element, "text") == 0))
    {
      char **slot = svg->in_title ? &svg->box->title : &svg->box->label;

      g_assert_null (*slot);
      *slot = g_string_free (svg->text, FALSE);
      svg->text = NULL;
    }
  else if (strcmp (element, "g") == 0)
    {
      g_ptr_array_add (svg->boxes, svg->box);
      svg->box = NULL;
    }
}

static void
on_text (GMarkupParseContext *context,
         const char          *text,
         gsize                len,
         gpointer             data,
         GError             **error)
{
  Svg *svg = data;

  if (svg->text != NULL)
    g_string_append_len (svg->text, text, len);
}

/* Parses @bytes (failing the test if it is not well-formed) and checks
 * what holds for every picture: each box has a title and a rect inside
 * the picture, the root spans the width, labels sit in their box. */
static void
svg_parse (Svg    *svg,
           GBytes *bytes)
{
  static const GMarkupParser parser = { on_start, on_end, on_text, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  memset (svg, 0, sizeof *svg);
  svg->boxes = g_ptr_array_new_with_free_func ((GDestroyNotify) box_free);
  g_assert_true (g_utf8_validate (data, len, NULL));
  context = g_markup_parse_context_new (&parser, 0, svg, NULL);
  g_markup_parse_context_parse (context, data, len, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (svg->boxes->len, >, 0);
  for (guint i = 0; i < svg->boxes->len; i++)
    {
      Box *b = svg->boxes->pdata[i];

      g_assert_nonnull (b->title);
      g_assert_true (b->has_rect);
      g_assert_cmpfloat (b->x, >=, 0);
      g_assert_cmpfloat (b->x + b->w, <=, svg->width + 0.01);
      g_assert_cmpfloat (b->y + b->h, <=, svg->height);
      for (const char *p = b->title; *p; p++)
        g_assert_cmpint ((guchar) *p, >=, 0x20);
      if (b->label != NULL)
        {
          /* The viewport is the box; the estimate keeps the text in it. */
          glong columns = g_utf8_strlen (b->label, -1);

          g_assert_cmpfloat (fabs (b->clip_x - b->x), <, 0.01);
          g_assert_cmpfloat (fabs (b->clip_w - b->w), <, 0.01);
          g_assert_cmpfloat (columns * PPV_FLAME_SVG_CHAR_ADVANCE, <=,
                             b->w - 2 * PPV_FLAME_SVG_TEXT_PADDING + 0.01);
        }
    }
  g_assert_cmpfloat (((Box *) svg->boxes->pdata[0])->x, ==, 0);
  g_assert_cmpfloat (((Box *) svg->boxes->pdata[0])->w, ==, svg->width);
}

/* The box titled "NAME (…" (the only one), or NULL. */
static Box *
find_box (Svg        *svg,
          const char *name)
{
  g_autofree char *prefix = g_strconcat (name, " (", NULL);
  Box *found = NULL;

  for (guint i = 0; i < svg->boxes->len; i++)
    {
      Box *b = svg->boxes->pdata[i];

      if (g_str_has_prefix (b->title, prefix) && strchr (b->title + strlen (prefix), '(') == NULL)
        {
          g_assert_null (found);
          found = b;
        }
    }
  return found;
}

/* --- Trees ----------------------------------------------------------------- */

static PpvStackTree *
tree_from (const char *stacks,
           const char *sample_index)
{
  g_autoptr(PpvProfile) profile = ppv_test_profile_from_folded (TYPES, stacks);
  g_autoptr(GError) error = NULL;
  PpvReportOptions options;
  PpvStackTree *tree;

  ppv_report_options_init (&options);
  options.sample_index = g_strdup (sample_index);
  tree = ppv_stack_tree_new (profile, &options, NULL, &error);
  g_assert_no_error (error);
  ppv_report_options_clear (&options);
  return tree;
}

static void
render (PpvStackTree             *tree,
        const PpvFlameSvgOptions *options,
        Svg                      *svg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = ppv_flame_svg_render (tree, options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  svg_parse (svg, bytes);
}

static char *
expected_title (PpvStackTree *tree,
                guint32       node)
{
  gint64 total = ppv_stack_tree_get_total (tree, node);
  g_autofree char *value = ppv_stack_tree_format_value (tree, total);
  char pct[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (pct, sizeof pct, "%.2f",
                   100.0 * total / ppv_stack_tree_get_report_total (tree));
  return g_strdup_printf ("%s (%s, %s%%)", ppv_stack_tree_get_name (tree, node), value, pct);
}

/* --- Tests ----------------------------------------------------------------- */

/* Every node of the tree is one box of its total's share of the width, in
 * its row, inside its parent, after its elder siblings; self is what the
 * children leave uncovered on the right. */
static void
test_geometry (void)
{
  g_autoptr(PpvStackTree) tree = tree_from ("main;a;x 1,600\n"
                                            "main;a;y 1,200\n"
                                            "main;b;x 1,150\n"
                                            "main 1,40\n"
                                            "other 1,10\n", "space");
  Svg svg;
  double root_total;

  render (tree, NULL, &svg);
  g_assert_cmpfloat (svg.width, ==, 1200);
  g_assert_cmpuint (svg.boxes->len, ==, ppv_stack_tree_get_n_nodes (tree));
  root_total = ppv_stack_tree_get_total (tree, 0);

  for (guint i = 0; i < svg.boxes->len; i++)
    {
      Box *b = svg.boxes->pdata[i];
      guint32 node = PPV_NONE;

      /* Titles identify nodes: find the one whose title this is. */
      for (guint32 n = 0; n < ppv_stack_tree_get_n_nodes (tree) && node == PPV_NONE; n++)
        {
          g_autofree char *title = expected_title (tree, n);
          double want_x = 0;

          if (strcmp (title, b->title) != 0)
            continue;
          if (n != 0)
            {
              guint32 parent = ppv_stack_tree_get_parent (tree, n);
              gint64 before = 0;

              for (guint32 c = ppv_stack_tree_get_first_child (tree, parent); c != n;
                   c = ppv_stack_tree_get_next_sibling (tree, c))
                before += ppv_stack_tree_get_total (tree, c);
              want_x = svg.width * before / root_total;
              for (guint32 a = parent; a != 0; a = ppv_stack_tree_get_parent (tree, a))
                {
                  guint32 pa = ppv_stack_tree_get_parent (tree, a);

                  for (guint32 c = ppv_stack_tree_get_first_child (tree, pa); c != a;
                       c = ppv_stack_tree_get_next_sibling (tree, c))
                    want_x += svg.width * ppv_stack_tree_get_total (tree, c) / root_total;
                }
            }
          if (fabs (b->x - want_x) < 0.01)
            node = n;
        }
      g_assert_cmpuint (node, !=, PPV_NONE);
      g_assert_cmpfloat (fabs (b->w - svg.width * ppv_stack_tree_get_total (tree, node) / root_total), <, 0.01);
      g_assert_cmpfloat (b->y, ==, ((Box *) svg.boxes->pdata[0])->y + 18 * ppv_stack_tree_get_depth (tree, node));
      g_assert_cmpfloat (b->h, <=, 18);
    }

  /* main's self (40 of 990) is the part its children leave on the right. */
  {
    Box *main_box = find_box (&svg, "main"), *a = find_box (&svg, "a"), *b = find_box (&svg, "b");

    g_assert_cmpfloat (a->x, ==, main_box->x);
    g_assert_cmpfloat (fabs (b->x - (a->x + a->w)), <, 0.01);
    g_assert_cmpfloat (fabs (main_box->x + main_box->w - (b->x + b->w) - 1200.0 * 40 / 1000), <, 0.01);
  }
  svg_clear (&svg);
}

/* "NAME (VALUE, PCT%)": the value in the report's unit, two decimals of
 * the report total; the header names the type and total. */
static void
test_titles (void)
{
  g_autoptr(PpvStackTree) counts = tree_from ("main;alloc 3,1572864\n"
                                              "main;free 1,524288\n"
                                              "main 1,1\n", "samples");
  g_autoptr(PpvStackTree) bytes = tree_from ("main;alloc 3,1572864\n"
                                             "main;free 1,524288\n"
                                             "main 1,1\n", "space");
  Svg svg;

  render (counts, NULL, &svg);
  g_assert_cmpstr (((Box *) svg.boxes->pdata[0])->title, ==, "root (5, 100.00%)");
  g_assert_cmpstr (find_box (&svg, "alloc")->title, ==, "alloc (3, 60.00%)");
  g_assert_cmpstr (find_box (&svg, "free")->title, ==, "free (1, 20.00%)");
  svg_clear (&svg);

  /* Other units as the stack tree formats them. */
  render (bytes, NULL, &svg);
  for (guint32 n = 0; n < ppv_stack_tree_get_n_nodes (bytes); n++)
    {
      g_autofree char *title = expected_title (bytes, n);
      Box *b = find_box (&svg, ppv_stack_tree_get_name (bytes, n));

      g_assert_nonnull (b);
      g_assert_cmpstr (b->title, ==, title);
    }
  g_assert_true (g_str_has_suffix (find_box (&svg, "alloc")->title, ", 75.00%)"));
  svg_clear (&svg);
}

/* Markup, controls and bytes that are not UTF-8 come out as valid XML
 * (svg_parse checks that) and read back as documented. */
static void
test_escaping (void)
{
  g_autoptr(PpvStackTree) tree = tree_from ("main;a<b>&\"c\"&lt 1,10\n"
                                            "main;tab\there 1,10\n"
                                            "main;ctl\x01\x7f 1,10\n"
                                            "main;bad\xff\xc3 1,10\n"
                                            "main;wide\xe6\x97\xa5\xe6\x9c\xac 1,10\n", NULL);
  g_autoptr(GBytes) bytes = ppv_flame_svg_render (tree, NULL, NULL, NULL);
  const char *data = g_bytes_get_data (bytes, NULL);
  Svg svg;

  svg_parse (&svg, bytes);
  g_assert_nonnull (find_box (&svg, "a<b>&\"c\"&lt"));
  g_assert_cmpstr (find_box (&svg, "a<b>&\"c\"&lt")->label, ==, "a<b>&\"c\"&lt");
  g_assert_nonnull (find_box (&svg, "tab\xe2\x90\x89here"));
  g_assert_nonnull (find_box (&svg, "ctl\xe2\x90\x81\xe2\x90\xa1"));
  g_assert_nonnull (find_box (&svg, "bad\xef\xbf\xbd\xef\xbf\xbd"));
  g_assert_nonnull (find_box (&svg, "wide\xe6\x97\xa5\xe6\x9c\xac"));
  g_assert_null (strchr (data, '\t'));
  g_assert_null (strchr (data, '\x01'));
  svg_clear (&svg);
}

/* Children under the minimum width become one "N small frames" slice
 * after the drawn ones, with their summed total; when the slice is narrow
 * too it is left out.  Nothing under a slice is drawn. */
static void
test_culling (void)
{
  g_autoptr(GString) stacks = g_string_new ("main;big;leaf 1,90000\n"
                                            "main;few1 1,2\nmain;few2 1,2\nmain;few3 1,2\n");
  g_autoptr(PpvStackTree) tree = NULL;
  PpvFlameSvgOptions options;
  Box *slice = NULL;
  Svg svg;

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (stacks, "main;big;tiny%u;deeper 1,20\n", i);
  tree = tree_from (stacks->str, "space");
  g_assert_cmpuint (ppv_stack_tree_get_n_nodes (tree), >, 1000);

  render (tree, NULL, &svg);
  for (guint i = 0; i < svg.boxes->len; i++)
    {
      Box *b = svg.boxes->pdata[i];

      g_assert_cmpfloat (b->w, >=, 1);
      g_assert_false (g_str_has_prefix (b->title, "tiny"));
      g_assert_false (g_str_has_prefix (b->title, "deeper"));
      g_assert_false (g_str_has_prefix (b->title, "few"));
      if (g_strcmp0 (b->klass, "small") == 0)
        {
          g_assert_null (slice);
          slice = b;
        }
    }
  /* root, main, big, leaf and the slice of 500 tiny ones. */
  g_assert_cmpuint (svg.boxes->len, ==, 5);
  g_assert_nonnull (slice);
  {
    g_autofree char *value = ppv_stack_tree_format_value (tree, 10000);
    g_autofree char *title = g_strdup_printf ("500 small frames (%s, 10.00%%)", value);

    g_assert_cmpstr (slice->title, ==, title);
  }
  g_assert_cmpfloat (fabs (slice->w - 1200.0 * 10000 / 100006), <, 0.01);
  g_assert_cmpfloat (fabs (slice->x - (find_box (&svg, "leaf")->x + find_box (&svg, "leaf")->w)), <, 0.01);
  g_assert_cmpfloat (slice->y, ==, find_box (&svg, "leaf")->y);
  svg_clear (&svg);

  /* A budget of 3 boxes raises the minimum width past leaf's, says so,
   * and merges leaf with the tiny ones. */
  ppv_flame_svg_options_init (&options);
  options.max_boxes = 3;
  {
    g_autoptr(GBytes) bytes = ppv_flame_svg_render (tree, &options, NULL, NULL);
    guint frames = 0;

    svg_parse (&svg, bytes);
    for (guint i = 0; i < svg.boxes->len; i++)
      frames += g_strcmp0 (((Box *) svg.boxes->pdata[i])->klass, "frame") == 0;
    g_assert_cmpuint (frames, ==, 3);
    g_assert_null (find_box (&svg, "leaf"));
    g_assert_true (g_str_has_prefix (((Box *) svg.boxes->pdata[svg.boxes->len - 1])->title, "501 small frames ("));
    g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), -1, " px merged)</text>"));
    svg_clear (&svg);
  }

  /* A minimum width of 0 draws every box. */
  ppv_flame_svg_options_init (&options);
  options.min_width = 0;
  options.max_boxes = 0;
  render (tree, &options, &svg);
  g_assert_cmpuint (svg.boxes->len, ==, ppv_stack_tree_get_n_nodes (tree));
  svg_clear (&svg);
}

/* The longest short form that fits, then a cut one, then none. */
static void
test_labels (void)
{
  g_autoptr(PpvStackTree) tree = tree_from ("main;github.com/a/b.(*T).Method 1,500\n"
                                            "main;github.com/a/b.(*T).Other 1,40\n"
                                            "main;github.com/a/b.(*T).Cut 1,25\n"
                                            "main;github.com/a/b.(*T).Narrow 1,4\n"
                                            "main;github.com/a/b.(*T).Tiny 1,1\n", NULL);
  Svg svg;

  render (tree, NULL, &svg);
  /* 1200 px for 570: 1053, 84, 53, 8 and 2 px. */
  g_assert_cmpstr (find_box (&svg, "github.com/a/b.(*T).Method")->label, ==, "github.com/a/b.(*T).Method");
  g_assert_cmpstr (find_box (&svg, "github.com/a/b.(*T).Other")->label, ==, "(*T).Other");
  g_assert_cmpstr (find_box (&svg, "github.com/a/b.(*T).Cut")->label, ==, "Cut");
  g_assert_cmpstr (find_box (&svg, "github.com/a/b.(*T).Narrow")->label, ==, NULL);
  g_assert_cmpstr (find_box (&svg, "github.com/a/b.(*T).Tiny")->label, ==, NULL);
  svg_clear (&svg);

  /* A name with no short form that fits is cut, with an ellipsis. */
  {
    g_autoptr(PpvStackTree) long_tree = tree_from ("main;VeryLongFunctionNameWithoutDots 1,1\n", NULL);
    PpvFlameSvgOptions options;

    ppv_flame_svg_options_init (&options);
    options.width = 100;
    render (long_tree, &options, &svg);
    g_assert_cmpstr (find_box (&svg, "VeryLongFunctionNameWithoutDots")->label, ==,
                     "VeryLongFun\xe2\x80\xa6");
    svg_clear (&svg);
  }
}

/* Inlined frames are marked, and a deep stack neither recurses nor fails. */
static void
test_inlined_and_deep (void)
{
  g_autoptr(PpvStackTree) tree = tree_from ("main;outer+inner 1,8\nmain;outer 1,2\n", NULL);
  g_autoptr(GString) deep = g_string_new ("main");
  g_autoptr(PpvStackTree) deep_tree = NULL;
  Svg svg;

  render (tree, NULL, &svg);
  g_assert_cmpstr (find_box (&svg, "inner")->klass, ==, "frame inlined");
  g_assert_cmpstr (find_box (&svg, "outer")->klass, ==, "frame");
  svg_clear (&svg);

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (deep, ";f%u", i);
  g_string_append (deep, " 1,1\n");
  deep_tree = tree_from (deep->str, NULL);
  render (deep_tree, NULL, &svg);
  g_assert_cmpuint (svg.boxes->len, ==, 3002);
  g_assert_cmpfloat (svg.height, >=, 3002 * 18);
  svg_clear (&svg);
}

/* Nothing kept: the root alone, spanning the width.  Cancelled: no SVG. */
static void
test_empty_and_cancel (void)
{
  g_autoptr(PpvStackTree) tree = tree_from ("main;a 1,0\n", "space");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  Svg svg;

  render (tree, NULL, &svg);
  g_assert_cmpuint (svg.boxes->len, ==, 1);
  svg_clear (&svg);

  g_cancellable_cancel (cancellable);
  bytes = ppv_flame_svg_render (tree, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (bytes);
}

/* Dark mode: still valid, on a dark background, and not the light picture. */
static void
test_dark (void)
{
  g_autoptr(PpvStackTree) tree = tree_from ("main;a 1,10\n", NULL);
  g_autoptr(GBytes) light = ppv_flame_svg_render (tree, NULL, NULL, NULL);
  g_autoptr(GBytes) dark = NULL;
  PpvFlameSvgOptions options;
  Svg svg;

  ppv_flame_svg_options_init (&options);
  options.dark = TRUE;
  dark = ppv_flame_svg_render (tree, &options, NULL, NULL);
  svg_parse (&svg, dark);
  svg_clear (&svg);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (dark, NULL), -1, "fill=\"#1e1e1e\""));
  g_assert_null (g_strstr_len (g_bytes_get_data (light, NULL), -1, "fill=\"#1e1e1e\""));
  g_assert_false (g_bytes_equal (light, dark));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ppv/core/flame-svg/geometry", test_geometry);
  g_test_add_func ("/ppv/core/flame-svg/titles", test_titles);
  g_test_add_func ("/ppv/core/flame-svg/escaping", test_escaping);
  g_test_add_func ("/ppv/core/flame-svg/culling", test_culling);
  g_test_add_func ("/ppv/core/flame-svg/labels", test_labels);
  g_test_add_func ("/ppv/core/flame-svg/inlined-and-deep", test_inlined_and_deep);
  g_test_add_func ("/ppv/core/flame-svg/empty-and-cancel", test_empty_and_cancel);
  g_test_add_func ("/ppv/core/flame-svg/dark", test_dark);
  return g_test_run ();
}
