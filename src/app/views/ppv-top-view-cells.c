/* ppv-top-view-cells.c — the top table's cells (numbers, percentages with
 * fraction bars, names with their full text in a tooltip) and its row
 * menu (Focus, Ignore, Hide, Show in ▸ other views, Copy Name, sorting).
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "ppv-demangle.h"
#include "ppv-percent-cell.h"
#include "ppv-top-view-private.h"
#include "ppv-refine.h"

/* Tooltips are labels too: keep even the "full name" within reason. */
#define MAX_TOOLTIP_CHARS 4000

static void popup_menu_for_item (PpvTopView  *self,
                                 GtkListItem *list_item,
                                 GtkWidget   *from,
                                 double       x,
                                 double       y);

/* One gesture for the whole table (not one per cell: every cell widget
 * is created again when a new report replaces the rows).  The row under
 * the pointer is found through the cell that was picked. */
static GtkListItem *
list_item_at (PpvTopView *self,
              double      x,
              double      y,
              GtkWidget **cell)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->column_view), x, y, GTK_PICK_DEFAULT);

  for (; picked != NULL && picked != GTK_WIDGET (self->column_view);
       picked = gtk_widget_get_parent (picked))
    {
      GtkListItem *list_item = g_object_get_data (G_OBJECT (picked), "ppv-list-item");

      if (list_item != NULL && gtk_list_item_get_item (list_item) != NULL)
        {
          *cell = picked;
          return list_item;
        }
    }

  return NULL;
}

static void
popup_at_point (PpvTopView *self,
                double      x,
                double      y)
{
  GtkWidget *cell = NULL;
  GtkListItem *list_item = list_item_at (self, x, y, &cell);
  double cx, cy;

  if (list_item == NULL)
    return;

  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self->column_view), cell, x, y, &cx, &cy))
    cx = cy = 0;
  popup_menu_for_item (self, list_item, cell, cx, cy);
}

static void
on_secondary_pressed (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      PpvTopView      *self)
{
  GtkWidget *cell;

  if (list_item_at (self, x, y, &cell) == NULL)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_at_point (self, x, y);
}

static void
on_long_pressed (GtkGestureLongPress *gesture,
                 double               x,
                 double               y,
                 PpvTopView          *self)
{
  popup_at_point (self, x, y);
}

static void
attach_cell (PpvTopView  *self,
             GtkListItem *list_item,
             GtkWidget   *cell)
{
  g_object_set_data (G_OBJECT (cell), "ppv-list-item", list_item);
  gtk_list_item_set_child (list_item, cell);
}

/* The full name, only when the cell does not show all of it. */
static gboolean
on_name_query_tooltip (GtkWidget  *label,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (label), "ppv-list-item");
  PpvTopRow *row = list_item != NULL ? gtk_list_item_get_item (list_item) : NULL;
  const char *name;

  g_autofree char *cut = NULL;
  g_autofree char *full = NULL;

  if (row == NULL || ppv_top_row_get_model (row) == NULL)
    return FALSE;

  /* A C++ name shortened as pprof prints it keeps its full form here. */
  full = ppv_demangle_dup_full_name (ppv_report_get_profile (ppv_top_model_get_report (ppv_top_row_get_model (row))),
                                     ppv_top_row_get_name (row));
  cut = ppv_top_model_dup_cut_name (ppv_top_row_get_model (row), ppv_top_row_get_index (row));
  if (full == NULL && cut == NULL && !pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))))
    return FALSE;

  name = full != NULL ? full : ppv_top_row_get_name (row);
  if (g_utf8_strlen (name, MAX_TOOLTIP_CHARS + 1) > MAX_TOOLTIP_CHARS)
    {
      g_autofree char *head = g_utf8_substring (name, 0, MAX_TOOLTIP_CHARS);
      g_autofree char *tip = g_strconcat (head, "…", NULL);

      gtk_tooltip_set_text (tooltip, tip);
    }
  else
    gtk_tooltip_set_text (tooltip, name);

  return TRUE;
}

static char *dup_exact_value (PpvTopView  *self,
                              GtkListItem *list_item);

