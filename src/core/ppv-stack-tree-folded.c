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

/* Copies of a name read this far past its start, so that most are one
 * fixed-size copy: the pool is padded by as much. */
#define NAME_COPY 64

typedef struct
{
  guint32 offset;
  guint32 len;            /* with its ';' */
} FoldedName;

typedef struct
{
  const SortedStacks *st;
  const char        **names;    /* per node id: the name with ';' and line breaks replaced */
  guint32            *name_len;
  guint32            *rank;     /* per node id: the order of "name;" among them all */
  GStringChunk       *cleaned;
  char               *pool;     /* the names, each followed by ';', then padding */
  FoldedName         *entries;  /* per node id: where its "name;" is in the pool */
  gboolean            with_value;
  const FoldedLine   *lines;    /* being sorted */
  gboolean            in_order; /* the stacks are sorted as their lines print, but for rare cases */
} Folded;

static int
compare_names (const void *a,
               const void *b,
               void       *data);
static void
folded_clear (Folded *f);

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

  /* One block holds them all, each name with the ';' that follows it
   * in a line: lines copy names from all over, and a block takes fewer
   * cache and TLB misses than the heap's strings. */
  {
    gsize size = 0;
    char *at;

    for (guint32 i = 0; i < n; i++)
      size += f->name_len[i] + 1;
    g_assert (size <= G_MAXUINT32);
    f->pool = at = g_malloc0 (size + NAME_COPY);
    f->entries = g_new (FoldedName, MAX (n, 1));
    for (guint32 i = 0; i < n; i++)
      {
        memcpy (at, f->names[i], f->name_len[i]);
        at[f->name_len[i]] = ';';
        f->entries[i] = (FoldedName) { (guint32) (at - f->pool), f->name_len[i] + 1 };
        f->names[i] = at;
        at += f->name_len[i] + 1;
      }
  }

}

guint32 *
_ppv_stack_tree_folded_rank (PpvReportContext *ctx,
                             guint32         **position)
{
  const PpvNodeIds *ids = _ppv_report_context_get_node_ids (ctx);
  Folded f = { 0 };
  guint32 *rank;

  folded_names_init (&f, ids);
  /* Ranked as "name;" is: a line's frames but its last compare by rank. */
  rank = _ppv_stack_tree_rank (_ppv_node_ids_get_n (ids), compare_names, &f, position);
  folded_clear (&f);
  return rank;
}

