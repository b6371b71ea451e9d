/* test-node-ids.c — node identity: the node tables per granularity, the
 * ids of filtered selections, file cleaning, name ranks and big sorts.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ppv-node-ids.h"
#include "ppv-report.h"
#include "ppv-report-context.h"
#include "ppv-report-private.h"
#include "ppv-test-profile.h"

#define CPU_TYPES "samples/count,cpu/nanoseconds"
#define CPU_STACKS \
  "runtime.main;main.main;main.foo;main.bar 50,500000000\n" \
  "runtime.main;main.main;main.rec;main.rec;main.rec 30,300000000\n" \
  "runtime.main;main.main;main.foo+main.inl 20,200000000\n" \
  "runtime.main;main.main;main.bar;runtime.mallocgc 5,50000000\n" \
  "runtime.main;main.main;main.tiny 1,10000000\n"

static const PpvNodeIds *
ids_of (PpvReport *report)
{
  return _ppv_report_context_get_node_ids (_ppv_report_get_context (report));
}

/* A sort of many rows orders flat ties by name ranks, in two threads on
 * packed keys; a second report reuses the ranks. */
static void
test_big_sort_order (void)
{
  g_autoptr(GString) stacks = g_string_new (NULL);
  g_autoptr(PpvProfile) profile = NULL;

  for (guint i = 0; i < 60000; i++)
    g_string_append_printf (stacks, "main.main;pkg%u.f%u %u\n", (i * 7919) % 61, i, 1 + (i * 31) % 17);
  profile = ppv_test_profile_from_folded ("samples/count", stacks->str);

  for (guint ranked = 0; ranked < 2; ranked++)
    {
      g_autoptr(PpvReport) report = NULL;
      g_autoptr(GError) error = NULL;
      PpvReportOptions options;
      gint64 flat_sum;
      guint n;

      ppv_report_options_init (&options);
      options.nodefraction = 0;
      report = ppv_report_new (profile, &options, PPV_REPORT_KIND_TEXT, NULL, &error);
      ppv_report_options_clear (&options);
      g_assert_no_error (error);

      n = ppv_report_get_n_rows (report);
      g_assert_cmpuint (n, ==, 60000 + 1);
      /* Every row filled (two threads fill a table this big). */
      flat_sum = ppv_report_get_row (report, 0)->flat;
      for (guint i = 1; i < n; i++)
        {
          const PpvReportRow *a = ppv_report_get_row (report, i - 1);
          const PpvReportRow *b = ppv_report_get_row (report, i);

          g_assert_nonnull (b->name);
          flat_sum += b->flat;
          g_assert_cmpint (a->flat, >=, b->flat);
          if (a->flat == b->flat)
            g_assert_cmpint (strcmp (a->name, b->name), <, 0);
        }
      g_assert_cmpint (flat_sum, ==, ppv_report_get_total (report));
      g_assert_nonnull (_ppv_node_ids_get_name_rank (ids_of (report)));
    }
}

/* Go's filepath.Clean, on paths already clean (returned as they are)
 * and on paths that are not. */
