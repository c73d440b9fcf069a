/* segment.h — sentences and tokens with byte and character offsets. */
#ifndef NIEUWSGRAAF_SEGMENT_H
#define NIEUWSGRAAF_SEGMENT_H

#include <glib.h>
#include "nieuwsgraaf/gazetteer.h"

G_BEGIN_DECLS

typedef struct {
  gsize start;         /* byte offset in the text */
  gsize end;           /* byte offset just past the token */
  char *text;          /* the token (UTF-8) */
  gboolean capitalised;/* starts with an upper-case letter */
  gboolean is_word;    /* letters/digits (with inner hyphens or apostrophes) */
  char *norm;          /* words: ng_normalize_name() of text, else NULL */
  guint width1;        /* 1 + ng_gazetteer_phrase_width() of norm, cached by
                          ng_sentence_starts_phrase(); 0 until then */
  guint word_first;    /* the words of norm in the sentence's word_ids: */
  guint word_count;    /* [word_first, word_first + word_count) */
  guint lex_nodes[3];  /* phrase-index nodes of the windows of 1..3 tokens
                          from here, cached with width1 when it is > 1 */
} NgToken;

/* The language of a sentence or of a passage in it. */
typedef enum {
  NG_LANG_NL,          /* Dutch, or nothing that says otherwise */
  NG_LANG_EN           /* English function words clearly dominate */
} NgLanguage;

typedef struct {
  guint index;         /* 0-based sentence number */
  guint paragraph;     /* 0-based paragraph number */
  gsize start;         /* byte offsets in the text */
  gsize end;
  glong char_start;    /* character offset of start */
  char *text;          /* the sentence, whitespace squeezed */
  GPtrArray *tokens;   /* NgToken* */
  guint *word_ids;     /* lexmatch's cache: the phrase-index word id of every
                          word of every token's norm (src/lexmatch.c);
                          NULL until a phrase is first matched */
  const void *word_ids_of; /* the gazetteer they were interned in */
  NgLanguage lang;     /* of the sentence as a whole (ng_segment_languages) */
  guint en_from;       /* its English passage: tokens [en_from, en_to) — */
  guint en_to;         /* all of it when lang is EN, a quoted span ("'We had a
                          great meeting', twitterde X") in a Dutch sentence,
                          or none (en_from == en_to) */
  guint n_en, n_nl;    /* English and Dutch function words of the sentence */
} NgSentence;

/* Splits TEXT (valid UTF-8) into sentences.  Returns NgSentence* elements,
 * freed by the array. */
GPtrArray *ng_segment (const char *text, gsize len);

/* Marks the English sentences of SENTENCES (from ng_segment()) and the
 * English quoted spans of Dutch ones, by the function words of the
 * gazetteer's lexicon (kind function-word, value nl|en): English when at
 * least two English ones and three times as many as Dutch ones (a quoted
 * span: also one English and no Dutch one among four words or more).
 * Interns the sentences' words in GAZ (see ng_sentence_intern()). */
void ng_segment_languages (const NgGazetteer *gaz, GPtrArray *sentences);

G_END_DECLS

#endif
