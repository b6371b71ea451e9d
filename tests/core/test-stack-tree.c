/* test-stack-tree.c — the stack tree and its pivots, on folded stacks.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "ppv-report.h"
#include "ppv-stack-tree.h"
#include "ppv-test-profile.h"

#define TYPES "samples/count,space/bytes"

static PpvStackTree *
tree_with (const char *stacks,
           const char *focus,
           const char *hide)
{
  g_autoptr(PpvProfile) profile = ppv_test_profile_from_folded (TYPES, stacks);
  g_autoptr(GError) error = NULL;
  PpvReportOptions options;
  PpvStackTree *tree;

  ppv_report_options_init (&options);
  options.focus = g_strdup (focus);
  options.hide = g_strdup (hide);
  tree = ppv_stack_tree_new (profile, &options, NULL, &error);
  g_assert_no_error (error);
  ppv_report_options_clear (&options);
  return tree;
}

/* The child of @node named @name, or PPV_NONE. */
static guint32
child_named (PpvStackTree *tree,
             guint32       node,
             const char   *name)
{
  for (guint32 c = ppv_stack_tree_get_first_child (tree, node); c != PPV_NONE;
       c = ppv_stack_tree_get_next_sibling (tree, c))
    if (strcmp (ppv_stack_tree_get_name (tree, c), name) == 0)
      return c;
  return PPV_NONE;
}

/* The node at "a;b;c" below the root. */
static guint32
path (PpvStackTree *tree,
      const char   *frames)
{
  g_auto(GStrv) names = g_strsplit (frames, ";", -1);
  guint32 node = 0;

  for (guint i = 0; names[i] && node != PPV_NONE; i++)
    node = child_named (tree, node, names[i]);
  g_assert_cmpuint (node, !=, PPV_NONE);
  return node;
}

/* Every node's total is its self plus its children's; siblings come in
 * decreasing total. */
static void
check_invariants (PpvStackTree *tree)
{
  for (guint32 n = 0; n < ppv_stack_tree_get_n_nodes (tree); n++)
    {
      gint64 sum = ppv_stack_tree_get_self (tree, n);
      gint64 previous = G_MAXINT64;

      for (guint32 c = ppv_stack_tree_get_first_child (tree, n); c != PPV_NONE;
           c = ppv_stack_tree_get_next_sibling (tree, c))
        {
          g_assert_cmpuint (ppv_stack_tree_get_parent (tree, c), ==, n);
          g_assert_cmpuint (ppv_stack_tree_get_depth (tree, c), ==, ppv_stack_tree_get_depth (tree, n) + 1);
          g_assert_cmpint (ppv_stack_tree_get_total (tree, c), <=, previous);
          previous = ppv_stack_tree_get_total (tree, c);
          sum += previous;
        }
      g_assert_cmpint (sum, ==, ppv_stack_tree_get_total (tree, n));
    }
}

static void
test_basic (void)
{
  g_autoptr(PpvStackTree) tree = tree_with ("main;a;b 1,10\n"
                                            "main;a;c 1,5\n"
                                            "main;a 1,2\n"
                                            "main;z 1,3\n"
                                            "main;y 1,3\n"
                                            "main;a;b 1,1\n", NULL, NULL);
  guint32 main_node = path (tree, "main"), a = path (tree, "main;a");
  guint32 c;

  check_invariants (tree);
  g_assert_cmpint (ppv_stack_tree_get_total (tree, 0), ==, 24);
  g_assert_cmpint (ppv_stack_tree_get_total (tree, main_node), ==, 24);
  g_assert_cmpint (ppv_stack_tree_get_self (tree, main_node), ==, 0);
  g_assert_cmpint (ppv_stack_tree_get_total (tree, a), ==, 18);
  g_assert_cmpint (ppv_stack_tree_get_self (tree, a), ==, 2);
  g_assert_cmpint (ppv_stack_tree_get_total (tree, path (tree, "main;a;b")), ==, 11);
  g_assert_cmpint (ppv_stack_tree_get_report_total (tree), ==, 24);

  /* a (18), then the tie y/z (3 each) by name. */
  c = ppv_stack_tree_get_first_child (tree, main_node);
  g_assert_cmpstr (ppv_stack_tree_get_name (tree, c), ==, "a");
  c = ppv_stack_tree_get_next_sibling (tree, c);
  g_assert_cmpstr (ppv_stack_tree_get_name (tree, c), ==, "y");
  c = ppv_stack_tree_get_next_sibling (tree, c);
  g_assert_cmpstr (ppv_stack_tree_get_name (tree, c), ==, "z");
  g_assert_cmpuint (ppv_stack_tree_get_next_sibling (tree, c), ==, PPV_NONE);
}

