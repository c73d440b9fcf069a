/* extract.h must compile on its own */
#include "nieuwsgraaf/extract.h"
#include "nieuwsgraaf/extract.h"
int ng_header_extract_compiles (void);
int ng_header_extract_compiles (void) { return 1; }
