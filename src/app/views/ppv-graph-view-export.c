/* ppv-graph-view-export.c — the call graph's export actions: SVG or DOT
 * through a file chooser (graph.export-svg, graph.export-dot) or to a
 * given path (graph.export-to), written atomically in a worker.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <string.h>

#include "ppv-atomic-file.h"
#include "ppv-export-dialog.h"
#include "ppv-graph-view-private.h"
#include "ppv-svg.h"

typedef struct
{
  PpvCallGraph         *graph;
  PpvGraphExportFormat  format;
  char                 *path;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_pointer (&data->graph, ppv_callgraph_unref);
  g_free (data->path);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (data->format == PPV_GRAPH_EXPORT_SVG)
    bytes = ppv_layout_render_svg (data->graph, cancellable, &error);
  else
    {
      char *dot = ppv_callgraph_to_dot (data->graph);

      bytes = g_bytes_new_take (dot, strlen (dot));
    }

  if (bytes == NULL || !ppv_write_file_atomically (data->path, bytes, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  PpvReportPane *pane = PPV_REPORT_PANE (object);
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ppv_report_pane_toast (pane, error->message);
      return;
    }

  name = g_path_get_basename (data->path);
  /* Translators: a toast after writing a file; %s is its name. */
  message = g_strdup_printf (_("Exported to %s"), name);
  ppv_report_pane_toast (pane, message);
}

/* Exports the graph for the current options: the one shown, or, while
 * the pane is stale or building, the one it builds next. */
static void
export_to_path (PpvGraphView         *self,
                PpvGraphExportFormat  format,
                const char           *path)
{
  PpvReportPane *pane = PPV_REPORT_PANE (self);
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  if (ppv_report_pane_get_profile (pane) == NULL)
    return;

  if (self->graph == NULL || ppv_report_pane_get_stale (pane) || ppv_report_pane_get_loading (pane))
    {
      g_free (self->pending_path);
      self->pending_path = g_strdup (path);
      self->pending_format = format;
      ppv_report_pane_refresh (pane);
      return;
    }

  data = g_new0 (ExportData, 1);
  data->graph = ppv_callgraph_ref (self->graph);
  data->format = format;
  data->path = g_strdup (path);

  task = g_task_new (self, NULL, export_done, NULL);
  g_task_set_source_tag (task, export_to_path);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

void
_ppv_graph_view_run_pending_export (PpvGraphView *self)
{
  g_autofree char *path = g_steal_pointer (&self->pending_path);

  if (path != NULL && self->graph != NULL)
    export_to_path (self, self->pending_format, path);
}

/* A failed build exports nothing: the failure is said already. */
static void
on_failed (PpvGraphView *self)
{
  g_clear_pointer (&self->pending_path, g_free);
}

static void
on_chosen (PpvReportPane *pane,
           int            format,
           GFile         *file)
{
  g_autofree char *path = g_file_get_path (file);

  export_to_path (PPV_GRAPH_VIEW (pane), format, path);
}

static void
open_export_dialog (PpvGraphView         *self,
                    PpvGraphExportFormat  format)
{
  gboolean svg = format == PPV_GRAPH_EXPORT_SVG;
  g_autofree char *stem = ppv_report_pane_dup_export_stem (PPV_REPORT_PANE (self));
  g_autofree char *name = g_strconcat (stem, svg ? ".svg" : ".dot", NULL);
  PpvExportDialogSpec spec_svg = { _("Export Call Graph as SVG"), name, _("SVG images"),
                                   "image/svg+xml", { "svg", NULL } };
  PpvExportDialogSpec spec_dot = { _("Export Call Graph as DOT"), name, _("Graphviz DOT files"),
                                   "text/vnd.graphviz", { "dot", "gv", NULL } };

  if (ppv_report_pane_get_profile (PPV_REPORT_PANE (self)) == NULL)
    return;

  _ppv_graph_view_dispose_export (self);
  ppv_export_dialog_show (PPV_REPORT_PANE (self), &self->chooser, svg ? &spec_svg : &spec_dot,
                          format, on_chosen);
}

void
_ppv_graph_view_dispose_export (PpvGraphView *self)
{
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_pointer (&self->pending_path, g_free);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_export_dialog (PPV_GRAPH_VIEW (widget),
                      g_str_equal (action_name, "graph.export-dot") ? PPV_GRAPH_EXPORT_DOT
                                                                    : PPV_GRAPH_EXPORT_SVG);
}

/* For scripts and tests: ("svg"|"dot", path), no dialog. */
static void
export_to_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  const char *format, *path;

  g_variant_get (parameter, "(&s&s)", &format, &path);
  export_to_path (PPV_GRAPH_VIEW (widget),
                  g_strcmp0 (format, "dot") == 0 ? PPV_GRAPH_EXPORT_DOT : PPV_GRAPH_EXPORT_SVG,
                  path);
}

void
_ppv_graph_view_class_init_export (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "graph.export-svg", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "graph.export-dot", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "graph.export-to", "(ss)", export_to_action);
}

void
_ppv_graph_view_init_export (PpvGraphView *self)
{
  g_signal_connect (self, "failed", G_CALLBACK (on_failed), NULL);
}
