#include "config.h"
#include <string.h>
#include "nieuwsgraaf/gazetteer.h"
#include "test-util.h"

static void
test_normalize (void)
{
  g_autofree char *a = ng_normalize_name ("Kim  Jong-un");
  g_autofree char *b = ng_normalize_name ("KIM JONG UN");
  g_autofree char *c = ng_normalize_name ("Libië");
  g_autofree char *d = ng_normalize_name ("Donald J. Trump");
  g_assert_cmpstr (a, ==, "kim jong un");
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (c, ==, "libie");
  g_assert_cmpstr (d, ==, "donald j trump");
}

static void
test_reference_data (void)
{
  NgGazetteer *g = ng_test_gazetteer ();
  const GPtrArray *l;
  const NgEntity *e;
  g_assert_cmpuint (ng_gazetteer_count (g, NG_ENTITY_PERSON), >=, 100);
  g_assert_cmpuint (ng_gazetteer_count (g, NG_ENTITY_PLACE), >=, 200);
  l = ng_gazetteer_lookup (g, "kim jong-un");
  g_assert_nonnull (l);
  e = l->pdata[0];
  g_assert_cmpstr (e->name, ==, "Kim Jong-un");
  g_assert_cmpstr (e->wikidata, ==, "Q56226");
  e = ng_gazetteer_by_wikidata (g, "Q423");
  g_assert_nonnull (e);
  g_assert_cmpstr (e->name, ==, "Noord-Korea");
  g_assert_true (e->has_coords);
  g_assert_true (ng_gazetteer_lookup_adjective (g, "Noord-Koreaanse") == e);
  g_assert_cmpstr (ng_gazetteer_role_for_noun (g, "president"), ==, "president");
  g_assert_nonnull (ng_gazetteer_lexicon (g, "meeting", "topontmoeting"));
  g_assert_null (ng_gazetteer_lookup (g, "Kim"));  /* never a person on its own */
}

static void
test_errors (void)
{
  g_autofree char *dir = ng_test_tmpdir ();
  g_autofree char *p = g_build_filename (dir, "persons.tsv", NULL);
  g_autofree char *pl = g_build_filename (dir, "places.tsv", NULL);
  g_autoptr (GError) e1 = NULL, e2 = NULL;
  g_assert_null (ng_gazetteer_load (dir, &e1));
  g_assert_error (e1, NG_GAZETTEER_ERROR, NG_GAZETTEER_ERROR_IO);
  g_file_set_contents (p, "# qid\tname\nQ1\tA\t\tpresident@Q30@2019-13-01/\n", -1, NULL);
  g_file_set_contents (pl, "", -1, NULL);
  g_assert_null (ng_gazetteer_load (dir, &e2));
  g_assert_error (e2, NG_GAZETTEER_ERROR, NG_GAZETTEER_ERROR_SYNTAX);
  g_assert_nonnull (strstr (e2->message, "persons.tsv:2"));
  ng_gazetteer_free (NULL);
  ng_test_rmdir (dir);
}

/* The lines and columns as the files give them: CR LF ends, comments and
 * blank lines counted in the line numbers, white space around list items,
 * columns past the last one read; bytes that are not UTF-8 (a NUL among
 * them) named by line. */
