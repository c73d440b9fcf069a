/* extract-context.c — where and when a Dutch meeting took place: the
 * place of its clause (after a locative, a visit, "waar"), of the scene
 * the sentence before sets ("daar", an arrival), one meeting told twice
 * at a city and a building, and the date of the trigger's clause or of a
 * mention told before. */
#include "config.h"

#include <string.h>

#include "extract-meeting.h"

/* A place candidate of sentence S for a meeting at token T (G_MAXUINT: the
 * sentence as a whole): after a locative preposition ("in Hanoi", "in de
 * Saoedische hoofdstad Riyad") or a visit ("bezocht Moskou"), with articles,
 * lower-case nouns and adjectives between.  Returns the rule, or NULL. */
static const char *
place_rule (const Ctx *c, const NgSentence *s, guint i)
{
  for (guint back = 1; back <= 4 && back <= i; back++)
    {
      NgToken *p = ng_sentence_token (s, i - back);
      const NgLexEntry *e = NULL;
      if (p->is_word && ng_gazetteer_lexicon (c->gaz, "locative", p->norm))
        return "after a locative preposition";
      if (p->is_word && ng_lex_at (c->gaz, s, i - back, "meeting", &e)
          && g_strcmp0 (e->value, "visit") == 0)
        return "the place visited";
      /* "aan de grens/DMZ": alternatives joined by a slash */
      if (!p->is_word && g_str_equal (p->text, "/"))
        continue;
      if (!(p->is_word
            && (!p->capitalised || ng_gazetteer_lookup_adjective (c->gaz, p->text)))
          || xt_is_kind (c, s, i - back, "clause-mark") || xt_is_kind (c, s, i - back, "subordinator"))
        break;
    }
  return NULL;
}

gboolean
xt_is_country (const NgMention *m)
{
  return g_strcmp0 (m->entity ? m->entity->type : NULL, "country") == 0;
}

/* The place of a meeting whose trigger is token T of S in tokens
 * [FROM, TO): the most specific candidate (a city or site over its country),
 * in the trigger's clause, nearest the trigger; a place right before "waar"
 * ("Guangzhou, …, waar Xi hem ontvangt") beats the others. */
NgMention *
xt_find_place (const Ctx *c, const NgSentence *s, guint first_mention, guint t,
            guint from, guint to, const GArray *trigs, const char **why)
{
  NgMention *best = NULL;
  int best_score = G_MININT;
  for (guint k = first_mention; k < c->ex->mentions->len; k++)
    {
      NgMention *m = c->ex->mentions->pdata[k];
      guint i;
      const char *rule;
      int score;
      if (m->kind != NG_ENTITY_PLACE || (i = xt_token_of (s, m)) == G_MAXUINT)
        continue;
      rule = place_rule (c, s, i);
      score = (xt_is_country (m) ? 0 : 1000) - (int) (i > t ? i - t : t - i);
      /* "waar": the place named right before it */
      for (guint j = i + 1; j < s->tokens->len && j <= i + 10; j++)
        {
          if (xt_hard_break (s, j) || ng_lex_is (c->gaz, s, j, "meeting"))
            break;
          if (xt_is_kind (c, s, j, "where"))
            {
              /* a clause "waar …" holding the trigger is at that place */
              if (rule == NULL || j < t)
                rule = "the place \"waar\" refers to";
              if (j < t)
                score += 10000;
              break;
            }
          if (ng_sentence_token (s, j)->is_word && ng_sentence_token (s, j)->capitalised)
            break;
        }
      if (rule == NULL || (score < 10000 && (xt_cut_off (c, s, t, i) || xt_nearer_other (trigs, t, i))))
        continue;
      if (i < from || i >= to)
        score -= 5000;  /* another clause's trigger comes first */
      if (score > best_score)
        best = m, best_score = score, *why = rule;
    }
  return best;
}

static gboolean
is_city (const NgMention *m)
{
  return m && g_strcmp0 (m->entity ? m->entity->type : NULL, "city") == 0;
}

static gboolean
is_site (const NgMention *m)
{
  const char *t = m && m->entity ? m->entity->type : NULL;
  return g_strcmp0 (t, "building") == 0 || g_strcmp0 (t, "site") == 0;
}

/* One meeting told twice in an article ("… spraken in Peking met elkaar.
 * Xi ontving Macron bij de Grote Hal van het Volk."): the same participants,
 * compatible dates, one at a city and one at a building or site of the same
 * country.  The reference data does not say which city holds a building, so
 * the text does: both mentions take the city, so that they stay one meeting
 * with the reports of other articles. */
char *
xt_same_event_place (const Ctx *c, const NgSentence *s, NgMeetingMention *mm)
{
  const GPtrArray *ms = c->ex->meetings;
  if (mm->place == NULL || mm->participants->len < 2)
    return NULL;
  for (guint i = ms->len; i > 0; i--)
    {
      NgMeetingMention *o = ms->pdata[i - 1];
      NgMention *city, *site;
      if (o->sentence + ANTECEDENT_SENTENCES < s->index)
        break;
      if (o->place == NULL || o->place == mm->place || !xt_same_participants (o, mm)
          || (o->date.precision != NG_DATE_NONE && mm->date.precision != NG_DATE_NONE
              && !ng_date_compatible (&o->date, &mm->date)))
        continue;
      city = is_city (o->place) ? o->place : is_city (mm->place) ? mm->place : NULL;
      site = is_site (o->place) ? o->place : is_site (mm->place) ? mm->place : NULL;
      if (city == NULL || site == NULL || site->entity == NULL || city->entity == NULL
          || g_strcmp0 (site->entity->country, city->entity->country) != 0)
        continue;
      {
        guint at = (mm->place == site ? s->index : o->sentence) + 1;
        mm->place = o->place = city;
        return g_strdup_printf ("%s of sentence %u is taken to lie in %s, as both tell one meeting",
                                site->name, at, city->name);
      }
    }
  return NULL;
}

