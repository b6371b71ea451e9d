/* ppv-merge-samples.c — the merge's samples: equal samples summed on two threads, in pprof's order.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Equal samples have the same leaf location, so the samples whose merged
 * leaf is even and those whose leaf is odd are merged apart, each on its
 * thread with its own index; the merged samples are then added in the
 * order a single index would have numbered them, by the first sample
 * that made each.
 */
#include <math.h>
#include <string.h>

#include "ppv-merge-private.h"
#include "ppv-profile-private.h"

/* Applies the scaling steps to one sample; FALSE if pprof would drop it. */
static gboolean
scale_values (const MergeInput *in,
              const gint64     *src,
              guint             n,
              gint64           *dst)
{
  memcpy (dst, src, n * sizeof (gint64));
  for (guint s = 0; s < in->n_steps; s++)
    {
      gboolean all_ones = TRUE, keep = FALSE;

      for (guint i = 0; i < n; i++)
        all_ones &= in->steps[s][i] == 1;
      if (all_ones)
        continue;
      for (guint i = 0; i < n; i++)
        if (in->steps[s][i] != 1)
          {
            dst[i] = (gint64) round ((double) dst[i] * in->steps[s][i]);
            keep |= dst[i] != 0;
          }
      if (!keep)
        return FALSE;
    }
  return TRUE;
}

/* Where samples are merged: an index of samples and their summed values.
 * A merge has two, each for the samples whose leaf location is odd or
 * even, on two threads (see merge_inputs()). */
typedef struct
{
  PpvProfileBuilder *b;
  GMutex            *intern_lock;      /* the builder's, when two sinks share it */
  guint              shard;
  guint              n_shards;
  PpvMergeIndex     *index;
  GArray            *values;           /* gint64 × n_types per merged sample */
  GArray            *first_seen;       /* guint64 per merged sample: its first sample's number */
  GArray            *stack;            /* guint32 */
  GArray            *labels;           /* PpvLabel */
  gint64            *scaled;
  StringCache        cache;
  const char        *base_key;
  const char        *base_true;
  const char        *empty;
} Sink;

/* The shard of a sample: its merged leaf location, hashed, since
 * locations are numbered in patterns (every other one a leaf). */
static inline guint
shard_of (const PpvSample *sample,
          const guint32   *stack,
          const guint32   *location_index,
          guint            n_shards)
{
  guint32 leaf = sample->n_locations > 0 ? location_index[stack[0]] : 0;

  return (guint) (((guint64) (leaf * 0x9e3779b1u) * n_shards) >> 32);
}

