#include "config.h"
#include <string.h>
#include "nieuwsgraaf/lexmatch.h"
#include "nieuwsgraaf/segment.h"
#include "test-util.h"

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

/* The phrase index walk over tokens (src/lexmatch.c) finds what the phrase
 * strings find, for every window of sentences with hyphenated and accented
 * names, role phrases, lexicon phrases, punctuation and unknown words. */
static void
test_phrase_windows (void)
{
  NgGazetteer *gaz = ng_test_gazetteer ();
  g_autoptr (GPtrArray) a = seg (
      "De Noord-Koreaanse leider Kim Jong-un en de Amerikaanse president "
      "Donald Trump schudden elkaar in Hanoi de hand. Zuid-Koreaanse president "
      "Moon Jae-in blies de top af, aldus Kim Yo-jong. Libië, Genève en "
      "'s-Gravenhage: de EU legt sancties op aan Noord-Korea. Xyzzy qwerty!");
  const char *kinds[] = { "meeting", "status", "sanction", "sanction-action",
                          "particle", "coordination", "month" };
  guint found = 0;

  for (guint si = 0; si < a->len; si++)
    {
      const NgSentence *s = a->pdata[si];
      for (guint i = 0; i < s->tokens->len; i++)
        {
          guint nodes[5];
          ng_sentence_phrase_nodes (gaz, s, i, 5, nodes);
          for (guint w = 1; w <= 5; w++)
            {
              g_autofree char *p = ng_sentence_phrase (s, i, w);
              guint node = ng_sentence_phrase_node (gaz, s, i, w);
              g_assert_cmpuint (node, ==, nodes[w - 1]);
              g_assert_true (ng_sentence_entities (gaz, s, i, w)
                             == ng_gazetteer_lookup_norm (gaz, p));
              g_assert_true (ng_sentence_role (gaz, s, i, w)
                             == ng_gazetteer_role_for_norm (gaz, p));
              found += ng_sentence_entities (gaz, s, i, w) != NULL;
              if (p == NULL)
                g_assert_cmpuint (node, ==, 0);
            }
          for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
            {
              const NgLexEntry *e = NULL;
              guint w = ng_lex_at (gaz, s, i, kinds[k], &e);
              /* the longest of the 1..3-token windows, as the strings say */
              guint want = 0;
              for (guint ww = 3; ww >= 1 && want == 0; ww--)
                {
                  g_autofree char *p = ng_sentence_phrase (s, i, ww);
                  if (p && ng_gazetteer_starts_phrase (gaz, ng_sentence_token (s, i)->norm)
                      && ng_gazetteer_lexicon_norm (gaz, kinds[k], p))
                    want = ww;
                }
              g_assert_cmpuint (w, ==, want);
              if (i + 1 < s->tokens->len)
                {
                  NgToken *t = ng_sentence_token (s, i), *u = ng_sentence_token (s, i + 1);
                  g_autofree char *both = t->norm && u->norm
                    ? g_strconcat (t->norm, " ", u->norm, NULL) : NULL;
                  g_assert_true (ng_sentence_lexicon_pair (gaz, s, i, i + 1, kinds[k])
                                 == (both ? ng_gazetteer_lexicon_norm (gaz, kinds[k], both) : NULL));
                }
            }
        }
    }
  /* the names are there to be found: Kim Jong-un, Donald Trump, Hanoi, … */
  g_assert_cmpuint (found, >=, 8);
}

static GPtrArray *
seg_lang (const char *s)
{
  GPtrArray *a = seg (s);
  ng_segment_languages (ng_test_gazetteer (), a);
  return a;
}

static const NgSentence *
sentence (GPtrArray *a, guint i)
{
  g_assert_cmpuint (i, <, a->len);
  return a->pdata[i];
}

static void
test_language_sentences (void)
{
  /* English function words dominate: an English sentence; Dutch ones, or
     an English loan word among Dutch ones, keep it Dutch */
  g_autoptr (GPtrArray) a = seg_lang ("After the talks with the chancellor, the president "
                                      "will fly on to Paris.\n\n"
                                      "De president sprak met de kanselier over de oorlog.\n\n"
                                      "De deal is rond, zei de minister na de meeting.");
  g_assert_cmpuint (a->len, ==, 3);
  g_assert_cmpint (sentence (a, 0)->lang, ==, NG_LANG_EN);
  g_assert_cmpuint (sentence (a, 0)->en_from, ==, 0);
  g_assert_cmpuint (sentence (a, 0)->en_to, ==, sentence (a, 0)->tokens->len);
  g_assert_cmpuint (sentence (a, 0)->n_nl, ==, 0);
  g_assert_cmpint (sentence (a, 1)->lang, ==, NG_LANG_NL);
  g_assert_cmpuint (sentence (a, 1)->en_to, ==, sentence (a, 1)->en_from);
  g_assert_cmpuint (sentence (a, 1)->n_en, ==, 0);
  g_assert_cmpint (sentence (a, 2)->lang, ==, NG_LANG_NL);
  g_assert_cmpuint (sentence (a, 2)->en_to, ==, sentence (a, 2)->en_from);
}

static void
test_language_quote (void)
{
  /* an English quote in a Dutch sentence is the sentence's English
     passage; a Dutch quote and a short English title are not */
  g_autoptr (GPtrArray) a = seg_lang ("\u2018We had a very good meeting with the chancellor\u2019, "
                                      "schreef de president op X.\n\n"
                                      "\u2018Het was een goed gesprek\u2019, zei de premier.\n\n"
                                      "Hij las \u2018The Times\u2019 in het vliegtuig.");
  const NgSentence *s = sentence (a, 0);
  g_assert_cmpint (s->lang, ==, NG_LANG_NL);
  g_assert_cmpuint (s->en_to, >, s->en_from);
  g_assert_cmpstr (ng_sentence_token (s, s->en_from)->text, ==, "We");
  g_assert_cmpstr (ng_sentence_token (s, s->en_to - 1)->text, ==, "chancellor");
  g_assert_cmpstr (ng_sentence_token (s, s->en_to)->text, ==, "\u2019");
  s = sentence (a, 1);
  g_assert_cmpuint (s->en_to, ==, s->en_from);
  s = sentence (a, 2);
  g_assert_cmpuint (s->en_to, ==, s->en_from);
}

static void
test_language_signature (void)
{
  /* a tweet's signature line has no function words of either language */
  g_autoptr (GPtrArray) a = seg_lang ("Thank you for the warm welcome in Rome! "
                                      "Olaf Scholz (@Kanzler) 8 mei 2023");
  g_assert_cmpuint (a->len, ==, 2);
  g_assert_cmpint (sentence (a, 0)->lang, ==, NG_LANG_EN);
  g_assert_cmpint (sentence (a, 1)->lang, ==, NG_LANG_NL);
  g_assert_cmpuint (sentence (a, 1)->n_en + sentence (a, 1)->n_nl, ==, 0);
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
  g_test_add_func ("/segment/phrase-windows", test_phrase_windows);
  g_test_add_func ("/segment/language-sentences", test_language_sentences);
  g_test_add_func ("/segment/language-quote", test_language_quote);
  g_test_add_func ("/segment/language-signature", test_language_signature);
  return g_test_run ();
}
