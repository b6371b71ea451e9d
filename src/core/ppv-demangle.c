/* ppv-demangle.c — Itanium C++ ABI names demangled the way pprof's demangler prints them.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pprof (symbolizer.Demangle) runs every function's system name through
 * github.com/ianlancetaylor/demangle, by default with NoParams and
 * NoTemplateParams: "_ZN3foo3BarC2ERKSs" is shown as "foo::Bar::Bar".
 * This is a reader of the common part of the grammar (names, nested and
 * local names, substitutions, template arguments, ctors and dtors,
 * operators, the usual types, special names), printing as that package
 * does (GNU c++filt style: "char const*", "> >").  What it cannot read
 * (expressions in template arguments, vendor types…) is given back as it
 * is, which is what pprof does with a name its demangler rejects.
 */
#include "ppv-demangle.h"
#include "ppv-demangle-private.h"

#include <string.h>

/* Overloads listed in one tooltip, at most. */
#define MAX_FULL_NAMES 8

typedef struct
{
  GString  *out;
  gboolean  tparams;
  gboolean  failed;
  Node     *pack;          /* the argument pack being expanded… */
  guint     pack_index;    /* …and the element printed now */
} Printer;

/* --- Printing ----------------------------------------------------------- */

static void print (Printer *p, Node *n);

static void
print_list (Printer   *p,
            GPtrArray *list)
{
  gboolean first = TRUE;

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      gsize before = p->out->len;

      if (!first)
        g_string_append (p->out, ", ");
      print (p, g_ptr_array_index (list, i));
      /* An empty pack leaves no trace, not even its comma. */
      if (p->out->len == before + (first ? 0 : 2))
        g_string_truncate (p->out, before);
      else
        first = FALSE;
    }
}

static void
print_params (Printer   *p,
              GPtrArray *list)
{
  Node *only = list != NULL && list->len == 1 ? g_ptr_array_index (list, 0) : NULL;

  g_string_append_c (p->out, '(');
  if (!(only != NULL && only->kind == N_NAME && g_str_equal (only->text, "void")))
    print_list (p, list);
  g_string_append_c (p->out, ')');
}

static char
last_char (Printer *p)
{
  return p->out->len > 0 ? p->out->str[p->out->len - 1] : 0;
}

static void
print_literal (Printer *p,
               Node    *n)
{
  static const char *const suffixes[][2] = {
    { "int", "" }, { "unsigned int", "u" }, { "long", "l" }, { "unsigned long", "ul" },
    { "long long", "ll" }, { "unsigned long long", "ull" },
  };
  const char *value = n->text;
  const char *type_name = n->a->kind == N_NAME ? n->a->text : NULL;

  if (type_name != NULL && g_str_equal (type_name, "bool") && (g_str_equal (value, "0") || g_str_equal (value, "1")))
    {
      g_string_append (p->out, value[0] == '1' ? "true" : "false");
      return;
    }
  for (guint i = 0; type_name != NULL && i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_equal (type_name, suffixes[i][0]))
      {
        if (value[0] == 'n')
          g_string_append_c (p->out, '-');
        g_string_append (p->out, value[0] == 'n' ? value + 1 : value);
        g_string_append (p->out, suffixes[i][1]);
        return;
      }
  g_string_append_c (p->out, '(');
  print (p, n->a);
  g_string_append_c (p->out, ')');
  if (value[0] == 'n')
    g_string_append_c (p->out, '-');
  g_string_append (p->out, value[0] == 'n' ? value + 1 : value);
}

/* A pointer, reference or member pointer to a function or an array puts
 * itself inside: "void (*)(int)", "int (&) [3]". */
