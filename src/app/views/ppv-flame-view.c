/* ppv-flame-view.c — the Flame Graph pane: a stack tree built in a worker
 * for the shared options, drawn by a PpvFlameCanvas; the search's combined
 * total; the box menu; the shared current function.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "ppv-flame-menu.h"
#include "ppv-flame-view-private.h"
#include "ppv-tree-share.h"
#include "ppv-views.h"

enum {
  MATCHES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PpvFlameView, ppv_flame_view, PPV_TYPE_REPORT_PANE)

/* --- Search --------------------------------------------------------------- */

static gboolean
name_matches (const char *name,
              gpointer    needle)
{
  return ppv_flame_canvas_name_matches (name, needle);
}

/* Nested matches count once; boxes too narrow to be drawn count too (the
 * tree scans its stacks, not its nodes). */
gboolean
_ppv_flame_view_sum_matches (PpvStackTree *tree,
                             const char   *needle,
                             gint64       *total,
                             guint        *n_boxes,
                             GCancellable *cancellable)
{
  return ppv_stack_tree_sum_matches (tree, name_matches, (gpointer) needle, total, n_boxes, cancellable);
}

typedef struct
{
  gint64 total;
  guint  n_boxes;
} MatchSum;

static void
sum_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  PpvStackTree *tree = g_object_get_data (G_OBJECT (task), "tree");
  MatchSum *sum = g_new0 (MatchSum, 1);

  if (!_ppv_flame_view_sum_matches (tree, task_data, &sum->total, &sum->n_boxes, cancellable))
    {
      g_free (sum);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      return;
    }
  g_task_return_pointer (task, sum, g_free);
}

static void
update_match_label (PpvFlameView *self)
{
  g_autofree char *text = NULL;

  if (self->needle == NULL || self->tree == NULL)
    text = g_strdup ("");
  else if (!self->match_ready)
    text = g_strdup (_("Searching…"));
  else if (self->n_match_boxes == 0)
    text = g_strdup (_("No matches"));
  else
    {
      g_autofree char *value = ppv_stack_tree_format_value (self->tree, self->match_total);
      g_autofree char *pct = ppv_format_percentage (self->match_total,
                                                    ppv_stack_tree_get_report_total (self->tree));

      /* Translators: the combined total of the boxes a search matches,
       * and its share of the whole profile. */
      text = g_strdup_printf (_("Matched %s (%s)"), value, g_strstrip (pct));
    }

  gtk_label_set_text (self->match_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->match_label), text[0] != '\0');
}

static void
sum_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  PpvFlameView *self = PPV_FLAME_VIEW (object);
  g_autofree MatchSum *sum = g_task_propagate_pointer (G_TASK (result), NULL);

  if (sum == NULL)
    return;

  self->match_ready = TRUE;
  self->match_total = sum->total;
  self->n_match_boxes = sum->n_boxes;
  update_match_label (self);
  g_signal_emit (self, signals[MATCHES_CHANGED], 0);
}

/* The combined total walks the whole tree (31 million nodes on the big
 * benchmark profile): always in a worker. */
static void
start_match_sum (PpvFlameView *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->match_ready = FALSE;
  self->match_total = 0;
  self->n_match_boxes = 0;

  if (self->needle != NULL && self->tree != NULL)
    {
      self->search_cancellable = g_cancellable_new ();
      task = g_task_new (self, self->search_cancellable, sum_done, NULL);
      g_task_set_source_tag (task, start_match_sum);
      g_object_set_data_full (G_OBJECT (task), "tree", ppv_stack_tree_ref (self->tree),
                              (GDestroyNotify) ppv_stack_tree_unref);
      g_task_set_task_data (task, g_strdup (self->needle), g_free);
      g_task_run_in_thread (task, sum_thread);
    }

  update_match_label (self);
  g_signal_emit (self, signals[MATCHES_CHANGED], 0);
}

static void
ppv_flame_view_set_search (PpvReportPane *pane,
                           const char    *text)
{
  PpvFlameView *self = PPV_FLAME_VIEW (pane);

  if (text != NULL && text[0] == '\0')
    text = NULL;
  if (g_strcmp0 (text, self->needle) == 0)
    return;

  g_free (self->needle);
  self->needle = g_strdup (text);
  ppv_flame_canvas_set_search (self->canvas, self->needle);
  start_match_sum (self);
}

gboolean
ppv_flame_view_get_match_total (PpvFlameView *self,
                                gint64       *total,
                                guint        *n_boxes)
{
  g_return_val_if_fail (PPV_IS_FLAME_VIEW (self), FALSE);

  if (total != NULL)
    *total = self->match_total;
  if (n_boxes != NULL)
    *n_boxes = self->n_match_boxes;
  return self->needle != NULL && self->match_ready;
}

