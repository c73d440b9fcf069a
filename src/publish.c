/* publish.c — graphs to a SPARQL 1.1 Graph Store over HTTP (libsoup 3).
 *
 * One thread, libsoup's asynchronous API on a private main context: the
 * caller's thread serialises the next batch while earlier batches are on
 * the wire or being loaded by the server, which is where the time goes
 * (Virtuoso parses and indexes one request on one thread, so several
 * requests in flight keep its cores busy).  Memory stays bounded: a put_*
 * call does not return before its batches are handed to libsoup, and no
 * more than `jobs` requests are ever in flight. */
#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "nieuwsgraaf/publish.h"
#include "publish-private.h"

G_DEFINE_QUARK (ng-publish-error-quark, ng_publish_error)

/* What a Graph Store server may take longer than this to load is better
 * sent in smaller batches. */
#define NG_PUBLISH_TIMEOUT_S 600
#define NG_PUBLISH_BACKOFF_MS 500
#define NG_PUBLISH_MAX_MESSAGE 400

/* HEAD: the probe that meets the authentication challenge (see probe) */
typedef enum { NG_PUT, NG_POST, NG_DELETE, NG_HEAD } NgMethod;

typedef struct Batch Batch;

struct NgPublisher
{
  SoupSession *session;
  GMainContext *context;
  GCancellable *cancellable;
  char *endpoint;          /* without credentials: safe to print */
  char *user;
  char *password;
  guint batch_triples, retries, jobs;

  guint in_flight;         /* requests sent or waiting for a retry */
  gboolean probed;
  char *put_graph;         /* graph whose PUT is in flight: its POSTs wait */
  GError *failure;         /* the first request that failed for good */

  NgPublishProgress progress;
  guint requests;
  NgPublishProgressFunc progress_func;
  gpointer progress_data;
  NgPublishLogFunc log_func;
  gpointer log_data;
};

struct Batch
{
  NgPublisher *pub;
  NgMethod method;
  char *graph;
  GBytes *body;            /* NULL for DELETE */
  guint triples;
  gboolean last_of_graph;  /* counts the graph as done */
  guint attempt;
  SoupMessage *msg;
};

static const char *const method_names[] = { "PUT", "POST", "DELETE", "HEAD" };

static void
batch_free (Batch *b)
{
  g_free (b->graph);
  g_clear_pointer (&b->body, g_bytes_unref);
  g_clear_object (&b->msg);
  g_free (b);
}

/* ------------------------------------------------------------ setup */

NgPublisher *
ng_publisher_new (const char *endpoint, GError **error)
{
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GError) local = NULL;
  NgPublisher *p;

  g_return_val_if_fail (endpoint != NULL, NULL);
  uri = g_uri_parse (endpoint, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED, &local);
  if (uri == NULL
      || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0
          && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0)
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      /* the text may hold a password: do not repeat it */
      g_set_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_URL,
                   "the Graph Store endpoint must be an http:// or https:// URL");
      return NULL;
    }
  if (g_uri_get_password (uri) != NULL)
    {
      g_set_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_URL,
                   "the endpoint URL holds a password, which would show in the "
                   "process list and in logs; give --user and --password-file");
      return NULL;
    }
  if (g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_URL,
                   "the endpoint URL must not have a #fragment");
      return NULL;
    }

  p = g_new0 (NgPublisher, 1);
  p->endpoint = g_strdup (endpoint);
  if (g_uri_get_user (uri) != NULL)
    p->user = g_uri_unescape_string (g_uri_get_user (uri), NULL);
  p->batch_triples = NG_PUBLISH_DEFAULT_BATCH;
  p->retries = NG_PUBLISH_DEFAULT_RETRIES;
  p->jobs = NG_PUBLISH_DEFAULT_JOBS;
  p->context = g_main_context_new ();
  p->cancellable = g_cancellable_new ();
  return p;
}

void
ng_publish_free_secret (char *s)
{
  if (s == NULL)
    return;
  memset (s, 0, strlen (s));
  g_free (s);
}

