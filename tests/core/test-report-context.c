/* test-report-context.c — the report context against the reports built on
 * it, and against totals summed here, on every fixture profile.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A stack tree or a callers/callees table will take its total, type name,
 * unit and value formatting from a PpvReportContext alone; they must match
 * what -top and -dot print for the same profile and options.
 */
#include <string.h>

#include "ppv-merge.h"
#include "ppv-reader.h"
#include "ppv-report-context.h"

typedef struct
{
  const char *label;
  const char *sample_index;   /* NULL: default; "*": every index in turn */
  gboolean    mean;
  double      divide_by;
  const char *unit;
  const char *focus;
  gboolean    relative;
} Variant;

static const Variant variants[] = {
  { "default", NULL, FALSE, 1, NULL, NULL, FALSE },
  { "each sample index", "*", FALSE, 1, NULL, NULL, FALSE },
  { "mean", NULL, TRUE, 1, NULL, NULL, FALSE },
  { "mean of each index", "*", TRUE, 1, NULL, NULL, FALSE },
  { "divide_by", NULL, FALSE, 1000, NULL, NULL, FALSE },
  { "unit", NULL, FALSE, 1, "kb", NULL, FALSE },
  { "relative focus", NULL, FALSE, 1, NULL, "main", TRUE },
};

static char *
fixture_path (const char *name)
{
  return g_build_filename (PPV_FIXTURES_DIR, "profiles", name, NULL);
}

static PpvProfile *
read_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  PpvProfile *profile = ppv_profile_read_path (path, NULL, NULL, &error);

  g_assert_no_error (error);
  return profile;
}

static gboolean
is_base_sample (PpvProfile *p,
                guint32     s)
{
  for (guint32 i = 0; i < p->samples[s].n_labels; i++)
    {
      const PpvLabel *l = &p->labels[p->samples[s].labels_offset + i];
      if (l->str != NULL && strcmp (l->key, "pprof::base") == 0 && strcmp (l->str, "true") == 0)
        return TRUE;
    }
  return FALSE;
}

/* The percentage base by pprof's definition, summed here in wrapping
 * arithmetic as Go's int64 does. */
static gint64
expected_total (PpvProfile         *p,
                PpvReportContext   *ctx,
                gboolean            mean,
                gboolean            only_kept)
{
  const PpvFrameSelection *sel = _ppv_report_context_get_selection (ctx);
  guint index = _ppv_report_context_get_sample_index (ctx);
  guint64 total = 0, div = 0, base_total = 0, base_div = 0;
  gboolean any_base = FALSE;
  gint64 t, d;

  for (guint32 s = 0; s < p->n_samples; s++)
    {
      const gint64 *v = ppv_profile_sample_values (p, s);
      guint64 magnitude = v[index] < 0 ? 0 - (guint64) v[index] : (guint64) v[index];

      if (only_kept && !sel->sample_kept[s])
        continue;
      total += magnitude;
      div += mean ? (guint64) v[0] : 0;
      if (is_base_sample (p, s))
        {
          base_total += magnitude;
          base_div += mean ? (guint64) v[0] : 0;
          any_base = TRUE;
        }
    }
  if (any_base && (gint64) base_total > 0)
    {
      total = base_total;
      div = base_div;
    }
  t = (gint64) total;
  d = (gint64) div;
  if (d == 0)
    return t;
  if (d == -1)
    return (gint64) (0 - (guint64) t);
  return t / d;
}

