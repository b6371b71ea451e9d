/* test-endpoint-index.c — parsing /debug/pprof/ index pages of several Go versions, and junk.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ppv-endpoint-index.h"

#define BASE "http://127.0.0.1:6060/debug/pprof/"

static GBytes *
load_capture (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("PPV_GO_CAPTURE_DIR"), name, NULL);
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static GListModel *
parse_text (const char  *html,
            const char  *base,
            GError     **error)
{
  return ppv_endpoint_index_parse (html, strlen (html), base, error);
}

static PpvEndpoint *
find (GListModel *endpoints,
      const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (endpoints); i++)
    {
      g_autoptr(PpvEndpoint) endpoint = g_list_model_get_item (endpoints, i);

      if (g_strcmp0 (ppv_endpoint_get_name (endpoint), name) == 0)
        return endpoint;
    }
  g_error ("no endpoint %s", name);
}

/* go-index.html was saved from a Go 1.19 net/http/pprof server by
 * tests/ui-window/data/capture.go. */
static void
test_go_page (void)
{
  static const char *names[] = {
    "allocs", "block", "cmdline", "goroutine", "heap", "mutex", "profile", "threadcreate", "trace",
  };
  static const gint64 counts[] = { 7, 0, 0, 6, 7, 0, 0, 7, 0 };
  g_autoptr(GBytes) page = load_capture ("go-index.html");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) endpoints = NULL;
  g_autofree char *heap_uri = NULL;
  g_autofree char *cpu_uri = NULL;
  g_autofree char *dump_uri = NULL;
  g_autofree char *delta_uri = NULL;
  PpvEndpoint *heap;
  gsize length;
  const char *html = g_bytes_get_data (page, &length);

  endpoints = ppv_endpoint_index_parse (html, length, BASE, &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (endpoints) == PPV_TYPE_ENDPOINT);
  g_assert_cmpuint (g_list_model_get_n_items (endpoints), ==, G_N_ELEMENTS (names));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(PpvEndpoint) endpoint = g_list_model_get_item (endpoints, i);
      g_autofree char *href = g_strdup_printf (BASE "%s?debug=1", names[i]);

      g_assert_cmpstr (ppv_endpoint_get_name (endpoint), ==, names[i]);
      g_assert_cmpint (ppv_endpoint_get_count (endpoint), ==, counts[i]);
      g_assert_cmpstr (ppv_endpoint_get_href (endpoint), ==, href);
      g_assert_cmpstr (ppv_endpoint_get_description (endpoint), !=, "");
    }

  heap = find (endpoints, "heap");
  g_assert_cmpstr (ppv_endpoint_get_description (heap), ==,
                   "A sampling of memory allocations of live objects. You can specify the gc "
                   "GET parameter to run GC before taking the heap sample.");
  g_assert_cmpint (ppv_endpoint_get_kind (heap), ==, PPV_ENDPOINT_KIND_SNAPSHOT);
  heap_uri = ppv_endpoint_dup_profile_uri (heap, 0);
  g_assert_cmpstr (heap_uri, ==, BASE "heap");
  delta_uri = ppv_endpoint_dup_profile_uri (find (endpoints, "allocs"), 10);
  g_assert_cmpstr (delta_uri, ==, BASE "allocs?seconds=10");

  g_assert_cmpint (ppv_endpoint_get_kind (find (endpoints, "profile")), ==, PPV_ENDPOINT_KIND_CPU);
  cpu_uri = ppv_endpoint_dup_profile_uri (find (endpoints, "profile"), 15);
  g_assert_cmpstr (cpu_uri, ==, BASE "profile?seconds=15");

  g_assert_cmpint (ppv_endpoint_get_kind (find (endpoints, "trace")), ==, PPV_ENDPOINT_KIND_OTHER);
  g_assert_false (ppv_endpoint_is_profile (find (endpoints, "cmdline")));
  g_assert_null (ppv_endpoint_dup_profile_uri (find (endpoints, "trace"), 0));

  /* The goroutine endpoint offers its full dump too; no other one does. */
  dump_uri = ppv_endpoint_dup_dump_uri (find (endpoints, "goroutine"));
  g_assert_cmpstr (dump_uri, ==, BASE "goroutine?debug=2");
  g_assert_null (ppv_endpoint_dup_dump_uri (heap));
}