static void
test_rows (void)
{
  g_autofree char *dir = ng_test_tmpdir ();
  g_autofree char *p = g_build_filename (dir, "persons.tsv", NULL);
  g_autofree char *pl = g_build_filename (dir, "places.tsv", NULL);
  g_autoptr (GError) e1 = NULL, e2 = NULL, e3 = NULL, e4 = NULL;
  g_autoptr (NgGazetteer) g = NULL;
  const GPtrArray *list;
  const NgEntity *e;

  g_file_set_contents (p, "# qid\tname\r\n\r\nQ1\tAnna Jansen\t A. Jansen | |Anna J.\t"
                          "minister@Q55@2020-01-01/ ; \textra\tmore\r\n", -1, NULL);
  g_file_set_contents (pl, "Q2\tDelft\t\tcity\t52.01\t4.36\tQ55\tDelfts|  \r\n", -1, NULL);
  g = ng_gazetteer_load (dir, &e1);
  g_assert_no_error (e1);
  list = ng_gazetteer_lookup (g, "A. Jansen");
  g_assert_nonnull (list);
  e = list->pdata[0];
  g_assert_cmpstr (e->name, ==, "Anna Jansen");
  g_assert_cmpuint (e->aliases->len, ==, 2);
  g_assert_cmpstr (e->aliases->pdata[0], ==, "A. Jansen");
  g_assert_cmpstr (e->aliases->pdata[1], ==, "Anna J.");
  g_assert_cmpuint (e->roles->len, ==, 1);
  g_assert_nonnull (ng_gazetteer_lookup (g, "Anna J."));
  e = ng_gazetteer_lookup_adjective (g, "Delfts");
  g_assert_nonnull (e);
  g_assert_cmpstr (e->country, ==, "Q55");
  g_assert_cmpuint (e->adjectives->len, ==, 1);
  g_clear_pointer (&g, ng_gazetteer_free);

  /* line 3 after a comment and a blank line */
  g_file_set_contents (p, "# qid\tname\n\nQ1\t\t\n", -1, NULL);
  g_assert_null (ng_gazetteer_load (dir, &e2));
  g_assert_error (e2, NG_GAZETTEER_ERROR, NG_GAZETTEER_ERROR_SYNTAX);
  g_assert_nonnull (strstr (e2->message, "persons.tsv:3: the name column is empty"));
  g_file_set_contents (p, "Q1\tAnna\n\nQ2\tJ\xe9r\xf4me\n", -1, NULL);
  g_assert_null (ng_gazetteer_load (dir, &e3));
  g_assert_error (e3, NG_GAZETTEER_ERROR, NG_GAZETTEER_ERROR_SYNTAX);
  g_assert_nonnull (strstr (e3->message, "persons.tsv:3: not valid UTF-8 (byte 14 of the file)"));
  g_file_set_contents (p, "Q1\tAnna\nQ2\tJo\0hn\n", 17, NULL);
  g_assert_null (ng_gazetteer_load (dir, &e4));
  g_assert_error (e4, NG_GAZETTEER_ERROR, NG_GAZETTEER_ERROR_SYNTAX);
  g_assert_nonnull (strstr (e4->message, "persons.tsv:2: not valid UTF-8 (byte 14 of the file, a NUL)"));
  ng_test_rmdir (dir);
}

/* The walk over the words of PHRASE (normalised) from the root. */
static guint
walk (const NgGazetteer *g, const char *phrase)
{
  g_auto (GStrv) words = g_strsplit (phrase, " ", -1);
  guint node = NG_PHRASE_ROOT;
  for (char **w = words; *w; w++)
    node = ng_gazetteer_phrase_next (g, node, ng_gazetteer_word_id (g, *w, strlen (*w)));
  return node;
}

