/* ppv-stack-tree-build.c — a stack tree's sorted stacks: every kept
 * sample's frames from the outermost in, sorted, with running sums.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A location's inlined lines are frames of their own.  The stacks are
 * sorted on both cores and copied in their sorted order, so the stacks
 * below a node are next to each other in memory as well as in order.
 */
#include <string.h>

#include "ppv-stack-tree-private.h"

/* Stacks as collected, in sample order. */
typedef struct
{
  guint32 *frames;
  guint64 *start;      /* per kept sample: where its frames start */
  guint32 *len;
  guint32 *sample;     /* the profile's sample index of each */
  guint32  n;
  const guint32 *position;  /* per node id: its place in the frame order, or NULL for id order */
} Stacks;

static void
stacks_clear (Stacks *st)
{
  g_clear_pointer (&st->frames, g_free);
  g_clear_pointer (&st->start, g_free);
  g_clear_pointer (&st->len, g_free);
  g_clear_pointer (&st->sample, g_free);
}

/* The most frames sample @s can have: its locations' kept lines. */
static guint32
sample_bound (PpvReportContext *ctx,
              guint32           s)
{
  PpvProfile *profile = _ppv_report_context_get_profile (ctx);
  const PpvFrameSelection *sel = _ppv_report_context_get_selection (ctx);
  const guint32 *stack = profile->stacks + profile->samples[s].stack_offset;
  guint32 n = 0;

  for (guint32 i = _ppv_frame_selection_sample_start (sel, s); i < sel->sample_depth[s]; i++)
    n += sel->loc_lines_offset[stack[i] + 1] - sel->loc_lines_offset[stack[i]];
  return n;
}

/* Writes sample @s's kept frames to @out (room for sample_bound()),
 * outermost first, and returns their number.  Most locations have one
 * kept line, whose node is one read away (loc_node); the next location's
 * is prefetched: these reads miss the cache. */
static guint32
expand_sample (PpvReportContext *ctx,
               guint32           s,
               guint32          *out)
{
  PpvProfile *profile = _ppv_report_context_get_profile (ctx);
  const PpvFrameSelection *sel = _ppv_report_context_get_selection (ctx);
  const PpvNodeIds *ids = _ppv_report_context_get_node_ids (ctx);
  const guint32 *stack = profile->stacks + profile->samples[s].stack_offset;
  guint32 first = _ppv_frame_selection_sample_start (sel, s);
  guint32 n = 0;

  /* Outermost location first; in a location, its outermost line first. */
  for (guint32 i = sel->sample_depth[s]; i > first; i--)
    {
      guint32 loc = stack[i - 1];
      guint32 only = ids->loc_node[loc];

      if (i > first + 1)
        __builtin_prefetch (&ids->loc_node[stack[i - 2]]);
      if (only == PPV_NONE)
        continue;
      if (only != PPV_LOC_SEVERAL_LINES)
        {
          out[n++] = only;
          continue;
        }
      for (guint32 j = sel->loc_lines_offset[loc + 1]; j > sel->loc_lines_offset[loc]; j--)
        out[n++] = ids->frame_info[j - 1] | (j != sel->loc_lines_offset[loc + 1] ? STACK_TREE_INLINED_BIT : 0);
    }
  return n;
}

/* Half of the samples, counted then expanded by one core. */
typedef struct
{
  PpvReportContext *ctx;
  PpvStackTreeKind  kind;
  const guint8     *pivot;
  Stacks           *st;
  guint32           first, last;  /* its samples; its kept ones go to st->sample[first…] */
  guint32           n_kept;
  guint64           bound;        /* the most frames they can have */
  guint64           at;           /* where its frames go */
  guint32           n;            /* stacks it made, at first on */
  GCancellable     *cancellable;
} CollectPart;

static gpointer
count_part (gpointer data)
{
  CollectPart *part = data;

  for (guint32 s = part->first; s < part->last; s++)
    {
      gint64 w, dw;

      if (!_ppv_report_context_sample_weight (part->ctx, s, &w, &dw))
        continue;
      part->bound += sample_bound (part->ctx, s);
      part->st->sample[part->first + part->n_kept++] = s;
    }
  return NULL;
}

