/* ppv-watcher.c — fetches one /debug/pprof profile every interval and keeps each snapshot on disk.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ppv-watcher.h"

#include "ppv-atomic-file.h"
#include "ppv-fetch-private.h"
#include "ppv-fetcher.h"
#include "ppv-reader.h"
#include "ppv-source.h"
#include "ppv-watch-session.h"

/* Retries wait longer after each failure, up to this many intervals and
 * never more than a minute, so a port-forward that comes back is noticed
 * soon. */
#define BACKOFF_MAX_INTERVALS 4
#define BACKOFF_MAX_SECONDS   60

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

G_DEFINE_FINAL_TYPE (PpvWatcher, ppv_watcher, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_URI,
  PROP_INTERVAL,
  PROP_DIRECTORY,
  PROP_STATE,
  PROP_NEXT_FETCH_TIME,
  PROP_N_SNAPSHOTS,
  PROP_LAST_ERROR,
  PROP_SERIES,
  N_PROPS
};

enum
{
  SNAPSHOT_ADDED,
  FETCH_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GType
ppv_watch_state_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      static const GEnumValue values[] = {
        { PPV_WATCH_STATE_WAITING, "PPV_WATCH_STATE_WAITING", "waiting" },
        { PPV_WATCH_STATE_FETCHING, "PPV_WATCH_STATE_FETCHING", "fetching" },
        { PPV_WATCH_STATE_CONNECTED, "PPV_WATCH_STATE_CONNECTED", "connected" },
        { PPV_WATCH_STATE_FAILING, "PPV_WATCH_STATE_FAILING", "failing" },
        { PPV_WATCH_STATE_PAUSED, "PPV_WATCH_STATE_PAUSED", "paused" },
        { PPV_WATCH_STATE_STOPPED, "PPV_WATCH_STATE_STOPPED", "stopped" },
        { 0, NULL, NULL }
      };
      g_once_init_leave (&type, g_enum_register_static ("PpvWatchState", values));
    }
  return type;
}

/* A point that arrived while a rebuild was running, for the new series. */
typedef struct
{
  PpvWatchValues *values;     /* NULL for a gap */
  guint           number;
  char           *path;
  char           *message;
  gint64          time;
} Pending;

static void
pending_free (Pending *pending)
{
  g_clear_pointer (&pending->values, ppv_watch_values_unref);
  g_free (pending->path);
  g_free (pending->message);
  g_free (pending);
}

static void
options_free (PpvReportOptions *options)
{
  ppv_report_options_clear (options);
  g_free (options);
}

static void
set_state (PpvWatcher    *self,
           PpvWatchState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_next_fetch_time (PpvWatcher *self,
                     gint64      time)
{
  if (self->next_fetch_time == time)
    return;
  self->next_fetch_time = time;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_FETCH_TIME]);
}

static void
ppv_watcher_dispose (GObject *object)
{
  PpvWatcher *self = PPV_WATCHER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->rebuild_cancellable != NULL)
    g_cancellable_cancel (self->rebuild_cancellable);
  g_clear_object (&self->fetcher);

  G_OBJECT_CLASS (ppv_watcher_parent_class)->dispose (object);
}

static void
ppv_watcher_finalize (GObject *object)
{
  PpvWatcher *self = PPV_WATCHER (object);

  g_free (self->uri);
  g_free (self->directory);
  g_free (self->last_error);
  ppv_report_options_clear (&self->options);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->rebuild_cancellable);
  g_clear_pointer (&self->rebuild_options, options_free);
  g_clear_pointer (&self->rebuild_queue, g_ptr_array_unref);
  g_clear_object (&self->series);
  g_clear_pointer (&self->manifest, ppv_watch_manifest_free);

  G_OBJECT_CLASS (ppv_watcher_parent_class)->finalize (object);
}

