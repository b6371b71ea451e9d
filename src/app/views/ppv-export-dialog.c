/* ppv-export-dialog.c — the save dialog every pane's export goes through.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "ppv-export-dialog.h"

typedef struct
{
  GtkFileChooserNative **slot;
  int                    format;
  PpvExportChosen        chosen;
} DialogData;

static void
on_response (GtkNativeDialog *dialog,
             int              response,
             PpvReportPane   *pane)
{
  DialogData *data = g_object_get_data (G_OBJECT (dialog), "ppv-export");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      /* Atomic writes need a path: the portal gives one for every local
       * file, and anything else is refused rather than written another way. */
      if (file != NULL && g_file_is_native (file))
        data->chosen (pane, data->format, file);
      else if (file != NULL)
        ppv_report_pane_toast (pane, _("Only local files can be exported to"));
    }

  if (*data->slot == GTK_FILE_CHOOSER_NATIVE (dialog))
    g_clear_object (data->slot);
}

void
ppv_export_dialog_show (PpvReportPane              *pane,
                        GtkFileChooserNative      **slot,
                        const PpvExportDialogSpec  *spec,
                        int                         format,
                        PpvExportChosen             chosen)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (pane));
  GtkFileChooserNative *chooser;
  DialogData *data;

  g_return_if_fail (PPV_IS_REPORT_PANE (pane));
  g_return_if_fail (slot != NULL && *slot == NULL);

  chooser = gtk_file_chooser_native_new (spec->title,
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), spec->file_name);

  gtk_file_filter_set_name (filter, spec->filter_name);
  if (spec->mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, spec->mime_type);
  for (guint i = 0; i < G_N_ELEMENTS (spec->suffixes) && spec->suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, spec->suffixes[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  data = g_new0 (DialogData, 1);
  data->slot = slot;
  data->format = format;
  data->chosen = chosen;
  g_object_set_data_full (G_OBJECT (chooser), "ppv-export", data, g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_response), pane, 0);

  *slot = chooser;
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