/* @seq: the number of the input's first sample among all inputs'. */
static void
merge_samples (Sink             *m,
               const MergeInput *in,
               const guint32    *location_index,
               guint64           seq)
{
  PpvProfile *p = in->profile;
  guint n_types = p->n_sample_types;
  gint64 *scaled = m->scaled;

  /* The cache maps this input's string pointers. */
  memset (&m->cache, 0, sizeof m->cache);

  for (guint32 s = 0; s < p->n_samples; s++)
    {
      const PpvSample *sample = &p->samples[s];
      const guint32 *stack = p->stacks + sample->stack_offset;
      const PpvLabel *labels = p->labels + sample->labels_offset;
      gboolean zero = TRUE, is_new;
      guint32 *locs;
      guint32 entry;

      /* Equal samples have the same leaf, so they meet in one shard. */
      if (m->n_shards > 1 && shard_of (sample, stack, location_index, m->n_shards) != m->shard)
        continue;
      if (!scale_values (in, ppv_profile_sample_values (p, s), n_types, scaled))
        continue;
      for (guint i = 0; i < n_types; i++)
        zero &= scaled[i] == 0;
      if (zero)
        continue;

      g_array_set_size (m->stack, sample->n_locations);
      locs = (guint32 *) (gpointer) m->stack->data;
      for (guint32 i = 0; i < sample->n_locations; i++)
        locs[i] = location_index[stack[i]];

      g_array_set_size (m->labels, 0);
      for (guint32 i = 0; i < sample->n_labels; i++)
        {
          PpvLabel l;

          l.key = _ppv_merge_intern_cached (m->b, &m->cache, m->intern_lock, labels[i].key);
          if (in->mark_base && l.key == m->base_key)
            continue;
          l.str = _ppv_merge_intern_cached (m->b, &m->cache, m->intern_lock, labels[i].str);
          l.num = labels[i].num;
          l.num_unit = _ppv_merge_intern_cached (m->b, &m->cache, m->intern_lock, labels[i].num_unit);
          g_array_append_val (m->labels, l);
        }
      if (in->mark_base)
        {
          PpvLabel l = { m->base_key, m->base_true, 0, m->empty };
          g_array_append_val (m->labels, l);
        }

      entry = _ppv_merge_index_sample (m->index, locs, sample->n_locations,
                                       (const PpvLabel *) (gpointer) m->labels->data, m->labels->len,
                                       &is_new);
      if (is_new)
        {
          guint64 first = seq + s;

          g_array_append_vals (m->values, scaled, n_types);
          g_array_append_val (m->first_seen, first);
        }
      else
        {
          gint64 *dst = &g_array_index (m->values, gint64, (gsize) entry * n_types);
          for (guint i = 0; i < n_types; i++)
            dst[i] += scaled[i];
        }
    }
}

static void
sink_init (Sink              *sink,
           PpvProfileBuilder *b,
           PpvMergeIndex     *index,
           guint              n_types)
{
  sink->b = b;
  sink->index = index;
  sink->n_shards = 1;
  /* Reserved, so that their data is never NULL. */
  sink->values = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 16);
  sink->first_seen = g_array_sized_new (FALSE, FALSE, sizeof (guint64), 16);
  sink->stack = g_array_sized_new (FALSE, FALSE, sizeof (guint32), 64);
  sink->labels = g_array_sized_new (FALSE, FALSE, sizeof (PpvLabel), 16);
  sink->scaled = g_new (gint64, MAX (n_types, 1));
  sink->base_key = ppv_profile_builder_intern (b, "pprof::base");
  sink->base_true = ppv_profile_builder_intern (b, "true");
  sink->empty = ppv_profile_builder_intern (b, "");
}

static void
sink_clear (Sink *sink)
{
  g_array_unref (sink->values);
  g_array_unref (sink->first_seen);
  g_array_unref (sink->stack);
  g_array_unref (sink->labels);
  g_free (sink->scaled);
}

/* pprof drops samples whose summed values cancel out entirely. */
static void
emit_sample (Sink    *sink,
             guint32  k,
             guint    n_types)
{
  const gint64 *v = &g_array_index (sink->values, gint64, (gsize) k * n_types);
  const guint32 *locs;
  const PpvLabel *labels;
  guint32 n_locs, n_labels;
  gboolean zero = TRUE;

  for (guint i = 0; i < n_types; i++)
    zero &= v[i] == 0;
  if (zero)
    return;
  locs = _ppv_merge_index_sample_stack (sink->index, k, &n_locs);
  labels = _ppv_merge_index_sample_labels (sink->index, k, &n_labels);
  ppv_profile_builder_add_sample_indexed (sink->b, locs, n_locs, v, n_types, labels, n_labels);
}

typedef struct
{
  Sink              *sink;
  const MergeInput  *inputs;
  guint              n_inputs;
  guint32          **location_index;
  int                only_input;     /* the one input merged whole, or -1 */
} ShardWork;

/* Every input's samples in order, those of the sink's shard merged. */
static gpointer
merge_shard (gpointer data)
{
  ShardWork *work = data;
  guint64 seq = 0;

  for (guint j = 0; j < work->n_inputs; j++)
    {
      if (work->only_input < 0 || (guint) work->only_input == j)
        merge_samples (work->sink, &work->inputs[j], work->location_index[j], seq);
      seq += work->inputs[j].profile->n_samples;
    }
  return NULL;
}

