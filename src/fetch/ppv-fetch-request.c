/* ppv-fetch-request.c — one GET from start to body or error: timers, redirects, caps, messages.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <libsoup/soup.h>

#include "ppv-fetch-private.h"
#include "ppv-fetcher.h"
#include "ppv-source.h"
#include "ppv-text-util.h"

#define READ_CHUNK           _PPV_FETCH_READ_CHUNK
#define ERROR_BODY_MAX       4096
#define ERROR_LINE_MAX       300
#define SNIFF_BYTES          64

typedef enum
{
  EXPIRED_NONE,
  EXPIRED_CONNECT,
  EXPIRED_IDLE,
  EXPIRED_DEADLINE,
} Expired;

typedef enum
{
  PHASE_SENDING,      /* connecting, writing, waiting for the status line */
  PHASE_BODY,         /* reading a 2xx body */
  PHASE_ERROR_BODY,   /* reading the start of a non-2xx body for the message */
} Phase;

/* One request, owned by its GTask (task data).  Every pending operation
 * holds a reference on the task; the timers hold a plain pointer and are
 * destroyed before the request is freed. */
typedef struct
{
  PpvFetcher       *self;              /* kept alive for the "progress" signal */
  GTask            *task;              /* not owned */
  SoupSession      *session;
  GMainContext     *context;
  PpvFetchSettings  settings;          /* as they were when the request started */
  PpvFetchKind      kind;
  char             *start_uri;         /* as given: the "progress" signal's argument */
  char             *authority;         /* names the source in messages */
  GUri             *uri;               /* current, after redirects */
  SoupMessage      *msg;
  GInputStream     *stream;
  GCancellable     *cancellable;       /* cancelled by the caller's cancellable and the timers */
  GCancellable     *caller_cancellable;
  gulong            caller_cancel_id;
  GCancellable     *msg_cancellable;   /* the current message's; aborts a redirect's leftover */
  gulong            msg_cancel_id;
  GSource          *connect_timer;
  GSource          *idle_timer;
  GSource          *deadline_timer;
  gint64            last_activity;     /* g_get_monotonic_time () */
  Expired           expired;
  Phase             phase;
  guint             wait_seconds;      /* the server holds the answer this long */
  guint             deadline_seconds;  /* effective, for the message */
  guint             redirects;
  guint64           cap;
  GByteArray       *body;
  gint64            expected;
  gboolean          sniffed;
  gboolean          finished;
} Request;

static void send_current (GTask *task);
static void read_next    (GTask *task);

