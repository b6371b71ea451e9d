/* ppv-watch-timeline.c — a watch's timeline: a total per snapshot, gaps and restarts, markers A and B.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <math.h>

#include "ppv-units.h"
#include "ppv-watch-timeline-private.h"

#define HIT_RADIUS 10.0

G_DEFINE_FINAL_TYPE (PpvWatchTimeline, ppv_watch_timeline, GTK_TYPE_WIDGET)

enum {
  SIGNAL_MARKERS_CHANGED,
  SIGNAL_SNAPSHOT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- Geometry ------------------------------------------------------------ */

void
_ppv_watch_timeline_get_frame (PpvWatchTimeline *self,
           Frame            *frame)
{
  frame->left = PAD_SIDE;
  frame->right = MAX (frame->left + 1, gtk_widget_get_width (GTK_WIDGET (self)) - PAD_SIDE);
  frame->top = PAD_TOP;
  frame->bottom = MAX (frame->top + 1, gtk_widget_get_height (GTK_WIDGET (self)) - PAD_BOTTOM);
  frame->t0 = frame->t1 = 0;
  frame->max = 1;
  frame->series_max = 1;

  for (guint i = 0; i < self->points->len; i++)
    {
      Point *p = &g_array_index (self->points, Point, i);

      if (i == 0)
        frame->t0 = p->time;
      frame->t1 = p->time;
      if (p->snapshot >= 0)
        frame->max = MAX (frame->max, p->value);
    }
  for (guint i = 0; self->series != NULL && i < self->series->len; i++)
    frame->series_max = MAX (frame->series_max, g_array_index (self->series, gint64, i));
}

Point *
_ppv_watch_timeline_snapshot_point (PpvWatchTimeline *self,
                int               snapshot)
{
  if (snapshot < 0 || (guint) snapshot >= self->snapshots->len)
    return NULL;
  return &g_array_index (self->points, Point, g_array_index (self->snapshots, guint, snapshot));
}

/* The point nearest @x no further than @within (gaps too unless
 * @snapshots_only), as an index into points, or -1. */
static int
nearest_point (PpvWatchTimeline *self,
               double            x,
               double            within,
               gboolean          snapshots_only)
{
  Frame frame;
  int best = -1;
  double best_d = within;

  _ppv_watch_timeline_get_frame (self, &frame);
  for (guint i = 0; i < self->points->len; i++)
    {
      Point *p = &g_array_index (self->points, Point, i);
      double d = fabs (_ppv_watch_timeline_x_of (&frame, p->time) - x);

      if ((p->snapshot >= 0 || !snapshots_only) && d <= best_d)
        {
          best = (int) i;
          best_d = d;
        }
    }
  return best;
}

static int
point_at (PpvWatchTimeline *self,
          double            x)
{
  return nearest_point (self, x, HIT_RADIUS, FALSE);
}

/* The snapshot nearest @x, whatever the distance, or -1. */
static int
nearest_snapshot (PpvWatchTimeline *self,
                  double            x)
{
  int index = nearest_point (self, x, G_MAXDOUBLE, TRUE);

  return index >= 0 ? g_array_index (self->points, Point, index).snapshot : -1;
}

/* --- Texts --------------------------------------------------------------- */

char *
_ppv_watch_timeline_dup_value (PpvWatchTimeline *self,
           gint64            value)
{
  return ppv_unit_scaled_label (value, self->unit != NULL ? self->unit : "count", "auto");
}

char *
_ppv_watch_timeline_dup_time (gint64 time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (time / G_USEC_PER_SEC);

  return dt != NULL ? g_date_time_format (dt, "%H:%M:%S") : g_strdup ("");
}

static char *
dup_marker_text (PpvWatchTimeline  *self,
                 PpvTimelineMarker  marker)
{
  Point *p = _ppv_watch_timeline_snapshot_point (self, self->marker[marker]);
  g_autofree char *time = NULL;
  g_autofree char *value = NULL;

  if (p == NULL)
    return g_strdup ("");
  time = _ppv_watch_timeline_dup_time (p->time);
  value = _ppv_watch_timeline_dup_value (self, p->value);
  /* Translators: a marker on the timeline: "A: #3 12:00:05, 14.5MB". */
  return g_strdup_printf (_("%s: #%d %s, %s"), marker == PPV_TIMELINE_MARKER_A ? "A" : "B",
                          self->marker[marker] + 1, time, value);
}

