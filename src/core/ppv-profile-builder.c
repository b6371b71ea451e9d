/* ppv-profile-builder.c — assembles a PpvProfile from decoded entities and validates it.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything lands in a few growing flat arrays.  Ids are resolved to
 * indices as soon as the referenced entity is known (the protobuf reader
 * feeds mappings and functions, then locations, then samples, so nothing
 * waits); references to entities not yet seen wait in small "pending"
 * lists until finish().  Problems found on the way are remembered, not
 * reported, because the add functions have no GError: finish() reports
 * them in the order pprof's CheckValid would.
 */
#include "ppv-profile-builder-private.h"

/* --- Construction -------------------------------------------------------- */

PpvProfileBuilder *
ppv_profile_builder_new (void)
{
  PpvProfileBuilder *self = g_new0 (PpvProfileBuilder, 1);

  self->strings = g_string_chunk_new (64 * 1024);
  self->str_cap = 1024;
  self->str_slots = g_new0 (StrSlot, self->str_cap);
  self->empty = g_string_chunk_insert_len (self->strings, "", 0);
  self->string_bytes = 1;
  self->bytes = sizeof (PpvProfileBuilder) + 64 * 1024;
  self->location_error_index = PPV_NONE;
  self->odd_sample = PPV_NONE;

  self->drop_frames = self->empty;
  self->keep_frames = self->empty;
  self->period_type.type = self->empty;
  self->period_type.unit = self->empty;
  self->default_sample_type = self->empty;
  self->doc_url = self->empty;

  return self;
}

void
ppv_profile_builder_free (PpvProfileBuilder *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self->str_slots);
  g_free (self->full_message);

  g_free (self->sample_types.data);
  g_free (self->samples.data);
  g_free (self->values.data);
  g_free (self->stacks.data);
  g_free (self->labels.data);
  g_free (self->mappings.data);
  g_free (self->functions.data);
  g_free (self->locations.data);
  g_free (self->lines.data);
  g_free (self->comments.data);
  g_free (self->pending_stacks.data);
  g_free (self->label_sets);
  g_free (self->pending_lines.data);
  g_free (self->pending_mappings.data);

  _ppv_builder_id_map_clear (&self->mapping_ids);
  _ppv_builder_id_map_clear (&self->function_ids);
  _ppv_builder_id_map_clear (&self->location_ids);

  for (guint i = 0; i < N_CHECKS; i++)
    g_free (self->check_message[i]);
  g_free (self->location_message);

  g_free (self);
}

void
ppv_profile_builder_set_memory_cap (PpvProfileBuilder *self,
                                    gsize              max_bytes)
{
  g_return_if_fail (self != NULL);

  self->max_bytes = max_bytes;
  _ppv_builder_charge (self, 0);
}

gboolean
_ppv_profile_builder_is_full (PpvProfileBuilder *self)
{
  return self->full_message != NULL;
}

gsize
_ppv_profile_builder_get_memory (PpvProfileBuilder *self)
{
  return self->bytes;
}

gboolean
_ppv_profile_builder_reserve (PpvProfileBuilder *self,
                              gsize              n_samples,
                              gsize              n_values,
                              gsize              n_mappings,
                              gsize              n_functions,
                              gsize              n_locations)
{
  self->mapping_ids.expected = n_mappings;
  self->function_ids.expected = n_functions;
  self->location_ids.expected = n_locations;

  return _ppv_builder_vec_reserve (self, &self->samples, sizeof (PpvSample), n_samples) &&
         _ppv_builder_vec_reserve (self, &self->values, sizeof (gint64), n_values) &&
         _ppv_builder_vec_reserve (self, &self->mappings, sizeof (PpvMapping), n_mappings) &&
         _ppv_builder_vec_reserve (self, &self->functions, sizeof (PpvFunction), n_functions) &&
         _ppv_builder_vec_reserve (self, &self->locations, sizeof (PpvLocation), n_locations);
}

static void
set_check_message (PpvProfileBuilder *self,
                   CheckSlot          slot,
                   char              *message)
{
  if (self->check_message[slot] == NULL)
    self->check_message[slot] = message;
  else
    g_free (message);
}

/* Locations are checked in index order, as pprof does. */
void
_ppv_builder_set_location_message (PpvProfileBuilder *self,
                                   guint32            location,
                                   char              *message)
{
  if (location < self->location_error_index)
    {
      g_free (self->location_message);
      self->location_message = message;
      self->location_error_index = location;
    }
  else
    g_free (message);
}

