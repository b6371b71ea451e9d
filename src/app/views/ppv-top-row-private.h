/* ppv-top-row-private.h — the top row's fields, for the sorters' hot loop.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sorting 200k rows makes millions of comparisons: they read these fields
 * directly instead of through type-checked accessors.
 */
#pragma once

#include "ppv-top-row.h"

G_BEGIN_DECLS

struct _PpvTopRow
{
  GObject             parent_instance;

  PpvReport          *report;
  const PpvReportRow *row;
  guint               index;
  guint               name_rank;
  /* Printed name: the report's own string when there is no inline mark
   * and no need to cut it, else an owned copy. */
  const char         *name;
  char               *owned_name;
  char               *display_name;   /* NULL: same as name */
};

G_END_DECLS
