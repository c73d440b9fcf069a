/* extract-events.c — meetings (trigger, participants of the clause,
 * status, place, date) from the mentions of a sentence; sanctions are in
 * extract-sanctions.c.
 *
 * A meeting mention also draws on its context, each rule named in its
 * explanation: pronouns ("ontving hem"), group phrases ("beide leiders"),
 * delegations ("Noord-Koreaanse functionarissen"), a meeting noun or an
 * attendance phrase that refers back to a meeting named before ("het
 * gesprek", "aan tafel zaten ook"), the place of "waar" and "daar" and of an
 * arrival just reported, and dates and places only from the trigger's own
 * clause.  Negated meetings ("er komt geen nieuwe ontmoeting") are none. */
#include "config.h"

#include <string.h>

#include "extract-private.h"

/* how far back (in sentences) a meeting can be referred to */
#define ANTECEDENT_SENTENCES 8
/* how far back a pronoun finds its person ("Hij …", "Volgens hem …" carry
 * it on) */
#define PRONOUN_SENTENCES 4

static gboolean
is_kind (const Ctx *c, const NgSentence *s, guint i, const char *kind)
{
  return i < s->tokens->len && ng_lex_is (c->gaz, s, i, kind);
}

static const char *
lex_value (const Ctx *c, const NgSentence *s, guint i, const char *kind)
{
  const NgLexEntry *e = NULL;
  return i < s->tokens->len && ng_lex_at (c->gaz, s, i, kind, &e) ? e->value : NULL;
}

/* ";" or ":" — a break no clause rule looks across */
static gboolean
hard_break (const NgSentence *s, guint i)
{
  NgToken *t = ng_sentence_token (s, i);
  return t && !t->is_word && (g_str_equal (t->text, ";") || g_str_equal (t->text, ":"));
}

static gboolean
word_is (const NgToken *t, const char *w, gsize len)
{
  return t->is_word && t->norm && strlen (t->norm) == len && memcmp (t->norm, w, len) == 0;
}

/* A lexicon phrase of KIND whose words stand in order from token I on, each
 * within GAP tokens of the one before ("schoof ook X aan"); a one-word
 * phrase matches at I only.  Never across ";" or ":". */
static const NgLexEntry *
gapped_at (const Ctx *c, const NgSentence *s, guint i, const char *kind, guint gap)
{
  const GPtrArray *all;
  NgToken *t = ng_sentence_token (s, i);

  if (t == NULL || !ng_sentence_starts_phrase (c->gaz, s, i))
    return NULL;
  all = ng_gazetteer_lexicon_all (c->gaz, kind);
  for (guint k = 0; all && k < all->len; k++)
    {
      const NgLexEntry *e = all->pdata[k];
      const char *sp = strchr (e->phrase, ' ');
      guint at = i;
      if (!word_is (t, e->phrase, sp ? (gsize) (sp - e->phrase) : strlen (e->phrase)))
        continue;
      while (sp && at != G_MAXUINT)
        {
          const char *w = sp + 1;
          gsize len;
          guint found = G_MAXUINT;
          sp = strchr (w, ' ');
          len = sp ? (gsize) (sp - w) : strlen (w);
          for (guint j = at + 1; j < s->tokens->len && j <= at + 1 + gap; j++)
            {
              if (hard_break (s, j))
                break;
              if (word_is (ng_sentence_token (s, j), w, len))
                {
                  found = j;
                  break;
                }
            }
          at = found;
        }
      if (at != G_MAXUINT)
        return e;
    }
  return NULL;
}

/* Is token J in another clause than the trigger at T?  After the trigger a
 * subordinate clause ("ontmoeting sinds Biden in januari aantrad", "…,
 * nadat hij in Japan was") or ";"/":" separate it, but a relative pronoun
 * right after the meeting noun describes the meeting ("de top, die in juni
 * …"); before the trigger only ";"/":" do. */
static gboolean
cut_off (const Ctx *c, const NgSentence *s, guint t, guint j)
{
  if (j > t)
    {
      for (guint i = t + 1; i < j; i++)
        {
          const char *v;
          if (hard_break (s, i))
            return TRUE;
          if (!is_kind (c, s, i, "subordinator"))
            continue;
          v = lex_value (c, s, i, "subordinator");
          if (g_strcmp0 (v, "relative") == 0
              && (i == t + 1 || (i == t + 2 && !ng_sentence_token (s, t + 1)->is_word)))
            continue;
          return TRUE;
        }
      return FALSE;
    }
  for (guint i = j + 1; i < t; i++)
    if (hard_break (s, i))
      return TRUE;
  return FALSE;
}

/* Token index of mention M in S, G_MAXUINT when it lies elsewhere. */
static guint
token_of (const NgSentence *s, const NgMention *m)
{
  return m->sentence == s->index ? xt_token_index (s, m->start) : G_MAXUINT;
}

