#include "config.h"
#include <string.h>
#include "nieuwsgraaf/query.h"
#include "test-util.h"

static NgStore *
sample_store (void)
{
  g_autoptr (GError) error = NULL;
  NgStore *s = ng_store_open (NULL, NG_STORE_MEMORY, &error);
  g_assert_no_error (error);
  ng_test_put (s, "a.txt", " date 2019-02-28 Donald Trump ontmoette Kim Jong-un in Hanoi.");
  ng_test_put (s, "b.txt", " date 2018-04-27 Kim Jong-un ontmoette Moon Jae-in in Panmunjom.");
  g_assert_true (ng_store_merge (s, &error));
  return s;
}

static const char *WHO = "SELECT ?a ?b WHERE { ?m a ng:Meeting ; schema:attendee ?x, ?y . "
                         "?x schema:name ?a . ?y schema:name ?b FILTER(?a < ?b) } ORDER BY ?a ?b";

static void
test_select_formats (void)
{
  g_autoptr (NgStore) s = sample_store ();
  g_autoptr (GError) error = NULL;
  g_autoptr (NgQueryResult) json = ng_query_run (s, WHO, "json", &error);
  g_autoptr (NgQueryResult) csv = NULL, xml = NULL;
  g_assert_no_error (error);
  g_assert_cmpstr (json->content_type, ==, "application/sparql-results+json");
  g_assert_nonnull (strstr (json->body, "\"Donald Trump\""));
  g_assert_nonnull (strstr (json->body, "\"Moon Jae-in\""));
  csv = ng_query_run (s, WHO, "csv", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (csv->body, "a,b"));
  g_assert_nonnull (strstr (csv->body, "Donald Trump,Kim Jong-un"));
  g_assert_nonnull (strstr (csv->body, "Kim Jong-un,Moon Jae-in"));
  xml = ng_query_run (s, WHO, "xml", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (xml->body, "<sparql"));
}

static void
test_ask_construct (void)
{
  g_autoptr (NgStore) s = sample_store ();
  g_autoptr (GError) error = NULL;
  g_autoptr (NgQueryResult) ask = ng_query_run (s, "ASK { ?p schema:name \"Kim Jong-un\" }",
                                                "json", &error);
  g_autoptr (NgQueryResult) ttl = NULL;
  g_assert_no_error (error);
  g_assert_nonnull (strstr (ask->body, "true"));
  ttl = ng_query_run (s, "CONSTRUCT { ?p schema:name ?n } WHERE { ?p a schema:Person ; "
                         "schema:name ?n }", "json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ttl->content_type, ==, "text/turtle; charset=utf-8");
  g_assert_nonnull (strstr (ttl->body, "Moon Jae-in"));
}

/* The forms Rasqal 0.9.33 answers wrongly are answered right, and what the
 * engine cannot do is refused with a message, never answered wrongly. */
static void
test_answered (void)
{
  g_autoptr (NgStore) s = sample_store ();
  g_autoptr (GError) error = NULL;
  g_autoptr (NgQueryResult) opt = NULL, year = NULL, bind = NULL;
  g_auto (GStrv) lines = NULL;
  opt = ng_query_run (s, "SELECT ?m ?a ?l WHERE { ?m a ng:Meeting ; schema:attendee ?a . "
                         "OPTIONAL { ?m schema:location ?l } }", "csv", &error);
  g_assert_no_error (error);
  /* two meetings with two attendees each: four rows, not a cross product */
  lines = g_strsplit (opt->body, "\r\n", -1);
  g_assert_cmpint (g_strv_length (lines), ==, 6);
  year = ng_query_run (s, "SELECT (YEAR(?d) AS ?y) WHERE { VALUES ?d { \"2019-02-28\"^^xsd:date "
                          "\"2018-04-27T10:00:00Z\"^^xsd:dateTime } } ORDER BY ?y", "csv", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (year->body, ==, "y\r\n2018\r\n2019\r\n");
  bind = ng_query_run (s, "SELECT ?y WHERE { ?m a ng:Meeting ; schema:startDate ?d . "
                          "BIND(SUBSTR(STR(?d), 1, 4) AS ?y) } ORDER BY ?y", "csv", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bind->body, ==, "y\r\n2018\r\n2019\r\n");
}

/* FROM names the graphs of the default graph: the merged graph or article
 * graphs. */
static void
test_from (void)
{
  g_autoptr (NgStore) s = sample_store ();
  g_autoptr (GError) error = NULL;
  g_autoptr (NgQueryResult) merged = NULL, none = NULL;
  merged = ng_query_run (s, "SELECT (COUNT(*) AS ?n) FROM <urn:nieuwsgraaf:merged> "
                            "WHERE { ?m a ng:Meeting }", "csv", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (merged->body, ==, "n\r\n2\r\n");
  none = ng_query_run (s, "SELECT (COUNT(*) AS ?n) FROM <http://example.org/none> "
                          "WHERE { ?m a ng:Meeting }", "csv", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (none->body, ==, "n\r\n0\r\n");
}

static void
test_refused (void)
{
  g_autoptr (NgStore) s = sample_store ();
  g_autoptr (GError) e1 = NULL, e2 = NULL;
  g_assert_null (ng_query_run (s, "SELECT ?x WHERE { SERVICE <http://example.org/> { ?x ?p ?o } }",
                               "json", &e1));
  g_assert_error (e1, NG_QUERY_ERROR, NG_QUERY_ERROR_UNSUPPORTED);
  g_assert_null (ng_query_run (s, "INSERT DATA { <a:b> <a:c> <a:d> }", "json", &e2));
  g_assert_error (e2, NG_QUERY_ERROR, NG_QUERY_ERROR_UPDATE);
}

static void
test_errors (void)
{
  g_autoptr (NgStore) s = sample_store ();
  g_autoptr (GError) e1 = NULL, e2 = NULL, e3 = NULL;
  g_assert_null (ng_query_run (s, "SELECT ?x WHERE {\n ?x ?y }", "json", &e1));
  g_assert_error (e1, NG_QUERY_ERROR, NG_QUERY_ERROR_SYNTAX);
  g_assert_nonnull (strstr (e1->message, "line 2"));
  g_assert_null (ng_query_run (s, WHO, "pdf", &e2));
  g_assert_error (e2, NG_QUERY_ERROR, NG_QUERY_ERROR_FORMAT);
  g_assert_null (ng_query_run (s, "SELECT \xff WHERE {}", "json", &e3));
  g_assert_error (e3, NG_QUERY_ERROR, NG_QUERY_ERROR_SYNTAX);
  ng_query_result_free (NULL);
}

static void
test_accept (void)
{
  g_assert_cmpstr (ng_query_format_for_accept (NULL, FALSE), ==, "json");
  g_assert_cmpstr (ng_query_format_for_accept ("application/sparql-results+xml", FALSE), ==, "xml");
  g_assert_cmpstr (ng_query_format_for_accept ("text/csv;q=0.9, */*;q=0.1", FALSE), ==, "csv");
  g_assert_cmpstr (ng_query_format_for_accept ("*/*", TRUE), ==, "turtle");
  g_assert_null (ng_query_format_for_accept ("image/png", FALSE));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/query/select-formats", test_select_formats);
  g_test_add_func ("/query/ask-construct", test_ask_construct);
  g_test_add_func ("/query/answered", test_answered);
  g_test_add_func ("/query/from", test_from);
  g_test_add_func ("/query/refused", test_refused);
  g_test_add_func ("/query/errors", test_errors);
  g_test_add_func ("/query/accept", test_accept);
  return g_test_run ();
}
