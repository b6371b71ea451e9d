/* ppv-compare-dialog.h — choosing the base of a comparison: another tab, a kept copy, a file or an address.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ppv-document.h"
#include "ppv-request.h"

G_BEGIN_DECLS

#define PPV_TYPE_COMPARE_DIALOG (ppv_compare_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PpvCompareDialog, ppv_compare_dialog, PPV, COMPARE_DIALOG, AdwWindow)

/* Signals, after which the dialog closes itself:
 *   "document-chosen" (PpvDocument *): another tab's profile;
 *   "request-chosen" (gpointer PpvRequest *): a kept copy, a file or an
 *   address, to load. */
PpvCompareDialog *ppv_compare_dialog_new     (GtkWindow        *parent,
                                              const char       *profile_name);
/* Offers another tab's profile (listed in the order added). */
void              ppv_compare_dialog_add_tab (PpvCompareDialog *self,
                                              PpvDocument      *document);

G_END_DECLS
