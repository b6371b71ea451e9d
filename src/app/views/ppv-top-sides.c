/* ppv-top-sides.c — a comparison's base and new value for each row of the top table.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A comparison's rows carry the change only: with -base equal stacks
 * cancel in the merge, so the two sides cannot be read back from it.
 * Each side is reported on its own instead, after the compared table is
 * shown, so they never delay it.
 */
#include "ppv-top-sides.h"

typedef struct
{
  PpvTopModel *model;
  PpvProfile  *before;
  PpvProfile  *after;
  gint64      *values[2];
} SidesJob;

static void
sides_job_free (SidesJob *job)
{
  g_clear_object (&job->model);
  g_clear_pointer (&job->before, ppv_profile_unref);
  g_clear_pointer (&job->after, ppv_profile_unref);
  g_free (job->values[0]);
  g_free (job->values[1]);
  g_free (job);
}

static gint64 *
side_values (PpvTopModel   *model,
             PpvProfile    *profile,
             GCancellable  *cancellable,
             GError       **error)
{
  PpvReport *compared = ppv_top_model_get_report (model);
  guint n_rows = ppv_top_model_get_n_rows (model);
  g_autoptr(PpvReport) report = NULL;
  g_autoptr(GHashTable) by_name = NULL;
  PpvReportOptions options;
  gint64 *values;

  /* Every node: a row the comparison keeps may be trimmed on one side. */
  ppv_report_options_init (&options);
  ppv_report_options_copy (&options, ppv_report_get_options (compared));
  options.trim = FALSE;
  report = ppv_report_new (profile, &options, PPV_REPORT_KIND_TEXT, cancellable, error);
  ppv_report_options_clear (&options);
  if (report == NULL)
    return NULL;

  by_name = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = ppv_report_get_n_rows (report); i > 0; i--)
    {
      const PpvReportRow *row = ppv_report_get_row (report, i - 1);
      g_hash_table_insert (by_name, (gpointer) row->name, (gpointer) row);
    }

  values = g_new0 (gint64, MAX (n_rows, 1));
  for (guint i = 0; i < n_rows; i++)
    {
      const PpvReportRow *row = g_hash_table_lookup (by_name, ppv_top_model_get_row (model, i)->name);
      values[i] = row != NULL ? row->flat : 0;
    }
  return values;
}

static void
sides_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  SidesJob *job = task_data;
  GError *error = NULL;

  if ((job->values[0] = side_values (job->model, job->before, cancellable, &error)) == NULL ||
      (job->values[1] = side_values (job->model, job->after, cancellable, &error)) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
ppv_top_sides_compute_async (PpvTopModel         *model,
                             PpvProfile          *before,
                             PpvProfile          *after,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SidesJob *job = g_new0 (SidesJob, 1);

  job->model = g_object_ref (model);
  job->before = ppv_profile_ref (before);
  job->after = ppv_profile_ref (after);
  task = g_task_new (model, cancellable, callback, user_data);
  g_task_set_source_tag (task, ppv_top_sides_compute_async);
  g_task_set_task_data (task, job, (GDestroyNotify) sides_job_free);
  g_task_run_in_thread (task, sides_thread);
}

gboolean
ppv_top_sides_compute_finish (GAsyncResult  *result,
                              GError       **error)
{
  SidesJob *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  ppv_top_model_set_sides (job->model, g_steal_pointer (&job->values[0]),
                           g_steal_pointer (&job->values[1]));
  return TRUE;
}
