/* test-label-filters.c — label filters picked in the window and the
 * tagfocus/tagignore/tagroot options they become, checked by what the
 * core then keeps (no display needed).
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-label-filters.h"
#include "ppv-label-summary.h"
#include "ppv-test-profile.h"

/* Three requests: handler and tenant labels, a numeric size. */
static const char *folded =
  "main;serve 10 handler=/api tenant=a size=100\n"
  "main;serve 20 handler=/api tenant=b size=2048\n"
  "main;serve 40 handler=/web,x tenant=a size=4096\n";

/* Σ of the samples the filters keep. */
static gint64
kept_total (PpvProfile *p,
            GPtrArray  *filters)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvLabelSummary) s = NULL;
  PpvReportOptions o;
  gint64 total = 0;

  ppv_report_options_init (&o);
  ppv_label_filters_apply (filters, &o);
  s = ppv_label_summary_new (p, &o, NULL, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < ppv_label_summary_get_n_keys (s); k++)
    if (g_str_equal (ppv_label_summary_get_key (s, k)->key, "handler"))
      total = ppv_label_summary_get_key (s, k)->total;
  ppv_report_options_clear (&o);
  return total;
}

static GPtrArray *
new_filters (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) ppv_label_filter_free);
}

static void
test_focus (void)
{
  g_autoptr(PpvProfile) p = ppv_test_profile_from_folded ("samples/count", folded);
  g_autoptr(GPtrArray) f = new_filters ();
  PpvReportOptions o;

  /* Values of one key: any of them, pprof's "key=re1,re2". */
  g_assert_true (ppv_label_filters_add (f, PPV_LABEL_FOCUS, "handler", "/api", NULL, NULL));
  g_assert_false (ppv_label_filters_add (f, PPV_LABEL_FOCUS, "handler", "/api", NULL, NULL));
  g_assert_cmpint (kept_total (p, f), ==, 30);
  /* A comma in a value is not a separator. */
  g_assert_true (ppv_label_filters_add (f, PPV_LABEL_FOCUS, "handler", "/web,x", NULL, NULL));
  g_assert_cmpint (kept_total (p, f), ==, 70);
  ppv_report_options_init (&o);
  ppv_label_filters_apply (f, &o);
  g_assert_cmpstr (o.tagfocus, ==, "handler=^/api$,^/web\\x2cx$");
  ppv_report_options_clear (&o);

  /* Values of two keys: both. */
  g_assert_true (ppv_label_filters_add (f, PPV_LABEL_FOCUS, "tenant", "a", NULL, NULL));
  g_assert_cmpint (kept_total (p, f), ==, 50);
}

static void
test_ignore (void)
{
  g_autoptr(PpvProfile) p = ppv_test_profile_from_folded ("samples/count", folded);
  g_autoptr(GPtrArray) f = new_filters ();

  g_assert_true (ppv_label_filters_add (f, PPV_LABEL_IGNORE, "tenant", "b", NULL, NULL));
  g_assert_cmpint (kept_total (p, f), ==, 50);
  /* Values of two keys: either drops a sample. */
  g_assert_true (ppv_label_filters_add (f, PPV_LABEL_IGNORE, "handler", "/web,x", NULL, NULL));
  g_assert_cmpint (kept_total (p, f), ==, 10);
}

static void
test_range (void)
{
  g_autoptr(PpvProfile) p = ppv_test_profile_from_folded ("samples/count", folded);
  g_autoptr(GPtrArray) f = new_filters ();
  g_autofree char *range = ppv_label_range_new (2048, 4096, "size");
  g_autofree char *bare = ppv_label_range_new (1, 2, "request_bytes");
  PpvLabelFilter *only;

  g_assert_cmpstr (range, ==, "2048size:4096size");
  g_assert_cmpstr (bare, ==, "1:2");

  /* A range and values cannot share pprof's one tagfocus: the newer wins. */
  g_assert_true (ppv_label_filters_add (f, PPV_LABEL_FOCUS, "tenant", "a", NULL, NULL));
  g_assert_true (ppv_label_filters_add (f, PPV_LABEL_FOCUS, "size", NULL, range, "2kB – 4kB"));
  g_assert_cmpuint (f->len, ==, 1);
  g_assert_cmpint (kept_total (p, f), ==, 60);
  only = g_ptr_array_index (f, 0);
  g_assert_cmpstr (only->shown, ==, "2kB – 4kB");
  g_assert_true (ppv_label_filters_add (f, PPV_LABEL_FOCUS, "tenant", "b", NULL, NULL));
  g_assert_cmpuint (f->len, ==, 1);
  g_assert_cmpint (kept_total (p, f), ==, 20);
}

static void
test_groups (void)
{
  g_autoptr(GPtrArray) f = new_filters ();
  g_autofree char *root = NULL;
  g_autofree char *leaf = NULL;
  g_autofree char *moved = NULL;

  g_assert_true (ppv_label_filters_add (f, PPV_LABEL_GROUP_ROOT, "handler", NULL, NULL, NULL));
  g_assert_true (ppv_label_filters_add (f, PPV_LABEL_GROUP_ROOT, "tenant", NULL, NULL, NULL));
  g_assert_false (ppv_label_filters_add (f, PPV_LABEL_GROUP_ROOT, "tenant", NULL, NULL, NULL));
  root = ppv_label_filters_dup_group (f, PPV_LABEL_GROUP_ROOT);
  g_assert_cmpstr (root, ==, "handler,tenant");
  g_assert_null (ppv_label_filters_dup_group (f, PPV_LABEL_GROUP_LEAF));

  /* A key grouped at the leaves leaves the root. */
  g_assert_true (ppv_label_filters_add (f, PPV_LABEL_GROUP_LEAF, "tenant", NULL, NULL, NULL));
  leaf = ppv_label_filters_dup_group (f, PPV_LABEL_GROUP_LEAF);
  moved = ppv_label_filters_dup_group (f, PPV_LABEL_GROUP_ROOT);
  g_assert_cmpstr (leaf, ==, "tenant");
  g_assert_cmpstr (moved, ==, "handler");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ppv/views/label-filters/focus", test_focus);
  g_test_add_func ("/ppv/views/label-filters/ignore", test_ignore);
  g_test_add_func ("/ppv/views/label-filters/range", test_range);
  g_test_add_func ("/ppv/views/label-filters/groups", test_groups);
  return g_test_run ();
}
