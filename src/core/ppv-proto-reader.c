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
 *    each Location, then each Sample, and feeds the builder.  This order
 *    lets the builder resolve every id the moment it sees it.  Functions,
 *    locations and samples are decoded by hand (ppv-proto-fast.c); the
 *    rest, and anything unusual, by protobuf-c into a bump arena that is
 *    reset after every message.
 *
 * When protobuf-c rejects a submessage, the submessage is walked again by
 * hand to say exactly what is wrong and where.
 */
#include "ppv-proto-reader-private.h"

#include <string.h>

#include "ppv-error.h"
#include "ppv-profile-private.h"
#include "ppv-text-util.h"
#include "profile.pb-c.h"

typedef enum
{
  KIND_VALUE_TYPE,
  KIND_SAMPLE,
  KIND_LABEL,
  KIND_MAPPING,
  KIND_LOCATION,
  KIND_LINE,
  KIND_FUNCTION,
} Kind;

static const char * const kind_names[] = {
  "ValueType", "Sample", "Label", "Mapping", "Location", "Line", "Function",
};

/* --- A bump allocator for protobuf-c ------------------------------------- */

#define BLOCK_HEADER ((sizeof (Block) + 15) & ~(gsize) 15)
#define BLOCK_MIN    ((gsize) 64 * 1024)
#define BLOCK_KEEP   ((gsize) 64 << 20)

static void *
arena_alloc (void   *data,
             size_t  size)
{
  Arena *a = data;
  Block *b = a->head;
  gpointer p;

  if (size > G_MAXSIZE - BLOCK_HEADER - 16)
    {
      a->exhausted = TRUE;
      return NULL;
    }
  size = (size + 15) & ~(gsize) 15;

  if (b == NULL || b->size - b->used < size)
    {
      gsize bsize = MAX (size, BLOCK_MIN);

      if (a->budget - MIN (a->budget, a->total) < bsize + BLOCK_HEADER)
        bsize = size;
      if (a->budget - MIN (a->budget, a->total) < bsize + BLOCK_HEADER)
        {
          a->exhausted = TRUE;
          return NULL;
        }

      b = g_try_malloc (BLOCK_HEADER + bsize);
      if (b == NULL)
        {
          a->exhausted = TRUE;
          return NULL;
        }
      b->next = a->head;
      b->size = bsize;
      b->used = 0;
      a->head = b;
      a->total += BLOCK_HEADER + bsize;
    }

  p = (guint8 *) b + BLOCK_HEADER + b->used;
  b->used += size;
  return p;
}

static void
arena_free (void *data,
            void *pointer)
{
  /* Everything goes at once in arena_reset(). */
}

static void
arena_clear (Arena *a)
{
  while (a->head != NULL)
    {
      Block *next = a->head->next;

      g_free (a->head);
      a->head = next;
    }
  a->total = 0;
}

/* Keeps one block for the next message; if this message needed several,
 * drops them all so the next big one gets a single block of its size. */
static void
arena_reset (Arena *a)
{
  if (a->head != NULL && a->head->next == NULL && a->head->size <= BLOCK_KEEP)
    a->head->used = 0;
  else
    arena_clear (a);
  a->exhausted = FALSE;
}

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

static gboolean
check_cancelled (Reader *r)
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

