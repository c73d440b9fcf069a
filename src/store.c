/* store.c — the graph store.
 *
 * Crash safety comes from the layout (see store.h): every article's named
 * graph is one N-Quads file written to a temporary name, synced and renamed
 * over its previous version, so after a SIGKILL at any moment each article
 * is either wholly present (old or new version) or wholly absent.  The merged
 * graph is derived: a merge writes generation N+1 into fresh storage beside
 * generation N, syncs it, and only then renames CURRENT to point at it, so
 * readers always open a complete merged graph.  CURRENT also records a digest
 * of the article files it was merged from; when a build was interrupted
 * between the two steps, the digest no longer matches and the next build
 * merges again.  Redland's "hashes" storage on Berkeley DB has no
 * transactions, which is why no article data is ever written into it in
 * place. */
#define _GNU_SOURCE 1   /* syncfs */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <linux/fs.h>   /* FICLONE */
#include <unistd.h>
#include <glib/gstdio.h>

#include "bulk-bdb.h"
#include "nieuwsgraaf/curation.h"
#include "nieuwsgraaf/graph.h"
#include "nieuwsgraaf/merge.h"
#include "nieuwsgraaf/store.h"
#include "nieuwsgraaf/vocab.h"
#include "rdf-util.h"
#include "store-private.h"

G_DEFINE_QUARK (ng-store-error-quark, ng_store_error)

#define NG_STORE_FORMAT 2
#define NG_TMP_DIR "tmp"      /* article files being written, renamed from here */
#define BDB_TEMP_PREFIX "__db."

struct NgStore
{
  char *dir;
  char *articles_dir;
  NgStoreFlags flags;
  char *type;             /* Redland storage type of the merged graph */
  char *options;          /* extra Redland options (user supplied) */
  librdf_world *world;
  librdf_storage *merged_storage;
  librdf_model *merged;
  guint generation;
  char *merged_digest;    /* digest of the articles the merged graph is from */
  gint64 triples;         /* statements of the merged graph (CURRENT), or -1 */
  gint64 article_files;   /* article files, as the last merge counted them, or -1 */
  struct stat dir_seen;   /* the articles directory as this process knows
                             what it holds (DIR_KNOWN) */
  gboolean dir_known;
  GMutex flush_lock;      /* one batch of renames at a time */
  GThread *flusher;       /* renames full batches while articles are
                             written (flusher_run), or NULL */
  GCond flush_cond;       /* a batch is full, or the flusher is to stop */
  gboolean flusher_stop;
  GError *flush_error;    /* the first batch the flusher could not rename */
  guint renames_failed;   /* article files not put in place, since the last
                             ng_store_flush */
  GHashTable *not_articles;  /* entries of the articles directory named like
                                article files that are not files, told once */
  gboolean stamp_ok;      /* the articles directory is as the current
                             generation left it (store-index.c), seen
                             before this process wrote into it */
  librdf_storage *articles_storage;  /* in memory, loaded on demand */
  librdf_model *articles;
  GHashTable *memory_articles;       /* NG_STORE_MEMORY: key -> N-Quads text */
  GMutex lock;                       /* put_* may run on several threads */
  GPtrArray *pending;                /* written article files, not yet renamed:
                                        temporary path, final path, … */
  GHashTable *fresh;                 /* article key -> Fresh: what this process
                                        wrote, for the next merge's scan */
  guint threads;                     /* a merge's threads; 0: one per processor */
  int lock_fd;                       /* LOCK, held while open for writing */
  int gen_lock_fd;                   /* merged-GENERATION.lock, shared, or -1 */
};

static gboolean memory_store (NgStore *s) { return (s->flags & NG_STORE_MEMORY) != 0; }

static void
drop_articles_model (NgStore *s)
{
  g_clear_pointer (&s->articles, librdf_free_model);
  g_clear_pointer (&s->articles_storage, librdf_free_storage);
}

static void flush_articles (NgStore *s);
static void stop_flusher (NgStore *s);

void
ng_store_free (NgStore *s)
{
  if (s == NULL)
    return;
  stop_flusher (s);
  flush_articles (s);
  if (s->flush_error)
    g_warning ("%s", s->flush_error->message);
  g_clear_error (&s->flush_error);
  g_clear_pointer (&s->not_articles, g_hash_table_unref);
  g_clear_pointer (&s->pending, g_ptr_array_unref);
  g_clear_pointer (&s->fresh, g_hash_table_unref);
  drop_articles_model (s);
  if (s->merged)
    librdf_free_model (s->merged);
  if (s->merged_storage)
    librdf_free_storage (s->merged_storage);
  if (s->world)
    librdf_free_world (s->world);
  if (s->memory_articles)
    g_hash_table_unref (s->memory_articles);
  g_free (s->dir);
  g_free (s->articles_dir);
  g_free (s->type);
  g_free (s->options);
  g_free (s->merged_digest);
  if (s->lock_fd > 0)
    close (s->lock_fd);   /* releases the flock */
  if (s->gen_lock_fd >= 0)
    close (s->gen_lock_fd);
  g_free (s);
}

librdf_world *ng_store_get_world (NgStore *s) { return s->world; }
void ng_store_set_threads (NgStore *s, guint threads) { s->threads = threads; }
librdf_model *ng_store_get_merged (NgStore *s) { return s->merged; }
const char *ng_store_get_backend (NgStore *s) { return s->type; }

/* ------------------------------------------------------------ storages */

static gboolean
file_backed (const char *type)
{
  return strcmp (type, "hashes") == 0 || strcmp (type, "sqlite") == 0;
}

/* Opens (CREATE: creates) the merged-graph storage of generation GEN. */
static gboolean
open_merged (NgStore *s, guint gen, gboolean create, gboolean in_memory,
             librdf_storage **storage, librdf_model **model, GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *options = NULL;
  g_autofree char *why = NULL;
  const char *extra = s->options && *s->options ? s->options : NULL;
  const char *write = (s->flags & (NG_STORE_WRITE | NG_STORE_MEMORY)) ? "yes" : "no";

  if (in_memory)
    {
      name = g_strdup ("merged");
      options = g_strdup ("hash-type='memory'");
    }
  else if (strcmp (s->type, "hashes") == 0)
    {
      name = g_strdup_printf ("merged-%u", gen);
      options = g_strdup_printf ("hash-type='bdb',dir='%s',new='%s',write='%s'%s%s",
                                 s->dir, create ? "yes" : "no", write,
                                 extra ? "," : "", extra ? extra : "");
    }
  else if (strcmp (s->type, "sqlite") == 0)
    {
      g_autofree char *file = g_strdup_printf ("merged-%u.sqlite", gen);
      name = g_build_filename (s->dir, file, NULL);
      options = g_strdup_printf ("new='%s',synchronous='normal'%s%s",
                                 create ? "yes" : "no", extra ? "," : "",
                                 extra ? extra : "");
    }
  else
    {
      /* a server-backed storage: one graph, named by the options */
      name = g_strdup ("nieuwsgraaf");
      options = g_strdup_printf ("new='%s'%s%s", create ? "yes" : "no",
                                 extra ? "," : "", extra ? extra : "");
    }

  ng_rdf_take_error ();
  *storage = librdf_new_storage (s->world, in_memory ? "hashes" : s->type, name, options);
  *model = *storage ? librdf_new_model (s->world, *storage, NULL) : NULL;
  if (*model == NULL)
    {
      if (*storage)
        librdf_free_storage (*storage);
      *storage = NULL;
      why = ng_rdf_take_error ();
      /* options may hold passwords: never repeat them */
      g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_OPEN,
                   "%s: cannot open the merged graph (Redland storage “%s”)%s%s",
                   s->dir, s->type, why ? ": " : "", why ? why : "");
      return FALSE;
    }
  return TRUE;
}

/* Removes the storage files of generation GEN. */
static void
remove_generation (NgStore *s, guint gen)
{
  g_autofree char *prefix = g_strdup_printf ("merged-%u", gen);
  GDir *d;
  const char *f;

  if (memory_store (s) || !file_backed (s->type))
    return;
  d = g_dir_open (s->dir, 0, NULL);
  if (d == NULL)
    return;
  while ((f = g_dir_read_name (d)))
    {
      /* Berkeley DB creates a database as __db.NAME, then renames it: a
         kill in between leaves that file, and creating NAME again would
         fail with "File exists" */
      const char *name = g_str_has_prefix (f, BDB_TEMP_PREFIX) ? f + strlen (BDB_TEMP_PREFIX) : f;
      if (g_str_has_prefix (name, prefix)
          && (name[strlen (prefix)] == '-' || name[strlen (prefix)] == '.'))
        {
          g_autofree char *p = g_build_filename (s->dir, f, NULL);
          g_unlink (p);
        }
    }
  g_dir_close (d);
}

/* Removes every generation but the current one (leftovers of interrupted
 * merges). */
static void
remove_stale_generations (NgStore *s)
{
  GDir *d = g_dir_open (s->dir, 0, NULL);
  const char *f;
  g_autoptr (GHashTable) gens = g_hash_table_new (NULL, NULL);
  GHashTableIter it;
  gpointer k;

  gboolean spare = s->generation > 1 && ng_spare_usable (s->dir, s->generation);

  if (d == NULL)
    return;
  while ((f = g_dir_read_name (d)))
    if (g_str_has_prefix (f, BDB_TEMP_PREFIX "merged-"))
      {
        /* half-created by a killed process, whatever its generation */
        g_autofree char *p = g_build_filename (s->dir, f, NULL);
        g_unlink (p);
      }
    else if (g_str_has_prefix (f, "merged-"))
      {
        guint gen = (guint) strtoul (f + 7, NULL, 10);
        if (gen != s->generation && !(spare && gen == s->generation - 1))
          g_hash_table_add (gens, GUINT_TO_POINTER (gen));
      }
  g_dir_close (d);
  g_hash_table_iter_init (&it, gens);
  while (g_hash_table_iter_next (&it, &k, NULL))
    remove_generation (s, GPOINTER_TO_UINT (k));
}

/* Removes the files in directory DIR whose names do not end in KEEP (all,
 * when KEEP is NULL): the temporary files of article writes a killed build
 * left behind (they never hold a complete article; the .nq files are what
 * counts). */
static void
remove_temporary_files (const char *dir, const char *keep)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *f;
  if (d == NULL)
    return;
  while ((f = g_dir_read_name (d)))
    if (keep == NULL || !g_str_has_suffix (f, keep))
      {
        g_autofree char *p = g_build_filename (dir, f, NULL);
        if (g_file_test (p, G_FILE_TEST_IS_REGULAR))
          g_unlink (p);
      }
  g_dir_close (d);
}

/* The articles directory now (device, inode, times) into *ST. */
static gboolean
dir_stat (NgStore *s, struct stat *st)
{
  return stat (s->articles_dir, st) == 0;
}

/* Whether the articles directory is still as this process knows it (else
 * it forgets it: the next merge looks at every file). */
static gboolean
dir_unchanged (NgStore *s)
{
  struct stat now;
  if (s->dir_known && !(dir_stat (s, &now) && ng_dir_same (&now, &s->dir_seen)))
    s->dir_known = FALSE;
  if (!s->dir_known)
    s->stamp_ok = FALSE;
  return s->dir_known;
}

