/* ppv-labels-view.c — the Labels pane: every label key of the samples
 * shown, its values with their totals and shares; focus on or ignore a
 * value or a range, group every view by a key.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker sums the labels (PpvLabelSummary, what --tags prints); the
 * rows are made on the main thread from it, again for each search.  The
 * row menus act through the profile view's view.label-value,
 * view.label-range and view.group-by-label, which turn them into chips.
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "ppv-flame-menu.h"
#include "ppv-label-rows.h"
#include "ppv-labels-view.h"
#include "ppv-percent-cell.h"
#include "ppv-views.h"

struct _PpvLabelsView
{
  PpvReportPane     parent_instance;

  GtkStack         *stack;
  AdwStatusPage    *status_page;
  GtkColumnView    *column_view;
  GtkPopoverMenu   *menu;

  PpvLabelSummary  *summary;     /* borrowed: the pane's result */
  GListModel       *rows;
  char             *needle;
};

G_DEFINE_FINAL_TYPE (PpvLabelsView, ppv_labels_view, PPV_TYPE_REPORT_PANE)

/* --- Rows ----------------------------------------------------------------- */

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  GListModel *children = ppv_label_row_get_children (PPV_LABEL_ROW (item));

  return children != NULL ? g_object_ref (children) : NULL;
}

static void
show_rows (PpvLabelsView *self)
{
  GtkTreeListModel *tree;
  GtkSingleSelection *selection;
  gboolean any;

  g_clear_object (&self->rows);
  if (self->summary != NULL)
    self->rows = ppv_label_rows_build (self->summary, self->needle);
  any = self->rows != NULL && g_list_model_get_n_items (self->rows) > 0;

  tree = gtk_tree_list_model_new (self->rows != NULL ? g_object_ref (self->rows)
                                                     : G_LIST_MODEL (g_list_store_new (PPV_TYPE_LABEL_ROW)),
                                  FALSE, TRUE, create_children, NULL, NULL);
  selection = gtk_single_selection_new (G_LIST_MODEL (tree));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  /* Made with a model, it selected the first row already. */
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  if (!any && self->summary != NULL && ppv_label_summary_get_n_keys (self->summary) > 0)
    {
      adw_status_page_set_title (self->status_page, _("No Matching Labels"));
      adw_status_page_set_description (self->status_page, _("No label key or value contains the search text."));
    }
  else if (!any)
    {
      adw_status_page_set_title (self->status_page, _("No Labels"));
      adw_status_page_set_description (self->status_page,
                                       _("The samples shown carry no labels. Go programs add them with pprof.Do or pprof.SetGoroutineLabels."));
    }
  gtk_stack_set_visible_child_name (self->stack, any ? "labels" : "empty");
}

static PpvLabelRow *
row_of_item (gpointer item)
{
  if (GTK_IS_TREE_LIST_ROW (item))
    item = gtk_tree_list_row_get_item (item);
  else if (item != NULL)
    g_object_ref (item);
  return item;
}

/* --- Menus ---------------------------------------------------------------- */

static void
append_item (GMenu      *menu,
             const char *label,
             const char *action,
             GVariant   *target)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, target);
  g_menu_append_item (menu, item);
}

/* What a row offers: a value or a range to focus on or ignore, a key to
 * group by. */
static GMenuModel *
row_menu (PpvLabelRow *row)
{
  const PpvLabelRowInfo *info = ppv_label_row_get_info (row);
  GMenu *menu = g_menu_new ();

  if (info->kind == PPV_LABEL_ROW_KEY)
    {
      append_item (menu, _("_Group by This Key"), "view.group-by-label",
                   g_variant_new ("(ss)", "tagroot", info->key));
      append_item (menu, _("Group at _Leaves by This Key"), "view.group-by-label",
                   g_variant_new ("(ss)", "tagleaf", info->key));
    }
  else if (info->value != NULL)
    {
      append_item (menu, _("_Focus on This Value"), "view.label-value",
                   g_variant_new ("(sss)", "tagfocus", info->key, info->value));
      append_item (menu, _("_Ignore This Value"), "view.label-value",
                   g_variant_new ("(sss)", "tagignore", info->key, info->value));
    }
  else
    {
      gboolean range = info->kind == PPV_LABEL_ROW_RANGE;

      append_item (menu, range ? _("_Focus on This Range") : _("_Focus on This Value"),
                   "view.label-range",
                   g_variant_new ("(ssss)", "tagfocus", info->key, info->range, info->name));
      append_item (menu, range ? _("_Ignore This Range") : _("_Ignore This Value"),
                   "view.label-range",
                   g_variant_new ("(ssss)", "tagignore", info->key, info->range, info->name));
    }
  return G_MENU_MODEL (menu);
}

