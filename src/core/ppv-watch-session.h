/* ppv-watch-session.h — the folder of one watch session: where it goes, its file names, its manifest.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A watch session is a folder holding its snapshots as
 * "NNNN-YYYYMMDDTHHMMSSZ.pb.gz" (NNNN counts from 0001, the time is UTC)
 * and a small manifest, "watch.ini" (a GKeyFile), naming the source, the
 * profile kind, the interval and the start time, and listing each failed
 * fetch (a gap) and each process restart noticed.  Both are written
 * atomically, so the folder alone is enough to re-open the session later,
 * even after a crash between a snapshot and the manifest's next write
 * (snapshots missing from the manifest are found by their names).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PPV_WATCH_MANIFEST_NAME "watch.ini"

#define PPV_WATCH_INTERVAL_MIN      1      /* seconds */
#define PPV_WATCH_INTERVAL_MAX      3600
#define PPV_WATCH_INTERVAL_DEFAULT  15

/* $XDG_DATA_HOME/pprof-viewer/profiles: the kept-profiles folder, where
 * the window keeps a copy of every fetched profile and watch sessions go
 * (in "watch/").  The CLI and the app share this one definition. */
char     *ppv_kept_profiles_dup_directory   (void);

/* The default folder of a session watching @uri, started at @start:
 * "<kept profiles>/watch/<host>-<port>-<kind>-<YYYYMMDDTHHMMSSZ>", e.g.
 * ".../watch/localhost-6060-heap-20261207T021000Z".  Only
 * [A-Za-z0-9._-] characters appear in the last component. */
char     *ppv_watch_session_dup_default_directory (const char *uri,
                                                   GDateTime  *start);

/* "heap" for ".../debug/pprof/heap?gc=1": the last path segment. */
char     *ppv_watch_session_dup_kind        (const char *uri);

/* "0007-20261207T021105Z.pb.gz" for snapshot 7 fetched at @time_us
 * (microseconds since the epoch, as g_get_real_time()). */
char     *ppv_watch_session_dup_snapshot_name (guint  index,
                                               gint64 time_us);
/* Reads such a name back: TRUE with *@index and *@time_us (whole seconds)
 * if @name is one. */
gboolean  ppv_watch_session_parse_snapshot_name (const char *name,
                                                 guint      *index,
                                                 gint64     *time_us);

typedef enum
{
  PPV_WATCH_EVENT_SNAPSHOT,
  PPV_WATCH_EVENT_GAP,
  PPV_WATCH_EVENT_RESTART,
} PpvWatchEventKind;

/* The manifest, in memory.  Not thread-safe: one thread at a time. */
typedef struct _PpvWatchManifest PpvWatchManifest;

PpvWatchManifest *ppv_watch_manifest_new        (const char *uri,
                                                 guint       interval,
                                                 gint64      start_time_us);
void              ppv_watch_manifest_free       (PpvWatchManifest *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpvWatchManifest, ppv_watch_manifest_free)

const char       *ppv_watch_manifest_get_uri        (PpvWatchManifest *self);
const char       *ppv_watch_manifest_get_kind       (PpvWatchManifest *self);
guint             ppv_watch_manifest_get_interval   (PpvWatchManifest *self);
gint64            ppv_watch_manifest_get_start_time (PpvWatchManifest *self);

/* Events in the order they were added: a snapshot (@index, its file's
 * base name), a gap (@message), or a restart noticed before snapshot
 * @index.  @time_us is microseconds since the epoch. */
void              ppv_watch_manifest_add_event  (PpvWatchManifest  *self,
                                                 PpvWatchEventKind  kind,
                                                 gint64             time_us,
                                                 guint              index,
                                                 const char        *text);
guint             ppv_watch_manifest_get_n_events (PpvWatchManifest *self);
/* Borrowed pointers, valid until the manifest changes. */
PpvWatchEventKind ppv_watch_manifest_get_event  (PpvWatchManifest  *self,
                                                 guint              position,
                                                 gint64            *time_us,
                                                 guint             *index,
                                                 const char       **text);

/* The manifest as watch.ini's text, to write with ppv-atomic-file from a
 * worker (PPV_WRITE_FILE_PRIVATE). */
GBytes           *ppv_watch_manifest_to_bytes   (PpvWatchManifest  *self);
/* Writes @directory/watch.ini atomically (owner-only, like the kept
 * profiles).  Blocks on the disk. */
gboolean          ppv_watch_manifest_save       (PpvWatchManifest  *self,
                                                 const char        *directory,
                                                 GError           **error);
/* Reads @directory/watch.ini; G_IO_ERROR_NOT_FOUND when there is none,
 * G_KEY_FILE_ERROR when it is not one of ours. */
PpvWatchManifest *ppv_watch_manifest_load       (const char        *directory,
                                                 GError           **error);

G_END_DECLS
