/* ppv-merge-index.c — the merge's de-duplication tables, keyed by integers.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One open-addressing table per kind of entry.  A slot holds the entry's
 * number and the high half of its hash, so a probe touches the entry
 * itself only when those agree.  Tables are sized once from the bound the
 * caller gives (at most half full), which is why they never grow.
 */
#include <stdlib.h>
#include <string.h>

#include "ppv-alloc-private.h"
#include "ppv-merge-index.h"

typedef struct
{
  guint32 check;                 /* high half of the hash */
  guint32 entry;                 /* entry + 1; 0 for an empty slot */
} Slot;

typedef struct
{
  Slot  *slots;
  gsize  mask;
  gsize  count;
} Table;

typedef struct
{
  guint64     size;
  guint64     file_offset;
  const char *id;
} MappingKey;

typedef struct
{
  const char *name;
  const char *system_name;
  const char *filename;
  gint64      start_line;
} FunctionKey;

typedef struct
{
  guint64  address;
  guint32  mapping;
  guint32  is_folded;
  guint32  lines_offset;
  guint32  n_lines;
} LocationKey;

typedef struct
{
  guint32 function;
  gint64  line;
} LineKey;

typedef struct
{
  guint32 stack_offset;
  guint32 n_locations;
  guint32 labels_offset;
  guint32 n_labels;
} SampleKey;

struct _PpvMergeIndex
{
  Table   mapping_table, function_table, location_table, sample_table;
  GArray *mappings;              /* MappingKey */
  GArray *functions;             /* FunctionKey */
  GArray *locations;             /* LocationKey */
  GArray *lines;                 /* LineKey */
  GArray *samples;               /* SampleKey */
  GArray *stacks;                /* guint32 */
  GArray *labels;                /* PpvLabel, in each sample's own order */
  GArray *sorted;                /* PpvLabel scratch: a new sample's set */
  GArray *sorted_other;          /* PpvLabel scratch: an entry's set */
};

/* --- Hashing ------------------------------------------------------------- */

static inline guint64
mix (guint64 h,
     guint64 v)
{
  h = (h ^ v) * 0x9e3779b97f4a7c15ull;
  return h ^ (h >> 29);
}

static inline guint64
finish_hash (guint64 h)
{
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  return h ^ (h >> 33);
}

#define PTR(p) ((guint64) (guintptr) (p))

/* --- Tables -------------------------------------------------------------- */

static void
table_init (Table *t,
            gsize  max_entries)
{
  gsize cap = 16;

  while (cap < max_entries * 2)
    cap <<= 1;
  /* A probe reads a slot before claiming it. */
  t->slots = _ppv_new0_written (cap, sizeof (Slot));
  t->mask = cap - 1;
  t->count = 0;
}

/* The slot holding an entry equal to the key (whose hash is @h) according
 * to @equal, or the empty slot where it belongs. */
#define TABLE_FIND(t, h, slot, equal)                                  \
  G_STMT_START {                                                       \
    guint32 check_ = (guint32) ((h) >> 32);                            \
    gsize i_ = (gsize) (h) & (t)->mask;                                \
    for (;; i_ = (i_ + 1) & (t)->mask)                                 \
      {                                                                \
        (slot) = &(t)->slots[i_];                                      \
        if ((slot)->entry == 0)                                        \
          break;                                                       \
        if ((slot)->check == check_ && equal ((slot)->entry - 1))      \
          break;                                                       \
      }                                                                \
  } G_STMT_END

static inline guint32
table_claim (Table   *t,
             Slot    *slot,
             guint64  h,
             guint32  entry)
{
  g_assert (t->count * 2 < t->mask + 1);
  t->count++;
  slot->check = (guint32) (h >> 32);
  slot->entry = entry + 1;
  return entry;
}

/* --- Labels as sets ------------------------------------------------------ */

static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  const PpvLabel *x = a, *y = b;

  if (x->key != y->key)
    return PTR (x->key) < PTR (y->key) ? -1 : 1;
  if (x->str != y->str)
    return PTR (x->str) < PTR (y->str) ? -1 : 1;
  /* pprof keeps string and numeric labels apart: a string label is its
   * key and value only. */
  if (x->str != NULL)
    return 0;
  if (x->num != y->num)
    return x->num < y->num ? -1 : 1;
  if (x->num_unit != y->num_unit)
    return PTR (x->num_unit) < PTR (y->num_unit) ? -1 : 1;
  return 0;
}

/* @labels in a canonical order, in @scratch (or @labels itself when it
 * cannot be out of order). */
static const PpvLabel *
sort_labels (GArray         *scratch,
             const PpvLabel *labels,
             guint32         n_labels)
{
  if (n_labels <= 1)
    return labels;
  g_array_set_size (scratch, 0);
  g_array_append_vals (scratch, labels, n_labels);
  qsort (scratch->data, n_labels, sizeof (PpvLabel), compare_labels);
  return (const PpvLabel *) (gpointer) scratch->data;
}