/* The exact value: cells print it rounded to the unit --top picks. */
static gboolean
on_value_query_tooltip (GtkWidget  *label,
                        int         x,
                        int         y,
                        gboolean    keyboard_mode,
                        GtkTooltip *tooltip,
                        PpvTopView *self)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (label), "ppv-list-item");
  g_autofree char *exact = list_item != NULL ? dup_exact_value (self, list_item) : NULL;

  if (exact == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, exact);
  return TRUE;
}

static void
setup_value_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  PpvTopView               *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_value_query_tooltip), self);
  attach_cell (self, list_item, label);
}

static void
setup_percent_cell (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    PpvTopView               *self)
{
  attach_cell (self, list_item, ppv_percent_cell_new ());
}

static void
setup_name_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 PpvTopView               *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_name_query_tooltip), NULL);
  attach_cell (self, list_item, label);
}

/* --- Binding ------------------------------------------------------------
 *
 * Rows stand for positions (see ppv-top-row.h): when they show new content
 * the view binds its bound cells again, so it keeps them in self->bound.
 */

typedef enum
{
  CELL_FLAT,
  CELL_FLAT_PERCENT,
  CELL_SUM_PERCENT,
  CELL_CUM,
  CELL_CUM_PERCENT,
  CELL_NAME,
  CELL_BASE,
  CELL_NEW,
} CellKind;

static void
set_percent (GtkWidget *cell,
             PpvReport *report,
             gint64     value)
{
  gint64 total = ppv_report_get_total (report);
  g_autofree char *text = ppv_format_percentage (value, total);
  double fraction = total != 0 ? (double) value / (double) total : 0.0;

  ppv_percent_cell_set (PPV_PERCENT_CELL (cell), fraction, g_strstrip (text));
}

/* A comparison's change: red and ▲ for growth, green and ▼ (besides the
 * minus sign) for shrinkage, so colour is never the only cue; @value 0
 * outside a comparison. */
static void
set_change (GtkWidget  *cell,
            gint64      value,
            const char *text)
{
  g_autofree char *marked = NULL;

  gtk_widget_remove_css_class (cell, "ppv-grew");
  gtk_widget_remove_css_class (cell, "ppv-shrank");
  if (value > 0)
    {
      gtk_widget_add_css_class (cell, "ppv-grew");
      marked = g_strconcat ("▲ ", text, NULL);
    }
  else if (value < 0)
    {
      gtk_widget_add_css_class (cell, "ppv-shrank");
      marked = g_strconcat ("▼ ", text, NULL);
    }
  gtk_label_set_text (GTK_LABEL (cell), marked != NULL ? marked : text);
}

static void
bind_cell (PpvTopView  *self,
           GtkListItem *list_item,
           CellKind     kind)
{
  PpvTopRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  PpvTopModel *model = row != NULL ? ppv_top_row_get_model (row) : NULL;
  PpvReport *report;
  guint index;
  const PpvReportRow *rrow;
  g_autofree char *text = NULL;

  /* A row past the end, about to go (ppv-top-pacer.h): blank. */
  if (model == NULL)
    {
      if (PPV_IS_PERCENT_CELL (cell))
        ppv_percent_cell_set (PPV_PERCENT_CELL (cell), 0.0, "");
      else if (GTK_IS_LABEL (cell))
        set_change (cell, 0, "");
      return;
    }

  report = ppv_top_model_get_report (model);
  index = ppv_top_row_get_index (row);
  rrow = ppv_top_model_get_row (model, index);

  switch (kind)
    {
    case CELL_FLAT:
    case CELL_CUM:
      text = ppv_top_model_format_value (model, kind == CELL_FLAT ? rrow->flat : rrow->cum);
      set_change (cell, ppv_top_model_is_signed (model) ? (kind == CELL_FLAT ? rrow->flat : rrow->cum) : 0,
                  text);
      break;

    case CELL_FLAT_PERCENT:
      set_percent (cell, report, rrow->flat);
      break;

    case CELL_SUM_PERCENT:
      set_percent (cell, report, ppv_top_view_get_row_sum (self, row));
      break;

    case CELL_CUM_PERCENT:
      set_percent (cell, report, rrow->cum);
      break;

    case CELL_BASE:
    case CELL_NEW:
      {
        gint64 base, after;

        /* Each side is summed after the table is shown. */
        if (ppv_top_model_get_sides (model, index, &base, &after))
          text = ppv_top_model_format_value (model, kind == CELL_BASE ? base : after);
        gtk_label_set_text (GTK_LABEL (cell), text != NULL ? text : "…");
      }
      break;

    case CELL_NAME:
      text = ppv_top_model_dup_cut_name (model, index);
      gtk_label_set_text (GTK_LABEL (cell), text != NULL ? text : ppv_top_model_get_name (model, index));
      break;

    default:
      g_assert_not_reached ();
    }
}

