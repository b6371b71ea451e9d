/* ppv-legacy-text.c — lines, Go's number parsing and memory maps for pprof's legacy text parsers.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lines are read with the same 64 KiB limit as Go's bufio.Scanner; the
 * memory map follows pprof's ParseMemoryMapFromScanner, massageMappings
 * and remapMappingIDs, so that the mappings (and the "File:" header) of a
 * text page are the ones pprof builds.
 */
#include "ppv-legacy-text.h"

#include <math.h>
#include <string.h>

#include "ppv-error.h"

/* --- Small text helpers --------------------------------------------------- */

gboolean
_ppv_span_equal (PpvSpan    a,
                 const char *s)
{
  gsize n = strlen (s);

  return a.len == n && memcmp (a.p, s, n) == 0;
}

gboolean
_ppv_span_equal_span (PpvSpan a,
                      PpvSpan b)
{
  return a.len == b.len && memcmp (a.p, b.p, a.len) == 0;
}

gboolean
_ppv_span_contains (PpvSpan    a,
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
           gsize        left)
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
PpvSpan
_ppv_trim_space (PpvSpan s)
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

  return (PpvSpan) { s.p + start, end - start };
}

/* strconv.ParseInt(s, 10, 64) for what `-?\d+` matched. */
gboolean
_ppv_parse_int64 (PpvSpan s,
                  gint64  *out)
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
gboolean
_ppv_parse_hex (PpvSpan s,
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

/* Go's int64(f) on amd64: out of range and NaN give the minimum. */
gint64
_ppv_go_float_to_int64 (double f)
{
  if (isnan (f) || f >= 9223372036854775808.0 || f < -9223372036854775808.0)
    return G_MININT64;
  return (gint64) f;
}

/* strconv.ParseInt(s, 0, 64): a sign, a base prefix (0x, 0o, 0b, or a
 * leading 0 for octal) and underscores between digits. */
gboolean
_ppv_parse_go_int (PpvSpan  s,
                   gint64  *out)
{
  gboolean negative = FALSE, prev_digit = FALSE;
  guint64 value = 0, limit;
  guint base = 10;
  gsize i = 0;

  if (i < s.len && (s.p[i] == '+' || s.p[i] == '-'))
    negative = s.p[i++] == '-';
  if (s.len - i >= 2 && s.p[i] == '0')
    {
      char b = g_ascii_tolower (s.p[i + 1]);

      base = b == 'x' ? 16 : b == 'o' ? 8 : b == 'b' ? 2 : 8;
      i += base == 8 && b != 'o' ? 1 : 2;
      prev_digit = TRUE;
      if (i == s.len && (b == 'x' || b == 'o' || b == 'b'))
        return FALSE;
    }
  if (i == s.len)
    return FALSE;

  limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
  for (; i < s.len; i++)
    {
      int d;

      if (s.p[i] == '_')
        {
          if (!prev_digit || i + 1 == s.len || s.p[i + 1] == '_')
            return FALSE;
          prev_digit = FALSE;
          continue;
        }
      d = g_ascii_xdigit_value (s.p[i]);
      if (d < 0 || (guint) d >= base || value > (limit - d) / base)
        return FALSE;
      value = value * base + d;
      prev_digit = TRUE;
    }

  *out = negative ? (gint64) (0 - value) : (gint64) value;
  return TRUE;
}

/* --- Lines ---------------------------------------------------------------- */

/* bufio.ScanLines: split at '\n', drop one '\r', keep a last unterminated line. */
PpvLineResult
_ppv_lines_next (PpvLines *lines,
                 PpvSpan  *line)
{
  const char *nl;
  gsize len;

  if (lines->pos >= lines->end)
    return PPV_LINE_EOF;

  nl = memchr (lines->pos, '\n', lines->end - lines->pos);
  len = nl ? (gsize) (nl - lines->pos) : (gsize) (lines->end - lines->pos);
  if (len >= PPV_LEGACY_MAX_LINE)
    return PPV_LINE_TOO_LONG;

  line->p = lines->pos;
  line->len = len;
  if (len > 0 && line->p[len - 1] == '\r')
    line->len--;

  lines->pos += len + (nl ? 1 : 0);
  lines->number++;
  return PPV_LINE_OK;
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
       int        group)
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
             gsize      len)
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
                     gsize      len,
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

  if (!_ppv_parse_hex ((PpvSpan) { start, strlen (start) }, &m->start) ||
      !_ppv_parse_hex ((PpvSpan) { end, strlen (end) }, &m->limit) ||
      (offset[0] != '\0' && !_ppv_parse_hex ((PpvSpan) { offset, strlen (offset) }, &m->offset)))
    {
      g_clear_pointer (&m->file, g_free);
      g_clear_pointer (&m->build_id, g_free);
      return FALSE;
    }

  *recognized = TRUE;
  return TRUE;
}

