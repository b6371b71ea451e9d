/* ppv-window.c — a window showing one source: a profile file or a live /debug/pprof server.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <string.h>

#include "ppv-app-settings.h"
#include "ppv-endpoint-index.h"
#include "ppv-profile-archive.h"
#include "ppv-profile-loader.h"
#include "ppv-source.h"
#include "ppv-window-private.h"

G_DEFINE_FINAL_TYPE (PpvWindow, ppv_window, ADW_TYPE_APPLICATION_WINDOW)

#define MAX_RECENT_ROWS 6

/* --- Titles and pages ---------------------------------------------------- */

static const char *
visible_page (PpvWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->content_stack);

  return name != NULL ? name : "empty";
}

static void
set_titles (PpvWindow  *self,
            const char *title,
            const char *subtitle)
{
  adw_view_switcher_title_set_title (self->switcher_title, title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle != NULL ? subtitle : "");
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
update_switcher_bar (PpvWindow *self)
{
  gboolean on_profile = g_str_equal (visible_page (self), "profile");

  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    on_profile && adw_view_switcher_title_get_title_visible (self->switcher_title));
}

/* The header shows the view switcher when there is room, and the title
 * only when there is not; the status line keeps what was taken when, and
 * the view's legend ("Type: inuse_space · Showing nodes…"), always visible. */
static void
update_status (PpvWindow *self)
{
  const char *details = ppv_profile_view_get_details (self->profile_view);
  g_autofree char *text = NULL;

  if (self->profile_subtitle == NULL)
    text = g_strdup (details != NULL ? details : "");
  else if (details == NULL || *details == '\0')
    text = g_strdup (self->profile_subtitle);
  else
    text = g_strdup_printf ("%s · %s", self->profile_subtitle, details);

  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "profile-details",
                                  -1);
}

static void
update_titles (PpvWindow *self)
{
  const char *page = visible_page (self);
  gboolean on_profile = g_str_equal (page, "profile");

  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, on_profile);
  gtk_widget_set_visible (self->status_bar, on_profile);

  if (on_profile && self->profile_title != NULL)
    set_titles (self, self->profile_title, self->profile_subtitle);
  else if (g_str_equal (page, "loading") && self->pending != NULL)
    set_titles (self, self->pending->display_name, _("Loading…"));
  else if (g_str_equal (page, "endpoints") && self->index_request != NULL)
    set_titles (self, self->index_request->display_name, _("Choose a Profile"));
  else if (g_str_equal (page, "error") && self->failed != NULL)
    set_titles (self, self->failed->display_name, _("Could not load"));
  else
    set_titles (self, _("Pprof Viewer"), NULL);

  update_switcher_bar (self);
}

static void
page_changed_cb (PpvWindow *self)
{
  update_titles (self);
  _ppv_window_update_actions (self);
}

static void
show_page (PpvWindow  *self,
           const char *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->content_stack, name);

  g_assert (page != NULL);

  if (!g_str_equal (name, "loading"))
    ppv_loading_page_stop (self->loading_page);

  /* Only the page on screen stays visible: GTK 4.8 would otherwise present
   * the hidden pages (a stale error, an old countdown) to screen readers. */
  gtk_widget_set_visible (page, TRUE);
  gtk_stack_set_visible_child (self->content_stack, page);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->content_stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_visible (child, child == page);

  /* The same page again (a new error, a reloaded profile) still needs
   * new titles. */
  page_changed_cb (self);
}

void
_ppv_window_show_toast (PpvWindow  *self,
                        const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/* Shows @text in the address entry without popping up completions: only
 * typing should offer recent sources. */
static void
set_address_text (PpvWindow  *self,
                  const char *text)
{
  self->suppress_completion = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->address_entry), text);
  self->suppress_completion = FALSE;
}

/* --- Recent sources ------------------------------------------------------ */

static void
recent_row_activated_cb (PpvWindow     *self,
                         GtkListBoxRow *row)
{
  const char *source = g_object_get_data (G_OBJECT (row), "ppv-source");

  if (source != NULL)
    ppv_window_open_address (self, source, NULL);
}