static void
stop_timer (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static GSource *
start_timer (Request     *req,
             guint64      ms,
             GSourceFunc  func)
{
  GSource *source = g_timeout_source_new (MIN (ms, G_MAXUINT));

  g_source_set_callback (source, func, req, NULL);
  g_source_set_static_name (source, "[ppv] fetch timer");
  g_source_attach (source, req->context);
  return source;
}

/* @abort: the message may be unfinished (a redirect's body, an error, a
 * refused body); FALSE only after its body was read to the end. */
static void
drop_message (Request  *req,
              gboolean  abort)
{
  if (req->msg_cancellable != NULL)
    {
      g_cancellable_disconnect (req->cancellable, req->msg_cancel_id);
      req->msg_cancel_id = 0;
      /* Closing the stream of an unfinished message must not wait for the
       * rest of its body: abort it first. */
      if (abort)
        g_cancellable_cancel (req->msg_cancellable);
      g_clear_object (&req->msg_cancellable);
    }
  g_clear_object (&req->stream);
  if (req->msg != NULL)
    {
      g_signal_handlers_disconnect_by_data (req->msg, req);
      g_clear_object (&req->msg);
    }
}

static void
request_free (gpointer data)
{
  Request *req = data;

  stop_timer (&req->connect_timer);
  stop_timer (&req->idle_timer);
  stop_timer (&req->deadline_timer);
  if (req->caller_cancellable != NULL)
    g_cancellable_disconnect (req->caller_cancellable, req->caller_cancel_id);
  drop_message (req, TRUE);
  g_clear_object (&req->caller_cancellable);
  g_clear_object (&req->cancellable);
  g_clear_pointer (&req->uri, g_uri_unref);
  g_clear_pointer (&req->body, g_byte_array_unref);
  g_free (req->start_uri);
  g_free (req->authority);
  g_clear_object (&req->session);
  g_clear_pointer (&req->context, g_main_context_unref);
  g_clear_object (&req->self);
  g_free (req);
}

static void
touch (Request *req)
{
  req->last_activity = g_get_monotonic_time ();
}

/* Ends the request exactly once.  Takes @error; on success @body. */
static void
request_finish (Request *req,
                GBytes  *body,
                GError  *error)
{
  GTask *task = req->task;

  g_assert (!req->finished);
  req->finished = TRUE;

  stop_timer (&req->connect_timer);
  stop_timer (&req->idle_timer);
  stop_timer (&req->deadline_timer);

  if (error != NULL)
    {
      drop_message (req, TRUE);
      g_task_return_error (task, error);
    }
  else
    {
      PpvFetchResult *result = g_new0 (PpvFetchResult, 1);
      const char *type = NULL;

      if (req->msg != NULL)
        type = soup_message_headers_get_content_type (soup_message_get_response_headers (req->msg), NULL);
      result->body = body;
      result->final_uri = g_uri_to_string (req->uri);
      result->content_type = g_strdup (type);
      drop_message (req, FALSE);
      g_task_return_pointer (task, result, _ppv_fetch_result_free);
    }
}

static void
expire (Request *req,
        Expired  why)
{
  if (req->expired == EXPIRED_NONE)
    {
      req->expired = why;
      g_cancellable_cancel (req->cancellable);
    }
}

static gboolean
on_connect_timer (gpointer data)
{
  Request *req = data;

  g_clear_pointer (&req->connect_timer, g_source_unref);
  expire (req, EXPIRED_CONNECT);
  return G_SOURCE_REMOVE;
}

static gboolean
on_deadline_timer (gpointer data)
{
  Request *req = data;

  g_clear_pointer (&req->deadline_timer, g_source_unref);
  expire (req, EXPIRED_DEADLINE);
  return G_SOURCE_REMOVE;
}

static guint64
idle_allowance_us (Request *req)
{
  guint seconds = req->settings.timeout;

  if (seconds == 0)
    return 0;
  /* Go writes the status line of profile?seconds=N only after N seconds. */
  if (req->phase == PHASE_SENDING)
    seconds += req->wait_seconds;
  return (guint64) seconds * G_USEC_PER_SEC;
}

static gboolean on_idle_timer (gpointer data);

static void
arm_idle_timer (Request *req,
                guint64  remaining_us)
{
  stop_timer (&req->idle_timer);
  req->idle_timer = start_timer (req, remaining_us / 1000 + 1, on_idle_timer);
}

/* One timer per request; progress only records a time stamp, and the timer
 * re-arms itself for the remainder, so a fast body costs no timer churn. */
static gboolean
on_idle_timer (gpointer data)
{
  Request *req = data;
  guint64 allowance = idle_allowance_us (req);
  gint64 idle = g_get_monotonic_time () - req->last_activity;

  g_clear_pointer (&req->idle_timer, g_source_unref);
  if (allowance == 0)
    return G_SOURCE_REMOVE;
  if (idle >= 0 && (guint64) idle >= allowance)
    expire (req, EXPIRED_IDLE);
  else
    arm_idle_timer (req, allowance - (guint64) MAX (idle, 0));
  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *caller,
                     gpointer      data)
{
  /* May run in another thread: only cancel (thread-safe). */
  g_cancellable_cancel (G_CANCELLABLE (data));
}

static void
forward_cancel (GCancellable *cancellable,
                gpointer      data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
}

static gboolean
is_loopback_host (const char *host)
{
  return g_strcmp0 (host, "localhost") == 0 ||
         g_str_has_prefix (host, "127.") ||
         g_strcmp0 (host, "::1") == 0;
}

static char *
describe_certificate_errors (GTlsCertificateFlags flags)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    g_ptr_array_add (parts, (char *) "signed by an unknown authority");
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    g_ptr_array_add (parts, (char *) "issued for another host name");
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    g_ptr_array_add (parts, (char *) "not valid yet");
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    g_ptr_array_add (parts, (char *) "expired");
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    g_ptr_array_add (parts, (char *) "revoked");
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    g_ptr_array_add (parts, (char *) "using an insecure algorithm");
  if (parts->len == 0)
    g_ptr_array_add (parts, (char *) "invalid");
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

static GError *
timeout_error (Request *req)
{
  switch (req->expired)
    {
    case EXPIRED_CONNECT:
      return g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                          "Could not connect to %s within %u s",
                          req->authority, req->settings.connect_timeout);
    case EXPIRED_IDLE:
      return g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                          "%s: timed out after %u s without data",
                          req->authority,
                          (guint) (idle_allowance_us (req) / G_USEC_PER_SEC));
    case EXPIRED_DEADLINE:
      return g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                          "%s: timed out after %u s",
                          req->authority, req->deadline_seconds);
    case EXPIRED_NONE:
    default:
      g_assert_not_reached ();
    }
}