static void
test_folded (void)
{
  g_autoptr(PpvStackTree) tree = tree_with ("main;b 1,4\n"
                                            "main;a;c 1,5\n"
                                            "main;a 1,2\n"
                                            "main;b 1,1\n"
                                            "main;zero 1,0\n"
                                            "main;a+a2 1,7\n", NULL, NULL);
  g_autofree char *folded = ppv_stack_tree_format_folded (tree);

  /* Byte order, equal stacks summed, zero sums left out, the inlined a2
   * a frame of its own. */
  g_assert_cmpstr (folded, ==,
                   "main;a 2\n"
                   "main;a;a2 7\n"
                   "main;a;c 5\n"
                   "main;b 5\n");
}

/* A line ends in " VALUE", a stack goes on with ';': "f" and "f.x" sort
 * between f's own line and its callees' ('.' between ' ' and ';'); an
 * inlined and a plain call print alike and are one line. */
static void
test_folded_order (void)
{
  g_autoptr(PpvStackTree) tree = tree_with ("main;f 1,2\n"
                                            "main;f;g 1,4\n"
                                            "main;f.x 1,3\n"
                                            "main;a+a2 1,7\n"
                                            "main;a;a2 1,3\n", NULL, NULL);
  g_autofree char *folded = ppv_stack_tree_format_folded (tree);

  g_assert_cmpstr (folded, ==,
                   "main;a;a2 10\n"
                   "main;f 2\n"
                   "main;f.x 3\n"
                   "main;f;g 4\n");
}

/* A profile of one-line locations named @names (folded text cannot carry
 * a space in a name): each of @samples is a value, a depth and that many
 * name indices, outermost first. */
static PpvProfile *
profile_of_names (const char *const *names,
                  guint              n_names,
                  const guint       *samples,
                  guint              n_samples)
{
  PpvProfileBuilder *b = ppv_profile_builder_new ();
  PpvMapping mapping = { 1, 0x1000, 0x100000, 0, "/bin/prog", "", 1, 1, 1, 0 };
  g_autoptr(GError) error = NULL;
  PpvProfile *profile;

  ppv_profile_builder_add_sample_type (b, "space", "bytes");
  ppv_profile_builder_add_mapping (b, &mapping);
  for (guint i = 0; i < n_names; i++)
    {
      PpvFunction f = { i + 1, names[i], names[i], "/src/x.go", 0 };
      guint64 fid = i + 1;
      gint64 line = 10, column = 0;

      ppv_profile_builder_add_function (b, &f);
      ppv_profile_builder_add_location (b, i + 1, 1, 0x1000 + 16 * (i + 1), FALSE, &fid, &line, &column, 1);
    }
  for (guint k = 0, at = 0; k < n_samples; k++)
    {
      gint64 value = samples[at];
      guint depth = samples[at + 1];
      guint64 locs[8];

      g_assert_cmpuint (depth, <=, G_N_ELEMENTS (locs));
      for (guint i = 0; i < depth; i++)
        locs[i] = samples[at + 2 + depth - 1 - i] + 1;
      ppv_profile_builder_add_sample (b, locs, depth, &value, 1, NULL, 0);
      at += 2 + depth;
    }
  profile = ppv_profile_builder_finish (b, "test", &error);
  g_assert_no_error (error);
  return profile;
}

/* "main;f 7" against "main;f 5z;g 3": up to the value one line starts the
 * other, and the value's digits decide. */
