/* web.c — the visual view served by the endpoint.  The interactive network
 * and timeline are built by the exports work (issue: exports and visual
 * view); until then no handler is registered and /graph answers 404. */
#include "config.h"

#include "nieuwsgraaf/web.h"

void
ng_web_register (SoupServer *server, NgStore *store)
{
  (void) server;
  (void) store;
}
