/* ppv-frame-filter.c — focus, ignore, hide, show, show_from and tag filters,
 * applied as pprof applies them, without copying the profile.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pprof mutates a copy of the profile: it edits each Location's lines and
 * each Sample's stack.  Line edits depend only on the location, so we keep
 * one edited line list per location and, per sample, a kept flag and the
 * number of leaf-side frames that survive.
 */
#include <string.h>

#include "ppv-error.h"
#include "ppv-profile-private.h"
#include "ppv-report-private.h"

typedef struct
{
  GRegex *regex;
  guint8 *function_match;   /* per function: name or file matches */
  guint8 *mapping_match;    /* per mapping: file matches */
} NameMatcher;

/* One share of the functions to match: a regex match costs about as
 * much as the rest of a report's filtering, and functions share files. */
typedef struct
{
  GRegex            *regex;
  const PpvFunction *functions;
  guint8            *match;
  guint32            first, end;
} MatchShare;

static gpointer
match_functions (gpointer data)
{
  MatchShare *share = data;
  g_autoptr(GHashTable) files = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint32 i = share->first; i < share->end; i++)
    {
      const PpvFunction *f = &share->functions[i];
      gpointer known;

      if (g_regex_match (share->regex, f->name, 0, NULL))
        share->match[i] = TRUE;
      /* File names are interned: one match per file. */
      else if (g_hash_table_lookup_extended (files, f->filename, NULL, &known))
        share->match[i] = GPOINTER_TO_INT (known);
      else
        {
          share->match[i] = g_regex_match (share->regex, f->filename, 0, NULL);
          g_hash_table_insert (files, (gpointer) f->filename, GINT_TO_POINTER (share->match[i]));
        }
    }
  return NULL;
}

#define MATCH_SPLIT_FUNCTIONS 65536

static gboolean
name_matcher_init (NameMatcher  *m,
                   PpvProfile   *profile,
                   const char   *option,
                   const char   *pattern,
                   GError      **error)
{
  MatchShare shares[2];
  GThread *thread = NULL;
  guint32 half = profile->n_functions / 2;

  memset (m, 0, sizeof *m);
  if (!_ppv_option_regex_compile (option, pattern, G_REGEX_OPTIMIZE, &m->regex, error))
    return FALSE;
  if (m->regex == NULL)
    return TRUE;

  m->function_match = g_new0 (guint8, MAX (profile->n_functions, 1));
  shares[0] = (MatchShare) { m->regex, profile->functions, m->function_match, 0, half };
  shares[1] = (MatchShare) { NULL, profile->functions, m->function_match, half, profile->n_functions };
  /* GRegex matches from several threads at once, but every match takes a
   * reference on it: the second thread has a copy, or the two would fight
   * over that one counter. */
  if (profile->n_functions >= MATCH_SPLIT_FUNCTIONS && g_get_num_processors () > 1)
    shares[1].regex = g_regex_new (g_regex_get_pattern (m->regex), g_regex_get_compile_flags (m->regex),
                                   g_regex_get_match_flags (m->regex), NULL);
  if (shares[1].regex != NULL)
    thread = g_thread_try_new ("ppv-match", match_functions, &shares[1], NULL);
  if (thread == NULL)
    shares[0].end = profile->n_functions;
  match_functions (&shares[0]);
  if (thread != NULL)
    g_thread_join (thread);
  g_clear_pointer (&shares[1].regex, g_regex_unref);

  m->mapping_match = g_new0 (guint8, profile->n_mappings);
  for (guint32 i = 0; i < profile->n_mappings; i++)
    m->mapping_match[i] = g_regex_match (m->regex, profile->mappings[i].filename, 0, NULL);

  return TRUE;
}

static void
name_matcher_clear (NameMatcher *m)
{
  g_clear_pointer (&m->regex, g_regex_unref);
  g_clear_pointer (&m->function_match, g_free);
  g_clear_pointer (&m->mapping_match, g_free);
}

static inline gboolean
mapping_matches (const NameMatcher *m,
                 const PpvLocation *loc)
{
  return loc->mapping != PPV_NONE && m->mapping_match[loc->mapping];
}

