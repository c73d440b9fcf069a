/* test-bad-text.c — odd input never crashes or hangs the extractor: no
 * sentences, one 8 MB line (about the largest article the reader takes),
 * only numbers, mixed scripts, punctuation only.  Nothing is timed; the
 * cases must simply finish (the 8 MB line in a few seconds, because no
 * sentence is ever longer than the segmenter's cap). */
#include "config.h"

#include <string.h>

#include "nieuwsgraaf/extract.h"
#include "nieuwsgraaf/lexmatch.h"
#include "test-util.h"

static NgExtraction *
run (const char *text, gsize len)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NgArticle) a = ng_article_new_from_data ("odd.txt", text, len, &error);
  if (a == NULL)
    return NULL;  /* the reader may refuse it: also fine, but no crash */
  return ng_extract (ng_test_gazetteer (), a);
}

/* Offsets stay inside the text and sentences stay short. */
static void
check_shape (const NgExtraction *ex, gsize len)
{
  for (guint i = 0; i < ex->sentences->len; i++)
    {
      const NgSentence *s = ex->sentences->pdata[i];
      g_assert_cmpuint (s->end, <=, len);
      g_assert_cmpuint (s->start, <, s->end);
      g_assert_cmpuint (s->tokens->len, <=, 200);
    }
  for (guint i = 0; i < ex->mentions->len; i++)
    {
      const NgMention *m = ex->mentions->pdata[i];
      g_assert_cmpuint (m->end, <=, len);
    }
}

static void
test_one_long_line (void)
{
  /* 8 MB without a sentence end: names, triggers, sanctions, dates and
     filler words in a fixed pseudo-random order */
  static const char *const words[] = {
    "de", "het", "een", "en", "Pieter", "ontmoette", "Angela", "Merkel", "in",
    "Berlijn", "sancties", "tegen", "Rusland", "12", "juni", "overleg", "met",
    "Joe", "Biden", "zei", "dat", "de", "gesprekken", "doorgaan", "over", "handel",
    "economie", "groeit", "langzaam", "volgens", "cijfers", "van", "het", "bureau",
    "voor", "statistiek", "de", "werkloosheid", "daalde", "licht", "terwijl",
    "prijzen", "stegen", "in", "de", "winkels", "en", "op", "de", "markt", "was",
    "het", "rustig", "na", "een", "drukke", "week", "met", "veel", "regen",
  };
  /* 1 MB in the sanitizer build (NG_SANITIZED, set by scripts/ci-sanitizers),
     where the full size takes minutes; the size changes nothing else */
  const gsize target = g_getenv ("NG_SANITIZED") ? 1024 * 1024
                                                 : NG_READER_MAX_BYTES - 1024;  /* the largest article read */
  GString *g = g_string_sized_new (target + 64);
  guint32 x = 12345;
  g_autoptr (NgExtraction) ex = NULL;

  g_string_append (g, " date 2021-03\n");
  while (g->len < target)
    {
      x = x * 1103515245u + 12345u;
      g_string_append (g, words[(x >> 16) % G_N_ELEMENTS (words)]);
      g_string_append_c (g, ' ');
    }
  ex = run (g->str, g->len);
  g_assert_nonnull (ex);
  g_assert_cmpuint (ex->sentences->len, >, 1000);
  check_shape (ex, g->len);
  g_string_free (g, TRUE);
}

static void
test_odd_texts (void)
{
  static const char *const texts[] = {
    "",
    "\n\n\n",
    " date 2019-02\n",
    "1 2 3 4 5 6 7 8 9 10 11 12 13 2019 2020 3,14 1.000.000 -5 +7",
    "...!!!???…… ,,,, ;;;; „”‘’\"\"'' () [] -- — –",
    "Трамп встретился с Ким Чен Ыном в Ханое. 特朗普和金正恩在河内会晤。"
    " ترامب التقى كيم. Trump ontmoette Kim Jong-un in Hanoi.",
    "A. B. C. D. E. F. G. H. J. K.",
    "Ontmoeting ontmoeting ontmoeting top top top sancties sancties tegen tegen.",
    "Hij eiste dat. Zij weigerde. Hij. Zij. Dat.",
    "regering- kabinet-X regering-Merkel- -Merkel EU- -sancties VN-",
    "\xf0\x9f\x98\x80 \xf0\x9f\x87\xb3\xf0\x9f\x87\xb1 emoji \xcc\x81\xcc\x81 combining",
  };
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr (NgExtraction) ex = run (texts[i], strlen (texts[i]));
      if (ex)
        check_shape (ex, strlen (texts[i]));
    }
}

static void
test_only_numbers (void)
{
  GString *g = g_string_new (NULL);
  g_autoptr (NgExtraction) ex = NULL;
  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (g, "%u ", (i * 7919u) % 100000u);
  ex = run (g->str, g->len);
  g_assert_nonnull (ex);
  g_assert_cmpuint (ex->mentions->len, ==, 0);
  g_assert_cmpuint (ex->meetings->len, ==, 0);
  check_shape (ex, g->len);
  g_string_free (g, TRUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bad-text/odd-texts", test_odd_texts);
  g_test_add_func ("/bad-text/only-numbers", test_only_numbers);
  g_test_add_func ("/bad-text/one-10mb-line", test_one_long_line);
  return g_test_run ();
}
