/* ppv-flame-canvas.c — the flame graph canvas: its state, what it tells
 * screen readers, zoom, cursor and scrolling (the layout of the rows in
 * view is in ppv-flame-canvas-layout.c).
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ppv-flame-canvas-private.h"
#include "ppv-report.h"

enum {
  PROP_0,
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
  N_PROPS
};

enum {
  CURSOR_CHANGED,
  ZOOM_CHANGED,
  MENU,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (PpvFlameCanvas, ppv_flame_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

/* --- Description ---------------------------------------------------------- */

char *
_ppv_flame_canvas_printable (const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name, -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c < 0x20)
        g_string_append_unichar (out, 0x2400 + c);
      else if (c == 0x7f)
        g_string_append_unichar (out, 0x2421);
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

char *
ppv_flame_canvas_describe_node (PpvFlameCanvas *self,
                                guint32         node)
{
  gint64 total, self_value, all, zoomed;
  g_autofree char *total_str = NULL;
  g_autofree char *self_str = NULL;
  g_autofree char *all_pct = NULL;
  g_autofree char *zoom_pct = NULL;
  g_autofree char *self_pct = NULL;
  g_autofree char *name = NULL;
  g_autofree char *printable = NULL;

  g_return_val_if_fail (PPV_IS_FLAME_CANVAS (self), NULL);

  if (self->tree == NULL || node == PPV_NONE || node >= ppv_stack_tree_get_n_nodes (self->tree))
    return NULL;

  total = ppv_stack_tree_get_total (self->tree, node);
  self_value = ppv_stack_tree_get_self (self->tree, node);
  all = ppv_stack_tree_get_report_total (self->tree);
  zoomed = ppv_stack_tree_get_total (self->tree, self->zoom);
  total_str = ppv_stack_tree_format_value (self->tree, total);
  self_str = ppv_stack_tree_format_value (self->tree, self_value);
  all_pct = ppv_format_percentage (total, all);
  zoom_pct = ppv_format_percentage (total, zoomed);
  self_pct = ppv_format_percentage (self_value, all);
  printable = _ppv_flame_canvas_printable (ppv_stack_tree_get_name (self->tree, node));
  if (ppv_stack_tree_is_inlined (self->tree, node))
    /* Translators: a frame inlined into its caller. */
    name = g_strdup_printf (_("%s (inlined)"), printable);
  else
    name = g_steal_pointer (&printable);

  if (ppv_stack_tree_get_comparison (self->tree) != PPV_STACK_TREE_PLAIN)
    {
      gboolean subtracted = ppv_stack_tree_get_comparison (self->tree) == PPV_STACK_TREE_SUBTRACTED;
      g_autofree char *decrease = ppv_stack_tree_format_value (self->tree, ppv_stack_tree_get_decrease (self->tree, node));
      g_autofree char *increase = ppv_stack_tree_format_value (self->tree, ppv_stack_tree_get_increase (self->tree, node));
      const char *format = subtracted
        /* Translators: a flame graph box after subtracting a base: its
         * name; its net change with its share of the whole and of the
         * zoomed box; how much its stacks that grew grew, and its stacks
         * that shrank shrank (a subtracted profile keeps only each
         * stack's net change, not the base's value); its self change. */
        ? _("%s\nChange: %s (%s of all, %s of the zoomed box)\nStacks that grew: +%s, that shrank: −%s\nSelf change: %s (%s)")
        /* Translators: a flame graph box in a comparison: its name; its
         * net change with its share of the whole and of the zoomed box;
         * its value in the base, then in the profile; its self change. */
        : _("%s\nChange: %s (%s of all, %s of the zoomed box)\nBase → profile: %s → %s\nSelf change: %s (%s)");

      return g_strdup_printf (format, name, total_str, g_strstrip (all_pct), g_strstrip (zoom_pct),
                              subtracted ? increase : decrease, subtracted ? decrease : increase,
                              self_str, g_strstrip (self_pct));
    }

  /* Translators: a flame graph box: its name; its total with its share of
   * the whole profile and of the zoomed box; its self value and share. */
  return g_strdup_printf (_("%s\nTotal: %s (%s of all, %s of the zoomed box)\nSelf: %s (%s)"),
                          name, total_str, g_strstrip (all_pct), g_strstrip (zoom_pct),
                          self_str, g_strstrip (self_pct));
}