static void
test_folded_value_order (void)
{
  static const char *const names[] = { "main", "f", "f 5z", "g", "f 9" };
  static const guint samples[] = { 7, 2, 0, 1,
                                   3, 3, 0, 2, 3,
                                   1, 2, 0, 4 };
  g_autoptr(PpvProfile) profile = profile_of_names (names, G_N_ELEMENTS (names), samples, 3);
  g_autoptr(PpvStackTree) tree = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folded = NULL;
  PpvReportOptions options;

  ppv_report_options_init (&options);
  tree = ppv_stack_tree_new (profile, &options, NULL, &error);
  g_assert_no_error (error);
  folded = ppv_stack_tree_format_folded (tree);
  g_assert_cmpstr (folded, ==,
                   "main;f 5z;g 3\n"
                   "main;f 7\n"
                   "main;f 9 1\n");
  ppv_report_options_clear (&options);
}

/* --- A tree too big to be made whole ------------------------------------ */

#define BIG_STACKS 20000
#define BIG_DEPTH  6

typedef struct
{
  GString    *folded;        /* the profile, as folded text */
  GHashTable *totals;        /* "main;n3;n7" -> total (gint64 in a pointer) */
  GHashTable *lines;         /* whole stack -> its summed value */
  GHashTable *first_match;   /* "…;n3" (outermost n3) -> total */
  gint64      match_total;
} Big;

static void
add_to (GHashTable *table,
        const char *key,
        gint64      value)
{
  gint64 old = GPOINTER_TO_SIZE (g_hash_table_lookup (table, key));

  g_hash_table_insert (table, g_strdup (key), GSIZE_TO_POINTER (old + value));
}

/* Stacks of a skewed random walk over 20 names, with what the tree must
 * say about them, worked out here from the strings. */
static void
big_init (Big *big)
{
  guint32 seed = 12345;

  big->folded = g_string_new (NULL);
  big->totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  big->lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  big->first_match = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  big->match_total = 0;
  for (guint k = 0; k < BIG_STACKS; k++)
    {
      g_autoptr(GString) stack = g_string_new ("main");
      gint64 value;
      gboolean matched = FALSE;
      guint depth;

      seed = seed * 1103515245 + 12345;
      value = 1 + (seed >> 16) % 9;
      depth = 1 + (seed >> 8) % (BIG_DEPTH - 1);
      add_to (big->totals, stack->str, value);
      for (guint d = 0; d < depth; d++)
        {
          guint name;

          seed = seed * 1103515245 + 12345;
          /* Low names far more often: some boxes wide, most narrow. */
          name = ((seed >> 16) % 20) * ((seed >> 4) % 20) / 20;
          g_string_append_printf (stack, ";n%u", name);
          add_to (big->totals, stack->str, value);
          if (name == 3 && !matched)
            {
              add_to (big->first_match, stack->str, value);
              big->match_total += value;
              matched = TRUE;
            }
        }
      add_to (big->lines, stack->str, value);
      g_string_append_printf (big->folded, "%s 1,%" G_GINT64_FORMAT "\n", stack->str, value);
    }
}

static void
big_clear (Big *big)
{
  g_string_free (big->folded, TRUE);
  g_hash_table_unref (big->totals);
  g_hash_table_unref (big->lines);
  g_hash_table_unref (big->first_match);
}

/* Walks the whole tree: every node's total as worked out, children in
 * order; returns the number of nodes. */
static guint
check_walk (PpvStackTree *tree,
            Big          *big,
            guint32       node,
            GString      *path)
{
  gsize len = path->len;
  guint n = 1;

  if (node != 0)
    {
      if (path->len > 0)
        g_string_append_c (path, ';');
      g_string_append (path, ppv_stack_tree_get_name (tree, node));
      g_assert_cmpint (ppv_stack_tree_get_total (tree, node), ==,
                       (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (big->totals, path->str)));
    }
  for (guint32 c = ppv_stack_tree_get_first_child (tree, node); c != PPV_NONE;
       c = ppv_stack_tree_get_next_sibling (tree, c))
    n += check_walk (tree, big, c, path);
  g_string_truncate (path, len);
  return n;
}

static gpointer
walk_thread (gpointer data)
{
  g_autoptr(GString) path = g_string_new (NULL);
  gpointer *args = data;

  return GUINT_TO_POINTER (check_walk (args[0], args[1], 0, path));
}

