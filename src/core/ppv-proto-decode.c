/* ppv-proto-decode.c — the reader's pass 2: each submessage into the builder, ids resolving in order.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-proto-reader-private.h"

#include "ppv-error.h"
#include "ppv-profile-private.h"
#include "profile.pb-c.h"

/* --- Pass 2 -------------------------------------------------------------- */

static gboolean
add_value_type (Reader      *r,
                const Field *f)
{
  Perftools__Profiles__ValueType *vt;
  const char *type, *unit;

  _ppv_proto_prepare_arena (r);
  vt = perftools__profiles__value_type__unpack (&r->allocator, f->payload_len, f->payload);
  if (vt == NULL)
    return _ppv_proto_unpack_failed (r, KIND_VALUE_TYPE, f);

  if (!_ppv_proto_get_string (r, vt->type, &type) || !_ppv_proto_get_string (r, vt->unit, &unit))
    return FALSE;

  ppv_profile_builder_add_sample_type (r->builder, type, unit);
  return TRUE;
}

static gboolean
add_mapping (Reader      *r,
             const Field *f)
{
  Perftools__Profiles__Mapping *m;
  PpvMapping mapping = { 0, };

  _ppv_proto_prepare_arena (r);
  m = perftools__profiles__mapping__unpack (&r->allocator, f->payload_len, f->payload);
  if (m == NULL)
    return _ppv_proto_unpack_failed (r, KIND_MAPPING, f);

  mapping.id = m->id;
  mapping.memory_start = m->memory_start;
  mapping.memory_limit = m->memory_limit;
  mapping.file_offset = m->file_offset;
  mapping.has_functions = m->has_functions != 0;
  mapping.has_filenames = m->has_filenames != 0;
  mapping.has_line_numbers = m->has_line_numbers != 0;
  mapping.has_inline_frames = m->has_inline_frames != 0;
  if (!_ppv_proto_get_string (r, m->filename, &mapping.filename) ||
      !_ppv_proto_get_string (r, m->build_id, &mapping.build_id))
    return FALSE;

  ppv_profile_builder_add_mapping (r->builder, &mapping);
  return TRUE;
}

static gboolean
add_function (Reader      *r,
              const Field *f)
{
  Perftools__Profiles__Function *fn;
  PpvFunction function = { 0, };
  guint64 v[5] = { 0, };
  gint64 name, system_name, filename;

  /* By hand, as for samples: protobuf-c's unpack costs more than the rest. */
  if (_ppv_proto_read_flat_varints (f->payload, f->payload + f->payload_len, v, 5))
    {
      function.id = v[0];
      name = (gint64) v[1];
      system_name = (gint64) v[2];
      filename = (gint64) v[3];
      function.start_line = (gint64) v[4];
    }
  else
    {
      _ppv_proto_prepare_arena (r);
      fn = perftools__profiles__function__unpack (&r->allocator, f->payload_len, f->payload);
      if (fn == NULL)
        return _ppv_proto_unpack_failed (r, KIND_FUNCTION, f);
      function.id = fn->id;
      name = fn->name;
      system_name = fn->system_name;
      filename = fn->filename;
      function.start_line = fn->start_line;
    }

  if (!_ppv_proto_get_string (r, name, &function.name) ||
      !_ppv_proto_get_string (r, system_name, &function.system_name) ||
      !_ppv_proto_get_string (r, filename, &function.filename))
    return FALSE;

  ppv_profile_builder_add_function (r->builder, &function);
  return TRUE;
}

