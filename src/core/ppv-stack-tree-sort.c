/* ppv-stack-tree-sort.c — sorting stacks and folded lines on two cores.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A million stacks sorted through a comparison function are twenty
 * million calls, each chasing pointers to two stacks' frames.  The keyed
 * sort carries the first few frames (or their ranks) in the item itself,
 * so most comparisons are decided inline on data the sort already holds;
 * only items whose keys cannot decide call the full comparison.
 */
#include <string.h>

#include "ppv-stack-tree-private.h"

void
_ppv_run_on_two_cores (GThreadFunc func,
                       gpointer    a,
                       gpointer    b)
{
  GThread *thread = NULL;

  if (g_get_num_processors () >= 2)
    thread = g_thread_try_new ("ppv-stacks", func, b, NULL);
  func (a);
  if (thread != NULL)
    g_thread_join (thread);
  else
    func (b);
}

/* --- Keyed items ------------------------------------------------------------ */

typedef struct
{
  PpvSortKey      *items;
  PpvSortKey      *tmp;
  gsize            n;
  PpvSortTieFunc   tie;
  gpointer         data;
} KeyedJob;

/* At the first key that differs: the keys decide when neither is 0;
 * otherwise, as when all are equal, the full comparison does. */
static inline int
compare_keyed (const PpvSortKey *a,
               const PpvSortKey *b,
               PpvSortTieFunc    tie,
               gpointer          data)
{
  for (guint i = 0; i < PPV_SORT_KEY_WORDS; i++)
    if (a->key[i] != b->key[i])
      {
        if (a->key[i] != 0 && b->key[i] != 0)
          return a->key[i] < b->key[i] ? -1 : 1;
        break;
      }
  return tie (a->item, b->item, data);
}

/* Merges sorted @a[0, na) and @b[0, nb) into @out; ties from @a first. */
static void
merge_keyed (const PpvSortKey *a,
             gsize             na,
             const PpvSortKey *b,
             gsize             nb,
             PpvSortKey       *out,
             PpvSortTieFunc    tie,
             gpointer          data)
{
  const PpvSortKey *a_end = a + na, *b_end = b + nb;

  while (a < a_end && b < b_end)
    *out++ = compare_keyed (b, a, tie, data) < 0 ? *b++ : *a++;
  memcpy (out, a, (a_end - a) * sizeof *a);
  out += a_end - a;
  memcpy (out, b, (b_end - b) * sizeof *b);
}

#define INSERTION_RUN 16

/* A stable bottom-up merge sort: runs sorted by insertion, then merged
 * back and forth between items and tmp. */
static gpointer
sort_keyed (gpointer user_data)
{
  KeyedJob *job = user_data;
  PpvSortKey *from = job->items, *to = job->tmp;

  for (gsize lo = 0; lo < job->n; lo += INSERTION_RUN)
    {
      gsize hi = MIN (lo + INSERTION_RUN, job->n);

      for (gsize i = lo + 1; i < hi; i++)
        {
          PpvSortKey item = from[i];
          gsize j = i;

          for (; j > lo && compare_keyed (&item, &from[j - 1], job->tie, job->data) < 0; j--)
            from[j] = from[j - 1];
          from[j] = item;
        }
    }
  for (gsize width = INSERTION_RUN; width < job->n; width *= 2)
    {
      for (gsize lo = 0; lo < job->n; lo += 2 * width)
        {
          gsize mid = MIN (lo + width, job->n), hi = MIN (lo + 2 * width, job->n);

          merge_keyed (from + lo, mid - lo, from + mid, hi - mid, to + lo, job->tie, job->data);
        }
      {
        PpvSortKey *swap = from;
        from = to;
        to = swap;
      }
    }
  if (from != job->items)
    memcpy (job->items, from, job->n * sizeof *from);
  return NULL;
}

void
_ppv_sort_keyed (PpvSortKey     *items,
                 gsize           n,
                 PpvSortTieFunc  tie,
                 gpointer        data)
{
  g_autofree PpvSortKey *tmp = g_new (PpvSortKey, MAX (n, 1));
  KeyedJob halves[2] = {
    { items, tmp, n / 2, tie, data },
    { items + n / 2, tmp + n / 2, n - n / 2, tie, data },
  };

  if (n < 65536)
    {
      KeyedJob all = { items, tmp, n, tie, data };
      sort_keyed (&all);
      return;
    }
  _ppv_run_on_two_cores (sort_keyed, &halves[0], &halves[1]);
  merge_keyed (halves[0].items, halves[0].n, halves[1].items, halves[1].n, tmp, tie, data);
  memcpy (items, tmp, n * sizeof *items);
}