static gboolean
matches_n3 (const char *name,
            gpointer    user_data)
{
  return strcmp (name, "n3") == 0;
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Enough distinct stacks for the two-core sorts, over names that start
 * one another, hold spaces, or print alike once ';' is replaced ("g;x"
 * and "g:x"): the lines must come out as an independent join and byte
 * sort of the same stacks gives them. */
static void
test_folded_many (void)
{
  static const char *const names[] = {
    "main", "f", "f 1", "f 12", "f a", "fa", "f!", "g;x", "g:x", "g", "h",
    "runtime.mallocgc", "runtime.malloc", "pkg.(*T).Method", "pkg.(*T).Method2", "z",
  };
  const guint n_names = G_N_ELEMENTS (names), n_samples = 120000;
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(PpvProfile) profile = NULL;
  g_autoptr(PpvStackTree) tree = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folded = NULL;
  PpvReportOptions options;
  GHashTableIter iter;
  gpointer key, value;

  for (guint k = 0; k < n_samples; k++)
    {
      guint depth = g_rand_int_range (rand, 1, 8);
      guint v = g_rand_int_range (rand, 1, 1000);
      g_autoptr(GString) line = g_string_new (NULL);

      g_array_append_val (samples, v);
      g_array_append_val (samples, depth);
      for (guint i = 0; i < depth; i++)
        {
          guint name = g_rand_int_range (rand, 0, n_names);
          g_array_append_val (samples, name);
          if (i > 0)
            g_string_append_c (line, ';');
          g_string_append (line, names[name]);
          if (i > 0 && g_str_has_prefix (names[name], "g;"))
            line->str[line->len - strlen (names[name]) + 1] = ':';
          else if (i == 0 && g_str_has_prefix (names[name], "g;"))
            line->str[1] = ':';
        }
      value = g_hash_table_lookup (sums, line->str);
      g_hash_table_replace (sums, g_strdup (line->str), GSIZE_TO_POINTER (GPOINTER_TO_SIZE (value) + v));
    }
  g_hash_table_iter_init (&iter, sums);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (lines, g_strdup_printf ("%s %" G_GSIZE_FORMAT "\n", (char *) key,
                                             GPOINTER_TO_SIZE (value)));
  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    g_string_append (expected, g_ptr_array_index (lines, i));
  g_assert_cmpuint (lines->len, >, 65536);

  profile = profile_of_names (names, n_names, (const guint *) samples->data, n_samples);
  ppv_report_options_init (&options);
  tree = ppv_stack_tree_new (profile, &options, NULL, &error);
  g_assert_no_error (error);
  folded = ppv_stack_tree_format_folded (tree);
  g_assert_true (strcmp (folded, expected->str) == 0);

  /* A tree of the root alone sorts its stacks as the lines print. */
  g_clear_pointer (&tree, ppv_stack_tree_unref);
  g_clear_pointer (&folded, g_free);
  tree = ppv_stack_tree_new_root_only (profile, &options, NULL, &error);
  g_assert_no_error (error);
  folded = ppv_stack_tree_format_folded (tree);
  g_assert_true (strcmp (folded, expected->str) == 0);
  ppv_report_options_clear (&options);
}

/* The same without names that print alike or start one another: the
 * root-alone tree's stacks are then in line order as sorted. */
static void
test_folded_root_only (void)
{
  g_autoptr(PpvProfile) profile = ppv_test_profile_from_folded (TYPES,
                                                                 "main;b;c 1,5\n"
                                                                 "main;a 1,7\n"
                                                                 "zeta;a;b 1,2\n"
                                                                 "main;b 1,1\n"
                                                                 "alpha;main 1,3\n"
                                                                 "main;a 1,1\n");
  g_autoptr(PpvStackTree) tree = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folded = NULL;
  PpvReportOptions options;

  ppv_report_options_init (&options);
  tree = ppv_stack_tree_new_root_only (profile, &options, NULL, &error);
  g_assert_no_error (error);
  folded = ppv_stack_tree_format_folded (tree);
  g_assert_cmpstr (folded, ==,
                   "alpha;main 3\n"
                   "main;a 8\n"
                   "main;b 1\n"
                   "main;b;c 5\n"
                   "zeta;a;b 2\n");
  g_assert_cmpint (ppv_stack_tree_get_total (tree, 0), ==, 19);
  ppv_report_options_clear (&options);
}

/* A zoom's nodes made ahead, as a worker makes them: under "hot" (2,000
 * of 12,000) each x_i weighs 1, under the builder's 12,000/4,096 but not
 * under hot's 2,000/4,096, so make_below(hot) makes their children and
 * the chains below them. */
static void
test_make_below (void)
{
  g_autoptr(GString) stacks = g_string_new ("main;cold 10000,10000\n");
  g_autoptr(PpvStackTree) tree = NULL;
  guint32 main_node, hot, x, chain;

  for (guint i = 0; i < 2000; i++)
    {
      g_string_append_printf (stacks, "main;hot;x%u", i);
      for (guint d = 0; d < 30; d++)
        g_string_append_printf (stacks, ";y%u", d);
      g_string_append (stacks, " 1,1\n");
    }
  tree = tree_with (stacks->str, NULL, NULL);
  main_node = ppv_stack_tree_get_first_child (tree, 0);
  hot = ppv_stack_tree_get_next_sibling (tree, ppv_stack_tree_get_first_child (tree, main_node));
  g_assert_cmpstr (ppv_stack_tree_get_name (tree, hot), ==, "hot");
  g_assert_true (ppv_stack_tree_children_made (tree, hot));
  x = ppv_stack_tree_get_first_child (tree, hot);
  g_assert_false (ppv_stack_tree_children_made (tree, x));

  g_assert_true (ppv_stack_tree_make_below (tree, hot, NULL));
  for (x = ppv_stack_tree_get_first_child (tree, hot); x != PPV_NONE; x = ppv_stack_tree_get_next_sibling (tree, x))
    {
      guint depth = 0;

      g_assert_true (ppv_stack_tree_children_made (tree, x));
      for (chain = x; ppv_stack_tree_children_made (tree, chain) &&
                      ppv_stack_tree_get_first_child (tree, chain) != PPV_NONE;
           chain = ppv_stack_tree_get_first_child (tree, chain))
        depth++;
      g_assert_cmpuint (depth, ==, 30);
    }
}

static void
test_made_as_reached (void)
{
  g_autoptr(PpvStackTree) tree = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GString) path = g_string_new (NULL);
  g_autofree char *folded = NULL;
  g_autofree const char **keys = NULL;
  gpointer args[2];
  GThread *other;
  guint n_keys, mine, theirs;
  gint64 total;
  guint n_matches;
  Big big;

  big_init (&big);
  tree = tree_with (big.folded->str, NULL, NULL);

  /* Only the wide nodes are made at first. */
  g_assert_cmpuint (ppv_stack_tree_get_n_nodes (tree), <, g_hash_table_size (big.totals) + 1);

  /* A search counts the narrow nodes that are not made yet. */
  g_assert_true (ppv_stack_tree_sum_matches (tree, matches_n3, NULL, &total, &n_matches, NULL));
  g_assert_cmpint (total, ==, big.match_total);
  g_assert_cmpuint (n_matches, ==, g_hash_table_size (big.first_match));

  /* Two threads walk it at once, making the rest as they go. */
  args[0] = tree;
  args[1] = &big;
  other = g_thread_new ("walk", walk_thread, args);
  mine = check_walk (tree, &big, 0, path);
  theirs = GPOINTER_TO_UINT (g_thread_join (other));
  g_assert_cmpuint (mine, ==, g_hash_table_size (big.totals) + 1);   /* and the root */
  g_assert_cmpuint (theirs, ==, mine);
  g_assert_cmpuint (ppv_stack_tree_get_n_nodes (tree), ==, mine);
  check_invariants (tree);

  /* Folded: the distinct stacks in byte order. */
  keys = (const char **) g_hash_table_get_keys_as_array (big.lines, &n_keys);
  qsort (keys, n_keys, sizeof (char *), compare_strings);
  for (guint i = 0; i < n_keys; i++)
    g_string_append_printf (expected, "%s %" G_GINT64_FORMAT "\n", keys[i],
                            (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (big.lines, keys[i])));
  folded = ppv_stack_tree_format_folded (tree);
  g_assert_cmpstr (folded, ==, expected->str);

  big_clear (&big);
}

