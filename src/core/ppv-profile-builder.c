/* ppv-profile-builder.c — assembles a PpvProfile from decoded entities and validates it.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything lands in a few growing flat arrays.  Ids are resolved to
 * indices as soon as the referenced entity is known (the protobuf reader
 * feeds mappings and functions, then locations, then samples, so nothing
 * waits); references to entities not yet seen wait in small "pending"
 * lists until finish().  Problems found on the way are remembered, not
 * reported, because the add functions have no GError: finish() reports
 * them in the order pprof's CheckValid would.
 */
#include "ppv-profile-private.h"
#include "ppv-text-util.h"

#include <string.h>

#include "ppv-error.h"

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

/* --- Memory accounting --------------------------------------------------- */

static void
set_full (PpvProfileBuilder *self,
          char              *message)
{
  if (self->full_message == NULL)
    self->full_message = message;
  else
    g_free (message);
}

static gboolean
charge (PpvProfileBuilder *self,
        gsize              delta)
{
  if (self->full_message != NULL)
    return FALSE;

  if (self->max_bytes != 0 &&
      (delta > self->max_bytes || self->bytes > self->max_bytes - delta))
    {
      g_autofree char *limit = ppv_format_byte_limit (self->max_bytes);

      set_full (self, g_strdup_printf ("profile exceeds the %s memory limit", limit));
      return FALSE;
    }

  self->bytes += delta;
  return TRUE;
}

static gboolean
vec_resize (PpvProfileBuilder *self,
            Vec               *v,
            gsize              elt,
            gsize              new_cap)
{
  gpointer data;

  if (new_cap > G_MAXSIZE / elt)
    {
      set_full (self, g_strdup ("profile is too large to hold in memory"));
      return FALSE;
    }

  if (new_cap > v->cap && !charge (self, (new_cap - v->cap) * elt))
    return FALSE;

  data = g_try_realloc (v->data, new_cap * elt);
  if (data == NULL)
    {
      self->bytes -= (new_cap - v->cap) * elt;
      set_full (self, g_strdup ("profile is too large to hold in memory"));
      return FALSE;
    }

  v->data = data;
  v->cap = new_cap;
  return TRUE;
}

/* Makes room for @extra more elements. */
static inline gboolean
vec_grow (PpvProfileBuilder *self,
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
      set_full (self, g_strdup ("profile is too large to hold in memory"));
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

  return vec_resize (self, v, elt, new_cap);
}

static gboolean
vec_reserve (PpvProfileBuilder *self,
             Vec               *v,
             gsize              elt,
             gsize              total)
{
  if (total <= v->cap)
    return TRUE;
  return vec_resize (self, v, elt, total);
}

/* Hands the array over at its exact size; never returns NULL so that
 * consumers may index an empty array's base pointer freely. */
static gpointer
vec_steal (Vec   *v,
           gsize  elt)
{
  gpointer data;

  if (v->len == 0)
    {
      g_free (v->data);
      data = g_malloc0 (elt);
    }
  else if (v->len < v->cap)
    data = g_realloc (v->data, v->len * elt);
  else
    data = v->data;

  v->data = NULL;
  v->len = v->cap = 0;
  return data;
}

/* --- Id maps ------------------------------------------------------------- */