/* Turns what libsoup and GIO report into one sentence naming the source.
 * Takes @error. */
static GError *
translate_error (Request *req,
                 GError  *error)
{
  g_autoptr(GError) owned = error;
  const char *host = g_uri_get_host (req->uri);

  if (req->expired != EXPIRED_NONE)
    return timeout_error (req);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s: cancelled", req->authority);

  if (error->domain == G_TLS_ERROR)
    {
      if (error->code == G_TLS_ERROR_BAD_CERTIFICATE && req->msg != NULL)
        {
          g_autofree char *why =
            describe_certificate_errors (soup_message_get_tls_peer_certificate_errors (req->msg));

          return g_error_new (PPV_FETCH_ERROR, PPV_FETCH_ERROR_TLS,
                              "%s: the TLS certificate is not trusted (%s)",
                              req->authority, why);
        }
      if (error->code == G_TLS_ERROR_NOT_TLS)
        return g_error_new (PPV_FETCH_ERROR, PPV_FETCH_ERROR_TLS,
                            "%s: the server does not speak TLS (try http:// instead of https://)",
                            req->authority);
      return g_error_new (PPV_FETCH_ERROR, PPV_FETCH_ERROR_TLS,
                          "%s: the TLS handshake failed (%s)",
                          req->authority, error->message);
    }

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND,
                        "Could not connect to %s — the host name was not found",
                        req->authority);

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_CONNECTION_REFUSED:
          if (is_loopback_host (host))
            return g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED,
                                "Could not connect to %s — is `kubectl port-forward` running?",
                                req->authority);
          return g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED,
                              "Could not connect to %s — the connection was refused",
                              req->authority);
        case G_IO_ERROR_HOST_NOT_FOUND:
          return g_error_new (G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND,
                              "Could not connect to %s — the host name was not found",
                              req->authority);
        case G_IO_ERROR_HOST_UNREACHABLE:
          return g_error_new (G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE,
                              "Could not connect to %s — the host is unreachable",
                              req->authority);
        case G_IO_ERROR_NETWORK_UNREACHABLE:
          return g_error_new (G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE,
                              "Could not connect to %s — the network is unreachable",
                              req->authority);
        case G_IO_ERROR_TIMED_OUT:
          return g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                              "%s: the connection timed out", req->authority);
        case G_IO_ERROR_PARTIAL_INPUT:
        case G_IO_ERROR_CONNECTION_CLOSED:
        case G_IO_ERROR_FAILED:
          if (req->phase == PHASE_BODY)
            {
              if (req->expected >= 0)
                return g_error_new (G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                                    "%s: the connection broke after %u of %" G_GINT64_FORMAT " bytes",
                                    req->authority, req->body->len, req->expected);
              return g_error_new (G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                                  "%s: the connection broke after %u bytes, before the whole response arrived",
                                  req->authority, req->body->len);
            }
          /* What `kubectl port-forward` does once its pod is gone: it
           * accepts the connection, fails upstream and hangs up. */
          if (error->code != G_IO_ERROR_FAILED && is_loopback_host (host))
            return g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                "%s: the server closed the connection without answering — "
                                "is the pod behind `kubectl port-forward` still running?",
                                req->authority);
          if (error->code != G_IO_ERROR_FAILED)
            return g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                "%s: the server closed the connection without answering",
                                req->authority);
          break;
        default:
          break;
        }
    }

  /* Anything else (e.g. an unparseable response): keep the domain and code. */
  return g_error_new (error->domain, error->code, "%s: %s", req->authority, error->message);
}

/* The first line of a text body, valid UTF-8, without control characters,
 * at most ERROR_LINE_MAX characters; NULL when there is nothing to show. */
static char *
dup_first_line (const guint8 *data,
                gsize         len)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p;
  guint n = 0;

  valid = g_utf8_make_valid ((const char *) data, len);
  p = valid;
  while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
    p++;
  for (; *p != '\0' && *p != '\n' && *p != '\r'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n++ >= ERROR_LINE_MAX)
        {
          g_string_append (out, "…");
          break;
        }
      if (g_unichar_iscntrl (c))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GError *
