/* test-builder.c — the profile builder on its own: interning, resolution, validation, caps.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "reader-test-util.h"

static void
add_function (PpvProfileBuilder *b,
              guint64            id,
              const char        *name)
{
  PpvFunction f = { .id = id, .name = name, .system_name = name, .filename = "f.go" };

  ppv_profile_builder_add_function (b, &f);
}

static void
add_mapping (PpvProfileBuilder *b,
             guint64            id)
{
  PpvMapping m = { .id = id, .memory_limit = 100, .filename = "/bin/x" };

  ppv_profile_builder_add_mapping (b, &m);
}

static void
add_location (PpvProfileBuilder *b,
              guint64            id,
              guint64            mapping,
              guint64            function)
{
  gint64 line = 7;

  ppv_profile_builder_add_location (b, id, mapping, 0x1000 + id, FALSE,
                                    &function, &line, NULL, function ? 1 : 0);
}

static void
expect_error (PpvProfileBuilder *b,
              int                code,
              const char        *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (ppv_profile_builder_finish (b, "b.pb", &error));
  g_assert_error (error, PPV_PROFILE_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_interning (void)
{
  PpvProfileBuilder *b = ppv_profile_builder_new ();
  char buf[16];
  const char *a, *c;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) p = NULL;

  strcpy (buf, "main.main");
  a = ppv_profile_builder_intern (b, buf);
  strcpy (buf, "main.other");
  c = ppv_profile_builder_intern (b, buf);
  g_assert_true (a != buf && c != buf);
  g_assert_cmpstr (a, ==, "main.main");
  g_assert_cmpstr (c, ==, "main.other");
  g_assert_true (ppv_profile_builder_intern (b, "main.main") == a);
  g_assert_true (ppv_profile_builder_intern (b, a) == a);
  g_assert_true (ppv_profile_builder_intern (b, NULL) == ppv_profile_builder_intern (b, ""));
  g_assert_cmpstr (ppv_profile_builder_intern (b, "bad\xff"), ==, "bad\xef\xbf\xbd");

  add_function (b, 1, "main.main");
  p = ppv_profile_builder_finish (b, "t", &error);
  g_assert_no_error (error);
  g_assert_true (p->functions[0].name == a);
  g_assert_true (p->functions[0].name == p->functions[0].system_name);
  /* Unset strings are the one interned "". */
  g_assert_cmpstr (p->drop_frames, ==, "");
  g_assert_true (p->drop_frames == p->doc_url);
  g_assert_true (p->drop_frames == p->period_type.unit);
}

/* References to entities added later wait and resolve in finish(). */
static void
test_late_entities (void)
{
  PpvProfileBuilder *b = ppv_profile_builder_new ();
  guint64 stack[] = { 20, 10 };
  gint64 values[] = { 5, 6 };
  PpvLabel labels[] = { { "k", "v", 0, NULL }, { "n", NULL, 3, NULL }, { "m", NULL, 4, "ms" } };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) p = NULL;

  ppv_profile_builder_add_sample (b, stack, 2, values, 2, labels, 3);
  add_location (b, 10, 2, 300);
  add_location (b, 20, 9, 100);   /* mapping 9 never comes */
  add_function (b, 100, "leaf");
  add_function (b, 300, "root");
  add_mapping (b, 2);
  ppv_profile_builder_add_sample_type (b, "a", "count");
  ppv_profile_builder_add_sample_type (b, "b", "bytes");

  p = ppv_profile_builder_finish (b, "b.pb", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p->n_samples, ==, 1);
  g_assert_cmpuint (p->stacks[0], ==, 1);
  g_assert_cmpuint (p->stacks[1], ==, 0);
  g_assert_cmpuint (p->locations[0].mapping, ==, 0);
  g_assert_cmpuint (p->locations[1].mapping, ==, PPV_NONE);
  g_assert_cmpstr (p->functions[p->lines[p->locations[0].lines_offset].function].name, ==, "root");
  g_assert_cmpstr (p->functions[p->lines[p->locations[1].lines_offset].function].name, ==, "leaf");
  g_assert_cmpint (p->lines[0].line, ==, 7);
  g_assert_cmpint (ppv_profile_sample_values (p, 0)[1], ==, 6);
  g_assert_cmpstr (p->labels[0].str, ==, "v");
  g_assert_cmpstr (p->labels[0].num_unit, ==, "");
  g_assert_null (p->labels[1].str);
  g_assert_cmpstr (p->labels[1].num_unit, ==, "");
  g_assert_cmpstr (p->labels[2].num_unit, ==, "ms");
}

