/* ppv-legacy-heap.c — Go's legacy heap text (debug=1) parsed into the model pprof would build.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules follow pprof's profile/legacy_profile.go (parseHeap and the
 * memory-map handling after it) so that reports match `go tool pprof`:
 *
 *   heap profile: 100: 4790576 [106: 9820464] @ heap/8192
 *   4: 4194304 [8: 8388608] @ 0x4b3d4d 0x4b3e77 0x437452
 *   #	0x4b3d4c	main.allocBig+0x4c	/tmp/main.go:21      (ignored)
 *
 * Values are re-scaled for sampling with 1/(1−e^(−avg/rate)), using a
 * port of the exp() Go runs on amd64 so the truncated integers agree
 * with pprof's to the last unit; stacks are unsymbolised addresses, each
 * decremented by one as pprof does; every sample gets a numeric "bytes"
 * label.  Lines, numbers and memory maps are read as ppv-legacy-text.c does.
 */
#include "ppv-reader-private.h"

#include <math.h>
#include <string.h>

#include "ppv-error.h"
#include "ppv-legacy-text.h"
#include "ppv-profile-private.h"
#include "ppv-text-util.h"

/* --- Go's math.Exp on amd64 ---------------------------------------------- */

/* The amd64 assembly version (Shibata's method) is not correctly rounded,
 * so glibc's exp() can differ from it in the last bit, which can move a
 * truncated heap value by one.  This follows the assembly operation by
 * operation, including its FMA variant; keep the compiler from fusing. */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

static gboolean
go_uses_fma (void)
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  static int cached = -1;

  if (cached < 0)
    {
      __builtin_cpu_init ();
      cached = __builtin_cpu_supports ("avx") && __builtin_cpu_supports ("fma");
    }
  return cached;
#else
  return FALSE;
#endif
}

static double
bits_to_double (guint64 bits)
{
  double d;

  memcpy (&d, &bits, sizeof d);
  return d;
}

static double
go_exp (double x)
{
  static const double c[] = {
    0.5, 1.0, 2.0,
    1.6666666666666666667e-1, 4.1666666666666666667e-2, 8.3333333333333333333e-3,
    1.3888888888888888889e-3, 1.9841269841269841270e-4, 2.4801587301587301587e-5,
  };
  const double ln2u = 0.69314718055966295651160180568695068359375;
  const double ln2l = 0.28235290563031577122588448175013436025525412068e-12;
  const double log2e = 1.4426950408889634073599246810018920;
  const double overflow = 7.09782712893384e+02;
  guint64 bits;
  gint32 e, biased;
  double t, fx, r, s;

  memcpy (&bits, &x, sizeof bits);
  if ((bits & ~(G_GUINT64_CONSTANT (1) << 63)) >= G_GUINT64_CONSTANT (0x7FF0000000000000))
    return bits == G_GUINT64_CONSTANT (0xFFF0000000000000) ? 0.0 : x;
  if (x > overflow)
    return INFINITY;

  /* CVTSD2SL: round to nearest even, 0x80000000 when out of range. */
  t = log2e * x;
  t = nearbyint (t);
  e = (t >= -2147483648.0 && t <= 2147483647.0) ? (gint32) t : G_MININT32;
  fx = (double) e;

  if (go_uses_fma ())
    {
      r = fma (-fx, ln2u, x);
      r = fma (-fx, ln2l, r);
      r *= 0.0625;
      s = c[8];
      s = fma (s, r, c[7]);
      s = fma (s, r, c[6]);
      s = fma (s, r, c[5]);
      s = fma (s, r, c[4]);
      s = fma (s, r, c[3]);
      s = fma (s, r, c[0]);
      s = fma (s, r, c[1]);
      r = r * s;
      for (guint i = 0; i < 3; i++)
        {
          s = r + c[2];
          r = r * s;
        }
      s = r + c[2];
      r = fma (r, s, c[1]);
    }
  else
    {
      double a;

      a = fx * ln2u;
      r = x - a;
      a = fx * ln2l;
      r = r - a;
      r *= 0.0625;
      s = c[8] * r;
      s += c[7]; s *= r;
      s += c[6]; s *= r;
      s += c[5]; s *= r;
      s += c[4]; s *= r;
      s += c[3]; s *= r;
      s += c[0]; s *= r;
      s += c[1];
      r = r * s;
      for (guint i = 0; i < 4; i++)
        {
          s = c[2] + r;
          r = r * s;
        }
      r += c[1];
    }

  /* ldexp with the assembly's 32-bit exponent arithmetic. */
  biased = (gint32) ((guint32) e + 0x3FF);
  if (biased <= 0)
    {
      if (biased < -52)
        return 0.0;
      biased += 0x3FE;
      r *= bits_to_double ((guint64) (guint32) biased << 52);
      return r * bits_to_double ((guint64) 1 << 52);
    }
  if (biased >= 0x7FF)
    return INFINITY;
  return r * bits_to_double ((guint64) (guint32) biased << 52);
}