static gboolean
add_location (Reader      *r,
              const Field *f)
{
  Perftools__Profiles__Location *loc;
  RawLocation raw;

  switch (_ppv_proto_parse_location (r, f, &raw))
    {
    case FAST_DONE:
      ppv_profile_builder_add_location (r->builder, raw.id, raw.mapping_id, raw.address,
                                        raw.is_folded, r->line_functions, r->line_numbers,
                                        r->line_columns, raw.n_lines);
      return TRUE;
    case FAST_FAILED:
      if (r->error == NULL)
        _ppv_proto_fail_too_large (r);
      return FALSE;
    case FAST_NOT_HANDLED:
    default:
      break;
    }

  _ppv_proto_prepare_arena (r);
  loc = perftools__profiles__location__unpack (&r->allocator, f->payload_len, f->payload);
  if (loc == NULL)
    return _ppv_proto_unpack_failed (r, KIND_LOCATION, f);

  if (loc->n_line > G_MAXUINT32)
    return _ppv_proto_fail_too_large (r);
  if (!_ppv_proto_reserve_lines (r, loc->n_line))
    return FALSE;

  for (gsize i = 0; i < loc->n_line; i++)
    {
      r->line_functions[i] = loc->line[i]->function_id;
      r->line_numbers[i] = loc->line[i]->line;
      r->line_columns[i] = loc->line[i]->column;
    }

  ppv_profile_builder_add_location (r->builder, loc->id, loc->mapping_id, loc->address,
                                    loc->is_folded != 0, r->line_functions,
                                    r->line_numbers, r->line_columns, loc->n_line);
  return TRUE;
}

/* pprof's decoder: a non-zero str makes a string label, else a non-zero
 * num or unit a numeric one; anything else is dropped (FALSE in *kept). */
static gboolean
resolve_label (Reader         *r,
               const RawLabel *raw,
               PpvLabel       *label,
               gboolean       *kept)
{
  *kept = TRUE;
  if (!_ppv_proto_get_string (r, raw->key, &label->key))
    return FALSE;
  label->str = NULL;
  label->num = 0;
  label->num_unit = NULL;
  if (raw->str != 0)
    return _ppv_proto_get_string (r, raw->str, &label->str);
  if (raw->num != 0 || raw->num_unit != 0)
    {
      label->num = raw->num;
      return raw->num_unit == 0 || _ppv_proto_get_string (r, raw->num_unit, &label->num_unit);
    }
  *kept = FALSE;
  return TRUE;
}

static FastResult
add_sample_fast (Reader      *r,
                 const Field *f)
{
  gsize n_locations, n_raw, n_labels = 0, n_values = r->n_sample_types;
  FastResult result = _ppv_proto_parse_sample (r, f, &n_locations, &n_raw);

  if (result != FAST_DONE)
    return result;

  r->sample_index++;
  if (!_ppv_proto_grow_table (r, (gpointer *) &r->labels, &r->labels_cap, sizeof (PpvLabel), n_raw))
    return FAST_FAILED;
  for (gsize i = 0; i < n_raw; i++)
    {
      gboolean kept;

      if (!resolve_label (r, &((RawLabel *) r->raw_labels)[i], &r->labels[n_labels], &kept))
        return FAST_FAILED;
      n_labels += kept;
    }

  ppv_profile_builder_add_sample (r->builder, r->sample_locations, n_locations,
                                  r->sample_values, n_values, r->labels, n_labels);
  return FAST_DONE;
}

