/* extract.c — persons, places, organisations, dates, meetings and sanction
 * events from one article, driven by the reference data and the lexicon in
 * ontology/.  Deliberately rule-based and explainable: every fact points at
 * its sentence. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "nieuwsgraaf/extract.h"
#include "nieuwsgraaf/lexmatch.h"
#include "nieuwsgraaf/timex.h"

typedef struct {
  const NgGazetteer *gaz;
  const NgArticle *article;
  const char *text;
  const NgDate *doc_date;
  NgExtraction *ex;
  GPtrArray *seen_persons;   /* NgMention* of full-name persons, latest last */
  GPtrArray *all_persons;    /* full-name person mentions of the whole text
                                (first pass), for short forms that come
                                before the full name */
  gboolean no_short_forms;   /* first pass */
  NgMention *last_target;    /* target of the previous sanction mention */
} Ctx;

const char *
ng_sanction_action_name (NgSanctionAction a)
{
  static const char *const names[] = { "Impose", "Lift", "Ease", "Tighten",
                                       "DemandLift", "RefuseLift", "Threaten" };
  return (guint) a < G_N_ELEMENTS (names) ? names[a] : "Impose";
}

const char *
ng_event_status_name (NgEventStatus s)
{
  static const char *const names[] = { "Held", "Planned", "Cancelled" };
  return (guint) s < G_N_ELEMENTS (names) ? names[s] : "Held";
}

static void
mention_free (gpointer p)
{
  NgMention *m = p;
  if (m == NULL)
    return;
  g_free (m->name);
  g_free (m->surface);
  g_free (m);
}

static void
meeting_free (gpointer p)
{
  NgMeetingMention *m = p;
  g_ptr_array_unref (m->participants);
  g_free (m->trigger);
  g_free (m);
}

static void
sanction_free (gpointer p)
{
  NgSanctionMention *s = p;
  g_free (s->trigger);
  g_free (s);
}

void
ng_extraction_free (NgExtraction *ex)
{
  if (ex == NULL)
    return;
  g_ptr_array_unref (ex->meetings);
  g_ptr_array_unref (ex->sanctions);
  g_ptr_array_unref (ex->mentions);
  g_ptr_array_unref (ex->sentences);
  g_free (ex);
}

/* ------------------------------------------------------------ helpers */

/* Separable verbs: "blies de top af", "legt sancties op" — the particle
 * may come later in the sentence; try "word particle" for the first word. */
