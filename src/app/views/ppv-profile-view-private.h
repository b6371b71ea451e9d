/* ppv-profile-view-private.h — what the profile view's parts share.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-label-filters.h"
#include "ppv-profile-view.h"
#include "ppv-refine.h"
#include "ppv-report.h"

G_BEGIN_DECLS

typedef struct _PpvCompare PpvCompare;

struct _PpvProfileView
{
  GtkWidget         parent_instance;

  /* Template children */
  GtkBox           *control_bar;
  GtkDropDown      *sample_type_dropdown;
  GtkDropDown      *granularity_dropdown;
  GtkBox           *filters_box;
  GtkBox           *utility_box;
  GtkSpinner       *spinner;
  GtkButton        *reset_button;
  GtkButton        *compare_button;
  GtkButton        *compare_chip;
  GtkLabel         *compare_chip_label;
  GtkGrid          *compare_bar;
  GtkToggleButton  *compare_subtract;
  GtkToggleButton  *compare_diff;
  GtkCheckButton   *compare_normalize;
  GtkButton        *compare_swap;
  GtkLabel         *compare_explanation;
  GtkSearchBar     *search_bar;
  GtkSearchEntry   *search_entry;
  AdwViewStack     *stack;

  GPtrArray        *panes;          /* PpvReportPane, in page order */
  char             *current_name;   /* the function every pane shows selected */
  GHashTable       *said;           /* messages toasted since the options changed */

  PpvProfile       *profile;        /* what the panes show: own, or own compared with a base */
  PpvProfile       *own;            /* the profile set with ppv_profile_view_set_profile() */
  PpvCompare       *compare;        /* NULL unless comparing */
  char             *source_name;
  GPtrArray        *filters;        /* PpvRefineFilter */
  GPtrArray        *label_filters;  /* PpvLabelFilter */
  PpvProfile       *grouped;        /* the profile with label frames, or NULL */
  GCancellable     *grouping;       /* making @grouped */
  char             *details;
  guint             spinner_source;
  guint             syncing : 1;
  guint             updating_controls : 1;
};

/* ppv-profile-view-actions.c */
void           _ppv_profile_view_class_init_actions (GtkWidgetClass *widget_class);
void           _ppv_profile_view_update_actions     (PpvProfileView *self);
void           _ppv_profile_view_toast              (PpvProfileView *self,
                                                     const char     *message);

/* ppv-profile-view-filters.c */
void           _ppv_profile_view_refine             (PpvProfileView *self,
                                                     PpvRefineKind   kind,
                                                     const char     *name);
void           _ppv_profile_view_reset_filters      (PpvProfileView *self);
/* The chips again, after the filters changed. */
void           _ppv_profile_view_rebuild_chips      (PpvProfileView *self);
/* Adds a chip to the filters area; @clicked (a button, the view) removes
 * what it stands for. */
GtkWidget     *_ppv_profile_view_append_chip        (PpvProfileView *self,
                                                     const char     *text,
                                                     const char     *accessible,
                                                     GCallback       clicked);

/* ppv-profile-view-labels.c */
void           _ppv_profile_view_class_init_label_actions (GtkWidgetClass *widget_class);
void           _ppv_profile_view_append_label_chips (PpvProfileView *self);
void           _ppv_profile_view_clear_label_filters (PpvProfileView *self);
/* Regroups the profile after it or the tagroot/tagleaf keys changed:
 * TRUE if the panes are rebuilt once the grouped copy is made, FALSE if
 * the caller must rebuild them. */
gboolean       _ppv_profile_view_update_grouping    (PpvProfileView *self);
/* What the panes read: the profile, grouped by label keys if asked. */
PpvProfile    *_ppv_profile_view_get_shown_profile  (PpvProfileView *self);

/* ppv-profile-view-compare.c */
void           _ppv_profile_view_init_compare       (PpvProfileView *self);
void           _ppv_profile_view_clear_compare      (PpvProfileView *self);
/* A reload: the comparison taken off the old profile (its worker
 * cancelled) and made again with the new one, if it still fits. */
PpvCompare    *_ppv_profile_view_take_compare       (PpvProfileView *self);
void           _ppv_profile_view_restore_compare    (PpvProfileView *self,
                                                     PpvCompare     *compare);
/* "Compared with heap-before.pb.gz (subtract base) · base 1.2MB · profile
 * 1.5MB", or NULL when not comparing. */
char          *_ppv_profile_view_dup_compare_status (PpvProfileView *self);

/* ppv-profile-view.c */
/* Shows @profile (the same sample types as the one shown) keeping every
 * option: sample type, granularity, filters, search, current function. */
void           _ppv_profile_view_replace_profile    (PpvProfileView *self,
                                                     PpvProfile     *profile);
/* Builds the shown pane for the current options; the others go stale. */
void           _ppv_profile_view_rebuild            (PpvProfileView *self);
/* Shows the pane of page @page_name with @plain_name selected in it. */
void           _ppv_profile_view_show_in            (PpvProfileView *self,
                                                     const char     *page_name,
                                                     const char     *plain_name);
/* The pane shown now, or NULL. */
PpvReportPane *_ppv_profile_view_get_visible_pane   (PpvProfileView *self);

G_END_DECLS
