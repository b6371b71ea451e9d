/* test-goroutines.c — in-process tests of the Goroutines pane: its rows
 * against the dump's own goroutines, grouping by creator, the search,
 * expanding a group, hidden for other profiles, quick changes and a window
 * closed while it builds.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <string.h>

#include "ppv-goroutine-row.h"
#include "ppv-goroutines-view.h"
#include "ppv-profile-view.h"
#include "views-test-util.h"

typedef struct
{
  GtkWidget         *window;
  PpvProfileView    *view;
  PpvProfile        *profile;
  PpvGoroutinesView *pane;
  GtkColumnView     *table;
} Fixture;

static gboolean
built (gpointer data)
{
  Fixture *fixture = data;

  return !ppv_report_pane_get_loading (PPV_REPORT_PANE (fixture->pane))
         && ppv_goroutines_view_get_groups (fixture->pane) != NULL;
}

static void
fixture_setup (Fixture    *fixture,
               const char *profile_name)
{
  fixture->profile = load_fixture (profile_name);
  fixture->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 700);
  fixture->view = PPV_PROFILE_VIEW (ppv_profile_view_new ());
  fixture->pane = PPV_GOROUTINES_VIEW (ppv_profile_view_get_pane (fixture->view, "goroutines"));
  g_assert_nonnull (fixture->pane);
  fixture->table = GTK_COLUMN_VIEW (find_descendant (GTK_WIDGET (fixture->pane), GTK_TYPE_COLUMN_VIEW));
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  gtk_window_present (GTK_WINDOW (fixture->window));
  ppv_profile_view_set_profile (fixture->view, fixture->profile, profile_name);
}

static void
fixture_teardown (Fixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  ppv_profile_unref (fixture->profile);
  spin (50);
}

/* The search filters in idle steps. */
static gboolean
has_rows (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (fixture->table))) > 0;
}

static gboolean
all_rows (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (fixture->table)))
         == ppv_goroutine_groups_get_n_groups (ppv_goroutines_view_get_groups (fixture->pane));
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
show_pane (Fixture *fixture)
{
  adw_view_stack_set_visible_child_name (ppv_profile_view_get_stack (fixture->view), "goroutines");
  g_assert_true (wait_for (built, fixture, 30000));
}

static GListModel *
rows (Fixture *fixture)
{
  return G_LIST_MODEL (gtk_column_view_get_model (fixture->table));
}

static PpvGoroutineRow *
row_at (Fixture *fixture,
        guint    position)
{
  g_autoptr(GtkTreeListRow) tree_row = g_list_model_get_item (rows (fixture), position);

  return gtk_tree_list_row_get_item (tree_row);
}

/* Where a goroutine of the profile waits, as the dump prints it: its first
 * frame outside package runtime. */
static const char *
sample_where (PpvProfile *p,
              guint32     s)
{
  const char *first = NULL;

  for (guint32 i = 0; i < p->samples[s].n_locations; i++)
    {
      const PpvLocation *loc = &p->locations[p->stacks[p->samples[s].stack_offset + i]];
      const char *name = p->functions[p->lines[loc->lines_offset].function].name;

      if (first == NULL)
        first = name;
      if (!g_str_has_prefix (name, "runtime."))
        return name;
    }
  return first != NULL ? first : "";
}

static void
test_dump (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  const char *most = NULL;
  guint most_count = 0;
  g_autoptr(PpvGoroutineRow) first = NULL;

  fixture_setup (&fixture, "goroutine-debug2.txt");
  show_pane (&fixture);

  /* Counted from the profile's goroutines, one sample each. */
  for (guint32 s = 0; s < fixture.profile->n_samples; s++)
    {
      const char *where = sample_where (fixture.profile, s);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, where)) + 1;

      g_hash_table_insert (counts, (gpointer) where, GUINT_TO_POINTER (n));
      if (n > most_count)
        {
          most = where;
          most_count = n;
        }
    }

  first = row_at (&fixture, 0);
  g_assert_cmpstr (ppv_goroutine_row_get_function (first), ==, most);
  g_assert_cmpint (ppv_goroutine_row_get_group (first)->count, ==, most_count);
  g_assert_cmpuint (g_list_model_get_n_items (rows (&fixture)), ==,
                    ppv_goroutine_groups_get_n_groups (ppv_goroutines_view_get_groups (fixture.pane)));
  g_assert_true (g_str_has_prefix (ppv_goroutines_view_get_summary (fixture.pane), "14 goroutines"));
  save_shot (fixture.window, "goroutines-inprocess.png");

  /* Cells bound and a row shown leave no reference behind: the rows go
   * with the window. */
  {
    PpvGoroutineRow *shown = g_steal_pointer (&first);

    g_object_add_weak_pointer (G_OBJECT (shown), (gpointer *) &shown);
    g_object_unref (shown);
    g_assert_nonnull (shown);
    fixture_teardown (&fixture);
    g_assert_true (wait_for (is_null, &shown, 5000));
  }
}

