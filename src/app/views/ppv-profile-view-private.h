/* ppv-profile-view-private.h — what the profile view's parts share.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-graph-view.h"
#include "ppv-profile-view.h"
#include "ppv-refine.h"
#include "ppv-report.h"
#include "ppv-top-view.h"

G_BEGIN_DECLS

struct _PpvProfileView
{
  GtkWidget         parent_instance;

  /* Template children */
  GtkBox           *control_bar;
  GtkDropDown      *sample_type_dropdown;
  GtkDropDown      *granularity_dropdown;
  GtkBox           *filters_box;
  GtkSpinButton    *node_count_spin;
  GtkSpinner       *spinner;
  GtkButton        *reset_button;
  GtkSearchBar     *search_bar;
  GtkSearchEntry   *search_entry;
  AdwViewStack     *stack;
  PpvTopView       *top_view;
  PpvGraphView     *graph_view;

  PpvProfile       *profile;
  char             *source_name;
  GPtrArray        *filters;        /* PpvRefineFilter */
  GSettings        *settings;       /* NULL when the schema is not installed */
  char             *details;
  GtkFileChooserNative *chooser;
  guint             spinner_source;
  guint             syncing : 1;
  guint             graph_pending : 1;
  guint             updating_controls : 1;
};

/* ppv-profile-view-actions.c */
void   _ppv_profile_view_class_init_actions (GtkWidgetClass *widget_class);
void   _ppv_profile_view_update_actions     (PpvProfileView *self);
void   _ppv_profile_view_toast              (PpvProfileView *self,
                                             const char     *message);
/* Export basename without extension: "heap.pb.gz" -> "heap". */
char  *_ppv_profile_view_dup_export_stem    (const char     *source_name);

/* ppv-profile-view.c */
void   _ppv_profile_view_refine             (PpvProfileView *self,
                                             PpvRefineKind   kind,
                                             const char     *name);
void   _ppv_profile_view_reset_filters      (PpvProfileView *self);
void   _ppv_profile_view_show_in_graph      (PpvProfileView *self,
                                             const char     *plain_name);
void   _ppv_profile_view_build_options      (PpvProfileView   *self,
                                             PpvReportOptions *options,
                                             gboolean          for_graph);

G_END_DECLS
