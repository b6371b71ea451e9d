/* ppv-legacy-count.c — Go's goroutine, threadcreate, block and mutex text pages (debug=1) read as pprof reads them.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are pprof's parseGoCount and parseContention
 * (profile/legacy_profile.go):
 *
 *   goroutine profile: total 16            --- mutex:
 *   5 @ 0x43b3f6 0x407e9b 0x46b3e1         cycles/second=2599997555
 *   #	0x407e9a	main.worker+0x34	…   sampling period=1
 *                                          75824832 23 @ 0x6a61f0 0x46b3e1
 *
 * Stacks are addresses, each decremented by one; the "#" lines are
 * comments to pprof (ppv-text-symbols.c reads them).  Contention values
 * are unsampled as pprof does: delay cycles to nanoseconds through
 * cycles/second, both values times the sampling period.  With @lenient a
 * count line may have no address at all ("6 @", which Go writes for
 * threads created without a stack and pprof refuses).
 */
#include "ppv-reader-private.h"

#include <string.h>

#include "ppv-error.h"
#include "ppv-legacy-text.h"
#include "ppv-profile-private.h"
#include "ppv-text-util.h"

/* pprof's cpuProfilerRxStr and lockRxStr, set by addLegacyFrameInfo. */
static const char count_drop_frames[] =
  "ProfileData::Add|ProfileData::prof_handler|CpuProfiler::prof_handler|"
  "__pthread_sighandler|__restore";
static const char lock_drop_frames[] =
  "RecordLockProfileData|(base::)?RecordLockProfileData.*|(base::)?SubmitMutexProfileData.*|"
  "(base::)?SubmitSpinLockProfileData.*|(base::Mutex::)?AwaitCommon.*|(base::Mutex::)?Unlock.*|"
  "(base::Mutex::)?UnlockSlow.*|(base::Mutex::)?ReaderUnlock.*|(base::MutexLock::)?~MutexLock.*|"
  "(Mutex::)?AwaitCommon.*|(Mutex::)?Unlock.*|(Mutex::)?UnlockSlow.*|(Mutex::)?ReaderUnlock.*|"
  "(MutexLock::)?~MutexLock.*|(SpinLock::)?Unlock.*|(SpinLock::)?SlowUnlock.*|"
  "(SpinLockHolder::)?~SpinLockHolder.*";

typedef struct
{
  const char        *source;
  PpvProfileBuilder *builder;
  GHashTable        *address_index;   /* decremented address → location id */
  GArray            *addresses;       /* guint64, by location id − 1 */
  GArray            *stack;           /* guint64 location ids of one sample */
  gsize              max_model;
} TextParser;

static void
text_parser_init (TextParser *tp,
                  const char *source,
                  gsize       max_model)
{
  tp->source = source;
  tp->max_model = max_model;
  tp->builder = ppv_profile_builder_new ();
  ppv_profile_builder_set_memory_cap (tp->builder, max_model);
  tp->address_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  tp->addresses = g_array_new (FALSE, FALSE, sizeof (guint64));
  tp->stack = g_array_new (FALSE, FALSE, sizeof (guint64));
}

static void
text_parser_clear (TextParser *tp)
{
  if (tp->builder != NULL)
    ppv_profile_builder_free (tp->builder);
  g_hash_table_unref (tp->address_index);
  g_array_unref (tp->addresses);
  g_array_unref (tp->stack);
}

/* Appends the location of @address − 1 to the stack, pprof's way. */
static gboolean
push_address (TextParser *tp,
              guint64     address)
{
  gpointer found;
  guint64 id;

  address--;
  found = g_hash_table_lookup (tp->address_index, &address);
  if (found == NULL)
    {
      if (tp->addresses->len >= PPV_NONE - 1)
        return FALSE;
      g_array_append_val (tp->addresses, address);
      found = GUINT_TO_POINTER (tp->addresses->len);
      g_hash_table_insert (tp->address_index, g_memdup2 (&address, sizeof address), found);
    }
  id = GPOINTER_TO_UINT (found);
  g_array_append_val (tp->stack, id);
  return TRUE;
}