status_error (Request *req)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (req->msg);
  guint status = soup_message_get_status (req->msg);
  const char *reason = soup_message_get_reason_phrase (req->msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);
  g_autofree char *line = NULL;
  g_autofree char *status_text = NULL;

  if (reason == NULL || reason[0] == '\0')
    reason = soup_status_get_phrase (status);
  if (reason == NULL || reason[0] == '\0')
    status_text = g_strdup_printf ("%u", status);
  else
    status_text = g_strdup_printf ("%u %s", status, reason);

  /* Go's pprof handlers explain their errors in a text/plain body (with
   * X-Go-Pprof: 1); a bare "404 page not found" only repeats the status. */
  if (g_strcmp0 (type, "text/plain") == 0 && req->body != NULL)
    {
      g_autofree char *code = g_strdup_printf ("%u", status);

      line = dup_first_line (req->body->data, req->body->len);
      if (line != NULL && g_str_has_prefix (line, code) &&
          soup_message_headers_get_one (headers, "X-Go-Pprof") == NULL)
        g_clear_pointer (&line, g_free);
    }

  if (line != NULL)
    return g_error_new (PPV_FETCH_ERROR, PPV_FETCH_ERROR_HTTP_STATUS,
                        "%s: server returned %s: %s", req->authority, status_text, line);
  return g_error_new (PPV_FETCH_ERROR, PPV_FETCH_ERROR_HTTP_STATUS,
                      "%s: server returned %s for %s",
                      req->authority, status_text, g_uri_get_path (req->uri));
}

static GError *
html_error (Request *req)
{
  return g_error_new (PPV_FETCH_ERROR, PPV_FETCH_ERROR_NOT_A_PROFILE,
                      "%s: not a profile: the server sent an HTML page", req->authority);
}

static GError *
too_large_error (Request *req)
{
  g_autofree char *limit = ppv_format_byte_limit (req->cap);

  return g_error_new (PPV_FETCH_ERROR, PPV_FETCH_ERROR_TOO_LARGE,
                      "%s: the response is larger than the %s limit", req->authority, limit);
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint reserved_len = req->body->len;   /* read_next () added READ_CHUNK */
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (n < 0)
    {
      g_byte_array_set_size (req->body, reserved_len - READ_CHUNK);
      if (req->phase == PHASE_ERROR_BODY && req->expired == EXPIRED_NONE &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        request_finish (req, NULL, status_error (req));
      else
        request_finish (req, NULL, translate_error (req, g_steal_pointer (&error)));
      return;
    }

  g_byte_array_set_size (req->body, reserved_len - READ_CHUNK + (guint) n);
  touch (req);

  if (req->phase == PHASE_ERROR_BODY)
    {
      if (n == 0 || req->body->len >= ERROR_BODY_MAX)
        request_finish (req, NULL, status_error (req));
      else
        read_next (task);
      return;
    }

  if (n > 0)
    _ppv_fetcher_emit_progress (req->self, req->start_uri, (guint64) req->body->len, req->expected);

  if (req->kind == _PPV_FETCH_KIND_PROFILE && !req->sniffed &&
      (n == 0 || req->body->len >= SNIFF_BYTES))
    {
      req->sniffed = TRUE;
      if (ppv_looks_like_html (req->body->data, req->body->len))
        {
          request_finish (req, NULL, html_error (req));
          return;
        }
    }

  if (req->body->len > req->cap)
    {
      request_finish (req, NULL, too_large_error (req));
      return;
    }

  if (n == 0)
    {
      GBytes *bytes = g_byte_array_free_to_bytes (g_steal_pointer (&req->body));

      request_finish (req, bytes, NULL);
      return;
    }

  read_next (task);
}

static void
read_next (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  guint old_len = req->body->len;

  g_byte_array_set_size (req->body, old_len + READ_CHUNK);
  g_input_stream_read_async (req->stream, req->body->data + old_len, READ_CHUNK,
                             G_PRIORITY_DEFAULT, req->msg_cancellable,
                             on_read, g_object_ref (task));
}

static gboolean
is_redirect (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY ||
         status == SOUP_STATUS_FOUND ||
         status == SOUP_STATUS_SEE_OTHER ||
         status == SOUP_STATUS_TEMPORARY_REDIRECT ||
         status == SOUP_STATUS_PERMANENT_REDIRECT;
}

static gboolean
is_fetchable_uri (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);
  const char *host = g_uri_get_host (uri);

  return (g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0) &&
         host != NULL && host[0] != '\0';
}

