/* ppv-demangle-types.c — the demangler's reading of types, template arguments and substitutions.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-demangle-private.h"

#include <string.h>

Node *
_ppv_dm_template_args (State *st)
{
  GPtrArray *args = _ppv_dm_new_list (st);
  Node *n;

  if (!_ppv_dm_eat (st, 'I') && !_ppv_dm_eat (st, 'J'))
    return _ppv_dm_fail (st);
  while (!st->failed && st->s < st->end && *st->s != 'E')
    {
      Node *arg = NULL;

      if (_ppv_dm_eat (st, 'L'))
        {
          if (st->end - st->s >= 2 && st->s[0] == '_' && st->s[1] == 'Z')
            {
              st->s += 2;
              arg = _ppv_dm_encoding (st, TRUE);
            }
          else
            {
              Node *t = _ppv_dm_type (st);
              const char *start = st->s;

              while (st->s < st->end && *st->s != 'E')
                st->s++;
              arg = t ? _ppv_dm_node (st, N_LITERAL, _ppv_dm_keep (st, start, st->s - start), t, NULL) : NULL;
            }
          if (!_ppv_dm_eat (st, 'E'))
            return _ppv_dm_fail (st);
        }
      else if (_ppv_dm_peek (st, 'J'))
        {
          arg = _ppv_dm_template_args (st);
          if (arg != NULL)
            arg->kind = N_ARGPACK;
        }
      else if (_ppv_dm_peek (st, 'X'))
        return _ppv_dm_fail (st);   /* expressions: not read */
      else
        arg = _ppv_dm_type (st);
      if (arg != NULL)
        g_ptr_array_add (args, arg);
    }
  if (!_ppv_dm_eat (st, 'E'))
    return _ppv_dm_fail (st);
  n = _ppv_dm_node (st, N_TEMPLATE, NULL, NULL, NULL);
  n->list = args;
  return n;
}

Node *
_ppv_dm_make_template (State *st,
               Node  *name_node,
               Node  *args)
{
  if (name_node == NULL || args == NULL)
    return NULL;
  args->a = name_node;
  st->targs = args->list;
  return args;
}

static Node *
std_name (State      *st,
          const char *name_text)
{
  return _ppv_dm_node (st, N_QUAL, NULL, _ppv_dm_node (st, N_NAME, "std", NULL, NULL),
               _ppv_dm_node (st, N_NAME, name_text, NULL, NULL));
}

/* std::basic_string<char, std::char_traits<char>, std::allocator<char> > and its kin. */
static Node *
std_template (State      *st,
              const char *name_text,
              gboolean    allocator)
{
  Node *ch = _ppv_dm_node (st, N_NAME, "char", NULL, NULL);
  Node *traits = _ppv_dm_node (st, N_TEMPLATE, NULL, std_name (st, "char_traits"), NULL);
  Node *t = _ppv_dm_node (st, N_TEMPLATE, NULL, std_name (st, name_text), NULL);

  traits->list = _ppv_dm_new_list (st);
  g_ptr_array_add (traits->list, ch);
  t->list = _ppv_dm_new_list (st);
  g_ptr_array_add (t->list, ch);
  g_ptr_array_add (t->list, traits);
  if (allocator)
    {
      Node *alloc = _ppv_dm_node (st, N_TEMPLATE, NULL, std_name (st, "allocator"), NULL);

      alloc->list = _ppv_dm_new_list (st);
      g_ptr_array_add (alloc->list, ch);
      g_ptr_array_add (t->list, alloc);
    }
  return t;
}

