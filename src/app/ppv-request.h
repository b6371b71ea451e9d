/* ppv-request.h — one thing to load (a file, a server's index, a profile URL) from what a user typed.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ppv-profile.h"

G_BEGIN_DECLS

typedef enum
{
  PPV_REQUEST_FILE,      /* read a local (or gvfs) file */
  PPV_REQUEST_INDEX,     /* list a server's /debug/pprof/ endpoints */
  PPV_REQUEST_PROFILE,   /* fetch one profile over HTTP */
  PPV_REQUEST_PASTE,     /* text pasted from the clipboard, read already */
} PpvRequestKind;

/* Kept by the window to reload or retry.  Reference counted; read-only
 * once made (the window may clear `remember` before starting it). */
typedef struct
{
  PpvRequestKind  kind;
  GFile          *file;          /* FILE */
  char           *uri;           /* INDEX, PROFILE: what to fetch */
  char           *address;       /* what the address entry shows */
  char           *display_name;  /* window title, source of error messages */
  char           *profile_name;  /* PROFILE: last path segment ("heap", "profile") */
  guint           seconds;       /* PROFILE: the server profiles this long first */
  gboolean        insecure;      /* https+insecure:// */
  gboolean        from_index;    /* PROFILE picked from the endpoint list */
  gboolean        remember;      /* add to the recent sources once loaded */
  GBytes         *bytes;         /* PASTE: the text as pasted */
  PpvProfile     *profile;       /* PASTE: what it reads as */
} PpvRequest;

PpvRequest *ppv_request_ref          (PpvRequest  *request);
void        ppv_request_unref        (PpvRequest  *request);

PpvRequest *ppv_request_new_file     (GFile       *file);
/* @uri: an http(s) URI of one profile, e.g. from ppv_source_to_uri(). */
PpvRequest *ppv_request_new_profile  (const char  *uri,
                                      gboolean     insecure,
                                      gboolean     from_index);
/* Text from the clipboard (@bytes) that reads as @profile: shown without
 * reading it again, titled as pasted at this time, kept like a fetch. */
PpvRequest *ppv_request_new_pasted   (GBytes      *bytes,
                                      PpvProfile  *profile);
/* What a user typed: a path (relative ones against @cwd, or the current
 * folder when NULL; "~/" is expanded), host:port or an address ending in
 * /debug/pprof/ (lists the server's profiles), host:port/debug/pprof/NAME
 * or any other http(s) URL (fetches that profile).  Errors are one
 * sentence naming the text (PPV_FETCH_ERROR_INVALID_SOURCE). */
PpvRequest *ppv_request_new_for_text (const char  *text,
                                      const char  *cwd,
                                      GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpvRequest, ppv_request_unref)

G_END_DECLS
