/* ppv-report-context.c — what every aggregate over a profile shares for
 * one set of options (see ppv-report-context.h).
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <string.h>

#include "ppv-error.h"
#include "ppv-report-context.h"
#include "ppv-units.h"

struct _PpvReportContext
{
  gint              ref_count;
  PpvProfile       *profile;
  PpvReportOptions  options;

  guint             sample_index;
  char             *type_name;
  const char       *sample_unit;
  double            ratio;          /* 1 / --divide_by */
  gint64            total;

  PpvFrameSelection sel;
  PpvNodeIds       *ids;
};

static gboolean
resolve_sample_index (PpvProfile  *profile,
                      const char  *wanted,
                      guint       *index,
                      GError     **error)
{
  g_autoptr(GString) names = NULL;
  const char *no_inuse;
  char *end = NULL;
  gint64 number;

  if (profile->n_sample_types == 0)
    {
      g_set_error (error, PPV_REPORT_ERROR, PPV_REPORT_ERROR_SAMPLE_INDEX,
                   "profile has no samples");
      return FALSE;
    }

  if (wanted == NULL || wanted[0] == '\0')
    {
      for (guint i = 0; profile->default_sample_type && profile->default_sample_type[0] &&
                        i < profile->n_sample_types; i++)
        if (strcmp (profile->sample_types[i].type, profile->default_sample_type) == 0)
          {
            *index = i;
            return TRUE;
          }
      *index = profile->n_sample_types - 1;
      return TRUE;
    }

  errno = 0;
  number = g_ascii_strtoll (wanted, &end, 10);
  if (errno == 0 && end != wanted && *end == '\0')
    {
      if (number < 0 || number >= profile->n_sample_types)
        {
          g_set_error (error, PPV_REPORT_ERROR, PPV_REPORT_ERROR_SAMPLE_INDEX,
                       "sample_index %s is outside the range [0..%u]",
                       wanted, profile->n_sample_types - 1);
          return FALSE;
        }
      *index = (guint) number;
      return TRUE;
    }

  no_inuse = g_str_has_prefix (wanted, "inuse_") ? wanted + strlen ("inuse_") : wanted;
  for (guint i = 0; i < profile->n_sample_types; i++)
    if (strcmp (profile->sample_types[i].type, wanted) == 0 ||
        strcmp (profile->sample_types[i].type, no_inuse) == 0)
      {
        *index = i;
        return TRUE;
      }

  names = g_string_new ("[");
  for (guint i = 0; i < profile->n_sample_types; i++)
    g_string_append_printf (names, "%s%s", i ? " " : "", profile->sample_types[i].type);
  g_string_append_c (names, ']');
  g_set_error (error, PPV_REPORT_ERROR, PPV_REPORT_ERROR_SAMPLE_INDEX,
               "sample_index \"%s\" must be one of: %s", wanted, names->str);
  return FALSE;
}

