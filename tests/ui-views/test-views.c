/* test-views.c — in-process tests of the profile views: the top table's
 * numbers against go tool pprof's, sorting, search, refine, the link
 * between table and graph, export, zoom; and screenshots.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ppv-graph-view.h"
#include "ppv-profile-view-private.h"
#include "ppv-reader.h"
#include "ppv-refine.h"
#include "ppv-svg.h"
#include "ppv-top-view.h"
#include "views-test-util.h"


/* --- Helpers ------------------------------------------------------------- */

/* The row lines of `go tool pprof -top` output (after the column header). */
static GPtrArray *
read_expected_rows (const char *case_name)
{
  g_autofree char *path = g_strdup_printf ("%s/expected/top/%s.txt", fixtures_dir (), case_name);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  gboolean in_rows = FALSE;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (in_rows && lines[i][0] != '\0')
        g_ptr_array_add (rows, g_strdup (lines[i]));
      if (g_str_has_prefix (g_strchug (g_strdup (lines[i])), "flat  flat%"))
        in_rows = TRUE;
    }
  return rows;
}

/* A table row printed the way pprof prints it, from what the view shows. */
static char *
format_row (PpvTopView *view,
            PpvTopRow  *row)
{
  PpvReport *report = ppv_top_row_get_report (row);
  gint64 total = ppv_report_get_total (report);
  g_autofree char *flat = ppv_report_format_value (report, ppv_top_row_get_flat (row));
  g_autofree char *cum = ppv_report_format_value (report, ppv_top_row_get_cum (row));
  g_autofree char *flat_pct = ppv_format_percentage (ppv_top_row_get_flat (row), total);
  g_autofree char *sum_pct = ppv_format_percentage (ppv_top_view_get_row_sum (view, row), total);
  g_autofree char *cum_pct = ppv_format_percentage (ppv_top_row_get_cum (row), total);

  return g_strdup_printf ("%10s %s %s %10s %s  %s", flat, flat_pct, sum_pct, cum, cum_pct,
                          ppv_top_row_get_name (row));
}

static GtkColumnViewColumn *
column_titled (GtkColumnView *column_view,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  return NULL;
}

/* --- Pure helpers -------------------------------------------------------- */

static void
test_refine_regex (void)
{
  g_autoptr(GPtrArray) filters = g_ptr_array_new_with_free_func ((GDestroyNotify) ppv_refine_filter_free);
  g_autofree char *quoted = ppv_refine_quote ("main.(*store).add");
  PpvReportOptions options;
  g_autoptr(GRegex) regex = NULL;

  g_assert_cmpstr (quoted, ==, "^main\\.\\(\\*store\\)\\.add$");
  regex = g_regex_new (quoted, 0, 0, NULL);
  g_assert_true (g_regex_match (regex, "main.(*store).add", 0, NULL));
  g_assert_false (g_regex_match (regex, "main.(*store).add2", 0, NULL));

  g_assert_true (ppv_refine_add (filters, PPV_REFINE_IGNORE, "a.x"));
  g_assert_true (ppv_refine_add (filters, PPV_REFINE_IGNORE, "b.y"));
  g_assert_false (ppv_refine_add (filters, PPV_REFINE_IGNORE, "b.y"));
  g_assert_true (ppv_refine_add (filters, PPV_REFINE_FOCUS, "f.one"));
  g_assert_true (ppv_refine_add (filters, PPV_REFINE_FOCUS, "f.two"));
  g_assert_cmpuint (filters->len, ==, 3);

  ppv_report_options_init (&options);
  ppv_refine_apply (filters, &options);
  /* The newest first, like pprof's web UI. */
  g_assert_cmpstr (options.ignore, ==, "^b\\.y$|^a\\.x$");
  g_assert_cmpstr (options.focus, ==, "^f\\.two$");
  g_assert_null (options.hide);
  g_assert_null (options.show);
  ppv_report_options_clear (&options);
}

static void
test_export_stem (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "heap.pb.gz", "heap" },
    { "/tmp/x/cpu.pprof", "cpu" },
    { "http://localhost:6060/debug/pprof/heap?gc=1", "heap" },
    { "http://localhost:6060/debug/pprof/profile/", "profile" },
    { "", "profile" },
    { NULL, "profile" },
    { ".gz", "profile" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *stem = ppv_report_pane_stem_from_source (cases[i].in);

      g_assert_cmpstr (stem, ==, cases[i].out);
    }
}

/* --- Top view ------------------------------------------------------------ */

typedef struct
{
  GtkWidget  *window;
  PpvTopView *view;
  PpvReport  *last_report;
  guint       n_reports;
} TopFixture;

static void
on_top_report_changed (PpvTopView *view,
                       TopFixture *fixture)
{
  fixture->n_reports++;
}

static gboolean
top_has_reports (gpointer data)
{
  TopFixture *fixture = data;

  return fixture->n_reports > 0 && !ppv_top_view_get_loading (fixture->view);
}

static void
top_fixture_setup (TopFixture *fixture,
                   const char *profile_name)
{
  g_autoptr(PpvProfile) profile = load_fixture (profile_name);
  PpvReportOptions options;

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 600);
  fixture->view = PPV_TOP_VIEW (ppv_top_view_new ());
  g_signal_connect (fixture->view, "report-changed", G_CALLBACK (on_top_report_changed), fixture);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  gtk_window_present (GTK_WINDOW (fixture->window));

  ppv_report_options_init (&options);
  ppv_top_view_set_options (fixture->view, profile, &options);
  ppv_report_options_clear (&options);

  g_assert_true (wait_for (top_has_reports, fixture, 20000));
}

static void
top_fixture_teardown (TopFixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
}

static void
test_top_parity_rows (PpvTopView *view,
                      const char *case_name)
{
  g_autoptr(GPtrArray) expected = read_expected_rows (case_name);
  GListModel *shown = ppv_top_view_get_shown_model (view);

  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(PpvTopRow) row = g_list_model_get_item (shown, i);
      g_autofree char *line = format_row (view, row);

      g_assert_cmpstr (line, ==, g_ptr_array_index (expected, i));
    }
}

