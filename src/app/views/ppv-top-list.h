/* ppv-top-list.h — what the top table shows: the rows of a PpvTopModel in
 * the chosen order, less those the search hides, as a GListModel.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ppv-top-model.h"

G_BEGIN_DECLS

#define PPV_TYPE_TOP_LIST (ppv_top_list_get_type ())

G_DECLARE_FINAL_TYPE (PpvTopList, ppv_top_list, PPV, TOP_LIST, GObject)

PpvTopList  *ppv_top_list_new          (void);

/* Every change keeps the items (PpvTopRow) of positions that remain,
 * reports only the change in length through ::items-changed, and then
 * emits ::rows-changed: rows show new content. */

/* Takes @matches (one flag per row of @model, or NULL for every row). */
void         ppv_top_list_set_model    (PpvTopList   *self,
                                        PpvTopModel  *model,
                                        guint8       *matches);
void         ppv_top_list_set_order    (PpvTopList   *self,
                                        PpvTopOrder   order,
                                        gboolean      reversed);
/* Takes @matches, as above, for the current model. */
void         ppv_top_list_set_matches  (PpvTopList   *self,
                                        guint8       *matches);

PpvTopModel *ppv_top_list_get_model    (PpvTopList   *self);
PpvTopOrder  ppv_top_list_get_order    (PpvTopList   *self,
                                        gboolean     *reversed);
/* The report row at @position; FALSE past the end. */
gboolean     ppv_top_list_get_index    (PpvTopList   *self,
                                        guint         position,
                                        guint        *index);
/* Where report row @index is shown, or -1 (hidden by the search). */
int          ppv_top_list_find_index   (PpvTopList   *self,
                                        guint         index);
/* sum%: the running flat total of row @index in the shown order,
 * counting the rows the search hides. */
gint64       ppv_top_list_get_sum      (PpvTopList   *self,
                                        guint         index);

G_END_DECLS
