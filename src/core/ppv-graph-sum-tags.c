/* ppv-graph-sum-tags.c — a pass that sums only the tags of a few nodes,
 * into a dense table of (tag, node) cells, for a graph whose node sums
 * and edges are already summed.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sample has one string tag (its joined labels) and a few sizes, so the
 * cells a sample touches lie in a few rows.  Indexing them directly costs
 * one load where the (node, tag) hash table of ppv-graph-tags.c costs a
 * probe and a second array: on a labelled CPU profile that table was most
 * of a graph's time.  Each cell remembers the sample that touched it first
 * (and where among that sample's tags), so that a node's tags come out in
 * first-seen order, as the hash table lists them.
 */
#include <string.h>

#include "ppv-alloc-private.h"
#include "ppv-graph-sum-private.h"

/* Cells a share may hold (24 bytes each): with more, the rows stop
 * fitting in cache, and the hash table is as good. */
#define MAX_DENSE_CELLS (1u << 19)

typedef struct
{
  gint64  cum, flat;
  guint32 first;     /* the sample that first touched the cell, + 1; 0: none */
  guint32 pos;       /* where in that sample's tags: 0 its string tag, 1 + k its k-th size */
} TagCell;

typedef struct
{
  PpvGraphBuilder *self;
  const guint8    *kept;       /* NULL: every node */
  const guint8    *classes;    /* PpvLocationClass per location */
  const guint32   *column;     /* node -> its column, PPV_NONE when untagged */
  guint32          n_columns;
  guint32          first, end; /* sample range */
  guint32         *stamps;     /* per column: the last sample that added its cum */

  /* Rows [0, n_tags): string tags; rows [n_tags, 2 n_tags): sizes by name. */
  TagCell         *cells;
  gint64          *cum_div, *flat_div;  /* --mean only, per cell */
  gint64          *values;              /* sizes' first value, per cell (sizes only) */
} TagShare;

static inline void
touch (TagShare *share,
       gsize     cell,
       guint32   s,
       guint32   pos,
       gint64    w,
       gint64    dw,
       gboolean  flat)
{
  TagCell *c = &share->cells[cell];

  if (c->first == 0)
    {
      c->first = s + 1;
      c->pos = pos;
      if (share->values != NULL && pos > 0)
        share->values[cell] = share->self->sample_bytes_values[share->self->sample_bytes_offset[s] + pos - 1];
    }
  if (flat)
    c->flat += w;
  else
    c->cum += w;
  if (share->cum_div != NULL)
    {
      if (flat)
        share->flat_div[cell] += dw;
      else
        share->cum_div[cell] += dw;
    }
}

/* Sample @s's tags on column @col, as _ppv_graph_add_sample_tags() adds them. */
static inline void
add_tags (TagShare *share,
          guint32   col,
          guint32   s,
          gint64    w,
          gint64    dw,
          gboolean  flat)
{
  PpvGraphBuilder *self = share->self;
  guint32 group = self->sample_tag[s];
  guint32 n_tags = self->tag_names->len;
  guint32 b0 = self->sample_bytes_offset[s];

  if (group != PPV_NONE)
    touch (share, (gsize) group * share->n_columns + col, s, 0, w, dw, flat);
  for (guint32 k = b0; k < self->sample_bytes_offset[s + 1]; k++)
    touch (share, (gsize) (n_tags + self->sample_bytes_names[k]) * share->n_columns + col,
           s, 1 + (k - b0), w, dw, flat);
}

/* The walk of sum_share() in ppv-graph-sum.c, without sums or edges: cum
 * tags once per sample on every tagged node, flat ones on the leaf-most
 * kept frame unless a dropped frame lies below it. */
