/* store-index.c — the merge index of a store generation: per article file
 * its identity (size, mtime, inode), digest and merge facts, and the node
 * summary of the merged graph.  It lets a build parse only the article files
 * that changed and write only the merged nodes that changed.
 *
 * Format (text, one file per generation, written before CURRENT names it):
 *   nieuwsgraaf-merge-index 1
 *   F key size mtime_ns inode digest LEN     then LEN bytes of facts, newline
 *   X LEN                                    then LEN bytes of node summary */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <gio/gio.h>

#include "store-private.h"

#define MAGIC "nieuwsgraaf-merge-index 1\n"

void
ng_index_entry_free (gpointer p)
{
  NgIndexEntry *e = p;
  g_free (e->digest);
  g_free (e->facts);
  g_free (e);
}

NgStoreIndex *
ng_store_index_new (void)
{
  NgStoreIndex *x = g_new0 (NgStoreIndex, 1);
  x->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      ng_index_entry_free);
  return x;
}

void
ng_store_index_free (NgStoreIndex *x)
{
  if (x == NULL)
    return;
  g_hash_table_unref (x->entries);
  ng_merge_nodes_free (x->nodes);
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

  /* mapped, not read: only the facts copied out count against memory */
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
      guint64 n;
      if (nl == NULL)
        break;
      head = g_strndup (p, (gsize) (nl - p));
      f = g_strsplit (head, "\t", 8);
      p = nl + 1;
      if (f[0] && strcmp (f[0], "F") == 0 && g_strv_length (f) == 7)
        {
          NgIndexEntry *e;
          n = g_ascii_strtoull (f[6], NULL, 10);
          if (n > (guint64) (end - p))
            break;
          e = g_new0 (NgIndexEntry, 1);
          e->size = g_ascii_strtoll (f[2], NULL, 10);
          e->mtime_ns = g_ascii_strtoll (f[3], NULL, 10);
          e->ino = g_ascii_strtoull (f[4], NULL, 10);
          e->digest = g_strdup (f[5]);
          e->facts = g_strndup (p, (gsize) n);
          g_hash_table_replace (x->entries, g_strdup (f[1]), e);
          p += n + 1;
        }
      else if (f[0] && strcmp (f[0], "X") == 0 && g_strv_length (f) == 2)
        {
          n = g_ascii_strtoull (f[1], NULL, 10);
          if (n > (guint64) (end - p))
            break;
          x->nodes = ng_merge_nodes_parse (p, (gsize) n, error);
          if (x->nodes == NULL)
            return NULL;
          p += n;
          if (p < end && *p == '\n')
            p++;
        }
      else
        break;
    }
  if (p < end || x->nodes == NULL)
    {
      /* truncated or unknown: of no use, and a merge from scratch will
         replace it */
      damaged (error, path);
      return NULL;
    }
  return g_steal_pointer (&x);
}

static int
key_cmp (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

gboolean
ng_store_index_save (const NgStoreIndex *x, const char *path, GError **error)
{
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter it;
  gpointer k;
  GString *out = g_string_new (MAGIC);
  GString *nodes = g_string_new (NULL);
  gboolean ok;

  g_hash_table_iter_init (&it, x->entries);
  while (g_hash_table_iter_next (&it, &k, NULL))
    g_ptr_array_add (keys, k);
  g_ptr_array_sort (keys, key_cmp);
  for (guint i = 0; i < keys->len; i++)
    {
      NgIndexEntry *e = g_hash_table_lookup (x->entries, keys->pdata[i]);
      gsize n = strlen (e->facts);
      g_string_append_printf (out, "F\t%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT
                              "\t%" G_GUINT64_FORMAT "\t%s\t%" G_GSIZE_FORMAT "\n",
                              (char *) keys->pdata[i], e->size, e->mtime_ns, e->ino,
                              e->digest, n);
      g_string_append_len (out, e->facts, (gssize) n);
      g_string_append_c (out, '\n');
    }
  if (x->nodes)
    ng_merge_nodes_append (x->nodes, nodes);
  g_string_append_printf (out, "X\t%" G_GSIZE_FORMAT "\n", nodes->len);
  g_string_append_len (out, nodes->str, (gssize) nodes->len);
  g_string_append_c (out, '\n');
  ok = g_file_set_contents_full (path, out->str, (gssize) out->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
  g_string_free (out, TRUE);
  g_string_free (nodes, TRUE);
  return ok;
}
