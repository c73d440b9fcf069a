/* web.h must compile on its own */
#include "nieuwsgraaf/web.h"
#include "nieuwsgraaf/web.h"
int ng_header_web_compiles (void);
int ng_header_web_compiles (void) { return 1; }
