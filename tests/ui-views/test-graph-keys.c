/* test-graph-keys.c — in-process tests of the call graph canvas from the
 * keyboard: focusing it with Tab, walking its nodes, Enter, Escape, the
 * node menu, panning, revealing, the focus ring; and screenshots.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 cannot synthesise key events, so press_key() delivers a key the
 * way GTK's shortcut controllers do: from the focus widget up to the
 * window, each widget's shortcut controllers are asked for a shortcut
 * whose trigger is that key, and the first one whose action reports the
 * key handled stops it.  The canvas's own key bindings, the profile
 * view's and the window's (Tab's "move-focus") all run as they would for
 * a real key press.
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "ppv-flame-canvas.h"
#include "ppv-graph-view.h"
#include "ppv-profile-view-private.h"
#include "ppv-report-pane.h"
#include "ppv-reader.h"
#include "ppv-top-view.h"
#include "views-test-util.h"

static const char *source_root;

/* --- Helpers ------------------------------------------------------------- */

/* What a click on the canvas does to focus. */
static void
click_focus (PpvGraphView *graph)
{
  gtk_window_set_focus_visible (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (graph))), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (graph));
}

/* --- The window ---------------------------------------------------------- */

typedef struct
{
  GtkWidget      *window;
  PpvProfileView *view;
  PpvTopView     *top;
  PpvGraphView   *graph;
  GPtrArray      *selected;     /* names from ::selected */
  guint           top_reports;
  guint           scenes;
} Fixture;

static void
on_node_selected (PpvGraphView *graph,
                  const char   *name,
                  Fixture      *fixture)
{
  g_ptr_array_add (fixture->selected, g_strdup (name));
}

static void
on_report (PpvTopView *top,
           Fixture    *fixture)
{
  fixture->top_reports++;
}

static void
on_scene (PpvGraphView *graph,
          Fixture      *fixture)
{
  fixture->scenes++;
}

/* The graph is shown: it has a new scene and nothing is building. */
static gboolean
views_idle (gpointer data)
{
  Fixture *fixture = data;

  return !ppv_top_view_get_loading (fixture->top)
         && !ppv_graph_view_get_loading (fixture->graph)
         && fixture->scenes > 0;
}

/* The table, built before the graph was shown, has its rows too. */
static gboolean
both_built (gpointer data)
{
  Fixture *fixture = data;

  return views_idle (data) && fixture->top_reports > 0;
}

static void
fixture_setup (Fixture    *fixture,
               const char *profile_name,
               gboolean    dark)
{
  g_autoptr(PpvProfile) profile = load_fixture (profile_name);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);

  fixture->selected = g_ptr_array_new_with_free_func (g_free);
  fixture->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  fixture->view = PPV_PROFILE_VIEW (ppv_profile_view_new ());
  fixture->top = PPV_TOP_VIEW (ppv_profile_view_get_pane (fixture->view, "top"));
  fixture->graph = PPV_GRAPH_VIEW (ppv_profile_view_get_pane (fixture->view, "graph"));
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  g_signal_connect (fixture->graph, "selected", G_CALLBACK (on_node_selected), fixture);
  g_signal_connect (fixture->top, "report-changed", G_CALLBACK (on_report), fixture);
  g_signal_connect (fixture->graph, "scene-changed", G_CALLBACK (on_scene), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));

  ppv_profile_view_set_profile (fixture->view, profile, profile_name);
  adw_view_stack_set_visible_child_name (ppv_profile_view_get_stack (fixture->view), "graph");
  g_assert_true (wait_for (both_built, fixture, 30000));
  gtk_test_widget_wait_for_draw (fixture->window);
  spin (50);
}

static void
fixture_teardown (Fixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_ptr_array_unref (fixture->selected);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* Tab from wherever the focus is until it reaches the canvas. */
static void
tab_to_graph (Fixture *fixture)
{
  for (guint i = 0; i < 100 && !gtk_widget_has_focus (GTK_WIDGET (fixture->graph)); i++)
    g_assert_true (press_key (fixture->window, GDK_KEY_Tab, 0));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (fixture->graph)));
}

/* --- What the keys should do, computed here independently ---------------- */