static void
folded_clear (Folded *f)
{
  g_free (f->names);
  g_free (f->name_len);
  g_free (f->rank);
  g_free (f->pool);
  g_free (f->entries);
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

static int
compare_line_items (guint32  a,
                    guint32  b,
                    gpointer data)
{
  Folded *f = data;

  return compare_lines (&f->lines[a], &f->lines[b], data);
}

/* Sorts @lines as compare_lines() does (f->with_value FALSE), keyed by
 * the ranks of their first frames: a frame but the last prints as
 * "name;", whose rank orders it; a last one prints as "name " and its
 * value, which only the full comparison orders (key 0). */
static void
sort_lines (Folded *f,
            GArray *lines)
{
  g_autofree PpvSortKey *keys = g_new (PpvSortKey, MAX (lines->len, 1));
  g_autofree FoldedLine *sorted = g_new (FoldedLine, MAX (lines->len, 1));
  const FoldedLine *l = (const FoldedLine *) lines->data;

  for (guint32 k = 0; k < lines->len; k++)
    {
      guint32 len;
      const guint32 *frames = _ppv_sorted_stack (f->st, l[k].stack, &len);

      for (guint32 i = 0; i < PPV_SORT_KEY_WORDS; i++)
        keys[k].key[i] = i + 1 < len ? f->rank[frames[i] & ~STACK_TREE_INLINED_BIT] + 1 : 0;
      keys[k].item = k;
    }
  f->lines = l;
  _ppv_sort_keyed (keys, lines->len, compare_line_items, f);
  for (guint32 k = 0; k < lines->len; k++)
    sorted[k] = l[keys[k].item];
  memcpy (lines->data, sorted, lines->len * sizeof (FoldedLine));
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

  /* Stacks sorted frame by frame in name order are in line order but
   * where names that print alike differ, or where a line's last name
   * meets a longer one ("f 10" against "f!x;g"): checked, and sorted
   * only then. */
  f->with_value = FALSE;
  {
    gboolean sorted = f->in_order;

    l = (FoldedLine *) lines->data;
    for (guint32 i = 1; i < lines->len && sorted; i++)
      sorted = compare_lines (&l[i - 1], &l[i], f) <= 0;
    if (!sorted)
      sort_lines (f, lines);
  }

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
  char             *out;
  gsize             len, size;
  guint32          *ends;       /* max_depth: where each name of the last line ends in it */
} Chunk;

static inline char *
chunk_reserve (Chunk *chunk,
               char  *at,
               gsize  more)
{
  gsize used = at - chunk->out;

  if (G_LIKELY (used + more <= chunk->size))
    return at;
  chunk->size = MAX (chunk->size * 2, used + more + (1u << 20));
  chunk->out = g_realloc (chunk->out, chunk->size);
  return chunk->out + used;
}

/* Formats lines [first, last) into chunk->out.  Each line copies the
 * names it shares with the one before (ends[] are where they end in it),
 * then adds its own: each name with its ';' in one copy, the last ';'
 * then overwritten by the value. */
static gpointer
format_chunk (gpointer data)
{
  Chunk *chunk = data;
  Folded *f = chunk->f;
  const SortedStacks *st = f->st;
  const FoldedName *entries = f->entries;
  const guint32 *previous = NULL;
  guint32 previous_len = 0;
  gsize line = 0;
  char *at = chunk->out;

  for (guint32 k = chunk->first; k < chunk->last; k++)
    {
      const FoldedLine *l = &chunk->lines[k];
      guint32 len, common = 0, shared;
      const guint32 *frames = _ppv_sorted_stack (st, l->stack, &len);
      gsize start;

      /* Lines come in name order, their stacks and names from anywhere:
       * fetch a later line's frames, the entries of the line after next
       * and the names of the next (whose entries came in last time). */
      if (k + 4 < chunk->last)
        __builtin_prefetch (st->frames + st->offset[l[4].stack]);
      if (k + 2 < chunk->last)
        {
          guint32 ahead_len;
          const guint32 *ahead = _ppv_sorted_stack (st, l[2].stack, &ahead_len);

          for (guint32 i = 0; i < ahead_len; i++)
            __builtin_prefetch (&entries[ahead[i] & ~STACK_TREE_INLINED_BIT]);
        }
      if (k + 1 < chunk->last)
        {
          guint32 next_len;
          const guint32 *next = _ppv_sorted_stack (st, l[1].stack, &next_len);

          for (guint32 i = 0; i < next_len; i++)
            __builtin_prefetch (f->pool + entries[next[i] & ~STACK_TREE_INLINED_BIT].offset);
        }

      while (common < len && common < previous_len && frames[common] == previous[common])
        common++;
      while (common < len && common < previous_len &&
             f->rank[frames[common] & ~STACK_TREE_INLINED_BIT] ==
             f->rank[previous[common] & ~STACK_TREE_INLINED_BIT])
        common++;
      shared = common > 0 ? chunk->ends[common - 1] : 0;

      at = chunk_reserve (chunk, at, shared);
      start = at - chunk->out;
      memcpy (at, chunk->out + line, shared);
      at += shared;
      /* The line before may have ended there: its value took the ';'. */
      if (shared > 0)
        at[-1] = ';';
      for (guint32 i = common; i < len; i++)
        {
          const FoldedName *e = &entries[frames[i] & ~STACK_TREE_INLINED_BIT];
          const char *name = f->pool + e->offset;

          at = chunk_reserve (chunk, at, MAX (e->len, NAME_COPY));
          if (e->len <= NAME_COPY)
            memcpy (at, name, NAME_COPY);
          else
            memcpy (at, name, e->len);
          at += e->len;
          chunk->ends[i] = (guint32) (at - chunk->out - start);
        }
      at = chunk_reserve (chunk, at, 24);
      at += format_value_text (at - 1, l->value) - 1;
      line = start;
      previous = frames;
      previous_len = len;
    }
  chunk->len = at - chunk->out;
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
  f.in_order = self->folded_rank != NULL;
  f.rank = f.in_order ? g_memdup2 (self->folded_rank, MAX (_ppv_node_ids_get_n (_ppv_report_context_get_node_ids (self->ctx)), 1) * sizeof (guint32))
                      : _ppv_stack_tree_rank (_ppv_node_ids_get_n (_ppv_report_context_get_node_ids (self->ctx)),
                                              compare_names, &f, NULL);
  lines = folded_lines (&f, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      folded_clear (&f);
      return FALSE;
    }

  for (guint i = 0; i < 2; i++)
    chunks[i] = (Chunk) { &f, (const FoldedLine *) lines->data, 0, 0, g_malloc (1u << 20), 0, 1u << 20,
                          g_new (guint32, self->max_depth + 1) };
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
        ok = g_output_stream_write_all (out, chunks[i].out, chunks[i].len, NULL, cancellable, error);
    }
  for (guint i = 0; i < 2; i++)
    {
      g_free (chunks[i].out);
      g_free (chunks[i].ends);
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
