/* raw-dump.c — prints a PpvProfile the way `go tool pprof -raw` prints pprof's model.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lets the tests compare our model with golden files that data/gen/gen.sh
 * records with pprof's own parser (profile.Parse, then Profile.String(),
 * which is what `-raw` prints before pprof merges and compacts).
 */
#include "raw-dump.h"

#include <string.h>

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* pprof keeps labels in maps of key → values; print them as its
 * labelsToString / numLabelsToString do: "key:[v1 v2]", sorted. */
static void
append_labels (GString          *out,
               const PpvProfile *p,
               const PpvSample  *s,
               gboolean          numeric)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  for (guint32 i = 0; i < s->n_labels; i++)
    {
      const PpvLabel *l = &p->labels[s->labels_offset + i];

      if ((l->str == NULL) == numeric && !g_ptr_array_find (keys, l->key, NULL))
        g_ptr_array_add (keys, (gpointer) l->key);
    }

  if (keys->len == 0)
    return;

  for (guint k = 0; k < keys->len; k++)
    {
      const char *key = g_ptr_array_index (keys, k);
      GString *item = g_string_new (NULL);
      gboolean any_unit = FALSE;
      gboolean first = TRUE;

      for (guint32 i = 0; i < s->n_labels; i++)
        {
          const PpvLabel *l = &p->labels[s->labels_offset + i];

          if (l->key == key && l->str == NULL && l->num_unit[0] != '\0')
            any_unit = TRUE;
        }

      g_string_append_printf (item, "%s:[", key);
      for (guint32 i = 0; i < s->n_labels; i++)
        {
          const PpvLabel *l = &p->labels[s->labels_offset + i];

          if (l->key != key || (l->str == NULL) != numeric)
            continue;
          if (!first)
            g_string_append_c (item, ' ');
          first = FALSE;
          if (!numeric)
            g_string_append (item, l->str);
          else if (any_unit)
            g_string_append_printf (item, "%" G_GINT64_FORMAT " %s", l->num, l->num_unit);
          else
            g_string_append_printf (item, "%" G_GINT64_FORMAT, l->num);
        }
      g_string_append_c (item, ']');
      g_ptr_array_add (items, g_string_free (item, FALSE));
    }

  g_ptr_array_sort (items, compare_strings);
  g_string_append (out, "\n                ");
  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, g_ptr_array_index (items, i));
    }
}

char *
raw_dump (const PpvProfile *p)
{
  GString *out = g_string_new (NULL);
  GString *types = g_string_new (NULL);

  for (guint i = 0; i < p->n_comments; i++)
    g_string_append_printf (out, "Comment: %s\n", p->comments[i]);
  g_string_append_printf (out, "PeriodType: %s %s\n", p->period_type.type, p->period_type.unit);
  g_string_append_printf (out, "Period: %" G_GINT64_FORMAT "\n", p->period);

  g_string_append (out, "Samples:\n");
  for (guint i = 0; i < p->n_sample_types; i++)
    g_string_append_printf (types, "%s/%s%s ", p->sample_types[i].type, p->sample_types[i].unit,
                            strcmp (p->sample_types[i].type, p->default_sample_type) == 0 ? "[dflt]" : "");
  g_strchomp (types->str);
  g_string_append (out, types->str);
  g_string_free (types, TRUE);

  for (guint32 s = 0; s < p->n_samples; s++)
    {
      const PpvSample *sample = &p->samples[s];
      const gint64 *values = ppv_profile_sample_values (p, s);

      g_string_append_c (out, '\n');
      for (guint i = 0; i < p->n_sample_types; i++)
        g_string_append_printf (out, " %10" G_GINT64_FORMAT, values[i]);
      g_string_append (out, ": ");
      for (guint32 i = 0; i < sample->n_locations; i++)
        g_string_append_printf (out, "%" G_GUINT64_FORMAT " ",
                                p->locations[p->stacks[sample->stack_offset + i]].id);
      append_labels (out, p, sample, FALSE);
      append_labels (out, p, sample, TRUE);
    }

  g_string_append (out, "\nLocations");
  for (guint32 i = 0; i < p->n_locations; i++)
    {
      const PpvLocation *loc = &p->locations[i];
      g_autoptr(GString) head = g_string_new (NULL);

      /* Go's %#x prints 0 as 0x0, C's as 0. */
      g_string_append_printf (head, "%6" G_GUINT64_FORMAT ": 0x%" G_GINT64_MODIFIER "x ",
                              loc->id, loc->address);
      if (loc->mapping != PPV_NONE)
        g_string_append_printf (head, "M=%" G_GUINT64_FORMAT " ", p->mappings[loc->mapping].id);
      if (loc->is_folded)
        g_string_append (head, "[F] ");

      if (loc->n_lines == 0)
        g_string_append_printf (out, "\n%s", head->str);
      for (guint32 l = 0; l < loc->n_lines; l++)
        {
          const PpvLine *line = &p->lines[loc->lines_offset + l];
          const PpvFunction *fn = &p->functions[line->function];

          g_string_append_printf (out, "\n%s%s %s:%" G_GINT64_FORMAT " s=%" G_GINT64_FORMAT,
                                  head->str, fn->name, fn->filename, line->line, fn->start_line);
          if (strcmp (fn->name, fn->system_name) != 0)
            g_string_append_printf (out, "(%s)", fn->system_name);
          g_string_assign (head, "             ");
        }
    }

  g_string_append (out, "\nMappings");
  for (guint32 i = 0; i < p->n_mappings; i++)
    {
      const PpvMapping *m = &p->mappings[i];

      g_string_append_printf (out, "\n%" G_GUINT64_FORMAT ": 0x%" G_GINT64_MODIFIER "x/0x%"
                              G_GINT64_MODIFIER "x/0x%" G_GINT64_MODIFIER "x %s %s %s%s%s%s",
                              m->id, m->memory_start, m->memory_limit, m->file_offset,
                              m->filename, m->build_id,
                              m->has_functions ? "[FN]" : "", m->has_filenames ? "[FL]" : "",
                              m->has_line_numbers ? "[LN]" : "",
                              m->has_inline_frames ? "[IN]" : "");
    }
  g_string_append_printf (out, "\nDropFrames: %s\nKeepFrames: %s\n", p->drop_frames, p->keep_frames);

  return g_string_free (out, FALSE);
}