void
ng_publisher_free (NgPublisher *p)
{
  if (p == NULL)
    return;
  /* libsoup runs its I/O on the context that is the thread default while
     it is iterated */
  g_main_context_push_thread_default (p->context);
  if (p->in_flight > 0)
    {
      /* an early exit: let the cancelled requests call back and free their
         batches before the context goes */
      g_cancellable_cancel (p->cancellable);
      while (p->in_flight > 0)
        g_main_context_iteration (p->context, TRUE);
    }
  g_clear_object (&p->session);
  /* libsoup may leave idle sources behind on the context */
  while (g_main_context_iteration (p->context, FALSE))
    ;
  g_main_context_pop_thread_default (p->context);
  g_main_context_unref (p->context);
  g_object_unref (p->cancellable);
  g_clear_error (&p->failure);
  g_free (p->endpoint);
  g_free (p->user);
  ng_publish_free_secret (p->password);
  g_free (p->put_graph);
  g_free (p);
}

void
ng_publisher_set_credentials (NgPublisher *p, const char *user, const char *password)
{
  g_free (p->user);
  ng_publish_free_secret (p->password);
  p->user = g_strdup (user);
  p->password = g_strdup (password);
}

void ng_publisher_set_batch_triples (NgPublisher *p, guint n) { p->batch_triples = n; }
void ng_publisher_set_retries (NgPublisher *p, guint n) { p->retries = n; }

void
ng_publisher_set_jobs (NgPublisher *p, guint jobs)
{
  g_return_if_fail (p->session == NULL);  /* the connection limits are fixed then */
  p->jobs = MAX (jobs, 1);
}

void
ng_publisher_set_progress_func (NgPublisher *p, NgPublishProgressFunc func,
                                gpointer user_data)
{
  p->progress_func = func;
  p->progress_data = user_data;
}

void
ng_publisher_set_log_func (NgPublisher *p, NgPublishLogFunc func, gpointer user_data)
{
  p->log_func = func;
  p->log_data = user_data;
}

void
ng_publisher_expect (NgPublisher *p, guint64 triples, guint graphs)
{
  p->progress.triples_total += triples;
  p->progress.graphs_total += graphs;
}

const NgPublishProgress *ng_publisher_get_progress (NgPublisher *p) { return &p->progress; }
guint ng_publisher_get_requests (NgPublisher *p) { return p->requests; }

void
ng_publish_log (NgPublishLogFunc func, gpointer data, const char *fmt, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;
  if (func == NULL)
    return;
  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  func (msg, data);
}

#define log_line(p, ...) ng_publish_log ((p)->log_func, (p)->log_data, __VA_ARGS__)

/* ------------------------------------------------------------ requests */

static void send_batch (Batch *b);

/* The server's explanation, as one line of text: HTML error pages (what
 * Virtuoso sends) lose their markup and their <head>. */
