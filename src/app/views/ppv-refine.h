/* ppv-refine.h — refine filters picked in the views (focus, ignore, hide,
 * show) and the regular expressions they become, as pprof's web UI does.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ppv-report.h"

G_BEGIN_DECLS

typedef enum
{
  PPV_REFINE_FOCUS,
  PPV_REFINE_IGNORE,
  PPV_REFINE_HIDE,
  PPV_REFINE_SHOW,
  PPV_REFINE_SHOW_FROM,   /* pprof's show_from: drops the frames above */
} PpvRefineKind;

typedef struct
{
  PpvRefineKind  kind;
  char          *name;    /* what the user picked */
  char          *regex;   /* "^" + escaped name + "$" */
} PpvRefineFilter;

PpvRefineFilter *ppv_refine_filter_new   (PpvRefineKind          kind,
                                          const char            *name);
void             ppv_refine_filter_free  (PpvRefineFilter       *filter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpvRefineFilter, ppv_refine_filter_free)

/* A regular expression matching exactly @name. */
char            *ppv_refine_quote        (const char            *name);
gboolean         ppv_refine_kind_parse   (const char            *str,
                                          PpvRefineKind         *kind);
const char      *ppv_refine_kind_to_string (PpvRefineKind        kind);
/* "Focus", "Ignore"... for chips. */
const char      *ppv_refine_kind_label   (PpvRefineKind          kind);

/* Adds a filter to @filters (PpvRefineFilter, owned): focus, show and
 * show_from replace one of their kind; ignore and hide accumulate (a repeated name
 * is not added twice).  Returns FALSE if nothing changed. */
gboolean         ppv_refine_add          (GPtrArray             *filters,
                                          PpvRefineKind          kind,
                                          const char            *name);
/* Sets focus/ignore/hide/show of @options from @filters.  Several ignore
 * or hide filters join with "|", the newest first like pprof's web UI. */
void             ppv_refine_apply        (GPtrArray             *filters,
                                          PpvReportOptions      *options);

/* What a view refines on when the user picks a node: its function name
 * where it has one (at lines and addresses granularity the printed name
 * says more than the name), else the printed name. */
const char      *ppv_refine_target       (const char            *function,
                                          const char            *name);

/* The views' search: @name contains @needle, ignoring ASCII case.  A NULL
 * or empty @needle matches every name. */
gboolean         ppv_name_matches        (const char            *name,
                                          const char            *needle);

G_END_DECLS
