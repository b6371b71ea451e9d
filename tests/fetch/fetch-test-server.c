/* fetch-test-server.c — misbehaving HTTP(S) servers on 127.0.0.1 for the fetch tests.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sys/socket.h>

#include <libsoup/soup.h>

#include "fetch-test-server.h"

#define DRIP_INTERVAL_MS 200
#define DRIP_BYTES       50

static GThread      *server_thread;
static GMainContext *server_context;
static GMainLoop    *server_loop;
static GMutex        server_lock;
static GCond         server_cond;
static gboolean      server_ready;
static char         *server_base;
static char         *server_tls_base;
static char         *server_authority;
static GBytes       *heap_body;
static GBytes       *index_body;
static GBytes       *encoded_body;
static GBytes       *big_body;

static GBytes *
load_from (const char *env_dir,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  char *contents = NULL;
  gsize length = 0;
  const char *dir = g_getenv (env_dir);

  g_assert_nonnull (dir);
  path = g_build_filename (dir, name, NULL);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

GBytes *
fetch_test_load_data (const char *name)
{
  return load_from ("PPV_FETCH_TEST_DATA", name);
}

GBytes *
fetch_test_load_capture (const char *name)
{
  return load_from ("PPV_GO_CAPTURE_DIR", name);
}

guint16
fetch_test_unused_port (void)
{
  static GPtrArray *held;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  /* Bound but not listening: connections are refused, and holding the
   * socket until exit keeps anything else from taking the port. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any_port, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  if (held == NULL)
    held = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (held, g_steal_pointer (&socket));
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *type,
         GBytes            *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
respond_text (SoupServerMessage *msg,
              guint              status,
              const char        *type,
              const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, text, strlen (text));
}

static void
respond_go_error (SoupServerMessage *msg,
                  guint              status,
                  const char        *text)
{
  respond_text (msg, status, "text/plain; charset=utf-8", text);
  soup_message_headers_append (soup_server_message_get_response_headers (msg), "X-Go-Pprof", "1");
  soup_message_headers_append (soup_server_message_get_response_headers (msg),
                               "X-Content-Type-Options", "nosniff");
}

static void
redirect (SoupServerMessage *msg,
          const char        *location)
{
  soup_server_message_set_status (msg, SOUP_STATUS_FOUND, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", location);
}

typedef struct
{
  SoupServerMessage *msg;
  guint              sent;
  gboolean           finished;
} Drip;

static void
on_drip_finished (SoupServerMessage *msg,
                  Drip              *drip)
{
  drip->finished = TRUE;
}

static gboolean
drip_one (gpointer data)
{
  Drip *drip = data;
  SoupMessageBody *body;

  if (drip->finished)
    goto done;

  body = soup_server_message_get_response_body (drip->msg);
  if (drip->sent++ < DRIP_BYTES)
    {
      soup_message_body_append (body, SOUP_MEMORY_STATIC, "x", 1);
      soup_server_message_unpause (drip->msg);
      return G_SOURCE_CONTINUE;
    }
  soup_message_body_complete (body);
  soup_server_message_unpause (drip->msg);

done:
  g_signal_handlers_disconnect_by_data (drip->msg, drip);
  g_object_unref (drip->msg);
  g_free (drip);
  return G_SOURCE_REMOVE;
}

static void
start_drip (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  Drip *drip = g_new0 (Drip, 1);
  GSource *source;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, "application/octet-stream", NULL);
  soup_server_message_pause (msg);

  drip->msg = g_object_ref (msg);
  g_signal_connect (msg, "finished", G_CALLBACK (on_drip_finished), drip);
  source = g_timeout_source_new (DRIP_INTERVAL_MS);
  g_source_set_callback (source, drip_one, drip, NULL);
  g_source_attach (source, server_context);
  g_source_unref (source);
}

static gboolean
answer_late (gpointer data)
{
  SoupServerMessage *msg = data;

  respond (msg, SOUP_STATUS_OK, "application/octet-stream", heap_body);
  soup_server_message_unpause (msg);
  g_object_unref (msg);
  return G_SOURCE_REMOVE;
}

static void
start_delay (SoupServerMessage *msg,
             GHashTable        *query)
{
  const char *ms_text = query != NULL ? g_hash_table_lookup (query, "ms") : NULL;
  guint ms = ms_text != NULL ? (guint) g_ascii_strtoull (ms_text, NULL, 10) : 1000;
  GSource *source;

  soup_server_message_pause (msg);
  source = g_timeout_source_new (ms);
  g_source_set_callback (source, answer_late, g_object_ref (msg), NULL);
  g_source_attach (source, server_context);
  g_source_unref (source);
}

/* Takes the connection from libsoup and writes a response that stops after
 * 1000 of the 100000 promised bytes; @reset makes the close a TCP RST. */