/* Newer Go: a debug=1 hint paragraph, escaped text, a custom profile. */
static void
test_newer_page (void)
{
  static const char page[] =
    "<html>\n<head>\n<title>/debug/pprof/</title>\n</head>\n<body>\n/debug/pprof/\n<br>\n"
    "<p>Set debug=1 as a query parameter to export in legacy text format</p>\n<br>\n"
    "Types of profiles available:\n<table>\n"
    "<thead><td>Count</td><td>Profile</td></thead>\n"
    "<tr><td>12</td><td><a href=\"heap?debug=1\">heap</a></td></tr>\n"
    "<tr>\n  <td> 2 </td>\n  <td><a href='my.custom%2Fprofile?debug=1&amp;x=1'>my.custom/profile</a></td>\n</tr>\n"
    "</table>\n<a href=\"goroutine?debug=2\">full goroutine stack dump</a>\n"
    "<ul>\n"
    "<li><div class=profile-name>heap: </div> Live objects &amp; their &#39;stacks&#39;</li>\n"
    "<li><div class=\"profile-name\">my.custom/profile:</div>\n   Our   own\n profile.</li>\n"
    "</ul>\n</body>\n</html>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) endpoints = parse_text (page, "http://h:1/app/debug/pprof/", &error);
  g_autoptr(PpvEndpoint) heap = NULL;
  g_autoptr(PpvEndpoint) custom = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (endpoints), ==, 2);
  heap = g_list_model_get_item (endpoints, 0);
  custom = g_list_model_get_item (endpoints, 1);

  g_assert_cmpint (ppv_endpoint_get_count (heap), ==, 12);
  g_assert_cmpstr (ppv_endpoint_get_href (heap), ==, "http://h:1/app/debug/pprof/heap?debug=1");
  g_assert_cmpstr (ppv_endpoint_get_description (heap), ==, "Live objects & their 'stacks'");

  g_assert_cmpstr (ppv_endpoint_get_name (custom), ==, "my.custom/profile");
  g_assert_cmpint (ppv_endpoint_get_count (custom), ==, 2);
  g_assert_cmpstr (ppv_endpoint_get_href (custom), ==,
                   "http://h:1/app/debug/pprof/my.custom%2Fprofile?debug=1&x=1");
  g_assert_cmpstr (ppv_endpoint_get_description (custom), ==, "Our own profile.");
  g_assert_cmpint (ppv_endpoint_get_kind (custom), ==, PPV_ENDPOINT_KIND_SNAPSHOT);
}

/* Go before 1.16 wrote rows without closing tags and had no descriptions. */
static void
test_old_page (void)
{
  static const char page[] =
    "<html>\n<head>\n<title>/debug/pprof/</title>\n</head>\n<body>\n/debug/pprof/<br>\n<br>\n"
    "profiles:<br>\n<table>\n"
    "<tr><td align=right>3<td><a href=\"allocs?debug=1\">allocs</a>\n"
    "<tr><td align=right>0<td><a href=\"block?debug=1\">block</a>\n"
    "<tr><td align=right>17<td><a href=\"goroutine?debug=1\">goroutine</a>\n"
    "</table>\n<a href=\"goroutine?debug=2\">full goroutine stack dump</a><br>\n</body>\n</html>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) endpoints = parse_text (page, BASE, &error);
  g_autoptr(PpvEndpoint) goroutine = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (endpoints), ==, 3);
  goroutine = g_list_model_get_item (endpoints, 2);
  g_assert_cmpstr (ppv_endpoint_get_name (goroutine), ==, "goroutine");
  g_assert_cmpint (ppv_endpoint_get_count (goroutine), ==, 17);
  g_assert_cmpstr (ppv_endpoint_get_description (goroutine), ==, "");
}

static void
test_not_an_index (void)
{
  static const char *pages[] = {
    "",
    "<html><body><h1>Welcome</h1><a href='/login'>Sign in</a></body></html>",
    "<table><tr><td>1</td><td>no link</td></tr></table>",
    "<tr><td>1<td><a href=''></a>",
    "<tr><td>1<td><a href='x'",
    "\x1f\x8b\x08\x00\xff\xfe binary",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) endpoints = parse_text (pages[i], BASE, &error);

      g_assert_null (endpoints);
      g_assert_error (error, PPV_FETCH_ERROR, PPV_FETCH_ERROR_NOT_AN_INDEX);
      g_assert_cmpstr (error->message, ==,
                       "127.0.0.1:6060: the page lists no profiles (not a /debug/pprof/ index)");
    }
}

/* Embedded NUL bytes and invalid UTF-8 neither crash nor hide the rows. */
static void
test_hostile_bytes (void)
{
  static const char page[] =
    "<table>\0\xff\xfe<tr><td>5</td><td><a href='heap?debug=1'>he\xc3\x28p</a></td></tr>"
    "<tr><td>99999999999999999999999</td><td><a href=allocs>allocs</a></td></tr></table>";
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) endpoints = ppv_endpoint_index_parse (page, sizeof page - 1, BASE, &error);
  g_autoptr(PpvEndpoint) first = NULL;
  g_autoptr(PpvEndpoint) second = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (endpoints), ==, 2);
  first = g_list_model_get_item (endpoints, 0);
  second = g_list_model_get_item (endpoints, 1);
  g_assert_true (g_utf8_validate (ppv_endpoint_get_name (first), -1, NULL));
  g_assert_cmpint (ppv_endpoint_get_count (first), ==, 5);
  g_assert_cmpstr (ppv_endpoint_get_href (second), ==, BASE "allocs");
  g_assert_cmpint (ppv_endpoint_get_count (second), ==, G_MAXINT64);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppv/fetch/endpoint-index/go-page", test_go_page);
  g_test_add_func ("/ppv/fetch/endpoint-index/newer-page", test_newer_page);
  g_test_add_func ("/ppv/fetch/endpoint-index/old-page", test_old_page);
  g_test_add_func ("/ppv/fetch/endpoint-index/not-an-index", test_not_an_index);
  g_test_add_func ("/ppv/fetch/endpoint-index/hostile-bytes", test_hostile_bytes);

  return g_test_run ();
}