static void
test_phrase_index (void)
{
  g_autofree char *dir = ng_test_tmpdir ();
  g_autofree char *p = g_build_filename (dir, "persons.tsv", NULL);
  g_autofree char *pl = g_build_filename (dir, "places.tsv", NULL);
  g_autofree char *r = g_build_filename (dir, "roles.tsv", NULL);
  g_autofree char *l = g_build_filename (dir, "lexicon.tsv", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (NgGazetteer) g = NULL;
  const GPtrArray *list;
  guint kim, kj, kju;

  g_file_set_contents (p, "Q1\tKim Jong-un\tKim Jong Un|Jong-un\n"
                          "Q2\tKim Yo-jong\t\n", -1, NULL);
  g_file_set_contents (pl, "Q3\tDen Haag\t's-Gravenhage\tcity\t52.08\t4.31\t\t\n", -1, NULL);
  g_file_set_contents (r, "president\tpresident|Amerikaanse president\n", -1, NULL);
  g_file_set_contents (l, "meeting\tde hand schudden\tverb\n"
                          "status\tafgezegd\tCancelled\n"
                          "status\tafgezegd\tPlanned\n"
                          "meeting\tafgezegd\tx\n", -1, NULL);
  g = ng_gazetteer_load (dir, &error);
  g_assert_no_error (error);

  /* words of no phrase have no id; no walk goes through them */
  g_assert_cmpuint (ng_gazetteer_word_id (g, "trump", 5), ==, 0);
  g_assert_cmpuint (ng_gazetteer_phrase_next (g, NG_PHRASE_ROOT, 0), ==, 0);
  g_assert_cmpuint (ng_gazetteer_phrase_next (g, 0, ng_gazetteer_word_id (g, "kim", 3)), ==, 0);
  /* a word is looked up by length, not up to a NUL */
  g_assert_cmpuint (ng_gazetteer_word_id (g, "kimberley", 3), ==,
                    ng_gazetteer_word_id (g, "kim", 3));

  /* prefixes are nodes without entities; the full name has them */
  kim = walk (g, "kim");
  kj = walk (g, "kim jong");
  kju = walk (g, "kim jong un");
  g_assert_cmpuint (kim, !=, 0);
  g_assert_cmpuint (kj, !=, 0);
  g_assert_null (ng_gazetteer_phrase_entities (g, kim));
  g_assert_null (ng_gazetteer_phrase_entities (g, kj));
  list = ng_gazetteer_phrase_entities (g, kju);
  g_assert_nonnull (list);
  g_assert_true (list == ng_gazetteer_lookup_norm (g, "kim jong un"));
  g_assert_cmpstr (((NgEntity *) list->pdata[0])->name, ==, "Kim Jong-un");
  g_assert_cmpuint (walk (g, "kim jong un un"), ==, 0);
  g_assert_cmpuint (walk (g, "jong un"), !=, 0);
  g_assert_true (ng_gazetteer_phrase_entities (g, walk (g, "s gravenhage"))
                 == ng_gazetteer_lookup_norm (g, "s gravenhage"));

  /* roles and lexicon phrases share the trie with names */
  g_assert_cmpstr (ng_gazetteer_phrase_role (g, walk (g, "amerikaanse president")), ==, "president");
  g_assert_null (ng_gazetteer_phrase_role (g, walk (g, "amerikaanse")));
  g_assert_nonnull (ng_gazetteer_phrase_lexicon (g, walk (g, "de hand schudden"), "meeting"));
  g_assert_null (ng_gazetteer_phrase_lexicon (g, walk (g, "de hand schudden"), "status"));
  /* the last entry of a kind wins, as in ng_gazetteer_lexicon_norm() */
  g_assert_cmpstr (ng_gazetteer_phrase_lexicon (g, walk (g, "afgezegd"), "status")->value, ==, "Planned");
  g_assert_true (ng_gazetteer_phrase_lexicon (g, walk (g, "afgezegd"), "status")
                 == ng_gazetteer_lexicon_norm (g, "status", "afgezegd"));

  /* widths: the most words of a phrase starting with the word */
  g_assert_cmpuint (ng_gazetteer_word_width (g, ng_gazetteer_word_id (g, "kim", 3)), ==, 3);
  g_assert_cmpuint (ng_gazetteer_word_width (g, ng_gazetteer_word_id (g, "de", 2)), ==, 3);
  g_assert_cmpuint (ng_gazetteer_word_width (g, ng_gazetteer_word_id (g, "un", 2)), ==, 0);
  g_assert_cmpuint (ng_gazetteer_word_width (g, 0), ==, 0);
  ng_test_rmdir (dir);
}

/* On the real reference data: every name, alias and lexicon phrase walks
 * to the node that gives what the string tables give. */
static void
test_phrase_index_reference (void)
{
  NgGazetteer *g = ng_test_gazetteer ();
  const GPtrArray *all = ng_gazetteer_entities (g);
  guint checked = 0;
  for (guint i = 0; i < all->len; i++)
    {
      const NgEntity *e = all->pdata[i];
      for (guint k = 0; k <= e->aliases->len; k++)
        {
          g_autofree char *n = ng_normalize_name (k ? e->aliases->pdata[k - 1] : e->name);
          g_assert_true (ng_gazetteer_phrase_entities (g, walk (g, n))
                         == ng_gazetteer_lookup_norm (g, n));
          checked++;
        }
    }
  for (guint i = 0; i < ng_gazetteer_lexicon_all (g, "meeting")->len; i++)
    {
      const NgLexEntry *l = ng_gazetteer_lexicon_all (g, "meeting")->pdata[i];
      g_assert_true (ng_gazetteer_phrase_lexicon (g, walk (g, l->phrase), "meeting")
                     == ng_gazetteer_lexicon_norm (g, "meeting", l->phrase));
    }
  g_assert_cmpuint (checked, >, 300);
}

/* The first words of a kind's phrases of more than one word ("kwamen
 * bijeen"), for verbs whose parts a sentence splits. */
static void
test_lexicon_heads (void)
{
  NgGazetteer *gaz = ng_test_gazetteer ();
  g_assert_true (ng_gazetteer_lexicon_head (gaz, "meeting", "kwamen"));
  g_assert_false (ng_gazetteer_lexicon_head (gaz, "meeting", "bijeen"));
  g_assert_false (ng_gazetteer_lexicon_head (gaz, "meeting", "bijeenkomst"));
  g_assert_false (ng_gazetteer_lexicon_head (gaz, "no-such-kind", "kwamen"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gazetteer/normalize", test_normalize);
  g_test_add_func ("/gazetteer/reference-data", test_reference_data);
  g_test_add_func ("/gazetteer/errors", test_errors);
  g_test_add_func ("/gazetteer/rows", test_rows);
  g_test_add_func ("/gazetteer/phrase-index", test_phrase_index);
  g_test_add_func ("/gazetteer/phrase-index-reference", test_phrase_index_reference);
  g_test_add_func ("/gazetteer/lexicon-heads", test_lexicon_heads);
  return g_test_run ();
}
