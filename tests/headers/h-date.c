/* date.h must compile on its own */
#include "nieuwsgraaf/date.h"
#include "nieuwsgraaf/date.h"
int ng_header_date_compiles (void);
int ng_header_date_compiles (void) { return 1; }