/* Screen readers (and tests) read the count and both markers. */
static void
update_accessible (PpvWatchTimeline *self)
{
  g_autofree char *a = dup_marker_text (self, PPV_TIMELINE_MARKER_A);
  g_autofree char *b = dup_marker_text (self, PPV_TIMELINE_MARKER_B);
  guint n_gaps = self->points->len - self->snapshots->len;
  g_autofree char *count = NULL;
  g_autofree char *gaps = NULL;
  g_autofree char *description = NULL;

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u snapshot", "%u snapshots", self->snapshots->len),
                           self->snapshots->len);
  gaps = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u failed fetch", "%u failed fetches", n_gaps), n_gaps);
  if (self->snapshots->len == 0)
    description = g_strdup_printf ("%s, %s", count, gaps);
  else
    description = g_strdup_printf ("%s, %s. %s. %s. %s", count, gaps, a, b,
                                   self->selected == PPV_TIMELINE_MARKER_A ? _("A selected") : _("B selected"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
ppv_watch_timeline_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 200;
  else
    {
      *minimum = 120;
      *natural = 170;
    }
}

/* --- Tooltips ------------------------------------------------------------ */

static gboolean
query_tooltip_cb (PpvWatchTimeline *self,
                  int               x,
                  int               y,
                  gboolean          keyboard,
                  GtkTooltip       *tooltip)
{
  int index = point_at (self, x);
  Point *p;
  g_autofree char *time = NULL;
  g_autofree char *text = NULL;

  if (keyboard)
    index = self->marker[self->selected] >= 0
      ? (int) g_array_index (self->snapshots, guint, self->marker[self->selected]) : -1;
  if (index < 0 || (guint) index >= self->points->len)
    return FALSE;
  p = &g_array_index (self->points, Point, index);
  time = _ppv_watch_timeline_dup_time (p->time);
  if (p->snapshot < 0)
    /* Translators: a failed fetch on the timeline: "12:00:05 — connection refused". */
    text = g_strdup_printf (_("%s — fetch failed: %s"), time, p->error);
  else
    {
      g_autofree char *value = _ppv_watch_timeline_dup_value (self, p->value);
      g_autofree char *series = NULL;

      if (self->series != NULL && (guint) p->snapshot < self->series->len)
        {
          g_autofree char *v = _ppv_watch_timeline_dup_value (self, g_array_index (self->series, gint64, p->snapshot));

          series = g_strdup_printf ("\n%s: %s", self->series_name, v);
        }
      /* Translators: a snapshot on the timeline: "#3 12:00:05 — 14.5MB". */
      text = g_strdup_printf (_("#%d %s — %s%s%s"), p->snapshot + 1, time, value,
                              p->restart ? _(" (after a restart)") : "", series != NULL ? series : "");
    }
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* --- Markers ------------------------------------------------------------- */

static void
markers_changed (PpvWatchTimeline *self)
{
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_MARKERS_CHANGED], 0);
}

void
ppv_watch_timeline_set_marker (PpvWatchTimeline  *self,
                               PpvTimelineMarker  marker,
                               int                snapshot)
{
  int n;

  g_return_if_fail (PPV_IS_WATCH_TIMELINE (self));
  g_return_if_fail (marker <= PPV_TIMELINE_MARKER_B);

  n = (int) self->snapshots->len;
  snapshot = n == 0 ? -1 : CLAMP (snapshot, 0, n - 1);
  if (marker == PPV_TIMELINE_MARKER_B)
    self->b_follows = snapshot == n - 1;
  if (self->marker[marker] == snapshot)
    return;
  self->marker[marker] = snapshot;
  markers_changed (self);
}

int
ppv_watch_timeline_get_marker (PpvWatchTimeline  *self,
                               PpvTimelineMarker  marker)
{
  g_return_val_if_fail (PPV_IS_WATCH_TIMELINE (self), -1);
  g_return_val_if_fail (marker <= PPV_TIMELINE_MARKER_B, -1);

  return self->marker[marker];
}

guint
ppv_watch_timeline_get_n_snapshots (PpvWatchTimeline *self)
{
  g_return_val_if_fail (PPV_IS_WATCH_TIMELINE (self), 0);
  return self->snapshots->len;
}

