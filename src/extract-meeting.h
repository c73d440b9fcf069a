/* extract-meeting.h — what the Dutch meeting modules share
 * (extract-events.c, extract-triggers.c, extract-participants.c,
 * extract-context.c, extract-status.c; extract-english.c uses a few):
 * small token tests and the rules one module asks of another.  Not
 * installed. */
#ifndef NIEUWSGRAAF_EXTRACT_MEETING_H
#define NIEUWSGRAAF_EXTRACT_MEETING_H

#include <string.h>
#include "extract-private.h"

G_BEGIN_DECLS

/* how far back (in sentences) a meeting can be referred to */
#define ANTECEDENT_SENTENCES 8
/* how far back a pronoun finds its person ("Hij …", "Volgens hem …" carry
 * it on) */
#define PRONOUN_SENTENCES 4

static inline gboolean
xt_is_kind (const Ctx *c, const NgSentence *s, guint i, const char *kind)
{
  return i < s->tokens->len && ng_lex_is (c->gaz, s, i, kind);
}

static inline const char *
xt_lex_value (const Ctx *c, const NgSentence *s, guint i, const char *kind)
{
  const NgLexEntry *e = NULL;
  return i < s->tokens->len && ng_lex_at (c->gaz, s, i, kind, &e) ? e->value : NULL;
}

/* ";" or ":" — a break no clause rule looks across */
static inline gboolean
xt_hard_break (const NgSentence *s, guint i)
{
  NgToken *t = ng_sentence_token (s, i);
  return t && !t->is_word && (g_str_equal (t->text, ";") || g_str_equal (t->text, ":"));
}

static inline gboolean
xt_word_is (const NgToken *t, const char *w, gsize len)
{
  return t->is_word && t->norm && strlen (t->norm) == len && memcmp (t->norm, w, len) == 0;
}

/* Token index of mention M in S, G_MAXUINT when it lies elsewhere. */
static inline guint
xt_token_of (const NgSentence *s, const NgMention *m)
{
  return m->sentence == s->index ? xt_token_index (s, m->start) : G_MAXUINT;
}

/* ---- triggers and clauses (extract-triggers.c) */

/* A lexicon phrase of KIND whose words stand in order from token I on, each
 * within GAP tokens of the one before ("schoof ook X aan"); a one-word
 * phrase matches at I only.  Never across ";" or ":". */
G_GNUC_INTERNAL const NgLexEntry *xt_gapped_at (const Ctx *c,
                                                const NgSentence *s, guint i,
                                                const char *kind, guint gap);

/* Is token J in another clause than the trigger at T?  After the trigger a
 * subordinate clause ("ontmoeting sinds Biden in januari aantrad", "…,
 * nadat hij in Japan was") or ";"/":" separate it, but a relative pronoun
 * right after the meeting noun describes the meeting ("de top, die in juni
 * …"); before the trigger only ";"/":" do. */
G_GNUC_INTERNAL gboolean xt_cut_off (const Ctx *c, const NgSentence *s, guint t,
                                     guint j);

/* "hij", "hem" (lexicon kinds subject-pronoun, object-pronoun). */
G_GNUC_INTERNAL gboolean xt_is_pronoun (const Ctx *c, const NgSentence *s,
                                        guint i);

/* The token of every meeting trigger of S (negated ones too: "geen top in
 * X" keeps X). */
G_GNUC_INTERNAL GArray *xt_all_triggers (const Ctx *c, const NgSentence *s);

/* Does token J belong to another trigger of the sentence than T?  A date
 * or place belongs to the last trigger before it (the first trigger when
 * it comes before all of them): "deze top leverde minder op dan de eerste top
 * in juni in Singapore" — June and Singapore are the first top's. */
G_GNUC_INTERNAL gboolean xt_nearer_other (const GArray *trigs, guint t,
                                          guint j);

