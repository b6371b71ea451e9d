/* ppv-goroutines-view.c — the Goroutines pane: goroutines grouped in a
 * worker for the shared options, listed with their count, where they
 * wait, state, waits and creator; each group expands to its stack.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "ppv-flame-menu.h"
#include "ppv-goroutine-row.h"
#include "ppv-goroutines-view-private.h"
#include "ppv-refine.h"
#include "ppv-views.h"

enum {
  PROP_0,
  PROP_GROUPING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  PpvGoroutineGrouping grouping;
  const char          *label;
  const char          *tooltip;
} grouping_buttons[] = {
  { PPV_GOROUTINE_BY_STACK, N_("Stack"), N_("One group per stack") },
  { PPV_GOROUTINE_BY_CREATOR, N_("Creator"), N_("Group the stacks by the function that created their goroutines") },
  { PPV_GOROUTINE_BY_STATE, N_("State"), N_("Group the stacks by what their goroutines wait for") },
};

struct _PpvGoroutinesView
{
  PpvReportPane         parent_instance;

  GtkStack             *stack;
  AdwStatusPage        *status_page;
  GtkLabel             *summary_label;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *state_column;
  GtkColumnViewColumn  *longest_column;
  GtkColumnViewColumn  *typical_column;
  GtkColumnViewColumn  *creator_column;
  GtkPopoverMenu       *menu;
  GtkToggleButton      *grouping_toggles[G_N_ELEMENTS (grouping_buttons)];
  GtkWidget            *grouping_box;

  PpvGoroutineGrouping  grouping;
  GtkSingleSelection   *selection;
  PpvGoroutineGroups   *groups;     /* shown */
  GtkFilter            *filter;     /* the search, on the shown top level */
  GtkFilterListModel   *filtered;   /* the shown top level (owned by the selection) */
  char                 *search;
  gboolean              selecting;
};

G_DEFINE_FINAL_TYPE (PpvGoroutinesView, ppv_goroutines_view, PPV_TYPE_REPORT_PANE)

/* --- Menus and selection --------------------------------------------------- */

static void
popup_menu (PpvGoroutinesView *self,
            PpvGoroutineRow   *row,
            GtkWidget         *from,
            double             x,
            double             y)
{
  const char *function = row != NULL ? ppv_goroutine_row_get_function (row) : NULL;
  g_autoptr(GMenuModel) model = NULL;

  if (function == NULL)
    return;
  model = ppv_flame_menu_new_for_name (PPV_REPORT_PANE (self), function,
                                       ppv_refine_target (function, function), "goroutines", NULL);
  ppv_flame_menu_popup (self->menu, model, from, x, y);
}

/* A right click on a row: one gesture for the whole table, which finds the
 * row from the cell under the pointer (a gesture per cell would cost each
 * rebuild hundreds of controllers). */
