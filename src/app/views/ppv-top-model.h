/* ppv-top-model.h — the rows of a text report, ready for the top table:
 * printed names, running sums and sort orders.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ppv-report.h"

G_BEGIN_DECLS

/* Names longer than this (in characters) are cut before they reach a
 * label: a few visible 100 kB names make a single frame take seconds. */
#define PPV_TOP_MAX_NAME_CHARS 1000

/* The orders the table sorts by.  Numbers come largest first and names
 * alphabetically; ties keep the report's order.  The reverse order is
 * exactly the reverse of the array. */
typedef enum
{
  PPV_TOP_ORDER_REPORT,
  PPV_TOP_ORDER_FLAT,
  PPV_TOP_ORDER_CUM,
  PPV_TOP_ORDER_NAME,
  PPV_TOP_N_ORDERS
} PpvTopOrder;

#define PPV_TYPE_TOP_MODEL (ppv_top_model_get_type ())

G_DECLARE_FINAL_TYPE (PpvTopModel, ppv_top_model, PPV, TOP_MODEL, GObject)

/* Safe in a worker thread; @order is computed ahead so that the table can
 * show the new rows in its current order at once.  Returns NULL with
 * G_IO_ERROR_CANCELLED when cancelled. */
PpvTopModel  *ppv_top_model_new             (PpvReport    *report,
                                             PpvTopOrder   order,
                                             GCancellable *cancellable,
                                             GError      **error);
PpvReport    *ppv_top_model_get_report      (PpvTopModel  *self);
guint         ppv_top_model_get_n_rows      (PpvTopModel  *self);
/* Some row has a negative value: the rows are a comparison's changes. */
gboolean      ppv_top_model_is_signed       (PpvTopModel  *self);
const PpvReportRow *ppv_top_model_get_row   (PpvTopModel  *self,
                                             guint         index);
/* The name pprof prints, with its " (inline)" mark; the full string. */
const char   *ppv_top_model_get_name        (PpvTopModel  *self,
                                             guint         index);
/* The printed name cut to PPV_TOP_MAX_NAME_CHARS characters with an
 * ellipsis, or NULL when it is short enough to show whole. */
char         *ppv_top_model_dup_cut_name    (PpvTopModel  *self,
                                             guint         index);
/* @value (flat or cum of a row) as the table prints it: in the unit
 * `--top` picks for the rows it prints, which are this table's rows
 * without the ones --top drops as too small (pprof's "minimum" rule over
 * all rows would let one 16-byte row print 448kB as "458752B"). */
char         *ppv_top_model_format_value    (PpvTopModel  *self,
                                             gint64        value);
/* @value exactly, in the sample type's own unit ("458752B"), for the
 * tooltip and for copying. */
char         *ppv_top_model_format_exact    (PpvTopModel  *self,
                                             gint64        value);
/* Running totals of flat in report order (pprof's sum%), one per row. */
const gint64 *ppv_top_model_get_flat_sums   (PpvTopModel  *self);
/* Row indices in @order.  Orders other than the one given at creation
 * are computed on first use (main thread: ~70 ms for 200k names). */
const guint  *ppv_top_model_get_order       (PpvTopModel  *self,
                                             PpvTopOrder   order);
/* The index of the row named @plain_name (report order), or -1. */
int           ppv_top_model_find            (PpvTopModel  *self,
                                             const char   *plain_name);
/* Case-insensitive (ASCII) substring test on the printed name; @needle
 * must be lower case. */
gboolean      ppv_top_model_row_matches     (PpvTopModel  *self,
                                             guint         index,
                                             const char   *needle);

/* Flags the rows whose printed name contains @needle (lower case); NULL
 * when cancelled.  Safe in a worker thread. */
/* A comparison's sides: each row's flat value in the base and in the
 * new profile (ppv-top-sides.c), owned by the model once set. */
void          ppv_top_model_set_sides       (PpvTopModel  *self,
                                             gint64       *base,
                                             gint64       *after);
gboolean      ppv_top_model_get_sides       (PpvTopModel  *self,
                                             guint         index,
                                             gint64       *base,
                                             gint64       *after);

guint8       *ppv_top_model_match           (PpvTopModel  *self,
                                             const char   *needle,
                                             GCancellable *cancellable);

G_END_DECLS
