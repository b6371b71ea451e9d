/* test-report-pane.c — the view contract: a pane made for the tests
 * (ppv-test-pane.c) joins a profile view beside the table and the graph
 * without either knowing it, shares the current function, gets the
 * search, appears in "Show in", and builds only while it is shown.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

#include "ppv-graph-view-private.h"
#include "ppv-profile-view.h"
#include "ppv-test-pane.h"
#include "ppv-top-view.h"
#include "views-test-util.h"

typedef struct
{
  GtkWidget      *window;
  PpvProfileView *view;
  PpvTopView     *top;
  PpvTestPane    *pane;
  guint           top_reports;
  guint           pane_updates;
} Fixture;

static void
on_report (PpvTopView *top,
           Fixture    *fixture)
{
  fixture->top_reports++;
}

static void
on_pane_updated (PpvReportPane *pane,
                 Fixture       *fixture)
{
  fixture->pane_updates++;
}

static gboolean
nothing_loading (gpointer data)
{
  Fixture *fixture = data;

  const char * const names[] = { "top", "graph", "test" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (ppv_report_pane_get_loading (ppv_profile_view_get_pane (fixture->view, names[i])))
      return FALSE;
  return TRUE;
}

static gboolean
table_built (gpointer data)
{
  Fixture *fixture = data;

  return fixture->top_reports > 0 && nothing_loading (fixture);
}

static gboolean
pane_built (gpointer data)
{
  Fixture *fixture = data;

  return fixture->pane_updates > 0 && nothing_loading (fixture);
}

static void
fixture_setup (Fixture *fixture)
{
  g_autoptr(PpvProfile) profile = load_fixture ("heap.pb.gz");

  fixture->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  fixture->view = PPV_PROFILE_VIEW (ppv_profile_view_new ());
  fixture->top = PPV_TOP_VIEW (ppv_profile_view_get_pane (fixture->view, "top"));
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  g_signal_connect (fixture->top, "report-changed", G_CALLBACK (on_report), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));

  ppv_profile_view_set_profile (fixture->view, profile, "heap.pb.gz");

  /* The new pane joins a view that already shows a profile. */
  fixture->pane = PPV_TEST_PANE (ppv_test_pane_new ());
  g_signal_connect (fixture->pane, "updated", G_CALLBACK (on_pane_updated), fixture);
  ppv_profile_view_add_pane (fixture->view, PPV_REPORT_PANE (fixture->pane));
  g_assert_true (ppv_profile_view_get_pane (fixture->view, "test") == PPV_REPORT_PANE (fixture->pane));

  g_assert_true (wait_for (table_built, fixture, 30000));
}

static void
fixture_teardown (Fixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
}

/* Shows page @name and waits for its pane if that builds (the result
 * lands in the same callback that ends loading). */
static void
show (Fixture    *fixture,
      const char *name)
{
  adw_view_stack_set_visible_child_name (ppv_profile_view_get_stack (fixture->view), name);
  g_assert_true (wait_for (nothing_loading, fixture, 30000));
}

static gboolean
searched (gpointer data)
{
  return g_strcmp0 (ppv_test_pane_get_search (data), "alloc") == 0;
}