static const PpvReportRow *
node_row (PpvGraphView *graph,
          guint         index)
{
  PpvCallGraph *callgraph = ppv_graph_view_get_graph (graph);

  if (index >= callgraph->n_nodes || callgraph->nodes[index].kind != PPV_CALLGRAPH_NODE_FUNCTION)
    return NULL;
  return ppv_report_get_row (ppv_callgraph_get_report (callgraph), callgraph->nodes[index].row);
}

static const char *
node_name (PpvGraphView *graph,
           int           index)
{
  const PpvReportRow *row = index >= 0 ? node_row (graph, index) : NULL;

  return row != NULL ? row->name : NULL;
}

static int
find_node (PpvGraphView *graph,
           const char   *name)
{
  PpvCallGraph *callgraph = ppv_graph_view_get_graph (graph);

  for (guint i = 0; i < callgraph->n_nodes; i++)
    if (g_strcmp0 (node_name (graph, i), name) == 0)
      return i;
  return -1;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const PpvReportRow *ra = *(const PpvReportRow * const *) a;
  const PpvReportRow *rb = *(const PpvReportRow * const *) b;
  gint64 fa = ABS (ra->flat), fb = ABS (rb->flat);
  gint64 ca = ABS (ra->cum), cb = ABS (rb->cum);

  if (fa != fb)
    return fa > fb ? -1 : 1;
  if (strcmp (ra->name, rb->name) != 0)
    return strcmp (ra->name, rb->name);
  return ca > cb ? -1 : ca < cb;
}

/* Node names in the order Tab should visit them: pprof's -top order. */
static GPtrArray *
expected_order (PpvGraphView *graph)
{
  PpvCallGraph *callgraph = ppv_graph_view_get_graph (graph);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < callgraph->n_nodes; i++)
    if (node_row (graph, i) != NULL)
      g_ptr_array_add (rows, (gpointer) node_row (graph, i));
  g_ptr_array_sort (rows, compare_rows);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (names, (gpointer) ((PpvReportRow *) g_ptr_array_index (rows, i))->name);
  return names;
}

static gboolean
has_edge (PpvGraphView *graph,
          guint         src,
          guint         dst)
{
  PpvScene *scene = ppv_graph_view_get_scene (graph);

  for (guint e = 0; e < scene->n_edges; e++)
    if (scene->edges[e].src == src && scene->edges[e].dst == dst)
      return TRUE;
  return FALSE;
}

static double
center_y (PpvGraphView *graph,
          guint         index)
{
  const PpvSceneRect *b = &ppv_graph_view_get_scene (graph)->nodes[index].box;

  return b->y + b->height / 2.0;
}

static double
center_x (PpvGraphView *graph,
          guint         index)
{
  const PpvSceneRect *b = &ppv_graph_view_get_scene (graph)->nodes[index].box;

  return b->x + b->width / 2.0;
}

/* The selected node's box lies within the canvas. */
static void
assert_selected_visible (PpvGraphView *graph)
{
  int index = ppv_graph_view_get_selected_index (graph);
  const PpvSceneRect *b;
  double zoom = ppv_graph_view_get_zoom (graph);
  double cx, cy, half_w, half_h;

  g_assert_cmpint (index, >=, 0);
  g_assert_true (ppv_graph_view_get_node_center (graph, index, &cx, &cy));
  b = &ppv_graph_view_get_scene (graph)->nodes[index].box;
  half_w = b->width * zoom / 2.0;
  half_h = b->height * zoom / 2.0;
  g_assert_cmpfloat (cx - half_w, >=, 0);
  g_assert_cmpfloat (cy - half_h, >=, 0);
  g_assert_cmpfloat (cx + half_w, <=, gtk_widget_get_width (GTK_WIDGET (graph)));
  g_assert_cmpfloat (cy + half_h, <=, gtk_widget_get_height (GTK_WIDGET (graph)));
}

static void
assert_table_follows (Fixture    *fixture,
                      const char *name)
{
  PpvTopRow *row = ppv_top_view_get_selected (fixture->top);

  g_assert_nonnull (row);
  g_assert_cmpstr (ppv_top_row_get_plain_name (row), ==, name);
}

/* --- Tests --------------------------------------------------------------- */

/* Tab reaches the canvas, then walks every node hottest first, the table
 * following; past the last node it moves on and Shift+Tab comes back. */
