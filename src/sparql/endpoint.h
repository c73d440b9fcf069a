/* endpoint.h — parts of the SPARQL endpoint (src/server.c) kept apart:
 * the query workers, the query page with its examples, the service
 * description and the Graph Store Protocol reads. */
#ifndef NG_SPARQL_ENDPOINT_H
#define NG_SPARQL_ENDPOINT_H

#include <glib.h>
#include "nieuwsgraaf/query.h"
#include "nieuwsgraaf/store.h"

/* ------------------------------------------------------------ workers
 *
 * librdf objects are not thread-safe, so each worker thread gets a store
 * handle of its own: the same store directory opened read-only once per
 * worker, each with its own librdf world.  A query borrows a free handle
 * for its duration; N handles, N queries at once.  Without a directory (an
 * in-memory store) queries run one at a time on the caller's store. */
typedef struct NgWorkers NgWorkers;

/* Called in the main context; takes RESULT and ERROR. */
typedef void (*NgWorkDone) (NgQueryResult *result, GError *error, gpointer user_data);

NgWorkers *ng_workers_new (NgStore *store, const char *store_dir, guint n,
                           GError **error);
/* Runs QUERY in a worker; OPTIONS' string arrays are copied.  TIMEOUT_MS 0:
 * no limit. */
void ng_workers_submit (NgWorkers *w, const char *query, const char *format,
                        const NgQueryOptions *options, guint timeout_ms,
                        NgWorkDone done, gpointer user_data);
guint ng_workers_count (NgWorkers *w);
/* The store has a new generation (an update, a build): each idle worker
 * opens its handle again now, a busy one after its query (so the old
 * generation is released: a build may take it as its spare). */
void ng_workers_reload (NgWorkers *w);
/* Stops running queries and waits for the threads. */
void ng_workers_free (NgWorkers *w);

/* ------------------------------------------------------------ page */

typedef struct {
  char *name;        /* file name without .rq */
  char *title_nl;
  char *title_en;
  char *query;       /* the whole file */
} NgExample;

/* The example queries (the .rq files of examples/queries with "# nl:" and "# en:"
 * title lines), sorted by name; an empty array when none are found. */
GPtrArray *ng_examples_load (void);
char *ng_endpoint_home_page (NgStore *store, GPtrArray *examples);

/* ------------------------------------------------------------ describe */

/* Service description (Turtle) of the endpoint at ENDPOINT_URL; UPDATE:
 * it accepts SPARQL Update. */
char *ng_endpoint_service_description (NgStore *store, const char *endpoint_url,
                                       gboolean update);
/* The default graph (IRI NULL) or article graph IRI in FORMAT ("turtle",
 * "ntriples", "rdfxml"); NULL when there is no such graph. */
char *ng_endpoint_graph (NgStore *store, const char *iri, const char *format,
                         gsize *length);

#endif
