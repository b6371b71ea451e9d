/* ppv-top-pacer.h — the top table's rows as the column view sees them: a large change of their number spread over frames.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's list view keeps widgets for up to 200 rows, whatever its
 * height, and makes or destroys a row's widgets (nine cells) on the main
 * thread as the row count changes: a table going from 200,000 rows to
 * none, or back, cost 50–110 ms in one frame.  The pacer passes the
 * list's rows through, but grows or shrinks the count it reports by at
 * most a few dozen rows with widgets per frame.  While it shrinks, rows
 * past the list's end show nothing; the list itself (what tests and the
 * view's code read) changes at once.
 */
#pragma once

#include <gtk/gtk.h>

#include "ppv-top-list.h"

G_BEGIN_DECLS

#define PPV_TYPE_TOP_PACER (ppv_top_pacer_get_type ())

G_DECLARE_FINAL_TYPE (PpvTopPacer, ppv_top_pacer, PPV, TOP_PACER, GObject)

/* Paces @list's count changes by the frames of @clock (the list's view),
 * or applies them at once while @clock is not mapped. */
PpvTopPacer *ppv_top_pacer_new    (PpvTopList  *list,
                                   GtkWidget   *clock);
/* Reports every row up to @position (of the list) now, to select or
 * show it; FALSE if the list has no such row. */
gboolean     ppv_top_pacer_reveal (PpvTopPacer *self,
                                   guint        position);

G_END_DECLS
