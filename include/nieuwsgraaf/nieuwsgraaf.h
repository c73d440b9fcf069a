/* nieuwsgraaf.h — everything. */
#ifndef NIEUWSGRAAF_H
#define NIEUWSGRAAF_H

#include "nieuwsgraaf/vocab.h"
#include "nieuwsgraaf/date.h"
#include "nieuwsgraaf/reader.h"
#include "nieuwsgraaf/gazetteer.h"
#include "nieuwsgraaf/segment.h"
#include "nieuwsgraaf/extract.h"
#include "nieuwsgraaf/graph.h"
#include "nieuwsgraaf/merge.h"
#include "nieuwsgraaf/store.h"
#include "nieuwsgraaf/query.h"
#include "nieuwsgraaf/server.h"

#endif
