/* test-timex.c — Dutch time expressions against a document date. */
#include "config.h"
#include <string.h>
#include "nieuwsgraaf/timex.h"
#include "test-util.h"

/* The value of the first time expression of TEXT ("none" when unresolved,
 * NULL when TEXT has no expression), DOC the document date or NULL. */
static char *
first_value (const char *text, const char *doc, NgTense tense)
{
  g_autoptr (GPtrArray) sents = ng_segment (text, strlen (text));
  g_autoptr (GArray) tx = NULL;
  NgDate d = { 0, 0, 0, NG_DATE_NONE };
  char *v;

  if (doc)
    g_assert_true (ng_date_parse (doc, &d, NULL));
  g_assert_cmpuint (sents->len, >=, 1);
  tx = ng_timex_find (ng_test_gazetteer (), sents->pdata[0], &d, tense);
  if (tx->len == 0)
    return NULL;
  v = ng_date_to_string (&g_array_index (tx, NgTimex, 0).value);
  return v ? v : g_strdup ("none");
}

#define CHECK(text, doc, tense, want)                                   \
  do {                                                                  \
    g_autofree char *got_ = first_value (text, doc, tense);             \
    g_assert_cmpstr (got_, ==, want);                                   \
  } while (0)

static void
test_day_month (void)
{
  CHECK ("De stemming is op 3 oktober.", "2021-09-20", NG_TENSE_FUTURE, "2021-10-03");
  CHECK ("Het akkoord werd op 30 juni 2019 getekend.", NULL, NG_TENSE_PAST, "2019-06-30");
  CHECK ("Het akkoord werd op 30 juni 2019 getekend.", "2024-01", NG_TENSE_PAST, "2019-06-30");
  /* a reported 14 november, read in March, was last year's */
  CHECK ("De minister sprak op 14 november met de bonden.", "2022-03-02", NG_TENSE_PAST, "2021-11-14");
  /* announced: the coming one */
  CHECK ("De minister spreekt op 14 februari met de bonden.", "2022-03-02", NG_TENSE_FUTURE, "2023-02-14");
  CHECK ("Het overleg was op 9 mei vorig jaar.", "2020-08", NG_TENSE_PAST, "2019-05-09");
  /* no document date: the year is unknown */
  CHECK ("De minister sprak op 14 november met de bonden.", NULL, NG_TENSE_PAST, "none");
  /* 31 april does not exist */
  CHECK ("Het was op 31 april 2020.", NULL, NG_TENSE_PAST, "none");
}

static void
test_month (void)
{
  CHECK ("Dat gebeurde in juni vorig jaar al.", "2019-02", NG_TENSE_PAST, "2018-06");
  CHECK ("In september 2017 viel het kabinet.", NULL, NG_TENSE_PAST, "2017-09");
  CHECK ("De fabriek sluit eind april de deuren.", "2023-02-10", NG_TENSE_FUTURE, "2023-04");
  CHECK ("Begin mei werd het plan gepresenteerd.", "2023-02-10", NG_TENSE_PAST, "2022-05");
  CHECK ("In oktober komt de raad weer bijeen.", "2023-11", NG_TENSE_FUTURE, "2024-10");
  /* "mei" is a date only in a date context */
  g_assert_null (first_value ("Het gedicht heet Mei.", "2023-02-10", NG_TENSE_PAST));
}

static void
test_relative (void)
{
  CHECK ("Gisteren viel het besluit.", "2020-03-01", NG_TENSE_PAST, "2020-02-29");
  CHECK ("Vandaag praat de raad verder.", "2020-03-01", NG_TENSE_PAST, "2020-03-01");
  CHECK ("Vandaag praat de raad verder.", "2020-03", NG_TENSE_PAST, "2020-03");
  CHECK ("Vorig jaar won zij de verkiezingen.", "2016-05-04", NG_TENSE_PAST, "2015");
  CHECK ("Vorige maand trad hij af.", "2016-01-04", NG_TENSE_PAST, "2015-12");
  /* the week of Monday 8 .. Sunday 14 June 2020 */
  CHECK ("Vorige week werd er gestaakt.", "2020-06-17", NG_TENSE_PAST, "2020-06");
  /* a week straddling two months has year precision */
  CHECK ("Vorige week werd er gestaakt.", "2020-07-08", NG_TENSE_PAST, "2020");
  /* without a document date nothing relative is resolved */
  CHECK ("Gisteren viel het besluit.", NULL, NG_TENSE_PAST, "none");
  CHECK ("Vorig jaar won zij de verkiezingen.", NULL, NG_TENSE_PAST, "none");
  CHECK ("Vorige week werd er gestaakt.", "2020-06", NG_TENSE_PAST, "none");
}

