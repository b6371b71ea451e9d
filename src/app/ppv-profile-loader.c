/* ppv-profile-loader.c — reads and decodes profiles in a worker thread.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "ppv-error.h"
#include "ppv-profile-loader.h"
#include "ppv-reader.h"

typedef struct
{
  GFile      *file;
  GBytes     *bytes;
  char       *source;
  PpvProfile *profile;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_clear_pointer (&data->profile, ppv_profile_unref);
  g_free (data->source);
  g_free (data);
}

/* GIO's own messages are neither one sentence nor do they start with the
 * source name; say the same thing our way, keeping the error code. */
static void
set_file_error (GError    **error,
                const char *source,
                GError     *io_error)
{
  const char *what;

  if (io_error->domain != G_IO_ERROR)
    {
      g_set_error (error, io_error->domain, io_error->code,
                   _("%s: could not be read (%s)"), source, io_error->message);
      return;
    }

  switch (io_error->code)
    {
    case G_IO_ERROR_NOT_FOUND:
      what = _("%s: no such file");
      break;
    case G_IO_ERROR_PERMISSION_DENIED:
      what = _("%s: permission denied");
      break;
    case G_IO_ERROR_IS_DIRECTORY:
      what = _("%s: is a folder, not a profile file");
      break;
    default:
      g_set_error (error, G_IO_ERROR, io_error->code,
                   _("%s: could not be read (%s)"), source, io_error->message);
      return;
    }

  g_set_error (error, G_IO_ERROR, io_error->code, what, source);
}

static GBytes *
read_file (GFile        *file,
           const char   *source,
           GCancellable *cancellable,
           GError      **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_file_error (error, source, local_error);
      return NULL;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("%s: is a folder, not a profile file"), source);
      return NULL;
    }

  if (g_file_info_get_size (info) > PPV_MAX_FILE_SIZE)
    {
      g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_TOO_LARGE,
                   _("%s: the file is larger than 1 GiB"), source);
      return NULL;
    }

  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_file_error (error, source, local_error);
      return NULL;
    }

  return bytes;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;

  if (data->bytes == NULL)
    {
      data->bytes = read_file (data->file, data->source, cancellable, &error);
      if (data->bytes == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  data->profile = ppv_profile_read_bytes (data->bytes, data->source, NULL, cancellable, &error);
  if (data->profile == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* A cancel that lands after decoding still wins: the caller has moved on. */
  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_boolean (task, TRUE);
}

static void
start (LoadData            *data,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, ppv_profile_loader_finish);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, load_thread);
}

void
ppv_profile_loader_load_file_async (GFile               *file,
                                    const char          *source,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  LoadData *data;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (source != NULL);

  data = g_new0 (LoadData, 1);
  data->file = g_object_ref (file);
  data->source = g_strdup (source);
  start (data, cancellable, callback, user_data);
}

void
ppv_profile_loader_decode_bytes_async (GBytes              *bytes,
                                       const char          *source,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  LoadData *data;

  g_return_if_fail (bytes != NULL);
  g_return_if_fail (source != NULL);

  data = g_new0 (LoadData, 1);
  data->bytes = g_bytes_ref (bytes);
  data->source = g_strdup (source);
  start (data, cancellable, callback, user_data);
}

PpvProfile *
ppv_profile_loader_finish (GAsyncResult  *result,
                           GBytes       **raw_bytes,
                           GError       **error)
{
  LoadData *data;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  data = g_task_get_task_data (G_TASK (result));
  if (raw_bytes != NULL)
    *raw_bytes = g_bytes_ref (data->bytes);
  return ppv_profile_ref (data->profile);
}
