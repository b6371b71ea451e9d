/* test-proto-stream.c — a gzipped profile decoded while it inflates reads exactly as the plain protobuf does.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case builds a profile of several megabytes (so that the inflater
 * publishes it in more than one window, cutting a field), in Go's order
 * (samples first, strings last), reads the raw bytes (no gzip: the plain
 * path) and the same bytes gzipped, in one member and in several (the
 * output buffer then moves as it grows), and requires the same model or
 * the same error message.  Some cases are well-formed; others stop the
 * streaming of samples midway, or fail after it.
 */
#include <string.h>
#include <zlib.h>

#include <glib/gstdio.h>

#include "ppv-profile-private.h"
#include "reader-test-util.h"

typedef enum
{
  CASE_PLAIN,
  CASE_TYPE_AFTER_SAMPLES,
  CASE_MISSING_LOCATION,
  CASE_BAD_LABEL_STRING,
  CASE_DROPPED_LABEL,
  CASE_HUGE_LOCATION_ID,
  CASE_TRUNCATED,
  CASE_FIELD_AMID_SAMPLES,
  CASE_BAD_FIELD_AFTER_SAMPLES,
  CASE_BAD_FIELD_AMID_SAMPLES,
  CASE_TEXT_IN_SAMPLES,
} Case;

#define N_SAMPLES   80000
#define N_LOCATIONS 3000
#define N_FUNCTIONS 1000
#define HUGE_ID     (G_GUINT64_CONSTANT (1) << 40)

/* String table: 0 "", 1..3 sample types, 4 "count", 5 "thread", 6 "size",
 * 7 "bytes", 8 "/bin/app", then 16 thread names, then function names. */
#define S_THREAD  5
#define S_SIZE    6
#define S_BYTES   7
#define S_BINARY  8
#define S_WORKERS 9
#define S_FUNCS   (S_WORKERS + 16)

