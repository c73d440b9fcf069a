/* publish-loader.c — a whole store into Virtuoso through its bulk loader.
 *
 * Over the Graph Store protocol Virtuoso loads each request on one thread
 * and an article graph of ~500 triples costs it 20-40 ms, so a store of
 * many small graphs crawls at ~25k triples/s however many requests are in
 * flight.  Its bulk loader reads files instead: we write the graphs as
 * N-Quads files into a directory the server may read, and drive the loader
 * with Virtuoso's own isql client (no ODBC headers on a stock system, and
 * the loader is a set of SQL procedures anyway).
 *
 * The order matters for what a failure leaves behind: the server must see
 * our files (checked before anything is deleted), then the graphs' old
 * quads are deleted and the files registered, then loaded; each file's
 * load_list entry is checked at the end and removed. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "nieuwsgraaf/publish.h"
#include "publish-private.h"

/* How often the progress bar asks the server which files are done. */
#define NG_LOADER_POLL_MS 500

struct NgLoader
{
  char *server;            /* HOST:PORT */
  char *dir;               /* where we write */
  char *server_dir;        /* the same directory as the server sees it */
  char *user;
  char *password;
  char *isql;
  guint threads, file_triples;

  NgPublishProgress progress;
  NgPublishProgressFunc progress_func;
  gpointer progress_data;
  NgPublishLogFunc log_func;
  gpointer log_data;

  /* one run */
  char *run_dir;           /* our new subdirectory of dir */
  char *run_dir_server;    /* it, as the server names it */
  GPtrArray *files;        /* base names, in order */
  GArray *file_counts;     /* guint64 triples of each file */
  GHashTable *graph_set;   /* graph IRIs written (keys owned by graphs) */
  GPtrArray *graphs;
  FILE *out;
  guint64 out_triples;
  GString *line;
};

/* ------------------------------------------------------------ setup */

/* Paths and IRIs go into SQL string literals and N-Quads IRIs: rather than
 * escape them for two languages, refuse what would need escaping. */
static gboolean
sql_safe (const char *s)
{
  for (const unsigned char *c = (const unsigned char *) s; *c; c++)
    if (*c < 0x20 || *c == '\'' || *c == '\\' || *c == 0x7f)
      return FALSE;
  return TRUE;
}

static gboolean
iri_safe (const char *s)
{
  if (*s == '\0' || !sql_safe (s))
    return FALSE;
  for (const char *c = s; *c; c++)
    if (strchr ("<>\"{}|^` ", *c))
      return FALSE;
  return TRUE;
}

static char *
clean_dir (const char *dir)
{
  char *d = g_canonicalize_filename (dir, NULL);
  gsize n = strlen (d);
  while (n > 1 && d[n - 1] == '/')
    d[--n] = '\0';
  return d;
}

NgLoader *
ng_loader_new (const char *server, const char *dir, GError **error)
{
  NgLoader *l;
  g_autofree char *d = NULL;

  g_return_val_if_fail (server != NULL && dir != NULL, NULL);
  if (*server == '\0' || server[0] == '-' || strchr (server, ' ') || !sql_safe (server))
    {
      g_set_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_URL,
                   "the Virtuoso server must be given as HOST:PORT (its SQL port, 1111 by default)");
      return NULL;
    }
  d = clean_dir (dir);
  if (!g_file_test (d, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_IO,
                   "%s: not a directory (the loader directory must exist and be "
                   "in the server's DirsAllowed)", dir);
      return NULL;
    }
  if (!sql_safe (d))
    {
      g_set_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_IO,
                   "%s: the loader directory's name must not hold quotes, "
                   "backslashes or control characters", dir);
      return NULL;
    }
  l = g_new0 (NgLoader, 1);
  l->server = g_strdup (server);
  l->dir = g_steal_pointer (&d);
  l->user = g_strdup ("dba");
  l->isql = g_strdup (g_getenv ("NG_ISQL") && *g_getenv ("NG_ISQL")
                      ? g_getenv ("NG_ISQL") : NG_LOADER_DEFAULT_ISQL);
  l->threads = NG_LOADER_DEFAULT_THREADS;
  l->file_triples = NG_LOADER_DEFAULT_FILE_TRIPLES;
  return l;
}

