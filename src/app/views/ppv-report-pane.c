/* ppv-report-pane.c — the contract every report-backed view keeps: the
 * cancel-and-replace build, loading, failure, staleness, the current
 * function, and the pane's page and actions.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <adwaita.h>
#include <string.h>

#include "ppv-report-pane.h"

typedef struct
{
  PpvReportJob      job;            /* profile, adjusted options, cancel-and-replace */
  PpvReportOptions  shared;         /* as the profile view gave them */
  gpointer          result;         /* what build() returned, shown */
  char             *selected_name;  /* the current function */
  char             *source_name;
  GtkWidget        *utility;
  guint             loading : 1;
  guint             stale : 1;
} PpvReportPanePrivate;

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

enum {
  SELECTED,
  ACTIVATED,
  FAILED,
  UPDATED,
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PpvReportPane, ppv_report_pane, GTK_TYPE_WIDGET)

#define GET_PRIV(self) ((PpvReportPanePrivate *) ppv_report_pane_get_instance_private (self))

/* --- Releasing ----------------------------------------------------------- */

typedef struct
{
  gpointer       data;
  GDestroyNotify free_func;
} Garbage;

static void
release_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Garbage *garbage = task_data;

  garbage->free_func (garbage->data);
  g_free (garbage);
  g_task_return_boolean (task, TRUE);
}

void
ppv_report_pane_release_in_thread (gpointer       data,
                                   GDestroyNotify free_func)
{
  g_autoptr(GTask) task = NULL;
  Garbage *garbage;

  if (data == NULL)
    return;

  garbage = g_new0 (Garbage, 1);
  garbage->data = data;
  garbage->free_func = free_func;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, ppv_report_pane_release_in_thread);
  g_task_set_task_data (task, garbage, NULL);
  g_task_run_in_thread (task, release_thread);
}

/* Shows @result (owned; NULL shows nothing); the old one goes to a worker. */
static void
take_result (PpvReportPane *self,
             gpointer       result)
{
  PpvReportPanePrivate *priv = GET_PRIV (self);
  PpvReportPaneClass *klass = PPV_REPORT_PANE_GET_CLASS (self);
  gpointer old = priv->result;

  if (old == NULL && result == NULL)
    return;

  priv->result = result;
  klass->apply (self, result);
  ppv_report_pane_release_in_thread (old, klass->result_free);
  g_signal_emit (self, signals[UPDATED], 0);
}

/* --- Building ------------------------------------------------------------ */

static void
set_loading (PpvReportPane *self,
             gboolean       loading)
{
  PpvReportPanePrivate *priv = GET_PRIV (self);

  if (priv->loading == !!loading)
    return;
  priv->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  /* The class only: the pane itself belongs to the main thread. */
  PpvReportPaneClass *klass = PPV_REPORT_PANE_GET_CLASS (source_object);
  g_autoptr(GError) error = NULL;
  gpointer result;

  result = klass->build (task_data, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, klass->result_free);
}

static void
build_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  PpvReportPane *self = PPV_REPORT_PANE (object);
  PpvReportPanePrivate *priv = GET_PRIV (self);
  PpvReportPaneClass *klass = PPV_REPORT_PANE_GET_CLASS (self);
  g_autoptr(GError) error = NULL;
  gpointer built;
  gboolean settled;

  built = _ppv_report_job_finish (&priv->job, result, klass->result_free, &settled, &error);
  if (built == NULL && error == NULL)
    return;

  if (settled)
    set_loading (self, FALSE);

  if (built == NULL)
    g_signal_emit (self, signals[FAILED], 0, error);
  else
    take_result (self, built);
}

