/* ppv-atomic-file.h — replacing a file all at once or not at all.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  PPV_WRITE_FILE_NONE    = 0,
  /* The file is readable and writable by its owner only (0600), whatever
   * the umask or the permissions of a file it replaces: for copies of
   * profiles, which can hold secrets in function names and labels. */
  PPV_WRITE_FILE_PRIVATE = 1 << 0,
} PpvWriteFileFlags;

/* Writes @bytes to a new file in @path's directory, flushes it to disk and
 * renames it over @path.  On failure @path is untouched (an existing file
 * keeps its old content), no temporary file is left behind, and @error is
 * a G_IO_ERROR whose message starts with the path ("/x/graph.svg:
 * Permission denied").  A replaced file keeps its permission bits; a
 * symbolic link at @path is replaced by the new file, not followed.
 * Blocks on the disk: call it from a worker thread, or use the _async
 * variant. */
gboolean ppv_write_file_atomically        (const char          *path,
                                           GBytes              *bytes,
                                           GError             **error);

/* The same with @flags, and @cancellable checked before the file is
 * created and again before the rename (G_IO_ERROR_CANCELLED, message
 * without the path, @path untouched). */
gboolean ppv_write_file_atomically_full   (const char          *path,
                                           GBytes              *bytes,
                                           PpvWriteFileFlags    flags,
                                           GCancellable        *cancellable,
                                           GError             **error);

/* ppv_write_file_atomically_full() in a worker thread. */
void     ppv_write_file_atomically_async  (const char          *path,
                                           GBytes              *bytes,
                                           PpvWriteFileFlags    flags,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean ppv_write_file_atomically_finish (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
