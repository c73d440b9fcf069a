/* extract-english.c — meetings in the English passages of Dutch articles:
 * a quoted tweet or statement ("After my meeting with President X …",
 * "'Great talks with Prime Minister Y', twitterde Z").
 *
 * Segmentation marks the passage (src/segment.c, by function words); here
 * its English meeting words (lexicon kind en-meeting) are read with English
 * clause rules: participants from the trigger's own clause (the subject or
 * possessor before it, the persons after "with"/"between" or the object
 * after a verb), "I"/"my"/"we" as the author of the passage, status from
 * English modal and result words, the place after "in"/"at" or the place
 * left after the meeting ("after the talks … leaving X").  Of English
 * dates only absolute ones are read ("June 30, 2019", "30 June", "March
 * 2020"); otherwise a held meeting takes the document month only when the
 * passage has no time word at all, as Dutch reports do. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "extract-meeting.h"

/* how many English sentences one passage (a tweet, a statement) may run */
#define MAX_PASSAGE_SENTENCES 6
/* a signature line: a name, maybe a handle and a date */
#define MAX_SIGNATURE_TOKENS 16

/* The lexicon entry of KIND at token I (the longest phrase), or NULL. */
static const NgLexEntry *
en_at (const Ctx *c, const NgSentence *s, guint i, const char *kind)
{
  const NgLexEntry *e = NULL;
  return i < s->tokens->len && ng_lex_at (c->gaz, s, i, kind, &e) ? e : NULL;
}

/* Punctuation other than inner marks of names and places ("Border/DMZ",
 * "@handle"), or a word opening another clause. */
static gboolean
boundary (const Ctx *c, const NgSentence *s, guint i)
{
  NgToken *t = ng_sentence_token (s, i);
  if (!t->is_word)
    return !(g_str_equal (t->text, "-") || g_str_equal (t->text, "/")
             || g_str_equal (t->text, "@") || g_str_equal (t->text, "&"));
  return xt_is_kind (c, s, i, "en-clause");
}

/* The clause of the trigger at T (W tokens) within [FROM, TO): [*LO, *HI);
 * *OPENER is the clause word that opens it ("after"), or G_MAXUINT. */
static void
clause_of (const Ctx *c, const NgSentence *s, guint from, guint to, guint t, guint w,
           guint *lo, guint *hi, guint *opener)
{
  guint i = t, j = t + w;
  while (i > from && !boundary (c, s, i - 1))
    i--;
  *opener = i > from && ng_sentence_token (s, i - 1)->is_word ? i - 1 : G_MAXUINT;
  while (j < to && !boundary (c, s, j))
    j++;
  *lo = i, *hi = j;
}

/* Does S have a speech verb ("twitterde", "zei")? */
static gboolean
says_something (const Ctx *c, const NgSentence *s)
{
  for (guint i = 0; i < s->tokens->len; i++)
    if (xt_is_kind (c, s, i, "speech-verb"))
      return TRUE;
  return FALSE;
}

/* The author of the English passage of S, who "I" and "my" are: the
 * speaker the Dutch sentence names around a quote ("…', twitterde X"); for
 * English sentences, the name signing the passage right after it ("Donald
 * J. Trump", "— X (@x) 3 mei") or the source the Dutch sentence before it
 * names ("X twitterde:").  *WHY says which. */
