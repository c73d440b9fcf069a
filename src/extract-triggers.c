/* extract-triggers.c — where a Dutch meeting is named: the trigger words
 * of a sentence (lexicon kind meeting, separable verbs, talking verbs that
 * need "met"/"elkaar", visits that name a person), the token range its
 * participants come from, and which clause a date or place belongs to
 * when a sentence names more than one meeting. */
#include "config.h"

#include <string.h>

#include "extract-meeting.h"

/* A lexicon phrase of KIND whose words stand in order from token I on, each
 * within GAP tokens of the one before ("schoof ook X aan"); a one-word
 * phrase matches at I only.  Never across ";" or ":". */
const NgLexEntry *
xt_gapped_at (const Ctx *c, const NgSentence *s, guint i, const char *kind, guint gap)
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
      if (!xt_word_is (t, e->phrase, sp ? (gsize) (sp - e->phrase) : strlen (e->phrase)))
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
              if (xt_hard_break (s, j))
                break;
              if (xt_word_is (ng_sentence_token (s, j), w, len))
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
gboolean
xt_cut_off (const Ctx *c, const NgSentence *s, guint t, guint j)
{
  if (j > t)
    {
      for (guint i = t + 1; i < j; i++)
        {
          const char *v;
          if (xt_hard_break (s, i))
            return TRUE;
          if (!xt_is_kind (c, s, i, "subordinator"))
            continue;
          v = xt_lex_value (c, s, i, "subordinator");
          if (g_strcmp0 (v, "relative") == 0
              && (i == t + 1 || (i == t + 2 && !ng_sentence_token (s, t + 1)->is_word)))
            continue;
          return TRUE;
        }
      return FALSE;
    }
  for (guint i = j + 1; i < t; i++)
    if (xt_hard_break (s, i))
      return TRUE;
  return FALSE;
}

gboolean
xt_is_pronoun (const Ctx *c, const NgSentence *s, guint i)
{
  return xt_is_kind (c, s, i, "subject-pronoun") || xt_is_kind (c, s, i, "object-pronoun");
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
    n += xt_is_pronoun (c, s, i);
  return n;
}

/* Does a subordinate clause open up to three words before token I ("die de
 * VS bezoekt"): only there does the object stand before the verb. */
static gboolean
in_subclause (const Ctx *c, const NgSentence *s, guint i)
{
  for (guint back = 1; back <= 3 && back <= i; back++)
    if (xt_is_kind (c, s, i - back, "subordinator"))
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
      if (m->kind != kind || (i = xt_token_of (s, m)) == G_MAXUINT)
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
      if (not_locative && i > at && xt_is_kind (c, s, i - 1, "locative")
          && !xt_is_kind (c, s, i - 1, "visit-object"))
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
      if (xt_is_kind (c, s, q, "object-pronoun"))
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
      if (xt_is_pronoun (c, s, j) || xt_is_kind (c, s, j, "reciprocal"))
        return TRUE;
      /* "met verslaggevers over X": X is not whom one talks to */
      if (!ng_sentence_token (s, j)->is_word || xt_is_kind (c, s, j, "preposition"))
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
      at = xt_token_of (s, m);
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
      for (guint j = i; j > lo && !xt_hard_break (s, j - 1); j--)
        if (xt_is_kind (c, s, j - 1, "reciprocal")
            || (with && xt_is_kind (c, s, j - 1, "meeting-with") && with_person (c, s, j - 1)))
          return TRUE;
      for (guint j = i + w; j < hi && !xt_hard_break (s, j); j++)
        if (xt_is_kind (c, s, j, "reciprocal")
            || (with && xt_is_kind (c, s, j, "meeting-with") && with_person (c, s, j)))
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
GArray *
xt_all_triggers (const Ctx *c, const NgSentence *s)
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
gboolean
xt_nearer_other (const GArray *trigs, guint t, guint j)
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
guint
xt_next_after (guint seg_to, guint next, guint after_trigger)
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
gboolean
xt_meeting_trigger (const Ctx *c, const NgSentence *s, guint from,
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
    while (lo > from && !xt_hard_break (s, lo - 1))
      lo--;
    while (hi < n && !xt_hard_break (s, hi))
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
