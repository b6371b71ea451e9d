/* test-tabs.c — documents load on their own; tabs load side by side, move between windows, make the session.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <string.h>

#include "ppv-app-settings.h"
#include "ppv-application.h"
#include "ppv-document.h"
#include "ppv-page.h"
#include "ppv-window.h"

static PpvApplication *app;

static void
spin_until (gboolean (*done) (gpointer), gpointer data)
{
  /* Bounded so a broken build fails instead of hanging the suite. */
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (done (data));
}

static GFile *
fixture (const char *name)
{
  g_autofree char *path = g_build_filename (PPV_TEST_DATA_DIR, name, NULL);

  return g_file_new_for_path (path);
}

/* --- PpvDocument --------------------------------------------------------- */

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} LoadResult;

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LoadResult *r = user_data;

  r->ok = ppv_document_load_finish (PPV_DOCUMENT (object), result, &r->error);
  r->done = TRUE;
}

static gboolean
load_done (gpointer data)
{
  return ((LoadResult *) data)->done;
}

static void
test_document_labels (void)
{
  g_autoptr(GFile) file = fixture ("heap.pb.gz");
  g_autoptr(PpvRequest) request = ppv_request_new_file (file);
  g_autoptr(PpvDocument) document = ppv_document_new (request);
  g_autoptr(PpvFetcher) fetcher = ppv_fetcher_new ();
  g_autofree char *tab_title = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *path = g_file_get_path (file);
  LoadResult r = { 0 };

  /* Before it has loaded: the source alone. */
  tab_title = ppv_document_dup_tab_title (document);
  g_assert_cmpstr (tab_title, ==, "heap.pb.gz");
  g_assert_null (ppv_document_get_subtitle (document));
  g_clear_pointer (&tab_title, g_free);

  ppv_document_load_async (document, fetcher, loaded_cb, &r);
  spin_until (load_done, &r);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);

  g_assert_nonnull (ppv_document_get_profile (document));
  g_assert_nonnull (ppv_document_get_bytes (document));
  g_assert_null (ppv_document_get_kept_file (document));
  g_assert_cmpstr (ppv_document_get_title (document), ==, "heap.pb.gz");
  g_assert_cmpstr (ppv_document_get_kind_label (document), ==, "Heap profile");
  g_assert_true (g_str_has_prefix (ppv_document_get_subtitle (document), "Heap profile · "));
  tab_title = ppv_document_dup_tab_title (document);
  g_assert_cmpstr (tab_title, ==, "heap · heap.pb.gz");
  tooltip = ppv_document_dup_tooltip (document);
  g_assert_true (g_str_has_prefix (tooltip, path));
  g_assert_nonnull (strstr (tooltip, "\nOpened "));
}

static void
test_document_cancel (void)
{
  g_autoptr(GFile) file = fixture ("cpu.pb.gz");
  g_autoptr(PpvRequest) request = ppv_request_new_file (file);
  g_autoptr(PpvDocument) document = ppv_document_new (request);
  g_autoptr(PpvDocument) other = ppv_document_new (request);
  g_autoptr(PpvFetcher) fetcher = ppv_fetcher_new ();
  LoadResult r = { 0 };
  LoadResult r_other = { 0 };

  /* Each document has its own cancellable: cancelling one leaves the
   * other loading. */
  ppv_document_load_async (document, fetcher, loaded_cb, &r);
  ppv_document_load_async (other, fetcher, loaded_cb, &r_other);
  ppv_document_cancel (document);
  spin_until (load_done, &r);
  spin_until (load_done, &r_other);

  g_assert_false (r.ok);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (ppv_document_get_profile (document));
  g_clear_error (&r.error);

  g_assert_no_error (r_other.error);
  g_assert_true (r_other.ok);
  g_assert_cmpstr (ppv_document_get_kind_label (other), ==, "CPU profile");
}

/* --- Tabs ---------------------------------------------------------------- */

static AdwTabView *
find_tab_view (GtkWidget *widget)
{
  if (ADW_IS_TAB_VIEW (widget))
    return ADW_TAB_VIEW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwTabView *view = find_tab_view (child);

      if (view != NULL)
        return view;
    }
  return NULL;
}

static PpvPage *
nth_page (AdwTabView *view,
          int         n)
{
  return PPV_PAGE (adw_tab_page_get_child (adw_tab_view_get_nth_page (view, n)));
}

