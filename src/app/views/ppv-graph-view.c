/* ppv-graph-view.c — the interactive call graph canvas.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * graphviz computes positions (src/layout); we draw.  The scene is drawn
 * once per view transform into a cached render node; hover, selection and
 * search highlights are cheap overlays drawn on top of it.
 */
#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "ppv-graph-render.h"
#include "ppv-graph-view-private.h"
#include "ppv-layout.h"
#include "ppv-refine.h"


#define SETTINGS_SCHEMA      "io.github.pprofviewer.PprofViewer"
#define NODE_COUNT_KEY       "graph-node-count"
#define DEFAULT_NODE_COUNT   80

enum {
  PROP_0,
  PROP_ZOOM,
  PROP_NODE_COUNT,
  N_PROPS
};

enum {
  SCENE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PpvGraphView, ppv_graph_view, PPV_TYPE_REPORT_PANE)

/* --- Helpers ------------------------------------------------------------- */

const PpvReportRow *
_ppv_graph_view_node_row (PpvGraphView *self,
                          guint         index)
{
  const PpvCallGraphNode *node;
  PpvReport *report;

  if (self->graph == NULL || index >= self->graph->n_nodes)
    return NULL;

  node = &self->graph->nodes[index];
  if (node->kind != PPV_CALLGRAPH_NODE_FUNCTION || node->row < 0)
    return NULL;

  report = ppv_callgraph_get_report (self->graph);
  if ((guint) node->row >= ppv_report_get_n_rows (report))
    return NULL;

  return ppv_report_get_row (report, node->row);
}

static int
find_node_by_name (PpvGraphView *self,
                   const char   *plain_name)
{
  if (plain_name == NULL || self->graph == NULL)
    return -1;

  for (guint i = 0; i < self->graph->n_nodes; i++)
    {
      const PpvReportRow *row = _ppv_graph_view_node_row (self, i);

      if (row != NULL && strcmp (row->name, plain_name) == 0)
        return i;
    }

  return -1;
}

int
_ppv_graph_view_node_at (PpvGraphView *self,
                         double        x,
                         double        y)
{
  double sx, sy;

  if (self->scene == NULL)
    return -1;

  _ppv_graph_view_to_scene (self, x, y, &sx, &sy);
  return ppv_scene_find_node_at (self->scene, sx, sy);
}