static void
ppv_watcher_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PpvWatcher *self = PPV_WATCHER (object);

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_NEXT_FETCH_TIME:
      g_value_set_int64 (value, self->next_fetch_time);
      break;
    case PROP_N_SNAPSHOTS:
      g_value_set_uint (value, self->n_snapshots);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_SERIES:
      g_value_set_object (value, self->series);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ppv_watcher_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PpvWatcher *self = PPV_WATCHER (object);

  switch (prop_id)
    {
    case PROP_INTERVAL:
      ppv_watcher_set_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ppv_watcher_class_init (PpvWatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ppv_watcher_dispose;
  object_class->finalize = ppv_watcher_finalize;
  object_class->get_property = ppv_watcher_get_property;
  object_class->set_property = ppv_watcher_set_property;

  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, PPV_WATCH_INTERVAL_MIN, PPV_WATCH_INTERVAL_MAX,
                       PPV_WATCH_INTERVAL_DEFAULT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRECTORY] =
    g_param_spec_string ("directory", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, PPV_TYPE_WATCH_STATE, PPV_WATCH_STATE_STOPPED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEXT_FETCH_TIME] =
    g_param_spec_int64 ("next-fetch-time", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SNAPSHOTS] =
    g_param_spec_uint ("n-snapshots", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERIES] =
    g_param_spec_object ("series", NULL, NULL, PPV_TYPE_WATCH_SERIES,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SNAPSHOT_ADDED] =
    g_signal_new ("snapshot-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_UINT, G_TYPE_STRING, PPV_TYPE_PROFILE);
  signals[FETCH_FAILED] =
    g_signal_new ("fetch-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ppv_watcher_init (PpvWatcher *self)
{
  self->interval = PPV_WATCH_INTERVAL_DEFAULT;
  self->state = PPV_WATCH_STATE_STOPPED;
  self->cancellable = g_cancellable_new ();
  ppv_report_options_init (&self->options);
}

/* A CPU profile or a trace takes "seconds" to record and is no snapshot
 * of a state; a bare host:port, which pprof reads as the CPU profile,
 * means the heap here. */
static char *
dup_watch_uri (const char  *source,
               gboolean     gc,
               gboolean    *insecure,
               GError     **error)
{
  g_autofree char *uri = NULL;
  g_autofree char *kind = NULL;
  g_autoptr(GUri) parsed = NULL;

  if (ppv_source_classify (source) != PPV_SOURCE_KIND_REMOTE)
    {
      g_set_error (error, PPV_FETCH_ERROR, PPV_FETCH_ERROR_INVALID_SOURCE,
                   _("%s: only a live service can be watched (host:port or an http(s) address)"), source);
      return NULL;
    }
  uri = ppv_source_to_uri (source, 0, insecure, error);
  if (uri == NULL)
    return NULL;
  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, error);
  if (parsed == NULL)
    return NULL;

  if (strcmp (g_uri_get_path (parsed), PPV_SOURCE_CPU_PATH) == 0 && strstr (source, PPV_SOURCE_CPU_PATH) == NULL)
    {
      GUri *heap = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (parsed), g_uri_get_userinfo (parsed),
                                g_uri_get_host (parsed), g_uri_get_port (parsed), "/debug/pprof/heap",
                                g_uri_get_query (parsed), NULL);
      g_uri_unref (parsed);
      parsed = heap;
    }

  g_free (uri);
  uri = g_uri_to_string (parsed);
  kind = ppv_watch_session_dup_kind (uri);
  if (strcmp (kind, "profile") == 0 || strcmp (kind, "trace") == 0 ||
      strcmp (kind, "cmdline") == 0 || strcmp (kind, "symbol") == 0)
    {
      g_set_error (error, PPV_FETCH_ERROR, PPV_FETCH_ERROR_INVALID_SOURCE,
                   _("%s: only snapshot profiles can be watched: heap, allocs, goroutine, block, mutex or threadcreate"),
                   source);
      return NULL;
    }

  if (gc && (strcmp (kind, "heap") == 0 || strcmp (kind, "allocs") == 0))
    {
      g_autofree char *query = _ppv_query_replace (g_uri_get_query (parsed), "gc", "1");
      GUri *with_gc = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (parsed), g_uri_get_userinfo (parsed),
                                   g_uri_get_host (parsed), g_uri_get_port (parsed), g_uri_get_path (parsed),
                                   query, NULL);
      g_uri_unref (parsed);
      parsed = with_gc;
    }
  return g_uri_to_string (parsed);
}

PpvWatcher *
ppv_watcher_new (const char              *source,
                 gboolean                 gc,
                 const char              *directory,
                 const PpvReportOptions  *options,
                 GError                 **error)
{
  g_autoptr(PpvWatcher) self = NULL;
  gboolean insecure = FALSE;
  char *uri;

  g_return_val_if_fail (source != NULL, NULL);

  uri = dup_watch_uri (source, gc, &insecure, error);
  if (uri == NULL)
    return NULL;

  self = g_object_new (PPV_TYPE_WATCHER, NULL);
  self->uri = uri;
  self->insecure = insecure;
  self->directory = g_strdup (directory);
  if (options != NULL)
    ppv_report_options_copy (&self->options, options);
  self->series = ppv_watch_series_new (&self->options);
  return g_steal_pointer (&self);
}

const char *
ppv_watcher_get_uri (PpvWatcher *self)
{
  g_return_val_if_fail (PPV_IS_WATCHER (self), NULL);

  return self->uri;
}