static void
test_top_parity (void)
{
  TopFixture fixture = { 0 };

  top_fixture_setup (&fixture, "heap.pb.gz");
  test_top_parity_rows (fixture.view, "heap_default");
  gtk_test_widget_wait_for_draw (fixture.window);
  top_fixture_teardown (&fixture);
}

static void
test_top_sort (void)
{
  TopFixture fixture = { 0 };
  GtkColumnView *column_view;
  GListModel *shown;
  guint n;
  gint64 previous = G_MAXINT64, flat_total = 0;

  top_fixture_setup (&fixture, "cpu.pb.gz");
  column_view = GTK_COLUMN_VIEW (find_descendant (GTK_WIDGET (fixture.view), GTK_TYPE_COLUMN_VIEW));
  g_assert_nonnull (column_view);

  /* One header click: largest first. */
  gtk_column_view_sort_by_column (column_view, column_titled (column_view, "Cum"), GTK_SORT_ASCENDING);
  shown = ppv_top_view_get_shown_model (fixture.view);
  n = g_list_model_get_n_items (shown);
  g_assert_cmpuint (n, >, 3);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PpvTopRow) row = g_list_model_get_item (shown, i);

      g_assert_cmpint (ppv_top_row_get_cum (row), <=, previous);
      previous = ppv_top_row_get_cum (row);
      flat_total += ppv_top_row_get_flat (row);
      /* sum% follows the shown order. */
      g_assert_cmpint (ppv_top_view_get_row_sum (fixture.view, row), ==, flat_total);
    }

  /* Names: alphabetical. */
  gtk_column_view_sort_by_column (column_view, column_titled (column_view, "Name"), GTK_SORT_ASCENDING);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(PpvTopRow) a = g_list_model_get_item (shown, i - 1);
      g_autoptr(PpvTopRow) b = g_list_model_get_item (shown, i);

      g_assert_cmpint (strcmp (ppv_top_row_get_name (a), ppv_top_row_get_name (b)), <=, 0);
    }

  top_fixture_teardown (&fixture);
}

/* Every label text inside @widget, joined by newlines. */
static void
collect_label_texts (GtkWidget *widget,
                     GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, out);
}

static gboolean
texts_contain (GtkWidget  *widget,
               const char *line)
{
  g_autoptr(GString) texts = g_string_new ("\n");
  g_autofree char *needle = g_strdup_printf ("\n%s\n", line);

  collect_label_texts (widget, texts);
  return strstr (texts->str, needle) != NULL;
}

static GtkWidget *
find_label_with_text (GtkWidget  *widget,
                      const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_with_text (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
assert_sorted_by_cum (PpvTopView *view,
                      gboolean    largest_first)
{
  GListModel *shown = ppv_top_view_get_shown_model (view);
  guint n = g_list_model_get_n_items (shown);
  gint64 flat_total = 0;

  g_assert_cmpuint (n, ==, ppv_report_get_n_rows (ppv_top_view_get_report (view)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PpvTopRow) row = g_list_model_get_item (shown, i);

      if (i > 0)
        {
          g_autoptr(PpvTopRow) previous = g_list_model_get_item (shown, i - 1);

          if (largest_first)
            g_assert_cmpint (ppv_top_row_get_cum (previous), >=, ppv_top_row_get_cum (row));
          else
            g_assert_cmpint (ppv_top_row_get_cum (previous), <=, ppv_top_row_get_cum (row));
        }
      flat_total += ppv_top_row_get_flat (row);
      g_assert_cmpint (ppv_top_view_get_row_sum (view, row), ==, flat_total);
    }
}

static void
test_top_sort_reverse (void)
{
  TopFixture fixture = { 0 };
  GtkColumnView *column_view;
  g_autoptr(PpvTopRow) first = NULL;
  g_autofree char *selected = NULL;

  top_fixture_setup (&fixture, "cpu.pb.gz");
  column_view = GTK_COLUMN_VIEW (find_descendant (GTK_WIDGET (fixture.view), GTK_TYPE_COLUMN_VIEW));
  first = g_list_model_get_item (ppv_top_view_get_shown_model (fixture.view), 0);
  selected = g_strdup (ppv_top_row_get_plain_name (first));
  g_assert_true (ppv_report_pane_select_name (PPV_REPORT_PANE (fixture.view), selected));

  gtk_column_view_sort_by_column (column_view, column_titled (column_view, "Cum %"), GTK_SORT_ASCENDING);
  assert_sorted_by_cum (fixture.view, TRUE);
  /* The selection stays on its row, wherever the row went. */
  g_assert_cmpstr (ppv_top_row_get_plain_name (ppv_top_view_get_selected (fixture.view)), ==, selected);
  /* The second click: smallest first. */
  gtk_column_view_sort_by_column (column_view, column_titled (column_view, "Cum %"), GTK_SORT_DESCENDING);
  assert_sorted_by_cum (fixture.view, FALSE);
  g_assert_cmpstr (ppv_top_row_get_plain_name (ppv_top_view_get_selected (fixture.view)), ==, selected);
  /* No column: pprof's order again, with pprof's sum%. */
  gtk_column_view_sort_by_column (column_view, NULL, GTK_SORT_ASCENDING);
  test_top_parity_rows (fixture.view, "cpu_default");

  /* The same from the row menu's actions (headers take no keyboard focus). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.view), "top.sort", "s", "cum"));
  assert_sorted_by_cum (fixture.view, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.view), "top.sort", "s", "report"));
  test_top_parity_rows (fixture.view, "cpu_default");

  top_fixture_teardown (&fixture);
}

/* A new report shows in the visible cells (rows keep their items and are
 * bound again) and in the current order; the selection follows its name. */
static void
test_top_new_report (void)
{
  TopFixture fixture = { 0 };
  g_autoptr(PpvProfile) profile = load_fixture ("heap.pb.gz");
  GtkColumnView *column_view;
  PpvReportOptions options;
  guint reports;

  top_fixture_setup (&fixture, "heap.pb.gz");
  column_view = GTK_COLUMN_VIEW (find_descendant (GTK_WIDGET (fixture.view), GTK_TYPE_COLUMN_VIEW));
  gtk_column_view_sort_by_column (column_view, column_titled (column_view, "Cum"), GTK_SORT_ASCENDING);
  g_assert_true (ppv_report_pane_select_name (PPV_REPORT_PANE (fixture.view), "main.buildMap"));
  gtk_test_widget_wait_for_draw (fixture.window);
  g_assert_true (texts_contain (GTK_WIDGET (fixture.view), "main.allocLarge"));
  g_assert_true (texts_contain (GTK_WIDGET (fixture.view), "1024.09kB"));

  reports = fixture.n_reports;
  ppv_report_options_init (&options);
  options.focus = g_strdup ("^main\\.build");
  ppv_top_view_set_options (fixture.view, profile, &options);
  ppv_report_options_clear (&options);
  while (fixture.n_reports == reports || ppv_top_view_get_loading (fixture.view))
    g_main_context_iteration (NULL, TRUE);
  gtk_test_widget_wait_for_draw (fixture.window);

  assert_sorted_by_cum (fixture.view, TRUE);
  g_assert_false (texts_contain (GTK_WIDGET (fixture.view), "main.allocLarge"));
  g_assert_false (texts_contain (GTK_WIDGET (fixture.view), "1024.09kB"));
  g_assert_true (texts_contain (GTK_WIDGET (fixture.view), "76.33kB"));
  g_assert_true (texts_contain (GTK_WIDGET (fixture.view), "main.buildMap"));
  g_assert_nonnull (ppv_top_view_get_selected (fixture.view));
  g_assert_cmpstr (ppv_top_row_get_plain_name (ppv_top_view_get_selected (fixture.view)), ==, "main.buildMap");

  top_fixture_teardown (&fixture);
}

static void
test_top_search (void)
{
  TopFixture fixture = { 0 };
  GListModel *shown;
  guint all, n, expected = 0;

  top_fixture_setup (&fixture, "heap.pb.gz");
  shown = ppv_top_view_get_shown_model (fixture.view);
  all = g_list_model_get_n_items (shown);
  for (guint i = 0; i < all; i++)
    {
      g_autoptr(PpvTopRow) row = g_list_model_get_item (shown, i);
      g_autofree char *lower = g_ascii_strdown (ppv_top_row_get_name (row), -1);

      if (strstr (lower, "alloc") != NULL)
        expected++;
    }
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, all);

  ppv_report_pane_set_search (PPV_REPORT_PANE (fixture.view), "ALLOC");
  n = g_list_model_get_n_items (shown);
  g_assert_cmpuint (n, ==, expected);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PpvTopRow) row = g_list_model_get_item (shown, i);

      g_assert_true (ppv_top_row_matches (row, "alloc"));
    }

  ppv_report_pane_set_search (PPV_REPORT_PANE (fixture.view), "allocl");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  ppv_report_pane_set_search (PPV_REPORT_PANE (fixture.view), "");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, all);

  top_fixture_teardown (&fixture);
}