void
_ppv_graph_view_invalidate_cache (PpvGraphView *self)
{
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

char *
_ppv_graph_view_describe_node (PpvGraphView *self,
                               guint         index)
{
  const PpvReportRow *row = _ppv_graph_view_node_row (self, index);
  PpvReport *report;
  g_autofree char *flat = NULL;
  g_autofree char *flat_pct = NULL;
  g_autofree char *cum = NULL;
  g_autofree char *cum_pct = NULL;
  gint64 total;

  if (row == NULL)
    {
      const PpvSceneNode *node = self->scene != NULL && index < self->scene->n_nodes
                                 ? &self->scene->nodes[index] : NULL;

      if (node != NULL && node->tooltip != NULL)
        return g_strdup (node->tooltip);
      return NULL;
    }

  report = ppv_callgraph_get_report (self->graph);
  total = ppv_report_get_total (report);
  flat = ppv_report_format_value (report, row->flat);
  cum = ppv_report_format_value (report, row->cum);
  flat_pct = ppv_format_percentage (row->flat, total);
  cum_pct = ppv_format_percentage (row->cum, total);

  /* Translators: a call graph node: its name, then flat and cum values. */
  return g_strdup_printf (_("%s\nFlat: %s (%s)\nCum: %s (%s)"),
                          row->name, flat, g_strstrip (flat_pct), cum, g_strstrip (cum_pct));
}

static void
update_accessible (PpvGraphView *self)
{
  g_autofree char *description = NULL;

  if (self->selected >= 0)
    {
      g_autofree char *text = _ppv_graph_view_describe_node (self, self->selected);

      if (text != NULL)
        {
          g_strdelimit (text, "\n", ',');
          /* Translators: the screen reader text of the selected node. */
          description = g_strdup_printf (_("Selected: %s"), text);
        }
    }
  if (description == NULL && self->scene != NULL)
    description = g_strdup_printf (_("Call graph with %u nodes and %u edges"),
                                   self->scene->n_nodes, self->scene->n_edges);
  if (description == NULL)
    description = g_strdup (_("No call graph"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* --- Selection and search ------------------------------------------------ */

void
_ppv_graph_view_set_selected (PpvGraphView *self,
                              int           index,
                              gboolean      notify)
{
  const PpvReportRow *row;

  if (index >= 0 && _ppv_graph_view_node_row (self, index) == NULL)
    index = -1;

  row = index >= 0 ? _ppv_graph_view_node_row (self, index) : NULL;
  if (index == self->selected)
    return;

  self->selected = index;
  g_free (self->selected_name);
  self->selected_name = row != NULL ? g_strdup (row->name) : NULL;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (notify && row != NULL)
    ppv_report_pane_emit_selected (PPV_REPORT_PANE (self), row->name);
}

void
ppv_graph_view_activate_node (PpvGraphView *self,
                              guint         index)
{
  g_return_if_fail (PPV_IS_GRAPH_VIEW (self));
  _ppv_graph_view_set_selected (self, index, TRUE);
}

/* Selects and centres the node of @plain_name (kept for a graph still
 * being built); clears the selection if the graph has no such node. */
static gboolean
ppv_graph_view_select_name (PpvReportPane *pane,
                            const char    *plain_name)
{
  PpvGraphView *self = PPV_GRAPH_VIEW (pane);
  int index;

  index = find_node_by_name (self, plain_name);
  if (index < 0)
    {
      _ppv_graph_view_set_selected (self, -1, FALSE);
      /* Remember it: a graph still being built may have it. */
      g_free (self->selected_name);
      self->selected_name = g_strdup (plain_name);
      return FALSE;
    }

  _ppv_graph_view_set_selected (self, index, FALSE);
  _ppv_graph_view_center_on_node (self, index);
  return TRUE;
}

const char *
ppv_graph_view_get_selected_name (PpvGraphView *self)
{
  g_return_val_if_fail (PPV_IS_GRAPH_VIEW (self), NULL);
  return self->selected >= 0 ? self->selected_name : NULL;
}

int
ppv_graph_view_get_selected_index (PpvGraphView *self)
{
  g_return_val_if_fail (PPV_IS_GRAPH_VIEW (self), -1);
  return self->selected;
}

static void
update_matches (PpvGraphView *self)
{
  g_clear_pointer (&self->matches, g_free);
  self->n_matches = 0;

  if (self->needle != NULL && self->graph != NULL)
    {
      self->matches = g_new0 (guint8, MAX (self->graph->n_nodes, 1));
      for (guint i = 0; i < self->graph->n_nodes; i++)
        {
          const PpvReportRow *row = _ppv_graph_view_node_row (self, i);

          if (row != NULL && ppv_name_matches (row->name, self->needle))
            {
              self->matches[i] = TRUE;
              self->n_matches++;
            }
        }
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Highlights nodes whose name contains @text (ignoring ASCII case). */
static void
ppv_graph_view_set_search (PpvReportPane *pane,
                           const char    *text)
{
  PpvGraphView *self = PPV_GRAPH_VIEW (pane);

  g_clear_pointer (&self->needle, g_free);
  if (text != NULL && text[0] != '\0')
    self->needle = g_ascii_strdown (text, -1);
  update_matches (self);
}

guint
ppv_graph_view_get_n_matches (PpvGraphView *self)
{
  g_return_val_if_fail (PPV_IS_GRAPH_VIEW (self), 0);
  return self->n_matches;
}

/* --- Scene --------------------------------------------------------------- */

static void
update_zoom_actions (PpvGraphView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "graph.zoom-in", self->scene != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "graph.zoom-out", self->scene != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "graph.zoom-fit", self->scene != NULL);
}

void
ppv_graph_view_set_scene (PpvGraphView *self,
                          PpvCallGraph *graph,
                          PpvScene     *scene)
{
  g_return_if_fail (PPV_IS_GRAPH_VIEW (self));
  g_return_if_fail ((graph == NULL) == (scene == NULL));

  /* A built graph's last reference is the pane's result: a worker frees
   * it (its report keeps big tables, a quarter of a second to free). */
  if (graph != NULL)
    ppv_callgraph_ref (graph);
  if (scene != NULL)
    ppv_scene_ref (scene);
  g_clear_pointer (&self->graph, ppv_callgraph_unref);
  g_clear_pointer (&self->scene, ppv_scene_unref);
  self->graph = graph;
  self->scene = scene;

  self->hover = -1;
  self->selected = -1;
  self->pending_center = -1;
  if (self->selected_name != NULL)
    {
      int index = find_node_by_name (self, self->selected_name);

      if (index >= 0)
        self->selected = index;
    }

  _ppv_graph_view_update_order (self);
  update_matches (self);
  ppv_graph_view_zoom_fit (self);
  _ppv_graph_view_invalidate_cache (self);
  update_accessible (self);
  update_zoom_actions (self);

  g_signal_emit (self, signals[SCENE_CHANGED], 0);
}

PpvCallGraph *
ppv_graph_view_get_graph (PpvGraphView *self)
{
  g_return_val_if_fail (PPV_IS_GRAPH_VIEW (self), NULL);
  return self->graph;
}

PpvScene *
ppv_graph_view_get_scene (PpvGraphView *self)
{
  g_return_val_if_fail (PPV_IS_GRAPH_VIEW (self), NULL);
  return self->scene;
}

gboolean
ppv_graph_view_get_loading (PpvGraphView *self)
{
  g_return_val_if_fail (PPV_IS_GRAPH_VIEW (self), FALSE);
  return ppv_report_pane_get_loading (PPV_REPORT_PANE (self));
}

/* --- Building ------------------------------------------------------------ */

typedef struct
{
  PpvCallGraph *graph;
  PpvScene     *scene;
} BuildResult;

static void
build_result_free (BuildResult *result)
{
  g_clear_pointer (&result->graph, ppv_callgraph_unref);
  g_clear_pointer (&result->scene, ppv_scene_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BuildResult, build_result_free)

static gpointer
ppv_graph_view_build (PpvReportInputs  *inputs,
                      GCancellable     *cancellable,
                      GError          **error)
{
  g_autoptr(PpvReport) report = NULL;
  g_autoptr(BuildResult) result = g_new0 (BuildResult, 1);

  report = ppv_report_new (inputs->profile, &inputs->options, PPV_REPORT_KIND_GRAPH,
                           cancellable, error);
  if (report == NULL)
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  result->graph = ppv_callgraph_new (report);
  result->scene = ppv_layout_compute (result->graph, cancellable, error);
  if (result->scene == NULL)
    return NULL;
  return g_steal_pointer (&result);
}

static void
ppv_graph_view_apply (PpvReportPane *pane,
                      gpointer       result)
{
  PpvGraphView *self = PPV_GRAPH_VIEW (pane);
  BuildResult *built = result;

  if (built == NULL)
    ppv_graph_view_set_scene (self, NULL, NULL);
  else
    ppv_graph_view_set_scene (self, built->graph, built->scene);
  _ppv_graph_view_run_pending_export (self);
}

static void
ppv_graph_view_adjust_options (PpvReportPane    *pane,
                               PpvReportOptions *options)
{
  options->nodecount = PPV_GRAPH_VIEW (pane)->node_count;
  _ppv_graph_view_adjust_label_options (PPV_GRAPH_VIEW (pane), options);
}

static PpvReport *
ppv_graph_view_get_report (PpvReportPane *pane)
{
  PpvGraphView *self = PPV_GRAPH_VIEW (pane);

  return self->graph != NULL ? ppv_callgraph_get_report (self->graph) : NULL;
}

void
ppv_graph_view_set_options (PpvGraphView           *self,
                            PpvProfile             *profile,
                            const PpvReportOptions *options)
{
  g_return_if_fail (PPV_IS_GRAPH_VIEW (self));
  g_return_if_fail (options != NULL);

  ppv_report_pane_set_options (PPV_REPORT_PANE (self), profile, options);
}

/* --- Node count ---------------------------------------------------------- */

int
ppv_graph_view_get_node_count (PpvGraphView *self)
{
  g_return_val_if_fail (PPV_IS_GRAPH_VIEW (self), DEFAULT_NODE_COUNT);
  return self->node_count;
}

void
ppv_graph_view_set_node_count (PpvGraphView *self,
                               int           node_count)
{
  g_return_if_fail (PPV_IS_GRAPH_VIEW (self));

  node_count = CLAMP (node_count, 5, 1000);
  if (node_count == self->node_count)
    return;

  self->node_count = node_count;
  if (self->settings != NULL && g_settings_get_int (self->settings, NODE_COUNT_KEY) != node_count)
    g_settings_set_int (self->settings, NODE_COUNT_KEY, node_count);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NODE_COUNT]);

  ppv_report_pane_options_changed (PPV_REPORT_PANE (self));
}

/* The control bar's "Nodes" spin button while the graph is shown. */
static GtkWidget *
create_node_count_control (PpvGraphView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Nodes"));
  GtkAdjustment *adjustment = gtk_adjustment_new (self->node_count, 5, 1000, 10, 50, 0);
  GtkWidget *spin = gtk_spin_button_new (adjustment, 1, 0);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 4);
  gtk_widget_set_tooltip_text (spin, _("Most nodes the call graph shows"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Graph node count"),
                                  -1);
  g_object_bind_property (self, "node-count", adjustment, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), spin);
  return box;
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PpvGraphView *self = PPV_GRAPH_VIEW (widget);

  if (g_str_equal (action_name, "graph.zoom-in"))
    ppv_graph_view_zoom_in (self);
  else if (g_str_equal (action_name, "graph.zoom-out"))
    ppv_graph_view_zoom_out (self);
  else
    ppv_graph_view_zoom_fit (self);
}

static void
ppv_graph_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  PpvGraphView *self = PPV_GRAPH_VIEW (widget);

  _ppv_graph_view_invalidate_cache (self);

  if (self->need_fit)
    ppv_graph_view_zoom_fit (self);
  if (self->pending_center >= 0 && !self->need_fit)
    {
      int index = self->pending_center;

      self->pending_center = -1;
      _ppv_graph_view_center_on_node (self, index);
    }

  gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
ppv_graph_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  *minimum = 100;
  *natural = 600;
}

/* Hover and focus change the widget's CSS state too; only a change of
 * colour is worth drawing the whole scene again. */
static void
ppv_graph_view_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  PpvGraphView *self = PPV_GRAPH_VIEW (widget);

  GTK_WIDGET_CLASS (ppv_graph_view_parent_class)->css_changed (widget, change);

  if (!_ppv_graph_view_style_matches_cache (self))
    _ppv_graph_view_invalidate_cache (self);
}

/* The focus ring around the selected node follows keyboard focus. */
static void
ppv_graph_view_state_flags_changed (GtkWidget     *widget,
                                    GtkStateFlags  previous)
{
  const GtkStateFlags focus = GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_VISIBLE;
  GtkStateFlags flags = gtk_widget_get_state_flags (widget);

  GTK_WIDGET_CLASS (ppv_graph_view_parent_class)->state_flags_changed (widget, previous);

  if (!(flags & GTK_STATE_FLAG_FOCUSED))
    PPV_GRAPH_VIEW (widget)->keyboard_mode = FALSE;
  if ((flags ^ previous) & focus)
    gtk_widget_queue_draw (widget);
}

/* --- GObject ------------------------------------------------------------- */

static void
on_dark_changed (PpvGraphView *self)
{
  _ppv_graph_view_invalidate_cache (self);
}

static void
ppv_graph_view_dispose (GObject *object)
{
  PpvGraphView *self = PPV_GRAPH_VIEW (object);

  _ppv_graph_view_dispose_export (self);

  if (self->menu != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->menu));
      self->menu = NULL;
    }

  g_clear_pointer (&self->cache, gsk_render_node_unref);

  G_OBJECT_CLASS (ppv_graph_view_parent_class)->dispose (object);
}

