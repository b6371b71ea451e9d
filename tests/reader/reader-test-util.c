/* reader-test-util.c — helpers shared by the reader tests: encoders, gzip, assertions.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "reader-test-util.h"

#include <string.h>
#include <zlib.h>

void
wire_varint (GByteArray *out,
             guint64     value)
{
  while (value >= 0x80)
    {
      guint8 b = (value & 0x7f) | 0x80;

      g_byte_array_append (out, &b, 1);
      value >>= 7;
    }
  {
    guint8 b = value;

    g_byte_array_append (out, &b, 1);
  }
}

void
wire_tag (GByteArray *out,
          guint32     field,
          guint       wire_type)
{
  wire_varint (out, (guint64) field << 3 | wire_type);
}

void
wire_uint (GByteArray *out,
           guint32     field,
           guint64     value)
{
  wire_tag (out, field, 0);
  wire_varint (out, value);
}

void
wire_bytes (GByteArray *out,
            guint32     field,
            const void *data,
            gsize       len)
{
  wire_tag (out, field, 2);
  wire_varint (out, len);
  g_byte_array_append (out, data, len);
}

void
wire_message (GByteArray *out,
              guint32     field,
              GByteArray *message)
{
  wire_bytes (out, field, message->data, message->len);
}

void
wire_string (GByteArray *out,
             guint32     field,
             const char *str)
{
  wire_bytes (out, field, str, strlen (str));
}

GBytes *
pack_profile (const Perftools__Profiles__Profile *profile)
{
  gsize len = perftools__profiles__profile__get_packed_size (profile);
  guint8 *buf = g_malloc (MAX (len, 1));

  g_assert_cmpuint (perftools__profiles__profile__pack (profile, buf), ==, len);
  return g_bytes_new_take (buf, len);
}

GBytes *
gzip_bytes (const void *data,
            gsize       len,
            guint       members)
{
  GByteArray *out = g_byte_array_new ();
  gsize done = 0;

  g_assert_cmpuint (members, >=, 1);

  for (guint m = 0; m < members; m++)
    {
      gsize part = m + 1 == members ? len - done : len / members;
      z_stream zs = { 0, };
      guint8 chunk[65536];
      int ret;

      g_assert_cmpint (deflateInit2 (&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), ==, Z_OK);
      zs.next_in = (Bytef *) data + done;
      zs.avail_in = part;
      do
        {
          zs.next_out = chunk;
          zs.avail_out = sizeof chunk;
          ret = deflate (&zs, Z_FINISH);
          g_assert_cmpint (ret, !=, Z_STREAM_ERROR);
          g_byte_array_append (out, chunk, sizeof chunk - zs.avail_out);
        }
      while (ret != Z_STREAM_END);
      deflateEnd (&zs);
      done += part;
    }

  return g_byte_array_free_to_bytes (out);
}

GArray *
field_starts (GBytes *bytes)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize len, pos = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  while (pos < len)
    {
      guint64 tag = 0, n = 0;
      guint shift = 0;

      g_array_append_val (starts, pos);
      do
        tag |= (guint64) (data[pos] & 0x7f) << shift, shift += 7;
      while (data[pos++] & 0x80);

      switch (tag & 7)
        {
        case 0:
          while (data[pos++] & 0x80)
            ;
          break;
        case 2:
          shift = 0;
          do
            n |= (guint64) (data[pos] & 0x7f) << shift, shift += 7;
          while (data[pos++] & 0x80);
          pos += n;
          break;
        default:
          g_assert_not_reached ();
        }
    }

  g_array_append_val (starts, len);
  return starts;
}

char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

GBytes *
load_data (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

PpvProfile *
read_bytes (GBytes              *bytes,
            const char          *source,
            const PpvReadLimits *limits,
            GError             **error)
{
  return ppv_profile_read_bytes (bytes, source, limits, NULL, error);
}

int
assert_clean_failure (const GError *error,
                      const char   *source)
{
  g_autofree char *prefix = g_strdup_printf ("%s: ", source);

  g_assert_nonnull (error);
  if (error->domain != PPV_PROFILE_ERROR)
    g_error ("unexpected error domain %s: %s", g_quark_to_string (error->domain), error->message);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("message does not start with %s: %s", prefix, error->message);
  /* One sentence: no line breaks. */
  g_assert_null (strchr (error->message, '\n'));
  return error->code;
}

void
assert_read_fails (GBytes              *bytes,
                   const char          *source,
                   const PpvReadLimits *limits,
                   int                  code,
                   const char          *fragment)
{
  g_autoptr(GError) error = NULL;
  PpvProfile *profile = read_bytes (bytes, source, limits, &error);

  if (profile != NULL)
    g_error ("reading %s unexpectedly succeeded", source);
  assert_clean_failure (error, source);
  if (error->code != code)
    g_error ("expected error code %d, got %d: %s", code, error->code, error->message);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("expected \"%s\" in: %s", fragment, error->message);
}
