/* ppv-gen-profile.c — writes large synthetic gzipped pprof profiles, deterministically, for benchmarks.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   ppv-gen-profile -o big.pb.gz --functions 200000 --samples 1000000 --max-depth 64
 *   ppv-gen-profile -o cpu.pb.gz --cpu --samples 2000000 --labels
 *   ppv-gen-profile -o deep.pb.gz --depth 2000 --samples 10000
 *   ppv-gen-profile -o flat.pb.gz --functions 1000000 --locations 1000000 \
 *                   --inline-every 0 --uniform --depth 2 --samples 1000000
 *   ppv-gen-profile -o rec.pb.gz --recursive --max-depth 2004 --samples 20000
 *
 * The profile is streamed: every message is encoded into a small buffer
 * and written through zlib at once, with the string table last, as Go
 * writes it.  The same arguments always give the same bytes.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

typedef struct
{
  gint64    functions;
  gint64    locations;
  gint64    samples;
  gint64    max_depth;
  gint64    depth;
  gint64    seed;
  gint64    inline_every;
  gint      level;
  gboolean  cpu;
  gboolean  labels;
  gboolean  uniform;
  gboolean  recursive;
  gboolean  raw;
  char     *output;
} Options;

typedef struct
{
  gzFile     gz;
  FILE      *file;
  GByteArray *msg;          /* message being encoded */
  GByteArray *sub;          /* nested message being encoded */
  GByteArray *frame;        /* tag + length + message */
  GPtrArray  *strings;
  GHashTable *string_index;
  guint64     rng;
  guint64     bytes_out;
} Writer;

/* xorshift64*: small, fast and the same everywhere. */
static guint64
next_random (Writer *w)
{
  w->rng ^= w->rng >> 12;
  w->rng ^= w->rng << 25;
  w->rng ^= w->rng >> 27;
  return w->rng * G_GUINT64_CONSTANT (2685821657736338717);
}

/* Uniform in [0, n). */
static guint64
random_below (Writer  *w,
              guint64  n)
{
  return n ? next_random (w) % n : 0;
}

/* Skewed towards 0, so a few entries are hot, as in real profiles. */
static guint64
random_skewed (Writer  *w,
               guint64  n)
{
  double u = (double) (next_random (w) >> 11) / (double) (G_GUINT64_CONSTANT (1) << 53);

  return MIN ((guint64) (u * u * u * (double) n), n - 1);
}

static void
put_varint (GByteArray *out,
            guint64     value)
{
  guint8 buf[10];
  guint n = 0;

  while (value >= 0x80)
    {
      buf[n++] = (value & 0x7f) | 0x80;
      value >>= 7;
    }
  buf[n++] = value;
  g_byte_array_append (out, buf, n);
}

static void
put_uint (GByteArray *out,
          guint       field,
          guint64     value)
{
  if (value == 0)
    return;
  put_varint (out, (guint64) field << 3);
  put_varint (out, value);
}

static void
put_bytes (GByteArray   *out,
           guint         field,
           const guint8 *data,
           gsize         len)
{
  put_varint (out, (guint64) field << 3 | 2);
  put_varint (out, len);
  g_byte_array_append (out, data, len);
}

static void
put_packed (GByteArray    *out,
            GByteArray    *scratch,
            guint          field,
            const guint64 *values,
            gsize          n)
{
  g_byte_array_set_size (scratch, 0);
  for (gsize i = 0; i < n; i++)
    put_varint (scratch, values[i]);
  put_bytes (out, field, scratch->data, scratch->len);
}

static void
write_raw (Writer       *w,
           const guint8 *data,
           gsize         len)
{
  if (w->gz != NULL)
    {
      if (gzwrite (w->gz, data, len) != (int) len)
        g_error ("gzwrite failed");
    }
  else if (fwrite (data, 1, len, w->file) != len)
    g_error ("write failed");
  w->bytes_out += len;
}

/* Writes w->msg as top-level field @field. */
static void
emit (Writer *w,
      guint   field)
{
  g_byte_array_set_size (w->frame, 0);
  put_varint (w->frame, (guint64) field << 3 | 2);
  put_varint (w->frame, w->msg->len);
  write_raw (w, w->frame->data, w->frame->len);
  write_raw (w, w->msg->data, w->msg->len);
  g_byte_array_set_size (w->msg, 0);
}

