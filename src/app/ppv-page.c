/* ppv-page.c — one tab: what it shows (empty, loading, endpoint list, error, profile) and its loads.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "ppv-app-settings.h"
#include "ppv-goroutine-groups.h"
#include "ppv-application.h"
#include "ppv-page-private.h"

G_DEFINE_FINAL_TYPE (PpvPage, ppv_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  PROP_LOADING,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_TAB_TITLE,
  PROP_TAB_TOOLTIP,
  PROP_STATUS,
  PROP_ADDRESS,
  N_PROPS
};

enum {
  SIGNAL_REMEMBER,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* --- Texts --------------------------------------------------------------- */

static void
set_text (PpvPage    *self,
          char      **field,
          const char *value,
          guint       prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

const char *
ppv_page_get_state (PpvPage *self)
{
  const char *name;

  g_return_val_if_fail (PPV_IS_PAGE (self), NULL);

  name = gtk_stack_get_visible_child_name (self->content_stack);
  return name != NULL ? name : "empty";
}

/* The status line keeps what was taken when and the view's legend
 * ("Type: inuse_space · Showing nodes…"). */
static void
update_status (PpvPage *self)
{
  const char *details = ppv_profile_view_get_details (self->profile_view);
  const char *subtitle = self->document != NULL ? ppv_document_get_subtitle (self->document) : NULL;
  g_autofree char *text = NULL;

  if (subtitle == NULL)
    text = g_strdup (details != NULL ? details : "");
  else if (details == NULL || *details == '\0')
    text = g_strdup (subtitle);
  else
    text = g_strdup_printf ("%s · %s", subtitle, details);

  set_text (self, &self->status, text, PROP_STATUS);
}

static void
update_texts (PpvPage *self)
{
  const char *state = ppv_page_get_state (self);
  PpvDocument *shown = NULL;
  const char *title = _("Pprof Viewer");
  const char *subtitle = NULL;
  g_autofree char *tab_title = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *watch_title = NULL;

  if (g_str_equal (state, "watch"))
    {
      _ppv_page_watch_texts (self, &watch_title, &tab_title, &tooltip);
      title = watch_title;
      subtitle = _ppv_page_watch_subtitle (self);
    }
  else if (g_str_equal (state, "profile") && self->document != NULL)
    {
      shown = self->document;
      subtitle = ppv_document_get_subtitle (shown);
    }
  else if (g_str_equal (state, "loading") && self->pending != NULL)
    {
      shown = self->pending;
      subtitle = _("Loading…");
    }
  else if (g_str_equal (state, "endpoints") && self->index != NULL)
    {
      shown = self->index;
      subtitle = _("Choose a Profile");
    }
  else if (g_str_equal (state, "error") && self->failed != NULL)
    {
      title = self->failed->display_name;
      subtitle = _("Could not load");
      tab_title = g_strdup (title);
      tooltip = g_strdup (self->failed->address);
    }

  if (shown != NULL)
    {
      title = ppv_document_get_title (shown);
      tab_title = ppv_document_dup_tab_title (shown);
      tooltip = ppv_document_dup_tooltip (shown);
    }
  if (tab_title == NULL)
    tab_title = g_strdup (_("New Tab"));

  set_text (self, &self->title, title, PROP_TITLE);
  set_text (self, &self->subtitle, subtitle, PROP_SUBTITLE);
  set_text (self, &self->tab_title, tab_title, PROP_TAB_TITLE);
  set_text (self, &self->tab_tooltip, tooltip, PROP_TAB_TOOLTIP);

  /* Screen readers name the tab's content after the tab. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tab_title,
                                  -1);
}

void
_ppv_page_texts_changed (PpvPage *self)
{
  update_texts (self);
}

void
_ppv_page_set_address (PpvPage    *self,
             const char *address)
{
  set_text (self, &self->address, address, PROP_ADDRESS);
}

void
_ppv_page_show_page (PpvPage    *self,
           const char *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->content_stack, name);

  g_assert (page != NULL);

  if (!g_str_equal (name, "loading"))
    ppv_loading_page_stop (self->loading_page);
  if (!g_str_equal (name, "watch"))
    _ppv_page_watch_left (self);

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
  update_texts (self);
  _ppv_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
show_toast (PpvPage    *self,
            const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static void
remember (PpvPage    *self,
          const char *source)
{
  g_signal_emit (self, signals[SIGNAL_REMEMBER], 0, source);
}

/* --- Errors -------------------------------------------------------------- */

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

void
_ppv_page_show_error (PpvPage      *self,
            PpvRequest   *request,
            const GError *error)
{
  g_autofree char *escaped = NULL;

  g_assert (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));

  g_clear_pointer (&self->failed, ppv_request_unref);
  self->failed = ppv_request_ref (request);

  /* A failed reload keeps the profile it would have replaced. */
  if (self->document != NULL && ppv_document_get_request (self->document) == request)
    {
      g_autofree char *message = g_markup_escape_text (error->message, -1);
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_button_label (toast, _("Retry"));
      adw_toast_set_action_name (toast, "page.retry");
      adw_toast_set_timeout (toast, 10);
      g_set_weak_pointer (&self->error_toast, toast);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      _ppv_page_show_page (self, "profile");
      return;
    }

  /* The address stays, to be corrected or retried. */
  _ppv_page_set_address (self, request->address);
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
    case PPV_REQUEST_PASTE:
    default:
      adw_status_page_set_title (self->error_page, _("Could Not Load the Profile"));
      break;
    }

  /* The status page's description is markup. */
  escaped = g_markup_escape_text (error->message, -1);
  adw_status_page_set_description (self->error_page, escaped);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), self->document != NULL || self->index != NULL);
  _ppv_page_show_page (self, "error");
  gtk_widget_grab_focus (GTK_WIDGET (self->retry_button));
}

