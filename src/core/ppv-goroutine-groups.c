/* ppv-goroutine-groups.c — goroutines grouped by stack (and by creator or
 * state): where they wait, how many, since when, who started them.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each kept goroutine becomes one entry (its stack's hash, its labels);
 * sorting the entries by (outer key, hash) makes every group a run, so
 * 100k goroutines group without a lookup table per stack, and sorting a
 * group's run by wait gives its median.  Stacks with the same hash are
 * compared frame by frame: a collision never merges two stacks.
 */
#include <string.h>

#include "ppv-goroutine-groups.h"
#include "ppv-report-context.h"

#define CANCEL_CHECK_INTERVAL 4096
/* A summary names this many states or creators, then "…". */
#define MAX_SUMMARY_NAMES     3

typedef struct
{
  guint32     sample;
  guint32     group;      /* stack group, once assigned */
  guint64     hash;
  const char *outer;      /* creator or state when grouping by them */
  const char *state;
  const char *creator;
  gint64      wait;
  gint64      weight;
} Entry;

struct _PpvGoroutineGroups
{
  gint                  ref_count;
  PpvGoroutineGrouping  grouping;
  PpvProfile           *profile;      /* its strings back the titles */
  GStringChunk         *strings;
  GArray               *stacks;       /* PpvGoroutineGroup: one per stack (and outer key) */
  GArray               *top;          /* PpvGoroutineGroup: what is listed first */
  GArray               *children;     /* guint32 indices into stacks */
  GArray               *frames;       /* PpvGoroutineFrame */
  gint64                total;
  gboolean              has_states;
  char                **warnings;
};

G_DEFINE_BOXED_TYPE (PpvGoroutineGroups, ppv_goroutine_groups,
                     ppv_goroutine_groups_ref, ppv_goroutine_groups_unref)

gboolean
ppv_profile_is_goroutine (PpvProfile *profile)
{
  g_return_val_if_fail (profile != NULL, FALSE);

  return profile->n_sample_types == 1
         && g_strcmp0 (profile->sample_types[0].type, "goroutine") == 0;
}

/* --- Stacks --------------------------------------------------------------- */

typedef struct
{
  PpvProfile              *profile;
  const PpvFrameSelection *sel;
  GArray                  *scratch_a;   /* gint64 pairs: function, line */
  GArray                  *scratch_b;
} StackReader;

/* The kept frames of sample @s as (function, line) pairs, leaf first.  A
 * location without lines is its index, negated, with no line. */
static void
read_stack (StackReader *r,
            guint32      s,
            GArray      *out)
{
  const guint32 *stack = r->profile->stacks + r->profile->samples[s].stack_offset;
  const PpvFrameSelection *sel = r->sel;

  g_array_set_size (out, 0);
  for (guint32 i = _ppv_frame_selection_sample_start (sel, s); i < sel->sample_depth[s]; i++)
    {
      guint32 loc = stack[i];

      for (guint32 k = sel->loc_lines_offset[loc]; k < sel->loc_lines_offset[loc + 1]; k++)
        {
          guint32 li = sel->loc_lines[k];
          gint64 pair[2];

          if (li == PPV_NONE)
            {
              pair[0] = -(gint64) loc - 1;
              pair[1] = 0;
            }
          else
            {
              pair[0] = r->profile->lines[li].function;
              pair[1] = r->profile->lines[li].line;
            }
          g_array_append_vals (out, pair, 2);
        }
    }
}

static guint64
hash_stack (GArray *pairs)
{
  guint64 h = 14695981039346656037ull;

  for (guint i = 0; i < pairs->len; i++)
    {
      h ^= (guint64) g_array_index (pairs, gint64, i);
      h *= 1099511628211ull;
      h ^= h >> 29;
    }
  return h;
}

static gboolean
same_stack (StackReader *r,
            guint32      a,
            guint32      b)
{
  read_stack (r, a, r->scratch_a);
  read_stack (r, b, r->scratch_b);
  return r->scratch_a->len == r->scratch_b->len
         && memcmp (r->scratch_a->data, r->scratch_b->data, r->scratch_a->len * sizeof (gint64)) == 0;
}

