/* ppv-watcher-private.h — what the watcher's two halves share: its state, the queue of a rebuild, the calls between them.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ppv-watcher.c is the object (properties, signals, control, other
 * options); ppv-watcher-fetch.c is one attempt after the other (the
 * fetch, the kept file, the decode, the schedule, the manifest).
 */
#pragma once

#include "ppv-fetcher.h"
#include "ppv-watch-session.h"
#include "ppv-watcher.h"

G_BEGIN_DECLS

struct _PpvWatcher
{
  GObject           parent_instance;

  char             *uri;
  gboolean          insecure;
  char             *directory;
  guint             interval;
  PpvReportOptions  options;

  PpvWatchState     state;
  gboolean          started;
  gboolean          paused;
  gboolean          stopped;
  gboolean          in_flight;
  gint64            next_fetch_time;
  guint             failures;        /* in a row */
  guint             n_snapshots;
  char             *last_error;

  PpvFetcher       *fetcher;
  GCancellable     *cancellable;     /* the fetches and decodes; stop() cancels */
  guint             timeout_id;
  PpvWatchSeries   *series;
  PpvWatchManifest *manifest;
  gboolean          manifest_writing;
  gboolean          manifest_dirty;

  /* Re-ranking at other options: the new series is built in a worker;
   * what arrives meanwhile is extracted at those options too and queued. */
  GCancellable     *rebuild_cancellable;
  PpvReportOptions *rebuild_options;
  GPtrArray        *rebuild_queue;   /* Pending* */
};

/* A point that arrived while a rebuild was running, for the new series. */
typedef struct
{
  PpvWatchValues *values;     /* NULL for a gap */
  guint           number;
  char           *path;
  char           *message;
  gint64          time;
} Pending;


void _ppv_watcher_pending_free        (Pending       *pending);

/* ppv-watcher.c: state changes with their notifications and signals. */
void _ppv_watcher_set_state           (PpvWatcher    *self,
                                       PpvWatchState  state);
void _ppv_watcher_set_next_fetch_time (PpvWatcher    *self,
                                       gint64         time);
/* Notifies "last-error" and emits "fetch-failed". */
void _ppv_watcher_emit_failed         (PpvWatcher    *self,
                                       const char    *message);
/* Notifies "n-snapshots" and emits "snapshot-added". */
void _ppv_watcher_emit_snapshot       (PpvWatcher    *self,
                                       guint          snapshot,
                                       const char    *path,
                                       PpvProfile    *profile);

/* ppv-watcher-fetch.c */
void _ppv_watcher_attempt             (PpvWatcher    *self);
/* The next attempt after an interval, or a backoff after failures. */
void _ppv_watcher_schedule            (PpvWatcher    *self);
void _ppv_watcher_write_manifest      (PpvWatcher    *self);

G_END_DECLS
