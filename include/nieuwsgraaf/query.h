/* query.h — SPARQL over the store: the merged graph is the default graph,
 * the article graphs are the named graphs.  Evaluated by nieuwsgraaf's own
 * engine (sparql.h); what it cannot answer is refused, never answered
 * wrongly. */
#ifndef NIEUWSGRAAF_QUERY_H
#define NIEUWSGRAAF_QUERY_H

#include <glib.h>
#include "nieuwsgraaf/store.h"

G_BEGIN_DECLS

#define NG_QUERY_ERROR (ng_query_error_quark ())
GQuark ng_query_error_quark (void);

typedef enum {
  NG_QUERY_ERROR_SYNTAX,       /* the query does not parse */
  NG_QUERY_ERROR_UNSUPPORTED,  /* a feature nieuwsgraaf cannot answer right */
  NG_QUERY_ERROR_FORMAT,       /* unknown result format */
  NG_QUERY_ERROR_EXECUTION,
  NG_QUERY_ERROR_TIMEOUT,      /* the time limit was reached */
  NG_QUERY_ERROR_UPDATE,       /* an update sent to the query service */
  NG_QUERY_ERROR_LIMIT         /* too many intermediate solutions */
} NgQueryError;

/* Result formats: "json", "xml", "csv", "tsv", "table" for bindings and
 * booleans; "turtle", "ntriples", "rdfxml" for graphs (CONSTRUCT/DESCRIBE;
 * a bindings format asked for a graph result gives Turtle). */
typedef struct {
  char *body;
  gsize length;
  const char *content_type;
} NgQueryResult;

/* Parses and checks the query without running it. */
gboolean ng_query_check (librdf_world *world, const char *query,
                         GError **error);

/* Runs QUERY over the merged graph of STORE.  The ng:, schema:, rdf:, rdfs:,
 * xsd:, owl:, prov:, dcterms: prefixes are predeclared. */
NgQueryResult *ng_query_run (NgStore *store, const char *query,
                             const char *format, GError **error);

/* Options of ng_query_run_full; zero-initialised means the defaults. */
typedef struct {
  gint64 deadline;                  /* g_get_monotonic_time() limit; 0: none */
  volatile gint *cancel;            /* polled; non-zero stops the query */
  const char *const *default_graphs; /* default-graph-uri: merged RDF merge of
                                       these graphs (article graph IRIs or
                                       the merged graph's IRI); NULL: merged */
  const char *const *named_graphs;  /* named-graph-uri; NULL: all articles */
  guint max_solutions;              /* intermediate solutions; 0: the default
                                       (NG_SPARQL_MAX_SOLUTIONS, 1,000,000) */
} NgQueryOptions;

/* As ng_query_run, with OPTIONS (may be NULL). */
NgQueryResult *ng_query_run_full (NgStore *store, const char *query,
                                  const char *format,
                                  const NgQueryOptions *options,
                                  GError **error);

/* The IRI that names the merged graph in default-graph-uri. */
#define NG_QUERY_MERGED_GRAPH "urn:nieuwsgraaf:merged"

void ng_query_result_free (NgQueryResult *result);

/* Maps an HTTP Accept header or a format name to a result format name;
 * NULL when nothing acceptable. */
const char *ng_query_format_for_accept (const char *accept, gboolean graph);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NgQueryResult, ng_query_result_free)

G_END_DECLS

#endif
