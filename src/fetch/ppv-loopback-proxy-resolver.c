/* ppv-loopback-proxy-resolver.c — a proxy resolver that never proxies loopback addresses.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-loopback-proxy-resolver.h"

struct _PpvLoopbackProxyResolver
{
  GObject         parent_instance;

  GProxyResolver *fallback;
};

static void ppv_loopback_proxy_resolver_iface_init (GProxyResolverInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PpvLoopbackProxyResolver, ppv_loopback_proxy_resolver, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_PROXY_RESOLVER,
                                                      ppv_loopback_proxy_resolver_iface_init))

static gboolean
is_loopback_uri (const char *uri_text)
{
  g_autoptr(GUri) uri = g_uri_parse (uri_text, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      g_str_has_suffix (host, ".localhost"))
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static char **
direct (void)
{
  char **result = g_new0 (char *, 2);

  result[0] = g_strdup ("direct://");
  return result;
}

static gboolean
ppv_loopback_proxy_resolver_is_supported (GProxyResolver *resolver)
{
  return TRUE;
}

static char **
ppv_loopback_proxy_resolver_lookup (GProxyResolver  *resolver,
                                    const char      *uri,
                                    GCancellable    *cancellable,
                                    GError         **error)
{
  PpvLoopbackProxyResolver *self = PPV_LOOPBACK_PROXY_RESOLVER (resolver);

  if (is_loopback_uri (uri))
    return direct ();
  return g_proxy_resolver_lookup (self->fallback, uri, cancellable, error);
}

static void
on_fallback_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char **proxies = g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (object), result, &error);

  if (proxies == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, proxies, (GDestroyNotify) g_strfreev);
}

static void
ppv_loopback_proxy_resolver_lookup_async (GProxyResolver      *resolver,
                                          const char          *uri,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  PpvLoopbackProxyResolver *self = PPV_LOOPBACK_PROXY_RESOLVER (resolver);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, ppv_loopback_proxy_resolver_lookup_async);
  if (is_loopback_uri (uri))
    g_task_return_pointer (task, direct (), (GDestroyNotify) g_strfreev);
  else
    g_proxy_resolver_lookup_async (self->fallback, uri, cancellable,
                                   on_fallback_done, g_steal_pointer (&task));
}

static char **
ppv_loopback_proxy_resolver_lookup_finish (GProxyResolver  *resolver,
                                           GAsyncResult    *result,
                                           GError         **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
ppv_loopback_proxy_resolver_iface_init (GProxyResolverInterface *iface)
{
  iface->is_supported = ppv_loopback_proxy_resolver_is_supported;
  iface->lookup = ppv_loopback_proxy_resolver_lookup;
  iface->lookup_async = ppv_loopback_proxy_resolver_lookup_async;
  iface->lookup_finish = ppv_loopback_proxy_resolver_lookup_finish;
}

static void
ppv_loopback_proxy_resolver_finalize (GObject *object)
{
  PpvLoopbackProxyResolver *self = PPV_LOOPBACK_PROXY_RESOLVER (object);

  g_clear_object (&self->fallback);

  G_OBJECT_CLASS (ppv_loopback_proxy_resolver_parent_class)->finalize (object);
}

static void
ppv_loopback_proxy_resolver_class_init (PpvLoopbackProxyResolverClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ppv_loopback_proxy_resolver_finalize;
}

static void
ppv_loopback_proxy_resolver_init (PpvLoopbackProxyResolver *self)
{
}

GProxyResolver *
ppv_loopback_proxy_resolver_new (GProxyResolver *fallback)
{
  PpvLoopbackProxyResolver *self;

  g_return_val_if_fail (fallback == NULL || G_IS_PROXY_RESOLVER (fallback), NULL);

  self = g_object_new (PPV_TYPE_LOOPBACK_PROXY_RESOLVER, NULL);
  self->fallback = fallback != NULL ? g_object_ref (fallback)
                                    : g_object_ref (g_proxy_resolver_get_default ());
  return G_PROXY_RESOLVER (self);
}