/* Every `0x[0-9a-f]+` of @s, leftmost first (pprof's parseHexAddresses). */
static gboolean
push_hex_addresses (TextParser *tp,
                    PpvSpan     s)
{
  const char *a = s.p, *end = s.p + s.len;

  while (a < end)
    {
      PpvSpan digits;
      guint64 address;

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
      if (!_ppv_parse_hex (digits, &address) || !push_address (tp, address))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_limits (TextParser   *tp,
              PpvLines     *lines,
              GCancellable *cancellable,
              GError      **error)
{
  if ((lines->number & 0xfff) != 0)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (_ppv_profile_builder_is_full (tp->builder) ||
      (tp->max_model != 0 && tp->addresses->len * (gsize) 64 > tp->max_model))
    {
      g_autofree char *limit = ppv_format_byte_limit (tp->max_model);

      g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_TOO_LARGE,
                   "%s: profile exceeds the %s memory limit", tp->source, limit);
      return FALSE;
    }
  return TRUE;
}

static gboolean
too_long (TextParser *tp,
          PpvLines   *lines,
          GError    **error)
{
  g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_INVALID,
               "%s: profile line %u is too long", tp->source, lines->number + 1);
  return FALSE;
}

/* pprof's parseAdditionalSections: skip to a memory map, read it, and
 * give every address its location. */
static PpvProfile *
finish (TextParser  *tp,
        PpvLines    *lines,
        PpvSpan      current,
        const char  *drop_frames,
        GError     **error)
{
  g_autoptr(GPtrArray) mappings = _ppv_legacy_mappings_new ();
  PpvLineResult res = PPV_LINE_OK;

  while (!_ppv_is_memory_map_sentinel (current) &&
         (res = _ppv_lines_next (lines, &current)) == PPV_LINE_OK)
    ;
  if (res == PPV_LINE_TOO_LONG)
    {
      too_long (tp, lines, error);
      return NULL;
    }
  if (!_ppv_legacy_parse_memory_map (lines, mappings, tp->source, error))
    return NULL;

  _ppv_legacy_add_locations (tp->builder, mappings, (const guint64 *) tp->addresses->data,
                             tp->addresses->len);
  ppv_profile_builder_set_frames (tp->builder, drop_frames, "");
  return ppv_profile_builder_finish (g_steal_pointer (&tp->builder), tp->source, error);
}

static gboolean
is_space_or_comment (PpvSpan line)
{
  PpvSpan t = _ppv_trim_space (line);

  return t.len == 0 || t.p[0] == '#';
}

/* Go's \S+ then " profile: total \d+", the whole line. */
static gboolean
match_count_start (PpvSpan  line,
                   PpvSpan *type)
{
  static const char middle[] = " profile: total ";
  gsize i = 0, n = strlen (middle);

  while (i < line.len && !strchr ("\t\n\f\r ", line.p[i]))
    i++;
  if (i == 0 || line.len - i <= n || memcmp (line.p + i, middle, n) != 0)
    return FALSE;
  for (gsize k = i + n; k < line.len; k++)
    if (!_ppv_is_digit (line.p[k]))
      return FALSE;
  type->p = line.p;
  type->len = i;
  return TRUE;
}

/* `\A(\d+) @(( 0x[0-9a-f]+)+)\z`; with @lenient the addresses may be none. */
static gboolean
match_count_line (PpvSpan   line,
                  gboolean  lenient,
                  PpvSpan  *count,
                  PpvSpan  *addresses)
{
  gsize i = 0, k;
  guint n = 0;

  while (i < line.len && _ppv_is_digit (line.p[i]))
    i++;
  if (i == 0 || line.len - i < 2 || line.p[i] != ' ' || line.p[i + 1] != '@')
    return FALSE;
  count->p = line.p;
  count->len = i;
  k = i + 2;
  addresses->p = line.p + k;
  while (k < line.len)
    {
      gsize digits = 0;

      if (line.len - k < 4 || memcmp (line.p + k, " 0x", 3) != 0)
        return FALSE;
      k += 3;
      while (k < line.len && _ppv_is_lower_hex (line.p[k]))
        k++, digits++;
      if (digits == 0)
        return FALSE;
      n++;
    }
  addresses->len = line.p + k - addresses->p;
  return n > 0 || lenient;
}

