/* ppv-application.c — the single-instance application: command line, files, app actions.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <string.h>

#include "ppv-app-resources.h"
#include "ppv-app-settings.h"
#include "ppv-application.h"
#include "ppv-watch-session.h"
#include "ppv-window.h"

struct _PpvApplication
{
  AdwApplication parent_instance;

  guint          save_session_id;
  gboolean       quitting;   /* the session was saved before the windows close */
};

G_DEFINE_FINAL_TYPE (PpvApplication, ppv_application, ADW_TYPE_APPLICATION)

void
ppv_application_ensure_resources (void)
{
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      ppv_app_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

GFile *
ppv_application_dup_sample_profile (void)
{
  const char *candidates[] = { PPV_SAMPLE_PROFILE, PPV_SOURCE_SAMPLE_PROFILE };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      if (g_file_test (candidates[i], G_FILE_TEST_IS_REGULAR))
        return g_file_new_for_path (candidates[i]);
    }

  return NULL;
}

static PpvWindow *
new_window (PpvApplication *self)
{
  return ppv_window_new (self);
}

/* Sources from outside (a command line, a file manager) go to tabs of the
 * window in front, so one window gathers what was opened. */
static PpvWindow *
front_window (PpvApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (PPV_IS_WINDOW (window))
    return PPV_WINDOW (window);
  return new_window (self);
}

void
ppv_application_save_session (PpvApplication *self)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) saved = NULL;

  g_return_if_fail (PPV_IS_APPLICATION (self));

  g_clear_handle_id (&self->save_session_id, g_source_remove);
  if (self->quitting)
    return;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (PPV_IS_WINDOW (l->data))
      ppv_window_add_session (l->data, paths);
  g_ptr_array_add (paths, NULL);

  /* Tabs change state often while they load; write only what changed. */
  saved = ppv_app_settings_dup_strv ("session-sources");
  if (!g_strv_equal ((const char * const *) saved, (const char * const *) paths->pdata))
    ppv_app_settings_set_strv ("session-sources", (const char * const *) paths->pdata);
}

static gboolean
save_session_idle (gpointer user_data)
{
  PpvApplication *self = user_data;

  self->save_session_id = 0;
  ppv_application_save_session (self);
  return G_SOURCE_REMOVE;
}

void
ppv_application_queue_save_session (PpvApplication *self)
{
  g_return_if_fail (PPV_IS_APPLICATION (self));

  if (self->save_session_id == 0 && !self->quitting)
    self->save_session_id = g_idle_add (save_session_idle, self);
}

/* Started with nothing to open: the tabs of the last session, never
 * re-fetched from a server (only files and kept copies are listed). */
static gboolean
restore_session (PpvApplication *self,
                 PpvWindow      *window)
{
  g_auto(GStrv) paths = ppv_app_settings_dup_strv ("session-sources");

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);

      ppv_window_restore_file (window, file);
    }

  return paths[0] != NULL;
}

static void
open_sample (PpvApplication *self)
{
  PpvWindow *window = new_window (self);

  if (!restore_session (self, window))
    {
      g_autoptr(GFile) sample = ppv_application_dup_sample_profile ();

      if (sample != NULL)
        ppv_window_open_sample (window, sample);
    }
  gtk_window_present (GTK_WINDOW (window));
}

static void
ppv_application_activate (GApplication *app)
{
  PpvApplication *self = PPV_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL)
    gtk_window_present (window);
  else
    open_sample (self);
}

/* Files handed over by a file manager or the desktop entry (%U). */
static void
ppv_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  PpvApplication *self = PPV_APPLICATION (app);
  PpvWindow *window = front_window (self);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);

      /* http(s) URIs come through here too: fetch them, do not read them
       * through gvfs. */
      if (g_str_has_prefix (uri, "http://") || g_str_has_prefix (uri, "https://"))
        ppv_window_open_address (window, uri, NULL);
      else
        ppv_window_open_file (window, files[i]);
    }
  gtk_window_present (GTK_WINDOW (window));
}

/* --base=B / --base B, --diff-base likewise, --normalize (pprof -http's
 * comparison flags); *both is set when -base and -diff_base are mixed. */
