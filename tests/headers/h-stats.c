/* stats.h must compile on its own */
#include "nieuwsgraaf/stats.h"
#include "nieuwsgraaf/stats.h"
int ng_header_stats_compiles (void);
int ng_header_stats_compiles (void) { return 1; }
