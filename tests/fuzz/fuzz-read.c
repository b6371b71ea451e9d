/* fuzz-read.c — libFuzzer target: any bytes through ppv_profile_read_bytes().
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Besides the sanitizers' checks, every profile that does load is walked
 * to prove the model is self-consistent (indices and offsets in range,
 * strings valid UTF-8), since the rest of the app trusts it blindly; and
 * for gzip input the bomb-detecting byte counter must agree with zlib.
 * Other input is also read gzipped, which decodes it while it inflates
 * (and overwrites the bytes it is done with): it must read the same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "ppv-callgraph.h"
#include "ppv-demangle.h"
#include "ppv-error.h"
#include "ppv-merge.h"
#include "ppv-report.h"
#include "ppv-reader-private.h"
#include "ppv-reader.h"

#define CHECK(cond) do { if (!(cond)) __builtin_trap (); } while (0)

static void
check_string (const char *s)
{
  CHECK (s != NULL);
  CHECK (g_utf8_validate (s, -1, NULL));
}

/* A demangled name is made of the input's bytes and ASCII. */
static void
check_string_is_utf8_or_bytes (const char *s)
{
  CHECK (s != NULL);
  (void) strlen (s);
}

static void
check_model (const PpvProfile *p)
{
  for (guint i = 0; i < p->n_sample_types; i++)
    {
      check_string (p->sample_types[i].type);
      check_string (p->sample_types[i].unit);
    }

  for (guint32 s = 0; s < p->n_samples; s++)
    {
      const PpvSample *sample = &p->samples[s];
      const gint64 *values = ppv_profile_sample_values (p, s);

      CHECK ((gsize) sample->stack_offset + sample->n_locations <= p->n_stacks);
      CHECK ((gsize) sample->labels_offset + sample->n_labels <= p->n_labels);
      for (guint32 i = 0; i < sample->n_locations; i++)
        CHECK (p->stacks[sample->stack_offset + i] < p->n_locations);
      for (guint32 i = 0; i < sample->n_labels; i++)
        {
          const PpvLabel *l = &p->labels[sample->labels_offset + i];

          check_string (l->key);
          check_string (l->num_unit);
          if (l->str != NULL)
            check_string (l->str);
        }
      for (guint i = 0; i < p->n_sample_types; i++)
        (void) values[i];
    }

  for (guint32 i = 0; i < p->n_locations; i++)
    {
      const PpvLocation *loc = &p->locations[i];

      CHECK (loc->mapping == PPV_NONE || loc->mapping < p->n_mappings);
      CHECK ((gsize) loc->lines_offset + loc->n_lines <= p->n_lines);
      for (guint32 l = 0; l < loc->n_lines; l++)
        CHECK (p->lines[loc->lines_offset + l].function < p->n_functions);
    }

  for (guint32 i = 0; i < p->n_functions; i++)
    {
      check_string (p->functions[i].name);
      check_string (p->functions[i].system_name);
      check_string (p->functions[i].filename);
    }
  for (guint32 i = 0; i < p->n_mappings; i++)
    {
      check_string (p->mappings[i].filename);
      check_string (p->mappings[i].build_id);
    }
  for (guint i = 0; i < p->n_comments; i++)
    check_string (p->comments[i]);
  check_string (p->drop_frames);
  check_string (p->keep_frames);
  check_string (p->period_type.type);
  check_string (p->period_type.unit);
  check_string (p->default_sample_type);
  check_string (p->doc_url);
  CHECK (ppv_profile_get_memory_size (p) > 0);
}

/* Plain zlib, as the reference: the inflated size of a whole multi-member
 * stream, stopping past @limit.  FALSE if zlib rejects the data first. */
static gboolean
zlib_size (const guint8 *data,
           gsize         len,
           gsize         limit,
           gsize        *size)
{
  z_stream zs = { 0, };
  static guint8 buf[65536];
  gboolean ok = FALSE;

  *size = 0;
  if (inflateInit2 (&zs, 16 + MAX_WBITS) != Z_OK)
    return FALSE;
  zs.next_in = (Bytef *) data;
  zs.avail_in = len;

  for (;;)
    {
      int ret;

      zs.next_out = buf;
      zs.avail_out = sizeof buf;
      ret = inflate (&zs, Z_NO_FLUSH);
      *size += sizeof buf - zs.avail_out;
      if (*size > limit)
        {
          ok = TRUE;
          break;
        }
      if (ret == Z_STREAM_END)
        {
          if (zs.avail_in == 0)
            {
              ok = TRUE;
              break;
            }
          if (zs.avail_in < 2 || zs.next_in[0] != 0x1f || zs.next_in[1] != 0x8b)
            break;
          inflateReset (&zs);
          continue;
        }
      if (ret != Z_OK)
        break;
    }

  inflateEnd (&zs);
  return ok;
}

/* The bomb detector (_ppv_gzip_count) must agree with zlib wherever zlib
 * accepts the data, or a valid profile could be refused as a bomb. */
static void
check_gzip_count (const guint8 *data,
                  gsize         len,
                  gsize         cap)
{
  gboolean complete;
  gsize count, size;

  if (len < 2 || data[0] != 0x1f || data[1] != 0x8b)
    return;

  count = _ppv_gzip_count (data, len, cap, NULL, &complete);
  if (zlib_size (data, len, cap, &size))
    {
      CHECK (complete);
      if (size <= cap)
        CHECK (count == size);
      else
        CHECK (count > cap);
    }
}

/* What a profile is read for: the pipeline the CLI and the window run,
 * text and graph reports and the DOT, on whatever values it holds. */
