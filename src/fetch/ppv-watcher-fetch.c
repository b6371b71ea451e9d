/* ppv-watcher-fetch.c — one attempt after the other: the fetch, the kept file, the decode, the schedule, the manifest.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "ppv-watcher.h"
#include "ppv-watcher-private.h"

#include "ppv-atomic-file.h"
#include "ppv-reader.h"

/* Retries wait longer after each failure, up to this many intervals and
 * never more than a minute, so a port-forward that comes back is noticed
 * soon. */
#define BACKOFF_MAX_INTERVALS 4
#define BACKOFF_MAX_SECONDS   60

/* --- The manifest, written after every event ------------------------------ */

static void
manifest_written (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PpvWatcher) self = user_data;
  g_autoptr(GError) error = NULL;

  /* A manifest that cannot be written loses only exact times and gaps:
   * the snapshots are there.  Said once, in the log. */
  if (!ppv_write_file_atomically_finish (result, &error))
    g_warning ("%s", error->message);
  self->manifest_writing = FALSE;
  if (self->manifest_dirty)
    _ppv_watcher_write_manifest (self);
}

/* One write at a time, the last state always written last. */
void
_ppv_watcher_write_manifest (PpvWatcher *self)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (self->manifest == NULL)
    return;
  if (self->manifest_writing)
    {
      self->manifest_dirty = TRUE;
      return;
    }
  self->manifest_dirty = FALSE;
  self->manifest_writing = TRUE;
  path = g_build_filename (self->directory, PPV_WATCH_MANIFEST_NAME, NULL);
  bytes = ppv_watch_manifest_to_bytes (self->manifest);
  ppv_write_file_atomically_async (path, bytes, PPV_WRITE_FILE_PRIVATE, NULL,
                                   manifest_written, g_object_ref (self));
}

/* --- Scheduling ----------------------------------------------------------- */

static gboolean
timeout_cb (gpointer user_data)
{
  PpvWatcher *self = user_data;

  self->timeout_id = 0;
  _ppv_watcher_attempt (self);
  return G_SOURCE_REMOVE;
}

static guint
next_delay (PpvWatcher *self)
{
  guint64 delay = self->interval;
  guint64 cap = MIN ((guint64) self->interval * BACKOFF_MAX_INTERVALS, BACKOFF_MAX_SECONDS);

  if (self->failures == 0)
    return self->interval;
  /* interval, 2×, 4× ..., then capped */
  for (guint i = 1; i < self->failures && delay < cap; i++)
    delay *= 2;
  return (guint) MAX (MIN (delay, cap), MIN (self->interval, BACKOFF_MAX_SECONDS));
}

void
_ppv_watcher_schedule (PpvWatcher *self)
{
  guint delay;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->stopped)
    return;
  if (self->paused)
    {
      _ppv_watcher_set_next_fetch_time (self, 0);
      _ppv_watcher_set_state (self, PPV_WATCH_STATE_PAUSED);
      return;
    }
  delay = next_delay (self);
  _ppv_watcher_set_next_fetch_time (self, g_get_real_time () + (gint64) delay * G_USEC_PER_SEC);
  self->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, delay * 1000, timeout_cb, self, NULL);
  _ppv_watcher_set_state (self, self->failures > 0 ? PPV_WATCH_STATE_FAILING
                   : self->n_snapshots > 0 ? PPV_WATCH_STATE_CONNECTED : PPV_WATCH_STATE_WAITING);
}

static void
record_failure (PpvWatcher *self,
                const char *message)
{
  gint64 now = g_get_real_time ();

  self->failures++;
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  ppv_watch_series_add_gap (self->series, now, message);
  if (self->rebuild_queue != NULL)
    {
      Pending *pending = g_new0 (Pending, 1);

      pending->time = now;
      pending->message = g_strdup (message);
      g_ptr_array_add (self->rebuild_queue, pending);
    }
  ppv_watch_manifest_add_event (self->manifest, PPV_WATCH_EVENT_GAP, now, 0, message);
  _ppv_watcher_write_manifest (self);
  _ppv_watcher_emit_failed (self, message);
}

/* --- One snapshot: kept, decoded and reduced in a worker ------------------ */

typedef struct
{
  GBytes           *bytes;
  char             *path;
  char             *display_name;
  guint             number;
  gint64            time;
  PpvReportOptions  options;
  PpvReportOptions *rebuild_options;   /* or NULL */
  /* Results. */
  PpvProfile       *profile;
  PpvWatchValues   *values;
  PpvWatchValues   *rebuild_values;
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  g_bytes_unref (snapshot->bytes);
  g_free (snapshot->path);
  g_free (snapshot->display_name);
  ppv_report_options_clear (&snapshot->options);
  g_clear_pointer (&snapshot->rebuild_options, ppv_report_options_free);
  g_clear_pointer (&snapshot->profile, ppv_profile_unref);
  g_clear_pointer (&snapshot->values, ppv_watch_values_unref);
  g_clear_pointer (&snapshot->rebuild_values, ppv_watch_values_unref);
  g_free (snapshot);
}

