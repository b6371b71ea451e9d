/* ppv-watch-session.c — the folder of one watch session: where it goes, its file names, its manifest.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ppv-watch-session.h"

#include "ppv-atomic-file.h"

#define GROUP_WATCH  "watch"
#define EVENT_PREFIX "event "

char *
ppv_kept_profiles_dup_directory (void)
{
  return g_build_filename (g_get_user_data_dir (), "pprof-viewer", "profiles", NULL);
}

static void
append_sanitised (GString    *out,
                  const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    g_string_append_c (out, g_ascii_isalnum (*p) || *p == '.' || *p == '_' || *p == '-' ? *p : '_');
}

char *
ppv_watch_session_dup_kind (const char *uri_text)
{
  g_autoptr(GUri) uri = NULL;
  const char *path, *slash;

  g_return_val_if_fail (uri_text != NULL, NULL);

  uri = g_uri_parse (uri_text, G_URI_FLAGS_ENCODED, NULL);
  path = uri != NULL ? g_uri_get_path (uri) : "";
  slash = strrchr (path, '/');
  if (slash != NULL)
    path = slash + 1;
  return g_strdup (*path != '\0' ? path : "profile");
}

static char *
format_utc_stamp (gint64 time_us)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);

  return when != NULL ? g_date_time_format (when, "%Y%m%dT%H%M%SZ") : g_strdup ("00000000T000000Z");
}

char *
ppv_watch_session_dup_default_directory (const char *uri_text,
                                         GDateTime  *start)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *kind = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *kept = NULL;

  g_return_val_if_fail (uri_text != NULL, NULL);
  g_return_val_if_fail (start != NULL, NULL);

  uri = g_uri_parse (uri_text, G_URI_FLAGS_ENCODED, NULL);
  if (uri != NULL && g_uri_get_host (uri) != NULL)
    {
      int port = g_uri_get_port (uri);

      if (port <= 0)
        port = g_strcmp0 (g_uri_get_scheme (uri), "http") == 0 ? 80 : 443;
      append_sanitised (name, g_uri_get_host (uri));
      g_string_append_printf (name, "-%d-", port);
    }
  kind = ppv_watch_session_dup_kind (uri_text);
  append_sanitised (name, kind);
  stamp = format_utc_stamp (g_date_time_to_unix (start) * G_USEC_PER_SEC);
  g_string_append_printf (name, "-%s", stamp);

  kept = ppv_kept_profiles_dup_directory ();
  return g_build_filename (kept, "watch", name->str, NULL);
}

char *
ppv_watch_session_dup_snapshot_name (guint  index,
                                     gint64 time_us)
{
  g_autofree char *stamp = format_utc_stamp (time_us);

  return g_strdup_printf ("%04u-%s.pb.gz", index, stamp);
}

gboolean
ppv_watch_session_parse_snapshot_name (const char *name,
                                       guint      *index,
                                       gint64     *time_us)
{
  unsigned int number, year, month, day, hour, minute, second;
  int consumed = 0;
  g_autoptr(GDateTime) when = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  if (sscanf (name, "%u-%4u%2u%2uT%2u%2u%2uZ.pb.gz%n",
              &number, &year, &month, &day, &hour, &minute, &second, &consumed) != 7 ||
      consumed == 0 || name[consumed] != '\0' || !g_ascii_isdigit (name[0]) || number == 0)
    return FALSE;
  when = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (when == NULL)
    return FALSE;
  if (index != NULL)
    *index = number;
  if (time_us != NULL)
    *time_us = g_date_time_to_unix (when) * G_USEC_PER_SEC;
  return TRUE;
}

/* --- The manifest ---------------------------------------------------------- */

typedef struct
{
  PpvWatchEventKind kind;
  gint64            time_us;
  guint             index;
  char             *text;
} Event;

struct _PpvWatchManifest
{
  char   *uri;
  char   *kind;
  guint   interval;
  gint64  start_time_us;
  GArray *events;
};

static const char * const event_names[] = { "snapshot", "gap", "restart" };

static void
event_clear (Event *event)
{
  g_free (event->text);
}

PpvWatchManifest *
ppv_watch_manifest_new (const char *uri,
                        guint       interval,
                        gint64      start_time_us)
{
  PpvWatchManifest *self;

  g_return_val_if_fail (uri != NULL, NULL);

  self = g_new0 (PpvWatchManifest, 1);
  self->uri = g_strdup (uri);
  self->kind = ppv_watch_session_dup_kind (uri);
  self->interval = interval;
  self->start_time_us = start_time_us;
  self->events = g_array_new (FALSE, TRUE, sizeof (Event));
  g_array_set_clear_func (self->events, (GDestroyNotify) event_clear);
  return self;
}

void
ppv_watch_manifest_free (PpvWatchManifest *self)
{
  if (self == NULL)
    return;
  g_free (self->uri);
  g_free (self->kind);
  g_array_unref (self->events);
  g_free (self);
}

const char *
ppv_watch_manifest_get_uri (PpvWatchManifest *self)
{
  return self->uri;
}

const char *
ppv_watch_manifest_get_kind (PpvWatchManifest *self)
{
  return self->kind;
}

guint
ppv_watch_manifest_get_interval (PpvWatchManifest *self)
{
  return self->interval;
}

gint64
ppv_watch_manifest_get_start_time (PpvWatchManifest *self)
{
  return self->start_time_us;
}

void
ppv_watch_manifest_add_event (PpvWatchManifest  *self,
                              PpvWatchEventKind  kind,
                              gint64             time_us,
                              guint              index,
                              const char        *text)
{
  Event event = { kind, time_us, index, g_strdup (text) };

  g_return_if_fail (self != NULL);
  g_return_if_fail (kind <= PPV_WATCH_EVENT_RESTART);

  g_array_append_val (self->events, event);
}

