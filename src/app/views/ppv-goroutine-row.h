/* ppv-goroutine-row.h — one row of the Goroutines view: a group of
 * goroutines, or one frame of a group's stack.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows are made only for what is on screen and expanded: each level is a
 * list model over the groups that makes a row when asked, and a
 * GtkTreeListModel asks each row for its children (a creator's or state's
 * stacks, a stack's frames).
 */
#pragma once

#include <gio/gio.h>

#include "ppv-goroutine-groups.h"

G_BEGIN_DECLS

#define PPV_TYPE_GOROUTINE_ROW (ppv_goroutine_row_get_type ())

G_DECLARE_FINAL_TYPE (PpvGoroutineRow, ppv_goroutine_row, PPV, GOROUTINE_ROW, GObject)

/* The top-level groups of @groups as PpvGoroutineRow items. */
GListModel              *ppv_goroutine_rows_new             (PpvGoroutineGroups *groups);
/* For gtk_tree_list_model_new(): a row's children, or NULL (a frame). */
GListModel              *ppv_goroutine_row_create_children  (gpointer            item,
                                                             gpointer            user_data);

PpvGoroutineGroups      *ppv_goroutine_row_get_groups       (PpvGoroutineRow    *self);
/* The group, or for a frame row the group whose stack it belongs to. */
const PpvGoroutineGroup *ppv_goroutine_row_get_group        (PpvGoroutineRow    *self);
/* The frame, or NULL for a group row. */
const PpvGoroutineFrame *ppv_goroutine_row_get_frame        (PpvGoroutineRow    *self);
/* The function the row is about (a stack's where, a frame's function);
 * NULL for a creator or state group. */
const char              *ppv_goroutine_row_get_function     (PpvGoroutineRow    *self);

/* The search: the group's title, a frame of its stack or of one of its
 * stacks contains @needle (ASCII case ignored; NULL or "" matches). */
gboolean                 ppv_goroutine_row_matches          (PpvGoroutineRow    *self,
                                                             const char         *needle);

G_END_DECLS
