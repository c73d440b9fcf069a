/* store.c — the graph store.
 *
 * A store directory holds two Redland "hashes" storages on Berkeley DB:
 *   articles-*.db       every article's named graph (contexts)
 *   merged-N-*.db       the merged graph, generation N
 *   CURRENT             the number N of the merged generation in use
 * A merge writes generation N+1 beside N, syncs it, then replaces CURRENT
 * (an atomic rename) and only then removes generation N: an interrupted merge
 * leaves the previous merged graph in use. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "nieuwsgraaf/graph.h"
#include "nieuwsgraaf/merge.h"
#include "nieuwsgraaf/store.h"
#include "nieuwsgraaf/vocab.h"
#include "rdf-util.h"

G_DEFINE_QUARK (ng-store-error-quark, ng_store_error)

struct NgStore
{
  char *dir;
  NgStoreFlags flags;
  librdf_world *world;
  librdf_storage *articles_storage;
  librdf_model *articles;
  librdf_storage *merged_storage;
  librdf_model *merged;
  guint generation;
};

void
ng_store_free (NgStore *s)
{
  if (s == NULL)
    return;
  if (s->merged)
    librdf_free_model (s->merged);
  if (s->merged_storage)
    librdf_free_storage (s->merged_storage);
  if (s->articles)
    librdf_free_model (s->articles);
  if (s->articles_storage)
    librdf_free_storage (s->articles_storage);
  if (s->world)
    librdf_free_world (s->world);
  g_free (s->dir);
  g_free (s);
}

librdf_world *ng_store_get_world (NgStore *s) { return s->world; }
librdf_model *ng_store_get_merged (NgStore *s) { return s->merged; }
librdf_model *ng_store_get_articles (NgStore *s) { return s->articles; }

static gboolean
open_storage (NgStore *s, const char *name, gboolean contexts, gboolean create,
              librdf_storage **storage, librdf_model **model, GError **error)
{
  g_autofree char *options = NULL;
  g_autofree char *why = NULL;

  if (s->flags & NG_STORE_MEMORY)
    options = g_strdup_printf ("hash-type='memory',contexts='%s'",
                               contexts ? "yes" : "no");
  else
    options = g_strdup_printf ("hash-type='bdb',dir='%s',contexts='%s',"
                               "new='%s',write='%s'",
                               s->dir, contexts ? "yes" : "no",
                               create ? "yes" : "no",
                               (s->flags & NG_STORE_WRITE) ? "yes" : "no");
  ng_rdf_take_error ();
  *storage = librdf_new_storage (s->world, "hashes", name, options);
  if (*storage)
    *model = librdf_new_model (s->world, *storage, NULL);
  if (*storage == NULL || *model == NULL)
    {
      why = ng_rdf_take_error ();
      g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_OPEN,
                   "%s: cannot open the %s graph%s%s", s->dir, name,
                   why ? ": " : "", why ? why : "");
      return FALSE;
    }
  return TRUE;
}

static char *
current_path (NgStore *s)
{
  return g_build_filename (s->dir, "CURRENT", NULL);
}

static gboolean
storage_exists (NgStore *s, const char *name)
{
  g_autofree char *f = g_strdup_printf ("%s-sp2o.db", name);
  g_autofree char *p = g_build_filename (s->dir, f, NULL);
  return g_file_test (p, G_FILE_TEST_EXISTS);
}

NgStore *
ng_store_open (const char *dir, NgStoreFlags flags, GError **error)
{
  g_autoptr (NgStore) s = g_new0 (NgStore, 1);
  gboolean memory = (flags & NG_STORE_MEMORY) != 0;
  g_autofree char *merged_name = NULL;

  s->flags = flags;
  s->dir = g_strdup (memory ? ":memory:" : dir);
  s->world = librdf_new_world ();
  librdf_world_open (s->world);
  ng_rdf_world_setup (s->world);

  if (!memory)
    {
      g_autofree char *cur = current_path (s);
      g_autofree char *text = NULL;

      g_return_val_if_fail (dir != NULL, NULL);
      if (flags & NG_STORE_WRITE)
        {
          if (g_mkdir_with_parents (dir, 0755) != 0)
            {
              int e = errno;
              g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_OPEN,
                           "%s: cannot create the store directory: %s", dir,
                           g_strerror (e));
              return NULL;
            }
        }
      else if (!g_file_test (dir, G_FILE_TEST_IS_DIR) || !storage_exists (s, "articles"))
        {
          g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_MISSING,
                       "%s: no nieuwsgraaf store here; create one with "
                       "“nieuwsgraaf build --store %s ARTICLES…”", dir, dir);
          return NULL;
        }
      if (g_file_get_contents (cur, &text, NULL, NULL))
        s->generation = (guint) strtoul (text, NULL, 10);
    }

  if (!open_storage (s, "articles", TRUE,
                     !memory && !storage_exists (s, "articles"),
                     &s->articles_storage, &s->articles, error))
    return NULL;
  merged_name = g_strdup_printf ("merged-%u", s->generation);
  if (!open_storage (s, merged_name, FALSE,
                     !memory && !storage_exists (s, merged_name),
                     &s->merged_storage, &s->merged, error))
    return NULL;
  return g_steal_pointer (&s);
}

/* The article contexts whose ng:sourceFile is NAME. */
static GPtrArray *
contexts_with_source (NgStore *s, const char *name)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) librdf_free_node);
  librdf_node *p = librdf_new_node_from_uri_string (s->world,
                                                    (const unsigned char *) NG_SOURCE_FILE);
  librdf_node *o = librdf_new_node_from_literal (s->world, (const unsigned char *) name,
                                                 NULL, 0);
  librdf_statement *pat = librdf_new_statement_from_nodes (s->world, NULL, p, o);
  g_autoptr (librdf_stream) st = librdf_model_find_statements (s->articles, pat);

  while (st && !librdf_stream_end (st))
    {
      librdf_node *ctx = librdf_stream_get_context2 (st);
      if (ctx)
        g_ptr_array_add (out, librdf_new_node_from_node (ctx));
      librdf_stream_next (st);
    }
  librdf_free_statement (pat);
  return out;
}

