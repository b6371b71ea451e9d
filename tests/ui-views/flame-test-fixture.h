/* flame-test-fixture.h — a profile view on the Flame Graph page, for the
 * in-process flame tests.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ppv-callers-view.h"
#include "ppv-flame-view.h"
#include "ppv-profile-view-private.h"
#include "ppv-top-view.h"

G_BEGIN_DECLS

typedef struct
{
  GtkWidget       *window;
  PpvProfileView  *view;
  PpvProfile      *profile;
  PpvTopView      *top;
  PpvFlameView    *flame;
  PpvCallersView  *callers;
  PpvFlameCanvas  *canvas;
  GPtrArray       *selected;     /* names the flame pane emitted */
  GPtrArray       *toasts;
} Fixture;

/* A window with a profile view of @profile (taken) on its flame page,
 * built and drawn, in light or @dark style. */
void fixture_setup_profile (Fixture    *fixture,
                            PpvProfile *profile,
                            const char *profile_name,
                            gboolean    dark);
/* The same for tests/fixtures/profiles/@profile_name. */
void fixture_setup         (Fixture    *fixture,
                            const char *profile_name,
                            gboolean    dark);
void fixture_teardown      (Fixture    *fixture);
/* The flame tree and the table are built (a Condition on a Fixture). */
gboolean flame_built       (gpointer    data);
/* The view showed a toast (a Condition on a Fixture). */
gboolean has_toast         (gpointer    data);

G_END_DECLS