static void
check_report (PpvProfile             *profile,
              const PpvReportOptions *o,
              PpvReportKind           kind,
              const char             *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvReportContext) ctx = _ppv_report_context_new (profile, o, NULL, &error);
  g_autoptr(PpvReport) report = ppv_report_new (profile, o, kind, NULL, &error);
  g_autofree char *unit = NULL;
  g_autofree char *total_text = NULL, *ctx_total_text = NULL;
  const char *type;
  PpvUnitScan scan = { 0, 0 };

  g_assert_no_error (error);
  g_assert_nonnull (ctx);
  g_assert_nonnull (report);

  g_assert_cmpint (_ppv_report_context_get_total (ctx), ==, ppv_report_get_total (report));
  g_assert_cmpint (_ppv_report_context_get_total (ctx), ==,
                   expected_total (profile, ctx, o->mean, o->relative_percentages));

  type = profile->sample_types[_ppv_report_context_get_sample_index (ctx)].type;
  g_assert_cmpstr (_ppv_report_context_get_type_name (ctx), ==, ppv_report_get_type_name (report));
  if (o->mean)
    g_assert_true (g_str_has_prefix (_ppv_report_context_get_type_name (ctx), "mean_") &&
                   strcmp (_ppv_report_context_get_type_name (ctx) + 5, type) == 0);
  else
    g_assert_cmpstr (_ppv_report_context_get_type_name (ctx), ==, type);

  /* The report's unit is chosen over its rows: so is the one here. */
  for (guint i = 0; i < ppv_report_get_n_rows (report); i++)
    {
      const PpvReportRow *row = ppv_report_get_row (report, i);
      _ppv_unit_scan_add (&scan, row->flat, row->cum);
    }
  unit = _ppv_report_context_choose_unit (ctx, &scan);
  if (o->unit != NULL)
    g_assert_cmpstr (unit, ==, o->unit);

  for (guint i = 0; i < ppv_report_get_n_rows (report); i++)
    {
      const PpvReportRow *row = ppv_report_get_row (report, i);
      g_autofree char *flat = ppv_report_format_value (report, row->flat);
      g_autofree char *cum = ppv_report_format_value (report, row->cum);
      g_autofree char *ctx_flat = _ppv_report_context_format_value (ctx, unit, row->flat);
      g_autofree char *ctx_cum = _ppv_report_context_format_value (ctx, unit, row->cum);

      if (strcmp (flat, ctx_flat) != 0 || strcmp (cum, ctx_cum) != 0)
        g_error ("%s, row %u (%s): report %s/%s, context %s/%s in %s",
                 what, i, row->name, flat, cum, ctx_flat, ctx_cum, unit);
    }
  total_text = ppv_report_format_value (report, ppv_report_get_total (report));
  ctx_total_text = _ppv_report_context_format_value (ctx, unit, _ppv_report_context_get_total (ctx));
  g_assert_cmpstr (total_text, ==, ctx_total_text);
}

static void
check_variant (PpvProfile    *profile,
               const Variant *v,
               const char    *name)
{
  guint n_indices = v->sample_index && strcmp (v->sample_index, "*") == 0 ? profile->n_sample_types : 1;

  for (guint i = 0; i < n_indices; i++)
    {
      g_autofree char *what = NULL;
      PpvReportOptions o;

      ppv_report_options_init (&o);
      if (v->sample_index != NULL)
        o.sample_index = g_strdup_printf ("%u", i);
      o.mean = v->mean;
      o.divide_by = v->divide_by;
      o.unit = g_strdup (v->unit);
      o.focus = g_strdup (v->focus);
      o.relative_percentages = v->relative;
      what = g_strdup_printf ("%s, %s %s", name, v->label, o.sample_index ? o.sample_index : "");
      check_report (profile, &o, PPV_REPORT_KIND_TEXT, what);
      check_report (profile, &o, PPV_REPORT_KIND_GRAPH, what);
      ppv_report_options_clear (&o);
    }
}

static void
test_every_fixture (void)
{
  g_autofree char *dir_path = fixture_path ("");
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n_profiles = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(PpvProfile) profile = read_fixture (name);

      for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
        check_variant (profile, &variants[v], name);
      n_profiles++;
    }
  /* The fixtures folder holds a dozen profiles of every kind. */
  g_assert_cmpuint (n_profiles, >=, 10);
}