static gboolean
both_profiles (gpointer data)
{
  AdwTabView *view = data;

  return adw_tab_view_get_n_pages (view) == 2
         && g_str_equal (ppv_page_get_state (nth_page (view, 0)), "profile")
         && g_str_equal (ppv_page_get_state (nth_page (view, 1)), "profile");
}

static gboolean
n_windows_is_one (gpointer data)
{
  return g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))) == 1;
}

static void
test_tabs (void)
{
  g_autoptr(GFile) heap = fixture ("heap.pb.gz");
  g_autoptr(GFile) cpu = fixture ("cpu.pb.gz");
  g_autofree char *heap_path = g_file_get_path (heap);
  g_autofree char *cpu_path = g_file_get_path (cpu);
  g_auto(GStrv) session = NULL;
  PpvWindow *window = ppv_window_new (app);
  PpvWindow *other_window;
  AdwTabView *view = find_tab_view (GTK_WIDGET (window));
  AdwTabView *other = NULL;
  int min_width = 0;

  g_assert_nonnull (view);
  g_assert_cmpint (adw_tab_view_get_n_pages (view), ==, 1);
  gtk_window_present (GTK_WINDOW (window));

  /* The empty tab takes the first file, a new tab the second; the first
   * load is not cancelled by the second (the old window had one slot). */
  ppv_window_open_file (window, heap);
  g_assert_true (ppv_page_get_loading (nth_page (view, 0)));
  ppv_window_open_file (window, cpu);
  g_assert_true (ppv_page_get_loading (nth_page (view, 0)));
  g_assert_true (ppv_page_get_loading (nth_page (view, 1)));
  spin_until (both_profiles, view);
  g_assert_cmpstr (ppv_page_get_tab_title (nth_page (view, 0)), ==, "heap · heap.pb.gz");
  g_assert_cmpstr (ppv_page_get_tab_title (nth_page (view, 1)), ==, "cpu · cpu.pb.gz");

  /* The window's title follows the selected tab. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "cpu.pb.gz");
  adw_tab_view_set_selected_page (view, adw_tab_view_get_nth_page (view, 0));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "heap.pb.gz");
  g_assert_true (g_str_has_prefix (ppv_page_get_status (nth_page (view, 0)), "Heap profile"));

  /* Tiled to half of a 1280-pixel screen, the window still fits: the
   * address entry shrinks, wide tables scroll. */
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 640);

  /* The session lists both files, in tab order. */
  ppv_application_save_session (app);
  session = ppv_app_settings_dup_strv ("session-sources");
  g_assert_cmpuint (g_strv_length (session), ==, 2);
  g_assert_cmpstr (session[0], ==, heap_path);
  g_assert_cmpstr (session[1], ==, cpu_path);

  /* A tab dragged out gets a window of its own (AdwTabView asks for it
   * with ::create-window); the tab keeps its profile. */
  g_signal_emit_by_name (view, "create-window", &other);
  g_assert_nonnull (other);
  g_assert_cmpint (adw_tab_view_get_n_pages (other), ==, 0);
  adw_tab_view_transfer_page (view, adw_tab_view_get_nth_page (view, 1), other, 0);
  g_assert_cmpint (adw_tab_view_get_n_pages (view), ==, 1);
  g_assert_cmpint (adw_tab_view_get_n_pages (other), ==, 1);
  other_window = PPV_WINDOW (gtk_widget_get_root (GTK_WIDGET (other)));
  g_assert_true (other_window != window);
  g_assert_cmpstr (ppv_page_get_state (nth_page (other, 0)), ==, "profile");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (other_window)), ==, "cpu.pb.gz");
  g_assert_cmpstr (adw_tab_page_get_title (adw_tab_view_get_nth_page (other, 0)), ==, "cpu · cpu.pb.gz");

  /* Moving the last tab away closes the window it leaves. */
  adw_tab_view_transfer_page (view, adw_tab_view_get_nth_page (view, 0), other, 1);
  spin_until (n_windows_is_one, NULL);
  g_assert_cmpint (adw_tab_view_get_n_pages (other), ==, 2);

  gtk_window_destroy (GTK_WINDOW (other_window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("no display: skipping\n");
      return 77;
    }

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_init (&argc, &argv, NULL);

  /* Not on the session bus: a test must not meet a running copy. */
  app = ppv_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/ppv/ui-window/document/labels", test_document_labels);
  g_test_add_func ("/ppv/ui-window/document/cancel", test_document_cancel);
  g_test_add_func ("/ppv/ui-window/tabs/side-by-side", test_tabs);

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