void
ppv_profile_builder_add_sample_type (PpvProfileBuilder *self,
                                     const char        *type,
                                     const char        *unit)
{
  PpvValueType *vt;

  g_return_if_fail (self != NULL);

  if (self->sample_types.len >= G_MAXUINT ||
      !_ppv_builder_vec_grow (self, &self->sample_types, sizeof (PpvValueType), 1))
    return;

  vt = &VEC_AT (self->sample_types, PpvValueType, self->sample_types.len++);
  vt->type = ppv_profile_builder_intern (self, type);
  vt->unit = ppv_profile_builder_intern (self, unit);
}

void
ppv_profile_builder_add_mapping (PpvProfileBuilder *self,
                                 const PpvMapping  *mapping)
{
  PpvMapping *m;
  guint32 index;

  g_return_if_fail (self != NULL);
  g_return_if_fail (mapping != NULL);

  if (self->mappings.len >= PPV_NONE - 1)
    {
      _ppv_builder_set_full (self, g_strdup ("profile has too many mappings"));
      return;
    }
  if (!_ppv_builder_vec_grow (self, &self->mappings, sizeof (PpvMapping), 1))
    return;

  index = self->mappings.len;
  if (mapping->id == 0)
    set_check_message (self, CHECK_MAPPINGS, g_strdup ("a mapping has the reserved id 0"));
  else
    switch (_ppv_builder_id_map_insert (self, &self->mapping_ids, mapping->id, index, index))
      {
      case ID_INSERTED:
        break;
      case ID_DUPLICATE:
        set_check_message (self, CHECK_MAPPINGS,
                           g_strdup_printf ("multiple mappings have the id %" G_GUINT64_FORMAT,
                                            mapping->id));
        break;
      case ID_FAILED:
      default:
        return;
      }

  m = &VEC_AT (self->mappings, PpvMapping, self->mappings.len++);
  *m = *mapping;
  m->filename = _ppv_builder_intern_input (self, mapping->filename);
  m->build_id = _ppv_builder_intern_input (self, mapping->build_id);
}

void
ppv_profile_builder_add_function (PpvProfileBuilder *self,
                                  const PpvFunction *function)
{
  PpvFunction *f;
  guint32 index;

  g_return_if_fail (self != NULL);
  g_return_if_fail (function != NULL);

  if (self->functions.len >= PPV_NONE - 1)
    {
      _ppv_builder_set_full (self, g_strdup ("profile has too many functions"));
      return;
    }
  if (!_ppv_builder_vec_grow (self, &self->functions, sizeof (PpvFunction), 1))
    return;

  index = self->functions.len;
  if (function->id == 0)
    set_check_message (self, CHECK_FUNCTIONS, g_strdup ("a function has the reserved id 0"));
  else
    switch (_ppv_builder_id_map_insert (self, &self->function_ids, function->id, index, index))
      {
      case ID_INSERTED:
        break;
      case ID_DUPLICATE:
        set_check_message (self, CHECK_FUNCTIONS,
                           g_strdup_printf ("multiple functions have the id %" G_GUINT64_FORMAT,
                                            function->id));
        break;
      case ID_FAILED:
      default:
        return;
      }

  f = &VEC_AT (self->functions, PpvFunction, self->functions.len++);
  *f = *function;
  f->name = _ppv_builder_intern_input (self, function->name);
  f->system_name = _ppv_builder_intern_input (self, function->system_name);
  f->filename = _ppv_builder_intern_input (self, function->filename);
}

