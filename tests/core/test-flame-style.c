/* test-flame-style.c — flame graph names and colours.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ppv-flame-style.h"

static void
test_package_name (void)
{
  static const struct { const char *name, *package; } cases[] = {
    { "runtime.main", "runtime" },
    { "github.com/a/b.(*T).M", "github.com/a/b" },
    { "some.url.com/foo.bar", "some.url.com/foo" },
    { "std::vector<int>::push_back", "std" },
    { "main", "" },
    { "[libfake.so.1]", "" },
    { "<unknown>", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *package = ppv_flame_package_name (cases[i].name);
      g_assert_cmpstr (package, ==, cases[i].package);
    }
}

static void
test_hue (void)
{
  /* pprof's flame graph: main -> 176.25°, runtime -> 7.43°. */
  g_assert_cmpfloat_with_epsilon (ppv_flame_package_hue ("main"), 176.25, 0.01);
  g_assert_cmpfloat_with_epsilon (ppv_flame_package_hue ("runtime"), 7.43, 0.01);
}

static void
test_colors (void)
{
  guint8 light[3], dark[3], inlined[3], other[3];

  ppv_flame_box_color ("main.foo", FALSE, FALSE, light);
  ppv_flame_box_color ("main.foo", FALSE, TRUE, dark);
  ppv_flame_box_color ("main.foo", TRUE, FALSE, inlined);
  ppv_flame_box_color ("runtime.main", FALSE, FALSE, other);

  /* Light boxes are light, dark ones dark; inlined differs; packages differ. */
  g_assert_cmpuint (light[0] + light[1] + light[2], >, 3 * 160);
  g_assert_cmpuint (dark[0] + dark[1] + dark[2], <, 3 * 110);
  g_assert_true (memcmp (light, inlined, 3) != 0);
  g_assert_true (memcmp (light, other, 3) != 0);
}

static void
test_short_names (void)
{
  g_auto(GStrv) go = ppv_flame_short_names ("github.com/a/b.(*T).M");
  g_auto(GStrv) cpp = ppv_flame_short_names ("std::vector::push_back");
  const char *go_expected[] = { "github.com/a/b.(*T).M", "b.(*T).M", "(*T).M", "M", NULL };
  const char *cpp_expected[] = { "std::vector::push_back", "vector::push_back", "push_back", NULL };

  g_assert_true (g_strv_equal ((const char * const *) go, go_expected));
  g_assert_true (g_strv_equal ((const char * const *) cpp, cpp_expected));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ppv/core/flame-style/package-name", test_package_name);
  g_test_add_func ("/ppv/core/flame-style/hue", test_hue);
  g_test_add_func ("/ppv/core/flame-style/colors", test_colors);
  g_test_add_func ("/ppv/core/flame-style/short-names", test_short_names);
  return g_test_run ();
}
