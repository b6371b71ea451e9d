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
 * label.  Lines are read with the same 64 KiB limit as Go's bufio.Scanner.
 */
#include "ppv-reader-private.h"

#include <math.h>
#include <string.h>

#include "ppv-error.h"
#include "ppv-profile-private.h"
#include "ppv-text-util.h"

#define MAX_LINE 65536          /* bufio.MaxScanTokenSize */

typedef struct
{
  const char *p;
  gsize       len;
} Span;

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

/* Go's int64(f) on amd64: out of range and NaN give the minimum. */
static gint64
go_float_to_int64 (double f)
{
  if (isnan (f) || f >= 9223372036854775808.0 || f < -9223372036854775808.0)
    return G_MININT64;
  return (gint64) f;
}

static void
scale_heap_sample (gint64  *count,
                   gint64  *size,
                   gint64   rate)
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
  *count = go_float_to_int64 ((double) *count * scale);
  *size = go_float_to_int64 ((double) *size * scale);
}

/* --- Small text helpers --------------------------------------------------- */

static gboolean
span_equal (Span        a,
            const char *s)
{
  gsize n = strlen (s);

  return a.len == n && memcmp (a.p, s, n) == 0;
}

static gboolean
span_equal_span (Span a,
                 Span b)
{
  return a.len == b.len && memcmp (a.p, b.p, a.len) == 0;
}

static gboolean
span_contains (Span        a,
               const char *s)
{
  gsize n = strlen (s);

  for (gsize i = 0; i + n <= a.len; i++)
    if (a.p[i] == s[0] && memcmp (a.p + i, s, n) == 0)
      return TRUE;
  return FALSE;
}

/* Length of the Unicode white space character (Go's unicode.IsSpace) at
 * @p, or 0. */
static gsize
space_len (const guint8 *p,
           gsize         left)
{
  gunichar c;

  if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
    return 1;
  if (*p < 0x80 || left < 2)
    return 0;

  c = g_utf8_get_char_validated ((const char *) p, MIN (left, 4));
  if (c == (gunichar) -1 || c == (gunichar) -2)
    return 0;
  if (c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
      c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000)
    return g_utf8_skip[*p];
  return 0;
}

/* strings.TrimSpace */
static Span
trim_space (Span s)
{
  const guint8 *p = (const guint8 *) s.p;
  gsize start = 0, end = s.len, n;

  while (start < end && (n = space_len (p + start, end - start)) > 0)
    start += n;

  while (end > start)
    {
      gsize back = 1;

      /* Step back over one UTF-8 character. */
      while (back < 4 && end - back > start && (p[end - back] & 0xC0) == 0x80)
        back++;
      if (space_len (p + end - back, back) == back)
        end -= back;
      else
        break;
    }

  return (Span) { s.p + start, end - start };
}

static gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

static gboolean
is_lower_hex (char c)
{
  return is_digit (c) || (c >= 'a' && c <= 'f');
}

/* strconv.ParseInt(s, 10, 64) for what `-?\d+` matched. */
static gboolean
parse_int64 (Span    s,
             gint64 *out)
{
  gboolean negative = s.len > 0 && s.p[0] == '-';
  guint64 value = 0, limit;
  gsize i = negative ? 1 : 0;

  if (i == s.len)
    return FALSE;

  limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
  for (; i < s.len; i++)
    {
      guint d = s.p[i] - '0';

      if (d > 9 || value > (limit - d) / 10)
        return FALSE;
      value = value * 10 + d;
    }

  *out = negative ? (gint64) (0 - value) : (gint64) value;
  return TRUE;
}

/* strconv.ParseUint(s, 16, 64) */
static gboolean
parse_hex (Span     s,
           guint64 *out)
{
  guint64 value = 0;

  if (s.len == 0)
    return FALSE;

  for (gsize i = 0; i < s.len; i++)
    {
      int d = g_ascii_xdigit_value (s.p[i]);

      if (d < 0 || value > (G_MAXUINT64 >> 4))
        return FALSE;
      value = value << 4 | (guint) d;
    }

  *out = value;
  return TRUE;
}

