/* ppv-merge.c — combining several profiles as pprof does: merge, -base, -diff_base.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Follows pprof's profile.Merge: mappings, functions and locations are
 * de-duplicated by content, samples by (locations, labels), and values of
 * equal samples are summed; the keys are integers and interned strings
 * (ppv-merge-index.c), not pprof's key strings.  Value transforms (unit scaling, -normalize,
 * negating a base) are applied on the way in, each with pprof's rule that
 * a sample scaled to all zeros is dropped.
 */
#include <stdlib.h>
#include <string.h>

#include "ppv-error.h"
#include "ppv-merge.h"
#include "ppv-merge-index.h"
#include "ppv-merge-private.h"
#include "ppv-profile-private.h"
#include "ppv-units.h"

static void
input_clear (MergeInput *in)
{
  for (guint i = 0; i < in->n_steps; i++)
    g_free (in->steps[i]);
  in->n_steps = 0;
}

static void
input_add_step (MergeInput *in,
                double     *ratios)
{
  g_assert (in->n_steps < MAX_STEPS);
  in->steps[in->n_steps++] = ratios;
}

/* pprof's ScaleProfiles: finest common unit per column and for the period. */
static gboolean
add_unit_scaling (MergeInput  *inputs,
                  guint        n_inputs,
                  const char **common_units,
                  GError     **error)
{
  guint n_types = inputs[0].profile->n_sample_types;

  for (guint j = 1; j < n_inputs; j++)
    if (inputs[j].profile->n_sample_types != n_types)
      {
        g_set_error (error, PPV_REPORT_ERROR, PPV_REPORT_ERROR_INCOMPATIBLE,
                     "inconsistent samples type count: %u != %u",
                     n_types, inputs[j].profile->n_sample_types);
        return FALSE;
      }

  for (guint i = 0; i < n_types; i++)
    {
      const PpvValueType *min_type = &inputs[0].profile->sample_types[i];

      common_units[i] = min_type->unit;
      if (n_inputs <= 1)
        continue;

      for (guint j = 1; j < n_inputs; j++)
        {
          const PpvValueType *t = &inputs[j].profile->sample_types[i];
          g_autofree char *a = g_strdup (min_type->type);
          g_autofree char *b = g_strdup (t->type);
          gsize la = strlen (a), lb = strlen (b);

          if (la && a[la - 1] == 's') a[la - 1] = '\0';
          if (lb && b[lb - 1] == 's') b[lb - 1] = '\0';
          if (strcmp (a, b) != 0 ||
              (strcmp (min_type->unit, t->unit) != 0 && !ppv_units_compatible (min_type->unit, t->unit)))
            {
              g_set_error (error, PPV_REPORT_ERROR, PPV_REPORT_ERROR_INCOMPATIBLE,
                           "sample types: incompatible types: %s/%s and %s/%s",
                           min_type->type, min_type->unit, t->type, t->unit);
              return FALSE;
            }
          if (ppv_unit_scale (1, t->unit, min_type->unit, NULL) < 1)
            min_type = t;
        }
      common_units[i] = min_type->unit;
    }

  for (guint j = 0; j < n_inputs && n_inputs > 1; j++)
    {
      double *ratios = g_new (double, n_types);
      for (guint i = 0; i < n_types; i++)
        ratios[i] = ppv_unit_scale (1, inputs[j].profile->sample_types[i].unit, common_units[i], NULL);
      input_add_step (&inputs[j], ratios);
    }
  return TRUE;
}

static void
merge_headers (PpvProfileBuilder *b,
               MergeInput        *inputs,
               guint              n_inputs)
{
  PpvProfile *first = inputs[0].profile;
  g_autoptr(GHashTable) seen_comments = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 time_nanos = 0, duration = 0, period = 0;
  const char *default_type = "";

  for (guint i = 0; i < first->n_sample_types; i++)
    ppv_profile_builder_add_sample_type (b, first->sample_types[i].type, first->sample_types[i].unit);

  /* First profile's types; earliest time; summed durations. */
  for (guint j = 0; j < n_inputs; j++)
    {
      PpvProfile *p = inputs[j].profile;
      if (time_nanos == 0 || p->time_nanos < time_nanos)
        time_nanos = p->time_nanos;
      duration += p->duration_nanos;
      if (period == 0 || period < p->period)
        period = p->period;
      for (guint c = 0; c < p->n_comments; c++)
        if (g_hash_table_add (seen_comments, (gpointer) p->comments[c]))
          ppv_profile_builder_add_comment (b, p->comments[c]);
      if (default_type[0] == '\0' && p->default_sample_type)
        default_type = p->default_sample_type;
    }
  ppv_profile_builder_set_times (b, time_nanos, duration);
  ppv_profile_builder_set_period (b, first->period_type.type, first->period_type.unit, period);
  ppv_profile_builder_set_frames (b, first->drop_frames, first->keep_frames);
  ppv_profile_builder_set_default_sample_type (b, default_type);
  ppv_profile_builder_set_doc_url (b, first->doc_url);
}

