/* ppv-atomic-file.c — write to a temporary file, then rename over the
 * target, so an export never leaves a half-written file.
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
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (path[0] == '\0' || g_str_has_suffix (path, G_DIR_SEPARATOR_S))
    return fail (error, path, EISDIR);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);

  /* Hidden, in the same directory (rename() cannot cross file systems),
   * and short enough for NAME_MAX whatever the target's name. */
  tmp_name = g_strdup_printf (".%.40s.XXXXXX", base);
  tmp_path = g_build_filename (dir, tmp_name, NULL);

  /* 0666 minus the umask, like any new file. */
  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return fail (error, path, errno);

  if (stat (path, &st) == 0 && S_ISREG (st.st_mode))
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
