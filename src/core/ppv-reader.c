/* ppv-reader.c — turns a file or a byte buffer into a PpvProfile, whatever its format.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The order follows pprof's ParseData: gunzip if the gzip magic is there,
 * try profile.proto, then the legacy text formats (heap, goroutine and
 * threadcreate counts, block and mutex contention), then Go's goroutine
 * dump, which pprof cannot read.  A text page with "#" lines is then
 * named from them unless PPV_SYMBOLIZE_NONE asks for pprof's reading.  pprof then reports every
 * failure as "unrecognized profile format"; we do too for data that was
 * plainly something else, but keep the precise protobuf error when the
 * bytes clearly were a profile (a truncated or corrupt .pb is worth
 * explaining), and name the common mistake of saving an HTML page.
 */
#include "ppv-reader.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "ppv-error.h"
#include "ppv-profile-private.h"
#include "ppv-text-util.h"
#include "ppv-reader-private.h"

#define READ_CHUNK ((gsize) 1 << 20)

static gsize
max_decompressed (const PpvReadLimits *limits)
{
  if (limits != NULL && limits->max_decompressed != 0)
    return limits->max_decompressed;
  return PPV_DEFAULT_MAX_DECOMPRESSED;
}

static gboolean
wants_symbols (const PpvReadLimits *limits)
{
  return limits == NULL || limits->symbolize != PPV_SYMBOLIZE_NONE;
}

/* pprof's legacy text parsers, in pprof's order. */
static PpvProfile *
read_pprof_text (const guint8  *data,
                 gsize          len,
                 const char    *source,
                 gsize          model_cap,
                 gboolean       lenient,
                 GCancellable  *cancellable,
                 gboolean      *recognized,
                 GError       **error)
{
  PpvProfile *raw;

  raw = _ppv_legacy_heap_read (data, len, source, model_cap, cancellable, recognized, error);
  if (raw == NULL && !*recognized)
    {
      g_clear_error (error);
      raw = _ppv_legacy_count_read (data, len, source, model_cap, lenient, cancellable,
                                    recognized, error);
    }
  if (raw == NULL && !*recognized)
    {
      g_clear_error (error);
      raw = _ppv_legacy_contention_read (data, len, source, model_cap, cancellable,
                                         recognized, error);
    }
  return raw;
}

/* The legacy text readers: pprof's reading, named from the "#" lines when
 * asked.  *@recognized tells whether one of them knew the format.  Named,
 * a page whose last line was cut short (an interrupted download) is read
 * without that line, and says so; pprof's reading refuses it. */
static PpvProfile *
read_legacy_text (const guint8        *data,
                  gsize                len,
                  const char          *source,
                  const PpvReadLimits *limits,
                  gsize                model_cap,
                  GCancellable        *cancellable,
                  gboolean            *recognized,
                  GError             **error)
{
  g_autoptr(PpvProfile) raw = NULL;
  gboolean symbols = wants_symbols (limits) && _ppv_text_has_symbols (data, len);
  gsize complete = len;

  raw = read_pprof_text (data, len, source, model_cap, symbols, cancellable, recognized, error);
  if (raw == NULL && *recognized && symbols && data[len - 1] != '\n' &&
      g_error_matches (*error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_INVALID))
    {
      while (complete > 0 && data[complete - 1] != '\n')
        complete--;
      if (complete > 0)
        {
          g_autoptr(GError) cut_error = NULL;

          raw = read_pprof_text (data, complete, source, model_cap, symbols, cancellable,
                                 recognized, &cut_error);
          if (raw != NULL)
            g_clear_error (error);
        }
    }
  if (raw == NULL || !symbols)
    return g_steal_pointer (&raw);
  return _ppv_text_symbolize (raw, data, complete, complete < len, source, model_cap,
                              cancellable, error);
}

/* pprof's symbolizer.Demangle over every function: C++ names demangled
 * and simplified.  The profile is copied only when a name changes. */
static PpvProfile *
demangle_names (PpvProfile          *profile,
                const char          *source,
                const PpvReadLimits *limits,
                gsize                model_cap,
                GError             **error)
{
  PpvDemangle mode = limits != NULL ? limits->demangle : PPV_DEMANGLE_DEFAULT;
  g_autofree char **names = NULL;
  gboolean changed = FALSE;
  PpvProfile *copy;

  if (!wants_symbols (limits) || profile->n_functions == 0)
    return profile;

  names = g_new0 (char *, profile->n_functions);
  for (guint32 f = 0; f < profile->n_functions; f++)
    {
      names[f] = ppv_demangle_function (profile->functions[f].name,
                                        profile->functions[f].system_name, mode);
      changed |= names[f] != NULL;
    }
  if (!changed)
    return profile;

  copy = _ppv_profile_copy_renamed (profile, (const char * const *) names, model_cap, source, error);
  for (guint32 f = 0; f < profile->n_functions; f++)
    g_free (names[f]);
  ppv_profile_unref (profile);
  return copy;
}

