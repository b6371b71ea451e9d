/* ppv-report-pane.h — the contract every report-backed view keeps: built
 * from a profile and report options in a worker, cancelled and replaced
 * when they change, showing the shared "current function", searchable.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pane subclasses PpvReportPane and fills in the class: its page (name,
 * title, icon), adjust_options, build (in a worker), apply (on the main
 * thread), select_name and set_search.  The base keeps the job (ppv-report-
 * job.h), the loading state, failures, the current result (the old one is
 * freed in a worker: big reports take a while to free) and whether the
 * pane is stale.  PpvProfileView holds a list of panes and knows nothing
 * else about them: a new view joins by being added to that list.
 */
#pragma once

#include <gtk/gtk.h>

#include "ppv-report-job.h"

G_BEGIN_DECLS

#define PPV_TYPE_REPORT_PANE (ppv_report_pane_get_type ())

G_DECLARE_DERIVABLE_TYPE (PpvReportPane, ppv_report_pane, PPV, REPORT_PANE, GtkWidget)

struct _PpvReportPaneClass
{
  GtkWidgetClass parent_class;

  /* The pane's page in the view stack: a stable name ("top", also kept in
   * settings), an untranslated title (N_()), an icon name. */
  const char    *page_name;
  const char    *page_title;
  const char    *icon_name;
  /* What the search looks through, as the search entry's placeholder
   * (N_()); NULL: "Search functions". */
  const char    *search_placeholder;

  /* Frees what build() returns. */
  GDestroyNotify result_free;
  /* Frees what prepare() returns. */
  GDestroyNotify view_data_free;

  /* Main thread: turns the options every pane shares (sample type,
   * granularity, filters) into this pane's, e.g. a node count.  Called
   * again on its own output, so it must be idempotent.  Optional. */
  void       (*adjust_options) (PpvReportPane          *self,
                                PpvReportOptions       *options);
  /* Main thread, just before a build: what else the worker needs (the
   * table's order, the search), handed to build() as inputs->view_data.
   * Optional. */
  gpointer   (*prepare)        (PpvReportPane          *self);
  /* Worker thread: must not touch the pane.  Returns the result, or NULL
   * with @error set. */
  gpointer   (*build)          (PpvReportInputs        *inputs,
                                GCancellable           *cancellable,
                                GError                **error);
  /* Main thread: shows @result (NULL: no profile, show nothing).  The
   * base keeps @result until the next one; apply may take parts of it. */
  void       (*apply)          (PpvReportPane          *self,
                                gpointer                result);
  /* The report the pane shows, or NULL.  Optional. */
  PpvReport *(*get_report)     (PpvReportPane          *self);
  /* Selects (and reveals) the function with this plain name without
   * emitting ::selected; NULL clears.  FALSE if it is not shown.
   * Optional: a pane without it shows no functions (Labels), and other
   * panes' "Show in" menus leave it out. */
  gboolean   (*select_name)    (PpvReportPane          *self,
                                const char             *plain_name);
  /* Highlights or keeps what matches @text (NULL: no search).  Optional. */
  void       (*set_search)     (PpvReportPane          *self,
                                const char             *text);

  /* Main thread: the legend lines of what the pane shows, for a pane
   * without a report ("Type: …", "Showing nodes accounting for …"), or
   * NULL while it has nothing.  Optional. */
  char     **(*dup_legend)     (PpvReportPane          *self);
  /* Whether the pane has anything to show for @profile (the Goroutines
   * pane: goroutine profiles only); the view hides it otherwise.
   * Optional: every profile. */
  gboolean   (*shows_profile)  (PpvProfile             *profile);

  gpointer padding[6];
};

const char *ppv_report_pane_get_page_name     (PpvReportPane          *self);
/* Translated. */
const char *ppv_report_pane_get_page_title    (PpvReportPane          *self);
const char *ppv_report_pane_get_icon_name     (PpvReportPane          *self);
/* Translated. */
const char *ppv_report_pane_get_search_placeholder (PpvReportPane     *self);

/* The pane is for @profile (see shows_profile). */
gboolean    ppv_report_pane_shows_profile     (PpvReportPane          *self,
                                               PpvProfile             *profile);
