/* timex.c — Dutch time expressions, normalised against the document date.
 *
 * One left-to-right pass over the tokens; at each word the rules below are
 * tried from the most specific to the least, and the first that matches
 * consumes its tokens.  Which year a "12 juni" or a bare "juni" belongs to,
 * and which Thursday a "donderdag" is, follows the tense: reports look back,
 * announcements look ahead (the HeidelTime convention for news). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "nieuwsgraaf/lexmatch.h"
#include "nieuwsgraaf/timex.h"

typedef struct {
  const NgGazetteer *gaz;
  const NgSentence *s;
  const NgDate *doc;
  NgTense tense;
} Scan;

static gboolean
doc_gdate (const NgDate *doc, GDate *g)
{
  if (doc->precision != NG_DATE_DAY)
    return FALSE;
  g_date_clear (g, 1);
  if (!g_date_valid_dmy ((GDateDay) doc->day, (GDateMonth) doc->month,
                         (GDateYear) doc->year))
    return FALSE;
  g_date_set_dmy (g, (GDateDay) doc->day, (GDateMonth) doc->month,
                  (GDateYear) doc->year);
  return TRUE;
}

static NgDate
from_gdate (const GDate *g)
{
  NgDate d = { g_date_get_year (g), g_date_get_month (g), g_date_get_day (g),
               NG_DATE_DAY };
  return d;
}

static void
shift_days (GDate *g, int days)
{
  if (days > 0)
    g_date_add_days (g, (guint) days);
  else if (days < 0)
    g_date_subtract_days (g, (guint) -days);
}

static int
month_at (const Scan *c, guint i)
{
  NgToken *t = ng_sentence_token (c->s, i);
  const NgLexEntry *e;
  if (t == NULL || !t->is_word)
    return 0;
  e = ng_sentence_lexicon (c->gaz, c->s, i, "month");
  return e ? atoi (e->value) : 0;
}

static int
year_at (const Scan *c, guint i)
{
  NgToken *t = ng_sentence_token (c->s, i);
  if (t && strlen (t->text) == 4 && g_ascii_isdigit (t->text[0])
      && g_ascii_isdigit (t->text[1]) && g_ascii_isdigit (t->text[2])
      && g_ascii_isdigit (t->text[3]))
    {
      int y = atoi (t->text);
      if (y >= 1900 && y <= 2100)
        return y;
    }
  return 0;
}

static int
day_at (const Scan *c, guint i)
{
  NgToken *t = ng_sentence_token (c->s, i);
  gsize n;
  if (t == NULL || !t->is_word)
    return 0;
  n = strlen (t->text);
  if (n == 0 || n > 2 || !g_ascii_isdigit (t->text[0])
      || (n == 2 && !g_ascii_isdigit (t->text[1])))
    return 0;
  n = (gsize) atoi (t->text);
  return n >= 1 && n <= 31 ? (int) n : 0;
}

/* Offset of a relative-year phrase at I ("vorig jaar" -1), its width in
 * *W; G_MININT for none. */
static int
relative_year_at (const Scan *c, guint i, guint *w)
{
  const NgLexEntry *e = NULL;
  *w = ng_lex_at (c->gaz, c->s, i, "relative-year", &e);
  return *w ? atoi (e->value) : G_MININT;
}

/* The year of month M mentioned without one: the nearest such month before
 * (past) or after (future) the document date.  0 without a document date. */
static int
infer_year (const Scan *c, int m)
{
  int y;
  if (c->doc->precision == NG_DATE_NONE)
    return 0;
  y = c->doc->year;
  if (c->doc->precision >= NG_DATE_MONTH)
    {
      if (c->tense == NG_TENSE_PAST && m > c->doc->month)
        y--;
      else if (c->tense == NG_TENSE_FUTURE && m < c->doc->month)
        y++;
    }
  return y;
}

/* A weekday at I, also as a compound with a part of the day
 * ("woensdagavond"): its ISO number, 0 for none. */
static int
weekday_at (const Scan *c, guint i)
{
  NgToken *t = ng_sentence_token (c->s, i);
  const GPtrArray *days = ng_gazetteer_lexicon_all (c->gaz, "weekday");
  const char *w;

  if (t == NULL || !t->is_word || t->norm == NULL)
    return 0;
  w = t->norm;  /* ng_normalize_name() of the text */
  for (guint k = 0; k < days->len; k++)
    {
      const NgLexEntry *d = days->pdata[k];
      const char *rest;
      if (!g_str_has_prefix (w, d->phrase))
        continue;
      rest = w + strlen (d->phrase);
      if (*rest == ' ')
        rest++;
      if (*rest == '\0' || ng_gazetteer_lexicon (c->gaz, "daypart", rest))
        return atoi (d->value);
    }
  return 0;
}

