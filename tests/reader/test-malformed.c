/* test-malformed.c — broken, hostile and foreign inputs must fail cleanly, never crash.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <zlib.h>

#include "reader-test-util.h"

/* A small but complete profile: string table last, two sample types. */
static GBytes *
small_profile (guint64 time_nanos)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GByteArray) m = g_byte_array_new ();
  static const char *strings[] = { "", "alloc", "count", "space", "bytes", "main", "f.go", "k", "v" };

  for (guint i = 0; i < 2; i++)
    {
      g_byte_array_set_size (m, 0);
      wire_uint (m, 1, 1 + 2 * i);
      wire_uint (m, 2, 2 + 2 * i);
      wire_message (out, 1, m);
    }
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GByteArray) label = g_byte_array_new ();

      g_byte_array_set_size (m, 0);
      wire_uint (m, 1, 1 + i % 2);
      wire_uint (m, 1, 2);
      wire_uint (m, 2, i);
      wire_uint (m, 2, 100 * i);
      wire_uint (label, 1, 7);
      wire_uint (label, 2, 8);
      wire_message (m, 3, label);
      wire_message (out, 2, m);
    }
  g_byte_array_set_size (m, 0);
  wire_uint (m, 1, 1);
  wire_uint (m, 3, 0x1000);
  wire_message (out, 3, m);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GByteArray) line = g_byte_array_new ();

      g_byte_array_set_size (m, 0);
      wire_uint (m, 1, 1 + i);
      wire_uint (m, 2, 1);
      wire_uint (line, 1, 1);
      wire_uint (line, 2, 10 + i);
      wire_message (m, 4, line);
      wire_message (out, 4, m);
    }
  g_byte_array_set_size (m, 0);
  wire_uint (m, 1, 1);
  wire_uint (m, 2, 5);
  wire_uint (m, 4, 6);
  wire_message (out, 5, m);
  if (time_nanos != 0)
    wire_uint (out, 9, time_nanos);
  wire_uint (out, 12, 1);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    wire_string (out, 6, strings[i]);

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static GBytes *
bytes_of (GByteArray *array)
{
  return g_bytes_new (array->data, array->len);
}

/* Reads, and if that fails checks the error is ours and names the source.
 * Returns -1 on success, the error code otherwise. */
static int
read_any (GBytes              *bytes,
          const PpvReadLimits *limits)
{
  g_autoptr(GError) error = NULL;
  PpvProfile *p = read_bytes (bytes, "t.pb", limits, &error);

  if (p != NULL)
    {
      g_assert_no_error (error);
      ppv_profile_unref (p);
      return -1;
    }
  return assert_clean_failure (error, "t.pb");
}

static void
test_small_profile_ok (void)
{
  g_autoptr(GBytes) bytes = small_profile (0);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) p = read_bytes (bytes, "t.pb", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (p->n_samples, ==, 4);
}

/* Every prefix of a raw profile: a cut inside a field is "truncated" (once
 * a few fields show it is a profile); a cut between fields may even parse. */
static void
test_truncated_raw (void)
{
  g_autoptr(GBytes) bytes = small_profile (0);
  g_autoptr(GArray) starts = field_starts (bytes);
  gsize len = g_bytes_get_size (bytes);
  guint next_start = 0, n_truncated = 0;

  for (gsize cut = 0; cut < len; cut++)
    {
      g_autoptr(GBytes) prefix = g_bytes_new_from_bytes (bytes, 0, cut);
      int code = read_any (prefix, NULL);
      gboolean at_boundary;

      while (next_start < starts->len && g_array_index (starts, gsize, next_start) < cut)
        next_start++;
      at_boundary = next_start < starts->len && g_array_index (starts, gsize, next_start) == cut;

      if (cut == 0)
        g_assert_cmpint (code, ==, PPV_PROFILE_ERROR_EMPTY);
      else if (!at_boundary && next_start > 3)
        {
          g_assert_cmpint (code, ==, PPV_PROFILE_ERROR_TRUNCATED);
          n_truncated++;
        }
    }

  g_assert_cmpuint (n_truncated, >, len / 2);
  {
    g_autoptr(GBytes) last = g_bytes_new_from_bytes (bytes, 0, len - 1);

    assert_read_fails (last, "t.pb", NULL, PPV_PROFILE_ERROR_TRUNCATED,
                       "t.pb: truncated protobuf at byte ");
  }
}

