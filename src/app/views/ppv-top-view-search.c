/* ppv-top-view-search.c — the top table's search (Ctrl+F): rows whose
 * name contains the text, matched in a worker on large tables.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-top-view-private.h"

/* Larger tables search in a worker (200k names take ~40 ms). */
#define SEARCH_IN_THREAD_ROWS 20000

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  PpvTopModel *model = g_object_get_data (G_OBJECT (task), "model");
  guint8 *matches = ppv_top_model_match (model, task_data, cancellable);

  if (matches == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
  else
    g_task_return_pointer (task, matches, g_free);
}

static void
search_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  PpvTopView *self = PPV_TOP_VIEW (object);
  PpvTopModel *model = g_object_get_data (G_OBJECT (result), "model");
  g_autofree char *selected = NULL;
  guint8 *matches;

  matches = g_task_propagate_pointer (G_TASK (result), NULL);
  if (matches == NULL)
    return;
  if (model != ppv_top_list_get_model (self->list))
    {
      g_free (matches);
      return;
    }

  selected = _ppv_top_view_dup_selected_name (self);
  self->selecting = TRUE;
  ppv_top_list_set_matches (self->list, matches);
  self->selecting = FALSE;
  _ppv_top_view_restore_selection (self, selected);
}

/* Applies the current needle to the current model: at once for small
 * tables, in a worker for large ones (200k names take ~40 ms). */
void
_ppv_top_view_apply_search (PpvTopView *self)
{
  PpvTopModel *model = ppv_top_list_get_model (self->list);
  g_autoptr(GTask) task = NULL;
  g_autofree char *selected = NULL;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (model == NULL)
    return;

  if (self->needle != NULL && ppv_top_model_get_n_rows (model) > SEARCH_IN_THREAD_ROWS)
    {
      self->search_cancellable = g_cancellable_new ();
      task = g_task_new (self, self->search_cancellable, search_done, NULL);
      g_task_set_source_tag (task, _ppv_top_view_apply_search);
      g_object_set_data_full (G_OBJECT (task), "model", g_object_ref (model), g_object_unref);
      g_task_set_task_data (task, g_strdup (self->needle), g_free);
      g_task_run_in_thread (task, search_thread);
      return;
    }

  selected = _ppv_top_view_dup_selected_name (self);
  self->selecting = TRUE;
  ppv_top_list_set_matches (self->list,
                            self->needle != NULL ? ppv_top_model_match (model, self->needle, NULL) : NULL);
  self->selecting = FALSE;
  _ppv_top_view_restore_selection (self, selected);
}

void
_ppv_top_view_set_search (PpvReportPane *pane,
                          const char    *text)
{
  PpvTopView *self = PPV_TOP_VIEW (pane);
  g_autofree char *needle = NULL;

  needle = text != NULL && text[0] != '\0' ? g_ascii_strdown (text, -1) : NULL;
  if (g_strcmp0 (needle, self->needle) == 0)
    return;

  g_free (self->needle);
  self->needle = g_steal_pointer (&needle);
  _ppv_top_view_apply_search (self);
}
