/* ppv-cli.c — the headless entry points: --top, --dot, --svg, --help.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Option names are pprof's with two dashes and '-' for '_'.  Everything
 * here runs before (and without) GTK, so scripts and tests need no display.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>

#include "ppv-atomic-file.h"
#include "ppv-callgraph.h"
#include "ppv-cli.h"
#include "ppv-cli-private.h"
#include "ppv-fetcher.h"
#include "ppv-flame-svg.h"
#include "ppv-label-frames.h"
#include "ppv-label-summary.h"
#include "ppv-merge.h"
#include "ppv-reader.h"
#include "ppv-report.h"
#include "ppv-source.h"
#include "ppv-stack-tree.h"
#include "ppv-svg.h"
#include "ppv-traces.h"

/* Messages are UTF-8 ("—", names from profiles); g_printerr would
 * convert them to the locale's charset and print "?" under LANG=C. */
void
_ppv_cli_printerr (const char *format,
                   ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fflush (stderr);
}

static gboolean
set_granularity (const char  *name,
                 const char  *value,
                 gpointer     data,
                 GError     **error)
{
  CliOptions *o = data;

  if (strcmp (name, "--functions") == 0)
    o->report.granularity = PPV_GRANULARITY_FUNCTIONS;
  else if (strcmp (name, "--filefunctions") == 0)
    o->report.granularity = PPV_GRANULARITY_FILEFUNCTIONS;
  else if (strcmp (name, "--files") == 0)
    o->report.granularity = PPV_GRANULARITY_FILES;
  else if (strcmp (name, "--lines") == 0)
    o->report.granularity = PPV_GRANULARITY_LINES;
  else
    o->report.granularity = PPV_GRANULARITY_ADDRESSES;
  return TRUE;
}

static gboolean
set_output (const char  *name,
            const char  *value,
            gpointer     data,
            GError     **error)
{
  CliOptions *o = data;
  OutputKind kind = strcmp (name, "--top") == 0 ? OUTPUT_TOP :
                    strcmp (name, "--dot") == 0 ? OUTPUT_DOT :
                    strcmp (name, "--traces") == 0 ? OUTPUT_TRACES :
                    strcmp (name, "--tags") == 0 ? OUTPUT_TAGS :
                    strcmp (name, "--folded") == 0 ? OUTPUT_FOLDED :
                    strcmp (name, "--tree") == 0 ? OUTPUT_TREE :
                    strcmp (name, "--flamegraph") == 0 ? OUTPUT_FLAMEGRAPH : OUTPUT_SVG;

  if (o->output != OUTPUT_NONE && o->output != kind)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "choose one of --top, --dot, --svg, --traces, --tags, --tree, --peek, --folded and --flamegraph");
      return FALSE;
    }
  o->output = kind;
  return TRUE;
}

static gboolean
set_sort (const char  *name,
          const char  *value,
          gpointer     data,
          GError     **error)
{
  ((CliOptions *) data)->report.cum_sort = strcmp (name, "--cum") == 0;
  return TRUE;
}

static gboolean
set_trim (const char  *name,
          const char  *value,
          gpointer     data,
          GError     **error)
{
  ((CliOptions *) data)->report.trim = strcmp (name, "--trim") == 0;
  return TRUE;
}

