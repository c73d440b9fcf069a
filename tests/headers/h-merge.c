/* merge.h must compile on its own */
#include "nieuwsgraaf/merge.h"
#include "nieuwsgraaf/merge.h"
int ng_header_merge_compiles (void);
int ng_header_merge_compiles (void) { return 1; }
