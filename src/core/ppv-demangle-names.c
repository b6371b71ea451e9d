/* ppv-demangle-names.c — the demangler's reading of names: nested, local and special names, encodings.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Follows the Itanium C++ ABI's <encoding> and <name> rules, and where
 * they leave room, what github.com/ianlancetaylor/demangle (pprof's
 * demangler) does: which prefixes become substitution candidates, how a
 * local name's function keeps its qualifiers.  See ppv-demangle.c.
 */
#include "ppv-demangle-private.h"

#include <string.h>

Node *
_ppv_dm_node (State      *st,
      Kind        kind,
      const char *text,
      Node       *a,
      Node       *b)
{
  Node *n = g_new0 (Node, 1);

  n->kind = kind;
  n->text = text;
  n->a = a;
  n->b = b;
  g_ptr_array_add (st->arena, n);
  return n;
}

GPtrArray *
_ppv_dm_new_list (State *st)
{
  GPtrArray *list = g_ptr_array_new ();

  g_ptr_array_add (st->lists, list);
  return list;
}

const char *
_ppv_dm_keep (State      *st,
      const char *p,
      gsize       len)
{
  char *s = g_strndup (p, len);

  g_ptr_array_add (st->arena, s);
  return s;
}

Node *
_ppv_dm_fail (State *st)
{
  st->failed = TRUE;
  return NULL;
}

gboolean
_ppv_dm_peek (State *st,
      char   c)
{
  return st->s < st->end && *st->s == c;
}

gboolean
_ppv_dm_eat (State *st,
     char   c)
{
  if (!_ppv_dm_peek (st, c))
    return FALSE;
  st->s++;
  return TRUE;
}

gboolean
_ppv_dm_number (State *st,
        gint  *out)
{
  gboolean negative = _ppv_dm_eat (st, 'n');
  gint v = 0;

  if (!(st->s < st->end && g_ascii_isdigit (*st->s)))
    return FALSE;
  while (st->s < st->end && g_ascii_isdigit (*st->s))
    {
      if (v >= (gint) (0x80000000u / 10 - 10))
        return FALSE;
      v = v * 10 + (*st->s++ - '0');
    }
  *out = negative ? -v : v;
  return TRUE;
}

/* <seq-id> _ : 0 for "_", n + 1 for base-36 n. */
gboolean
_ppv_dm_seq_id (State *st,
        guint *out)
{
  guint id = 0;

  if (_ppv_dm_eat (st, '_'))
    {
      *out = 0;
      return TRUE;
    }
  while (st->s < st->end)
    {
      char c = *st->s++;

      if (c == '_')
        {
          *out = id + 1;
          return TRUE;
        }
      if (id >= 0x80000000 / 36 - 36)
        return FALSE;
      if (g_ascii_isdigit (c))
        id = id * 36 + (c - '0');
      else if (g_ascii_isupper (c))
        id = id * 36 + (c - 'A') + 10;
      else
        return FALSE;
    }
  return FALSE;
}

void
_ppv_dm_add_sub (State *st,
         Node  *n)
{
  if (n != NULL)
    g_ptr_array_add (st->subs, n);
}

Node *
_ppv_dm_source_name (State *st)
{
  gint len;
  const char *id;

  if (!_ppv_dm_number (st, &len) || len <= 0 || st->end - st->s < len)
    return _ppv_dm_fail (st);
  id = st->s;
  st->s += len;
  if (len > 10 && strncmp (id, "_GLOBAL_", 8) == 0 && strchr ("._$", id[8]) && id[9] == 'N')
    return _ppv_dm_node (st, N_NAME, "(anonymous namespace)", NULL, NULL);
  return _ppv_dm_node (st, N_NAME, _ppv_dm_keep (st, id, len), NULL, NULL);
}

/* _ <digit> | __ <number> _ : not printed. */
static void
discriminator (State *st)
{
  gint n;

  if (!_ppv_dm_eat (st, '_'))
    return;
  if (_ppv_dm_eat (st, '_'))
    {
      if (!_ppv_dm_number (st, &n) || !_ppv_dm_eat (st, '_'))
        _ppv_dm_fail (st);
    }
  else if (!(st->s < st->end && g_ascii_isdigit (*st->s++)))
    _ppv_dm_fail (st);
}