gboolean
ng_store_put_article (NgStore *s, const NgArticle *article,
                      const NgExtraction *ex, GError **error)
{
  g_autofree char *iri = ng_article_iri (article);
  g_autoptr (librdf_node) ctx = librdf_new_node_from_uri_string (
      s->world, (const unsigned char *) iri);
  g_autoptr (GPtrArray) old = NULL;

  if (!(s->flags & (NG_STORE_WRITE | NG_STORE_MEMORY)))
    {
      g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_WRITE,
                   "%s: the store is open read-only", s->dir);
      return FALSE;
    }
  /* A changed article (same source name) replaces its earlier graph; the
     same content again replaces itself, so building twice changes nothing. */
  old = contexts_with_source (s, ng_article_get_name (article));
  for (guint i = 0; i < old->len; i++)
    librdf_model_context_remove_statements (s->articles, old->pdata[i]);
  librdf_model_context_remove_statements (s->articles, ctx);

  if (!ng_article_graph_add (s->world, s->articles, ctx, article, ex, error))
    {
      librdf_model_context_remove_statements (s->articles, ctx);
      return FALSE;
    }
  return TRUE;
}

static void
remove_generation (NgStore *s, guint gen)
{
  g_autofree char *prefix = g_strdup_printf ("merged-%u-", gen);
  GDir *d = g_dir_open (s->dir, 0, NULL);
  const char *f;
  if (d == NULL)
    return;
  while ((f = g_dir_read_name (d)))
    if (g_str_has_prefix (f, prefix) && g_str_has_suffix (f, ".db"))
      {
        g_autofree char *p = g_build_filename (s->dir, f, NULL);
        g_unlink (p);
      }
  g_dir_close (d);
}

