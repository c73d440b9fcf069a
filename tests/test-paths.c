/* test-paths.c — SPARQL 1.1 property paths (paths.c): each operator, the
 * places a path may stand (blank-node lists, OPTIONAL, EXISTS, GRAPH), and
 * queries whose / * ? + are no paths, which must be left untouched. */
#include "config.h"

#include <string.h>
#include <rasqal.h>
#include <redland.h>

#include "nieuwsgraaf/sparql.h"

#define PRO "PREFIX : <http://ex.org/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "

/* A small place hierarchy, meetings in it, and a named graph. */
static const char data[] =
  "@prefix : <http://ex.org/> .\n"
  ":singapore :in :asia . :hanoi :in :vietnam . :vietnam :in :asia . :asia :in :earth .\n"
  ":m1 :attendee :trump, :kim ; :location :singapore .\n"
  ":m2 :attendee :trump, :kim ; :location :hanoi .\n"
  ":m3 :attendee :kim, :moon .\n"
  ":trump :name \"Donald Trump\" . :kim :name \"Kim Jong-un\" . :moon :name \"Moon/Jae-in\" .\n";

typedef struct {
  librdf_world *world;
  librdf_storage *storage;
  librdf_model *model;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer unused)
{
  librdf_parser *p;
  librdf_uri *base;
  f->world = librdf_new_world ();
  librdf_world_open (f->world);
  f->storage = librdf_new_storage (f->world, "hashes", NULL, "hash-type='memory'");
  f->model = librdf_new_model (f->world, f->storage, NULL);
  p = librdf_new_parser (f->world, "turtle", NULL, NULL);
  base = librdf_new_uri (f->world, (const unsigned char *) "http://ex.org/");
  g_assert_cmpint (librdf_parser_parse_string_into_model (p, (const unsigned char *) data,
                                                          base, f->model), ==, 0);
  librdf_free_uri (base);
  librdf_free_parser (p);
}

static void
fixture_teardown (Fixture *f, gconstpointer unused)
{
  librdf_free_model (f->model);
  librdf_free_storage (f->storage);
  librdf_free_world (f->world);
}

