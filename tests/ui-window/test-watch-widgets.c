/* test-watch-widgets.c — the watch window's timeline (points, gaps, markers, what it says to screen readers), growth table (rows swapped in place, selection kept), row orders and the runtime note.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

#include "ppv-application.h"
#include "ppv-growth-table.h"
#include "ppv-watch-timeline.h"
#include "ppv-watch-view.h"

#define MB (1024 * 1024)
#define T0 ((gint64) 1765000000 * G_USEC_PER_SEC)   /* 2025-12-06 05:46:40 UTC */

static void
test_timeline (void)
{
  PpvTimelinePoint points[] = {
    { T0, 1 * MB, NULL, FALSE },
    { T0 + 10 * G_USEC_PER_SEC, 2 * MB, NULL, FALSE },
    { T0 + 20 * G_USEC_PER_SEC, 0, "connection refused", FALSE },
    { T0 + 30 * G_USEC_PER_SEC, 3 * MB, NULL, TRUE },
    { T0 + 40 * G_USEC_PER_SEC, 4 * MB, NULL, FALSE },
    { T0 + 50 * G_USEC_PER_SEC, 5 * MB, NULL, FALSE },
  };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *timeline = ppv_watch_timeline_new ();
  PpvWatchTimeline *t = PPV_WATCH_TIMELINE (timeline);
  gint64 series[] = { 10, 20, 30, 40 };

  gtk_window_set_child (GTK_WINDOW (window), timeline);
  gtk_window_present (GTK_WINDOW (window));

  /* Empty: no markers, and it says so. */
  g_assert_cmpint (ppv_watch_timeline_get_marker (t, PPV_TIMELINE_MARKER_A), ==, -1);
  gtk_test_accessible_assert_property (timeline, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "0 snapshots, 0 failed fetches");

  /* Four snapshots and a gap: A on the first, B on the latest. */
  ppv_watch_timeline_set_points (t, points, 5, "bytes", "inuse_space");
  g_assert_cmpuint (ppv_watch_timeline_get_n_snapshots (t), ==, 4);
  g_assert_cmpint (ppv_watch_timeline_get_marker (t, PPV_TIMELINE_MARKER_A), ==, 0);
  g_assert_cmpint (ppv_watch_timeline_get_marker (t, PPV_TIMELINE_MARKER_B), ==, 3);
  gtk_test_accessible_assert_property (timeline, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "4 snapshots, 1 failed fetch. A: #1 05:46:40, 1MB. "
                                       "B: #4 05:47:20, 4MB. B selected");

  /* B on the latest follows a new snapshot. */
  ppv_watch_timeline_set_points (t, points, 6, "bytes", "inuse_space");
  g_assert_cmpint (ppv_watch_timeline_get_marker (t, PPV_TIMELINE_MARKER_B), ==, 4);

  /* Moved back, B stays where it was put; A moves too. */
  ppv_watch_timeline_set_marker (t, PPV_TIMELINE_MARKER_B, 2);
  ppv_watch_timeline_set_marker (t, PPV_TIMELINE_MARKER_A, 1);
  ppv_watch_timeline_set_points (t, points, 6, "bytes", "inuse_space");
  g_assert_cmpint (ppv_watch_timeline_get_marker (t, PPV_TIMELINE_MARKER_A), ==, 1);
  g_assert_cmpint (ppv_watch_timeline_get_marker (t, PPV_TIMELINE_MARKER_B), ==, 2);
  gtk_test_accessible_assert_property (timeline, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "5 snapshots, 1 failed fetch. A: #2 05:46:50, 2MB. "
                                       "B: #3 05:47:10, 3MB. B selected");

  /* Out of range is clamped; fewer points pull the markers in. */
  ppv_watch_timeline_set_marker (t, PPV_TIMELINE_MARKER_B, 99);
  g_assert_cmpint (ppv_watch_timeline_get_marker (t, PPV_TIMELINE_MARKER_B), ==, 4);
  ppv_watch_timeline_set_points (t, points, 2, "bytes", "inuse_space");
  g_assert_cmpint (ppv_watch_timeline_get_marker (t, PPV_TIMELINE_MARKER_A), ==, 1);
  g_assert_cmpint (ppv_watch_timeline_get_marker (t, PPV_TIMELINE_MARKER_B), ==, 1);

  /* A series to overlay, and it draws with gaps and restarts. */
  ppv_watch_timeline_set_points (t, points, 6, "bytes", "inuse_space");
  ppv_watch_timeline_set_series (t, "main.leak", series, G_N_ELEMENTS (series));
  gtk_test_widget_wait_for_draw (timeline);
  ppv_watch_timeline_set_series (t, NULL, NULL, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static PpvGrowthRow *
row (const char *name,
     gint64      a,
     gint64      b,
     guint       grew)
{
  gint64 values[] = { a, b };

  return ppv_growth_row_new (name, "bytes", a, b, (double) (b - a), grew, 1, values, 2);
}

static GPtrArray *
rows (PpvGrowthRow *first,
      ...)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (PpvGrowthRow *r = first; r != NULL; r = va_arg (args, PpvGrowthRow *))
    g_ptr_array_add (array, r);
  va_end (args);
  return array;
}

static GListModel *
table_model (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GListModel *model;

      if (GTK_IS_COLUMN_VIEW (child))
        return G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (child)));
      if ((model = table_model (child)) != NULL)
        return model;
    }
  return NULL;
}