/* Every prefix of a gzip file is an unexpected end of data. */
static void
test_truncated_gzip (void)
{
  g_autoptr(GBytes) bytes = load_data ("heap.pb.gz");
  gsize len = g_bytes_get_size (bytes);

  for (gsize cut = 2; cut < len; cut++)
    {
      g_autoptr(GBytes) prefix = g_bytes_new_from_bytes (bytes, 0, cut);

      assert_read_fails (prefix, "heap.pb.gz", NULL, PPV_PROFILE_ERROR_TRUNCATED,
                         "heap.pb.gz: decompressing profile: unexpected end of data");
    }

  /* One byte is no gzip magic: just an unknown format. */
  {
    g_autoptr(GBytes) one = g_bytes_new_from_bytes (bytes, 0, 1);

    assert_read_fails (one, "heap.pb.gz", NULL, PPV_PROFILE_ERROR_UNRECOGNIZED,
                       "unrecognized profile format");
  }
}

static void
test_bit_flips (void)
{
  g_autoptr(GBytes) bytes = small_profile (0);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autofree guint8 *copy = g_memdup2 (data, len);
  guint n_failed = 0;

  for (gsize i = 0; i < len; i++)
    for (guint bit = 0; bit < 8; bit++)
      {
        g_autoptr(GBytes) flipped = NULL;

        copy[i] ^= 1 << bit;
        flipped = g_bytes_new (copy, len);
        if (read_any (flipped, NULL) >= 0)
          n_failed++;
        copy[i] ^= 1 << bit;
      }

  /* Many flips only change values; a good share must still be caught. */
  g_assert_cmpuint (n_failed, >, len);
}

static void
test_bit_flips_gzip (void)
{
  g_autoptr(GBytes) bytes = load_data ("heap.pb.gz");
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autofree guint8 *copy = g_memdup2 (data, len);
  guint n_decompress = 0;

  for (gsize i = 0; i < len; i++)
    {
      g_autoptr(GBytes) flipped = NULL;
      int code;

      copy[i] ^= 0x10;
      flipped = g_bytes_new (copy, len);
      code = read_any (flipped, NULL);
      if (code == PPV_PROFILE_ERROR_DECOMPRESS)
        n_decompress++;
      copy[i] ^= 0x10;
    }

  /* The CRC catches nearly every change to the compressed data. */
  g_assert_cmpuint (n_decompress, >, len / 2);
}

static void
test_zero_length (void)
{
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) gz_empty = gzip_bytes ("", 0, 1);

  assert_read_fails (empty, "e.pb", NULL, PPV_PROFILE_ERROR_EMPTY, NULL);
  assert_read_fails (gz_empty, "e.pb.gz", NULL, PPV_PROFILE_ERROR_EMPTY, "e.pb.gz: empty input");
}

static void
test_html (void)
{
  static const char page[] =
    "\n  <!DOCTYPE html>\n<html><head><title>/debug/pprof/</title></head>\n"
    "<body>/debug/pprof/<br><p>Set debug=1 as a query parameter</p></body></html>\n";
  g_autoptr(GBytes) html = g_bytes_new_static (page, sizeof page - 1);
  g_autoptr(GBytes) gz = gzip_bytes (page, sizeof page - 1, 1);

  assert_read_fails (html, "index", NULL, PPV_PROFILE_ERROR_UNRECOGNIZED,
                     "index: not a profile: the data is an HTML page");
  assert_read_fails (gz, "index.gz", NULL, PPV_PROFILE_ERROR_UNRECOGNIZED,
                     "not a profile: the data is an HTML page");
}

static void
test_text (void)
{
  static const char goroutines[] =
    "goroutine profile: total 2\n1 @ 0x43a1b6 0x406f25\n#\t0x43a1b5\truntime.gopark+0x115\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (goroutines, sizeof goroutines - 1);

  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) p = read_bytes (bytes, "goroutine.txt", NULL, &error);

  /* pprof reads goroutine pages too (addresses only); the "#" line names
   * the frame, and the unnamed root (runtime.goexit) is left out. */
  g_assert_no_error (error);
  g_assert_cmpuint (p->n_samples, ==, 1);
  g_assert_cmpuint (p->samples[0].n_locations, ==, 1);
  g_assert_cmpstr (p->functions[p->lines[p->locations[p->stacks[0]].lines_offset].function].name, ==,
                   "runtime.gopark");
}

