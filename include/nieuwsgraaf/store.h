/* store.h — the persistent graph store: per-article named graphs plus the
 * merged graph computed from them.
 *
 * Layout of a store directory:
 *   store.ini            format version and the Redland storage of the merged
 *                        graph (type and options), fixed at creation
 *   articles/KEY.nq      one file per article source (KEY from its name): the
 *                        article's named graph as N-Quads, replaced atomically
 *   merged-N…            the merged graph, generation N (storage files)
 *   CURRENT              the generation in use and a digest of the articles it
 *                        was merged from; switched by an atomic rename */
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

/* Opens (or with NG_STORE_WRITE creates) the store in directory DIR, with the
 * storage recorded in its store.ini (Redland "hashes" on Berkeley DB for a
 * new store). */
NgStore *ng_store_open (const char *dir, NgStoreFlags flags, GError **error);

/* As ng_store_open; a new store uses the Redland storage TYPE ("hashes",
 * "sqlite", or a server-backed one such as "postgresql") with OPTIONS in
 * Redland's syntax (may be NULL).  An existing store must match TYPE. */
NgStore *ng_store_open_with_backend (const char *dir, NgStoreFlags flags,
                                     const char *type, const char *options,
                                     GError **error);

/* The storage type of the merged graph. */
const char *ng_store_get_backend (NgStore *store);

/* TRUE when the merged graph was computed from exactly the articles stored
 * now (FALSE after an interrupted build; the next build re-merges). */
gboolean ng_store_is_current (NgStore *store);
void ng_store_free (NgStore *store);

librdf_world *ng_store_get_world (NgStore *store);
/* The merged graph (the SPARQL default graph). */
librdf_model *ng_store_get_merged (NgStore *store);
/* All article graphs, one context each: an in-memory model loaded from the
 * article files on first use; owned by the store.  NULL with a warning when an
 * article file cannot be read. */
librdf_model *ng_store_get_articles (NgStore *store);

/* Adds or replaces the article graph of ARTICLE (same source name or same
 * content hash replaces).  Does not recompute the merged graph. */
gboolean ng_store_put_article (NgStore *store, const NgArticle *article,
                               const NgExtraction *ex, GError **error);

/* Stores article graphs given as N-Quads, as written by “nieuwsgraaf extract
 * --format nquads” (possibly on other machines): each named graph must be one
 * article graph.  They are stored exactly as if the articles had been
 * extracted here.  Returns how many were stored, or -1 with ERROR (naming
 * the file) when the data is not such N-Quads; then nothing is stored. */
int ng_store_put_nquads (NgStore *store, const char *name, const char *data,
                         gsize len, GError **error);

/* ng_store_put_article and ng_store_put_nquads may be called from several
 * threads at once on the same store (each writes its own file). */

/* Puts every article file written so far in place: the store renames them
 * in batches, on a thread of its own while articles are still being put,
 * and the rest here (ng_store_merge does it too).  FALSE with ERROR (naming
 * the first file) and FAILED (may be NULL) set to how many, when some could
 * not be renamed: those articles stay as they were, the others are in
 * place, and a merge after it goes on with the files as they are. */
gboolean ng_store_flush (NgStore *store, guint *failed, GError **error);

/* Recomputes the merged graph from all article graphs. */
gboolean ng_store_merge (NgStore *store, GError **error);
/* Makes the next merge look at every article file, not only those this
 * process wrote (while the articles directory is as the current generation
 * left it, a merge takes the others as recorded: a file changed in place
 * behind the store's back is noticed only so). */
void ng_store_rescan (NgStore *store);
/* How many threads a merge may use: with 2 or more, a merge from scratch
 * takes half of the facts and writes some nodes on a second thread, and its
 * threads share the indexes' sorts and files and the merge state's fill;
 * with 1 everything runs on the calling thread; 0 (the default): one per
 * processor. */
void ng_store_set_threads (NgStore *store, guint threads);

/* Statements in the merged graph; articles stored. */
int ng_store_merged_size (NgStore *store);
guint ng_store_article_count (NgStore *store);

/* Writes the merged graph ("turtle", "ntriples", "rdfxml") or, for
 * "nquads", the merged graph plus every article graph as named graphs;
 * "articles-turtle" writes the article graphs (without their names). */
gboolean ng_store_export (NgStore *store, const char *format, FILE *out,
                          GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NgStore, ng_store_free)

/* Called with the key and the N-Quads text (LEN bytes, one named graph:
 * the article's) of a stored article; returns FALSE with ERROR set to stop. */
typedef gboolean (*NgArticleFunc) (const char *key, const char *nquads, gsize len,
                                   gpointer user_data, GError **error);

/* Calls FUNC for every stored article in key order, reading one article at a
 * time.  FALSE when FUNC stopped or an article file could not be read. */
gboolean ng_store_foreach_article (NgStore *store, NgArticleFunc func,
                                   gpointer user_data, GError **error);

G_END_DECLS

#endif
