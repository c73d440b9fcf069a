/* web.h — the visual view served by the endpoint (/graph and its assets). */
#ifndef NIEUWSGRAAF_WEB_H
#define NIEUWSGRAAF_WEB_H

#include <libsoup/soup.h>
#include "nieuwsgraaf/store.h"

G_BEGIN_DECLS

/* Registers the handlers of the visual view (/graph, /graph/…) on SERVER.
 * STORE stays owned by the caller and must outlive the server. */
void ng_web_register (SoupServer *server, NgStore *store);

G_END_DECLS

#endif