static GOptionContext *
build_context (CliOptions *o)
{
  const GOptionEntry output_entries[] = {
    { "top", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, set_output, "Print the top report (go tool pprof -top); \"--top N SOURCE\" shows N nodes, as --nodecount=N, unless a file named N exists", NULL },
    { "dot", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, set_output, "Print the call graph as DOT (go tool pprof -dot)", NULL },
    { "svg", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, set_output, "Write the call graph as SVG", NULL },
    { "traces", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, set_output, "Print every sample's stack (go tool pprof -traces)", NULL },
    { "tags", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, set_output, "Print every label key with its values and their totals (go tool pprof -tags)", NULL },
    { "tree", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, set_output, "Print each node with its callers and callees (go tool pprof -tree)", NULL },
    { "peek", 0, 0, G_OPTION_ARG_STRING, &o->peek, "Print the callers and callees of the nodes matching REGEXP (go tool pprof -peek)", "REGEXP" },
    { "folded", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, set_output, "Print folded stacks for flamegraph.pl, inferno, speedscope (';' in names becomes ':')", NULL },
    { "flamegraph", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, set_output, "Write the flame graph as a standalone SVG", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o->output_file, "Write to FILE (atomically) instead of standard output", "FILE" },
    { NULL }
  };
  const GOptionEntry report_entries[] = {
    { "sample-index", 0, 0, G_OPTION_ARG_STRING, &o->report.sample_index, "Sample value to report (name or 0-based index)", "INDEX" },
    { "mean", 0, 0, G_OPTION_ARG_NONE, &o->report.mean, "Average sample value over the first value (count)", NULL },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &o->report.unit, "Measurement unit to display (default: minimum)", "UNIT" },
    { "divide-by", 0, 0, G_OPTION_ARG_DOUBLE, &o->report.divide_by, "Ratio to divide all samples by before printing", "RATIO" },
    { "functions", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, set_granularity, "Aggregate at the function level (default)", NULL },
    { "filefunctions", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, set_granularity, "Aggregate at the function level, per file", NULL },
    { "files", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, set_granularity, "Aggregate at the file level", NULL },
    { "lines", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, set_granularity, "Aggregate at the source line level", NULL },
    { "addresses", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, set_granularity, "Aggregate at the address level", NULL },
    { "noinlines", 0, 0, G_OPTION_ARG_NONE, &o->report.noinlines, "Attribute inlined functions to their first out-of-line caller", NULL },
    { "focus", 0, 0, G_OPTION_ARG_STRING, &o->report.focus, "Restrict to samples going through a node matching REGEXP", "REGEXP" },
    { "ignore", 0, 0, G_OPTION_ARG_STRING, &o->report.ignore, "Skip samples going through a node matching REGEXP", "REGEXP" },
    { "hide", 0, 0, G_OPTION_ARG_STRING, &o->report.hide, "Remove nodes matching REGEXP", "REGEXP" },
    { "show", 0, 0, G_OPTION_ARG_STRING, &o->report.show, "Keep only nodes matching REGEXP", "REGEXP" },
    { "show-from", 0, 0, G_OPTION_ARG_STRING, &o->report.show_from, "Drop frames above the first node matching REGEXP", "REGEXP" },
    { "tagfocus", 0, 0, G_OPTION_ARG_STRING, &o->report.tagfocus, "Restrict to samples with labels matching (key=)REGEXP or a range", "FILTER" },
    { "tagignore", 0, 0, G_OPTION_ARG_STRING, &o->report.tagignore, "Skip samples with labels matching (key=)REGEXP or a range", "FILTER" },
    { "tagshow", 0, 0, G_OPTION_ARG_STRING, &o->report.tagshow, "Only show label keys matching REGEXP", "REGEXP" },
    { "taghide", 0, 0, G_OPTION_ARG_STRING, &o->report.taghide, "Hide label keys matching REGEXP", "REGEXP" },
    { "prune-from", 0, 0, G_OPTION_ARG_STRING, &o->report.prune_from, "Drop frames below the first node matching REGEXP (by function name)", "REGEXP" },
    { "tagroot", 0, 0, G_OPTION_ARG_STRING, &o->tagroot, "Add frames for these label KEYS at the root of every stack", "KEYS" },
    { "tagleaf", 0, 0, G_OPTION_ARG_STRING, &o->tagleaf, "Add frames for these label KEYS at the leaf of every stack", "KEYS" },
    { "cum", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, set_sort, "Sort by cumulative value", NULL },
    { "flat", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, set_sort, "Sort by flat value (default)", NULL },
    { "nodecount", 0, 0, G_OPTION_ARG_INT, &o->report.nodecount, "Maximum number of nodes to show", "N" },
    { "nodefraction", 0, 0, G_OPTION_ARG_DOUBLE, &o->report.nodefraction, "Hide nodes below FRACTION of the total (default 0.005)", "FRACTION" },
    { "edgefraction", 0, 0, G_OPTION_ARG_DOUBLE, &o->report.edgefraction, "Hide edges below FRACTION of the total (default 0.001)", "FRACTION" },
    { "no-trim", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, set_trim, "Do not trim nodes or edges (pprof -trim=false)", NULL },
    { "trim", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, set_trim, "Trim nodes and edges (default)", NULL },
    { "drop-negative", 0, 0, G_OPTION_ARG_NONE, &o->report.drop_negative, "Drop nodes with negative values", NULL },
    { "relative-percentages", 0, 0, G_OPTION_ARG_NONE, &o->report.relative_percentages, "Percentages relative to the focused total", NULL },
    { NULL }
  };
  const GOptionEntry source_entries[] = {
    { "diff-base", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->diff_base, "Show the difference against SOURCE (percentages of SOURCE)", "SOURCE" },
    { "base", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->base, "Subtract SOURCE", "SOURCE" },
    { "normalize", 0, 0, G_OPTION_ARG_NONE, &o->normalize, "Scale the profile to the base's total", NULL },
    { "seconds", 0, 0, G_OPTION_ARG_INT, &o->seconds, "Duration of a CPU profile fetched from host:port", "N" },
    { "max-decompressed", 0, 0, G_OPTION_ARG_INT64, &o->max_decompressed, "Refuse profiles larger than BYTES once decompressed (default 1 GiB)", "BYTES" },
    { "symbolize", 0, 0, G_OPTION_ARG_STRING, &o->symbolize, "none: read text pages as pprof does (addresses only); demangle=default|templates|full|none: how C++ names are shown", "MODE" },
    { NULL }
  };
  const GOptionEntry watch_entries[] = {
    { "watch", 0, 0, G_OPTION_ARG_NONE, &o->watch, "Fetch SOURCE (a /debug/pprof/<kind> URL) every interval, keep every snapshot, then print the growth from the first to the last; headless with --count, --output-dir or an output option, in the window otherwise", NULL },
    { "interval", 0, 0, G_OPTION_ARG_INT, &o->interval, "Seconds between two fetches of --watch, 1 to 3600 (default 15)", "SECONDS" },
    { "count", 0, 0, G_OPTION_ARG_INT, &o->count, "Stop --watch after N snapshots (default: on Ctrl+C or SIGTERM)", "N" },
    { "output-dir", 0, 0, G_OPTION_ARG_FILENAME, &o->output_dir, "Keep the snapshots of --watch in DIR (default: a new folder under the kept profiles)", "DIR" },
    { "gc", 0, 0, G_OPTION_ARG_NONE, &o->gc, "Ask the heap profile of --watch for a garbage collection first (gc=1)", NULL },
    { NULL }
  };
  GOptionContext *context = g_option_context_new ("[SOURCE…]");
  GOptionGroup *group;

  g_option_context_set_summary (context,
      "Reads pprof profiles (files, '-' for standard input, or host:port and\n"
      "http(s):// URLs of a Go /debug/pprof endpoint) and prints what\n"
      "`go tool pprof` would.  Without --top, --dot or --svg the window opens.");

  group = g_option_group_new ("output", "Output:", "Output options", o, NULL);
  g_option_group_add_entries (group, output_entries);
  g_option_context_set_main_group (context, group);

  group = g_option_group_new ("report", "Report options:", "Show report options", o, NULL);
  g_option_group_add_entries (group, report_entries);
  g_option_context_add_group (context, group);

  group = g_option_group_new ("sources", "Source options:", "Show source options", o, NULL);
  g_option_group_add_entries (group, source_entries);
  g_option_context_add_group (context, group);

  group = g_option_group_new ("watch", "Watch options:", "Show watch options", o, NULL);
  g_option_group_add_entries (group, watch_entries);
  g_option_context_add_group (context, group);

  return context;
}