static void
update_accessible (PpvFlameCanvas *self)
{
  g_autofree char *description = NULL;

  if (self->cursor != PPV_NONE)
    {
      g_autofree char *text = ppv_flame_canvas_describe_node (self, self->cursor);

      g_strdelimit (text, "\n", ',');
      /* Translators: what a screen reader says of the selected box. */
      description = g_strdup_printf (_("Selected: %s"), text);
    }
  else if (self->selected_name != NULL)
    description = g_strdup_printf (_("Selected: %s"), self->selected_name);
  else if (self->tree != NULL)
    description = g_strdup_printf (_("%s, zoomed on %s"),
                                   ppv_stack_tree_get_type_name (self->tree),
                                   ppv_stack_tree_get_name (self->tree, self->zoom));
  else
    description = g_strdup (_("Nothing to show"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* --- Scrolling ------------------------------------------------------------ */

/* Content y at the top of the widget.  Inverted trees shorter than the
 * widget sit at its bottom: the callers end right above the function. */
double
_ppv_flame_canvas_get_scroll (PpvFlameCanvas *self)
{
  double content = (double) _ppv_flame_canvas_n_rows (self) * self->row_height;
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->inverted && content < height)
    return content - height;
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

void
_ppv_flame_canvas_reveal_depth (PpvFlameCanvas *self,
                                guint           depth)
{
  double top = _ppv_flame_canvas_depth_to_row (self, depth) * (double) self->row_height;
  double scroll, page;

  if (self->vadjustment == NULL)
    return;

  scroll = gtk_adjustment_get_value (self->vadjustment);
  page = gtk_adjustment_get_page_size (self->vadjustment);
  if (top < scroll)
    gtk_adjustment_set_value (self->vadjustment, top);
  else if (top + self->row_height > scroll + page)
    gtk_adjustment_set_value (self->vadjustment, top + self->row_height - page);
}

static void
configure_adjustments (PpvFlameCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double content = (double) _ppv_flame_canvas_n_rows (self) * self->row_height;
  double value;

  if (self->hadjustment != NULL)
    gtk_adjustment_configure (self->hadjustment, 0, 0, width, 1, width, width);

  if (self->vadjustment == NULL)
    return;

  content = MAX (content, height);
  value = self->keep_bottom ? content - height : gtk_adjustment_get_value (self->vadjustment);
  if (height > 0)
    self->keep_bottom = FALSE;
  gtk_adjustment_configure (self->vadjustment, CLAMP (value, 0, content - height), 0, content,
                            self->row_height, height * 0.9, height);
}

static void
on_adjustment_changed (PpvFlameCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (PpvFlameCanvas  *self,
                GtkAdjustment  **slot,
                GtkAdjustment   *adjustment)
{
  if (*slot == adjustment)
    return;
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_data (*slot, self);
      g_clear_object (slot);
    }
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_object (adjustment, "value-changed",
                           G_CALLBACK (on_adjustment_changed), self, G_CONNECT_SWAPPED);
  configure_adjustments (self);
}

/* --- Tree, zoom and cursor ------------------------------------------------ */

static void stop_making (PpvFlameCanvas *self);

void
_ppv_flame_canvas_invalidate (PpvFlameCanvas *self)
{
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_ppv_flame_canvas_emit_menu (PpvFlameCanvas *self,
                             guint32         node,
                             double          x,
                             double          y)
{
  g_signal_emit (self, signals[MENU], 0, node, x, y);
}

void
_ppv_flame_canvas_emit_cursor (PpvFlameCanvas *self)
{
  g_signal_emit (self, signals[CURSOR_CHANGED], 0, self->cursor);
}

void
ppv_flame_canvas_set_tree (PpvFlameCanvas *self,
                           PpvStackTree   *tree)
{
  g_return_if_fail (PPV_IS_FLAME_CANVAS (self));

  if (tree != NULL)
    ppv_stack_tree_ref (tree);
  g_clear_pointer (&self->tree, ppv_stack_tree_unref);
  self->tree = tree;
  /* The builder made what the unzoomed tree draws. */
  stop_making (self);

  self->zoom = 0;
  self->hover = PPV_NONE;
  self->cursor = PPV_NONE;
  g_array_set_size (self->history, 0);
  /* Names belong to the old tree's report context. */
  g_hash_table_remove_all (self->match_cache);
  g_hash_table_remove_all (self->labels);
  self->keep_bottom = self->inverted;
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, 0);

  configure_adjustments (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  _ppv_flame_canvas_invalidate (self);
  update_accessible (self);
  g_signal_emit (self, signals[ZOOM_CHANGED], 0);
}

PpvStackTree *
ppv_flame_canvas_get_tree (PpvFlameCanvas *self)
{
  g_return_val_if_fail (PPV_IS_FLAME_CANVAS (self), NULL);
  return self->tree;
}

void
ppv_flame_canvas_set_inverted (PpvFlameCanvas *self,
                               gboolean        inverted)
{
  g_return_if_fail (PPV_IS_FLAME_CANVAS (self));

  self->inverted = !!inverted;
  self->keep_bottom = self->inverted;
  configure_adjustments (self);
  _ppv_flame_canvas_invalidate (self);
}

guint32
ppv_flame_canvas_get_zoom (PpvFlameCanvas *self)
{
  g_return_val_if_fail (PPV_IS_FLAME_CANVAS (self), 0);
  return self->zoom;
}

/* --- Zoom: its nodes made in a worker ---------------------------------- */

static void
make_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PpvStackTree *tree = task_data;
  guint32 node = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "node"));

  if (ppv_stack_tree_make_below (tree, node, cancellable))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
}

static void
make_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PpvFlameCanvas *self = PPV_FLAME_CANVAS (object);

  /* Cancelled: a newer zoom or tree took over, with its own worker. */
  if (!g_task_propagate_boolean (G_TASK (result), NULL) ||
      g_task_get_cancellable (G_TASK (result)) != self->making)
    return;
  g_clear_object (&self->making);
  _ppv_flame_canvas_invalidate (self);
}

