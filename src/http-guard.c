/* http-guard.c — accepts the endpoint's connections, reads and checks each
 * one's first request head under a deadline, then hands it to libsoup.
 *
 * A connection goes through up to three phases:
 *   HEAD   the guard reads until the blank line that ends the head; a
 *          malformed head gets its status (400, 414, 431), a head that
 *          is not complete by the deadline 408, a client that hangs up
 *          is closed at once;
 *   SOUP   libsoup owns it, reading from a stream that first gives back
 *          the bytes the guard read; for every later request on it
 *          ("request-started" … "request-read") the same deadline holds;
 *          past it, or when the client hangs up, the guard takes the
 *          connection back from libsoup (soup_server_message_steal_
 *          connection) and closes it — libsoup 3.2 itself keeps a
 *          connection whose client hung up between or in the middle of
 *          requests open for ever (CLOSE-WAIT), so the stream never lets
 *          it read the end of the file;
 *   LINGER after a refusal the guard has stopped writing and reads and
 *          drops what the client still sends for a moment, so that the
 *          client reads the answer instead of a reset.
 * Everything runs on the default main context.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include "http-guard.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "0.1"
#endif

#define GUARD_READ_CHUNK 16384
#define GUARD_ACCEPTS_PER_WAKEUP 64
#define GUARD_LINGER_US (3 * G_USEC_PER_SEC)
#define GUARD_LINGER_BYTES ((gsize) 8 * 1024 * 1024)
/* after accept() fails for want of descriptors, try again this much later */
#define GUARD_ACCEPT_PAUSE_MS 100

/* ------------------------------------------------------------ the head */

static gboolean
is_tchar (guint8 c)
{
  return g_ascii_isalnum (c) || (c != 0 && strchr ("!#$%&'*+-.^_`|~", c) != NULL);
}

/* RFC 9112 §5: field-name ":" — a token, no whitespace before the colon.
 * A line starting with a space continues the previous one (obs-fold),
 * which libsoup unfolds; it may not follow the request line. */
static gboolean
header_line_ok (const guint8 *line, gsize n, gboolean after_request_line)
{
  if (line[0] == ' ' || line[0] == '\t')
    return !after_request_line;
  const guint8 *colon = memchr (line, ':', n);
  if (colon == NULL || colon == line)
    return FALSE;
  for (const guint8 *p = line; p < colon; p++)
    if (!is_tchar (*p))
      return FALSE;
  return TRUE;
}

NgHttpHeadStatus
ng_http_head_scan (const guint8 *data, gsize len, gsize max_line,
                   gsize max_head, gsize *head_len)
{
  g_return_val_if_fail (data != NULL || len == 0, NG_HTTP_HEAD_BAD);

  gsize pos = 0;
  /* RFC 9112 §2.2: blank lines before the request line are ignored */
  while (pos < len && (data[pos] == '\r' || data[pos] == '\n'))
    pos++;
  if (pos == len)
    return len > max_head ? NG_HTTP_HEAD_TOO_LARGE : NG_HTTP_HEAD_INCOMPLETE;
  /* a method is a token: anything else (a TLS ClientHello, binary) is no
   * HTTP and need not wait for a line end that may never come */
  if (!is_tchar (data[pos]))
    return NG_HTTP_HEAD_BAD;

  for (guint line_no = 0;; line_no++) {
    const guint8 *nl = memchr (data + pos, '\n', len - pos);
    gsize end = nl ? (gsize) (nl - data) : len;
    if (line_no == 0 && end - pos > max_line)
      return NG_HTTP_HEAD_URI_TOO_LONG;
    if (nl == NULL || end + 1 > max_head)
      return len > max_head ? NG_HTTP_HEAD_TOO_LARGE : NG_HTTP_HEAD_INCOMPLETE;

    gsize n = end - pos;
    if (n > 0 && data[end - 1] == '\r')
      n--;
    if (line_no > 0) {
      if (n == 0) {
        if (head_len)
          *head_len = end + 1;
        return NG_HTTP_HEAD_COMPLETE;
      }
      if (!header_line_ok (data + pos, n, line_no == 1))
        return NG_HTTP_HEAD_BAD;
    }
    pos = end + 1;
  }
}

