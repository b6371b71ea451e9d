/* raw-dump.h — prints a PpvProfile the way `go tool pprof -raw` prints pprof's model.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-profile.h"

G_BEGIN_DECLS

/* pprof's Profile.String() without the Time: and Duration: lines (their
 * text depends on the time zone and Go's duration formatting), followed by
 * "DropFrames: ..." and "KeepFrames: ..." lines. */
char *raw_dump (const PpvProfile *profile);

G_END_DECLS