static void
on_table_pressed (GtkGestureClick   *gesture,
                  int                n_press,
                  double             x,
                  double             y,
                  PpvGoroutinesView *self)
{
  GtkWidget *table = GTK_WIDGET (self->column_view);
  GtkWidget *picked = gtk_widget_pick (table, x, y, GTK_PICK_DEFAULT);
  GtkListItem *item = NULL;

  for (GtkWidget *w = picked; w != NULL && w != table && item == NULL; w = gtk_widget_get_parent (w))
    {
      item = g_object_get_data (G_OBJECT (w), PPV_GOROUTINES_LIST_ITEM_KEY);
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL && item == NULL; c = gtk_widget_get_first_child (c))
        item = g_object_get_data (G_OBJECT (c), PPV_GOROUTINES_LIST_ITEM_KEY);
    }
  if (item == NULL || _ppv_goroutines_item_row (item) == NULL)
    return;
  gtk_single_selection_set_selected (self->selection, gtk_list_item_get_position (item));
  popup_menu (self, _ppv_goroutines_item_row (item), table, x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static PpvGoroutineRow *
selected_row (PpvGoroutinesView *self)
{
  GtkTreeListRow *tree_row = self->selection != NULL ? gtk_single_selection_get_selected_item (self->selection) : NULL;

  return tree_row != NULL ? gtk_tree_list_row_get_item (tree_row) : NULL;
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PpvGoroutinesView *self = PPV_GOROUTINES_VIEW (widget);
  g_autoptr(PpvGoroutineRow) row = selected_row (self);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  GtkWidget *from = focus != NULL && gtk_widget_is_ancestor (focus, widget) ? focus : widget;

  popup_menu (self, row, from, gtk_widget_get_width (from) / 2.0, gtk_widget_get_height (from) / 2.0);
}

static void
on_selection_changed (PpvGoroutinesView *self)
{
  g_autoptr(PpvGoroutineRow) row = selected_row (self);
  const char *function = row != NULL ? ppv_goroutine_row_get_function (row) : NULL;

  if (!self->selecting && function != NULL)
    ppv_report_pane_emit_selected (PPV_REPORT_PANE (self), function);
}

/* Selects the first stack group (of the top level) that waits in @name. */
static gboolean
ppv_goroutines_view_select_name (PpvReportPane *pane,
                                 const char    *plain_name)
{
  PpvGoroutinesView *self = PPV_GOROUTINES_VIEW (pane);
  GListModel *model = self->selection != NULL ? G_LIST_MODEL (self->selection) : NULL;
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n && plain_name != NULL; i++)
    {
      g_autoptr(GtkTreeListRow) tree_row = g_list_model_get_item (model, i);
      g_autoptr(PpvGoroutineRow) row = gtk_tree_list_row_get_item (tree_row);

      if (gtk_tree_list_row_get_depth (tree_row) == 0
          && g_strcmp0 (ppv_goroutine_row_get_function (row), plain_name) == 0)
        {
          self->selecting = TRUE;
          gtk_single_selection_set_selected (self->selection, i);
          self->selecting = FALSE;
          return TRUE;
        }
    }
  return FALSE;
}

/* --- Search and activation ----------------------------------------------- */

static gboolean
filter_row (gpointer item,
            gpointer user_data)
{
  PpvGoroutinesView *self = user_data;

  return ppv_goroutine_row_matches (item, self->search);
}

/* Keeps the groups where something matches (filtered in idle steps: 100k
 * groups must not stall the window). */
