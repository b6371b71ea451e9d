/* ppv-gunzip.c — capped, cancellable gunzip of whole (multi-member) gzip streams.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Output goes straight into one buffer that never grows past the cap
 * (plus one byte, to tell "exactly the cap" from "more").  Inflating a
 * gigabyte of zeros takes seconds and filling that much fresh memory
 * more, so when the data turns out to be suspiciously compressible, a
 * decoder that only counts (see _ppv_gzip_count) measures the whole input
 * first (ppv-gzip-count.c): a bomb is refused in milliseconds, having
 * cost a few megabytes.  The same inflate can run on a thread of its own
 * and publish its output as it grows (a PpvGunzipStream), for the
 * protobuf reader to decode alongside.
 * Like Go's gzip reader (and so `go tool pprof`), members are read one
 * after another until the input ends, and anything after a member that is
 * not another gzip member is an error rather than silently ignored.
 */
#include "ppv-reader.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

#include "ppv-error.h"
#include "ppv-profile-private.h"
#include "ppv-text-util.h"
#include "ppv-reader-private.h"

/* Inflate at most this much per call, so cancellation is noticed. */
#define STEP_OUTPUT ((gsize) 4 << 20)
/* zlib counts input in 32-bit units. */
#define STEP_INPUT  ((gsize) 1 << 30)
/* Deflate cannot expand data by more than about 1032:1. */
#define MAX_RATIO   1032
/* When to look ahead: after this much output, at this ratio or more.
 * Real profiles compress 3 to 20 times. */
#define PROBE_AFTER ((gsize) 16 << 20)
#define PROBE_RATIO 32

static gsize
size_hint (const guint8 *data,
           gsize         len,
           gsize         limit)
{
  gsize isize, plausible;

  /* ISIZE, the last four bytes, is the size of the last member modulo
   * 2^32: a hint only, bounded by what the input could possibly hold. */
  if (len < 18)
    return 64 * 1024;

  isize = (gsize) data[len - 4] | (gsize) data[len - 3] << 8 |
          (gsize) data[len - 2] << 16 | (gsize) data[len - 1] << 24;
  plausible = len <= G_MAXSIZE / MAX_RATIO ? len * MAX_RATIO : G_MAXSIZE;

  if (isize == 0 || isize > plausible)
    return 64 * 1024;

  return MIN (isize + 1, limit);
}

static gboolean
grow (guint8 **buf,
      gsize   *cap,
      gsize    want,
      gsize    limit)
{
  gsize new_cap;
  guint8 *data;

  if (*cap >= limit)
    return FALSE;

  new_cap = *cap < G_MAXSIZE / 2 ? MAX (*cap * 2, 64 * 1024) : G_MAXSIZE;
  new_cap = MIN (MAX (new_cap, want), limit);
  data = g_try_realloc (*buf, new_cap);
  if (data == NULL)
    return FALSE;

  *buf = data;
  *cap = new_cap;
  return TRUE;
}

typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         in_pos;      /* input handed to zlib so far */
  guint         members;     /* complete members */
  z_stream      zs;
} Inflater;

typedef enum
{
  STEP_MORE,
  STEP_DONE,
  STEP_TRUNCATED,
  STEP_CORRUPT,
  STEP_GARBAGE,
  STEP_NO_MEMORY,
} Step;

/* Inflates into @out (at most STEP_OUTPUT of it), moving on to the next
 * member at the end of one. */
