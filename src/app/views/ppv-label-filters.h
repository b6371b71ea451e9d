/* ppv-label-filters.h — filters picked from label values (tagfocus,
 * tagignore) and label keys to group by (tagroot, tagleaf), and the
 * pprof options they become.
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
  PPV_LABEL_FOCUS,        /* tagfocus: keep samples with the value */
  PPV_LABEL_IGNORE,       /* tagignore: drop samples with the value */
  PPV_LABEL_GROUP_ROOT,   /* tagroot: the key's values as root frames */
  PPV_LABEL_GROUP_LEAF,   /* tagleaf: ... as leaf frames */
} PpvLabelFilterKind;

typedef struct
{
  PpvLabelFilterKind kind;
  char              *key;
  char              *value;   /* a string value, or NULL */
  char              *range;   /* a numeric range in pprof's syntax
                               * ("1024bytes:65536bytes"), or NULL */
  char              *shown;   /* what a chip says: "hash", "1kB – 64kB" */
} PpvLabelFilter;

void        ppv_label_filter_free           (PpvLabelFilter     *filter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpvLabelFilter, ppv_label_filter_free)

/* "tagfocus", "tagignore", "tagroot", "tagleaf". */
const char *ppv_label_filter_kind_to_string (PpvLabelFilterKind  kind);
gboolean    ppv_label_filter_kind_parse     (const char         *str,
                                             PpvLabelFilterKind *kind);
/* Translated, for chips: "Label focus", "Grouped by"... */
const char *ppv_label_filter_kind_label     (PpvLabelFilterKind  kind);
/* The option a filter stands for, as a chip names it: "worker=hash",
 * "request_bytes=1024bytes:65536bytes", or the key of a group. */
char       *ppv_label_filter_describe       (const PpvLabelFilter *filter);

/* pprof's numeric range from @low to @high (inclusive, raw values in
 * @unit, a key's unit): with the unit when pprof's range syntax can name
 * it, else bare numbers, which match a key of an unknown unit. */
char       *ppv_label_range_new             (gint64              low,
                                             gint64              high,
                                             const char         *unit);

/* Adds to @filters (PpvLabelFilter, owned): a value of @key (@range NULL)
 * or a numeric range (@value NULL) for focus and ignore, just @key for the
 * groups.  pprof takes one tagfocus and one tagignore, so a range replaces
 * the other filters of its kind and a value replaces a range; a key
 * grouped at one end moves from the other.  FALSE if nothing changed. */
gboolean    ppv_label_filters_add           (GPtrArray          *filters,
                                             PpvLabelFilterKind  kind,
                                             const char         *key,
                                             const char         *value,
                                             const char         *range,
                                             const char         *shown);
/* Sets tagfocus and tagignore of @options from @filters: the values of
 * one key combine as pprof's "key=re1,re2" does (any of them); focus on
 * values of several keys needs one of each, ignore drops any of them. */
void        ppv_label_filters_apply         (GPtrArray          *filters,
                                             PpvReportOptions   *options);
/* The keys grouped at the root or the leaf, comma-separated, or NULL. */
char       *ppv_label_filters_dup_group     (GPtrArray          *filters,
                                             PpvLabelFilterKind  kind);

G_END_DECLS
