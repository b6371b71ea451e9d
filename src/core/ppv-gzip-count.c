/* ppv-gzip-count.c — measures what gzip members would inflate to without inflating them: the gzip bomb check.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A minimal deflate decoder (RFC 1951) that decodes every symbol but
 * copies nothing: literals count one byte, matches their length.  A bomb
 * is a few million 258-byte matches, so this measures a gigabyte in tens
 * of milliseconds where inflating it takes seconds.  It only serves to
 * refuse early; the real inflate still validates everything.
 */
#include <string.h>

#include "ppv-reader-private.h"

typedef struct
{
  const guint8 *p;
  const guint8 *end;
  guint64       bits;
  guint         n_bits;
} BitReader;

/* Tops the bit buffer up to at least @n bits if the input allows. */
static inline void
fill_bits (BitReader *br,
           guint      n)
{
  while (br->n_bits < n && br->p < br->end)
    {
      br->bits |= (guint64) *br->p++ << br->n_bits;
      br->n_bits += 8;
    }
}

static inline gboolean
take_bits (BitReader *br,
           guint      n,
           guint32   *out)
{
  fill_bits (br, n);
  if (br->n_bits < n)
    return FALSE;
  *out = (guint32) (br->bits & ((G_GUINT64_CONSTANT (1) << n) - 1));
  br->bits >>= n;
  br->n_bits -= n;
  return TRUE;
}

/* A canonical Huffman code as a direct lookup table on the next max_len
 * bits (deflate sends codes most significant bit first, so the index is
 * the reversed code).  Entries hold symbol << 4 | length; 0 = no code. */
typedef struct
{
  guint16 table[1 << 15];
  guint   max_len;
} Huffman;

static gboolean
build_huffman (Huffman      *h,
               const guint8 *lengths,
               guint         n)
{
  guint count[16] = { 0, }, next[16];
  guint code = 0;
  int left = 1;

  for (guint i = 0; i < n; i++)
    count[lengths[i]]++;
  count[0] = 0;

  h->max_len = 0;
  for (guint len = 1; len < 16; len++)
    {
      left = left * 2 - count[len];
      if (left < 0)
        return FALSE;           /* over-subscribed */
      if (count[len])
        h->max_len = len;
    }
  if (h->max_len == 0)
    h->max_len = 1;

  for (guint len = 1; len < 16; len++)
    {
      code = (code + count[len - 1]) << 1;
      next[len] = code;
    }

  memset (h->table, 0, sizeof (guint16) << h->max_len);
  for (guint sym = 0; sym < n; sym++)
    {
      guint len = lengths[sym], rev = 0, c;

      if (len == 0)
        continue;
      c = next[len]++;
      for (guint i = 0; i < len; i++)
        rev |= ((c >> i) & 1) << (len - 1 - i);
      for (guint fill = rev; fill < (1u << h->max_len); fill += 1u << len)
        h->table[fill] = (guint16) (sym << 4 | len);
    }
  return TRUE;
}

/* -1 when the data is truncated or holds no such code. */
static inline int
decode_symbol (BitReader     *br,
               const Huffman *h)
{
  guint16 entry;
  guint len;

  fill_bits (br, h->max_len);
  entry = h->table[br->bits & ((1u << h->max_len) - 1)];
  len = entry & 15;
  if (len == 0 || len > br->n_bits)
    return -1;
  br->bits >>= len;
  br->n_bits -= len;
  return entry >> 4;
}

static const guint16 length_base[29] = {
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
  35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
};
static const guint8 length_extra[29] = {
  0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
};

typedef struct
{
  Huffman lit;
  Huffman dist;
  Huffman fixed_lit;
  Huffman fixed_dist;
} Tables;

static gboolean
read_dynamic_tables (BitReader *br,
                     Tables    *t)
{
  static const guint8 order[19] = { 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };
  guint8 lengths[320] = { 0, };
  guint8 cl_lengths[19] = { 0, };
  Huffman *cl = &t->dist;      /* borrowed until the real distance code is built */
  guint32 hlit, hdist, hclen, v;
  guint i = 0;

  if (!take_bits (br, 5, &hlit) || !take_bits (br, 5, &hdist) || !take_bits (br, 4, &hclen))
    return FALSE;
  hlit += 257;
  hdist += 1;
  hclen += 4;
  if (hlit > 286 || hdist > 30)
    return FALSE;

  for (guint k = 0; k < hclen; k++)
    {
      if (!take_bits (br, 3, &v))
        return FALSE;
      cl_lengths[order[k]] = v;
    }
  if (!build_huffman (cl, cl_lengths, 19))
    return FALSE;

  while (i < hlit + hdist)
    {
      int sym = decode_symbol (br, cl);
      guint repeat;
      guint8 value = 0;

      if (sym < 0)
        return FALSE;
      if (sym < 16)
        {
          lengths[i++] = sym;
          continue;
        }
      if (sym == 16)
        {
          if (i == 0 || !take_bits (br, 2, &v))
            return FALSE;
          value = lengths[i - 1];
          repeat = 3 + v;
        }
      else if (sym == 17)
        {
          if (!take_bits (br, 3, &v))
            return FALSE;
          repeat = 3 + v;
        }
      else
        {
          if (!take_bits (br, 7, &v))
            return FALSE;
          repeat = 11 + v;
        }
      if (i + repeat > hlit + hdist)
        return FALSE;
      while (repeat--)
        lengths[i++] = value;
    }

  if (lengths[256] == 0)
    return FALSE;
  return build_huffman (&t->lit, lengths, hlit) &&
         build_huffman (&t->dist, lengths + hlit, hdist);
}