static gboolean
is_window_option (const char         *arg,
                  const char * const *window_options)
{
  for (guint i = 0; window_options != NULL && window_options[i] != NULL; i++)
    {
      gsize len = strlen (window_options[i]);

      if (strncmp (arg, window_options[i], len) == 0 && (arg[len] == '\0' || arg[len] == '='))
        return TRUE;
    }
  return FALSE;
}

gboolean
ppv_cli_is_headless (int                 argc,
                     char              **argv,
                     const char * const *window_options)
{
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        break;
      if (strcmp (argv[i], "--top") == 0 || strcmp (argv[i], "--dot") == 0 ||
          strcmp (argv[i], "--svg") == 0 || strcmp (argv[i], "--traces") == 0 ||
          strcmp (argv[i], "--tags") == 0 ||
          strcmp (argv[i], "--folded") == 0 || strcmp (argv[i], "--tree") == 0 ||
          strcmp (argv[i], "--peek") == 0 || g_str_has_prefix (argv[i], "--peek=") ||
          strcmp (argv[i], "--flamegraph") == 0 ||
          strcmp (argv[i], "--help") == 0 ||
          strcmp (argv[i], "-h") == 0 || g_str_has_prefix (argv[i], "--help-"))
        return TRUE;
      /* "-" alone is a source (standard input). */
      if (argv[i][0] == '-' && argv[i][1] != '\0' && !is_window_option (argv[i], window_options))
        return TRUE;
    }
  return FALSE;
}