gboolean
_ppv_legacy_parse_memory_map (PpvLines   *lines,
                              GPtrArray  *mappings,
                              const char *source,
                              GError     **error)
{
  MapParser mp = { 0, };
  gboolean ok = TRUE;
  PpvSpan raw;
  PpvLineResult res;

  mp.proc_maps = compile (proc_maps_pattern);
  mp.brief_maps = compile (brief_maps_pattern);
  mp.log_prefix = compile (log_prefix_pattern);
  mp.replacements = g_ptr_array_new_with_free_func (g_free);

  while ((res = _ppv_lines_next (lines, &raw)) == PPV_LINE_OK)
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
              PpvSpan key = _ppv_trim_space ((PpvSpan) { line, eq - line });
              PpvSpan value = _ppv_trim_space ((PpvSpan) { eq + 1, strlen (eq + 1) });

              g_ptr_array_add (mp.replacements,
                               g_strdup_printf ("$%.*s", (int) key.len, key.p));
              g_ptr_array_add (mp.replacements, g_strndup (value.p, value.len));
            }
        }
    }

  if (res == PPV_LINE_TOO_LONG)
    {
      g_set_error (error, PPV_PROFILE_ERROR, PPV_PROFILE_ERROR_INVALID,
                   "%s: profile line %u is too long", source, lines->number + 1);
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
      PpvSpan file;

      parts = g_strsplit (m->file, "(deleted)", -1);
      without = g_strjoinv ("", parts);
      g_strfreev (parts);
      file = _ppv_trim_space ((PpvSpan) { without, strlen (without) });

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
                 gsize         n_addresses,
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


gboolean
_ppv_span_has_prefix (PpvSpan    a,
                      const char *s)
{
  gsize n = strlen (s);

  return a.len >= n && memcmp (a.p, s, n) == 0;
}

gboolean
_ppv_is_memory_map_sentinel (PpvSpan line)
{
  return _ppv_span_contains (line, "--- Memory map: ---") ||
         _ppv_span_contains (line, "MAPPED_LIBRARIES:");
}

GPtrArray *
_ppv_legacy_mappings_new (void)
{
  return g_ptr_array_new_with_free_func (mapping_free);
}

void
_ppv_legacy_add_locations (PpvProfileBuilder *builder,
                           GPtrArray         *mappings,
                           const guint64     *addresses,
                           guint             n_addresses)
{
  g_autofree gint *mapping_of = NULL;

  massage_mappings (mappings);
  mapping_of = g_new (gint, MAX (n_addresses, 1));
  assign_mappings (mappings, addresses, n_addresses, mapping_of);

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
      ppv_profile_builder_add_mapping (builder, &mapping);
    }

  for (guint i = 0; i < n_addresses; i++)
    ppv_profile_builder_add_location (builder, i + 1,
                                      mapping_of[i] >= 0 ? (guint64) mapping_of[i] + 1 : 0,
                                      addresses[i], FALSE, NULL, NULL, NULL, 0);
}
