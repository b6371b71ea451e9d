/* ppv-report-job.c — cancel-and-replace report rebuilds shared by the views.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-report-job.h"

void
_ppv_report_job_init (PpvReportJob *job)
{
  job->profile = NULL;
  ppv_report_options_init (&job->options);
  job->cancellable = g_cancellable_new ();
  job->idle_source = 0;
}

void
_ppv_report_job_cancel (PpvReportJob *job)
{
  g_clear_handle_id (&job->idle_source, g_source_remove);
  g_cancellable_cancel (job->cancellable);
}

void
_ppv_report_job_clear (PpvReportJob *job)
{
  _ppv_report_job_cancel (job);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->profile, ppv_profile_unref);
  ppv_report_options_clear (&job->options);
}

void
_ppv_report_job_set_inputs (PpvReportJob           *job,
                            PpvProfile             *profile,
                            const PpvReportOptions *options)
{
  if (profile != job->profile)
    {
      g_clear_pointer (&job->profile, ppv_profile_unref);
      if (profile != NULL)
        job->profile = ppv_profile_ref (profile);
    }
  if (options != &job->options)
    {
      ppv_report_options_clear (&job->options);
      ppv_report_options_copy (&job->options, options);
    }

  /* Cancel and replace: whatever is running or queued is stale now. */
  g_clear_handle_id (&job->idle_source, g_source_remove);
  g_cancellable_cancel (job->cancellable);
  g_clear_object (&job->cancellable);
  job->cancellable = g_cancellable_new ();
}

void
_ppv_report_job_queue (PpvReportJob *job,
                       GSourceFunc   rebuild,
                       gpointer      user_data)
{
  /* One idle coalesces every change made before it runs.  Not a low
   * priority one: while something animates and frames take longer than
   * the frame interval (software GL), redraws are always pending and a
   * low-priority idle would never run. */
  if (job->idle_source == 0)
    job->idle_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild, user_data, NULL);
}

static void
inputs_free (PpvReportInputs *inputs)
{
  g_clear_pointer (&inputs->profile, ppv_profile_unref);
  ppv_report_options_clear (&inputs->options);
  if (inputs->view_data_free != NULL)
    inputs->view_data_free (inputs->view_data);
  g_free (inputs);
}

gboolean
_ppv_report_job_start (PpvReportJob        *job,
                       gpointer             source_object,
                       gpointer             source_tag,
                       GTaskThreadFunc      thread,
                       GAsyncReadyCallback  done,
                       gpointer             view_data,
                       GDestroyNotify       view_data_free)
{
  g_autoptr(GTask) task = NULL;
  PpvReportInputs *inputs;

  job->idle_source = 0;
  if (job->profile == NULL)
    {
      if (view_data_free != NULL)
        view_data_free (view_data);
      return FALSE;
    }

  inputs = g_new0 (PpvReportInputs, 1);
  inputs->profile = ppv_profile_ref (job->profile);
  ppv_report_options_copy (&inputs->options, &job->options);
  inputs->view_data = view_data;
  inputs->view_data_free = view_data_free;

  task = g_task_new (source_object, job->cancellable, done, NULL);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, inputs, (GDestroyNotify) inputs_free);
  g_task_run_in_thread (task, thread);
  return TRUE;
}

gpointer
_ppv_report_job_finish (PpvReportJob    *job,
                        GAsyncResult    *result,
                        GDestroyNotify   free_result,
                        gboolean        *settled,
                        GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  gpointer value = g_task_propagate_pointer (G_TASK (result), &local_error);

  *settled = job->idle_source == 0;
  if (g_task_get_cancellable (G_TASK (result)) != job->cancellable ||
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (value != NULL)
        free_result (value);
      return NULL;
    }

  if (value == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return value;
}
