/* test-proto-reader.c — round trips of small profile.proto messages through the reader.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "raw-dump.h"
#include "reader-test-util.h"

/* The string table of the reference profile. */
static const char *strings[] = {
  "", "samples", "count", "cpu", "nanoseconds", "main", "main.go", "foo", "bar",
  "/bin/app", "abc123", "thread", "worker", "bytes", "first comment", "second comment",
  "drop.*", "keep.*", "https://example.com/doc", "libc.so", "main.main",
};

/* The reference profile, built with protobuf-c: every field set, two
 * mappings, an inlined location, a location with an unknown mapping id,
 * string and numeric labels (one of which pprof's decoder drops). */
static GBytes *
reference_packed (void)
{
  Perftools__Profiles__Profile p = PERFTOOLS__PROFILES__PROFILE__INIT;
  Perftools__Profiles__ValueType st[2] = { PERFTOOLS__PROFILES__VALUE_TYPE__INIT,
                                           PERFTOOLS__PROFILES__VALUE_TYPE__INIT };
  Perftools__Profiles__ValueType *stp[2] = { &st[0], &st[1] };
  Perftools__Profiles__ValueType period = PERFTOOLS__PROFILES__VALUE_TYPE__INIT;
  Perftools__Profiles__Mapping m[2] = { PERFTOOLS__PROFILES__MAPPING__INIT,
                                        PERFTOOLS__PROFILES__MAPPING__INIT };
  Perftools__Profiles__Mapping *mp[2] = { &m[0], &m[1] };
  Perftools__Profiles__Function f[3] = { PERFTOOLS__PROFILES__FUNCTION__INIT,
                                         PERFTOOLS__PROFILES__FUNCTION__INIT,
                                         PERFTOOLS__PROFILES__FUNCTION__INIT };
  Perftools__Profiles__Function *fp[3] = { &f[0], &f[1], &f[2] };
  Perftools__Profiles__Line ln[3] = { PERFTOOLS__PROFILES__LINE__INIT,
                                      PERFTOOLS__PROFILES__LINE__INIT,
                                      PERFTOOLS__PROFILES__LINE__INIT };
  Perftools__Profiles__Line *l0[2] = { &ln[0], &ln[1] };
  Perftools__Profiles__Line *l1[1] = { &ln[2] };
  Perftools__Profiles__Location loc[3] = { PERFTOOLS__PROFILES__LOCATION__INIT,
                                           PERFTOOLS__PROFILES__LOCATION__INIT,
                                           PERFTOOLS__PROFILES__LOCATION__INIT };
  Perftools__Profiles__Location *locp[3] = { &loc[0], &loc[1], &loc[2] };
  Perftools__Profiles__Label lab[5] = { PERFTOOLS__PROFILES__LABEL__INIT,
                                        PERFTOOLS__PROFILES__LABEL__INIT,
                                        PERFTOOLS__PROFILES__LABEL__INIT,
                                        PERFTOOLS__PROFILES__LABEL__INIT,
                                        PERFTOOLS__PROFILES__LABEL__INIT };
  Perftools__Profiles__Label *lab0[2] = { &lab[0], &lab[1] };
  Perftools__Profiles__Label *lab1[2] = { &lab[2], &lab[3] };
  Perftools__Profiles__Label *lab2[1] = { &lab[4] };
  Perftools__Profiles__Sample s[3] = { PERFTOOLS__PROFILES__SAMPLE__INIT,
                                       PERFTOOLS__PROFILES__SAMPLE__INIT,
                                       PERFTOOLS__PROFILES__SAMPLE__INIT };
  Perftools__Profiles__Sample *sp[3] = { &s[0], &s[1], &s[2] };
  uint64_t stack0[] = { 10, 11 }, stack1[] = { 12, 11 }, stack2[] = { 11 };
  int64_t v0[] = { 1, 10000000 }, v1[] = { 2, 20000000 }, v2[] = { 3, -5 };
  int64_t comments[] = { 14, 15 };

  st[0].type = 1; st[0].unit = 2;
  st[1].type = 3; st[1].unit = 4;
  period.type = 3; period.unit = 4;

  m[0].id = 1; m[0].memory_start = 0x400000; m[0].memory_limit = 0x500000;
  m[0].filename = 9; m[0].build_id = 10; m[0].has_functions = 1; m[0].has_line_numbers = 1;
  m[1].id = 2; m[1].memory_start = 0x7f0000000000; m[1].memory_limit = 0x7f0000100000;
  m[1].file_offset = 0x1000; m[1].filename = 19; m[1].has_filenames = 1; m[1].has_inline_frames = 1;

  f[0].id = 1; f[0].name = 5; f[0].system_name = 20; f[0].filename = 6; f[0].start_line = 3;
  f[1].id = 2; f[1].name = 7; f[1].system_name = 7; f[1].filename = 6; f[1].start_line = 10;
  f[2].id = 3; f[2].name = 8; f[2].system_name = 8; f[2].filename = 6; f[2].start_line = 20;

  ln[0].function_id = 3; ln[0].line = 22; ln[0].column = 5;
  ln[1].function_id = 2; ln[1].line = 12;
  ln[2].function_id = 1; ln[2].line = 4;
  loc[0].id = 10; loc[0].mapping_id = 1; loc[0].address = 0x401000; loc[0].n_line = 2; loc[0].line = l0;
  loc[1].id = 11; loc[1].mapping_id = 1; loc[1].address = 0x402000; loc[1].n_line = 1; loc[1].line = l1;
  loc[2].id = 12; loc[2].mapping_id = 7; loc[2].address = 0x7f001000; loc[2].is_folded = 1;

  lab[0].key = 11; lab[0].str = 12;
  lab[1].key = 13; lab[1].num = 4096; lab[1].num_unit = 13;
  lab[2].key = 11;                                   /* dropped */
  lab[3].key = 11; lab[3].str = 12;
  lab[4].key = 13; lab[4].num = 7;

  s[0].n_location_id = 2; s[0].location_id = stack0; s[0].n_value = 2; s[0].value = v0;
  s[0].n_label = 2; s[0].label = lab0;
  s[1].n_location_id = 2; s[1].location_id = stack1; s[1].n_value = 2; s[1].value = v1;
  s[1].n_label = 2; s[1].label = lab1;
  s[2].n_location_id = 1; s[2].location_id = stack2; s[2].n_value = 2; s[2].value = v2;
  s[2].n_label = 1; s[2].label = lab2;

  p.n_sample_type = 2; p.sample_type = stp;
  p.n_sample = 3; p.sample = sp;
  p.n_mapping = 2; p.mapping = mp;
  p.n_location = 3; p.location = locp;
  p.n_function = 3; p.function = fp;
  p.n_string_table = G_N_ELEMENTS (strings); p.string_table = (char **) strings;
  p.drop_frames = 16; p.keep_frames = 17;
  p.time_nanos = 1700000000000000000; p.duration_nanos = 30000000000;
  p.period_type = &period; p.period = 10000000;
  p.n_comment = 2; p.comment = comments;
  p.default_sample_type = 3;
  p.doc_url = 18;

  return pack_profile (&p);
}

