/* test-app-support.c — the window's helpers without a window: settings fallback, kept profiles, loading.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "ppv-app-settings.h"
#include "ppv-profile-archive.h"
#include "ppv-fetch-error.h"
#include "ppv-profile-loader.h"
#include "ppv-request.h"

static char *tmp_dir;
static gboolean expect_schema;

static void
test_settings_defaults (void)
{
  g_autofree char *last_view = NULL;

  g_assert_true ((ppv_app_settings_get_default () != NULL) == expect_schema);

  g_assert_cmpint (ppv_app_settings_get_int ("window-width"), ==, 1100);
  g_assert_cmpint (ppv_app_settings_get_int ("window-height"), ==, 760);
  g_assert_false (ppv_app_settings_get_boolean ("window-maximized"));
  g_assert_cmpint (ppv_app_settings_get_int ("cpu-profile-seconds"), ==, 30);
  g_assert_cmpint (ppv_app_settings_get_int ("graph-node-count"), ==, 80);
  last_view = ppv_app_settings_dup_string ("last-view");
  g_assert_cmpstr (last_view, ==, "top");
}

static void
test_settings_round_trip (void)
{
  g_autofree char *last_view = NULL;

  ppv_app_settings_set_int ("window-width", 900);
  ppv_app_settings_set_boolean ("window-maximized", TRUE);
  ppv_app_settings_set_string ("last-view", "graph");
  g_assert_cmpint (ppv_app_settings_get_int ("window-width"), ==, 900);
  g_assert_true (ppv_app_settings_get_boolean ("window-maximized"));
  last_view = ppv_app_settings_dup_string ("last-view");
  g_assert_cmpstr (last_view, ==, "graph");

  /* Every view's page can be the one reopened, for goroutine profiles too. */
  for (guint i = 0; i < 8; i++)
    {
      const char * const pages[] = { "flame", "callers", "goroutines", "labels" };
      const char *key = i < 4 ? "last-view" : "last-goroutine-view";
      g_autofree char *stored = NULL;

      ppv_app_settings_set_string (key, pages[i % 4]);
      stored = ppv_app_settings_dup_string (key);
      g_assert_cmpstr (stored, ==, pages[i % 4]);
    }

  /* With the schema installed the value really is in GSettings. */
  if (expect_schema)
    g_assert_cmpint (g_settings_get_int (ppv_app_settings_get_default (), "window-width"), ==, 900);
}

static void
test_recent_sources (void)
{
  g_auto(GStrv) list = NULL;

  ppv_app_settings_add_recent_source ("localhost:6060");
  ppv_app_settings_add_recent_source ("/tmp/heap.pb.gz");
  ppv_app_settings_add_recent_source ("localhost:6060");
  ppv_app_settings_add_recent_source ("");
  list = ppv_app_settings_dup_recent_sources ();
  g_assert_cmpuint (g_strv_length (list), ==, 2);
  g_assert_cmpstr (list[0], ==, "localhost:6060");
  g_assert_cmpstr (list[1], ==, "/tmp/heap.pb.gz");
  g_clear_pointer (&list, g_strfreev);

  for (guint i = 0; i < PPV_MAX_RECENT_SOURCES + 5; i++)
    {
      g_autofree char *source = g_strdup_printf ("host%u:6060", i);

      ppv_app_settings_add_recent_source (source);
    }
  list = ppv_app_settings_dup_recent_sources ();
  g_assert_cmpuint (g_strv_length (list), ==, PPV_MAX_RECENT_SOURCES);
  g_assert_cmpstr (list[0], ==, "host24:6060");
  g_assert_cmpstr (list[PPV_MAX_RECENT_SOURCES - 1], ==, "host5:6060");
}

typedef struct
{
  const char     *text;
  PpvRequestKind  kind;
  const char     *uri;            /* or the path, for files */
  const char     *display_name;
  const char     *address;
  guint           seconds;
} RequestCase;

