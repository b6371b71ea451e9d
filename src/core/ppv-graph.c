/* ppv-graph.c — pprof's call graph: nodes per granularity and their tags,
 * trimming, and its three sort orders.  Summing the samples into nodes and
 * edges: ppv-graph-sum.c.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are those of pprof's internal/graph package: cum and edge
 * weights count once per sample however often a node recurs, flat goes to
 * the leaf-most kept frame, frames of dropped nodes make "residual" edges.
 */
#include <math.h>
#include <string.h>

#include "ppv-graph-private.h"
#include "ppv-units.h"

/* --- Go's path helpers ---------------------------------------------------- */

char *
_ppv_clean_path (const char *path)
{
  gboolean rooted = path[0] == '/';
  GPtrArray *parts = g_ptr_array_new ();
  g_auto(GStrv) elems = NULL;
  GString *out;

  if (path[0] == '\0')
    {
      g_ptr_array_unref (parts);
      return g_strdup (".");
    }

  elems = g_strsplit (path, "/", -1);
  for (guint i = 0; elems[i] != NULL; i++)
    {
      const char *e = elems[i];

      if (e[0] == '\0' || strcmp (e, ".") == 0)
        continue;
      if (strcmp (e, "..") == 0)
        {
          if (parts->len > 0 && strcmp (g_ptr_array_index (parts, parts->len - 1), "..") != 0)
            g_ptr_array_set_size (parts, parts->len - 1);
          else if (!rooted)
            g_ptr_array_add (parts, (gpointer) e);
          continue;
        }
      g_ptr_array_add (parts, (gpointer) e);
    }

  out = g_string_new (rooted ? "/" : "");
  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, '/');
      g_string_append (out, g_ptr_array_index (parts, i));
    }
  if (out->len == 0)
    g_string_append_c (out, '.');

  g_ptr_array_unref (parts);
  return g_string_free (out, FALSE);
}

static char *
go_base (const char *path)
{
  g_autofree char *trimmed = g_strdup (path);
  gsize len = strlen (trimmed);
  const char *slash;

  if (len == 0)
    return g_strdup (".");
  while (len > 1 && trimmed[len - 1] == '/')
    trimmed[--len] = '\0';
  if (strcmp (trimmed, "/") == 0)
    return g_strdup ("/");
  slash = strrchr (trimmed, '/');
  return g_strdup (slash ? slash + 1 : trimmed);
}

/* pprof strips these prefixes from source file names before anything else. */
static const char *
trim_source_path (const char *path)
{
  static const char *prefixes[] = { "/proc/self/cwd/./", "/proc/self/cwd/" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (path, prefixes[i]))
      return path + strlen (prefixes[i]);
  return path;
}

/* --- Node identities ------------------------------------------------------- */


static guint
node_info_hash (gconstpointer p)
{
  const PpvNodeInfo *i = p;
  guint h = g_direct_hash (i->name);

  h = h * 31 + g_direct_hash (i->file);
  h = h * 31 + g_direct_hash (i->objfile);
  h = h * 31 + (guint) (i->address ^ (i->address >> 32));
  h = h * 31 + (guint) i->lineno;
  h = h * 31 + (guint) i->start_line;
  return h;
}

static gboolean
node_info_equal (gconstpointer a,
                 gconstpointer b)
{
  const PpvNodeInfo *x = a, *y = b;

  return x->name == y->name && x->file == y->file && x->objfile == y->objfile &&
         x->address == y->address && x->lineno == y->lineno && x->start_line == y->start_line;
}

/* The name alone where that is all there is to print (function
 * granularity, the common case): no copy for 200k nodes. */