static void
put_value_type (GByteArray *out,
                guint32     field,
                guint64     type,
                guint64     unit)
{
  g_autoptr(GByteArray) m = g_byte_array_new ();

  wire_uint (m, 1, type);
  wire_uint (m, 2, unit);
  wire_message (out, field, m);
}

static void
put_label (GByteArray *sample,
           guint64     key,
           guint64     str,
           guint64     num,
           guint64     unit)
{
  g_autoptr(GByteArray) m = g_byte_array_new ();

  /* Zero fields written out explicitly, as some encoders do. */
  wire_uint (m, 1, key);
  wire_uint (m, 2, str);
  wire_uint (m, 3, num);
  wire_uint (m, 4, unit);
  wire_message (sample, 3, m);
}

static void
put_line (GByteArray *location,
          guint64     function,
          guint64     line,
          guint64     column)
{
  g_autoptr(GByteArray) m = g_byte_array_new ();

  wire_uint (m, 1, function);
  wire_uint (m, 2, line);
  if (column != 0)
    wire_uint (m, 3, column);
  wire_message (location, 4, m);
}

/* The same profile written by hand: repeated scalars one per tag (one
 * sample packed), samples before the sample types, locations before the
 * functions they use, comments half packed, the string table last, and
 * unknown fields of every wire type sprinkled in. */
