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
 *  - pass 1 records where the string table entries are, counts the
 *    repeated messages and reads the scalars;
 *  - pass 2 unpacks each ValueType, Mapping and Function, then each
 *    Location, then each Sample with protobuf-c into a bump arena that is
 *    reset after every message, and feeds the builder.  This order lets
 *    the builder resolve every id the moment it sees it.
 *
 * When protobuf-c rejects a submessage, the submessage is walked again by
 * hand to say exactly what is wrong and where.
 */
#include "ppv-reader-private.h"

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

typedef enum
{
  FAST_DONE,
  FAST_NOT_HANDLED,    /* let protobuf-c decode it, and explain errors */
  FAST_FAILED,
} FastResult;

static const char * const kind_names[] = {
  "ValueType", "Sample", "Label", "Mapping", "Location", "Line", "Function",
};

/* --- A bump allocator for protobuf-c ------------------------------------- */

typedef struct Block Block;
struct Block
{
  Block *next;
  gsize  size;
  gsize  used;
};

#define BLOCK_HEADER ((sizeof (Block) + 15) & ~(gsize) 15)
#define BLOCK_MIN    ((gsize) 64 * 1024)
#define BLOCK_KEEP   ((gsize) 64 << 20)

typedef struct
{
  Block   *head;
  gsize    total;
  gsize    budget;            /* G_MAXSIZE = unlimited */
  gboolean exhausted;
} Arena;

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

/* A stretch of consecutive top-level fields with one number: Go writes
 * each kind of message in one run, so pass 2 visits each kind's bytes
 * only, instead of walking the whole profile once per kind. */
typedef struct
{
  guint32 number;
  gsize   start;
  gsize   end;
} Run;

/* Past this many runs the fields are interleaved oddly: pass 2 walks the
 * whole top level instead of keeping a table as large as the input. */
#define MAX_RUNS 4096

typedef struct
{
  const guint8      *data;
  gsize              len;
  const char        *source;
  GError            *error;
  GCancellable      *cancellable;
  PpvProfileBuilder *builder;
  gsize              max_model;
  gsize              aux_bytes;       /* reader tables, not the model */

  guint64           *string_pos;      /* offset of each string_table field */
  gsize              n_strings;
  gsize              strings_cap;
  const char       **string_cache;    /* interned string per index */

  gint64            *comments;
  gsize              n_comments;
  gsize              comments_cap;

  gsize              n_sample_types;
  gsize              n_samples;
  gsize              n_mappings;
  gsize              n_functions;
  gsize              n_locations;
  gsize              sample_index;

  gint64             drop_frames;
  gint64             keep_frames;
  gint64             time_nanos;
  gint64             duration_nanos;
  gint64             period;
  gint64             default_sample_type;
  gint64             doc_url;
  gsize              period_type;     /* offset of its payload */
  gsize              period_type_len;
  gboolean           has_period_type;

  /* Reading while the profile is inflated (_ppv_gunzip_proto_read) */
  gboolean           streaming;       /* r->data may grow: stop at a cut field */
  gsize              scan_pos;        /* pass 1 got this far */
  gboolean           stream_samples;  /* samples so far went in deferred */
  gsize              n_streamed;

  Run               *runs;            /* NULL: walk the whole top level */
  gsize              n_runs;
  gsize              runs_cap;

  guint              valid_fields;
  gboolean           pass1_done;
  gboolean           definitely_proto;

  Arena              arena;
  ProtobufCAllocator allocator;

  guint64           *line_functions;
  gint64            *line_numbers;
  gint64            *line_columns;
  gsize              lines_cap;
  PpvLabel          *labels;
  gsize              labels_cap;
  guint64           *sample_locations;
  gsize              sample_locations_cap;
  gint64            *sample_values;
  gsize              sample_values_cap;
  gpointer           raw_labels;
  gsize              raw_labels_cap;
} Reader;

typedef struct
{
  guint32       number;
  guint         wire;
  guint64       value;
  const guint8 *payload;
  gsize         payload_len;
  gsize         offset;
} Field;

