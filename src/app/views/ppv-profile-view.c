/* ppv-profile-view.c — the content of a loaded profile: control bar, top
 * table and call graph, linked to each other.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "ppv-error.h"
#include "ppv-profile-view-private.h"
#include "ppv-views.h"

#define SETTINGS_SCHEMA      "io.github.pprofviewer.PprofViewer"
#define NODE_COUNT_KEY       "graph-node-count"
#define DEFAULT_NODE_COUNT   80
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

void
_ppv_profile_view_build_options (PpvProfileView   *self,
                                 PpvReportOptions *options,
                                 gboolean          for_graph)
{
  guint sample = gtk_drop_down_get_selected (self->sample_type_dropdown);
  guint granularity = gtk_drop_down_get_selected (self->granularity_dropdown);

  ppv_report_options_init (options);

  if (self->profile != NULL && sample < self->profile->n_sample_types)
    options->sample_index = g_strdup_printf ("%u", sample);
  if (granularity < G_N_ELEMENTS (granularities))
    options->granularity = granularities[granularity];

  ppv_refine_apply (self->filters, options);

  if (for_graph)
    options->nodecount = gtk_spin_button_get_value_as_int (self->node_count_spin);
  else
    /* The table lists every row: pprof's --nodefraction=0.  Its rows are
     * --top's rows followed by the ones --top drops as too small. */
    options->nodefraction = 0;
}

static void
rebuild_top (PpvProfileView *self)
{
  PpvReportOptions options;

  _ppv_profile_view_build_options (self, &options, FALSE);
  ppv_top_view_set_options (self->top_view, self->profile, &options);
  ppv_report_options_clear (&options);
}

static void
rebuild_graph (PpvProfileView *self)
{
  PpvReportOptions options;

  _ppv_profile_view_build_options (self, &options, TRUE);
  ppv_graph_view_set_options (self->graph_view, self->profile, &options);
  ppv_report_options_clear (&options);
}

static gboolean
graph_page_visible (PpvProfileView *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "graph") == 0;
}

/* The table comes first: while it is being built and the call graph is
 * not on screen, the graph waits, so the two do not share the CPU. */
static void
rebuild (PpvProfileView *self)
{
  rebuild_top (self);
  if (graph_page_visible (self) || self->profile == NULL)
    {
      self->graph_pending = FALSE;
      rebuild_graph (self);
    }
  else
    self->graph_pending = TRUE;
  _ppv_profile_view_update_actions (self);
}

static void
flush_pending_graph (PpvProfileView *self)
{
  if (!self->graph_pending)
    return;
  self->graph_pending = FALSE;
  rebuild_graph (self);
}

static void
on_visible_page_changed (PpvProfileView *self)
{
  if (graph_page_visible (self))
    flush_pending_graph (self);
}

/* --- Filter chips -------------------------------------------------------- */

static void rebuild_chips (PpvProfileView *self);

static void
on_chip_clicked (GtkButton      *button,
                 PpvProfileView *self)
{
  PpvRefineFilter *filter = g_object_get_data (G_OBJECT (button), "ppv-filter");

  if (filter == NULL || !g_ptr_array_remove (self->filters, filter))
    return;

  rebuild_chips (self);
  rebuild (self);
}

static void
rebuild_chips (PpvProfileView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->filters_box))) != NULL)
    gtk_box_remove (self->filters_box, child);

  for (guint i = 0; i < self->filters->len; i++)
    {
      PpvRefineFilter *filter = g_ptr_array_index (self->filters, i);
      g_autofree char *text = NULL;
      g_autofree char *short_name = NULL;
      g_autofree char *accessible = NULL;
      GtkWidget *button, *box, *label, *icon;

      if (g_utf8_strlen (filter->name, 61) > 60)
        {
          g_autofree char *head = g_utf8_substring (filter->name, 0, 60);

          short_name = g_strconcat (head, "…", NULL);
        }
      else
        short_name = g_strdup (filter->name);
      /* Translators: a filter chip, e.g. "Focus: main.run". */
      text = g_strdup_printf (_("%s: %s"), ppv_refine_kind_label (filter->kind), short_name);
      /* Translators: accessible name of a filter chip's button. */
      accessible = g_strdup_printf (_("Remove filter %s=%s"),
                                    ppv_refine_kind_to_string (filter->kind), filter->regex);

      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      label = gtk_label_new (text);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      icon = gtk_image_new_from_icon_name ("window-close-symbolic");
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), icon);

      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "ppv-filter-chip");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, accessible);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      g_object_set_data (G_OBJECT (button), "ppv-filter", filter);
      g_signal_connect (button, "clicked", G_CALLBACK (on_chip_clicked), self);
      gtk_box_append (self->filters_box, button);
    }

  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->filters_box)),
                          self->filters->len > 0);
}

