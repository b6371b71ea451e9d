/* test-goroutine-groups.c — goroutines grouped by stack, creator and state:
 * counts, waits, filters, a proto goroutine profile without labels.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ppv-goroutine-groups.h"
#include "ppv-reader.h"

/* Appends one goroutine block to @dump. */
static void
add_goroutine (GString    *dump,
               guint      *id,
               const char *bracket,
               const char *frames,   /* "fn:line;fn:line", leaf first */
               const char *creator)
{
  g_auto(GStrv) parts = g_strsplit (frames, ";", -1);

  g_string_append_printf (dump, "goroutine %u [%s]:\n", (*id)++, bracket);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) fl = g_strsplit (parts[i], ":", 2);

      g_string_append_printf (dump, "%s(0x0?)\n\t/src/app/main.go:%s +0x35\n", fl[0], fl[1]);
    }
  if (creator != NULL)
    g_string_append_printf (dump, "created by %s\n\t/src/app/main.go:99 +0x57\n", creator);
  g_string_append_c (dump, '\n');
}

/* Six goroutines on one stack in chan receive (five created by
 * startWorker, waits 0, 0, 5, 61 and 90 minutes; one by main.other, 30
 * minutes), two in select (one parked in runtime frames first), a stack
 * alike but for a line, and the running main. */
