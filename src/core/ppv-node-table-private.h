/* ppv-node-table-private.h — a granularity's table of nodes, shared by
 * ppv-node-ids.c, which builds it, and ppv-node-ranks.c, which orders
 * its names.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-node-ids.h"

G_BEGIN_DECLS

/* The node of every line of every location at one granularity.  A node's
 * identity depends on its line and location alone, and filters only take
 * lines away: the ids of any selection are looked up here, not hashed
 * anew, and one table per granularity serves every filter. */
struct _PpvNodeTable
{
  gint          ref_count;
  GArray       *infos;        /* PpvNodeInfo, indexed by node id */
  guint32      *slot_offset;  /* per location, its first slot; n_locations + 1 */
  guint32       n_slots;
  guint32      *slot_node;    /* per slot (a line, or a line-less location's
                               * one), its node id */
  GStringChunk *strings;      /* cleaned file names and printable names */

  PpvGranularity granularity;
  PpvNodeTable *functions;    /* lines: the functions table, if it came
                               * first (a reference) */

  GMutex        rank_lock;    /* held while the ranks are built */
  guint32      *name_rank;    /* see _ppv_node_ids_get_name_rank() */
  gboolean      prefix_safe;  /* with the ranks: no name is another's
                               * prefix followed by a space or less */
  gboolean      rank_derived; /* the ranks came from the functions' */
};

void _ppv_node_table_unref      (gpointer      table);

/* Under the table's rank_lock. */
void _ppv_node_table_rank_names (PpvNodeTable *table);

G_END_DECLS
