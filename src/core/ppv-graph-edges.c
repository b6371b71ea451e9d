/* ppv-graph-edges.c — the edge table's growth (see ppv-graph-edges.h).
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-alloc-private.h"
#include "ppv-graph-edges.h"

void
_ppv_edge_table_init (PpvEdgeTable *t,
                      gsize         mask)
{
  t->mask = mask;
  t->used = 0;
  /* Probed before written (see ppv-alloc-private.h). */
  t->slots = _ppv_new0_written (t->mask + 1, sizeof (PpvEdgeSlot));
}

void
_ppv_edge_table_clear (PpvEdgeTable *t)
{
  g_clear_pointer (&t->slots, g_free);
}

/* Room for @n entries without growing. */
static void
edge_table_reserve (PpvEdgeTable *t,
                    gsize         n)
{
  PpvEdgeTable old = *t;
  gsize mask = old.mask;

  while ((n + 1) * 2 > mask)
    mask = mask * 2 + 1;
  if (mask == old.mask)
    return;

  _ppv_edge_table_init (t, mask);
  for (gsize i = 0; i <= old.mask; i++)
    if (old.slots[i].edge)
      _ppv_edge_table_insert (t, old.slots[i].src, old.slots[i].dst,
                              _ppv_edge_hash (old.slots[i].src, old.slots[i].dst),
                              old.slots[i].edge - 1);
  _ppv_edge_table_clear (&old);
}

void
_ppv_edge_table_insert (PpvEdgeTable *t,
                        guint32       src,
                        guint32       dst,
                        guint64       hash,
                        guint32       edge)
{
  gsize i;

  if ((t->used + 1) * 2 > t->mask)
    edge_table_reserve (t, t->used + 1);
  for (i = hash & t->mask; t->slots[i].edge; i = (i + 1) & t->mask)
    ;
  t->slots[i] = (PpvEdgeSlot) { src, dst, edge + 1 };
  t->used++;
}
