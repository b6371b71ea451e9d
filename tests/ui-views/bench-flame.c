/* bench-flame.c — figures for the flame graph pane on a big profile: the
 * first frame after the view gets the profile, and the longest main-loop
 * gap while the pointer hovers, boxes are clicked to zoom and back, the
 * canvas scrolls and a search runs.  Prints figures; asserts nothing
 * about speed.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-flame PROFILE   (e.g. tests/bench/bench-read.sh's
 * heap-1m.pb.gz: 1,000,000 samples over 200,000 functions)
 */
#include <adwaita.h>

#include "ppv-callers-view.h"
#include "ppv-flame-view.h"
#include "ppv-profile-view.h"
#include "ppv-reader.h"

/* A high-priority tick every 2 ms: the longest interval between two is
 * the longest the main loop was busy. */
typedef struct
{
  gint64 last;
  gint64 longest;
  guint  source;
} Gaps;

static gboolean
gaps_tick (gpointer data)
{
  Gaps *gaps = data;
  gint64 now = g_get_monotonic_time ();

  if (gaps->last != 0)
    gaps->longest = MAX (gaps->longest, now - gaps->last);
  if (gaps->last != 0 && now - gaps->last > 50000 && g_getenv ("BENCH_GAPS") != NULL)
    g_printerr ("  gap of %.1f ms ending at %.0f ms\n", (now - gaps->last) / 1000.0, now / 1000.0);
  gaps->last = now;
  return G_SOURCE_CONTINUE;
}

static void
gaps_reset (Gaps *gaps)
{
  gaps->last = 0;
  gaps->longest = 0;
  if (gaps->source == 0)
    gaps->source = g_timeout_add_full (G_PRIORITY_HIGH, 2, gaps_tick, gaps, NULL);
}

static gint64 painted_at;

static void
on_after_paint (void)
{
  painted_at = g_get_monotonic_time ();
}

/* Iterates until the next frame is painted (at most a second). */
static void
next_frame (GtkWidget *widget)
{
  gint64 before = painted_at;
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

  gtk_widget_queue_draw (widget);
  while (painted_at == before && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

/* Iterates until a zoom's nodes are made (in a worker; the main loop
 * stays free meanwhile, and its gaps are still measured). */
static void
wait_made (GtkWidget *canvas)
{
  while (ppv_flame_canvas_get_making (PPV_FLAME_CANVAS (canvas)))
    g_main_context_iteration (NULL, TRUE);
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type,
                 guint      button)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type)
          && (button == 0 || gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == button))
        return controller;
    }
  return NULL;
}