static void
test_request_from_text (void)
{
  static const RequestCase cases[] = {
    { "localhost:6060", PPV_REQUEST_INDEX, "http://localhost:6060/debug/pprof/",
      "localhost:6060", "localhost:6060", 0 },
    { "  127.0.0.1:6060/debug/pprof/ ", PPV_REQUEST_INDEX, "http://127.0.0.1:6060/debug/pprof/",
      "127.0.0.1:6060", "127.0.0.1:6060", 0 },
    { "localhost:6060/debug/pprof/heap", PPV_REQUEST_PROFILE, "http://localhost:6060/debug/pprof/heap",
      "localhost:6060/debug/pprof/heap", "localhost:6060/debug/pprof/heap", 0 },
    { "http://10.0.0.5:8080/debug/pprof/profile", PPV_REQUEST_PROFILE,
      "http://10.0.0.5:8080/debug/pprof/profile", "10.0.0.5:8080/debug/pprof/profile",
      "10.0.0.5:8080/debug/pprof/profile", 30 },
    { "h:1/debug/pprof/profile?seconds=5", PPV_REQUEST_PROFILE, "http://h:1/debug/pprof/profile?seconds=5",
      "h:1/debug/pprof/profile", "h:1/debug/pprof/profile?seconds=5", 5 },
    { "https://h:1/debug/pprof/", PPV_REQUEST_INDEX, "https://h:1/debug/pprof/",
      "h:1", "https://h:1/debug/pprof/", 0 },
    { "heap.pb.gz", PPV_REQUEST_FILE, "/srv/profiles/heap.pb.gz", "heap.pb.gz",
      "/srv/profiles/heap.pb.gz", 0 },
    { "/tmp/cpu.pprof", PPV_REQUEST_FILE, "/tmp/cpu.pprof", "cpu.pprof", "/tmp/cpu.pprof", 0 },
    { "file:///tmp/a%20b.pb.gz", PPV_REQUEST_FILE, "/tmp/a b.pb.gz", "a b.pb.gz", "/tmp/a b.pb.gz", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const RequestCase *c = &cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(PpvRequest) request = ppv_request_new_for_text (c->text, "/srv/profiles", &error);

      g_test_message ("%s", c->text);
      g_assert_no_error (error);
      g_assert_nonnull (request);
      g_assert_cmpint (request->kind, ==, c->kind);
      if (c->kind == PPV_REQUEST_FILE)
        {
          g_autofree char *path = g_file_get_path (request->file);

          g_assert_cmpstr (path, ==, c->uri);
        }
      else
        {
          g_assert_cmpstr (request->uri, ==, c->uri);
        }
      g_assert_cmpstr (request->display_name, ==, c->display_name);
      g_assert_cmpstr (request->address, ==, c->address);
      g_assert_cmpuint (request->seconds, ==, c->seconds);
      g_assert_true (request->remember);
    }
}

static void
test_request_home_and_errors (void)
{
  static const char *bad[] = { "ftp://example.org/heap", "-", "" };
  g_autoptr(PpvRequest) request = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected = g_build_filename (g_get_home_dir (), "heap.pb.gz", NULL);

  request = ppv_request_new_for_text ("~/heap.pb.gz", NULL, NULL);
  g_assert_nonnull (request);
  path = g_file_get_path (request->file);
  g_assert_cmpstr (path, ==, expected);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PpvRequest) none = ppv_request_new_for_text (bad[i], NULL, &error);

      g_test_message ("%s: %s", bad[i], error != NULL ? error->message : "(no error)");
      g_assert_null (none);
      g_assert_error (error, PPV_FETCH_ERROR, PPV_FETCH_ERROR_INVALID_SOURCE);
      g_assert_nonnull (strchr (error->message, ':'));
    }
}

static void
save_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GFile **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = ppv_profile_archive_save_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*out);
}

static GFile *
save_and_wait (GBytes     *bytes,
               const char *name)
{
  GFile *file = NULL;

  ppv_profile_archive_save_async (bytes, name, NULL, save_done, &file);
  while (file == NULL)
    g_main_context_iteration (NULL, TRUE);
  return file;
}

