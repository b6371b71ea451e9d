/* ppv-loopback-proxy-resolver.h — a proxy resolver that never proxies loopback addresses.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PPV_TYPE_LOOPBACK_PROXY_RESOLVER (ppv_loopback_proxy_resolver_get_type ())

G_DECLARE_FINAL_TYPE (PpvLoopbackProxyResolver, ppv_loopback_proxy_resolver,
                      PPV, LOOPBACK_PROXY_RESOLVER, GObject)

/* Answers "direct://" for localhost, 127.0.0.0/8 and ::1 (where `kubectl
 * port-forward` listens), as Go's http.ProxyFromEnvironment does, and asks
 * @fallback (NULL: g_proxy_resolver_get_default ()) about everything else. */
GProxyResolver *ppv_loopback_proxy_resolver_new (GProxyResolver *fallback);

G_END_DECLS
