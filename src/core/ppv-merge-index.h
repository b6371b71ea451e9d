/* ppv-merge-index.h — the merge's de-duplication tables, keyed by integers.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pprof's Merge finds equal mappings, functions, locations and samples by
 * building a string key for each.  Here every key is made of integers and
 * of strings interned by the merged profile's builder (equal strings are
 * one pointer), hashed into open-addressing tables sized from the inputs'
 * counts, so merging a million samples allocates nothing per sample.
 * Entries are numbered 0, 1, … in the order they were first seen.
 */
#pragma once

#include "ppv-profile.h"

G_BEGIN_DECLS

typedef struct _PpvMergeIndex PpvMergeIndex;

/* The bounds are the most entries each table will hold (the sums of the
 * inputs' counts); strings given later must be interned by @builder. */
PpvMergeIndex  *_ppv_merge_index_new          (gsize              max_mappings,
                                               gsize              max_functions,
                                               gsize              max_locations,
                                               gsize              max_samples);
void            _ppv_merge_index_free         (PpvMergeIndex     *self);

/* Each lookup returns the entry equal to the key, adding it when there is
 * none (then *is_new is TRUE). */

/* pprof's mapKey: the size rounded up to a page, the file offset, and the
 * build id, or the file name when there is none. */
guint32         _ppv_merge_index_mapping      (PpvMergeIndex     *self,
                                               guint64            size,
                                               guint64            file_offset,
                                               const char        *build_id_or_file,
                                               gboolean          *is_new);
guint32         _ppv_merge_index_function     (PpvMergeIndex     *self,
                                               const char        *name,
                                               const char        *system_name,
                                               const char        *filename,
                                               gint64             start_line,
                                               gboolean          *is_new);
/* pprof's locationKey: address relative to its mapping, the mapping, the
 * lines' (function, line) pairs and is_folded; columns do not count. */
guint32         _ppv_merge_index_location     (PpvMergeIndex     *self,
                                               guint64            address,
                                               guint32            mapping,
                                               gboolean           is_folded,
                                               const guint32     *functions,
                                               const gint64      *lines,
                                               guint32            n_lines,
                                               gboolean          *is_new);
/* A sample's locations (merged entries, leaf first) and its labels as a
 * set: their order does not count.  A new entry keeps both as given. */
guint32         _ppv_merge_index_sample       (PpvMergeIndex     *self,
                                               const guint32     *locations,
                                               guint32            n_locations,
                                               const PpvLabel    *labels,
                                               guint32            n_labels,
                                               gboolean          *is_new);

guint32         _ppv_merge_index_n_samples    (PpvMergeIndex     *self);
const guint32  *_ppv_merge_index_sample_stack (PpvMergeIndex     *self,
                                               guint32            sample,
                                               guint32           *n_locations);
const PpvLabel *_ppv_merge_index_sample_labels (PpvMergeIndex    *self,
                                                guint32           sample,
                                                guint32          *n_labels);

G_END_DECLS