const char *
ppv_flame_view_get_match_text (PpvFlameView *self)
{
  g_return_val_if_fail (PPV_IS_FLAME_VIEW (self), NULL);
  return gtk_label_get_text (self->match_label);
}

/* --- Selection and zoom --------------------------------------------------- */

static gboolean
ppv_flame_view_select_name (PpvReportPane *pane,
                            const char    *plain_name)
{
  PpvFlameView *self = PPV_FLAME_VIEW (pane);

  ppv_flame_canvas_set_selected_name (self->canvas, plain_name);
  return self->tree != NULL && plain_name != NULL;
}

static void
on_cursor_changed (PpvFlameView   *self,
                   guint           node,
                   PpvFlameCanvas *canvas)
{
  /* The root is every sample, not a function. */
  if (node != PPV_NONE && node != 0 && self->tree != NULL)
    ppv_report_pane_emit_selected (PPV_REPORT_PANE (self), ppv_stack_tree_get_name (self->tree, node));
}

static void
on_zoom_changed (PpvFlameView *self)
{
  gboolean zoomed = self->tree != NULL && ppv_flame_canvas_get_zoom (self->canvas) != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flame.zoom-back", zoomed);
  /* The button lives in the profile view's bar, outside the pane: it
   * cannot reach the pane's actions. */
  gtk_widget_set_sensitive (self->back_button, zoomed);
}

static void
on_back_clicked (PpvFlameView *self)
{
  ppv_flame_canvas_zoom_back (self->canvas);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
zoom_back_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ppv_flame_canvas_zoom_back (PPV_FLAME_VIEW (widget)->canvas);
}

static void
on_menu (PpvFlameView   *self,
         guint           node,
         double          x,
         double          y,
         PpvFlameCanvas *canvas)
{
  g_autoptr(GMenu) extra = g_menu_new ();
  g_autoptr(GMenuModel) model = NULL;

  if (self->tree == NULL)
    return;

  g_menu_append (extra, _("_Export as SVG…"), "flame.export-svg");
  g_menu_append (extra, _("Export _Folded Stacks…"), "flame.export-folded");
  model = ppv_flame_menu_new (PPV_REPORT_PANE (self), self->tree, node, "flame", G_MENU_MODEL (extra));
  ppv_flame_menu_popup (self->menu, model, GTK_WIDGET (canvas), x, y);
}

/* --- Building ------------------------------------------------------------- */

/* The Callers and Callees pane may hold the tree already. */
static gpointer
ppv_flame_view_prepare (PpvReportPane *pane)
{
  return ppv_tree_share_find (pane);
}

static gpointer
ppv_flame_view_build (PpvReportInputs  *inputs,
                      GCancellable     *cancellable,
                      GError          **error)
{
  if (inputs->view_data != NULL)
    return ppv_stack_tree_ref (inputs->view_data);
  return ppv_stack_tree_new (inputs->profile, &inputs->options, cancellable, error);
}

static char **
ppv_flame_view_dup_legend (PpvReportPane *pane)
{
  return ppv_tree_share_dup_legend (PPV_FLAME_VIEW (pane)->tree);
}

static void
ppv_flame_view_apply (PpvReportPane *pane,
                      gpointer       result)
{
  PpvFlameView *self = PPV_FLAME_VIEW (pane);

  /* The base keeps the result (and frees it in a worker) until the next. */
  self->tree = result;
  ppv_flame_canvas_set_tree (self->canvas, self->tree);
  ppv_flame_canvas_set_selected_name (self->canvas, ppv_report_pane_get_selected_name (pane));
  start_match_sum (self);
  on_zoom_changed (self);
  _ppv_flame_view_run_pending_export (self);
}

PpvStackTree *
ppv_flame_view_get_tree (PpvFlameView *self)
{
  g_return_val_if_fail (PPV_IS_FLAME_VIEW (self), NULL);
  return self->tree;
}

PpvFlameCanvas *
ppv_flame_view_get_canvas (PpvFlameView *self)
{
  g_return_val_if_fail (PPV_IS_FLAME_VIEW (self), NULL);
  return self->canvas;
}

/* The control bar, while the pane is shown: back, the search total, and
 * the exports (view.* actions: the bar is not inside the pane). */