static GBytes *
reference_hand_written (void)
{
  GByteArray *out = g_byte_array_new ();
  g_autoptr(GByteArray) m = g_byte_array_new ();
  g_autoptr(GByteArray) packed = g_byte_array_new ();
  static const guint8 fixed64[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
  static const guint8 fixed32[4] = { 9, 9, 9, 9 };

  wire_uint (out, 99, 12345);                                 /* unknown varint */

  /* Samples first, repeated scalars unpacked. */
  wire_uint (m, 1, 10);
  wire_uint (m, 1, 11);
  wire_uint (m, 2, 1);
  wire_uint (m, 2, 10000000);
  put_label (m, 11, 12, 0, 0);
  put_label (m, 13, 0, 4096, 13);
  wire_uint (m, 42, 7);                                       /* unknown, inside */
  wire_message (out, 2, m);

  g_byte_array_set_size (m, 0);
  wire_uint (m, 1, 12);
  wire_uint (m, 2, 2);
  wire_uint (m, 1, 11);                                       /* interleaved */
  wire_uint (m, 2, 20000000);
  put_label (m, 11, 0, 0, 0);
  put_label (m, 11, 12, 0, 0);
  wire_message (out, 2, m);

  g_byte_array_set_size (m, 0);
  wire_uint (m, 1, 11);
  wire_varint (packed, 3);
  wire_varint (packed, (guint64) -5);
  wire_bytes (m, 2, packed->data, packed->len);              /* packed values */
  put_label (m, 13, 0, 7, 0);
  wire_message (out, 2, m);

  put_value_type (out, 1, 1, 2);
  wire_tag (out, 98, 1);                                      /* unknown fixed64 */
  g_byte_array_append (out, fixed64, 8);
  put_value_type (out, 1, 3, 4);

  /* Mappings, in the reference order. */
  g_byte_array_set_size (m, 0);
  wire_uint (m, 1, 1); wire_uint (m, 2, 0x400000); wire_uint (m, 3, 0x500000);
  wire_uint (m, 5, 9); wire_uint (m, 6, 10); wire_uint (m, 7, 1); wire_uint (m, 9, 1);
  wire_message (out, 3, m);
  g_byte_array_set_size (m, 0);
  wire_uint (m, 1, 2); wire_uint (m, 2, 0x7f0000000000); wire_uint (m, 3, 0x7f0000100000);
  wire_uint (m, 4, 0x1000); wire_uint (m, 5, 19); wire_uint (m, 8, 1); wire_uint (m, 10, 1);
  wire_message (out, 3, m);

  /* Locations before functions. */
  g_byte_array_set_size (m, 0);
  wire_uint (m, 1, 10);
  wire_uint (m, 2, 1);
  wire_uint (m, 3, 0x401000);
  put_line (m, 3, 22, 5);
  put_line (m, 2, 12, 0);
  wire_message (out, 4, m);
  g_byte_array_set_size (m, 0);
  wire_uint (m, 1, 11);
  wire_uint (m, 2, 1);
  wire_uint (m, 3, 0x402000);
  put_line (m, 1, 4, 0);
  wire_message (out, 4, m);
  g_byte_array_set_size (m, 0);
  wire_uint (m, 1, 12);
  wire_uint (m, 2, 7);
  wire_uint (m, 3, 0x7f001000);
  wire_uint (m, 5, 1);
  wire_message (out, 4, m);

  wire_tag (out, 97, 5);                                      /* unknown fixed32 */
  g_byte_array_append (out, fixed32, 4);

  g_byte_array_set_size (m, 0);
  wire_uint (m, 1, 1); wire_uint (m, 2, 5); wire_uint (m, 3, 20); wire_uint (m, 4, 6); wire_uint (m, 5, 3);
  wire_message (out, 5, m);
  g_byte_array_set_size (m, 0);
  wire_uint (m, 1, 2); wire_uint (m, 2, 7); wire_uint (m, 3, 7); wire_uint (m, 4, 6); wire_uint (m, 5, 10);
  wire_message (out, 5, m);
  g_byte_array_set_size (m, 0);
  wire_uint (m, 1, 3); wire_uint (m, 2, 8); wire_uint (m, 3, 8); wire_uint (m, 4, 6); wire_uint (m, 5, 20);
  wire_message (out, 5, m);

  /* Scalars, comments half unpacked and half packed. */
  wire_uint (out, 13, 14);
  g_byte_array_set_size (packed, 0);
  wire_varint (packed, 15);
  wire_bytes (out, 13, packed->data, packed->len);
  wire_uint (out, 7, 16);
  wire_uint (out, 8, 17);
  wire_uint (out, 9, 1700000000000000000);
  wire_uint (out, 10, 30000000000);
  put_value_type (out, 11, 3, 4);
  wire_uint (out, 12, 10000000);
  wire_uint (out, 14, 3);
  wire_uint (out, 15, 18);
  wire_string (out, 96, "unknown bytes");

  /* The string table last. */
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    wire_string (out, 6, strings[i]);

  return g_byte_array_free_to_bytes (out);
}

static PpvProfile *
read_ok (GBytes     *bytes,
         const char *source)
{
  g_autoptr(GError) error = NULL;
  PpvProfile *profile = read_bytes (bytes, source, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (profile);
  return profile;
}

static void
check_reference (const PpvProfile *p)
{
  const PpvLocation *loc;
  const PpvLabel *l;

  g_assert_cmpuint (p->n_sample_types, ==, 2);
  g_assert_cmpstr (p->sample_types[0].type, ==, "samples");
  g_assert_cmpstr (p->sample_types[0].unit, ==, "count");
  g_assert_cmpstr (p->sample_types[1].type, ==, "cpu");
  g_assert_cmpstr (p->sample_types[1].unit, ==, "nanoseconds");
  /* Interned: equal strings share a pointer. */
  g_assert_true (p->sample_types[1].type == p->period_type.type);
  g_assert_true (p->sample_types[1].type == p->default_sample_type);

  g_assert_cmpuint (p->n_samples, ==, 3);
  g_assert_cmpint (ppv_profile_sample_values (p, 0)[0], ==, 1);
  g_assert_cmpint (ppv_profile_sample_values (p, 0)[1], ==, 10000000);
  g_assert_cmpint (ppv_profile_sample_values (p, 1)[1], ==, 20000000);
  g_assert_cmpint (ppv_profile_sample_values (p, 2)[0], ==, 3);
  g_assert_cmpint (ppv_profile_sample_values (p, 2)[1], ==, -5);

  /* Stacks hold location indices, leaf first. */
  g_assert_cmpuint (p->samples[0].n_locations, ==, 2);
  g_assert_cmpuint (p->locations[p->stacks[p->samples[0].stack_offset]].id, ==, 10);
  g_assert_cmpuint (p->locations[p->stacks[p->samples[0].stack_offset + 1]].id, ==, 11);
  g_assert_cmpuint (p->locations[p->stacks[p->samples[1].stack_offset]].id, ==, 12);
  g_assert_cmpuint (p->samples[2].n_locations, ==, 1);
  g_assert_cmpuint (p->n_stacks, ==, 5);

  /* Labels, with the zero-valued numeric label dropped. */
  g_assert_cmpuint (p->samples[0].n_labels, ==, 2);
  l = &p->labels[p->samples[0].labels_offset];
  g_assert_cmpstr (l[0].key, ==, "thread");
  g_assert_cmpstr (l[0].str, ==, "worker");
  g_assert_cmpstr (l[1].key, ==, "bytes");
  g_assert_null (l[1].str);
  g_assert_cmpint (l[1].num, ==, 4096);
  g_assert_cmpstr (l[1].num_unit, ==, "bytes");
  g_assert_true (l[1].key == l[1].num_unit);
  g_assert_cmpuint (p->samples[1].n_labels, ==, 1);
  l = &p->labels[p->samples[1].labels_offset];
  g_assert_cmpstr (l[0].str, ==, "worker");
  l = &p->labels[p->samples[2].labels_offset];
  g_assert_cmpuint (p->samples[2].n_labels, ==, 1);
  g_assert_null (l[0].str);
  g_assert_cmpint (l[0].num, ==, 7);
  g_assert_cmpstr (l[0].num_unit, ==, "");
  g_assert_cmpuint (p->n_labels, ==, 4);

  g_assert_cmpuint (p->n_mappings, ==, 2);
  g_assert_cmpuint (p->mappings[0].id, ==, 1);
  g_assert_cmpstr (p->mappings[0].filename, ==, "/bin/app");
  g_assert_cmpstr (p->mappings[0].build_id, ==, "abc123");
  g_assert_cmphex (p->mappings[0].memory_start, ==, 0x400000);
  g_assert_cmphex (p->mappings[0].memory_limit, ==, 0x500000);
  g_assert_true (p->mappings[0].has_functions && p->mappings[0].has_line_numbers);
  g_assert_false (p->mappings[0].has_filenames || p->mappings[0].has_inline_frames);
  g_assert_cmphex (p->mappings[1].file_offset, ==, 0x1000);
  g_assert_cmpstr (p->mappings[1].build_id, ==, "");
  g_assert_true (p->mappings[1].has_filenames && p->mappings[1].has_inline_frames);

  g_assert_cmpuint (p->n_functions, ==, 3);
  g_assert_cmpstr (p->functions[0].name, ==, "main");
  g_assert_cmpstr (p->functions[0].system_name, ==, "main.main");
  g_assert_cmpstr (p->functions[0].filename, ==, "main.go");
  g_assert_cmpint (p->functions[0].start_line, ==, 3);
  g_assert_true (p->functions[1].filename == p->functions[2].filename);

  g_assert_cmpuint (p->n_locations, ==, 3);
  loc = &p->locations[0];
  g_assert_cmpuint (loc->id, ==, 10);
  g_assert_cmphex (loc->address, ==, 0x401000);
  g_assert_cmpuint (loc->mapping, ==, 0);
  g_assert_cmpuint (loc->n_lines, ==, 2);
  g_assert_false (loc->is_folded);
  /* lines[0] is the innermost (inlined) frame. */
  g_assert_cmpstr (p->functions[p->lines[loc->lines_offset].function].name, ==, "bar");
  g_assert_cmpint (p->lines[loc->lines_offset].line, ==, 22);
  g_assert_cmpint (p->lines[loc->lines_offset].column, ==, 5);
  g_assert_cmpstr (p->functions[p->lines[loc->lines_offset + 1].function].name, ==, "foo");
  g_assert_cmpint (p->lines[loc->lines_offset + 1].column, ==, 0);
  loc = &p->locations[2];
  g_assert_cmpuint (loc->mapping, ==, PPV_NONE);   /* unknown mapping id 7 */
  g_assert_true (loc->is_folded);
  g_assert_cmpuint (loc->n_lines, ==, 0);
  g_assert_cmpuint (p->n_lines, ==, 3);

  g_assert_cmpuint (p->n_comments, ==, 2);
  g_assert_cmpstr (p->comments[0], ==, "first comment");
  g_assert_cmpstr (p->comments[1], ==, "second comment");
  g_assert_cmpstr (p->drop_frames, ==, "drop.*");
  g_assert_cmpstr (p->keep_frames, ==, "keep.*");
  g_assert_cmpint (p->time_nanos, ==, 1700000000000000000);
  g_assert_cmpint (p->duration_nanos, ==, 30000000000);
  g_assert_cmpint (p->period, ==, 10000000);
  g_assert_cmpstr (p->period_type.unit, ==, "nanoseconds");
  g_assert_cmpstr (p->default_sample_type, ==, "cpu");
  g_assert_cmpstr (p->doc_url, ==, "https://example.com/doc");

  g_assert_cmpuint (ppv_profile_get_memory_size (p), >, sizeof (PpvProfile));
}

static void
test_packed (void)
{
  g_autoptr(GBytes) bytes = reference_packed ();
  g_autoptr(PpvProfile) p = read_ok (bytes, "ref.pb");

  check_reference (p);
}

static void
test_hand_written (void)
{
  g_autoptr(GBytes) packed = reference_packed ();
  g_autoptr(GBytes) bytes = reference_hand_written ();
  g_autoptr(PpvProfile) a = read_ok (packed, "ref.pb");
  g_autoptr(PpvProfile) b = read_ok (bytes, "hand.pb");
  g_autofree char *dump_a = raw_dump (a);
  g_autofree char *dump_b = raw_dump (b);

  g_assert_false (g_bytes_equal (packed, bytes));
  check_reference (b);
  g_assert_cmpstr (dump_a, ==, dump_b);
}

static void
test_gzip (void)
{
  g_autoptr(GBytes) raw = reference_packed ();
  g_autoptr(GBytes) gz = gzip_bytes (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw), 1);
  g_autoptr(GBytes) gz3 = gzip_bytes (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw), 3);
  g_autoptr(PpvProfile) a = read_ok (gz, "ref.pb.gz");
  g_autoptr(PpvProfile) b = read_ok (gz3, "ref3.pb.gz");

  check_reference (a);
  check_reference (b);
}

