/* ppv-graph-private.h — what the graph's builder and its summing passes
 * share.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-report-private.h"

G_BEGIN_DECLS

#define PPV_LOC_SEVERAL_LINES (PPV_NONE - 1)

struct _PpvGraphBuilder
{
  PpvProfile              *profile;
  const PpvFrameSelection *sel;
  guint                    sample_index;
  gboolean                 mean;
  gboolean                 drop_negative;
  GArray                  *infos;         /* PpvNodeInfo */
  guint32                 *frame_info;    /* parallel to sel->loc_lines */
  guint32                 *loc_node;      /* per location: its one line's node,
                                           * PPV_NONE or PPV_LOC_SEVERAL_LINES */
  GStringChunk            *strings;
  guint8                  *inlined;        /* per info: seen as an inlined (non-outermost) line */
  gboolean                 has_inlined;    /* some info is */
  gboolean                 bounded;        /* see _ppv_graph_builder_is_bounded */

  /* Tags (graph kind only). */
  gboolean                 with_tags;
  GPtrArray               *tag_names;      /* interned in strings */
  GHashTable              *tag_index;      /* name -> id + 1 */
  guint32                 *sample_tag;     /* joined string labels per sample, or PPV_NONE */
  guint32                 *sample_bytes_offset;  /* n_samples + 1 */
  guint32                 *sample_bytes_names;   /* tag name id per numeric value */
  gint64                  *sample_bytes_values;
  const char              *bytes_unit;
};

/* ppv-graph.c: where each (node, tag) is in its node's tags. */
typedef struct _PpvTagTable PpvTagTable;

PpvTagTable *_ppv_tag_table_new  (void);
void         _ppv_tag_table_free (PpvTagTable *table);

/* Adds @tags (PpvNodeTag, another pass's) to node @node's. */
void     _ppv_graph_merge_tags      (PpvTagTable     *index,
                                     PpvNodeStats    *st,
                                     guint32          node,
                                     GArray          *tags);
/* Adds sample @sample's tags to node @node's stats (@flat: the leaf). */
void     _ppv_graph_add_sample_tags (PpvGraphBuilder *self,
                                     PpvTagTable     *index,
                                     PpvNodeStats    *st,
                                     guint32          node,
                                     guint32          sample,
                                     gint64           w,
                                     gint64           dw,
                                     gboolean         flat);

G_END_DECLS