static void
test_expand_and_group (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GtkTreeListRow) tree_row = NULL;
  g_autoptr(PpvGoroutineRow) first = NULL;
  g_autoptr(PpvGoroutineRow) frame = NULL;
  guint n;

  fixture_setup (&fixture, "goroutine-debug2.txt");
  show_pane (&fixture);

  /* A stack group opens to its frames, with file and line. */
  n = g_list_model_get_n_items (rows (&fixture));
  tree_row = g_list_model_get_item (rows (&fixture), 0);
  first = gtk_tree_list_row_get_item (tree_row);
  gtk_tree_list_row_set_expanded (tree_row, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (rows (&fixture)), ==, n + ppv_goroutine_row_get_group (first)->n_frames);
  frame = row_at (&fixture, 1);
  g_assert_nonnull (ppv_goroutine_row_get_frame (frame));
  g_assert_cmpint (ppv_goroutine_row_get_frame (frame)->line, >, 0);
  g_assert_cmpstr (ppv_goroutine_row_get_frame (frame)->file, !=, "");

  /* By creator: each group lists its stacks, and their counts add up. */
  ppv_goroutines_view_set_grouping (fixture.pane, PPV_GOROUTINE_BY_CREATOR);
  g_assert_true (ppv_report_pane_get_loading (PPV_REPORT_PANE (fixture.pane)));
  g_assert_true (wait_for (built, &fixture, 30000));
  g_assert_cmpint (ppv_goroutine_groups_get_grouping (ppv_goroutines_view_get_groups (fixture.pane)), ==,
                   PPV_GOROUTINE_BY_CREATOR);
  for (guint i = 0; i < g_list_model_get_n_items (rows (&fixture)); i++)
    {
      g_autoptr(PpvGoroutineRow) row = row_at (&fixture, i);
      PpvGoroutineGroups *groups = ppv_goroutine_row_get_groups (row);
      const PpvGoroutineGroup *group = ppv_goroutine_row_get_group (row);
      gint64 sum = 0;

      g_assert_null (ppv_goroutine_row_get_function (row));
      for (guint32 j = 0; j < group->n_children; j++)
        sum += ppv_goroutine_groups_get_child (groups, group, j)->count;
      g_assert_cmpint (sum, ==, group->count);
    }

  /* The search keeps the groups with a matching frame (in idle steps). */
  ppv_goroutines_view_set_grouping (fixture.pane, PPV_GOROUTINE_BY_STACK);
  g_assert_true (wait_for (built, &fixture, 30000));
  ppv_report_pane_set_search (PPV_REPORT_PANE (fixture.pane), "sleep");
  g_assert_true (wait_for (has_rows, &fixture, 10000));
  spin (100);
  n = g_list_model_get_n_items (rows (&fixture));
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PpvGoroutineRow) row = row_at (&fixture, i);

      g_assert_true (ppv_goroutine_row_matches (row, "sleep"));
    }
  g_assert_cmpuint (n, <, ppv_goroutine_groups_get_n_groups (ppv_goroutines_view_get_groups (fixture.pane)));
  ppv_report_pane_set_search (PPV_REPORT_PANE (fixture.pane), NULL);
  g_assert_true (wait_for (all_rows, &fixture, 10000));

  fixture_teardown (&fixture);
}

/* Only goroutine profiles have the page; the switcher loses it for others. */
static void
test_hidden (void)
{
  Fixture fixture = { 0 };
  AdwViewStack *stack;
  g_autoptr(PpvProfile) heap = load_fixture ("heap.pb.gz");

  fixture_setup (&fixture, "goroutine.pb.gz");
  show_pane (&fixture);
  stack = ppv_profile_view_get_stack (fixture.view);
  g_assert_true (adw_view_stack_page_get_visible (adw_view_stack_get_page (stack, GTK_WIDGET (fixture.pane))));
  /* A proto goroutine profile: no states to group by. */
  g_assert_false (ppv_goroutine_groups_has_states (ppv_goroutines_view_get_groups (fixture.pane)));

  ppv_profile_view_set_profile (fixture.view, heap, "heap.pb.gz");
  g_assert_false (adw_view_stack_page_get_visible (adw_view_stack_get_page (stack, GTK_WIDGET (fixture.pane))));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "top");

  fixture_teardown (&fixture);
}

/* Quick changes cost one build each and leave nothing behind; a window
 * closed while the pane builds is no trouble (run under ASan in CI). */
static void
test_quick_changes (void)
{
  Fixture fixture = { 0 };
  g_autoptr(PpvProfile) proto = load_fixture ("goroutine.pb.gz");

  fixture_setup (&fixture, "goroutine-debug2.txt");
  show_pane (&fixture);
  for (guint i = 0; i < 10; i++)
    {
      ppv_goroutines_view_set_grouping (fixture.pane, i % 3);
      ppv_report_pane_set_search (PPV_REPORT_PANE (fixture.pane), i % 2 ? "main" : NULL);
      ppv_profile_view_set_profile (fixture.view, i % 2 ? proto : fixture.profile, "x");
      adw_view_stack_set_visible_child_name (ppv_profile_view_get_stack (fixture.view), "goroutines");
      spin (i * 3);
    }
  g_assert_true (wait_for (built, &fixture, 30000));
  g_assert_cmpint (ppv_goroutine_groups_get_total (ppv_goroutines_view_get_groups (fixture.pane)), ==, 14);

  ppv_goroutines_view_set_grouping (fixture.pane, PPV_GOROUTINE_BY_STATE);
  fixture_teardown (&fixture);
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

  g_test_add_func ("/ppv/ui-views/goroutines/dump", test_dump);
  g_test_add_func ("/ppv/ui-views/goroutines/expand-and-group", test_expand_and_group);
  g_test_add_func ("/ppv/ui-views/goroutines/hidden", test_hidden);
  g_test_add_func ("/ppv/ui-views/goroutines/quick-changes", test_quick_changes);

  return g_test_run ();
}
