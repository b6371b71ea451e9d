/* ppv-node-ranks.c — the order of a granularity's printable names, which
 * breaks ties in big sorts.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ppv-node-table-private.h"

/* A name and its node, sorted by multikey quicksort: names share long
 * prefixes ("github.com/org/service/..."), which a comparison sort reads
 * again at every comparison and this reads once per partition level. */
typedef struct
{
  const char *str;
  guint32     id;
} NameRef;

static inline int
char_at (const NameRef *r,
         gsize          depth)
{
  return (guint8) r->str[depth];
}

static inline void
swap_refs (NameRef *a,
           NameRef *b)
{
  NameRef t = *a;

  *a = *b;
  *b = t;
}

/* How many characters from @depth on all names of @a share. */
static gsize
common_prefix (const NameRef *a,
               gsize          n,
               gsize          depth)
{
  const char *first = a[0].str + depth;
  gsize len = strlen (first);

  for (gsize i = 1; i < n && len > 0; i++)
    {
      const char *other = a[i].str + depth;
      gsize k = 0;

      while (k < len && other[k] == first[k])
        k++;
      len = k;
    }
  return len;
}

/* Sorts @a (all equal before @depth) by the rest of their names. */
static void
sort_names_from (NameRef *a,
                 gsize    n,
                 gsize    depth)
{
  while (n > 1)
    {
      gsize lt = 0, i = 0, gt = n;
      int pivot;

      if (n < 12)
        {
          for (gsize k = 1; k < n; k++)
            for (gsize j = k; j > 0 && strcmp (a[j - 1].str + depth, a[j].str + depth) > 0; j--)
              swap_refs (&a[j - 1], &a[j]);
          return;
        }
      /* Median of three characters. */
      {
        int x = char_at (&a[0], depth), y = char_at (&a[n / 2], depth), z = char_at (&a[n - 1], depth);

        pivot = MAX (MIN (x, y), MIN (MAX (x, y), z));
      }
      while (i < gt)
        {
          int c = char_at (&a[i], depth);

          if (c < pivot)
            swap_refs (&a[lt++], &a[i++]);
          else if (c > pivot)
            swap_refs (&a[i], &a[--gt]);
          else
            i++;
        }
      sort_names_from (a, lt, depth);
      sort_names_from (a + gt, n - gt, depth);
      /* The equal part goes on with the next character, unless the
       * names ended here: then they are all the same. */
      if (pivot == 0)
        return;
      /* All equal here: skip the rest of their common prefix in one pass
       * rather than a pass per character. */
      if (lt == 0 && gt == n)
        depth += 1 + common_prefix (a, n, depth + 1);
      else
        depth++;
      a += lt;
      n = gt - lt;
    }
}

