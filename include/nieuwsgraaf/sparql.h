/* sparql.h — nieuwsgraaf's SPARQL engine.
 *
 * Rasqal parses; nieuwsgraaf evaluates the algebra itself (Rasqal 0.9.33's
 * own engine returns wrong rows for OPTIONAL after multi-triple patterns and
 * loses rows for BIND).  Basic patterns are matched through
 * librdf_model_find_statements, groups are joined with hash joins, OPTIONAL
 * is a left join, and expressions go through rasqal_expression_evaluate2
 * except where it is wrong (YEAR/MONTH/DAY of xsd:date) or absent
 * (EXISTS, aggregates), which are evaluated here.
 *
 * Objects are not thread-safe; a query and the dataset it runs over belong
 * to one thread (one librdf world per thread). */
#ifndef NIEUWSGRAAF_SPARQL_H
#define NIEUWSGRAAF_SPARQL_H

#include <glib.h>
#include <redland.h>

G_BEGIN_DECLS

#define NG_SPARQL_ERROR (ng_sparql_error_quark ())
GQuark ng_sparql_error_quark (void);

typedef enum {
  NG_SPARQL_ERROR_SYNTAX,       /* does not parse; message has line/column */
  NG_SPARQL_ERROR_UNSUPPORTED,  /* parses, but nieuwsgraaf cannot answer it */
  NG_SPARQL_ERROR_EXECUTION,
  NG_SPARQL_ERROR_TIMEOUT,      /* the deadline passed */
  NG_SPARQL_ERROR_FORMAT,       /* no such result format */
  NG_SPARQL_ERROR_LIMIT         /* more intermediate solutions than allowed */
} NgSparqlError;

/* At most this many solutions in any intermediate result: a runaway query
 * stops with NG_SPARQL_ERROR_LIMIT instead of taking all memory. */
#define NG_SPARQL_MAX_SOLUTIONS 1000000

typedef enum {
  NG_SPARQL_SELECT,
  NG_SPARQL_ASK,
  NG_SPARQL_CONSTRUCT,
  NG_SPARQL_DESCRIBE,
  NG_SPARQL_UPDATE
} NgSparqlForm;

/* The RDF dataset a query runs over.  All models belong to WORLD and are
 * borrowed.  NAMED holds the named graphs as contexts; NAMED_GRAPHS, when
 * not NULL, restricts which contexts GRAPH may see (NULL-terminated IRIs). */
typedef struct {
  librdf_world *world;
  librdf_model *default_graph;   /* may be NULL: empty */
  librdf_model *named;           /* may be NULL: no named graphs */
  const char *const *named_graphs;
  /* FROM / FROM NAMED resolve through this when set: returns a model (with
   * contexts for FROM NAMED) owned by the callee, or NULL to refuse. */
  librdf_model *(*load_graph) (void *user_data, const char *iri);
  void *load_user_data;
  /* An IRI that also names the default graph (in updates: GRAPH, WITH,
   * USING, CLEAR …); may be NULL. */
  const char *default_graph_iri;
} NgSparqlDataset;

typedef struct NgSparqlQuery NgSparqlQuery;
typedef struct NgSparqlResults NgSparqlResults;

/* Parses TEXT (UTF-8) with BASE as base IRI (may be NULL); PROLOGUE (may be
 * NULL) is put before it on the same first line so that positions in
 * messages are those of TEXT. */
NgSparqlQuery *ng_sparql_query_new (librdf_world *world, const char *text,
                                    const char *prologue, const char *base,
                                    GError **error);
void ng_sparql_query_free (NgSparqlQuery *query);
/* At most MAX intermediate solutions (rows of a pattern, a join, a
 * grouping) before evaluation stops with NG_SPARQL_ERROR_LIMIT; 0: the
 * default, NG_SPARQL_MAX_SOLUTIONS. */
void ng_sparql_query_set_max_solutions (NgSparqlQuery *query, guint max);
NgSparqlForm ng_sparql_query_get_form (NgSparqlQuery *query);

