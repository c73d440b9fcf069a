/* server.c — the SPARQL 1.1 Protocol endpoint over libsoup 3.
 *
 * One SoupServer on the default GMainContext.  Requests are read and
 * checked on the main thread; a query is then paused and handed to a worker
 * thread with a store handle of its own (src/sparql/endpoint-workers.c), so
 * queries run in parallel and a slow one does not hold up the others; its
 * answer comes back to the main context, which responds and unpauses.
 * Everything else (the query page, /health, /data, the service
 * description) is answered on the main thread.  What must outlive a handler
 * (the access-log start time, the result bytes, a paused message) hangs on
 * the SoupServerMessage and goes with it.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <string.h>
#include <sys/socket.h>
#include <glib-unix.h>
#include <gio/gio.h>
#include <libsoup/soup.h>

#include "nieuwsgraaf/curation.h"
#include "nieuwsgraaf/server.h"
#include "nieuwsgraaf/query.h"
#include "nieuwsgraaf/vocab.h"
#include "nieuwsgraaf/web.h"
#include "sparql/endpoint.h"
#include "http-guard.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "0.1"
#endif

#define NG_SERVER_DEFAULT_BIND "127.0.0.1"
#define NG_SERVER_DEFAULT_MAX_QUERY ((gsize) 1024 * 1024)
#define NG_SERVER_DEFAULT_TIMEOUT_MS 30000

#define NG_SPARQL_PATH "/sparql"
#define NG_SPARQL_ALLOW "GET, POST, OPTIONS"
#define NG_CONTENT_FORM "application/x-www-form-urlencoded"
#define NG_CONTENT_QUERY "application/sparql-query"
#define NG_CONTENT_UPDATE "application/sparql-update"
#define NG_CONTENT_TEXT "text/plain; charset=utf-8"

/* Per-request bookkeeping for the access log, attached to the message. */
#define NG_REQUEST_START_KEY "ng-request-start"

struct NgServer {
  NgStore *store;          /* borrowed; used on the main thread only */
  SoupServer *soup;
  gsize max_query_bytes;
  guint timeout_ms;
  guint max_solutions;
  gboolean quiet;
  NgWorkers *workers;
  GPtrArray *examples;     /* NgExample*, for the query page */
  /* Answers by request (query, format, dataset): emptied when the served
     graph changes (an update through this server, or a build that another
     process switched CURRENT to).  Bounded; emptied when full. */
  GHashTable *cache;       /* char* key -> CachedAnswer* */
  gsize cache_bytes;
  /* SPARQL Update: accepted only with this bearer token (NULL: never) */
  char *update_token;
  char *store_dir;         /* NULL: an in-memory store, updated in place */
  NgStore *own_store;      /* opened again after an update; STORE then */
  gboolean updating;       /* one update at a time */
  guint generation;        /* raised by every update: older answers are stale */
  char *current_seen;      /* the store's CURRENT when last opened */
  guint watch_id;          /* checks CURRENT for builds by other processes */
  GMainLoop *loop;         /* only while ng_server_run() runs */
  NgHttpGuard *guard;      /* accepts the connections (src/http-guard.c) */
};

/* ------------------------------------------------------------ responses */

static void
respond_text (SoupServerMessage *msg, guint status, const char *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, NG_CONTENT_TEXT, SOUP_MEMORY_COPY,
                                    text, strlen (text));
}

/* Error bodies read "nieuwsgraaf: <message>\n" so that curl users and
 * scripts see the reason without parsing anything. */
static void respond_error (SoupServerMessage *msg, guint status,
                           const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static void
respond_error (SoupServerMessage *msg, guint status, const char *fmt, ...)
{
  va_list args;
  va_start (args, fmt);
  g_autofree char *message = g_strdup_vprintf (fmt, args);
  va_end (args);

  g_autofree char *body = g_strdup_printf ("nieuwsgraaf: %s\n", message);
  respond_text (msg, status, body);
}

static void
respond_method_not_allowed (SoupServerMessage *msg, const char *allow)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Allow", allow);
  respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED,
                 "method %s not allowed here (allowed: %s)",
                 soup_server_message_get_method (msg), allow);
}

#define NG_CACHE_MAX_ENTRIES 512
#define NG_CACHE_MAX_BYTES ((gsize) 64 * 1024 * 1024)

typedef struct {
  GBytes *body;
  const char *content_type;   /* static */
} CachedAnswer;

static void
cached_answer_free (CachedAnswer *a)
{
  g_bytes_unref (a->body);
  g_free (a);
}

static void
respond_bytes (SoupServerMessage *msg, const char *content_type, GBytes *bytes)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  soup_message_headers_replace (headers, "Content-Type", content_type);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bytes);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}


