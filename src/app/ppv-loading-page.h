/* ppv-loading-page.h — the page shown while a profile loads: what, progress, countdown, Cancel.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PPV_TYPE_LOADING_PAGE (ppv_loading_page_get_type ())

G_DECLARE_FINAL_TYPE (PpvLoadingPage, ppv_loading_page, PPV, LOADING_PAGE, GtkWidget)

GtkWidget *ppv_loading_page_new             (void);
/* Shows a spinner with @title ("Loading heap.pb.gz") and an optional
 * @detail line. */
void       ppv_loading_page_start           (PpvLoadingPage *self,
                                             const char     *title,
                                             const char     *detail);
/* Same, plus a bar counting down @seconds, for a server that answers
 * only after it has profiled for that long. */
void       ppv_loading_page_start_countdown (PpvLoadingPage *self,
                                             const char     *title,
                                             const char     *detail,
                                             guint           seconds);
/* Bytes received so far; @expected < 0 when unknown. */
void       ppv_loading_page_set_received    (PpvLoadingPage *self,
                                             guint64         received,
                                             gint64          expected);
/* Switches to "Reading the profile…" once the bytes are in. */
void       ppv_loading_page_set_decoding    (PpvLoadingPage *self);
void       ppv_loading_page_stop            (PpvLoadingPage *self);

G_END_DECLS
