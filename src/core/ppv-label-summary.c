/* ppv-label-summary.c — every label key of a profile with its values and
 * their totals: pprof's -tags, and what the window's Labels pane lists.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pprof (report.go printTags) sums each sample's value under every value
 * of every label it carries, a numeric value under its scaled text, after
 * the filters and tagshow/taghide.  Zero-valued samples still name their
 * values.  Keys come by name, values by |weight| and then name, and the
 * text goes through a right-aligning tabwriter.
 */
#include <string.h>

#include "ppv-error.h"
#include "ppv-label-summary.h"
#include "ppv-report-context.h"
#include "ppv-report-private.h"
#include "ppv-tabwriter.h"
#include "ppv-units.h"

struct _PpvLabelSummary
{
  gint          ref_count;
  PpvProfile   *profile;
  GStringChunk *strings;
  PpvLabelKey  *keys;
  guint         n_keys;
  gint64        total;
  guint         n_samples;
  const char   *sample_unit;
  char         *type_name;
  char         *output_unit;
  GPtrArray    *warnings;
};

G_DEFINE_BOXED_TYPE (PpvLabelSummary, ppv_label_summary,
                     ppv_label_summary_ref, ppv_label_summary_unref)

typedef struct
{
  const char *key;
  GHashTable *index;     /* value name -> position + 1 in values */
  GArray     *values;    /* PpvLabelValue */
  guint       n_samples;
  guint32     last_sample;
  gboolean    numeric;
  const char *unit;
} KeyBuild;

static void
key_build_free (KeyBuild *kb)
{
  g_hash_table_unref (kb->index);
  g_array_unref (kb->values);
  g_free (kb);
}

static int
compare_values (gconstpointer a,
                gconstpointer b)
{
  const PpvLabelValue *va = a, *vb = b;
  gint64 wa = _ppv_abs64 (va->weight), wb = _ppv_abs64 (vb->weight);

  /* pprof's sort is not stable and calls weights of equal magnitude and
   * opposite sign neither less nor more: for those (only in diffs) its
   * order is not defined, and the name decides here. */
  if (va->weight != vb->weight && wa != wb)
    return wa > wb ? -1 : 1;
  return strcmp (va->name, vb->name);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (((const PpvLabelKey *) a)->key, ((const PpvLabelKey *) b)->key);
}

static void
add_value (PpvLabelSummary *self,
           KeyBuild        *kb,
           const char      *name,
           gint64           weight,
           const PpvLabel  *label)
{
  gpointer at = g_hash_table_lookup (kb->index, name);
  PpvLabelValue *v;

  if (at == NULL)
    {
      PpvLabelValue fresh = { g_string_chunk_insert_const (self->strings, name), 0 };

      if (label->str == NULL)
        fresh.num_min = fresh.num_max = label->num;
      g_array_append_val (kb->values, fresh);
      at = GUINT_TO_POINTER (kb->values->len);
      g_hash_table_insert (kb->index, (gpointer) fresh.name, at);
    }

  v = &g_array_index (kb->values, PpvLabelValue, GPOINTER_TO_UINT (at) - 1);
  v->weight += weight;
  v->n_samples++;
  if (label->str == NULL)
    {
      if (!v->numeric)
        v->num_min = v->num_max = label->num;
      v->numeric = TRUE;
      v->num_min = MIN (v->num_min, label->num);
      v->num_max = MAX (v->num_max, label->num);
    }
}

static void
warn_no_match (PpvLabelSummary *self,
               const char      *option,
               gboolean         matched,
               const char      *what)
{
  if (option != NULL && option[0] != '\0' && !matched)
    g_ptr_array_add (self->warnings, g_strdup_printf ("%s expression matched no samples", what));
}

/* Sums every kept sample under its labels; FALSE on a bad tagshow or
 * taghide, or when cancelled. */