static const char *const operators[][2] = {
  { "aN", "&=" }, { "aS", "=" }, { "aa", "&&" }, { "ad", "&" }, { "an", "&" }, { "aw", "co_await" },
  { "cl", "()" }, { "cm", "," }, { "co", "~" }, { "dV", "/=" }, { "da", "delete[]" },
  { "de", "*" }, { "dl", "delete" }, { "dv", "/" }, { "eO", "^=" }, { "eo", "^" }, { "eq", "==" },
  { "ge", ">=" }, { "gt", ">" }, { "ix", "[]" }, { "lS", "<<=" }, { "le", "<=" }, { "ls", "<<" },
  { "lt", "<" }, { "mI", "-=" }, { "mL", "*=" }, { "mi", "-" }, { "ml", "*" }, { "mm", "--" },
  { "na", "new[]" }, { "ne", "!=" }, { "ng", "-" }, { "nt", "!" }, { "nw", "new" }, { "oR", "|=" },
  { "oo", "||" }, { "or", "|" }, { "pL", "+=" }, { "pl", "+" }, { "pm", "->*" }, { "pp", "++" },
  { "ps", "+" }, { "pt", "->" }, { "qu", "?" }, { "rM", "%=" }, { "rS", ">>=" }, { "rm", "%" },
  { "rs", ">>" }, { "ss", "<=>" }, { "st", "sizeof " }, { "sz", "sizeof " },
};

static Node *
operator_name (State *st)
{
  if (st->end - st->s < 2)
    return _ppv_dm_fail (st);
  if (st->s[0] == 'c' && st->s[1] == 'v')
    {
      Node *t;

      st->s += 2;
      t = _ppv_dm_type (st);
      return t ? _ppv_dm_node (st, N_SPECIAL, "operator ", t, NULL) : NULL;
    }
  if (st->s[0] == 'l' && st->s[1] == 'i')
    {
      Node *n;

      st->s += 2;
      n = _ppv_dm_source_name (st);
      return n ? _ppv_dm_node (st, N_SPECIAL, "operator\"\" ", n, NULL) : NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (operators); i++)
    if (st->s[0] == operators[i][0][0] && st->s[1] == operators[i][0][1])
      {
        const char *op = operators[i][1];

        st->s += 2;
        return _ppv_dm_node (st, N_NAME, g_ascii_isalpha (op[0]) ? _ppv_dm_keep (st, "operator ", 9) : "operator",
                     _ppv_dm_node (st, N_NAME, op, NULL, NULL), NULL);
      }
  return _ppv_dm_fail (st);
}

static Node *
unqualified_name (State *st)
{
  Node *n = NULL;

  if (st->s >= st->end)
    return _ppv_dm_fail (st);
  if (g_ascii_isdigit (*st->s))
    n = _ppv_dm_source_name (st);
  else if (g_ascii_islower (*st->s))
    n = operator_name (st);
  else if (_ppv_dm_eat (st, 'L'))
    {
      n = _ppv_dm_source_name (st);
      discriminator (st);
    }
  else if (st->end - st->s >= 2 && st->s[0] == 'U' && (st->s[1] == 't' || st->s[1] == 'l'))
    {
      gboolean lambda = st->s[1] == 'l';
      Node *params = NULL;
      gint k = 0;

      st->s += 2;
      if (lambda)
        {
          params = _ppv_dm_node (st, N_FUNC, NULL, NULL, NULL);
          params->list = _ppv_dm_new_list (st);
          while (!st->failed && st->s < st->end && *st->s != 'E')
            {
              Node *t = _ppv_dm_type (st);

              if (t != NULL)
                g_ptr_array_add (params->list, t);
            }
          if (!_ppv_dm_eat (st, 'E'))
            return _ppv_dm_fail (st);
        }
      /* "_" is the first, "0_" the second… */
      if (!_ppv_dm_peek (st, '_') && !_ppv_dm_number (st, &k))
        return _ppv_dm_fail (st);
      if (!_ppv_dm_eat (st, '_'))
        return _ppv_dm_fail (st);
      n = _ppv_dm_node (st, N_SPECIAL, lambda ? "{lambda" : "{unnamed type", params, NULL);
      n->num = st->s[-2] == 'l' || st->s[-2] == 't' || st->s[-2] == 'E' ? 1 : (guint) k + 2;
      _ppv_dm_add_sub (st, n);
    }
  else
    return _ppv_dm_fail (st);

  while (n != NULL && _ppv_dm_eat (st, 'B'))
    {
      Node *tag = _ppv_dm_source_name (st);

      n = tag ? _ppv_dm_node (st, N_TAGGED, tag->text, n, NULL) : NULL;
    }
  return n;
}

