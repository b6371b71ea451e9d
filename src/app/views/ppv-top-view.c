/* ppv-top-view.c — the top table: pprof's `top` as a sortable, searchable
 * GtkColumnView over every row of a text report.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <string.h>

#include "ppv-percent-cell.h"
#include "ppv-top-row-private.h"
#include "ppv-top-view-private.h"
#include "ppv-views.h"

#define INCREMENTAL_FILTER_ROWS 20000

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

enum {
  ROW_SELECTED,
  ROW_ACTIVATED,
  REPORT_CHANGED,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PpvTopView, ppv_top_view, GTK_TYPE_WIDGET)

/* --- Sorting -------------------------------------------------------------
 *
 * Numbers sort largest first on the first click: that is what a profile
 * reader looks for.  Ties keep pprof's order (the report index).
 */

static inline int
compare_index (const PpvTopRow *a,
               const PpvTopRow *b)
{
  return a->index < b->index ? -1 : a->index > b->index;
}

static int
compare_flat (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const PpvTopRow *ra = a, *rb = b;

  if (ra->row->flat != rb->row->flat)
    return ra->row->flat > rb->row->flat ? -1 : 1;
  return compare_index (ra, rb);
}

static int
compare_cum (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const PpvTopRow *ra = a, *rb = b;

  if (ra->row->cum != rb->row->cum)
    return ra->row->cum > rb->row->cum ? -1 : 1;
  return compare_index (ra, rb);
}

static int
compare_name (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const PpvTopRow *ra = a, *rb = b;

  if (ra->name_rank != rb->name_rank)
    return ra->name_rank < rb->name_rank ? -1 : 1;
  return compare_index (ra, rb);
}

static void
set_column_sorter (GtkColumnViewColumn *column,
                   GCompareDataFunc     func)
{
  g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (func, NULL, NULL);

  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
}

/* GtkListView keeps the first visible item in place when the order
 * changes, so after a sort the view would show the middle of the list:
 * show its top, where the largest values now are. */
static gboolean
scroll_to_top_cb (gpointer user_data)
{
  PpvTopView *self = user_data;

  GtkWidget *list_view;

  self->scroll_source = 0;
  list_view = _ppv_top_view_find_list_view (self);
  if (list_view != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", 0);
  return G_SOURCE_REMOVE;
}

static void
on_sorter_changed (PpvTopView      *self,
                   GtkSorterChange  change,
                   GtkSorter       *sorter)
{
  if (self->scroll_source == 0 && self->scroller != NULL)
    self->scroll_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, scroll_to_top_cb, self, NULL);
}

/* The header buttons are GTK's own widgets: find those of the number
 * columns by their titles to style their sort arrows. */
static void
mark_largest_first_headers (PpvTopView *self)
{
  const char *name_title = gtk_column_view_column_get_title (self->name_column);

  for (GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       header != NULL;
       header = gtk_widget_get_next_sibling (header))
    {
      if (g_strcmp0 (gtk_widget_get_css_name (header), "header") != 0)
        continue;

      for (GtkWidget *button = gtk_widget_get_first_child (header);
           button != NULL;
           button = gtk_widget_get_next_sibling (button))
        {
          GtkWidget *label = gtk_widget_get_first_child (button);

          /* button > box > label */
          if (label != NULL)
            label = gtk_widget_get_first_child (label);
          if (label != NULL && GTK_IS_LABEL (label)
              && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), name_title) != 0)
            gtk_widget_add_css_class (button, "ppv-largest-first");
        }
    }
}

/* --- sum% ---------------------------------------------------------------- */

static void
recompute_sums (PpvTopView *self)
{
  GListModel *sorted = G_LIST_MODEL (self->sort_model);
  guint n = g_list_model_get_n_items (sorted);
  gint64 acc = 0;
  GHashTableIter iter;
  gpointer key;

  g_clear_pointer (&self->sums, g_free);
  self->n_sums = 0;

  if (self->model != NULL)
    {
      self->n_sums = g_list_model_get_n_items (G_LIST_MODEL (self->model));
      self->sums = g_new0 (gint64, MAX (self->n_sums, 1));
    }

  if (self->model != NULL
      && gtk_sorter_get_order (gtk_sort_list_model_get_sorter (self->sort_model)) == GTK_SORTER_ORDER_NONE)
    {
      /* Report order: the worker summed it already. */
      memcpy (self->sums, ppv_top_model_get_flat_sums (self->model), sizeof (gint64) * self->n_sums);
    }
  else if (self->model != NULL)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PpvTopRow) row = g_list_model_get_item (sorted, i);
          guint index = ppv_top_row_get_index (row);

          acc += ppv_top_row_get_flat (row);
          if (index < self->n_sums)
            self->sums[index] = acc;
        }
    }

  /* Rows whose item did not change are not bound again: refresh them. */
  g_hash_table_iter_init (&iter, self->sum_items);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    _ppv_top_view_update_sum_cell (self, key);
}

