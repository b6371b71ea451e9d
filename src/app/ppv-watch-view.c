/* ppv-watch-view.c — a watch tab's content: state and controls, the timeline, the growth table.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "ppv-app-settings.h"
#include "ppv-application.h"
#include "ppv-growth-table.h"
#include "ppv-watch-timeline.h"
#include "ppv-watch-view-private.h"

G_DEFINE_FINAL_TYPE (PpvWatchView, ppv_watch_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SUMMARY,
  N_PROPS
};

enum {
  SIGNAL_OPEN_SNAPSHOT,
  SIGNAL_COMPARE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void set_series (PpvWatchView   *self,
                        PpvWatchSeries *series);

/* "localhost:6060" for http://localhost:6060/debug/pprof/heap. */
static char *
dup_host (const char *uri)
{
  g_autoptr(GUri) parsed = uri != NULL ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;

  if (parsed == NULL || g_uri_get_host (parsed) == NULL)
    return g_strdup (uri != NULL ? uri : "");
  if (g_uri_get_port (parsed) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (parsed), g_uri_get_port (parsed));
  return g_strdup (g_uri_get_host (parsed));
}

static void
set_summary (PpvWatchView *self,
             const char   *summary)
{
  if (g_strcmp0 (self->summary, summary) == 0)
    return;
  g_free (self->summary);
  self->summary = g_strdup (summary);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

/* --- State and countdown ------------------------------------------------- */

static void
update_countdown (PpvWatchView *self)
{
  gint64 next = self->watcher != NULL ? ppv_watcher_get_next_fetch_time (self->watcher) : 0;
  g_autofree char *text = NULL;

  if (next > 0)
    {
      gint64 seconds = MAX (0, (next - g_get_real_time () + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);

      /* Translators: the countdown to the next fetch. */
      text = g_strdup_printf (_("Next fetch in %d s"), (int) seconds);
    }
  gtk_label_set_text (self->countdown_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->countdown_label), text != NULL);
}

static gboolean
countdown_tick_cb (gpointer user_data)
{
  update_countdown (user_data);
  return G_SOURCE_CONTINUE;
}

static void
update_state (PpvWatchView *self)
{
  PpvWatchState state = self->watcher != NULL ? ppv_watcher_get_state (self->watcher) : PPV_WATCH_STATE_STOPPED;
  const char *uri = self->series != NULL ? ppv_watch_series_get_uri (self->series) : NULL;
  g_autofree char *host = NULL;
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;
  const char *icon = "network-transmit-receive-symbolic";
  const char *error = self->watcher != NULL ? ppv_watcher_get_last_error (self->watcher) : NULL;
  guint n = self->series != NULL ? ppv_watch_series_get_n_snapshots (self->series) : 0;
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u snapshot", "%u snapshots", n), n);
  gboolean live = self->watcher != NULL && state != PPV_WATCH_STATE_STOPPED;

  if (self->watcher != NULL)
    uri = ppv_watcher_get_uri (self->watcher);
  host = dup_host (uri);

  switch (state)
    {
    case PPV_WATCH_STATE_WAITING:
      /* Translators: %s is host:port. */
      text = g_strdup_printf (_("Waiting for %s — is the port-forward running?"), host);
      icon = "network-idle-symbolic";
      break;
    case PPV_WATCH_STATE_FETCHING:
      text = g_strdup_printf (_("Fetching from %s…"), host);
      break;
    case PPV_WATCH_STATE_CONNECTED:
      /* The count is in the subtitle; narrow windows keep the host. */
      text = g_strdup_printf (_("Watching %s"), host);
      break;
    case PPV_WATCH_STATE_FAILING:
      text = g_strdup_printf (_("Cannot reach %s — is the port-forward running?"), host);
      icon = "network-error-symbolic";
      break;
    case PPV_WATCH_STATE_PAUSED:
      text = g_strdup_printf (_("Paused · %s"), count);
      icon = "media-playback-pause-symbolic";
      break;
    case PPV_WATCH_STATE_STOPPED:
    default:
      text = self->watcher != NULL ? g_strdup_printf (_("Stopped · %s kept"), count)
                                   : g_strdup_printf (_("Finished watch of %s · %s"), host, count);
      icon = "document-open-recent-symbolic";
      break;
    }

  gtk_label_set_text (self->state_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->state_label), error != NULL && state == PPV_WATCH_STATE_FAILING
                                                               ? error : text);
  gtk_image_set_from_icon_name (self->state_icon, icon);

  gtk_widget_set_visible (self->interval_box, live);
  gtk_widget_set_visible (self->run_box, live);
  /* A baseline is "from now on": a finished watch has no now. */
  gtk_widget_set_visible (self->baseline_button, live);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "watch.toggle-pause", live);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "watch.stop", live);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "watch.fetch-now", live && state != PPV_WATCH_STATE_FETCHING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "watch.mark-baseline", n > 0);
  {
    gboolean paused = state == PPV_WATCH_STATE_PAUSED;
    const char *label = paused ? _("Resume") : _("Pause");

    gtk_button_set_icon_name (self->pause_button, paused ? "media-playback-start-symbolic"
                                                         : "media-playback-pause-symbolic");
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->pause_button), label);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->pause_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);
  }

  if (live && self->countdown_id == 0)
    self->countdown_id = g_timeout_add (250, countdown_tick_cb, self);
  else if (!live)
    g_clear_handle_id (&self->countdown_id, g_source_remove);
  update_countdown (self);

  if (live && state == PPV_WATCH_STATE_PAUSED)
    summary = g_strdup_printf (_("Paused · %s"), count);
  else if (live)
    summary = g_strdup_printf (_("Every %u s · %s"), ppv_watcher_get_interval (self->watcher), count);
  else
    summary = g_strdup_printf (_("Stopped · %s"), count);
  set_summary (self, summary);
}