/* Whether any sample of @p has a pprof::base label: then it could equal a
 * sample of a -diff_base base. */
static gboolean
has_base_label (PpvProfile *p)
{
  const char *checked = NULL;

  for (gsize i = 0; i < p->n_labels; i++)
    if (p->labels[i].key != checked)
      {
        if (g_strcmp0 (p->labels[i].key, "pprof::base") == 0)
          return TRUE;
        /* Keys are interned: most labels repeat the last key checked. */
        checked = p->labels[i].key;
      }
  return FALSE;
}

void
_ppv_merge_samples (PpvProfileBuilder *b,
                    const MergeInput  *inputs,
                    guint              n_inputs,
                    guint32          **location_index,
                    PpvMergeIndex     *index,
                    gsize              max_samples)
{
  guint n_types = inputs[0].profile->n_sample_types;
  Sink sinks[2] = { { 0 } };
  ShardWork work[2];
  GMutex intern_lock;
  guint n_shards;
  guint32 n_merged = 0;
  gboolean by_input;

  /* Two threads share the samples, each with its own index, sized for
   * every sample (one shard may get them all).  Small merges too: a
   * thread costs little next to reading a profile, and one way of
   * merging is one way to test.
   *
   * A -diff_base base's samples all carry pprof::base=true: unless the
   * profile's carry it too, none equals one of the profile's, so each
   * thread merges one of the two whole, without looking at the other's
   * samples. */
  n_shards = 2;
  by_input = n_inputs == 2 && inputs[1].mark_base && !has_base_label (inputs[0].profile);
  g_mutex_init (&intern_lock);
  for (guint k = 0; k < n_shards; k++)
    {
      gsize bound = by_input ? inputs[k].profile->n_samples : max_samples;

      sink_init (&sinks[k], b, k == 0 ? index : _ppv_merge_index_new (0, 0, 0, bound), n_types);
      sinks[k].shard = k;
      sinks[k].n_shards = by_input ? 1 : n_shards;
      sinks[k].intern_lock = &intern_lock;
      work[k] = (ShardWork) { &sinks[k], inputs, n_inputs, location_index, by_input ? (int) k : -1 };
    }
  if (n_shards > 1)
    {
      GThread *thread = g_thread_try_new ("ppv-merge", merge_shard, &work[1], NULL);

      merge_shard (&work[0]);
      if (thread != NULL)
        g_thread_join (thread);
      else
        merge_shard (&work[1]);
    }
  else
    merge_shard (&work[0]);
  g_mutex_clear (&intern_lock);

  /* The shards' entries in the order one index would have numbered
   * them: by the sample that made each. */
  for (guint k = 0; k < n_shards; k++)
    n_merged += _ppv_merge_index_n_samples (sinks[k].index);
  _ppv_profile_builder_reserve (b, n_merged, (gsize) n_merged * n_types, 0, 0, 0);
  {
    guint32 next[2] = { 0, 0 };
    guint32 count[2] = { 0, 0 };

    for (guint k = 0; k < n_shards; k++)
      count[k] = _ppv_merge_index_n_samples (sinks[k].index);
    while (next[0] < count[0] || next[1] < count[1])
      {
        guint k = next[1] >= count[1] ? 0
                  : next[0] >= count[0] ? 1
                  : g_array_index (sinks[0].first_seen, guint64, next[0]) <
                    g_array_index (sinks[1].first_seen, guint64, next[1]) ? 0 : 1;

        emit_sample (&sinks[k], next[k]++, n_types);
      }
  }

  for (guint k = 0; k < n_shards; k++)
    {
      if (k > 0)
        _ppv_merge_index_free (sinks[k].index);
      sink_clear (&sinks[k]);
    }
}
