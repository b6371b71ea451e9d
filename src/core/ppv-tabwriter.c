/* ppv-tabwriter.c — Go's text/tabwriter, as pprof's -tags uses it.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pprof writes its tags report through a tabwriter, so a label value with
 * a newline, a tab or a 0xff byte (tabwriter's escape) changes the layout
 * of what follows.  Reproducing the writer's state machine, rather than
 * padding columns by hand, keeps such profiles byte for byte equal too.
 * Only what pprof uses is here: space padding, no TabIndent, no HTML
 * filtering, no DiscardEmptyColumns, escapes kept in the output.
 */
#include <string.h>

#include "ppv-tabwriter.h"

#define ESCAPE 0xff

typedef struct
{
  gsize    size;     /* bytes of text */
  gssize   width;    /* runes shown */
  gboolean htab;     /* ended by a '\t' */
} Cell;

typedef struct
{
  guint     padding;
  gboolean  align_right;
  GString  *buf;      /* text of the buffered cells */
  gsize     pos;      /* buf up to here is counted in cell.width */
  Cell      cell;     /* the cell being written */
  guchar    end_char; /* ESCAPE inside an escaped run, else 0 */
  GPtrArray *lines;   /* GArray of Cell per buffered line */
  GArray   *widths;   /* column widths while formatting */
  GString  *out;
} TabWriter;

gsize
_ppv_go_rune_count (const char *text,
                    gsize       len)
{
  const guchar *s = (const guchar *) text;
  gsize n = 0, i = 0;

  while (i < len)
    {
      guchar c = s[i];
      guchar lo = 0x80, hi = 0xbf;
      gsize size;

      n++;
      if (c < 0x80)
        {
          i++;
          continue;
        }
      if (c >= 0xc2 && c <= 0xdf)
        size = 2;
      else if (c >= 0xe0 && c <= 0xef)
        {
          size = 3;
          if (c == 0xe0)
            lo = 0xa0;
          else if (c == 0xed)
            hi = 0x9f;
        }
      else if (c >= 0xf0 && c <= 0xf4)
        {
          size = 4;
          if (c == 0xf0)
            lo = 0x90;
          else if (c == 0xf4)
            hi = 0x8f;
        }
      else
        {
          i++;
          continue;
        }

      /* The second byte has its own range, the rest are 0x80..0xbf. */
      if (i + size > len || s[i + 1] < lo || s[i + 1] > hi ||
          (size > 2 && (s[i + 2] < 0x80 || s[i + 2] > 0xbf)) ||
          (size > 3 && (s[i + 3] < 0x80 || s[i + 3] > 0xbf)))
        {
          i++;
          continue;
        }
      i += size;
    }
  return n;
}

static void
add_line (TabWriter *w)
{
  g_ptr_array_add (w->lines, g_array_new (FALSE, FALSE, sizeof (Cell)));
}

static void
reset (TabWriter *w)
{
  g_string_truncate (w->buf, 0);
  w->pos = 0;
  memset (&w->cell, 0, sizeof w->cell);
  w->end_char = 0;
  g_ptr_array_set_size (w->lines, 0);
  g_array_set_size (w->widths, 0);
  add_line (w);
}

static void
append_text (TabWriter  *w,
             const char *text,
             gsize       len)
{
  g_string_append_len (w->buf, text, len);
  w->cell.size += len;
}

static void
update_width (TabWriter *w)
{
  w->cell.width += _ppv_go_rune_count (w->buf->str + w->pos, w->buf->len - w->pos);
  w->pos = w->buf->len;
}

static guint
terminate_cell (TabWriter *w,
                gboolean   htab)
{
  GArray *line = g_ptr_array_index (w->lines, w->lines->len - 1);

  w->cell.htab = htab;
  g_array_append_val (line, w->cell);
  memset (&w->cell, 0, sizeof w->cell);
  return line->len;
}

static void
end_escape (TabWriter *w)
{
  update_width (w);
  w->cell.width -= 2;   /* the escape bytes take no room */
  w->pos = w->buf->len;
  w->end_char = 0;
}

static void
write_padding (TabWriter *w,
               gssize     text_width,
               gssize     cell_width)
{
  for (gssize i = text_width; i < cell_width; i++)
    g_string_append_c (w->out, ' ');
}

