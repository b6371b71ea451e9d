/* ppv-refine.c — refine filters and their regular expressions.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include <string.h>

#include "ppv-refine.h"

PpvRefineFilter *
ppv_refine_filter_new (PpvRefineKind  kind,
                       const char    *name)
{
  PpvRefineFilter *filter;

  g_return_val_if_fail (name != NULL, NULL);

  filter = g_new0 (PpvRefineFilter, 1);
  filter->kind = kind;
  filter->name = g_strdup (name);
  filter->regex = ppv_refine_quote (name);
  return filter;
}

void
ppv_refine_filter_free (PpvRefineFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->name);
  g_free (filter->regex);
  g_free (filter);
}

char *
ppv_refine_quote (const char *name)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  escaped = g_regex_escape_string (name, -1);
  return g_strconcat ("^", escaped, "$", NULL);
}

static const char * const kind_names[] = { "focus", "ignore", "hide", "show", "show_from" };

gboolean
ppv_refine_kind_parse (const char    *str,
                       PpvRefineKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (str, kind_names[i]) == 0)
      {
        *kind = (PpvRefineKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
ppv_refine_kind_to_string (PpvRefineKind kind)
{
  g_return_val_if_fail (kind <= PPV_REFINE_SHOW_FROM, NULL);
  return kind_names[kind];
}

const char *
ppv_refine_kind_label (PpvRefineKind kind)
{
  switch (kind)
    {
    case PPV_REFINE_FOCUS:
      return _("Focus");
    case PPV_REFINE_IGNORE:
      return _("Ignore");
    case PPV_REFINE_HIDE:
      return _("Hide");
    case PPV_REFINE_SHOW:
      return _("Show");
    case PPV_REFINE_SHOW_FROM:
      return _("Show From");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
ppv_refine_add (GPtrArray     *filters,
                PpvRefineKind  kind,
                const char    *name)
{
  gboolean replaces = kind == PPV_REFINE_FOCUS || kind == PPV_REFINE_SHOW
                      || kind == PPV_REFINE_SHOW_FROM;

  g_return_val_if_fail (filters != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < filters->len; i++)
    {
      PpvRefineFilter *filter = g_ptr_array_index (filters, i);

      if (filter->kind != kind)
        continue;
      if (g_strcmp0 (filter->name, name) == 0)
        return FALSE;
      if (replaces)
        {
          g_ptr_array_remove_index (filters, i);
          break;
        }
    }

  g_ptr_array_add (filters, ppv_refine_filter_new (kind, name));
  return TRUE;
}

static char *
join_kind (GPtrArray     *filters,
           PpvRefineKind  kind)
{
  GString *str = NULL;

  for (guint i = filters->len; i > 0; i--)
    {
      PpvRefineFilter *filter = g_ptr_array_index (filters, i - 1);

      if (filter->kind != kind)
        continue;
      if (str == NULL)
        str = g_string_new (filter->regex);
      else
        {
          g_string_append_c (str, '|');
          g_string_append (str, filter->regex);
        }
    }

  return str != NULL ? g_string_free (str, FALSE) : NULL;
}

void
ppv_refine_apply (GPtrArray        *filters,
                  PpvReportOptions *options)
{
  g_return_if_fail (filters != NULL);
  g_return_if_fail (options != NULL);

  g_free (options->focus);
  options->focus = join_kind (filters, PPV_REFINE_FOCUS);
  g_free (options->ignore);
  options->ignore = join_kind (filters, PPV_REFINE_IGNORE);
  g_free (options->hide);
  options->hide = join_kind (filters, PPV_REFINE_HIDE);
  g_free (options->show);
  options->show = join_kind (filters, PPV_REFINE_SHOW);
  g_free (options->show_from);
  options->show_from = join_kind (filters, PPV_REFINE_SHOW_FROM);
}

const char *
ppv_refine_target (const char *function,
                   const char *name)
{
  return function != NULL && function[0] != '\0' ? function : name;
}

gboolean
ppv_name_matches (const char *name,
                  const char *needle)
{
  gsize nlen;

  if (needle == NULL || needle[0] == '\0')
    return TRUE;
  if (name == NULL)
    return FALSE;

  nlen = strlen (needle);
  for (const char *h = name; *h != '\0'; h++)
    {
      gsize i;

      if (g_ascii_tolower (*h) != g_ascii_tolower (needle[0]))
        continue;
      for (i = 1; i < nlen; i++)
        if (h[i] == '\0' || g_ascii_tolower (h[i]) != g_ascii_tolower (needle[i]))
          break;
      if (i == nlen)
        return TRUE;
    }
  return FALSE;
}
