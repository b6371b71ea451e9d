/* ppv-report.h — a report over one profile for one set of options: the
 * rows of `pprof -top` and the graph behind `pprof -dot`.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PpvReport is immutable: changing an option builds a new report.
 */
#pragma once

#include <gio/gio.h>

#include "ppv-profile.h"

G_BEGIN_DECLS

typedef enum
{
  PPV_GRANULARITY_FUNCTIONS,
  PPV_GRANULARITY_FILEFUNCTIONS,
  PPV_GRANULARITY_FILES,
  PPV_GRANULARITY_LINES,
  PPV_GRANULARITY_ADDRESSES,
} PpvGranularity;

typedef enum
{
  PPV_REPORT_KIND_TEXT,    /* -top: nodecount 0 (all), flat or cum order */
  PPV_REPORT_KIND_GRAPH,   /* -dot: nodecount 80, entropy order, residual edges pruned */
  PPV_REPORT_KIND_TREE,    /* -tree, -peek: nodecount 80, flat or cum order, every edge */
} PpvReportKind;

typedef struct
{
  char          *sample_index;   /* type name or number; NULL = pprof's default */
  gboolean       mean;
  char          *unit;           /* NULL = "minimum" */
  double         divide_by;      /* 0 or 1 = none */
  PpvGranularity granularity;
  gboolean       noinlines;
  char          *focus;
  char          *ignore;
  char          *hide;
  char          *show;
  char          *show_from;
  char          *tagfocus;
  char          *tagignore;
  char          *tagshow;
  char          *taghide;
  char          *prune_from;     /* applied after every filter, never listed */
  gboolean       cum_sort;
  int            nodecount;      /* -1 = default for the kind */
  double         nodefraction;
  double         edgefraction;
  gboolean       trim;
  gboolean       drop_negative;
  gboolean       relative_percentages;
} PpvReportOptions;

void  ppv_report_options_init  (PpvReportOptions       *options);
void  ppv_report_options_clear (PpvReportOptions       *options);
void  ppv_report_options_copy  (PpvReportOptions       *dest,
                                const PpvReportOptions *src);
/* A new copy of @src on the heap (pprof's defaults when @src is NULL),
 * for options handed to a worker; ppv_report_options_free() frees it. */
PpvReportOptions *ppv_report_options_dup  (const PpvReportOptions *src);
void              ppv_report_options_free (PpvReportOptions       *options);
/* Human-readable summary of the active filters ("focus=main\.foo"), one per
 * line in pprof's order, or NULL if none. */
char *ppv_report_options_describe_filters (const PpvReportOptions *options);

typedef enum
{
  PPV_INLINE_NONE,
  PPV_INLINE_FULL,       /* " (inline)" */
  PPV_INLINE_PARTIAL,    /* " (partial-inline)" */
} PpvInlineMark;

typedef struct
{
  const char   *name;         /* printable name ("main.foo", "main.foo /x.go:12") */
  const char   *function;     /* function name only, may be "" */
  gint64        flat;         /* in the report's scale (mean-divided when --mean) */
  gint64        cum;
  PpvInlineMark inline_mark;
} PpvReportRow;

typedef struct
{
  guint    src;               /* row indices */
  guint    dst;
  gint64   weight;
  gboolean residual;          /* frames were removed between src and dst */
  gboolean inline_call;
} PpvReportEdge;

typedef struct _PpvReport PpvReport;

#define PPV_TYPE_REPORT (ppv_report_get_type ())

GType      ppv_report_get_type (void) G_GNUC_CONST;

PpvReport *ppv_report_new   (PpvProfile             *profile,
                             const PpvReportOptions *options,
                             PpvReportKind           kind,
                             GCancellable           *cancellable,
                             GError                **error);
PpvReport *ppv_report_ref   (PpvReport *self);
void       ppv_report_unref (PpvReport *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpvReport, ppv_report_unref)

PpvProfile            *ppv_report_get_profile  (PpvReport *self);
const PpvReportOptions *ppv_report_get_options (PpvReport *self);
PpvReportKind          ppv_report_get_kind     (PpvReport *self);

/* Rows in display order (flat, cum or entropy order by kind/options). */
guint                ppv_report_get_n_rows  (PpvReport *self);
const PpvReportRow  *ppv_report_get_row     (PpvReport *self,
                                             guint      index);
/* Edges of the trimmed graph, sorted as pprof emits them (graph kind
 * only: a text report has none). */
guint                ppv_report_get_n_edges (PpvReport *self);
const PpvReportEdge *ppv_report_get_edge    (PpvReport *self,
                                             guint      index);

gint64      ppv_report_get_total        (PpvReport *self);  /* percentage base */
/* Name of the chosen sample type ("inuse_space", "mean_delay"). */
const char *ppv_report_get_type_name    (PpvReport *self);
/* The header lines as pprof prints them for this kind (File:, Type:, ...,
 * Showing nodes accounting for ..., Dropped ..., Showing top ...). */
const char * const *ppv_report_get_header_lines (PpvReport *self);
/* Warnings such as "Focus expression matched no samples". */
const char * const *ppv_report_get_warnings     (PpvReport *self);

/* A value in the report's common unit ("0.50s", "6144kB", "0"). */
char       *ppv_report_format_value     (PpvReport *self,
                                         gint64     value);
/* pprof's Percentage(value, total): "47.17%", "  100%", " 0.05%". */
char       *ppv_format_percentage       (gint64     value,
                                         gint64     total);

/* The complete `go tool pprof -top` text. */
char       *ppv_report_format_top       (PpvReport *self);
/* The complete `go tool pprof -tree` text of a tree report; with @symbol,
 * `-peek=SYMBOL`'s: only the nodes whose printed name matches the regexp
 * (unanchored), or NULL with PPV_REPORT_ERROR_NO_MATCH.  A peek report is
 * built untrimmed (trim FALSE), as pprof builds it. */
char       *ppv_report_format_tree      (PpvReport   *self,
                                         const char  *symbol,
                                         GError     **error);

G_END_DECLS
