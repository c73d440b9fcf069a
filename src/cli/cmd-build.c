/* cmd-build.c — nieuwsgraaf build [--store DIR] PATH… */
#define _GNU_SOURCE 1   /* preadv2, RWF_NOWAIT */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "cli.h"
#include "nieuwsgraaf/extract.h"
#include "nieuwsgraaf/gazetteer.h"
#include "nieuwsgraaf/reader.h"

typedef struct {
  GPtrArray *files;     /* paths to read, in order */
  GHashTable *seen_dirs;/* "dev:ino" of directories walked (symlink loops) */
  guint failed;
} Walk;

/* A directory entry: its name and its type as the directory gives it. */
typedef struct {
  char *name;
  unsigned char type;   /* DT_REG, DT_DIR, … or DT_UNKNOWN */
} Entry;

static int
entry_cmp (gconstpointer a, gconstpointer b)
{
  return strcmp (((const Entry *) a)->name, ((const Entry *) b)->name);
}

static void
entry_clear (gpointer p)
{
  g_free (((Entry *) p)->name);
}

/* Every regular file under DIR, sorted, hidden files skipped.  The type
 * the directory lists for an entry decides without a stat (which reads the
 * file's inode: on a disk, one read each, before any article is
 * extracted); links and file systems that list no types are stat'ed. */
static void
walk_dir (Walk *w, const char *dir)
{
  g_autoptr (GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  struct stat st;
  DIR *d;
  struct dirent *de;
  g_autofree char *key = NULL;

  g_array_set_clear_func (entries, entry_clear);
  if (stat (dir, &st) != 0)
    {
      int e = errno;   /* (the command line's directories were stat'ed) */
      ng_cli_error ("%s: %s", dir, g_strerror (e));
      w->failed++;
      return;
    }
  key = g_strdup_printf ("%lu:%lu", (unsigned long) st.st_dev, (unsigned long) st.st_ino);
  if (g_hash_table_contains (w->seen_dirs, key))
    {
      ng_cli_error ("%s: directory already visited (symbolic link loop?); skipped", dir);
      w->failed++;
      return;
    }
  g_hash_table_add (w->seen_dirs, g_steal_pointer (&key));
  d = opendir (dir);
  if (d == NULL)
    {
      int e = errno;
      ng_cli_error ("%s: cannot open the directory: %s", dir, g_strerror (e));
      w->failed++;
      return;
    }
  while ((de = readdir (d)))
    if (de->d_name[0] != '.')
      {
        Entry e = { g_strdup (de->d_name), de->d_type };
        g_array_append_val (entries, e);
      }
  closedir (d);
  g_array_sort (entries, entry_cmp);
  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *e = &g_array_index (entries, Entry, i);
      g_autofree char *path = g_build_filename (dir, e->name, NULL);
      unsigned char type = e->type;
      if (type != DT_REG && type != DT_DIR)
        {
          if (stat (path, &st) != 0)
            {
              int err = errno;
              ng_cli_error ("%s: %s", path, g_strerror (err));
              w->failed++;
              continue;
            }
          type = S_ISDIR (st.st_mode) ? DT_DIR : S_ISREG (st.st_mode) ? DT_REG : DT_UNKNOWN;
        }
      if (type == DT_DIR)
        walk_dir (w, path);
      else if (type == DT_REG)
        g_ptr_array_add (w->files, g_steal_pointer (&path));
    }
}

static char *opt_store, *opt_store_type, *opt_store_options;
static int opt_jobs;
static gboolean opt_rescan;

static GOptionEntry entries[] = {
  { "store", 's', 0, G_OPTION_ARG_FILENAME, &opt_store,
    "Store directory (default " NG_DEFAULT_STORE ")", "DIR" },
  { "jobs", 'j', 0, G_OPTION_ARG_INT, &opt_jobs,
    "Use N threads (default: the number of processors): N extract; with "
    "N > 1 a merge from scratch also writes on several; the result is the "
    "same for any N", "N" },
  { "store-type", 0, 0, G_OPTION_ARG_STRING, &opt_store_type,
    "Redland storage of the merged graph for a new store: hashes (Berkeley DB, "
    "default), sqlite, or a server-backed one (postgresql, mysql, virtuoso)", "TYPE" },
  { "store-options", 0, 0, G_OPTION_ARG_STRING, &opt_store_options,
    "Redland storage options, e.g. \"host='db',database='ng',user='u',password='p'\"", "OPTS" },
  { "rescan", 0, 0, G_OPTION_ARG_NONE, &opt_rescan,
    "Look at every article file of the store, not only those this build writes "
    "(a file changed in place behind the store's back; files added, removed or "
    "renamed are noticed anyway); PATH may then be left out", NULL },
  G_OPTION_ENTRY_NULL
};

