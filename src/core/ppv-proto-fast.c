/* ppv-proto-fast.c — Sample, Location, Function and Label messages decoded by hand rather than by protobuf-c.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * protobuf-c's generic unpack of millions of small messages costs more
 * than everything else a read does with them.  These take the messages
 * real profiles hold (known fields, right wire types, well-formed
 * varints); anything else returns FAST_NOT_HANDLED and goes through
 * protobuf-c, whose failures ppv-proto-reader.c explains.
 */
#include "ppv-proto-reader-private.h"

#include "profile.pb-c.h"

/* A message of varint fields numbered 1 to @n_fields only, into
 * @values (the last of a repeated field wins, as protobuf-c has it).
 * FALSE on anything else: protobuf-c then decodes it and explains. */
gboolean
_ppv_proto_read_flat_varints (const guint8 *p,
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

  if (!_ppv_proto_read_flat_varints (p, end, v, 4))
    return FALSE;
  *label = (RawLabel) { (gint64) v[0], (gint64) v[1], (gint64) v[2], (gint64) v[3] };
  return TRUE;
}

gboolean
_ppv_proto_reserve_lines (Reader *r,
                          gsize   n_lines)
{
  gsize cap = r->lines_cap;

  if (n_lines <= r->lines_cap)
    return TRUE;
  if (!_ppv_proto_grow_table (r, (gpointer *) &r->line_functions, &cap, sizeof (guint64), n_lines))
    return FALSE;
  cap = r->lines_cap;
  if (!_ppv_proto_grow_table (r, (gpointer *) &r->line_numbers, &cap, sizeof (gint64), n_lines))
    return FALSE;
  cap = r->lines_cap;
  if (!_ppv_proto_grow_table (r, (gpointer *) &r->line_columns, &cap, sizeof (gint64), n_lines))
    return FALSE;
  r->lines_cap = cap;
  return TRUE;
}

/* A Location of plain fields and Lines, its lines into the reader's line
 * tables.  FAST_NOT_HANDLED on anything protobuf-c should look at. */
FastResult
_ppv_proto_parse_location (Reader       *r,
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

          if (value > (guint64) (end - p) || !_ppv_proto_read_flat_varints (p, p + value, line, 3))
            return FAST_NOT_HANDLED;
          p += value;
          /* Where protobuf-c's arena would hit the memory cap, let it. */
          if (budget != G_MAXSIZE &&
              (loc->n_lines + 1) * (sizeof (Perftools__Profiles__Line) + sizeof (gpointer)) > budget)
            return FAST_NOT_HANDLED;
          if (loc->n_lines >= G_MAXUINT32 || !_ppv_proto_reserve_lines (r, loc->n_lines + 1))
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
  if (!_ppv_proto_grow_table (r, table, cap, sizeof (guint64), *count + room))
    return FALSE;

  values = *table;
  /* Packed stacks are most of a profile's bytes, and their varints short:
   * the first two bytes are read without bounds checks while ten remain. */
  while (wire == WIRE_LEN && end - p >= 10)
    {
      guint64 v = p[0];

      if (G_LIKELY (v < 0x80))
        p += 1;
      else if (p[1] < 0x80)
        {
          v = (v & 0x7f) | (guint64) p[1] << 7;
          p += 2;
        }
      else if (read_varint (p, end, &v, &p) != VARINT_OK)
        return TRUE;
      values[(*count)++] = v;
    }
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

/* Samples decoded here, not through protobuf-c's generic unpacker: that
 * is a fifth of a large read.  Anything unusual (unknown fields, wrong
 * wire types, malformed bytes, a wrong number of values) goes the general
 * way, which explains what is wrong. */
FastResult
_ppv_proto_parse_sample (Reader      *r,
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
          if (!_ppv_proto_grow_table (r, (gpointer *) &r->raw_labels, &r->raw_labels_cap, sizeof (RawLabel), n_raw + 1))
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
