/* test-flame.c — in-process tests of the Flame Graph and Callers and
 * Callees panes: the tree against the folded stacks, box widths, click
 * zoom and back, the search total against a focused report, the shared
 * selection both ways, the keyboard, export; and screenshots.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "ppv-callers-view.h"
#include "ppv-flame-svg.h"
#include "ppv-flame-view.h"
#include "ppv-profile-view-private.h"
#include "ppv-reader.h"
#include "ppv-top-view.h"
#include "flame-test-fixture.h"
#include "views-test-util.h"

/* The canvas's primary click, as a release at (@x, @y) delivers it. */
static void
click_canvas (PpvFlameCanvas *canvas,
              double          x,
              double          y)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (canvas));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller)
          && gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_PRIMARY)
        {
          g_signal_emit_by_name (controller, "released", 1, x, y);
          spin (20);
          return;
        }
    }
  g_assert_not_reached ();
}

static gboolean
canvas_made (gpointer data)
{
  return !ppv_flame_canvas_get_making (data);
}

static void
click_node (PpvFlameCanvas *canvas,
            guint32         node)
{
  graphene_rect_t area;

  g_assert_true (ppv_flame_canvas_get_node_area (canvas, node, &area));
  click_canvas (canvas, area.origin.x + area.size.width / 2, area.origin.y + area.size.height / 2);
}

/* The node @depth levels down the largest-first path: a box wide enough
 * to see and click. */
static guint32
wide_descendant (PpvStackTree *tree,
                 guint         depth)
{
  guint32 node = 0;

  for (guint d = 0; d < depth; d++)
    {
      guint32 child = ppv_stack_tree_get_first_child (tree, node);

      if (child == PPV_NONE)
        break;
      node = child;
    }
  return node;
}

/* Every node in display order, with its depth and values: two trees
 * print the same when they are the same. */
static void
print_node (PpvStackTree *tree,
            guint32       node,
            GString      *out)
{
  g_string_append_printf (out, "%u %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "%s\n",
                          ppv_stack_tree_get_depth (tree, node), ppv_stack_tree_get_name (tree, node),
                          ppv_stack_tree_get_total (tree, node), ppv_stack_tree_get_self (tree, node),
                          ppv_stack_tree_is_inlined (tree, node) ? " inlined" : "");
  for (guint32 child = ppv_stack_tree_get_first_child (tree, node);
       child != PPV_NONE;
       child = ppv_stack_tree_get_next_sibling (tree, child))
    print_node (tree, child, out);
}

static char *
print_tree (PpvStackTree *tree)
{
  GString *out = g_string_new (NULL);

  print_node (tree, 0, out);
  return g_string_free (out, FALSE);
}

/* --- The tree ------------------------------------------------------------ */

static void
test_flame_tree (void)
{
  Fixture fixture = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GError) error = NULL;
  PpvStackTree *tree;
  graphene_rect_t root_area, area;
  int width;

  fixture_setup (&fixture, "cpu.pb.gz", FALSE);
  tree = ppv_flame_view_get_tree (fixture.flame);

  /* What the pane built is what --folded prints (checked against Go's
   * profile package in the data fixtures). */
  path = g_build_filename (fixtures_dir (), "expected", "folded", "folded_cpu.txt", NULL);
  g_file_get_contents (path, &expected, NULL, &error);
  g_assert_no_error (error);
  folded = ppv_stack_tree_format_folded (tree);
  g_assert_cmpstr (folded, ==, expected);

  /* The root spans the width; a box's width is its share of the root. */
  width = gtk_widget_get_width (GTK_WIDGET (fixture.canvas));
  g_assert_cmpint (width, >, 500);
  g_assert_true (ppv_flame_canvas_get_node_area (fixture.canvas, 0, &root_area));
  g_assert_cmpfloat (root_area.origin.x, ==, 0);
  g_assert_cmpfloat_with_epsilon (root_area.size.width, width, 0.5);
  for (guint32 child = ppv_stack_tree_get_first_child (tree, 0);
       child != PPV_NONE;
       child = ppv_stack_tree_get_next_sibling (tree, child))
    {
      double want = (double) ppv_stack_tree_get_total (tree, child) / ppv_stack_tree_get_total (tree, 0) * width;

      if (want < 1)
        continue;
      g_assert_true (ppv_flame_canvas_get_node_area (fixture.canvas, child, &area));
      g_assert_cmpfloat_with_epsilon (area.size.width, want, 1.0);
      g_assert_cmpfloat (area.origin.y, >=, root_area.origin.y + root_area.size.height - 0.5);
    }
  g_assert_cmpuint (ppv_flame_canvas_get_n_drawn (fixture.canvas), >, 3);
  save_shot (fixture.window, "flame-light.png");

  fixture_teardown (&fixture);
}

