/* ppv-source.c — what a user types (a path, host:port, a URL) to a file path or a fetch URI.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <gio/gio.h>

#include "ppv-fetch-error.h"
#include "ppv-fetch-private.h"
#include "ppv-source.h"

#define URI_FLAGS G_URI_FLAGS_ENCODED

/* RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" */
static gboolean
find_scheme (const char *text,
             gsize      *out_len)
{
  gsize i;

  if (!g_ascii_isalpha (text[0]))
    return FALSE;
  for (i = 1; text[i] != '\0'; i++)
    {
      char c = text[i];

      if (c == ':')
        {
          *out_len = i;
          return TRUE;
        }
      if (!g_ascii_isalnum (c) && c != '+' && c != '-' && c != '.')
        return FALSE;
    }
  return FALSE;
}

static gboolean
is_fetch_scheme (const char *scheme)
{
  return g_strcmp0 (scheme, "http") == 0 ||
         g_strcmp0 (scheme, "https") == 0 ||
         g_strcmp0 (scheme, "https+insecure") == 0;
}

/* Go's url.Parse treats "localhost:6060" as scheme "localhost", and refuses
 * "127.0.0.1:6060" (a colon in the first path segment); in both cases pprof
 * retries with "http://" in front.  Anything else without a host is a file. */
