/* merge.h — from the article graphs to the merged graph: one node per real
 * person, place, organisation, meeting and sanction regime. */
#ifndef NIEUWSGRAAF_MERGE_H
#define NIEUWSGRAAF_MERGE_H

#include <glib.h>
#include <redland.h>

G_BEGIN_DECLS

/* Reads every statement of ARTICLES (a model with one context per article)
 * and adds the merged graph to OUT.  The result does not depend on the order
 * of the articles. */
gboolean ng_merge (librdf_world *world, librdf_model *articles,
                   librdf_model *out, GError **error);

G_END_DECLS

#endif