static NgMention *
author (Ctx *c, const NgSentence *s, const char **why)
{
  const GPtrArray *ss = c->ex->sentences;
  guint first = s->index, last = s->index;
  const NgSentence *sig, *before;

  if (s->lang != NG_LANG_EN)
    {
      *why = "the speaker the Dutch sentence names";
      return xt_speaker (c, s);
    }
  while (first > 0 && s->index - first < MAX_PASSAGE_SENTENCES
         && ((NgSentence *) ss->pdata[first - 1])->lang == NG_LANG_EN)
    first--;
  while (last + 1 < ss->len && last - s->index < MAX_PASSAGE_SENTENCES
         && ((NgSentence *) ss->pdata[last + 1])->lang == NG_LANG_EN)
    last++;
  sig = last + 1 < ss->len ? ss->pdata[last + 1] : NULL;
  /* a signature has no function words of either language, starts with a
     full name (the first pass found it) and introduces nothing ("X
     twitterde:" opens the next passage) */
  if (sig && sig->paragraph <= ((NgSentence *) ss->pdata[last])->paragraph + 1
      && sig->n_en == 0 && sig->n_nl == 0 && sig->tokens->len <= MAX_SIGNATURE_TOKENS
      && !g_str_has_suffix (sig->text, ":") && !says_something (c, sig))
    {
      guint w = 0, lo = 0, hi = c->all_persons->len;
      while (w < sig->tokens->len && !ng_sentence_token (sig, w)->is_word)
        w++;
      /* the first pass's full names are in text order: find the
         signature's by bisection, not by a scan per passage */
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;
          if (((NgMention *) c->all_persons->pdata[mid])->sentence < sig->index)
            lo = mid + 1;
          else
            hi = mid;
        }
      for (guint k = lo; w < sig->tokens->len && k < c->all_persons->len; k++)
        {
          const NgMention *full = c->all_persons->pdata[k];
          XtPerson *p;
          if (full->sentence != sig->index)
            break;
          if (full->start != ng_sentence_token (sig, w)->start)
            continue;
          /* the participant is a mention of this pass: the person's latest
             so far (one named only in the signature has none yet) */
          p = full->entity ? g_hash_table_lookup (c->seen->by_entity, full->entity)
                           : g_hash_table_lookup (c->seen->by_name, full->name);
          if (p)
            {
              *why = "the name signing the passage";
              return p->latest;
            }
        }
    }
  before = first > 0 ? ss->pdata[first - 1] : NULL;
  if (before && before->paragraph + 1 >= s->paragraph && says_something (c, before))
    {
      *why = "the source the Dutch sentence before the passage names";
      return xt_speaker (c, before);
    }
  return NULL;
}

typedef struct {
  Ctx *c;
  const NgSentence *s;
  guint first_mention;
  guint *mention_at;         /* token of each mention of the sentence
                                (mentions[first_mention + k]) */
  gboolean author_done;
  NgMention *author;
  const char *author_why;
  /* what the whole passage says, read once (not per trigger) */
  const char *cancelled;     /* its first cancelling phrase, or NULL */
  const char *failed;        /* its last failing phrase, or NULL */
  guint first_after;         /* token of its first "after", or G_MAXUINT */
  gboolean time_word;        /* it has an English time word */
  gboolean date_done[2];     /* its absolute date, by took_place (en_date) */
  gboolean date_ok[2];
  NgDate date[2];
} EnPassage;

static NgMention *
passage_author (EnPassage *p)
{
  if (!p->author_done)
    p->author = author (p->c, p->s, &p->author_why), p->author_done = TRUE;
  return p->author;
}

/* The persons of tokens [LO, HI) of the sentence, and "I"/"my"/"me" there
 * as the passage's author. */
static void
persons_between (EnPassage *p, guint lo, guint hi, GPtrArray *out, GString *who)
{
  const Ctx *c = p->c;
  for (guint k = p->first_mention; k < c->ex->mentions->len; k++)
    {
      NgMention *m = c->ex->mentions->pdata[k];
      guint at = p->mention_at[k - p->first_mention];
      if (m->kind == NG_ENTITY_PERSON && at >= lo && at < hi && !xt_has_person (out, m))
        g_ptr_array_add (out, m);
    }
  for (guint i = lo; i < hi; i++)
    if (xt_is_kind (c, p->s, i, "en-first-person"))
      {
        NgMention *a = passage_author (p);
        if (a && !xt_has_person (out, a))
          {
            g_ptr_array_add (out, a);
            g_string_append_printf (who, "; \"%s\" is %s (%s)",
                                    ng_sentence_token (p->s, i)->text, a->name, p->author_why);
          }
      }
}

