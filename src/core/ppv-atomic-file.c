/* ppv-atomic-file.c — replacing a file all at once or not at all: write a temporary file, rename it over the target.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "ppv-atomic-file.h"

static gboolean
fail (GError     **error,
      const char  *path,
      int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "%s: %s", display, g_strerror (saved_errno));

  return FALSE;
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len,
           int          *saved_errno)
{
  while (len > 0)
    {
      gssize n = write (fd, data, MIN (len, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          *saved_errno = errno;
          return FALSE;
        }

      data += n;
      len -= n;
    }

  return TRUE;
}

gboolean
ppv_write_file_atomically (const char  *path,
                           GBytes      *bytes,
                           GError     **error)
{
  return ppv_write_file_atomically_full (path, bytes, PPV_WRITE_FILE_NONE, NULL, error);
}

gboolean
ppv_write_file_atomically_full (const char         *path,
                                GBytes             *bytes,
                                PpvWriteFileFlags   flags,
                                GCancellable       *cancellable,
                                GError            **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *tmp_name = NULL;
  const guint8 *data;
  gsize len = 0;
  struct stat st;
  int saved_errno = 0;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (path[0] == '\0' || g_str_has_suffix (path, G_DIR_SEPARATOR_S))
    return fail (error, path, EISDIR);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);

  /* Hidden, in the same directory (rename() cannot cross file systems),
   * and short enough for NAME_MAX whatever the target's name. */
  tmp_name = g_strdup_printf (".%.40s.XXXXXX", base);
  tmp_path = g_build_filename (dir, tmp_name, NULL);

  /* Private from the start, so no other user can open it in between;
   * otherwise 0666 minus the umask, like any new file. */
  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC,
                       (flags & PPV_WRITE_FILE_PRIVATE) ? 0600 : 0666);
  if (fd < 0)
    return fail (error, path, errno);

  if (!(flags & PPV_WRITE_FILE_PRIVATE) && stat (path, &st) == 0 && S_ISREG (st.st_mode))
    {
      /* Best effort: keep the permissions of the file being replaced. */
      if (fchmod (fd, st.st_mode & 07777) != 0)
        g_debug ("%s: could not copy permissions: %s", path, g_strerror (errno));
    }

  data = g_bytes_get_data (bytes, &len);

  if (!write_all (fd, data, len, &saved_errno))
    goto failed;

  if (fsync (fd) != 0)
    {
      saved_errno = errno;
      goto failed;
    }

  if (close (fd) != 0)
    {
      fd = -1;
      saved_errno = errno;
      goto failed;
    }
  fd = -1;

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_unlink (tmp_path);
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return FALSE;
    }

  if (rename (tmp_path, path) != 0)
    {
      saved_errno = errno;
      goto failed;
    }

  /* Make the rename itself durable; failing here changes nothing. */
  fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }

  return TRUE;

failed:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp_path);

  return fail (error, path, saved_errno);
}

typedef struct
{
  char              *path;
  GBytes            *bytes;
  PpvWriteFileFlags  flags;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_free (data->path);
  g_bytes_unref (data->bytes);
  g_free (data);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;

  if (ppv_write_file_atomically_full (data->path, data->bytes, data->flags, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
ppv_write_file_atomically_async (const char          *path,
                                 GBytes              *bytes,
                                 PpvWriteFileFlags    flags,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (path != NULL);
  g_return_if_fail (bytes != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (WriteData, 1);
  data->path = g_strdup (path);
  data->bytes = g_bytes_ref (bytes);
  data->flags = flags;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ppv_write_file_atomically_async);
  /* Report what happened to the file: a cancel that comes after the
   * rename does not undo it. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
ppv_write_file_atomically_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ppv_write_file_atomically_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
