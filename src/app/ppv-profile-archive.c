/* ppv-profile-archive.c — keeps a copy of every fetched profile under the user's data folder.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ppv-profile-archive.h"

#include "ppv-atomic-file.h"
#include "ppv-watch-session.h"

char *
ppv_profile_archive_dup_directory (void)
{
  /* One definition for the window and the CLI's watch sessions. */
  return ppv_kept_profiles_dup_directory ();
}

static GMutex save_lock;

typedef struct
{
  GBytes *bytes;
  char   *name;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_bytes_unref (data->bytes);
  g_free (data->name);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  g_autofree char *directory = ppv_profile_archive_dup_directory ();
  g_autofree char *base = NULL;
  g_autofree char *path = NULL;
  const char *suffix;
  GError *error = NULL;

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("%s: could not create the folder (%s)"),
                               directory, g_strerror (saved_errno));
      return;
    }

  /* Two fetches within one second must not overwrite each other, even
   * from two windows at once: pick the name and write under one lock. */
  g_mutex_lock (&save_lock);
  if (g_str_has_suffix (data->name, ".pb.gz"))
    suffix = ".pb.gz";
  else if (g_str_has_suffix (data->name, ".pb"))
    suffix = ".pb";
  else
    suffix = "";
  base = g_strndup (data->name, strlen (data->name) - strlen (suffix));
  for (guint i = 1; i < 1000; i++)
    {
      g_autofree char *name = i == 1 ? g_strdup (data->name)
                                     : g_strdup_printf ("%s-%u%s", base, i, suffix);
      g_autofree char *candidate = g_build_filename (directory, name, NULL);

      if (!g_file_test (candidate, G_FILE_TEST_EXISTS))
        {
          path = g_steal_pointer (&candidate);
          break;
        }
    }

  if (path == NULL)
    {
      g_mutex_unlock (&save_lock);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                               _("%s: too many profiles with the same name"), data->name);
      return;
    }

  /* Its messages start with the path already. */
  if (!ppv_write_file_atomically_full (path, data->bytes, PPV_WRITE_FILE_PRIVATE,
                                       cancellable, &error))
    {
      g_mutex_unlock (&save_lock);
      g_task_return_error (task, error);
      return;
    }

  g_mutex_unlock (&save_lock);
  g_task_return_pointer (task, g_file_new_for_path (path), g_object_unref);
}

void
ppv_profile_archive_save_async (GBytes              *bytes,
                                const char          *file_name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (bytes != NULL);
  g_return_if_fail (file_name != NULL && *file_name != '\0' && strchr (file_name, '/') == NULL);

  data = g_new0 (SaveData, 1);
  data->bytes = g_bytes_ref (bytes);
  data->name = g_strdup (file_name);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ppv_profile_archive_save_async);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

GFile *
ppv_profile_archive_save_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