/* --- Zoom ---------------------------------------------------------------- */

static void
test_flame_zoom (void)
{
  Fixture fixture = { 0 };
  PpvStackTree *tree;
  guint32 node, parent;
  graphene_rect_t area, parent_area;
  int width;

  fixture_setup (&fixture, "cpu.pb.gz", FALSE);
  tree = ppv_flame_view_get_tree (fixture.flame);
  width = gtk_widget_get_width (GTK_WIDGET (fixture.canvas));

  /* A box three levels down, narrower than the root. */
  node = wide_descendant (tree, 4);
  parent = ppv_stack_tree_get_parent (tree, node);
  g_assert_cmpint (ppv_stack_tree_get_total (tree, node), <, ppv_stack_tree_get_total (tree, 0));
  g_assert_true (ppv_flame_canvas_get_node_area (fixture.canvas, node, &area));
  g_assert_cmpfloat (area.size.width, <, width - 1);

  click_node (fixture.canvas, node);
  g_assert_cmpuint (ppv_flame_canvas_get_zoom (fixture.canvas), ==, node);
  g_assert_cmpuint (ppv_flame_canvas_get_cursor (fixture.canvas), ==, node);
  /* Its nodes are made in a worker, the old picture shown until then. */
  g_assert_true (wait_for (canvas_made, fixture.canvas, 20000));
  ppv_flame_canvas_zoom_back (fixture.canvas);
  ppv_flame_canvas_zoom_to (fixture.canvas, node);
  g_assert_true (ppv_flame_canvas_get_making (fixture.canvas));
  g_assert_true (wait_for (canvas_made, fixture.canvas, 20000));
  gtk_test_widget_wait_for_draw (fixture.window);
  g_assert_cmpuint (ppv_flame_canvas_get_n_drawn (fixture.canvas), >, ppv_stack_tree_get_depth (tree, node) + 1);
  /* It spans the width now; its ancestors stay above, full width. */
  g_assert_true (ppv_flame_canvas_get_node_area (fixture.canvas, node, &area));
  g_assert_cmpfloat_with_epsilon (area.size.width, width, 0.5);
  g_assert_true (ppv_flame_canvas_get_node_area (fixture.canvas, parent, &parent_area));
  g_assert_cmpfloat_with_epsilon (parent_area.size.width, width, 0.5);
  g_assert_cmpfloat (parent_area.origin.y, <, area.origin.y);
  /* The click selected its function everywhere. */
  g_assert_cmpuint (fixture.selected->len, >, 0);
  g_assert_cmpstr (g_ptr_array_index (fixture.selected, fixture.selected->len - 1), ==,
                   ppv_stack_tree_get_name (tree, node));
  g_assert_nonnull (ppv_top_view_get_selected (fixture.top));
  g_assert_cmpstr (ppv_top_row_get_plain_name (ppv_top_view_get_selected (fixture.top)), ==,
                   ppv_stack_tree_get_name (tree, node));
  save_shot (fixture.window, "flame-zoomed.png");

  /* A breadcrumb row zooms out to it; Backspace goes back to where the
   * zoom was before, then up. */
  click_node (fixture.canvas, parent);
  g_assert_cmpuint (ppv_flame_canvas_get_zoom (fixture.canvas), ==, parent);
  g_assert_true (press_key (fixture.window, GDK_KEY_BackSpace, 0));
  g_assert_cmpuint (ppv_flame_canvas_get_zoom (fixture.canvas), ==, node);
  g_assert_true (press_key (fixture.window, GDK_KEY_BackSpace, 0));
  g_assert_cmpuint (ppv_flame_canvas_get_zoom (fixture.canvas), ==, 0);
  /* At the root, Escape has nowhere to go. */
  g_assert_false (ppv_flame_canvas_zoom_back (fixture.canvas));

  fixture_teardown (&fixture);
}