const char *
ppv_watcher_get_directory (PpvWatcher *self)
{
  g_return_val_if_fail (PPV_IS_WATCHER (self), NULL);

  return self->directory;
}

guint
ppv_watcher_get_interval (PpvWatcher *self)
{
  g_return_val_if_fail (PPV_IS_WATCHER (self), 0);

  return self->interval;
}

PpvWatchState
ppv_watcher_get_state (PpvWatcher *self)
{
  g_return_val_if_fail (PPV_IS_WATCHER (self), PPV_WATCH_STATE_STOPPED);

  return self->state;
}

gint64
ppv_watcher_get_next_fetch_time (PpvWatcher *self)
{
  g_return_val_if_fail (PPV_IS_WATCHER (self), 0);

  return self->next_fetch_time;
}

guint
ppv_watcher_get_n_snapshots (PpvWatcher *self)
{
  g_return_val_if_fail (PPV_IS_WATCHER (self), 0);

  return self->n_snapshots;
}

const char *
ppv_watcher_get_last_error (PpvWatcher *self)
{
  g_return_val_if_fail (PPV_IS_WATCHER (self), NULL);

  return self->last_error;
}

PpvWatchSeries *
ppv_watcher_get_series (PpvWatcher *self)
{
  g_return_val_if_fail (PPV_IS_WATCHER (self), NULL);

  return self->series;
}

/* --- The manifest, written after every event ------------------------------ */

static void write_manifest (PpvWatcher *self);

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
    write_manifest (self);
}

/* One write at a time, the last state always written last. */
static void
write_manifest (PpvWatcher *self)
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

static void attempt (PpvWatcher *self);

static gboolean
timeout_cb (gpointer user_data)
{
  PpvWatcher *self = user_data;

  self->timeout_id = 0;
  attempt (self);
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

static void
schedule (PpvWatcher *self)
{
  guint delay;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->stopped)
    return;
  if (self->paused)
    {
      set_next_fetch_time (self, 0);
      set_state (self, PPV_WATCH_STATE_PAUSED);
      return;
    }
  delay = next_delay (self);
  set_next_fetch_time (self, g_get_real_time () + (gint64) delay * G_USEC_PER_SEC);
  self->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, delay * 1000, timeout_cb, self, NULL);
  set_state (self, self->failures > 0 ? PPV_WATCH_STATE_FAILING
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
  write_manifest (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
  g_signal_emit (self, signals[FETCH_FAILED], 0, message);
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
  g_clear_pointer (&snapshot->rebuild_options, options_free);
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
      schedule (self);
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
  write_manifest (self);

  self->failures = 0;
  self->n_snapshots++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SNAPSHOTS]);
  if (!self->stopped)
    schedule (self);
  g_signal_emit (self, signals[SNAPSHOT_ADDED], 0, index, snapshot->path, snapshot->profile);
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
      schedule (self);
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
    {
      snapshot->rebuild_options = g_new0 (PpvReportOptions, 1);
      ppv_report_options_init (snapshot->rebuild_options);
      ppv_report_options_copy (snapshot->rebuild_options, self->rebuild_options);
    }

  /* Cancelling stops the decode, never the write: the file is kept. */
  task = g_task_new (self, self->cancellable, snapshot_done, NULL);
  g_task_set_source_tag (task, fetched);
  g_task_set_task_data (task, snapshot, (GDestroyNotify) snapshot_free);
  g_task_run_in_thread (task, snapshot_thread);
}

static void
attempt (PpvWatcher *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->in_flight || self->stopped)
    return;
  self->in_flight = TRUE;
  set_next_fetch_time (self, 0);
  set_state (self, PPV_WATCH_STATE_FETCHING);
  ppv_fetcher_fetch_async (self->fetcher, self->uri, self->cancellable, fetched, g_object_ref (self));
}

/* --- Control -------------------------------------------------------------- */

void
ppv_watcher_set_interval (PpvWatcher *self,
                          guint       seconds)
{
  g_return_if_fail (PPV_IS_WATCHER (self));

  seconds = CLAMP (seconds, PPV_WATCH_INTERVAL_MIN, PPV_WATCH_INTERVAL_MAX);
  if (self->interval == seconds)
    return;
  self->interval = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
  /* A shorter interval should not wait out the longer one. */
  if (self->timeout_id != 0)
    schedule (self);
}

