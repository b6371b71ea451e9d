/* ppv-growth-table.c — a watch's functions ranked by growth between markers A and B.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-application.h"
#include "ppv-growth-table.h"
#include "ppv-sparkline.h"

struct _PpvGrowthTable
{
  GtkWidget           parent_instance;

  GtkColumnView      *column_view;
  GtkSingleSelection *selection;
  GtkSortListModel   *sort_model;
  GListStore         *store;
  GtkColumnViewColumn *delta_column;

  gboolean            replacing;   /* the rows change, not the user's choice */
};

G_DEFINE_FINAL_TYPE (PpvGrowthTable, ppv_growth_table, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
  guint n;

  g_return_if_fail (PPV_IS_GROWTH_TABLE (self));
  g_return_if_fail (rows != NULL);

  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected != NULL)
    selected_name = g_strdup (ppv_growth_row_get_name (selected));

  self->replacing = TRUE;
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       rows->pdata, rows->len);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  for (guint i = 0; selected_name != NULL && i < n; i++)
    {
      g_autoptr(PpvGrowthRow) row = g_list_model_get_item (G_LIST_MODEL (self->sort_model), i);

      if (g_str_equal (ppv_growth_row_get_name (row), selected_name))
        {
          gtk_single_selection_set_selected (self->selection, i);
          break;
        }
    }
  self->replacing = FALSE;
  /* The selected function's new row carries its new values. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

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
  gtk_widget_dispose_template (GTK_WIDGET (object), PPV_TYPE_GROWTH_TABLE);

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

  g_type_ensure (PPV_TYPE_GROWTH_ROW);
  g_type_ensure (PPV_TYPE_SPARKLINE);

  ppv_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pprofviewer/PprofViewer/ppv-growth-table.ui");
  gtk_widget_class_bind_template_child (widget_class, PpvGrowthTable, column_view);
  gtk_widget_class_bind_template_child (widget_class, PpvGrowthTable, selection);
  gtk_widget_class_bind_template_child (widget_class, PpvGrowthTable, sort_model);
  gtk_widget_class_bind_template_child (widget_class, PpvGrowthTable, store);
  gtk_widget_class_bind_template_child (widget_class, PpvGrowthTable, delta_column);
  gtk_widget_class_bind_template_callback (widget_class, selected_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ppv_growth_table_init (PpvGrowthTable *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_sort_list_model_set_sorter (self->sort_model, gtk_column_view_get_sorter (self->column_view));
  /* The largest growth first. */
  gtk_column_view_sort_by_column (self->column_view, self->delta_column, GTK_SORT_DESCENDING);
}

GtkWidget *
ppv_growth_table_new (void)
{
  return g_object_new (PPV_TYPE_GROWTH_TABLE, NULL);
}
