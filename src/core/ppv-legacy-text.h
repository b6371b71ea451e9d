/* ppv-legacy-text.h — what pprof's legacy text parsers share: lines, Go's number parsing, memory maps.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The heap, count (goroutine, threadcreate) and contention readers follow
 * pprof's profile/legacy_profile.go; these are the pieces they have in
 * common, with Go's semantics (bufio.Scanner lines, strings.TrimSpace,
 * strconv) so that every reader agrees with pprof on the same bytes.
 */
#pragma once

#include <glib.h>

#include "ppv-profile.h"

G_BEGIN_DECLS

#define PPV_LEGACY_MAX_LINE 65536          /* bufio.MaxScanTokenSize */

typedef struct
{
  const char *p;
  gsize       len;
} PpvSpan;

typedef struct
{
  const char *pos;
  const char *end;
  guint       number;
} PpvLines;

typedef enum
{
  PPV_LINE_OK,
  PPV_LINE_EOF,
  PPV_LINE_TOO_LONG,
} PpvLineResult;

static inline gboolean
_ppv_is_digit (char c)
{
  return c >= '0' && c <= '9';
}

static inline gboolean
_ppv_is_lower_hex (char c)
{
  return _ppv_is_digit (c) || (c >= 'a' && c <= 'f');
}

gboolean      _ppv_span_equal       (PpvSpan      a,
                                     const char  *s);
gboolean      _ppv_span_equal_span  (PpvSpan      a,
                                     PpvSpan      b);
gboolean      _ppv_span_contains    (PpvSpan      a,
                                     const char  *s);
gboolean      _ppv_span_has_prefix  (PpvSpan      a,
                                     const char  *s);
/* strings.TrimSpace */
PpvSpan       _ppv_trim_space       (PpvSpan      s);
/* strconv.ParseInt(s, 10, 64) */
gboolean      _ppv_parse_int64      (PpvSpan      s,
                                     gint64      *out);
/* strconv.ParseUint(s, 16, 64), without the "0x" */
gboolean      _ppv_parse_hex        (PpvSpan      s,
                                     guint64     *out);
/* strconv.ParseInt(s, 0, 64) */
gboolean      _ppv_parse_go_int     (PpvSpan      s,
                                     gint64      *out);
/* Go's int64(f) on amd64 */
gint64        _ppv_go_float_to_int64 (double     f);
/* bufio.ScanLines: split at '\n', drop one '\r', keep a last unterminated
 * line; a line of PPV_LEGACY_MAX_LINE bytes or more stops the scan. */
PpvLineResult _ppv_lines_next       (PpvLines    *lines,
                                     PpvSpan     *line);

/* pprof's isMemoryMapSentinel. */
gboolean      _ppv_is_memory_map_sentinel (PpvSpan line);

/* A new array for _ppv_legacy_parse_memory_map(). */
GPtrArray    *_ppv_legacy_mappings_new    (void);
/* pprof's ParseMemoryMapFromScanner over the remaining lines. */
gboolean      _ppv_legacy_parse_memory_map (PpvLines    *lines,
                                            GPtrArray   *mappings,
                                            const char  *source,
                                            GError     **error);
/* The end of pprof's ParseMemoryMapFromScanner: the mappings massaged,
 * then one location per address (ids 1…n, in order) with the mapping
 * pprof assigns it, a fake catch-all one included when needed. */
void          _ppv_legacy_add_locations   (PpvProfileBuilder *builder,
                                           GPtrArray         *mappings,
                                           const guint64     *addresses,
                                           guint              n_addresses);

G_END_DECLS