static inline gsize
id_hash (guint64 id,
         gsize   cap)
{
  return (gsize) ((id * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 17) & (cap - 1);
}

static guint32
id_map_lookup (const IdMap *map,
               guint64      id)
{
  gsize i;

  if (id < map->dense_len && map->dense[id] != PPV_NONE)
    return map->dense[id];

  if (map->count == 0)
    return PPV_NONE;

  for (i = id_hash (id, map->cap); map->keys[i] != 0; i = (i + 1) & (map->cap - 1))
    if (map->keys[i] == id)
      return map->vals[i];

  return PPV_NONE;
}

static gboolean
id_map_hash_insert (PpvProfileBuilder *self,
                    IdMap             *map,
                    guint64            id,
                    guint32            value)
{
  gsize i;

  if ((map->count + 1) * 2 > map->cap)
    {
      gsize new_cap = map->cap ? map->cap * 2 : 64;
      guint64 *keys;
      guint32 *vals;

      if (!charge (self, (new_cap - map->cap) * (sizeof (guint64) + sizeof (guint32))))
        return FALSE;

      keys = g_try_new0 (guint64, new_cap);
      vals = g_try_new (guint32, new_cap);
      if (keys == NULL || vals == NULL)
        {
          g_free (keys);
          g_free (vals);
          set_full (self, g_strdup ("profile is too large to hold in memory"));
          return FALSE;
        }

      for (i = 0; i < map->cap; i++)
        if (map->keys[i] != 0)
          {
            gsize j;

            for (j = id_hash (map->keys[i], new_cap); keys[j] != 0; j = (j + 1) & (new_cap - 1))
              ;
            keys[j] = map->keys[i];
            vals[j] = map->vals[i];
          }

      g_free (map->keys);
      g_free (map->vals);
      map->keys = keys;
      map->vals = vals;
      map->cap = new_cap;
    }

  for (i = id_hash (id, map->cap); map->keys[i] != 0; i = (i + 1) & (map->cap - 1))
    ;
  map->keys[i] = id;
  map->vals[i] = value;
  map->count++;
  return TRUE;
}

typedef enum
{
  ID_INSERTED,
  ID_DUPLICATE,
  ID_FAILED,
} IdInsertResult;

/* @n_stored is how many entities of this kind exist so far; it bounds the
 * dense part so that one huge id cannot make it huge. */
static IdInsertResult
id_map_insert (PpvProfileBuilder *self,
               IdMap             *map,
               guint64            id,
               guint32            value,
               gsize              n_stored)
{
  gsize bound;

  g_assert (id != 0);

  if (id_map_lookup (map, id) != PPV_NONE)
    return ID_DUPLICATE;

  if (id < map->dense_len)
    {
      map->dense[id] = value;
      return ID_INSERTED;
    }

  bound = 2 * MAX (n_stored + 1, map->expected + 1) + 4096;
  if (id < bound)
    {
      gsize new_len = MAX (id + 1, map->dense_len * 2);
      guint32 *dense;

      new_len = MIN (new_len, bound);
      if (!charge (self, (new_len - map->dense_len) * sizeof (guint32)))
        return ID_FAILED;

      dense = g_try_renew (guint32, map->dense, new_len);
      if (dense == NULL)
        {
          set_full (self, g_strdup ("profile is too large to hold in memory"));
          return ID_FAILED;
        }
      memset (dense + map->dense_len, 0xff, (new_len - map->dense_len) * sizeof (guint32));
      map->dense = dense;
      map->dense_len = new_len;
      map->dense[id] = value;
      return ID_INSERTED;
    }

  return id_map_hash_insert (self, map, id, value) ? ID_INSERTED : ID_FAILED;
}

static void
id_map_clear (IdMap *map)
{
  g_clear_pointer (&map->dense, g_free);
  g_clear_pointer (&map->keys, g_free);
  g_clear_pointer (&map->vals, g_free);
  map->dense_len = map->cap = map->count = 0;
}

/* --- Strings ------------------------------------------------------------- */

static inline gsize
cache_slot (const char *str)
{
  return ((guintptr) str >> 3) % N_CACHE;
}

static inline guint64
load64 (const guint8 *p)
{
  guint64 v;

  memcpy (&v, p, sizeof v);
  return v;
}

/* Eight bytes at a time: profile strings are long Go symbol names. */
static guint32
string_hash (const char *str,
             gsize       len)
{
  const guint8 *p = (const guint8 *) str;
  guint64 h = len * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  for (; len >= 8; p += 8, len -= 8)
    {
      h = (h ^ load64 (p)) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
      h ^= h >> 32;
    }
  if (len > 0)
    {
      guint64 tail = 0;

      memcpy (&tail, p, len);
      h = (h ^ tail) * G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
    }
  h ^= h >> 29;
  h *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  h ^= h >> 32;
  return (guint32) h;
}

static gboolean
str_set_resize (PpvProfileBuilder *self,
                gsize              cap)
{
  StrSlot *slots = g_try_new0 (StrSlot, cap);

  if (slots == NULL)
    return FALSE;

  for (gsize i = 0; i < self->str_cap; i++)
    if (self->str_slots[i].str != NULL)
      {
        gsize j = self->str_slots[i].hash & (cap - 1);

        while (slots[j].str != NULL)
          j = (j + 1) & (cap - 1);
        slots[j] = self->str_slots[i];
      }

  g_free (self->str_slots);
  self->str_slots = slots;
  self->str_cap = cap;
  return TRUE;
}

/* The slot holding @len bytes at @str, or the free slot where they go.
 * Stored strings hold no nul, so equal lengths keep memcmp in bounds. */
static inline StrSlot *
str_set_find (PpvProfileBuilder *self,
              const char        *str,
              gsize              len,
              guint32            hash)
{
  gsize mask = self->str_cap - 1;
  gsize i;

  for (i = hash & mask; self->str_slots[i].str != NULL; i = (i + 1) & mask)
    {
      StrSlot *slot = &self->str_slots[i];

      if (slot->hash == hash && slot->len == (guint32) len &&
          memcmp (slot->str, str, len) == 0 && slot->str[len] == '\0')
        return slot;
    }
  return &self->str_slots[i];
}

/* @str is @len bytes of valid UTF-8 without nuls; @slot is where
 * str_set_find() said it goes. */
static const char *
str_set_add (PpvProfileBuilder *self,
             StrSlot           *slot,
             const char        *str,
             gsize              len,
             guint32            hash)
{
  const char *interned;

  /* Strings are charged even past the cap so that the pointer stays
   * valid; the cap still fails the build in finish(). */
  charge (self, len + 1 + 4 * sizeof (gpointer));
  self->string_bytes += len + 1;
  interned = g_string_chunk_insert_len (self->strings, str, len);
  *slot = (StrSlot) { interned, hash, (guint32) len };

  /* Out of memory only aborts, as a GHashTable would, once truly full. */
  if (++self->str_count * 4 > self->str_cap * 3 &&
      !str_set_resize (self, self->str_cap * 2) && self->str_count + 1 >= self->str_cap)
    g_error ("out of memory interning strings");
  return interned;
}

/* @str is @len bytes long and valid UTF-8, without nuls. */
static const char *
intern_valid (PpvProfileBuilder *self,
              const char        *str,
              gsize              len)
{
  guint32 hash;
  StrSlot *slot;
  const char *interned;

  if (len == 0)
    return self->empty;

  hash = string_hash (str, len);
  slot = str_set_find (self, str, len, hash);
  interned = slot->str != NULL ? slot->str : str_set_add (self, slot, str, len, hash);
  self->cache[cache_slot (interned)] = interned;
  return interned;
}

const char *
_ppv_profile_builder_intern_len (PpvProfileBuilder *self,
                                 const char        *str,
                                 gsize              len)
{
  guint32 hash;
  StrSlot *slot;

  g_assert (self != NULL);

  if (len == 0)
    return self->empty;

  /* Only bytes not seen yet need checking: every stored string is valid. */
  hash = string_hash (str, len);
  slot = str_set_find (self, str, len, hash);
  if (slot->str != NULL)
    return slot->str;

  if (memchr (str, '\0', len) != NULL || !g_utf8_validate (str, len, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (str, len);

      return intern_valid (self, valid, strlen (valid));
    }

  return str_set_add (self, slot, str, len, hash);
}

void
_ppv_profile_builder_prefetch (PpvProfileBuilder *self,
                               const char        *str,
                               gsize              len)
{
  __builtin_prefetch (&self->str_slots[string_hash (str, len) & (self->str_cap - 1)]);
}

/* A hint: the set grows by itself if this fails or falls short.  Never
 * more than the memory cap leaves room for. */
void
_ppv_profile_builder_reserve_strings (PpvProfileBuilder *self,
                                      gsize              n_strings)
{
  gsize cap = self->str_cap;

  if (n_strings > G_MAXSIZE / 64)
    return;
  while ((self->str_count + n_strings) * 4 > cap * 3)
    cap *= 2;
  if (cap == self->str_cap ||
      (self->max_bytes != 0 && cap * sizeof (StrSlot) > (self->max_bytes - MIN (self->bytes, self->max_bytes)) / 4))
    return;
  str_set_resize (self, cap);
}

void
_ppv_profile_builder_set_trusted (PpvProfileBuilder *self,
                                  gboolean           trusted)
{
  self->trusted = trusted;
}

/* Strings handed to the add functions: interned here unless the caller
 * promised they already are. */
static inline const char *
intern_input (PpvProfileBuilder *self,
              const char        *str)
{
  if (str == NULL)
    return self->empty;
  if (self->trusted)
    return str;
  return ppv_profile_builder_intern (self, str);
}

const char *
ppv_profile_builder_intern (PpvProfileBuilder *self,
                            const char        *str)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (str == NULL || str[0] == '\0')
    return self->empty;

  if (self->cache[cache_slot (str)] == str)
    return str;

  if (!g_utf8_validate (str, -1, NULL))
    return _ppv_profile_builder_intern_len (self, str, strlen (str));

  return intern_valid (self, str, strlen (str));
}

/* --- Construction -------------------------------------------------------- */

PpvProfileBuilder *
ppv_profile_builder_new (void)
{
  PpvProfileBuilder *self = g_new0 (PpvProfileBuilder, 1);

  self->strings = g_string_chunk_new (64 * 1024);
  self->str_cap = 1024;
  self->str_slots = g_new0 (StrSlot, self->str_cap);
  self->empty = g_string_chunk_insert_len (self->strings, "", 0);
  self->string_bytes = 1;
  self->bytes = sizeof (PpvProfileBuilder) + 64 * 1024;
  self->location_error_index = PPV_NONE;
  self->odd_sample = PPV_NONE;

  self->drop_frames = self->empty;
  self->keep_frames = self->empty;
  self->period_type.type = self->empty;
  self->period_type.unit = self->empty;
  self->default_sample_type = self->empty;
  self->doc_url = self->empty;

  return self;
}

void
ppv_profile_builder_free (PpvProfileBuilder *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self->str_slots);
  g_free (self->full_message);

  g_free (self->sample_types.data);
  g_free (self->samples.data);
  g_free (self->values.data);
  g_free (self->stacks.data);
  g_free (self->labels.data);
  g_free (self->mappings.data);
  g_free (self->functions.data);
  g_free (self->locations.data);
  g_free (self->lines.data);
  g_free (self->comments.data);
  g_free (self->pending_stacks.data);
  g_free (self->pending_lines.data);
  g_free (self->pending_mappings.data);

  id_map_clear (&self->mapping_ids);
  id_map_clear (&self->function_ids);
  id_map_clear (&self->location_ids);

  for (guint i = 0; i < N_CHECKS; i++)
    g_free (self->check_message[i]);
  g_free (self->location_message);

  g_free (self);
}

