/* views-test-util.c — what the in-process view tests share.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gstdio.h>

#include "views-test-util.h"

static const char *fixtures;    /* tests/fixtures */
static const char *shot_dir;

void
views_test_init (void)
{
  fixtures = g_getenv ("PPV_FIXTURES");
  if (fixtures == NULL)
    fixtures = PPV_FIXTURES_DIR;
  shot_dir = g_getenv ("PPV_SHOT_DIR");
}

gboolean
views_test_init_gtk (int    *argc,
                     char ***argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL
      && g_strcmp0 (g_getenv ("GDK_BACKEND"), "broadway") != 0)
    {
      g_printerr ("no display: skipping\n");
      return FALSE;
    }
  views_test_init ();
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  return TRUE;
}

const char *
fixtures_dir (void)
{
  return fixtures;
}

gboolean
wait_for (Condition condition,
          gpointer  data,
          guint     timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

PpvProfile *
load_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (fixtures, "profiles", name, NULL);
  g_autoptr(GError) error = NULL;
  PpvProfile *profile = ppv_profile_read_path (path, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (profile);
  return profile;
}

GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
save_texture (GdkTexture *texture,
              const char *name)
{
  g_autofree char *path = NULL;

  if (shot_dir == NULL)
    return;

  g_mkdir_with_parents (shot_dir, 0755);
  path = g_build_filename (shot_dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

void
save_shot (GtkWidget  *window,
           const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (shot_dir == NULL)
    return;

  gtk_test_widget_wait_for_draw (window);
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  save_texture (texture, name);
}

void
click_row (PpvTopView *top,
           const char *plain_name)
{
  GtkColumnView *column_view = GTK_COLUMN_VIEW (find_descendant (GTK_WIDGET (top), GTK_TYPE_COLUMN_VIEW));
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (column_view));
  GListModel *shown = ppv_top_view_get_shown_model (top);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(PpvTopRow) row = g_list_model_get_item (shown, i);

      if (g_strcmp0 (ppv_top_row_get_plain_name (row), plain_name) == 0)
        {
          gtk_single_selection_set_selected (selection, i);
          return;
        }
    }
  g_assert_not_reached ();
}

/* --- Keys ---------------------------------------------------------------
 *
 * GTK 4.8 cannot synthesise key events: press_key() delivers a key the way
 * GTK's shortcut controllers do, from the focus widget up to the window.
 */

static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 guint               keyval,
                 GdkModifierType     modifiers)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    return gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
           && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers;

  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)),
                            keyval, modifiers)
           || trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)),
                               keyval, modifiers);

  return FALSE;
}

/* Runs the shortcuts of @widget's bubble-phase shortcut controllers that
 * @keyval + @modifiers trigger; TRUE once one handles the key. */
static gboolean
run_shortcuts (GtkWidget       *widget,
               guint            keyval,
               GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      GListModel *shortcuts;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller)
          || gtk_event_controller_get_propagation_phase (controller) != GTK_PHASE_BUBBLE)
        continue;

      shortcuts = G_LIST_MODEL (controller);
      for (guint j = 0; j < g_list_model_get_n_items (shortcuts); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, j);

          if (trigger_matches (gtk_shortcut_get_trigger (shortcut), keyval, modifiers)
              && gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                               gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }
  return FALSE;
}

/* A key pressed and released on @window: TRUE if some widget handled it.
 * Focus becomes visible as GtkWindow 4.8 decides it for real keys: it was
 * visible already, or the key moved the focus; else it is hidden. */
gboolean
press_key (GtkWidget       *window,
           guint            keyval,
           GdkModifierType  modifiers)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *press_focus = gtk_window_get_focus_visible (GTK_WINDOW (window)) ? NULL : focus;
  gboolean handled = FALSE;

  for (GtkWidget *widget = focus != NULL ? focus : window;
       widget != NULL && !handled;
       widget = gtk_widget_get_parent (widget))
    handled = run_shortcuts (widget, keyval, modifiers);

  gtk_window_set_focus_visible (GTK_WINDOW (window),
                                press_focus != gtk_root_get_focus (GTK_ROOT (window)));
  g_main_context_iteration (NULL, FALSE);
  return handled;
}