static gboolean
labels_equal (const PpvLabel *a,
              const PpvLabel *b,
              guint32         n)
{
  for (guint32 i = 0; i < n; i++)
    if (compare_labels (&a[i], &b[i]) != 0)
      return FALSE;
  return TRUE;
}

/* --- The index ----------------------------------------------------------- */

PpvMergeIndex *
_ppv_merge_index_new (gsize max_mappings,
                      gsize max_functions,
                      gsize max_locations,
                      gsize max_samples)
{
  PpvMergeIndex *self = g_new0 (PpvMergeIndex, 1);

  table_init (&self->mapping_table, max_mappings);
  table_init (&self->function_table, max_functions);
  table_init (&self->location_table, max_locations);
  table_init (&self->sample_table, max_samples);
  /* Never empty: &data[0] of an entry without lines, locations or labels
   * must not be NULL + 0. */
  self->mappings = g_array_sized_new (FALSE, FALSE, sizeof (MappingKey), MAX (max_mappings, 1));
  self->functions = g_array_sized_new (FALSE, FALSE, sizeof (FunctionKey), MAX (max_functions, 1));
  self->locations = g_array_sized_new (FALSE, FALSE, sizeof (LocationKey), MAX (max_locations, 1));
  self->lines = g_array_sized_new (FALSE, FALSE, sizeof (LineKey), 64);
  self->samples = g_array_sized_new (FALSE, FALSE, sizeof (SampleKey), MAX (max_samples, 1));
  self->stacks = g_array_sized_new (FALSE, FALSE, sizeof (guint32), 64);
  self->labels = g_array_sized_new (FALSE, FALSE, sizeof (PpvLabel), 64);
  self->sorted = g_array_sized_new (FALSE, FALSE, sizeof (PpvLabel), 16);
  self->sorted_other = g_array_sized_new (FALSE, FALSE, sizeof (PpvLabel), 16);
  return self;
}

void
_ppv_merge_index_free (PpvMergeIndex *self)
{
  if (self == NULL)
    return;
  g_free (self->mapping_table.slots);
  g_free (self->function_table.slots);
  g_free (self->location_table.slots);
  g_free (self->sample_table.slots);
  g_array_unref (self->mappings);
  g_array_unref (self->functions);
  g_array_unref (self->locations);
  g_array_unref (self->lines);
  g_array_unref (self->samples);
  g_array_unref (self->stacks);
  g_array_unref (self->labels);
  g_array_unref (self->sorted);
  g_array_unref (self->sorted_other);
  g_free (self);
}

guint32
_ppv_merge_index_mapping (PpvMergeIndex *self,
                          guint64        size,
                          guint64        file_offset,
                          const char    *build_id_or_file,
                          gboolean      *is_new)
{
  MappingKey key = { size, file_offset, build_id_or_file };
  guint64 h = finish_hash (mix (mix (mix (0, size), file_offset), PTR (build_id_or_file)));
  Slot *slot;

#define MAPPING_EQUAL(e) (memcmp (&g_array_index (self->mappings, MappingKey, (e)), &key, sizeof key) == 0)
  TABLE_FIND (&self->mapping_table, h, slot, MAPPING_EQUAL);
#undef MAPPING_EQUAL

  *is_new = slot->entry == 0;
  if (!*is_new)
    return slot->entry - 1;
  g_array_append_val (self->mappings, key);
  return table_claim (&self->mapping_table, slot, h, self->mappings->len - 1);
}

guint32
_ppv_merge_index_function (PpvMergeIndex *self,
                           const char    *name,
                           const char    *system_name,
                           const char    *filename,
                           gint64         start_line,
                           gboolean      *is_new)
{
  FunctionKey key = { name, system_name, filename, start_line };
  guint64 h = finish_hash (mix (mix (mix (mix (0, PTR (name)), PTR (system_name)),
                                     PTR (filename)), (guint64) start_line));
  Slot *slot;

#define FUNCTION_EQUAL(e) (memcmp (&g_array_index (self->functions, FunctionKey, (e)), &key, sizeof key) == 0)
  TABLE_FIND (&self->function_table, h, slot, FUNCTION_EQUAL);
#undef FUNCTION_EQUAL

  *is_new = slot->entry == 0;
  if (!*is_new)
    return slot->entry - 1;
  g_array_append_val (self->functions, key);
  return table_claim (&self->function_table, slot, h, self->functions->len - 1);
}

