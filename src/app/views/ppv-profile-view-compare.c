/* ppv-profile-view-compare.c — the profile view compared with a base profile: pprof's -base and -diff_base, its chip and its bar.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The comparison is a profile like any other (ppv_profile_combine(), the
 * CLI's --base/--diff-base/--normalize), built in a worker and handed to
 * the panes in place of the plain one, so every pane and every export
 * shows what the headless reports print with the same flags.
 */
#include <glib/gi18n.h>
#include <string.h>

#include "ppv-error.h"
#include "ppv-profile-view-private.h"
#include "ppv-top-view.h"
#include "ppv-units.h"

struct _PpvCompare
{
  PpvProfile   *base;
  char         *base_name;
  PpvBaseMode   mode;
  gboolean      normalize;
  gboolean      swapped;       /* the base is compared with it, not it with the base */
  GCancellable *cancellable;
  /* Per sample type, summed by the worker: the status line's totals */
  gint64       *base_totals;
  gint64       *profile_totals;
};

/* pprof's README: -base suits counts that only grow while a program runs
 * (heap/allocs alloc_*, block and mutex contentions and delay,
 * threadcreate); everything else (inuse_*, goroutines, CPU) is compared. */
static gboolean
is_cumulative (const char *type)
{
  static const char *cumulative[] = {
    "alloc_objects", "alloc_space", "contentions", "delay", "threadcreate",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cumulative); i++)
    if (g_strcmp0 (type, cumulative[i]) == 0)
      return TRUE;
  return FALSE;
}

static guint
selected_sample (PpvProfileView *self)
{
  guint sample = gtk_drop_down_get_selected (self->sample_type_dropdown);

  if (self->own == NULL || self->own->n_sample_types == 0)
    return 0;
  return MIN (sample, self->own->n_sample_types - 1);
}

static const char *
selected_type (PpvProfileView *self)
{
  return self->own != NULL && self->own->n_sample_types > 0
         ? self->own->sample_types[selected_sample (self)].type : NULL;
}

static PpvBaseMode
recommended_mode (PpvProfileView *self)
{
  return is_cumulative (selected_type (self)) ? PPV_BASE_SUBTRACT : PPV_BASE_DIFF;
}

static const char *
mode_label (PpvBaseMode mode)
{
  return mode == PPV_BASE_SUBTRACT ? _("subtract base") : _("compare with base");
}

/* "alloc_space" and "alloc_spaces" are one type to pprof (compatible()). */
static gboolean
same_type_name (const char *a,
                const char *b)
{
  gsize la = strlen (a), lb = strlen (b);

  if (la > 0 && a[la - 1] == 's')
    la--;
  if (lb > 0 && b[lb - 1] == 's')
    lb--;
  return la == lb && strncmp (a, b, la) == 0;
}

static char *
dup_type_list (PpvProfile *p)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < p->n_sample_types; i++)
    {
      if (i > 0)
        g_string_append (str, ", ");
      g_string_append (str, p->sample_types[i].type);
    }
  return g_string_free (str, FALSE);
}

static gboolean
check_compatible (PpvProfileView *self,
                  PpvProfile     *base,
                  const char     *base_name,
                  GError        **error)
{
  gboolean same = base->n_sample_types == self->own->n_sample_types;

  for (guint i = 0; same && i < base->n_sample_types; i++)
    same = same_type_name (base->sample_types[i].type, self->own->sample_types[i].type) &&
           (g_strcmp0 (base->sample_types[i].unit, self->own->sample_types[i].unit) == 0 ||
            ppv_units_compatible (base->sample_types[i].unit, self->own->sample_types[i].unit));

  if (!same)
    {
      g_autofree char *base_types = dup_type_list (base);
      g_autofree char *own_types = dup_type_list (self->own);

      g_set_error (error, PPV_REPORT_ERROR, PPV_REPORT_ERROR_INCOMPATIBLE,
                   /* Translators: "cpu.pb.gz cannot be the base of heap.pb.gz: it
                    * measures samples, cpu; this profile measures alloc_objects, …". */
                   _("%s cannot be the base of %s: it measures %s; this profile measures %s. "
                     "Choose a profile of the same kind."),
                   base_name, self->source_name != NULL ? self->source_name : _("this profile"),
                   base_types, own_types);
      return FALSE;
    }
  return TRUE;
}

