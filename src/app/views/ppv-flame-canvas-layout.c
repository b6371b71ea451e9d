/* ppv-flame-canvas-layout.c — where the flame canvas's boxes are: the walk
 * over the rows in view, finding the box under a point or a node's area,
 * and which boxes a search matches.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing is laid out ahead: each draw walks the tree from the zoomed
 * node down to the last row in view, and stops at boxes narrower than a
 * pixel.  Children come largest first, so the first such child means all
 * the rest are too: they are summed into one slice, never visited.  A
 * 31-million-node tree thus costs what the screen shows.
 */
#include <math.h>
#include <string.h>

#include "ppv-flame-canvas-private.h"
#include "ppv-refine.h"

/* --- Layout -------------------------------------------------------------- */

guint
_ppv_flame_canvas_n_rows (PpvFlameCanvas *self)
{
  return self->tree != NULL ? ppv_stack_tree_get_max_depth (self->tree) + 1 : 0;
}

int
_ppv_flame_canvas_depth_to_row (PpvFlameCanvas *self,
                                guint           depth)
{
  return self->inverted ? (int) _ppv_flame_canvas_n_rows (self) - 1 - (int) depth : (int) depth;
}

guint
_ppv_flame_canvas_row_to_depth (PpvFlameCanvas *self,
                                int             row)
{
  int depth = self->inverted ? (int) _ppv_flame_canvas_n_rows (self) - 1 - row : row;

  return depth < 0 ? G_MAXUINT : (guint) depth;
}

/* A box's width: its value; in a comparison its increases plus its
 * decreases (with a diff base, old + new), as pprof's flame graph draws
 * a diff, so that what shrank stays as visible as what grew. */
gint64
_ppv_flame_canvas_box_weight (PpvStackTree *tree,
                              guint32       node)
{
  if (ppv_stack_tree_get_comparison (tree) != PPV_STACK_TREE_PLAIN)
    return MAX (ppv_stack_tree_get_increase (tree, node), 0) + MAX (ppv_stack_tree_get_decrease (tree, node), 0);
  return MAX (ppv_stack_tree_get_total (tree, node), 0);
}

#define box_weight _ppv_flame_canvas_box_weight

typedef struct
{
  PpvFlameCanvas *self;
  guint           last_depth;
  guint           first_depth;
  PpvFlameVisit   visit;
  gpointer        user_data;
} Walk;

static void
walk_node (Walk    *walk,
           guint32  node,
           guint    depth,
           double   x,
           double   width)
{
  PpvStackTree *tree = walk->self->tree;
  PpvFlameBox box = { node, PPV_NONE, depth, x, width, FALSE };
  gboolean diff = ppv_stack_tree_get_comparison (tree) != PPV_STACK_TREE_PLAIN;
  gboolean any_small = FALSE;
  gint64 total, drawn = 0, small_rest = 0;
  double scale, cx = x;

  if (depth >= walk->first_depth)
    walk->visit (walk->self, &box, walk->user_data);
  if (depth >= walk->last_depth)
    return;

  total = box_weight (tree, node);
  if (total == 0)
    return;
  scale = width / (double) total;

  for (guint32 child = ppv_stack_tree_get_first_child (tree, node);
       child != PPV_NONE;
       child = ppv_stack_tree_get_next_sibling (tree, child))
    {
      gint64 child_total = box_weight (tree, child);
      double child_width = (double) child_total * scale;

      if (child_width < PPV_FLAME_MIN_BOX)
        {
          any_small = TRUE;
          /* Children come by decreasing value: this one and every later
           * one are one slice of what the children left over, self
           * excluded.  In a diff they come by net change, not by width:
           * each narrow one joins the slice. */
          if (diff)
            {
              small_rest += child_total;
              continue;
            }
          small_rest = total - MAX (ppv_stack_tree_get_self (tree, node), 0) - drawn;
          break;
        }

      walk_node (walk, child, depth + 1, cx, child_width);
      cx += child_width;
      drawn += child_total;
    }

  if (any_small)
    {
      PpvFlameBox small = { PPV_NONE, node, depth + 1, cx, (double) small_rest * scale, FALSE };

      if (small.width > 0.25 && depth + 1 >= walk->first_depth)
        walk->visit (walk->self, &small, walk->user_data);
    }
}

void
_ppv_flame_canvas_walk (PpvFlameCanvas *self,
                        guint           first_depth,
                        guint           last_depth,
                        double          width,
                        PpvFlameVisit   visit,
                        gpointer        user_data)
{
  Walk walk = { self, last_depth, first_depth, visit, user_data };
  guint zoom_depth;

  if (self->tree == NULL || width <= 0)
    return;

  /* The breadcrumb: the zoomed node's ancestors, full width. */
  zoom_depth = ppv_stack_tree_get_depth (self->tree, self->zoom);
  for (guint32 node = ppv_stack_tree_get_parent (self->tree, self->zoom);
       node != PPV_NONE;
       node = ppv_stack_tree_get_parent (self->tree, node))
    {
      guint depth = ppv_stack_tree_get_depth (self->tree, node);
      PpvFlameBox box = { node, PPV_NONE, depth, 0, width, TRUE };

      if (depth >= first_depth && depth <= last_depth)
        visit (self, &box, user_data);
    }

  if (zoom_depth <= last_depth)
    walk_node (&walk, self->zoom, zoom_depth, 0, width);
}

/* --- Finding boxes -------------------------------------------------------- */

