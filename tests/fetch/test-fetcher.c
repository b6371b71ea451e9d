/* test-fetcher.c — PpvFetcher against real servers on 127.0.0.1: bodies, errors, timeouts, cancellation.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fetch-test-server.h"
#include "ppv-endpoint-index.h"
#include "ppv-fetcher.h"
#include "ppv-loopback-proxy-resolver.h"

/* A wait longer than this is a hang: fail instead of blocking the suite. */
#define GUARD_SECONDS 15

static gboolean
on_guard (gpointer data)
{
  g_error ("a fetch did not complete within %d s", GUARD_SECONDS);
  return G_SOURCE_REMOVE;
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static void
wait_for (GAsyncResult **slot)
{
  guint guard = g_timeout_add_seconds (GUARD_SECONDS, on_guard, NULL);

  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
}

static char *
url (const char *path)
{
  return g_strconcat (fetch_test_server_get_base (), path, NULL);
}

/* Short limits so that a failing test fails fast. */
static PpvFetcher *
new_fetcher (void)
{
  PpvFetcher *fetcher = ppv_fetcher_new ();

  g_object_set (fetcher,
                "connect-timeout", 5,
                "timeout", 5,
                "deadline", 10,
                NULL);
  return fetcher;
}

static GBytes *
fetch_uri (PpvFetcher    *fetcher,
           const char    *uri,
           GCancellable  *cancellable,
           char         **out_final_uri,
           char         **out_content_type,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ppv_fetcher_fetch_async (fetcher, uri, cancellable, store_result, &result);
  wait_for (&result);
  return ppv_fetcher_fetch_finish (fetcher, result, out_final_uri, out_content_type, error);
}

static GBytes *
fetch_path (PpvFetcher  *fetcher,
            const char  *path,
            GError     **error)
{
  g_autofree char *uri = url (path);

  return fetch_uri (fetcher, uri, NULL, NULL, NULL, error);
}

/* "%s" in @format stands for the plain server's "127.0.0.1:PORT". */
static void
assert_error (const GError *error,
              GQuark        domain,
              int           code,
              const char   *format)
{
  g_autofree char *expected = g_strdup_printf (format, fetch_test_server_get_authority ());

  g_assert_error (error, domain, code);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
assert_fetch_fails (PpvFetcher *fetcher,
                    const char *path,
                    GQuark      domain,
                    int         code,
                    const char *format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = fetch_path (fetcher, path, &error);

  g_assert_null (body);
  assert_error (error, domain, code, format);
}

typedef struct
{
  guint   calls;
  guint64 received;
  gint64  expected;
  char   *uri;
} Progress;

static void
on_progress (PpvFetcher *fetcher,
             const char *uri,
             guint64     received,
             gint64      expected,
             Progress   *progress)
{
  g_assert_cmpuint (received, >=, progress->received);
  progress->calls++;
  progress->received = received;
  progress->expected = expected;
  g_free (progress->uri);
  progress->uri = g_strdup (uri);
}

static void
test_heap (void)
{
  g_autoptr(PpvFetcher) fetcher = new_fetcher ();
  g_autoptr(GBytes) expected = fetch_test_load_capture ("heap.pb.gz");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *uri = url ("/debug/pprof/heap");
  g_autofree char *final_uri = NULL;
  g_autofree char *content_type = NULL;
  Progress progress = { 0, };

  g_signal_connect (fetcher, "progress", G_CALLBACK (on_progress), &progress);
  body = fetch_uri (fetcher, uri, NULL, &final_uri, &content_type, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (body, expected));
  g_assert_cmpstr (final_uri, ==, uri);
  g_assert_cmpstr (content_type, ==, "application/octet-stream");

  g_assert_cmpuint (progress.calls, >=, 2);
  g_assert_cmpuint (progress.received, ==, g_bytes_get_size (expected));
  g_assert_cmpint (progress.expected, ==, (gint64) g_bytes_get_size (expected));
  g_assert_cmpstr (progress.uri, ==, uri);
  g_free (progress.uri);
}

static void
test_large_body (void)
{
  g_autoptr(PpvFetcher) fetcher = new_fetcher ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = fetch_path (fetcher, "/big-chunked", &error);
  const guint8 *data;

  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (body), ==, FETCH_TEST_BIG_SIZE);
  data = g_bytes_get_data (body, NULL);
  for (gsize i = 0; i < FETCH_TEST_BIG_SIZE; i++)
    if (data[i] != (guint8) (i * 7))
      g_error ("byte %" G_GSIZE_FORMAT " differs", i);
}

static void
test_content_encoding (void)
{
  g_autoptr(PpvFetcher) fetcher = new_fetcher ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = fetch_path (fetcher, "/encoded", &error);
  const char *data;

  /* libsoup undoes Content-Encoding: we get the 200 KiB, not the gzip. */
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (body), ==, FETCH_TEST_ENCODED_SIZE);
  data = g_bytes_get_data (body, NULL);
  g_assert_cmpint (data[0], ==, 'a');
  g_assert_cmpint (data[FETCH_TEST_ENCODED_SIZE - 1], ==, 'a');
}