/* --- Timeline and ranking ------------------------------------------------ */

static void
update_range (PpvWatchView *self)
{
  int a = ppv_watch_timeline_get_marker (self->timeline, PPV_TIMELINE_MARKER_A);
  int b = ppv_watch_timeline_get_marker (self->timeline, PPV_TIMELINE_MARKER_B);
  g_autofree char *text = NULL;

  if (a >= 0 && b >= 0 && self->series != NULL)
    {
      g_autofree char *va = ppv_watch_series_format_value (self->series, ppv_watch_series_get_total (self->series, a), FALSE);
      g_autofree char *vb = ppv_watch_series_format_value (self->series, ppv_watch_series_get_total (self->series, b), FALSE);
      g_autofree char *delta = ppv_watch_series_format_value (self->series,
                                                              ppv_watch_series_get_total (self->series, b)
                                                              - ppv_watch_series_get_total (self->series, a),
                                                              TRUE);

      /* Translators: the range the table ranks: "A: #1 (10MB) → B: #6 (14MB), +4MB". */
      text = g_strdup_printf (_("A: #%d (%s) → B: #%d (%s), %s"), a + 1, va, b + 1, vb, delta);
    }
  gtk_label_set_text (self->range_label, text != NULL ? text : _("Markers A and B choose the range to rank."));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "watch.compare", a >= 0 && b >= 0 && a != b);
}

static void
update_timeline (PpvWatchView *self)
{
  guint n = ppv_watch_series_get_n_points (self->series);
  g_autofree PpvTimelinePoint *points = g_new0 (PpvTimelinePoint, MAX (n, 1));
  guint index = ppv_watch_series_get_sample_index (self->series);

  for (guint i = 0; i < n; i++)
    {
      const PpvWatchPoint *p = ppv_watch_series_get_point (self->series, i);

      points[i].time = p->time;
      if (p->kind == PPV_WATCH_POINT_GAP)
        points[i].error = p->message != NULL ? p->message : "";
      else
        {
          points[i].value = p->totals != NULL ? p->totals[index] : 0;
          points[i].restart = p->restart;
        }
    }
  ppv_watch_timeline_set_points (self->timeline, points, n,
                                 ppv_watch_series_get_n_sample_types (self->series) > 0
                                   ? ppv_watch_series_get_sample_unit (self->series, index) : NULL,
                                 ppv_watch_series_get_n_sample_types (self->series) > 0
                                   ? ppv_watch_series_get_sample_type (self->series, index) : NULL);
}