/* --- Loading ------------------------------------------------------------- */

/* Goroutine profiles keep a last view of their own: a dump is read in
 * the Goroutines view, while other profiles open on the table. */
static const char *
last_view_key (PpvPage *self)
{
  PpvProfile *profile = self->document != NULL ? ppv_document_get_profile (self->document) : NULL;

  return profile != NULL && ppv_profile_is_goroutine (profile) ? "last-goroutine-view" : "last-view";
}

static void
restore_last_view (PpvPage *self)
{
  AdwViewStack *stack = ppv_profile_view_get_stack (self->profile_view);
  g_autofree char *last = ppv_app_settings_dup_string (last_view_key (self));
  GtkWidget *child = stack != NULL && *last != '\0' ? adw_view_stack_get_child_by_name (stack, last) : NULL;

  /* A view the profile has nothing for (Goroutines for a heap profile) is hidden. */
  if (child != NULL && adw_view_stack_page_get_visible (adw_view_stack_get_page (stack, child)))
    adw_view_stack_set_visible_child (stack, child);
}

static void
show_profile (PpvPage     *self,
              PpvDocument *document)
{
  PpvRequest *request = ppv_document_get_request (document);

  g_set_object (&self->document, document);
  ppv_profile_view_set_profile (self->profile_view, ppv_document_get_profile (document),
                                request->display_name);
  restore_last_view (self);
  update_status (self);
  _ppv_page_set_address (self, request->address);
  _ppv_page_show_page (self, "profile");
  _ppv_page_compare_shown (self);
}

static void
document_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PpvPage) self = user_data;
  PpvDocument *document = PPV_DOCUMENT (object);
  PpvRequest *request = ppv_document_get_request (document);
  g_autoptr(GError) error = NULL;

  if (!ppv_document_load_finish (document, result, &error))
    {
      /* A cancelled or replaced load says nothing. */
      if (document != self->pending)
        return;
      g_clear_object (&self->pending);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _ppv_page_show_error (self, request, error);
      else
        _ppv_page_update_actions (self);
      return;
    }

  if (document != self->pending)
    return;
  g_clear_object (&self->pending);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  g_clear_pointer (&self->failed, ppv_request_unref);

  if (request->kind == PPV_REQUEST_INDEX)
    {
      g_set_object (&self->index, document);
      ppv_endpoint_list_set_endpoints (self->endpoint_list, request->display_name,
                                       ppv_document_get_endpoints (document));
      _ppv_page_set_address (self, request->address);
      _ppv_page_show_page (self, "endpoints");
    }
  else
    {
      show_profile (self, document);
    }

  if (request->remember)
    remember (self, request->address);
}

static void
document_progress_cb (PpvPage     *self,
                      guint64      received,
                      gint64       expected,
                      PpvDocument *document)
{
  if (document == self->pending)
    ppv_loading_page_set_received (self->loading_page, received, expected);
}

static void
document_decoding_cb (PpvPage     *self,
                      PpvDocument *document)
{
  if (document == self->pending)
    ppv_loading_page_set_decoding (self->loading_page);
}

static void
document_kept_cb (PpvPage     *self,
                  GFile       *file,
                  PpvDocument *document)
{
  PpvRequest *request = ppv_document_get_request (document);
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    remember (self, path);
  /* The address goes first: it is what people retype. */
  if (request->remember)
    remember (self, request->address);
}

static void
document_keep_failed_cb (PpvPage     *self,
                         const char  *message,
                         PpvDocument *document)
{
  show_toast (self, message);
}

