/* ppv-flame-view-export.c — the flame pane's exports: the flame graph as
 * SVG (flame.export-svg, Ctrl+E) and folded stacks (flame.export-folded)
 * through a save dialog, or to a path (flame.export-to); written in a
 * worker and replaced atomically.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include <adwaita.h>

#include "ppv-flame-svg.h"
#include "ppv-export-dialog.h"
#include "ppv-flame-view-private.h"

typedef struct
{
  PpvStackTree         *tree;
  GFile                *file;
  PpvFlameExportFormat  format;
  gboolean              dark;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_pointer (&data->tree, ppv_stack_tree_unref);
  g_clear_object (&data->file);
  g_free (data);
}

/* The SVG, or the folded stacks (they run to gigabytes: streamed). */
static gboolean
write_export (ExportData     *data,
              GOutputStream  *out,
              GCancellable   *cancellable,
              GError        **error)
{
  g_autoptr(GBytes) svg = NULL;
  PpvFlameSvgOptions options;

  if (data->format == PPV_FLAME_EXPORT_FOLDED)
    return ppv_stack_tree_write_folded (data->tree, out, cancellable, error);

  ppv_flame_svg_options_init (&options);
  options.dark = data->dark;
  svg = ppv_flame_svg_render (data->tree, &options, cancellable, error);
  return svg != NULL
         && g_output_stream_write_all (out, g_bytes_get_data (svg, NULL), g_bytes_get_size (svg),
                                       NULL, cancellable, error);
}

/* GFile's replace writes a temporary file and renames it over the target
 * on close; a close after cancelling drops it and leaves the target be. */
static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abort = g_cancellable_new ();
  g_autoptr(GOutputStream) buffered = NULL;
  g_autoptr(GError) error = NULL;

  stream = g_file_replace (data->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (stream), 1 << 16);
  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (buffered), FALSE);
  if (!write_export (data, buffered, cancellable, &error)
      || !g_output_stream_close (buffered, cancellable, &error)
      || !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &error))
    {
      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abort, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
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

  name = g_file_get_basename (data->file);
  /* Translators: a toast after writing a file; %s is its name. */
  message = g_strdup_printf (_("Exported to %s"), name);
  ppv_report_pane_toast (pane, message);
}

/* Exports the tree for the current options: the one shown, or, while the
 * pane is stale or building, the one it builds next. */
static void
export_to_file (PpvFlameView         *self,
                PpvFlameExportFormat  format,
                GFile                *file)
{
  PpvReportPane *pane = PPV_REPORT_PANE (self);
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  if (ppv_report_pane_get_profile (pane) == NULL)
    return;

  if (self->tree == NULL || ppv_report_pane_get_stale (pane) || ppv_report_pane_get_loading (pane))
    {
      g_free (self->pending_path);
      self->pending_path = g_file_get_path (file);
      self->pending_format = format;
      ppv_report_pane_refresh (pane);
      return;
    }

  data = g_new0 (ExportData, 1);
  data->tree = ppv_stack_tree_ref (self->tree);
  data->file = g_object_ref (file);
  data->format = format;
  /* The picture as the window shows it: dark in the dark style. */
  data->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  task = g_task_new (self, NULL, export_done, NULL);
  g_task_set_source_tag (task, export_to_file);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

void
_ppv_flame_view_run_pending_export (PpvFlameView *self)
{
  g_autofree char *path = g_steal_pointer (&self->pending_path);
  g_autoptr(GFile) file = NULL;

  if (path == NULL || self->tree == NULL)
    return;
  file = g_file_new_for_path (path);
  export_to_file (self, self->pending_format, file);
}

/* A failed build exports nothing: the failure is said already. */
static void
on_failed (PpvFlameView *self)
{
  g_clear_pointer (&self->pending_path, g_free);
}

static void
on_chosen (PpvReportPane *pane,
           int            format,
           GFile         *file)
{
  export_to_file (PPV_FLAME_VIEW (pane), format, file);
}

static void
open_export_dialog (PpvFlameView         *self,
                    PpvFlameExportFormat  format)
{
  gboolean svg = format == PPV_FLAME_EXPORT_SVG;
  g_autofree char *stem = ppv_report_pane_dup_export_stem (PPV_REPORT_PANE (self));
  /* "heap.svg" is the call graph's: "heap-flame.svg". */
  g_autofree char *name = g_strconcat (stem, svg ? "-flame.svg" : ".folded", NULL);
  PpvExportDialogSpec spec_svg = { _("Export Flame Graph as SVG"), name, _("SVG images"),
                                   "image/svg+xml", { "svg", NULL } };
  PpvExportDialogSpec spec_folded = { _("Export Folded Stacks"), name, _("Folded stacks"),
                                      NULL, { "folded", "txt", NULL } };

  if (ppv_report_pane_get_profile (PPV_REPORT_PANE (self)) == NULL)
    return;

  _ppv_flame_view_dispose_export (self);
  ppv_export_dialog_show (PPV_REPORT_PANE (self), &self->chooser, svg ? &spec_svg : &spec_folded,
                          format, on_chosen);
}

void
_ppv_flame_view_dispose_export (PpvFlameView *self)
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
  open_export_dialog (PPV_FLAME_VIEW (widget),
                      g_str_equal (action_name, "flame.export-svg") ? PPV_FLAME_EXPORT_SVG
                                                                     : PPV_FLAME_EXPORT_FOLDED);
}

/* For scripts and tests: ("folded"|"svg", path), no dialog. */
static void
export_to_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  const char *format, *path;
  g_autoptr(GFile) file = NULL;

  g_variant_get (parameter, "(&s&s)", &format, &path);
  file = g_file_new_for_path (path);
  export_to_file (PPV_FLAME_VIEW (widget),
                  g_strcmp0 (format, "svg") == 0 ? PPV_FLAME_EXPORT_SVG : PPV_FLAME_EXPORT_FOLDED,
                  file);
}

void
_ppv_flame_view_class_init_export (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "flame.export-svg", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "flame.export-folded", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "flame.export-to", "(ss)", export_to_action);
}

void
_ppv_flame_view_init_export (PpvFlameView *self)
{
  g_signal_connect (self, "failed", G_CALLBACK (on_failed), NULL);
}
