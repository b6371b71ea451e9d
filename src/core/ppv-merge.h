/* ppv-merge.h — combining several profiles as pprof does: merge, -base, -diff_base.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-profile.h"

G_BEGIN_DECLS

typedef enum
{
  PPV_BASE_NONE,
  PPV_BASE_SUBTRACT,   /* -base: merged with negated values, identical stacks cancel */
  PPV_BASE_DIFF,       /* -diff_base: negated, kept apart with label pprof::base=true */
} PpvBaseMode;

/* Scales units to the finest common one and merges: identical samples
 * are summed, all-zero samples dropped, time = earliest, duration = sum.
 * With one profile that needs no change, returns a new ref to it. */
PpvProfile *ppv_profile_merge   (PpvProfile  **profiles,
                                 guint         n_profiles,
                                 GError      **error);

/* pprof's whole source pipeline after fetching: merge the sources, merge
 * the bases, optionally normalize, negate the base and merge it in. */
PpvProfile *ppv_profile_combine (PpvProfile  **sources,
                                 guint         n_sources,
                                 PpvProfile  **bases,
                                 guint         n_bases,
                                 PpvBaseMode   mode,
                                 gboolean      normalize,
                                 GError      **error);

G_END_DECLS