static void
scale_heap_sample (gint64 *count,
                   gint64 *size,
                   gint64 rate)
{
  double avg, scale;

  if (*count == 0 || *size == 0)
    {
      *count = *size = 0;
      return;
    }
  if (rate <= 1)
    return;

  avg = (double) *size / (double) *count;
  scale = 1 / (1 - go_exp (-avg / (double) rate));
  *count = _ppv_go_float_to_int64 ((double) *count * scale);
  *size = _ppv_go_float_to_int64 ((double) *size * scale);
}

/* --- Header and samples ---------------------------------------------------- */

typedef struct
{
  const char *s;
  gsize       i;
  gsize       len;
} Cursor;

static void
skip_spaces (Cursor *c)
{
  while (c->i < c->len && c->s[c->i] == ' ')
    c->i++;
}

static gboolean
eat (Cursor *c,
     char   ch)
{
  if (c->i < c->len && c->s[c->i] == ch)
    {
      c->i++;
      return TRUE;
    }
  return FALSE;
}

static gboolean
eat_str (Cursor     *c,
         const char *s)
{
  gsize n = strlen (s);

  if (c->len - c->i >= n && memcmp (c->s + c->i, s, n) == 0)
    {
      c->i += n;
      return TRUE;
    }
  return FALSE;
}

/* `-?\d+` (with @sign) or `\d+`; every use in these patterns is followed
 * by a non-digit, so greedy matching never needs to backtrack. */
static gboolean
eat_number (Cursor   *c,
            gboolean sign,
            PpvSpan  *out)
{
  gsize start = c->i;

  if (sign && c->i < c->len && c->s[c->i] == '-')
    c->i++;
  if (c->i >= c->len || !_ppv_is_digit (c->s[c->i]))
    {
      c->i = start;
      return FALSE;
    }
  while (c->i < c->len && _ppv_is_digit (c->s[c->i]))
    c->i++;

  out->p = c->s + start;
  out->len = c->i - start;
  return TRUE;
}

typedef enum
{
  HEADER_HEAP,
  HEADER_GROWTH,
  HEADER_FRAGMENTATION,
} HeaderKind;

typedef struct
{
  PpvSpan inuse_count, inuse_size, alloc_count, alloc_size;
  PpvSpan type, rate;
} Header;

/* `heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\]` and then, for
 * HEADER_HEAP ` *@ *(heap[_a-z0-9]*)/?(\d*)`, otherwise ` @ growthz?` or
 * ` @ fragmentationz?`; unanchored, leftmost match. */
static gboolean
match_header (PpvSpan    line,
              HeaderKind kind,
              Header     *h)
{
  static const char prefix[] = "heap profile:";

  for (gsize start = 0; start + strlen (prefix) <= line.len; start++)
    {
      Cursor c = { line.p, start, line.len };

      if (line.p[start] != 'h' || !eat_str (&c, prefix))
        continue;

      skip_spaces (&c);
      if (!eat_number (&c, FALSE, &h->inuse_count) || !eat (&c, ':'))
        continue;
      skip_spaces (&c);
      if (!eat_number (&c, FALSE, &h->inuse_size))
        continue;
      skip_spaces (&c);
      if (!eat (&c, '['))
        continue;
      skip_spaces (&c);
      if (!eat_number (&c, FALSE, &h->alloc_count) || !eat (&c, ':'))
        continue;
      skip_spaces (&c);
      if (!eat_number (&c, FALSE, &h->alloc_size))
        continue;
      skip_spaces (&c);
      if (!eat (&c, ']'))
        continue;

      if (kind == HEADER_GROWTH)
        {
          if (eat_str (&c, " @ growth"))
            return TRUE;
          continue;
        }
      if (kind == HEADER_FRAGMENTATION)
        {
          if (eat_str (&c, " @ fragmentation"))
            return TRUE;
          continue;
        }

      skip_spaces (&c);
      if (!eat (&c, '@'))
        continue;
      skip_spaces (&c);
      if (!eat_str (&c, "heap"))
        continue;
      h->type.p = c.s + c.i - 4;
      while (c.i < c.len && (c.s[c.i] == '_' || g_ascii_islower (c.s[c.i]) || _ppv_is_digit (c.s[c.i])))
        c.i++;
      h->type.len = (c.s + c.i) - h->type.p;
      eat (&c, '/');
      h->rate.p = c.s + c.i;
      while (c.i < c.len && _ppv_is_digit (c.s[c.i]))
        c.i++;
      h->rate.len = (c.s + c.i) - h->rate.p;
      return TRUE;
    }

  return FALSE;
}

