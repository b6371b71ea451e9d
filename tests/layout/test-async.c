/* test-async.c — layouts in worker threads: serialised on graphviz's lock,
 * stale (cancelled) requests dropped without running, many threads at
 * once without a crash.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-layout-private.h"
#include "ppv-svg.h"
#include "ppv-test-graph.h"

typedef struct
{
  const char *name;
  GPtrArray  *order;   /* names of finished requests, in callback order */
  PpvScene   *scene;
  GError     *error;
  gboolean    done;
} Request;

static void
request_clear (Request *r)
{
  g_clear_pointer (&r->scene, ppv_scene_unref);
  g_clear_error (&r->error);
}

static void
on_layout_ready (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Request *r = user_data;

  g_assert_null (source);
  r->scene = ppv_layout_compute_finish (result, &r->error);
  r->done = TRUE;
  if (r->order != NULL)
    g_ptr_array_add (r->order, (gpointer) r->name);
}

static void
wait_for (Request *requests,
          guint    n)
{
  for (guint i = 0; i < n; i++)
    while (!requests[i].done)
      g_main_context_iteration (NULL, TRUE);
}

static void
test_basic (void)
{
  g_autoptr(PpvTestGraph) graph = ppv_test_graph_new_a1 ();
  Request r = { "a1" };

  ppv_layout_compute_async (graph, NULL, on_layout_ready, &r);
  /* The request holds its own copy. */
  g_clear_pointer (&graph, ppv_test_graph_free);
  wait_for (&r, 1);

  g_assert_no_error (r.error);
  g_assert_nonnull (r.scene);
  g_assert_cmpuint (r.scene->n_nodes, ==, 9);
  g_assert_cmpuint (r.scene->n_edges, ==, 8);
  g_assert_cmpstr (r.scene->nodes[3].label.lines[1].text, ==, "bar");
  request_clear (&r);
}

/* Errors found before the worker starts still arrive asynchronously. */
static void
test_too_large (void)
{
  g_autoptr(PpvTestGraph) graph = ppv_test_graph_new ("big");
  Request r = { "big" };

  for (guint i = 0; i < PPV_LAYOUT_MAX_NODES + 5; i++)
    ppv_test_graph_add_node (graph, PPV_CALLGRAPH_NODE_FUNCTION, "N", NULL);

  ppv_layout_compute_async (graph, NULL, on_layout_ready, &r);
  g_assert_false (r.done);
  wait_for (&r, 1);
  g_assert_error (r.error, PPV_LAYOUT_ERROR, PPV_LAYOUT_ERROR_TOO_LARGE);
  g_assert_null (r.scene);
  request_clear (&r);
}

/* While graphviz is busy, three requests queue; the one cancelled while
 * waiting never runs, the others run one after the other. */
