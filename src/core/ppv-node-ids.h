/* ppv-node-ids.h — node identity: which node each kept frame of a profile
 * belongs to at a granularity, and what that node prints as.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every aggregate (the call graph, a stack tree, callers/callees) must
 * merge frames into the same nodes, or their numbers would disagree: they
 * all take their ids from here, through the report context.
 */
#pragma once

#include "ppv-report-private.h"

G_BEGIN_DECLS

/* A location whose kept lines are several nodes (inlined calls). */
#define PPV_LOC_SEVERAL_LINES (PPV_NONE - 1)

typedef struct _PpvNodeTable PpvNodeTable;

/* Immutable once built: shared by threads without locks, and by the
 * reports of one profile through its cache (see _ppv_node_ids_dup_for()). */
typedef struct
{
  gint           ref_count;
  PpvGranularity granularity;
  PpvNodeTable  *table;        /* the granularity's nodes, whose infos these are */
  gboolean       keeps_all;    /* the selection has every line: frame_info is the table's */
  guint32       *key_offsets;  /* else copies of the selection's loc_lines_offset */
  guint32       *key_lines;    /* and loc_lines: the ids depend on nothing else */
  GArray        *infos;        /* PpvNodeInfo, indexed by node id */
  const guint32 *frame_info;   /* node id per entry of the selection's loc_lines */
  guint32       *loc_node;     /* per location: its one line's node,
                                * PPV_NONE or PPV_LOC_SEVERAL_LINES */
  guint8        *inlined;      /* per node: seen as an inlined (non-outermost) line */
  gboolean       has_inlined;  /* some node is */
} PpvNodeIds;

/* The ids of the profile's last report when it had the same granularity
 * and location lines, else new ones that replace them, from the
 * granularity's table of nodes (built once per profile). */
PpvNodeIds *_ppv_node_ids_dup_for (PpvProfile              *profile,
                                   const PpvFrameSelection *sel,
                                   PpvGranularity           granularity);
PpvNodeIds *_ppv_node_ids_ref    (PpvNodeIds              *ids);
void        _ppv_node_ids_unref  (PpvNodeIds              *ids);

/* Per node id, its place in the order of printable names (equal names,
 * equal places): big sorts compare these rather than the names.  Built on
 * first use, once per granularity, and kept with the table. */
const guint32 *_ppv_node_ids_get_name_rank (const PpvNodeIds *ids);

/* Whether the ranks were derived from the functions' (for tests). */
gboolean       _ppv_node_ids_rank_is_derived (const PpvNodeIds *ids);

/* Go's filepath.Clean. */
char *_ppv_clean_path (const char *path);

static inline guint32
_ppv_node_ids_get_n (const PpvNodeIds *ids)
{
  return ids->infos->len;
}

static inline const PpvNodeInfo *
_ppv_node_ids_get_info (const PpvNodeIds *ids,
                        guint32           node)
{
  return &g_array_index (ids->infos, PpvNodeInfo, node);
}

G_END_DECLS
