/* ppv-graph-tags.c — the call graph's tags: each sample's labels as
 * nodelets ("k:v" strings, numeric "bytes" values), and per node the tags
 * summed over its samples.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the graph kind has tags: pprof's -dot shows them, -top does not.
 */
#include <string.h>

#include "ppv-graph-private.h"
#include "ppv-units.h"

static guint32
intern_tag (PpvGraphBuilder *self,
            const char      *name)
{
  gpointer id = g_hash_table_lookup (self->tag_index, name);

  if (id == NULL)
    {
      const char *copy = g_string_chunk_insert_const (self->strings, name);
      g_ptr_array_add (self->tag_names, (gpointer) copy);
      id = GUINT_TO_POINTER (self->tag_names->len);
      g_hash_table_insert (self->tag_index, (gpointer) copy, id);
    }
  return GPOINTER_TO_UINT (id) - 1;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Label keys tagshow/taghide leave visible, and never pprof::base. */
static gboolean
tag_key_shown (const char *key,
               GRegex     *show,
               GRegex     *hide)
{
  if (strcmp (key, "pprof::base") == 0)
    return FALSE;
  if (show != NULL && !g_regex_match (show, key, 0, NULL))
    return FALSE;
  if (hide != NULL && g_regex_match (hide, key, 0, NULL))
    return FALSE;
  return TRUE;
}

/* The shown string labels of a sample, as their interned (key, value)
 * pointers: samples with equal ones have one tag, joined once. */
typedef struct
{
  guint           n;
  const gpointer *pairs;     /* 2 n pointers */
} LabelCombo;

static guint
label_combo_hash (gconstpointer data)
{
  const LabelCombo *c = data;
  guint64 h = c->n;

  for (guint i = 0; i < 2 * c->n; i++)
    h = (h ^ (guint64) (guintptr) c->pairs[i]) * G_GUINT64_CONSTANT (0x100000001b3);
  return (guint) (h ^ (h >> 32));
}

static gboolean
label_combo_equal (gconstpointer a,
                   gconstpointer b)
{
  const LabelCombo *x = a, *y = b;

  return x->n == y->n && memcmp (x->pairs, y->pairs, 2 * x->n * sizeof (gpointer)) == 0;
}

static void
label_combo_free (gpointer data)
{
  LabelCombo *c = data;

  g_free ((gpointer) c->pairs);
  g_free (c);
}

void
_ppv_graph_builder_collect_tags (PpvGraphBuilder        *self,
                                 const PpvReportOptions *options)
{
  PpvProfile *p = self->profile;
  g_autoptr(GRegex) show = NULL;
  g_autoptr(GRegex) hide = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) unit_cache = g_hash_table_new (g_str_hash, g_str_equal);
  /* Samples with equal labels share one stored copy (see the builder):
   * their tags are those of the first sample that had it. */
  g_autoptr(GHashTable) first_with = g_hash_table_new (g_direct_hash, g_direct_equal);
  /* Otherwise, equal string labels (pointers) have their tag joined once,
   * and each size is formatted once. */
  g_autoptr(GHashTable) combos = g_hash_table_new_full (label_combo_hash, label_combo_equal,
                                                        label_combo_free, NULL);
  g_autoptr(GHashTable) sizes = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GPtrArray) pairs = g_ptr_array_new ();
  const char *out_unit = options->unit && options->unit[0] ? options->unit : "minimum";

  /* Bad regexps were already reported by the frame filter. */
  if (options->tagshow && options->tagshow[0])
    show = g_regex_new (options->tagshow, 0, 0, NULL);
  if (options->taghide && options->taghide[0])
    hide = g_regex_new (options->taghide, 0, 0, NULL);

  self->with_tags = TRUE;
  self->tag_names = g_ptr_array_new ();
  self->tag_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->sample_tag = g_new (guint32, MAX (p->n_samples, 1));
  self->sample_bytes_offset = g_new (guint32, p->n_samples + 1);
  self->bytes_unit = _ppv_profile_num_label_unit (p, unit_cache, "bytes");

  for (guint32 s = 0; s < p->n_samples; s++)
    {
      const PpvSample *sample = &p->samples[s];

      g_ptr_array_set_size (parts, 0);
      self->sample_bytes_offset[s] = names->len;
      self->sample_tag[s] = PPV_NONE;
      if (!self->sel->sample_kept[s])
        continue;
      if (sample->n_labels > 0)
        {
          gpointer key = GUINT_TO_POINTER (sample->labels_offset + 1);
          guint32 s0 = GPOINTER_TO_UINT (g_hash_table_lookup (first_with, key));

          if (s0 != 0 && p->samples[s0 - 1].n_labels == sample->n_labels)
            {
              self->sample_tag[s] = self->sample_tag[s0 - 1];
              for (guint32 k = self->sample_bytes_offset[s0 - 1]; k < self->sample_bytes_offset[s0]; k++)
                {
                  guint32 name = g_array_index (names, guint32, k);
                  gint64 value = g_array_index (values, gint64, k);

                  g_array_append_val (names, name);
                  g_array_append_val (values, value);
                }
              continue;
            }
          if (s0 == 0)
            g_hash_table_insert (first_with, key, GUINT_TO_POINTER (s + 1));
        }

      g_ptr_array_set_size (pairs, 0);
      for (guint32 i = 0; i < sample->n_labels; i++)
        {
          const PpvLabel *l = &p->labels[sample->labels_offset + i];

          if (!tag_key_shown (l->key, show, hide))
            continue;
          if (l->str != NULL)
            {
              g_ptr_array_add (pairs, (gpointer) l->key);
              g_ptr_array_add (pairs, (gpointer) l->str);
            }
          else if (strcmp (l->key, "bytes") == 0)
            {
              gpointer known;
              guint32 id;

              if (g_hash_table_lookup_extended (sizes, (gpointer) (guintptr) l->num, NULL, &known))
                id = GPOINTER_TO_UINT (known);
              else
                {
                  g_autofree char *name = ppv_unit_scaled_label (l->num, self->bytes_unit, out_unit);

                  id = intern_tag (self, name);
                  g_hash_table_insert (sizes, (gpointer) (guintptr) l->num, GUINT_TO_POINTER (id));
                }
              g_array_append_val (names, id);
              g_array_append_val (values, l->num);
            }
        }

      if (pairs->len > 0)
        {
          LabelCombo probe = { pairs->len / 2, (const gpointer *) pairs->pdata };
          gpointer known;

          if (g_hash_table_lookup_extended (combos, &probe, NULL, &known))
            self->sample_tag[s] = GPOINTER_TO_UINT (known);
          else
            {
              g_autofree char *joined = NULL;
              LabelCombo *copy = g_new (LabelCombo, 1);

              g_ptr_array_set_size (parts, 0);
              for (guint i = 0; i < pairs->len; i += 2)
                g_ptr_array_add (parts, g_strconcat (pairs->pdata[i], ":", pairs->pdata[i + 1], NULL));
              g_ptr_array_sort (parts, compare_strings);
              g_ptr_array_add (parts, NULL);
              joined = g_strjoinv ("\\n", (char **) parts->pdata);
              g_ptr_array_set_size (parts, parts->len - 1);
              self->sample_tag[s] = intern_tag (self, joined);
              *copy = (LabelCombo) { probe.n, g_memdup2 (probe.pairs, pairs->len * sizeof (gpointer)) };
              g_hash_table_insert (combos, copy, GUINT_TO_POINTER (self->sample_tag[s]));
            }
        }
    }
  self->sample_bytes_offset[p->n_samples] = names->len;
  for (guint32 s = 0; s < p->n_samples && !self->sizes_grouped; s++)
    self->sizes_grouped = self->sample_tag[s] != PPV_NONE &&
                          self->sample_bytes_offset[s + 1] > self->sample_bytes_offset[s];
  self->sample_bytes_names = (guint32 *) g_array_free (g_steal_pointer (&names), FALSE);
  self->sample_bytes_values = (gint64 *) g_array_free (g_steal_pointer (&values), FALSE);
}

