/* timex.h must compile on its own */
#include "nieuwsgraaf/timex.h"
#include "nieuwsgraaf/timex.h"
int ng_header_timex_compiles (void);
int ng_header_timex_compiles (void) { return 1; }
