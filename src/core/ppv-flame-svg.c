/* ppv-flame-svg.c — a stack tree drawn as a standalone SVG flame graph.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The walk visits only boxes that are drawn and the children of those, so
 * its cost follows the picture, not the tree: a tree of tens of millions
 * of nodes still gives at most a few thousand boxes per row.  It keeps its
 * own stack, as profiles can be thousands of frames deep.
 */
#include <math.h>
#include <string.h>

#include "ppv-flame-style.h"
#include "ppv-flame-svg.h"

#define HEADER_HEIGHT 24.0
#define TEXT_BASELINE 13.0     /* below a row's top, for the 12 px font */
#define CHECK_EVERY   4096     /* boxes or children between cancellation checks */
#define MIN_CUT_COLUMNS 4      /* a cut label shows at least "abc…" */

void
ppv_flame_svg_options_init (PpvFlameSvgOptions *options)
{
  g_return_if_fail (options != NULL);

  options->width = 1200;
  options->row_height = 18;
  options->min_width = 1;
  options->max_boxes = 50000;
  options->dark = FALSE;
  options->title = NULL;
}

/* --- Text ------------------------------------------------------------------ */

/* Appends @s to @out (when not NULL) as XML character data, up to
 * @max_columns in a monospace font, and returns the columns written.
 * Every byte that does not start a valid UTF-8 character becomes one
 * U+FFFD, so the result is valid XML whatever a profile holds; C0 controls
 * and DEL, which XML 1.0 cannot carry even as references, become their
 * control pictures. */
static gsize
append_text_n (GString    *out,
               const char *s,
               gsize       max_columns)
{
  gsize columns = 0;

  while (*s)
    {
      gunichar c = g_utf8_get_char_validated (s, -1);
      gboolean valid = c != (gunichar) -1 && c != (gunichar) -2;
      const char *next = valid ? g_utf8_next_char (s) : s + 1;
      gsize width = !valid ? 1 : g_unichar_iswide (c) ? 2 : g_unichar_iszerowidth (c) ? 0 : 1;

      if (columns + width > max_columns)
        break;
      columns += width;
      if (out == NULL)
        ;
      else if (!valid || c == 0xfffe || c == 0xffff)
        g_string_append (out, "\xef\xbf\xbd");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_unichar (out, c == 0x7f ? 0x2421 : 0x2400 + c);
      else if (c == '&')
        g_string_append (out, "&amp;");
      else if (c == '<')
        g_string_append (out, "&lt;");
      else if (c == '>')
        g_string_append (out, "&gt;");
      else if (c == '"')
        g_string_append (out, "&quot;");
      else
        g_string_append_len (out, s, next - s);
      s = next;
    }
  return columns;
}

static gsize
append_text (GString    *out,
             const char *s)
{
  return append_text_n (out, s, G_MAXSIZE);
}

/* @v with at most two decimals and no locale: SVG wants '.' whatever
 * LC_NUMERIC says (the window sets the user's locale). */
static void
append_number (GString *out,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  gsize len;

  if (fabs (v) < 0.005)
    v = 0;
  g_ascii_formatd (buf, sizeof buf, "%.2f", v);
  len = strlen (buf);
  while (len > 0 && buf[len - 1] == '0')
    len--;
  if (len > 0 && buf[len - 1] == '.')
    len--;
  g_string_append_len (out, buf, len);
}

static void
append_percent (GString      *out,
                PpvStackTree *tree,
                gint64        value)
{
  gint64 total = ppv_stack_tree_get_report_total (tree);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double pct = total != 0 ? 100.0 * (double) value / fabs ((double) total) : 0;

  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.2f", pct));
  g_string_append_c (out, '%');
}

/* " (VALUE, PCT%)" */
static void
append_value (GString      *out,
              PpvStackTree *tree,
              gint64        value)
{
  g_autofree char *formatted = ppv_stack_tree_format_value (tree, value);

  g_string_append (out, " (");
  append_text (out, formatted);
  g_string_append (out, ", ");
  append_percent (out, tree, value);
  g_string_append_c (out, ')');
}

/* --- Boxes ----------------------------------------------------------------- */

typedef struct
{
  PpvStackTree             *tree;
  const PpvFlameSvgOptions *options;
  GString                  *out;
  double                    scale;      /* px per unit of weight */
  double                    min_width;  /* the option's, or more to keep within max_boxes */
  GArray                   *widths;     /* set when only measuring: drawn widths, nothing written */
  guint32                   max_row;    /* deepest row drawn */
  guint64                   n_boxes;
} Render;

/* What a box's width stands for: pprof's increases plus decreases in a
 * comparison, else the absolute total. */
