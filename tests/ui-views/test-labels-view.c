/* test-labels-view.c — the Labels pane in process: its rows are the label
 * summary's, a search keeps what matches, the profile view's label
 * actions narrow and group every pane and come off with Reset.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

#include "ppv-label-row.h"
#include "ppv-labels-view.h"
#include "ppv-profile-view.h"
#include "views-test-util.h"

typedef struct
{
  GtkWidget      *window;
  PpvProfileView *view;
  PpvReportPane  *labels;
  PpvReportPane  *top;
} Fixture;

static gboolean
idle (gpointer data)
{
  Fixture *f = data;

  return !ppv_report_pane_get_loading (f->labels) && !ppv_report_pane_get_loading (f->top) &&
         ppv_labels_view_get_summary (PPV_LABELS_VIEW (f->labels)) != NULL;
}

static void
settle (Fixture *f)
{
  spin (50);
  g_assert_true (wait_for (idle, f, 20000));
}

static const PpvLabelRowInfo *
info_at (GListModel *model,
         guint       i)
{
  g_autoptr(PpvLabelRow) row = g_list_model_get_item (model, i);

  return ppv_label_row_get_info (row);
}

static gboolean
has_value (Fixture    *f,
           const char *key,
           const char *value)
{
  GListModel *rows = ppv_labels_view_get_rows (PPV_LABELS_VIEW (f->labels));

  for (guint k = 0; rows != NULL && k < g_list_model_get_n_items (rows); k++)
    {
      g_autoptr(PpvLabelRow) row = g_list_model_get_item (rows, k);
      GListModel *values = ppv_label_row_get_children (row);

      if (g_strcmp0 (ppv_label_row_get_info (row)->key, key) != 0)
        continue;
      for (guint v = 0; v < g_list_model_get_n_items (values); v++)
        if (g_strcmp0 (info_at (values, v)->name, value) == 0)
          return TRUE;
    }
  return FALSE;
}

static gboolean
top_has_row (Fixture    *f,
             const char *name)
{
  PpvReport *report = ppv_report_pane_get_report (f->top);

  for (guint i = 0; report != NULL && i < ppv_report_get_n_rows (report); i++)
    if (g_strcmp0 (ppv_report_get_row (report, i)->name, name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
grouped (gpointer data)
{
  return idle (data) && top_has_row (data, "sort") && !top_has_row (data, "hash");
}

static gboolean
whole (gpointer data)
{
  return idle (data) && !top_has_row (data, "sort") && top_has_row (data, "main.hashLoop");
}

static void
test_labels_view (void)
{
  g_autoptr(PpvProfile) profile = load_fixture ("cpu.pb.gz");
  Fixture f = { 0 };
  GListModel *rows;
  PpvLabelSummary *summary;

  f.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f.window), 1000, 700);
  f.view = PPV_PROFILE_VIEW (ppv_profile_view_new ());
  gtk_window_set_child (GTK_WINDOW (f.window), GTK_WIDGET (f.view));
  gtk_window_present (GTK_WINDOW (f.window));
  f.labels = ppv_profile_view_get_pane (f.view, "labels");
  f.top = ppv_profile_view_get_pane (f.view, "top");
  g_assert_nonnull (f.labels);

  ppv_profile_view_set_profile (f.view, profile, "cpu.pb.gz");
  adw_view_stack_set_visible_child_name (ppv_profile_view_get_stack (f.view), "labels");
  settle (&f);

  /* One key row per key of the summary, the heaviest first. */
  summary = ppv_labels_view_get_summary (PPV_LABELS_VIEW (f.labels));
  rows = ppv_labels_view_get_rows (PPV_LABELS_VIEW (f.labels));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, ppv_label_summary_get_n_keys (summary));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  g_assert_cmpstr (info_at (rows, 1)->name, ==, "worker");
  g_assert_true (has_value (&f, "worker", "sort"));
  save_shot (f.window, "inprocess-labels.png");

  /* The search keeps the values that match, with their key. */
  ppv_report_pane_set_search (f.labels, "sor");
  rows = ppv_labels_view_get_rows (PPV_LABELS_VIEW (f.labels));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  g_assert_true (has_value (&f, "worker", "sort"));
  g_assert_false (has_value (&f, "worker", "hash"));
  ppv_report_pane_set_search (f.labels, NULL);

  /* Focus on a value: the pane follows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.labels), "view.label-value", "(sss)",
                                             "tagfocus", "worker", "sort"));
  settle (&f);
  g_assert_true (has_value (&f, "worker", "sort"));
  g_assert_false (has_value (&f, "worker", "hash"));

  /* Group by a key: the table, built when shown, has the values as frames. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.labels), "view.group-by-label", "(ss)",
                                             "tagroot", "worker"));
  adw_view_stack_set_visible_child_name (ppv_profile_view_get_stack (f.view), "top");
  g_assert_true (wait_for (grouped, &f, 20000));

  /* Reset takes both off. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "view.reset-filters", NULL));
  g_assert_true (wait_for (whole, &f, 20000));

  gtk_window_destroy (GTK_WINDOW (f.window));
  spin (50);
}

int
main (int   argc,
      char *argv[])
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
  g_test_add_func ("/ppv/ui-views/labels/pane", test_labels_view);
  return g_test_run ();
}
