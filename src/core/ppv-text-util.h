/* ppv-text-util.h — small text helpers every layer shares: HTML sniffing, byte limits in messages.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when @data, the first @len bytes of a file or a response body,
 * is an HTML page (a login form, a proxy's error, an index) rather than a
 * profile: after an optional UTF-8 byte order mark and white space it
 * starts with '<', and its first KiB has "<!doctype html", "<html",
 * "<head" or "<body" in any case.  No profile starts with '<'. */
gboolean ppv_looks_like_html   (const guint8 *data,
                                gsize         len);

/* A size limit for messages, in plain ASCII ("256 MiB", "100 KiB",
 * "1000 bytes"; g_format_size () rounds and puts a no-break space in):
 * the largest binary unit up to TiB that divides @bytes exactly, else
 * bytes. */
char    *ppv_format_byte_limit (guint64       bytes);

G_END_DECLS