static void
test_too_large (void)
{
  g_autoptr(PpvFetcher) fetcher = new_fetcher ();

  g_object_set (fetcher, "max-body-size", (guint64) 100 * 1024, NULL);
  /* Refused from its Content-Length, without reading it. */
  assert_fetch_fails (fetcher, "/big", PPV_FETCH_ERROR, PPV_FETCH_ERROR_TOO_LARGE,
                      "%s: the response is larger than the 100 KiB limit");
  /* Counted while reading. */
  assert_fetch_fails (fetcher, "/big-chunked", PPV_FETCH_ERROR, PPV_FETCH_ERROR_TOO_LARGE,
                      "%s: the response is larger than the 100 KiB limit");
  /* Counted after decoding: the gzip on the wire is far below the cap. */
  assert_fetch_fails (fetcher, "/encoded", PPV_FETCH_ERROR, PPV_FETCH_ERROR_TOO_LARGE,
                      "%s: the response is larger than the 100 KiB limit");
}

static void
test_http_errors (void)
{
  g_autoptr(PpvFetcher) fetcher = new_fetcher ();

  assert_fetch_fails (fetcher, "/missing", PPV_FETCH_ERROR, PPV_FETCH_ERROR_HTTP_STATUS,
                      "%s: server returned 404 Not Found for /missing");
  assert_fetch_fails (fetcher, "/gone", PPV_FETCH_ERROR, PPV_FETCH_ERROR_HTTP_STATUS,
                      "%s: server returned 404 Not Found for /gone");
  assert_fetch_fails (fetcher, "/debug/pprof/nosuch", PPV_FETCH_ERROR, PPV_FETCH_ERROR_HTTP_STATUS,
                      "%s: server returned 404 Not Found: Unknown profile");
  assert_fetch_fails (fetcher, "/debug/pprof/profile?seconds=5", PPV_FETCH_ERROR,
                      PPV_FETCH_ERROR_HTTP_STATUS,
                      "%s: server returned 500 Internal Server Error: "
                      "Could not enable CPU profiling: cpu profiling already in use");
}

static void
test_html (void)
{
  g_autoptr(PpvFetcher) fetcher = new_fetcher ();

  assert_fetch_fails (fetcher, "/html", PPV_FETCH_ERROR, PPV_FETCH_ERROR_NOT_A_PROFILE,
                      "%s: not a profile: the server sent an HTML page");
  /* Labelled as binary, but it is a page. */
  assert_fetch_fails (fetcher, "/html-sniff", PPV_FETCH_ERROR, PPV_FETCH_ERROR_NOT_A_PROFILE,
                      "%s: not a profile: the server sent an HTML page");
  assert_fetch_fails (fetcher, "/debug/pprof/", PPV_FETCH_ERROR, PPV_FETCH_ERROR_NOT_A_PROFILE,
                      "%s: not a profile: the server sent an HTML page");
}

static void
test_not_a_profile_uri (void)
{
  g_autoptr(PpvFetcher) fetcher = new_fetcher ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  guint16 port = fetch_test_unused_port ();
  g_autofree char *trace = g_strdup_printf ("http://127.0.0.1:%u/debug/pprof/trace?seconds=5", port);
  g_autofree char *expected = g_strdup_printf ("127.0.0.1:%u: not a pprof profile: trace is an "
                                               "execution trace (open it with `go tool trace`)", port);

  /* Refused before any connection: the port has no listener, yet the
   * error is about the trace. */
  body = fetch_uri (fetcher, trace, NULL, NULL, NULL, &error);
  g_assert_null (body);
  g_assert_error (error, PPV_FETCH_ERROR, PPV_FETCH_ERROR_NOT_A_PROFILE);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  assert_fetch_fails (fetcher, "/debug/pprof/cmdline", PPV_FETCH_ERROR,
                      PPV_FETCH_ERROR_NOT_A_PROFILE,
                      "%s: not a pprof profile: cmdline is the program's command line");

  body = fetch_uri (fetcher, "ftp://127.0.0.1/heap", NULL, NULL, NULL, &error);
  g_assert_null (body);
  g_assert_error (error, PPV_FETCH_ERROR, PPV_FETCH_ERROR_INVALID_SOURCE);
  g_assert_cmpstr (error->message, ==,
                   "ftp://127.0.0.1/heap: unsupported address (only http and https are fetched)");
}

