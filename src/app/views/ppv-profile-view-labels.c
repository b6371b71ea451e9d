/* ppv-profile-view-labels.c — the profile view's label filters: focus on
 * or ignore label values (tagfocus, tagignore) and group every stack by
 * label keys (tagroot, tagleaf), their actions and their chips.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Grouping copies the profile with the label frames pprof adds before any
 * filter; the copy is made in a worker and every pane then reads it, so
 * the table, the flame graph and the graph all split by the keys.
 */
#include <glib/gi18n.h>

#include "ppv-label-frames.h"
#include "ppv-profile-view-private.h"

PpvProfile *
_ppv_profile_view_get_shown_profile (PpvProfileView *self)
{
  return self->grouped != NULL ? self->grouped : self->profile;
}

typedef struct
{
  PpvProfile *profile;
  char       *root;
  char       *leaf;
} GroupJob;

static void
group_job_free (GroupJob *job)
{
  ppv_profile_unref (job->profile);
  g_free (job->root);
  g_free (job->leaf);
  g_free (job);
}

static void
group_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GroupJob *job = task_data;
  gboolean root_matched, leaf_matched;
  GError *error = NULL;
  PpvProfile *grouped = ppv_profile_add_label_frames (job->profile, job->root, job->leaf, NULL,
                                                      &root_matched, &leaf_matched, &error);

  if (grouped == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, grouped, (GDestroyNotify) ppv_profile_unref);
}

static void
group_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  PpvProfileView *self = PPV_PROFILE_VIEW (source);
  g_autoptr(GError) error = NULL;
  PpvProfile *grouped = g_task_propagate_pointer (G_TASK (result), &error);

  if (grouped == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_object (&self->grouping);
          _ppv_profile_view_toast (self, error->message);
        }
      return;
    }
  g_clear_object (&self->grouping);
  g_clear_pointer (&self->grouped, ppv_profile_unref);
  self->grouped = grouped;
  _ppv_profile_view_rebuild (self);
}

/* The panes read the profile grouped by the chosen keys, or the profile
 * itself: a change cancels a copy still being made.  TRUE if a copy is
 * being made (the panes are rebuilt when it is ready); FALSE if the
 * caller should rebuild them now. */
gboolean
_ppv_profile_view_update_grouping (PpvProfileView *self)
{
  g_autofree char *root = ppv_label_filters_dup_group (self->label_filters, PPV_LABEL_GROUP_ROOT);
  g_autofree char *leaf = ppv_label_filters_dup_group (self->label_filters, PPV_LABEL_GROUP_LEAF);
  g_autoptr(GTask) task = NULL;
  GroupJob *job;

  if (self->grouping != NULL)
    g_cancellable_cancel (self->grouping);
  g_clear_object (&self->grouping);

  if (self->profile == NULL || (root == NULL && leaf == NULL))
    {
      g_clear_pointer (&self->grouped, ppv_profile_unref);
      return FALSE;
    }

  job = g_new0 (GroupJob, 1);
  job->profile = ppv_profile_ref (self->profile);
  job->root = g_steal_pointer (&root);
  job->leaf = g_steal_pointer (&leaf);
  self->grouping = g_cancellable_new ();
  task = g_task_new (self, self->grouping, group_done, NULL);
  g_task_set_source_tag (task, _ppv_profile_view_update_grouping);
  g_task_set_task_data (task, job, (GDestroyNotify) group_job_free);
  g_task_run_in_thread (task, group_thread);
  return TRUE;
}

static void
label_filters_changed (PpvProfileView *self,
                       gboolean        grouping)
{
  _ppv_profile_view_rebuild_chips (self);
  if (!grouping || !_ppv_profile_view_update_grouping (self))
    _ppv_profile_view_rebuild (self);
}

