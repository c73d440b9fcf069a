/* test-paths.c — SPARQL 1.1 property paths (paths.c): each operator, the
 * places a path may stand (blank-node lists, OPTIONAL, EXISTS, GRAPH), and
 * queries whose / * ? + are no paths, which must be left untouched. */
#include "config.h"

#include <string.h>
#include <rasqal.h>
#include <redland.h>

#include "nieuwsgraaf/sparql.h"
#include "sparql-fixture.h"

/* solutions compared as a set (sorted lines) */
#define ASSERT_SET(f, q, want) ASSERT_ROWS (f, q, FALSE, want)

/* A small place hierarchy, meetings in it, and a named graph. */
static const char data[] =
  "@prefix : <http://ex.org/> .\n"
  ":singapore :in :asia . :hanoi :in :vietnam . :vietnam :in :asia . :asia :in :earth .\n"
  ":m1 :attendee :trump, :kim ; :location :singapore .\n"
  ":m2 :attendee :trump, :kim ; :location :hanoi .\n"
  ":m3 :attendee :kim, :moon .\n"
  ":trump :name \"Donald Trump\" . :kim :name \"Kim Jong-un\" . :moon :name \"Moon/Jae-in\" .\n";

static void
test_sequence (Fixture *f, gconstpointer u)
{
  ASSERT_SET (f, "SELECT ?m ?r WHERE { ?m :location/:in ?r }", "m1|asia m2|vietnam");
  /* a sequence keeps duplicates: two attendees lead to m1's one place */
  ASSERT_SET (f, "SELECT ?l WHERE { :trump ^:attendee/:location ?l }", "hanoi singapore");
  ASSERT_SET (f, "SELECT ?m WHERE { ?m :attendee/:name \"Kim Jong-un\" }", "m1 m2 m3");
}

static void
test_alternative_inverse (Fixture *f, gconstpointer u)
{
  ASSERT_SET (f, "SELECT ?x WHERE { :m3 :attendee|:location ?x }", "kim moon");
  ASSERT_SET (f, "SELECT ?m WHERE { :moon ^:attendee ?m }", "m3");
  ASSERT_SET (f, "SELECT ?a ?b WHERE { ?a ^:in ?b } ORDER BY ?a ?b",
               "asia|singapore asia|vietnam earth|asia vietnam|hanoi");
}

static void
test_arbitrary_length (Fixture *f, gconstpointer u)
{
  ASSERT_SET (f, "SELECT ?r WHERE { :hanoi :in+ ?r }", "asia earth vietnam");
  ASSERT_SET (f, "SELECT ?r WHERE { :hanoi :in* ?r }", "asia earth hanoi vietnam");
  ASSERT_SET (f, "SELECT ?r WHERE { :hanoi :in? ?r }", "hanoi vietnam");
  /* every meeting somewhere in Asia, however deep its place lies */
  ASSERT_SET (f, "SELECT ?m WHERE { ?m :location/:in* :asia }", "m1 m2");
  /* both ends open: each pair once */
  ASSERT_SET (f, "SELECT (COUNT(*) AS ?n) WHERE { ?a :in+ ?b }", "8");
  /* a zero-length path from a constant holds even for a term not in the
     graph; from a variable bound elsewhere only for terms of the graph */
  ASSERT_SET (f, "SELECT ?x WHERE { :nowhere :in* ?x }", "nowhere");
  ASSERT_SET (f, "SELECT ?v WHERE { VALUES ?v { :nowhere :asia } ?v :in? ?v }", "asia");
  /* the same variable at both ends: cycles only (there are none) */
  ASSERT_SET (f, "SELECT ?x WHERE { ?x :in+ ?x }", "");
}

static void
test_negated (Fixture *f, gconstpointer u)
{
  ASSERT_SET (f, "SELECT ?p ?o WHERE { :m3 ?p ?o FILTER(?p != :attendee) }", "");
  ASSERT_SET (f, "SELECT ?o WHERE { :m1 !:attendee ?o }", "singapore");
  ASSERT_SET (f, "SELECT ?o WHERE { :asia !(:in|^:location) ?o }", "singapore vietnam");
  ASSERT_SET (f, "SELECT ?o WHERE { :asia !:location ?o }", "earth");
  ASSERT_SET (f, "SELECT ?o WHERE { :singapore !(^:location) ?o }", "");
}