static Step
inflate_step (Inflater *f,
              guint8   *out,
              gsize     out_len,
              gsize    *produced)
{
  int ret;

  if (f->zs.avail_in == 0 && f->in_pos < f->len)
    {
      f->zs.next_in = (Bytef *) f->data + f->in_pos;
      f->zs.avail_in = (uInt) MIN (f->len - f->in_pos, STEP_INPUT);
      f->in_pos += f->zs.avail_in;
    }

  f->zs.next_out = out;
  f->zs.avail_out = (uInt) MIN (out_len, STEP_OUTPUT);
  ret = inflate (&f->zs, Z_NO_FLUSH);
  *produced = MIN (out_len, STEP_OUTPUT) - f->zs.avail_out;

  switch (ret)
    {
    case Z_STREAM_END:
      {
        gsize rest = f->zs.avail_in + (f->len - f->in_pos);
        const guint8 *next = f->zs.avail_in ? f->zs.next_in : f->data + f->in_pos;

        f->members++;
        if (rest == 0)
          return STEP_DONE;

        /* Another member must follow; anything else is garbage, which
         * Go's reader (and so pprof) rejects too. */
        if (next[0] != 0x1f || (rest >= 2 && next[1] != 0x8b))
          return STEP_GARBAGE;

        inflateReset (&f->zs);
        return STEP_MORE;
      }

    case Z_OK:
    case Z_BUF_ERROR:
      /* Out of input while zlib still wants more: truncated. */
      if (f->zs.avail_in == 0 && f->in_pos == f->len && f->zs.avail_out > 0)
        return STEP_TRUNCATED;
      return STEP_MORE;

    case Z_MEM_ERROR:
      return STEP_NO_MEMORY;

    default:
      return STEP_CORRUPT;
    }
}

static void
set_too_large (GError     **error,
               const char  *source,
               gsize        max_output)
{
  g_autofree char *text = ppv_format_byte_limit (max_output);

  g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_TOO_LARGE,
               "%s: decompressed profile exceeds the %s limit", source, text);
}

/* --- Streaming --------------------------------------------------------------
 *
 * ppv_maybe_gunzip() on a thread of its own, publishing its output as it
 * grows, so that a reader can decode the first part of a profile while
 * the rest is still being inflated: on two cores the read then costs
 * little more than the inflate.  The consumer keeps offsets, not
 * pointers, between two waits: the buffer only moves (when the size hint
 * was wrong, or at the final shrink) while the consumer is between
 * windows.
 */
struct _PpvGunzipStream
{
  GMutex        lock;
  GCond         cond;
  GThread      *thread;

  GBytes       *input;
  gboolean      droppable;    /* the input may be released as it is read */
  gboolean      input_dropped; /* some of it was (set by the producer) */
  gsize         max_output;
  char         *source;
  GCancellable *cancellable;

  guint8       *out;          /* the buffer, under @lock */
  gsize         avail;        /* bytes of it that are final */
  gboolean      busy;         /* the consumer is reading the buffer */
  gboolean      done;
  GBytes       *result;
  GError       *error;
};

/* Called with each growth of the output; the producer's side. */
static void
stream_publish (PpvGunzipStream *s,
                guint8          *out,
                gsize            used)
{
  if (s == NULL)
    return;
  g_mutex_lock (&s->lock);
  s->out = out;
  s->avail = used;
  g_cond_broadcast (&s->cond);
  g_mutex_unlock (&s->lock);
}

/* Before the producer moves the buffer: waits for the consumer to leave
 * it, and keeps it out until stream_unblock(). */
static void
stream_block (PpvGunzipStream *s)
{
  if (s == NULL)
    return;
  g_mutex_lock (&s->lock);
  while (s->busy)
    g_cond_wait (&s->cond, &s->lock);
}

static void
stream_unblock (PpvGunzipStream *s,
                guint8          *out)
{
  if (s == NULL)
    return;
  s->out = out;
  g_cond_broadcast (&s->cond);
  g_mutex_unlock (&s->lock);
}

static gboolean
grow_output (PpvGunzipStream  *s,
             guint8          **buf,
             gsize            *cap,
             gsize             want,
             gsize             limit)
{
  gboolean ok;

  stream_block (s);
  ok = grow (buf, cap, want, limit);
  stream_unblock (s, *buf);
  return ok;
}

/* Gives the pages of input zlib has read back to the system: while a
 * stream's reader decodes, the compressed file and the growing profile
 * would otherwise both be held.  Only once well past the first bomb
 * probes and at a plain ratio: the probes read the input from its start,
 * and are given up from then on (the cap still holds). */
static void
drop_read_input (const guint8 *data,
                 gsize         consumed,
                 gsize        *dropped)
{
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  guintptr start = ((guintptr) data + *dropped + page - 1) & ~(guintptr) (page - 1);
  guintptr end = ((guintptr) data + consumed) & ~(guintptr) (page - 1);

  if (end > start + STEP_OUTPUT)
    {
      madvise ((void *) start, end - start, MADV_DONTNEED);
      *dropped = end - (guintptr) data;
    }
}