static gpointer
collect_part (gpointer data)
{
  CollectPart *part = data;
  Stacks *st = part->st;
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint64 at = part->at;

  for (guint32 k = part->first; k < part->first + part->n_kept; k++)
    {
      guint32 s = st->sample[k], out = part->first + part->n;
      const guint32 *frames;
      guint32 len, cut = 0;

      if ((k & 0xffff) == 0 && g_cancellable_is_cancelled (part->cancellable))
        return NULL;
      st->start[out] = at;
      if (part->pivot == NULL)
        {
          /* Straight into place: the count reserved each one's bound. */
          at += expand_sample (part->ctx, s, st->frames + at);
          st->len[out] = (guint32) (at - st->start[out]);
          st->sample[out] = s;
          part->n++;
          continue;
        }

      g_array_set_size (scratch, sample_bound (part->ctx, s));
      len = expand_sample (part->ctx, s, (guint32 *) scratch->data);
      frames = (const guint32 *) scratch->data;
      while (cut < len && !part->pivot[frames[cut] & ~STACK_TREE_INLINED_BIT])
        cut++;
      if (cut == len)
        continue;

      if (part->kind == PPV_STACK_TREE_CALLEES)
        {
          memcpy (st->frames + at, frames + cut + 1, (len - cut - 1) * sizeof (guint32));
          at += len - cut - 1;
        }
      else
        for (guint32 i = cut; i > 0; i--)
          st->frames[at++] = frames[i - 1];
      st->len[out] = (guint32) (at - st->start[out]);
      st->sample[out] = s;
      part->n++;
    }
  return NULL;
}

/* The stacks to build from: every kept sample's frames; or, for a pivot
 * on the node ids flagged in @pivot, the part of each stack through the
 * function after its outermost call: its callees outermost first, or its
 * callers innermost first.  Stacks that never call it are left out.
 * Each half of the samples is counted, then expanded, on its own core. */
static gboolean
collect_stacks (PpvReportContext *ctx,
                PpvStackTreeKind  kind,
                const guint8     *pivot,
                Stacks           *st,
                GCancellable     *cancellable,
                GError          **error)
{
  PpvProfile *profile = _ppv_report_context_get_profile (ctx);
  guint32 half = profile->n_samples / 2;
  CollectPart parts[2] = {
    { ctx, kind, pivot, st, 0, half, 0, 0, 0, 0, cancellable },
    { ctx, kind, pivot, st, half, profile->n_samples, 0, 0, 0, 0, cancellable },
  };

  /* Counted first, so the frames land in one allocation, each half at
   * its bound (a pivot's stacks are shorter: the count bounds them). */
  st->sample = g_new (guint32, MAX (profile->n_samples, 1));
  _ppv_run_on_two_cores (count_part, &parts[0], &parts[1]);
  parts[1].at = parts[0].bound;

  st->frames = g_new (guint32, MAX (parts[0].bound + parts[1].bound, 1));
  st->start = g_new (guint64, MAX (profile->n_samples, 1));
  st->len = g_new (guint32, MAX (profile->n_samples, 1));
  _ppv_run_on_two_cores (collect_part, &parts[0], &parts[1]);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* The second half's stacks follow the first's. */
  memmove (st->start + parts[0].n, st->start + parts[1].first, parts[1].n * sizeof (guint64));
  memmove (st->len + parts[0].n, st->len + parts[1].first, parts[1].n * sizeof (guint32));
  memmove (st->sample + parts[0].n, st->sample + parts[1].first, parts[1].n * sizeof (guint32));
  st->n = parts[0].n + parts[1].n;
  return TRUE;
}

/* A frame's place in the order stacks are sorted by: its value, or with
 * st->position its id's place there (inlined after plain). */
static inline guint32
frame_key (const Stacks *st,
           guint32       frame)
{
  if (st->position == NULL)
    return frame;
  return st->position[frame & ~STACK_TREE_INLINED_BIT] << 1 | (frame & STACK_TREE_INLINED_BIT ? 1 : 0);
}

/* Frame by frame; a stack before the longer ones it starts. */
static int
compare_stacks (guint32  x,
                guint32  y,
                gpointer data)
{
  const Stacks *st = data;
  const guint32 *fx = st->frames + st->start[x], *fy = st->frames + st->start[y];
  guint32 nx = st->len[x], ny = st->len[y];
  guint32 n = MIN (nx, ny);

  for (guint32 i = 0; i < n; i++)
    if (fx[i] != fy[i])
      return frame_key (st, fx[i]) < frame_key (st, fy[i]) ? -1 : 1;
  return nx < ny ? -1 : nx > ny;
}

/* The stacks in order of their frames: each keyed by its first frames
 * (frame + 1, 0 past its end), so most comparisons need no stack. */
static guint32 *
sort_stacks (const Stacks *st)
{
  g_autofree PpvSortKey *keys = g_new (PpvSortKey, MAX (st->n, 1));
  guint32 *order = g_new (guint32, MAX (st->n, 1));

  for (guint32 k = 0; k < st->n; k++)
    {
      const guint32 *frames = st->frames + st->start[k];

      for (guint32 i = 0; i < PPV_SORT_KEY_WORDS; i++)
        keys[k].key[i] = i < st->len[k] ? frame_key (st, frames[i]) + 1 : 0;
      keys[k].item = k;
    }
  _ppv_sort_keyed (keys, st->n, compare_stacks, (gpointer) st);
  for (guint32 k = 0; k < st->n; k++)
    order[k] = keys[k].item;
  return order;
}

