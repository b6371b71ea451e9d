/* ppv-profile-builder-store.c — the builder's memory cap, growing arrays and id maps.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-profile-builder-private.h"

#include "ppv-text-util.h"

/* --- Memory accounting --------------------------------------------------- */

void
_ppv_builder_set_full (PpvProfileBuilder *self,
                       char              *message)
{
  if (self->full_message == NULL)
    self->full_message = message;
  else
    g_free (message);
}

gboolean
_ppv_builder_charge (PpvProfileBuilder *self,
                     gsize              delta)
{
  if (self->full_message != NULL)
    return FALSE;

  if (self->max_bytes != 0 &&
      (delta > self->max_bytes || self->bytes > self->max_bytes - delta))
    {
      g_autofree char *limit = ppv_format_byte_limit (self->max_bytes);

      _ppv_builder_set_full (self, g_strdup_printf ("profile exceeds the %s memory limit", limit));
      return FALSE;
    }

  self->bytes += delta;
  return TRUE;
}

gboolean
_ppv_builder_vec_resize (PpvProfileBuilder *self,
                         Vec               *v,
                         gsize              elt,
                         gsize              new_cap)
{
  gpointer data;

  if (new_cap > G_MAXSIZE / elt)
    {
      _ppv_builder_set_full (self, g_strdup ("profile is too large to hold in memory"));
      return FALSE;
    }

  if (new_cap > v->cap && !_ppv_builder_charge (self, (new_cap - v->cap) * elt))
    return FALSE;

  data = g_try_realloc (v->data, new_cap * elt);
  if (data == NULL)
    {
      self->bytes -= (new_cap - v->cap) * elt;
      _ppv_builder_set_full (self, g_strdup ("profile is too large to hold in memory"));
      return FALSE;
    }

  v->data = data;
  v->cap = new_cap;
  return TRUE;
}


gboolean
_ppv_builder_vec_reserve (PpvProfileBuilder *self,
                          Vec               *v,
                          gsize              elt,
                          gsize              total)
{
  if (total <= v->cap)
    return TRUE;
  return _ppv_builder_vec_resize (self, v, elt, total);
}

/* Hands the array over at its exact size; never returns NULL so that
 * consumers may index an empty array's base pointer freely. */