/* ------------------------------------------------------------ metadata */

static char *
path_in (NgStore *s, const char *name)
{
  return g_build_filename (s->dir, name, NULL);
}

/* One writer at a time: an exclusive flock on DIR/LOCK, held until the store
 * is freed (the kernel releases it when a process dies, so a killed build
 * never leaves the store locked). */
static gboolean
take_lock (NgStore *s, GError **error)
{
  g_autofree char *path = path_in (s, "LOCK");
  int fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int e = errno;
      g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_OPEN, "%s: %s", path,
                   g_strerror (e));
      return FALSE;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_OPEN,
                   "%s: another nieuwsgraaf process is writing this store; "
                   "try again when it has finished", s->dir);
      return FALSE;
    }
  s->lock_fd = fd;
  return TRUE;
}

/* Flushes everything written to the store's file system (one syncfs per
 * merge instead of one fsync per article). */
static void
sync_store (NgStore *s)
{
  int fd = open (s->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0)
    {
      if (syncfs (fd) != 0)
        g_warning ("%s: syncfs: %s", s->dir, g_strerror (errno));
      close (fd);
    }
}

/* An article graph this process has just stored: the SHA-256 of its bytes
 * and its merge facts, computed on the thread that extracted it (in
 * parallel) so that the merge does not read and parse the file again. */
typedef struct {
  char *digest;
  char *facts;
  gboolean stated;          /* ST is the file as written (a rename keeps its
                               size, mtime and inode): the scan need not
                               stat it */
  struct stat st;
} Fresh;

static void
fresh_free (gpointer p)
{
  Fresh *f = p;
  g_free (f->digest);
  g_free (f->facts);
  g_free (f);
}

static void
ignore_raptor_log (void *user_data, raptor_log_message *msg)
{
}

/* Raptor worlds for the N-Quads parsed on the build threads (N-Quads
 * input, fresh facts): each parse takes a world of its own from this pool
 * and gives it back, so the threads parse in parallel.  A world is never
 * freed: freeing one on a worker thread would shut libxml2 down
 * (xmlCleanupParser) under the feet of the other threads.  The pool holds
 * as many worlds as parses ever ran at once (the number of build threads). */
static GMutex nquads_lock;
static GPtrArray *nquads_idle;

static raptor_world *
nquads_world_take (void)
{
  raptor_world *world = NULL;
  g_mutex_lock (&nquads_lock);
  if (nquads_idle == NULL)
    nquads_idle = g_ptr_array_new ();
  if (nquads_idle->len > 0)
    world = g_ptr_array_steal_index_fast (nquads_idle, nquads_idle->len - 1);
  else
    {
      world = raptor_new_world ();
      raptor_world_open (world);
    }
  g_mutex_unlock (&nquads_lock);
  return world;
}

static void
nquads_world_give (raptor_world *world)
{
  raptor_world_set_log_handler (world, NULL, NULL);
  g_mutex_lock (&nquads_lock);
  g_ptr_array_add (nquads_idle, world);
  g_mutex_unlock (&nquads_lock);
}

/* Fresh facts of TEXT, the N-Quads of the article file PATH; their facts
 * NULL when they cannot be computed here (the merge then reads the file as
 * usual). */
static Fresh *
fresh_new (const char *path, const char *text)
{
  Fresh *f = g_new0 (Fresh, 1);
  raptor_world *rw = nquads_world_take ();
  raptor_world_set_log_handler (rw, NULL, ignore_raptor_log);
  f->facts = ng_merge_facts_parse (rw, path, text, NULL);
  nquads_world_give (rw);
  if (f->facts)
    f->digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  return f;
}

/* Article files are written in batches: each to a temporary file in
 * DIR/tmp (never a complete article: removed when a store is opened for
 * writing; not in the articles directory, whose times say whether anyone
 * else changed it), and one syncfs makes a batch durable before its files
 * are renamed to their final names.  A kill leaves each article's old or
 * new version, never a mix, and a power loss cannot leave a renamed file
 * without its data.  (One fsync of the file and one of the directory per
 * article, which GLib's consistent g_file_set_contents does, cost more than
 * extracting the article.)  Every FLUSH_BATCH files a thread of the store's
 * own (the flusher) syncs and renames the batch while the articles after
 * it are extracted and written, so that a build's write-back and renames
 * overlap its extraction instead of following it; the merge renames the
 * last batch. */
#define FLUSH_BATCH 128

/* Renames the pending article files after one sync.  Returns FALSE with
 * ERROR set when a rename fails (that file is removed: that article stays
 * as it was; the others of the batch are renamed). */
static gboolean
flush_articles_checked (NgStore *s, GError **error)
{
  g_autoptr (GPtrArray) batch = NULL;
  g_autofree char *failed_path = NULL;
  int failed_errno = 0;
  guint failed = 0;

  g_mutex_lock (&s->flush_lock);
  g_mutex_lock (&s->lock);
  batch = g_steal_pointer (&s->pending);
  g_mutex_unlock (&s->lock);
  if (batch == NULL || batch->len == 0)
    {
      g_mutex_unlock (&s->flush_lock);
      return TRUE;
    }
  sync_store (s);
  /* the renames are this process's only changes to the articles directory
     (the temporary files are elsewhere): a change by anyone else since it
     last looked makes the merge look at every file */
  g_mutex_lock (&s->lock);
  dir_unchanged (s);
  g_mutex_unlock (&s->lock);
  for (guint i = 0; i + 1 < batch->len; i += 2)
    {
      const char *tmp = batch->pdata[i];
      const char *path = batch->pdata[i + 1];
      if (g_rename (tmp, path) != 0)
        {
          /* that article stays as it was: not one this process wrote (the
             others of the batch are renamed all the same) */
          int e = errno;
          g_autofree char *base = g_path_get_basename (path);
          if (failed++ == 0)
            {
              failed_errno = e;
              failed_path = g_strdup (path);
            }
          g_unlink (tmp);
          if (g_str_has_suffix (base, ".nq"))
            base[strlen (base) - 3] = '\0';
          g_mutex_lock (&s->lock);
          if (s->fresh)
            g_hash_table_remove (s->fresh, base);
          s->dir_known = FALSE;
          s->stamp_ok = FALSE;
          g_mutex_unlock (&s->lock);
        }
    }
  g_mutex_lock (&s->lock);
  if (s->dir_known && !dir_stat (s, &s->dir_seen))
    s->dir_known = FALSE;
  g_mutex_unlock (&s->lock);
  g_mutex_unlock (&s->flush_lock);
  if (failed)
    {
      g_mutex_lock (&s->lock);
      s->renames_failed += failed;
      g_mutex_unlock (&s->lock);
      g_autofree char *more = failed > 1 ? g_strdup_printf (" (and %u other article files "
                                                            "of this batch)", failed - 1)
                                         : g_strdup ("");
      g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_WRITE,
                   "%s: cannot rename the article file into place: %s%s", failed_path,
                   g_strerror (failed_errno), more);
      return FALSE;
    }
  g_debug ("%s: %u article files synced and renamed into place", s->dir, batch->len / 2);
  return TRUE;
}

static void
flush_articles (NgStore *s)
{
  g_autoptr (GError) local = NULL;
  if (s->articles_dir && !flush_articles_checked (s, &local))
    g_warning ("%s", local->message);
}

/* The flusher: renames each batch as soon as it is full, until told to
 * stop; the first batch it cannot rename is kept in S->flush_error for
 * ng_store_flush to report (those articles stay as they were). */
static gpointer
flusher_run (gpointer data)
{
  NgStore *s = data;
  g_mutex_lock (&s->lock);
  for (;;)
    {
      GError *local = NULL;
      while (!s->flusher_stop && (s->pending == NULL || s->pending->len < 2 * FLUSH_BATCH))
        g_cond_wait (&s->flush_cond, &s->lock);
      if (s->flusher_stop)
        break;
      g_mutex_unlock (&s->lock);
      flush_articles_checked (s, &local);
      g_mutex_lock (&s->lock);
      if (local && s->flush_error == NULL)
        s->flush_error = local;
      else
        g_clear_error (&local);
    }
  g_mutex_unlock (&s->lock);
  return NULL;
}

gboolean
ng_store_flush (NgStore *s, guint *failed, GError **error)
{
  GError *early;
  gboolean ok;
  stop_flusher (s);
  g_mutex_lock (&s->lock);
  early = g_steal_pointer (&s->flush_error);
  g_mutex_unlock (&s->lock);
  /* the flusher's failure is the one told (it came first); the rest of
     the files are renamed all the same */
  ok = s->articles_dir == NULL || flush_articles_checked (s, early ? NULL : error);
  if (early)
    g_propagate_error (error, early);
  g_mutex_lock (&s->lock);
  if (failed)
    *failed = s->renames_failed;
  s->renames_failed = 0;
  g_mutex_unlock (&s->lock);
  return ok && early == NULL;
}

/* Stops the flusher, if it runs (what is still pending stays pending). */
static void
stop_flusher (NgStore *s)
{
  GThread *t;
  g_mutex_lock (&s->lock);
  s->flusher_stop = TRUE;
  g_cond_signal (&s->flush_cond);
  t = g_steal_pointer (&s->flusher);
  g_mutex_unlock (&s->lock);
  if (t)
    g_thread_join (t);
  g_mutex_lock (&s->lock);
  s->flusher_stop = FALSE;
  g_mutex_unlock (&s->lock);
}

/* Writes DATA as the article file PATH: a temporary file now, renamed by
 * the next flush. */
static gboolean
write_article_file (NgStore *s, const char *key, const char *path, const char *data,
                    GError **error)
{
  Fresh *fresh = fresh_new (path, data);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp = g_strconcat (s->dir, G_DIR_SEPARATOR_S NG_TMP_DIR G_DIR_SEPARATOR_S,
                                      base, ".XXXXXX", NULL);
  gsize len = strlen (data);
  int fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0644);

  if (fd < 0)
    {
      int e = errno;
      g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_WRITE, "%s: %s", tmp,
                   g_strerror (e));
      g_clear_pointer (&fresh, fresh_free);
      return FALSE;
    }
  for (gsize done = 0; done < len;)
    {
      gssize n = write (fd, data + done, len - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int e = n < 0 ? errno : ENOSPC;
          close (fd);
          g_unlink (tmp);
          g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_WRITE, "%s: %s", path,
                       g_strerror (e));
          g_clear_pointer (&fresh, fresh_free);
          return FALSE;
        }
      done += (gsize) n;
    }
  fresh->stated = fstat (fd, &fresh->st) == 0;
  if (close (fd) != 0)
    {
      int e = errno;
      g_unlink (tmp);
      g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_WRITE, "%s: %s", path,
                   g_strerror (e));
      g_clear_pointer (&fresh, fresh_free);
      return FALSE;
    }
  g_mutex_lock (&s->lock);
  /* in the same critical section as the rename's place in the queue: the
     last version of an article written twice is the one both keep */
  if (s->fresh == NULL)
    s->fresh = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, fresh_free);
  g_hash_table_replace (s->fresh, g_strdup (key), fresh);
  s->article_files = -1;   /* the merge counts again */
  if (s->pending == NULL)
    s->pending = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (s->pending, g_steal_pointer (&tmp));
  g_ptr_array_add (s->pending, g_strdup (path));
  if (s->pending->len >= 2 * FLUSH_BATCH)
    {
      /* a full batch: the flusher renames it (started by the first) */
      if (s->flusher == NULL)
        s->flusher = g_thread_new ("ng-flush", flusher_run, s);
      g_cond_signal (&s->flush_cond);
    }
  g_mutex_unlock (&s->lock);
  return TRUE;
}

