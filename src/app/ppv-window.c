/* ppv-window.c — a window of tabs, each showing one source: a profile file or a live /debug/pprof server.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <string.h>

#include "ppv-app-settings.h"
#include "ppv-window-private.h"

G_DEFINE_FINAL_TYPE (PpvWindow, ppv_window, ADW_TYPE_APPLICATION_WINDOW)

/* Page switching and reordering keys: Ctrl+Page Up/Down (and with Shift
 * to move the tab), Alt+1…9 and Alt+0.  Ctrl+Tab and Ctrl+Home/End stay
 * with the views (the graph leaves with Ctrl+Tab, tables scroll). */ 
#define TAB_SHORTCUTS (ADW_TAB_VIEW_SHORTCUT_CONTROL_PAGE_UP | ADW_TAB_VIEW_SHORTCUT_CONTROL_PAGE_DOWN \
                       | ADW_TAB_VIEW_SHORTCUT_CONTROL_SHIFT_PAGE_UP                                  \
                       | ADW_TAB_VIEW_SHORTCUT_CONTROL_SHIFT_PAGE_DOWN                                \
                       | ADW_TAB_VIEW_SHORTCUT_ALT_DIGITS | ADW_TAB_VIEW_SHORTCUT_ALT_ZERO)

/* --- The visible tab ----------------------------------------------------- */

static gboolean
on_profile (PpvWindow *self)
{
  return self->visible_page != NULL && g_str_equal (ppv_page_get_state (self->visible_page), "profile");
}

static void
update_switcher_bar (PpvWindow *self)
{
  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    on_profile (self) && adw_view_switcher_title_get_title_visible (self->switcher_title));
}

/* The header shows the view switcher when there is room, and the title
 * only when there is not; the status line stays visible. */
static void
update_titles (PpvWindow *self)
{
  const char *title = _("Pprof Viewer");
  const char *subtitle = NULL;

  if (self->visible_page != NULL)
    {
      title = ppv_page_get_title (self->visible_page);
      subtitle = ppv_page_get_subtitle (self->visible_page);
    }

  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, on_profile (self));
  gtk_widget_set_visible (self->status_bar, on_profile (self));
  adw_view_switcher_title_set_title (self->switcher_title, title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle != NULL ? subtitle : "");
  gtk_window_set_title (GTK_WINDOW (self), title);
  update_switcher_bar (self);
}

/* Shows @text in the address entry without popping up completions: only
 * typing should offer recent sources. */
static void
set_address_text (PpvWindow  *self,
                  const char *text)
{
  self->suppress_completion = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->address_entry), text != NULL ? text : "");
  self->suppress_completion = FALSE;
}

static void
page_address_cb (PpvWindow *self)
{
  if (self->visible_page != NULL)
    set_address_text (self, ppv_page_get_address (self->visible_page));
}

/* The label's text and tooltip come from the visible page
 * (page_bindings); a new tooltip replaces the accessible description that
 * test tools and screen readers find the status line by. */
static void
page_status_cb (PpvWindow *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "profile-details",
                                  -1);
}

static void
page_state_cb (PpvWindow *self)
{
  update_titles (self);
  _ppv_window_update_actions (self);
}

