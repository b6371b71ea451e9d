/* ppv-merge.c — combining several profiles as pprof does: merge, -base, -diff_base.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Follows pprof's profile.Merge: mappings, functions and locations are
 * de-duplicated by content, samples by (locations, labels), and values of
 * equal samples are summed.  Value transforms (unit scaling, -normalize,
 * negating a base) are applied on the way in, each with pprof's rule that
 * a sample scaled to all zeros is dropped.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ppv-error.h"
#include "ppv-merge.h"
#include "ppv-profile-private.h"
#include "ppv-units.h"

#define MAX_STEPS 3

typedef struct
{
  PpvProfile *profile;
  double     *steps[MAX_STEPS];   /* per-column ratios, applied in order */
  guint       n_steps;
  gboolean    mark_base;          /* add pprof::base=true */
} MergeInput;

typedef struct
{
  GArray *locations;   /* guint32 merged location index per sample, concatenated */
  GArray *labels;      /* PpvLabel */
  GArray *values;      /* gint64 */
  GArray *samples;     /* MergedSample */
} MergedSamples;

typedef struct
{
  guint32 loc_offset, n_locs;
  guint32 label_offset, n_labels;
} MergedSample;

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

static char *
mapping_key (const PpvMapping *m)
{
  guint64 size = m->memory_limit - m->memory_start;
  size = size + 0x1000 - 1;
  size -= size % 0x1000;
  return g_strdup_printf ("%" G_GINT64_MODIFIER "x|%" G_GINT64_MODIFIER "x|%s", size, m->file_offset,
                          m->build_id[0] ? m->build_id : m->filename);
}

