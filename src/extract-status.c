/* extract-status.c — the status of a Dutch meeting mention: negated
 * ("er komt geen nieuwe ontmoeting"), and planned, held, cancelled or
 * failed by the status words of its sentence. */
#include "config.h"

#include <string.h>

#include "extract-meeting.h"

/* "geen (nieuwe) ontmoeting", "zal Kim niet ontmoeten", "er zijn geen
 * plannen voor een top": the text says this meeting does not take place. */
const char *
xt_negated (const Ctx *c, const NgSentence *s, guint at, const NgLexEntry *trig)
{
  gboolean noun = g_strcmp0 (trig->value, "noun") == 0
                  || g_strcmp0 (trig->value, "visit") == 0;
  for (guint back = 1; back <= 3 && back <= at; back++)
    {
      guint i = at - back;
      const char *v = xt_lex_value (c, s, i, "negation");
      if (v && (g_strcmp0 (v, "both") == 0 || g_strcmp0 (v, noun ? "noun" : "verb") == 0))
        return ng_sentence_token (s, i)->text;
      if (!ng_sentence_token (s, i)->is_word)
        break;
    }
  for (guint back = 1; back <= 6 && back <= at; back++)
    {
      const NgLexEntry *e = NULL;
      if (xt_hard_break (s, at - back))
        break;
      if (ng_lex_at (c->gaz, s, at - back, "negated-plan", &e))
        return e->phrase;
    }
  return NULL;
}

NgEventStatus
xt_meeting_status (Ctx *c, const NgSentence *s, guint trig_at, const NgLexEntry *trig,
                const char **word)
{
  NgEventStatus status = NG_STATUS_HELD;
  guint best = G_MAXUINT, n = s->tokens->len;

  /* a cancelling word anywhere in the sentence wins; otherwise the status
     word nearest the trigger decides (so "heeft vandaag een ontmoeting
     gehad en de gesprekken zullen voortduren" is held); a verb trigger in
     the infinitive ("hoopt X te ontmoeten") is not held.  A failed meeting
     ("de top is mislukt", "zonder akkoord") took place: Failed. */
  *word = NULL;
  xt_cache_sentence (c, s);
  if (c->status_hits == NULL)
    {
      c->status_hits = g_array_new (FALSE, FALSE, sizeof (XtHit));
      for (guint i = 0; i < n; i++)
        {
          XtHit h = { i, NULL };
          if (ng_lex_at (c->gaz, s, i, "status", &h.e)
              || xt_lex_split_verb (c, s, i, "status", &h.e))
            g_array_append_val (c->status_hits, h);
        }
    }
  for (guint h = 0; h < c->status_hits->len; h++)
    {
      guint i = g_array_index (c->status_hits, XtHit, h).at;
      const NgLexEntry *st = g_array_index (c->status_hits, XtHit, h).e;
      guint d = i > trig_at ? i - trig_at : trig_at - i;
      if (strcmp (st->value, "Cancelled") == 0)
        {
          status = NG_STATUS_CANCELLED;
          best = 0;
          *word = st->phrase;
        }
      else if (d < best)
        {
          status = strcmp (st->value, "Held") == 0 ? NG_STATUS_HELD
                   : strcmp (st->value, "Failed") == 0 ? NG_STATUS_FAILED
                                                        : NG_STATUS_PLANNED;
          best = d;
          *word = st->phrase;
        }
    }
  if (status == NG_STATUS_HELD && best == G_MAXUINT && trig_at > 0
      && g_strcmp0 (trig->value, "noun") != 0
      && ng_lex_is (c->gaz, s, trig_at - 1, "infinitive-mark"))
    status = NG_STATUS_PLANNED, *word = "infinitive of the verb";
  return status;
}
