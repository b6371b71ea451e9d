/* ppv-goroutines-view-cells.c — the cells of the Goroutines table: count,
 * where (with the tree's expander, and a frame's file:line), state,
 * waits and creator.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "ppv-goroutines-view-private.h"

PpvGoroutineRow *
_ppv_goroutines_item_row (GtkListItem *item)
{
  GtkTreeListRow *tree_row = gtk_list_item_get_item (item);
  PpvGoroutineRow *row = tree_row != NULL ? gtk_tree_list_row_get_item (tree_row) : NULL;

  /* Borrowed: the tree row keeps its item. */
  if (row != NULL)
    g_object_unref (row);
  return row;
}

/* "< 1 min", "12 min", "3 h 5 min", "2 d 4 h"; "" where nothing says. */
static char *
format_wait (gint64 seconds)
{
  /* Waits past G_MAXINT minutes are not real: clamped. */
  int minutes = (int) MIN (seconds / 60, G_MAXINT);

  if (seconds == PPV_GOROUTINE_WAIT_UNKNOWN)
    return g_strdup ("");
  if (minutes < 1)
    return g_strdup (_("< 1 min"));
  if (minutes < 60)
    /* Translators: a wait in minutes. */
    return g_strdup_printf (_("%d min"), minutes);
  if (minutes < 24 * 60)
    /* Translators: a wait in hours and minutes. */
    return g_strdup_printf (_("%d h %d min"), minutes / 60, minutes % 60);
  /* Translators: a wait in days and hours. */
  return g_strdup_printf (_("%d d %d h"), minutes / (24 * 60), minutes / 60 % 24);
}

static GtkWidget *
new_cell_label (GtkListItem *item,
                float        xalign)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  g_object_set_data (G_OBJECT (label), PPV_GOROUTINES_LIST_ITEM_KEY, item);
  return label;
}

static void
setup_label_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  PpvGoroutinesView        *self)
{
  gtk_list_item_set_child (item, new_cell_label (item, 0.0));
}

static void
setup_count_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  PpvGoroutinesView        *self)
{
  GtkWidget *label = new_cell_label (item, 1.0);

  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
setup_where_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  PpvGoroutinesView        *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *location = gtk_label_new (NULL);

  gtk_box_append (GTK_BOX (box), new_cell_label (item, 0.0));
  gtk_label_set_ellipsize (GTK_LABEL (location), PANGO_ELLIPSIZE_START);
  gtk_widget_add_css_class (location, "dim-label");
  gtk_box_append (GTK_BOX (box), location);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (item, expander);
}

static GtkLabel *
cell_label (GtkListItem *item)
{
  GtkWidget *child = gtk_list_item_get_child (item);

  if (GTK_IS_TREE_EXPANDER (child))
    child = gtk_widget_get_first_child (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (child)));
  return GTK_LABEL (child);
}

static void
bind_count_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 PpvGoroutinesView        *self)
{
  PpvGoroutineRow *row = _ppv_goroutines_item_row (item);
  g_autofree char *text = NULL;

  if (ppv_goroutine_row_get_frame (row) == NULL)
    text = g_strdup_printf ("%'" G_GINT64_FORMAT, ppv_goroutine_row_get_group (row)->count);
  gtk_label_set_text (cell_label (item), text != NULL ? text : "");
}

static void
bind_where_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 PpvGoroutinesView        *self)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (item));
  PpvGoroutineRow *row = _ppv_goroutines_item_row (item);
  const PpvGoroutineFrame *frame = ppv_goroutine_row_get_frame (row);
  const PpvGoroutineGroup *group = ppv_goroutine_row_get_group (row);
  GtkWidget *location = gtk_widget_get_last_child (gtk_tree_expander_get_child (expander));
  g_autofree char *position = NULL;
  const char *name;

  gtk_tree_expander_set_list_row (expander, gtk_list_item_get_item (item));
  if (frame != NULL)
    {
      name = frame->function;
      if (frame->file[0] != '\0' && frame->line > 0)
        position = g_strdup_printf ("%s:%" G_GINT64_FORMAT, frame->file, frame->line);
      else if (frame->file[0] != '\0')
        position = g_strdup (frame->file);
    }
  else if (group->title[0] != '\0')
    name = group->title;
  else if (group->n_frames > 0 || group->n_children == 0)
    name = _("(no frames)");
  else if (ppv_goroutines_view_get_grouping (self) == PPV_GOROUTINE_BY_CREATOR)
    name = _("(no creator)");
  else
    name = _("(no state)");

  gtk_label_set_text (cell_label (item), name);
  gtk_label_set_text (GTK_LABEL (location), position != NULL ? position : "");
  gtk_widget_set_visible (location, position != NULL);
}

static void
bind_group_text (GtkListItem *item,
                 const char  *text)
{
  PpvGoroutineRow *row = _ppv_goroutines_item_row (item);

  gtk_label_set_text (cell_label (item), ppv_goroutine_row_get_frame (row) == NULL ? text : "");
}

static void
bind_state_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 PpvGoroutinesView        *self)
{
  bind_group_text (item, ppv_goroutine_row_get_group (_ppv_goroutines_item_row (item))->states);
}

static void
bind_creator_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   PpvGoroutinesView        *self)
{
  bind_group_text (item, ppv_goroutine_row_get_group (_ppv_goroutines_item_row (item))->creators);
}

static void
bind_longest_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   PpvGoroutinesView        *self)
{
  g_autofree char *text = format_wait (ppv_goroutine_row_get_group (_ppv_goroutines_item_row (item))->longest_wait);

  bind_group_text (item, text);
}

static void
bind_typical_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   PpvGoroutinesView        *self)
{
  g_autofree char *text = format_wait (ppv_goroutine_row_get_group (_ppv_goroutines_item_row (item))->typical_wait);

  bind_group_text (item, text);
}

void
_ppv_goroutines_view_class_init_cells (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, setup_label_cell);
  gtk_widget_class_bind_template_callback (widget_class, setup_count_cell);
  gtk_widget_class_bind_template_callback (widget_class, setup_where_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_count_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_where_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_state_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_longest_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_typical_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_creator_cell);
}