static void
test_tab_order (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(GPtrArray) first_walk = g_ptr_array_new_with_free_func (g_free);

  fixture_setup (&fixture, "cpu.pb.gz", FALSE);
  order = expected_order (fixture.graph);
  g_assert_cmpuint (order->len, >, 5);

  /* From the control bar above the graph. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (fixture.view->sample_type_dropdown)));
  tab_to_graph (&fixture);
  /* Focusing the canvas selects nothing by itself. */
  g_assert_cmpint (ppv_graph_view_get_selected_index (fixture.graph), ==, -1);
  g_assert_cmpuint (fixture.selected->len, ==, 0);

  for (guint i = 0; i < order->len; i++)
    {
      g_assert_true (press_key (fixture.window, GDK_KEY_Tab, 0));
      g_assert_true (gtk_widget_has_focus (GTK_WIDGET (fixture.graph)));
      g_assert_cmpstr (ppv_graph_view_get_selected_name (fixture.graph), ==, g_ptr_array_index (order, i));
      /* The same signal as a click: the table selects the row too. */
      g_assert_cmpuint (fixture.selected->len, ==, i + 1);
      g_assert_cmpstr (g_ptr_array_index (fixture.selected, i), ==, g_ptr_array_index (order, i));
      assert_table_follows (&fixture, g_ptr_array_index (order, i));
      g_ptr_array_add (first_walk, g_strdup (ppv_graph_view_get_selected_name (fixture.graph)));
    }

  /* Past the last node, Tab leaves the canvas and the selection stays. */
  g_assert_true (press_key (fixture.window, GDK_KEY_Tab, 0));
  g_assert_false (gtk_widget_has_focus (GTK_WIDGET (fixture.graph)));
  g_assert_cmpstr (ppv_graph_view_get_selected_name (fixture.graph), ==, g_ptr_array_index (order, order->len - 1));

  /* Shift+Tab comes back to it, then walks backwards. */
  g_assert_true (press_key (fixture.window, GDK_KEY_Tab, GDK_SHIFT_MASK));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (fixture.graph)));
  g_assert_cmpstr (ppv_graph_view_get_selected_name (fixture.graph), ==, g_ptr_array_index (order, order->len - 1));
  g_assert_true (press_key (fixture.window, GDK_KEY_Tab, GDK_SHIFT_MASK));
  g_assert_cmpstr (ppv_graph_view_get_selected_name (fixture.graph), ==, g_ptr_array_index (order, order->len - 2));

  /* Ctrl+Tab leaves at once. */
  g_assert_true (press_key (fixture.window, GDK_KEY_Tab, GDK_CONTROL_MASK));
  g_assert_false (gtk_widget_has_focus (GTK_WIDGET (fixture.graph)));

  /* The same walk again after a rebuild of the same graph: deterministic. */
  click_focus (fixture.graph);
  g_assert_true (press_key (fixture.window, GDK_KEY_Escape, 0));
  ppv_graph_view_set_scene (fixture.graph, ppv_graph_view_get_graph (fixture.graph),
                            ppv_graph_view_get_scene (fixture.graph));
  for (guint i = 0; i < order->len; i++)
    {
      g_assert_true (press_key (fixture.window, GDK_KEY_Tab, 0));
      g_assert_cmpstr (ppv_graph_view_get_selected_name (fixture.graph), ==, g_ptr_array_index (first_walk, i));
    }

  fixture_teardown (&fixture);
}