static char *
server_message (GBytes *body)
{
  gsize len = 0;
  const char *data = body ? g_bytes_get_data (body, &len) : NULL;
  g_autofree char *text = NULL;
  GString *out;
  const char *head_end;
  gboolean in_tag = FALSE, space = FALSE;

  if (data == NULL || len == 0)
    return NULL;
  text = g_utf8_make_valid (data, (gssize) MIN (len, 16384));
  head_end = strstr (text, "</head>");
  out = g_string_new (NULL);
  for (const char *c = head_end ? head_end + 7 : text; *c; c++)
    {
      if (*c == '<')
        in_tag = TRUE;
      else if (*c == '>' && in_tag)
        in_tag = FALSE, space = TRUE;
      else if (in_tag)
        continue;
      else if (g_ascii_isspace (*c))
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          if (g_str_has_prefix (c, "&lt;"))
            g_string_append_c (out, '<'), c += 3;
          else if (g_str_has_prefix (c, "&gt;"))
            g_string_append_c (out, '>'), c += 3;
          else if (g_str_has_prefix (c, "&amp;"))
            g_string_append_c (out, '&'), c += 4;
          else if (g_str_has_prefix (c, "&quot;"))
            g_string_append_c (out, '"'), c += 5;
          else
            g_string_append_c (out, *c);
        }
    }
  if (out->len > NG_PUBLISH_MAX_MESSAGE)
    {
      const char *end = g_utf8_find_prev_char (out->str, out->str + NG_PUBLISH_MAX_MESSAGE);
      g_string_truncate (out, end ? (gsize) (end - out->str) : 0);
      g_string_append (out, "…");
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static void
report_progress (NgPublisher *p)
{
  if (p->progress_func)
    p->progress_func (&p->progress, p->progress_data);
}

/* Ends B for good: answered (OK), failed (FAILURE, taken) or, neither,
 * abandoned because another request failed. */
static void
batch_done (Batch *b, gboolean ok, GError *failure)
{
  NgPublisher *p = b->pub;

  if (failure)
    {
      if (p->failure == NULL)
        p->failure = failure;
      else
        g_error_free (failure);
      /* nothing else is worth sending */
      g_cancellable_cancel (p->cancellable);
    }
  else if (ok)
    {
      p->progress.triples_sent += b->triples;
      if (b->last_of_graph)
        p->progress.graphs_done++;
      report_progress (p);
    }
  if (b->method == NG_PUT && g_strcmp0 (p->put_graph, b->graph) == 0)
    g_clear_pointer (&p->put_graph, g_free);
  p->in_flight--;
  batch_free (b);
}

static gboolean
retry_cb (gpointer data)
{
  Batch *b = data;
  if (g_cancellable_is_cancelled (b->pub->cancellable))
    batch_done (b, FALSE, NULL);
  else
    send_batch (b);
  return G_SOURCE_REMOVE;
}

/* Sends B again after a pause that doubles with each attempt, or gives up
 * with FAILURE when the attempts are used up.  Takes FAILURE. */
static void
retry_or_fail (Batch *b, GError *failure)
{
  NgPublisher *p = b->pub;
  if (b->attempt <= p->retries && !g_cancellable_is_cancelled (p->cancellable))
    {
      guint ms = NG_PUBLISH_BACKOFF_MS << MIN (b->attempt - 1, 6);
      g_autoptr (GSource) src = g_timeout_source_new (ms);
      log_line (p, "%s <%s>: %s; retrying in %.1f s", method_names[b->method],
                b->graph ? b->graph : p->endpoint, failure->message, ms / 1000.0);
      g_error_free (failure);
      g_clear_object (&b->msg);
      g_source_set_callback (src, retry_cb, b, NULL);
      g_source_attach (src, p->context);
      return;
    }
  if (b->attempt > 1)
    g_prefix_error (&failure, "after %u attempts: ", b->attempt);
  batch_done (b, FALSE, failure);
}

static gboolean
on_authenticate (SoupMessage *msg, SoupAuth *auth, gboolean retrying, gpointer data)
{
  NgPublisher *p = data;
  (void) msg;
  /* a second challenge means the credentials were refused: let the 401
     through instead of asking again */
  if (retrying || p->user == NULL || p->password == NULL)
    return FALSE;
  soup_auth_authenticate (auth, p->user, p->password);
  return TRUE;
}

/* libsoup 3.2 resends a request after a 401 (or a redirect) with an empty
 * body unless the body is set again: without this, the first request of a
 * digest-authenticated run replaced a graph by nothing — and got 201. */
static void
on_restarted (SoupMessage *msg, gpointer data)
{
  Batch *b = data;
  if (b->body)
    soup_message_set_request_body_from_bytes (msg, "application/n-triples", b->body);
}

static void
on_sent (GObject *source, GAsyncResult *result, gpointer data)
{
  Batch *b = data;
  NgPublisher *p = b->pub;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source),
                                                               result, &error);
  guint status;
  g_autofree char *why = NULL;

  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          batch_done (b, FALSE, NULL);
          return;
        }
      /* refused, reset, timed out, name not resolved: maybe the server is
         restarting, so try again */
      retry_or_fail (b, g_error_new (NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_CONNECT,
                                     "%s: %s", p->endpoint, error->message));
      return;
    }
  status = soup_message_get_status (b->msg);
  log_line (p, "%s <%s> %u triples: %u %s", method_names[b->method],
            b->graph ? b->graph : p->endpoint, b->triples, status,
            soup_message_get_reason_phrase (b->msg));
  if (SOUP_STATUS_IS_SUCCESSFUL (status)
      || (b->method == NG_DELETE && status == SOUP_STATUS_NOT_FOUND)
      /* the probe only wants to get past authentication */
      || (b->method == NG_HEAD && status < 500 && status != SOUP_STATUS_UNAUTHORIZED
          && status != SOUP_STATUS_FORBIDDEN))
    {
      if (b->method != NG_HEAD)
        p->requests++;
      batch_done (b, TRUE, NULL);
      return;
    }
  why = server_message (body);
  if (status >= 500 || status == SOUP_STATUS_REQUEST_TIMEOUT || status == 429)
    {
      retry_or_fail (b, g_error_new (NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_HTTP,
                                     "%s of graph <%s> to %s: HTTP %u %s%s%s",
                                     method_names[b->method], b->graph ? b->graph : "-", p->endpoint,
                                     status, soup_message_get_reason_phrase (b->msg),
                                     why ? ": " : "", why ? why : ""));
      return;
    }
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    batch_done (b, FALSE, g_error_new (NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_AUTH,
                                "%s: HTTP %u %s: %s", p->endpoint, status,
                                soup_message_get_reason_phrase (b->msg),
                                p->user == NULL ? "the server wants a user name and "
                                "password (--user, --password-file)"
                                : status == SOUP_STATUS_UNAUTHORIZED
                                ? "the user name or password was refused"
                                : "this user may not write graphs"));
  else
    batch_done (b, FALSE, g_error_new (NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_HTTP,
                                "%s of graph <%s> to %s: HTTP %u %s%s%s",
                                method_names[b->method], b->graph ? b->graph : "-", p->endpoint, status,
                                soup_message_get_reason_phrase (b->msg),
                                why ? ": " : "", why ? why : ""));
}