static gboolean
is_pronoun (const Ctx *c, const NgSentence *s, guint i)
{
  return is_kind (c, s, i, "subject-pronoun") || is_kind (c, s, i, "object-pronoun");
}

static guint
persons_in (const Ctx *c, const NgSentence *s, guint from, guint to)
{
  guint n = 0;
  /* this sentence's mentions are the last ones: stop before the others */
  for (guint k = c->ex->mentions->len; k > 0; k--)
    {
      const NgMention *m = c->ex->mentions->pdata[k - 1];
      guint at;
      if (m->sentence < s->index)
        break;
      if (m->sentence != s->index || m->kind != NG_ENTITY_PERSON)
        continue;
      at = xt_token_index (s, m->start);
      n += at >= from && at < to;
    }
  /* "hij", "hem" stand for persons too */
  for (guint i = from; i < to && i < s->tokens->len; i++)
    n += is_pronoun (c, s, i);
  return n;
}

/* Does a subordinate clause open up to three words before token I ("die de
 * VS bezoekt"): only there does the object stand before the verb. */
static gboolean
in_subclause (const Ctx *c, const NgSentence *s, guint i)
{
  for (guint back = 1; back <= 3 && back <= i; back++)
    if (is_kind (c, s, i - back, "subordinator"))
      return TRUE;
  return FALSE;
}

/* The token of the last mention of KIND in S that stands up to six words
 * after the visit word at AT (W tokens) or up to three before it in a
 * subclause, with only words in between; G_MAXUINT when there is none.
 * With NOT_LOCATIVE, a mention right after a locative that is no
 * visit-object word does not count ("bezocht Xi in Peking"). */
static guint
visited_mention (const Ctx *c, const NgSentence *s, guint at, guint w, NgEntityKind kind,
                 gboolean not_locative)
{
  for (guint k = c->ex->mentions->len; k > 0; k--)
    {
      const NgMention *m = c->ex->mentions->pdata[k - 1];
      guint i, e, lo, hi;
      gboolean words = TRUE;
      if (m->sentence < s->index)
        break;
      if (m->kind != kind || (i = token_of (s, m)) == G_MAXUINT)
        continue;
      e = xt_token_index (s, m->end);
      if (e == G_MAXUINT)
        e = s->tokens->len;
      if (i >= at + w && i <= at + w + 6)
        lo = at + w, hi = i;
      else if (e <= at && e + 3 >= at && in_subclause (c, s, i))
        lo = e, hi = at;
      else
        continue;
      for (guint q = lo; q < hi; q++)
        words &= ng_sentence_token (s, q)->is_word;
      if (!words)
        continue;
      if (not_locative && i > at && is_kind (c, s, i - 1, "locative")
          && !is_kind (c, s, i - 1, "visit-object"))
        continue;
      return i;
    }
  return G_MAXUINT;
}

/* Does a visit word at token AT (W tokens) name a place as what is visited:
 * a place up to six words after it ("bezocht Moskou", "bezocht de Chinese
 * leider nog Moskou", "bezoek van Xi aan Europa") or up to three before it
 * ("die de VS bezoekt")?  A place after a locative other than a
 * visit-object word is where the visit is, not what is visited ("bezocht
 * Xi in Peking"). */
static gboolean
visits_place (const Ctx *c, const NgSentence *s, guint at, guint w)
{
  return visited_mention (c, s, at, w, NG_ENTITY_PLACE, TRUE) != G_MAXUINT;
}

/* A visit is a meeting when it names whom it visits: a person up to six
 * words after the visit word ("bezocht Xi", "bezoek aan president X"), or
 * up to three before it ("die Kim bezoekt"), or "hem". */
static gboolean
visits_person (const Ctx *c, const NgSentence *s, guint at, guint w)
{
  for (guint q = at + w; q < s->tokens->len && q <= at + w + 6; q++)
    {
      if (!ng_sentence_token (s, q)->is_word)
        break;
      if (is_kind (c, s, q, "object-pronoun"))
        return TRUE;
    }
  return visited_mention (c, s, at, w, NG_ENTITY_PERSON, FALSE) != G_MAXUINT;
}

/* "met" at token I introduces whom one talks to: a person (or "hem",
 * "elkaar") within four words ("met de Russische president Poetin"), not
 * "met verslaggevers". */
static gboolean
with_person (const Ctx *c, const NgSentence *s, guint i)
{
  guint n = s->tokens->len, end = MIN (n, i + 5);
  for (guint j = i + 1; j < end; j++)
    {
      if (is_pronoun (c, s, j) || is_kind (c, s, j, "reciprocal"))
        return TRUE;
      /* "met verslaggevers over X": X is not whom one talks to */
      if (!ng_sentence_token (s, j)->is_word || is_kind (c, s, j, "preposition"))
        {
          end = j;
          break;
        }
    }
  for (guint k = c->ex->mentions->len; k > 0; k--)
    {
      const NgMention *m = c->ex->mentions->pdata[k - 1];
      guint at;
      if (m->sentence < s->index)
        break;
      at = token_of (s, m);
      if (m->kind == NG_ENTITY_PERSON && at > i && at < end)
        return TRUE;
    }
  return FALSE;
}