void
ppv_profile_builder_add_location (PpvProfileBuilder *self,
                                  guint64            id,
                                  guint64            mapping_id,
                                  guint64            address,
                                  gboolean           is_folded,
                                  const guint64     *line_function_ids,
                                  const gint64      *line_numbers,
                                  const gint64      *line_columns,
                                  guint              n_lines)
{
  PpvLocation *loc;
  guint32 index;

  g_return_if_fail (self != NULL);
  g_return_if_fail (n_lines == 0 || line_function_ids != NULL);

  if (self->locations.len >= PPV_NONE - 1)
    {
      _ppv_builder_set_full (self, g_strdup ("profile has too many locations"));
      return;
    }
  if (n_lines > G_MAXUINT32 - self->lines.len)
    {
      _ppv_builder_set_full (self, g_strdup ("profile has too many lines"));
      return;
    }
  if (!_ppv_builder_vec_grow (self, &self->locations, sizeof (PpvLocation), 1) ||
      !_ppv_builder_vec_grow (self, &self->lines, sizeof (PpvLine), n_lines))
    return;

  index = self->locations.len;
  if (id == 0)
    _ppv_builder_set_location_message (self, index, g_strdup ("a location has the reserved id 0"));
  else
    switch (_ppv_builder_id_map_insert (self, &self->location_ids, id, index, index))
      {
      case ID_INSERTED:
        break;
      case ID_DUPLICATE:
        _ppv_builder_set_location_message (self, index,
                                           g_strdup_printf ("multiple locations have the id %" G_GUINT64_FORMAT, id));
        break;
      case ID_FAILED:
      default:
        return;
      }

  loc = &VEC_AT (self->locations, PpvLocation, self->locations.len++);
  loc->id = id;
  loc->address = address;
  loc->is_folded = is_folded != FALSE;
  loc->lines_offset = self->lines.len;
  loc->n_lines = n_lines;
  loc->mapping = PPV_NONE;

  if (mapping_id != 0)
    {
      loc->mapping = _ppv_builder_id_map_lookup (&self->mapping_ids, mapping_id);
      if (loc->mapping == PPV_NONE &&
          _ppv_builder_vec_grow (self, &self->pending_mappings, sizeof (PendingMapping), 1))
        {
          PendingMapping *p = &VEC_AT (self->pending_mappings, PendingMapping,
                                       self->pending_mappings.len++);
          p->location = index;
          p->id = mapping_id;
        }
    }

  for (guint i = 0; i < n_lines; i++)
    {
      PpvLine *line = &VEC_AT (self->lines, PpvLine, self->lines.len);
      guint64 fid = line_function_ids[i];

      line->line = line_numbers ? line_numbers[i] : 0;
      line->column = line_columns ? line_columns[i] : 0;
      line->function = 0;

      if (fid == 0)
        _ppv_builder_set_location_message (self, index,
                                           g_strdup_printf ("location %" G_GUINT64_FORMAT
                                           " has a line without a function", id));
      else if ((line->function = _ppv_builder_id_map_lookup (&self->function_ids, fid)) == PPV_NONE)
        {
          line->function = 0;
          if (_ppv_builder_vec_grow (self, &self->pending_lines, sizeof (PendingLine), 1))
            {
              PendingLine *p = &VEC_AT (self->pending_lines, PendingLine,
                                        self->pending_lines.len++);
              p->line = self->lines.len;
              p->location = index;
              p->id = fid;
            }
        }

      self->lines.len++;
    }
}

/* Reserves one sample row and returns it with its stack and label room. */
static PpvSample *
begin_sample (PpvProfileBuilder *self,
              guint              n_locations,
              guint              n_values,
              guint              n_labels)
{
  PpvSample *sample;
  guint32 index;

  if (self->full_message != NULL)
    return NULL;

  if (self->samples.len >= G_MAXUINT32)
    {
      _ppv_builder_set_full (self, g_strdup ("profile has too many samples"));
      return NULL;
    }
  if (n_locations > G_MAXUINT32 - self->stacks.len)
    {
      _ppv_builder_set_full (self, g_strdup ("profile has too many stack frames"));
      return NULL;
    }
  if (n_labels > G_MAXUINT32 - self->labels.len)
    {
      _ppv_builder_set_full (self, g_strdup ("profile has too many labels"));
      return NULL;
    }

  if (!_ppv_builder_vec_grow (self, &self->samples, sizeof (PpvSample), 1) ||
      !_ppv_builder_vec_grow (self, &self->stacks, sizeof (guint32), n_locations) ||
      !_ppv_builder_vec_grow (self, &self->values, sizeof (gint64), n_values) ||
      !_ppv_builder_vec_grow (self, &self->labels, sizeof (PpvLabel), n_labels))
    return NULL;

  index = self->samples.len;
  if (index == 0)
    self->first_n_values = n_values;
  else if (n_values != self->first_n_values && !self->has_odd_sample)
    {
      self->has_odd_sample = TRUE;
      self->odd_sample = index;
      self->odd_n_values = n_values;
    }

  sample = &VEC_AT (self->samples, PpvSample, self->samples.len++);
  sample->stack_offset = self->stacks.len;
  sample->n_locations = n_locations;
  sample->labels_offset = self->labels.len;
  sample->n_labels = n_labels;
  return sample;
}