/* Home and End; arrows along edges and ranks; Escape. */
static void
test_arrows (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GPtrArray) order = NULL;
  PpvGraphView *graph;
  int start, next, run;
  guint n_down = 0, n_up = 0, n_side = 0;

  fixture_setup (&fixture, "heap.pb.gz", FALSE);
  graph = fixture.graph;
  order = expected_order (graph);
  click_focus (graph);

  g_assert_true (press_key (fixture.window, GDK_KEY_Home, 0));
  g_assert_cmpstr (ppv_graph_view_get_selected_name (graph), ==, g_ptr_array_index (order, 0));
  g_assert_true (press_key (fixture.window, GDK_KEY_End, 0));
  g_assert_cmpstr (ppv_graph_view_get_selected_name (graph), ==, g_ptr_array_index (order, order->len - 1));
  g_assert_true (press_key (fixture.window, GDK_KEY_Home, 0));
  /* The hottest node: nothing has more flat. */
  {
    const PpvReportRow *top = node_row (graph, ppv_graph_view_get_selected_index (graph));

    for (guint i = 0; i < ppv_graph_view_get_scene (graph)->n_nodes; i++)
      if (node_row (graph, i) != NULL)
        g_assert_cmpint (ABS (node_row (graph, i)->flat), <=, ABS (top->flat));
  }

  /* From main.run, Down goes to one of its callees below, Up to its
   * caller main.main above. */
  run = find_node (graph, "main.run");
  g_assert_cmpint (run, >=, 0);
  ppv_graph_view_activate_node (graph, run);

  g_assert_true (press_key (fixture.window, GDK_KEY_Down, 0));
  next = ppv_graph_view_get_selected_index (graph);
  g_assert_true (has_edge (graph, run, next));
  g_assert_cmpfloat (center_y (graph, next), >, center_y (graph, run));
  assert_table_follows (&fixture, node_name (graph, next));

  g_assert_true (press_key (fixture.window, GDK_KEY_Up, 0));
  g_assert_cmpint (ppv_graph_view_get_selected_index (graph), ==, run);
  g_assert_true (press_key (fixture.window, GDK_KEY_Up, 0));
  g_assert_cmpstr (ppv_graph_view_get_selected_name (graph), ==, "main.main");
  g_assert_true (has_edge (graph, ppv_graph_view_get_selected_index (graph), run));

  /* Every node: Down prefers a callee below, Up a caller above; Right
   * then Left on the same rank comes back. */
  for (guint i = 0; i < order->len; i++)
    {
      gboolean callee_below = FALSE, caller_above = FALSE;

      start = find_node (graph, g_ptr_array_index (order, i));
      for (guint j = 0; j < ppv_graph_view_get_scene (graph)->n_nodes; j++)
        if (node_row (graph, j) != NULL && j != (guint) start)
          {
            callee_below |= has_edge (graph, start, j) && center_y (graph, j) > center_y (graph, start) + 1;
            caller_above |= has_edge (graph, j, start) && center_y (graph, j) < center_y (graph, start) - 1;
          }

      ppv_graph_view_activate_node (graph, start);
      g_assert_true (press_key (fixture.window, GDK_KEY_Down, 0));
      next = ppv_graph_view_get_selected_index (graph);
      if (callee_below)
        {
          g_assert_true (has_edge (graph, start, next));
          n_down++;
        }
      if (next != start)
        g_assert_cmpfloat (center_y (graph, next), >, center_y (graph, start));

      ppv_graph_view_activate_node (graph, start);
      g_assert_true (press_key (fixture.window, GDK_KEY_Up, 0));
      next = ppv_graph_view_get_selected_index (graph);
      if (caller_above)
        {
          g_assert_true (has_edge (graph, next, start));
          n_up++;
        }
      if (next != start)
        g_assert_cmpfloat (center_y (graph, next), <, center_y (graph, start));

      ppv_graph_view_activate_node (graph, start);
      g_assert_true (press_key (fixture.window, GDK_KEY_Right, 0));
      next = ppv_graph_view_get_selected_index (graph);
      if (next != start)
        {
          g_assert_cmpfloat (center_x (graph, next), >, center_x (graph, start));
          if (fabs (center_y (graph, next) - center_y (graph, start)) < 1)
            {
              g_assert_true (press_key (fixture.window, GDK_KEY_Left, 0));
              g_assert_cmpint (ppv_graph_view_get_selected_index (graph), ==, start);
              n_side++;
            }
        }
    }
  g_test_message ("checked %u downs, %u ups, %u same-rank moves", n_down, n_up, n_side);
  g_assert_cmpuint (n_down, >, 0);
  g_assert_cmpuint (n_up, >, 0);
  g_assert_cmpuint (n_side, >, 0);

  /* Escape clears the selection; a second one is not the canvas's. */
  g_assert_true (press_key (fixture.window, GDK_KEY_Escape, 0));
  g_assert_cmpint (ppv_graph_view_get_selected_index (graph), ==, -1);
  g_assert_null (ppv_graph_view_get_selected_name (graph));
  {
    g_autofree char *description = g_strdup_printf ("Call graph with %u nodes and %u edges",
                                                    ppv_graph_view_get_scene (graph)->n_nodes,
                                                    ppv_graph_view_get_scene (graph)->n_edges);

    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (graph), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                         description);
  }
  g_assert_false (press_key (fixture.window, GDK_KEY_Escape, 0));

  fixture_teardown (&fixture);
}

