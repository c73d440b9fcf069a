/* publish-private.h — what the two ways of publishing share (src/publish.c,
 * the Graph Store protocol; src/publish-loader.c, Virtuoso's bulk loader). */
#ifndef NIEUWSGRAAF_PUBLISH_PRIVATE_H
#define NIEUWSGRAAF_PUBLISH_PRIVATE_H

#include <glib.h>

/* Checks that the stored article file KEY (NQUADS, LEN bytes) names one
 * graph, which it returns in *GRAPH_OUT (NULL for an empty file; the caller
 * frees it), with its number of quads in *COUNT; when NT is not NULL the
 * same lines are appended to it as N-Triples.  Errors name the file and
 * line. */
gboolean ng_publish_scan_article (const char *key, const char *nquads, gsize len,
                                  char **graph_out, GString *nt, guint *count,
                                  GError **error);

#endif