static void
show_selected_series (PpvWatchView *self)
{
  PpvGrowthRow *row = ppv_growth_table_get_selected (self->table);
  g_autofree gint64 *values = NULL;
  guint n = 0;

  if (row != NULL && self->series != NULL)
    values = ppv_watch_series_dup_node_values (self->series, ppv_growth_row_get_name (row), &n);
  ppv_watch_timeline_set_series (self->timeline, values != NULL ? ppv_growth_row_get_name (row) : NULL, values, n);
}

/* The ranking and the table's rows run in a worker: with thousands of
 * nodes ranking, formatting and allocating a row each take tens of
 * milliseconds.  The worker reads a frozen copy of the series, which the
 * main thread's new snapshots leave alone. */
static void
build_rows_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  PpvWatchFrozen *frozen = task_data;
  guint a = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "ppv-a"));
  guint b = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "ppv-b"));
  g_autoptr(PpvWatchRanking) ranking = ppv_watch_frozen_rank (frozen, a, b);
  const char *unit = g_object_get_data (G_OBJECT (task), "ppv-unit");
  PpvGrowthSort key = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "ppv-sort"));
  gboolean descending = g_object_get_data (G_OBJECT (task), "ppv-descending") != NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = ppv_watch_ranking_get_n_rows (ranking);

  for (guint i = 0; i < n; i++)
    {
      const PpvWatchGrowthRow *r = ppv_watch_ranking_get_row (ranking, i);

      if ((i & 255) == 0 && g_cancellable_is_cancelled (cancellable))
        break;
      g_ptr_array_add (rows, ppv_growth_row_new (r->name, unit, r->value_a, r->value_b, r->slope,
                                                 r->grew, r->n_intervals, r->values, r->n_intervals + 1));
    }
  ppv_growth_rows_sort (rows, key, descending);
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, g_steal_pointer (&rows), (GDestroyNotify) g_ptr_array_unref);
}

static void
free_rows_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_ptr_array_unref (task_data);
}

/* Thousands of rows with their strings take a while to free. */
static void
free_rows_later (GPtrArray *rows)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_task_data (task, rows, NULL);
  g_task_run_in_thread (task, free_rows_thread);
}

static void
rows_built_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  PpvWatchView *self = PPV_WATCH_VIEW (object);
  GPtrArray *rows = g_task_propagate_pointer (G_TASK (result), NULL);
  gint64 start = g_get_monotonic_time ();

  if (rows == NULL)
    return;   /* replaced by a newer ranking */
  g_clear_object (&self->rows_cancellable);
  ppv_growth_table_set_rows (self->table, rows);
  gtk_stack_set_visible_child_name (self->table_stack, rows->len > 0 ? "table" : "empty");
  show_selected_series (self);
  g_debug ("watch view: %u growth rows shown in %.1f ms", rows->len,
           (g_get_monotonic_time () - start) / 1000.0);
  free_rows_later (rows);
}

static void
update_ranking (PpvWatchView *self)
{
  int a = ppv_watch_timeline_get_marker (self->timeline, PPV_TIMELINE_MARKER_A);
  int b = ppv_watch_timeline_get_marker (self->timeline, PPV_TIMELINE_MARKER_B);
  g_autoptr(GTask) task = NULL;
  guint index;

  /* Cancel and replace: a late result never lands. */
  g_cancellable_cancel (self->rows_cancellable);
  g_clear_object (&self->rows_cancellable);

  if (a < 0 || b < 0 || a == b)
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      ppv_growth_table_set_rows (self->table, none);
      gtk_stack_set_visible_child_name (self->table_stack, "empty");
      return;
    }

  index = ppv_watch_series_get_sample_index (self->series);

  self->rows_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->rows_cancellable, rows_built_cb, NULL);
  g_task_set_source_tag (task, update_ranking);
  g_object_set_data_full (G_OBJECT (task), "ppv-unit",
                          g_strdup (ppv_watch_series_get_sample_unit (self->series, index)), g_free);
  {
    gboolean descending;
    PpvGrowthSort key = ppv_growth_table_get_sort (self->table, &descending);

    g_object_set_data (G_OBJECT (task), "ppv-sort", GINT_TO_POINTER (key));
    g_object_set_data (G_OBJECT (task), "ppv-descending", GINT_TO_POINTER (descending));
  }
  g_object_set_data (G_OBJECT (task), "ppv-a", GUINT_TO_POINTER (MIN (a, b)));
  g_object_set_data (G_OBJECT (task), "ppv-b", GUINT_TO_POINTER (MAX (a, b)));
  g_task_set_task_data (task, ppv_watch_series_freeze (self->series), (GDestroyNotify) ppv_watch_frozen_unref);
  g_task_run_in_thread (task, build_rows_thread);
}