static gboolean
print_declarator (Printer    *p,
                  Node       *target,
                  const char *inner_prefix,
                  Node       *inner_class,
                  const char *inner)
{
  if (target->kind == N_FUNC)
    {
      if (target->a != NULL)
        print (p, target->a);
      g_string_append (p->out, " (");
      if (inner_class != NULL)
        print (p, inner_class);
      g_string_append (p->out, inner_prefix);
      g_string_append (p->out, inner);
      g_string_append_c (p->out, ')');
      print_params (p, target->list);
      if (target->text != NULL)
        g_string_append (p->out, target->text);
      return TRUE;
    }
  if (target->kind == N_ARRAY)
    {
      print (p, target->a);
      g_string_append (p->out, " (");
      g_string_append (p->out, inner);
      g_string_append (p->out, ") [");
      g_string_append (p->out, target->text);
      g_string_append_c (p->out, ']');
      return TRUE;
    }
  return FALSE;
}

/* The argument pack a pack expansion's pattern refers to, if any. */
static Node *
find_pack (Node *n,
           guint depth)
{
  Node *found = NULL;

  if (n == NULL || depth > MAX_DEPTH)
    return NULL;
  if (n->kind == N_TPARAM)
    {
      Node *arg = n->list != NULL && n->num < n->list->len ? g_ptr_array_index (n->list, n->num) : NULL;

      return arg != NULL && arg->kind == N_ARGPACK ? arg : NULL;
    }
  if (n->kind == N_PACK)
    return NULL;
  found = find_pack (n->a, depth + 1);
  if (found == NULL)
    found = find_pack (n->b, depth + 1);
  for (guint i = 0; found == NULL && n->kind != N_TPARAM && n->list != NULL && i < n->list->len; i++)
    found = find_pack (g_ptr_array_index (n->list, i), depth + 1);
  return found;
}

static void
print_pack_expansion (Printer *p,
                      Node    *n)
{
  Node *pack = find_pack (n->a, 0);
  Node *saved = p->pack;
  guint saved_index = p->pack_index;

  if (pack == NULL)
    {
      print (p, n->a);
      g_string_append (p->out, "...");
      return;
    }
  p->pack = pack;
  for (guint i = 0; pack->list != NULL && i < pack->list->len; i++)
    {
      if (i > 0)
        g_string_append (p->out, ", ");
      p->pack_index = i;
      print (p, n->a);
    }
  p->pack = saved;
  p->pack_index = saved_index;
}

