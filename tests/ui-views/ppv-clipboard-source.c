/* ppv-clipboard-source.c — owns the X clipboard with a file's text, for
 * the paste steps of the AT-SPI tests (as a terminal or a browser would
 * after "Copy").
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: ppv-clipboard-source FILE   (prints "ready" once it owns it;
 * runs until killed)
 */
#include <gtk/gtk.h>

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GMainLoop) loop = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: %s FILE\n", argv[0]);
      return 2;
    }
  if (!g_file_get_contents (argv[1], &text, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  gtk_init ();
  gdk_clipboard_set_text (gdk_display_get_clipboard (gdk_display_get_default ()), text);
  g_print ("ready\n");
  loop = g_main_loop_new (NULL, FALSE);
  g_main_loop_run (loop);
  return 0;
}