static void
popup_row_menu (PpvLabelsView *self,
                PpvLabelRow   *row,
                GtkWidget     *from,
                double         x,
                double         y)
{
  g_autoptr(GMenuModel) model = row_menu (row);

  ppv_flame_menu_popup (self->menu, model, from, x, y);
}

static void
on_cell_pressed (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 GtkListItem     *list_item)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *pane = gtk_widget_get_ancestor (cell, PPV_TYPE_LABELS_VIEW);
  g_autoptr(PpvLabelRow) row = row_of_item (gtk_list_item_get_item (list_item));

  if (row == NULL || pane == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_row_menu (PPV_LABELS_VIEW (pane), row, cell, x, y);
}

static void
add_menu_gesture (GtkWidget   *cell,
                  GtkListItem *list_item)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_cell_pressed), list_item);
  gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (click));
}

/* Shift+F10, Menu: the selected row's menu. */
static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PpvLabelsView *self = PPV_LABELS_VIEW (widget);
  GtkSelectionModel *model = gtk_column_view_get_model (self->column_view);
  gpointer item = model != NULL ? gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (model)) : NULL;
  g_autoptr(PpvLabelRow) row = row_of_item (item);

  if (row != NULL)
    popup_row_menu (self, row, GTK_WIDGET (self->column_view), 24, 24);
}

/* Enter or a double click: a key opens or closes, a value or a range
 * becomes the focus. */
static void
on_activate (PpvLabelsView *self,
             guint          position)
{
  GtkSelectionModel *model = gtk_column_view_get_model (self->column_view);
  g_autoptr(GtkTreeListRow) tree_row = g_list_model_get_item (G_LIST_MODEL (model), position);
  g_autoptr(PpvLabelRow) row = row_of_item (tree_row);
  const PpvLabelRowInfo *info;

  if (row == NULL)
    return;
  info = ppv_label_row_get_info (row);
  if (info->kind == PPV_LABEL_ROW_KEY)
    gtk_tree_list_row_set_expanded (tree_row, !gtk_tree_list_row_get_expanded (tree_row));
  else if (info->value != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "view.label-value", "(sss)",
                                "tagfocus", info->key, info->value);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "view.label-range", "(ssss)",
                                "tagfocus", info->key, info->range, info->name);
}

/* --- Cells ---------------------------------------------------------------- */

static void
setup_name (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (list_item, expander);
  add_menu_gesture (expander, list_item);
}

static void
bind_name (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item)
{
  GtkTreeListRow *tree_row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *detail = gtk_widget_get_next_sibling (name);
  g_autoptr(PpvLabelRow) row = row_of_item (tree_row);
  const PpvLabelRowInfo *info = ppv_label_row_get_info (row);
  gboolean key = info->kind == PPV_LABEL_ROW_KEY;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), tree_row);
  gtk_label_set_text (GTK_LABEL (name), info->name);
  gtk_widget_set_tooltip_text (name, info->name);
  gtk_label_set_text (GTK_LABEL (detail), info->detail != NULL ? info->detail : "");
  gtk_widget_set_visible (detail, info->detail != NULL);
  /* Keys stand out; a key with one value, or on few samples, says so. */
  if (key)
    gtk_widget_add_css_class (name, "heading");
  else
    gtk_widget_remove_css_class (name, "heading");
  if (key && info->rare)
    gtk_widget_add_css_class (detail, "warning");
  else
    gtk_widget_remove_css_class (detail, "warning");
  if (key && info->single)
    gtk_widget_add_css_class (name, "dim-label");
  else
    gtk_widget_remove_css_class (name, "dim-label");
}

static void
setup_number (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
  add_menu_gesture (label, list_item);
}

static void
bind_total (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item)
{
  g_autoptr(PpvLabelRow) row = row_of_item (gtk_list_item_get_item (list_item));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      ppv_label_row_get_info (row)->total);
}

static void
bind_samples (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  g_autoptr(PpvLabelRow) row = row_of_item (gtk_list_item_get_item (list_item));
  g_autofree char *text = g_strdup_printf ("%u", ppv_label_row_get_info (row)->n_samples);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
setup_share (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  GtkWidget *cell = ppv_percent_cell_new ();

  gtk_list_item_set_child (list_item, cell);
  add_menu_gesture (cell, list_item);
}

static void
bind_share (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item)
{
  g_autoptr(PpvLabelRow) row = row_of_item (gtk_list_item_get_item (list_item));
  const PpvLabelRowInfo *info = ppv_label_row_get_info (row);

  ppv_percent_cell_set (PPV_PERCENT_CELL (gtk_list_item_get_child (list_item)),
                        info->share, info->share_text);
}

static void
add_column (PpvLabelsView *self,
            const char    *title,
            GCallback      setup,
            GCallback      bind,
            gboolean       expand,
            int            width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", setup, NULL);
  g_signal_connect (factory, "bind", bind, NULL);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);
}

