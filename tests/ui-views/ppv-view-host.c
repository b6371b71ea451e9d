/* ppv-view-host.c — a small window around PpvProfileView for UI tests and
 * benchmarks: loads one profile by path and shows the views.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: ppv-view-host [--dark] [--page=top|graph] PROFILE
 */
#include <adwaita.h>

#include "ppv-profile-view.h"
#include "ppv-reader.h"

static char *opt_page;
static gboolean opt_dark;

typedef struct
{
  AdwApplicationWindow *window;
  AdwToastOverlay      *toasts;
  PpvProfileView       *view;
  AdwWindowTitle       *title;
  char                 *path;
} Host;

static void
on_toast (PpvProfileView *view,
          const char     *message,
          Host           *host)
{
  adw_toast_overlay_add_toast (host->toasts, adw_toast_new (message));
}

static void
on_details (PpvProfileView *view,
            GParamSpec     *pspec,
            Host           *host)
{
  const char *details = ppv_profile_view_get_details (view);

  adw_window_title_set_subtitle (host->title, details != NULL ? details : "");
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Host *host = user_data;
  g_autoptr(PpvProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (host->path);

  profile = g_task_propagate_pointer (G_TASK (result), &error);
  if (profile == NULL)
    {
      adw_toast_overlay_add_toast (host->toasts, adw_toast_new (error->message));
      return;
    }

  adw_window_title_set_title (host->title, name);
  ppv_profile_view_set_profile (host->view, profile, name);
  if (opt_page != NULL)
    adw_view_stack_set_visible_child_name (ppv_profile_view_get_stack (host->view), opt_page);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  PpvProfile *profile = ppv_profile_read_path (task_data, NULL, cancellable, &error);

  if (profile == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, profile, (GDestroyNotify) ppv_profile_unref);
}

static void
activate_cb (GtkApplication *app,
             Host           *host)
{
  g_autoptr(GTask) task = NULL;
  GtkWidget *box, *header, *switcher;

  if (opt_dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);

  host->window = ADW_APPLICATION_WINDOW (adw_application_window_new (app));
  gtk_window_set_title (GTK_WINDOW (host->window), "Pprof Viewer view host");
  gtk_window_set_default_size (GTK_WINDOW (host->window), 1200, 800);

  host->view = PPV_PROFILE_VIEW (ppv_profile_view_new ());
  g_signal_connect (host->view, "toast", G_CALLBACK (on_toast), host);
  g_signal_connect (host->view, "notify::details", G_CALLBACK (on_details), host);

  header = adw_header_bar_new ();
  switcher = adw_view_switcher_title_new ();
  adw_view_switcher_title_set_stack (ADW_VIEW_SWITCHER_TITLE (switcher),
                                     ppv_profile_view_get_stack (host->view));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), switcher);
  host->title = ADW_WINDOW_TITLE (adw_window_title_new ("", ""));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (host->title));

  host->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (host->toasts, GTK_WIDGET (host->view));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (host->toasts));
  gtk_widget_set_vexpand (GTK_WIDGET (host->toasts), TRUE);
  adw_application_window_set_content (host->window, box);
  gtk_window_present (GTK_WINDOW (host->window));

  task = g_task_new (NULL, NULL, loaded_cb, host);
  g_task_set_task_data (task, g_strdup (host->path), g_free);
  g_task_run_in_thread (task, load_thread);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "dark", 0, 0, G_OPTION_ARG_NONE, &opt_dark, "Force the dark style", NULL },
    { "page", 0, 0, G_OPTION_ARG_STRING, &opt_page, "Page to show: top or graph", "PAGE" },
    { NULL }
  };
  Host host = { 0 };

  g_set_prgname ("ppv-view-host");
  context = g_option_context_new ("PROFILE");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("usage: ppv-view-host [--dark] [--page=top|graph] PROFILE\n");
      return 2;
    }
  host.path = argv[1];

  app = adw_application_new ("io.github.pprofviewer.ViewHost", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), &host);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