static void
ppv_goroutines_view_set_search (PpvReportPane *pane,
                                const char    *text)
{
  PpvGoroutinesView *self = PPV_GOROUTINES_VIEW (pane);

  if (g_strcmp0 (text, self->search) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (text);
  if (self->filter != NULL)
    gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
}

/* Return or a double click: a group opens or closes, a frame shows its
 * function in the next view. */
static void
on_activate (PpvGoroutinesView *self,
             guint              position)
{
  g_autoptr(GtkTreeListRow) tree_row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  g_autoptr(PpvGoroutineRow) row = tree_row != NULL ? gtk_tree_list_row_get_item (tree_row) : NULL;

  if (row == NULL)
    return;
  if (gtk_tree_list_row_is_expandable (tree_row))
    gtk_tree_list_row_set_expanded (tree_row, !gtk_tree_list_row_get_expanded (tree_row));
  else if (ppv_goroutine_row_get_function (row) != NULL)
    ppv_report_pane_emit_activated (PPV_REPORT_PANE (self), ppv_goroutine_row_get_function (row));
}

/* --- Building ------------------------------------------------------------- */

static gpointer
ppv_goroutines_view_prepare (PpvReportPane *pane)
{
  return GINT_TO_POINTER (PPV_GOROUTINES_VIEW (pane)->grouping);
}

static gpointer
ppv_goroutines_view_build (PpvReportInputs  *inputs,
                           GCancellable     *cancellable,
                           GError          **error)
{
  return ppv_goroutine_groups_new (inputs->profile, &inputs->options,
                                   GPOINTER_TO_INT (inputs->view_data), cancellable, error);
}

static gboolean
ppv_goroutines_view_shows_profile (PpvProfile *profile)
{
  return ppv_profile_is_goroutine (profile);
}

static void
show_summary (PpvGoroutinesView  *self,
              PpvGoroutineGroups *groups)
{
  gint64 total = ppv_goroutine_groups_get_total (groups);
  guint32 n_stacks = ppv_goroutine_groups_get_n_stacks (groups);
  g_autofree char *count = g_strdup_printf ("%'" G_GINT64_FORMAT, total);
  g_autofree char *goroutines = NULL;
  g_autofree char *stacks = NULL;
  g_autofree char *summary = NULL;

  /* Translators: %s is a number of goroutines ("4,812"). */
  goroutines = g_strdup_printf (ngettext ("%s goroutine", "%s goroutines", (gulong) MIN (total, G_MAXLONG)), count);
  /* Translators: follows "4,812 goroutines"; %u is a number of stacks. */
  stacks = g_strdup_printf (ngettext ("in %u stack", "in %u stacks", n_stacks), n_stacks);
  summary = g_strconcat (goroutines, " ", stacks, NULL);
  gtk_label_set_text (self->summary_label, summary);
}

/* Removed rather than hidden: GTK 4.8 keeps a hidden column's room in the
 * rows, and the Where column would not take it.  The template keeps a
 * reference to each while it is out. */
static void
show_state_columns (PpvGoroutinesView *self,
                    gboolean           show)
{
  GtkColumnViewColumn *columns[] = {
    self->state_column, self->longest_column, self->typical_column, self->creator_column
  };

  if (show == (gtk_column_view_column_get_column_view (self->state_column) != NULL))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (show)
      gtk_column_view_append_column (self->column_view, columns[i]);
    else
      gtk_column_view_remove_column (self->column_view, columns[i]);
}

static void
ppv_goroutines_view_apply (PpvReportPane *pane,
                           gpointer       result)
{
  PpvGoroutinesView *self = PPV_GOROUTINES_VIEW (pane);
  PpvGoroutineGroups *groups = result;
  GtkTreeListModel *tree = NULL;
  GtkSingleSelection *old;
  g_autoptr(GtkFilter) old_filter = NULL;
  gboolean old_busy;
  gboolean has_states;

  /* Each model has a filter of its own: the search only ever changes the
   * one shown, so models freed in a worker see no signal from here. */
  old_filter = g_steal_pointer (&self->filter);
  if (old_filter != NULL)
    gtk_custom_filter_set_filter_func (GTK_CUSTOM_FILTER (old_filter), NULL, NULL, NULL);
  old_busy = self->filtered != NULL && gtk_filter_list_model_get_pending (self->filtered) > 0;
  self->filtered = NULL;

  if (groups != NULL)
    {
      /* The rows keep their own refs: the base frees the result later. */
      self->filter = GTK_FILTER (gtk_custom_filter_new (filter_row, self, NULL));
      self->filtered = gtk_filter_list_model_new (ppv_goroutine_rows_new (groups), g_object_ref (self->filter));
      gtk_filter_list_model_set_incremental (self->filtered, TRUE);
      tree = gtk_tree_list_model_new (G_LIST_MODEL (self->filtered), FALSE, FALSE,
                                      ppv_goroutine_row_create_children, NULL, NULL);
      show_summary (self, groups);
    }

  /* A proto goroutine profile says nothing of states, waits or creators
   * (before the rows come, so the Where column takes the room). */
  has_states = groups != NULL && ppv_goroutine_groups_has_states (groups);
  show_state_columns (self, has_states);
  gtk_widget_set_sensitive (self->grouping_box, has_states);

  self->selecting = TRUE;
  old = g_steal_pointer (&self->selection);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (tree));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (on_selection_changed),
                           self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  self->selecting = FALSE;
  /* The old rows go in a worker: a tree of 100k rows takes a while to
   * free.  Not while it is still filtering in idle steps of this thread. */
  if (old != NULL)
    {
      g_signal_handlers_disconnect_by_data (old, self);
      if (old_busy)
        g_object_unref (old);
      else
        ppv_report_pane_release_in_thread (old, g_object_unref);
    }
  if (self->groups != NULL)
    ppv_report_pane_release_in_thread (g_steal_pointer (&self->groups),
                                       (GDestroyNotify) ppv_goroutine_groups_unref);
  self->groups = groups != NULL ? ppv_goroutine_groups_ref (groups) : NULL;

  gtk_stack_set_visible_child_name (self->stack, groups != NULL && ppv_goroutine_groups_get_n_groups (groups) > 0
                                    ? "groups" : "empty");
  ppv_goroutines_view_select_name (pane, ppv_report_pane_get_selected_name (pane));
}