static void
follow_redirect (GTask      *task,
                 const char *location)
{
  Request *req = g_task_get_task_data (task);
  g_autoptr(GUri) next = NULL;

  if (++req->redirects > req->settings.max_redirects)
    {
      request_finish (req, NULL,
                      g_error_new (PPV_FETCH_ERROR, PPV_FETCH_ERROR_TOO_MANY_REDIRECTS,
                                   "%s: too many redirects (more than %u)",
                                   req->authority, req->settings.max_redirects));
      return;
    }

  next = g_uri_parse_relative (req->uri, location, SOUP_HTTP_URI_FLAGS, NULL);
  if (next == NULL || !is_fetchable_uri (next))
    {
      g_autofree char *shown = dup_first_line ((const guint8 *) location, strlen (location));

      request_finish (req, NULL,
                      g_error_new (PPV_FETCH_ERROR, PPV_FETCH_ERROR_INVALID_SOURCE,
                                   "%s: redirected to an address that is not http(s): %s",
                                   req->authority, shown != NULL ? shown : ""));
      return;
    }

  g_uri_unref (req->uri);
  req->uri = g_steal_pointer (&next);
  send_current (task);
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  const char *type;
  guint status;

  req->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (req->stream == NULL)
    {
      request_finish (req, NULL, translate_error (req, g_steal_pointer (&error)));
      return;
    }

  touch (req);
  stop_timer (&req->connect_timer);

  status = soup_message_get_status (req->msg);
  headers = soup_message_get_response_headers (req->msg);

  if (is_redirect (status) && soup_message_headers_get_one (headers, "Location") != NULL)
    {
      g_autofree char *location = g_strdup (soup_message_headers_get_one (headers, "Location"));

      follow_redirect (task, location);
      return;
    }

  req->body = g_byte_array_new ();

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      req->phase = PHASE_ERROR_BODY;
      read_next (task);
      return;
    }

  req->phase = PHASE_BODY;
  type = soup_message_headers_get_content_type (headers, NULL);
  if (req->kind == _PPV_FETCH_KIND_PROFILE &&
      (g_strcmp0 (type, "text/html") == 0 || g_strcmp0 (type, "application/xhtml+xml") == 0))
    {
      request_finish (req, NULL, html_error (req));
      return;
    }

  req->expected = -1;
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_one (headers, "Content-Encoding") == NULL)
    {
      req->expected = soup_message_headers_get_content_length (headers);
      if ((guint64) req->expected > req->cap)
        {
          request_finish (req, NULL, too_large_error (req));
          return;
        }
    }

  _ppv_fetcher_emit_progress (req->self, req->start_uri, 0, req->expected);
  read_next (task);
}

static void
on_network_event (SoupMessage        *msg,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  gpointer            data)
{
  Request *req = data;

  touch (req);
  if (event == G_SOCKET_CLIENT_CONNECTED)
    stop_timer (&req->connect_timer);
}

static void
on_wrote_headers (SoupMessage *msg,
                  gpointer     data)
{
  Request *req = data;

  /* A reused connection emits no network events. */
  touch (req);
  stop_timer (&req->connect_timer);
}

static gboolean
on_accept_certificate (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              data)
{
  Request *req = data;

  return req->settings.insecure;
}