static gboolean
write_durably (const char *path, const char *data, gssize len, GError **error)
{
  /* write to a temporary file, fsync, rename: all or nothing */
  return g_file_set_contents_full (path, data, len,
                                   G_FILE_SET_CONTENTS_CONSISTENT
                                   | G_FILE_SET_CONTENTS_DURABLE, 0644, error);
}

static gboolean
read_config (NgStore *s, const char *want_type, const char *want_options,
             GError **error)
{
  g_autofree char *ini = path_in (s, "store.ini");
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (GError) local = NULL;

  if (!g_key_file_load_from_file (kf, ini, G_KEY_FILE_NONE, &local))
    {
      if (!g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_OPEN,
                       "%s: %s", ini, local->message);
          return FALSE;
        }
      if (!(s->flags & NG_STORE_WRITE))
        {
          g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_MISSING,
                       "%s: no nieuwsgraaf store here; create one with "
                       "“nieuwsgraaf build --store %s ARTICLES…”", s->dir, s->dir);
          return FALSE;
        }
      /* a new store */
      s->type = g_strdup (want_type ? want_type : "hashes");
      s->options = g_strdup (want_options ? want_options : "");
      g_key_file_set_integer (kf, "store", "format", NG_STORE_FORMAT);
      g_key_file_set_string (kf, "store", "storage", s->type);
      g_key_file_set_string (kf, "store", "options", s->options);
      {
        g_autofree char *data = g_key_file_to_data (kf, NULL, NULL);
        g_autofree char *text = g_strconcat (
            "# nieuwsgraaf store; the storage of the merged graph is fixed at creation\n",
            data, NULL);
        return write_durably (ini, text, -1, error);
      }
    }
  if (g_key_file_get_integer (kf, "store", "format", NULL) != NG_STORE_FORMAT)
    {
      g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_OPEN,
                   "%s: a store of another format version; rebuild it with "
                   "this version of nieuwsgraaf", s->dir);
      return FALSE;
    }
  s->type = g_key_file_get_string (kf, "store", "storage", NULL);
  s->options = g_key_file_get_string (kf, "store", "options", NULL);
  if (s->type == NULL || *s->type == '\0')
    {
      g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_OPEN,
                   "%s: store.ini names no storage", s->dir);
      return FALSE;
    }
  if (want_type && strcmp (want_type, s->type) != 0)
    {
      g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_OPEN,
                   "%s: this store uses storage “%s”, not “%s”", s->dir, s->type,
                   want_type);
      return FALSE;
    }
  if (want_options && *want_options)
    {
      /* options for a server-backed storage may change (a password, a
         host); they are used for this run only and not written back */
      g_free (s->options);
      s->options = g_strdup (want_options);
    }
  return TRUE;
}

static void
read_current (NgStore *s)
{
  g_autofree char *cur = path_in (s, "CURRENT");
  g_autofree char *text = NULL;
  if (g_file_get_contents (cur, &text, NULL, NULL))
    {
      g_auto (GStrv) lines = g_strsplit (text, "\n", 4);
      s->generation = (guint) strtoul (lines[0], NULL, 10);
      if (lines[0] && lines[1])
        s->merged_digest = g_strdup (g_strstrip (lines[1]));
      if (lines[0] && lines[1] && lines[2] && g_ascii_isdigit (lines[2][0]))
        s->triples = g_ascii_strtoll (lines[2], NULL, 10);
    }
}

/* Takes the shared lock of the current generation (store-spare.c): while
 * it is held no build takes these files as its spare.  A build may be
 * taking the generation CURRENT named when it was read (a newer one is
 * current then): CURRENT is read again. */
static gboolean
lock_generation (NgStore *s, GError **error)
{
  if (memory_store (s) || !file_backed (s->type))
    return TRUE;
  for (guint tries = 0; s->generation > 0; tries++)
    {
      gboolean busy = FALSE;
      struct stat st;
      s->gen_lock_fd = ng_generation_lock (s->dir, s->generation, &busy);
      if (s->gen_lock_fd >= 0 && fstat (s->gen_lock_fd, &st) == 0 && st.st_nlink > 0)
        return TRUE;
      if (s->gen_lock_fd < 0 && !busy)
        return TRUE;        /* written before locks */
      if (s->gen_lock_fd >= 0)
        close (s->gen_lock_fd);   /* taken and removed meanwhile */
      s->gen_lock_fd = -1;
      if (tries == 200)
        {
          g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_OPEN,
                       "%s: the merged graph keeps changing while it is opened", s->dir);
          return FALSE;
        }
      g_usleep (10000);
      g_clear_pointer (&s->merged_digest, g_free);
      read_current (s);
    }
  return TRUE;
}

/* ------------------------------------------------------------ open */

NgStore *
ng_store_open_with_backend (const char *dir, NgStoreFlags flags, const char *type,
                            const char *options, GError **error)
{
  g_autoptr (NgStore) s = g_new0 (NgStore, 1);

  s->flags = flags;
  s->gen_lock_fd = -1;
  s->triples = -1;
  s->article_files = -1;
  s->world = librdf_new_world ();
  librdf_world_open (s->world);
  ng_rdf_world_setup (s->world);
  ng_bulk_register (s->world);

  if (flags & NG_STORE_MEMORY)
    {
      s->dir = g_strdup (":memory:");
      s->type = g_strdup ("hashes");
      s->memory_articles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      if (!open_merged (s, 0, TRUE, TRUE, &s->merged_storage, &s->merged, error))
        return NULL;
      return g_steal_pointer (&s);
    }

  g_return_val_if_fail (dir != NULL, NULL);
  s->dir = g_strdup (dir);
  s->articles_dir = g_build_filename (dir, "articles", NULL);
  if (flags & NG_STORE_WRITE)
    {
      if (g_mkdir_with_parents (s->articles_dir, 0755) != 0)
        {
          int e = errno;
          g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_OPEN,
                       "%s: cannot create the store directory: %s", dir,
                       g_strerror (e));
          return NULL;
        }
    }
  else if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_MISSING,
                   "%s: no nieuwsgraaf store here; create one with "
                   "“nieuwsgraaf build --store %s ARTICLES…”", dir, dir);
      return NULL;
    }
  if ((flags & NG_STORE_WRITE) && !take_lock (s, error))
    return NULL;
  if (!read_config (s, type, options, error))
    return NULL;
  read_current (s);
  if (!lock_generation (s, error))
    return NULL;

  if (flags & NG_STORE_WRITE)
    {
      g_autofree char *tmp = path_in (s, NG_TMP_DIR);
      remove_stale_generations (s);
      /* before anything is written into it */
      s->stamp_ok = file_backed (s->type)
                    && ng_stamp_matches (s->dir, s->articles_dir, s->generation,
                                         &s->dir_seen);
      s->dir_known = s->stamp_ok;
      if (!s->stamp_ok)
        remove_temporary_files (s->articles_dir, ".nq");  /* an older version's */
      remove_temporary_files (tmp, NULL);
      if (g_mkdir_with_parents (tmp, 0755) != 0)
        {
          int e = errno;
          g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_OPEN,
                       "%s: cannot create the directory: %s", tmp, g_strerror (e));
          return NULL;
        }
    }
  if (s->generation == 0 && !(flags & NG_STORE_WRITE) && file_backed (s->type))
    {
      g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_MISSING,
                   "%s: the store has no merged graph yet; run “nieuwsgraaf "
                   "build --store %s ARTICLES…”", dir, dir);
      return NULL;
    }
  /* nothing merged yet: an empty graph in memory until the first merge */
  if (!open_merged (s, s->generation,
                    !file_backed (s->type) && (flags & NG_STORE_WRITE),
                    s->generation == 0 && file_backed (s->type),
                    &s->merged_storage, &s->merged, error))
    return NULL;
  return g_steal_pointer (&s);
}

NgStore *
ng_store_open (const char *dir, NgStoreFlags flags, GError **error)
{
  return ng_store_open_with_backend (dir, flags, NULL, NULL, error);
}

/* ------------------------------------------------------------ articles */

/* The file key of an article source name. */
static char *
article_key (const char *source)
{
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, source, -1);
  return g_strndup (sum, 32);
}

static int
str_ptr_cmp (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* N-Triples of STREAM as lines ending in " <CTX> ." (or " ." without CTX),
 * appended to OUT. */
static gboolean
stream_to_quads (librdf_world *world, librdf_stream *stream, const char *ctx,
                 GPtrArray *out)
{
  g_autoptr (librdf_serializer) ser = librdf_new_serializer (world, "ntriples",
                                                             NULL, NULL);
  size_t len = 0;
  unsigned char *text;
  g_auto (GStrv) lines = NULL;

  if (ser == NULL)
    return FALSE;
  text = librdf_serializer_serialize_stream_to_counted_string (ser, NULL, stream, &len);
  if (text == NULL)
    return len == 0;
  lines = g_strsplit ((const char *) text, "\n", -1);
  librdf_free_memory (text);
  for (char **l = lines; *l; l++)
    {
      gsize n = strlen (*l);
      if (n < 2 || !g_str_has_suffix (*l, " ."))
        continue;
      if (ctx)
        g_ptr_array_add (out, g_strdup_printf ("%.*s <%s> .", (int) (n - 2), *l, ctx));
      else
        g_ptr_array_add (out, g_strdup (*l));
    }
  return TRUE;
}

/* Stores TEXT, the N-Quads of one article graph from SOURCE. */
static gboolean
put_text (NgStore *s, const char *source, char *text, GError **error)
{
  g_autofree char *key = article_key (source);

  if (!(s->flags & (NG_STORE_WRITE | NG_STORE_MEMORY)))
    {
      g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_WRITE,
                   "%s: the store is open read-only", s->dir);
      g_free (text);
      return FALSE;
    }
  g_mutex_lock (&s->lock);
  drop_articles_model (s);
  s->article_files = -1;
  if (memory_store (s))
    {
      g_hash_table_replace (s->memory_articles, g_steal_pointer (&key), text);
      g_mutex_unlock (&s->lock);
      return TRUE;
    }
  g_mutex_unlock (&s->lock);
  {
    g_autofree char *owned = text;
    g_autofree char *file = g_strconcat (key, ".nq", NULL);
    g_autofree char *path = g_build_filename (s->articles_dir, file, NULL);
    g_autoptr (GError) local = NULL;
    g_autofree char *had = NULL;
    gsize had_len = 0;
    /* the same article again: the file stays as it is (and the merge index
       knows it without reading it) */
    gboolean written_here;
    g_mutex_lock (&s->lock);
    written_here = s->fresh && g_hash_table_contains (s->fresh, key);
    g_mutex_unlock (&s->lock);
    if (!written_here
        && g_file_get_contents (path, &had, &had_len, NULL) && had_len == strlen (owned)
        && memcmp (had, owned, had_len) == 0)
      return TRUE;
    /* a changed article (same source name) replaces its earlier graph in one
       rename */
    if (!write_article_file (s, key, path, owned, &local))
      {
        g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_WRITE, "%s: %s", source,
                     local->message);
        return FALSE;
      }
  }
  return TRUE;
}