/* One input's outcome, filled in by a worker thread. */
typedef struct {
  const char *path;
  gboolean done;
  char *error;          /* message, or NULL */
  guint stored;         /* article graphs stored */
  char *detail;         /* --verbose line */
} Job;

typedef struct {
  const NgGazetteer *gaz;
  NgStore *store;
  Job *jobs;
  guint n_jobs;
  gint next;            /* next job to take (atomic) */
  GMutex lock;
  GCond cond;           /* signalled when the last job is done */
  guint n_done;
  GMutex ahead_lock;
  GCond ahead_cond;     /* signalled when the read-ahead is to stop */
  gboolean stop;        /* the read-ahead stops (under ahead_lock) */
} Work;

/* How often the main thread looks at what the workers have done (it
 * reports in input order, and redraws the progress line).  The workers do
 * not wake it for each input: with 1,000 articles extracted in a quarter
 * of a second, those wake-ups took about 10 ms from the workers. */
#define REPORT_INTERVAL (G_TIME_SPAN_MILLISECOND * 50)

static gboolean
is_nquads (const char *path)
{
  return g_str_has_suffix (path, ".nq") || g_str_has_suffix (path, ".nquads");
}

/* Runs on a worker thread: read, extract, store one input.  Extraction is a
 * pure function of the article and the reference data, and each article goes
 * to a file of its own, so inputs need no coordination. */
static void
run_job (Work *w, Job *job)
{
  g_autoptr (GError) err = NULL;

  if (is_nquads (job->path))
    {
      g_autofree char *text = NULL;
      gsize len = 0;
      int n = -1;
      if (g_file_get_contents (job->path, &text, &len, &err))
        n = ng_store_put_nquads (w->store, job->path, text, len, &err);
      if (n >= 0)
        job->stored = (guint) n;
    }
  else
    {
      g_autoptr (NgArticle) art = ng_article_new_from_file (job->path, &err);
      if (art)
        {
          g_autoptr (NgExtraction) ex = ng_extract (w->gaz, art);
          if (ng_store_put_article (w->store, art, ex, &err))
            {
              job->stored = 1;
              job->detail = g_strdup_printf (
                  "%s: %u sentences, %u mentions, %u meetings, %u sanction mentions",
                  job->path, ex->sentences->len, ex->mentions->len,
                  ex->meetings->len, ex->sanctions->len);
            }
        }
    }
  g_mutex_lock (&w->lock);
  if (err)
    job->error = g_strdup (err->message);
  job->done = TRUE;
  if (++w->n_done == w->n_jobs)
    g_cond_signal (&w->cond);
  g_mutex_unlock (&w->lock);
}

/* How far the read-ahead runs before the workers (inputs), and how many
 * inputs it may pass over at most after finding one in the page cache. */
#define READ_AHEAD 64
#define READ_AHEAD_SKIP 32

/* Whether the start of the file open as FD is in the page cache: 1 yes,
 * 0 no, -1 the file system (or the kernel) cannot say — tmpfs, for one,
 * whose files are all in memory anyway. */
static int
cached (int fd)
{
#ifdef RWF_NOWAIT
  char c;
  struct iovec v = { &c, 1 };
  if (preadv2 (fd, &v, 1, 0, RWF_NOWAIT) >= 0)
    return 1;
  return errno == EAGAIN ? 0 : -1;
#else
  (void) fd;
  return -1;
#endif
}

/* Waits until input *I is at most READ_AHEAD ahead of the workers (the
 * longer between looks the more of the last inputs were cached), and moves
 * *I up to the first input they have not taken.  FALSE: stop. */
static gboolean
ahead_wait (Work *w, guint *i, guint skip)
{
  gint64 wait = (skip == 0 ? 2 : skip < READ_AHEAD_SKIP ? 10 : 50) * G_TIME_SPAN_MILLISECOND;
  gboolean stop;
  g_mutex_lock (&w->ahead_lock);
  while (!w->stop && (gint) *i > g_atomic_int_get (&w->next) + READ_AHEAD)
    g_cond_wait_until (&w->ahead_cond, &w->ahead_lock, g_get_monotonic_time () + wait);
  stop = w->stop;
  g_mutex_unlock (&w->ahead_lock);
  *i = MAX (*i, (guint) g_atomic_int_get (&w->next));
  return !stop && *i < w->n_jobs;
}

