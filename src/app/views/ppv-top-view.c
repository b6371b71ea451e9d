/* ppv-top-view.c — the top table: pprof's `top` as a sortable, searchable
 * GtkColumnView over every row of a text report.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <string.h>

#include "ppv-percent-cell.h"
#include "ppv-top-view-private.h"
#include "ppv-top-sides.h"
#include "ppv-views.h"


enum {
  REPORT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PpvTopView, ppv_top_view, PPV_TYPE_REPORT_PANE)

static gboolean  select_quietly    (PpvTopView *self,
                                    const char *plain_name,
                                    guint      *position);

/* --- Sorting -------------------------------------------------------------
 *
 * The column view's sorter only decides which order the list uses; the
 * orders themselves come from PpvTopModel.  Numbers sort largest first on
 * the first click: that is what a profile reader looks for.
 */

static void
scroll_to (PpvTopView *self,
           guint       position)
{
  GtkWidget *list_view = _ppv_top_view_find_list_view (self);

  /* GTK 4.8 has no gtk_column_view_scroll_to(): use the list's action. */
  if (list_view != NULL && position < g_list_model_get_n_items (G_LIST_MODEL (self->list)))
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
}

#define DEFINE_PROBE(func, order)                                   \
  static int                                                        \
  func (gconstpointer a,                                            \
        gconstpointer b,                                            \
        gpointer      user_data)                                    \
  {                                                                 \
    PPV_TOP_VIEW (user_data)->probed = order;                       \
    return -1;                                                      \
  }

DEFINE_PROBE (probe_flat, PPV_TOP_ORDER_FLAT)
DEFINE_PROBE (probe_cum, PPV_TOP_ORDER_CUM)
DEFINE_PROBE (probe_name, PPV_TOP_ORDER_NAME)

static void
set_column_sorter (PpvTopView          *self,
                   GtkColumnViewColumn *column,
                   GCompareDataFunc     probe)
{
  g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (probe, self, NULL);

  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
}

/* Each column's sorter says "less" and notes its order; the view's sorter
 * asks only the primary column (the probes never tie) and turns the
 * answer round when that column sorts descending. */
static PpvTopOrder
current_order (PpvTopView *self,
               gboolean   *reversed)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  GtkOrdering ordering;

  *reversed = FALSE;
  if (sorter == NULL || gtk_sorter_get_order (sorter) == GTK_SORTER_ORDER_NONE)
    return PPV_TOP_ORDER_REPORT;

  self->probed = PPV_TOP_ORDER_REPORT;
  ordering = gtk_sorter_compare (sorter, self->probe_a, self->probe_b);
  *reversed = self->probed != PPV_TOP_ORDER_REPORT && ordering == GTK_ORDERING_LARGER;
  return self->probed;
}

