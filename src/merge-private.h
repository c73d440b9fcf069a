/* merge-private.h — what the merge (merge.c) and the reading of article
 * graphs into merge facts (merge-facts.c) share. */
#ifndef NG_MERGE_PRIVATE_H
#define NG_MERGE_PRIVATE_H

#include <glib.h>
#include <redland.h>

#include "nieuwsgraaf/date.h"
#include "nieuwsgraaf/merge.h"

/* The sets of an entity count how many facts put each member there, so that
 * an incremental merge can take an article's contribution out again. */
typedef struct {
  char *iri;
  GHashTable *types;        /* IRI -> count */
  GHashTable *names;        /* name -> count */
  GHashTable *alt;          /* surface form -> count */
  GHashTable *articles;     /* article IRI -> count */
  GHashTable *same_as;      /* IRI -> count */
  GHashTable *described;    /* "lat\tlon\tcontained-in" -> count (D records) */
  GHashTable *children;     /* entities described as inside this one -> count */
  char *lat, *lon, *contained_in;
  guint mentions;
  /* PARTIAL: ARTICLES holds only what a change names (an entity read from
     the merge state, which keeps the number of its articles, NARTICLES,
     not the list); its prov:wasDerivedFrom are then written as a delta
     (ng_out_delta), not whole */
  gboolean partial;
  guint narticles;
} Entity;

typedef struct {
  char *iri;                /* the mention node */
  char *article;
  char *sentence;
  GPtrArray *participants;  /* IRIs (char*), sorted */
  NgDate date;
  char *place;
  char *status;
  char *target, *imposer, *actor, *action;
  char *article_date;       /* the article's dcterms:date (status history) */
  char *cluster;            /* the merge's result: the mention that founded
                               the meeting it joined */
  gboolean used;            /* the merge's result: part of a merged node */
} Event;

typedef struct {
  char *iri;
  char *title, *date, *date_type, *source;
} Article;

typedef struct {
  char *iri;
  char *article;
  char *text;
  char *index, *byte_offset, *char_offset;
} Sentence;

typedef struct {
  librdf_world *world;
  GHashTable *entities;     /* IRI -> Entity */
  GPtrArray *meetings;      /* Event* */
  GPtrArray *sanctions;     /* Event* */
  GHashTable *articles;     /* IRI -> Article */
  GHashTable *sentences;    /* IRI -> Sentence */
  GHashTable *people_seen;  /* the articles whose facts' people half was
                               added without the records half (their IRIs),
                               or NULL */
  /* entities outside ENTITIES that clustering may look up (containment of
     places); NULL: none */
  Entity *(*lookup_entity) (gpointer data, const char *iri);
  gpointer lookup_data;
  GHashTable *target_nodes; /* target IRI -> GPtrArray of the sanction nodes
                               written for it (set by the writer) */
} Merge;

struct NgMerge
{
  Merge m;
};

void ng_merge_entity_free (gpointer entity);
void ng_merge_event_free (gpointer event);
void ng_merge_article_free (gpointer article);
void ng_merge_sentence_free (gpointer sentence);

Entity *ng_merge_entity_new (const char *iri);
/* TABLE[KEY] += DELTA (a count table with owned string keys); removed at 0. */
void ng_count_add (GHashTable *table, const char *key, gint delta);
GHashTable *ng_count_table (void);
/* Adds (SIGN 1) or takes out (SIGN -1) what FROM says of an entity to TO. */
void ng_merge_entity_add (Entity *to, const Entity *from, gint sign);
/* The D value of an entity when all its descriptions agree ("" when none),
   NULL when they disagree. */
const char *ng_merge_entity_place_key (const Entity *e);
/* Sets lat, lon and contained_in from the one D value (see above). */
void ng_merge_entity_resolve (Entity *e);

/* Merge facts are tab-separated, escaped fields (see merge-facts.c). */
void ng_facts_put_field (GString *out, const char *value);
guint ng_facts_split (char *line, char **fields, guint max);
Event *ng_merge_event_copy (const Event *e);
/* A mention from record fields: F[2..9] are its sentence, place, status,
   target, imposer, actor, action and date (as in merge facts). */
