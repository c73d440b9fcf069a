/* cmd-export.c — nieuwsgraaf export [--format F] [-o FILE] */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "cli.h"

static char *opt_store, *opt_format, *opt_output;

static GOptionEntry entries[] = {
  { "store", 's', 0, G_OPTION_ARG_FILENAME, &opt_store,
    "Store directory (default " NG_DEFAULT_STORE ")", "DIR" },
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format,
    "turtle (default), ntriples, nquads (with each article's named graph), rdfxml", "F" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    "Write to FILE (default: standard output)", "FILE" },
  G_OPTION_ENTRY_NULL
};

int
ng_cmd_export (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new ("— write the merged graph");
  g_autoptr (GError) error = NULL;
  g_autoptr (NgStore) store = NULL;
  g_autofree char *tmp = NULL;
  FILE *out = stdout;
  int status = NG_EXIT_OK;

  g_option_context_set_summary (ctx,
    "Writes the merged graph: one node per person, place, organisation, meeting\n"
    "and sanction regime, with provenance to the articles.  The nquads format\n"
    "adds each article's own graph as a named graph.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  ng_cli_add_common (ctx);
  if (!ng_cli_parse (ctx, &argc, &argv))
    return NG_EXIT_USAGE;
  if (argc != 1)
    {
      ng_cli_error ("unexpected argument “%s”\nTry “%s --help”.", argv[1], g_get_prgname ());
      return NG_EXIT_USAGE;
    }
  if (opt_format && g_strcmp0 (opt_format, "turtle") && g_strcmp0 (opt_format, "ntriples")
      && g_strcmp0 (opt_format, "nquads") && g_strcmp0 (opt_format, "rdfxml"))
    {
      ng_cli_error ("unknown format “%s” (turtle, ntriples, nquads, rdfxml)", opt_format);
      return NG_EXIT_USAGE;
    }
  store = ng_cli_open_store (opt_store ? opt_store : NG_DEFAULT_STORE, NG_STORE_READ);
  if (store == NULL)
    return NG_EXIT_PARTIAL;
  if (opt_output && g_strcmp0 (opt_output, "-") != 0)
    {
      /* write beside the target and rename, so a failed export never leaves
         a truncated file */
      tmp = g_strdup_printf ("%s.tmp-%d", opt_output, (int) getpid ());
      out = g_fopen (tmp, "wb");
      if (out == NULL)
        {
          int e = errno;
          ng_cli_error ("%s: cannot write: %s", opt_output, g_strerror (e));
          return NG_EXIT_PARTIAL;
        }
    }
  if (!ng_store_export (store, opt_format ? opt_format : "turtle", out, &error))
    {
      ng_cli_error ("%s", error->message);
      status = NG_EXIT_PARTIAL;
    }
  if (tmp)
    {
      if (fclose (out) != 0 && status == NG_EXIT_OK)
        {
          int e = errno;
          ng_cli_error ("%s: %s", opt_output, g_strerror (e));
          status = NG_EXIT_PARTIAL;
        }
      if (status == NG_EXIT_OK && g_rename (tmp, opt_output) != 0)
        {
          int e = errno;
          ng_cli_error ("%s: %s", opt_output, g_strerror (e));
          status = NG_EXIT_PARTIAL;
        }
      if (status != NG_EXIT_OK)
        g_unlink (tmp);
    }
  g_clear_pointer (&opt_store, g_free);
  g_clear_pointer (&opt_format, g_free);
  g_clear_pointer (&opt_output, g_free);
  return status;
}
