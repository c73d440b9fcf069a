#include "config.h"
#include <string.h>
#include "nieuwsgraaf/segment.h"

static GPtrArray *
seg (const char *s)
{
  return ng_segment (s, strlen (s));
}

static const char *
sent (GPtrArray *a, guint i)
{
  g_assert_cmpuint (i, <, a->len);
  return ((NgSentence *) a->pdata[i])->text;
}

static void
test_basic (void)
{
  g_autoptr (GPtrArray) a = seg ("De top mislukte. Trump vertrok vroeg! Wat nu?");
  g_assert_cmpuint (a->len, ==, 3);
  g_assert_cmpstr (sent (a, 1), ==, "Trump vertrok vroeg!");
}

static void
test_abbreviations (void)
{
  g_autoptr (GPtrArray) a = seg ("Dhr. Jansen sprak o.a. met mr. De Vries. Daarna ging hij.");
  g_assert_cmpuint (a->len, ==, 2);
  g_assert_cmpstr (sent (a, 0), ==, "Dhr. Jansen sprak o.a. met mr. De Vries.");
}

static void
test_initials (void)
{
  g_autoptr (GPtrArray) a = seg ("Donald J. Trump ontmoette Kim. Het ging goed.");
  g_assert_cmpuint (a->len, ==, 2);
  g_assert_cmpstr (sent (a, 0), ==, "Donald J. Trump ontmoette Kim.");
}

static void
test_quotes (void)
{
  g_autoptr (GPtrArray) a = seg ("Hij zei: „Het is voorbij.” Daarna vertrok hij. ‘Goed zo.’ Klaar.");
  g_assert_cmpuint (a->len, ==, 4);
  g_assert_cmpstr (sent (a, 0), ==, "Hij zei: „Het is voorbij.”");
  g_assert_cmpstr (sent (a, 2), ==, "‘Goed zo.’");
}

static void
test_headline_paragraphs (void)
{
  g_autoptr (GPtrArray) a = seg ("Kop zonder punt\n\nEerste zin van de tekst. Tweede zin\nloopt door.\nNieuwe regel");
  g_assert_cmpuint (a->len, ==, 4);
  g_assert_cmpstr (sent (a, 0), ==, "Kop zonder punt");
  g_assert_cmpstr (sent (a, 2), ==, "Tweede zin loopt door.");
  g_assert_cmpuint (((NgSentence *) a->pdata[0])->paragraph, ==, 0);
  g_assert_cmpuint (((NgSentence *) a->pdata[1])->paragraph, ==, 1);
}

static void
test_offsets_tokens (void)
{
  const char *t = "Één zin. Kim Jong-un kwam.";
  g_autoptr (GPtrArray) a = seg (t);
  NgSentence *s = a->pdata[1];
  NgToken *k;
  g_assert_cmpuint (s->start, ==, strlen ("Één zin. "));
  g_assert_cmpint (s->char_start, ==, 9);
  g_assert_cmpuint (s->tokens->len, ==, 4);
  k = s->tokens->pdata[1];
  g_assert_cmpstr (k->text, ==, "Jong-un");
  g_assert_true (k->capitalised);
  g_assert_cmpuint (k->start, ==, strlen ("Één zin. Kim "));
  g_assert_false (((NgToken *) s->tokens->pdata[3])->is_word);
}

static void
test_empty (void)
{
  g_autoptr (GPtrArray) a = seg ("");
  g_autoptr (GPtrArray) b = seg ("   \n\n ");
  g_assert_cmpuint (a->len, ==, 0);
  g_assert_cmpuint (b->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/segment/basic", test_basic);
  g_test_add_func ("/segment/abbreviations", test_abbreviations);
  g_test_add_func ("/segment/initials", test_initials);
  g_test_add_func ("/segment/quotes", test_quotes);
  g_test_add_func ("/segment/headline-paragraphs", test_headline_paragraphs);
  g_test_add_func ("/segment/offsets-tokens", test_offsets_tokens);
  g_test_add_func ("/segment/empty", test_empty);
  return g_test_run ();
}