static double
node_weight (PpvStackTree *tree,
             guint32       node)
{
  if (ppv_stack_tree_get_comparison (tree) != PPV_STACK_TREE_PLAIN)
    return fabs ((double) ppv_stack_tree_get_increase (tree, node)) +
           fabs ((double) ppv_stack_tree_get_decrease (tree, node));
  return fabs ((double) ppv_stack_tree_get_total (tree, node));
}

/* ' x="…" y="…" width="…" height="…"': a box's place, one row high. */
static void
append_box_geometry (Render *r,
                     double  x,
                     double  y,
                     double  w)
{
  g_string_append (r->out, " x=\"");
  append_number (r->out, x);
  g_string_append (r->out, "\" y=\"");
  append_number (r->out, y);
  g_string_append (r->out, "\" width=\"");
  append_number (r->out, w);
  g_string_append (r->out, "\" height=\"");
  append_number (r->out, r->options->row_height - 1);
  g_string_append_c (r->out, '"');
}

static void
append_rect (Render     *r,
             double      x,
             double      y,
             double      w,
             const char *fill)
{
  g_string_append (r->out, "<rect");
  append_box_geometry (r, x, y, w);
  g_string_append_printf (r->out, " fill=\"%s\"/>", fill);
}

/* A comparison's box: what its title adds after the value, still on one
 * line ("NAME (NET, PCT%; base → profile: OLD → NEW)", or what its
 * stacks gained and lost after -base), then the part of the box for the
 * net change, from its left edge, as the window draws it. */
static void
append_change_title (Render  *r,
                     guint32  node)
{
  g_autofree char *decrease = ppv_stack_tree_format_value (r->tree, ppv_stack_tree_get_decrease (r->tree, node));
  g_autofree char *increase = ppv_stack_tree_format_value (r->tree, ppv_stack_tree_get_increase (r->tree, node));

  if (ppv_stack_tree_get_comparison (r->tree) == PPV_STACK_TREE_DIFF_BASE)
    {
      g_string_append (r->out, "; base \xe2\x86\x92 profile: ");
      append_text (r->out, decrease);
      g_string_append (r->out, " \xe2\x86\x92 ");
      append_text (r->out, increase);
    }
  else
    {
      g_string_append (r->out, "; stacks that grew: +");
      append_text (r->out, increase);
      g_string_append (r->out, ", that shrank: \xe2\x88\x92");
      append_text (r->out, decrease);
    }
}

