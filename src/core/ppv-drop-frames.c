/* ppv-drop-frames.c — pprof's RemoveUninteresting: a profile's drop_frames and keep_frames applied after merging.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ppv-error.h"
#include "ppv-profile-private.h"

/* pprof's simplifyFunc: drop a leading '.', cut at the first '(' that is
 * not part of "(anonymous namespace)" or "operator()". */
char *
_ppv_simplify_function_name (const char *name)
{
  static const char *reserved[] = { "(anonymous namespace)", "operator()" };
  const char *p;

  if (name[0] == '.')
    name++;
  for (p = name; *p; p++)
    {
      gboolean skipped = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
        if (g_str_has_prefix (p, reserved[i]))
          {
            p += strlen (reserved[i]) - 1;
            skipped = TRUE;
            break;
          }
      if (!skipped && *p == '(')
        return g_strndup (name, p - name);
    }
  return g_strdup (name);
}

static GRegex *
compile_anchored (const char  *pattern,
                  GError     **error)
{
  g_autofree char *anchored = g_strdup_printf ("^(%s)$", pattern);
  g_autoptr(GError) local_error = NULL;
  GRegex *regex = g_regex_new (anchored, 0, 0, &local_error);

  if (regex == NULL)
    g_set_error (error, PPV_REPORT_ERROR, PPV_REPORT_ERROR_REGEX,
                 "failed to compile regexp %s: %s", pattern, local_error->message);
  return regex;
}

/* pprof's RemoveUninteresting: frames matching the profile's drop_frames
 * (unless keep_frames) are cut off with everything leafward of them. */
PpvProfile *
_ppv_profile_remove_uninteresting (PpvProfile  *p,
                                   GError     **error)
{
  g_autoptr(GRegex) drop = NULL;
  g_autoptr(GRegex) keep = NULL;
  g_autofree guint8 *drop_fn = NULL;
  g_autofree guint8 *prune = NULL;
  g_autofree guint8 *prune_beneath = NULL;
  g_autofree guint32 *first_line = NULL;
  PpvProfileBuilder *b;

  if (p->drop_frames == NULL || p->drop_frames[0] == '\0')
    return ppv_profile_ref (p);
  if (!(drop = compile_anchored (p->drop_frames, error)))
    return NULL;
  if (p->keep_frames && p->keep_frames[0] && !(keep = compile_anchored (p->keep_frames, error)))
    return NULL;

  drop_fn = g_new0 (guint8, MAX (p->n_functions, 1));
  for (guint32 f = 0; f < p->n_functions; f++)
    {
      g_autofree char *simple = NULL;

      if (p->functions[f].name[0] == '\0')
        continue;
      simple = _ppv_simplify_function_name (p->functions[f].name);
      drop_fn[f] = g_regex_match (drop, simple, 0, NULL) &&
                   (keep == NULL || !g_regex_match (keep, simple, 0, NULL));
    }

  prune = g_new0 (guint8, MAX (p->n_locations, 1));
  prune_beneath = g_new0 (guint8, MAX (p->n_locations, 1));
  first_line = g_new0 (guint32, MAX (p->n_locations, 1));
  for (guint32 l = 0; l < p->n_locations; l++)
    {
      const PpvLocation *loc = &p->locations[l];
      guint32 i;

      /* The outermost matching line decides; inner lines go with it. */
      for (i = loc->n_lines; i > 0; i--)
        if (drop_fn[p->lines[loc->lines_offset + i - 1].function])
          break;
      if (i > 0)
        {
          prune_beneath[l] = TRUE;
          if (i == loc->n_lines)
            prune[l] = TRUE;
          else
            first_line[l] = i;
        }
    }

  b = ppv_profile_builder_new ();
  _ppv_profile_builder_copy_header (b, p);
  for (guint32 l = 0; l < p->n_locations; l++)
    _ppv_profile_builder_copy_location (b, p, l, first_line[l]);

  for (guint32 s = 0; s < p->n_samples; s++)
    {
      const PpvSample *sample = &p->samples[s];
      const guint32 *stack = p->stacks + sample->stack_offset;
      guint32 start = 0;
      gboolean found_user = FALSE;

      /* From the root: past the first "user" frame, cut at a pruned one. */
      for (guint32 i = sample->n_locations; i > 0; i--)
        {
          guint32 loc = stack[i - 1];

          if (!prune[loc] && !prune_beneath[loc])
            {
              found_user = TRUE;
              continue;
            }
          if (!found_user)
            continue;
          start = prune[loc] ? i : i - 1;
          break;
        }

      ppv_profile_builder_add_sample_indexed (b, stack + start, sample->n_locations - start,
                                              ppv_profile_sample_values (p, s), p->n_sample_types,
                                              p->labels + sample->labels_offset, sample->n_labels);
    }

  return ppv_profile_builder_finish (b, "pruned profile", error);
}
