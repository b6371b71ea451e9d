/* ppv-top-row.c — one row of the top table: a report row seen as a GObject.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-top-row-private.h"

#include <string.h>

G_DEFINE_FINAL_TYPE (PpvTopRow, ppv_top_row, G_TYPE_OBJECT)

static void
ppv_top_row_finalize (GObject *object)
{
  PpvTopRow *self = PPV_TOP_ROW (object);

  g_free (self->owned_name);
  g_free (self->display_name);
  g_clear_pointer (&self->report, ppv_report_unref);

  G_OBJECT_CLASS (ppv_top_row_parent_class)->finalize (object);
}

static void
ppv_top_row_class_init (PpvTopRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ppv_top_row_finalize;
}

static void
ppv_top_row_init (PpvTopRow *self)
{
}

/* Cuts @str to at most @max_chars UTF-8 characters, adding an ellipsis;
 * returns NULL when it is short enough already.  Only the first
 * max_chars+1 characters are looked at, so this is cheap on huge names. */
static char *
cut_name (const char *str,
          guint       max_chars)
{
  g_autofree char *head = NULL;
  const char *p = str;
  guint n = 0;

  while (*p != '\0' && n < max_chars)
    {
      p = g_utf8_next_char (p);
      n++;
    }
  if (*p == '\0')
    return NULL;

  head = g_strndup (str, p - str);
  return g_strconcat (head, "…", NULL);
}

/* Safe to call from a worker thread: it touches only the immutable report. */
PpvTopRow *
ppv_top_row_new (PpvReport *report,
                 guint      index)
{
  PpvTopRow *self;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (index < ppv_report_get_n_rows (report), NULL);

  self = g_object_new (PPV_TYPE_TOP_ROW, NULL);
  self->report = ppv_report_ref (report);
  self->index = index;
  self->row = ppv_report_get_row (report, index);

  switch (self->row->inline_mark)
    {
    case PPV_INLINE_FULL:
      self->owned_name = g_strconcat (self->row->name, " (inline)", NULL);
      break;
    case PPV_INLINE_PARTIAL:
      self->owned_name = g_strconcat (self->row->name, " (partial-inline)", NULL);
      break;
    case PPV_INLINE_NONE:
    default:
      break;
    }
  self->name = self->owned_name != NULL ? self->owned_name : self->row->name;
  self->display_name = cut_name (self->name, PPV_TOP_ROW_MAX_NAME_CHARS);

  return self;
}

PpvReport *
ppv_top_row_get_report (PpvTopRow *self)
{
  g_return_val_if_fail (PPV_IS_TOP_ROW (self), NULL);
  return self->report;
}

guint
ppv_top_row_get_index (PpvTopRow *self)
{
  g_return_val_if_fail (PPV_IS_TOP_ROW (self), 0);
  return self->index;
}

gint64
ppv_top_row_get_flat (PpvTopRow *self)
{
  g_return_val_if_fail (PPV_IS_TOP_ROW (self), 0);
  return self->row->flat;
}

gint64
ppv_top_row_get_cum (PpvTopRow *self)
{
  g_return_val_if_fail (PPV_IS_TOP_ROW (self), 0);
  return self->row->cum;
}

const char *
ppv_top_row_get_name (PpvTopRow *self)
{
  g_return_val_if_fail (PPV_IS_TOP_ROW (self), NULL);
  return self->name;
}

const char *
ppv_top_row_get_plain_name (PpvTopRow *self)
{
  g_return_val_if_fail (PPV_IS_TOP_ROW (self), NULL);
  return self->row->name;
}

const char *
ppv_top_row_get_display_name (PpvTopRow *self)
{
  g_return_val_if_fail (PPV_IS_TOP_ROW (self), NULL);
  return self->display_name != NULL ? self->display_name : self->name;
}

gboolean
ppv_top_row_is_truncated (PpvTopRow *self)
{
  g_return_val_if_fail (PPV_IS_TOP_ROW (self), FALSE);
  return self->display_name != NULL;
}

gboolean
ppv_top_row_matches (PpvTopRow  *self,
                     const char *needle)
{
  const char *h;
  gsize nlen;

  g_return_val_if_fail (PPV_IS_TOP_ROW (self), FALSE);

  if (needle == NULL || needle[0] == '\0')
    return TRUE;

  nlen = strlen (needle);
  for (h = self->name; *h != '\0'; h++)
    {
      gsize i;

      if (g_ascii_tolower (*h) != needle[0])
        continue;
      for (i = 1; i < nlen; i++)
        if (h[i] == '\0' || g_ascii_tolower (h[i]) != needle[i])
          break;
      if (i == nlen)
        return TRUE;
    }

  return FALSE;
}

guint
ppv_top_row_get_name_rank (PpvTopRow *self)
{
  g_return_val_if_fail (PPV_IS_TOP_ROW (self), 0);
  return self->name_rank;
}

void
ppv_top_row_set_name_rank (PpvTopRow *self,
                           guint      rank)
{
  g_return_if_fail (PPV_IS_TOP_ROW (self));
  self->name_rank = rank;
}