static void
on_label_chip_clicked (GtkButton      *button,
                       PpvProfileView *self)
{
  PpvLabelFilter *filter = g_object_get_data (G_OBJECT (button), "ppv-label-filter");
  gboolean grouping;

  if (filter == NULL)
    return;
  grouping = filter->kind == PPV_LABEL_GROUP_ROOT || filter->kind == PPV_LABEL_GROUP_LEAF;
  if (!g_ptr_array_remove (self->label_filters, filter))
    return;
  label_filters_changed (self, grouping);
}

void
_ppv_profile_view_append_label_chips (PpvProfileView *self)
{
  for (guint i = 0; i < self->label_filters->len; i++)
    {
      PpvLabelFilter *filter = g_ptr_array_index (self->label_filters, i);
      g_autofree char *option = ppv_label_filter_describe (filter);
      g_autofree char *text = NULL;
      g_autofree char *accessible = NULL;
      GtkWidget *chip;

      if (filter->kind == PPV_LABEL_GROUP_ROOT || filter->kind == PPV_LABEL_GROUP_LEAF)
        text = g_strdup_printf (_("%s: %s"), ppv_label_filter_kind_label (filter->kind), filter->key);
      else
        /* Translators: a label filter chip, e.g. "Label focus: worker=hash". */
        text = g_strdup_printf (_("%s: %s=%s"), ppv_label_filter_kind_label (filter->kind),
                                filter->key, filter->shown);
      accessible = g_strdup_printf (_("Remove filter %s=%s"),
                                    ppv_label_filter_kind_to_string (filter->kind), option);
      chip = _ppv_profile_view_append_chip (self, text, accessible,
                                            G_CALLBACK (on_label_chip_clicked));
      g_object_set_data (G_OBJECT (chip), "ppv-label-filter", filter);
    }
}

void
_ppv_profile_view_clear_label_filters (PpvProfileView *self)
{
  g_ptr_array_set_size (self->label_filters, 0);
  if (self->grouping != NULL)
    g_cancellable_cancel (self->grouping);
  g_clear_object (&self->grouping);
  g_clear_pointer (&self->grouped, ppv_profile_unref);
}

/* view.label-value (kind, key, value): focus on or ignore a string value;
 * view.label-range (kind, key, range, shown): a numeric range. */
static void
label_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PpvProfileView *self = PPV_PROFILE_VIEW (widget);
  const char *kind_name, *key, *value = NULL, *range = NULL, *shown = NULL;
  PpvLabelFilterKind kind;

  if (g_variant_is_of_type (parameter, G_VARIANT_TYPE ("(sss)")))
    g_variant_get (parameter, "(&s&s&s)", &kind_name, &key, &value);
  else
    g_variant_get (parameter, "(&s&s&s&s)", &kind_name, &key, &range, &shown);

  if (!ppv_label_filter_kind_parse (kind_name, &kind) || key[0] == '\0' ||
      (kind != PPV_LABEL_FOCUS && kind != PPV_LABEL_IGNORE) ||
      (range != NULL && range[0] == '\0'))
    return;
  if (ppv_label_filters_add (self->label_filters, kind, key, value, range, shown))
    label_filters_changed (self, FALSE);
}

/* view.group-by-label (tagroot|tagleaf, key). */
static void
group_by_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PpvProfileView *self = PPV_PROFILE_VIEW (widget);
  const char *kind_name, *key;
  PpvLabelFilterKind kind;

  g_variant_get (parameter, "(&s&s)", &kind_name, &key);
  if (!ppv_label_filter_kind_parse (kind_name, &kind) || key[0] == '\0' ||
      (kind != PPV_LABEL_GROUP_ROOT && kind != PPV_LABEL_GROUP_LEAF))
    return;
  if (ppv_label_filters_add (self->label_filters, kind, key, NULL, NULL, NULL))
    label_filters_changed (self, TRUE);
}

void
_ppv_profile_view_class_init_label_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "view.label-value", "(sss)", label_filter_action);
  gtk_widget_class_install_action (widget_class, "view.label-range", "(ssss)", label_filter_action);
  gtk_widget_class_install_action (widget_class, "view.group-by-label", "(ss)", group_by_action);
}