static void
get_offset (PpvGraphView *graph,
            double       *x,
            double       *y)
{
  int index = ppv_graph_view_get_selected_index (graph);

  if (index < 0)
    index = 0;
  g_assert_true (ppv_graph_view_get_node_center (graph, index, x, y));
}

/* Arrows pan with nothing selected, Ctrl+arrows always; Ctrl+plus zooms;
 * a node selected off screen is brought into view. */
static void
test_pan_and_reveal (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GPtrArray) order = NULL;
  PpvGraphView *graph;
  double x0, y0, x1, y1, fit;
  guint moved = 0;

  fixture_setup (&fixture, "cpu.pb.gz", FALSE);
  graph = fixture.graph;
  order = expected_order (graph);
  click_focus (graph);

  get_offset (graph, &x0, &y0);
  g_assert_true (press_key (fixture.window, GDK_KEY_Left, 0));
  get_offset (graph, &x1, &y1);
  g_assert_cmpfloat (x1, >, x0);           /* the view moves left: the picture right */
  g_assert_cmpfloat (y1, ==, y0);
  g_assert_true (press_key (fixture.window, GDK_KEY_Down, 0));
  get_offset (graph, &x0, &y0);
  g_assert_cmpfloat (y0, <, y1);
  g_assert_cmpint (ppv_graph_view_get_selected_index (graph), ==, -1);

  g_assert_true (press_key (fixture.window, GDK_KEY_Home, 0));
  get_offset (graph, &x0, &y0);
  g_assert_true (press_key (fixture.window, GDK_KEY_Right, GDK_CONTROL_MASK));
  get_offset (graph, &x1, &y1);
  g_assert_cmpfloat (x1, <, x0);
  g_assert_cmpstr (ppv_graph_view_get_selected_name (graph), ==, g_ptr_array_index (order, 0));

  /* Zoom in far (the profile view's Ctrl+plus): most nodes are off screen. */
  fit = ppv_graph_view_get_zoom (graph);
  for (guint i = 0; i < 8; i++)
    g_assert_true (press_key (fixture.window, GDK_KEY_plus, GDK_CONTROL_MASK));
  g_assert_cmpfloat (ppv_graph_view_get_zoom (graph), >, fit * 4);

  for (guint i = 0; i < order->len; i++)
    {
      double before_x, before_y, after_x, after_y;
      int index = find_node (graph, g_ptr_array_index (order, i));

      ppv_graph_view_get_node_center (graph, index, &before_x, &before_y);
      g_assert_true (press_key (fixture.window, i == 0 ? GDK_KEY_Home : GDK_KEY_Tab, 0));
      g_assert_cmpint (ppv_graph_view_get_selected_index (graph), ==, index);
      assert_selected_visible (graph);
      ppv_graph_view_get_node_center (graph, index, &after_x, &after_y);
      if (after_x != before_x || after_y != before_y)
        {
          /* Off screen: centred. */
          g_assert_cmpfloat_with_epsilon (after_x, gtk_widget_get_width (GTK_WIDGET (graph)) / 2.0, 1.0);
          g_assert_cmpfloat_with_epsilon (after_y, gtk_widget_get_height (GTK_WIDGET (graph)) / 2.0, 1.0);
          moved++;
        }
    }
  g_assert_cmpuint (moved, >, 0);

  /* Arrows reveal too. */
  g_assert_true (press_key (fixture.window, GDK_KEY_Home, 0));
  for (guint i = 0; i < 6; i++)
    {
      g_assert_true (press_key (fixture.window, i % 2 ? GDK_KEY_Right : GDK_KEY_Down, 0));
      assert_selected_visible (graph);
    }

  /* Ctrl+0 fits the graph again. */
  g_assert_true (press_key (fixture.window, GDK_KEY_0, GDK_CONTROL_MASK));
  g_assert_cmpfloat_with_epsilon (ppv_graph_view_get_zoom (graph), fit, 1e-9);

  fixture_teardown (&fixture);
}

/* Enter focuses the report on the selected node, as a double click does;
 * Menu opens the node menu; the accessible description names the node. */