static gboolean
rule_relative_day (const Scan *c, guint i, NgTimex *x)
{
  const NgLexEntry *e = NULL;
  guint w = ng_lex_at (c->gaz, c->s, i, "relative-day", &e);
  GDate g;
  int off;

  if (w == 0)
    return FALSE;
  off = atoi (e->value);
  x->kind = NG_TIMEX_RELATIVE;
  x->n_tokens = w;
  if (doc_gdate (c->doc, &g))
    {
      shift_days (&g, off);
      x->value = from_gdate (&g);
    }
  else if (off == 0 && c->doc->precision == NG_DATE_MONTH)
    x->value = *c->doc;
  return TRUE;
}

/* "vorige week": the week (Monday..Sunday) around the shifted day, at the
 * precision of what it spans: its month, or its year when it straddles two
 * months; nothing when it straddles two years. */
static gboolean
rule_relative_week (const Scan *c, guint i, NgTimex *x)
{
  const NgLexEntry *e = NULL;
  guint w = ng_lex_at (c->gaz, c->s, i, "relative-week", &e);
  GDate g, end;

  if (w == 0)
    return FALSE;
  x->kind = NG_TIMEX_RELATIVE;
  x->n_tokens = w;
  if (doc_gdate (c->doc, &g))
    {
      shift_days (&g, atoi (e->value));
      g_date_subtract_days (&g, g_date_get_weekday (&g) - 1);
      end = g;
      g_date_add_days (&end, 6);
      if (g_date_get_month (&g) == g_date_get_month (&end))
        x->value = (NgDate) { g_date_get_year (&g), g_date_get_month (&g), 0,
                              NG_DATE_MONTH };
      else if (g_date_get_year (&g) == g_date_get_year (&end))
        x->value = (NgDate) { g_date_get_year (&g), 0, 0, NG_DATE_YEAR };
    }
  return TRUE;
}

static gboolean
rule_relative_month (const Scan *c, guint i, NgTimex *x)
{
  const NgLexEntry *e = NULL;
  guint w = ng_lex_at (c->gaz, c->s, i, "relative-month", &e);

  if (w == 0)
    return FALSE;
  x->kind = NG_TIMEX_RELATIVE;
  x->n_tokens = w;
  if (c->doc->precision >= NG_DATE_MONTH)
    {
      int m0 = c->doc->year * 12 + (c->doc->month - 1) + atoi (e->value);
      x->value = (NgDate) { m0 / 12, m0 % 12 + 1, 0, NG_DATE_MONTH };
    }
  return TRUE;
}

/* "donderdag", "woensdagavond", "afgelopen vrijdag", "aanstaande maandag".
 * A bare weekday may be the document day itself; one with "afgelopen" or
 * "aanstaande" is strictly before or after it. */
static gboolean
rule_weekday (const Scan *c, guint i, NgTimex *x)
{
  NgTense tense = c->tense;
  gboolean strict = FALSE;
  guint at = i;
  int want;
  GDate g;

  if (ng_lex_is (c->gaz, c->s, i, "weekday-past"))
    tense = NG_TENSE_PAST, strict = TRUE, at = i + 1;
  else if (ng_lex_is (c->gaz, c->s, i, "weekday-future"))
    tense = NG_TENSE_FUTURE, strict = TRUE, at = i + 1;
  want = weekday_at (c, at);
  if (want == 0)
    return FALSE;
  x->kind = NG_TIMEX_RELATIVE;
  x->n_tokens = at - i + 1;
  if (doc_gdate (c->doc, &g))
    {
      int have = g_date_get_weekday (&g);
      int back = (have - want + 7) % 7, ahead = (want - have + 7) % 7;
      if (strict && back == 0)
        back = 7;
      if (strict && ahead == 0)
        ahead = 7;
      shift_days (&g, tense == NG_TENSE_FUTURE ? ahead : -back);
      x->value = from_gdate (&g);
    }
  return TRUE;
}

/* "12 juni", "30 juni 2019", "12 juni vorig jaar". */
static gboolean
rule_day_month (const Scan *c, guint i, NgTimex *x)
{
  int day = day_at (c, i), m, y;
  guint rw = 0;
  int rel;

  if (day == 0 || (m = month_at (c, i + 1)) == 0)
    return FALSE;
  x->n_tokens = 2;
  if ((y = year_at (c, i + 2)) > 0)
    {
      x->kind = NG_TIMEX_ABSOLUTE;
      x->n_tokens = 3;
    }
  else
    {
      x->kind = NG_TIMEX_RELATIVE;
      rel = relative_year_at (c, i + 2, &rw);
      if (rel != G_MININT)
        {
          x->n_tokens += rw;
          y = c->doc->precision != NG_DATE_NONE ? c->doc->year + rel : 0;
        }
      else
        y = infer_year (c, m);
    }
  if (y)
    {
      NgDate d = { y, m, day, NG_DATE_DAY };
      if (ng_date_is_valid (&d))
        x->value = d;
    }
  return TRUE;
}