static const char *
node_info_printable (PpvGraphBuilder   *self,
                     const PpvNodeInfo *i)
{
  g_autoptr(GString) s = NULL;

  if (i->address == 0 && i->name[0] != '\0' && i->lineno == 0 && i->file[0] == '\0')
    return i->name;

  s = g_string_new (NULL);

  if (i->address != 0)
    g_string_append_printf (s, "%016" G_GINT64_MODIFIER "x", i->address);
  if (i->name[0] != '\0')
    {
      if (s->len)
        g_string_append_c (s, ' ');
      g_string_append (s, i->name);
    }

  if (i->lineno != 0)
    g_string_append_printf (s, "%s%s:%" G_GINT64_FORMAT, s->len ? " " : "", i->file, i->lineno);
  else if (i->file[0] != '\0')
    g_string_append_printf (s, "%s%s", s->len ? " " : "", i->file);
  else if (i->name[0] != '\0')
    ;
  else if (i->objfile[0] != '\0')
    {
      g_autofree char *base = go_base (i->objfile);
      g_string_append_printf (s, "%s[%s]", s->len ? " " : "", base);
    }
  else
    g_string_append_printf (s, "%s<unknown>", s->len ? " " : "");

  return g_string_chunk_insert_len (self->strings, s->str, s->len);
}

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

static void
collect_sample_tags (PpvGraphBuilder        *self,
                     const PpvReportOptions *options)
{
  PpvProfile *p = self->profile;
  g_autoptr(GRegex) show = NULL;
  g_autoptr(GRegex) hide = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) unit_cache = g_hash_table_new (g_str_hash, g_str_equal);
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

      for (guint32 i = 0; i < sample->n_labels; i++)
        {
          const PpvLabel *l = &p->labels[sample->labels_offset + i];

          if (!tag_key_shown (l->key, show, hide))
            continue;
          if (l->str != NULL)
            g_ptr_array_add (parts, g_strconcat (l->key, ":", l->str, NULL));
          else if (strcmp (l->key, "bytes") == 0)
            {
              g_autofree char *name = ppv_unit_scaled_label (l->num, self->bytes_unit, out_unit);
              guint32 id = intern_tag (self, name);
              g_array_append_val (names, id);
              g_array_append_val (values, l->num);
            }
        }

      if (parts->len > 0)
        {
          g_autofree char *joined = NULL;
          g_ptr_array_sort (parts, compare_strings);
          g_ptr_array_add (parts, NULL);
          joined = g_strjoinv ("\\n", (char **) parts->pdata);
          g_ptr_array_set_size (parts, parts->len - 1);
          self->sample_tag[s] = intern_tag (self, joined);
        }
    }
  self->sample_bytes_offset[p->n_samples] = names->len;
  self->sample_bytes_names = (guint32 *) g_array_free (g_steal_pointer (&names), FALSE);
  self->sample_bytes_values = (gint64 *) g_array_free (g_steal_pointer (&values), FALSE);
}

