/* ppv-graph-view-keys.c — the call graph canvas's keys: walking the nodes,
 * panning, focusing and the node menu from the keyboard.
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
#include <math.h>
#include <string.h>

#include "ppv-graph-view-private.h"

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
  _ppv_graph_view_set_keyboard_mode (self, TRUE);
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

  _ppv_graph_view_set_keyboard_mode (self, TRUE);
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

  _ppv_graph_view_focus_on_node (self, self->selected);
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
_ppv_graph_view_class_init_keys (GtkWidgetClass *widget_class)
{
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
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0,
                                _ppv_graph_view_popup_menu_for_selection, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                _ppv_graph_view_popup_menu_for_selection, NULL);
}
