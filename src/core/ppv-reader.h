/* ppv-reader.h — bytes (gzip or raw protobuf, or Go's legacy heap text) to a PpvProfile.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ppv-demangle.h"
#include "ppv-profile.h"

G_BEGIN_DECLS

#define PPV_DEFAULT_MAX_DECOMPRESSED ((gsize) 1 << 30)   /* 1 GiB */

/* How names are read (pprof's -symbolize). */
typedef enum
{
  PPV_SYMBOLIZE_DEFAULT,    /* text pages named from their "#" lines */
  PPV_SYMBOLIZE_NONE,       /* text pages read as pprof reads them: addresses only */
} PpvSymbolize;

/* Limits and reading options; zero-initialised means the defaults. */
typedef struct
{
  gsize        max_decompressed;   /* cap on gunzipped bytes; 0 = default */
  gsize        max_model;          /* cap on decoder + model allocations; 0 = derived from the above */
  PpvSymbolize symbolize;          /* NONE also leaves names undemangled, as in pprof */
  PpvDemangle  demangle;
} PpvReadLimits;

/* Decodes a whole profile held in memory.  @source is used only in error
 * messages ("heap.pb.gz: truncated protobuf").  Thread-safe: may run in a
 * worker thread; checks @cancellable between stages. */
PpvProfile *ppv_profile_read_bytes  (GBytes              *bytes,
                                     const char          *source,
                                     const PpvReadLimits *limits,
                                     GCancellable        *cancellable,
                                     GError             **error);

/* Parses pprof's -symbolize value ("none", "demangle=full", "demangle=templates",
 * "demangle=none", "demangle=default", several joined by ':') into @limits. */
gboolean    ppv_read_limits_set_symbolize (PpvReadLimits       *limits,
                                           const char          *mode,
                                           GError             **error);

/* Reads a local file, or standard input when @path is "-". */
PpvProfile *ppv_profile_read_path   (const char          *path,
                                     const PpvReadLimits *limits,
                                     GCancellable        *cancellable,
                                     GError             **error);

/* Capped gunzip of a (possibly multi-member) gzip stream.  Returns the
 * input itself (a new ref) when it does not start with the gzip magic. */
GBytes     *ppv_maybe_gunzip        (GBytes              *bytes,
                                     gsize                max_output,
                                     const char          *source,
                                     GCancellable        *cancellable,
                                     GError             **error);

G_END_DECLS
