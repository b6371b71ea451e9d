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
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     PpvGraphView    *self)
{
  PpvGraphExportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "ppv-format"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        export_to_path (self, format, path);
      else if (file != NULL)
        ppv_report_pane_toast (PPV_REPORT_PANE (self), _("Only local files can be exported to"));
    }

  if (self->chooser == GTK_FILE_CHOOSER_NATIVE (dialog))
    g_clear_object (&self->chooser);
}

static void
open_export_dialog (PpvGraphView         *self,
                    PpvGraphExportFormat  format)
{
  gboolean svg = format == PPV_GRAPH_EXPORT_SVG;
  g_autofree char *stem = ppv_report_pane_dup_export_stem (PPV_REPORT_PANE (self));
  g_autofree char *name = g_strconcat (stem, svg ? ".svg" : ".dot", NULL);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  if (ppv_report_pane_get_profile (PPV_REPORT_PANE (self)) == NULL)
    return;

  _ppv_graph_view_dispose_export (self);

  chooser = gtk_file_chooser_native_new (svg ? _("Export Call Graph as SVG") : _("Export Call Graph as DOT"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  if (svg)
    {
      gtk_file_filter_set_name (filter, _("SVG images"));
      gtk_file_filter_add_mime_type (filter, "image/svg+xml");
      gtk_file_filter_add_suffix (filter, "svg");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("Graphviz DOT files"));
      gtk_file_filter_add_mime_type (filter, "text/vnd.graphviz");
      gtk_file_filter_add_suffix (filter, "dot");
      gtk_file_filter_add_suffix (filter, "gv");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  g_object_set_data (G_OBJECT (chooser), "ppv-format", GINT_TO_POINTER (format));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response), self, 0);

  self->chooser = chooser;
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
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