/* Forgets one run's state; the files are removed by remove_run_dir. */
static void
clear_run (NgLoader *l)
{
  if (l->out)
    fclose (l->out);
  l->out = NULL;
  g_clear_pointer (&l->run_dir, g_free);
  g_clear_pointer (&l->run_dir_server, g_free);
  g_clear_pointer (&l->files, g_ptr_array_unref);
  g_clear_pointer (&l->file_counts, g_array_unref);
  g_clear_pointer (&l->graph_set, g_hash_table_unref);
  g_clear_pointer (&l->graphs, g_ptr_array_unref);
  if (l->line)
    g_string_free (l->line, TRUE);
  l->line = NULL;
}

void
ng_loader_free (NgLoader *l)
{
  if (l == NULL)
    return;
  clear_run (l);
  g_free (l->server);
  g_free (l->dir);
  g_free (l->server_dir);
  g_free (l->user);
  ng_publish_free_secret (l->password);
  g_free (l->isql);
  g_free (l);
}

void
ng_loader_set_credentials (NgLoader *l, const char *user, const char *password)
{
  g_free (l->user);
  ng_publish_free_secret (l->password);
  l->user = g_strdup (user ? user : "dba");
  l->password = g_strdup (password);
}

gboolean
ng_loader_set_server_dir (NgLoader *l, const char *dir, GError **error)
{
  g_autofree char *d = NULL;
  if (!g_path_is_absolute (dir) || !sql_safe (dir))
    {
      g_set_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_IO,
                   "%s: the server's loader directory must be an absolute path "
                   "without quotes, backslashes or control characters", dir);
      return FALSE;
    }
  d = clean_dir (dir);
  g_free (l->server_dir);
  l->server_dir = g_steal_pointer (&d);
  return TRUE;
}

void ng_loader_set_threads (NgLoader *l, guint n) { l->threads = MAX (n, 1); }

void
ng_loader_set_isql (NgLoader *l, const char *program)
{
  g_free (l->isql);
  l->isql = g_strdup (program);
}

void
ng_loader_set_file_triples (NgLoader *l, guint n)
{
  l->file_triples = n ? n : NG_LOADER_DEFAULT_FILE_TRIPLES;
}

void
ng_loader_set_progress_func (NgLoader *l, NgPublishProgressFunc func, gpointer data)
{
  l->progress_func = func;
  l->progress_data = data;
}

void
ng_loader_set_log_func (NgLoader *l, NgPublishLogFunc func, gpointer data)
{
  l->log_func = func;
  l->log_data = data;
}

const NgPublishProgress *ng_loader_get_progress (NgLoader *l) { return &l->progress; }
guint ng_loader_get_files (NgLoader *l) { return l->files ? l->files->len : 0; }

#define log_line(l, ...) ng_publish_log ((l)->log_func, (l)->log_data, __VA_ARGS__)

/* The isql session settings of L (pointers into L). */
static NgIsql
isql_of (NgLoader *l)
{
  NgIsql i = { l->isql, l->server, l->user, l->password };
  return i;
}

static void
report (NgLoader *l, const char *phase)
{
  l->progress.phase = phase;
  if (l->progress_func)
    l->progress_func (&l->progress, l->progress_data);
}

/* ------------------------------------------------------------ files */

static gboolean
io_error (NgLoader *l, const char *name, int err, GError **error)
{
  g_set_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_IO, "%s/%s: %s",
               l->run_dir, name, g_strerror (err));
  return FALSE;
}

static gboolean
close_file (NgLoader *l, GError **error)
{
  FILE *f = l->out;
  l->out = NULL;
  if (f == NULL)
    return TRUE;
  if (ferror (f) | (fclose (f) != 0))
    return io_error (l, g_ptr_array_index (l->files, l->files->len - 1), errno, error);
  return TRUE;
}

/* A new N-Quads file, readable by the server whatever user it runs as. */
static gboolean
open_file (NgLoader *l, GError **error)
{
  g_autofree char *name = g_strdup_printf ("%05u.nq", l->files->len + 1);
  g_autofree char *path = g_build_filename (l->run_dir, name, NULL);
  guint64 zero = 0;

  if (!close_file (l, error))
    return FALSE;
  l->out = fopen (path, "w");
  if (l->out == NULL || fchmod (fileno (l->out), 0644) != 0)
    return io_error (l, name, errno, error);
  setvbuf (l->out, NULL, _IOFBF, 1 << 20);
  g_ptr_array_add (l->files, g_steal_pointer (&name));
  g_array_append_val (l->file_counts, zero);
  l->out_triples = 0;
  return TRUE;
}

