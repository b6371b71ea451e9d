/* test-gunzip.c — the capped gunzip on its own.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <zlib.h>

#include "ppv-reader-private.h"
#include "reader-test-util.h"

static void
test_not_gzip (void)
{
  static const char text[] = "hello";
  g_autoptr(GBytes) in = g_bytes_new_static (text, 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = ppv_maybe_gunzip (in, 0, "x", NULL, &error);

  g_assert_no_error (error);
  g_assert_true (out == in);
}

static void
test_members (void)
{
  g_autofree guint8 *data = g_malloc (300000);
  g_autoptr(GBytes) one = NULL, many = NULL, out1 = NULL, out7 = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 300000; i++)
    data[i] = (i * 7 + i / 1000) & 0xff;
  one = gzip_bytes (data, 300000, 1);
  many = gzip_bytes (data, 300000, 7);

  out1 = ppv_maybe_gunzip (one, 0, "x", NULL, &error);
  g_assert_no_error (error);
  out7 = ppv_maybe_gunzip (many, 0, "x", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (out1, NULL), g_bytes_get_size (out1), data, 300000);
  g_assert_cmpmem (g_bytes_get_data (out7, NULL), g_bytes_get_size (out7), data, 300000);
}

/* Exactly the cap passes; one byte more, also split across members, fails. */
static void
test_cap_edges (void)
{
  g_autofree guint8 *data = g_malloc0 (100001);
  g_autoptr(GBytes) exact = gzip_bytes (data, 100000, 1);
  g_autoptr(GBytes) over = gzip_bytes (data, 100001, 3);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;

  out = ppv_maybe_gunzip (exact, 100000, "x", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (out), ==, 100000);

  g_assert_null (ppv_maybe_gunzip (over, 100000, "x.gz", NULL, &error));
  g_assert_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "x.gz: decompressed profile exceeds the 100000 bytes limit");
}

/* An ISIZE trailer that lies must not matter. */
static void
test_lying_size (void)
{
  g_autofree guint8 *data = g_malloc0 (5000);
  g_autoptr(GBytes) gz = gzip_bytes (data, 5000, 1);
  gsize len;
  g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (gz, &len), g_bytes_get_size (gz));
  g_autoptr(GBytes) lying = NULL;
  g_autoptr(GError) error = NULL;

  copy[len - 4] = 1;
  copy[len - 3] = copy[len - 2] = copy[len - 1] = 0;
  lying = g_bytes_new (copy, len);
  g_assert_null (ppv_maybe_gunzip (lying, 0, "x", NULL, &error));
  g_assert_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_DECOMPRESS);
  g_assert_nonnull (strstr (error->message, "incorrect length check"));
}

static void
test_default_limit_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *data = g_malloc0 (2 << 20);
  g_autoptr(GBytes) gz = gzip_bytes (data, 2 << 20, 1);

  g_assert_null (ppv_maybe_gunzip (gz, 1 << 20, "p.gz", NULL, &error));
  g_assert_cmpstr (error->message, ==, "p.gz: decompressed profile exceeds the 1 MiB limit");
}

/* gzip with every deflate flavour: stored, fixed and dynamic blocks,
 * each strategy, header extras, several members. */
static GBytes *
deflate_with (const guint8 *data,
              gsize         len,
              int           level,
              int           strategy,
              gboolean      extras,
              guint         members)
{
  GByteArray *out = g_byte_array_new ();
  gsize done = 0;

  for (guint m = 0; m < members; m++)
    {
      gsize part = m + 1 == members ? len - done : len / members;
      z_stream zs = { 0, };
      gz_header header = { 0, };
      guint8 chunk[16384];
      int ret;

      g_assert_cmpint (deflateInit2 (&zs, level, Z_DEFLATED, 16 + MAX_WBITS, 9, strategy), ==, Z_OK);
      if (extras)
        {
          header.extra = (Bytef *) "extra field";
          header.extra_len = 11;
          header.name = (Bytef *) "profile.pb";
          header.comment = (Bytef *) "a comment";
          header.hcrc = 1;
          g_assert_cmpint (deflateSetHeader (&zs, &header), ==, Z_OK);
        }
      zs.next_in = (Bytef *) data + done;
      zs.avail_in = part;
      do
        {
          zs.next_out = chunk;
          zs.avail_out = sizeof chunk;
          ret = deflate (&zs, Z_FINISH);
          g_byte_array_append (out, chunk, sizeof chunk - zs.avail_out);
        }
      while (ret != Z_STREAM_END);
      deflateEnd (&zs);
      done += part;
    }

  return g_byte_array_free_to_bytes (out);
}

