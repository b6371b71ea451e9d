/* ppv-text-util.c — small text helpers every layer shares: HTML sniffing, byte limits in messages.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-text-util.h"

#include <string.h>

gboolean
ppv_looks_like_html (const guint8 *data,
                     gsize         len)
{
  g_autofree char *head = NULL;
  gsize i = 0;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    i = 3;
  while (i < len && g_ascii_isspace (data[i]))
    i++;
  if (i >= len || data[i] != '<')
    return FALSE;

  /* Pages often open with a comment or an XML declaration before the
   * first tag that gives them away. */
  head = g_ascii_strdown ((const char *) data + i, MIN (len - i, 1024));
  return strstr (head, "<!doctype html") != NULL || strstr (head, "<html") != NULL ||
         strstr (head, "<head") != NULL || strstr (head, "<body") != NULL;
}

char *
ppv_format_byte_limit (guint64 bytes)
{
  static const char * const units[] = { "KiB", "MiB", "GiB", "TiB" };

  for (int i = G_N_ELEMENTS (units) - 1; i >= 0; i--)
    {
      guint64 unit = G_GUINT64_CONSTANT (1) << (10 * (i + 1));

      if (bytes >= unit && bytes % unit == 0)
        return g_strdup_printf ("%" G_GUINT64_FORMAT " %s", bytes / unit, units[i]);
    }

  return g_strdup_printf ("%" G_GUINT64_FORMAT " bytes", bytes);
}