/* --- The bar and the chip ------------------------------------------------ */

static const char *
shown_base_name (PpvProfileView *self)
{
  PpvCompare *c = self->compare;

  return c->swapped ? self->source_name : c->base_name;
}

static void
update_compare_widgets (PpvProfileView *self)
{
  PpvCompare *c = self->compare;
  gboolean comparing = c != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->compare_chip), comparing);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_bar), comparing);
  if (!comparing)
    return;

  {
    g_autofree char *chip = NULL;
    g_autofree char *remove = NULL;
    const char *explanation;
    g_autofree char *line = NULL;
    PpvBaseMode recommended = recommended_mode (self);

    /* Translators: the comparison's chip: "compared with heap-before.pb.gz (subtract base)". */
    chip = g_strdup_printf (_("compared with %s (%s)"), shown_base_name (self), mode_label (c->mode));
    gtk_label_set_text (self->compare_chip_label, chip);
    /* Translators: accessible name of the comparison chip's button. */
    remove = g_strdup_printf (_("Stop comparing with %s"), shown_base_name (self));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->compare_chip),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);

    explanation = c->mode == PPV_BASE_SUBTRACT
      ? _("Samples with the same stack cancel; right for counts that only grow while a program runs.")
      : _("The base's samples stay apart and percentages are of the base's total; right for snapshots and CPU profiles.");
    if (c->mode == recommended)
      /* Translators: the comparison's explanation, then "pprof recommends it for inuse_space". */
      line = g_strdup_printf (_("%s pprof recommends it for %s."), explanation, selected_type (self));
    else
      /* Translators: the explanation, then "pprof recommends “Compare with base” for inuse_space". */
      line = g_strdup_printf (_("%s pprof recommends “%s” for %s."), explanation,
                              recommended == PPV_BASE_SUBTRACT ? _("Subtract base") : _("Compare with base"),
                              selected_type (self));
    gtk_label_set_text (self->compare_explanation, line);

    self->updating_controls = TRUE;
    gtk_toggle_button_set_active (c->mode == PPV_BASE_SUBTRACT ? self->compare_subtract : self->compare_diff, TRUE);
    gtk_check_button_set_active (self->compare_normalize, c->normalize);
    self->updating_controls = FALSE;
  }
}

/* --- The worker ---------------------------------------------------------- */

typedef struct
{
  PpvProfile  *profile;
  PpvProfile  *base;
  PpvBaseMode  mode;
  gboolean     normalize;
  gint64      *base_totals;
  gint64      *profile_totals;
} CombineJob;

static void
combine_job_free (CombineJob *job)
{
  g_clear_pointer (&job->profile, ppv_profile_unref);
  g_clear_pointer (&job->base, ppv_profile_unref);
  g_free (job->base_totals);
  g_free (job->profile_totals);
  g_free (job);
}

/* Each sample type's total: a pass over a million samples is no work for
 * the main thread, which shows the totals on every legend update. */
static gint64 *
column_totals (PpvProfile *p)
{
  gint64 *totals = g_new0 (gint64, MAX (p->n_sample_types, 1));

  for (guint32 s = 0; s < p->n_samples; s++)
    {
      const gint64 *values = ppv_profile_sample_values (p, s);

      for (guint i = 0; i < p->n_sample_types; i++)
        totals[i] += values[i];
    }
  return totals;
}

static void
combine_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CombineJob *job = task_data;
  GError *error = NULL;
  PpvProfile *combined = ppv_profile_combine (&job->profile, 1, &job->base, 1,
                                              job->mode, job->normalize, &error);

  job->base_totals = column_totals (job->base);
  job->profile_totals = column_totals (job->profile);

  if (combined == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, combined, (GDestroyNotify) ppv_profile_unref);
}

static void
combine_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PpvProfileView *self = PPV_PROFILE_VIEW (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpvProfile) combined = g_task_propagate_pointer (G_TASK (result), &error);
  CombineJob *job;

  /* A newer choice replaced this one (or comparing stopped). */
  if (g_task_get_cancellable (G_TASK (result)) != NULL &&
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  if (combined == NULL)
    {
      _ppv_profile_view_toast (self, error->message);
      ppv_profile_view_stop_comparing (self);
      return;
    }
  job = g_task_get_task_data (G_TASK (result));
  g_free (self->compare->base_totals);
  g_free (self->compare->profile_totals);
  self->compare->base_totals = g_steal_pointer (&job->base_totals);
  self->compare->profile_totals = g_steal_pointer (&job->profile_totals);
  _ppv_profile_view_replace_profile (self, combined);
  /* After the panes have the compared profile: the Base and New columns
   * are summed for its rows, not for the plain rows still shown. */
  ppv_top_view_set_comparison (PPV_TOP_VIEW (ppv_profile_view_get_pane (self, "top")),
                               job->base, job->profile);
}

