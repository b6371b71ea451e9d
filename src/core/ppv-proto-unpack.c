/* ppv-proto-unpack.c — protobuf-c's side of the reader: its bump arena, its failures explained.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-proto-reader-private.h"

#include "ppv-error.h"
#include "profile.pb-c.h"

static const char * const kind_names[] = {
  "ValueType", "Sample", "Label", "Mapping", "Location", "Line", "Function",
};

/* --- A bump allocator for protobuf-c ------------------------------------- */

#define BLOCK_HEADER ((sizeof (Block) + 15) & ~(gsize) 15)
#define BLOCK_MIN    ((gsize) 64 * 1024)
#define BLOCK_KEEP   ((gsize) 64 << 20)

void *
_ppv_proto_arena_alloc (void   *data,
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

void
_ppv_proto_arena_free (void *data,
                       void *pointer)
{
  /* Everything goes at once in arena_reset(). */
}

void
_ppv_proto_arena_clear (Arena *a)
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
    _ppv_proto_arena_clear (a);
  a->exhausted = FALSE;
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

      if (!_ppv_proto_read_field (r, &p, end, &f))
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
              _ppv_proto_wrong_wire (r, &f, kind_names[kind]);
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
                      _ppv_proto_varint_error (r, res, f.offset, q - r->data);
                      return TRUE;
                    }
                }
            }
          else if (f.wire != WIRE_VARINT)
            {
              _ppv_proto_wrong_wire (r, &f, kind_names[kind]);
              return TRUE;
            }
          break;

        case SCHEMA_MESSAGE:
          if (f.wire != WIRE_LEN)
            {
              _ppv_proto_wrong_wire (r, &f, kind_names[kind]);
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

gboolean
_ppv_proto_unpack_failed (Reader      *r,
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
void
_ppv_proto_prepare_arena (Reader *r)
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