/* --- Lines ---------------------------------------------------------------- */

typedef struct
{
  const char *pos;
  const char *end;
  guint       number;
} Lines;

typedef enum
{
  LINE_OK,
  LINE_EOF,
  LINE_TOO_LONG,
} LineResult;

/* bufio.ScanLines: split at '\n', drop one '\r', keep a last unterminated line. */
static LineResult
next_line (Lines *lines,
           Span  *line)
{
  const char *nl;
  gsize len;

  if (lines->pos >= lines->end)
    return LINE_EOF;

  nl = memchr (lines->pos, '\n', lines->end - lines->pos);
  len = nl ? (gsize) (nl - lines->pos) : (gsize) (lines->end - lines->pos);
  if (len >= MAX_LINE)
    return LINE_TOO_LONG;

  line->p = lines->pos;
  line->len = len;
  if (len > 0 && line->p[len - 1] == '\r')
    line->len--;

  lines->pos += len + (nl ? 1 : 0);
  lines->number++;
  return LINE_OK;
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
     char    ch)
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
            gboolean  sign,
            Span     *out)
{
  gsize start = c->i;

  if (sign && c->i < c->len && c->s[c->i] == '-')
    c->i++;
  if (c->i >= c->len || !is_digit (c->s[c->i]))
    {
      c->i = start;
      return FALSE;
    }
  while (c->i < c->len && is_digit (c->s[c->i]))
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
  Span inuse_count, inuse_size, alloc_count, alloc_size;
  Span type, rate;
} Header;

/* `heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\]` and then, for
 * HEADER_HEAP ` *@ *(heap[_a-z0-9]*)/?(\d*)`, otherwise ` @ growthz?` or
 * ` @ fragmentationz?`; unanchored, leftmost match. */
static gboolean
match_header (Span        line,
              HeaderKind  kind,
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
      while (c.i < c.len && (c.s[c.i] == '_' || g_ascii_islower (c.s[c.i]) || is_digit (c.s[c.i])))
        c.i++;
      h->type.len = (c.s + c.i) - h->type.p;
      eat (&c, '/');
      h->rate.p = c.s + c.i;
      while (c.i < c.len && is_digit (c.s[c.i]))
        c.i++;
      h->rate.len = (c.s + c.i) - h->rate.p;
      return TRUE;
    }

  return FALSE;
}

typedef struct
{
  Span inuse_count, inuse_size, alloc_count, alloc_size;
  Span addresses;
} SampleLine;

/* `(-?\d+): *(-?\d+) *\[ *(\d+): *(\d+) *] @([ x0-9a-f]*)`, unanchored.
 * Only starts at the beginning of a run of digits (or its '-') can give
 * different results, which keeps this linear. */
static gboolean
match_sample (Span        line,
              SampleLine *m)
{
  for (gsize start = 0; start < line.len; start++)
    {
      char ch = line.p[start];
      Cursor c = { line.p, start, line.len };

      if (ch == '-')
        {
          if (start + 1 >= line.len || !is_digit (line.p[start + 1]))
            continue;
        }
      else if (!is_digit (ch) ||
               (start > 0 && (is_digit (line.p[start - 1]) || line.p[start - 1] == '-')))
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
             (c.s[c.i] == ' ' || c.s[c.i] == 'x' || is_digit (c.s[c.i]) ||
              (c.s[c.i] >= 'a' && c.s[c.i] <= 'f')))
        c.i++;
      m->addresses.len = (c.s + c.i) - m->addresses.p;
      return TRUE;
    }

  return FALSE;
}

/* --- Memory map (pprof's ParseMemoryMapFromScanner) ---------------------- */

typedef struct
{
  guint64 start;
  guint64 limit;
  guint64 offset;
  char   *file;
  char   *build_id;
} Mapping;