/* pprof's interactive "top 20" habit: "--top 20 SOURCE" means the first
 * 20 nodes, unless a file named "20" is there to be read. */
static void
take_top_count (char **args)
{
  for (guint i = 1; args[i] != NULL && strcmp (args[i], "--") != 0; i++)
    {
      const char *count = args[i + 1];
      guint64 n = 0;

      if (strcmp (args[i], "--top") != 0 || count == NULL || !g_ascii_isdigit (count[0]))
        continue;
      if (!g_ascii_string_to_unsigned (count, 10, 1, G_MAXINT, &n, NULL) ||
          g_file_test (count, G_FILE_TEST_EXISTS))
        continue;
      g_free (args[i + 1]);
      args[i + 1] = g_strdup_printf ("--nodecount=%" G_GUINT64_FORMAT, n);
    }
}

static PpvProfile *
load_source (const char  *source,
             CliOptions  *o,
             GError     **error)
{
  PpvReadLimits limits = { (gsize) o->max_decompressed, 0, };

  if (o->symbolize != NULL && !ppv_read_limits_set_symbolize (&limits, o->symbolize, error))
    return NULL;

  if (ppv_source_classify (source) == PPV_SOURCE_KIND_REMOTE)
    {
      g_autofree char *uri = ppv_source_to_uri (source, o->seconds, NULL, error);
      g_autoptr(GBytes) bytes = NULL;

      if (uri == NULL)
        return NULL;
      bytes = ppv_fetch_uri_sync (uri, NULL, error);
      if (bytes == NULL)
        return NULL;
      return ppv_profile_read_bytes (bytes, source, &limits, NULL, error);
    }

  return ppv_profile_read_path (source, &limits, NULL, error);
}

/* Loads every source; like pprof, a source that fails is reported and
 * skipped, and only "none could be read" is fatal. */