/* Appends sample @s's kept frames to self->frames. */
static void
add_frames (PpvGoroutineGroups *self,
            StackReader        *r,
            guint32             s,
            PpvGoroutineGroup  *group)
{
  PpvProfile *p = r->profile;
  const guint32 *stack = p->stacks + p->samples[s].stack_offset;
  const PpvFrameSelection *sel = r->sel;

  group->frames_offset = self->frames->len;
  for (guint32 i = _ppv_frame_selection_sample_start (sel, s); i < sel->sample_depth[s]; i++)
    {
      guint32 loc = stack[i];
      guint32 end = sel->loc_lines_offset[loc + 1];

      for (guint32 k = sel->loc_lines_offset[loc]; k < end; k++)
        {
          guint32 li = sel->loc_lines[k];
          PpvGoroutineFrame frame = { "", "", 0, k + 1 < end };

          if (li != PPV_NONE)
            {
              const PpvFunction *f = &p->functions[p->lines[li].function];

              frame.function = f->name != NULL ? f->name : "";
              frame.file = f->filename != NULL ? f->filename : "";
              frame.line = p->lines[li].line;
            }
          else
            {
              g_autofree char *address = g_strdup_printf ("%#" G_GINT64_MODIFIER "x",
                                                          p->locations[loc].address);
              frame.function = g_string_chunk_insert_const (self->strings, address);
            }
          g_array_append_val (self->frames, frame);
        }
    }
  group->n_frames = self->frames->len - group->frames_offset;

  /* Where they wait: runtime frames (gopark, selectgo) say how, not where. */
  group->title = "";
  for (guint32 i = 0; i < group->n_frames; i++)
    {
      const char *name = g_array_index (self->frames, PpvGoroutineFrame, group->frames_offset + i).function;

      if (i == 0)
        group->title = name;
      if (!g_str_has_prefix (name, "runtime."))
        {
          group->title = name;
          break;
        }
    }
}

/* --- Summaries ------------------------------------------------------------ */

typedef struct
{
  const char *name;
  gint64      count;
} Tally;

static void
tally_add (GArray     *tallies,
           const char *name,
           gint64      count)
{
  for (guint i = 0; i < tallies->len; i++)
    {
      Tally *t = &g_array_index (tallies, Tally, i);

      if (t->name == name)
        {
          t->count += count;
          return;
        }
    }
  g_array_append_vals (tallies, &(Tally) { name, count }, 1);
}

static int
compare_tallies (gconstpointer a,
                 gconstpointer b)
{
  const Tally *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_strcmp0 (x->name, y->name);
}

/* "chan receive" alone, else "chan receive 3, select 1, …". */
static const char *
summarize_tallies (PpvGoroutineGroups *self,
                   GArray             *tallies)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint named = 0;

  g_array_sort (tallies, compare_tallies);
  for (guint i = 0; i < tallies->len; i++)
    {
      Tally *t = &g_array_index (tallies, Tally, i);

      if (t->name == NULL)
        continue;
      if (named == MAX_SUMMARY_NAMES)
        {
          g_string_append (text, ", …");
          break;
        }
      if (named++ > 0)
        g_string_append (text, ", ");
      g_string_append (text, t->name);
      if (tallies->len > 1)
        g_string_append_printf (text, " %" G_GINT64_FORMAT, t->count);
    }
  return g_string_chunk_insert_const (self->strings, text->str);
}

static int
compare_by_wait (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a, *y = b;

  if (x->wait != y->wait)
    return x->wait < y->wait ? -1 : 1;
  return x->sample < y->sample ? -1 : x->sample > y->sample;
}