/* ------------------------------------------------------------ /sparql */

static void
respond_too_large (NgServer *self, SoupServerMessage *msg)
{
  respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                 "query larger than this server's limit of %" G_GSIZE_FORMAT
                 " bytes", self->max_query_bytes);
}

/* The query text of a request, or NULL after responding with an error.
 * *FORM_OUT receives the decoded form parameters (URL query or POSTed
 * form) so that the caller can read `format`. */
static char *
sparql_request_query (NgServer *self, SoupServerMessage *msg,
                      GHashTable *url_params, GHashTable **form_out)
{
  const char *method = soup_server_message_get_method (msg);
  g_autoptr (GHashTable) form = NULL;
  const char *query = NULL;
  gsize query_len = 0;
  g_autofree char *owned = NULL;

  if (method == SOUP_METHOD_GET) {
    if (url_params)
      form = g_hash_table_ref (url_params);
  } else {
    SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
    g_autofree char *content_type = NULL;
    const char *ct = soup_message_headers_get_content_type (headers, NULL);
    SoupMessageBody *body = soup_server_message_get_request_body (msg);

    if (ct)
      content_type = g_ascii_strdown (ct, -1);

    /* A chunked body has no Content-Length for the early check. */
    if ((gsize) body->length > self->max_query_bytes) {
      respond_too_large (self, msg);
      return NULL;
    }

    /* An empty body may come without any buffer at all. */
    const char *data = body->data ? body->data : "";

    if (content_type && strcmp (content_type, NG_CONTENT_FORM) == 0) {
      g_autofree char *text = g_strndup (data, body->length);
      form = soup_form_decode (text);
    } else if (content_type && strcmp (content_type, NG_CONTENT_QUERY) == 0) {
      query = data;
      query_len = body->length;
      if (url_params)
        form = g_hash_table_ref (url_params);
    } else {
      respond_error (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE,
                     "POST needs Content-Type %s or %s (got %s)",
                     NG_CONTENT_QUERY, NG_CONTENT_FORM,
                     ct ? ct : "none");
      return NULL;
    }
  }

  if (form && !query) {
    query = g_hash_table_lookup (form, "query");
    if (query)
      query_len = strlen (query);
  }

  if (!query) {
    respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                   "missing 'query' parameter (send ?query=... or POST %s)",
                   NG_CONTENT_QUERY);
    return NULL;
  }

  if (query_len > self->max_query_bytes) {
    respond_too_large (self, msg);
    return NULL;
  }

  /* Also rejects embedded NUL bytes, which would silently cut the query. */
  if (!g_utf8_validate (query, (gssize) query_len, NULL)) {
    respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                   "the query is not valid UTF-8");
    return NULL;
  }

  owned = g_strndup (query, query_len);
  *form_out = g_steal_pointer (&form);
  return g_steal_pointer (&owned);
}

/* Every value of parameter NAME in the www-form-encoded ENCODED (which
 * GLib's and libsoup's tables would keep only one of). */
static void
param_values (const char *encoded, const char *name, GPtrArray *out)
{
  GUriParamsIter iter;
  char *key, *value;
  if (encoded == NULL)
    return;
  g_uri_params_iter_init (&iter, encoded, -1, "&", G_URI_PARAMS_WWW_FORM);
  while (g_uri_params_iter_next (&iter, &key, &value, NULL))
    {
      if (strcmp (key, name) == 0)
        g_ptr_array_add (out, g_steal_pointer (&value));
      g_free (key);
      g_free (value);
    }
}

/* default-graph-uri and named-graph-uri from the URL and a posted form;
 * NULL-terminated arrays, NULL when absent. */
static void
dataset_params (SoupServerMessage *msg, GStrv *defaults, GStrv *named)
{
  const char *url_query = g_uri_get_query (soup_server_message_get_uri (msg));
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  const char *ct = soup_message_headers_get_content_type (h, NULL);
  g_autofree char *form = NULL;
  GPtrArray *d = g_ptr_array_new (), *n = g_ptr_array_new ();

  if (ct && g_ascii_strcasecmp (ct, NG_CONTENT_FORM) == 0)
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      form = g_strndup (body->data ? body->data : "", body->length);
    }
  param_values (url_query, "default-graph-uri", d);
  param_values (form, "default-graph-uri", d);
  param_values (url_query, "named-graph-uri", n);
  param_values (form, "named-graph-uri", n);
  g_ptr_array_add (d, NULL);
  g_ptr_array_add (n, NULL);
  *defaults = d->len > 1 ? (GStrv) g_ptr_array_free (d, FALSE) : (g_strfreev ((GStrv) g_ptr_array_free (d, FALSE)), NULL);
  *named = n->len > 1 ? (GStrv) g_ptr_array_free (n, FALSE) : (g_strfreev ((GStrv) g_ptr_array_free (n, FALSE)), NULL);
}