static void
test_enter_and_menu (void)
{
  Fixture fixture = { 0 };
  PpvGraphView *graph;
  GtkWidget *popover;
  g_autofree char *description = NULL;
  int index;

  fixture_setup (&fixture, "heap.pb.gz", FALSE);
  graph = fixture.graph;
  click_focus (graph);

  /* Enter and Menu with nothing selected do nothing here (the window
   * may activate its default widget). */
  press_key (fixture.window, GDK_KEY_Return, 0);
  press_key (fixture.window, GDK_KEY_Menu, 0);
  spin (100);
  g_assert_cmpuint (fixture.view->filters->len, ==, 0);
  g_assert_false (gtk_widget_get_visible (find_descendant (GTK_WIDGET (graph), GTK_TYPE_POPOVER_MENU)));

  /* Walk to main.buildMap with Tab. */
  for (guint i = 0; i < 100 && g_strcmp0 (ppv_graph_view_get_selected_name (graph), "main.buildMap") != 0; i++)
    g_assert_true (press_key (fixture.window, GDK_KEY_Tab, 0));
  g_assert_cmpstr (ppv_graph_view_get_selected_name (graph), ==, "main.buildMap");
  index = ppv_graph_view_get_selected_index (graph);

  {
    PpvReport *report = ppv_callgraph_get_report (ppv_graph_view_get_graph (graph));
    const PpvReportRow *row = node_row (graph, index);
    g_autofree char *flat = ppv_report_format_value (report, row->flat);
    g_autofree char *cum = ppv_report_format_value (report, row->cum);
    g_autofree char *flat_pct = ppv_format_percentage (row->flat, ppv_report_get_total (report));
    g_autofree char *cum_pct = ppv_format_percentage (row->cum, ppv_report_get_total (report));

    description = g_strdup_printf ("Selected: main.buildMap,Flat: %s (%s),Cum: %s (%s)",
                                   flat, g_strstrip (flat_pct), cum, g_strstrip (cum_pct));
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (graph), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                         description);
  }

  /* Menu and Shift+F10 open the node menu at the node. */
  popover = find_descendant (GTK_WIDGET (graph), GTK_TYPE_POPOVER_MENU);
  g_assert_nonnull (popover);
  g_assert_true (press_key (fixture.window, GDK_KEY_Menu, 0));
  spin (50);
  g_assert_true (gtk_widget_get_visible (popover));
  gtk_popover_popdown (GTK_POPOVER (popover));
  spin (50);
  g_assert_false (gtk_widget_get_visible (popover));
  click_focus (graph);
  g_assert_true (press_key (fixture.window, GDK_KEY_F10, GDK_SHIFT_MASK));
  spin (50);
  g_assert_true (gtk_widget_get_visible (popover));
  gtk_popover_popdown (GTK_POPOVER (popover));
  spin (50);
  click_focus (graph);

  /* Enter: Focus on main.buildMap. */
  g_assert_cmpuint (fixture.view->filters->len, ==, 0);
  fixture.top_reports = 0;
  fixture.scenes = 0;
  g_assert_true (press_key (fixture.window, GDK_KEY_Return, 0));
  g_assert_true (wait_for (views_idle, &fixture, 30000));
  g_assert_cmpuint (fixture.view->filters->len, ==, 1);
  g_assert_cmpstr (ppv_report_get_options (ppv_callgraph_get_report (ppv_graph_view_get_graph (graph)))->focus,
                   ==, "^main\\.buildMap$");
  /* The node stays selected in the new graph, and the canvas focused. */
  g_assert_cmpstr (ppv_graph_view_get_selected_name (graph), ==, "main.buildMap");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (graph)));

  /* KP_Enter too: a second focus filter is not added twice. */
  g_assert_true (press_key (fixture.window, GDK_KEY_KP_Enter, 0));
  spin (100);
  g_assert_cmpuint (fixture.view->filters->len, ==, 1);

  fixture_teardown (&fixture);
}

/* --- The focus ring ------------------------------------------------------ */

static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* How many pixels of the band @inset..@outset pixels outside the box of
 * node @index differ between @a and @b by a clearly visible amount. */