static gboolean
add_sample (Reader      *r,
            const Field *f)
{
  Perftools__Profiles__Sample *s;
  gsize n_labels = 0;
  gsize index;

  switch (add_sample_fast (r, f))
    {
    case FAST_DONE:
      return TRUE;
    case FAST_FAILED:
      return FALSE;
    case FAST_NOT_HANDLED:
    default:
      break;
    }

  index = r->sample_index++;

  _ppv_proto_prepare_arena (r);
  s = perftools__profiles__sample__unpack (&r->allocator, f->payload_len, f->payload);
  if (s == NULL)
    return _ppv_proto_unpack_failed (r, KIND_SAMPLE, f);

  /* Checked here, not only in finish(), so a bad file stops early. */
  if (s->n_value != r->n_sample_types)
    return _ppv_proto_fail (r, PPV_PROFILE_ERROR_INVALID,
                            "sample %" G_GSIZE_FORMAT " has %" G_GSIZE_FORMAT " values but the profile has %"
                            G_GSIZE_FORMAT " sample types", index, s->n_value, r->n_sample_types);

  if (s->n_location_id > G_MAXUINT32 || s->n_label > G_MAXUINT32)
    return _ppv_proto_fail_too_large (r);

  if (!_ppv_proto_grow_table (r, (gpointer *) &r->labels, &r->labels_cap, sizeof (PpvLabel), s->n_label))
    return FALSE;

  for (gsize i = 0; i < s->n_label; i++)
    {
      const Perftools__Profiles__Label *l = s->label[i];
      RawLabel raw = { l->key, l->str, l->num, l->num_unit };
      gboolean kept;

      if (!resolve_label (r, &raw, &r->labels[n_labels], &kept))
        return FALSE;
      n_labels += kept;
    }

  G_STATIC_ASSERT (sizeof (uint64_t) == sizeof (guint64));
  G_STATIC_ASSERT (sizeof (int64_t) == sizeof (gint64));

  ppv_profile_builder_add_sample (r->builder, (const guint64 *) s->location_id,
                                  s->n_location_id, (const gint64 *) s->value, s->n_value,
                                  r->labels, n_labels);
  return TRUE;
}

typedef gboolean (*FieldHandler) (Reader *r, const Field *f);

/* Pages of a run are given back this many bytes at a time. */
#define DROP_STEP ((gsize) 4 << 20)

/* Hands each top-level field numbered @number, in order, to @handler,
 * but for the first *@skip of them.  The top level was validated in
 * pass 1; the deferred samples' stretch is stepped over unread.  With
 * @drop (a run, visited once), the bytes handled are given back. */
static gboolean
for_each_field_in (Reader       *r,
                   gsize         start,
                   gsize         stop,
                   guint32       number,
                   FieldHandler  handler,
                   guint        *count,
                   gsize        *skip,
                   gboolean      drop)
{
  const guint8 *p = r->data + start, *end = r->data + stop;
  const guint8 *kept = p;

  while (p < end)
    {
      Field f;

      if (drop && (gsize) (p - kept) >= DROP_STEP)
        {
          _ppv_proto_drop_range (r, kept - r->data, p - r->data);
          kept = p;
        }

      if (G_UNLIKELY (p == r->data + r->skip_start) && r->skip_count > 0)
        {
          p = r->data + r->skip_end;
          if (number == 2)
            *skip -= r->skip_count;
          continue;
        }

      if (!_ppv_proto_read_field (r, &p, r->data + r->len, &f))
        return FALSE;
      if (f.number != number)
        continue;
      if (*skip > 0)
        {
          (*skip)--;
          continue;
        }

      if ((++*count & 0xfff) == 0 &&
          (_ppv_proto_check_cancelled (r) || _ppv_profile_builder_is_full (r->builder)))
        return FALSE;

      if (!handler (r, &f))
        return FALSE;
    }

  if (drop)
    _ppv_proto_drop_range (r, kept - r->data, stop);
  return TRUE;
}

static gboolean
for_each_field (Reader       *r,
                guint32       number,
                FieldHandler  handler)
{
  guint count = 0;
  gsize skip = number == 2 ? r->n_streamed : 0;

  /* Without runs, each kind walks the whole top level: nothing goes. */
  if (r->runs == NULL)
    return for_each_field_in (r, 0, r->len, number, handler, &count, &skip, FALSE);

  for (gsize i = 0; i < r->n_runs; i++)
    if (r->runs[i].number == number &&
        !for_each_field_in (r, r->runs[i].start, r->runs[i].end, number, handler, &count, &skip,
                            TRUE))
      return FALSE;

  return TRUE;
}