Node *
_ppv_dm_substitution (State    *st,
              gboolean  for_prefix)
{
  guint id;
  char c;

  if (!_ppv_dm_eat (st, 'S') || st->s >= st->end)
    return _ppv_dm_fail (st);
  c = *st->s;
  if (c == '_' || g_ascii_isdigit (c) || g_ascii_isupper (c))
    {
      if (!_ppv_dm_seq_id (st, &id) || id >= st->subs->len)
        return _ppv_dm_fail (st);
      return g_ptr_array_index (st->subs, id);
    }
  st->s++;
  /* Used as the prefix of a constructor or destructor, the abbreviations
   * stand for the class templates they name. */
  if (for_prefix && (_ppv_dm_peek (st, 'C') || _ppv_dm_peek (st, 'D')))
    switch (c)
      {
      case 's': return std_template (st, "basic_string", TRUE);
      case 'i': return std_template (st, "basic_istream", FALSE);
      case 'o': return std_template (st, "basic_ostream", FALSE);
      case 'd': return std_template (st, "basic_iostream", FALSE);
      default: break;
      }
  switch (c)
    {
    case 't': return _ppv_dm_node (st, N_NAME, "std", NULL, NULL);
    case 'a': return std_name (st, "allocator");
    case 'b': return std_name (st, "basic_string");
    case 's': return std_name (st, "string");
    case 'i': return std_name (st, "istream");
    case 'o': return std_name (st, "ostream");
    case 'd': return std_name (st, "iostream");
    default: return _ppv_dm_fail (st);
    }
}

Node *
_ppv_dm_template_param (State *st)
{
  guint id;
  Node *n;

  if (!_ppv_dm_eat (st, 'T') || !_ppv_dm_seq_id (st, &id))
    return _ppv_dm_fail (st);
  n = _ppv_dm_node (st, N_TPARAM, NULL, NULL, NULL);
  n->num = id;
  n->list = st->targs;
  return n;
}

Node *
_ppv_dm_last_name (Node *n)
{
  while (n != NULL && (n->kind == N_TEMPLATE || n->kind == N_QUAL || n->kind == N_TAGGED))
    n = n->kind == N_QUAL ? n->b : n->a;
  return n;
}

static const char *
builtin (char c)
{
  switch (c)
    {
    case 'v': return "void";
    case 'w': return "wchar_t";
    case 'b': return "bool";
    case 'c': return "char";
    case 'a': return "signed char";
    case 'h': return "unsigned char";
    case 's': return "short";
    case 't': return "unsigned short";
    case 'i': return "int";
    case 'j': return "unsigned int";
    case 'l': return "long";
    case 'm': return "unsigned long";
    case 'x': return "long long";
    case 'y': return "unsigned long long";
    case 'n': return "__int128";
    case 'o': return "unsigned __int128";
    case 'f': return "float";
    case 'd': return "double";
    case 'e': return "long double";
    case 'g': return "__float128";
    case 'z': return "...";
    default: return NULL;
    }
}

static Node *
function_type (State *st)
{
  Node *f = _ppv_dm_node (st, N_FUNC, NULL, NULL, NULL);

  _ppv_dm_eat (st, 'Y');
  f->a = _ppv_dm_type (st);
  f->list = _ppv_dm_new_list (st);
  while (!st->failed && st->s < st->end && *st->s != 'E' &&
         !((*st->s == 'R' || *st->s == 'O') && st->end - st->s >= 2 && st->s[1] == 'E'))
    {
      Node *t = _ppv_dm_type (st);

      if (t != NULL)
        g_ptr_array_add (f->list, t);
    }
  f->text = _ppv_dm_eat (st, 'R') ? " &" : _ppv_dm_eat (st, 'O') ? " &&" : NULL;
  return _ppv_dm_eat (st, 'E') && f->a ? f : _ppv_dm_fail (st);
}

