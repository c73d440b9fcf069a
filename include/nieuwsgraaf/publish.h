/* publish.h — sending graphs to a server-class triple store over the SPARQL
 * 1.1 Graph Store HTTP Protocol (Virtuoso, Fuseki, GraphDB, Stardog, …).
 *
 * A graph is replaced, not appended to: its first request is a PUT (the
 * server drops what the graph held), further batches of a large graph are
 * POSTs that add to it, so publishing twice leaves the same triples.  Bodies
 * are N-Triples.  Requests run concurrently (ng_publisher_set_jobs), a
 * graph's POSTs only after its PUT has succeeded; connection errors and 5xx
 * answers are retried with exponential backoff.  A POST that is repeated
 * after an answer was lost adds no duplicates, since a graph is a set.
 *
 * Triples with a blank node go into one last request of their graph, so
 * that the server sees every blank-node label of a graph in one document
 * (labels are scoped to a request).  nieuwsgraaf's own graphs have none. */
#ifndef NIEUWSGRAAF_PUBLISH_H
#define NIEUWSGRAAF_PUBLISH_H

#include <glib.h>
#include <redland.h>
#include "nieuwsgraaf/store.h"

G_BEGIN_DECLS

#define NG_PUBLISH_ERROR (ng_publish_error_quark ())
GQuark ng_publish_error_quark (void);

typedef enum {
  NG_PUBLISH_ERROR_URL,      /* the endpoint is not an http(s) URL */
  NG_PUBLISH_ERROR_CONNECT,  /* the server could not be reached (after retries) */
  NG_PUBLISH_ERROR_AUTH,     /* 401 or 403: credentials missing or refused */
  NG_PUBLISH_ERROR_HTTP,     /* any other answer that is not 2xx */
  NG_PUBLISH_ERROR_INPUT,    /* an article file that is not one named graph */
  NG_PUBLISH_ERROR_IO,       /* the loader's files could not be written */
  NG_PUBLISH_ERROR_LOADER    /* isql or Virtuoso's bulk loader failed */
} NgPublishError;

/* The merged graph is published as NG_PUBLISH_DEFAULT_GRAPH_BASE "merged"
 * unless told otherwise; article graphs keep their own names (the article
 * IRIs). */
#define NG_PUBLISH_DEFAULT_GRAPH_BASE "https://w3id.org/nieuwsgraaf/graph/"
#define NG_PUBLISH_DEFAULT_BATCH 50000
#define NG_PUBLISH_DEFAULT_RETRIES 4
/* Requests in flight: a server loads each request on one thread (Virtuoso
 * parses and indexes a request's triples on one core), so several requests
 * keep its cores busy; 4 fills two cores and hides the round trips. */
#define NG_PUBLISH_DEFAULT_JOBS 4

typedef struct NgPublisher NgPublisher;

typedef struct {
  guint64 triples_sent;   /* acknowledged by the server */
  guint64 triples_total;  /* 0 when unknown */
  guint graphs_done;
  guint graphs_total;     /* 0 when unknown */
  const char *phase;      /* the loader's current step ("writing",
                             "clearing", "loading"); NULL over HTTP */
} NgPublishProgress;

typedef void (*NgPublishProgressFunc) (const NgPublishProgress *progress,
                                       gpointer user_data);
/* One line per request (method, graph, triples, status); never holds the
 * password. */
typedef void (*NgPublishLogFunc) (const char *message, gpointer user_data);

/* A publisher for the Graph Store endpoint ENDPOINT (for Virtuoso
 * http://HOST:PORT/sparql-graph-crud-auth); graphs are named with the
 * ?graph= parameter.  ENDPOINT must not carry a password. */
NgPublisher *ng_publisher_new (const char *endpoint, GError **error);
/* Accepts NULL.  Wipes the password from memory. */
void ng_publisher_free (NgPublisher *publisher);

/* HTTP digest or basic authentication, whichever the server asks for;
 * both strings are copied. */
void ng_publisher_set_credentials (NgPublisher *publisher, const char *user,
                                   const char *password);
/* Triples per request (default NG_PUBLISH_DEFAULT_BATCH); 0: one request
 * per graph. */
void ng_publisher_set_batch_triples (NgPublisher *publisher, guint triples);
/* Further attempts after a failed request (default
 * NG_PUBLISH_DEFAULT_RETRIES); the waits double from 0.5 s. */
void ng_publisher_set_retries (NgPublisher *publisher, guint retries);
/* Requests in flight at once (default NG_PUBLISH_DEFAULT_JOBS, at least 1). */
void ng_publisher_set_jobs (NgPublisher *publisher, guint jobs);
void ng_publisher_set_progress_func (NgPublisher *publisher,
                                     NgPublishProgressFunc func, gpointer user_data);
void ng_publisher_set_log_func (NgPublisher *publisher, NgPublishLogFunc func,
                                gpointer user_data);

/* Replace graph GRAPH by the N-Triples TEXT (LEN bytes of whole lines).
 * These queue requests and return once all of them have been sent, maybe
 * before the server has answered: ng_publisher_finish waits for the
 * answers.  FALSE (with ERROR) when an earlier request failed for good. */
