/* test-text-pages.c — Go's debug=1 text pages named from their "#" lines, and what is not a page.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pprof's own reading of these pages (addresses only) is checked against
 * pprof's parser in test-legacy-heap.c; here is the named reading.
 */
#include <string.h>

#include "reader-test-util.h"

static PpvProfile *
read_text (const char          *text,
           const PpvReadLimits *limits,
           GError             **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return read_bytes (bytes, "page.txt", limits, error);
}

/* A sample's stack, leaf first: "f;g" with a location's inlined lines as
 * "inner+outer"; an unnamed location as its address. */
static char *
stack_names (const PpvProfile *p,
             guint32           s)
{
  GString *out = g_string_new (NULL);
  const PpvSample *sample = &p->samples[s];

  for (guint32 k = 0; k < sample->n_locations; k++)
    {
      const PpvLocation *loc = &p->locations[p->stacks[sample->stack_offset + k]];

      if (k > 0)
        g_string_append_c (out, ';');
      if (loc->n_lines == 0)
        g_string_append_printf (out, "%#" G_GINT64_MODIFIER "x", loc->address);
      for (guint32 i = 0; i < loc->n_lines; i++)
        {
          const PpvLine *line = &p->lines[loc->lines_offset + i];

          g_string_append_printf (out, "%s%s:%" G_GINT64_FORMAT, i > 0 ? "+" : "",
                                  p->functions[line->function].name, line->line);
        }
    }
  return g_string_free (out, FALSE);
}

static const char *
label_str (const PpvProfile *p,
           guint32           s,
           const char       *key)
{
  for (guint32 i = 0; i < p->samples[s].n_labels; i++)
    {
      const PpvLabel *l = &p->labels[p->samples[s].labels_offset + i];

      if (strcmp (l->key, key) == 0)
        return l->str;
    }
  return NULL;
}

