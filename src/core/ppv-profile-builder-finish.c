/* ppv-profile-builder-finish.c — the builder's finish(): pending ids resolved, pprof's checks.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-profile-builder-private.h"

#include "ppv-error.h"

/* --- Finishing ----------------------------------------------------------- */

static void
resolve_pending (PpvProfileBuilder *self)
{
  for (gsize i = 0; i < self->pending_mappings.len; i++)
    {
      PendingMapping *p = &VEC_AT (self->pending_mappings, PendingMapping, i);

      /* An unknown mapping id means "no mapping", as in pprof. */
      VEC_AT (self->locations, PpvLocation, p->location).mapping =
        _ppv_builder_id_map_lookup (&self->mapping_ids, p->id);
    }

  for (gsize i = 0; i < self->pending_lines.len; i++)
    {
      PendingLine *p = &VEC_AT (self->pending_lines, PendingLine, i);
      guint32 function = _ppv_builder_id_map_lookup (&self->function_ids, p->id);

      if (function != PPV_NONE)
        VEC_AT (self->lines, PpvLine, p->line).function = function;
      else
        _ppv_builder_set_location_message (self, p->location,
                                           g_strdup_printf ("location %" G_GUINT64_FORMAT
                                           " refers to missing function %" G_GUINT64_FORMAT,
                                           VEC_AT (self->locations, PpvLocation, p->location).id,
                                           p->id));
    }
}

/* The first problem with samples, in sample order, or NULL. */
static char *
check_samples (PpvProfileBuilder *self)
{
  guint n_types = self->sample_types.len;
  guint32 bad_values = PPV_NONE;
  guint bad_n_values = 0;
  guint32 bad_location = PPV_NONE;
  char *location_message = NULL;

  if (self->samples.len == 0)
    return NULL;

  if (n_types == 0)
    return g_strdup ("profile has samples but no sample types");

  if (self->first_n_values != n_types)
    {
      bad_values = 0;
      bad_n_values = self->first_n_values;
    }
  else if (self->has_odd_sample)
    {
      bad_values = self->odd_sample;
      bad_n_values = self->odd_n_values;
    }

  for (gsize i = 0; i < self->pending_stacks.len; i++)
    {
      PendingStack *p = &VEC_AT (self->pending_stacks, PendingStack, i);
      guint32 index = _ppv_builder_id_map_lookup (&self->location_ids, p->id);

      if (index != PPV_NONE)
        VEC_AT (self->stacks, guint32, p->pos) = index;
      else if (bad_location == PPV_NONE)
        {
          bad_location = p->sample;
          location_message =
            g_strdup_printf ("sample %u refers to missing location %" G_GUINT64_FORMAT,
                             p->sample, p->id);
        }
    }

  if (self->max_indexed > self->locations.len)
    {
      for (gsize s = 0; s < self->samples.len && bad_location == PPV_NONE; s++)
        {
          const PpvSample *sample = &VEC_AT (self->samples, PpvSample, s);

          for (guint32 i = 0; i < sample->n_locations; i++)
            {
              guint32 index = VEC_AT (self->stacks, guint32, sample->stack_offset + i);

              if (index >= self->locations.len)
                {
                  bad_location = s;
                  location_message =
                    g_strdup_printf ("sample %u refers to location index %u but the profile has %u locations",
                                     (guint) s, index, (guint) self->locations.len);
                  break;
                }
            }
        }
    }

  if (bad_values != PPV_NONE && bad_values <= bad_location)
    {
      g_free (location_message);
      return g_strdup_printf ("sample %u has %u values but the profile has %u sample types",
                              bad_values, bad_n_values, n_types);
    }

  return location_message;
}

PpvProfile *
ppv_profile_builder_finish (PpvProfileBuilder *self,
                            const char        *source,
                            GError           **error)
{
  PpvProfileReal *real;
  PpvProfile *p;
  g_autofree char *message = NULL;
  int code = PPV_PROFILE_ERROR_INVALID;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (source == NULL)
    source = "profile";

  if (self->full_message != NULL)
    {
      message = g_steal_pointer (&self->full_message);
      code = PPV_PROFILE_ERROR_TOO_LARGE;
    }
  else
    {
      resolve_pending (self);

      if ((message = check_samples (self)) == NULL &&
          (message = g_steal_pointer (&self->check_message[CHECK_MAPPINGS])) == NULL &&
          (message = g_steal_pointer (&self->check_message[CHECK_FUNCTIONS])) == NULL)
        message = g_steal_pointer (&self->location_message);
    }

  if (message != NULL)
    {
      g_set_error (error, PPV_PROFILE_ERROR, code, "%s: %s", source, message);
      ppv_profile_builder_free (self);
      return NULL;
    }

  real = g_new0 (PpvProfileReal, 1);
  g_mutex_init (&real->cache_lock);
  p = &real->pub;
  p->ref_count = 1;
  p->strings = g_steal_pointer (&self->strings);
  real->string_bytes = self->string_bytes;

  p->n_sample_types = self->sample_types.len;
  p->sample_types = _ppv_builder_vec_steal (&self->sample_types, sizeof (PpvValueType));
  p->n_samples = self->samples.len;
  p->samples = _ppv_builder_vec_steal (&self->samples, sizeof (PpvSample));
  p->values = _ppv_builder_vec_steal (&self->values, sizeof (gint64));
  p->n_stacks = self->stacks.len;
  p->stacks = _ppv_builder_vec_steal (&self->stacks, sizeof (guint32));
  p->n_labels = self->labels.len;
  p->labels = _ppv_builder_vec_steal (&self->labels, sizeof (PpvLabel));
  p->n_mappings = self->mappings.len;
  p->mappings = _ppv_builder_vec_steal (&self->mappings, sizeof (PpvMapping));
  p->n_locations = self->locations.len;
  p->locations = _ppv_builder_vec_steal (&self->locations, sizeof (PpvLocation));
  p->n_lines = self->lines.len;
  p->lines = _ppv_builder_vec_steal (&self->lines, sizeof (PpvLine));
  p->n_functions = self->functions.len;
  p->functions = _ppv_builder_vec_steal (&self->functions, sizeof (PpvFunction));
  p->n_comments = self->comments.len;
  p->comments = _ppv_builder_vec_steal (&self->comments, sizeof (const char *));

  p->drop_frames = self->drop_frames;
  p->keep_frames = self->keep_frames;
  p->time_nanos = self->time_nanos;
  p->duration_nanos = self->duration_nanos;
  p->period_type = self->period_type;
  p->period = self->period;
  p->default_sample_type = self->default_sample_type;
  p->doc_url = self->doc_url;

  ppv_profile_builder_free (self);
  return p;
}
