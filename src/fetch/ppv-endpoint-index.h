/* ppv-endpoint-index.h — lists the endpoints of a Go server's /debug/pprof/ index page.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ppv-endpoint.h"
#include "ppv-fetcher.h"

G_BEGIN_DECLS

/* Parses the HTML of a net/http/pprof index page (any Go version: rows with
 * or without closing tags, either quote style) into a GListModel of
 * PpvEndpoint in page order.  Links are resolved against @index_uri, which
 * also names the source in errors.  PPV_FETCH_ERROR_NOT_AN_INDEX when the
 * page lists no profiles. */
GListModel *ppv_endpoint_index_parse          (const char           *html,
                                               gsize                 length,
                                               const char           *index_uri,
                                               GError              **error);

/* Fetches @index_uri (see ppv_source_to_index_uri()) and parses it.  Same
 * timeouts and error codes as ppv_fetcher_fetch_async(), the page capped at
 * 4 MiB. */
void        ppv_fetcher_list_endpoints_async  (PpvFetcher           *self,
                                               const char           *index_uri,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
/* Returns (transfer full) a GListModel of PpvEndpoint. */
GListModel *ppv_fetcher_list_endpoints_finish (PpvFetcher           *self,
                                               GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