static Node *
prefix (State *st)
{
  Node *a = NULL, *last = NULL;

  while (!st->failed)
    {
      Node *next = NULL;
      char c;

      if (st->s >= st->end)
        return _ppv_dm_fail (st);
      c = *st->s;
      if (c == 'E')
        return a ? a : _ppv_dm_fail (st);
      if (g_ascii_isdigit (c) || g_ascii_islower (c) || c == 'U' || c == 'L')
        next = unqualified_name (st);
      else if (c == 'C' || (c == 'D' && st->end - st->s >= 2 && st->s[1] != 'T' && st->s[1] != 't'))
        {
          gboolean inheriting;

          st->s++;
          inheriting = c == 'C' && _ppv_dm_eat (st, 'I');
          if (last == NULL || st->s >= st->end)
            return _ppv_dm_fail (st);
          st->s++;
          if (inheriting && _ppv_dm_type (st) == NULL)
            return NULL;
          next = _ppv_dm_node (st, c == 'C' ? N_CTOR : N_DTOR, NULL, _ppv_dm_last_name (last), NULL);
          while (next != NULL && _ppv_dm_eat (st, 'B'))
            {
              Node *tag = _ppv_dm_source_name (st);

              next = tag ? _ppv_dm_node (st, N_TAGGED, tag->text, next, NULL) : NULL;
            }
        }
      else if (c == 'S')
        next = _ppv_dm_substitution (st, TRUE);
      else if (c == 'I' || c == 'J')
        {
          if (a == NULL)
            return _ppv_dm_fail (st);
          next = _ppv_dm_make_template (st, a, _ppv_dm_template_args (st));
          a = NULL;
        }
      else if (c == 'T')
        next = _ppv_dm_template_param (st);
      else if (c == 'M' && a != NULL)
        {
          st->s++;
          continue;
        }
      else
        return _ppv_dm_fail (st);

      if (next == NULL)
        return _ppv_dm_fail (st);
      last = next;
      a = a == NULL ? next : _ppv_dm_node (st, N_QUAL, NULL, a, next);
      if (c != 'S' && !_ppv_dm_peek (st, 'E'))
        _ppv_dm_add_sub (st, a);
    }
  return NULL;
}

const char *
_ppv_dm_cv_qualifiers (State *st)
{
  gboolean r = _ppv_dm_eat (st, 'r'), v = _ppv_dm_eat (st, 'V'), k = _ppv_dm_eat (st, 'K');

  if (!r && !v && !k)
    return NULL;
  return k && v && r ? " const volatile restrict" : k && v ? " const volatile" :
         k && r ? " const restrict" : v && r ? " volatile restrict" :
         k ? " const" : v ? " volatile" : " restrict";
}

Node *
_ppv_dm_name (State *st)
{
  Node *n;

  if (++st->depth > MAX_DEPTH)
    return _ppv_dm_fail (st);
  if (_ppv_dm_eat (st, 'N'))
    {
      const char *quals = _ppv_dm_cv_qualifiers (st);
      const char *ref = _ppv_dm_eat (st, 'R') ? " &" : _ppv_dm_eat (st, 'O') ? " &&" : NULL;

      n = prefix (st);
      if (!_ppv_dm_eat (st, 'E'))
        n = _ppv_dm_fail (st);
      if (quals != NULL && ref != NULL)
        {
          g_autofree char *both = g_strconcat (quals, ref, NULL);

          st->method_quals = _ppv_dm_keep (st, both, strlen (both));
        }
      else
        st->method_quals = quals ? quals : ref;
    }
  else if (_ppv_dm_eat (st, 'Z'))
    {
      /* The qualifiers of the entity's own nested name are those of the
       * function this local name names (they are set last). */
      Node *scope = _ppv_dm_encoding (st, TRUE);

      if (scope != NULL && scope->kind == N_TYPED)
        scope->num = 1;   /* printed without its return type */
      if (!_ppv_dm_eat (st, 'E'))
        return _ppv_dm_fail (st);
      if (_ppv_dm_eat (st, 's'))
        n = _ppv_dm_node (st, N_NAME, "string literal", NULL, NULL);
      else
        {
          gint num;

          if (_ppv_dm_eat (st, 'd') && !(_ppv_dm_peek (st, '_') ? (st->s++, TRUE) : (_ppv_dm_number (st, &num) && _ppv_dm_eat (st, '_'))))
            return _ppv_dm_fail (st);
          n = _ppv_dm_name (st);
        }
      discriminator (st);
      n = scope && n ? _ppv_dm_node (st, N_LOCAL, NULL, scope, n) : NULL;
    }
  else
    {
      gboolean subst = FALSE;

      if (st->end - st->s >= 2 && st->s[0] == 'S' && st->s[1] == 't')
        {
          Node *u;

          st->s += 2;
          u = unqualified_name (st);
          n = u ? _ppv_dm_node (st, N_QUAL, NULL, _ppv_dm_node (st, N_NAME, "std", NULL, NULL), u) : NULL;
        }
      else if (_ppv_dm_peek (st, 'S'))
        {
          n = _ppv_dm_substitution (st, FALSE);
          subst = TRUE;
        }
      else
        n = unqualified_name (st);
      if (n != NULL && _ppv_dm_peek (st, 'I'))
        {
          if (!subst)
            _ppv_dm_add_sub (st, n);
          n = _ppv_dm_make_template (st, n, _ppv_dm_template_args (st));
        }
    }
  st->depth--;
  return st->failed ? NULL : n;
}