void
ppv_profile_builder_set_memory_cap (PpvProfileBuilder *self,
                                    gsize              max_bytes)
{
  g_return_if_fail (self != NULL);

  self->max_bytes = max_bytes;
  charge (self, 0);
}

gboolean
_ppv_profile_builder_is_full (PpvProfileBuilder *self)
{
  return self->full_message != NULL;
}

gsize
_ppv_profile_builder_get_memory (PpvProfileBuilder *self)
{
  return self->bytes;
}

gboolean
_ppv_profile_builder_reserve (PpvProfileBuilder *self,
                              gsize              n_samples,
                              gsize              n_values,
                              gsize              n_mappings,
                              gsize              n_functions,
                              gsize              n_locations)
{
  self->mapping_ids.expected = n_mappings;
  self->function_ids.expected = n_functions;
  self->location_ids.expected = n_locations;

  return vec_reserve (self, &self->samples, sizeof (PpvSample), n_samples) &&
         vec_reserve (self, &self->values, sizeof (gint64), n_values) &&
         vec_reserve (self, &self->mappings, sizeof (PpvMapping), n_mappings) &&
         vec_reserve (self, &self->functions, sizeof (PpvFunction), n_functions) &&
         vec_reserve (self, &self->locations, sizeof (PpvLocation), n_locations);
}