/* Where the search for the next trigger goes on: after this trigger's
 * clause, or at the next trigger when the clause runs on past it (so that
 * "deze top … dan de eerste top in Singapore" are two meeting mentions). */
G_GNUC_INTERNAL guint xt_next_after (guint seg_to, guint next,
                                     guint after_trigger);

/* The next meeting trigger at or after token FROM and the token range its
 * participants come from.  A trigger noun followed by "tussen"/"van"
 * ("de ontmoeting tussen A en B") takes the names that follow it up to the
 * next clause mark; when a second trigger with two or more names of its own
 * follows ("X zal Y ontmoeten om te praten over de top tussen A en B"), the
 * first trigger's names stop there. */
G_GNUC_INTERNAL gboolean xt_meeting_trigger (const Ctx *c, const NgSentence *s,
                                             guint from,
                                             const NgLexEntry **trig, guint *at,
                                             guint *width, guint *seg_from,
                                             guint *seg_to, guint *next_at);

/* ---- participants (extract-participants.c) */

/* A person who only reports on the meeting: a spokesperson ("woordvoerder
 * X", or listed as one at the document date) or the source of the report
 * ("volgens X", "aldus X"). */
G_GNUC_INTERNAL gboolean xt_reports_only (const Ctx *c, const NgSentence *s,
                                          const NgMention *m, guint at);

/* Is the person of M in LIST (NgMention*)? */
G_GNUC_INTERNAL gboolean xt_has_person (const GPtrArray *list,
                                        const NgMention *m);

/* Adds M to LIST unless NULL or its person is there already. */
G_GNUC_INTERNAL void xt_add_participant (GPtrArray *list, NgMention *m);

/* "hij", "hem": the person named last before the pronoun (at most
 * PRONOUN_SENTENCES sentences back) who is not a spokesperson; a subject
 * pronoun refers to a subject, not to a name governed by a preposition ("…
 * ontvangen door president X, daarna spreekt hij …"); an object pronoun is
 * not the subject of its own clause, so it skips the persons of that
 * clause. */
G_GNUC_INTERNAL NgMention *xt_pronoun_referent (const Ctx *c,
                                                const NgSentence *s, guint at);

/* Does meeting M include every person of WANT? */
G_GNUC_INTERNAL gboolean xt_includes_all (const NgMeetingMention *m,
                                          const GPtrArray *want);

/* Do A and B have the same persons? */
G_GNUC_INTERNAL gboolean xt_same_participants (const NgMeetingMention *a,
                                               const NgMeetingMention *b);

/* The meeting a mention refers back to: of this article's meetings of the
 * last ANTECEDENT_SENTENCES sentences with two or more participants, those
 * including every one of WANT; the latest, or with FIRST the earliest (an
 * attendance or "beide leiders" refers to the meeting the article is about,
 * which it names first). */
G_GNUC_INTERNAL const NgMeetingMention *xt_antecedent (const Ctx *c,
                                                       const NgSentence *s,
                                                       const GPtrArray *want,
                                                       gboolean first);

/* 1-based number of M among the article's meetings (0 if not there). */
G_GNUC_INTERNAL guint xt_meeting_number (const Ctx *c,
                                         const NgMeetingMention *m);

/* "de twee leiders" with no meeting named before: the last two persons
 * named before this sentence (at most two sentences back). */
G_GNUC_INTERNAL gboolean xt_last_two (const Ctx *c, const NgSentence *s,
                                      GPtrArray *out);

/* "Noord-Koreaanse functionarissen", "de Chinese delegatie": a delegation
 * named by a country adjective attends for that country's government. */
G_GNUC_INTERNAL NgMention *xt_delegation_at (Ctx *c, const NgSentence *s,
                                             guint i);

/* An attendance phrase of S ("aan tafel zaten ook", "schoof … aan", "was
 * erbij aanwezig"), unless negated ("was niet aanwezig"). */
G_GNUC_INTERNAL const NgLexEntry *xt_attendance (const Ctx *c,
                                                 const NgSentence *s,
                                                 guint *at);