/* Large values in pprof's smallest fitting unit ("281555743.11kB") are
 * shown whole: the value columns grow for them.  main.small, with a small
 * flat value, calls main.huge: --top keeps it, so it picks the unit. */
static void
test_top_wide_values (void)
{
  PpvProfileBuilder *builder = ppv_profile_builder_new ();
  g_autoptr(PpvProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvReport) report = NULL;
  g_autoptr(PpvTopModel) model = NULL;
  g_autofree char *text = NULL;
  PpvReportOptions options;
  GtkWidget *window, *label;
  PpvTopView *view;
  int natural;

  ppv_profile_builder_add_sample_type (builder, "inuse_space", "bytes");
  for (guint64 id = 1; id <= 2; id++)
    {
      PpvFunction function = { 0 };
      gint64 line = 1, column = 0;
      gint64 value = id == 1 ? 1000 : G_GINT64_CONSTANT (288313080940);

      function.id = id;
      function.name = id == 1 ? "main.small" : "main.huge";
      function.system_name = function.name;
      function.filename = "x.go";
      ppv_profile_builder_add_function (builder, &function);
      ppv_profile_builder_add_location (builder, id, 0, 0x1000 * id, FALSE, &id, &line, &column, 1);
      ppv_profile_builder_add_sample (builder, (guint64[]) { id, 1 }, id, &value, 1, NULL, 0);
    }
  profile = ppv_profile_builder_finish (builder, "wide.pb", &error);
  g_assert_no_error (error);

  /* Every row, as the window asks. */
  ppv_report_options_init (&options);
  options.nodefraction = 0;
  report = ppv_report_new (profile, &options, PPV_REPORT_KIND_TEXT, NULL, &error);
  ppv_report_options_clear (&options);
  g_assert_no_error (error);
  model = ppv_top_model_new (report, PPV_TOP_ORDER_REPORT, NULL, &error);
  g_assert_no_error (error);
  text = ppv_report_format_value (report, G_GINT64_CONSTANT (288313080940));
  g_assert_cmpuint (strlen (text), >=, 13);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 400);
  view = PPV_TOP_VIEW (ppv_top_view_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  ppv_top_view_set_model (view, model);
  gtk_test_widget_wait_for_draw (window);

  label = find_label_with_text (GTK_WIDGET (view), text);
  g_assert_nonnull (label);
  /* A label keeps its natural width; its cell (the column) clips it. */
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_assert_cmpint (gtk_widget_get_width (gtk_widget_get_parent (label)), >=, natural);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* allocs.pb.gz has 16-byte rows that --top drops as too small: pprof's
 * unit rule over every row would print its 1 MB rows in bytes.  The table
 * prints what --top prints, with the exact value kept for the tooltip
 * and for copying. */
static void
test_top_unit (void)
{
  g_autoptr(PpvProfile) profile = load_fixture ("allocs.pb.gz");
  g_autoptr(PpvReport) cli = NULL;
  g_autoptr(PpvReport) every_row = NULL;
  g_autoptr(GError) error = NULL;
  PpvReportOptions options;
  TopFixture fixture = { 0 };
  PpvTopModel *model;
  const PpvReportRow *first;
  g_autofree char *printed = NULL;
  g_autofree char *unrounded = NULL;
  g_autofree char *exact = NULL;
  g_autofree char *bytes = NULL;

  /* What --top prints. */
  ppv_report_options_init (&options);
  cli = ppv_report_new (profile, &options, PPV_REPORT_KIND_TEXT, NULL, &error);
  g_assert_no_error (error);
  options.nodefraction = 0;
  every_row = ppv_report_new (profile, &options, PPV_REPORT_KIND_TEXT, NULL, &error);
  g_assert_no_error (error);
  ppv_report_options_clear (&options);
  g_assert_cmpuint (ppv_report_get_n_rows (every_row), >, ppv_report_get_n_rows (cli));
  first = ppv_report_get_row (cli, 0);
  printed = ppv_report_format_value (cli, first->flat);
  unrounded = ppv_report_format_value (every_row, first->flat);
  /* The fixture shows the problem: the two rules disagree. */
  g_assert_cmpstr (printed, !=, unrounded);

  /* The table, as the profile view asks for it: every row. */
  fixture.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 1000, 600);
  fixture.view = PPV_TOP_VIEW (ppv_top_view_new ());
  g_signal_connect (fixture.view, "report-changed", G_CALLBACK (on_top_report_changed), &fixture);
  gtk_window_set_child (GTK_WINDOW (fixture.window), GTK_WIDGET (fixture.view));
  gtk_window_present (GTK_WINDOW (fixture.window));
  ppv_report_options_init (&options);
  options.nodefraction = 0;
  ppv_top_view_set_options (fixture.view, profile, &options);
  ppv_report_options_clear (&options);
  g_assert_true (wait_for (top_has_reports, &fixture, 20000));
  gtk_test_widget_wait_for_draw (fixture.window);

  model = ppv_top_view_get_model (fixture.view);
  g_assert_cmpuint (ppv_top_model_get_n_rows (model), ==, ppv_report_get_n_rows (every_row));
  for (guint i = 0; i < ppv_report_get_n_rows (cli); i++)
    {
      const PpvReportRow *row = ppv_report_get_row (cli, i);
      g_autofree char *want_flat = ppv_report_format_value (cli, row->flat);
      g_autofree char *want_cum = ppv_report_format_value (cli, row->cum);
      g_autofree char *flat = ppv_top_model_format_value (model, row->flat);
      g_autofree char *cum = ppv_top_model_format_value (model, row->cum);

      g_assert_cmpstr (flat, ==, want_flat);
      g_assert_cmpstr (cum, ==, want_cum);
    }
  g_assert_true (texts_contain (GTK_WIDGET (fixture.view), printed));
  g_assert_false (texts_contain (GTK_WIDGET (fixture.view), unrounded));

  /* The exact value: in bytes, unrounded. */
  exact = ppv_top_model_format_exact (model, first->flat);
  bytes = g_strdup_printf ("%" G_GINT64_FORMAT "B", first->flat);
  g_assert_cmpstr (exact, ==, bytes);

  top_fixture_teardown (&fixture);
}