void
_ppv_profile_view_refine (PpvProfileView *self,
                          PpvRefineKind   kind,
                          const char     *name)
{
  if (!ppv_refine_add (self->filters, kind, name))
    return;

  rebuild_chips (self);
  rebuild (self);
}

void
_ppv_profile_view_reset_filters (PpvProfileView *self)
{
  if (self->filters->len == 0)
    return;

  g_ptr_array_set_size (self->filters, 0);
  rebuild_chips (self);
  rebuild (self);
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
 * of the total the report shows. */
static char *
compose_details (PpvReport *report)
{
  const char * const *lines = ppv_report_get_header_lines (report);
  GString *str = g_string_new (NULL);
  PpvReportOptions *options = (PpvReportOptions *) ppv_report_get_options (report);
  g_autofree char *filters = ppv_report_options_describe_filters (options);

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

  if (str->len == 0 && ppv_report_get_type_name (report) != NULL)
    g_string_append_printf (str, "Type: %s", ppv_report_get_type_name (report));

  return g_string_free (str, FALSE);
}

static void
on_top_report_changed (PpvProfileView *self,
                       PpvTopView     *top_view)
{
  PpvReport *report = ppv_top_view_get_report (top_view);
  g_autofree char *details = NULL;
  const char * const *warnings;

  if (report == NULL)
    {
      set_details (self, NULL);
      return;
    }

  details = compose_details (report);
  set_details (self, details);

  warnings = ppv_report_get_warnings (report);
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    _ppv_profile_view_toast (self, warnings[i]);
}

static void
on_failed (PpvProfileView *self,
           const GError   *error,
           GtkWidget      *view)
{
  /* A bad option fails the graph the same way as the table: say it once. */
  if (view == GTK_WIDGET (self->graph_view) && error->domain == PPV_REPORT_ERROR)
    return;

  _ppv_profile_view_toast (self, error->message);
}

/* --- Linking the views --------------------------------------------------- */

static void
on_row_selected (PpvProfileView *self,
                 const char     *plain_name,
                 PpvTopView     *top_view)
{
  if (self->syncing)
    return;

  self->syncing = TRUE;
  ppv_graph_view_select_name (self->graph_view, plain_name);
  self->syncing = FALSE;
}

static void
on_node_selected (PpvProfileView *self,
                  const char     *plain_name,
                  PpvGraphView   *graph_view)
{
  if (self->syncing)
    return;

  self->syncing = TRUE;
  ppv_top_view_select_name (self->top_view, plain_name);
  self->syncing = FALSE;
}

void
_ppv_profile_view_show_in_graph (PpvProfileView *self,
                                 const char     *plain_name)
{
  adw_view_stack_set_visible_child_name (self->stack, "graph");

  self->syncing = TRUE;
  ppv_graph_view_select_name (self->graph_view, plain_name);
  ppv_top_view_select_name (self->top_view, plain_name);
  self->syncing = FALSE;

  gtk_widget_grab_focus (GTK_WIDGET (self->graph_view));
}

static void
on_row_activated (PpvProfileView *self,
                  const char     *plain_name,
                  PpvTopView     *top_view)
{
  _ppv_profile_view_show_in_graph (self, plain_name);
}

static void
on_scene_changed (PpvProfileView *self,
                  PpvGraphView   *graph_view)
{
  _ppv_profile_view_update_actions (self);
}

static void
on_search_changed (PpvProfileView *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  ppv_top_view_set_search (self->top_view, text);
  ppv_graph_view_set_search (self->graph_view, text);
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
  gboolean loading;

  if (!ppv_top_view_get_loading (self->top_view))
    flush_pending_graph (self);

  loading = ppv_top_view_get_loading (self->top_view)
            || ppv_graph_view_get_loading (self->graph_view);

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

/* --- Controls ------------------------------------------------------------ */

static void
on_option_changed (PpvProfileView *self)
{
  if (self->updating_controls || self->profile == NULL)
    return;

  rebuild (self);
}

static void
on_node_count_changed (PpvProfileView *self,
                       GtkSpinButton  *spin)
{
  int value = gtk_spin_button_get_value_as_int (spin);

  if (self->settings != NULL && g_settings_get_int (self->settings, NODE_COUNT_KEY) != value)
    g_settings_set_int (self->settings, NODE_COUNT_KEY, value);

  if (self->updating_controls || self->profile == NULL)
    return;

  self->graph_pending = FALSE;
  rebuild_graph (self);
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

  g_return_if_fail (PPV_IS_PROFILE_VIEW (self));

  if (profile != NULL)
    ppv_profile_ref (profile);
  g_clear_pointer (&self->profile, ppv_profile_unref);
  self->profile = profile;

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
  rebuild_chips (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  self->updating_controls = FALSE;

  set_details (self, NULL);
  ppv_graph_view_select_name (self->graph_view, NULL);
  rebuild (self);
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

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

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
  g_clear_pointer (&self->filters, g_ptr_array_unref);
  g_clear_object (&self->settings);
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
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, node_count_spin);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, spinner);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, reset_button);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, stack);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, top_view);
  gtk_widget_class_bind_template_child (widget_class, PpvProfileView, graph_view);

  _ppv_profile_view_class_init_actions (widget_class);

  gtk_widget_class_set_css_name (widget_class, "ppvprofileview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  g_type_ensure (PPV_TYPE_TOP_VIEW);
  g_type_ensure (PPV_TYPE_GRAPH_VIEW);
}

