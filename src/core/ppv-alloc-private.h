/* ppv-alloc-private.h — zeroed arrays that threads read before they write.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

/* @n zeroed elements of @size bytes, zeroed by writing them now rather
 * than by calloc.  A big calloc'd page that is read before it is written
 * (a hash probe, a "first seen" cell) maps the shared zero page and is
 * copied at its first write, and each copy interrupts every core running
 * the process to flush its TLB: the other worker threads, and the UI
 * thread, whose frames ran 2-3 times slower while a comparison merged. */
static inline gpointer
_ppv_new0_written (gsize n,
                   gsize size)
{
  gpointer p = g_malloc_n (MAX (n, 1), size);

  memset (p, 0, MAX (n, 1) * size);
  return p;
}

G_END_DECLS
