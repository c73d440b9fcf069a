/* lexmatch.h must compile on its own */
#include "nieuwsgraaf/lexmatch.h"
#include "nieuwsgraaf/lexmatch.h"
int ng_header_lexmatch_compiles (void);
int ng_header_lexmatch_compiles (void) { return 1; }