gboolean
ppv_watcher_start (PpvWatcher  *self,
                   GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint deadline;

  g_return_val_if_fail (PPV_IS_WATCHER (self), FALSE);
  g_return_val_if_fail (!self->started, FALSE);

  if (self->directory == NULL)
    {
      self->directory = ppv_watch_session_dup_default_directory (self->uri, now);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRECTORY]);
    }
  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("%s: could not create the folder (%s)"), self->directory, g_strerror (saved_errno));
      return FALSE;
    }
  ppv_watch_series_set_session (self->series, self->directory, self->uri);

  self->started = TRUE;
  self->manifest = ppv_watch_manifest_new (self->uri, self->interval, g_date_time_to_unix (now) * G_USEC_PER_SEC);
  write_manifest (self);

  /* A hung service must not hold the watch: an answer takes at most a
   * few intervals (10 s at least, a minute at most). */
  deadline = CLAMP (self->interval * 2, 10, 60);
  self->fetcher = ppv_fetcher_new ();
  g_object_set (self->fetcher,
                "connect-timeout", MIN (deadline, (guint) PPV_FETCHER_DEFAULT_CONNECT_TIMEOUT),
                "timeout", deadline,
                "deadline", deadline,
                "insecure", self->insecure,
                NULL);
  set_state (self, PPV_WATCH_STATE_WAITING);
  attempt (self);
  return TRUE;
}

void
ppv_watcher_pause (PpvWatcher *self)
{
  g_return_if_fail (PPV_IS_WATCHER (self));

  if (self->paused || self->stopped || !self->started)
    return;
  self->paused = TRUE;
  if (!self->in_flight)
    schedule (self);
}

void
ppv_watcher_resume (PpvWatcher *self)
{
  g_return_if_fail (PPV_IS_WATCHER (self));

  if (!self->paused || self->stopped)
    return;
  self->paused = FALSE;
  attempt (self);
}

void
ppv_watcher_stop (PpvWatcher *self)
{
  g_return_if_fail (PPV_IS_WATCHER (self));

  if (self->stopped)
    return;
  self->stopped = TRUE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  self->in_flight = FALSE;
  set_next_fetch_time (self, 0);
  set_state (self, PPV_WATCH_STATE_STOPPED);
}

gboolean
ppv_watcher_is_saving (PpvWatcher *self)
{
  g_return_val_if_fail (PPV_IS_WATCHER (self), FALSE);

  return self->manifest_writing;
}

void
ppv_watcher_fetch_now (PpvWatcher *self)
{
  g_return_if_fail (PPV_IS_WATCHER (self));

  if (!self->started || self->paused)
    return;
  attempt (self);
}

/* --- Other options --------------------------------------------------------- */

static void
rebuilt (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PpvWatcher) self = user_data;
  g_autoptr(PpvWatchSeries) series = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queue = NULL;

  series = ppv_watch_series_rebuild_finish (PPV_WATCH_SERIES (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  queue = g_steal_pointer (&self->rebuild_queue);
  if (series == NULL)
    {
      /* Options the profiles refuse (an unknown sample type): keep the
       * series as it is and say why. */
      g_clear_pointer (&self->rebuild_options, options_free);
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
      return;
    }

  for (guint i = 0; i < queue->len; i++)
    {
      Pending *pending = g_ptr_array_index (queue, i);

      if (pending->values == NULL)
        ppv_watch_series_add_gap (series, pending->time, pending->message);
      else
        ppv_watch_series_add_snapshot (series, pending->values, pending->number, pending->path,
                                       pending->time, NULL, NULL);
    }

  ppv_report_options_clear (&self->options);
  ppv_report_options_init (&self->options);
  ppv_report_options_copy (&self->options, self->rebuild_options);
  g_clear_pointer (&self->rebuild_options, options_free);
  g_set_object (&self->series, series);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERIES]);
}

void
ppv_watcher_set_report_options (PpvWatcher             *self,
                                const PpvReportOptions *options)
{
  g_return_if_fail (PPV_IS_WATCHER (self));
  g_return_if_fail (options != NULL);

  if (self->rebuild_cancellable != NULL)
    g_cancellable_cancel (self->rebuild_cancellable);
  g_clear_object (&self->rebuild_cancellable);
  self->rebuild_cancellable = g_cancellable_new ();

  g_clear_pointer (&self->rebuild_options, options_free);
  self->rebuild_options = g_new0 (PpvReportOptions, 1);
  ppv_report_options_init (self->rebuild_options);
  ppv_report_options_copy (self->rebuild_options, options);
  g_clear_pointer (&self->rebuild_queue, g_ptr_array_unref);
  self->rebuild_queue = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);

  ppv_watch_series_rebuild_async (self->series, options, self->rebuild_cancellable,
                                  rebuilt, g_object_ref (self));
}