static GPtrArray *
load_all (char       **sources,
          CliOptions  *o,
          gboolean    *any_failed)
{
  GPtrArray *profiles = g_ptr_array_new_with_free_func ((GDestroyNotify) ppv_profile_unref);

  for (guint i = 0; sources != NULL && sources[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      PpvProfile *p = load_source (sources[i], o, &error);

      if (p == NULL)
        {
          _ppv_cli_printerr ("pprof-viewer: %s\n", error->message);
          *any_failed = TRUE;
          continue;
        }
      g_ptr_array_add (profiles, p);
    }
  return profiles;
}

static gboolean
write_output (const char  *data,
              gsize        len,
              const char  *path,
              GError     **error)
{
  if (path != NULL && strcmp (path, "-") != 0)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (data, len);
      return ppv_write_file_atomically (path, bytes, error);
    }

  if (fwrite (data, 1, len, stdout) != len || fflush (stdout) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "standard output: %s", g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* -tagroot/-tagleaf come before any filter, as in pprof. */
static gboolean
add_label_frames (PpvProfile **profile,
                  CliOptions  *o,
                  GError     **error)
{
  gboolean root_matched, leaf_matched;
  PpvProfile *with_frames;

  with_frames = ppv_profile_add_label_frames (*profile, o->tagroot, o->tagleaf, o->report.unit,
                                              &root_matched, &leaf_matched, error);
  if (with_frames == NULL)
    return FALSE;
  if (!root_matched)
    _ppv_cli_printerr ("TagRoot expression matched no samples\n");
  if (!leaf_matched)
    _ppv_cli_printerr ("TagLeaf expression matched no samples\n");
  ppv_profile_unref (*profile);
  *profile = with_frames;
  return TRUE;
}

static int
run_traces (PpvProfile *profile,
            CliOptions *o)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) warnings = NULL;
  g_autofree char *text = ppv_traces_format (profile, &o->report, &warnings, NULL, &error);

  if (text == NULL)
    {
      _ppv_cli_printerr ("pprof-viewer: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; warnings[i] != NULL; i++)
    _ppv_cli_printerr ("%s\n", warnings[i]);
  if (!write_output (text, strlen (text), o->output_file, &error))
    {
      _ppv_cli_printerr ("pprof-viewer: %s\n", error->message);
      return 1;
    }
  return 0;
}

static void
print_warnings (const char * const *warnings)
{
  for (guint i = 0; warnings[i] != NULL; i++)
    _ppv_cli_printerr ("%s\n", warnings[i]);
}

static int
run_tags (PpvProfile *profile,
          CliOptions *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvLabelSummary) summary = ppv_label_summary_new (profile, &o->report, NULL, &error);
  g_autofree char *text = NULL;

  if (summary == NULL)
    goto failed;
  print_warnings (ppv_label_summary_get_warnings (summary));
  text = ppv_label_summary_format_tags (summary);
  if (!write_output (text, strlen (text), o->output_file, &error))
    goto failed;
  return 0;

failed:
  _ppv_cli_printerr ("pprof-viewer: %s\n", error->message);
  return 1;
}

/* Folded stacks of a big profile run to gigabytes: streamed, into a file
 * that replaces FILE only once complete. */
static int
run_folded (PpvProfile *profile,
            CliOptions *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvStackTree) tree = ppv_stack_tree_new_root_only (profile, &o->report, NULL, &error);
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean ok;

  if (tree == NULL)
    goto failed;
  print_warnings (ppv_stack_tree_get_warnings (tree));

  if (o->output_file != NULL && strcmp (o->output_file, "-") != 0)
    {
      file = g_file_new_for_commandline_arg (o->output_file);
      out = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                             NULL, &error));
      if (out == NULL)
        goto failed;
    }
  else
    out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

  ok = ppv_stack_tree_write_folded (tree, out, NULL, &error);
  if (!ok && file != NULL)
    {
      /* A cancelled close leaves the file it was to replace as it was. */
      g_autoptr(GCancellable) abandon = g_cancellable_new ();
      g_cancellable_cancel (abandon);
      g_output_stream_close (out, abandon, NULL);
    }
  if (!ok || !g_output_stream_close (out, NULL, &error))
    goto failed;
  return 0;

failed:
  /* GIO names the file when it cannot open it, not when a write fails. */
  if (file != NULL && strstr (error->message, o->output_file) == NULL)
    g_prefix_error (&error, "%s: ", o->output_file);
  _ppv_cli_printerr ("pprof-viewer: %s\n", error->message);
  return 1;
}

/* -peek is -tree without trimming, printing only the matching nodes. */
static int
run_tree (PpvProfile *profile,
          CliOptions *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvReport) report = NULL;
  g_autofree char *text = NULL;

  if (o->output == OUTPUT_PEEK)
    o->report.trim = FALSE;
  report = ppv_report_new (profile, &o->report, PPV_REPORT_KIND_TREE, NULL, &error);
  if (report == NULL)
    goto failed;
  for (const char * const *w = ppv_report_get_warnings (report); *w; w++)
    _ppv_cli_printerr ("%s\n", *w);
  text = ppv_report_format_tree (report, o->output == OUTPUT_PEEK ? o->peek : NULL, &error);
  if (text == NULL || !write_output (text, strlen (text), o->output_file, &error))
    goto failed;
  return 0;

failed:
  _ppv_cli_printerr ("pprof-viewer: %s\n", error->message);
  return 1;
}

/* The flame graph of the same stacks, culled to what can be seen, so it
 * fits in memory and is written in one piece like the other reports. */
