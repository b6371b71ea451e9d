/* ppv-profile.h — the compact, immutable in-memory model of one profile.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A profile with a million samples must stay a handful of flat arrays:
 * no per-sample allocation, strings interned once (equal strings share one
 * pointer, so code may compare names by pointer).  Everything here is
 * read-only once ppv_profile_builder_finish() has returned it.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PPV_NONE G_MAXUINT32

typedef struct
{
  const char *type;
  const char *unit;
} PpvValueType;

typedef struct
{
  guint64     id;
  guint64     memory_start;
  guint64     memory_limit;
  guint64     file_offset;
  const char *filename;
  const char *build_id;
  guint       has_functions : 1;
  guint       has_filenames : 1;
  guint       has_line_numbers : 1;
  guint       has_inline_frames : 1;
} PpvMapping;

typedef struct
{
  guint64     id;
  const char *name;
  const char *system_name;
  const char *filename;
  gint64      start_line;
} PpvFunction;

typedef struct
{
  guint32 function;              /* index into functions[] (always valid) */
  gint64  line;
  gint64  column;
} PpvLine;

typedef struct
{
  guint64  id;
  guint64  address;
  guint32  mapping;              /* index into mappings[], or PPV_NONE */
  guint32  lines_offset;         /* into lines[]; lines[0] is the innermost */
  guint32  n_lines;
  gboolean is_folded;
} PpvLocation;

typedef struct
{
  const char *key;
  const char *str;               /* NULL for a numeric label */
  gint64      num;
  const char *num_unit;          /* "" when unset */
} PpvLabel;

typedef struct
{
  guint32 stack_offset;          /* into stacks[]: location indices, leaf first */
  guint32 n_locations;
  guint32 labels_offset;         /* into labels[] */
  guint32 n_labels;
} PpvSample;

typedef struct _PpvProfile PpvProfile;

struct _PpvProfile
{
  /*< private >*/
  gint          ref_count;
  GStringChunk *strings;

  /*< public, read-only >*/
  PpvValueType *sample_types;
  guint         n_sample_types;

  PpvSample    *samples;
  guint32       n_samples;
  gint64       *values;          /* n_samples × n_sample_types, row-major */

  guint32      *stacks;
  gsize         n_stacks;
  PpvLabel     *labels;
  gsize         n_labels;

  PpvMapping   *mappings;        /* mappings[0] is the main binary */
  guint32       n_mappings;
  PpvLocation  *locations;
  guint32       n_locations;
  PpvLine      *lines;
  gsize         n_lines;
  PpvFunction  *functions;
  guint32       n_functions;

  const char  **comments;
  guint         n_comments;
  const char   *drop_frames;     /* "" when unset */
  const char   *keep_frames;
  gint64        time_nanos;
  gint64        duration_nanos;
  PpvValueType  period_type;
  gint64        period;
  const char   *default_sample_type;
  const char   *doc_url;
};

#define PPV_TYPE_PROFILE (ppv_profile_get_type ())

GType       ppv_profile_get_type (void) G_GNUC_CONST;
PpvProfile *ppv_profile_ref      (PpvProfile *self);
void        ppv_profile_unref    (PpvProfile *self);

static inline const gint64 *
ppv_profile_sample_values (const PpvProfile *self,
                           guint32           sample)
{
  return self->values + (gsize) sample * self->n_sample_types;
}

/* Bytes held by the model, for benchmarks and size caps. */
gsize       ppv_profile_get_memory_size (const PpvProfile *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpvProfile, ppv_profile_unref)

/* --- Building a profile --------------------------------------------------
 *
 * The reader and the merger feed entities as they are decoded; ids are the
 * profile's own (non-zero) ids and are resolved to indices in finish(),
 * which also validates the whole profile the way pprof's CheckValid does.
 * Strings passed in are copied (interned).
 */
typedef struct _PpvProfileBuilder PpvProfileBuilder;

PpvProfileBuilder *ppv_profile_builder_new            (void);
void               ppv_profile_builder_free           (PpvProfileBuilder *self);
const char        *ppv_profile_builder_intern         (PpvProfileBuilder *self,
                                                       const char        *str);
void               ppv_profile_builder_add_sample_type (PpvProfileBuilder *self,
                                                        const char        *type,
                                                        const char        *unit);
void               ppv_profile_builder_add_mapping    (PpvProfileBuilder *self,
                                                       const PpvMapping  *mapping);
void               ppv_profile_builder_add_function   (PpvProfileBuilder *self,
                                                       const PpvFunction *function);
/* line_function_ids[i] is the Function id of line i (0 = missing). */
void               ppv_profile_builder_add_location   (PpvProfileBuilder *self,
                                                       guint64            id,
                                                       guint64            mapping_id,
                                                       guint64            address,
                                                       gboolean           is_folded,
                                                       const guint64     *line_function_ids,
                                                       const gint64      *line_numbers,
                                                       const gint64      *line_columns,
                                                       guint              n_lines);
void               ppv_profile_builder_add_sample     (PpvProfileBuilder *self,
                                                       const guint64     *location_ids,
                                                       guint              n_locations,
                                                       const gint64      *values,
                                                       guint              n_values,
                                                       const PpvLabel    *labels,
                                                       guint              n_labels);
/* Same, with location *indices* already resolved (used by the merger). */
void               ppv_profile_builder_add_sample_indexed (PpvProfileBuilder *self,
                                                           const guint32     *location_indices,
                                                           guint              n_locations,
                                                           const gint64      *values,
                                                           guint              n_values,
                                                           const PpvLabel    *labels,
                                                           guint              n_labels);
void               ppv_profile_builder_add_comment    (PpvProfileBuilder *self,
                                                       const char        *comment);
void               ppv_profile_builder_set_times      (PpvProfileBuilder *self,
                                                       gint64             time_nanos,
                                                       gint64             duration_nanos);
void               ppv_profile_builder_set_period     (PpvProfileBuilder *self,
                                                       const char        *type,
                                                       const char        *unit,
                                                       gint64             period);
void               ppv_profile_builder_set_frames     (PpvProfileBuilder *self,
                                                       const char        *drop_frames,
                                                       const char        *keep_frames);
void               ppv_profile_builder_set_default_sample_type (PpvProfileBuilder *self,
                                                                const char        *type);
void               ppv_profile_builder_set_doc_url    (PpvProfileBuilder *self,
                                                       const char        *doc_url);
/* Caps the model's memory; adding past it makes finish() fail with
 * PPV_PROFILE_ERROR_TOO_LARGE.  0 = no cap. */
void               ppv_profile_builder_set_memory_cap (PpvProfileBuilder *self,
                                                       gsize              max_bytes);
/* Consumes the builder.  @source names the input in error messages. */
PpvProfile        *ppv_profile_builder_finish         (PpvProfileBuilder *self,
                                                       const char        *source,
                                                       GError           **error);

G_END_DECLS
