/* bench-views.c — figures for the profile views: time to the first table
 * frame for a large profile, main-loop latency while the sample type
 * changes, and sorting a 200k-row table.  Prints figures; asserts nothing
 * about speed.  Only the shown pane builds: the graph figures are taken
 * when the graph is shown.  Last, the profile compared with itself (the
 * issue's worst case for a comparison).
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-views [PROFILE]   (default: a generated profile with
 * 1,000,000 samples over 200,000 leaf functions, two sample types;
 * PPV_BENCH_ONLY=compare skips from opening to the comparison, BENCH_GAPS=1
 * prints every stall over 50 ms)
 *        bench-views --goroutines   (the Goroutines view on generated
 * dumps of 100,000 goroutines: a leak over few stacks, then all distinct)
 */
#include <adwaita.h>
#include <string.h>
#include <time.h>
#include <time.h>

#include "ppv-goroutines-view.h"
#include "ppv-graph-view.h"
#include "ppv-profile-view-private.h"
#include "ppv-top-view.h"
#include "ppv-reader.h"

#define N_LEAVES   200000
#define N_MIDDLE   50
#define N_ROOTS    5
#define N_SAMPLES  1000000

static PpvProfile *
generate_profile (void)
{
  PpvProfileBuilder *builder = ppv_profile_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint n_functions = N_LEAVES + N_MIDDLE + N_ROOTS + 1;
  PpvProfile *profile;

  ppv_profile_builder_add_sample_type (builder, "samples", "count");
  ppv_profile_builder_add_sample_type (builder, "cpu", "nanoseconds");
  ppv_profile_builder_set_period (builder, "cpu", "nanoseconds", 10000000);

  for (guint i = 0; i < n_functions; i++)
    {
      g_autofree char *name = NULL;
      PpvFunction function = { 0 };
      guint64 id = i + 1;
      gint64 line = 10 + i % 100, column = 0;

      if (i < N_LEAVES)
        name = g_strdup_printf ("example.com/service/pkg%u.(*Worker%u).handle%u", i % 97, i % 13, i);
      else if (i < N_LEAVES + N_MIDDLE)
        name = g_strdup_printf ("example.com/service/mid.dispatch%u", i - N_LEAVES);
      else if (i < N_LEAVES + N_MIDDLE + N_ROOTS)
        name = g_strdup_printf ("example.com/service.root%u", i - N_LEAVES - N_MIDDLE);
      else
        name = g_strdup ("main.main");

      function.id = id;
      function.name = name;
      function.system_name = name;
      function.filename = "service/x.go";
      ppv_profile_builder_add_function (builder, &function);
      ppv_profile_builder_add_location (builder, id, 0, 0x400000 + id * 16, FALSE,
                                        &id, &line, &column, 1);
    }

  for (guint s = 0; s < N_SAMPLES; s++)
    {
      guint64 stack[4];
      gint64 values[2];

      stack[0] = (s % N_LEAVES) + 1;
      stack[1] = N_LEAVES + g_rand_int_range (rand, 0, N_MIDDLE) + 1;
      stack[2] = N_LEAVES + N_MIDDLE + g_rand_int_range (rand, 0, N_ROOTS) + 1;
      stack[3] = n_functions;
      values[0] = g_rand_int_range (rand, 1, 20);
      values[1] = values[0] * 10000000;
      ppv_profile_builder_add_sample (builder, stack, 4, values, 2, NULL, 0);
    }

  profile = ppv_profile_builder_finish (builder, "generated", &error);
  g_assert_no_error (error);
  return profile;
}

/* On a shared machine the CPU time says more than the wall time. */
static double
process_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* --- Main-loop latency probe --------------------------------------------- */

typedef struct
{
  gint64 last;
  gint64 max_gap;
  gint64 last_cpu;
  gint64 max_gap_cpu;   /* the main thread's CPU time in the longest gap */
  guint  source;
} Probe;