static void
run_reports (PpvProfile *profile)
{
  g_autoptr(PpvProfile) combined = ppv_profile_combine (&profile, 1, NULL, 0, PPV_BASE_NONE, FALSE, NULL);
  PpvReportOptions options;

  if (combined == NULL)
    return;

  ppv_report_options_init (&options);
  for (int kind = PPV_REPORT_KIND_TEXT; kind <= PPV_REPORT_KIND_GRAPH; kind++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PpvReport) report = ppv_report_new (combined, &options, kind, NULL, &error);

      if (report == NULL)
        {
          CHECK (error != NULL);
          continue;
        }
      if (kind == PPV_REPORT_KIND_TEXT)
        g_free (ppv_report_format_top (report));
      else
        {
          g_autoptr(PpvCallGraph) graph = ppv_callgraph_new (report);
          g_autofree char *dot = ppv_callgraph_to_dot (graph);
          CHECK (g_utf8_validate (dot, -1, NULL));
        }
    }
}

/* Gzip of any size goes through the threaded reader, as big files do,
 * overwriting the bytes it is done with, so that reading them again shows. */
static gboolean
same_string (const char *a,
             const char *b)
{
  return g_strcmp0 (a, b) == 0;
}

/* The streaming reader (gzip) against the plain one (the bytes as they
 * are): the same error, or the same samples. */
static void
check_streamed_like_plain (GBytes              *bytes,
                           const PpvReadLimits *limits)
{
  gsize size = g_bytes_get_size (bytes);
  gsize cap = size + size / 100 + 1024;
  z_stream zs = { 0, };
  guint8 *out = g_malloc (cap);
  g_autoptr(GBytes) gz = NULL;
  g_autoptr(GError) plain_error = NULL;
  g_autoptr(GError) streamed_error = NULL;
  g_autoptr(PpvProfile) plain = NULL;
  g_autoptr(PpvProfile) streamed = NULL;

  CHECK (deflateInit2 (&zs, 1, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  zs.next_in = (Bytef *) g_bytes_get_data (bytes, NULL);
  zs.avail_in = size;
  zs.next_out = out;
  zs.avail_out = cap;
  CHECK (deflate (&zs, Z_FINISH) == Z_STREAM_END);
  deflateEnd (&zs);
  gz = g_bytes_new_take (out, zs.total_out);

  plain = ppv_profile_read_bytes (bytes, "fuzz", limits, NULL, &plain_error);
  streamed = ppv_profile_read_bytes (gz, "fuzz", limits, NULL, &streamed_error);
  CHECK ((plain == NULL) == (streamed == NULL));
  if (plain == NULL)
    {
      CHECK (strcmp (plain_error->message, streamed_error->message) == 0);
      return;
    }

  CHECK (plain->n_samples == streamed->n_samples && plain->n_stacks == streamed->n_stacks &&
         plain->n_labels == streamed->n_labels &&
         plain->n_sample_types == streamed->n_sample_types);
  CHECK (memcmp (plain->samples, streamed->samples, plain->n_samples * sizeof (PpvSample)) == 0);
  CHECK (memcmp (plain->stacks, streamed->stacks, plain->n_stacks * sizeof (guint32)) == 0);
  CHECK (memcmp (plain->values, streamed->values,
                 (gsize) plain->n_samples * plain->n_sample_types * sizeof (gint64)) == 0);
  for (gsize i = 0; i < plain->n_labels; i++)
    {
      const PpvLabel *a = &plain->labels[i], *b = &streamed->labels[i];

      CHECK (same_string (a->key, b->key) && same_string (a->str, b->str) &&
             a->num == b->num && same_string (a->num_unit, b->num_unit));
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_setenv ("PPV_GUNZIP_THREAD_MIN", "0", TRUE);
  g_setenv ("PPV_PROTO_POISON_DROPPED", "1", TRUE);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* Small caps keep every run fast; the paths are the same as with the
   * default ones. */
  PpvReadLimits limits = { .max_decompressed = 8 << 20, .max_model = 64 << 20 };
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  PpvProfile *profile;

  check_gzip_count (data, size, limits.max_decompressed);

  /* A C++ name (the seeds include some): the demangler in every mode. */
  if (size >= 2 && size < 4096 && data[0] == '_' && data[1] == 'Z')
    {
      g_autofree char *name = g_strndup ((const char *) data, size);

      for (PpvDemangle mode = PPV_DEMANGLE_DEFAULT; mode <= PPV_DEMANGLE_NONE; mode++)
        {
          g_autofree char *shown = ppv_demangle (name, mode);

          if (shown != NULL)
            check_string_is_utf8_or_bytes (shown);
        }
      return 0;
    }

  if (size > 0 && data[0] != 0x1f)
    check_streamed_like_plain (bytes, &limits);

  profile = ppv_profile_read_bytes (bytes, "fuzz", &limits, NULL, &error);
  if (profile == NULL)
    {
      CHECK (error != NULL);
      CHECK (error->domain == PPV_PROFILE_ERROR);
      CHECK (g_str_has_prefix (error->message, "fuzz: "));
      return 0;
    }

  CHECK (error == NULL);
  check_model (profile);
  if (profile->n_samples <= 20000)
    run_reports (profile);
  ppv_profile_unref (profile);

  /* A text page with "#" lines is read twice over: pprof's reading is
   * under the named one and must hold on its own. */
  if (size > 0 && data[0] != 0x1f && _ppv_text_has_symbols (data, size))
    {
      limits.symbolize = PPV_SYMBOLIZE_NONE;
      profile = ppv_profile_read_bytes (bytes, "fuzz", &limits, NULL, &error);
      if (profile == NULL)
        CHECK (error != NULL && error->domain == PPV_PROFILE_ERROR);
      else
        {
          check_model (profile);
          ppv_profile_unref (profile);
        }
    }
  return 0;
}
