/* ppv-document.c — one thing loaded into a tab: a profile (from a file or a server) or a server's list of profiles.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "ppv-document.h"
#include "ppv-endpoint-index.h"
#include "ppv-profile-archive.h"
#include "ppv-profile-loader.h"
#include "ppv-source.h"

struct _PpvDocument
{
  GObject       parent_instance;

  PpvRequest   *request;
  GCancellable *cancellable;
  PpvFetcher   *fetcher;         /* while a fetch runs */
  gulong        progress_id;

  PpvProfile   *profile;
  GBytes       *bytes;
  GListModel   *endpoints;
  GFile        *kept_file;
  GDateTime    *loaded_at;
  char         *kind_label;
  char         *subtitle;
};

G_DEFINE_FINAL_TYPE (PpvDocument, ppv_document, G_TYPE_OBJECT)

enum {
  SIGNAL_PROGRESS,
  SIGNAL_DECODING,
  SIGNAL_KEPT,
  SIGNAL_KEEP_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- Labels -------------------------------------------------------------- */

static const struct {
  const char *endpoint;   /* Go's /debug/pprof/ name */
  const char *label;
  const char *short_name; /* for tabs: what people call it */
} endpoint_kinds[] = {
  { "profile",      N_("CPU profile"),             "cpu" },
  { "heap",         N_("Heap profile"),            "heap" },
  { "allocs",       N_("Allocations profile"),     "allocs" },
  { "goroutine",    N_("Goroutine profile"),       "goroutine" },
  { "block",        N_("Block profile"),           "block" },
  { "mutex",        N_("Mutex profile"),           "mutex" },
  { "threadcreate", N_("Thread creation profile"), "threadcreate" },
};

/* The endpoint the profile came from, else what its period type says. */
static const char *
guess_endpoint (PpvProfile *profile,
                PpvRequest *request)
{
  const char *period = profile->period_type.type;

  if (request->profile_name != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (endpoint_kinds); i++)
        if (g_str_equal (request->profile_name, endpoint_kinds[i].endpoint))
          return endpoint_kinds[i].endpoint;
    }

  if (g_strcmp0 (period, "cpu") == 0)
    return "profile";
  if (g_strcmp0 (period, "space") == 0)
    return g_strcmp0 (profile->default_sample_type, "alloc_space") == 0 ? "allocs" : "heap";
  if (g_strcmp0 (period, "goroutine") == 0)
    return "goroutine";
  if (g_strcmp0 (period, "threadcreate") == 0)
    return "threadcreate";

  return NULL;
}

static char *
dup_kind_label (PpvProfile *profile,
                PpvRequest *request)
{
  const char *endpoint = guess_endpoint (profile, request);

  for (guint i = 0; endpoint != NULL && i < G_N_ELEMENTS (endpoint_kinds); i++)
    if (g_str_equal (endpoint, endpoint_kinds[i].endpoint))
      return g_strdup (_(endpoint_kinds[i].label));

  if (g_strcmp0 (profile->period_type.type, "contentions") == 0)
    return g_strdup (_("Contention profile"));

  if (profile->n_sample_types > 0)
    /* Translators: %s is a sample type such as "samples" or "delay". */
    return g_strdup_printf (_("%s profile"), profile->sample_types[profile->n_sample_types - 1].type);

  return g_strdup (_("Profile"));
}

/* "Heap profile · 2026-01-05 10:32:07", "CPU profile · 30 s · …". */
static char *
dup_subtitle (PpvProfile *profile,
              const char *kind)
{
  GString *subtitle = g_string_new (kind);

  if (profile->duration_nanos > 0)
    {
      double seconds = profile->duration_nanos / 1e9;

      if (seconds >= 1)
        g_string_append_printf (subtitle, " · %.0f s", seconds);
      else
        g_string_append_printf (subtitle, " · %.0f ms", seconds * 1000);
    }

  if (profile->time_nanos > 0)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (profile->time_nanos / 1000000000);

      if (time != NULL)
        {
          g_autofree char *text = g_date_time_format (time, "%Y-%m-%d %H:%M:%S");

          g_string_append_printf (subtitle, " · %s", text);
        }
    }

  return g_string_free (subtitle, FALSE);
}