static GBytes *
gunzip (GBytes           *bytes,
        gsize             max_output,
        const char       *source,
        GCancellable     *cancellable,
        PpvGunzipStream  *stream,
        GError          **error)
{
  const guint8 *data;
  gsize len, used = 0, cap, limit, since_check = 0, dropped = 0;
  gsize probe_at = PROBE_AFTER, probe_used = 0, probe_consumed = 0;
  gboolean size_known = FALSE;
  g_autofree guint8 *out = NULL;
  Inflater f;

  data = g_bytes_get_data (bytes, &len);
  if (len < 2 || data[0] != 0x1f || data[1] != 0x8b)
    return g_bytes_ref (bytes);

  if (source == NULL)
    source = "profile";
  if (max_output == 0)
    max_output = PPV_DEFAULT_MAX_DECOMPRESSED;
  limit = max_output < G_MAXSIZE ? max_output + 1 : max_output;

  cap = MIN (size_hint (data, len, limit), limit);
  out = g_try_malloc (cap);
  if (out == NULL)
    {
      g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_TOO_LARGE,
                   "%s: not enough memory to decompress the profile", source);
      return NULL;
    }
  stream_publish (stream, out, 0);

  memset (&f, 0, sizeof f);
  f.data = data;
  f.len = len;
  if (inflateInit2 (&f.zs, 16 + MAX_WBITS) != Z_OK)
    {
      g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_DECOMPRESS,
                   "%s: decompressing profile: cannot initialise zlib", source);
      return NULL;
    }

  for (;;)
    {
      gsize produced;
      Step step;

      if (used == cap && !grow_output (stream, &out, &cap, 0, limit))
        {
          if (cap >= limit)
            set_too_large (error, source, max_output);
          else
            g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_TOO_LARGE,
                         "%s: not enough memory to decompress the profile", source);
          goto fail;
        }

      step = inflate_step (&f, out + used, cap - used, &produced);
      used += produced;
      since_check += produced;

      if (used > max_output)
        {
          set_too_large (error, source, max_output);
          goto fail;
        }

      if (since_check >= 16 * STEP_OUTPUT)
        {
          since_check = 0;
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            goto fail;
        }

      /* At 16 MiB, 32 MiB, 64 MiB...: was the stretch since the last
       * checkpoint compressed suspiciously well?  (A bomb may hide behind
       * a plausible start.) */
      if (!size_known && used >= probe_at && step == STEP_MORE)
        {
          gsize consumed = f.in_pos - f.zs.avail_in;

          if ((used - probe_used) / MAX (consumed - probe_consumed, 1) >= PROBE_RATIO)
            {
              gboolean complete;
              gsize total = _ppv_gzip_count (data, len, max_output, cancellable, &complete);

              if (complete && total > max_output)
                {
                  set_too_large (error, source, max_output);
                  goto fail;
                }
              /* Otherwise the final size is known: allocate it once. */
              if (complete)
                {
                  size_known = TRUE;
                  if (total > cap)
                    grow_output (stream, &out, &cap, total + 1, limit);
                }
            }
          probe_used = used;
          probe_consumed = consumed;
          probe_at = used <= G_MAXSIZE / 2 ? used * 2 : G_MAXSIZE;
        }

      if (stream != NULL && stream->droppable && step == STEP_MORE && used >= 4 * PROBE_AFTER &&
          used / MAX (f.in_pos - f.zs.avail_in, 1) < PROBE_RATIO / 2)
        {
          size_known = TRUE;      /* no more probes: they would read dropped pages */
          drop_read_input (data, f.in_pos - f.zs.avail_in, &dropped);
          stream->input_dropped |= dropped > 0;
        }

      switch (step)
        {
        case STEP_MORE:
          /* A stream is only told what a whole step made final. */
          stream_publish (stream, out, used);
          continue;

        case STEP_DONE:
          break;

        case STEP_TRUNCATED:
          g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_TRUNCATED,
                       "%s: decompressing profile: unexpected end of data", source);
          goto fail;

        case STEP_GARBAGE:
          g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_DECOMPRESS,
                       "%s: decompressing profile: data after gzip member %u is not gzip",
                       source, f.members);
          goto fail;

        case STEP_NO_MEMORY:
          g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_TOO_LARGE,
                       "%s: not enough memory to decompress the profile", source);
          goto fail;

        case STEP_CORRUPT:
        default:
          g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_DECOMPRESS,
                       "%s: decompressing profile: corrupt gzip data (%s)",
                       source, f.zs.msg ? f.zs.msg : "unknown error");
          goto fail;
        }
      break;
    }

  inflateEnd (&f.zs);

  if (used == 0)
    return g_bytes_new (NULL, 0);

  if (cap - used > cap / 8)
    {
      guint8 *shrunk;

      stream_block (stream);
      shrunk = g_try_realloc (out, used);
      if (shrunk != NULL)
        out = shrunk;
      stream_unblock (stream, out);
    }

  return g_bytes_new_take (g_steal_pointer (&out), used);