static void
start_combine (PpvProfileView *self)
{
  PpvCompare *c = self->compare;
  g_autoptr(GTask) task = NULL;
  CombineJob *job = g_new0 (CombineJob, 1);

  if (c->cancellable != NULL)
    g_cancellable_cancel (c->cancellable);
  g_clear_object (&c->cancellable);
  c->cancellable = g_cancellable_new ();
  g_clear_pointer (&c->base_totals, g_free);
  g_clear_pointer (&c->profile_totals, g_free);

  job->profile = ppv_profile_ref (c->swapped ? c->base : self->own);
  job->base = ppv_profile_ref (c->swapped ? self->own : c->base);
  job->mode = c->mode;
  job->normalize = c->normalize;

  task = g_task_new (self, c->cancellable, combine_done, NULL);
  g_task_set_source_tag (task, start_combine);
  g_task_set_task_data (task, job, (GDestroyNotify) combine_job_free);
  g_task_run_in_thread (task, combine_thread);

  update_compare_widgets (self);
}

/* --- API ----------------------------------------------------------------- */

gboolean
ppv_profile_view_compare (PpvProfileView *self,
                          PpvProfile     *base,
                          const char     *base_name,
                          PpvBaseMode     mode,
                          gboolean        normalize,
                          GError        **error)
{
  g_return_val_if_fail (PPV_IS_PROFILE_VIEW (self), FALSE);
  g_return_val_if_fail (base != NULL, FALSE);

  if (self->own == NULL)
    {
      g_set_error_literal (error, PPV_REPORT_ERROR, PPV_REPORT_ERROR_OPTION,
                           _("There is no profile to compare."));
      return FALSE;
    }
  if (!check_compatible (self, base, base_name, error))
    return FALSE;

  _ppv_profile_view_clear_compare (self);
  self->compare = g_new0 (PpvCompare, 1);
  self->compare->base = ppv_profile_ref (base);
  self->compare->base_name = g_strdup (base_name);
  self->compare->mode = mode == PPV_BASE_NONE ? recommended_mode (self) : mode;
  self->compare->normalize = normalize;
  start_combine (self);
  return TRUE;
}

void
ppv_profile_view_set_compare_mode (PpvProfileView *self,
                                   PpvBaseMode     mode,
                                   gboolean        normalize)
{
  g_return_if_fail (PPV_IS_PROFILE_VIEW (self));

  if (self->compare == NULL || mode == PPV_BASE_NONE)
    return;
  if (self->compare->mode == mode && self->compare->normalize == normalize)
    return;
  self->compare->mode = mode;
  self->compare->normalize = normalize;
  start_combine (self);
}

void
ppv_profile_view_swap_base (PpvProfileView *self)
{
  g_return_if_fail (PPV_IS_PROFILE_VIEW (self));

  if (self->compare == NULL)
    return;
  self->compare->swapped = !self->compare->swapped;
  start_combine (self);
}

gboolean
ppv_profile_view_is_comparing (PpvProfileView *self)
{
  g_return_val_if_fail (PPV_IS_PROFILE_VIEW (self), FALSE);
  return self->compare != NULL;
}

void
_ppv_profile_view_clear_compare (PpvProfileView *self)
{
  PpvCompare *c = g_steal_pointer (&self->compare);

  if (c == NULL)
    return;
  if (c->cancellable != NULL)
    g_cancellable_cancel (c->cancellable);
  g_clear_object (&c->cancellable);
  g_clear_pointer (&c->base, ppv_profile_unref);
  g_free (c->base_name);
  g_free (c->base_totals);
  g_free (c->profile_totals);
  g_free (c);
  if (self->compare_chip != NULL)
    update_compare_widgets (self);
  if (ppv_profile_view_get_pane (self, "top") != NULL)
    ppv_top_view_set_comparison (PPV_TOP_VIEW (ppv_profile_view_get_pane (self, "top")), NULL, NULL);
}