static void
test_goroutine_page (void)
{
  g_autoptr(GBytes) bytes = load_data ("legacy-goroutine.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) p = read_bytes (bytes, "legacy-goroutine.txt", NULL, &error);
  g_autofree char *s0 = NULL, *s1 = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (p->sample_types[0].type, ==, "goroutine");
  g_assert_cmpuint (p->n_samples, ==, 2);
  /* "010" is octal to pprof, and so here. */
  g_assert_cmpint (ppv_profile_sample_values (p, 0)[0], ==, 8);
  s0 = stack_names (p, 0);
  s1 = stack_names (p, 1);
  /* The same address twice is recursion, not inlining. */
  g_assert_cmpstr (s0, ==, "main.f:10;main.g:20;main.g:20");
  g_assert_cmpstr (s1, ==, "main.f:10;main.h:30");
  g_assert_cmpstr (p->functions[p->lines[p->locations[0].lines_offset].function].filename, ==,
                   "/x/main.go");
  /* "# labels:" lines, Go-quoted. */
  g_assert_cmpstr (label_str (p, 0, "role"), ==, "reader");
  g_assert_cmpstr (label_str (p, 0, "q"), ==, "a\"b");
  g_assert_null (label_str (p, 1, "role"));
  /* The mapping pprof reads is kept; its C++ drop_frames are not. */
  g_assert_cmpstr (p->mappings[0].filename, ==, "/usr/bin/prog");
  g_assert_cmpstr (p->drop_frames, ==, "");
}

/* Go gives each inlined call a PC of its own and prints the offset from
 * the real function's entry: same entry, different names = inlined. */
static void
test_inlined_frames (void)
{
  static const char text[] =
    "goroutine profile: total 1\n"
    "1 @ 0x1000 0x2050 0x2051 0x3000 0x4000 0x9000\n"
    "#\t0x204f\tsync.(*Mutex).Lock+0x4f\tsync/mutex.go:90\n"
    "#\t0x2050\tmain.lockWaiter+0x50\tmain.go:55\n"
    "#\t0x2fff\tmain.a+0xf\tmain.go:7\n"
    "#\t0x2fff\tmain.b+0x1f\tmain.go:8\n"
    "#\t0x3fff\tmain.main+0xff\tmain.go:9\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) p = read_text (text, NULL, &error);
  g_autofree char *stack = NULL;

  g_assert_no_error (error);
  stack = stack_names (p, 0);
  /* 0x1000 (a runtime frame Go hides) and 0x9000 (runtime.goexit) have
   * no line: dropped, as Go's proto leaves them out. */
  g_assert_cmpstr (stack, ==, "sync.(*Mutex).Lock:90+main.lockWaiter:55;main.a:7+main.b:8;main.main:9");
  g_assert_cmphex (p->locations[p->stacks[0]].address, ==, 0x2050);
}

static void
test_unnamed_middle_frame (void)
{
  static const char text[] =
    "--- mutex:\ncycles/second=1000000000\nsampling period=2\n"
    "100 3 @ 0x1000 0x2000 0x3000\n"
    "#\t0xfff\tmain.f+0x1\tm.go:1\n"
    "#\t0x1fff\n"
    "#\t0x2fff\tmain.g+0x1\tm.go:2\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) p = read_text (text, NULL, &error);
  g_autofree char *stack = NULL;

  g_assert_no_error (error);
  stack = stack_names (p, 0);
  g_assert_cmpstr (stack, ==, "main.f:1;0x1fff;main.g:2");
  /* pprof's numbers: counts and cycles times the period, cycles → ns. */
  g_assert_cmpint (ppv_profile_sample_values (p, 0)[0], ==, 6);
  g_assert_cmpint (ppv_profile_sample_values (p, 0)[1], ==, 200);
  g_assert_cmpstr (p->sample_types[1].type, ==, "delay");
}

/* Threads created without a stack: "5 @", which pprof refuses. */
static void
test_threadcreate (void)
{
  g_autoptr(GBytes) bytes = load_data ("legacy-threadcreate.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) p = read_bytes (bytes, "t.txt", NULL, &error);
  PpvReadLimits none = { .symbolize = PPV_SYMBOLIZE_NONE };
  gint64 total = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (p->sample_types[0].type, ==, "threadcreate");
  for (guint32 s = 0; s < p->n_samples; s++)
    total += ppv_profile_sample_values (p, s)[0];
  g_assert_cmpint (total, ==, 6);
  g_assert_cmpuint (p->samples[0].n_locations, ==, 0);
  g_assert_cmpuint (p->samples[1].n_locations, ==, 4);

  assert_read_fails (bytes, "t.txt", &none, PPV_PROFILE_ERROR_INVALID,
                     "t.txt: malformed threadcreate profile sample at line 2");
}

/* A page without "#" lines reads as pprof reads it. */
static void
test_no_symbols (void)
{
  static const char text[] = "goroutine profile: total 2\n2 @ 0x1000 0x2000\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) p = read_text (text, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (p->n_functions, ==, 0);
  g_assert_cmphex (p->locations[0].address, ==, 0xfff);
  g_assert_cmpstr (p->drop_frames, ==, "ProfileData::Add|ProfileData::prof_handler|"
                   "CpuProfiler::prof_handler|__pthread_sighandler|__restore");
}

/* The heap page keeps pprof's numbers (sampling scale) and gains names. */
static void
test_heap_named (void)
{
  g_autoptr(GBytes) bytes = load_data ("heap.txt");
  PpvReadLimits none = { .symbolize = PPV_SYMBOLIZE_NONE };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) named = read_bytes (bytes, "heap.txt", NULL, &error);
  g_autoptr(PpvProfile) raw = read_bytes (bytes, "heap.txt", &none, &error);
  g_autofree char *stack = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (named->n_samples, ==, raw->n_samples);
  for (guint32 s = 0; s < raw->n_samples; s++)
    for (guint i = 0; i < raw->n_sample_types; i++)
      g_assert_cmpint (ppv_profile_sample_values (named, s)[i], ==,
                       ppv_profile_sample_values (raw, s)[i]);
  stack = stack_names (named, 0);
  g_assert_true (g_str_has_prefix (stack, "main."));
  g_assert_cmpuint (named->labels[named->samples[0].labels_offset].num, ==,
                    raw->labels[raw->samples[0].labels_offset].num);
}

static void
test_truncated_page (void)
{
  static const char cut_in_frame[] =
    "goroutine profile: total 3\n3 @ 0x1000 0x2000\n#\t0xfff\tmain.f+0x1\tm.go:1\n#\t0x1f";
  static const char cut_in_sample[] =
    "goroutine profile: total 4\n3 @ 0x1000 0x2000\n#\t0xfff\tmain.f+0x1\tm.go:1\n\n1 @ 0x";
  PpvReadLimits none = { .symbolize = PPV_SYMBOLIZE_NONE };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) p = read_text (cut_in_frame, NULL, &error);
  g_autoptr(PpvProfile) cut = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (cut_in_sample, strlen (cut_in_sample));
  g_autofree char *stack = NULL;

  /* A "#" line cut short names nothing; what came before stays named. */
  g_assert_no_error (error);
  stack = stack_names (p, 0);
  g_assert_cmpstr (stack, ==, "main.f:1");

  /* A sample line cut short: what is complete is read, and the profile
   * says what was left out; pprof's reading refuses the page. */
  cut = read_text (cut_in_sample, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cut->n_samples, ==, 1);
  g_assert_cmpuint (cut->n_comments, ==, 1);
  g_assert_true (strstr (cut->comments[0], "cut short") != NULL);
  assert_read_fails (bytes, "page.txt", &none, PPV_PROFILE_ERROR_INVALID,
                     "page.txt: malformed goroutine profile sample at line 5");
}

