/* views-test-util.c — what the in-process view tests share.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
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