static gboolean
check_compatible (MergeInput  *inputs,
                  guint        n_inputs,
                  GError     **error)
{
  PpvProfile *first = inputs[0].profile;

  for (guint j = 1; j < n_inputs; j++)
    {
      PpvProfile *p = inputs[j].profile;
      gboolean same = g_strcmp0 (p->period_type.type, first->period_type.type) == 0 &&
                      g_strcmp0 (p->period_type.unit, first->period_type.unit) == 0 &&
                      p->n_sample_types == first->n_sample_types;
      for (guint i = 0; same && i < first->n_sample_types; i++)
        same = strcmp (p->sample_types[i].type, first->sample_types[i].type) == 0;
      if (!same)
        {
          g_set_error (error, PPV_REPORT_ERROR, PPV_REPORT_ERROR_INCOMPATIBLE,
                       "incompatible profiles: period or sample types differ (%s/%s vs %s/%s)",
                       first->period_type.type, first->period_type.unit,
                       p->period_type.type, p->period_type.unit);
          return FALSE;
        }
    }
  return TRUE;
}

/* Merged entries are numbered from 0 in the order first seen; their ids in
 * the merged profile are those numbers + 1, so a location's index in the
 * built profile is its entry number. */
typedef struct
{
  PpvProfileBuilder *b;
  PpvMergeIndex     *index;
  GArray            *mapping_starts;   /* guint64 per merged mapping */
  GArray            *scratch_u64;
  GArray            *scratch_i64;
  GArray            *scratch_i64b;
  GArray            *stack;            /* guint32 */
  StringCache        cache;
} Merger;

static void
merge_mappings (Merger     *m,
                PpvProfile *p,
                guint32    *mapping_id,
                gint64     *mapping_offset)
{
  /* mapping[0] stays first: it names the main binary. */
  for (guint32 i = 0; i < p->n_mappings; i++)
    {
      const PpvMapping *mp = &p->mappings[i];
      guint64 size = mp->memory_limit - mp->memory_start;
      const char *id = ppv_profile_builder_intern (m->b, mp->build_id[0] ? mp->build_id : mp->filename);
      gboolean is_new;
      guint32 entry;

      size = size + 0x1000 - 1;
      size -= size % 0x1000;
      entry = _ppv_merge_index_mapping (m->index, size, mp->file_offset, id, &is_new);
      mapping_id[i] = entry + 1;
      if (is_new)
        {
          PpvMapping copy = *mp;
          copy.id = entry + 1;
          ppv_profile_builder_add_mapping (m->b, &copy);
          g_array_append_val (m->mapping_starts, copy.memory_start);
        }
      else
        mapping_offset[i] = (gint64) g_array_index (m->mapping_starts, guint64, entry) -
                            (gint64) mp->memory_start;
    }
}

static void
merge_functions (Merger     *m,
                 PpvProfile *p,
                 guint32    *function_id)
{
  for (guint32 f = 0; f < p->n_functions; f++)
    {
      const PpvFunction *fn = &p->functions[f];
      gboolean is_new;
      /* Input strings are interned: a system name is mostly the name's
       * pointer, and file names repeat.  (NULL interns as "".) */
      const char *name = ppv_profile_builder_intern (m->b, fn->name);
      const char *system_name = fn->system_name == fn->name ? name
                                : fn->system_name == NULL ? ppv_profile_builder_intern (m->b, NULL)
                                : _ppv_merge_intern_cached (m->b, &m->cache, NULL, fn->system_name);
      const char *filename = fn->filename == NULL
                             ? ppv_profile_builder_intern (m->b, NULL)
                             : _ppv_merge_intern_cached (m->b, &m->cache, NULL, fn->filename);
      guint32 entry = _ppv_merge_index_function (m->index, name, system_name, filename,
                                                 fn->start_line, &is_new);

      function_id[f] = entry + 1;
      if (is_new)
        {
          PpvFunction copy = *fn;
          copy.id = entry + 1;
          ppv_profile_builder_add_function (m->b, &copy);
        }
    }
}

