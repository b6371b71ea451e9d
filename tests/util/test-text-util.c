/* test-text-util.c — HTML sniffing and byte limits, shared by the reader and the fetcher.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ppv-text-util.h"

static gboolean
is_html (const char *text)
{
  return ppv_looks_like_html ((const guint8 *) text, strlen (text));
}

static void
test_html (void)
{
  /* Go's /debug/pprof/ index, a proxy's error page, a login form. */
  g_assert_true (is_html ("<html>\n<head>\n<title>/debug/pprof/</title>"));
  g_assert_true (is_html ("\n  <!DOCTYPE html><html><body>Proxy error</body></html>\n"));
  g_assert_true (is_html ("\xEF\xBB\xBF<!doctype HTML>"));
  g_assert_true (is_html ("<HEAD><title>Login</title></HEAD>"));
  /* The giveaway after a comment, as long as it is in the first KiB. */
  g_assert_true (is_html ("<!-- generated --><body>Sign in</body>"));

  /* Profiles and other documents. */
  g_assert_false (is_html ("\x1f\x8b\x08\x00"));
  g_assert_false (is_html ("heap profile: 1: 2 [3: 4] @ heap/1048576\n"));
  g_assert_false (is_html ("<?xml version=\"1.0\"?><svg></svg>"));
  g_assert_false (is_html ("<!doctype"));   /* no "html" after it */
  g_assert_false (is_html ("   \n\t"));
  g_assert_false (ppv_looks_like_html (NULL, 0));

  {
    g_autofree char *padding = g_strnfill (1100, 'x');
    g_autofree char *late = g_strdup_printf ("<!--%s--><html>", padding);

    g_assert_false (is_html (late));
  }
}

static void
test_byte_limit (void)
{
  struct { guint64 bytes; const char *text; } cases[] = {
    { 0, "0 bytes" },
    { 1, "1 bytes" },
    { 1000, "1000 bytes" },
    { 1023, "1023 bytes" },
    { 1024, "1 KiB" },
    { 100 * 1024, "100 KiB" },
    { 1536, "1536 bytes" },
    { G_GUINT64_CONSTANT (1) << 20, "1 MiB" },
    { 3 * 1024 * 1024 + 1024, "3073 KiB" },
    { G_GUINT64_CONSTANT (256) << 20, "256 MiB" },
    { G_GUINT64_CONSTANT (4) << 30, "4 GiB" },
    { G_GUINT64_CONSTANT (2) << 40, "2 TiB" },
    { G_GUINT64_CONSTANT (2048) << 40, "2048 TiB" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = ppv_format_byte_limit (cases[i].bytes);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppv/core/text-util/html", test_html);
  g_test_add_func ("/ppv/core/text-util/byte-limit", test_byte_limit);

  return g_test_run ();
}