/* Appends TRIPLES quads (whole lines) to the current file, opening the
 * next one when it is full, or a file of their own when ALONE. */
static gboolean
write_quads (NgLoader *l, const char *text, gsize len, guint64 triples, gboolean alone,
             GError **error)
{
  if ((l->out == NULL || alone || l->out_triples >= l->file_triples) && !open_file (l, error))
    return FALSE;
  if (fwrite (text, 1, len, l->out) != len)
    return io_error (l, g_ptr_array_index (l->files, l->files->len - 1), errno, error);
  if (len > 0 && text[len - 1] != '\n')
    fputc ('\n', l->out);
  l->out_triples += triples;
  g_array_index (l->file_counts, guint64, l->file_counts->len - 1) += triples;
  l->progress.triples_total += triples;
  if (alone)
    l->out_triples = l->file_triples;  /* nothing else goes in */
  return TRUE;
}

static void
add_graph (NgLoader *l, const char *graph)
{
  if (!g_hash_table_contains (l->graph_set, graph))
    {
      char *g = g_strdup (graph);
      g_ptr_array_add (l->graphs, g);
      g_hash_table_add (l->graph_set, g);
      l->progress.graphs_total++;
    }
}

/* Triples the current file still takes (a new file: all). */
static guint64
room (NgLoader *l)
{
  return l->out == NULL || l->out_triples >= l->file_triples
         ? l->file_triples : l->file_triples - l->out_triples;
}

/* The merged graph: each statement as N-Triples with the graph put before
 * its final " ."; statements with blank nodes into one file of their own
 * (a blank node's label means one node within one file). */
static gboolean
write_model (NgLoader *l, librdf_world *world, librdf_model *model, const char *graph,
             GError **error)
{
  g_autofree char *graph_term = g_strdup_printf (" <%s> .\n", graph);
  g_autoptr (GString) chunk = g_string_sized_new (1 << 20);
  g_autoptr (GString) blank = g_string_new (NULL);
  raptor_iostream *out;
  librdf_stream *stream;
  guint64 n = 0, n_blank = 0;
  gboolean ok = TRUE;

  stream = librdf_model_as_stream (model);
  out = raptor_new_iostream_from_handler (librdf_world_get_raptor (world), &l->line,
                                          &ng_publish_gstring_handler);
  if (stream == NULL || out == NULL)
    {
      g_set_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_INPUT,
                   "cannot read the graph to publish as <%s>", graph);
      ok = FALSE;
    }
  add_graph (l, graph);
  for (; ok && !librdf_stream_end (stream); librdf_stream_next (stream))
    {
      raptor_statement *st = (raptor_statement *) librdf_stream_get_object (stream);
      gboolean is_blank = (st->subject && st->subject->type == RAPTOR_TERM_TYPE_BLANK)
                          || (st->object && st->object->type == RAPTOR_TERM_TYPE_BLANK);
      g_string_truncate (l->line, 0);
      raptor_statement_ntriples_write (st, out, 0);
      /* "S P O .\n" → "S P O <G> .\n" */
      if (l->line->len >= 3 && g_str_has_suffix (l->line->str, " .\n"))
        g_string_truncate (l->line, l->line->len - 3);
      if (is_blank)
        {
          g_string_append_len (blank, l->line->str, (gssize) l->line->len);
          g_string_append (blank, graph_term);
          n_blank++;
          continue;
        }
      g_string_append_len (chunk, l->line->str, (gssize) l->line->len);
      g_string_append (chunk, graph_term);
      if (++n >= room (l) || chunk->len >= (1 << 20))
        {
          ok = write_quads (l, chunk->str, chunk->len, n, FALSE, error);
          g_string_truncate (chunk, 0);
          n = 0;
        }
    }
  if (ok && n > 0)
    ok = write_quads (l, chunk->str, chunk->len, n, FALSE, error);
  if (ok && n_blank > 0)
    ok = write_quads (l, blank->str, blank->len, n_blank, TRUE, error);
  if (stream)
    librdf_free_stream (stream);
  if (out)
    raptor_free_iostream (out);
  return ok;
}