/* Whether the query gives bindings or a graph is only known once it runs,
 * so a results format is looked for first, then a graph format (which
 * ng_query_run answers in JSON should the query give bindings after all). */
static const char *
format_for (const char *accept)
{
  const char *format = ng_query_format_for_accept (accept, FALSE);
  return format ? format : ng_query_format_for_accept (accept, TRUE);
}

/* The result format named by `format`, else by the Accept header, else
 * JSON; NULL when the Accept header allows nothing we produce. */
static const char *
sparql_result_format (SoupServerMessage *msg, GHashTable *form)
{
  const char *param = form ? g_hash_table_lookup (form, "format") : NULL;

  if (param && *param) {
    const char *format = format_for (param);
    /* An unknown name goes on to ng_query_run, which explains it (400). */
    return format ? format : param;
  }

  const char *accept =
    soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                  "Accept");
  if (!accept || !*accept)
    return "json";
  return format_for (accept);
}

static void
sparql_options (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  soup_message_headers_replace (headers, "Allow", NG_SPARQL_ALLOW);
  soup_message_headers_replace (headers, "Access-Control-Allow-Methods",
                                NG_SPARQL_ALLOW);
  soup_message_headers_replace (headers, "Access-Control-Allow-Headers",
                                "Accept, Content-Type, Authorization");
  soup_message_headers_replace (headers, "Access-Control-Max-Age", "86400");
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}

typedef struct {
  NgServer *server;
  SoupServerMessage *msg;
  char *key;
  guint generation;   /* of the store when the query came in */
} Pending;

/* The answer of a worker: the response (kept in the cache), and the
 * message resumes. */
static void
query_done (NgQueryResult *result, GError *error, gpointer user_data)
{
  Pending *p = user_data;
  SoupServerMessage *msg = p->msg;
  NgServer *self = p->server;
  if (result)
    {
      CachedAnswer *a = g_new0 (CachedAnswer, 1);
      a->content_type = result->content_type;
      a->body = g_bytes_new_with_free_func (result->body, result->length,
                                            (GDestroyNotify) ng_query_result_free, result);
      gsize length = result->length;   /* RESULT goes with A */
      respond_bytes (msg, a->content_type, a->body);
      if (p->generation != self->generation || length > NG_CACHE_MAX_BYTES / 8)
        cached_answer_free (a);   /* a new graph came in meanwhile, or too big */
      else
        {
          if (g_hash_table_size (self->cache) >= NG_CACHE_MAX_ENTRIES
              || self->cache_bytes + length > NG_CACHE_MAX_BYTES)
            {
              g_hash_table_remove_all (self->cache);
              self->cache_bytes = 0;
            }
          self->cache_bytes += length;
          g_hash_table_replace (self->cache, g_steal_pointer (&p->key), a);
        }
    }
  else if (g_error_matches (error, NG_QUERY_ERROR, NG_QUERY_ERROR_TIMEOUT)
           || g_error_matches (error, NG_QUERY_ERROR, NG_QUERY_ERROR_LIMIT))
    respond_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "%s", error->message);
  else if (error && error->domain == NG_QUERY_ERROR && error->code != NG_QUERY_ERROR_EXECUTION)
    respond_error (msg, SOUP_STATUS_BAD_REQUEST, "%s", error->message);
  else
    respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "%s",
                   error ? error->message : "query failed");
  g_clear_error (&error);
  soup_server_message_unpause (msg);
  g_object_unref (msg);
  g_free (p->key);
  g_free (p);
}

static void
service_description (NgServer *self, SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *endpoint = g_strdup_printf ("http://%s:%d" NG_SPARQL_PATH,
                                               g_uri_get_host (uri), g_uri_get_port (uri));
  char *sd = ng_endpoint_service_description (self->store, endpoint,
                                              self->update_token != NULL);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/turtle; charset=utf-8", SOUP_MEMORY_TAKE,
                                    sd, strlen (sd));
}

/* ------------------------------------------------------------ updates */

/* The text of a POSTed update (application/sparql-update, or a form with
 * `update`) and its length; NULL when the request is not an update. */
