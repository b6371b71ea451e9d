/* ppv-scene.c — a laid-out call graph: boxes, label lines and splines.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-scene-private.h"

G_DEFINE_BOXED_TYPE (PpvScene, ppv_scene, ppv_scene_ref, ppv_scene_unref)

PpvScene *
_ppv_scene_new (void)
{
  PpvScene *self = g_new0 (PpvScene, 1);

  self->ref_count = 1;
  self->strings = g_string_chunk_new (4096);
  self->title = "";

  return self;
}

const char *
_ppv_scene_intern (PpvScene   *self,
                   const char *str)
{
  g_assert (self != NULL);

  if (str == NULL)
    return NULL;

  return g_string_chunk_insert_const (self->strings, str);
}

PpvScene *
ppv_scene_ref (PpvScene *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->ref_count > 0, NULL);

  g_atomic_int_inc (&self->ref_count);

  return self;
}

static void
ppv_scene_free (PpvScene *self)
{
  for (guint i = 0; i < self->n_nodes; i++)
    g_free (self->nodes[i].label.lines);

  for (guint i = 0; i < self->n_edges; i++)
    {
      PpvSceneEdge *edge = &self->edges[i];

      for (guint j = 0; j < edge->n_splines; j++)
        g_free (edge->splines[j].points);
      g_free (edge->splines);
      g_free (edge->label.lines);
    }

  g_free (self->nodes);
  g_free (self->edges);
  g_free (self->clusters);
  g_string_chunk_free (self->strings);
  g_free (self);
}

void
ppv_scene_unref (PpvScene *self)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->ref_count > 0);

  if (g_atomic_int_dec_and_test (&self->ref_count))
    ppv_scene_free (self);
}

int
ppv_scene_find_node_at (const PpvScene *self,
                        double          x,
                        double          y)
{
  g_return_val_if_fail (self != NULL, -1);

  /* Later nodes are drawn on top, so search backwards. */
  for (guint i = self->n_nodes; i > 0; i--)
    {
      const PpvSceneRect *box = &self->nodes[i - 1].box;

      if (x >= box->x && x <= box->x + box->width &&
          y >= box->y && y <= box->y + box->height)
        return (int) (i - 1);
    }

  return -1;
}
