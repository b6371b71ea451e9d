/* ppv-label-frames.c — pprof's -tagroot/-tagleaf: labels as pseudo frames.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The profile is copied with extra functions and locations, one per
 * distinct (values, key), numbered after the largest existing ids, as
 * pprof numbers them; the reports then treat them as ordinary frames, so
 * focus, hide and the rest can match them.
 */
#include <string.h>

#include "ppv-label-frames.h"
#include "ppv-profile-private.h"
#include "ppv-units.h"

typedef struct
{
  PpvProfile        *profile;
  PpvProfileBuilder *builder;
  const char        *unit;
  GHashTable        *pseudo;        /* "values\x01key" -> location index + 1 */
  guint64            next_function_id;
  guint64            next_location_id;
  guint32            n_pseudo;
} LabelFrames;

static char **
split_keys (const char *keys)
{
  g_auto(GStrv) parts = g_strsplit (keys ? keys : "", ",", -1);
  GPtrArray *kept = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_ptr_array_add (kept, g_strdup (parts[i]));
  g_ptr_array_add (kept, NULL);
  return (char **) g_ptr_array_free (kept, FALSE);
}

/* The values of @key in @sample: strings first, then numbers, each scaled
 * on its own; a key whose numbers carry no unit at all prints them bare
 * (pprof keeps units per key only when one of them has one). */
static char *
join_values (LabelFrames     *lf,
             const PpvSample *sample,
             const char      *key,
             gboolean        *found)
{
  const PpvLabel *labels = lf->profile->labels + sample->labels_offset;
  g_autoptr(GString) joined = g_string_new (NULL);
  gboolean any_unit = FALSE;

  *found = FALSE;
  for (guint32 i = 0; i < sample->n_labels; i++)
    if (strcmp (labels[i].key, key) == 0)
      {
        if (labels[i].str != NULL)
          {
            if (*found)
              g_string_append_c (joined, ',');
            g_string_append (joined, labels[i].str);
            *found = TRUE;
          }
        else if (labels[i].num_unit != NULL && labels[i].num_unit[0] != '\0')
          any_unit = TRUE;
      }

  for (guint32 i = 0; i < sample->n_labels; i++)
    if (labels[i].str == NULL && strcmp (labels[i].key, key) == 0)
      {
        g_autofree char *value = any_unit
          ? ppv_unit_scaled_label (labels[i].num, labels[i].num_unit, lf->unit)
          : ppv_unit_scaled_label (labels[i].num, "", "");

        if (*found)
          g_string_append_c (joined, ',');
        g_string_append (joined, value);
        *found = TRUE;
      }

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* The location index of the pseudo frame (@name, @key), added on first use. */
static guint32
intern_pseudo (LabelFrames *lf,
               const char  *name,
               const char  *key)
{
  g_autofree char *lookup = g_strconcat (name, "\x01", key, NULL);
  gpointer found = g_hash_table_lookup (lf->pseudo, lookup);
  PpvFunction function = { 0 };
  guint64 function_id;
  gint64 line = 0, column = 0;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  function_id = lf->next_function_id++;
  function.id = function_id;
  function.name = ppv_profile_builder_intern (lf->builder, name);
  function.system_name = ppv_profile_builder_intern (lf->builder, "");
  function.filename = ppv_profile_builder_intern (lf->builder, key);
  ppv_profile_builder_add_function (lf->builder, &function);
  ppv_profile_builder_add_location (lf->builder, lf->next_location_id++, 0, 0, FALSE,
                                    &function_id, &line, &column, 1);

  g_hash_table_insert (lf->pseudo, g_steal_pointer (&lookup),
                       GUINT_TO_POINTER (lf->profile->n_locations + lf->n_pseudo + 1));
  return lf->profile->n_locations + lf->n_pseudo++;
}

/* Appends to @stack the frames of @keys, last key first (so that at the
 * root end the first key is outermost, and at the leaf end the last key
 * innermost).  Returns whether the sample had any of the keys. */
static gboolean
add_frames (LabelFrames     *lf,
            const PpvSample *sample,
            char           **keys,
            GArray          *stack)
{
  gboolean matched = FALSE;
  guint n = g_strv_length (keys);

  for (guint i = n; i > 0; i--)
    {
      gboolean found;
      g_autofree char *name = join_values (lf, sample, keys[i - 1], &found);
      guint32 loc = intern_pseudo (lf, name, keys[i - 1]);

      matched |= found;
      g_array_append_val (stack, loc);
    }
  return matched;
}

/* The profile as it is; new ids go after its largest ones. */
static void
copy_entities (LabelFrames *lf)
{
  PpvProfile *p = lf->profile;

  _ppv_profile_builder_copy_header (lf->builder, p);
  for (guint32 f = 0; f < p->n_functions; f++)
    lf->next_function_id = MAX (lf->next_function_id, p->functions[f].id + 1);
  for (guint32 l = 0; l < p->n_locations; l++)
    {
      _ppv_profile_builder_copy_location (lf->builder, p, l, 0);
      lf->next_location_id = MAX (lf->next_location_id, p->locations[l].id + 1);
    }
}

PpvProfile *
ppv_profile_add_label_frames (PpvProfile  *profile,
                              const char  *tagroot,
                              const char  *tagleaf,
                              const char  *unit,
                              gboolean    *root_matched,
                              gboolean    *leaf_matched,
                              GError     **error)
{
  g_auto(GStrv) root_keys = split_keys (tagroot);
  g_auto(GStrv) leaf_keys = split_keys (tagleaf);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint32));
  LabelFrames lf = { 0 };
  gboolean root_any = FALSE, leaf_any = FALSE;
  PpvProfile *result;

  g_return_val_if_fail (profile != NULL, NULL);

  if (root_matched)
    *root_matched = TRUE;
  if (leaf_matched)
    *leaf_matched = TRUE;
  if (root_keys[0] == NULL && leaf_keys[0] == NULL)
    return ppv_profile_ref (profile);

  lf.profile = profile;
  lf.builder = ppv_profile_builder_new ();
  lf.unit = unit ? unit : "minimum";
  lf.pseudo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lf.next_function_id = 1;
  lf.next_location_id = 1;
  copy_entities (&lf);

  for (guint32 s = 0; s < profile->n_samples; s++)
    {
      const PpvSample *sample = &profile->samples[s];

      g_array_set_size (stack, 0);
      leaf_any |= add_frames (&lf, sample, leaf_keys, stack);
      g_array_append_vals (stack, profile->stacks + sample->stack_offset, sample->n_locations);
      root_any |= add_frames (&lf, sample, root_keys, stack);
      ppv_profile_builder_add_sample_indexed (lf.builder, (guint32 *) stack->data, stack->len,
                                              ppv_profile_sample_values (profile, s),
                                              profile->n_sample_types,
                                              profile->labels + sample->labels_offset,
                                              sample->n_labels);
    }

  g_hash_table_unref (lf.pseudo);
  result = ppv_profile_builder_finish (lf.builder, "profile with label frames", error);
  if (root_matched && root_keys[0] != NULL)
    *root_matched = root_any;
  if (leaf_matched && leaf_keys[0] != NULL)
    *leaf_matched = leaf_any;
  return result;
}
