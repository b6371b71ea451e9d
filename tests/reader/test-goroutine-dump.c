/* test-goroutine-dump.c — Go's full goroutine dump read as a profile:
 * text around it, creators, waits, elided frames, locked threads, a dump
 * cut short.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ppv-error.h"
#include "ppv-reader.h"

/* A panic's output in a pod's log: a message before the dump, log lines
 * after it, Go 1.21's "in goroutine N", a wait, elided frames. */
static const char panic_log[] =
  "2026/12/06 10:00:01 serving on :8080\n"
  "panic: runtime error: index out of range [3] with length 3\n"
  "\n"
  "goroutine 1 [running]:\n"
  "main.(*Server).handle(0xc000010000, {0x5060e8, 0xc00008c210})\n"
  "\t/src/app/server.go:42 +0x1d\n"
  "main.main()\n"
  "\t/src/app/main.go:10 +0x25\n"
  "\n"
  "goroutine 7 [chan receive, 12 minutes]:\n"
  "main.worker(...)\n"
  "\t/src/app/worker.go:20\n"
  "main.startWorkers.func1()\n"
  "\t/src/app/worker.go:31 +0x45\n"
  "created by main.startWorkers in goroutine 1\n"
  "\t/src/app/worker.go:29 +0x3e\n"
  "\n"
  "goroutine 8 [chan receive, 12 minutes]:\n"
  "main.worker(...)\n"
  "\t/src/app/worker.go:20\n"
  "main.startWorkers.func1()\n"
  "\t/src/app/worker.go:31 +0x45\n"
  "created by main.startWorkers in goroutine 1\n"
  "\t/src/app/worker.go:29 +0x3e\n"
  "\n"
  "goroutine 9 [select, locked to thread]:\n"
  "main.deep(0x3)\n"
  "\t/src/app/deep.go:5 +0x10\n"
  "...additional frames elided...\n"
  "created by main.main\n"
  "\t/src/app/main.go:12 +0x50\n"
  "exit status 2\n"
  "2026/12/06 10:00:02 restarting\n";

static PpvProfile *
read_text (const char  *text,
           gsize        len,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len);

  return ppv_profile_read_bytes (bytes, "dump.txt", NULL, NULL, error);
}

static const char *
label (PpvProfile *p,
       guint32     sample,
       const char *key,
       gint64     *num)
{
  const PpvSample *s = &p->samples[sample];

  for (guint32 i = 0; i < s->n_labels; i++)
    {
      const PpvLabel *l = &p->labels[s->labels_offset + i];
      if (strcmp (l->key, key) == 0)
        {
          if (num != NULL)
            *num = l->num;
          return l->str != NULL ? l->str : "";
        }
    }
  return NULL;
}

static const char *
frame_name (PpvProfile *p,
            guint32     sample,
            guint32     index)
{
  const PpvSample *s = &p->samples[sample];
  const PpvLocation *loc = &p->locations[p->stacks[s->stack_offset + index]];

  return p->functions[p->lines[loc->lines_offset].function].name;
}

