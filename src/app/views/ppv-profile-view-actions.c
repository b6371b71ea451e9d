/* ppv-profile-view-actions.c — the profile view's actions: export, search,
 * zoom, refine, reset, and the one function that sets their enabled state.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <string.h>

#include "ppv-atomic-file.h"
#include "ppv-profile-view-private.h"
#include "ppv-svg.h"

typedef enum
{
  EXPORT_SVG,
  EXPORT_DOT,
} ExportFormat;

void
_ppv_profile_view_toast (PpvProfileView *self,
                         const char     *message)
{
  g_signal_emit_by_name (self, "toast", message);
}

void
_ppv_profile_view_update_actions (PpvProfileView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_graph = ppv_graph_view_get_graph (self->graph_view) != NULL;
  gboolean has_profile = self->profile != NULL;

  gtk_widget_action_set_enabled (widget, "view.export-svg", has_graph);
  gtk_widget_action_set_enabled (widget, "view.export-dot", has_graph);
  gtk_widget_action_set_enabled (widget, "view.export-to", has_graph);
  gtk_widget_action_set_enabled (widget, "view.zoom-in", has_graph);
  gtk_widget_action_set_enabled (widget, "view.zoom-out", has_graph);
  gtk_widget_action_set_enabled (widget, "view.zoom-fit", has_graph);
  gtk_widget_action_set_enabled (widget, "view.search", has_profile);
  gtk_widget_action_set_enabled (widget, "view.refine", has_profile);
  gtk_widget_action_set_enabled (widget, "view.show-in-graph", has_profile);
  gtk_widget_action_set_enabled (widget, "view.reset-filters",
                                 has_profile && self->filters != NULL && self->filters->len > 0);
}

char *
_ppv_profile_view_dup_export_stem (const char *source_name)
{
  static const char * const suffixes[] = { ".gz", ".pb", ".pprof", ".prof", ".proto" };
  g_autofree char *base = NULL;
  const char *start;
  gboolean stripped = TRUE;

  if (source_name == NULL || source_name[0] == '\0')
    return g_strdup ("profile");

  /* URLs and paths alike: the last non-empty component, no query. */
  base = g_strdup (source_name);
  base[strcspn (base, "?#")] = '\0';
  while (base[0] != '\0' && base[strlen (base) - 1] == '/')
    base[strlen (base) - 1] = '\0';
  start = strrchr (base, '/');
  start = start != NULL ? start + 1 : base;
  memmove (base, start, strlen (start) + 1);

  while (stripped)
    {
      stripped = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        if (g_str_has_suffix (base, suffixes[i]) && strlen (base) > strlen (suffixes[i]))
          {
            base[strlen (base) - strlen (suffixes[i])] = '\0';
            stripped = TRUE;
          }
    }

  if (base[0] == '\0' || base[0] == '.')
    return g_strdup ("profile");

  return g_steal_pointer (&base);
}

/* --- Export -------------------------------------------------------------- */

typedef struct
{
  PpvCallGraph *graph;
  ExportFormat  format;
  char         *path;
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

  if (data->format == EXPORT_SVG)
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
  PpvProfileView *self = PPV_PROFILE_VIEW (object);
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _ppv_profile_view_toast (self, error->message);
      return;
    }

  {
    g_autofree char *name = g_path_get_basename (data->path);
    /* Translators: a toast after writing a file; %s is its name. */
    g_autofree char *message = g_strdup_printf (_("Exported to %s"), name);

    _ppv_profile_view_toast (self, message);
  }
}

static void
export_to_path (PpvProfileView *self,
                ExportFormat    format,
                const char     *path)
{
  PpvCallGraph *graph = ppv_graph_view_get_graph (self->graph_view);
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  if (graph == NULL)
    return;

  data = g_new0 (ExportData, 1);
  data->graph = ppv_callgraph_ref (graph);
  data->format = format;
  data->path = g_strdup (path);

  task = g_task_new (self, NULL, export_done, NULL);
  g_task_set_source_tag (task, export_to_path);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     PpvProfileView  *self)
{
  ExportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "ppv-format"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        export_to_path (self, format, path);
      else if (file != NULL)
        _ppv_profile_view_toast (self, _("Only local files can be exported to"));
    }

  if (self->chooser == GTK_FILE_CHOOSER_NATIVE (dialog))
    g_clear_object (&self->chooser);
}

static void
open_export_dialog (PpvProfileView *self,
                    ExportFormat    format)
{
  g_autofree char *stem = _ppv_profile_view_dup_export_stem (self->source_name);
  g_autofree char *name = g_strconcat (stem, format == EXPORT_SVG ? ".svg" : ".dot", NULL);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  if (ppv_graph_view_get_graph (self->graph_view) == NULL)
    return;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  chooser = gtk_file_chooser_native_new (format == EXPORT_SVG
                                         ? _("Export Call Graph as SVG")
                                         : _("Export Call Graph as DOT"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  if (format == EXPORT_SVG)
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

static void
export_svg_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_export_dialog (PPV_PROFILE_VIEW (widget), EXPORT_SVG);
}

static void
export_dot_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_export_dialog (PPV_PROFILE_VIEW (widget), EXPORT_DOT);
}

/* For scripts and tests: ("svg"|"dot", path), no dialog. */
static void
export_to_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  const char *format, *path;

  g_variant_get (parameter, "(&s&s)", &format, &path);
  export_to_path (PPV_PROFILE_VIEW (widget),
                  g_strcmp0 (format, "dot") == 0 ? EXPORT_DOT : EXPORT_SVG,
                  path);
}

/* --- Other actions ------------------------------------------------------- */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PpvProfileView *self = PPV_PROFILE_VIEW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PpvProfileView *self = PPV_PROFILE_VIEW (widget);

  adw_view_stack_set_visible_child_name (self->stack, "graph");

  if (g_str_equal (action_name, "view.zoom-in"))
    ppv_graph_view_zoom_in (self->graph_view);
  else if (g_str_equal (action_name, "view.zoom-out"))
    ppv_graph_view_zoom_out (self->graph_view);
  else
    ppv_graph_view_zoom_fit (self->graph_view);
}

static void
reset_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _ppv_profile_view_reset_filters (PPV_PROFILE_VIEW (widget));
}

static void
refine_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  const char *kind_name, *name;
  PpvRefineKind kind;

  g_variant_get (parameter, "(&s&s)", &kind_name, &name);
  if (!ppv_refine_kind_parse (kind_name, &kind) || name[0] == '\0')
    return;

  _ppv_profile_view_refine (PPV_PROFILE_VIEW (widget), kind, name);
}

static void
show_in_graph_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _ppv_profile_view_show_in_graph (PPV_PROFILE_VIEW (widget),
                                   g_variant_get_string (parameter, NULL));
}

void
_ppv_profile_view_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "view.export-svg", NULL, export_svg_action);
  gtk_widget_class_install_action (widget_class, "view.export-dot", NULL, export_dot_action);
  gtk_widget_class_install_action (widget_class, "view.export-to", "(ss)", export_to_action);
  gtk_widget_class_install_action (widget_class, "view.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "view.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "view.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "view.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "view.reset-filters", NULL, reset_filters_action);
  gtk_widget_class_install_action (widget_class, "view.refine", "(ss)", refine_action);
  gtk_widget_class_install_action (widget_class, "view.show-in-graph", "s", show_in_graph_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "view.export-svg", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "view.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "view.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "view.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "view.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "view.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "view.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "view.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "view.zoom-fit", NULL);
}