typedef struct
{
  PpvSpan inuse_count, inuse_size, alloc_count, alloc_size;
  PpvSpan addresses;
} SampleLine;

/* `(-?\d+): *(-?\d+) *\[ *(\d+): *(\d+) *] @([ x0-9a-f]*)`, unanchored.
 * Only starts at the beginning of a run of digits (or its '-') can give
 * different results, which keeps this linear. */
static gboolean
match_sample (PpvSpan    line,
              SampleLine *m)
{
  for (gsize start = 0; start < line.len; start++)
    {
      char ch = line.p[start];
      Cursor c = { line.p, start, line.len };

      if (ch == '-')
        {
          if (start + 1 >= line.len || !_ppv_is_digit (line.p[start + 1]))
            continue;
        }
      else if (!_ppv_is_digit (ch) ||
               (start > 0 && (_ppv_is_digit (line.p[start - 1]) || line.p[start - 1] == '-')))
        continue;

      if (!eat_number (&c, TRUE, &m->inuse_count) || !eat (&c, ':'))
        continue;
      skip_spaces (&c);
      if (!eat_number (&c, TRUE, &m->inuse_size))
        continue;
      skip_spaces (&c);
      if (!eat (&c, '['))
        continue;
      skip_spaces (&c);
      if (!eat_number (&c, FALSE, &m->alloc_count) || !eat (&c, ':'))
        continue;
      skip_spaces (&c);
      if (!eat_number (&c, FALSE, &m->alloc_size))
        continue;
      skip_spaces (&c);
      if (!eat_str (&c, "] @"))
        continue;

      m->addresses.p = c.s + c.i;
      while (c.i < c.len &&
             (c.s[c.i] == ' ' || c.s[c.i] == 'x' || _ppv_is_digit (c.s[c.i]) ||
              (c.s[c.i] >= 'a' && c.s[c.i] <= 'f')))
        c.i++;
      m->addresses.len = (c.s + c.i) - m->addresses.p;
      return TRUE;
    }

  return FALSE;
}

/* --- The parser ------------------------------------------------------------- */

/* pprof's allocRxStr and allocSkipRxStr, set on every heap profile. */
static const char drop_frames[] =
  "calloc|cfree|malloc|free|memalign|do_memalign|(__)?posix_memalign|pvalloc|valloc|realloc|"
  "tcmalloc::.*|tc_calloc|tc_cfree|tc_malloc|tc_free|tc_memalign|tc_posix_memalign|"
  "tc_pvalloc|tc_valloc|tc_realloc|tc_new|tc_delete|tc_newarray|tc_deletearray|"
  "tc_new_nothrow|tc_newarray_nothrow|"
  "malloc_zone_malloc|malloc_zone_calloc|malloc_zone_valloc|malloc_zone_realloc|"
  "malloc_zone_memalign|malloc_zone_free|"
  "runtime\\..*|"
  "BaseArena::.*|(::)?do_malloc_no_errno|(::)?do_malloc_pages|(::)?do_malloc|"
  "DoSampledAllocation|MallocedMemBlock::MallocedMemBlock|_M_allocate|"
  "__builtin_(vec_)?delete|__builtin_(vec_)?new|__gnu_cxx::new_allocator::allocate|"
  "__libc_malloc|__malloc_alloc_template::allocate|allocate|cpp_alloc|"
  "operator new(\\[\\])?|simple_alloc::allocate";
static const char keep_frames[] =
  "runtime\\.panic|runtime\\.reflectcall|runtime\\.call[0-9]*";

typedef struct
{
  const char        *source;
  PpvProfileBuilder *builder;
  GHashTable        *address_index;   /* decremented address → location index */
  GArray            *addresses;       /* guint64, by location index */
  GArray            *stack;           /* guint64 location ids of one sample */
  gint64             rate;
  gboolean           v2;
  gboolean           has_alloc;
  gsize              max_model;
} HeapParser;

