/* ppv-proto-reader-private.h — the protobuf reader's state, shared by its decoding, fast-path and streaming files.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <protobuf-c/protobuf-c.h>

#include "ppv-profile-private.h"
#include "ppv-reader-private.h"

G_BEGIN_DECLS

typedef enum
{
  FAST_DONE,
  FAST_NOT_HANDLED,    /* let protobuf-c decode it, and explain errors */
  FAST_FAILED,
} FastResult;

/* protobuf-c allocates from this bump arena (ppv-proto-reader.c). */
typedef struct Block Block;
struct Block
{
  Block *next;
  gsize  size;
  gsize  used;
};

typedef struct
{
  Block   *head;
  gsize    total;
  gsize    budget;            /* G_MAXSIZE = unlimited */
  gboolean exhausted;
} Arena;

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
  gsize              n_streamed;      /* the first n_streamed samples went in deferred */
  gsize              stream_n_values; /* how many values each of them has */

  /* The deferred samples' bytes are not read again: the first unbroken
   * stretch of them, [skip_start, skip_end) (skip_count fields, from
   * sample 0 on), is stepped over by pass 2 and its pages given back as
   * it grows. */
  gsize              skip_start;
  gsize              skip_end;
  gsize              skip_count;
  gsize              dropped_end;     /* offset up to which pages went */

  /* r->data is the inflater's buffer, ours to give back page by page as
   * pass 2 is done with it; PPV_PROTO_POISON_DROPPED overwrites the bytes
   * instead, so that tests see any later read of them. */
  gboolean           droppable;
  gboolean           poison;
  gboolean           spent;           /* some bytes went */

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

typedef struct
{
  gint64 key, str, num, num_unit;
} RawLabel;

typedef struct
{
  guint64  id, mapping_id, address;
  gboolean is_folded;
  gsize    n_lines;
} RawLocation;

/* Which message a diagnosis is about. */
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

/* ppv-proto-reader.c */
gboolean _ppv_proto_fail              (Reader       *r,
                                       int           code,
                                       const char   *format,
                                       ...) G_GNUC_PRINTF (3, 4);
gboolean _ppv_proto_fail_too_large    (Reader       *r);
gboolean _ppv_proto_grow_table        (Reader       *r,
                                       gpointer     *data,
                                       gsize        *cap,
                                       gsize         elt,
                                       gsize         need);
gboolean _ppv_proto_get_string        (Reader       *r,
                                       gint64        index,
                                       const char  **out);
/* Pass 1 from r->scan_pos to r->len. */
gboolean _ppv_proto_scan_top_level    (Reader       *r);
void     _ppv_proto_reader_init       (Reader       *r,
                                       const char   *source,
                                       gsize         max_model,
                                       GCancellable *cancellable);
void     _ppv_proto_reader_clear      (Reader       *r);
/* Decodes (the rest of) r->data and clears the reader. */
PpvProfile *_ppv_proto_reader_run     (Reader       *r,
                                       gboolean     *looks_like_proto,
                                       GError      **error);
gboolean _ppv_proto_check_cancelled   (Reader       *r);
/* Reads one field (tag and value) starting at *@pp, inside r->data. */
gboolean _ppv_proto_read_field        (Reader        *r,
                                       const guint8 **pp,
                                       const guint8  *end,
                                       Field         *f);
gboolean _ppv_proto_varint_error      (Reader       *r,
                                       VarintResult  result,
                                       gsize         field_offset,
                                       gsize         varint_offset);
gboolean _ppv_proto_wrong_wire        (Reader       *r,
                                       const Field  *f,
                                       const char   *message);

/* ppv-proto-decode.c: pass 2 (and pass 1 before it, if not done). */
gboolean _ppv_proto_decode            (Reader       *r);

/* ppv-proto-unpack.c: protobuf-c's allocator, and its failures explained. */
void    *_ppv_proto_arena_alloc       (void         *data,
                                       size_t        size);
void     _ppv_proto_arena_free        (void         *data,
                                       void         *pointer);
void     _ppv_proto_arena_clear       (Arena        *a);
void     _ppv_proto_prepare_arena     (Reader       *r);
gboolean _ppv_proto_unpack_failed     (Reader       *r,
                                       Kind          kind,
                                       const Field  *f);

/* ppv-proto-fast.c: messages decoded by hand; FAST_NOT_HANDLED leaves
 * them to protobuf-c, which explains what is wrong. */
gboolean   _ppv_proto_read_flat_varints (const guint8 *p,
                                         const guint8 *end,
                                         guint64      *values,
                                         guint         n_fields);
gboolean   _ppv_proto_reserve_lines     (Reader       *r,
                                         gsize         n_lines);
FastResult _ppv_proto_parse_location    (Reader       *r,
                                         const Field  *f,
                                         RawLocation  *loc);
/* Into r->sample_locations, r->sample_values and r->raw_labels. */
FastResult _ppv_proto_parse_sample      (Reader       *r,
                                         const Field  *f,
                                         gsize        *n_locations_out,
                                         gsize        *n_raw_out);

/* ppv-proto-stream.c: samples taken while the profile is inflated. */
void     _ppv_proto_stream_sample     (Reader       *r,
                                       const Field  *f);
/* Later samples go the ordinary way; those taken so far stay. */
void     _ppv_proto_stop_streaming    (Reader       *r);
/* Gives back the whole pages of [@start, @end) of r->data, if it is
 * droppable: its bytes will not be read again. */
void     _ppv_proto_drop_range        (Reader       *r,
                                       gsize         start,
                                       gsize         end);
/* The same for the stretches of the string table whose strings were all
 * interned already. */
void     _ppv_proto_drop_interned_strings (Reader   *r);
/* Resolves the samples taken while inflating (if any): FALSE, with
 * r->error set, where the ordinary way would have failed on them. */
gboolean _ppv_proto_resolve_streamed  (Reader       *r);
gboolean _ppv_proto_field_complete    (const guint8 *p,
                                       const guint8 *end);

G_END_DECLS