/* Selecting in the table selects in the test pane and back. */
static void
test_pane_joins_selection (void)
{
  Fixture fixture = { 0 };
  PpvReportPane *graph;
  PpvTopRow *row;

  fixture_setup (&fixture);
  graph = ppv_profile_view_get_pane (fixture.view, "graph");

  /* A hidden pane remembers the current function... */
  click_row (fixture.top, "main.buildMap");
  g_assert_cmpstr (ppv_profile_view_get_current_name (fixture.view), ==, "main.buildMap");
  g_assert_cmpstr (ppv_report_pane_get_selected_name (PPV_REPORT_PANE (fixture.pane)), ==, "main.buildMap");
  g_assert_null (ppv_test_pane_get_selected (fixture.pane));

  /* ...and shows it once built. */
  show (&fixture, "test");
  g_assert_cmpuint (ppv_test_pane_get_n_builds (fixture.pane), ==, 1);
  g_assert_cmpstr (ppv_test_pane_get_selected (fixture.pane), ==, "main.buildMap");

  /* Selecting in the pane selects in the table and the graph. */
  ppv_test_pane_click (fixture.pane, "main.allocSmall");
  g_assert_cmpstr (ppv_profile_view_get_current_name (fixture.view), ==, "main.allocSmall");
  row = ppv_top_view_get_selected (fixture.top);
  g_assert_nonnull (row);
  g_assert_cmpstr (ppv_top_row_get_plain_name (row), ==, "main.allocSmall");
  g_assert_cmpstr (ppv_report_pane_get_selected_name (graph), ==, "main.allocSmall");
  show (&fixture, "graph");
  g_assert_cmpstr (ppv_graph_view_get_selected_name (PPV_GRAPH_VIEW (graph)), ==, "main.allocSmall");

  /* A function the pane does not show clears its selection. */
  ppv_test_pane_click (fixture.pane, "no.such.function");
  g_assert_cmpstr (ppv_profile_view_get_current_name (fixture.view), ==, "main.allocSmall");
  g_assert_null (ppv_test_pane_get_selected (fixture.pane));

  /* Search reaches every pane. */
  gtk_editable_set_text (GTK_EDITABLE (gtk_search_bar_get_child (GTK_SEARCH_BAR (
                           find_descendant (GTK_WIDGET (fixture.view), GTK_TYPE_SEARCH_BAR)))),
                         "alloc");
  g_assert_true (wait_for (searched, fixture.pane, 2000));
  g_assert_cmpstr (ppv_test_pane_get_search (fixture.pane), ==, "alloc");

  fixture_teardown (&fixture);
}

/* The pages that @menu's view.show-in items (at any depth) show
 * @plain_name in, joined by spaces. */
static void
collect_show_in (GMenuModel *menu,
                 const char *plain_name,
                 GString    *pages)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *action = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (menu, i);
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action)
          && g_str_equal (action, "view.show-in"))
        {
          g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET,
                                                                              G_VARIANT_TYPE ("(ss)"));
          const char *page, *name;

          g_variant_get (target, "(&s&s)", &page, &name);
          g_assert_cmpstr (name, ==, plain_name);
          g_string_append_printf (pages, "%s%s", pages->len > 0 ? " " : "", page);
        }
      while (g_menu_link_iter_get_next (links, NULL, &link))
        {
          collect_show_in (link, plain_name, pages);
          g_object_unref (link);
        }
    }
}

/* Every pane's menu offers every other pane; view.show-in shows it. */
static void
test_pane_show_in (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GString) pages = g_string_new (NULL);
  PpvGraphView *graph;
  GtkPopoverMenu *popover;

  fixture_setup (&fixture);

  /* The table's row menu. */
  ppv_report_pane_append_show_in (PPV_REPORT_PANE (fixture.top), menu, "main.buildMap");
  g_assert_cmpint (g_menu_model_get_n_items (G_MENU_MODEL (menu)), ==, 1);
  collect_show_in (G_MENU_MODEL (menu), "main.buildMap", pages);
  g_assert_cmpstr (pages->str, ==, "graph flame callers test");

  /* The graph's node menu. */
  graph = PPV_GRAPH_VIEW (ppv_profile_view_get_pane (fixture.view, "graph"));
  show (&fixture, "graph");
  ppv_report_pane_select_name (PPV_REPORT_PANE (graph), "main.buildMap");
  g_assert_true (_ppv_graph_view_popup_menu_for_selection (GTK_WIDGET (graph), NULL, NULL));
  popover = GTK_POPOVER_MENU (find_descendant (GTK_WIDGET (graph), GTK_TYPE_POPOVER_MENU));
  g_string_truncate (pages, 0);
  collect_show_in (gtk_popover_menu_get_menu_model (popover), "main.buildMap", pages);
  g_assert_cmpstr (pages->str, ==, "top flame callers test");
  gtk_popover_popdown (GTK_POPOVER (popover));
  show (&fixture, "top");

  fixture.pane_updates = 0;
  gtk_widget_activate_action (GTK_WIDGET (fixture.top), "view.show-in", "(ss)", "test", "main.buildMap");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ppv_profile_view_get_stack (fixture.view)), ==, "test");
  g_assert_true (wait_for (pane_built, &fixture, 30000));
  g_assert_cmpstr (ppv_test_pane_get_selected (fixture.pane), ==, "main.buildMap");
  g_assert_cmpstr (ppv_top_row_get_plain_name (ppv_top_view_get_selected (fixture.top)), ==, "main.buildMap");

  fixture_teardown (&fixture);
}