const char *
_ppv_graph_builder_get_tag_name (PpvGraphBuilder *self,
                                 guint32          tag)
{
  return g_ptr_array_index (self->tag_names, tag);
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

PpvGraphBuilder *
_ppv_graph_builder_new (PpvProfile              *profile,
                        const PpvFrameSelection *sel,
                        const PpvReportOptions  *options,
                        guint                    sample_index,
                        gboolean                 with_tags)
{
  PpvGraphBuilder *self = g_new0 (PpvGraphBuilder, 1);
  g_autoptr(GHashTable) index = g_hash_table_new (node_info_hash, node_info_equal);
  g_autoptr(GHashTable) cleaned = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, NULL);
  PpvGranularity gran = options->granularity;
  gboolean keep_function = gran != PPV_GRANULARITY_FILES;
  gboolean keep_file = gran != PPV_GRANULARITY_FUNCTIONS;
  gboolean keep_line = gran == PPV_GRANULARITY_LINES || gran == PPV_GRANULARITY_ADDRESSES;
  gboolean keep_address = gran == PPV_GRANULARITY_ADDRESSES;
  gsize n_frames = sel->loc_lines_offset[profile->n_locations];
  guint64 kept_total = 0;

  self->profile = profile;
  self->sel = sel;
  self->sample_index = sample_index;
  self->mean = options->mean;
  self->drop_negative = options->drop_negative;
  self->infos = g_array_new (FALSE, TRUE, sizeof (PpvNodeInfo));
  self->frame_info = g_new (guint32, MAX (n_frames, 1));
  self->strings = g_string_chunk_new (4096);

  for (guint32 l = 0; l < profile->n_locations; l++)
    {
      const PpvLocation *loc = &profile->locations[l];
      const char *objfile = "";

      if (loc->mapping != PPV_NONE && profile->mappings[loc->mapping].filename[0])
        objfile = profile->mappings[loc->mapping].filename;

      for (guint32 k = sel->loc_lines_offset[l]; k < sel->loc_lines_offset[l + 1]; k++)
        {
          guint32 line = sel->loc_lines[k];
          PpvNodeInfo info = { "", "", "", 0, 0, 0, NULL };
          gpointer found;

          info.address = keep_address ? loc->address : 0;
          if (line == PPV_NONE)
            info.objfile = objfile;
          else
            {
              const PpvLine *ln = &profile->lines[line];
              const PpvFunction *fn = &profile->functions[ln->function];

              info.lineno = keep_line ? ln->line : 0;
              info.name = keep_function ? fn->name : "";
              if (keep_file && fn->filename[0] != '\0')
                {
                  const char *c = g_hash_table_lookup (cleaned, fn->filename);
                  if (c == NULL)
                    {
                      g_autofree char *tmp = _ppv_clean_path (trim_source_path (fn->filename));
                      c = g_string_chunk_insert_const (self->strings, tmp);
                      g_hash_table_insert (cleaned, (gpointer) fn->filename, (gpointer) c);
                    }
                  info.file = c;
                }
              if (info.name[0] == '\0')
                {
                  info.objfile = objfile;
                  info.start_line = fn->start_line;
                }
            }

          if (g_hash_table_lookup_extended (index, &info, NULL, &found))
            self->frame_info[k] = GPOINTER_TO_UINT (found);
          else
            {
              guint32 id = self->infos->len;
              info.printable = node_info_printable (self, &info);
              g_array_append_val (self->infos, info);
              /* The array may move: key the table by a stable copy. */
              g_hash_table_insert (index, g_memdup2 (&info, sizeof info), GUINT_TO_POINTER (id));
              self->frame_info[k] = id;
            }
        }
    }

  self->loc_node = g_new (guint32, MAX (profile->n_locations, 1));
  for (guint32 l = 0; l < profile->n_locations; l++)
    {
      guint32 n_lines = sel->loc_lines_offset[l + 1] - sel->loc_lines_offset[l];

      self->loc_node[l] = n_lines == 0 ? PPV_NONE
                          : n_lines == 1 ? self->frame_info[sel->loc_lines_offset[l]]
                          : PPV_LOC_SEVERAL_LINES;
    }

  self->inlined = g_new0 (guint8, MAX (self->infos->len, 1));
  for (guint32 l = 0; l < profile->n_locations; l++)
    for (guint32 k = sel->loc_lines_offset[l]; k + 1 < sel->loc_lines_offset[l + 1]; k++)
      self->inlined[self->frame_info[k]] = self->has_inlined = TRUE;

  /* The keys were copies; free them (values are plain ids). */
  {
    GHashTableIter iter;
    gpointer key;
    g_hash_table_iter_init (&iter, index);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_free (key);
  }

  self->bounded = TRUE;
  for (guint32 s = 0; s < profile->n_samples && self->bounded; s++)
    {
      gint64 w = ppv_profile_sample_values (profile, s)[sample_index];

      if (!sel->sample_kept[s])
        continue;
      /* Both are below 2^63: the unsigned sum cannot wrap. */
      if (w >= 0)
        kept_total += (guint64) w;
      self->bounded = w >= 0 && kept_total <= G_MAXINT64;
    }

  if (with_tags)
    collect_sample_tags (self, options);
  return self;
}

