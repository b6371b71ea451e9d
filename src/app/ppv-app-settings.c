/* ppv-app-settings.c — the app's GSettings, with built-in defaults when the schema is missing.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-app-settings.h"

/* The defaults of data/io.github.pprofviewer.PprofViewer.gschema.xml,
 * used only when that schema (or one of its keys) is not installed,
 * e.g. when the binary runs straight from a build tree. */
typedef struct
{
  const char *key;
  const char *type;
  const char *value;
} FallbackKey;

static const FallbackKey fallback_keys[] = {
  { "window-width",        "i",  "1100" },
  { "window-height",       "i",  "760" },
  { "window-maximized",    "b",  "false" },
  { "recent-sources",      "as", "@as []" },
  { "cpu-profile-seconds", "i",  "30" },
  { "watch-interval",      "i",  "15" },
  { "graph-node-count",    "i",  "80" },
  { "last-view",           "s",  "'top'" },
  { "last-goroutine-view", "s",  "'goroutines'" },
  { "session-sources",     "as", "@as []" },
};

static GSettings  *settings;
static GHashTable *memory;   /* key -> GVariant, for keys the schema lacks */

static void
ensure_initialized (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, PPV_APP_ID, TRUE);

      if (schema != NULL)
        settings = g_settings_new_full (schema, NULL, NULL);
      else
        g_info ("GSettings schema %s is not installed; settings will not be kept", PPV_APP_ID);

      memory = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                      (GDestroyNotify) g_variant_unref);
      for (guint i = 0; i < G_N_ELEMENTS (fallback_keys); i++)
        {
          const FallbackKey *fk = &fallback_keys[i];

          if (schema != NULL && g_settings_schema_has_key (schema, fk->key))
            continue;

          g_hash_table_insert (memory, (gpointer) fk->key,
                               g_variant_ref_sink (g_variant_parse (G_VARIANT_TYPE (fk->type),
                                                                    fk->value, NULL, NULL, NULL)));
        }

      g_once_init_leave (&initialized, 1);
    }
}

GSettings *
ppv_app_settings_get_default (void)
{
  ensure_initialized ();
  return settings;
}

static GVariant *
get_value (const char *key)
{
  GVariant *value;

  ensure_initialized ();

  value = g_hash_table_lookup (memory, key);
  if (value != NULL)
    return g_variant_ref (value);

  g_return_val_if_fail (settings != NULL, NULL);
  return g_settings_get_value (settings, key);
}

static void
set_value (const char *key,
           GVariant   *value)
{
  ensure_initialized ();

  g_variant_ref_sink (value);
  if (g_hash_table_contains (memory, key) || settings == NULL)
    g_hash_table_insert (memory, (gpointer) g_intern_string (key), g_variant_ref (value));
  else
    g_settings_set_value (settings, key, value);
  g_variant_unref (value);
}

int
ppv_app_settings_get_int (const char *key)
{
  g_autoptr(GVariant) value = get_value (key);

  g_return_val_if_fail (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_INT32), 0);
  return g_variant_get_int32 (value);
}

void
ppv_app_settings_set_int (const char *key,
                          int         value)
{
  set_value (key, g_variant_new_int32 (value));
}

gboolean
ppv_app_settings_get_boolean (const char *key)
{
  g_autoptr(GVariant) value = get_value (key);

  g_return_val_if_fail (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN), FALSE);
  return g_variant_get_boolean (value);
}

void
ppv_app_settings_set_boolean (const char *key,
                              gboolean    value)
{
  set_value (key, g_variant_new_boolean (value));
}

char *
ppv_app_settings_dup_string (const char *key)
{
  g_autoptr(GVariant) value = get_value (key);

  g_return_val_if_fail (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING), g_strdup (""));
  return g_variant_dup_string (value, NULL);
}

void
ppv_app_settings_set_string (const char *key,
                             const char *value)
{
  g_return_if_fail (value != NULL);
  set_value (key, g_variant_new_string (value));
}

char **
ppv_app_settings_dup_strv (const char *key)
{
  g_autoptr(GVariant) value = get_value (key);

  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    return g_new0 (char *, 1);
  return g_variant_dup_strv (value, NULL);
}

void
ppv_app_settings_set_strv (const char         *key,
                           const char * const *value)
{
  set_value (key, g_variant_new_strv (value, -1));
}

char **
ppv_app_settings_dup_recent_sources (void)
{
  return ppv_app_settings_dup_strv ("recent-sources");
}

void
ppv_app_settings_add_recent_source (const char *source)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) list = NULL;
  guint n = 1;

  g_return_if_fail (source != NULL);

  if (*source == '\0')
    return;

  old = ppv_app_settings_dup_recent_sources ();
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, source);
  for (guint i = 0; old[i] != NULL && n < PPV_MAX_RECENT_SOURCES; i++)
    {
      if (g_strcmp0 (old[i], source) == 0)
        continue;
      g_strv_builder_add (builder, old[i]);
      n++;
    }
  list = g_strv_builder_end (builder);
  set_value ("recent-sources", g_variant_new_strv ((const char * const *) list, -1));
}