/* The main thread's CPU time: on a loaded machine a gap is mostly waiting
 * for a core, this says how much of it was the main thread's own work. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
probe_tick (gpointer data)
{
  Probe *probe = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  if (probe->last != 0 && now - probe->last > probe->max_gap)
    {
      probe->max_gap = now - probe->last;
      probe->max_gap_cpu = cpu - probe->last_cpu;
    }
  if (probe->last != 0 && now - probe->last > 50000 && g_getenv ("BENCH_GAPS"))
    g_printerr ("  gap %.1f ms (%.1f ms main-thread CPU)\n", (now - probe->last) / 1000.0,
                (cpu - probe->last_cpu) / 1000.0);
  probe->last_cpu = cpu;
  probe->last = now;
  return G_SOURCE_CONTINUE;
}

static void
probe_start (Probe *probe)
{
  probe->last = 0;
  probe->max_gap = 0;
  probe->max_gap_cpu = 0;
  probe->source = g_timeout_add_full (G_PRIORITY_HIGH, 2, probe_tick, probe, NULL);
}

static void
probe_stop (Probe *probe)
{
  g_clear_handle_id (&probe->source, g_source_remove);
}

/* --- Waiting ------------------------------------------------------------- */

static guint top_reports;
static guint scenes;
static gint64 painted_at;

static void
on_report (void)
{
  top_reports++;
}

static void
on_scene (void)
{
  scenes++;
}

static void
on_after_paint (GdkFrameClock *clock)
{
  painted_at = g_get_monotonic_time ();
}

static gboolean
iterate_until (gboolean (*done) (PpvProfileView *),
               PpvProfileView *view,
               guint           timeout_s)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;

  while (!done (view))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }
  return TRUE;
}

static gboolean
table_painted (PpvProfileView *view)
{
  return top_reports > 0 && painted_at != 0;
}

static PpvTopView *top;

static gboolean
none_loading (PpvProfileView *view)
{
  return !ppv_report_pane_get_loading (ppv_profile_view_get_pane (view, "top"))
         && !ppv_report_pane_get_loading (ppv_profile_view_get_pane (view, "graph"));
}

/* The table is rebuilt (and nothing else builds). */
static gboolean
table_idle (PpvProfileView *view)
{
  return top_reports > 0 && none_loading (view);
}

static gboolean
graph_idle (PpvProfileView *view)
{
  return scenes > 0 && none_loading (view);
}

/* Shows the graph and waits for it; back to the table. */
static void
measure_graph (PpvProfileView *view,
               const char     *what)
{
  AdwViewStack *stack = ppv_profile_view_get_stack (view);
  Probe probe = { 0 };
  gint64 t0;

  scenes = 0;
  probe_start (&probe);
  t0 = g_get_monotonic_time ();
  adw_view_stack_set_visible_child_name (stack, "graph");
  iterate_until (graph_idle, view, 600);
  probe_stop (&probe);
  g_print ("%s: graph shown and laid out in %.0f ms; longest main-loop stall %.1f ms\n",
           what, (g_get_monotonic_time () - t0) / 1000.0, probe.max_gap / 1000.0);
  adw_view_stack_set_visible_child_name (stack, "top");
}

static GtkColumnViewColumn *
find_column (GtkWidget  *widget,
             const char *title)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    {
      GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (widget));

      for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

          if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
            return column;
        }
      return NULL;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkColumnViewColumn *column = find_column (child, title);

      if (column != NULL)
        return column;
    }
  return NULL;
}

static GtkWidget *
find_column_view (GtkWidget *widget)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_column_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Up to a second a frame: a ticking source wakes the loop when nothing
 * changed on screen (a small table sorted as it was), or it would block. */