static int
run_flamegraph (PpvProfile *profile,
                CliOptions *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvStackTree) tree = ppv_stack_tree_new (profile, &o->report, NULL, &error);
  g_autoptr(GBytes) svg = NULL;
  const char *data;
  gsize len = 0;

  if (tree != NULL)
    {
      print_warnings (ppv_stack_tree_get_warnings (tree));
      svg = ppv_flame_svg_render (tree, NULL, NULL, &error);
    }
  if (svg == NULL)
    {
      _ppv_cli_printerr ("pprof-viewer: %s\n", error->message);
      return 1;
    }
  data = g_bytes_get_data (svg, &len);
  if (!write_output (data, len, o->output_file, &error))
    {
      _ppv_cli_printerr ("pprof-viewer: %s\n", error->message);
      return 1;
    }
  return 0;
}

int
_ppv_cli_run_report (CliOptions *o)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) bases = NULL;
  g_autoptr(PpvProfile) profile = NULL;
  g_autoptr(PpvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean any_failed = FALSE;
  char **base_sources = o->diff_base ? o->diff_base : o->base;
  PpvBaseMode mode = o->diff_base ? PPV_BASE_DIFF : o->base ? PPV_BASE_SUBTRACT : PPV_BASE_NONE;

  if (o->sources == NULL || o->sources[0] == NULL)
    {
      _ppv_cli_printerr ("pprof-viewer: no profile source given (a file, '-', or host:port)\n");
      return 2;
    }
  if (o->diff_base && o->base)
    {
      _ppv_cli_printerr ("pprof-viewer: -base and -diff_base flags cannot both be specified\n");
      return 1;
    }

  /* Each failed source was already reported in one line; only say that
   * none at all could be read when there were several. */
  sources = load_all (o->sources, o, &any_failed);
  if (sources->len == 0)
    {
      if (g_strv_length (o->sources) > 1)
        _ppv_cli_printerr ("pprof-viewer: failed to fetch any source profiles\n");
      return 1;
    }
  if (base_sources != NULL)
    {
      bases = load_all (base_sources, o, &any_failed);
      if (bases->len == 0)
        {
          if (g_strv_length (base_sources) > 1)
            _ppv_cli_printerr ("pprof-viewer: failed to fetch any base profiles\n");
          return 1;
        }
    }

  profile = ppv_profile_combine ((PpvProfile **) sources->pdata, sources->len,
                                 bases ? (PpvProfile **) bases->pdata : NULL, bases ? bases->len : 0,
                                 mode, o->normalize, &error);
  if (profile == NULL)
    {
      _ppv_cli_printerr ("pprof-viewer: %s\n", error->message);
      return 1;
    }

  if (!add_label_frames (&profile, o, &error))
    {
      _ppv_cli_printerr ("pprof-viewer: %s\n", error->message);
      return 1;
    }

  if (o->output == OUTPUT_TRACES)
    return run_traces (profile, o);
  if (o->output == OUTPUT_FOLDED)
    return run_folded (profile, o);
  if (o->output == OUTPUT_TAGS)
    return run_tags (profile, o);
  if (o->output == OUTPUT_TREE || o->output == OUTPUT_PEEK)
    return run_tree (profile, o);
  if (o->output == OUTPUT_FLAMEGRAPH)
    return run_flamegraph (profile, o);

  report = ppv_report_new (profile, &o->report,
                           o->output == OUTPUT_TOP ? PPV_REPORT_KIND_TEXT : PPV_REPORT_KIND_GRAPH,
                           NULL, &error);
  if (report == NULL)
    {
      _ppv_cli_printerr ("pprof-viewer: %s\n", error->message);
      return 1;
    }

  for (const char * const *w = ppv_report_get_warnings (report); *w; w++)
    _ppv_cli_printerr ("%s\n", *w);

  if (o->output == OUTPUT_TOP)
    {
      g_autofree char *text = ppv_report_format_top (report);
      if (!write_output (text, strlen (text), o->output_file, &error))
        goto failed;
    }
  else
    {
      g_autoptr(PpvCallGraph) graph = ppv_callgraph_new (report);

      if (o->output == OUTPUT_DOT)
        {
          g_autofree char *dot = ppv_callgraph_to_dot (graph);
          if (!write_output (dot, strlen (dot), o->output_file, &error))
            goto failed;
        }
      else
        {
          g_autoptr(GBytes) svg = ppv_layout_render_svg (graph, NULL, &error);
          gsize len = 0;
          const char *data;

          if (svg == NULL)
            goto failed;
          data = g_bytes_get_data (svg, &len);
          if (!write_output (data, len, o->output_file, &error))
            goto failed;
        }
    }

  return 0;

failed:
  _ppv_cli_printerr ("pprof-viewer: %s\n", error->message);
  return 1;
}

