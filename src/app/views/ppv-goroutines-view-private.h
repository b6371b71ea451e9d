/* ppv-goroutines-view-private.h — what ppv-goroutines-view.c and its
 * cells (ppv-goroutines-view-cells.c) share.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ppv-goroutine-row.h"
#include "ppv-goroutines-view.h"

G_BEGIN_DECLS

/* Each cell's label knows its list item, for the table's context menu. */
#define PPV_GOROUTINES_LIST_ITEM_KEY "ppv-list-item"

/* The row a list item shows, or NULL. */
PpvGoroutineRow *_ppv_goroutines_item_row              (GtkListItem    *item);
/* Binds the template's cell callbacks. */
void             _ppv_goroutines_view_class_init_cells (GtkWidgetClass *widget_class);

G_END_DECLS
