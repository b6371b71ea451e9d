/* ppv-stack-tree-folded.c — a stack tree as folded (collapsed) stacks.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Written straight from the tree's sorted stacks, with no node made.  A
 * line is its stack's names joined by ';', a space and the value: lines
 * must come out in byte order, and stacks that print alike (an inlined
 * and a plain call of one function, names equal once ';' is replaced)
 * are one line.  Each distinct stack (a tree leaf) gives its value as the
 * tree's self would, then the stacks are sorted by what their lines read
 * and equal ones summed.
 */
#include <string.h>

#include <gio/gio.h>

#include "ppv-stack-tree-private.h"

typedef struct
{
  guint32 stack;         /* a sorted stack that prints as this line */
  gint64  value;
} FoldedLine;

typedef struct
{
  const SortedStacks *st;
  const char        **names;    /* per node id: the name with ';' and line breaks replaced */
  guint32            *name_len;
  guint32            *rank;     /* per node id: the order of "name;" among them all */
  GStringChunk       *cleaned;
  char               *pool;     /* the names, one after another */
  gboolean            with_value;
} Folded;

static int
compare_names (const void *a,
               const void *b,
               void       *data);

static void
folded_names_init (Folded           *f,
                   const PpvNodeIds *ids)
{
  guint32 n = _ppv_node_ids_get_n (ids);

  f->names = g_new (const char *, MAX (n, 1));
  f->name_len = g_new (guint32, MAX (n, 1));
  f->cleaned = g_string_chunk_new (4096);
  for (guint32 i = 0; i < n; i++)
    {
      const char *name = _ppv_node_ids_get_info (ids, i)->printable;

      if (strpbrk (name, ";\r\n") != NULL)
        {
          char *copy = g_string_chunk_insert (f->cleaned, name);
          for (char *c = copy; *c; c++)
            *c = *c == ';' ? ':' : (*c == '\n' || *c == '\r') ? ' ' : *c;
          name = copy;
        }
      f->names[i] = name;
      f->name_len[i] = strlen (name);
    }

  /* One block holds them all: lines copy names from all over, and a
   * block takes fewer cache and TLB misses than the heap's strings. */
  {
    gsize size = 0;
    char *at;

    for (guint32 i = 0; i < n; i++)
      size += f->name_len[i];
    f->pool = at = g_malloc (MAX (size, 1));
    for (guint32 i = 0; i < n; i++)
      {
        memcpy (at, f->names[i], f->name_len[i]);
        f->names[i] = at;
        at += f->name_len[i];
      }
  }

  /* Ranked as "name;" is: a line's frames but its last compare by rank. */
  f->rank = _ppv_stack_tree_rank (n, compare_names, f);
}

static void
folded_clear (Folded *f)
{
  g_free (f->names);
  g_free (f->name_len);
  g_free (f->rank);
  g_free (f->pool);
  g_string_chunk_free (f->cleaned);
}

/* Compares @na + @ta with @nb + @tb as bytes; a string before the longer
 * ones it starts. */
static int
compare_tokens (const char *na,
                guint32     la,
                const char *ta,
                guint32     tla,
                const char *nb,
                guint32     lb,
                const char *tb,
                guint32     tlb)
{
  int c = memcmp (na, nb, MIN (la, lb));

  if (c != 0)
    return c;
  /* One name starts the other: the rest decides, a few bytes at most. */
  for (guint32 i = MIN (la, lb);; i++)
    {
      int ca = i < la ? (guchar) na[i] : i - la < tla ? (guchar) ta[i - la] : -1;
      int cb = i < lb ? (guchar) nb[i] : i - lb < tlb ? (guchar) tb[i - lb] : -1;

      if (ca != cb)
        return ca < cb ? -1 : 1;
      if (ca < 0)
        return 0;
    }
}

static int
compare_names (const void *a,
               const void *b,
               void       *data)
{
  Folded *f = data;
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return compare_tokens (f->names[x], f->name_len[x], ";", 1, f->names[y], f->name_len[y], ";", 1);
}

/* " VALUE\n" without printf: folded output runs to millions of lines. */
static guint8
format_value_text (char   text[24],
                   gint64 value)
{
  char digits[24];
  guint64 magnitude = value < 0 ? 0 - (guint64) value : (guint64) value;
  guint n = 0, len = 0;

  do
    digits[n++] = '0' + magnitude % 10;
  while ((magnitude /= 10) != 0);
  text[len++] = ' ';
  if (value < 0)
    text[len++] = '-';
  while (n > 0)
    text[len++] = digits[--n];
  text[len++] = '\n';
  text[len] = '\0';
  return len;
}

/* Byte order of the lines; without values (f->with_value FALSE) a line
 * ends at its last name and a space, and lines that print alike are
 * equal. */