static gboolean
collect (PpvLabelSummary        *self,
         PpvReportContext       *ctx,
         const PpvReportOptions *options,
         GHashTable             *builds,
         GCancellable           *cancellable,
         GError                **error)
{
  PpvProfile *p = self->profile;
  const PpvFrameSelection *sel = _ppv_report_context_get_selection (ctx);
  guint sample_index = _ppv_report_context_get_sample_index (ctx);
  g_autoptr(GHashTable) unit_cache = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GRegex) show = NULL;
  g_autoptr(GRegex) hide = NULL;
  gboolean show_matched = FALSE, hide_matched = FALSE;

  if (!_ppv_option_regex_compile ("tagshow", options->tagshow, 0, &show, error) ||
      !_ppv_option_regex_compile ("taghide", options->taghide, 0, &hide, error))
    return FALSE;

  for (guint32 s = 0; s < p->n_samples; s++)
    {
      const PpvSample *sample = &p->samples[s];
      gint64 weight;

      if (s % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!sel->sample_kept[s])
        continue;
      self->n_samples++;
      weight = ppv_profile_sample_values (p, s)[sample_index];

      for (guint32 i = 0; i < sample->n_labels; i++)
        {
          const PpvLabel *l = &p->labels[sample->labels_offset + i];
          gboolean shown = show == NULL || g_regex_match (show, l->key, 0, NULL);
          gboolean hidden = hide != NULL && g_regex_match (hide, l->key, 0, NULL);
          KeyBuild *kb;

          show_matched |= shown;
          hide_matched |= hidden;
          if (!shown || hidden)
            continue;

          kb = g_hash_table_lookup (builds, l->key);
          if (kb == NULL)
            {
              kb = g_new0 (KeyBuild, 1);
              kb->key = l->key;
              kb->index = g_hash_table_new (g_str_hash, g_str_equal);
              kb->values = g_array_new (FALSE, TRUE, sizeof (PpvLabelValue));
              kb->last_sample = G_MAXUINT32;
              g_hash_table_insert (builds, (gpointer) l->key, kb);
            }
          if (kb->last_sample != s)
            kb->n_samples++;
          kb->last_sample = s;

          if (l->str != NULL)
            add_value (self, kb, l->str, weight, l);
          else
            {
              g_autofree char *name = NULL;

              kb->numeric = TRUE;
              kb->unit = _ppv_profile_num_label_unit (p, unit_cache, l->key);
              name = ppv_unit_scaled_label (l->num, kb->unit, self->output_unit);
              add_value (self, kb, name, weight, l);
            }
        }
    }

  warn_no_match (self, options->tagshow, show_matched, "TagShow");
  warn_no_match (self, options->taghide, hide_matched, "TagHide");
  return TRUE;
}

PpvLabelSummary *
ppv_label_summary_new (PpvProfile             *profile,
                       const PpvReportOptions *options,
                       GCancellable           *cancellable,
                       GError                **error)
{
  g_autoptr(PpvReportContext) ctx = NULL;
  g_autoptr(GHashTable) builds = NULL;
  g_autoptr(PpvLabelSummary) self = NULL;
  const PpvFrameSelection *sel;
  GHashTableIter iter;
  KeyBuild *kb;
  guint k = 0;

  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  ctx = _ppv_report_context_new (profile, options, cancellable, error);
  if (ctx == NULL)
    return NULL;
  sel = _ppv_report_context_get_selection (ctx);

  self = g_new0 (PpvLabelSummary, 1);
  self->ref_count = 1;
  self->profile = ppv_profile_ref (profile);
  self->strings = g_string_chunk_new (4096);
  self->total = _ppv_report_context_get_total (ctx);
  self->sample_unit = _ppv_report_context_get_sample_unit (ctx);
  self->type_name = g_strdup (_ppv_report_context_get_type_name (ctx));
  self->output_unit = g_strdup (options->unit && options->unit[0] ? options->unit : "minimum");
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < sel->warnings->len; i++)
    g_ptr_array_add (self->warnings, g_strdup (g_ptr_array_index (sel->warnings, i)));

  builds = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) key_build_free);
  if (!collect (self, ctx, options, builds, cancellable, error))
    return NULL;
  g_ptr_array_add (self->warnings, NULL);

  self->n_keys = g_hash_table_size (builds);
  self->keys = g_new0 (PpvLabelKey, MAX (self->n_keys, 1));
  g_hash_table_iter_init (&iter, builds);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &kb))
    {
      PpvLabelKey *key = &self->keys[k++];

      key->key = kb->key;
      key->n_samples = kb->n_samples;
      key->numeric = kb->numeric;
      key->unit = kb->unit;
      for (guint i = 0; i < kb->values->len; i++)
        key->total += g_array_index (kb->values, PpvLabelValue, i).weight;
      g_array_sort (kb->values, compare_values);
      key->n_values = kb->values->len;
      key->values = (const PpvLabelValue *) g_array_free (g_steal_pointer (&kb->values), FALSE);
      kb->values = g_array_new (FALSE, FALSE, sizeof (PpvLabelValue));
    }
  qsort (self->keys, self->n_keys, sizeof (PpvLabelKey), compare_keys);

  return g_steal_pointer (&self);
}

