/* ppv-profile-view.c — the content of a loaded profile: control bar and
 * a list of report panes sharing the options and the current function.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-callers-view.h"
#include "ppv-flame-view.h"
#include "ppv-goroutines-view.h"
#include "ppv-graph-view.h"
#include "ppv-labels-view.h"
#include "ppv-profile-view-private.h"
#include "ppv-top-view.h"
#include "ppv-views.h"

#define SPINNER_DELAY_MS     400

enum {
  PROP_0,
  PROP_DETAILS,
  N_PROPS
};

enum {
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PpvProfileView, ppv_profile_view, GTK_TYPE_WIDGET)

static const PpvGranularity granularities[] = {
  PPV_GRANULARITY_FUNCTIONS,
  PPV_GRANULARITY_FILES,
  PPV_GRANULARITY_LINES,
  PPV_GRANULARITY_ADDRESSES,
};

/* --- Options ------------------------------------------------------------- */

/* What every pane shares; each adjusts it to its own (node count…). */
static void
build_shared_options (PpvProfileView   *self,
                      PpvReportOptions *options)
{
  guint sample = gtk_drop_down_get_selected (self->sample_type_dropdown);
  guint granularity = gtk_drop_down_get_selected (self->granularity_dropdown);

  ppv_report_options_init (options);

  if (self->profile != NULL && sample < self->profile->n_sample_types)
    options->sample_index = g_strdup_printf ("%u", sample);
  if (granularity < G_N_ELEMENTS (granularities))
    options->granularity = granularities[granularity];

  ppv_refine_apply (self->filters, options);
  ppv_label_filters_apply (self->label_filters, options);
}

PpvReportPane *
_ppv_profile_view_get_visible_pane (PpvProfileView *self)
{
  GtkWidget *child = adw_view_stack_get_visible_child (self->stack);

  return child != NULL && PPV_IS_REPORT_PANE (child) ? PPV_REPORT_PANE (child) : NULL;
}

/* Only the shown pane builds; the others are stale until they are shown
 * (kcachegrind's rule), so hidden views never take the CPU. */
void
_ppv_profile_view_rebuild (PpvProfileView *self)
{
  PpvReportPane *visible = _ppv_profile_view_get_visible_pane (self);
  PpvReportOptions options;

  g_hash_table_remove_all (self->said);
  build_shared_options (self, &options);
  for (guint i = 0; i < self->panes->len; i++)
    {
      PpvReportPane *pane = g_ptr_array_index (self->panes, i);

      ppv_report_pane_update (pane, _ppv_profile_view_get_shown_profile (self), &options,
                              pane == visible);
    }
  ppv_report_options_clear (&options);
  _ppv_profile_view_update_actions (self);
}

static void update_details (PpvProfileView *self);

void
_ppv_profile_view_replace_profile (PpvProfileView *self,
                                   PpvProfile     *profile)
{
  g_assert (profile != NULL);

  ppv_profile_ref (profile);
  g_clear_pointer (&self->profile, ppv_profile_unref);
  self->profile = profile;
  /* Label frames go on the compared profile, as pprof adds them after
   * merging. */
  if (!_ppv_profile_view_update_grouping (self))
    _ppv_profile_view_rebuild (self);
  update_details (self);
}

static void
on_visible_page_changed (PpvProfileView *self)
{
  PpvReportPane *visible = _ppv_profile_view_get_visible_pane (self);

  for (guint i = 0; i < self->panes->len; i++)
    {
      PpvReportPane *pane = g_ptr_array_index (self->panes, i);
      GtkWidget *utility = ppv_report_pane_get_utility (pane);

      if (utility != NULL)
        gtk_widget_set_visible (utility, pane == visible);
    }

  if (visible != NULL)
    {
      const char *placeholder = ppv_report_pane_get_search_placeholder (visible);

      g_object_set (self->search_entry, "placeholder-text", placeholder, NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);
      ppv_report_pane_refresh (visible);
    }
  update_details (self);
  _ppv_profile_view_update_actions (self);
}

/* --- Details ------------------------------------------------------------- */

static void
set_details (PpvProfileView *self,
             const char     *details)
{
  if (g_strcmp0 (details, self->details) == 0)
    return;

  g_free (self->details);
  self->details = g_strdup (details);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAILS]);
}

/* One line like pprof's legend: the type, the active filters and how much
 * of the total the pane shows. */