static void
print (Printer *p,
       Node    *n)
{
  if (p->failed || n == NULL)
    {
      p->failed = TRUE;
      return;
    }
  switch (n->kind)
    {
    case N_NAME:
      g_string_append (p->out, n->text);
      if (n->a != NULL)
        print (p, n->a);
      break;
    case N_QUAL:
    case N_LOCAL:
      print (p, n->a);
      g_string_append (p->out, "::");
      print (p, n->b);
      break;
    case N_TEMPLATE:
      print (p, n->a);
      if (!p->tparams)
        break;
      if (last_char (p) == '<')
        g_string_append_c (p->out, ' ');
      g_string_append_c (p->out, '<');
      print_list (p, n->list);
      if (last_char (p) == '>')
        g_string_append_c (p->out, ' ');
      g_string_append_c (p->out, '>');
      break;
    case N_CTOR:
      print (p, n->a);
      break;
    case N_DTOR:
      g_string_append_c (p->out, '~');
      print (p, n->a);
      break;
    case N_TAGGED:
      print (p, n->a);
      g_string_append_printf (p->out, "[abi:%s]", n->text);
      break;
    case N_CV:
      print (p, n->a);
      g_string_append (p->out, n->text);
      break;
    case N_PTR:
      if (!print_declarator (p, n->a, "", NULL, n->text))
        {
          print (p, n->a);
          g_string_append (p->out, n->text);
        }
      break;
    case N_MEMBER:
      if (!print_declarator (p, n->b, "::*", n->a, ""))
        {
          print (p, n->b);
          g_string_append_c (p->out, ' ');
          print (p, n->a);
          g_string_append (p->out, "::*");
        }
      break;
    case N_FUNC:
      if (n->a != NULL)
        print (p, n->a);
      g_string_append_c (p->out, ' ');
      print_params (p, n->list);
      if (n->text != NULL)
        g_string_append (p->out, n->text);
      break;
    case N_ARRAY:
      print (p, n->a);
      g_string_append_printf (p->out, " [%s]", n->text);
      break;
    case N_TYPED:
      if (n->b->a != NULL && n->num == 0)
        {
          print (p, n->b->a);
          g_string_append_c (p->out, ' ');
        }
      print (p, n->a);
      print_params (p, n->b->list);
      if (n->b->text != NULL)
        g_string_append (p->out, n->b->text);
      break;
    case N_LITERAL:
      print_literal (p, n);
      break;
    case N_SPECIAL:
      g_string_append (p->out, n->text);
      if (n->text[0] == '{')
        {
          if (n->a != NULL)
            print_params (p, n->a->list);
          g_string_append_printf (p->out, "#%u}", n->num);
        }
      else
        print (p, n->a);
      break;
    case N_PACK:
      print_pack_expansion (p, n);
      break;
    case N_ARGPACK:
      print_list (p, n->list);
      break;
    case N_TPARAM:
      if (n->list != NULL && n->num < n->list->len)
        {
          Node *arg = g_ptr_array_index (n->list, n->num);

          if (arg == p->pack && p->pack_index < arg->list->len)
            arg = g_ptr_array_index (arg->list, p->pack_index);
          print (p, arg);
        }
      else
        p->failed = TRUE;
      break;
    case N_CLONE:
      print (p, n->a);
      g_string_append_printf (p->out, " [clone %s]", n->text);
      break;
    default:
      p->failed = TRUE;
      break;
    }
}

char *
ppv_demangle (const char  *mangled,
              PpvDemangle  mode)
{
  gboolean params = mode == PPV_DEMANGLE_FULL || mode == PPV_DEMANGLE_NONE;
  gboolean clones = mode == PPV_DEMANGLE_NONE;
  State st = { 0, };
  Printer p = { NULL, mode != PPV_DEMANGLE_DEFAULT, FALSE };
  Node *n;
  char *result = NULL;

  g_return_val_if_fail (mangled != NULL, NULL);

  if (strncmp (mangled, "_Z", 2) != 0)
    return NULL;
  st.s = mangled + 2;
  st.end = st.s + strlen (st.s);
  st.arena = g_ptr_array_new ();
  st.lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  st.subs = g_ptr_array_new ();

  n = _ppv_dm_encoding (&st, params);
  while (n != NULL && clones && st.end - st.s > 1 && st.s[0] == '.' &&
         (g_ascii_islower (st.s[1]) || g_ascii_isdigit (st.s[1]) || st.s[1] == '_'))
    {
      const char *start = st.s;

      st.s += 2;
      while (st.s < st.end && (g_ascii_islower (*st.s) || g_ascii_isdigit (*st.s) || *st.s == '_'))
        st.s++;
      while (st.end - st.s > 1 && st.s[0] == '.' && g_ascii_isdigit (st.s[1]))
        {
          st.s += 2;
          while (st.s < st.end && g_ascii_isdigit (*st.s))
            st.s++;
        }
      n = _ppv_dm_node (&st, N_CLONE, _ppv_dm_keep (&st, start, st.s - start), n, NULL);
    }
  /* Only with clone suffixes read does anything left over _ppv_dm_fail (as in
   * pprof's demangler). */
  if (n != NULL && !st.failed && !(clones && st.s < st.end))
    {
      p.out = g_string_new (NULL);
      print (&p, n);
      result = g_string_free (p.out, p.failed);
    }

  g_ptr_array_unref (st.subs);
  g_ptr_array_unref (st.lists);
  g_ptr_array_set_free_func (st.arena, g_free);
  g_ptr_array_unref (st.arena);
  return result;
}