static guint
count_ring_pixels (PpvGraphView *graph,
                   guint         index,
                   GdkTexture   *a,
                   GdkTexture   *b,
                   double        inset,
                   double        outset)
{
  int width = gdk_texture_get_width (a);
  int height = gdk_texture_get_height (a);
  gsize stride = width * 4;
  g_autofree guchar *pa = g_malloc (stride * height);
  g_autofree guchar *pb = g_malloc (stride * height);
  const PpvSceneRect *box = &ppv_graph_view_get_scene (graph)->nodes[index].box;
  double zoom = ppv_graph_view_get_zoom (graph);
  double cx, cy, hw, hh;
  guint count = 0;

  gdk_texture_download (a, pa, stride);
  gdk_texture_download (b, pb, stride);
  ppv_graph_view_get_node_center (graph, index, &cx, &cy);
  hw = box->width * zoom / 2.0;
  hh = box->height * zoom / 2.0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        double dx = fabs (x + 0.5 - cx) - hw;
        double dy = fabs (y + 0.5 - cy) - hh;
        /* Distance from the box: the ring's corners are round. */
        double distance = dx > 0 && dy > 0 ? hypot (dx, dy) : MAX (dx, dy);
        int diff = 0;

        if (distance < inset || distance > outset)
          continue;
        for (int c = 0; c < 3; c++)
          diff = MAX (diff, abs (pa[y * stride + x * 4 + c] - pb[y * stride + x * 4 + c]));
        if (diff >= 48)
          count++;
      }
  return count;
}

static void
check_focus_ring (gboolean dark)
{
  Fixture fixture = { 0 };
  g_autoptr(GdkTexture) focused = NULL;
  g_autoptr(GdkTexture) unfocused = NULL;
  g_autoptr(GdkTexture) refocused = NULL;
  g_autofree char *name = NULL;
  PpvGraphView *graph;
  double zoom;
  guint ring, perimeter;
  int index;

  fixture_setup (&fixture, "heap.pb.gz", dark);
  graph = fixture.graph;
  click_focus (graph);
  for (guint i = 0; i < 3; i++)
    g_assert_true (press_key (fixture.window, GDK_KEY_Tab, 0));
  g_assert_true (press_key (fixture.window, GDK_KEY_Down, 0));
  index = ppv_graph_view_get_selected_index (graph);
  g_assert_cmpint (index, >=, 0);
  /* The canvas was clicked and keys did not move the focus, so GTK does
   * not show focus; the canvas shows its ring all the same. */
  g_assert_false (gtk_widget_has_visible_focus (GTK_WIDGET (graph)));

  gtk_test_widget_wait_for_draw (fixture.window);
  focused = render_widget (GTK_WIDGET (graph));
  name = g_strdup_printf ("graph-keys-focus-%s.png", dark ? "dark" : "light");
  save_texture (focused, name);
  {
    /* The whole window too, for a person to look at. */
    g_autoptr(GdkTexture) window = render_widget (fixture.window);
    g_autofree char *window_name = g_strdup_printf ("graph-keys-window-%s.png", dark ? "dark" : "light");

    save_texture (window, window_name);
  }

  /* The same picture with the focus elsewhere: no ring. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (fixture.view->sample_type_dropdown)));
  g_assert_cmpint (ppv_graph_view_get_selected_index (graph), ==, index);
  gtk_test_widget_wait_for_draw (fixture.window);
  unfocused = render_widget (GTK_WIDGET (graph));

  /* Tab back into the canvas: GTK shows focus, and the ring is back. */
  for (guint i = 0; i < 100 && !gtk_widget_has_focus (GTK_WIDGET (graph)); i++)
    g_assert_true (press_key (fixture.window, GDK_KEY_Tab, 0));
  g_assert_true (gtk_widget_has_visible_focus (GTK_WIDGET (graph)));
  gtk_test_widget_wait_for_draw (fixture.window);
  refocused = render_widget (GTK_WIDGET (graph));
  g_assert_cmpuint (count_ring_pixels (graph, index, refocused, unfocused, 6.5, 9.5), >=,
                    count_ring_pixels (graph, index, focused, unfocused, 6.5, 9.5));

  /* The ring is 2 pixels wide, 8 pixels outside the node's box at any
   * zoom: most of its perimeter must stand out from the canvas. */
  zoom = ppv_graph_view_get_zoom (graph);
  ring = count_ring_pixels (graph, index, focused, unfocused, 6.5, 9.5);
  {
    const PpvSceneRect *box = &ppv_graph_view_get_scene (graph)->nodes[index].box;

    perimeter = (guint) (2 * (box->width * zoom + box->height * zoom + 32));
  }
  g_test_message ("%s: %u ring pixels changed, perimeter %u px, zoom %.2f",
                  dark ? "dark" : "light", ring, perimeter, zoom);
  g_assert_cmpuint (ring, >=, perimeter);

  /* Nothing else near the node changes: only the ring depends on focus. */
  g_assert_cmpuint (count_ring_pixels (graph, index, focused, unfocused, -G_MAXDOUBLE, 5.5), ==, 0);
  g_assert_cmpuint (count_ring_pixels (graph, index, focused, unfocused, 10.5, 40), ==, 0);

  fixture_teardown (&fixture);
}

