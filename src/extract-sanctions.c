/* extract-sanctions.c — what is done about sanctions (action, actor,
 * target, imposer) in a sentence, from its mentions: the regime named
 * ("sancties tegen X", "Amerikaanse sancties", "EU-sancties"), the act
 * (impose, lift, ease, tighten, threaten; demanded or refused) and who acts. */
#include "config.h"

#include <string.h>

#include "extract-private.h"

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
/* A mention that can act on sanctions: a person, an organisation, or a
 * country or city standing for its government ("Washington dreigt"), but
 * not one governed by a preposition ("in Riyad", "van Assad", "tegen Iran"):
 * those are not the subject of the clause. */
static gboolean
can_act (const Ctx *c, const NgSentence *s, const NgMention *m)
{
  guint at = xt_token_index (s, m->start);
  if (m->sentence != s->index || at == G_MAXUINT)
    return FALSE;
  if (m->kind == NG_ENTITY_PLACE
      && !(m->entity && (g_strcmp0 (m->entity->type, "country") == 0
                         || g_strcmp0 (m->entity->type, "city") == 0)))
    return FALSE;
  /* "in de badplaats X", "tegen het regime van X": a preposition up to two
     lower-case words before */
  if (at >= 1 && ng_lex_is (c->gaz, s, at - 1, "preposition"))
    return FALSE;
  for (guint back = 2; back <= 3 && back <= at; back++)
    {
      NgToken *p = ng_sentence_token (s, at - back + 1);
      /* preposition, determiner, at most one lower-case word, name */
      if (!p->is_word || p->capitalised || g_unichar_isdigit (g_utf8_get_char (p->text)))
        break;
      if (ng_lex_is (c->gaz, s, at - back + 1, "determiner")
          && ng_lex_is (c->gaz, s, at - back, "preposition"))
        return FALSE;
    }
  return !is_source (c, s, m);
}

/* "hij"/"zij" as the subject: the person named last before this sentence. */
static NgMention *
pronoun_person (Ctx *c, const NgSentence *s, guint from, guint to,
                guint first_mention)
{
  for (guint i = from; i < to && i < s->tokens->len; i++)
    if (ng_lex_is (c->gaz, s, i, "subject-pronoun"))
      for (guint k = first_mention; k > 0; k--)
        {
          NgMention *m = c->ex->mentions->pdata[k - 1];
          if (m->kind == NG_ENTITY_PERSON)
            return m;
        }
  return NULL;
}

/* "de regering-Biden", "het kabinet-Rutte": the government of a person's
 * country, found in tokens [FROM, TO) of S. */
static NgMention *
government_compound (Ctx *c, const NgSentence *s, guint from, guint to)
{
  for (guint i = from; i < to && i < s->tokens->len; i++)
    {
      NgToken *t = ng_sentence_token (s, i);
      const char *dash = t->is_word ? strchr (t->text, '-') : NULL;
      g_autofree char *head = NULL;
      const char *q = NULL;
      if (dash == NULL || !g_unichar_isupper (g_utf8_get_char (dash + 1)))
        continue;
      head = g_strndup (t->text, (gsize) (dash - t->text));
      if (!ng_gazetteer_lexicon (c->gaz, "government", head))
        continue;
      for (guint k = c->ex->mentions->len; k > 0 && q == NULL; k--)
        {
          const NgMention *m = c->ex->mentions->pdata[k - 1];
          g_autofree char *w = ng_normalize_name (dash + 1);
          g_autofree char *n = m->kind == NG_ENTITY_PERSON ? ng_normalize_name (m->name) : NULL;
          if (n && (g_str_has_suffix (n, w) || strcmp (n, w) == 0))
            q = xt_person_country (m, c->doc_date);
        }
      if (q == NULL)
        {
          g_autofree char *w = ng_normalize_name (dash + 1);
          const GPtrArray *l = ng_gazetteer_lookup (c->gaz, w);
          if (l && l->len == 1 && ((NgEntity *) l->pdata[0])->kind == NG_ENTITY_PERSON)
            {
              NgMention tmp = { .entity = l->pdata[0] };
              q = xt_person_country (&tmp, c->doc_date);
            }
        }
      if (q)
        {
          NgMention *m = country_mention (c, s, q, i);
          xt_explain (m, "government compound \"%s\"", t->text);
          return m;
        }
    }
  return NULL;
}

