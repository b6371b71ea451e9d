/* test-label-summary.c — label keys, values and totals (pprof's -tags) and
 * the tabwriter laying them out.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ppv-error.h"
#include "ppv-label-summary.h"
#include "ppv-tabwriter.h"
#include "ppv-test-profile.h"

static const char *folded =
  "main;serve;parse 30 handler=/api tenant=a\n"
  "main;serve;parse 20 handler=/api tenant=b size=2048\n"
  "main;serve;encode 40 handler=/web size=4096\n"
  "main;idle 10\n"
  "main;serve;zero 0 handler=/zero size=3000\n";

static PpvLabelSummary *
summarise (PpvProfile *p,
           const char *tagfocus,
           const char *tagshow)
{
  PpvReportOptions o;
  g_autoptr(GError) error = NULL;
  PpvLabelSummary *s;

  ppv_report_options_init (&o);
  o.tagfocus = g_strdup (tagfocus);
  o.tagshow = g_strdup (tagshow);
  s = ppv_label_summary_new (p, &o, NULL, &error);
  g_assert_no_error (error);
  ppv_report_options_clear (&o);
  return s;
}

static const PpvLabelKey *
find_key (PpvLabelSummary *s,
          const char      *name)
{
  for (guint i = 0; i < ppv_label_summary_get_n_keys (s); i++)
    if (strcmp (ppv_label_summary_get_key (s, i)->key, name) == 0)
      return ppv_label_summary_get_key (s, i);
  return NULL;
}

static void
test_sums (void)
{
  g_autoptr(PpvProfile) p = ppv_test_profile_from_folded ("samples/count", folded);
  g_autoptr(PpvLabelSummary) s = summarise (p, NULL, NULL);
  const PpvLabelKey *handler, *size;

  /* Keys come by name. */
  g_assert_cmpuint (ppv_label_summary_get_n_keys (s), ==, 3);
  g_assert_cmpstr (ppv_label_summary_get_key (s, 0)->key, ==, "handler");
  g_assert_cmpstr (ppv_label_summary_get_key (s, 2)->key, ==, "tenant");
  g_assert_cmpint (ppv_label_summary_get_total (s), ==, 100);
  g_assert_cmpuint (ppv_label_summary_get_n_samples (s), ==, 5);

  handler = find_key (s, "handler");
  g_assert_cmpint (handler->total, ==, 90);
  g_assert_cmpuint (handler->n_samples, ==, 4);
  g_assert_false (handler->numeric);
  /* By weight; a zero-valued sample still names its value. */
  g_assert_cmpuint (handler->n_values, ==, 3);
  g_assert_cmpstr (handler->values[0].name, ==, "/api");
  g_assert_cmpint (handler->values[0].weight, ==, 50);
  g_assert_cmpuint (handler->values[0].n_samples, ==, 2);
  g_assert_cmpstr (handler->values[2].name, ==, "/zero");
  g_assert_cmpint (handler->values[2].weight, ==, 0);

  /* Numeric values are named as pprof scales them; the key's unit is the
   * key itself when the profile gives none, and an unknown unit is not
   * printed. */
  size = find_key (s, "size");
  g_assert_true (size->numeric);
  g_assert_cmpstr (size->unit, ==, "size");
  g_assert_cmpstr (size->values[0].name, ==, "4096");
  g_assert_cmpint (size->values[0].num_min, ==, 4096);
  g_assert_cmpint (size->values[0].num_max, ==, 4096);
}

