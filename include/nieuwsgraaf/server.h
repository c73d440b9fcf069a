/* server.h — the SPARQL 1.1 Protocol endpoint over HTTP (libsoup 3). */
#ifndef NIEUWSGRAAF_SERVER_H
#define NIEUWSGRAAF_SERVER_H

#include <glib.h>
#include "nieuwsgraaf/store.h"

G_BEGIN_DECLS

typedef struct {
  const char *bind;        /* address, default "127.0.0.1" */
  guint port;              /* 0 picks a free port */
  gsize max_query_bytes;   /* default 1 MiB */
  gboolean quiet;
  /* a request's head (and body) must arrive within this, else 408 or the
   * connection is closed; also how long an idle connection is kept; 0: 20 s */
  guint header_timeout_ms;
  /* The store's directory: queries then run on WORKERS threads (default:
   * the number of processors), each with its own read-only handle on it.
   * NULL (an in-memory store): queries run one at a time on STORE. */
  const char *store_dir;
  guint workers;
  guint timeout_ms;        /* query time limit, then 503; 0: 30 s */
  guint max_solutions;     /* intermediate solutions per query, then 503;
                              0: NG_SPARQL_MAX_SOLUTIONS */
  /* SPARQL Update is accepted with "Authorization: Bearer UPDATE_TOKEN";
   * NULL or empty: updates are refused (403).  Updates go through the
   * store's curation log (curation.h); copied. */
  const char *update_token;
  /* The server takes STORE: it frees it, and as soon as it serves a newer
   * generation (a build, an update), so that the old generation is let go
   * of (a later build may take those files as its spare). */
  gboolean take_store;
} NgServerOptions;

typedef struct NgServer NgServer;

/* Starts listening; STORE stays owned by the caller and must outlive the
 * server, unless OPTIONS->take_store (then it is the server's, also when
 * this fails). */
NgServer *ng_server_new (NgStore *store, const NgServerOptions *options,
                         GError **error);
void ng_server_free (NgServer *server);

/* The port actually bound. */
guint ng_server_get_port (NgServer *server);

/* Runs the main loop until SIGINT/SIGTERM. */
void ng_server_run (NgServer *server);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NgServer, ng_server_free)

G_END_DECLS

#endif