/* --- Search -------------------------------------------------------------- */

static gboolean
matches_ready (gpointer data)
{
  Fixture *fixture = data;

  return ppv_flame_view_get_match_total (fixture->flame, NULL, NULL);
}

static void
check_search (Fixture    *fixture,
              const char *needle)
{
  g_autoptr(PpvReport) focused = NULL;
  g_autoptr(GError) error = NULL;
  PpvReportOptions options;
  gint64 total, kept = 0;
  guint n_boxes;
  g_autofree char *value = NULL;

  gtk_editable_set_text (GTK_EDITABLE (fixture->view->search_entry), needle);
  g_signal_emit_by_name (fixture->view->search_entry, "search-changed");
  g_assert_true (wait_for (matches_ready, fixture, 20000));
  g_assert_true (ppv_flame_view_get_match_total (fixture->flame, &total, &n_boxes));

  /* What --top --focus=NEEDLE says it shows ("Showing nodes accounting
   * for X"): the samples focus keeps, the same stacks, each once.  Every
   * row (no node fraction): their flat values sum to that. */
  ppv_report_options_copy (&options, ppv_report_pane_get_options (PPV_REPORT_PANE (fixture->flame)));
  g_free (options.focus);
  options.focus = g_strdup (needle);
  options.nodefraction = 0;
  focused = ppv_report_new (fixture->profile, &options, PPV_REPORT_KIND_TEXT, NULL, &error);
  ppv_report_options_clear (&options);
  g_assert_no_error (error);
  for (guint i = 0; i < ppv_report_get_n_rows (focused); i++)
    kept += ppv_report_get_row (focused, i)->flat;
  g_assert_cmpint (kept, >, 0);
  g_assert_cmpint (total, ==, kept);
  g_assert_cmpuint (n_boxes, >, 0);

  value = ppv_stack_tree_format_value (ppv_flame_view_get_tree (fixture->flame), kept);
  g_assert_nonnull (strstr (ppv_flame_view_get_match_text (fixture->flame), value));
}

static void
test_flame_search (void)
{
  Fixture fixture = { 0 };

  fixture_setup (&fixture, "cpu.pb.gz", FALSE);
  /* main.sortLoop calls sort.*: nested matches count once. */
  check_search (&fixture, "sort");
  save_shot (fixture.window, "flame-search.png");
  check_search (&fixture, "sha256");
  check_search (&fixture, "math");

  gtk_editable_set_text (GTK_EDITABLE (fixture.view->search_entry), "");
  g_signal_emit_by_name (fixture.view->search_entry, "search-changed");
  g_assert_false (ppv_flame_view_get_match_total (fixture.flame, NULL, NULL));
  g_assert_cmpstr (ppv_flame_view_get_match_text (fixture.flame), ==, "");
  fixture_teardown (&fixture);
}

/* --- Selection and keys -------------------------------------------------- */