/* host:port for what came from a server, the file name for a file. */
static char *
dup_short_source (PpvRequest *request)
{
  if (request->uri != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (request->uri, G_URI_FLAGS_NONE, NULL);

      if (uri != NULL && g_uri_get_host (uri) != NULL)
        {
          if (g_uri_get_port (uri) > 0)
            return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
          return g_strdup (g_uri_get_host (uri));
        }
    }

  return g_strdup (request->display_name);
}

char *
ppv_document_dup_tab_title (PpvDocument *self)
{
  g_autofree char *source = NULL;
  const char *endpoint;
  const char *kind = NULL;

  g_return_val_if_fail (PPV_IS_DOCUMENT (self), NULL);

  source = dup_short_source (self->request);
  if (self->profile == NULL)
    return g_steal_pointer (&source);

  endpoint = guess_endpoint (self->profile, self->request);
  for (guint i = 0; endpoint != NULL && i < G_N_ELEMENTS (endpoint_kinds); i++)
    if (g_str_equal (endpoint, endpoint_kinds[i].endpoint))
      kind = endpoint_kinds[i].short_name;
  if (kind == NULL && self->profile->n_sample_types > 0)
    kind = self->profile->sample_types[self->profile->n_sample_types - 1].type;
  if (kind == NULL)
    return g_steal_pointer (&source);

  return g_strdup_printf ("%s · %s", kind, source);
}

char *
ppv_document_dup_tooltip (PpvDocument *self)
{
  PpvRequest *request;
  g_autofree char *path = NULL;
  g_autofree char *when = NULL;
  const char *source;

  g_return_val_if_fail (PPV_IS_DOCUMENT (self), NULL);

  request = self->request;
  if (request->file != NULL)
    path = g_file_get_path (request->file);
  source = path != NULL ? path : request->uri != NULL ? request->uri : request->address;

  if (self->loaded_at == NULL)
    return g_strdup (source);

  when = g_date_time_format (self->loaded_at, "%Y-%m-%d %H:%M:%S");
  if (request->kind == PPV_REQUEST_PASTE)
    /* Translators: a tab's tooltip: a date and time. */
    return g_strdup_printf (_("Pasted from the clipboard\n%s"), when);
  if (request->kind == PPV_REQUEST_FILE)
    /* Translators: a tab's tooltip: the file's path, then a date and time. */
    return g_strdup_printf (_("%s\nOpened %s"), source, when);
  /* Translators: a tab's tooltip: the URL, then a date and time. */
  return g_strdup_printf (_("%s\nFetched %s"), source, when);
}

/* --- Loading ------------------------------------------------------------- */

static void
stop_listening (PpvDocument *self)
{
  if (self->fetcher != NULL)
    g_clear_signal_handler (&self->progress_id, self->fetcher);
  g_clear_object (&self->fetcher);
}

static void
loaded (GTask *task)
{
  PpvDocument *self = g_task_get_source_object (task);

  stop_listening (self);
  self->loaded_at = g_date_time_new_now_local ();
  if (self->profile != NULL)
    {
      self->kind_label = dup_kind_label (self->profile, self->request);
      self->subtitle = dup_subtitle (self->profile, self->kind_label);
    }
  g_task_return_boolean (task, TRUE);
}

static void
failed (GTask  *task,
        GError *error)
{
  PpvDocument *self = g_task_get_source_object (task);

  stop_listening (self);
  g_task_return_error (task, error);
}

static void
profile_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PpvDocument *self = g_task_get_source_object (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  PpvProfile *profile;

  profile = ppv_profile_loader_finish (result, &bytes, &error);
  if (profile == NULL)
    {
      failed (task, error);
      return;
    }

  self->profile = profile;
  self->bytes = g_steal_pointer (&bytes);
  loaded (task);
}