gboolean
ng_store_put_article (NgStore *s, const NgArticle *article,
                      const NgExtraction *ex, GError **error)
{
  return put_text (s, ng_article_get_name (article),
                   ng_article_graph_nquads (article, ex), error);
}

typedef struct {
  GHashTable *graphs;    /* graph IRI -> GPtrArray of lines */
  GHashTable *sources;   /* graph IRI -> ng:sourceFile */
  guint untyped;         /* statements outside any named graph */
  guint line;
} SplitState;

static void
split_statement (void *user_data, raptor_statement *st)
{
  SplitState *ss = user_data;
  char *line = ng_nquad_line_from_statement (st);
  const char *g;
  GPtrArray *lines;

  if (line == NULL || st->graph == NULL || st->graph->type != RAPTOR_TERM_TYPE_URI)
    {
      ss->untyped++;
      g_free (line);
      return;
    }
  g = (const char *) raptor_uri_as_string (st->graph->value.uri);
  lines = g_hash_table_lookup (ss->graphs, g);
  if (lines == NULL)
    {
      lines = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (ss->graphs, g_strdup (g), lines);
    }
  g_ptr_array_add (lines, line);
  if (st->object->type == RAPTOR_TERM_TYPE_LITERAL
      && strcmp ((const char *) raptor_uri_as_string (st->predicate->value.uri),
                 NG_SOURCE_FILE) == 0)
    g_hash_table_replace (ss->sources, g_strdup (g),
                          g_strdup ((const char *) st->object->value.literal.string));
}

static void
split_error (void *user_data, raptor_log_message *msg)
{
  SplitState *ss = user_data;
  if (msg->level >= RAPTOR_LOG_LEVEL_ERROR && ss->line == 0)
    ss->line = msg->locator && msg->locator->line > 0 ? (guint) msg->locator->line : 1;
}


int
ng_store_put_nquads (NgStore *s, const char *name, const char *data, gsize len,
                     GError **error)
{
  raptor_world *rw;
  raptor_parser *p;
  raptor_uri *base;
  SplitState ss = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_ptr_array_unref),
                    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
                    0, 0 };
  g_autoptr (GPtrArray) order = g_ptr_array_new ();
  GHashTableIter it;
  gpointer k;
  int stored = -1;

  rw = nquads_world_take ();
  raptor_world_set_log_handler (rw, &ss, split_error);
  p = raptor_new_parser (rw, "nquads");
  base = raptor_new_uri (rw, (const unsigned char *) NG_ID_BASE);
  raptor_parser_set_statement_handler (p, &ss, split_statement);
  if (raptor_parser_parse_start (p, base) != 0
      || raptor_parser_parse_chunk (p, (const unsigned char *) data, len, 1) != 0
      || ss.line)
    {
      g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_FORMAT,
                   "%s:%u: not valid N-Quads", name, ss.line ? ss.line : 1);
      goto out;
    }
  raptor_free_parser (p);
  raptor_free_uri (base);
  p = NULL;
  base = NULL;
  nquads_world_give (rw);
  if (ss.untyped)
    {
      g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_FORMAT,
                   "%s: %u statements outside a named article graph (blank nodes "
                   "or the default graph); expected the output of "
                   "“nieuwsgraaf extract --format nquads”", name, ss.untyped);
      goto out;
    }
  g_hash_table_iter_init (&it, ss.graphs);
  while (g_hash_table_iter_next (&it, &k, NULL))
    {
      if (!g_hash_table_contains (ss.sources, k))
        {
          g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_FORMAT,
                       "%s: graph <%s> is not an article graph (it has no "
                       "ng:sourceFile)", name, (char *) k);
          goto out;
        }
      g_ptr_array_add (order, k);
    }
  g_ptr_array_sort (order, str_ptr_cmp);
  stored = 0;
  for (guint i = 0; i < order->len; i++)
    {
      GPtrArray *lines = g_hash_table_lookup (ss.graphs, order->pdata[i]);
      if (!put_text (s, g_hash_table_lookup (ss.sources, order->pdata[i]),
                     ng_nquads_canonical (lines), error))
        {
          stored = -1;
          break;
        }
      stored++;
    }
out:
  if (p)
    {
      raptor_free_parser (p);
      raptor_free_uri (base);
      nquads_world_give (rw);
    }
  g_hash_table_unref (ss.graphs);
  g_hash_table_unref (ss.sources);
  return stored;
}

/* The article files (or memory texts), sorted by key: key -> N-Quads. */
static GPtrArray *
article_keys (NgStore *s)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  flush_articles (s);
  if (memory_store (s))
    {
      GHashTableIter it;
      gpointer k;
      g_hash_table_iter_init (&it, s->memory_articles);
      while (g_hash_table_iter_next (&it, &k, NULL))
        g_ptr_array_add (keys, g_strdup (k));
    }
  else
    {
      DIR *d = opendir (s->articles_dir);
      struct dirent *e;
      while (d && (e = readdir (d)))
        {
          const char *f = e->d_name;
          if (!g_str_has_suffix (f, ".nq") || f[0] == '.')
            continue;
          if (e->d_type != DT_REG && e->d_type != DT_LNK && e->d_type != DT_UNKNOWN)
            {
              /* a directory (or the like) in an article file's place, as
                 when a rename was refused: no article, told once */
              if (s->not_articles == NULL)
                s->not_articles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              if (g_hash_table_add (s->not_articles, g_strdup (f)))
                g_warning ("%s/%s: not an article file (%s); left alone", s->articles_dir, f,
                           e->d_type == DT_DIR ? "a directory" : "not a regular file");
              continue;
            }
          g_ptr_array_add (keys, g_strndup (f, strlen (f) - 3));
        }
      if (d)
        closedir (d);
    }
  g_ptr_array_sort (keys, str_ptr_cmp);
  return keys;
}

static char *
article_text (NgStore *s, const char *key, GError **error)
{
  char *text = NULL;
  if (memory_store (s))
    return g_strdup (g_hash_table_lookup (s->memory_articles, key));
  {
    g_autofree char *file = g_strconcat (key, ".nq", NULL);
    g_autofree char *path = g_build_filename (s->articles_dir, file, NULL);
    if (!g_file_get_contents (path, &text, NULL, error))
      return NULL;
  }
  return text;
}

guint
ng_store_article_count (NgStore *s)
{
  g_autoptr (GPtrArray) keys = NULL;
  g_mutex_lock (&s->lock);
  if (s->article_files >= 0)
    {
      /* counted by the merge (which need not list the directory), and no
         article written since */
      g_mutex_unlock (&s->lock);
      return (guint) s->article_files;
    }
  g_mutex_unlock (&s->lock);
  keys = article_keys (s);
  return keys->len;
}

typedef struct {
  librdf_model *model;
  gboolean failed;
} LoadCtx;

typedef NgIndexEntry NgIndexEntryOwned;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NgIndexEntryOwned, ng_index_entry_free)

static void
load_statement (void *user_data, raptor_statement *st)
{
  LoadCtx *c = user_data;
  raptor_term *graph = st->graph;
  int rc;
  /* librdf 1.0.17 statements and nodes are raptor statements and terms */
  st->graph = NULL;
  if (graph)
    rc = librdf_model_context_add_statement (c->model, graph, (librdf_statement *) st);
  else
    rc = librdf_model_add_statement (c->model, (librdf_statement *) st);
  st->graph = graph;
  if (rc)
    c->failed = TRUE;
}

/* Loads every article graph into an in-memory model with one context per
 * article. */
static librdf_model *
load_articles (NgStore *s, librdf_storage **storage_out, GError **error)
{
  g_autoptr (GPtrArray) keys = article_keys (s);
  librdf_storage *st = librdf_new_storage (s->world, "hashes", "articles",
                                           "hash-type='memory',contexts='yes'");
  librdf_model *m = st ? librdf_new_model (s->world, st, NULL) : NULL;
  raptor_world *rw = librdf_world_get_raptor (s->world);
  LoadCtx ctx = { m, FALSE };

  for (guint i = 0; m && i < keys->len; i++)
    {
      g_autofree char *text = article_text (s, keys->pdata[i], error);
      raptor_parser *p;
      raptor_uri *base;
      if (text == NULL)
        {
          ctx.failed = TRUE;
          break;
        }
      p = raptor_new_parser (rw, "nquads");
      base = raptor_new_uri (rw, (const unsigned char *) NG_ID_BASE);
      raptor_parser_set_statement_handler (p, &ctx, load_statement);
      if (raptor_parser_parse_start (p, base) != 0
          || raptor_parser_parse_chunk (p, (const unsigned char *) text, strlen (text), 1) != 0)
        {
          g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_OPEN,
                       "%s/%s.nq: not a valid article graph", s->articles_dir,
                       (char *) keys->pdata[i]);
          ctx.failed = TRUE;
        }
      raptor_free_parser (p);
      raptor_free_uri (base);
      if (ctx.failed)
        break;
    }
  if (m == NULL || ctx.failed)
    {
      if (m == NULL)
        g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_OPEN,
                     "cannot create an in-memory graph");
      else if (error && *error == NULL)
        g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_OPEN,
                     "%s: cannot load the article graphs", s->dir);
      if (m)
        librdf_free_model (m);
      if (st)
        librdf_free_storage (st);
      return NULL;
    }
  *storage_out = st;
  return m;
}

librdf_model *
ng_store_get_articles (NgStore *s)
{
  if (s->articles == NULL)
    {
      g_autoptr (GError) error = NULL;
      s->articles = load_articles (s, &s->articles_storage, &error);
      if (s->articles == NULL)
        g_warning ("%s", error->message);
    }
  return s->articles;
}

static char *state_path (NgStore *s, guint gen);

/* The text index of generation GEN of a store of an older format. */
static char *
index_path (NgStore *s, guint gen)
{
  g_autofree char *name = g_strdup_printf ("merged-%u.index", gen);
  return path_in (s, name);
}

/* The article files the current generation was merged from (caller
 * frees), or NULL (none, damaged, or a storage that keeps no merge state:
 * the next build merges from scratch). */
static NgOldFiles *
old_files (NgStore *s)
{
  g_autofree char *state = NULL, *legacy = NULL;
  g_autoptr (GError) error = NULL;
  NgOldFiles *old;
  if (memory_store (s) || !file_backed (s->type) || s->generation == 0)
    return NULL;
  state = state_path (s, s->generation);
  legacy = index_path (s, s->generation);
  old = ng_old_files_open (state, legacy, &error);
  if (error)
    g_debug ("%s (the next build merges from scratch)", error->message);
  return old;
}

/* Whether the store has a non-empty curation log (accepted SPARQL
 * updates, re-applied after every merge); its text into *TEXT if asked. */
