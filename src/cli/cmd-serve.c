/* cmd-serve.c — `nieuwsgraaf serve`: the store as a SPARQL endpoint. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "nieuwsgraaf/server.h"
#include "nieuwsgraaf/sparql.h"

#define SERVE_DEFAULT_BIND "127.0.0.1"
#define SERVE_DEFAULT_PORT 8890
#define SERVE_DEFAULT_MAX_QUERY ((gint64) 1024 * 1024)
#define SERVE_TOKEN_ENV "NIEUWSGRAAF_UPDATE_TOKEN"

/* The update token: the first line of FILE (never given on the command
 * line, where every user of the machine could read it), else the
 * environment; NULL when none.  FALSE after an error message. */
static gboolean
read_update_token (const char *file, char **token)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  *token = NULL;
  if (file == NULL)
    {
      const char *env = g_getenv (SERVE_TOKEN_ENV);
      if (env == NULL || *env == '\0')
        return TRUE;
      text = g_strdup (env);
    }
  else if (!g_file_get_contents (file, &text, NULL, &error))
    {
      ng_cli_error ("--update-token-file: %s", error->message);
      return FALSE;
    }
  text[strcspn (text, "\r\n")] = '\0';
  g_strstrip (text);
  if (strlen (text) < 16 || !g_utf8_validate (text, -1, NULL))
    {
      ng_cli_error ("%s: the update token (its first line) must be at least 16 "
                    "characters", file ? file : "$" SERVE_TOKEN_ENV);
      return FALSE;
    }
  *token = g_steal_pointer (&text);
  return TRUE;
}

