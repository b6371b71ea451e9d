/* ppv-app-settings.h — the app's GSettings, with built-in defaults when the schema is missing.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PPV_MAX_RECENT_SOURCES 20

/* The app's settings object (borrowed), or NULL when the schema is not
 * installed; every accessor below then keeps values in memory for the
 * session and starts from built-in defaults instead of aborting. */
GSettings *ppv_app_settings_get_default     (void);

int        ppv_app_settings_get_int         (const char *key);
void       ppv_app_settings_set_int         (const char *key,
                                             int         value);
gboolean   ppv_app_settings_get_boolean     (const char *key);
void       ppv_app_settings_set_boolean     (const char *key,
                                             gboolean    value);
char      *ppv_app_settings_dup_string      (const char *key);
void       ppv_app_settings_set_string      (const char *key,
                                             const char *value);
/* Never NULL: an empty list when the key is unset or missing. */
char     **ppv_app_settings_dup_strv        (const char         *key);
void       ppv_app_settings_set_strv        (const char         *key,
                                             const char * const *value);

/* Most recent first, at most PPV_MAX_RECENT_SOURCES, never NULL. */
char     **ppv_app_settings_dup_recent_sources (void);
/* Moves @source to the front of the list (adding it if new). */
void       ppv_app_settings_add_recent_source  (const char *source);

G_END_DECLS