gpointer
_ppv_builder_vec_steal (Vec   *v,
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

      if (!_ppv_builder_charge (self, (new_cap - map->cap) * (sizeof (guint64) + sizeof (guint32))))
        return FALSE;

      keys = g_try_new0 (guint64, new_cap);
      vals = g_try_new (guint32, new_cap);
      if (keys == NULL || vals == NULL)
        {
          g_free (keys);
          g_free (vals);
          _ppv_builder_set_full (self, g_strdup ("profile is too large to hold in memory"));
          return FALSE;
        }

      for (i = 0; i < map->cap; i++)
        if (map->keys[i] != 0)
          {
            gsize j;

            for (j = _ppv_builder_id_hash (map->keys[i], new_cap); keys[j] != 0; j = (j + 1) & (new_cap - 1))
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

  for (i = _ppv_builder_id_hash (id, map->cap); map->keys[i] != 0; i = (i + 1) & (map->cap - 1))
    ;
  map->keys[i] = id;
  map->vals[i] = value;
  map->count++;
  return TRUE;
}

/* @n_stored is how many entities of this kind exist so far; it bounds the
 * dense part so that one huge id cannot make it huge. */
IdInsertResult
_ppv_builder_id_map_insert (PpvProfileBuilder *self,
                            IdMap             *map,
                            guint64            id,
                            guint32            value,
                            gsize              n_stored)
{
  gsize bound;

  g_assert (id != 0);

  if (_ppv_builder_id_map_lookup (map, id) != PPV_NONE)
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
      if (!_ppv_builder_charge (self, (new_len - map->dense_len) * sizeof (guint32)))
        return ID_FAILED;

      dense = g_try_renew (guint32, map->dense, new_len);
      if (dense == NULL)
        {
          _ppv_builder_set_full (self, g_strdup ("profile is too large to hold in memory"));
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

void
_ppv_builder_id_map_clear (IdMap *map)
{
  g_clear_pointer (&map->dense, g_free);
  g_clear_pointer (&map->keys, g_free);
  g_clear_pointer (&map->vals, g_free);
  map->dense_len = map->cap = map->count = 0;
}

/* --- Shared label sets --------------------------------------------------- */

/* Past this many different sets, samples rarely share theirs (a CPU
 * profile with a request id on each): the set is given up. */
#define MAX_LABEL_SETS ((gsize) 1 << 16)

static guint32
label_set_hash (const PpvLabel *labels,
                guint32         n)
{
  guint64 h = n;

  for (guint32 i = 0; i < n; i++)
    {
      h = (h ^ (guint64) GPOINTER_TO_SIZE (labels[i].key)) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
      h = (h ^ (guint64) GPOINTER_TO_SIZE (labels[i].str)) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
      h = (h ^ (guint64) labels[i].num) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
      h = (h ^ (guint64) GPOINTER_TO_SIZE (labels[i].num_unit)) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
    }
  return (guint32) (h >> 32) ^ (guint32) h;
}

static void
label_sets_clear (PpvProfileBuilder *self)
{
  g_clear_pointer (&self->label_sets, g_free);
  self->label_sets_cap = self->label_sets_count = 0;
}

/* Into a new table of @new_cap slots; with @rehash, the labels changed
 * (deferred ones resolved) and their hashes are computed again. */
static gboolean
label_sets_move (PpvProfileBuilder *self,
                 gsize              new_cap,
                 gboolean           rehash)
{
  LabelSetSlot *slots = g_try_new0 (LabelSetSlot, new_cap);
  const PpvLabel *labels = self->labels.data;

  if (slots == NULL)
    return FALSE;
  for (gsize i = 0; i < self->label_sets_cap; i++)
    if (self->label_sets[i].n != 0)
      {
        gsize j;

        if (rehash)
          self->label_sets[i].hash = label_set_hash (labels + self->label_sets[i].offset,
                                                     self->label_sets[i].n);
        j = self->label_sets[i].hash & (new_cap - 1);

        while (slots[j].n != 0)
          j = (j + 1) & (new_cap - 1);
        slots[j] = self->label_sets[i];
      }
  g_free (self->label_sets);
  self->label_sets = slots;
  self->label_sets_cap = new_cap;
  return TRUE;
}

void
_ppv_builder_label_sets_rehash (PpvProfileBuilder *self)
{
  if (self->label_sets_cap != 0 && !label_sets_move (self, self->label_sets_cap, TRUE))
    {
      label_sets_clear (self);
      self->label_sets_off = TRUE;
    }
}

void
_ppv_builder_share_labels (PpvProfileBuilder *self)
{
  PpvSample *sample = &VEC_AT (self->samples, PpvSample, self->samples.len - 1);
  const PpvLabel *labels = self->labels.data;
  const PpvLabel *set = labels + sample->labels_offset;
  guint32 n = sample->n_labels, hash;
  gsize i;

  if (n == 0 || self->label_sets_off)
    return;

  if ((self->label_sets_count + 1) * 2 > self->label_sets_cap)
    {
      if (self->label_sets_count == MAX_LABEL_SETS ||
          !label_sets_move (self, self->label_sets_cap ? self->label_sets_cap * 2 : 1024, FALSE))
        {
          label_sets_clear (self);
          self->label_sets_off = TRUE;
          return;
        }
    }

  hash = label_set_hash (set, n);
  for (i = hash & (self->label_sets_cap - 1); self->label_sets[i].n != 0;
       i = (i + 1) & (self->label_sets_cap - 1))
    {
      const LabelSetSlot *slot = &self->label_sets[i];

      if (slot->hash == hash && slot->n == n &&
          memcmp (labels + slot->offset, set, n * sizeof (PpvLabel)) == 0)
        {
          /* The sample's own copy is the last thing in the array. */
          self->labels.len -= n;
          sample->labels_offset = slot->offset;
          return;
        }
    }

  self->label_sets[i] = (LabelSetSlot) { hash, sample->labels_offset, n };
  self->label_sets_count++;
}