int
ng_cmd_serve (int argc, char **argv)
{
  g_autofree char *store_dir = NULL;
  g_autofree char *bind = NULL;
  g_autofree char *token_file = NULL;
  g_autofree char *token = NULL;
  int port = SERVE_DEFAULT_PORT;
  gint64 max_query = SERVE_DEFAULT_MAX_QUERY;
  double timeout = 30.0;
  double header_timeout = 20.0;
  int workers = 0;
  gint64 max_solutions = NG_SPARQL_MAX_SOLUTIONS;

  GOptionEntry entries[] = {
    { "store", 's', 0, G_OPTION_ARG_FILENAME, &store_dir,
      "Store directory (default " NG_DEFAULT_STORE ")", "DIR" },
    { "bind", 'b', 0, G_OPTION_ARG_STRING, &bind,
      "Address to listen on (default " SERVE_DEFAULT_BIND ")", "ADDR" },
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      "Port to listen on; 0 picks a free one (default 8890)", "N" },
    { "max-query-bytes", 0, 0, G_OPTION_ARG_INT64, &max_query,
      "Refuse larger queries with 413 (default 1048576)", "N" },
    { "timeout", 't', 0, G_OPTION_ARG_DOUBLE, &timeout,
      "Stop a query after SECONDS with 503 (default 30)", "SECONDS" },
    { "header-timeout", 0, 0, G_OPTION_ARG_DOUBLE, &header_timeout,
      "Close a connection idle or in mid-request for SECONDS (default 20)", "SECONDS" },
    { "max-solutions", 0, 0, G_OPTION_ARG_INT64, &max_solutions,
      "Refuse a query needing more intermediate solutions with 503 (default 1000000)", "N" },
    { "workers", 'w', 0, G_OPTION_ARG_INT, &workers,
      "Queries answered at once (default: one per processor)", "N" },
    { "update-token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file,
      "Accept SPARQL Update with the bearer token in FILE (default: "
      "$" SERVE_TOKEN_ENV ", else no updates)", "FILE" },
    { NULL }
  };

  g_autoptr (GOptionContext) context = g_option_context_new ("");
  g_option_context_set_summary (context,
    "Serves the merged graph of the store (the default graph; the article\n"
    "graphs are the named graphs) as a SPARQL 1.1 endpoint at\n"
    "http://ADDR:PORT/sparql until interrupted; read-only unless an update\n"
    "token is configured.");
  g_option_context_set_description (context,
    "The endpoint answers GET /sparql?query=..., POST application/sparql-query\n"
    "and POST application/x-www-form-urlencoded (query=...).  The result format\n"
    "follows the Accept header or a format=json|xml|csv|tsv|table parameter;\n"
    "JSON by default; default-graph-uri and named-graph-uri select the\n"
    "dataset.  Queries using features nieuwsgraaf cannot answer correctly\n"
    "are refused with 400, a query over the time limit gets 503.\n"
    "A request line over 32 kB gets 414, a request head over 60 kB 431, a\n"
    "malformed head 400, a request not sent in full within --header-timeout\n"
    "408 (idle connections are then closed).\n"
    "\n"
    "SPARQL Update (POST application/sparql-update, or a form with update=...)\n"
    "is refused with 403 unless the server has an update token: the first\n"
    "line of --update-token-file FILE, or $" SERVE_TOKEN_ENV ".  Then an\n"
    "update with \"Authorization: Bearer TOKEN\" is applied like `nieuwsgraaf\n"
    "update`: logged in the store's curation.ru, so that it survives restarts\n"
    "and rebuilds, and seen by every query after it.  No token: 401; a wrong\n"
    "one: 403; a bad update: 400; a build holding the store: 503.\n"
    "GET /sparql without a query gives the service description, GET / a query\n"
    "page with examples, GET /health the status, GET /data?default and\n"
    "/data?graph=IRI the graphs.\n"
    "\n"
    "Once listening, one line is written to standard error (also with\n"
    "--quiet):\n"
    "  nieuwsgraaf: SPARQL endpoint at http://127.0.0.1:8890/sparql\n"
    "followed, unless --quiet, by one line per request.  SIGINT or SIGTERM\n"
    "stops the server.\n"
    "\n"
    "Example:\n"
    "  nieuwsgraaf serve --store output/store --port 0\n");
  g_option_context_add_main_entries (context, entries, NULL);
  ng_cli_add_common (context);

  if (!ng_cli_parse (context, &argc, &argv))
    return NG_EXIT_USAGE;

  if (argc > 1) {
    ng_cli_error ("unexpected argument “%s” (see --help)", argv[1]);
    return NG_EXIT_USAGE;
  }
  if (port < 0 || port > 65535) {
    ng_cli_error ("--port must be between 0 and 65535, not %d", port);
    return NG_EXIT_USAGE;
  }
  if (timeout <= 0 || timeout > 86400) {
    ng_cli_error ("--timeout must be between 0 and 86400 seconds");
    return NG_EXIT_USAGE;
  }
  if (header_timeout < 1 || header_timeout > 3600) {
    ng_cli_error ("--header-timeout must be between 1 and 3600 seconds");
    return NG_EXIT_USAGE;
  }
  if (workers < 0 || workers > 256) {
    ng_cli_error ("--workers must be between 1 and 256");
    return NG_EXIT_USAGE;
  }
  if (max_solutions < 1 || max_solutions > G_MAXUINT) {
    ng_cli_error ("--max-solutions must be between 1 and %u", G_MAXUINT);
    return NG_EXIT_USAGE;
  }
  if (max_query <= 0) {
    ng_cli_error ("--max-query-bytes must be positive");
    return NG_EXIT_USAGE;
  }

  if (!read_update_token (token_file, &token))
    return NG_EXIT_USAGE;

  g_autoptr (NgStore) store =
    ng_cli_open_store (store_dir ? store_dir : NG_DEFAULT_STORE, NG_STORE_READ);
  if (!store)
    return NG_EXIT_PARTIAL;

  const char *address = bind ? bind : SERVE_DEFAULT_BIND;
  NgServerOptions options = {
    .bind = address,
    .port = (guint) port,
    .max_query_bytes = (gsize) max_query,
    .quiet = ng_cli_verbosity == 0,
    .store_dir = store_dir ? store_dir : NG_DEFAULT_STORE,
    .workers = (guint) workers,
    .timeout_ms = (guint) (timeout * 1000.0),
    .max_solutions = (guint) max_solutions,
    .header_timeout_ms = (guint) (header_timeout * 1000.0),
    .update_token = token,
    .take_store = TRUE,
  };

  g_autoptr (GError) error = NULL;
  g_autoptr (NgServer) server = ng_server_new (g_steal_pointer (&store), &options, &error);
  if (!server) {
    ng_cli_error ("cannot listen on %s port %d: %s", address, port,
                  error->message);
    return NG_EXIT_PARTIAL;
  }

  /* Scripts and tests read the port from this line, so it is printed even
   * with --quiet and flushed at once. */
  gboolean ipv6 = strchr (address, ':') != NULL;
  fprintf (stderr, "nieuwsgraaf: SPARQL endpoint at http://%s%s%s:%u/sparql\n",
           ipv6 ? "[" : "", address, ipv6 ? "]" : "",
           ng_server_get_port (server));
  if (token)
    fprintf (stderr, "nieuwsgraaf: SPARQL Update accepted with the update token\n");
  fflush (stderr);

  ng_server_run (server);
  if (token)
    memset (token, 0, strlen (token));
  return NG_EXIT_OK;
}
