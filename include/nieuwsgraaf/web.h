/* web.h — the visual view served by the endpoint (/graph and its assets). */
#ifndef NIEUWSGRAAF_WEB_H
#define NIEUWSGRAAF_WEB_H

#include <libsoup/soup.h>
#include "nieuwsgraaf/store.h"

G_BEGIN_DECLS

/* Registers the handlers of the visual view on SERVER:
 *   /graph                  the interactive HTML view (as export --format html)
 *   /graph/elements.json    Cytoscape.js elements
 *   /graph/graph.graphml, /graph/graph.gexf, /graph/graph.dot,
 *   /graph/meetings.csv     the visualizer exports
 * with the export's filters as query parameters (view=people|full, from, to,
 * person).  Pages are generated from STORE's merged graph per request.
 * STORE stays owned by the caller and must outlive the server. */
void ng_web_register (SoupServer *server, NgStore *const *store);

G_END_DECLS

#endif
