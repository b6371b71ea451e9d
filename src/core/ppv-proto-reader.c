/* ppv-proto-reader.c — decodes a profile.proto message into the builder, one submessage at a time.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * protobuf-c would turn a whole 150 MB profile into millions of small
 * structs and says nothing about where a bad message went wrong.  So the
 * top level is walked here by hand, with strict bounds checks and byte
 * offsets in every error:
 *
 *  - pass 1 records where the string table entries are and where each
 *    kind of message lies, counts the repeated messages and reads the
 *    scalars (on a gzipped profile, while it is being inflated: see
 *    ppv-proto-stream.c, which takes the samples then too);
 *  - pass 2 decodes each ValueType and Mapping, then each Function, then
 *    each Location, then each Sample, and feeds the builder
 *    (ppv-proto-decode.c).  This order
 *    lets the builder resolve every id the moment it sees it.  Functions,
 *    locations and samples are decoded by hand (ppv-proto-fast.c); the
 *    rest, and anything unusual, by protobuf-c into a bump arena that is
 *    reset after every message.
 *
 * When protobuf-c rejects a submessage, the submessage is walked again by
 * hand to say exactly what is wrong and where (ppv-proto-unpack.c).
 */
#include "ppv-proto-reader-private.h"

#include "ppv-error.h"
#include "ppv-profile-private.h"
#include "ppv-text-util.h"

/* --- Reader state -------------------------------------------------------- */

gboolean G_GNUC_PRINTF (3, 4)
_ppv_proto_fail (Reader     *r,
                 int         code,
                 const char *format,
                 ...)
{
  va_list args;
  g_autofree char *message = NULL;

  if (r->error != NULL)
    return FALSE;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  r->error = g_error_new (PPV_PROFILE_ERROR, code, "%s: %s", r->source, message);
  return FALSE;
}

gboolean
_ppv_proto_fail_too_large (Reader *r)
{
  g_autofree char *limit = ppv_format_byte_limit (r->max_model);

  return _ppv_proto_fail (r, PPV_PROFILE_ERROR_TOO_LARGE, "profile exceeds the %s memory limit", limit);
}

gboolean
_ppv_proto_check_cancelled (Reader *r)
{
  if (g_cancellable_is_cancelled (r->cancellable))
    {
      if (r->error == NULL)
        g_cancellable_set_error_if_cancelled (r->cancellable, &r->error);
      return TRUE;
    }
  return FALSE;
}

/* Grows a reader-side table, counted against the memory cap. */
gboolean
_ppv_proto_grow_table (Reader    *r,
                       gpointer  *data,
                       gsize     *cap,
                       gsize      elt,
                       gsize      need)
{
  gsize new_cap;
  gpointer p;

  if (need <= *cap)
    return TRUE;

  new_cap = MAX (need, MAX (*cap * 2, (gsize) 16));
  if (new_cap > G_MAXSIZE / elt / 2)
    return _ppv_proto_fail_too_large (r);
  if (r->max_model != 0 &&
      r->aux_bytes + (new_cap - *cap) * elt > r->max_model)
    return _ppv_proto_fail_too_large (r);

  p = g_try_realloc (*data, new_cap * elt);
  if (p == NULL)
    return _ppv_proto_fail_too_large (r);

  r->aux_bytes += (new_cap - *cap) * elt;
  *data = p;
  *cap = new_cap;
  return TRUE;
}

/* --- Wire format --------------------------------------------------------- */

gboolean
_ppv_proto_varint_error (Reader       *r,
                         VarintResult  result,
                         gsize         field_offset,
                         gsize         varint_offset)
{
  if (result == VARINT_TRUNCATED)
    return _ppv_proto_fail (r, PPV_PROFILE_ERROR_TRUNCATED,
                            "truncated protobuf at byte %" G_GSIZE_FORMAT, field_offset);
  return _ppv_proto_fail (r, PPV_PROFILE_ERROR_BAD_PROTO,
                          "bad varint at byte %" G_GSIZE_FORMAT, varint_offset);
}

/* Reads one field (tag and value) starting at *@pp, which must lie inside
 * r->data. */