void
_ppv_graph_builder_free (PpvGraphBuilder *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->infos);
  g_free (self->frame_info);
  g_free (self->loc_node);
  g_free (self->inlined);
  g_clear_pointer (&self->tag_names, g_ptr_array_unref);
  g_clear_pointer (&self->tag_index, g_hash_table_unref);
  g_free (self->sample_tag);
  g_free (self->sample_bytes_offset);
  g_free (self->sample_bytes_names);
  g_free (self->sample_bytes_values);
  g_string_chunk_free (self->strings);
  g_free (self);
}

const PpvNodeInfo *
_ppv_graph_builder_get_info (PpvGraphBuilder *self,
                             guint32          info)
{
  return &g_array_index (self->infos, PpvNodeInfo, info);
}

guint32
_ppv_graph_builder_get_n_infos (PpvGraphBuilder *self)
{
  return self->infos->len;
}

gboolean
_ppv_graph_builder_has_inlined (PpvGraphBuilder *self)
{
  return self->has_inlined;
}

gboolean
_ppv_graph_builder_has_tags (PpvGraphBuilder *self)
{
  return self->with_tags;
}

gboolean
_ppv_graph_builder_is_bounded (PpvGraphBuilder *self)
{
  return self->bounded;
}

void
_ppv_graph_restrict (PpvGraph     *g,
                     const guint8 *kept)
{
  guint32 n_nodes = 0;

  for (guint32 i = 0; i < g->n_nodes; i++)
    {
      guint32 n = g->nodes[i];
      if (kept[n])
        g->nodes[n_nodes++] = n;
      else
        g->stats[n].in_graph = FALSE;
    }
  g->n_nodes = n_nodes;
}

/* --- Sorting --------------------------------------------------------------- */

typedef struct
{
  PpvGraph        *graph;
  PpvGraphBuilder *builder;
  PpvSortOrder     order;
  gint64          *score;   /* indexed by info id */
} SortContext;

/* Go prints a NodeInfo with fmt.Sprint for the last tie break. */
static char *
node_info_dump (const PpvNodeInfo *i)
{
  return g_strdup_printf ("{%s  %" G_GUINT64_FORMAT " %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s}",
                          i->name, i->address, i->file, i->start_line, i->lineno, i->objfile);
}

static int
compare_infos_last (PpvGraphBuilder *b,
                    guint32          x,
                    guint32          y)
{
  g_autofree char *dx = node_info_dump (_ppv_graph_builder_get_info (b, x));
  g_autofree char *dy = node_info_dump (_ppv_graph_builder_get_info (b, y));
  return strcmp (dx, dy);
}

#define CMP_DESC(a, b) do { gint64 _a = (a), _b = (b); if (_a != _b) return _a > _b ? -1 : 1; } while (0)

static int
compare_nodes (gconstpointer pa,
               gconstpointer pb,
               gpointer      user_data)
{
  SortContext *ctx = user_data;
  guint32 x = *(const guint32 *) pa, y = *(const guint32 *) pb;
  const PpvNodeStats *sx = &ctx->graph->stats[x], *sy = &ctx->graph->stats[y];
  int c;

  if (ctx->order == PPV_SORT_FLAT)
    {
      CMP_DESC (_ppv_abs64 (sx->flat), _ppv_abs64 (sy->flat));
      c = strcmp (_ppv_graph_builder_get_info (ctx->builder, x)->printable,
                  _ppv_graph_builder_get_info (ctx->builder, y)->printable);
      if (c != 0)
        return c;
      CMP_DESC (_ppv_abs64 (sx->cum), _ppv_abs64 (sy->cum));
    }
  else
    {
      CMP_DESC (_ppv_abs64 (ctx->score[x]), _ppv_abs64 (ctx->score[y]));
      c = strcmp (_ppv_graph_builder_get_info (ctx->builder, x)->printable,
                  _ppv_graph_builder_get_info (ctx->builder, y)->printable);
      if (c != 0)
        return c;
      CMP_DESC (_ppv_abs64 (sx->flat), _ppv_abs64 (sy->flat));
    }

  return compare_infos_last (ctx->builder, x, y);
}

