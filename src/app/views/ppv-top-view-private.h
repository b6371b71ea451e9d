/* ppv-top-view-private.h — what the top table's parts share.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-top-list.h"
#include "ppv-top-pacer.h"
#include "ppv-top-view.h"

G_BEGIN_DECLS

struct _PpvTopView
{
  PpvReportPane         parent_instance;

  /* Template children */
  GtkScrolledWindow    *scroller;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *flat_column;
  GtkColumnViewColumn  *flat_percent_column;
  GtkColumnViewColumn  *sum_percent_column;
  GtkColumnViewColumn  *cum_column;
  GtkColumnViewColumn  *cum_percent_column;
  GtkColumnViewColumn  *name_column;
  GtkColumnViewColumn  *base_column;
  GtkColumnViewColumn  *new_column;

  /* PpvTopModel (one report) -> PpvTopList (order, search) -> PpvTopPacer
   * (count changes over frames) -> selection */
  PpvTopList           *list;
  PpvTopPacer          *pacer;
  GtkSingleSelection   *selection;
  char                 *needle;
  GCancellable         *search_cancellable;

  /* Which column sorts, learnt by letting the view's sorter compare two
   * probes: GTK 4.8 does not say which column is the primary one. */
  GObject              *probe_a;
  GObject              *probe_b;
  PpvTopOrder           probed;

  /* Bound cells (GtkListItem -> PpvTopCellKind + 1), refreshed when the
   * rows show new content */
  GHashTable           *bound;

  GtkPopoverMenu       *menu;

  /* A comparison's two profiles, for the Base and New columns */
  PpvProfile           *sides_before;
  PpvProfile           *sides_after;
  GCancellable         *sides_cancellable;

  guint                 selecting : 1;
};

/* ppv-top-view.c */
GtkWidget *_ppv_top_view_find_list_view   (PpvTopView     *self);
char      *_ppv_top_view_dup_selected_name (PpvTopView    *self);
/* After the rows changed, selects @plain_name's row again (or none) and
 * shows it (or the top). */
void       _ppv_top_view_restore_selection (PpvTopView    *self,
                                            const char    *plain_name);

/* ppv-top-view-search.c: applies the needle to the current model. */
void       _ppv_top_view_apply_search     (PpvTopView     *self);
/* The pane's set_search: keeps only rows whose name contains @text
 * (ignoring ASCII case). */
void       _ppv_top_view_set_search       (PpvReportPane  *pane,
                                           const char     *text);

/* ppv-top-view-cells.c */
void       _ppv_top_view_class_init_cells (GtkWidgetClass *widget_class);
void       _ppv_top_view_init_cells       (PpvTopView     *self);
/* Binds every cell again: the rows show new content. */
void       _ppv_top_view_refresh_cells    (PpvTopView     *self);

G_END_DECLS
