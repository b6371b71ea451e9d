/* ppv-fetcher.h — fetches profile bytes from live Go /debug/pprof endpoints over HTTP(S).
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ppv-fetch-error.h"

G_BEGIN_DECLS

#define PPV_FETCHER_DEFAULT_CONNECT_TIMEOUT 10                 /* seconds */
#define PPV_FETCHER_DEFAULT_TIMEOUT         30                 /* seconds without data */
#define PPV_FETCHER_DEFAULT_DEADLINE        60                 /* seconds, whole request */
#define PPV_FETCHER_DEFAULT_MAX_BODY_SIZE   ((guint64) 256 << 20)
#define PPV_FETCHER_DEFAULT_MAX_REDIRECTS   10
/* Go's CPU handler profiles for 30 s when no "seconds" is given. */
#define PPV_FETCHER_GO_CPU_DEFAULT_SECONDS  30

#define PPV_TYPE_FETCHER (ppv_fetcher_get_type ())

G_DECLARE_FINAL_TYPE (PpvFetcher, ppv_fetcher, PPV, FETCHER, GObject)

/* A fetcher owns one SoupSession and belongs to the thread-default main
 * context that is current when it is created: start requests and receive
 * callbacks and signals there.  Several requests may run at once.
 *
 * Properties (all readable and writable; changes apply to later requests):
 *   "connect-timeout" guint    s to establish the TCP connection (0 = none)
 *   "timeout"         guint    s without any progress (0 = none); while
 *                              waiting for the headers of a request that
 *                              makes the server wait "seconds" (CPU
 *                              profiles, delta profiles) that time is added
 *   "deadline"        guint    s for the whole request, redirects included
 *                              (0 = none); "seconds" is added likewise, so
 *                              profile?seconds=N may take N + deadline
 *   "max-body-size"   guint64  cap on the body after Content-Encoding
 *                              decoding (bytes)
 *   "max-redirects"   guint
 *   "insecure"        gboolean accept any TLS certificate (the only way to)
 *
 * Signal "progress" (const char *uri, guint64 received, gint64 expected):
 *   bytes of body received so far for the request started with @uri;
 *   @expected is the Content-Length, or -1 when unknown or encoded. */
PpvFetcher *ppv_fetcher_new                    (void);

/* GET @uri (http or https; see ppv_source_to_uri()) and return its body
 * undecoded as a profile.  A /debug/pprof/trace, cmdline or symbol URI fails
 * at once with PPV_FETCH_ERROR_NOT_A_PROFILE, and so does an HTML answer. */
void        ppv_fetcher_fetch_async            (PpvFetcher           *self,
                                                const char           *uri,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
/* Returns the body.  @out_final_uri (after redirects) and @out_content_type
 * may be NULL.  Errors: PPV_FETCH_ERROR_*, or G_IO_ERROR_CONNECTION_REFUSED,
 * _HOST_NOT_FOUND, _HOST_UNREACHABLE, _NETWORK_UNREACHABLE, _TIMED_OUT,
 * _CONNECTION_CLOSED (no answer), _PARTIAL_INPUT (the body broke off),
 * _CANCELLED (never show it). */
GBytes     *ppv_fetcher_fetch_finish           (PpvFetcher           *self,
                                                GAsyncResult         *result,
                                                char                **out_final_uri,
                                                char                **out_content_type,
                                                GError              **error);

/* Blocks, iterating the fetcher's own main context, which must be the
 * calling thread's thread-default context and must not be running a loop
 * elsewhere.  For the CLI: push a new GMainContext, create the fetcher, set
 * its properties, call this, pop.  ppv_fetch_uri_sync() does exactly that. */
GBytes     *ppv_fetcher_fetch_sync             (PpvFetcher           *self,
                                                const char           *uri,
                                                GCancellable         *cancellable,
                                                char                **out_final_uri,
                                                GError              **error);

/* One-call fetch with default settings, in a private GMainContext: safe in a
 * program with no main loop (the CLI) and in any thread. */
GBytes     *ppv_fetch_uri_sync                 (const char           *uri,
                                                GCancellable         *cancellable,
                                                GError              **error);

G_END_DECLS