PpvLabelSummary *
ppv_label_summary_ref (PpvLabelSummary *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ppv_label_summary_unref (PpvLabelSummary *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;
  for (guint i = 0; i < self->n_keys; i++)
    g_free ((gpointer) self->keys[i].values);
  g_free (self->keys);
  g_string_chunk_free (self->strings);
  g_free (self->output_unit);
  g_free (self->type_name);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  ppv_profile_unref (self->profile);
  g_free (self);
}

guint
ppv_label_summary_get_n_keys (PpvLabelSummary *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_keys;
}

const PpvLabelKey *
ppv_label_summary_get_key (PpvLabelSummary *self,
                           guint            index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_keys, NULL);
  return &self->keys[index];
}

gint64
ppv_label_summary_get_total (PpvLabelSummary *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->total;
}

guint
ppv_label_summary_get_n_samples (PpvLabelSummary *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_samples;
}

const char *
ppv_label_summary_get_sample_unit (PpvLabelSummary *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->sample_unit;
}

const char *
ppv_label_summary_get_type_name (PpvLabelSummary *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->type_name;
}

const char *
ppv_label_summary_get_output_unit (PpvLabelSummary *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->output_unit;
}

const char * const *
ppv_label_summary_get_warnings (PpvLabelSummary *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->warnings->pdata;
}

char *
ppv_label_summary_format_weight (PpvLabelSummary *self,
                                 gint64           weight)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE + 64];
  const char *unit = NULL;
  double v;

  g_return_val_if_fail (self != NULL, NULL);

  /* Go's "%.1f", whatever the window's LC_NUMERIC. */
  v = ppv_unit_scale (weight, self->sample_unit, self->output_unit, &unit);
  g_ascii_formatd (number, sizeof number, "%.1f", v);
  return g_strconcat (number, unit ? unit : "", NULL);
}

char *
ppv_label_summary_format_tags (PpvLabelSummary *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint k = 0; k < self->n_keys; k++)
    {
      const PpvLabelKey *key = &self->keys[k];
      g_autofree char *total = ppv_label_summary_format_weight (self, key->total);

      g_string_append_printf (text, "%s:\t Total %s\n", key->key, total);
      for (guint i = 0; i < key->n_values; i++)
        {
          const PpvLabelValue *v = &key->values[i];
          g_autofree char *weight = ppv_label_summary_format_weight (self, v->weight);

          if (key->total > 0)
            {
              g_autofree char *pct = ppv_format_percentage (v->weight, key->total);
              g_string_append_printf (text, " \t%s (%s):\t %s\n", weight, pct, v->name);
            }
          else
            g_string_append_printf (text, " \t%s:\t %s\n", weight, v->name);
        }
      g_string_append_c (text, '\n');
    }

  return _ppv_tabwriter_format (text->str, text->len, 1, TRUE);
}
