/* ppv-profile-copy.c — a profile's parts fed to a builder again, for the
 * transforms that copy a profile with its stacks changed (drop_frames,
 * label pseudo-frames).
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-profile-private.h"

void
_ppv_profile_builder_copy_header (PpvProfileBuilder *b,
                                  PpvProfile        *p)
{
  _ppv_profile_builder_copy_header_renamed (b, p, NULL);
}

void
_ppv_profile_builder_copy_header_renamed (PpvProfileBuilder  *b,
                                          PpvProfile         *p,
                                          const char * const *names)
{
  for (guint i = 0; i < p->n_sample_types; i++)
    ppv_profile_builder_add_sample_type (b, p->sample_types[i].type, p->sample_types[i].unit);
  for (guint32 m = 0; m < p->n_mappings; m++)
    ppv_profile_builder_add_mapping (b, &p->mappings[m]);
  for (guint32 f = 0; f < p->n_functions; f++)
    {
      PpvFunction fn = p->functions[f];

      if (names != NULL && names[f] != NULL)
        fn.name = names[f];
      ppv_profile_builder_add_function (b, &fn);
    }
  for (guint i = 0; i < p->n_comments; i++)
    ppv_profile_builder_add_comment (b, p->comments[i]);
  ppv_profile_builder_set_times (b, p->time_nanos, p->duration_nanos);
  ppv_profile_builder_set_period (b, p->period_type.type, p->period_type.unit, p->period);
  ppv_profile_builder_set_frames (b, p->drop_frames, p->keep_frames);
  ppv_profile_builder_set_default_sample_type (b, p->default_sample_type);
  ppv_profile_builder_set_doc_url (b, p->doc_url);
}

void
_ppv_profile_builder_copy_location (PpvProfileBuilder *b,
                                    PpvProfile        *p,
                                    guint32            l,
                                    guint32            first_line)
{
  const PpvLocation *loc = &p->locations[l];
  guint32 n = loc->n_lines - first_line;
  g_autofree guint64 *function_ids = g_new (guint64, MAX (n, 1));
  g_autofree gint64 *lines = g_new (gint64, MAX (n, 1));
  g_autofree gint64 *columns = g_new (gint64, MAX (n, 1));

  g_assert (first_line <= loc->n_lines);

  for (guint32 i = 0; i < n; i++)
    {
      const PpvLine *line = &p->lines[loc->lines_offset + first_line + i];

      function_ids[i] = p->functions[line->function].id;
      lines[i] = line->line;
      columns[i] = line->column;
    }
  ppv_profile_builder_add_location (b, loc->id,
                                    loc->mapping != PPV_NONE ? p->mappings[loc->mapping].id : 0,
                                    loc->address, loc->is_folded, function_ids, lines, columns, n);
}

PpvProfile *
_ppv_profile_copy_renamed (PpvProfile         *p,
                           const char * const *names,
                           gsize               max_model,
                           const char         *source,
                           GError            **error)
{
  PpvProfileBuilder *b = ppv_profile_builder_new ();

  ppv_profile_builder_set_memory_cap (b, max_model);
  _ppv_profile_builder_copy_header_renamed (b, p, names);
  for (guint32 l = 0; l < p->n_locations; l++)
    _ppv_profile_builder_copy_location (b, p, l, 0);
  for (guint32 s = 0; s < p->n_samples; s++)
    {
      const PpvSample *sample = &p->samples[s];

      ppv_profile_builder_add_sample_indexed (b, p->stacks + sample->stack_offset, sample->n_locations,
                                              ppv_profile_sample_values (p, s), p->n_sample_types,
                                              p->labels + sample->labels_offset, sample->n_labels);
    }
  return ppv_profile_builder_finish (b, source, error);
}