static char *
sparql_request_update (SoupServerMessage *msg, gsize *len)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *ct = soup_message_headers_get_content_type (headers, NULL);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *data = body->data ? body->data : "";

  if (soup_server_message_get_method (msg) != SOUP_METHOD_POST || ct == NULL)
    return NULL;
  if (g_ascii_strcasecmp (ct, NG_CONTENT_UPDATE) == 0) {
    *len = (gsize) body->length;
    return g_strndup (data, (gsize) body->length);
  }
  if (g_ascii_strcasecmp (ct, NG_CONTENT_FORM) == 0) {
    g_autofree char *text = g_strndup (data, (gsize) body->length);
    g_autoptr (GHashTable) form = soup_form_decode (text);
    const char *update = form ? g_hash_table_lookup (form, "update") : NULL;
    if (update) {
      *len = strlen (update);
      return g_strdup (update);
    }
  }
  return NULL;
}

/* Compares in a time that does not depend on where the strings differ. */
static gboolean
token_equal (const char *given, const char *token)
{
  gsize lg = strlen (given), lt = strlen (token);
  guchar diff = lg != lt;
  for (gsize i = 0; i < lt; i++)
    diff |= (guchar) (i < lg ? given[i] : 0) ^ (guchar) token[i];
  return diff == 0;
}

static void
respond_update_error (SoupServerMessage *msg, const GError *e)
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);
  if (g_error_matches (e, NG_CURATION_ERROR, NG_CURATION_ERROR_BUSY)) {
    soup_message_headers_replace (h, "Retry-After", "5");
    respond_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "%s", e->message);
  } else if (e->domain == NG_SPARQL_ERROR
             && (e->code == NG_SPARQL_ERROR_TIMEOUT || e->code == NG_SPARQL_ERROR_LIMIT))
    respond_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "%s", e->message);
  else if (e->domain == NG_SPARQL_ERROR)
    respond_error (msg, SOUP_STATUS_BAD_REQUEST, "%s", e->message);
  else
    respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "%s", e->message);
}

static char *
read_current (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "CURRENT", NULL);
  char *text = NULL;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  return text;
}

/* The served graph changed (an update, or a build by another process):
 * every later query sees the new one.  STORE (taken; NULL for an in-memory
 * store) is a new handle on the store. */
static void
served_graph_changed (NgServer *self, NgStore *store)
{
  self->generation++;
  g_hash_table_remove_all (self->cache);
  self->cache_bytes = 0;
  if (self->store_dir)
    ng_workers_reload (self->workers);
  if (store) {
    ng_store_free (self->own_store);
    self->own_store = store;
    self->store = store;
  }
  if (self->store_dir) {
    g_free (self->current_seen);
    self->current_seen = read_current (self->store_dir);
  }
}

/* A build by another process switched the store's CURRENT to a new merged
 * generation: served from then on, as after an update.  Checked every 2 s
 * on the main loop; a store that does not open yet is tried again. */
static gboolean
watch_current (gpointer data)
{
  NgServer *self = data;
  g_autofree char *now = NULL;
  g_autoptr (GError) error = NULL;
  NgStore *store;
  if (self->updating || self->store_dir == NULL)
    return G_SOURCE_CONTINUE;
  now = read_current (self->store_dir);
  if (now == NULL || g_strcmp0 (now, self->current_seen) == 0)
    return G_SOURCE_CONTINUE;
  store = ng_store_open (self->store_dir, NG_STORE_READ, &error);
  if (store == NULL)
    return G_SOURCE_CONTINUE;
  served_graph_changed (self, store);
  if (!self->quiet)
    g_printerr ("nieuwsgraaf: the store was built again; serving its new merged graph\n");
  return G_SOURCE_CONTINUE;
}

/* An update was applied: STORE (taken; NULL for an in-memory store) is a
 * new handle on the updated store, SIZE its number of statements. */
static void
update_applied (NgServer *self, SoupServerMessage *msg, NgStore *store, int size)
{
  served_graph_changed (self, store);
  g_autofree char *text = size >= 0
    ? g_strdup_printf ("nieuwsgraaf: update applied; the merged graph has %d triples\n", size)
    : g_strdup ("nieuwsgraaf: update applied\n");
  respond_text (msg, SOUP_STATUS_OK, text);
}

typedef struct {
  NgServer *server;
  SoupServerMessage *msg;
  char *dir;
  char *text;
  NgStore *store;   /* the store opened again after the update */
  int size;
} UpdateJob;

static void
update_job_free (UpdateJob *j)
{
  g_object_unref (j->msg);
  g_free (j->dir);
  g_free (j->text);
  ng_store_free (j->store);
  g_free (j);
}

static void
update_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  UpdateJob *j = data;
  GError *error = NULL;
  if (ng_curation_apply (j->dir, j->text, &error))
    {
      /* opened and counted here, not on the main thread */
      g_autoptr (GError) local = NULL;
      j->store = ng_store_open (j->dir, NG_STORE_READ, &local);
      if (j->store)
        j->size = ng_store_merged_size (j->store);
      else
        g_warning ("%s", local->message);
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, error);
}