static void
wait_frames (guint n)
{
  guint ticker = g_timeout_add (20, tick, NULL);

  for (guint i = 0; i < n; i++)
    {
      gint64 before = painted_at;
      gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

      while (painted_at == before && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (ticker);
}

/* --- The Goroutines view ------------------------------------------------- */

#define N_GOROUTINES 100000

/* A dump of N_GOROUTINES goroutines: with @distinct every stack differs
 * (a line number), else 97% wait on 20 stacks and the rest on 3,000. */
static GBytes *
generate_dump (gboolean distinct)
{
  static const char *states[] = { "chan receive", "select", "IO wait", "sync.Mutex.Lock", "sleep" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  GString *dump = g_string_new ("panic: too many goroutines\n\n");

  for (guint g = 0; g < N_GOROUTINES; g++)
    {
      guint stack = distinct ? g : g_rand_int_range (rand, 0, 100) < 97 ? g % 20 : 20 + g % 3000;
      guint minutes = g_rand_int_range (rand, 0, 300);

      g_string_append_printf (dump, "goroutine %u [%s", g + 1, states[stack % G_N_ELEMENTS (states)]);
      if (minutes > 0)
        g_string_append_printf (dump, ", %u minutes", minutes);
      g_string_append (dump, "]:\n");
      for (guint depth = 0; depth < 8; depth++)
        g_string_append_printf (dump, "example.com/svc/pkg%u.handler%u(0xc000%x, 0x%x)\n"
                                "\t/src/svc/pkg%u/handler.go:%u +0x%x\n",
                                depth, stack % 50 + depth, g, depth, depth,
                                depth == 0 ? 10 + stack : 20 + depth, 0x20 + depth);
      g_string_append_printf (dump, "created by example.com/svc.startWorker%u in goroutine 1\n"
                              "\t/src/svc/main.go:%u +0x57\n\n", stack % 7, 40 + stack % 7);
    }
  return g_string_free_to_bytes (dump);
}

static gboolean
goroutines_built (PpvProfileView *view)
{
  PpvReportPane *pane = ppv_profile_view_get_pane (view, "goroutines");

  return !ppv_report_pane_get_loading (pane)
         && ppv_goroutines_view_get_groups (PPV_GOROUTINES_VIEW (pane)) != NULL && painted_at != 0;
}

static int
bench_goroutines (void)
{
  GtkWidget *window = adw_window_new ();
  PpvProfileView *view = PPV_PROFILE_VIEW (ppv_profile_view_new ());
  PpvGoroutinesView *pane;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (view));
  pane = PPV_GOROUTINES_VIEW (ppv_profile_view_get_pane (view, "goroutines"));
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), NULL);

  for (guint distinct = 0; distinct < 2; distinct++)
    {
      g_autoptr(GBytes) dump = generate_dump (distinct);
      g_autoptr(GError) error = NULL;
      g_autoptr(PpvProfile) profile = NULL;
      Probe probe = { 0 };
      gint64 t0 = g_get_monotonic_time ();

      profile = ppv_profile_read_bytes (dump, "dump.txt", NULL, NULL, &error);
      g_assert_no_error (error);
      g_print ("%s dump: %.1f MB read in %.0f ms (%u goroutines)\n", distinct ? "distinct" : "leak",
               g_bytes_get_size (dump) / 1e6, (g_get_monotonic_time () - t0) / 1000.0, profile->n_samples);

      probe_start (&probe);
      t0 = g_get_monotonic_time ();
      /* As when the Goroutines view was the last one shown. */
      adw_view_stack_set_visible_child_name (ppv_profile_view_get_stack (view), "goroutines");
      ppv_profile_view_set_profile (view, profile, "dump.txt");
      adw_view_stack_set_visible_child_name (ppv_profile_view_get_stack (view), "goroutines");
      painted_at = 0;
      iterate_until (goroutines_built, view, 600);
      probe_stop (&probe);
      g_print ("  grouped by stack and shown in %.0f ms (%s); longest main-loop stall %.1f ms "
               "(%.1f ms of it the main thread's CPU time)\n",
               (painted_at - t0) / 1000.0, ppv_goroutines_view_get_summary (pane), probe.max_gap / 1000.0,
               probe.max_gap_cpu / 1000.0);

      probe_start (&probe);
      t0 = g_get_monotonic_time ();
      ppv_goroutines_view_set_grouping (pane, PPV_GOROUTINE_BY_CREATOR);
      painted_at = 0;
      while (!ppv_report_pane_get_loading (PPV_REPORT_PANE (pane)))
        g_main_context_iteration (NULL, TRUE);
      iterate_until (goroutines_built, view, 600);
      probe_stop (&probe);
      g_print ("  grouped by creator in %.0f ms; longest main-loop stall %.1f ms (%.1f ms CPU)\n",
               (painted_at - t0) / 1000.0, probe.max_gap / 1000.0, probe.max_gap_cpu / 1000.0);
      ppv_goroutines_view_set_grouping (pane, PPV_GOROUTINE_BY_STACK);
      iterate_until (goroutines_built, view, 600);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(PpvProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  PpvProfileView *view;
  GtkColumnView *column_view;
  Probe probe = { 0 };
  gint64 t0, t1, opened;
  const char *path = argc > 1 ? argv[1] : g_getenv ("PPV_BENCH_PROFILE");

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("bench-views: no display, nothing measured\n");
      return 0;
    }

  gtk_init ();
  adw_init ();

  if (g_strcmp0 (path, "--goroutines") == 0)
    return bench_goroutines ();

  /* The window is up before the file is read, as in the app. */
  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  view = PPV_PROFILE_VIEW (ppv_profile_view_new ());
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (view));
  top = PPV_TOP_VIEW (ppv_profile_view_get_pane (view, "top"));
  g_signal_connect (top, "report-changed", G_CALLBACK (on_report), NULL);
  g_signal_connect (ppv_profile_view_get_pane (view, "graph"), "scene-changed", G_CALLBACK (on_scene), NULL);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), NULL);

  opened = t0 = g_get_monotonic_time ();
  if (path != NULL)
    {
      profile = ppv_profile_read_path (path, NULL, NULL, &error);
      g_assert_no_error (error);
      g_print ("read %s: %.0f ms\n", path, (g_get_monotonic_time () - t0) / 1000.0);
    }
  else
    {
      profile = generate_profile ();
      g_print ("generated profile (%u samples, %u functions): %.0f ms\n",
               profile->n_samples, profile->n_functions, (g_get_monotonic_time () - t0) / 1000.0);
    }


  /* 1. Open: set the profile, wait for the first frame with the table. */
  probe_start (&probe);
  t0 = g_get_monotonic_time ();
  ppv_profile_view_set_profile (view, profile, "bench");
  painted_at = 0;
  while (top_reports == 0)
    g_main_context_iteration (NULL, TRUE);
  painted_at = 0;
  iterate_until (table_painted, view, 120);
  t1 = painted_at;
  g_print ("open: first table frame %.0f ms after the view got the profile, "
           "%.0f ms after opening the file (%u rows)\n",
           (t1 - t0) / 1000.0, (t1 - opened) / 1000.0,
           g_list_model_get_n_items (ppv_top_view_get_shown_model (top)));
  iterate_until (table_idle, view, 600);
  /* PPV_BENCH_ONLY=compare: straight to the comparison figures. */
  if (g_strcmp0 (g_getenv ("PPV_BENCH_ONLY"), "compare") == 0)
    goto compare;
  /* The user then looks at the graph. */
  adw_view_stack_set_visible_child_name (ppv_profile_view_get_stack (view), "graph");
  iterate_until (graph_idle, view, 600);
  probe_stop (&probe);
  g_print ("open, then show the graph: graph laid out after %.0f ms; longest main-loop stall %.1f ms\n",
           (g_get_monotonic_time () - t0) / 1000.0, probe.max_gap / 1000.0);
  adw_view_stack_set_visible_child_name (ppv_profile_view_get_stack (view), "top");

  /* 2. Sample type change: main-loop latency until both views are rebuilt. */
  if (profile->n_sample_types > 1)
    {
      top_reports = scenes = 0;
      probe_start (&probe);
      t0 = g_get_monotonic_time ();
      gtk_drop_down_set_selected (view->sample_type_dropdown, 0);
      iterate_until (table_idle, view, 600);
      probe_stop (&probe);
      g_print ("sample type change: table rebuilt in %.0f ms; longest main-loop stall %.1f ms\n",
               (g_get_monotonic_time () - t0) / 1000.0, probe.max_gap / 1000.0);
      measure_graph (view, "sample type change");
    }

  /* 2b. Granularity: lines, then back to functions. */
  {
    static const guint steps[] = { 2, 0 };
    static const char * const names[] = { "lines", "functions" };

    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        top_reports = scenes = 0;
        probe_start (&probe);
        t0 = g_get_monotonic_time ();
        gtk_drop_down_set_selected (view->granularity_dropdown, steps[i]);
        iterate_until (table_idle, view, 600);
        probe_stop (&probe);
        g_print ("granularity %s: table rebuilt in %.0f ms; longest main-loop stall %.1f ms; %u rows\n",
                 names[i], (g_get_monotonic_time () - t0) / 1000.0, probe.max_gap / 1000.0,
                 g_list_model_get_n_items (ppv_top_view_get_shown_model (top)));
      }
  }

  /* 3. Refine (focus on one middle function). */
  {
    top_reports = scenes = 0;
    probe_start (&probe);
    t0 = g_get_monotonic_time ();
    gtk_widget_activate_action (GTK_WIDGET (view), "view.refine", "(ss)", "hide",
                                path == NULL ? "example.com/service/mid.dispatch7" : "runtime.main");
    iterate_until (table_idle, view, 600);
    probe_stop (&probe);
    g_print ("refine (hide): table rebuilt in %.0f ms; longest main-loop stall %.1f ms; %u rows\n",
             (g_get_monotonic_time () - t0) / 1000.0, probe.max_gap / 1000.0,
             g_list_model_get_n_items (ppv_top_view_get_shown_model (top)));
  }

  /* 4. Sorting the table by cum, then by name. */
  column_view = GTK_COLUMN_VIEW (find_column_view (GTK_WIDGET (top)));
  wait_frames (2);
  {
    static const char * const titles[] = { "Cum", "Name", "Flat" };

    for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
      {
        gint64 sorted;

        t0 = g_get_monotonic_time ();
        gtk_column_view_sort_by_column (column_view, find_column (GTK_WIDGET (top), titles[i]),
                                        GTK_SORT_ASCENDING);
        sorted = g_get_monotonic_time ();
        wait_frames (1);
        g_print ("sort %u rows by %s: %.0f ms (next frame after %.0f ms)\n",
                 g_list_model_get_n_items (ppv_top_view_get_shown_model (top)),
                 titles[i], (sorted - t0) / 1000.0, (painted_at - t0) / 1000.0);
      }
  }

  /* 4b. Scrolling: a page at a time through the whole table and back to
   * a random place, one frame per step; the longest frame interval. */
  {
    GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (
      GTK_WIDGET (column_view), GTK_TYPE_SCROLLED_WINDOW));
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroller);
    gint64 longest = 0, previous;
    guint steps = 0;

    /* wait_frames() needs a frame to come: ask for one each time. */
    gtk_widget_queue_draw (GTK_WIDGET (column_view));
    wait_frames (1);
    previous = painted_at;
    t0 = g_get_monotonic_time ();
    for (double v = 0; v < gtk_adjustment_get_upper (adj) && steps < 400;
         v += gtk_adjustment_get_page_size (adj) * 25, steps++)
      {
        gtk_adjustment_set_value (adj, v);
        gtk_widget_queue_draw (GTK_WIDGET (column_view));
        wait_frames (1);
        longest = MAX (longest, painted_at - previous);
        previous = painted_at;
      }
    g_print ("scroll: %u jumps of 25 pages over %u rows in %.0f ms; longest frame interval %.1f ms\n",
             steps, g_list_model_get_n_items (ppv_top_view_get_shown_model (top)),
             (g_get_monotonic_time () - t0) / 1000.0, longest / 1000.0);
    gtk_adjustment_set_value (adj, 0);
    gtk_widget_queue_draw (GTK_WIDGET (column_view));
    wait_frames (1);
  }

  /* 5. Search: big tables filter in idle steps; wait until the count
   * has not changed for 300 ms. */
  {
    GListModel *shown = ppv_top_view_get_shown_model (top);
    guint last = G_MAXUINT;
    gint64 stable_since = 0, call;
    g_autoptr(PpvTopRow) sample = g_list_model_get_item (shown, g_list_model_get_n_items (shown) / 2);
    const char *name = ppv_top_row_get_name (sample);
    /* A needle that matches a few rows: the end of a name from the middle. */
    g_autofree char *needle = g_strdup (name + MAX (0, (int) strlen (name) - 7));

    probe_start (&probe);
    t0 = g_get_monotonic_time ();
    ppv_report_pane_set_search (PPV_REPORT_PANE (top), needle);
    call = g_get_monotonic_time () - t0;
    for (;;)
      {
        guint n = g_list_model_get_n_items (shown);

        if (n != last)
          {
            last = n;
            stable_since = g_get_monotonic_time ();
          }
        else if (g_get_monotonic_time () - stable_since > 300000)
          break;
        g_main_context_iteration (NULL, FALSE);
        g_usleep (500);
      }
    probe_stop (&probe);
    g_print ("search \"%s\": %u rows match after %.0f ms (the call took %.0f ms); longest main-loop stall %.1f ms\n",
             needle, last, (stable_since - t0) / 1000.0, call / 1000.0, probe.max_gap / 1000.0);
  }

