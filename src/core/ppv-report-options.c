/* ppv-report-options.c — defaults, copies and the legend text of report options.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-error.h"
#include "ppv-report-private.h"

void
ppv_report_options_init (PpvReportOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (PpvReportOptions) {
    .granularity = PPV_GRANULARITY_FUNCTIONS,
    .divide_by = 1.0,
    .nodecount = -1,
    .nodefraction = 0.005,
    .edgefraction = 0.001,
    .trim = TRUE,
  };
}

void
ppv_report_options_clear (PpvReportOptions *options)
{
  g_return_if_fail (options != NULL);

  g_clear_pointer (&options->sample_index, g_free);
  g_clear_pointer (&options->unit, g_free);
  g_clear_pointer (&options->focus, g_free);
  g_clear_pointer (&options->ignore, g_free);
  g_clear_pointer (&options->hide, g_free);
  g_clear_pointer (&options->show, g_free);
  g_clear_pointer (&options->show_from, g_free);
  g_clear_pointer (&options->tagfocus, g_free);
  g_clear_pointer (&options->tagignore, g_free);
  g_clear_pointer (&options->tagshow, g_free);
  g_clear_pointer (&options->taghide, g_free);
  g_clear_pointer (&options->prune_from, g_free);
}

PpvReportOptions *
ppv_report_options_dup (const PpvReportOptions *src)
{
  PpvReportOptions *options = g_new0 (PpvReportOptions, 1);

  ppv_report_options_init (options);
  if (src != NULL)
    ppv_report_options_copy (options, src);
  return options;
}

void
ppv_report_options_free (PpvReportOptions *options)
{
  if (options == NULL)
    return;
  ppv_report_options_clear (options);
  g_free (options);
}

void
ppv_report_options_copy (PpvReportOptions       *dest,
                         const PpvReportOptions *src)
{
  g_return_if_fail (dest != NULL);
  g_return_if_fail (src != NULL);

  *dest = *src;
  dest->sample_index = g_strdup (src->sample_index);
  dest->unit = g_strdup (src->unit);
  dest->focus = g_strdup (src->focus);
  dest->ignore = g_strdup (src->ignore);
  dest->hide = g_strdup (src->hide);
  dest->show = g_strdup (src->show);
  dest->show_from = g_strdup (src->show_from);
  dest->tagfocus = g_strdup (src->tagfocus);
  dest->tagignore = g_strdup (src->tagignore);
  dest->tagshow = g_strdup (src->tagshow);
  dest->taghide = g_strdup (src->taghide);
  dest->prune_from = g_strdup (src->prune_from);
}

char *
ppv_report_options_describe_filters (const PpvReportOptions *options)
{
  const struct { const char *name; const char *value; } filters[] = {
    { "focus", options->focus },
    { "ignore", options->ignore },
    { "hide", options->hide },
    { "show", options->show },
    { "show_from", options->show_from },
    { "tagfocus", options->tagfocus },
    { "tagignore", options->tagignore },
    { "tagshow", options->tagshow },
    { "taghide", options->taghide },
  };
  GString *out = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      if (filters[i].value == NULL || filters[i].value[0] == '\0')
        continue;
      if (out == NULL)
        out = g_string_new (NULL);
      else
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "%s=%s", filters[i].name, filters[i].value);
    }

  return out ? g_string_free (out, FALSE) : NULL;
}

gboolean
_ppv_option_regex_compile (const char          *option,
                           const char          *pattern,
                           GRegexCompileFlags   flags,
                           GRegex             **regex,
                           GError             **error)
{
  g_autoptr(GError) local_error = NULL;

  *regex = NULL;
  if (pattern == NULL || pattern[0] == '\0')
    return TRUE;
  *regex = g_regex_new (pattern, flags, 0, &local_error);
  if (*regex == NULL)
    {
      g_set_error (error, PPV_REPORT_ERROR, PPV_REPORT_ERROR_REGEX,
                   "parsing %s regexp: %s", option, local_error->message);
      return FALSE;
    }
  return TRUE;
}