/* ------------------------------------------------------------ connections */

typedef enum { PHASE_HEAD, PHASE_SOUP, PHASE_LINGER } Phase;

typedef struct {
  gint refs;                 /* the guard's table; the replay stream */
  NgHttpGuard *guard;        /* NULL once the guard is gone */
  Phase phase;
  GSocket *socket;
  GSocketConnection *connection;  /* from the handover on */
  GSocketAddress *remote;    /* the table's key */
  SoupServerMessage *msg;    /* PHASE_SOUP: the request being read (a ref) */
  GByteArray *head;          /* PHASE_HEAD: what was read so far */
  GSource *watch;            /* HEAD / LINGER: readable; SOUP: taking back */
  gint64 accepted;           /* monotonic µs */
  gint64 deadline;           /* monotonic µs; 0: none */
  gsize drained;             /* PHASE_LINGER */
} GuardConn;

struct NgHttpGuard {
  SoupServer *soup;
  GSocket *listener;
  GSource *accept_watch;
  GSource *accept_pause;
  GSource *sweep;
  GMainContext *unrun;       /* libsoup's watch on the listener: never run */
  GHashTable *conns;         /* GSocketAddress* (the conn's) -> GuardConn* */
  gint64 timeout_us;
  gsize max_line, max_head;
  gboolean quiet;
  gulong on_started, on_read, on_finished, on_aborted;
};

static void
conn_unref (GuardConn *c)
{
  if (!g_atomic_int_dec_and_test (&c->refs))
    return;
  if (c->watch) {
    g_source_destroy (c->watch);
    g_source_unref (c->watch);
  }
  if (c->connection)
    g_io_stream_close (G_IO_STREAM (c->connection), NULL, NULL);
  else if (c->socket)
    g_socket_close (c->socket, NULL);
  g_clear_object (&c->msg);
  g_clear_object (&c->connection);
  g_clear_object (&c->socket);
  g_clear_object (&c->remote);
  if (c->head)
    g_byte_array_unref (c->head);
  g_free (c);
}

static void
conn_stop_watch (GuardConn *c)
{
  if (c->watch) {
    g_source_destroy (c->watch);
    g_clear_pointer (&c->watch, g_source_unref);
  }
}

/* Drops the connection from the guard; closes it once nothing else holds
 * it. */
static void
conn_forget (GuardConn *c)
{
  conn_stop_watch (c);
  g_clear_object (&c->msg);
  if (c->guard) {
    NgHttpGuard *guard = c->guard;
    c->guard = NULL;
    g_hash_table_remove (guard->conns, c->remote);
  }
}

/* ------------------------------------------------------------ replay stream
 * The input side libsoup reads: the head the guard read, then the socket.
 * Pollable, as libsoup reads without blocking. */

#define NG_TYPE_REPLAY_STREAM (ng_replay_stream_get_type ())
G_DECLARE_FINAL_TYPE (NgReplayStream, ng_replay_stream, NG, REPLAY_STREAM, GInputStream)

struct _NgReplayStream {
  GInputStream parent;
  GBytes *prefix;
  gsize pos;
  GInputStream *base;        /* the socket's, pollable */
  GuardConn *conn;           /* a reference */
  gboolean hung_up;          /* the base read end of file */
};

static void conn_take_back_soon (GuardConn *c);

static void ng_replay_stream_pollable_init (GPollableInputStreamInterface *iface);

G_DEFINE_TYPE_WITH_CODE (NgReplayStream, ng_replay_stream, G_TYPE_INPUT_STREAM,
                         G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                ng_replay_stream_pollable_init))

static gssize
replay_take (NgReplayStream *self, void *buffer, gsize count)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (self->prefix, &size);
  gsize n = MIN (count, size - self->pos);
  memcpy (buffer, data + self->pos, n);
  self->pos += n;
  if (self->pos == size)
    g_clear_pointer (&self->prefix, g_bytes_unref);
  return (gssize) n;
}

