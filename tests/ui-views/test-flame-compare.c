/* test-flame-compare.c — in-process tests of the flame graph of a
 * comparison: -diff_base and -base drawn as pprof draws a diff, box
 * widths and texts against sums of the profiles' samples; screenshots.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "flame-test-fixture.h"
#include "ppv-flame-svg.h"
#include "ppv-merge.h"
#include "views-test-util.h"

/* The widths of the root's children in a comparison: increases plus
 * decreases over the root's, as pprof draws a diff. */
static void
check_diff_widths (Fixture      *fixture,
                   PpvStackTree *tree)
{
  graphene_rect_t root_area;
  gint64 root_weight = ppv_stack_tree_get_increase (tree, 0) + ppv_stack_tree_get_decrease (tree, 0);
  guint n_checked = 0;

  g_assert_true (ppv_flame_canvas_get_node_area (fixture->canvas, 0, &root_area));
  for (guint32 child = ppv_stack_tree_get_first_child (tree, 0);
       child != PPV_NONE;
       child = ppv_stack_tree_get_next_sibling (tree, child))
    {
      gint64 weight = ppv_stack_tree_get_increase (tree, child) + ppv_stack_tree_get_decrease (tree, child);
      double want = root_area.size.width * (double) weight / (double) root_weight;
      graphene_rect_t area;

      g_assert_cmpint (ppv_stack_tree_get_increase (tree, child) - ppv_stack_tree_get_decrease (tree, child), ==,
                       ppv_stack_tree_get_total (tree, child));
      if (want < 4)
        continue;
      g_assert_true (ppv_flame_canvas_get_node_area (fixture->canvas, child, &area));
      g_assert_cmpfloat (fabs (area.size.width - want), <, 1.5);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >, 0);
}

static PpvProfile *
compare_fixtures (const char  *now_name,
                  const char  *base_name,
                  PpvBaseMode  mode)
{
  g_autoptr(PpvProfile) now = load_fixture (now_name);
  g_autoptr(PpvProfile) base = load_fixture (base_name);
  PpvProfile *sources[] = { now }, *bases[] = { base };
  g_autoptr(GError) error = NULL;
  PpvProfile *compared = ppv_profile_combine (sources, 1, bases, 1, mode, FALSE, &error);

  g_assert_no_error (error);
  return compared;
}

/* The tree of the comparison shown is of @comparison, its root's
 * decrease and increase are @decrease and @increase, its boxes are as
 * wide as both, and the root's text gives both values. */
static void
check_comparison (Fixture                *fixture,
                  PpvStackTreeComparison  comparison,
                  const char             *type,
                  gint64                  decrease,
                  gint64                  increase)
{
  PpvStackTree *tree = ppv_flame_view_get_tree (fixture->flame);
  g_autofree char *text = ppv_flame_canvas_describe_node (fixture->canvas, 0);
  g_autofree char *decrease_text = ppv_stack_tree_format_value (tree, decrease);
  g_autofree char *increase_text = ppv_stack_tree_format_value (tree, increase);

  g_assert_cmpint (ppv_stack_tree_get_comparison (tree), ==, comparison);
  g_assert_cmpstr (ppv_stack_tree_get_type_name (tree), ==, type);
  g_assert_cmpint (ppv_stack_tree_get_decrease (tree, 0), ==, decrease);
  g_assert_cmpint (ppv_stack_tree_get_increase (tree, 0), ==, increase);
  check_diff_widths (fixture, tree);
  g_assert_nonnull (strstr (text, decrease_text));
  g_assert_nonnull (strstr (text, increase_text));
}

static gint64
sum_values (PpvProfile *profile,
            guint       index,
            int         sign)
{
  gint64 sum = 0;

  for (guint32 s = 0; s < profile->n_samples; s++)
    {
      gint64 v = ppv_profile_sample_values (profile, s)[index];

      if (sign == 0 || (sign > 0) == (v > 0))
        sum += sign < 0 ? -v : v;
    }
  return sum;
}