/* --- The sorted stacks --------------------------------------------------- */

/* Half of the sorted stacks' frames, copied by one core. */
typedef struct
{
  const Stacks *st;
  SortedStacks *sorted;
  const guint32 *order;
  guint32        first, last;
} CopyPart;

static gpointer
copy_part (gpointer data)
{
  CopyPart *part = data;

  for (guint32 i = part->first; i < part->last; i++)
    {
      guint32 k = part->order[i];

      if (i + 8 < part->last)
        __builtin_prefetch (part->st->frames + part->st->start[part->order[i + 8]]);
      memcpy (part->sorted->frames + part->sorted->offset[i], part->st->frames + part->st->start[k],
              part->st->len[k] * sizeof (guint32));
    }
  return NULL;
}

gboolean
_ppv_stack_tree_collect (PpvStackTree *self,
                         const guint8 *pivot,
                         GCancellable *cancellable,
                         GError      **error)
{
  PpvReportContext *ctx = self->ctx;
  SortedStacks *sorted = &self->stacks;
  Stacks st = { NULL, NULL, NULL, NULL, 0, self->folded_position };
  g_autofree guint32 *order = NULL;
  g_autofree gint64 *weights = NULL;
  g_autofree gint64 *divisors = NULL;
  g_autofree guint8 *base = NULL;
  gboolean mean;
  CopyPart parts[2];

  if (!collect_stacks (ctx, self->kind, pivot, &st, cancellable, error))
    {
      stacks_clear (&st);
      return FALSE;
    }

  order = sort_stacks (&st);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      stacks_clear (&st);
      return FALSE;
    }

  /* The stacks' weights, read in sample order (the samples' values are
   * scattered; the sorted order would miss the cache on each), and
   * which are a diff base's, when the profile has labels to say so. */
  mean = _ppv_report_context_get_options (ctx)->mean;
  weights = g_new (gint64, MAX (st.n, 1));
  divisors = mean ? g_new (gint64, MAX (st.n, 1)) : NULL;
  base = _ppv_report_context_get_profile (ctx)->n_labels > 0 ? g_new0 (guint8, MAX (st.n, 1)) : NULL;
  for (guint32 k = 0; k < st.n; k++)
    {
      gint64 dw;

      _ppv_report_context_sample_weight (ctx, st.sample[k], &weights[k], &dw);
      if (mean)
        divisors[k] = dw;
      if (base != NULL)
        base[k] = _ppv_report_context_is_diff_base_sample (ctx, st.sample[k]);
    }

  sorted->n = st.n;
  sorted->offset = g_new (guint64, st.n + 1);
  sorted->sum_value = g_new (gint64, st.n + 1);
  sorted->sum_div = mean ? g_new (gint64, st.n + 1) : NULL;
  sorted->sum_neg = g_new (gint64, st.n + 1);
  sorted->offset[0] = 0;
  sorted->sum_value[0] = 0;
  if (mean)
    sorted->sum_div[0] = 0;
  sorted->sum_neg[0] = 0;

  /* A comparison keeps its decreases apart: a -diff_base's base samples
   * are negative, and -base leaves a negative sum where a stack shrank. */
  for (guint32 i = 0; i < st.n; i++)
    {
      guint32 k = order[i];
      gint64 w = weights[k];

      sorted->offset[i + 1] = sorted->offset[i] + st.len[k];
      self->max_depth = MAX (self->max_depth, st.len[k]);

      sorted->sum_value[i + 1] = sorted->sum_value[i] + w;
      if (mean)
        sorted->sum_div[i + 1] = sorted->sum_div[i] + divisors[k];
      sorted->sum_neg[i + 1] = sorted->sum_neg[i] + MIN (w, 0);
      if (base != NULL && base[k])
        self->comparison = PPV_STACK_TREE_DIFF_BASE;
      else if (self->comparison == PPV_STACK_TREE_PLAIN && w < 0)
        self->comparison = PPV_STACK_TREE_SUBTRACTED;
    }
  if (self->comparison == PPV_STACK_TREE_PLAIN)
    g_clear_pointer (&sorted->sum_neg, g_free);

  /* The frames in sorted order, each half of them on its own core. */
  sorted->frames = g_new (guint32, MAX (sorted->offset[st.n], 1));
  parts[0] = (CopyPart) { &st, sorted, order, 0, st.n / 2 };
  parts[1] = (CopyPart) { &st, sorted, order, st.n / 2, st.n };
  _ppv_run_on_two_cores (copy_part, &parts[0], &parts[1]);
  stacks_clear (&st);
  return TRUE;
}