/* Evaluates QUERY over DATASET.  DEADLINE is a g_get_monotonic_time() value
 * after which evaluation stops with NG_SPARQL_ERROR_TIMEOUT (0: none);
 * CANCEL, when not NULL, is polled likewise.  A query runs once. */
NgSparqlResults *ng_sparql_query_execute (NgSparqlQuery *query,
                                          const NgSparqlDataset *dataset,
                                          gint64 deadline,
                                          volatile gint *cancel,
                                          GError **error);

NgSparqlForm ng_sparql_results_get_form (NgSparqlResults *results);
/* SELECT: the variables and rows.  Values are Rasqal literals, NULL when
 * unbound, owned by the results. */
guint ng_sparql_results_get_width (NgSparqlResults *results);
const char *ng_sparql_results_get_name (NgSparqlResults *results, guint col);
guint ng_sparql_results_get_count (NgSparqlResults *results);
struct rasqal_literal_s *ng_sparql_results_get (NgSparqlResults *results,
                                                guint row, guint col);
/* ASK */
gboolean ng_sparql_results_get_boolean (NgSparqlResults *results);
/* CONSTRUCT / DESCRIBE: an in-memory model owned by the results. */
librdf_model *ng_sparql_results_get_graph (NgSparqlResults *results);
/* TRUE when the query asked for an order, so row order is part of the
 * answer. */
gboolean ng_sparql_results_is_ordered (NgSparqlResults *results);

/* Writes RESULTS as FORMAT: "json", "xml", "csv", "tsv", "table" for
 * bindings and booleans; "turtle", "ntriples", "rdfxml" for graphs.  Returns
 * a newly allocated buffer of *LENGTH bytes (NUL-terminated). */
char *ng_sparql_results_write (NgSparqlResults *results, const char *format,
                               gsize *length, GError **error);

void ng_sparql_results_free (NgSparqlResults *results);

/* ------------------------------------------------------------ update
 *
 * SPARQL 1.1 Update: INSERT DATA, DELETE DATA, DELETE/INSERT … WHERE (with
 * WITH and USING), DELETE WHERE, CLEAR, DROP, CREATE, ADD, MOVE, COPY.
 * LOAD is refused (a server does not fetch from the network).  Rasqal
 * parses each operation; WHERE patterns are evaluated by the engine above.
 * Graphs hold no empty state: CREATE only checks, DROP is CLEAR. */
typedef struct NgSparqlUpdate NgSparqlUpdate;

/* Parses the update request TEXT (UTF-8); PROLOGUE and BASE as for
 * ng_sparql_query_new.  NG_SPARQL_ERROR_SYNTAX with the line and column,
 * NG_SPARQL_ERROR_UNSUPPORTED for LOAD. */
NgSparqlUpdate *ng_sparql_update_new (librdf_world *world, const char *text,
                                      const char *prologue, const char *base,
                                      GError **error);
void ng_sparql_update_free (NgSparqlUpdate *update);
/* Number of operations. */
guint ng_sparql_update_get_size (NgSparqlUpdate *update);

typedef struct {
  guint inserted;   /* statements added (new ones only) */
  guint deleted;    /* statements removed */
} NgSparqlUpdateStats;

/* Applies UPDATE, operation by operation, to DATASET: its default graph
 * and (when not NULL) its named graphs, as contexts of DATASET->named, are
 * changed in place.  An operation on a named graph when DATASET has none
 * fails (unless SILENT).  Stops at the first failing operation (the ones
 * before it stay applied).  STATS may be NULL.  An update runs once. */
gboolean ng_sparql_update_execute (NgSparqlUpdate *update,
                                   const NgSparqlDataset *dataset,
                                   gint64 deadline, volatile gint *cancel,
                                   NgSparqlUpdateStats *stats, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NgSparqlUpdate, ng_sparql_update_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NgSparqlQuery, ng_sparql_query_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NgSparqlResults, ng_sparql_results_free)

G_END_DECLS

#endif