static void
test_html_page (void)
{
  static const char html[] =
    "<html><head><title>/debug/pprof/</title></head><body>\n"
    "goroutine profile: total 1\n1 @ 0x1\n</body></html>\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (html, strlen (html));

  assert_read_fails (bytes, "page.txt", NULL, PPV_PROFILE_ERROR_UNRECOGNIZED,
                     "not a profile: the data is an HTML page");
}

/* Names and numbers a page should never have. */
static void
test_hostile_lines (void)
{
  g_autoptr(GString) text = g_string_new ("goroutine profile: total 1\n1 @ 0x1000 0x2000 0x3000 0x4000\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) p = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *stack = NULL;

  g_string_append (text, "#\t0xfff\t+0x5\tm.go:x\n");                      /* no name before +0x */
  g_string_append (text, "#\t0x1fff\tbad\xff\xfename+0xffffffff\t:\n");  /* invalid UTF-8, offset past address */
  g_string_append (text, "#\t0x1ffffffffffffffff\tmain.big+0x1\tm.go:1\n"); /* address out of range */
  g_string_append (text, "#\t0x3fff\tmain.last\tm.go:99999999999999999999\n");
  g_string_append (text, "# labels: {\"unterminated\n");
  p = read_text (text->str, NULL, &error);
  g_assert_no_error (error);
  stack = stack_names (p, 0);
  g_assert_cmpstr (stack, ==, "+0x5:0;bad\xef\xbf\xbd\xef\xbf\xbdname:0;0x2fff;main.last:0");
  g_assert_null (label_str (p, 0, "unterminated"));

  /* A line past Go's 64 KiB token limit stops pprof's reading, and ours. */
  g_string_truncate (text, 0);
  g_string_append (text, "goroutine profile: total 1\n1 @ 0x1000\n#\t0xfff\t");
  for (guint i = 0; i < 70000; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "+0x1\tm.go:1\n");
  bytes = g_bytes_new (text->str, text->len);
  assert_read_fails (bytes, "long.txt", NULL, PPV_PROFILE_ERROR_INVALID, "line 3 is too long");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppv/reader/text/goroutine", test_goroutine_page);
  g_test_add_func ("/ppv/reader/text/inlined", test_inlined_frames);
  g_test_add_func ("/ppv/reader/text/unnamed-middle", test_unnamed_middle_frame);
  g_test_add_func ("/ppv/reader/text/threadcreate", test_threadcreate);
  g_test_add_func ("/ppv/reader/text/no-symbols", test_no_symbols);
  g_test_add_func ("/ppv/reader/text/heap", test_heap_named);
  g_test_add_func ("/ppv/reader/text/truncated", test_truncated_page);
  g_test_add_func ("/ppv/reader/text/html", test_html_page);
  g_test_add_func ("/ppv/reader/text/hostile", test_hostile_lines);

  return g_test_run ();
}
