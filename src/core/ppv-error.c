/* ppv-error.c — error domains of the profile core.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-error.h"

G_DEFINE_QUARK (ppv-profile-error-quark, ppv_profile_error)
G_DEFINE_QUARK (ppv-report-error-quark, ppv_report_error)
