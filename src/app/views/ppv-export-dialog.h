/* ppv-export-dialog.h — the save dialog every pane's export goes through.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-report-pane.h"

G_BEGIN_DECLS

typedef struct
{
  const char *title;          /* translated: "Export Call Graph as SVG" */
  const char *file_name;      /* suggested: "heap.svg" */
  const char *filter_name;    /* translated: "SVG images" */
  const char *mime_type;      /* or NULL */
  const char *suffixes[3];    /* NULL-terminated: "svg" */
} PpvExportDialogSpec;

/* Called with the local file the user chose to export @format to. */
typedef void (*PpvExportChosen) (PpvReportPane *pane,
                                 int            format,
                                 GFile         *file);

/* Shows a modal save dialog for @pane and keeps it in *@slot (the pane
 * destroys it there to cancel, and the slot is cleared when it closes).
 * A non-local choice gets a toast instead of @chosen. */
void ppv_export_dialog_show (PpvReportPane               *pane,
                             GtkFileChooserNative       **slot,
                             const PpvExportDialogSpec   *spec,
                             int                          format,
                             PpvExportChosen              chosen);

G_END_DECLS