/* Builds for @profile and @options as given (no adjust_options): quick
 * successive calls cost one build; what is shown stays until the new
 * result is ready.  A NULL @profile clears the pane at once. */
void        ppv_report_pane_set_options       (PpvReportPane          *self,
                                               PpvProfile             *profile,
                                               const PpvReportOptions *options);
/* Takes the shared options, adjusted for this pane: builds now when
 * @build_now, else only keeps them and the pane is stale (what it shows
 * is out of date) until ppv_report_pane_refresh(). */
void        ppv_report_pane_update            (PpvReportPane          *self,
                                               PpvProfile             *profile,
                                               const PpvReportOptions *shared,
                                               gboolean                build_now);
/* Builds a stale pane; does nothing to a current one. */
void        ppv_report_pane_refresh           (PpvReportPane          *self);
gboolean    ppv_report_pane_get_stale         (PpvReportPane          *self);
/* Property "loading": a build is queued or running. */
gboolean    ppv_report_pane_get_loading       (PpvReportPane          *self);
PpvProfile *ppv_report_pane_get_profile       (PpvReportPane          *self);
/* The options of the newest request (adjusted), or NULL. */
const PpvReportOptions *ppv_report_pane_get_options (PpvReportPane    *self);
PpvReport  *ppv_report_pane_get_report        (PpvReportPane          *self);
/* The legend lines of what the pane shows: its report's header lines, or
 * the pane's own (dup_legend); NULL while it shows nothing. */
char      **ppv_report_pane_dup_legend        (PpvReportPane          *self);

/* Names the profile in export file names ("heap.pb.gz" -> "heap.svg"). */
void        ppv_report_pane_set_source_name   (PpvReportPane          *self,
                                               const char             *source_name);
/* The export basename without extension: "heap" (or "profile"). */
char       *ppv_report_pane_dup_export_stem   (PpvReportPane          *self);
/* The same for any source: "http://host/debug/pprof/heap?gc=1" -> "heap". */
char       *ppv_report_pane_stem_from_source  (const char             *source_name);

/* The current function: remembered (a pane being built selects it when
 * its result arrives) and shown if the pane has it. */
gboolean    ppv_report_pane_select_name       (PpvReportPane          *self,
                                               const char             *plain_name);
const char *ppv_report_pane_get_selected_name (PpvReportPane          *self);
void        ppv_report_pane_set_search        (PpvReportPane          *self,
                                               const char             *text);

/* A control for the profile view's bar, shown while the pane is (the
 * graph's node count); NULL for none.  The pane owns it. */
GtkWidget  *ppv_report_pane_get_utility       (PpvReportPane          *self);
/* The full name ("graph.zoom-in") of the action this pane's class
 * installed as "<prefix>.@verb", or NULL. */
char       *ppv_report_pane_dup_action        (PpvReportPane          *self,
                                               const char             *verb);

/* For subclasses. */
void        ppv_report_pane_set_utility       (PpvReportPane          *self,
                                               GtkWidget              *utility);
/* The pane's own options changed (its node count): adjusts the kept
 * shared options again and builds, or stays stale. */
void        ppv_report_pane_options_changed   (PpvReportPane          *self);
/* The user selected or activated a function (emits ::selected or
 * ::activated; ::selected also makes it the pane's current function). */
void        ppv_report_pane_emit_selected     (PpvReportPane          *self,
                                               const char             *plain_name);
void        ppv_report_pane_emit_activated    (PpvReportPane          *self,
                                               const char             *plain_name);
/* Emits ::toast. */
void        ppv_report_pane_toast             (PpvReportPane          *self,
                                               const char             *message);
/* Adds "Show in ▸ <pane>" items for @plain_name, one for every other pane
 * in the same view stack (view.show-in). */
void        ppv_report_pane_append_show_in    (PpvReportPane          *self,
                                               GMenu                  *menu,
                                               const char             *plain_name);
/* Drops @data with @free_func in a worker: freeing a report of 200k rows
 * takes tens of milliseconds of the main loop. */
void        ppv_report_pane_release_in_thread (gpointer                data,
                                               GDestroyNotify          free_func);

G_END_DECLS
