/* merge-state.h — the keyed state of a merged graph (merge-state.c) and the
 * merges that use it (merge-incr.c). */
#ifndef NG_MERGE_STATE_H
#define NG_MERGE_STATE_H

#include "merge-private.h"

NgMergeState *ng_merge_state_open (const char *path, gboolean create, GError **error);

/* records (see merge-state.c for the kinds) */
char *ng_state_get (NgMergeState *st, char kind, const char *key, gsize *len);
void ng_state_put (NgMergeState *st, char kind, const char *key, const char *value,
                   gsize len);
void ng_state_del (NgMergeState *st, char kind, const char *key);
gboolean ng_state_each (NgMergeState *st, char kind,
                        void (*fn) (const char *key, gsize key_len, const char *value,
                                    gsize len, gpointer data),
                        gpointer data);
char *ng_facts_graph (const char *facts, gsize len);
GPtrArray *ng_state_get_holders (NgMergeState *st, const char *graph);
void ng_state_put_holders (NgMergeState *st, const char *graph, GPtrArray *keys);
GString *ng_state_graph_journal (NgMergeState *st);

const NodeSum *ng_state_node_sum (gpointer state, const char *subject);
const NgMergeNodes *ng_state_preds (NgMergeState *st);
void ng_state_put_nodes (NgMergeState *st, const NgMergeNodes *now, GPtrArray *removed,
                         gint64 delta);

gboolean ng_entity_is_empty (const Entity *e);
void ng_state_put_entity (NgMergeState *st, const Entity *e);
Entity *ng_state_get_entity (NgMergeState *st, const char *iri);
void ng_state_put_event (NgMergeState *st, const Event *e, gboolean meeting);
Event *ng_state_get_event (NgMergeState *st, const char *iri, gboolean *meeting);
void ng_state_get_list (NgMergeState *st, char kind, const char *key, char tag,
                        GHashTable *into);
void ng_list_append (GString *out, char tag, GHashTable *set);
/* A meeting mention in a person's list (P record): its date and, so that
 * the clustering replay can pass over it without reading the mention, its
 * place in the clustering order and its meeting (the founding mention and
 * the founder's place in the order).  An entry of an older state has only
 * the date (KNOWN FALSE): the mention is read. */
typedef struct {
  NgDate date;
  gboolean known;
  guint nparts;                       /* participants */
  char *founder;                      /* NULL: in no meeting */
  guint founder_nparts;
  NgDatePrecision founder_precision;
  /* the replay's own, not stored: whether the build changes the mention
     (-1: not yet looked up), and the meeting the replay put it in (""
     none; NULL: not replayed) */
  gint changed;
  char *replayed;
} NgDated;
NgDated *ng_dated_new (const Event *e, const Event *founder);
void ng_dated_free (gpointer d);
void ng_dated_append (GString *out, GHashTable *dated);
/* A person's list is kept by month: the record "M person\tBUCKET" holds the
 * mentions dated in that month ("YYYY-MM"), year ("YYYY", year only) or
 * undated (""), and "Q person" the person's buckets, so that a build
 * rewrites only the months its mentions fall in.  (A state of an older
 * format has one record "P person" with the whole list.) */
void ng_dated_bucket (const NgDate *d, char bucket[8]);
void ng_state_get_dated (NgMergeState *st, char kind, const char *key, GHashTable *into);
void ng_state_get_buckets (NgMergeState *st, const char *person, GHashTable *into);
void ng_state_put_bucket (NgMergeState *st, const char *person, const char *bucket,
                          GHashTable *dated);
void ng_state_put_buckets (NgMergeState *st, const char *person, GHashTable *buckets);
char *ng_bucket_key (const char *person, const char *bucket);
void ng_state_put_sentence (NgMergeState *st, const char *iri, const Sentence *s,
                            guint uses);
Sentence *ng_state_get_sentence (NgMergeState *st, const char *iri, guint *uses);

/* merge-incr.c, shared with merge-replay.c */
typedef struct {
  NgMergeState *st;
  Merge *pm;                /* the partial merge: what is rewritten */
  GHashTable *known;        /* IRI -> Entity or NULL: read for lookups only */
  GHashTable *events;       /* IRI -> Event: unchanged mentions, as stored */
} NgIncr;
GHashTable *ng_incr_str_set (void);
GHashTable *ng_incr_set_table (void);
GHashTable *ng_incr_set_in (GHashTable *sets, const char *key);
GHashTable *ng_incr_dated_in (GHashTable *sets, const char *key);
void ng_incr_fill_article_date (Merge *m, Event *e);
void ng_incr_count_use (GHashTable *uses, const Event *e, gint delta);
Event *ng_incr_stored_event (NgIncr *c, const char *iri);
gboolean ng_incr_needs_full (GError **error, const char *why);
void ng_incr_status_candidates (GHashTable *cand, const Event *old);
gboolean ng_incr_old_versions (NgIncr *c, GPtrArray *events, GHashTable *old,
                               GError **error);
/* Meetings (merge-replay.c): the clustering replayed where it can change;
   the meetings that differ written through O; their old nodes into CAND,
   changes of sentence citations into USES. */
gboolean ng_incr_meetings (NgIncr *c, Merge *om, Merge *nm, GHashTable *cand,
                           GHashTable *uses, Out *o, GError **error);

#endif
