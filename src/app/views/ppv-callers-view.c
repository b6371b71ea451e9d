/* ppv-callers-view.c — the Callers and Callees pane: the stack tree built
 * in a worker for the shared options, pivoted on the current function in
 * a worker too, drawn by two flame canvases.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "ppv-callers-view.h"
#include "ppv-flame-canvas.h"
#include "ppv-flame-menu.h"
#include "ppv-tree-share.h"
#include "ppv-views.h"

/* A tree and its pivots on one function. */
typedef struct
{
  PpvStackTree *tree;
  char         *name;
  PpvStackTree *callers;
  PpvStackTree *callees;
} Pivot;

struct _PpvCallersView
{
  PpvReportPane   parent_instance;

  GtkStack       *stack;
  AdwStatusPage  *status_page;
  PpvFlameCanvas *callers_canvas;
  PpvFlameCanvas *callees_canvas;
  GtkLabel       *summary_label;
  GtkPopoverMenu *menu;

  Pivot          *shown;
  GCancellable   *pivot_cancellable;
  gboolean        pivoting;
};

G_DEFINE_FINAL_TYPE (PpvCallersView, ppv_callers_view, PPV_TYPE_REPORT_PANE)

static void
pivot_free (Pivot *pivot)
{
  g_clear_pointer (&pivot->tree, ppv_stack_tree_unref);
  g_clear_pointer (&pivot->callers, ppv_stack_tree_unref);
  g_clear_pointer (&pivot->callees, ppv_stack_tree_unref);
  g_free (pivot->name);
  g_free (pivot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pivot, pivot_free)

/* Worker: both pivots of @pivot->tree on @pivot->name. */
static gboolean
compute_pivots (Pivot         *pivot,
                GCancellable  *cancellable,
                GError       **error)
{
  if (pivot->name == NULL)
    return TRUE;

  pivot->callers = ppv_stack_tree_new_pivot (pivot->tree, pivot->name, PPV_STACK_TREE_CALLERS,
                                             cancellable, error);
  if (pivot->callers == NULL)
    return FALSE;
  pivot->callees = ppv_stack_tree_new_pivot (pivot->tree, pivot->name, PPV_STACK_TREE_CALLEES,
                                             cancellable, error);
  return pivot->callees != NULL;
}

/* --- Showing -------------------------------------------------------------- */

static void
show_pivot (PpvCallersView *self,
            Pivot          *pivot)
{
  gboolean has = pivot != NULL && pivot->callers != NULL
                 && ppv_stack_tree_get_total (pivot->callers, 0) != 0;

  if (pivot != self->shown)
    {
      g_clear_pointer (&self->shown, pivot_free);
      self->shown = pivot;
    }

  ppv_flame_canvas_set_tree (self->callers_canvas, has ? pivot->callers : NULL);
  ppv_flame_canvas_set_tree (self->callees_canvas, has ? pivot->callees : NULL);

  if (has)
    {
      PpvStackTree *callers = pivot->callers;
      gint64 total = ppv_stack_tree_get_total (callers, 0);
      g_autofree char *value = ppv_stack_tree_format_value (callers, total);
      g_autofree char *pct = ppv_format_percentage (total, ppv_stack_tree_get_report_total (callers));
      g_autofree char *summary = NULL;

      /* Translators: between the callers (above) and the callees (below)
       * of a function: its name, its total and share of the whole. */
      summary = g_strdup_printf (_("▲ Callers · %s · %s (%s) · Callees ▼"),
                                 pivot->name, value, g_strstrip (pct));
      gtk_label_set_text (self->summary_label, summary);
      gtk_stack_set_visible_child_name (self->stack, "pivot");
    }
  else
    {
      g_autofree char *description = NULL;

      gtk_label_set_text (self->summary_label, "");
      if (pivot != NULL && pivot->name != NULL)
        /* Translators: %s is a function name. */
        description = g_strdup_printf (_("%s is in none of the stacks shown"), pivot->name);
      adw_status_page_set_description (self->status_page,
                                       description != NULL ? description
                                       : _("Select a function in any view to see who calls it and what it calls"));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
}

static void
pivot_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autoptr(Pivot) pivot = g_new0 (Pivot, 1);
  Pivot *request = task_data;
  GError *error = NULL;

  pivot->tree = ppv_stack_tree_ref (request->tree);
  pivot->name = g_strdup (request->name);
  if (!compute_pivots (pivot, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&pivot), (GDestroyNotify) pivot_free);
}

static void
pivot_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  PpvCallersView *self = PPV_CALLERS_VIEW (object);
  g_autoptr(GError) error = NULL;
  Pivot *pivot = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->pivoting = FALSE;
  if (pivot == NULL)
    {
      ppv_report_pane_toast (PPV_REPORT_PANE (self), error->message);
      return;
    }
  show_pivot (self, pivot);
}