static void
update_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  UpdateJob *j = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  j->server->updating = FALSE;
  if (g_task_propagate_boolean (G_TASK (result), &error))
    update_applied (j->server, j->msg, g_steal_pointer (&j->store), j->size);
  else
    respond_update_error (j->msg, error);
  soup_server_message_unpause (j->msg);
}

/* SPARQL Update: only with the bearer token; applied through the store's
 * curation log (ng_curation_apply: a new merged generation) on a thread of
 * its own, so that queries go on meanwhile. */
static void
sparql_update (NgServer *self, SoupServerMessage *msg, const char *text, gsize len)
{
  SoupMessageHeaders *rh = soup_server_message_get_response_headers (msg);
  const char *auth = soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Authorization");

  if (self->update_token == NULL) {
    respond_error (msg, SOUP_STATUS_FORBIDDEN,
                   "SPARQL Update is not accepted: this endpoint is read-only "
                   "(start it with --update-token-file to accept updates)");
    return;
  }
  if (auth == NULL || g_ascii_strncasecmp (auth, "Bearer ", 7) != 0) {
    soup_message_headers_replace (rh, "WWW-Authenticate",
                                  "Bearer realm=\"nieuwsgraaf SPARQL Update\"");
    respond_error (msg, SOUP_STATUS_UNAUTHORIZED,
                   "SPARQL Update needs the update token: send "
                   "“Authorization: Bearer TOKEN”");
    return;
  }
  auth += 7;
  while (*auth == ' ')
    auth++;
  if (!token_equal (auth, self->update_token)) {
    soup_message_headers_replace (rh, "WWW-Authenticate",
                                  "Bearer realm=\"nieuwsgraaf SPARQL Update\", "
                                  "error=\"invalid_token\"");
    respond_error (msg, SOUP_STATUS_FORBIDDEN, "the update token is not right");
    return;
  }
  if (len > self->max_query_bytes) {
    respond_too_large (self, msg);
    return;
  }
  if (!g_utf8_validate (text, (gssize) len, NULL)) {
    respond_error (msg, SOUP_STATUS_BAD_REQUEST, "the update is not valid UTF-8");
    return;
  }
  {
    /* the protocol's dataset of an update: refused, not ignored */
    g_autoptr (GPtrArray) using = g_ptr_array_new_with_free_func (g_free);
    const char *url_query = g_uri_get_query (soup_server_message_get_uri (msg));
    param_values (url_query, "using-graph-uri", using);
    param_values (url_query, "using-named-graph-uri", using);
    const char *ct = soup_message_headers_get_content_type (
      soup_server_message_get_request_headers (msg), NULL);
    if (ct && g_ascii_strcasecmp (ct, NG_CONTENT_FORM) == 0) {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autofree char *form = g_strndup (body->data ? body->data : "", body->length);
      param_values (form, "using-graph-uri", using);
      param_values (form, "using-named-graph-uri", using);
    }
    if (using->len > 0) {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                     "using-graph-uri and using-named-graph-uri are not supported; "
                     "write USING in the update");
      return;
    }
  }
  if (self->updating) {
    soup_message_headers_replace (rh, "Retry-After", "2");
    respond_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE,
                   "another update is being applied; try again");
    return;
  }
  if (self->store_dir == NULL) {
    g_autoptr (GError) error = NULL;
    if (ng_curation_apply_in_place (self->store, text, NULL, &error))
      update_applied (self, msg, NULL, ng_store_merged_size (self->store));
    else
      respond_update_error (msg, error);
    return;
  }

  UpdateJob *j = g_new0 (UpdateJob, 1);
  j->server = self;
  j->msg = g_object_ref (msg);
  j->dir = g_strdup (self->store_dir);
  j->text = g_strdup (text);
  j->size = -1;
  self->updating = TRUE;
  soup_server_message_pause (msg);
  GTask *task = g_task_new (NULL, NULL, update_done, NULL);
  g_task_set_task_data (task, j, (GDestroyNotify) update_job_free);
  g_task_run_in_thread (task, update_thread);
  g_object_unref (task);
}