static gboolean
take_base_option (char                    **argv,
                  int                       argc,
                  int                      *i,
                  const char              **base,
                  PpvBaseMode              *mode,
                  gboolean                 *normalize,
                  gboolean                 *both)
{
  static const struct { const char *name; PpvBaseMode mode; } flags[] = {
    { "--base", PPV_BASE_SUBTRACT },
    { "--diff-base", PPV_BASE_DIFF },
  };
  const char *arg = argv[*i];

  if (g_strcmp0 (arg, "--normalize") == 0)
    {
      *normalize = TRUE;
      return TRUE;
    }
  for (guint f = 0; f < G_N_ELEMENTS (flags); f++)
    {
      gsize len = strlen (flags[f].name);
      const char *value = NULL;

      if (strncmp (arg, flags[f].name, len) != 0)
        continue;
      if (arg[len] == '=')
        value = arg + len + 1;
      else if (arg[len] == '\0' && *i + 1 < argc)
        value = argv[++*i];
      else if (arg[len] != '\0')
        continue;
      if (value == NULL)
        return TRUE;
      *both |= *mode != PPV_BASE_NONE && *mode != flags[f].mode;
      *mode = flags[f].mode;
      *base = value;
      return TRUE;
    }
  return FALSE;
}

/* --watch, --interval=N (or --interval N) and --gc: watching in the
 * window rather than headless (see main.c). */
static gboolean
take_watch_option (char      **argv,
                   int         argc,
                   int        *i,
                   gboolean   *watch,
                   gboolean   *gc,
                   guint64    *interval,
                   gboolean   *bad_interval)
{
  const char *arg = argv[*i];
  const char *value = NULL;

  if (g_strcmp0 (arg, "--watch") == 0)
    return *watch = TRUE;
  if (g_strcmp0 (arg, "--gc") == 0)
    return *gc = TRUE;
  if (g_str_has_prefix (arg, "--interval="))
    value = arg + strlen ("--interval=");
  else if (g_strcmp0 (arg, "--interval") == 0 && *i + 1 < argc)
    value = argv[++*i];
  else if (g_strcmp0 (arg, "--interval") == 0)
    value = "";
  else
    return FALSE;
  *bad_interval |= !g_ascii_string_to_unsigned (value, 10, PPV_WATCH_INTERVAL_MIN, PPV_WATCH_INTERVAL_MAX,
                                                interval, NULL);
  return TRUE;
}

/* The command line is handled here, rather than through ::open, because
 * GApplication turns "localhost:6060" into a GFile for a URI with the scheme
 * "localhost" and "127.0.0.1:6060" into a relative path: the original text
 * is what the address entry understands. */
static int
ppv_application_command_line (GApplication            *app,
                              GApplicationCommandLine *command_line)
{
  PpvApplication *self = PPV_APPLICATION (app);
  PpvWindow *window = NULL;
  g_auto(GStrv) argv = NULL;
  const char *cwd;
  int argc;
  int n_opened = 0;
  gboolean options_done = FALSE;

  const char *base = NULL;
  PpvBaseMode mode = PPV_BASE_NONE;
  gboolean normalize = FALSE, both = FALSE;
  gboolean watch = FALSE, gc = FALSE, bad_interval = FALSE;
  guint64 interval = 0;
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();

  argv = g_application_command_line_get_arguments (command_line, &argc);
  cwd = g_application_command_line_get_cwd (command_line);

  for (int i = 1; i < argc; i++)
    {
      if (!options_done && g_strcmp0 (argv[i], "--") == 0)
        options_done = TRUE;
      else if (!options_done && take_base_option (argv, argc, &i, &base, &mode, &normalize, &both))
        continue;
      else if (!options_done && take_watch_option (argv, argc, &i, &watch, &gc, &interval, &bad_interval))
        continue;
      else
        g_ptr_array_add (sources, argv[i]);
    }

  /* pprof's own messages for the same mistakes. */
  if (both)
    {
      g_application_command_line_printerr (command_line, "-base and -diff_base flags cannot both be specified\n");
      return 2;
    }
  if (normalize && base == NULL)
    {
      g_application_command_line_printerr (command_line, "must have base profile to normalize by\n");
      return 2;
    }

  if (bad_interval)
    {
      g_application_command_line_printerr (command_line, "pprof-viewer: --interval must be 1 to 3600 seconds\n");
      return 2;
    }
  if ((watch || gc || interval > 0) && (base != NULL || !watch))
    {
      g_application_command_line_printerr (command_line, watch ? "pprof-viewer: --watch cannot compare (--base, --diff-base)\n"
                                                               : "pprof-viewer: --interval and --gc go with --watch\n");
      return 2;
    }

  for (guint i = 0; i < sources->len; i++)
    {
      if (window == NULL)
        window = front_window (self);
      if (watch)
        ppv_window_watch (window, sources->pdata[i], gc, (guint) interval);
      else if (base != NULL)
        ppv_window_open_compared (window, sources->pdata[i], cwd, base, mode, normalize);
      else
        ppv_window_open_address (window, sources->pdata[i], cwd);
      n_opened++;
    }

  if (window != NULL)
    gtk_window_present (GTK_WINDOW (window));

  if (n_opened == 0)
    g_application_activate (app);

  return EXIT_SUCCESS;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  PpvApplication *self = PPV_APPLICATION (app);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));
  /* Closing each window lets it save its size; the application then
   * quits by itself when the last one is gone. */
  GList *copy = g_list_copy_deep (windows, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);

  /* Every window's tabs are the session, not only the last one's. */
  ppv_application_save_session (self);
  self->quitting = TRUE;

  for (GList *l = copy; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free_full (copy, g_object_unref);
}

