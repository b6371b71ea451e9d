/* ppv-profile-builder-private.h — what the profile builder's files share.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-profile-private.h"

#include <string.h>

G_BEGIN_DECLS

/* A growable array of fixed-size elements, with its bytes counted. */
typedef struct
{
  gpointer data;
  gsize    len;
  gsize    cap;
} Vec;

#define VEC_AT(v, type, i) (((type *) (v).data)[i])

/* id → index, dense for the small ids real profiles use, open addressing
 * for the rest.  Id 0 is reserved and never stored, so 0 marks a free slot. */
typedef struct
{
  guint32 *dense;
  gsize    dense_len;
  guint64 *keys;
  guint32 *vals;
  gsize    cap;                 /* power of two, or 0 */
  gsize    count;
  gsize    expected;            /* hint from reserve() */
} IdMap;

typedef struct
{
  guint32 sample;
  guint32 pos;
  guint64 id;
} PendingStack;

typedef struct
{
  guint32 line;
  guint32 location;
  guint64 id;
} PendingLine;

typedef struct
{
  guint32 location;
  guint64 id;
} PendingMapping;

/* A slot of the set of stored label sets: the labels at
 * labels[offset..offset + n) (n == 0: free). */
typedef struct
{
  guint32 hash;
  guint32 offset;
  guint32 n;
} LabelSetSlot;

typedef enum
{
  CHECK_MAPPINGS,
  CHECK_FUNCTIONS,
  N_CHECKS
} CheckSlot;

#define N_CACHE 256

/* A slot of the interned-string set: open addressing, linear probing. */
typedef struct
{
  const char *str;               /* NULL: free */
  guint32     hash;
  guint32     len;               /* low 32 bits of the length */
} StrSlot;

struct _PpvProfileBuilder
{
  GStringChunk *strings;
  StrSlot      *str_slots;         /* set of the strings owned by @strings */
  gsize         str_cap;           /* power of two */
  gsize         str_count;
  gsize         string_bytes;
  const char   *empty;
  const char   *cache[N_CACHE];    /* recently returned interned pointers */
  gboolean      trusted;           /* see _ppv_profile_builder_set_trusted */

  gsize         bytes;
  gsize         max_bytes;
  char         *full_message;      /* set once a cap is hit */

  Vec           sample_types;      /* PpvValueType */
  Vec           samples;           /* PpvSample */
  Vec           values;            /* gint64 */
  Vec           stacks;            /* guint32 */
  Vec           labels;            /* PpvLabel */
  Vec           mappings;          /* PpvMapping */
  Vec           functions;         /* PpvFunction */
  Vec           locations;         /* PpvLocation */
  Vec           lines;             /* PpvLine */
  Vec           comments;          /* const char * */

  /* Samples with equal labels share one copy (a heap profile labels
   * every sample with one of a few sizes); given up (label_sets_off)
   * when they turn out to be nearly all different. */
  LabelSetSlot *label_sets;
  gsize         label_sets_cap;    /* power of two, or 0 */
  gsize         label_sets_count;
  gboolean      label_sets_off;

  Vec           pending_stacks;    /* PendingStack */
  Vec           pending_lines;     /* PendingLine */
  Vec           pending_mappings;  /* PendingMapping */

  IdMap         mapping_ids;
  IdMap         function_ids;
  IdMap         location_ids;

  /* Value-count check: every sample must have as many values as the
   * profile has sample types, which may only be known at the end. */
  guint         first_n_values;
  guint32       odd_sample;        /* first sample whose count differs from sample 0's */
  guint         odd_n_values;
  gboolean      has_odd_sample;

  guint32       max_indexed;       /* largest index given to add_sample_indexed + 1 */

  char         *check_message[N_CHECKS];
  guint32       location_error_index;
  char         *location_message;

  const char   *drop_frames;
  const char   *keep_frames;
  gint64        time_nanos;
  gint64        duration_nanos;
  PpvValueType  period_type;
  gint64        period;
  const char   *default_sample_type;
  const char   *doc_url;
};

