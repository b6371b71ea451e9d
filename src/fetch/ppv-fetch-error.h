/* ppv-fetch-error.h — the error domain of fetching profiles over HTTP.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Problems that are not plain I/O.  Refused connections, timeouts, broken
 * connections and cancellation use G_IO_ERROR codes instead
 * (G_IO_ERROR_CONNECTION_REFUSED, G_IO_ERROR_HOST_NOT_FOUND,
 * G_IO_ERROR_TIMED_OUT, G_IO_ERROR_CONNECTION_CLOSED,
 * G_IO_ERROR_PARTIAL_INPUT, G_IO_ERROR_CANCELLED).  Every message is one
 * sentence naming the source ("localhost:6060: server returned 404 Not
 * Found for /debug/pprof/hep"). */
typedef enum
{
  PPV_FETCH_ERROR_INVALID_SOURCE,     /* neither a local path nor an http(s) address */
  PPV_FETCH_ERROR_HTTP_STATUS,        /* the server answered with a non-2xx status */
  PPV_FETCH_ERROR_NOT_A_PROFILE,      /* an HTML page, an execution trace, ... */
  PPV_FETCH_ERROR_NOT_AN_INDEX,       /* the page lists no /debug/pprof/ endpoints */
  PPV_FETCH_ERROR_TOO_LARGE,          /* the decoded body passed the size cap */
  PPV_FETCH_ERROR_TOO_MANY_REDIRECTS,
  PPV_FETCH_ERROR_TLS,                /* untrusted certificate or failed handshake */
} PpvFetchError;

#define PPV_FETCH_ERROR (ppv_fetch_error_quark ())

GQuark ppv_fetch_error_quark (void);

G_END_DECLS