static gssize
replay_read (GInputStream *stream, void *buffer, gsize count,
             GCancellable *cancellable, GError **error)
{
  NgReplayStream *self = NG_REPLAY_STREAM (stream);
  if (self->prefix)
    return replay_take (self, buffer, count);
  return g_input_stream_read (self->base, buffer, count, cancellable, error);
}

static gboolean
replay_close (GInputStream *stream, GCancellable *cancellable, GError **error)
{
  NgReplayStream *self = NG_REPLAY_STREAM (stream);
  if (self->conn) {
    /* libsoup is done with the connection */
    GuardConn *c = g_steal_pointer (&self->conn);
    conn_forget (c);
    conn_unref (c);
  }
  return TRUE;
}

/* End of file is not passed on (see the top of the file): libsoup hears
 * "nothing yet" while the guard takes the connection back. */
static gssize
replay_hang_up (NgReplayStream *self, void *buffer, gsize count, GError **error)
{
  GuardConn *c = self->conn;
  if (!self->hung_up && c) {
    self->hung_up = TRUE;
    conn_take_back_soon (c);
    /* Between two requests libsoup 3.2 has no message to take the
     * connection from: it announces the next request ("request-started")
     * with its first byte.  A blank line, which may come before any request
     * (RFC 9112 §2.2), has it announce one. */
    if (c->msg == NULL && count > 0) {
      *(char *) buffer = '\n';
      return 1;
    }
  }
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK,
                       "the client has hung up");
  return -1;
}

static gboolean
replay_can_poll (GPollableInputStream *stream)
{
  return TRUE;
}

static gboolean
replay_is_readable (GPollableInputStream *stream)
{
  NgReplayStream *self = NG_REPLAY_STREAM (stream);
  return self->prefix != NULL
    || (!self->hung_up
        && g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (self->base)));
}

static GSource *
replay_create_source (GPollableInputStream *stream, GCancellable *cancellable)
{
  NgReplayStream *self = NG_REPLAY_STREAM (stream);
  if (self->hung_up)           /* never ready */
    return g_pollable_source_new_full (stream, NULL, cancellable);
  GSource *child = self->prefix
    ? g_timeout_source_new (0)
    : g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (self->base), NULL);
  GSource *source = g_pollable_source_new_full (stream, child, cancellable);
  g_source_unref (child);
  return source;
}

static gssize
replay_read_nonblocking (GPollableInputStream *stream, void *buffer,
                         gsize count, GError **error)
{
  NgReplayStream *self = NG_REPLAY_STREAM (stream);
  if (self->prefix)
    return replay_take (self, buffer, count);
  if (self->hung_up)
    return replay_hang_up (self, buffer, count, error);
  gssize n = g_pollable_input_stream_read_nonblocking (
    G_POLLABLE_INPUT_STREAM (self->base), buffer, count, NULL, error);
  return n == 0 && count > 0 ? replay_hang_up (self, buffer, count, error) : n;
}

static void
ng_replay_stream_finalize (GObject *object)
{
  NgReplayStream *self = NG_REPLAY_STREAM (object);
  g_clear_pointer (&self->prefix, g_bytes_unref);
  g_clear_object (&self->base);
  if (self->conn) {
    conn_forget (self->conn);
    conn_unref (self->conn);
  }
  G_OBJECT_CLASS (ng_replay_stream_parent_class)->finalize (object);
}

static void
ng_replay_stream_class_init (NgReplayStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ng_replay_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = replay_read;
  G_INPUT_STREAM_CLASS (klass)->close_fn = replay_close;
}

static void
ng_replay_stream_pollable_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = replay_can_poll;
  iface->is_readable = replay_is_readable;
  iface->create_source = replay_create_source;
  iface->read_nonblocking = replay_read_nonblocking;
}

static void
ng_replay_stream_init (NgReplayStream *self)
{
}

/* ------------------------------------------------------------ refusing */

static void
guard_log (NgHttpGuard *guard, GuardConn *c, guint status, const char *why)
{
  if (guard->quiet)
    return;
  g_printerr ("nieuwsgraaf: - - %u %.1f ms (%s)\n", status,
              (double) (g_get_monotonic_time () - c->accepted) / 1000.0, why);
}

static gboolean conn_linger_readable (GSocket *socket, GIOCondition cond,
                                      gpointer user_data);

