/* ppv-proto-stream.c — decoding a gzipped profile while another thread inflates it.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Go writes the samples first and the locations and strings they refer to
 * last, so samples read while the rest is still being inflated go into
 * the builder deferred: location ids and string indices, resolved once
 * everything is known.  Anything out of the ordinary (a sample the fast
 * path would not take, an id or index that does not fit, a dropped label,
 * a sample type after the first sample, memory getting tight) stops this:
 * the samples from there on are added the ordinary way, after the
 * deferred ones.  Resolving those fails where the ordinary way would
 * have, with its words, so their bytes are never needed again, and their
 * pages go back to the system as they are read (the model built from
 * them would otherwise sit beside them).
 *
 * Pass 1 (the top-level scan) runs on each window the inflater publishes;
 * a field cut at the window's end waits for the next.  A problem pass 1
 * finds is reported after the inflater's own verdict, so messages and
 * their order stay those of ppv_maybe_gunzip() then _ppv_proto_read():
 * by a plain read of the whole inflated profile if no sample was taken,
 * else as pass 1 found it, which is where and how a plain read fails.
 */
#include "ppv-proto-reader-private.h"

#include "ppv-error.h"
#include "ppv-profile-private.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

void
_ppv_proto_stop_streaming (Reader *r)
{
  r->stream_samples = FALSE;
}

void
_ppv_proto_drop_range (Reader *r,
                       gsize   start,
                       gsize   end)
{
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  guintptr first, last;

  if (!r->droppable || end <= start)
    return;
  r->spent = TRUE;
  if (r->poison)
    {
      memset ((guint8 *) r->data + start, 0xff, end - start);
      return;
    }
  first = ((guintptr) r->data + start + page - 1) & ~(guintptr) (page - 1);
  last = ((guintptr) r->data + end) & ~(guintptr) (page - 1);
  if (last > first)
    madvise ((void *) first, last - first, MADV_DONTNEED);
}

/* Strings are asked for by index, each once from the bytes: a stretch of
 * consecutive string fields all interned is not read again. */
void
_ppv_proto_drop_interned_strings (Reader *r)
{
  gsize i = 0;

  if (!r->droppable || r->string_cache == NULL)
    return;

  while (i < r->n_strings)
    {
      gsize start, end = 0;

      if (r->string_cache[i] == NULL)
        {
          i++;
          continue;
        }
      start = r->string_pos[i];
      for (; i < r->n_strings && r->string_cache[i] != NULL; i++)
        {
          const guint8 *p = r->data + r->string_pos[i];
          Field f;

          if (end != 0 && r->string_pos[i] != end)
            break;
          /* Read in pass 1 already: cannot fail. */
          if (!_ppv_proto_read_field (r, &p, r->data + r->len, &f))
            return;
          end = p - r->data;
        }
      _ppv_proto_drop_range (r, start, end);
    }
}

/* The deferred samples' bytes so far: they are most of a profile, and
 * the model built from them is as large again.  A megabyte at a time:
 * what is held back adds to the peak (4 MiB steps: 1.2 MB more on a
 * 20M-frame profile), and a madvise() per megabyte costs nothing. */
#define DROP_STEP ((gsize) 1 << 20)

static void
drop_skipped_pages (Reader *r)
{
  if (!r->poison && r->skip_end - r->dropped_end < DROP_STEP)
    return;
  _ppv_proto_drop_range (r, r->dropped_end, r->skip_end);
  r->dropped_end = r->skip_end;
}

void
_ppv_proto_stream_sample (Reader      *r,
                          const Field *f)
{
  gsize n_locations, n_raw, cap = r->max_model / 4;
  const RawLabel *raw;

  /* The deferred samples stay far from the memory cap, so that the
   * builder never fails on them. */
  if (r->n_sample_types == 0 || f->payload_len > G_MAXSIZE / 64 ||
      (r->max_model != 0 && (_ppv_profile_builder_get_memory (r->builder) + r->aux_bytes > cap ||
                             f->payload_len * 32 > cap)) ||
      _ppv_proto_parse_sample (r, f, &n_locations, &n_raw) != FAST_DONE ||
      !_ppv_proto_grow_table (r, (gpointer *) &r->labels, &r->labels_cap, sizeof (PpvLabel), n_raw))
    {
      g_clear_error (&r->error);
      _ppv_proto_stop_streaming (r);
      return;
    }

  for (gsize i = 0; i < n_locations; i++)
    if (r->sample_locations[i] == 0 || r->sample_locations[i] >= PPV_NONE)
      {
        _ppv_proto_stop_streaming (r);
        return;
      }

  raw = r->raw_labels;
  for (gsize i = 0; i < n_raw; i++)
    {
      PpvLabel *l = &r->labels[i];

      if (raw[i].key < 0 || raw[i].str < 0 || raw[i].num_unit < 0 ||
          (raw[i].str == 0 && raw[i].num == 0 && raw[i].num_unit == 0))
        {
          _ppv_proto_stop_streaming (r);
          return;
        }
      /* resolve_label()'s rules, with indices for strings. */
      l->key = GSIZE_TO_POINTER ((gsize) raw[i].key);
      l->str = GSIZE_TO_POINTER ((gsize) raw[i].str);
      l->num = raw[i].str != 0 ? 0 : raw[i].num;
      l->num_unit = GSIZE_TO_POINTER (raw[i].str != 0 ? 0 : (gsize) raw[i].num_unit);
    }

  _ppv_profile_builder_add_sample_deferred (r->builder, r->sample_locations, n_locations,
                                            r->sample_values, r->n_sample_types,
                                            r->labels, n_raw);
  if (r->n_streamed == 0)
    {
      r->stream_n_values = r->n_sample_types;
      r->skip_start = r->skip_end = r->dropped_end = f->offset;
    }
  r->n_streamed++;

  /* Samples in one unbroken run (as Go writes them) are skipped as one. */
  if (f->offset == r->skip_end)
    {
      r->skip_end = f->payload + f->payload_len - r->data;
      r->skip_count++;
      drop_skipped_pages (r);
    }
}