Node *
_ppv_dm_type (State *st)
{
  const char *quals;
  const char *b;
  Node *t = NULL;
  gboolean add = TRUE;
  char c;

  if (++st->depth > MAX_DEPTH || st->s >= st->end)
    return _ppv_dm_fail (st);
  quals = _ppv_dm_cv_qualifiers (st);
  if (st->s >= st->end)
    return _ppv_dm_fail (st);
  c = *st->s;
  if ((b = builtin (c)) != NULL)
    {
      st->s++;
      t = _ppv_dm_node (st, N_NAME, b, NULL, NULL);
      add = FALSE;
    }
  else if (c == 'u')
    {
      st->s++;
      t = _ppv_dm_source_name (st);
    }
  else if (c == 'F')
    {
      st->s++;
      t = function_type (st);
      if (quals != NULL)
        add = FALSE;
    }
  else if (c == 'N' || c == 'Z' || g_ascii_isdigit (c))
    t = _ppv_dm_name (st);
  else if (c == 'A')
    {
      const char *start = ++st->s;

      while (st->s < st->end && g_ascii_isdigit (*st->s))
        st->s++;
      if (!_ppv_dm_eat (st, '_'))
        return _ppv_dm_fail (st);
      t = _ppv_dm_type (st);
      t = t ? _ppv_dm_node (st, N_ARRAY, _ppv_dm_keep (st, start, st->s - start), t, NULL) : NULL;
      if (t != NULL)
        t->text = _ppv_dm_keep (st, start, strspn (start, "0123456789"));
    }
  else if (c == 'M')
    {
      Node *cls, *member;

      st->s++;
      cls = _ppv_dm_type (st);
      member = cls ? _ppv_dm_type (st) : NULL;
      t = member ? _ppv_dm_node (st, N_MEMBER, NULL, cls, member) : NULL;
    }
  else if (c == 'T')
    {
      t = _ppv_dm_template_param (st);
      if (t != NULL && _ppv_dm_peek (st, 'I'))
        {
          _ppv_dm_add_sub (st, t);
          t = _ppv_dm_make_template (st, t, _ppv_dm_template_args (st));
        }
    }
  else if (c == 'S')
    {
      char c2 = st->end - st->s >= 2 ? st->s[1] : 0;

      if (c2 == '_' || g_ascii_isdigit (c2) || g_ascii_isupper (c2))
        {
          t = _ppv_dm_substitution (st, FALSE);
          if (_ppv_dm_peek (st, 'I'))
            t = _ppv_dm_make_template (st, t, _ppv_dm_template_args (st));
          else
            add = FALSE;
        }
      else
        {
          t = _ppv_dm_name (st);
          /* A plain abbreviation is no substitution candidate. */
          if (t != NULL && c2 != 't' && t->kind != N_TEMPLATE)
            add = FALSE;
        }
    }
  else if (c == 'P' || c == 'R' || c == 'O')
    {
      Node *base;

      st->s++;
      base = _ppv_dm_type (st);
      t = base ? _ppv_dm_node (st, N_PTR, c == 'P' ? "*" : c == 'R' ? "&" : "&&", base, NULL) : NULL;
    }
  else if (c == 'D' && st->end - st->s >= 2)
    {
      char c2 = st->s[1];
      const char *dn = c2 == 'a' ? "auto" : c2 == 'c' ? "decltype(auto)" : c2 == 'f' ? "decimal32" :
                       c2 == 'd' ? "decimal64" : c2 == 'e' ? "decimal128" : c2 == 'h' ? "half" :
                       c2 == 'u' ? "char8_t" : c2 == 's' ? "char16_t" : c2 == 'i' ? "char32_t" :
                       c2 == 'n' ? "decltype(nullptr)" : NULL;

      st->s += 2;
      add = FALSE;
      if (dn != NULL)
        t = _ppv_dm_node (st, N_NAME, dn, NULL, NULL);
      else if (c2 == 'p')
        {
          Node *base = _ppv_dm_type (st);

          t = base ? _ppv_dm_node (st, N_PACK, NULL, base, NULL) : NULL;
          add = TRUE;
        }
      else
        return _ppv_dm_fail (st);
    }
  else
    return _ppv_dm_fail (st);

  if (t == NULL)
    return _ppv_dm_fail (st);
  if (add)
    _ppv_dm_add_sub (st, t);
  if (quals != NULL)
    {
      t = t->kind == N_FUNC ? (t->text = quals, t) : _ppv_dm_node (st, N_CV, quals, t, NULL);
      _ppv_dm_add_sub (st, t);
    }
  st->depth--;
  return t;
}