static void
on_sorter_changed (PpvTopView      *self,
                   GtkSorterChange  change,
                   GtkSorter       *sorter)
{
  g_autofree char *selected = NULL;
  PpvTopOrder order;
  gboolean reversed;

  if (self->list == NULL)
    return;

  selected = _ppv_top_view_dup_selected_name (self);
  order = current_order (self, &reversed);
  self->selecting = TRUE;
  ppv_top_list_set_order (self->list, order, reversed);
  self->selecting = FALSE;

  /* The selection stays on its row; the largest values are now at the
   * top: show them. */
  select_quietly (self, selected, NULL);
  scroll_to (self, 0);
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

gint64
ppv_top_view_get_row_sum (PpvTopView *self,
                          PpvTopRow  *row)
{
  g_return_val_if_fail (PPV_IS_TOP_VIEW (self), 0);
  g_return_val_if_fail (PPV_IS_TOP_ROW (row), 0);

  if (ppv_top_row_get_model (row) != ppv_top_list_get_model (self->list))
    return 0;
  return ppv_top_list_get_sum (self->list, ppv_top_row_get_index (row));
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
    ppv_report_pane_emit_selected (PPV_REPORT_PANE (self), ppv_top_row_get_plain_name (row));
}

static void
on_activate (PpvTopView    *self,
             guint          position,
             GtkColumnView *column_view)
{
  g_autoptr(PpvTopRow) row = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (row != NULL)
    ppv_report_pane_emit_activated (PPV_REPORT_PANE (self), ppv_top_row_get_plain_name (row));
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

/* The position of the shown row named @plain_name, or -1. */
static int
find_position (PpvTopView *self,
               const char *plain_name)
{
  PpvTopModel *model = ppv_top_list_get_model (self->list);
  int index;

  if (model == NULL || plain_name == NULL)
    return -1;
  index = ppv_top_model_find (model, plain_name);
  return index < 0 ? -1 : ppv_top_list_find_index (self->list, (guint) index);
}

/* Selects the row named @plain_name without emitting ::selected;
 * FALSE (and no selection) when it is not shown. */
static gboolean
select_quietly (PpvTopView *self,
                const char *plain_name,
                guint      *position)
{
  int found = find_position (self, plain_name);

  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection,
                                     found < 0 ? GTK_INVALID_LIST_POSITION : (guint) found);
  self->selecting = FALSE;
  if (found >= 0 && position != NULL)
    *position = (guint) found;
  return found >= 0;
}

char *
_ppv_top_view_dup_selected_name (PpvTopView *self)
{
  PpvTopRow *row = ppv_top_view_get_selected (self);

  return row != NULL ? g_strdup (ppv_top_row_get_plain_name (row)) : NULL;
}

/* Selects and reveals the row named @plain_name without emitting
 * ::selected; FALSE if it is not shown. */
static gboolean
ppv_top_view_select_name (PpvReportPane *pane,
                          const char    *plain_name)
{
  PpvTopView *self = PPV_TOP_VIEW (pane);
  guint position = 0;

  if (find_position (self, plain_name) < 0)
    return FALSE;
  select_quietly (self, plain_name, &position);
  scroll_to (self, position);
  return TRUE;
}

/* After the rows changed under it, the selection follows its name; the
 * view shows it, or the top. */
void
_ppv_top_view_restore_selection (PpvTopView *self,
                                 const char *plain_name)
{
  guint position = 0;

  select_quietly (self, plain_name, &position);
  scroll_to (self, position);
}

/* --- Models -------------------------------------------------------------- */

GListModel *
ppv_top_view_get_shown_model (PpvTopView *self)
{
  g_return_val_if_fail (PPV_IS_TOP_VIEW (self), NULL);
  return G_LIST_MODEL (self->list);
}

PpvTopModel *
ppv_top_view_get_model (PpvTopView *self)
{
  g_return_val_if_fail (PPV_IS_TOP_VIEW (self), NULL);
  return ppv_top_list_get_model (self->list);
}

PpvReport *
ppv_top_view_get_report (PpvTopView *self)
{
  PpvTopModel *model;

  g_return_val_if_fail (PPV_IS_TOP_VIEW (self), NULL);
  model = ppv_top_list_get_model (self->list);
  return model != NULL ? ppv_top_model_get_report (model) : NULL;
}

gboolean
ppv_top_view_get_loading (PpvTopView *self)
{
  g_return_val_if_fail (PPV_IS_TOP_VIEW (self), FALSE);
  return ppv_report_pane_get_loading (PPV_REPORT_PANE (self));
}

/* --- Column widths ------------------------------------------------------ */

#define VALUE_COLUMN_WIDTH   110   /* the .ui's, enough for "1024.09kB" */
#define VALUE_CELL_PADDING    24

/* The widest of the printed values of one column: the extremes. */
static int
measure_values (PpvTopView  *self,
                PpvTopModel *model,
                gint64       largest,
                gint64       smallest)
{
  g_autofree char *a = ppv_top_model_format_value (model, largest);
  g_autofree char *b = ppv_top_model_format_value (model, smallest);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->column_view), a);
  int wa, wb;

  pango_layout_get_pixel_size (layout, &wa, NULL);
  pango_layout_set_text (layout, b, -1);
  pango_layout_get_pixel_size (layout, &wb, NULL);
  return MAX (wa, wb);
}

/* Big profiles print values like "288313080.94kB" (pprof's unit choice):
 * the flat and cum columns grow to show them whole, never shrink below
 * the .ui's width. */