typedef enum
{
  ID_INSERTED,
  ID_DUPLICATE,
  ID_FAILED,
} IdInsertResult;

/* ppv-profile-builder-store.c: the memory cap, arrays and id maps. */
void           _ppv_builder_set_full      (PpvProfileBuilder *self,
                                           char              *message);
gboolean       _ppv_builder_charge        (PpvProfileBuilder *self,
                                           gsize              delta);
gboolean       _ppv_builder_vec_resize    (PpvProfileBuilder *self,
                                           Vec               *v,
                                           gsize              elt,
                                           gsize              new_cap);
gboolean       _ppv_builder_vec_reserve   (PpvProfileBuilder *self,
                                           Vec               *v,
                                           gsize              elt,
                                           gsize              total);
gpointer       _ppv_builder_vec_steal     (Vec               *v,
                                           gsize              elt);
IdInsertResult _ppv_builder_id_map_insert (PpvProfileBuilder *self,
                                           IdMap             *map,
                                           guint64            id,
                                           guint32            value,
                                           gsize              n_stored);
void           _ppv_builder_id_map_clear  (IdMap             *map);
/* Points the last sample at an equal, earlier copy of its labels, if
 * there is one, and gives back its own. */
void           _ppv_builder_share_labels  (PpvProfileBuilder *self);
/* After the labels they hold changed in place. */
void           _ppv_builder_label_sets_rehash (PpvProfileBuilder *self);

/* ppv-profile-builder.c: problems finish() reports. */
void           _ppv_builder_set_location_message (PpvProfileBuilder *self,
                                                  guint32            location,
                                                  char              *message);

static inline gsize
_ppv_builder_id_hash (guint64 id,
                      gsize   cap)
{
  return (gsize) ((id * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 17) & (cap - 1);
}

static inline guint32
_ppv_builder_id_map_lookup (const IdMap *map,
                            guint64      id)
{
  gsize i;

  if (id < map->dense_len && map->dense[id] != PPV_NONE)
    return map->dense[id];

  if (map->count == 0)
    return PPV_NONE;

  for (i = _ppv_builder_id_hash (id, map->cap); map->keys[i] != 0; i = (i + 1) & (map->cap - 1))
    if (map->keys[i] == id)
      return map->vals[i];

  return PPV_NONE;
}

/* Makes room for @extra more elements. */
static inline gboolean
_ppv_builder_vec_grow (PpvProfileBuilder *self,
                       Vec               *v,
                       gsize              elt,
                       gsize              extra)
{
  gsize need, new_cap;

  /* Also allocates an empty array, so that &data[len] is never NULL + 0. */
  if (G_LIKELY (extra <= v->cap - v->len && v->data != NULL))
    return TRUE;

  if (self->full_message != NULL)
    return FALSE;

  if (extra > G_MAXSIZE - v->len)
    {
      _ppv_builder_set_full (self, g_strdup ("profile is too large to hold in memory"));
      return FALSE;
    }

  need = v->len + extra;
  new_cap = v->cap + v->cap / 2;
  if (new_cap < need)
    new_cap = need;
  if (new_cap < 16)
    new_cap = 16;

  /* Near the cap, settle for exactly what is needed. */
  if (self->max_bytes != 0 && new_cap > need && new_cap <= G_MAXSIZE / elt &&
      self->bytes + (new_cap - v->cap) * elt > self->max_bytes)
    new_cap = need;

  return _ppv_builder_vec_resize (self, v, elt, new_cap);
}

/* Strings handed to the add functions: interned here unless the caller
 * promised they already are. */
static inline const char *
_ppv_builder_intern_input (PpvProfileBuilder *self,
                           const char        *str)
{
  if (str == NULL)
    return self->empty;
  if (self->trusted)
    return str;
  return ppv_profile_builder_intern (self, str);
}

G_END_DECLS