static void
merge_locations (Merger        *m,
                 PpvProfile    *p,
                 const guint32 *mapping_id,
                 const gint64  *mapping_offset,
                 const guint32 *function_id,
                 guint32       *location_index)
{
  for (guint32 l = 0; l < p->n_locations; l++)
    {
      const PpvLocation *loc = &p->locations[l];
      guint32 mid = loc->mapping != PPV_NONE ? mapping_id[loc->mapping] : 0;
      guint64 address = loc->mapping != PPV_NONE ?
          (guint64) ((gint64) loc->address + mapping_offset[loc->mapping]) : loc->address;
      guint64 key_addr = mid != 0 ? address - g_array_index (m->mapping_starts, guint64, mid - 1) : address;
      guint64 *fids;
      gint64 *lines, *columns;
      guint32 *fids32;
      gboolean is_new;

      g_array_set_size (m->scratch_u64, loc->n_lines);
      g_array_set_size (m->scratch_i64, loc->n_lines);
      g_array_set_size (m->scratch_i64b, loc->n_lines);
      g_array_set_size (m->stack, loc->n_lines);
      fids = (guint64 *) (gpointer) m->scratch_u64->data;
      lines = (gint64 *) (gpointer) m->scratch_i64->data;
      columns = (gint64 *) (gpointer) m->scratch_i64b->data;
      fids32 = (guint32 *) (gpointer) m->stack->data;
      for (guint32 i = 0; i < loc->n_lines; i++)
        {
          const PpvLine *ln = &p->lines[loc->lines_offset + i];
          fids32[i] = function_id[ln->function];
          fids[i] = fids32[i];
          lines[i] = ln->line;
          columns[i] = ln->column;
        }

      location_index[l] = _ppv_merge_index_location (m->index, key_addr, mid, loc->is_folded,
                                                     fids32, lines, loc->n_lines, &is_new);
      if (is_new)
        ppv_profile_builder_add_location (m->b, location_index[l] + 1, mid, address, loc->is_folded,
                                          fids, lines, columns, loc->n_lines);
    }
}

static PpvProfile *
merge_inputs (MergeInput  *inputs,
              guint        n_inputs,
              GError     **error)
{
  gsize max_mappings = 0, max_functions = 0, max_locations = 0, max_samples = 0;
  g_autofree Merger *m = NULL;
  g_autofree guint32 **location_index = g_new0 (guint32 *, n_inputs);
  PpvProfileBuilder *b;

  if (!check_compatible (inputs, n_inputs, error))
    return NULL;

  for (guint j = 0; j < n_inputs; j++)
    {
      max_mappings += inputs[j].profile->n_mappings;
      max_functions += inputs[j].profile->n_functions;
      max_locations += inputs[j].profile->n_locations;
      max_samples += inputs[j].profile->n_samples;
    }

  b = ppv_profile_builder_new ();
  merge_headers (b, inputs, n_inputs);

  m = g_new0 (Merger, 1);
  m->b = b;
  m->index = _ppv_merge_index_new (max_mappings, max_functions, max_locations, max_samples);
  /* Reserved, so that their data is never NULL. */
  m->mapping_starts = g_array_sized_new (FALSE, FALSE, sizeof (guint64), 16);
  m->scratch_u64 = g_array_sized_new (FALSE, FALSE, sizeof (guint64), 16);
  m->scratch_i64 = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 16);
  m->scratch_i64b = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 16);
  m->stack = g_array_sized_new (FALSE, FALSE, sizeof (guint32), 64);

  /* Mappings, functions and locations of every input first: samples
   * refer to them, and add none. */
  for (guint j = 0; j < n_inputs; j++)
    {
      PpvProfile *p = inputs[j].profile;
      g_autofree guint32 *mapping_id = g_new0 (guint32, MAX (p->n_mappings, 1));
      g_autofree gint64 *mapping_offset = g_new0 (gint64, MAX (p->n_mappings, 1));
      g_autofree guint32 *function_id = g_new0 (guint32, MAX (p->n_functions, 1));

      location_index[j] = g_new0 (guint32, MAX (p->n_locations, 1));
      /* The cache maps this input's string pointers. */
      memset (&m->cache, 0, sizeof m->cache);
      merge_mappings (m, p, mapping_id, mapping_offset);
      merge_functions (m, p, function_id);
      merge_locations (m, p, mapping_id, mapping_offset, function_id, location_index[j]);
    }

  _ppv_merge_samples (b, inputs, n_inputs, location_index, m->index, max_samples);

  for (guint j = 0; j < n_inputs; j++)
    g_free (location_index[j]);
  _ppv_merge_index_free (m->index);
  g_array_unref (m->mapping_starts);
  g_array_unref (m->scratch_u64);
  g_array_unref (m->scratch_i64);
  g_array_unref (m->scratch_i64b);
  g_array_unref (m->stack);
  return ppv_profile_builder_finish (b, "merged profile", error);
}