static int
compare_lines (const void *pa,
               const void *pb,
               void       *data)
{
  Folded *f = data;
  const FoldedLine *a = pa, *b = pb;
  guint32 la, lb;
  const guint32 *fa = _ppv_sorted_stack (f->st, a->stack, &la);
  const guint32 *fb = _ppv_sorted_stack (f->st, b->stack, &lb);
  guint32 i = 0, shared = MIN (la, lb) - 1;

  /* Equal frames print alike: the long shared stems of deep stacks cost
   * no lookups. */
  while (i < shared && fa[i] == fb[i])
    i++;
  for (;; i++)
    {
      guint32 xa = fa[i] & ~STACK_TREE_INLINED_BIT, xb = fb[i] & ~STACK_TREE_INLINED_BIT;
      gboolean last_a = i + 1 == la, last_b = i + 1 == lb;
      char text_a[24] = " ", text_b[24] = " ";
      guint32 tla = 1, tlb = 1;

      if (f->rank[xa] == f->rank[xb] && last_a == last_b)
        {
          if (last_a)
            return 0;
          continue;
        }
      if (!last_a && !last_b)
        return f->rank[xa] < f->rank[xb] ? -1 : 1;

      if (!last_a)
        text_a[0] = ';';
      else if (f->with_value)
        tla = format_value_text (text_a, a->value);
      if (!last_b)
        text_b[0] = ';';
      else if (f->with_value)
        tlb = format_value_text (text_b, b->value);
      return compare_tokens (f->names[xa], f->name_len[xa], text_a, tla,
                             f->names[xb], f->name_len[xb], text_b, tlb);
    }
}

/* Whether @a's line, up to its value, starts @b's: then only their
 * values order them ("f 10" against "f x;g 5"). */
static gboolean
line_starts (Folded           *f,
             const FoldedLine *a,
             const FoldedLine *b)
{
  guint32 la, lb, i;
  const guint32 *fa = _ppv_sorted_stack (f->st, a->stack, &la);
  const guint32 *fb = _ppv_sorted_stack (f->st, b->stack, &lb);
  guint32 xa, xb;

  for (i = 0; i + 1 < la && i + 1 < lb && f->rank[fa[i] & ~STACK_TREE_INLINED_BIT] ==
                                          f->rank[fb[i] & ~STACK_TREE_INLINED_BIT]; i++)
    ;
  if (i + 1 != la)
    return FALSE;
  xa = fa[i] & ~STACK_TREE_INLINED_BIT;
  xb = fb[i] & ~STACK_TREE_INLINED_BIT;
  return f->name_len[xb] > f->name_len[xa] && f->names[xb][f->name_len[xa]] == ' ' &&
         memcmp (f->names[xa], f->names[xb], f->name_len[xa]) == 0;
}

/* The lines in byte order, with their values: one per distinct stack,
 * sorted, then equal lines summed and zero ones dropped. */
static GArray *
folded_lines (Folded       *f,
              GCancellable *cancellable)
{
  const SortedStacks *st = f->st;
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (FoldedLine));
  FoldedLine *l;
  guint32 merged = 0;
  gboolean collide = FALSE;

  /* Equal stacks are next to each other in the tree's order: one leaf. */
  for (guint32 i = 0; i < st->n;)
    {
      guint32 len, other_len, j = i + 1;
      const guint32 *frames = _ppv_sorted_stack (st, i, &len);
      FoldedLine line = { i, 0 };

      for (; j < st->n; j++)
        {
          const guint32 *other = _ppv_sorted_stack (st, j, &other_len);
          if (other_len != len || memcmp (frames, other, len * sizeof (guint32)) != 0)
            break;
        }
      line.value = _ppv_sorted_stacks_value (st, i, j);
      if (len > 0)
        g_array_append_val (lines, line);
      i = j;
    }
  if (g_cancellable_is_cancelled (cancellable))
    return lines;

  f->with_value = FALSE;
  _ppv_sort_on_two_cores (lines->data, lines->len, sizeof (FoldedLine), compare_lines, f);

  l = (FoldedLine *) lines->data;
  for (guint32 i = 0; i < lines->len;)
    {
      FoldedLine line = l[i];
      guint32 j = i + 1;

      for (; j < lines->len && compare_lines (&l[i], &l[j], f) == 0; j++)
        line.value += l[j].value;
      if (line.value != 0)
        l[merged++] = line;
      i = j;
    }
  g_array_set_size (lines, merged);

  /* Rare: a line that starts another up to its value; then the values
   * decide, and now they are known. */
  for (guint32 i = 0; i + 1 < merged && !collide; i++)
    collide = line_starts (f, &l[i], &l[i + 1]);
  if (collide)
    {
      f->with_value = TRUE;
      g_qsort_with_data (lines->data, lines->len, sizeof (FoldedLine), compare_lines, f);
    }
  return lines;
}

/* Lines are formatted a chunk at a time, two chunks at once (one per
 * core), and written in order.  A chunk ends after this many frames, a
 * few megabytes of text however deep the stacks. */
#define CHUNK_FRAMES (1u << 17)

typedef struct
{
  Folded           *f;
  const FoldedLine *lines;
  guint32           first, last;
  GByteArray       *out;
  GArray           *ends;
} Chunk;