static void
selected_page_cb (PpvWindow *self)
{
  AdwTabPage *selected = adw_tab_view_get_selected_page (self->tab_view);
  PpvPage *page = selected != NULL ? PPV_PAGE (adw_tab_page_get_child (selected)) : NULL;
  AdwViewStack *stack = page != NULL ? ppv_page_get_view_stack (page) : NULL;

  self->visible_page = page;

  /* GTK 4.8 would present the tabs behind to screen readers as well. */
  for (int i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    {
      GtkWidget *child = adw_tab_page_get_child (adw_tab_view_get_nth_page (self->tab_view, i));

      gtk_accessible_update_state (GTK_ACCESSIBLE (child),
                                   GTK_ACCESSIBLE_STATE_HIDDEN, child != GTK_WIDGET (page),
                                   -1);
    }
  g_binding_group_set_source (self->page_bindings, page);
  g_signal_group_set_target (self->page_signals, page);
  g_signal_group_set_target (self->action_signals, page != NULL ? ppv_page_get_actions (page) : NULL);

  /* The header's view switcher shows the visible tab's views. */
  adw_view_switcher_title_set_stack (self->switcher_title, stack);
  adw_view_switcher_bar_set_stack (self->switcher_bar, stack);

  page_address_cb (self);
  page_status_cb (self);
  page_state_cb (self);
}

void
_ppv_window_show_toast (PpvWindow  *self,
                        const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/* --- Tabs ---------------------------------------------------------------- */

static PpvPage *
add_page (PpvWindow *self)
{
  GtkWidget *page = ppv_page_new ();
  AdwTabPage *selected = adw_tab_view_get_selected_page (self->tab_view);
  int position = selected != NULL ? adw_tab_view_get_page_position (self->tab_view, selected) + 1
                                  : adw_tab_view_get_n_pages (self->tab_view);
  AdwTabPage *tab = adw_tab_view_insert (self->tab_view, page, position);

  adw_tab_view_set_selected_page (self->tab_view, tab);
  return PPV_PAGE (page);
}

/* The tab a new source should go to: the selected one when it is blank,
 * else a new tab after it. */
static PpvPage *
target_page (PpvWindow *self)
{
  if (self->visible_page != NULL && ppv_page_is_blank (self->visible_page))
    return self->visible_page;
  return add_page (self);
}

static PpvPage *
current_page (PpvWindow *self)
{
  return self->visible_page != NULL ? self->visible_page : add_page (self);
}

static void
session_changed (PpvWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app != NULL && !self->closing)
    ppv_application_queue_save_session (PPV_APPLICATION (app));
}

static void
refresh_recent (PpvWindow *self)
{
  g_auto(GStrv) recent = ppv_app_settings_dup_recent_sources ();
  guint n_pages = adw_tab_view_get_n_pages (self->tab_view);

  /* Refilling the store must not pop up completions for the text that
   * is already in the entry. */
  self->suppress_completion = TRUE;
  gtk_list_store_clear (self->recent_store);
  for (guint i = 0; recent[i] != NULL; i++)
    gtk_list_store_insert_with_values (self->recent_store, NULL, -1, 0, recent[i], -1);
  self->suppress_completion = FALSE;

  for (guint i = 0; i < n_pages; i++)
    {
      AdwTabPage *tab = adw_tab_view_get_nth_page (self->tab_view, i);

      ppv_page_set_recent (PPV_PAGE (adw_tab_page_get_child (tab)), (const char * const *) recent);
    }
}

static void
page_remember_cb (PpvWindow  *self,
                  const char *source,
                  PpvPage    *page)
{
  ppv_app_settings_add_recent_source (source);
  /* Without a schema there is no ::changed to tell us. */
  if (ppv_app_settings_get_default () == NULL)
    refresh_recent (self);
}

static void
page_attached_cb (PpvWindow  *self,
                  AdwTabPage *tab,
                  int         position)
{
  PpvPage *page = PPV_PAGE (adw_tab_page_get_child (tab));
  g_auto(GStrv) recent = ppv_app_settings_dup_recent_sources ();

  /* A tab keeps its bindings when it moves to another window. */
  if (g_object_get_data (G_OBJECT (tab), "ppv-bound") == NULL)
    {
      g_object_bind_property (page, "tab-title", tab, "title", G_BINDING_SYNC_CREATE);
      g_object_bind_property (page, "tab-tooltip", tab, "tooltip", G_BINDING_SYNC_CREATE);
      g_object_bind_property (page, "loading", tab, "loading", G_BINDING_SYNC_CREATE);
      g_object_set_data (G_OBJECT (tab), "ppv-bound", GINT_TO_POINTER (TRUE));
    }

  ppv_page_set_recent (page, (const char * const *) recent);
  g_signal_connect_object (page, "remember", G_CALLBACK (page_remember_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "notify::state", G_CALLBACK (session_changed), self, G_CONNECT_SWAPPED);
  session_changed (self);
}

static void
page_detached_cb (PpvWindow  *self,
                  AdwTabPage *tab,
                  int         position)
{
  GObject *page = G_OBJECT (adw_tab_page_get_child (tab));

  g_signal_handlers_disconnect_by_data (page, self);
  session_changed (self);
}

static gboolean
close_if_empty_cb (gpointer data)
{
  g_autoptr(PpvWindow) self = data;

  if (self->tab_view != NULL
      && adw_tab_view_get_n_pages (self->tab_view) == 0
      && !adw_tab_view_get_is_transferring_page (self->tab_view))
    gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

/* The last tab closed, or dragged away: the window goes too, once
 * AdwTabView has finished moving the page (closing it from inside
 * adw_tab_view_transfer_page() destroyed the view mid-transfer). */
static void
n_pages_cb (PpvWindow *self)
{
  if (adw_tab_view_get_n_pages (self->tab_view) == 0)
    g_idle_add (close_if_empty_cb, g_object_ref (self));
}

static AdwTabView *
create_window_cb (PpvWindow  *self,
                  AdwTabView *view)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  PpvWindow *window;

  if (app == NULL)
    return NULL;

  /* Without the empty tab a window usually starts with. */
  window = g_object_new (PPV_TYPE_WINDOW, "application", app, NULL);
  gtk_window_present (GTK_WINDOW (window));
  return window->tab_view;
}

/* --- Recent sources and the address entry -------------------------------- */

static gboolean
completion_match (GtkEntryCompletion *completion,
                  const char         *key,
                  GtkTreeIter        *iter,
                  gpointer            user_data)
{
  PpvWindow *self = user_data;
  GtkTreeModel *model = gtk_entry_completion_get_model (completion);
  g_autofree char *source = NULL;
  g_autofree char *source_folded = NULL;
  g_autofree char *key_folded = NULL;

  if (self->suppress_completion)
    return FALSE;

  gtk_tree_model_get (model, iter, 0, &source, -1);
  if (source == NULL)
    return FALSE;

  /* Anywhere in the string: "6060" finds "localhost:6060". */
  source_folded = g_utf8_casefold (source, -1);
  key_folded = g_utf8_casefold (key, -1);
  return strstr (source_folded, key_folded) != NULL;
}

static gboolean
completion_match_selected (GtkEntryCompletion *completion,
                           GtkTreeModel       *model,
                           GtkTreeIter        *iter,
                           gpointer            user_data)
{
  PpvWindow *self = user_data;
  g_autofree char *source = NULL;

  gtk_tree_model_get (model, iter, 0, &source, -1);
  ppv_page_open_address (current_page (self), source, NULL);
  return TRUE;
}

/* What is typed in the address entry loads into the tab on screen. */
static void
address_activated_cb (PpvWindow *self,
                      GtkEntry  *entry)
{
  ppv_page_open_address (current_page (self), gtk_editable_get_text (GTK_EDITABLE (entry)), NULL);
}

static void
recent_changed_cb (PpvWindow *self)
{
  refresh_recent (self);
}

/* --- Public API ---------------------------------------------------------- */

void
ppv_window_open_file (PpvWindow *self,
                      GFile     *file)
{
  g_return_if_fail (PPV_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  ppv_page_open_file (target_page (self), file);
}

void
ppv_window_open_pasted (PpvWindow  *self,
                        GBytes     *bytes,
                        PpvProfile *profile)
{
  g_autoptr(PpvRequest) request = NULL;

  g_return_if_fail (PPV_IS_WINDOW (self));
  g_return_if_fail (bytes != NULL && profile != NULL);

  request = ppv_request_new_pasted (bytes, profile);
  ppv_page_start (target_page (self), request);
}

/* The sample shows what the app does; it is not a source people chose. */
void
ppv_window_open_sample (PpvWindow *self,
                        GFile     *file)
{
  g_return_if_fail (PPV_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  ppv_page_open_unremembered (target_page (self), file, FALSE);
}

void
ppv_window_restore_file (PpvWindow *self,
                         GFile     *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (PPV_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* A watch tab comes back as its session, never watching again by
   * itself (nothing is fetched silently). */
  path = g_file_get_path (file);
  if (path != NULL && g_file_test (path, G_FILE_TEST_IS_DIR))
    ppv_page_open_watch_session (target_page (self), path);
  else
    ppv_page_open_unremembered (target_page (self), file, TRUE);
}

void
ppv_window_open_address (PpvWindow  *self,
                         const char *text,
                         const char *cwd)
{
  g_return_if_fail (PPV_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  ppv_page_open_address (target_page (self), text, cwd);
}

void
ppv_window_open_compared (PpvWindow   *self,
                          const char  *text,
                          const char  *cwd,
                          const char  *base_text,
                          PpvBaseMode  mode,
                          gboolean     normalize)
{
  PpvPage *page;

  g_return_if_fail (PPV_IS_WINDOW (self));
  g_return_if_fail (text != NULL && base_text != NULL);

  page = target_page (self);
  ppv_page_open_address (page, text, cwd);
  ppv_page_compare_after_load (page, base_text, cwd, mode, normalize);
}

void
ppv_window_watch (PpvWindow  *self,
                  const char *source,
                  gboolean    gc,
                  guint       interval)
{
  g_return_if_fail (PPV_IS_WINDOW (self));
  g_return_if_fail (source != NULL);

  ppv_page_watch (target_page (self), source, gc, interval);
}

void
ppv_window_open_watch_session (PpvWindow  *self,
                               const char *directory)
{
  g_return_if_fail (PPV_IS_WINDOW (self));
  g_return_if_fail (directory != NULL);

  ppv_page_open_watch_session (target_page (self), directory);
}

void
ppv_window_add_session (PpvWindow *self,
                        GPtrArray *paths)
{
  guint n_pages;

  g_return_if_fail (PPV_IS_WINDOW (self));

  if (self->closing)
    return;

  n_pages = adw_tab_view_get_n_pages (self->tab_view);
  for (guint i = 0; i < n_pages; i++)
    {
      AdwTabPage *tab = adw_tab_view_get_nth_page (self->tab_view, i);
      char *path = ppv_page_dup_session_path (PPV_PAGE (adw_tab_page_get_child (tab)));

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
}

/* --- Drag and drop ------------------------------------------------------- */

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  PpvWindow *self = user_data;
  GSList *files = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    files = gdk_file_list_get_files (g_value_get_boxed (value));
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    files = g_slist_prepend (NULL, g_value_get_object (value));
  else if (G_VALUE_HOLDS (value, G_TYPE_STRING))
    {
      const char *text = g_value_get_string (value);
      g_auto(GStrv) lines = NULL;

      if (text == NULL)
        return FALSE;
      /* A dragged link or a text/uri-list: the first line is enough. */
      lines = g_strsplit (text, "\n", 2);
      if (lines[0] == NULL || *g_strstrip (lines[0]) == '\0')
        return FALSE;
      ppv_window_open_address (self, lines[0], NULL);
      return TRUE;
    }

  if (files == NULL)
    return FALSE;

  /* A tab each; the selected tab is reused only when it is empty. */
  for (GSList *l = files; l != NULL; l = l->next)
    ppv_window_open_file (self, l->data);
  g_slist_free (files);

  return TRUE;
}

/* --- GObject ------------------------------------------------------------- */

static gboolean
ppv_window_close_request (GtkWindow *window)
{
  PpvWindow *self = PPV_WINDOW (window);
  GtkApplication *app = gtk_window_get_application (window);
  int width, height;
  gboolean maximized = gtk_window_is_maximized (window);

  gtk_window_get_default_size (window, &width, &height);
  ppv_app_settings_set_boolean ("window-maximized", maximized);
  if (!maximized && width > 0 && height > 0)
    {
      /* Within the schema's ranges, or GSettings refuses the write. */
      ppv_app_settings_set_int ("window-width", CLAMP (width, 360, 10000));
      ppv_app_settings_set_int ("window-height", CLAMP (height, 300, 10000));
    }

  /* The last window's tabs are the session to restore; closing one of
   * several windows drops its tabs from it. */
  if (app != NULL && !self->closing)
    {
      GList *windows = gtk_application_get_windows (app);
      gboolean last = windows != NULL && windows->next == NULL;

      if (last)
        ppv_application_save_session (PPV_APPLICATION (app));
      self->closing = TRUE;
      if (!last)
        ppv_application_queue_save_session (PPV_APPLICATION (app));
    }

  return GTK_WINDOW_CLASS (ppv_window_parent_class)->close_request (window);
}

static void
ppv_window_dispose (GObject *object)
{
  PpvWindow *self = PPV_WINDOW (object);

  self->closing = TRUE;
  self->visible_page = NULL;
  if (self->page_bindings != NULL)
    g_binding_group_set_source (self->page_bindings, NULL);
  if (self->page_signals != NULL)
    g_signal_group_set_target (self->page_signals, NULL);
  if (self->action_signals != NULL)
    g_signal_group_set_target (self->action_signals, NULL);

  g_clear_signal_handler (&self->recent_changed_id, ppv_app_settings_get_default ());
  gtk_widget_dispose_template (GTK_WIDGET (self), PPV_TYPE_WINDOW);

  g_clear_object (&self->page_bindings);
  g_clear_object (&self->page_signals);
  g_clear_object (&self->action_signals);
  g_clear_object (&self->completion);
  g_clear_object (&self->recent_store);

  G_OBJECT_CLASS (ppv_window_parent_class)->dispose (object);
}

static void
ppv_window_class_init (PpvWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ppv_window_dispose;
  window_class->close_request = ppv_window_close_request;

  g_type_ensure (PPV_TYPE_PAGE);

  ppv_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pprofviewer/PprofViewer/ppv-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, address_entry);
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, reload_button);
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, tab_bar);
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, tab_view);
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, status_bar);
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, switcher_bar);
  gtk_widget_class_bind_template_callback (widget_class, address_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, selected_page_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_attached_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_detached_cb);
  gtk_widget_class_bind_template_callback (widget_class, session_changed);
  gtk_widget_class_bind_template_callback (widget_class, n_pages_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_window_cb);
}