int
ppv_cli_run (int    argc,
             char **argv)
{
  CliOptions o = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  int status;

  ppv_report_options_init (&o.report);
  o.seconds = -1;
  o.interval = -1;
  o.count = -1;
  context = build_context (&o);

  /* GOption names the program in "Usage:" only once it has parsed. */
  if (g_get_prgname () == NULL)
    {
      g_autofree char *name = g_path_get_basename (argc > 0 && argv[0] ? argv[0] : "pprof-viewer");
      g_set_prgname (name);
    }

  /* --help lists every option, not only the main group's. */
  for (int i = 1; i < argc && strcmp (argv[i], "--") != 0; i++)
    if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
      {
        g_autofree char *help = g_option_context_get_help (context, FALSE, NULL);
        fputs (help, stdout);
        ppv_report_options_clear (&o.report);
        return 0;
      }

  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);
  take_top_count (args);

  {
    int n = argc;
    char **tmp = args;
    if (!g_option_context_parse_strv (context, &tmp, &error))
      {
        _ppv_cli_printerr ("pprof-viewer: %s\n", error->message);
        ppv_report_options_clear (&o.report);
        return 2;
      }
    args = tmp;
    (void) n;
  }

  o.sources = args[0] ? args + 1 : args;
  if (o.symbolize != NULL)
    {
      PpvReadLimits check = { 0, };

      if (!ppv_read_limits_set_symbolize (&check, o.symbolize, &error))
        {
          _ppv_cli_printerr ("pprof-viewer: --symbolize: %s\n", error->message);
          ppv_report_options_clear (&o.report);
          g_free (o.symbolize);
          return 2;
        }
    }
  if (o.watch)
    {
      /* What the growth report prints: --top unless told otherwise. */
      if (o.peek != NULL && o.output == OUTPUT_NONE)
        o.output = OUTPUT_PEEK;
      if (o.peek != NULL && o.output != OUTPUT_PEEK)
        {
          _ppv_cli_printerr ("pprof-viewer: choose one of --top, --dot, --svg, --traces, --tags, --tree, --peek, --folded and --flamegraph\n");
          status = 2;
        }
      else
        {
          if (o.output == OUTPUT_NONE)
            o.output = OUTPUT_TOP;
          status = _ppv_cli_run_watch (&o);
        }
    }
  else if (o.interval != -1 || o.count != -1 || o.output_dir != NULL || o.gc)
    {
      _ppv_cli_printerr ("pprof-viewer: --interval, --count, --output-dir and --gc go with --watch\n");
      status = 2;
    }
  else if (o.peek != NULL && o.output != OUTPUT_NONE)
    {
      _ppv_cli_printerr ("pprof-viewer: choose one of --top, --dot, --svg, --traces, --tags, --tree, --peek, --folded and --flamegraph\n");
      status = 2;
    }
  else if (o.peek != NULL)
    {
      o.output = OUTPUT_PEEK;
      status = _ppv_cli_run_report (&o);
    }
  else if (o.output == OUTPUT_NONE)
    {
      _ppv_cli_printerr ("pprof-viewer: choose one of --top, --dot, --svg, --traces, --tags, --tree, --peek, --folded and --flamegraph\n");
      status = 2;
    }
  else
    status = _ppv_cli_run_report (&o);

  ppv_report_options_clear (&o.report);
  g_free (o.output_file);
  g_strfreev (o.diff_base);
  g_strfreev (o.base);
  g_free (o.tagroot);
  g_free (o.tagleaf);
  g_free (o.peek);
  g_free (o.symbolize);
  g_free (o.output_dir);
  return status;
}