static void
archive_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PpvDocument) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  file = ppv_profile_archive_save_finish (result, &error);
  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = NULL;

          if (self->request->kind == PPV_REQUEST_PASTE)
            message = g_strdup_printf (_("The pasted text could not be kept: %s"), error->message);
          else
            message = g_strdup_printf (_("The fetched profile could not be kept: %s"), error->message);

          g_signal_emit (self, signals[SIGNAL_KEEP_FAILED], 0, message);
        }
      return;
    }

  g_debug ("Kept %s as %s", self->request->display_name, g_file_peek_path (file));
  g_set_object (&self->kept_file, file);
  g_signal_emit (self, signals[SIGNAL_KEPT], 0, file);
}

static void
profile_fetched_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PpvDocument *self = g_task_get_source_object (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *save_name = NULL;
  GError *error = NULL;

  bytes = ppv_fetcher_fetch_finish (PPV_FETCHER (object), result, NULL, NULL, &error);
  if (bytes == NULL)
    {
      failed (task, error);
      return;
    }
  stop_listening (self);

  /* Nothing lost: keep the bytes as fetched, before decoding, so even a
   * profile this version cannot read stays on disk.  Not cancellable: a
   * later Cancel or a closed tab should not lose what already arrived. */
  save_name = ppv_source_dup_save_name (self->request->uri, NULL);
  ppv_profile_archive_save_async (bytes, save_name, NULL, archive_saved_cb, g_object_ref (self));

  g_signal_emit (self, signals[SIGNAL_DECODING], 0);
  ppv_profile_loader_decode_bytes_async (bytes, self->request->display_name, self->cancellable,
                                         profile_loaded_cb, g_steal_pointer (&task));
}

static void
index_fetched_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PpvDocument *self = g_task_get_source_object (task);
  GError *error = NULL;

  self->endpoints = ppv_fetcher_list_endpoints_finish (PPV_FETCHER (object), result, &error);
  if (self->endpoints == NULL)
    failed (task, error);
  else
    loaded (task);
}

static void
fetch_progress_cb (PpvDocument *self,
                   const char  *uri,
                   guint64      received,
                   gint64       expected)
{
  if (g_strcmp0 (self->request->uri, uri) == 0)
    g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, received, expected);
}

void
ppv_document_load_async (PpvDocument         *self,
                         PpvFetcher          *fetcher,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PpvRequest *request;

  g_return_if_fail (PPV_IS_DOCUMENT (self));
  g_return_if_fail (PPV_IS_FETCHER (fetcher));
  g_return_if_fail (self->fetcher == NULL && self->loaded_at == NULL);

  request = self->request;
  task = g_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (task, ppv_document_load_async);
  /* Results come back through the task, not its cancellable: the loaders
   * return G_IO_ERROR_CANCELLED themselves. */
  g_task_set_check_cancellable (task, FALSE);

  if (request->kind == PPV_REQUEST_PASTE)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
      g_autofree char *save_name = g_strdup_printf ("clipboard-%s.txt", stamp);

      /* Nothing lost: the text is kept as pasted, as a fetch is. */
      ppv_profile_archive_save_async (request->bytes, save_name, NULL, archive_saved_cb, g_object_ref (self));
      self->profile = ppv_profile_ref (request->profile);
      self->bytes = g_bytes_ref (request->bytes);
      loaded (task);
      return;
    }

  if (request->kind == PPV_REQUEST_FILE)
    {
      ppv_profile_loader_load_file_async (request->file, request->display_name, self->cancellable,
                                          profile_loaded_cb, g_steal_pointer (&task));
      return;
    }

  self->fetcher = g_object_ref (fetcher);
  self->progress_id = g_signal_connect_object (fetcher, "progress", G_CALLBACK (fetch_progress_cb),
                                               self, G_CONNECT_SWAPPED);
  g_object_set (fetcher, "insecure", request->insecure, NULL);

  if (request->kind == PPV_REQUEST_INDEX)
    ppv_fetcher_list_endpoints_async (fetcher, request->uri, self->cancellable,
                                      index_fetched_cb, g_steal_pointer (&task));
  else
    ppv_fetcher_fetch_async (fetcher, request->uri, self->cancellable,
                             profile_fetched_cb, g_steal_pointer (&task));
}

