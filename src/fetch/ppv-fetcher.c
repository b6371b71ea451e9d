/* ppv-fetcher.c — fetches profile bytes from live Go /debug/pprof endpoints over HTTP(S).
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <libsoup/soup.h>

#include "ppv-fetch-private.h"
#include "ppv-fetcher.h"
#include "ppv-loopback-proxy-resolver.h"

struct _PpvFetcher
{
  GObject           parent_instance;

  SoupSession      *session;
  GMainContext     *context;

  PpvFetchSettings  settings;
};

G_DEFINE_FINAL_TYPE (PpvFetcher, ppv_fetcher, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECT_TIMEOUT,
  PROP_TIMEOUT,
  PROP_DEADLINE,
  PROP_MAX_BODY_SIZE,
  PROP_MAX_REDIRECTS,
  PROP_INSECURE,
  N_PROPS
};

enum {
  PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

SoupSession *
_ppv_fetcher_get_session (PpvFetcher *self)
{
  return self->session;
}

GMainContext *
_ppv_fetcher_get_context (PpvFetcher *self)
{
  return self->context;
}

const PpvFetchSettings *
_ppv_fetcher_get_settings (PpvFetcher *self)
{
  return &self->settings;
}

void
_ppv_fetcher_emit_progress (PpvFetcher *self,
                            const char *uri,
                            guint64     received,
                            gint64      expected)
{
  g_signal_emit (self, signals[PROGRESS], 0, uri, received, expected);
}

/**
 * ppv_fetcher_fetch_async:
 * @self: a #PpvFetcher
 * @uri: an http(s) URI (see ppv_source_to_uri())
 * @cancellable: (nullable): cancels the request
 * @callback: called in the thread-default main context of the caller
 * @user_data: for @callback
 *
 * Fetches the body of @uri for the profile reader.
 */