typedef struct
{
  guint32     *nodes;
  guint32      n;
  SortContext *ctx;
} SortHalf;

static gpointer
sort_half (gpointer data)
{
  SortHalf *half = data;

  g_qsort_with_data (half->nodes, half->n, sizeof (guint32), compare_nodes, half->ctx);
  return NULL;
}

/* Big graphs (every row of a large profile) sort their halves in two
 * threads and merge them: the order is total, so the result is the same. */
static void
sort_nodes (guint32     *nodes,
            guint32      n,
            SortContext *ctx)
{
  SortHalf halves[2] = { { nodes, n / 2, ctx }, { nodes + n / 2, n - n / 2, ctx } };
  g_autofree guint32 *merged = NULL;
  GThread *thread = NULL;
  guint32 a = 0, b = 0, out = 0;

  if (n < 50000 || g_get_num_processors () < 2
      || (thread = g_thread_try_new ("ppv-sort", sort_half, &halves[1], NULL)) == NULL)
    {
      g_qsort_with_data (nodes, n, sizeof (guint32), compare_nodes, ctx);
      return;
    }
  sort_half (&halves[0]);
  g_thread_join (thread);

  merged = g_new (guint32, n);
  while (a < halves[0].n && b < halves[1].n)
    merged[out++] = compare_nodes (&halves[0].nodes[a], &halves[1].nodes[b], ctx) <= 0
                    ? halves[0].nodes[a++] : halves[1].nodes[b++];
  while (a < halves[0].n)
    merged[out++] = halves[0].nodes[a++];
  while (b < halves[1].n)
    merged[out++] = halves[1].nodes[b++];
  memcpy (nodes, merged, sizeof (guint32) * n);
}

static double
edge_entropy (PpvGraph *g,
              GArray   *edges,
              gint64    self_weight)
{
  double score = 0;
  gint64 total = self_weight;

  for (guint i = 0; i < edges->len; i++)
    {
      const PpvEdge *e = &g_array_index (g->edges, PpvEdge, g_array_index (edges, guint32, i));
      if (e->weight > 0)
        total += _ppv_abs64 (e->weight);
    }
  if (total != 0)
    {
      for (guint i = 0; i < edges->len; i++)
        {
          const PpvEdge *e = &g_array_index (g->edges, PpvEdge, g_array_index (edges, guint32, i));
          double frac = (double) _ppv_abs64 (e->weight) / (double) total;
          score += -frac * log2 (frac);
        }
      if (self_weight > 0)
        {
          double frac = (double) _ppv_abs64 (self_weight) / (double) total;
          score += -frac * log2 (frac);
        }
    }
  return score;
}

/* Go converts NaN (0·log 0) to MinInt64 on amd64; so do we, explicitly. */
static gint64
go_float_to_int64 (double v)
{
  if (isnan (v) || v >= 9223372036854775808.0 || v < -9223372036854775808.0)
    return G_MININT64;
  return (gint64) v;
}

static GArray *collect_edges (PpvGraph *g, PpvGraphBuilder *b, guint32 node,
                              gboolean incoming, gboolean sorted);

static gint64
entropy_score (PpvGraph        *g,
               PpvGraphBuilder *b,
               guint32          n)
{
  /* The entropy is a sum: edge order does not matter. */
  g_autoptr(GArray) in = collect_edges (g, b, n, TRUE, FALSE);
  g_autoptr(GArray) out = collect_edges (g, b, n, FALSE, FALSE);
  const PpvNodeStats *st = &g->stats[n];
  double score = 0;

  score += in->len == 0 ? 1 : edge_entropy (g, in, 0);
  score += out->len == 0 ? 1 : edge_entropy (g, out, st->flat);

  /* Go's int64 addition wraps; keep that (the NaN case starts at MinInt64). */
  return (gint64) ((guint64) go_float_to_int64 (score * (double) st->cum) + (guint64) st->flat);
}