static gboolean
rebuild_cb (gpointer user_data)
{
  PpvReportPane *self = user_data;
  PpvReportPanePrivate *priv = GET_PRIV (self);
  PpvReportPaneClass *klass = PPV_REPORT_PANE_GET_CLASS (self);
  gpointer view_data = NULL;

  if (priv->job.profile != NULL && klass->prepare != NULL)
    view_data = klass->prepare (self);
  if (!_ppv_report_job_start (&priv->job, self, rebuild_cb, build_thread, build_done,
                              view_data, klass->view_data_free))
    set_loading (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* Takes the inputs; builds now, or only keeps them (stale). */
static void
request (PpvReportPane          *self,
         PpvProfile             *profile,
         const PpvReportOptions *options,
         gboolean                build_now)
{
  PpvReportPanePrivate *priv = GET_PRIV (self);

  _ppv_report_job_set_inputs (&priv->job, profile, options);

  if (profile == NULL)
    {
      /* Nothing to build: show nothing at once, visible or not. */
      priv->stale = FALSE;
      take_result (self, NULL);
      set_loading (self, FALSE);
      return;
    }

  priv->stale = !build_now;
  if (build_now)
    _ppv_report_job_queue (&priv->job, rebuild_cb, self);
  set_loading (self, build_now);
}

void
ppv_report_pane_set_options (PpvReportPane          *self,
                             PpvProfile             *profile,
                             const PpvReportOptions *options)
{
  g_return_if_fail (PPV_IS_REPORT_PANE (self));
  g_return_if_fail (options != NULL);

  request (self, profile, options, TRUE);
}

static void
adjust (PpvReportPane    *self,
        PpvReportOptions *options)
{
  PpvReportPaneClass *klass = PPV_REPORT_PANE_GET_CLASS (self);
  PpvReportPanePrivate *priv = GET_PRIV (self);

  ppv_report_options_copy (options, &priv->shared);
  if (klass->adjust_options != NULL)
    klass->adjust_options (self, options);
}

void
ppv_report_pane_update (PpvReportPane          *self,
                        PpvProfile             *profile,
                        const PpvReportOptions *shared,
                        gboolean                build_now)
{
  PpvReportPanePrivate *priv = GET_PRIV (self);
  PpvReportOptions options;

  g_return_if_fail (PPV_IS_REPORT_PANE (self));
  g_return_if_fail (shared != NULL);

  if (shared != &priv->shared)
    {
      ppv_report_options_clear (&priv->shared);
      ppv_report_options_copy (&priv->shared, shared);
    }
  adjust (self, &options);
  request (self, profile, &options, build_now);
  ppv_report_options_clear (&options);
}

void
ppv_report_pane_options_changed (PpvReportPane *self)
{
  PpvReportPanePrivate *priv = GET_PRIV (self);

  g_return_if_fail (PPV_IS_REPORT_PANE (self));

  ppv_report_pane_update (self, priv->job.profile, &priv->shared, !priv->stale);
}

void
ppv_report_pane_refresh (PpvReportPane *self)
{
  PpvReportPanePrivate *priv = GET_PRIV (self);

  g_return_if_fail (PPV_IS_REPORT_PANE (self));

  if (priv->stale)
    request (self, priv->job.profile, &priv->job.options, TRUE);
}

gboolean
ppv_report_pane_get_stale (PpvReportPane *self)
{
  g_return_val_if_fail (PPV_IS_REPORT_PANE (self), FALSE);
  return GET_PRIV (self)->stale;
}

gboolean
ppv_report_pane_get_loading (PpvReportPane *self)
{
  g_return_val_if_fail (PPV_IS_REPORT_PANE (self), FALSE);
  return GET_PRIV (self)->loading;
}

PpvProfile *
ppv_report_pane_get_profile (PpvReportPane *self)
{
  g_return_val_if_fail (PPV_IS_REPORT_PANE (self), NULL);
  return GET_PRIV (self)->job.profile;
}

const PpvReportOptions *
ppv_report_pane_get_options (PpvReportPane *self)
{
  g_return_val_if_fail (PPV_IS_REPORT_PANE (self), NULL);
  return GET_PRIV (self)->job.profile != NULL ? &GET_PRIV (self)->job.options : NULL;
}

PpvReport *
ppv_report_pane_get_report (PpvReportPane *self)
{
  PpvReportPaneClass *klass;

  g_return_val_if_fail (PPV_IS_REPORT_PANE (self), NULL);

  klass = PPV_REPORT_PANE_GET_CLASS (self);
  return klass->get_report != NULL ? klass->get_report (self) : NULL;
}

char **
ppv_report_pane_dup_legend (PpvReportPane *self)
{
  PpvReportPaneClass *klass;
  PpvReport *report;

  g_return_val_if_fail (PPV_IS_REPORT_PANE (self), NULL);

  report = ppv_report_pane_get_report (self);
  if (report != NULL)
    return g_strdupv ((char **) ppv_report_get_header_lines (report));
  klass = PPV_REPORT_PANE_GET_CLASS (self);
  return klass->dup_legend != NULL ? klass->dup_legend (self) : NULL;
}

/* --- Selection and search ------------------------------------------------ */

gboolean
ppv_report_pane_select_name (PpvReportPane *self,
                             const char    *plain_name)
{
  PpvReportPanePrivate *priv;

  g_return_val_if_fail (PPV_IS_REPORT_PANE (self), FALSE);

  priv = GET_PRIV (self);
  if (plain_name != priv->selected_name)
    {
      g_free (priv->selected_name);
      priv->selected_name = g_strdup (plain_name);
    }
  if (PPV_REPORT_PANE_GET_CLASS (self)->select_name == NULL)
    return FALSE;
  return PPV_REPORT_PANE_GET_CLASS (self)->select_name (self, plain_name);
}

const char *
ppv_report_pane_get_selected_name (PpvReportPane *self)
{
  g_return_val_if_fail (PPV_IS_REPORT_PANE (self), NULL);
  return GET_PRIV (self)->selected_name;
}

void
ppv_report_pane_set_search (PpvReportPane *self,
                            const char    *text)
{
  PpvReportPaneClass *klass;

  g_return_if_fail (PPV_IS_REPORT_PANE (self));

  klass = PPV_REPORT_PANE_GET_CLASS (self);
  if (klass->set_search != NULL)
    klass->set_search (self, text);
}

void
ppv_report_pane_emit_selected (PpvReportPane *self,
                               const char    *plain_name)
{
  PpvReportPanePrivate *priv;

  g_return_if_fail (PPV_IS_REPORT_PANE (self));

  priv = GET_PRIV (self);
  if (plain_name != priv->selected_name)
    {
      g_free (priv->selected_name);
      priv->selected_name = g_strdup (plain_name);
    }
  g_signal_emit (self, signals[SELECTED], 0, plain_name);
}

void
ppv_report_pane_emit_activated (PpvReportPane *self,
                                const char    *plain_name)
{
  g_return_if_fail (PPV_IS_REPORT_PANE (self));
  g_signal_emit (self, signals[ACTIVATED], 0, plain_name);
}

void
ppv_report_pane_toast (PpvReportPane *self,
                       const char    *message)
{
  g_return_if_fail (PPV_IS_REPORT_PANE (self));
  g_signal_emit (self, signals[TOAST], 0, message);
}

/* --- Page, utility, actions ---------------------------------------------- */

void
ppv_report_pane_set_source_name (PpvReportPane *self,
                                 const char    *source_name)
{
  PpvReportPanePrivate *priv;

  g_return_if_fail (PPV_IS_REPORT_PANE (self));

  priv = GET_PRIV (self);
  g_free (priv->source_name);
  priv->source_name = g_strdup (source_name);
}

char *
ppv_report_pane_dup_export_stem (PpvReportPane *self)
{
  g_return_val_if_fail (PPV_IS_REPORT_PANE (self), NULL);
  return ppv_report_pane_stem_from_source (GET_PRIV (self)->source_name);
}

char *
ppv_report_pane_stem_from_source (const char *source_name)
{
  static const char * const suffixes[] = { ".gz", ".pb", ".pprof", ".prof", ".proto" };
  g_autofree char *base = NULL;
  const char *start;
  gboolean stripped = TRUE;

  if (source_name == NULL || source_name[0] == '\0')
    return g_strdup ("profile");

  /* URLs and paths alike: the last non-empty component, no query. */
  base = g_strdup (source_name);
  base[strcspn (base, "?#")] = '\0';
  while (base[0] != '\0' && base[strlen (base) - 1] == '/')
    base[strlen (base) - 1] = '\0';
  start = strrchr (base, '/');
  start = start != NULL ? start + 1 : base;
  memmove (base, start, strlen (start) + 1);

  while (stripped)
    {
      stripped = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        if (g_str_has_suffix (base, suffixes[i]) && strlen (base) > strlen (suffixes[i]))
          {
            base[strlen (base) - strlen (suffixes[i])] = '\0';
            stripped = TRUE;
          }
    }

  if (base[0] == '\0' || base[0] == '.')
    return g_strdup ("profile");

  return g_steal_pointer (&base);
}

const char *
ppv_report_pane_get_page_name (PpvReportPane *self)
{
  g_return_val_if_fail (PPV_IS_REPORT_PANE (self), NULL);
  return PPV_REPORT_PANE_GET_CLASS (self)->page_name;
}

const char *
ppv_report_pane_get_page_title (PpvReportPane *self)
{
  const char *title;

  g_return_val_if_fail (PPV_IS_REPORT_PANE (self), NULL);
  title = PPV_REPORT_PANE_GET_CLASS (self)->page_title;
  return title != NULL ? _(title) : NULL;
}

const char *
ppv_report_pane_get_icon_name (PpvReportPane *self)
{
  g_return_val_if_fail (PPV_IS_REPORT_PANE (self), NULL);
  return PPV_REPORT_PANE_GET_CLASS (self)->icon_name;
}

const char *
ppv_report_pane_get_search_placeholder (PpvReportPane *self)
{
  const char *placeholder;

  g_return_val_if_fail (PPV_IS_REPORT_PANE (self), NULL);
  placeholder = PPV_REPORT_PANE_GET_CLASS (self)->search_placeholder;
  return placeholder != NULL ? _(placeholder) : _("Search functions");
}

gboolean
ppv_report_pane_shows_profile (PpvReportPane *self,
                               PpvProfile    *profile)
{
  PpvReportPaneClass *klass;

  g_return_val_if_fail (PPV_IS_REPORT_PANE (self), FALSE);
  klass = PPV_REPORT_PANE_GET_CLASS (self);
  return profile == NULL || klass->shows_profile == NULL || klass->shows_profile (profile);
}

GtkWidget *
ppv_report_pane_get_utility (PpvReportPane *self)
{
  g_return_val_if_fail (PPV_IS_REPORT_PANE (self), NULL);
  return GET_PRIV (self)->utility;
}

void
ppv_report_pane_set_utility (PpvReportPane *self,
                             GtkWidget     *utility)
{
  PpvReportPanePrivate *priv;

  g_return_if_fail (PPV_IS_REPORT_PANE (self));

  priv = GET_PRIV (self);
  if (utility != NULL)
    g_object_ref_sink (utility);
  g_clear_object (&priv->utility);
  priv->utility = utility;
}

char *
ppv_report_pane_dup_action (PpvReportPane *self,
                            const char    *verb)
{
  GtkWidgetClass *widget_class;
  const GVariantType *parameter_type;
  const char *name, *property;
  GType owner;

  g_return_val_if_fail (PPV_IS_REPORT_PANE (self), NULL);

  widget_class = GTK_WIDGET_GET_CLASS (self);
  for (guint i = 0; gtk_widget_class_query_action (widget_class, i, &owner, &name,
                                                     &parameter_type, &property); i++)
    {
      const char *dot = strchr (name, '.');

      /* Only the pane's own: not view.* that it may borrow. */
      if (dot != NULL && g_type_is_a (owner, PPV_TYPE_REPORT_PANE)
          && owner != PPV_TYPE_REPORT_PANE && g_str_equal (dot + 1, verb))
        return g_strdup (name);
    }
  return NULL;
}

void
ppv_report_pane_append_show_in (PpvReportPane *self,
                                GMenu         *menu,
                                const char    *plain_name)
{
  GtkWidget *stack;
  g_autoptr(GMenu) targets = g_menu_new ();

  g_return_if_fail (PPV_IS_REPORT_PANE (self));

  stack = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_VIEW_STACK);
  if (stack == NULL || plain_name == NULL)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (stack);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autoptr(GMenuItem) item = NULL;
      PpvReportPane *pane;

      /* A pane that shows no functions (Labels) is not a place to show one. */
      if (!PPV_IS_REPORT_PANE (child) || child == GTK_WIDGET (self) ||
          PPV_REPORT_PANE_GET_CLASS (child)->select_name == NULL)
        continue;
      /* Not for a pane the profile has nothing for (Goroutines, for a heap profile). */
      if (!adw_view_stack_page_get_visible (adw_view_stack_get_page (ADW_VIEW_STACK (stack), child)))
        continue;

      pane = PPV_REPORT_PANE (child);
      item = g_menu_item_new (ppv_report_pane_get_page_title (pane), NULL);
      g_menu_item_set_action_and_target_value (item, "view.show-in",
                                               g_variant_new ("(ss)",
                                                              ppv_report_pane_get_page_name (pane),
                                                              plain_name));
      g_menu_append_item (targets, item);
    }

  if (g_menu_model_get_n_items (G_MENU_MODEL (targets)) > 0)
    /* Translators: a submenu listing the other views, e.g. Call Graph. */
    g_menu_append_submenu (menu, _("_Show in"), G_MENU_MODEL (targets));
}