static void
set_check_message (PpvProfileBuilder *self,
                   CheckSlot          slot,
                   char              *message)
{
  if (self->check_message[slot] == NULL)
    self->check_message[slot] = message;
  else
    g_free (message);
}

/* Locations are checked in index order, as pprof does. */
static void
set_location_message (PpvProfileBuilder *self,
                      guint32            location,
                      char              *message)
{
  if (location < self->location_error_index)
    {
      g_free (self->location_message);
      self->location_message = message;
      self->location_error_index = location;
    }
  else
    g_free (message);
}

void
ppv_profile_builder_add_sample_type (PpvProfileBuilder *self,
                                     const char        *type,
                                     const char        *unit)
{
  PpvValueType *vt;

  g_return_if_fail (self != NULL);

  if (self->sample_types.len >= G_MAXUINT ||
      !vec_grow (self, &self->sample_types, sizeof (PpvValueType), 1))
    return;

  vt = &VEC_AT (self->sample_types, PpvValueType, self->sample_types.len++);
  vt->type = ppv_profile_builder_intern (self, type);
  vt->unit = ppv_profile_builder_intern (self, unit);
}

void
ppv_profile_builder_add_mapping (PpvProfileBuilder *self,
                                 const PpvMapping  *mapping)
{
  PpvMapping *m;
  guint32 index;

  g_return_if_fail (self != NULL);
  g_return_if_fail (mapping != NULL);

  if (self->mappings.len >= PPV_NONE - 1)
    {
      set_full (self, g_strdup ("profile has too many mappings"));
      return;
    }
  if (!vec_grow (self, &self->mappings, sizeof (PpvMapping), 1))
    return;

  index = self->mappings.len;
  if (mapping->id == 0)
    set_check_message (self, CHECK_MAPPINGS, g_strdup ("a mapping has the reserved id 0"));
  else
    switch (id_map_insert (self, &self->mapping_ids, mapping->id, index, index))
      {
      case ID_INSERTED:
        break;
      case ID_DUPLICATE:
        set_check_message (self, CHECK_MAPPINGS,
                           g_strdup_printf ("multiple mappings have the id %" G_GUINT64_FORMAT,
                                            mapping->id));
        break;
      case ID_FAILED:
      default:
        return;
      }

  m = &VEC_AT (self->mappings, PpvMapping, self->mappings.len++);
  *m = *mapping;
  m->filename = intern_input (self, mapping->filename);
  m->build_id = intern_input (self, mapping->build_id);
}

void
ppv_profile_builder_add_function (PpvProfileBuilder *self,
                                  const PpvFunction *function)
{
  PpvFunction *f;
  guint32 index;

  g_return_if_fail (self != NULL);
  g_return_if_fail (function != NULL);

  if (self->functions.len >= PPV_NONE - 1)
    {
      set_full (self, g_strdup ("profile has too many functions"));
      return;
    }
  if (!vec_grow (self, &self->functions, sizeof (PpvFunction), 1))
    return;

  index = self->functions.len;
  if (function->id == 0)
    set_check_message (self, CHECK_FUNCTIONS, g_strdup ("a function has the reserved id 0"));
  else
    switch (id_map_insert (self, &self->function_ids, function->id, index, index))
      {
      case ID_INSERTED:
        break;
      case ID_DUPLICATE:
        set_check_message (self, CHECK_FUNCTIONS,
                           g_strdup_printf ("multiple functions have the id %" G_GUINT64_FORMAT,
                                            function->id));
        break;
      case ID_FAILED:
      default:
        return;
      }

  f = &VEC_AT (self->functions, PpvFunction, self->functions.len++);
  *f = *function;
  f->name = intern_input (self, function->name);
  f->system_name = intern_input (self, function->system_name);
  f->filename = intern_input (self, function->filename);
}