/* "juni 2018", "juni vorig jaar", "in juni", "eind april", "begin mei".
 * A month name alone is only a date after a preposition or a part of the
 * month, which keeps "mei" and "maart" in other uses out. */
static gboolean
rule_month (const Scan *c, guint i, NgTimex *x)
{
  int m = month_at (c, i), y;
  guint rw = 0;
  int rel;
  gboolean after_part = i > 0 && ng_lex_is (c->gaz, c->s, i - 1, "month-part");
  gboolean after_prep = i > 0 && ng_lex_is (c->gaz, c->s, i - 1, "year-preposition");

  if (m == 0)
    return FALSE;
  if (after_part)
    x->first_token = i - 1;
  x->n_tokens = i - x->first_token + 1;
  if ((y = year_at (c, i + 1)) > 0)
    {
      x->kind = NG_TIMEX_ABSOLUTE;
      x->n_tokens++;
    }
  else if ((rel = relative_year_at (c, i + 1, &rw)) != G_MININT)
    {
      x->kind = NG_TIMEX_RELATIVE;
      x->n_tokens += rw;
      y = c->doc->precision != NG_DATE_NONE ? c->doc->year + rel : 0;
    }
  else if (after_part || after_prep)
    {
      x->kind = NG_TIMEX_RELATIVE;
      y = infer_year (c, m);
    }
  else
    return FALSE;
  if (y)
    x->value = (NgDate) { y, m, 0, NG_DATE_MONTH };
  return TRUE;
}

/* "vorig jaar", "dit jaar", "eind vorig jaar". */
static gboolean
rule_relative_year (const Scan *c, guint i, NgTimex *x)
{
  guint rw = 0;
  int rel = relative_year_at (c, i, &rw);
  if (rel == G_MININT)
    return FALSE;
  x->kind = NG_TIMEX_RELATIVE;
  x->n_tokens = rw;
  if (c->doc->precision != NG_DATE_NONE)
    x->value = (NgDate) { c->doc->year + rel, 0, 0, NG_DATE_YEAR };
  return TRUE;
}

/* "in 2018", "begin 2019": a bare number is a year only after such a word. */
static gboolean
rule_year (const Scan *c, guint i, NgTimex *x)
{
  int y = year_at (c, i);
  if (y == 0 || i == 0
      || !(ng_lex_is (c->gaz, c->s, i - 1, "year-preposition")
           || ng_lex_is (c->gaz, c->s, i - 1, "month-part")))
    return FALSE;
  x->kind = NG_TIMEX_ABSOLUTE;
  x->n_tokens = 1;
  x->value = (NgDate) { y, 0, 0, NG_DATE_YEAR };
  return TRUE;
}

/* "de komende weken", "de afgelopen maanden": a time, but no value. */
static gboolean
rule_vague (const Scan *c, guint i, NgTimex *x)
{
  guint w = ng_lex_at (c->gaz, c->s, i, "vague-period", NULL);
  if (w == 0)
    return FALSE;
  x->kind = NG_TIMEX_VAGUE;
  x->n_tokens = w;
  return TRUE;
}

GArray *
ng_timex_find (const NgGazetteer *gaz, const NgSentence *s, const NgDate *doc,
               NgTense tense)
{
  static gboolean (*const rules[]) (const Scan *, guint, NgTimex *) = {
    rule_vague, rule_relative_day, rule_relative_week, rule_relative_month,
    rule_weekday, rule_day_month, rule_month, rule_relative_year, rule_year,
  };
  static const NgDate none = { 0, 0, 0, NG_DATE_NONE };
  GArray *out = g_array_new (FALSE, TRUE, sizeof (NgTimex));
  Scan c = { gaz, s, doc ? doc : &none, tense };

  g_return_val_if_fail (gaz != NULL && s != NULL, out);

  for (guint i = 0; i < s->tokens->len;)
    {
      NgToken *t = s->tokens->pdata[i];
      gboolean hit = FALSE;

      if (t->is_word)
        for (guint r = 0; r < G_N_ELEMENTS (rules) && !hit; r++)
          {
            NgTimex x = { 0 };
            x.first_token = i;
            if (!rules[r] (&c, i, &x))
              continue;
            x.start = ng_sentence_token (s, x.first_token)->start;
            x.end = ng_sentence_token (s, x.first_token + x.n_tokens - 1)->end;
            g_array_append_val (out, x);
            i = x.first_token + x.n_tokens;
            hit = TRUE;
          }
      if (!hit)
        i++;
    }
  return out;
}

NgTense
ng_timex_sentence_tense (const NgGazetteer *gaz, const NgSentence *s)
{
  g_return_val_if_fail (gaz != NULL && s != NULL, NG_TENSE_PAST);
  for (guint i = 0; i < s->tokens->len; i++)
    if (ng_lex_at (gaz, s, i, "future", NULL))
      return NG_TENSE_FUTURE;
  return NG_TENSE_PAST;
}
