/* graph.h — the RDF of one article (its named graph): the article, its
 * sentences, the entities it names and what it says about meetings and
 * sanctions, in the mention vocabulary of the ontology. */
#ifndef NIEUWSGRAAF_GRAPH_H
#define NIEUWSGRAAF_GRAPH_H

#include <glib.h>
#include <redland.h>
#include "nieuwsgraaf/extract.h"
#include "nieuwsgraaf/reader.h"

G_BEGIN_DECLS

/* IRIs.  All returned strings are newly allocated. */
char *ng_article_iri (const NgArticle *article);
char *ng_entity_iri (NgEntityKind kind, const NgEntity *entity,
                     const char *name);

/* Adds the article graph to MODEL in CONTEXT (CONTEXT may be NULL for a
 * model without contexts). */
gboolean ng_article_graph_add (librdf_world *world, librdf_model *model,
                               librdf_node *context, const NgArticle *article,
                               const NgExtraction *ex, GError **error);

/* The article graph as N-Quads text in the graph named by the article IRI:
 * one statement a line, sorted, without repeats, so the same article always
 * gives the same bytes.  Touches no librdf object: safe on any thread. */
char *ng_article_graph_nquads (const NgArticle *article, const NgExtraction *ex);

/* Sorts LINES (char*, N-Quads statements without newline, g_free'd), drops
 * repeats and joins them, one a line.  The lines are freed as they are
 * copied (LINES is left holding NULLs). */
char *ng_nquads_canonical (GPtrArray *lines);

G_END_DECLS

#endif