static void
snapshot_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Snapshot *snapshot = task_data;
  GError *error = NULL;

  /* Kept first: whatever happens next, what the service sent is on disk. */
  if (!ppv_write_file_atomically_full (snapshot->path, snapshot->bytes, PPV_WRITE_FILE_PRIVATE,
                                       NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  snapshot->profile = ppv_profile_read_bytes (snapshot->bytes, snapshot->display_name, NULL,
                                              cancellable, &error);
  if (snapshot->profile != NULL)
    snapshot->values = ppv_watch_values_new (snapshot->profile, &snapshot->options, cancellable, &error);
  if (snapshot->values != NULL && snapshot->rebuild_options != NULL)
    snapshot->rebuild_values = ppv_watch_values_new (snapshot->profile, snapshot->rebuild_options,
                                                     cancellable, NULL);
  if (snapshot->values == NULL)
    {
      /* Not a profile after all: a snapshot file must load. */
      g_unlink (snapshot->path);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
snapshot_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PpvWatcher *self = PPV_WATCHER (source);
  Snapshot *snapshot = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  const PpvWatchPoint *point;
  guint index;

  self->in_flight = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error) ||
      !ppv_watch_series_add_snapshot (self->series, snapshot->values, snapshot->number, snapshot->path,
                                      snapshot->time, &index, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->stopped)
        return;
      record_failure (self, error->message);
      _ppv_watcher_schedule (self);
      return;
    }

  if (self->rebuild_queue != NULL && snapshot->rebuild_values != NULL)
    {
      Pending *pending = g_new0 (Pending, 1);

      pending->values = g_steal_pointer (&snapshot->rebuild_values);
      pending->number = snapshot->number;
      pending->path = g_strdup (snapshot->path);
      pending->time = snapshot->time;
      g_ptr_array_add (self->rebuild_queue, pending);
    }

  point = ppv_watch_series_get_snapshot (self->series, index);
  if (point->restart)
    ppv_watch_manifest_add_event (self->manifest, PPV_WATCH_EVENT_RESTART, point->time, snapshot->number, NULL);
  {
    g_autofree char *base = g_path_get_basename (snapshot->path);
    ppv_watch_manifest_add_event (self->manifest, PPV_WATCH_EVENT_SNAPSHOT, snapshot->time,
                                  snapshot->number, base);
  }
  _ppv_watcher_write_manifest (self);

  self->failures = 0;
  self->n_snapshots++;
  if (!self->stopped)
    _ppv_watcher_schedule (self);
  _ppv_watcher_emit_snapshot (self, index, snapshot->path, snapshot->profile);
}

static void
fetched (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PpvWatcher) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = NULL;
  Snapshot *snapshot;

  bytes = ppv_fetcher_fetch_finish (PPV_FETCHER (source), result, NULL, NULL, &error);
  if (bytes == NULL)
    {
      self->in_flight = FALSE;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->stopped)
        return;
      record_failure (self, error->message);
      _ppv_watcher_schedule (self);
      return;
    }

  snapshot = g_new0 (Snapshot, 1);
  snapshot->bytes = g_steal_pointer (&bytes);
  snapshot->number = self->n_snapshots + 1;
  snapshot->time = g_get_real_time ();
  name = ppv_watch_session_dup_snapshot_name (snapshot->number, snapshot->time);
  snapshot->path = g_build_filename (self->directory, name, NULL);
  snapshot->display_name = g_strdup (name);
  ppv_report_options_init (&snapshot->options);
  ppv_report_options_copy (&snapshot->options, &self->options);
  if (self->rebuild_options != NULL)
    snapshot->rebuild_options = ppv_report_options_dup (self->rebuild_options);

  /* Cancelling stops the decode, never the write: the file is kept. */
  task = g_task_new (self, self->cancellable, snapshot_done, NULL);
  g_task_set_source_tag (task, fetched);
  g_task_set_task_data (task, snapshot, (GDestroyNotify) snapshot_free);
  g_task_run_in_thread (task, snapshot_thread);
}

void
_ppv_watcher_attempt (PpvWatcher *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->in_flight || self->stopped)
    return;
  self->in_flight = TRUE;
  _ppv_watcher_set_next_fetch_time (self, 0);
  _ppv_watcher_set_state (self, PPV_WATCH_STATE_FETCHING);
  ppv_fetcher_fetch_async (self->fetcher, self->uri, self->cancellable, fetched, g_object_ref (self));
}
