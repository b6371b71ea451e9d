/* ppv-units.h — pprof's measurement rules: unit scaling and labels.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Converts @value from @from_unit to @to_unit ("minimum"/"auto" pick the
 * largest unit the value reaches).  *out_unit receives the printed unit
 * name ("kB", "ms", "" for counts); it points to static or @to_unit storage. */
double ppv_unit_scale          (gint64       value,
                                const char  *from_unit,
                                const char  *to_unit,
                                const char **out_unit);
/* "1.50s", "6144kB", "42widgets", "0". */
char  *ppv_unit_scaled_label   (gint64       value,
                                const char  *from_unit,
                                const char  *to_unit);
/* TRUE if @unit_a and @unit_b are both known units of the same kind
 * (bytes, time, GCU). */
gboolean ppv_units_compatible  (const char  *unit_a,
                                const char  *unit_b);
/* Go's "%.2f" of @value with a trailing ".00" removed. */
char  *ppv_format_float_trimmed (double      value);

G_END_DECLS