void
ppv_profile_builder_add_location (PpvProfileBuilder *self,
                                  guint64            id,
                                  guint64            mapping_id,
                                  guint64            address,
                                  gboolean           is_folded,
                                  const guint64     *line_function_ids,
                                  const gint64      *line_numbers,
                                  const gint64      *line_columns,
                                  guint              n_lines)
{
  PpvLocation *loc;
  guint32 index;

  g_return_if_fail (self != NULL);
  g_return_if_fail (n_lines == 0 || line_function_ids != NULL);

  if (self->locations.len >= PPV_NONE - 1)
    {
      set_full (self, g_strdup ("profile has too many locations"));
      return;
    }
  if (n_lines > G_MAXUINT32 - self->lines.len)
    {
      set_full (self, g_strdup ("profile has too many lines"));
      return;
    }
  if (!vec_grow (self, &self->locations, sizeof (PpvLocation), 1) ||
      !vec_grow (self, &self->lines, sizeof (PpvLine), n_lines))
    return;

  index = self->locations.len;
  if (id == 0)
    set_location_message (self, index, g_strdup ("a location has the reserved id 0"));
  else
    switch (id_map_insert (self, &self->location_ids, id, index, index))
      {
      case ID_INSERTED:
        break;
      case ID_DUPLICATE:
        set_location_message (self, index,
                              g_strdup_printf ("multiple locations have the id %" G_GUINT64_FORMAT, id));
        break;
      case ID_FAILED:
      default:
        return;
      }

  loc = &VEC_AT (self->locations, PpvLocation, self->locations.len++);
  loc->id = id;
  loc->address = address;
  loc->is_folded = is_folded != FALSE;
  loc->lines_offset = self->lines.len;
  loc->n_lines = n_lines;
  loc->mapping = PPV_NONE;

  if (mapping_id != 0)
    {
      loc->mapping = id_map_lookup (&self->mapping_ids, mapping_id);
      if (loc->mapping == PPV_NONE &&
          vec_grow (self, &self->pending_mappings, sizeof (PendingMapping), 1))
        {
          PendingMapping *p = &VEC_AT (self->pending_mappings, PendingMapping,
                                       self->pending_mappings.len++);
          p->location = index;
          p->id = mapping_id;
        }
    }

  for (guint i = 0; i < n_lines; i++)
    {
      PpvLine *line = &VEC_AT (self->lines, PpvLine, self->lines.len);
      guint64 fid = line_function_ids[i];

      line->line = line_numbers ? line_numbers[i] : 0;
      line->column = line_columns ? line_columns[i] : 0;
      line->function = 0;

      if (fid == 0)
        set_location_message (self, index,
                              g_strdup_printf ("location %" G_GUINT64_FORMAT
                                               " has a line without a function", id));
      else if ((line->function = id_map_lookup (&self->function_ids, fid)) == PPV_NONE)
        {
          line->function = 0;
          if (vec_grow (self, &self->pending_lines, sizeof (PendingLine), 1))
            {
              PendingLine *p = &VEC_AT (self->pending_lines, PendingLine,
                                        self->pending_lines.len++);
              p->line = self->lines.len;
              p->location = index;
              p->id = fid;
            }
        }

      self->lines.len++;
    }
}

/* Reserves one sample row and returns it with its stack and label room. */
static PpvSample *
begin_sample (PpvProfileBuilder *self,
              guint              n_locations,
              guint              n_values,
              guint              n_labels)
{
  PpvSample *sample;
  guint32 index;

  if (self->full_message != NULL)
    return NULL;

  if (self->samples.len >= G_MAXUINT32)
    {
      set_full (self, g_strdup ("profile has too many samples"));
      return NULL;
    }
  if (n_locations > G_MAXUINT32 - self->stacks.len)
    {
      set_full (self, g_strdup ("profile has too many stack frames"));
      return NULL;
    }
  if (n_labels > G_MAXUINT32 - self->labels.len)
    {
      set_full (self, g_strdup ("profile has too many labels"));
      return NULL;
    }

  if (!vec_grow (self, &self->samples, sizeof (PpvSample), 1) ||
      !vec_grow (self, &self->stacks, sizeof (guint32), n_locations) ||
      !vec_grow (self, &self->values, sizeof (gint64), n_values) ||
      !vec_grow (self, &self->labels, sizeof (PpvLabel), n_labels))
    return NULL;

  index = self->samples.len;
  if (index == 0)
    self->first_n_values = n_values;
  else if (n_values != self->first_n_values && !self->has_odd_sample)
    {
      self->has_odd_sample = TRUE;
      self->odd_sample = index;
      self->odd_n_values = n_values;
    }

  sample = &VEC_AT (self->samples, PpvSample, self->samples.len++);
  sample->stack_offset = self->stacks.len;
  sample->n_locations = n_locations;
  sample->labels_offset = self->labels.len;
  sample->n_labels = n_labels;
  return sample;
}