/* Only the shown pane builds: a hidden one is stale until shown. */
static void
test_pane_built_when_shown (void)
{
  Fixture fixture = { 0 };

  fixture_setup (&fixture);
  spin (200);
  g_assert_cmpuint (ppv_test_pane_get_n_builds (fixture.pane), ==, 0);
  g_assert_true (ppv_report_pane_get_stale (PPV_REPORT_PANE (fixture.pane)));
  g_assert_false (ppv_report_pane_get_loading (PPV_REPORT_PANE (fixture.pane)));

  /* Shown: it builds once. */
  show (&fixture, "test");
  g_assert_cmpuint (ppv_test_pane_get_n_builds (fixture.pane), ==, 1);
  g_assert_false (ppv_report_pane_get_stale (PPV_REPORT_PANE (fixture.pane)));
  g_assert_nonnull (ppv_report_pane_get_report (PPV_REPORT_PANE (fixture.pane)));
  g_assert_cmpstr (ppv_report_get_type_name (ppv_report_pane_get_report (PPV_REPORT_PANE (fixture.pane))),
                   ==, "inuse_space");

  /* Shown again with nothing changed: no build. */
  show (&fixture, "top");
  show (&fixture, "test");
  spin (100);
  g_assert_cmpuint (ppv_test_pane_get_n_builds (fixture.pane), ==, 1);

  /* Options change while it is hidden: the table rebuilds, the pane
   * does not, however many changes come... */
  show (&fixture, "top");
  fixture.top_reports = 0;
  gtk_widget_activate_action (GTK_WIDGET (fixture.top), "view.refine", "(ss)", "hide", "main.allocSmall");
  gtk_widget_activate_action (GTK_WIDGET (fixture.top), "view.refine", "(ss)", "hide", "main.allocLarge");
  g_assert_true (wait_for (table_built, &fixture, 30000));
  spin (200);
  g_assert_cmpuint (ppv_test_pane_get_n_builds (fixture.pane), ==, 1);
  g_assert_true (ppv_report_pane_get_stale (PPV_REPORT_PANE (fixture.pane)));

  /* ...until it is shown: one build, for the newest options. */
  show (&fixture, "test");
  g_assert_cmpuint (ppv_test_pane_get_n_builds (fixture.pane), ==, 2);
  g_assert_cmpstr (ppv_report_get_options (ppv_report_pane_get_report (PPV_REPORT_PANE (fixture.pane)))->hide,
                   ==, "^main\\.allocLarge$|^main\\.allocSmall$");

  /* A change while it is shown builds it at once; the hidden table waits. */
  fixture.pane_updates = 0;
  fixture.top_reports = 0;
  gtk_widget_activate_action (GTK_WIDGET (fixture.pane), "view.reset-filters", NULL);
  g_assert_true (wait_for (pane_built, &fixture, 30000));
  g_assert_cmpuint (ppv_test_pane_get_n_builds (fixture.pane), ==, 3);
  g_assert_null (ppv_report_get_options (ppv_report_pane_get_report (PPV_REPORT_PANE (fixture.pane)))->hide);
  g_assert_cmpuint (fixture.top_reports, ==, 0);
  g_assert_true (ppv_report_pane_get_stale (PPV_REPORT_PANE (fixture.top)));

  /* No profile: every pane is cleared at once, shown or not. */
  ppv_profile_view_set_profile (fixture.view, NULL, NULL);
  g_assert_null (ppv_report_pane_get_report (PPV_REPORT_PANE (fixture.pane)));
  g_assert_null (ppv_top_view_get_report (fixture.top));
  g_assert_false (ppv_report_pane_get_stale (PPV_REPORT_PANE (fixture.top)));
  g_assert_true (nothing_loading (&fixture));
  g_assert_cmpuint (ppv_test_pane_get_n_builds (fixture.pane), ==, 3);

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

  g_test_add_func ("/ppv/ui-views/pane/joins-selection", test_pane_joins_selection);
  g_test_add_func ("/ppv/ui-views/pane/show-in", test_pane_show_in);
  g_test_add_func ("/ppv/ui-views/pane/built-when-shown", test_pane_built_when_shown);

  return g_test_run ();
}