static void
test_top_long_names (void)
{
  GString *name = g_string_new ("main.");
  PpvProfileBuilder *builder = ppv_profile_builder_new ();
  guint64 location = 1;
  gint64 value = 100;
  g_autoptr(PpvProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  PpvFunction function = { 0 };
  gint64 line = 1, column = 0;
  guint64 function_id = 1;
  PpvReportOptions options;
  g_autoptr(PpvReport) report = NULL;
  g_autoptr(PpvTopModel) model = NULL;
  g_autofree char *cut = NULL;

  while (name->len < 100000)
    g_string_append (name, "Ω_very_long_generated_identifier_");

  ppv_profile_builder_add_sample_type (builder, "samples", "count");
  function.id = 1;
  function.name = name->str;
  function.system_name = name->str;
  function.filename = "x.go";
  ppv_profile_builder_add_function (builder, &function);
  ppv_profile_builder_add_location (builder, 1, 0, 0x1000, FALSE, &function_id, &line, &column, 1);
  ppv_profile_builder_add_sample (builder, &location, 1, &value, 1, NULL, 0);
  profile = ppv_profile_builder_finish (builder, "long.pb", &error);
  g_assert_no_error (error);

  ppv_report_options_init (&options);
  report = ppv_report_new (profile, &options, PPV_REPORT_KIND_TEXT, NULL, &error);
  ppv_report_options_clear (&options);
  g_assert_no_error (error);
  g_assert_cmpuint (ppv_report_get_n_rows (report), ==, 1);

  model = ppv_top_model_new (report, PPV_TOP_ORDER_REPORT, NULL, &error);
  g_assert_no_error (error);
  cut = ppv_top_model_dup_cut_name (model, 0);
  g_assert_nonnull (cut);
  g_assert_cmpint (g_utf8_strlen (cut, -1), ==, PPV_TOP_MAX_NAME_CHARS + 1);
  g_assert_true (g_utf8_validate (cut, -1, NULL));
  g_assert_true (g_str_has_suffix (cut, "…"));
  g_assert_cmpstr (ppv_top_model_get_name (model, 0), ==, name->str);

  g_string_free (name, TRUE);
}

/* The name gets the room the value columns leave, in a narrow window
 * too: the Base/New columns take none of it until a comparison starts. */
static gboolean
name_is_whole (gpointer data)
{
  GtkWidget *label = find_label_with_text (data, "main.allocLarge");
  int natural = 0;

  if (label == NULL || !gtk_widget_get_mapped (label))
    return FALSE;
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return gtk_widget_get_width (label) >= natural;
}

static const char *
first_column_title (PpvTopView *view)
{
  GtkColumnView *columns = GTK_COLUMN_VIEW (find_descendant (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW));
  g_autoptr(GtkColumnViewColumn) first = g_list_model_get_item (gtk_column_view_get_columns (columns), 0);

  return gtk_column_view_column_get_title (first);
}

static void
test_top_narrow_names (void)
{
  TopFixture fixture = { 0 };
  g_autoptr(PpvProfile) before = load_fixture ("heap-before.pb.gz");
  g_autoptr(PpvProfile) after = load_fixture ("heap-after.pb.gz");

  top_fixture_setup (&fixture, "heap.pb.gz");
  /* The fixed value columns take 490 px; this leaves the name ~200 px. */
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 700, 600);
  gtk_widget_set_size_request (fixture.window, 700, -1);
  spin (200);
  g_assert_true (wait_for (name_is_whole, fixture.view, 5000));
  g_assert_cmpstr (first_column_title (fixture.view), ==, "Flat");

  ppv_top_view_set_comparison (fixture.view, before, after);
  g_assert_cmpstr (first_column_title (fixture.view), ==, "Base flat");
  ppv_top_view_set_comparison (fixture.view, NULL, NULL);
  g_assert_cmpstr (first_column_title (fixture.view), ==, "Flat");
  spin (200);
  g_assert_true (wait_for (name_is_whole, fixture.view, 5000));

  top_fixture_teardown (&fixture);
}