static void
mapping_free (gpointer data)
{
  Mapping *m = data;

  g_free (m->file);
  g_free (m->build_id);
  g_free (m);
}

/* Go's \s is [\t\n\f\r ]; spelled out so PCRE agrees. */
#define S    "[\\t\\n\\f\\r ]"
#define NS   "[^\\t\\n\\f\\r ]"
#define HEX  "(?:0x)?([[:xdigit:]]+)"
#define HEX_RANGE S "*" HEX "(?:" S "|-)?" S "*" HEX ":?"
#define PERM "(?:" S "+([-rwxp]+))?"

static const char proc_maps_pattern[] =
  "^" HEX_RANGE PERM "(?:" S "+([[:xdigit:]]+))?" S "+[[:xdigit:]]+:[[:xdigit:]]+"
  S "+[[:digit:]]+(?:" S "+(" NS "+))?";
static const char brief_maps_pattern[] =
  "^" HEX_RANGE PERM "(?:" S "+(" NS "+))?(?:" S "+\\(@([[:xdigit:]]+)\\))?(?:" S "+([[:xdigit:]]+))?";
static const char log_prefix_pattern[] = "^[^\\[\\]]+:[0-9]+\\]" S;
static const char lib_pattern[] = "([.]so$|[.]so[._][0-9]+)";

typedef struct
{
  GRegex    *proc_maps;
  GRegex    *brief_maps;
  GRegex    *log_prefix;
  GPtrArray *replacements;     /* old, new, old, new... (strings.Replacer) */
} MapParser;

static GRegex *
compile (const char *pattern)
{
  g_autoptr(GError) error = NULL;
  GRegex *regex = g_regex_new (pattern, G_REGEX_RAW | G_REGEX_OPTIMIZE, 0, &error);

  if (regex == NULL)
    g_critical ("Bad built-in pattern %s: %s", pattern, error->message);
  return regex;
}

static char *
fetch (GMatchInfo *info,
       int         group)
{
  char *s = g_match_info_fetch (info, group);

  if (s == NULL)
    s = g_strdup ("");
  return s;
}

/* Go's strings.Replacer: leftmost, earlier pairs first, no overlaps. */
static char *
replace_all (GPtrArray  *pairs,
             const char *s,
             gsize       len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len;)
    {
      gboolean replaced = FALSE;

      for (guint k = 0; k + 1 < pairs->len; k += 2)
        {
          const char *old = g_ptr_array_index (pairs, k);
          gsize n = strlen (old);

          if (n > 0 && len - i >= n && memcmp (s + i, old, n) == 0)
            {
              g_string_append (out, g_ptr_array_index (pairs, k + 1));
              i += n;
              replaced = TRUE;
              break;
            }
        }
      if (!replaced)
        g_string_append_c (out, s[i++]);
    }

  return g_string_free (out, FALSE);
}

/* Returns TRUE and fills @m for an executable mapping line; @recognized
 * tells a skipped (non-executable) entry from an unrecognised line. */
static gboolean
parse_mapping_entry (MapParser  *mp,
                     const char *line,
                     gsize       len,
                     Mapping    *m,
                     gboolean   *recognized)
{
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *start = NULL, *end = NULL, *perm = NULL, *offset = NULL;
  gboolean brief = FALSE;

  *recognized = FALSE;
  memset (m, 0, sizeof *m);

  if (mp->proc_maps == NULL || mp->brief_maps == NULL)
    return FALSE;

  if (!g_regex_match_full (mp->proc_maps, line, len, 0, 0, &info, NULL))
    {
      g_clear_pointer (&info, g_match_info_free);
      if (!g_regex_match_full (mp->brief_maps, line, len, 0, 0, &info, NULL))
        return FALSE;
      brief = TRUE;
    }

  start = fetch (info, 1);
  end = fetch (info, 2);
  perm = fetch (info, 3);
  if (brief)
    {
      m->file = fetch (info, 4);
      offset = fetch (info, 5);
      m->build_id = fetch (info, 6);
    }
  else
    {
      offset = fetch (info, 4);
      m->file = fetch (info, 5);
      m->build_id = g_strdup ("");
    }

  if (perm[0] != '\0' && strchr (perm, 'x') == NULL)
    {
      *recognized = TRUE;
      g_clear_pointer (&m->file, g_free);
      g_clear_pointer (&m->build_id, g_free);
      return FALSE;
    }

  if (!parse_hex ((Span) { start, strlen (start) }, &m->start) ||
      !parse_hex ((Span) { end, strlen (end) }, &m->limit) ||
      (offset[0] != '\0' && !parse_hex ((Span) { offset, strlen (offset) }, &m->offset)))
    {
      g_clear_pointer (&m->file, g_free);
      g_clear_pointer (&m->build_id, g_free);
      return FALSE;
    }

  *recognized = TRUE;
  return TRUE;
}

