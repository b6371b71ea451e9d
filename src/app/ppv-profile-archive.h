/* ppv-profile-archive.h — keeps a copy of every fetched profile under the user's data folder.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* $XDG_DATA_HOME/pprof-viewer/profiles */
char  *ppv_profile_archive_dup_directory (void);

/* Writes @bytes atomically to a new file called @file_name (see
 * ppv_source_dup_save_name()) in the archive directory from a worker
 * thread; a number is added to the name rather than overwrite a file. */
void   ppv_profile_archive_save_async    (GBytes              *bytes,
                                          const char          *file_name,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GFile *ppv_profile_archive_save_finish   (GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