typedef struct
{
  guint64 hash;
  guint32 sample;
} SampleHash;

static int
compare_sample_hashes (gconstpointer a,
                       gconstpointer b)
{
  const SampleHash *x = a, *y = b;
  if (x->hash != y->hash)
    return x->hash < y->hash ? -1 : 1;
  return 0;
}

gboolean
_ppv_profile_samples_alike (PpvProfile *p,
                            guint32     a,
                            guint32     b)
{
  const PpvSample *x = &p->samples[a], *y = &p->samples[b];

  return x->n_locations == y->n_locations && x->n_labels == y->n_labels &&
         memcmp (p->stacks + x->stack_offset, p->stacks + y->stack_offset,
                 x->n_locations * sizeof (guint32)) == 0 &&
         memcmp (p->labels + x->labels_offset, p->labels + y->labels_offset,
                 x->n_labels * sizeof (PpvLabel)) == 0;
}

guint64
_ppv_profile_sample_hash (PpvProfile *p,
                          guint32     s)
{
  const PpvSample *sample = &p->samples[s];
  const guchar *bytes;
  guint64 h = 1469598103934665603ull;

  bytes = (const guchar *) (p->stacks + sample->stack_offset);
  for (gsize i = 0; i < sample->n_locations * sizeof (guint32); i++)
    h = (h ^ bytes[i]) * 1099511628211ull;
  bytes = (const guchar *) (p->labels + sample->labels_offset);
  for (gsize i = 0; i < sample->n_labels * sizeof (PpvLabel); i++)
    h = (h ^ bytes[i]) * 1099511628211ull;
  return h;
}

/* Whether two samples have the same stack and labels (labels compare by
 * interned pointers, so equal labels are equal bytes), or one is all zero:
 * then merging the profile on its own changes its samples. */
static gboolean
has_mergeable_samples (PpvProfile *p)
{
  g_autofree SampleHash *hashes = g_new (SampleHash, MAX (p->n_samples, 1));

  for (guint32 s = 0; s < p->n_samples; s++)
    {
      const gint64 *v = ppv_profile_sample_values (p, s);
      gboolean zero = TRUE;

      for (guint i = 0; i < p->n_sample_types; i++)
        zero &= v[i] == 0;
      if (zero)
        return TRUE;

      hashes[s].hash = _ppv_profile_sample_hash (p, s);
      hashes[s].sample = s;
    }

  qsort (hashes, p->n_samples, sizeof (SampleHash), compare_sample_hashes);
  for (guint32 i = 1; i < p->n_samples; i++)
    for (guint32 j = i; j > 0 && hashes[j - 1].hash == hashes[i].hash; j--)
      if (_ppv_profile_samples_alike (p, hashes[j - 1].sample, hashes[i].sample))
        return TRUE;
  return FALSE;
}

/* Whether merging one profile could change a report.  Summing identical
 * samples only matters when their values differ in sign (the total is
 * Σ|v|), and all-zero samples never reach a report, so a profile without
 * negative values is used as it is. */
static gboolean
merge_would_change (PpvProfile *p)
{
  gboolean any_negative = FALSE;

  for (gsize i = 0; i < (gsize) p->n_samples * p->n_sample_types && !any_negative; i++)
    any_negative = p->values[i] < 0;
  return any_negative && has_mergeable_samples (p);
}

/* pprof merges even a single profile, so identical samples are summed
 * before anything scales them.  Only scaling with rounding (-normalize)
 * can tell the difference: a merged sample is rounded once, not once per
 * part ("for_rounding"). */