static char *
compose_details (char                  **lines,
                 const PpvReportOptions *options)
{
  GString *str = g_string_new (NULL);
  g_autofree char *filters = options != NULL ? ppv_report_options_describe_filters (options) : NULL;

  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "Type:") || g_str_has_prefix (line, "Showing nodes"))
        {
          if (str->len > 0)
            g_string_append (str, " · ");
          g_string_append (str, line);
        }
      if (g_str_has_prefix (line, "Type:") && filters != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (filters, "\n", -1);

          for (guint j = 0; parts[j] != NULL; j++)
            if (parts[j][0] != '\0')
              {
                g_string_append (str, " · ");
                g_string_append (str, g_strstrip (parts[j]));
              }
        }
    }

  return g_string_free (str, FALSE);
}

/* Said once per change of options: a bad option fails every pane the
 * same way, and their reports carry the same warnings. */
static void
say_once (PpvProfileView *self,
          const char     *message)
{
  if (g_hash_table_contains (self->said, message))
    return;
  g_hash_table_add (self->said, g_strdup (message));
  _ppv_profile_view_toast (self, message);
}

/* The legend of what the shown pane shows. */
static void
update_details (PpvProfileView *self)
{
  PpvReportPane *visible = _ppv_profile_view_get_visible_pane (self);
  g_auto(GStrv) lines = visible != NULL ? ppv_report_pane_dup_legend (visible) : NULL;
  g_autofree char *details = NULL;

  g_autofree char *compared = NULL;

  /* A pane not built yet: keep the legend until it is. */
  if (lines == NULL && self->profile != NULL)
    return;

  details = lines != NULL ? compose_details (lines, ppv_report_pane_get_options (visible)) : NULL;
  compared = _ppv_profile_view_dup_compare_status (self);
  if (compared != NULL && details != NULL)
    {
      char *both = g_strconcat (compared, " · ", details, NULL);

      g_free (details);
      details = both;
    }
  set_details (self, details);
}

static void
on_pane_updated (PpvProfileView *self,
                 PpvReportPane  *pane)
{
  PpvReport *report = ppv_report_pane_get_report (pane);
  const char * const *warnings = report != NULL ? ppv_report_get_warnings (report) : NULL;

  if (pane == _ppv_profile_view_get_visible_pane (self))
    update_details (self);

  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    say_once (self, warnings[i]);
  _ppv_profile_view_update_actions (self);
}

static void
on_pane_failed (PpvProfileView *self,
                const GError   *error,
                PpvReportPane  *pane)
{
  say_once (self, error->message);
}

static void
on_pane_toast (PpvProfileView *self,
               const char     *message,
               PpvReportPane  *pane)
{
  _ppv_profile_view_toast (self, message);
}

/* --- The current function ------------------------------------------------ */

static void
set_current_name (PpvProfileView *self,
                  const char     *plain_name,
                  PpvReportPane  *from)
{
  if (plain_name != self->current_name)
    {
      g_free (self->current_name);
      self->current_name = g_strdup (plain_name);
    }

  self->syncing = TRUE;
  for (guint i = 0; i < self->panes->len; i++)
    {
      PpvReportPane *pane = g_ptr_array_index (self->panes, i);

      if (pane != from)
        ppv_report_pane_select_name (pane, plain_name);
    }
  self->syncing = FALSE;
}

static void
on_pane_selected (PpvProfileView *self,
                  const char     *plain_name,
                  PpvReportPane  *pane)
{
  if (!self->syncing)
    set_current_name (self, plain_name, pane);
}

/* Shows @plain_name selected in the pane of page @page_name. */
static void
show_in (PpvProfileView *self,
         PpvReportPane  *pane,
         const char     *plain_name)
{
  adw_view_stack_set_visible_child (self->stack, GTK_WIDGET (pane));
  set_current_name (self, plain_name, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (pane));
}

void
_ppv_profile_view_show_in (PpvProfileView *self,
                           const char     *page_name,
                           const char     *plain_name)
{
  PpvReportPane *pane = ppv_profile_view_get_pane (self, page_name);

  if (pane != NULL && ppv_report_pane_shows_profile (pane, self->profile))
    show_in (self, pane, plain_name);
}

/* Activating a function (a double click on a row) shows it in the next
 * pane: from the table, the call graph. */
