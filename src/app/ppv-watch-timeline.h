/* ppv-watch-timeline.h — a watch's timeline: a total per snapshot, gaps and restarts, markers A and B.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PPV_TYPE_WATCH_TIMELINE (ppv_watch_timeline_get_type ())

G_DECLARE_FINAL_TYPE (PpvWatchTimeline, ppv_watch_timeline, PPV, WATCH_TIMELINE, GtkWidget)

/* One point of the timeline: a snapshot (@error NULL) or a failed fetch. */
typedef struct
{
  gint64      time;      /* g_get_real_time() microseconds */
  gint64      value;     /* a snapshot's total in the timeline's unit */
  const char *error;     /* a gap's message, NULL for a snapshot */
  gboolean    restart;   /* the process restarted before this snapshot */
} PpvTimelinePoint;

typedef enum
{
  PPV_TIMELINE_MARKER_A,
  PPV_TIMELINE_MARKER_B,
} PpvTimelineMarker;

/* Signals:
 *   "markers-changed"             A or B moved (by the user or a setter)
 *   "snapshot-activated" (guint)  the user clicked a snapshot or pressed
 *                                 Enter on the selected marker's; the
 *                                 snapshot's index among snapshots
 * Keys: Left/Right/Home/End move the selected marker, A and B (or Space)
 * choose which, Enter opens its snapshot. */

GtkWidget *ppv_watch_timeline_new            (void);
/* Copies @points (in time order).  Markers keep their snapshots; B on
 * the latest snapshot follows new ones; A defaults to the first. */
void       ppv_watch_timeline_set_points     (PpvWatchTimeline       *self,
                                              const PpvTimelinePoint *points,
                                              guint                   n_points,
                                              const char             *unit,
                                              const char             *type_name);
/* One function's value per snapshot drawn over the totals on its own
 * scale; @name NULL clears it. */
void       ppv_watch_timeline_set_series     (PpvWatchTimeline       *self,
                                              const char             *name,
                                              const gint64           *values,
                                              guint                   n_values);
guint      ppv_watch_timeline_get_n_snapshots (PpvWatchTimeline      *self);
/* The marker's snapshot index, -1 without snapshots. */
int        ppv_watch_timeline_get_marker     (PpvWatchTimeline       *self,
                                              PpvTimelineMarker       marker);
void       ppv_watch_timeline_set_marker     (PpvWatchTimeline       *self,
                                              PpvTimelineMarker       marker,
                                              int                     snapshot);

G_END_DECLS