static void
test_random_bytes (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint n_unrecognized = 0;

  for (guint round = 0; round < 500; round++)
    {
      gsize len = 1 + g_rand_int_range (rand, 0, 2048);
      g_autofree guint8 *buf = g_malloc (len);
      g_autoptr(GBytes) bytes = NULL;
      int code;

      for (gsize i = 0; i < len; i++)
        buf[i] = g_rand_int (rand);
      if (round % 5 == 0)
        buf[0] = 0x1f, buf[1 % len] = 0x8b;   /* pretend to be gzip */
      bytes = g_bytes_new (buf, len);

      code = read_any (bytes, NULL);
      g_assert_cmpint (code, >=, 0);
      if (code == PPV_PROFILE_ERROR_UNRECOGNIZED)
        n_unrecognized++;
    }

  /* Noise is almost never mistaken for a damaged profile. */
  g_assert_cmpuint (n_unrecognized, >, 350);
}

/* 64 MiB and one byte of zeros against a 64 MiB cap. */
static void
test_gzip_bomb (void)
{
  const gsize size = ((gsize) 64 << 20) + 1;
  g_autofree guint8 *zeros = g_malloc0 (size);
  g_autoptr(GBytes) bomb = gzip_bytes (zeros, size, 1);
  g_autoptr(GBytes) exact = gzip_bytes (zeros, size - 1, 1);
  PpvReadLimits limits = { .max_decompressed = (gsize) 64 << 20 };

  g_assert_cmpuint (g_bytes_get_size (bomb), <, 200 * 1024);
  assert_read_fails (bomb, "bomb.gz", &limits, PPV_PROFILE_ERROR_TOO_LARGE,
                     "bomb.gz: decompressed profile exceeds the 64 MiB limit");

  /* Exactly at the cap is allowed through (and then is no profile). */
  g_assert_cmpint (read_any (exact, &limits), !=, PPV_PROFILE_ERROR_TOO_LARGE);
}

static void
test_concatenated (void)
{
  g_autoptr(GBytes) a = small_profile (1000);
  g_autoptr(GBytes) b = small_profile (2000);
  g_autoptr(GByteArray) both = g_byte_array_new ();
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GBytes) gz = NULL;

  g_byte_array_append (both, g_bytes_get_data (a, NULL), g_bytes_get_size (a));
  g_byte_array_append (both, g_bytes_get_data (b, NULL), g_bytes_get_size (b));
  raw = bytes_of (both);
  assert_read_fails (raw, "cat.pb", NULL, PPV_PROFILE_ERROR_BAD_PROTO,
                     "cat.pb: concatenated profiles detected");

  /* `cat a.pb.gz b.pb.gz` is two gzip members holding two profiles. */
  gz = gzip_bytes (both->data, both->len, 2);
  assert_read_fails (gz, "cat.pb.gz", NULL, PPV_PROFILE_ERROR_BAD_PROTO,
                     "concatenated profiles detected");
}

static void
test_gzip_trailing (void)
{
  g_autoptr(GBytes) raw = small_profile (0);
  g_autoptr(GBytes) gz = gzip_bytes (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw), 1);
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  g_autoptr(GBytes) garbage = NULL;
  g_autoptr(GBytes) half_magic = NULL;
  g_autoptr(GBytes) zeros = NULL;
  static const guint8 z[16] = { 0 };

  g_byte_array_append (buf, g_bytes_get_data (gz, NULL), g_bytes_get_size (gz));
  g_byte_array_append (buf, (const guint8 *) "trailing garbage\n", 17);
  garbage = bytes_of (buf);
  assert_read_fails (garbage, "t.pb.gz", NULL, PPV_PROFILE_ERROR_DECOMPRESS,
                     "t.pb.gz: decompressing profile: data after gzip member 1 is not gzip");

  g_byte_array_set_size (buf, g_bytes_get_size (gz));
  g_byte_array_append (buf, z, sizeof z);
  zeros = bytes_of (buf);
  assert_read_fails (zeros, "t.pb.gz", NULL, PPV_PROFILE_ERROR_DECOMPRESS, "is not gzip");

  g_byte_array_set_size (buf, g_bytes_get_size (gz));
  g_byte_array_append (buf, (const guint8 *) "\x1f\x8b\x08", 3);
  half_magic = bytes_of (buf);
  assert_read_fails (half_magic, "t.pb.gz", NULL, PPV_PROFILE_ERROR_TRUNCATED,
                     "unexpected end of data");
}