static void
fit_value_columns (PpvTopView  *self,
                   PpvTopModel *model)
{
  gint64 flat_max = 0, flat_min = 0, cum_max = 0, cum_min = 0;
  guint n;

  if (model == NULL)
    return;

  n = ppv_top_model_get_n_rows (model);
  for (guint i = 0; i < n; i++)
    {
      const PpvReportRow *row = ppv_top_model_get_row (model, i);

      flat_max = MAX (flat_max, row->flat);
      flat_min = MIN (flat_min, row->flat);
      cum_max = MAX (cum_max, row->cum);
      cum_min = MIN (cum_min, row->cum);
    }

  gtk_column_view_column_set_fixed_width (self->flat_column,
    MAX (VALUE_COLUMN_WIDTH, measure_values (self, model, flat_max, flat_min) + VALUE_CELL_PADDING));
  gtk_column_view_column_set_fixed_width (self->cum_column,
    MAX (VALUE_COLUMN_WIDTH, measure_values (self, model, cum_max, cum_min) + VALUE_CELL_PADDING));
}

/* --- A comparison's sides ------------------------------------------------ */

static void
on_sides_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PpvTopView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ppv_top_sides_compute_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("comparison sides: %s", error->message);
      return;
    }
  if (PPV_TOP_MODEL (object) == ppv_top_list_get_model (self->list))
    _ppv_top_view_refresh_cells (self);
}

/* The shown model's Base and New values, once the table is shown. */
static void
start_sides (PpvTopView *self)
{
  PpvTopModel *model = ppv_top_list_get_model (self->list);
  gint64 base, after;

  g_cancellable_cancel (self->sides_cancellable);
  g_clear_object (&self->sides_cancellable);
  if (model == NULL || self->sides_before == NULL || ppv_top_model_get_n_rows (model) == 0 ||
      ppv_top_model_get_sides (model, 0, &base, &after))
    return;
  self->sides_cancellable = g_cancellable_new ();
  ppv_top_sides_compute_async (model, self->sides_before, self->sides_after,
                               self->sides_cancellable, on_sides_done, g_object_ref (self));
}

/* GTK 4.8 keeps a hidden column's room in every row, which squeezes the
 * name: the Base/New columns are taken out of the view, not hidden. */
static void
show_side_columns (PpvTopView *self,
                   gboolean    shown)
{
  gboolean in_view = gtk_column_view_column_get_column_view (self->base_column) != NULL;

  if (shown == in_view)
    return;
  if (shown)
    {
      gtk_column_view_insert_column (self->column_view, 0, self->base_column);
      gtk_column_view_insert_column (self->column_view, 1, self->new_column);
    }
  else
    {
      gtk_column_view_remove_column (self->column_view, self->base_column);
      gtk_column_view_remove_column (self->column_view, self->new_column);
    }
}

void
ppv_top_view_set_comparison (PpvTopView *self,
                             PpvProfile *before,
                             PpvProfile *after)
{
  g_return_if_fail (PPV_IS_TOP_VIEW (self));
  g_return_if_fail ((before == NULL) == (after == NULL));

  if (before == self->sides_before && after == self->sides_after)
    return;
  g_clear_pointer (&self->sides_before, ppv_profile_unref);
  g_clear_pointer (&self->sides_after, ppv_profile_unref);
  if (before != NULL)
    {
      self->sides_before = ppv_profile_ref (before);
      self->sides_after = ppv_profile_ref (after);
    }
  show_side_columns (self, before != NULL);
  start_sides (self);
}

/* @matches: computed for the current needle, or NULL to compute them. */
static void
install_model (PpvTopView  *self,
               PpvTopModel *model,
               guint8      *matches)
{
  PpvTopModel *old = ppv_top_list_get_model (self->list);
  const char *current = ppv_report_pane_get_selected_name (PPV_REPORT_PANE (self));
  g_autofree char *selected = NULL;

  if (model == old)
    {
      g_free (matches);
      return;
    }

  /* The current function, or the row the table alone selected. */
  selected = current != NULL ? g_strdup (current) : _ppv_top_view_dup_selected_name (self);

  /* The pane's old result keeps the old model; a worker frees it. */
  fit_value_columns (self, model);
  self->selecting = TRUE;
  ppv_top_list_set_model (self->list, model, matches);
  self->selecting = FALSE;
  start_sides (self);

  if (model != NULL && self->needle != NULL && matches == NULL)
    _ppv_top_view_apply_search (self);
  else
    _ppv_top_view_restore_selection (self, selected);

  g_signal_emit (self, signals[REPORT_CHANGED], 0);
}

