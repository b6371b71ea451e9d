/* ppv-test-profile.h — tiny profiles from folded stacks, for unit tests.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-profile.h"

/* One sample per line: "root;caller;leaf VALUE[,VALUE...] [key=value ...]".
 * A frame "a+b" is one location where b is inlined into a (lines b, a).
 * @types is "type/unit,type/unit". */
PpvProfile *ppv_test_profile_from_folded (const char *types,
                                          const char *folded);
