/* export.h must compile on its own */
#include "nieuwsgraaf/export.h"
#include "nieuwsgraaf/export.h"
int ng_header_export_compiles (void);
int ng_header_export_compiles (void) { return 1; }
