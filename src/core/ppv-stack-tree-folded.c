/* ppv-stack-tree-folded.c — a stack tree as folded (collapsed) stacks.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <gio/gio.h>

#include "ppv-stack-tree-private.h"

/* Lines must come out in byte order without sorting gigabytes of text.
 * Among the lines below one parent, a name's own line ("name VALUE") and
 * the block of its descendants' lines ("name;…") are each contiguous, but
 * a sibling "name.func1" falls between them ('.' sorts between ' ' and
 * ';').  So each name of a level gives up to two entries, keyed by what
 * their lines start with, and the entries are sorted; nodes that print
 * alike (an inlined and a plain call) are one name. */
typedef struct
{
  guint32 node;          /* a node of the name */
  guint32 parents;       /* block: its nodes, at [parents, parents + n) of the parent stack */
  guint32 n;
  guint8  is_block;
  guint8  text_len;
  gint64  value;         /* own line: the summed self */
  char    text[24];      /* own line: " VALUE\n" */
} FoldedEntry;

typedef struct
{
  PpvStackTree  *tree;
  const char   **names;       /* per frame id: the name with ';' and line breaks replaced */
  guint32       *name_len;
  GStringChunk  *cleaned;
  GArray        *entries;     /* FoldedEntry, a stack of every level's entries */
  GArray        *parents;     /* guint32, a stack of node sets */
  GOutputStream *out;
  GString       *buffer;
  GString       *prefix;
  GCancellable  *cancellable;
  GError       **error;
  gboolean       failed;
  guint          lines;
} FoldedWriter;

static void
folded_names_init (FoldedWriter *w)
{
  const PpvNodeIds *ids = _ppv_report_context_get_node_ids (w->tree->ctx);
  guint32 n = _ppv_node_ids_get_n (ids);

  w->names = g_new (const char *, MAX (n, 1));
  w->name_len = g_new (guint32, MAX (n, 1));
  w->cleaned = g_string_chunk_new (4096);
  for (guint32 i = 0; i < n; i++)
    {
      const char *name = _ppv_node_ids_get_info (ids, i)->printable;

      if (strpbrk (name, ";\r\n") != NULL)
        {
          char *copy = g_string_chunk_insert (w->cleaned, name);
          for (char *c = copy; *c; c++)
            *c = *c == ';' ? ':' : (*c == '\n' || *c == '\r') ? ' ' : *c;
          name = copy;
        }
      w->names[i] = name;
      w->name_len[i] = strlen (name);
    }
}

static inline const char *
entry_name (FoldedWriter      *w,
            const FoldedEntry *e,
            guint32           *len)
{
  guint32 frame = g_array_index (w->tree->nodes, StackNode, e->node).frame;

  *len = w->name_len[frame];
  return w->names[frame];
}

/* Compares what two entries' lines start with: the name, then ';' for a
 * block, or " VALUE\n" for an own line (@with_value FALSE: ' ' only). */