static GBytes *
build_profile (Case c)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GByteArray) msg = g_byte_array_new ();
  g_autoptr(GByteArray) sub = g_byte_array_new ();
  g_autoptr(GByteArray) packed = g_byte_array_new ();
  guint64 rng = 12345;

  for (guint t = 1; t <= 3; t++)
    {
      g_byte_array_set_size (msg, 0);
      wire_uint (msg, 1, t);
      wire_uint (msg, 2, 4);
      wire_message (out, 1, msg);
    }

  for (guint s = 0; s < N_SAMPLES; s++)
    {
      guint depth;

      rng = rng * 6364136223846793005u + 1442695040888963407u;
      depth = 1 + (rng >> 33) % 40;

      g_byte_array_set_size (msg, 0);
      g_byte_array_set_size (packed, 0);
      for (guint i = 0; i < depth; i++)
        {
          guint64 id = 1 + ((rng >> 20) + i * 7919) % N_LOCATIONS;

          if ((c == CASE_MISSING_LOCATION || c == CASE_TEXT_IN_SAMPLES) && s == N_SAMPLES - 100 && i == 1)
            id = N_LOCATIONS + 77;
          if (c == CASE_HUGE_LOCATION_ID && s % 1000 == 999 && i == 0)
            id = HUGE_ID;
          wire_varint (packed, id);
        }
      /* A stack whose location ids spell a goroutine dump's header at
       * the start of a line: once the read fails (a missing location),
       * the goroutine dump reader finds it, in bytes taken while
       * inflating. */
      if (c == CASE_TEXT_IN_SAMPLES && s == 5)
        {
          const char *dump = "oroutine 1 [running]:\nmain.main()\n\t/src/x.go:12 +0x1d\n";

          g_byte_array_set_size (packed, 0);
          g_byte_array_append (packed, (const guint8 *) dump, strlen (dump));
          while (packed->len < 'g')
            g_byte_array_append (packed, (const guint8 *) "\n", 1);
        }
      wire_bytes (msg, 1, packed->data, packed->len);

      g_byte_array_set_size (packed, 0);
      for (guint t = 0; t < 3; t++)
        wire_varint (packed, (rng >> (8 * t)) % 1000);
      wire_bytes (msg, 2, packed->data, packed->len);

      g_byte_array_set_size (sub, 0);
      wire_uint (sub, 1, c == CASE_BAD_LABEL_STRING && s == N_SAMPLES - 50 ? 1000000 : S_THREAD);
      wire_uint (sub, 2, S_WORKERS + s % 16);
      wire_message (msg, 3, sub);

      g_byte_array_set_size (sub, 0);
      wire_uint (sub, 1, S_SIZE);
      if (c == CASE_DROPPED_LABEL && s == N_SAMPLES / 2)
        ;                       /* no str, num or unit: pprof drops it */
      else
        {
          wire_uint (sub, 3, 1 + (rng >> 40) % 5000);
          wire_uint (sub, 4, S_BYTES);
        }
      wire_message (msg, 3, sub);

      wire_message (out, 2, msg);

      /* A comment breaks the run of samples: pass 2 must still step
       * over every sample taken while inflating, and only those. */
      if (c == CASE_FIELD_AMID_SAMPLES && s == N_SAMPLES / 3)
        wire_uint (out, 13, 4);
      /* Pass 1 fails amid the samples, most likely while inflating,
       * after some were taken. */
      if (c == CASE_BAD_FIELD_AMID_SAMPLES && s == N_SAMPLES * 3 / 4)
        wire_uint (out, 6, 5);
    }

  /* Pass 1 fails after all samples were taken (a string table entry
   * with the wrong wire type). */
  if (c == CASE_BAD_FIELD_AFTER_SAMPLES)
    wire_uint (out, 6, 5);

  g_byte_array_set_size (msg, 0);
  wire_uint (msg, 1, 1);
  wire_uint (msg, 2, 0x400000);
  wire_uint (msg, 3, 0x800000);
  wire_uint (msg, 5, S_BINARY);
  wire_message (out, 3, msg);

  for (guint64 l = 1; l <= N_LOCATIONS + (c == CASE_HUGE_LOCATION_ID); l++)
    {
      g_byte_array_set_size (msg, 0);
      wire_uint (msg, 1, l <= N_LOCATIONS ? l : HUGE_ID);
      wire_uint (msg, 2, 1);
      wire_uint (msg, 3, 0x400000 + l * 16);
      for (guint k = 0; k < 1 + (l % 3 == 0); k++)
        {
          g_byte_array_set_size (sub, 0);
          wire_uint (sub, 1, 1 + (l * 31 + k) % N_FUNCTIONS);
          wire_uint (sub, 2, 10 + l % 100 + k);
          wire_message (msg, 4, sub);
        }
      wire_message (out, 4, msg);
    }

  for (guint f = 1; f <= N_FUNCTIONS; f++)
    {
      g_byte_array_set_size (msg, 0);
      wire_uint (msg, 1, f);
      wire_uint (msg, 2, S_FUNCS + f - 1);
      wire_uint (msg, 3, S_FUNCS + f - 1);
      wire_uint (msg, 4, S_BINARY);
      wire_uint (msg, 5, f);
      wire_message (out, 5, msg);
    }

  wire_string (out, 6, "");
  wire_string (out, 6, "alloc_objects");
  wire_string (out, 6, "alloc_space");
  wire_string (out, 6, "inuse_space");
  wire_string (out, 6, "count");
  wire_string (out, 6, "thread");
  wire_string (out, 6, "size");
  wire_string (out, 6, "bytes");
  wire_string (out, 6, "/bin/app");
  for (guint w = 0; w < 16; w++)
    {
      g_autofree char *name = g_strdup_printf ("worker-%u", w);
      wire_string (out, 6, name);
    }
  for (guint f = 1; f <= N_FUNCTIONS; f++)
    {
      g_autofree char *name = g_strdup_printf ("example.com/app/pkg%u.Function%u", f % 37, f);
      wire_string (out, 6, name);
    }
  wire_uint (out, 9, 1700000000000000000);
  wire_uint (out, 12, 524288);

  if (c == CASE_TYPE_AFTER_SAMPLES)
    {
      g_byte_array_set_size (msg, 0);
      wire_uint (msg, 1, 3);
      wire_uint (msg, 2, 4);
      wire_message (out, 1, msg);
    }
  /* More than one window of the inflater's output (4 MiB each). */
  g_assert_cmpuint (out->len, >, 4 << 20);
  if (c == CASE_TRUNCATED)
    g_byte_array_set_size (out, out->len / 2 + 3);
  return g_bytes_new (out->data, out->len);
}

