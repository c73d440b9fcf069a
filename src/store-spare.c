/* store-spare.c — the previous generation kept as a spare, so that an
 * incremental build writes only what changes instead of copying the whole
 * merged graph.
 *
 * A build never writes the generation CURRENT names (a kill must leave it
 * whole).  Copying it costs time in proportion to the store (330 MB at
 * 10,000 articles), whatever the number of new articles.  So after a switch
 * from generation N-1 to N the files of N-1 stay, with merged-N.delta: the
 * article keys build N changed relative to N-1.  The next incremental build
 * takes N-1's files (renamed to its new generation's name) and applies to
 * them the changes of both builds at once, in one incremental merge: the
 * merge is a pure function of the article set, so that equals applying
 * build N+1's changes to a copy of N.
 *
 * Crash safety: the delta file is removed before the spare is touched, and
 * a spare without it is removed as stale when the store is next opened for
 * writing.
 *
 * Readers: a store opened on generation G holds a shared flock on
 * merged-G.lock for as long as it has the generation open; a spare is taken
 * only under an exclusive lock on its lock file, so a server or query still
 * reading the previous generation makes the build copy instead. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "store-private.h"
#include "merge-state.h"

static char *
gen_file (const char *dir, guint gen, const char *suffix)
{
  g_autofree char *name = g_strdup_printf ("merged-%u%s", gen, suffix);
  return g_build_filename (dir, name, NULL);
}

/* Is F one of generation GEN's data files (graph storage, merge state),
 * as opposed to its index, lock or delta?  *REST: what follows the number. */
static gboolean
data_file (const char *f, guint gen, const char **rest)
{
  g_autofree char *prefix = g_strdup_printf ("merged-%u", gen);
  const char *r;
  if (!g_str_has_prefix (f, prefix))
    return FALSE;
  r = f + strlen (prefix);
  if ((*r != '-' && *r != '.') || g_str_has_suffix (r, ".index")
      || g_str_has_suffix (r, ".index.tmp") || strcmp (r, ".lock") == 0
      || strcmp (r, ".delta") == 0)
    return FALSE;
  *rest = r;
  return TRUE;
}

int
ng_generation_lock (const char *dir, guint gen, gboolean *busy)
{
  g_autofree char *path = gen_file (dir, gen, ".lock");
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  *busy = FALSE;
  if (fd < 0)
    return -1;                /* a generation written before locks: none */
  if (flock (fd, LOCK_SH | LOCK_NB) != 0)
    {
      *busy = errno == EWOULDBLOCK;
      close (fd);
      return -1;
    }
  return fd;
}

gboolean
ng_generation_make_lock (const char *dir, guint gen, GError **error)
{
  g_autofree char *path = gen_file (dir, gen, ".lock");
  int fd = open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int e = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (e), "%s: %s", path,
                   g_strerror (e));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

gboolean
ng_spare_write_delta (const char *dir, guint gen, const char *text, GError **error)
{
  g_autofree char *path = gen_file (dir, gen, ".delta");
  /* synced with the rest of the generation, before CURRENT names it */
  g_unlink (path);
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_NONE, 0644,
                                   error);
}

gboolean
ng_spare_usable (const char *dir, guint current)
{
  g_autofree char *delta = gen_file (dir, current, ".delta");
  g_autofree char *state = current > 1 ? gen_file (dir, current - 1, "-state.db") : NULL;
  return state && g_file_test (delta, G_FILE_TEST_EXISTS)
         && g_file_test (state, G_FILE_TEST_EXISTS);
}

/* CHANGES plus, for every key of KEYS it does not name, that article as
 * generation CURRENT has it (its facts from CURRENT's merge state; none
 * when CURRENT no longer has it). */
static gboolean
add_previous_changes (const char *dir, guint current, char **keys, GPtrArray *changes,
                      GError **error)
{
  g_autoptr (GHashTable) named = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *path = gen_file (dir, current, "-state.db");
  NgMergeState *st = ng_merge_state_open (path, FALSE, error);
  if (st == NULL)
    return FALSE;
  for (guint i = 0; i < changes->len; i++)
    g_hash_table_add (named, ((NgMergeChange *) changes->pdata[i])->key);
  for (char **k = keys; *k; k++)
    if (**k && !g_hash_table_contains (named, *k))
      {
        NgMergeChange *ch = g_new0 (NgMergeChange, 1);
        ch->key = g_strdup (*k);
        ch->facts = ng_merge_state_get_facts (st, *k, &ch->len);
        g_ptr_array_add (changes, ch);
        g_hash_table_add (named, ch->key);
      }
  return ng_merge_state_close (st, error);
}

NgSpareResult
ng_spare_take (const char *dir, guint current, guint next, GPtrArray *changes,
               GError **error)
{
  guint spare = current - 1;
  g_autofree char *delta = gen_file (dir, current, ".delta");
  g_autofree char *lock = NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) keys = NULL;
  GDir *d;
  const char *f;
  int fd;
  gboolean ok = TRUE;

  if (current < 2 || !ng_spare_usable (dir, current)
      || !g_file_get_contents (delta, &text, NULL, NULL))
    return NG_SPARE_NONE;
  lock = gen_file (dir, spare, ".lock");
  fd = open (lock, O_RDWR | O_CLOEXEC);
  if (fd < 0)
    return NG_SPARE_NONE;
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      /* a reader still has it open */
      close (fd);
      return NG_SPARE_BUSY;
    }
  /* from here on the spare is no longer one, whatever happens */
  g_unlink (delta);
  d = g_dir_open (dir, 0, error);
  ok = d != NULL;
  while (ok && (f = g_dir_read_name (d)))
    {
      const char *rest;
      if (data_file (f, spare, &rest))
        {
          g_autofree char *from = g_build_filename (dir, f, NULL);
          g_autofree char *to = gen_file (dir, next, rest);
          if (g_rename (from, to) != 0)
            {
              int e = errno;
              g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (e),
                           "cannot rename %s: %s", from, g_strerror (e));
              ok = FALSE;
            }
        }
    }
  if (d)
    g_dir_close (d);
  {
    g_autofree char *index = gen_file (dir, spare, ".index");
    g_unlink (index);
    g_unlink (lock);
  }
  close (fd);
  keys = g_strsplit (text, "\n", -1);
  ok = ok && add_previous_changes (dir, current, keys, changes, error);
  return ok ? NG_SPARE_TAKEN : NG_SPARE_FAILED;
}