/* The acting mentions of a sanction sentence, in [FROM, TO): the first one
 * that can act (the subject comes first in a Dutch clause, or right after
 * the finite verb), plus those coordinated with it ("de VS en de EU"). */
static void
actors_in (Ctx *c, const NgSentence *s, guint first_mention, gsize from,
           gsize to, const NgMention *target, GPtrArray *out)
{
  for (guint k = first_mention; k < c->ex->mentions->len; k++)
    {
      NgMention *m = c->ex->mentions->pdata[k];
      if (m->start < from || m->start >= to || m == target
          || (target && m->entity && m->entity == target->entity)
          || !can_act (c, s, m))
        continue;
      if (out->len > 0)
        {
          /* only a mention joined by "en" to the previous actor */
          NgMention *prev = out->pdata[out->len - 1];
          guint a = xt_token_index (s, prev->end), b = xt_token_index (s, m->start);
          gboolean joined = FALSE;
          for (guint i = a; i < b && a != G_MAXUINT; i++)
            if (ng_lex_is (c->gaz, s, i, "coordination"))
              joined = TRUE;
            else if (ng_sentence_token (s, i)->is_word
                     && ng_sentence_token (s, i)->capitalised)
              joined = FALSE;
          if (!joined || b > a + 3 || m->kind == NG_ENTITY_PERSON
              || prev->kind == NG_ENTITY_PERSON)
            break;
        }
      g_ptr_array_add (out, m);
    }
}