static void
stop_making (PpvFlameCanvas *self)
{
  if (self->making != NULL)
    g_cancellable_cancel (self->making);
  g_clear_object (&self->making);
}

/* Nodes below the builder's resolution are made when first reached:
 * below a zoom that is thousands of them (milliseconds), so a worker
 * makes them and the picture is redrawn once they are. */
static void
start_making (PpvFlameCanvas *self)
{
  g_autoptr(GTask) task = NULL;

  stop_making (self);
  self->making = g_cancellable_new ();
  task = g_task_new (self, self->making, make_done, NULL);
  g_task_set_source_tag (task, start_making);
  g_task_set_task_data (task, ppv_stack_tree_ref (self->tree), (GDestroyNotify) ppv_stack_tree_unref);
  g_object_set_data (G_OBJECT (task), "node", GUINT_TO_POINTER (self->zoom));
  g_task_run_in_thread (task, make_thread);
}

gboolean
ppv_flame_canvas_get_making (PpvFlameCanvas *self)
{
  g_return_val_if_fail (PPV_IS_FLAME_CANVAS (self), FALSE);
  return self->making != NULL;
}

static void
set_zoom (PpvFlameCanvas *self,
          guint32         node)
{
  self->zoom = node;
  self->hover = PPV_NONE;
  /* The old picture stays (its cache is kept) until the worker is done. */
  start_making (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  _ppv_flame_canvas_reveal_depth (self, ppv_stack_tree_get_depth (self->tree, node));
  update_accessible (self);
  g_signal_emit (self, signals[ZOOM_CHANGED], 0);
}

void
ppv_flame_canvas_zoom_to (PpvFlameCanvas *self,
                          guint32         node)
{
  g_return_if_fail (PPV_IS_FLAME_CANVAS (self));

  if (self->tree == NULL || node >= ppv_stack_tree_get_n_nodes (self->tree) || node == self->zoom)
    return;

  g_array_append_val (self->history, self->zoom);
  set_zoom (self, node);
}

gboolean
ppv_flame_canvas_zoom_back (PpvFlameCanvas *self)
{
  guint32 node;

  g_return_val_if_fail (PPV_IS_FLAME_CANVAS (self), FALSE);

  if (self->tree == NULL)
    return FALSE;

  if (self->history->len > 0)
    {
      node = g_array_index (self->history, guint32, self->history->len - 1);
      g_array_set_size (self->history, self->history->len - 1);
    }
  else if ((node = ppv_stack_tree_get_parent (self->tree, self->zoom)) == PPV_NONE)
    return FALSE;

  set_zoom (self, node);
  return TRUE;
}

guint32
ppv_flame_canvas_get_cursor (PpvFlameCanvas *self)
{
  g_return_val_if_fail (PPV_IS_FLAME_CANVAS (self), PPV_NONE);
  return self->cursor;
}

void
ppv_flame_canvas_set_cursor (PpvFlameCanvas *self,
                             guint32         node,
                             gboolean        notify)
{
  g_return_if_fail (PPV_IS_FLAME_CANVAS (self));

  if (self->tree == NULL || node >= ppv_stack_tree_get_n_nodes (self->tree))
    node = PPV_NONE;

  self->cursor = node;
  g_free (self->selected_name);
  self->selected_name = node != PPV_NONE ? g_strdup (ppv_stack_tree_get_name (self->tree, node)) : NULL;
  if (node != PPV_NONE)
    _ppv_flame_canvas_reveal_depth (self, ppv_stack_tree_get_depth (self->tree, node));
  _ppv_flame_canvas_invalidate (self);
  update_accessible (self);

  if (notify)
    _ppv_flame_canvas_emit_cursor (self);
}

void
ppv_flame_canvas_set_selected_name (PpvFlameCanvas *self,
                                    const char     *name)
{
  g_return_if_fail (PPV_IS_FLAME_CANVAS (self));

  if (self->cursor != PPV_NONE
      && g_strcmp0 (ppv_stack_tree_get_name (self->tree, self->cursor), name) != 0)
    self->cursor = PPV_NONE;
  if (g_strcmp0 (name, self->selected_name) != 0)
    {
      g_free (self->selected_name);
      self->selected_name = g_strdup (name);
      _ppv_flame_canvas_invalidate (self);
    }
  update_accessible (self);
}

const char *
ppv_flame_canvas_get_selected_name (PpvFlameCanvas *self)
{
  g_return_val_if_fail (PPV_IS_FLAME_CANVAS (self), NULL);
  return self->selected_name;
}

guint
ppv_flame_canvas_get_n_drawn (PpvFlameCanvas *self)
{
  g_return_val_if_fail (PPV_IS_FLAME_CANVAS (self), 0);
  return self->n_drawn;
}

/* --- GtkWidget ------------------------------------------------------------ */

static void
ppv_flame_canvas_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  PpvFlameCanvas *self = PPV_FLAME_CANVAS (widget);

  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 100 : 2 * self->row_height;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL
             ? 600 : MAX (*minimum, (int) _ppv_flame_canvas_n_rows (self) * self->row_height);
}