/* Pivots on the current function if the pane shows another one.  Only
 * while the pane is on screen: choosing rows in the table elsewhere must
 * not pivot a big tree each time. */
static void
maybe_pivot (PpvCallersView *self)
{
  const char *name = ppv_report_pane_get_selected_name (PPV_REPORT_PANE (self));
  g_autoptr(GTask) task = NULL;
  Pivot *request;

  if (self->shown == NULL || self->shown->tree == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (g_strcmp0 (name, self->shown->name) == 0)
    {
      /* Back to what is shown: a pivot under way is not wanted. */
      g_cancellable_cancel (self->pivot_cancellable);
      self->pivoting = FALSE;
      return;
    }

  g_cancellable_cancel (self->pivot_cancellable);
  g_clear_object (&self->pivot_cancellable);
  self->pivot_cancellable = g_cancellable_new ();
  self->pivoting = TRUE;

  request = g_new0 (Pivot, 1);
  request->tree = ppv_stack_tree_ref (self->shown->tree);
  request->name = g_strdup (name);
  task = g_task_new (self, self->pivot_cancellable, pivot_done, NULL);
  g_task_set_source_tag (task, maybe_pivot);
  g_task_set_task_data (task, request, (GDestroyNotify) pivot_free);
  g_task_run_in_thread (task, pivot_thread);
}

static gboolean
ppv_callers_view_select_name (PpvReportPane *pane,
                              const char    *plain_name)
{
  PpvCallersView *self = PPV_CALLERS_VIEW (pane);

  ppv_flame_canvas_set_selected_name (self->callers_canvas, plain_name);
  ppv_flame_canvas_set_selected_name (self->callees_canvas, plain_name);
  maybe_pivot (self);
  return self->shown != NULL && plain_name != NULL;
}

/* Highlights matches in both trees (the total is the flame graph's). */
static void
ppv_callers_view_set_search (PpvReportPane *pane,
                             const char    *text)
{
  PpvCallersView *self = PPV_CALLERS_VIEW (pane);

  ppv_flame_canvas_set_search (self->callers_canvas, text);
  ppv_flame_canvas_set_search (self->callees_canvas, text);
}

static void
on_map (PpvCallersView *self)
{
  maybe_pivot (self);
}

/* --- Building ------------------------------------------------------------- */

/* The worker's inputs: the current function, and the Flame Graph pane's
 * tree if it has the one to build. */
static gpointer
ppv_callers_view_prepare (PpvReportPane *pane)
{
  Pivot *request = g_new0 (Pivot, 1);

  request->name = g_strdup (ppv_report_pane_get_selected_name (pane));
  request->tree = ppv_tree_share_find (pane);
  return request;
}

static gpointer
ppv_callers_view_build (PpvReportInputs  *inputs,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_autoptr(Pivot) pivot = g_new0 (Pivot, 1);
  Pivot *request = inputs->view_data;

  if (request->tree != NULL)
    pivot->tree = ppv_stack_tree_ref (request->tree);
  else
    pivot->tree = ppv_stack_tree_new (inputs->profile, &inputs->options, cancellable, error);
  if (pivot->tree == NULL)
    return NULL;
  pivot->name = g_strdup (request->name);
  if (!compute_pivots (pivot, cancellable, error))
    return NULL;
  return g_steal_pointer (&pivot);
}

static void
copy_tree (PpvStackTree **dest,
           PpvStackTree  *src)
{
  *dest = src != NULL ? ppv_stack_tree_ref (src) : NULL;
}

static char **
ppv_callers_view_dup_legend (PpvReportPane *pane)
{
  PpvCallersView *self = PPV_CALLERS_VIEW (pane);

  return ppv_tree_share_dup_legend (self->shown != NULL ? self->shown->tree : NULL);
}

static void
ppv_callers_view_apply (PpvReportPane *pane,
                        gpointer       result)
{
  PpvCallersView *self = PPV_CALLERS_VIEW (pane);
  Pivot *built = result;
  Pivot *pivot = NULL;

  g_cancellable_cancel (self->pivot_cancellable);
  self->pivoting = FALSE;

  /* The base keeps and frees the result: the pane keeps its own refs,
   * as a later pivot replaces them. */
  if (built != NULL)
    {
      pivot = g_new0 (Pivot, 1);
      copy_tree (&pivot->tree, built->tree);
      copy_tree (&pivot->callers, built->callers);
      copy_tree (&pivot->callees, built->callees);
      pivot->name = g_strdup (built->name);
    }
  show_pivot (self, pivot);
  /* The current function may have changed while it was building. */
  maybe_pivot (self);
}

PpvStackTree *
ppv_callers_view_get_tree (PpvCallersView *self)
{
  g_return_val_if_fail (PPV_IS_CALLERS_VIEW (self), NULL);
  return self->shown != NULL ? self->shown->tree : NULL;
}

PpvStackTree *
ppv_callers_view_get_callers (PpvCallersView *self)
{
  g_return_val_if_fail (PPV_IS_CALLERS_VIEW (self), NULL);
  return self->shown != NULL ? self->shown->callers : NULL;
}

PpvStackTree *
ppv_callers_view_get_callees (PpvCallersView *self)
{
  g_return_val_if_fail (PPV_IS_CALLERS_VIEW (self), NULL);
  return self->shown != NULL ? self->shown->callees : NULL;
}

gboolean
ppv_callers_view_get_pivoting (PpvCallersView *self)
{
  g_return_val_if_fail (PPV_IS_CALLERS_VIEW (self), FALSE);
  return self->pivoting;
}

const char *
ppv_callers_view_get_summary (PpvCallersView *self)
{
  g_return_val_if_fail (PPV_IS_CALLERS_VIEW (self), NULL);
  return gtk_label_get_text (self->summary_label);
}

/* --- Boxes ---------------------------------------------------------------- */

static void
on_cursor_changed (PpvCallersView *self,
                   guint           node,
                   PpvFlameCanvas *canvas)
{
  PpvStackTree *tree = ppv_flame_canvas_get_tree (canvas);

  if (node != PPV_NONE && tree != NULL)
    ppv_report_pane_emit_selected (PPV_REPORT_PANE (self), ppv_stack_tree_get_name (tree, node));
}

static void
on_menu (PpvCallersView *self,
         guint           node,
         double          x,
         double          y,
         PpvFlameCanvas *canvas)
{
  g_autoptr(GMenuModel) model = NULL;
  PpvStackTree *tree = ppv_flame_canvas_get_tree (canvas);

  if (tree == NULL)
    return;
  model = ppv_flame_menu_new (PPV_REPORT_PANE (self), tree, node, "callers", NULL);
  ppv_flame_menu_popup (self->menu, model, GTK_WIDGET (canvas), x, y);
}

static void
show_callers_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PpvCallersView *self = PPV_CALLERS_VIEW (widget);

  maybe_pivot (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->callees_canvas));
}

