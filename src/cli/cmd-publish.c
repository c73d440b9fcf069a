/* cmd-publish.c — nieuwsgraaf publish --to URL [--user U --password-file F]
 *                 [--graph-base IRI | --merged-graph IRI] [--store DIR] …
 *               nieuwsgraaf publish --virtuoso-loader HOST:PORT --loader-dir DIR …
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
            *opt_merged_graph, *opt_loader, *opt_loader_dir, *opt_loader_server_dir;
/* -1 and 0: the default of the way of publishing chosen */
static int opt_batch = -1, opt_retries = NG_PUBLISH_DEFAULT_RETRIES, opt_jobs = 0;
static gboolean opt_merged_only;

static GOptionEntry entries[] = {
  { "to", 't', 0, G_OPTION_ARG_STRING, &opt_to,
    "SPARQL 1.1 Graph Store endpoint (Virtuoso: http://HOST:8890/sparql-graph-crud-auth)",
    "URL" },
  { "virtuoso-loader", 0, 0, G_OPTION_ARG_STRING, &opt_loader,
    "Instead: load through Virtuoso's bulk loader, over its SQL port (isql-vt)", "HOST:PORT" },
  { "loader-dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_loader_dir,
    "Directory for the loader's N-Quads files; must be in the server's DirsAllowed", "DIR" },
  { "loader-server-dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_loader_server_dir,
    "The loader directory's path on the server, if it differs (a shared directory)", "DIR" },
  { "user", 'u', 0, G_OPTION_ARG_STRING, &opt_user,
    "User for HTTP digest/basic authentication, or the loader's SQL user (default dba)", "U" },
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
    "Triples per request (default " G_STRINGIFY (NG_PUBLISH_DEFAULT_BATCH) "; 0: one request per graph) "
    "or per loader file (default " G_STRINGIFY (NG_LOADER_DEFAULT_FILE_TRIPLES) ")", "N" },
  { "retries", 0, 0, G_OPTION_ARG_INT, &opt_retries,
    "Attempts after a connection error or 5xx answer, 0.5 s apart and doubling (default 4)", "N" },
  { "jobs", 'j', 0, G_OPTION_ARG_INT, &opt_jobs,
    "Requests in flight at once (default " G_STRINGIFY (NG_PUBLISH_DEFAULT_JOBS) "), or "
    "rdf_loader_run() sessions at once (default " G_STRINGIFY (NG_LOADER_DEFAULT_THREADS) ")", "N" },
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
  g_clear_pointer (&opt_loader, g_free);
  g_clear_pointer (&opt_loader_dir, g_free);
  g_clear_pointer (&opt_loader_server_dir, g_free);
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
  if (!p->bar || (now - p->last_draw < 100000 && pr->triples_sent < pr->triples_total
                  && pr->phase == NULL))
    return;
  p->last_draw = now;
  fill = (int) (frac * 30 + 0.5);
  memset (bar, '#', (size_t) MIN (fill, 30));
  memset (bar + MIN (fill, 30), '.', (size_t) (30 - MIN (fill, 30)));
  bar[30] = '\0';
  if (pr->phase)  /* the loader: writes, clears, then loads whole files */
    fprintf (stderr, "\r[%s] %3.0f%%  %-8s %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
             " triples  %u graphs  %.0f s ", bar, frac * 100, pr->phase,
             pr->triples_sent, pr->triples_total, pr->graphs_total, secs);
  else
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

/* Ends the progress line, then reports ERROR or what DONE says (HOW: the
 * requests or files it took). */
static int
report_result (gboolean ok, const GError *error, const Progress *progress,
               const NgPublishProgress *done, const char *how, const char *merged)
{
  double secs = (g_get_monotonic_time () - progress->start) / 1e6;

  if (progress->bar)
    fputc ('\n', stderr);
  if (!ok)
    {
      ng_cli_error ("%s", error->message);
      return NG_EXIT_PARTIAL;
    }
  ng_cli_info ("published %" G_GUINT64_FORMAT " triples in %u graphs (%s) in %.2f s, "
               "%.0f triples/s; merged graph <%s>", done->triples_sent, done->graphs_done,
               how, secs, secs > 0 ? done->triples_sent / secs : 0.0, merged);
  return NG_EXIT_OK;
}