PpvCompare *
_ppv_profile_view_take_compare (PpvProfileView *self)
{
  PpvCompare *c = g_steal_pointer (&self->compare);

  if (c == NULL)
    return NULL;
  if (c->cancellable != NULL)
    g_cancellable_cancel (c->cancellable);
  g_clear_object (&c->cancellable);
  /* The plain profile shows until the comparison is made again. */
  ppv_top_view_set_comparison (PPV_TOP_VIEW (ppv_profile_view_get_pane (self, "top")), NULL, NULL);
  return c;
}

void
_ppv_profile_view_restore_compare (PpvProfileView *self,
                                   PpvCompare     *c)
{
  g_autoptr(GError) error = NULL;

  g_assert (self->compare == NULL);
  if (self->own == NULL || !check_compatible (self, c->base, c->base_name, &error))
    {
      if (error != NULL)
        _ppv_profile_view_toast (self, error->message);
      self->compare = c;
      _ppv_profile_view_clear_compare (self);
      return;
    }
  self->compare = c;
  start_combine (self);
}

void
ppv_profile_view_stop_comparing (PpvProfileView *self)
{
  g_return_if_fail (PPV_IS_PROFILE_VIEW (self));

  if (self->compare == NULL)
    return;
  _ppv_profile_view_clear_compare (self);
  if (self->own != NULL && self->profile != self->own)
    _ppv_profile_view_replace_profile (self, self->own);
}

char *
_ppv_profile_view_dup_compare_status (PpvProfileView *self)
{
  PpvCompare *c = self->compare;
  PpvProfile *profile;
  guint column;
  g_autofree char *base_total = NULL;
  g_autofree char *profile_total = NULL;
  const char *unit;

  /* The totals come with the compared profile. */
  if (c == NULL || self->own == NULL || c->base_totals == NULL)
    return NULL;

  profile = c->swapped ? c->base : self->own;
  column = selected_sample (self);
  if (column >= profile->n_sample_types)
    return NULL;
  unit = profile->sample_types[column].unit;
  base_total = ppv_unit_scaled_label (c->base_totals[column], unit, "auto");
  profile_total = ppv_unit_scaled_label (c->profile_totals[column], unit, "auto");

  /* Translators: the status line of a comparison: "Compared with
   * heap-before.pb.gz (subtract base, normalized) · base 1.2MB · profile 1.5MB". */
  return g_strdup_printf (_("Compared with %s (%s%s) · base %s · profile %s"),
                          shown_base_name (self), mode_label (c->mode),
                          c->normalize ? _(", normalized") : "",
                          base_total, profile_total);
}

/* --- Controls ------------------------------------------------------------ */

static void
on_mode_toggled (PpvProfileView  *self,
                 GtkToggleButton *button)
{
  /* The group's other button going off says nothing new. */
  if (self->updating_controls || self->compare == NULL || !gtk_toggle_button_get_active (button))
    return;
  ppv_profile_view_set_compare_mode (self,
                                     button == self->compare_subtract ? PPV_BASE_SUBTRACT : PPV_BASE_DIFF,
                                     self->compare->normalize);
}

static void
on_normalize_toggled (PpvProfileView *self)
{
  if (self->updating_controls || self->compare == NULL)
    return;
  ppv_profile_view_set_compare_mode (self, self->compare->mode,
                                     gtk_check_button_get_active (self->compare_normalize));
}

void
_ppv_profile_view_init_compare (PpvProfileView *self)
{
  g_signal_connect_object (self->compare_chip, "clicked",
                           G_CALLBACK (ppv_profile_view_stop_comparing), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compare_swap, "clicked",
                           G_CALLBACK (ppv_profile_view_swap_base), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compare_subtract, "toggled",
                           G_CALLBACK (on_mode_toggled), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compare_diff, "toggled",
                           G_CALLBACK (on_mode_toggled), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compare_normalize, "toggled",
                           G_CALLBACK (on_normalize_toggled), self, G_CONNECT_SWAPPED);
  /* The explanation names the sample type shown. */
  g_signal_connect_object (self->sample_type_dropdown, "notify::selected",
                           G_CALLBACK (update_compare_widgets), self, G_CONNECT_SWAPPED);
  update_compare_widgets (self);
}