gboolean
_ppv_report_context_is_diff_base_sample (PpvReportContext *self,
                                         guint32           s)
{
  PpvProfile *p = self->profile;
  const PpvSample *sample = &p->samples[s];

  for (guint32 i = 0; i < sample->n_labels; i++)
    {
      const PpvLabel *l = &p->labels[sample->labels_offset + i];
      if (l->str != NULL && strcmp (l->key, "pprof::base") == 0 && strcmp (l->str, "true") == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
_ppv_report_context_sample_weight (PpvReportContext *self,
                                   guint32           s,
                                   gint64           *w,
                                   gint64           *dw)
{
  const gint64 *values;

  if (!self->sel.sample_kept[s])
    return FALSE;
  values = ppv_profile_sample_values (self->profile, s);
  *w = values[self->sample_index];
  *dw = self->options.mean ? values[0] : 0;
  return *w != 0 || *dw != 0;
}

/* Σ|value| (of the diff base only, if there is one), ÷ Σvalue[0] with --mean. */
static gint64
compute_total (PpvReportContext *self,
               const guint8     *kept)
{
  PpvProfile *p = self->profile;
  gint64 total = 0, div = 0, diff_total = 0, diff_div = 0;

  for (guint32 s = 0; s < p->n_samples; s++)
    {
      const gint64 *values = ppv_profile_sample_values (p, s);
      gint64 v = _ppv_abs64 (values[self->sample_index]);
      gint64 d = self->options.mean ? values[0] : 0;

      if (kept != NULL && !kept[s])
        continue;
      total += v;
      div += d;
      if (_ppv_report_context_is_diff_base_sample (self, s))
        {
          diff_total += v;
          diff_div += d;
        }
    }

  if (diff_total > 0)
    {
      total = diff_total;
      div = diff_div;
    }
  return div != 0 ? total / div : total;
}

PpvReportContext *
_ppv_report_context_new (PpvProfile             *profile,
                         const PpvReportOptions *options,
                         GCancellable           *cancellable,
                         GError                **error)
{
  g_autoptr(PpvReportContext) self = NULL;
  const char *type;

  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  self = g_new0 (PpvReportContext, 1);
  self->ref_count = 1;
  self->profile = ppv_profile_ref (profile);
  ppv_report_options_copy (&self->options, options);

  if (!resolve_sample_index (profile, options->sample_index, &self->sample_index, error))
    return NULL;

  if (options->divide_by == 0)
    {
      g_set_error (error, PPV_REPORT_ERROR, PPV_REPORT_ERROR_OPTION, "zero divisor specified");
      return NULL;
    }
  self->ratio = 1.0 / options->divide_by;

  type = profile->sample_types[self->sample_index].type;
  self->type_name = options->mean ? g_strconcat ("mean_", type, NULL) : g_strdup (type);
  self->sample_unit = profile->sample_types[self->sample_index].unit;

  if (!_ppv_frame_selection_init (&self->sel, profile, &self->options, error))
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* The percentage base is taken before filtering unless asked otherwise. */
  self->total = compute_total (self, options->relative_percentages ? self->sel.sample_kept : NULL);
  self->ids = _ppv_node_ids_dup_for (profile, &self->sel, options->granularity);

  return g_steal_pointer (&self);
}

PpvReportContext *
_ppv_report_context_ref (PpvReportContext *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
_ppv_report_context_unref (PpvReportContext *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_clear_pointer (&self->ids, _ppv_node_ids_unref);
  if (self->sel.sample_kept != NULL || self->sel.warnings != NULL)
    _ppv_frame_selection_clear (&self->sel);
  g_free (self->type_name);
  ppv_report_options_clear (&self->options);
  ppv_profile_unref (self->profile);
  g_free (self);
}

PpvProfile *
_ppv_report_context_get_profile (PpvReportContext *self)
{
  return self->profile;
}

const PpvReportOptions *
_ppv_report_context_get_options (PpvReportContext *self)
{
  return &self->options;
}

guint
_ppv_report_context_get_sample_index (PpvReportContext *self)
{
  return self->sample_index;
}

const char *
_ppv_report_context_get_type_name (PpvReportContext *self)
{
  return self->type_name;
}

const char *
_ppv_report_context_get_sample_unit (PpvReportContext *self)
{
  return self->sample_unit;
}

gint64
_ppv_report_context_get_total (PpvReportContext *self)
{
  return self->total;
}

const PpvFrameSelection *
_ppv_report_context_get_selection (PpvReportContext *self)
{
  return &self->sel;
}

const PpvNodeIds *
_ppv_report_context_get_node_ids (PpvReportContext *self)
{
  return self->ids;
}

/* pprof's "minimum": the unit of the smallest value, unless that is over
 * a hundred times smaller than the total, in which case one step up. */
char *
_ppv_report_context_choose_unit (PpvReportContext  *self,
                                 const PpvUnitScan *scan)
{
  const char *unit_option = self->options.unit;
  gint64 min_value = scan->smallest, max_value = self->total;
  const char *min_unit = NULL, *max_unit = NULL, *unit;

  if (unit_option != NULL && unit_option[0] != '\0' && strcmp (unit_option, "minimum") != 0)
    return g_strdup (unit_option);
  if (scan->n_values == 0)
    return g_strdup ("minimum");

  if (min_value == 0)
    min_value = max_value;

  if (self->ratio > 0 && self->ratio != 1)
    {
      min_value = (gint64) ((double) min_value * self->ratio);
      max_value = (gint64) ((double) max_value * self->ratio);
    }

  ppv_unit_scale (min_value, self->sample_unit, "minimum", &min_unit);
  ppv_unit_scale (max_value, self->sample_unit, "minimum", &max_unit);

  unit = min_unit;
  if (g_strcmp0 (min_unit, max_unit) != 0 && min_value * 100 < max_value)
    ppv_unit_scale (100 * min_value, self->sample_unit, "minimum", &unit);

  return g_strdup (unit && unit[0] ? unit : self->sample_unit);
}

char *
_ppv_report_context_format_value (PpvReportContext *self,
                                  const char       *output_unit,
                                  gint64            value)
{
  if (self->ratio > 0 && self->ratio != 1)
    value = (gint64) ((double) value * self->ratio);
  return ppv_unit_scaled_label (value, self->sample_unit, output_unit);
}

static char *
go_basename (const char *path)
{
  gsize len = strlen (path);
  const char *slash;
  g_autofree char *copy = NULL;

  if (len == 0)
    return g_strdup (".");
  copy = g_strdup (path);
  while (len > 1 && copy[len - 1] == '/')
    copy[--len] = '\0';
  slash = strrchr (copy, '/');
  if (slash != NULL && slash[1] != '\0')
    return g_strdup (slash + 1);
  return g_strdup (copy);
}

/* Go's "Jan 2, 2006 at 3:04pm (MST)" in the local time zone. */
static char *
format_profile_time (gint64 time_nanos)
{
  static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  gint64 secs = time_nanos / 1000000000;
  g_autoptr(GDateTime) dt = NULL;
  int hour;

  if (time_nanos < 0 && time_nanos % 1000000000 != 0)
    secs--;
  dt = g_date_time_new_from_unix_local (secs);
  if (dt == NULL)
    return g_strdup ("?");

  hour = g_date_time_get_hour (dt) % 12;
  return g_strdup_printf ("%s %d, %d at %d:%02d%s (%s)",
                          months[g_date_time_get_month (dt) - 1],
                          g_date_time_get_day_of_month (dt),
                          g_date_time_get_year (dt),
                          hour == 0 ? 12 : hour,
                          g_date_time_get_minute (dt),
                          g_date_time_get_hour (dt) < 12 ? "am" : "pm",
                          g_date_time_get_timezone_abbreviation (dt));
}

void
_ppv_report_context_add_profile_labels (PpvReportContext *self,
                                        const char       *output_unit,
                                        GPtrArray        *out)
{
  PpvProfile *p = self->profile;

  if (p->n_mappings > 0)
    {
      if (p->mappings[0].filename[0] != '\0')
        {
          g_autofree char *base = go_basename (p->mappings[0].filename);
          g_ptr_array_add (out, g_strconcat ("File: ", base, NULL));
        }
      if (p->mappings[0].build_id[0] != '\0')
        g_ptr_array_add (out, g_strconcat ("Build ID: ", p->mappings[0].build_id, NULL));
    }

  for (guint i = 0; i < p->n_comments; i++)
    if (p->comments[i][0] != '#')
      g_ptr_array_add (out, g_strdup (p->comments[i]));

  g_ptr_array_add (out, g_strconcat ("Type: ", _ppv_report_context_get_type_name (self), NULL));

  if (p->time_nanos != 0)
    {
      g_autofree char *t = format_profile_time (p->time_nanos);
      g_ptr_array_add (out, g_strconcat ("Time: ", t, NULL));
    }

  if (p->duration_nanos != 0)
    {
      g_autofree char *duration = ppv_unit_scaled_label (p->duration_nanos, "nanoseconds", "auto");
      g_autofree char *total = _ppv_report_context_format_value (self, output_unit, self->total);
      g_autofree char *ratio = NULL;
      const char *total_unit = NULL;
      double total_nanos = ppv_unit_scale (self->total, self->sample_unit,
                                           "nanoseconds", &total_unit);

      if (g_strcmp0 (total_unit, "ns") == 0 && total_nanos != 0)
        {
          g_autofree char *pct = ppv_format_percentage ((gint64) total_nanos, p->duration_nanos);
          ratio = g_strdup_printf ("(%s)", pct);
        }
      g_ptr_array_add (out, g_strdup_printf ("Duration: %s, Total samples = %s %s",
                                             duration, total, ratio ? ratio : ""));
    }
}
