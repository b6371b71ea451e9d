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
#include "ppv-watcher-private.h"

#include "ppv-fetch-private.h"
#include "ppv-fetcher.h"
#include "ppv-source.h"
#include "ppv-watch-session.h"

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

void
_ppv_watcher_pending_free (Pending *pending)
{
  g_clear_pointer (&pending->values, ppv_watch_values_unref);
  g_free (pending->path);
  g_free (pending->message);
  g_free (pending);
}

void
_ppv_watcher_set_state (PpvWatcher    *self,
                        PpvWatchState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
_ppv_watcher_set_next_fetch_time (PpvWatcher *self,
                                  gint64      time)
{
  if (self->next_fetch_time == time)
    return;
  self->next_fetch_time = time;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_FETCH_TIME]);
}

void
_ppv_watcher_emit_failed (PpvWatcher *self,
                          const char *message)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
  g_signal_emit (self, signals[FETCH_FAILED], 0, message);
}

void
_ppv_watcher_emit_snapshot (PpvWatcher *self,
                            guint       snapshot,
                            const char *path,
                            PpvProfile *profile)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SNAPSHOTS]);
  g_signal_emit (self, signals[SNAPSHOT_ADDED], 0, snapshot, path, profile);
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
  g_clear_pointer (&self->rebuild_options, ppv_report_options_free);
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

/* *@uri with another path and query. */
static void
replace_uri (GUri       **uri,
             const char  *path,
             const char  *query)
{
  GUri *other = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (*uri), g_uri_get_userinfo (*uri),
                             g_uri_get_host (*uri), g_uri_get_port (*uri), path, query, NULL);

  g_uri_unref (*uri);
  *uri = other;
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
    replace_uri (&parsed, "/debug/pprof/heap", g_uri_get_query (parsed));

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

      replace_uri (&parsed, g_uri_get_path (parsed), query);
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
    _ppv_watcher_schedule (self);
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
  _ppv_watcher_write_manifest (self);

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
  _ppv_watcher_set_state (self, PPV_WATCH_STATE_WAITING);
  _ppv_watcher_attempt (self);
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
    _ppv_watcher_schedule (self);
}

void
ppv_watcher_resume (PpvWatcher *self)
{
  g_return_if_fail (PPV_IS_WATCHER (self));

  if (!self->paused || self->stopped)
    return;
  self->paused = FALSE;
  _ppv_watcher_attempt (self);
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
  _ppv_watcher_set_next_fetch_time (self, 0);
  _ppv_watcher_set_state (self, PPV_WATCH_STATE_STOPPED);
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
  _ppv_watcher_attempt (self);
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
      g_clear_pointer (&self->rebuild_options, ppv_report_options_free);
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
  g_clear_pointer (&self->rebuild_options, ppv_report_options_free);
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

  g_clear_pointer (&self->rebuild_options, ppv_report_options_free);
  self->rebuild_options = ppv_report_options_dup (options);
  g_clear_pointer (&self->rebuild_queue, g_ptr_array_unref);
  self->rebuild_queue = g_ptr_array_new_with_free_func ((GDestroyNotify) _ppv_watcher_pending_free);

  ppv_watch_series_rebuild_async (self->series, options, self->rebuild_cancellable,
                                  rebuilt, g_object_ref (self));
}
