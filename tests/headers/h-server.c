/* server.h must compile on its own */
#include "nieuwsgraaf/server.h"
#include "nieuwsgraaf/server.h"
int ng_header_server_compiles (void);
int ng_header_server_compiles (void) { return 1; }
