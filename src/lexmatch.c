/* lexmatch.c — lexicon phrases against sentence tokens. */
#include "config.h"

#include "nieuwsgraaf/lexmatch.h"

NgToken *
ng_sentence_token (const NgSentence *s, guint i)
{
  return s && i < s->tokens->len ? s->tokens->pdata[i] : NULL;
}

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

gboolean
ng_sentence_starts_phrase (const NgGazetteer *gaz, const NgSentence *s, guint i)
{
  NgToken *t = ng_sentence_token (s, i);
  if (t == NULL || !t->is_word)
    return FALSE;
  /* every rule asks this of every token: remember the answer (the
     reference data does not change while an article is extracted) */
  if (t->width1 == 0)
    t->width1 = 1 + ng_gazetteer_phrase_width (gaz, t->norm);
  return t->width1 > 1;
}

guint
ng_lex_at (const NgGazetteer *gaz, const NgSentence *s, guint i,
           const char *kind, const NgLexEntry **out)
{
  if (!ng_sentence_starts_phrase (gaz, s, i))
    return 0;
  for (guint w = 3; w >= 1; w--)
    {
      g_autofree char *p = w > 1 ? ng_sentence_phrase (s, i, w) : NULL;
      const NgLexEntry *e;
      if (w > 1 && p == NULL)
        continue;
      e = ng_gazetteer_lexicon_norm (gaz, kind, w > 1 ? p : ng_sentence_token (s, i)->norm);
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
  NgToken *t = ng_sentence_token (s, i);
  return ng_sentence_starts_phrase (gaz, s, i)
         && ng_gazetteer_lexicon_norm (gaz, kind, t->norm) != NULL;
}
