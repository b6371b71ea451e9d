/* ppv-atomic-file.h — replacing a file all at once or not at all.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes @bytes to a new file in @path's directory, flushes it to disk and
 * renames it over @path.  On failure @path is untouched (an existing file
 * keeps its old content), no temporary file is left behind, and @error is
 * a G_IO_ERROR whose message starts with the path ("/x/graph.svg:
 * Permission denied").  A replaced file keeps its permission bits; a
 * symbolic link at @path is replaced by the new file, not followed. */
gboolean ppv_write_file_atomically (const char  *path,
                                    GBytes      *bytes,
                                    GError     **error);

G_END_DECLS