static void
select_marker (PpvWatchTimeline  *self,
               PpvTimelineMarker  marker)
{
  if (self->selected == marker)
    return;
  self->selected = marker;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* --- Input --------------------------------------------------------------- */

static gboolean
key_pressed_cb (PpvWatchTimeline      *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  int current = self->marker[self->selected];
  int last = (int) self->snapshots->len - 1;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_a:
    case GDK_KEY_A:
      select_marker (self, PPV_TIMELINE_MARKER_A);
      return TRUE;
    case GDK_KEY_b:
    case GDK_KEY_B:
      select_marker (self, PPV_TIMELINE_MARKER_B);
      return TRUE;
    case GDK_KEY_space:
      select_marker (self, 1 - self->selected);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      ppv_watch_timeline_set_marker (self, self->selected, current - 1);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      ppv_watch_timeline_set_marker (self, self->selected, current + 1);
      return TRUE;
    case GDK_KEY_Home:
      ppv_watch_timeline_set_marker (self, self->selected, 0);
      return TRUE;
    case GDK_KEY_End:
      ppv_watch_timeline_set_marker (self, self->selected, last);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      if (current >= 0)
        g_signal_emit (self, signals[SIGNAL_SNAPSHOT_ACTIVATED], 0, (guint) current);
      return TRUE;
    default:
      return FALSE;
    }
}

/* The marker whose line or label is near @x, or -1. */
static int
marker_at (PpvWatchTimeline *self,
           double            x)
{
  Frame frame;

  _ppv_watch_timeline_get_frame (self, &frame);
  for (int m = 1; m >= 0; m--)
    {
      Point *p = _ppv_watch_timeline_snapshot_point (self, self->marker[m]);

      if (p != NULL && fabs (_ppv_watch_timeline_x_of (&frame, p->time) + (m == 1 && self->marker[0] == self->marker[1] ? 9 : 0) - x) <= 8)
        return m;
    }
  return -1;
}

