/* ppv-endpoint.c — one entry of a Go server's /debug/pprof/ index (name, count, description, link).
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <gio/gio.h>

#include "ppv-endpoint.h"
#include "ppv-fetch-private.h"

struct _PpvEndpoint
{
  GObject  parent_instance;

  char    *name;
  gint64   count;
  char    *description;
  char    *href;
};

G_DEFINE_FINAL_TYPE (PpvEndpoint, ppv_endpoint, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_COUNT,
  PROP_DESCRIPTION,
  PROP_HREF,
  PROP_IS_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

PpvEndpoint *
ppv_endpoint_new (const char *name,
                  gint64      count,
                  const char *description,
                  const char *href)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (href != NULL, NULL);

  return g_object_new (PPV_TYPE_ENDPOINT,
                       "name", name,
                       "count", count,
                       "description", description,
                       "href", href,
                       NULL);
}

const char *
ppv_endpoint_get_name (PpvEndpoint *self)
{
  g_return_val_if_fail (PPV_IS_ENDPOINT (self), NULL);
  return self->name;
}

gint64
ppv_endpoint_get_count (PpvEndpoint *self)
{
  g_return_val_if_fail (PPV_IS_ENDPOINT (self), -1);
  return self->count;
}

const char *
ppv_endpoint_get_description (PpvEndpoint *self)
{
  g_return_val_if_fail (PPV_IS_ENDPOINT (self), NULL);
  return self->description;
}

const char *
ppv_endpoint_get_href (PpvEndpoint *self)
{
  g_return_val_if_fail (PPV_IS_ENDPOINT (self), NULL);
  return self->href;
}

PpvEndpointKind
ppv_endpoint_get_kind (PpvEndpoint *self)
{
  g_return_val_if_fail (PPV_IS_ENDPOINT (self), PPV_ENDPOINT_KIND_OTHER);

  if (strcmp (self->name, "profile") == 0)
    return PPV_ENDPOINT_KIND_CPU;
  if (strcmp (self->name, "trace") == 0 ||
      strcmp (self->name, "cmdline") == 0 ||
      strcmp (self->name, "symbol") == 0)
    return PPV_ENDPOINT_KIND_OTHER;
  return PPV_ENDPOINT_KIND_SNAPSHOT;
}

gboolean
ppv_endpoint_is_profile (PpvEndpoint *self)
{
  return ppv_endpoint_get_kind (self) != PPV_ENDPOINT_KIND_OTHER;
}

char *
ppv_endpoint_dup_profile_uri (PpvEndpoint *self,
                              int          seconds)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) result = NULL;
  g_autofree char *seconds_text = NULL;
  g_autofree char *without_debug = NULL;
  g_autofree char *query = NULL;

  g_return_val_if_fail (PPV_IS_ENDPOINT (self), NULL);

  if (!ppv_endpoint_is_profile (self))
    return NULL;

  uri = g_uri_parse (self->href, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return NULL;

  if (seconds > 0)
    seconds_text = g_strdup_printf ("%d", seconds);
  without_debug = _ppv_query_replace (g_uri_get_query (uri), "debug", NULL);
  query = _ppv_query_replace (without_debug, "seconds", seconds_text);

  result = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                        g_uri_get_host (uri), g_uri_get_port (uri), g_uri_get_path (uri),
                        query, NULL);
  return g_uri_to_string (result);
}

char *
ppv_endpoint_dup_dump_uri (PpvEndpoint *self)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) result = NULL;
  g_autofree char *without_seconds = NULL;
  g_autofree char *query = NULL;

  g_return_val_if_fail (PPV_IS_ENDPOINT (self), NULL);

  if (strcmp (self->name, "goroutine") != 0)
    return NULL;
  uri = g_uri_parse (self->href, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return NULL;

  without_seconds = _ppv_query_replace (g_uri_get_query (uri), "seconds", NULL);
  query = _ppv_query_replace (without_seconds, "debug", "2");
  result = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                        g_uri_get_host (uri), g_uri_get_port (uri), g_uri_get_path (uri),
                        query, NULL);
  return g_uri_to_string (result);
}

static void
ppv_endpoint_finalize (GObject *object)
{
  PpvEndpoint *self = PPV_ENDPOINT (object);

  g_free (self->name);
  g_free (self->description);
  g_free (self->href);

  G_OBJECT_CLASS (ppv_endpoint_parent_class)->finalize (object);
}

static void
ppv_endpoint_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PpvEndpoint *self = PPV_ENDPOINT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_COUNT:
      g_value_set_int64 (value, self->count);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_HREF:
      g_value_set_string (value, self->href);
      break;
    case PROP_IS_PROFILE:
      g_value_set_boolean (value, ppv_endpoint_is_profile (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ppv_endpoint_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PpvEndpoint *self = PPV_ENDPOINT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_COUNT:
      self->count = g_value_get_int64 (value);
      break;
    case PROP_DESCRIPTION:
      self->description = g_strdup (g_value_get_string (value) != NULL ? g_value_get_string (value) : "");
      break;
    case PROP_HREF:
      self->href = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ppv_endpoint_class_init (PpvEndpointClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ppv_endpoint_finalize;
  object_class->get_property = ppv_endpoint_get_property;
  object_class->set_property = ppv_endpoint_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNT] =
    g_param_spec_int64 ("count", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HREF] =
    g_param_spec_string ("href", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_PROFILE] =
    g_param_spec_boolean ("is-profile", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ppv_endpoint_init (PpvEndpoint *self)
{
  self->count = -1;
}
