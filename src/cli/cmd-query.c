/* cmd-query.c — nieuwsgraaf query [--format F] QUERY */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "nieuwsgraaf/query.h"
#include "nieuwsgraaf/sparql.h"

static char *opt_store, *opt_format, *opt_file;
static gint64 opt_max_solutions = NG_SPARQL_MAX_SOLUTIONS;

static GOptionEntry entries[] = {
  { "store", 's', 0, G_OPTION_ARG_FILENAME, &opt_store,
    "Store directory (default " NG_DEFAULT_STORE ")", "DIR" },
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format,
    "table (default), json, xml, csv, tsv; turtle or ntriples for CONSTRUCT", "F" },
  { "query-file", 'Q', 0, G_OPTION_ARG_FILENAME, &opt_file,
    "Read the query from FILE (- for standard input)", "FILE" },
  { "max-solutions", 0, 0, G_OPTION_ARG_INT64, &opt_max_solutions,
    "Stop a query needing more intermediate solutions (default 1000000)", "N" },
  G_OPTION_ENTRY_NULL
};

int
ng_cmd_query (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new ("QUERY — run SPARQL on the merged graph");
  g_autoptr (GError) error = NULL;
  g_autoptr (NgStore) store = NULL;
  g_autoptr (NgQueryResult) res = NULL;
  g_autofree char *text = NULL;
  int status = NG_EXIT_OK;

  g_option_context_set_summary (ctx,
    "Runs a SPARQL query over the merged graph.  The prefixes ng:, schema:,\n"
    "rdf:, rdfs:, xsd:, owl:, prov:, dcterms:, sem: and wd: are predeclared.\n"
    "Rasqal parses the query, nieuwsgraaf evaluates it (property paths\n"
    "included); SERVICE is refused with a message, never answered wrongly.\n"
    "Updates go to “nieuwsgraaf update”.");
  g_option_context_set_description (ctx,
    "Example:\n"
    "  nieuwsgraaf query 'SELECT ?a ?b WHERE { ?m a ng:Meeting ; schema:attendee ?x, ?y .\n"
    "    ?x schema:name ?a . ?y schema:name ?b FILTER(?a < ?b) }'");
  g_option_context_add_main_entries (ctx, entries, NULL);
  ng_cli_add_common (ctx);
  if (!ng_cli_parse (ctx, &argc, &argv))
    return NG_EXIT_USAGE;
  if (opt_file)
    {
      if (argc != 1)
        {
          ng_cli_error ("give the query either as argument or with --query-file");
          return NG_EXIT_USAGE;
        }
      if (strcmp (opt_file, "-") == 0)
        {
          GString *s = g_string_new (NULL);
          char buf[4096];
          size_t n;
          while ((n = fread (buf, 1, sizeof buf, stdin)) > 0)
            g_string_append_len (s, buf, (gssize) n);
          text = g_string_free (s, FALSE);
        }
      else if (!g_file_get_contents (opt_file, &text, NULL, &error))
        {
          ng_cli_error ("%s", error->message);
          return NG_EXIT_PARTIAL;
        }
    }
  else if (argc == 2)
    text = g_strdup (argv[1]);
  else
    {
      ng_cli_error ("expected one QUERY\nTry “%s --help”.", g_get_prgname ());
      return NG_EXIT_USAGE;
    }

  if (opt_max_solutions < 1 || opt_max_solutions > G_MAXUINT)
    {
      ng_cli_error ("--max-solutions must be between 1 and %u", G_MAXUINT);
      return NG_EXIT_USAGE;
    }
  store = ng_cli_open_store (opt_store ? opt_store : NG_DEFAULT_STORE, NG_STORE_READ);
  if (store == NULL)
    return NG_EXIT_PARTIAL;
  {
    NgQueryOptions options = { .max_solutions = (guint) opt_max_solutions };
    res = ng_query_run_full (store, text, opt_format ? opt_format : "table", &options,
                             &error);
  }
  if (res == NULL)
    {
      ng_cli_error ("%s", error->message);
      status = g_error_matches (error, NG_QUERY_ERROR, NG_QUERY_ERROR_FORMAT)
               ? NG_EXIT_USAGE : NG_EXIT_PARTIAL;
    }
  else
    fwrite (res->body, 1, res->length, stdout);
  g_clear_pointer (&opt_store, g_free);
  g_clear_pointer (&opt_format, g_free);
  g_clear_pointer (&opt_file, g_free);
  return status;
}