static GtkWidget *
create_utility (PpvFlameView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *back = gtk_button_new_from_icon_name ("go-up-symbolic");
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *export = gtk_menu_button_new ();
  g_autoptr(GMenu) exports = g_menu_new ();

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  g_signal_connect_object (back, "clicked", G_CALLBACK (on_back_clicked), self, G_CONNECT_SWAPPED);
  gtk_widget_set_tooltip_text (back, _("Zoom Out (Backspace)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Zoom out"),
                                  -1);
  gtk_widget_add_css_class (back, "flat");

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_visible (label, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Search total"),
                                  -1);

  g_menu_append (exports, _("_Export as SVG…"), "view.export-svg");
  g_menu_append (exports, _("Export _Folded Stacks…"), "view.export-folded");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (export), G_MENU_MODEL (exports));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (export), "document-save-as-symbolic");
  gtk_widget_set_tooltip_text (export, _("Export the Flame Graph"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (export),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Export the flame graph"),
                                  -1);
  gtk_widget_add_css_class (export, "flat");

  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), back);
  gtk_box_append (GTK_BOX (box), export);
  self->back_button = back;
  self->match_label = GTK_LABEL (label);
  return box;
}

/* --- GtkWidget ------------------------------------------------------------ */

static gboolean
ppv_flame_view_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (PPV_FLAME_VIEW (widget)->canvas));
}

static void
ppv_flame_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  PpvFlameView *self = PPV_FLAME_VIEW (widget);

  gtk_widget_allocate (self->scroller, width, height, baseline, NULL);
  gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
ppv_flame_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  gtk_widget_measure (PPV_FLAME_VIEW (widget)->scroller, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* --- GObject -------------------------------------------------------------- */

static void
ppv_flame_view_dispose (GObject *object)
{
  PpvFlameView *self = PPV_FLAME_VIEW (object);

  g_cancellable_cancel (self->search_cancellable);
  _ppv_flame_view_dispose_export (self);
  if (self->menu != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->menu));
      self->menu = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), PPV_TYPE_FLAME_VIEW);

  G_OBJECT_CLASS (ppv_flame_view_parent_class)->dispose (object);
}

static void
ppv_flame_view_finalize (GObject *object)
{
  PpvFlameView *self = PPV_FLAME_VIEW (object);

  g_clear_object (&self->search_cancellable);
  g_free (self->needle);

  G_OBJECT_CLASS (ppv_flame_view_parent_class)->finalize (object);
}

static void
ppv_flame_view_class_init (PpvFlameViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PpvReportPaneClass *pane_class = PPV_REPORT_PANE_CLASS (klass);

  ppv_views_ensure_resources ();

  object_class->dispose = ppv_flame_view_dispose;
  object_class->finalize = ppv_flame_view_finalize;

  pane_class->page_name = "flame";
  pane_class->page_title = N_("Flame Graph");
  pane_class->icon_name = "view-paged-symbolic";
  pane_class->result_free = (GDestroyNotify) ppv_stack_tree_unref;
  pane_class->view_data_free = ppv_tree_share_release;
  pane_class->prepare = ppv_flame_view_prepare;
  pane_class->build = ppv_flame_view_build;
  pane_class->apply = ppv_flame_view_apply;
  pane_class->select_name = ppv_flame_view_select_name;
  pane_class->set_search = ppv_flame_view_set_search;
  pane_class->dup_legend = ppv_flame_view_dup_legend;

  widget_class->grab_focus = ppv_flame_view_grab_focus;
  widget_class->size_allocate = ppv_flame_view_size_allocate;
  widget_class->measure = ppv_flame_view_measure;

  signals[MATCHES_CHANGED] =
    g_signal_new ("matches-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "flame.zoom-back", NULL, zoom_back_action);
  gtk_widget_class_install_action (widget_class, "flame.copy", "s", ppv_flame_menu_copy_action);
  _ppv_flame_view_class_init_export (widget_class);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pprofviewer/PprofViewer/views/ppv-flame-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PpvFlameView, scroller);
  gtk_widget_class_bind_template_child (widget_class, PpvFlameView, canvas);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "ppvflameview");

  g_type_ensure (PPV_TYPE_FLAME_CANVAS);
}

static void
ppv_flame_view_init (PpvFlameView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->canvas, "cursor-changed",
                           G_CALLBACK (on_cursor_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "zoom-changed",
                           G_CALLBACK (on_zoom_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "menu",
                           G_CALLBACK (on_menu), self, G_CONNECT_SWAPPED);

  self->menu = ppv_flame_menu_new_popover (GTK_WIDGET (self));
  ppv_report_pane_set_utility (PPV_REPORT_PANE (self), create_utility (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Flame graph"),
                                  -1);
  on_zoom_changed (self);
  _ppv_flame_view_init_export (self);
}

GtkWidget *
ppv_flame_view_new (void)
{
  return g_object_new (PPV_TYPE_FLAME_VIEW, NULL);
}