const char *
_ppv_graph_builder_get_tag_name (PpvGraphBuilder *self,
                                 guint32          tag)
{
  return g_ptr_array_index (self->tag_names, tag);
}

guint
_ppv_graph_builder_get_n_tags (PpvGraphBuilder *self)
{
  return self->tag_names != NULL ? self->tag_names->len : 0;
}

const char *
_ppv_graph_builder_get_tag_unit (PpvGraphBuilder *self)
{
  return self->bytes_unit;
}

/* --- Tag table: (node, name, group, numeric) -> position + 1 in the node's
 * tags, open addressing.  Looked up for every frame of every sample of a
 * labelled profile: GHashTable's indirect calls and key copies were half
 * of a labelled CPU profile's --dot. */

typedef struct
{
  guint32 node, name, group, numeric;
  guint32 pos;                /* 0: empty */
} TagSlot;

struct _PpvTagTable
{
  TagSlot *slots;
  gsize    mask;
  gsize    count;
};

PpvTagTable *
_ppv_tag_table_new (void)
{
  PpvTagTable *t = g_new0 (PpvTagTable, 1);

  t->mask = 1023;
  t->slots = g_new0 (TagSlot, t->mask + 1);
  return t;
}

void
_ppv_tag_table_free (PpvTagTable *t)
{
  if (t == NULL)
    return;
  g_free (t->slots);
  g_free (t);
}