guint
ppv_watch_manifest_get_n_events (PpvWatchManifest *self)
{
  return self->events->len;
}

PpvWatchEventKind
ppv_watch_manifest_get_event (PpvWatchManifest  *self,
                              guint              position,
                              gint64            *time_us,
                              guint             *index,
                              const char       **text)
{
  const Event *event;

  g_return_val_if_fail (position < self->events->len, PPV_WATCH_EVENT_GAP);

  event = &g_array_index (self->events, Event, position);
  if (time_us != NULL)
    *time_us = event->time_us;
  if (index != NULL)
    *index = event->index;
  if (text != NULL)
    *text = event->text;
  return event->kind;
}

GBytes *
ppv_watch_manifest_to_bytes (PpvWatchManifest *self)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *started = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_utc (self->start_time_us / G_USEC_PER_SEC);
  gsize len = 0;
  char *data;

  g_return_val_if_fail (self != NULL, NULL);

  g_key_file_set_string (file, GROUP_WATCH, "uri", self->uri);
  g_key_file_set_string (file, GROUP_WATCH, "kind", self->kind);
  g_key_file_set_uint64 (file, GROUP_WATCH, "interval", self->interval);
  g_key_file_set_int64 (file, GROUP_WATCH, "start", self->start_time_us);
  /* For a person reading the folder; "start" is what is read back. */
  started = start != NULL ? g_date_time_format_iso8601 (start) : NULL;
  if (started != NULL)
    g_key_file_set_string (file, GROUP_WATCH, "started", started);

  for (guint i = 0; i < self->events->len; i++)
    {
      const Event *event = &g_array_index (self->events, Event, i);
      g_autofree char *group = g_strdup_printf (EVENT_PREFIX "%u", i + 1);

      g_key_file_set_string (file, group, "kind", event_names[event->kind]);
      g_key_file_set_int64 (file, group, "time", event->time_us);
      if (event->kind != PPV_WATCH_EVENT_GAP)
        g_key_file_set_uint64 (file, group, "index", event->index);
      if (event->text != NULL)
        g_key_file_set_string (file, group, event->kind == PPV_WATCH_EVENT_GAP ? "message" : "file",
                               event->text);
    }

  data = g_key_file_to_data (file, &len, NULL);
  return g_bytes_new_take (data, len);
}

gboolean
ppv_watch_manifest_save (PpvWatchManifest  *self,
                         const char        *directory,
                         GError           **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (directory != NULL, FALSE);

  path = g_build_filename (directory, PPV_WATCH_MANIFEST_NAME, NULL);
  bytes = ppv_watch_manifest_to_bytes (self);
  return ppv_write_file_atomically_full (path, bytes, PPV_WRITE_FILE_PRIVATE, NULL, error);
}

/* "event N" in N's order; other groups ("watch") first. */
static guint64
event_number (const char *group)
{
  if (!g_str_has_prefix (group, EVENT_PREFIX))
    return 0;
  return g_ascii_strtoull (group + strlen (EVENT_PREFIX), NULL, 10);
}

static int
compare_event_groups (gconstpointer a,
                      gconstpointer b)
{
  guint64 na = event_number (*(const char **) a);
  guint64 nb = event_number (*(const char **) b);

  return na < nb ? -1 : na > nb;
}

PpvWatchManifest *
ppv_watch_manifest_load (const char  *directory,
                         GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = g_build_filename (directory, PPV_WATCH_MANIFEST_NAME, NULL);
  g_autoptr(PpvWatchManifest) self = NULL;
  g_autofree char *uri = NULL;
  g_auto(GStrv) groups = NULL;
  GError *local_error = NULL;
  guint64 interval;
  gint64 start;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s: %s", path, local_error->message);
          g_error_free (local_error);
          return NULL;
        }
      g_propagate_prefixed_error (error, local_error, "%s: ", path);
      return NULL;
    }

  uri = g_key_file_get_string (file, GROUP_WATCH, "uri", &local_error);
  if (uri == NULL)
    {
      g_propagate_prefixed_error (error, local_error, "%s: ", path);
      return NULL;
    }
  interval = g_key_file_get_uint64 (file, GROUP_WATCH, "interval", NULL);
  start = g_key_file_get_int64 (file, GROUP_WATCH, "start", NULL);
  self = ppv_watch_manifest_new (uri, (guint) MIN (interval, PPV_WATCH_INTERVAL_MAX), start);

  groups = g_key_file_get_groups (file, NULL);
  qsort (groups, g_strv_length (groups), sizeof (char *), compare_event_groups);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *kind = NULL;
      g_autofree char *text = NULL;
      guint which;

      if (!g_str_has_prefix (groups[i], EVENT_PREFIX))
        continue;
      kind = g_key_file_get_string (file, groups[i], "kind", NULL);
      for (which = 0; which < G_N_ELEMENTS (event_names); which++)
        if (g_strcmp0 (kind, event_names[which]) == 0)
          break;
      /* A later version's event kinds are skipped, not fatal. */
      if (which == G_N_ELEMENTS (event_names))
        continue;
      text = g_key_file_get_string (file, groups[i], which == PPV_WATCH_EVENT_GAP ? "message" : "file",
                                    NULL);
      ppv_watch_manifest_add_event (self, which,
                                    g_key_file_get_int64 (file, groups[i], "time", NULL),
                                    (guint) g_key_file_get_uint64 (file, groups[i], "index", NULL),
                                    text);
    }

  return g_steal_pointer (&self);
}