/* The place of a meeting at T in clause [LO, HI): a place after "in"/"at"
 * (articles and lower-case words between) in the clause, a city or site
 * over a country; else, when "after" comes before the trigger, the place
 * left after it ("after the talks … leaving X"). */
static NgMention *
en_place (EnPassage *p, guint t, guint lo, guint hi, guint to, const char **why)
{
  const Ctx *c = p->c;
  const NgSentence *s = p->s;
  NgMention *best = NULL;

  for (guint k = p->first_mention; k < c->ex->mentions->len; k++)
    {
      NgMention *m = c->ex->mentions->pdata[k];
      guint i = p->mention_at[k - p->first_mention];
      if (m->kind != NG_ENTITY_PLACE || i < lo || i >= hi)
        continue;
      for (guint back = 1; back <= 3 && back <= i; back++)
        {
          NgToken *q = ng_sentence_token (s, i - back);
          if (xt_is_kind (c, s, i - back, "en-locative"))
            {
              if (best == NULL || (xt_is_country (best) && !xt_is_country (m)))
                best = m, *why = "after an English locative preposition";
              break;
            }
          if (!q->is_word || q->capitalised)
            break;
        }
    }
  if (best)
    return best;
  if (p->first_after >= t)
    return NULL;
  for (guint i = hi; i < to; i++)
    {
      if (!xt_is_kind (c, s, i, "en-departure"))
        continue;
      for (guint k = p->first_mention; k < c->ex->mentions->len; k++)
        {
          NgMention *m = c->ex->mentions->pdata[k];
          guint at = p->mention_at[k - p->first_mention];
          if (m->kind == NG_ENTITY_PLACE && at > i && at <= i + 2)
            {
              *why = "the place left after the meeting (\"after …, leaving X\")";
              return m;
            }
        }
      break;
    }
  return NULL;
}

/* Status of the trigger E at T (clause [LO, HI)): a cancelling or failing
 * word anywhere in the passage decides; else the status word nearest
 * before the trigger in its clause (from the clause's opening word: "after
 * the talks"); else "to" before a verb; else, for a noun, the first status
 * word after it in the clause ("the talks … will take place"); else the
 * trigger's own tense (a noun or a past form reports a held meeting, a
 * present or infinitive form a planned one). */
static NgEventStatus
en_status (EnPassage *p, const NgLexEntry *e, guint t, guint lo, guint hi, guint opener,
           const char **word)
{
  const Ctx *c = p->c;
  const NgSentence *s = p->s;
  gboolean past = g_str_has_suffix (e->value, "-past") || g_str_equal (e->value, "noun");
  NgEventStatus status = past ? NG_STATUS_HELD : NG_STATUS_PLANNED;
  guint start = opener != G_MAXUINT ? opener : lo;

  *word = past ? "the trigger's tense: held" : "the trigger's tense: planned";
  gboolean found = FALSE;
  for (guint i = t; i > start && !found; i--)
    {
      const NgLexEntry *st = en_at (c, s, i - 1, "en-status");
      if (st && (g_str_equal (st->value, "Planned") || g_str_equal (st->value, "Held")))
        {
          status = g_str_equal (st->value, "Held") ? NG_STATUS_HELD : NG_STATUS_PLANNED;
          *word = st->phrase;
          found = TRUE;
        }
      else if (i == t && !g_str_equal (e->value, "noun")
               && xt_is_kind (c, s, i - 1, "en-infinitive"))
        {
          status = NG_STATUS_PLANNED;
          *word = "\"to\" before the verb";
          found = TRUE;
        }
    }
  /* a meeting noun's verb comes after it: "the talks … will take place" */
  for (guint i = t + 1; g_str_equal (e->value, "noun") && !found && i < hi; i++)
    {
      const NgLexEntry *st = en_at (c, s, i, "en-status");
      if (st && (g_str_equal (st->value, "Planned") || g_str_equal (st->value, "Held")))
        {
          status = g_str_equal (st->value, "Held") ? NG_STATUS_HELD : NG_STATUS_PLANNED;
          *word = st->phrase;
          found = TRUE;
        }
    }
  if (p->cancelled)
    {
      *word = p->cancelled;
      return NG_STATUS_CANCELLED;
    }
  if (p->failed)
    status = NG_STATUS_FAILED, *word = p->failed;
  return status;
}

