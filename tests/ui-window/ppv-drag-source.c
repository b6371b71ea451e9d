/* ppv-drag-source.c — a window to drag files from, for the window test's
 * drag-and-drop step: a real X drag (XDND) that the test drives with the
 * pointer, as a file manager would start it.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: ppv-drag-source FILE...   (window title "ppv-drag-source")
 */
#include <gtk/gtk.h>

static GdkContentProvider *
on_prepare (GtkDragSource *source,
            double         x,
            double         y,
            GSList        *files)
{
  GdkFileList *list = gdk_file_list_new_from_list (files);
  GdkContentProvider *provider = gdk_content_provider_new_typed (GDK_TYPE_FILE_LIST, list);

  g_boxed_free (GDK_TYPE_FILE_LIST, list);
  return provider;
}

int
main (int    argc,
      char **argv)
{
  GSList *files = NULL;
  GtkDragSource *source;
  GtkWidget *window, *label;

  if (argc < 2)
    {
      g_printerr ("usage: ppv-drag-source FILE...\n");
      return 2;
    }

  gtk_init ();
  for (int i = argc - 1; i >= 1; i--)
    files = g_slist_prepend (files, g_file_new_for_commandline_arg (argv[i]));

  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), "ppv-drag-source");
  gtk_window_set_default_size (GTK_WINDOW (window), 200, 120);
  label = gtk_label_new (g_file_peek_path (files->data));
  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (on_prepare), files);
  gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (source));
  gtk_window_set_child (GTK_WINDOW (window), label);
  gtk_window_present (GTK_WINDOW (window));

  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);
  g_slist_free_full (files, g_object_unref);
  return 0;
}
