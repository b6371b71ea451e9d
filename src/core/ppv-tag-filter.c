/* ppv-tag-filter.c — tagfocus/tagignore: label regexps and numeric ranges.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Forms (pprof's): "re", "re1,re2" (each must match some "key:value"),
 * "key=re[,re...]" (any regexp matches a value of key), and numeric
 * "32kb", ":64kb", "4mb:", "12kb:64mb", optionally with "key=".
 */
#include <errno.h>
#include <string.h>

#include "ppv-error.h"
#include "ppv-report-private.h"
#include "ppv-units.h"

typedef enum
{
  RANGE_EQUAL,
  RANGE_AT_LEAST,
  RANGE_AT_MOST,
  RANGE_BETWEEN,
} RangeKind;

struct _PpvTagFilter
{
  PpvProfile *profile;
  char       *want_key;      /* NULL: any key */
  GPtrArray  *regexes;       /* regexp form */
  gboolean    numeric;
  RangeKind   range;
  double      low, high;
  char       *unit;          /* canonical unit of the range */
  GHashTable *unit_cache;    /* key -> unit */
};

/* Finds up to two "([+-]?[0-9]+)([A-Za-z]+)?" matches like Go's regexp. */
typedef struct
{
  gsize  start, end;        /* of the whole match */
  gint64 value;
  char  *unit;
} RangeToken;

static guint
find_range_tokens (const char *s,
                   RangeToken  tokens[2])
{
  guint n = 0;
  gsize i = 0, len = strlen (s);

  while (i < len && n < 2)
    {
      gsize start = i, j = i;

      if (s[j] == '+' || s[j] == '-')
        j++;
      if (j < len && g_ascii_isdigit (s[j]))
        {
          gsize digits = j, k;
          while (j < len && g_ascii_isdigit (s[j]))
            j++;
          k = j;
          while (k < len && g_ascii_isalpha (s[k]))
            k++;
          tokens[n].start = start;
          tokens[n].end = k;
          errno = 0;
          tokens[n].value = g_ascii_strtoll (s + start, NULL, 10);
          if (errno != 0)
            tokens[n].value = 0;
          tokens[n].unit = g_strndup (s + j, k - j);
          (void) digits;
          n++;
          i = k;
        }
      else
        i++;
    }

  return n;
}

static gboolean
parse_range (PpvTagFilter *self,
             const char   *value)
{
  RangeToken t[2] = { 0 };
  guint n = find_range_tokens (value, t);
  gsize len = strlen (value);
  gboolean ok = FALSE;
  const char *unit = NULL;

  if (n == 0)
    return FALSE;

  self->low = ppv_unit_scale (t[0].value, t[0].unit, t[0].unit, &unit);
  self->unit = g_strdup (unit);

  if (n == 1)
    {
      gsize mlen = t[0].end - t[0].start;
      if (t[0].start == 0 && mlen == len)
        self->range = RANGE_EQUAL, ok = TRUE;
      else if (t[0].start == 0 && mlen + 1 == len && value[len - 1] == ':')
        self->range = RANGE_AT_LEAST, ok = TRUE;
      else if (t[0].start == 1 && value[0] == ':' && mlen + 1 == len)
        self->range = RANGE_AT_MOST, ok = TRUE;
    }
  else if (t[0].start == 0 && value[t[0].end] == ':' &&
           t[1].start == t[0].end + 1 && t[1].end == len)
    {
      const char *unit2 = NULL;
      self->high = ppv_unit_scale (t[1].value, t[1].unit, self->unit, &unit2);
      if (g_strcmp0 (unit2, self->unit) == 0)
        self->range = RANGE_BETWEEN, ok = TRUE;
    }

  g_free (t[0].unit);
  g_free (t[1].unit);
  return ok;
}

