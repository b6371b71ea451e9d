/* ppv-goroutine-row.c — one row of the Goroutines view: a group of
 * goroutines, or one frame of a group's stack.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-goroutine-row.h"

struct _PpvGoroutineRow
{
  GObject                  parent_instance;

  PpvGoroutineGroups      *groups;
  const PpvGoroutineGroup *group;   /* borrowed from groups */
  guint32                  frame;   /* PPV_NONE for a group row */
};

G_DEFINE_FINAL_TYPE (PpvGoroutineRow, ppv_goroutine_row, G_TYPE_OBJECT)

static void
ppv_goroutine_row_finalize (GObject *object)
{
  PpvGoroutineRow *self = PPV_GOROUTINE_ROW (object);

  g_clear_pointer (&self->groups, ppv_goroutine_groups_unref);

  G_OBJECT_CLASS (ppv_goroutine_row_parent_class)->finalize (object);
}

static void
ppv_goroutine_row_class_init (PpvGoroutineRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ppv_goroutine_row_finalize;
}

static void
ppv_goroutine_row_init (PpvGoroutineRow *self)
{
  self->frame = PPV_NONE;
}

static PpvGoroutineRow *
row_new (PpvGoroutineGroups      *groups,
         const PpvGoroutineGroup *group,
         guint32                  frame)
{
  PpvGoroutineRow *self = g_object_new (PPV_TYPE_GOROUTINE_ROW, NULL);

  self->groups = ppv_goroutine_groups_ref (groups);
  self->group = group;
  self->frame = frame;
  return self;
}

/* Rows are few (what is expanded), so a plain store is enough. */
static GListModel *
store_new (PpvGoroutineGroups      *groups,
           const PpvGoroutineGroup *parent)
{
  GListStore *store = g_list_store_new (PPV_TYPE_GOROUTINE_ROW);
  guint32 n = parent == NULL ? ppv_goroutine_groups_get_n_groups (groups)
              : parent->n_children > 0 ? parent->n_children : parent->n_frames;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_full (n, g_object_unref);

  for (guint32 i = 0; i < n; i++)
    {
      if (parent == NULL)
        g_ptr_array_add (rows, row_new (groups, ppv_goroutine_groups_get_group (groups, i), PPV_NONE));
      else if (parent->n_children > 0)
        g_ptr_array_add (rows, row_new (groups, ppv_goroutine_groups_get_child (groups, parent, i), PPV_NONE));
      else
        g_ptr_array_add (rows, row_new (groups, parent, i));
    }
  g_list_store_splice (store, 0, 0, rows->pdata, rows->len);
  return G_LIST_MODEL (store);
}

GListModel *
ppv_goroutine_rows_new (PpvGoroutineGroups *groups)
{
  g_return_val_if_fail (groups != NULL, NULL);
  return store_new (groups, NULL);
}

GListModel *
ppv_goroutine_row_create_children (gpointer item,
                                   gpointer user_data)
{
  PpvGoroutineRow *self = PPV_GOROUTINE_ROW (item);

  if (self->frame != PPV_NONE || (self->group->n_children == 0 && self->group->n_frames == 0))
    return NULL;
  return store_new (self->groups, self->group);
}

PpvGoroutineGroups *
ppv_goroutine_row_get_groups (PpvGoroutineRow *self)
{
  g_return_val_if_fail (PPV_IS_GOROUTINE_ROW (self), NULL);
  return self->groups;
}

const PpvGoroutineGroup *
ppv_goroutine_row_get_group (PpvGoroutineRow *self)
{
  g_return_val_if_fail (PPV_IS_GOROUTINE_ROW (self), NULL);
  return self->group;
}

const PpvGoroutineFrame *
ppv_goroutine_row_get_frame (PpvGoroutineRow *self)
{
  g_return_val_if_fail (PPV_IS_GOROUTINE_ROW (self), NULL);
  if (self->frame == PPV_NONE)
    return NULL;
  return ppv_goroutine_groups_get_frame (self->groups, self->group, self->frame);
}

const char *
ppv_goroutine_row_get_function (PpvGoroutineRow *self)
{
  const PpvGoroutineFrame *frame;

  g_return_val_if_fail (PPV_IS_GOROUTINE_ROW (self), NULL);
  frame = ppv_goroutine_row_get_frame (self);
  if (frame != NULL)
    return frame->function;
  if (self->group->n_frames > 0 && self->group->title[0] != '\0')
    return self->group->title;
  return NULL;
}