static void
on_sorted_items_changed (PpvTopView *self,
                         guint       position,
                         guint       removed,
                         guint       added,
                         GListModel *model)
{
  recompute_sums (self);
}

gint64
ppv_top_view_get_row_sum (PpvTopView *self,
                          PpvTopRow  *row)
{
  guint index;

  g_return_val_if_fail (PPV_IS_TOP_VIEW (self), 0);
  g_return_val_if_fail (PPV_IS_TOP_ROW (row), 0);

  index = ppv_top_row_get_index (row);
  if (self->model == NULL
      || ppv_top_row_get_report (row) != ppv_top_model_get_report (self->model)
      || index >= self->n_sums)
    return 0;

  return self->sums[index];
}

/* --- Search -------------------------------------------------------------- */

static gboolean
search_filter_func (gpointer item,
                    gpointer user_data)
{
  PpvTopView *self = user_data;

  return ppv_top_row_matches (item, self->needle);
}

void
ppv_top_view_set_search (PpvTopView *self,
                         const char *text)
{
  g_autofree char *needle = NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  g_return_if_fail (PPV_IS_TOP_VIEW (self));

  needle = text != NULL && text[0] != '\0' ? g_ascii_strdown (text, -1) : NULL;
  if (g_strcmp0 (needle, self->needle) == 0)
    return;

  if (needle == NULL)
    {
      g_clear_pointer (&self->needle, g_free);
      gtk_filter_list_model_set_filter (self->filter_model, NULL);
      return;
    }

  if (self->needle != NULL && strstr (needle, self->needle) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->needle != NULL && strstr (self->needle, needle) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;

  g_free (self->needle);
  self->needle = g_steal_pointer (&needle);

  /* Filtering 200k names takes ~100 ms: on big tables filter in idle
   * steps so typing stays fluid; small tables filter at once. */
  gtk_filter_list_model_set_incremental (self->filter_model,
                                         self->model != NULL
                                         && g_list_model_get_n_items (G_LIST_MODEL (self->model)) > INCREMENTAL_FILTER_ROWS);

  if (gtk_filter_list_model_get_filter (self->filter_model) == NULL)
    gtk_filter_list_model_set_filter (self->filter_model, GTK_FILTER (self->search_filter));
  else
    gtk_filter_changed (GTK_FILTER (self->search_filter), change);
}

/* --- Selection ----------------------------------------------------------- */

PpvTopRow *
ppv_top_view_get_selected (PpvTopView *self)
{
  g_return_val_if_fail (PPV_IS_TOP_VIEW (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

static void
on_selected_changed (PpvTopView         *self,
                     GParamSpec         *pspec,
                     GtkSingleSelection *selection)
{
  PpvTopRow *row;

  if (self->selecting)
    return;

  row = gtk_single_selection_get_selected_item (selection);
  if (row != NULL)
    g_signal_emit (self, signals[ROW_SELECTED], 0, ppv_top_row_get_plain_name (row));
}

static void
on_activate (PpvTopView    *self,
             guint          position,
             GtkColumnView *column_view)
{
  g_autoptr(PpvTopRow) row = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  if (row != NULL)
    g_signal_emit (self, signals[ROW_ACTIVATED], 0, ppv_top_row_get_plain_name (row));
}

GtkWidget *
_ppv_top_view_find_list_view (PpvTopView *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;

  return NULL;
}

gboolean
ppv_top_view_select_name (PpvTopView *self,
                          const char *plain_name)
{
  GListModel *shown;
  guint n;

  g_return_val_if_fail (PPV_IS_TOP_VIEW (self), FALSE);

  if (plain_name == NULL)
    return FALSE;

  shown = G_LIST_MODEL (self->filter_model);
  n = g_list_model_get_n_items (shown);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PpvTopRow) row = g_list_model_get_item (shown, i);

      if (g_strcmp0 (ppv_top_row_get_plain_name (row), plain_name) == 0)
        {
          GtkWidget *list_view;

          self->selecting = TRUE;
          gtk_single_selection_set_selected (self->selection, i);
          self->selecting = FALSE;

          /* GTK 4.8 has no gtk_column_view_scroll_to(): use the list's action. */
          list_view = _ppv_top_view_find_list_view (self);
          if (list_view != NULL)
            gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", i);
          return TRUE;
        }
    }

  return FALSE;
}

/* --- Models -------------------------------------------------------------- */

GListModel *
ppv_top_view_get_shown_model (PpvTopView *self)
{
  g_return_val_if_fail (PPV_IS_TOP_VIEW (self), NULL);
  return G_LIST_MODEL (self->filter_model);
}

PpvTopModel *
ppv_top_view_get_model (PpvTopView *self)
{
  g_return_val_if_fail (PPV_IS_TOP_VIEW (self), NULL);
  return self->model;
}

PpvReport *
ppv_top_view_get_report (PpvTopView *self)
{
  g_return_val_if_fail (PPV_IS_TOP_VIEW (self), NULL);
  return self->model != NULL ? ppv_top_model_get_report (self->model) : NULL;
}

gboolean
ppv_top_view_get_loading (PpvTopView *self)
{
  g_return_val_if_fail (PPV_IS_TOP_VIEW (self), FALSE);
  return self->loading;
}

static void
set_loading (PpvTopView *self,
             gboolean    loading)
{
  if (self->loading == !!loading)
    return;
  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
release_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_object_unref (task_data);
  g_task_return_boolean (task, TRUE);
}

/* Finalizing 200k rows takes ~100 ms: let a worker drop the last reference
 * to an old model (GTK has let go of its rows by then, or holds its own). */
static void
release_model_in_thread (PpvTopModel *model)
{
  g_autoptr(GTask) task = NULL;

  if (model == NULL)
    return;

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, release_model_in_thread);
  g_task_set_task_data (task, model, NULL);
  g_task_run_in_thread (task, release_thread);
}

void
ppv_top_view_set_model (PpvTopView  *self,
                        PpvTopModel *model)
{
  PpvTopModel *old;
  g_autofree char *selected = NULL;
  PpvTopRow *row;

  g_return_if_fail (PPV_IS_TOP_VIEW (self));
  g_return_if_fail (model == NULL || PPV_IS_TOP_MODEL (model));

  if (model == self->model)
    return;

  row = ppv_top_view_get_selected (self);
  if (row != NULL)
    selected = g_strdup (ppv_top_row_get_plain_name (row));

  old = g_steal_pointer (&self->model);
  self->model = model != NULL ? g_object_ref (model) : NULL;
  self->selecting = TRUE;
  gtk_sort_list_model_set_model (self->sort_model, G_LIST_MODEL (model));
  self->selecting = FALSE;
  release_model_in_thread (old);

  if (selected != NULL)
    ppv_top_view_select_name (self, selected);

  g_signal_emit (self, signals[REPORT_CHANGED], 0);
}

/* --- Rebuilding ---------------------------------------------------------- */

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PpvReportInputs *data = task_data;
  g_autoptr(PpvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  PpvTopModel *model;

  report = ppv_report_new (data->profile, &data->options, PPV_REPORT_KIND_TEXT,
                           cancellable, &error);
  if (report == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  model = ppv_top_model_new (report, cancellable, &error);
  if (model == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, model, g_object_unref);
}

static void
build_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  PpvTopView *self = PPV_TOP_VIEW (object);
  g_autoptr(PpvTopModel) model = NULL;
  g_autoptr(GError) error = NULL;

  model = g_task_propagate_pointer (G_TASK (result), &error);

  /* A late result of a replaced request never lands. */
  if (!_ppv_report_job_is_current (&self->job, result, error))
    return;

  if (self->job.idle_source == 0)
    set_loading (self, FALSE);

  if (model == NULL)
    {
      g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }

  ppv_top_view_set_model (self, model);
}

static gboolean
rebuild_cb (gpointer user_data)
{
  PpvTopView *self = user_data;

  if (!_ppv_report_job_start (&self->job, self, rebuild_cb, build_thread, build_done))
    set_loading (self, FALSE);
  return G_SOURCE_REMOVE;
}

void
ppv_top_view_set_options (PpvTopView             *self,
                          PpvProfile             *profile,
                          const PpvReportOptions *options)
{
  g_return_if_fail (PPV_IS_TOP_VIEW (self));
  g_return_if_fail (options != NULL);

  _ppv_report_job_request (&self->job, profile, options, rebuild_cb, self);
  if (profile == NULL)
    ppv_top_view_set_model (self, NULL);
  set_loading (self, profile != NULL);
}

/* --- GtkWidget ----------------------------------------------------------- */

static void
ppv_top_view_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  PpvTopView *self = PPV_TOP_VIEW (widget);

  gtk_widget_measure (GTK_WIDGET (self->scroller), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
ppv_top_view_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  PpvTopView *self = PPV_TOP_VIEW (widget);

  gtk_widget_allocate (GTK_WIDGET (self->scroller), width, height, baseline, NULL);
  gtk_popover_present (GTK_POPOVER (self->menu));
}

static gboolean
ppv_top_view_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (PPV_TOP_VIEW (widget)->column_view));
}