static PpvSourceKind
classify_full (const char  *raw,
               GUri       **out_uri)
{
  g_autofree char *text = NULL;
  g_autoptr(GUri) uri = NULL;
  gboolean retry_as_http = FALSE;
  gsize scheme_len = 0;

  if (out_uri != NULL)
    *out_uri = NULL;
  if (raw == NULL)
    return PPV_SOURCE_KIND_INVALID;

  text = g_strstrip (g_strdup (raw));
  if (text[0] == '\0')
    return PPV_SOURCE_KIND_INVALID;
  if (strcmp (text, "-") == 0)
    return PPV_SOURCE_KIND_FILE;

  if (find_scheme (text, &scheme_len))
    {
      if (strncmp (text + scheme_len + 1, "//", 2) == 0)
        {
          const char *scheme;

          uri = g_uri_parse (text, URI_FLAGS, NULL);
          if (uri == NULL)
            return PPV_SOURCE_KIND_INVALID;
          scheme = g_uri_get_scheme (uri);
          if (g_strcmp0 (scheme, "file") == 0)
            return PPV_SOURCE_KIND_FILE;
          if (!is_fetch_scheme (scheme) ||
              g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
            return PPV_SOURCE_KIND_INVALID;
          if (out_uri != NULL)
            *out_uri = g_steal_pointer (&uri);
          return PPV_SOURCE_KIND_REMOTE;
        }
      retry_as_http = TRUE;
    }
  else
    {
      const char *colon = strchr (text, ':');
      const char *slash = strchr (text, '/');

      retry_as_http = colon != NULL && (slash == NULL || colon < slash);
    }

  if (retry_as_http)
    {
      g_autofree char *with_scheme = g_strconcat ("http://", text, NULL);

      uri = g_uri_parse (with_scheme, URI_FLAGS, NULL);
      if (uri != NULL && g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0')
        {
          if (out_uri != NULL)
            *out_uri = g_steal_pointer (&uri);
          return PPV_SOURCE_KIND_REMOTE;
        }
    }

  return PPV_SOURCE_KIND_FILE;
}

PpvSourceKind
ppv_source_classify (const char *text)
{
  return classify_full (text, NULL);
}

char *
ppv_source_dup_path (const char  *text,
                     GError     **error)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (classify_full (text, NULL) != PPV_SOURCE_KIND_FILE)
    {
      g_set_error (error, PPV_FETCH_ERROR, PPV_FETCH_ERROR_INVALID_SOURCE,
                   "%s: not a local file", text != NULL ? text : "(null)");
      return NULL;
    }

  stripped = g_strstrip (g_strdup (text));
  if (g_ascii_strncasecmp (stripped, "file:", 5) == 0)
    {
      g_autoptr(GError) local_error = NULL;
      char *path = g_filename_from_uri (stripped, NULL, &local_error);

      if (path == NULL)
        g_set_error (error, PPV_FETCH_ERROR, PPV_FETCH_ERROR_INVALID_SOURCE,
                     "%s: %s", stripped, local_error->message);
      return path;
    }
  return g_steal_pointer (&stripped);
}

static GUri *
parse_remote_or_error (const char  *text,
                       GError     **error)
{
  GUri *uri = NULL;
  PpvSourceKind kind = classify_full (text, &uri);

  if (kind == PPV_SOURCE_KIND_REMOTE)
    return uri;

  if (text == NULL || text[0] == '\0')
    g_set_error_literal (error, PPV_FETCH_ERROR, PPV_FETCH_ERROR_INVALID_SOURCE,
                         "No source given: type host:port or an http(s) URL");
  else if (kind == PPV_SOURCE_KIND_FILE)
    g_set_error (error, PPV_FETCH_ERROR, PPV_FETCH_ERROR_INVALID_SOURCE,
                 "%s: not a network address (expected host:port or an http(s) URL)", text);
  else
    g_set_error (error, PPV_FETCH_ERROR, PPV_FETCH_ERROR_INVALID_SOURCE,
                 "%s: unsupported address (only http and https are fetched)", text);
  return NULL;
}

char *
_ppv_query_dup_value (const char *query,
                      const char *name)
{
  g_auto(GStrv) params = NULL;
  gsize name_len;

  if (query == NULL || name == NULL)
    return NULL;

  name_len = strlen (name);
  params = g_strsplit (query, "&", -1);
  for (guint i = 0; params[i] != NULL; i++)
    {
      if (strncmp (params[i], name, name_len) != 0)
        continue;
      if (params[i][name_len] == '=')
        return g_uri_unescape_string (params[i] + name_len + 1, NULL);
      if (params[i][name_len] == '\0')
        return g_strdup ("");
    }
  return NULL;
}

char *
_ppv_query_replace (const char *query,
                    const char *name,
                    const char *value)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gsize name_len = strlen (name);

  if (query != NULL && query[0] != '\0')
    {
      g_auto(GStrv) params = g_strsplit (query, "&", -1);

      for (guint i = 0; params[i] != NULL; i++)
        {
          if (params[i][0] == '\0')
            continue;
          if (strncmp (params[i], name, name_len) == 0 &&
              (params[i][name_len] == '=' || params[i][name_len] == '\0'))
            continue;
          if (out->len > 0)
            g_string_append_c (out, '&');
          g_string_append (out, params[i]);
        }
    }

  if (value != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

      if (out->len > 0)
        g_string_append_c (out, '&');
      g_string_append_printf (out, "%s=%s", name, escaped);
    }

  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const char *
normalise_scheme (GUri     *uri,
                  gboolean *out_insecure)
{
  if (g_strcmp0 (g_uri_get_scheme (uri), "https+insecure") == 0)
    {
      if (out_insecure != NULL)
        *out_insecure = TRUE;
      return "https";
    }
  return g_uri_get_scheme (uri);
}

char *
ppv_source_to_uri (const char  *text,
                   int          seconds,
                   gboolean    *out_insecure,
                   GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) result = NULL;
  g_autofree char *query = NULL;
  g_autofree char *seconds_text = NULL;
  const char *path;
  const char *scheme;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_insecure != NULL)
    *out_insecure = FALSE;
  uri = parse_remote_or_error (text, error);
  if (uri == NULL)
    return NULL;

  scheme = normalise_scheme (uri, out_insecure);
  path = g_uri_get_path (uri);
  if (path[0] == '\0' || strcmp (path, "/") == 0)
    path = PPV_SOURCE_CPU_PATH;
  if (seconds > 0)
    seconds_text = g_strdup_printf ("%d", seconds);
  if (seconds_text != NULL)
    query = _ppv_query_replace (g_uri_get_query (uri), "seconds", seconds_text);
  else
    query = g_strdup (g_uri_get_query (uri));

  result = g_uri_build (URI_FLAGS, scheme, g_uri_get_userinfo (uri),
                        g_uri_get_host (uri), g_uri_get_port (uri),
                        path, query, NULL);
  return g_uri_to_string (result);
}