static double
ms (gint64 usec)
{
  return usec / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(PpvProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = argc > 1 ? argv[1] : g_getenv ("PPV_BENCH_PROFILE");
  GtkWidget *window, *canvas;
  PpvProfileView *view;
  PpvFlameView *flame;
  PpvStackTree *tree;
  GtkEventController *motion, *click;
  GtkAdjustment *vadjustment;
  Gaps gaps = { 0 };
  gint64 t0, opened;
  int width, height;
  double row_height;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr ("bench-flame: no profile %s (tests/bench/bench-read.sh makes it)\n",
                  path != NULL ? path : "given");
      return 0;
    }
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("bench-flame: no display, nothing measured\n");
      return 0;
    }

  gtk_init ();
  adw_init ();

  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  view = PPV_PROFILE_VIEW (ppv_profile_view_new ());
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (view));
  flame = PPV_FLAME_VIEW (ppv_profile_view_get_pane (view, "flame"));
  canvas = GTK_WIDGET (ppv_flame_view_get_canvas (flame));
  adw_view_stack_set_visible_child_name (ppv_profile_view_get_stack (view), "flame");
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), NULL);

  opened = t0 = g_get_monotonic_time ();
  profile = ppv_profile_read_path (path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_print ("read %s: %.0f ms\n", path, ms (g_get_monotonic_time () - t0));

  /* 1. The first frame of the flame graph. */
  gaps_reset (&gaps);
  t0 = g_get_monotonic_time ();
  ppv_profile_view_set_profile (view, profile, "bench");
  while (ppv_flame_view_get_tree (flame) == NULL)
    g_main_context_iteration (NULL, TRUE);
  next_frame (canvas);
  tree = ppv_flame_view_get_tree (flame);
  g_print ("open: first flame frame %.0f ms after the view got the profile, %.0f ms after opening "
           "the file (issue 11: <= 2000 ms); tree of %u nodes made, depth %u, %.0f MB; %u boxes drawn; longest gap %.1f ms\n",
           ms (painted_at - t0), ms (painted_at - opened),
           ppv_stack_tree_get_n_nodes (tree), ppv_stack_tree_get_max_depth (tree),
           ppv_stack_tree_get_memory_size (tree) / 1e6,
           ppv_flame_canvas_get_n_drawn (PPV_FLAME_CANVAS (canvas)), ms (gaps.longest));

  /* A few frames before the interaction starts. */
  for (guint i = 0; i < 20; i++)
    next_frame (canvas);

  width = gtk_widget_get_width (canvas);
  height = gtk_widget_get_height (canvas);
  {
    graphene_rect_t root_area;

    ppv_flame_canvas_get_node_area (PPV_FLAME_CANVAS (canvas), 0, &root_area);
    row_height = root_area.size.height;
  }
  motion = find_controller (canvas, GTK_TYPE_EVENT_CONTROLLER_MOTION, 0);
  click = find_controller (canvas, GTK_TYPE_GESTURE_CLICK, GDK_BUTTON_PRIMARY);

  /* 2. Hover: the pointer sweeps the canvas, a frame per step. */
  gaps_reset (&gaps);
  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < 300; i++)
    {
      double x = (i * 37) % width;
      double y = ((i * 11) % 40) * (height / 40.0);

      g_signal_emit_by_name (motion, "motion", x, y);
      next_frame (canvas);
    }
  g_print ("hover: 300 moves in %.0f ms; longest gap %.1f ms\n",
           ms (g_get_monotonic_time () - t0), ms (gaps.longest));

  /* 3. Zoom: click a box at spots over the canvas, then back; those
   * that hit a box count. */
  {
    guint n_zooms = 0;

    gaps_reset (&gaps);
    t0 = g_get_monotonic_time ();
    for (guint i = 0; i < 40 && n_zooms < 10; i++)
      {
        double x = ((i * 53) % 97) / 97.0 * width;
        double y = (1.5 + i % 5) * row_height;

        if (ppv_flame_canvas_node_at (PPV_FLAME_CANVAS (canvas), x, y) == PPV_NONE)
          continue;
        g_signal_emit_by_name (click, "released", 1, x, y);
        wait_made (canvas);
        next_frame (canvas);
        ppv_flame_canvas_zoom_back (PPV_FLAME_CANVAS (canvas));
        wait_made (canvas);
        next_frame (canvas);
        n_zooms++;
      }
    g_print ("zoom: %u clicks and backs in %.0f ms; longest gap %.1f ms\n",
             n_zooms, ms (g_get_monotonic_time () - t0), ms (gaps.longest));
  }

  /* 3b. Zoom into thin boxes: a drawn box 1-3 px wide, then one inside
   * that zoom, and so on; what they hold is made as it is first drawn.
   * The gap counts the zoom and its frame, not the search for a box. */
  {
    double longest = 0, spent = 0;
    guint n_thin = 0;

    for (; n_thin < 4; n_thin++)
      {
        guint32 thin = PPV_NONE;
        gint64 start;

        for (int y = height - row_height / 2; y > 0 && thin == PPV_NONE; y -= row_height)
          for (int x = 0; x < width && thin == PPV_NONE; x++)
            {
              guint32 node = ppv_flame_canvas_node_at (PPV_FLAME_CANVAS (canvas), x, y);
              graphene_rect_t area;

              if (node != PPV_NONE && node != ppv_flame_canvas_get_zoom (PPV_FLAME_CANVAS (canvas))
                  && ppv_flame_canvas_get_node_area (PPV_FLAME_CANVAS (canvas), node, &area)
                  && area.size.width >= 1 && area.size.width < 3
                  && ppv_stack_tree_get_depth (tree, node) >
                     ppv_stack_tree_get_depth (tree, ppv_flame_canvas_get_zoom (PPV_FLAME_CANVAS (canvas))))
                thin = node;
            }
        if (thin == PPV_NONE)
          break;
        gaps_reset (&gaps);
        start = g_get_monotonic_time ();
        ppv_flame_canvas_zoom_to (PPV_FLAME_CANVAS (canvas), thin);
        wait_made (canvas);
        next_frame (canvas);
        spent += ms (g_get_monotonic_time () - start);
        longest = MAX (longest, ms (gaps.longest));
      }
    g_print ("thin zoom: %u zooms into 1-3 px boxes in %.0f ms, tree now %u nodes; longest gap %.1f ms\n",
             n_thin, spent, ppv_stack_tree_get_n_nodes (tree), longest);
    while (ppv_flame_canvas_zoom_back (PPV_FLAME_CANVAS (canvas)))
      ;
    next_frame (canvas);
  }

  /* 4. Scroll: down and up a row at a time, then by pages. */
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (canvas));
  gaps_reset (&gaps);
  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < 100; i++)
    {
      double upper = gtk_adjustment_get_upper (vadjustment) - gtk_adjustment_get_page_size (vadjustment);
      double step = i < 50 ? gtk_adjustment_get_step_increment (vadjustment) * i
                           : gtk_adjustment_get_page_increment (vadjustment) * (i - 50) / 10.0;

      gtk_adjustment_set_value (vadjustment, MIN (step, upper));
      next_frame (canvas);
    }
  g_print ("scroll: 100 steps in %.0f ms; longest gap %.1f ms\n",
           ms (g_get_monotonic_time () - t0), ms (gaps.longest));
  gtk_adjustment_set_value (vadjustment, 0);

  /* 5. Search: the highlight at once, the total from a worker. */
  gaps_reset (&gaps);
  t0 = g_get_monotonic_time ();
  ppv_report_pane_set_search (PPV_REPORT_PANE (flame), "Method1");
  next_frame (canvas);
  while (!ppv_flame_view_get_match_total (flame, NULL, NULL))
    g_main_context_iteration (NULL, TRUE);
  g_print ("search: \"%s\" after %.0f ms; longest gap %.1f ms\n",
           ppv_flame_view_get_match_text (flame), ms (g_get_monotonic_time () - t0), ms (gaps.longest));

  /* 6. Callers and callees of the widest function below the root: the
   * pane shares the flame graph's tree and pivots it in a worker. */
  {
    PpvCallersView *callers = PPV_CALLERS_VIEW (ppv_profile_view_get_pane (view, "callers"));
    guint32 node = ppv_stack_tree_get_first_child (tree, 0);

    while (node != PPV_NONE && ppv_stack_tree_get_first_child (tree, node) != PPV_NONE
           && ppv_stack_tree_get_depth (tree, node) < 3)
      node = ppv_stack_tree_get_first_child (tree, node);
    gaps_reset (&gaps);
    t0 = g_get_monotonic_time ();
    gtk_widget_activate_action (GTK_WIDGET (flame), "view.show-in", "(ss)", "callers",
                                ppv_stack_tree_get_name (tree, node));
    while (ppv_callers_view_get_callers (callers) == NULL || ppv_callers_view_get_pivoting (callers)
           || ppv_report_pane_get_loading (PPV_REPORT_PANE (callers)))
      g_main_context_iteration (NULL, TRUE);
    next_frame (GTK_WIDGET (callers));
    g_print ("callers and callees of %s: shown after %.0f ms (tree %s); longest gap %.1f ms\n",
             ppv_stack_tree_get_name (tree, node), ms (painted_at - t0),
             ppv_callers_view_get_tree (callers) == tree ? "shared" : "built again", ms (gaps.longest));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