void
_ppv_page_loading_changed (PpvPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
start_loading_page (PpvPage    *self,
                    PpvRequest *request)
{
  g_autofree char *title = NULL;

  switch (request->kind)
    {
    case PPV_REQUEST_FILE:
      title = g_strdup_printf (_("Opening %s"), request->display_name);
      ppv_loading_page_start (self->loading_page, title, NULL);
      break;

    case PPV_REQUEST_INDEX:
      title = g_strdup_printf (_("Connecting to %s"), request->display_name);
      ppv_loading_page_start (self->loading_page, title, _("Asking the server which profiles it offers."));
      break;

    case PPV_REQUEST_PROFILE:
      title = g_strdup_printf (_("Fetching %s"), request->display_name);
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
      break;

    case PPV_REQUEST_PASTE:
      ppv_loading_page_start (self->loading_page, request->display_name, NULL);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Starting a load cancels only this tab's previous one. */
static void
start (PpvPage     *self,
       PpvDocument *document)
{
  PpvRequest *request = ppv_document_get_request (document);

  if (self->pending != NULL)
    ppv_document_cancel (self->pending);
  g_set_object (&self->pending, document);

  /* A new load makes an earlier reload's error moot. */
  if (self->error_toast != NULL)
    adw_toast_dismiss (self->error_toast);

  _ppv_page_set_address (self, request->address);
  g_signal_connect_object (document, "progress", G_CALLBACK (document_progress_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "decoding", G_CALLBACK (document_decoding_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "kept", G_CALLBACK (document_kept_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "keep-failed", G_CALLBACK (document_keep_failed_cb), self,
                           G_CONNECT_SWAPPED);

  start_loading_page (self, request);
  ppv_document_load_async (document, self->fetcher, document_loaded_cb, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  _ppv_page_show_page (self, "loading");
}

void
ppv_page_start (PpvPage    *self,
                PpvRequest *request)
{
  g_autoptr(PpvDocument) document = NULL;

  g_return_if_fail (PPV_IS_PAGE (self));
  g_return_if_fail (request != NULL);

  document = ppv_document_new (request);
  start (self, document);
}

/* --- Public API ---------------------------------------------------------- */

gboolean
ppv_page_get_loading (PpvPage *self)
{
  g_return_val_if_fail (PPV_IS_PAGE (self), FALSE);
  return self->pending != NULL;
}

const char *
ppv_page_get_title (PpvPage *self)
{
  g_return_val_if_fail (PPV_IS_PAGE (self), NULL);
  return self->title;
}

const char *
ppv_page_get_subtitle (PpvPage *self)
{
  g_return_val_if_fail (PPV_IS_PAGE (self), NULL);
  return self->subtitle;
}

const char *
ppv_page_get_tab_title (PpvPage *self)
{
  g_return_val_if_fail (PPV_IS_PAGE (self), NULL);
  return self->tab_title;
}

const char *
ppv_page_get_status (PpvPage *self)
{
  g_return_val_if_fail (PPV_IS_PAGE (self), NULL);
  return self->status;
}

const char *
ppv_page_get_address (PpvPage *self)
{
  g_return_val_if_fail (PPV_IS_PAGE (self), NULL);
  return self->address;
}

gboolean
ppv_page_is_blank (PpvPage *self)
{
  g_return_val_if_fail (PPV_IS_PAGE (self), FALSE);
  return self->pending == NULL && g_str_equal (ppv_page_get_state (self), "empty");
}

PpvDocument *
ppv_page_get_document (PpvPage *self)
{
  g_return_val_if_fail (PPV_IS_PAGE (self), NULL);
  return self->document;
}

AdwViewStack *
ppv_page_get_view_stack (PpvPage *self)
{
  g_return_val_if_fail (PPV_IS_PAGE (self), NULL);
  return ppv_profile_view_get_stack (self->profile_view);
}

GActionGroup *
ppv_page_get_actions (PpvPage *self)
{
  g_return_val_if_fail (PPV_IS_PAGE (self), NULL);
  return G_ACTION_GROUP (self->actions);
}

char *
ppv_page_dup_session_path (PpvPage *self)
{
  PpvRequest *request;

  g_return_val_if_fail (PPV_IS_PAGE (self), NULL);

  if (g_str_equal (ppv_page_get_state (self), "watch"))
    return _ppv_page_watch_dup_session_path (self);
  if (self->document == NULL)
    return NULL;

  request = ppv_document_get_request (self->document);
  if (request->kind == PPV_REQUEST_FILE)
    return g_file_get_path (request->file);
  if (ppv_document_get_kept_file (self->document) != NULL)
    return g_file_get_path (ppv_document_get_kept_file (self->document));
  return NULL;
}

/* --- Signal handlers ----------------------------------------------------- */

static void
recent_row_activated_cb (PpvPage       *self,
                         GtkListBoxRow *row)
{
  const char *source = g_object_get_data (G_OBJECT (row), "ppv-source");

  if (source != NULL)
    ppv_page_open_address (self, source, NULL);
}

static void
endpoint_fetch_cb (PpvPage         *self,
                   const char      *uri,
                   PpvEndpointList *list)
{
  g_autoptr(PpvRequest) request = NULL;

  g_return_if_fail (self->index != NULL);

  request = ppv_request_new_profile (uri, ppv_document_get_request (self->index)->insecure, TRUE);
  ppv_page_start (self, request);
}

static void
profile_view_toast_cb (PpvPage        *self,
                       const char     *message,
                       PpvProfileView *view)
{
  show_toast (self, message);
}

static void
profile_view_details_cb (PpvPage        *self,
                         GParamSpec     *pspec,
                         PpvProfileView *view)
{
  update_status (self);
}

static void
view_stack_page_cb (PpvPage      *self,
                    GParamSpec   *pspec,
                    AdwViewStack *stack)
{
  const char *name = adw_view_stack_get_visible_child_name (stack);

  if (name != NULL && self->document != NULL)
    ppv_app_settings_set_string (last_view_key (self), name);
}

/* --- GObject ------------------------------------------------------------- */

static void
ppv_page_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PpvPage *self = PPV_PAGE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_string (value, ppv_page_get_state (self));
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->pending != NULL);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_TAB_TITLE:
      g_value_set_string (value, self->tab_title);
      break;
    case PROP_TAB_TOOLTIP:
      g_value_set_string (value, self->tab_tooltip);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ppv_page_dispose (GObject *object)
{
  PpvPage *self = PPV_PAGE (object);

  /* A closed tab stops its load; other tabs' loads are theirs. */
  if (self->pending != NULL)
    ppv_document_cancel (self->pending);
  g_clear_object (&self->pending);
  _ppv_page_compare_clear (self);
  _ppv_page_watch_left (self);
  g_clear_weak_pointer (&self->error_toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), PPV_TYPE_PAGE);

  g_clear_object (&self->actions);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->document);
  g_clear_object (&self->index);
  g_clear_pointer (&self->failed, ppv_request_unref);

  G_OBJECT_CLASS (ppv_page_parent_class)->dispose (object);
}

static void
ppv_page_finalize (GObject *object)
{
  PpvPage *self = PPV_PAGE (object);

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->tab_title);
  g_free (self->tab_tooltip);
  g_free (self->status);
  g_free (self->address);

  G_OBJECT_CLASS (ppv_page_parent_class)->finalize (object);
}

static void
ppv_page_class_init (PpvPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ppv_page_get_property;
  object_class->dispose = ppv_page_dispose;
  object_class->finalize = ppv_page_finalize;

  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, "empty", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAB_TITLE] =
    g_param_spec_string ("tab-title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAB_TOOLTIP] =
    g_param_spec_string ("tab-tooltip", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_REMEMBER] =
    g_signal_new ("remember", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (PPV_TYPE_LOADING_PAGE);
  g_type_ensure (PPV_TYPE_ENDPOINT_LIST);
  g_type_ensure (PPV_TYPE_PROFILE_VIEW);
  g_type_ensure (PPV_TYPE_WATCH_VIEW);

  ppv_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pprofviewer/PprofViewer/ppv-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PpvPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PpvPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PpvPage, recent_box);
  gtk_widget_class_bind_template_child (widget_class, PpvPage, recent_list);
  gtk_widget_class_bind_template_child (widget_class, PpvPage, loading_page);
  gtk_widget_class_bind_template_child (widget_class, PpvPage, endpoint_list);
  gtk_widget_class_bind_template_child (widget_class, PpvPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, PpvPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, PpvPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, PpvPage, profile_view);
  gtk_widget_class_bind_template_child (widget_class, PpvPage, watch_view);
  gtk_widget_class_bind_template_callback (widget_class, recent_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, endpoint_fetch_cb);
  gtk_widget_class_bind_template_callback (widget_class, profile_view_toast_cb);
  gtk_widget_class_bind_template_callback (widget_class, profile_view_details_cb);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ppv_page_init (PpvPage *self)
{
  AdwViewStack *view_stack;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->fetcher = ppv_fetcher_new ();
  _ppv_page_actions_init (self);
  _ppv_page_watch_init (self);

  view_stack = ppv_profile_view_get_stack (self->profile_view);
  if (view_stack != NULL)
    g_signal_connect_object (view_stack, "notify::visible-child-name",
                             G_CALLBACK (view_stack_page_cb), self, G_CONNECT_SWAPPED);

  _ppv_page_show_page (self, "empty");
}

GtkWidget *
ppv_page_new (void)
{
  return g_object_new (PPV_TYPE_PAGE, NULL);
}
