/* extract-private.h — what the extraction modules (extract.c,
 * extract-persons.c, extract-events.c) share: the running state of one
 * article's extraction and the helpers every rule uses.  Not installed. */
#ifndef NIEUWSGRAAF_EXTRACT_PRIVATE_H
#define NIEUWSGRAAF_EXTRACT_PRIVATE_H

#include <glib.h>
#include "nieuwsgraaf/extract.h"
#include "nieuwsgraaf/lexmatch.h"
#include "nieuwsgraaf/timex.h"

G_BEGIN_DECLS

/* One person named in full: the latest such mention, and when it was made
 * (recency decides between people who share a short form). */
typedef struct {
  NgMention *latest;
  guint64 seq;
} XtPerson;

/* The persons of one pass, indexed so that a short form, a role holder or
 * a new mention finds its candidates without rescanning everyone seen:
 * long texts stay linear in their length. */
typedef struct {
  GHashTable *by_entity;     /* NgEntity* -> XtPerson* (owned) */
  GHashTable *by_name;       /* unlisted: name (owned) -> XtPerson* (owned) */
  GHashTable *by_word;       /* word of the normalised name (two or more
                                characters, owned) -> GPtrArray of XtPerson* */
  GPtrArray *listed;         /* XtPerson* with an entity, in order named */
  guint64 seq;
} XtPersons;

typedef struct {
  const NgGazetteer *gaz;
  const NgArticle *article;
  const char *text;
  const NgDate *doc_date;
  NgExtraction *ex;
  XtPersons *seen;           /* the persons named in full so far */
  GPtrArray *all_persons;    /* full-name person mentions of the whole text
                                (first pass), for short forms that come
                                before the full name */
  GPtrArray *all_distinct;   /* the last of all_persons for each person */
  GHashTable *all_by_word;   /* word of a name -> GPtrArray of the
                                all_distinct mentions with it, in order */
  GHashTable *last_of_entity;/* entity -> 1 + index of its latest mention
                                in ex->mentions */
  GHashTable *counts;        /* person name -> full-name mentions so far */
  GHashTable *all_counts;    /* person name -> full-name mentions in the text */
  gboolean no_short_forms;   /* first pass */
  NgMention *last_target;    /* target of the previous sanction mention */
  /* per-sentence caches: every trigger of a sentence asks the same */
  const NgSentence *cache_s;
  GArray *status_hits;       /* XtHit: the status words of cache_s */
  GArray *timex[2];          /* NgTimex of cache_s by tense, or NULL */
} Ctx;

typedef struct {
  guint at;
  const NgLexEntry *e;
} XtHit;

/* Held or failed: the meeting took place (its date is in the past). */
static inline gboolean
xt_took_place (NgEventStatus s)
{
  return s == NG_STATUS_HELD || s == NG_STATUS_FAILED;
}

G_GNUC_INTERNAL XtPersons *xt_persons_new (void);
G_GNUC_INTERNAL void xt_persons_free (XtPersons *p);
/* Calls FUNC for each word (two or more characters) of normalised NAME once. */
G_GNUC_INTERNAL void xt_name_words (const char *norm,
                                    void (*func) (const char *word, gsize len,
                                                  gpointer data),
                                    gpointer data);

/* Points the per-sentence caches at S (emptied when S is new). */
G_GNUC_INTERNAL void xt_cache_sentence (Ctx *c, const NgSentence *s);

G_GNUC_INTERNAL void xt_meeting_free (gpointer p);

/* Separable verbs: "word … particle" as one lexicon phrase of KIND. */
G_GNUC_INTERNAL gboolean xt_lex_split_verb (const Ctx *c, const NgSentence *s,
                                            guint i, const char *kind,
                                            const NgLexEntry **out);
/* A mention of tokens [I, I+W) of S, owned by the extraction; EXPLAIN (may
 * be NULL) says which rule found it. */
G_GNUC_INTERNAL NgMention *xt_add_mention (Ctx *c, const NgSentence *s, guint i,
                                           guint w, NgEntityKind kind,
                                           const NgEntity *e, const char *name,
                                           gboolean by_role);
G_GNUC_INTERNAL gboolean xt_same_person (const NgMention *a, const NgMention *b);
G_GNUC_INTERNAL const NgRole *xt_role_at (const NgEntity *e, const char *key,
                                          const char *country, const NgDate *date);
G_GNUC_INTERNAL gboolean xt_find_date (Ctx *c, const NgSentence *s,
                                       gboolean planned, guint at, NgDate *out);
G_GNUC_INTERNAL guint xt_token_index (const NgSentence *s, gsize start);
G_GNUC_INTERNAL const char *xt_person_country (const NgMention *m,
                                               const NgDate *date);
/* Sets M's explanation (printf-style); replaces any earlier one. */
G_GNUC_INTERNAL void xt_explain (NgMention *m, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

G_GNUC_INTERNAL void xt_find_entities (Ctx *c, const NgSentence *s);
G_GNUC_INTERNAL guint xt_find_meeting (Ctx *c, const NgSentence *s,
                                       guint first_mention, guint from_token);
/* The speaker of a quote in S: the person right after a speech verb ("…',
 * zei Trump", "twitterde hij") or right before it ("Trump zei: '…'"). */
G_GNUC_INTERNAL NgMention *xt_speaker (const Ctx *c, const NgSentence *s);
/* An earlier meeting mention of the article that says all MM says (its
 * participants, status, place and a date at least as precise), or NULL. */
G_GNUC_INTERNAL NgMeetingMention *xt_told_before (const Ctx *c, const NgSentence *s,
                                                  const NgMeetingMention *mm);
/* Meetings of the English passage of S (extract-english.c). */
G_GNUC_INTERNAL void xt_find_meeting_en (Ctx *c, const NgSentence *s,
                                         guint first_mention);
G_GNUC_INTERNAL void xt_find_sanction (Ctx *c, const NgSentence *s,
                                       guint first_mention);

G_END_DECLS

#endif