static gboolean
lex_split_verb (const Ctx *c, const NgSentence *s, guint i, const char *kind,
                const NgLexEntry **out)
{
  NgToken *t = ng_sentence_token (s, i);
  if (t == NULL || !t->is_word)
    return FALSE;
  g_autofree char *w = ng_normalize_name (t->text);
  for (guint k = i + 1; k < s->tokens->len && k < i + 14; k++)
    {
      NgToken *p = ng_sentence_token (s, k);
      if (!p->is_word)
        break;
      g_autofree char *pp = ng_normalize_name (p->text);
      g_autofree char *both = g_strconcat (w, " ", pp, NULL);
      const NgLexEntry *e = ng_gazetteer_lexicon (c->gaz, kind, both);
      if (e)
        {
          if (out)
            *out = e;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
is_particle (const Ctx *c, const NgToken *t)
{
  return t && t->is_word && !t->capitalised
         && ng_gazetteer_lexicon (c->gaz, "particle", t->text) != NULL;
}

static NgMention *
add_mention (Ctx *c, const NgSentence *s, guint i, guint w, NgEntityKind kind,
             const NgEntity *e, const char *name, gboolean by_role)
{
  NgMention *m = g_new0 (NgMention, 1);
  NgToken *first = ng_sentence_token (s, i), *last = ng_sentence_token (s, i + w - 1);
  m->kind = kind;
  m->entity = e;
  m->name = g_strdup (e ? e->name : name);
  m->start = first->start;
  m->end = last->end;
  m->surface = g_strndup (c->text + m->start, m->end - m->start);
  m->sentence = s->index;
  m->by_role = by_role;
  g_ptr_array_add (c->ex->mentions, m);
  if (kind == NG_ENTITY_PERSON && !by_role)
    {
      g_ptr_array_remove (c->seen_persons, m);
      g_ptr_array_add (c->seen_persons, m);
    }
  return m;
}

static gboolean
same_person (const NgMention *a, const NgMention *b)
{
  if (a->entity || b->entity)
    return a->entity == b->entity;
  return g_strcmp0 (a->name, b->name) == 0;
}

/* The role a person holds on DATE (any role when DATE is NONE). */
static const NgRole *
role_at (const NgEntity *e, const char *key, const char *country,
         const NgDate *date)
{
  for (guint i = 0; e && i < e->roles->len; i++)
    {
      const NgRole *r = e->roles->pdata[i];
      if (key && strcmp (r->key, key) != 0)
        continue;
      if (country && g_strcmp0 (r->country, country) != 0)
        continue;
      if (date->precision != NG_DATE_NONE)
        {
          if (r->from.precision != NG_DATE_NONE
              && ng_date_compare (date, &r->from) < 0
              && !ng_date_compatible (date, &r->from))
            continue;
          if (r->to.precision != NG_DATE_NONE
              && ng_date_compare (date, &r->to) > 0
              && !ng_date_compatible (date, &r->to))
            continue;
        }
      return r;
    }
  return NULL;
}

/* The person holding ROLE of COUNTRY at the document date: someone the
 * article already named if they hold it, else the only listed holder. */
static const NgEntity *
holder_of (const Ctx *c, const char *role, const char *country)
{
  const GPtrArray *all = ng_gazetteer_entities (c->gaz);
  const NgEntity *found = NULL;

  if (c->doc_date->precision == NG_DATE_NONE || country == NULL)
    return NULL;
  for (guint i = c->seen_persons->len; i > 0; i--)
    {
      const NgMention *m = c->seen_persons->pdata[i - 1];
      if (m->entity && role_at (m->entity, role, country, c->doc_date))
        return m->entity;
    }
  for (guint i = 0; i < all->len; i++)
    {
      const NgEntity *e = all->pdata[i];
      if (e->kind == NG_ENTITY_PERSON && role_at (e, role, country, c->doc_date))
        {
          if (found)
            return NULL;  /* ambiguous at month precision: say nothing */
          found = e;
        }
    }
  return found;
}

/* Country QID from a role phrase: an adjective before it ("Amerikaanse
 * president") or "van <country>" after it.  *AFTER is set past the phrase. */
static const char *
role_country (const Ctx *c, const NgSentence *s, guint i, guint w, guint *after)
{
  NgToken *prev = i > 0 ? ng_sentence_token (s, i - 1) : NULL;
  *after = i + w;
  if (prev && prev->is_word)
    {
      const NgEntity *e = ng_gazetteer_lookup_adjective (c->gaz, prev->text);
      if (e)
        return e->country ? e->country : e->wikidata;
    }
  NgToken *van = ng_sentence_token (s, i + w);
  if (van && g_ascii_strcasecmp (van->text, "van") == 0)
    {
      guint mw = ng_gazetteer_max_words (c->gaz);
      for (guint k = MIN (mw, 4); k >= 1; k--)
        {
          g_autofree char *p = ng_sentence_phrase (s, i + w + 1, k);
          const GPtrArray *l = p ? ng_gazetteer_lookup (c->gaz, p) : NULL;
          if (l && l->len == 1)
            {
              const NgEntity *e = l->pdata[0];
              if (e->kind == NG_ENTITY_PLACE && g_strcmp0 (e->type, "country") == 0)
                {
                  *after = i + w + 1 + k;
                  return e->wikidata;
                }
            }
        }
    }
  return NULL;
}

/* Picks one entity of an ambiguous alias: the one this article already
 * mentioned, else a person over a place over an organisation if unique. */
static const NgEntity *
choose (const Ctx *c, const GPtrArray *list)
{
  if (list->len == 1)
    return list->pdata[0];
  for (guint i = c->ex->mentions->len; i > 0; i--)
    {
      const NgMention *m = c->ex->mentions->pdata[i - 1];
      for (guint k = 0; k < list->len; k++)
        if (m->entity == list->pdata[k])
          return m->entity;
    }
  return NULL;
}

static gboolean
name_has_word (const char *name, const char *w)
{
  g_autofree char *n = ng_normalize_name (name);
  g_auto (GStrv) parts = g_strsplit (n, " ", -1);
  for (char **p = parts; *p; p++)
    if (strcmp (*p, w) == 0 && strlen (*p) > 1)
      return TRUE;
  return FALSE;
}

/* How often the text names this person: full names anywhere in the text
 * (first pass) plus the mentions found so far.  The salience that decides
 * between people who share a short form. */
static guint
salience (const Ctx *c, const NgMention *p)
{
  guint n = 0;
  for (guint i = 0; c->all_persons && i < c->all_persons->len; i++)
    n += same_person (c->all_persons->pdata[i], p);
  for (guint i = 0; i < c->seen_persons->len; i++)
    n += same_person (c->seen_persons->pdata[i], p);
  return n;
}

/* TRUE when the person leads a state or government at the document date
 * (lexicon kind head-role), the peers a head of state meets. */
static gboolean
is_head (const Ctx *c, const NgMention *m)
{
  if (m == NULL || m->entity == NULL)
    return FALSE;
  for (guint i = 0; i < m->entity->roles->len; i++)
    {
      const NgRole *r = m->entity->roles->pdata[i];
      if (ng_gazetteer_lexicon (c->gaz, "head-role", r->key)
          && role_at (m->entity, r->key, r->country, c->doc_date))
        return TRUE;
    }
  return FALSE;
}

/* The person named shortly before token I and joined to it by "en"/"met"
 * ("Trump en Kim", "Moon wil opnieuw met Kim praten"), or NULL. */
static const NgMention *
coordinated_with (const Ctx *c, const NgSentence *s, guint i)
{
  NgToken *conj = i > 0 ? ng_sentence_token (s, i - 1) : NULL;
  gsize from;
  if (conj == NULL || !ng_lex_is (c->gaz, s, i - 1, "coordination"))
    return NULL;
  from = ng_sentence_token (s, i >= 4 ? i - 4 : 0)->start;
  for (guint k = c->ex->mentions->len; k > 0; k--)
    {
      const NgMention *m = c->ex->mentions->pdata[k - 1];
      if (m->sentence != s->index || m->start < from)
        return NULL;
      if (m->kind == NG_ENTITY_PERSON && m->end <= conj->start)
        return m;
    }
  return NULL;
}

/* A capitalised word (token I of S) that shortens a person's name ("Trump",
 * "Kim").  Candidates are the persons whose name has that word, named before
 * or, when nobody was, later in the text (headlines and openings use the
 * short form first).  Among several: not one named in full in this very
 * sentence (a writer does not shorten a name just spelled out); when the
 * word is coordinated with a head of state ("Trump en Kim"), a head of
 * state; the one named in this or the previous sentence; else the most
 * salient, the most recent on a tie.  Never a new person. */
static const NgMention *
short_form (const Ctx *c, const NgSentence *s, guint i)
{
  NgToken *t = ng_sentence_token (s, i);
  g_autofree char *w = NULL;
  g_autoptr (GPtrArray) cands = g_ptr_array_new ();
  const NgMention *best = NULL, *peer;
  guint best_score = 0;

  if (c->no_short_forms)
    return NULL;
  w = ng_normalize_name (t->text);
  /* distinct candidates, most recent first */
  for (guint k = c->seen_persons->len; k > 0; k--)
    {
      const NgMention *m = c->seen_persons->pdata[k - 1];
      gboolean dup = FALSE;
      if (!name_has_word (m->name, w))
        continue;
      for (guint q = 0; q < cands->len; q++)
        dup |= same_person (cands->pdata[q], m);
      if (!dup)
        g_ptr_array_add (cands, (gpointer) m);
    }
  if (cands->len == 0)
    for (guint k = 0; c->all_persons && k < c->all_persons->len; k++)
      {
        const NgMention *m = c->all_persons->pdata[k];
        gboolean dup = FALSE;
        if (m->start <= t->start || !name_has_word (m->name, w))
          continue;
        for (guint q = 0; q < cands->len; q++)
          dup |= same_person (cands->pdata[q], m);
        if (!dup)
          g_ptr_array_add (cands, (gpointer) m);
      }
  if (cands->len <= 1)
    return cands->len ? cands->pdata[0] : NULL;

  peer = coordinated_with (c, s, i);
  for (guint q = 0; q < cands->len; q++)
    {
      const NgMention *m = cands->pdata[q];
      guint score = 1;
      gboolean named_here = FALSE;
      for (guint k = 0; k < c->ex->mentions->len; k++)
        {
          const NgMention *o = c->ex->mentions->pdata[k];
          if (o->sentence == s->index && same_person (o, m)
              && strlen (o->surface) > strlen (t->text))
            named_here = TRUE;
        }
      if (named_here)
        continue;
      if (is_head (c, peer) && is_head (c, m) && !same_person (peer, m))
        score += 10000;
      if (m->sentence + 1 >= s->index && m->start < t->start)
        score += 1000;
      score += salience (c, m);
      if (score > best_score)
        best = m, best_score = score;
    }
  return best ? best : cands->pdata[0];
}

/* --------------------------------------------------------- entities */

static void
find_entities (Ctx *c, const NgSentence *s)
{
  guint n = s->tokens->len;
  guint maxw = MAX (ng_gazetteer_max_words (c->gaz), 1);

  for (guint i = 0; i < n;)
    {
      NgToken *t = ng_sentence_token (s, i);
      gboolean done = FALSE;

      if (!t->is_word)
        {
          i++;
          continue;
        }

      /* role phrase: "de Amerikaanse president", "minister van ..." */
      for (guint w = 4; w >= 1 && !done; w--)
        {
          g_autofree char *p = ng_sentence_phrase (s, i, w);
          const char *role = p ? ng_gazetteer_role_for_noun (c->gaz, p) : NULL;
          guint after;
          const char *country;
          NgToken *next;

          if (role == NULL)
            continue;
          country = role_country (c, s, i, w, &after);
          next = ng_sentence_token (s, after);
          if (next && next->is_word && next->capitalised)
            {
              /* a name follows: listed names are found below; an unlisted
                 name of two or more words becomes a person */
              guint k = after, caps = 0;
              while (k < n)
                {
                  NgToken *x = ng_sentence_token (s, k);
                  if (x->is_word && x->capitalised)
                    caps++;
                  else if (!is_particle (c, x)
                           || !(ng_sentence_token (s, k + 1) && ng_sentence_token (s, k + 1)->capitalised))
                    break;
                  k++;
                }
              gboolean listed = FALSE;
              for (guint ww = MIN (maxw, k - after); ww >= 1; ww--)
                {
                  g_autofree char *pp = ng_sentence_phrase (s, after, ww);
                  if (pp && ng_gazetteer_lookup (c->gaz, pp))
                    listed = TRUE;
                }
              if (!listed && caps >= 2
                  && !short_form (c, s, after))
                {
                  /* keep the last two capitalised words and the particles
                     in between ("Ingrid van der Berg") */
                  guint start = k - 1, seen = 0;
                  while (start > after)
                    {
                      NgToken *x = ng_sentence_token (s, start);
                      if (x->capitalised && ++seen == 2)
                        break;
                      start--;
                    }
                  while (start > after && is_particle (c, ng_sentence_token (s, start - 1)))
                    start--;
                  GString *name = g_string_new (NULL);
                  for (guint q = start; q < k; q++)
                    {
                      if (name->len)
                        g_string_append_c (name, ' ');
                      g_string_append (name, ng_sentence_token (s, q)->text);
                    }
                  add_mention (c, s, start, k - start, NG_ENTITY_PERSON, NULL,
                               name->str, FALSE);
                  g_string_free (name, TRUE);
                  i = k;
                  done = TRUE;
                }
              else
                {
                  i = after;
                  done = TRUE;
                }
            }
          else if (country)
            {
              const NgEntity *h = holder_of (c, role, country);
              if (h)
                add_mention (c, s, i, after - i, NG_ENTITY_PERSON, h, NULL, TRUE);
              i = after;
              done = TRUE;
            }
        }
      if (done)
        continue;

      /* listed names and aliases, longest first */
      for (guint w = MIN (maxw, n - i); w >= 1 && !done; w--)
        {
          g_autofree char *p = NULL;
          const GPtrArray *list;
          const NgEntity *e;

          if (w == 1 && !t->capitalised)
            break;
          p = ng_sentence_phrase (s, i, w);
          if (p == NULL)
            continue;
          list = ng_gazetteer_lookup (c->gaz, p);
          if (list == NULL)
            continue;
          /* a capitalised word right after must not be cut off
             ("Kim" of "Kim Yo-jong" is not "Kim Jong-un") */
          e = choose (c, list);
          if (e == NULL)
            continue;
          add_mention (c, s, i, w, e->kind, e, NULL, FALSE);
          i += w;
          done = TRUE;
        }
      if (done)
        continue;

      /* short forms of persons named before */
      if (t->capitalised)
        {
          const NgMention *m = short_form (c, s, i);
          if (m)
            {
              add_mention (c, s, i, 1, NG_ENTITY_PERSON, m->entity, m->name,
                           FALSE);
              i++;
              continue;
            }
        }
      i++;
    }
}

/* ------------------------------------------------------------- dates */

/* The date of an event whose trigger is token AT: of the sentence's time
 * expressions (src/timex.c) the one nearest the trigger.  Returns TRUE when
 * the sentence has a time expression at all (*OUT may still be NONE when it
 * cannot be resolved or is vague: then no date must be guessed). */
static gboolean
find_date (const Ctx *c, const NgSentence *s, gboolean planned, guint at,
           NgDate *out)
{
  g_autoptr (GArray) tx = ng_timex_find (c->gaz, s, c->doc_date,
                                         planned ? NG_TENSE_FUTURE : NG_TENSE_PAST);
  guint best = G_MAXUINT, dist = G_MAXUINT;

  out->precision = NG_DATE_NONE;
  for (guint i = 0; i < tx->len; i++)
    {
      const NgTimex *x = &g_array_index (tx, NgTimex, i);
      guint d = x->first_token > at ? x->first_token - at
                                    : at - (x->first_token + x->n_tokens - 1);
      /* a resolved expression beats an unresolved one at any distance */
      if (x->value.precision != NG_DATE_NONE)
        d /= 2;
      else
        d += 1000;
      if (d < dist)
        dist = d, best = i;
    }
  if (best == G_MAXUINT)
    return FALSE;
  *out = g_array_index (tx, NgTimex, best).value;
  return TRUE;
}

/* ---------------------------------------------------------- meetings */

/* Token index of the token starting at byte START (G_MAXUINT if none). */
static guint
token_index (const NgSentence *s, gsize start)
{
  for (guint i = 0; i < s->tokens->len; i++)
    if (ng_sentence_token (s, i)->start >= start)
      return i;
  return G_MAXUINT;
}

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
      at = token_index (s, m->start);
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
            && role_at (m->entity, r->key, r->country, c->doc_date))
          return TRUE;
      }
  return FALSE;
}

