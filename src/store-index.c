/* store-index.c — what a store generation knows of its article files, and
 * how a build finds the files that changed without looking at the others.
 *
 * - Per article file its identity (size, mtime, inode) and the SHA-256 of
 *   its bytes: an F record in the generation's merge state (merge-state.c),
 *   put and deleted by a build for the files it changes, so an incremental
 *   build writes what it changes, not a list of every file.  (Stores written
 *   before kept a text file per generation, merged-N.index, which is still
 *   read once: format below.)
 * - The digest of the article set that CURRENT records is a sum of one
 *   hash per (file, digest), not a hash of the sorted list: a build updates
 *   it from the files it changes.
 * - articles.stamp says the articles directory is as generation N left it
 *   (device, inode, mtime and ctime of the directory).  Adding, removing
 *   or renaming a file changes the directory's times, so while the stamp
 *   matches, the files a build must look at are those it writes itself;
 *   otherwise it lists the directory and stats every file, as before.  A
 *   stamp is written only when the directory's last change is older than a
 *   file written after looking at it (the file system's own clock, at its
 *   own granularity): a change in the same clock tick could not be told
 *   from the state stamped.
 *
 * Legacy text index (nieuwsgraaf-merge-index 2):
 *   F key size mtime_ns inode digest
 *   T triples                                (last) */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "merge-state.h"
#include "store-private.h"

#define MAGIC "nieuwsgraaf-merge-index 2\n"
#define STAMP_MAGIC "nieuwsgraaf-articles-stamp 1\n"
#define SUM_PREFIX "set1-"

void
ng_index_entry_free (gpointer p)
{
  NgIndexEntry *e = p;
  if (e == NULL)
    return;
  g_free (e->digest);
  g_free (e);
}

void
ng_index_entry_set_stat (NgIndexEntry *e, const struct stat *st)
{
  e->size = st->st_size;
  e->mtime_ns = (gint64) st->st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000)
                + st->st_mtim.tv_nsec;
  e->ino = st->st_ino;
}

/* ------------------------------------------------------- legacy index */

static NgStoreIndex *
index_new (void)
{
  NgStoreIndex *x = g_new0 (NgStoreIndex, 1);
  x->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      ng_index_entry_free);
  x->triples = -1;
  return x;
}

static void
index_free (NgStoreIndex *x)
{
  if (x == NULL)
    return;
  g_hash_table_unref (x->entries);
  g_free (x);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NgStoreIndex, index_free)

static gboolean
damaged (GError **error, const char *path)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "%s: damaged merge index", path);
  return FALSE;
}

/* NULL without ERROR when PATH does not exist. */
static NgStoreIndex *
index_load (const char *path, GError **error)
{
  g_autoptr (GMappedFile) file = NULL;
  const char *text;
  gsize len = 0;
  g_autoptr (GError) local = NULL;
  g_autoptr (NgStoreIndex) x = NULL;
  const char *p, *end;

  file = g_mapped_file_new (path, FALSE, &local);
  if (file == NULL)
    {
      if (!g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  text = g_mapped_file_get_contents (file);
  len = g_mapped_file_get_length (file);
  if (len < strlen (MAGIC) || memcmp (text, MAGIC, strlen (MAGIC)) != 0)
    {
      damaged (error, path);
      return NULL;
    }
  x = index_new ();
  p = text + strlen (MAGIC);
  end = text + len;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      g_autofree char *head = NULL;
      g_auto (GStrv) f = NULL;
      if (nl == NULL)
        break;
      head = g_strndup (p, (gsize) (nl - p));
      f = g_strsplit (head, "\t", 8);
      p = nl + 1;
      if (f[0] && strcmp (f[0], "F") == 0 && g_strv_length (f) == 6)
        {
          NgIndexEntry *e = g_new0 (NgIndexEntry, 1);
          e->size = g_ascii_strtoll (f[2], NULL, 10);
          e->mtime_ns = g_ascii_strtoll (f[3], NULL, 10);
          e->ino = g_ascii_strtoull (f[4], NULL, 10);
          e->digest = g_strdup (f[5]);
          g_hash_table_replace (x->entries, g_strdup (f[1]), e);
        }
      else if (f[0] && strcmp (f[0], "T") == 0 && g_strv_length (f) == 2)
        x->triples = g_ascii_strtoll (f[1], NULL, 10);
      else
        break;
    }
  if (p < end || x->triples < 0)
    {
      /* truncated or unknown: of no use, and a merge from scratch will
         replace it */
      damaged (error, path);
      return NULL;
    }
  return g_steal_pointer (&x);
}

/* ------------------------------------------------------- F records */

static char *
entry_encode (const NgIndexEntry *e)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%" G_GUINT64_FORMAT
                          "\t%s", e->size, e->mtime_ns, e->ino, e->digest);
}

