/* ppv-goroutine-dump.c — Go's full goroutine dump (goroutine?debug=2, a
 * panic's or a SIGQUIT's traceback) read as a goroutine profile.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each "goroutine N [state, M minutes]:" block is one sample of one
 * goroutine, with its frames as printed (Go hides most runtime frames
 * there: what is printed is kept).  The state, the wait in seconds and the
 * function that created the goroutine become labels, not frames, so the
 * stacks stay those of the proto profile of the same moment.  Text before
 * the first block (a panic message) and after a block (log lines) is not
 * part of the dump; a block cut short at the end is dropped and said in a
 * comment.  Lines are read within the data's bounds: it is not
 * NUL-terminated.
 */
#include <stdlib.h>
#include <string.h>

#include "ppv-error.h"
#include "ppv-reader-private.h"

typedef struct
{
  PpvProfileBuilder *builder;
  GHashTable        *functions;   /* "name\nfile" -> id */
  GHashTable        *locations;   /* "name\nfile\nline" -> id */
  GArray            *stack;       /* guint64 location ids, leaf first */
  GArray            *labels;      /* PpvLabel */
  guint              n_goroutines;
} DumpReader;

typedef struct
{
  const char *p, *end;
} Cursor;

static gboolean
next_line (Cursor     *c,
           const char **line,
           gsize       *len)
{
  const char *nl;

  if (c->p >= c->end)
    return FALSE;
  nl = memchr (c->p, '\n', c->end - c->p);
  *line = c->p;
  *len = (nl ? nl : c->end) - c->p;
  if (*len > 0 && (*line)[*len - 1] == '\r')
    (*len)--;
  c->p = nl ? nl + 1 : c->end;
  return TRUE;
}

/* "goroutine 18 [chan receive, 5 minutes]:" -> the text in brackets. */
static gboolean
parse_header (const char  *line,
              gsize        len,
              char       **bracket)
{
  const char *p = line + strlen ("goroutine ");
  const char *open;

  if (len < strlen ("goroutine 1 []:") || strncmp (line, "goroutine ", strlen ("goroutine ")) != 0)
    return FALSE;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (p < line + len && g_ascii_isdigit (*p))
    p++;
  if (p + 2 >= line + len || p[0] != ' ' || p[1] != '[')
    return FALSE;
  open = p + 2;
  if (line[len - 1] != ':' || line[len - 2] != ']')
    return FALSE;
  *bracket = g_strndup (open, line + len - 2 - open);
  return TRUE;
}

/* "main.(*T).M(0x1, {0x2, 0x3})" -> "main.(*T).M": the argument list is
 * the parenthesis that closes the line, matched backwards. */
static char *
function_name (const char *line,
               gsize       len)
{
  int depth = 0;

  if (len == 0 || line[len - 1] != ')')
    return g_strndup (line, len);
  for (gsize i = len; i > 0; i--)
    {
      char ch = line[i - 1];

      if (ch == ')')
        depth++;
      else if (ch == '(' && --depth == 0)
        return g_strndup (line, i - 1);
    }
  return g_strndup (line, len);
}

/* "\tpkg/file.go:33 +0x35" -> file and line. */
static gboolean
parse_position (const char  *line,
                gsize        len,
                char       **file,
                gint64      *lineno)
{
  const char *start, *end, *colon;

  if (len < 2 || line[0] != '\t')
    return FALSE;
  start = line + 1;
  end = memchr (start, ' ', line + len - start);
  if (end == NULL)
    end = line + len;
  colon = g_strrstr_len (start, end - start, ":");
  if (colon == NULL)
    return FALSE;
  /* The data is not NUL-terminated: digits are read within the line. */
  *lineno = 0;
  for (const char *d = colon + 1; d < end && g_ascii_isdigit (*d) && *lineno < G_MAXINT64 / 10 - 10; d++)
    *lineno = *lineno * 10 + (*d - '0');
  *file = g_strndup (start, colon - start);
  return TRUE;
}

static guint64
intern_location (DumpReader *r,
                 const char *name,
                 const char *file,
                 gint64      lineno)
{
  g_autofree char *fkey = g_strconcat (name, "\n", file, NULL);
  g_autofree char *lkey = g_strdup_printf ("%s\n%s\n%" G_GINT64_FORMAT, name, file, lineno);
  gpointer found = g_hash_table_lookup (r->locations, lkey);
  guint64 function_id, location_id;
  gint64 column = 0;

  if (found != NULL)
    return GPOINTER_TO_SIZE (found);

  found = g_hash_table_lookup (r->functions, fkey);
  if (found == NULL)
    {
      PpvFunction f = { 0 };

      f.id = g_hash_table_size (r->functions) + 1;
      f.name = name;
      f.system_name = name;
      f.filename = file;
      ppv_profile_builder_add_function (r->builder, &f);
      found = GSIZE_TO_POINTER (f.id);
      g_hash_table_insert (r->functions, g_steal_pointer (&fkey), found);
    }
  function_id = GPOINTER_TO_SIZE (found);

  location_id = g_hash_table_size (r->locations) + 1;
  ppv_profile_builder_add_location (r->builder, location_id, 0, 0, FALSE,
                                    &function_id, &lineno, &column, 1);
  g_hash_table_insert (r->locations, g_steal_pointer (&lkey), GSIZE_TO_POINTER (location_id));
  return location_id;
}