static void
ppv_profile_view_init (PpvProfileView *self)
{
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_css (GTK_WIDGET (self));

  self->filters = g_ptr_array_new_with_free_func ((GDestroyNotify) ppv_refine_filter_free);

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, NODE_COUNT_KEY))
    {
      self->settings = g_settings_new_full (schema, NULL, NULL);
      gtk_spin_button_set_value (self->node_count_spin,
                                 g_settings_get_int (self->settings, NODE_COUNT_KEY));
    }
  else
    gtk_spin_button_set_value (self->node_count_spin, DEFAULT_NODE_COUNT);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  g_signal_connect_object (self->sample_type_dropdown, "notify::selected",
                           G_CALLBACK (on_option_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->granularity_dropdown, "notify::selected",
                           G_CALLBACK (on_option_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->node_count_spin, "value-changed",
                           G_CALLBACK (on_node_count_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stack, "notify::visible-child",
                           G_CALLBACK (on_visible_page_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (on_search_changed), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->top_view, "row-selected",
                           G_CALLBACK (on_row_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->top_view, "row-activated",
                           G_CALLBACK (on_row_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->top_view, "report-changed",
                           G_CALLBACK (on_top_report_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->top_view, "failed",
                           G_CALLBACK (on_failed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->top_view, "notify::loading",
                           G_CALLBACK (on_loading_changed), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->graph_view, "node-selected",
                           G_CALLBACK (on_node_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->graph_view, "scene-changed",
                           G_CALLBACK (on_scene_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->graph_view, "failed",
                           G_CALLBACK (on_failed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->graph_view, "notify::loading",
                           G_CALLBACK (on_loading_changed), self, G_CONNECT_SWAPPED);

  rebuild_chips (self);
  on_loading_changed (self);
  _ppv_profile_view_update_actions (self);
}

GtkWidget *
ppv_profile_view_new (void)
{
  return g_object_new (PPV_TYPE_PROFILE_VIEW, NULL);
}
