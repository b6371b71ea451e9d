/* ppv-node-ids.c — node identity per granularity: frames to nodes, and
 * what each node prints as.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pprof's graph.NodeInfo: at function granularity frames of one function
 * are one node, at lines granularity frames of one line, and so on.
 */
#include <string.h>

#include "ppv-alloc-private.h"
#include "ppv-node-ids.h"
#include "ppv-node-table-private.h"
#include "ppv-profile-private.h"

/* --- Go's path helpers ---------------------------------------------------- */

/* Whether Go's filepath.Clean would return @path unchanged (most source
 * paths are): no empty, "." or ".." element, no trailing slash. */
static gboolean
is_clean_path (const char *path)
{
  const char *e = path[0] == '/' ? path + 1 : path;

  if (path[0] == '\0')
    return FALSE;
  if (*e == '\0')
    return path[0] == '/';
  for (;;)
    {
      const char *slash = strchr (e, '/');
      gsize len = slash != NULL ? (gsize) (slash - e) : strlen (e);

      if (len == 0 || (e[0] == '.' && (len == 1 || (len == 2 && e[1] == '.'))))
        return FALSE;
      if (slash == NULL)
        return TRUE;
      e = slash + 1;
    }
}

char *
_ppv_clean_path (const char *path)
{
  gboolean rooted = path[0] == '/';
  GPtrArray *parts;
  g_auto(GStrv) elems = NULL;
  GString *out;

  if (is_clean_path (path))
    return g_strdup (path);
  if (path[0] == '\0')
    return g_strdup (".");
  parts = g_ptr_array_new ();

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

/* "%016llx" without printf (see below). */
static void
append_address (GString *out,
                guint64  address)
{
  static const char hex[] = "0123456789abcdef";
  char digits[16];

  for (guint k = 0; k < 16; k++)
    digits[k] = hex[(address >> (60 - 4 * k)) & 0xf];
  g_string_append_len (out, digits, sizeof digits);
}

/* ":%lld" without printf, whose setup costs more than the digits: lines
 * granularity prints a million line numbers on big profiles, addresses
 * as many addresses. */
static void
append_line_number (GString *out,
                    gint64   lineno)
{
  char digits[24];
  guint64 magnitude = lineno < 0 ? -(guint64) lineno : (guint64) lineno;
  gsize at = sizeof digits;

  do
    digits[--at] = '0' + magnitude % 10;
  while ((magnitude /= 10) != 0);
  if (lineno < 0)
    digits[--at] = '-';
  digits[--at] = ':';
  g_string_append_len (out, digits + at, sizeof digits - at);
}

/* The name alone where that is all there is to print (function
 * granularity, the common case): no copy for 200k nodes.  Otherwise built
 * in @scratch without printf: lines granularity prints every line. */
static const char *
node_info_printable (GStringChunk      *strings,
                     GString           *scratch,
                     const PpvNodeInfo *i)
{
  if (i->address == 0 && i->name[0] != '\0' && i->lineno == 0 && i->file[0] == '\0')
    return i->name;
  /* Files granularity: the file alone, as interned. */
  if (i->address == 0 && i->name[0] == '\0' && i->lineno == 0 && i->file[0] != '\0')
    return i->file;

  g_string_truncate (scratch, 0);
  if (i->address != 0)
    append_address (scratch, i->address);
  if (i->name[0] != '\0')
    {
      if (scratch->len)
        g_string_append_c (scratch, ' ');
      g_string_append (scratch, i->name);
    }

  if (i->lineno != 0 || i->file[0] != '\0')
    {
      if (scratch->len)
        g_string_append_c (scratch, ' ');
      g_string_append (scratch, i->file);
      if (i->lineno != 0)
        append_line_number (scratch, i->lineno);
    }
  else if (i->name[0] != '\0')
    ;
  else if (i->objfile[0] != '\0')
    {
      g_autofree char *base = go_base (i->objfile);

      g_string_append_printf (scratch, "%s[%s]", scratch->len ? " " : "", base);
    }
  else
    g_string_append (scratch, scratch->len ? " <unknown>" : "<unknown>");

  return g_string_chunk_insert_len (strings, scratch->str, scratch->len);
}

static guint32
node_info_hash (const PpvNodeInfo *i)
{
  guint64 h = (guint64) (guintptr) i->name;

  h = h * 31 + (guint64) (guintptr) i->file;
  h = h * 31 + (guint64) (guintptr) i->objfile;
  h = h * 31 + (guint64) i->address;
  h = h * 31 + (guint64) i->lineno;
  h = h * 31 + (guint64) i->start_line;
  /* Pointers differ in their middle bits: mix before masking. */
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  return (guint32) h;
}

static gboolean
node_info_equal (const PpvNodeInfo *x,
                 const PpvNodeInfo *y)
{
  return x->name == y->name && x->file == y->file && x->objfile == y->objfile &&
         x->address == y->address && x->lineno == y->lineno && x->start_line == y->start_line;
}

/* Open addressing over node ids, sized once from the number of frames
 * (a node per frame at most): no per-node allocation, no rehashing. */
typedef struct
{
  guint32 hash;
  guint32 id;       /* node id + 1; 0 = free */
} Slot;

typedef struct
{
  Slot    *slots;
  gsize    mask;
  GString *scratch;   /* for printable names */
} NodeIndex;

static void
node_index_init (NodeIndex *index,
                 gsize      n_frames)
{
  gsize cap = 64;

  while (cap < 2 * n_frames)
    cap *= 2;
  /* Probed before written (see ppv-alloc-private.h). */
  index->slots = _ppv_new0_written (cap, sizeof (Slot));
  index->mask = cap - 1;
  index->scratch = g_string_new (NULL);
}

/* The node equal to @info (whose hash is @hash), or a new one. */
static guint32
node_index_intern (NodeIndex     *index,
                   GArray        *infos,
                   GStringChunk  *strings,
                   PpvNodeInfo   *info,
                   guint32        hash)
{
  gsize i;

  for (i = hash & index->mask; index->slots[i].id != 0; i = (i + 1) & index->mask)
    if (index->slots[i].hash == hash &&
        node_info_equal (&g_array_index (infos, PpvNodeInfo, index->slots[i].id - 1), info))
      return index->slots[i].id - 1;

  info->printable = node_info_printable (strings, index->scratch, info);
  g_array_append_val (infos, *info);
  index->slots[i].hash = hash;
  index->slots[i].id = infos->len;
  return infos->len - 1;
}

/* Whether every function's file prints as it is stored (no prefix to
 * trim, already clean, the usual case): then, names being interned, the
 * stored pointers are the files, equal files equal pointers, and nothing
 * needs cleaning or copying. */
static gboolean
files_print_as_stored (PpvProfile *profile)
{
  const char *last = NULL;

  for (guint32 f = 0; f < profile->n_functions; f++)
    {
      const char *file = profile->functions[f].filename;

      if (file == last || file[0] == '\0')
        continue;
      if (trim_source_path (file) != file || !is_clean_path (file))
        return FALSE;
      last = file;
    }
  return TRUE;
}

/* What @loc's line @line (PPV_NONE: it has none) is at @gran; @cleaned is
 * NULL when files print as stored. */
static PpvNodeInfo
line_info (PpvProfile        *profile,
           const PpvLocation *loc,
           guint32            line,
           PpvGranularity     gran,
           GHashTable        *cleaned,
           GStringChunk      *strings)
{
  PpvNodeInfo info = { "", "", "", 0, 0, 0, NULL };
  const char *objfile = "";
  const PpvLine *ln;
  const PpvFunction *fn;

  if (loc->mapping != PPV_NONE && profile->mappings[loc->mapping].filename[0])
    objfile = profile->mappings[loc->mapping].filename;
  info.address = gran == PPV_GRANULARITY_ADDRESSES ? loc->address : 0;
  if (line == PPV_NONE)
    {
      info.objfile = objfile;
      return info;
    }

  ln = &profile->lines[line];
  fn = &profile->functions[ln->function];
  info.lineno = gran == PPV_GRANULARITY_LINES || gran == PPV_GRANULARITY_ADDRESSES ? ln->line : 0;
  info.name = gran != PPV_GRANULARITY_FILES ? fn->name : "";
  if (gran != PPV_GRANULARITY_FUNCTIONS && fn->filename[0] != '\0' && cleaned == NULL)
    info.file = fn->filename;
  else if (gran != PPV_GRANULARITY_FUNCTIONS && fn->filename[0] != '\0')
    {
      const char *c = g_hash_table_lookup (cleaned, fn->filename);

      if (c == NULL)
        {
          g_autofree char *tmp = _ppv_clean_path (trim_source_path (fn->filename));

          c = g_string_chunk_insert_const (strings, tmp);
          g_hash_table_insert (cleaned, (gpointer) fn->filename, (gpointer) c);
        }
      info.file = c;
    }
  if (info.name[0] == '\0')
    {
      info.objfile = objfile;
      info.start_line = fn->start_line;
    }
  return info;
}

/* A slot whose node is being looked up. */
typedef struct
{
  PpvNodeInfo info;
  guint32     hash;
  guint32     slot;
} PendingSlot;

static PpvNodeTable *
node_table_new (PpvProfile     *profile,
                PpvGranularity  gran)
{
  PpvNodeTable *self = g_new0 (PpvNodeTable, 1);
  g_autoptr(GHashTable) cleaned = NULL;
  NodeIndex index;
  gsize n_slots = 0;
  PendingSlot pending[32];

  self->ref_count = 1;
  self->granularity = gran;
  g_mutex_init (&self->rank_lock);
  self->slot_offset = g_new (guint32, profile->n_locations + 1);
  for (guint32 l = 0; l < profile->n_locations; l++)
    {
      self->slot_offset[l] = n_slots;
      n_slots += MAX (profile->locations[l].n_lines, 1);
    }
  self->slot_offset[profile->n_locations] = n_slots;
  self->n_slots = n_slots;
  self->slot_node = g_new (guint32, MAX (n_slots, 1));
  self->infos = g_array_sized_new (FALSE, TRUE, sizeof (PpvNodeInfo),
                                   MIN (n_slots, profile->n_functions + 1024));
  self->strings = g_string_chunk_new (4096);
  node_index_init (&index, n_slots);
  if (gran != PPV_GRANULARITY_FUNCTIONS && !files_print_as_stored (profile))
    cleaned = g_hash_table_new (g_direct_hash, g_direct_equal);

  /* The index is too big for the cache: a batch of slots asks for their
   * index entries before the first is looked up. */
  for (guint32 l = 0, n_pending = 0; l < profile->n_locations; l++)
    {
      const PpvLocation *loc = &profile->locations[l];
      guint32 slot = self->slot_offset[l];

      for (guint32 i = 0; i < MAX (loc->n_lines, 1); i++)
        {
          guint32 line = loc->n_lines == 0 ? PPV_NONE : loc->lines_offset + i;
          PendingSlot *next = &pending[n_pending++];

          next->info = line_info (profile, loc, line, gran, cleaned, self->strings);
          next->hash = node_info_hash (&next->info);
          next->slot = slot + i;
          __builtin_prefetch (&index.slots[next->hash & index.mask]);
          if (n_pending == G_N_ELEMENTS (pending) || (l + 1 == profile->n_locations && i + 1 >= loc->n_lines))
            {
              for (guint32 k = 0; k < n_pending; k++)
                self->slot_node[pending[k].slot] = node_index_intern (&index, self->infos, self->strings,
                                                                      &pending[k].info, pending[k].hash);
              n_pending = 0;
            }
        }
    }
  g_free (index.slots);
  g_string_free (index.scratch, TRUE);
  return self;
}

void
_ppv_node_table_unref (gpointer data)
{
  PpvNodeTable *self = data;

  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_array_unref (self->infos);
  g_free (self->slot_offset);
  g_free (self->slot_node);
  g_string_chunk_free (self->strings);
  g_free (self->name_rank);
  g_mutex_clear (&self->rank_lock);
  _ppv_node_table_unref (self->functions);
  g_free (self);
}

/* Whether @sel keeps every line of every location (no hide or show). */
static gboolean
selection_keeps_all (const PpvNodeTable      *table,
                     PpvProfile              *profile,
                     const PpvFrameSelection *sel)
{
  /* Filters only take lines away, in order: equal counts, equal lines. */
  return memcmp (sel->loc_lines_offset, table->slot_offset,
                 (profile->n_locations + 1) * sizeof (guint32)) == 0;
}

static PpvNodeIds *
node_ids_new (PpvProfile              *profile,
              const PpvFrameSelection *sel,
              PpvGranularity           gran,
              PpvNodeTable            *table)
{
  PpvNodeIds *self = g_new0 (PpvNodeIds, 1);
  gsize n_frames = sel->loc_lines_offset[profile->n_locations];

  self->ref_count = 1;
  self->granularity = gran;
  self->table = table;
  g_atomic_int_inc (&table->ref_count);
  self->infos = g_array_ref (table->infos);
  self->keeps_all = selection_keeps_all (table, profile, sel);

  if (self->keeps_all)
    self->frame_info = table->slot_node;
  else
    {
      guint32 *frame_info = g_new (guint32, MAX (n_frames, 1));

      for (guint32 l = 0; l < profile->n_locations; l++)
        for (guint32 k = sel->loc_lines_offset[l]; k < sel->loc_lines_offset[l + 1]; k++)
          {
            guint32 line = sel->loc_lines[k];
            guint32 i = line == PPV_NONE ? 0 : line - profile->locations[l].lines_offset;

            frame_info[k] = table->slot_node[table->slot_offset[l] + i];
          }
      self->frame_info = frame_info;
      self->key_offsets = g_memdup2 (sel->loc_lines_offset, (profile->n_locations + 1) * sizeof (guint32));
      self->key_lines = n_frames > 0 ? g_memdup2 (sel->loc_lines, n_frames * sizeof (guint32)) : NULL;
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
  return self;
}

PpvNodeIds *
_ppv_node_ids_ref (PpvNodeIds *self)
{
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
_ppv_node_ids_unref (PpvNodeIds *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_array_unref (self->infos);
  if (!self->keeps_all)
    g_free ((guint32 *) self->frame_info);
  g_free (self->loc_node);
  g_free (self->inlined);
  g_free (self->key_offsets);
  g_free (self->key_lines);
  _ppv_node_table_unref (self->table);
  g_free (self);
}

static gboolean
ids_fit (const PpvNodeIds        *ids,
         PpvProfile              *profile,
         const PpvFrameSelection *sel,
         PpvGranularity           granularity)
{
  guint32 n_locations = profile->n_locations;
  guint32 n_frames = sel->loc_lines_offset[n_locations];

  if (ids == NULL || ids->granularity != granularity)
    return FALSE;
  if (ids->keeps_all)
    return selection_keeps_all (ids->table, profile, sel);
  return memcmp (ids->key_offsets, sel->loc_lines_offset, (n_locations + 1) * sizeof (guint32)) == 0 &&
         (n_frames == 0 || memcmp (ids->key_lines, sel->loc_lines, n_frames * sizeof (guint32)) == 0);
}

/* A table per granularity, built once (hashing every line's names is a
 * tenth of a report on big profiles), and the ids of the last selection,
 * which the reports of one filter share.  Both are built outside the
 * lock, so that reports in other threads never wait for another's. */
PpvNodeIds *
_ppv_node_ids_dup_for (PpvProfile              *profile,
                       const PpvFrameSelection *sel,
                       PpvGranularity           granularity)
{
  PpvProfileReal *real = (PpvProfileReal *) profile;
  PpvNodeTable *table = NULL;
  PpvNodeIds *ids = NULL;
  PpvNodeIds *old;

  G_STATIC_ASSERT (PPV_GRANULARITY_ADDRESSES < G_N_ELEMENTS (real->node_tables));

  g_mutex_lock (&real->cache_lock);
  if (ids_fit (real->node_ids, profile, sel, granularity))
    ids = _ppv_node_ids_ref (real->node_ids);
  else if ((table = real->node_tables[granularity]) != NULL)
    g_atomic_int_inc (&table->ref_count);
  g_mutex_unlock (&real->cache_lock);
  if (ids != NULL)
    return ids;

  if (table == NULL)
    {
      table = node_table_new (profile, granularity);
      g_mutex_lock (&real->cache_lock);
      /* Lines are ranked from their functions' ranks when those exist
       * (see ppv-node-ranks.c). */
      if (granularity == PPV_GRANULARITY_LINES && real->node_tables[PPV_GRANULARITY_FUNCTIONS] != NULL)
        {
          table->functions = real->node_tables[PPV_GRANULARITY_FUNCTIONS];
          g_atomic_int_inc (&table->functions->ref_count);
        }
      if (real->node_tables[granularity] == NULL)
        {
          g_atomic_int_inc (&table->ref_count);
          real->node_tables[granularity] = table;
          real->node_table_unref = _ppv_node_table_unref;
        }
      g_mutex_unlock (&real->cache_lock);
    }
  ids = node_ids_new (profile, sel, granularity, table);
  _ppv_node_table_unref (table);

  g_mutex_lock (&real->cache_lock);
  old = real->node_ids;
  real->node_ids = _ppv_node_ids_ref (ids);
  real->node_ids_unref = (GDestroyNotify) _ppv_node_ids_unref;
  g_mutex_unlock (&real->cache_lock);
  _ppv_node_ids_unref (old);
  return ids;
}