static gboolean
write_article (const char *key, const char *nquads, gsize len, gpointer data, GError **error)
{
  NgLoader *l = data;
  g_autofree char *graph = NULL;
  guint count;

  if (!ng_publish_scan_article (key, nquads, len, &graph, NULL, &count, error))
    return FALSE;
  if (graph == NULL)
    return TRUE;  /* an empty file names no graph */
  if (!iri_safe (graph))
    {
      g_set_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_INPUT,
                   "articles/%s.nq: the graph <%s> cannot be named in SQL", key, graph);
      return FALSE;
    }
  add_graph (l, graph);
  /* an article with blank nodes keeps them in a file of its own */
  return write_quads (l, nquads, len, count,
                      g_strstr_len (nquads, (gssize) len, "_:") != NULL, error);
}

/* Removes our files and the run directory (never anything else). */
static void
remove_run_dir (NgLoader *l)
{
  if (l->run_dir == NULL)
    return;
  if (l->out)
    fclose (l->out);
  l->out = NULL;
  for (guint i = 0; l->files && i < l->files->len; i++)
    {
      g_autofree char *p = g_build_filename (l->run_dir, g_ptr_array_index (l->files, i), NULL);
      g_unlink (p);
    }
  {
    g_autofree char *p = g_build_filename (l->run_dir, "graphs.lst", NULL);
    g_unlink (p);
  }
  if (g_rmdir (l->run_dir) != 0)
    log_line (l, "could not remove %s: %s", l->run_dir, g_strerror (errno));
}

static gboolean
write_graph_list (NgLoader *l, GError **error)
{
  g_autofree char *path = g_build_filename (l->run_dir, "graphs.lst", NULL);
  g_autoptr (GString) text = g_string_new (NULL);
  for (guint i = 0; i < l->graphs->len; i++)
    {
      g_string_append (text, g_ptr_array_index (l->graphs, i));
      g_string_append_c (text, '\n');
    }
  return g_file_set_contents (path, text->str, (gssize) text->len, error);
}

/* ------------------------------------------------------------ the load */

/* The SQL condition for our load_list entries. */
static char *
our_entries (NgLoader *l)
{
  return g_strdup_printf ("starts_with (ll_file, '%s/')", l->run_dir_server);
}

/* Sums the triples of the files the server reports done. */
static gboolean
poll_progress (gpointer data)
{
  NgLoader *l = data;
  NgIsql isql = isql_of (l);
  g_autofree char *cond = our_entries (l);
  g_autofree char *script = g_strdup_printf (
      "select concat ('NGDONE|', subseq (ll_file, length ('%s/'))) from DB.DBA.LOAD_LIST "
      "where %s and ll_state = 2;\n", l->run_dir_server, cond);
  g_autofree char *out = NULL;
  g_autoptr (GPtrArray) done = NULL;
  guint64 triples = 0;

  if (!ng_isql_run (&isql, script, "asking for the loader's progress", &out, NULL))
    return G_SOURCE_CONTINUE;  /* the final check reports real trouble */
  done = ng_isql_tagged_rows (out, "NGDONE");
  for (guint i = 0; i < done->len; i++)
    for (guint k = 0; k < l->files->len; k++)
      if (strcmp (g_ptr_array_index (done, i), g_ptr_array_index (l->files, k)) == 0)
        triples += g_array_index (l->file_counts, guint64, k);
  l->progress.triples_sent = MAX (l->progress.triples_sent, triples);
  report (l, "loading");
  return G_SOURCE_CONTINUE;
}

typedef struct {
  NgIsql isql;
  guint running;
  GError *error;
} LoadRun;

static void
loader_done (GObject *source, GAsyncResult *result, gpointer data)
{
  LoadRun *run = data;
  g_autofree char *out = NULL;
  g_autoptr (GError) local = NULL;

  if (!g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &out, NULL, &local)
      || !ng_isql_check (&run->isql, G_SUBPROCESS (source), out, "rdf_loader_run", &local))
    {
      if (run->error == NULL)
        run->error = g_steal_pointer (&local);
    }
  run->running--;
}

/* `threads` rdf_loader_run() sessions at once; each takes the next file
 * that nobody has taken.  Waits for all of them. */