static void
ppv_top_view_dispose (GObject *object)
{
  PpvTopView *self = PPV_TOP_VIEW (object);

  _ppv_report_job_cancel (&self->job);
  g_clear_handle_id (&self->scroll_source, g_source_remove);

  if (self->menu != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->menu));
      self->menu = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), PPV_TYPE_TOP_VIEW);
  /* Dropping the columns changes the sorter: do not scroll a dead view. */
  g_clear_handle_id (&self->scroll_source, g_source_remove);

  G_OBJECT_CLASS (ppv_top_view_parent_class)->dispose (object);
}

static void
ppv_top_view_finalize (GObject *object)
{
  PpvTopView *self = PPV_TOP_VIEW (object);

  _ppv_report_job_clear (&self->job);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->search_filter);
  g_clear_object (&self->model);
  g_clear_pointer (&self->sum_items, g_hash_table_unref);
  g_clear_pointer (&self->sums, g_free);
  g_free (self->needle);

  G_OBJECT_CLASS (ppv_top_view_parent_class)->finalize (object);
}

static void
ppv_top_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PpvTopView *self = PPV_TOP_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ppv_top_view_class_init (PpvTopViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  ppv_views_ensure_resources ();

  object_class->dispose = ppv_top_view_dispose;
  object_class->finalize = ppv_top_view_finalize;
  object_class->get_property = ppv_top_view_get_property;

  widget_class->measure = ppv_top_view_measure;
  widget_class->size_allocate = ppv_top_view_size_allocate;
  widget_class->grab_focus = ppv_top_view_grab_focus;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user selected a row; the argument is its plain name. */
  signals[ROW_SELECTED] =
    g_signal_new ("row-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* Double click or Enter on a row. */
  signals[ROW_ACTIVATED] =
    g_signal_new ("row-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[REPORT_CHANGED] =
    g_signal_new ("report-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Building a report failed (never for cancellation). */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pprofviewer/PprofViewer/views/ppv-top-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PpvTopView, scroller);
  gtk_widget_class_bind_template_child (widget_class, PpvTopView, column_view);
  gtk_widget_class_bind_template_child (widget_class, PpvTopView, flat_column);
  gtk_widget_class_bind_template_child (widget_class, PpvTopView, flat_percent_column);
  gtk_widget_class_bind_template_child (widget_class, PpvTopView, sum_percent_column);
  gtk_widget_class_bind_template_child (widget_class, PpvTopView, cum_column);
  gtk_widget_class_bind_template_child (widget_class, PpvTopView, cum_percent_column);
  gtk_widget_class_bind_template_child (widget_class, PpvTopView, name_column);
  _ppv_top_view_class_init_cells (widget_class);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "ppvtopview");

  g_type_ensure (PPV_TYPE_PERCENT_CELL);
}

static void
ppv_top_view_init (PpvTopView *self)
{
  GtkSorter *view_sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->sum_items = g_hash_table_new (NULL, NULL);

  set_column_sorter (self->flat_column, compare_flat);
  set_column_sorter (self->flat_percent_column, compare_flat);
  set_column_sorter (self->cum_column, compare_cum);
  set_column_sorter (self->cum_percent_column, compare_cum);
  set_column_sorter (self->name_column, compare_name);

  mark_largest_first_headers (self);

  view_sorter = gtk_column_view_get_sorter (self->column_view);
  self->sort_model = gtk_sort_list_model_new (NULL, g_object_ref (view_sorter));
  g_signal_connect_object (view_sorter, "changed",
                           G_CALLBACK (on_sorter_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_model, "items-changed",
                           G_CALLBACK (on_sorted_items_changed), self, G_CONNECT_SWAPPED);

  self->search_filter = gtk_custom_filter_new (search_filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sort_model)), NULL);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selected_changed), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->column_view, "activate",
                           G_CALLBACK (on_activate), self, G_CONNECT_SWAPPED);

  _ppv_top_view_init_cells (self);

  self->menu = GTK_POPOVER_MENU (gtk_popover_menu_new_from_model (NULL));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->menu), GTK_POS_BOTTOM);
  gtk_widget_set_halign (GTK_WIDGET (self->menu), GTK_ALIGN_START);
  gtk_widget_set_parent (GTK_WIDGET (self->menu), GTK_WIDGET (self));

  _ppv_report_job_init (&self->job);
}

GtkWidget *
ppv_top_view_new (void)
{
  return g_object_new (PPV_TYPE_TOP_VIEW, NULL);
}
