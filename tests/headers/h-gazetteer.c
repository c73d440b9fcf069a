/* gazetteer.h must compile on its own */
#include "nieuwsgraaf/gazetteer.h"
#include "nieuwsgraaf/gazetteer.h"
int ng_header_gazetteer_compiles (void);
int ng_header_gazetteer_compiles (void) { return 1; }