char *
ppv_source_to_index_uri (const char  *text,
                         gboolean    *out_insecure,
                         GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) result = NULL;
  g_autofree char *path = NULL;
  const char *old_path;
  const char *at;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_insecure != NULL)
    *out_insecure = FALSE;
  uri = parse_remote_or_error (text, error);
  if (uri == NULL)
    return NULL;

  old_path = g_uri_get_path (uri);
  at = strstr (old_path, "/debug/pprof");
  if (at != NULL)
    path = g_strdup_printf ("%.*s" PPV_SOURCE_INDEX_PATH, (int) (at - old_path), old_path);
  else
    path = g_strdup (PPV_SOURCE_INDEX_PATH);

  result = g_uri_build (URI_FLAGS, normalise_scheme (uri, out_insecure),
                        g_uri_get_userinfo (uri), g_uri_get_host (uri),
                        g_uri_get_port (uri), path, NULL, NULL);
  return g_uri_to_string (result);
}

char *
_ppv_uri_dup_authority (GUri *uri)
{
  const char *host = g_uri_get_host (uri);
  gboolean ipv6 = host != NULL && strchr (host, ':') != NULL;

  if (host == NULL)
    host = "";
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf (ipv6 ? "[%s]:%d" : "%s:%d", host, g_uri_get_port (uri));
  return g_strdup_printf (ipv6 ? "[%s]" : "%s", host);
}

char *
ppv_source_dup_authority (const char *uri_text)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (uri_text != NULL, NULL);

  uri = g_uri_parse (uri_text, URI_FLAGS, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (uri_text);
  return _ppv_uri_dup_authority (uri);
}

char *
ppv_source_dup_display_name (const char *uri_text)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *authority = NULL;

  g_return_val_if_fail (uri_text != NULL, NULL);

  uri = g_uri_parse (uri_text, URI_FLAGS, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (uri_text);
  authority = _ppv_uri_dup_authority (uri);
  return g_strconcat (authority, g_uri_get_path (uri), NULL);
}

static void
append_sanitised (GString    *out,
                  const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '.' || *p == '-' || *p == '_')
        g_string_append_c (out, *p);
      else
        g_string_append_c (out, '-');
    }
}

static char *
dup_profile_type (GUri *uri)
{
  g_auto(GStrv) segments = g_strsplit (g_uri_get_path (uri), "/", -1);
  g_autofree char *seconds = NULL;
  const char *last = NULL;
  g_autofree char *name = NULL;

  for (guint i = 0; segments[i] != NULL; i++)
    if (segments[i][0] != '\0')
      last = segments[i];
  if (last == NULL)
    return g_strdup ("profile");

  name = g_uri_unescape_string (last, NULL);
  if (name == NULL || name[0] == '\0')
    return g_strdup ("profile");
  if (strcmp (name, "profile") == 0)
    return g_strdup ("cpu");

  /* Go's handler names a "seconds" snapshot "<name>-delta". */
  seconds = _ppv_query_dup_value (g_uri_get_query (uri), "seconds");
  if (seconds != NULL && g_ascii_strtoll (seconds, NULL, 10) > 0)
    return g_strconcat (name, "-delta", NULL);
  return g_steal_pointer (&name);
}

char *
ppv_source_dup_save_name (const char *uri_text,
                          GDateTime  *when)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *stamp = NULL;
  const char *extension = "pb.gz";

  g_return_val_if_fail (uri_text != NULL, NULL);

  if (when == NULL)
    when = now = g_date_time_new_now_local ();
  stamp = g_date_time_format (when, "%Y%m%d-%H%M%S");

  uri = g_uri_parse (uri_text, URI_FLAGS, NULL);
  if (uri != NULL && g_uri_get_host (uri) != NULL)
    {
      g_autofree char *type = dup_profile_type (uri);
      g_autofree char *debug = _ppv_query_dup_value (g_uri_get_query (uri), "debug");
      int port = g_uri_get_port (uri);

      /* A text page (goroutine?debug=2) is no gzipped protobuf: its name
       * says which page it is and that it is text. */
      if (debug != NULL && g_ascii_strtoll (debug, NULL, 10) > 0)
        {
          char *with_debug = g_strdup_printf ("%s-debug%d", type, (int) MIN (g_ascii_strtoll (debug, NULL, 10), 9));

          g_free (type);
          type = with_debug;
          extension = "txt";
        }

      if (port <= 0)
        port = g_strcmp0 (g_uri_get_scheme (uri), "http") == 0 ? 80 : 443;
      append_sanitised (out, g_uri_get_host (uri));
      g_string_append_printf (out, "_%d.", port);
      append_sanitised (out, type);
    }
  else
    g_string_append (out, "profile");

  g_string_append_printf (out, ".%s.%s", stamp, extension);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
