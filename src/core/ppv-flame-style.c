/* ppv-flame-style.c — how a flame graph names and colours its boxes.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "ppv-flame-style.h"

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

char *
ppv_flame_package_name (const char *name)
{
  const char *slash, *start, *p;

  g_return_val_if_fail (name != NULL, NULL);

  /* The package ends at the first '.' or "::" after the last '/', and is
   * at least one word character long there. */
  slash = strrchr (name, '/');
  start = slash ? slash + 1 : name;
  for (p = start; *p && is_word_char (*p); p++)
    ;
  if (p == start || (*p != '.' && strncmp (p, "::", 2) != 0))
    return g_strdup ("");
  /* Everything after the package must hold no '/' (it does: slash is last). */
  return g_strndup (name, p - name);
}

double
ppv_flame_package_hue (const char *package)
{
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  guint32 color;
  double turns;

  g_checksum_update (sha, (const guchar *) package, -1);
  g_checksum_get_digest (sha, digest, &len);
  color = (digest[0] | digest[1] << 8 | digest[2] << 16 | (guint32) digest[3] << 24) % (1u << 20);
  turns = fmod ((color + 1) * 1.618033988, 1.0);
  return turns * 360.0;
}

static void
hsl_to_rgb (double h,
            double s,
            double l,
            guint8 rgb[3])
{
  double c = (1 - fabs (2 * l - 1)) * s;
  double hp = h / 60.0;
  double x = c * (1 - fabs (fmod (hp, 2) - 1));
  double r = 0, g = 0, b = 0, m;

  if (hp < 1)      { r = c; g = x; }
  else if (hp < 2) { r = x; g = c; }
  else if (hp < 3) { g = c; b = x; }
  else if (hp < 4) { g = x; b = c; }
  else if (hp < 5) { r = x; b = c; }
  else             { r = c; b = x; }
  m = l - c / 2;
  rgb[0] = (guint8) lround ((r + m) * 255);
  rgb[1] = (guint8) lround ((g + m) * 255);
  rgb[2] = (guint8) lround ((b + m) * 255);
}

void
ppv_flame_box_color (const char *name,
                     gboolean    inlined,
                     gboolean    dark,
                     guint8      rgb[3])
{
  g_autofree char *package = ppv_flame_package_name (name);
  double hue = ppv_flame_package_hue (package);

  if (dark)
    hsl_to_rgb (hue, 0.45, inlined ? 0.24 : 0.30, rgb);
  else
    hsl_to_rgb (hue, 0.50, inlined ? 0.86 : 0.80, rgb);
}

void
ppv_flame_diff_color (gboolean change,
                      gboolean grew,
                      gboolean dark,
                      guint8   rgb[3])
{
  static const guint8 colors[2][3][3] = {
    /* light: box, shrank, grew */
    { { 217, 217, 217 }, { 171, 204, 171 }, { 204, 171, 171 } },
    /* dark */
    { { 82, 82, 82 }, { 71, 133, 77 }, { 158, 77, 77 } },
  };

  memcpy (rgb, colors[dark ? 1 : 0][change ? (grew ? 2 : 1) : 0], 3);
}

char **
ppv_flame_short_names (const char *name)
{
  GPtrArray *names = g_ptr_array_new ();
  const char *slash, *p;

  g_return_val_if_fail (name != NULL, NULL);

  g_ptr_array_add (names, g_strdup (name));
  /* Without the package path: "github.com/a/b.(*T).M" -> "b.(*T).M". */
  slash = strrchr (name, '/');
  if (slash != NULL && slash[1] != '\0')
    {
      name = slash + 1;
      g_ptr_array_add (names, g_strdup (name));
    }
  for (p = name; *p; p++)
    {
      const char *after = NULL;

      if (*p == '.')
        after = p + 1;
      else if (p[0] == ':' && p[1] == ':')
        after = ++p + 1;
      if (after != NULL && *after != '\0')
        g_ptr_array_add (names, g_strdup (after));
    }
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}
