/* ppv-graph-view-input.c — the call graph canvas's input: pointer, scroll,
 * pinch and keys; hover tooltips; the node menu.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keys, with the canvas focused:
 *   Tab, Shift+Tab     next/previous node, hottest first; past either
 *                      end focus moves on (Ctrl+Tab leaves at once)
 *   Up, Down           to a caller above / a callee below, else the
 *                      nearest node that way; pan with nothing selected
 *   Left, Right        to the neighbour on the same rank, else the
 *                      nearest node that way; pan with nothing selected
 *   Ctrl+arrows        pan
 *   Home, End          the hottest / the last node
 *   Return             focus the report on the selected node
 *   Menu, Shift+F10    the selected node's menu
 *   Escape             clear the selection
 * Zoom (Ctrl+plus, minus, 0) belongs to the profile view's actions.
 */
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ppv-graph-view-private.h"

/* Focus, ignore, hide and show refine by function name where there is one
 * (lines and addresses print more than the name), else by the name. */
static const char *
refine_target (const PpvReportRow *row)
{
  return row->function != NULL && row->function[0] != '\0' ? row->function : row->name;
}

static void
set_keyboard_mode (PpvGraphView *self,
                   gboolean      keyboard_mode)
{
  if (self->keyboard_mode == keyboard_mode)
    return;
  self->keyboard_mode = keyboard_mode;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
focus_on_node (PpvGraphView *self,
               guint         index)
{
  const PpvReportRow *row = _ppv_graph_view_node_row (self, index);

  if (row != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "view.refine", "(ss)", "focus",
                                refine_target (row));
}

static gboolean
query_tooltip (GtkWidget  *widget,
               int         x,
               int         y,
               gboolean    keyboard_mode,
               GtkTooltip *tooltip)
{
  PpvGraphView *self = PPV_GRAPH_VIEW (widget);
  g_autofree char *text = NULL;
  const PpvSceneRect *b;
  int index;

  if (keyboard_mode)
    index = self->selected;
  else
    index = _ppv_graph_view_node_at (self, x, y);

  if (index < 0 || self->scene == NULL)
    return FALSE;

  text = _ppv_graph_view_describe_node (self, index);
  if (text == NULL)
    return FALSE;

  /* Huge names would make a huge tooltip. */
  if (g_utf8_strlen (text, 4001) > 4000)
    {
      char *end = g_utf8_offset_to_pointer (text, 4000);

      *end = '\0';
    }

  b = &self->scene->nodes[index].box;
  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip,
                            &(GdkRectangle) {
                              (int) floor (b->x * self->scale + self->offset_x),
                              (int) floor (b->y * self->scale + self->offset_y),
                              (int) ceil (b->width * self->scale),
                              (int) ceil (b->height * self->scale),
                            });
  return TRUE;
}

/* --- Node menu ----------------------------------------------------------- */

