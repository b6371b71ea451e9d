/* ppv-endpoint-index.c — lists the endpoints of a Go server's /debug/pprof/ index page.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ppv-endpoint-index.h"
#include "ppv-fetch-private.h"
#include "ppv-source.h"

#define REGEX_FLAGS (G_REGEX_CASELESS | G_REGEX_DOTALL)

/* Go writes the page with html/template, which escapes &, <, >, ' and ". */
static void
append_decoded_entity (GString     *out,
                       const char **p)
{
  static const struct { const char *name; const char *text; } named[] = {
    { "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" }, { "quot;", "\"" },
    { "apos;", "'" }, { "nbsp;", " " },
  };
  const char *s = *p + 1;

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (g_ascii_strncasecmp (s, named[i].name, strlen (named[i].name)) == 0)
      {
        g_string_append (out, named[i].text);
        *p = s + strlen (named[i].name);
        return;
      }

  if (s[0] == '#')
    {
      gboolean hex = s[1] == 'x' || s[1] == 'X';
      const char *digits = s + (hex ? 2 : 1);
      char *end = NULL;
      guint64 code = g_ascii_strtoull (digits, &end, hex ? 16 : 10);

      if (end != digits && *end == ';' && code > 0 && code <= 0x10FFFF &&
          g_unichar_validate ((gunichar) code))
        {
          g_string_append_unichar (out, (gunichar) code);
          *p = end + 1;
          return;
        }
    }

  g_string_append_c (out, '&');
  *p += 1;
}

