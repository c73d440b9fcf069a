/* cmd-publish.c — nieuwsgraaf publish --to URL [--user U --password-file F]
 *                 [--graph-base IRI | --merged-graph IRI] [--store DIR] …
 *
 * The password is read from a file (or NG_PUBLISH_PASSWORD), never taken
 * on the command line, where every user of the machine can read it. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "nieuwsgraaf/publish.h"
#include "cli.h"

static char *opt_store, *opt_to, *opt_user, *opt_password_file, *opt_graph_base,
            *opt_merged_graph;
static int opt_batch = NG_PUBLISH_DEFAULT_BATCH, opt_retries = NG_PUBLISH_DEFAULT_RETRIES,
           opt_jobs = NG_PUBLISH_DEFAULT_JOBS;
static gboolean opt_merged_only;

static GOptionEntry entries[] = {
  { "to", 't', 0, G_OPTION_ARG_STRING, &opt_to,
    "SPARQL 1.1 Graph Store endpoint (Virtuoso: http://HOST:8890/sparql-graph-crud-auth)",
    "URL" },
  { "user", 'u', 0, G_OPTION_ARG_STRING, &opt_user, "User for HTTP digest/basic authentication", "U" },
  { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_password_file,
    "Read the password from FILE (- for standard input; default: $NG_PUBLISH_PASSWORD)", "FILE" },
  { "graph-base", 0, 0, G_OPTION_ARG_STRING, &opt_graph_base,
    "The merged graph is named IRI + \"merged\" (default " NG_PUBLISH_DEFAULT_GRAPH_BASE ")", "IRI" },
  { "merged-graph", 0, 0, G_OPTION_ARG_STRING, &opt_merged_graph,
    "Name of the merged graph (overrides --graph-base)", "IRI" },
  { "merged-only", 0, 0, G_OPTION_ARG_NONE, &opt_merged_only,
    "Publish the merged graph only, not the article graphs", NULL },
  { "store", 's', 0, G_OPTION_ARG_FILENAME, &opt_store,
    "Store directory (default " NG_DEFAULT_STORE ")", "DIR" },
  { "batch-triples", 0, 0, G_OPTION_ARG_INT, &opt_batch,
    "Triples per request (default " G_STRINGIFY (NG_PUBLISH_DEFAULT_BATCH) "; 0: one request per graph)", "N" },
  { "retries", 0, 0, G_OPTION_ARG_INT, &opt_retries,
    "Attempts after a connection error or 5xx answer, 0.5 s apart and doubling (default 4)", "N" },
  { "jobs", 'j', 0, G_OPTION_ARG_INT, &opt_jobs, "Requests in flight at once (default " G_STRINGIFY (NG_PUBLISH_DEFAULT_JOBS) ")", "N" },
  G_OPTION_ENTRY_NULL
};

static void
clear_options (void)
{
  g_clear_pointer (&opt_store, g_free);
  g_clear_pointer (&opt_to, g_free);
  g_clear_pointer (&opt_user, g_free);
  g_clear_pointer (&opt_password_file, g_free);
  g_clear_pointer (&opt_graph_base, g_free);
  g_clear_pointer (&opt_merged_graph, g_free);
}

static void
wipe (char *secret)
{
  if (secret)
    memset (secret, 0, strlen (secret));
}

/* The first line of FILE (or standard input for "-"), without its line
 * end.  Errors name the file, never its content. */
static char *
read_password (const char *file, GError **error)
{
  g_autofree char *text = NULL;
  gsize len = 0;

  if (strcmp (file, "-") == 0)
    {
      char buf[4096];
      if (fgets (buf, sizeof buf, stdin) == NULL)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO,
                       "no password on standard input");
          return NULL;
        }
      text = g_strdup (buf);
      memset (buf, 0, sizeof buf);
    }
  else if (!g_file_get_contents (file, &text, &len, error))
    return NULL;
  text[strcspn (text, "\r\n")] = '\0';
  if (text[0] == '\0')
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: the password is empty",
                   strcmp (file, "-") == 0 ? "standard input" : file);
      memset (text, 0, len);
      return NULL;
    }
  return g_steal_pointer (&text);
}

typedef struct {
  gboolean bar;        /* a terminal: redraw one line */
  gint64 start;
  gint64 last_draw;
} Progress;

static void
draw_progress (const NgPublishProgress *pr, gpointer data)
{
  Progress *p = data;
  gint64 now = g_get_monotonic_time ();
  double secs = (now - p->start) / 1e6;
  double frac = pr->triples_total ? (double) pr->triples_sent / pr->triples_total : 0;
  char bar[31];
  int fill;

  /* redrawing costs a write; 10 times a second is plenty */
  if (!p->bar || (now - p->last_draw < 100000 && pr->triples_sent < pr->triples_total))
    return;
  p->last_draw = now;
  fill = (int) (frac * 30 + 0.5);
  memset (bar, '#', (size_t) MIN (fill, 30));
  memset (bar + MIN (fill, 30), '.', (size_t) (30 - MIN (fill, 30)));
  bar[30] = '\0';
  fprintf (stderr, "\r[%s] %3.0f%%  %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
           " triples  %u/%u graphs  %.0f triples/s ", bar, frac * 100,
           pr->triples_sent, pr->triples_total, pr->graphs_done, pr->graphs_total,
           secs > 0 ? pr->triples_sent / secs : 0);
  fflush (stderr);
}

