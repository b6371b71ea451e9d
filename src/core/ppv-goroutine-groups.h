/* ppv-goroutine-groups.h — goroutines grouped by stack (and by creator or
 * state): where they wait, how many, since when, who started them.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built from the same report context as every other aggregate, so the
 * refine filters (focus, ignore, hide, show, tag filters) apply: a
 * goroutine the filters drop is in no group, a hidden frame is in no
 * stack.  A sample is one goroutine in a dump (labels state, wait,
 * created_by from ppv-goroutine-dump.c) and several goroutines with one
 * stack in a proto goroutine profile (its value; no labels).  Immutable
 * and atomically reference-counted once built.
 */
#pragma once

#include <gio/gio.h>

#include "ppv-report.h"

G_BEGIN_DECLS

typedef enum
{
  PPV_GOROUTINE_BY_STACK,     /* one group per stack */
  PPV_GOROUTINE_BY_CREATOR,   /* one per created_by; its stacks below */
  PPV_GOROUTINE_BY_STATE,     /* one per state; its stacks below */
} PpvGoroutineGrouping;

/* One frame of a stack group, as the dump prints it. */
typedef struct
{
  const char *function;
  const char *file;         /* "" when unknown */
  gint64      line;         /* 0 when unknown */
  gboolean    inlined;      /* inlined into the next frame out */
} PpvGoroutineFrame;

/* The wait of a group where nobody said (a proto profile has none). */
#define PPV_GOROUTINE_WAIT_UNKNOWN ((gint64) -1)

typedef struct
{
  /* Stack groups: the function where they wait (the innermost frame
   * outside package runtime, else the innermost one; "" without frames).
   * Creator and state groups: the creator or the state ("" if none). */
  const char *title;
  gint64      count;          /* goroutines */
  /* Seconds.  A dump prints a wait from one minute on, so a goroutine of
   * a dump without one waited less (0); UNKNOWN where nothing says. */
  gint64      longest_wait;
  gint64      typical_wait;   /* the median over the group's goroutines */
  /* "chan receive", or "chan receive 3, select 1" (most first); "" when
   * the profile has no such labels.  Likewise for creators. */
  const char *states;
  const char *creators;
  /* Stack groups: the stack, leaf first. */
  guint32     frames_offset;
  guint32     n_frames;
  /* Creator and state groups: their stack groups, most goroutines first. */
  guint32     children_offset;
  guint32     n_children;
} PpvGoroutineGroup;

typedef struct _PpvGoroutineGroups PpvGoroutineGroups;

#define PPV_TYPE_GOROUTINE_GROUPS (ppv_goroutine_groups_get_type ())

GType               ppv_goroutine_groups_get_type (void) G_GNUC_CONST;

/* Groups the goroutines of @profile that @options' filters keep (the
 * sample column is @options' one; granularity does not merge stacks:
 * frames stay as printed, with file and line). */
PpvGoroutineGroups *ppv_goroutine_groups_new   (PpvProfile             *profile,
                                                const PpvReportOptions *options,
                                                PpvGoroutineGrouping    grouping,
                                                GCancellable           *cancellable,
                                                GError                **error);
PpvGoroutineGroups *ppv_goroutine_groups_ref   (PpvGoroutineGroups *self);
void                ppv_goroutine_groups_unref (PpvGoroutineGroups *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpvGoroutineGroups, ppv_goroutine_groups_unref)

PpvGoroutineGrouping ppv_goroutine_groups_get_grouping (PpvGoroutineGroups *self);
/* Top-level groups, most goroutines first (ties by title). */
guint32             ppv_goroutine_groups_get_n_groups  (PpvGoroutineGroups *self);
const PpvGoroutineGroup *ppv_goroutine_groups_get_group (PpvGoroutineGroups *self,
                                                         guint32             index);
/* The @index-th stack group of a creator or state group. */
const PpvGoroutineGroup *ppv_goroutine_groups_get_child (PpvGoroutineGroups      *self,
                                                         const PpvGoroutineGroup *group,
                                                         guint32                  index);
const PpvGoroutineFrame *ppv_goroutine_groups_get_frame (PpvGoroutineGroups      *self,
                                                         const PpvGoroutineGroup *group,
                                                         guint32                  index);
/* Goroutines in every group. */
gint64              ppv_goroutine_groups_get_total     (PpvGoroutineGroups *self);
/* Different stacks among them. */
guint32             ppv_goroutine_groups_get_n_stacks  (PpvGoroutineGroups *self);
/* The profile has state labels (it was read from a dump). */
gboolean            ppv_goroutine_groups_has_states    (PpvGoroutineGroups *self);
/* The filters' warnings ("Focus expression matched no samples"). */
const char * const *ppv_goroutine_groups_get_warnings  (PpvGoroutineGroups *self);

/* A goroutine profile: its one sample type is "goroutine". */
gboolean            ppv_profile_is_goroutine           (PpvProfile         *profile);

G_END_DECLS
