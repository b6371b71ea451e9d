/* ppv-graph-view-labels.c — the call graph's Labels menu: which label
 * keys show as nodelets under the nodes (pprof's taghide).
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nodelets only exist in the graph, so the keys hidden are the graph's
 * own option, like its node count, not a filter every view follows.  The
 * menu lists the keys the graph can show: string keys and "bytes".
 */
#include <glib/gi18n.h>

#include <string.h>

#include "ppv-graph-view-private.h"

/* "nodelets.key-N" toggled: its key's nodelets shown or hidden. */
static void
on_change_state (GSimpleAction *action,
                 GVariant      *state,
                 PpvGraphView  *self)
{
  const char *key = g_object_get_data (G_OBJECT (action), "ppv-label-key");
  gboolean shown = g_variant_get_boolean (state);
  guint index;
  gboolean hidden = g_ptr_array_find_with_equal_func (self->hidden_label_keys, key,
                                                      g_str_equal, &index);

  g_simple_action_set_state (action, state);
  if (shown == !hidden)
    return;
  if (shown)
    g_ptr_array_remove_index (self->hidden_label_keys, index);
  else
    g_ptr_array_add (self->hidden_label_keys, g_strdup (key));
  ppv_report_pane_options_changed (PPV_REPORT_PANE (self));
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The keys a nodelet can stand for in @profile, sorted. */
static GPtrArray *
nodelet_keys (PpvProfile *profile)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *keys = g_ptr_array_new ();

  for (gsize i = 0; profile != NULL && i < profile->n_labels; i++)
    {
      const PpvLabel *l = &profile->labels[i];

      if ((l->str != NULL || strcmp (l->key, "bytes") == 0) &&
          strcmp (l->key, "pprof::base") != 0 && g_hash_table_add (seen, (gpointer) l->key))
        g_ptr_array_add (keys, (gpointer) l->key);
    }
  g_ptr_array_sort (keys, compare_keys);
  return keys;
}

/* A menu of check items, one per key, made each time it opens: the
 * profile may have changed since. */
static void
create_popup (GtkMenuButton *button,
              gpointer       user_data)
{
  PpvGraphView *self = user_data;
  g_autoptr(GPtrArray) keys = nodelet_keys (ppv_report_pane_get_profile (PPV_REPORT_PANE (self)));
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GMenu) menu = g_menu_new ();

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      g_autofree char *name = g_strdup_printf ("key-%u", i);
      g_autofree char *detailed = g_strconcat ("nodelets.", name, NULL);
      gboolean hidden = g_ptr_array_find_with_equal_func (self->hidden_label_keys, key,
                                                          g_str_equal, NULL);
      g_autoptr(GSimpleAction) action = g_simple_action_new_stateful (name, NULL,
                                                                       g_variant_new_boolean (!hidden));

      g_object_set_data_full (G_OBJECT (action), "ppv-label-key", g_strdup (key), g_free);
      g_signal_connect_object (action, "change-state", G_CALLBACK (on_change_state), self, 0);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
      g_menu_append (menu, key, detailed);
    }
  if (keys->len == 0)
    g_menu_append (menu, _("This profile has no labels"), "nodelets.none");

  gtk_widget_insert_action_group (GTK_WIDGET (button), "nodelets", G_ACTION_GROUP (group));
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

GtkWidget *
_ppv_graph_view_create_labels_control (PpvGraphView *self)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Labels"));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_popup, self, NULL);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Label keys shown as nodelets under the nodes"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Graph labels"),
                                  -1);
  return button;
}

void
_ppv_graph_view_adjust_label_options (PpvGraphView     *self,
                                      PpvReportOptions *options)
{
  g_autoptr(GString) hide = NULL;

  g_clear_pointer (&options->taghide, g_free);
  if (self->hidden_label_keys->len == 0)
    return;

  hide = g_string_new ("^(?:");
  for (guint i = 0; i < self->hidden_label_keys->len; i++)
    {
      g_autofree char *quoted = g_regex_escape_string (g_ptr_array_index (self->hidden_label_keys, i), -1);

      g_string_append_printf (hide, i > 0 ? "|%s" : "%s", quoted);
    }
  g_string_append (hide, ")$");
  options->taghide = g_string_free (g_steal_pointer (&hide), FALSE);
}