/* A line of our working list: PPV_NONE stands for "no line at all". */
static inline gboolean
line_matches (const NameMatcher *m,
              PpvProfile        *profile,
              guint32            line)
{
  return line != PPV_NONE && m->function_match[profile->lines[line].function];
}

static gboolean
location_matches (const NameMatcher *m,
                  PpvProfile        *profile,
                  const PpvLocation *loc)
{
  for (guint32 i = 0; i < loc->n_lines; i++)
    if (line_matches (m, profile, loc->lines_offset + i))
      return TRUE;
  return mapping_matches (m, loc);
}

static void
warn_no_match (GPtrArray  *warnings,
               const char *pattern,
               gboolean    matched,
               const char *what)
{
  if (pattern != NULL && pattern[0] != '\0' && !matched)
    g_ptr_array_add (warnings, g_strdup_printf ("%s expression matched no samples", what));
}

/* Which functions -prune_from matches: by their simplified names only
 * (not files or mappings), unanchored. */
static guint8 *
match_simplified_functions (PpvProfile  *profile,
                            const char  *pattern,
                            GError     **error)
{
  g_autoptr(GRegex) regex = NULL;
  guint8 *matches;

  if (!_ppv_option_regex_compile ("prune_from", pattern, G_REGEX_OPTIMIZE, &regex, error))
    return NULL;
  matches = g_new0 (guint8, MAX (profile->n_functions, 1));
  for (guint32 f = 0; f < profile->n_functions; f++)
    if (profile->functions[f].name[0] != '\0')
      {
        g_autofree char *simple = _ppv_simplify_function_name (profile->functions[f].name);
        matches[f] = g_regex_match (regex, simple, 0, NULL);
      }
  return matches;
}

