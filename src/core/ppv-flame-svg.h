/* ppv-flame-svg.h — a stack tree drawn as a standalone SVG flame graph.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An icicle like pprof's: the root on top spanning the full width, callees
 * below, each box as wide as its total over the root's, children from the
 * left edge in the tree's order so self is the uncovered right part.
 * Every box is a <g> holding a <title> "NAME (VALUE, PCT%)" (flamegraph.pl's
 * convention: VALUE in the report unit, PCT of the report total with two
 * decimals) and a <rect>; a label only where a name fits, clipped to its
 * box.  Children narrower than the minimum width are merged into one grey
 * "N small frames" slice per parent, or left out when that is narrow too;
 * when that still leaves too many boxes (towers of deep, narrow stacks)
 * the minimum width is raised until it does not, and the header says so.
 * The picture stays small however big the tree is.
 */
#pragma once

#include <gio/gio.h>

#include "ppv-stack-tree.h"

G_BEGIN_DECLS

/* Labels are set in a monospace font of this size, and a name is given
 * this advance per column (a little over the 0.6 em of DejaVu Sans Mono,
 * Menlo and Liberation Mono), so that what is judged to fit does. */
#define PPV_FLAME_SVG_FONT_SIZE    12.0
#define PPV_FLAME_SVG_CHAR_ADVANCE 7.25
/* Space between a box's left edge and its label, and kept on the right. */
#define PPV_FLAME_SVG_TEXT_PADDING 3.0

typedef struct
{
  double      width;        /* of the picture and of the root box, px (1200) */
  double      row_height;   /* px per stack level (18) */
  double      min_width;    /* narrower boxes are merged or left out, px (1) */
  guint       max_boxes;    /* raise min_width to draw at most this many (50000; 0: no limit) */
  gboolean    dark;         /* dark background, light text */
  const char *title;        /* header line; NULL: the sample type and total */
} PpvFlameSvgOptions;

void    ppv_flame_svg_options_init (PpvFlameSvgOptions *options);

/* The whole SVG document.  Names are written as valid XML whatever their
 * bytes: markup characters escaped, each byte that is not UTF-8 as U+FFFD,
 * and control characters as their Unicode control pictures (a line break
 * as U+240A "␊"), so a title stays one line.  @options may be NULL for the
 * defaults.  A comparison is drawn as the window draws it, as pprof
 * draws a diff: a grey box as wide as its increases plus its decreases
 * (base + profile with a diff base), from its left edge a part as wide
 * as the net change, red where it grew and green where it shrank, and a
 * title "NAME (NET, PCT%; base → profile: OLD → NEW)" (after -base, what
 * its stacks gained and lost instead).  A box is never wider than what its parent
 * has left. */
GBytes *ppv_flame_svg_render       (PpvStackTree             *tree,
                                    const PpvFlameSvgOptions *options,
                                    GCancellable             *cancellable,
                                    GError                  **error);

G_END_DECLS