static gboolean
is_cdtor_conversion (Node *n)
{
  while (n != NULL && (n->kind == N_QUAL || n->kind == N_TAGGED))
    n = n->kind == N_QUAL ? n->b : n->a;
  return n != NULL && (n->kind == N_CTOR || n->kind == N_DTOR ||
                       (n->kind == N_SPECIAL && g_str_equal (n->text, "operator ")));
}

static gboolean
has_return_type (Node *n)
{
  if (n == NULL)
    return FALSE;
  if (n->kind == N_LOCAL)
    return has_return_type (n->b);
  if (n->kind == N_TEMPLATE)
    return !is_cdtor_conversion (n->a);
  return FALSE;
}

static Node *
special_name (State *st)
{
  static const char *const t_prefixes[][2] = {
    { "V", "vtable for " }, { "T", "VTT for " }, { "I", "typeinfo for " },
    { "S", "typeinfo name for " }, { "H", "TLS init function for " },
    { "W", "TLS wrapper function for " },
  };
  Node *n;

  if (_ppv_dm_eat (st, 'G'))
    {
      if (_ppv_dm_eat (st, 'V'))
        return (n = _ppv_dm_name (st)) ? _ppv_dm_node (st, N_SPECIAL, "guard variable for ", n, NULL) : NULL;
      return _ppv_dm_fail (st);
    }
  if (!_ppv_dm_eat (st, 'T') || st->s >= st->end)
    return _ppv_dm_fail (st);
  for (guint i = 0; i < G_N_ELEMENTS (t_prefixes); i++)
    if (*st->s == t_prefixes[i][0][0])
      {
        st->s++;
        n = (*t_prefixes[i][0] == 'H' || *t_prefixes[i][0] == 'W') ? _ppv_dm_name (st) : _ppv_dm_type (st);
        return n ? _ppv_dm_node (st, N_SPECIAL, t_prefixes[i][1], n, NULL) : NULL;
      }
  if (*st->s == 'h' || *st->s == 'v')
    {
      gboolean is_virtual = *st->s++ == 'v';
      gint k;

      if (!_ppv_dm_number (st, &k) || !_ppv_dm_eat (st, '_'))
        return _ppv_dm_fail (st);
      if (is_virtual && (!_ppv_dm_number (st, &k) || !_ppv_dm_eat (st, '_')))
        return _ppv_dm_fail (st);
      n = _ppv_dm_encoding (st, TRUE);
      return n ? _ppv_dm_node (st, N_SPECIAL, is_virtual ? "virtual thunk to " : "non-virtual thunk to ",
                       n, NULL) : NULL;
    }
  return _ppv_dm_fail (st);
}

Node *
_ppv_dm_encoding (State  *st,
          gboolean params)
{
  GPtrArray *saved_targs = st->targs;
  Node *n, *f;

  if (st->s >= st->end)
    return _ppv_dm_fail (st);
  if (*st->s == 'G' || *st->s == 'T')
    return special_name (st);

  st->method_quals = NULL;
  n = _ppv_dm_name (st);
  if (n == NULL || !params || st->s >= st->end || *st->s == 'E' || *st->s == '.')
    return n;

  f = _ppv_dm_node (st, N_FUNC, st->method_quals, NULL, NULL);
  if (has_return_type (n) && (f->a = _ppv_dm_type (st)) == NULL)
    return NULL;
  f->list = _ppv_dm_new_list (st);
  while (!st->failed && st->s < st->end && *st->s != 'E' && *st->s != '.')
    {
      Node *t = _ppv_dm_type (st);

      if (t != NULL)
        g_ptr_array_add (f->list, t);
    }
  st->targs = saved_targs != NULL ? saved_targs : st->targs;
  return st->failed ? NULL : _ppv_dm_node (st, N_TYPED, NULL, n, f);
}

