/* ppv-profile-builder-strings.c — the builder's interned strings, an open-addressing set.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-profile-builder-private.h"

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
  _ppv_builder_charge (self, len + 1 + 4 * sizeof (gpointer));
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