/* --- GObject ------------------------------------------------------------- */

static void
ppv_report_pane_dispose (GObject *object)
{
  PpvReportPane *self = PPV_REPORT_PANE (object);
  PpvReportPanePrivate *priv = GET_PRIV (self);

  _ppv_report_job_cancel (&priv->job);
  g_clear_object (&priv->utility);

  G_OBJECT_CLASS (ppv_report_pane_parent_class)->dispose (object);
}

static void
ppv_report_pane_finalize (GObject *object)
{
  PpvReportPane *self = PPV_REPORT_PANE (object);
  PpvReportPanePrivate *priv = GET_PRIV (self);
  PpvReportPaneClass *klass = PPV_REPORT_PANE_GET_CLASS (self);

  _ppv_report_job_clear (&priv->job);
  ppv_report_options_clear (&priv->shared);
  if (priv->result != NULL)
    klass->result_free (priv->result);
  g_free (priv->selected_name);
  g_free (priv->source_name);

  G_OBJECT_CLASS (ppv_report_pane_parent_class)->finalize (object);
}

static void
ppv_report_pane_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PpvReportPane *self = PPV_REPORT_PANE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, GET_PRIV (self)->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ppv_report_pane_class_init (PpvReportPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ppv_report_pane_dispose;
  object_class->finalize = ppv_report_pane_finalize;
  object_class->get_property = ppv_report_pane_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user selected a function; the argument is its plain name. */
  signals[SELECTED] =
    g_signal_new ("selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The user activated a function (double click, Enter) to see it elsewhere. */
  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* Building failed (never for cancellation). */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* A new result (or none) is shown. */
  signals[UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A message for the window's toast overlay. */
  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ppv_report_pane_init (PpvReportPane *self)
{
  PpvReportPanePrivate *priv = GET_PRIV (self);

  _ppv_report_job_init (&priv->job);
  ppv_report_options_init (&priv->shared);
}