static int
compare_entries (FoldedWriter      *w,
                 const FoldedEntry *a,
                 const FoldedEntry *b,
                 gboolean           with_value)
{
  guint32 la, lb;
  const char *na = entry_name (w, a, &la), *nb = entry_name (w, b, &lb);
  const char *ta = a->is_block ? ";" : with_value ? a->text : " ";
  const char *tb = b->is_block ? ";" : with_value ? b->text : " ";
  guint32 tla = a->is_block ? 1 : with_value ? a->text_len : 1;
  guint32 tlb = b->is_block ? 1 : with_value ? b->text_len : 1;
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
compare_by_name (const void *a,
                 const void *b,
                 void       *data)
{
  return compare_entries (data, a, b, FALSE);
}

static int
compare_by_line (const void *a,
                 const void *b,
                 void       *data)
{
  return compare_entries (data, a, b, TRUE);
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

static void
folded_flush (FoldedWriter *w)
{
  if (w->failed || w->buffer->len == 0)
    return;
  if (!g_output_stream_write_all (w->out, w->buffer->str, w->buffer->len, NULL,
                                  w->cancellable, w->error))
    w->failed = TRUE;
  g_string_truncate (w->buffer, 0);
}

/* Writes the lines below the nodes at [first, first + n) of the parent
 * stack (nodes that print alike). */
static void
folded_write_level (FoldedWriter *w,
                    guint32       first,
                    guint32       n)
{
  PpvStackTree *tree = w->tree;
  const StackNode *nodes = (const StackNode *) tree->nodes->data;
  guint32 base = w->entries->len, end, merged;

  /* Two entries per child: its own line, its block. */
  for (guint32 i = 0; i < n; i++)
    for (guint32 c = nodes[g_array_index (w->parents, guint32, first + i)].first_child;
         c != PPV_NONE; c = nodes[c].next_sibling)
      {
        FoldedEntry e = { c, 0, 0, FALSE, 0, ppv_stack_tree_get_self (tree, c), "" };

        g_array_append_val (w->entries, e);
        if (nodes[c].first_child != PPV_NONE)
          {
            e.is_block = TRUE;
            g_array_append_val (w->entries, e);
          }
      }
  end = w->entries->len;

  /* One child (most levels of deep trees): its own line, then its block. */
  if (n == 1 && end - base <= 2 &&
      nodes[g_array_index (w->parents, guint32, first)].first_child != PPV_NONE &&
      nodes[nodes[g_array_index (w->parents, guint32, first)].first_child].next_sibling == PPV_NONE)
    {
      FoldedEntry *e = &g_array_index (w->entries, FoldedEntry, base);

      if (e->is_block)
        {
          e->parents = w->parents->len;
          e->n = 1;
          g_array_append_val (w->parents, e->node);
        }
      else
        {
          e->text_len = format_value_text (e->text, e->value);
          if (end - base == 2)
            {
              FoldedEntry *block = e + 1;
              block->parents = w->parents->len;
              block->n = 1;
              g_array_append_val (w->parents, block->node);
            }
          if (e->value == 0)
            {
              /* No own line: the block alone. */
              g_array_remove_index (w->entries, base);
              end--;
            }
        }
      merged = end;
      goto write;
    }

  if (end - base > 1)
    g_qsort_with_data (&g_array_index (w->entries, FoldedEntry, base), end - base,
                       sizeof (FoldedEntry), compare_by_name, w);

  /* Merge entries of one name and kind; a block's nodes go on the stack. */
  merged = base;
  for (guint32 i = base; i < end;)
    {
      FoldedEntry e = g_array_index (w->entries, FoldedEntry, i);
      guint32 j = i + 1;

      if (e.is_block)
        {
          e.parents = w->parents->len;
          g_array_append_val (w->parents, e.node);
        }
      for (; j < end && compare_by_name (&g_array_index (w->entries, FoldedEntry, i),
                                         &g_array_index (w->entries, FoldedEntry, j), w) == 0; j++)
        {
          const FoldedEntry *same = &g_array_index (w->entries, FoldedEntry, j);
          if (e.is_block)
            g_array_append_val (w->parents, same->node);
          else
            e.value += same->value;
        }
      e.n = e.is_block ? w->parents->len - e.parents : 0;
      if (!e.is_block)
        e.text_len = format_value_text (e.text, e.value);
      if (e.is_block || e.value != 0)
        g_array_index (w->entries, FoldedEntry, merged++) = e;
      i = j;
    }
  g_array_set_size (w->entries, merged);
  if (merged - base > 1)
    g_qsort_with_data (&g_array_index (w->entries, FoldedEntry, base), merged - base,
                       sizeof (FoldedEntry), compare_by_line, w);

write:
  for (guint32 i = base; i < merged && !w->failed; i++)
    {
      FoldedEntry e = g_array_index (w->entries, FoldedEntry, i);
      guint32 len;
      const char *name = entry_name (w, &e, &len);

      if (e.is_block)
        {
          gsize prefix_len = w->prefix->len;

          g_string_append_len (w->prefix, name, len);
          g_string_append_c (w->prefix, ';');
          folded_write_level (w, e.parents, e.n);
          g_string_truncate (w->prefix, prefix_len);
          continue;
        }
      g_string_append_len (w->buffer, w->prefix->str, w->prefix->len);
      g_string_append_len (w->buffer, name, len);
      g_string_append_len (w->buffer, e.text, e.text_len);
      if (w->buffer->len > (1 << 20))
        folded_flush (w);
      if ((++w->lines & 0xfff) == 0 &&
          g_cancellable_set_error_if_cancelled (w->cancellable, w->error))
        w->failed = TRUE;
    }
  g_array_set_size (w->entries, base);
}

gboolean
ppv_stack_tree_write_folded (PpvStackTree  *self,
                             GOutputStream *out,
                             GCancellable  *cancellable,
                             GError       **error)
{
  FoldedWriter w = { 0 };
  guint32 root = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->kind == PPV_STACK_TREE_TOP_DOWN, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  w.tree = self;
  w.out = out;
  w.cancellable = cancellable;
  w.error = error;
  w.buffer = g_string_sized_new ((1 << 20) + 4096);
  w.prefix = g_string_new (NULL);
  w.entries = g_array_new (FALSE, FALSE, sizeof (FoldedEntry));
  w.parents = g_array_new (FALSE, FALSE, sizeof (guint32));
  folded_names_init (&w);

  g_array_append_val (w.parents, root);
  folded_write_level (&w, 0, 1);
  folded_flush (&w);

  g_string_free (w.buffer, TRUE);
  g_string_free (w.prefix, TRUE);
  g_array_unref (w.entries);
  g_array_unref (w.parents);
  g_free (w.names);
  g_free (w.name_len);
  g_string_chunk_free (w.cleaned);
  return !w.failed;
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
