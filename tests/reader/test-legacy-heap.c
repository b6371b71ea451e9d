/* test-legacy-heap.c — Go's debug=1 heap text must give exactly the model pprof builds.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "raw-dump.h"
#include "reader-test-util.h"

/* pprof's reading: the "#" lines are comments to it. */
static const PpvReadLimits as_pprof = { .symbolize = PPV_SYMBOLIZE_NONE };

/* Reads data/@name as pprof does and compares it with data/@name.parse,
 * recorded from pprof's own parser by data/gen/gen.sh ("ERROR: …" when
 * pprof refuses the data: then reading must fail too). */
static void
check_fixture (gconstpointer data)
{
  const char *name = data;
  g_autofree char *golden_name = g_strconcat (name, ".parse", NULL);
  g_autoptr(GBytes) bytes = load_data (name);
  g_autoptr(GBytes) golden = load_data (golden_name);
  g_autofree char *expected = g_strndup (g_bytes_get_data (golden, NULL), g_bytes_get_size (golden));
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) p = read_bytes (bytes, name, &as_pprof, &error);
  g_autofree char *dump = NULL;

  if (g_str_has_prefix (expected, "ERROR: "))
    {
      g_assert_null (p);
      g_assert_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_INVALID);
      return;
    }
  g_assert_no_error (error);
  dump = raw_dump (p);
  g_assert_cmpstr (dump, ==, expected);
}

static void
test_real_heap (void)
{
  g_autoptr(GBytes) bytes = load_data ("heap.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) p = read_bytes (bytes, "heap.txt", &as_pprof, &error);
  gsize len;
  const char *text = g_bytes_get_data (bytes, &len);
  const char *second_line = memchr (text, '\n', len) + 1;
  guint64 first_address = g_ascii_strtoull (strstr (second_line, "@ 0x") + 4, NULL, 16);

  g_assert_no_error (error);

  /* Four columns, inuse last so it is the default. */
  g_assert_cmpuint (p->n_sample_types, ==, 4);
  g_assert_cmpstr (p->sample_types[0].type, ==, "alloc_objects");
  g_assert_cmpstr (p->sample_types[3].type, ==, "inuse_space");
  g_assert_cmpstr (p->sample_types[3].unit, ==, "bytes");
  g_assert_cmpstr (p->period_type.type, ==, "space");
  g_assert_cmpint (p->period, ==, 4096);

  /* Addresses are return addresses minus one, unsymbolised. */
  g_assert_cmphex (p->locations[0].address, ==, first_address - 1);
  g_assert_cmpuint (p->locations[0].n_lines, ==, 0);
  g_assert_cmpuint (p->locations[0].mapping, ==, 0);
  g_assert_cmpuint (p->n_mappings, ==, 1);
  g_assert_cmphex (p->mappings[0].memory_limit, ==, G_MAXUINT64);

  /* Every sample carries its block size as a "bytes" label. */
  for (guint32 s = 0; s < p->n_samples; s++)
    {
      g_assert_cmpuint (p->samples[s].n_labels, ==, 1);
      g_assert_cmpstr (p->labels[p->samples[s].labels_offset].key, ==, "bytes");
      g_assert_null (p->labels[p->samples[s].labels_offset].str);
    }

  g_assert_true (g_str_has_prefix (p->drop_frames, "calloc|cfree|malloc|"));
  g_assert_cmpstr (p->keep_frames, ==, "runtime\\.panic|runtime\\.reflectcall|runtime\\.call[0-9]*");
}

/* Saved with `curl ... | gzip`: the text inside gzip reads the same. */
static void
test_gzipped_text (void)
{
  g_autoptr(GBytes) text = load_data ("heap.txt");
  g_autoptr(GBytes) gz = gzip_bytes (g_bytes_get_data (text, NULL), g_bytes_get_size (text), 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) a = read_bytes (text, "heap.txt", NULL, &error);
  g_autoptr(PpvProfile) b = read_bytes (gz, "heap.txt.gz", NULL, &error);
  g_autofree char *dump_a = raw_dump (a);
  g_autofree char *dump_b = raw_dump (b);

  g_assert_no_error (error);
  g_assert_cmpstr (dump_a, ==, dump_b);
}

/* 64 / (1 - exp(-64/4096)) and friends, against pprof's numbers. */
static void
test_scaling (void)
{
  static const char text[] =
    "heap profile: 1: 64 [1: 64] @ heap/8192\n"
    "93: 5952 [93: 5952] @ 0x10\n"
    "1: 1048576 [1: 1048576] @ 0x20\n"
    "0: 0 [0: 0] @ 0x30\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) p = read_bytes (bytes, "s.txt", NULL, &error);

  g_assert_no_error (error);
  /* alloc == inuse in the header: two columns. */
  g_assert_cmpuint (p->n_sample_types, ==, 2);
  g_assert_cmpstr (p->sample_types[0].type, ==, "objects");
  g_assert_cmpstr (p->sample_types[1].type, ==, "space");
  g_assert_cmpint (p->period, ==, 4096);
  /* Checked with `go tool pprof -raw`: 5998 objects, 383911 bytes. */
  g_assert_cmpint (ppv_profile_sample_values (p, 0)[0], ==, 5998);
  g_assert_cmpint (ppv_profile_sample_values (p, 0)[1], ==, 383911);
  /* Large blocks are (nearly) always sampled: no scaling. */
  g_assert_cmpint (ppv_profile_sample_values (p, 1)[0], ==, 1);
  g_assert_cmpint (ppv_profile_sample_values (p, 1)[1], ==, 1048576);
  g_assert_cmpint (ppv_profile_sample_values (p, 2)[0], ==, 0);
  g_assert_cmpint (p->labels[p->samples[0].labels_offset].num, ==, 64);
}

/* Text that starts like a heap profile but is not one of its kinds. */
static void
test_not_heap (void)
{
  static const char text[] = "heap profile: 1: 2 [3: 4] @ heapster/8\n1: 2 [3: 4] @ 0x10\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);

  assert_read_fails (bytes, "x.txt", NULL, PPV_PROFILE_ERROR_UNRECOGNIZED,
                     "x.txt: unrecognized profile format");
}

int
main (int   argc,
      char *argv[])
{
  static const char *fixtures[] = {
    "heap.txt", "heap.pb.gz", "legacy-2col.txt", "legacy-growth.txt", "legacy-mmap.txt",
    "legacy-scaled.txt", "legacy-v2.txt", "legacy-goroutine.txt", "legacy-contention.txt",
    "legacy-mutex.txt", "legacy-threadcreate.txt",
  };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ppv/reader/legacy/fixture/%s", fixtures[i]);

      g_test_add_data_func (path, fixtures[i], check_fixture);
    }
  g_test_add_func ("/ppv/reader/legacy/real-heap", test_real_heap);
  g_test_add_func ("/ppv/reader/legacy/gzipped-text", test_gzipped_text);
  g_test_add_func ("/ppv/reader/legacy/scaling", test_scaling);
  g_test_add_func ("/ppv/reader/legacy/not-heap", test_not_heap);

  return g_test_run ();
}