/* Thousands of children of equal totals (a flat profile's root): in
 * name order, an inlined call after a plain one of the same name. */
static void
test_many_children (void)
{
  g_autoptr(GString) folded = g_string_new ("main+f0042 1,1\n");
  g_autoptr(PpvStackTree) tree = NULL;
  guint32 main_node, child, previous = PPV_NONE;
  guint n = 0;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (folded, "main;f%04u 1,1\n", (i * 7919) % 5000);
  g_string_append (folded, "main;x 1,2\n");
  tree = tree_with (folded->str, NULL, NULL);
  main_node = path (tree, "main");

  child = ppv_stack_tree_get_first_child (tree, main_node);
  g_assert_cmpstr (ppv_stack_tree_get_name (tree, child), ==, "x");
  for (child = ppv_stack_tree_get_next_sibling (tree, child); child != PPV_NONE;
       child = ppv_stack_tree_get_next_sibling (tree, child), n++)
    {
      if (previous != PPV_NONE)
        {
          int c = strcmp (ppv_stack_tree_get_name (tree, previous), ppv_stack_tree_get_name (tree, child));

          g_assert_cmpint (c, <=, 0);
          if (c == 0)
            g_assert_true (!ppv_stack_tree_is_inlined (tree, previous) && ppv_stack_tree_is_inlined (tree, child));
        }
      previous = child;
    }
  g_assert_cmpuint (n, ==, 5001);
  check_invariants (tree);
}

