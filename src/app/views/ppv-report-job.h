/* ppv-report-job.h — cancel-and-replace report rebuilds shared by the views.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A report pane (ppv-report-pane.h) keeps its inputs (profile, options)
 * in a PpvReportJob.  Each change cancels whatever runs and queues one
 * idle, so ten quick changes cost one rebuild; the idle runs the pane's
 * worker function on a copy of the inputs, and a result that arrives
 * after a newer request is dropped.
 */
#pragma once

#include <gio/gio.h>

#include "ppv-report.h"

G_BEGIN_DECLS

typedef struct
{
  PpvProfile       *profile;
  PpvReportOptions  options;
  GCancellable     *cancellable;
  guint             idle_source;
} PpvReportJob;

/* What the worker receives as task data. */
typedef struct
{
  PpvProfile       *profile;
  PpvReportOptions  options;
  gpointer          view_data;       /* what else the view's worker needs */
  GDestroyNotify    view_data_free;
} PpvReportInputs;

void     _ppv_report_job_init       (PpvReportJob           *job);
/* Cancels the running work; call from dispose. */
void     _ppv_report_job_cancel     (PpvReportJob           *job);
void     _ppv_report_job_clear      (PpvReportJob           *job);
/* Takes new inputs and cancels whatever runs or is queued (it is stale
 * now), replacing the cancellable; starts nothing. */
void     _ppv_report_job_set_inputs (PpvReportJob           *job,
                                     PpvProfile             *profile,
                                     const PpvReportOptions *options);
/* Queues @rebuild (once) to run _ppv_report_job_start() on the inputs. */
void     _ppv_report_job_queue      (PpvReportJob           *job,
                                     GSourceFunc             rebuild,
                                     gpointer                user_data);
/* From the idle: runs @thread on a copy of the inputs (PpvReportInputs as
 * task data, with @view_data, freed with the task).  Returns FALSE,
 * starting nothing, when there is no profile. */
gboolean _ppv_report_job_start      (PpvReportJob           *job,
                                     gpointer                source_object,
                                     gpointer                source_tag,
                                     GTaskThreadFunc         thread,
                                     GAsyncReadyCallback     done,
                                     gpointer                view_data,
                                     GDestroyNotify          view_data_free);
/* In a view's done callback: the worker's result, or NULL — with @error
 * set when the current request failed, without when the result is stale
 * (replaced or cancelled: freed with @free_result).  *@settled says no
 * newer request is queued, so the view may stop showing it is loading. */
gpointer _ppv_report_job_finish     (PpvReportJob           *job,
                                     GAsyncResult           *result,
                                     GDestroyNotify          free_result,
                                     gboolean               *settled,
                                     GError                **error);

G_END_DECLS