static void
test_archive_keeps_every_fetch (void)
{
  static const char payload[] = "\x1f\x8b not really gzip";
  g_autoptr(GBytes) bytes = g_bytes_new_static (payload, sizeof payload - 1);
  g_autofree char *directory = ppv_profile_archive_dup_directory ();
  g_autofree char *expected_dir = g_build_filename (tmp_dir, "data", "pprof-viewer", "profiles", NULL);
  const char *name = "localhost_6060.heap.20260105-103207.pb.gz";
  g_autoptr(GFile) first = NULL;
  g_autoptr(GFile) second = NULL;
  g_autofree char *first_base = NULL;
  g_autofree char *second_base = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  GStatBuf st;

  g_assert_cmpstr (directory, ==, expected_dir);

  first = save_and_wait (bytes, name);
  second = save_and_wait (bytes, name);
  first_base = g_file_get_basename (first);
  second_base = g_file_get_basename (second);

  /* The same second twice: both kept, neither overwritten. */
  g_assert_cmpstr (first_base, ==, name);
  g_assert_cmpstr (second_base, ==, "localhost_6060.heap.20260105-103207-2.pb.gz");

  g_assert_true (g_file_load_contents (second, NULL, &contents, &length, NULL, NULL));
  g_assert_cmpmem (contents, length, payload, sizeof payload - 1);

  /* Profiles can hold secrets (function names, labels): private folder. */
  g_assert_cmpint (g_stat (directory, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
}

typedef struct
{
  PpvProfile *profile;
  GBytes     *bytes;
  GError     *error;
  gboolean    done;
} LoadResult;

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LoadResult *r = user_data;

  r->profile = ppv_profile_loader_finish (result, &r->bytes, &r->error);
  r->done = TRUE;
}

static void
load_and_wait (GFile        *file,
               const char   *source,
               GCancellable *cancellable,
               LoadResult   *r)
{
  ppv_profile_loader_load_file_async (file, source, cancellable, load_done, r);
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_loader_missing_file (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "nosuch.pb.gz", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LoadResult r = { 0, };

  load_and_wait (file, "nosuch.pb.gz", NULL, &r);
  g_assert_null (r.profile);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (r.error->message, ==, "nosuch.pb.gz: no such file");
  g_clear_error (&r.error);
}

static void
test_loader_folder (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (tmp_dir);
  LoadResult r = { 0, };

  load_and_wait (file, "tmp", NULL, &r);
  g_assert_null (r.profile);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_cmpstr (r.error->message, ==, "tmp: is a folder, not a profile file");
  g_clear_error (&r.error);
}

static void
test_loader_cancelled (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (PPV_TEST_FIXTURE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LoadResult r = { 0, };

  g_cancellable_cancel (cancellable);
  load_and_wait (file, "heap.pb.gz", cancellable, &r);
  g_assert_null (r.profile);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&r.error);
}

static void
test_loader_reads_fixture (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (PPV_TEST_FIXTURE);
  g_autofree char *contents = NULL;
  gsize length;
  LoadResult r = { 0, };

  load_and_wait (file, "heap.pb.gz", NULL, &r);
  g_assert_no_error (r.error);
  g_assert_nonnull (r.profile);
  g_assert_cmpuint (r.profile->n_samples, >, 0);
  g_assert_cmpuint (r.profile->n_sample_types, ==, 4);

  /* The raw bytes come back unchanged, for Save Profile As…. */
  g_assert_true (g_file_get_contents (PPV_TEST_FIXTURE, &contents, &length, NULL));
  g_assert_cmpmem (g_bytes_get_data (r.bytes, NULL), g_bytes_get_size (r.bytes), contents, length);

  ppv_profile_unref (r.profile);
  g_bytes_unref (r.bytes);
}

static void
delete_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          delete_tree (child);
        }
    }
  g_remove (path);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = NULL;
  int status;

  tmp_dir = g_dir_make_tmp ("ppv-app-support-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  data_home = g_build_filename (tmp_dir, "data", NULL);
  /* Before GLib caches the user data folder. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  expect_schema = g_getenv ("GSETTINGS_SCHEMA_DIR") != NULL
                  && g_strcmp0 (g_getenv ("PPV_TEST_NO_SCHEMA"), "1") != 0;
  if (!expect_schema)
    {
      /* Hide every installed copy of the schema. */
      g_setenv ("GSETTINGS_SCHEMA_DIR", tmp_dir, TRUE);
      g_setenv ("XDG_DATA_DIRS", tmp_dir, TRUE);
    }

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppv/ui-window/settings/defaults", test_settings_defaults);
  g_test_add_func ("/ppv/ui-window/settings/round-trip", test_settings_round_trip);
  g_test_add_func ("/ppv/ui-window/settings/recent-sources", test_recent_sources);
  g_test_add_func ("/ppv/ui-window/request/from-text", test_request_from_text);
  g_test_add_func ("/ppv/ui-window/request/home-and-errors", test_request_home_and_errors);
  g_test_add_func ("/ppv/ui-window/archive/keeps-every-fetch", test_archive_keeps_every_fetch);
  g_test_add_func ("/ppv/ui-window/loader/missing-file", test_loader_missing_file);
  g_test_add_func ("/ppv/ui-window/loader/folder", test_loader_folder);
  g_test_add_func ("/ppv/ui-window/loader/cancelled", test_loader_cancelled);
  g_test_add_func ("/ppv/ui-window/loader/reads-fixture", test_loader_reads_fixture);

  status = g_test_run ();

  delete_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
