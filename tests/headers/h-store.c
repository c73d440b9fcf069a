/* store.h must compile on its own */
#include "nieuwsgraaf/store.h"
#include "nieuwsgraaf/store.h"
int ng_header_store_compiles (void);
int ng_header_store_compiles (void) { return 1; }
