/* extract-private.h must compile on its own */
#include "config.h"
#include "extract-private.h"
#include "extract-private.h"
int ng_header_extract_private_compiles (void);
int ng_header_extract_private_compiles (void) { return 1; }