static gboolean
run_loaders (NgLoader *l, GError **error)
{
  g_autoptr (GMainContext) ctx = g_main_context_new ();
  GPtrArray *procs = g_ptr_array_new_with_free_func (g_object_unref);
  LoadRun run = { isql_of (l), 0, NULL };
  GSource *poll = NULL;

  g_main_context_push_thread_default (ctx);
  for (guint i = 0; i < l->threads && run.error == NULL; i++)
    {
      GSubprocess *proc = ng_isql_spawn (&run.isql, "rdf_loader_run ();", &run.error);
      if (proc == NULL)
        break;
      g_ptr_array_add (procs, proc);
      run.running++;
      g_subprocess_communicate_utf8_async (proc, NULL, NULL, loader_done, &run);
    }
  if (l->progress_func)
    {
      poll = g_timeout_source_new (NG_LOADER_POLL_MS);
      g_source_set_callback (poll, poll_progress, l, NULL);
      g_source_attach (poll, ctx);
    }
  while (run.running > 0)
    g_main_context_iteration (ctx, TRUE);
  if (poll)
    {
      g_source_destroy (poll);
      g_source_unref (poll);
    }
  g_main_context_pop_thread_default (ctx);
  g_ptr_array_unref (procs);
  if (run.error)
    {
      g_propagate_error (error, run.error);
      return FALSE;
    }
  return TRUE;
}

/* Every file of ours must be loaded (state 2) without an error; then the
 * entries go and a checkpoint makes the load durable. */
static gboolean
check_and_forget (NgLoader *l, gboolean check, GError **error)
{
  NgIsql isql = isql_of (l);
  g_autofree char *cond = our_entries (l);
  g_autofree char *script = g_strdup_printf (
      "select concat ('NGROW|', cast (ll_state as varchar), '|', subseq (ll_file, length ('%s/')), "
      "'|', coalesce (replace (cast (ll_error as varchar), chr (10), ' '), '')) "
      "from DB.DBA.LOAD_LIST where %s;\n"
      "delete from DB.DBA.LOAD_LIST where %s;\n"
      "checkpoint;\n", l->run_dir_server, cond, cond);
  g_autofree char *out = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GString) failed = g_string_new (NULL);
  guint done = 0, bad = 0;

  if (!ng_isql_run (&isql, script, "checking the loader's results", &out, error))
    return FALSE;
  if (!check)
    return TRUE;
  rows = ng_isql_tagged_rows (out, "NGROW");
  for (guint i = 0; i < rows->len; i++)
    {
      g_auto (GStrv) f = g_strsplit (g_ptr_array_index (rows, i), "|", 3);
      if (g_strv_length (f) < 3)
        continue;
      if (strcmp (f[0], "2") == 0 && f[2][0] == '\0')
        {
          done++;
          continue;
        }
      if (bad++ < 3)
        g_string_append_printf (failed, "%s%s/%s: %s", failed->len ? "; " : "",
                                l->run_dir, f[1], f[2][0] ? f[2] : "not finished");
    }
  if (bad > 0 || done != l->files->len)
    {
      g_set_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_LOADER,
                   "Virtuoso's bulk loader loaded %u of %u files%s%s%s; the graphs "
                   "in the others are incomplete: publish again", done,
                   l->files->len, failed->len ? " (" : "", failed->str,
                   failed->len ? (bad > 3 ? " …)" : ")") : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
load (NgLoader *l, gboolean *registered, GError **error)
{
  NgIsql isql = isql_of (l);
  g_autofree char *graphs_file = g_build_filename (l->run_dir, "graphs.lst", NULL);
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autoptr (GPtrArray) seen = NULL;
  guint64 seen_files = 0;
  gint64 t0;
  gboolean ok;

  /* 1. the server can read our directory and sees our files: nothing has
     been deleted yet if not */
  script = g_strdup_printf ("select concat ('NGSEEN|', cast (length (file_dirlist ('%s', 1)) as varchar));\n",
                            l->run_dir_server);
  if (!ng_isql_run (&isql, script, l->run_dir_server, &out, error))
    return FALSE;
  seen = ng_isql_tagged_rows (out, "NGSEEN");
  if (seen->len == 1)
    seen_files = g_ascii_strtoull (g_ptr_array_index (seen, 0), NULL, 10);
  if (seen_files != l->files->len + 1)
    {
      g_set_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_LOADER,
                   "the server sees %" G_GUINT64_FORMAT " files in %s, not our %u: "
                   "it must see the loader directory where we do (the same machine or "
                   "a shared directory; --loader-server-dir names it as the server does)",
                   seen_files, l->run_dir_server, l->files->len + 1);
      return FALSE;
    }

  /* 2. the graphs' old quads go (no transaction log: the checkpoint at the
     end makes it durable, like the loader's own work), the files are
     registered */
  report (l, "clearing");
  *registered = TRUE;
  t0 = g_get_monotonic_time ();
  g_free (script);
  g_free (out);
  out = NULL;
  script = g_strdup_printf (
      "log_enable (2, 1);\n"
      "FOREACH LINE IN '%s' DELETE FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id (?, 0);\n",
      graphs_file);
  if (l->files->len > 0)
    {
      /* the third argument names the graph of triples files; ours are quads */
      char *with_ld = g_strdup_printf ("%sld_dir ('%s', '*.nq', '%s');\n", script,
                                       l->run_dir_server,
                                       (char *) g_ptr_array_index (l->graphs, 0));
      g_free (script);
      script = with_ld;
    }
  ok = ng_isql_run (&isql, script, "deleting the graphs' old triples", NULL, error);
  log_line (l, "deleted the old triples of %u graphs in %.2f s", l->graphs->len,
            (g_get_monotonic_time () - t0) / 1e6);
  if (!ok)
    return FALSE;

  /* 3. the load; an empty merged graph is only cleared */
  if (l->files->len == 0)
    return TRUE;
  report (l, "loading");
  t0 = g_get_monotonic_time ();
  ok = run_loaders (l, error);
  log_line (l, "rdf_loader_run × %u: %.2f s", l->threads, (g_get_monotonic_time () - t0) / 1e6);
  return ok;
}