static void
test_diff_base (void)
{
  const char *pairs[][2] = {
    { "heap-after.pb.gz", "heap-before.pb.gz" },
    { "cpu2.pb.gz", "cpu.pb.gz" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autoptr(PpvProfile) after = read_fixture (pairs[i][0]);
      g_autoptr(PpvProfile) before = read_fixture (pairs[i][1]);
      g_autoptr(PpvProfile) diff = NULL;
      g_autoptr(GError) error = NULL;
      gboolean any_base = FALSE;

      diff = ppv_profile_combine (&after, 1, &before, 1, PPV_BASE_DIFF, FALSE, &error);
      g_assert_no_error (error);

      {
        g_autoptr(PpvReportContext) ctx = NULL;
        PpvReportOptions o;

        ppv_report_options_init (&o);
        ctx = _ppv_report_context_new (diff, &o, NULL, &error);
        g_assert_no_error (error);
        for (guint32 s = 0; s < diff->n_samples; s++)
          {
            g_assert_cmpint (_ppv_report_context_is_diff_base_sample (ctx, s), ==, is_base_sample (diff, s));
            any_base |= is_base_sample (diff, s);
          }
        ppv_report_options_clear (&o);
      }
      g_assert_true (any_base);

      for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
        check_variant (diff, &variants[v], pairs[i][0]);
    }
}

static void
test_errors_match (void)
{
  g_autoptr(PpvProfile) profile = read_fixture ("heap.pb.gz");
  const char *bad_index[] = { "7", "no_such_type" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_index) + 2; i++)
    {
      g_autoptr(GError) report_error = NULL;
      g_autoptr(GError) ctx_error = NULL;
      g_autoptr(PpvReport) report = NULL;
      g_autoptr(PpvReportContext) ctx = NULL;
      PpvReportOptions o;

      ppv_report_options_init (&o);
      if (i < G_N_ELEMENTS (bad_index))
        o.sample_index = g_strdup (bad_index[i]);
      else if (i == G_N_ELEMENTS (bad_index))
        o.divide_by = 0;
      else
        o.focus = g_strdup ("(");
      report = ppv_report_new (profile, &o, PPV_REPORT_KIND_TEXT, NULL, &report_error);
      ctx = _ppv_report_context_new (profile, &o, NULL, &ctx_error);
      g_assert_null (report);
      g_assert_null (ctx);
      g_assert_nonnull (ctx_error);
      g_assert_error (report_error, ctx_error->domain, ctx_error->code);
      g_assert_cmpstr (report_error->message, ==, ctx_error->message);
      ppv_report_options_clear (&o);
    }
}

/* The context is shared by worker threads: it must outlive the report. */
static void
test_outlives_report (void)
{
  g_autoptr(PpvProfile) profile = read_fixture ("cpu.pb.gz");
  g_autoptr(GError) error = NULL;
  PpvReportContext *ctx;
  PpvReport *report;
  gint64 total;
  PpvReportOptions o;

  ppv_report_options_init (&o);
  report = ppv_report_new (profile, &o, PPV_REPORT_KIND_GRAPH, NULL, &error);
  g_assert_no_error (error);
  total = ppv_report_get_total (report);
  ctx = _ppv_report_context_ref (_ppv_report_get_context (report));
  ppv_report_unref (report);
  g_assert_cmpint (_ppv_report_context_get_total (ctx), ==, total);
  g_assert_cmpuint (_ppv_node_ids_get_n (_ppv_report_context_get_node_ids (ctx)), >, 0);
  _ppv_report_context_unref (ctx);
  ppv_report_options_clear (&o);
}

/* Against `go tool pprof -top`'s own text: the context's type name, its
 * total in the unit it chooses over the rows, and every row's values. */