static PpvProfile *
merge_profiles (PpvProfile **profiles,
                guint        n_profiles,
                gboolean     for_rounding,
                GError     **error)
{
  g_autofree MergeInput *inputs = NULL;
  g_autofree const char **units = NULL;
  PpvProfile *result;

  if (n_profiles == 1 &&
      !(for_rounding ? has_mergeable_samples (profiles[0]) : merge_would_change (profiles[0])))
    return ppv_profile_ref (profiles[0]);

  inputs = g_new0 (MergeInput, n_profiles);
  units = g_new0 (const char *, profiles[0]->n_sample_types + 1);
  for (guint j = 0; j < n_profiles; j++)
    inputs[j].profile = profiles[j];

  if (!add_unit_scaling (inputs, n_profiles, units, error))
    result = NULL;
  else
    result = merge_inputs (inputs, n_profiles, error);

  for (guint j = 0; j < n_profiles; j++)
    input_clear (&inputs[j]);
  return result;
}

PpvProfile *
ppv_profile_merge (PpvProfile **profiles,
                   guint        n_profiles,
                   GError     **error)
{
  g_return_val_if_fail (n_profiles > 0, NULL);

  return merge_profiles (profiles, n_profiles, FALSE, error);
}

static double *
column_sums (PpvProfile *p)
{
  double *sums = g_new0 (double, MAX (p->n_sample_types, 1));
  g_autofree gint64 *isums = g_new0 (gint64, MAX (p->n_sample_types, 1));

  for (guint32 s = 0; s < p->n_samples; s++)
    for (guint i = 0; i < p->n_sample_types; i++)
      isums[i] += ppv_profile_sample_values (p, s)[i];
  for (guint i = 0; i < p->n_sample_types; i++)
    sums[i] = (double) isums[i];
  return sums;
}

static PpvProfile *
combine_and_merge (PpvProfile  **sources,
                   guint         n_sources,
                   PpvProfile  **bases,
                   guint         n_bases,
                   PpvBaseMode   mode,
                   gboolean      normalize,
                   GError      **error);

PpvProfile *
ppv_profile_combine (PpvProfile  **sources,
                     guint         n_sources,
                     PpvProfile  **bases,
                     guint         n_bases,
                     PpvBaseMode   mode,
                     gboolean      normalize,
                     GError      **error)
{
  g_autoptr(PpvProfile) merged = combine_and_merge (sources, n_sources, bases, n_bases,
                                                    mode, normalize, error);

  if (merged == NULL)
    return NULL;
  return _ppv_profile_remove_uninteresting (merged, error);
}

static PpvProfile *
combine_and_merge (PpvProfile **sources,
                     guint        n_sources,
                     PpvProfile **bases,
                     guint        n_bases,
                     PpvBaseMode  mode,
                     gboolean     normalize,
                     GError     **error)
{
  g_autoptr(PpvProfile) source = NULL;
  g_autoptr(PpvProfile) base = NULL;
  MergeInput inputs[2] = { { 0 } };
  const char *units[64] = { 0 };
  PpvProfile *result = NULL;
  guint n_types;

  source = merge_profiles (sources, n_sources, normalize && n_bases > 0 && mode != PPV_BASE_NONE, error);
  if (source == NULL)
    return NULL;

  if (n_bases == 0 || mode == PPV_BASE_NONE)
    {
      if (normalize)
        {
          g_set_error (error, PPV_REPORT_ERROR, PPV_REPORT_ERROR_OPTION,
                       "must have base profile to normalize by");
          return NULL;
        }
      return g_steal_pointer (&source);
    }

  base = ppv_profile_merge (bases, n_bases, error);
  if (base == NULL)
    return NULL;

  n_types = source->n_sample_types;
  if (base->n_sample_types != n_types || n_types > G_N_ELEMENTS (units))
    {
      g_set_error (error, PPV_REPORT_ERROR, PPV_REPORT_ERROR_INCOMPATIBLE,
                   "incompatible sample types: the base has %u, the profile %u",
                   base->n_sample_types, n_types);
      return NULL;
    }

  inputs[0].profile = source;
  inputs[1].profile = base;
  inputs[1].mark_base = mode == PPV_BASE_DIFF;

  if (normalize)
    {
      g_autofree double *base_sums = column_sums (base);
      g_autofree double *src_sums = column_sums (source);
      double *ratios = g_new (double, n_types);

      for (guint i = 0; i < n_types; i++)
        ratios[i] = src_sums[i] == 0 ? 0.0 : base_sums[i] / src_sums[i];
      input_add_step (&inputs[0], ratios);
    }

  {
    double *negate = g_new (double, n_types);
    for (guint i = 0; i < n_types; i++)
      negate[i] = -1;
    input_add_step (&inputs[1], negate);
  }

  if (add_unit_scaling (inputs, 2, units, error))
    result = merge_inputs (inputs, 2, error);

  input_clear (&inputs[0]);
  input_clear (&inputs[1]);
  return result;
}
