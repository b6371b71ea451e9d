/* ppv-watch-view-actions.c — a watch tab's watch. actions: mark baseline, pause and resume, stop, fetch now, compare A and B.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-watch-view-private.h"

static void
mark_baseline_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PpvWatchView *self = PPV_WATCH_VIEW (widget);
  int last = (int) ppv_watch_timeline_get_n_snapshots (self->timeline) - 1;

  /* B follows new snapshots from A = now. */
  ppv_watch_timeline_set_marker (self->timeline, PPV_TIMELINE_MARKER_A, last);
  ppv_watch_timeline_set_marker (self->timeline, PPV_TIMELINE_MARKER_B, last);
}

static void
toggle_pause_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PpvWatchView *self = PPV_WATCH_VIEW (widget);

  if (self->watcher == NULL)
    return;
  if (ppv_watcher_get_state (self->watcher) == PPV_WATCH_STATE_PAUSED)
    ppv_watcher_resume (self->watcher);
  else
    ppv_watcher_pause (self->watcher);
}

static void
stop_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ppv_watch_view_stop (PPV_WATCH_VIEW (widget));
}

static void
fetch_now_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PpvWatchView *self = PPV_WATCH_VIEW (widget);

  if (self->watcher != NULL)
    ppv_watcher_fetch_now (self->watcher);
}

static void
compare_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PpvWatchView *self = PPV_WATCH_VIEW (widget);
  int a = ppv_watch_timeline_get_marker (self->timeline, PPV_TIMELINE_MARKER_A);
  int b = ppv_watch_timeline_get_marker (self->timeline, PPV_TIMELINE_MARKER_B);
  const PpvWatchPoint *pa, *pb;

  if (self->series == NULL || a < 0 || b < 0 || a == b)
    return;
  pa = ppv_watch_series_get_snapshot (self->series, a);
  pb = ppv_watch_series_get_snapshot (self->series, b);
  if (pa->path != NULL && pb->path != NULL)
    _ppv_watch_view_emit_compare (self, pa->path, pb->path);
}

void
_ppv_watch_view_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "watch.mark-baseline", NULL, mark_baseline_activated);
  gtk_widget_class_install_action (widget_class, "watch.toggle-pause", NULL, toggle_pause_activated);
  gtk_widget_class_install_action (widget_class, "watch.stop", NULL, stop_activated);
  gtk_widget_class_install_action (widget_class, "watch.fetch-now", NULL, fetch_now_activated);
  gtk_widget_class_install_action (widget_class, "watch.compare", NULL, compare_activated);
}