static const char *
name_at (GListModel *model,
         guint       position)
{
  g_autoptr(PpvGrowthRow) item = g_list_model_get_item (model, position);

  return item != NULL ? ppv_growth_row_get_name (item) : NULL;
}

static void
test_growth_table (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *table = ppv_growth_table_new ();
  GListModel *model;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;
  PpvGrowthRow *kept;
  gboolean descending;

  gtk_window_set_child (GTK_WINDOW (window), table);
  gtk_window_present (GTK_WINDOW (window));
  model = table_model (table);
  g_assert_nonnull (model);

  /* By growth, largest first, is the ranking's order: nothing to sort. */
  g_assert_cmpint (ppv_growth_table_get_sort (PPV_GROWTH_TABLE (table), &descending), ==, PPV_GROWTH_SORT_RANK);
  g_assert_false (descending);

  first = rows (row ("a", 0, 5, 1), row ("b", 0, 3, 1), row ("c", 0, 1, 1), NULL);
  ppv_growth_table_set_rows (PPV_GROWTH_TABLE (table), first);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), 1, TRUE);
  g_assert_cmpstr (ppv_growth_row_get_name (ppv_growth_table_get_selected (PPV_GROWTH_TABLE (table))), ==, "b");
  kept = g_list_model_get_item (model, 0);
  g_object_unref (kept);
  gtk_test_widget_wait_for_draw (table);

  /* A new ranking: the items stay (positions), their content changes,
   * the selection follows its function. */
  second = rows (row ("b", 0, 9, 1), row ("a", 0, 5, 1), row ("c", 0, 1, 1), row ("d", 0, 0, 0), NULL);
  ppv_growth_table_set_rows (PPV_GROWTH_TABLE (table), second);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_true (g_list_model_get_item (model, 0) == (gpointer) kept && G_OBJECT (kept)->ref_count > 1);
  g_object_unref (kept);
  g_assert_cmpstr (name_at (model, 0), ==, "b");
  g_assert_cmpstr (name_at (model, 1), ==, "a");
  g_assert_cmpstr (name_at (model, 3), ==, "d");
  g_assert_cmpint (ppv_growth_row_get_delta (ppv_growth_table_get_selected (PPV_GROWTH_TABLE (table))), ==, 9);
  g_assert_cmpstr (ppv_growth_row_get_name (ppv_growth_table_get_selected (PPV_GROWTH_TABLE (table))), ==, "b");
  /* The array given keeps the old content, to be freed anywhere. */
  g_assert_cmpstr (ppv_growth_row_get_name (second->pdata[0]), ==, "a");

  /* Fewer rows, the selected function gone: nothing selected. */
  third = rows (row ("c", 0, 2, 1), NULL);
  ppv_growth_table_set_rows (PPV_GROWTH_TABLE (table), third);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (name_at (model, 0), ==, "c");
  g_assert_null (ppv_growth_table_get_selected (PPV_GROWTH_TABLE (table)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_row_orders (void)
{
  g_autoptr(GPtrArray) array = rows (row ("m", 10, 40, 3), row ("z", 0, 30, 1), row ("a", 5, 35, 3),
                                     row ("k", 0, 1, 3), NULL);
  const char *by_name[] = { "a", "k", "m", "z" };
  const char *by_grew_descending[] = { "m", "a", "k", "z" };   /* ties in ranking order */
  const char *by_b[] = { "k", "z", "a", "m" };

  ppv_growth_rows_sort (array, PPV_GROWTH_SORT_NAME, FALSE);
  for (guint i = 0; i < array->len; i++)
    g_assert_cmpstr (ppv_growth_row_get_name (array->pdata[i]), ==, by_name[i]);

  /* Each sort starts from the order it is given, as the ranking's. */
  g_clear_pointer (&array, g_ptr_array_unref);
  array = rows (row ("m", 10, 40, 3), row ("z", 0, 30, 1), row ("a", 5, 35, 3), row ("k", 0, 1, 3), NULL);
  ppv_growth_rows_sort (array, PPV_GROWTH_SORT_GREW, TRUE);
  for (guint i = 0; i < array->len; i++)
    g_assert_cmpstr (ppv_growth_row_get_name (array->pdata[i]), ==, by_grew_descending[i]);

  g_clear_pointer (&array, g_ptr_array_unref);
  array = rows (row ("m", 10, 40, 3), row ("z", 0, 30, 1), row ("a", 5, 35, 3), row ("k", 0, 1, 3), NULL);
  ppv_growth_rows_sort (array, PPV_GROWTH_SORT_B, FALSE);
  for (guint i = 0; i < array->len; i++)
    g_assert_cmpstr (ppv_growth_row_get_name (array->pdata[i]), ==, by_b[i]);
}

static gboolean
label_shown (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return gtk_widget_is_visible (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_shown (child, text))
      return TRUE;
  return FALSE;
}

/* A goroutine watch says its ranking hides the runtime; a heap watch
 * has nothing to say. */
static void
test_runtime_note (void)
{
  const char *files[] = { "goroutine.pb.gz", "heap-before.pb.gz" };

  for (guint k = 0; k < G_N_ELEMENTS (files); k++)
    {
      g_autofree char *path = g_build_filename (PPV_FIXTURES_DIR, "profiles", files[k], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(PpvWatchValues) values = ppv_watch_values_new_for_path (path, NULL, NULL, &error);
      g_autoptr(PpvWatchSeries) series = ppv_watch_series_new (NULL);
      GtkWidget *window = gtk_window_new ();
      GtkWidget *view = ppv_watch_view_new ();

      g_assert_no_error (error);
      for (guint i = 0; i < 2; i++)
        g_assert_true (ppv_watch_series_add_snapshot (series, values, i + 1, path, T0 + i * G_USEC_PER_SEC,
                                                      NULL, NULL));
      gtk_window_set_child (GTK_WINDOW (window), view);
      ppv_watch_view_set_series (PPV_WATCH_VIEW (view), series);
      gtk_window_present (GTK_WINDOW (window));
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_cmpint (label_shown (view, "Runtime frames hidden"), ==, k == 0);
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("no display: skipping\n");
      return 77;
    }

  /* Times print in local time: pin it. */
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ppv_application_ensure_resources ();

  g_test_add_func ("/ppv/ui-window/watch/timeline", test_timeline);
  g_test_add_func ("/ppv/ui-window/watch/growth-table", test_growth_table);
  g_test_add_func ("/ppv/ui-window/watch/row-orders", test_row_orders);
  g_test_add_func ("/ppv/ui-window/watch/runtime-note", test_runtime_note);

  return g_test_run ();
}