static void
test_indexed (void)
{
  PpvProfileBuilder *b = ppv_profile_builder_new ();
  guint32 good[] = { 1, 0 }, bad[] = { 0, 5 };
  gint64 value = 1;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) p = NULL;

  ppv_profile_builder_add_sample_type (b, "a", "count");
  add_location (b, 1, 0, 0);
  add_location (b, 2, 0, 0);
  ppv_profile_builder_add_sample_indexed (b, good, 2, &value, 1, NULL, 0);
  p = ppv_profile_builder_finish (b, "b.pb", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p->stacks[0], ==, 1);

  b = ppv_profile_builder_new ();
  ppv_profile_builder_add_sample_type (b, "a", "count");
  add_location (b, 1, 0, 0);
  ppv_profile_builder_add_sample_indexed (b, good + 1, 1, &value, 1, NULL, 0);
  ppv_profile_builder_add_sample_indexed (b, bad, 2, &value, 1, NULL, 0);
  expect_error (b, PPV_PROFILE_ERROR_INVALID,
                "b.pb: sample 1 refers to location index 5 but the profile has 1 locations");
}

/* Samples with equal labels share one stored copy, until so many
 * different sets came that sharing is given up; each sample still reads
 * its own labels. */
static void
test_shared_labels (void)
{
  PpvProfileBuilder *b = ppv_profile_builder_new ();
  guint64 loc = 1;
  gint64 value = 1;
  guint n_distinct = 70000;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) p = NULL;

  ppv_profile_builder_add_sample_type (b, "a", "count");
  add_location (b, 1, 0, 0);
  /* Six samples, then n_distinct different ones, then one more like
   * sample 0. */
  for (guint s = 0; s < 6 + n_distinct + 1; s++)
    {
      gint64 num = s < 6 || s == 6 + n_distinct ? 64 : 1000 + s;
      PpvLabel labels[2] = {
        { .key = "thread", .str = s % 2 ? "worker-1" : "worker-2" },
        { .key = "bytes", .num = num, .num_unit = "bytes" },
      };

      ppv_profile_builder_add_sample (b, &loc, 1, &value, 1, labels, s == 2 ? 1 : 2);
    }
  p = ppv_profile_builder_finish (b, "b.pb", &error);
  g_assert_no_error (error);

  /* Samples 0, 1 and 2 are stored; 3, 4 and 5 repeat 1 and 0. */
  g_assert_cmpuint (p->samples[3].labels_offset, ==, p->samples[1].labels_offset);
  g_assert_cmpuint (p->samples[4].labels_offset, ==, p->samples[0].labels_offset);
  g_assert_cmpuint (p->samples[2].n_labels, ==, 1);
  g_assert_cmpuint (p->samples[2].labels_offset, !=, p->samples[0].labels_offset);
  /* Past 65536 sets, every sample keeps its own. */
  g_assert_cmpuint (p->samples[6 + n_distinct].labels_offset, !=, p->samples[0].labels_offset);
  g_assert_cmpuint (p->n_labels, ==, 5 + 2 * (gsize) n_distinct + 2);
  for (guint32 s = 0; s < p->n_samples; s++)
    {
      const PpvLabel *l = &p->labels[p->samples[s].labels_offset];

      g_assert_cmpuint (p->samples[s].labels_offset + p->samples[s].n_labels, <=, p->n_labels);
      g_assert_cmpstr (l[0].str, ==, s % 2 ? "worker-1" : "worker-2");
      if (s != 2)
        g_assert_cmpint (l[1].num, ==, s < 6 || s == 6 + n_distinct ? 64 : 1000 + s);
    }
}