void
xt_find_sanction (Ctx *c, const NgSentence *s, guint first_mention)
{
  guint n = s->tokens->len, noun_at = G_MAXUINT;
  const NgLexEntry *act = NULL;
  guint act_at = 0, demand_at = G_MAXUINT;
  gboolean refuse = FALSE;
  NgMention *target = NULL, *imposer = NULL;
  const char *target_why = NULL, *imposer_why = NULL, *actor_why = NULL;
  g_autoptr (GPtrArray) actors = g_ptr_array_new ();
  /* verbs before adjectives: "dreigt met strengere sancties" threatens */
  static const char *const pref[] = { "Lift", "Ease", "Threaten", "Tighten", "Impose" };

  for (guint i = 0; i < n && noun_at == G_MAXUINT; i++)
    {
      NgToken *t = ng_sentence_token (s, i);
      const char *dash;
      if (ng_lex_at (c->gaz, s, i, "sanction", NULL))
        noun_at = i;
      /* "de maatregelen" refers back to sanctions named before */
      else if (c->last_target && ng_lex_at (c->gaz, s, i, "sanction-anaphor", NULL))
        noun_at = i;
      /* "VN-sancties", "EU-sancties" */
      else if (t->is_word && (dash = strrchr (t->text, '-'))
               && ng_gazetteer_lexicon (c->gaz, "sanction", dash + 1))
        {
          g_autofree char *pre = g_strndup (t->text, (gsize) (dash - t->text));
          const GPtrArray *l = ng_gazetteer_lookup (c->gaz, pre);
          noun_at = i;
          if (l && l->len == 1)
            {
              imposer = xt_add_mention (c, s, i, 1, ((NgEntity *) l->pdata[0])->kind,
                                        l->pdata[0], NULL, TRUE);
              xt_explain (imposer, "prefix of the compound \"%s\"", t->text);
              imposer_why = "prefix of the sanction compound";
            }
        }
    }
  if (noun_at == G_MAXUINT)
    return;

  {
    guint best = G_N_ELEMENTS (pref);
    for (guint i = 0; i < n; i++)
      {
        const NgLexEntry *e = NULL;
        if (!(ng_lex_at (c->gaz, s, i, "sanction-action", &e)
              || xt_lex_split_verb (c, s, i, "sanction-action", &e)))
          continue;
        for (guint p = 0; p < best; p++)
          if (strcmp (e->value, pref[p]) == 0)
            {
              best = p, act = e, act_at = i;
              break;
            }
      }
  }
  for (guint i = 0; i < n; i++)
    {
      if (demand_at == G_MAXUINT && ng_lex_at (c->gaz, s, i, "demand", NULL))
        demand_at = i;
      if (ng_lex_at (c->gaz, s, i, "refuse", NULL))
        refuse = TRUE;
    }

  /* imposer: a country adjective right before the noun ("Amerikaanse
     sancties"); target: what follows "tegen" */
  if (imposer == NULL && noun_at > 0)
    {
      const NgEntity *e = ng_gazetteer_lookup_adjective (c->gaz, ng_sentence_token (s, noun_at - 1)->text);
      if (e)
        {
          imposer = country_mention (c, s, e->wikidata, noun_at - 1);
          xt_explain (imposer, "country adjective before the sanction noun");
          imposer_why = "country adjective before the sanction noun";
        }
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
              target_why = "named after \"tegen\"";
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
                      target_why = "\"tegen zijn land\": the country of the person";
                      break;
                    }
                }
            }
        }
      break;
    }

  /* actor: in a demand ("X eist dat de EU de sancties opheft") the one who
     demands, and whoever is to lift them imposes; otherwise the subject
     before the action, else right after the finite verb ("In 2016 hieven
     de VS de sancties op"), else "hij"/"zij" of the previous sentence */
  {
    guint anchor_tok = act ? act_at : noun_at;
    gsize anchor = ng_sentence_token (s, anchor_tok)->start;
    gboolean demand = demand_at != G_MAXUINT && act != NULL
                      && strcmp (act->value, "Lift") == 0;
    if (demand && demand_at < anchor_tok
        && (actors_in (c, s, first_mention, 0, ng_sentence_token (s, demand_at)->start,
                       target, actors), actors->len > 0
            || pronoun_person (c, s, 0, demand_at, first_mention)))
      {
        gsize d = ng_sentence_token (s, demand_at)->start;
        g_autoptr (GPtrArray) lifters = g_ptr_array_new ();
        if (actors->len == 0)
          g_ptr_array_add (actors, pronoun_person (c, s, 0, demand_at, first_mention));
        /* "…, doordat X erop stond dat …": the subject of a demand verb
           stands right before it in a subordinate clause */
        while (actors->len > 1)
          g_ptr_array_remove_index (actors, 0);
        {
          NgMention *last = NULL;
          for (guint k = first_mention; k < c->ex->mentions->len; k++)
            {
              NgMention *m = c->ex->mentions->pdata[k];
              if (m->start < d && m != target && can_act (c, s, m))
                last = m;
            }
          if (last)
            actors->pdata[0] = last;
        }
        actor_why = "subject of the demand verb";
        actors_in (c, s, first_mention, d, anchor, target, lifters);
        if (imposer == NULL && lifters->len == 1
            && ((NgMention *) lifters->pdata[0])->kind != NG_ENTITY_PERSON)
          {
            imposer = lifters->pdata[0];
            imposer_why = "who is asked to lift them";
          }
      }
    else
      {
        g_ptr_array_set_size (actors, 0);
        actors_in (c, s, first_mention, 0, anchor, target, actors);
        actor_why = "subject before the action";
        if (actors->len == 0)
          {
            NgMention *m = pronoun_person (c, s, 0, anchor_tok, first_mention);
            if (m)
              g_ptr_array_add (actors, m), actor_why = "pronoun: the person named last";
          }
        if (actors->len == 0)
          {
            NgMention *m = government_compound (c, s, 0, n);
            if (m)
              g_ptr_array_add (actors, m), actor_why = "government compound";
          }
        if (actors->len == 0 && act)
          {
            gsize end = ng_sentence_token (s, n - 1)->end;
            actors_in (c, s, first_mention, anchor, end, target, actors);
            actor_why = "subject after the finite verb";
          }
      }
    /* a sentence that names a regime without an act has no actors */
    if (act == NULL)
      g_ptr_array_set_size (actors, 0);
  }

  if (target == NULL)
    {
      /* otherwise a country named in the sentence that is not the imposer,
         not an actor and not an actor's country */
      for (guint k = first_mention; k < c->ex->mentions->len && target == NULL; k++)
        {
          NgMention *m = c->ex->mentions->pdata[k];
          gboolean own = FALSE;
          if (!(m->kind == NG_ENTITY_PLACE && m->entity
                && g_strcmp0 (m->entity->type, "country") == 0
                && (imposer == NULL || imposer->entity != m->entity)))
            continue;
          for (guint a = 0; a < actors->len; a++)
            {
              NgMention *x = actors->pdata[a];
              own |= x == m || x->entity == m->entity
                     || g_strcmp0 (xt_person_country (x, c->doc_date), m->entity->wikidata) == 0;
            }
          if (!own)
            target = m, target_why = "the country the sentence names";
        }
    }
  /* "de sancties" without a target continues the sanctions named before */
  if (target == NULL && c->last_target)
    target = c->last_target, target_why = "the target of the sanctions named before";
  if (target == NULL)
    return;
  c->last_target = target;

  for (guint a = 0; a < MAX (actors->len, 1); a++)
    {
      NgMention *actor = a < actors->len ? actors->pdata[a] : NULL;
      NgSanctionMention *sm = g_new0 (NgSanctionMention, 1);
      const char *why_imp = imposer_why;
      GString *ex = g_string_new (NULL);

      if (actor && (actor->entity == target->entity && actor->entity))
        {
          g_string_free (ex, TRUE);
          g_free (sm);
          continue;
        }
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
          else if (sm->action == NG_ACTION_LIFT && demand_at != G_MAXUINT)
            sm->action = NG_ACTION_DEMAND_LIFT;
          sm->trigger = g_strdup (act->phrase);
          if (sm->action != NG_ACTION_DEMAND_LIFT && sm->imposer == NULL && actor)
            {
              /* whoever imposes, lifts, eases, tightens, refuses to lift or
                 threatens acts for the imposing side: an organisation or
                 country itself, a city's or a person's country, when it is
                 not the target */
              if (actor->kind == NG_ENTITY_ORGANISATION
                  || (actor->entity && g_strcmp0 (actor->entity->type, "country") == 0))
                sm->imposer = actor, why_imp = "the actor itself";
              else
                {
                  const char *q = xt_person_country (actor, c->doc_date);
                  if (q && (target->entity == NULL || g_strcmp0 (target->entity->wikidata, q) != 0))
                    {
                      sm->imposer = country_mention (c, s, q, act_at);
                      xt_explain (sm->imposer, "country of %s", actor->name);
                      why_imp = "the actor's country";
                    }
                }
            }
        }
      if (sm->actor == NULL && sm->has_action)
        sm->has_action = FALSE;
      if (sm->has_action)
        g_string_append_printf (ex, "action %s (\"%s\"%s%s); actor %s (%s); ",
                                ng_sanction_action_name (sm->action), act->phrase,
                                refuse ? ", refusal" : "",
                                demand_at != G_MAXUINT ? ", demand" : "",
                                actor->name, actor_why);
      else
        g_string_append (ex, "sanction regime, no act with an actor; ");
      g_string_append_printf (ex, "target %s (%s)", target->name, target_why);
      if (sm->imposer)
        g_string_append_printf (ex, "; imposer %s (%s)", sm->imposer->name,
                                why_imp ? why_imp : "");
      sm->explain = g_string_free (ex, FALSE);
      g_ptr_array_add (c->ex->sanctions, sm);
    }
}