void
_ppv_graph_sort (PpvGraph        *g,
                 PpvGraphBuilder *b,
                 PpvSortOrder     order)
{
  SortContext ctx = { g, b, order, NULL };

  if (order != PPV_SORT_FLAT)
    {
      ctx.score = g_new0 (gint64, MAX (b->infos->len, 1));
      for (guint32 i = 0; i < g->n_nodes; i++)
        {
          guint32 n = g->nodes[i];
          ctx.score[n] = order == PPV_SORT_CUM ? g->stats[n].cum : entropy_score (g, b, n);
        }
    }

  sort_nodes (g->nodes, g->n_nodes, &ctx);
  g_free (ctx.score);
}

/* --- Edges ----------------------------------------------------------------- */

int
_ppv_graph_compare_edges (PpvGraph        *g,
                          PpvGraphBuilder *b,
                          guint32          a,
                          guint32          c)
{
  const PpvEdge *x = &g_array_index (g->edges, PpvEdge, a);
  const PpvEdge *y = &g_array_index (g->edges, PpvEdge, c);
  int r;

  /* pprof compares raw weights for inequality but orders by magnitude. */
  if (x->weight != y->weight)
    {
      gint64 ax = _ppv_abs64 (x->weight), ay = _ppv_abs64 (y->weight);
      if (ax != ay)
        return ax > ay ? -1 : 1;
      return 0;
    }
  r = strcmp (_ppv_graph_builder_get_info (b, x->src)->printable,
              _ppv_graph_builder_get_info (b, y->src)->printable);
  if (r != 0)
    return r;
  return strcmp (_ppv_graph_builder_get_info (b, x->dst)->printable,
                 _ppv_graph_builder_get_info (b, y->dst)->printable);
}

typedef struct
{
  PpvGraph        *g;
  PpvGraphBuilder *b;
} EdgeSortContext;

static int
compare_edge_ids (gconstpointer pa,
                  gconstpointer pb,
                  gpointer      user_data)
{
  EdgeSortContext *ctx = user_data;
  return _ppv_graph_compare_edges (ctx->g, ctx->b, *(const guint32 *) pa, *(const guint32 *) pb);
}

/* Edges are never added after a build, only flagged removed, so one
 * adjacency index per graph serves every query. */
static void
build_adjacency (PpvGraph        *g,
                 PpvGraphBuilder *b,
                 gboolean         incoming,
                 guint32        **offset_out,
                 guint32        **list_out)
{
  guint32 n_infos = _ppv_graph_builder_get_n_infos (b);
  guint32 *offset = g_new0 (guint32, n_infos + 2);
  guint32 *list = g_new (guint32, MAX (g->edges->len, 1));

  for (guint32 i = 0; i < g->edges->len; i++)
    {
      const PpvEdge *e = &g_array_index (g->edges, PpvEdge, i);
      offset[(incoming ? e->dst : e->src) + 2]++;
    }
  for (guint32 n = 0; n < n_infos; n++)
    offset[n + 2] += offset[n + 1];
  for (guint32 i = 0; i < g->edges->len; i++)
    {
      const PpvEdge *e = &g_array_index (g->edges, PpvEdge, i);
      list[offset[(incoming ? e->dst : e->src) + 1]++] = i;
    }

  *offset_out = offset;
  *list_out = list;
}

