/* timex.h — Dutch time expressions in news text, normalised against the
 * document date.
 *
 * Covers what news reports use to date events: "12 juni", "30 juni 2019",
 * "juni vorig jaar", "eind april", "begin mei", "vorig jaar", "vorige week",
 * "vorige maand", "gisteren", "vandaag", "donderdag", "woensdagavond"
 * (nearest past or coming weekday by tense), "afgelopen/aanstaande vrijdag",
 * "in 2018", and vague spans such as "de komende weken" (found, never given
 * a calendar value).  All words come from ontology/lexicon.tsv (kinds month,
 * month-part, relative-day, relative-week, relative-month, relative-year,
 * weekday, weekday-past, weekday-future, vague-period, year-preposition).
 *
 * Values carry the precision the text supports (day, month or year).
 * Relative expressions stay unresolved (precision NONE) without a document
 * date precise enough to resolve them; nothing is invented. */
#ifndef NIEUWSGRAAF_TIMEX_H
#define NIEUWSGRAAF_TIMEX_H

#include <glib.h>
#include "nieuwsgraaf/date.h"
#include "nieuwsgraaf/gazetteer.h"
#include "nieuwsgraaf/segment.h"

G_BEGIN_DECLS

/* Which way an ambiguous expression points: a bare weekday or a month
 * without a year is the nearest one before the document date when the
 * sentence reports something done, after it when it announces something. */
typedef enum {
  NG_TENSE_PAST,
  NG_TENSE_FUTURE
} NgTense;

typedef enum {
  NG_TIMEX_ABSOLUTE,   /* "30 juni 2019", "in 2018": needs no document date */
  NG_TIMEX_RELATIVE,   /* "vorige week", "12 juni": resolved against it */
  NG_TIMEX_VAGUE       /* "de komende weken": a time, but no value */
} NgTimexKind;

typedef struct {
  NgTimexKind kind;
  guint first_token;   /* token index in the sentence */
  guint n_tokens;
  gsize start, end;    /* byte offsets in the article text */
  NgDate value;        /* precision NONE when unresolved */
} NgTimex;

/* Every time expression of S, in text order, as an array of NgTimex (never
 * NULL, possibly empty; caller frees).  DOC is the document date (precision
 * NONE when the article has none). */
GArray *ng_timex_find (const NgGazetteer *gaz, const NgSentence *s,
                       const NgDate *doc, NgTense tense);

/* The tense of S from its auxiliaries and time adverbs (lexicon kind
 * "future"): FUTURE when one occurs, else PAST. */
NgTense ng_timex_sentence_tense (const NgGazetteer *gaz, const NgSentence *s);

G_END_DECLS

#endif