/* --- Sample types -------------------------------------------------------- */

/* The drop-down lists the series' sample types with its own selected. */
static void
update_types (PpvWatchView *self)
{
  guint n = ppv_watch_series_get_n_sample_types (self->series);
  guint n_listed = g_list_model_get_n_items (G_LIST_MODEL (self->type_list));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (names, (gpointer) ppv_watch_series_get_sample_type (self->series, i));
  g_ptr_array_add (names, NULL);

  self->setting_type = TRUE;
  if (n != n_listed)
    gtk_string_list_splice (self->type_list, 0, n_listed, (const char * const *) names->pdata);
  if (n > 0)
    gtk_drop_down_set_selected (self->type_dropdown, ppv_watch_series_get_sample_index (self->series));
  self->setting_type = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->type_dropdown), n > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->runtime_label),
                          ppv_watch_series_get_runtime_hidden (self->series));
}

static void
rebuilt_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PpvWatchView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvWatchSeries) series = ppv_watch_series_rebuild_finish (PPV_WATCH_SERIES (object), result, &error);

  if (series == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("%s", error->message);
      return;
    }
  g_clear_object (&self->rebuild_cancellable);
  set_series (self, series);
}

/* Another sample type: the watcher re-reads its files (and replaces its
 * series), a finished session is rebuilt here; both in workers. */
static void
type_selected_cb (PpvWatchView *self)
{
  guint selected = gtk_drop_down_get_selected (self->type_dropdown);
  PpvReportOptions options;

  if (self->setting_type || self->series == NULL || selected == GTK_INVALID_LIST_POSITION
      || selected == ppv_watch_series_get_sample_index (self->series))
    return;

  ppv_report_options_copy (&options, ppv_watch_series_get_options (self->series));
  g_free (options.sample_index);
  options.sample_index = g_strdup (ppv_watch_series_get_sample_type (self->series, selected));
  if (self->watcher != NULL)
    ppv_watcher_set_report_options (self->watcher, &options);
  else
    {
      g_cancellable_cancel (self->rebuild_cancellable);
      g_clear_object (&self->rebuild_cancellable);
      self->rebuild_cancellable = g_cancellable_new ();
      ppv_watch_series_rebuild_async (self->series, &options, self->rebuild_cancellable, rebuilt_cb,
                                      g_object_ref (self));
    }
  ppv_report_options_clear (&options);
}

static gboolean
update_idle_cb (gpointer user_data)
{
  PpvWatchView *self = user_data;
  gint64 start = g_get_monotonic_time ();

  self->update_id = 0;
  if (self->series == NULL)
    return G_SOURCE_REMOVE;

  update_types (self);
  self->updating = TRUE;
  update_timeline (self);
  self->updating = FALSE;
  update_ranking (self);
  update_range (self);
  update_state (self);
  show_selected_series (self);
  g_debug ("watch view: %u points, ranked in %.1f ms", ppv_watch_series_get_n_points (self->series),
           (g_get_monotonic_time () - start) / 1000.0);
  return G_SOURCE_REMOVE;
}

static void
queue_update (PpvWatchView *self)
{
  if (self->update_id == 0)
    self->update_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, update_idle_cb, self, NULL);
}

