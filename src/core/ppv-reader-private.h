/* ppv-reader-private.h — the format decoders behind ppv_profile_read_bytes().
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ppv-profile.h"

G_BEGIN_DECLS

/* Decodes an uncompressed profile.proto message.  On failure
 * *@looks_like_proto tells whether the bytes were clearly meant to be a
 * profile (so the specific error is worth showing) rather than some other
 * format.  @max_model caps decoder plus model memory (0 = no cap). */
PpvProfile *_ppv_proto_read       (const guint8  *data,
                                   gsize          len,
                                   const char    *source,
                                   gsize          max_model,
                                   GCancellable  *cancellable,
                                   gboolean      *looks_like_proto,
                                   GError       **error);

/* ppv_maybe_gunzip() of gzip data and _ppv_proto_read() of the result,
 * overlapped: the profile is decoded on this thread as another inflates
 * it.  Returns the inflated bytes, or NULL with @error as
 * ppv_maybe_gunzip() sets it; *@profile, *@looks_like_proto and
 * @proto_error are then exactly what _ppv_proto_read() gives on those
 * bytes (*@profile is NULL, with no error, for no bytes at all).  With
 * *@spent, parts of the returned bytes were given back as they were
 * decoded (they read as zeros): only a caller that goes on reading them
 * after a failure needs them whole again, and may inflate @compressed
 * again unless @droppable and *@compressed_spent, when some of its pages
 * went too.
 * @droppable: see _ppv_gunzip_stream_new(). */
/* Whether _ppv_gunzip_proto_read() pays off: gzip, and not tiny. */
gboolean    _ppv_proto_should_stream (GBytes      *bytes);
GBytes     *_ppv_gunzip_proto_read (GBytes        *compressed,
                                    gboolean       droppable,
                                    gsize          max_output,
                                    const char    *source,
                                    gsize          max_model,
                                    GCancellable  *cancellable,
                                    PpvProfile   **profile,
                                    gboolean      *looks_like_proto,
                                    gboolean      *spent,
                                    gboolean      *compressed_spent,
                                    GError       **proto_error,
                                    GError       **error);

/* Parses Go's legacy heap text (`/debug/pprof/heap?debug=1`) the way
 * pprof's parseHeap does.  *@recognized is FALSE when the data does not
 * start with a heap profile header; the error is then not meaningful. */
PpvProfile *_ppv_legacy_heap_read (const guint8  *data,
                                   gsize          len,
                                   const char    *source,
                                   gsize          max_model,
                                   GCancellable  *cancellable,
                                   gboolean      *recognized,
                                   GError       **error);

/* Parses Go's goroutine and threadcreate text pages (debug=1) the way
 * pprof's parseGoCount does; with @lenient, a sample without addresses
 * (which pprof refuses) is read as an empty stack.  *@recognized is FALSE
 * when the data does not start with "NAME profile: total N". */
PpvProfile *_ppv_legacy_count_read (const guint8  *data,
                                    gsize          len,
                                    const char    *source,
                                    gsize          max_model,
                                    gboolean       lenient,
                                    GCancellable  *cancellable,
                                    gboolean      *recognized,
                                    GError       **error);

/* Parses Go's block and mutex text pages (debug=1) the way pprof's
 * parseContention does.  *@recognized is FALSE when pprof would not
 * recognise the data as a contention profile. */
PpvProfile *_ppv_legacy_contention_read (const guint8  *data,
                                         gsize          len,
                                         const char    *source,
                                         gsize          max_model,
                                         GCancellable  *cancellable,
                                         gboolean      *recognized,
                                         GError       **error);

/* TRUE when a text page has "#\t0xADDR\tname+0xOFF\tfile:line" lines. */
gboolean    _ppv_text_has_symbols (const guint8  *data,
                                   gsize          len);

/* A text page's profile as pprof reads it (@raw, addresses only) with the
 * frames its "#" lines name (ppv-text-symbols.c); @cut adds a comment
 * that the page's last line was incomplete and left out. */
PpvProfile *_ppv_text_symbolize   (PpvProfile    *raw,
                                   const guint8  *data,
                                   gsize          len,
                                   gboolean       cut,
                                   const char    *source,
                                   gsize          max_model,
                                   GCancellable  *cancellable,
                                   GError       **error);

/* Reads Go's full goroutine dump (`/debug/pprof/goroutine?debug=2`, or a
 * panic's or SIGQUIT's traceback amid other text) as a goroutine profile:
 * one sample per goroutine, labels state, wait (seconds) and created_by.
 * *@recognized is FALSE when no "goroutine N [...]:" header is found. */
PpvProfile *_ppv_goroutine_dump_read (const guint8  *data,
                                      gsize          len,
                                      const char    *source,
                                      gsize          max_model,
                                      GCancellable  *cancellable,
                                      gboolean      *recognized,
                                      GError       **error);

/* Decodes gzip members without producing output and returns how many
 * bytes they would inflate to, stopping once past @stop_after.
 * *@complete is FALSE when the data is not well-formed gzip; the count
 * then covers what came before the problem. */
gsize       _ppv_gzip_count       (const guint8  *data,
                                   gsize          len,
                                   gsize          stop_after,
                                   GCancellable  *cancellable,
                                   gboolean      *complete);

/* ppv-gunzip.c: ppv_maybe_gunzip() on a thread of its own. */
typedef struct _PpvGunzipStream PpvGunzipStream;

gboolean         _ppv_is_gzip              (GBytes           *bytes);
/* With @droppable, the pages of @bytes already inflated are released:
 * its bytes are garbage afterwards, so the caller must hold the only
 * reference and not use it again. */
PpvGunzipStream *_ppv_gunzip_stream_new    (GBytes           *bytes,
                                            gboolean          droppable,
                                            gsize             max_output,
                                            const char       *source,
                                            GCancellable     *cancellable);
/* Waits until more than @have bytes are inflated, or the end.  Returns
 * the output so far (*@avail bytes of it), NULL once inflating failed.
 * The pointer is good until the next call: keep offsets, not pointers. */
const guint8    *_ppv_gunzip_stream_wait   (PpvGunzipStream  *stream,
                                            gsize             have,
                                            gsize            *avail,
                                            gboolean         *done);
/* Waits for the end and frees @stream: what ppv_maybe_gunzip() returns.
 * *@input_dropped: pages of a droppable input did go. */
GBytes          *_ppv_gunzip_stream_finish (PpvGunzipStream  *stream,
                                            gboolean         *input_dropped,
                                            GError          **error);

G_END_DECLS
