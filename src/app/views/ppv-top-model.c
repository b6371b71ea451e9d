/* ppv-top-model.c — the rows of a text report as a GListModel.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-top-model.h"

#include <stdlib.h>
#include <string.h>

struct _PpvTopModel
{
  GObject     parent_instance;

  PpvReport  *report;
  GPtrArray  *rows;          /* PpvTopRow, in report order */
  GHashTable *by_name;       /* plain name -> position + 1; built on demand */
  gint64     *flat_sums;
};

static GType
ppv_top_model_get_item_type (GListModel *model)
{
  return PPV_TYPE_TOP_ROW;
}

static guint
ppv_top_model_get_n_items (GListModel *model)
{
  return PPV_TOP_MODEL (model)->rows->len;
}

static gpointer
ppv_top_model_get_item (GListModel *model,
                        guint       position)
{
  PpvTopModel *self = PPV_TOP_MODEL (model);

  if (position >= self->rows->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->rows, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ppv_top_model_get_item_type;
  iface->get_n_items = ppv_top_model_get_n_items;
  iface->get_item = ppv_top_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PpvTopModel, ppv_top_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
ppv_top_model_finalize (GObject *object)
{
  PpvTopModel *self = PPV_TOP_MODEL (object);

  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_pointer (&self->flat_sums, g_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->report, ppv_report_unref);

  G_OBJECT_CLASS (ppv_top_model_parent_class)->finalize (object);
}

static void
ppv_top_model_class_init (PpvTopModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ppv_top_model_finalize;
}

static void
ppv_top_model_init (PpvTopModel *self)
{
}

static int
compare_rows_by_name (gconstpointer a,
                      gconstpointer b)
{
  PpvTopRow *ra = *(PpvTopRow * const *) a;
  PpvTopRow *rb = *(PpvTopRow * const *) b;
  int r = strcmp (ppv_top_row_get_name (ra), ppv_top_row_get_name (rb));

  if (r != 0)
    return r;
  return ppv_top_row_get_index (ra) < ppv_top_row_get_index (rb) ? -1 : 1;
}

/* Sorting by name compares ranks, not strings: 200k names sharing long
 * package prefixes take half a second of strcmp on the main thread, here
 * they cost the worker that time once. */
static void
assign_name_ranks (GPtrArray *rows)
{
  g_autofree PpvTopRow **sorted = g_memdup2 (rows->pdata, sizeof (gpointer) * rows->len);
  guint rank = 0;

  qsort (sorted, rows->len, sizeof (gpointer), compare_rows_by_name);
  for (guint i = 0; i < rows->len; i++)
    {
      if (i > 0 && strcmp (ppv_top_row_get_name (sorted[i - 1]), ppv_top_row_get_name (sorted[i])) != 0)
        rank++;
      ppv_top_row_set_name_rank (sorted[i], rank);
    }
}

PpvTopModel *
ppv_top_model_new (PpvReport    *report,
                   GCancellable *cancellable,
                   GError      **error)
{
  g_autoptr(PpvTopModel) self = NULL;
  guint n;

  g_return_val_if_fail (report != NULL, NULL);

  n = ppv_report_get_n_rows (report);
  self = g_object_new (PPV_TYPE_TOP_MODEL, NULL);
  self->report = ppv_report_ref (report);
  self->rows = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      if ((i & 0xfff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      g_ptr_array_add (self->rows, ppv_top_row_new (report, i));
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  assign_name_ranks (self->rows);

  self->flat_sums = g_new (gint64, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    self->flat_sums[i] = (i > 0 ? self->flat_sums[i - 1] : 0) + ppv_report_get_row (report, i)->flat;

  return g_steal_pointer (&self);
}

const gint64 *
ppv_top_model_get_flat_sums (PpvTopModel *self)
{
  g_return_val_if_fail (PPV_IS_TOP_MODEL (self), NULL);
  return self->flat_sums;
}

PpvReport *
ppv_top_model_get_report (PpvTopModel *self)
{
  g_return_val_if_fail (PPV_IS_TOP_MODEL (self), NULL);
  return self->report;
}

int
ppv_top_model_find (PpvTopModel *self,
                    const char  *plain_name)
{
  gpointer value;

  g_return_val_if_fail (PPV_IS_TOP_MODEL (self), -1);

  if (plain_name == NULL)
    return -1;

  if (self->by_name == NULL)
    {
      self->by_name = g_hash_table_new (g_str_hash, g_str_equal);
      /* Backwards, so the first of equal names wins. */
      for (guint i = self->rows->len; i > 0; i--)
        g_hash_table_insert (self->by_name,
                             (gpointer) ppv_top_row_get_plain_name (g_ptr_array_index (self->rows, i - 1)),
                             GUINT_TO_POINTER (i));
    }

  value = g_hash_table_lookup (self->by_name, plain_name);
  return value != NULL ? (int) GPOINTER_TO_UINT (value) - 1 : -1;
}