static gboolean
curation_log (NgStore *s, char **text)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  if (memory_store (s))
    return FALSE;
  path = path_in (s, NG_CURATION_LOG);
  if (!g_file_get_contents (path, &contents, &len, NULL) || len == 0)
    return FALSE;
  if (text)
    *text = g_steal_pointer (&contents);
  return TRUE;
}

/* What a scan found: the F records the next generation puts (the files
 * that are new or not as recorded), the files gone, and the set's sum. */
typedef struct {
  GHashTable *put;          /* key -> NgIndexEntry */
  guint64 count;            /* article files there are */
  NgFileSum sum;
  gboolean all;             /* PUT holds every file: the old generation does
                               not list them (none, or an older format) */
  gboolean fast;            /* only the files this process wrote were looked at */
} Scan;

static void
scan_init (Scan *sc)
{
  memset (sc, 0, sizeof *sc);
  sc->put = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, ng_index_entry_free);
}

static void
scan_clear (Scan *sc)
{
  g_clear_pointer (&sc->put, g_hash_table_unref);
}

static gboolean
same_file (const NgIndexEntry *a, const NgIndexEntry *b)
{
  return a->size == b->size && a->mtime_ns == b->mtime_ns && a->ino == b->ino;
}

/* Looks at the article file KEY (written by this process when FRESH): its
 * entry in SC->put when it is new or not as OLD recorded it, a change with
 * its facts into CHANGES (when given) when its bytes differ from those OLD
 * recorded, its digest added to the set's sum.  *WAS: whether OLD had it. */
static gboolean
scan_file (NgStore *s, NgOldFiles *old, const char *key, Fresh *fresh, Scan *sc,
           GPtrArray *changes, guint *parsed, gboolean *had, GError **error)
{
  NgIndexEntry was = { 0 };
  g_autoptr (NgIndexEntryOwned) e = g_new0 (NgIndexEntry, 1);
  g_autofree char *name = g_strdup_printf ("%s/%s.nq", s->articles_dir ? s->articles_dir : "",
                                           key);
  gboolean have = old && ng_old_files_lookup (old, key, &was);
  gboolean ok = TRUE;

  *had = have;
  if (fresh && fresh->stated)
    ng_index_entry_set_stat (e, &fresh->st);   /* as written by this process */
  else if (!memory_store (s))
    {
      struct stat st;
      if (stat (name, &st) == 0)
        ng_index_entry_set_stat (e, &st);
    }
  if (have && !memory_store (s) && same_file (&was, e))
    e->digest = g_strdup (was.digest);   /* the very file recorded */
  else if (fresh && fresh->facts)
    {
      /* written by this process: hashed and parsed when it was stored */
      e->digest = g_strdup (fresh->digest);
      if (!(have && strcmp (was.digest, e->digest) == 0) && changes)
        {
          NgMergeChange *ch = g_new0 (NgMergeChange, 1);
          ch->key = g_strdup (key);
          ch->facts = g_steal_pointer (&fresh->facts);
          ch->len = strlen (ch->facts);
          g_ptr_array_add (changes, ch);
          if (parsed)
            (*parsed)++;
        }
    }
  else
    {
      g_autofree char *text = article_text (s, key, error);
      if (text == NULL)
        ok = FALSE;
      else
        {
          e->digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
          if (!(have && strcmp (was.digest, e->digest) == 0) && changes)
            {
              g_autoptr (NgMerge) parser = ng_merge_new (s->world);
              NgMergeChange *ch = g_new0 (NgMergeChange, 1);
              ch->key = g_strdup (key);
              ch->facts = ng_merge_facts_from_nquads (parser, name, text, error);
              g_ptr_array_add (changes, ch);
              if (ch->facts == NULL)
                ok = FALSE;
              else
                {
                  ch->len = strlen (ch->facts);
                  if (parsed)
                    (*parsed)++;
                }
            }
        }
    }
  if (ok)
    {
      if (sc->fast && have)
        ng_file_sum_add (&sc->sum, key, was.digest, TRUE);
      if (!sc->fast || !have)
        sc->count++;
      ng_file_sum_add (&sc->sum, key, e->digest, FALSE);
      if (sc->all || !have || !same_file (&was, e) || strcmp (was.digest, e->digest) != 0)
        g_hash_table_replace (sc->put, g_strdup (key), g_steal_pointer (&e));
    }
  g_free (was.digest);
  return ok;
}

typedef struct {
  GHashTable *present;
  GPtrArray *changes;
} Gone;

static void
note_gone (const char *key, gpointer data)
{
  Gone *g = data;
  if (!g_hash_table_contains (g->present, key))
    {
      NgMergeChange *ch = g_new0 (NgMergeChange, 1);
      ch->key = g_strdup (key);
      g_ptr_array_add (g->changes, ch);
    }
}

/* Finds the article files that differ from those OLD (may be NULL) lists:
 * when FAST, only those this process wrote (the directory is as the
 * current generation left it), else every file there is.  The entries to
 * put go into SC; when CHANGES is given, each file whose bytes changed is
 * parsed into merge facts there (an NgMergeChange), and each file OLD had
 * that is gone is a change without facts.  Returns the digest of the
 * article set (with the curation log), or NULL with ERROR set.  *PARSED
 * counts the articles parsed. */
static char *
scan_articles (NgStore *s, NgOldFiles *old, gboolean fast, Scan *sc, GPtrArray *changes,
               guint *parsed, GError **error)
{
  g_autoptr (GPtrArray) keys = NULL;
  g_autoptr (GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *log = NULL;
  guint64 had = 0;

  sc->fast = fast = fast && old && ng_old_files_listed (old)
                    && ng_file_sum_parse (s->merged_digest, &sc->sum);
  sc->all = old == NULL || !ng_old_files_listed (old);
  flush_articles (s);
  if (fast)
    {
      GHashTableIter it;
      gpointer k;
      sc->count = ng_old_files_count (old);
      keys = g_ptr_array_new_with_free_func (g_free);
      if (s->fresh)
        {
          g_hash_table_iter_init (&it, s->fresh);
          while (g_hash_table_iter_next (&it, &k, NULL))
            g_ptr_array_add (keys, g_strdup (k));
        }
      g_ptr_array_sort (keys, str_ptr_cmp);
    }
  else
    {
      memset (&sc->sum, 0, sizeof sc->sum);
      /* the directory before it is listed: a change from now on changes
         its times (and is noticed before a stamp is written) */
      if (!memory_store (s))
        s->dir_known = dir_stat (s, &s->dir_seen);
      keys = article_keys (s);
    }
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = keys->pdata[i];
      Fresh *fresh = s->fresh ? g_hash_table_lookup (s->fresh, key) : NULL;
      gboolean was = FALSE;
      if (!scan_file (s, old, key, fresh, sc, changes, parsed, &was, error))
        return NULL;
      g_hash_table_add (present, (gpointer) key);
      had += was;
    }
  /* files the old generation had that are gone (none, when every one it
     listed is still there) */
  if (!fast && old && changes && had < ng_old_files_count (old))
    {
      Gone g = { present, changes };
      if (!ng_old_files_each (old, note_gone, &g))
        {
          g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_OPEN,
                       "%s: cannot read the merge state of generation %u", s->dir,
                       s->generation);
          return NULL;
        }
    }
  curation_log (s, &log);
  return ng_file_sum_digest (&sc->sum, log, log ? strlen (log) : 0);
}

gboolean
ng_store_is_current (NgStore *s)
{
  g_autofree char *digest = NULL;
  g_autoptr (NgOldFiles) old = NULL;
  Scan sc;
  if (memory_store (s))
    return TRUE;
  old = old_files (s);
  scan_init (&sc);
  digest = scan_articles (s, old, FALSE, &sc, NULL, NULL, NULL);
  scan_clear (&sc);
  return digest && g_strcmp0 (digest, s->merged_digest) == 0;
}

/* ------------------------------------------------------------ merge */

/* Empties MODEL (server-backed storages are rewritten in place). */
static void
clear_model (librdf_model *model)
{
  librdf_stream *st;
  while ((st = librdf_model_as_stream (model)) && !librdf_stream_end (st))
    {
      g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func (
          (GDestroyNotify) librdf_free_statement);
      while (!librdf_stream_end (st) && batch->len < 10000)
        {
          g_ptr_array_add (batch, librdf_new_statement_from_statement (
                                      librdf_stream_get_object (st)));
          librdf_stream_next (st);
        }
      librdf_free_stream (st);
      for (guint i = 0; i < batch->len; i++)
        librdf_model_remove_statement (model, batch->pdata[i]);
    }
  if (st)
    librdf_free_stream (st);
}

/* Copies FROM to TO (a new file): a reflink where the file system has them,
 * else copy_file_range in the kernel. */
static gboolean
copy_file (const char *from, const char *to, GError **error)
{
  int in = open (from, O_RDONLY | O_CLOEXEC);
  int out = in < 0 ? -1 : open (to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  gboolean ok = in >= 0 && out >= 0;
  int e = errno;

  if (ok && ioctl (out, FICLONE, in) != 0)
    {
      for (;;)
        {
          ssize_t n = copy_file_range (in, NULL, out, NULL, 1 << 30, 0);
          if (n == 0)
            break;
          if (n < 0)
            {
              e = errno;
              ok = FALSE;
              break;
            }
        }
    }
  if (in >= 0)
    close (in);
  if (out >= 0 && close (out) != 0 && ok)
    {
      e = errno;
      ok = FALSE;
    }
  if (!ok)
    g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_WRITE,
                 "cannot copy %s to %s: %s", from, to, g_strerror (e));
  return ok;
}

/* Copies the storage files of generation FROM to generation TO. */
static gboolean
copy_generation (NgStore *s, guint from, guint to, GError **error)
{
  g_autofree char *prefix = g_strdup_printf ("merged-%u", from);
  gsize plen = strlen (prefix);
  GDir *d = g_dir_open (s->dir, 0, error);
  const char *f;
  gboolean ok = d != NULL;

  while (ok && (f = g_dir_read_name (d)))
    if (g_str_has_prefix (f, prefix) && (f[plen] == '-' || f[plen] == '.')
        && !g_str_has_suffix (f, ".index") && !g_str_has_suffix (f, ".redo")
        && !g_str_has_suffix (f, ".redo-state")
        && !g_str_has_suffix (f, ".lock"))
      {
        g_autofree char *src = g_build_filename (s->dir, f, NULL);
        g_autofree char *name = g_strdup_printf ("merged-%u%s", to, f + plen);
        g_autofree char *dst = g_build_filename (s->dir, name, NULL);
        ok = copy_file (src, dst, error);
      }
  if (d)
    g_dir_close (d);
  return ok;
}

/* The threads a merge may use. */
static guint
merge_threads (NgStore *s)
{
  return s->threads ? s->threads : g_get_num_processors ();
}

/* What is left to do with the merge once the bulk writer has its
 * statements: fill the merge state, close it, free the merge.  Run by the
 * bulk writer beside its indexes. */
