/* ppv-demangle-private.h — the demangler's syntax tree and the parser pieces its files share.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MAX_DEPTH 200   /* nesting allowed before a name is given up on */

typedef enum
{
  N_NAME,       /* text */
  N_QUAL,       /* a::b */
  N_TEMPLATE,   /* a<list> */
  N_CTOR,       /* a (the last name of) */
  N_DTOR,       /* ~a */
  N_TAGGED,     /* a[abi:text] */
  N_CV,         /* a text (" const") */
  N_PTR,        /* a text ("*", "&", "&&") */
  N_FUNC,       /* a (list): a is the return type or NULL; text: qualifiers */
  N_ARRAY,      /* a [text] */
  N_MEMBER,     /* b a::* */
  N_TYPED,      /* a = name, b = N_FUNC */
  N_LITERAL,    /* (a)text */
  N_LOCAL,      /* a::b */
  N_SPECIAL,    /* text a */
  N_PACK,       /* a... */
  N_ARGPACK,    /* list, printed bare */
  N_TPARAM,     /* template parameter number num, resolved through list */
  N_CLONE,      /* a [clone text] */
} Kind;

typedef struct Node Node;
struct Node
{
  Kind        kind;
  const char *text;
  Node       *a, *b;
  GPtrArray  *list;
  guint       num;
};

typedef struct
{
  const char *s, *end;
  GPtrArray  *arena;       /* every node and string, freed together */
  GPtrArray  *lists;
  GPtrArray  *subs;
  GPtrArray  *targs;       /* template arguments T_ refers to */
  const char *method_quals;
  guint       depth;
  gboolean    failed;
} State;

Node       *_ppv_dm_node           (State      *st,
                                    Kind        kind,
                                    const char *text,
                                    Node       *a,
                                    Node       *b);
GPtrArray  *_ppv_dm_new_list       (State      *st);
const char *_ppv_dm_keep           (State      *st,
                                    const char *p,
                                    gsize       len);
Node       *_ppv_dm_fail           (State      *st);
gboolean    _ppv_dm_peek           (State      *st,
                                    char        c);
gboolean    _ppv_dm_eat            (State      *st,
                                    char        c);
gboolean    _ppv_dm_number         (State      *st,
                                    gint       *out);
gboolean    _ppv_dm_seq_id         (State      *st,
                                    guint      *out);
void        _ppv_dm_add_sub        (State      *st,
                                    Node       *n);
Node       *_ppv_dm_source_name    (State      *st);
const char *_ppv_dm_cv_qualifiers  (State      *st);
Node       *_ppv_dm_name           (State      *st);
Node       *_ppv_dm_encoding       (State      *st,
                                    gboolean    params);
Node       *_ppv_dm_last_name      (Node       *n);

/* ppv-demangle-types.c */
Node       *_ppv_dm_type           (State      *st);
Node       *_ppv_dm_template_args  (State      *st);
Node       *_ppv_dm_make_template  (State      *st,
                                    Node       *name_node,
                                    Node       *args);
Node       *_ppv_dm_substitution   (State      *st,
                                    gboolean    for_prefix);
Node       *_ppv_dm_template_param (State      *st);

G_END_DECLS