static GArray *
collect_edges (PpvGraph        *g,
               PpvGraphBuilder *b,
               guint32          node,
               gboolean         incoming,
               gboolean         sorted)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint32));
  EdgeSortContext ctx = { g, b };
  guint32 **offset = incoming ? &g->in_offset : &g->out_offset;
  guint32 **list = incoming ? &g->in_list : &g->out_list;

  if (*offset == NULL)
    build_adjacency (g, b, incoming, offset, list);

  for (guint32 k = (*offset)[node]; k < (*offset)[node + 1]; k++)
    {
      guint32 i = (*list)[k];
      if (!g_array_index (g->edges, PpvEdge, i).removed)
        g_array_append_val (out, i);
    }
  if (sorted && out->len > 1)
    g_qsort_with_data (out->data, out->len, sizeof (guint32), compare_edge_ids, &ctx);
  return out;
}

GArray *
_ppv_graph_in_edges (PpvGraph        *g,
                     PpvGraphBuilder *b,
                     guint32          node)
{
  return collect_edges (g, b, node, TRUE, TRUE);
}

GArray *
_ppv_graph_out_edges (PpvGraph        *g,
                      PpvGraphBuilder *b,
                      guint32          node)
{
  return collect_edges (g, b, node, FALSE, TRUE);
}

/* Only edges into nodes of the graph are visited, as pprof walks n.In. */
guint
_ppv_graph_trim_low_frequency_edges (PpvGraph *g,
                                     gint64    cutoff)
{
  guint dropped = 0;

  for (guint32 i = 0; i < g->edges->len; i++)
    {
      PpvEdge *e = &g_array_index (g->edges, PpvEdge, i);
      if (!e->removed && g->stats[e->dst].in_graph && _ppv_abs64 (e->weight) < cutoff)
        {
          e->removed = TRUE;
          dropped++;
        }
    }
  return dropped;
}

void
_ppv_graph_trim_low_frequency_tags (PpvGraph *g,
                                    gint64    cutoff)
{
  for (guint32 i = 0; i < g->n_nodes; i++)
    {
      GArray *tags = g->stats[g->nodes[i]].tags;
      if (tags == NULL)
        continue;
      for (guint t = 0; t < tags->len;)
        {
          PpvNodeTag *tag = &g_array_index (tags, PpvNodeTag, t);
          if (_ppv_abs64 (tag->flat) < cutoff && _ppv_abs64 (tag->cum) < cutoff)
            g_array_remove_index (tags, t);
          else
            t++;
        }
    }
}

static gboolean
is_redundant_edge (PpvGraph        *g,
                   PpvGraphBuilder *b,
                   guint32          edge)
{
  const PpvEdge *e = &g_array_index (g->edges, PpvEdge, edge);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint head = 0;

  g_hash_table_add (seen, GUINT_TO_POINTER (e->dst + 1));
  g_array_append_val (queue, e->dst);

  while (head < queue->len)
    {
      guint32 n = g_array_index (queue, guint32, head++);
      g_autoptr(GArray) in = _ppv_graph_in_edges (g, b, n);

      for (guint k = 0; k < in->len; k++)
        {
          guint32 i = g_array_index (in, guint32, k);
          const PpvEdge *ie = &g_array_index (g->edges, PpvEdge, i);

          if (i == edge ||
              g_hash_table_contains (seen, GUINT_TO_POINTER (ie->src + 1)))
            continue;
          if (ie->src == e->src)
            return TRUE;
          g_hash_table_add (seen, GUINT_TO_POINTER (ie->src + 1));
          g_array_append_val (queue, ie->src);
        }
    }
  return FALSE;
}

void
_ppv_graph_remove_redundant_edges (PpvGraph        *g,
                                   PpvGraphBuilder *b)
{
  for (guint32 i = g->n_nodes; i > 0; i--)
    {
      g_autoptr(GArray) in = _ppv_graph_in_edges (g, b, g->nodes[i - 1]);

      for (guint j = in->len; j > 0; j--)
        {
          guint32 id = g_array_index (in, guint32, j - 1);
          PpvEdge *e = &g_array_index (g->edges, PpvEdge, id);

          if (!e->residual)
            break;
          if (is_redundant_edge (g, b, id))
            e->removed = TRUE;
        }
    }
}
