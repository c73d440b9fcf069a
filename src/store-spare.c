/* store-spare.c — the previous generation kept as a spare, so that an
 * incremental build writes only what changes instead of copying the whole
 * merged graph.
 *
 * A build never writes the generation CURRENT names (a kill must leave it
 * whole).  Copying it costs time in proportion to the store (330 MB at
 * 10,000 articles, 5.7 GB at 100,000), whatever the number of new articles.
 * So an incremental build logs what it does to its copy: every statement
 * added to or removed from the graph and every record put or deleted in the
 * merge state (merged-N.redo, merged-N.redo-state).  After the switch from
 * N-1 to N the files of N-1 stay.  The next incremental build takes them
 * (renamed to its own generation's name), redoes N's journal on them, which
 * makes them N, and applies its own changes: work in proportion to the two
 * builds' changes, not to the store.
 *
 * Crash safety: the journal files are removed before the spare is touched,
 * and a spare without them is removed as stale when the store is next
 * opened for writing.
 *
 * Readers: a store opened on generation G holds a shared flock on
 * merged-G.lock for as long as it has the generation open; a spare is taken
 * only under an exclusive lock on its lock file, so a reader still on the
 * previous generation makes the build copy instead. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "store-private.h"

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
      || strcmp (r, ".redo") == 0 || strcmp (r, ".redo-state") == 0)
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
ng_spare_write_redo (const char *dir, guint gen, const GString *graph,
                     const GString *records, GError **error)
{
  g_autofree char *g = gen_file (dir, gen, ".redo");
  g_autofree char *r = gen_file (dir, gen, ".redo-state");
  /* synced with the rest of the generation, before CURRENT names it */
  g_unlink (g);
  g_unlink (r);
  return g_file_set_contents_full (g, graph->str, (gssize) graph->len,
                                   G_FILE_SET_CONTENTS_NONE, 0644, error)
         && g_file_set_contents_full (r, records->str, (gssize) records->len,
                                      G_FILE_SET_CONTENTS_NONE, 0644, error);
}

gboolean
ng_spare_usable (const char *dir, guint current)
{
  g_autofree char *g = gen_file (dir, current, ".redo");
  g_autofree char *r = gen_file (dir, current, ".redo-state");
  g_autofree char *state = current > 1 ? gen_file (dir, current - 1, "-state.db") : NULL;
  return state && g_file_test (g, G_FILE_TEST_EXISTS) && g_file_test (r, G_FILE_TEST_EXISTS)
         && g_file_test (state, G_FILE_TEST_EXISTS);
}

NgSpareResult
ng_spare_take (const char *dir, guint current, guint next, char **graph, gsize *graph_len,
               char **records, gsize *records_len, GError **error)
{
  guint spare = current - 1;
  g_autofree char *g = gen_file (dir, current, ".redo");
  g_autofree char *r = gen_file (dir, current, ".redo-state");
  g_autofree char *lock = NULL;
  GDir *d;
  const char *f;
  int fd;
  gboolean ok = TRUE;

  *graph = *records = NULL;
  if (current < 2 || !ng_spare_usable (dir, current))
    return NG_SPARE_NONE;
  lock = gen_file (dir, spare, ".lock");
  fd = open (lock, O_RDWR | O_CLOEXEC);
  if (fd < 0)
    return NG_SPARE_NONE;
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);   /* a reader still has it open */
      return NG_SPARE_BUSY;
    }
  if (!g_file_get_contents (g, graph, graph_len, NULL)
      || !g_file_get_contents (r, records, records_len, NULL))
    {
      close (fd);
      g_clear_pointer (graph, g_free);
      return NG_SPARE_NONE;
    }
  /* from here on the spare is no longer one, whatever happens */
  g_unlink (g);
  g_unlink (r);
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
  if (!ok)
    {
      g_clear_pointer (graph, g_free);
      g_clear_pointer (records, g_free);
      return NG_SPARE_FAILED;
    }
  return NG_SPARE_TAKEN;
}