/* --- Profile view -------------------------------------------------------- */

typedef struct
{
  GtkWidget      *window;
  PpvProfileView *view;
  PpvTopView     *top;
  PpvGraphView   *graph;
  GPtrArray      *toasts;
  guint           top_reports;
  guint           scenes;
} ViewFixture;

static void
on_toast (PpvProfileView *view,
          const char     *message,
          ViewFixture    *fixture)
{
  g_ptr_array_add (fixture->toasts, g_strdup (message));
}

static void
on_view_report (PpvTopView  *top,
                ViewFixture *fixture)
{
  fixture->top_reports++;
}

static void
on_view_scene (PpvGraphView *graph,
               ViewFixture  *fixture)
{
  fixture->scenes++;
}

static gboolean
view_loading (ViewFixture *fixture)
{
  return ppv_top_view_get_loading (fixture->top) || ppv_graph_view_get_loading (fixture->graph);
}

/* The shown pane has new content and nothing is building. */
static gboolean
view_idle (gpointer data)
{
  ViewFixture *fixture = data;
  GtkWidget *visible = adw_view_stack_get_visible_child (ppv_profile_view_get_stack (fixture->view));

  return !view_loading (fixture)
         && (visible == GTK_WIDGET (fixture->graph) ? fixture->scenes > 0 : fixture->top_reports > 0);
}

static void
view_fixture_setup (ViewFixture *fixture,
                    const char  *profile_name,
                    gboolean     dark)
{
  g_autoptr(PpvProfile) profile = load_fixture (profile_name);
  GtkWidget *overlay;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);

  fixture->toasts = g_ptr_array_new_with_free_func (g_free);
  fixture->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 760);
  fixture->view = PPV_PROFILE_VIEW (ppv_profile_view_new ());
  fixture->top = PPV_TOP_VIEW (ppv_profile_view_get_pane (fixture->view, "top"));
  fixture->graph = PPV_GRAPH_VIEW (ppv_profile_view_get_pane (fixture->view, "graph"));
  g_assert_nonnull (fixture->top);
  g_assert_nonnull (fixture->graph);
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fixture->view));
  adw_window_set_content (ADW_WINDOW (fixture->window), overlay);
  g_signal_connect (fixture->view, "toast", G_CALLBACK (on_toast), fixture);
  g_signal_connect (fixture->top, "report-changed", G_CALLBACK (on_view_report), fixture);
  g_signal_connect (fixture->graph, "scene-changed", G_CALLBACK (on_view_scene), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));

  ppv_profile_view_set_profile (fixture->view, profile, profile_name);
  if (!wait_for (view_idle, fixture, 30000))
    {
      for (guint i = 0; i < fixture->toasts->len; i++)
        g_printerr ("toast: %s\n", (char *) g_ptr_array_index (fixture->toasts, i));
      g_error ("views did not settle: %u reports, %u scenes", fixture->top_reports, fixture->scenes);
    }
}

static void
view_fixture_teardown (ViewFixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_ptr_array_unref (fixture->toasts);
}

static void
wait_rebuilt (ViewFixture *fixture)
{
  fixture->top_reports = 0;
  fixture->scenes = 0;
  g_assert_true (wait_for (view_idle, fixture, 30000));
}

/* Shows page @name; waits for its pane if that builds. */
static void
show_page (ViewFixture *fixture,
           const char  *name)
{
  fixture->top_reports = 0;
  fixture->scenes = 0;
  adw_view_stack_set_visible_child_name (ppv_profile_view_get_stack (fixture->view), name);
  if (view_loading (fixture))
    g_assert_true (wait_for (view_idle, fixture, 30000));
  spin (50);
}

