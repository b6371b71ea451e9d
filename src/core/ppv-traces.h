/* ppv-traces.h — pprof's -traces: every sample's stack, one after another.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ppv-report.h"

G_BEGIN_DECLS

/* The complete `go tool pprof -traces` text for @profile with @options
 * (filters, granularity, sample index, --mean, --unit).  *@warnings, when
 * not NULL, receives the filters' warnings ("Focus expression matched no
 * samples") as a NULL-terminated array. */
char *ppv_traces_format (PpvProfile             *profile,
                         const PpvReportOptions *options,
                         char                 ***warnings,
                         GCancellable           *cancellable,
                         GError                **error);

G_END_DECLS