static void
test_weekday (void)
{
  /* 2021-03-10 is a Wednesday */
  CHECK ("Donderdag sprak de premier de Kamer toe.", "2021-03-10", NG_TENSE_PAST, "2021-03-04");
  CHECK ("Donderdag spreekt de premier de Kamer toe.", "2021-03-10", NG_TENSE_FUTURE, "2021-03-11");
  CHECK ("Woensdagavond werd het akkoord bereikt.", "2021-03-10", NG_TENSE_PAST, "2021-03-10");
  CHECK ("Afgelopen woensdag werd het akkoord bereikt.", "2021-03-10", NG_TENSE_PAST, "2021-03-03");
  CHECK ("Aanstaande maandag begint de rechtszaak.", "2021-03-10", NG_TENSE_PAST, "2021-03-15");
  CHECK ("Donderdag sprak de premier de Kamer toe.", "2021-03", NG_TENSE_PAST, "none");
  /* not a weekday: a plural noun */
  g_assert_null (first_value ("De maandagen zijn druk.", "2021-03-10", NG_TENSE_PAST));
}

static void
test_year_and_vague (void)
{
  CHECK ("In 2018 werd de wet aangenomen.", NULL, NG_TENSE_PAST, "2018");
  CHECK ("Het verdrag werd begin 2019 gesloten.", NULL, NG_TENSE_PAST, "2019");
  /* a bare number is no year */
  g_assert_null (first_value ("Er kwamen 2018 mensen.", NULL, NG_TENSE_PAST));
  /* found, but without a value */
  CHECK ("De partijen praten de komende weken verder.", "2021-03-10", NG_TENSE_FUTURE, "none");
}

static void
test_tense_and_spans (void)
{
  const char *text = "De minister zal op 12 juni en vorige week spreken.";
  g_autoptr (GPtrArray) sents = ng_segment (text, strlen (text));
  NgDate doc = { 2020, 5, 20, NG_DATE_DAY };
  g_autoptr (GArray) tx = ng_timex_find (ng_test_gazetteer (), sents->pdata[0],
                                         &doc, NG_TENSE_FUTURE);
  NgTimex *x;
  g_assert_cmpint (ng_timex_sentence_tense (ng_test_gazetteer (), sents->pdata[0]),
                   ==, NG_TENSE_FUTURE);
  g_assert_cmpuint (tx->len, ==, 2);
  x = &g_array_index (tx, NgTimex, 0);
  g_assert_cmpuint (x->start, ==, strlen ("De minister zal op "));
  g_assert_cmpuint (x->end, ==, strlen ("De minister zal op 12 juni"));
  g_assert_cmpint (x->kind, ==, NG_TIMEX_RELATIVE);
  x = &g_array_index (tx, NgTimex, 1);
  g_assert_cmpuint (x->n_tokens, ==, 2);
}

static void
test_odd_text (void)
{
  /* numbers only, mixed scripts, an empty sentence list: no crash */
  g_autofree char *a = first_value ("12 13 14 99 2020 31 31", "2020-01-01", NG_TENSE_PAST);
  g_autofree char *b = first_value ("金正恩 12 juni Пхеньян", "2020-01-01", NG_TENSE_PAST);
  g_assert_null (a);
  g_assert_cmpstr (b, ==, "2019-06-12");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/timex/day-month", test_day_month);
  g_test_add_func ("/timex/month", test_month);
  g_test_add_func ("/timex/relative", test_relative);
  g_test_add_func ("/timex/weekday", test_weekday);
  g_test_add_func ("/timex/year-vague", test_year_and_vague);
  g_test_add_func ("/timex/tense-spans", test_tense_and_spans);
  g_test_add_func ("/timex/odd-text", test_odd_text);
  return g_test_run ();
}
