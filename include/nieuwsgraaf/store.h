/* store.h — the persistent graph store: per-article named graphs plus the
 * merged graph computed from them. */
#ifndef NIEUWSGRAAF_STORE_H
#define NIEUWSGRAAF_STORE_H

#include <stdio.h>
#include <glib.h>
#include <redland.h>
#include "nieuwsgraaf/extract.h"
#include "nieuwsgraaf/reader.h"

G_BEGIN_DECLS

#define NG_STORE_ERROR (ng_store_error_quark ())
GQuark ng_store_error_quark (void);

typedef enum {
  NG_STORE_ERROR_OPEN,
  NG_STORE_ERROR_WRITE,
  NG_STORE_ERROR_FORMAT,
  NG_STORE_ERROR_MISSING
} NgStoreError;

typedef struct NgStore NgStore;

typedef enum {
  NG_STORE_READ = 0,
  NG_STORE_WRITE = 1 << 0,   /* open for writing, creating it if needed */
  NG_STORE_MEMORY = 1 << 1   /* in memory, DIR ignored */
} NgStoreFlags;

/* Opens (or with NG_STORE_WRITE creates) the store in directory DIR. */
NgStore *ng_store_open (const char *dir, NgStoreFlags flags, GError **error);
void ng_store_free (NgStore *store);

librdf_world *ng_store_get_world (NgStore *store);
/* The merged graph (the SPARQL default graph). */
librdf_model *ng_store_get_merged (NgStore *store);
/* All article graphs (one context each). */
librdf_model *ng_store_get_articles (NgStore *store);

/* Adds or replaces the article graph of ARTICLE (same source name or same
 * content hash replaces).  Does not recompute the merged graph. */
gboolean ng_store_put_article (NgStore *store, const NgArticle *article,
                               const NgExtraction *ex, GError **error);

/* Recomputes the merged graph from all article graphs. */
gboolean ng_store_merge (NgStore *store, GError **error);

/* Statements in the merged graph; articles stored. */
int ng_store_merged_size (NgStore *store);
guint ng_store_article_count (NgStore *store);

/* Writes the merged graph ("turtle", "ntriples", "rdfxml") or, for
 * "nquads", the merged graph plus every article graph as named graphs;
 * "articles-turtle" writes the article graphs (without their names). */
gboolean ng_store_export (NgStore *store, const char *format, FILE *out,
                          GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NgStore, ng_store_free)

G_END_DECLS

#endif