gboolean
_ppv_proto_read_field (Reader        *r,
                       const guint8 **pp,
                       const guint8  *end,
                       Field         *f)
{
  const guint8 *p = *pp;
  guint64 tag, n;
  VarintResult res;

  f->offset = p - r->data;
  f->value = 0;
  f->payload = NULL;
  f->payload_len = 0;

  if ((res = read_varint (p, end, &tag, &p)) != VARINT_OK)
    return _ppv_proto_varint_error (r, res, f->offset, f->offset);

  f->number = (tag >> 3) > G_MAXUINT32 ? G_MAXUINT32 : (guint32) (tag >> 3);
  f->wire = tag & 7;

  switch (f->wire)
    {
    case WIRE_VARINT:
      if ((res = read_varint (p, end, &f->value, &p)) != VARINT_OK)
        return _ppv_proto_varint_error (r, res, f->offset, p - r->data);
      break;

    case WIRE_FIXED64:
      if (end - p < 8)
        return _ppv_proto_varint_error (r, VARINT_TRUNCATED, f->offset, f->offset);
      for (guint i = 0; i < 8; i++)
        f->value |= (guint64) p[i] << (8 * i);
      p += 8;
      break;

    case WIRE_LEN:
      if ((res = read_varint (p, end, &n, &p)) != VARINT_OK)
        return _ppv_proto_varint_error (r, res, f->offset, p - r->data);
      if (n > (guint64) (end - p))
        return _ppv_proto_varint_error (r, VARINT_TRUNCATED, f->offset, f->offset);
      f->payload = p;
      f->payload_len = n;
      p += n;
      break;

    case WIRE_FIXED32:
      if (end - p < 4)
        return _ppv_proto_varint_error (r, VARINT_TRUNCATED, f->offset, f->offset);
      for (guint i = 0; i < 4; i++)
        f->value |= (guint64) p[i] << (8 * i);
      p += 4;
      break;

    default:
      return _ppv_proto_fail (r, PPV_PROFILE_ERROR_BAD_PROTO,
                              "unknown wire type %u at byte %" G_GSIZE_FORMAT, f->wire, f->offset);
    }

  *pp = p;
  return TRUE;
}

gboolean
_ppv_proto_wrong_wire (Reader      *r,
                       const Field *f,
                       const char  *message)
{
  return _ppv_proto_fail (r, PPV_PROFILE_ERROR_BAD_PROTO,
                          "wrong wire type %u for %s field %u at byte %" G_GSIZE_FORMAT,
                          f->wire, message, f->number, f->offset);
}

/* --- Strings ------------------------------------------------------------- */

#define STRING_PREFETCH 8

gboolean
_ppv_proto_get_string (Reader      *r,
                       gint64       index,
                       const char **out)
{
  if (index < 0 || (guint64) index >= r->n_strings)
    return _ppv_proto_fail (r, PPV_PROFILE_ERROR_INVALID,
                            "string index %" G_GINT64_FORMAT " out of range (table has %"
                            G_GSIZE_FORMAT " entries)", index, r->n_strings);

  if (r->string_cache[index] == NULL)
    {
      const guint8 *p = r->data + r->string_pos[index];
      Field f;

      /* Strings are mostly first asked for in table order, and a cache
       * miss in the set is most of what interning a new one costs: start
       * the one a little further on. */
      if ((guint64) index + STRING_PREFETCH < r->n_strings &&
          r->string_cache[index + STRING_PREFETCH] == NULL)
        {
          const guint8 *q = r->data + r->string_pos[index + STRING_PREFETCH];

          if (_ppv_proto_read_field (r, &q, r->data + r->len, &f))
            _ppv_profile_builder_prefetch (r->builder, (const char *) f.payload, f.payload_len);
        }

      /* Already validated in pass 1. */
      if (!_ppv_proto_read_field (r, &p, r->data + r->len, &f))
        return FALSE;
      r->string_cache[index] =
        _ppv_profile_builder_intern_len (r->builder, (const char *) f.payload, f.payload_len);
    }

  *out = r->string_cache[index];
  return TRUE;
}

/* --- Pass 1 -------------------------------------------------------------- */

