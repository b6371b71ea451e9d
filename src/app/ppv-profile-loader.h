/* ppv-profile-loader.h — reads and decodes profiles in a worker thread.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ppv-profile.h"

G_BEGIN_DECLS

/* Largest file the window will read into memory (the decoder's own cap
 * on decompressed bytes applies after that). */
#define PPV_MAX_FILE_SIZE ((goffset) 1 << 30)

/* Loads @file and decodes it; @source names it in error messages. */
void        ppv_profile_loader_load_file_async    (GFile                *file,
                                                   const char           *source,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
/* Decodes bytes already in memory (e.g. fetched from a server). */
void        ppv_profile_loader_decode_bytes_async (GBytes               *bytes,
                                                   const char           *source,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
/* Finishes either call.  On success also returns the raw bytes that were
 * decoded (so they can be saved again unchanged). */
PpvProfile *ppv_profile_loader_finish             (GAsyncResult         *result,
                                                   GBytes              **raw_bytes,
                                                   GError              **error);

G_END_DECLS