static gboolean
entry_decode (const char *value, gsize len, NgIndexEntry *e)
{
  g_autofree char *v = g_strndup (value, len);
  g_auto (GStrv) f = g_strsplit (v, "\t", 5);
  if (g_strv_length (f) != 4 || strlen (f[3]) != 64)
    return FALSE;
  e->size = g_ascii_strtoll (f[0], NULL, 10);
  e->mtime_ns = g_ascii_strtoll (f[1], NULL, 10);
  e->ino = g_ascii_strtoull (f[2], NULL, 10);
  e->digest = g_strdup (f[3]);
  return TRUE;
}

void
ng_files_put (NgMergeState *st, const char *key, const NgIndexEntry *e)
{
  g_autofree char *v = entry_encode (e);
  ng_state_put (st, 'F', key, v, strlen (v));
}

void
ng_files_del (NgMergeState *st, const char *key)
{
  ng_state_del (st, 'F', key);
}

void
ng_files_put_count (NgMergeState *st, guint64 n)
{
  g_autofree char *v = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  ng_state_put (st, '#', "files", v, strlen (v));
}

/* ------------------------------------------------------- old files */

struct NgOldFiles
{
  NgStoreIndex *legacy;     /* merged-N.index of a store of an older format */
  NgMergeState *state;      /* the generation's merge state, read-only */
  guint64 count;
  gint64 triples;
};

void
ng_old_files_free (NgOldFiles *o)
{
  if (o == NULL)
    return;
  index_free (o->legacy);
  ng_merge_state_close (o->state, NULL);
  g_free (o);
}

NgOldFiles *
ng_old_files_open (const char *state_path, const char *legacy_path, GError **error)
{
  g_autoptr (NgOldFiles) o = g_new0 (NgOldFiles, 1);
  g_autoptr (GError) local = NULL;
  g_autofree char *count = NULL;

  o->state = ng_merge_state_open_readonly (state_path, &local);
  if (o->state)
    count = ng_state_get (o->state, '#', "files", NULL);
  if (count)
    {
      o->count = g_ascii_strtoull (count, NULL, 10);
      o->triples = (gint64) ng_merge_state_triples (o->state);
      return g_steal_pointer (&o);
    }
  /* a store of an older format: its text index */
  ng_merge_state_close (g_steal_pointer (&o->state), NULL);
  g_clear_error (&local);
  o->legacy = index_load (legacy_path, &local);
  if (o->legacy == NULL)
    {
      if (local)
        g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  o->count = g_hash_table_size (o->legacy->entries);
  o->triples = o->legacy->triples;
  return g_steal_pointer (&o);
}

gboolean
ng_old_files_listed (const NgOldFiles *o)
{
  return o->legacy == NULL;
}

guint64
ng_old_files_count (const NgOldFiles *o)
{
  return o->count;
}

gint64
ng_old_files_triples (const NgOldFiles *o)
{
  return o->triples;
}

gboolean
ng_old_files_lookup (NgOldFiles *o, const char *key, NgIndexEntry *out)
{
  memset (out, 0, sizeof *out);
  if (o->legacy)
    {
      const NgIndexEntry *e = g_hash_table_lookup (o->legacy->entries, key);
      if (e == NULL)
        return FALSE;
      *out = *e;
      out->digest = g_strdup (e->digest);
      return TRUE;
    }
  {
    gsize len = 0;
    g_autofree char *v = ng_state_get (o->state, 'F', key, &len);
    return v && entry_decode (v, len, out);
  }
}

typedef struct {
  void (*fn) (const char *key, gpointer data);
  gpointer data;
} Each;

static void
each_record (const char *key, gsize key_len, const char *value, gsize len, gpointer data)
{
  Each *e = data;
  g_autofree char *k = g_strndup (key, key_len);
  e->fn (k, e->data);
}

gboolean
ng_old_files_each (NgOldFiles *o, void (*fn) (const char *key, gpointer data),
                   gpointer data)
{
  Each e = { fn, data };
  if (o->legacy)
    {
      GHashTableIter it;
      gpointer k;
      g_hash_table_iter_init (&it, o->legacy->entries);
      while (g_hash_table_iter_next (&it, &k, NULL))
        fn (k, data);
      return TRUE;
    }
  return ng_state_each (o->state, 'F', each_record, &e);
}

/* ------------------------------------------------------- set digest */

void
ng_file_sum_add (NgFileSum *sum, const char *key, const char *digest, gboolean remove)
{
  g_autoptr (GChecksum) c = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 buf[32];
  gsize len = sizeof buf;
  g_checksum_update (c, (const guchar *) key, -1);
  g_checksum_update (c, (const guchar *) "\t", 1);
  g_checksum_update (c, (const guchar *) digest, -1);
  g_checksum_get_digest (c, buf, &len);
  for (int i = 0; i < 4; i++)
    {
      guint64 v = 0;
      for (int b = 0; b < 8; b++)
        v = v << 8 | buf[i * 8 + b];
      sum->lane[i] += remove ? -v : v;
    }
}

char *
ng_file_sum_digest (const NgFileSum *sum, const char *log, gsize log_len)
{
  GString *out = g_string_new (SUM_PREFIX);
  for (int i = 0; i < 4; i++)
    g_string_append_printf (out, "%016" G_GINT64_MODIFIER "x", sum->lane[i]);
  if (log && log_len)
    {
      /* the curation log is part of what the merged graph is made from */
      g_autofree char *h = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                         (const guchar *) log, log_len);
      g_string_append_printf (out, "+%s", h);
    }
  return g_string_free (out, FALSE);
}

