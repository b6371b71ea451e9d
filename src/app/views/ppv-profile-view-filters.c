/* ppv-profile-view-filters.c — the profile view's refine filters: adding
 * and removing them, and their chips (and the label filters') in the
 * control bar.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "ppv-profile-view-private.h"

static void
on_chip_clicked (GtkButton      *button,
                 PpvProfileView *self)
{
  PpvRefineFilter *filter = g_object_get_data (G_OBJECT (button), "ppv-filter");

  if (filter == NULL || !g_ptr_array_remove (self->filters, filter))
    return;

  _ppv_profile_view_rebuild_chips (self);
  _ppv_profile_view_rebuild (self);
}

GtkWidget *
_ppv_profile_view_append_chip (PpvProfileView *self,
                               const char     *text,
                               const char     *accessible,
                               GCallback       clicked)
{
  GtkWidget *button, *box, *label, *icon;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  label = gtk_label_new (text);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  icon = gtk_image_new_from_icon_name ("window-close-symbolic");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), icon);

  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "ppv-filter-chip");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, accessible);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_signal_connect (button, "clicked", clicked, self);
  gtk_box_append (self->filters_box, button);
  return button;
}

void
_ppv_profile_view_rebuild_chips (PpvProfileView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->filters_box))) != NULL)
    gtk_box_remove (self->filters_box, child);

  for (guint i = 0; i < self->filters->len; i++)
    {
      PpvRefineFilter *filter = g_ptr_array_index (self->filters, i);
      g_autofree char *text = NULL;
      g_autofree char *short_name = NULL;
      g_autofree char *accessible = NULL;
      GtkWidget *button;

      if (g_utf8_strlen (filter->name, 61) > 60)
        {
          g_autofree char *head = g_utf8_substring (filter->name, 0, 60);

          short_name = g_strconcat (head, "…", NULL);
        }
      else
        short_name = g_strdup (filter->name);
      /* Translators: a filter chip, e.g. "Focus: main.run". */
      text = g_strdup_printf (_("%s: %s"), ppv_refine_kind_label (filter->kind), short_name);
      /* Translators: accessible name of a filter chip's button. */
      accessible = g_strdup_printf (_("Remove filter %s=%s"),
                                    ppv_refine_kind_to_string (filter->kind), filter->regex);
      button = _ppv_profile_view_append_chip (self, text, accessible, G_CALLBACK (on_chip_clicked));
      g_object_set_data (G_OBJECT (button), "ppv-filter", filter);
    }
  _ppv_profile_view_append_label_chips (self);

  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->filters_box)),
                          self->filters->len + self->label_filters->len > 0);
}

void
_ppv_profile_view_refine (PpvProfileView *self,
                          PpvRefineKind   kind,
                          const char     *name)
{
  if (!ppv_refine_add (self->filters, kind, name))
    return;

  _ppv_profile_view_rebuild_chips (self);
  _ppv_profile_view_rebuild (self);
}

void
_ppv_profile_view_reset_filters (PpvProfileView *self)
{
  if (self->filters->len == 0 && self->label_filters->len == 0)
    return;

  g_ptr_array_set_size (self->filters, 0);
  _ppv_profile_view_clear_label_filters (self);
  _ppv_profile_view_rebuild_chips (self);
  _ppv_profile_view_rebuild (self);
}
