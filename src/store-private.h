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
} NgIndexEntry;

/* merged-N.index: the article files generation N was merged from and the
 * number of statements of its merged graph; their merge facts and the rest
 * of what a later merge needs are in its merge state (merged-N-state.db). */
typedef struct {
  GHashTable *entries;      /* article key -> NgIndexEntry */
  gint64 triples;           /* -1 when not known */
} NgStoreIndex;

NgStoreIndex *ng_store_index_new (void);
void ng_store_index_free (NgStoreIndex *index);
/* NULL without ERROR when PATH does not exist; with ERROR when damaged. */
NgStoreIndex *ng_store_index_load (const char *path, GError **error);
/* Writing an index, one article at a time: _begin opens a temporary file
 * PATH.tmp, _finish adds the statement count and renames it to DEST (not
 * synced: the caller syncs the file system), or with DEST NULL only removes
 * it. */
typedef struct NgIndexWriter NgIndexWriter;
NgIndexWriter *ng_index_writer_begin (const char *path, GError **error);
void ng_index_writer_add (NgIndexWriter *w, const char *key, const NgIndexEntry *entry);
gboolean ng_index_writer_finish (NgIndexWriter *w, gint64 triples,
                                 const char *dest, GError **error);
void ng_index_entry_free (gpointer entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NgStoreIndex, ng_store_index_free)

/* The previous generation kept as a spare (store-spare.c). */
/* A shared lock on generation GEN of the store in DIR, held while it is
 * open: the fd, or -1 (*BUSY when a build is taking that generation; no
 * lock without its lock file). */
int ng_generation_lock (const char *dir, guint gen, gboolean *busy);
gboolean ng_generation_make_lock (const char *dir, guint gen, GError **error);
/* merged-GEN.redo and merged-GEN.redo-state: the journals of what the
 * build of generation GEN did to its copy of GEN-1 (the graph's
 * statements, the merge state's records). */
gboolean ng_spare_write_redo (const char *dir, guint gen, const GString *graph,
                              const GString *records, GError **error);
/* Is generation CURRENT-1 a spare (with CURRENT's journals)? */
gboolean ng_spare_usable (const char *dir, guint current);
typedef enum {
  NG_SPARE_NONE,     /* no spare */
  NG_SPARE_BUSY,     /* a reader has it open */
  NG_SPARE_TAKEN,    /* its files are generation NEXT's now */
  NG_SPARE_FAILED    /* half taken (ERROR set): to be removed */
} NgSpareResult;
/* Takes the spare of generation CURRENT as generation NEXT: renames its
 * files and returns CURRENT's journals (*GRAPH, *RECORDS, caller frees),
 * which make them generation CURRENT when redone. */
NgSpareResult ng_spare_take (const char *dir, guint current, guint next,
                             char **graph, gsize *graph_len,
                             char **records, gsize *records_len, GError **error);

#endif