static void
markers_changed_cb (PpvWatchView *self)
{
  update_range (self);
  /* New points move B along: the update under way ranks that already. */
  if (!self->updating)
    queue_update (self);
}

static void
sort_changed_cb (PpvWatchView *self)
{
  queue_update (self);
}

static void
row_selected_cb (PpvWatchView *self)
{
  show_selected_series (self);
}

static void
snapshot_activated_cb (PpvWatchView *self,
                       guint         snapshot)
{
  const PpvWatchPoint *point;

  if (self->series == NULL || snapshot >= ppv_watch_series_get_n_snapshots (self->series))
    return;
  point = ppv_watch_series_get_snapshot (self->series, snapshot);
  if (point->path != NULL)
    g_signal_emit (self, signals[SIGNAL_OPEN_SNAPSHOT], 0, point->path);
}

/* --- The watcher --------------------------------------------------------- */

static void
point_added_cb (PpvWatchView *self)
{
  queue_update (self);
}

static void
set_series (PpvWatchView   *self,
            PpvWatchSeries *series)
{
  if (self->series == series)
    return;
  g_clear_signal_handler (&self->point_added_id, self->series);
  g_set_object (&self->series, series);
  if (series != NULL)
    self->point_added_id = g_signal_connect_object (series, "point-added", G_CALLBACK (point_added_cb), self,
                                                    G_CONNECT_SWAPPED);
  queue_update (self);
}

static void
watcher_series_cb (PpvWatchView *self)
{
  set_series (self, ppv_watcher_get_series (self->watcher));
}

static void
interval_changed_cb (PpvWatchView *self)
{
  guint seconds = (guint) gtk_spin_button_get_value_as_int (self->interval_spin);

  if (self->setting_interval || self->watcher == NULL)
    return;
  ppv_watcher_set_interval (self->watcher, seconds);
  ppv_app_settings_set_int ("watch-interval", (int) seconds);
  update_state (self);
}

