/* ppv-watch-view-private.h — state shared by ppv-watch-view.c and ppv-watch-view-actions.c.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-growth-table.h"
#include "ppv-watch-timeline.h"
#include "ppv-watch-view.h"

G_BEGIN_DECLS

struct _PpvWatchView
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkImage         *state_icon;
  GtkLabel         *state_label;
  GtkLabel         *countdown_label;
  GtkWidget        *interval_box;
  GtkSpinButton    *interval_spin;
  GtkWidget        *baseline_button;
  GtkWidget        *run_box;
  GtkButton        *pause_button;
  PpvWatchTimeline *timeline;
  GtkLabel         *range_label;
  GtkLabel         *runtime_label;
  GtkDropDown      *type_dropdown;
  GtkStringList    *type_list;
  GtkStack         *table_stack;
  PpvGrowthTable   *table;

  PpvWatcher       *watcher;
  PpvWatchSeries   *series;
  gulong            point_added_id;

  guint             update_id;      /* coalesces new points and marker moves */
  GCancellable     *rows_cancellable;  /* the growth rows being built */
  GCancellable     *rebuild_cancellable;  /* a finished session at another sample type */
  gboolean          setting_type;
  gboolean          updating;
  guint             countdown_id;
  char             *summary;
  gboolean          setting_interval;
};

void _ppv_watch_view_class_actions_init (GtkWidgetClass *widget_class);
void _ppv_watch_view_emit_compare       (PpvWatchView   *self,
                                         const char     *path_a,
                                         const char     *path_b);

G_END_DECLS