static void
refresh_recent (PpvWindow *self)
{
  g_auto(GStrv) recent = ppv_app_settings_dup_recent_sources ();
  GtkWidget *child;
  guint n_rows = 0;

  /* Refilling the store must not pop up completions for the text that
   * is already in the entry. */
  self->suppress_completion = TRUE;
  gtk_list_store_clear (self->recent_store);
  for (guint i = 0; recent[i] != NULL; i++)
    gtk_list_store_insert_with_values (self->recent_store, NULL, -1, 0, recent[i], -1);
  self->suppress_completion = FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; recent[i] != NULL && n_rows < MAX_RECENT_ROWS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon;
      gboolean remote = ppv_source_classify (recent[i]) == PPV_SOURCE_KIND_REMOTE;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), recent[i]);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      icon = gtk_image_new_from_icon_name (remote ? "network-server-symbolic" : "document-open-symbolic");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_widget_set_tooltip_text (row, recent[i]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, recent[i],
                                      -1);
      g_object_set_data_full (G_OBJECT (row), "ppv-source", g_strdup (recent[i]), g_free);
      gtk_list_box_append (self->recent_list, row);
      n_rows++;
    }

  gtk_widget_set_visible (self->recent_box, n_rows > 0);
}

static void
remember_source (PpvWindow  *self,
                 const char *source)
{
  ppv_app_settings_add_recent_source (source);
  /* Without a schema there is no ::changed to tell us. */
  if (ppv_app_settings_get_default () == NULL)
    refresh_recent (self);
}

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
  ppv_window_open_address (self, source, NULL);
  return TRUE;
}

/* --- Loading ------------------------------------------------------------- */

/* One asynchronous step of one request. */
typedef struct
{
  PpvWindow    *self;
  PpvRequest   *request;
  GCancellable *cancellable;   /* tells this attempt from a later one of the same request */
} Op;

static Op *
op_new (PpvWindow  *self,
        PpvRequest *request)
{
  Op *op = g_new0 (Op, 1);

  op->self = g_object_ref (self);
  op->request = ppv_request_ref (request);
  op->cancellable = self->cancellable != NULL ? g_object_ref (self->cancellable) : NULL;
  return op;
}

static void
op_free (Op *op)
{
  g_object_unref (op->self);
  ppv_request_unref (op->request);
  g_clear_object (&op->cancellable);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Op, op_free)

/* FALSE when the result is for a request that was cancelled or replaced. */
static gboolean
op_is_current (Op *op)
{
  return op->self->pending == op->request
         && op->cancellable != NULL
         && op->self->cancellable == op->cancellable;
}

static void
finish_pending (PpvWindow *self)
{
  g_clear_pointer (&self->pending, ppv_request_unref);
  g_clear_object (&self->cancellable);
}

static gboolean
is_network_error (const GError *error)
{
  if (error->domain == PPV_FETCH_ERROR)
    return error->code == PPV_FETCH_ERROR_TLS || error->code == PPV_FETCH_ERROR_TOO_MANY_REDIRECTS;

  if (error->domain != G_IO_ERROR)
    return FALSE;

  switch (error->code)
    {
    case G_IO_ERROR_CONNECTION_REFUSED:
    case G_IO_ERROR_HOST_NOT_FOUND:
    case G_IO_ERROR_HOST_UNREACHABLE:
    case G_IO_ERROR_NETWORK_UNREACHABLE:
    case G_IO_ERROR_TIMED_OUT:
    case G_IO_ERROR_CONNECTION_CLOSED:
    case G_IO_ERROR_PARTIAL_INPUT:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
show_error (PpvWindow  *self,
            PpvRequest *request,
            GError     *error)
{
  g_autofree char *escaped = NULL;

  g_assert (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));

  g_clear_pointer (&self->failed, ppv_request_unref);
  self->failed = ppv_request_ref (request);

  /* A failed reload keeps the profile it would have replaced. */
  if (request == self->profile_request && self->profile != NULL)
    {
      g_autofree char *message = g_markup_escape_text (error->message, -1);
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_button_label (toast, _("Retry"));
      adw_toast_set_action_name (toast, "win.retry");
      adw_toast_set_timeout (toast, 10);
      g_set_weak_pointer (&self->error_toast, toast);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      show_page (self, "profile");
      return;
    }

  adw_status_page_set_icon_name (self->error_page,
                                 is_network_error (error) ? "network-error-symbolic"
                                                          : "dialog-warning-symbolic");
  switch (request->kind)
    {
    case PPV_REQUEST_INDEX:
      adw_status_page_set_title (self->error_page, _("Could Not List the Server’s Profiles"));
      break;
    case PPV_REQUEST_FILE:
      adw_status_page_set_title (self->error_page, _("Could Not Open the Profile"));
      break;
    case PPV_REQUEST_PROFILE:
    default:
      adw_status_page_set_title (self->error_page, _("Could Not Load the Profile"));
      break;
    }

  /* The status page's description is markup. */
  escaped = g_markup_escape_text (error->message, -1);
  adw_status_page_set_description (self->error_page, escaped);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          self->profile != NULL || self->index_request != NULL);
  show_page (self, "error");
  gtk_widget_grab_focus (GTK_WIDGET (self->retry_button));
}

