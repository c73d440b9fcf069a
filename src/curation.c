/* curation.c — the curation log of a store (see curation.h).
 *
 * The log is a sequence of records, each a header line
 *   #@nieuwsgraaf-update BYTES TIME
 * followed by the update text of BYTES bytes and a newline.  Lengths, not
 * separators, delimit records, so any update text is kept verbatim; the
 * header is a SPARQL comment.  Records are replayed one by one, each a
 * request of its own (its prefixes do not leak into the next). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "nieuwsgraaf/curation.h"
#include "nieuwsgraaf/query.h"
#include "nieuwsgraaf/vocab.h"

G_DEFINE_QUARK (ng-curation-error-quark, ng_curation_error)

#define RECORD_HEADER "#@nieuwsgraaf-update "

static char *
log_path (const char *dir)
{
  return g_build_filename (dir, NG_CURATION_LOG, NULL);
}

/* The records of TEXT (LEN bytes) as new strings; NULL with ERROR naming
 * PATH and the byte offset when it is damaged. */
static GPtrArray *
split_records (const char *path, const char *text, gsize len, GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  gsize off = 0;
  while (off < len)
    {
      const char *p = text + off;
      char *end = NULL;
      guint64 n;
      gsize hlen = strlen (RECORD_HEADER);
      const char *nl = memchr (p, '\n', len - off);
      if (nl == NULL || (gsize) (nl - p) < hlen || strncmp (p, RECORD_HEADER, hlen) != 0)
        goto damaged;
      n = g_ascii_strtoull (p + hlen, &end, 10);
      if (end == p + hlen || n > len - off - (gsize) (nl + 1 - p))
        goto damaged;
      g_ptr_array_add (out, g_strndup (nl + 1, (gsize) n));
      off = (gsize) (nl + 1 - text) + (gsize) n;
      if (off < len && text[off] == '\n')
        off++;
      continue;
    damaged:
      g_set_error (error, NG_CURATION_ERROR, NG_CURATION_ERROR_LOG,
                   "%s: damaged at byte %" G_GSIZE_FORMAT " (expected a “%s” line)",
                   path, off, RECORD_HEADER "BYTES TIME");
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* The log's text (empty when there is none); NULL with ERROR. */
static char *
read_log (const char *dir, gsize *len, GError **error)
{
  g_autofree char *path = log_path (dir);
  char *text = NULL;
  GError *local = NULL;
  if (!g_file_get_contents (path, &text, len, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_error_free (local);
          *len = 0;
          return g_strdup ("");
        }
      g_set_error (error, NG_CURATION_ERROR, NG_CURATION_ERROR_LOG, "%s", local->message);
      g_error_free (local);
      return NULL;
    }
  return text;
}

static gboolean
write_log (const char *dir, const char *text, gsize len, GError **error)
{
  g_autofree char *path = log_path (dir);
  GError *local = NULL;
  /* a temporary file, fsync, rename: the old log or the new one */
  if (!g_file_set_contents_full (path, text, (gssize) len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, &local))
    {
      g_set_error (error, NG_CURATION_ERROR, NG_CURATION_ERROR_LOG,
                   "cannot write the curation log: %s", local->message);
      g_error_free (local);
      return FALSE;
    }
  return TRUE;
}

static NgSparqlUpdate *
parse_update (librdf_world *world, const char *text, GError **error)
{
  return ng_sparql_update_new (world, text, ng_vocab_sparql_prologue (), NG_CURATION_BASE,
                               error);
}

static gboolean
run_update (librdf_world *world, librdf_model *merged, const char *text,
            NgSparqlUpdateStats *stats, GError **error)
{
  NgSparqlDataset ds = {
    .world = world,
    .default_graph = merged,
    .default_graph_iri = NG_QUERY_MERGED_GRAPH,
  };
  g_autoptr (NgSparqlUpdate) u = parse_update (world, text, error);
  return u && ng_sparql_update_execute (u, &ds, 0, NULL, stats, error);
}

gboolean
ng_curation_replay (librdf_world *world, const char *dir, librdf_model *merged,
                    GError **error)
{
  g_autofree char *path = NULL, *text = NULL;
  g_autoptr (GPtrArray) records = NULL;
  gsize len = 0;
  if (dir == NULL)
    return TRUE;
  path = log_path (dir);
  text = read_log (dir, &len, error);
  if (text == NULL)
    return FALSE;
  records = split_records (path, text, len, error);
  if (records == NULL)
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    {
      GError *local = NULL;
      if (!run_update (world, merged, records->pdata[i], NULL, &local))
        {
          /* keep the domain and code: a caller tells a bad update apart */
          g_set_error (error, local->domain, local->code, "%s, update %u: %s", path,
                       i + 1, local->message);
          g_error_free (local);
          return FALSE;
        }
    }
  return TRUE;
}

/* Whether another process holds the store's write lock. */
static gboolean
store_busy (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "LOCK", NULL);
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  gboolean busy = FALSE;
  if (fd < 0)
    return FALSE;
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    busy = errno == EWOULDBLOCK;
  else
    flock (fd, LOCK_UN);
  close (fd);
  return busy;
}

gboolean
ng_curation_apply (const char *dir, const char *update, GError **error)
{
  g_autoptr (NgStore) store = NULL;
  g_autofree char *old = NULL, *stamp = NULL;
  g_autoptr (GString) text = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  GError *local = NULL;
  gsize len = 0;

  g_return_val_if_fail (dir != NULL && update != NULL, FALSE);
  {
    /* a bad update is refused before the store is touched */
    librdf_world *world = librdf_new_world ();
    NgSparqlUpdate *u;
    guint size = 0;
    librdf_world_open (world);
    u = parse_update (world, update, error);
    if (u)
      size = ng_sparql_update_get_size (u);
    ng_sparql_update_free (u);
    librdf_free_world (world);
    if (u == NULL)
      return FALSE;
    if (size == 0)
      return TRUE;   /* an empty request: nothing to log */
  }
  store = ng_store_open (dir, NG_STORE_WRITE, &local);
  if (store == NULL)
    {
      if (store_busy (dir))
        {
          g_set_error (error, NG_CURATION_ERROR, NG_CURATION_ERROR_BUSY,
                       "%s: another nieuwsgraaf process is writing this store; "
                       "try again when it has finished", dir);
          g_error_free (local);
        }
      else
        g_propagate_error (error, local);
      return FALSE;
    }
  old = read_log (dir, &len, error);
  if (old == NULL)
    return FALSE;
  {
    /* refuse to add to a damaged log */
    g_autofree char *path = log_path (dir);
    g_autoptr (GPtrArray) records = split_records (path, old, len, error);
    if (records == NULL)
      return FALSE;
  }
  stamp = g_date_time_format_iso8601 (now);
  text = g_string_new_len (old, (gssize) len);
  g_string_append_printf (text, RECORD_HEADER "%" G_GSIZE_FORMAT " %s\n%s\n",
                          strlen (update), stamp, update);
  if (!write_log (dir, text->str, text->len, error))
    return FALSE;
  if (!ng_store_merge (store, &local))
    {
      /* not accepted: the log as it was */
      GError *restore = NULL;
      if (len > 0)
        write_log (dir, old, len, &restore);
      else
        {
          g_autofree char *path = log_path (dir);
          if (g_unlink (path) != 0)
            restore = g_error_new (NG_CURATION_ERROR, NG_CURATION_ERROR_LOG, "%s: %s",
                                   path, g_strerror (errno));
        }
      if (restore)
        {
          g_warning ("%s", restore->message);
          g_error_free (restore);
        }
      {
        /* the new update failed: its message without the log's position */
        g_autofree char *path = log_path (dir);
        g_autoptr (GPtrArray) records = split_records (path, text->str, text->len, NULL);
        g_autofree char *prefix = g_strdup_printf ("%s, update %u: ", path,
                                                   records ? records->len : 0);
        if (local->domain == NG_SPARQL_ERROR && g_str_has_prefix (local->message, prefix))
          memmove (local->message, local->message + strlen (prefix),
                   strlen (local->message) - strlen (prefix) + 1);
      }
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

gboolean
ng_curation_apply_in_place (NgStore *store, const char *update,
                            NgSparqlUpdateStats *stats, GError **error)
{
  return run_update (ng_store_get_world (store), ng_store_get_merged (store), update,
                     stats, error);
}