static void
sparql_handler (SoupServer *soup, SoupServerMessage *msg, const char *path,
                GHashTable *url_params, gpointer user_data)
{
  NgServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);

  /* The handler also receives every path below /sparql/. */
  if (strcmp (path, NG_SPARQL_PATH) != 0) {
    respond_error (msg, SOUP_STATUS_NOT_FOUND, "no such resource: %s", path);
    return;
  }

  if (method == SOUP_METHOD_OPTIONS) {
    sparql_options (msg);
    return;
  }
  if (method != SOUP_METHOD_GET && method != SOUP_METHOD_POST) {
    respond_method_not_allowed (msg, NG_SPARQL_ALLOW);
    return;
  }
  if (method == SOUP_METHOD_GET && url_params && g_hash_table_contains (url_params, "update")) {
    /* updates are never GET requests */
    respond_method_not_allowed (msg, "POST");
    return;
  }
  if (method == SOUP_METHOD_GET && (url_params == NULL || g_hash_table_size (url_params) == 0)) {
    service_description (self, msg);
    return;
  }

  gsize update_len = 0;
  g_autofree char *update = sparql_request_update (msg, &update_len);
  if (update) {
    sparql_update (self, msg, update, update_len);
    return;
  }

  g_autoptr (GHashTable) form = NULL;
  g_autofree char *query = sparql_request_query (self, msg, url_params, &form);
  if (!query)
    return;

  const char *format = sparql_result_format (msg, form);
  if (!format) {
    respond_error (msg, SOUP_STATUS_NOT_ACCEPTABLE,
                   "no result format matches the Accept header (try "
                   "application/sparql-results+json, "
                   "application/sparql-results+xml, text/csv, "
                   "text/tab-separated-values or text/turtle)");
    return;
  }

  g_auto (GStrv) defaults = NULL;
  g_auto (GStrv) named = NULL;
  dataset_params (msg, &defaults, &named);
  NgQueryOptions options = {
    .default_graphs = (const char *const *) defaults,
    .named_graphs = (const char *const *) named,
    .max_solutions = self->max_solutions,
  };
  g_autofree char *joined_d = defaults ? g_strjoinv ("\x02", defaults) : g_strdup ("");
  g_autofree char *joined_n = named ? g_strjoinv ("\x02", named) : g_strdup ("");
  char *key = g_strdup_printf ("%s\x01%s\x01%s\x01%s", format, joined_d, joined_n, query);
  CachedAnswer *hit = g_hash_table_lookup (self->cache, key);
  if (hit) {
    respond_bytes (msg, hit->content_type, hit->body);
    g_free (key);
    return;
  }
  Pending *p = g_new0 (Pending, 1);
  p->server = self;
  p->msg = g_object_ref (msg);
  p->key = key;
  p->generation = self->generation;
  /* the worker's answer resumes the message (query_done) */
  soup_server_message_pause (msg);
  ng_workers_submit (self->workers, query, format, &options, self->timeout_ms,
                     query_done, p);
}

/* ------------------------------------------------------------ /health, /data */

static void
health_handler (SoupServer *soup, SoupServerMessage *msg, const char *path,
                GHashTable *url_params, gpointer user_data)
{
  NgServer *self = user_data;
  char *body = g_strdup_printf ("{ \"status\": \"ok\", \"triples\": %d, \"workers\": %u }\n",
                                ng_store_merged_size (self->store),
                                ng_workers_count (self->workers));
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body, strlen (body));
}

/* Graph Store Protocol, reads: GET /data?default, GET /data?graph=IRI. */
static void
data_handler (SoupServer *soup, SoupServerMessage *msg, const char *path,
              GHashTable *url_params, gpointer user_data)
{
  NgServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *iri = url_params ? g_hash_table_lookup (url_params, "graph") : NULL;
  const char *raw = g_uri_get_query (soup_server_message_get_uri (msg));
  g_auto (GStrv) parts = g_strsplit (raw ? raw : "", "&", -1);
  gboolean def = FALSE;

  /* "?default" has no value, which the parsed parameters leave out */
  for (char **p = parts; *p; p++)
    def = def || strcmp (*p, "default") == 0 || g_str_has_prefix (*p, "default=");
  const char *accept = soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Accept");
  const char *format;
  gsize len = 0;
  char *body;

  if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD) {
    respond_method_not_allowed (msg, "GET, HEAD");
    return;
  }
  if (def == (iri != NULL)) {
    respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                   "name one graph: /data?default or /data?graph=IRI");
    return;
  }
  format = ng_query_format_for_accept (accept, TRUE);
  if (format == NULL || (strcmp (format, "turtle") && strcmp (format, "ntriples")
                         && strcmp (format, "rdfxml"))) {
    respond_error (msg, SOUP_STATUS_NOT_ACCEPTABLE,
                   "graphs come as text/turtle, application/n-triples or application/rdf+xml");
    return;
  }
  body = ng_endpoint_graph (self->store, iri, format, &len);
  if (body == NULL) {
    respond_error (msg, SOUP_STATUS_NOT_FOUND, "no graph <%s> in this store", iri ? iri : "");
    return;
  }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg,
    strcmp (format, "turtle") == 0 ? "text/turtle; charset=utf-8"
    : strcmp (format, "ntriples") == 0 ? "application/n-triples" : "application/rdf+xml",
    SOUP_MEMORY_TAKE, body, len);
}