/* Tags removed, entities decoded, white space runs collapsed, trimmed. */
static char *
html_to_text (const char *html)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *valid = g_utf8_make_valid (html, -1);
  gboolean space = FALSE;
  const char *p = valid;

  while (*p != '\0')
    {
      if (*p == '<')
        {
          const char *close = strchr (p, '>');

          if (close == NULL)
            break;
          p = close + 1;
          space = TRUE;
        }
      else if (g_ascii_isspace (*p))
        {
          space = TRUE;
          p++;
        }
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          if (*p == '&')
            append_decoded_entity (out, &p);
          else
            g_string_append_c (out, *p++);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GHashTable *
parse_descriptions (const char *html)
{
  g_autoptr(GRegex) item = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  GHashTable *descriptions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* <li><div class=profile-name>heap: </div> A sampling of ...</li> */
  item = g_regex_new ("<li\\b[^>]*>\\s*<div\\b[^>]*profile-name[^>]*>(.*?)</div>(.*?)(?=</li|<li\\b|</ul|$)",
                      REGEX_FLAGS, 0, NULL);
  g_assert (item != NULL);

  g_regex_match (item, html, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *raw_name = g_match_info_fetch (match, 1);
      g_autofree char *raw_text = g_match_info_fetch (match, 2);
      g_autofree char *name = html_to_text (raw_name);
      gsize len = strlen (name);

      if (len > 0 && name[len - 1] == ':')
        name[--len] = '\0';
      g_strchomp (name);
      if (name[0] != '\0' && !g_hash_table_contains (descriptions, name))
        g_hash_table_insert (descriptions, g_steal_pointer (&name), html_to_text (raw_text));
    }
  return descriptions;
}

GListModel *
ppv_endpoint_index_parse (const char  *html,
                          gsize        length,
                          const char  *index_uri,
                          GError     **error)
{
  g_autoptr(GListStore) store = g_list_store_new (PPV_TYPE_ENDPOINT);
  g_autoptr(GHashTable) descriptions = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRegex) row = NULL;
  g_autoptr(GRegex) count = NULL;
  g_autoptr(GRegex) anchor = NULL;
  g_autoptr(GMatchInfo) rows = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (html != NULL || length == 0, NULL);
  g_return_val_if_fail (index_uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* GRegex wants valid UTF-8 without NUL bytes. */
  {
    g_autofree char *copy = g_malloc (length + 1);

    for (gsize i = 0; i < length; i++)
      copy[i] = html[i] != '\0' ? html[i] : ' ';
    copy[length] = '\0';
    text = g_utf8_make_valid (copy, (gssize) length);
  }

  descriptions = parse_descriptions (text);

  /* A row ends at </tr>, at the next <tr> or at </table>: Go before 1.16
   * wrote "<tr><td align=right>3<td><a href=...>allocs</a>" with no closing tags. */
  row = g_regex_new ("<tr\\b[^>]*>(.*?)(?=</tr|<tr\\b|</table|$)", REGEX_FLAGS, 0, NULL);
  count = g_regex_new ("<td\\b[^>]*>\\s*(\\d+)", REGEX_FLAGS, 0, NULL);
  anchor = g_regex_new ("<a\\b[^>]*?\\bhref\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))[^>]*>(.*?)</a\\s*>",
                        REGEX_FLAGS, 0, NULL);
  g_assert (row != NULL && count != NULL && anchor != NULL);

  g_regex_match (row, text, 0, &rows);
  for (; g_match_info_matches (rows); g_match_info_next (rows, NULL))
    {
      g_autofree char *cells = g_match_info_fetch (rows, 1);
      g_autoptr(GMatchInfo) count_match = NULL;
      g_autoptr(GMatchInfo) anchor_match = NULL;
      g_autoptr(PpvEndpoint) endpoint = NULL;
      g_autofree char *raw_href = NULL;
      g_autofree char *href = NULL;
      g_autofree char *absolute = NULL;
      g_autofree char *raw_name = NULL;
      g_autofree char *name = NULL;
      gint64 n = -1;

      if (!g_regex_match (anchor, cells, 0, &anchor_match))
        continue;
      for (int group = 1; group <= 3 && (raw_href == NULL || raw_href[0] == '\0'); group++)
        {
          g_free (raw_href);
          raw_href = g_match_info_fetch (anchor_match, group);
        }
      raw_name = g_match_info_fetch (anchor_match, 4);
      name = html_to_text (raw_name);
      href = html_to_text (raw_href);
      if (name[0] == '\0' || href[0] == '\0' || g_hash_table_contains (seen, name))
        continue;

      absolute = g_uri_resolve_relative (index_uri, href, G_URI_FLAGS_ENCODED, NULL);
      if (absolute == NULL)
        continue;

      if (g_regex_match (count, cells, 0, &count_match))
        {
          g_autofree char *digits = g_match_info_fetch (count_match, 1);
          guint64 value = g_ascii_strtoull (digits, NULL, 10);

          n = (gint64) MIN (value, (guint64) G_MAXINT64);
        }

      endpoint = ppv_endpoint_new (name, n, g_hash_table_lookup (descriptions, name), absolute);
      g_list_store_append (store, endpoint);
      g_hash_table_add (seen, g_steal_pointer (&name));
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (store)) == 0)
    {
      g_autofree char *authority = ppv_source_dup_authority (index_uri);

      g_set_error (error, PPV_FETCH_ERROR, PPV_FETCH_ERROR_NOT_AN_INDEX,
                   "%s: the page lists no profiles (not a /debug/pprof/ index)", authority);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

static void
on_page_fetched (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autofree char *final_uri = NULL;
  GListModel *endpoints;
  gsize length = 0;
  const char *data;

  page = ppv_fetcher_fetch_finish (PPV_FETCHER (object), result, &final_uri, NULL, &error);
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_bytes_get_data (page, &length);
  endpoints = ppv_endpoint_index_parse (data, length, final_uri, &error);
  if (endpoints == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, endpoints, g_object_unref);
}

void
ppv_fetcher_list_endpoints_async (PpvFetcher          *self,
                                  const char          *index_uri,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PPV_IS_FETCHER (self));
  g_return_if_fail (index_uri != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ppv_fetcher_list_endpoints_async);
  g_task_set_name (task, "[ppv] list endpoints");

  _ppv_fetcher_fetch_kind_async (self, index_uri, _PPV_FETCH_KIND_PAGE, cancellable,
                                 on_page_fetched, g_steal_pointer (&task));
}

GListModel *
ppv_fetcher_list_endpoints_finish (PpvFetcher    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (PPV_IS_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ppv_fetcher_list_endpoints_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
