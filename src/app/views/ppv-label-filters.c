/* ppv-label-filters.c — label filters and the tagfocus, tagignore,
 * tagroot and tagleaf options they become.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pprof splits a tag filter at commas, so a comma inside a value is
 * written "\x2c", which both Go's and GLib's regexps read as a comma.
 */
#include <glib/gi18n.h>

#include <string.h>

#include "ppv-label-filters.h"

static const char * const kind_names[] = { "tagfocus", "tagignore", "tagroot", "tagleaf" };

void
ppv_label_filter_free (PpvLabelFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->key);
  g_free (filter->value);
  g_free (filter->range);
  g_free (filter->shown);
  g_free (filter);
}

const char *
ppv_label_filter_kind_to_string (PpvLabelFilterKind kind)
{
  g_return_val_if_fail (kind <= PPV_LABEL_GROUP_LEAF, NULL);
  return kind_names[kind];
}

gboolean
ppv_label_filter_kind_parse (const char         *str,
                             PpvLabelFilterKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (str, kind_names[i]) == 0)
      {
        *kind = (PpvLabelFilterKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
ppv_label_filter_kind_label (PpvLabelFilterKind kind)
{
  switch (kind)
    {
    case PPV_LABEL_FOCUS:
      return _("Label focus");
    case PPV_LABEL_IGNORE:
      return _("Label ignore");
    case PPV_LABEL_GROUP_ROOT:
      return _("Grouped by");
    case PPV_LABEL_GROUP_LEAF:
      return _("Grouped at leaves by");
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
is_group (PpvLabelFilterKind kind)
{
  return kind == PPV_LABEL_GROUP_ROOT || kind == PPV_LABEL_GROUP_LEAF;
}

char *
ppv_label_filter_describe (const PpvLabelFilter *filter)
{
  g_return_val_if_fail (filter != NULL, NULL);

  if (is_group (filter->kind))
    return g_strdup (filter->key);
  return g_strconcat (filter->key, "=", filter->range ? filter->range : filter->value, NULL);
}

char *
ppv_label_range_new (gint64      low,
                     gint64      high,
                     const char *unit)
{
  gboolean named = unit != NULL && unit[0] != '\0';

  /* pprof reads a range's unit as ASCII letters only. */
  for (const char *c = unit; named && *c != '\0'; c++)
    named = g_ascii_isalpha (*c);
  if (!named)
    unit = "";

  if (low == high)
    return g_strdup_printf ("%" G_GINT64_FORMAT "%s", low, unit);
  return g_strdup_printf ("%" G_GINT64_FORMAT "%s:%" G_GINT64_FORMAT "%s", low, unit, high, unit);
}

gboolean
ppv_label_filters_add (GPtrArray          *filters,
                       PpvLabelFilterKind  kind,
                       const char         *key,
                       const char         *value,
                       const char         *range,
                       const char         *shown)
{
  PpvLabelFilter *filter;

  g_return_val_if_fail (filters != NULL, FALSE);
  g_return_val_if_fail (key != NULL && key[0] != '\0', FALSE);
  g_return_val_if_fail (is_group (kind) || (value == NULL) != (range == NULL), FALSE);

  for (guint i = filters->len; i > 0; i--)
    {
      PpvLabelFilter *f = g_ptr_array_index (filters, i - 1);
      gboolean same_key = g_strcmp0 (f->key, key) == 0;

      if (is_group (kind))
        {
          if (f->kind == kind && same_key)
            return FALSE;
          if (is_group (f->kind) && same_key)
            g_ptr_array_remove_index (filters, i - 1);
          continue;
        }
      if (f->kind != kind)
        continue;
      if (same_key && g_strcmp0 (f->value, value) == 0 && g_strcmp0 (f->range, range) == 0)
        return FALSE;
      /* One option string each: a range cannot join regexps. */
      if (range != NULL || f->range != NULL)
        g_ptr_array_remove_index (filters, i - 1);
    }

  filter = g_new0 (PpvLabelFilter, 1);
  filter->kind = kind;
  filter->key = g_strdup (key);
  filter->value = is_group (kind) ? NULL : g_strdup (value);
  filter->range = is_group (kind) ? NULL : g_strdup (range);
  filter->shown = g_strdup (shown != NULL ? shown : value != NULL ? value : range);
  g_ptr_array_add (filters, filter);
  return TRUE;
}

static char *
quote (const char *text)
{
  g_autofree char *escaped = g_regex_escape_string (text, -1);
  g_auto(GStrv) parts = g_strsplit (escaped, ",", -1);

  return g_strjoinv ("\\x2c", parts);
}

/* The keys of @kind's value filters in the order first picked. */
static GPtrArray *
value_keys (GPtrArray          *filters,
            PpvLabelFilterKind  kind)
{
  GPtrArray *keys = g_ptr_array_new ();

  for (guint i = 0; i < filters->len; i++)
    {
      PpvLabelFilter *f = g_ptr_array_index (filters, i);

      if (f->kind == kind && f->value != NULL &&
          !g_ptr_array_find_with_equal_func (keys, f->key, g_str_equal, NULL))
        g_ptr_array_add (keys, f->key);
    }
  return keys;
}

/* The values of @key: "^v1$,^v2$" when @anchored, else "v1|v2". */
static void
append_values (GString            *out,
               GPtrArray          *filters,
               PpvLabelFilterKind  kind,
               const char         *key,
               gboolean            anchored)
{
  gboolean first = TRUE;

  for (guint i = 0; i < filters->len; i++)
    {
      PpvLabelFilter *f = g_ptr_array_index (filters, i);
      g_autofree char *quoted = NULL;

      if (f->kind != kind || f->value == NULL || strcmp (f->key, key) != 0)
        continue;
      quoted = quote (f->value);
      if (!first)
        g_string_append (out, anchored ? "," : "|");
      g_string_append_printf (out, anchored ? "^%s$" : "%s", quoted);
      first = FALSE;
    }
}

static char *
compose (GPtrArray          *filters,
         PpvLabelFilterKind  kind)
{
  g_autoptr(GPtrArray) keys = NULL;
  GString *out;

  for (guint i = 0; i < filters->len; i++)
    {
      PpvLabelFilter *f = g_ptr_array_index (filters, i);

      if (f->kind == kind && f->range != NULL)
        return g_strconcat (f->key, "=", f->range, NULL);
    }

  keys = value_keys (filters, kind);
  if (keys->len == 0)
    return NULL;

  out = g_string_new (NULL);
  if (keys->len == 1)
    {
      /* pprof's own form: any of the regexps matches a value of the key. */
      g_string_append_printf (out, "%s=", (const char *) g_ptr_array_index (keys, 0));
      append_values (out, filters, kind, g_ptr_array_index (keys, 0), TRUE);
      return g_string_free (out, FALSE);
    }

  /* Without "key=" every comma-separated regexp must match some
   * "key:value" of a sample: one regexp per key makes focus need all
   * keys; ignore puts them in one regexp, so any key drops a sample. */
  if (kind == PPV_LABEL_IGNORE)
    g_string_append (out, "^(?:");
  for (guint k = 0; k < keys->len; k++)
    {
      g_autofree char *key = quote (g_ptr_array_index (keys, k));

      if (k > 0)
        g_string_append (out, kind == PPV_LABEL_IGNORE ? "|" : ",");
      g_string_append_printf (out, kind == PPV_LABEL_IGNORE ? "%s:(?:" : "^%s:(?:", key);
      append_values (out, filters, kind, g_ptr_array_index (keys, k), FALSE);
      g_string_append (out, kind == PPV_LABEL_IGNORE ? ")" : ")$");
    }
  if (kind == PPV_LABEL_IGNORE)
    g_string_append (out, ")$");
  return g_string_free (out, FALSE);
}

void
ppv_label_filters_apply (GPtrArray        *filters,
                         PpvReportOptions *options)
{
  g_return_if_fail (filters != NULL);
  g_return_if_fail (options != NULL);

  g_free (options->tagfocus);
  options->tagfocus = compose (filters, PPV_LABEL_FOCUS);
  g_free (options->tagignore);
  options->tagignore = compose (filters, PPV_LABEL_IGNORE);
}

char *
ppv_label_filters_dup_group (GPtrArray          *filters,
                             PpvLabelFilterKind  kind)
{
  GString *out = NULL;

  g_return_val_if_fail (filters != NULL, NULL);

  for (guint i = 0; i < filters->len; i++)
    {
      PpvLabelFilter *f = g_ptr_array_index (filters, i);

      if (f->kind != kind)
        continue;
      if (out == NULL)
        out = g_string_new (f->key);
      else
        g_string_append_printf (out, ",%s", f->key);
    }
  return out != NULL ? g_string_free (out, FALSE) : NULL;
}
