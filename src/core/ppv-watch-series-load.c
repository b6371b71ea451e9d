/* ppv-watch-series-load.c — a watch series built again from its files: for other options, or from a session folder.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "ppv-watch-series.h"

#include "ppv-error.h"
#include "ppv-watch-session.h"

/* One point to rebuild: a snapshot's file or a gap's message. */
typedef struct
{
  PpvWatchPointKind kind;
  gint64            time;
  guint             number;
  char             *path;
  char             *message;
} Item;

static void
item_clear (Item *item)
{
  g_free (item->path);
  g_free (item->message);
}

static GArray *
items_new (void)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (Item));

  g_array_set_clear_func (items, (GDestroyNotify) item_clear);
  return items;
}

typedef struct
{
  GArray           *items;
  PpvReportOptions  options;
  char             *directory;
  char             *uri;
} BuildData;

static void
build_data_free (BuildData *data)
{
  if (data->items != NULL)
    g_array_unref (data->items);
  ppv_report_options_clear (&data->options);
  g_free (data->directory);
  g_free (data->uri);
  g_free (data);
}

/* Reads every snapshot file in turn: one decoded profile in memory at a
 * time, dropped as soon as its numbers are taken. */
static PpvWatchSeries *
build_series (GArray                 *items,
              const PpvReportOptions *options,
              const char             *directory,
              const char             *uri,
              GCancellable           *cancellable,
              GError                **error)
{
  g_autoptr(PpvWatchSeries) series = ppv_watch_series_new (options);

  ppv_watch_series_set_session (series, directory, uri);
  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);
      g_autoptr(PpvWatchValues) values = NULL;
      g_autoptr(GError) local_error = NULL;

      if (item->kind == PPV_WATCH_POINT_GAP)
        {
          ppv_watch_series_add_gap (series, item->time, item->message);
          continue;
        }
      values = ppv_watch_values_new_for_path (item->path, options, cancellable, &local_error);
      if (values == NULL || !ppv_watch_series_add_snapshot (series, values, item->number, item->path,
                                                            item->time, NULL, &local_error))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          /* A bad sample index or filter is the options' fault, the same
           * for every file: fail rather than make every point a gap. */
          if (local_error->domain == PPV_REPORT_ERROR && local_error->code != PPV_REPORT_ERROR_INCOMPATIBLE)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          ppv_watch_series_add_gap (series, item->time, local_error->message);
        }
    }
  return g_steal_pointer (&series);
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BuildData *data = task_data;
  GError *error = NULL;
  PpvWatchSeries *series;

  series = build_series (data->items, &data->options, data->directory, data->uri, cancellable, &error);
  if (series == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, series, g_object_unref);
}

void
ppv_watch_series_rebuild_async (PpvWatchSeries         *self,
                                const PpvReportOptions *options,
                                GCancellable           *cancellable,
                                GAsyncReadyCallback     callback,
                                gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  BuildData *data;

  g_return_if_fail (PPV_IS_WATCH_SERIES (self));

  data = g_new0 (BuildData, 1);
  data->items = items_new ();
  ppv_report_options_init (&data->options);
  if (options != NULL)
    ppv_report_options_copy (&data->options, options);
  data->directory = g_strdup (ppv_watch_series_get_directory (self));
  data->uri = g_strdup (ppv_watch_series_get_uri (self));
  for (guint i = 0; i < ppv_watch_series_get_n_points (self); i++)
    {
      const PpvWatchPoint *point = ppv_watch_series_get_point (self, i);
      Item item = { point->kind, point->time, point->number, g_strdup (point->path),
                    g_strdup (point->message) };

      g_array_append_val (data->items, item);
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ppv_watch_series_rebuild_async);
  g_task_set_task_data (task, data, (GDestroyNotify) build_data_free);
  g_task_run_in_thread (task, build_thread);
}

PpvWatchSeries *
ppv_watch_series_rebuild_finish (PpvWatchSeries  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *ia = a, *ib = b;

  if (ia->time != ib->time)
    return ia->time < ib->time ? -1 : 1;
  /* Snapshot times read from file names lose their fraction of a second:
   * in the same second a snapshot goes before a gap, and in number order. */
  if (ia->kind != ib->kind)
    return ia->kind == PPV_WATCH_POINT_SNAPSHOT ? -1 : 1;
  return ia->number < ib->number ? -1 : ia->number > ib->number;
}

