/* test-atomic-file.c — exports and kept copies replace files whole or not at all.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "ppv-atomic-file.h"

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("ppv-atomic-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* The names in @dir, sorted, joined by spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  if (d != NULL)
    {
      while ((name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
assert_content (const char *path,
                const char *expected)
{
  g_autofree char *content = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &content, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (content, ==, expected);
}

static void
test_new_and_replace (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "graph.svg", NULL);
  g_autoptr(GBytes) first = g_bytes_new_static ("<svg>first</svg>", 16);
  g_autoptr(GBytes) second = g_bytes_new_static ("<svg>2</svg>", 12);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  struct stat st;

  g_assert_true (ppv_write_file_atomically (path, first, &error));
  g_assert_no_error (error);
  assert_content (path, "<svg>first</svg>");

  /* Replacing keeps the old file's permission bits. */
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_true (ppv_write_file_atomically (path, second, &error));
  g_assert_no_error (error);
  assert_content (path, "<svg>2</svg>");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);

  g_assert_true (ppv_write_file_atomically (path, empty, &error));
  assert_content (path, "");

  /* No temporary file is left next to it. */
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "graph.svg");

  remove_tree (dir);
}

static void
test_missing_dir (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "no", "such", "graph.svg", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  g_assert_false (ppv_write_file_atomically (path, bytes, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_true (g_str_has_suffix (error->message, ": No such file or directory"));

  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "");
  remove_tree (dir);
}

static void
test_parent_is_file (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *file = g_build_filename (dir, "file", NULL);
  g_autofree char *path = g_build_filename (file, "graph.svg", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  g_assert_true (g_file_set_contents (file, "keep", -1, NULL));
  g_assert_false (ppv_write_file_atomically (path, bytes, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  assert_content (file, "keep");

  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "file");
  remove_tree (dir);
}

static void
test_target_is_dir (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *target = g_build_filename (dir, "graph.svg", NULL);
  g_autofree char *inside = g_build_filename (target, "keep", NULL);
  g_autofree char *with_slash = g_strconcat (dir, "/", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  g_assert_cmpint (g_mkdir (target, 0755), ==, 0);
  g_assert_true (g_file_set_contents (inside, "keep", -1, NULL));

  g_assert_false (ppv_write_file_atomically (target, bytes, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_DIR));
  assert_content (inside, "keep");
  g_clear_error (&error);

  g_assert_false (ppv_write_file_atomically (with_slash, bytes, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);

  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "graph.svg");
  remove_tree (dir);
}

/* A directory this process may not write to.  As root, permissions do not
 * apply, so the writer (a subprocess) drops to "nobody" first. */
static void
unwritable_dir_child (void)
{
  const char *path = g_getenv ("PPV_TEST_PATH");
  g_autoptr(GBytes) bytes = g_bytes_new_static ("new content", 11);
  g_autoptr(GError) error = NULL;

  if (!g_test_subprocess ())
    {
      g_test_skip ("only runs as a subprocess");
      return;
    }

  if (geteuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
    g_error ("could not drop to nobody: %s", g_strerror (errno));

  g_assert_false (ppv_write_file_atomically (path, bytes, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_true (g_str_has_suffix (error->message, ": Permission denied"));
}

static void
test_unwritable_dir (void)
{
  g_autofree char *base = make_dir ();
  g_autofree char *dir = g_build_filename (base, "ro", NULL);
  g_autofree char *path = g_build_filename (dir, "graph.svg", NULL);
  g_autofree char *listing = NULL;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, "old content", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (base, 0755), ==, 0);
  if (geteuid () != 0)
    g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  g_setenv ("PPV_TEST_PATH", path, TRUE);
  g_test_trap_subprocess ("/ppv/core/atomic-file/unwritable-dir/child", 0, 0);
  g_test_trap_assert_passed ();

  assert_content (path, "old content");
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "graph.svg");

  g_chmod (dir, 0755);
  remove_tree (base);
}

/* A write that fails half-way (over the file size limit: EFBIG) leaves
 * the old file as it was and no temporary file. */
static void
write_fails_midway_child (void)
{
  const char *path = g_getenv ("PPV_TEST_PATH");
  g_autofree char *big = g_strnfill (1024 * 1024, 'x');
  g_autoptr(GBytes) bytes = g_bytes_new (big, 1024 * 1024);
  g_autoptr(GError) error = NULL;
  struct rlimit limit = { 64 * 1024, 64 * 1024 };

  if (!g_test_subprocess ())
    {
      g_test_skip ("only runs as a subprocess");
      return;
    }

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  g_assert_false (ppv_write_file_atomically (path, bytes, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_true (g_str_has_suffix (error->message, ": File too large"));
}

static void
test_write_fails_midway (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "graph.svg", NULL);
  g_autofree char *listing = NULL;

  g_assert_true (g_file_set_contents (path, "old content", -1, NULL));

  g_setenv ("PPV_TEST_PATH", path, TRUE);
  g_test_trap_subprocess ("/ppv/core/atomic-file/write-fails-midway/child", 0, 0);
  g_test_trap_assert_passed ();

  assert_content (path, "old content");
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "graph.svg");
  remove_tree (dir);
}

/* Kept copies of fetched profiles: 0600 whatever the umask, and also
 * when they replace a file that others could read. */
static void
test_private (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "heap.pb.gz", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("profile", 7);
  g_autoptr(GError) error = NULL;
  mode_t old_umask = umask (0);
  struct stat st;

  g_assert_true (ppv_write_file_atomically_full (path, bytes, PPV_WRITE_FILE_PRIVATE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_true (ppv_write_file_atomically_full (path, bytes, PPV_WRITE_FILE_PRIVATE, NULL, &error));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Without the flag a new file follows the umask (0 here). */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_true (ppv_write_file_atomically (path, bytes, &error));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0666);

  umask (old_umask);
  assert_content (path, "profile");
  remove_tree (dir);
}

static void
test_cancelled (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "graph.svg", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("new", 3);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (ppv_write_file_atomically_full (path, bytes, PPV_WRITE_FILE_NONE,
                                                  cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  assert_content (path, "old");
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "graph.svg");
  remove_tree (dir);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} AsyncResult;

static void
async_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->ok = ppv_write_file_atomically_finish (result, &r->error);
  r->done = TRUE;
}

static AsyncResult
write_and_wait (const char   *path,
                GBytes       *bytes,
                GCancellable *cancellable)
{
  AsyncResult r = { FALSE, FALSE, NULL };

  ppv_write_file_atomically_async (path, bytes, PPV_WRITE_FILE_NONE, cancellable,
                                   async_done, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (r.ok == (r.error == NULL));
  return r;
}

static void
test_async (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "saved.pb.gz", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "saved.pb.gz", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("bytes", 5);
  g_autoptr(GBytes) other = g_bytes_new_static ("other", 5);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncResult r;

  r = write_and_wait (path, bytes, NULL);
  g_assert_true (r.ok);
  assert_content (path, "bytes");

  r = write_and_wait (missing, bytes, NULL);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (r.error->message, missing));
  g_clear_error (&r.error);

  g_cancellable_cancel (cancellable);
  r = write_and_wait (path, other, cancellable);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&r.error);
  assert_content (path, "bytes");

  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppv/core/atomic-file/new-and-replace", test_new_and_replace);
  g_test_add_func ("/ppv/core/atomic-file/missing-dir", test_missing_dir);
  g_test_add_func ("/ppv/core/atomic-file/parent-is-file", test_parent_is_file);
  g_test_add_func ("/ppv/core/atomic-file/target-is-dir", test_target_is_dir);
  g_test_add_func ("/ppv/core/atomic-file/unwritable-dir", test_unwritable_dir);
  g_test_add_func ("/ppv/core/atomic-file/unwritable-dir/child", unwritable_dir_child);
  g_test_add_func ("/ppv/core/atomic-file/write-fails-midway", test_write_fails_midway);
  g_test_add_func ("/ppv/core/atomic-file/write-fails-midway/child", write_fails_midway_child);
  g_test_add_func ("/ppv/core/atomic-file/private", test_private);
  g_test_add_func ("/ppv/core/atomic-file/cancelled", test_cancelled);
  g_test_add_func ("/ppv/core/atomic-file/async", test_async);

  return g_test_run ();
}