/* libsoup 3.2 has no phrase for 431 */
static const char *
reason_phrase (guint status)
{
  return status == 431 ? "Request Header Fields Too Large"
    : soup_status_get_phrase (status);
}

/* Answers STATUS and closes: the write side at once, the read side after
 * the client has stopped sending (or a moment has passed). */
static void
conn_refuse (GuardConn *c, guint status, const char *why)
{
  NgHttpGuard *guard = c->guard;
  guard_log (guard, c, status, why);

  g_autofree char *body = g_strdup_printf ("nieuwsgraaf: %s\n", why);
  g_autofree char *response = g_strdup_printf (
    "HTTP/1.1 %u %s\r\n"
    "Server: nieuwsgraaf/" PACKAGE_VERSION "\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Length: %zu\r\n"
    "Access-Control-Allow-Origin: *\r\n"
    "Connection: close\r\n"
    "\r\n%s",
    status, reason_phrase (status), strlen (body), body);
  /* a new connection's send buffer is empty: this fits without waiting */
  g_socket_send_with_blocking (c->socket, response, strlen (response), FALSE,
                               NULL, NULL);
  g_socket_shutdown (c->socket, FALSE, TRUE, NULL);

  conn_stop_watch (c);
  g_clear_pointer (&c->head, g_byte_array_unref);
  c->phase = PHASE_LINGER;
  c->deadline = g_get_monotonic_time () + GUARD_LINGER_US;
  c->watch = g_socket_create_source (c->socket, G_IO_IN, NULL);
  g_source_set_callback (c->watch, G_SOURCE_FUNC (conn_linger_readable), c, NULL);
  g_source_attach (c->watch, NULL);
}