static inline gsize
tag_hash (guint32 node,
          guint32 name,
          guint32 group,
          guint32 numeric)
{
  guint64 h = ((guint64) node << 32 | name) ^ ((guint64) group << 1 | numeric) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);

  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  return (gsize) h;
}

/* The slot of the key, or the empty slot where it belongs. */
static inline TagSlot *
tag_table_find (PpvTagTable *t,
                guint32      node,
                guint32      name,
                guint32      group,
                guint32      numeric)
{
  for (gsize i = tag_hash (node, name, group, numeric) & t->mask;; i = (i + 1) & t->mask)
    {
      TagSlot *slot = &t->slots[i];

      if (slot->pos == 0 ||
          (slot->node == node && slot->name == name && slot->group == group && slot->numeric == numeric))
        return slot;
    }
}

static void
tag_table_grow (PpvTagTable *t)
{
  TagSlot *old = t->slots;
  gsize old_mask = t->mask;

  t->mask = t->mask * 2 + 1;
  t->slots = g_new0 (TagSlot, t->mask + 1);
  for (gsize i = 0; i <= old_mask; i++)
    if (old[i].pos != 0)
      *tag_table_find (t, old[i].node, old[i].name, old[i].group, old[i].numeric) = old[i];
  g_free (old);
}

/* A node may carry thousands of label combinations and allocation sizes. */
static PpvNodeTag *
find_or_add_tag (PpvNodeStats *st,
                 PpvTagTable  *index,
                 guint32       node,
                 guint32       name,
                 guint32       group,
                 gboolean      numeric,
                 gint64        value)
{
  TagSlot *slot = tag_table_find (index, node, name, group, numeric);
  PpvNodeTag tag = { name, group, numeric, value, 0, 0, 0, 0 };

  if (slot->pos != 0)
    return &g_array_index (st->tags, PpvNodeTag, slot->pos - 1);

  if (st->tags == NULL)
    st->tags = g_array_new (FALSE, FALSE, sizeof (PpvNodeTag));
  g_array_append_val (st->tags, tag);
  *slot = (TagSlot) { node, name, group, numeric, st->tags->len };
  if (++index->count * 2 > index->mask)
    tag_table_grow (index);
  return &g_array_index (st->tags, PpvNodeTag, st->tags->len - 1);
}

void
_ppv_graph_merge_tags (PpvTagTable  *index,
                       PpvNodeStats *st,
                       guint32       node,
                       GArray       *tags)
{
  for (guint i = 0; i < tags->len; i++)
    {
      const PpvNodeTag *from = &g_array_index (tags, PpvNodeTag, i);
      PpvNodeTag *t = find_or_add_tag (st, index, node, from->name, from->group, from->numeric,
                                       from->value);

      t->flat += from->flat;
      t->flat_div += from->flat_div;
      t->cum += from->cum;
      t->cum_div += from->cum_div;
    }
}

void
_ppv_graph_add_sample_tags (PpvGraphBuilder *self,
                            PpvTagTable     *index,
                            PpvNodeStats    *st,
                            guint32          node,
                            guint32          sample,
                            gint64           w,
                            gint64           dw,
                            gboolean         flat)
{
  guint32 group = self->sample_tag[sample];

  if (group != PPV_NONE)
    {
      PpvNodeTag *t = find_or_add_tag (st, index, node, group, PPV_NONE, FALSE, 0);
      if (flat)
        t->flat += w, t->flat_div += dw;
      else
        t->cum += w, t->cum_div += dw;
    }

  for (guint32 k = self->sample_bytes_offset[sample]; k < self->sample_bytes_offset[sample + 1]; k++)
    {
      PpvNodeTag *t = find_or_add_tag (st, index, node, self->sample_bytes_names[k], group, TRUE,
                                       self->sample_bytes_values[k]);
      if (flat)
        t->flat += w, t->flat_div += dw;
      else
        t->cum += w, t->cum_div += dw;
    }
}
