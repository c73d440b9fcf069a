/* merge.h — from the article graphs to the merged graph: one node per real
 * person, place, organisation, meeting and sanction regime. */
#ifndef NIEUWSGRAAF_MERGE_H
#define NIEUWSGRAAF_MERGE_H

#include <glib.h>
#include <redland.h>

G_BEGIN_DECLS

typedef struct NgMerge NgMerge;

/* Collects article graphs, then writes the merged graph.  The result does not
 * depend on the order in which the articles are added. */
NgMerge *ng_merge_new (librdf_world *world);
void ng_merge_free (NgMerge *merge);

/* Adds one article graph given as N-Quads (all in one named graph).  NAME is
 * used in messages. */
gboolean ng_merge_add_nquads (NgMerge *merge, const char *name,
                              const char *text, GError **error);

/* Adds every context of ARTICLES as an article graph. */
void ng_merge_add_model (NgMerge *merge, librdf_model *articles);

/* Adds the merged graph of everything added so far to OUT. */
gboolean ng_merge_write (NgMerge *merge, librdf_model *out, GError **error);

/* Reads every statement of ARTICLES (a model with one context per article)
 * and adds the merged graph to OUT.  The result does not depend on the order
 * of the articles. */
gboolean ng_merge (librdf_world *world, librdf_model *articles,
                   librdf_model *out, GError **error);

G_END_DECLS

#endif