static void
test_placement (Fixture *f, gconstpointer u)
{
  /* in a blank-node property list, after ';' and ',', in OPTIONAL and in
     FILTER EXISTS */
  ASSERT_SET (f, "SELECT ?n WHERE { [ :attendee/:name ?n ; :location :hanoi ] }",
               "Donald Trump Kim Jong-un");
  ASSERT_SET (f, "SELECT ?m ?r WHERE { ?m :attendee :moon . OPTIONAL { ?m :location/:in+ ?r } }",
               "m3|-");
  ASSERT_SET (f, "SELECT ?m WHERE { ?m :attendee :kim FILTER NOT EXISTS { ?m :location/:in :asia } }",
               "m2 m3");
  ASSERT_SET (f, "SELECT ?m ?a WHERE { ?m :location :hanoi ; ^:attendee|:attendee ?a , ?a }",
               "m2|kim m2|trump");
  ASSERT_SET (f, "ASK { :singapore (:in)/(:in) :earth }", "true");
  ASSERT_SET (f, "SELECT ?r WHERE { { SELECT ?r WHERE { :singapore :in* ?r } } }",
               "asia earth singapore");
  ASSERT_SET (f, "SELECT ?r WHERE { :singapore <http://ex.org/in>+ ?r }", "asia earth");
  ASSERT_SET (f, "SELECT ?x WHERE { :singapore a* ?x }", "singapore");
}

static void
test_not_paths (Fixture *f, gconstpointer u)
{
  /* / * ? + in expressions, strings, SELECT * and variables are no paths */
  ASSERT_SET (f, "SELECT * WHERE { ?p :name \"Moon/Jae-in\" }", "moon");
  ASSERT_SET (f, "SELECT ?p (STRLEN(?n) / 2 AS ?h) WHERE { ?p :name ?n FILTER(?p = :kim) }",
               "kim|5.5");
  ASSERT_SET (f, "SELECT (COUNT(*) AS ?c) WHERE { ?m :attendee ?a } GROUP BY ?m HAVING (COUNT(*) * 2 > 2)",
               "2 2 2");
  ASSERT_SET (f, "SELECT ?m WHERE { ?m :location ?l . BIND(1 + 2 AS ?x) } ORDER BY ?m", "m1 m2");
  ASSERT_SET (f, "SELECT ?m WHERE { ?m ?p ?o . ?o :in ?r } ORDER BY ?m",
               "hanoi m1 m2 singapore vietnam");
  ASSERT_SET (f, "SELECT ?x WHERE { VALUES ?x { :a :b } }", "a b");
}

static void
test_bad_paths (Fixture *f, gconstpointer u)
{
  /* a malformed path is Rasqal's syntax error, never a wrong answer */
  g_autofree char *a = rows (f, "SELECT ?x WHERE { :hanoi :in/ ?x }", FALSE);
  g_autofree char *b = rows (f, "SELECT ?x WHERE { :hanoi (:in ?x }", FALSE);
  g_autofree char *c = rows (f, "SELECT ?x WHERE { :hanoi !(:in|) ?x }", FALSE);
  g_autofree char *d = rows (f, "SELECT ?x WHERE { :hanoi undeclared:in* ?x }", FALSE);
  g_assert_true (g_str_has_prefix (a, "error: "));
  g_assert_true (g_str_has_prefix (b, "error: "));
  g_assert_true (g_str_has_prefix (c, "error: "));
  g_assert_true (g_str_has_prefix (d, "error: "));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, fn) g_test_add (name, Fixture, data, fixture_setup, fn, fixture_teardown)
  ADD ("/paths/sequence", test_sequence);
  ADD ("/paths/alternative-inverse", test_alternative_inverse);
  ADD ("/paths/arbitrary-length", test_arbitrary_length);
  ADD ("/paths/negated", test_negated);
  ADD ("/paths/placement", test_placement);
  ADD ("/paths/not-paths", test_not_paths);
  ADD ("/paths/bad-paths", test_bad_paths);
  return g_test_run ();
}