static char *
graph_url (NgPublisher *p, const char *graph)
{
  g_autofree char *escaped = NULL;
  if (graph == NULL)
    return g_strdup (p->endpoint);
  escaped = g_uri_escape_string (graph, NULL, FALSE);
  return g_strconcat (p->endpoint, strchr (p->endpoint, '?') ? "&" : "?",
                      "graph=", escaped, NULL);
}

static void
send_batch (Batch *b)
{
  NgPublisher *p = b->pub;
  g_autofree char *url = graph_url (p, b->graph);

  if (p->session == NULL)
    {
      /* made on first use, when the number of jobs is known: one
         connection per request in flight (construct-only properties) */
      p->session = soup_session_new_with_options (
          "timeout", NG_PUBLISH_TIMEOUT_S,
          "max-conns-per-host", (int) p->jobs,
          "max-conns", (int) MAX (p->jobs, 10),
          "user-agent", PACKAGE_NAME "/" PACKAGE_VERSION " ",
          NULL);
    }
  b->attempt++;
  g_clear_object (&b->msg);
  b->msg = soup_message_new (method_names[b->method], url);
  if (b->body)
    soup_message_set_request_body_from_bytes (b->msg, "application/n-triples", b->body);
  g_signal_connect (b->msg, "authenticate", G_CALLBACK (on_authenticate), p);
  g_signal_connect (b->msg, "restarted", G_CALLBACK (on_restarted), b);
  soup_session_send_and_read_async (p->session, b->msg, G_PRIORITY_DEFAULT,
                                    p->cancellable, on_sent, b);
}

/* A server that wants authentication may answer a request with 401 before
 * it has read the body and close the connection: the client then fails
 * writing (broken pipe) without ever seeing the challenge.  So the first
 * request is a bodiless HEAD of the endpoint: it meets the challenge, and
 * libsoup's auth manager then sends the credentials with every request.
 * Called with the context pushed. */
static void
probe (NgPublisher *p)
{
  Batch *b = g_new0 (Batch, 1);
  b->pub = p;
  b->method = NG_HEAD;
  p->probed = TRUE;
  p->in_flight++;
  send_batch (b);
  while (p->in_flight > 0)
    g_main_context_iteration (p->context, TRUE);
}

