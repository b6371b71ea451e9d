/* flame-test-fixture.c — a profile view on the Flame Graph page, for the
 * in-process flame tests.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "flame-test-fixture.h"
#include "views-test-util.h"


static void
on_selected (PpvReportPane *pane,
             const char    *name,
             Fixture       *fixture)
{
  g_ptr_array_add (fixture->selected, g_strdup (name));
}

static void
on_toast (PpvProfileView *view,
          const char     *message,
          Fixture        *fixture)
{
  g_ptr_array_add (fixture->toasts, g_strdup (message));
}

gboolean
has_toast (gpointer data)
{
  Fixture *fixture = data;

  return fixture->toasts->len > 0;
}

gboolean
flame_built (gpointer data)
{
  Fixture *fixture = data;

  return ppv_flame_view_get_tree (fixture->flame) != NULL
         && !ppv_report_pane_get_loading (PPV_REPORT_PANE (fixture->flame))
         && !ppv_report_pane_get_loading (PPV_REPORT_PANE (fixture->top))
         && ppv_top_view_get_report (fixture->top) != NULL;
}

void
fixture_setup_profile (Fixture    *fixture,
                       PpvProfile *profile,
                       const char *profile_name,
                       gboolean    dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);

  fixture->profile = profile;
  fixture->selected = g_ptr_array_new_with_free_func (g_free);
  fixture->toasts = g_ptr_array_new_with_free_func (g_free);
  fixture->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 700);
  fixture->view = PPV_PROFILE_VIEW (ppv_profile_view_new ());
  fixture->top = PPV_TOP_VIEW (ppv_profile_view_get_pane (fixture->view, "top"));
  fixture->flame = PPV_FLAME_VIEW (ppv_profile_view_get_pane (fixture->view, "flame"));
  fixture->callers = PPV_CALLERS_VIEW (ppv_profile_view_get_pane (fixture->view, "callers"));
  g_assert_nonnull (fixture->flame);
  g_assert_nonnull (fixture->callers);
  fixture->canvas = ppv_flame_view_get_canvas (fixture->flame);
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  g_signal_connect (fixture->flame, "selected", G_CALLBACK (on_selected), fixture);
  g_signal_connect (fixture->view, "toast", G_CALLBACK (on_toast), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));

  ppv_profile_view_set_profile (fixture->view, fixture->profile, profile_name);
  adw_view_stack_set_visible_child_name (ppv_profile_view_get_stack (fixture->view), "flame");
  g_assert_true (wait_for (flame_built, fixture, 30000));
  gtk_test_widget_wait_for_draw (fixture->window);
  spin (50);
}

void
fixture_setup (Fixture    *fixture,
               const char *profile_name,
               gboolean    dark)
{
  fixture_setup_profile (fixture, load_fixture (profile_name), profile_name, dark);
}

void
fixture_teardown (Fixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_ptr_array_unref (fixture->selected);
  g_ptr_array_unref (fixture->toasts);
  g_clear_pointer (&fixture->profile, ppv_profile_unref);
}