static void
test_view_defaults (void)
{
  ViewFixture fixture = { 0 };
  GListModel *types;
  PpvReport *report;

  /* allocs.pb.gz names alloc_space as its default sample type. */
  view_fixture_setup (&fixture, "allocs.pb.gz", FALSE);
  types = gtk_drop_down_get_model (fixture.view->sample_type_dropdown);
  g_assert_cmpuint (g_list_model_get_n_items (types), ==, 4);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (types),
                                               gtk_drop_down_get_selected (fixture.view->sample_type_dropdown)),
                   ==, "alloc_space");
  report = ppv_top_view_get_report (fixture.top);
  g_assert_cmpstr (ppv_report_get_type_name (report), ==, "alloc_space");
  g_assert_nonnull (ppv_profile_view_get_details (fixture.view));
  g_assert_nonnull (strstr (ppv_profile_view_get_details (fixture.view), "alloc_space"));
  view_fixture_teardown (&fixture);

  /* heap.pb.gz has no default: the last type, inuse_space. */
  view_fixture_setup (&fixture, "heap.pb.gz", FALSE);
  report = ppv_top_view_get_report (fixture.top);
  g_assert_cmpstr (ppv_report_get_type_name (report), ==, "inuse_space");
  g_assert_cmpint (ppv_graph_view_get_node_count (fixture.graph), ==, 80);
  /* The hidden graph waits until it is shown. */
  g_assert_null (ppv_graph_view_get_graph (fixture.graph));
  g_assert_true (ppv_report_pane_get_stale (PPV_REPORT_PANE (fixture.graph)));

  /* Switching the sample type rebuilds the table; the graph follows
   * when shown. */
  gtk_drop_down_set_selected (fixture.view->sample_type_dropdown, 0);
  wait_rebuilt (&fixture);
  report = ppv_top_view_get_report (fixture.top);
  g_assert_cmpstr (ppv_report_get_type_name (report), ==, "alloc_objects");
  g_assert_cmpuint (fixture.scenes, ==, 0);
  show_page (&fixture, "graph");
  g_assert_cmpuint (fixture.scenes, ==, 1);
  g_assert_cmpstr (ppv_report_get_type_name (ppv_callgraph_get_report (ppv_graph_view_get_graph (fixture.graph))),
                   ==, "alloc_objects");
  view_fixture_teardown (&fixture);
}

static void
test_view_refine (void)
{
  ViewFixture fixture = { 0 };
  g_autoptr(PpvProfile) profile = load_fixture ("heap.pb.gz");
  g_autoptr(PpvReport) expected = NULL;
  g_autoptr(GError) error = NULL;
  PpvReportOptions options;
  GListModel *shown;
  PpvReport *report;

  view_fixture_setup (&fixture, "heap.pb.gz", FALSE);
  save_shot (fixture.window, "views-top.png");

  gtk_widget_activate_action (GTK_WIDGET (fixture.top), "view.refine", "(ss)",
                              "focus", "main.build");
  wait_rebuilt (&fixture);

  g_assert_cmpuint (fixture.view->filters->len, ==, 1);
  g_assert_nonnull (gtk_widget_get_first_child (GTK_WIDGET (fixture.view->filters_box)));
  g_assert_nonnull (strstr (ppv_profile_view_get_details (fixture.view), "focus=^main\\.build$"));

  /* The table shows what the CLI's report shows for the same options. */
  ppv_report_options_init (&options);
  options.sample_index = g_strdup ("3");
  options.focus = g_strdup ("^main\\.build$");
  expected = ppv_report_new (profile, &options, PPV_REPORT_KIND_TEXT, NULL, &error);
  ppv_report_options_clear (&options);
  g_assert_no_error (error);

  report = ppv_top_view_get_report (fixture.top);
  shown = ppv_top_view_get_shown_model (fixture.top);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, ppv_report_get_n_rows (expected));
  g_assert_cmpint (ppv_report_get_total (report), ==, ppv_report_get_total (expected));
  for (guint i = 0; i < ppv_report_get_n_rows (expected); i++)
    {
      g_autoptr(PpvTopRow) row = g_list_model_get_item (shown, i);
      const PpvReportRow *want = ppv_report_get_row (expected, i);

      g_assert_cmpstr (ppv_top_row_get_plain_name (row), ==, want->name);
      g_assert_cmpint (ppv_top_row_get_flat (row), ==, want->flat);
      g_assert_cmpint (ppv_top_row_get_cum (row), ==, want->cum);
    }

  /* Ignore accumulates; the graph follows the same options. */
  show_page (&fixture, "graph");
  gtk_widget_activate_action (GTK_WIDGET (fixture.graph), "view.refine", "(ss)",
                              "ignore", "main.build.func1");
  wait_rebuilt (&fixture);
  g_assert_cmpuint (fixture.view->filters->len, ==, 2);
  g_assert_cmpstr (ppv_report_get_options (ppv_callgraph_get_report (ppv_graph_view_get_graph (fixture.graph)))->ignore,
                   ==, "^main\\.build\\.func1$");
  save_shot (fixture.window, "views-graph-focused.png");

  /* A chip removes its filter; Reset removes all. */
  g_signal_emit_by_name (gtk_widget_get_first_child (GTK_WIDGET (fixture.view->filters_box)), "clicked");
  wait_rebuilt (&fixture);
  g_assert_cmpuint (fixture.view->filters->len, ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (fixture.view), "view.reset-filters", NULL);
  wait_rebuilt (&fixture);
  g_assert_cmpuint (fixture.view->filters->len, ==, 0);
  g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (fixture.view->filters_box)));

  /* The table, stale meanwhile, catches up when shown. */
  g_assert_true (ppv_report_pane_get_stale (PPV_REPORT_PANE (fixture.top)));
  show_page (&fixture, "top");
  g_assert_cmpuint (g_list_model_get_n_items (ppv_top_view_get_shown_model (fixture.top)), >,
                    ppv_report_get_n_rows (expected));
  g_assert_null (ppv_report_get_options (ppv_top_view_get_report (fixture.top))->focus);

  view_fixture_teardown (&fixture);
}

static void
on_clipboard_text (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **out = user_data;

  *out = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*out == NULL)
    *out = g_strdup ("");
}

