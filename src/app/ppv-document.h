/* ppv-document.h — one thing loaded into a tab: a profile (from a file or a server) or a server's list of profiles.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ppv-fetcher.h"
#include "ppv-profile.h"
#include "ppv-request.h"

G_BEGIN_DECLS

#define PPV_TYPE_DOCUMENT (ppv_document_get_type ())

G_DECLARE_FINAL_TYPE (PpvDocument, ppv_document, PPV, DOCUMENT, GObject)

/* A document is made for one load of @request; reloading makes a new one,
 * so what is shown stays until its replacement has arrived. */
PpvDocument *ppv_document_new              (PpvRequest          *request);

/* Reads, fetches and decodes (or, for an INDEX request, lists the
 * server's endpoints) with the document's own cancellable; @fetcher is
 * used for http(s) requests.  A fetched profile is also kept in the
 * archive (ppv-profile-archive.h) before it is decoded.
 *
 * Signals while loading: "progress" (guint64 received, gint64 expected),
 * "decoding" (), "kept" (GFile *kept_copy), "keep-failed" (const char
 * *message). */
void         ppv_document_load_async       (PpvDocument         *self,
                                            PpvFetcher          *fetcher,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean     ppv_document_load_finish      (PpvDocument         *self,
                                            GAsyncResult        *result,
                                            GError             **error);
/* Stops a load in progress; its callback gets G_IO_ERROR_CANCELLED. */
void         ppv_document_cancel           (PpvDocument         *self);

PpvRequest  *ppv_document_get_request      (PpvDocument         *self);
/* After a successful load of a FILE or PROFILE request. */
PpvProfile  *ppv_document_get_profile      (PpvDocument         *self);
GBytes      *ppv_document_get_bytes        (PpvDocument         *self);
/* After a successful load of an INDEX request: PpvEndpoint items. */
GListModel  *ppv_document_get_endpoints    (PpvDocument         *self);
/* Where a fetched profile was kept, once it was; NULL otherwise. */
GFile       *ppv_document_get_kept_file    (PpvDocument         *self);
/* When the load finished, NULL before. */
GDateTime   *ppv_document_get_loaded_at    (PpvDocument         *self);

/* The source's name ("heap.pb.gz", "localhost:6060/debug/pprof/heap"). */
const char  *ppv_document_get_title        (PpvDocument         *self);
/* "Heap profile", "CPU profile"…; NULL before a profile is loaded. */
const char  *ppv_document_get_kind_label   (PpvDocument         *self);
/* "Heap profile · 2026-01-05 10:32:07"; NULL before a profile is loaded. */
const char  *ppv_document_get_subtitle     (PpvDocument         *self);
/* Short, for a tab: "heap · localhost:6060", "cpu · cpu.pb.gz". */
char        *ppv_document_dup_tab_title    (PpvDocument         *self);
/* The full source and when it was loaded, for a tab's tooltip. */
char        *ppv_document_dup_tooltip      (PpvDocument         *self);

G_END_DECLS
