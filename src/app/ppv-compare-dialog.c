/* ppv-compare-dialog.c — choosing the base of a comparison: another tab, a kept copy, a file or an address.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <string.h>

#include "ppv-compare-dialog.h"
#include "ppv-profile-archive.h"

#define MAX_KEPT_ROWS 30

struct _PpvCompareDialog
{
  AdwWindow             parent_instance;

  AdwWindowTitle       *window_title;
  AdwPreferencesGroup  *tabs_group;
  AdwPreferencesGroup  *kept_group;
  AdwEntryRow          *address_row;
};

enum {
  DOCUMENT_CHOSEN,
  REQUEST_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PpvCompareDialog, ppv_compare_dialog, ADW_TYPE_WINDOW)

static void
choose_request (PpvCompareDialog *self,
                PpvRequest       *request)
{
  g_object_ref (self);
  g_signal_emit (self, signals[REQUEST_CHOSEN], 0, request);
  gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);
}

/* --- Tabs ---------------------------------------------------------------- */

static void
tab_row_activated_cb (AdwActionRow     *row,
                      PpvCompareDialog *self)
{
  PpvDocument *document = g_object_get_data (G_OBJECT (row), "ppv-document");

  g_object_ref (self);
  g_signal_emit (self, signals[DOCUMENT_CHOSEN], 0, document);
  gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);
}

void
ppv_compare_dialog_add_tab (PpvCompareDialog *self,
                            PpvDocument      *document)
{
  GtkWidget *row;

  g_return_if_fail (PPV_IS_COMPARE_DIALOG (self));
  g_return_if_fail (PPV_IS_DOCUMENT (document));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ppv_document_get_title (document));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), ppv_document_get_subtitle (document));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "ppv-document", g_object_ref (document), g_object_unref);
  g_signal_connect (row, "activated", G_CALLBACK (tab_row_activated_cb), self);
  adw_preferences_group_add (self->tabs_group, row);
  gtk_widget_set_visible (GTK_WIDGET (self->tabs_group), TRUE);
}

/* --- Kept copies --------------------------------------------------------- */

typedef struct
{
  GFile  *file;
  guint64 mtime;
} KeptFile;

static void
kept_file_clear (gpointer data)
{
  g_clear_object (&((KeptFile *) data)->file);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const KeptFile *x = a, *y = b;

  return x->mtime < y->mtime ? 1 : x->mtime > y->mtime ? -1 : 0;
}

/* "localhost_6060.heap.20260105-103207.pb.gz" -> "localhost:6060 · heap":
 * the source, from the name ppv_source_dup_save_name() gave it. */
static char *
dup_kept_source (const char *name)
{
  g_auto(GStrv) parts = g_strsplit (name, ".", 0);
  g_autofree char *host = NULL;
  char *underscore;

  if (g_strv_length (parts) < 4)
    return g_strdup (name);
  host = g_strdup (parts[0]);
  if ((underscore = strrchr (host, '_')) != NULL)
    *underscore = ':';
  return g_strdup_printf ("%s · %s", host, parts[1]);
}

static void
kept_row_activated_cb (AdwActionRow     *row,
                       PpvCompareDialog *self)
{
  GFile *file = g_object_get_data (G_OBJECT (row), "ppv-file");
  g_autoptr(PpvRequest) request = ppv_request_new_file (file);

  request->remember = FALSE;
  choose_request (self, request);
}

static void
list_kept (PpvCompareDialog *self)
{
  g_autofree char *path = ppv_profile_archive_dup_directory ();
  g_autoptr(GFile) directory = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GArray) files = g_array_new (FALSE, TRUE, sizeof (KeptFile));
  GFileInfo *info;

  g_array_set_clear_func (files, kept_file_clear);
  children = g_file_enumerate_children (directory,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                        G_FILE_QUERY_INFO_NONE, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      KeptFile kept;

      if (g_str_has_suffix (g_file_info_get_name (info), ".pb.gz"))
        {
          kept.file = g_file_get_child (directory, g_file_info_get_name (info));
          kept.mtime = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED);
          g_array_append_val (files, kept);
        }
      g_object_unref (info);
    }
  g_array_sort (files, compare_newest_first);

  for (guint i = 0; i < files->len && i < MAX_KEPT_ROWS; i++)
    {
      KeptFile *kept = &g_array_index (files, KeptFile, i);
      g_autofree char *name = g_file_get_basename (kept->file);
      g_autofree char *source = dup_kept_source (name);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local ((gint64) kept->mtime);
      g_autofree char *stamp = when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M:%S") : NULL;
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), source);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), stamp);
      gtk_widget_set_tooltip_text (row, name);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "ppv-file", g_object_ref (kept->file), g_object_unref);
      g_signal_connect (row, "activated", G_CALLBACK (kept_row_activated_cb), self);
      adw_preferences_group_add (self->kept_group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->kept_group), files->len > 0);
}

/* --- A file, an address -------------------------------------------------- */

static void
file_response_cb (GtkNativeDialog  *chooser,
                  int               response,
                  PpvCompareDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file != NULL)
    {
      g_autoptr(PpvRequest) request = ppv_request_new_file (file);

      choose_request (self, request);
    }
  g_object_unref (self);
}

static void
file_row_activated_cb (PpvCompareDialog *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose the Base Profile"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Compare"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (file_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
address_row_apply_cb (PpvCompareDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->address_row));
  g_autoptr(PpvRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*trimmed == '\0')
    return;
  request = ppv_request_new_for_text (text, cwd, &error);
  if (request == NULL || request->kind == PPV_REQUEST_INDEX)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->address_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->address_row),
                                   error != NULL ? error->message
                                                 : _("Type the address of one profile, such as localhost:6060/debug/pprof/heap."));
      return;
    }
  choose_request (self, request);
}

/* --- GObject ------------------------------------------------------------- */

static void
ppv_compare_dialog_class_init (PpvCompareDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[DOCUMENT_CHOSEN] =
    g_signal_new ("document-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PPV_TYPE_DOCUMENT);
  signals[REQUEST_CHOSEN] =
    g_signal_new ("request-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pprofviewer/PprofViewer/ppv-compare-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PpvCompareDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PpvCompareDialog, tabs_group);
  gtk_widget_class_bind_template_child (widget_class, PpvCompareDialog, kept_group);
  gtk_widget_class_bind_template_child (widget_class, PpvCompareDialog, address_row);
  gtk_widget_class_bind_template_callback (widget_class, file_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, address_row_apply_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ppv_compare_dialog_init (PpvCompareDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  list_kept (self);
}

PpvCompareDialog *
ppv_compare_dialog_new (GtkWindow  *parent,
                        const char *profile_name)
{
  PpvCompareDialog *self = g_object_new (PPV_TYPE_COMPARE_DIALOG,
                                         "transient-for", parent,
                                         NULL);
  g_autofree char *subtitle = NULL;

  /* Translators: the Compare With dialog's subtitle: "the base of heap.pb.gz". */
  subtitle = g_strdup_printf (_("the base of %s"), profile_name);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  return self;
}
