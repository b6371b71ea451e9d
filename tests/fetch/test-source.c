/* test-source.c — classifying what a user types, pprof's URL shorthand, index URIs and save names.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-fetch-error.h"
#include "ppv-source.h"

static void
test_classify (void)
{
  static const struct { const char *text; PpvSourceKind kind; } cases[] = {
    { "localhost:6060", PPV_SOURCE_KIND_REMOTE },
    { "127.0.0.1:6060", PPV_SOURCE_KIND_REMOTE },
    { "[::1]:6060", PPV_SOURCE_KIND_REMOTE },
    { "my-service.svc:6060/debug/pprof/heap", PPV_SOURCE_KIND_REMOTE },
    { "http://localhost:6060/debug/pprof/heap", PPV_SOURCE_KIND_REMOTE },
    { "HTTPS://example.com", PPV_SOURCE_KIND_REMOTE },
    { "https+insecure://10.0.0.5:8443/debug/pprof/heap", PPV_SOURCE_KIND_REMOTE },
    { "  localhost:6060\n", PPV_SOURCE_KIND_REMOTE },
    { "heap.pb.gz", PPV_SOURCE_KIND_FILE },
    { "/tmp/heap.pb.gz", PPV_SOURCE_KIND_FILE },
    { "profiles/cpu.pb.gz", PPV_SOURCE_KIND_FILE },
    { "./odd:name.pb.gz", PPV_SOURCE_KIND_FILE },
    { "/tmp/host:6060", PPV_SOURCE_KIND_FILE },
    { "a:b.pb.gz", PPV_SOURCE_KIND_FILE },           /* no valid port: Go opens it as a file */
    { "localhost", PPV_SOURCE_KIND_FILE },
    { "-", PPV_SOURCE_KIND_FILE },
    { "file:///tmp/heap.pb.gz", PPV_SOURCE_KIND_FILE },
    { "", PPV_SOURCE_KIND_INVALID },
    { "   ", PPV_SOURCE_KIND_INVALID },
    { "ftp://example.com/heap", PPV_SOURCE_KIND_INVALID },
    { "http://", PPV_SOURCE_KIND_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("classify \"%s\"", cases[i].text);
      g_assert_cmpint (ppv_source_classify (cases[i].text), ==, cases[i].kind);
    }
  g_assert_cmpint (ppv_source_classify (NULL), ==, PPV_SOURCE_KIND_INVALID);
}