static int
cmp_lines (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The rows as sorted "a|b" lines (unbound: "-"), or "error: …". */
static char *
rows (Fixture *f, const char *query)
{
  NgSparqlDataset ds = { f->world, f->model, NULL, NULL, NULL, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (NgSparqlQuery) q = ng_sparql_query_new (f->world, query, PRO, NULL, &error);
  g_autoptr (NgSparqlResults) r = q ? ng_sparql_query_execute (q, &ds, 0, NULL, &error) : NULL;
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);
  if (r == NULL)
    {
      g_string_printf (out, "error: %s", error ? error->message : "?");
      return g_string_free (out, FALSE);
    }
  if (ng_sparql_query_get_form (q) == NG_SPARQL_ASK)
    {
      g_string_append (out, ng_sparql_results_get_boolean (r) ? "true" : "false");
      return g_string_free (out, FALSE);
    }
  for (guint i = 0; i < ng_sparql_results_get_count (r); i++)
    {
      GString *line = g_string_new (NULL);
      for (guint c = 0; c < ng_sparql_results_get_width (r); c++)
        {
          rasqal_literal *l = ng_sparql_results_get (r, i, c);
          const char *s = l ? (const char *) rasqal_literal_as_string (l) : "-";
          if (l && l->type == RASQAL_LITERAL_URI && g_str_has_prefix (s, "http://ex.org/"))
            s += strlen ("http://ex.org/");
          g_string_append_printf (line, "%s%s", c ? "|" : "", s);
        }
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  g_ptr_array_sort (lines, cmp_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", (char *) lines->pdata[i]);
  return g_string_free (out, FALSE);
}

#define ASSERT_ROWS(f, q, want) \
  do { g_autofree char *got_ = rows (f, q); g_assert_cmpstr (got_, ==, want); } while (0)

static void
test_sequence (Fixture *f, gconstpointer u)
{
  ASSERT_ROWS (f, "SELECT ?m ?r WHERE { ?m :location/:in ?r }", "m1|asia m2|vietnam");
  /* a sequence keeps duplicates: two attendees lead to m1's one place */
  ASSERT_ROWS (f, "SELECT ?l WHERE { :trump ^:attendee/:location ?l }", "hanoi singapore");
  ASSERT_ROWS (f, "SELECT ?m WHERE { ?m :attendee/:name \"Kim Jong-un\" }", "m1 m2 m3");
}

static void
test_alternative_inverse (Fixture *f, gconstpointer u)
{
  ASSERT_ROWS (f, "SELECT ?x WHERE { :m3 :attendee|:location ?x }", "kim moon");
  ASSERT_ROWS (f, "SELECT ?m WHERE { :moon ^:attendee ?m }", "m3");
  ASSERT_ROWS (f, "SELECT ?a ?b WHERE { ?a ^:in ?b } ORDER BY ?a ?b",
               "asia|singapore asia|vietnam earth|asia vietnam|hanoi");
}

static void
test_arbitrary_length (Fixture *f, gconstpointer u)
{
  ASSERT_ROWS (f, "SELECT ?r WHERE { :hanoi :in+ ?r }", "asia earth vietnam");
  ASSERT_ROWS (f, "SELECT ?r WHERE { :hanoi :in* ?r }", "asia earth hanoi vietnam");
  ASSERT_ROWS (f, "SELECT ?r WHERE { :hanoi :in? ?r }", "hanoi vietnam");
  /* every meeting somewhere in Asia, however deep its place lies */
  ASSERT_ROWS (f, "SELECT ?m WHERE { ?m :location/:in* :asia }", "m1 m2");
  /* both ends open: each pair once */
  ASSERT_ROWS (f, "SELECT (COUNT(*) AS ?n) WHERE { ?a :in+ ?b }", "8");
  /* a zero-length path from a constant holds even for a term not in the
     graph; from a variable bound elsewhere only for terms of the graph */
  ASSERT_ROWS (f, "SELECT ?x WHERE { :nowhere :in* ?x }", "nowhere");
  ASSERT_ROWS (f, "SELECT ?v WHERE { VALUES ?v { :nowhere :asia } ?v :in? ?v }", "asia");
  /* the same variable at both ends: cycles only (there are none) */
  ASSERT_ROWS (f, "SELECT ?x WHERE { ?x :in+ ?x }", "");
}

static void
test_negated (Fixture *f, gconstpointer u)
{
  ASSERT_ROWS (f, "SELECT ?p ?o WHERE { :m3 ?p ?o FILTER(?p != :attendee) }", "");
  ASSERT_ROWS (f, "SELECT ?o WHERE { :m1 !:attendee ?o }", "singapore");
  ASSERT_ROWS (f, "SELECT ?o WHERE { :asia !(:in|^:location) ?o }", "singapore vietnam");
  ASSERT_ROWS (f, "SELECT ?o WHERE { :asia !:location ?o }", "earth");
  ASSERT_ROWS (f, "SELECT ?o WHERE { :singapore !(^:location) ?o }", "");
}

static void
test_placement (Fixture *f, gconstpointer u)
{
  /* in a blank-node property list, after ';' and ',', in OPTIONAL and in
     FILTER EXISTS */
  ASSERT_ROWS (f, "SELECT ?n WHERE { [ :attendee/:name ?n ; :location :hanoi ] }",
               "Donald Trump Kim Jong-un");
  ASSERT_ROWS (f, "SELECT ?m ?r WHERE { ?m :attendee :moon . OPTIONAL { ?m :location/:in+ ?r } }",
               "m3|-");
  ASSERT_ROWS (f, "SELECT ?m WHERE { ?m :attendee :kim FILTER NOT EXISTS { ?m :location/:in :asia } }",
               "m2 m3");
  ASSERT_ROWS (f, "SELECT ?m ?a WHERE { ?m :location :hanoi ; ^:attendee|:attendee ?a , ?a }",
               "m2|kim m2|trump");
  ASSERT_ROWS (f, "ASK { :singapore (:in)/(:in) :earth }", "true");
  ASSERT_ROWS (f, "SELECT ?r WHERE { { SELECT ?r WHERE { :singapore :in* ?r } } }",
               "asia earth singapore");
  ASSERT_ROWS (f, "SELECT ?r WHERE { :singapore <http://ex.org/in>+ ?r }", "asia earth");
  ASSERT_ROWS (f, "SELECT ?x WHERE { :singapore a* ?x }", "singapore");
}

static void
test_not_paths (Fixture *f, gconstpointer u)
{
  /* / * ? + in expressions, strings, SELECT * and variables are no paths */
  ASSERT_ROWS (f, "SELECT * WHERE { ?p :name \"Moon/Jae-in\" }", "moon");
  ASSERT_ROWS (f, "SELECT ?p (STRLEN(?n) / 2 AS ?h) WHERE { ?p :name ?n FILTER(?p = :kim) }",
               "kim|5.5");
  ASSERT_ROWS (f, "SELECT (COUNT(*) AS ?c) WHERE { ?m :attendee ?a } GROUP BY ?m HAVING (COUNT(*) * 2 > 2)",
               "2 2 2");
  ASSERT_ROWS (f, "SELECT ?m WHERE { ?m :location ?l . BIND(1 + 2 AS ?x) } ORDER BY ?m", "m1 m2");
  ASSERT_ROWS (f, "SELECT ?m WHERE { ?m ?p ?o . ?o :in ?r } ORDER BY ?m",
               "hanoi m1 m2 singapore vietnam");
  ASSERT_ROWS (f, "SELECT ?x WHERE { VALUES ?x { :a :b } }", "a b");
}

static void
test_bad_paths (Fixture *f, gconstpointer u)
{
  /* a malformed path is Rasqal's syntax error, never a wrong answer */
  g_autofree char *a = rows (f, "SELECT ?x WHERE { :hanoi :in/ ?x }");
  g_autofree char *b = rows (f, "SELECT ?x WHERE { :hanoi (:in ?x }");
  g_autofree char *c = rows (f, "SELECT ?x WHERE { :hanoi !(:in|) ?x }");
  g_autofree char *d = rows (f, "SELECT ?x WHERE { :hanoi undeclared:in* ?x }");
  g_assert_true (g_str_has_prefix (a, "error: "));
  g_assert_true (g_str_has_prefix (b, "error: "));
  g_assert_true (g_str_has_prefix (c, "error: "));
  g_assert_true (g_str_has_prefix (d, "error: "));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/paths/sequence", test_sequence);
  ADD ("/paths/alternative-inverse", test_alternative_inverse);
  ADD ("/paths/arbitrary-length", test_arbitrary_length);
  ADD ("/paths/negated", test_negated);
  ADD ("/paths/placement", test_placement);
  ADD ("/paths/not-paths", test_not_paths);
  ADD ("/paths/bad-paths", test_bad_paths);
  return g_test_run ();
}