static void
ppv_flame_canvas_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  PpvFlameCanvas *self = PPV_FLAME_CANVAS (widget);

  if (width != self->cache_width)
    _ppv_flame_canvas_invalidate (self);
  configure_adjustments (self);
}

static void
ppv_flame_canvas_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  PpvFlameCanvas *self = PPV_FLAME_CANVAS (widget);
  g_autofree char *font = NULL;

  GTK_WIDGET_CLASS (ppv_flame_canvas_parent_class)->css_changed (widget, change);

  /* Hover and focus change the CSS state too: only a new font is worth
   * measuring the labels again. */
  font = pango_font_description_to_string (pango_context_get_font_description (gtk_widget_get_pango_context (widget)));
  if (g_strcmp0 (font, self->font) != 0)
    {
      g_free (self->font);
      self->font = g_steal_pointer (&font);
      g_hash_table_remove_all (self->labels);
      _ppv_flame_canvas_measure_rows (self);
      configure_adjustments (self);
      _ppv_flame_canvas_invalidate (self);
    }
}

static void
ppv_flame_canvas_state_flags_changed (GtkWidget     *widget,
                                      GtkStateFlags  previous)
{
  GtkStateFlags flags = gtk_widget_get_state_flags (widget);

  GTK_WIDGET_CLASS (ppv_flame_canvas_parent_class)->state_flags_changed (widget, previous);

  if (!(flags & GTK_STATE_FLAG_FOCUSED))
    PPV_FLAME_CANVAS (widget)->keyboard_mode = FALSE;
  if ((flags ^ previous) & (GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_VISIBLE))
    gtk_widget_queue_draw (widget);
}