static void
break_connection (SoupServerMessage *msg,
                  gboolean           answer,
                  gboolean           reset)
{
  static const char head[] =
    "HTTP/1.1 200 OK\r\n"
    "Content-Type: application/octet-stream\r\n"
    "Content-Length: 100000\r\n"
    "\r\n";
  g_autoptr(GSocket) socket = g_object_ref (soup_server_message_get_socket (msg));
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  GOutputStream *out = g_io_stream_get_output_stream (stream);
  char part[1000];

  if (answer)
    {
      memset (part, 'p', sizeof part);
      g_assert_true (g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL));
      g_assert_true (g_output_stream_write_all (out, part, sizeof part, NULL, NULL, NULL));
      g_assert_true (g_output_stream_flush (out, NULL, NULL));
    }
  if (reset)
    {
      struct linger linger = { .l_onoff = 1, .l_linger = 0 };

      g_assert_cmpint (setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER,
                                   &linger, sizeof linger), ==, 0);
    }
  g_io_stream_close (stream, NULL, NULL);
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  if (strcmp (path, "/debug/pprof/heap") == 0)
    respond (msg, SOUP_STATUS_OK, "application/octet-stream", heap_body);
  else if (strcmp (path, "/debug/pprof/") == 0)
    respond (msg, SOUP_STATUS_OK, "text/html; charset=utf-8", index_body);
  else if (strcmp (path, "/debug/pprof/profile") == 0)
    respond_go_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                      "Could not enable CPU profiling: cpu profiling already in use\n");
  else if (strcmp (path, "/debug/pprof/nosuch") == 0)
    respond_go_error (msg, SOUP_STATUS_NOT_FOUND, "Unknown profile\n");
  else if (strcmp (path, "/gone") == 0)
    respond_text (msg, SOUP_STATUS_NOT_FOUND, "text/plain; charset=utf-8", "404 page not found\n");
  else if (strcmp (path, "/missing") == 0)
    respond_text (msg, SOUP_STATUS_NOT_FOUND, "text/html",
                  "<!DOCTYPE html>\n<html><body><h1>Not Found</h1></body></html>\n");
  else if (strcmp (path, "/html") == 0)
    respond_text (msg, SOUP_STATUS_OK, "text/html; charset=utf-8",
                  "<html><head><title>Login</title></head><body>Sign in</body></html>\n");
  else if (strcmp (path, "/html-sniff") == 0)
    respond_text (msg, SOUP_STATUS_OK, "application/octet-stream",
                  "\n  <!DOCTYPE html><html><body>Proxy error page, padded to be long enough.</body></html>\n");
  else if (strcmp (path, "/encoded") == 0)
    {
      respond (msg, SOUP_STATUS_OK, "application/octet-stream", encoded_body);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Content-Encoding", "gzip");
    }
  else if (strcmp (path, "/big") == 0)
    respond (msg, SOUP_STATUS_OK, "application/octet-stream", big_body);
  else if (strcmp (path, "/big-chunked") == 0)
    {
      respond (msg, SOUP_STATUS_OK, "application/octet-stream", big_body);
      soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                         SOUP_ENCODING_CHUNKED);
      soup_message_body_complete (soup_server_message_get_response_body (msg));
    }
  else if (strcmp (path, "/drip") == 0)
    start_drip (msg);
  else if (strcmp (path, "/stall") == 0)
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

      /* Ten bytes, then silence with the body still open. */
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (headers, "application/octet-stream", NULL);
      soup_message_body_append (soup_server_message_get_response_body (msg),
                                SOUP_MEMORY_STATIC, "0123456789", 10);
    }
  else if (strcmp (path, "/delay") == 0)
    start_delay (msg, query);
  else if (strcmp (path, "/early-end") == 0)
    break_connection (msg, TRUE, FALSE);
  else if (strcmp (path, "/reset") == 0)
    break_connection (msg, TRUE, TRUE);
  else if (strcmp (path, "/close") == 0)
    break_connection (msg, FALSE, FALSE);
  else if (strcmp (path, "/loop") == 0)
    redirect (msg, "/loop");
  else if (strcmp (path, "/to-heap") == 0)
    redirect (msg, "/debug/pprof/heap");
  else if (strcmp (path, "/not-http") == 0)
    redirect (msg, "ftp://127.0.0.1/x");
  else
    respond_text (msg, SOUP_STATUS_NOT_FOUND, "text/plain; charset=utf-8", "404 page not found\n");
}