static gboolean
add_scalars (Reader *r)
{
  const char *s1, *s2;

  if (r->has_period_type)
    {
      Field f = {
        .number = 11, .wire = WIRE_LEN, .payload = r->data + r->period_type,
        .payload_len = r->period_type_len, .offset = r->period_type,
      };
      Perftools__Profiles__ValueType *vt;

      _ppv_proto_prepare_arena (r);
      vt = perftools__profiles__value_type__unpack (&r->allocator, f.payload_len, f.payload);
      if (vt == NULL)
        return _ppv_proto_unpack_failed (r, KIND_VALUE_TYPE, &f);
      if (!_ppv_proto_get_string (r, vt->type, &s1) || !_ppv_proto_get_string (r, vt->unit, &s2))
        return FALSE;
    }
  else if (!_ppv_proto_get_string (r, 0, &s1) || !_ppv_proto_get_string (r, 0, &s2))
    return FALSE;
  ppv_profile_builder_set_period (r->builder, s1, s2, r->period);

  if (!_ppv_proto_get_string (r, r->drop_frames, &s1) || !_ppv_proto_get_string (r, r->keep_frames, &s2))
    return FALSE;
  ppv_profile_builder_set_frames (r->builder, s1, s2);

  for (gsize i = 0; i < r->n_comments; i++)
    {
      if (!_ppv_proto_get_string (r, r->comments[i], &s1))
        return FALSE;
      ppv_profile_builder_add_comment (r->builder, s1);
    }

  if (!_ppv_proto_get_string (r, r->default_sample_type, &s1))
    return FALSE;
  ppv_profile_builder_set_default_sample_type (r->builder, s1);

  if (!_ppv_proto_get_string (r, r->doc_url, &s1))
    return FALSE;
  ppv_profile_builder_set_doc_url (r->builder, s1);

  ppv_profile_builder_set_times (r->builder, r->time_nanos, r->duration_nanos);
  return TRUE;
}

/* After pass 1: the samples deferred while inflating, resolved now that
 * every location and string is known, then the rest the ordinary way. */
static gboolean
add_samples (Reader *r)
{
  if (!_ppv_proto_resolve_streamed (r))
    return FALSE;
  if (r->n_streamed == r->n_samples)
    return TRUE;
  return for_each_field (r, 2, add_sample);
}

gboolean
_ppv_proto_decode (Reader *r)
{
  gsize n_values;

  if (!_ppv_proto_scan_top_level (r))
    return FALSE;

  if (r->n_samples > 0 && r->n_sample_types == 0)
    return _ppv_proto_fail (r, PPV_PROFILE_ERROR_INVALID, "profile has samples but no sample types");

  if (r->n_strings > 0)
    {
      if (r->n_strings > G_MAXSIZE / sizeof (char *) / 4 ||
          (r->max_model != 0 && r->aux_bytes + r->n_strings * sizeof (char *) > r->max_model))
        return _ppv_proto_fail_too_large (r);
      r->string_cache = g_try_new0 (const char *, r->n_strings);
      if (r->string_cache == NULL)
        return _ppv_proto_fail_too_large (r);
      r->aux_bytes += r->n_strings * sizeof (char *);
      _ppv_profile_builder_reserve_strings (r->builder, r->n_strings);
    }

  if (r->n_sample_types != 0 && r->n_samples > G_MAXSIZE / 8 / r->n_sample_types)
    return _ppv_proto_fail_too_large (r);
  n_values = r->n_samples * r->n_sample_types;
  _ppv_profile_builder_reserve (r->builder, r->n_samples, n_values, r->n_mappings,
                                r->n_functions, r->n_locations);

  if (!for_each_field (r, 1, add_value_type) ||
      !for_each_field (r, 3, add_mapping) ||
      !for_each_field (r, 5, add_function))
    return FALSE;
  /* Functions name most strings: those they did not are read later. */
  _ppv_proto_drop_interned_strings (r);
  return for_each_field (r, 4, add_location) &&
         add_samples (r) &&
         add_scalars (r);
}
