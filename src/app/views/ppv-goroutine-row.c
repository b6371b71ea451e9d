/* ppv-goroutine-row.c — one row of the Goroutines view: a group of
 * goroutines, or one frame of a group's stack.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-goroutine-row.h"
#include "ppv-refine.h"

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

/* --- The rows of one level --------------------------------------------- */

/* A level's rows, made when asked for (100k stacks must not be 100k
 * objects made on the main thread before one is shown) and kept, so a
 * position always gives the same row: GtkTreeListModel does not keep
 * them, and the list view goes by their identity. */
#define PPV_TYPE_GOROUTINE_ROWS (ppv_goroutine_rows_get_type ())
G_DECLARE_FINAL_TYPE (PpvGoroutineRows, ppv_goroutine_rows, PPV, GOROUTINE_ROWS, GObject)

struct _PpvGoroutineRows
{
  GObject                  parent_instance;

  PpvGoroutineGroups      *groups;
  const PpvGoroutineGroup *parent;   /* NULL: the top level */
  guint32                  n_items;
  PpvGoroutineRow        **made;     /* n_items, NULL until asked for */
};

static GType
ppv_goroutine_rows_get_item_type (GListModel *model)
{
  return PPV_TYPE_GOROUTINE_ROW;
}

static guint
ppv_goroutine_rows_get_n_items (GListModel *model)
{
  return PPV_GOROUTINE_ROWS (model)->n_items;
}

static gpointer
ppv_goroutine_rows_get_item (GListModel *model,
                             guint       position)
{
  PpvGoroutineRows *self = PPV_GOROUTINE_ROWS (model);

  if (position >= self->n_items)
    return NULL;
  if (self->made[position] == NULL)
    {
      if (self->parent == NULL)
        self->made[position] = row_new (self->groups, ppv_goroutine_groups_get_group (self->groups, position),
                                        PPV_NONE);
      else if (self->parent->n_children > 0)
        self->made[position] = row_new (self->groups,
                                        ppv_goroutine_groups_get_child (self->groups, self->parent, position),
                                        PPV_NONE);
      else
        self->made[position] = row_new (self->groups, self->parent, position);
    }
  return g_object_ref (self->made[position]);
}

static void
ppv_goroutine_rows_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ppv_goroutine_rows_get_item_type;
  iface->get_n_items = ppv_goroutine_rows_get_n_items;
  iface->get_item = ppv_goroutine_rows_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PpvGoroutineRows, ppv_goroutine_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, ppv_goroutine_rows_list_model_init))

static void
ppv_goroutine_rows_finalize (GObject *object)
{
  PpvGoroutineRows *self = PPV_GOROUTINE_ROWS (object);

  for (guint32 i = 0; i < self->n_items; i++)
    g_clear_object (&self->made[i]);
  g_free (self->made);
  g_clear_pointer (&self->groups, ppv_goroutine_groups_unref);

  G_OBJECT_CLASS (ppv_goroutine_rows_parent_class)->finalize (object);
}

static void
ppv_goroutine_rows_class_init (PpvGoroutineRowsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ppv_goroutine_rows_finalize;
}

static void
ppv_goroutine_rows_init (PpvGoroutineRows *self)
{
}

static GListModel *
rows_new (PpvGoroutineGroups      *groups,
          const PpvGoroutineGroup *parent)
{
  PpvGoroutineRows *self = g_object_new (PPV_TYPE_GOROUTINE_ROWS, NULL);

  self->groups = ppv_goroutine_groups_ref (groups);
  self->parent = parent;
  self->n_items = parent == NULL ? ppv_goroutine_groups_get_n_groups (groups)
                  : parent->n_children > 0 ? parent->n_children : parent->n_frames;
  self->made = g_new0 (PpvGoroutineRow *, self->n_items);
  return G_LIST_MODEL (self);
}

GListModel *
ppv_goroutine_rows_new (PpvGoroutineGroups *groups)
{
  g_return_val_if_fail (groups != NULL, NULL);
  return rows_new (groups, NULL);
}

GListModel *
ppv_goroutine_row_create_children (gpointer item,
                                   gpointer user_data)
{
  PpvGoroutineRow *self = PPV_GOROUTINE_ROW (item);

  if (self->frame != PPV_NONE || (self->group->n_children == 0 && self->group->n_frames == 0))
    return NULL;
  return rows_new (self->groups, self->group);
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

static gboolean
stack_matches (PpvGoroutineGroups      *groups,
               const PpvGoroutineGroup *group,
               const char              *needle)
{
  for (guint32 i = 0; i < group->n_frames; i++)
    if (ppv_name_matches (ppv_goroutine_groups_get_frame (groups, group, i)->function, needle))
      return TRUE;
  return FALSE;
}

gboolean
ppv_goroutine_row_matches (PpvGoroutineRow *self,
                           const char      *needle)
{
  const PpvGoroutineFrame *frame;

  g_return_val_if_fail (PPV_IS_GOROUTINE_ROW (self), FALSE);

  frame = ppv_goroutine_row_get_frame (self);
  if (frame != NULL)
    return ppv_name_matches (frame->function, needle);
  if (ppv_name_matches (self->group->title, needle) || stack_matches (self->groups, self->group, needle))
    return TRUE;
  for (guint32 i = 0; i < self->group->n_children; i++)
    if (stack_matches (self->groups, ppv_goroutine_groups_get_child (self->groups, self->group, i), needle))
      return TRUE;
  return FALSE;
}