/* One meeting mention from the first trigger at or after token FROM;
 * returns the token where the next trigger's search starts. */
static guint
find_meeting (Ctx *c, const NgSentence *s, guint first_mention, guint from_token)
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
      guint at = token_index (s, m->start);
      if (m->kind != NG_ENTITY_PERSON || at < seg_from || at >= seg_to
          || reports_only (c, s, m, at))
        continue;
      for (guint q = 0; q < mm->participants->len; q++)
        dup |= same_person (mm->participants->pdata[q], m);
      if (!dup)
        g_ptr_array_add (mm->participants, m);
    }
  if (mm->participants->len == 0)
    {
      meeting_free (mm);
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
              || lex_split_verb (c, s, i, "status", &st)))
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
  if (!find_date (c, s, status != NG_STATUS_HELD, trig_at, &mm->date)
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

/* --------------------------------------------------------- sanctions */

static const char *
person_country (const NgMention *m, const NgDate *date)
{
  const NgRole *r;
  if (m == NULL || m->entity == NULL)
    return NULL;
  if (m->entity->kind != NG_ENTITY_PERSON)
    return m->entity->country ? m->entity->country : m->entity->wikidata;
  r = role_at (m->entity, NULL, NULL, date);
  if (r == NULL && m->entity->roles->len)
    r = m->entity->roles->pdata[0];
  return r ? r->country : NULL;
}

static NgMention *
country_mention (Ctx *c, const NgSentence *s, const char *qid, guint at)
{
  const NgEntity *e = ng_gazetteer_by_wikidata (c->gaz, qid);
  NgToken *t = ng_sentence_token (s, at);
  if (e == NULL || t == NULL)
    return NULL;
  NgMention *m = add_mention (c, s, at, 1, e->kind, e, NULL, TRUE);
  return m;
}

/* A person named as the source of the sentence ("aldus X", "volgens X"):
 * reports what others do, does not act. */
static gboolean
is_source (const Ctx *c, const NgSentence *s, const NgMention *m)
{
  guint at = token_index (s, m->start);
  if (at == G_MAXUINT || at == 0 || !ng_lex_is (c->gaz, s, at - 1, "source-marker"))
    return FALSE;
  /* "... dat kunnen wij niet doen", aldus X: a quote in the first person is
     the source speaking for their own side */
  for (guint i = 0; i < s->tokens->len; i++)
    if (ng_lex_is (c->gaz, s, i, "first-person"))
      return FALSE;
  return TRUE;
}

static void
find_sanction (Ctx *c, const NgSentence *s, guint first_mention)
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
            imposer = add_mention (c, s, i, 1, ((NgEntity *) l->pdata[0])->kind,
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
             || lex_split_verb (c, s, i, "sanction-action", &e))
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
                      const char *q = person_country (m, c->doc_date);
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
  find_date (c, s, FALSE, act ? act_at : noun_at, &sm->date);
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
          const char *q = person_country (actor, c->doc_date);
          if (q && (target->entity == NULL || g_strcmp0 (target->entity->wikidata, q) != 0))
            sm->imposer = country_mention (c, s, q, act_at);
        }
    }
  if (sm->actor == NULL && sm->has_action)
    sm->has_action = FALSE;
  g_ptr_array_add (c->ex->sanctions, sm);
}