static void
test_drip_deadline (void)
{
  g_autoptr(PpvFetcher) fetcher = new_fetcher ();
  gint64 start = g_get_monotonic_time ();
  double elapsed;

  /* A byte every 200 ms never trips the 5 s idle timeout; the deadline cuts it. */
  g_object_set (fetcher, "deadline", 1, NULL);
  assert_fetch_fails (fetcher, "/drip", G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "%s: timed out after 1 s");
  elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_assert_cmpfloat (elapsed, >=, 0.95);
  g_assert_cmpfloat (elapsed, <, 5.0);
}

static void
test_idle_timeout (void)
{
  g_autoptr(PpvFetcher) fetcher = new_fetcher ();
  gint64 start = g_get_monotonic_time ();
  double elapsed;

  g_object_set (fetcher, "timeout", 1, NULL);
  assert_fetch_fails (fetcher, "/delay?ms=1800", G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                      "%s: timed out after 1 s without data");
  elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_assert_cmpfloat (elapsed, >=, 0.95);
  g_assert_cmpfloat (elapsed, <, 5.0);
}

static void
test_idle_timeout_in_body (void)
{
  g_autoptr(PpvFetcher) fetcher = new_fetcher ();
  Progress progress = { 0, };

  g_object_set (fetcher, "timeout", 1, NULL);
  g_signal_connect (fetcher, "progress", G_CALLBACK (on_progress), &progress);
  assert_fetch_fails (fetcher, "/stall", G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                      "%s: timed out after 1 s without data");
  g_assert_cmpuint (progress.received, ==, 10);
  g_assert_cmpint (progress.expected, ==, -1);
  g_free (progress.uri);
}

static void
test_seconds_extends_timeouts (void)
{
  g_autoptr(PpvFetcher) fetcher = new_fetcher ();
  g_autoptr(GBytes) expected = fetch_test_load_capture ("heap.pb.gz");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  /* Like Go's profile?seconds=2, the answer comes late (1.8 s), past both
   * the 1 s idle timeout and the 1 s deadline; "seconds" stretches both. */
  g_object_set (fetcher, "timeout", 1, "deadline", 1, NULL);
  body = fetch_path (fetcher, "/delay?ms=1800&seconds=2", &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (body, expected));
}

static void
test_broken_connections (void)
{
  g_autoptr(PpvFetcher) fetcher = new_fetcher ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *pattern = NULL;

  assert_fetch_fails (fetcher, "/early-end", G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                      "%s: the connection broke after 1000 of 100000 bytes");
  assert_fetch_fails (fetcher, "/close", G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                      "%s: the server closed the connection without answering — "
                      "is the pod behind `kubectl port-forward` still running?");

  /* With a reset, how much of the 1000 bytes arrives first is up to the kernel. */
  body = fetch_path (fetcher, "/reset", &error);
  g_assert_null (body);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
  pattern = g_strdup_printf ("%s: the connection broke after * of 100000 bytes",
                             fetch_test_server_get_authority ());
  g_assert_true (g_pattern_match_simple (pattern, error->message));
}

