/* ppv-top-row-private.h — how a PpvTopList makes and lets go of its rows.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-top-list.h"
#include "ppv-top-row.h"

G_BEGIN_DECLS

PpvTopRow *_ppv_top_row_new    (PpvTopList *list,
                                guint       position);
/* The list no longer has this position, or is going away. */
void       _ppv_top_row_detach (PpvTopRow  *self);

/* ppv-top-list.c: a row is finalized; forget it. */
void       _ppv_top_list_forget_row (PpvTopList *list,
                                     PpvTopRow  *row);
/* The row object of @position, past the list's end too. */
PpvTopRow *_ppv_top_list_dup_row    (PpvTopList *list,
                                     guint       position);
/* The positions in [@first, @end) whose row objects are alive (held by a
 * widget, mostly), in no order. */
guint     *_ppv_top_list_dup_live_positions (PpvTopList *list,
                                             guint       first,
                                             guint       end,
                                             guint      *n_positions);

G_END_DECLS