static void
send_current (GTask *task)
{
  Request *req = g_task_get_task_data (task);

  drop_message (req, TRUE);
  g_clear_pointer (&req->body, g_byte_array_unref);

  req->msg_cancellable = g_cancellable_new ();
  req->msg_cancel_id = g_cancellable_connect (req->cancellable, G_CALLBACK (forward_cancel),
                                              g_object_ref (req->msg_cancellable),
                                              g_object_unref);
  req->msg = soup_message_new_from_uri (SOUP_METHOD_GET, req->uri);
  soup_message_add_flags (req->msg, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect (req->msg, "network-event", G_CALLBACK (on_network_event), req);
  g_signal_connect (req->msg, "wrote-headers", G_CALLBACK (on_wrote_headers), req);
  g_signal_connect (req->msg, "accept-certificate", G_CALLBACK (on_accept_certificate), req);

  req->phase = PHASE_SENDING;
  touch (req);
  stop_timer (&req->connect_timer);
  if (req->settings.connect_timeout > 0)
    req->connect_timer = start_timer (req, (guint64) req->settings.connect_timeout * 1000,
                                      on_connect_timer);
  if (req->idle_timer == NULL && idle_allowance_us (req) > 0)
    arm_idle_timer (req, idle_allowance_us (req));

  soup_session_send_async (req->session, req->msg, G_PRIORITY_DEFAULT,
                           req->msg_cancellable, on_sent, g_object_ref (task));
}

/* NULL when @uri can be fetched as a profile, else why not. */
static GError *
check_profile_uri (Request *req)
{
  const char *path = g_uri_get_path (req->uri);

  if (g_str_has_suffix (path, "/debug/pprof/trace"))
    return g_error_new (PPV_FETCH_ERROR, PPV_FETCH_ERROR_NOT_A_PROFILE,
                        "%s: not a pprof profile: trace is an execution trace (open it with `go tool trace`)",
                        req->authority);
  if (g_str_has_suffix (path, "/debug/pprof/cmdline"))
    return g_error_new (PPV_FETCH_ERROR, PPV_FETCH_ERROR_NOT_A_PROFILE,
                        "%s: not a pprof profile: cmdline is the program's command line",
                        req->authority);
  if (g_str_has_suffix (path, "/debug/pprof/symbol"))
    return g_error_new (PPV_FETCH_ERROR, PPV_FETCH_ERROR_NOT_A_PROFILE,
                        "%s: not a pprof profile: symbol looks up function names",
                        req->authority);
  /* goroutine?debug=2, the full stack dump, is fetched too: the reader
   * reads it as a goroutine profile. */
  return NULL;
}

/* How long the server holds the answer: Go's delta and CPU handlers wait
 * "seconds" (the CPU one 30 s when it is absent or invalid). */
static guint
wait_seconds_for (GUri *uri)
{
  g_autofree char *seconds = _ppv_query_dup_value (g_uri_get_query (uri), "seconds");
  gint64 n = 0;

  if (seconds != NULL)
    n = g_ascii_strtoll (seconds, NULL, 10);
  if (n > 0)
    return (guint) MIN (n, _PPV_FETCH_MAX_WAIT_SECONDS);
  if (g_str_has_suffix (g_uri_get_path (uri), "/debug/pprof/profile"))
    return PPV_FETCHER_GO_CPU_DEFAULT_SECONDS;
  return 0;
}

void
_ppv_fetcher_fetch_kind_async (PpvFetcher          *self,
                               const char          *uri,
                               PpvFetchKind         kind,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Request *req;

  g_assert (PPV_IS_FETCHER (self));
  g_assert (uri != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ppv_fetcher_fetch_async);
  g_task_set_name (task, "[ppv] fetch");

  req = g_new0 (Request, 1);
  req->self = g_object_ref (self);
  req->task = task;
  req->session = g_object_ref (_ppv_fetcher_get_session (self));
  req->context = g_main_context_ref (_ppv_fetcher_get_context (self));
  req->settings = *_ppv_fetcher_get_settings (self);
  req->kind = kind;
  req->start_uri = g_strdup (uri);
  req->authority = ppv_source_dup_authority (uri);
  req->cap = kind == _PPV_FETCH_KIND_PAGE ? _PPV_FETCH_PAGE_MAX_SIZE : req->settings.max_body_size;
  req->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, req, request_free);

  req->uri = g_uri_parse (uri, SOUP_HTTP_URI_FLAGS, NULL);
  if (req->uri == NULL || !is_fetchable_uri (req->uri))
    {
      g_clear_pointer (&req->uri, g_uri_unref);
      req->finished = TRUE;
      g_task_return_new_error (task, PPV_FETCH_ERROR, PPV_FETCH_ERROR_INVALID_SOURCE,
                               "%s: unsupported address (only http and https are fetched)", uri);
      return;
    }

  if (kind == _PPV_FETCH_KIND_PROFILE && (error = check_profile_uri (req)) != NULL)
    {
      req->finished = TRUE;
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  req->wait_seconds = wait_seconds_for (req->uri);
  if (req->settings.deadline > 0)
    {
      req->deadline_seconds = req->settings.deadline + req->wait_seconds;
      req->deadline_timer = start_timer (req, (guint64) req->deadline_seconds * 1000,
                                         on_deadline_timer);
    }

  if (cancellable != NULL)
    {
      req->caller_cancellable = g_object_ref (cancellable);
      req->caller_cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                     g_object_ref (req->cancellable),
                                                     g_object_unref);
    }

  send_current (task);
}


void
_ppv_fetch_result_free (gpointer data)
{
  PpvFetchResult *result = data;

  g_clear_pointer (&result->body, g_bytes_unref);
  g_free (result->final_uri);
  g_free (result->content_type);
  g_free (result);
}
