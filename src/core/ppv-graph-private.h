/* ppv-graph-private.h — what the graph's builder and its summing passes
 * share.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-report-context.h"

G_BEGIN_DECLS

struct _PpvGraphBuilder
{
  PpvReportContext        *ctx;           /* owned reference */
  PpvProfile              *profile;       /* the rest borrowed from it */
  const PpvFrameSelection *sel;
  const PpvNodeIds        *ids;
  gboolean                 mean;
  gboolean                 drop_negative;
  GStringChunk            *strings;        /* tag names */
  gboolean                 bounded;        /* no kept sample is negative and their sum
                                            * fits in 64 bits: then an edge weighs at
                                            * most the cum of either end */

  /* Tags (graph kind only). */
  gboolean                 with_tags;
  GPtrArray               *tag_names;      /* interned in strings */
  GHashTable              *tag_index;      /* name -> id + 1 */
  guint32                 *sample_tag;     /* joined string labels per sample, or PPV_NONE */
  guint32                 *sample_bytes_offset;  /* n_samples + 1 */
  guint32                 *sample_bytes_names;   /* tag name id per numeric value */
  gint64                  *sample_bytes_values;
  const char              *bytes_unit;
  gboolean                 sizes_grouped;  /* a sample has sizes and a string tag */
};

/* ppv-graph-tags.c: each kept sample's tags (graph kind only). */
void _ppv_graph_builder_collect_tags (PpvGraphBuilder        *self,
                                      const PpvReportOptions *options);

/* Where each (node, tag) is in its node's tags. */
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