static void
test_inlining (void)
{
  g_autoptr(PpvStackTree) tree = tree_with ("main;outer+inner+innermost 1,8\n"
                                            "main;outer 1,2\n", NULL, NULL);
  guint32 outer = path (tree, "main;outer");
  guint32 inner = path (tree, "main;outer;inner");
  guint32 innermost = path (tree, "main;outer;inner;innermost");

  check_invariants (tree);
  g_assert_false (ppv_stack_tree_is_inlined (tree, outer));
  g_assert_true (ppv_stack_tree_is_inlined (tree, inner));
  g_assert_true (ppv_stack_tree_is_inlined (tree, innermost));
  g_assert_cmpint (ppv_stack_tree_get_self (tree, innermost), ==, 8);
  g_assert_cmpint (ppv_stack_tree_get_total (tree, outer), ==, 10);
  g_assert_cmpuint (ppv_stack_tree_get_max_depth (tree), ==, 4);
}

static void
test_recursion_pivots (void)
{
  g_autoptr(PpvStackTree) tree = tree_with ("main;f;g;f;h 1,10\n"
                                            "main;f 1,4\n"
                                            "main;x;f;f 1,6\n"
                                            "main;other 1,100\n", NULL, NULL);
  g_autoptr(PpvStackTree) callees = NULL, callers = NULL, none = NULL;
  g_autoptr(GError) error = NULL;

  check_invariants (tree);

  /* Callees: f's subtrees merged at its outermost calls; f's total is its
   * cum (20), not 20 + the recursive calls' 16. */
  callees = ppv_stack_tree_new_pivot (tree, "f", PPV_STACK_TREE_CALLEES, NULL, &error);
  g_assert_no_error (error);
  check_invariants (callees);
  g_assert_cmpstr (ppv_stack_tree_get_name (callees, 0), ==, "f");
  g_assert_cmpint (ppv_stack_tree_get_total (callees, 0), ==, 20);
  g_assert_cmpint (ppv_stack_tree_get_self (callees, 0), ==, 4);
  g_assert_cmpint (ppv_stack_tree_get_total (callees, path (callees, "g;f;h")), ==, 10);
  g_assert_cmpint (ppv_stack_tree_get_total (callees, path (callees, "f")), ==, 6);

  /* Callers: who calls the outermost f, innermost caller first. */
  callers = ppv_stack_tree_new_pivot (tree, "f", PPV_STACK_TREE_CALLERS, NULL, &error);
  g_assert_no_error (error);
  check_invariants (callers);
  g_assert_cmpint (ppv_stack_tree_get_total (callers, 0), ==, 20);
  g_assert_cmpint (ppv_stack_tree_get_total (callers, path (callers, "main")), ==, 14);
  g_assert_cmpint (ppv_stack_tree_get_self (callers, path (callers, "main")), ==, 14);
  g_assert_cmpint (ppv_stack_tree_get_total (callers, path (callers, "x;main")), ==, 6);
  g_assert_cmpint (ppv_stack_tree_get_self (callers, path (callers, "x")), ==, 0);

  none = ppv_stack_tree_new_pivot (tree, "nowhere", PPV_STACK_TREE_CALLERS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ppv_stack_tree_get_total (none, 0), ==, 0);
  g_assert_cmpuint (ppv_stack_tree_get_n_nodes (none), ==, 1);
}

