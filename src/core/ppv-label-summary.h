/* ppv-label-summary.h — every label key of a profile with its values and
 * their totals: pprof's -tags, and what the window's Labels pane lists.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PpvLabelSummary is immutable and atomically reference-counted.
 */
#pragma once

#include <gio/gio.h>

#include "ppv-report.h"

G_BEGIN_DECLS

typedef struct
{
  /* A string label's value, or a numeric one scaled as pprof prints it
   * ("2kB"); numeric values printing alike are one value, as in pprof. */
  const char *name;
  gint64      weight;      /* Σ of the chosen sample column over its samples */
  guint       n_samples;   /* kept samples carrying it */
  gboolean    numeric;
  gint64      num_min;     /* numeric: smallest and largest raw value */
  gint64      num_max;     /* merged under this name, in the key's unit */
} PpvLabelValue;

typedef struct
{
  const char          *key;
  gint64               total;      /* Σ of its values' weights */
  guint                n_samples;  /* kept samples carrying the key */
  gboolean             numeric;    /* some values are numeric */
  const char          *unit;       /* numeric: the key's unit ("bytes") */
  guint                n_values;
  const PpvLabelValue *values;     /* by |weight|, then name, as pprof */
} PpvLabelKey;

typedef struct _PpvLabelSummary PpvLabelSummary;

#define PPV_TYPE_LABEL_SUMMARY (ppv_label_summary_get_type ())

GType ppv_label_summary_get_type (void) G_GNUC_CONST;

/* The labels of the samples @options keep (focus, ignore, show, hide,
 * tagfocus, tagignore...), without the keys tagshow/taghide remove,
 * weighed by the chosen sample column (pprof's -tags ignores --mean and
 * --divide_by). */
PpvLabelSummary *ppv_label_summary_new   (PpvProfile             *profile,
                                          const PpvReportOptions *options,
                                          GCancellable           *cancellable,
                                          GError                **error);
PpvLabelSummary *ppv_label_summary_ref   (PpvLabelSummary *self);
void             ppv_label_summary_unref (PpvLabelSummary *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpvLabelSummary, ppv_label_summary_unref)

/* Keys by name. */
guint              ppv_label_summary_get_n_keys   (PpvLabelSummary *self);
const PpvLabelKey *ppv_label_summary_get_key      (PpvLabelSummary *self,
                                                   guint            index);
/* The report's percentage base (Σ|value| before the filters) and how
 * many samples the filters keep (with or without labels). */
gint64             ppv_label_summary_get_total     (PpvLabelSummary *self);
guint              ppv_label_summary_get_n_samples (PpvLabelSummary *self);
/* The chosen column's name ("cpu", "mean_delay" with --mean). */
const char        *ppv_label_summary_get_type_name   (PpvLabelSummary *self);
/* The chosen column's unit and the output unit (--unit or "minimum"). */
const char        *ppv_label_summary_get_sample_unit (PpvLabelSummary *self);
const char        *ppv_label_summary_get_output_unit (PpvLabelSummary *self);
/* "Focus expression matched no samples", "TagShow expression matched no
 * samples": NULL-terminated. */
const char * const *ppv_label_summary_get_warnings (PpvLabelSummary *self);

/* A weight as -tags prints it: "%.1f" and the unit ("500.0ms", "13.0"). */
char *ppv_label_summary_format_weight (PpvLabelSummary *self,
                                       gint64           weight);
/* The complete `go tool pprof -tags` text. */
char *ppv_label_summary_format_tags   (PpvLabelSummary *self);

G_END_DECLS
