/* vocab.h must compile on its own */
#include "nieuwsgraaf/vocab.h"
#include "nieuwsgraaf/vocab.h"
int ng_header_vocab_compiles (void);
int ng_header_vocab_compiles (void) { return 1; }