static void
add_label (DumpReader *r,
           const char *key,
           const char *str,
           gint64      num,
           const char *unit)
{
  PpvLabel label = { ppv_profile_builder_intern (r->builder, key),
                     str ? ppv_profile_builder_intern (r->builder, str) : NULL,
                     num,
                     ppv_profile_builder_intern (r->builder, unit ? unit : "") };

  g_array_append_val (r->labels, label);
}

/* "chan receive, 5 minutes, locked to thread": the state and the wait. */
static void
add_state_labels (DumpReader *r,
                  const char *bracket)
{
  g_auto(GStrv) parts = g_strsplit (bracket, ", ", -1);

  /* An empty bracket splits into no part at all. */
  if (parts[0] == NULL)
    return;
  add_label (r, "state", parts[0], 0, NULL);
  for (guint i = 1; parts[i] != NULL; i++)
    {
      char *end = NULL;
      gint64 minutes = g_ascii_strtoll (parts[i], &end, 10);

      if (end != parts[i] && g_strcmp0 (end, " minutes") == 0 && minutes >= 0)
        add_label (r, "wait", NULL, MIN (minutes, G_MAXINT64 / 60) * 60, "seconds");
    }
}

/* Reads one goroutine's block after its header; FALSE if the data ends
 * inside it (a frame without its position line). */
static gboolean
read_block (DumpReader *r,
            Cursor     *c,
            const char *bracket)
{
  const char *line;
  gsize len;
  gint64 one = 1;

  g_array_set_size (r->stack, 0);
  g_array_set_size (r->labels, 0);
  add_state_labels (r, bracket);

  while (TRUE)
    {
      g_autofree char *name = NULL;
      g_autofree char *file = NULL;
      const char *position;
      gsize position_len;
      gint64 lineno;
      gboolean creator;
      const char *at = c->p;

      if (!next_line (c, &line, &len) || len == 0)
        break;
      if ((len >= 3 && memcmp (line, "...", 3) == 0) || line[0] == '\t')
        continue;   /* "...additional frames elided..." */

      creator = len > strlen ("created by ") && strncmp (line, "created by ", strlen ("created by ")) == 0;
      if (creator)
        {
          const char *in = g_strstr_len (line, len, " in goroutine ");
          const char *fn = line + strlen ("created by ");

          name = function_name (fn, (in ? in : line + len) - fn);
        }
      else
        name = function_name (line, len);

      if (!next_line (c, &position, &position_len))
        return FALSE;   /* the data ends inside a frame */
      if (!parse_position (position, position_len, &file, &lineno))
        {
          /* Not a frame after all: the dump ended before this line (log
           * output follows without a blank line); read on from it. */
          c->p = at;
          break;
        }

      if (creator)
        {
          /* The creator closes the block. */
          add_label (r, "created_by", name, 0, NULL);
          break;
        }
      else
        {
          guint64 loc = intern_location (r, name, file, lineno);
          g_array_append_val (r->stack, loc);
        }
    }

  ppv_profile_builder_add_sample (r->builder, (guint64 *) r->stack->data, r->stack->len,
                                  &one, 1, (PpvLabel *) r->labels->data, r->labels->len);
  r->n_goroutines++;
  return TRUE;
}

PpvProfile *
_ppv_goroutine_dump_read (const guint8  *data,
                          gsize          len,
                          const char    *source,
                          gsize          max_model,
                          GCancellable  *cancellable,
                          gboolean      *recognized,
                          GError       **error)
{
  Cursor c = { (const char *) data, (const char *) data + len };
  DumpReader r = { 0 };
  const char *line;
  gsize line_len;
  gboolean cut = FALSE;
  PpvProfile *profile = NULL;

  *recognized = FALSE;
  r.builder = ppv_profile_builder_new ();
  r.functions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.locations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.stack = g_array_new (FALSE, FALSE, sizeof (guint64));
  r.labels = g_array_new (FALSE, FALSE, sizeof (PpvLabel));
  ppv_profile_builder_set_memory_cap (r.builder, max_model);
  ppv_profile_builder_add_sample_type (r.builder, "goroutine", "count");
  ppv_profile_builder_set_period (r.builder, "goroutine", "count", 1);

  while (!cut && next_line (&c, &line, &line_len))
    {
      g_autofree char *bracket = NULL;

      if (!parse_header (line, line_len, &bracket))
        continue;
      *recognized = TRUE;
      if ((r.n_goroutines & 0xfff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      cut = !read_block (&r, &c, bracket);
    }

  if (!*recognized)
    goto out;
  if (r.n_goroutines == 0)
    {
      g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_TRUNCATED,
                   "%s: goroutine dump cut short before its first goroutine ended", source);
      goto out;
    }
  if (cut)
    {
      g_autofree char *comment = g_strdup_printf ("goroutine dump cut short: the last goroutine "
                                                  "was incomplete and is left out (%u read)",
                                                  r.n_goroutines);
      ppv_profile_builder_add_comment (r.builder, comment);
    }
  profile = ppv_profile_builder_finish (g_steal_pointer (&r.builder), source, error);

out:
  if (r.builder != NULL)
    ppv_profile_builder_free (r.builder);
  g_hash_table_unref (r.functions);
  g_hash_table_unref (r.locations);
  g_array_unref (r.stack);
  g_array_unref (r.labels);
  return profile;
}