static void
test_corrupt_gzip (void)
{
  g_autoptr(GBytes) raw = small_profile (0);
  g_autoptr(GBytes) gz = gzip_bytes (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw), 1);
  gsize len;
  g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (gz, &len), g_bytes_get_size (gz));
  g_autoptr(GBytes) bad_crc = NULL;
  g_autoptr(GBytes) bad_header = NULL;

  copy[len - 6] ^= 0xff;      /* inside the CRC */
  bad_crc = g_bytes_new (copy, len);
  assert_read_fails (bad_crc, "c.gz", NULL, PPV_PROFILE_ERROR_DECOMPRESS,
                     "c.gz: decompressing profile: corrupt gzip data (incorrect data check)");

  copy[len - 6] ^= 0xff;
  copy[2] = 7;                /* compression method */
  bad_header = g_bytes_new (copy, len);
  assert_read_fails (bad_header, "c.gz", NULL, PPV_PROFILE_ERROR_DECOMPRESS, "corrupt gzip data");
}

/* Field-level damage, each with its byte offset. */
static void
test_wire_errors (void)
{
  g_autoptr(GBytes) base = small_profile (0);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GBytes) b1 = NULL, b2 = NULL, b3 = NULL, b4 = NULL, b5 = NULL;
  gsize base_len = g_bytes_get_size (base);
  g_autofree char *at = g_strdup_printf ("at byte %" G_GSIZE_FORMAT, base_len);

  /* A varint of 11 bytes. */
  g_byte_array_append (out, g_bytes_get_data (base, NULL), base_len);
  wire_tag (out, 9, 0);
  for (guint i = 0; i < 10; i++)
    g_byte_array_append (out, (const guint8 *) "\xff", 1);
  g_byte_array_append (out, (const guint8 *) "\x01", 1);
  b1 = bytes_of (out);
  assert_read_fails (b1, "v.pb", NULL, PPV_PROFILE_ERROR_BAD_PROTO, "v.pb: bad varint at byte ");

  /* A known field with the wrong wire type. */
  g_byte_array_set_size (out, base_len);
  wire_tag (out, 9, 2);
  wire_varint (out, 0);
  b2 = bytes_of (out);
  assert_read_fails (b2, "w.pb", NULL, PPV_PROFILE_ERROR_BAD_PROTO, "wrong wire type 2 for Profile field 9");
  assert_read_fails (b2, "w.pb", NULL, PPV_PROFILE_ERROR_BAD_PROTO, at);

  /* Groups are not protobuf 3. */
  g_byte_array_set_size (out, base_len);
  wire_tag (out, 20, 3);
  b3 = bytes_of (out);
  assert_read_fails (b3, "g.pb", NULL, PPV_PROFILE_ERROR_BAD_PROTO, "unknown wire type 3");

  /* A length running past the end. */
  g_byte_array_set_size (out, base_len);
  wire_tag (out, 2, 2);
  wire_varint (out, 1000);
  b4 = bytes_of (out);
  assert_read_fails (b4, "l.pb", NULL, PPV_PROFILE_ERROR_TRUNCATED, at);

  /* A sample whose location_id is fixed64, found by walking the sample. */
  g_byte_array_set_size (out, base_len);
  {
    g_autoptr(GByteArray) m = g_byte_array_new ();

    wire_uint (m, 2, 1);
    wire_uint (m, 2, 1);
    wire_tag (m, 1, 1);
    g_byte_array_append (m, (const guint8 *) "12345678", 8);
    wire_message (out, 2, m);
  }
  b5 = bytes_of (out);
  assert_read_fails (b5, "s.pb", NULL, PPV_PROFILE_ERROR_BAD_PROTO, "wrong wire type 1 for Sample field 1");
}