static gboolean
add_values (HeapParser *hp,
            PpvSpan    count_text,
            PpvSpan    size_text,
            const char *what,
            gint64     *values,
            guint      *n_values,
            gint64     *blocksize,
            char       **problem)
{
  gint64 count, size;

  if (!_ppv_parse_int64 (count_text, &count) || !_ppv_parse_int64 (size_text, &size))
    {
      *problem = g_strdup ("a number is out of range");
      return FALSE;
    }
  if (count == 0 && size != 0)
    {
      *problem = g_strdup_printf ("%s count is 0 but %s bytes is %" G_GINT64_FORMAT,
                                  what, what, size);
      return FALSE;
    }
  if (count != 0)
    {
      /* Go's division: MinInt64 / -1 wraps instead of trapping. */
      *blocksize = count == -1 ? (gint64) (0 - (guint64) size) : size / count;
      if (hp->v2)
        scale_heap_sample (&count, &size, hp->rate);
    }

  values[(*n_values)++] = count;
  values[(*n_values)++] = size;
  return TRUE;
}

static gboolean
parse_sample (HeapParser *hp,
              PpvSpan    line,
              char       **problem)
{
  SampleLine m;
  gint64 values[4];
  guint n_values = 0;
  gint64 blocksize = 0;
  PpvLabel label = { "bytes", NULL, 0, NULL };
  const char *a;
  const char *end;

  if (!match_sample (line, &m))
    {
      *problem = g_strdup ("not a heap sample");
      return FALSE;
    }

  if (hp->has_alloc &&
      !add_values (hp, m.alloc_count, m.alloc_size, "allocation", values, &n_values,
                   &blocksize, problem))
    return FALSE;
  if (!add_values (hp, m.inuse_count, m.inuse_size, "inuse", values, &n_values,
                   &blocksize, problem))
    return FALSE;

  /* Every `0x[0-9a-f]+` in the address list, leftmost first. */
  g_array_set_size (hp->stack, 0);
  a = m.addresses.p;
  end = m.addresses.p + m.addresses.len;
  while (a < end)
    {
      PpvSpan digits;
      guint64 address;
      gpointer found;
      guint64 id;

      if (end - a < 3 || a[0] != '0' || a[1] != 'x' || !_ppv_is_lower_hex (a[2]))
        {
          a++;
          continue;
        }

      digits.p = a + 2;
      digits.len = 0;
      while (digits.p + digits.len < end && _ppv_is_lower_hex (digits.p[digits.len]))
        digits.len++;
      a = digits.p + digits.len;

      if (!_ppv_parse_hex (digits, &address))
        {
          *problem = g_strdup ("an address is out of range");
          return FALSE;
        }

      /* Return addresses point after the call; -1 lands on it. */
      address--;
      found = g_hash_table_lookup (hp->address_index, &address);
      if (found == NULL)
        {
          guint64 *key;

          if (hp->addresses->len >= PPV_NONE - 1)
            {
              *problem = g_strdup ("too many addresses");
              return FALSE;
            }
          g_array_append_val (hp->addresses, address);
          key = &g_array_index (hp->addresses, guint64, hp->addresses->len - 1);
          key = g_memdup2 (key, sizeof *key);
          found = GUINT_TO_POINTER (hp->addresses->len);
          g_hash_table_insert (hp->address_index, key, found);
        }
      id = GPOINTER_TO_UINT (found);
      g_array_append_val (hp->stack, id);
    }

  label.num = blocksize;
  ppv_profile_builder_add_sample (hp->builder, (const guint64 *) hp->stack->data,
                                  hp->stack->len, values, n_values, &label, 1);
  return TRUE;
}

static gboolean
parse_header (PpvSpan  line,
              Header   *h,
              gint64   *period,
              gboolean *v2,
              gboolean *has_alloc)
{
  if (match_header (line, HEADER_HEAP, h))
    {
      *period = 0;
      if (h->rate.len > 0 && !_ppv_parse_int64 (h->rate, period))
        return FALSE;

      *has_alloc = (!_ppv_span_equal_span (h->alloc_count, h->inuse_count) &&
                    !_ppv_span_equal (h->alloc_count, "0")) ||
                   (!_ppv_span_equal_span (h->alloc_size, h->inuse_size) &&
                    !_ppv_span_equal (h->alloc_size, "0"));

      if (_ppv_span_equal (h->type, "heapz_v2") || _ppv_span_equal (h->type, "heap_v2"))
        *v2 = TRUE;
      else if (_ppv_span_equal (h->type, "heapprofile"))
        {
          *v2 = FALSE;
          *period = 1;
        }
      else if (_ppv_span_equal (h->type, "heap"))
        {
          *v2 = TRUE;
          *period /= 2;
        }
      else
        return FALSE;
      return TRUE;
    }

  if (match_header (line, HEADER_GROWTH, h) || match_header (line, HEADER_FRAGMENTATION, h))
    {
      *period = 1;
      *v2 = FALSE;
      *has_alloc = FALSE;
      return TRUE;
    }

  return FALSE;
}

