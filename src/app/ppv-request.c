/* ppv-request.c — one thing to load (a file, a server's index, a profile URL) from what a user typed.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <string.h>

#include "ppv-fetcher.h"
#include "ppv-request.h"
#include "ppv-source.h"

static void
request_clear (PpvRequest *request)
{
  g_clear_object (&request->file);
  g_free (request->uri);
  g_free (request->address);
  g_free (request->display_name);
  g_free (request->profile_name);
  g_clear_pointer (&request->bytes, g_bytes_unref);
  g_clear_pointer (&request->profile, ppv_profile_unref);
}

PpvRequest *
ppv_request_ref (PpvRequest *request)
{
  return g_rc_box_acquire (request);
}

void
ppv_request_unref (PpvRequest *request)
{
  g_rc_box_release_full (request, (GDestroyNotify) request_clear);
}

PpvRequest *
ppv_request_new_file (GFile *file)
{
  PpvRequest *request;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  request = g_rc_box_new0 (PpvRequest);
  request->kind = PPV_REQUEST_FILE;
  request->file = g_object_ref (file);
  request->address = g_file_get_parse_name (file);
  request->display_name = g_file_get_basename (file);
  if (request->display_name == NULL)
    request->display_name = g_strdup (request->address);
  request->remember = TRUE;

  return request;
}

PpvRequest *
ppv_request_new_pasted (GBytes     *bytes,
                        PpvProfile *profile)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S");
  PpvRequest *request;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (profile != NULL, NULL);

  request = g_rc_box_new0 (PpvRequest);
  request->kind = PPV_REQUEST_PASTE;
  request->bytes = g_bytes_ref (bytes);
  request->profile = ppv_profile_ref (profile);
  /* Translators: the title of a profile pasted from the clipboard; %s is
   * the time it was pasted ("14:02:31"). */
  request->display_name = g_strdup_printf (_("Pasted from Clipboard at %s"), time);
  /* Nothing to type to get it again: its kept copy is remembered instead. */
  request->address = g_strdup ("");
  return request;
}

/* "http://localhost:6060/x" -> "localhost:6060/x": what people type. */
static char *
dup_address_for_uri (const char *uri)
{
  if (g_str_has_prefix (uri, "http://"))
    return g_strdup (uri + strlen ("http://"));
  return g_strdup (uri);
}

/* The CPU handler (and any handler given "seconds") answers only after
 * profiling for that long; returns those seconds, 0 otherwise. */
static guint
uri_wait_seconds (GUri       *uri,
                  const char *profile_name)
{
  const char *query = g_uri_get_query (uri);
  g_autoptr(GHashTable) params = NULL;
  const char *seconds;
  guint64 value;

  if (query != NULL)
    params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);

  seconds = params != NULL ? g_hash_table_lookup (params, "seconds") : NULL;
  if (seconds != NULL && g_ascii_string_to_unsigned (seconds, 10, 1, 24 * 3600, &value, NULL))
    return (guint) value;

  if (g_strcmp0 (profile_name, "profile") == 0)
    return PPV_FETCHER_GO_CPU_DEFAULT_SECONDS;

  return 0;
}

PpvRequest *
ppv_request_new_profile (const char *uri,
                     gboolean    insecure,
                     gboolean    from_index)
{
  PpvRequest *request;
  g_autoptr(GUri) parsed = NULL;

  g_return_val_if_fail (uri != NULL, NULL);

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  request = g_rc_box_new0 (PpvRequest);
  request->kind = PPV_REQUEST_PROFILE;
  request->uri = g_strdup (uri);
  request->address = dup_address_for_uri (uri);
  request->display_name = ppv_source_dup_display_name (uri);
  request->insecure = insecure;
  request->from_index = from_index;
  request->remember = TRUE;

  if (parsed != NULL)
    {
      g_autofree char *base = g_path_get_basename (g_uri_get_path (parsed));

      if (*base != '\0' && !g_str_equal (base, "/") && !g_str_equal (base, "."))
        request->profile_name = g_steal_pointer (&base);
      request->seconds = uri_wait_seconds (parsed, request->profile_name);
    }

  return request;
}

