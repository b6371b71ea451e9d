/* ppv-text-symbols.c — the function, file and line of every frame, from a text page's "#" lines.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Go's debug=1 pages follow each sample's address list with one line per
 * frame, innermost first:
 *
 *   2 @ 0x43b3f6 0x44c27e 0x6a5ef0 0x6a5ec8 0x46b3e1
 *   #	0x6a5eef	sync.(*Mutex).Lock+0x4f	sync/mutex.go:90
 *   #	0x6a5ec7	main.lockWaiter+0x27	ppvfixtures/textpages/main.go:55
 *
 * A line's address is the frame's PC, one less than the return address
 * the list gives (pprof's readers decrement by one too, so the two meet).
 * pprof ignores these lines and shows "<unknown>"; here the profile pprof
 * reads is rewritten with them:
 *
 * - Frames of one physical frame (inlined calls) become one location with
 *   several lines: consecutive lines with the same address, or (Go ≥ 1.12
 *   gives each inlined call a PC of its own) with the same function entry
 *   (address − offset: Go prints the offset from the entry of the real
 *   function) and different names.
 * - Go leaves out the runtime frames at the leaf of goroutine, heap and
 *   threadcreate stacks, and runtime.goexit at the root of every stack
 *   (as its proto profiles do), so addresses without a line before the
 *   first named frame and after the last one are dropped (all of them in
 *   a stack with no named frame: a goroutine that is only runtime.goexit
 *   has an empty stack in the proto too); one in between stays an address.
 * - pprof's legacy drop_frames (allocation and lock functions of C++
 *   profilers, and runtime.* on heap pages) are cleared: Go's proto
 *   profiles of the same data carry none, and the page already hides
 *   Go's runtime frames.
 * - goroutine pages' "# labels: {"k":"v"}" lines become the labels of
 *   their sample, as in the proto.
 */
#include "ppv-reader-private.h"

#include <string.h>

#include "ppv-error.h"
#include "ppv-legacy-text.h"
#include "ppv-profile-private.h"

typedef struct
{
  const char *name;
  const char *file;
  gint64      line;
  guint64     address;
  guint64     entry;
  gboolean    has_entry;
} Frame;

typedef struct
{
  guint   first_frame;
  guint   n_frames;
  guint64 address;
  guint64 mapping_id;
  guint64 location_id;            /* 0 until a sample uses it */
} Group;

typedef struct
{
  GStringChunk *strings;
  GArray       *frames;          /* Frame */
  GArray       *groups;          /* Group */
  GHashTable   *by_address;      /* guint64 address → group index + 1 */
  GPtrArray    *labels;          /* per count line: GPtrArray of "key", "value"… or NULL */
  guint         run_start;       /* first frame of the current run of "#" lines */
} Symbols;

static PpvSpan
next_field (PpvSpan *rest)
{
  PpvSpan field;
  gsize i = 0;

  while (i < rest->len && rest->p[i] == '\t')
    i++;
  field.p = rest->p + i;
  while (i < rest->len && rest->p[i] != '\t')
    i++;
  field.len = rest->p + i - field.p;
  rest->len -= rest->p + i - rest->p;
  rest->p += i;
  return field;
}

static gboolean
parse_hex_field (PpvSpan  f,
                 guint64 *out)
{
  if (f.len < 3 || f.p[0] != '0' || f.p[1] != 'x')
    return FALSE;
  return _ppv_parse_hex ((PpvSpan) { f.p + 2, f.len - 2 }, out);
}

/* "#\t0xADDR\tname+0xOFF\tfile:line"; FALSE for any other line.  With
 * @s NULL the line is only recognised, its strings not kept. */