/* A Label inside a Sample whose packed values run past their end. */
static void
test_nested_errors (void)
{
  g_autoptr(GBytes) base = small_profile (0);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GByteArray) m = g_byte_array_new ();
  g_autoptr(GByteArray) label = g_byte_array_new ();
  g_autoptr(GBytes) b1 = NULL, b2 = NULL;
  gsize base_len = g_bytes_get_size (base);

  g_byte_array_append (out, g_bytes_get_data (base, NULL), base_len);
  wire_uint (m, 2, 1);
  wire_uint (m, 2, 1);
  wire_tag (label, 1, 5);         /* key as fixed32 */
  g_byte_array_append (label, (const guint8 *) "abcd", 4);
  wire_message (m, 3, label);
  wire_message (out, 2, m);
  b1 = bytes_of (out);
  assert_read_fails (b1, "n.pb", NULL, PPV_PROFILE_ERROR_BAD_PROTO, "wrong wire type 5 for Label field 1");

  g_byte_array_set_size (out, base_len);
  g_byte_array_set_size (m, 0);
  wire_tag (m, 2, 2);
  wire_varint (m, 2);
  g_byte_array_append (m, (const guint8 *) "\x81\x82", 2);   /* varint never ends */
  wire_message (out, 2, m);
  b2 = bytes_of (out);
  assert_read_fails (b2, "p.pb", NULL, PPV_PROFILE_ERROR_TRUNCATED, "p.pb: truncated protobuf at byte ");
}

/* Profiles built from pieces, to break one rule at a time. */
static void
add_strings (GByteArray *out,
             guint       n)
{
  wire_string (out, 6, "");
  for (guint i = 1; i < n; i++)
    {
      g_autofree char *s = g_strdup_printf ("s%u", i);

      wire_string (out, 6, s);
    }
}

static void
add_function (GByteArray *out,
              guint64     id,
              guint64     name)
{
  g_autoptr(GByteArray) m = g_byte_array_new ();

  wire_uint (m, 1, id);
  wire_uint (m, 2, name);
  wire_message (out, 5, m);
}

static void
add_location (GByteArray *out,
              guint64     id,
              guint64     function)
{
  g_autoptr(GByteArray) m = g_byte_array_new ();
  g_autoptr(GByteArray) line = g_byte_array_new ();

  wire_uint (m, 1, id);
  wire_uint (line, 1, function);
  wire_message (m, 4, line);
  wire_message (out, 4, m);
}

static void
add_sample (GByteArray *out,
            guint64     location,
            guint       n_values)
{
  g_autoptr(GByteArray) m = g_byte_array_new ();

  if (location != 0)
    wire_uint (m, 1, location);
  for (guint i = 0; i < n_values; i++)
    wire_uint (m, 2, 5);
  wire_message (out, 2, m);
}

static void
add_sample_type (GByteArray *out)
{
  g_autoptr(GByteArray) m = g_byte_array_new ();

  wire_uint (m, 1, 1);
  wire_uint (m, 2, 2);
  wire_message (out, 1, m);
}

static void
expect_invalid (GByteArray *out,
                const char *message)
{
  g_autoptr(GBytes) bytes = bytes_of (out);
  g_autoptr(GError) error = NULL;

  g_assert_null (read_bytes (bytes, "heap.pb.gz", NULL, &error));
  g_assert_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_bad_references (void)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();

  /* Location 17's line names function 9, which does not exist. */
  add_strings (out, 3);
  add_sample_type (out);
  add_function (out, 1, 1);
  add_location (out, 17, 9);
  add_sample (out, 17, 1);
  expect_invalid (out, "heap.pb.gz: location 17 refers to missing function 9");

  g_byte_array_set_size (out, 0);
  add_strings (out, 3);
  add_sample_type (out);
  add_function (out, 1, 1);
  add_location (out, 17, 0);
  expect_invalid (out, "heap.pb.gz: location 17 has a line without a function");

  g_byte_array_set_size (out, 0);
  add_strings (out, 3);
  add_sample_type (out);
  add_function (out, 1, 1);
  add_location (out, 1, 1);
  add_sample (out, 1, 1);
  add_sample (out, 99, 1);
  expect_invalid (out, "heap.pb.gz: sample 1 refers to missing location 99");

  g_byte_array_set_size (out, 0);
  add_strings (out, 3);
  add_sample_type (out);
  add_sample (out, 0, 1);
  add_sample (out, 0, 1);
  add_sample (out, 0, 1);
  add_sample (out, 0, 2);
  expect_invalid (out, "heap.pb.gz: sample 3 has 2 values but the profile has 1 sample types");

  g_byte_array_set_size (out, 0);
  add_strings (out, 3);
  add_sample (out, 0, 0);
  expect_invalid (out, "heap.pb.gz: profile has samples but no sample types");
}