static char **
ppv_goroutines_view_dup_legend (PpvReportPane *pane)
{
  PpvGoroutinesView *self = PPV_GOROUTINES_VIEW (pane);
  PpvGoroutineGroups *groups = ppv_goroutines_view_get_groups (self);
  GStrvBuilder *builder;

  if (groups == NULL)
    return NULL;
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, "Type: goroutine");
  g_strv_builder_add (builder, gtk_label_get_text (self->summary_label));
  return g_strv_builder_end (builder);
}

/* --- Grouping ------------------------------------------------------------- */

PpvGoroutineGrouping
ppv_goroutines_view_get_grouping (PpvGoroutinesView *self)
{
  g_return_val_if_fail (PPV_IS_GOROUTINES_VIEW (self), PPV_GOROUTINE_BY_STACK);
  return self->grouping;
}

void
ppv_goroutines_view_set_grouping (PpvGoroutinesView   *self,
                                  PpvGoroutineGrouping grouping)
{
  g_return_if_fail (PPV_IS_GOROUTINES_VIEW (self));
  g_return_if_fail (grouping <= PPV_GOROUTINE_BY_STATE);

  for (guint i = 0; i < G_N_ELEMENTS (grouping_buttons); i++)
    if (grouping_buttons[i].grouping == grouping)
      gtk_toggle_button_set_active (self->grouping_toggles[i], TRUE);
  if (grouping == self->grouping)
    return;
  self->grouping = grouping;
  ppv_report_pane_options_changed (PPV_REPORT_PANE (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUPING]);
}

static void
on_grouping_toggled (PpvGoroutinesView *self,
                     GtkToggleButton   *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (grouping_buttons); i++)
    if (self->grouping_toggles[i] == button)
      ppv_goroutines_view_set_grouping (self, grouping_buttons[i].grouping);
}

/* "Group by [Stack|Creator|State]" in the profile view's bar. */
static GtkWidget *
create_grouping_control (PpvGoroutinesView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *linked = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_box_append (GTK_BOX (box), gtk_label_new (_("Group by")));
  gtk_widget_add_css_class (linked, "linked");
  for (guint i = 0; i < G_N_ELEMENTS (grouping_buttons); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(grouping_buttons[i].label));

      gtk_widget_set_tooltip_text (button, _(grouping_buttons[i].tooltip));
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->grouping_toggles[0]);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), grouping_buttons[i].grouping == self->grouping);
      g_signal_connect_object (button, "toggled", G_CALLBACK (on_grouping_toggled), self, G_CONNECT_SWAPPED);
      self->grouping_toggles[i] = GTK_TOGGLE_BUTTON (button);
      gtk_box_append (GTK_BOX (linked), button);
    }
  gtk_box_append (GTK_BOX (box), linked);
  self->grouping_box = box;
  return box;
}

/* --- Accessors ------------------------------------------------------------ */

PpvGoroutineGroups *
ppv_goroutines_view_get_groups (PpvGoroutinesView *self)
{
  g_return_val_if_fail (PPV_IS_GOROUTINES_VIEW (self), NULL);
  return self->groups;
}

const char *
ppv_goroutines_view_get_summary (PpvGoroutinesView *self)
{
  g_return_val_if_fail (PPV_IS_GOROUTINES_VIEW (self), NULL);
  return gtk_label_get_text (self->summary_label);
}

/* --- GtkWidget and GObject ------------------------------------------------ */

static gboolean
ppv_goroutines_view_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (PPV_GOROUTINES_VIEW (widget)->column_view));
}

static void
ppv_goroutines_view_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  PpvGoroutinesView *self = PPV_GOROUTINES_VIEW (widget);

  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);
  gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