static void
test_cancelled_while_queued (void)
{
  g_autoptr(PpvTestGraph) graph = ppv_test_graph_new_a1 ();
  g_autoptr(GCancellable) stale = g_cancellable_new ();
  g_autoptr(GCancellable) stale_early = g_cancellable_new ();
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  Request r[4] = {
    { "first", order }, { "stale", order }, { "second", order }, { "stale-early", order },
  };
  guint runs_before;

  /* Hold graphviz as a long layout would. */
  _ppv_layout_lock ();
  runs_before = _ppv_layout_get_n_runs ();

  ppv_layout_compute_async (graph, NULL, on_layout_ready, &r[0]);
  ppv_layout_compute_async (graph, stale, on_layout_ready, &r[1]);
  ppv_layout_compute_async (graph, NULL, on_layout_ready, &r[2]);
  g_cancellable_cancel (stale_early);
  ppv_layout_compute_async (graph, stale_early, on_layout_ready, &r[3]);

  /* Give the workers time to block on the lock, then make one stale. */
  g_usleep (50 * 1000);
  g_cancellable_cancel (stale);
  g_assert_cmpuint (_ppv_layout_get_n_runs (), ==, runs_before);
  _ppv_layout_unlock ();

  wait_for (r, G_N_ELEMENTS (r));

  g_assert_no_error (r[0].error);
  g_assert_nonnull (r[0].scene);
  g_assert_error (r[1].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (r[1].scene);
  g_assert_no_error (r[2].error);
  g_assert_nonnull (r[2].scene);
  g_assert_error (r[3].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Exactly the two live requests reached dot. */
  g_assert_cmpuint (_ppv_layout_get_n_runs () - runs_before, ==, 2);
  g_assert_cmpuint (order->len, ==, 4);

  for (guint i = 0; i < G_N_ELEMENTS (r); i++)
    request_clear (&r[i]);
}

/* A small layout requested while a big one runs waits for it and then
 * succeeds. */
static void
test_requested_while_running (void)
{
  g_autoptr(PpvTestGraph) big = ppv_test_graph_new_pprof_shaped (300, 450, 7);
  g_autoptr(PpvTestGraph) small = ppv_test_graph_new_a1 ();
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  Request r[2] = { { "big", order }, { "small", order } };
  guint runs_before = _ppv_layout_get_n_runs ();
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  ppv_layout_compute_async (big, NULL, on_layout_ready, &r[0]);

  /* Wait until the big one is inside graphviz. */
  while (_ppv_layout_get_n_runs () == runs_before && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  g_assert_cmpuint (_ppv_layout_get_n_runs (), ==, runs_before + 1);

  ppv_layout_compute_async (small, NULL, on_layout_ready, &r[1]);
  wait_for (r, 2);

  g_assert_no_error (r[0].error);
  g_assert_no_error (r[1].error);
  g_assert_cmpuint (r[0].scene->n_nodes, ==, 301);
  g_assert_cmpuint (r[1].scene->n_nodes, ==, 9);
  /* Both ran, one after the other (the small one waited on the lock;
   * which callback the main loop sees first is up to the scheduler). */
  g_assert_cmpuint (_ppv_layout_get_n_runs (), ==, runs_before + 2);
  g_assert_cmpuint (order->len, ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (r); i++)
    request_clear (&r[i]);
}

typedef struct
{
  guint32 seed;
  guint   n_ok;
} ThreadData;

static gpointer
layout_thread (gpointer user_data)
{
  ThreadData *data = user_data;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PpvTestGraph) graph = ppv_test_graph_new_pprof_shaped (40 + data->seed, 70, data->seed * 10 + i);
      g_autoptr(GError) error = NULL;
      g_autoptr(PpvScene) scene = NULL;
      g_autoptr(GBytes) svg = NULL;

      scene = ppv_layout_compute (graph, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (scene->n_nodes, ==, graph->n_nodes);
      svg = ppv_layout_render_svg (graph, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (svg), >, 1000);
      data->n_ok++;
    }

  return NULL;
}

/* graphviz is not thread-safe: four threads laying out at once crashed
 * it 3 times out of 3 before every libgvc call went behind one lock. */
static void
test_parallel_threads (void)
{
  GThread *threads[4];
  ThreadData data[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      data[i] = (ThreadData) { i + 1, 0 };
      threads[i] = g_thread_new ("layout", layout_thread, &data[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (data[i].n_ok, ==, 3);
    }
}

/* Many async requests at once, as quick option changes make. */
static void
test_many_async (void)
{
  g_autoptr(PpvTestGraph) graph = ppv_test_graph_new_pprof_shaped (80, 150, 3);
  Request r[8] = { { "r" } };
  GCancellable *cancellables[8];

  for (guint i = 0; i < G_N_ELEMENTS (r); i++)
    {
      r[i] = (Request) { "r" };
      cancellables[i] = g_cancellable_new ();
      ppv_layout_compute_async (graph, cancellables[i], on_layout_ready, &r[i]);
      /* Cancel-and-replace: every request but the last goes stale. */
      if (i > 0)
        g_cancellable_cancel (cancellables[i - 1]);
    }

  wait_for (r, G_N_ELEMENTS (r));

  g_assert_no_error (r[7].error);
  g_assert_nonnull (r[7].scene);
  for (guint i = 0; i < G_N_ELEMENTS (r) - 1; i++)
    {
      /* A stale request either never ran or its result was dropped. */
      g_assert_error (r[i].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_null (r[i].scene);
    }

  for (guint i = 0; i < G_N_ELEMENTS (r); i++)
    {
      request_clear (&r[i]);
      g_object_unref (cancellables[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppv/layout/async/basic", test_basic);
  g_test_add_func ("/ppv/layout/async/too-large", test_too_large);
  g_test_add_func ("/ppv/layout/async/cancelled-while-queued", test_cancelled_while_queued);
  g_test_add_func ("/ppv/layout/async/requested-while-running", test_requested_while_running);
  g_test_add_func ("/ppv/layout/async/parallel-threads", test_parallel_threads);
  g_test_add_func ("/ppv/layout/async/many-async", test_many_async);

  return g_test_run ();
}
