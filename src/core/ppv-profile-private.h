/* ppv-profile-private.h — internals shared by the profile model, its builder and the readers.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-profile.h"

G_BEGIN_DECLS

/* Every PpvProfile is allocated as this larger struct by the builder, so
 * that bookkeeping the public layout has no room for stays private.  A
 * PpvProfile must therefore only ever come from ppv_profile_builder_finish(). */
typedef struct
{
  PpvProfile pub;
  gsize      string_bytes;       /* bytes held by pub.strings */

  /* Derived data reports share, not part of the profile's value (see
   * _ppv_node_ids_dup_for()): the last node ids built and the node table
   * of each granularity, under the lock. */
  GMutex     cache_lock;
  gpointer   node_ids;           /* PpvNodeIds */
  GDestroyNotify node_ids_unref;
  gpointer   node_tables[5];     /* PpvNodeTable, by PpvGranularity */
  GDestroyNotify node_table_unref;
} PpvProfileReal;

/* Interns @len bytes that need not be nul-terminated; embedded nuls and
 * invalid UTF-8 are replaced by U+FFFD. */
const char *_ppv_profile_builder_intern_len (PpvProfileBuilder *self,
                                             const char        *str,
                                             gsize              len);

/* Starts fetching where @len bytes at @str would be in the string set,
 * for a caller that knows which string it interns next but one. */
void        _ppv_profile_builder_prefetch        (PpvProfileBuilder *self,
                                                  const char        *str,
                                                  gsize              len);

/* Sizes the string set for @n_strings more strings at once. */
void        _ppv_profile_builder_reserve_strings (PpvProfileBuilder *self,
                                                  gsize              n_strings);

/* With @trusted, the strings handed to add_mapping, add_function and the
 * sample labels are taken as they are: the caller got every one of them
 * from this builder's intern functions (the protobuf reader does). */
void        _ppv_profile_builder_set_trusted     (PpvProfileBuilder *self,
                                                  gboolean           trusted);

/* Deferred samples, for a reader that meets samples before the locations
 * and strings they refer to (Go writes samples first): the stack holds
 * location ids (each below 2^32) and each label's key, str and num_unit
 * hold string-table indices cast to pointers (0: none), as the protobuf
 * reader's label rules leave them.  Nothing else may be added to the
 * samples until _ppv_profile_builder_resolve_deferred() (after every
 * location) turns them into indices and strings; samples added after
 * that follow them. */
typedef gboolean (*PpvDeferredStringFn) (gpointer     data,
                                         gsize        index,
                                         const char **out);

void        _ppv_profile_builder_add_sample_deferred (PpvProfileBuilder   *self,
                                                      const guint64       *location_ids,
                                                      guint                n_locations,
                                                      const gint64        *values,
                                                      guint                n_values,
                                                      const PpvLabel      *labels,
                                                      guint                n_labels);
/* FALSE, leaving the samples half resolved, if @string fails (the caller
 * has the reason) or the builder is full.  A location id that names no
 * location is reported by finish(), as for ppv_profile_builder_add_sample(). */
gboolean    _ppv_profile_builder_resolve_deferred    (PpvProfileBuilder   *self,
                                                      PpvDeferredStringFn  string,
                                                      gpointer             data);

/* Pre-sizes the arrays when the caller knows the counts (the protobuf
 * reader does after its first pass).  Returns FALSE once the memory cap
 * has been reached. */
gboolean    _ppv_profile_builder_reserve    (PpvProfileBuilder *self,
                                             gsize              n_samples,
                                             gsize              n_values,
                                             gsize              n_mappings,
                                             gsize              n_functions,
                                             gsize              n_locations);

/* TRUE once the memory cap (or a 32-bit offset limit) has been hit; the
 * builder then drops everything it is fed and finish() fails, so readers
 * may stop early. */
gboolean    _ppv_profile_builder_is_full    (PpvProfileBuilder *self);

/* Bytes currently held by the builder's arrays and strings. */
gsize       _ppv_profile_builder_get_memory (PpvProfileBuilder *self);

/* ppv-profile-copy.c: for transforms that copy a profile with changed
 * stacks.  Sample types, mappings, functions, comments, times, period,
 * drop/keep frames, default sample type and doc URL of @p, as they are. */
void        _ppv_profile_builder_copy_header   (PpvProfileBuilder *b,
                                                PpvProfile        *p);
/* The same, with function f named @names[f] where that is not NULL. */
void        _ppv_profile_builder_copy_header_renamed (PpvProfileBuilder  *b,
                                                      PpvProfile         *p,
                                                      const char * const *names);
/* A copy of @p with function f named @names[f] where that is not NULL. */
PpvProfile *_ppv_profile_copy_renamed          (PpvProfile         *p,
                                                const char * const *names,
                                                gsize               max_model,
                                                const char         *source,
                                                GError            **error);
/* Location @l of @p with its lines from @first_line on (0: all), under
 * its own id. */
void        _ppv_profile_builder_copy_location (PpvProfileBuilder *b,
                                                PpvProfile        *p,
                                                guint32            l,
                                                guint32            first_line);

/* Samples with the same locations and labels (pprof's merge sums them);
 * labels compare by interned pointers, so equal labels are equal bytes. */
gboolean    _ppv_profile_samples_alike      (PpvProfile        *p,
                                             guint32            a,
                                             guint32            b);
/* A hash of a sample's locations and labels, equal for samples alike. */
guint64     _ppv_profile_sample_hash        (PpvProfile        *p,
                                             guint32            s);
/* pprof's simplifyFunc: a leading '.' and the argument list dropped, for
 * drop_frames and -prune_from, which match function names only. */
char       *_ppv_simplify_function_name     (const char        *name);
/* ppv-drop-frames.c: pprof's RemoveUninteresting, which the source
 * pipeline applies after merging: frames matching the profile's
 * drop_frames (unless keep_frames) cut off with everything leafward. */
PpvProfile *_ppv_profile_remove_uninteresting (PpvProfile       *p,
                                               GError          **error);

G_END_DECLS