void
ppv_fetcher_fetch_async (PpvFetcher          *self,
                         const char          *uri,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (PPV_IS_FETCHER (self));
  g_return_if_fail (uri != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _ppv_fetcher_fetch_kind_async (self, uri, _PPV_FETCH_KIND_PROFILE,
                                 cancellable, callback, user_data);
}

GBytes *
ppv_fetcher_fetch_finish (PpvFetcher    *self,
                          GAsyncResult  *result,
                          char         **out_final_uri,
                          char         **out_content_type,
                          GError       **error)
{
  PpvFetchResult *fetched;
  GBytes *body;

  g_return_val_if_fail (PPV_IS_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ppv_fetcher_fetch_async, NULL);

  if (out_final_uri != NULL)
    *out_final_uri = NULL;
  if (out_content_type != NULL)
    *out_content_type = NULL;

  fetched = g_task_propagate_pointer (G_TASK (result), error);
  if (fetched == NULL)
    return NULL;

  body = g_steal_pointer (&fetched->body);
  if (out_final_uri != NULL)
    *out_final_uri = g_steal_pointer (&fetched->final_uri);
  if (out_content_type != NULL)
    *out_content_type = g_steal_pointer (&fetched->content_type);
  _ppv_fetch_result_free (fetched);
  return body;
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

GBytes *
ppv_fetcher_fetch_sync (PpvFetcher    *self,
                        const char    *uri,
                        GCancellable  *cancellable,
                        char         **out_final_uri,
                        GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GMainContext) current = NULL;

  g_return_val_if_fail (PPV_IS_FETCHER (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  current = g_main_context_ref_thread_default ();
  g_return_val_if_fail (current == self->context, NULL);

  ppv_fetcher_fetch_async (self, uri, cancellable, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (self->context, TRUE);

  return ppv_fetcher_fetch_finish (self, result, out_final_uri, NULL, error);
}

GBytes *
ppv_fetch_uri_sync (const char    *uri,
                    GCancellable  *cancellable,
                    GError       **error)
{
  GMainContext *context;
  PpvFetcher *fetcher;
  GBytes *body;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);

  fetcher = ppv_fetcher_new ();
  body = ppv_fetcher_fetch_sync (fetcher, uri, cancellable, NULL, error);
  g_object_unref (fetcher);

  /* Let libsoup finish closing connections before the context goes. */
  while (g_main_context_iteration (context, FALSE))
    ;

  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
  return body;
}

PpvFetcher *
ppv_fetcher_new (void)
{
  return g_object_new (PPV_TYPE_FETCHER, NULL);
}

static void
ppv_fetcher_dispose (GObject *object)
{
  PpvFetcher *self = PPV_FETCHER (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ppv_fetcher_parent_class)->dispose (object);
}

static void
ppv_fetcher_finalize (GObject *object)
{
  PpvFetcher *self = PPV_FETCHER (object);

  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (ppv_fetcher_parent_class)->finalize (object);
}

static void
ppv_fetcher_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PpvFetcher *self = PPV_FETCHER (object);

  switch (prop_id)
    {
    case PROP_CONNECT_TIMEOUT:
      g_value_set_uint (value, self->settings.connect_timeout);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->settings.timeout);
      break;
    case PROP_DEADLINE:
      g_value_set_uint (value, self->settings.deadline);
      break;
    case PROP_MAX_BODY_SIZE:
      g_value_set_uint64 (value, self->settings.max_body_size);
      break;
    case PROP_MAX_REDIRECTS:
      g_value_set_uint (value, self->settings.max_redirects);
      break;
    case PROP_INSECURE:
      g_value_set_boolean (value, self->settings.insecure);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_uint (PpvFetcher   *self,
          guint        *field,
          const GValue *value,
          GParamSpec   *pspec)
{
  if (*field != g_value_get_uint (value))
    {
      *field = g_value_get_uint (value);
      g_object_notify_by_pspec (G_OBJECT (self), pspec);
    }
}

static void
ppv_fetcher_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PpvFetcher *self = PPV_FETCHER (object);

  switch (prop_id)
    {
    case PROP_CONNECT_TIMEOUT:
      set_uint (self, &self->settings.connect_timeout, value, pspec);
      break;
    case PROP_TIMEOUT:
      set_uint (self, &self->settings.timeout, value, pspec);
      break;
    case PROP_DEADLINE:
      set_uint (self, &self->settings.deadline, value, pspec);
      break;
    case PROP_MAX_REDIRECTS:
      set_uint (self, &self->settings.max_redirects, value, pspec);
      break;
    case PROP_MAX_BODY_SIZE:
      if (self->settings.max_body_size != g_value_get_uint64 (value))
        {
          self->settings.max_body_size = g_value_get_uint64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_INSECURE:
      if (self->settings.insecure != g_value_get_boolean (value))
        {
          self->settings.insecure = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ppv_fetcher_class_init (PpvFetcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ppv_fetcher_dispose;
  object_class->finalize = ppv_fetcher_finalize;
  object_class->get_property = ppv_fetcher_get_property;
  object_class->set_property = ppv_fetcher_set_property;

  properties[PROP_CONNECT_TIMEOUT] =
    g_param_spec_uint ("connect-timeout", NULL, NULL,
                       0, G_MAXUINT / 1000, PPV_FETCHER_DEFAULT_CONNECT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT / 1000 - _PPV_FETCH_MAX_WAIT_SECONDS, PPV_FETCHER_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEADLINE] =
    g_param_spec_uint ("deadline", NULL, NULL,
                       0, G_MAXUINT / 1000 - _PPV_FETCH_MAX_WAIT_SECONDS, PPV_FETCHER_DEFAULT_DEADLINE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_BODY_SIZE] =
    g_param_spec_uint64 ("max-body-size", NULL, NULL,
                         0, G_MAXUINT32 - _PPV_FETCH_READ_CHUNK, PPV_FETCHER_DEFAULT_MAX_BODY_SIZE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_REDIRECTS] =
    g_param_spec_uint ("max-redirects", NULL, NULL,
                       0, 100, PPV_FETCHER_DEFAULT_MAX_REDIRECTS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INSECURE] =
    g_param_spec_boolean ("insecure", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_UINT64,
                  G_TYPE_INT64);
}

static void
ppv_fetcher_init (PpvFetcher *self)
{
  g_autofree char *user_agent = g_strdup_printf ("pprof-viewer/%s", PPV_VERSION);
  g_autoptr(GProxyResolver) proxy_resolver = ppv_loopback_proxy_resolver_new (NULL);

  self->settings.connect_timeout = PPV_FETCHER_DEFAULT_CONNECT_TIMEOUT;
  self->settings.timeout = PPV_FETCHER_DEFAULT_TIMEOUT;
  self->settings.deadline = PPV_FETCHER_DEFAULT_DEADLINE;
  self->settings.max_body_size = PPV_FETCHER_DEFAULT_MAX_BODY_SIZE;
  self->settings.max_redirects = PPV_FETCHER_DEFAULT_MAX_REDIRECTS;
  self->context = g_main_context_ref_thread_default ();

  /* libsoup's own "timeout" is per connection and cannot stretch for a
   * profile?seconds=N request, so the request timers above do that job.
   * A CPU profile holds a connection for its whole duration: allow more
   * than libsoup's two per host so the listing and other fetches proceed.
   * An http_proxy meant for the outside world must not swallow
   * `kubectl port-forward` on localhost. */
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "max-conns-per-host", 6,
                                                 "idle-timeout", 30,
                                                 "proxy-resolver", proxy_resolver,
                                                 NULL);
}
