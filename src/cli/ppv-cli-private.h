/* ppv-cli-private.h — what the headless commands share: the parsed options, messages, the report run.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-report.h"

G_BEGIN_DECLS

typedef enum
{
  OUTPUT_NONE,
  OUTPUT_TOP,
  OUTPUT_DOT,
  OUTPUT_SVG,
  OUTPUT_TRACES,
  OUTPUT_TAGS,
  OUTPUT_FOLDED,
  OUTPUT_TREE,
  OUTPUT_PEEK,
  OUTPUT_FLAMEGRAPH,
} OutputKind;

typedef struct
{
  OutputKind        output;
  PpvReportOptions  report;
  char             *output_file;
  char            **diff_base;
  char            **base;
  gboolean          normalize;
  int               seconds;
  gint64            max_decompressed;
  char             *symbolize;
  char             *tagroot;
  char             *tagleaf;
  char             *peek;
  char            **sources;
  /* --watch */
  gboolean          watch;
  int               interval;
  int               count;
  char             *output_dir;
  gboolean          gc;
} CliOptions;

/* Messages are UTF-8 ("—", names from profiles); g_printerr would
 * convert them to the locale's charset and print "?" under LANG=C. */
void _ppv_cli_printerr   (const char *format,
                          ...) G_GNUC_PRINTF (1, 2);

/* Loads @o's sources (and bases) and prints the chosen output: what
 * `pprof-viewer --top …` does.  Returns the exit status. */
int  _ppv_cli_run_report (CliOptions *o);

/* --watch (ppv-cli-watch.c).  Returns the exit status. */
int  _ppv_cli_run_watch  (CliOptions *o);

G_END_DECLS
