/* lexmatch.c — reference phrases against sentence tokens.
 *
 * The words of every token are interned once per sentence in the
 * gazetteer's phrase index (a trie of word ids); a window of tokens is then
 * matched by walking the trie, with no phrase string built or hashed. */
#include "config.h"

#include <string.h>

#include "nieuwsgraaf/lexmatch.h"

char *
ng_sentence_phrase (const NgSentence *s, guint i, guint w)
{
  GString *g;

  if (w == 0 || i + w > s->tokens->len)
    return NULL;
  /* the tokens' normalised forms joined: the same as normalising the
     joined text, without doing it again for every window */
  g = g_string_new (NULL);
  for (guint k = i; k < i + w; k++)
    {
      NgToken *t = s->tokens->pdata[k];
      if (!t->is_word || t->norm == NULL)
        {
          g_string_free (g, TRUE);
          return NULL;
        }
      if (k > i && g->len > 0 && *t->norm)
        g_string_append_c (g, ' ');
      g_string_append (g, t->norm);
    }
  return g_string_free (g, FALSE);
}

/* Interns the words of every token of S (once per sentence and gazetteer).
 * The sentence is the caller's; the word ids are a cache of it, like the
 * tokens' width1. */
void
ng_sentence_intern (const NgGazetteer *gaz, const NgSentence *cs)
{
  NgSentence *s = (NgSentence *) cs;
  guint n = 0, at = 0;

  if (s->word_ids && s->word_ids_of == gaz)
    return;
  for (guint i = 0; i < s->tokens->len; i++)
    {
      NgToken *t = s->tokens->pdata[i];
      if (t->is_word && t->norm && *t->norm)
        {
          n++;
          for (const char *p = t->norm; *p; p++)
            n += *p == ' ';
        }
    }
  g_free (s->word_ids);
  s->word_ids = g_new (guint, MAX (n, 1));
  s->word_ids_of = gaz;
  for (guint i = 0; i < s->tokens->len; i++)
    {
      NgToken *t = s->tokens->pdata[i];
      t->width1 = 0;
      t->word_first = at;
      t->word_count = 0;
      if (!(t->is_word && t->norm))
        continue;
      for (const char *p = t->norm; *p;)
        {
          const char *sp = strchr (p, ' ');
          gsize len = sp ? (gsize) (sp - p) : strlen (p);
          s->word_ids[at++] = ng_gazetteer_word_id (gaz, p, len);
          t->word_count++;
          p += len;
          if (*p == ' ')
            p++;
        }
    }
}

/* The node after walking the words of token T from NODE (0: dead). */
static guint
walk_token (const NgGazetteer *gaz, const NgSentence *s, const NgToken *t,
            guint node)
{
  if (!t->is_word || t->norm == NULL)
    return 0;
  for (guint k = 0; k < t->word_count && node; k++)
    node = ng_gazetteer_phrase_next (gaz, node, s->word_ids[t->word_first + k]);
  return node;
}

guint
ng_sentence_phrase_node (const NgGazetteer *gaz, const NgSentence *s, guint i,
                         guint w)
{
  guint node = NG_PHRASE_ROOT;

  if (w == 0 || i + w > s->tokens->len)
    return 0;
  ng_sentence_intern (gaz, s);
  for (guint k = i; k < i + w && node; k++)
    node = walk_token (gaz, s, s->tokens->pdata[k], node);
  return node;
}

guint
ng_sentence_phrase_nodes (const NgGazetteer *gaz, const NgSentence *s, guint i,
                          guint max, guint *nodes)
{
  guint node = NG_PHRASE_ROOT, n = 0;

  ng_sentence_intern (gaz, s);
  for (guint k = i; n < max && k < s->tokens->len; k++)
    {
      node = walk_token (gaz, s, s->tokens->pdata[k], node);
      if (node == 0)
        break;
      nodes[n++] = node;
    }
  for (guint k = n; k < max; k++)
    nodes[k] = 0;
  return n;
}

const GPtrArray *
ng_sentence_entities (const NgGazetteer *gaz, const NgSentence *s, guint i,
                      guint w)
{
  return ng_gazetteer_phrase_entities (gaz, ng_sentence_phrase_node (gaz, s, i, w));
}

const char *
ng_sentence_role (const NgGazetteer *gaz, const NgSentence *s, guint i, guint w)
{
  return ng_gazetteer_phrase_role (gaz, ng_sentence_phrase_node (gaz, s, i, w));
}

gboolean
ng_sentence_starts_phrase_slow (const NgGazetteer *gaz, const NgSentence *s, guint i)
{
  NgToken *t = ng_sentence_token (s, i);
  if (t == NULL || !t->is_word)
    return FALSE;
  ng_sentence_intern (gaz, s);
  /* every rule asks this of every token: remember the answer (the
     reference data does not change while an article is extracted) */
  if (t->width1 == 0)
    {
      t->width1 = 1 + (t->word_count
                       ? ng_gazetteer_word_width (gaz, s->word_ids[t->word_first])
                       : ng_gazetteer_phrase_width (gaz, t->norm));
      /* the lexicon windows every rule asks about, walked once */
      if (t->width1 > 1)
        ng_sentence_phrase_nodes (gaz, s, i, G_N_ELEMENTS (t->lex_nodes), t->lex_nodes);
    }
  return t->width1 > 1;
}

guint
ng_lex_at (const NgGazetteer *gaz, const NgSentence *s, guint i,
           const char *kind, const NgLexEntry **out)
{
  const guint *nodes;

  if (!ng_sentence_starts_phrase (gaz, s, i))
    return 0;
  /* the longest of the windows of 1..3 tokens */
  nodes = ng_sentence_token (s, i)->lex_nodes;
  for (guint w = 3; w >= 1; w--)
    {
      const NgLexEntry *e = nodes[w - 1]
                            ? ng_gazetteer_phrase_lexicon (gaz, nodes[w - 1], kind) : NULL;
      if (e)
        {
          if (out)
            *out = e;
          return w;
        }
    }
  return 0;
}

gboolean
ng_lex_is (const NgGazetteer *gaz, const NgSentence *s, guint i,
           const char *kind)
{
  return ng_sentence_lexicon (gaz, s, i, kind) != NULL;
}

const NgLexEntry *
ng_sentence_lexicon (const NgGazetteer *gaz, const NgSentence *s, guint i,
                     const char *kind)
{
  if (!ng_sentence_starts_phrase (gaz, s, i))
    return NULL;
  return ng_gazetteer_phrase_lexicon (gaz, ng_sentence_token (s, i)->lex_nodes[0], kind);
}

const NgLexEntry *
ng_sentence_lexicon_pair (const NgGazetteer *gaz, const NgSentence *s, guint i,
                          guint k, const char *kind)
{
  NgToken *a = ng_sentence_token (s, i), *b = ng_sentence_token (s, k);
  if (a == NULL || b == NULL)
    return NULL;
  ng_sentence_intern (gaz, s);
  /* "a b" of two tokens' norms: an empty norm leaves a stray space, which
     no phrase has */
  if (a->word_count == 0 || b->word_count == 0)
    return NULL;
  return ng_gazetteer_phrase_lexicon (
      gaz, walk_token (gaz, s, b, walk_token (gaz, s, a, NG_PHRASE_ROOT)), kind);
}
