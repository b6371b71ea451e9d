/* ppv-top-row.c — one row of the top table: the item at a position of a
 * PpvTopList.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-top-row-private.h"

struct _PpvTopRow
{
  GObject     parent_instance;

  PpvTopList *list;       /* not owned: the list detaches its rows */
  guint       position;
};

G_DEFINE_FINAL_TYPE (PpvTopRow, ppv_top_row, G_TYPE_OBJECT)

static void
ppv_top_row_finalize (GObject *object)
{
  PpvTopRow *self = PPV_TOP_ROW (object);

  if (self->list != NULL)
    _ppv_top_list_forget_row (self->list, self);

  G_OBJECT_CLASS (ppv_top_row_parent_class)->finalize (object);
}

static void
ppv_top_row_class_init (PpvTopRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ppv_top_row_finalize;
}

static void
ppv_top_row_init (PpvTopRow *self)
{
}

PpvTopRow *
_ppv_top_row_new (PpvTopList *list,
                  guint       position)
{
  PpvTopRow *self = g_object_new (PPV_TYPE_TOP_ROW, NULL);

  self->list = list;
  self->position = position;
  return self;
}

void
_ppv_top_row_detach (PpvTopRow *self)
{
  self->list = NULL;
}

/* The model and index shown here, or FALSE when detached. */
static gboolean
resolve (PpvTopRow    *self,
         PpvTopModel **model,
         guint        *index)
{
  if (self->list == NULL)
    return FALSE;
  *model = ppv_top_list_get_model (self->list);
  return *model != NULL && ppv_top_list_get_index (self->list, self->position, index);
}

PpvTopModel *
ppv_top_row_get_model (PpvTopRow *self)
{
  PpvTopModel *model;
  guint index;

  g_return_val_if_fail (PPV_IS_TOP_ROW (self), NULL);
  return resolve (self, &model, &index) ? model : NULL;
}

PpvReport *
ppv_top_row_get_report (PpvTopRow *self)
{
  PpvTopModel *model = ppv_top_row_get_model (self);

  return model != NULL ? ppv_top_model_get_report (model) : NULL;
}

guint
ppv_top_row_get_position (PpvTopRow *self)
{
  g_return_val_if_fail (PPV_IS_TOP_ROW (self), 0);
  return self->position;
}

guint
ppv_top_row_get_index (PpvTopRow *self)
{
  PpvTopModel *model;
  guint index;

  g_return_val_if_fail (PPV_IS_TOP_ROW (self), 0);
  return resolve (self, &model, &index) ? index : 0;
}

static const PpvReportRow *
report_row (PpvTopRow *self)
{
  PpvTopModel *model;
  guint index;

  return resolve (self, &model, &index) ? ppv_top_model_get_row (model, index) : NULL;
}

gint64
ppv_top_row_get_flat (PpvTopRow *self)
{
  const PpvReportRow *row;

  g_return_val_if_fail (PPV_IS_TOP_ROW (self), 0);
  row = report_row (self);
  return row != NULL ? row->flat : 0;
}

gint64
ppv_top_row_get_cum (PpvTopRow *self)
{
  const PpvReportRow *row;

  g_return_val_if_fail (PPV_IS_TOP_ROW (self), 0);
  row = report_row (self);
  return row != NULL ? row->cum : 0;
}

const char *
ppv_top_row_get_name (PpvTopRow *self)
{
  PpvTopModel *model;
  guint index;

  g_return_val_if_fail (PPV_IS_TOP_ROW (self), NULL);
  return resolve (self, &model, &index) ? ppv_top_model_get_name (model, index) : "";
}

const char *
ppv_top_row_get_plain_name (PpvTopRow *self)
{
  const PpvReportRow *row;

  g_return_val_if_fail (PPV_IS_TOP_ROW (self), NULL);
  row = report_row (self);
  return row != NULL ? row->name : "";
}

gboolean
ppv_top_row_matches (PpvTopRow  *self,
                     const char *needle)
{
  PpvTopModel *model;
  guint index;

  g_return_val_if_fail (PPV_IS_TOP_ROW (self), FALSE);
  return resolve (self, &model, &index) && ppv_top_model_row_matches (model, index, needle);
}