static gpointer
sum_tag_share (gpointer data)
{
  TagShare *share = data;
  PpvGraphBuilder *self = share->self;
  PpvProfile *p = self->profile;
  const PpvFrameSelection *sel = self->sel;
  const guint8 *classes = share->classes;
  const guint8 *kept = share->kept;
  const guint32 *column = share->column;

  for (guint32 s = share->first; s < share->end; s++)
    {
      const guint32 *stack = p->stacks + p->samples[s].stack_offset;
      guint32 start = _ppv_frame_selection_sample_start (sel, s);
      guint32 parent = PPV_NONE;
      gboolean residual = FALSE;
      gint64 w, dw;

      if (self->sample_tag[s] == PPV_NONE && self->sample_bytes_offset[s] == self->sample_bytes_offset[s + 1])
        continue;
      if (!_ppv_sum_sample_weight (self, s, &w, &dw))
        continue;

      for (guint32 i = sel->sample_depth[s]; i > start; i--)
        {
          guint32 loc = stack[i - 1];
          guint32 only, n_lines;
          const guint32 *lines;

          if (classes[loc] != LOCATION_KEPT)
            {
              residual |= classes[loc] == LOCATION_DROPPED;
              continue;
            }
          lines = _ppv_graph_location_nodes (self, loc, &only, &n_lines);
          for (guint32 k = n_lines; k > 0; k--)
            {
              guint32 n = lines[k - 1];
              guint32 col;

              if (kept != NULL && !kept[n])
                {
                  residual = TRUE;
                  continue;
                }
              col = column[n];
              if (col != PPV_NONE && share->stamps[col] != s + 1)
                {
                  share->stamps[col] = s + 1;
                  add_tags (share, col, s, w, dw, FALSE);
                }
              parent = n;
              residual = FALSE;
            }
        }
      if (parent != PPV_NONE && !residual && column[parent] != PPV_NONE)
        add_tags (share, column[parent], s, w, dw, TRUE);
    }
  return NULL;
}

/* Adds a later share's cells to the first's: its samples come later, so
 * a cell both touched keeps the first share's first sample. */
static void
merge_cells (TagShare       *into,
             const TagShare *from,
             gsize           n_cells)
{
  for (gsize i = 0; i < n_cells; i++)
    {
      const TagCell *c = &from->cells[i];

      if (c->first == 0)
        continue;
      if (into->cells[i].first == 0)
        {
          into->cells[i].first = c->first;
          into->cells[i].pos = c->pos;
          if (into->values != NULL)
            into->values[i] = from->values[i];
        }
      into->cells[i].cum += c->cum;
      into->cells[i].flat += c->flat;
      if (into->cum_div != NULL)
        {
          into->cum_div[i] += from->cum_div[i];
          into->flat_div[i] += from->flat_div[i];
        }
    }
}

typedef struct
{
  guint32 first, pos, row;
} Touched;