static gsize
write_lines (TabWriter *w,
             gsize      pos,
             guint      line0,
             guint      line1)
{
  for (guint i = line0; i < line1; i++)
    {
      GArray *line = g_ptr_array_index (w->lines, i);

      for (guint j = 0; j < line->len; j++)
        {
          const Cell *c = &g_array_index (line, Cell, j);
          gboolean padded = j < w->widths->len;
          gssize width = padded ? g_array_index (w->widths, gssize, j) : 0;

          if (c->size == 0)
            {
              if (padded)
                write_padding (w, c->width, width);
              continue;
            }
          if (w->align_right && padded)
            write_padding (w, c->width, width);
          g_string_append_len (w->out, w->buf->str + pos, c->size);
          pos += c->size;
          if (!w->align_right && padded)
            write_padding (w, c->width, width);
        }

      if (i + 1 == w->lines->len)
        {
          /* The last line has no newline yet: what is written of it. */
          g_string_append_len (w->out, w->buf->str + pos, w->cell.size);
          pos += w->cell.size;
        }
      else
        g_string_append_c (w->out, '\n');
    }
  return pos;
}

/* Each column block (consecutive lines with a cell in this column, the
 * last cell of a line never counting) gets its widest cell's width. */
static gsize
format (TabWriter *w,
        gsize      pos,
        guint      line0,
        guint      line1)
{
  guint column = w->widths->len;

  for (guint this = line0; this < line1; this++)
    {
      GArray *line = g_ptr_array_index (w->lines, this);
      gssize width = 0;

      if ((gssize) column >= (gssize) line->len - 1)
        continue;

      pos = write_lines (w, pos, line0, this);
      line0 = this;

      for (; this < line1; this++)
        {
          line = g_ptr_array_index (w->lines, this);
          if ((gssize) column >= (gssize) line->len - 1)
            break;
          width = MAX (width, g_array_index (line, Cell, column).width + (gssize) w->padding);
        }

      g_array_append_val (w->widths, width);
      pos = format (w, pos, line0, this);
      g_array_set_size (w->widths, w->widths->len - 1);
      line0 = this;
    }

  return write_lines (w, pos, line0, line1);
}

static void
flush (TabWriter *w)
{
  if (w->cell.size > 0)
    {
      if (w->end_char != 0)
        end_escape (w);
      terminate_cell (w, FALSE);
    }
  format (w, 0, 0, w->lines->len);
  reset (w);
}

char *
_ppv_tabwriter_format (const char *text,
                       gsize       len,
                       guint       padding,
                       gboolean    align_right)
{
  TabWriter w = { padding, align_right };
  gsize n = 0;

  w.buf = g_string_new (NULL);
  w.lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  w.widths = g_array_new (FALSE, FALSE, sizeof (gssize));
  w.out = g_string_sized_new (len + len / 4);
  reset (&w);

  for (gsize i = 0; i < len; i++)
    {
      guchar ch = (guchar) text[i];

      if (w.end_char != 0)
        {
          if (ch == w.end_char)
            {
              append_text (&w, text + n, i + 1 - n);
              n = i + 1;
              end_escape (&w);
            }
          continue;
        }

      if (ch == '\t' || ch == '\v' || ch == '\n' || ch == '\f')
        {
          guint n_cells;

          append_text (&w, text + n, i - n);
          update_width (&w);
          n = i + 1;
          n_cells = terminate_cell (&w, ch == '\t');
          if (ch == '\n' || ch == '\f')
            {
              add_line (&w);
              /* A line of one cell cannot widen a column: what came
               * before is laid out now. */
              if (ch == '\f' || n_cells == 1)
                flush (&w);
            }
        }
      else if (ch == ESCAPE)
        {
          append_text (&w, text + n, i - n);
          update_width (&w);
          n = i;
          w.end_char = ESCAPE;
        }
    }
  append_text (&w, text + n, len - n);
  flush (&w);

  g_string_free (w.buf, TRUE);
  g_ptr_array_unref (w.lines);
  g_array_unref (w.widths);
  return g_string_free (w.out, FALSE);
}