static gboolean
pointer_set (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_view_link (void)
{
  ViewFixture fixture = { 0 };
  PpvGraphView *graph;
  PpvCallGraph *callgraph;
  PpvTopRow *selected;
  int node = -1;
  g_autofree char *description = NULL;

  view_fixture_setup (&fixture, "heap.pb.gz", FALSE);
  graph = fixture.graph;
  show_page (&fixture, "graph");
  callgraph = ppv_graph_view_get_graph (graph);
  g_assert_nonnull (ppv_graph_view_get_scene (graph));

  for (guint i = 0; i < callgraph->n_nodes && node < 0; i++)
    if (callgraph->nodes[i].kind == PPV_CALLGRAPH_NODE_FUNCTION
        && g_strcmp0 (ppv_report_get_row (ppv_callgraph_get_report (callgraph),
                                          callgraph->nodes[i].row)->name, "main.buildMap") == 0)
      node = i;
  g_assert_cmpint (node, >=, 0);

  /* A click on a node selects its row: one current function. */
  ppv_graph_view_activate_node (graph, node);
  selected = ppv_top_view_get_selected (fixture.top);
  g_assert_nonnull (selected);
  g_assert_cmpstr (ppv_top_row_get_plain_name (selected), ==, "main.buildMap");
  g_assert_cmpstr (ppv_graph_view_get_selected_name (graph), ==, "main.buildMap");
  g_assert_cmpstr (ppv_profile_view_get_current_name (fixture.view), ==, "main.buildMap");

  /* The canvas tells assistive technologies what is selected. */
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (graph), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (graph), GTK_ACCESSIBLE_PROPERTY_LABEL, "Call graph");
  {
    PpvReport *report = ppv_callgraph_get_report (callgraph);
    const PpvReportRow *row = ppv_report_get_row (report, callgraph->nodes[node].row);
    g_autofree char *flat = ppv_report_format_value (report, row->flat);
    g_autofree char *cum = ppv_report_format_value (report, row->cum);
    g_autofree char *flat_pct = ppv_format_percentage (row->flat, ppv_report_get_total (report));
    g_autofree char *cum_pct = ppv_format_percentage (row->cum, ppv_report_get_total (report));

    description = g_strdup_printf ("Selected: main.buildMap,Flat: %s (%s),Cum: %s (%s)",
                                   flat, g_strstrip (flat_pct), cum, g_strstrip (cum_pct));
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (graph), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                         description);
  }
  save_shot (fixture.window, "views-graph-selected.png");

  /* Selecting a row selects (and centres) its node. */
  click_row (fixture.top, "main.allocSmall");
  g_assert_cmpstr (ppv_graph_view_get_selected_name (graph), ==, "main.allocSmall");
  g_assert_cmpstr (ppv_profile_view_get_current_name (fixture.view), ==, "main.allocSmall");
  {
    double x, y;

    spin (50);
    g_assert_true (ppv_graph_view_get_node_center (graph, ppv_graph_view_get_selected_index (graph), &x, &y));
    g_assert_cmpfloat_with_epsilon (x, gtk_widget_get_width (GTK_WIDGET (graph)) / 2.0, 1.0);
    g_assert_cmpfloat_with_epsilon (y, gtk_widget_get_height (GTK_WIDGET (graph)) / 2.0, 1.0);
  }

  /* "Show in ▸ Call Graph" from the table's row menu. */
  show_page (&fixture, "top");
  gtk_widget_activate_action (GTK_WIDGET (fixture.top), "view.show-in", "(ss)",
                              "graph", "main.buildRecords");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ppv_profile_view_get_stack (fixture.view)), ==, "graph");
  g_assert_cmpstr (ppv_graph_view_get_selected_name (graph), ==, "main.buildRecords");
  g_assert_cmpstr (ppv_top_row_get_plain_name (ppv_top_view_get_selected (fixture.top)),
                   ==, "main.buildRecords");

  /* "Copy Name". */
  {
    GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture.view));
    char *copied = NULL;

    gtk_widget_activate_action (GTK_WIDGET (fixture.top), "top.copy", "s",
                                "main.(*store).add");
    gdk_clipboard_read_text_async (clipboard, NULL, on_clipboard_text, &copied);
    g_assert_true (wait_for (pointer_set, &copied, 5000));
    g_assert_cmpstr (copied, ==, "main.(*store).add");
    g_free (copied);
  }

  /* Search highlights matching nodes. */
  gtk_widget_activate_action (GTK_WIDGET (fixture.view), "view.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (gtk_search_bar_get_child (GTK_SEARCH_BAR (
                           find_descendant (GTK_WIDGET (fixture.view), GTK_TYPE_SEARCH_BAR)))),
                         "alloc");
  g_assert_true (wait_for ((Condition) ppv_graph_view_get_n_matches, graph, 2000));
  g_assert_cmpuint (ppv_graph_view_get_n_matches (graph), ==, 2);

  view_fixture_teardown (&fixture);
}

static gboolean
graph_rebuilt (gpointer data)
{
  ViewFixture *fixture = data;

  return fixture->scenes > 0 && !ppv_graph_view_get_loading (fixture->graph);
}

/* The node count is the graph's own control, shown with the graph only. */
static GtkSpinButton *
node_count_spin (ViewFixture *fixture)
{
  GtkWidget *utility = ppv_report_pane_get_utility (PPV_REPORT_PANE (fixture->graph));

  g_assert_nonnull (utility);
  g_assert_true (gtk_widget_is_ancestor (utility, GTK_WIDGET (fixture->view->control_bar)));
  return GTK_SPIN_BUTTON (find_descendant (utility, GTK_TYPE_SPIN_BUTTON));
}