static int
compare_label_strings (gconstpointer a,
                       gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static PpvProfile *
merge_inputs (MergeInput  *inputs,
              guint        n_inputs,
              GError     **error)
{
  PpvProfile *first = inputs[0].profile;
  guint n_types = first->n_sample_types;
  PpvProfileBuilder *b = ppv_profile_builder_new ();
  g_autoptr(GHashTable) mappings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) functions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) locations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) samples = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) mapping_starts = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GArray) merged_values = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) sample_keys = g_ptr_array_new ();
  g_autoptr(GArray) sample_locs = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GArray) sample_loc_offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) sample_labels = g_array_new (FALSE, FALSE, sizeof (PpvLabel));
  g_autoptr(GArray) sample_label_offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree gint64 *scaled = g_new (gint64, MAX (n_types, 1));
  gint64 time_nanos = 0, duration = 0, period = 0;
  const char *default_type = "";
  guint64 next_mapping_id = 1, next_function_id = 1, next_location_id = 1;

  /* Headers: first profile's types; earliest time; summed durations. */
  for (guint j = 1; j < n_inputs; j++)
    {
      PpvProfile *p = inputs[j].profile;
      gboolean same = g_strcmp0 (p->period_type.type, first->period_type.type) == 0 &&
                      g_strcmp0 (p->period_type.unit, first->period_type.unit) == 0 &&
                      p->n_sample_types == n_types;
      for (guint i = 0; same && i < n_types; i++)
        same = strcmp (p->sample_types[i].type, first->sample_types[i].type) == 0;
      if (!same)
        {
          g_set_error (error, PPV_REPORT_ERROR, PPV_REPORT_ERROR_INCOMPATIBLE,
                       "incompatible profiles: period or sample types differ (%s/%s vs %s/%s)",
                       first->period_type.type, first->period_type.unit,
                       p->period_type.type, p->period_type.unit);
          ppv_profile_builder_free (b);
          return NULL;
        }
    }

  for (guint i = 0; i < n_types; i++)
    ppv_profile_builder_add_sample_type (b, first->sample_types[i].type, first->sample_types[i].unit);

  {
    g_autoptr(GHashTable) seen_comments = g_hash_table_new (g_str_hash, g_str_equal);
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
  }
  ppv_profile_builder_set_times (b, time_nanos, duration);
  ppv_profile_builder_set_period (b, first->period_type.type, first->period_type.unit, period);
  ppv_profile_builder_set_frames (b, first->drop_frames, first->keep_frames);
  ppv_profile_builder_set_default_sample_type (b, default_type);
  ppv_profile_builder_set_doc_url (b, first->doc_url);

  for (guint j = 0; j < n_inputs; j++)
    {
      PpvProfile *p = inputs[j].profile;
      g_autofree guint64 *mapping_id = g_new0 (guint64, MAX (p->n_mappings, 1));
      g_autofree gint64 *mapping_offset = g_new0 (gint64, MAX (p->n_mappings, 1));
      g_autofree guint64 *function_id = g_new0 (guint64, MAX (p->n_functions, 1));
      g_autofree guint64 *location_id = g_new0 (guint64, MAX (p->n_locations, 1));

      /* mapping[0] stays first: it names the main binary. */
      for (guint32 m = 0; m < p->n_mappings; m++)
        {
          char *key = mapping_key (&p->mappings[m]);
          gpointer found;

          if (g_hash_table_lookup_extended (mappings, key, NULL, &found))
            {
              guint64 id = GPOINTER_TO_SIZE (found);
              mapping_id[m] = id;
              mapping_offset[m] = (gint64) g_array_index (mapping_starts, guint64, id - 1) -
                                  (gint64) p->mappings[m].memory_start;
              g_free (key);
            }
          else
            {
              PpvMapping copy = p->mappings[m];
              copy.id = next_mapping_id++;
              ppv_profile_builder_add_mapping (b, &copy);
              g_array_append_val (mapping_starts, copy.memory_start);
              g_hash_table_insert (mappings, key, GSIZE_TO_POINTER (copy.id));
              mapping_id[m] = copy.id;
            }
        }

      for (guint32 f = 0; f < p->n_functions; f++)
        {
          const PpvFunction *fn = &p->functions[f];
          char *key = g_strdup_printf ("%" G_GINT64_FORMAT "|%s|%s|%s", fn->start_line,
                                       fn->name, fn->system_name, fn->filename);
          gpointer found;

          /* Names may hold '|': length-prefix would be exact; names and
           * files containing '|' in the same place are vanishingly rare. */
          if (g_hash_table_lookup_extended (functions, key, NULL, &found))
            {
              function_id[f] = GPOINTER_TO_SIZE (found);
              g_free (key);
            }
          else
            {
              PpvFunction copy = *fn;
              copy.id = next_function_id++;
              ppv_profile_builder_add_function (b, &copy);
              g_hash_table_insert (functions, key, GSIZE_TO_POINTER (copy.id));
              function_id[f] = copy.id;
            }
        }

      for (guint32 l = 0; l < p->n_locations; l++)
        {
          const PpvLocation *loc = &p->locations[l];
          guint64 mid = loc->mapping != PPV_NONE ? mapping_id[loc->mapping] : 0;
          guint64 address = loc->mapping != PPV_NONE ?
              (guint64) ((gint64) loc->address + mapping_offset[loc->mapping]) : loc->address;
          guint64 key_addr = address;
          GString *key = g_string_new (NULL);
          gpointer found;

          if (mid != 0)
            key_addr -= g_array_index (mapping_starts, guint64, mid - 1);
          g_string_printf (key, "%" G_GINT64_MODIFIER "x|%" G_GINT64_MODIFIER "x|%d",
                           key_addr, mid, loc->is_folded);
          for (guint32 i = 0; i < loc->n_lines; i++)
            {
              const PpvLine *ln = &p->lines[loc->lines_offset + i];
              g_string_append_printf (key, "|%" G_GINT64_MODIFIER "x|%" G_GINT64_FORMAT,
                                      function_id[ln->function], ln->line);
            }

          if (g_hash_table_lookup_extended (locations, key->str, NULL, &found))
            {
              location_id[l] = GPOINTER_TO_SIZE (found);
              g_string_free (key, TRUE);
            }
          else
            {
              g_autofree guint64 *fids = g_new (guint64, MAX (loc->n_lines, 1));
              g_autofree gint64 *lines = g_new (gint64, MAX (loc->n_lines, 1));
              g_autofree gint64 *columns = g_new (gint64, MAX (loc->n_lines, 1));
              guint64 id = next_location_id++;

              for (guint32 i = 0; i < loc->n_lines; i++)
                {
                  const PpvLine *ln = &p->lines[loc->lines_offset + i];
                  fids[i] = function_id[ln->function];
                  lines[i] = ln->line;
                  columns[i] = ln->column;
                }
              ppv_profile_builder_add_location (b, id, mid, address, loc->is_folded,
                                                fids, lines, columns, loc->n_lines);
              g_hash_table_insert (locations, g_string_free (key, FALSE), GSIZE_TO_POINTER (id));
              location_id[l] = id;
            }
        }

      for (guint32 s = 0; s < p->n_samples; s++)
        {
          const PpvSample *sample = &p->samples[s];
          g_autoptr(GPtrArray) label_strings = g_ptr_array_new_with_free_func (g_free);
          GString *key = g_string_new (NULL);
          gboolean zero = TRUE;
          gpointer found;

          if (!scale_values (&inputs[j], ppv_profile_sample_values (p, s), n_types, scaled))
            {
              g_string_free (key, TRUE);
              continue;
            }
          for (guint i = 0; i < n_types; i++)
            zero &= scaled[i] == 0;
          if (zero)
            {
              g_string_free (key, TRUE);
              continue;
            }

          for (guint32 i = 0; i < sample->n_locations; i++)
            g_string_append_printf (key, "%" G_GINT64_MODIFIER "x|",
                                    location_id[p->stacks[sample->stack_offset + i]]);
          for (guint32 i = 0; i < sample->n_labels; i++)
            {
              const PpvLabel *l = &p->labels[sample->labels_offset + i];
              if (inputs[j].mark_base && strcmp (l->key, "pprof::base") == 0)
                continue;
              if (l->str != NULL)
                g_ptr_array_add (label_strings, g_strdup_printf ("s%zu:%s=%s", strlen (l->key), l->key, l->str));
              else
                g_ptr_array_add (label_strings, g_strdup_printf ("n%zu:%s=%" G_GINT64_FORMAT "%s",
                                                                 strlen (l->key), l->key, l->num, l->num_unit));
            }
          if (inputs[j].mark_base)
            g_ptr_array_add (label_strings, g_strdup ("s11:pprof::base=true"));
          g_ptr_array_sort (label_strings, compare_label_strings);
          for (guint i = 0; i < label_strings->len; i++)
            {
              g_string_append (key, g_ptr_array_index (label_strings, i));
              g_string_append_c (key, '\x1f');
            }

          if (g_hash_table_lookup_extended (samples, key->str, NULL, &found))
            {
              gint64 *dst = &g_array_index (merged_values, gint64, GPOINTER_TO_SIZE (found) * n_types);
              for (guint i = 0; i < n_types; i++)
                dst[i] += scaled[i];
              g_string_free (key, TRUE);
              continue;
            }

          g_hash_table_insert (samples, g_string_free (key, FALSE), GSIZE_TO_POINTER (sample_keys->len));
          g_ptr_array_add (sample_keys, NULL);
          g_array_append_vals (merged_values, scaled, n_types);

          {
            guint32 off = sample_locs->len;
            g_array_append_val (sample_loc_offsets, off);
            for (guint32 i = 0; i < sample->n_locations; i++)
              g_array_append_val (sample_locs, location_id[p->stacks[sample->stack_offset + i]]);
            off = sample_labels->len;
            g_array_append_val (sample_label_offsets, off);
            for (guint32 i = 0; i < sample->n_labels; i++)
              {
                PpvLabel l = p->labels[sample->labels_offset + i];
                if (inputs[j].mark_base && strcmp (l.key, "pprof::base") == 0)
                  continue;
                l.key = ppv_profile_builder_intern (b, l.key);
                l.str = l.str ? ppv_profile_builder_intern (b, l.str) : NULL;
                l.num_unit = ppv_profile_builder_intern (b, l.num_unit);
                g_array_append_val (sample_labels, l);
              }
            if (inputs[j].mark_base)
              {
                PpvLabel l = { ppv_profile_builder_intern (b, "pprof::base"),
                               ppv_profile_builder_intern (b, "true"), 0,
                               ppv_profile_builder_intern (b, "") };
                g_array_append_val (sample_labels, l);
              }
          }
        }
    }

  {
    guint32 end_locs = sample_locs->len, end_labels = sample_labels->len;
    g_array_append_val (sample_loc_offsets, end_locs);
    g_array_append_val (sample_label_offsets, end_labels);
  }

  /* pprof drops samples whose summed values cancel out entirely. */
  for (guint k = 0; k < sample_keys->len; k++)
    {
      const gint64 *v = &g_array_index (merged_values, gint64, k * n_types);
      guint32 lo = g_array_index (sample_loc_offsets, guint32, k);
      guint32 lo_end = g_array_index (sample_loc_offsets, guint32, k + 1);
      guint32 la = g_array_index (sample_label_offsets, guint32, k);
      guint32 la_end = g_array_index (sample_label_offsets, guint32, k + 1);
      gboolean zero = TRUE;

      for (guint i = 0; i < n_types; i++)
        zero &= v[i] == 0;
      if (zero)
        continue;
      ppv_profile_builder_add_sample (b, &g_array_index (sample_locs, guint64, lo), lo_end - lo,
                                      v, n_types, &g_array_index (sample_labels, PpvLabel, la), la_end - la);
    }

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