static void
on_pane_activated (PpvProfileView *self,
                   const char     *plain_name,
                   PpvReportPane  *pane)
{
  guint index;

  if (self->panes->len < 2 || !g_ptr_array_find (self->panes, pane, &index))
    return;
  /* The next pane that shows functions (not Labels) and has something
   * for the profile. */
  for (guint i = 1; i < self->panes->len; i++)
    {
      PpvReportPane *next = g_ptr_array_index (self->panes, (index + i) % self->panes->len);

      if (PPV_REPORT_PANE_GET_CLASS (next)->select_name != NULL &&
          ppv_report_pane_shows_profile (next, self->profile))
        {
          show_in (self, next, plain_name);
          return;
        }
    }
}

static void
on_search_changed (PpvProfileView *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  for (guint i = 0; i < self->panes->len; i++)
    ppv_report_pane_set_search (g_ptr_array_index (self->panes, i), text);
}

static gboolean
show_spinner_cb (gpointer user_data)
{
  PpvProfileView *self = user_data;

  self->spinner_source = 0;
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_widget_set_opacity (GTK_WIDGET (self->spinner), 1.0);
  return G_SOURCE_REMOVE;
}

/* The spinner appears only for rebuilds that take a while: an animation
 * redraws the window every frame, which software rendering pays dearly
 * for while the workers need the CPU. */
static void
on_loading_changed (PpvProfileView *self)
{
  gboolean loading = FALSE;

  for (guint i = 0; i < self->panes->len && !loading; i++)
    loading = ppv_report_pane_get_loading (g_ptr_array_index (self->panes, i));

  if (loading)
    {
      if (self->spinner_source == 0 && !gtk_spinner_get_spinning (self->spinner))
        self->spinner_source = g_timeout_add (SPINNER_DELAY_MS, show_spinner_cb, self);
      return;
    }

  g_clear_handle_id (&self->spinner_source, g_source_remove);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_opacity (GTK_WIDGET (self->spinner), 0.0);
}

/* --- Panes --------------------------------------------------------------- */

