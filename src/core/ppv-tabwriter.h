/* ppv-tabwriter.h — Go's text/tabwriter, as pprof's -tags uses it.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Lays out @text (cells ended by '\t' or '\v', lines by '\n' or '\f')
 * exactly as tabwriter.NewWriter(w, 0, 0, @padding, ' ', flags) followed
 * by Flush would, with AlignRight when @align_right: each column block as
 * wide as its widest cell (counted in Go's runes) plus @padding, 0xff
 * escaping text, a one-cell line flushing what came before.  Returns the
 * output as a new string. */
char *_ppv_tabwriter_format (const char *text,
                             gsize       len,
                             guint       padding,
                             gboolean    align_right);

/* Go's utf8.RuneCount: a byte of an invalid sequence counts as one rune. */
gsize _ppv_go_rune_count    (const char *text,
                             gsize       len);

G_END_DECLS