static void
test_focus_ring_light (void)
{
  check_focus_ring (FALSE);
}

static void
test_focus_ring_dark (void)
{
  check_focus_ring (TRUE);
}

/* --- The shortcuts window ------------------------------------------------ */

static char *
key_id (guint           keyval,
        GdkModifierType modifiers)
{
  return g_strdup_printf ("%s/%x", gdk_keyval_name (keyval), modifiers);
}

/* How many keys @widget binds; each must be in @listed (keypad twins
 * aside). */
static guint
count_listed_bindings (GtkWidget  *widget,
                       GHashTable *listed)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint n_bindings = 0;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          g_autofree char *id = NULL;
          guint keyval;

          g_assert_true (GTK_IS_KEYVAL_TRIGGER (trigger));
          keyval = gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger));
          if (g_str_has_prefix (gdk_keyval_name (keyval), "KP_") || keyval == GDK_KEY_ISO_Enter)
            continue;
          id = key_id (keyval, gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));
          if (!g_hash_table_contains (listed, id))
            g_error ("%s binds %s but the shortcuts window does not list it",
                     G_OBJECT_TYPE_NAME (widget), id);
          n_bindings++;
        }
    }
  return n_bindings;
}

/* Every key the canvases bind is in the Keyboard Shortcuts window (keypad
 * twins aside), and every accelerator there parses. */
static void
test_shortcuts_window (void)
{
  g_autofree char *path = g_build_filename (source_root, "ui", "ppv-shortcuts-window.ui", NULL);
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_file (path);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GSList *objects = gtk_builder_get_objects (builder);
  GtkWidget *graph, *flame;
  guint n_bindings;

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) accels = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accelerator, NULL);
      if (accelerator == NULL)
        continue;
      accels = g_strsplit (accelerator, " ", -1);
      for (guint i = 0; accels[i] != NULL; i++)
        {
          guint keyval;
          GdkModifierType modifiers;

          g_assert_true (gtk_accelerator_parse (accels[i], &keyval, &modifiers));
          g_hash_table_add (listed, key_id (keyval, modifiers));
        }
    }
  g_slist_free (objects);

  graph = g_object_ref_sink (ppv_graph_view_new ());
  n_bindings = count_listed_bindings (graph, listed);
  g_assert_cmpuint (n_bindings, >=, 16);
  g_object_unref (graph);
  /* The flame graph's canvas too. */
  flame = g_object_ref_sink (ppv_flame_canvas_new ());
  g_assert_cmpuint (count_listed_bindings (flame, listed), >=, 9);
  g_object_unref (flame);

  /* A picture of it for a person to look at. */
  {
    GtkWidget *window = GTK_WIDGET (gtk_builder_get_object (builder, "shortcuts_window"));
    g_autoptr(GdkTexture) texture = NULL;

    gtk_window_present (GTK_WINDOW (window));
    gtk_test_widget_wait_for_draw (window);
    spin (100);
    texture = render_widget (window);
    save_texture (texture, "graph-keys-shortcuts.png");
    gtk_window_destroy (GTK_WINDOW (window));
  }
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
  source_root = PPV_SOURCE_ROOT;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ppv/ui-views/graph-keys/tab-order", test_tab_order);
  g_test_add_func ("/ppv/ui-views/graph-keys/arrows", test_arrows);
  g_test_add_func ("/ppv/ui-views/graph-keys/pan-and-reveal", test_pan_and_reveal);
  g_test_add_func ("/ppv/ui-views/graph-keys/enter-and-menu", test_enter_and_menu);
  g_test_add_func ("/ppv/ui-views/graph-keys/focus-ring-light", test_focus_ring_light);
  g_test_add_func ("/ppv/ui-views/graph-keys/focus-ring-dark", test_focus_ring_dark);
  g_test_add_func ("/ppv/ui-views/graph-keys/shortcuts-window", test_shortcuts_window);

  return g_test_run ();
}