/* --- GObject -------------------------------------------------------------- */

static void
ppv_flame_canvas_dispose (GObject *object)
{
  PpvFlameCanvas *self = PPV_FLAME_CANVAS (object);

  stop_making (self);
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (ppv_flame_canvas_parent_class)->dispose (object);
}

static void
ppv_flame_canvas_finalize (GObject *object)
{
  PpvFlameCanvas *self = PPV_FLAME_CANVAS (object);

  g_clear_pointer (&self->tree, ppv_stack_tree_unref);
  g_clear_pointer (&self->history, g_array_unref);
  g_clear_pointer (&self->match_cache, g_hash_table_unref);
  g_clear_pointer (&self->labels, g_hash_table_unref);
  g_free (self->selected_name);
  g_free (self->needle);
  g_free (self->font);

  G_OBJECT_CLASS (ppv_flame_canvas_parent_class)->finalize (object);
}

static void
ppv_flame_canvas_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PpvFlameCanvas *self = PPV_FLAME_CANVAS (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ppv_flame_canvas_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PpvFlameCanvas *self = PPV_FLAME_CANVAS (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ppv_flame_canvas_class_init (PpvFlameCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ppv_flame_canvas_dispose;
  object_class->finalize = ppv_flame_canvas_finalize;
  object_class->get_property = ppv_flame_canvas_get_property;
  object_class->set_property = ppv_flame_canvas_set_property;

  widget_class->snapshot = _ppv_flame_canvas_snapshot;
  widget_class->measure = ppv_flame_canvas_measure;
  widget_class->size_allocate = ppv_flame_canvas_size_allocate;
  widget_class->css_changed = ppv_flame_canvas_css_changed;
  widget_class->state_flags_changed = ppv_flame_canvas_state_flags_changed;

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /* The user moved the cursor (a click, a key): node, or PPV_NONE. */
  signals[CURSOR_CHANGED] =
    g_signal_new ("cursor-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[ZOOM_CHANGED] =
    g_signal_new ("zoom-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A context menu for node at (x, y). */
  signals[MENU] =
    g_signal_new ("menu", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  _ppv_flame_canvas_class_init_input (widget_class);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "ppvflamecanvas");
}

static void
ppv_flame_canvas_init (PpvFlameCanvas *self)
{
  self->cursor = PPV_NONE;
  self->hover = PPV_NONE;
  self->history = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->match_cache = g_hash_table_new (NULL, NULL);
  self->labels = _ppv_flame_canvas_new_label_cache ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  _ppv_flame_canvas_measure_rows (self);
  _ppv_flame_canvas_init_input (self);
  gtk_widget_add_css_class (GTK_WIDGET (self), "view");
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (_ppv_flame_canvas_invalidate), self, G_CONNECT_SWAPPED);
  update_accessible (self);
}

GtkWidget *
ppv_flame_canvas_new (void)
{
  return g_object_new (PPV_TYPE_FLAME_CANVAS, NULL);
}