/* A number token of 1 to 4 digits, or -1. */
static int
number_at (const NgSentence *s, guint i)
{
  NgToken *t = ng_sentence_token (s, i);
  int v = 0;
  if (t == NULL || !t->is_word || strlen (t->text) > 4)
    return -1;
  for (const char *p = t->text; *p; p++)
    {
      if (!g_ascii_isdigit (*p))
        return -1;
      v = v * 10 + (*p - '0');
    }
  return v;
}

/* An absolute English date at the month name at token I: "June 12(, 2019)",
 * "12 June (2019)", "June 2019".  A date without its year takes the
 * document's year, a year earlier when that would put a meeting that took
 * place after the document (or one planned before it).  FALSE for a bare
 * month name, a date that is not in the calendar, or no year to be had. */
static gboolean
en_date_at (const Ctx *c, const NgSentence *s, guint i, gboolean took_place, NgDate *out)
{
  const NgLexEntry *m = en_at (c, s, i, "en-month");
  int day = -1, year = -1, n;
  guint after = i + 1;

  if (m == NULL)
    return FALSE;
  if ((n = number_at (s, i + 1)) >= 1 && n <= 31)
    {
      day = n, after = i + 2;
      if (after < s->tokens->len && g_str_equal (ng_sentence_token (s, after)->text, ","))
        after++;
    }
  else if (i > 0 && (n = number_at (s, i - 1)) >= 1 && n <= 31)
    day = n;
  if ((n = number_at (s, after)) >= 1000)
    year = n;
  if (day < 0 && year < 0)
    return FALSE;
  out->month = atoi (m->value);
  out->day = day > 0 ? day : 0;
  out->precision = day > 0 ? NG_DATE_DAY : NG_DATE_MONTH;
  if (year < 0)
    {
      if (c->doc_date->precision == NG_DATE_NONE)
        return FALSE;
      out->year = c->doc_date->year;
      if (took_place && ng_date_compare (out, c->doc_date) > 0
          && !ng_date_compatible (out, c->doc_date))
        out->year--;
      else if (!took_place && ng_date_compare (out, c->doc_date) < 0
               && !ng_date_compatible (out, c->doc_date))
        out->year++;
    }
  else
    out->year = year;
  return ng_date_is_valid (out);
}

/* The one absolute date of tokens [FROM, TO) (see en_date_at); FALSE when
 * there is none or more than one (which one is the meeting's is not
 * told). */
static gboolean
en_date (const Ctx *c, const NgSentence *s, guint from, guint to, gboolean took_place,
         NgDate *out)
{
  guint found = 0;
  for (guint i = from; i < to && found < 2; i++)
    {
      NgDate d = { 0, 0, 0, NG_DATE_NONE };
      if (en_date_at (c, s, i, took_place, &d))
        {
          if (found == 0 || ng_date_compare (&d, out) != 0)
            found++;
          *out = d;
        }
    }
  return found == 1;
}

/* en_date() of the passage, once for each TOOK_PLACE. */
static gboolean
passage_date (EnPassage *p, guint from, guint to, gboolean took_place, NgDate *out)
{
  if (!p->date_done[took_place])
    {
      p->date_ok[took_place] = en_date (p->c, p->s, from, to, took_place,
                                        &p->date[took_place]);
      p->date_done[took_place] = TRUE;
    }
  if (p->date_ok[took_place])
    *out = p->date[took_place];
  return p->date_ok[took_place];
}

/* "did not meet", "no meeting", "refused to meet": up to three words
 * before the trigger in its clause. */
static const char *
en_negated (const Ctx *c, const NgSentence *s, guint t, guint lo)
{
  for (guint back = 1; back <= 3 && t >= lo + back; back++)
    {
      const NgLexEntry *e = en_at (c, s, t - back, "en-negation");
      if (e)
        return e->phrase;
    }
  return NULL;
}