static void
finish_sample (PpvProfileBuilder *self,
               const gint64      *values,
               guint              n_values,
               const PpvLabel    *labels,
               guint              n_labels)
{
  if (n_values > 0)
    memcpy (&VEC_AT (self->values, gint64, self->values.len), values, n_values * sizeof (gint64));
  self->values.len += n_values;

  for (guint i = 0; i < n_labels; i++)
    {
      PpvLabel *label = &VEC_AT (self->labels, PpvLabel, self->labels.len++);

      label->key = _ppv_builder_intern_input (self, labels[i].key);
      label->str = labels[i].str ? _ppv_builder_intern_input (self, labels[i].str) : NULL;
      label->num = labels[i].num;
      label->num_unit = _ppv_builder_intern_input (self, labels[i].num_unit);
    }
  _ppv_builder_share_labels (self);
}

void
ppv_profile_builder_add_sample (PpvProfileBuilder *self,
                                const guint64     *location_ids,
                                guint              n_locations,
                                const gint64      *values,
                                guint              n_values,
                                const PpvLabel    *labels,
                                guint              n_labels)
{
  PpvSample *sample;
  guint32 *stack;

  g_return_if_fail (self != NULL);
  g_return_if_fail (n_locations == 0 || location_ids != NULL);
  g_return_if_fail (n_values == 0 || values != NULL);
  g_return_if_fail (n_labels == 0 || labels != NULL);

  if ((sample = begin_sample (self, n_locations, n_values, n_labels)) == NULL)
    return;

  stack = &VEC_AT (self->stacks, guint32, self->stacks.len);
  for (guint i = 0; i < n_locations; i++)
    {
      stack[i] = _ppv_builder_id_map_lookup (&self->location_ids, location_ids[i]);
      if (G_UNLIKELY (stack[i] == PPV_NONE) &&
          _ppv_builder_vec_grow (self, &self->pending_stacks, sizeof (PendingStack), 1))
        {
          PendingStack *p = &VEC_AT (self->pending_stacks, PendingStack,
                                     self->pending_stacks.len++);
          p->sample = self->samples.len - 1;
          p->pos = self->stacks.len + i;
          p->id = location_ids[i];
        }
    }
  self->stacks.len += n_locations;

  finish_sample (self, values, n_values, labels, n_labels);
}

void
ppv_profile_builder_add_sample_indexed (PpvProfileBuilder *self,
                                        const guint32     *location_indices,
                                        guint              n_locations,
                                        const gint64      *values,
                                        guint              n_values,
                                        const PpvLabel    *labels,
                                        guint              n_labels)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (n_locations == 0 || location_indices != NULL);
  g_return_if_fail (n_values == 0 || values != NULL);
  g_return_if_fail (n_labels == 0 || labels != NULL);

  if (begin_sample (self, n_locations, n_values, n_labels) == NULL)
    return;

  for (guint i = 0; i < n_locations; i++)
    {
      guint32 index = location_indices[i];

      if (index >= self->max_indexed)
        self->max_indexed = index == PPV_NONE ? PPV_NONE : index + 1;
    }

  if (n_locations > 0)
    memcpy (&VEC_AT (self->stacks, guint32, self->stacks.len), location_indices,
            n_locations * sizeof (guint32));
  self->stacks.len += n_locations;

  finish_sample (self, values, n_values, labels, n_labels);
}

/* --- Deferred samples --------------------------------------------------- */

void
_ppv_profile_builder_add_sample_deferred (PpvProfileBuilder *self,
                                          const guint64     *location_ids,
                                          guint              n_locations,
                                          const gint64      *values,
                                          guint              n_values,
                                          const PpvLabel    *labels,
                                          guint              n_labels)
{
  guint32 *stack;

  if (begin_sample (self, n_locations, n_values, n_labels) == NULL)
    return;

  stack = &VEC_AT (self->stacks, guint32, self->stacks.len);
  for (guint i = 0; i < n_locations; i++)
    stack[i] = (guint32) location_ids[i];
  self->stacks.len += n_locations;

  if (n_values > 0)
    memcpy (&VEC_AT (self->values, gint64, self->values.len), values, n_values * sizeof (gint64));
  self->values.len += n_values;
  if (n_labels > 0)
    memcpy (&VEC_AT (self->labels, PpvLabel, self->labels.len), labels, n_labels * sizeof (PpvLabel));
  self->labels.len += n_labels;
  _ppv_builder_share_labels (self);
}

/* The sample whose frames include stacks[@pos]: the last one starting
 * at or before it (one with no frames starts where the next does). */