Event *ng_merge_event_from_fields (const char *iri, const char *article, char **f,
                                   char **participants, guint n_participants);

/* What the merged graph holds about one subject. */
typedef struct {
  guint64 sum;      /* sum of the statements' hashes: order does not matter */
  guint32 count;
  guint64 preds;    /* bit i: predicate i of the table (63: 63 and later) */
} NodeSum;

struct NgMergeNodes
{
  GPtrArray *preds;         /* predicate IRIs, in bit order */
  GHashTable *pred_index;   /* IRI -> index + 1 */
  GHashTable *nodes;        /* subject IRI -> NodeSum */
};

/* A summary with no nodes and LIKE's predicate table (LIKE may be NULL). */
NgMergeNodes *ng_merge_nodes_new (const NgMergeNodes *like);
/* Moves FROM's node summaries into INTO, which has none of their subjects
 * (their predicates numbered as INTO numbers them); FALSE when it has one. */
gboolean ng_merge_nodes_absorb (NgMergeNodes *into, NgMergeNodes *from);

/* merge-sink.c: the sink that writes the merged graph node by node,
 * touching only nodes whose summary changed.  A node's statements are
 * added, then ng_out_flush ends it. */
typedef struct Out Out;
void ng_out_uri (Out *o, const char *s, const char *p, const char *obj);
void ng_out_literal (Out *o, const char *s, const char *p, const char *value,
                     const char *datatype);
void ng_out_int (Out *o, const char *s, const char *p, gint64 value);
void ng_out_flush (Out *o);
/* OLD: the predicate table of what OUT holds; OLD_SUM: its summaries. */
/* Logs every statement O adds or removes in JOURNAL (rdf-util.h). */
void ng_out_set_journal (Out *o, GString *journal);
/* SUBJECT's values of PRED are not written: the model keeps those it holds,
 * gains ADDED (objects, a set) and loses REMOVED (objects).  The node's
 * summary is brought up to date from the one stored; a value to add that
 * the model holds, or one to remove that it does not, means the merge
 * state and the graph disagree, and ng_out_finish fails with
 * NG_MERGE_ERROR_NEEDS_FULL.  Takes ADDED and REMOVED. */
void ng_out_delta (Out *o, const char *subject, const char *pred, GHashTable *added,
                   GPtrArray *removed);
/* The number of articles naming E. */
guint ng_entity_article_count (const Entity *e);
Out *ng_out_new (librdf_world *world, librdf_model *model, const NgMergeNodes *old,
                 const NodeSum *(*old_sum) (gpointer data, const char *subject),
                 gpointer old_data);
/* Removes SUBJECT's statements when it has an old summary and was not
   written since. */
gboolean ng_out_remove_stale (Out *o, const char *subject);
/* Frees O; returns the summaries of the nodes written (caller frees), how
   many nodes changed and how many statements were added minus removed; NULL
   with ERROR when writing failed. */
NgMergeNodes *ng_out_finish (Out *o, guint *changed, gint64 *triples_delta,
                             GError **error);
/* merge.c: the merged nodes, written through the sink */
void ng_merge_write_entity (Merge *m, Out *o, Entity *e);
void ng_merge_write_meetings (Merge *m, Out *o, GHashTable *used_sentences);
void ng_merge_write_sanctions (Merge *m, Out *o, GHashTable *used_sentences);
void ng_merge_write_article (Out *o, const Article *a);
void ng_merge_write_sentence (Out *o, const Sentence *s);
Entity *ng_merge_lookup_entity (Merge *m, const char *iri);
gboolean ng_merge_events_linked (Merge *m, const Event *a, const Event *b);
gboolean ng_merge_events_compatible (Merge *m, const Event *a, const Event *b);
gboolean ng_merge_founds_meeting (const Event *e);
/* The order in which clustering takes meeting mentions. */
int ng_merge_event_order (const Event *a, const Event *b);
/* The IRI of the meeting the mention FOUNDER founded. */
char *ng_merge_meeting_iri (const char *founder);

#endif