static void
test_redirects (void)
{
  g_autoptr(PpvFetcher) fetcher = new_fetcher ();
  g_autoptr(GBytes) expected = fetch_test_load_capture ("heap.pb.gz");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *start = url ("/to-heap");
  g_autofree char *heap = url ("/debug/pprof/heap");
  g_autofree char *final_uri = NULL;

  body = fetch_uri (fetcher, start, NULL, &final_uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (body, expected));
  g_assert_cmpstr (final_uri, ==, heap);

  assert_fetch_fails (fetcher, "/loop", PPV_FETCH_ERROR, PPV_FETCH_ERROR_TOO_MANY_REDIRECTS,
                      "%s: too many redirects (more than 10)");
  g_object_set (fetcher, "max-redirects", 2, NULL);
  assert_fetch_fails (fetcher, "/loop", PPV_FETCH_ERROR, PPV_FETCH_ERROR_TOO_MANY_REDIRECTS,
                      "%s: too many redirects (more than 2)");
  assert_fetch_fails (fetcher, "/not-http", PPV_FETCH_ERROR, PPV_FETCH_ERROR_INVALID_SOURCE,
                      "%s: redirected to an address that is not http(s): ftp://127.0.0.1/x");
}

static void
test_refused (void)
{
  g_autoptr(PpvFetcher) fetcher = new_fetcher ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  guint16 port = fetch_test_unused_port ();
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u/debug/pprof/heap", port);
  g_autofree char *expected = g_strdup_printf ("Could not connect to 127.0.0.1:%u — is "
                                               "`kubectl port-forward` running?", port);

  body = fetch_uri (fetcher, uri, NULL, NULL, NULL, &error);
  g_assert_null (body);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_cmpstr (error->message, ==, expected);
}

/* A listener whose accept queue is full drops new SYNs, so connecting hangs. */
static void
test_connect_timeout (void)
{
  g_autoptr(PpvFetcher) fetcher = new_fetcher ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(GPtrArray) fillers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *expected = NULL;
  guint16 port;

  listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (listener, any_port, FALSE, &error);
  g_assert_no_error (error);
  g_socket_set_listen_backlog (listener, 0);
  g_socket_listen (listener, &error);
  g_assert_no_error (error);
  address = g_socket_get_local_address (listener, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));

  for (int i = 0; i < 4; i++)
    {
      GSocket *filler = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, &error);

      g_assert_no_error (error);
      g_socket_set_blocking (filler, FALSE);
      g_socket_connect (filler, address, NULL, NULL);
      g_ptr_array_add (fillers, filler);
    }

  g_object_set (fetcher, "connect-timeout", 1, NULL);
  uri = g_strdup_printf ("http://127.0.0.1:%u/debug/pprof/heap", port);
  expected = g_strdup_printf ("Could not connect to 127.0.0.1:%u within 1 s", port);
  body = fetch_uri (fetcher, uri, NULL, NULL, NULL, &error);
  g_assert_null (body);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpstr (error->message, ==, expected);
}

static gboolean
cancel_later (gpointer data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
  return G_SOURCE_REMOVE;
}