static void
test_panic_log (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) p = read_text (panic_log, strlen (panic_log), &error);
  gint64 wait = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (p->n_samples, ==, 4);
  g_assert_cmpuint (p->n_sample_types, ==, 1);
  g_assert_cmpstr (p->sample_types[0].type, ==, "goroutine");
  g_assert_cmpstr (p->sample_types[0].unit, ==, "count");
  g_assert_cmpint (ppv_profile_sample_values (p, 0)[0], ==, 1);

  /* Frames leaf first, argument lists dropped, receivers kept. */
  g_assert_cmpuint (p->samples[0].n_locations, ==, 2);
  g_assert_cmpstr (frame_name (p, 0, 0), ==, "main.(*Server).handle");
  g_assert_cmpstr (frame_name (p, 0, 1), ==, "main.main");
  g_assert_cmpstr (label (p, 0, "state", NULL), ==, "running");
  g_assert_null (label (p, 0, "created_by", NULL));

  /* The creator is a label, not a frame; "in goroutine N" is not part of it. */
  g_assert_cmpuint (p->samples[1].n_locations, ==, 2);
  g_assert_cmpstr (frame_name (p, 1, 0), ==, "main.worker");
  g_assert_cmpstr (label (p, 1, "created_by", NULL), ==, "main.startWorkers");
  g_assert_cmpstr (label (p, 1, "state", NULL), ==, "chan receive");
  g_assert_nonnull (label (p, 1, "wait", &wait));
  g_assert_cmpint (wait, ==, 12 * 60);
  /* The same frames are the same locations. */
  g_assert_cmpmem (p->stacks + p->samples[1].stack_offset, 2 * sizeof (guint32),
                   p->stacks + p->samples[2].stack_offset, 2 * sizeof (guint32));

  /* Elided frames and a locked thread read; the log after is not a frame. */
  g_assert_cmpuint (p->samples[3].n_locations, ==, 1);
  g_assert_cmpstr (frame_name (p, 3, 0), ==, "main.deep");
  g_assert_cmpstr (label (p, 3, "state", NULL), ==, "select");
  g_assert_null (label (p, 3, "wait", NULL));
  g_assert_cmpstr (label (p, 3, "created_by", NULL), ==, "main.main");
  g_assert_cmpuint (p->n_comments, ==, 0);

  /* Lines keep their numbers for --lines. */
  g_assert_cmpint (p->lines[p->locations[p->stacks[p->samples[0].stack_offset]].lines_offset].line, ==, 42);
}

static void
test_cut_short (void)
{
  /* Cut inside goroutine 8's frames: the three complete ones are read and
   * the profile says what was left out. */
  const char *cut = strstr (panic_log, "goroutine 8 [");
  gsize len = (cut - panic_log) + strlen ("goroutine 8 [chan receive, 12 minutes]:\nmain.worker(...)\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) p = read_text (panic_log, len, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (p->n_samples, ==, 2);
  g_assert_cmpuint (p->n_comments, ==, 1);
  g_assert_nonnull (strstr (p->comments[0], "cut short"));
}

static void
test_nothing_complete (void)
{
  static const char text[] = "goroutine 1 [running]:\nmain.main()\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) p = read_text (text, strlen (text), &error);

  g_assert_null (p);
  g_assert_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_TRUNCATED);
  g_assert_nonnull (strstr (error->message, "dump.txt: "));
}

/* Found by fuzzing: an empty bracket, a hostile wait, a line number past
 * the end of the data (no final newline). */
static void
test_odd_headers (void)
{
  static const char text[] =
    "goroutine 1 []:\nmain.main()\n\t/x.go:1 +0x1\n\n"
    "goroutine 2 [sleep, 99999999999999999999 minutes]:\nmain.f()\n\t/x.go:12";
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) p = read_text (text, strlen (text), &error);
  gint64 wait = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (p->n_samples, ==, 2);
  g_assert_null (label (p, 0, "state", NULL));
  g_assert_nonnull (label (p, 1, "wait", &wait));
  g_assert_cmpint (wait, >, 0);
  g_assert_cmpint (p->lines[p->locations[p->stacks[p->samples[1].stack_offset]].lines_offset].line, ==, 12);
}

static void
test_not_a_dump (void)
{
  static const char text[] = "goroutines are great\nnothing [here]:\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) p = read_text (text, strlen (text), &error);

  g_assert_null (p);
  g_assert_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_UNRECOGNIZED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ppv/reader/goroutine-dump/panic-log", test_panic_log);
  g_test_add_func ("/ppv/reader/goroutine-dump/cut-short", test_cut_short);
  g_test_add_func ("/ppv/reader/goroutine-dump/nothing-complete", test_nothing_complete);
  g_test_add_func ("/ppv/reader/goroutine-dump/odd-headers", test_odd_headers);
  g_test_add_func ("/ppv/reader/goroutine-dump/not-a-dump", test_not_a_dump);
  return g_test_run ();
}