/* A profile holding only the empty string is valid and empty, like pprof. */
static void
test_minimal (void)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PpvProfile) p = NULL;

  wire_string (out, 6, "");
  bytes = g_bytes_new (out->data, out->len);
  p = read_ok (bytes, "min.pb");
  g_assert_cmpuint (p->n_samples, ==, 0);
  g_assert_cmpuint (p->n_sample_types, ==, 0);
  g_assert_cmpstr (p->period_type.type, ==, "");
  g_assert_cmpstr (p->drop_frames, ==, "");
  g_assert_cmpstr (p->doc_url, ==, "");
  g_assert_nonnull (p->samples);
  g_assert_nonnull (p->values);
}

/* Large and sparse ids go through the hash path of the id maps; many
 * small ones through the dense path; both must resolve the same. */
static void
test_many_ids (void)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GByteArray) m = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PpvProfile) p = NULL;
  const guint n = 5000;

  put_value_type (out, 1, 1, 2);
  for (guint i = 0; i < n; i++)
    {
      guint64 fid = i % 2 ? i + 1 : (G_GUINT64_CONSTANT (1) << 40) + i * 7919;
      guint64 lid = i % 3 ? i + 1 : G_MAXUINT64 - i;

      g_byte_array_set_size (m, 0);
      wire_uint (m, 1, fid);
      wire_uint (m, 2, 3);
      wire_message (out, 5, m);

      g_byte_array_set_size (m, 0);
      wire_uint (m, 1, lid);
      put_line (m, fid, i, 0);
      wire_message (out, 4, m);

      g_byte_array_set_size (m, 0);
      wire_uint (m, 1, lid);
      wire_uint (m, 2, i);
      wire_message (out, 2, m);
    }
  wire_string (out, 6, "");
  wire_string (out, 6, "samples");
  wire_string (out, 6, "count");
  wire_string (out, 6, "fn");

  bytes = g_bytes_new (out->data, out->len);
  p = read_ok (bytes, "ids.pb");
  g_assert_cmpuint (p->n_samples, ==, n);
  g_assert_cmpuint (p->n_locations, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const PpvLocation *loc = &p->locations[p->stacks[p->samples[i].stack_offset]];
      const PpvFunction *fn = &p->functions[p->lines[loc->lines_offset].function];

      g_assert_cmpint (ppv_profile_sample_values (p, i)[0], ==, i);
      g_assert_cmpuint (loc->id, ==, i % 3 ? i + 1 : G_MAXUINT64 - i);
      g_assert_cmpint (p->lines[loc->lines_offset].line, ==, i);
      g_assert_cmpuint (fn->id, ==, i % 2 ? i + 1 : (G_GUINT64_CONSTANT (1) << 40) + i * 7919);
      g_assert_cmpstr (fn->name, ==, "fn");
    }
}

