/* ppv-graph-view-input.c — the call graph canvas's pointer, scroll and
 * pinch input; hover tooltips; the node menu.  Keys: ppv-graph-view-keys.c.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ppv-graph-view-private.h"
#include "ppv-refine.h"

void
_ppv_graph_view_set_keyboard_mode (PpvGraphView *self,
                                   gboolean      keyboard_mode)
{
  if (self->keyboard_mode == keyboard_mode)
    return;
  self->keyboard_mode = keyboard_mode;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_ppv_graph_view_focus_on_node (PpvGraphView *self,
                               guint         index)
{
  const PpvReportRow *row = _ppv_graph_view_node_row (self, index);

  if (row != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "view.refine", "(ss)", "focus",
                                ppv_refine_target (row->function, row->name));
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

  target = ppv_refine_target (row->function, row->name);
  menu = g_menu_new ();
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, "view.refine",
                                               g_variant_new ("(ss)", items[i].kind, target));
      g_menu_append_item (menu, item);
    }
  {
    g_autoptr(GMenu) other = g_menu_new ();

    ppv_report_pane_append_show_in (PPV_REPORT_PANE (self), other, row->name);
    g_menu_append_section (menu, NULL, G_MENU_MODEL (other));
  }

  gtk_popover_menu_set_menu_model (self->menu, G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

gboolean
_ppv_graph_view_popup_menu_for_selection (GtkWidget *widget,
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
  _ppv_graph_view_set_keyboard_mode (self, FALSE);

  if (n_press != 2)
    return;

  index = _ppv_graph_view_node_at (self, x, y);
  if (index >= 0)
    _ppv_graph_view_focus_on_node (self, index);
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

  _ppv_graph_view_set_keyboard_mode (self, FALSE);
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

void
_ppv_graph_view_class_init_input (GtkWidgetClass *widget_class)
{
  widget_class->query_tooltip = query_tooltip;
  _ppv_graph_view_class_init_keys (widget_class);
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