/* One meeting of the trigger E at T (W tokens) in the English passage
 * [FROM, TO) of P's sentence, or none. */
static void
en_meeting (EnPassage *p, const NgLexEntry *e, guint t, guint w, guint from, guint to)
{
  Ctx *c = p->c;
  const NgSentence *s = p->s;
  guint lo, hi, opener, n_before;
  gboolean noun = g_str_equal (e->value, "noun");
  gboolean with = g_str_has_prefix (e->value, "with"), between;
  guint obj = t + w;
  const char *status_word, *place_why = NULL, *date_why;
  g_autoptr (GString) who = g_string_new (NULL);
  NgMeetingMention *mm, *o;

  clause_of (c, s, from, to, t, w, &lo, &hi, &opener);
  if (en_negated (c, s, t, lo))
    return;
  /* "with"/"between" right after the trigger (or one word on: "talks today
     with"); a with-verb is a meeting only so */
  between = obj < hi && xt_is_kind (c, s, obj, "en-meeting-with")
            && g_str_equal (ng_sentence_token (s, obj)->norm, "between");
  if (obj < hi && xt_is_kind (c, s, obj, "en-meeting-with"))
    obj++;
  else if (obj + 1 < hi && xt_is_kind (c, s, obj + 1, "en-meeting-with"))
    obj += 2;
  else if (with)
    return;    /* "to talk about migration" */
  else if (noun)
    obj = hi;  /* no participants after it */

  mm = g_new0 (NgMeetingMention, 1);
  mm->participants = g_ptr_array_new ();
  mm->sentence = s->index;
  mm->trigger = g_strdup (e->phrase);
  /* the subject or possessor before the trigger (not before "talks
     between A and B": they are all), then the persons after "with" / the
     object */
  if (!between)
    persons_between (p, lo, t, mm->participants, who);
  /* "said that his talks with Y": the person named last before "his" */
  for (guint back = 1; back <= 2 && back <= t - from; back++)
    if (xt_is_kind (c, s, t - back, "en-possessive"))
      {
        NgMention *h = NULL;
        for (guint k = p->first_mention; k < c->ex->mentions->len; k++)
          {
            NgMention *m = c->ex->mentions->pdata[k];
            if (m->kind == NG_ENTITY_PERSON && p->mention_at[k - p->first_mention] < t - back)
              h = m;
          }
        if (h && !xt_has_person (mm->participants, h))
          {
            g_ptr_array_add (mm->participants, h);
            g_string_append_printf (who, "; \"%s\" is %s (the person named before it)",
                                    ng_sentence_token (s, t - back)->text, h->name);
          }
        break;
      }
  n_before = mm->participants->len;
  persons_between (p, obj, hi, mm->participants, who);
  /* "Great meeting with X": a tweet's meeting noun with no one before it is
     the author's */
  if (noun && n_before == 0 && mm->participants->len > 0 && obj < hi && obj > t + w)
    {
      NgMention *a = passage_author (p);
      if (a && !xt_has_person (mm->participants, a))
        {
          g_ptr_array_add (mm->participants, a);
          g_string_append_printf (who, "; %s is the author (%s) of a meeting with no one "
                                  "named before it", a->name, p->author_why);
        }
    }
  if (mm->participants->len < 2)
    {
      xt_meeting_free (mm);
      return;
    }
  mm->status = en_status (p, e, t, lo, hi, opener, &status_word);
  mm->place = en_place (p, t, lo, hi, to, &place_why);
  /* an absolute English date of the passage ("June 12, 2019"); relative
     ones are not resolved; a quote takes the Dutch sentence's */
  date_why = "none (an English time word, not resolved)";
  mm->date.precision = NG_DATE_NONE;
  if (mm->status == NG_STATUS_CANCELLED)
    date_why = "none (called off)";
  else if (passage_date (p, from, to, xt_took_place (mm->status), &mm->date))
    date_why = "the English date of the passage";
  else if (s->lang != NG_LANG_EN
           && xt_find_date (c, s, mm->status == NG_STATUS_PLANNED, t, &mm->date))
    date_why = "a time expression of the Dutch sentence quoting it";
  else if (mm->status == NG_STATUS_PLANNED)
    date_why = "none (planned, no date)";
  else if (p->time_word)
    ;
  else if (c->doc_date->precision != NG_DATE_NONE)
    {
      mm->date = *c->doc_date;
      if (mm->date.precision == NG_DATE_DAY)
        mm->date.precision = NG_DATE_MONTH, mm->date.day = 0;
      date_why = "the document month (took place, no time word in the passage)";
    }
  else
    date_why = "none (no document date)";
  {
    GString *ex = g_string_new (NULL);
    g_autofree char *date = ng_date_to_string (&mm->date);
    g_string_append_printf (ex, "English %s; trigger \"%s\" (English %s); participants:",
                            s->lang == NG_LANG_EN ? "sentence" : "quote", e->phrase, e->value);
    for (guint k = 0; k < mm->participants->len; k++)
      g_string_append_printf (ex, "%s %s", k ? "," : "",
                              ((NgMention *) mm->participants->pdata[k])->name);
    g_string_append_printf (ex, " (persons of the English clause%s); status %s (%s); "
                            "place %s%s%s%s; date %s (%s)", who->str,
                            ng_event_status_name (mm->status), status_word,
                            mm->place ? mm->place->name : "none", mm->place ? " (" : "",
                            mm->place ? place_why : "", mm->place ? ")" : "",
                            date ? date : "none", date_why);
    mm->explain = g_string_free (ex, FALSE);
  }
  if ((o = xt_told_before (c, s, mm)))
    {
      char *x = g_strdup_printf ("%s; told again in sentence %u (%s)", o->explain,
                                 s->index + 1, mm->explain);
      g_free (o->explain);
      o->explain = x;
      xt_meeting_free (mm);
      return;
    }
  g_ptr_array_add (c->ex->meetings, mm);
}