/* A meeting noun that refers back: "het gesprek", "hun eerste ontmoeting",
 * "deze top" — a definite word before it with at most two lower-case words
 * between, none of them marking another meeting ("de derde top"). */
G_GNUC_INTERNAL gboolean xt_anaphoric_noun (const Ctx *c, const NgSentence *s,
                                            guint at, const NgLexEntry *trig);

/* ---- place and date (extract-context.c) */

/* Is M a country (places.tsv type)? */
G_GNUC_INTERNAL gboolean xt_is_country (const NgMention *m);

/* The place of a meeting whose trigger is token T of S in tokens
 * [FROM, TO): the most specific candidate (a city or site over its country),
 * in the trigger's clause, nearest the trigger; a place right before "waar"
 * ("Guangzhou, …, waar Xi hem ontvangt") beats the others. */
G_GNUC_INTERNAL NgMention *xt_find_place (const Ctx *c, const NgSentence *s,
                                          guint first_mention, guint t,
                                          guint from, guint to,
                                          const GArray *trigs,
                                          const char **why);

/* One meeting told twice in an article ("… spraken in Peking met elkaar.
 * Xi ontving Macron bij de Grote Hal van het Volk."): the same participants,
 * compatible dates, one at a city and one at a building or site of the same
 * country.  The reference data does not say which city holds a building, so
 * the text does: both mentions take the city, so that they stay one meeting
 * with the reports of other articles. */
G_GNUC_INTERNAL char *xt_same_event_place (const Ctx *c, const NgSentence *s,
                                           NgMeetingMention *mm);

/* A held meeting told again without a date of its own ("De top van A en
 * B in Hanoi vorige maand mislukte, A sprak in Hanoi met B"): the latest
 * held mention of the article's last ANTECEDENT_SENTENCES sentences with the
 * same participants, a date and a compatible place. */
G_GNUC_INTERNAL const NgMeetingMention *xt_repeated (const Ctx *c,
                                                     const NgSentence *s,
                                                     const NgMeetingMention *mm);

/* The place sentence S is set in, for the next sentence: its most specific
 * place after a locative preposition or a visit. */
G_GNUC_INTERNAL NgMention *xt_scene_place (const Ctx *c, const NgSentence *s);

/* The date of a meeting at token T: of the sentence's time expressions in
 * the trigger's clause, the nearest; a more precise one it contains refines
 * it ("dit jaar al één keer, op 15 augustus").  FALSE when the clause has
 * none (another clause's "sinds januari" is not the meeting's date). */
G_GNUC_INTERNAL gboolean xt_meeting_date (Ctx *c, const NgSentence *s,
                                          gboolean planned, guint t,
                                          const GArray *trigs, NgDate *out,
                                          gboolean *refined, guint *at);

/* The most precise resolved date of sentence S (past tense), or NONE. */
G_GNUC_INTERNAL NgDate xt_sentence_date (const Ctx *c, const NgSentence *s);

/* The sentence before S, or NULL. */
G_GNUC_INTERNAL const NgSentence *xt_previous_sentence (const Ctx *c,
                                                        const NgSentence *s);

/* ---- status (extract-status.c) */

/* "geen (nieuwe) ontmoeting", "zal Kim niet ontmoeten", "er zijn geen
 * plannen voor een top": the text says this meeting does not take place. */
G_GNUC_INTERNAL const char *xt_negated (const Ctx *c, const NgSentence *s,
                                        guint at, const NgLexEntry *trig);

/* Planned, held, cancelled or failed, by the status words of S nearest
 * the trigger at TRIG_AT (a cancelling word anywhere wins); *WORD says
 * which. */
G_GNUC_INTERNAL NgEventStatus xt_meeting_status (Ctx *c, const NgSentence *s,
                                                 guint trig_at,
                                                 const NgLexEntry *trig,
                                                 const char **word);

G_END_DECLS

#endif