void
ppv_profile_view_add_pane (PpvProfileView *self,
                           PpvReportPane  *pane)
{
  AdwViewStackPage *page;
  GtkWidget *utility;
  PpvReportOptions options;

  g_return_if_fail (PPV_IS_PROFILE_VIEW (self));
  g_return_if_fail (PPV_IS_REPORT_PANE (pane));
  g_return_if_fail (ppv_report_pane_get_page_name (pane) != NULL);
  g_return_if_fail (ppv_profile_view_get_pane (self, ppv_report_pane_get_page_name (pane)) == NULL);

  g_ptr_array_add (self->panes, g_object_ref_sink (pane));
  page = adw_view_stack_add_titled (self->stack, GTK_WIDGET (pane),
                                    ppv_report_pane_get_page_name (pane),
                                    ppv_report_pane_get_page_title (pane));
  adw_view_stack_page_set_icon_name (page, ppv_report_pane_get_icon_name (pane));

  utility = ppv_report_pane_get_utility (pane);
  if (utility != NULL)
    gtk_box_append (self->utility_box, utility);

  g_signal_connect_object (pane, "selected", G_CALLBACK (on_pane_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pane, "activated", G_CALLBACK (on_pane_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pane, "updated", G_CALLBACK (on_pane_updated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pane, "failed", G_CALLBACK (on_pane_failed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pane, "toast", G_CALLBACK (on_pane_toast), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pane, "notify::loading", G_CALLBACK (on_loading_changed), self, G_CONNECT_SWAPPED);

  /* It joins in the state the others are in. */
  ppv_report_pane_set_source_name (pane, self->source_name);
  ppv_report_pane_set_search (pane, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  ppv_report_pane_select_name (pane, self->current_name);
  build_shared_options (self, &options);
  ppv_report_pane_update (pane, _ppv_profile_view_get_shown_profile (self), &options,
                          pane == _ppv_profile_view_get_visible_pane (self));
  ppv_report_options_clear (&options);

  on_visible_page_changed (self);
}

PpvReportPane *
ppv_profile_view_get_pane (PpvProfileView *self,
                           const char     *page_name)
{
  g_return_val_if_fail (PPV_IS_PROFILE_VIEW (self), NULL);

  for (guint i = 0; i < self->panes->len; i++)
    {
      PpvReportPane *pane = g_ptr_array_index (self->panes, i);

      if (g_strcmp0 (ppv_report_pane_get_page_name (pane), page_name) == 0)
        return pane;
    }
  return NULL;
}

const char *
ppv_profile_view_get_current_name (PpvProfileView *self)
{
  g_return_val_if_fail (PPV_IS_PROFILE_VIEW (self), NULL);
  return self->current_name;
}

/* --- Controls ------------------------------------------------------------ */

/* Panes that have nothing to show for the profile (the Goroutines pane
 * for a heap profile) leave the switcher; if the shown one goes, the
 * first pane is shown. */
static void
update_page_visibility (PpvProfileView *self)
{
  PpvReportPane *visible = _ppv_profile_view_get_visible_pane (self);

  for (guint i = 0; i < self->panes->len; i++)
    {
      PpvReportPane *pane = g_ptr_array_index (self->panes, i);
      AdwViewStackPage *page = adw_view_stack_get_page (self->stack, GTK_WIDGET (pane));
      gboolean shows = ppv_report_pane_shows_profile (pane, self->profile);

      adw_view_stack_page_set_visible (page, shows);
      if (!shows && pane == visible && self->panes->len > 0)
        adw_view_stack_set_visible_child (self->stack, g_ptr_array_index (self->panes, 0));
    }
}

static void
on_option_changed (PpvProfileView *self)
{
  if (self->updating_controls || self->profile == NULL)
    return;

  _ppv_profile_view_rebuild (self);
}

static guint
default_sample_index (PpvProfile *profile)
{
  if (profile->n_sample_types == 0)
    return GTK_INVALID_LIST_POSITION;

  if (profile->default_sample_type != NULL && profile->default_sample_type[0] != '\0')
    for (guint i = 0; i < profile->n_sample_types; i++)
      if (g_strcmp0 (profile->sample_types[i].type, profile->default_sample_type) == 0)
        return i;

  return profile->n_sample_types - 1;
}

void
ppv_profile_view_set_profile (PpvProfileView *self,
                              PpvProfile     *profile,
                              const char     *source_name)
{
  g_autoptr(GtkStringList) types = NULL;
  PpvCompare *kept = NULL;

  g_return_if_fail (PPV_IS_PROFILE_VIEW (self));

  /* The same source again is a reload: it stays compared. */
  if (profile != NULL && self->own != NULL && g_strcmp0 (source_name, self->source_name) == 0)
    kept = _ppv_profile_view_take_compare (self);
  _ppv_profile_view_clear_compare (self);
  if (profile != NULL)
    ppv_profile_ref (profile);
  g_clear_pointer (&self->profile, ppv_profile_unref);
  self->profile = profile;
  g_clear_pointer (&self->own, ppv_profile_unref);
  self->own = profile != NULL ? ppv_profile_ref (profile) : NULL;

  g_free (self->source_name);
  self->source_name = g_strdup (source_name);

  self->updating_controls = TRUE;

  types = gtk_string_list_new (NULL);
  if (profile != NULL)
    for (guint i = 0; i < profile->n_sample_types; i++)
      gtk_string_list_append (types, profile->sample_types[i].type);
  gtk_drop_down_set_model (self->sample_type_dropdown, G_LIST_MODEL (types));
  if (profile != NULL && profile->n_sample_types > 0)
    gtk_drop_down_set_selected (self->sample_type_dropdown, default_sample_index (profile));
  gtk_widget_set_sensitive (GTK_WIDGET (self->sample_type_dropdown),
                            profile != NULL && profile->n_sample_types > 1);

  gtk_drop_down_set_selected (self->granularity_dropdown, 0);
  g_ptr_array_set_size (self->filters, 0);
  _ppv_profile_view_clear_label_filters (self);
  _ppv_profile_view_rebuild_chips (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  self->updating_controls = FALSE;

  set_details (self, NULL);
  update_page_visibility (self);
  for (guint i = 0; i < self->panes->len; i++)
    ppv_report_pane_set_source_name (g_ptr_array_index (self->panes, i), source_name);
  set_current_name (self, NULL, NULL);
  _ppv_profile_view_rebuild (self);
  if (kept != NULL)
    _ppv_profile_view_restore_compare (self, kept);
}

AdwViewStack *
ppv_profile_view_get_stack (PpvProfileView *self)
{
  g_return_val_if_fail (PPV_IS_PROFILE_VIEW (self), NULL);
  return self->stack;
}

const char *
ppv_profile_view_get_details (PpvProfileView *self)
{
  g_return_val_if_fail (PPV_IS_PROFILE_VIEW (self), NULL);
  return self->details;
}

/* --- GObject ------------------------------------------------------------- */

static void
ppv_profile_view_dispose (GObject *object)
{
  PpvProfileView *self = PPV_PROFILE_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->spinner_source, g_source_remove);
  if (self->grouping != NULL)
    g_cancellable_cancel (self->grouping);
  g_clear_object (&self->grouping);
  _ppv_profile_view_clear_compare (self);

  /* The panes go with the stack; the list only borrowed them. */
  if (self->panes != NULL)
    g_ptr_array_set_size (self->panes, 0);

  gtk_widget_dispose_template (GTK_WIDGET (self), PPV_TYPE_PROFILE_VIEW);
  /* Children without an id (the separator) are not the template's to drop. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ppv_profile_view_parent_class)->dispose (object);
}

static void
ppv_profile_view_finalize (GObject *object)
{
  PpvProfileView *self = PPV_PROFILE_VIEW (object);

  g_clear_pointer (&self->profile, ppv_profile_unref);
  g_clear_pointer (&self->grouped, ppv_profile_unref);
  g_clear_pointer (&self->own, ppv_profile_unref);
  g_clear_pointer (&self->filters, g_ptr_array_unref);
  g_clear_pointer (&self->label_filters, g_ptr_array_unref);
  g_clear_pointer (&self->panes, g_ptr_array_unref);
  g_clear_pointer (&self->said, g_hash_table_unref);
  g_free (self->current_name);
  g_free (self->source_name);
  g_free (self->details);

  G_OBJECT_CLASS (ppv_profile_view_parent_class)->finalize (object);
}

static void
ppv_profile_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PpvProfileView *self = PPV_PROFILE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DETAILS:
      g_value_set_string (value, self->details);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ensure_css (GtkWidget *widget)
{
  static GdkDisplay *loaded_for;
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || display == loaded_for)
    return;

  loaded_for = display;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/pprofviewer/PprofViewer/views/views.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
ppv_profile_view_class_init (PpvProfileViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  ppv_views_ensure_resources ();

  object_class->dispose = ppv_profile_view_dispose;
  object_class->finalize = ppv_profile_view_finalize;
  object_class->get_property = ppv_profile_view_get_property;

  properties[PROP_DETAILS] =
    g_param_spec_string ("details", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A message for the window's toast overlay. */
  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pprofviewer/PprofViewer/views/ppv-profile-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, control_bar);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, sample_type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, granularity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, filters_box);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, utility_box);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, spinner);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, reset_button);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, compare_button);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, compare_chip);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, compare_chip_label);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, compare_bar);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, compare_subtract);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, compare_diff);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, compare_normalize);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, compare_swap);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, compare_explanation);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, stack);

  _ppv_profile_view_class_init_actions (widget_class);
  _ppv_profile_view_class_init_label_actions (widget_class);

  gtk_widget_class_set_css_name (widget_class, "ppvprofileview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  g_type_ensure (PPV_TYPE_TOP_VIEW);
  g_type_ensure (PPV_TYPE_GRAPH_VIEW);
}