/* The same problems pprof's CheckValid finds, reported in its order. */
static void
test_validation (void)
{
  PpvProfileBuilder *b;
  gint64 values[] = { 1, 2, 3 };
  guint64 missing = 77;

  /* Sample types may come after the samples; counts are checked at the end. */
  b = ppv_profile_builder_new ();
  ppv_profile_builder_add_sample (b, NULL, 0, values, 2, NULL, 0);
  ppv_profile_builder_add_sample (b, NULL, 0, values, 2, NULL, 0);
  ppv_profile_builder_add_sample (b, NULL, 0, values, 3, NULL, 0);
  ppv_profile_builder_add_sample_type (b, "a", "count");
  ppv_profile_builder_add_sample_type (b, "b", "count");
  expect_error (b, PPV_PROFILE_ERROR_INVALID,
                "b.pb: sample 2 has 3 values but the profile has 2 sample types");

  b = ppv_profile_builder_new ();
  ppv_profile_builder_add_sample (b, NULL, 0, values, 2, NULL, 0);
  ppv_profile_builder_add_sample (b, NULL, 0, values, 2, NULL, 0);
  ppv_profile_builder_add_sample_type (b, "a", "count");
  expect_error (b, PPV_PROFILE_ERROR_INVALID,
                "b.pb: sample 0 has 2 values but the profile has 1 sample types");

  /* Samples come before mappings: the sample problem is reported. */
  b = ppv_profile_builder_new ();
  add_mapping (b, 0);
  ppv_profile_builder_add_sample_type (b, "a", "count");
  ppv_profile_builder_add_sample (b, &missing, 1, values, 1, NULL, 0);
  expect_error (b, PPV_PROFILE_ERROR_INVALID, "b.pb: sample 0 refers to missing location 77");

  b = ppv_profile_builder_new ();
  add_mapping (b, 3);
  add_mapping (b, 3);
  add_function (b, 0, "x");
  expect_error (b, PPV_PROFILE_ERROR_INVALID, "b.pb: multiple mappings have the id 3");

  b = ppv_profile_builder_new ();
  add_function (b, 1, "x");
  add_location (b, 5, 0, 1);
  add_location (b, 6, 0, 42);
  add_location (b, 6, 0, 1);
  expect_error (b, PPV_PROFILE_ERROR_INVALID, "b.pb: location 6 refers to missing function 42");
}

static void
test_memory_cap (void)
{
  PpvProfileBuilder *b = ppv_profile_builder_new ();
  gint64 value = 1;
  g_autoptr(GError) error = NULL;

  ppv_profile_builder_set_memory_cap (b, 1 << 20);
  ppv_profile_builder_add_sample_type (b, "a", "count");
  for (guint i = 0; i < 100000; i++)
    ppv_profile_builder_add_sample (b, NULL, 0, &value, 1, NULL, 0);

  g_assert_null (ppv_profile_builder_finish (b, "cap.pb", &error));
  g_assert_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "cap.pb: profile exceeds the 1 MiB memory limit");
}

static void
test_refcount (void)
{
  PpvProfileBuilder *b = ppv_profile_builder_new ();
  g_autoptr(GError) error = NULL;
  PpvProfile *p, *copy;
  gsize size;

  add_function (b, 1, "x");
  p = ppv_profile_builder_finish (b, "r.pb", &error);
  g_assert_no_error (error);

  copy = g_boxed_copy (PPV_TYPE_PROFILE, p);
  g_assert_true (copy == p);
  g_assert_cmpint (p->ref_count, ==, 2);
  g_boxed_free (PPV_TYPE_PROFILE, copy);
  g_assert_cmpint (p->ref_count, ==, 1);

  size = ppv_profile_get_memory_size (p);
  g_assert_cmpuint (size, >=, sizeof (PpvProfile) + sizeof (PpvFunction) + strlen ("x") + 1);
  g_assert_cmpuint (size, <, 4096);
  ppv_profile_unref (p);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppv/reader/builder/interning", test_interning);
  g_test_add_func ("/ppv/reader/builder/late-entities", test_late_entities);
  g_test_add_func ("/ppv/reader/builder/indexed", test_indexed);
  g_test_add_func ("/ppv/reader/builder/shared-labels", test_shared_labels);
  g_test_add_func ("/ppv/reader/builder/validation", test_validation);
  g_test_add_func ("/ppv/reader/builder/memory-cap", test_memory_cap);
  g_test_add_func ("/ppv/reader/builder/refcount", test_refcount);

  return g_test_run ();
}