static void
test_to_uri (void)
{
  static const struct { const char *text; int seconds; const char *uri; gboolean insecure; } cases[] = {
    /* cmd/pprof adjustURL: empty path or "/" means the CPU profile. */
    { "localhost:6060", 0, "http://localhost:6060/debug/pprof/profile", FALSE },
    { "localhost:6060/", 0, "http://localhost:6060/debug/pprof/profile", FALSE },
    { "localhost:6060", 5, "http://localhost:6060/debug/pprof/profile?seconds=5", FALSE },
    { "127.0.0.1:6060/debug/pprof/heap", 0, "http://127.0.0.1:6060/debug/pprof/heap", FALSE },
    { "[::1]:6060", 0, "http://[::1]:6060/debug/pprof/profile", FALSE },
    { "https://example.com", 0, "https://example.com/debug/pprof/profile", FALSE },
    { "http://h:1/debug/pprof/profile?seconds=30&x=1", 10,
      "http://h:1/debug/pprof/profile?x=1&seconds=10", FALSE },
    { "http://h:1/debug/pprof/profile?seconds=30", -1,
      "http://h:1/debug/pprof/profile?seconds=30", FALSE },
    { "http://h:1/debug/pprof/heap?gc=1#frag", 0, "http://h:1/debug/pprof/heap?gc=1", FALSE },
    { " https+insecure://h:8443/debug/pprof/heap ", 0, "https://h:8443/debug/pprof/heap", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean insecure = !cases[i].insecure;
      g_autofree char *uri = ppv_source_to_uri (cases[i].text, cases[i].seconds, &insecure, &error);

      g_test_message ("to_uri \"%s\"", cases[i].text);
      g_assert_no_error (error);
      g_assert_cmpstr (uri, ==, cases[i].uri);
      g_assert_cmpint (insecure, ==, cases[i].insecure);
    }
}

static void
test_to_uri_errors (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (ppv_source_to_uri ("heap.pb.gz", 0, NULL, &error));
  g_assert_error (error, PPV_FETCH_ERROR, PPV_FETCH_ERROR_INVALID_SOURCE);
  g_assert_cmpstr (error->message, ==,
                   "heap.pb.gz: not a network address (expected host:port or an http(s) URL)");
  g_clear_error (&error);

  g_assert_null (ppv_source_to_uri ("ftp://example.com/heap", 0, NULL, &error));
  g_assert_error (error, PPV_FETCH_ERROR, PPV_FETCH_ERROR_INVALID_SOURCE);
  g_assert_cmpstr (error->message, ==,
                   "ftp://example.com/heap: unsupported address (only http and https are fetched)");
  g_clear_error (&error);

  g_assert_null (ppv_source_to_index_uri ("", NULL, &error));
  g_assert_error (error, PPV_FETCH_ERROR, PPV_FETCH_ERROR_INVALID_SOURCE);
}

static void
test_index_uri (void)
{
  static const struct { const char *text; const char *uri; } cases[] = {
    { "localhost:6060", "http://localhost:6060/debug/pprof/" },
    { "localhost:6060/debug/pprof/heap?debug=1", "http://localhost:6060/debug/pprof/" },
    { "h:1/app/debug/pprof/heap", "http://h:1/app/debug/pprof/" },
    { "https://example.com/metrics", "https://example.com/debug/pprof/" },
    { "https+insecure://example.com:8443", "https://example.com:8443/debug/pprof/" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *uri = ppv_source_to_index_uri (cases[i].text, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (uri, ==, cases[i].uri);
    }
}

static void
test_names (void)
{
  g_autofree char *a = ppv_source_dup_authority ("http://localhost:6060/debug/pprof/heap");
  g_autofree char *b = ppv_source_dup_authority ("https://example.com/x");
  g_autofree char *c = ppv_source_dup_authority ("http://[::1]:6060/");
  g_autofree char *d = ppv_source_dup_display_name ("http://localhost:6060/debug/pprof/heap?debug=1");

  g_assert_cmpstr (a, ==, "localhost:6060");
  g_assert_cmpstr (b, ==, "example.com");
  g_assert_cmpstr (c, ==, "[::1]:6060");
  g_assert_cmpstr (d, ==, "localhost:6060/debug/pprof/heap");
}

static void
test_save_name (void)
{
  static const struct { const char *uri; const char *name; } cases[] = {
    { "http://localhost:6060/debug/pprof/heap", "localhost_6060.heap.20260125-143005.pb.gz" },
    { "http://localhost:6060/debug/pprof/profile?seconds=30", "localhost_6060.cpu.20260125-143005.pb.gz" },
    { "http://10.0.0.5:6060/debug/pprof/allocs?seconds=10", "10.0.0.5_6060.allocs-delta.20260125-143005.pb.gz" },
    { "https://example.com/debug/pprof/goroutine", "example.com_443.goroutine.20260125-143005.pb.gz" },
    { "http://example.com/debug/pprof/my%20profile", "example.com_80.my-profile.20260125-143005.pb.gz" },
    { "http://[::1]:6060/debug/pprof/mutex", "--1_6060.mutex.20260125-143005.pb.gz" },
    { "http://localhost:6060/debug/pprof/goroutine?debug=2", "localhost_6060.goroutine-debug2.20260125-143005.txt" },
    { "http://localhost:6060/debug/pprof/goroutine?debug=0", "localhost_6060.goroutine.20260125-143005.pb.gz" },
  };
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) when = g_date_time_new (utc, 2026, 1, 25, 14, 30, 5);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = ppv_source_dup_save_name (cases[i].uri, when);

      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

static void
test_dup_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = ppv_source_dup_path ("file:///tmp/heap%20one.pb.gz", &error);
  g_autofree char *b = ppv_source_dup_path (" heap.pb.gz ", &error);
  g_autofree char *c = ppv_source_dup_path ("-", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, "/tmp/heap one.pb.gz");
  g_assert_cmpstr (b, ==, "heap.pb.gz");
  g_assert_cmpstr (c, ==, "-");

  g_assert_null (ppv_source_dup_path ("localhost:6060", &error));
  g_assert_error (error, PPV_FETCH_ERROR, PPV_FETCH_ERROR_INVALID_SOURCE);
  g_assert_cmpstr (error->message, ==, "localhost:6060: not a local file");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppv/fetch/source/classify", test_classify);
  g_test_add_func ("/ppv/fetch/source/to-uri", test_to_uri);
  g_test_add_func ("/ppv/fetch/source/to-uri-errors", test_to_uri_errors);
  g_test_add_func ("/ppv/fetch/source/index-uri", test_index_uri);
  g_test_add_func ("/ppv/fetch/source/names", test_names);
  g_test_add_func ("/ppv/fetch/source/save-name", test_save_name);
  g_test_add_func ("/ppv/fetch/source/dup-path", test_dup_path);

  return g_test_run ();
}