static void
test_filters (void)
{
  g_autoptr(PpvStackTree) focused = tree_with ("main;a;b 1,10\n"
                                               "main;c;b 1,5\n"
                                               "main;c 1,1\n", "^a$", NULL);
  g_autoptr(PpvStackTree) hidden = tree_with ("main;a;b 1,10\n"
                                              "main;c;b 1,5\n"
                                              "main;c 1,1\n", NULL, "^b$");

  /* Focus keeps the stacks through a; the total stays the profile's. */
  g_assert_cmpint (ppv_stack_tree_get_total (focused, 0), ==, 10);
  g_assert_cmpuint (child_named (focused, path (focused, "main"), "c"), ==, PPV_NONE);
  g_assert_cmpint (ppv_stack_tree_get_report_total (focused), ==, 16);

  /* Hide drops b's frames: their values go to the callers. */
  check_invariants (hidden);
  g_assert_cmpint (ppv_stack_tree_get_self (hidden, path (hidden, "main;a")), ==, 10);
  g_assert_cmpint (ppv_stack_tree_get_self (hidden, path (hidden, "main;c")), ==, 6);
}

static void
test_sample_index_and_cancel (void)
{
  g_autoptr(PpvProfile) profile = ppv_test_profile_from_folded (TYPES, "main;a 3,30\nmain;b 1,100\n");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PpvStackTree) tree = NULL;
  g_autoptr(PpvStackTree) cancelled = NULL;
  g_autoptr(GError) error = NULL;
  PpvReportOptions options;

  ppv_report_options_init (&options);
  options.sample_index = g_strdup ("samples");
  tree = ppv_stack_tree_new (profile, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ppv_stack_tree_get_total (tree, path (tree, "main;a")), ==, 3);
  g_assert_cmpstr (ppv_stack_tree_get_name (tree, ppv_stack_tree_get_first_child (tree, path (tree, "main"))), ==, "a");

  g_cancellable_cancel (cancellable);
  cancelled = ppv_stack_tree_new (profile, &options, cancellable, &error);
  g_assert_null (cancelled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  ppv_report_options_clear (&options);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ppv/core/stack-tree/basic", test_basic);
  g_test_add_func ("/ppv/core/stack-tree/folded", test_folded);
  g_test_add_func ("/ppv/core/stack-tree/folded-order", test_folded_order);
  g_test_add_func ("/ppv/core/stack-tree/folded-value-order", test_folded_value_order);
  g_test_add_func ("/ppv/core/stack-tree/folded-many", test_folded_many);
  g_test_add_func ("/ppv/core/stack-tree/folded-root-only", test_folded_root_only);
  g_test_add_func ("/ppv/core/stack-tree/made-as-reached", test_made_as_reached);
  g_test_add_func ("/ppv/core/stack-tree/make-below", test_make_below);
  g_test_add_func ("/ppv/core/stack-tree/many-children", test_many_children);
  g_test_add_func ("/ppv/core/stack-tree/inlining", test_inlining);
  g_test_add_func ("/ppv/core/stack-tree/recursion-pivots", test_recursion_pivots);
  g_test_add_func ("/ppv/core/stack-tree/filters", test_filters);
  g_test_add_func ("/ppv/core/stack-tree/sample-index-and-cancel", test_sample_index_and_cancel);
  return g_test_run ();
}
