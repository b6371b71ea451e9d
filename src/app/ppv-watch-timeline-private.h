/* ppv-watch-timeline-private.h — state shared by ppv-watch-timeline.c and ppv-watch-timeline-draw.c.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-watch-timeline.h"

G_BEGIN_DECLS

#define PAD_TOP 22.0      /* room for the markers' labels */
#define PAD_BOTTOM 22.0   /* room for the times */
#define PAD_SIDE 12.0

typedef struct
{
  gint64  time;
  gint64  value;
  char   *error;
  gboolean restart;
  int     snapshot;   /* index among snapshots, -1 for a gap */
} Point;

struct _PpvWatchTimeline
{
  GtkWidget          parent_instance;

  GArray            *points;      /* Point */
  GArray            *snapshots;   /* guint: index into points of each snapshot */
  char              *unit;
  char              *type_name;

  char              *series_name;
  GArray            *series;      /* gint64 per snapshot */

  int                marker[2];
  gboolean           b_follows;   /* B is on the latest snapshot and stays there */
  PpvTimelineMarker  selected;
  int                dragging;    /* marker being dragged, -1 */
  int                hover;       /* point index under the pointer, -1 */
  double             pointer_x;   /* -1 when the pointer is elsewhere */
  int                menu_snapshot;
  double             drag_x;
  GtkWidget         *menu;
};

typedef struct
{
  double left, right, top, bottom;
  gint64 t0, t1;
  gint64 max;
  gint64 series_max;
} Frame;

void    _ppv_watch_timeline_get_frame      (PpvWatchTimeline *self,
                                            Frame            *frame);
Point  *_ppv_watch_timeline_snapshot_point (PpvWatchTimeline *self,
                                            int               snapshot);
char   *_ppv_watch_timeline_dup_value      (PpvWatchTimeline *self,
                                            gint64            value);
char   *_ppv_watch_timeline_dup_time       (gint64            time);
/* ppv-watch-timeline-draw.c */
void    _ppv_watch_timeline_snapshot       (GtkWidget        *widget,
                                            GtkSnapshot      *snapshot);

static inline double
_ppv_watch_timeline_x_of (const Frame *frame,
      gint64       time)
{
  if (frame->t1 <= frame->t0)
    return (frame->left + frame->right) / 2;
  return frame->left + (double) (time - frame->t0) / (double) (frame->t1 - frame->t0) * (frame->right - frame->left);
}

static inline double
_ppv_watch_timeline_y_of (const Frame *frame,
      gint64       value,
      gint64       max)
{
  double f = max > 0 ? (double) MAX (value, 0) / (double) max : 0;

  /* A little headroom keeps the top point clear of the marker labels. */
  return frame->bottom - f * (frame->bottom - frame->top) * 0.92;
}

G_END_DECLS