/* Asks the kernel to start reading the inputs the workers take next, up to
 * READ_AHEAD ahead of them, so that reading articles that are not in the
 * page cache overlaps with extracting others (from a disk that can read
 * several at once).  Inputs found in the page cache make it look at fewer
 * of the next ones (each time twice as few, up to READ_AHEAD_SKIP), so a
 * corpus read recently costs it little; where the file system cannot say
 * what is cached it stops at the first input. */
static gpointer
read_ahead (gpointer data)
{
  Work *w = data;
  guint skip = 0;
  struct stat st;
  for (guint i = 0; ahead_wait (w, &i, skip); i += skip + 1)
    {
      int fd, c;
      /* only regular files: opening a pipe would pair with its writer
         in the worker's stead */
      if (strcmp (w->jobs[i].path, "-") == 0 || stat (w->jobs[i].path, &st) != 0
          || !S_ISREG (st.st_mode))
        continue;
      fd = open (w->jobs[i].path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
      if (fd < 0)
        continue;   /* its worker says why */
      c = cached (fd);
      if (c == 0)
        {
          skip = 0;
          posix_fadvise (fd, 0, 0, POSIX_FADV_WILLNEED);
        }
      else if (c > 0)
        skip = MIN (skip * 2 + 1, READ_AHEAD_SKIP);
      close (fd);
      if (c < 0)
        break;   /* cannot tell what is cached: not worth a guess per input */
    }
  return NULL;
}

/* A worker thread: takes jobs until none is left.  Workers are joined before
 * the command returns, so per-thread library state (libxml2's, through
 * Raptor) is released. */
static gpointer
worker (gpointer data)
{
  Work *w = data;
  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&w->next, 1);
      if (i >= w->n_jobs)
        return NULL;
      run_job (w, &w->jobs[i]);
    }
}

/* The gazetteer loaded on a thread of its own while the inputs are listed. */
typedef struct {
  NgGazetteer *gaz;
  GError *error;
} Load;

static gpointer
load_gazetteer (gpointer data)
{
  Load *l = data;
  l->gaz = ng_gazetteer_load (ng_gazetteer_default_dir (), &l->error);
  return NULL;
}

static gpointer
free_gazetteer (gpointer data)
{
  ng_gazetteer_free (data);
  return NULL;
}

