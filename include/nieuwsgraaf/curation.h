/* curation.h — SPARQL updates of a store that survive rebuilds.
 *
 * The merged graph is derived from the articles and recomputed by every
 * build, so an update cannot simply be written into it.  Each accepted
 * update is appended to the store's curation log, DIR/curation.ru (the
 * whole file rewritten to a temporary name, synced and renamed: it holds
 * all accepted updates or all but the newest, never a torn record), and
 * the log is applied, in order, to every newly merged graph before CURRENT
 * names it.  Updates change the merged (default) graph, also called
 * <urn:nieuwsgraaf:merged>; the article graphs are read-only. */
#ifndef NIEUWSGRAAF_CURATION_H
#define NIEUWSGRAAF_CURATION_H

#include <glib.h>
#include <redland.h>
#include "nieuwsgraaf/sparql.h"
#include "nieuwsgraaf/store.h"

G_BEGIN_DECLS

#define NG_CURATION_ERROR (ng_curation_error_quark ())
GQuark ng_curation_error_quark (void);

typedef enum {
  NG_CURATION_ERROR_BUSY,     /* another process writes the store: retry */
  NG_CURATION_ERROR_LOG       /* the curation log cannot be read or written */
} NgCurationError;

#define NG_CURATION_LOG "curation.ru"
/* The base IRI of updates (relative IRIs must not depend on where an
 * update was sent from or replayed). */
#define NG_CURATION_BASE "https://w3id.org/nieuwsgraaf/curation/"

/* Applies the curation log of the store in DIR (NULL or no log: nothing)
 * to MERGED, a merged graph being built.  Called by ng_store_merge. */
gboolean ng_curation_replay (librdf_world *world, const char *dir,
                             librdf_model *merged, GError **error);

/* Checks UPDATE (SPARQL 1.1 Update text), takes the store's write lock,
 * appends UPDATE to the log and merges the store again, so that a new
 * generation with the update applied is switched to.  A bad update fails
 * with NG_SPARQL_ERROR (nothing logged); a store being written by another
 * process with NG_CURATION_ERROR_BUSY. */
gboolean ng_curation_apply (const char *dir, const char *update, GError **error);

/* Applies UPDATE to the merged graph of STORE in place without logging it
 * (an in-memory store, which is rebuilt by nobody).  STATS may be NULL. */
gboolean ng_curation_apply_in_place (NgStore *store, const char *update,
                                     NgSparqlUpdateStats *stats, GError **error);

G_END_DECLS

#endif