static gboolean
parse_memory_map (Lines      *lines,
                  GPtrArray  *mappings,
                  const char *source,
                  GError    **error)
{
  MapParser mp = { 0, };
  gboolean ok = TRUE;
  Span raw;
  LineResult res;

  mp.proc_maps = compile (proc_maps_pattern);
  mp.brief_maps = compile (brief_maps_pattern);
  mp.log_prefix = compile (log_prefix_pattern);
  mp.replacements = g_ptr_array_new_with_free_func (g_free);

  while ((res = next_line (lines, &raw)) == LINE_OK)
    {
      g_autoptr(GMatchInfo) info = NULL;
      g_autofree char *line = NULL;
      gsize skip = 0;
      Mapping m;
      gboolean recognized;
      int match_end;

      if (mp.log_prefix != NULL &&
          g_regex_match_full (mp.log_prefix, raw.p, raw.len, 0, 0, &info, NULL) &&
          g_match_info_fetch_pos (info, 0, NULL, &match_end))
        skip = match_end;

      line = replace_all (mp.replacements, raw.p + skip, raw.len - skip);

      if (parse_mapping_entry (&mp, line, strlen (line), &m, &recognized))
        g_ptr_array_add (mappings, g_memdup2 (&m, sizeof m));
      else if (!recognized)
        {
          /* "attr=value" lines define $attr for the lines after them. */
          const char *eq = strchr (line, '=');

          if (eq != NULL)
            {
              Span key = trim_space ((Span) { line, eq - line });
              Span value = trim_space ((Span) { eq + 1, strlen (eq + 1) });

              g_ptr_array_add (mp.replacements,
                               g_strdup_printf ("$%.*s", (int) key.len, key.p));
              g_ptr_array_add (mp.replacements, g_strndup (value.p, value.len));
            }
        }
    }

  if (res == LINE_TOO_LONG)
    {
      g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_INVALID,
                   "%s: heap profile line %u is too long", source, lines->number + 1);
      ok = FALSE;
    }

  g_clear_pointer (&mp.proc_maps, g_regex_unref);
  g_clear_pointer (&mp.brief_maps, g_regex_unref);
  g_clear_pointer (&mp.log_prefix, g_regex_unref);
  g_ptr_array_unref (mp.replacements);
  return ok;
}

static gboolean
adjacent (const Mapping *m1,
          const Mapping *m2)
{
  if (m1->file[0] != '\0' && m2->file[0] != '\0' && strcmp (m1->file, m2->file) != 0)
    return FALSE;
  if (m1->build_id[0] != '\0' && m2->build_id[0] != '\0' &&
      strcmp (m1->build_id, m2->build_id) != 0)
    return FALSE;
  if (m1->limit != m2->start)
    return FALSE;
  if (m1->offset != 0 && m2->offset != 0 &&
      m1->offset + (m1->limit - m1->start) != m2->offset)
    return FALSE;
  return TRUE;
}

