/* ppv-endpoint.h — one entry of a Go server's /debug/pprof/ index (name, count, description, link).
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  PPV_ENDPOINT_KIND_SNAPSHOT,  /* heap, allocs, goroutine, block, mutex, threadcreate, custom */
  PPV_ENDPOINT_KIND_CPU,       /* "profile": the server samples for "seconds" before answering */
  PPV_ENDPOINT_KIND_OTHER,     /* cmdline, symbol, trace: not pprof profiles */
} PpvEndpointKind;

#define PPV_TYPE_ENDPOINT (ppv_endpoint_get_type ())

G_DECLARE_FINAL_TYPE (PpvEndpoint, ppv_endpoint, PPV, ENDPOINT, GObject)

/* Immutable.  Read-only properties for list views: "name", "count"
 * (gint64, -1 when the page gives none), "description" ("" when none),
 * "href" (absolute, exactly as linked, e.g. ".../heap?debug=1"),
 * "is-profile" (FALSE for PPV_ENDPOINT_KIND_OTHER). */
PpvEndpoint     *ppv_endpoint_new             (const char  *name,
                                               gint64       count,
                                               const char  *description,
                                               const char  *href);

const char      *ppv_endpoint_get_name        (PpvEndpoint *self);
gint64           ppv_endpoint_get_count       (PpvEndpoint *self);
const char      *ppv_endpoint_get_description (PpvEndpoint *self);
const char      *ppv_endpoint_get_href        (PpvEndpoint *self);
PpvEndpointKind  ppv_endpoint_get_kind        (PpvEndpoint *self);
gboolean         ppv_endpoint_is_profile      (PpvEndpoint *self);

/* The URI that downloads this endpoint as a protobuf profile: the link
 * without its "debug" parameter, plus "seconds=N" when @seconds > 0 (a CPU
 * profile of N seconds, or a delta of a snapshot profile over N seconds).
 * NULL for PPV_ENDPOINT_KIND_OTHER. */
char            *ppv_endpoint_dup_profile_uri (PpvEndpoint *self,
                                               int          seconds);

/* The goroutine endpoint also offers the full dump of every goroutine
 * (debug=2: states, waits, creators): the link with debug=2, or NULL for
 * every other endpoint. */
char            *ppv_endpoint_dup_dump_uri    (PpvEndpoint *self);

G_END_DECLS