static void
ppv_graph_view_finalize (GObject *object)
{
  PpvGraphView *self = PPV_GRAPH_VIEW (object);

  g_clear_object (&self->pango);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->graph, ppv_callgraph_unref);
  g_clear_pointer (&self->scene, ppv_scene_unref);
  g_free (self->selected_name);
  g_free (self->order);
  g_free (self->needle);
  g_free (self->matches);
  g_clear_pointer (&self->hidden_label_keys, g_ptr_array_unref);

  G_OBJECT_CLASS (ppv_graph_view_parent_class)->finalize (object);
}

static void
ppv_graph_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PpvGraphView *self = PPV_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->scale);
      break;

    case PROP_NODE_COUNT:
      g_value_set_int (value, self->node_count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ppv_graph_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PpvGraphView *self = PPV_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_NODE_COUNT:
      ppv_graph_view_set_node_count (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ppv_graph_view_class_init (PpvGraphViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PpvReportPaneClass *pane_class = PPV_REPORT_PANE_CLASS (klass);

  object_class->dispose = ppv_graph_view_dispose;
  object_class->finalize = ppv_graph_view_finalize;
  object_class->get_property = ppv_graph_view_get_property;
  object_class->set_property = ppv_graph_view_set_property;

  pane_class->page_name = "graph";
  pane_class->page_title = N_("Call Graph");
  pane_class->icon_name = "network-workgroup-symbolic";
  pane_class->result_free = (GDestroyNotify) build_result_free;
  pane_class->adjust_options = ppv_graph_view_adjust_options;
  pane_class->build = ppv_graph_view_build;
  pane_class->apply = ppv_graph_view_apply;
  pane_class->get_report = ppv_graph_view_get_report;
  pane_class->select_name = ppv_graph_view_select_name;
  pane_class->set_search = ppv_graph_view_set_search;

  widget_class->snapshot = _ppv_graph_view_snapshot;
  widget_class->size_allocate = ppv_graph_view_size_allocate;
  widget_class->measure = ppv_graph_view_measure;
  widget_class->css_changed = ppv_graph_view_css_changed;
  widget_class->state_flags_changed = ppv_graph_view_state_flags_changed;

  properties[PROP_NODE_COUNT] =
    g_param_spec_int ("node-count", NULL, NULL, 5, 1000, DEFAULT_NODE_COUNT,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0, G_MAXDOUBLE, 1.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SCENE_CHANGED] =
    g_signal_new ("scene-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "graph.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "graph.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "graph.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_property_action (widget_class, "graph.node-count", "node-count");
  _ppv_graph_view_class_init_export (widget_class);
  _ppv_graph_view_class_init_input (widget_class);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "ppvgraphview");
}

static void
ppv_graph_view_init (PpvGraphView *self)
{
  cairo_font_options_t *options;
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;
  GtkWidget *utility;

  self->scale = 1.0;
  self->hover = -1;
  self->selected = -1;
  self->pending_center = -1;
  self->need_fit = TRUE;
  self->node_count = DEFAULT_NODE_COUNT;
  self->hidden_label_keys = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  /* Text is drawn at any zoom: unhinted metrics keep it from jumping. */
  self->pango = gtk_widget_create_pango_context (GTK_WIDGET (self));
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (self->pango, options);
  cairo_font_options_destroy (options);

  _ppv_graph_view_init_input (self);

  self->menu = GTK_POPOVER_MENU (gtk_popover_menu_new_from_model (NULL));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->menu), GTK_POS_BOTTOM);
  gtk_widget_set_halign (GTK_WIDGET (self->menu), GTK_ALIGN_START);
  gtk_widget_set_parent (GTK_WIDGET (self->menu), GTK_WIDGET (self));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Call graph"),
                                  -1);
  update_accessible (self);

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, NODE_COUNT_KEY))
    {
      self->settings = g_settings_new_full (schema, NULL, NULL);
      self->node_count = CLAMP (g_settings_get_int (self->settings, NODE_COUNT_KEY), 5, 1000);
    }
  utility = create_node_count_control (self);
  gtk_box_append (GTK_BOX (utility), _ppv_graph_view_create_labels_control (self));
  ppv_report_pane_set_utility (PPV_REPORT_PANE (self), utility);
  update_zoom_actions (self);
  _ppv_graph_view_init_export (self);
}

GtkWidget *
ppv_graph_view_new (void)
{
  return g_object_new (PPV_TYPE_GRAPH_VIEW, NULL);
}