/* Hands B to libsoup once a request slot is free and, for a POST, once its
 * graph's PUT has been answered (a PUT empties the graph).  Takes B. */
static gboolean
enqueue (NgPublisher *p, Batch *b, GError **error)
{
  b->pub = p;
  g_main_context_push_thread_default (p->context);
  if (!p->probed)
    probe (p);  /* a failure is reported below */
  while (p->failure == NULL
         && (p->in_flight >= p->jobs
             || (b->method == NG_POST && g_strcmp0 (p->put_graph, b->graph) == 0)))
    g_main_context_iteration (p->context, TRUE);
  if (p->failure)
    {
      g_main_context_pop_thread_default (p->context);
      batch_free (b);
      g_propagate_error (error, g_error_copy (p->failure));
      return FALSE;
    }
  if (b->method == NG_PUT)
    {
      g_free (p->put_graph);
      p->put_graph = g_strdup (b->graph);
    }
  p->in_flight++;
  send_batch (b);
  g_main_context_pop_thread_default (p->context);
  return TRUE;
}

gboolean
ng_publisher_finish (NgPublisher *p, GError **error)
{
  g_main_context_push_thread_default (p->context);
  while (p->in_flight > 0)
    g_main_context_iteration (p->context, TRUE);
  g_main_context_pop_thread_default (p->context);
  if (p->failure)
    {
      g_propagate_error (error, g_error_copy (p->failure));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------ batching */

/* Cuts one graph into batches: the first request replaces the graph, the
 * rest add to it; triples with blank nodes wait for the last request. */
typedef struct {
  NgPublisher *pub;
  const char *graph;
  GString *text;        /* the batch being filled */
  guint count;
  GString *blank;       /* every triple with a blank node */
  guint blank_count;
  gboolean sent_any;
} Cutter;

static void
cutter_init (Cutter *c, NgPublisher *p, const char *graph)
{
  memset (c, 0, sizeof *c);
  c->pub = p;
  c->graph = graph;
  c->text = g_string_sized_new (1 << 16);
  c->blank = g_string_new (NULL);
}

static void
cutter_clear (Cutter *c)
{
  if (c->text)
    g_string_free (c->text, TRUE);
  if (c->blank)
    g_string_free (c->blank, TRUE);
  c->text = c->blank = NULL;
}

static gboolean
cutter_send (Cutter *c, GString **text, guint count, gboolean last, GError **error)
{
  Batch *b = g_new0 (Batch, 1);
  b->method = c->sent_any ? NG_POST : NG_PUT;
  b->graph = g_strdup (c->graph);
  b->triples = count;
  b->last_of_graph = last;
  b->body = g_string_free_to_bytes (*text);
  *text = last ? NULL : g_string_sized_new (1 << 16);
  c->sent_any = TRUE;
  return enqueue (c->pub, b, error);
}

/* Called after each triple added to c->text. */
static gboolean
cutter_added (Cutter *c, GError **error)
{
  c->count++;
  if (c->pub->batch_triples > 0 && c->count >= c->pub->batch_triples)
    {
      guint n = c->count;
      c->count = 0;
      return cutter_send (c, &c->text, n, FALSE, error);
    }
  return TRUE;
}

static gboolean
cutter_finish (Cutter *c, GError **error)
{
  gboolean ok = TRUE;
  if (c->count > 0)
    ok = cutter_send (c, &c->text, c->count, c->blank_count == 0, error);
  if (ok && c->blank_count > 0)
    ok = cutter_send (c, &c->blank, c->blank_count, TRUE, error);
  if (ok && !c->sent_any)
    {
      /* an empty graph: a PUT of nothing is not understood by every server
         (Virtuoso guesses the type from the body), DELETE means the same */
      Batch *b = g_new0 (Batch, 1);
      b->method = NG_DELETE;
      b->graph = g_strdup (c->graph);
      b->last_of_graph = TRUE;
      ok = enqueue (c->pub, b, error);
    }
  cutter_clear (c);
  return ok;
}

gboolean
ng_publisher_put_ntriples (NgPublisher *p, const char *graph, const char *text,
                           gsize len, GError **error)
{
  Cutter c;
  const char *end = text + len;

  cutter_init (&c, p, graph);
  for (const char *line = text; line < end;)
    {
      const char *nl = memchr (line, '\n', (gsize) (end - line));
      const char *next = nl ? nl + 1 : end;
      const char *l = line;
      while (l < next && g_ascii_isspace (*l))
        l++;
      if (l < next && *l != '#')
        {
          /* "_:" may also sit in a literal; such a line merely travels in
             the last request */
          gboolean blank = g_strstr_len (line, next - line, "_:") != NULL;
          GString *to = blank ? c.blank : c.text;
          g_string_append_len (to, line, next - line);
          if (nl == NULL)
            g_string_append_c (to, '\n');
          if (blank)
            c.blank_count++;
          else if (!cutter_added (&c, error))
            {
              cutter_clear (&c);
              return FALSE;
            }
        }
      line = next;
    }
  return cutter_finish (&c, error);
}

/* A raptor iostream that appends to *target (a GString that the cutter
 * swaps for a fresh one after each batch). */
static int
gstring_write_byte (void *context, const int byte)
{
  g_string_append_c (*(GString **) context, (char) byte);
  return 0;
}

static int
gstring_write_bytes (void *context, const void *ptr, size_t size, size_t nmemb)
{
  g_string_append_len (*(GString **) context, ptr, (gssize) (size * nmemb));
  return (int) nmemb;
}

/* raptor 2.0.15 refuses version 1 handlers although its header allows them */
const raptor_iostream_handler ng_publish_gstring_handler = {
  .version = 2,
  .write_byte = gstring_write_byte,
  .write_bytes = gstring_write_bytes,
};

static gboolean
has_blank (raptor_statement *st)
{
  return (st->subject && st->subject->type == RAPTOR_TERM_TYPE_BLANK)
      || (st->object && st->object->type == RAPTOR_TERM_TYPE_BLANK);
}

gboolean
ng_publisher_put_model (NgPublisher *p, librdf_world *world, const char *graph,
                        librdf_model *model, GError **error)
{
  raptor_world *rw;
  librdf_stream *stream;
  raptor_iostream *out, *out_blank;
  Cutter c;
  gboolean ok = TRUE;

  g_return_val_if_fail (model != NULL, FALSE);
  rw = librdf_world_get_raptor (world);
  stream = librdf_model_as_stream (model);
  if (stream == NULL)
    {
      g_set_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_INPUT,
                   "cannot read the graph to publish as <%s>", graph);
      return FALSE;
    }
  cutter_init (&c, p, graph);
  out = raptor_new_iostream_from_handler (rw, &c.text, &ng_publish_gstring_handler);
  out_blank = raptor_new_iostream_from_handler (rw, &c.blank, &ng_publish_gstring_handler);
  if (out == NULL || out_blank == NULL)
    {
      g_set_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_INPUT,
                   "cannot serialise the graph to publish as <%s>", graph);
      ok = FALSE;
    }
  for (; ok && !librdf_stream_end (stream); librdf_stream_next (stream))
    {
      /* librdf 1.0.17 statements are raptor statements */
      raptor_statement *st = (raptor_statement *) librdf_stream_get_object (stream);
      if (has_blank (st))
        {
          raptor_statement_ntriples_write (st, out_blank, 0);
          c.blank_count++;
          continue;
        }
      raptor_statement_ntriples_write (st, out, 0);
      ok = cutter_added (&c, error);
    }
  librdf_free_stream (stream);
  if (out)
    raptor_free_iostream (out);
  if (out_blank)
    raptor_free_iostream (out_blank);
  if (!ok)
    {
      cutter_clear (&c);
      return FALSE;
    }
  return cutter_finish (&c, error);
}