/* pprof's simplifyFunc: drop a leading '.', cut at the first '(' that is
 * not part of "(anonymous namespace)" or "operator()". */
char *
_ppv_simplify_function_name (const char *name)
{
  static const char *reserved[] = { "(anonymous namespace)", "operator()" };
  const char *p;

  if (name[0] == '.')
    name++;
  for (p = name; *p; p++)
    {
      gboolean skipped = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
        if (g_str_has_prefix (p, reserved[i]))
          {
            p += strlen (reserved[i]) - 1;
            skipped = TRUE;
            break;
          }
      if (!skipped && *p == '(')
        return g_strndup (name, p - name);
    }
  return g_strdup (name);
}

static GRegex *
compile_anchored (const char  *pattern,
                  GError     **error)
{
  g_autofree char *anchored = g_strdup_printf ("^(%s)$", pattern);
  g_autoptr(GError) local_error = NULL;
  GRegex *regex = g_regex_new (anchored, 0, 0, &local_error);

  if (regex == NULL)
    g_set_error (error, PPV_REPORT_ERROR, PPV_REPORT_ERROR_REGEX,
                 "failed to compile regexp %s: %s", pattern, local_error->message);
  return regex;
}

/* pprof's RemoveUninteresting: frames matching the profile's drop_frames
 * (unless keep_frames) are cut off with everything leafward of them. */