gboolean
ng_store_merge (NgStore *s, GError **error)
{
  librdf_storage *storage = NULL;
  librdf_model *model = NULL;
  guint next = s->generation + 1;
  g_autofree char *name = g_strdup_printf ("merged-%u", next);

  if (!(s->flags & NG_STORE_MEMORY))
    remove_generation (s, next);  /* a leftover of an interrupted merge */
  librdf_model_sync (s->articles);
  if (!open_storage (s, name, FALSE, TRUE, &storage, &model, error))
    return FALSE;
  if (!ng_merge (s->world, s->articles, model, error))
    {
      librdf_free_model (model);
      librdf_free_storage (storage);
      if (!(s->flags & NG_STORE_MEMORY))
        remove_generation (s, next);
      return FALSE;
    }
  librdf_model_sync (model);
  if (!(s->flags & NG_STORE_MEMORY))
    {
      g_autofree char *cur = current_path (s);
      g_autofree char *text = g_strdup_printf ("%u\n", next);
      g_autoptr (GError) local = NULL;
      if (!g_file_set_contents (cur, text, -1, &local))
        {
          g_set_error (error, NG_STORE_ERROR, NG_STORE_ERROR_WRITE,
                       "%s: cannot switch to the new merged graph: %s", s->dir,
                       local->message);
          librdf_free_model (model);
          librdf_free_storage (storage);
          remove_generation (s, next);
          return FALSE;
        }
    }
  librdf_free_model (s->merged);
  librdf_free_storage (s->merged_storage);
  if (!(s->flags & NG_STORE_MEMORY))
    remove_generation (s, s->generation);
  s->merged = model;
  s->merged_storage = storage;
  s->generation = next;
  return TRUE;
}

int
ng_store_merged_size (NgStore *s)
{
  int n = librdf_model_size (s->merged);
  if (n < 0)
    {
      g_autoptr (librdf_stream) st = librdf_model_as_stream (s->merged);
      n = 0;
      while (st && !librdf_stream_end (st))
        n++, librdf_stream_next (st);
    }
  return n;
}

guint
ng_store_article_count (NgStore *s)
{
  g_autoptr (librdf_iterator) it = librdf_model_get_contexts (s->articles);
  guint n = 0;
  while (it && !librdf_iterator_end (it))
    {
      g_autoptr (librdf_stream) st = librdf_model_context_as_stream (
          s->articles, librdf_iterator_get_object (it));
      if (st && !librdf_stream_end (st))
        n++;
      librdf_iterator_next (it);
    }
  return n;
}

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

static int
str_ptr_cmp (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* N-Triples of STREAM with " <CTX> ." in place of " ." on every line. */
static gboolean
write_quads (NgStore *s, librdf_stream *stream, const char *ctx, FILE *out)
{
  g_autoptr (librdf_serializer) ser = librdf_new_serializer (s->world, "ntriples",
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
      if (n < 2)
        continue;
      if (ctx && g_str_has_suffix (*l, " ."))
        fprintf (out, "%.*s <%s> .\n", (int) (n - 2), *l, ctx);
      else
        fprintf (out, "%s\n", *l);
    }
  return TRUE;
}

gboolean
ng_store_export (NgStore *s, const char *format, FILE *out, GError **error)
{
  static const struct { const char *name, *serializer; } formats[] = {
    { "turtle", "turtle" },
    { "ntriples", "ntriples" },
    { "rdfxml", "rdfxml-abbrev" },
    { "articles-turtle", "turtle" },   /* the article graphs, without contexts */
  };
  gboolean ok = TRUE;

  if (g_strcmp0 (format, "nquads") == 0)
    {
      g_autoptr (librdf_stream) st = librdf_model_as_stream (s->merged);
      g_autoptr (librdf_iterator) it = librdf_model_get_contexts (s->articles);
      g_autoptr (GPtrArray) ctxs = g_ptr_array_new_with_free_func (g_free);

      ok = write_quads (s, st, NULL, out);
      while (ok && it && !librdf_iterator_end (it))
        {
          g_ptr_array_add (ctxs, g_strdup (ng_node_iri (librdf_iterator_get_object (it))));
          librdf_iterator_next (it);
        }
      g_ptr_array_sort (ctxs, str_ptr_cmp);
      for (guint i = 0; ok && i < ctxs->len; i++)
        {
          g_autoptr (librdf_node) c = librdf_new_node_from_uri_string (
              s->world, (const unsigned char *) ctxs->pdata[i]);
          g_autoptr (librdf_stream) cs = librdf_model_context_as_stream (s->articles, c);
          ok = write_quads (s, cs, ctxs->pdata[i], out);
        }
    }
  else
    {
      const char *ser_name = NULL;
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
      g_autoptr (librdf_serializer) ser = new_serializer (s, ser_name);
      ok = ser && librdf_serializer_serialize_model_to_file_handle (
                      ser, out, NULL,
                      g_str_has_prefix (format, "articles-") ? s->articles : s->merged) == 0;
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