static void
test_view_zoom (void)
{
  ViewFixture fixture = { 0 };
  PpvGraphView *graph;
  GtkSpinButton *spin_button;
  double fit;

  view_fixture_setup (&fixture, "cpu.pb.gz", FALSE);
  graph = fixture.graph;
  spin_button = node_count_spin (&fixture);
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (spin_button)));
  show_page (&fixture, "graph");
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (spin_button)));
  fit = ppv_graph_view_get_zoom (graph);

  /* view.zoom-* goes to the graph's own graph.zoom-*. */
  gtk_widget_activate_action (GTK_WIDGET (graph), "view.zoom-in", NULL);
  g_assert_cmpfloat (ppv_graph_view_get_zoom (graph), >, fit);
  gtk_widget_activate_action (GTK_WIDGET (graph), "view.zoom-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (graph), "graph.zoom-out", NULL);
  g_assert_cmpfloat (ppv_graph_view_get_zoom (graph), <, fit);
  gtk_widget_activate_action (GTK_WIDGET (graph), "view.zoom-fit", NULL);
  g_assert_cmpfloat_with_epsilon (ppv_graph_view_get_zoom (graph), fit, 1e-9);

  /* Zooming from the table shows the graph. */
  show_page (&fixture, "top");
  gtk_widget_activate_action (GTK_WIDGET (fixture.top), "view.zoom-in", NULL);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ppv_profile_view_get_stack (fixture.view)), ==, "graph");
  g_assert_cmpfloat (ppv_graph_view_get_zoom (graph), >, fit);

  /* Node count: a smaller graph, laid out again in the background. */
  fixture.scenes = 0;
  gtk_spin_button_set_value (spin_button, 6);
  g_assert_true (wait_for (graph_rebuilt, &fixture, 30000));
  g_assert_cmpint (ppv_report_get_options (ppv_callgraph_get_report (ppv_graph_view_get_graph (graph)))->nodecount, ==, 6);

  /* And its action. */
  fixture.scenes = 0;
  gtk_widget_activate_action (GTK_WIDGET (graph), "graph.node-count", "i", 12);
  g_assert_true (wait_for (graph_rebuilt, &fixture, 30000));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin_button), ==, 12);
  g_assert_cmpint (ppv_report_get_options (ppv_callgraph_get_report (ppv_graph_view_get_graph (graph)))->nodecount, ==, 12);

  /* The table's options have no node count. */
  g_assert_cmpint (ppv_report_pane_get_options (PPV_REPORT_PANE (fixture.top))->nodecount, ==, -1);

  view_fixture_teardown (&fixture);
}

static gboolean
has_toast_prefix (gpointer data)
{
  ViewFixture *fixture = data;

  for (guint i = 0; i < fixture->toasts->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (fixture->toasts, i), "Exported to "))
      return TRUE;
  return FALSE;
}

/* Exporting from the table builds the hidden graph for it. */
static void
test_view_export (void)
{
  ViewFixture fixture = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("ppv-views-XXXXXX", NULL);
  g_autofree char *svg_path = g_build_filename (dir, "heap.svg", NULL);
  g_autofree char *dot_path = g_build_filename (dir, "heap.dot", NULL);
  g_autofree char *svg = NULL;
  g_autofree char *dot = NULL;
  g_autofree char *expected_dot = NULL;
  g_autoptr(GBytes) expected_svg = NULL;
  g_autoptr(GError) error = NULL;
  PpvCallGraph *graph;

  view_fixture_setup (&fixture, "heap.pb.gz", FALSE);
  g_assert_null (ppv_graph_view_get_graph (fixture.graph));

  gtk_widget_activate_action (GTK_WIDGET (fixture.view), "view.export-to", "(ss)", "svg", svg_path);
  g_assert_true (wait_for (has_toast_prefix, &fixture, 20000));
  g_assert_cmpstr (g_ptr_array_index (fixture.toasts, fixture.toasts->len - 1), ==, "Exported to heap.svg");
  graph = ppv_graph_view_get_graph (fixture.graph);
  g_assert_nonnull (graph);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ppv_profile_view_get_stack (fixture.view)), ==, "top");
  g_file_get_contents (svg_path, &svg, NULL, &error);
  g_assert_no_error (error);
  expected_svg = ppv_layout_render_svg (graph, NULL, &error);
  g_assert_no_error (error);
  {
    gsize len;
    const char *data = g_bytes_get_data (expected_svg, &len);

    g_assert_cmpmem (svg, strlen (svg), data, len);
  }

  g_ptr_array_set_size (fixture.toasts, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture.view), "view.export-to", "(ss)", "dot", dot_path);
  g_assert_true (wait_for (has_toast_prefix, &fixture, 20000));
  g_file_get_contents (dot_path, &dot, NULL, &error);
  g_assert_no_error (error);
  expected_dot = ppv_callgraph_to_dot (graph);
  g_assert_cmpstr (dot, ==, expected_dot);

  g_unlink (svg_path);
  g_unlink (dot_path);
  g_rmdir (dir);
  view_fixture_teardown (&fixture);
}

static void
test_view_dark (void)
{
  ViewFixture fixture = { 0 };

  view_fixture_setup (&fixture, "cpu.pb.gz", TRUE);
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  spin (100);
  save_shot (fixture.window, "views-top-dark.png");
  show_page (&fixture, "graph");
  spin (200);
  save_shot (fixture.window, "views-graph-dark.png");
  view_fixture_teardown (&fixture);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL
      && g_strcmp0 (g_getenv ("GDK_BACKEND"), "broadway") != 0)
    {
      g_printerr ("no display: skipping\n");
      return 77;
    }

  views_test_init ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ppv/ui-views/refine/regex", test_refine_regex);
  g_test_add_func ("/ppv/ui-views/export/stem", test_export_stem);
  g_test_add_func ("/ppv/ui-views/top/parity", test_top_parity);
  g_test_add_func ("/ppv/ui-views/top/sort", test_top_sort);
  g_test_add_func ("/ppv/ui-views/top/sort-reverse", test_top_sort_reverse);
  g_test_add_func ("/ppv/ui-views/top/new-report", test_top_new_report);
  g_test_add_func ("/ppv/ui-views/top/wide-values", test_top_wide_values);
  g_test_add_func ("/ppv/ui-views/top/unit", test_top_unit);
  g_test_add_func ("/ppv/ui-views/top/search", test_top_search);
  g_test_add_func ("/ppv/ui-views/top/long-names", test_top_long_names);
  g_test_add_func ("/ppv/ui-views/top/narrow-names", test_top_narrow_names);
  g_test_add_func ("/ppv/ui-views/view/defaults", test_view_defaults);
  g_test_add_func ("/ppv/ui-views/view/refine", test_view_refine);
  g_test_add_func ("/ppv/ui-views/view/link", test_view_link);
  g_test_add_func ("/ppv/ui-views/view/zoom", test_view_zoom);
  g_test_add_func ("/ppv/ui-views/view/export", test_view_export);
  g_test_add_func ("/ppv/ui-views/view/dark", test_view_dark);

  return g_test_run ();
}
