/* endpoint-workers.c — queries on worker threads, one read-only store
 * handle (and librdf world) per worker. */
#include "config.h"

#include <string.h>

#include "endpoint.h"

/* A worker's store handle and the generation of the served graph it was
 * opened at. */
typedef struct {
  NgStore *store;
  guint generation;
} Handle;

struct NgWorkers {
  GThreadPool *pool;
  GAsyncQueue *free_stores;   /* Handle*, borrowed by running queries */
  GPtrArray *stores;          /* owned Handle* */
  char *store_dir;
  volatile gint generation;   /* raised by ng_workers_reload */
  NgStore *shared;            /* the caller's store, without a directory */
  GMainContext *context;
  volatile gint stopping;
  guint n;
};

typedef struct {
  NgWorkers *w;
  char *query;
  char *format;
  GStrv default_graphs;
  GStrv named_graphs;
  guint timeout_ms;
  guint max_solutions;
  NgWorkDone done;
  gpointer user_data;
  NgQueryResult *result;
  GError *error;
} Job;

static GStrv
copy_strv (const char *const *v)
{
  return v ? g_strdupv ((char **) v) : NULL;
}

static void
job_free (Job *j)
{
  g_free (j->query);
  g_free (j->format);
  g_strfreev (j->default_graphs);
  g_strfreev (j->named_graphs);
  ng_query_result_free (j->result);
  g_clear_error (&j->error);
  g_free (j);
}

static gboolean
job_finish (gpointer data)
{
  Job *j = data;
  j->done (g_steal_pointer (&j->result), g_steal_pointer (&j->error), j->user_data);
  job_free (j);
  return G_SOURCE_REMOVE;
}

static void
run_job (Job *j, NgStore *store)
{
  NgQueryOptions o = {
    .deadline = j->timeout_ms ? g_get_monotonic_time () + (gint64) j->timeout_ms * 1000 : 0,
    .cancel = &j->w->stopping,
    .default_graphs = (const char *const *) j->default_graphs,
    .named_graphs = (const char *const *) j->named_graphs,
    .max_solutions = j->max_solutions,
  };
  j->result = ng_query_run_full (store, j->query, j->format, &o, &j->error);
}

static void
handle_free (Handle *h)
{
  ng_store_free (h->store);
  g_free (h);
}

/* Opens H's store again when the served graph changed since H was opened
 * (an update, a build): the old handle's generation is released with it,
 * so that a later build may take those files as its spare. */
static void
refresh (NgWorkers *w, Handle *h)
{
  guint generation = (guint) g_atomic_int_get (&w->generation);
  g_autoptr (GError) error = NULL;
  NgStore *s;
  if (h->generation == generation)
    return;
  s = ng_store_open (w->store_dir, NG_STORE_READ, &error);
  if (s)
    {
      ng_store_free (h->store);
      h->store = s;
      h->generation = generation;
    }
  else
    g_warning ("cannot open the store again, still serving the old graph: %s",
               error->message);
}

static void
worker (gpointer data, gpointer user_data)
{
  Job *j = data;
  NgWorkers *w = user_data;
  Handle *h = g_async_queue_pop (w->free_stores);
  refresh (w, h);
  run_job (j, h->store);
  refresh (w, h);   /* the graph changed while this query ran */
  g_async_queue_push (w->free_stores, h);
  g_main_context_invoke (w->context, job_finish, j);
}

NgWorkers *
ng_workers_new (NgStore *store, const char *store_dir, guint n, GError **error)
{
  NgWorkers *w = g_new0 (NgWorkers, 1);
  w->context = g_main_context_ref_thread_default ();
  w->free_stores = g_async_queue_new ();
  w->stores = g_ptr_array_new_with_free_func ((GDestroyNotify) handle_free);
  w->store_dir = g_strdup (store_dir);
  if (store_dir == NULL || n == 0)
    {
      w->shared = store;
      w->n = 1;
      return w;
    }
  for (guint i = 0; i < n; i++)
    {
      NgStore *s = ng_store_open (store_dir, NG_STORE_READ, error);
      if (s == NULL)
        {
          ng_workers_free (w);
          return NULL;
        }
      Handle *h = g_new0 (Handle, 1);
      h->store = s;
      g_ptr_array_add (w->stores, h);
      g_async_queue_push (w->free_stores, h);
    }
  w->n = n;
  w->pool = g_thread_pool_new (worker, w, (gint) n, FALSE, error);
  if (w->pool == NULL)
    {
      ng_workers_free (w);
      return NULL;
    }
  return w;
}

void
ng_workers_reload (NgWorkers *w)
{
  g_autoptr (GPtrArray) idle = g_ptr_array_new ();
  Handle *h;
  g_atomic_int_inc (&w->generation);
  /* the idle handles now; a busy one after its query */
  while ((h = g_async_queue_try_pop (w->free_stores)))
    g_ptr_array_add (idle, h);
  for (guint i = 0; i < idle->len; i++)
    {
      refresh (w, idle->pdata[i]);
      g_async_queue_push (w->free_stores, idle->pdata[i]);
    }
}

guint
ng_workers_count (NgWorkers *w)
{
  return w->n;
}

void
ng_workers_submit (NgWorkers *w, const char *query, const char *format,
                   const NgQueryOptions *options, guint timeout_ms,
                   NgWorkDone done, gpointer user_data)
{
  Job *j = g_new0 (Job, 1);
  j->w = w;
  j->query = g_strdup (query);
  j->format = g_strdup (format);
  j->default_graphs = copy_strv (options ? options->default_graphs : NULL);
  j->named_graphs = copy_strv (options ? options->named_graphs : NULL);
  j->timeout_ms = timeout_ms;
  j->max_solutions = options ? options->max_solutions : 0;
  j->done = done;
  j->user_data = user_data;
  if (w->pool == NULL)
    {
      /* the caller's store belongs to this thread: answer here */
      run_job (j, w->shared);
      g_main_context_invoke (w->context, job_finish, j);
      return;
    }
  g_thread_pool_push (w->pool, j, NULL);
}

void
ng_workers_free (NgWorkers *w)
{
  if (w == NULL)
    return;
  g_atomic_int_set (&w->stopping, 1);
  if (w->pool)
    g_thread_pool_free (w->pool, FALSE, TRUE);
  /* answers still queued for the main context are dropped with it */
  while (g_async_queue_try_pop (w->free_stores))
    ;
  g_async_queue_unref (w->free_stores);
  g_ptr_array_unref (w->stores);
  g_main_context_unref (w->context);
  g_free (w->store_dir);
  g_free (w);
}