static gsize
max_model (const PpvReadLimits *limits)
{
  gsize dec;

  if (limits != NULL && limits->max_model != 0)
    return limits->max_model;

  /* A real profile's model is one to three times its protobuf size. */
  dec = max_decompressed (limits);
  return dec <= G_MAXSIZE / 2 ? dec * 2 : G_MAXSIZE;
}

/* Takes @compressed, so that it can be dropped once the read is done
 * with it (read_path's copy is the only one).  @own: nothing else refers
 * to it, so even its pages may go as they are inflated, and a big file
 * then never sits in memory twice. */
static PpvProfile *
read_bytes_take (GBytes              *compressed,
                 gboolean             own,
                 const char          *source,
                 const PpvReadLimits *limits,
                 GCancellable        *cancellable,
                 GError             **error)
{
  g_autoptr(GBytes) bytes = compressed;
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GError) proto_error = NULL;
  g_autoptr(GError) text_error = NULL;
  const guint8 *data;
  gsize len;
  gboolean looks_like_proto = FALSE;
  gboolean recognized = FALSE;
  gboolean spent = FALSE, compressed_spent = FALSE;
  g_autoptr(PpvProfile) early = NULL;
  PpvProfile *profile;

  if (g_bytes_get_size (bytes) == 0)
    {
      g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_EMPTY, "%s: empty input", source);
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Gzip is decoded as it inflates, on two threads. */
  if (_ppv_proto_should_stream (bytes))
    raw = _ppv_gunzip_proto_read (bytes, own, max_decompressed (limits), source, max_model (limits),
                                  cancellable, &early, &looks_like_proto, &spent,
                                  &compressed_spent, &proto_error, error);
  else
    raw = ppv_maybe_gunzip (bytes, max_decompressed (limits), source, cancellable, error);
  if (raw == NULL)
    return NULL;
  /* Kept, whole or nearly all given back, so that a failed read can
   * inflate the bytes again if parts of them went. */
  if (compressed_spent)
    g_clear_pointer (&bytes, g_bytes_unref);

  data = g_bytes_get_data (raw, &len);
  if (len == 0)
    {
      g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_EMPTY, "%s: empty input", source);
      return NULL;
    }
  if (len > max_decompressed (limits))
    {
      g_autofree char *limit = ppv_format_byte_limit (max_decompressed (limits));

      g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_TOO_LARGE,
                   "%s: profile exceeds the %s limit", source, limit);
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (early != NULL || proto_error != NULL)
    profile = g_steal_pointer (&early);
  else
    profile = _ppv_proto_read (data, len, source, max_model (limits), cancellable,
                               &looks_like_proto, &proto_error);
  if (profile != NULL)
    {
      /* Not beside the copy that demangling may make. */
      g_clear_pointer (&raw, g_bytes_unref);
      g_clear_pointer (&bytes, g_bytes_unref);
      return demangle_names (profile, source, limits, max_model (limits), error);
    }

  if (g_error_matches (proto_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (proto_error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_TOO_LARGE))
    {
      g_propagate_error (error, g_steal_pointer (&proto_error));
      return NULL;
    }

  /* The text readers look at every byte: those that went come back from
   * the compressed input.  Unless it went too (a big file read here):
   * what went was well-formed protobuf messages, which the text readers
   * are then left to see as zeros. */
  if (spent && bytes != NULL)
    {
      g_clear_pointer (&raw, g_bytes_unref);
      raw = ppv_maybe_gunzip (bytes, max_decompressed (limits), source, cancellable, error);
      if (raw == NULL)
        return NULL;
      data = g_bytes_get_data (raw, &len);
    }

  profile = read_legacy_text (data, len, source, limits, max_model (limits), cancellable,
                              &recognized, &text_error);
  if (profile != NULL)
    return demangle_names (profile, source, limits, max_model (limits), error);
  if (recognized)
    {
      g_propagate_error (error, g_steal_pointer (&text_error));
      return NULL;
    }

  profile = _ppv_goroutine_dump_read (data, len, source, max_model (limits), cancellable,
                                      &recognized, error);
  if (profile != NULL || recognized)
    return profile;

  if (ppv_looks_like_html (data, len))
    g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_UNRECOGNIZED,
                 "%s: not a profile: the data is an HTML page", source);
  else if (looks_like_proto)
    g_propagate_error (error, g_steal_pointer (&proto_error));
  else
    g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_UNRECOGNIZED,
                 "%s: unrecognized profile format", source);
  return NULL;
}