static void
test_filters (void)
{
  g_autoptr(PpvProfile) p = ppv_test_profile_from_folded ("samples/count", folded);
  g_autoptr(PpvLabelSummary) focused = summarise (p, "handler=/api", NULL);
  g_autoptr(PpvLabelSummary) shown = summarise (p, NULL, "^ten");
  g_autoptr(PpvLabelSummary) none = summarise (p, NULL, "nothing");
  g_autofree char *text = NULL;

  g_assert_cmpint (find_key (focused, "handler")->total, ==, 50);
  g_assert_cmpuint (find_key (focused, "handler")->n_values, ==, 1);
  g_assert_cmpint (find_key (focused, "size")->total, ==, 20);
  g_assert_cmpuint (ppv_label_summary_get_n_samples (focused), ==, 2);

  g_assert_cmpuint (ppv_label_summary_get_n_keys (shown), ==, 1);
  g_assert_cmpstr (ppv_label_summary_get_key (shown, 0)->key, ==, "tenant");

  g_assert_cmpuint (ppv_label_summary_get_n_keys (none), ==, 0);
  g_assert_cmpstr (ppv_label_summary_get_warnings (none)[0], ==, "TagShow expression matched no samples");
  text = ppv_label_summary_format_tags (none);
  g_assert_cmpstr (text, ==, "");
}

static void
test_format (void)
{
  g_autoptr(PpvProfile) p = ppv_test_profile_from_folded ("samples/count", folded);
  g_autoptr(PpvLabelSummary) s = summarise (p, NULL, "handler");
  g_autofree char *text = ppv_label_summary_format_tags (s);

  g_assert_cmpstr (text, ==,
                   " handler: Total 90.0\n"
                   "          50.0 (55.56%): /api\n"
                   "          40.0 (44.44%): /web\n"
                   "           0.0 (    0%): /zero\n"
                   "\n");
}

static void
test_bad_regexp (void)
{
  g_autoptr(PpvProfile) p = ppv_test_profile_from_folded ("samples/count", folded);
  g_autoptr(GError) error = NULL;
  PpvReportOptions o;
  PpvLabelSummary *s;

  ppv_report_options_init (&o);
  o.taghide = g_strdup ("(");
  s = ppv_label_summary_new (p, &o, NULL, &error);
  g_assert_null (s);
  g_assert_error (error, PPV_REPORT_ERROR, PPV_REPORT_ERROR_REGEX);
  g_assert_true (g_str_has_prefix (error->message, "parsing taghide regexp: "));
  ppv_report_options_clear (&o);
}

static void
check_tabwriter (const char *in,
                 const char *want)
{
  g_autofree char *out = _ppv_tabwriter_format (in, strlen (in), 1, TRUE);
  g_assert_cmpstr (out, ==, want);
}

static void
test_tabwriter (void)
{
  /* Columns as wide as their widest cell plus one, aligned right (the
   * expectations are what Go 1.19's text/tabwriter prints). */
  check_tabwriter ("a:\t x\n \t1 (2):\t y\n \t10 (3):\t z\n\n",
                   " a: x\n     1 (2): y\n    10 (3): z\n\n");
  /* A one-cell line ends the block: what follows is laid out anew. */
  check_tabwriter ("k:\t T\n \t1:\t a\nb\n \t100:\t c\n",
                   " k: T\n    1: a\nb\n   100: c\n");
  /* Runes, not bytes, measure a cell. */
  check_tabwriter ("\xc3\xa9\t x\nab\t y\n", "  \xc3\xa9 x\n ab y\n");
  /* 0xff escapes: tabs and newlines inside are text, the bytes no width. */
  check_tabwriter ("a\xff\t\xff\t x\nbb\t y\n", " a\xff\t\xff x\n bb y\n");
  /* An escape left open runs to the end. */
  check_tabwriter ("x\t\xffy\nz\t\n", " x\xffy\nz\t\n");
  g_assert_cmpuint (_ppv_go_rune_count ("a\xff\xc3\xa9\xe0\x80", 6), ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ppv/core/labels/sums", test_sums);
  g_test_add_func ("/ppv/core/labels/filters", test_filters);
  g_test_add_func ("/ppv/core/labels/format", test_format);
  g_test_add_func ("/ppv/core/labels/bad-regexp", test_bad_regexp);
  g_test_add_func ("/ppv/core/labels/tabwriter", test_tabwriter);
  return g_test_run ();
}
