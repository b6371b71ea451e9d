/* test-demangle.c — C++ names as pprof prints them, against pprof's own demangler.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ppv-demangle.h"
#include "ppv-reader.h"

/* data/demangle.tsv: every name of data/demangle-names.txt and what the
 * demangler vendored in Go 1.19's pprof prints for it in the four modes
 * (data/regenerate-demangle.sh).  A name it cannot read is given back. */
static void
test_reference (void)
{
  g_autofree char *path = g_build_filename (PPV_TEST_DATA_DIR, "demangle.tsv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint checked = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);

      if (lines[i][0] == '\0')
        continue;
      g_assert_cmpuint (g_strv_length (f), ==, 5);
      for (PpvDemangle mode = PPV_DEMANGLE_DEFAULT; mode <= PPV_DEMANGLE_NONE; mode++)
        {
          g_autofree char *got = ppv_demangle (f[0], mode);

          if (got == NULL)
            got = g_strdup (f[0]);
          if (g_strcmp0 (got, f[mode + 1]) != 0)
            g_error ("%s in mode %d: \"%s\", pprof prints \"%s\"", f[0], mode, got, f[mode + 1]);
          checked++;
        }
    }
  g_assert_cmpuint (checked, >=, 4 * 50);
}

static void
check_function (const char  *name,
                const char  *system_name,
                PpvDemangle  mode,
                const char  *want)
{
  g_autofree char *got = ppv_demangle_function (name, system_name, mode);

  g_assert_cmpstr (got ? got : name, ==, want);
}

/* pprof's demangleSingleFunction: what is not mangled but looks like a
 * demangled C++ name loses its parameters and template arguments. */
static void
test_function_names (void)
{
  const char *appended = "std::__1::basic_string<char>::append(char const*, unsigned long)";

  check_function ("_ZN3foo3BarC2ERKSs", "_ZN3foo3BarC2ERKSs", PPV_DEMANGLE_DEFAULT, "foo::Bar::Bar");
  check_function (appended, appended, PPV_DEMANGLE_DEFAULT, "std::__1::basic_string::append");
  check_function (appended, appended, PPV_DEMANGLE_TEMPLATES, "std::__1::basic_string<char>::append");
  check_function (appended, appended, PPV_DEMANGLE_FULL, appended);
  /* Go names stay as they are, generics and methods included. */
  check_function ("main.(*T).M", "main.(*T).M", PPV_DEMANGLE_DEFAULT, "main.(*T).M");
  check_function ("main.Map[...]", "main.Map[...]", PPV_DEMANGLE_DEFAULT, "main.Map[...]");
  check_function ("main.(*List[...]).Push", "main.(*List[...]).Push", PPV_DEMANGLE_DEFAULT,
                  "main.(*List[...]).Push");
  check_function ("java.util.Foo.<init>", "java.util.Foo.<init>", PPV_DEMANGLE_DEFAULT,
                  "java.util.Foo.<init>");
  /* An unmatched ')' leaves the name alone. */
  check_function ("a::b)(c", "a::b)(c", PPV_DEMANGLE_DEFAULT, "a::b)(c");
  check_function ("a::b<c<d>>::e<f>(g)", "a::b<c<d>>::e<f>(g)", PPV_DEMANGLE_DEFAULT, "a::b::e");
  /* A name its producer demangled is kept, unless a mode is asked for. */
  check_function ("foo::Bar::baz(int) const", "_ZNK3foo3Bar3bazEi", PPV_DEMANGLE_DEFAULT,
                  "foo::Bar::baz(int) const");
  check_function ("foo::Bar::baz(int) const", "_ZNK3foo3Bar3bazEi", PPV_DEMANGLE_TEMPLATES,
                  "foo::Bar::baz");
  check_function ("", "_ZN3foo3barEv", PPV_DEMANGLE_DEFAULT, "foo::bar");
  /* Truncated or hostile: given back. */
  check_function ("_ZN3foo", "_ZN3foo", PPV_DEMANGLE_DEFAULT, "_ZN3foo");
  check_function ("_ZS9_", "_ZS9_", PPV_DEMANGLE_FULL, "_ZS9_");
}

/* Deep nesting must not exhaust the stack. */
static void
test_deep_names (void)
{
  GString *s = g_string_new ("_Z1f");
  g_autofree char *got = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (s, 'P');
  g_string_append_c (s, 'i');
  got = ppv_demangle (s->str, PPV_DEMANGLE_FULL);
  g_assert_null (got);
  g_string_free (s, TRUE);
}

/* Reading applies it to every function; --symbolize=none does not. */
static void
test_read (void)
{
  g_autofree char *path = g_build_filename (PPV_FIXTURES_DIR, "profiles", "cpp.pb.gz", NULL);
  PpvReadLimits none = { .symbolize = PPV_SYMBOLIZE_NONE };
  PpvReadLimits full = { .demangle = PPV_DEMANGLE_FULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) named = ppv_profile_read_path (path, NULL, NULL, &error);
  g_autoptr(PpvProfile) raw = ppv_profile_read_path (path, &none, NULL, &error);
  g_autoptr(PpvProfile) all = ppv_profile_read_path (path, &full, NULL, &error);
  gboolean seen = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (named->n_functions, ==, raw->n_functions);
  for (guint32 f = 0; f < raw->n_functions; f++)
    {
      if (strcmp (raw->functions[f].name, "_ZN3foo3BarC2ERKSs") != 0)
        continue;
      seen = TRUE;
      g_assert_cmpstr (named->functions[f].name, ==, "foo::Bar::Bar");
      g_assert_cmpstr (all->functions[f].name, ==, "foo::Bar::Bar(std::string const&)");
      /* The full name stays reachable. */
      g_assert_cmpstr (named->functions[f].system_name, ==, "_ZN3foo3BarC2ERKSs");
    }
  g_assert_true (seen);
  g_assert_cmpuint (named->n_samples, ==, raw->n_samples);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppv/core/demangle/reference", test_reference);
  g_test_add_func ("/ppv/core/demangle/function-names", test_function_names);
  g_test_add_func ("/ppv/core/demangle/deep", test_deep_names);
  g_test_add_func ("/ppv/core/demangle/read", test_read);

  return g_test_run ();
}
