/* query.h must compile on its own */
#include "nieuwsgraaf/query.h"
#include "nieuwsgraaf/query.h"
int ng_header_query_compiles (void);
int ng_header_query_compiles (void) { return 1; }
