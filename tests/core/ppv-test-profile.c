/* ppv-test-profile.c — tiny profiles from folded stacks, for unit tests.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "ppv-test-profile.h"

static guint64
function_id (PpvProfileBuilder *b,
             GHashTable        *functions,
             const char        *name)
{
  gpointer id = g_hash_table_lookup (functions, name);

  if (id == NULL)
    {
      g_autofree char *file = g_strdup_printf ("/src/%s.go", name);
      PpvFunction f = { g_hash_table_size (functions) + 1, name, name, file, 0 };
      ppv_profile_builder_add_function (b, &f);
      id = GSIZE_TO_POINTER (f.id);
      g_hash_table_insert (functions, g_strdup (name), id);
    }
  return GPOINTER_TO_SIZE (id);
}

static guint64
location_id (PpvProfileBuilder *b,
             GHashTable        *functions,
             GHashTable        *locations,
             const char        *frame)
{
  gpointer id = g_hash_table_lookup (locations, frame);

  if (id == NULL)
    {
      g_auto(GStrv) parts = g_strsplit (frame, "+", -1);
      guint n = g_strv_length (parts);
      g_autofree guint64 *fids = g_new (guint64, n);
      g_autofree gint64 *lines = g_new (gint64, n);
      g_autofree gint64 *cols = g_new0 (gint64, n);
      guint64 lid = g_hash_table_size (locations) + 1;

      /* "outer+inner": line[0] is the innermost. */
      for (guint i = 0; i < n; i++)
        {
          fids[i] = function_id (b, functions, parts[n - 1 - i]);
          lines[i] = 10 + i;
        }
      ppv_profile_builder_add_location (b, lid, 1, 0x1000 + lid * 16, FALSE, fids, lines, cols, n);
      id = GSIZE_TO_POINTER (lid);
      g_hash_table_insert (locations, g_strdup (frame), id);
    }
  return GPOINTER_TO_SIZE (id);
}

PpvProfile *
ppv_test_profile_from_folded (const char *types,
                              const char *folded)
{
  PpvProfileBuilder *b = ppv_profile_builder_new ();
  g_autoptr(GHashTable) functions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) locations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) type_list = g_strsplit (types, ",", -1);
  g_auto(GStrv) lines = g_strsplit (folded, "\n", -1);
  PpvMapping mapping = { 1, 0x1000, 0x100000, 0, "/bin/prog", "", 1, 1, 1, 0 };
  g_autoptr(GError) error = NULL;
  PpvProfile *profile;
  guint n_types = g_strv_length (type_list);

  for (guint i = 0; i < n_types; i++)
    {
      g_auto(GStrv) tu = g_strsplit (type_list[i], "/", 2);
      ppv_profile_builder_add_sample_type (b, tu[0], tu[1] ? tu[1] : "count");
    }
  ppv_profile_builder_add_mapping (b, &mapping);

  for (guint l = 0; lines[l]; l++)
    {
      g_auto(GStrv) fields = NULL;
      g_auto(GStrv) frames = NULL;
      g_auto(GStrv) values = NULL;
      g_autofree guint64 *locs = NULL;
      g_autofree gint64 *vals = NULL;
      g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (PpvLabel));
      guint n_frames;

      g_strstrip (lines[l]);
      if (lines[l][0] == '\0')
        continue;
      fields = g_strsplit (lines[l], " ", -1);
      frames = g_strsplit (fields[0], ";", -1);
      values = g_strsplit (fields[1], ",", -1);
      n_frames = fields[0][0] ? g_strv_length (frames) : 0;

      locs = g_new (guint64, MAX (n_frames, 1));
      for (guint i = 0; i < n_frames; i++)
        locs[i] = location_id (b, functions, locations, frames[n_frames - 1 - i]);
      vals = g_new0 (gint64, n_types);
      for (guint i = 0; i < n_types && values[i]; i++)
        vals[i] = g_ascii_strtoll (values[i], NULL, 10);

      for (guint i = 2; fields[i]; i++)
        {
          g_auto(GStrv) kv = g_strsplit (fields[i], "=", 2);
          PpvLabel label = { ppv_profile_builder_intern (b, kv[0]), NULL, 0,
                             ppv_profile_builder_intern (b, "") };
          if (g_ascii_isdigit (kv[1][0]))
            label.num = g_ascii_strtoll (kv[1], NULL, 10);
          else
            label.str = ppv_profile_builder_intern (b, kv[1]);
          g_array_append_val (labels, label);
        }

      ppv_profile_builder_add_sample (b, locs, n_frames, vals, n_types,
                                      (PpvLabel *) labels->data, labels->len);
    }

  profile = ppv_profile_builder_finish (b, "test", &error);
  g_assert_no_error (error);
  return profile;
}
