/* ppv-endpoint-list.h — the profiles a live Go server offers, one row each; a click fetches one.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PPV_TYPE_ENDPOINT_LIST (ppv_endpoint_list_get_type ())

G_DECLARE_FINAL_TYPE (PpvEndpointList, ppv_endpoint_list, PPV, ENDPOINT_LIST, GtkWidget)

/* Signal "fetch" (const char *uri): the user picked a profile; @uri has
 * the options of its row applied (gc=1, seconds=N).
 * Signal "watch" (const char *uri): the user chose to watch a snapshot
 * profile (heap, allocs, goroutine, block, mutex, threadcreate). */

GtkWidget *ppv_endpoint_list_new           (void);
/* @endpoints: a GListModel of PpvEndpoint (src/fetch/ppv-endpoint.h) from
 * the index page of @server_name ("localhost:6060"). */
void       ppv_endpoint_list_set_endpoints (PpvEndpointList *self,
                                            const char      *server_name,
                                            GListModel      *endpoints);

G_END_DECLS