static guint64
intern (Writer     *w,
        const char *s)
{
  gpointer index;

  if (g_hash_table_lookup_extended (w->string_index, s, NULL, &index))
    return GPOINTER_TO_SIZE (index);

  g_ptr_array_add (w->strings, g_strdup (s));
  g_hash_table_insert (w->string_index, g_ptr_array_index (w->strings, w->strings->len - 1),
                       GSIZE_TO_POINTER (w->strings->len - 1));
  return w->strings->len - 1;
}

static void
emit_value_type (Writer     *w,
                 guint       field,
                 const char *type,
                 const char *unit)
{
  put_uint (w->msg, 1, intern (w, type));
  put_uint (w->msg, 2, intern (w, unit));
  emit (w, field);
}

/* Leaf first: a leaf, a cycle of one to four locations repeated (a
 * recursive walk, as in a parser or a tree visit), then a few callers
 * down to the root.  The cycle is the same for a given entry point, so
 * the same functions recur at many depths across samples. */
static void
fill_recursive_stack (Writer        *w,
                      const Options *o,
                      guint64       *stack,
                      guint64        depth)
{
  guint64 entry = random_skewed (w, MIN ((guint64) o->locations, 64));
  guint64 cycle = 1 + entry % 4;
  guint64 base = MIN (depth / 2, 1 + entry % 5);
  guint64 i = 0;

  stack[i++] = 1 + random_below (w, o->locations);
  for (; i < depth - base; i++)
    stack[i] = 1 + (entry * 131 + (i % cycle) * 17) % o->locations;
  for (guint64 k = 0; i < depth; i++, k++)
    stack[i] = 1 + (entry + 1000 + k * 7) % o->locations;
}

