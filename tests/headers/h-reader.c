/* reader.h must compile on its own */
#include "nieuwsgraaf/reader.h"
#include "nieuwsgraaf/reader.h"
int ng_header_reader_compiles (void);
int ng_header_reader_compiles (void) { return 1; }