static void
finish_sample (PpvProfileBuilder *self,
               const gint64      *values,
               guint              n_values,
               const PpvLabel    *labels,
               guint              n_labels)
{
  if (n_values > 0)
    memcpy (&VEC_AT (self->values, gint64, self->values.len), values, n_values * sizeof (gint64));
  self->values.len += n_values;

  for (guint i = 0; i < n_labels; i++)
    {
      PpvLabel *label = &VEC_AT (self->labels, PpvLabel, self->labels.len++);

      label->key = intern_input (self, labels[i].key);
      label->str = labels[i].str ? intern_input (self, labels[i].str) : NULL;
      label->num = labels[i].num;
      label->num_unit = intern_input (self, labels[i].num_unit);
    }
}

void
ppv_profile_builder_add_sample (PpvProfileBuilder *self,
                                const guint64     *location_ids,
                                guint              n_locations,
                                const gint64      *values,
                                guint              n_values,
                                const PpvLabel    *labels,
                                guint              n_labels)
{
  PpvSample *sample;
  guint32 *stack;

  g_return_if_fail (self != NULL);
  g_return_if_fail (n_locations == 0 || location_ids != NULL);
  g_return_if_fail (n_values == 0 || values != NULL);
  g_return_if_fail (n_labels == 0 || labels != NULL);

  if ((sample = begin_sample (self, n_locations, n_values, n_labels)) == NULL)
    return;

  stack = &VEC_AT (self->stacks, guint32, self->stacks.len);
  for (guint i = 0; i < n_locations; i++)
    {
      stack[i] = id_map_lookup (&self->location_ids, location_ids[i]);
      if (G_UNLIKELY (stack[i] == PPV_NONE) &&
          vec_grow (self, &self->pending_stacks, sizeof (PendingStack), 1))
        {
          PendingStack *p = &VEC_AT (self->pending_stacks, PendingStack,
                                     self->pending_stacks.len++);
          p->sample = self->samples.len - 1;
          p->pos = self->stacks.len + i;
          p->id = location_ids[i];
        }
    }
  self->stacks.len += n_locations;

  finish_sample (self, values, n_values, labels, n_labels);
}

void
ppv_profile_builder_add_sample_indexed (PpvProfileBuilder *self,
                                        const guint32     *location_indices,
                                        guint              n_locations,
                                        const gint64      *values,
                                        guint              n_values,
                                        const PpvLabel    *labels,
                                        guint              n_labels)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (n_locations == 0 || location_indices != NULL);
  g_return_if_fail (n_values == 0 || values != NULL);
  g_return_if_fail (n_labels == 0 || labels != NULL);

  if (begin_sample (self, n_locations, n_values, n_labels) == NULL)
    return;

  for (guint i = 0; i < n_locations; i++)
    {
      guint32 index = location_indices[i];

      if (index >= self->max_indexed)
        self->max_indexed = index == PPV_NONE ? PPV_NONE : index + 1;
    }

  if (n_locations > 0)
    memcpy (&VEC_AT (self->stacks, guint32, self->stacks.len), location_indices,
            n_locations * sizeof (guint32));
  self->stacks.len += n_locations;

  finish_sample (self, values, n_values, labels, n_labels);
}

/* --- Deferred samples --------------------------------------------------- */

void
_ppv_profile_builder_add_sample_deferred (PpvProfileBuilder *self,
                                          const guint64     *location_ids,
                                          guint              n_locations,
                                          const gint64      *values,
                                          guint              n_values,
                                          const PpvLabel    *labels,
                                          guint              n_labels)
{
  guint32 *stack;

  if (begin_sample (self, n_locations, n_values, n_labels) == NULL)
    return;

  stack = &VEC_AT (self->stacks, guint32, self->stacks.len);
  for (guint i = 0; i < n_locations; i++)
    stack[i] = (guint32) location_ids[i];
  self->stacks.len += n_locations;

  if (n_values > 0)
    memcpy (&VEC_AT (self->values, gint64, self->values.len), values, n_values * sizeof (gint64));
  self->values.len += n_values;
  if (n_labels > 0)
    memcpy (&VEC_AT (self->labels, PpvLabel, self->labels.len), labels, n_labels * sizeof (PpvLabel));
  self->labels.len += n_labels;
}

