/* bulk-bdb.h — a whole new merged graph written as the Berkeley DB files of
 * Redland's "hashes" storage in one pass (see bulk-bdb.c). */
#ifndef NG_BULK_BDB_H
#define NG_BULK_BDB_H

#include <glib.h>
#include <redland.h>

/* Registers the storage module with WORLD (once per world). */
void ng_bulk_register (librdf_world *world);

/* A storage that collects the statements of the hashes storage NAME in DIR
 * (DIR/NAME-sp2o.db …); add statements through a model on it, then
 * ng_bulk_storage_finish writes the files.  Free it with
 * librdf_free_storage; the files are then opened with Redland's "hashes"
 * storage, new='no'. */
librdf_storage *ng_bulk_storage_new (librdf_world *world, const char *dir,
                                     const char *name);
/* Does this Redland encode statements as the bulk writer does?  (Checked
 * on probe statements; when not, write through Redland.) */
gboolean ng_bulk_supported (librdf_world *world);
/* Takes over the statements FROM collected (FROM may be of another librdf
 * world; it is left empty), with their encodings as they are; FALSE when
 * either could not take one. */
gboolean ng_bulk_storage_absorb (librdf_storage *into, librdf_storage *from);
/* Writes the files: the three indexes sorted and written on THREADS
 * threads (this one and THREADS - 1 others), each taking the next sort or
 * file when done with one; THREADS 0 or 1: one after another on this
 * thread.  BESIDE (may be NULL) is run with BESIDE_DATA on one of those
 * threads, first, whatever becomes of the write: the caller's work to do
 * beside it, sharing the threads instead of taking one more. */
gboolean ng_bulk_storage_finish (librdf_storage *storage, guint threads,
                                 GThreadFunc beside, gpointer beside_data,
                                 GError **error);

#endif