/* pprof's looksLikeDemangledCPlusPlus */
static gboolean
looks_demangled (const char *name)
{
  if (strstr (name, ".<") != NULL || strstr (name, "]).") != NULL)
    return FALSE;
  return strpbrk (name, "<>[]") != NULL || strstr (name, "::") != NULL;
}

/* pprof's removeMatching: every outermost @open…@close group dropped;
 * an unmatched @close leaves the name as it is. */
static char *
remove_matching (char *name,
                 char  open,
                 char  close)
{
  GString *s = g_string_new (name);
  gint nesting = 0;
  gsize first = 0;

  g_free (name);
  for (gsize i = 0; i < s->len; i++)
    {
      if (s->str[i] == open && nesting++ == 0)
        first = i;
      else if (s->str[i] == close)
        {
          if (--nesting < 0)
            break;
          if (nesting == 0)
            {
              g_string_erase (s, first, i + 1 - first);
              i = first - 1;   /* wraps at 0; the loop's i++ brings it back */
            }
        }
    }
  return g_string_free (s, FALSE);
}

char *
ppv_demangle_function (const char  *name,
                       const char  *system_name,
                       PpvDemangle  mode)
{
  const char *current = name;
  char *result;

  g_return_val_if_fail (name != NULL && system_name != NULL, NULL);

  /* An explicit mode (pprof's "force") starts again from the system name. */
  if (mode != PPV_DEMANGLE_DEFAULT && name[0] != '\0' && system_name[0] != '\0')
    current = system_name;
  if (current[0] != '\0' && strcmp (system_name, current) != 0)
    return NULL;   /* already demangled by whoever wrote the profile */

  result = strncmp (system_name, "_Z", 2) == 0 ? ppv_demangle (system_name, mode) : NULL;
  if (result == NULL)
    {
      /* Not demangled: perhaps a demangled name already (pprof's
       * heuristics), else the system name itself. */
      if (!looks_demangled (system_name) ||
          (mode != PPV_DEMANGLE_DEFAULT && mode != PPV_DEMANGLE_TEMPLATES))
        return strcmp (system_name, name) == 0 ? NULL : g_strdup (system_name);
      result = remove_matching (g_strdup (system_name), '(', ')');
      if (mode == PPV_DEMANGLE_DEFAULT)
        result = remove_matching (result, '<', '>');
    }
  if (strcmp (result, name) == 0)
    g_clear_pointer (&result, g_free);
  return result;
}


char *
ppv_demangle_dup_full_name (const PpvProfile *profile,
                            const char       *shown)
{
  g_autoptr(GPtrArray) names = NULL;

  g_return_val_if_fail (profile != NULL && shown != NULL, NULL);

  /* A scan per question, asked only from a tooltip.  Overloads shortened
   * to one name ("foo::baz") give a line each. */
  names = g_ptr_array_new_with_free_func (g_free);
  for (guint32 f = 0; f < profile->n_functions && names->len < MAX_FULL_NAMES; f++)
    {
      const PpvFunction *fn = &profile->functions[f];
      gsize len;
      char *full;

      /* Names are interned: a Go function's two names are one pointer. */
      if (fn->system_name == fn->name || fn->system_name[0] == '\0' ||
          strcmp (fn->system_name, fn->name) == 0)
        continue;
      len = strlen (fn->name);
      if (len == 0 || strncmp (shown, fn->name, len) != 0 || (shown[len] != '\0' && shown[len] != ' '))
        continue;
      full = ppv_demangle_function (fn->name, fn->system_name, PPV_DEMANGLE_FULL);
      if (full == NULL || g_ptr_array_find_with_equal_func (names, full, g_str_equal, NULL))
        g_free (full);
      else
        g_ptr_array_add (names, full);
    }
  if (names->len == 0)
    return NULL;
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **) names->pdata);
}