/* pprof's massageMappings, then the first half of remapMappingIDs. */
static void
massage_mappings (GPtrArray *mappings)
{
  g_autoptr(GRegex) lib = NULL;

  if (mappings->len > 1)
    {
      guint kept = 1;

      for (guint i = 1; i < mappings->len; i++)
        {
          Mapping *last = g_ptr_array_index (mappings, kept - 1);
          Mapping *m = g_ptr_array_index (mappings, i);

          if (adjacent (last, m))
            {
              last->limit = m->limit;
              if (m->file[0] != '\0')
                {
                  g_free (last->file);
                  last->file = g_strdup (m->file);
                }
              if (m->build_id[0] != '\0')
                {
                  g_free (last->build_id);
                  last->build_id = g_strdup (m->build_id);
                }
              mapping_free (m);
            }
          else
            mappings->pdata[kept++] = m;
        }
      mappings->len = kept;
    }

  /* Guess the main binary and move it first. */
  lib = compile (lib_pattern);
  for (guint i = 0; i < mappings->len; i++)
    {
      Mapping *m = g_ptr_array_index (mappings, i);
      g_autofree char *without = NULL;
      char **parts;
      Span file;

      parts = g_strsplit (m->file, "(deleted)", -1);
      without = g_strjoinv ("", parts);
      g_strfreev (parts);
      file = trim_space ((Span) { without, strlen (without) });

      if (file.len == 0)
        continue;
      if (lib != NULL && g_regex_match_full (lib, file.p, file.len, 0, 0, NULL, NULL))
        continue;
      if (file.p[0] == '[')
        continue;

      mappings->pdata[i] = mappings->pdata[0];
      mappings->pdata[0] = m;
      break;
    }

  if (mappings->len > 0)
    {
      Mapping *m = g_ptr_array_index (mappings, 0);

      if (g_str_has_prefix (m->file, "/anon_hugepage") && mappings->len > 1 &&
          m->limit == ((Mapping *) g_ptr_array_index (mappings, 1))->start)
        g_ptr_array_remove_index (mappings, 0);
    }

  if (mappings->len > 0)
    {
      Mapping *m = g_ptr_array_index (mappings, 0);

      if (m->start - m->offset == 0x400000)
        {
          m->start = 0x400000;
          m->offset = 0;
        }
    }
}

/* The rest of remapMappingIDs: the mapping index (or -1) of each address,
 * creating pprof's catch-all fake mapping when one is missing. */
