/* ppv-fetch-error.c — the error domain of fetching profiles over HTTP.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-fetch-error.h"

G_DEFINE_QUARK (ppv-fetch-error-quark, ppv_fetch_error)