PpvTagFilter *
_ppv_tag_filter_new (PpvProfile  *profile,
                     const char  *option_name,
                     const char  *value,
                     GError     **error)
{
  PpvTagFilter *self = g_new0 (PpvTagFilter, 1);
  const char *eq = strchr (value, '=');
  g_auto(GStrv) parts = NULL;

  self->profile = profile;
  self->unit_cache = g_hash_table_new (g_str_hash, g_str_equal);
  if (eq != NULL)
    {
      self->want_key = g_strndup (value, eq - value);
      value = eq + 1;
    }

  if (parse_range (self, value))
    {
      self->numeric = TRUE;
      return self;
    }
  g_clear_pointer (&self->unit, g_free);

  self->regexes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_regex_unref);
  parts = g_strsplit (value, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      GRegex *regex = g_regex_new (parts[i], 0, 0, &local_error);

      if (regex == NULL)
        {
          g_set_error (error, PPV_REPORT_ERROR, PPV_REPORT_ERROR_REGEX,
                       "parsing %s regexp: %s", option_name, local_error->message);
          _ppv_tag_filter_free (self);
          return NULL;
        }
      g_ptr_array_add (self->regexes, regex);
    }

  return self;
}

const char *
_ppv_profile_num_label_unit (PpvProfile *profile,
                             GHashTable *cache,
                             const char *key)
{
  const char *unit = g_hash_table_lookup (cache, key);

  if (unit != NULL)
    return unit;

  for (gsize i = 0; i < profile->n_labels && unit == NULL; i++)
    {
      const PpvLabel *l = &profile->labels[i];
      if (l->str == NULL && strcmp (l->key, key) == 0 && l->num_unit && l->num_unit[0])
        unit = l->num_unit;
    }

  if (unit == NULL)
    {
      if (strcmp (key, "alignment") == 0 || strcmp (key, "request") == 0)
        unit = "bytes";
      else
        unit = key;
    }

  g_hash_table_insert (cache, (gpointer) key, (gpointer) unit);
  return unit;
}

static gboolean
numeric_matches (PpvTagFilter   *self,
                 const PpvLabel *label)
{
  const char *unit = NULL;
  const char *label_unit = _ppv_profile_num_label_unit (self->profile, self->unit_cache, label->key);
  double v = ppv_unit_scale (label->num, label_unit, self->unit, &unit);

  if (g_strcmp0 (unit, self->unit) != 0)
    return FALSE;

  switch (self->range)
    {
    case RANGE_EQUAL:    return v == self->low;
    case RANGE_AT_LEAST: return v >= self->low;
    case RANGE_AT_MOST:  return v <= self->low;
    case RANGE_BETWEEN:  return v >= self->low && v <= self->high;
    default:             return FALSE;
    }
}

gboolean
_ppv_tag_filter_matches (PpvTagFilter *self,
                         guint32       sample)
{
  const PpvSample *s = &self->profile->samples[sample];
  const PpvLabel *labels = self->profile->labels + s->labels_offset;

  if (self->numeric)
    {
      for (guint32 i = 0; i < s->n_labels; i++)
        if (labels[i].str == NULL &&
            (self->want_key == NULL || strcmp (labels[i].key, self->want_key) == 0) &&
            numeric_matches (self, &labels[i]))
          return TRUE;
      return FALSE;
    }

  if (self->want_key != NULL)
    {
      for (guint r = 0; r < self->regexes->len; r++)
        for (guint32 i = 0; i < s->n_labels; i++)
          if (labels[i].str != NULL && strcmp (labels[i].key, self->want_key) == 0 &&
              g_regex_match (g_ptr_array_index (self->regexes, r), labels[i].str, 0, NULL))
            return TRUE;
      return FALSE;
    }

  /* Without a key every regexp must match some "key:value". */
  for (guint r = 0; r < self->regexes->len; r++)
    {
      gboolean matched = FALSE;

      for (guint32 i = 0; i < s->n_labels && !matched; i++)
        {
          g_autofree char *kv = NULL;

          if (labels[i].str == NULL)
            continue;
          kv = g_strconcat (labels[i].key, ":", labels[i].str, NULL);
          matched = g_regex_match (g_ptr_array_index (self->regexes, r), kv, 0, NULL);
        }
      if (!matched)
        return FALSE;
    }
  return TRUE;
}

void
_ppv_tag_filter_free (PpvTagFilter *self)
{
  if (self == NULL)
    return;
  g_free (self->want_key);
  g_free (self->unit);
  g_clear_pointer (&self->regexes, g_ptr_array_unref);
  g_clear_pointer (&self->unit_cache, g_hash_table_unref);
  g_free (self);
}
