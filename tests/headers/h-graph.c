/* graph.h must compile on its own */
#include "nieuwsgraaf/graph.h"
#include "nieuwsgraaf/graph.h"
int ng_header_graph_compiles (void);
int ng_header_graph_compiles (void) { return 1; }
