/* ppv-growth-table.c — a watch's functions ranked by growth between markers A and B.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-application.h"
#include "ppv-growth-table.h"
#include "ppv-sparkline.h"

/* A new snapshot brings a new ranking every interval.  Replacing
 * thousands of items costs GTK 4.8 ~300 ms (measured with 9k nodes), so
 * the items stand for positions: the store changes only at its tail, and
 * each position takes its new row's content, which rebinds only the rows
 * on screen (ppv_growth_row_swap()).  Orders are made by the owner, in a
 * worker; the column sorters only say which column and which way. */

struct _PpvGrowthTable
{
  GtkWidget            parent_instance;

  GtkColumnView       *column_view;
  GtkSingleSelection  *selection;
  GListStore          *store;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *a_column;
  GtkColumnViewColumn *b_column;
  GtkColumnViewColumn *delta_column;
  GtkColumnViewColumn *slope_column;
  GtkColumnViewColumn *grew_column;

  PpvGrowthSort        probed;       /* the column a probe sorter named */
  gboolean             replacing;    /* the rows change, not the user's choice */
};

G_DEFINE_FINAL_TYPE (PpvGrowthTable, ppv_growth_table, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

enum {
  SIGNAL_SORT_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

PpvGrowthRow *
ppv_growth_table_get_selected (PpvGrowthTable *self)
{
  g_return_val_if_fail (PPV_IS_GROWTH_TABLE (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
selected_cb (PpvGrowthTable *self)
{
  if (!self->replacing)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

void
ppv_growth_table_set_rows (PpvGrowthTable *self,
                           GPtrArray      *rows)
{
  PpvGrowthRow *selected;
  g_autofree char *selected_name = NULL;
  guint n_old, n_kept, position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (PPV_IS_GROWTH_TABLE (self));
  g_return_if_fail (rows != NULL);

  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected != NULL)
    selected_name = g_strdup (ppv_growth_row_get_name (selected));

  self->replacing = TRUE;
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  n_kept = MIN (n_old, rows->len);
  for (guint i = 0; i < n_kept; i++)
    {
      g_autoptr(PpvGrowthRow) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      ppv_growth_row_swap (item, rows->pdata[i]);
    }
  if (rows->len != n_old)
    g_list_store_splice (self->store, n_kept, n_old - n_kept, rows->pdata + n_kept, rows->len - n_kept);

  for (guint i = 0; selected_name != NULL && i < rows->len; i++)
    {
      g_autoptr(PpvGrowthRow) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (g_str_equal (ppv_growth_row_get_name (item), selected_name))
        {
          position = i;
          break;
        }
    }
  gtk_single_selection_set_selected (self->selection, position);
  self->replacing = FALSE;
  /* The selected function's row carries its new values. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/* --- Sorting ------------------------------------------------------------- */

#define DEFINE_PROBE(func, key)                                     \
  static int                                                        \
  func (gconstpointer a,                                            \
        gconstpointer b,                                            \
        gpointer      user_data)                                    \
  {                                                                 \
    PPV_GROWTH_TABLE (user_data)->probed = key;                     \
    return -1;                                                      \
  }

DEFINE_PROBE (probe_name, PPV_GROWTH_SORT_NAME)
DEFINE_PROBE (probe_a, PPV_GROWTH_SORT_A)
DEFINE_PROBE (probe_b, PPV_GROWTH_SORT_B)
DEFINE_PROBE (probe_delta, PPV_GROWTH_SORT_DELTA)
DEFINE_PROBE (probe_slope, PPV_GROWTH_SORT_SLOPE)
DEFINE_PROBE (probe_grew, PPV_GROWTH_SORT_GREW)

static void
set_probe (PpvGrowthTable      *self,
           GtkColumnViewColumn *column,
           GCompareDataFunc     probe)
{
  g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (probe, self, NULL);

  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
}

PpvGrowthSort
ppv_growth_table_get_sort (PpvGrowthTable *self,
                           gboolean       *descending)
{
  GtkSorter *sorter;
  g_autoptr(PpvGrowthRow) a = NULL;
  g_autoptr(PpvGrowthRow) b = NULL;
  GtkOrdering ordering;

  g_return_val_if_fail (PPV_IS_GROWTH_TABLE (self), PPV_GROWTH_SORT_RANK);

  *descending = FALSE;
  sorter = gtk_column_view_get_sorter (self->column_view);
  if (sorter == NULL || gtk_sorter_get_order (sorter) == GTK_SORTER_ORDER_NONE)
    return PPV_GROWTH_SORT_RANK;

  /* The column's probe says "less" and names itself; the view's sorter
   * turns the answer round when the column sorts descending. */
  a = ppv_growth_row_new ("a", NULL, 0, 0, 0, 0, 0, NULL, 0);
  b = ppv_growth_row_new ("b", NULL, 0, 0, 0, 0, 0, NULL, 0);
  self->probed = PPV_GROWTH_SORT_RANK;
  ordering = gtk_sorter_compare (sorter, a, b);
  *descending = ordering == GTK_ORDERING_LARGER;
  /* By growth, largest first, is the ranking's own order. */
  if (self->probed == PPV_GROWTH_SORT_DELTA && *descending)
    {
      *descending = FALSE;
      return PPV_GROWTH_SORT_RANK;
    }
  return self->probed;
}

static void
sorter_changed_cb (PpvGrowthTable *self)
{
  g_signal_emit (self, signals[SIGNAL_SORT_CHANGED], 0);
}

/* --- GObject ------------------------------------------------------------- */

static void
ppv_growth_table_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PpvGrowthTable *self = PPV_GROWTH_TABLE (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_object (value, ppv_growth_table_get_selected (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ppv_growth_table_dispose (GObject *object)
{
  PpvGrowthTable *self = PPV_GROWTH_TABLE (object);
  GtkWidget *child;

  /* Dropping the columns changes the sorter: nobody is listening now. */
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  gtk_widget_dispose_template (GTK_WIDGET (object), PPV_TYPE_GROWTH_TABLE);
  /* The template's unbound top box goes too (dispose_template only
   * unparents bound children). */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ppv_growth_table_parent_class)->dispose (object);
}

static void
ppv_growth_table_class_init (PpvGrowthTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ppv_growth_table_get_property;
  object_class->dispose = ppv_growth_table_dispose;

  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, PPV_TYPE_GROWTH_ROW,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_SORT_CHANGED] =
    g_signal_new ("sort-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (PPV_TYPE_GROWTH_ROW);
  g_type_ensure (PPV_TYPE_SPARKLINE);

  ppv_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pprofviewer/PprofViewer/ppv-growth-table.ui");
  gtk_widget_class_bind_template_child (widget_class, PpvGrowthTable, column_view);
  gtk_widget_class_bind_template_child (widget_class, PpvGrowthTable, selection);
  gtk_widget_class_bind_template_child (widget_class, PpvGrowthTable, store);
  gtk_widget_class_bind_template_child (widget_class, PpvGrowthTable, name_column);
  gtk_widget_class_bind_template_child (widget_class, PpvGrowthTable, a_column);
  gtk_widget_class_bind_template_child (widget_class, PpvGrowthTable, b_column);
  gtk_widget_class_bind_template_child (widget_class, PpvGrowthTable, delta_column);
  gtk_widget_class_bind_template_child (widget_class, PpvGrowthTable, slope_column);
  gtk_widget_class_bind_template_child (widget_class, PpvGrowthTable, grew_column);
  gtk_widget_class_bind_template_callback (widget_class, selected_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ppv_growth_table_init (PpvGrowthTable *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  set_probe (self, self->name_column, probe_name);
  set_probe (self, self->a_column, probe_a);
  set_probe (self, self->b_column, probe_b);
  set_probe (self, self->delta_column, probe_delta);
  set_probe (self, self->slope_column, probe_slope);
  set_probe (self, self->grew_column, probe_grew);
  /* The largest growth first: the ranking's own order. */
  gtk_column_view_sort_by_column (self->column_view, self->delta_column, GTK_SORT_DESCENDING);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
ppv_growth_table_new (void)
{
  return g_object_new (PPV_TYPE_GROWTH_TABLE, NULL);
}
