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
  char *n;

  if (w == 0 || i + w > s->tokens->len)
    return NULL;
  g = g_string_new (NULL);
  for (guint k = i; k < i + w; k++)
    {
      NgToken *t = s->tokens->pdata[k];
      if (!t->is_word)
        {
          g_string_free (g, TRUE);
          return NULL;
        }
      if (k > i)
        g_string_append_c (g, ' ');
      g_string_append (g, t->text);
    }
  n = ng_normalize_name (g->str);
  g_string_free (g, TRUE);
  return n;
}

guint
ng_lex_at (const NgGazetteer *gaz, const NgSentence *s, guint i,
           const char *kind, const NgLexEntry **out)
{
  for (guint w = 3; w >= 1; w--)
    {
      g_autofree char *p = ng_sentence_phrase (s, i, w);
      const NgLexEntry *e;
      if (p == NULL)
        continue;
      e = ng_gazetteer_lexicon (gaz, kind, p);
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
  return t && t->is_word && ng_gazetteer_lexicon (gaz, kind, t->text) != NULL;
}
