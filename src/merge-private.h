/* merge-private.h — what the merge (merge.c) and the reading of article
 * graphs into merge facts (merge-facts.c) share. */
#ifndef NG_MERGE_PRIVATE_H
#define NG_MERGE_PRIVATE_H

#include <glib.h>
#include <redland.h>

#include "nieuwsgraaf/date.h"
#include "nieuwsgraaf/merge.h"

typedef struct {
  char *iri;
  GHashTable *types;        /* IRI set */
  GHashTable *names;        /* name -> count */
  GHashTable *alt;          /* surface forms */
  GHashTable *articles;     /* article IRI set */
  GHashTable *same_as;
  char *lat, *lon, *contained_in;
  guint mentions;
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
} Merge;

struct NgMerge
{
  Merge m;
};

void ng_merge_entity_free (gpointer entity);
void ng_merge_event_free (gpointer event);
void ng_merge_article_free (gpointer article);
void ng_merge_sentence_free (gpointer sentence);

#endif