static gboolean
parse_frame_line (Symbols *s,
                  PpvSpan  line,
                  Frame   *frame)
{
  PpvSpan rest = { line.p + 1, line.len - 1 };
  PpvSpan addr, name, position;
  const char *plus = NULL, *colon = NULL;
  guint64 offset;

  if (line.len < 2 || line.p[0] != '#' || line.p[1] != '\t')
    return FALSE;
  addr = next_field (&rest);
  name = next_field (&rest);
  position = next_field (&rest);
  if (!parse_hex_field (addr, &frame->address) || name.len == 0)
    return FALSE;

  for (gsize i = name.len; i >= 3; i--)
    if (memcmp (name.p + i - 3, "+0x", 3) == 0)
      {
        plus = name.p + i - 3;
        break;
      }
  frame->has_entry = plus != NULL && plus > name.p &&
                     parse_hex_field ((PpvSpan) { plus + 1, name.p + name.len - plus - 1 }, &offset);
  if (frame->has_entry)
    {
      frame->entry = frame->address - offset;
      name.len = plus - name.p;
    }

  for (gsize i = position.len; i > 0; i--)
    if (position.p[i - 1] == ':')
      {
        colon = position.p + i - 1;
        break;
      }
  frame->line = 0;
  if (colon != NULL && _ppv_parse_int64 ((PpvSpan) { colon + 1, position.p + position.len - colon - 1 },
                                         &frame->line))
    position.len = colon - position.p;
  else
    frame->line = 0;

  if (s != NULL)
    {
      frame->name = g_string_chunk_insert_len (s->strings, name.p, name.len);
      frame->file = g_string_chunk_insert_len (s->strings, position.p, position.len);
    }
  return TRUE;
}

static gboolean
same_physical_frame (const Frame *inner,
                     const Frame *outer)
{
  if (strcmp (inner->name, outer->name) == 0)
    return FALSE;   /* recursion, never inlining */
  return inner->address == outer->address ||
         (inner->has_entry && outer->has_entry && inner->entry == outer->entry);
}

/* Closes the run of frame lines that just ended: one group per physical
 * frame, each of its addresses pointing to it. */
static void
end_run (Symbols *s)
{
  guint end = s->frames->len;
  guint i = s->run_start;

  while (i < end)
    {
      Group g = { i, 1, 0, 0, 0 };

      while (i + g.n_frames < end &&
             same_physical_frame (&g_array_index (s->frames, Frame, i + g.n_frames - 1),
                                  &g_array_index (s->frames, Frame, i + g.n_frames)))
        g.n_frames++;
      g.address = g_array_index (s->frames, Frame, i + g.n_frames - 1).address;
      g_array_append_val (s->groups, g);
      for (guint k = i; k < i + g.n_frames; k++)
        {
          guint64 a = g_array_index (s->frames, Frame, k).address;

          if (!g_hash_table_contains (s->by_address, &a))
            g_hash_table_insert (s->by_address, g_memdup2 (&a, sizeof a),
                                 GUINT_TO_POINTER (s->groups->len));
        }
      i += g.n_frames;
    }
  s->run_start = end;
}