gboolean
ng_loader_load_store (NgLoader *l, NgStore *store, const char *merged_graph,
                      gboolean merged_only, GError **error)
{
  g_autofree char *merged = g_strdup (merged_graph ? merged_graph
                                      : NG_PUBLISH_DEFAULT_GRAPH_BASE "merged");
  g_autofree char *template = NULL;
  g_autoptr (GError) cleanup_error = NULL;
  gboolean ok = TRUE, registered = FALSE;
  gint64 t0;

  if (!iri_safe (merged))
    {
      g_set_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_INPUT,
                   "<%s>: not an IRI that can be written in N-Quads and SQL", merged);
      return FALSE;
    }
  clear_run (l);
  memset (&l->progress, 0, sizeof l->progress);
  template = g_build_filename (l->dir, "nieuwsgraaf-XXXXXX", NULL);
  /* readable by the server, whatever user it runs as */
  l->run_dir = g_mkdtemp_full (g_steal_pointer (&template), 0755);
  if (l->run_dir == NULL)
    {
      g_set_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_IO,
                   "cannot make a directory in %s: %s", l->dir, g_strerror (errno));
      return FALSE;
    }
  l->run_dir_server = l->server_dir
                      ? g_build_filename (l->server_dir, strrchr (l->run_dir, '/') + 1, NULL)
                      : g_strdup (l->run_dir);
  l->files = g_ptr_array_new_with_free_func (g_free);
  l->file_counts = g_array_new (FALSE, FALSE, sizeof (guint64));
  l->graphs = g_ptr_array_new_with_free_func (g_free);
  l->graph_set = g_hash_table_new (g_str_hash, g_str_equal);
  l->line = g_string_sized_new (1024);

  t0 = g_get_monotonic_time ();
  report (l, "writing");
  ok = write_model (l, ng_store_get_world (store), ng_store_get_merged (store), merged, error)
       && (merged_only || ng_store_foreach_article (store, write_article, l, error))
       && close_file (l, error)
       && write_graph_list (l, error);
  log_line (l, "wrote %" G_GUINT64_FORMAT " triples of %u graphs into %u files in %s: %.2f s",
            l->progress.triples_total, l->progress.graphs_total, l->files->len, l->run_dir,
            (g_get_monotonic_time () - t0) / 1e6);
  if (ok)
    ok = load (l, &registered, error);
  /* the entries go whatever happened; a failure here only matters when
     all else went well */
  if (registered)
    {
      gboolean checked = check_and_forget (l, ok, ok ? error : &cleanup_error);
      if (!checked && !ok)
        log_line (l, "%s", cleanup_error->message);
      ok = ok && checked;
    }
  if (ok)
    {
      l->progress.triples_sent = l->progress.triples_total;
      l->progress.graphs_done = l->progress.graphs_total;
      report (l, "loaded");
    }
  remove_run_dir (l);
  return ok;
}