/* Count, waits, states and creators of @n entries (sorted by wait here). */
static void
summarize (PpvGoroutineGroups *self,
           Entry              *entries,
           guint               n,
           PpvGoroutineGroup  *group)
{
  g_autoptr(GArray) states = g_array_new (FALSE, FALSE, sizeof (Tally));
  g_autoptr(GArray) creators = g_array_new (FALSE, FALSE, sizeof (Tally));
  gint64 half, seen = 0;

  qsort (entries, n, sizeof (Entry), compare_by_wait);
  group->count = 0;
  for (guint i = 0; i < n; i++)
    {
      group->count += entries[i].weight;
      tally_add (states, entries[i].state, entries[i].weight);
      tally_add (creators, entries[i].creator, entries[i].weight);
    }

  group->longest_wait = n > 0 ? entries[n - 1].wait : PPV_GOROUTINE_WAIT_UNKNOWN;
  group->typical_wait = group->longest_wait;
  half = (group->count + 1) / 2;
  for (guint i = 0; i < n; i++)
    {
      seen += entries[i].weight;
      if (seen >= half)
        {
          group->typical_wait = entries[i].wait;
          break;
        }
    }

  group->states = summarize_tallies (self, states);
  group->creators = summarize_tallies (self, creators);
}

/* --- Building ------------------------------------------------------------- */

static int
compare_by_stack (gconstpointer a,
                  gconstpointer b)
{
  const Entry *x = a, *y = b;

  /* Labels are interned: equal keys are one pointer. */
  if (x->outer != y->outer)
    return g_strcmp0 (x->outer, y->outer);
  if (x->hash != y->hash)
    return x->hash < y->hash ? -1 : 1;
  return x->sample < y->sample ? -1 : x->sample > y->sample;
}

static int
compare_by_group (gconstpointer a,
                  gconstpointer b)
{
  const Entry *x = a, *y = b;

  if (x->group != y->group)
    return x->group < y->group ? -1 : 1;
  return x->sample < y->sample ? -1 : x->sample > y->sample;
}

/* Most goroutines first, then by title, then as read. */
static int
compare_groups (const PpvGoroutineGroup *x,
                const PpvGoroutineGroup *y)
{
  int c;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  c = strcmp (x->title, y->title);
  if (c != 0)
    return c;
  return x->frames_offset < y->frames_offset ? -1 : x->frames_offset > y->frames_offset;
}

static int
compare_stack_indices (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  GArray *stacks = user_data;

  return compare_groups (&g_array_index (stacks, PpvGoroutineGroup, *(const guint32 *) a),
                         &g_array_index (stacks, PpvGoroutineGroup, *(const guint32 *) b));
}

static int
compare_group_values (gconstpointer a,
                      gconstpointer b)
{
  return compare_groups (a, b);
}

static gboolean
profile_has_states (PpvProfile *p)
{
  for (gsize i = 0; i < p->n_labels; i++)
    if (p->labels[i].str != NULL && strcmp (p->labels[i].key, "state") == 0)
      return TRUE;
  return FALSE;
}

/* The kept goroutines as entries, with their labels and stack hashes. */
static GArray *
collect_entries (PpvGoroutineGroups *self,
                 PpvReportContext   *ctx,
                 StackReader        *r,
                 GCancellable       *cancellable,
                 GError            **error)
{
  PpvProfile *p = self->profile;
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));

  for (guint32 s = 0; s < p->n_samples; s++)
    {
      const PpvLabel *labels = p->labels + p->samples[s].labels_offset;
      Entry e = { s, 0, 0, NULL, NULL, NULL, 0, 0 };
      gint64 divisor;

      if (s % CANCEL_CHECK_INTERVAL == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (!_ppv_report_context_sample_weight (ctx, s, &e.weight, &divisor) || e.weight <= 0)
        continue;

      e.wait = self->has_states ? 0 : PPV_GOROUTINE_WAIT_UNKNOWN;
      for (guint32 i = 0; i < p->samples[s].n_labels; i++)
        {
          const PpvLabel *l = &labels[i];

          if (l->str != NULL && strcmp (l->key, "state") == 0)
            e.state = l->str;
          else if (l->str != NULL && strcmp (l->key, "created_by") == 0)
            e.creator = l->str;
          else if (l->str == NULL && strcmp (l->key, "wait") == 0)
            e.wait = l->num;
        }
      if (self->grouping == PPV_GOROUTINE_BY_CREATOR)
        e.outer = e.creator;
      else if (self->grouping == PPV_GOROUTINE_BY_STATE)
        e.outer = e.state;

      read_stack (r, s, r->scratch_a);
      e.hash = hash_stack (r->scratch_a);
      g_array_append_val (entries, e);
      self->total += e.weight;
    }
  return g_steal_pointer (&entries);
}