/* Is the trigger E at token I (W tokens) a meeting here?  A verb of talking
 * needs "met" or "elkaar" in its clause ("sprak met Xi", "met elkaar
 * gesproken"), a reciprocal verb needs "elkaar" ("zagen elkaar"), and a
 * visit to a place is a journey, not a meeting ("bezocht Moskou"). */
static gboolean
trigger_ok (const Ctx *c, const NgSentence *s, guint i, guint w, const NgLexEntry *e)
{
  gboolean with = g_strcmp0 (e->value, "with") == 0;
  guint n = s->tokens->len;
  if (with || g_strcmp0 (e->value, "reciprocal") == 0)
    {
      guint lo = i > 8 ? i - 8 : 0, hi = MIN (n, i + w + 8);
      for (guint j = i; j > lo && !hard_break (s, j - 1); j--)
        if (is_kind (c, s, j - 1, "reciprocal")
            || (with && is_kind (c, s, j - 1, "meeting-with") && with_person (c, s, j - 1)))
          return TRUE;
      for (guint j = i + w; j < hi && !hard_break (s, j); j++)
        if (is_kind (c, s, j, "reciprocal")
            || (with && is_kind (c, s, j, "meeting-with") && with_person (c, s, j)))
          return TRUE;
      return FALSE;
    }
  if (g_strcmp0 (e->value, "visit") == 0)
    return !visits_place (c, s, i, w) && visits_person (c, s, i, w);
  return TRUE;
}

/* Does a two-word meeting phrase start with token I ("kwamen … bijeen")? */
static gboolean
starts_split_meeting (const Ctx *c, const NgSentence *s, guint i)
{
  NgToken *t = ng_sentence_token (s, i);
  if (!ng_sentence_starts_phrase (c->gaz, s, i) || t->width1 < 3)
    return FALSE;
  return ng_gazetteer_lexicon_head (c->gaz, "meeting", t->norm);
}

/* The next valid meeting trigger at or after token FROM: its entry, token
 * and width; FALSE when there is none. */
static gboolean
next_trigger (const Ctx *c, const NgSentence *s, guint from,
              const NgLexEntry **e, guint *at, guint *w)
{
  for (guint i = from; i < s->tokens->len; i++)
    {
      const NgLexEntry *x = NULL;
      guint k;
      /* an English passage has its own rules (extract-english.c): "top
         officials" is no Dutch "top" */
      if (i >= s->en_from && i < s->en_to)
        continue;
      k = ng_lex_at (c->gaz, s, i, "meeting", &x);
      /* "kwamen maandag in Rome bijeen" */
      if (k == 0 && starts_split_meeting (c, s, i) && xt_lex_split_verb (c, s, i, "meeting", &x))
        k = 1;
      if (k && trigger_ok (c, s, i, k, x))
        {
          *e = x, *at = i, *w = k;
          return TRUE;
        }
    }
  return FALSE;
}

/* The token of every meeting trigger of S (negated ones too: "geen top in
 * X" keeps X). */
static GArray *
all_triggers (const Ctx *c, const NgSentence *s)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (guint));
  const NgLexEntry *e;
  guint at, w;
  for (guint i = 0; next_trigger (c, s, i, &e, &at, &w); i = at + w)
    g_array_append_val (a, at);
  return a;
}

/* Does token J belong to another trigger of the sentence than T?  A date
 * or place belongs to the last trigger before it (the first trigger when
 * it comes before all of them): "deze top leverde minder op dan de eerste top
 * in juni in Singapore" — June and Singapore are the first top's. */
static gboolean
nearer_other (const GArray *trigs, guint t, guint j)
{
  guint owner = G_MAXUINT;
  for (guint i = 0; trigs && i < trigs->len; i++)
    {
      guint o = g_array_index (trigs, guint, i);
      if (owner == G_MAXUINT || o <= j)
        owner = o;
    }
  return owner != G_MAXUINT && owner != t;
}

/* Where the search for the next trigger goes on: after this trigger's
 * clause, or at the next trigger when the clause runs on past it (so that
 * "deze top … dan de eerste top in Singapore" are two meeting mentions). */
static guint
next_after (guint seg_to, guint next, guint after_trigger)
{
  guint r = MIN (seg_to, next);
  return r > after_trigger ? r : after_trigger;
}

/* The next meeting trigger at or after token FROM and the token range its
 * participants come from.  A trigger noun followed by "tussen"/"van"
 * ("de ontmoeting tussen A en B") takes the names that follow it up to the
 * next clause mark; when a second trigger with two or more names of its own
 * follows ("X zal Y ontmoeten om te praten over de top tussen A en B"), the
 * first trigger's names stop there. */