/* --- GtkWidget and GObject ------------------------------------------------ */

static gboolean
ppv_callers_view_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (PPV_CALLERS_VIEW (widget)->callees_canvas));
}

static void
ppv_callers_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  PpvCallersView *self = PPV_CALLERS_VIEW (widget);

  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);
  gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
ppv_callers_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  gtk_widget_measure (GTK_WIDGET (PPV_CALLERS_VIEW (widget)->stack), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
ppv_callers_view_dispose (GObject *object)
{
  PpvCallersView *self = PPV_CALLERS_VIEW (object);

  g_cancellable_cancel (self->pivot_cancellable);
  if (self->menu != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->menu));
      self->menu = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), PPV_TYPE_CALLERS_VIEW);

  G_OBJECT_CLASS (ppv_callers_view_parent_class)->dispose (object);
}

static void
ppv_callers_view_finalize (GObject *object)
{
  PpvCallersView *self = PPV_CALLERS_VIEW (object);

  g_clear_object (&self->pivot_cancellable);
  if (self->shown != NULL)
    ppv_report_pane_release_in_thread (g_steal_pointer (&self->shown), (GDestroyNotify) pivot_free);

  G_OBJECT_CLASS (ppv_callers_view_parent_class)->finalize (object);
}

static void
ppv_callers_view_class_init (PpvCallersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PpvReportPaneClass *pane_class = PPV_REPORT_PANE_CLASS (klass);

  ppv_views_ensure_resources ();

  object_class->dispose = ppv_callers_view_dispose;
  object_class->finalize = ppv_callers_view_finalize;

  pane_class->page_name = "callers";
  pane_class->page_title = N_("Callers and Callees");
  pane_class->icon_name = "object-flip-vertical-symbolic";
  pane_class->result_free = (GDestroyNotify) pivot_free;
  pane_class->view_data_free = (GDestroyNotify) pivot_free;
  pane_class->prepare = ppv_callers_view_prepare;
  pane_class->build = ppv_callers_view_build;
  pane_class->apply = ppv_callers_view_apply;
  pane_class->select_name = ppv_callers_view_select_name;
  pane_class->set_search = ppv_callers_view_set_search;
  pane_class->dup_legend = ppv_callers_view_dup_legend;

  widget_class->grab_focus = ppv_callers_view_grab_focus;
  widget_class->size_allocate = ppv_callers_view_size_allocate;
  widget_class->measure = ppv_callers_view_measure;

  gtk_widget_class_install_action (widget_class, "callers.copy", "s", ppv_flame_menu_copy_action);
  gtk_widget_class_install_action (widget_class, "callers.show-callers", NULL, show_callers_action);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pprofviewer/PprofViewer/views/ppv-callers-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PpvCallersView, stack);
  gtk_widget_class_bind_template_child (widget_class, PpvCallersView, status_page);
  gtk_widget_class_bind_template_child (widget_class, PpvCallersView, callers_canvas);
  gtk_widget_class_bind_template_child (widget_class, PpvCallersView, callees_canvas);
  gtk_widget_class_bind_template_child (widget_class, PpvCallersView, summary_label);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "ppvcallersview");

  g_type_ensure (PPV_TYPE_FLAME_CANVAS);
}

static void
ppv_callers_view_init (PpvCallersView *self)
{
  PpvFlameCanvas *canvases[] = { NULL, NULL };

  gtk_widget_init_template (GTK_WIDGET (self));

  ppv_flame_canvas_set_inverted (self->callers_canvas, TRUE);
  canvases[0] = self->callers_canvas;
  canvases[1] = self->callees_canvas;
  for (guint i = 0; i < G_N_ELEMENTS (canvases); i++)
    {
      g_signal_connect_object (canvases[i], "cursor-changed",
                               G_CALLBACK (on_cursor_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (canvases[i], "menu",
                               G_CALLBACK (on_menu), self, G_CONNECT_SWAPPED);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->callers_canvas),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Callers"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->callees_canvas),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Callees"),
                                  -1);

  self->menu = ppv_flame_menu_new_popover (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  show_pivot (self, NULL);
}

GtkWidget *
ppv_callers_view_new (void)
{
  return g_object_new (PPV_TYPE_CALLERS_VIEW, NULL);
}