void
xt_find_meeting_en (Ctx *c, const NgSentence *s, guint first_mention)
{
  EnPassage p = { c, s, first_mention, NULL, FALSE, NULL, NULL, NULL, NULL, G_MAXUINT, FALSE };
  guint from = s->en_from, to = MIN (s->en_to, s->tokens->len);
  g_autofree guint *mention_at = NULL;

  /* every trigger asks where the sentence's mentions stand: once, by
     bisection over the tokens (in text order) */
  mention_at = g_new (guint, MAX (c->ex->mentions->len - first_mention, 1));
  for (guint k = first_mention; k < c->ex->mentions->len; k++)
    {
      gsize start = ((NgMention *) c->ex->mentions->pdata[k])->start;
      guint lo = 0, hi = s->tokens->len;
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;
          if (ng_sentence_token (s, mid)->start < start)
            lo = mid + 1;
          else
            hi = mid;
        }
      mention_at[k - first_mention] = lo < s->tokens->len ? lo : G_MAXUINT;
    }
  p.mention_at = mention_at;

  for (guint i = from; i < to; i++)
    {
      const NgLexEntry *st = en_at (c, s, i, "en-status");
      p.time_word |= xt_is_kind (c, s, i, "en-time");
      if (st == NULL)
        continue;
      if (g_str_equal (st->value, "Cancelled") && p.cancelled == NULL)
        p.cancelled = st->phrase;
      else if (g_str_equal (st->value, "Failed"))
        p.failed = st->phrase;
      else if (g_str_equal (st->value, "Held") && p.first_after == G_MAXUINT
               && xt_is_kind (c, s, i, "en-clause"))
        p.first_after = i;
    }

  for (guint i = from; i < to;)
    {
      const NgLexEntry *e = NULL;
      guint w = ng_lex_at (c->gaz, s, i, "en-meeting", &e);
      if (w == 0 || i + w > to)
        {
          i++;
          continue;
        }
      en_meeting (&p, e, i, w, from, to);
      i += w;
    }
}