guint32
ppv_flame_canvas_node_at (PpvFlameCanvas *self,
                          double          x,
                          double          y)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  guint depth, zoom_depth;
  guint32 node;
  double nx = 0, nw = width;
  int row;

  g_return_val_if_fail (PPV_IS_FLAME_CANVAS (self), PPV_NONE);

  if (self->tree == NULL || width <= 0 || x < 0 || x >= width || self->row_height <= 0)
    return PPV_NONE;

  row = (int) floor ((y + _ppv_flame_canvas_get_scroll (self)) / self->row_height);
  if (row < 0 || row >= (int) _ppv_flame_canvas_n_rows (self))
    return PPV_NONE;
  depth = _ppv_flame_canvas_row_to_depth (self, row);

  zoom_depth = ppv_stack_tree_get_depth (self->tree, self->zoom);
  if (depth < zoom_depth)
    {
      for (node = self->zoom; ppv_stack_tree_get_depth (self->tree, node) > depth;)
        node = ppv_stack_tree_get_parent (self->tree, node);
      return node;
    }

  node = self->zoom;
  for (guint d = zoom_depth; d < depth; d++)
    {
      gint64 total = box_weight (self->tree, node);
      double scale, cx = nx;
      guint32 found = PPV_NONE;

      if (total == 0)
        return PPV_NONE;
      scale = nw / (double) total;
      for (guint32 child = ppv_stack_tree_get_first_child (self->tree, node);
           child != PPV_NONE;
           child = ppv_stack_tree_get_next_sibling (self->tree, child))
        {
          double cw = (double) box_weight (self->tree, child) * scale;

          if (cw < PPV_FLAME_MIN_BOX && ppv_stack_tree_get_comparison (self->tree) != PPV_STACK_TREE_PLAIN)
            continue;   /* in the small slice, drawn after the rest */
          if (cw < PPV_FLAME_MIN_BOX)
            break;
          if (x >= cx && x < cx + cw)
            {
              found = child;
              nx = cx;
              nw = cw;
              break;
            }
          cx += cw;
        }
      if (found == PPV_NONE)
        return PPV_NONE;
      node = found;
    }
  return node;
}

gboolean
ppv_flame_canvas_get_node_area (PpvFlameCanvas  *self,
                                guint32          node,
                                graphene_rect_t *area)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  g_autoptr(GArray) path = NULL;
  double x = 0, w = width;
  guint32 up;
  int row;

  g_return_val_if_fail (PPV_IS_FLAME_CANVAS (self), FALSE);

  if (self->tree == NULL || node == PPV_NONE || node >= ppv_stack_tree_get_n_nodes (self->tree))
    return FALSE;

  /* The path from the zoomed node down to @node, if it is below it. */
  path = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (up = node; up != PPV_NONE && up != self->zoom; up = ppv_stack_tree_get_parent (self->tree, up))
    g_array_prepend_val (path, up);

  if (up == PPV_NONE)
    {
      /* Not below: an ancestor of the zoom is a full-width row. */
      for (up = self->zoom; up != PPV_NONE && up != node; up = ppv_stack_tree_get_parent (self->tree, up))
        ;
      if (up == PPV_NONE)
        return FALSE;
      g_array_set_size (path, 0);
    }

  for (guint i = 0; i < path->len; i++)
    {
      guint32 step = g_array_index (path, guint32, i);
      guint32 parent = ppv_stack_tree_get_parent (self->tree, step);
      gint64 total = box_weight (self->tree, parent);
      double scale = total > 0 ? w / (double) total : 0;

      /* Narrow siblings are in the small slice, after the boxes. */
      for (guint32 child = ppv_stack_tree_get_first_child (self->tree, parent);
           child != step;
           child = ppv_stack_tree_get_next_sibling (self->tree, child))
        {
          double cw = (double) box_weight (self->tree, child) * scale;

          if (cw >= PPV_FLAME_MIN_BOX)
            x += cw;
        }
      w = (double) box_weight (self->tree, step) * scale;
      if (w < PPV_FLAME_MIN_BOX)
        return FALSE;
    }

  row = _ppv_flame_canvas_depth_to_row (self, ppv_stack_tree_get_depth (self->tree, node));
  graphene_rect_init (area, x, row * self->row_height - _ppv_flame_canvas_get_scroll (self),
                      w, self->row_height);
  return TRUE;
}

/* --- Search --------------------------------------------------------------- */

gboolean
ppv_flame_canvas_name_matches (const char *name,
                               const char *needle)
{
  /* No search highlights nothing (every box is drawn as is). */
  return needle != NULL && ppv_name_matches (name, needle);
}

/* Names are shared by every node of a frame: one test per name. */
gboolean
_ppv_flame_canvas_matches (PpvFlameCanvas *self,
                           const char     *name)
{
  gpointer cached = g_hash_table_lookup (self->match_cache, name);
  gboolean matches;

  if (cached != NULL)
    return GPOINTER_TO_INT (cached) == 1;

  matches = ppv_flame_canvas_name_matches (name, self->needle);
  g_hash_table_insert (self->match_cache, (gpointer) name, GINT_TO_POINTER (matches ? 1 : 2));
  return matches;
}

void
ppv_flame_canvas_set_search (PpvFlameCanvas *self,
                             const char     *needle)
{
  g_return_if_fail (PPV_IS_FLAME_CANVAS (self));

  if (needle != NULL && needle[0] == '\0')
    needle = NULL;
  if (g_strcmp0 (needle, self->needle) == 0)
    return;

  g_free (self->needle);
  self->needle = g_strdup (needle);
  g_hash_table_remove_all (self->match_cache);
  _ppv_flame_canvas_invalidate (self);
}