gboolean
ppv_document_load_finish (PpvDocument   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (PPV_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
ppv_document_cancel (PpvDocument *self)
{
  g_return_if_fail (PPV_IS_DOCUMENT (self));

  g_cancellable_cancel (self->cancellable);
}

/* --- Accessors ----------------------------------------------------------- */

PpvRequest *
ppv_document_get_request (PpvDocument *self)
{
  g_return_val_if_fail (PPV_IS_DOCUMENT (self), NULL);
  return self->request;
}

PpvProfile *
ppv_document_get_profile (PpvDocument *self)
{
  g_return_val_if_fail (PPV_IS_DOCUMENT (self), NULL);
  return self->profile;
}

GBytes *
ppv_document_get_bytes (PpvDocument *self)
{
  g_return_val_if_fail (PPV_IS_DOCUMENT (self), NULL);
  return self->bytes;
}

GListModel *
ppv_document_get_endpoints (PpvDocument *self)
{
  g_return_val_if_fail (PPV_IS_DOCUMENT (self), NULL);
  return self->endpoints;
}

GFile *
ppv_document_get_kept_file (PpvDocument *self)
{
  g_return_val_if_fail (PPV_IS_DOCUMENT (self), NULL);
  return self->kept_file;
}

GDateTime *
ppv_document_get_loaded_at (PpvDocument *self)
{
  g_return_val_if_fail (PPV_IS_DOCUMENT (self), NULL);
  return self->loaded_at;
}

const char *
ppv_document_get_title (PpvDocument *self)
{
  g_return_val_if_fail (PPV_IS_DOCUMENT (self), NULL);
  return self->request->display_name;
}

const char *
ppv_document_get_kind_label (PpvDocument *self)
{
  g_return_val_if_fail (PPV_IS_DOCUMENT (self), NULL);
  return self->kind_label;
}

const char *
ppv_document_get_subtitle (PpvDocument *self)
{
  g_return_val_if_fail (PPV_IS_DOCUMENT (self), NULL);
  return self->subtitle;
}

/* --- GObject ------------------------------------------------------------- */

static void
ppv_document_dispose (GObject *object)
{
  PpvDocument *self = PPV_DOCUMENT (object);

  g_cancellable_cancel (self->cancellable);
  stop_listening (self);

  G_OBJECT_CLASS (ppv_document_parent_class)->dispose (object);
}

static void
ppv_document_finalize (GObject *object)
{
  PpvDocument *self = PPV_DOCUMENT (object);

  g_clear_pointer (&self->request, ppv_request_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->profile, ppv_profile_unref);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_object (&self->endpoints);
  g_clear_object (&self->kept_file);
  g_clear_pointer (&self->loaded_at, g_date_time_unref);
  g_free (self->kind_label);
  g_free (self->subtitle);

  G_OBJECT_CLASS (ppv_document_parent_class)->finalize (object);
}

static void
ppv_document_class_init (PpvDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ppv_document_dispose;
  object_class->finalize = ppv_document_finalize;

  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_INT64);
  signals[SIGNAL_DECODING] =
    g_signal_new ("decoding", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[SIGNAL_KEPT] =
    g_signal_new ("kept", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);
  signals[SIGNAL_KEEP_FAILED] =
    g_signal_new ("keep-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ppv_document_init (PpvDocument *self)
{
  self->cancellable = g_cancellable_new ();
}

PpvDocument *
ppv_document_new (PpvRequest *request)
{
  PpvDocument *self;

  g_return_val_if_fail (request != NULL, NULL);

  self = g_object_new (PPV_TYPE_DOCUMENT, NULL);
  self->request = ppv_request_ref (request);
  return self;
}