/* Go's %q quoting, read back: the escapes strconv.Quote writes. */
static const char *
unquote (const char  *p,
         const char  *end,
         GString     *out)
{
  if (p >= end || *p != '"')
    return NULL;
  for (p++; p < end && *p != '"'; p++)
    {
      if (*p != '\\')
        {
          g_string_append_c (out, *p);
          continue;
        }
      if (++p >= end)
        return NULL;
      switch (*p)
        {
        case 'n': g_string_append_c (out, '\n'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 'a': g_string_append_c (out, '\a'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'v': g_string_append_c (out, '\v'); break;
        case 'x': case 'u': case 'U':
          {
            guint digits = *p == 'x' ? 2 : *p == 'u' ? 4 : 8;
            gunichar c = 0;

            for (guint k = 0; k < digits; k++)
              {
                if (++p >= end || !g_ascii_isxdigit (*p))
                  return NULL;
                c = c * 16 + g_ascii_xdigit_value (*p);
              }
            if (digits == 2)
              g_string_append_c (out, (char) c);
            else
              g_string_append_unichar (out, c);
            break;
          }
        default: g_string_append_c (out, *p); break;
        }
    }
  return p < end ? p + 1 : NULL;
}

/* "# labels: {"key":"value", "k2":"v2"}" → key, value, … (NULL if malformed). */
static GPtrArray *
parse_labels (PpvSpan line)
{
  const char *p = line.p + strlen ("# labels: {"), *end = line.p + line.len;
  g_autoptr(GPtrArray) kv = g_ptr_array_new_with_free_func (g_free);

  while (p < end && *p != '}')
    {
      GString *key = g_string_new (NULL), *value = g_string_new (NULL);

      p = unquote (p, end, key);
      if (p != NULL && p < end && *p == ':')
        p = unquote (p + 1, end, value);
      else
        p = NULL;
      g_ptr_array_add (kv, g_string_free (key, FALSE));
      g_ptr_array_add (kv, g_string_free (value, FALSE));
      if (p == NULL)
        return NULL;
      if (p < end && *p == ',')
        p += p + 1 < end && p[1] == ' ' ? 2 : 1;
    }
  return p < end ? g_steal_pointer (&kv) : NULL;
}

static void
labels_free (gpointer kv)
{
  if (kv != NULL)
    g_ptr_array_unref (kv);
}

static void
symbols_scan (Symbols      *s,
              const guint8 *data,
              gsize         len)
{
  PpvLines lines = { (const char *) data, (const char *) data + len, 0 };
  PpvSpan line;
  gint count_lines = -1;

  while (_ppv_lines_next (&lines, &line) == PPV_LINE_OK)
    {
      Frame frame;

      if (parse_frame_line (s, line, &frame))
        {
          g_array_append_val (s->frames, frame);
          continue;
        }
      end_run (s);
      if (line.len > 0 && _ppv_is_digit (line.p[0]) && memchr (line.p, '@', line.len) != NULL)
        count_lines++;
      else if (count_lines >= 0 && _ppv_span_has_prefix (line, "# labels: {"))
        {
          g_ptr_array_set_size (s->labels, MAX (s->labels->len, (guint) count_lines + 1));
          if (s->labels->pdata[count_lines] == NULL)
            s->labels->pdata[count_lines] = parse_labels (line);
        }
    }
  end_run (s);
}

gboolean
_ppv_text_has_symbols (const guint8 *data,
                       gsize         len)
{
  PpvLines lines = { (const char *) data, (const char *) data + len, 0 };
  PpvSpan line;
  Frame frame;

  while (_ppv_lines_next (&lines, &line) == PPV_LINE_OK)
    if (parse_frame_line (NULL, line, &frame))
      return TRUE;
  return FALSE;
}

static guint64
function_id (PpvProfileBuilder *b,
             GHashTable        *functions,
             const Frame       *frame)
{
  g_autofree char *key = g_strconcat (frame->name, "\n", frame->file, NULL);
  gpointer found = g_hash_table_lookup (functions, key);
  PpvFunction f = { 0, };

  if (found != NULL)
    return GPOINTER_TO_SIZE (found);
  f.id = g_hash_table_size (functions) + 1;
  f.name = frame->name;
  f.system_name = frame->name;
  f.filename = frame->file;
  ppv_profile_builder_add_function (b, &f);
  g_hash_table_insert (functions, g_steal_pointer (&key), GSIZE_TO_POINTER (f.id));
  return f.id;
}

static guint64
group_location (Symbols           *s,
                PpvProfileBuilder *b,
                GHashTable        *functions,
                guint              g)
{
  Group *group = &g_array_index (s->groups, Group, g);
  g_autofree guint64 *ids = NULL;
  g_autofree gint64 *lines = NULL;
  g_autofree gint64 *columns = NULL;

  if (group->location_id != 0)
    return group->location_id;

  ids = g_new (guint64, group->n_frames);
  lines = g_new (gint64, group->n_frames);
  columns = g_new0 (gint64, group->n_frames);
  for (guint k = 0; k < group->n_frames; k++)
    {
      const Frame *frame = &g_array_index (s->frames, Frame, group->first_frame + k);

      ids[k] = function_id (b, functions, frame);
      lines[k] = frame->line;
    }
  group->location_id = g + 1;
  ppv_profile_builder_add_location (b, group->location_id, group->mapping_id, group->address,
                                    FALSE, ids, lines, columns, group->n_frames);
  return group->location_id;
}

static void
add_labels (PpvProfileBuilder *b,
            GArray            *out,
            const PpvLabel    *raw,
            guint              n_raw,
            GPtrArray         *kv)
{
  g_array_set_size (out, 0);
  g_array_append_vals (out, raw, n_raw);
  for (guint k = 0; kv != NULL && k + 1 < kv->len; k += 2)
    {
      PpvLabel label = { ppv_profile_builder_intern (b, kv->pdata[k]),
                         ppv_profile_builder_intern (b, kv->pdata[k + 1]), 0,
                         ppv_profile_builder_intern (b, "") };

      g_array_append_val (out, label);
    }
}

PpvProfile *
_ppv_text_symbolize (PpvProfile    *raw,
                     const guint8  *data,
                     gsize          len,
                     gboolean       cut,
                     const char    *source,
                     gsize          max_model,
                     GCancellable  *cancellable,
                     GError       **error)
{
  Symbols s = { 0, };
  PpvProfileBuilder *b;
  g_autoptr(GHashTable) functions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (PpvLabel));
  g_autofree gint *group_of = g_new (gint, MAX (raw->n_locations, 1));
  g_autofree gboolean *address_added = g_new0 (gboolean, MAX (raw->n_locations, 1));
  PpvProfile *profile = NULL;
  guint64 address_base;

  s.strings = g_string_chunk_new (4096);
  s.frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  s.groups = g_array_new (FALSE, FALSE, sizeof (Group));
  s.by_address = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  s.labels = g_ptr_array_new_with_free_func (labels_free);
  symbols_scan (&s, data, len);

  for (guint32 i = 0; i < raw->n_locations; i++)
    {
      const PpvLocation *loc = &raw->locations[i];
      guint64 a = loc->address, a1 = loc->address + 1;
      gpointer found = g_hash_table_lookup (s.by_address, &a);

      if (found == NULL)
        found = g_hash_table_lookup (s.by_address, &a1);
      group_of[i] = found ? (gint) GPOINTER_TO_UINT (found) - 1 : -1;
      if (found && loc->mapping != PPV_NONE)
        g_array_index (s.groups, Group, group_of[i]).mapping_id = raw->mappings[loc->mapping].id;
    }
  address_base = s.groups->len + 1;

  b = ppv_profile_builder_new ();
  ppv_profile_builder_set_memory_cap (b, max_model);
  _ppv_profile_builder_copy_header (b, raw);
  ppv_profile_builder_set_frames (b, "", "");
  if (cut)
    ppv_profile_builder_add_comment (b, "text page cut short: its last line was incomplete "
                                        "and is left out");

  for (guint32 si = 0; si < raw->n_samples; si++)
    {
      const PpvSample *sample = &raw->samples[si];
      const guint32 *locs = raw->stacks + sample->stack_offset;
      guint32 n = sample->n_locations, first = 0, last = n;
      gint prev_group = -1;

      if ((si & 0xfff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;

      while (first < n && group_of[locs[first]] < 0)
        first++;
      while (last > first && group_of[locs[last - 1]] < 0)
        last--;

      g_array_set_size (stack, 0);
      for (guint32 k = first; k < last; k++)
        {
          guint32 l = locs[k];
          gint g = group_of[l];
          guint64 id;

          if (g >= 0)
            {
              /* An inlined call's own PC next to its physical frame's. */
              if (g == prev_group && l != locs[k - 1])
                continue;
              id = group_location (&s, b, functions, g);
            }
          else
            {
              const PpvLocation *loc = &raw->locations[l];

              id = address_base + l;
              if (!address_added[l])
                {
                  address_added[l] = TRUE;
                  ppv_profile_builder_add_location (b, id, loc->mapping != PPV_NONE ?
                                                    raw->mappings[loc->mapping].id : 0,
                                                    loc->address, FALSE, NULL, NULL, NULL, 0);
                }
            }
          prev_group = g;
          g_array_append_val (stack, id);
        }

      add_labels (b, labels, raw->labels + sample->labels_offset, sample->n_labels,
                  si < s.labels->len ? s.labels->pdata[si] : NULL);
      ppv_profile_builder_add_sample (b, (const guint64 *) stack->data, stack->len,
                                      ppv_profile_sample_values (raw, si), raw->n_sample_types,
                                      (const PpvLabel *) labels->data, labels->len);
    }

  profile = ppv_profile_builder_finish (g_steal_pointer (&b), source, error);

out:
  if (b != NULL)
    ppv_profile_builder_free (b);
  g_string_chunk_free (s.strings);
  g_array_unref (s.frames);
  g_array_unref (s.groups);
  g_hash_table_unref (s.by_address);
  g_ptr_array_unref (s.labels);
  return profile;
}