/* Gives each entry its stack group (entries sorted by outer key and hash:
 * a group's entries follow each other, save for hash collisions). */
static void
assign_stack_groups (PpvGoroutineGroups *self,
                     StackReader        *r,
                     GArray             *entries)
{
  g_autoptr(GArray) run_groups = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) run_reps = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = &g_array_index (entries, Entry, i);
      gboolean found = FALSE;

      if (i == 0 || e[-1].outer != e->outer || e[-1].hash != e->hash)
        {
          g_array_set_size (run_groups, 0);
          g_array_set_size (run_reps, 0);
        }
      for (guint j = 0; j < run_groups->len && !found; j++)
        if (same_stack (r, g_array_index (run_reps, guint32, j), e->sample))
          {
            e->group = g_array_index (run_groups, guint32, j);
            found = TRUE;
          }
      if (!found)
        {
          PpvGoroutineGroup group = { 0 };

          add_frames (self, r, e->sample, &group);
          e->group = self->stacks->len;
          g_array_append_val (self->stacks, group);
          g_array_append_val (run_groups, e->group);
          g_array_append_val (run_reps, e->sample);
        }
    }
}

/* Creator or state groups over runs of the same outer key. */
static void
build_outer_groups (PpvGoroutineGroups *self,
                    GArray             *entries)
{
  g_autoptr(GArray) sorted = g_array_copy (entries);
  guint start = 0;

  g_array_sort (sorted, compare_by_stack);
  for (guint i = 1; i <= sorted->len; i++)
    {
      Entry *run = &g_array_index (sorted, Entry, start);
      PpvGoroutineGroup group = { 0 };

      if (i < sorted->len && g_array_index (sorted, Entry, i).outer == run->outer)
        continue;

      group.title = run->outer != NULL ? run->outer : "";
      /* The stacks of this key, each once. */
      group.children_offset = self->children->len;
      for (guint j = start; j < i; j++)
        {
          guint32 g = g_array_index (sorted, Entry, j).group;
          gboolean seen = FALSE;

          for (guint k = group.children_offset; k < self->children->len && !seen; k++)
            seen = g_array_index (self->children, guint32, k) == g;
          if (!seen)
            g_array_append_val (self->children, g);
        }
      group.n_children = self->children->len - group.children_offset;
      g_qsort_with_data (&g_array_index (self->children, guint32, group.children_offset),
                         group.n_children, sizeof (guint32), compare_stack_indices, self->stacks);
      summarize (self, run, i - start, &group);
      g_array_append_val (self->top, group);
      start = i;
    }
}