/* ------------------------------------------------------------ the store */

/* Article files are written by the store, one quad a line, "S P O <G> .". */
gboolean
ng_publish_scan_article (const char *key, const char *nquads, gsize len,
                         char **graph_out, GString *nt, guint *count, GError **error)
{
  const char *end = nquads + len;
  g_autofree char *graph = NULL;
  guint line_no = 0;

  *count = 0;
  for (const char *line = nquads; line < end;)
    {
      const char *nl = memchr (line, '\n', (gsize) (end - line));
      const char *next = nl ? nl + 1 : end;
      const char *stop = nl ? nl : end;
      const char *g_open = NULL, *g_close;
      line_no++;
      while (stop > line && g_ascii_isspace (stop[-1]))
        stop--;
      if (stop == line || *line == '#')
        {
          line = next;
          continue;
        }
      /* the graph is the last term: "<G> ." at the end; IRIs hold no spaces,
         so the last " <" starts it */
      if (stop - line >= 2 && stop[-1] == '.')
        {
          g_close = stop - 1;
          while (g_close > line && g_close[-1] == ' ')
            g_close--;
          if (g_close > line && g_close[-1] == '>')
            for (const char *s = g_close - 1; s > line; s--)
              if (s[0] == '<' && s[-1] == ' ')
                {
                  g_open = s;
                  break;
                }
          if (g_open)
            {
              gsize glen = (gsize) (g_close - 1 - (g_open + 1));
              if (graph == NULL)
                graph = g_strndup (g_open + 1, glen);
              else if (strlen (graph) != glen || strncmp (graph, g_open + 1, glen) != 0)
                {
                  g_set_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_INPUT,
                               "articles/%s.nq:%u: a second named graph; an article "
                               "file holds one", key, line_no);
                  return FALSE;
                }
              if (nt)
                {
                  g_string_append_len (nt, line, g_open - line);
                  g_string_append (nt, ".\n");
                }
              (*count)++;
            }
        }
      if (g_open == NULL)
        {
          g_set_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_INPUT,
                       "articles/%s.nq:%u: not a quad in a named graph", key, line_no);
          return FALSE;
        }
      line = next;
    }
  *graph_out = g_steal_pointer (&graph);
  return TRUE;
}