static GBytes *
gzip_bytes (GBytes *input)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (out, g_bytes_get_data (input, NULL), g_bytes_get_size (input),
                             NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static char *
listen_on_loopback (SoupServer             *server,
                    SoupServerListenOptions options)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  char *base;

  soup_server_add_handler (server, NULL, handle, NULL, NULL);
  soup_server_listen_local (server, 0, options | SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  base = g_strdup_printf ("%s://127.0.0.1:%d",
                          g_uri_get_scheme (uris->data), g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return base;
}

static gpointer
run_servers (gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) plain = NULL;
  g_autoptr(SoupServer) tls = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autofree char *pem = NULL;

  g_main_context_push_thread_default (server_context);

  plain = soup_server_new ("server-header", "fetch-test ", NULL);
  server_base = listen_on_loopback (plain, 0);
  server_authority = g_strdup (server_base + strlen ("http://"));

  pem = g_build_filename (g_getenv ("PPV_FETCH_TEST_DATA"), "tls-self-signed.pem", NULL);
  certificate = g_tls_certificate_new_from_file (pem, &error);
  g_assert_no_error (error);
  tls = soup_server_new ("server-header", "fetch-test ", "tls-certificate", certificate, NULL);
  server_tls_base = listen_on_loopback (tls, SOUP_SERVER_LISTEN_HTTPS);

  g_mutex_lock (&server_lock);
  server_ready = TRUE;
  g_cond_signal (&server_cond);
  g_mutex_unlock (&server_lock);

  g_main_loop_run (server_loop);

  soup_server_disconnect (plain);
  soup_server_disconnect (tls);
  g_main_context_pop_thread_default (server_context);
  return NULL;
}

void
fetch_test_server_start (void)
{
  g_autoptr(GBytes) plain = NULL;
  guint8 *big;

  heap_body = fetch_test_load_capture ("heap.pb.gz");
  index_body = fetch_test_load_capture ("go-index.html");
  plain = g_bytes_new_take (memset (g_malloc (FETCH_TEST_ENCODED_SIZE), 'a', FETCH_TEST_ENCODED_SIZE),
                            FETCH_TEST_ENCODED_SIZE);
  encoded_body = gzip_bytes (plain);
  big = g_malloc (FETCH_TEST_BIG_SIZE);
  for (gsize i = 0; i < FETCH_TEST_BIG_SIZE; i++)
    big[i] = (guint8) (i * 7);
  big_body = g_bytes_new_take (big, FETCH_TEST_BIG_SIZE);

  server_context = g_main_context_new ();
  server_loop = g_main_loop_new (server_context, FALSE);
  server_thread = g_thread_new ("fetch-test-server", run_servers, NULL);

  g_mutex_lock (&server_lock);
  while (!server_ready)
    g_cond_wait (&server_cond, &server_lock);
  g_mutex_unlock (&server_lock);
}

void
fetch_test_server_stop (void)
{
  g_main_loop_quit (server_loop);
  g_thread_join (server_thread);
  g_clear_pointer (&server_loop, g_main_loop_unref);
  g_clear_pointer (&server_context, g_main_context_unref);
  g_clear_pointer (&heap_body, g_bytes_unref);
  g_clear_pointer (&index_body, g_bytes_unref);
  g_clear_pointer (&encoded_body, g_bytes_unref);
  g_clear_pointer (&big_body, g_bytes_unref);
  g_clear_pointer (&server_base, g_free);
  g_clear_pointer (&server_tls_base, g_free);
  g_clear_pointer (&server_authority, g_free);
}

const char *
fetch_test_server_get_base (void)
{
  return server_base;
}

const char *
fetch_test_server_get_tls_base (void)
{
  return server_tls_base;
}

const char *
fetch_test_server_get_authority (void)
{
  return server_authority;
}