PpvGoroutineGroups *
ppv_goroutine_groups_new (PpvProfile             *profile,
                          const PpvReportOptions *options,
                          PpvGoroutineGrouping    grouping,
                          GCancellable           *cancellable,
                          GError                **error)
{
  g_autoptr(PpvReportContext) ctx = NULL;
  g_autoptr(PpvGoroutineGroups) self = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GArray) scratch_a = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) scratch_b = g_array_new (FALSE, FALSE, sizeof (gint64));
  StackReader reader = { profile, NULL, scratch_a, scratch_b };
  guint start = 0;

  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  ctx = _ppv_report_context_new (profile, options, cancellable, error);
  if (ctx == NULL)
    return NULL;
  reader.sel = _ppv_report_context_get_selection (ctx);

  self = g_new0 (PpvGoroutineGroups, 1);
  self->ref_count = 1;
  self->grouping = grouping;
  self->profile = ppv_profile_ref (profile);
  self->strings = g_string_chunk_new (4096);
  self->stacks = g_array_new (FALSE, FALSE, sizeof (PpvGoroutineGroup));
  self->top = g_array_new (FALSE, FALSE, sizeof (PpvGoroutineGroup));
  self->children = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->frames = g_array_new (FALSE, FALSE, sizeof (PpvGoroutineFrame));
  self->has_states = profile_has_states (profile);
  self->warnings = _ppv_frame_selection_dup_warnings (reader.sel);

  entries = collect_entries (self, ctx, &reader, cancellable, error);
  if (entries == NULL)
    return NULL;
  g_array_sort (entries, compare_by_stack);
  assign_stack_groups (self, &reader, entries);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Each stack group's entries in a run, for its count and median. */
  g_array_sort (entries, compare_by_group);
  for (guint i = 1; i <= entries->len; i++)
    {
      Entry *run = &g_array_index (entries, Entry, start);

      if (i < entries->len && g_array_index (entries, Entry, i).group == run->group)
        continue;
      summarize (self, run, i - start, &g_array_index (self->stacks, PpvGoroutineGroup, run->group));
      start = i;
    }

  if (grouping == PPV_GOROUTINE_BY_STACK)
    {
      g_array_append_vals (self->top, self->stacks->data, self->stacks->len);
      g_array_sort (self->top, compare_group_values);
    }
  else
    {
      build_outer_groups (self, entries);
      g_array_sort (self->top, compare_group_values);
    }

  return g_steal_pointer (&self);
}

/* --- Accessors ------------------------------------------------------------ */

PpvGoroutineGroups *
ppv_goroutine_groups_ref (PpvGoroutineGroups *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ppv_goroutine_groups_unref (PpvGoroutineGroups *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_clear_pointer (&self->profile, ppv_profile_unref);
  g_string_chunk_free (self->strings);
  g_array_unref (self->stacks);
  g_array_unref (self->top);
  g_array_unref (self->children);
  g_array_unref (self->frames);
  g_strfreev (self->warnings);
  g_free (self);
}

PpvGoroutineGrouping
ppv_goroutine_groups_get_grouping (PpvGoroutineGroups *self)
{
  g_return_val_if_fail (self != NULL, PPV_GOROUTINE_BY_STACK);
  return self->grouping;
}

guint32
ppv_goroutine_groups_get_n_groups (PpvGoroutineGroups *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->top->len;
}

const PpvGoroutineGroup *
ppv_goroutine_groups_get_group (PpvGoroutineGroups *self,
                                guint32             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->top->len, NULL);
  return &g_array_index (self->top, PpvGoroutineGroup, index);
}

const PpvGoroutineGroup *
ppv_goroutine_groups_get_child (PpvGoroutineGroups      *self,
                                const PpvGoroutineGroup *group,
                                guint32                  index)
{
  g_return_val_if_fail (self != NULL && group != NULL, NULL);
  g_return_val_if_fail (index < group->n_children, NULL);
  return &g_array_index (self->stacks, PpvGoroutineGroup,
                         g_array_index (self->children, guint32, group->children_offset + index));
}

const PpvGoroutineFrame *
ppv_goroutine_groups_get_frame (PpvGoroutineGroups      *self,
                                const PpvGoroutineGroup *group,
                                guint32                  index)
{
  g_return_val_if_fail (self != NULL && group != NULL, NULL);
  g_return_val_if_fail (index < group->n_frames, NULL);
  return &g_array_index (self->frames, PpvGoroutineFrame, group->frames_offset + index);
}

gint64
ppv_goroutine_groups_get_total (PpvGoroutineGroups *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->total;
}

guint32
ppv_goroutine_groups_get_n_stacks (PpvGoroutineGroups *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->stacks->len;
}

gboolean
ppv_goroutine_groups_has_states (PpvGoroutineGroups *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->has_states;
}

const char * const *
ppv_goroutine_groups_get_warnings (PpvGoroutineGroups *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->warnings;
}