static void
new_window_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  PpvWindow *window = new_window (PPV_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { _("The Pprof Viewer authors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-name", _("Pprof Viewer"),
                        "application-icon", PPV_APP_ID,
                        "developer-name", _("The Pprof Viewer authors"),
                        "version", PPV_VERSION,
                        "comments", _("Read Go pprof profiles from files and live /debug/pprof endpoints: "
                                      "top functions and call graphs."),
                        "copyright", "© 2026 The Pprof Viewer authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/pprofviewer/pprof-viewer",
                        "issue-url", "https://github.com/pprofviewer/pprof-viewer/issues",
                        "developers", developers,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
shortcuts_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  builder = gtk_builder_new_from_resource ("/io/github/pprofviewer/PprofViewer/ppv-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (shortcuts, gtk_application_get_active_window (app));
  gtk_window_present (shortcuts);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "new-window", new_window_activated },
  { "about", about_activated },
  { "shortcuts", shortcuts_activated },
};

static void
ppv_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit",         { "<Control>q", NULL } },
    { "app.new-window",   { "<Control>n", NULL } },
    { "app.shortcuts",    { "<Control>question", NULL } },
    { "win.open",         { "<Control>o", NULL } },
    { "win.focus-address", { "<Control>l", NULL } },
    { "win.reload",       { "<Control>r", "F5", NULL } },
    { "win.save-as",      { "<Control>s", NULL } },
    { "win.new-tab",      { "<Control>t", NULL } },
    { "win.close-tab",    { "<Control>w", NULL } },
    { "win.compare",      { "<Control>b", NULL } },
  };

  G_APPLICATION_CLASS (ppv_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);

  gtk_window_set_default_icon_name (PPV_APP_ID);
}

static void
ppv_application_shutdown (GApplication *app)
{
  PpvApplication *self = PPV_APPLICATION (app);

  g_clear_handle_id (&self->save_session_id, g_source_remove);
  if (ppv_app_settings_get_default () != NULL)
    g_settings_sync ();

  G_APPLICATION_CLASS (ppv_application_parent_class)->shutdown (app);
}

static void
ppv_application_class_init (PpvApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  ppv_application_ensure_resources ();

  app_class->activate = ppv_application_activate;
  app_class->open = ppv_application_open;
  app_class->command_line = ppv_application_command_line;
  app_class->startup = ppv_application_startup;
  app_class->shutdown = ppv_application_shutdown;
}

static void
ppv_application_init (PpvApplication *self)
{
}

PpvApplication *
ppv_application_new (void)
{
  return g_object_new (PPV_TYPE_APPLICATION,
                       "application-id", PPV_APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/pprofviewer/PprofViewer",
                       NULL);
}