static gboolean
conn_linger_readable (GSocket *socket, GIOCondition cond, gpointer user_data)
{
  GuardConn *c = user_data;
  char buffer[GUARD_READ_CHUNK];
  for (;;) {
    g_autoptr (GError) error = NULL;
    gssize n = g_socket_receive_with_blocking (socket, buffer, sizeof buffer,
                                               FALSE, NULL, &error);
    if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
      return G_SOURCE_CONTINUE;
    if (n <= 0 || (c->drained += (gsize) n) > GUARD_LINGER_BYTES)
      break;
  }
  g_clear_pointer (&c->watch, g_source_unref);
  conn_forget (c);
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------ handover */

static void
conn_hand_over (GuardConn *c)
{
  NgHttpGuard *guard = c->guard;
  conn_stop_watch (c);
  c->phase = PHASE_SOUP;
  c->connection = g_socket_connection_factory_create_connection (c->socket);

  NgReplayStream *replay = g_object_new (NG_TYPE_REPLAY_STREAM, NULL);
  replay->prefix = g_byte_array_free_to_bytes (g_steal_pointer (&c->head));
  replay->base = g_object_ref (g_io_stream_get_input_stream (G_IO_STREAM (c->connection)));
  g_atomic_int_inc (&c->refs);
  replay->conn = c;

  g_autoptr (GIOStream) io = g_simple_io_stream_new (
    G_INPUT_STREAM (replay),
    g_io_stream_get_output_stream (G_IO_STREAM (c->connection)));
  g_object_unref (replay);

  g_autoptr (GSocketAddress) local = g_socket_get_local_address (c->socket, NULL);
  g_autoptr (GError) error = NULL;
  if (!soup_server_accept_iostream (guard->soup, io, local, c->remote, &error)) {
    if (!guard->quiet)
      g_printerr ("nieuwsgraaf: cannot take a connection: %s\n", error->message);
    g_io_stream_close (io, NULL, NULL);
  }
}

/* ------------------------------------------------------------ taking back */

/* Takes the connection away from libsoup and closes it: the replay
 * stream's close then forgets it.  Not from inside libsoup's reading. */
static void
conn_take_back (GuardConn *c)
{
  if (c->msg) {
    g_autoptr (SoupServerMessage) msg = g_steal_pointer (&c->msg);
    g_autoptr (GIOStream) stream = soup_server_message_steal_connection (msg);
    if (stream) {
      g_io_stream_close (stream, NULL, NULL);
      return;
    }
  }
  /* idle between requests: end of file makes the replay stream start
   * one (see replay_hang_up) and come back here */
  g_socket_shutdown (c->socket, TRUE, FALSE, NULL);
}

static gboolean
conn_take_back_cb (gpointer user_data)
{
  GuardConn *c = user_data;
  g_clear_pointer (&c->watch, g_source_unref);   /* removed on return */
  g_atomic_int_inc (&c->refs);
  conn_take_back (c);
  conn_unref (c);
  return G_SOURCE_REMOVE;
}

static void
conn_take_back_soon (GuardConn *c)
{
  if (c->watch || !c->guard)
    return;
  c->watch = g_idle_source_new ();
  g_source_set_callback (c->watch, conn_take_back_cb, c, NULL);
  g_source_attach (c->watch, NULL);
}

/* ------------------------------------------------------------ reading */

static gboolean conn_head_readable (GSocket *socket, GIOCondition cond,
                                    gpointer user_data);

/* Reads what there is; returns FALSE once the connection has left the
 * head phase (handed over, refused or closed). */
static gboolean
conn_read_head (GuardConn *c)
{
  NgHttpGuard *guard = c->guard;
  for (;;) {
    guint len = c->head->len;
    g_byte_array_set_size (c->head, len + GUARD_READ_CHUNK);
    g_autoptr (GError) error = NULL;
    gssize n = g_socket_receive_with_blocking (c->socket, (char *) c->head->data + len,
                                               GUARD_READ_CHUNK, FALSE, NULL, &error);
    g_byte_array_set_size (c->head, n > 0 ? len + (guint) n : len);
    if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
      return TRUE;
    if (n <= 0) {
      /* the client hung up (or reset) before its request was complete */
      conn_forget (c);
      return FALSE;
    }

    gsize head_len = 0;
    switch (ng_http_head_scan (c->head->data, c->head->len, guard->max_line,
                               guard->max_head, &head_len)) {
    case NG_HTTP_HEAD_INCOMPLETE:
      continue;
    case NG_HTTP_HEAD_COMPLETE:
      conn_hand_over (c);
      return FALSE;
    case NG_HTTP_HEAD_BAD:
      conn_refuse (c, SOUP_STATUS_BAD_REQUEST, "malformed request head");
      return FALSE;
    case NG_HTTP_HEAD_URI_TOO_LONG: {
      g_autofree char *why = g_strdup_printf (
        "request line longer than %zu bytes; send a long query with POST",
        guard->max_line);
      conn_refuse (c, SOUP_STATUS_REQUEST_URI_TOO_LONG, why);
      return FALSE;
    }
    case NG_HTTP_HEAD_TOO_LARGE: {
      g_autofree char *why = g_strdup_printf (
        "request header fields longer than %zu bytes", guard->max_head);
      conn_refuse (c, 431, why);
      return FALSE;
    }
    }
  }
}

static gboolean
conn_head_readable (GSocket *socket, GIOCondition cond, gpointer user_data)
{
  GuardConn *c = user_data;
  /* the watch stays in c->watch until the connection leaves the phase */
  return conn_read_head (c) ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
guard_take (NgHttpGuard *guard, GSocket *socket)
{
  GSocketAddress *remote = g_socket_get_remote_address (socket, NULL);
  if (remote == NULL) {
    g_socket_close (socket, NULL);
    g_object_unref (socket);
    return;
  }
  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);

  GuardConn *c = g_new0 (GuardConn, 1);
  c->refs = 1;
  c->guard = guard;
  c->phase = PHASE_HEAD;
  c->socket = socket;
  c->remote = remote;
  c->head = g_byte_array_sized_new (GUARD_READ_CHUNK);
  c->accepted = g_get_monotonic_time ();
  c->deadline = c->accepted + guard->timeout_us;
  g_hash_table_replace (guard->conns, c->remote, c);

  /* a client usually sends its request with the connect: read it now */
  if (conn_read_head (c)) {
    c->watch = g_socket_create_source (socket, G_IO_IN, NULL);
    g_source_set_callback (c->watch, G_SOURCE_FUNC (conn_head_readable), c, NULL);
    g_source_attach (c->watch, NULL);
  }
}

/* ------------------------------------------------------------ accepting */

static void guard_watch_listener (NgHttpGuard *guard);

static gboolean
guard_resume_accept (gpointer user_data)
{
  NgHttpGuard *guard = user_data;
  g_clear_pointer (&guard->accept_pause, g_source_unref);
  guard_watch_listener (guard);
  return G_SOURCE_REMOVE;
}

static gboolean
guard_acceptable (GSocket *listener, GIOCondition cond, gpointer user_data)
{
  NgHttpGuard *guard = user_data;
  for (int i = 0; i < GUARD_ACCEPTS_PER_WAKEUP; i++) {
    g_autoptr (GError) error = NULL;
    GSocket *socket = g_socket_accept (listener, NULL, &error);
    if (socket) {
      guard_take (guard, socket);
      continue;
    }
    if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
      return G_SOURCE_CONTINUE;
    /* out of descriptors (or the like): the pending connection stays
     * queued and the listener readable; pause rather than spin */
    if (!guard->quiet)
      g_printerr ("nieuwsgraaf: accepting a connection: %s\n", error->message);
    g_clear_pointer (&guard->accept_watch, g_source_unref);
    guard->accept_pause = g_timeout_source_new (GUARD_ACCEPT_PAUSE_MS);
    g_source_set_callback (guard->accept_pause, guard_resume_accept, guard, NULL);
    g_source_attach (guard->accept_pause, NULL);
    return G_SOURCE_REMOVE;
  }
  return G_SOURCE_CONTINUE;
}

static void
guard_watch_listener (NgHttpGuard *guard)
{
  guard->accept_watch = g_socket_create_source (guard->listener, G_IO_IN, NULL);
  g_source_set_callback (guard->accept_watch, G_SOURCE_FUNC (guard_acceptable),
                         guard, NULL);
  g_source_attach (guard->accept_watch, NULL);
}

/* ------------------------------------------------------------ deadlines */

static gboolean
guard_sweep (gpointer user_data)
{
  NgHttpGuard *guard = user_data;
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer value;
  GPtrArray *expired = NULL;

  g_hash_table_iter_init (&iter, guard->conns);
  while (g_hash_table_iter_next (&iter, NULL, &value)) {
    GuardConn *c = value;
    if (c->deadline == 0 || now < c->deadline)
      continue;
    if (!expired)
      expired = g_ptr_array_new ();
    g_ptr_array_add (expired, c);
  }
  if (!expired)
    return G_SOURCE_CONTINUE;

  for (guint i = 0; i < expired->len; i++) {
    GuardConn *c = expired->pdata[i];
    c->deadline = 0;
    switch (c->phase) {
    case PHASE_HEAD:
      /* what arrived while the main loop was busy still counts */
      if (!conn_read_head (c))
        break;
      if (c->head->len > 0) {
        g_autofree char *why = g_strdup_printf (
          "no complete request within %.0f s",
          (double) guard->timeout_us / G_USEC_PER_SEC);
        conn_refuse (c, SOUP_STATUS_REQUEST_TIMEOUT, why);
      } else {
        conn_forget (c);   /* an idle connection: just close it */
      }
      break;
    case PHASE_SOUP:
      conn_take_back (c);
      break;
    case PHASE_LINGER:
      conn_forget (c);
      break;
    }
  }
  g_ptr_array_unref (expired);
  return G_SOURCE_CONTINUE;
}

static GuardConn *
guard_conn_of (NgHttpGuard *guard, SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);
  return remote ? g_hash_table_lookup (guard->conns, remote) : NULL;
}