static void
ppv_profile_view_init (PpvProfileView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_css (GTK_WIDGET (self));

  self->filters = g_ptr_array_new_with_free_func ((GDestroyNotify) ppv_refine_filter_free);
  self->label_filters = g_ptr_array_new_with_free_func ((GDestroyNotify) ppv_label_filter_free);
  self->panes = g_ptr_array_new_with_free_func (g_object_unref);
  self->said = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  g_signal_connect_object (self->sample_type_dropdown, "notify::selected",
                           G_CALLBACK (on_option_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->granularity_dropdown, "notify::selected",
                           G_CALLBACK (on_option_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stack, "notify::visible-child",
                           G_CALLBACK (on_visible_page_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (on_search_changed), self, G_CONNECT_SWAPPED);

  /* The first pane is shown first: the table comes up before the graph. */
  ppv_profile_view_add_pane (self, PPV_REPORT_PANE (ppv_top_view_new ()));
  ppv_profile_view_add_pane (self, PPV_REPORT_PANE (ppv_graph_view_new ()));
  ppv_profile_view_add_pane (self, PPV_REPORT_PANE (ppv_flame_view_new ()));
  ppv_profile_view_add_pane (self, PPV_REPORT_PANE (ppv_callers_view_new ()));
  ppv_profile_view_add_pane (self, PPV_REPORT_PANE (ppv_goroutines_view_new ()));
  ppv_profile_view_add_pane (self, PPV_REPORT_PANE (ppv_labels_view_new ()));

  _ppv_profile_view_rebuild_chips (self);
  _ppv_profile_view_init_compare (self);
  on_loading_changed (self);
  _ppv_profile_view_update_actions (self);
}

GtkWidget *
ppv_profile_view_new (void)
{
  return g_object_new (PPV_TYPE_PROFILE_VIEW, NULL);
}