static gboolean
publish_article (const char *key, const char *nquads, gsize len, gpointer data,
                 GError **error)
{
  NgPublisher *p = data;
  g_autofree char *graph = NULL;
  g_autoptr (GString) nt = g_string_sized_new (len);
  guint count;

  if (!ng_publish_scan_article (key, nquads, len, &graph, nt, &count, error))
    return FALSE;
  if (graph == NULL)
    return TRUE;  /* an empty file names no graph: nothing to replace */
  return ng_publisher_put_ntriples (p, graph, nt->str, nt->len, error);
}

static gboolean
count_article (const char *key, const char *nquads, gsize len, gpointer data,
               GError **error)
{
  NgPublishProgress *total = data;
  (void) key, (void) error;
  for (const char *c = nquads; (c = memchr (c, '\n', (gsize) (nquads + len - c))); c++)
    total->triples_total++;
  total->graphs_total++;
  return TRUE;
}

gboolean
ng_publish_store (NgPublisher *p, NgStore *store, const char *merged_graph,
                  gboolean merged_only, GError **error)
{
  g_autofree char *merged = g_strdup (merged_graph ? merged_graph
                                      : NG_PUBLISH_DEFAULT_GRAPH_BASE "merged");

  if (p->progress_func)
    {
      /* the totals for the progress bar: one cheap pass over the files */
      NgPublishProgress total = { 0, (guint64) MAX (ng_store_merged_size (store), 0), 0, 1 };
      if (!merged_only && !ng_store_foreach_article (store, count_article, &total, error))
        return FALSE;
      ng_publisher_expect (p, total.triples_total, total.graphs_total);
      report_progress (p);
    }
  if (!ng_publisher_put_model (p, ng_store_get_world (store), merged,
                               ng_store_get_merged (store), error))
    {
      ng_publisher_finish (p, NULL);
      return FALSE;
    }
  if (!merged_only && !ng_store_foreach_article (store, publish_article, p, error))
    {
      ng_publisher_finish (p, NULL);
      return FALSE;
    }
  return ng_publisher_finish (p, error);
}
