/* extract-events.c — meetings (trigger, participants of the clause,
 * status, place, date) and what is done about sanctions (action, actor,
 * target, imposer), from the mentions of a sentence. */
#include "config.h"

#include <string.h>

#include "extract-private.h"

static guint
persons_in (const Ctx *c, const NgSentence *s, guint from, guint to)
{
  guint n = 0;
  for (guint k = 0; k < c->ex->mentions->len; k++)
    {
      const NgMention *m = c->ex->mentions->pdata[k];
      guint at;
      if (m->sentence != s->index || m->kind != NG_ENTITY_PERSON)
        continue;
      at = xt_token_index (s, m->start);
      n += at >= from && at < to;
    }
  return n;
}
/* The next meeting trigger at or after token FROM and the token range its
 * participants come from.  A trigger noun followed by "tussen"/"van"
 * ("de ontmoeting tussen A en B") takes the names that follow it up to the
 * next clause mark; when a second trigger with two or more names of its own
 * follows ("X zal Y ontmoeten om te praten over de top tussen A en B"), the
 * first trigger's names stop there. */
static gboolean
meeting_trigger (const Ctx *c, const NgSentence *s, guint from,
                 const NgLexEntry **trig, guint *at, guint *seg_from,
                 guint *seg_to)
{
  guint n = s->tokens->len, w = 0, next = n;
  const NgLexEntry *e2 = NULL;

  *trig = NULL;
  for (guint i = from; i < n && *trig == NULL; i++)
    if ((w = ng_lex_at (c->gaz, s, i, "meeting", trig)))
      *at = i;
  if (*trig == NULL)
    return FALSE;
  for (guint i = *at + w; i < n; i++)
    if (ng_lex_at (c->gaz, s, i, "meeting", &e2))
      {
        next = i;
        break;
      }
  *seg_from = from;
  *seg_to = n;
  if (ng_lex_is (c->gaz, s, *at + w, "meeting-of"))
    {
      *seg_from = *at + w;
      for (guint i = *at + w; i < n; i++)
        {
          NgToken *t = ng_sentence_token (s, i);
          if (i >= next || (!t->is_word && !g_str_equal (t->text, "-"))
              || ng_lex_is (c->gaz, s, i, "clause-mark"))
            {
              *seg_to = i;
              break;
            }
        }
      if (persons_in (c, s, *seg_from, *seg_to) == 0)
        *seg_from = from, *seg_to = n;
    }
  else if (next < n && persons_in (c, s, next, n) >= 2
           && persons_in (c, s, from, next) >= 2)
    *seg_to = next;
  return TRUE;
}
/* A person who only reports on the meeting: a spokesperson ("woordvoerder
 * X", or listed as one at the document date) or the source of the report
 * ("volgens X", "aldus X"). */
static gboolean
reports_only (const Ctx *c, const NgSentence *s, const NgMention *m, guint at)
{
  if (at > 0 && ng_lex_is (c->gaz, s, at - 1, "source-marker"))
    return TRUE;
  for (guint w = 1; w <= 4 && w <= at; w++)
    {
      g_autofree char *p = ng_sentence_phrase (s, at - w, w);
      const char *role = p ? ng_gazetteer_role_for_noun (c->gaz, p) : NULL;
      if (role && ng_gazetteer_lexicon (c->gaz, "reporting-role", role))
        return TRUE;
    }
  if (m->entity)
    for (guint i = 0; i < m->entity->roles->len; i++)
      {
        const NgRole *r = m->entity->roles->pdata[i];
        if (ng_gazetteer_lexicon (c->gaz, "reporting-role", r->key)
            && c->doc_date->precision != NG_DATE_NONE
            && xt_role_at (m->entity, r->key, r->country, c->doc_date))
          return TRUE;
      }
  return FALSE;
}
/* One meeting mention from the first trigger at or after token FROM;
 * returns the token where the next trigger's search starts. */