/* --- The pane contract ---------------------------------------------------- */

static gpointer
ppv_labels_view_build (PpvReportInputs  *inputs,
                       GCancellable     *cancellable,
                       GError          **error)
{
  return ppv_label_summary_new (inputs->profile, &inputs->options, cancellable, error);
}

static void
ppv_labels_view_apply (PpvReportPane *pane,
                       gpointer       result)
{
  PpvLabelsView *self = PPV_LABELS_VIEW (pane);

  self->summary = result;
  show_rows (self);
}

static void
ppv_labels_view_set_search (PpvReportPane *pane,
                            const char    *text)
{
  PpvLabelsView *self = PPV_LABELS_VIEW (pane);

  if (text != NULL && text[0] == '\0')
    text = NULL;
  if (g_strcmp0 (text, self->needle) == 0)
    return;
  g_free (self->needle);
  self->needle = g_strdup (text);
  if (self->summary != NULL)
    show_rows (self);
}

static char **
ppv_labels_view_dup_legend (PpvReportPane *pane)
{
  PpvLabelsView *self = PPV_LABELS_VIEW (pane);
  char **lines;

  if (self->summary == NULL)
    return NULL;
  lines = g_new0 (char *, 2);
  lines[0] = g_strdup_printf ("Type: %s", ppv_label_summary_get_type_name (self->summary));
  return lines;
}

static gboolean
ppv_labels_view_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (PPV_LABELS_VIEW (widget)->column_view));
}

static void
ppv_labels_view_dispose (GObject *object)
{
  PpvLabelsView *self = PPV_LABELS_VIEW (object);

  if (self->menu != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->menu));
      self->menu = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), PPV_TYPE_LABELS_VIEW);

  G_OBJECT_CLASS (ppv_labels_view_parent_class)->dispose (object);
}

static void
ppv_labels_view_finalize (GObject *object)
{
  PpvLabelsView *self = PPV_LABELS_VIEW (object);

  g_clear_object (&self->rows);
  g_free (self->needle);

  G_OBJECT_CLASS (ppv_labels_view_parent_class)->finalize (object);
}

static void
ppv_labels_view_class_init (PpvLabelsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PpvReportPaneClass *pane_class = PPV_REPORT_PANE_CLASS (klass);

  ppv_views_ensure_resources ();

  object_class->dispose = ppv_labels_view_dispose;
  object_class->finalize = ppv_labels_view_finalize;

  pane_class->page_name = "labels";
  pane_class->page_title = N_("Labels");
  pane_class->search_placeholder = N_("Search labels");
  pane_class->icon_name = "bookmark-new-symbolic";
  pane_class->result_free = (GDestroyNotify) ppv_label_summary_unref;
  pane_class->build = ppv_labels_view_build;
  pane_class->apply = ppv_labels_view_apply;
  pane_class->set_search = ppv_labels_view_set_search;
  pane_class->dup_legend = ppv_labels_view_dup_legend;

  widget_class->grab_focus = ppv_labels_view_grab_focus;

  gtk_widget_class_install_action (widget_class, "labels.menu", NULL, menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "labels.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "labels.menu", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pprofviewer/PprofViewer/views/ppv-labels-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PpvLabelsView, stack);
  gtk_widget_class_bind_template_child (widget_class, PpvLabelsView, status_page);
  gtk_widget_class_bind_template_child (widget_class, PpvLabelsView, column_view);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "ppvlabelsview");
}

static void
ppv_labels_view_init (PpvLabelsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  add_column (self, _("Label"), G_CALLBACK (setup_name), G_CALLBACK (bind_name), TRUE, -1);
  add_column (self, _("Total"), G_CALLBACK (setup_number), G_CALLBACK (bind_total), FALSE, 110);
  add_column (self, _("Share"), G_CALLBACK (setup_share), G_CALLBACK (bind_share), FALSE, 110);
  add_column (self, _("Samples"), G_CALLBACK (setup_number), G_CALLBACK (bind_samples), FALSE, 90);
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (on_activate), self,
                           G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Labels"),
                                  -1);
  self->menu = ppv_flame_menu_new_popover (GTK_WIDGET (self));
  show_rows (self);
}

GtkWidget *
ppv_labels_view_new (void)
{
  return g_object_new (PPV_TYPE_LABELS_VIEW, NULL);
}

PpvLabelSummary *
ppv_labels_view_get_summary (PpvLabelsView *self)
{
  g_return_val_if_fail (PPV_IS_LABELS_VIEW (self), NULL);
  return self->summary;
}

GListModel *
ppv_labels_view_get_rows (PpvLabelsView *self)
{
  g_return_val_if_fail (PPV_IS_LABELS_VIEW (self), NULL);
  return self->rows;
}