int
ng_cmd_build (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new ("PATH… — add articles to the graph");
  opt_rescan = FALSE;
  g_autoptr (GError) error = NULL;
  g_autoptr (NgGazetteer) gaz = NULL;
  Load load = { NULL, NULL };
  GThread *load_thread, *freer;
  g_autoptr (NgStore) store = NULL;
  Walk w = { 0 };
  guint ok = 0;
  gboolean progress;
  int status;

  g_option_context_set_summary (ctx,
    "Reads Dutch news articles (files, directories read recursively, or - for\n"
    "standard input), extracts persons, places, meetings and sanctions, stores\n"
    "each article's graph and updates the merged graph.  Building again with\n"
    "more articles adds to the same graph, parsing and writing only what\n"
    "changed; the same article again changes nothing; a changed file replaces\n"
    "its earlier version.");
  g_option_context_set_description (ctx,
    "An article is UTF-8 text; an optional first line \" date YYYY-MM\" or\n"
    "\" date YYYY-MM-DD\" gives its date.  Articles that cannot be read are\n"
    "reported (file and byte offset) and skipped; the others are stored.\n\n"
    "Exit status: 0 all articles stored, 1 some failed, 2 usage error.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  ng_cli_add_common (ctx);
  if (!ng_cli_parse (ctx, &argc, &argv))
    return NG_EXIT_USAGE;
  if (argc < 2 && !opt_rescan)
    {
      ng_cli_error ("no articles given\nTry “%s --help”.", g_get_prgname ());
      return NG_EXIT_USAGE;
    }

  load_thread = g_thread_new ("ng-gazetteer", load_gazetteer, &load);
  w.files = g_ptr_array_new_with_free_func (g_free);
  w.seen_dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (int i = 1; i < argc; i++)
    {
      struct stat st;
      if (strcmp (argv[i], "-") == 0)
        g_ptr_array_add (w.files, g_strdup ("-"));
      else if (stat (argv[i], &st) == 0 && S_ISDIR (st.st_mode))
        walk_dir (&w, argv[i]);
      else
        g_ptr_array_add (w.files, g_strdup (argv[i]));  /* errors when read */
    }
  g_thread_join (load_thread);
  gaz = g_steal_pointer (&load.gaz);
  if (gaz == NULL)
    {
      ng_cli_error ("%s", load.error->message);
      g_error_free (load.error);
      g_ptr_array_unref (w.files);
      g_hash_table_unref (w.seen_dirs);
      return NG_EXIT_PARTIAL;
    }

  {
    g_autoptr (GError) err = NULL;
    store = ng_store_open_with_backend (opt_store ? opt_store : NG_DEFAULT_STORE,
                                        NG_STORE_WRITE, opt_store_type,
                                        opt_store_options, &err);
    if (store == NULL)
      ng_cli_error ("%s", err->message);
  }
  if (store == NULL)
    {
      g_ptr_array_unref (w.files);
      g_hash_table_unref (w.seen_dirs);
      return NG_EXIT_PARTIAL;
    }
  if (opt_rescan)
    ng_store_rescan (store);

  progress = ng_cli_verbosity >= 1 && isatty (STDERR_FILENO) && w.files->len > 1;
  {
    Work work = { gaz, store, g_new0 (Job, MAX (w.files->len, 1)), w.files->len, 0,
                  { 0 }, { 0 } };
    guint jobs = opt_jobs > 0 ? (guint) opt_jobs : g_get_num_processors ();
    g_autoptr (GPtrArray) threads = g_ptr_array_new ();
    GThread *ahead;

    g_mutex_init (&work.lock);
    g_cond_init (&work.cond);
    g_mutex_init (&work.ahead_lock);
    g_cond_init (&work.ahead_cond);
    for (guint i = 0; i < w.files->len; i++)
      work.jobs[i].path = w.files->pdata[i];
    for (guint i = 0; i < MIN (MAX (jobs, 1), MAX (w.files->len, 1)); i++)
      g_ptr_array_add (threads, g_thread_new ("extract", worker, &work));
    ahead = w.files->len > 1 ? g_thread_new ("ng-read-ahead", read_ahead, &work) : NULL;
    /* report in input order, whatever order the workers finish in */
    for (guint i = 0; i < w.files->len; i++)
      {
        Job *job = &work.jobs[i];
        g_mutex_lock (&work.lock);
        while (!job->done)
          {
            if (progress)
              fprintf (stderr, "\r\033[K[%u/%u] %s", i, w.files->len, job->path);
            g_cond_wait_until (&work.cond, &work.lock,
                               g_get_monotonic_time () + REPORT_INTERVAL);
          }
        g_mutex_unlock (&work.lock);
        if (job->error)
          {
            if (progress)
              fputs ("\r\033[K", stderr);
            ng_cli_error ("%s", job->error);
            w.failed++;
          }
        else if (job->detail)
          ng_cli_debug ("%s", job->detail);
        ok += job->stored;
        g_free (job->error);
        g_free (job->detail);
      }
    for (guint i = 0; i < threads->len; i++)
      g_thread_join (threads->pdata[i]);
    g_mutex_lock (&work.ahead_lock);
    work.stop = TRUE;
    g_cond_signal (&work.ahead_cond);
    g_mutex_unlock (&work.ahead_lock);
    if (ahead)
      g_thread_join (ahead);
    g_mutex_clear (&work.lock);
    g_cond_clear (&work.cond);
    g_mutex_clear (&work.ahead_lock);
    g_cond_clear (&work.ahead_cond);
    g_free (work.jobs);
  }
  /* the extraction is over: the gazetteer is freed beside the merge */
  freer = g_thread_new ("ng-free", free_gazetteer, g_steal_pointer (&gaz));
  if (progress)
    fputs ("\r\033[K", stderr);
  {
    /* article files that could not be put in place are told (those
       articles stay as they were); the merge goes on with the others */
    g_autoptr (GError) err = NULL;
    guint not_stored = 0;
    if (!ng_store_flush (store, &not_stored, &err))
      {
        ng_cli_error ("%s", err->message);
        ok -= MIN (ok, not_stored);
        w.failed += not_stored;
      }
  }

  ng_store_set_threads (store, opt_jobs > 0 ? (guint) opt_jobs : 0);
  if (!ng_store_merge (store, &error))
    {
      ng_cli_error ("%s", error->message);
      status = NG_EXIT_PARTIAL;
    }
  else
    {
      ng_cli_info ("%u article%s stored, %u failed; %u articles in the store; "
                   "merged graph: %d triples",
                   ok, ok == 1 ? "" : "s", w.failed, ng_store_article_count (store),
                   ng_store_merged_size (store));
      status = w.failed ? NG_EXIT_PARTIAL : NG_EXIT_OK;
    }
  g_thread_join (freer);
  g_ptr_array_unref (w.files);
  g_hash_table_unref (w.seen_dirs);
  g_clear_pointer (&opt_store, g_free);
  g_clear_pointer (&opt_store_type, g_free);
  g_clear_pointer (&opt_store_options, g_free);
  return status;
}
