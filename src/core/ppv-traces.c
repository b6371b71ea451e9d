/* ppv-traces.c — pprof's -traces: every sample's stack, one after another.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pprof prints the samples of the profile as its Merge leaves them: a
 * sample whose values are all zero is gone, and samples with the same
 * stack and labels are one, at the first one's place.  Values are scaled
 * each on its own (the report's unit is never chosen), labels are printed
 * as sorted "%10s:  %s" lines, strings before numbers.
 */
#include <string.h>

#include "ppv-profile-private.h"
#include "ppv-report-context.h"
#include "ppv-traces.h"
#include "ppv-units.h"

#define SEPARATOR "-----------+-------------------------------------------------------\n"

typedef struct
{
  guint32 sample;     /* the first sample of its kind */
  gint64 *values;     /* summed over the samples alike, n_sample_types */
} MergedSample;

/* The samples in pprof's merged order, with their summed values. */
static GArray *
merge_samples (PpvProfile *p)
{
  GArray *merged = g_array_new (FALSE, FALSE, sizeof (MergedSample));
  g_autoptr(GHashTable) first = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree guint64 *hashes = g_new (guint64, MAX (p->n_samples, 1));

  for (guint32 s = 0; s < p->n_samples; s++)
    {
      const gint64 *values = ppv_profile_sample_values (p, s);
      gboolean zero = TRUE;
      gpointer chain;
      MergedSample *into = NULL;

      for (guint i = 0; i < p->n_sample_types; i++)
        zero &= values[i] == 0;
      if (zero)
        continue;

      hashes[s] = _ppv_profile_sample_hash (p, s);
      /* Each hash maps to the newest merged entry with it; older ones
       * with the same hash are found by walking back through the array. */
      chain = g_hash_table_lookup (first, &hashes[s]);
      if (chain != NULL)
        for (guint i = GPOINTER_TO_UINT (chain); i > 0 && into == NULL; i--)
          {
            MergedSample *m = &g_array_index (merged, MergedSample, i - 1);
            if (hashes[m->sample] == hashes[s] && _ppv_profile_samples_alike (p, m->sample, s))
              into = m;
          }

      if (into != NULL)
        {
          for (guint i = 0; i < p->n_sample_types; i++)
            into->values[i] += values[i];
          continue;
        }

      {
        MergedSample m = { s, g_memdup2 (values, p->n_sample_types * sizeof (gint64)) };
        g_array_append_val (merged, m);
        g_hash_table_insert (first, &hashes[s], GUINT_TO_POINTER (merged->len));
      }
    }

  return merged;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* One "%10s:  v1 v2" line per key, sorted as strings; @numeric picks the
 * numeric labels (each value scaled on its own in the key's unit). */
static void
append_label_lines (GString         *out,
                    PpvProfile      *p,
                    const PpvSample *sample,
                    gboolean         numeric,
                    GHashTable      *unit_cache)
{
  const PpvLabel *labels = p->labels + sample->labels_offset;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint32 i = 0; i < sample->n_labels; i++)
    {
      g_autoptr(GString) line = NULL;
      gboolean seen = FALSE;

      if ((labels[i].str == NULL) != numeric)
        continue;
      for (guint32 j = 0; j < i && !seen; j++)
        seen = (labels[j].str == NULL) == numeric && strcmp (labels[j].key, labels[i].key) == 0;
      if (seen)
        continue;

      line = g_string_new (NULL);
      g_string_append_printf (line, "%10s:  ", labels[i].key);
      for (guint32 j = i, n = 0; j < sample->n_labels; j++)
        {
          if ((labels[j].str == NULL) != numeric || strcmp (labels[j].key, labels[i].key) != 0)
            continue;
          if (n++ > 0)
            g_string_append_c (line, ' ');
          if (numeric)
            {
              const char *unit = _ppv_profile_num_label_unit (p, unit_cache, labels[j].key);
              g_autofree char *value = ppv_unit_scaled_label (labels[j].num, unit, "auto");
              g_string_append (line, value);
            }
          else
            g_string_append (line, labels[j].str);
        }
      g_string_append_c (line, '\n');
      g_ptr_array_add (lines, g_string_free (g_steal_pointer (&line), FALSE));
    }

  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    g_string_append (out, g_ptr_array_index (lines, i));
}

/* Prints the kept frames of one sample, leaf first; FALSE if none is left. */
static gboolean
append_stack (GString          *out,
              PpvReportContext *ctx,
              guint32           s,
              const char       *value)
{
  PpvProfile *p = _ppv_report_context_get_profile (ctx);
  const PpvFrameSelection *sel = _ppv_report_context_get_selection (ctx);
  const PpvNodeIds *ids = _ppv_report_context_get_node_ids (ctx);
  const guint32 *stack = p->stacks + p->samples[s].stack_offset;
  gboolean first = TRUE;

  for (guint32 i = _ppv_frame_selection_sample_start (sel, s); i < sel->sample_depth[s]; i++)
    {
      guint32 loc = stack[i];
      guint32 start = sel->loc_lines_offset[loc], end = sel->loc_lines_offset[loc + 1];

      for (guint32 k = start; k < end; k++)
        {
          const PpvNodeInfo *info = _ppv_node_ids_get_info (ids, ids->frame_info[k]);

          g_string_append_printf (out, "%10s   %s%s\n", first ? value : "", info->printable,
                                  k + 1 < end ? " (inline)" : "");
          first = FALSE;
        }
    }
  return !first;
}

char *
ppv_traces_format (PpvProfile             *profile,
                   const PpvReportOptions *options,
                   char                 ***warnings,
                   GCancellable           *cancellable,
                   GError                **error)
{
  g_autoptr(PpvReportContext) ctx = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) unit_cache = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) merged = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) block = g_string_new (NULL);
  const char *output_unit;
  const PpvFrameSelection *sel;
  guint sample_index;

  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  ctx = _ppv_report_context_new (profile, options, cancellable, error);
  if (ctx == NULL)
    return NULL;
  sel = _ppv_report_context_get_selection (ctx);
  sample_index = _ppv_report_context_get_sample_index (ctx);
  output_unit = options->unit && options->unit[0] ? options->unit : "minimum";

  if (warnings != NULL)
    *warnings = _ppv_frame_selection_dup_warnings (sel);

  _ppv_report_context_add_profile_labels (ctx, output_unit, header);
  for (guint i = 0; i < header->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (header, i));

  merged = merge_samples (profile);
  for (guint i = 0; i < merged->len; i++)
    {
      MergedSample *m = &g_array_index (merged, MergedSample, i);
      const PpvSample *sample = &profile->samples[m->sample];
      gint64 v = m->values[sample_index];
      gint64 d = options->mean ? m->values[0] : 0;
      g_autofree char *value = NULL;

      if (i % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto failed;
      if (!sel->sample_kept[m->sample])
        continue;

      if (d != 0)
        v /= d;
      value = _ppv_report_context_format_value (ctx, output_unit, v);

      g_string_truncate (block, 0);
      g_string_append (block, SEPARATOR);
      append_label_lines (block, profile, sample, FALSE, unit_cache);
      append_label_lines (block, profile, sample, TRUE, unit_cache);
      if (append_stack (block, ctx, m->sample, value))
        g_string_append_len (out, block->str, block->len);
    }
  g_string_append (out, SEPARATOR);

  for (guint i = 0; i < merged->len; i++)
    g_free (g_array_index (merged, MergedSample, i).values);
  return g_string_free (g_steal_pointer (&out), FALSE);

failed:
  for (guint i = 0; i < merged->len; i++)
    g_free (g_array_index (merged, MergedSample, i).values);
  if (warnings != NULL)
    g_clear_pointer (warnings, g_strfreev);
  return NULL;
}