static void
popup_node_menu (PpvGraphView *self,
                 guint         index,
                 double        x,
                 double        y)
{
  const PpvReportRow *row = _ppv_graph_view_node_row (self, index);
  g_autoptr(GMenu) menu = NULL;
  static const struct { const char *label; const char *kind; } items[] = {
    { N_("_Focus on"), "focus" },
    { N_("_Ignore"), "ignore" },
    { N_("_Hide"), "hide" },
    { N_("_Show Only"), "show" },
  };
  const char *target;

  if (row == NULL)
    return;

  target = refine_target (row);
  menu = g_menu_new ();
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, "view.refine",
                                               g_variant_new ("(ss)", items[i].kind, target));
      g_menu_append_item (menu, item);
    }

  gtk_popover_menu_set_menu_model (self->menu, G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static gboolean
popup_menu_for_selection (GtkWidget *widget,
                          GVariant  *args,
                          gpointer   user_data)
{
  PpvGraphView *self = PPV_GRAPH_VIEW (widget);
  double x, y;

  if (self->selected < 0)
    return FALSE;

  _ppv_graph_view_reveal_node (self, self->selected);
  if (!ppv_graph_view_get_node_center (self, self->selected, &x, &y))
    return FALSE;

  popup_node_menu (self, self->selected, x, y);
  return TRUE;
}

/* --- Input --------------------------------------------------------------- */

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           PpvGraphView             *self)
{
  int hover;

  self->pointer_x = x;
  self->pointer_y = y;

  hover = _ppv_graph_view_node_at (self, x, y);
  if (hover != self->hover)
    {
      const char *cursor = NULL;

      if (self->dragging)
        cursor = "grabbing";
      else if (hover >= 0 && _ppv_graph_view_node_row (self, hover) != NULL)
        cursor = "pointer";

      self->hover = hover;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave (GtkEventControllerMotion *controller,
          PpvGraphView             *self)
{
  if (self->hover >= 0)
    {
      self->hover = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           PpvGraphView             *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GdkScrollUnit unit = gtk_event_controller_scroll_get_unit (controller);

  if (self->scene == NULL)
    return FALSE;

  if (state & GDK_CONTROL_MASK)
    {
      double factor = unit == GDK_SCROLL_UNIT_WHEEL ? pow (ZOOM_STEP, -dy) : exp (-dy * 0.01);

      _ppv_graph_view_zoom_at (self, self->scale * factor, self->pointer_x, self->pointer_y);
      return TRUE;
    }

  if ((state & GDK_SHIFT_MASK) && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  if (unit == GDK_SCROLL_UNIT_WHEEL)
    {
      dx *= PAN_STEP;
      dy *= PAN_STEP;
    }
  _ppv_graph_view_set_transform (self, self->scale, self->offset_x - dx, self->offset_y - dy);
  return TRUE;
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               PpvGraphView   *self)
{
  self->drag_start_x = self->offset_x;
  self->drag_start_y = self->offset_y;
  self->dragging = FALSE;
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                PpvGraphView   *self)
{
  if (!self->dragging && hypot (dx, dy) < 4)
    return;

  if (!self->dragging)
    {
      self->dragging = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }
  _ppv_graph_view_set_transform (self, self->scale, self->drag_start_x + dx, self->drag_start_y + dy);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             PpvGraphView   *self)
{
  if (self->dragging)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
}

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  PpvGraphView    *self)
{
  int index;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  set_keyboard_mode (self, FALSE);

  if (n_press != 2)
    return;

  index = _ppv_graph_view_node_at (self, x, y);
  if (index >= 0)
    focus_on_node (self, index);
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   PpvGraphView    *self)
{
  if (self->dragging || n_press != 1)
    return;

  _ppv_graph_view_set_selected (self, _ppv_graph_view_node_at (self, x, y), TRUE);
}

static void
on_secondary_pressed (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      PpvGraphView    *self)
{
  int index = _ppv_graph_view_node_at (self, x, y);

  set_keyboard_mode (self, FALSE);
  if (index < 0 || _ppv_graph_view_node_row (self, index) == NULL)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  _ppv_graph_view_set_selected (self, index, TRUE);
  popup_node_menu (self, index, x, y);
}

static void
on_zoom_begin (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               PpvGraphView     *self)
{
  self->zoom_start_scale = self->scale;
  if (!gtk_gesture_get_bounding_box_center (gesture, &self->zoom_anchor_x, &self->zoom_anchor_y))
    {
      self->zoom_anchor_x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      self->zoom_anchor_y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
}

static void
on_zoom_scale_changed (GtkGestureZoom *gesture,
                       double          scale,
                       PpvGraphView   *self)
{
  _ppv_graph_view_zoom_at (self, self->zoom_start_scale * scale, self->zoom_anchor_x, self->zoom_anchor_y);
}

/* --- Keyboard order ------------------------------------------------------ */

static gint64
abs64 (gint64 value)
{
  return value < 0 ? -value : value;
}

static int
compare_order (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  PpvGraphView *self = user_data;
  guint ia = *(const guint *) a;
  guint ib = *(const guint *) b;
  const PpvReportRow *ra = _ppv_graph_view_node_row (self, ia);
  const PpvReportRow *rb = _ppv_graph_view_node_row (self, ib);
  int cmp;

  if (abs64 (ra->flat) != abs64 (rb->flat))
    return abs64 (ra->flat) > abs64 (rb->flat) ? -1 : 1;
  if ((cmp = strcmp (ra->name, rb->name)) != 0)
    return cmp;
  if (abs64 (ra->cum) != abs64 (rb->cum))
    return abs64 (ra->cum) > abs64 (rb->cum) ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

/* Tab walks the function nodes in the order of pprof's -top table (flat,
 * largest first; then name; then cum), so the first is the hottest and
 * the walk matches the table's default order.  pprof's own node order
 * (N1, N2...) ranks by entropy, which a user cannot predict. */
void
_ppv_graph_view_update_order (PpvGraphView *self)
{
  g_clear_pointer (&self->order, g_free);
  self->n_order = 0;

  if (self->graph == NULL || self->scene == NULL)
    return;

  self->order = g_new (guint, MAX (self->scene->n_nodes, 1));
  for (guint i = 0; i < self->scene->n_nodes; i++)
    if (_ppv_graph_view_node_row (self, i) != NULL)
      self->order[self->n_order++] = i;

  g_qsort_with_data (self->order, self->n_order, sizeof (guint), compare_order, self);
}

/* --- Keyboard ------------------------------------------------------------ */

static void
pan (PpvGraphView *self,
     int           dx,
     int           dy)
{
  _ppv_graph_view_set_transform (self, self->scale,
                                 self->offset_x + dx * PAN_STEP,
                                 self->offset_y + dy * PAN_STEP);
}

/* Selects node @index as a click does (the table follows) and brings it
 * into view. */
static void
select_from_keyboard (PpvGraphView *self,
                      guint         index)
{
  set_keyboard_mode (self, TRUE);
  _ppv_graph_view_set_selected (self, index, TRUE);
  _ppv_graph_view_reveal_node (self, index);
}

static int
order_position (PpvGraphView *self,
                int           index)
{
  for (guint i = 0; i < self->n_order; i++)
    if ((int) self->order[i] == index)
      return i;
  return -1;
}

static void
node_center (PpvGraphView *self,
             guint         index,
             double       *x,
             double       *y)
{
  const PpvSceneRect *b = &self->scene->nodes[index].box;

  *x = b->x + b->width / 2.0;
  *y = b->y + b->height / 2.0;
}

/* The node an arrow key moves to from @from, or -1.  Up and Down prefer
 * the node's callers above and callees below: in dot's top-to-bottom
 * layout that walks the call graph along its edges.  Left and Right prefer
 * nodes on the same rank.  Without such a node, the nearest one in that
 * direction will do, favouring a straight line.  Ties go to the earlier
 * node, so the walk is the same every time. */
static int
find_neighbour (PpvGraphView *self,
                guint         from,
                int           dx,
                int           dy)
{
  const PpvScene *scene = self->scene;
  g_autofree guint8 *linked = g_new0 (guint8, scene->n_nodes);
  double fx, fy, half_height = scene->nodes[from].box.height / 2.0;
  double best_score[2] = { G_MAXDOUBLE, G_MAXDOUBLE };
  int best[2] = { -1, -1 };

  for (guint e = 0; e < scene->n_edges; e++)
    {
      const PpvSceneEdge *edge = &scene->edges[e];

      if (dy > 0 && edge->src == from && edge->dst < scene->n_nodes)
        linked[edge->dst] = TRUE;
      else if (dy < 0 && edge->dst == from && edge->src < scene->n_nodes)
        linked[edge->src] = TRUE;
    }

  node_center (self, from, &fx, &fy);

  for (guint i = 0; i < self->n_order; i++)
    {
      guint index = self->order[i];
      double x, y, along, across, score;
      int tier;

      if (index == from)
        continue;

      node_center (self, index, &x, &y);
      along = (x - fx) * dx + (y - fy) * dy;
      across = fabs ((x - fx) * dy) + fabs ((y - fy) * dx);
      if (along < 1.0)
        continue;

      if (dy != 0)
        tier = linked[index] ? 0 : 1;
      else
        tier = across < MAX (half_height, scene->nodes[index].box.height / 2.0) ? 0 : 1;

      score = tier == 0 ? along + across : along + 2 * across;
      if (score < best_score[tier]
          || (score == best_score[tier] && (int) index < best[tier]))
        {
          best_score[tier] = score;
          best[tier] = index;
        }
    }

  return best[0] >= 0 ? best[0] : best[1];
}

static gboolean
step_binding (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  PpvGraphView *self = PPV_GRAPH_VIEW (widget);
  int step, position;

  if (self->n_order == 0)
    return FALSE;

  g_variant_get (args, "(i)", &step);
  position = order_position (self, self->selected);
  if (position < 0)
    position = step > 0 ? 0 : (int) self->n_order - 1;
  else if (position + step < 0 || position + step >= (int) self->n_order)
    /* Past the end: let Tab move the focus on, like leaving a list. */
    return FALSE;
  else
    position += step;

  select_from_keyboard (self, self->order[position]);
  return TRUE;
}

static gboolean
ends_binding (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  PpvGraphView *self = PPV_GRAPH_VIEW (widget);
  gboolean last;

  if (self->n_order == 0)
    return FALSE;

  g_variant_get (args, "(b)", &last);
  select_from_keyboard (self, self->order[last ? self->n_order - 1 : 0]);
  return TRUE;
}

/* Arrows walk from the selected node and pan when there is none. */
static gboolean
arrow_binding (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  PpvGraphView *self = PPV_GRAPH_VIEW (widget);
  int dx, dy, next;

  if (self->scene == NULL)
    return FALSE;

  g_variant_get (args, "(ii)", &dx, &dy);
  if (self->selected < 0)
    {
      pan (self, -dx, -dy);
      return TRUE;
    }

  set_keyboard_mode (self, TRUE);
  next = find_neighbour (self, self->selected, dx, dy);
  if (next < 0)
    gtk_widget_error_bell (widget);
  else
    select_from_keyboard (self, next);
  return TRUE;
}

static gboolean
pan_binding (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  PpvGraphView *self = PPV_GRAPH_VIEW (widget);
  int dx, dy;

  if (self->scene == NULL)
    return FALSE;

  g_variant_get (args, "(ii)", &dx, &dy);
  pan (self, -dx, -dy);
  return TRUE;
}

static gboolean
activate_binding (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  PpvGraphView *self = PPV_GRAPH_VIEW (widget);

  if (self->selected < 0)
    return FALSE;

  focus_on_node (self, self->selected);
  return TRUE;
}

/* Escape clears the selection; with none it goes on (to stop a load). */
static gboolean
unselect_binding (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  PpvGraphView *self = PPV_GRAPH_VIEW (widget);

  if (self->selected < 0)
    return FALSE;

  _ppv_graph_view_set_selected (self, -1, TRUE);
  return TRUE;
}

static void
add_arrow_bindings (GtkWidgetClass *widget_class,
                    guint           keyval,
                    guint           keypad_keyval,
                    int             dx,
                    int             dy)
{
  gtk_widget_class_add_binding (widget_class, keyval, 0, arrow_binding, "(ii)", dx, dy);
  gtk_widget_class_add_binding (widget_class, keypad_keyval, 0, arrow_binding, "(ii)", dx, dy);
  gtk_widget_class_add_binding (widget_class, keyval, GDK_CONTROL_MASK, pan_binding, "(ii)", dx, dy);
  gtk_widget_class_add_binding (widget_class, keypad_keyval, GDK_CONTROL_MASK, pan_binding, "(ii)", dx, dy);
}

void
_ppv_graph_view_class_init_input (GtkWidgetClass *widget_class)
{
  widget_class->query_tooltip = query_tooltip;

  add_arrow_bindings (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, -1, 0);
  add_arrow_bindings (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, 1, 0);
  add_arrow_bindings (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, 0, -1);
  add_arrow_bindings (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, 0, 1);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Tab, 0, step_binding, "(i)", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Tab, 0, step_binding, "(i)", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Tab, GDK_SHIFT_MASK, step_binding, "(i)", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Tab, GDK_SHIFT_MASK, step_binding, "(i)", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Home, 0, ends_binding, "(b)", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Home, 0, ends_binding, "(b)", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_End, 0, ends_binding, "(b)", TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_End, 0, ends_binding, "(b)", TRUE);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, activate_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_ISO_Enter, 0, activate_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, activate_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, unselect_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, popup_menu_for_selection, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, popup_menu_for_selection, NULL);
}

void
_ppv_graph_view_init_input (PpvGraphView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_click_pressed), self);
  g_signal_connect (gesture, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_secondary_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}
