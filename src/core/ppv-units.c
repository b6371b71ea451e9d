/* ppv-units.c — pprof's measurement rules: unit scaling and labels.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tables and the "largest unit the value reaches" rule follow pprof's
 * internal/measurement package, so that every printed digit agrees.
 */
#include <math.h>
#include <string.h>

#include "ppv-report.h"
#include "ppv-units.h"

typedef struct
{
  const char *name;
  const char *aliases[4];
  double      factor;
} Unit;

typedef struct
{
  const Unit *units;
  guint       n_units;
  const char *default_name;
  double      default_factor;
} UnitKind;

static const Unit memory_units[] = {
  { "B",  { "b", "byte" }, 1.0 },
  { "kB", { "kb", "kbyte", "kilobyte" }, 1024.0 },
  { "MB", { "mb", "mbyte", "megabyte" }, 1048576.0 },
  { "GB", { "gb", "gbyte", "gigabyte" }, 1073741824.0 },
  { "TB", { "tb", "tbyte", "terabyte" }, 1099511627776.0 },
  { "PB", { "pb", "pbyte", "petabyte" }, 1125899906842624.0 },
};

static const Unit time_units[] = {
  { "ns",  { "ns", "nanosecond" }, 1.0 },
  { "us",  { "\xce\xbcs", "us", "microsecond" }, 1e3 },
  { "ms",  { "ms", "millisecond" }, 1e6 },
  { "s",   { "s", "sec", "second" }, 1e9 },
  { "hrs", { "hour", "hr" }, 3.6e12 },
};

static const Unit gcu_units[] = {
  { "n*GCU", { "nanogcu" }, 1e-9 },
  { "u*GCU", { "microgcu" }, 1e-6 },
  { "m*GCU", { "milligcu" }, 1e-3 },
  { "GCU",   { "gcu" }, 1.0 },
  { "k*GCU", { "kilogcu" }, 1e3 },
  { "M*GCU", { "megagcu" }, 1e6 },
  { "G*GCU", { "gigagcu" }, 1e9 },
  { "T*GCU", { "teragcu" }, 1e12 },
  { "P*GCU", { "petagcu" }, 1e15 },
};

static const UnitKind unit_kinds[] = {
  { memory_units, G_N_ELEMENTS (memory_units), "B", 1.0 },
  { time_units, G_N_ELEMENTS (time_units), "s", 1e9 },
  { gcu_units, G_N_ELEMENTS (gcu_units), "GCU", 1.0 },
};

/* pprof lower-cases the unit and strips one plural "s" from names longer
 * than two bytes ("nanoseconds" -> "nanosecond"; "μs" loses its "s" too,
 * which is why pprof does not recognise it — we keep that quirk). */
static const Unit *
sniff_unit (const UnitKind *kind,
            const char     *unit)
{
  g_autofree char *lower = g_ascii_strdown (unit ? unit : "", -1);
  gsize len = strlen (lower);

  if (len > 2 && lower[len - 1] == 's')
    lower[len - 1] = '\0';

  for (guint i = 0; i < kind->n_units; i++)
    for (guint a = 0; a < G_N_ELEMENTS (kind->units[i].aliases) && kind->units[i].aliases[a]; a++)
      if (strcmp (lower, kind->units[i].aliases[a]) == 0)
        return &kind->units[i];

  return NULL;
}

static gboolean
convert_unit (const UnitKind *kind,
              gint64          value,
              const char     *from_unit,
              const char     *to_unit,
              double         *out_value,
              const char    **out_unit)
{
  const Unit *from = sniff_unit (kind, from_unit);
  const Unit *to;
  double v;

  if (from == NULL)
    return FALSE;

  v = (double) value * from->factor;

  if (g_strcmp0 (to_unit, "minimum") == 0 || g_strcmp0 (to_unit, "auto") == 0)
    {
      double f = 0;
      const char *name = NULL;

      for (guint i = 0; i < kind->n_units; i++)
        if (kind->units[i].factor >= f && v / kind->units[i].factor >= 1.0)
          {
            f = kind->units[i].factor;
            name = kind->units[i].name;
          }

      if (f != 0)
        {
          *out_value = v / f;
          *out_unit = name;
          return TRUE;
        }

      *out_value = v / kind->default_factor;
      *out_unit = kind->default_name;
      return TRUE;
    }

  to = sniff_unit (kind, to_unit);
  if (to == NULL)
    {
      *out_value = v / kind->default_factor;
      *out_unit = kind->default_name;
      return TRUE;
    }

  *out_value = v / to->factor;
  *out_unit = to->name;
  return TRUE;
}

double
ppv_unit_scale (gint64       value,
                const char  *from_unit,
                const char  *to_unit,
                const char **out_unit)
{
  const char *unit_dummy;
  double v;

  if (out_unit == NULL)
    out_unit = &unit_dummy;

  /* G_MININT64 cannot be negated; pprof then scales it as is. */
  if (value < 0 && value != G_MININT64)
    return -ppv_unit_scale (-value, from_unit, to_unit, out_unit);

  for (guint i = 0; i < G_N_ELEMENTS (unit_kinds); i++)
    if (convert_unit (&unit_kinds[i], value, from_unit, to_unit, &v, out_unit))
      return v;

  if (g_strcmp0 (to_unit, "count") == 0 || g_strcmp0 (to_unit, "sample") == 0 ||
      g_strcmp0 (to_unit, "unit") == 0 || g_strcmp0 (to_unit, "minimum") == 0 ||
      g_strcmp0 (to_unit, "auto") == 0)
    *out_unit = "";
  else
    *out_unit = to_unit ? to_unit : "";

  return (double) value;
}

gboolean
ppv_units_compatible (const char *unit_a,
                      const char *unit_b)
{
  for (guint i = 0; i < G_N_ELEMENTS (unit_kinds); i++)
    if (sniff_unit (&unit_kinds[i], unit_a) && sniff_unit (&unit_kinds[i], unit_b))
      return TRUE;
  return FALSE;
}

char *
ppv_format_float_trimmed (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 64];
  gsize len;

  /* Locale-independent: the window runs under the user's LC_NUMERIC. */
  g_ascii_formatd (buf, sizeof buf, "%.2f", value);
  len = strlen (buf);
  if (len >= 3 && strcmp (buf + len - 3, ".00") == 0)
    buf[len - 3] = '\0';

  return g_strdup (buf);
}

char *
ppv_unit_scaled_label (gint64      value,
                       const char *from_unit,
                       const char *to_unit)
{
  const char *unit = NULL;
  double v = ppv_unit_scale (value, from_unit, to_unit, &unit);
  g_autofree char *number = ppv_format_float_trimmed (v);

  if (strcmp (number, "0") == 0 || strcmp (number, "-0") == 0)
    return g_strdup ("0");

  return g_strconcat (number, unit, NULL);
}

char *
ppv_format_percentage (gint64 value,
                       gint64 total)
{
  double ratio = 0;

  if (total != 0)
    ratio = fabs ((double) value / (double) total) * 100.0;

  if (ratio >= 99.95 && ratio <= 100.05)
    return g_strdup ("  100%");
  {
    char buf[G_ASCII_DTOSTR_BUF_SIZE + 8];
    g_ascii_formatd (buf, sizeof buf - 1, ratio >= 1.0 ? "%5.2f" : "%5.2g", ratio);
    return g_strconcat (buf, "%", NULL);
  }
}