/* A -diff_base comparison, drawn as pprof draws a diff: a box is as
 * wide as the base's value plus the profile's, so what shrank shows as
 * well as what grew (the compared root nets to -100ms), and its text
 * gives both values, summed here from the two profiles' samples. */
static void
test_flame_diff (void)
{
  Fixture fixture = { 0 };
  g_autoptr(PpvProfile) now = load_fixture ("cpu2.pb.gz");
  g_autoptr(PpvProfile) base = load_fixture ("cpu.pb.gz");
  guint index = now->n_sample_types - 1;
  g_autofree char *text = NULL;

  fixture_setup_profile (&fixture, compare_fixtures ("cpu2.pb.gz", "cpu.pb.gz", PPV_BASE_DIFF), "compared", FALSE);
  g_assert_cmpint (ppv_stack_tree_get_total (ppv_flame_view_get_tree (fixture.flame), 0), <, 0);
  check_comparison (&fixture, PPV_STACK_TREE_DIFF_BASE, now->sample_types[index].type,
                    sum_values (base, index, 0), sum_values (now, index, 0));
  text = ppv_flame_canvas_describe_node (fixture.canvas, 0);
  g_assert_nonnull (strstr (text, "→"));
  save_shot (fixture.window, "flame-diff.png");

  /* Ctrl+E exports the comparison as --flamegraph --diff-base draws it. */
  {
    g_autofree char *dir = g_dir_make_tmp ("ppv-flame-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "diff.svg", NULL);
    g_autoptr(PpvProfile) compared = compare_fixtures ("cpu2.pb.gz", "cpu.pb.gz", PPV_BASE_DIFF);
    g_autoptr(PpvStackTree) headless = NULL;
    g_autoptr(GBytes) want = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *svg = NULL;
    PpvReportOptions options;
    gsize length;

    ppv_report_options_init (&options);
    headless = ppv_stack_tree_new (compared, &options, NULL, &error);
    g_assert_no_error (error);
    want = ppv_flame_svg_render (headless, NULL, NULL, &error);
    g_assert_no_error (error);
    gtk_widget_activate_action (GTK_WIDGET (fixture.view), "view.export-to", "(ss)", "svg", path);
    g_assert_true (wait_for (has_toast, &fixture, 20000));
    g_file_get_contents (path, &svg, &length, &error);
    g_assert_no_error (error);
    g_assert_cmpmem (svg, length, g_bytes_get_data (want, NULL), g_bytes_get_size (want));
    g_assert_nonnull (strstr (svg, "; base \xe2\x86\x92 profile: "));
    g_assert_nonnull (strstr (svg, "<rect class=\"change\""));
    ppv_report_options_clear (&options);
    g_unlink (path);
    g_rmdir (dir);
  }
  fixture_teardown (&fixture);
}

/* -base nets each stack out: a box is as wide as what its stacks that
 * grew gained plus what those that shrank lost (summed here from the
 * subtracted profile's positive and negative samples), not its net. */
static void
test_flame_subtract (void)
{
  Fixture fixture = { 0 };
  g_autoptr(PpvProfile) compared = compare_fixtures ("cpu2.pb.gz", "cpu.pb.gz", PPV_BASE_SUBTRACT);
  guint index = compared->n_sample_types - 1;
  gint64 grew = sum_values (compared, index, 1), shrank = sum_values (compared, index, -1);

  g_assert_cmpint (grew, >, 0);
  g_assert_cmpint (shrank, >, 0);
  fixture_setup_profile (&fixture, ppv_profile_ref (compared), "subtracted", TRUE);
  check_comparison (&fixture, PPV_STACK_TREE_SUBTRACTED, compared->sample_types[index].type, shrank, grew);
  save_shot (fixture.window, "flame-subtract-dark.png");
  fixture_teardown (&fixture);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int    argc,
      char **argv)
{
  if (!views_test_init_gtk (&argc, &argv))
    return 77;

  g_test_add_func ("/ppv/ui-views/flame/diff", test_flame_diff);
  g_test_add_func ("/ppv/ui-views/flame/subtract", test_flame_subtract);

  return g_test_run ();
}