/* ------------------------------------------------------------- entry */

NgExtraction *
ng_extract (const NgGazetteer *gaz, const NgArticle *article)
{
  NgExtraction *ex = g_new0 (NgExtraction, 1);
  Ctx c = { 0 };

  g_return_val_if_fail (gaz != NULL && article != NULL, ex);

  ex->sentences = ng_segment (ng_article_get_text (article),
                              ng_article_get_length (article));
  ex->mentions = g_ptr_array_new_with_free_func (mention_free);
  ex->meetings = g_ptr_array_new_with_free_func (meeting_free);
  ex->sanctions = g_ptr_array_new_with_free_func (sanction_free);

  c.gaz = gaz;
  c.article = article;
  c.text = ng_article_get_text (article);
  c.doc_date = ng_article_get_date (article);
  c.ex = ex;
  c.seen_persons = g_ptr_array_new ();

  /* first pass: the full names of the whole text */
  {
    NgExtraction scratch = { ex->sentences, NULL, NULL, NULL };
    Ctx first = c;
    scratch.mentions = g_ptr_array_new_with_free_func (mention_free);
    first.ex = &scratch;
    first.seen_persons = g_ptr_array_new ();
    first.no_short_forms = TRUE;
    for (guint i = 0; i < ex->sentences->len; i++)
      find_entities (&first, ex->sentences->pdata[i]);
    g_ptr_array_unref (first.seen_persons);
    c.all_persons = g_ptr_array_new_with_free_func (mention_free);
    for (guint i = 0; i < scratch.mentions->len; i++)
      {
        NgMention *m = scratch.mentions->pdata[i];
        if (m->kind == NG_ENTITY_PERSON && !m->by_role)
          g_ptr_array_add (c.all_persons, g_steal_pointer (&scratch.mentions->pdata[i]));
      }
    g_ptr_array_unref (scratch.mentions);
  }

  for (guint i = 0; i < ex->sentences->len; i++)
    {
      const NgSentence *s = ex->sentences->pdata[i];
      guint first = ex->mentions->len;
      find_entities (&c, s);
      for (guint at = 0; at < s->tokens->len;)
        at = find_meeting (&c, s, first, at);
      find_sanction (&c, s, first);
    }
  g_ptr_array_unref (c.seen_persons);
  g_ptr_array_unref (c.all_persons);
  return ex;
}
