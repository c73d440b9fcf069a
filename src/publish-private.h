/* publish-private.h — what the two ways of publishing share (src/publish.c,
 * the Graph Store protocol; src/publish-loader.c, Virtuoso's bulk loader). */
#ifndef NIEUWSGRAAF_PUBLISH_PRIVATE_H
#define NIEUWSGRAAF_PUBLISH_PRIVATE_H

#include <gio/gio.h>
#include <redland.h>

#include "nieuwsgraaf/publish.h"

/* Overwrites SECRET before freeing it (NULL is fine): a password should not
 * linger in freed memory (core dumps, swap). */
void ng_publish_free_secret (char *secret);

/* Formats one line for FUNC (nothing when FUNC is NULL). */
void ng_publish_log (NgPublishLogFunc func, gpointer data, const char *fmt, ...)
  G_GNUC_PRINTF (3, 4);

/* A raptor iostream handler whose context is a GString ** : it appends to
 * the GString the pointer points to at the time (which may be swapped). */
extern const raptor_iostream_handler ng_publish_gstring_handler;

/* Checks that the stored article file KEY (NQUADS, LEN bytes) names one
 * graph, which it returns in *GRAPH_OUT (NULL for an empty file; the caller
 * frees it), with its number of quads in *COUNT; when NT is not NULL the
 * same lines are appended to it as N-Triples.  Errors name the file and
 * line. */
gboolean ng_publish_scan_article (const char *key, const char *nquads, gsize len,
                                  char **graph_out, GString *nt, guint *count,
                                  GError **error);

/* ---- Virtuoso's isql client (src/publish-isql.c), for the loader */

typedef struct {
  const char *program;    /* isql-vt */
  const char *server;     /* HOST:PORT */
  const char *user;
  const char *password;   /* goes on isql's command line: it takes it nowhere else */
} NgIsql;

/* Starts ISQL with EXEC as its statements, or (EXEC NULL) reading them from
 * standard input; standard error is merged into standard output. */
GSubprocess *ng_isql_spawn (const NgIsql *isql, const char *exec, GError **error);
/* Turns a finished isql's exit status and OUTPUT into an error: the first
 * "*** Error" it printed, as NG_PUBLISH_ERROR_AUTH (refused login),
 * _CONNECT (no server) or _LOADER prefixed with WHAT. */
gboolean ng_isql_check (const NgIsql *isql, GSubprocess *proc, const char *output,
                        const char *what, GError **error);
/* Runs SCRIPT in one session; its output in *OUTPUT when wanted.  isql goes
 * on after an error, so the caller splits scripts where a failure must stop
 * what follows. */
gboolean ng_isql_run (const NgIsql *isql, const char *script, const char *what,
                      char **output, GError **error);
/* The values of the rows printed as "TAG|…" (a select of concat ('TAG|',
 * …)): isql pads columns, so a tag marks ours.  Free with g_ptr_array_unref. */
GPtrArray *ng_isql_tagged_rows (const char *output, const char *tag);

#endif