static gboolean
location_equal (PpvMergeIndex     *self,
                guint32            entry,
                const LocationKey *key,
                const guint32     *functions,
                const gint64      *lines)
{
  const LocationKey *other = &g_array_index (self->locations, LocationKey, entry);
  const LineKey *other_lines = &g_array_index (self->lines, LineKey, other->lines_offset);

  if (other->address != key->address || other->mapping != key->mapping ||
      other->is_folded != key->is_folded || other->n_lines != key->n_lines)
    return FALSE;
  for (guint32 i = 0; i < key->n_lines; i++)
    if (other_lines[i].function != functions[i] || other_lines[i].line != lines[i])
      return FALSE;
  return TRUE;
}

guint32
_ppv_merge_index_location (PpvMergeIndex *self,
                           guint64        address,
                           guint32        mapping,
                           gboolean       is_folded,
                           const guint32 *functions,
                           const gint64  *lines,
                           guint32        n_lines,
                           gboolean      *is_new)
{
  LocationKey key = { address, mapping, is_folded != FALSE, self->lines->len, n_lines };
  guint64 h = mix (mix (mix (mix (0, address), mapping), key.is_folded), n_lines);
  Slot *slot;

  for (guint32 i = 0; i < n_lines; i++)
    h = mix (mix (h, functions[i]), (guint64) lines[i]);
  h = finish_hash (h);

#define LOCATION_EQUAL(e) location_equal (self, (e), &key, functions, lines)
  TABLE_FIND (&self->location_table, h, slot, LOCATION_EQUAL);
#undef LOCATION_EQUAL

  *is_new = slot->entry == 0;
  if (!*is_new)
    return slot->entry - 1;
  for (guint32 i = 0; i < n_lines; i++)
    {
      LineKey line = { functions[i], lines[i] };
      g_array_append_val (self->lines, line);
    }
  g_array_append_val (self->locations, key);
  return table_claim (&self->location_table, slot, h, self->locations->len - 1);
}

static gboolean
sample_equal (PpvMergeIndex  *self,
              guint32         entry,
              const guint32  *locations,
              guint32         n_locations,
              const PpvLabel *sorted,
              guint32         n_labels)
{
  const SampleKey *other = &g_array_index (self->samples, SampleKey, entry);

  if (other->n_locations != n_locations || other->n_labels != n_labels ||
      (n_locations > 0 &&
       memcmp (&g_array_index (self->stacks, guint32, other->stack_offset), locations,
               n_locations * sizeof (guint32)) != 0))
    return FALSE;
  return n_labels == 0 ||
         labels_equal (sort_labels (self->sorted_other,
                                    &g_array_index (self->labels, PpvLabel, other->labels_offset),
                                    n_labels),
                       sorted, n_labels);
}

guint32
_ppv_merge_index_sample (PpvMergeIndex  *self,
                         const guint32  *locations,
                         guint32         n_locations,
                         const PpvLabel *labels,
                         guint32         n_labels,
                         gboolean       *is_new)
{
  const PpvLabel *sorted = sort_labels (self->sorted, labels, n_labels);
  guint64 h = mix (mix (0, n_locations), n_labels);
  SampleKey key;
  Slot *slot;

  for (guint32 i = 0; i < n_locations; i++)
    h = mix (h, locations[i]);
  for (guint32 i = 0; i < n_labels; i++)
    {
      h = mix (mix (h, PTR (sorted[i].key)), PTR (sorted[i].str));
      if (sorted[i].str == NULL)
        h = mix (mix (h, (guint64) sorted[i].num), PTR (sorted[i].num_unit));
    }
  h = finish_hash (h);

#define SAMPLE_EQUAL(e) sample_equal (self, (e), locations, n_locations, sorted, n_labels)
  TABLE_FIND (&self->sample_table, h, slot, SAMPLE_EQUAL);
#undef SAMPLE_EQUAL

  *is_new = slot->entry == 0;
  if (!*is_new)
    return slot->entry - 1;

  key.stack_offset = self->stacks->len;
  key.n_locations = n_locations;
  key.labels_offset = self->labels->len;
  key.n_labels = n_labels;
  g_array_append_vals (self->stacks, locations, n_locations);
  g_array_append_vals (self->labels, labels, n_labels);
  g_array_append_val (self->samples, key);
  return table_claim (&self->sample_table, slot, h, self->samples->len - 1);
}

guint32
_ppv_merge_index_n_samples (PpvMergeIndex *self)
{
  return self->samples->len;
}

const guint32 *
_ppv_merge_index_sample_stack (PpvMergeIndex *self,
                               guint32        sample,
                               guint32       *n_locations)
{
  const SampleKey *key = &g_array_index (self->samples, SampleKey, sample);

  *n_locations = key->n_locations;
  return &g_array_index (self->stacks, guint32, key->stack_offset);
}

const PpvLabel *
_ppv_merge_index_sample_labels (PpvMergeIndex *self,
                                guint32        sample,
                                guint32       *n_labels)
{
  const SampleKey *key = &g_array_index (self->samples, SampleKey, sample);

  *n_labels = key->n_labels;
  return &g_array_index (self->labels, PpvLabel, key->labels_offset);
}
