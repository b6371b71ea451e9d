/* ppv-merge-private.h — what the merge's two files share: an input and its value transforms, the string cache, the sample merge.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-merge-index.h"
#include "ppv-profile.h"

G_BEGIN_DECLS

#define MAX_STEPS 3

typedef struct
{
  PpvProfile *profile;
  double     *steps[MAX_STEPS];   /* per-column ratios, applied in order */
  guint       n_steps;
  gboolean    mark_base;          /* add pprof::base=true */
} MergeInput;

/* Input strings are interned per profile, so one pointer stands for one
 * string within an input; a small direct-mapped cache spares most label
 * strings a hash lookup in the merged profile's builder. */
#define N_STRING_CACHE 1024

typedef struct
{
  const char *from[N_STRING_CACHE];
  const char *to[N_STRING_CACHE];
} StringCache;

static inline const char *
_ppv_merge_intern_cached (PpvProfileBuilder *b,
                          StringCache       *cache,
                          GMutex            *lock,
                          const char        *str)
{
  gsize slot = ((guintptr) str >> 3) % N_STRING_CACHE;

  if (str == NULL)
    return NULL;
  if (cache->from[slot] != str)
    {
      cache->from[slot] = str;
      if (lock != NULL)
        g_mutex_lock (lock);
      cache->to[slot] = ppv_profile_builder_intern (b, str);
      if (lock != NULL)
        g_mutex_unlock (lock);
    }
  return cache->to[slot];
}

/* ppv-merge-samples.c: merges the samples of every input (whose
 * locations @location_index maps to merged entries, numbered as in
 * @index) and adds them to @b in the order pprof's Merge would. */
void _ppv_merge_samples (PpvProfileBuilder *b,
                         const MergeInput  *inputs,
                         guint              n_inputs,
                         guint32          **location_index,
                         PpvMergeIndex     *index,
                         gsize              max_samples);

G_END_DECLS