compare:
  /* 6. Comparison: the profile chosen as its own base (the worst case
   * for merging: every sample has a twin), as Compare With… does with
   * an open tab; the first frame of the compared table, the longest
   * stall, then back to the plain profile. */
  {
    static const struct { PpvBaseMode mode; const char *name; } modes[] = {
      { PPV_BASE_DIFF, "compare with base" },
      { PPV_BASE_SUBTRACT, "subtract base" },
    };

    double cpu0;

    ppv_report_pane_set_search (PPV_REPORT_PANE (top), NULL);
    iterate_until (table_idle, view, 600);
    for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
      {
        top_reports = scenes = 0;
        painted_at = 0;
        probe_start (&probe);
        t0 = g_get_monotonic_time ();
        cpu0 = process_cpu_seconds ();
        if (!ppv_profile_view_compare (view, profile, "itself", modes[i].mode, FALSE, &error))
          g_error ("%s", error->message);
        while (top_reports == 0)
          g_main_context_iteration (NULL, TRUE);
        painted_at = 0;
        iterate_until (table_painted, view, 600);
        t1 = painted_at;
        iterate_until (table_idle, view, 600);
        probe_stop (&probe);
        g_print ("compare with itself (%s): compared table's first frame %.0f ms after choosing the base "
                 "(%u rows); idle after %.0f ms (%.0f ms CPU, all threads); longest main-loop stall %.1f ms "
                 "(%.1f ms of it the main thread's CPU time)\n",
                 modes[i].name, (t1 - t0) / 1000.0,
                 g_list_model_get_n_items (ppv_top_view_get_shown_model (top)),
                 (g_get_monotonic_time () - t0) / 1000.0, (process_cpu_seconds () - cpu0) * 1000.0,
                 probe.max_gap / 1000.0, probe.max_gap_cpu / 1000.0);

        top_reports = scenes = 0;
        painted_at = 0;
        probe_start (&probe);
        t0 = g_get_monotonic_time ();
        ppv_profile_view_stop_comparing (view);
        while (top_reports == 0)
          g_main_context_iteration (NULL, TRUE);
        painted_at = 0;
        iterate_until (table_painted, view, 600);
        iterate_until (table_idle, view, 600);
        probe_stop (&probe);
        g_print ("stop comparing: plain table back after %.0f ms; longest main-loop stall %.1f ms "
                 "(%.1f ms CPU)\n",
                 (painted_at - t0) / 1000.0, probe.max_gap / 1000.0, probe.max_gap_cpu / 1000.0);
      }
  }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
