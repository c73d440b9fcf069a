/* store-private.h — what a store generation knows of its article files
 * (store-index.c) and its spare (store-spare.c), used by store.c. */
#ifndef NG_STORE_PRIVATE_H
#define NG_STORE_PRIVATE_H

#include <glib.h>
#include "nieuwsgraaf/merge.h"

#include <sys/stat.h>

/* What a generation knows of one article file (store-index.c). */
typedef struct {
  gint64 size, mtime_ns;
  guint64 ino;              /* the file as it was (files are replaced by
                               rename, so a rewrite changes the inode) */
  char *digest;             /* SHA-256 of its bytes */
} NgIndexEntry;

void ng_index_entry_free (gpointer entry);
void ng_index_entry_set_stat (NgIndexEntry *e, const struct stat *st);

/* merged-N.index, the text index of a store of an older format: the
 * article files generation N was merged from and its statement count. */
typedef struct {
  GHashTable *entries;      /* article key -> NgIndexEntry */
  gint64 triples;           /* -1 when not known */
} NgStoreIndex;

/* The article files the current generation was merged from: its merge
 * state's F records (opened read-only), or an older store's text index.
 * NULL without ERROR when there is neither. */
typedef struct NgOldFiles NgOldFiles;
NgOldFiles *ng_old_files_open (const char *state_path, const char *legacy_path,
                               GError **error);
void ng_old_files_free (NgOldFiles *old);
/* whether the merge state lists them (else a text index does, and the next
   generation's state must list every file) */
gboolean ng_old_files_listed (const NgOldFiles *old);
guint64 ng_old_files_count (const NgOldFiles *old);
gint64 ng_old_files_triples (const NgOldFiles *old);
/* KEY's entry into *OUT (its digest the caller's), FALSE when none */
gboolean ng_old_files_lookup (NgOldFiles *old, const char *key, NgIndexEntry *out);
/* every key, in no order (a walk of the whole merge state) */
gboolean ng_old_files_each (NgOldFiles *old, void (*fn) (const char *key, gpointer data),
                            gpointer data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NgOldFiles, ng_old_files_free)

/* The F records of a generation being written. */
void ng_files_put (NgMergeState *st, const char *key, const NgIndexEntry *e);
void ng_files_del (NgMergeState *st, const char *key);
void ng_files_put_count (NgMergeState *st, guint64 n);

/* The digest of a set of article files: the sum (four 64-bit lanes) of one
 * SHA-256 per file and digest, so that it follows additions and removals. */
typedef struct {
  guint64 lane[4];
} NgFileSum;
void ng_file_sum_add (NgFileSum *sum, const char *key, const char *digest,
                      gboolean remove);
/* the digest CURRENT records: the sum and the curation log's hash */
char *ng_file_sum_digest (const NgFileSum *sum, const char *log, gsize log_len);
gboolean ng_file_sum_parse (const char *digest, NgFileSum *sum);

/* articles.stamp: the articles directory as generation GEN left it. */
/* _matches fills *SEEN with the directory now; _write stamps SEEN, the
 * directory as the caller knows what it holds, when it is still so and its
 * times are older than the stamp file's (else it leaves no stamp). */
gboolean ng_stamp_matches (const char *dir, const char *articles_dir, guint gen,
                           struct stat *seen);
void ng_stamp_write (const char *dir, const char *articles_dir, guint gen,
                     const struct stat *seen);
/* whether two looks at a directory saw it the same (device, inode, times) */
gboolean ng_dir_same (const struct stat *a, const struct stat *b);

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