/* A request must be read in full within the deadline from its first byte
 * (libsoup 3.2 announces it then); a connection may stay idle between
 * requests as long. */
static void
guard_request_started (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  NgHttpGuard *guard = user_data;
  GuardConn *c = guard_conn_of (guard, msg);
  if (c) {
    c->deadline = g_get_monotonic_time () + guard->timeout_us;
    g_set_object (&c->msg, msg);
  }
}

static void
guard_request_read (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  GuardConn *c = guard_conn_of (user_data, msg);
  if (c && c->msg == msg)
    c->deadline = 0;     /* answering it takes what it takes */
}

static void
guard_request_done (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  NgHttpGuard *guard = user_data;
  GuardConn *c = guard_conn_of (guard, msg);
  if (c && c->msg == msg) {
    g_clear_object (&c->msg);
    c->deadline = g_get_monotonic_time () + guard->timeout_us;
  }
}

/* ------------------------------------------------------------ lifecycle */

NgHttpGuard *
ng_http_guard_new (SoupServer *soup, GSocket *listener,
                   const NgHttpGuardOptions *options, GError **error)
{
  g_return_val_if_fail (SOUP_IS_SERVER (soup), NULL);
  g_return_val_if_fail (G_IS_SOCKET (listener), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  NgHttpGuardOptions defaults = { 0 };
  if (!options)
    options = &defaults;

  /* libsoup keeps a connection alive after a response only while it has a
   * listener of its own (request_finished() in soup-server.c checks its
   * list of listeners).  It gets the guard's socket, with its watch on a
   * main context nobody runs: every connection still comes through here. */
  GMainContext *unrun = g_main_context_new ();
  g_main_context_push_thread_default (unrun);
  gboolean listening = soup_server_listen_socket (soup, listener, 0, error);
  g_main_context_pop_thread_default (unrun);
  if (!listening) {
    g_main_context_unref (unrun);
    return NULL;
  }

  NgHttpGuard *guard = g_new0 (NgHttpGuard, 1);
  guard->unrun = unrun;
  guard->soup = g_object_ref (soup);
  guard->listener = g_object_ref (listener);
  guard->timeout_us = (gint64) (options->timeout_ms ? options->timeout_ms
                                : NG_HTTP_GUARD_DEFAULT_TIMEOUT_MS) * 1000;
  guard->max_line = options->max_request_line
    ? options->max_request_line : NG_HTTP_GUARD_MAX_REQUEST_LINE;
  guard->max_head = options->max_head ? options->max_head : NG_HTTP_GUARD_MAX_HEAD;
  guard->quiet = options->quiet;
  guard->conns = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                        (GDestroyNotify) conn_unref);
  guard->on_started = g_signal_connect (soup, "request-started",
                                        G_CALLBACK (guard_request_started), guard);
  guard->on_read = g_signal_connect (soup, "request-read",
                                     G_CALLBACK (guard_request_read), guard);
  guard->on_finished = g_signal_connect (soup, "request-finished",
                                         G_CALLBACK (guard_request_done), guard);
  guard->on_aborted = g_signal_connect (soup, "request-aborted",
                                        G_CALLBACK (guard_request_done), guard);

  g_socket_set_blocking (listener, FALSE);
  guard_watch_listener (guard);
  guard->sweep = g_timeout_source_new_seconds (1);
  g_source_set_callback (guard->sweep, guard_sweep, guard, NULL);
  g_source_attach (guard->sweep, NULL);
  return guard;
}

static void
source_clear (GSource **source)
{
  if (*source) {
    g_source_destroy (*source);
    g_clear_pointer (source, g_source_unref);
  }
}

void
ng_http_guard_free (NgHttpGuard *guard)
{
  if (!guard)
    return;
  source_clear (&guard->accept_watch);
  source_clear (&guard->accept_pause);
  source_clear (&guard->sweep);
  g_signal_handler_disconnect (guard->soup, guard->on_started);
  g_signal_handler_disconnect (guard->soup, guard->on_read);
  g_signal_handler_disconnect (guard->soup, guard->on_finished);
  g_signal_handler_disconnect (guard->soup, guard->on_aborted);

  /* connections libsoup holds stay with it (it closes them when it is
   * disconnected); the guard's own are closed with the table */
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, guard->conns);
  while (g_hash_table_iter_next (&iter, NULL, &value)) {
    GuardConn *c = value;
    conn_stop_watch (c);
    c->guard = NULL;
  }
  g_hash_table_unref (guard->conns);
  g_main_context_unref (guard->unrun);
  g_object_unref (guard->listener);
  g_object_unref (guard->soup);
  g_free (guard);
}