static void
test_flame_selection (void)
{
  Fixture fixture = { 0 };
  PpvStackTree *tree;
  guint32 cursor, first;

  fixture_setup (&fixture, "cpu.pb.gz", FALSE);
  tree = ppv_flame_view_get_tree (fixture.flame);

  /* A row chosen in Top: the flame graph outlines its boxes. */
  adw_view_stack_set_visible_child_name (ppv_profile_view_get_stack (fixture.view), "top");
  spin (50);
  click_row (fixture.top, "sort.partition");
  g_assert_cmpstr (ppv_flame_canvas_get_selected_name (fixture.canvas), ==, "sort.partition");
  adw_view_stack_set_visible_child_name (ppv_profile_view_get_stack (fixture.view), "flame");
  spin (50);

  /* The keyboard: the first arrow lands below the root. */
  gtk_widget_grab_focus (GTK_WIDGET (fixture.canvas));
  g_assert_true (press_key (fixture.window, GDK_KEY_Down, 0));
  first = ppv_stack_tree_get_first_child (tree, 0);
  g_assert_cmpuint (ppv_flame_canvas_get_cursor (fixture.canvas), ==, first);
  g_assert_true (press_key (fixture.window, GDK_KEY_Down, 0));
  cursor = ppv_flame_canvas_get_cursor (fixture.canvas);
  g_assert_cmpuint (cursor, ==, ppv_stack_tree_get_first_child (tree, first));
  /* The box selected is the current function: the table follows. */
  g_assert_cmpstr (ppv_top_row_get_plain_name (ppv_top_view_get_selected (fixture.top)), ==,
                   ppv_stack_tree_get_name (tree, cursor));

  /* Down to a box with siblings, then right and left between them. */
  while (ppv_stack_tree_get_next_sibling (tree, cursor) == PPV_NONE
         && ppv_stack_tree_get_first_child (tree, cursor) != PPV_NONE)
    {
      g_assert_true (press_key (fixture.window, GDK_KEY_Down, 0));
      cursor = ppv_flame_canvas_get_cursor (fixture.canvas);
    }
  g_assert_cmpuint (ppv_stack_tree_get_next_sibling (tree, cursor), !=, PPV_NONE);
  g_assert_true (press_key (fixture.window, GDK_KEY_Right, 0));
  g_assert_cmpuint (ppv_flame_canvas_get_cursor (fixture.canvas), ==,
                    ppv_stack_tree_get_next_sibling (tree, cursor));
  g_assert_cmpstr (ppv_top_row_get_plain_name (ppv_top_view_get_selected (fixture.top)), ==,
                   ppv_stack_tree_get_name (tree, ppv_flame_canvas_get_cursor (fixture.canvas)));
  g_assert_true (press_key (fixture.window, GDK_KEY_Left, 0));
  g_assert_cmpuint (ppv_flame_canvas_get_cursor (fixture.canvas), ==, cursor);
  g_assert_true (press_key (fixture.window, GDK_KEY_Up, 0));
  g_assert_cmpuint (ppv_flame_canvas_get_cursor (fixture.canvas), ==, ppv_stack_tree_get_parent (tree, cursor));

  /* Return zooms into the box under the cursor. */
  cursor = ppv_flame_canvas_get_cursor (fixture.canvas);
  g_assert_true (press_key (fixture.window, GDK_KEY_Return, 0));
  g_assert_cmpuint (ppv_flame_canvas_get_zoom (fixture.canvas), ==, cursor);
  g_assert_true (press_key (fixture.window, GDK_KEY_Escape, 0));
  g_assert_cmpuint (ppv_flame_canvas_get_zoom (fixture.canvas), ==, 0);

  fixture_teardown (&fixture);
}

/* --- The box menu ------------------------------------------------------- */

/* The labels and actions of @model's items, sections and submenus
 * flattened: "label=action". */
static void
collect_items (GMenuModel *model,
               GString    *out)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *action = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        {
          g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
          g_string_append_printf (out, "%s=%s;", label, action != NULL ? action : "");
        }
      while (g_menu_link_iter_get_next (links, NULL, &link))
        {
          collect_items (link, out);
          g_object_unref (link);
        }
    }
}

static gboolean
flame_rebuilt_with_show_from (gpointer data)
{
  Fixture *fixture = data;
  const PpvReportOptions *options = ppv_report_pane_get_options (PPV_REPORT_PANE (fixture->flame));

  return flame_built (data) && options != NULL && options->show_from != NULL;
}

