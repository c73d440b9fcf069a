/* rdf-util.h — small helpers over librdf used by graph, merge and store. */
#ifndef NG_RDF_UTIL_H
#define NG_RDF_UTIL_H

#include <glib.h>
#include <redland.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (librdf_node, librdf_free_node)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (librdf_statement, librdf_free_statement)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (librdf_stream, librdf_free_stream)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (librdf_iterator, librdf_free_iterator)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (librdf_model, librdf_free_model)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (librdf_storage, librdf_free_storage)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (librdf_uri, librdf_free_uri)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (librdf_serializer, librdf_free_serializer)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (librdf_query, librdf_free_query)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (librdf_query_results, librdf_free_query_results)

/* A writer adds statements to MODEL in CONTEXT (NULL: no context), or, when
 * LINES is set, appends them as N-Quads lines in GRAPH to LINES (no librdf
 * involved, so it can run on any thread). */
typedef struct {
  librdf_world *world;
  librdf_model *model;
  librdf_node *context;
  gboolean failed;
  GPtrArray *lines;     /* char*, owned by the caller */
  const char *graph;
  GString *journal;     /* when set, every statement added to MODEL is
                           logged here (ng_journal_statement) */
} NgWriter;

/* A redo journal of statements: one N-Quads line each, its graph naming
 * what was done (NG_JOURNAL_ADD or NG_JOURNAL_REMOVE). */
#define NG_JOURNAL_ADD "urn:x-nieuwsgraaf:add"
#define NG_JOURNAL_REMOVE "urn:x-nieuwsgraaf:remove"
void ng_journal_statement (GString *journal, librdf_statement *st, gboolean add);

/* One N-Quads line (without newline) for a statement whose object is an IRI
 * (O_IRI) or a literal (O_LITERAL with optional DATATYPE or LANG); GRAPH may
 * be NULL.  Literals are escaped as N-Triples requires. */
char *ng_nquad_line (const char *s, const char *p, const char *o_iri,
                     const char *o_literal, const char *datatype,
                     const char *lang, const char *graph);

/* The same for a raptor statement (librdf 1.0.17 statements are raptor
 * statements); NULL for blank nodes, which nieuwsgraaf never writes. */
char *ng_nquad_line_from_statement (const raptor_statement *st);

void ng_write_uri (NgWriter *w, const char *s, const char *p, const char *o);
void ng_write_literal (NgWriter *w, const char *s, const char *p,
                       const char *value, const char *datatype);
void ng_write_int (NgWriter *w, const char *s, const char *p, gint64 value);
void ng_write_double (NgWriter *w, const char *s, const char *p, double value);

/* The IRI of a resource node, or NULL. Borrowed. */
const char *ng_node_iri (librdf_node *node);
/* The lexical form of a literal node, or NULL. Borrowed. */
const char *ng_node_literal (librdf_node *node);
/* The datatype IRI of a literal node, or NULL. Borrowed. */
const char *ng_node_datatype (librdf_node *node);

/* Percent-escaped slug of a name for use in an IRI ("Kim Jong-un" ->
 * "kim-jong-un").  Caller frees. */
char *ng_slug (const char *name);

/* Installs a librdf log handler that turns librdf errors into GLib
 * warnings (or swallows them while a capture is active). */
void ng_rdf_world_setup (librdf_world *world);

/* The first error librdf reported since the last call, or NULL.  Caller
 * frees. */
char *ng_rdf_take_error (void);

#endif