/* Turns the request into a 413 before its body is read in full: the rest of
 * the body is discarded as it arrives, and the handler never runs. */
static void
refuse_oversized (NgServer *self, SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_truncate (body);
  /* The unread part of the body must not be taken for the next request. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Connection", "close");
  respond_too_large (self, msg);
}

static void
sparql_got_chunk (SoupServerMessage *msg, GBytes *chunk, gpointer user_data)
{
  NgServer *self = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  if (soup_server_message_get_status (msg) == 0 &&
      (guint64) body->length > (guint64) self->max_query_bytes)
    refuse_oversized (self, msg);
}

/* Runs after the request headers and before the body. */
static void
sparql_early_handler (SoupServer *soup, SoupServerMessage *msg,
                      const char *path, GHashTable *url_params,
                      gpointer user_data)
{
  NgServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  /* a negative length is malformed, not "huge" */
  const char *cl = soup_message_headers_get_one (headers, "Content-Length");
  if (cl && strchr (cl, '-')) {
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Connection", "close");
    respond_error (msg, SOUP_STATUS_BAD_REQUEST, "malformed Content-Length");
    return;
  }

  switch (soup_message_headers_get_encoding (headers)) {
  case SOUP_ENCODING_CONTENT_LENGTH:
    if ((guint64) soup_message_headers_get_content_length (headers)
        > (guint64) self->max_query_bytes)
      refuse_oversized (self, msg);
    break;
  case SOUP_ENCODING_CHUNKED:
  case SOUP_ENCODING_EOF:
    /* No size up front: count while the body arrives. */
    g_signal_connect (msg, "got-chunk", G_CALLBACK (sparql_got_chunk), self);
    break;
  default:
    break;
  }
}

/* ------------------------------------------------------------ / */

static void
root_handler (SoupServer *soup, SoupServerMessage *msg, const char *path,
              GHashTable *url_params, gpointer user_data)
{
  NgServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);

  /* "/" is libsoup's fallback handler for every unregistered path. */
  if (strcmp (path, "/") != 0) {
    respond_error (msg, SOUP_STATUS_NOT_FOUND, "no such resource: %s", path);
    return;
  }
  if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD) {
    respond_method_not_allowed (msg, "GET, HEAD");
    return;
  }

  char *page = ng_endpoint_home_page (self->store, self->examples);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8",
                                    SOUP_MEMORY_TAKE, page, strlen (page));
}

/* ------------------------------------------------------------ logging */

static void
request_started (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  gint64 *start = g_new (gint64, 1);
  *start = g_get_monotonic_time ();
  g_object_set_data_full (G_OBJECT (msg), NG_REQUEST_START_KEY, start, g_free);

  /* Every response, including libsoup's own errors, may be read by a
   * browser page from another origin: the data is public and read-only. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Access-Control-Allow-Origin", "*");
}

/* One line per request; the query itself is never logged, only the path. */
static void
request_done (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  NgServer *self = user_data;
  if (self->quiet)
    return;

  const gint64 *start = g_object_get_data (G_OBJECT (msg), NG_REQUEST_START_KEY);
  double ms = start ? (double) (g_get_monotonic_time () - *start) / 1000.0 : 0.0;
  GUri *uri = soup_server_message_get_uri (msg);
  const char *method = soup_server_message_get_method (msg);

  g_printerr ("nieuwsgraaf: %s %s %u %.1f ms\n",
              method ? method : "-",
              uri ? g_uri_get_path (uri) : "-",
              soup_server_message_get_status (msg), ms);
}

/* ------------------------------------------------------------ lifecycle */

static GSocketAddress *
listen_address (const char *bind, guint port, GError **error)
{
  /* "localhost" may resolve to ::1 or 127.0.0.1; pin it to IPv4. */
  const char *numeric = g_ascii_strcasecmp (bind, "localhost") == 0
    ? NG_SERVER_DEFAULT_BIND : bind;
  g_autoptr (GInetAddress) address = g_inet_address_new_from_string (numeric);

  if (!address) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 "“%s” is not a numeric IP address (e.g. 127.0.0.1 or ::1)",
                 bind);
    return NULL;
  }
  if (port > 65535) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 "port %u is out of range (0–65535)", port);
    return NULL;
  }
  return g_inet_socket_address_new (address, (guint16) port);
}