guint
xt_find_meeting (Ctx *c, const NgSentence *s, guint first_mention, guint from_token)
{
  guint n = s->tokens->len;
  const NgLexEntry *trig = NULL;
  NgMeetingMention *mm;
  NgEventStatus status = NG_STATUS_HELD;

  guint trig_at = 0, seg_from = 0, seg_to = n;
  if (!meeting_trigger (c, s, from_token, &trig, &trig_at, &seg_from, &seg_to))
    return n;

  mm = g_new0 (NgMeetingMention, 1);
  mm->participants = g_ptr_array_new ();
  mm->sentence = s->index;
  mm->trigger = g_strdup (trig->phrase);
  for (guint k = first_mention; k < c->ex->mentions->len; k++)
    {
      NgMention *m = c->ex->mentions->pdata[k];
      gboolean dup = FALSE;
      guint at = xt_token_index (s, m->start);
      if (m->kind != NG_ENTITY_PERSON || at < seg_from || at >= seg_to
          || reports_only (c, s, m, at))
        continue;
      for (guint q = 0; q < mm->participants->len; q++)
        dup |= xt_same_person (mm->participants->pdata[q], m);
      if (!dup)
        g_ptr_array_add (mm->participants, m);
    }
  if (mm->participants->len == 0)
    {
      xt_meeting_free (mm);
      return seg_to;
    }

  /* status: a cancelling word anywhere in the sentence wins; otherwise the
     status word nearest the trigger decides (so "heeft vandaag een
     ontmoeting gehad en de gesprekken zullen voortduren" is held); a verb
     trigger in the infinitive ("hoopt X te ontmoeten") is not held */
  {
    guint best = G_MAXUINT;
    for (guint i = 0; i < n; i++)
      {
        const NgLexEntry *st = NULL;
        guint d = i > trig_at ? i - trig_at : trig_at - i;
        if (!(ng_lex_at (c->gaz, s, i, "status", &st)
              || xt_lex_split_verb (c, s, i, "status", &st)))
          continue;
        if (strcmp (st->value, "Cancelled") == 0)
          {
            status = NG_STATUS_CANCELLED;
            best = 0;
          }
        else if (d < best)
          {
            status = strcmp (st->value, "Held") == 0 ? NG_STATUS_HELD
                                                      : NG_STATUS_PLANNED;
            best = d;
          }
      }
    if (status == NG_STATUS_HELD && best == G_MAXUINT && trig_at > 0
        && g_strcmp0 (trig->value, "verb") == 0
        && ng_lex_is (c->gaz, s, trig_at - 1, "infinitive-mark"))
      status = NG_STATUS_PLANNED;
  }
  mm->status = status;

  /* place: a place after a locative preposition ("in Hanoi"), not a
     building used as an actor */
  for (guint k = first_mention; k < c->ex->mentions->len; k++)
    {
      NgMention *m = c->ex->mentions->pdata[k];
      if (m->kind != NG_ENTITY_PLACE)
        continue;
      for (guint i = 0; i < n; i++)
        {
          NgToken *t = ng_sentence_token (s, i);
          if (t->start != m->start)
            continue;
          /* "in Hanoi", "in de grensplaats X", "in het Zwitserse Genève":
             articles, lower-case nouns and adjectives may stand between */
          for (guint back = 1; back <= 3 && back <= i; back++)
            {
              NgToken *p = ng_sentence_token (s, i - back);
              if (p->is_word && ng_gazetteer_lexicon (c->gaz, "locative", p->text))
                {
                  /* the most specific place of the sentence wins: a city
                     or site over its country */
                  if (mm->place == NULL
                      || (g_strcmp0 (mm->place->entity ? mm->place->entity->type : NULL,
                                     "country") == 0
                          && g_strcmp0 (m->entity ? m->entity->type : NULL,
                                        "country") != 0))
                    mm->place = m;
                  break;
                }
              if (!(p->is_word
                    && (!p->capitalised
                        || ng_gazetteer_lookup_adjective (c->gaz, p->text))))
                break;
            }
        }
    }

  /* A held meeting reported without any date expression happened shortly
     before the report; at month precision the document date is what the
     text supports.  A date expression we cannot resolve blocks that guess. */
  gboolean vague = FALSE;
  for (guint i = 0; i < n; i++)
    if (ng_sentence_token (s, i)->is_word && ng_gazetteer_lexicon (c->gaz, "vague-time", ng_sentence_token (s, i)->text))
      vague = TRUE;
  if (!xt_find_date (c, s, status != NG_STATUS_HELD, trig_at, &mm->date)
      && status == NG_STATUS_HELD && !vague
      && c->doc_date->precision != NG_DATE_NONE)
    {
      mm->date = *c->doc_date;
      if (mm->date.precision == NG_DATE_DAY)
        mm->date.precision = NG_DATE_MONTH, mm->date.day = 0;
    }
  /* the date in a sentence that calls a meeting off is when it was called
     off, not when it was to take place */
  if (status == NG_STATUS_CANCELLED)
    mm->date.precision = NG_DATE_NONE;
  g_ptr_array_add (c->ex->meetings, mm);
  return seg_to;
}
static NgMention *
country_mention (Ctx *c, const NgSentence *s, const char *qid, guint at)
{
  const NgEntity *e = ng_gazetteer_by_wikidata (c->gaz, qid);
  NgToken *t = ng_sentence_token (s, at);
  if (e == NULL || t == NULL)
    return NULL;
  NgMention *m = xt_add_mention (c, s, at, 1, e->kind, e, NULL, TRUE);
  return m;
}
/* A person named as the source of the sentence ("aldus X", "volgens X"):
 * reports what others do, does not act. */