static PpvRequest *
request_new_index (const char *uri,
                   gboolean    insecure)
{
  PpvRequest *request = g_rc_box_new0 (PpvRequest);

  request->kind = PPV_REQUEST_INDEX;
  request->uri = g_strdup (uri);
  request->display_name = ppv_source_dup_authority (uri);
  request->address = g_strdup (request->display_name);
  if (g_str_has_prefix (uri, "https://"))
    {
      g_free (request->address);
      request->address = g_strdup (uri);
    }
  request->insecure = insecure;
  request->remember = TRUE;

  return request;
}

/* A bare host:port, or any address ending in /debug/pprof(/), names a
 * server rather than one profile: the window lists what it offers
 * (`go tool pprof` would take a CPU profile; a window can ask instead). */
static gboolean
names_index (const char *text)
{
  g_autofree char *with_scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *path;

  if (strstr (text, "://") != NULL)
    with_scheme = g_strdup (text);
  else
    with_scheme = g_strconcat ("http://", text, NULL);

  uri = g_uri_parse (with_scheme, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return FALSE;

  if (g_uri_get_query (uri) != NULL)
    return FALSE;

  path = g_uri_get_path (uri);
  return *path == '\0' || g_str_equal (path, "/")
         || g_str_has_suffix (path, "/debug/pprof")
         || g_str_has_suffix (path, "/debug/pprof/");
}

static GFile *
file_for_path (const char *path,
               const char *cwd)
{
  if (g_str_has_prefix (path, "~/"))
    {
      g_autofree char *expanded = g_build_filename (g_get_home_dir (), path + 2, NULL);

      return g_file_new_for_path (expanded);
    }

  if (cwd != NULL && !g_path_is_absolute (path))
    {
      g_autofree char *absolute = g_build_filename (cwd, path, NULL);

      return g_file_new_for_path (absolute);
    }

  return g_file_new_for_path (path);
}

PpvRequest *
ppv_request_new_for_text (const char  *text,
                      const char  *cwd,
                      GError     **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  switch (ppv_source_classify (trimmed))
    {
    case PPV_SOURCE_KIND_FILE:
      {
        g_autofree char *path = ppv_source_dup_path (trimmed, error);
        g_autoptr(GFile) file = NULL;

        if (path == NULL)
          return NULL;

        if (g_str_equal (path, "-"))
          {
            g_set_error (error, PPV_FETCH_ERROR, PPV_FETCH_ERROR_INVALID_SOURCE,
                         _("-: standard input can only be read with --top, --dot or --svg"));
            return NULL;
          }

        file = file_for_path (path, cwd);
        return ppv_request_new_file (file);
      }

    case PPV_SOURCE_KIND_REMOTE:
      {
        gboolean insecure = FALSE;
        g_autofree char *uri = NULL;

        if (names_index (trimmed))
          {
            uri = ppv_source_to_index_uri (trimmed, &insecure, error);
            return uri != NULL ? request_new_index (uri, insecure) : NULL;
          }

        uri = ppv_source_to_uri (trimmed, 0, &insecure, error);
        return uri != NULL ? ppv_request_new_profile (uri, insecure, FALSE) : NULL;
      }

    case PPV_SOURCE_KIND_INVALID:
    default:
      {
        /* The fetch layer words the problem ("ftp://x: only http and
         * https addresses can be fetched"). */
        g_autofree char *uri = ppv_source_to_uri (trimmed, 0, NULL, error);

        if (uri != NULL)
          {
            g_clear_pointer (&uri, g_free);
            g_set_error (error, PPV_FETCH_ERROR, PPV_FETCH_ERROR_INVALID_SOURCE,
                         _("%s: not a file or an http(s) address"), trimmed);
          }
        return NULL;
      }
    }
}
