/* ppv-label-row.c — one row of the Labels pane.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ppv-label-row.h"

struct _PpvLabelRow
{
  GObject          parent_instance;
  PpvLabelRowInfo  info;
  GListModel      *children;
};

G_DEFINE_FINAL_TYPE (PpvLabelRow, ppv_label_row, G_TYPE_OBJECT)

static void
ppv_label_row_finalize (GObject *object)
{
  PpvLabelRow *self = PPV_LABEL_ROW (object);

  g_free (self->info.key);
  g_free (self->info.name);
  g_free (self->info.value);
  g_free (self->info.range);
  g_free (self->info.detail);
  g_free (self->info.total);
  g_free (self->info.share_text);
  g_clear_object (&self->children);

  G_OBJECT_CLASS (ppv_label_row_parent_class)->finalize (object);
}

static void
ppv_label_row_class_init (PpvLabelRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ppv_label_row_finalize;
}

static void
ppv_label_row_init (PpvLabelRow *self)
{
}

PpvLabelRow *
ppv_label_row_new (PpvLabelRowInfo *info,
                   GListModel      *children)
{
  PpvLabelRow *self;

  g_return_val_if_fail (info != NULL, NULL);

  self = g_object_new (PPV_TYPE_LABEL_ROW, NULL);
  self->info = *info;
  memset (info, 0, sizeof *info);
  self->children = children != NULL ? g_object_ref (children) : NULL;
  return self;
}

const PpvLabelRowInfo *
ppv_label_row_get_info (PpvLabelRow *self)
{
  g_return_val_if_fail (PPV_IS_LABEL_ROW (self), NULL);
  return &self->info;
}

GListModel *
ppv_label_row_get_children (PpvLabelRow *self)
{
  g_return_val_if_fail (PPV_IS_LABEL_ROW (self), NULL);
  return self->children;
}
