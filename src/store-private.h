/* store-private.h — the merge index of a store generation (store-index.c),
 * used by store.c. */
#ifndef NG_STORE_PRIVATE_H
#define NG_STORE_PRIVATE_H

#include <glib.h>
#include "nieuwsgraaf/merge.h"

/* What a generation knows of one article file. */
typedef struct {
  gint64 size, mtime_ns;
  guint64 ino;              /* the file as it was (files are replaced by
                               rename, so a rewrite changes the inode) */
  char *digest;             /* SHA-256 of its bytes */
  const char *facts;        /* its merge facts (ng_merge_facts_from_nquads),
                               in the mapped index file; NULL when not kept */
  gsize facts_len;
} NgIndexEntry;

/* merged-N.index: the articles generation N was merged from, with their
 * facts, and the node summary of its merged graph. */
typedef struct {
  GHashTable *entries;      /* article key -> NgIndexEntry */
  NgMergeNodes *nodes;      /* NULL when not known */
  GMappedFile *file;        /* what the entries' facts point into */
} NgStoreIndex;

NgStoreIndex *ng_store_index_new (void);
void ng_store_index_free (NgStoreIndex *index);
/* NULL without ERROR when PATH does not exist; with ERROR when damaged. */
NgStoreIndex *ng_store_index_load (const char *path, GError **error);
/* Writing an index, one article at a time (the facts of all articles are
 * never in memory at once): _begin opens a temporary file PATH.tmp, _finish
 * adds the node summary and renames it to DEST (not synced: the caller
 * syncs the file system), or with DEST NULL only removes it. */
typedef struct NgIndexWriter NgIndexWriter;
NgIndexWriter *ng_index_writer_begin (const char *path, GError **error);
void ng_index_writer_add (NgIndexWriter *w, const char *key, const NgIndexEntry *entry,
                          const char *facts, gsize facts_len);
gboolean ng_index_writer_finish (NgIndexWriter *w, const NgMergeNodes *nodes,
                                 const char *dest, GError **error);
void ng_index_entry_free (gpointer entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NgStoreIndex, ng_store_index_free)

#endif
