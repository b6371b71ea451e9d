/* ppv-flame-canvas-input.c — the flame canvas's pointer and keys: hover
 * and tooltips, click to zoom, the context menu, arrows between parent,
 * children and siblings, Return to zoom, Backspace or Escape to go back.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "ppv-flame-canvas-private.h"

static void
set_hover (PpvFlameCanvas *self,
           guint32         node)
{
  if (node == self->hover)
    return;
  self->hover = node;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           PpvFlameCanvas           *self)
{
  set_hover (self, ppv_flame_canvas_node_at (self, x, y));
}

static void
on_leave (GtkEventControllerMotion *controller,
          PpvFlameCanvas           *self)
{
  set_hover (self, PPV_NONE);
}

/* A click selects the box and zooms into it (a breadcrumb row zooms back
 * out to it). */
static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   PpvFlameCanvas  *self)
{
  guint32 node = ppv_flame_canvas_node_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->keyboard_mode = FALSE;
  if (node == PPV_NONE)
    return;

  ppv_flame_canvas_zoom_to (self, node);
  ppv_flame_canvas_set_cursor (self, node, TRUE);
}

static void
on_secondary_pressed (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      PpvFlameCanvas  *self)
{
  guint32 node = ppv_flame_canvas_node_at (self, x, y);

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (node == PPV_NONE)
    return;

  ppv_flame_canvas_set_cursor (self, node, TRUE);
  _ppv_flame_canvas_emit_menu (self, node, x, y);
}

static gboolean
query_tooltip (GtkWidget  *widget,
               int         x,
               int         y,
               gboolean    keyboard_mode,
               GtkTooltip *tooltip)
{
  PpvFlameCanvas *self = PPV_FLAME_CANVAS (widget);
  guint32 node = keyboard_mode ? self->cursor : ppv_flame_canvas_node_at (self, x, y);
  g_autofree char *text = NULL;
  graphene_rect_t area;

  if (node == PPV_NONE || (text = ppv_flame_canvas_describe_node (self, node)) == NULL)
    return FALSE;

  /* Huge names would make a huge tooltip. */
  if (g_utf8_strlen (text, 4001) > 4000)
    *g_utf8_offset_to_pointer (text, 4000) = '\0';

  gtk_tooltip_set_text (tooltip, text);
  if (ppv_flame_canvas_get_node_area (self, node, &area))
    gtk_tooltip_set_tip_area (tooltip,
                              &(GdkRectangle) {
                                (int) floor (area.origin.x), (int) floor (area.origin.y),
                                (int) ceil (area.size.width), (int) ceil (area.size.height),
                              });
  return TRUE;
}

/* --- Keys ----------------------------------------------------------------- */

static guint32
previous_sibling (PpvStackTree *tree,
                  guint32       node)
{
  guint32 parent = ppv_stack_tree_get_parent (tree, node);
  guint32 previous = PPV_NONE;

  if (parent == PPV_NONE)
    return PPV_NONE;
  for (guint32 child = ppv_stack_tree_get_first_child (tree, parent);
       child != PPV_NONE && child != node;
       child = ppv_stack_tree_get_next_sibling (tree, child))
    previous = child;
  return previous;
}

static void
move_cursor (PpvFlameCanvas *self,
             guint32         node)
{
  graphene_rect_t area;

  if (node == PPV_NONE)
    return;

  self->keyboard_mode = TRUE;
  /* A box too narrow to draw: zoom into its parent so it shows. */
  if (!ppv_flame_canvas_get_node_area (self, node, &area)
      && ppv_stack_tree_get_parent (self->tree, node) != PPV_NONE)
    ppv_flame_canvas_zoom_to (self, ppv_stack_tree_get_parent (self->tree, node));
  ppv_flame_canvas_set_cursor (self, node, TRUE);
}

/* (dy, dx): dy -1 up, 1 down; dx -1 left, 1 right, on screen. */
static gboolean
arrow_binding (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  PpvFlameCanvas *self = PPV_FLAME_CANVAS (widget);
  PpvStackTree *tree = self->tree;
  int dy, dx;
  guint32 node;

  if (tree == NULL)
    return FALSE;

  g_variant_get (args, "(ii)", &dy, &dx);
  /* The first key lands on the zoomed box, or below the root: the root
   * is every sample, not a function. */
  if (self->cursor == PPV_NONE)
    {
      node = ppv_stack_tree_get_parent (tree, self->zoom) == PPV_NONE && !self->inverted
             ? ppv_stack_tree_get_first_child (tree, self->zoom) : self->zoom;
      move_cursor (self, node != PPV_NONE ? node : self->zoom);
      return TRUE;
    }

  if (self->inverted)
    dy = -dy;
  if (dy < 0)
    node = ppv_stack_tree_get_parent (tree, self->cursor);
  else if (dy > 0)
    node = ppv_stack_tree_get_first_child (tree, self->cursor);
  else if (dx > 0)
    node = ppv_stack_tree_get_next_sibling (tree, self->cursor);
  else
    node = previous_sibling (tree, self->cursor);

  move_cursor (self, node);
  return TRUE;
}

static gboolean
zoom_binding (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  PpvFlameCanvas *self = PPV_FLAME_CANVAS (widget);

  if (self->cursor == PPV_NONE)
    return FALSE;
  ppv_flame_canvas_zoom_to (self, self->cursor);
  return TRUE;
}

static gboolean
back_binding (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  return ppv_flame_canvas_zoom_back (PPV_FLAME_CANVAS (widget));
}

static gboolean
menu_binding (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  PpvFlameCanvas *self = PPV_FLAME_CANVAS (widget);
  graphene_rect_t area;

  if (self->cursor == PPV_NONE || !ppv_flame_canvas_get_node_area (self, self->cursor, &area))
    return FALSE;
  _ppv_flame_canvas_emit_menu (self, self->cursor,
                               area.origin.x + MIN (area.size.width / 2, 40),
                               area.origin.y + area.size.height);
  return TRUE;
}

static void
add_arrow (GtkWidgetClass *widget_class,
           guint           keyval,
           guint           keypad_keyval,
           int             dy,
           int             dx)
{
  gtk_widget_class_add_binding (widget_class, keyval, 0, arrow_binding, "(ii)", dy, dx);
  gtk_widget_class_add_binding (widget_class, keypad_keyval, 0, arrow_binding, "(ii)", dy, dx);
}

void
_ppv_flame_canvas_class_init_input (GtkWidgetClass *widget_class)
{
  widget_class->query_tooltip = query_tooltip;

  add_arrow (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, -1, 0);
  add_arrow (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, 1, 0);
  add_arrow (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, 0, -1);
  add_arrow (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, 0, 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, zoom_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_ISO_Enter, 0, zoom_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, zoom_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_BackSpace, 0, back_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, back_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, menu_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, menu_binding, NULL);
}

void
_ppv_flame_canvas_init_input (PpvFlameCanvas *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_secondary_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}
