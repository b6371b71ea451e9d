/* ppv-test-pane.c — a report pane for the tests only: a text report shown
 * as one label, selection by row name, a build counter.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ppv-test-pane.h"

struct _PpvTestPane
{
  PpvReportPane  parent_instance;

  GtkWidget     *label;
  PpvReport     *report;     /* borrowed: the pane's result */
  char          *selected;
  char          *search;
  guint          n_builds;
};

G_DEFINE_FINAL_TYPE (PpvTestPane, ppv_test_pane, PPV_TYPE_REPORT_PANE)

static gboolean
has_row (PpvReport  *report,
         const char *plain_name)
{
  for (guint i = 0; report != NULL && plain_name != NULL && i < ppv_report_get_n_rows (report); i++)
    if (g_strcmp0 (ppv_report_get_row (report, i)->name, plain_name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
ppv_test_pane_select_name (PpvReportPane *pane,
                           const char    *plain_name)
{
  PpvTestPane *self = PPV_TEST_PANE (pane);
  gboolean found = has_row (self->report, plain_name);

  g_free (self->selected);
  self->selected = found ? g_strdup (plain_name) : NULL;
  gtk_label_set_text (GTK_LABEL (self->label), self->selected != NULL ? self->selected : "");
  return found;
}

static gpointer
ppv_test_pane_prepare (PpvReportPane *pane)
{
  PPV_TEST_PANE (pane)->n_builds++;
  return NULL;
}

static gpointer
ppv_test_pane_build (PpvReportInputs  *inputs,
                     GCancellable     *cancellable,
                     GError          **error)
{
  return ppv_report_new (inputs->profile, &inputs->options, PPV_REPORT_KIND_TEXT, cancellable, error);
}

/* A new report: the current function is selected again, if it has it. */
static void
ppv_test_pane_apply (PpvReportPane *pane,
                     gpointer       result)
{
  PpvTestPane *self = PPV_TEST_PANE (pane);

  self->report = result;
  ppv_test_pane_select_name (pane, ppv_report_pane_get_selected_name (pane));
}

static PpvReport *
ppv_test_pane_get_report (PpvReportPane *pane)
{
  return PPV_TEST_PANE (pane)->report;
}

static void
ppv_test_pane_set_search (PpvReportPane *pane,
                          const char    *text)
{
  PpvTestPane *self = PPV_TEST_PANE (pane);

  g_free (self->search);
  self->search = g_strdup (text);
}

static void
ppv_test_pane_dispose (GObject *object)
{
  PpvTestPane *self = PPV_TEST_PANE (object);

  g_clear_pointer (&self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (ppv_test_pane_parent_class)->dispose (object);
}

static void
ppv_test_pane_finalize (GObject *object)
{
  PpvTestPane *self = PPV_TEST_PANE (object);

  g_free (self->selected);
  g_free (self->search);

  G_OBJECT_CLASS (ppv_test_pane_parent_class)->finalize (object);
}

static void
ppv_test_pane_class_init (PpvTestPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PpvReportPaneClass *pane_class = PPV_REPORT_PANE_CLASS (klass);

  object_class->dispose = ppv_test_pane_dispose;
  object_class->finalize = ppv_test_pane_finalize;

  pane_class->page_name = "test";
  pane_class->page_title = "Test";
  pane_class->icon_name = "text-x-generic-symbolic";
  pane_class->result_free = (GDestroyNotify) ppv_report_unref;
  pane_class->prepare = ppv_test_pane_prepare;
  pane_class->build = ppv_test_pane_build;
  pane_class->apply = ppv_test_pane_apply;
  pane_class->get_report = ppv_test_pane_get_report;
  pane_class->select_name = ppv_test_pane_select_name;
  pane_class->set_search = ppv_test_pane_set_search;

  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
ppv_test_pane_init (PpvTestPane *self)
{
  self->label = gtk_label_new (NULL);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
}

PpvReportPane *
ppv_test_pane_new (void)
{
  return g_object_new (PPV_TYPE_TEST_PANE, NULL);
}

guint
ppv_test_pane_get_n_builds (PpvTestPane *self)
{
  return self->n_builds;
}

const char *
ppv_test_pane_get_selected (PpvTestPane *self)
{
  return self->selected;
}

const char *
ppv_test_pane_get_search (PpvTestPane *self)
{
  return self->search;
}

void
ppv_test_pane_click (PpvTestPane *self,
                     const char  *plain_name)
{
  if (ppv_test_pane_select_name (PPV_REPORT_PANE (self), plain_name))
    ppv_report_pane_emit_selected (PPV_REPORT_PANE (self), plain_name);
}