static void
assign_mappings (GPtrArray     *mappings,
                 const guint64 *addresses,
                 gsize          n_addresses,
                 gint          *out)
{
  gint fake = -1;

  for (gsize i = 0; i < n_addresses; i++)
    {
      guint64 a = addresses[i];
      guint k;

      out[i] = -1;
      if (a == 0)
        continue;

      for (k = 0; k < mappings->len; k++)
        {
          Mapping *m = g_ptr_array_index (mappings, k);

          if (m->start <= a && a < m->limit)
            break;
        }
      if (k < mappings->len)
        {
          out[i] = k;
          continue;
        }

      for (k = 0; k < mappings->len; k++)
        {
          Mapping *m = g_ptr_array_index (mappings, k);

          if (m->offset != 0 && m->start - m->offset <= a && a < m->start)
            {
              m->start -= m->offset;
              m->offset = 0;
              break;
            }
        }
      if (k < mappings->len)
        {
          out[i] = k;
          continue;
        }

      if (fake < 0)
        {
          Mapping *m = g_new0 (Mapping, 1);

          m->limit = G_MAXUINT64;
          m->file = g_strdup ("");
          m->build_id = g_strdup ("");
          g_ptr_array_add (mappings, m);
          fake = mappings->len - 1;
        }
      out[i] = fake;
    }
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
            Span        count_text,
            Span        size_text,
            const char *what,
            gint64     *values,
            guint      *n_values,
            gint64     *blocksize,
            char      **problem)
{
  gint64 count, size;

  if (!parse_int64 (count_text, &count) || !parse_int64 (size_text, &size))
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
parse_sample (HeapParser  *hp,
              Span         line,
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
      Span digits;
      guint64 address;
      gpointer found;
      guint64 id;

      if (end - a < 3 || a[0] != '0' || a[1] != 'x' || !is_lower_hex (a[2]))
        {
          a++;
          continue;
        }

      digits.p = a + 2;
      digits.len = 0;
      while (digits.p + digits.len < end && is_lower_hex (digits.p[digits.len]))
        digits.len++;
      a = digits.p + digits.len;

      if (!parse_hex (digits, &address))
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
parse_header (Span      line,
              Header   *h,
              gint64   *period,
              gboolean *v2,
              gboolean *has_alloc)
{
  if (match_header (line, HEADER_HEAP, h))
    {
      *period = 0;
      if (h->rate.len > 0 && !parse_int64 (h->rate, period))
        return FALSE;

      *has_alloc = (!span_equal_span (h->alloc_count, h->inuse_count) &&
                    !span_equal (h->alloc_count, "0")) ||
                   (!span_equal_span (h->alloc_size, h->inuse_size) &&
                    !span_equal (h->alloc_size, "0"));

      if (span_equal (h->type, "heapz_v2") || span_equal (h->type, "heap_v2"))
        *v2 = TRUE;
      else if (span_equal (h->type, "heapprofile"))
        {
          *v2 = FALSE;
          *period = 1;
        }
      else if (span_equal (h->type, "heap"))
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
_ppv_legacy_heap_read (const guint8  *data,
                       gsize          len,
                       const char    *source,
                       gsize          max_model,
                       GCancellable  *cancellable,
                       gboolean      *recognized,
                       GError       **error)
{
  HeapParser hp = { 0, };
  Lines lines = { (const char *) data, (const char *) data + len, 0 };
  g_autoptr(GPtrArray) mappings = NULL;
  g_autofree gint *mapping_of = NULL;
  Header header;
  Span line;
  LineResult res;
  PpvProfile *profile = NULL;
  gboolean ok = FALSE;

  *recognized = FALSE;
  if (source == NULL)
    source = "profile";

  if (next_line (&lines, &line) != LINE_OK ||
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
  mappings = g_ptr_array_new_with_free_func (mapping_free);

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

  while ((res = next_line (&lines, &line)) == LINE_OK)
    {
      g_autofree char *problem = NULL;
      Span trimmed = trim_space (line);

      if (trimmed.len == 0 || trimmed.p[0] == '#')
        continue;

      if (span_contains (trimmed, "--- Memory map: ---") ||
          span_contains (trimmed, "MAPPED_LIBRARIES:"))
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

  if (res == LINE_TOO_LONG)
    {
      g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_INVALID,
                   "%s: heap profile line %u is too long", source, lines.number + 1);
      goto out;
    }

  if (res == LINE_OK && !parse_memory_map (&lines, mappings, source, error))
    goto out;

  massage_mappings (mappings);
  mapping_of = g_new (gint, MAX (hp.addresses->len, 1));
  assign_mappings (mappings, (const guint64 *) hp.addresses->data, hp.addresses->len, mapping_of);

  for (guint i = 0; i < mappings->len; i++)
    {
      const Mapping *m = g_ptr_array_index (mappings, i);
      PpvMapping mapping = { 0, };

      mapping.id = i + 1;
      mapping.memory_start = m->start;
      mapping.memory_limit = m->limit;
      mapping.file_offset = m->offset;
      mapping.filename = m->file;
      mapping.build_id = m->build_id;
      ppv_profile_builder_add_mapping (hp.builder, &mapping);
    }

  for (guint i = 0; i < hp.addresses->len; i++)
    ppv_profile_builder_add_location (hp.builder, i + 1,
                                      mapping_of[i] >= 0 ? (guint64) mapping_of[i] + 1 : 0,
                                      g_array_index (hp.addresses, guint64, i),
                                      FALSE, NULL, NULL, NULL, 0);

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