static gboolean
varint_error (Reader       *r,
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
static gboolean
read_field (Reader        *r,
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
    return varint_error (r, res, f->offset, f->offset);

  f->number = (tag >> 3) > G_MAXUINT32 ? G_MAXUINT32 : (guint32) (tag >> 3);
  f->wire = tag & 7;

  switch (f->wire)
    {
    case WIRE_VARINT:
      if ((res = read_varint (p, end, &f->value, &p)) != VARINT_OK)
        return varint_error (r, res, f->offset, p - r->data);
      break;

    case WIRE_FIXED64:
      if (end - p < 8)
        return varint_error (r, VARINT_TRUNCATED, f->offset, f->offset);
      for (guint i = 0; i < 8; i++)
        f->value |= (guint64) p[i] << (8 * i);
      p += 8;
      break;

    case WIRE_LEN:
      if ((res = read_varint (p, end, &n, &p)) != VARINT_OK)
        return varint_error (r, res, f->offset, p - r->data);
      if (n > (guint64) (end - p))
        return varint_error (r, VARINT_TRUNCATED, f->offset, f->offset);
      f->payload = p;
      f->payload_len = n;
      p += n;
      break;

    case WIRE_FIXED32:
      if (end - p < 4)
        return varint_error (r, VARINT_TRUNCATED, f->offset, f->offset);
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

static gboolean
wrong_wire (Reader      *r,
            const Field *f,
            const char  *message)
{
  return _ppv_proto_fail (r, PPV_PROFILE_ERROR_BAD_PROTO,
               "wrong wire type %u for %s field %u at byte %" G_GSIZE_FORMAT,
               f->wire, message, f->number, f->offset);
}

/* --- Explaining a submessage protobuf-c rejected ------------------------- */

enum
{
  SCHEMA_UNKNOWN,
  SCHEMA_VARINT,
  SCHEMA_REPEATED_VARINT,
  SCHEMA_MESSAGE,
};

static int
schema_of (Kind     kind,
           guint32  number,
           Kind    *sub)
{
  switch (kind)
    {
    case KIND_VALUE_TYPE:
      return number >= 1 && number <= 2 ? SCHEMA_VARINT : SCHEMA_UNKNOWN;
    case KIND_SAMPLE:
      if (number == 1 || number == 2)
        return SCHEMA_REPEATED_VARINT;
      if (number == 3)
        {
          *sub = KIND_LABEL;
          return SCHEMA_MESSAGE;
        }
      return SCHEMA_UNKNOWN;
    case KIND_LABEL:
      return number >= 1 && number <= 4 ? SCHEMA_VARINT : SCHEMA_UNKNOWN;
    case KIND_MAPPING:
      return number >= 1 && number <= 10 ? SCHEMA_VARINT : SCHEMA_UNKNOWN;
    case KIND_LOCATION:
      if (number == 4)
        {
          *sub = KIND_LINE;
          return SCHEMA_MESSAGE;
        }
      return number >= 1 && number <= 5 ? SCHEMA_VARINT : SCHEMA_UNKNOWN;
    case KIND_LINE:
      return number >= 1 && number <= 3 ? SCHEMA_VARINT : SCHEMA_UNKNOWN;
    case KIND_FUNCTION:
      return number >= 1 && number <= 5 ? SCHEMA_VARINT : SCHEMA_UNKNOWN;
    default:
      g_assert_not_reached ();
    }
}

/* Sets an error and returns TRUE when it finds what is wrong. */
static gboolean
diagnose (Reader       *r,
          Kind          kind,
          const guint8 *payload,
          gsize         len,
          guint         depth)
{
  const guint8 *p = payload, *end = payload + len;

  while (p < end)
    {
      Field f;
      Kind sub = kind;
      int schema;

      if (!read_field (r, &p, end, &f))
        return TRUE;

      if (f.number == 0 || f.number > 536870911)
        {
          _ppv_proto_fail (r, PPV_PROFILE_ERROR_BAD_PROTO,
                "invalid field number in %s message at byte %" G_GSIZE_FORMAT,
                kind_names[kind], f.offset);
          return TRUE;
        }

      schema = schema_of (kind, f.number, &sub);
      switch (schema)
        {
        case SCHEMA_VARINT:
          if (f.wire != WIRE_VARINT)
            {
              wrong_wire (r, &f, kind_names[kind]);
              return TRUE;
            }
          break;

        case SCHEMA_REPEATED_VARINT:
          if (f.wire == WIRE_LEN)
            {
              const guint8 *q = f.payload, *qend = f.payload + f.payload_len;

              while (q < qend)
                {
                  guint64 v;
                  VarintResult res = read_varint (q, qend, &v, &q);

                  if (res != VARINT_OK)
                    {
                      varint_error (r, res, f.offset, q - r->data);
                      return TRUE;
                    }
                }
            }
          else if (f.wire != WIRE_VARINT)
            {
              wrong_wire (r, &f, kind_names[kind]);
              return TRUE;
            }
          break;

        case SCHEMA_MESSAGE:
          if (f.wire != WIRE_LEN)
            {
              wrong_wire (r, &f, kind_names[kind]);
              return TRUE;
            }
          if (depth < 4 && diagnose (r, sub, f.payload, f.payload_len, depth + 1))
            return TRUE;
          break;

        default:
          break;
        }
    }

  return FALSE;
}

static gboolean
unpack_failed (Reader      *r,
               Kind         kind,
               const Field *f)
{
  if (r->arena.exhausted)
    return _ppv_proto_fail_too_large (r);

  if (!diagnose (r, kind, f->payload, f->payload_len, 0))
    _ppv_proto_fail (r, PPV_PROFILE_ERROR_BAD_PROTO,
          "malformed %s message at byte %" G_GSIZE_FORMAT, kind_names[kind], f->offset);
  return FALSE;
}

/* Before each unpack: the arena may use what the model has not. */
static void
prepare_arena (Reader *r)
{
  arena_reset (&r->arena);

  if (r->max_model == 0)
    r->arena.budget = G_MAXSIZE;
  else
    {
      gsize used = _ppv_profile_builder_get_memory (r->builder) + r->aux_bytes;

      r->arena.budget = used < r->max_model ? r->max_model - used : 0;
    }
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

          if (read_field (r, &q, r->data + r->len, &f))
            _ppv_profile_builder_prefetch (r->builder, (const char *) f.payload, f.payload_len);
        }

      /* Already validated in pass 1. */
      if (!read_field (r, &p, r->data + r->len, &f))
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

      if ((++n_fields & 0xfffff) == 0 && check_cancelled (r))
        return FALSE;

      /* While inflating, a field cut at the end waits for the rest. */
      if (r->streaming && !_ppv_proto_field_complete (p, end))
        return TRUE;

      if (!read_field (r, &p, end, &f))
        return FALSE;
      r->scan_pos = p - r->data;

      switch (f.number)
        {
        case 1: case 2: case 3: case 4: case 5: case 11:
          if (f.wire != WIRE_LEN)
            return wrong_wire (r, &f, "Profile");
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
            return wrong_wire (r, &f, "Profile");
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
            return wrong_wire (r, &f, "Profile");
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
                    return varint_error (r, res, f.offset, q - r->data);
                  if (!push_comment (r, (gint64) v))
                    return FALSE;
                }
            }
          else
            return wrong_wire (r, &f, "Profile");
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

/* --- Pass 2 -------------------------------------------------------------- */

static gboolean
add_value_type (Reader      *r,
                const Field *f)
{
  Perftools__Profiles__ValueType *vt;
  const char *type, *unit;

  prepare_arena (r);
  vt = perftools__profiles__value_type__unpack (&r->allocator, f->payload_len, f->payload);
  if (vt == NULL)
    return unpack_failed (r, KIND_VALUE_TYPE, f);

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

  prepare_arena (r);
  m = perftools__profiles__mapping__unpack (&r->allocator, f->payload_len, f->payload);
  if (m == NULL)
    return unpack_failed (r, KIND_MAPPING, f);

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
      prepare_arena (r);
      fn = perftools__profiles__function__unpack (&r->allocator, f->payload_len, f->payload);
      if (fn == NULL)
        return unpack_failed (r, KIND_FUNCTION, f);
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

  prepare_arena (r);
  loc = perftools__profiles__location__unpack (&r->allocator, f->payload_len, f->payload);
  if (loc == NULL)
    return unpack_failed (r, KIND_LOCATION, f);

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

  prepare_arena (r);
  s = perftools__profiles__sample__unpack (&r->allocator, f->payload_len, f->payload);
  if (s == NULL)
    return unpack_failed (r, KIND_SAMPLE, f);

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

/* Hands each top-level field numbered @number, in order, to @handler.
 * The top level was validated in pass 1. */
static gboolean
for_each_field_in (Reader       *r,
                   gsize         start,
                   gsize         stop,
                   guint32       number,
                   FieldHandler  handler,
                   guint        *count)
{
  const guint8 *p = r->data + start, *end = r->data + stop;

  while (p < end)
    {
      Field f;

      if (!read_field (r, &p, r->data + r->len, &f))
        return FALSE;
      if (f.number != number)
        continue;

      if ((++*count & 0xfff) == 0 &&
          (check_cancelled (r) || _ppv_profile_builder_is_full (r->builder)))
        return FALSE;

      if (!handler (r, &f))
        return FALSE;
    }

  return TRUE;
}

static gboolean
for_each_field (Reader       *r,
                guint32       number,
                FieldHandler  handler)
{
  guint count = 0;

  if (r->runs == NULL)
    return for_each_field_in (r, 0, r->len, number, handler, &count);

  for (gsize i = 0; i < r->n_runs; i++)
    if (r->runs[i].number == number &&
        !for_each_field_in (r, r->runs[i].start, r->runs[i].end, number, handler, &count))
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

      prepare_arena (r);
      vt = perftools__profiles__value_type__unpack (&r->allocator, f.payload_len, f.payload);
      if (vt == NULL)
        return unpack_failed (r, KIND_VALUE_TYPE, &f);
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
 * every location and string is known, or all samples the ordinary way. */
static gboolean
add_samples (Reader *r)
{
  if (_ppv_proto_resolve_streamed (r))
    return TRUE;
  return for_each_field (r, 2, add_sample);
}

static gboolean
decode (Reader *r)
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

  return for_each_field (r, 1, add_value_type) &&
         for_each_field (r, 3, add_mapping) &&
         for_each_field (r, 5, add_function) &&
         for_each_field (r, 4, add_location) &&
         add_samples (r) &&
         add_scalars (r);
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
  r->allocator.alloc = arena_alloc;
  r->allocator.free = arena_free;
  r->allocator.allocator_data = &r->arena;
}

void
_ppv_proto_reader_clear (Reader *r)
{
  if (r->builder != NULL)
    ppv_profile_builder_free (r->builder);
  arena_clear (&r->arena);
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

  if (decode (r) || _ppv_profile_builder_is_full (r->builder))
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