enum
{
  WIRE_VARINT = 0,
  WIRE_FIXED64 = 1,
  WIRE_LEN = 2,
  WIRE_FIXED32 = 5,
};

static gboolean G_GNUC_PRINTF (3, 4)
fail (Reader     *r,
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

static gboolean
fail_too_large (Reader *r)
{
  g_autofree char *limit = ppv_format_byte_limit (r->max_model);

  return fail (r, PPV_PROFILE_ERROR_TOO_LARGE, "profile exceeds the %s memory limit", limit);
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
static gboolean
grow_table (Reader    *r,
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
    return fail_too_large (r);
  if (r->max_model != 0 &&
      r->aux_bytes + (new_cap - *cap) * elt > r->max_model)
    return fail_too_large (r);

  p = g_try_realloc (*data, new_cap * elt);
  if (p == NULL)
    return fail_too_large (r);

  r->aux_bytes += (new_cap - *cap) * elt;
  *data = p;
  *cap = new_cap;
  return TRUE;
}

/* --- Wire format --------------------------------------------------------- */

typedef enum
{
  VARINT_OK,
  VARINT_TRUNCATED,
  VARINT_BAD,
} VarintResult;

static inline VarintResult
read_varint (const guint8  *p,
             const guint8  *end,
             guint64       *out,
             const guint8 **next)
{
  guint64 value = 0;

  for (guint i = 0; i < 10; i++)
    {
      if (p + i >= end)
        return VARINT_TRUNCATED;
      value |= (guint64) (p[i] & 0x7f) << (7 * i);
      if ((p[i] & 0x80) == 0)
        {
          *out = value;
          *next = p + i + 1;
          return VARINT_OK;
        }
    }

  return VARINT_BAD;
}

static gboolean
varint_error (Reader       *r,
              VarintResult  result,
              gsize         field_offset,
              gsize         varint_offset)
{
  if (result == VARINT_TRUNCATED)
    return fail (r, PPV_PROFILE_ERROR_TRUNCATED,
                 "truncated protobuf at byte %" G_GSIZE_FORMAT, field_offset);
  return fail (r, PPV_PROFILE_ERROR_BAD_PROTO,
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
      return fail (r, PPV_PROFILE_ERROR_BAD_PROTO,
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
  return fail (r, PPV_PROFILE_ERROR_BAD_PROTO,
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
          fail (r, PPV_PROFILE_ERROR_BAD_PROTO,
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
    return fail_too_large (r);

  if (!diagnose (r, kind, f->payload, f->payload_len, 0))
    fail (r, PPV_PROFILE_ERROR_BAD_PROTO,
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

static gboolean
get_string (Reader      *r,
            gint64       index,
            const char **out)
{
  if (index < 0 || (guint64) index >= r->n_strings)
    return fail (r, PPV_PROFILE_ERROR_INVALID,
                 "string index %" G_GINT64_FORMAT " out of range (table has %" G_GSIZE_FORMAT " entries)",
                 index, r->n_strings);

  if (r->string_cache[index] == NULL)
    {
      const guint8 *p = r->data + r->string_pos[index];
      Field f;

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
  if (!grow_table (r, (gpointer *) &r->comments, &r->comments_cap, sizeof (gint64),
                   r->n_comments + 1))
    return FALSE;
  r->comments[r->n_comments++] = index;
  return TRUE;
}

/* --- Samples while inflating ----------------------------------------------
 *
 * Go writes the samples first and the locations and strings they refer to
 * last, so samples read while the rest is still being inflated go into
 * the builder deferred: location ids and string indices, resolved once
 * everything is known.  Anything out of the ordinary (a sample the fast
 * path would not take, an id or index that does not fit, a dropped label,
 * a sample type after the first sample, memory getting tight) stops this,
 * and the samples are added again the ordinary way, which explains any
 * problem exactly as a plain read does. */

static void
stop_streaming_samples (Reader *r)
{
  r->stream_samples = FALSE;
  if (r->n_streamed > 0)
    _ppv_profile_builder_drop_samples (r->builder);
  r->n_streamed = 0;
}

static FastResult parse_sample (Reader      *r,
                                const Field *f,
                                gsize       *n_locations_out,
                                gsize       *n_raw_out);

typedef struct
{
  gint64 key, str, num, num_unit;
} RawLabel;

/* A message of varint fields numbered 1 to @n_fields only, into
 * @values (the last of a repeated field wins, as protobuf-c has it).
 * FALSE on anything else: protobuf-c then decodes it and explains. */
static gboolean
read_flat_varints (const guint8 *p,
                   const guint8 *end,
                   guint64      *values,
                   guint         n_fields)
{
  while (p < end)
    {
      guint64 tag, value;

      if (read_varint (p, end, &tag, &p) != VARINT_OK || (tag & 7) != WIRE_VARINT ||
          (tag >> 3) == 0 || (tag >> 3) > n_fields ||
          read_varint (p, end, &value, &p) != VARINT_OK)
        return FALSE;
      values[(tag >> 3) - 1] = value;
    }
  return TRUE;
}

/* A Label submessage with only its four varint fields. */
static gboolean
read_raw_label (const guint8 *p,
                const guint8 *end,
                RawLabel     *label)
{
  guint64 v[4] = { 0, };

  if (!read_flat_varints (p, end, v, 4))
    return FALSE;
  *label = (RawLabel) { (gint64) v[0], (gint64) v[1], (gint64) v[2], (gint64) v[3] };
  return TRUE;
}


static void
stream_sample (Reader      *r,
               const Field *f)
{
  gsize n_locations, n_raw, cap = r->max_model / 4;
  const RawLabel *raw;

  /* The deferred samples stay far from the memory cap, so that the
   * builder never fails on them. */
  if (r->n_sample_types == 0 || f->payload_len > G_MAXSIZE / 64 ||
      (r->max_model != 0 && (_ppv_profile_builder_get_memory (r->builder) + r->aux_bytes > cap ||
                             f->payload_len * 32 > cap)) ||
      parse_sample (r, f, &n_locations, &n_raw) != FAST_DONE ||
      !grow_table (r, (gpointer *) &r->labels, &r->labels_cap, sizeof (PpvLabel), n_raw))
    {
      g_clear_error (&r->error);
      stop_streaming_samples (r);
      return;
    }

  for (gsize i = 0; i < n_locations; i++)
    if (r->sample_locations[i] == 0 || r->sample_locations[i] >= PPV_NONE)
      {
        stop_streaming_samples (r);
        return;
      }

  raw = r->raw_labels;
  for (gsize i = 0; i < n_raw; i++)
    {
      PpvLabel *l = &r->labels[i];

      if (raw[i].key < 0 || raw[i].str < 0 || raw[i].num_unit < 0 ||
          (raw[i].str == 0 && raw[i].num == 0 && raw[i].num_unit == 0))
        {
          stop_streaming_samples (r);
          return;
        }
      /* resolve_label()'s rules, with indices for strings. */
      l->key = GSIZE_TO_POINTER ((gsize) raw[i].key);
      l->str = GSIZE_TO_POINTER ((gsize) raw[i].str);
      l->num = raw[i].str != 0 ? 0 : raw[i].num;
      l->num_unit = GSIZE_TO_POINTER (raw[i].str != 0 ? 0 : (gsize) raw[i].num_unit);
    }

  _ppv_profile_builder_add_sample_deferred (r->builder, r->sample_locations, n_locations,
                                            r->sample_values, r->n_sample_types,
                                            r->labels, n_raw);
  r->n_streamed++;
}

static gboolean
deferred_string (gpointer     data,
                 gsize        index,
                 const char **out)
{
  Reader *r = data;

  return index < r->n_strings && get_string (r, (gint64) index, out);
}

/* Whether the field at @p lies whole before @end.  A field read_field()
 * rejects for another reason counts as whole: more data would not help. */
static gboolean
field_complete (const guint8 *p,
                const guint8 *end)
{
  guint64 tag, n;
  VarintResult res;

  if ((res = read_varint (p, end, &tag, &p)) != VARINT_OK)
    return res == VARINT_BAD;

  switch (tag & 7)
    {
    case WIRE_VARINT:
      return read_varint (p, end, &n, &p) != VARINT_TRUNCATED;
    case WIRE_FIXED64:
      return end - p >= 8;
    case WIRE_LEN:
      if ((res = read_varint (p, end, &n, &p)) != VARINT_OK)
        return res == VARINT_BAD;
      return n <= (guint64) (end - p);
    case WIRE_FIXED32:
      return end - p >= 4;
    default:
      return TRUE;
    }
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

static gboolean
scan_top_level (Reader *r)
{
  const guint8 *p = r->data + r->scan_pos, *end = r->data + r->len;
  guint64 n_fields = 0;

  while (p < end)
    {
      Field f;

      if ((++n_fields & 0xfffff) == 0 && check_cancelled (r))
        return FALSE;

      /* While inflating, a field cut at the end waits for the rest. */
      if (r->streaming && !field_complete (p, end))
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
                stop_streaming_samples (r);
              r->n_sample_types++;
              break;
            case 2:
              if (r->stream_samples)
                stream_sample (r, &f);
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
            return fail (r, PPV_PROFILE_ERROR_BAD_PROTO, "string_table[0] must be empty");
          if (!grow_table (r, (gpointer *) &r->string_pos, &r->strings_cap, sizeof (guint64),
                           r->n_strings + 1))
            return FALSE;
          r->string_pos[r->n_strings++] = f.offset;
          break;

        case 9:
          /* A second time stamp is how pprof spots `cat a.pb b.pb`. */
          if (r->time_nanos != 0)
            {
              r->definitely_proto = TRUE;
              return fail (r, PPV_PROFILE_ERROR_BAD_PROTO, "concatenated profiles detected");
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

  if (!get_string (r, vt->type, &type) || !get_string (r, vt->unit, &unit))
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
  if (!get_string (r, m->filename, &mapping.filename) ||
      !get_string (r, m->build_id, &mapping.build_id))
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
  if (read_flat_varints (f->payload, f->payload + f->payload_len, v, 5))
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

  if (!get_string (r, name, &function.name) ||
      !get_string (r, system_name, &function.system_name) ||
      !get_string (r, filename, &function.filename))
    return FALSE;

  ppv_profile_builder_add_function (r->builder, &function);
  return TRUE;
}

static gboolean
reserve_lines (Reader *r,
               gsize   n_lines)
{
  gsize cap = r->lines_cap;

  if (n_lines <= r->lines_cap)
    return TRUE;
  if (!grow_table (r, (gpointer *) &r->line_functions, &cap, sizeof (guint64), n_lines))
    return FALSE;
  cap = r->lines_cap;
  if (!grow_table (r, (gpointer *) &r->line_numbers, &cap, sizeof (gint64), n_lines))
    return FALSE;
  cap = r->lines_cap;
  if (!grow_table (r, (gpointer *) &r->line_columns, &cap, sizeof (gint64), n_lines))
    return FALSE;
  r->lines_cap = cap;
  return TRUE;
}

typedef struct
{
  guint64  id, mapping_id, address;
  gboolean is_folded;
  gsize    n_lines;
} RawLocation;

/* A Location of plain fields and Lines, its lines into the reader's line
 * tables.  FAST_NOT_HANDLED on anything protobuf-c should look at. */
static FastResult
parse_location (Reader       *r,
                const Field  *f,
                RawLocation  *loc)
{
  const guint8 *p = f->payload, *end = f->payload + f->payload_len;
  gsize budget = G_MAXSIZE;

  if (r->max_model != 0)
    {
      gsize used = _ppv_profile_builder_get_memory (r->builder) + r->aux_bytes;

      budget = used < r->max_model ? r->max_model - used : 0;
    }
  *loc = (RawLocation) { 0, };
  while (p < end)
    {
      const guint8 *value_start;
      guint64 tag, value;

      if (read_varint (p, end, &tag, &p) != VARINT_OK)
        return FAST_NOT_HANDLED;
      value_start = p;
      if (read_varint (p, end, &value, &p) != VARINT_OK)
        return FAST_NOT_HANDLED;

      if (tag == (4 << 3 | WIRE_LEN))
        {
          guint64 line[3] = { 0, };

          if (value > (guint64) (end - p) || !read_flat_varints (p, p + value, line, 3))
            return FAST_NOT_HANDLED;
          p += value;
          /* Where protobuf-c's arena would hit the memory cap, let it. */
          if (budget != G_MAXSIZE &&
              (loc->n_lines + 1) * (sizeof (Perftools__Profiles__Line) + sizeof (gpointer)) > budget)
            return FAST_NOT_HANDLED;
          if (loc->n_lines >= G_MAXUINT32 || !reserve_lines (r, loc->n_lines + 1))
            return FAST_FAILED;
          r->line_functions[loc->n_lines] = line[0];
          r->line_numbers[loc->n_lines] = (gint64) line[1];
          r->line_columns[loc->n_lines] = (gint64) line[2];
          loc->n_lines++;
          continue;
        }

      switch (tag)
        {
        case 1 << 3: loc->id = value; break;
        case 2 << 3: loc->mapping_id = value; break;
        case 3 << 3: loc->address = value; break;
        case 5 << 3:
          /* protobuf-c's bool is "any bit set", bits past 64 included. */
          if (p - value_start >= 10)
            return FAST_NOT_HANDLED;
          loc->is_folded = value != 0;
          break;
        default:
          return FAST_NOT_HANDLED;
        }
    }
  return FAST_DONE;
}

static gboolean
add_location (Reader      *r,
              const Field *f)
{
  Perftools__Profiles__Location *loc;
  RawLocation raw;

  switch (parse_location (r, f, &raw))
    {
    case FAST_DONE:
      ppv_profile_builder_add_location (r->builder, raw.id, raw.mapping_id, raw.address,
                                        raw.is_folded, r->line_functions, r->line_numbers,
                                        r->line_columns, raw.n_lines);
      return TRUE;
    case FAST_FAILED:
      if (r->error == NULL)
        fail_too_large (r);
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
    return fail_too_large (r);
  if (!reserve_lines (r, loc->n_line))
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

/* Appends the varints of one field (packed, or one plain value) to
 * @table; *@ok is FALSE on malformed bytes.  Returns FALSE on the memory
 * cap.  Room is made once per field: a varint takes at least a byte. */
static gboolean
append_varints (Reader        *r,
                guint          wire,
                const guint8 **pp,
                const guint8  *end,
                gpointer      *table,
                gsize         *cap,
                gsize         *count,
                gboolean      *ok)
{
  const guint8 *p = *pp;
  gsize room = wire == WIRE_LEN ? (gsize) (end - p) : 1;
  guint64 *values;

  *ok = FALSE;
  if (!grow_table (r, table, cap, sizeof (guint64), *count + room))
    return FALSE;

  values = *table;
  while (p < end)
    {
      if (read_varint (p, end, &values[*count], &p) != VARINT_OK)
        return TRUE;
      (*count)++;
      if (wire == WIRE_VARINT)
        break;
    }
  *pp = p;
  *ok = TRUE;
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
  if (!get_string (r, raw->key, &label->key))
    return FALSE;
  label->str = NULL;
  label->num = 0;
  label->num_unit = NULL;
  if (raw->str != 0)
    return get_string (r, raw->str, &label->str);
  if (raw->num != 0 || raw->num_unit != 0)
    {
      label->num = raw->num;
      return raw->num_unit == 0 || get_string (r, raw->num_unit, &label->num_unit);
    }
  *kept = FALSE;
  return TRUE;
}

/* Samples decoded here, not through protobuf-c's generic unpacker: that
 * is a fifth of a large read.  Anything unusual (unknown fields, wrong
 * wire types, malformed bytes, a wrong number of values) goes the general
 * way, which explains what is wrong. */
static FastResult
parse_sample (Reader      *r,
              const Field *f,
              gsize       *n_locations_out,
              gsize       *n_raw_out)
{
  const guint8 *p = f->payload, *end = f->payload + f->payload_len;
  gsize n_locations = 0, n_values = 0, n_raw = 0;

  while (p < end)
    {
      guint64 tag, len;
      const guint8 *value_end = end;
      gboolean ok = TRUE;
      guint number, wire;

      if (read_varint (p, end, &tag, &p) != VARINT_OK)
        return FAST_NOT_HANDLED;
      number = tag >> 3 > 3 ? 0 : (guint) (tag >> 3);
      wire = tag & 7;

      if (wire == WIRE_LEN)
        {
          if (read_varint (p, end, &len, &p) != VARINT_OK || len > (guint64) (end - p))
            return FAST_NOT_HANDLED;
          value_end = p + len;
        }
      else if (wire != WIRE_VARINT || number == 3)
        return FAST_NOT_HANDLED;

      switch (number)
        {
        case 1:
          if (!append_varints (r, wire, &p, value_end, (gpointer *) &r->sample_locations,
                               &r->sample_locations_cap, &n_locations, &ok))
            return FAST_FAILED;
          break;
        case 2:
          if (!append_varints (r, wire, &p, value_end, (gpointer *) &r->sample_values,
                               &r->sample_values_cap, &n_values, &ok))
            return FAST_FAILED;
          break;
        case 3:
          if (!grow_table (r, (gpointer *) &r->raw_labels, &r->raw_labels_cap, sizeof (RawLabel), n_raw + 1))
            return FAST_FAILED;
          ok = read_raw_label (p, value_end, &((RawLabel *) r->raw_labels)[n_raw++]);
          p = value_end;
          break;
        default:
          return FAST_NOT_HANDLED;
        }
      if (!ok)
        return FAST_NOT_HANDLED;
    }

  if (n_values != r->n_sample_types || n_locations > G_MAXUINT32 || n_raw > G_MAXUINT32)
    return FAST_NOT_HANDLED;

  *n_locations_out = n_locations;
  *n_raw_out = n_raw;
  return FAST_DONE;
}

static FastResult
add_sample_fast (Reader      *r,
                 const Field *f)
{
  gsize n_locations, n_raw, n_labels = 0, n_values = r->n_sample_types;
  FastResult result = parse_sample (r, f, &n_locations, &n_raw);

  if (result != FAST_DONE)
    return result;

  r->sample_index++;
  if (!grow_table (r, (gpointer *) &r->labels, &r->labels_cap, sizeof (PpvLabel), n_raw))
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
    return fail (r, PPV_PROFILE_ERROR_INVALID,
                 "sample %" G_GSIZE_FORMAT " has %" G_GSIZE_FORMAT " values but the profile has %"
                 G_GSIZE_FORMAT " sample types", index, s->n_value, r->n_sample_types);

  if (s->n_location_id > G_MAXUINT32 || s->n_label > G_MAXUINT32)
    return fail_too_large (r);

  if (!grow_table (r, (gpointer *) &r->labels, &r->labels_cap, sizeof (PpvLabel), s->n_label))
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
      if (!get_string (r, vt->type, &s1) || !get_string (r, vt->unit, &s2))
        return FALSE;
    }
  else if (!get_string (r, 0, &s1) || !get_string (r, 0, &s2))
    return FALSE;
  ppv_profile_builder_set_period (r->builder, s1, s2, r->period);

  if (!get_string (r, r->drop_frames, &s1) || !get_string (r, r->keep_frames, &s2))
    return FALSE;
  ppv_profile_builder_set_frames (r->builder, s1, s2);

  for (gsize i = 0; i < r->n_comments; i++)
    {
      if (!get_string (r, r->comments[i], &s1))
        return FALSE;
      ppv_profile_builder_add_comment (r->builder, s1);
    }

  if (!get_string (r, r->default_sample_type, &s1))
    return FALSE;
  ppv_profile_builder_set_default_sample_type (r->builder, s1);

  if (!get_string (r, r->doc_url, &s1))
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
  if (r->n_streamed > 0)
    {
      if (r->stream_samples && r->n_streamed == r->n_samples &&
          _ppv_profile_builder_resolve_deferred (r->builder, deferred_string, r))
        {
          r->sample_index = r->n_streamed;
          return TRUE;
        }
      stop_streaming_samples (r);
      _ppv_profile_builder_reserve (r->builder, r->n_samples, r->n_samples * r->n_sample_types,
                                    r->n_mappings, r->n_functions, r->n_locations);
    }
  return for_each_field (r, 2, add_sample);
}

static gboolean
decode (Reader *r)
{
  gsize n_values;

  if (!scan_top_level (r))
    return FALSE;

  if (r->n_samples > 0 && r->n_sample_types == 0)
    return fail (r, PPV_PROFILE_ERROR_INVALID, "profile has samples but no sample types");

  if (r->n_strings > 0)
    {
      if (r->n_strings > G_MAXSIZE / sizeof (char *) / 4 ||
          (r->max_model != 0 && r->aux_bytes + r->n_strings * sizeof (char *) > r->max_model))
        return fail_too_large (r);
      r->string_cache = g_try_new0 (const char *, r->n_strings);
      if (r->string_cache == NULL)
        return fail_too_large (r);
      r->aux_bytes += r->n_strings * sizeof (char *);
      _ppv_profile_builder_reserve_strings (r->builder, r->n_strings);
    }

  if (r->n_sample_types != 0 && r->n_samples > G_MAXSIZE / 8 / r->n_sample_types)
    return fail_too_large (r);
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

static void
reader_init (Reader       *r,
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

static void
reader_clear (Reader *r)
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
static PpvProfile *
reader_run (Reader    *r,
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
  reader_clear (r);
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

  reader_init (&r, source, max_model, cancellable);
  r.data = data;
  r.len = len;
  return reader_run (&r, looks_like_proto, error);
}

GBytes *
_ppv_gunzip_proto_read (GBytes        *compressed,
                        gboolean       droppable,
                        gsize          max_output,
                        const char    *source,
                        gsize          max_model,
                        GCancellable  *cancellable,
                        PpvProfile   **profile,
                        gboolean      *looks_like_proto,
                        GError       **proto_error,
                        GError       **error)
{
  Reader r = { 0, };
  PpvGunzipStream *stream;
  GBytes *raw;
  gboolean done = FALSE, scan_ok = TRUE;
  gsize avail = 0;

  *profile = NULL;
  *looks_like_proto = FALSE;

  reader_init (&r, source, max_model, cancellable);
  r.streaming = TRUE;
  r.stream_samples = TRUE;

  /* Pass 1 (and the samples) on each window the inflater publishes. */
  stream = _ppv_gunzip_stream_new (compressed, droppable, max_output, r.source, cancellable);
  while (!done)
    {
      const guint8 *base = _ppv_gunzip_stream_wait (stream, avail, &avail, &done);

      if (base == NULL || done)
        break;
      if (scan_ok)
        {
          r.data = base;
          r.len = avail;
          scan_ok = scan_top_level (&r);
        }
    }

  raw = _ppv_gunzip_stream_finish (stream, error);
  if (raw == NULL || g_bytes_get_size (raw) == 0)
    {
      reader_clear (&r);
      return raw;
    }

  r.data = g_bytes_get_data (raw, &r.len);
  r.streaming = FALSE;
  if (scan_ok)
    *profile = reader_run (&r, looks_like_proto, proto_error);
  else
    {
      /* Whatever went wrong is reported as a plain read reports it. */
      reader_clear (&r);
      *profile = _ppv_proto_read (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw), source,
                                  max_model, cancellable, looks_like_proto, proto_error);
    }
  return raw;
}
