/* query.h — SPARQL over the merged graph, with a guard against the query
 * forms the underlying engine answers wrongly. */
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
  NG_QUERY_ERROR_EXECUTION
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

void ng_query_result_free (NgQueryResult *result);

/* Maps an HTTP Accept header or a format name to a result format name;
 * NULL when nothing acceptable. */
const char *ng_query_format_for_accept (const char *accept, gboolean graph);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NgQueryResult, ng_query_result_free)

G_END_DECLS

#endif
