/* ppv-profile.c — the immutable profile model: boxed type, references, size.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-profile-private.h"

G_DEFINE_BOXED_TYPE (PpvProfile, ppv_profile, ppv_profile_ref, ppv_profile_unref)

PpvProfile *
ppv_profile_ref (PpvProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->ref_count > 0, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ppv_profile_unref (PpvProfile *self)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->ref_count > 0);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_string_chunk_free (self->strings);
  g_free (self->sample_types);
  g_free (self->samples);
  g_free (self->values);
  g_free (self->stacks);
  g_free (self->labels);
  g_free (self->mappings);
  g_free (self->locations);
  g_free (self->lines);
  g_free (self->functions);
  g_free (self->comments);
  if (((PpvProfileReal *) self)->node_ids != NULL)
    ((PpvProfileReal *) self)->node_ids_unref (((PpvProfileReal *) self)->node_ids);
  for (guint g = 0; g < G_N_ELEMENTS (((PpvProfileReal *) self)->node_tables); g++)
    if (((PpvProfileReal *) self)->node_tables[g] != NULL)
      ((PpvProfileReal *) self)->node_table_unref (((PpvProfileReal *) self)->node_tables[g]);
  g_mutex_clear (&((PpvProfileReal *) self)->cache_lock);
  g_free ((PpvProfileReal *) self);
}

gsize
ppv_profile_get_memory_size (const PpvProfile *self)
{
  const PpvProfileReal *real = (const PpvProfileReal *) self;
  gsize size;

  g_return_val_if_fail (self != NULL, 0);

  size = sizeof (PpvProfileReal) + real->string_bytes;
  size += self->n_sample_types * sizeof (PpvValueType);
  size += (gsize) self->n_samples * sizeof (PpvSample);
  size += (gsize) self->n_samples * self->n_sample_types * sizeof (gint64);
  size += self->n_stacks * sizeof (guint32);
  size += self->n_labels * sizeof (PpvLabel);
  size += (gsize) self->n_mappings * sizeof (PpvMapping);
  size += (gsize) self->n_locations * sizeof (PpvLocation);
  size += self->n_lines * sizeof (PpvLine);
  size += (gsize) self->n_functions * sizeof (PpvFunction);
  size += self->n_comments * sizeof (const char *);

  return size;
}