/* gzip at level 1: the helpers' level 9 would be most of this test's time. */
static GBytes *
gzip_fast (GBytes *raw)
{
  z_stream zs = { 0, };
  gsize len = g_bytes_get_size (raw);
  gsize cap = len + len / 100 + 1024;
  guint8 *out = g_malloc (cap);

  g_assert_cmpint (deflateInit2 (&zs, 1, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), ==, Z_OK);
  zs.next_in = (Bytef *) g_bytes_get_data (raw, NULL);
  zs.avail_in = len;
  zs.next_out = out;
  zs.avail_out = cap;
  g_assert_cmpint (deflate (&zs, Z_FINISH), ==, Z_STREAM_END);
  deflateEnd (&zs);
  return g_bytes_new_take (out, zs.total_out);
}

static void
assert_same_string (const char *a,
                    const char *b)
{
  g_assert_cmpstr (a, ==, b);
}

static void
assert_same_model (PpvProfile *a,
                   PpvProfile *b)
{
  g_assert_cmpuint (a->n_sample_types, ==, b->n_sample_types);
  for (guint i = 0; i < a->n_sample_types; i++)
    {
      assert_same_string (a->sample_types[i].type, b->sample_types[i].type);
      assert_same_string (a->sample_types[i].unit, b->sample_types[i].unit);
    }

  g_assert_cmpuint (a->n_samples, ==, b->n_samples);
  g_assert_cmpmem (a->samples, a->n_samples * sizeof (PpvSample), b->samples, b->n_samples * sizeof (PpvSample));
  g_assert_cmpmem (a->stacks, a->n_stacks * sizeof (guint32), b->stacks, b->n_stacks * sizeof (guint32));
  g_assert_cmpmem (a->values, a->n_samples * a->n_sample_types * sizeof (gint64),
                   b->values, b->n_samples * b->n_sample_types * sizeof (gint64));

  g_assert_cmpuint (a->n_labels, ==, b->n_labels);
  for (gsize i = 0; i < a->n_labels; i++)
    {
      assert_same_string (a->labels[i].key, b->labels[i].key);
      assert_same_string (a->labels[i].str, b->labels[i].str);
      g_assert_cmpint (a->labels[i].num, ==, b->labels[i].num);
      assert_same_string (a->labels[i].num_unit, b->labels[i].num_unit);
      /* Interned: equal strings are one pointer. */
      g_assert_true (b->labels[i].key == b->labels[0].key || strcmp (b->labels[i].key, b->labels[0].key) != 0);
    }

  g_assert_cmpuint (a->n_locations, ==, b->n_locations);
  for (guint i = 0; i < a->n_locations; i++)
    {
      const PpvLocation *x = &a->locations[i], *y = &b->locations[i];

      g_assert_cmpuint (x->id, ==, y->id);
      g_assert_cmpuint (x->address, ==, y->address);
      g_assert_cmpuint (x->mapping, ==, y->mapping);
      g_assert_cmpuint (x->lines_offset, ==, y->lines_offset);
      g_assert_cmpuint (x->n_lines, ==, y->n_lines);
      g_assert_cmpint (x->is_folded, ==, y->is_folded);
    }
  g_assert_cmpuint (a->n_lines, ==, b->n_lines);
  for (guint i = 0; i < a->n_lines; i++)
    {
      g_assert_cmpuint (a->lines[i].function, ==, b->lines[i].function);
      g_assert_cmpint (a->lines[i].line, ==, b->lines[i].line);
    }

  g_assert_cmpuint (a->n_functions, ==, b->n_functions);
  for (guint i = 0; i < a->n_functions; i++)
    {
      g_assert_cmpuint (a->functions[i].id, ==, b->functions[i].id);
      assert_same_string (a->functions[i].name, b->functions[i].name);
      assert_same_string (a->functions[i].system_name, b->functions[i].system_name);
      assert_same_string (a->functions[i].filename, b->functions[i].filename);
      g_assert_cmpint (a->functions[i].start_line, ==, b->functions[i].start_line);
    }

  g_assert_cmpuint (a->n_mappings, ==, b->n_mappings);
  for (guint i = 0; i < a->n_mappings; i++)
    assert_same_string (a->mappings[i].filename, b->mappings[i].filename);
  g_assert_cmpint (a->time_nanos, ==, b->time_nanos);
  g_assert_cmpint (a->period, ==, b->period);
  g_assert_cmpuint (ppv_profile_get_memory_size (a), ==, ppv_profile_get_memory_size (b));
}