void
ppv_watch_view_set_watcher (PpvWatchView *self,
                            PpvWatcher   *watcher)
{
  g_return_if_fail (PPV_IS_WATCH_VIEW (self));
  g_return_if_fail (PPV_IS_WATCHER (watcher));

  if (self->watcher != NULL)
    g_signal_handlers_disconnect_by_data (self->watcher, self);
  g_set_object (&self->watcher, watcher);
  g_signal_connect_object (watcher, "notify::state", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (watcher, "notify::next-fetch-time", G_CALLBACK (update_countdown), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (watcher, "notify::series", G_CALLBACK (watcher_series_cb), self, G_CONNECT_SWAPPED);

  self->setting_interval = TRUE;
  gtk_spin_button_set_value (self->interval_spin, ppv_watcher_get_interval (watcher));
  self->setting_interval = FALSE;

  set_series (self, ppv_watcher_get_series (watcher));
  update_state (self);
}

void
ppv_watch_view_set_series (PpvWatchView   *self,
                           PpvWatchSeries *series)
{
  g_return_if_fail (PPV_IS_WATCH_VIEW (self));
  g_return_if_fail (PPV_IS_WATCH_SERIES (series));

  ppv_watch_view_stop (self);
  if (self->watcher != NULL)
    g_signal_handlers_disconnect_by_data (self->watcher, self);
  g_clear_object (&self->watcher);
  set_series (self, series);
  update_state (self);
}

PpvWatcher *
ppv_watch_view_get_watcher (PpvWatchView *self)
{
  g_return_val_if_fail (PPV_IS_WATCH_VIEW (self), NULL);
  return self->watcher;
}

PpvWatchSeries *
ppv_watch_view_get_series (PpvWatchView *self)
{
  g_return_val_if_fail (PPV_IS_WATCH_VIEW (self), NULL);
  return self->series;
}

const char *
ppv_watch_view_get_summary (PpvWatchView *self)
{
  g_return_val_if_fail (PPV_IS_WATCH_VIEW (self), NULL);
  return self->summary;
}

void
ppv_watch_view_stop (PpvWatchView *self)
{
  g_return_if_fail (PPV_IS_WATCH_VIEW (self));

  if (self->watcher != NULL && ppv_watcher_get_state (self->watcher) != PPV_WATCH_STATE_STOPPED)
    ppv_watcher_stop (self->watcher);
}

void
_ppv_watch_view_emit_compare (PpvWatchView *self,
                              const char   *path_a,
                              const char   *path_b)
{
  g_signal_emit (self, signals[SIGNAL_COMPARE], 0, path_a, path_b);
}

/* --- GObject ------------------------------------------------------------- */

static void
ppv_watch_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PpvWatchView *self = PPV_WATCH_VIEW (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ppv_watch_view_dispose (GObject *object)
{
  PpvWatchView *self = PPV_WATCH_VIEW (object);
  GtkWidget *child;

  /* A closed tab stops its watch; what was fetched stays on disk. */
  if (self->watcher != NULL)
    {
      ppv_watch_view_stop (self);
      g_signal_handlers_disconnect_by_data (self->watcher, self);
    }
  g_clear_handle_id (&self->update_id, g_source_remove);
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  g_cancellable_cancel (self->rows_cancellable);
  g_clear_object (&self->rows_cancellable);
  g_cancellable_cancel (self->rebuild_cancellable);
  g_clear_object (&self->rebuild_cancellable);
  g_clear_signal_handler (&self->point_added_id, self->series);
  gtk_widget_dispose_template (GTK_WIDGET (self), PPV_TYPE_WATCH_VIEW);
  /* The template's unbound top box goes too (dispose_template only
   * unparents bound children). */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->watcher);
  g_clear_object (&self->series);

  G_OBJECT_CLASS (ppv_watch_view_parent_class)->dispose (object);
}

static void
ppv_watch_view_finalize (GObject *object)
{
  g_free (PPV_WATCH_VIEW (object)->summary);

  G_OBJECT_CLASS (ppv_watch_view_parent_class)->finalize (object);
}

static void
ppv_watch_view_class_init (PpvWatchViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ppv_watch_view_get_property;
  object_class->dispose = ppv_watch_view_dispose;
  object_class->finalize = ppv_watch_view_finalize;

  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_OPEN_SNAPSHOT] =
    g_signal_new ("open-snapshot", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_COMPARE] =
    g_signal_new ("compare", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  _ppv_watch_view_class_actions_init (widget_class);

  g_type_ensure (PPV_TYPE_WATCH_TIMELINE);
  g_type_ensure (PPV_TYPE_GROWTH_TABLE);

  ppv_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pprofviewer/PprofViewer/ppv-watch-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PpvWatchView, state_icon);
  gtk_widget_class_bind_template_child (widget_class, PpvWatchView, state_label);
  gtk_widget_class_bind_template_child (widget_class, PpvWatchView, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, PpvWatchView, interval_box);
  gtk_widget_class_bind_template_child (widget_class, PpvWatchView, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, PpvWatchView, baseline_button);
  gtk_widget_class_bind_template_child (widget_class, PpvWatchView, run_box);
  gtk_widget_class_bind_template_child (widget_class, PpvWatchView, pause_button);
  gtk_widget_class_bind_template_child (widget_class, PpvWatchView, timeline);
  gtk_widget_class_bind_template_child (widget_class, PpvWatchView, range_label);
  gtk_widget_class_bind_template_child (widget_class, PpvWatchView, runtime_label);
  gtk_widget_class_bind_template_child (widget_class, PpvWatchView, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PpvWatchView, type_list);
  gtk_widget_class_bind_template_child (widget_class, PpvWatchView, table_stack);
  gtk_widget_class_bind_template_child (widget_class, PpvWatchView, table);
  gtk_widget_class_bind_template_callback (widget_class, interval_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, markers_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, snapshot_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, type_selected_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ppv_watch_view_init (PpvWatchView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->table_stack, "empty");
  update_range (self);
  update_state (self);
}

GtkWidget *
ppv_watch_view_new (void)
{
  return g_object_new (PPV_TYPE_WATCH_VIEW, NULL);
}