static PpvProfile *
remove_uninteresting (PpvProfile  *p,
                      GError     **error)
{
  g_autoptr(GRegex) drop = NULL;
  g_autoptr(GRegex) keep = NULL;
  g_autofree guint8 *drop_fn = NULL;
  g_autofree guint8 *prune = NULL;
  g_autofree guint8 *prune_beneath = NULL;
  g_autofree guint32 *first_line = NULL;
  PpvProfileBuilder *b;

  if (p->drop_frames == NULL || p->drop_frames[0] == '\0')
    return ppv_profile_ref (p);
  if (!(drop = compile_anchored (p->drop_frames, error)))
    return NULL;
  if (p->keep_frames && p->keep_frames[0] && !(keep = compile_anchored (p->keep_frames, error)))
    return NULL;

  drop_fn = g_new0 (guint8, MAX (p->n_functions, 1));
  for (guint32 f = 0; f < p->n_functions; f++)
    {
      g_autofree char *simple = NULL;

      if (p->functions[f].name[0] == '\0')
        continue;
      simple = _ppv_simplify_function_name (p->functions[f].name);
      drop_fn[f] = g_regex_match (drop, simple, 0, NULL) &&
                   (keep == NULL || !g_regex_match (keep, simple, 0, NULL));
    }

  prune = g_new0 (guint8, MAX (p->n_locations, 1));
  prune_beneath = g_new0 (guint8, MAX (p->n_locations, 1));
  first_line = g_new0 (guint32, MAX (p->n_locations, 1));
  for (guint32 l = 0; l < p->n_locations; l++)
    {
      const PpvLocation *loc = &p->locations[l];
      guint32 i;

      /* The outermost matching line decides; inner lines go with it. */
      for (i = loc->n_lines; i > 0; i--)
        if (drop_fn[p->lines[loc->lines_offset + i - 1].function])
          break;
      if (i > 0)
        {
          prune_beneath[l] = TRUE;
          if (i == loc->n_lines)
            prune[l] = TRUE;
          else
            first_line[l] = i;
        }
    }

  b = ppv_profile_builder_new ();
  _ppv_profile_builder_copy_header (b, p);
  for (guint32 l = 0; l < p->n_locations; l++)
    _ppv_profile_builder_copy_location (b, p, l, first_line[l]);

  for (guint32 s = 0; s < p->n_samples; s++)
    {
      const PpvSample *sample = &p->samples[s];
      const guint32 *stack = p->stacks + sample->stack_offset;
      guint32 start = 0;
      gboolean found_user = FALSE;

      /* From the root: past the first "user" frame, cut at a pruned one. */
      for (guint32 i = sample->n_locations; i > 0; i--)
        {
          guint32 loc = stack[i - 1];

          if (!prune[loc] && !prune_beneath[loc])
            {
              found_user = TRUE;
              continue;
            }
          if (!found_user)
            continue;
          start = prune[loc] ? i : i - 1;
          break;
        }

      ppv_profile_builder_add_sample_indexed (b, stack + start, sample->n_locations - start,
                                              ppv_profile_sample_values (p, s), p->n_sample_types,
                                              p->labels + sample->labels_offset, sample->n_labels);
    }

  return ppv_profile_builder_finish (b, "pruned profile", error);
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
  return remove_uninteresting (merged, error);
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