static char *
dup_profile_kind (PpvProfile *profile,
                  PpvRequest *request)
{
  static const struct {
    const char *name;
    const char *label;
  } endpoint_labels[] = {
    { "profile",      N_("CPU profile") },
    { "heap",         N_("Heap profile") },
    { "allocs",       N_("Allocations profile") },
    { "goroutine",    N_("Goroutine profile") },
    { "block",        N_("Block profile") },
    { "mutex",        N_("Mutex profile") },
    { "threadcreate", N_("Thread creation profile") },
  };
  const char *period = profile->period_type.type;

  if (request->profile_name != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (endpoint_labels); i++)
        if (g_str_equal (request->profile_name, endpoint_labels[i].name))
          return g_strdup (_(endpoint_labels[i].label));
    }

  if (g_strcmp0 (period, "cpu") == 0)
    return g_strdup (_("CPU profile"));
  if (g_strcmp0 (period, "space") == 0)
    {
      if (g_strcmp0 (profile->default_sample_type, "alloc_space") == 0)
        return g_strdup (_("Allocations profile"));
      return g_strdup (_("Heap profile"));
    }
  if (g_strcmp0 (period, "contentions") == 0)
    return g_strdup (_("Contention profile"));
  if (g_strcmp0 (period, "goroutine") == 0)
    return g_strdup (_("Goroutine profile"));
  if (g_strcmp0 (period, "threadcreate") == 0)
    return g_strdup (_("Thread creation profile"));

  if (profile->n_sample_types > 0)
    /* Translators: %s is a sample type such as "samples" or "delay". */
    return g_strdup_printf (_("%s profile"), profile->sample_types[profile->n_sample_types - 1].type);

  return g_strdup (_("Profile"));
}

/* "Heap profile · 2026-01-05 10:32:07", "CPU profile · 30 s · …". */
static char *
dup_profile_subtitle (PpvProfile *profile,
                      PpvRequest *request)
{
  GString *subtitle = g_string_new (NULL);
  g_autofree char *kind = dup_profile_kind (profile, request);

  g_string_append (subtitle, kind);

  if (profile->duration_nanos > 0)
    {
      double seconds = profile->duration_nanos / 1e9;

      if (seconds >= 1)
        g_string_append_printf (subtitle, " · %.0f s", seconds);
      else
        g_string_append_printf (subtitle, " · %.0f ms", seconds * 1000);
    }

  if (profile->time_nanos > 0)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (profile->time_nanos / 1000000000);

      if (time != NULL)
        {
          g_autofree char *text = g_date_time_format (time, "%Y-%m-%d %H:%M:%S");

          g_string_append_printf (subtitle, " · %s", text);
        }
    }

  return g_string_free (subtitle, FALSE);
}

static void
restore_last_view (PpvWindow *self)
{
  AdwViewStack *stack = ppv_profile_view_get_stack (self->profile_view);
  g_autofree char *last = ppv_app_settings_dup_string ("last-view");

  if (stack != NULL && *last != '\0' && adw_view_stack_get_child_by_name (stack, last) != NULL)
    adw_view_stack_set_visible_child_name (stack, last);
}

static void
show_profile (PpvWindow  *self,
              PpvRequest *request,
              PpvProfile *profile,
              GBytes     *bytes)
{
  g_clear_pointer (&self->profile, ppv_profile_unref);
  g_clear_pointer (&self->profile_bytes, g_bytes_unref);
  g_clear_pointer (&self->profile_request, ppv_request_unref);
  g_clear_pointer (&self->profile_title, g_free);
  g_clear_pointer (&self->profile_subtitle, g_free);

  self->profile = ppv_profile_ref (profile);
  self->profile_bytes = g_bytes_ref (bytes);
  self->profile_request = ppv_request_ref (request);
  self->profile_title = g_strdup (request->display_name);
  self->profile_subtitle = dup_profile_subtitle (profile, request);

  ppv_profile_view_set_profile (self->profile_view, profile, request->display_name);
  restore_last_view (self);
  update_status (self);
  set_address_text (self, request->address);
  show_page (self, "profile");
}