/* The Graph Store protocol: any server. */
static int
publish_over_http (NgStore *store, const char *password, const char *merged,
                   Progress *progress)
{
  g_autoptr (NgPublisher) pub = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *how = NULL;
  gboolean ok;

  pub = ng_publisher_new (opt_to, &error);
  if (pub == NULL)
    {
      ng_cli_error ("%s", error->message);
      return NG_EXIT_USAGE;
    }
  if (opt_user)
    ng_publisher_set_credentials (pub, opt_user, password);
  ng_publisher_set_batch_triples (pub, opt_batch >= 0 ? (guint) opt_batch : NG_PUBLISH_DEFAULT_BATCH);
  ng_publisher_set_retries (pub, (guint) opt_retries);
  ng_publisher_set_jobs (pub, opt_jobs > 0 ? (guint) opt_jobs : NG_PUBLISH_DEFAULT_JOBS);
  ng_publisher_set_log_func (pub, log_request, NULL);
  if (progress->bar)
    ng_publisher_set_progress_func (pub, draw_progress, progress);
  ng_cli_debug ("publishing to %s, merged graph <%s>", opt_to, merged);
  ok = ng_publish_store (pub, store, merged, opt_merged_only, &error);
  how = g_strdup_printf ("%u requests", ng_publisher_get_requests (pub));
  return report_result (ok, error, progress, ng_publisher_get_progress (pub), how, merged);
}

/* Virtuoso's bulk loader, through files in a directory it may read. */
static int
publish_with_loader (NgStore *store, const char *password, const char *merged,
                     Progress *progress)
{
  g_autoptr (NgLoader) loader = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *how = NULL;
  gboolean ok;

  loader = ng_loader_new (opt_loader, opt_loader_dir, &error);
  if (loader == NULL
      || (opt_loader_server_dir && !ng_loader_set_server_dir (loader, opt_loader_server_dir, &error)))
    {
      ng_cli_error ("%s", error->message);
      return NG_EXIT_USAGE;
    }
  ng_loader_set_credentials (loader, opt_user ? opt_user : "dba", password);
  if (opt_batch > 0)
    ng_loader_set_file_triples (loader, (guint) opt_batch);
  if (opt_jobs > 0)
    ng_loader_set_threads (loader, (guint) opt_jobs);
  ng_loader_set_log_func (loader, log_request, NULL);
  if (progress->bar)
    ng_loader_set_progress_func (loader, draw_progress, progress);
  ng_cli_debug ("loading into Virtuoso at %s through %s, merged graph <%s>", opt_loader,
                opt_loader_dir, merged);
  ok = ng_loader_load_store (loader, store, merged, opt_merged_only, &error);
  how = g_strdup_printf ("%u file%s, bulk loader", ng_loader_get_files (loader),
                         ng_loader_get_files (loader) == 1 ? "" : "s");
  return report_result (ok, error, progress, ng_loader_get_progress (loader), how, merged);
}

static int
usage (const char *why)
{
  ng_cli_error ("usage: nieuwsgraaf publish --to URL [--user U --password-file F] "
                "[--graph-base IRI | --merged-graph IRI] [--store DIR] "
                "[--batch-triples N] [--retries N] [--jobs N]\n"
                "   or: nieuwsgraaf publish --virtuoso-loader HOST:PORT --loader-dir DIR "
                "[--user U] --password-file F [--graph-base IRI | --merged-graph IRI] "
                "[--store DIR] [--batch-triples N] [--jobs N]%s%s%s",
                why ? " (" : "", why ? why : "", why ? ")" : "");
  clear_options ();
  return NG_EXIT_USAGE;
}