static gboolean
push_comment (Reader *r,
              gint64  index)
{
  if (!_ppv_proto_grow_table (r, (gpointer *) &r->comments, &r->comments_cap, sizeof (gint64),
                              r->n_comments + 1))
    return FALSE;
  r->comments[r->n_comments++] = index;
  return TRUE;
}

/* Records that a message field @number spans [@start, @end). */
static void
note_run (Reader  *r,
          guint32  number,
          gsize    start,
          gsize    end)
{
  Run *last;

  if (r->runs == NULL)
    return;
  last = r->n_runs > 0 ? &r->runs[r->n_runs - 1] : NULL;
  if (last != NULL && last->number == number && last->end == start)
    {
      last->end = end;
      return;
    }
  if (r->n_runs == MAX_RUNS)
    {
      g_clear_pointer (&r->runs, g_free);
      return;
    }
  r->runs[r->n_runs++] = (Run) { number, start, end };
}

gboolean
_ppv_proto_scan_top_level (Reader *r)
{
  const guint8 *p = r->data + r->scan_pos, *end = r->data + r->len;
  guint64 n_fields = 0;

  while (p < end)
    {
      Field f;

      if ((++n_fields & 0xfffff) == 0 && _ppv_proto_check_cancelled (r))
        return FALSE;

      /* While inflating, a field cut at the end waits for the rest. */
      if (r->streaming && !_ppv_proto_field_complete (p, end))
        return TRUE;

      if (!_ppv_proto_read_field (r, &p, end, &f))
        return FALSE;
      r->scan_pos = p - r->data;

      switch (f.number)
        {
        case 1: case 2: case 3: case 4: case 5: case 11:
          if (f.wire != WIRE_LEN)
            return _ppv_proto_wrong_wire (r, &f, "Profile");
          if (f.number != 11)
            note_run (r, f.number, f.offset, p - r->data);
          switch (f.number)
            {
            case 1:
              /* Samples went in with the count of sample types so far. */
              if (r->n_samples > 0)
                _ppv_proto_stop_streaming (r);
              r->n_sample_types++;
              break;
            case 2:
              if (r->stream_samples)
                _ppv_proto_stream_sample (r, &f);
              r->n_samples++;
              break;
            case 3: r->n_mappings++; break;
            case 4: r->n_locations++; break;
            case 5: r->n_functions++; break;
            default:
              /* The last period_type wins, as in pprof. */
              r->period_type = f.payload - r->data;
              r->period_type_len = f.payload_len;
              r->has_period_type = TRUE;
              break;
            }
          break;

        case 6:
          if (f.wire != WIRE_LEN)
            return _ppv_proto_wrong_wire (r, &f, "Profile");
          if (r->n_strings == 0 && f.payload_len != 0)
            return _ppv_proto_fail (r, PPV_PROFILE_ERROR_BAD_PROTO, "string_table[0] must be empty");
          if (!_ppv_proto_grow_table (r, (gpointer *) &r->string_pos, &r->strings_cap, sizeof (guint64),
                                      r->n_strings + 1))
            return FALSE;
          r->string_pos[r->n_strings++] = f.offset;
          break;

        case 9:
          /* A second time stamp is how pprof spots `cat a.pb b.pb`. */
          if (r->time_nanos != 0)
            {
              r->definitely_proto = TRUE;
              return _ppv_proto_fail (r, PPV_PROFILE_ERROR_BAD_PROTO, "concatenated profiles detected");
            }
          G_GNUC_FALLTHROUGH;
        case 7: case 8: case 10: case 12: case 14: case 15:
          if (f.wire != WIRE_VARINT)
            return _ppv_proto_wrong_wire (r, &f, "Profile");
          switch (f.number)
            {
            case 7: r->drop_frames = (gint64) f.value; break;
            case 8: r->keep_frames = (gint64) f.value; break;
            case 9: r->time_nanos = (gint64) f.value; break;
            case 10: r->duration_nanos = (gint64) f.value; break;
            case 12: r->period = (gint64) f.value; break;
            case 14: r->default_sample_type = (gint64) f.value; break;
            default: r->doc_url = (gint64) f.value; break;
            }
          break;

        case 13:
          if (f.wire == WIRE_VARINT)
            {
              if (!push_comment (r, (gint64) f.value))
                return FALSE;
            }
          else if (f.wire == WIRE_LEN)
            {
              const guint8 *q = f.payload, *qend = f.payload + f.payload_len;

              while (q < qend)
                {
                  guint64 v;
                  VarintResult res = read_varint (q, qend, &v, &q);

                  if (res != VARINT_OK)
                    return _ppv_proto_varint_error (r, res, f.offset, q - r->data);
                  if (!push_comment (r, (gint64) v))
                    return FALSE;
                }
            }
          else
            return _ppv_proto_wrong_wire (r, &f, "Profile");
          break;

        default:
          /* Unknown fields are skipped, as protobuf requires. */
          continue;
        }

      r->valid_fields++;
    }

  if (!r->streaming)
    r->pass1_done = TRUE;
  return TRUE;
}

