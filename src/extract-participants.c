/* extract-participants.c — who takes part in a Dutch meeting beyond the
 * names of its clause: pronouns ("ontving hem"), the speaker of a quote
 * ("ik"), group phrases ("beide leiders"), delegations ("Noord-Koreaanse
 * functionarissen"), attendance phrases and meeting nouns that refer back
 * to a meeting named before; and who only reports on it (a spokesperson,
 * "volgens X"). */
#include "config.h"

#include <string.h>

#include "extract-meeting.h"

/* A person who only reports on the meeting: a spokesperson ("woordvoerder
 * X", or listed as one at the document date) or the source of the report
 * ("volgens X", "aldus X"). */
gboolean
xt_reports_only (const Ctx *c, const NgSentence *s, const NgMention *m, guint at)
{
  if (at > 0 && ng_lex_is (c->gaz, s, at - 1, "source-marker"))
    return TRUE;
  for (guint w = 1; w <= 4 && w <= at; w++)
    {
      g_autofree char *p = ng_sentence_phrase (s, at - w, w);
      const char *role = p ? ng_gazetteer_role_for_norm (c->gaz, p) : NULL;
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

gboolean
xt_has_person (const GPtrArray *list, const NgMention *m)
{
  for (guint q = 0; q < list->len; q++)
    if (xt_same_person (list->pdata[q], m))
      return TRUE;
  return FALSE;
}

void
xt_add_participant (GPtrArray *list, NgMention *m)
{
  if (m && !xt_has_person (list, m))
    g_ptr_array_add (list, m);
}

/* "hij", "hem": the person named last before the pronoun (at most
 * PRONOUN_SENTENCES sentences back) who is not a spokesperson; a subject
 * pronoun refers to a subject, not to a name governed by a preposition ("…
 * ontvangen door president X, daarna spreekt hij …"); an object pronoun is
 * not the subject of its own clause, so it skips the persons of that
 * clause. */
NgMention *
xt_pronoun_referent (const Ctx *c, const NgSentence *s, guint at)
{
  gsize cut = ng_sentence_token (s, at)->start;
  gboolean object = xt_is_kind (c, s, at, "object-pronoun");
  /* "…', twitterde hij": the speaker is not one named in the quote */
  if (at > 0 && xt_is_kind (c, s, at - 1, "speech-verb"))
    cut = s->start;
  else if (object)
    {
      guint i = at;
      while (i > 0 && ng_sentence_token (s, i - 1)->is_word
             && !xt_is_kind (c, s, i - 1, "subordinator"))
        i--;
      cut = ng_sentence_token (s, i)->start;
    }
  for (guint k = c->ex->mentions->len; k > 0; k--)
    {
      NgMention *m = c->ex->mentions->pdata[k - 1];
      guint i;
      const NgSentence *ms;
      if (m->sentence + PRONOUN_SENTENCES < s->index)
        break;
      if (m->kind != NG_ENTITY_PERSON || (m->sentence == s->index && m->start >= cut))
        continue;
      if ((i = xt_token_of (s, m)) != G_MAXUINT && xt_reports_only (c, s, m, i))
        continue;
      ms = c->ex->sentences->pdata[m->sentence];
      i = xt_token_index (ms, m->start);
      /* "door X", "door president X" */
      if (!object && i != G_MAXUINT && i > 0
          && (xt_is_kind (c, ms, i - 1, "preposition")
              || (i > 1 && !ng_sentence_token (ms, i - 1)->capitalised
                  && ng_sentence_token (ms, i - 1)->is_word
                  && xt_is_kind (c, ms, i - 2, "preposition"))))
        continue;
      return m;
    }
  return NULL;
}

/* The speaker of a quote in S: the person right after a speech verb ("…',
 * zei Trump", "twitterde hij") or right before it ("Trump zei: '…'"). */
NgMention *
xt_speaker (const Ctx *c, const NgSentence *s)
{
  for (guint v = 0; v < s->tokens->len; v++)
    {
      if (!xt_is_kind (c, s, v, "speech-verb"))
        continue;
      if (xt_is_kind (c, s, v + 1, "subject-pronoun"))
        return xt_pronoun_referent (c, s, v + 1);
      for (guint k = c->ex->mentions->len; k > 0; k--)
        {
          NgMention *m = c->ex->mentions->pdata[k - 1];
          guint i, e;
          if (m->sentence < s->index)
            break;
          if (m->kind != NG_ENTITY_PERSON || (i = xt_token_of (s, m)) == G_MAXUINT)
            continue;
          e = xt_token_index (s, m->end);
          if ((i > v && i <= v + 2) || e == v)
            return m;
        }
    }
  return NULL;
}

gboolean
xt_includes_all (const NgMeetingMention *m, const GPtrArray *want)
{
  for (guint i = 0; i < want->len; i++)
    if (!xt_has_person (m->participants, want->pdata[i]))
      return FALSE;
  return TRUE;
}

gboolean
xt_same_participants (const NgMeetingMention *a, const NgMeetingMention *b)
{
  return a->participants->len == b->participants->len && xt_includes_all (a, b->participants);
}

/* The meeting a mention refers back to: of this article's meetings of the
 * last ANTECEDENT_SENTENCES sentences with two or more participants, those
 * including every one of WANT; the latest, or with FIRST the earliest (an
 * attendance or "beide leiders" refers to the meeting the article is about,
 * which it names first). */
const NgMeetingMention *
xt_antecedent (const Ctx *c, const NgSentence *s, const GPtrArray *want, gboolean first)
{
  const GPtrArray *ms = c->ex->meetings;
  const NgMeetingMention *best = NULL;
  for (guint i = ms->len; i > 0; i--)
    {
      const NgMeetingMention *m = ms->pdata[i - 1];
      if (m->sentence + ANTECEDENT_SENTENCES < s->index)
        break;
      if (m->participants->len < 2 || !xt_includes_all (m, want))
        continue;
      best = m;
      if (!first)
        break;
    }
  return best;
}

guint
xt_meeting_number (const Ctx *c, const NgMeetingMention *m)
{
  for (guint i = c->ex->meetings->len; i > 0; i--)
    if (c->ex->meetings->pdata[i - 1] == m)
      return i;
  return 0;
}

/* "de twee leiders" with no meeting named before: the last two persons
 * named before this sentence (at most two sentences back). */
gboolean
xt_last_two (const Ctx *c, const NgSentence *s, GPtrArray *out)
{
  NgMention *two[2] = { NULL, NULL };
  guint got = 0;
  for (guint k = c->ex->mentions->len; k > 0 && got < 2; k--)
    {
      NgMention *m = c->ex->mentions->pdata[k - 1];
      if (m->sentence >= s->index || m->kind != NG_ENTITY_PERSON)
        continue;
      if (m->sentence + 2 < s->index)
        break;
      if (got == 0 || !xt_same_person (two[0], m))
        two[got++] = m;
    }
  if (got < 2)
    return FALSE;
  xt_add_participant (out, two[0]);
  xt_add_participant (out, two[1]);
  return TRUE;
}

/* The government (organisations.tsv, type government) of country QID: the
 * one named with a government word ("Amerikaanse regering"), rather than an
 * institution (Witte Huis, a ministry). */
static const NgEntity *
government_of (const Ctx *c, const char *qid)
{
  const GPtrArray *all = ng_gazetteer_entities (c->gaz);
  const NgEntity *first = NULL;
  for (guint i = 0; qid && i < all->len; i++)
    {
      const NgEntity *e = all->pdata[i];
      g_auto (GStrv) words = NULL;
      if (e->kind != NG_ENTITY_ORGANISATION || g_strcmp0 (e->type, "government") != 0
          || g_strcmp0 (e->country, qid) != 0)
        continue;
      if (first == NULL)
        first = e;
      words = g_strsplit (e->name, " ", -1);
      for (guint w = 0; words[w]; w++)
        if (ng_gazetteer_lexicon (c->gaz, "government", words[w]))
          return e;
    }
  return first;
}

/* "Noord-Koreaanse functionarissen", "de Chinese delegatie": a delegation
 * named by a country adjective attends for that country's government. */
NgMention *
xt_delegation_at (Ctx *c, const NgSentence *s, guint i)
{
  const NgEntity *country, *gov;
  NgMention *m;
  if (i == 0 || !xt_is_kind (c, s, i, "delegation"))
    return NULL;
  country = ng_gazetteer_lookup_adjective (c->gaz, ng_sentence_token (s, i - 1)->text);
  gov = country ? government_of (c, country->wikidata) : NULL;
  if (gov == NULL)
    return NULL;
  m = xt_add_mention (c, s, i - 1, 2, NG_ENTITY_ORGANISATION, gov, NULL, TRUE);
  xt_explain (m, "delegation \"%s %s\": attends for the government of %s",
              ng_sentence_token (s, i - 1)->text, ng_sentence_token (s, i)->text,
              country->name);
  return m;
}

/* An attendance phrase of S ("aan tafel zaten ook", "schoof … aan", "was
 * erbij aanwezig"), unless negated ("was niet aanwezig"). */
const NgLexEntry *
xt_attendance (const Ctx *c, const NgSentence *s, guint *at)
{
  const NgLexEntry *e = NULL;
  for (guint i = 0; i < s->tokens->len && e == NULL; i++)
    if ((e = xt_gapped_at (c, s, i, "attend", 20)))
      *at = i;
  for (guint i = 0; e && i < s->tokens->len; i++)
    if (xt_is_kind (c, s, i, "negation"))
      return NULL;
  return e;
}

/* A meeting noun that refers back: "het gesprek", "hun eerste ontmoeting",
 * "deze top" — a definite word before it with at most two lower-case words
 * between, none of them marking another meeting ("de derde top"). */
gboolean
xt_anaphoric_noun (const Ctx *c, const NgSentence *s, guint at, const NgLexEntry *trig)
{
  if (g_strcmp0 (trig->value, "noun") != 0)
    return FALSE;
  for (guint back = 1; back <= 3 && back <= at; back++)
    {
      guint i = at - back;
      NgToken *p = ng_sentence_token (s, i);
      if (!p->is_word || xt_is_kind (c, s, i, "other-meeting"))
        return FALSE;
      if (xt_is_kind (c, s, i, "definite"))
        return TRUE;
      if (p->capitalised)
        return FALSE;
    }
  return FALSE;
}