/* Formats lines [first, last) into chunk->out.  Each line copies the
 * names it shares with the one before (ends[] are where they end in it),
 * then adds its own. */
static gpointer
format_chunk (gpointer data)
{
  Chunk *chunk = data;
  Folded *f = chunk->f;
  const guint32 *previous = NULL;
  guint32 previous_len = 0;
  gsize line = 0;

  g_byte_array_set_size (chunk->out, 0);
  g_array_set_size (chunk->ends, 0);
  for (guint32 k = chunk->first; k < chunk->last; k++)
    {
      const FoldedLine *l = &chunk->lines[k];
      guint32 len, common = 0, shared;
      const guint32 *frames = _ppv_sorted_stack (f->st, l->stack, &len);
      gsize need = 24, start = chunk->out->len;
      char *at;

      /* Lines come in name order, their stacks and names from anywhere:
       * fetch a later line's frames, and the names of the next. */
      if (k + 4 < chunk->last)
        __builtin_prefetch (f->st->frames + f->st->offset[l[4].stack]);
      if (k + 1 < chunk->last)
        {
          guint32 next_len;
          const guint32 *next = _ppv_sorted_stack (f->st, l[1].stack, &next_len);

          for (guint32 i = 0; i < next_len; i++)
            __builtin_prefetch (f->names[next[i] & ~STACK_TREE_INLINED_BIT]);
        }

      while (common < len && common < previous_len && frames[common] == previous[common])
        common++;
      while (common < len && common < previous_len &&
             f->rank[frames[common] & ~STACK_TREE_INLINED_BIT] ==
             f->rank[previous[common] & ~STACK_TREE_INLINED_BIT])
        common++;
      shared = common > 0 ? g_array_index (chunk->ends, guint32, common - 1) : 0;
      for (guint32 i = common; i < len; i++)
        need += f->name_len[frames[i] & ~STACK_TREE_INLINED_BIT] + 1;
      g_byte_array_set_size (chunk->out, start + shared + need);

      at = (char *) chunk->out->data + start;
      memcpy (at, chunk->out->data + line, shared);
      at += shared;
      g_array_set_size (chunk->ends, common);
      for (guint32 i = common; i < len; i++)
        {
          guint32 x = frames[i] & ~STACK_TREE_INLINED_BIT;
          guint32 end;

          if (i > 0)
            *at++ = ';';
          memcpy (at, f->names[x], f->name_len[x]);
          at += f->name_len[x];
          end = (guint32) (at - ((char *) chunk->out->data + start));
          g_array_append_val (chunk->ends, end);
        }
      at += format_value_text (at, l->value);
      g_byte_array_set_size (chunk->out, at - (char *) chunk->out->data);
      line = start;
      previous = frames;
      previous_len = len;
    }
  return NULL;
}

gboolean
ppv_stack_tree_write_folded (PpvStackTree  *self,
                             GOutputStream *out,
                             GCancellable  *cancellable,
                             GError       **error)
{
  Folded f = { 0 };
  g_autoptr(GArray) lines = NULL;
  Chunk chunks[2];
  gboolean ok = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->kind == PPV_STACK_TREE_TOP_DOWN, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  f.st = &self->stacks;
  folded_names_init (&f, _ppv_report_context_get_node_ids (self->ctx));
  lines = folded_lines (&f, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      folded_clear (&f);
      return FALSE;
    }

  for (guint i = 0; i < 2; i++)
    chunks[i] = (Chunk) { &f, (const FoldedLine *) lines->data, 0, 0,
                          g_byte_array_new (), g_array_new (FALSE, FALSE, sizeof (guint32)) };
  for (guint32 k = 0; k < lines->len && ok; k = chunks[1].last)
    {
      for (guint i = 0; i < 2; i++)
        {
          guint64 frames = 0;

          chunks[i].first = chunks[i].last = i == 0 ? k : chunks[0].last;
          while (chunks[i].last < lines->len && frames < CHUNK_FRAMES)
            {
              guint32 stack = g_array_index (lines, FoldedLine, chunks[i].last++).stack;
              frames += f.st->offset[stack + 1] - f.st->offset[stack];
            }
        }
      _ppv_run_on_two_cores (format_chunk, &chunks[0], &chunks[1]);
      for (guint i = 0; i < 2 && ok; i++)
        ok = g_output_stream_write_all (out, chunks[i].out->data, chunks[i].out->len, NULL,
                                        cancellable, error);
    }
  for (guint i = 0; i < 2; i++)
    {
      g_byte_array_unref (chunks[i].out);
      g_array_unref (chunks[i].ends);
    }
  folded_clear (&f);
  return ok;
}

char *
ppv_stack_tree_format_folded (PpvStackTree *self)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  gboolean ok;

  g_return_val_if_fail (self != NULL, NULL);

  ok = ppv_stack_tree_write_folded (self, out, NULL, NULL);
  g_assert (ok);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}
