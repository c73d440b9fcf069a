/* http-guard.h — the endpoint's front door (private to the server).
 *
 * libsoup 3.2 answers a header line without a colon with 200, drops a
 * request line over its 64 kB header limit without a word, and has no
 * deadline for a request head, so a client that stops (or hangs up) in the
 * middle of one holds its descriptor for ever.  The guard accepts the
 * connections itself, reads and checks each connection's first request
 * head under a deadline, answers what is malformed (400, 414, 431, 408)
 * and hands the rest to libsoup with the bytes already read put back in
 * front.  On a keep-alive connection it watches libsoup's later requests:
 * one not read in full within the deadline gets its connection shut down.
 */
#ifndef NIEUWSGRAAF_HTTP_GUARD_H
#define NIEUWSGRAAF_HTTP_GUARD_H

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define NG_HTTP_GUARD_DEFAULT_TIMEOUT_MS 20000
/* Below libsoup's own 64 kB, past which it closes without a response. */
#define NG_HTTP_GUARD_MAX_REQUEST_LINE ((gsize) 32 * 1024)
#define NG_HTTP_GUARD_MAX_HEAD ((gsize) 60 * 1024)

typedef struct {
  guint timeout_ms;        /* deadline for a whole request; 0: 20 s */
  gsize max_request_line;  /* 0: NG_HTTP_GUARD_MAX_REQUEST_LINE */
  gsize max_head;          /* 0: NG_HTTP_GUARD_MAX_HEAD */
  gboolean quiet;          /* no log line for refused requests */
} NgHttpGuardOptions;

typedef struct NgHttpGuard NgHttpGuard;

/* Accepts connections on LISTENER (bound and listening) on the default
 * main context and hands them to SOUP, which must have no other listener.
 * Both are referenced until ng_http_guard_free(), which comes after
 * soup_server_disconnect(). */
NgHttpGuard *ng_http_guard_new (SoupServer *soup, GSocket *listener,
                                const NgHttpGuardOptions *options,
                                GError **error);
void ng_http_guard_free (NgHttpGuard *guard);

/* What the first LEN bytes of a connection say about its request head. */
typedef enum {
  NG_HTTP_HEAD_INCOMPLETE = 0,     /* read on */
  NG_HTTP_HEAD_COMPLETE = 1,       /* *HEAD_LEN: its length with the blank line */
  NG_HTTP_HEAD_BAD = 400,          /* a malformed line */
  NG_HTTP_HEAD_URI_TOO_LONG = 414, /* request line over MAX_LINE */
  NG_HTTP_HEAD_TOO_LARGE = 431     /* head over MAX_HEAD */
} NgHttpHeadStatus;

NgHttpHeadStatus ng_http_head_scan (const guint8 *data, gsize len,
                                    gsize max_line, gsize max_head,
                                    gsize *head_len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NgHttpGuard, ng_http_guard_free)

G_END_DECLS

#endif
