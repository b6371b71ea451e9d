/* ppv-top-view-private.h — what the top table's parts share.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-report-job.h"
#include "ppv-top-view.h"

G_BEGIN_DECLS

struct _PpvTopView
{
  GtkWidget             parent_instance;

  /* Template children */
  GtkScrolledWindow    *scroller;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *flat_column;
  GtkColumnViewColumn  *flat_percent_column;
  GtkColumnViewColumn  *sum_percent_column;
  GtkColumnViewColumn  *cum_column;
  GtkColumnViewColumn  *cum_percent_column;
  GtkColumnViewColumn  *name_column;

  /* The chain: PpvTopModel -> sort -> filter (search) -> selection */
  PpvTopModel          *model;
  GtkSortListModel     *sort_model;
  GtkFilterListModel   *filter_model;
  GtkSingleSelection   *selection;
  GtkCustomFilter      *search_filter;
  char                 *needle;

  /* sum% depends on the shown order: running flat totals by row index */
  guint                 scroll_source;

  gint64               *sums;
  guint                 n_sums;
  GHashTable           *sum_items;      /* bound GtkListItems of the sum% column */

  GtkPopoverMenu       *menu;

  /* Rebuilding */
  PpvReportJob          job;           /* profile, options, cancel-and-replace */
  guint                 loading : 1;
  guint                 selecting : 1;
};

/* ppv-top-view.c */
GtkWidget *_ppv_top_view_find_list_view   (PpvTopView     *self);

/* ppv-top-view-cells.c */
void       _ppv_top_view_class_init_cells (GtkWidgetClass *widget_class);
void       _ppv_top_view_init_cells       (PpvTopView     *self);
void       _ppv_top_view_update_sum_cell  (PpvTopView     *self,
                                           GtkListItem    *list_item);

G_END_DECLS