static void
assert_cancelled (const char *path,
                  guint       after_ms)
{
  g_autoptr(PpvFetcher) fetcher = new_fetcher ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *uri = url (path);
  gint64 start = g_get_monotonic_time ();

  if (after_ms == 0)
    g_cancellable_cancel (cancellable);
  else
    g_timeout_add_full (G_PRIORITY_DEFAULT, after_ms, cancel_later,
                        g_object_ref (cancellable), g_object_unref);

  body = fetch_uri (fetcher, uri, cancellable, NULL, NULL, &error);
  g_assert_null (body);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

static void
test_cancel (void)
{
  assert_cancelled ("/debug/pprof/heap", 0);     /* before it starts */
  assert_cancelled ("/delay?ms=4000", 200);      /* waiting for the headers */
  assert_cancelled ("/drip", 500);               /* in the middle of the body */
}

static gpointer
cancel_from_thread (gpointer data)
{
  g_usleep (300 * 1000);
  g_cancellable_cancel (G_CANCELLABLE (data));
  return NULL;
}

static void
test_cancel_from_thread (void)
{
  g_autoptr(PpvFetcher) fetcher = new_fetcher ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *uri = url ("/drip");
  GThread *thread = g_thread_new ("canceller", cancel_from_thread, cancellable);

  body = fetch_uri (fetcher, uri, cancellable, NULL, NULL, &error);
  g_thread_join (thread);
  g_assert_null (body);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_tls (void)
{
  g_autoptr(PpvFetcher) fetcher = new_fetcher ();
  g_autoptr(GBytes) expected = fetch_test_load_capture ("heap.pb.gz");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *uri = g_strconcat (fetch_test_server_get_tls_base (), "/debug/pprof/heap", NULL);
  g_autofree char *prefix = g_strdup_printf ("%s: the TLS certificate is not trusted (signed by an unknown authority",
                                             fetch_test_server_get_tls_base () + strlen ("https://"));

  body = fetch_uri (fetcher, uri, NULL, NULL, NULL, &error);
  g_assert_null (body);
  g_assert_error (error, PPV_FETCH_ERROR, PPV_FETCH_ERROR_TLS);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_clear_error (&error);

  g_object_set (fetcher, "insecure", TRUE, NULL);
  body = fetch_uri (fetcher, uri, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (body, expected));
}

static void
test_list_endpoints (void)
{
  g_autoptr(PpvFetcher) fetcher = new_fetcher ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) endpoints = NULL;
  g_autoptr(PpvEndpoint) heap = NULL;
  g_autofree char *index_uri = url ("/debug/pprof/");
  g_autofree char *heap_href = url ("/debug/pprof/heap?debug=1");
  g_autofree char *heap_uri = url ("/debug/pprof/heap");
  g_autofree char *profile_uri = NULL;

  ppv_fetcher_list_endpoints_async (fetcher, index_uri, NULL, store_result, &result);
  wait_for (&result);
  endpoints = ppv_fetcher_list_endpoints_finish (fetcher, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (endpoints), ==, 9);

  heap = g_list_model_get_item (endpoints, 4);
  g_assert_cmpstr (ppv_endpoint_get_name (heap), ==, "heap");
  g_assert_cmpint (ppv_endpoint_get_count (heap), ==, 7);
  g_assert_cmpstr (ppv_endpoint_get_href (heap), ==, heap_href);
  profile_uri = ppv_endpoint_dup_profile_uri (heap, 0);
  g_assert_cmpstr (profile_uri, ==, heap_uri);
  g_clear_object (&result);

  /* A page that is not an index, and a server error, each say so. */
  g_clear_pointer (&index_uri, g_free);
  index_uri = url ("/html");
  ppv_fetcher_list_endpoints_async (fetcher, index_uri, NULL, store_result, &result);
  wait_for (&result);
  g_assert_null (ppv_fetcher_list_endpoints_finish (fetcher, result, &error));
  assert_error (error, PPV_FETCH_ERROR, PPV_FETCH_ERROR_NOT_AN_INDEX,
                "%s: the page lists no profiles (not a /debug/pprof/ index)");
  g_clear_error (&error);
  g_clear_object (&result);

  g_clear_pointer (&index_uri, g_free);
  index_uri = url ("/missing");
  ppv_fetcher_list_endpoints_async (fetcher, index_uri, NULL, store_result, &result);
  wait_for (&result);
  g_assert_null (ppv_fetcher_list_endpoints_finish (fetcher, result, &error));
  assert_error (error, PPV_FETCH_ERROR, PPV_FETCH_ERROR_HTTP_STATUS,
                "%s: server returned 404 Not Found for /missing");
}

static void
test_concurrent (void)
{
  g_autoptr(PpvFetcher) fetcher = new_fetcher ();
  g_autoptr(GAsyncResult) drip = NULL;
  g_autoptr(GAsyncResult) heap = NULL;
  g_autoptr(GAsyncResult) big = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) heap_body = NULL;
  g_autoptr(GBytes) big_body = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *drip_uri = url ("/drip");
  g_autofree char *heap_uri = url ("/debug/pprof/heap");
  g_autofree char *big_uri = url ("/big");

  /* A slow request (like a CPU profile) must not hold up the others. */
  ppv_fetcher_fetch_async (fetcher, drip_uri, cancellable, store_result, &drip);
  ppv_fetcher_fetch_async (fetcher, heap_uri, NULL, store_result, &heap);
  ppv_fetcher_fetch_async (fetcher, big_uri, NULL, store_result, &big);
  wait_for (&heap);
  wait_for (&big);
  g_assert_null (drip);

  heap_body = ppv_fetcher_fetch_finish (fetcher, heap, NULL, NULL, &error);
  g_assert_no_error (error);
  big_body = ppv_fetcher_fetch_finish (fetcher, big, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (big_body), ==, FETCH_TEST_BIG_SIZE);

  g_cancellable_cancel (cancellable);
  wait_for (&drip);
  g_assert_null (ppv_fetcher_fetch_finish (fetcher, drip, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gpointer
fetch_in_thread (gpointer data)
{
  GError *error = NULL;
  GBytes *body = ppv_fetch_uri_sync (data, NULL, &error);

  g_assert_no_error (error);
  return body;
}

static void
test_sync (void)
{
  g_autoptr(GBytes) expected = fetch_test_load_capture ("heap.pb.gz");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) threaded = NULL;
  g_autofree char *uri = url ("/debug/pprof/heap");
  g_autofree char *refused = g_strdup_printf ("http://127.0.0.1:%u/", fetch_test_unused_port ());
  GThread *thread;

  /* No loop runs on the default context here, as in the CLI. */
  body = ppv_fetch_uri_sync (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (body, expected));

  g_assert_null (ppv_fetch_uri_sync (refused, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);

  thread = g_thread_new ("sync-fetch", fetch_in_thread, uri);
  threaded = g_thread_join (thread);
  g_assert_true (g_bytes_equal (threaded, expected));
}

/* A proxy for the outside world must not capture `kubectl port-forward`. */
static void
test_loopback_proxy_bypass (void)
{
  static const struct { const char *uri; const char *proxy; } cases[] = {
    { "http://127.0.0.1:6060/debug/pprof/heap", "direct://" },
    { "http://127.1.2.3:6060/", "direct://" },
    { "http://localhost:6060/", "direct://" },
    { "http://LOCALHOST:6060/", "direct://" },
    { "http://[::1]:6060/", "direct://" },
    { "http://example.com:6060/", "http://127.0.0.1:1" },
    { "https://10.0.0.5/", "http://127.0.0.1:1" },
  };
  g_autoptr(GProxyResolver) proxy = g_simple_proxy_resolver_new ("http://127.0.0.1:1", NULL);
  g_autoptr(GProxyResolver) resolver = ppv_loopback_proxy_resolver_new (proxy);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_auto(GStrv) sync = g_proxy_resolver_lookup (resolver, cases[i].uri, NULL, &error);
      g_auto(GStrv) async = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (sync[0], ==, cases[i].proxy);
      g_assert_null (sync[1]);

      g_proxy_resolver_lookup_async (resolver, cases[i].uri, NULL, store_result, &result);
      wait_for (&result);
      async = g_proxy_resolver_lookup_finish (resolver, result, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (async[0], ==, cases[i].proxy);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  fetch_test_server_start ();

  g_test_add_func ("/ppv/fetch/fetcher/heap", test_heap);
  g_test_add_func ("/ppv/fetch/fetcher/large-body", test_large_body);
  g_test_add_func ("/ppv/fetch/fetcher/content-encoding", test_content_encoding);
  g_test_add_func ("/ppv/fetch/fetcher/too-large", test_too_large);
  g_test_add_func ("/ppv/fetch/fetcher/http-errors", test_http_errors);
  g_test_add_func ("/ppv/fetch/fetcher/html", test_html);
  g_test_add_func ("/ppv/fetch/fetcher/not-a-profile-uri", test_not_a_profile_uri);
  g_test_add_func ("/ppv/fetch/fetcher/drip-deadline", test_drip_deadline);
  g_test_add_func ("/ppv/fetch/fetcher/idle-timeout", test_idle_timeout);
  g_test_add_func ("/ppv/fetch/fetcher/idle-timeout-in-body", test_idle_timeout_in_body);
  g_test_add_func ("/ppv/fetch/fetcher/seconds-extends-timeouts", test_seconds_extends_timeouts);
  g_test_add_func ("/ppv/fetch/fetcher/broken-connections", test_broken_connections);
  g_test_add_func ("/ppv/fetch/fetcher/redirects", test_redirects);
  g_test_add_func ("/ppv/fetch/fetcher/refused", test_refused);
  g_test_add_func ("/ppv/fetch/fetcher/connect-timeout", test_connect_timeout);
  g_test_add_func ("/ppv/fetch/fetcher/cancel", test_cancel);
  g_test_add_func ("/ppv/fetch/fetcher/cancel-from-thread", test_cancel_from_thread);
  g_test_add_func ("/ppv/fetch/fetcher/tls", test_tls);
  g_test_add_func ("/ppv/fetch/fetcher/list-endpoints", test_list_endpoints);
  g_test_add_func ("/ppv/fetch/fetcher/concurrent", test_concurrent);
  g_test_add_func ("/ppv/fetch/fetcher/sync", test_sync);
  g_test_add_func ("/ppv/fetch/fetcher/loopback-proxy-bypass", test_loopback_proxy_bypass);

  status = g_test_run ();
  fetch_test_server_stop ();
  return status;
}