static void
archive_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  file = ppv_profile_archive_save_finish (result, &error);
  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("The fetched profile could not be kept: %s"),
                                                      error->message);

          _ppv_window_show_toast (op->self, message);
        }
      return;
    }

  {
    g_autofree char *path = g_file_get_path (file);

    g_debug ("Kept %s as %s", op->request->uri, path);
    if (path != NULL)
      remember_source (op->self, path);
    /* The address goes first: it is what people retype. */
    remember_source (op->self, op->request->address);
  }
}

static void
profile_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  PpvWindow *self = op->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PpvProfile) profile = NULL;

  profile = ppv_profile_loader_finish (result, &bytes, &error);
  if (!op_is_current (op))
    return;

  finish_pending (self);

  if (profile == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, op->request, error);
      return;
    }

  g_clear_pointer (&self->failed, ppv_request_unref);
  show_profile (self, op->request, profile, bytes);

  if (op->request->kind == PPV_REQUEST_FILE && op->request->remember)
    remember_source (self, op->request->address);
}

static void
profile_fetched_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  PpvWindow *self = op->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *save_name = NULL;

  bytes = ppv_fetcher_fetch_finish (PPV_FETCHER (object), result, NULL, NULL, &error);
  if (!op_is_current (op))
    return;

  if (bytes == NULL)
    {
      finish_pending (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, op->request, error);
      return;
    }

  if (op->request->remember)
    remember_source (self, op->request->address);

  /* Nothing lost: keep the bytes as fetched, before decoding, so even a
   * profile this version cannot read stays on disk. */
  save_name = ppv_source_dup_save_name (op->request->uri, NULL);
  ppv_profile_archive_save_async (bytes, save_name, NULL, archive_saved_cb,
                                  op_new (self, op->request));

  ppv_loading_page_set_decoding (self->loading_page);
  ppv_profile_loader_decode_bytes_async (bytes, op->request->display_name, self->cancellable,
                                         profile_loaded_cb, op_new (self, op->request));
}

static void
index_fetched_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  PpvWindow *self = op->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) endpoints = NULL;

  endpoints = ppv_fetcher_list_endpoints_finish (PPV_FETCHER (object), result, &error);
  if (!op_is_current (op))
    return;

  finish_pending (self);

  if (endpoints == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, op->request, error);
      return;
    }

  g_clear_pointer (&self->failed, ppv_request_unref);
  g_clear_pointer (&self->index_request, ppv_request_unref);
  self->index_request = ppv_request_ref (op->request);

  ppv_endpoint_list_set_endpoints (self->endpoint_list, op->request->display_name, endpoints);
  set_address_text (self, op->request->address);
  show_page (self, "endpoints");

  if (op->request->remember)
    remember_source (self, op->request->address);
}

static void
fetch_progress_cb (PpvWindow  *self,
                   const char *uri,
                   guint64     received,
                   gint64      expected)
{
  if (self->pending != NULL && g_strcmp0 (self->pending->uri, uri) == 0)
    ppv_loading_page_set_received (self->loading_page, received, expected);
}

void
_ppv_window_start (PpvWindow  *self,
                   PpvRequest *request)
{
  g_return_if_fail (PPV_IS_WINDOW (self));
  g_return_if_fail (request != NULL);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  finish_pending (self);

  /* A new load makes an earlier reload's error moot. */
  if (self->error_toast != NULL)
    adw_toast_dismiss (self->error_toast);

  self->pending = ppv_request_ref (request);
  self->cancellable = g_cancellable_new ();
  set_address_text (self, request->address);

  switch (request->kind)
    {
    case PPV_REQUEST_FILE:
      {
        g_autofree char *title = g_strdup_printf (_("Opening %s"), request->display_name);

        ppv_loading_page_start (self->loading_page, title, NULL);
        ppv_profile_loader_load_file_async (request->file, request->display_name, self->cancellable,
                                            profile_loaded_cb, op_new (self, request));
      }
      break;

    case PPV_REQUEST_INDEX:
      {
        g_autofree char *title = g_strdup_printf (_("Connecting to %s"), request->display_name);

        ppv_loading_page_start (self->loading_page, title, _("Asking the server which profiles it offers."));
        g_object_set (self->fetcher, "insecure", request->insecure, NULL);
        ppv_fetcher_list_endpoints_async (self->fetcher, request->uri, self->cancellable,
                                          index_fetched_cb, op_new (self, request));
      }
      break;

    case PPV_REQUEST_PROFILE:
      {
        g_autofree char *title = g_strdup_printf (_("Fetching %s"), request->display_name);

        if (request->seconds > 0)
          {
            g_autofree char *detail = NULL;

            detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "The server profiles for %u second before it answers.",
                                                   "The server profiles for %u seconds before it answers.",
                                                   request->seconds),
                                      request->seconds);
            ppv_loading_page_start_countdown (self->loading_page, title, detail, request->seconds);
          }
        else
          {
            ppv_loading_page_start (self->loading_page, title, NULL);
          }
        g_object_set (self->fetcher, "insecure", request->insecure, NULL);
        ppv_fetcher_fetch_async (self->fetcher, request->uri, self->cancellable,
                                 profile_fetched_cb, op_new (self, request));
      }
      break;

    default:
      g_assert_not_reached ();
    }

  show_page (self, "loading");
}