fail:
  inflateEnd (&f.zs);
  /* The consumer must be out of the buffer before it goes. */
  stream_block (stream);
  stream_unblock (stream, NULL);
  return NULL;
}

GBytes *
ppv_maybe_gunzip (GBytes        *bytes,
                  gsize          max_output,
                  const char    *source,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return gunzip (bytes, max_output, source, cancellable, NULL, error);
}

static gpointer
stream_thread (gpointer data)
{
  PpvGunzipStream *s = data;
  GError *error = NULL;
  GBytes *result;

  result = gunzip (s->input, s->max_output, s->source, s->cancellable, s, &error);

  g_mutex_lock (&s->lock);
  s->result = result;
  s->error = error;
  if (result != NULL)
    {
      s->out = (guint8 *) g_bytes_get_data (result, &s->avail);
    }
  else
    {
      s->out = NULL;
      s->avail = 0;
    }
  s->done = TRUE;
  g_cond_broadcast (&s->cond);
  g_mutex_unlock (&s->lock);
  return NULL;
}

gboolean
_ppv_is_gzip (GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  return len >= 2 && data[0] == 0x1f && data[1] == 0x8b;
}

PpvGunzipStream *
_ppv_gunzip_stream_new (GBytes       *bytes,
                        gboolean      droppable,
                        gsize         max_output,
                        const char   *source,
                        GCancellable *cancellable)
{
  PpvGunzipStream *s = g_new0 (PpvGunzipStream, 1);

  s->droppable = droppable;
  g_mutex_init (&s->lock);
  g_cond_init (&s->cond);
  s->input = g_bytes_ref (bytes);
  s->max_output = max_output;
  s->source = g_strdup (source);
  s->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  s->thread = g_thread_new ("ppv-gunzip", stream_thread, s);
  return s;
}

const guint8 *
_ppv_gunzip_stream_wait (PpvGunzipStream *s,
                         gsize            have,
                         gsize           *avail,
                         gboolean        *done)
{
  const guint8 *out;

  g_mutex_lock (&s->lock);
  s->busy = FALSE;
  g_cond_broadcast (&s->cond);
  while (!s->done && (s->avail <= have || s->out == NULL))
    g_cond_wait (&s->cond, &s->lock);
  s->busy = s->out != NULL;
  out = s->out;
  *avail = s->avail;
  *done = s->done;
  g_mutex_unlock (&s->lock);
  return out;
}

GBytes *
_ppv_gunzip_stream_finish (PpvGunzipStream  *s,
                           gboolean         *input_dropped,
                           GError          **error)
{
  GBytes *result;

  g_mutex_lock (&s->lock);
  s->busy = FALSE;
  g_cond_broadcast (&s->cond);
  g_mutex_unlock (&s->lock);
  g_thread_join (s->thread);

  /* Written by the thread, which has ended. */
  *input_dropped = s->input_dropped;
  result = s->result;
  if (s->error != NULL)
    g_propagate_error (error, s->error);

  g_bytes_unref (s->input);
  g_free (s->source);
  g_clear_object (&s->cancellable);
  g_mutex_clear (&s->lock);
  g_cond_clear (&s->cond);
  g_free (s);
  return result;
}