/* Counts one deflate stream; FALSE when it is broken or truncated.  Stops
 * as soon as *@total passes @stop_after. */
static gboolean
count_deflate (BitReader    *br,
               Tables       *t,
               gsize        *total,
               gsize         stop_after,
               GCancellable *cancellable)
{
  guint32 final = 0, type, v;
  guint blocks = 0;

  while (!final)
    {
      const Huffman *lit, *dist;

      if (!take_bits (br, 1, &final) || !take_bits (br, 2, &type))
        return FALSE;

      if ((++blocks & 0xff) == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;

      if (type == 0)
        {
          guint32 len, nlen;

          /* Back to a byte boundary, returning whole buffered bytes. */
          br->bits >>= br->n_bits % 8;
          br->n_bits -= br->n_bits % 8;
          br->p -= br->n_bits / 8;
          br->bits = 0;
          br->n_bits = 0;
          if (br->end - br->p < 4)
            return FALSE;
          len = br->p[0] | br->p[1] << 8;
          nlen = br->p[2] | br->p[3] << 8;
          if (len != (~nlen & 0xffff) || (gsize) (br->end - br->p - 4) < len)
            return FALSE;
          br->p += 4 + len;
          *total += len;
          if (*total > stop_after)
            return TRUE;
          continue;
        }

      if (type == 1)
        {
          lit = &t->fixed_lit;
          dist = &t->fixed_dist;
        }
      else if (type == 2)
        {
          if (!read_dynamic_tables (br, t))
            return FALSE;
          lit = &t->lit;
          dist = &t->dist;
        }
      else
        return FALSE;

      for (;;)
        {
          int sym = decode_symbol (br, lit);

          if (sym < 0)
            return FALSE;
          if (sym < 256)
            {
              (*total)++;
              continue;
            }
          if (sym == 256)
            break;

          sym -= 257;
          if (sym >= 29 || !take_bits (br, length_extra[sym], &v))
            return FALSE;
          *total += length_base[sym] + v;

          sym = decode_symbol (br, dist);
          if (sym < 0 || sym >= 30 || !take_bits (br, sym < 4 ? 0 : sym / 2 - 1, &v))
            return FALSE;

          if (*total > stop_after)
            return TRUE;
        }
    }

  return TRUE;
}

gsize
_ppv_gzip_count (const guint8 *data,
                 gsize         len,
                 gsize         stop_after,
                 GCancellable *cancellable,
                 gboolean     *complete)
{
  g_autofree Tables *t = g_try_new (Tables, 1);
  guint8 fixed[288 + 32];
  BitReader br = { data, data + len, 0, 0 };
  gsize total = 0;

  *complete = FALSE;
  if (t == NULL)
    return 0;

  memset (fixed, 8, 144);
  memset (fixed + 144, 9, 112);
  memset (fixed + 256, 7, 24);
  memset (fixed + 280, 8, 8);
  memset (fixed + 288, 5, 32);
  build_huffman (&t->fixed_lit, fixed, 288);
  build_huffman (&t->fixed_dist, fixed + 288, 32);

  while (br.p < br.end)
    {
      const guint8 *p = br.p;
      guint flags;

      /* The gzip member header (RFC 1952). */
      if (br.end - p < 10 || p[0] != 0x1f || p[1] != 0x8b || p[2] != 8 || (p[3] & 0xe0))
        return total;
      flags = p[3];
      p += 10;
      if (flags & 4)
        {
          gsize xlen;

          if (br.end - p < 2)
            return total;
          xlen = p[0] | p[1] << 8;
          if ((gsize) (br.end - p - 2) < xlen)
            return total;
          p += 2 + xlen;
        }
      for (guint f = 8; f <= 16; f <<= 1)
        if (flags & f)
          {
            const guint8 *nul = memchr (p, 0, br.end - p);

            if (nul == NULL)
              return total;
            p = nul + 1;
          }
      if (flags & 2)
        p += 2;
      if (p > br.end)
        return total;

      br.p = p;
      br.bits = 0;
      br.n_bits = 0;
      if (!count_deflate (&br, t, &total, stop_after, cancellable))
        return total;
      if (total > stop_after)
        {
          *complete = TRUE;
          return total;
        }

      /* Skip the rest of the byte, then the CRC and ISIZE trailer. */
      br.p -= br.n_bits / 8;
      if (br.end - br.p < 8)
        return total;
      br.p += 8;
    }

  *complete = TRUE;
  return total;
}
