/* ppv-sparkline.h — a small line of one function's values across a watch's snapshots.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PPV_TYPE_SPARKLINE (ppv_sparkline_get_type ())

G_DECLARE_FINAL_TYPE (PpvSparkline, ppv_sparkline, PPV, SPARKLINE, GtkWidget)

/* Property "values" (GBytes of gint64, one per snapshot; may be NULL). */

GtkWidget *ppv_sparkline_new        (void);
void       ppv_sparkline_set_values (PpvSparkline *self,
                                     GBytes       *values);

G_END_DECLS