static void
check_case (gconstpointer data)
{
  Case c = GPOINTER_TO_INT (data);
  g_autoptr(GBytes) raw = build_profile (c);
  g_autoptr(GError) plain_error = NULL;
  g_autoptr(PpvProfile) plain = NULL;

  plain = read_bytes (raw, "p.pb.gz", NULL, &plain_error);
  g_assert_true ((plain == NULL) != (plain_error == NULL));
  if (c == CASE_PLAIN || c == CASE_DROPPED_LABEL || c == CASE_HUGE_LOCATION_ID ||
      c == CASE_FIELD_AMID_SAMPLES || c == CASE_TEXT_IN_SAMPLES)
    g_assert_nonnull (plain);
  else
    g_assert_null (plain);

  /* Several members make the output buffer move as it grows; round 0
   * reads a file, whose bytes the reader owns and may drop as it goes. */
  for (guint members = 0; members <= (c == CASE_PLAIN ? 3 : 1); members += 1 + (members > 0))
    {
      g_autoptr(GBytes) gz = members <= 1 ? gzip_fast (raw)
                             : gzip_bytes (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw), members);
      g_autoptr(GError) error = NULL;
      g_autoptr(PpvProfile) streamed = NULL;

      if (members == 0)
        {
          g_autofree char *dir = g_dir_make_tmp ("ppv-stream-XXXXXX", NULL);
          g_autofree char *path = g_build_filename (dir, "p.pb.gz", NULL);
          g_autoptr(GError) file_error = NULL;

          g_assert_true (g_file_set_contents (path, g_bytes_get_data (gz, NULL), g_bytes_get_size (gz),
                                              &file_error));
          g_assert_no_error (file_error);
          g_assert_true (g_chdir (dir) == 0);
          streamed = ppv_profile_read_path ("p.pb.gz", NULL, NULL, &error);
          g_assert_true (g_chdir ("/") == 0);
          g_unlink (path);
          g_rmdir (dir);
        }
      else
        streamed = read_bytes (gz, "p.pb.gz", NULL, &error);

      if (plain == NULL)
        {
          g_assert_null (streamed);
          g_assert_error (error, plain_error->domain, plain_error->code);
          g_assert_cmpstr (error->message, ==, plain_error->message);
        }
      else
        {
          g_assert_no_error (error);
          assert_same_model (plain, streamed);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Every gzip goes through the threaded path, however small. */
  g_setenv ("PPV_GUNZIP_THREAD_MIN", "0", TRUE);
  /* The bytes of samples taken while inflating are overwritten once
   * read, so that reading them again shows. */
  g_setenv ("PPV_PROTO_POISON_DROPPED", "1", TRUE);

  g_test_add_data_func ("/ppv/reader/stream/plain", GINT_TO_POINTER (CASE_PLAIN), check_case);
  g_test_add_data_func ("/ppv/reader/stream/type-after-samples",
                        GINT_TO_POINTER (CASE_TYPE_AFTER_SAMPLES), check_case);
  g_test_add_data_func ("/ppv/reader/stream/missing-location",
                        GINT_TO_POINTER (CASE_MISSING_LOCATION), check_case);
  g_test_add_data_func ("/ppv/reader/stream/bad-label-string",
                        GINT_TO_POINTER (CASE_BAD_LABEL_STRING), check_case);
  g_test_add_data_func ("/ppv/reader/stream/dropped-label",
                        GINT_TO_POINTER (CASE_DROPPED_LABEL), check_case);
  g_test_add_data_func ("/ppv/reader/stream/huge-location-id",
                        GINT_TO_POINTER (CASE_HUGE_LOCATION_ID), check_case);
  g_test_add_data_func ("/ppv/reader/stream/truncated", GINT_TO_POINTER (CASE_TRUNCATED), check_case);
  g_test_add_data_func ("/ppv/reader/stream/field-amid-samples",
                        GINT_TO_POINTER (CASE_FIELD_AMID_SAMPLES), check_case);
  g_test_add_data_func ("/ppv/reader/stream/bad-field-after-samples",
                        GINT_TO_POINTER (CASE_BAD_FIELD_AFTER_SAMPLES), check_case);
  g_test_add_data_func ("/ppv/reader/stream/bad-field-amid-samples",
                        GINT_TO_POINTER (CASE_BAD_FIELD_AMID_SAMPLES), check_case);
  g_test_add_data_func ("/ppv/reader/stream/text-in-samples",
                        GINT_TO_POINTER (CASE_TEXT_IN_SAMPLES), check_case);

  return g_test_run ();
}