static void
sort_names (gpointer base,
            gsize    n,
            gpointer data)
{
  sort_names_from (base, n, 0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  return strcmp (((const NameRef *) a)->str, ((const NameRef *) b)->str);
}

/* Sorts every printable name: a thread per half, then a merge.  On the
 * way, whether some name is another's prefix followed by a space or less
 * (checking neighbours is enough: any name between such a pair starts
 * with the shorter one too). */
static void
rank_by_sorting (PpvNodeTable *table)
{
  guint32 n = table->infos->len;
  g_autofree NameRef *sorted = g_new (NameRef, MAX (n, 1));
  guint32 *ranks = g_new (guint32, MAX (n, 1));

  for (guint32 i = 0; i < n; i++)
    sorted[i] = (NameRef) { g_array_index (table->infos, PpvNodeInfo, i).printable, i };
  _ppv_sort_in_halves (sorted, n, sizeof (NameRef), sort_names, compare_names, NULL);
  table->prefix_safe = TRUE;
  for (guint32 i = 0; i < n; i++)
    {
      const guint8 *prev = i > 0 ? (const guint8 *) sorted[i - 1].str : NULL;
      const guint8 *cur = (const guint8 *) sorted[i].str;
      gsize k = 0;

      if (prev == NULL)
        {
          ranks[sorted[i].id] = i;
          continue;
        }
      while (prev[k] != '\0' && prev[k] == cur[k])
        k++;
      ranks[sorted[i].id] = prev[k] == cur[k] ? ranks[sorted[i - 1].id] : i;
      if (prev[k] == '\0' && cur[k] != '\0' && cur[k] <= ' ')
        table->prefix_safe = FALSE;
    }
  table->name_rank = ranks;
}

/* A line node prints as its function's name, then nothing or " file:N".
 * So lines order as their functions' names, then the rest, unless a name
 * is another's prefix followed by a space or less ("f" "f x.go" against
 * "f\tg"): with the functions' ranks at hand (the window's first table
 * has them), ranking a million lines is a counting sort by function and
 * a sort of each function's few lines, not a sort of a million names. */
static gboolean
rank_from_functions (PpvNodeTable *table)
{
  PpvNodeTable *functions = table->functions;
  guint32 n = table->infos->len;
  guint32 n_functions = functions->infos->len;
  const guint32 *function_rank;
  g_autofree guint32 *key = NULL;
  g_autofree guint32 *start = NULL;
  g_autofree guint32 *order = NULL;
  guint32 *ranks;

  g_mutex_lock (&functions->rank_lock);
  function_rank = functions->prefix_safe ? functions->name_rank : NULL;
  g_mutex_unlock (&functions->rank_lock);
  if (function_rank == NULL)
    return FALSE;

  /* Every slot's line node and function node are of the same line. */
  key = g_new (guint32, MAX (n, 1));
  for (guint32 s = 0; s < table->n_slots; s++)
    key[table->slot_node[s]] = function_rank[functions->slot_node[s]];
  for (guint32 i = 0; i < n; i++)
    if (g_array_index (table->infos, PpvNodeInfo, i).name[0] == '\0')
      return FALSE;

  /* Counting sort by the function's rank (below n_functions). */
  start = g_new0 (guint32, n_functions + 1);
  order = g_new (guint32, MAX (n, 1));
  for (guint32 i = 0; i < n; i++)
    start[key[i] + 1]++;
  for (guint32 r = 0; r < n_functions; r++)
    start[r + 1] += start[r];
  for (guint32 i = 0; i < n; i++)
    order[start[key[i]]++] = i;

  /* Each function's lines by the rest of their names. */
  ranks = g_new (guint32, MAX (n, 1));
  for (guint32 i = 0, end; i < n; i = end)
    {
      g_autofree NameRef *group = NULL;
      guint32 size;

      for (end = i + 1; end < n && key[order[end]] == key[order[i]]; end++)
        ;
      size = end - i;
      if (size == 1)
        {
          ranks[order[i]] = i;
          continue;
        }
      group = g_new (NameRef, size);
      for (guint32 k = 0; k < size; k++)
        {
          const PpvNodeInfo *info = &g_array_index (table->infos, PpvNodeInfo, order[i + k]);

          group[k] = (NameRef) { info->printable + strlen (info->name), order[i + k] };
        }
      sort_names (group, size, NULL);
      for (guint32 k = 0; k < size; k++)
        ranks[group[k].id] = k > 0 && strcmp (group[k - 1].str, group[k].str) == 0
                             ? ranks[group[k - 1].id] : i + k;
    }
  table->name_rank = ranks;
  table->rank_derived = TRUE;
  return TRUE;
}

void
_ppv_node_table_rank_names (PpvNodeTable *table)
{
  if (table->granularity == PPV_GRANULARITY_LINES && table->functions != NULL &&
      rank_from_functions (table))
    return;
  rank_by_sorting (table);
}

const guint32 *
_ppv_node_ids_get_name_rank (const PpvNodeIds *ids)
{
  PpvNodeTable *table = ids->table;
  const guint32 *rank;

  g_mutex_lock (&table->rank_lock);
  if (table->name_rank == NULL)
    _ppv_node_table_rank_names (table);
  rank = table->name_rank;
  g_mutex_unlock (&table->rank_lock);
  return rank;
}

gboolean
_ppv_node_ids_rank_is_derived (const PpvNodeIds *ids)
{
  gboolean derived;

  g_mutex_lock (&ids->table->rank_lock);
  derived = ids->table->rank_derived;
  g_mutex_unlock (&ids->table->rank_lock);
  return derived;
}