/* The points of @directory: its snapshot files (times from the manifest,
 * or from the names of files it does not list yet) and the manifest's gaps. */
static GArray *
collect_items (const char        *directory,
               PpvWatchManifest  *manifest,
               GError           **error)
{
  g_autoptr(GArray) items = items_new ();
  g_autoptr(GHashTable) exact_times = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_snapshots = 0;

  dir = g_dir_open (directory, 0, error);
  if (dir == NULL)
    return NULL;

  for (guint i = 0; manifest != NULL && i < ppv_watch_manifest_get_n_events (manifest); i++)
    {
      const char *text;
      gint64 time;
      guint index;

      switch (ppv_watch_manifest_get_event (manifest, i, &time, &index, &text))
        {
        case PPV_WATCH_EVENT_SNAPSHOT:
          g_hash_table_insert (exact_times, GUINT_TO_POINTER (index), g_memdup2 (&time, sizeof time));
          break;
        case PPV_WATCH_EVENT_GAP:
          {
            Item item = { PPV_WATCH_POINT_GAP, time, 0, NULL, g_strdup (text) };
            g_array_append_val (items, item);
          }
          break;
        case PPV_WATCH_EVENT_RESTART:
        default:
          /* Found again from the numbers. */
          break;
        }
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gint64 time, *exact;
      guint number;
      Item item = { PPV_WATCH_POINT_SNAPSHOT, };

      if (!ppv_watch_session_parse_snapshot_name (name, &number, &time))
        continue;
      exact = g_hash_table_lookup (exact_times, GUINT_TO_POINTER (number));
      item.time = exact != NULL ? *exact : time;
      item.number = number;
      item.path = g_build_filename (directory, name, NULL);
      g_array_append_val (items, item);
      n_snapshots++;
    }

  if (n_snapshots == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "%s: no watch snapshots in this folder", directory);
      return NULL;
    }
  g_array_sort (items, compare_items);
  return g_steal_pointer (&items);
}

static BuildData *
folder_data_new (const char              *directory,
                 const PpvReportOptions  *options,
                 GError                 **error)
{
  g_autoptr(PpvWatchManifest) manifest = NULL;
  g_autoptr(GError) manifest_error = NULL;
  BuildData *data;
  GArray *items;

  /* A folder whose manifest is missing or damaged still has its
   * snapshots: only the gaps and exact times are lost. */
  manifest = ppv_watch_manifest_load (directory, &manifest_error);
  items = collect_items (directory, manifest, error);
  if (items == NULL)
    return NULL;

  data = g_new0 (BuildData, 1);
  data->items = items;
  ppv_report_options_init (&data->options);
  if (options != NULL)
    ppv_report_options_copy (&data->options, options);
  data->directory = g_strdup (directory);
  data->uri = manifest != NULL ? g_strdup (ppv_watch_manifest_get_uri (manifest)) : NULL;
  return data;
}

PpvWatchSeries *
ppv_watch_series_load_folder (const char              *directory,
                              const PpvReportOptions  *options,
                              GCancellable            *cancellable,
                              GError                 **error)
{
  BuildData *data;
  PpvWatchSeries *series;

  g_return_val_if_fail (directory != NULL, NULL);

  data = folder_data_new (directory, options, error);
  if (data == NULL)
    return NULL;
  series = build_series (data->items, &data->options, data->directory, data->uri, cancellable, error);
  build_data_free (data);
  return series;
}

static void
load_folder_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  const char *directory = task_data;
  const PpvReportOptions *options = g_object_get_data (G_OBJECT (task), "options");
  GError *error = NULL;
  PpvWatchSeries *series = ppv_watch_series_load_folder (directory, options, cancellable, &error);

  if (series == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, series, g_object_unref);
}

void
ppv_watch_series_load_folder_async (const char              *directory,
                                    const PpvReportOptions  *options,
                                    GCancellable            *cancellable,
                                    GAsyncReadyCallback      callback,
                                    gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (directory != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ppv_watch_series_load_folder_async);
  g_task_set_task_data (task, g_strdup (directory), g_free);
  g_object_set_data_full (G_OBJECT (task), "options", ppv_report_options_dup (options),
                          (GDestroyNotify) ppv_report_options_free);
  g_task_run_in_thread (task, load_folder_thread);
}

PpvWatchSeries *
ppv_watch_series_load_folder_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