/* Names are made valid UTF-8 (nuls too), so every consumer can show them. */
static void
test_invalid_utf8 (void)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GByteArray) m = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PpvProfile) p = NULL;
  static const char bad[] = "ma\xffin\0x";

  wire_uint (m, 1, 1);
  wire_uint (m, 2, 1);
  wire_uint (m, 3, 2);
  wire_message (out, 5, m);
  wire_string (out, 6, "");
  wire_bytes (out, 6, bad, sizeof bad - 1);
  wire_string (out, 6, "caf\xc3\xa9");

  bytes = g_bytes_new (out->data, out->len);
  p = read_ok (bytes, "utf8.pb");
  g_assert_cmpstr (p->functions[0].name, ==, "ma\xef\xbf\xbdin\xef\xbf\xbdx");
  g_assert_cmpstr (p->functions[0].system_name, ==, "caf\xc3\xa9");
  g_assert_true (g_utf8_validate (p->functions[0].name, -1, NULL));
}

static void
test_fixture_heap_proto (void)
{
  g_autoptr(GBytes) bytes = load_data ("heap.pb.gz");
  g_autoptr(GBytes) golden = load_data ("heap.pb.gz.parse");
  g_autoptr(PpvProfile) p = read_ok (bytes, "heap.pb.gz");
  g_autofree char *dump = raw_dump (p);
  g_autofree char *expected = g_strndup (g_bytes_get_data (golden, NULL), g_bytes_get_size (golden));

  g_assert_cmpstr (dump, ==, expected);
  g_assert_cmpstr (p->default_sample_type, ==, "");
  g_assert_cmpint (p->time_nanos, >, 0);
}