typedef struct {
  NgMergeState *state;        /* owned: closed here (may be NULL) */
  NgMerge *merge;             /* owned: freed here */
  NgMergeNodes *nodes;        /* NULL: the state is not filled */
  NgMergeNodes *side_nodes;   /* owned: joined to NODES here (may be NULL) */
  gboolean ok;
  GError *error;
} Fill;

static gpointer
fill_unit (gpointer data)
{
  Fill *f = data;
  if (f->side_nodes && f->nodes)
    f->ok = ng_merge_nodes_join (f->nodes, g_steal_pointer (&f->side_nodes), &f->error);
  g_clear_pointer (&f->side_nodes, ng_merge_nodes_free);
  if (f->ok && f->state && f->nodes)
    f->ok = ng_merge_state_fill (f->state, f->merge, f->nodes, &f->error);
  if (!ng_merge_state_close (f->state, f->ok ? &f->error : NULL))
    f->ok = FALSE;
  f->state = NULL;
  g_clear_pointer (&f->merge, ng_merge_free);
  return NULL;
}

/* A hashes generation written from scratch: the merge's statements go to
 * Berkeley DB in one sorted pass (bulk-bdb.c) as the files of generation
 * NEXT, which Redland then opens like any other; STATE (may be NULL) is
 * filled meanwhile.  Takes MERGE and STATE: the merge is freed and the
 * state closed beside the indexes too (on whichever thread is free, not on
 * this one after them).  Returns the node summaries, or NULL with ERROR
 * set. */
static NgMergeNodes *
write_bulk (NgStore *s, NgMerge *merge, guint next, NgMergeState *state, GError **error)
{
  g_autofree char *name = g_strdup_printf ("merged-%u", next);
  librdf_storage *bulk = ng_bulk_storage_new (s->world, s->dir, name);
  librdf_model *bm = bulk ? librdf_new_model (s->world, bulk, NULL) : NULL;
  NgMergeNodes *nodes = NULL;
  guint threads = merge_threads (s);
  Fill fill = { state, merge, NULL, NULL, TRUE, NULL };
  gboolean written;

  librdf_world *side_world = NULL;
  librdf_storage *side_bulk = NULL;
  librdf_model *side = NULL;

  /* with threads to spare, a second thread writes the sanctions' and the
     meetings' nodes and a share of the articles' and sentences'
     (ng_merge_write_split) through a librdf world of its own, and its
     statements are put with the others before the indexes are written */
  if (bm && threads >= 2)
    {
      side_world = librdf_new_world ();
      librdf_world_open (side_world);
      ng_rdf_world_setup (side_world);
      ng_bulk_register (side_world);
      side_bulk = ng_bulk_storage_new (side_world, s->dir, name);
      side = side_bulk ? librdf_new_model (side_world, side_bulk, NULL) : NULL;
    }
  if (bm == NULL)
    g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_WRITE,
                 "%s: cannot set up the bulk writer", s->dir);
  else if (side)
    {
      nodes = ng_merge_write_split (merge, bm, side_world, side, &fill.side_nodes, error);
      if (nodes)
        ng_bulk_storage_absorb (bulk, side_bulk);   /* a failure: finishing says so */
    }
  else
    nodes = ng_merge_write_delta (merge, bm, NULL, NULL, error);
  if (side)
    librdf_free_model (side);
  if (side_bulk)
    librdf_free_storage (side_bulk);
  if (side_world)
    librdf_free_world (side_world);
  /* the merge state is filled from the merge and the node summaries (the
     side thread's joined first), which the bulk write does not touch: as
     one more unit of the bulk write's work, on whichever of its threads
     takes it first */
  fill.nodes = nodes;
  written = nodes && ng_bulk_storage_finish (bulk, threads, fill_unit, &fill, error);
  if (!nodes)
    fill_unit (&fill);   /* only closes and frees */
  if (written && !fill.ok)
    g_propagate_error (error, g_steal_pointer (&fill.error));
  if (!written || !fill.ok)
    g_clear_pointer (&nodes, ng_merge_nodes_free);
  g_clear_error (&fill.error);
  g_debug ("%s: merge state filled and closed", s->dir);
  if (bm)
    librdf_free_model (bm);
  if (bulk)
    librdf_free_storage (bulk);
  return nodes;
}

/* Removes what write_generation made of generation GEN (its storage files
 * and merge state; not the index being written). */
static void
remove_generation_files (NgStore *s, guint gen)
{
  g_autofree char *prefix = g_strdup_printf ("merged-%u-", gen);
  GDir *d = g_dir_open (s->dir, 0, NULL);
  const char *f;
  while (d && (f = g_dir_read_name (d)))
    if (g_str_has_prefix (f, prefix)
        || (g_str_has_prefix (f, BDB_TEMP_PREFIX)
            && g_str_has_prefix (f + strlen (BDB_TEMP_PREFIX), prefix))
        || (g_str_has_prefix (f, prefix) == FALSE && strncmp (f, prefix, strlen (prefix) - 1) == 0
            && f[strlen (prefix) - 1] == '.' && !g_str_has_suffix (f, ".index.tmp")))
      {
        g_autofree char *p = g_build_filename (s->dir, f, NULL);
        g_unlink (p);
      }
  if (d)
    g_dir_close (d);
}

/* The merge state of generation GEN: merged-GEN-state.db (copied with the
 * generation's storage files). */
static char *
state_path (NgStore *s, guint gen)
{
  g_autofree char *name = g_strdup_printf ("merged-%u-state.db", gen);
  return path_in (s, name);
}

/* An article's facts on their way into the merge (their records half) and
 * into the merge state. */
typedef struct {
  char *key, *name, *facts;
  gsize len;
} PutFacts;

/* The facts go over in batches (one wake-up of the thread per batch, not
 * per article); an empty batch is the end. */
#define PUT_BATCH 64

typedef struct {
  NgMergeState *state;
  NgMerge *merge;
  GAsyncQueue *queue;    /* GPtrArray of PutFacts */
  GPtrArray *batch;      /* being filled */
  GThread *thread;
  GError *error;         /* the first facts the merge did not take */
  /* the F records it puts first (put_all_files) */
  NgStore *store;
  GPtrArray *keys;
  Scan *scan;
  NgOldFiles *old;
} Putter;

static gboolean put_all_files (NgStore *s, NgMergeState *state, GPtrArray *keys, Scan *sc,
                               NgOldFiles *old, GError **error);

static void
put_facts_free (gpointer p)
{
  PutFacts *f = p;
  g_free (f->key);
  g_free (f->name);
  g_free (f->facts);
  g_free (f);
}

static GPtrArray *
put_batch_new (void)
{
  return g_ptr_array_new_full (PUT_BATCH, put_facts_free);
}

static gpointer
put_facts_thread (gpointer data)
{
  Putter *p = data;
  put_all_files (p->store, p->state, p->keys, p->scan, p->old, &p->error);
  for (;;)
    {
      GPtrArray *batch = g_async_queue_pop (p->queue);
      gboolean end = batch->len == 0;
      for (guint i = 0; i < batch->len && p->error == NULL; i++)
        {
          PutFacts *f = batch->pdata[i];
          ng_merge_add_facts_part (p->merge, f->name, f->facts, f->len,
                                   NG_MERGE_FACTS_RECORDS, &p->error);
          ng_merge_state_put_facts (p->state, f->key, f->facts, f->len);
        }
      g_ptr_array_unref (batch);
      if (end)
        return NULL;
    }
}

/* The F records of every article file KEYS names into the new STATE: as
 * the scan found them (SC), else as OLD recorded them. */
static gboolean
put_all_files (NgStore *s, NgMergeState *state, GPtrArray *keys, Scan *sc, NgOldFiles *old,
               GError **error)
{
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = keys->pdata[i];
      const NgIndexEntry *e = g_hash_table_lookup (sc->put, key);
      NgIndexEntry was = { 0 };
      if (e == NULL && !(old && ng_old_files_lookup (old, key, &was)))
        {
          /* not seen by the scan (it looked only at the files this process
             wrote): read it */
          g_autofree char *name = g_strdup_printf ("%s/%s.nq", s->articles_dir, key);
          g_autofree char *text = article_text (s, key, error);
          struct stat st;
          if (text == NULL || stat (name, &st) != 0)
            return text ? (g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_OPEN,
                                        "%s: %s", name, g_strerror (errno)), FALSE)
                        : FALSE;
          ng_index_entry_set_stat (&was, &st);
          was.digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
        }
      ng_files_put (state, key, e ? e : &was);
      g_free (was.digest);
    }
  ng_files_put_count (state, keys->len);
  return TRUE;
}

/* The merged graph of every article from scratch into generation NEXT (fresh
 * storage), with its merge state when the store keeps one.  The facts of
 * an article are those in CHANGES, else those the current generation's
 * state kept (OLD says it has one), else parsed from its file. */
