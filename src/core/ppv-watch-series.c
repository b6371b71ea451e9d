/* ppv-watch-series.c — the compact timeline of one watch session and its growth ranking.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "ppv-watch-series.h"
#include "ppv-watch-series-private.h"

#include "ppv-error.h"
#include "ppv-reader.h"
#include "ppv-report-context.h"
#include "ppv-report-private.h"
#include "ppv-units.h"
#include "ppv-watch-session.h"

/* --- One snapshot's numbers ------------------------------------------- */

struct _PpvWatchValues
{
  gint          ref_count;
  GStringChunk *strings;
  guint         n_types;
  const char  **types;          /* interned in @strings */
  const char  **units;
  gint64       *totals;
  guint         sample_index;
  guint         n_nodes;
  const char  **names;
  gint64       *flat;
  /* What tells one process from the next: see is_restart(). */
  const char   *build_id;
  guint64       main_start;
  gboolean      runtime_hidden;
};

G_DEFINE_BOXED_TYPE (PpvWatchValues, ppv_watch_values, ppv_watch_values_ref, ppv_watch_values_unref)

PpvWatchValues *
ppv_watch_values_ref (PpvWatchValues *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ppv_watch_values_unref (PpvWatchValues *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_string_chunk_free (self->strings);
  g_free (self->types);
  g_free (self->units);
  g_free (self->totals);
  g_free (self->names);
  g_free (self->flat);
  g_free (self);
}

/* A goroutine (or a thread's creation) always ends in the runtime that
 * parks it (runtime.gopark, selectgo, ...): by flat value every stack
 * counts there, and the growth ranking would name runtime.gopark for any
 * leak.  Hiding the runtime's frames, as --hide='^runtime\.' does, counts
 * each stack in its deepest frame outside the runtime: where it waits.
 * Filters the user chose apply as given instead. */
gboolean
ppv_watch_hides_runtime (PpvProfile             *profile,
                         const PpvReportOptions *options)
{
  gboolean stacks_of_waiting = FALSE;

  g_return_val_if_fail (profile != NULL, FALSE);

  for (guint t = 0; t < profile->n_sample_types; t++)
    if (g_strcmp0 (profile->sample_types[t].type, "goroutine") == 0 ||
        g_strcmp0 (profile->sample_types[t].type, "threadcreate") == 0)
      stacks_of_waiting = TRUE;
  if (!stacks_of_waiting)
    return FALSE;
  return options == NULL ||
         (options->focus == NULL && options->ignore == NULL && options->hide == NULL &&
          options->show == NULL && options->show_from == NULL);
}

PpvWatchValues *
ppv_watch_values_new (PpvProfile             *profile,
                      const PpvReportOptions *options,
                      GCancellable           *cancellable,
                      GError                **error)
{
  PpvReportOptions untrimmed;
  g_autoptr(PpvReport) report = NULL;
  PpvWatchValues *self;
  guint n_rows, kept = 0;
  gboolean hide_runtime;

  g_return_val_if_fail (profile != NULL, NULL);

  /* Every node, not the top 80 or those above the node fraction: a leak
   * starts small.  Trimming changes which rows are shown, not their flat
   * values, so each value is the one `--top` prints when it shows it. */
  ppv_report_options_init (&untrimmed);
  if (options != NULL)
    ppv_report_options_copy (&untrimmed, options);
  untrimmed.trim = FALSE;
  untrimmed.nodecount = 0;
  hide_runtime = ppv_watch_hides_runtime (profile, options);
  if (hide_runtime)
    untrimmed.hide = g_strdup (PPV_WATCH_RUNTIME_HIDE);
  report = ppv_report_new (profile, &untrimmed, PPV_REPORT_KIND_TEXT, cancellable, error);
  ppv_report_options_clear (&untrimmed);
  if (report == NULL)
    return NULL;

  self = g_new0 (PpvWatchValues, 1);
  self->ref_count = 1;
  self->strings = g_string_chunk_new (4096);
  self->runtime_hidden = hide_runtime;
  self->n_types = profile->n_sample_types;
  self->types = g_new0 (const char *, self->n_types);
  self->units = g_new0 (const char *, self->n_types);
  self->totals = g_new0 (gint64, self->n_types);
  for (guint t = 0; t < self->n_types; t++)
    {
      self->types[t] = g_string_chunk_insert_const (self->strings, profile->sample_types[t].type);
      self->units[t] = g_string_chunk_insert_const (self->strings, profile->sample_types[t].unit);
    }
  for (guint32 s = 0; s < profile->n_samples; s++)
    {
      const gint64 *values = ppv_profile_sample_values (profile, s);

      for (guint t = 0; t < self->n_types; t++)
        self->totals[t] += values[t];
    }
  self->sample_index = _ppv_report_context_get_sample_index (_ppv_report_get_context (report));

  n_rows = ppv_report_get_n_rows (report);
  self->names = g_new (const char *, MAX (n_rows, 1));
  self->flat = g_new (gint64, MAX (n_rows, 1));
  for (guint i = 0; i < n_rows; i++)
    {
      const PpvReportRow *row = ppv_report_get_row (report, i);

      /* A node with no flat value anywhere never ranks: not kept. */
      if (row->flat == 0)
        continue;
      self->names[kept] = g_string_chunk_insert_const (self->strings, row->name);
      self->flat[kept] = row->flat;
      kept++;
    }
  self->n_nodes = kept;

  if (profile->n_mappings > 0)
    {
      self->build_id = profile->mappings[0].build_id != NULL
                       ? g_string_chunk_insert_const (self->strings, profile->mappings[0].build_id)
                       : NULL;
      self->main_start = profile->mappings[0].memory_start;
    }
  return self;
}

PpvWatchValues *
ppv_watch_values_new_for_path (const char             *path,
                               const PpvReportOptions *options,
                               GCancellable           *cancellable,
                               GError                **error)
{
  g_autoptr(PpvProfile) profile = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  profile = ppv_profile_read_path (path, NULL, cancellable, error);
  if (profile == NULL)
    return NULL;
  return ppv_watch_values_new (profile, options, cancellable, error);
}

/* --- The series ---------------------------------------------------------- */

typedef PpvWatchEntry Entry;

struct _PpvWatchSeries
{
  GObject           parent_instance;

  PpvReportOptions  options;
  char             *directory;
  char             *uri;

  GStringChunk     *strings;
  GHashTable       *name_ids;     /* interned name -> id + 1 */
  GPtrArray        *names;        /* id -> interned name */

  guint             n_types;
  const char      **types;        /* interned */
  const char      **units;
  guint             sample_index;
  gboolean          runtime_hidden;

  GPtrArray        *points;       /* Entry*, time order */
  GPtrArray        *snapshots;    /* Entry* of the snapshots (borrowed) */

  /* The last snapshot's values, dense by id, to store the next one's
   * changes; the ids among them that are non-zero; a stamp per id. */
  GArray           *current;      /* gint64 */
  GArray           *live;         /* guint32 */
  GArray           *seen;         /* guint */
  guint             stamp;
};

G_DEFINE_FINAL_TYPE (PpvWatchSeries, ppv_watch_series, G_TYPE_OBJECT)

enum
{
  POINT_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
entry_free (Entry *entry)
{
  g_free (entry->path);
  g_free (entry->message);
  g_free (entry->totals);
  g_free (entry->ids);
  g_free (entry->flat);
  g_free (entry);
}

static void
ppv_watch_series_finalize (GObject *object)
{
  PpvWatchSeries *self = PPV_WATCH_SERIES (object);

  ppv_report_options_clear (&self->options);
  g_free (self->directory);
  g_free (self->uri);
  g_ptr_array_unref (self->snapshots);
  g_ptr_array_unref (self->points);
  g_array_unref (self->current);
  g_array_unref (self->live);
  g_array_unref (self->seen);
  g_hash_table_unref (self->name_ids);
  g_ptr_array_unref (self->names);
  g_free (self->types);
  g_free (self->units);
  g_string_chunk_free (self->strings);

  G_OBJECT_CLASS (ppv_watch_series_parent_class)->finalize (object);
}

static void
ppv_watch_series_class_init (PpvWatchSeriesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ppv_watch_series_finalize;

  signals[POINT_ADDED] =
    g_signal_new ("point-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
ppv_watch_series_init (PpvWatchSeries *self)
{
  ppv_report_options_init (&self->options);
  self->strings = g_string_chunk_new (4096);
  self->name_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->names = g_ptr_array_new ();
  self->points = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->snapshots = g_ptr_array_new ();
  self->current = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->live = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->seen = g_array_new (FALSE, TRUE, sizeof (guint));
}

PpvWatchSeries *
ppv_watch_series_new (const PpvReportOptions *options)
{
  PpvWatchSeries *self = g_object_new (PPV_TYPE_WATCH_SERIES, NULL);

  if (options != NULL)
    ppv_report_options_copy (&self->options, options);
  return self;
}

const PpvReportOptions *
ppv_watch_series_get_options (PpvWatchSeries *self)
{
  g_return_val_if_fail (PPV_IS_WATCH_SERIES (self), NULL);

  return &self->options;
}

const char *
ppv_watch_series_get_directory (PpvWatchSeries *self)
{
  g_return_val_if_fail (PPV_IS_WATCH_SERIES (self), NULL);

  return self->directory;
}

const char *
ppv_watch_series_get_uri (PpvWatchSeries *self)
{
  g_return_val_if_fail (PPV_IS_WATCH_SERIES (self), NULL);

  return self->uri;
}

void
ppv_watch_series_set_session (PpvWatchSeries *self,
                              const char     *directory,
                              const char     *uri)
{
  g_return_if_fail (PPV_IS_WATCH_SERIES (self));

  g_free (self->directory);
  self->directory = g_strdup (directory);
  g_free (self->uri);
  self->uri = g_strdup (uri);
}

guint
ppv_watch_series_get_n_sample_types (PpvWatchSeries *self)
{
  g_return_val_if_fail (PPV_IS_WATCH_SERIES (self), 0);

  return self->n_types;
}

const char *
ppv_watch_series_get_sample_type (PpvWatchSeries *self,
                                  guint           index)
{
  g_return_val_if_fail (PPV_IS_WATCH_SERIES (self), NULL);
  g_return_val_if_fail (index < self->n_types, NULL);

  return self->types[index];
}

const char *
ppv_watch_series_get_sample_unit (PpvWatchSeries *self,
                                  guint           index)
{
  g_return_val_if_fail (PPV_IS_WATCH_SERIES (self), NULL);
  g_return_val_if_fail (index < self->n_types, NULL);

  return self->units[index];
}

gboolean
ppv_watch_series_get_runtime_hidden (PpvWatchSeries *self)
{
  g_return_val_if_fail (PPV_IS_WATCH_SERIES (self), FALSE);

  return self->runtime_hidden;
}

guint
ppv_watch_series_get_sample_index (PpvWatchSeries *self)
{
  g_return_val_if_fail (PPV_IS_WATCH_SERIES (self), 0);

  return self->sample_index;
}

char *
ppv_watch_series_format_value (PpvWatchSeries *self,
                               gint64          value,
                               gboolean        sign)
{
  g_autofree char *label = NULL;
  const char *unit;

  g_return_val_if_fail (PPV_IS_WATCH_SERIES (self), NULL);

  unit = self->n_types > 0 ? self->units[self->sample_index] : "count";
  /* --unit as the reports take it, so a script can compare numbers. */
  label = ppv_unit_scaled_label (value, unit, self->options.unit != NULL ? self->options.unit : "auto");
  return sign && value > 0 ? g_strconcat ("+", label, NULL) : g_steal_pointer (&label);
}

guint
ppv_watch_series_get_n_points (PpvWatchSeries *self)
{
  g_return_val_if_fail (PPV_IS_WATCH_SERIES (self), 0);

  return self->points->len;
}

const PpvWatchPoint *
ppv_watch_series_get_point (PpvWatchSeries *self,
                            guint           position)
{
  g_return_val_if_fail (PPV_IS_WATCH_SERIES (self), NULL);
  g_return_val_if_fail (position < self->points->len, NULL);

  return &((Entry *) g_ptr_array_index (self->points, position))->point;
}

guint
ppv_watch_series_get_n_snapshots (PpvWatchSeries *self)
{
  g_return_val_if_fail (PPV_IS_WATCH_SERIES (self), 0);

  return self->snapshots->len;
}

const PpvWatchPoint *
ppv_watch_series_get_snapshot (PpvWatchSeries *self,
                               guint           snapshot)
{
  g_return_val_if_fail (PPV_IS_WATCH_SERIES (self), NULL);
  g_return_val_if_fail (snapshot < self->snapshots->len, NULL);

  return &((Entry *) g_ptr_array_index (self->snapshots, snapshot))->point;
}

gint64
ppv_watch_series_get_total (PpvWatchSeries *self,
                            guint           snapshot)
{
  g_return_val_if_fail (PPV_IS_WATCH_SERIES (self), 0);
  g_return_val_if_fail (snapshot < self->snapshots->len, 0);

  return ((Entry *) g_ptr_array_index (self->snapshots, snapshot))->totals[self->sample_index];
}

static guint32
intern_name (PpvWatchSeries *self,
             const char     *name)
{
  gpointer found = g_hash_table_lookup (self->name_ids, name);
  const char *copy;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;
  copy = g_string_chunk_insert_const (self->strings, name);
  g_ptr_array_add (self->names, (gpointer) copy);
  g_hash_table_insert (self->name_ids, (gpointer) copy, GUINT_TO_POINTER (self->names->len));
  g_array_set_size (self->current, self->names->len);
  g_array_set_size (self->seen, self->names->len);
  return self->names->len - 1;
}

/* Which sample types only ever grow while a process lives: Go's heap
 * profile counts allocations since the start (alloc_*), block and mutex
 * profiles add up contention (contentions, delay), and no thread is ever
 * un-created (threadcreate). */
static gboolean
is_cumulative_type (const char *type)
{
  return g_str_has_prefix (type, "alloc_") ||
         strcmp (type, "contentions") == 0 ||
         strcmp (type, "delay") == 0 ||
         strcmp (type, "threadcreate") == 0;
}

/* Go profiles carry no process start time (time_nanos is when the
 * profile was written), so a restart is read from what the process
 * cannot undo: a cumulative total that falls, or a different main binary
 * (its build ID, or where it was loaded, which moves for a PIE binary's
 * new process).  Goroutine and inuse_* values rise and fall in one
 * process, so a heap or goroutine profile restarting with the same binary
 * is noticed by its alloc_* totals, and a goroutine profile not at all. */
static gboolean
is_restart (PpvWatchSeries *self,
            const Entry    *previous,
            const Entry    *entry)
{
  if (previous->build_id != NULL && entry->build_id != NULL &&
      previous->build_id[0] != '\0' && entry->build_id[0] != '\0' &&
      strcmp (previous->build_id, entry->build_id) != 0)
    return TRUE;
  if (previous->main_start != 0 && entry->main_start != 0 && previous->main_start != entry->main_start)
    return TRUE;
  for (guint t = 0; t < self->n_types; t++)
    if (is_cumulative_type (self->types[t]) && entry->totals[t] < previous->totals[t])
      return TRUE;
  return FALSE;
}

/* Keeps @values in @entry (all of them, or the changes) and makes them
 * the current ones. */
static void
store_values (PpvWatchSeries *self,
              Entry          *entry,
              PpvWatchValues *values)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (guint32), values->n_nodes);
  g_autoptr(GArray) flat = g_array_sized_new (FALSE, FALSE, sizeof (gint64), values->n_nodes);
  g_autoptr(GArray) live = g_array_sized_new (FALSE, FALSE, sizeof (guint32), values->n_nodes);
  gint64 *current;
  guint *seen;

  entry->checkpoint = self->snapshots->len % CHECKPOINT_EVERY == 0;
  self->stamp++;
  for (guint i = 0; i < values->n_nodes; i++)
    {
      guint32 id = intern_name (self, values->names[i]);

      current = (gint64 *) (gpointer) self->current->data;
      seen = (guint *) (gpointer) self->seen->data;
      seen[id] = self->stamp;
      g_array_append_val (live, id);
      if (entry->checkpoint || current[id] != values->flat[i])
        {
          g_array_append_val (ids, id);
          g_array_append_val (flat, values->flat[i]);
          current[id] = values->flat[i];
        }
    }
  current = (gint64 *) (gpointer) self->current->data;
  seen = (guint *) (gpointer) self->seen->data;
  for (guint i = 0; i < self->live->len; i++)
    {
      guint32 id = g_array_index (self->live, guint32, i);
      gint64 zero = 0;

      if (seen[id] == self->stamp)
        continue;
      current[id] = 0;
      if (!entry->checkpoint)
        {
          g_array_append_val (ids, id);
          g_array_append_val (flat, zero);
        }
    }
  g_array_unref (self->live);
  self->live = g_steal_pointer (&live);

  entry->n_nodes = ids->len;
  entry->ids = g_memdup2 (ids->data, sizeof (guint32) * MAX (ids->len, 1));
  entry->flat = g_memdup2 (flat->data, sizeof (gint64) * MAX (flat->len, 1));
}

static guint
append_entry (PpvWatchSeries *self,
              Entry          *entry)
{
  guint position = self->points->len;

  g_ptr_array_add (self->points, entry);
  if (entry->point.kind == PPV_WATCH_POINT_SNAPSHOT)
    g_ptr_array_add (self->snapshots, entry);
  return position;
}

gboolean
ppv_watch_series_add_snapshot (PpvWatchSeries *self,
                               PpvWatchValues *values,
                               guint           number,
                               const char     *path,
                               gint64          time,
                               guint          *out_snapshot,
                               GError        **error)
{
  Entry *entry;
  guint position;

  g_return_val_if_fail (PPV_IS_WATCH_SERIES (self), FALSE);
  g_return_val_if_fail (values != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->snapshots->len == 0 && self->n_types == 0)
    {
      self->n_types = values->n_types;
      self->types = g_new0 (const char *, self->n_types);
      self->units = g_new0 (const char *, self->n_types);
      for (guint t = 0; t < self->n_types; t++)
        {
          self->types[t] = g_string_chunk_insert_const (self->strings, values->types[t]);
          self->units[t] = g_string_chunk_insert_const (self->strings, values->units[t]);
        }
      self->sample_index = values->sample_index;
      self->runtime_hidden = values->runtime_hidden;
    }
  else
    {
      gboolean same = values->n_types == self->n_types;

      for (guint t = 0; same && t < self->n_types; t++)
        same = strcmp (values->types[t], self->types[t]) == 0;
      if (!same)
        {
          g_autofree char *base = g_path_get_basename (path);

          g_set_error (error, PPV_REPORT_ERROR, PPV_REPORT_ERROR_INCOMPATIBLE,
                       "%s: not the same kind of profile as the earlier snapshots", base);
          return FALSE;
        }
    }

  entry = g_new0 (Entry, 1);
  entry->path = g_strdup (path);
  entry->totals = g_memdup2 (values->totals, sizeof (gint64) * MAX (values->n_types, 1));
  store_values (self, entry, values);
  entry->build_id = values->build_id != NULL ? g_string_chunk_insert_const (self->strings, values->build_id) : NULL;
  entry->main_start = values->main_start;

  entry->point.kind = PPV_WATCH_POINT_SNAPSHOT;
  entry->point.time = time;
  entry->point.snapshot = self->snapshots->len;
  entry->point.number = number;
  entry->point.path = entry->path;
  entry->point.totals = entry->totals;
  if (self->snapshots->len > 0)
    entry->point.restart = is_restart (self, g_ptr_array_index (self->snapshots, self->snapshots->len - 1),
                                       entry);

  position = append_entry (self, entry);
  if (out_snapshot != NULL)
    *out_snapshot = entry->point.snapshot;
  g_signal_emit (self, signals[POINT_ADDED], 0, position);
  return TRUE;
}

void
ppv_watch_series_add_gap (PpvWatchSeries *self,
                          gint64          time,
                          const char     *message)
{
  Entry *entry;
  guint position;

  g_return_if_fail (PPV_IS_WATCH_SERIES (self));

  entry = g_new0 (Entry, 1);
  entry->message = g_strdup (message != NULL ? message : "");
  entry->point.kind = PPV_WATCH_POINT_GAP;
  entry->point.time = time;
  entry->point.message = entry->message;
  position = append_entry (self, entry);
  g_signal_emit (self, signals[POINT_ADDED], 0, position);
}

gint64 *
ppv_watch_series_dup_node_values (PpvWatchSeries *self,
                                  const char     *name,
                                  guint          *n_values)
{
  gpointer found;
  gint64 *values;

  g_return_val_if_fail (PPV_IS_WATCH_SERIES (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  found = g_hash_table_lookup (self->name_ids, name);
  if (found == NULL)
    return NULL;
  values = g_new0 (gint64, MAX (self->snapshots->len, 1));
  for (guint s = 0; s < self->snapshots->len; s++)
    {
      const Entry *entry = g_ptr_array_index (self->snapshots, s);
      guint32 id = GPOINTER_TO_UINT (found) - 1;

      /* A checkpoint lists every non-zero value; otherwise unchanged. */
      values[s] = entry->checkpoint || s == 0 ? 0 : values[s - 1];
      for (guint i = 0; i < entry->n_nodes; i++)
        if (entry->ids[i] == id)
          {
            values[s] = entry->flat[i];
            break;
          }
    }
  if (n_values != NULL)
    *n_values = self->snapshots->len;
  return values;
}

PpvWatchFrozen *
ppv_watch_series_freeze (PpvWatchSeries *self)
{
  PpvWatchFrozen *frozen;

  g_return_val_if_fail (PPV_IS_WATCH_SERIES (self), NULL);

  /* Two pointer arrays (a few kB for thousands of nodes): the entries
   * and names they point to are never changed once added. */
  frozen = g_new0 (PpvWatchFrozen, 1);
  frozen->ref_count = 1;
  frozen->series = g_object_ref (self);
  frozen->n_snapshots = self->snapshots->len;
  frozen->snapshots = g_memdup2 (self->snapshots->pdata, sizeof (gpointer) * MAX (self->snapshots->len, 1));
  frozen->n_names = self->names->len;
  frozen->names = g_memdup2 (self->names->pdata, sizeof (gpointer) * MAX (self->names->len, 1));
  return frozen;
}