static void
test_bad_ids (void)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();

  add_strings (out, 3);
  add_function (out, 4, 1);
  add_function (out, 4, 2);
  expect_invalid (out, "heap.pb.gz: multiple functions have the id 4");

  g_byte_array_set_size (out, 0);
  add_strings (out, 3);
  add_function (out, 0, 1);
  expect_invalid (out, "heap.pb.gz: a function has the reserved id 0");

  g_byte_array_set_size (out, 0);
  add_strings (out, 3);
  add_function (out, 1, 1);
  add_location (out, 3, 1);
  add_location (out, 3, 1);
  expect_invalid (out, "heap.pb.gz: multiple locations have the id 3");

  g_byte_array_set_size (out, 0);
  add_strings (out, 3);
  {
    g_autoptr(GByteArray) m = g_byte_array_new ();

    wire_uint (m, 1, 0);
    wire_message (out, 3, m);
  }
  expect_invalid (out, "heap.pb.gz: a mapping has the reserved id 0");
}

static void
test_string_errors (void)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GBytes) b1 = NULL, b2 = NULL, b3 = NULL, b4 = NULL;

  add_strings (out, 40);
  add_function (out, 1, 99);
  expect_invalid (out, "heap.pb.gz: string index 99 out of range (table has 40 entries)");

  g_byte_array_set_size (out, 0);
  add_strings (out, 3);
  add_function (out, 1, (guint64) -1);
  expect_invalid (out, "heap.pb.gz: string index -1 out of range (table has 3 entries)");

  g_byte_array_set_size (out, 0);
  wire_uint (out, 12, 1);
  wire_uint (out, 10, 1);
  wire_uint (out, 9, 1);
  wire_string (out, 6, "not empty");
  b1 = bytes_of (out);
  assert_read_fails (b1, "s.pb", NULL, PPV_PROFILE_ERROR_BAD_PROTO, "s.pb: string_table[0] must be empty");

  /* No string table at all: not recognisably a profile. */
  g_byte_array_set_size (out, 0);
  wire_uint (out, 12, 1);
  b2 = bytes_of (out);
  assert_read_fails (b2, "s.pb", NULL, PPV_PROFILE_ERROR_UNRECOGNIZED, NULL);

  /* A comment index out of range (comments are read last). */
  g_byte_array_set_size (out, 0);
  add_strings (out, 2);
  wire_uint (out, 13, 2);
  b3 = bytes_of (out);
  assert_read_fails (b3, "s.pb", NULL, PPV_PROFILE_ERROR_INVALID, "string index 2 out of range");

  /* A label key out of range, even on a label pprof then drops. */
  g_byte_array_set_size (out, 0);
  add_strings (out, 3);
  add_sample_type (out);
  {
    g_autoptr(GByteArray) m = g_byte_array_new ();
    g_autoptr(GByteArray) label = g_byte_array_new ();

    wire_uint (m, 2, 1);
    wire_uint (label, 1, 5);
    wire_message (m, 3, label);
    wire_message (out, 2, m);
  }
  b4 = bytes_of (out);
  assert_read_fails (b4, "s.pb", NULL, PPV_PROFILE_ERROR_INVALID, "string index 5 out of range (table has 3 entries)");
}

static void
test_memory_cap (void)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  PpvReadLimits limits = { .max_model = 256 * 1024 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) p = NULL;

  add_strings (out, 3);
  add_sample_type (out);
  add_function (out, 1, 1);
  add_location (out, 1, 1);
  for (guint i = 0; i < 20000; i++)
    add_sample (out, 1, 1);
  bytes = bytes_of (out);

  assert_read_fails (bytes, "big.pb", &limits, PPV_PROFILE_ERROR_TOO_LARGE,
                     "big.pb: profile exceeds the 256 KiB memory limit");

  limits.max_model = 4 << 20;
  p = read_bytes (bytes, "big.pb", &limits, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p->n_samples, ==, 20000);
  g_assert_cmpuint (ppv_profile_get_memory_size (p), <, 4 << 20);
}