ppv_goroutines_view_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  gtk_widget_measure (GTK_WIDGET (PPV_GOROUTINES_VIEW (widget)->stack), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
ppv_goroutines_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_GROUPING:
      g_value_set_int (value, PPV_GOROUTINES_VIEW (object)->grouping);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ppv_goroutines_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_GROUPING:
      ppv_goroutines_view_set_grouping (PPV_GOROUTINES_VIEW (object), g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ppv_goroutines_view_dispose (GObject *object)
{
  PpvGoroutinesView *self = PPV_GOROUTINES_VIEW (object);

  if (self->menu != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->menu));
      self->menu = NULL;
    }
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  self->filtered = NULL;
  /* The filter calls back into the view. */
  if (self->filter != NULL)
    gtk_custom_filter_set_filter_func (GTK_CUSTOM_FILTER (self->filter), NULL, NULL, NULL);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->groups, ppv_goroutine_groups_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PPV_TYPE_GOROUTINES_VIEW);

  G_OBJECT_CLASS (ppv_goroutines_view_parent_class)->dispose (object);
}

static void
ppv_goroutines_view_class_init (PpvGoroutinesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PpvReportPaneClass *pane_class = PPV_REPORT_PANE_CLASS (klass);

  ppv_views_ensure_resources ();

  object_class->dispose = ppv_goroutines_view_dispose;
  object_class->get_property = ppv_goroutines_view_get_property;
  object_class->set_property = ppv_goroutines_view_set_property;

  properties[PROP_GROUPING] =
    g_param_spec_int ("grouping", NULL, NULL, PPV_GOROUTINE_BY_STACK, PPV_GOROUTINE_BY_STATE,
                      PPV_GOROUTINE_BY_STACK,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  pane_class->page_name = "goroutines";
  pane_class->page_title = N_("Goroutines");
  pane_class->icon_name = "view-list-symbolic";
  pane_class->result_free = (GDestroyNotify) ppv_goroutine_groups_unref;
  pane_class->prepare = ppv_goroutines_view_prepare;
  pane_class->build = ppv_goroutines_view_build;
  pane_class->apply = ppv_goroutines_view_apply;
  pane_class->select_name = ppv_goroutines_view_select_name;
  pane_class->set_search = ppv_goroutines_view_set_search;
  pane_class->dup_legend = ppv_goroutines_view_dup_legend;
  pane_class->shows_profile = ppv_goroutines_view_shows_profile;

  widget_class->grab_focus = ppv_goroutines_view_grab_focus;
  widget_class->size_allocate = ppv_goroutines_view_size_allocate;
  widget_class->measure = ppv_goroutines_view_measure;

  gtk_widget_class_install_action (widget_class, "goroutines.copy", "s", ppv_flame_menu_copy_action);
  gtk_widget_class_install_action (widget_class, "goroutines.menu", NULL, menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "goroutines.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "goroutines.menu", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pprofviewer/PprofViewer/views/ppv-goroutines-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PpvGoroutinesView, stack);
  gtk_widget_class_bind_template_child (widget_class, PpvGoroutinesView, status_page);
  gtk_widget_class_bind_template_child (widget_class, PpvGoroutinesView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PpvGoroutinesView, column_view);
  gtk_widget_class_bind_template_child (widget_class, PpvGoroutinesView, state_column);
  gtk_widget_class_bind_template_child (widget_class, PpvGoroutinesView, longest_column);
  gtk_widget_class_bind_template_child (widget_class, PpvGoroutinesView, typical_column);
  gtk_widget_class_bind_template_child (widget_class, PpvGoroutinesView, creator_column);
  _ppv_goroutines_view_class_init_cells (widget_class);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "ppvgoroutinesview");
}

static void
ppv_goroutines_view_init (PpvGoroutinesView *self)
{
  GtkGesture *gesture;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->grouping = PPV_GOROUTINE_BY_STACK;
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (on_activate), self, G_CONNECT_SWAPPED);
  self->menu = ppv_flame_menu_new_popover (GTK_WIDGET (self));
  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_table_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (gesture));
  ppv_report_pane_set_utility (PPV_REPORT_PANE (self), create_grouping_control (self));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
ppv_goroutines_view_new (void)
{
  return g_object_new (PPV_TYPE_GOROUTINES_VIEW, NULL);
}