static guint32
sample_at (PpvProfileBuilder *self,
           guint32            pos)
{
  guint32 lo = 0, hi = self->samples.len;

  while (hi - lo > 1)
    {
      guint32 mid = lo + (hi - lo) / 2;

      if (VEC_AT (self->samples, PpvSample, mid).stack_offset <= pos)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* Turns location ids into indices from @pos on; stops at the first id
 * that names no location, left as it is, and returns its position. */
static gsize
resolve_stacks (const IdMap *map,
                guint32     *stacks,
                gsize        pos,
                gsize        n_stacks)
{
  for (; pos < n_stacks; pos++)
    {
      guint32 index = _ppv_builder_id_map_lookup (map, stacks[pos]);

      if (G_UNLIKELY (index == PPV_NONE))
        break;
      stacks[pos] = index;
    }
  return pos;
}

gboolean
_ppv_profile_builder_resolve_deferred (PpvProfileBuilder   *self,
                                       PpvDeferredStringFn  string,
                                       gpointer             data)
{
  guint32 *stacks = self->stacks.data;
  gsize n_stacks = self->stacks.len;
  PpvLabel *labels = self->labels.data;

  if (self->full_message != NULL)
    return FALSE;

  /* Labels first: a bad string index fails the read at once, as it does
   * for a sample added the ordinary way; a missing location only waits
   * for finish(). */
  for (gsize i = 0; i < self->labels.len; i++)
    {
      PpvLabel *l = &labels[i];
      gsize str = GPOINTER_TO_SIZE (l->str), unit = GPOINTER_TO_SIZE (l->num_unit);

      if (!string (data, GPOINTER_TO_SIZE (l->key), &l->key))
        return FALSE;
      if (str == 0)
        l->str = NULL;
      else if (!string (data, str, &l->str))
        return FALSE;
      if (unit == 0)
        l->num_unit = self->empty;
      else if (!string (data, unit, &l->num_unit))
        return FALSE;
    }
  /* The sets stored so far held string indices: samples added from now
   * on share them by their strings. */
  _ppv_builder_label_sets_rehash (self);

  for (gsize pos = 0; pos < n_stacks; pos++)
    {
      pos = resolve_stacks (&self->location_ids, stacks, pos, n_stacks);
      if (pos == n_stacks)
        break;
      if (_ppv_builder_vec_grow (self, &self->pending_stacks, sizeof (PendingStack), 1))
        {
          PendingStack *p = &VEC_AT (self->pending_stacks, PendingStack,
                                     self->pending_stacks.len++);

          p->sample = sample_at (self, pos);
          p->pos = pos;
          p->id = stacks[pos];
        }
      stacks[pos] = PPV_NONE;
    }
  return TRUE;
}

void
ppv_profile_builder_add_comment (PpvProfileBuilder *self,
                                 const char        *comment)
{
  g_return_if_fail (self != NULL);

  if (self->comments.len >= G_MAXUINT ||
      !_ppv_builder_vec_grow (self, &self->comments, sizeof (const char *), 1))
    return;

  VEC_AT (self->comments, const char *, self->comments.len++) =
    ppv_profile_builder_intern (self, comment);
}

void
ppv_profile_builder_set_times (PpvProfileBuilder *self,
                               gint64             time_nanos,
                               gint64             duration_nanos)
{
  g_return_if_fail (self != NULL);

  self->time_nanos = time_nanos;
  self->duration_nanos = duration_nanos;
}

void
ppv_profile_builder_set_period (PpvProfileBuilder *self,
                                const char        *type,
                                const char        *unit,
                                gint64             period)
{
  g_return_if_fail (self != NULL);

  self->period_type.type = ppv_profile_builder_intern (self, type);
  self->period_type.unit = ppv_profile_builder_intern (self, unit);
  self->period = period;
}

void
ppv_profile_builder_set_frames (PpvProfileBuilder *self,
                                const char        *drop_frames,
                                const char        *keep_frames)
{
  g_return_if_fail (self != NULL);

  self->drop_frames = ppv_profile_builder_intern (self, drop_frames);
  self->keep_frames = ppv_profile_builder_intern (self, keep_frames);
}

void
ppv_profile_builder_set_default_sample_type (PpvProfileBuilder *self,
                                             const char        *type)
{
  g_return_if_fail (self != NULL);

  self->default_sample_type = ppv_profile_builder_intern (self, type);
}

void
ppv_profile_builder_set_doc_url (PpvProfileBuilder *self,
                                 const char        *doc_url)
{
  g_return_if_fail (self != NULL);

  self->doc_url = ppv_profile_builder_intern (self, doc_url);
}