gboolean ng_publisher_put_ntriples (NgPublisher *publisher, const char *graph,
                                    const char *text, gsize len, GError **error);
/* Replace graph GRAPH by the statements of MODEL (of WORLD). */
gboolean ng_publisher_put_model (NgPublisher *publisher, librdf_world *world,
                                 const char *graph, librdf_model *model,
                                 GError **error);
/* Waits until every request queued so far has been answered. */
gboolean ng_publisher_finish (NgPublisher *publisher, GError **error);

/* Adds to the total the progress function reports. */
void ng_publisher_expect (NgPublisher *publisher, guint64 triples, guint graphs);
/* What the server has acknowledged so far; owned by PUBLISHER. */
const NgPublishProgress *ng_publisher_get_progress (NgPublisher *publisher);
/* Requests answered with success so far. */
guint ng_publisher_get_requests (NgPublisher *publisher);

/* Publishes STORE: the merged graph as MERGED_GRAPH (NULL:
 * NG_PUBLISH_DEFAULT_GRAPH_BASE "merged"), then unless MERGED_ONLY every
 * article graph under its own name; waits for the answers. */
gboolean ng_publish_store (NgPublisher *publisher, NgStore *store,
                           const char *merged_graph, gboolean merged_only,
                           GError **error);

/* ------------------------------------------------------------------
 * Virtuoso's bulk loader: for a whole store in one go, several times the
 * speed of the protocol (many small graphs cost Virtuoso a request each).
 *
 * The graphs are written as N-Quads files of about `file_triples` triples
 * into a new subdirectory of DIR, which the server must be allowed to read
 * (DirsAllowed in virtuoso.ini): the same machine, or a directory both
 * see.  Then, through Virtuoso's isql client: the quads of every graph
 * being published are deleted (so publishing again replaces), the files
 * are registered (ld_dir) and loaded by `threads` rdf_loader_run()
 * sessions at once, every file's load_list entry is checked (state done,
 * no ll_error), the entries are removed and a checkpoint makes the load
 * durable (the loader does not log).  The files are removed in any case.
 *
 * isql takes the password only as a command-line argument: while it runs,
 * users who can list this machine's processes can see it. */

typedef struct NgLoader NgLoader;

/* Two sessions fill two cores (measured: 1.3-1.7x one session). */
#define NG_LOADER_DEFAULT_THREADS 2
#define NG_LOADER_DEFAULT_FILE_TRIPLES 100000
/* The isql program (Debian: isql-vt) unless the environment's NG_ISQL or
 * ng_loader_set_isql names another. */
#define NG_LOADER_DEFAULT_ISQL "isql-vt"

/* A loader for the Virtuoso server SERVER (HOST:PORT of its SQL listener,
 * 1111 by default) through the directory DIR.  NULL (with ERROR)
 * when DIR is not an existing directory or names that cannot be quoted in
 * SQL. */
NgLoader *ng_loader_new (const char *server, const char *dir, GError **error);
/* Accepts NULL.  Wipes the password from memory. */
void ng_loader_free (NgLoader *loader);

/* The SQL account (a DBA: the loader's procedures need it); copied. */
void ng_loader_set_credentials (NgLoader *loader, const char *user,
                                const char *password);
/* DIR as the server sees it, when it is mounted elsewhere there (default:
 * the same path). */
gboolean ng_loader_set_server_dir (NgLoader *loader, const char *dir,
                                   GError **error);
/* The isql program to run (a path, or a name looked up in PATH). */
void ng_loader_set_isql (NgLoader *loader, const char *program);
/* rdf_loader_run() sessions at once (default NG_LOADER_DEFAULT_THREADS). */
void ng_loader_set_threads (NgLoader *loader, guint threads);
/* Triples per file (default NG_LOADER_DEFAULT_FILE_TRIPLES; 0: default). */
void ng_loader_set_file_triples (NgLoader *loader, guint triples);
void ng_loader_set_progress_func (NgLoader *loader, NgPublishProgressFunc func,
                                  gpointer user_data);
/* One line per step (never the password). */
void ng_loader_set_log_func (NgLoader *loader, NgPublishLogFunc func,
                             gpointer user_data);

/* Publishes STORE as ng_publish_store does: the merged graph as
 * MERGED_GRAPH (NULL: the default name), unless MERGED_ONLY every article
 * graph.  FALSE with ERROR when any file failed to load (the message names
 * it and Virtuoso's reason). */
gboolean ng_loader_load_store (NgLoader *loader, NgStore *store,
                               const char *merged_graph, gboolean merged_only,
                               GError **error);
/* Triples and graphs loaded; owned by LOADER. */
const NgPublishProgress *ng_loader_get_progress (NgLoader *loader);
/* Files written and loaded by the last ng_loader_load_store. */
guint ng_loader_get_files (NgLoader *loader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NgPublisher, ng_publisher_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NgLoader, ng_loader_free)

G_END_DECLS

#endif