gboolean
_ppv_frame_selection_init (PpvFrameSelection      *sel,
                           PpvProfile             *profile,
                           const PpvReportOptions *options,
                           GError                **error)
{
  NameMatcher focus, ignore, hide, show, show_from;
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) work = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree gint8 *focus_state = NULL;   /* 1 focus, -1 ignore, 0 neither */
  gboolean every_frame_plain;
  g_autofree guint8 *show_from_loc = NULL;
  g_autofree guint8 *prune_fn = NULL;     /* -prune_from: per function, it matches */
  g_autofree guint8 *prune_loc = NULL;    /* per location, a kept line matched */
  PpvTagFilter *tagfocus = NULL, *tagignore = NULL;
  g_autoptr(GRegex) tagshow = NULL;   /* compiled only to refuse a bad one */
  g_autoptr(GRegex) taghide = NULL;
  /* Whether each filter matched anything, for pprof's "matched no
   * samples" warnings. */
  gboolean focus_matched = FALSE, ignore_matched = FALSE, hide_matched = FALSE;
  gboolean show_matched = FALSE, show_from_matched = FALSE;
  gboolean tagfocus_matched = FALSE, tagignore_matched = FALSE;
  gboolean ok = FALSE;

  memset (sel, 0, sizeof *sel);
  sel->warnings = g_ptr_array_new_with_free_func (g_free);

  memset (&focus, 0, sizeof focus);
  memset (&ignore, 0, sizeof ignore);
  memset (&hide, 0, sizeof hide);
  memset (&show, 0, sizeof show);
  memset (&show_from, 0, sizeof show_from);

  if (!name_matcher_init (&focus, profile, "focus", options->focus, error) ||
      !name_matcher_init (&ignore, profile, "ignore", options->ignore, error) ||
      !name_matcher_init (&hide, profile, "hide", options->hide, error) ||
      !name_matcher_init (&show, profile, "show", options->show, error) ||
      !name_matcher_init (&show_from, profile, "show_from", options->show_from, error))
    goto out;

  if (options->tagfocus && options->tagfocus[0] &&
      !(tagfocus = _ppv_tag_filter_new (profile, "tagfocus", options->tagfocus, error)))
    goto out;
  if (options->tagignore && options->tagignore[0] &&
      !(tagignore = _ppv_tag_filter_new (profile, "tagignore", options->tagignore, error)))
    goto out;
  /* Used only where labels are shown, but pprof refuses a bad one in any
   * report, after the tag filters. */
  if (!_ppv_option_regex_compile ("tagshow", options->tagshow, 0, &tagshow, error) ||
      !_ppv_option_regex_compile ("taghide", options->taghide, 0, &taghide, error))
    goto out;

  if (options->prune_from && options->prune_from[0] &&
      !(prune_fn = match_simplified_functions (profile, options->prune_from, error)))
    goto out;

  focus_state = g_new0 (gint8, profile->n_locations);
  prune_loc = g_new0 (guint8, MAX (profile->n_locations, 1));
  show_from_loc = g_new0 (guint8, profile->n_locations);
  sel->loc_lines_offset = g_new (guint32, profile->n_locations + 1);

  for (guint32 l = 0; l < profile->n_locations; l++)
    {
      const PpvLocation *loc = &profile->locations[l];

      /* focus and ignore see the lines as they were before hide/show. */
      if (ignore.regex && location_matches (&ignore, profile, loc))
        {
          ignore_matched = TRUE;
          focus_state[l] = -1;
        }
      else if (focus.regex == NULL || location_matches (&focus, profile, loc))
        {
          focus_matched = TRUE;
          focus_state[l] = 1;
        }

      g_array_set_size (work, 0);
      if (loc->n_lines == 0)
        {
          guint32 none = PPV_NONE;
          g_array_append_val (work, none);
        }
      for (guint32 i = 0; i < loc->n_lines; i++)
        {
          guint32 line = loc->lines_offset + i;
          g_array_append_val (work, line);
        }

      if (hide.regex && location_matches (&hide, profile, loc))
        {
          hide_matched = TRUE;
          if (mapping_matches (&hide, loc))
            g_array_set_size (work, 0);
          for (guint i = 0; i < work->len;)
            if (line_matches (&hide, profile, g_array_index (work, guint32, i)))
              g_array_remove_index (work, i);
            else
              i++;
        }

      if (show.regex && !mapping_matches (&show, loc))
        for (guint i = 0; i < work->len;)
          {
            guint32 line = g_array_index (work, guint32, i);
            if (line != PPV_NONE && !line_matches (&show, profile, line))
              g_array_remove_index (work, i);
            else
              i++;
          }
      /* pprof drops the placeholder of a line-less location under show. */
      if (show.regex && loc->n_lines == 0)
        g_array_set_size (work, 0);
      if (show.regex && work->len > 0)
        show_matched = TRUE;

      if (show_from.regex && work->len > 0)
        {
          if (mapping_matches (&show_from, loc))
            show_from_loc[l] = TRUE;
          else
            for (guint i = work->len; i > 0; i--)
              if (line_matches (&show_from, profile, g_array_index (work, guint32, i - 1)))
                {
                  g_array_set_size (work, i);
                  show_from_loc[l] = TRUE;
                  break;
                }
          show_from_matched |= show_from_loc[l];
        }

      /* -prune_from (after every filter): the innermost matching line
       * takes the place of the lines inlined into it. */
      if (prune_fn != NULL)
        for (guint i = 0; i < work->len; i++)
          {
            guint32 line = g_array_index (work, guint32, i);

            if (line != PPV_NONE && prune_fn[profile->lines[line].function])
              {
                g_array_remove_range (work, 0, i);
                prune_loc[l] = TRUE;
                break;
              }
          }

      /* Aggregation without inlines keeps only the outermost line. */
      if (options->noinlines && work->len > 1)
        {
          guint32 last = g_array_index (work, guint32, work->len - 1);
          g_array_set_size (work, 1);
          g_array_index (work, guint32, 0) = last;
        }

      sel->loc_lines_offset[l] = lines->len;
      g_array_append_vals (lines, work->data, work->len);
    }
  sel->loc_lines_offset[profile->n_locations] = lines->len;
  sel->loc_lines = (guint32 *) g_array_free (g_steal_pointer (&lines), FALSE);

  sel->sample_kept = g_new0 (guint8, profile->n_samples);
  sel->sample_depth = g_new0 (guint32, profile->n_samples);
  if (prune_fn != NULL)
    sel->sample_start = g_new0 (guint32, MAX (profile->n_samples, 1));

  /* Without a focus or ignore matching and with no location left without
   * lines (the usual case), a sample is focused and has a line left as
   * soon as it has a frame: its frames need no reading. */
  every_frame_plain = TRUE;
  for (guint32 l = 0; l < profile->n_locations && every_frame_plain; l++)
    every_frame_plain = focus_state[l] > 0 &&
                        sel->loc_lines_offset[l + 1] > sel->loc_lines_offset[l];

  for (guint32 s = 0; s < profile->n_samples; s++)
    {
      const PpvSample *sample = &profile->samples[s];
      const guint32 *stack = profile->stacks + sample->stack_offset;
      gboolean focused = FALSE, ignored = FALSE, any_left = FALSE;
      guint32 depth = sample->n_locations;

      if (every_frame_plain)
        {
          if (sample->n_locations == 0)
            continue;
          focused = any_left = TRUE;
        }
      for (guint32 i = 0; i < sample->n_locations && !ignored && !every_frame_plain; i++)
        {
          if (focus_state[stack[i]] < 0)
            ignored = TRUE;
          else if (focus_state[stack[i]] > 0)
            focused = TRUE;
        }
      if (ignored || !focused)
        continue;

      for (guint32 i = 0; i < sample->n_locations && !any_left; i++)
        if (sel->loc_lines_offset[stack[i] + 1] > sel->loc_lines_offset[stack[i]])
          any_left = TRUE;
      if (!any_left)
        continue;

      if (show_from.regex)
        {
          guint32 i;
          for (i = sample->n_locations; i > 0; i--)
            if (show_from_loc[stack[i - 1]] &&
                sel->loc_lines_offset[stack[i - 1] + 1] > sel->loc_lines_offset[stack[i - 1]])
              break;
          if (i == 0)
            continue;
          depth = i;
        }

      if (tagfocus || tagignore)
        {
          gboolean t_focused = tagfocus == NULL || _ppv_tag_filter_matches (tagfocus, s);
          gboolean t_ignored = tagignore != NULL && _ppv_tag_filter_matches (tagignore, s);

          tagfocus_matched |= t_focused;
          tagignore_matched |= t_ignored;
          if (!t_focused || t_ignored)
            continue;
        }

      sel->sample_kept[s] = TRUE;
      sel->sample_depth[s] = depth;

      /* The leaf-most pruned location becomes the leaf. */
      if (prune_fn != NULL)
        for (guint32 i = 0; i < depth; i++)
          if (prune_loc[stack[i]])
            {
              sel->sample_start[s] = i;
              break;
            }
    }

  warn_no_match (sel->warnings, options->focus, focus_matched, "Focus");
  warn_no_match (sel->warnings, options->ignore, ignore_matched, "Ignore");
  warn_no_match (sel->warnings, options->hide, hide_matched, "Hide");
  warn_no_match (sel->warnings, options->show, show_matched, "Show");
  warn_no_match (sel->warnings, options->show_from, show_from_matched, "ShowFrom");
  warn_no_match (sel->warnings, options->tagfocus, tagfocus_matched, "TagFocus");
  warn_no_match (sel->warnings, options->tagignore, tagignore_matched, "TagIgnore");
  ok = TRUE;

out:
  name_matcher_clear (&focus);
  name_matcher_clear (&ignore);
  name_matcher_clear (&hide);
  name_matcher_clear (&show);
  name_matcher_clear (&show_from);
  g_clear_pointer (&tagfocus, _ppv_tag_filter_free);
  g_clear_pointer (&tagignore, _ppv_tag_filter_free);
  if (!ok)
    _ppv_frame_selection_clear (sel);
  return ok;
}

void
_ppv_frame_selection_clear (PpvFrameSelection *sel)
{
  g_clear_pointer (&sel->loc_lines_offset, g_free);
  g_clear_pointer (&sel->loc_lines, g_free);
  g_clear_pointer (&sel->sample_kept, g_free);
  g_clear_pointer (&sel->sample_depth, g_free);
  g_clear_pointer (&sel->sample_start, g_free);
  g_clear_pointer (&sel->warnings, g_ptr_array_unref);
}

char **
_ppv_frame_selection_dup_warnings (const PpvFrameSelection *sel)
{
  char **warnings = g_new0 (char *, sel->warnings->len + 1);

  for (guint i = 0; i < sel->warnings->len; i++)
    warnings[i] = g_strdup (g_ptr_array_index (sel->warnings, i));
  return warnings;
}