static void
append_change_rect (Render  *r,
                    guint32  node,
                    double   x,
                    double   y,
                    double   w)
{
  gint64 net = ppv_stack_tree_get_total (r->tree, node);
  double part = MIN (fabs ((double) net) * r->scale, w);
  guint8 rgb[3];
  char fill[8];

  if (part < 0.005)
    return;
  ppv_flame_diff_color (TRUE, net > 0, r->options->dark, rgb);
  g_snprintf (fill, sizeof fill, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
  g_string_append (r->out, "<rect class=\"change\"");
  append_box_geometry (r, x, y, part);
  g_string_append_printf (r->out, " fill=\"%s\"/>", fill);
}

/* The longest of the name's shorter forms that fits @w, else the shortest
 * cut to fit and ended with "…", in a viewport the size of the box so
 * that a wrong guess about the font is clipped. */
static void
append_label (Render     *r,
              const char *name,
              double      x,
              double      y,
              double      w)
{
  double room = w - 2 * PPV_FLAME_SVG_TEXT_PADDING;
  gsize fit, n_names = 0;
  g_auto(GStrv) names = NULL;
  const char *label = NULL;

  if (room < PPV_FLAME_SVG_CHAR_ADVANCE)
    return;
  fit = (gsize) (room / PPV_FLAME_SVG_CHAR_ADVANCE);
  if (append_text (NULL, name) <= fit)
    label = name;
  else
    {
      names = ppv_flame_short_names (name);
      for (n_names = 1; names[n_names] != NULL; n_names++)
        if (label == NULL && append_text (NULL, names[n_names]) <= fit)
          label = names[n_names];
      /* A cut name needs room for more than its ellipsis. */
      if (label == NULL && fit < MIN_CUT_COLUMNS)
        return;
    }

  g_string_append (r->out, "<svg");
  append_box_geometry (r, x, y, w);
  g_string_append (r->out, "><text x=\"");
  append_number (r->out, PPV_FLAME_SVG_TEXT_PADDING);
  g_string_append (r->out, "\" y=\"");
  append_number (r->out, TEXT_BASELINE);
  g_string_append (r->out, "\">");
  if (label != NULL)
    append_text (r->out, label);
  else
    {
      append_text_n (r->out, names[n_names - 1], fit - 1);
      g_string_append (r->out, "\xe2\x80\xa6");
    }
  g_string_append (r->out, "</text></svg>");
}

static double
row_y (Render  *r,
       guint32  row)
{
  return HEADER_HEIGHT + row * r->options->row_height;
}

static void
draw_box (Render  *r,
          guint32  node,
          guint32  row,
          double   x,
          double   w)
{
  const char *name = ppv_stack_tree_get_name (r->tree, node);
  gboolean inlined = ppv_stack_tree_is_inlined (r->tree, node);
  gboolean diff = ppv_stack_tree_get_comparison (r->tree) != PPV_STACK_TREE_PLAIN;
  double y = row_y (r, row);
  guint8 rgb[3];
  char fill[8];

  r->max_row = MAX (r->max_row, row);
  r->n_boxes++;
  if (r->widths != NULL)
    {
      g_array_append_val (r->widths, w);
      return;
    }
  if (diff)
    ppv_flame_diff_color (FALSE, FALSE, r->options->dark, rgb);
  else
    ppv_flame_box_color (name, inlined, r->options->dark, rgb);
  g_snprintf (fill, sizeof fill, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);

  g_string_append (r->out, inlined ? "<g class=\"frame inlined\"><title>" : "<g class=\"frame\"><title>");
  append_text (r->out, name);
  append_value (r->out, r->tree, ppv_stack_tree_get_total (r->tree, node));
  if (diff)
    {
      g_string_truncate (r->out, r->out->len - 1);   /* the value's ')' */
      append_change_title (r, node);
      g_string_append_c (r->out, ')');
    }
  g_string_append (r->out, "</title>");
  append_rect (r, x, y, w, fill);
  if (diff)
    append_change_rect (r, node, x, y, w);
  append_label (r, name, x, y, w);
  g_string_append (r->out, "</g>\n");
}

static void
draw_small (Render  *r,
            guint    count,
            gint64   total,
            guint32  row,
            double   x,
            double   w)
{
  r->max_row = MAX (r->max_row, row);
  r->n_boxes++;
  if (r->widths != NULL)
    return;
  g_string_append_printf (r->out, "<g class=\"small\"><title>%u small frame%s", count, count == 1 ? "" : "s");
  append_value (r->out, r->tree, total);
  g_string_append (r->out, "</title>");
  append_rect (r, x, row_y (r, row), w, r->options->dark ? "#4a4a4a" : "#c8c8c8");
  g_string_append (r->out, "</g>\n");
}

typedef struct
{
  guint32 node;
  guint32 row;
  double  x, w;
} Pending;

/* Lays out @p's children from its left edge, queues those wide enough
 * (in reverse, so they are drawn left to right) and draws the rest as one
 * slice after them.  Returns FALSE when cancelled. */
static gboolean
layout_children (Render       *r,
                 const Pending *p,
                 GArray       *stack,
                 GArray       *scratch,
                 GCancellable *cancellable,
                 GError      **error)
{
  double cursor = p->x, right = p->x + p->w, min_width = r->min_width;
  double small_w = 0;
  gint64 small_total = 0;
  guint small_count = 0, seen = 0;

  g_array_set_size (scratch, 0);
  for (guint32 c = ppv_stack_tree_get_first_child (r->tree, p->node); c != PPV_NONE;
       c = ppv_stack_tree_get_next_sibling (r->tree, c))
    {
      double w = node_weight (r->tree, c) * r->scale;

      if (++seen % CHECK_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (w <= 0)
        continue;
      w = MIN (w, right - cursor);
      if (w < min_width)
        {
          small_count++;
          small_total += ppv_stack_tree_get_total (r->tree, c);
          small_w += w;
          continue;
        }
      g_array_append_val (scratch, ((Pending) { c, p->row + 1, cursor, w }));
      cursor += w;
    }

  for (guint i = scratch->len; i-- > 0;)
    g_array_append_val (stack, g_array_index (scratch, Pending, i));

  small_w = MIN (small_w, right - cursor);
  if (small_count > 0 && small_w >= min_width)
    draw_small (r, small_count, small_total, p->row + 1, cursor, small_w);
  return TRUE;
}

static void
append_header (GString                  *svg,
               Render                   *r,
               const PpvFlameSvgOptions *o)
{
  double height = row_y (r, r->max_row + 1) + 4;
  const char *fg = o->dark ? "#e8e8e8" : "#000000";
  const char *bg = o->dark ? "#1e1e1e" : "#ffffff";

  g_string_append (svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
  append_number (svg, o->width);
  g_string_append (svg, "\" height=\"");
  append_number (svg, height);
  g_string_append (svg, "\" viewBox=\"0 0 ");
  append_number (svg, o->width);
  g_string_append_c (svg, ' ');
  append_number (svg, height);
  g_string_append_printf (svg,
      "\" font-family=\"DejaVu Sans Mono, Menlo, Liberation Mono, Consolas, monospace\""
      " font-size=\"%d\">\n"
      "<style>text{fill:%s} .frame rect,.small rect{stroke:%s;stroke-width:0.5}"
      " .inlined text{font-style:italic}</style>\n"
      "<rect class=\"background\" width=\"100%%\" height=\"100%%\" fill=\"%s\"/>\n"
      "<text class=\"header\" x=\"%g\" y=\"16\">",
      (int) PPV_FLAME_SVG_FONT_SIZE, fg, bg, bg, PPV_FLAME_SVG_TEXT_PADDING);
  if (o->title != NULL)
    append_text (svg, o->title);
  else
    {
      g_autofree char *total = ppv_stack_tree_format_value (r->tree, ppv_stack_tree_get_report_total (r->tree));

      g_string_append (svg, "Type: ");
      append_text (svg, ppv_stack_tree_get_type_name (r->tree));
      g_string_append (svg, ", total ");
      append_text (svg, total);
      if (ppv_stack_tree_get_comparison (r->tree) == PPV_STACK_TREE_DIFF_BASE)
        g_string_append (svg, "; compared with a base: a box spans base + profile, red grew, green shrank");
      else if (ppv_stack_tree_get_comparison (r->tree) == PPV_STACK_TREE_SUBTRACTED)
        g_string_append (svg, "; base subtracted: a box spans growth + shrinkage, red grew, green shrank");
    }
  if (r->min_width > o->min_width)
    {
      g_string_append (svg, " (boxes under ");
      append_number (svg, r->min_width);
      g_string_append (svg, " px merged)");
    }
  g_string_append (svg, "</text>\n");
}

/* Draws (or only measures) every box wide enough, depth first, left to
 * right. */
static gboolean
walk (Render       *r,
      GCancellable *cancellable,
      GError      **error)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Pending));
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (Pending));

  r->max_row = 0;
  r->n_boxes = 0;
  /* The root spans the width even when it weighs nothing. */
  g_array_append_val (stack, ((Pending) { 0, 0, 0, r->options->width }));
  while (stack->len > 0)
    {
      Pending p = g_array_index (stack, Pending, stack->len - 1);

      g_array_set_size (stack, stack->len - 1);
      if (r->n_boxes % CHECK_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      draw_box (r, p.node, p.row, p.x, p.w);
      if (r->scale > 0 && !layout_children (r, &p, stack, scratch, cancellable, error))
        return FALSE;
    }
  return TRUE;
}

