/* lexmatch.h — matching lexicon phrases (ontology/lexicon.tsv) against the
 * tokens of a sentence.  Shared by the extraction modules so that every one
 * of them matches words the same way (normalised: case, diacritics, hyphens). */
#ifndef NIEUWSGRAAF_LEXMATCH_H
#define NIEUWSGRAAF_LEXMATCH_H

#include <glib.h>
#include "nieuwsgraaf/gazetteer.h"
#include "nieuwsgraaf/segment.h"

G_BEGIN_DECLS

/* Token I of S, or NULL past the end.  Inline: every rule asks it of every
 * token. */
static inline NgToken *
ng_sentence_token (const NgSentence *s, guint i)
{
  return s && i < s->tokens->len ? (NgToken *) s->tokens->pdata[i] : NULL;
}

/* Interns the words of every token of S in GAZ's phrase index (word_ids,
 * word_first, word_count); done once per sentence and gazetteer, and by
 * every lookup below when not yet done. */
void ng_sentence_intern (const NgGazetteer *gaz, const NgSentence *s);

/* Normalised text of tokens [I, I+W) joined by spaces; NULL when one of
 * them is not a word or the range runs past the sentence.  Caller frees. */
char *ng_sentence_phrase (const NgSentence *s, guint i, guint w);

/* The node of the gazetteer's phrase index reached by the words of tokens
 * [I, I+W) (see ng_gazetteer_phrase_next()); 0 when no reference phrase is
 * or starts with them, or where ng_sentence_phrase() gives NULL.  The first
 * call on S interns its words and keeps them in S. */
guint ng_sentence_phrase_node (const NgGazetteer *gaz, const NgSentence *s,
                               guint i, guint w);

/* The nodes of the windows [I, I+1) … [I, I+MAX) in NODES[0 … MAX-1], in
 * one walk (0 from the first window no phrase continues); returns how many
 * are not 0. */
guint ng_sentence_phrase_nodes (const NgGazetteer *gaz, const NgSentence *s,
                                guint i, guint max, guint *nodes);

/* ng_gazetteer_lookup_norm() and ng_gazetteer_role_for_norm() of
 * ng_sentence_phrase (S, I, W), without building the phrase. */
const GPtrArray *ng_sentence_entities (const NgGazetteer *gaz,
                                       const NgSentence *s, guint i, guint w);
const char *ng_sentence_role (const NgGazetteer *gaz, const NgSentence *s,
                              guint i, guint w);

/* TRUE when some reference phrase (name, role, lexicon) starts with token
 * I of S: when FALSE, no lookup starting there can succeed. */
gboolean ng_sentence_starts_phrase_slow (const NgGazetteer *gaz, const NgSentence *s,
                                         guint i);
static inline gboolean
ng_sentence_starts_phrase (const NgGazetteer *gaz, const NgSentence *s, guint i)
{
  /* the answer cached in the token once the sentence's words are interned */
  NgToken *t = ng_sentence_token (s, i);
  if (t == NULL || !t->is_word)
    return FALSE;
  if (s->word_ids_of == (const void *) gaz && t->width1 != 0)
    return t->width1 > 1;
  return ng_sentence_starts_phrase_slow (gaz, s, i);
}

/* Width (1..3 words) of the longest lexicon phrase of KIND starting at token
 * I, 0 for none; *OUT (may be NULL) receives the entry. */
guint ng_lex_at (const NgGazetteer *gaz, const NgSentence *s, guint i,
                 const char *kind, const NgLexEntry **out);

/* TRUE when token I is a word listed under KIND (one-word lookup). */
gboolean ng_lex_is (const NgGazetteer *gaz, const NgSentence *s, guint i,
                    const char *kind);

/* The lexicon entry of KIND for token I alone (as ng_lex_is()), or NULL. */
const NgLexEntry *ng_sentence_lexicon (const NgGazetteer *gaz,
                                       const NgSentence *s, guint i,
                                       const char *kind);

/* The lexicon entry of KIND for the two-word phrase of tokens I and K (not
 * necessarily adjacent: separable verbs), or NULL. */
const NgLexEntry *ng_sentence_lexicon_pair (const NgGazetteer *gaz,
                                            const NgSentence *s, guint i,
                                            guint k, const char *kind);

G_END_DECLS

#endif