static gboolean
parse_args (int      *argc,
            char   ***argv,
            Options  *o)
{
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o->output, "Write to FILE (- for stdout)", "FILE" },
    { "functions", 0, 0, G_OPTION_ARG_INT64, &o->functions, "Number of functions (10000)", "N" },
    { "locations", 0, 0, G_OPTION_ARG_INT64, &o->locations, "Number of locations (2 per function)", "N" },
    { "samples", 0, 0, G_OPTION_ARG_INT64, &o->samples, "Number of samples (100000)", "N" },
    { "max-depth", 0, 0, G_OPTION_ARG_INT64, &o->max_depth, "Stack depths vary up to N (32)", "N" },
    { "depth", 0, 0, G_OPTION_ARG_INT64, &o->depth, "Every stack exactly N deep", "N" },
    { "cpu", 0, 0, G_OPTION_ARG_NONE, &o->cpu, "A CPU profile (default: a heap profile)", NULL },
    { "labels", 0, 0, G_OPTION_ARG_NONE, &o->labels, "Add string and numeric labels", NULL },
    { "inline-every", 0, 0, G_OPTION_ARG_INT64, &o->inline_every,
      "Every Nth location has an inlined callee (10; 0 = none)", "N" },
    { "uniform", 0, 0, G_OPTION_ARG_NONE, &o->uniform,
      "Pick frames uniformly, so every location is used (default: a few hot ones)", NULL },
    { "recursive", 0, 0, G_OPTION_ARG_NONE, &o->recursive,
      "Stacks recurse: a short cycle of functions repeated to the depth", NULL },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &o->seed, "Random seed (1)", "N" },
    { "level", 0, 0, G_OPTION_ARG_INT, &o->level, "gzip level (6)", "N" },
    { "raw", 0, 0, G_OPTION_ARG_NONE, &o->raw, "Write the protobuf without gzip", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- write a synthetic pprof profile");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  if (o->output == NULL || o->functions < 1 || o->samples < 0 || o->max_depth < 1 ||
      o->depth < 0 || o->locations < 0 || o->level < 0 || o->level > 9 ||
      o->inline_every < 0)
    {
      g_printerr ("%s", g_option_context_get_help (context, TRUE, NULL));
      return FALSE;
    }
  if (o->locations == 0)
    o->locations = 2 * o->functions;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  Options o = {
    .functions = 10000, .samples = 100000, .max_depth = 32, .seed = 1, .level = 6,
    .inline_every = 10,
  };
  Writer w = { 0, };
  g_autofree guint64 *stack = NULL;
  g_autoptr(GByteArray) scratch = g_byte_array_new ();
  guint64 depth_cap;
  guint64 k_thread = 0, k_handler = 0, k_bytes = 0, k_request = 0, u_bytes = 0;

  if (!parse_args (&argc, &argv, &o))
    return 2;

  w.rng = (guint64) o.seed * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) | 1;
  w.msg = g_byte_array_new ();
  w.sub = g_byte_array_new ();
  w.frame = g_byte_array_new ();
  w.strings = g_ptr_array_new_with_free_func (g_free);
  w.string_index = g_hash_table_new (g_str_hash, g_str_equal);
  intern (&w, "");

  if (strcmp (o.output, "-") == 0)
    w.file = stdout;
  else
    w.file = fopen (o.output, "wb");
  if (w.file == NULL)
    {
      g_printerr ("cannot write %s\n", o.output);
      return 1;
    }
  if (!o.raw)
    {
      g_autofree char *mode = g_strdup_printf ("wb%d", o.level);

      w.gz = gzdopen (dup (fileno (w.file)), mode);
      if (w.gz == NULL)
        g_error ("gzdopen failed");
    }

  /* Sample types. */
  if (o.cpu)
    {
      emit_value_type (&w, 1, "samples", "count");
      emit_value_type (&w, 1, "cpu", "nanoseconds");
    }
  else
    {
      emit_value_type (&w, 1, "alloc_objects", "count");
      emit_value_type (&w, 1, "alloc_space", "bytes");
      emit_value_type (&w, 1, "inuse_objects", "count");
      emit_value_type (&w, 1, "inuse_space", "bytes");
    }

  if (o.labels)
    {
      k_thread = intern (&w, "thread");
      k_handler = intern (&w, "handler");
      k_request = intern (&w, "request_size");
      u_bytes = intern (&w, "bytes");
    }
  if (!o.cpu)
    k_bytes = intern (&w, "bytes");

  /* Samples: leaf first, hot locations more likely near the leaves. */
  depth_cap = o.depth > 0 ? (guint64) o.depth : (guint64) o.max_depth;
  stack = g_new (guint64, depth_cap);
  for (gint64 s = 0; s < o.samples; s++)
    {
      guint64 depth = o.depth > 0 ? (guint64) o.depth : 1 + random_below (&w, o.max_depth);
      guint64 values[4];
      guint64 size = 0;
      guint n_values;

      if (o.recursive)
        fill_recursive_stack (&w, &o, stack, depth);
      else
        for (guint64 i = 0; i < depth; i++)
          {
            if (o.uniform)
              stack[i] = 1 + random_below (&w, o.locations);
            else
              stack[i] = 1 + (i + 1 == depth ? random_below (&w, 8)
                                            : random_skewed (&w, o.locations));
          }
      if (o.cpu)
        {
          values[0] = 1 + random_skewed (&w, 20);
          values[1] = values[0] * 10000000;
          n_values = 2;
        }
      else
        {
          size = 16 << random_below (&w, 12);
          values[0] = 1 + random_skewed (&w, 1000);
          values[1] = values[0] * size;
          values[2] = values[0] / (1 + random_below (&w, 4));
          values[3] = values[2] * size;
          n_values = 4;
        }

      put_packed (w.msg, scratch, 1, stack, depth);
      put_packed (w.msg, scratch, 2, values, n_values);

      /* Go labels every heap sample with its object size. */
      if (!o.cpu)
        {
          g_byte_array_set_size (w.sub, 0);
          put_uint (w.sub, 1, k_bytes);
          put_uint (w.sub, 3, size);
          put_bytes (w.msg, 3, w.sub->data, w.sub->len);
        }

      if (o.labels)
        {
          char buf[64];

          g_snprintf (buf, sizeof buf, "worker-%u", (guint) random_below (&w, 16));
          g_byte_array_set_size (w.sub, 0);
          put_uint (w.sub, 1, k_thread);
          put_uint (w.sub, 2, intern (&w, buf));
          put_bytes (w.msg, 3, w.sub->data, w.sub->len);

          g_snprintf (buf, sizeof buf, "/api/v1/endpoint%u", (guint) random_skewed (&w, 200));
          g_byte_array_set_size (w.sub, 0);
          put_uint (w.sub, 1, k_handler);
          put_uint (w.sub, 2, intern (&w, buf));
          put_bytes (w.msg, 3, w.sub->data, w.sub->len);

          g_byte_array_set_size (w.sub, 0);
          put_uint (w.sub, 1, k_request);
          put_uint (w.sub, 3, 1 + random_below (&w, 1 << 20));
          put_uint (w.sub, 4, u_bytes);
          put_bytes (w.msg, 3, w.sub->data, w.sub->len);
        }
      emit (&w, 2);
    }

  /* One mapping for the binary. */
  put_uint (w.msg, 1, 1);
  put_uint (w.msg, 2, 0x400000);
  put_uint (w.msg, 3, 0x400000 + (guint64) o.locations * 16 + 0x1000);
  put_uint (w.msg, 5, intern (&w, "/usr/local/bin/synthetic-server"));
  put_uint (w.msg, 6, intern (&w, "b1d0c0ffee"));
  put_uint (w.msg, 7, 1);
  put_uint (w.msg, 8, 1);
  put_uint (w.msg, 9, 1);
  emit (&w, 3);

  /* Locations: one line each, one in ten with an inlined callee. */
  for (gint64 i = 1; i <= o.locations; i++)
    {
      guint64 fn = 1 + (guint64) (i - 1) % o.functions;

      put_uint (w.msg, 1, i);
      put_uint (w.msg, 2, 1);
      put_uint (w.msg, 3, 0x400000 + (guint64) i * 16);
      if (o.inline_every > 0 && i % o.inline_every == 0)
        {
          g_byte_array_set_size (w.sub, 0);
          put_uint (w.sub, 1, 1 + (fn * 7919) % o.functions);
          put_uint (w.sub, 2, 5 + i % 50);
          put_bytes (w.msg, 4, w.sub->data, w.sub->len);
        }
      g_byte_array_set_size (w.sub, 0);
      put_uint (w.sub, 1, fn);
      put_uint (w.sub, 2, 10 + i % 300);
      put_bytes (w.msg, 4, w.sub->data, w.sub->len);
      emit (&w, 4);
    }

  /* Functions, Go-like names in a few hundred packages. */
  for (gint64 i = 1; i <= o.functions; i++)
    {
      char name[160], file[128];
      guint64 pkg = i % 397;
      guint64 n;

      if (i % 3 == 0)
        g_snprintf (name, sizeof name, "github.com/example/service/internal/pkg%u.(*Type%u).Method%u",
                    (guint) pkg, (guint) (i % 53), (guint) i);
      else
        g_snprintf (name, sizeof name, "github.com/example/service/internal/pkg%u.func%u",
                    (guint) pkg, (guint) i);
      g_snprintf (file, sizeof file, "/src/service/internal/pkg%u/file%u.go",
                  (guint) pkg, (guint) (i % 17));
      n = intern (&w, name);
      put_uint (w.msg, 1, i);
      put_uint (w.msg, 2, n);
      put_uint (w.msg, 3, n);
      put_uint (w.msg, 4, intern (&w, file));
      put_uint (w.msg, 5, 1 + i % 500);
      emit (&w, 5);
    }

  if (o.cpu)
    emit_value_type (&w, 11, "cpu", "nanoseconds");
  else
    emit_value_type (&w, 11, "space", "bytes");

  /* The string table after every message that uses it, as Go writes it. */
  for (guint i = 0; i < w.strings->len; i++)
    {
      const char *s = g_ptr_array_index (w.strings, i);

      g_byte_array_set_size (w.frame, 0);
      put_bytes (w.frame, 6, (const guint8 *) s, strlen (s));
      write_raw (&w, w.frame->data, w.frame->len);
    }

  g_byte_array_set_size (w.frame, 0);
  put_uint (w.frame, 9, 1700000000000000000);
  put_uint (w.frame, 10, o.cpu ? 30000000000 : 0);
  put_uint (w.frame, 12, o.cpu ? 10000000 : 524288);
  write_raw (&w, w.frame->data, w.frame->len);

  if (w.gz != NULL && gzclose (w.gz) != Z_OK)
    g_error ("gzclose failed");
  if (w.file != stdout)
    fclose (w.file);

  g_printerr ("wrote %s: %" G_GINT64_FORMAT " samples, %" G_GINT64_FORMAT " locations, %"
              G_GINT64_FORMAT " functions, %u strings, %" G_GUINT64_FORMAT " bytes of protobuf\n",
              o.output, o.samples, o.locations, o.functions, w.strings->len, w.bytes_out);

  g_byte_array_unref (w.msg);
  g_byte_array_unref (w.sub);
  g_byte_array_unref (w.frame);
  g_hash_table_unref (w.string_index);
  g_ptr_array_unref (w.strings);
  g_free (o.output);
  return 0;
}
