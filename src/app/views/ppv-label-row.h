/* ppv-label-row.h — one row of the Labels pane: a label key, a range of
 * a numeric key's values, or one value, with its total and share.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  PPV_LABEL_ROW_KEY,
  PPV_LABEL_ROW_RANGE,
  PPV_LABEL_ROW_VALUE,
} PpvLabelRowKind;

typedef struct
{
  PpvLabelRowKind kind;
  char           *key;
  char           *name;       /* the key, the range ("1kB – 64kB") or the value */
  char           *value;      /* a string value, else NULL */
  char           *range;      /* a numeric value or range in pprof's syntax, else NULL */
  char           *detail;     /* "3 values", "on 2% of samples", or NULL */
  char           *total;      /* as -tags prints it: "500.0ms" */
  double          share;      /* of the profile's total, for the bar */
  char           *share_text; /* "45.45%" */
  guint           n_samples;
  gboolean        single;     /* a key with one value */
  gboolean        rare;       /* a key on few of the samples */
} PpvLabelRowInfo;

#define PPV_TYPE_LABEL_ROW (ppv_label_row_get_type ())

G_DECLARE_FINAL_TYPE (PpvLabelRow, ppv_label_row, PPV, LABEL_ROW, GObject)

/* Takes the strings of @info; @children (PpvLabelRow) may be NULL. */
PpvLabelRow           *ppv_label_row_new          (PpvLabelRowInfo *info,
                                                   GListModel      *children);
const PpvLabelRowInfo *ppv_label_row_get_info     (PpvLabelRow     *self);
/* The rows under this one, or NULL. */
GListModel            *ppv_label_row_get_children (PpvLabelRow     *self);

G_END_DECLS
