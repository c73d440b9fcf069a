/* stats.h — what the merged graph holds, counted. */
#ifndef NIEUWSGRAAF_STATS_H
#define NIEUWSGRAAF_STATS_H

#include <glib.h>
#include "nieuwsgraaf/store.h"

G_BEGIN_DECLS

typedef struct {
  guint articles;           /* article graphs stored */
  guint persons, places, countries, organisations;
  guint meetings, meetings_held, meetings_planned, meetings_cancelled;
  guint sanctions, sanction_events;
  guint triples;            /* in the merged graph */
  gboolean current;         /* merged from exactly the stored articles */
} NgStats;

/* Counts the merged graph of STORE. */
void ng_stats_compute (NgStore *store, NgStats *out);

G_END_DECLS

#endif