gboolean
_ppv_profile_builder_resolve_deferred (PpvProfileBuilder   *self,
                                       PpvDeferredStringFn  string,
                                       gpointer             data)
{
  guint32 *stacks = self->stacks.data;
  PpvLabel *labels = self->labels.data;

  if (self->full_message != NULL)
    return FALSE;

  for (gsize i = 0; i < self->stacks.len; i++)
    if ((stacks[i] = id_map_lookup (&self->location_ids, stacks[i])) == PPV_NONE)
      return FALSE;

  for (gsize i = 0; i < self->labels.len; i++)
    {
      PpvLabel *l = &labels[i];
      gsize str = GPOINTER_TO_SIZE (l->str), unit = GPOINTER_TO_SIZE (l->num_unit);

      if (!string (data, GPOINTER_TO_SIZE (l->key), &l->key))
        return FALSE;
      if (str == 0)
        l->str = NULL;
      else if (!string (data, str, &l->str))
        return FALSE;
      if (unit == 0)
        l->num_unit = self->empty;
      else if (!string (data, unit, &l->num_unit))
        return FALSE;
    }
  return TRUE;
}

static void
vec_drop (PpvProfileBuilder *self,
          Vec               *v,
          gsize              elt)
{
  self->bytes -= MIN (self->bytes, v->cap * elt);
  g_clear_pointer (&v->data, g_free);
  v->len = v->cap = 0;
}

void
_ppv_profile_builder_drop_samples (PpvProfileBuilder *self)
{
  vec_drop (self, &self->samples, sizeof (PpvSample));
  vec_drop (self, &self->stacks, sizeof (guint32));
  vec_drop (self, &self->values, sizeof (gint64));
  vec_drop (self, &self->labels, sizeof (PpvLabel));
  vec_drop (self, &self->pending_stacks, sizeof (PendingStack));
  self->first_n_values = 0;
  self->has_odd_sample = FALSE;
  self->odd_sample = PPV_NONE;
  self->odd_n_values = 0;
  self->max_indexed = 0;
}

void
ppv_profile_builder_add_comment (PpvProfileBuilder *self,
                                 const char        *comment)
{
  g_return_if_fail (self != NULL);

  if (self->comments.len >= G_MAXUINT ||
      !vec_grow (self, &self->comments, sizeof (const char *), 1))
    return;

  VEC_AT (self->comments, const char *, self->comments.len++) =
    ppv_profile_builder_intern (self, comment);
}

void
ppv_profile_builder_set_times (PpvProfileBuilder *self,
                               gint64             time_nanos,
                               gint64             duration_nanos)
{
  g_return_if_fail (self != NULL);

  self->time_nanos = time_nanos;
  self->duration_nanos = duration_nanos;
}

void
ppv_profile_builder_set_period (PpvProfileBuilder *self,
                                const char        *type,
                                const char        *unit,
                                gint64             period)
{
  g_return_if_fail (self != NULL);

  self->period_type.type = ppv_profile_builder_intern (self, type);
  self->period_type.unit = ppv_profile_builder_intern (self, unit);
  self->period = period;
}

void
ppv_profile_builder_set_frames (PpvProfileBuilder *self,
                                const char        *drop_frames,
                                const char        *keep_frames)
{
  g_return_if_fail (self != NULL);

  self->drop_frames = ppv_profile_builder_intern (self, drop_frames);
  self->keep_frames = ppv_profile_builder_intern (self, keep_frames);
}

void
ppv_profile_builder_set_default_sample_type (PpvProfileBuilder *self,
                                             const char        *type)
{
  g_return_if_fail (self != NULL);

  self->default_sample_type = ppv_profile_builder_intern (self, type);
}

void
ppv_profile_builder_set_doc_url (PpvProfileBuilder *self,
                                 const char        *doc_url)
{
  g_return_if_fail (self != NULL);

  self->doc_url = ppv_profile_builder_intern (self, doc_url);
}

/* --- Finishing ----------------------------------------------------------- */

static void
resolve_pending (PpvProfileBuilder *self)
{
  for (gsize i = 0; i < self->pending_mappings.len; i++)
    {
      PendingMapping *p = &VEC_AT (self->pending_mappings, PendingMapping, i);

      /* An unknown mapping id means "no mapping", as in pprof. */
      VEC_AT (self->locations, PpvLocation, p->location).mapping =
        id_map_lookup (&self->mapping_ids, p->id);
    }

  for (gsize i = 0; i < self->pending_lines.len; i++)
    {
      PendingLine *p = &VEC_AT (self->pending_lines, PendingLine, i);
      guint32 function = id_map_lookup (&self->function_ids, p->id);

      if (function != PPV_NONE)
        VEC_AT (self->lines, PpvLine, p->line).function = function;
      else
        set_location_message (self, p->location,
                              g_strdup_printf ("location %" G_GUINT64_FORMAT
                                               " refers to missing function %" G_GUINT64_FORMAT,
                                               VEC_AT (self->locations, PpvLocation, p->location).id,
                                               p->id));
    }
}