static void
test_clean_path (void)
{
  static const char *cases[][2] = {
    { "abc", "abc" }, { "/abc/def.go", "/abc/def.go" }, { "/", "/" }, { "", "." },
    { ".", "." }, { "..", ".." }, { "../abc", "../abc" }, { "abc/", "abc" },
    { "abc//def", "abc/def" }, { "./abc", "abc" }, { "abc/./def", "abc/def" },
    { "abc/../def", "def" }, { "/../abc", "/abc" }, { "abc/..", "." },
    { "a/b/c/../../d", "a/d" }, { "/a/.b/..c", "/a/.b/..c" }, { "//a", "/a" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *clean = _ppv_clean_path (cases[i][0]);

      g_assert_cmpstr (clean, ==, cases[i][1]);
    }
}

static int
compare_names_by_strcmp (gconstpointer a,
                         gconstpointer b,
                         gpointer      infos)
{
  return strcmp (g_array_index ((GArray *) infos, PpvNodeInfo, *(const guint32 *) a).printable,
                 g_array_index ((GArray *) infos, PpvNodeInfo, *(const guint32 *) b).printable);
}

/* Name ranks (a multikey quicksort in two threads) order names as strcmp
 * does: prefixes of each other, long shared prefixes, bytes above 127. */
static void
test_name_rank (void)
{
  g_autoptr(GString) stacks = g_string_new (NULL);
  g_autoptr(PpvProfile) profile = NULL;
  g_autoptr(PpvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint32 *order = NULL;
  const PpvNodeIds *ids;
  const guint32 *rank;
  PpvReportOptions o;
  guint32 n;

  for (guint i = 0; i < 60000; i++)
    g_string_append_printf (stacks, "main.main;github.com/example/service/internal/p%u%s.f%u%s 1\n",
                            i % 13, i % 5 == 0 ? "\xc3\xa9" : "", i / 2, i % 3 == 0 ? "x" : "");
  profile = ppv_test_profile_from_folded ("samples/count", stacks->str);
  ppv_report_options_init (&o);
  report = ppv_report_new (profile, &o, PPV_REPORT_KIND_TEXT, NULL, &error);
  ppv_report_options_clear (&o);
  g_assert_no_error (error);
  ids = ids_of (report);
  rank = _ppv_node_ids_get_name_rank (ids);
  n = _ppv_node_ids_get_n (ids);
  g_assert_cmpuint (n, >, 50000);

  order = g_new (guint32, n);
  for (guint32 i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, n, sizeof (guint32), compare_names_by_strcmp, ids->infos);
  for (guint32 i = 1; i < n; i++)
    {
      int c = compare_names_by_strcmp (&order[i - 1], &order[i], ids->infos);

      if ((c == 0) != (rank[order[i - 1]] == rank[order[i]]) || rank[order[i - 1]] > rank[order[i]])
        g_error ("names %u and %u: ranks %u and %u", order[i - 1], order[i],
                 rank[order[i - 1]], rank[order[i]]);
    }
}

/* Functions named @names (NULL-terminated), each at a few locations: its
 * lines 0, 3, 12 and again 3 in files "x.go", "a/b.go" and "", one of
 * them with an inlined frame of the next function; a sample each. */
static PpvProfile *
profile_with_lines (const char * const *names)
{
  static const char *files[] = { "x.go", "a/b.go", "" };
  static const gint64 lines[] = { 0, 3, 12, 3 };
  PpvProfileBuilder *builder = ppv_profile_builder_new ();
  g_autoptr(GError) error = NULL;
  guint n_names = g_strv_length ((char **) names);
  guint64 location = 0;
  PpvProfile *profile;

  ppv_profile_builder_add_sample_type (builder, "samples", "count");
  for (guint f = 0; f < n_names; f++)
    {
      PpvFunction function = { f + 1, names[f], names[f], files[f % G_N_ELEMENTS (files)], 0 };

      ppv_profile_builder_add_function (builder, &function);
    }
  for (guint f = 0; f < n_names; f++)
    for (guint k = 0; k < G_N_ELEMENTS (lines); k++)
      {
        guint64 ids[2] = { (f + 1) % n_names + 1, f + 1 };
        gint64 numbers[2] = { 7, lines[k] };
        gint64 columns[2] = { 0, 0 };
        gint64 value = 1 + k;
        guint n_lines = k == 2 ? 2 : 1;

        location++;
        ppv_profile_builder_add_location (builder, location, 0, 0x1000 + location, FALSE,
                                          ids + 2 - n_lines, numbers + 2 - n_lines, columns, n_lines);
        ppv_profile_builder_add_sample (builder, &location, 1, &value, 1, NULL, 0);
      }
  profile = ppv_profile_builder_finish (builder, "lines", &error);
  g_assert_no_error (error);
  return profile;
}

static const PpvNodeIds *
ranked_ids (PpvReport      **report,
            PpvProfile      *profile,
            PpvGranularity   granularity)
{
  g_autoptr(GError) error = NULL;
  PpvReportOptions o;

  ppv_report_options_init (&o);
  o.granularity = granularity;
  o.nodefraction = 0;
  *report = ppv_report_new (profile, &o, PPV_REPORT_KIND_TEXT, NULL, &error);
  ppv_report_options_clear (&o);
  g_assert_no_error (error);
  g_assert_nonnull (_ppv_node_ids_get_name_rank (ids_of (*report)));
  return ids_of (*report);
}

/* Line ranks derived from the functions' ones order every pair of line
 * names as strcmp does; a name that is another's prefix followed by a
 * space or a tab ("f x.go:3" against "f\tg") makes the lines sort
 * their names instead, with the same result. */
static void
test_line_ranks_from_functions (void)
{
  static const char *safe[] = { "a", "ab", "a.b", "a!x", "b", "a(b)", "\xc3\xa9t\xc3\xa9", "zz", "ab", NULL };
  static const char *unsafe[] = { "a", "ab", "a b", "b", "a\tc", "zz", NULL };
  const char * const *sets[] = { safe, unsafe };

  for (guint set = 0; set < G_N_ELEMENTS (sets); set++)
    {
      g_autoptr(PpvProfile) profile = profile_with_lines (sets[set]);
      g_autoptr(PpvReport) functions = NULL;
      g_autoptr(PpvReport) lines = NULL;
      const PpvNodeIds *ids;
      const guint32 *rank;
      guint32 n;

      ranked_ids (&functions, profile, PPV_GRANULARITY_FUNCTIONS);
      ids = ranked_ids (&lines, profile, PPV_GRANULARITY_LINES);
      g_assert_cmpint (_ppv_node_ids_rank_is_derived (ids), ==, set == 0);
      rank = _ppv_node_ids_get_name_rank (ids);
      n = _ppv_node_ids_get_n (ids);
      g_assert_cmpuint (n, >, 20);
      for (guint32 x = 0; x < n; x++)
        for (guint32 y = 0; y < n; y++)
          {
            int c = compare_names_by_strcmp (&x, &y, ids->infos);

            if ((c < 0) != (rank[x] < rank[y]) || (c == 0) != (rank[x] == rank[y]))
              g_error ("\"%s\" and \"%s\": ranks %u and %u",
                       _ppv_node_ids_get_info (ids, x)->printable,
                       _ppv_node_ids_get_info (ids, y)->printable, rank[x], rank[y]);
          }
    }
}

/* Four functions, one sample each (1, 2, 4, 8) in files @files. */
static PpvProfile *
profile_with_files (const char * const files[4])
{
  PpvProfileBuilder *b = ppv_profile_builder_new ();   /* finish() frees it */
  g_autoptr(GError) error = NULL;
  PpvMapping mapping = { 1, 0x1000, 0x100000, 0, "/bin/prog", "", 1, 1, 1, 0 };
  PpvProfile *profile;

  ppv_profile_builder_add_sample_type (b, "samples", "count");
  ppv_profile_builder_add_mapping (b, &mapping);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("main.f%u", i);
      PpvFunction f = { i + 1, name, name, files[i], 0 };
      guint64 fid = i + 1, loc = i + 1;
      gint64 line = 10, column = 0, value = 1 << i;

      ppv_profile_builder_add_function (b, &f);
      ppv_profile_builder_add_location (b, loc, 1, 0x1000 + 16 * i, FALSE, &fid, &line, &column, 1);
      ppv_profile_builder_add_sample (b, &loc, 1, &value, 1, NULL, 0);
    }
  profile = ppv_profile_builder_finish (b, "test", &error);
  g_assert_no_error (error);
  return profile;
}

/* At files granularity, files print trimmed of /proc/self/cwd and
 * cleaned, and files equal then are one node; files that print as
 * stored are one node per file too. */
static void
test_files_cleaned (void)
{
  static const char * const unclean[4] = { "/proc/self/cwd/./pkg/a.go", "pkg/a.go", "pkg//b.go", "pkg/b.go" };
  static const char * const clean[4] = { "pkg/a.go", "pkg/a.go", "pkg/b.go", "/src/c.go" };
  static const char * const *sets[] = { unclean, clean };
  static const char *expected[][3] = { { "pkg/b.go", "12", "pkg/a.go" }, { "/src/c.go", "8", "pkg/b.go" } };

  for (guint k = 0; k < G_N_ELEMENTS (sets); k++)
    {
      g_autoptr(PpvProfile) profile = profile_with_files (sets[k]);
      g_autoptr(PpvReport) report = NULL;
      g_autoptr(GError) error = NULL;
      PpvReportOptions o;

      ppv_report_options_init (&o);
      o.granularity = PPV_GRANULARITY_FILES;
      report = ppv_report_new (profile, &o, PPV_REPORT_KIND_TEXT, NULL, &error);
      ppv_report_options_clear (&o);
      g_assert_no_error (error);
      g_assert_cmpuint (ppv_report_get_n_rows (report), ==, k == 0 ? 2 : 3);
      g_assert_cmpstr (ppv_report_get_row (report, 0)->name, ==, expected[k][0]);
      g_assert_cmpint (ppv_report_get_row (report, 0)->flat, ==, g_ascii_strtoll (expected[k][1], NULL, 10));
      g_assert_cmpstr (ppv_report_get_row (report, 1)->name, ==, expected[k][2]);
    }
}

/* Filters match function names and files in two threads on profiles
 * with many functions: every share's matches count. */
static void
test_filter_many_functions (void)
{
  g_autoptr(GString) stacks = g_string_new (NULL);
  g_autoptr(PpvProfile) profile = NULL;
  const char *focus[] = { "pkg3\\.", "^/src/pkg5\\." };

  for (guint i = 0; i < 70000; i++)
    g_string_append_printf (stacks, "main.main;pkg%u.f%u 1\n", i % 7, i);
  profile = ppv_test_profile_from_folded ("samples/count", stacks->str);
  g_assert_cmpuint (profile->n_functions, >, 65536);

  for (guint k = 0; k < G_N_ELEMENTS (focus); k++)
    {
      g_autoptr(PpvReport) report = NULL;
      g_autoptr(GError) error = NULL;
      PpvReportOptions o;
      gint64 shown = 0;

      ppv_report_options_init (&o);
      o.nodefraction = 0;
      o.focus = g_strdup (focus[k]);
      report = ppv_report_new (profile, &o, PPV_REPORT_KIND_TEXT, NULL, &error);
      ppv_report_options_clear (&o);
      g_assert_no_error (error);
      for (guint r = 0; r < ppv_report_get_n_rows (report); r++)
        shown += ppv_report_get_row (report, r)->flat;
      g_assert_cmpint (shown, ==, 10000);
    }
}

/* The top report of @stacks under @hide, without its "Active filters" lines. */
static char *
top_hiding (const char *stacks,
            const char *hide)
{
  g_autoptr(PpvProfile) profile = ppv_test_profile_from_folded (CPU_TYPES, stacks);
  g_autoptr(PpvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) kept = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  PpvReportOptions o;

  ppv_report_options_init (&o);
  o.nodefraction = 0;
  report = ppv_report_new (profile, &o, PPV_REPORT_KIND_TEXT, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&report, ppv_report_unref);
  /* The second report takes its ids from the table the first built. */
  o.hide = g_strdup (hide);
  report = ppv_report_new (profile, &o, PPV_REPORT_KIND_TEXT, NULL, &error);
  g_assert_no_error (error);
  ppv_report_options_clear (&o);
  text = ppv_report_format_top (report);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (!g_str_has_prefix (lines[i], "Active filters:") && !g_str_has_prefix (lines[i], "   hide="))
      g_string_append_printf (kept, "%s\n", lines[i]);
  return g_string_free (g_steal_pointer (&kept), FALSE);
}

/* Hiding a frame's outer or inner line leaves what a profile without that
 * line shows: the ids of a filtered selection map each kept line to its
 * own node. */
static void
test_hide_is_removal (void)
{
  static const char *with_inline = "main.main;main.foo+main.inl+main.deep 20,200\nmain.main;main.bar 5,50\n";
  g_autofree char *no_inl = top_hiding (with_inline, "main\\.inl");
  g_autofree char *no_foo = top_hiding (with_inline, "main\\.foo");
  g_autofree char *no_inl_expected = top_hiding ("main.main;main.foo+main.deep 20,200\nmain.main;main.bar 5,50\n", NULL);
  g_autofree char *no_foo_expected = top_hiding ("main.main;main.inl+main.deep 20,200\nmain.main;main.bar 5,50\n", NULL);

  g_assert_cmpstr (no_inl, ==, no_inl_expected);
  g_assert_cmpstr (no_foo, ==, no_foo_expected);
  g_assert_nonnull (strstr (no_inl, "main.deep (inline)"));
  g_assert_nonnull (strstr (no_inl, "main.foo\n"));
}

typedef struct
{
  const char     *sample_index;
  const char     *hide;
  PpvGranularity  granularity;
} IdsCase;

static PpvReport *
report_for (PpvProfile    *profile,
            const IdsCase *c)
{
  g_autoptr(GError) error = NULL;
  PpvReportOptions o;
  PpvReport *report;

  ppv_report_options_init (&o);
  o.sample_index = g_strdup (c->sample_index);
  o.hide = g_strdup (c->hide);
  o.granularity = c->granularity;
  o.nodefraction = 0;
  report = ppv_report_new (profile, &o, PPV_REPORT_KIND_TEXT, NULL, &error);
  ppv_report_options_clear (&o);
  g_assert_no_error (error);
  return report;
}

/* Reports of one profile share node ids while the granularity and the
 * lines of every location stay; hidden lines or another granularity get
 * ids of their own, and every report prints what it prints on a profile
 * of its own. */
static void
test_node_ids_shared (void)
{
  static const IdsCase cases[] = {
    { NULL, NULL, PPV_GRANULARITY_FUNCTIONS },
    { "0", NULL, PPV_GRANULARITY_FUNCTIONS },
    { NULL, "main.inl", PPV_GRANULARITY_FUNCTIONS },
    { NULL, NULL, PPV_GRANULARITY_LINES },
    { NULL, NULL, PPV_GRANULARITY_FUNCTIONS },
    /* Ids of a filter come from the granularity's table, built before. */
    { NULL, "main.inl", PPV_GRANULARITY_LINES },
    { NULL, "main.inl", PPV_GRANULARITY_FUNCTIONS },
    { NULL, "main.foo", PPV_GRANULARITY_FUNCTIONS },
    { "0", "main\\.(inl|foo)", PPV_GRANULARITY_ADDRESSES },
  };
  g_autoptr(PpvProfile) profile = ppv_test_profile_from_folded (CPU_TYPES, CPU_STACKS);
  PpvReport *reports[G_N_ELEMENTS (cases)];

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(PpvProfile) own = ppv_test_profile_from_folded (CPU_TYPES, CPU_STACKS);
      g_autoptr(PpvReport) fresh = report_for (own, &cases[c]);
      g_autofree char *expected = ppv_report_format_top (fresh);
      g_autofree char *text = NULL;

      reports[c] = report_for (profile, &cases[c]);
      text = ppv_report_format_top (reports[c]);
      g_assert_cmpstr (text, ==, expected);
    }
  g_assert_true (ids_of (reports[1]) == ids_of (reports[0]));
  g_assert_true (ids_of (reports[2]) != ids_of (reports[1]));
  g_assert_true (ids_of (reports[3]) != ids_of (reports[2]));
  g_assert_true (ids_of (reports[4]) != ids_of (reports[3]));
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    ppv_report_unref (reports[c]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppv/core/node-ids/big-sort-order", test_big_sort_order);
  g_test_add_func ("/ppv/core/node-ids/clean-path", test_clean_path);
  g_test_add_func ("/ppv/core/node-ids/name-rank", test_name_rank);
  g_test_add_func ("/ppv/core/node-ids/line-ranks-from-functions", test_line_ranks_from_functions);
  g_test_add_func ("/ppv/core/node-ids/files-cleaned", test_files_cleaned);
  g_test_add_func ("/ppv/core/node-ids/filter-many-functions", test_filter_many_functions);
  g_test_add_func ("/ppv/core/node-ids/hide-is-removal", test_hide_is_removal);
  g_test_add_func ("/ppv/core/node-ids/node-ids-shared", test_node_ids_shared);

  return g_test_run ();
}
