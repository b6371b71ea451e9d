/* ppv-fetch-tool.c — a small command-line driver of src/fetch for the integration test.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>

#include "ppv-endpoint-index.h"
#include "ppv-fetcher.h"
#include "ppv-source.h"

static int opt_seconds = 0;
static int opt_deadline = -1;
static gboolean opt_insecure = FALSE;

static GOptionEntry entries[] = {
  { "seconds", 's', 0, G_OPTION_ARG_INT, &opt_seconds, "Seconds for CPU or delta profiles", "N" },
  { "deadline", 'd', 0, G_OPTION_ARG_INT, &opt_deadline, "Deadline in seconds", "N" },
  { "insecure", 'k', 0, G_OPTION_ARG_NONE, &opt_insecure, "Accept any TLS certificate", NULL },
  { NULL }
};

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static int
list_endpoints (PpvFetcher *fetcher,
                const char *source)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) endpoints = NULL;
  g_autofree char *index_uri = ppv_source_to_index_uri (source, NULL, &error);

  if (index_uri == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  ppv_fetcher_list_endpoints_async (fetcher, index_uri, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);

  endpoints = ppv_fetcher_list_endpoints_finish (fetcher, result, &error);
  if (endpoints == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < g_list_model_get_n_items (endpoints); i++)
    {
      g_autoptr(PpvEndpoint) endpoint = g_list_model_get_item (endpoints, i);
      g_autofree char *uri = ppv_endpoint_dup_profile_uri (endpoint, 0);

      g_print ("%s\t%" G_GINT64_FORMAT "\t%s\t%s\n",
               ppv_endpoint_get_name (endpoint), ppv_endpoint_get_count (endpoint),
               uri != NULL ? uri : "-", ppv_endpoint_get_description (endpoint));
    }
  return 0;
}

static int
fetch_to_file (PpvFetcher *fetcher,
               const char *source,
               const char *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *final_uri = NULL;
  g_autofree char *save_name = NULL;
  g_autofree char *uri = NULL;
  gboolean insecure = FALSE;

  uri = ppv_source_to_uri (source, opt_seconds, &insecure, &error);
  if (uri == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (insecure)
    g_object_set (fetcher, "insecure", TRUE, NULL);

  body = ppv_fetcher_fetch_sync (fetcher, uri, NULL, &final_uri, &error);
  if (body == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (!g_file_set_contents (output, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  save_name = ppv_source_dup_save_name (final_uri, NULL);
  g_print ("%s\t%" G_GSIZE_FORMAT "\t%s\n", final_uri, g_bytes_get_size (body), save_name);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainContext) main_context = NULL;
  g_autoptr(PpvFetcher) fetcher = NULL;
  int status;

  context = g_option_context_new ("list SOURCE | fetch SOURCE OUTPUT | uri SOURCE");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (argc == 3 && g_str_equal (argv[1], "uri"))
    {
      g_autofree char *uri = ppv_source_to_uri (argv[2], opt_seconds, NULL, &error);

      if (uri == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_print ("%s\n", uri);
      return 0;
    }

  /* As the CLI will: a private context, so no main loop is needed. */
  main_context = g_main_context_new ();
  g_main_context_push_thread_default (main_context);
  fetcher = ppv_fetcher_new ();
  g_object_set (fetcher, "insecure", opt_insecure, NULL);
  if (opt_deadline >= 0)
    g_object_set (fetcher, "deadline", (guint) opt_deadline, NULL);

  if (argc == 3 && g_str_equal (argv[1], "list"))
    status = list_endpoints (fetcher, argv[2]);
  else if (argc == 4 && g_str_equal (argv[1], "fetch"))
    status = fetch_to_file (fetcher, argv[2], argv[3]);
  else
    {
      g_printerr ("usage: %s list SOURCE | fetch SOURCE OUTPUT | uri SOURCE\n", argv[0]);
      status = 2;
    }

  g_clear_object (&fetcher);
  while (g_main_context_iteration (main_context, FALSE))
    ;
  g_main_context_pop_thread_default (main_context);
  return status;
}