int
ng_cmd_publish (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new ("— send the graph to a SPARQL 1.1 Graph Store or into Virtuoso");
  g_autoptr (NgStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *password = NULL;
  g_autofree char *merged = NULL;
  Progress progress = { 0 };
  const char *env_password;
  const char *user;
  int status;

  g_option_context_set_summary (ctx,
    "Replaces, in a triple store that speaks the SPARQL 1.1 Graph Store HTTP\n"
    "Protocol (Virtuoso, Fuseki, GraphDB, Stardog, …), the merged graph (named\n"
    NG_PUBLISH_DEFAULT_GRAPH_BASE "merged unless told otherwise) and every\n"
    "article's named graph (named by the article IRI) by what the store holds:\n"
    "the first request of a graph is a PUT, further batches are POSTs, so\n"
    "publishing again replaces the graphs instead of duplicating triples.\n"
    "\n"
    "With --virtuoso-loader, the same graphs go into Virtuoso through its bulk\n"
    "loader instead, several times faster for a whole store: N-Quads files are\n"
    "written into a new subdirectory of --loader-dir (which the server must be\n"
    "allowed to read: DirsAllowed in virtuoso.ini, on the same machine or a\n"
    "shared directory), the graphs' old triples are deleted, the files loaded by\n"
    "--jobs rdf_loader_run() sessions through isql-vt (NG_ISQL), every file's\n"
    "result checked, and the files removed.");
  g_option_context_set_description (ctx,
    "The password comes from --password-file or the environment variable\n"
    "NG_PUBLISH_PASSWORD, never from the command line.  isql-vt, which the\n"
    "loader runs, takes it only as an argument: while it runs, users who can\n"
    "list this machine's processes can read it there.  Examples (Virtuoso):\n"
    "  nieuwsgraaf publish --to http://127.0.0.1:8890/sparql-graph-crud-auth \\\n"
    "      --user dba --password-file ~/.virtuoso-password\n"
    "  nieuwsgraaf publish --virtuoso-loader 127.0.0.1:1111 \\\n"
    "      --loader-dir /var/lib/virtuoso-opensource-7/db \\\n"
    "      --password-file ~/.virtuoso-password\n");
  g_option_context_add_main_entries (ctx, entries, NULL);
  ng_cli_add_common (ctx);
  if (!ng_cli_parse (ctx, &argc, &argv))
    {
      clear_options ();
      return NG_EXIT_USAGE;
    }
  if (argc != 1 || opt_batch < -1 || opt_retries < 0 || opt_jobs < 0)
    return usage (NULL);
  if ((opt_to == NULL) == (opt_loader == NULL))
    return usage (opt_to ? "--to or --virtuoso-loader, not both"
                         : "--to or --virtuoso-loader is required");
  if (opt_loader && opt_loader_dir == NULL)
    return usage ("--virtuoso-loader needs --loader-dir");
  if (opt_loader == NULL && (opt_loader_dir || opt_loader_server_dir))
    return usage ("--loader-dir goes with --virtuoso-loader");
  if (opt_to && opt_password_file && opt_user == NULL)
    return usage ("--password-file needs --user");
  /* the loader always logs in; its user defaults to dba */
  user = opt_loader && opt_user == NULL ? "dba" : opt_user;
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
  else if (user && env_password && *env_password)
    password = g_strdup (env_password);
  else if (user)
    {
      ng_cli_error ("%s %s needs a password: --password-file FILE or "
                    "NG_PUBLISH_PASSWORD", opt_user ? "--user" : "the SQL user", user);
      clear_options ();
      return NG_EXIT_USAGE;
    }

  progress.bar = ng_cli_verbosity >= 1 && isatty (fileno (stderr));
  progress.start = g_get_monotonic_time ();
  merged = opt_merged_graph ? g_strdup (opt_merged_graph)
         : g_strconcat (opt_graph_base ? opt_graph_base : NG_PUBLISH_DEFAULT_GRAPH_BASE,
                        "merged", NULL);
  store = ng_cli_open_store (opt_store ? opt_store : NG_DEFAULT_STORE, NG_STORE_READ);
  if (store == NULL)
    {
      wipe (password);
      clear_options ();
      return NG_EXIT_PARTIAL;
    }
  if (!ng_store_is_current (store))
    ng_cli_info ("warning: the merged graph is older than the stored articles; "
                 "run nieuwsgraaf build to merge again");
  status = opt_loader ? publish_with_loader (store, password, merged, &progress)
                      : publish_over_http (store, password, merged, &progress);
  wipe (password);  /* the publisher and the loader keep their own copies */
  clear_options ();
  return status;
}