static int
compare_widths_descending (gconstpointer a,
                           gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x > y ? -1 : x < y;
}

/* Deep profiles can hold hundreds of thousands of boxes a pixel or two
 * wide (towers of single stacks).  A box is never wider than its parent,
 * so keeping the boxes wider than the (max_boxes+1)-th widest keeps whole
 * subtrees and at most max_boxes of them. */
static gboolean
limit_boxes (Render       *r,
             GCancellable *cancellable,
             GError      **error)
{
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (double));

  r->widths = widths;
  if (!walk (r, cancellable, error))
    return FALSE;
  r->widths = NULL;
  if (widths->len > r->options->max_boxes)
    {
      g_array_sort (widths, compare_widths_descending);
      r->min_width = MAX (r->min_width, nextafter (g_array_index (widths, double, r->options->max_boxes),
                                                   INFINITY));
    }
  return TRUE;
}

GBytes *
ppv_flame_svg_render (PpvStackTree             *tree,
                      const PpvFlameSvgOptions *options,
                      GCancellable             *cancellable,
                      GError                  **error)
{
  PpvFlameSvgOptions defaults;
  Render r = { 0 };
  g_autoptr(GString) body = NULL;
  GString *svg;
  double root_weight;

  g_return_val_if_fail (tree != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      ppv_flame_svg_options_init (&defaults);
      options = &defaults;
    }
  g_return_val_if_fail (options->width > 0 && options->row_height > 1, NULL);

  r.tree = tree;
  r.options = options;
  r.min_width = options->min_width;
  root_weight = node_weight (tree, 0);
  r.scale = root_weight > 0 ? options->width / root_weight : 0;
  if (options->max_boxes > 0 && !limit_boxes (&r, cancellable, error))
    return NULL;

  body = g_string_sized_new (64 * 1024);
  r.out = body;
  if (!walk (&r, cancellable, error))
    return NULL;

  svg = g_string_sized_new (body->len + 1024);
  append_header (svg, &r, options);
  g_string_append_len (svg, body->str, body->len);
  g_string_append (svg, "</svg>\n");
  return g_string_free_to_bytes (svg);
}