static PpvProfile *
leak_profile (void)
{
  g_autoptr(GString) dump = g_string_new ("panic: something\n\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  PpvProfile *profile;
  guint id = 1;

  add_goroutine (dump, &id, "running", "main.main:10", NULL);
  add_goroutine (dump, &id, "chan receive", "main.recv:33;main.worker:40", "main.startWorker");
  add_goroutine (dump, &id, "chan receive", "main.recv:33;main.worker:40", "main.startWorker");
  add_goroutine (dump, &id, "chan receive, 5 minutes", "main.recv:33;main.worker:40", "main.startWorker");
  add_goroutine (dump, &id, "chan receive, 61 minutes", "main.recv:33;main.worker:40", "main.startWorker");
  add_goroutine (dump, &id, "chan receive, 90 minutes", "main.recv:33;main.worker:40", "main.startWorker");
  add_goroutine (dump, &id, "chan receive, 30 minutes", "main.recv:33;main.worker:40", "main.other");
  add_goroutine (dump, &id, "select", "runtime.gopark:1;runtime.selectgo:2;main.poll:50", "main.startPoller");
  add_goroutine (dump, &id, "select, 2 minutes", "runtime.gopark:1;runtime.selectgo:2;main.poll:50", "main.startPoller");
  add_goroutine (dump, &id, "chan receive", "main.recv:34;main.worker:40", "main.startWorker");
  g_string_append (dump, "exit status 2\n");

  bytes = g_string_free_to_bytes (g_steal_pointer (&dump));
  profile = ppv_profile_read_bytes (bytes, "leak.txt", NULL, NULL, &error);
  g_assert_no_error (error);
  return profile;
}

static PpvGoroutineGroups *
group (PpvProfile           *profile,
       PpvGoroutineGrouping  grouping,
       const char           *ignore,
       const char           *hide)
{
  g_autoptr(GError) error = NULL;
  PpvReportOptions options;
  PpvGoroutineGroups *groups;

  ppv_report_options_init (&options);
  options.ignore = g_strdup (ignore);
  options.hide = g_strdup (hide);
  groups = ppv_goroutine_groups_new (profile, &options, grouping, NULL, &error);
  ppv_report_options_clear (&options);
  g_assert_no_error (error);
  g_assert_nonnull (groups);
  return groups;
}

static void
test_by_stack (void)
{
  g_autoptr(PpvProfile) profile = leak_profile ();
  g_autoptr(PpvGoroutineGroups) groups = group (profile, PPV_GOROUTINE_BY_STACK, NULL, NULL);
  const PpvGoroutineGroup *g;
  const PpvGoroutineFrame *f;
  gint64 sum = 0;

  g_assert_true (ppv_profile_is_goroutine (profile));
  g_assert_true (ppv_goroutine_groups_has_states (groups));
  g_assert_cmpint (ppv_goroutine_groups_get_total (groups), ==, 10);
  /* recv:33, poll, recv:34 and main are four stacks. */
  g_assert_cmpuint (ppv_goroutine_groups_get_n_groups (groups), ==, 4);
  g_assert_cmpuint (ppv_goroutine_groups_get_n_stacks (groups), ==, 4);

  g = ppv_goroutine_groups_get_group (groups, 0);
  g_assert_cmpstr (g->title, ==, "main.recv");
  g_assert_cmpint (g->count, ==, 6);
  g_assert_cmpstr (g->states, ==, "chan receive");
  g_assert_cmpstr (g->creators, ==, "main.startWorker 5, main.other 1");
  /* Waits 0, 0, 5, 30, 61, 90 minutes: the median is the third. */
  g_assert_cmpint (g->longest_wait, ==, 90 * 60);
  g_assert_cmpint (g->typical_wait, ==, 5 * 60);
  g_assert_cmpuint (g->n_frames, ==, 2);
  f = ppv_goroutine_groups_get_frame (groups, g, 0);
  g_assert_cmpstr (f->function, ==, "main.recv");
  g_assert_cmpstr (f->file, ==, "/src/app/main.go");
  g_assert_cmpint (f->line, ==, 33);
  f = ppv_goroutine_groups_get_frame (groups, g, 1);
  g_assert_cmpstr (f->function, ==, "main.worker");
  g_assert_cmpint (f->line, ==, 40);

  /* Parked in runtime frames: named by the first frame outside them. */
  g = ppv_goroutine_groups_get_group (groups, 1);
  g_assert_cmpstr (g->title, ==, "main.poll");
  g_assert_cmpint (g->count, ==, 2);
  g_assert_cmpuint (g->n_frames, ==, 3);
  g_assert_cmpint (g->longest_wait, ==, 120);
  g_assert_cmpint (g->typical_wait, ==, 0);

  /* Ties by title: main.main before main.recv (line 34). */
  g = ppv_goroutine_groups_get_group (groups, 2);
  g_assert_cmpstr (g->title, ==, "main.main");
  g_assert_cmpstr (g->creators, ==, "");
  g = ppv_goroutine_groups_get_group (groups, 3);
  g_assert_cmpstr (g->title, ==, "main.recv");
  g_assert_cmpint (ppv_goroutine_groups_get_frame (groups, g, 0)->line, ==, 34);

  for (guint i = 0; i < ppv_goroutine_groups_get_n_groups (groups); i++)
    sum += ppv_goroutine_groups_get_group (groups, i)->count;
  g_assert_cmpint (sum, ==, ppv_goroutine_groups_get_total (groups));
}

static void
test_by_creator_and_state (void)
{
  g_autoptr(PpvProfile) profile = leak_profile ();
  g_autoptr(PpvGoroutineGroups) by_creator = group (profile, PPV_GOROUTINE_BY_CREATOR, NULL, NULL);
  g_autoptr(PpvGoroutineGroups) by_state = group (profile, PPV_GOROUTINE_BY_STATE, NULL, NULL);
  const PpvGoroutineGroup *g, *child;

  /* startWorker 6 (two stacks), startPoller 2, other 1, none (main) 1. */
  g_assert_cmpuint (ppv_goroutine_groups_get_n_groups (by_creator), ==, 4);
  g = ppv_goroutine_groups_get_group (by_creator, 0);
  g_assert_cmpstr (g->title, ==, "main.startWorker");
  g_assert_cmpint (g->count, ==, 6);
  g_assert_cmpuint (g->n_children, ==, 2);
  g_assert_cmpint (g->longest_wait, ==, 90 * 60);
  child = ppv_goroutine_groups_get_child (by_creator, g, 0);
  g_assert_cmpint (child->count, ==, 5);
  g_assert_cmpint (ppv_goroutine_groups_get_frame (by_creator, child, 0)->line, ==, 33);
  g_assert_cmpstr (child->creators, ==, "main.startWorker");
  child = ppv_goroutine_groups_get_child (by_creator, g, 1);
  g_assert_cmpint (child->count, ==, 1);
  g_assert_cmpint (ppv_goroutine_groups_get_frame (by_creator, child, 0)->line, ==, 34);

  /* chan receive 7, select 2, running 1. */
  g_assert_cmpuint (ppv_goroutine_groups_get_n_groups (by_state), ==, 3);
  g = ppv_goroutine_groups_get_group (by_state, 0);
  g_assert_cmpstr (g->title, ==, "chan receive");
  g_assert_cmpint (g->count, ==, 7);
  g_assert_cmpuint (g->n_children, ==, 2);
  g_assert_cmpstr (g->creators, ==, "main.startWorker 6, main.other 1");
  g = ppv_goroutine_groups_get_group (by_state, 1);
  g_assert_cmpstr (g->title, ==, "select");
  g_assert_cmpint (g->count, ==, 2);
}

static void
test_filters (void)
{
  g_autoptr(PpvProfile) profile = leak_profile ();
  g_autoptr(PpvGoroutineGroups) ignored = group (profile, PPV_GOROUTINE_BY_STACK, "main\\.worker", NULL);
  g_autoptr(PpvGoroutineGroups) hidden = group (profile, PPV_GOROUTINE_BY_STACK, NULL, "main\\.recv");
  const PpvGoroutineGroup *g;

  /* Ignoring worker drops the seven goroutines under it. */
  g_assert_cmpint (ppv_goroutine_groups_get_total (ignored), ==, 3);
  g_assert_cmpstr (ppv_goroutine_groups_get_group (ignored, 0)->title, ==, "main.poll");

  /* Hiding recv keeps its goroutines; both recv lines become one stack. */
  g_assert_cmpint (ppv_goroutine_groups_get_total (hidden), ==, 10);
  g = ppv_goroutine_groups_get_group (hidden, 0);
  g_assert_cmpstr (g->title, ==, "main.worker");
  g_assert_cmpint (g->count, ==, 7);
  g_assert_cmpuint (g->n_frames, ==, 1);
}

/* A proto goroutine profile: one sample per stack with a count, no labels. */
static void
test_proto (void)
{
  g_autofree char *path = g_build_filename (PPV_FIXTURES_DIR, "profiles", "goroutine.pb.gz", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) profile = ppv_profile_read_path (path, NULL, NULL, &error);
  g_autoptr(PpvGoroutineGroups) groups = NULL;
  gint64 total = 0, sum = 0, previous = G_MAXINT64;

  g_assert_no_error (error);
  g_assert_true (ppv_profile_is_goroutine (profile));
  for (guint32 s = 0; s < profile->n_samples; s++)
    total += ppv_profile_sample_values (profile, s)[0];

  groups = group (profile, PPV_GOROUTINE_BY_STACK, NULL, NULL);
  g_assert_false (ppv_goroutine_groups_has_states (groups));
  g_assert_cmpint (ppv_goroutine_groups_get_total (groups), ==, total);
  g_assert_cmpuint (ppv_goroutine_groups_get_n_groups (groups), >, 0);
  for (guint i = 0; i < ppv_goroutine_groups_get_n_groups (groups); i++)
    {
      const PpvGoroutineGroup *g = ppv_goroutine_groups_get_group (groups, i);

      g_assert_cmpint (g->count, <=, previous);
      previous = g->count;
      sum += g->count;
      g_assert_cmpint (g->longest_wait, ==, PPV_GOROUTINE_WAIT_UNKNOWN);
      g_assert_cmpstr (g->states, ==, "");
      g_assert_cmpuint (g->n_frames, >, 0);
    }
  g_assert_cmpint (sum, ==, total);
}

static void
test_cancelled (void)
{
  g_autoptr(PpvProfile) profile = leak_profile ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  PpvReportOptions options;

  ppv_report_options_init (&options);
  g_cancellable_cancel (cancellable);
  g_assert_null (ppv_goroutine_groups_new (profile, &options, PPV_GOROUTINE_BY_STACK, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  ppv_report_options_clear (&options);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppv/core/goroutine-groups/by-stack", test_by_stack);
  g_test_add_func ("/ppv/core/goroutine-groups/by-creator-and-state", test_by_creator_and_state);
  g_test_add_func ("/ppv/core/goroutine-groups/filters", test_filters);
  g_test_add_func ("/ppv/core/goroutine-groups/proto", test_proto);
  g_test_add_func ("/ppv/core/goroutine-groups/cancelled", test_cancelled);

  return g_test_run ();
}
