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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gazetteer/normalize", test_normalize);
  g_test_add_func ("/gazetteer/reference-data", test_reference_data);
  g_test_add_func ("/gazetteer/errors", test_errors);
  return g_test_run ();
}