static gboolean
is_source (const Ctx *c, const NgSentence *s, const NgMention *m)
{
  guint at = xt_token_index (s, m->start);
  if (at == G_MAXUINT || at == 0 || !ng_lex_is (c->gaz, s, at - 1, "source-marker"))
    return FALSE;
  /* "... dat kunnen wij niet doen", aldus X: a quote in the first person is
     the source speaking for their own side */
  for (guint i = 0; i < s->tokens->len; i++)
    if (ng_lex_is (c->gaz, s, i, "first-person"))
      return FALSE;
  return TRUE;
}
void
xt_find_sanction (Ctx *c, const NgSentence *s, guint first_mention)
{
  guint n = s->tokens->len, noun_at = G_MAXUINT;
  const NgLexEntry *act = NULL;
  guint act_at = 0;
  gboolean demand = FALSE, refuse = FALSE;
  NgMention *target = NULL, *imposer = NULL, *actor = NULL;
  NgSanctionMention *sm;
  static const char *const pref[] = { "Lift", "Ease", "Tighten", "Threaten", "Impose" };

  for (guint i = 0; i < n && noun_at == G_MAXUINT; i++)
    {
      NgToken *t = ng_sentence_token (s, i);
      const char *dash;
      if (ng_lex_at (c->gaz, s, i, "sanction", NULL))
        noun_at = i;
      /* "VN-sancties", "EU-sancties" */
      else if (t->is_word && (dash = strrchr (t->text, '-'))
               && ng_gazetteer_lexicon (c->gaz, "sanction", dash + 1))
        {
          g_autofree char *pre = g_strndup (t->text, (gsize) (dash - t->text));
          const GPtrArray *l = ng_gazetteer_lookup (c->gaz, pre);
          noun_at = i;
          if (l && l->len == 1)
            imposer = xt_add_mention (c, s, i, 1, ((NgEntity *) l->pdata[0])->kind,
                                   l->pdata[0], NULL, TRUE);
        }
    }
  if (noun_at == G_MAXUINT)
    return;

  for (guint p = 0; p < G_N_ELEMENTS (pref) && act == NULL; p++)
    for (guint i = 0; i < n && act == NULL; i++)
      {
        const NgLexEntry *e = NULL;
        if ((ng_lex_at (c->gaz, s, i, "sanction-action", &e)
             || xt_lex_split_verb (c, s, i, "sanction-action", &e))
            && strcmp (e->value, pref[p]) == 0)
          act = e, act_at = i;
      }
  for (guint i = 0; i < n; i++)
    {
      if (ng_lex_at (c->gaz, s, i, "demand", NULL))
        demand = TRUE;
      if (ng_lex_at (c->gaz, s, i, "refuse", NULL))
        refuse = TRUE;
    }

  /* imposer: a country adjective right before the noun ("Amerikaanse
     sancties"); target: what follows "tegen" */
  if (imposer == NULL && noun_at > 0)
    {
      const NgEntity *e = ng_gazetteer_lookup_adjective (c->gaz, ng_sentence_token (s, noun_at - 1)->text);
      if (e)
        imposer = country_mention (c, s, e->wikidata, noun_at - 1);
    }
  for (guint i = noun_at; i < n && i < noun_at + 4; i++)
    {
      NgToken *t = ng_sentence_token (s, i);
      if (!(t->is_word && g_ascii_strcasecmp (t->text, "tegen") == 0))
        continue;
      for (guint k = first_mention; k < c->ex->mentions->len; k++)
        {
          NgMention *m = c->ex->mentions->pdata[k];
          if (m->start > t->start && m->kind != NG_ENTITY_PERSON)
            {
              target = m;
              break;
            }
        }
      if (target == NULL)
        {
          /* "tegen zijn/haar land": the country of the actor */
          NgToken *a = ng_sentence_token (s, i + 1), *b = ng_sentence_token (s, i + 2);
          if (a && b && (g_ascii_strcasecmp (a->text, "zijn") == 0
                         || g_ascii_strcasecmp (a->text, "haar") == 0)
              && g_ascii_strcasecmp (b->text, "land") == 0)
            {
              for (guint k = c->ex->mentions->len; k > first_mention; k--)
                {
                  NgMention *m = c->ex->mentions->pdata[k - 1];
                  if (m->kind == NG_ENTITY_PERSON && m->start < t->start)
                    {
                      const char *q = xt_person_country (m, c->doc_date);
                      if (q)
                        target = country_mention (c, s, q, i + 2);
                      break;
                    }
                }
            }
        }
      break;
    }
  if (target == NULL)
    {
      /* otherwise a country named in the sentence that is not the imposer
         and not the country of a speaking person */
      for (guint k = first_mention; k < c->ex->mentions->len; k++)
        {
          NgMention *m = c->ex->mentions->pdata[k];
          if (m->kind == NG_ENTITY_PLACE && m->entity
              && g_strcmp0 (m->entity->type, "country") == 0
              && (imposer == NULL || imposer->entity != m->entity))
            {
              target = m;
              break;
            }
        }
    }
  /* "de sancties" without a target continues the sanctions named before */
  if (target == NULL)
    target = c->last_target;
  if (target == NULL)
    return;
  c->last_target = target;

  /* actor: the person closest before the action (or the noun) */
  {
    gsize anchor = ng_sentence_token (s, act ? act_at : noun_at)->start;
    for (guint k = first_mention; k < c->ex->mentions->len; k++)
      {
        NgMention *m = c->ex->mentions->pdata[k];
        if (m->kind == NG_ENTITY_PERSON && m->start < anchor
            && !is_source (c, s, m))
          actor = m;
      }
    if (actor == NULL)
      for (guint k = first_mention; k < c->ex->mentions->len; k++)
        {
          NgMention *m = c->ex->mentions->pdata[k];
          if (m->kind == NG_ENTITY_PERSON && !is_source (c, s, m))
            {
              actor = m;
              break;
            }
        }
  }

  sm = g_new0 (NgSanctionMention, 1);
  sm->sentence = s->index;
  sm->target = target;
  sm->imposer = imposer;
  sm->actor = actor;
  xt_find_date (c, s, FALSE, act ? act_at : noun_at, &sm->date);
  if (act)
    {
      static const struct { const char *v; NgSanctionAction a; } map[] = {
        { "Impose", NG_ACTION_IMPOSE }, { "Lift", NG_ACTION_LIFT },
        { "Ease", NG_ACTION_EASE }, { "Tighten", NG_ACTION_TIGHTEN },
        { "Threaten", NG_ACTION_THREATEN },
      };
      sm->has_action = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (map); i++)
        if (strcmp (act->value, map[i].v) == 0)
          sm->action = map[i].a;
      if (sm->action == NG_ACTION_LIFT && refuse)
        sm->action = NG_ACTION_REFUSE_LIFT;
      else if (sm->action == NG_ACTION_LIFT && demand)
        sm->action = NG_ACTION_DEMAND_LIFT;
      sm->trigger = g_strdup (act->phrase);
      if (sm->action != NG_ACTION_DEMAND_LIFT && sm->imposer == NULL && actor)
        {
          /* whoever imposes, lifts, eases, tightens, refuses to lift or
             threatens acts for the imposing country: the actor's country,
             when it is not the target */
          const char *q = xt_person_country (actor, c->doc_date);
          if (q && (target->entity == NULL || g_strcmp0 (target->entity->wikidata, q) != 0))
            sm->imposer = country_mention (c, s, q, act_at);
        }
    }
  if (sm->actor == NULL && sm->has_action)
    sm->has_action = FALSE;
  g_ptr_array_add (c->ex->sanctions, sm);
}
