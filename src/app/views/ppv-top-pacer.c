/* ppv-top-pacer.c — the top table's rows as the column view sees them: a large change of their number spread over frames.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-top-pacer.h"

#include <stdlib.h>

#include "ppv-top-row-private.h"

/* Rows whose widgets may be made or destroyed in one frame: ~0.3 ms each
 * with their layout, so a frame stays well under 50 ms. */
#define PACE_STEP    32
/* GTK 4.8's list view keeps widgets for at most 200 rows (plus two above
 * and below each of its trackers). */
#define PACE_WINDOW  212

struct _PpvTopPacer
{
  GObject     parent_instance;

  PpvTopList *list;
  GtkWidget  *clock;      /* weak */
  guint       n_items;    /* the count reported */
  guint       grown;      /* rows added since the list last changed */
  guint       tick_id;
};

static GType
ppv_top_pacer_get_item_type (GListModel *model)
{
  return PPV_TYPE_TOP_ROW;
}

static guint
ppv_top_pacer_get_n_items (GListModel *model)
{
  return PPV_TOP_PACER (model)->n_items;
}

/* Past the list's end (while shrinking) the list's row for the position
 * shows nothing, and shows its row again if the list grows back. */
static gpointer
ppv_top_pacer_get_item (GListModel *model,
                        guint       position)
{
  PpvTopPacer *self = PPV_TOP_PACER (model);

  if (position >= self->n_items)
    return NULL;
  return _ppv_top_list_dup_row (self->list, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ppv_top_pacer_get_item_type;
  iface->get_n_items = ppv_top_pacer_get_n_items;
  iface->get_item = ppv_top_pacer_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PpvTopPacer, ppv_top_pacer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static int
compare_descending (gconstpointer a,
                    gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

/* Where to cut the count going down from @from to @to so that at most
 * PACE_STEP rows that have widgets (live rows) go. */
static guint
shrink_point (PpvTopPacer *self,
              guint        to,
              guint        from)
{
  guint n_live;
  g_autofree guint *live = _ppv_top_list_dup_live_positions (self->list, to, from, &n_live);

  if (n_live <= PACE_STEP)
    return to;
  qsort (live, n_live, sizeof (guint), compare_descending);
  return live[PACE_STEP - 1];
}

/* Whether rows added after @n_items could get widgets: only while the
 * rows with widgets reach the end. */
static gboolean
end_has_widgets (PpvTopPacer *self)
{
  guint n_live;
  g_autofree guint *live = NULL;

  if (self->n_items == 0)
    return TRUE;
  live = _ppv_top_list_dup_live_positions (self->list, self->n_items - 1, self->n_items, &n_live);
  return n_live > 0;
}

/* Whether frames come to pace by: the window is shown.  The table itself
 * may be hidden behind another page: GTK 4.8's list makes its rows'
 * widgets all the same, so a table hidden mid-way (the graph shown right
 * after the first frame) goes on in steps rather than making ~150 rows
 * in one frame (a 65 ms stall at open). */
static gboolean
is_paced (PpvTopPacer *self)
{
  GtkRoot *root;

  if (self->clock == NULL || !gtk_widget_get_realized (self->clock))
    return FALSE;
  root = gtk_widget_get_root (self->clock);
  return root != NULL && gtk_widget_get_mapped (GTK_WIDGET (root));
}

/* Moves the reported count one step towards the list's. */
static void
step (PpvTopPacer *self)
{
  guint target = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  guint old = self->n_items;
  guint next = target;
  gboolean paced = is_paced (self);

  if (target == old)
    return;

  if (paced && target > old)
    {
      if (target - old > PACE_STEP && self->grown < PACE_WINDOW && end_has_widgets (self))
        next = old + PACE_STEP;
      self->grown += next - old;
    }
  else if (paced)
    next = shrink_point (self, target, old);

  self->n_items = next;
  if (next > old)
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, next - old);
  else
    g_list_model_items_changed (G_LIST_MODEL (self), next, old - next, 0);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  PpvTopPacer *self = user_data;

  step (self);
  if (self->n_items != g_list_model_get_n_items (G_LIST_MODEL (self->list)))
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
on_list_items_changed (PpvTopPacer *self)
{
  self->grown = 0;
  /* A small change is done now, as if there were no pacer. */
  step (self);
  if (self->n_items != g_list_model_get_n_items (G_LIST_MODEL (self->list)) &&
      self->tick_id == 0 && self->clock != NULL)
    self->tick_id = gtk_widget_add_tick_callback (self->clock, tick_cb, g_object_ref (self),
                                                  g_object_unref);
}

gboolean
ppv_top_pacer_reveal (PpvTopPacer *self,
                      guint        position)
{
  guint old;

  g_return_val_if_fail (PPV_IS_TOP_PACER (self), FALSE);

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->list)))
    return FALSE;
  old = self->n_items;
  if (position < old)
    return TRUE;
  self->n_items = position + 1;
  g_list_model_items_changed (G_LIST_MODEL (self), old, 0, self->n_items - old);
  return TRUE;
}

static void
ppv_top_pacer_dispose (GObject *object)
{
  PpvTopPacer *self = PPV_TOP_PACER (object);

  if (self->tick_id != 0 && self->clock != NULL)
    gtk_widget_remove_tick_callback (self->clock, self->tick_id);
  self->tick_id = 0;
  if (self->clock != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->clock), (gpointer *) &self->clock);
  self->clock = NULL;
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (ppv_top_pacer_parent_class)->dispose (object);
}

static void
ppv_top_pacer_class_init (PpvTopPacerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ppv_top_pacer_dispose;
}

static void
ppv_top_pacer_init (PpvTopPacer *self)
{
}

PpvTopPacer *
ppv_top_pacer_new (PpvTopList *list,
                   GtkWidget  *clock)
{
  PpvTopPacer *self;

  g_return_val_if_fail (PPV_IS_TOP_LIST (list), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (clock), NULL);

  self = g_object_new (PPV_TYPE_TOP_PACER, NULL);
  self->list = g_object_ref (list);
  self->clock = clock;
  g_object_add_weak_pointer (G_OBJECT (clock), (gpointer *) &self->clock);
  self->n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_signal_connect_object (list, "items-changed", G_CALLBACK (on_list_items_changed), self,
                           G_CONNECT_SWAPPED);
  return self;
}
