/* ppv-source.h — what a user types (a path, host:port, a URL) to a file path or a fetch URI.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PPV_SOURCE_KIND_INVALID,  /* empty, or a URL with a scheme we do not fetch (ftp://...) */
  PPV_SOURCE_KIND_FILE,     /* a local path, "-" (standard input) or a file:// URI */
  PPV_SOURCE_KIND_REMOTE,   /* http(s)://..., host:port, host:port/path */
} PpvSourceKind;

/* The CPU profile handler a bare "host:port" stands for, as in `go tool pprof`. */
#define PPV_SOURCE_CPU_PATH   "/debug/pprof/profile"
#define PPV_SOURCE_INDEX_PATH "/debug/pprof/"

/* Decides like `go tool pprof` does: "localhost:6060", "10.0.0.5:6060/debug/pprof/heap"
 * and http(s) URLs are remote; "heap.pb.gz", "/tmp/x", "-" are files.  A string
 * that only looks like host:port but has no valid port ("a:b.pb.gz") is a file.
 * Leading and trailing white space is ignored.  Never touches the file system. */
PpvSourceKind ppv_source_classify          (const char  *text);

/* For a FILE source: the path to open ("-" stays "-"; file:// URIs are
 * converted).  NULL with PPV_FETCH_ERROR_INVALID_SOURCE otherwise. */
char         *ppv_source_dup_path          (const char  *text,
                                            GError     **error);

/* For a REMOTE source: the URI to fetch, after pprof's shorthand (cmd/pprof
 * adjustURL): "http://" is added when no scheme is given, an empty path or "/"
 * becomes /debug/pprof/profile, and @seconds > 0 sets the "seconds" query
 * parameter (replacing one in the text); @seconds <= 0 keeps the text's.
 * "https+insecure://" becomes "https://" and sets *@out_insecure (which the
 * caller turns into the fetcher's insecure property); without @out_insecure
 * such a URI is fetched with normal certificate checks. */
char         *ppv_source_to_uri            (const char  *text,
                                            int          seconds,
                                            gboolean    *out_insecure,
                                            GError     **error);

/* For a REMOTE source: the /debug/pprof/ index page of the same server, for the
 * window's endpoint listing.  A path prefix in front of /debug/pprof is kept
 * ("h:1/app/debug/pprof/heap" -> "http://h:1/app/debug/pprof/"). */
char         *ppv_source_to_index_uri      (const char  *text,
                                            gboolean    *out_insecure,
                                            GError     **error);

/* "localhost:6060" for "http://localhost:6060/debug/pprof/heap": the name that
 * starts fetch error messages.  IPv6 hosts keep their brackets.  Falls back to
 * a copy of @uri when it does not parse. */
char         *ppv_source_dup_authority     (const char  *uri);

/* "localhost:6060/debug/pprof/heap": authority and path, for the profile
 * reader's error messages and window titles. */
char         *ppv_source_dup_display_name  (const char  *uri);

/* A file name for saving a fetched profile:
 * "<host>_<port>.<type>.<YYYYMMDD-HHMMSS>.pb.gz", e.g.
 * "localhost_6060.heap.20260125-143005.pb.gz".  <type> is the last path
 * segment, "cpu" for /debug/pprof/profile, with "-delta" added when a
 * snapshot profile was asked for with "seconds".  @when is taken as is
 * (pass a local time); NULL means now, local time.  Only [A-Za-z0-9._-]
 * characters appear in the result. */
char         *ppv_source_dup_save_name     (const char  *uri,
                                            GDateTime   *when);

G_END_DECLS