static int
compare_touched (gconstpointer pa,
                 gconstpointer pb)
{
  const Touched *a = pa, *b = pb;

  if (a->first != b->first)
    return a->first < b->first ? -1 : 1;
  return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* Node @n's touched cells (column @col) as its tags, first seen first. */
static void
emit_tags (const TagShare *share,
           PpvNodeStats   *st,
           guint32         col,
           guint32         n_rows,
           guint32         n_tags,
           GArray         *touched)
{
  g_array_set_size (touched, 0);
  for (guint32 row = 0; row < n_rows; row++)
    {
      const TagCell *c = &share->cells[(gsize) row * share->n_columns + col];

      if (c->first != 0)
        {
          Touched t = { c->first, c->pos, row };
          g_array_append_val (touched, t);
        }
    }
  if (touched->len == 0)
    return;
  g_array_sort (touched, compare_touched);

  st->tags = g_array_sized_new (FALSE, FALSE, sizeof (PpvNodeTag), touched->len);
  for (guint i = 0; i < touched->len; i++)
    {
      guint32 row = g_array_index (touched, Touched, i).row;
      gsize cell = (gsize) row * share->n_columns + col;
      const TagCell *c = &share->cells[cell];
      gboolean size = row >= n_tags;
      PpvNodeTag tag = {
        size ? row - n_tags : row, PPV_NONE, size,
        size ? share->values[cell] : 0,
        c->flat, share->flat_div ? share->flat_div[cell] : 0,
        c->cum, share->cum_div ? share->cum_div[cell] : 0,
      };

      g_array_append_val (st->tags, tag);
    }
}

static guint32
count_rows (PpvGraphBuilder *self)
{
  gboolean sizes = self->sample_bytes_offset[self->profile->n_samples] > 0;

  return sizes ? 2 * self->tag_names->len : self->tag_names->len;
}

gboolean
_ppv_graph_tags_fit_dense (PpvGraphBuilder *self,
                           const guint8    *tag_nodes)
{
  guint32 n_infos = self->ids->infos->len;
  guint32 n_columns = 0;

  /* Sizes under a string tag hang from that tag: not a cell of their own.
   * PPV_GRAPH_DENSE_TAGS=0 lets tests compare with the hash table. */
  if (!self->with_tags || self->sizes_grouped || g_strcmp0 (g_getenv ("PPV_GRAPH_DENSE_TAGS"), "0") == 0)
    return FALSE;
  for (guint32 n = 0; n < n_infos; n++)
    n_columns += tag_nodes == NULL || tag_nodes[n];
  return (guint64) count_rows (self) * n_columns <= MAX_DENSE_CELLS;
}

void
_ppv_graph_sum_tags (PpvGraphBuilder *self,
                     PpvGraph        *g,
                     const guint8    *kept,
                     const guint8    *tag_nodes)
{
  guint32 n_infos = self->ids->infos->len;
  guint32 n_tags = self->tag_names->len;
  guint32 n_rows = count_rows (self);
  gboolean sizes = n_rows > n_tags;
  guint32 n_samples = self->profile->n_samples;
  g_autofree guint32 *column = NULL;
  g_autofree guint8 *classes = NULL;
  g_autoptr(GArray) touched = NULL;
  TagShare shares[PPV_MAX_SHARES];
  GThread *threads[PPV_MAX_SHARES] = { NULL };
  guint32 n_columns = 0;
  gsize n_cells;
  guint n_shares;

  column = g_new (guint32, MAX (n_infos, 1));
  for (guint32 n = 0; n < n_infos; n++)
    column[n] = tag_nodes == NULL || tag_nodes[n] ? n_columns++ : PPV_NONE;
  n_cells = (gsize) n_rows * n_columns;
  if (n_cells == 0)
    return;

  classes = _ppv_graph_kept_location_classes (self, kept);
  n_shares = _ppv_graph_n_shares (self);
  for (guint i = 0; i < n_shares; i++)
    {
      shares[i] = (TagShare) {
        self, kept, classes, column, n_columns,
        (guint32) ((guint64) n_samples * i / n_shares),
        (guint32) ((guint64) n_samples * (i + 1) / n_shares),
        _ppv_new0_written (n_columns, sizeof (guint32)),
        _ppv_new0_written (n_cells, sizeof (TagCell)),
        self->mean ? g_new0 (gint64, n_cells) : NULL,
        self->mean ? g_new0 (gint64, n_cells) : NULL,
        sizes ? g_new0 (gint64, n_cells) : NULL,
      };
      if (i > 0)
        threads[i] = g_thread_try_new ("ppv-graph-tags", sum_tag_share, &shares[i], NULL);
      if (i > 0 && threads[i] == NULL)
        sum_tag_share (&shares[i]);
    }
  sum_tag_share (&shares[0]);
  for (guint i = 1; i < n_shares; i++)
    {
      if (threads[i] != NULL)
        g_thread_join (threads[i]);
      merge_cells (&shares[0], &shares[i], n_cells);
    }

  touched = g_array_new (FALSE, FALSE, sizeof (Touched));
  for (guint32 n = 0; n < n_infos; n++)
    if (column[n] != PPV_NONE)
      {
        g_clear_pointer (&g->stats[n].tags, g_array_unref);
        emit_tags (&shares[0], &g->stats[n], column[n], n_rows, n_tags, touched);
      }

  for (guint i = 0; i < n_shares; i++)
    {
      g_free (shares[i].stamps);
      g_free (shares[i].cells);
      g_free (shares[i].cum_div);
      g_free (shares[i].flat_div);
      g_free (shares[i].values);
    }
}