PpvProfile *
_ppv_legacy_heap_read (const guint8 *data,
                       gsize        len,
                       const char   *source,
                       gsize        max_model,
                       GCancellable *cancellable,
                       gboolean     *recognized,
                       GError       **error)
{
  HeapParser hp = { 0, };
  PpvLines lines = { (const char *) data, (const char *) data + len, 0 };
  g_autoptr(GPtrArray) mappings = NULL;
  Header header;
  PpvSpan line;
  PpvLineResult res;
  PpvProfile *profile = NULL;
  gboolean ok = FALSE;

  *recognized = FALSE;
  if (source == NULL)
    source = "profile";

  if (_ppv_lines_next (&lines, &line) != PPV_LINE_OK ||
      !parse_header (line, &header, &hp.rate, &hp.v2, &hp.has_alloc))
    {
      g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_UNRECOGNIZED,
                   "%s: not a legacy heap profile", source);
      return NULL;
    }
  *recognized = TRUE;

  hp.source = source;
  hp.max_model = max_model;
  hp.builder = ppv_profile_builder_new ();
  ppv_profile_builder_set_memory_cap (hp.builder, max_model);
  hp.address_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  hp.addresses = g_array_new (FALSE, FALSE, sizeof (guint64));
  hp.stack = g_array_new (FALSE, FALSE, sizeof (guint64));
  mappings = _ppv_legacy_mappings_new ();

  ppv_profile_builder_set_period (hp.builder, "space", "bytes", hp.rate);
  if (hp.has_alloc)
    {
      /* alloc first so that pprof's default (the last column) is inuse_space. */
      ppv_profile_builder_add_sample_type (hp.builder, "alloc_objects", "count");
      ppv_profile_builder_add_sample_type (hp.builder, "alloc_space", "bytes");
      ppv_profile_builder_add_sample_type (hp.builder, "inuse_objects", "count");
      ppv_profile_builder_add_sample_type (hp.builder, "inuse_space", "bytes");
    }
  else
    {
      ppv_profile_builder_add_sample_type (hp.builder, "objects", "count");
      ppv_profile_builder_add_sample_type (hp.builder, "space", "bytes");
    }

  while ((res = _ppv_lines_next (&lines, &line)) == PPV_LINE_OK)
    {
      g_autofree char *problem = NULL;
      PpvSpan trimmed = _ppv_trim_space (line);

      if (trimmed.len == 0 || trimmed.p[0] == '#')
        continue;

      if (_ppv_is_memory_map_sentinel (trimmed))
        break;

      if ((lines.number & 0xfff) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            goto out;
          /* Rough cost of the address table, which the builder does not see. */
          if (_ppv_profile_builder_is_full (hp.builder) ||
              (max_model != 0 && hp.addresses->len * (gsize) 64 > max_model))
            {
              g_autofree char *limit = ppv_format_byte_limit (max_model);

              g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_TOO_LARGE,
                           "%s: profile exceeds the %s memory limit", source, limit);
              goto out;
            }
        }

      if (!parse_sample (&hp, trimmed, &problem))
        {
          g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_INVALID,
                       "%s: malformed heap profile sample at line %u (%s)",
                       source, lines.number, problem);
          goto out;
        }
    }

  if (res == PPV_LINE_TOO_LONG)
    {
      g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_INVALID,
                   "%s: heap profile line %u is too long", source, lines.number + 1);
      goto out;
    }

  if (res == PPV_LINE_OK && !_ppv_legacy_parse_memory_map (&lines, mappings, source, error))
    goto out;

  _ppv_legacy_add_locations (hp.builder, mappings, (const guint64 *) hp.addresses->data,
                             hp.addresses->len);

  ppv_profile_builder_set_frames (hp.builder, drop_frames, keep_frames);
  ok = TRUE;

out:
  if (ok)
    profile = ppv_profile_builder_finish (g_steal_pointer (&hp.builder), source, error);
  else
    ppv_profile_builder_free (hp.builder);

  g_hash_table_unref (hp.address_index);
  g_array_unref (hp.addresses);
  g_array_unref (hp.stack);
  return profile;
}