static gboolean
meeting_trigger (const Ctx *c, const NgSentence *s, guint from,
                 const NgLexEntry **trig, guint *at, guint *width,
                 guint *seg_from, guint *seg_to, guint *next_at)
{
  guint n = s->tokens->len, w = 0, next = n, w2 = 0;
  const NgLexEntry *e2 = NULL;

  if (!next_trigger (c, s, from, trig, at, &w))
    return FALSE;
  *width = w;
  if (!next_trigger (c, s, *at + w, &e2, &next, &w2))
    next = n;
  *next_at = next;
  *seg_from = from;
  *seg_to = n;
  /* ";" and ":" bound the clause when the trigger's side names someone
     ("X verwelkomde beide leiders; Biden had al een gesprek met hem") */
  {
    guint lo = *at, hi = *at + w;
    while (lo > from && !hard_break (s, lo - 1))
      lo--;
    while (hi < n && !hard_break (s, hi))
      hi++;
    if ((lo > from || hi < n) && persons_in (c, s, lo, hi) > 0)
      {
        *seg_from = lo, *seg_to = hi;
        return TRUE;
      }
  }
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

/* "geen (nieuwe) ontmoeting", "zal Kim niet ontmoeten", "er zijn geen
 * plannen voor een top": the text says this meeting does not take place. */
static const char *
negated (const Ctx *c, const NgSentence *s, guint at, const NgLexEntry *trig)
{
  gboolean noun = g_strcmp0 (trig->value, "noun") == 0
                  || g_strcmp0 (trig->value, "visit") == 0;
  for (guint back = 1; back <= 3 && back <= at; back++)
    {
      guint i = at - back;
      const char *v = lex_value (c, s, i, "negation");
      if (v && (g_strcmp0 (v, "both") == 0 || g_strcmp0 (v, noun ? "noun" : "verb") == 0))
        return ng_sentence_token (s, i)->text;
      if (!ng_sentence_token (s, i)->is_word)
        break;
    }
  for (guint back = 1; back <= 6 && back <= at; back++)
    {
      const NgLexEntry *e = NULL;
      if (hard_break (s, at - back))
        break;
      if (ng_lex_at (c->gaz, s, at - back, "negated-plan", &e))
        return e->phrase;
    }
  return NULL;
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

static gboolean
has_person (const GPtrArray *list, const NgMention *m)
{
  for (guint q = 0; q < list->len; q++)
    if (xt_same_person (list->pdata[q], m))
      return TRUE;
  return FALSE;
}

static void
add_participant (GPtrArray *list, NgMention *m)
{
  if (m && !has_person (list, m))
    g_ptr_array_add (list, m);
}

/* "hij", "hem": the person named last before the pronoun (at most
 * PRONOUN_SENTENCES sentences back) who is not a spokesperson; a subject
 * pronoun refers to a subject, not to a name governed by a preposition ("…
 * ontvangen door president X, daarna spreekt hij …"); an object pronoun is
 * not the subject of its own clause, so it skips the persons of that
 * clause. */
static NgMention *
pronoun_referent (const Ctx *c, const NgSentence *s, guint at)
{
  gsize cut = ng_sentence_token (s, at)->start;
  gboolean object = is_kind (c, s, at, "object-pronoun");
  /* "…', twitterde hij": the speaker is not one named in the quote */
  if (at > 0 && is_kind (c, s, at - 1, "speech-verb"))
    cut = s->start;
  else if (object)
    {
      guint i = at;
      while (i > 0 && ng_sentence_token (s, i - 1)->is_word
             && !is_kind (c, s, i - 1, "subordinator"))
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
      if ((i = token_of (s, m)) != G_MAXUINT && reports_only (c, s, m, i))
        continue;
      ms = c->ex->sentences->pdata[m->sentence];
      i = xt_token_index (ms, m->start);
      /* "door X", "door president X" */
      if (!object && i != G_MAXUINT && i > 0
          && (is_kind (c, ms, i - 1, "preposition")
              || (i > 1 && !ng_sentence_token (ms, i - 1)->capitalised
                  && ng_sentence_token (ms, i - 1)->is_word
                  && is_kind (c, ms, i - 2, "preposition"))))
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
      if (!is_kind (c, s, v, "speech-verb"))
        continue;
      if (is_kind (c, s, v + 1, "subject-pronoun"))
        return pronoun_referent (c, s, v + 1);
      for (guint k = c->ex->mentions->len; k > 0; k--)
        {
          NgMention *m = c->ex->mentions->pdata[k - 1];
          guint i, e;
          if (m->sentence < s->index)
            break;
          if (m->kind != NG_ENTITY_PERSON || (i = token_of (s, m)) == G_MAXUINT)
            continue;
          e = xt_token_index (s, m->end);
          if ((i > v && i <= v + 2) || e == v)
            return m;
        }
    }
  return NULL;
}

static gboolean
includes_all (const NgMeetingMention *m, const GPtrArray *want)
{
  for (guint i = 0; i < want->len; i++)
    if (!has_person (m->participants, want->pdata[i]))
      return FALSE;
  return TRUE;
}

static gboolean
same_participants (const NgMeetingMention *a, const NgMeetingMention *b)
{
  return a->participants->len == b->participants->len && includes_all (a, b->participants);
}

/* The meeting a mention refers back to: of this article's meetings of the
 * last ANTECEDENT_SENTENCES sentences with two or more participants, those
 * including every one of WANT; the latest, or with FIRST the earliest (an
 * attendance or "beide leiders" refers to the meeting the article is about,
 * which it names first). */
static const NgMeetingMention *
antecedent (const Ctx *c, const NgSentence *s, const GPtrArray *want, gboolean first)
{
  const GPtrArray *ms = c->ex->meetings;
  const NgMeetingMention *best = NULL;
  for (guint i = ms->len; i > 0; i--)
    {
      const NgMeetingMention *m = ms->pdata[i - 1];
      if (m->sentence + ANTECEDENT_SENTENCES < s->index)
        break;
      if (m->participants->len < 2 || !includes_all (m, want))
        continue;
      best = m;
      if (!first)
        break;
    }
  return best;
}

static guint
meeting_number (const Ctx *c, const NgMeetingMention *m)
{
  for (guint i = c->ex->meetings->len; i > 0; i--)
    if (c->ex->meetings->pdata[i - 1] == m)
      return i;
  return 0;
}

/* "de twee leiders" with no meeting named before: the last two persons
 * named before this sentence (at most two sentences back). */
static gboolean
last_two (const Ctx *c, const NgSentence *s, GPtrArray *out)
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
  add_participant (out, two[0]);
  add_participant (out, two[1]);
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
static NgMention *
delegation_at (Ctx *c, const NgSentence *s, guint i)
{
  const NgEntity *country, *gov;
  NgMention *m;
  if (i == 0 || !is_kind (c, s, i, "delegation"))
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
static const NgLexEntry *
attendance (const Ctx *c, const NgSentence *s, guint *at)
{
  const NgLexEntry *e = NULL;
  for (guint i = 0; i < s->tokens->len && e == NULL; i++)
    if ((e = gapped_at (c, s, i, "attend", 20)))
      *at = i;
  for (guint i = 0; e && i < s->tokens->len; i++)
    if (is_kind (c, s, i, "negation"))
      return NULL;
  return e;
}

/* A meeting noun that refers back: "het gesprek", "hun eerste ontmoeting",
 * "deze top" — a definite word before it with at most two lower-case words
 * between, none of them marking another meeting ("de derde top"). */
static gboolean
anaphoric_noun (const Ctx *c, const NgSentence *s, guint at, const NgLexEntry *trig)
{
  if (g_strcmp0 (trig->value, "noun") != 0)
    return FALSE;
  for (guint back = 1; back <= 3 && back <= at; back++)
    {
      guint i = at - back;
      NgToken *p = ng_sentence_token (s, i);
      if (!p->is_word || is_kind (c, s, i, "other-meeting"))
        return FALSE;
      if (is_kind (c, s, i, "definite"))
        return TRUE;
      if (p->capitalised)
        return FALSE;
    }
  return FALSE;
}

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
          || is_kind (c, s, i - back, "clause-mark") || is_kind (c, s, i - back, "subordinator"))
        break;
    }
  return NULL;
}