/* The 57x blow-up protobuf-c would allow: a few KB of gzip holding
 * millions of empty samples.  The check on value counts stops it at once. */
static void
test_empty_sample_bomb (void)
{
  const gsize n = 4 << 20;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GBytes) gz = NULL;

  add_strings (out, 3);
  add_sample_type (out);
  for (gsize i = 0; i < n; i++)
    g_byte_array_append (out, (const guint8 *) "\x12\x00", 2);
  gz = gzip_bytes (out->data, out->len, 1);
  g_assert_cmpuint (g_bytes_get_size (gz), <, 64 * 1024);

  assert_read_fails (gz, "bomb.pb.gz", NULL, PPV_PROFILE_ERROR_INVALID,
                     "bomb.pb.gz: sample 0 has 0 values but the profile has 1 sample types");
}

static void
test_legacy_errors (void)
{
  static const char bad_line[] = "heap profile: 1: 2 [3: 4] @ heap/8\n1: 2 [3: 4] @ 0x1\nnonsense\n";
  static const char zero_count[] = "heap profile: 1: 2 [3: 4] @ heap/8\n0: 64 [0: 0] @ 0x1\n";
  g_autoptr(GBytes) b1 = g_bytes_new_static (bad_line, sizeof bad_line - 1);
  g_autoptr(GBytes) b2 = g_bytes_new_static (zero_count, sizeof zero_count - 1);
  g_autoptr(GString) long_line = g_string_new ("heap profile: 1: 2 [3: 4] @ heap/8\n1: 2 [3: 4] @");
  g_autoptr(GBytes) b3 = NULL;

  assert_read_fails (b1, "h.txt", NULL, PPV_PROFILE_ERROR_INVALID,
                     "h.txt: malformed heap profile sample at line 3");
  assert_read_fails (b2, "h.txt", NULL, PPV_PROFILE_ERROR_INVALID,
                     "inuse count is 0 but inuse bytes is 64");

  /* Go's line scanner stops at 64 KiB, and so does pprof. */
  while (long_line->len < 70000)
    g_string_append (long_line, " 0x401000");
  b3 = g_bytes_new (long_line->str, long_line->len);
  assert_read_fails (b3, "h.txt", NULL, PPV_PROFILE_ERROR_INVALID, "h.txt: heap profile line 2 is too long");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppv/reader/malformed/small-profile-ok", test_small_profile_ok);
  g_test_add_func ("/ppv/reader/malformed/truncated-raw", test_truncated_raw);
  g_test_add_func ("/ppv/reader/malformed/truncated-gzip", test_truncated_gzip);
  g_test_add_func ("/ppv/reader/malformed/bit-flips", test_bit_flips);
  g_test_add_func ("/ppv/reader/malformed/bit-flips-gzip", test_bit_flips_gzip);
  g_test_add_func ("/ppv/reader/malformed/zero-length", test_zero_length);
  g_test_add_func ("/ppv/reader/malformed/html", test_html);
  g_test_add_func ("/ppv/reader/malformed/text", test_text);
  g_test_add_func ("/ppv/reader/malformed/random-bytes", test_random_bytes);
  g_test_add_func ("/ppv/reader/malformed/gzip-bomb", test_gzip_bomb);
  g_test_add_func ("/ppv/reader/malformed/concatenated", test_concatenated);
  g_test_add_func ("/ppv/reader/malformed/gzip-trailing", test_gzip_trailing);
  g_test_add_func ("/ppv/reader/malformed/corrupt-gzip", test_corrupt_gzip);
  g_test_add_func ("/ppv/reader/malformed/wire-errors", test_wire_errors);
  g_test_add_func ("/ppv/reader/malformed/nested-errors", test_nested_errors);
  g_test_add_func ("/ppv/reader/malformed/bad-references", test_bad_references);
  g_test_add_func ("/ppv/reader/malformed/bad-ids", test_bad_ids);
  g_test_add_func ("/ppv/reader/malformed/string-errors", test_string_errors);
  g_test_add_func ("/ppv/reader/malformed/memory-cap", test_memory_cap);
  g_test_add_func ("/ppv/reader/malformed/empty-sample-bomb", test_empty_sample_bomb);
  g_test_add_func ("/ppv/reader/malformed/legacy-errors", test_legacy_errors);

  return g_test_run ();
}
