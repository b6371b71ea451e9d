/* ppv-fetch-private.h — helpers shared inside src/fetch only.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "ppv-fetcher.h"

G_BEGIN_DECLS

typedef enum
{
  _PPV_FETCH_KIND_PROFILE,   /* refuse HTML, traces; max-body-size applies */
  _PPV_FETCH_KIND_PAGE,      /* any content (the index page); small fixed cap */
} PpvFetchKind;

#define _PPV_FETCH_PAGE_MAX_SIZE    ((guint64) 4 << 20)
#define _PPV_FETCH_READ_CHUNK       (64 * 1024)
/* Bounds "seconds" so that timer arithmetic cannot overflow (one day). */
#define _PPV_FETCH_MAX_WAIT_SECONDS (24 * 3600)

/* The fetcher's properties; a request copies them when it starts. */
typedef struct
{
  guint    connect_timeout;
  guint    timeout;
  guint    deadline;
  guint64  max_body_size;
  guint    max_redirects;
  gboolean insecure;
} PpvFetchSettings;

/* What a fetch task returns. */
typedef struct
{
  GBytes *body;
  char   *final_uri;
  char   *content_type;
} PpvFetchResult;

void                    _ppv_fetch_result_free     (gpointer    data);

SoupSession            *_ppv_fetcher_get_session   (PpvFetcher *self);
GMainContext           *_ppv_fetcher_get_context   (PpvFetcher *self);
const PpvFetchSettings *_ppv_fetcher_get_settings  (PpvFetcher *self);
void                    _ppv_fetcher_emit_progress (PpvFetcher *self,
                                                    const char *uri,
                                                    guint64     received,
                                                    gint64      expected);

/* Value of the first @name parameter of an encoded query, unescaped;
 * "" for a bare "name"; NULL when absent. */
char *_ppv_query_dup_value  (const char *query,
                             const char *name);
/* Removes every @name parameter of an encoded query and, when @value is not
 * NULL, appends name=value (escaped).  Other parameters keep their order and
 * encoding.  NULL when the result is empty. */
char *_ppv_query_replace    (const char *query,
                             const char *name,
                             const char *value);
/* "host:port" ("[::1]:6060" for IPv6); the port only when given. */
char *_ppv_uri_dup_authority (GUri      *uri);

/* Implemented in ppv-fetch-request.c; finish with ppv_fetcher_fetch_finish (). */
void  _ppv_fetcher_fetch_kind_async (PpvFetcher          *self,
                                     const char          *uri,
                                     PpvFetchKind         kind,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);

G_END_DECLS