static void
test_matches_pprof (void)
{
  static const struct
  {
    const char *name, *profile, *base, *sample_index;
    gboolean    mean;
    double      divide_by;
  } cases[] = {
    { "heap_default", "heap.pb.gz", NULL, NULL, FALSE, 1 },
    { "heap_inuse_objects", "heap.pb.gz", NULL, "inuse_objects", FALSE, 1 },
    { "heap_alloc_space", "heap.pb.gz", NULL, "alloc_space", FALSE, 1 },
    { "heap_divide_by", "heap.pb.gz", NULL, NULL, FALSE, 2 },
    { "heap_mean_alloc", "heap.pb.gz", NULL, "alloc_space", TRUE, 1 },
    { "heap_diff", "heap-after.pb.gz", "heap-before.pb.gz", NULL, FALSE, 1 },
    { "heap_diff_alloc_space", "heap-after.pb.gz", "heap-before.pb.gz", "alloc_space", FALSE, 1 },
    { "cpu_default", "cpu.pb.gz", NULL, NULL, FALSE, 1 },
    { "cpu_mean", "cpu.pb.gz", NULL, NULL, TRUE, 1 },
    { "cpu_divide_by", "cpu.pb.gz", NULL, NULL, FALSE, 1000 },
    { "cpu_diff", "cpu2.pb.gz", "cpu.pb.gz", NULL, FALSE, 1 },
    { "block_mean", "block.pb.gz", NULL, NULL, TRUE, 1 },
    { "mutex_mean_delay", "mutex.pb.gz", NULL, "delay", TRUE, 1 },
    { "goroutine_default", "goroutine.pb.gz", NULL, NULL, FALSE, 1 },
    { "threadcreate_default", "threadcreate.pb.gz", NULL, NULL, FALSE, 1 },
    { "allocs_default", "allocs.pb.gz", NULL, NULL, FALSE, 1 },
    { "synthetic_mean", "synthetic.pb.gz", NULL, NULL, TRUE, 1 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *path = g_build_filename (PPV_FIXTURES_DIR, "expected", "top", NULL);
      g_autofree char *file = g_strconcat (path, G_DIR_SEPARATOR_S, cases[c].name, ".txt", NULL);
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;
      g_autoptr(PpvProfile) profile = read_fixture (cases[c].profile);
      g_autoptr(PpvReportContext) ctx = NULL;
      g_autoptr(PpvReport) report = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *unit = NULL, *total = NULL, *showing = NULL;
      PpvUnitScan scan = { 0, 0 };
      PpvReportOptions o;
      guint first_row = 0;

      /* The CLI's source pipeline (drop_frames, the diff base). */
      {
        g_autoptr(PpvProfile) base = cases[c].base ? read_fixture (cases[c].base) : NULL;
        PpvProfile *combined = ppv_profile_combine (&profile, 1, &base, base ? 1 : 0,
                                                    base ? PPV_BASE_DIFF : PPV_BASE_NONE, FALSE, &error);
        g_assert_no_error (error);
        g_clear_pointer (&profile, ppv_profile_unref);
        profile = combined;
      }

      ppv_report_options_init (&o);
      o.sample_index = g_strdup (cases[c].sample_index);
      o.mean = cases[c].mean;
      o.divide_by = cases[c].divide_by;
      ctx = _ppv_report_context_new (profile, &o, NULL, &error);
      g_assert_no_error (error);
      report = ppv_report_new (profile, &o, PPV_REPORT_KIND_TEXT, NULL, &error);
      g_assert_no_error (error);

      g_file_get_contents (file, &text, NULL, &error);
      g_assert_no_error (error);
      lines = g_strsplit (text, "\n", -1);

      for (guint i = 0; i < ppv_report_get_n_rows (report); i++)
        _ppv_unit_scan_add (&scan, ppv_report_get_row (report, i)->flat, ppv_report_get_row (report, i)->cum);
      unit = _ppv_report_context_choose_unit (ctx, &scan);
      total = _ppv_report_context_format_value (ctx, unit, _ppv_report_context_get_total (ctx));
      showing = g_strconcat (" of ", total, " total", NULL);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (g_str_has_prefix (lines[i], "Type: "))
            g_assert_cmpstr (lines[i] + 6, ==, _ppv_report_context_get_type_name (ctx));
          else if (g_str_has_prefix (lines[i], "Showing nodes accounting for ") &&
                   !g_str_has_suffix (lines[i], showing))
            g_error ("%s: pprof says \"%s\", the context \"%s\"", cases[c].name, lines[i], showing);
          else if (g_str_has_prefix (lines[i], "      flat  flat%"))
            first_row = i + 1;
        }
      g_assert_cmpuint (first_row, >, 0);

      for (guint r = 0; r < ppv_report_get_n_rows (report); r++)
        {
          const PpvReportRow *row = ppv_report_get_row (report, r);
          g_autofree char *flat = _ppv_report_context_format_value (ctx, unit, row->flat);
          g_autofree char *cum = _ppv_report_context_format_value (ctx, unit, row->cum);
          g_auto(GStrv) fields = NULL;

          g_assert_nonnull (lines[first_row + r]);
          fields = g_strsplit_set (g_strstrip (lines[first_row + r]), " ", -1);
          /* "flat flat% sum% cum cum% name", runs of spaces between. */
          {
            const char *cols[4] = { NULL };
            guint n = 0;
            for (guint f = 0; fields[f] != NULL && n < 4; f++)
              if (fields[f][0] != '\0')
                cols[n++] = fields[f];
            g_assert_cmpuint (n, ==, 4);
            if (strcmp (cols[0], flat) != 0 || strcmp (cols[3], cum) != 0)
              g_error ("%s row %u: pprof %s/%s, the context %s/%s", cases[c].name, r,
                       cols[0], cols[3], flat, cum);
          }
        }
      ppv_report_options_clear (&o);
    }
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppv/core/report-context/every-fixture", test_every_fixture);
  g_test_add_func ("/ppv/core/report-context/diff-base", test_diff_base);
  g_test_add_func ("/ppv/core/report-context/matches-pprof", test_matches_pprof);
  g_test_add_func ("/ppv/core/report-context/errors", test_errors_match);
  g_test_add_func ("/ppv/core/report-context/outlives-report", test_outlives_report);

  return g_test_run ();
}