static void
test_flame_menu (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GString) items = g_string_new (NULL);
  g_autoptr(GListModel) controllers = NULL;
  g_autofree char *name = NULL;
  PpvStackTree *tree;
  GtkPopoverMenu *popover;
  graphene_rect_t area;
  guint32 node;

  fixture_setup (&fixture, "cpu.pb.gz", FALSE);
  tree = ppv_flame_view_get_tree (fixture.flame);
  node = wide_descendant (tree, 9);
  g_assert_true (ppv_flame_canvas_get_node_area (fixture.canvas, node, &area));

  /* A right click on the box. */
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture.canvas));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller)
          && gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_SECONDARY)
        g_signal_emit_by_name (controller, "pressed", 1,
                               area.origin.x + area.size.width / 2, area.origin.y + 4.0);
    }
  g_assert_cmpuint (ppv_flame_canvas_get_cursor (fixture.canvas), ==, node);
  popover = GTK_POPOVER_MENU (find_descendant (GTK_WIDGET (fixture.flame), GTK_TYPE_POPOVER_MENU));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  collect_items (gtk_popover_menu_get_menu_model (popover), items);
  for (guint i = 0; i < 8; i++)
    {
      static const char * const want[] = {
        "_Focus on=view.refine", "_Ignore=view.refine", "_Hide=view.refine",
        "Show _From=view.refine", "C_allers and Callees=view.show-in", "_Copy Name=flame.copy",
        "Top=view.show-in", "Export _Folded Stacks…=flame.export-folded",
      };
      if (strstr (items->str, want[i]) == NULL)
        g_error ("the box menu lacks %s: %s", want[i], items->str);
    }
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* Show From: pprof's show_from, as its menu item does it: every stack
   * now starts at the function (and those without it are gone). */
  name = g_strdup (ppv_stack_tree_get_function (tree, node));
  g_assert_false (ppv_stack_tree_is_inlined (tree, node));
  gtk_widget_activate_action (GTK_WIDGET (fixture.flame), "view.refine", "(ss)", "show_from", name);
  g_assert_true (wait_for (flame_rebuilt_with_show_from, &fixture, 30000));
  tree = ppv_flame_view_get_tree (fixture.flame);
  g_assert_cmpuint (ppv_stack_tree_get_first_child (tree, 0), !=, PPV_NONE);
  for (guint32 child = ppv_stack_tree_get_first_child (tree, 0);
       child != PPV_NONE;
       child = ppv_stack_tree_get_next_sibling (tree, child))
    g_assert_cmpstr (ppv_stack_tree_get_function (tree, child), ==, name);

  /* The status line tells the flame graph's own numbers and filters, not
   * those of a table built before the filter. */
  {
    g_autofree char *legend = ppv_stack_tree_dup_legend (tree);
    const char *details = ppv_profile_view_get_details (fixture.view);

    g_assert_nonnull (details);
    g_assert_nonnull (strstr (details, "show_from="));
    g_assert_nonnull (strstr (details, legend));
  }

  fixture_teardown (&fixture);
}

/* --- Callers and callees ------------------------------------------------- */

static gboolean
callers_built (gpointer data)
{
  Fixture *fixture = data;

  return ppv_callers_view_get_callers (fixture->callers) != NULL
         && !ppv_report_pane_get_loading (PPV_REPORT_PANE (fixture->callers))
         && !ppv_callers_view_get_pivoting (fixture->callers);
}

static void
test_callers (void)
{
  Fixture fixture = { 0 };
  PpvStackTree *tree, *callers, *callees;
  g_autoptr(PpvStackTree) want_callers = NULL;
  g_autoptr(PpvStackTree) want_callees = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;

  fixture_setup (&fixture, "cpu.pb.gz", FALSE);
  tree = ppv_flame_view_get_tree (fixture.flame);

  /* The menu's "Callers and Callees" is view.show-in on that pane. */
  gtk_widget_activate_action (GTK_WIDGET (fixture.flame), "view.show-in", "(ss)",
                              "callers", "sort.insertionSort");
  g_assert_true (wait_for (callers_built, &fixture, 30000));
  callers = ppv_callers_view_get_callers (fixture.callers);
  callees = ppv_callers_view_get_callees (fixture.callers);
  g_assert_nonnull (callees);
  /* The flame graph's tree, for the same options, is not built twice. */
  g_assert_true (ppv_callers_view_get_tree (fixture.callers) == tree);

  want_callers = ppv_stack_tree_new_pivot (tree, "sort.insertionSort", PPV_STACK_TREE_CALLERS, NULL, NULL);
  want_callees = ppv_stack_tree_new_pivot (tree, "sort.insertionSort", PPV_STACK_TREE_CALLEES, NULL, NULL);
  a = print_tree (callers);
  b = print_tree (want_callers);
  c = print_tree (callees);
  d = print_tree (want_callees);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (c, ==, d);
  g_assert_cmpint (ppv_stack_tree_get_total (callers, 0), >, 0);
  g_assert_nonnull (strstr (ppv_callers_view_get_summary (fixture.callers), "sort.insertionSort"));
  spin (100);
  save_shot (fixture.window, "flame-callers.png");

  /* Ctrl+K from another pane shows it for the current function. */
  adw_view_stack_set_visible_child_name (ppv_profile_view_get_stack (fixture.view), "top");
  spin (50);
  click_row (fixture.top, "main.spin");
  gtk_widget_grab_focus (GTK_WIDGET (fixture.top));
  g_assert_true (press_key (fixture.window, GDK_KEY_k, GDK_CONTROL_MASK));
  g_assert_true (adw_view_stack_get_visible_child (ppv_profile_view_get_stack (fixture.view))
                 == GTK_WIDGET (fixture.callers));
  g_assert_true (wait_for (callers_built, &fixture, 30000));
  g_assert_cmpstr (ppv_stack_tree_get_name (ppv_callers_view_get_callers (fixture.callers), 0), ==, "main.spin");

  fixture_teardown (&fixture);
}

