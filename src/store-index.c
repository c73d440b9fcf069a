/* store-index.c — the merge index of a store generation: per article file
 * its identity (size, mtime, inode) and digest, and the number of
 * statements of the merged graph.  It lets a build find the article files
 * that changed without reading the others (their facts are in the merge
 * state, merge-state.c).
 *
 * Format (text, one file per generation, written before CURRENT names it):
 *   nieuwsgraaf-merge-index 2
 *   F key size mtime_ns inode digest
 *   T triples                                (last) */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <gio/gio.h>

#include "store-private.h"

#define MAGIC "nieuwsgraaf-merge-index 2\n"

void
ng_index_entry_free (gpointer p)
{
  NgIndexEntry *e = p;
  g_free (e->digest);
  g_free (e);
}

NgStoreIndex *
ng_store_index_new (void)
{
  NgStoreIndex *x = g_new0 (NgStoreIndex, 1);
  x->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      ng_index_entry_free);
  x->triples = -1;
  return x;
}

void
ng_store_index_free (NgStoreIndex *x)
{
  if (x == NULL)
    return;
  g_hash_table_unref (x->entries);
  g_free (x);
}

static gboolean
damaged (GError **error, const char *path)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "%s: damaged merge index", path);
  return FALSE;
}

NgStoreIndex *
ng_store_index_load (const char *path, GError **error)
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
  x = ng_store_index_new ();
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

struct NgIndexWriter
{
  char *tmp;
  FILE *out;
};

NgIndexWriter *
ng_index_writer_begin (const char *path, GError **error)
{
  NgIndexWriter *w = g_new0 (NgIndexWriter, 1);
  w->tmp = g_strconcat (path, ".tmp", NULL);
  w->out = fopen (w->tmp, "we");
  if (w->out == NULL)
    {
      int e = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (e), "%s: %s", w->tmp,
                   g_strerror (e));
      g_free (w->tmp);
      g_free (w);
      return NULL;
    }
  fputs (MAGIC, w->out);
  return w;
}

void
ng_index_writer_add (NgIndexWriter *w, const char *key, const NgIndexEntry *e)
{
  fprintf (w->out, "F\t%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%"
           G_GUINT64_FORMAT "\t%s\n", key, e->size, e->mtime_ns, e->ino, e->digest);
}

gboolean
ng_index_writer_finish (NgIndexWriter *w, gint64 triples, const char *dest,
                        GError **error)
{
  gboolean ok = dest != NULL;
  int e = 0;
  if (ok)
    fprintf (w->out, "T\t%" G_GINT64_FORMAT "\n", triples);
  if (fflush (w->out) != 0 || ferror (w->out))
    ok = FALSE, e = e ? e : errno;
  if (fclose (w->out) != 0)
    ok = FALSE, e = e ? e : errno;
  if (ok && rename (w->tmp, dest) != 0)
    ok = FALSE, e = errno;
  if (!ok)
    {
      if (dest)
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (e),
                     "%s: cannot write the merge index: %s", dest, g_strerror (e));
      unlink (w->tmp);
    }
  g_free (w->tmp);
  g_free (w);
  return ok;
}
