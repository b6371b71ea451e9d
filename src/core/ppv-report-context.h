/* ppv-report-context.h — what every aggregate over a profile shares for
 * one set of options: sample column, mean and divisor, type name, total,
 * frame selection, node identity, output unit and value formatting.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The call graph behind PpvReport is one aggregate; a stack tree,
 * callers/callees or a table over snapshots are others.  Built from the
 * same context they filter, total and print values alike.  A context is
 * immutable once built and atomically reference-counted: one can be
 * handed to several worker threads at once.
 */
#pragma once

#include "ppv-node-ids.h"

G_BEGIN_DECLS

PpvReportContext *_ppv_report_context_new   (PpvProfile             *profile,
                                             const PpvReportOptions *options,
                                             GCancellable           *cancellable,
                                             GError                **error);
PpvReportContext *_ppv_report_context_ref   (PpvReportContext *self);
void              _ppv_report_context_unref (PpvReportContext *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpvReportContext, _ppv_report_context_unref)

PpvProfile              *_ppv_report_context_get_profile      (PpvReportContext *self);
/* The options it was built with (not a report's trimmed ones). */
const PpvReportOptions  *_ppv_report_context_get_options      (PpvReportContext *self);
/* The column -sample_index chose (pprof's default when unset). */
guint                    _ppv_report_context_get_sample_index (PpvReportContext *self);
/* "inuse_space", or "mean_delay" with --mean. */
const char              *_ppv_report_context_get_type_name    (PpvReportContext *self);
/* The chosen column's unit as the profile says it ("bytes", "nanoseconds"). */
const char              *_ppv_report_context_get_sample_unit  (PpvReportContext *self);
/* The percentage base: Σ|value| of the samples (of the diff base only if
 * there is one; of the kept ones with relative_percentages), divided by
 * Σvalue[0] with --mean. */
gint64                   _ppv_report_context_get_total        (PpvReportContext *self);
const PpvFrameSelection *_ppv_report_context_get_selection    (PpvReportContext *self);
const PpvNodeIds        *_ppv_report_context_get_node_ids     (PpvReportContext *self);

/* TRUE if sample @sample is part of a -diff_base (label pprof::base=true). */
gboolean _ppv_report_context_is_diff_base_sample (PpvReportContext *self,
                                                  guint32           sample);
/* Sample @sample's value in the chosen column and its --mean divisor
 * (0 without --mean); FALSE if the filters drop the sample or both are
 * zero (pprof skips such samples). */
gboolean _ppv_report_context_sample_weight      (PpvReportContext *self,
                                                  guint32           sample,
                                                  gint64           *weight,
                                                  gint64           *divisor);

/* pprof's "minimum" unit is chosen over the values a report shows: feed
 * each shown node's flat and cum (mean-divided) to a scan. */
typedef struct
{
  guint  n_values;
  gint64 smallest;   /* smallest nonzero magnitude, 0 if none */
} PpvUnitScan;

static inline void
_ppv_unit_scan_add (PpvUnitScan *scan,
                    gint64       flat,
                    gint64       cum)
{
  gint64 v = _ppv_abs64 (flat);

  /* A node without flat value is represented by its cum. */
  if (v == 0)
    v = _ppv_abs64 (cum);
  if (v > 0 && (scan->smallest == 0 || v < scan->smallest))
    scan->smallest = v;
  scan->n_values++;
}

/* The unit values are shown in: the --unit option, or pprof's choice
 * between the smallest value scanned and the total ("minimum" when
 * nothing was scanned: then each value picks its own). */
char *_ppv_report_context_choose_unit  (PpvReportContext  *self,
                                        const PpvUnitScan *scan);
/* @value (in the sample unit, mean-divided) in @output_unit, after
 * --divide_by: "0.50s", "6144kB", "0". */
char *_ppv_report_context_format_value (PpvReportContext  *self,
                                        const char        *output_unit,
                                        gint64             value);
/* pprof's ProfileLabels, the header every text report starts with: File,
 * Build ID, comments, Type, Time, and Duration with the total in
 * @output_unit.  Appended to @out as new strings. */
void  _ppv_report_context_add_profile_labels (PpvReportContext *self,
                                              const char       *output_unit,
                                              GPtrArray        *out);

G_END_DECLS