/* --- Export and dark ----------------------------------------------------- */

static void
test_flame_export (void)
{
  Fixture fixture = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("ppv-flame-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cpu.folded", NULL);
  g_autofree char *written = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  fixture_setup (&fixture, "cpu.pb.gz", FALSE);

  /* An existing file is replaced whole. */
  g_file_set_contents (path, "old contents that are longer than nothing\n", -1, &error);
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (fixture.view), "view.export-to", "(ss)", "folded", path);
  g_assert_true (wait_for (has_toast, &fixture, 20000));
  g_assert_nonnull (strstr (g_ptr_array_index (fixture.toasts, 0), "cpu.folded"));
  g_file_get_contents (path, &written, NULL, &error);
  g_assert_no_error (error);
  expected = ppv_stack_tree_format_folded (ppv_flame_view_get_tree (fixture.flame));
  g_assert_cmpstr (written, ==, expected);

  /* Ctrl+E's SVG: the core's picture of the same tree. */
  {
    g_autofree char *svg_path = g_build_filename (dir, "cpu-flame.svg", NULL);
    g_autofree char *svg = NULL;
    g_autoptr(GBytes) want = NULL;
    gsize length;

    g_ptr_array_set_size (fixture.toasts, 0);
    gtk_widget_activate_action (GTK_WIDGET (fixture.view), "view.export-to", "(ss)", "svg", svg_path);
    g_assert_true (wait_for (has_toast, &fixture, 20000));
    g_assert_nonnull (strstr (g_ptr_array_index (fixture.toasts, 0), "cpu-flame.svg"));
    g_file_get_contents (svg_path, &svg, &length, &error);
    g_assert_no_error (error);
    want = ppv_flame_svg_render (ppv_flame_view_get_tree (fixture.flame), NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpmem (svg, length, g_bytes_get_data (want, NULL), g_bytes_get_size (want));
    g_unlink (svg_path);
  }

  g_unlink (path);
  g_rmdir (dir);
  fixture_teardown (&fixture);
}

/* Long and hostile names, inlined frames: screenshots to look at. */
static void
test_flame_names (void)
{
  static const char * const profiles[] = { "hostile.pb.gz", "inline.pb.gz", "recursion.pb.gz" };

  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    {
      Fixture fixture = { 0 };
      g_autofree char *shot = NULL;
      g_auto(GStrv) parts = g_strsplit (profiles[i], ".", 2);

      fixture_setup (&fixture, profiles[i], FALSE);
      g_assert_cmpuint (ppv_flame_canvas_get_n_drawn (fixture.canvas), >, 1);
      shot = g_strdup_printf ("flame-%s.png", parts[0]);
      save_shot (fixture.window, shot);
      fixture_teardown (&fixture);
    }
}

static void
test_flame_dark (void)
{
  Fixture fixture = { 0 };

  fixture_setup (&fixture, "heap.pb.gz", TRUE);
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  spin (100);
  save_shot (fixture.window, "flame-dark.png");
  fixture_teardown (&fixture);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int    argc,
      char **argv)
{
  if (!views_test_init_gtk (&argc, &argv))
    return 77;

  g_test_add_func ("/ppv/ui-views/flame/tree", test_flame_tree);
  g_test_add_func ("/ppv/ui-views/flame/zoom", test_flame_zoom);
  g_test_add_func ("/ppv/ui-views/flame/search", test_flame_search);
  g_test_add_func ("/ppv/ui-views/flame/selection", test_flame_selection);
  g_test_add_func ("/ppv/ui-views/flame/menu", test_flame_menu);
  g_test_add_func ("/ppv/ui-views/flame/callers", test_callers);
  g_test_add_func ("/ppv/ui-views/flame/export", test_flame_export);
  g_test_add_func ("/ppv/ui-views/flame/names", test_flame_names);
  g_test_add_func ("/ppv/ui-views/flame/dark", test_flame_dark);

  return g_test_run ();
}
