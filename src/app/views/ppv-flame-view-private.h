/* ppv-flame-view-private.h — what the flame pane's parts share.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-flame-view.h"

G_BEGIN_DECLS

typedef enum
{
  PPV_FLAME_EXPORT_FOLDED,
  PPV_FLAME_EXPORT_SVG,
} PpvFlameExportFormat;

struct _PpvFlameView
{
  PpvReportPane         parent_instance;

  GtkWidget            *scroller;
  PpvFlameCanvas       *canvas;
  GtkWidget            *back_button;
  GtkLabel             *match_label;
  GtkPopoverMenu       *menu;

  PpvStackTree         *tree;             /* borrowed: the pane's result */

  char                 *needle;
  GCancellable         *search_cancellable;
  gboolean              match_ready;
  gint64                match_total;
  guint                 n_match_boxes;

  GtkFileChooserNative *chooser;
  char                 *pending_path;     /* waiting for the tree being built */
  PpvFlameExportFormat  pending_format;
};

/* ppv-flame-view-export.c */
void _ppv_flame_view_class_init_export  (GtkWidgetClass       *widget_class);
void _ppv_flame_view_init_export        (PpvFlameView         *self);
void _ppv_flame_view_run_pending_export (PpvFlameView         *self);
void _ppv_flame_view_dispose_export     (PpvFlameView         *self);

/* Worker-safe: the combined total of the boxes of @tree matching @needle
 * (not counting a box under a matching one), and how many they are. */
gboolean _ppv_flame_view_sum_matches    (PpvStackTree         *tree,
                                         const char           *needle,
                                         gint64               *total,
                                         guint                *n_boxes,
                                         GCancellable         *cancellable);

G_END_DECLS