gboolean
ppv_read_limits_set_symbolize (PpvReadLimits  *limits,
                               const char     *mode,
                               GError        **error)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (limits != NULL, FALSE);
  g_return_val_if_fail (mode != NULL, FALSE);

  parts = g_strsplit (mode, ":", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *o = parts[i];

      if (*o == '\0')
        continue;
      if (g_ascii_strcasecmp (o, "none") == 0 || g_ascii_strcasecmp (o, "no") == 0)
        limits->symbolize = PPV_SYMBOLIZE_NONE;
      else if (g_ascii_strcasecmp (o, "demangle=default") == 0)
        limits->demangle = PPV_DEMANGLE_DEFAULT;
      else if (g_ascii_strcasecmp (o, "demangle=templates") == 0)
        limits->demangle = PPV_DEMANGLE_TEMPLATES;
      else if (g_ascii_strcasecmp (o, "demangle=full") == 0)
        limits->demangle = PPV_DEMANGLE_FULL;
      else if (g_ascii_strcasecmp (o, "demangle=none") == 0)
        limits->demangle = PPV_DEMANGLE_NONE;
      else
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "unrecognized symbolization option: %s (use none, or demangle=default, "
                       "templates, full or none)", o);
          return FALSE;
        }
    }
  return TRUE;
}

PpvProfile *
ppv_profile_read_bytes (GBytes              *bytes,
                        const char          *source,
                        const PpvReadLimits *limits,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_bytes_take (g_bytes_ref (bytes), FALSE, source ? source : "profile", limits,
                          cancellable, error);
}

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *source,
                 const char  *what)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "%s: %s: %s", source, what, g_strerror (saved_errno));
  return FALSE;
}

/* Reads all of @fd, refusing more than @cap bytes. */
static GBytes *
read_all (int            fd,
          const char    *source,
          gsize          cap,
          gsize          limit_for_message,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autofree guint8 *buf = NULL;
  gsize len = 0, size = 0;
  struct stat st;

  if (fstat (fd, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "%s: is a directory", source);
          return NULL;
        }
      if (S_ISREG (st.st_mode) && st.st_size > 0)
        {
          if ((guint64) st.st_size > cap)
            goto too_large;
          size = (gsize) st.st_size + 1;   /* +1 notices a file that grew */
          buf = g_try_malloc (size);
          if (buf == NULL)
            goto too_large;
        }
    }

  for (;;)
    {
      gssize n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (len == size)
        {
          gsize new_size = size < READ_CHUNK ? READ_CHUNK : size * 2;
          guint8 *p;

          if (size > cap)
            goto too_large;
          new_size = MIN (new_size, cap + 1);
          p = g_try_realloc (buf, new_size);
          if (p == NULL)
            goto too_large;
          buf = p;
          size = new_size;
        }

      n = read (fd, buf + len, MIN (size - len, READ_CHUNK));
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          set_errno_error (error, errno, source, "cannot read");
          return NULL;
        }
      if (n == 0)
        break;

      len += n;
      if (len > cap)
        goto too_large;
    }

  return g_bytes_new_take (g_steal_pointer (&buf), len);

too_large:
  {
    g_autofree char *limit = ppv_format_byte_limit (limit_for_message);

    g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_TOO_LARGE,
                 "%s: file exceeds the %s limit", source, limit);
    return NULL;
  }
}

PpvProfile *
ppv_profile_read_path (const char          *path,
                       const PpvReadLimits *limits,
                       GCancellable        *cancellable,
                       GError             **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gboolean is_stdin;
  const char *source;
  gsize dec, cap;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  is_stdin = strcmp (path, "-") == 0;
  source = is_stdin ? "stdin" : path;

  /* Compressed data is at most a little larger than what it holds. */
  dec = max_decompressed (limits);
  cap = dec <= G_MAXSIZE - dec / 256 - 65536 ? dec + dec / 256 + 65536 : G_MAXSIZE - 1;

  if (is_stdin)
    fd = STDIN_FILENO;
  else
    {
      fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
      if (fd < 0)
        {
          set_errno_error (error, errno, source, "cannot open");
          return NULL;
        }
    }

  bytes = read_all (fd, source, cap, dec, cancellable, error);
  if (!is_stdin)
    g_close (fd, NULL);
  if (bytes == NULL)
    return NULL;

  return read_bytes_take (g_steal_pointer (&bytes), TRUE, source, limits, cancellable, error);
}