void
ppv_top_view_set_model (PpvTopView  *self,
                        PpvTopModel *model)
{
  g_return_if_fail (PPV_IS_TOP_VIEW (self));
  g_return_if_fail (model == NULL || PPV_IS_TOP_MODEL (model));

  install_model (self, model, NULL);
}

/* --- Rebuilding ---------------------------------------------------------- */

/* What the worker needs besides the report inputs: the table's current
 * order and search, so the new rows arrive ready to show. */
typedef struct
{
  PpvTopOrder order;
  char       *needle;
} BuildRequest;

typedef struct
{
  PpvTopModel *model;
  guint8      *matches;
  char        *needle;
} BuildResult;

static void
build_request_free (BuildRequest *request)
{
  g_free (request->needle);
  g_free (request);
}

static void
build_result_free (BuildResult *result)
{
  g_clear_object (&result->model);
  g_free (result->matches);
  g_free (result->needle);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BuildResult, build_result_free)

static gpointer
ppv_top_view_build (PpvReportInputs  *inputs,
                    GCancellable     *cancellable,
                    GError          **error)
{
  BuildRequest *request = inputs->view_data;
  g_autoptr(PpvReport) report = NULL;
  g_autoptr(BuildResult) result = g_new0 (BuildResult, 1);

  report = ppv_report_new (inputs->profile, &inputs->options, PPV_REPORT_KIND_TEXT,
                           cancellable, error);
  if (report != NULL)
    result->model = ppv_top_model_new (report, request->order, cancellable, error);
  if (result->model == NULL)
    return NULL;

  if (request->needle != NULL)
    {
      result->matches = ppv_top_model_match (result->model, request->needle, cancellable);
      result->needle = g_strdup (request->needle);
    }
  return g_steal_pointer (&result);
}

static void
ppv_top_view_apply (PpvReportPane *pane,
                    gpointer       result)
{
  PpvTopView *self = PPV_TOP_VIEW (pane);
  BuildResult *built = result;

  if (built == NULL)
    {
      install_model (self, NULL, NULL);
      return;
    }

  /* The order may have changed meanwhile: the list computes it then. The
   * search too: matches for another needle are dropped. */
  if (g_strcmp0 (built->needle, self->needle) != 0)
    g_clear_pointer (&built->matches, g_free);
  install_model (self, built->model, g_steal_pointer (&built->matches));
}

static gpointer
ppv_top_view_prepare (PpvReportPane *pane)
{
  PpvTopView *self = PPV_TOP_VIEW (pane);
  BuildRequest *request = g_new0 (BuildRequest, 1);
  gboolean reversed;

  request->order = ppv_top_list_get_order (self->list, &reversed);
  request->needle = g_strdup (self->needle);
  return request;
}

/* The table lists every row: pprof's --nodefraction=0.  Its rows are
 * --top's rows followed by the ones --top drops as too small. */
static void
ppv_top_view_adjust_options (PpvReportPane    *pane,
                             PpvReportOptions *options)
{
  options->nodefraction = 0;
}

static PpvReport *
ppv_top_view_pane_get_report (PpvReportPane *pane)
{
  return ppv_top_view_get_report (PPV_TOP_VIEW (pane));
}

void
ppv_top_view_set_options (PpvTopView             *self,
                          PpvProfile             *profile,
                          const PpvReportOptions *options)
{
  g_return_if_fail (PPV_IS_TOP_VIEW (self));
  g_return_if_fail (options != NULL);

  ppv_report_pane_set_options (PPV_REPORT_PANE (self), profile, options);
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

  g_cancellable_cancel (self->search_cancellable);
  g_cancellable_cancel (self->sides_cancellable);

  /* Dropping the columns changes the sorter: do not sort a dead view. */
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);

  if (self->menu != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->menu));
      self->menu = NULL;
    }

  /* The references taken in init, whether or not the view shows them. */
  if (self->base_column != NULL)
    {
      g_object_unref (self->base_column);
      g_object_unref (self->new_column);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), PPV_TYPE_TOP_VIEW);

  G_OBJECT_CLASS (ppv_top_view_parent_class)->dispose (object);
}