static void
test_read_path (void)
{
  g_autofree char *path = data_path ("heap.pb.gz");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) p = ppv_profile_read_path (path, NULL, NULL, &error);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *missing = g_build_filename (dir, "no-such-file.pb.gz", NULL);

  g_assert_no_error (error);
  g_assert_cmpuint (p->n_samples, >, 0);

  g_assert_null (ppv_profile_read_path (missing, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, missing));
  g_clear_error (&error);

  g_assert_null (ppv_profile_read_path (dir, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_true (g_str_has_prefix (error->message, dir));
  g_clear_error (&error);
}

/* "-" reads standard input and is called "stdin" in messages. */
static void
test_read_stdin (void)
{
  g_autofree char *path = data_path ("heap.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) p = NULL;
  int saved = dup (0);
  int fd = open (path, O_RDONLY);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (dup2 (fd, 0), ==, 0);
  close (fd);
  p = ppv_profile_read_path ("-", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p->n_samples, >, 0);

  /* Now at end of file: an empty stdin. */
  g_assert_null (ppv_profile_read_path ("-", NULL, NULL, &error));
  g_assert_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "stdin: empty input");

  dup2 (saved, 0);
  close (saved);
}

static void
test_file_size_cap (void)
{
  g_autofree char *path = data_path ("heap.txt");
  g_autoptr(GError) error = NULL;
  PpvReadLimits limits = { .max_decompressed = 1024 };

  g_assert_null (ppv_profile_read_path (path, &limits, NULL, &error));
  g_assert_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "exceeds the 1 KiB limit"));
}

static void
test_cancelled (void)
{
  g_autoptr(GBytes) bytes = reference_packed ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_null (ppv_profile_read_bytes (bytes, "ref.pb", NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppv/reader/proto/packed", test_packed);
  g_test_add_func ("/ppv/reader/proto/hand-written", test_hand_written);
  g_test_add_func ("/ppv/reader/proto/gzip", test_gzip);
  g_test_add_func ("/ppv/reader/proto/minimal", test_minimal);
  g_test_add_func ("/ppv/reader/proto/many-ids", test_many_ids);
  g_test_add_func ("/ppv/reader/proto/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/ppv/reader/proto/fixture-heap", test_fixture_heap_proto);
  g_test_add_func ("/ppv/reader/path/file", test_read_path);
  g_test_add_func ("/ppv/reader/path/stdin", test_read_stdin);
  g_test_add_func ("/ppv/reader/path/size-cap", test_file_size_cap);
  g_test_add_func ("/ppv/reader/cancelled", test_cancelled);

  return g_test_run ();
}