void
_ppv_proto_reader_init (Reader       *r,
                        const char   *source,
                        gsize         max_model,
                        GCancellable *cancellable)
{
  r->source = source ? source : "profile";
  r->cancellable = cancellable;
  r->max_model = max_model;
  r->builder = ppv_profile_builder_new ();
  ppv_profile_builder_set_memory_cap (r->builder, max_model);
  _ppv_profile_builder_set_trusted (r->builder, TRUE);
  r->runs = g_new (Run, MAX_RUNS);
  r->allocator.alloc = _ppv_proto_arena_alloc;
  r->allocator.free = _ppv_proto_arena_free;
  r->allocator.allocator_data = &r->arena;
}

void
_ppv_proto_reader_clear (Reader *r)
{
  if (r->builder != NULL)
    ppv_profile_builder_free (r->builder);
  _ppv_proto_arena_clear (&r->arena);
  g_free (r->string_pos);
  g_free (r->runs);
  g_free (r->string_cache);
  g_free (r->comments);
  g_free (r->line_functions);
  g_free (r->line_numbers);
  g_free (r->line_columns);
  g_free (r->labels);
  g_free (r->sample_locations);
  g_free (r->sample_values);
  g_free (r->raw_labels);
  g_clear_error (&r->error);
}

/* Decodes (the rest of) r->data and frees the reader. */
PpvProfile *
_ppv_proto_reader_run (Reader    *r,
                       gboolean  *looks_like_proto,
                       GError   **error)
{
  PpvProfile *profile = NULL;

  /* An error already set is pass 1's while inflating (see
   * _ppv_gunzip_proto_read()). */
  if (r->error == NULL && (_ppv_proto_decode (r) || _ppv_profile_builder_is_full (r->builder)))
    {
      /* A full builder fails here with its own "too large" message. */
      if (r->error == NULL || _ppv_profile_builder_is_full (r->builder))
        {
          g_clear_error (&r->error);
          profile = ppv_profile_builder_finish (g_steal_pointer (&r->builder), r->source, &r->error);
        }
      r->definitely_proto = TRUE;
    }

  if (r->error != NULL && !r->definitely_proto)
    {
      /* Clearly a profile if its whole top level was well-formed and had
       * a string table, or if it got several fields in before failing. */
      r->definitely_proto = (r->pass1_done && r->n_strings > 0) || r->valid_fields >= 3;
    }

  if (looks_like_proto != NULL)
    *looks_like_proto = r->definitely_proto;

  if (r->error != NULL)
    {
      g_assert (profile == NULL);
      g_propagate_error (error, g_steal_pointer (&r->error));
    }
  _ppv_proto_reader_clear (r);
  return profile;
}

PpvProfile *
_ppv_proto_read (const guint8  *data,
                 gsize          len,
                 const char    *source,
                 gsize          max_model,
                 GCancellable  *cancellable,
                 gboolean      *looks_like_proto,
                 GError       **error)
{
  Reader r = { 0, };

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  _ppv_proto_reader_init (&r, source, max_model, cancellable);
  r.data = data;
  r.len = len;
  return _ppv_proto_reader_run (&r, looks_like_proto, error);
}