static gboolean
merge_from_scratch (NgStore *s, guint next, NgOldFiles *old, Scan *sc, GPtrArray *changes,
                    librdf_storage **storage, librdf_model **model, gint64 *triples,
                    GError **error)
{
  g_autoptr (GPtrArray) keys = article_keys (s);
  g_autoptr (GHashTable) changed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (NgMerge) merge = ng_merge_new (s->world);
  g_autoptr (NgMergeNodes) nodes = NULL;
  NgMergeState *was = NULL, *state = NULL;
  Putter putter = { NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL };
  gboolean keep = !memory_store (s);
  gboolean ok = TRUE;

  for (guint i = 0; i < changes->len; i++)
    {
      NgMergeChange *ch = changes->pdata[i];
      g_hash_table_insert (changed, ch->key, ch);
    }
  if (keep && old)
    {
      g_autofree char *path = state_path (s, s->generation);
      g_autoptr (GError) local = NULL;
      was = ng_merge_state_open_readonly (path, &local);
      if (was == NULL)
        g_debug ("%s", local->message);
    }
  if (keep)
    {
      g_autofree char *path = state_path (s, next);
      state = ng_merge_state_open (path, TRUE, error);
      ok = state != NULL;
    }
  /* the facts go into the merge here and into the merge state on a
     thread of its own when there are threads to spare; that thread adds
     the records half of the facts to the merge, this one the people half */
  if (ok && state && merge_threads (s) >= 2)
    {
      putter.state = state;
      putter.merge = merge;
      putter.store = s;
      putter.keys = keys;
      putter.scan = sc;
      putter.old = old;
      putter.queue = g_async_queue_new ();
      putter.thread = g_thread_new ("ng-facts", put_facts_thread, &putter);
    }
  else if (ok && state)
    ok = put_all_files (s, state, keys, sc, old, error);
  for (guint i = 0; ok && i < keys->len; i++)
    {
      const char *key = keys->pdata[i];
      NgMergeChange *ch = g_hash_table_lookup (changed, key);
      g_autofree char *facts = NULL;
      g_autofree char *name = g_strdup_printf ("%s/%s.nq",
                                               s->articles_dir ? s->articles_dir : "", key);
      gsize len = 0;
      if (ch && ch->facts)
        len = ch->len, facts = g_steal_pointer (&ch->facts);
      else if (was)
        facts = ng_merge_state_get_facts (was, key, &len);
      if (facts == NULL)
        {
          g_autofree char *text = article_text (s, key, error);
          ok = text && (facts = ng_merge_facts_from_nquads (merge, name, text, error));
          len = facts ? strlen (facts) : 0;
        }
      ok = ok && ng_merge_add_facts_part (merge, name, facts, len,
                                          putter.thread ? NG_MERGE_FACTS_PEOPLE
                                                        : NG_MERGE_FACTS_ALL, error);
      if (ok && putter.thread)
        {
          PutFacts *f = g_new (PutFacts, 1);
          *f = (PutFacts) { g_strdup (key), g_steal_pointer (&name),
                            g_steal_pointer (&facts), len };
          if (putter.batch == NULL)
            putter.batch = put_batch_new ();
          g_ptr_array_add (putter.batch, f);
          if (putter.batch->len == PUT_BATCH)
            g_async_queue_push (putter.queue, g_steal_pointer (&putter.batch));
        }
      else if (ok && state)
        ng_merge_state_put_facts (state, key, facts, len);
    }
  if (putter.thread)
    {
      if (putter.batch)
        g_async_queue_push (putter.queue, g_steal_pointer (&putter.batch));
      g_async_queue_push (putter.queue, put_batch_new ());   /* the end */
      g_thread_join (putter.thread);
      g_async_queue_unref (putter.queue);
      if (putter.error && ok)
        {
          g_propagate_error (error, g_steal_pointer (&putter.error));
          ok = FALSE;
        }
      g_clear_error (&putter.error);
    }
  ng_merge_state_close (was, NULL);
  g_debug ("%s: the facts of %u articles added", s->dir, keys->len);
  if (ok && keep && strcmp (s->type, "hashes") == 0 && ng_bulk_supported (s->world))
    {
      nodes = write_bulk (s, g_steal_pointer (&merge), next, g_steal_pointer (&state),
                          error);
      ok = nodes && open_merged (s, next, FALSE, FALSE, storage, model, error);
    }
  else
    {
      ok = ok && open_merged (s, next, TRUE, memory_store (s), storage, model, error);
      if (ok)
        {
          nodes = ng_merge_write_delta (merge, *model, NULL, NULL, error);
          ok = nodes != NULL;
        }
      if (ok && state)
        ok = ng_merge_state_fill (state, merge, nodes, error);
      g_debug ("%s: merge state filled", s->dir);
    }
  *triples = nodes ? (gint64) ng_merge_nodes_triples (nodes) : -1;
  if (!ng_merge_state_close (state, ok ? error : NULL))
    ok = FALSE;
  if (!ok)
    {
      g_clear_pointer (model, librdf_free_model);
      g_clear_pointer (storage, librdf_free_storage);
      remove_generation_files (s, next);
    }
  return ok;
}

/* What an incremental build did to its generation (store-spare.c). */
typedef struct {
  GString *graph, *records;
  gboolean complete;        /* the generation was written incrementally */
} Journal;

typedef struct {
  librdf_world *world;
  librdf_model *model;
  guint line;
  gboolean failed;
} Redo;

static void
redo_statement (void *data, raptor_statement *st)
{
  Redo *r = data;
  const char *op = st->graph && st->graph->type == RAPTOR_TERM_TYPE_URI
                   ? (const char *) raptor_uri_as_string (st->graph->value.uri) : "";
  librdf_statement *x = librdf_new_statement_from_nodes (
      r->world, librdf_new_node_from_node ((librdf_node *) st->subject),
      librdf_new_node_from_node ((librdf_node *) st->predicate),
      librdf_new_node_from_node ((librdf_node *) st->object));
  r->line++;
  if (x == NULL)
    r->failed = TRUE;
  else if (strcmp (op, NG_JOURNAL_ADD) == 0)
    r->failed |= librdf_model_add_statement (r->model, x) != 0;
  else if (strcmp (op, NG_JOURNAL_REMOVE) == 0)
    r->failed |= librdf_model_remove_statement (r->model, x) != 0;
  else
    r->failed = TRUE;
  if (x)
    librdf_free_statement (x);
}

static void
redo_error (void *data, raptor_log_message *msg)
{
  if (msg->level >= RAPTOR_LOG_LEVEL_ERROR)
    ((Redo *) data)->failed = TRUE;
}

/* Redoes on generation NEXT (a spare just taken, open as MODEL) the journals
 * of the current generation's build, which makes it that generation. */
static gboolean
redo_journal (NgStore *s, guint next, librdf_model *model, const char *graph,
              gsize graph_len, const char *records, gsize records_len, GError **error)
{
  raptor_world *rw = librdf_world_get_raptor (s->world);
  raptor_parser *p = raptor_new_parser (rw, "nquads");
  raptor_uri *base = raptor_new_uri (rw, (const unsigned char *) NG_ID_BASE);
  Redo r = { s->world, model, 0, FALSE };
  g_autofree char *path = state_path (s, next);
  NgMergeState *st;
  gboolean ok;

  raptor_world_set_log_handler (rw, &r, redo_error);
  raptor_parser_set_statement_handler (p, &r, redo_statement);
  ok = raptor_parser_parse_start (p, base) == 0
       && raptor_parser_parse_chunk (p, (const unsigned char *) graph, graph_len, 1) == 0
       && !r.failed;
  raptor_world_set_log_handler (rw, NULL, NULL);
  raptor_free_parser (p);
  raptor_free_uri (base);
  if (!ok)
    {
      g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_WRITE,
                   "%s: the journal of generation %u could not be redone (statement %u)",
                   s->dir, s->generation, r.line);
      return FALSE;
    }
  st = ng_merge_state_open (path, FALSE, error);
  ok = st && ng_merge_state_replay (st, records, records_len, error);
  return ng_merge_state_close (st, ok ? error : NULL) && ok;
}

/* Writes the merged graph into generation NEXT: when OLD describes the
 * current generation and DELTA allows, into the spare generation (with the
 * current generation's journal redone) or a copy of the current one,
 * recomputing and touching only what the CHANGES touch (logged in
 * JOURNAL); else, or when that cannot be done, from scratch.  The store's
 * current generation is not touched, so a kill at any moment leaves it
 * whole.  *TRIPLES: the statements of the new graph. */
/* The F records of the article files an incremental build changed, into
 * the new generation's STATE (every file's when the old generation did not
 * list them). */
static gboolean
put_changed_files (NgStore *s, NgMergeState *state, Scan *sc, GPtrArray *changes,
                   NgOldFiles *old, GError **error)
{
  GHashTableIter it;
  gpointer k, v;
  if (sc->all)
    {
      g_autoptr (GPtrArray) keys = article_keys (s);
      return put_all_files (s, state, keys, sc, old, error);
    }
  g_hash_table_iter_init (&it, sc->put);
  while (g_hash_table_iter_next (&it, &k, &v))
    ng_files_put (state, k, v);
  for (guint i = 0; i < changes->len; i++)
    {
      NgMergeChange *ch = changes->pdata[i];
      if (ch->facts == NULL && !g_hash_table_contains (sc->put, ch->key))
        ng_files_del (state, ch->key);
    }
  ng_files_put_count (state, sc->count);
  return TRUE;
}

static gboolean
write_generation (NgStore *s, guint next, NgOldFiles *old, Scan *sc, gboolean delta,
                  GPtrArray *changes, Journal *journal, librdf_storage **storage,
                  librdf_model **model, gint64 *triples, GError **error)
{
  /* a change of thousands of articles, more than a third of those there
     were, costs less merged from scratch (an incremental merge writes every
     node it touches statement by statement; at 1,000 articles plus 10,000
     new ones, 7.5 s against 2 s) */
  if (delta && old && changes->len > 2000
      && changes->len > ng_old_files_count (old) / 3)
    {
      g_debug ("%s: %u article files changed, %" G_GUINT64_FORMAT
               " were there; merging from scratch", s->dir,
               changes->len, ng_old_files_count (old));
      delta = FALSE;
    }
  if (delta && old && ng_old_files_triples (old) >= 0)
    {
      g_autoptr (GError) local = NULL;
      g_autofree char *path = state_path (s, next);
      g_autofree char *graph = NULL, *records = NULL;
      gsize graph_len = 0, records_len = 0;
      NgMergeState *state = NULL;
      guint changed = 0;
      gboolean ready;
      NgSpareResult spare = ng_spare_take (s->dir, s->generation, next, &graph, &graph_len,
                                           &records, &records_len, &local);
      if (spare == NG_SPARE_TAKEN)
        {
          ready = open_merged (s, next, FALSE, FALSE, storage, model, &local)
                  && redo_journal (s, next, *model, graph, graph_len, records, records_len,
                                   &local);
          g_debug ("%s: spare generation %u taken, %" G_GSIZE_FORMAT
                   " bytes of journal redone", s->dir, s->generation - 1,
                   graph_len + records_len);
        }
      else
        {
          if (spare == NG_SPARE_FAILED)
            {
              g_debug ("%s: %s", s->dir, local->message);
              g_clear_error (&local);
              remove_generation_files (s, next);
            }
          else if (spare == NG_SPARE_BUSY)
            g_debug ("%s: the spare generation is open elsewhere; copying", s->dir);
          /* its disk space before the copy (a reader keeps its open files) */
          if (s->generation > 1)
            remove_generation (s, s->generation - 1);
          ready = copy_generation (s, s->generation, next, &local)
                  && open_merged (s, next, FALSE, FALSE, storage, model, &local);
          g_debug ("%s: generation %u copied", s->dir, s->generation);
        }
      if (ready && (state = ng_merge_state_open (path, FALSE, &local)))
        {
          ng_merge_state_journal (state, journal->records, journal->graph);
          if (ng_merge_state_apply (state, s->world, *model, changes, &changed, &local)
              && put_changed_files (s, state, sc, changes, old, &local))
            {
              *triples = (gint64) ng_merge_state_triples (state);
              if (ng_merge_state_close (g_steal_pointer (&state), &local))
                {
                  g_debug ("%s: %u merged nodes written or removed", s->dir, changed);
                  journal->complete = TRUE;
                  return TRUE;
                }
            }
        }
      ng_merge_state_close (state, NULL);
      g_clear_pointer (model, librdf_free_model);
      g_clear_pointer (storage, librdf_free_storage);
      /* whatever went wrong, a merge from scratch will do */
      g_debug ("%s: %s; merging from scratch", s->dir, local->message);
      remove_generation_files (s, next);
    }
  return merge_from_scratch (s, next, old, sc, changes, storage, model, triples, error);
}

void
ng_store_rescan (NgStore *s)
{
  s->stamp_ok = FALSE;
}