gboolean
ng_file_sum_parse (const char *digest, NgFileSum *sum)
{
  if (digest == NULL || !g_str_has_prefix (digest, SUM_PREFIX))
    return FALSE;
  digest += strlen (SUM_PREFIX);
  if (strlen (digest) < 64)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      char lane[17];
      char *end = NULL;
      memcpy (lane, digest + i * 16, 16);
      lane[16] = '\0';
      if (!g_ascii_isxdigit (lane[0]))
        return FALSE;
      sum->lane[i] = g_ascii_strtoull (lane, &end, 16);
      if (end != lane + 16)
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------- stamp */

static char *
stamp_path (const char *dir)
{
  return g_build_filename (dir, "articles.stamp", NULL);
}

static char *
stamp_line (guint gen, const struct stat *st)
{
  return g_strdup_printf ("%u\t%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT "\t%" G_GINT64_FORMAT
                          ".%09ld\t%" G_GINT64_FORMAT ".%09ld\n",
                          gen, (guint64) st->st_dev, (guint64) st->st_ino,
                          (gint64) st->st_mtim.tv_sec, (long) st->st_mtim.tv_nsec,
                          (gint64) st->st_ctim.tv_sec, (long) st->st_ctim.tv_nsec);
}

gboolean
ng_stamp_matches (const char *dir, const char *articles_dir, guint gen, struct stat *seen)
{
  g_autofree char *path = stamp_path (dir);
  g_autofree char *text = NULL;
  g_autofree char *want = NULL;
  if (gen == 0 || !g_file_get_contents (path, &text, NULL, NULL)
      || !g_str_has_prefix (text, STAMP_MAGIC) || stat (articles_dir, seen) != 0)
    return FALSE;
  want = stamp_line (gen, seen);
  return strcmp (text + strlen (STAMP_MAGIC), want) == 0;
}

static gboolean
ts_before (const struct timespec *a, const struct timespec *b)
{
  return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

gboolean
ng_dir_same (const struct stat *a, const struct stat *b)
{
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino
         && a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec
         && a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

void
ng_stamp_write (const char *dir, const char *articles_dir, guint gen,
                const struct stat *seen)
{
  g_autofree char *path = stamp_path (dir);
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);
  g_autofree char *line = NULL;
  struct stat probe, st;
  gboolean ok = FALSE;
  int fd;

  g_unlink (path);
  fd = open (tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    return;
  /* the probe's mtime: the file system's clock now, before the directory
     is looked at again; the directory must still be as SEEN (nothing
     changed it since the caller knew what it holds), and SEEN's times
     older than the probe (a change in the same tick would leave them) */
  if (write (fd, STAMP_MAGIC, strlen (STAMP_MAGIC)) == (ssize_t) strlen (STAMP_MAGIC)
      && fstat (fd, &probe) == 0 && stat (articles_dir, &st) == 0 && ng_dir_same (&st, seen)
      && ts_before (&st.st_mtim, &probe.st_mtim) && ts_before (&st.st_ctim, &probe.st_mtim))
    {
      line = stamp_line (gen, seen);
      ok = write (fd, line, strlen (line)) == (ssize_t) strlen (line);
    }
  /* not synced: a stamp lost in a crash only makes the next build list the
     directory */
  if (close (fd) != 0)
    ok = FALSE;
  if (!ok || rename (tmp, path) != 0)
    g_unlink (tmp);
}