static gboolean
deferred_string (gpointer     data,
                 gsize        index,
                 const char **out)
{
  return _ppv_proto_get_string (data, (gint64) index, out);
}

gboolean
_ppv_proto_resolve_streamed (Reader *r)
{
  if (r->n_streamed == 0)
    return TRUE;

  /* The ordinary way stops at the first sample with a wrong count of
   * values: all those taken here have the same count. */
  if (r->stream_n_values != r->n_sample_types)
    return _ppv_proto_fail (r, PPV_PROFILE_ERROR_INVALID,
                            "sample 0 has %" G_GSIZE_FORMAT " values but the profile has %"
                            G_GSIZE_FORMAT " sample types", r->stream_n_values, r->n_sample_types);

  r->sample_index = r->n_streamed;
  /* FALSE with no error: the builder is full, which finish() reports. */
  return _ppv_profile_builder_resolve_deferred (r->builder, deferred_string, r);
}

/* Whether the field at @p lies whole before @end.  A field read_field()
 * rejects for another reason counts as whole: more data would not help. */
gboolean
_ppv_proto_field_complete (const guint8 *p,
                           const guint8 *end)
{
  guint64 tag, n;
  VarintResult res;

  if ((res = read_varint (p, end, &tag, &p)) != VARINT_OK)
    return res == VARINT_BAD;

  switch (tag & 7)
    {
    case WIRE_VARINT:
      return read_varint (p, end, &n, &p) != VARINT_TRUNCATED;
    case WIRE_FIXED64:
      return end - p >= 8;
    case WIRE_LEN:
      if ((res = read_varint (p, end, &n, &p)) != VARINT_OK)
        return res == VARINT_BAD;
      return n <= (guint64) (end - p);
    case WIRE_FIXED32:
      return end - p >= 4;
    default:
      return TRUE;
    }
}

/* Below this much gzip, a thread costs more than it saves.
 * PPV_GUNZIP_THREAD_MIN lets tests send small profiles this way too. */
#define STREAM_MIN ((gsize) 64 * 1024)

gboolean
_ppv_proto_should_stream (GBytes *bytes)
{
  const char *knob = g_getenv ("PPV_GUNZIP_THREAD_MIN");
  gsize min = knob != NULL ? (gsize) g_ascii_strtoull (knob, NULL, 10) : STREAM_MIN;

  return _ppv_is_gzip (bytes) && g_bytes_get_size (bytes) >= min;
}

GBytes *
_ppv_gunzip_proto_read (GBytes        *compressed,
                        gboolean       droppable,
                        gsize          max_output,
                        const char    *source,
                        gsize          max_model,
                        GCancellable  *cancellable,
                        PpvProfile   **profile,
                        gboolean      *looks_like_proto,
                        gboolean      *spent,
                        gboolean      *compressed_spent,
                        GError       **proto_error,
                        GError       **error)
{
  Reader r = { 0, };
  PpvGunzipStream *stream;
  GBytes *raw;
  gboolean done = FALSE, scan_ok = TRUE;
  gsize avail = 0;

  *profile = NULL;
  *looks_like_proto = FALSE;
  *spent = FALSE;
  *compressed_spent = FALSE;

  _ppv_proto_reader_init (&r, source, max_model, cancellable);
  r.streaming = TRUE;
  r.stream_samples = TRUE;
  r.droppable = TRUE;
  r.poison = g_getenv ("PPV_PROTO_POISON_DROPPED") != NULL;

  /* Pass 1 (and the samples) on each window the inflater publishes. */
  stream = _ppv_gunzip_stream_new (compressed, droppable, max_output, r.source, cancellable);
  while (!done)
    {
      const guint8 *base = _ppv_gunzip_stream_wait (stream, avail, &avail, &done);

      if (base == NULL || done)
        break;
      if (scan_ok)
        {
          r.data = base;
          r.len = avail;
          scan_ok = _ppv_proto_scan_top_level (&r);
        }
    }

  raw = _ppv_gunzip_stream_finish (stream, compressed_spent, error);
  if (raw == NULL || g_bytes_get_size (raw) == 0)
    {
      _ppv_proto_reader_clear (&r);
      return raw;
    }

  r.data = g_bytes_get_data (raw, &r.len);
  r.streaming = FALSE;
  /* Once samples were taken, their bytes may be gone: a plain read is
   * out, but pass 1 failed where it would have, with the same words. */
  if (scan_ok || r.n_streamed > 0)
    *profile = _ppv_proto_reader_run (&r, looks_like_proto, proto_error);
  else
    {
      /* Whatever went wrong is reported as a plain read reports it. */
      _ppv_proto_reader_clear (&r);
      *profile = _ppv_proto_read (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw), source,
                                  max_model, cancellable, looks_like_proto, proto_error);
    }
  /* Still set: the reader clears what it holds, not its flags. */
  *spent = r.spent;
  return raw;
}