/* Where a cancelled load or the error page's Back button returns to. */
void
_ppv_window_go_back (PpvWindow *self)
{
  if (self->profile != NULL)
    show_page (self, "profile");
  else if (self->index_request != NULL)
    show_page (self, "endpoints");
  else
    show_page (self, "empty");
}

void
_ppv_window_cancel (PpvWindow *self)
{
  gboolean from_index;

  if (self->pending == NULL)
    return;

  from_index = self->pending->from_index;
  g_cancellable_cancel (self->cancellable);
  finish_pending (self);

  /* Cancelling is not an error: no message, just go back. */
  if (from_index && self->index_request != NULL)
    show_page (self, "endpoints");
  else
    _ppv_window_go_back (self);
}

/* --- Public API ---------------------------------------------------------- */

void
ppv_window_open_file (PpvWindow *self,
                      GFile     *file)
{
  g_autoptr(PpvRequest) request = NULL;

  g_return_if_fail (PPV_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  request = ppv_request_new_file (file);
  _ppv_window_start (self, request);
}

/* The sample shows what the app does; it is not a source people chose. */
void
ppv_window_open_sample (PpvWindow *self,
                        GFile     *file)
{
  g_autoptr(PpvRequest) request = NULL;

  g_return_if_fail (PPV_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  request = ppv_request_new_file (file);
  request->remember = FALSE;
  _ppv_window_start (self, request);
}

void
ppv_window_open_address (PpvWindow  *self,
                         const char *text,
                         const char *cwd)
{
  g_autoptr(PpvRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = NULL;

  g_return_if_fail (PPV_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return;

  request = ppv_request_new_for_text (trimmed, cwd, &error);
  if (request == NULL)
    {
      g_autoptr(PpvRequest) failed = g_rc_box_new0 (PpvRequest);

      /* Keep the text so the user can correct it. */
      failed->kind = PPV_REQUEST_FILE;
      failed->address = g_strdup (trimmed);
      failed->display_name = g_strdup (trimmed);
      set_address_text (self, trimmed);
      show_error (self, failed, error);
      g_clear_pointer (&self->failed, ppv_request_unref);
      _ppv_window_update_actions (self);
      return;
    }

  _ppv_window_start (self, request);
}

/* --- Signal handlers ----------------------------------------------------- */

static void
address_activated_cb (PpvWindow *self,
                      GtkEntry  *entry)
{
  ppv_window_open_address (self, gtk_editable_get_text (GTK_EDITABLE (entry)), NULL);
}

static void
endpoint_fetch_cb (PpvWindow       *self,
                   const char      *uri,
                   PpvEndpointList *list)
{
  g_autoptr(PpvRequest) request = NULL;

  g_return_if_fail (self->index_request != NULL);

  request = ppv_request_new_profile (uri, self->index_request->insecure, TRUE);
  _ppv_window_start (self, request);
}

static void
profile_view_toast_cb (PpvWindow      *self,
                       const char     *message,
                       PpvProfileView *view)
{
  _ppv_window_show_toast (self, message);
}

static void
profile_view_details_cb (PpvWindow      *self,
                         GParamSpec     *pspec,
                         PpvProfileView *view)
{
  update_status (self);
}

static void
view_stack_page_cb (PpvWindow    *self,
                    GParamSpec   *pspec,
                    AdwViewStack *stack)
{
  const char *name = adw_view_stack_get_visible_child_name (stack);

  if (name != NULL && self->profile != NULL)
    ppv_app_settings_set_string ("last-view", name);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  PpvWindow *self = user_data;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
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

  /* The first file replaces this window's content; others get windows. */
  ppv_window_open_file (self, files->data);
  for (GSList *l = files->next; l != NULL && app != NULL; l = l->next)
    {
      PpvWindow *window = ppv_window_new (PPV_APPLICATION (app));

      ppv_window_open_file (window, l->data);
      gtk_window_present (GTK_WINDOW (window));
    }
  g_slist_free (files);

  return TRUE;
}

static void
recent_changed_cb (PpvWindow *self)
{
  refresh_recent (self);
}

/* --- GObject ------------------------------------------------------------- */

static gboolean
ppv_window_close_request (GtkWindow *window)
{
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

  return GTK_WINDOW_CLASS (ppv_window_parent_class)->close_request (window);
}

static void
ppv_window_dispose (GObject *object)
{
  PpvWindow *self = PPV_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  finish_pending (self);

  g_clear_signal_handler (&self->recent_changed_id, ppv_app_settings_get_default ());
  g_clear_weak_pointer (&self->error_toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), PPV_TYPE_WINDOW);

  g_clear_object (&self->completion);
  g_clear_object (&self->recent_store);
  g_clear_object (&self->fetcher);
  g_clear_pointer (&self->profile_request, ppv_request_unref);
  g_clear_pointer (&self->index_request, ppv_request_unref);
  g_clear_pointer (&self->failed, ppv_request_unref);
  g_clear_pointer (&self->profile, ppv_profile_unref);
  g_clear_pointer (&self->profile_bytes, g_bytes_unref);
  g_clear_pointer (&self->profile_title, g_free);
  g_clear_pointer (&self->profile_subtitle, g_free);

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

  g_type_ensure (PPV_TYPE_LOADING_PAGE);
  g_type_ensure (PPV_TYPE_ENDPOINT_LIST);
  g_type_ensure (PPV_TYPE_PROFILE_VIEW);

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
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, recent_box);
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, endpoint_list);
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, profile_view);
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, status_bar);
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, PpvWindow, switcher_bar);
  gtk_widget_class_bind_template_callback (widget_class, address_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, recent_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, endpoint_fetch_cb);
  gtk_widget_class_bind_template_callback (widget_class, profile_view_toast_cb);
  gtk_widget_class_bind_template_callback (widget_class, profile_view_details_cb);
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
ppv_window_init (PpvWindow *self)
{
  GtkDropTarget *drop_target;
  GSettings *settings;
  AdwViewStack *view_stack;
  GType drop_types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE, G_TYPE_STRING };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->fetcher = ppv_fetcher_new ();
  g_signal_connect_object (self->fetcher, "progress", G_CALLBACK (fetch_progress_cb),
                           self, G_CONNECT_SWAPPED);

  /* The content view's pages are the header's view switcher. */
  view_stack = ppv_profile_view_get_stack (self->profile_view);
  adw_view_switcher_title_set_stack (self->switcher_title, view_stack);
  adw_view_switcher_bar_set_stack (self->switcher_bar, view_stack);
  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (update_switcher_bar), self, G_CONNECT_SWAPPED);
  if (view_stack != NULL)
    g_signal_connect_object (view_stack, "notify::visible-child-name",
                             G_CALLBACK (view_stack_page_cb), self, G_CONNECT_SWAPPED);

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
    {
      /* Preferences as a settings. action group, for menus and shortcuts
       * (e.g. "settings.last-view::graph"); changes reach GSettings. */
      static const char *keys[] = { "last-view", "graph-node-count", "cpu-profile-seconds" };
      g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        {
          g_autoptr(GAction) action = g_settings_create_action (settings, keys[i]);
          g_action_map_add_action (G_ACTION_MAP (group), action);
        }
      gtk_widget_insert_action_group (GTK_WIDGET (self), "settings", G_ACTION_GROUP (group));

      self->recent_changed_id = g_signal_connect_swapped (settings, "changed::recent-sources",
                                                          G_CALLBACK (recent_changed_cb), self);
    }
  refresh_recent (self);

  drop_target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop_target, drop_types, G_N_ELEMENTS (drop_types));
  g_signal_connect (drop_target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->content_stack), GTK_EVENT_CONTROLLER (drop_target));

  _ppv_window_actions_init (self);
  restore_window_state (self);
  show_page (self, "empty");
}

PpvWindow *
ppv_window_new (PpvApplication *application)
{
  g_return_val_if_fail (PPV_IS_APPLICATION (application), NULL);

  return g_object_new (PPV_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