/* A held meeting told again without a date of its own ("De top van A en
 * B in Hanoi vorige maand mislukte, A sprak in Hanoi met B"): the latest
 * held mention of the article's last ANTECEDENT_SENTENCES sentences with the
 * same participants, a date and a compatible place. */
const NgMeetingMention *
xt_repeated (const Ctx *c, const NgSentence *s, const NgMeetingMention *mm)
{
  const GPtrArray *ms = c->ex->meetings;
  for (guint i = ms->len; i > 0; i--)
    {
      const NgMeetingMention *o = ms->pdata[i - 1];
      if (o->sentence + ANTECEDENT_SENTENCES < s->index)
        break;
      if (xt_took_place (o->status) && o->date.precision != NG_DATE_NONE
          && xt_same_participants (o, mm)
          && (o->place == NULL || mm->place == NULL || o->place->entity == mm->place->entity))
        return o;
    }
  return NULL;
}

/* An earlier mention of the article (last ANTECEDENT_SENTENCES sentences)
 * that says all MM says: its participants, status, place (or MM has none)
 * and a date at least as precise (or MM has none). */
NgMeetingMention *
xt_told_before (const Ctx *c, const NgSentence *s, const NgMeetingMention *mm)
{
  const GPtrArray *ms = c->ex->meetings;
  for (guint i = ms->len; i > 0; i--)
    {
      NgMeetingMention *o = ms->pdata[i - 1];
      if (o->sentence + ANTECEDENT_SENTENCES < s->index)
        break;
      if (o->status == mm->status && xt_includes_all (o, mm->participants)
          && (mm->place == NULL || (o->place && o->place->entity == mm->place->entity
                                    && g_strcmp0 (o->place->name, mm->place->name) == 0))
          && (mm->date.precision == NG_DATE_NONE
              || (o->date.precision >= mm->date.precision
                  && ng_date_compatible (&o->date, &mm->date))))
        return o;
    }
  return NULL;
}

/* The place sentence S is set in, for the next sentence: its most specific
 * place after a locative preposition or a visit. */
NgMention *
xt_scene_place (const Ctx *c, const NgSentence *s)
{
  NgMention *best = NULL;
  for (guint k = c->ex->mentions->len; k > 0; k--)
    {
      NgMention *m = c->ex->mentions->pdata[k - 1];
      guint i;
      if (m->sentence < s->index)
        break;
      if (m->kind != NG_ENTITY_PLACE || (i = xt_token_of (s, m)) == G_MAXUINT
          || !place_rule (c, s, i))
        continue;
      if (best == NULL || (xt_is_country (best) && !xt_is_country (m)))
        best = m;
    }
  return best;
}

/* The date of a meeting at token T: of the sentence's time expressions in
 * the trigger's clause, the nearest; a more precise one it contains refines
 * it ("dit jaar al één keer, op 15 augustus").  FALSE when the clause has
 * none (another clause's "sinds januari" is not the meeting's date). */
gboolean
xt_meeting_date (Ctx *c, const NgSentence *s, gboolean planned, guint t, const GArray *trigs,
              NgDate *out, gboolean *refined, guint *at)
{
  GArray *tx;
  guint dist = G_MAXUINT;
  const NgTimex *best = NULL;

  *refined = FALSE;
  if (!xt_find_date (c, s, planned, t, out))
    return FALSE;
  tx = c->timex[planned];
  out->precision = NG_DATE_NONE;
  for (guint i = 0; i < tx->len; i++)
    {
      const NgTimex *x = &g_array_index (tx, NgTimex, i);
      guint d = x->first_token > t ? x->first_token - t
                                   : t - MIN (t, x->first_token + x->n_tokens - 1);
      if (xt_cut_off (c, s, t, x->first_token) || xt_nearer_other (trigs, t, x->first_token))
        continue;
      if (x->value.precision != NG_DATE_NONE)
        d /= 2;
      else
        d += 1000;
      if (d < dist)
        dist = d, best = x;
    }
  if (best == NULL)
    return FALSE;
  *out = best->value;
  *at = best->first_token;
  for (guint i = 0; i < tx->len && out->precision != NG_DATE_NONE; i++)
    {
      const NgTimex *x = &g_array_index (tx, NgTimex, i);
      if (x->value.precision > out->precision && ng_date_compatible (&x->value, out)
          && !xt_cut_off (c, s, t, x->first_token) && !xt_nearer_other (trigs, t, x->first_token))
        *out = x->value, *refined = TRUE;
    }
  return TRUE;
}

/* The most precise resolved date of sentence S (past tense), or NONE. */
NgDate
xt_sentence_date (const Ctx *c, const NgSentence *s)
{
  NgDate d = { 0, 0, 0, NG_DATE_NONE };
  g_autoptr (GArray) tx = ng_timex_find (c->gaz, s, c->doc_date, NG_TENSE_PAST);
  for (guint i = 0; i < tx->len; i++)
    {
      const NgTimex *x = &g_array_index (tx, NgTimex, i);
      if (x->value.precision > d.precision)
        d = x->value;
    }
  return d;
}

const NgSentence *
xt_previous_sentence (const Ctx *c, const NgSentence *s)
{
  return s->index > 0 ? c->ex->sentences->pdata[s->index - 1] : NULL;
}
