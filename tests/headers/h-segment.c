/* segment.h must compile on its own */
#include "nieuwsgraaf/segment.h"
#include "nieuwsgraaf/segment.h"
int ng_header_segment_compiles (void);
int ng_header_segment_compiles (void) { return 1; }