/* The counting decoder must agree with zlib on every kind of stream, or
 * a valid profile could be refused as a bomb. */
static void
test_count_matches_zlib (void)
{
  static const int strategies[] = { Z_DEFAULT_STRATEGY, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GBytes) fixture = load_data ("heap.pb.gz");
  gboolean complete;

  for (guint round = 0; round < 60; round++)
    {
      gsize len = round == 0 ? 0 : g_rand_int_range (rand, 1, 400000);
      g_autofree guint8 *data = g_malloc (MAX (len, 1));
      guint alphabet = 1 + g_rand_int_range (rand, 0, 256);
      int level = round % 10;
      int strategy = strategies[round % G_N_ELEMENTS (strategies)];
      g_autoptr(GBytes) gz = NULL;
      gsize n;

      /* Runs and small alphabets make long matches; others, literals. */
      for (gsize i = 0; i < len; i++)
        data[i] = g_rand_int_range (rand, 0, 8) == 0 && i > 0 ? data[i - 1]
                                                            : g_rand_int_range (rand, 0, alphabet);
      gz = deflate_with (data, len, level, strategy, round % 3 == 0, 1 + round % 4);
      n = _ppv_gzip_count (g_bytes_get_data (gz, NULL), g_bytes_get_size (gz), G_MAXSIZE,
                           NULL, &complete);
      g_assert_true (complete);
      g_assert_cmpuint (n, ==, len);
    }

  g_assert_cmpuint (_ppv_gzip_count (g_bytes_get_data (fixture, NULL), g_bytes_get_size (fixture),
                                     G_MAXSIZE, NULL, &complete), >, 1000);
  g_assert_true (complete);
}

/* Refusing a bomb early: the count stops past the cap, and the real
 * gunzip refuses without filling the cap. */
static void
test_count_stops_early (void)
{
  const gsize size = (gsize) 96 << 20;
  g_autofree guint8 *zeros = g_malloc0 (size);
  g_autoptr(GBytes) bomb = gzip_bytes (zeros, size, 1);
  g_autoptr(GError) error = NULL;
  gboolean complete;
  gsize n;

  n = _ppv_gzip_count (g_bytes_get_data (bomb, NULL), g_bytes_get_size (bomb), 32 << 20,
                       NULL, &complete);
  g_assert_true (complete);
  g_assert_cmpuint (n, >, 32 << 20);
  g_assert_cmpuint (n, <, (32 << 20) + 1024);

  g_assert_null (ppv_maybe_gunzip (bomb, 64 << 20, "bomb.gz", NULL, &error));
  g_assert_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_TOO_LARGE);

  /* Truncated data: the count says so. */
  n = _ppv_gzip_count (g_bytes_get_data (bomb, NULL), g_bytes_get_size (bomb) / 2, G_MAXSIZE,
                       NULL, &complete);
  g_assert_false (complete);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppv/reader/gunzip/not-gzip", test_not_gzip);
  g_test_add_func ("/ppv/reader/gunzip/members", test_members);
  g_test_add_func ("/ppv/reader/gunzip/cap-edges", test_cap_edges);
  g_test_add_func ("/ppv/reader/gunzip/lying-size", test_lying_size);
  g_test_add_func ("/ppv/reader/gunzip/limit-message", test_default_limit_message);
  g_test_add_func ("/ppv/reader/gunzip/count-matches-zlib", test_count_matches_zlib);
  g_test_add_func ("/ppv/reader/gunzip/count-stops-early", test_count_stops_early);

  return g_test_run ();
}