NgServer *
ng_server_new (NgStore *store, const NgServerOptions *options, GError **error)
{
  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  NgServerOptions defaults = { 0 };
  if (!options)
    options = &defaults;

  g_autoptr (NgServer) self = g_new0 (NgServer, 1);
  self->store = store;
  if (options->take_store)
    self->own_store = store;
  self->max_query_bytes = options->max_query_bytes
    ? options->max_query_bytes : NG_SERVER_DEFAULT_MAX_QUERY;
  self->quiet = options->quiet;
  self->timeout_ms = options->timeout_ms ? options->timeout_ms : NG_SERVER_DEFAULT_TIMEOUT_MS;
  self->max_solutions = options->max_solutions;
  self->update_token = options->update_token && *options->update_token
    ? g_strdup (options->update_token) : NULL;
  self->store_dir = g_strdup (options->store_dir);
  self->examples = ng_examples_load ();
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) cached_answer_free);
  self->workers = ng_workers_new (store, options->store_dir,
                                  options->workers ? options->workers : g_get_num_processors (),
                                  error);
  if (self->workers == NULL)
    return NULL;

  const char *bind = options->bind && *options->bind
    ? options->bind : NG_SERVER_DEFAULT_BIND;
  g_autoptr (GSocketAddress) address =
    listen_address (bind, options->port, error);
  if (!address)
    return NULL;

  self->soup = soup_server_new ("server-header",
                                "nieuwsgraaf/" PACKAGE_VERSION, NULL);
  soup_server_add_early_handler (self->soup, NG_SPARQL_PATH,
                                 sparql_early_handler, self, NULL);
  soup_server_add_handler (self->soup, NG_SPARQL_PATH, sparql_handler, self,
                           NULL);
  soup_server_add_handler (self->soup, "/health", health_handler, self, NULL);
  soup_server_add_handler (self->soup, "/data", data_handler, self, NULL);
  soup_server_add_handler (self->soup, "/", root_handler, self, NULL);
  ng_web_register (self->soup, &self->store);
  if (self->store_dir) {
    self->current_seen = read_current (self->store_dir);
    self->watch_id = g_timeout_add_seconds (2, watch_current, self);
  }
  g_signal_connect (self->soup, "request-started",
                    G_CALLBACK (request_started), self);
  g_signal_connect (self->soup, "request-finished",
                    G_CALLBACK (request_done), self);
  g_signal_connect (self->soup, "request-aborted",
                    G_CALLBACK (request_done), self);

  /* GSocketListener's backlog of 10 would drop connections under load */
  g_autoptr (GSocket) sock = g_socket_new (
    g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
    G_SOCKET_PROTOCOL_TCP, error);
  if (!sock)
    return NULL;
  g_socket_set_listen_backlog (sock, SOMAXCONN);
  if (!g_socket_bind (sock, address, TRUE, error) || !g_socket_listen (sock, error))
    return NULL;

  /* the guard accepts, checks each request head and hands over to libsoup */
  NgHttpGuardOptions guard_options = {
    .timeout_ms = options->header_timeout_ms,
    .quiet = options->quiet,
  };
  self->guard = ng_http_guard_new (self->soup, sock, &guard_options, error);
  if (!self->guard)
    return NULL;

  return g_steal_pointer (&self);
}

void
ng_server_free (NgServer *server)
{
  if (!server)
    return;
  /* an update being applied finishes first (it holds the store's lock) */
  while (server->updating)
    g_main_context_iteration (NULL, TRUE);
  /* answers of queries still running come back to the main context: let
     them respond before the server goes */
  ng_workers_free (server->workers);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (server->examples)
    g_ptr_array_unref (server->examples);
  if (server->cache)
    g_hash_table_unref (server->cache);
  if (server->soup) {
    soup_server_disconnect (server->soup);
    ng_http_guard_free (server->guard);
    g_object_unref (server->soup);
  }
  if (server->update_token) {
    /* not left behind in freed memory */
    memset (server->update_token, 0, strlen (server->update_token));
    g_free (server->update_token);
  }
  if (server->watch_id)
    g_source_remove (server->watch_id);
  g_free (server->current_seen);
  g_free (server->store_dir);
  ng_store_free (server->own_store);
  g_free (server);
}

guint
ng_server_get_port (NgServer *server)
{
  g_return_val_if_fail (server != NULL, 0);

  guint port = 0;
  GSList *uris = soup_server_get_uris (server->soup);
  if (uris)
    port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return port;
}

static gboolean
quit_on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

void
ng_server_run (NgServer *server)
{
  g_return_if_fail (server != NULL);
  g_return_if_fail (server->loop == NULL);

  server->loop = g_main_loop_new (NULL, FALSE);
  guint sigint = g_unix_signal_add (SIGINT, quit_on_signal, server->loop);
  guint sigterm = g_unix_signal_add (SIGTERM, quit_on_signal, server->loop);

  g_main_loop_run (server->loop);

  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_clear_pointer (&server->loop, g_main_loop_unref);
}
