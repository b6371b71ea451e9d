/* ppv-views.c — the views library's shared setup: its GResource.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>

#include "ppv-views.h"
#include "ppv-views-resources.h"

void
ppv_views_ensure_resources (void)
{
  static gsize done;

  /* A static library drops unreferenced objects, constructors and all:
   * register by hand rather than rely on the resource's constructor. */
  if (g_once_init_enter (&done))
    {
      ppv_views_register_resource ();
      g_once_init_leave (&done, 1);
    }
}