static gboolean
is_country (const NgMention *m)
{
  return g_strcmp0 (m->entity ? m->entity->type : NULL, "country") == 0;
}

/* The place of a meeting whose trigger is token T of S in tokens
 * [FROM, TO): the most specific candidate (a city or site over its country),
 * in the trigger's clause, nearest the trigger; a place right before "waar"
 * ("Guangzhou, …, waar Xi hem ontvangt") beats the others. */
static NgMention *
find_place (const Ctx *c, const NgSentence *s, guint first_mention, guint t,
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
      if (m->kind != NG_ENTITY_PLACE || (i = token_of (s, m)) == G_MAXUINT)
        continue;
      rule = place_rule (c, s, i);
      score = (is_country (m) ? 0 : 1000) - (int) (i > t ? i - t : t - i);
      /* "waar": the place named right before it */
      for (guint j = i + 1; j < s->tokens->len && j <= i + 10; j++)
        {
          if (hard_break (s, j) || ng_lex_is (c->gaz, s, j, "meeting"))
            break;
          if (is_kind (c, s, j, "where"))
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
      if (rule == NULL || (score < 10000 && (cut_off (c, s, t, i) || nearer_other (trigs, t, i))))
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
static char *
same_event_place (const Ctx *c, const NgSentence *s, NgMeetingMention *mm)
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
      if (o->place == NULL || o->place == mm->place || !same_participants (o, mm)
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
static const NgMeetingMention *
repeated (const Ctx *c, const NgSentence *s, const NgMeetingMention *mm)
{
  const GPtrArray *ms = c->ex->meetings;
  for (guint i = ms->len; i > 0; i--)
    {
      const NgMeetingMention *o = ms->pdata[i - 1];
      if (o->sentence + ANTECEDENT_SENTENCES < s->index)
        break;
      if (xt_took_place (o->status) && o->date.precision != NG_DATE_NONE
          && same_participants (o, mm)
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
      if (o->status == mm->status && includes_all (o, mm->participants)
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
static NgMention *
scene_place (const Ctx *c, const NgSentence *s)
{
  NgMention *best = NULL;
  for (guint k = c->ex->mentions->len; k > 0; k--)
    {
      NgMention *m = c->ex->mentions->pdata[k - 1];
      guint i;
      if (m->sentence < s->index)
        break;
      if (m->kind != NG_ENTITY_PLACE || (i = token_of (s, m)) == G_MAXUINT
          || !place_rule (c, s, i))
        continue;
      if (best == NULL || (is_country (best) && !is_country (m)))
        best = m;
    }
  return best;
}

/* The date of a meeting at token T: of the sentence's time expressions in
 * the trigger's clause, the nearest; a more precise one it contains refines
 * it ("dit jaar al één keer, op 15 augustus").  FALSE when the clause has
 * none (another clause's "sinds januari" is not the meeting's date). */
static gboolean
meeting_date (Ctx *c, const NgSentence *s, gboolean planned, guint t, const GArray *trigs,
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
      if (cut_off (c, s, t, x->first_token) || nearer_other (trigs, t, x->first_token))
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
          && !cut_off (c, s, t, x->first_token) && !nearer_other (trigs, t, x->first_token))
        *out = x->value, *refined = TRUE;
    }
  return TRUE;
}

/* The most precise resolved date of sentence S (past tense), or NONE. */
static NgDate
sentence_date (const Ctx *c, const NgSentence *s)
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

static const NgSentence *
previous_sentence (const Ctx *c, const NgSentence *s)
{
  return s->index > 0 ? c->ex->sentences->pdata[s->index - 1] : NULL;
}

static NgEventStatus
meeting_status (Ctx *c, const NgSentence *s, guint trig_at, const NgLexEntry *trig,
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

/* One meeting mention from the first trigger at or after token FROM (or,
 * for a sentence without one, from an attendance phrase); returns the token
 * where the next trigger's search starts. */
guint
xt_find_meeting (Ctx *c, const NgSentence *s, guint first_mention, guint from_token)
{
  guint n = s->tokens->len;
  const NgLexEntry *trig = NULL, *attend = NULL;
  const NgMeetingMention *ante = NULL;
  NgMeetingMention *mm;
  NgEventStatus status;
  const char *status_word = NULL, *place_why = NULL, *neg, *ante_why = NULL;
  gboolean refined = FALSE, vague = FALSE, scene_date = FALSE;
  gboolean reference = FALSE;
  const NgMeetingMention *rep = NULL;
  g_autofree char *place_note = NULL;
  guint trig_at = 0, width = 1, seg_from = 0, seg_to = n, attend_at = 0, next_at = n;
  const char *ref_status = NULL;
  g_autoptr (GArray) trigs = NULL;
  g_autoptr (GString) who = g_string_new (NULL);
  g_autoptr (GPtrArray) named = g_ptr_array_new ();

  if (!meeting_trigger (c, s, from_token, &trig, &trig_at, &width, &seg_from, &seg_to,
                        &next_at))
    {
      /* "Aan tafel zaten ook X en Y": no trigger, but a meeting named
         before gets more participants */
      gboolean person = FALSE;
      for (guint k = first_mention; k < c->ex->mentions->len; k++)
        person |= ((NgMention *) c->ex->mentions->pdata[k])->kind == NG_ENTITY_PERSON;
      if (from_token > 0 || !person || (trig = attendance (c, s, &attend_at)) == NULL)
        return n;
      attend = trig, trig_at = attend_at, seg_from = 0, seg_to = n;
    }
  if ((neg = negated (c, s, trig_at, trig)))
    return trig_at + width;
  /* "na de top", "in aanloop naar de ontmoeting": spoken of from another
     moment */
  if (g_strcmp0 (trig->value, "noun") == 0)
    for (guint back = 1; back <= 3 && back <= trig_at; back++)
      {
        NgToken *p = ng_sentence_token (s, trig_at - back);
        if (is_kind (c, s, trig_at - back, "meeting-reference"))
          {
            reference = TRUE;
            ref_status = lex_value (c, s, trig_at - back, "meeting-reference");
            if (ref_status && *ref_status == '\0')
              ref_status = NULL;
          }
        if (reference || !p->is_word || p->capitalised)
          break;
      }

  mm = g_new0 (NgMeetingMention, 1);
  mm->participants = g_ptr_array_new ();
  mm->sentence = s->index;
  mm->trigger = g_strdup (trig->phrase);

  /* the persons of the clause, then pronouns, group phrases, delegations */
  for (guint k = first_mention; k < c->ex->mentions->len; k++)
    {
      NgMention *m = c->ex->mentions->pdata[k];
      guint at = xt_token_index (s, m->start);
      if (m->kind != NG_ENTITY_PERSON || at < seg_from || at >= seg_to
          || reports_only (c, s, m, at))
        continue;
      add_participant (mm->participants, m);
    }
  g_ptr_array_extend (named, mm->participants, NULL, NULL);
  for (guint i = seg_from; i < seg_to; i++)
    {
      const NgLexEntry *g = NULL;
      if (is_kind (c, s, i, "first-person"))
        {
          NgMention *m = xt_speaker (c, s);
          if (m && !has_person (mm->participants, m))
            {
              g_string_append_printf (who, "; \"%s\" is %s (the speaker of the quote)",
                                      ng_sentence_token (s, i)->text, m->name);
              add_participant (mm->participants, m);
              add_participant (named, m);
            }
        }
      else if (is_pronoun (c, s, i))
        {
          NgMention *m = pronoun_referent (c, s, i);
          if (m && !has_person (mm->participants, m))
            {
              g_string_append_printf (who, "; \"%s\" is %s (pronoun: the person named before%s)",
                                      ng_sentence_token (s, i)->text, m->name,
                                      is_kind (c, s, i, "object-pronoun")
                                      ? ", not in its own clause" : "");
              add_participant (mm->participants, m);
              add_participant (named, m);
            }
        }
      else if (ng_lex_at (c->gaz, s, i, "group-anaphor", &g))
        {
          g_autoptr (GPtrArray) none = g_ptr_array_new ();
          const NgMeetingMention *a = antecedent (c, s, none, TRUE);
          if (a)
            {
              for (guint q = 0; q < a->participants->len; q++)
                add_participant (mm->participants, a->participants->pdata[q]);
              g_string_append_printf (who, "; \"%s\" are the participants of meeting %u "
                                      "(group phrase)", g->phrase, meeting_number (c, a));
            }
          else if (last_two (c, s, mm->participants))
            g_string_append_printf (who, "; \"%s\" are the two persons named last (group phrase)",
                                    g->phrase);
        }
      else
        {
          NgMention *d = delegation_at (c, s, i);
          if (d)
            {
              add_participant (mm->participants, d);
              g_string_append_printf (who, "; %s (%s)", d->name, d->explain);
            }
        }
    }

  /* fewer than two: a meeting noun or an attendance phrase refers back to
     a meeting named before ("Poetin noemde het gesprek constructief", "Aan
     tafel zaten ook X en Y"), which brings its participants */
  if (attend == NULL && mm->participants->len < 2)
    attend = attendance (c, s, &attend_at);
  if (mm->participants->len < 2 || attend)
    {
      if (attend)
        ante = antecedent (c, s, named, TRUE), ante_why = "attendance";
      if (ante == NULL && attend)
        {
          g_autoptr (GPtrArray) none = g_ptr_array_new ();
          ante = antecedent (c, s, none, TRUE);
        }
      if (ante == NULL && anaphoric_noun (c, s, trig_at, trig))
        ante = antecedent (c, s, named, FALSE), ante_why = "a meeting noun that refers back";
      if (ante)
        {
          for (guint q = 0; q < ante->participants->len; q++)
            add_participant (mm->participants, ante->participants->pdata[q]);
          g_string_append_printf (who, "; with the participants of meeting %u (sentence %u: %s \"%s\")",
                                  meeting_number (c, ante), ante->sentence + 1, ante_why,
                                  attend ? attend->phrase : trig->phrase);
        }
    }
  /* an attendance without a trigger joins a meeting of its own or the
     previous paragraph, and reports it ("aan tafel zou gaan" does not) */
  if (trig == attend && ante
      && (ante->sentence < s->index
          && ((NgSentence *) c->ex->sentences->pdata[ante->sentence])->paragraph + 1 < s->paragraph))
    ante = NULL;
  if (trig == attend && ante
      && !xt_took_place (meeting_status (c, s, trig_at, trig, &status_word)))
    ante = NULL;
  if (mm->participants->len == 0 || (trig == attend && ante == NULL))
    {
      xt_meeting_free (mm);
      return next_after (seg_to, next_at, trig_at + width);
    }

  status = meeting_status (c, s, trig_at, trig, &status_word);
  if (ref_status && status != NG_STATUS_CANCELLED)
    {
      status = strcmp (ref_status, "Held") == 0 ? NG_STATUS_HELD : NG_STATUS_PLANNED;
      status_word = "the word before the meeting noun";
    }
  mm->status = status;
  trigs = all_triggers (c, s);

  /* place: of the clause; else "daar" or an arrival the sentence before
     reports; else that of the meeting referred back to */
  mm->place = find_place (c, s, first_mention, trig_at, seg_from, seg_to, trigs, &place_why);
  /* a meeting referred back to is where that one is, not where "daar" is */
  if (mm->place == NULL && !reference && ante == NULL)
    {
      const NgSentence *prev = previous_sentence (c, s);
      gboolean daar = FALSE, arrival = FALSE;
      for (guint i = 0; i < n; i++)
        daar |= ng_lex_at (c->gaz, s, i, "place-anaphor", NULL) > 0;
      for (guint i = 0; prev && !daar && i < prev->tokens->len; i++)
        arrival |= gapped_at (c, prev, i, "arrival", 2) != NULL;
      if (prev && prev->paragraph == s->paragraph && (daar || arrival)
          && (mm->place = scene_place (c, prev)))
        place_why = daar ? "\"daar\": where the sentence before is"
                         : "where the sentence before reports an arrival";
      if (daar && mm->place && prev)
        {
          /* "daar" continues the scene: its date too, when the sentence
             has none */
          NgDate d = sentence_date (c, prev);
          gboolean r;
          guint at;
          if (!meeting_date (c, s, !xt_took_place (status), trig_at, trigs, &mm->date, &r, &at)
              && d.precision != NG_DATE_NONE)
            mm->date = d, scene_date = TRUE;
        }
    }
  if (mm->place == NULL && ante && ante->place)
    mm->place = ante->place, place_why = "of the meeting referred back to";

  /* date: of the trigger's clause; a held meeting reported without any date
     expression happened shortly before the report (at month precision the
     document date is what the text supports) unless it refers back to a
     meeting with a date.  A date expression we cannot resolve blocks that
     guess. */
  const char *date_why = "a time expression of the trigger's clause";
  if (scene_date)
    date_why = "of the sentence before (\"daar\")";
  else
    {
      for (guint i = 0; i < n; i++)
        if (ng_lex_is (c->gaz, s, i, "vague-time"))
          vague = TRUE;
      guint at = 0;
      if (meeting_date (c, s, !xt_took_place (status), trig_at, trigs, &mm->date, &refined, &at)
          && (!reference || (at > trig_at && at <= trig_at + 4)))
        {
          if (refined)
            date_why = "the more precise time expression within the nearest one";
        }
      else if (ante && ante->date.precision != NG_DATE_NONE)
        {
          mm->date = ante->date;
          date_why = "of the meeting referred back to";
        }
      else if (xt_took_place (status) && (rep = repeated (c, s, mm)))
        {
          mm->date = rep->date;
          date_why = "of the same meeting told before in the article";
        }
      else
        {
          mm->date.precision = NG_DATE_NONE;
          date_why = reference ? "none (the sentence refers to the meeting from another moment)"
                     : vague ? "none (a vague time word)" : "none in the trigger's clause";
          if (xt_took_place (status) && !vague && !reference
              && c->doc_date->precision != NG_DATE_NONE)
            {
              mm->date = *c->doc_date;
              if (mm->date.precision == NG_DATE_DAY)
                mm->date.precision = NG_DATE_MONTH, mm->date.day = 0;
              date_why = "the document month (held, no date in the sentence)";
            }
        }
    }
  /* the date in a sentence that calls a meeting off is when it was called
     off, not when it was to take place */
  if (status == NG_STATUS_CANCELLED)
    mm->date.precision = NG_DATE_NONE, date_why = "none (called off)";
  place_note = same_event_place (c, s, mm);
  if (place_note)
    place_why = place_note;
  {
    GString *ex = g_string_new (NULL);
    g_autofree char *date = ng_date_to_string (&mm->date);
    if (attend && trig == attend)
      g_string_append_printf (ex, "attendance \"%s\"; participants:", attend->phrase);
    else
      g_string_append_printf (ex, "trigger \"%s\" (%s); participants:", trig->phrase,
                              trig->value ? trig->value : "");
    for (guint k = 0; k < mm->participants->len; k++)
      g_string_append_printf (ex, "%s %s", k ? "," : "",
                              ((NgMention *) mm->participants->pdata[k])->name);
    g_string_append_printf (ex, " (persons of the %s%s); status %s (%s); place %s%s%s%s; date %s (%s)",
                            seg_from > 0 || seg_to < n ? "clause" : "sentence", who->str,
                            ng_event_status_name (status),
                            status_word ? status_word : "no status word: held",
                            mm->place ? mm->place->name : "none",
                            mm->place ? " (" : "", mm->place ? place_why : "",
                            mm->place ? ")" : "",
                            date ? date : "none", date_why);
    mm->explain = g_string_free (ex, FALSE);
  }
  /* told again with nothing new ("Het gesprek duurde vier uur."): one
     mention of one meeting, which says where it was told again */
  {
    NgMeetingMention *o = xt_told_before (c, s, mm);
    if (o)
      {
        char *e = g_strdup_printf ("%s; told again in sentence %u (%s)", o->explain,
                                   s->index + 1, mm->explain);
        g_free (o->explain);
        o->explain = e;
        xt_meeting_free (mm);
        return next_after (seg_to, next_at, trig_at + width);
      }
  }
  g_ptr_array_add (c->ex->meetings, mm);
  return next_after (seg_to, next_at, trig_at + width);
}