/* The first problem with samples, in sample order, or NULL. */
static char *
check_samples (PpvProfileBuilder *self)
{
  guint n_types = self->sample_types.len;
  guint32 bad_values = PPV_NONE;
  guint bad_n_values = 0;
  guint32 bad_location = PPV_NONE;
  char *location_message = NULL;

  if (self->samples.len == 0)
    return NULL;

  if (n_types == 0)
    return g_strdup ("profile has samples but no sample types");

  if (self->first_n_values != n_types)
    {
      bad_values = 0;
      bad_n_values = self->first_n_values;
    }
  else if (self->has_odd_sample)
    {
      bad_values = self->odd_sample;
      bad_n_values = self->odd_n_values;
    }

  for (gsize i = 0; i < self->pending_stacks.len; i++)
    {
      PendingStack *p = &VEC_AT (self->pending_stacks, PendingStack, i);
      guint32 index = id_map_lookup (&self->location_ids, p->id);

      if (index != PPV_NONE)
        VEC_AT (self->stacks, guint32, p->pos) = index;
      else if (bad_location == PPV_NONE)
        {
          bad_location = p->sample;
          location_message =
            g_strdup_printf ("sample %u refers to missing location %" G_GUINT64_FORMAT,
                             p->sample, p->id);
        }
    }

  if (self->max_indexed > self->locations.len)
    {
      for (gsize s = 0; s < self->samples.len && bad_location == PPV_NONE; s++)
        {
          const PpvSample *sample = &VEC_AT (self->samples, PpvSample, s);

          for (guint32 i = 0; i < sample->n_locations; i++)
            {
              guint32 index = VEC_AT (self->stacks, guint32, sample->stack_offset + i);

              if (index >= self->locations.len)
                {
                  bad_location = s;
                  location_message =
                    g_strdup_printf ("sample %u refers to location index %u but the profile has %u locations",
                                     (guint) s, index, (guint) self->locations.len);
                  break;
                }
            }
        }
    }

  if (bad_values != PPV_NONE && bad_values <= bad_location)
    {
      g_free (location_message);
      return g_strdup_printf ("sample %u has %u values but the profile has %u sample types",
                              bad_values, bad_n_values, n_types);
    }

  return location_message;
}

PpvProfile *
ppv_profile_builder_finish (PpvProfileBuilder *self,
                            const char        *source,
                            GError           **error)
{
  PpvProfileReal *real;
  PpvProfile *p;
  g_autofree char *message = NULL;
  int code = PPV_PROFILE_ERROR_INVALID;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (source == NULL)
    source = "profile";

  if (self->full_message != NULL)
    {
      message = g_steal_pointer (&self->full_message);
      code = PPV_PROFILE_ERROR_TOO_LARGE;
    }
  else
    {
      resolve_pending (self);

      if ((message = check_samples (self)) == NULL &&
          (message = g_steal_pointer (&self->check_message[CHECK_MAPPINGS])) == NULL &&
          (message = g_steal_pointer (&self->check_message[CHECK_FUNCTIONS])) == NULL)
        message = g_steal_pointer (&self->location_message);
    }

  if (message != NULL)
    {
      g_set_error (error, PPV_PROFILE_ERROR, code, "%s: %s", source, message);
      ppv_profile_builder_free (self);
      return NULL;
    }

  real = g_new0 (PpvProfileReal, 1);
  p = &real->pub;
  p->ref_count = 1;
  p->strings = g_steal_pointer (&self->strings);
  real->string_bytes = self->string_bytes;

  p->n_sample_types = self->sample_types.len;
  p->sample_types = vec_steal (&self->sample_types, sizeof (PpvValueType));
  p->n_samples = self->samples.len;
  p->samples = vec_steal (&self->samples, sizeof (PpvSample));
  p->values = vec_steal (&self->values, sizeof (gint64));
  p->n_stacks = self->stacks.len;
  p->stacks = vec_steal (&self->stacks, sizeof (guint32));
  p->n_labels = self->labels.len;
  p->labels = vec_steal (&self->labels, sizeof (PpvLabel));
  p->n_mappings = self->mappings.len;
  p->mappings = vec_steal (&self->mappings, sizeof (PpvMapping));
  p->n_locations = self->locations.len;
  p->locations = vec_steal (&self->locations, sizeof (PpvLocation));
  p->n_lines = self->lines.len;
  p->lines = vec_steal (&self->lines, sizeof (PpvLine));
  p->n_functions = self->functions.len;
  p->functions = vec_steal (&self->functions, sizeof (PpvFunction));
  p->n_comments = self->comments.len;
  p->comments = vec_steal (&self->comments, sizeof (const char *));

  p->drop_frames = self->drop_frames;
  p->keep_frames = self->keep_frames;
  p->time_nanos = self->time_nanos;
  p->duration_nanos = self->duration_nanos;
  p->period_type = self->period_type;
  p->period = self->period;
  p->default_sample_type = self->default_sample_type;
  p->doc_url = self->doc_url;

  ppv_profile_builder_free (self);
  return p;
}