/* The exact value a bound flat or cum cell shows, or NULL. */
static char *
dup_exact_value (PpvTopView  *self,
                 GtkListItem *list_item)
{
  PpvTopRow *row = gtk_list_item_get_item (list_item);
  PpvTopModel *model = row != NULL ? ppv_top_row_get_model (row) : NULL;
  guint kind = GPOINTER_TO_UINT (g_hash_table_lookup (self->bound, list_item));
  const PpvReportRow *rrow;

  if (model == NULL || (kind != CELL_FLAT + 1 && kind != CELL_CUM + 1))
    return NULL;
  rrow = ppv_top_model_get_row (model, ppv_top_row_get_index (row));
  return ppv_top_model_format_exact (model, kind == CELL_FLAT + 1 ? rrow->flat : rrow->cum);
}

static void
track_and_bind (PpvTopView  *self,
                GtkListItem *list_item,
                CellKind     kind)
{
  g_hash_table_insert (self->bound, list_item, GUINT_TO_POINTER (kind + 1));
  bind_cell (self, list_item, kind);
}

void
_ppv_top_view_refresh_cells (PpvTopView *self)
{
  GHashTableIter iter;
  gpointer list_item, kind;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &list_item, &kind))
    bind_cell (self, list_item, GPOINTER_TO_UINT (kind) - 1);
}

#define DEFINE_BIND(func, kind)                                      \
  static void                                                        \
  func (GtkSignalListItemFactory *factory,                           \
        GtkListItem              *list_item,                         \
        PpvTopView               *self)                              \
  {                                                                  \
    track_and_bind (self, list_item, kind);                          \
  }

DEFINE_BIND (bind_flat_cell, CELL_FLAT)
DEFINE_BIND (bind_flat_percent_cell, CELL_FLAT_PERCENT)
DEFINE_BIND (bind_sum_percent_cell, CELL_SUM_PERCENT)
DEFINE_BIND (bind_cum_cell, CELL_CUM)
DEFINE_BIND (bind_cum_percent_cell, CELL_CUM_PERCENT)
DEFINE_BIND (bind_name_cell, CELL_NAME)
DEFINE_BIND (bind_base_cell, CELL_BASE)
DEFINE_BIND (bind_new_cell, CELL_NEW)

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             PpvTopView               *self)
{
  g_hash_table_remove (self->bound, list_item);
}

/* --- Context menu -------------------------------------------------------- */

/* The column headers take no keyboard focus in GTK 4.8: sorting is in
 * the row menu too (Menu or Shift+F10 on the table). */
static GMenuModel *
build_sort_menu (void)
{
  static const struct { const char *label; const char *order; } orders[] = {
    { N_("Sort by F_lat"), "flat" },
    { N_("Sort by C_um"), "cum" },
    { N_("Sort by _Name"), "name" },
    { N_("_pprof’s Order"), "report" },
  };
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(orders[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, "top.sort", g_variant_new_string (orders[i].order));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

static void
append_copy (GMenu      *menu,
             const char *label,
             const char *text)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, "top.copy", g_variant_new_string (text));
  g_menu_append_item (menu, item);
}