static void
restore_window_state (PpvWindow *self)
{
  int width = ppv_app_settings_get_int ("window-width");
  int height = ppv_app_settings_get_int ("window-height");

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (ppv_app_settings_get_boolean ("window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
follow_visible_page (PpvWindow *self)
{
  self->page_bindings = g_binding_group_new ();
  g_binding_group_bind (self->page_bindings, "status", self->status_label, "label", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->page_bindings, "status", self->status_label, "tooltip-text",
                        G_BINDING_SYNC_CREATE);

  self->page_signals = g_signal_group_new (PPV_TYPE_PAGE);
  g_signal_group_connect_object (self->page_signals, "notify::state", G_CALLBACK (page_state_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->page_signals, "notify::title", G_CALLBACK (update_titles),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->page_signals, "notify::subtitle", G_CALLBACK (update_titles),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->page_signals, "notify::address", G_CALLBACK (page_address_cb),
                                 self, G_CONNECT_SWAPPED);
  /* After the bindings' own handlers: see page_status_cb(). */
  g_signal_group_connect_object (self->page_signals, "notify::status", G_CALLBACK (page_status_cb),
                                 self, G_CONNECT_SWAPPED);

  self->action_signals = g_signal_group_new (G_TYPE_ACTION_GROUP);
  g_signal_group_connect_object (self->action_signals, "action-enabled-changed",
                                 G_CALLBACK (_ppv_window_update_actions), self, G_CONNECT_SWAPPED);
}

static void
ppv_window_init (PpvWindow *self)
{
  GtkDropTarget *drop_target;
  GSettings *settings;
  GType drop_types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE, G_TYPE_STRING };

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_tab_view_set_shortcuts (self->tab_view, TAB_SHORTCUTS);
  follow_visible_page (self);
  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (update_switcher_bar), self, G_CONNECT_SWAPPED);

  /* Recent sources, offered while typing an address. */
  self->recent_store = gtk_list_store_new (1, G_TYPE_STRING);
  self->completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (self->completion, GTK_TREE_MODEL (self->recent_store));
  gtk_entry_completion_set_text_column (self->completion, 0);
  gtk_entry_completion_set_minimum_key_length (self->completion, 1);
  gtk_entry_completion_set_match_func (self->completion, completion_match, self, NULL);
  g_signal_connect (self->completion, "match-selected", G_CALLBACK (completion_match_selected), self);
  gtk_entry_set_completion (self->address_entry, self->completion);

  settings = ppv_app_settings_get_default ();
  if (settings != NULL)
    self->recent_changed_id = g_signal_connect_swapped (settings, "changed::recent-sources",
                                                        G_CALLBACK (recent_changed_cb), self);
  refresh_recent (self);

  drop_target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop_target, drop_types, G_N_ELEMENTS (drop_types));
  g_signal_connect (drop_target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->tab_view), GTK_EVENT_CONTROLLER (drop_target));

  _ppv_window_actions_init (self);
  restore_window_state (self);
  selected_page_cb (self);
}

PpvWindow *
ppv_window_new (PpvApplication *application)
{
  PpvWindow *self;

  g_return_val_if_fail (PPV_IS_APPLICATION (application), NULL);

  self = g_object_new (PPV_TYPE_WINDOW,
                       "application", application,
                       NULL);
  add_page (self);
  return self;
}