static void
drag_begin_cb (PpvWatchTimeline *self,
               double            x,
               double            y,
               GtkGestureDrag   *gesture)
{
  self->drag_x = x;
  self->dragging = y < PAD_TOP ? marker_at (self, x) : -1;
  if (self->dragging >= 0)
    select_marker (self, self->dragging);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
drag_update_cb (PpvWatchTimeline *self,
                double            dx,
                double            dy,
                GtkGestureDrag   *gesture)
{
  if (self->dragging >= 0)
    ppv_watch_timeline_set_marker (self, self->dragging, nearest_snapshot (self, self->drag_x + dx));
}

static void
drag_end_cb (PpvWatchTimeline *self,
             double            dx,
             double            dy,
             GtkGestureDrag   *gesture)
{
  int index;

  if (self->dragging >= 0 || fabs (dx) > 3 || fabs (dy) > 3)
    {
      self->dragging = -1;
      return;
    }
  /* A click on a snapshot opens it. */
  index = point_at (self, self->drag_x);
  if (index >= 0 && g_array_index (self->points, Point, index).snapshot >= 0)
    g_signal_emit (self, signals[SIGNAL_SNAPSHOT_ACTIVATED], 0,
                   (guint) g_array_index (self->points, Point, index).snapshot);
}

static void
motion_cb (PpvWatchTimeline         *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  int hover = point_at (self, x);

  self->pointer_x = x;
  if (hover != self->hover)
    {
      self->hover = hover;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (PpvWatchTimeline *self)
{
  self->pointer_x = -1;
  if (self->hover >= 0)
    {
      self->hover = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* A right click on a snapshot: open it, or put A or B there. */
static void
secondary_click_cb (PpvWatchTimeline *self,
                    int               n_press,
                    double            x,
                    double            y,
                    GtkGestureClick  *gesture)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  int snapshot = nearest_snapshot (self, x);

  if (snapshot < 0)
    return;
  self->menu_snapshot = snapshot;
  g_menu_append (menu, _("_Open Snapshot"), "timeline.open");
  g_menu_append (menu, _("Set _A Here"), "timeline.set-a");
  g_menu_append (menu, _("Set _B Here"), "timeline.set-b");
  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
menu_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PpvWatchTimeline *self = PPV_WATCH_TIMELINE (widget);

  if (g_str_equal (action_name, "timeline.open"))
    g_signal_emit (self, signals[SIGNAL_SNAPSHOT_ACTIVATED], 0, (guint) self->menu_snapshot);
  else if (g_str_equal (action_name, "timeline.set-a"))
    ppv_watch_timeline_set_marker (self, PPV_TIMELINE_MARKER_A, self->menu_snapshot);
  else
    ppv_watch_timeline_set_marker (self, PPV_TIMELINE_MARKER_B, self->menu_snapshot);
}

/* --- Setters ------------------------------------------------------------- */

static void
clear_point (gpointer data)
{
  g_free (((Point *) data)->error);
}

void
ppv_watch_timeline_set_points (PpvWatchTimeline       *self,
                               const PpvTimelinePoint *points,
                               guint                   n_points,
                               const char             *unit,
                               const char             *type_name)
{
  int old_a = self->marker[0], old_b = self->marker[1];
  int last;

  g_return_if_fail (PPV_IS_WATCH_TIMELINE (self));
  g_return_if_fail (points != NULL || n_points == 0);

  g_array_set_size (self->points, 0);
  g_array_set_size (self->snapshots, 0);
  for (guint i = 0; i < n_points; i++)
    {
      Point p = {
        .time = points[i].time,
        .value = points[i].value,
        .error = g_strdup (points[i].error),
        .restart = points[i].restart,
        .snapshot = points[i].error == NULL ? (int) self->snapshots->len : -1,
      };

      g_array_append_val (self->points, p);
      if (p.snapshot >= 0)
        g_array_append_val (self->snapshots, i);
    }
  g_free (self->unit);
  self->unit = g_strdup (unit);
  g_free (self->type_name);
  self->type_name = g_strdup (type_name);
  /* New points move the old ones left: hover what is under the pointer. */
  self->hover = self->pointer_x >= 0 ? point_at (self, self->pointer_x) : -1;

  last = (int) self->snapshots->len - 1;
  if (last < 0)
    self->marker[0] = self->marker[1] = -1;
  else
    {
      self->marker[0] = old_a < 0 ? 0 : MIN (old_a, last);
      self->marker[1] = old_b < 0 || self->b_follows ? last : MIN (old_b, last);
      self->b_follows = self->marker[1] == last;
    }

  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (old_a != self->marker[0] || old_b != self->marker[1])
    g_signal_emit (self, signals[SIGNAL_MARKERS_CHANGED], 0);
}

void
ppv_watch_timeline_set_series (PpvWatchTimeline *self,
                               const char       *name,
                               const gint64     *values,
                               guint             n_values)
{
  g_return_if_fail (PPV_IS_WATCH_TIMELINE (self));

  g_clear_pointer (&self->series, g_array_unref);
  g_clear_pointer (&self->series_name, g_free);
  if (name != NULL)
    {
      self->series_name = g_strdup (name);
      self->series = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_values);
      g_array_append_vals (self->series, values, n_values);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* --- GObject ------------------------------------------------------------- */

static void
ppv_watch_timeline_dispose (GObject *object)
{
  PpvWatchTimeline *self = PPV_WATCH_TIMELINE (object);

  g_clear_pointer (&self->menu, gtk_widget_unparent);

  G_OBJECT_CLASS (ppv_watch_timeline_parent_class)->dispose (object);
}

static void
ppv_watch_timeline_finalize (GObject *object)
{
  PpvWatchTimeline *self = PPV_WATCH_TIMELINE (object);

  g_array_unref (self->points);
  g_array_unref (self->snapshots);
  g_clear_pointer (&self->series, g_array_unref);
  g_free (self->series_name);
  g_free (self->unit);
  g_free (self->type_name);

  G_OBJECT_CLASS (ppv_watch_timeline_parent_class)->finalize (object);
}

static void
ppv_watch_timeline_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  PpvWatchTimeline *self = PPV_WATCH_TIMELINE (widget);

  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
ppv_watch_timeline_class_init (PpvWatchTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ppv_watch_timeline_dispose;
  object_class->finalize = ppv_watch_timeline_finalize;
  widget_class->snapshot = _ppv_watch_timeline_snapshot;
  widget_class->measure = ppv_watch_timeline_measure;
  widget_class->size_allocate = ppv_watch_timeline_size_allocate;

  signals[SIGNAL_MARKERS_CHANGED] =
    g_signal_new ("markers-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_SNAPSHOT_ACTIVATED] =
    g_signal_new ("snapshot-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "timeline.open", NULL, menu_action_cb);
  gtk_widget_class_install_action (widget_class, "timeline.set-a", NULL, menu_action_cb);
  gtk_widget_class_install_action (widget_class, "timeline.set-b", NULL, menu_action_cb);

  gtk_widget_class_set_css_name (widget_class, "watchtimeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ppv_watch_timeline_init (PpvWatchTimeline *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *secondary = gtk_gesture_click_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->points = g_array_new (FALSE, FALSE, sizeof (Point));
  g_array_set_clear_func (self->points, clear_point);
  self->snapshots = g_array_new (FALSE, FALSE, sizeof (guint));
  self->marker[0] = self->marker[1] = -1;
  self->b_follows = TRUE;
  self->selected = PPV_TIMELINE_MARKER_B;
  self->dragging = -1;
  self->hover = -1;
  self->pointer_x = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect_swapped (secondary, "pressed", G_CALLBACK (secondary_click_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (secondary));

  g_signal_connect_swapped (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  g_signal_connect_swapped (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"),
                                  -1);
  update_accessible (self);
}

GtkWidget *
ppv_watch_timeline_new (void)
{
  return g_object_new (PPV_TYPE_WATCH_TIMELINE, NULL);
}