static GMenuModel *
build_row_menu (PpvTopView *self,
                PpvTopRow  *row)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) refine = g_menu_new ();
  g_autoptr(GMenu) other = g_menu_new ();
  PpvTopModel *model = ppv_top_row_get_model (row);
  const PpvReportRow *rrow = ppv_report_get_row (ppv_top_row_get_report (row),
                                                 ppv_top_row_get_index (row));
  g_autofree char *flat = ppv_top_model_format_exact (model, rrow->flat);
  g_autofree char *cum = ppv_top_model_format_exact (model, rrow->cum);
  const char *target = ppv_refine_target (rrow->function, rrow->name);
  static const struct { const char *label; const char *kind; } refines[] = {
    { N_("_Focus"), "focus" },
    { N_("_Ignore"), "ignore" },
    { N_("_Hide"), "hide" },
  };
  g_autoptr(GMenuModel) sort = build_sort_menu ();

  for (guint i = 0; i < G_N_ELEMENTS (refines); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(refines[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, "view.refine",
                                               g_variant_new ("(ss)", refines[i].kind, target));
      g_menu_append_item (refine, item);
    }

  ppv_report_pane_append_show_in (PPV_REPORT_PANE (self), other, rrow->name);

  append_copy (other, _("_Copy Name"), ppv_top_row_get_name (row));
  /* Exact values: the cells round them to --top's unit. */
  append_copy (other, _("Copy Fl_at Value"), flat);
  append_copy (other, _("Copy Cu_m Value"), cum);

  g_menu_append_section (menu, NULL, G_MENU_MODEL (refine));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (other));
  g_menu_append_section (menu, NULL, sort);

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static void
popup_menu_at (PpvTopView *self,
               PpvTopRow  *row,
               double      x,
               double      y)
{
  g_autoptr(GMenuModel) model = build_row_menu (self, row);

  gtk_popover_menu_set_menu_model (self->menu, model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
popup_menu_for_item (PpvTopView  *self,
                     GtkListItem *list_item,
                     GtkWidget   *from,
                     double       x,
                     double       y)
{
  PpvTopRow *row = gtk_list_item_get_item (list_item);
  guint position = gtk_list_item_get_position (list_item);

  if (row == NULL || ppv_top_row_get_model (row) == NULL)
    return;
  double tx = x, ty = y;

  if (position != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, position);

  if (!gtk_widget_translate_coordinates (from, GTK_WIDGET (self), x, y, &tx, &ty))
    tx = ty = 0;

  popup_menu_at (self, row, tx, ty);
}

static gboolean
popup_menu_for_selection (GtkWidget *widget,
                          GVariant  *args,
                          gpointer   user_data)
{
  PpvTopView *self = PPV_TOP_VIEW (widget);
  PpvTopRow *row = ppv_top_view_get_selected (self);
  GtkRoot *root;
  GtkWidget *focus = NULL;
  graphene_rect_t bounds;
  double x = gtk_widget_get_width (widget) / 2.0;
  double y = 0;

  if (row == NULL || ppv_top_row_get_model (row) == NULL)
    return FALSE;

  /* Point at the focused row when the focus is on it. */
  root = gtk_widget_get_root (widget);
  if (root != NULL)
    focus = gtk_root_get_focus (root);
  if (focus != NULL && gtk_widget_is_ancestor (focus, widget)
      && gtk_widget_compute_bounds (focus, widget, &bounds))
    {
      x = bounds.origin.x + MIN (bounds.size.width / 2, 200);
      y = bounds.origin.y + bounds.size.height;
    }

  popup_menu_at (self, row, x, y);
  return TRUE;
}

/* "flat", "cum" and "name" sort as a first click on that header does
 * (numbers largest first); "report" goes back to pprof's order. */
static void
sort_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PpvTopView *self = PPV_TOP_VIEW (widget);
  const char *order = g_variant_get_string (parameter, NULL);
  GtkColumnViewColumn *column = NULL;

  if (g_str_equal (order, "flat"))
    column = self->flat_column;
  else if (g_str_equal (order, "cum"))
    column = self->cum_column;
  else if (g_str_equal (order, "name"))
    column = self->name_column;

  gtk_column_view_sort_by_column (self->column_view, column, GTK_SORT_ASCENDING);
}

/* Copies the text given (a name, an exact value). */
static void
copy_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          g_variant_get_string (parameter, NULL));
}

void
_ppv_top_view_class_init_cells (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, setup_value_cell);
  gtk_widget_class_bind_template_callback (widget_class, setup_percent_cell);
  gtk_widget_class_bind_template_callback (widget_class, setup_name_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_flat_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_cum_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_flat_percent_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_cum_percent_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_sum_percent_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_name_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_base_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_new_cell);
  gtk_widget_class_bind_template_callback (widget_class, unbind_cell);

  gtk_widget_class_install_action (widget_class, "top.copy", "s", copy_action);
  gtk_widget_class_install_action (widget_class, "top.sort", "s", sort_action);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, popup_menu_for_selection, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, popup_menu_for_selection, NULL);
}

void
_ppv_top_view_init_cells (PpvTopView *self)
{
  GtkGesture *gesture;

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_secondary_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_long_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (gesture));
}
