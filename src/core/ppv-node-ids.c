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

#include "ppv-node-ids.h"

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

/* The name alone where that is all there is to print (function
 * granularity, the common case): no copy for 200k nodes. */
static const char *
node_info_printable (GStringChunk      *strings,
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

  return g_string_chunk_insert_len (strings, s->str, s->len);
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
  Slot  *slots;
  gsize  mask;
} NodeIndex;

static void
node_index_init (NodeIndex *index,
                 gsize      n_frames)
{
  gsize cap = 64;

  while (cap < 2 * n_frames)
    cap *= 2;
  index->slots = g_new0 (Slot, cap);
  index->mask = cap - 1;
}

/* The node equal to @info, or a new one. */
static guint32
node_index_intern (NodeIndex     *index,
                   GArray        *infos,
                   GStringChunk  *strings,
                   PpvNodeInfo   *info)
{
  guint32 hash = node_info_hash (info);
  gsize i;

  for (i = hash & index->mask; index->slots[i].id != 0; i = (i + 1) & index->mask)
    if (index->slots[i].hash == hash &&
        node_info_equal (&g_array_index (infos, PpvNodeInfo, index->slots[i].id - 1), info))
      return index->slots[i].id - 1;

  info->printable = node_info_printable (strings, info);
  g_array_append_val (infos, *info);
  index->slots[i].hash = hash;
  index->slots[i].id = infos->len;
  return infos->len - 1;
}

PpvNodeIds *
_ppv_node_ids_new (PpvProfile              *profile,
                   const PpvFrameSelection *sel,
                   PpvGranularity           gran)
{
  PpvNodeIds *self = g_new0 (PpvNodeIds, 1);
  NodeIndex index;
  g_autoptr(GHashTable) cleaned = g_hash_table_new (g_direct_hash, g_direct_equal);
  gboolean keep_function = gran != PPV_GRANULARITY_FILES;
  gboolean keep_file = gran != PPV_GRANULARITY_FUNCTIONS;
  gboolean keep_line = gran == PPV_GRANULARITY_LINES || gran == PPV_GRANULARITY_ADDRESSES;
  gboolean keep_address = gran == PPV_GRANULARITY_ADDRESSES;
  gsize n_frames = sel->loc_lines_offset[profile->n_locations];

  self->infos = g_array_sized_new (FALSE, TRUE, sizeof (PpvNodeInfo),
                                   MIN (n_frames, profile->n_functions + 1024));
  node_index_init (&index, n_frames);
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

          self->frame_info[k] = node_index_intern (&index, self->infos, self->strings, &info);
        }
    }

  g_free (index.slots);

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

void
_ppv_node_ids_free (PpvNodeIds *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->infos);
  g_free (self->frame_info);
  g_free (self->loc_node);
  g_free (self->inlined);
  g_string_chunk_free (self->strings);
  g_free (self);
}