static void
ppv_top_view_finalize (GObject *object)
{
  PpvTopView *self = PPV_TOP_VIEW (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->sides_cancellable);
  g_clear_pointer (&self->sides_before, ppv_profile_unref);
  g_clear_pointer (&self->sides_after, ppv_profile_unref);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);
  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_free (self->needle);

  G_OBJECT_CLASS (ppv_top_view_parent_class)->finalize (object);
}

static void
ppv_top_view_class_init (PpvTopViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PpvReportPaneClass *pane_class = PPV_REPORT_PANE_CLASS (klass);

  ppv_views_ensure_resources ();

  object_class->dispose = ppv_top_view_dispose;
  object_class->finalize = ppv_top_view_finalize;

  pane_class->page_name = "top";
  pane_class->page_title = N_("Top");
  pane_class->icon_name = "view-list-symbolic";
  pane_class->result_free = (GDestroyNotify) build_result_free;
  pane_class->view_data_free = (GDestroyNotify) build_request_free;
  pane_class->adjust_options = ppv_top_view_adjust_options;
  pane_class->prepare = ppv_top_view_prepare;
  pane_class->build = ppv_top_view_build;
  pane_class->apply = ppv_top_view_apply;
  pane_class->get_report = ppv_top_view_pane_get_report;
  pane_class->select_name = ppv_top_view_select_name;
  pane_class->set_search = _ppv_top_view_set_search;

  widget_class->measure = ppv_top_view_measure;
  widget_class->size_allocate = ppv_top_view_size_allocate;
  widget_class->grab_focus = ppv_top_view_grab_focus;

  /* New rows are shown. */
  signals[REPORT_CHANGED] =
    g_signal_new ("report-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pprofviewer/PprofViewer/views/ppv-top-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PpvTopView, scroller);
  gtk_widget_class_bind_template_child (widget_class, PpvTopView, column_view);
  gtk_widget_class_bind_template_child (widget_class, PpvTopView, flat_column);
  gtk_widget_class_bind_template_child (widget_class, PpvTopView, flat_percent_column);
  gtk_widget_class_bind_template_child (widget_class, PpvTopView, sum_percent_column);
  gtk_widget_class_bind_template_child (widget_class, PpvTopView, cum_column);
  gtk_widget_class_bind_template_child (widget_class, PpvTopView, cum_percent_column);
  gtk_widget_class_bind_template_child (widget_class, PpvTopView, name_column);
  gtk_widget_class_bind_template_child (widget_class, PpvTopView, base_column);
  gtk_widget_class_bind_template_child (widget_class, PpvTopView, new_column);
  _ppv_top_view_class_init_cells (widget_class);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "ppvtopview");

  g_type_ensure (PPV_TYPE_PERCENT_CELL);
}

static void
ppv_top_view_init (PpvTopView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bound = g_hash_table_new (NULL, NULL);
  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);

  set_column_sorter (self, self->flat_column, probe_flat);
  set_column_sorter (self, self->flat_percent_column, probe_flat);
  set_column_sorter (self, self->cum_column, probe_cum);
  set_column_sorter (self, self->cum_percent_column, probe_cum);
  set_column_sorter (self, self->name_column, probe_name);

  mark_largest_first_headers (self);

  /* Shown only while comparing (see show_side_columns()). */
  g_object_ref (self->base_column);
  g_object_ref (self->new_column);
  gtk_column_view_remove_column (self->column_view, self->base_column);
  gtk_column_view_remove_column (self->column_view, self->new_column);

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed), self, G_CONNECT_SWAPPED);

  self->list = ppv_top_list_new ();
  g_signal_connect_object (self->list, "rows-changed",
                           G_CALLBACK (_ppv_top_view_refresh_cells), self, G_CONNECT_SWAPPED);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
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

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Top"),
                                  -1);
}

GtkWidget *
ppv_top_view_new (void)
{
  return g_object_new (PPV_TYPE_TOP_VIEW, NULL);
}