static void
log_request (const char *message, gpointer data)
{
  (void) data;
  ng_cli_debug ("%s", message);
}

int
ng_cmd_publish (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new ("— send the graph to a SPARQL 1.1 Graph Store");
  g_autoptr (NgStore) store = NULL;
  g_autoptr (NgPublisher) pub = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *password = NULL;
  g_autofree char *merged = NULL;
  Progress progress = { 0 };
  const char *env_password;
  const NgPublishProgress *done;
  gboolean ok;
  double secs;

  g_option_context_set_summary (ctx,
    "Replaces, in a triple store that speaks the SPARQL 1.1 Graph Store HTTP\n"
    "Protocol (Virtuoso, Fuseki, GraphDB, Stardog, …), the merged graph (named\n"
    NG_PUBLISH_DEFAULT_GRAPH_BASE "merged unless told otherwise) and every\n"
    "article's named graph (named by the article IRI) by what the store holds:\n"
    "the first request of a graph is a PUT, further batches are POSTs, so\n"
    "publishing again replaces the graphs instead of duplicating triples.");
  g_option_context_set_description (ctx,
    "The password comes from --password-file or the environment variable\n"
    "NG_PUBLISH_PASSWORD, never from the command line.  Example (Virtuoso):\n"
    "  nieuwsgraaf publish --to http://127.0.0.1:8890/sparql-graph-crud-auth \\\n"
    "      --user dba --password-file ~/.virtuoso-password\n");
  g_option_context_add_main_entries (ctx, entries, NULL);
  ng_cli_add_common (ctx);
  if (!ng_cli_parse (ctx, &argc, &argv))
    {
      clear_options ();
      return NG_EXIT_USAGE;
    }
  if (argc != 1 || opt_to == NULL || opt_batch < 0 || opt_retries < 0 || opt_jobs < 1
      || (opt_password_file && opt_user == NULL))
    {
      ng_cli_error ("usage: nieuwsgraaf publish --to URL [--user U --password-file F] "
                    "[--graph-base IRI | --merged-graph IRI] [--store DIR] "
                    "[--batch-triples N] [--retries N] [--jobs N]%s",
                    opt_to == NULL ? " (--to is required)"
                    : opt_password_file && !opt_user ? " (--password-file needs --user)" : "");
      clear_options ();
      return NG_EXIT_USAGE;
    }
  env_password = g_getenv ("NG_PUBLISH_PASSWORD");
  if (opt_password_file)
    {
      password = read_password (opt_password_file, &error);
      if (password == NULL)
        {
          ng_cli_error ("%s", error->message);
          clear_options ();
          return NG_EXIT_USAGE;
        }
    }
  else if (opt_user && env_password && *env_password)
    password = g_strdup (env_password);
  else if (opt_user)
    {
      ng_cli_error ("--user %s needs a password: --password-file FILE or "
                    "NG_PUBLISH_PASSWORD", opt_user);
      clear_options ();
      return NG_EXIT_USAGE;
    }

  pub = ng_publisher_new (opt_to, &error);
  if (pub == NULL)
    {
      ng_cli_error ("%s", error->message);
      clear_options ();
      wipe (password);
      return NG_EXIT_USAGE;
    }
  if (opt_user)
    ng_publisher_set_credentials (pub, opt_user, password);
  wipe (password);  /* the publisher keeps its own copy */
  ng_publisher_set_batch_triples (pub, (guint) opt_batch);
  ng_publisher_set_retries (pub, (guint) opt_retries);
  ng_publisher_set_jobs (pub, (guint) opt_jobs);
  ng_publisher_set_log_func (pub, log_request, NULL);
  progress.bar = ng_cli_verbosity >= 1 && isatty (fileno (stderr));
  progress.start = g_get_monotonic_time ();
  if (progress.bar)
    ng_publisher_set_progress_func (pub, draw_progress, &progress);

  merged = opt_merged_graph ? g_strdup (opt_merged_graph)
         : g_strconcat (opt_graph_base ? opt_graph_base : NG_PUBLISH_DEFAULT_GRAPH_BASE,
                        "merged", NULL);
  store = ng_cli_open_store (opt_store ? opt_store : NG_DEFAULT_STORE, NG_STORE_READ);
  if (store == NULL)
    {
      clear_options ();
      return NG_EXIT_PARTIAL;
    }
  if (!ng_store_is_current (store))
    ng_cli_info ("warning: the merged graph is older than the stored articles; "
                 "run nieuwsgraaf build to merge again");
  ng_cli_debug ("publishing to %s, merged graph <%s>", opt_to, merged);
  ok = ng_publish_store (pub, store, merged, opt_merged_only, &error);
  secs = (g_get_monotonic_time () - progress.start) / 1e6;
  if (progress.bar)
    fputc ('\n', stderr);
  clear_options ();
  if (!ok)
    {
      ng_cli_error ("%s", error->message);
      return NG_EXIT_PARTIAL;
    }
  done = ng_publisher_get_progress (pub);
  ng_cli_info ("published %" G_GUINT64_FORMAT " triples in %u graphs (%u requests) "
               "in %.2f s, %.0f triples/s; merged graph <%s>", done->triples_sent,
               done->graphs_done, ng_publisher_get_requests (pub), secs,
               secs > 0 ? done->triples_sent / secs : 0.0, merged);
  return NG_EXIT_OK;
}