gboolean
ng_store_merge (NgStore *s, GError **error)
{
  librdf_storage *storage = NULL;
  librdf_model *model = NULL;
  guint next = s->generation + 1;
  guint parsed = 0;
  g_autofree char *digest = NULL;
  gboolean in_place = !memory_store (s) && !file_backed (s->type);
  gboolean indexed = !in_place && !memory_store (s);
  g_autoptr (GPtrArray) changes = g_ptr_array_new_with_free_func (ng_merge_change_free);
  NgOldFiles *old = indexed ? old_files (s) : NULL;
  gint64 triples = -1, articles = -1;
  Scan sc;
  gboolean curated = curation_log (s, NULL);
  g_autoptr (GString) journal_graph = g_string_new (NULL);
  g_autoptr (GString) journal_records = g_string_new (NULL);
  Journal journal = { journal_graph, journal_records, FALSE };

  scan_init (&sc);
  /* every article file in place (a failure the build did not take before
     fails the merge) */
  if (!ng_store_flush (s, NULL, error))
    goto fail;
  g_debug ("%s: merging", s->dir);
  if (indexed)
    remove_generation (s, next);  /* a leftover of an interrupted merge */

  /* 1. which article files changed since the current generation (those
        are parsed into merge facts, or taken from what this process
        computed when it stored them): while the articles directory is as
        that generation left it, those this process wrote; else all */
  g_mutex_lock (&s->lock);
  dir_unchanged (s);          /* as this process left it since it looked */
  g_mutex_unlock (&s->lock);
  digest = scan_articles (s, old, s->stamp_ok, &sc, changes, &parsed, error);
  g_clear_pointer (&s->fresh, g_hash_table_unref);  /* in CHANGES now */
  if (digest == NULL)
    goto fail;
  g_debug ("%s: %u article files parsed, %" G_GUINT64_FORMAT " as recorded%s", s->dir,
           parsed, sc.count - parsed,
           sc.fast ? " (only the files written looked at)" : "");
  if (old && ng_old_files_triples (old) >= 0 && g_strcmp0 (digest, s->merged_digest) == 0
      && g_hash_table_size (sc.put) > 0)
    g_debug ("%s: %u article files are not the files recorded (the same bytes); "
             "recording them", s->dir, g_hash_table_size (sc.put));
  if (old && ng_old_files_triples (old) >= 0 && g_strcmp0 (digest, s->merged_digest) == 0
      && g_hash_table_size (sc.put) == 0)
    {
      /* the same articles as the merged graph's, the same files: nothing
         to merge (files with the same bytes but not the files recorded — a
         store copied with cp -a, a touch — make a generation that records
         them, so that later scans need not hash them again) */
      if (!sc.fast && s->dir_known)
        ng_stamp_write (s->dir, s->articles_dir, s->generation, &s->dir_seen);
      s->stamp_ok = s->dir_known;
      s->article_files = (gint64) sc.count;
      ng_old_files_free (old);
      scan_clear (&sc);
      return TRUE;
    }

  /* 2. the new merged graph, complete in MODEL while CURRENT still names
        the old one.  Anything to re-apply after every merge (curation)
        belongs right after this step; note that the node summaries in the
        merge state describe the merge's own output, and that the next merge
        removes a changed node's statements by (subject, predicate). */
  if (in_place)
    {
      g_autoptr (NgMerge) merge = ng_merge_new (s->world);
      g_autoptr (NgMergeNodes) nodes = NULL;
      storage = s->merged_storage;
      model = s->merged;
      for (guint i = 0; i < changes->len; i++)
        {
          NgMergeChange *ch = changes->pdata[i];
          if (ch->facts && !ng_merge_add_facts (merge, ch->key, ch->facts, ch->len, error))
            {
              ng_old_files_free (old);
              scan_clear (&sc);
              return FALSE;
            }
        }
      librdf_model_transaction_start (model);
      clear_model (model);
      nodes = ng_merge_write_delta (merge, model, NULL, NULL, error);
      if (nodes == NULL
          || !ng_curation_replay (s->world, s->dir, model, error))
        {
          librdf_model_transaction_rollback (model);
          ng_old_files_free (old);
          scan_clear (&sc);
          return FALSE;
        }
      librdf_model_transaction_commit (model);
      triples = (gint64) ng_merge_nodes_triples (nodes);
    }
  else
    {
      /* the curation log (accepted SPARQL updates) is applied to the
         merge's own output: a curated store's generation is written from
         scratch, not as a delta onto the previous, already curated one */
      if (!write_generation (s, next, old, &sc, !curated, changes, &journal, &storage,
                             &model, &triples, error))
        goto fail;
      if (!ng_curation_replay (s->world, memory_store (s) ? NULL : s->dir, model, error))
        goto fail;
    }
  if (curated)
    triples = -1;    /* the merge's count, not the curated graph's */
  g_ptr_array_set_size (changes, 0);   /* their memory, before the switch */
  g_clear_pointer (&old, ng_old_files_free);
  articles = (gint64) sc.count;
  scan_clear (&sc);
  librdf_model_sync (model);
  if (indexed)
    {
      /* Berkeley DB keeps pages in its own cache until the database is
         closed: close the new generation so that it is wholly on disk before
         CURRENT names it, then open it again */
      librdf_free_model (model);
      librdf_free_storage (storage);
      model = NULL;
      storage = NULL;
    }

  /* 3. switch: the new generation's index, everything synced, then CURRENT
        renamed over the old one */
  if (!memory_store (s))
    {
      g_autofree char *cur = path_in (s, "CURRENT");
      g_autofree char *text = NULL;
      g_autoptr (GError) local = NULL;
      g_debug ("%s: generation %u closed", s->dir, next);
      if (indexed && ((journal.complete
                       && !ng_spare_write_redo (s->dir, next, journal.graph, journal.records,
                                                &local))
                      || !ng_generation_make_lock (s->dir, next, &local)))
        {
          g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_WRITE, "%s",
                       local->message);
          goto fail;
        }
      sync_store (s);  /* the articles, the new generation and its journals */
      g_debug ("%s: synced", s->dir);
      text = g_strdup_printf ("%u\n%s\n%" G_GINT64_FORMAT "\n", in_place ? 1 : next, digest,
                              triples);
      if (!write_durably (cur, text, -1, &local))
        {
          g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_WRITE,
                       "%s: cannot switch to the new merged graph: %s", s->dir,
                       local->message);
          goto fail;
        }
    }
  g_free (s->merged_digest);
  s->merged_digest = g_steal_pointer (&digest);
  s->triples = triples;
  s->article_files = articles;
  if (indexed)
    {
      /* after CURRENT: a stamp of an older generation is no stamp */
      if (s->dir_known)
        ng_stamp_write (s->dir, s->articles_dir, next, &s->dir_seen);
      s->stamp_ok = s->dir_known;
    }
  if (in_place)
    {
      s->generation = 1;
      return TRUE;
    }
  if (model == NULL
      && !open_merged (s, next, FALSE, FALSE, &storage, &model, error))
    return FALSE;
  librdf_free_model (s->merged);
  librdf_free_storage (s->merged_storage);
  /* the generation before stays as the next build's spare (store-spare.c)
     when this build left a journal of what it did to it; any older one goes */
  if (s->generation > 1)
    remove_generation (s, s->generation - 1);
  if (!journal.complete)
    remove_generation (s, s->generation);
  if (s->gen_lock_fd >= 0)
    close (s->gen_lock_fd);
  {
    gboolean busy;
    s->gen_lock_fd = ng_generation_lock (s->dir, next, &busy);
  }
  s->merged = model;
  s->merged_storage = storage;
  s->generation = next;
  return TRUE;

fail:
  ng_old_files_free (old);
  scan_clear (&sc);
  if (model)
    librdf_free_model (model);
  if (storage)
    librdf_free_storage (storage);
  if (!in_place)
    remove_generation (s, next);
  return FALSE;
}

int
ng_store_merged_size (NgStore *s)
{
  int n;
  /* CURRENT counts them (a merge knows the number) */
  if (s->triples >= 0)
    return (int) s->triples;
  n = librdf_model_size (s->merged);
  if (n < 0)
    {
      g_autoptr (librdf_stream) st = librdf_model_as_stream (s->merged);
      n = 0;
      while (st && !librdf_stream_end (st))
        n++, librdf_stream_next (st);
    }
  return n;
}

/* ------------------------------------------------------------ export */

static librdf_serializer *
new_serializer (NgStore *s, const char *name)
{
  librdf_serializer *ser = librdf_new_serializer (s->world, name, NULL, NULL);
  if (ser == NULL)
    return NULL;
  for (const NgPrefix *p = ng_vocab_prefixes (); p->prefix; p++)
    {
      librdf_uri *u = librdf_new_uri (s->world, (const unsigned char *) p->iri);
      librdf_serializer_set_namespace (ser, u, p->prefix);
      librdf_free_uri (u);
    }
  {
    librdf_uri *u = librdf_new_uri (s->world, (const unsigned char *) NG_ID_BASE);
    librdf_serializer_set_namespace (ser, u, "id");
    librdf_free_uri (u);
  }
  return ser;
}

gboolean
ng_store_export (NgStore *s, const char *format, FILE *out, GError **error)
{
  static const struct { const char *name, *serializer; } formats[] = {
    { "turtle", "turtle" },
    { "ntriples", "ntriples" },
    { "rdfxml", "rdfxml-abbrev" },
    { "articles-turtle", "turtle" },   /* the article graphs, without names */
  };
  gboolean ok = TRUE;

  if (g_strcmp0 (format, "nquads") == 0)
    {
      /* the merged graph as the default graph, then every article file */
      g_autoptr (librdf_stream) st = librdf_model_as_stream (s->merged);
      g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GPtrArray) keys = article_keys (s);
      ok = stream_to_quads (s->world, st, NULL, lines);
      g_ptr_array_sort (lines, str_ptr_cmp);
      for (guint i = 0; ok && i < lines->len; i++)
        fprintf (out, "%s\n", (char *) lines->pdata[i]);
      for (guint i = 0; ok && i < keys->len; i++)
        {
          g_autofree char *text = article_text (s, keys->pdata[i], error);
          if (text == NULL)
            return FALSE;
          fputs (text, out);
        }
    }
  else
    {
      const char *ser_name = NULL;
      librdf_model *model;
      for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
        if (g_strcmp0 (format, formats[i].name) == 0)
          ser_name = formats[i].serializer;
      if (ser_name == NULL)
        {
          g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_FORMAT,
                       "unknown export format “%s” (turtle, ntriples, nquads, rdfxml)",
                       format);
          return FALSE;
        }
      model = g_str_has_prefix (format, "articles-") ? ng_store_get_articles (s)
                                                      : s->merged;
      if (model == NULL)
        {
          g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_OPEN,
                       "%s: cannot load the article graphs", s->dir);
          return FALSE;
        }
      g_autoptr (librdf_serializer) ser = new_serializer (s, ser_name);
      ok = ser && librdf_serializer_serialize_model_to_file_handle (ser, out, NULL,
                                                                    model) == 0;
    }
  if (ok && fflush (out) != 0)
    ok = FALSE;
  if (!ok)
    {
      g_autofree char *why = ng_rdf_take_error ();
      g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_WRITE,
                   "cannot write the %s export%s%s", format, why ? ": " : "",
                   why ? why : (ferror (out) ? ": write error" : ""));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------ iteration */

gboolean
ng_store_foreach_article (NgStore *s, NgArticleFunc func, gpointer user_data,
                          GError **error)
{
  g_autoptr (GPtrArray) keys = article_keys (s);

  for (guint i = 0; i < keys->len; i++)
    {
      g_autofree char *text = article_text (s, keys->pdata[i], error);
      if (text == NULL)
        return FALSE;
      if (!func (keys->pdata[i], text, strlen (text), user_data, error))
        return FALSE;
    }
  return TRUE;
}