PpvProfile *
_ppv_legacy_count_read (const guint8  *data,
                        gsize          len,
                        const char    *source,
                        gsize          max_model,
                        gboolean       lenient,
                        GCancellable  *cancellable,
                        gboolean      *recognized,
                        GError       **error)
{
  PpvLines lines = { (const char *) data, (const char *) data + len, 0 };
  TextParser tp = { 0, };
  PpvSpan line = { "", 0 }, type;
  PpvLineResult res;
  PpvProfile *profile = NULL;
  g_autofree char *type_name = NULL;

  *recognized = FALSE;
  while ((res = _ppv_lines_next (&lines, &line)) == PPV_LINE_OK && is_space_or_comment (line))
    ;
  if (res != PPV_LINE_OK || !match_count_start (line, &type))
    {
      g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_UNRECOGNIZED,
                   "%s: not a Go count profile", source);
      return NULL;
    }
  *recognized = TRUE;

  text_parser_init (&tp, source, max_model);
  type_name = g_strndup (type.p, type.len);
  ppv_profile_builder_set_period (tp.builder, type_name, "count", 1);
  ppv_profile_builder_add_sample_type (tp.builder, type_name, "count");

  line = (PpvSpan) { "", 0 };
  while ((res = _ppv_lines_next (&lines, &line)) == PPV_LINE_OK)
    {
      PpvSpan count, addresses;
      gint64 n;

      if (is_space_or_comment (line))
        continue;
      if (_ppv_span_has_prefix (line, "---"))
        break;
      if (!check_limits (&tp, &lines, cancellable, error))
        goto out;
      g_array_set_size (tp.stack, 0);
      if (!match_count_line (line, lenient, &count, &addresses) ||
          !_ppv_parse_go_int (count, &n) || !push_hex_addresses (&tp, addresses))
        {
          g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_INVALID,
                       "%s: malformed %s profile sample at line %u", source, type_name, lines.number);
          goto out;
        }
      ppv_profile_builder_add_sample (tp.builder, (const guint64 *) tp.stack->data, tp.stack->len,
                                      &n, 1, NULL, 0);
    }
  if (res == PPV_LINE_TOO_LONG)
    {
      too_long (&tp, &lines, error);
      goto out;
    }
  if (res == PPV_LINE_EOF)
    line = (PpvSpan) { "", 0 };

  profile = finish (&tp, &lines, line, count_drop_frames, error);

out:
  text_parser_clear (&tp);
  return profile;
}

/* `(\d+) *(\d+) @([ x0-9a-f]*)`, unanchored, leftmost-first.  Only the
 * start of a run of digits can begin a match, and the second number must
 * be followed by " @": either the run, spaces and a second run, or the
 * run less its last digit and that digit. */
static gboolean
match_contention_sample (PpvSpan  line,
                         PpvSpan *cycles,
                         PpvSpan *count,
                         PpvSpan *addresses)
{
  for (gsize start = 0; start < line.len; start++)
    {
      gsize run_end = start, k, second;

      if (!_ppv_is_digit (line.p[start]) || (start > 0 && _ppv_is_digit (line.p[start - 1])))
        continue;
      while (run_end < line.len && _ppv_is_digit (line.p[run_end]))
        run_end++;

      k = run_end;
      while (k < line.len && line.p[k] == ' ')
        k++;
      second = k;
      while (k < line.len && _ppv_is_digit (line.p[k]))
        k++;
      if (k > second && line.len - k >= 2 && line.p[k] == ' ' && line.p[k + 1] == '@')
        {
          *cycles = (PpvSpan) { line.p + start, run_end - start };
          *count = (PpvSpan) { line.p + second, k - second };
        }
      else if (run_end - start >= 2 && line.len - run_end >= 2 &&
               line.p[run_end] == ' ' && line.p[run_end + 1] == '@')
        {
          *cycles = (PpvSpan) { line.p + start, run_end - 1 - start };
          *count = (PpvSpan) { line.p + run_end - 1, 1 };
          k = run_end;
        }
      else
        continue;

      k += 2;
      addresses->p = line.p + k;
      while (k < line.len && (line.p[k] == ' ' || line.p[k] == 'x' || _ppv_is_lower_hex (line.p[k])))
        k++;
      addresses->len = line.p + k - addresses->p;
      return TRUE;
    }
  return FALSE;
}

/* The "key = value" lines of a contention header; FALSE when pprof would
 * not recognise the profile. */
static gboolean
contention_attribute (PpvSpan  line,
                      gint64  *cpu_hz,
                      gint64  *period,
                      gint64  *duration_ns)
{
  const char *eq = memchr (line.p, '=', line.len);
  PpvSpan key, value;
  gint64 v;

  g_assert (eq != NULL);
  key = _ppv_trim_space ((PpvSpan) { line.p, eq - line.p });
  value = _ppv_trim_space ((PpvSpan) { eq + 1, line.p + line.len - eq - 1 });

  if (_ppv_span_equal (key, "discarded samples"))
    return TRUE;
  if (!_ppv_span_equal (key, "cycles/second") && !_ppv_span_equal (key, "sampling period") &&
      !_ppv_span_equal (key, "ms since reset"))
    return FALSE;
  if (!_ppv_parse_go_int (value, &v))
    return FALSE;
  if (_ppv_span_equal (key, "cycles/second"))
    *cpu_hz = v;
  else if (_ppv_span_equal (key, "sampling period"))
    *period = v;
  else
    *duration_ns = v * 1000 * 1000;
  return TRUE;
}

