/* views-test-util.h — what the in-process view tests share: waiting on
 * the main loop, fixtures, finding widgets, screenshots.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ppv-reader.h"
#include "ppv-top-view.h"

G_BEGIN_DECLS

typedef gboolean (*Condition) (gpointer data);

/* Reads PPV_FIXTURES (default: the source tree's) and PPV_SHOT_DIR. */
void        views_test_init      (void);
/* views_test_init(), GTK's and libadwaita's test set-up; FALSE (the test
 * is skipped: exit 77) without a display. */
gboolean    views_test_init_gtk  (int         *argc,
                                  char      ***argv);
/* Iterates the main loop until @condition holds; FALSE on timeout. */
gboolean    wait_for             (Condition   condition,
                                  gpointer    data,
                                  guint       timeout_ms);
/* Iterates the main loop for @ms milliseconds. */
void        spin                 (guint       ms);
/* tests/fixtures/profiles/@name, read or the test fails. */
PpvProfile *load_fixture         (const char *name);
const char *fixtures_dir         (void);
GtkWidget  *find_descendant      (GtkWidget  *widget,
                                  GType       type);
/* Selects the row of @plain_name in the table as a click would (the
 * table emits ::selected); the row must be shown. */
void        click_row            (PpvTopView *top,
                                  const char *plain_name);
/* Saves @texture as @name in PPV_SHOT_DIR, if set. */
void        save_texture         (GdkTexture *texture,
                                  const char *name);
/* Renders @window as it is drawn and saves it as @name. */
void        save_shot            (GtkWidget  *window,
                                  const char *name);

/* A key pressed and released on @window, run through the shortcut
 * controllers from the focus widget up: TRUE if some widget handled it. */
gboolean    press_key            (GtkWidget       *window,
                                  guint            keyval,
                                  GdkModifierType  modifiers);

G_END_DECLS