PpvProfile *
_ppv_legacy_contention_read (const guint8  *data,
                             gsize          len,
                             const char    *source,
                             gsize          max_model,
                             GCancellable  *cancellable,
                             gboolean      *recognized,
                             GError       **error)
{
  PpvLines lines = { (const char *) data, (const char *) data + len, 0 };
  TextParser tp = { 0, };
  PpvSpan line = { "", 0 };
  PpvLineResult res;
  gint64 cpu_hz = 0, period = 1, duration_ns = 0;
  PpvProfile *profile = NULL;

  *recognized = FALSE;
  if (_ppv_lines_next (&lines, &line) != PPV_LINE_OK ||
      !(_ppv_span_has_prefix (line, "--- contentionz ") || _ppv_span_has_prefix (line, "--- mutex:") ||
        _ppv_span_has_prefix (line, "--- contention:")))
    goto unrecognized;

  /* Attributes, up to the first line that is none. */
  line = (PpvSpan) { "", 0 };
  while ((res = _ppv_lines_next (&lines, &line)) == PPV_LINE_OK)
    {
      PpvSpan t = _ppv_trim_space (line);

      if (t.len == 0 || t.p[0] == '#')
        continue;
      if (_ppv_span_has_prefix (t, "---") || memchr (t.p, '=', t.len) == NULL)
        break;
      if (!contention_attribute (t, &cpu_hz, &period, &duration_ns))
        goto unrecognized;
    }
  if (res == PPV_LINE_EOF)
    line = (PpvSpan) { "", 0 };

  text_parser_init (&tp, source, max_model);
  *recognized = TRUE;
  ppv_profile_builder_set_period (tp.builder, "contentions", "count", period);
  ppv_profile_builder_add_sample_type (tp.builder, "contentions", "count");
  ppv_profile_builder_add_sample_type (tp.builder, "delay", "nanoseconds");
  ppv_profile_builder_set_times (tp.builder, 0, duration_ns);

  while (res == PPV_LINE_OK)
    {
      PpvSpan t = _ppv_trim_space (line);

      if (_ppv_span_has_prefix (t, "---"))
        break;
      if (t.len > 0 && t.p[0] != '#')
        {
          PpvSpan cycles_text, count_text, addresses;
          gint64 values[2];

          if (!check_limits (&tp, &lines, cancellable, error))
            goto out;
          if (!match_contention_sample (t, &cycles_text, &count_text, &addresses))
            {
              /* pprof gives up on the format here and tries the next one. */
              *recognized = FALSE;
              goto unrecognized;
            }
          g_array_set_size (tp.stack, 0);
          if (!_ppv_parse_int64 (cycles_text, &values[1]) || !_ppv_parse_int64 (count_text, &values[0]) ||
              !push_hex_addresses (&tp, addresses))
            {
              g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_INVALID,
                           "%s: malformed contention sample at line %u", source, lines.number);
              goto out;
            }
          if (period > 0)
            {
              if (cpu_hz > 0)
                values[1] = _ppv_go_float_to_int64 ((double) values[1] * (double) period /
                                                    ((double) cpu_hz / 1e9));
              values[0] = (gint64) ((guint64) values[0] * (guint64) period);
            }
          ppv_profile_builder_add_sample (tp.builder, (const guint64 *) tp.stack->data,
                                          tp.stack->len, values, 2, NULL, 0);
        }
      res = _ppv_lines_next (&lines, &line);
    }
  if (res == PPV_LINE_TOO_LONG)
    {
      too_long (&tp, &lines, error);
      goto out;
    }
  if (res == PPV_LINE_EOF)
    line = (PpvSpan) { "", 0 };

  profile = finish (&tp, &lines, line, lock_drop_frames, error);
  goto out;

unrecognized:
  g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_UNRECOGNIZED,
               "%s: not a contention profile", source);
out:
  if (tp.addresses != NULL)
    text_parser_clear (&tp);
  return profile;
}
