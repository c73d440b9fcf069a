/* test-update.c — SPARQL 1.1 Update on in-memory models: each operation,
 * the template semantics (per solution, unbound triples skipped, fresh
 * blank nodes, DELETE before INSERT), WITH/USING and the errors. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <rasqal.h>

#include "nieuwsgraaf/curation.h"
#include "nieuwsgraaf/sparql.h"
#include "test-util.h"
#include <redland.h>

#define PRO "PREFIX : <http://ex.org/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
#define EX "http://ex.org/"

static const char data[] =
  "@prefix : <http://ex.org/> .\n"
  ":m1 a :Meeting ; :attendee :trump, :kim ; :location :singapore .\n"
  ":m2 a :Meeting ; :attendee :trump, :kim ; :location :hanoi .\n"
  ":m3 a :Meeting ; :attendee :kim, :moon .\n"
  ":trump :age 72 . :kim :age 35 . :moon :age 66 .\n";

typedef struct {
  librdf_world *world;
  librdf_storage *storage, *named_storage;
  librdf_model *model, *named;
  NgSparqlDataset ds;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer unused)
{
  librdf_parser *p;
  librdf_uri *base;
  librdf_node *g;
  librdf_statement *st;
  f->world = librdf_new_world ();
  librdf_world_open (f->world);
  f->storage = librdf_new_storage (f->world, "hashes", NULL, "hash-type='memory'");
  f->model = librdf_new_model (f->world, f->storage, NULL);
  f->named_storage = librdf_new_storage (f->world, "hashes", NULL,
                                         "hash-type='memory',contexts='yes'");
  f->named = librdf_new_model (f->world, f->named_storage, NULL);
  p = librdf_new_parser (f->world, "turtle", NULL, NULL);
  base = librdf_new_uri (f->world, (const unsigned char *) EX);
  g_assert_cmpint (librdf_parser_parse_string_into_model (p, (const unsigned char *) data,
                                                          base, f->model), ==, 0);
  librdf_free_uri (base);
  librdf_free_parser (p);
  /* named graph :g holds one statement */
  g = librdf_new_node_from_uri_string (f->world, (const unsigned char *) EX "g");
  st = librdf_new_statement_from_nodes (
    f->world, librdf_new_node_from_uri_string (f->world, (const unsigned char *) EX "kim"),
    librdf_new_node_from_uri_string (f->world, (const unsigned char *) EX "title"),
    librdf_new_node_from_literal (f->world, (const unsigned char *) "leider", NULL, 0));
  librdf_model_context_add_statement (f->named, g, st);   /* copies */
  librdf_free_statement (st);
  librdf_free_node (g);
  f->ds = (NgSparqlDataset) { .world = f->world, .default_graph = f->model, .named = f->named };
}

static void
fixture_teardown (Fixture *f, gconstpointer unused)
{
  librdf_free_model (f->named);
  librdf_free_storage (f->named_storage);
  librdf_free_model (f->model);
  librdf_free_storage (f->storage);
  librdf_free_world (f->world);
}

/* Runs UPDATE; FALSE with ERROR set on failure. */
static gboolean
run (Fixture *f, const char *update, NgSparqlUpdateStats *stats, GError **error)
{
  g_autoptr (NgSparqlUpdate) u = ng_sparql_update_new (f->world, update, PRO, EX, error);
  if (u == NULL)
    return FALSE;
  return ng_sparql_update_execute (u, &f->ds, 0, NULL, stats, error);
}

static void
run_ok (Fixture *f, const char *update)
{
  g_autoptr (GError) error = NULL;
  gboolean ok = run (f, update, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

/* The answer of the SELECT COUNT(*) query WHERE over the dataset. */
static int
count (Fixture *f, const char *where)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = g_strdup_printf ("SELECT (COUNT(*) AS ?n) WHERE { %s }", where);
  g_autoptr (NgSparqlQuery) q = ng_sparql_query_new (f->world, text, PRO, NULL, &error);
  g_assert_no_error (error);
  g_autoptr (NgSparqlResults) r = ng_sparql_query_execute (q, &f->ds, 0, NULL, &error);
  g_assert_no_error (error);
  return atoi ((const char *) rasqal_literal_as_string (ng_sparql_results_get (r, 0, 0)));
}

static void
test_insert_data (Fixture *f, gconstpointer unused)
{
  NgSparqlUpdateStats st = { 0 };
  g_autoptr (GError) error = NULL;
  /* triples before a GRAPH block: Rasqal 0.9.33 alone rejects this */
  g_assert_true (run (f, "INSERT DATA { :a :p \"x\"@nl, 3 ; :q [ :r :s ] . "
                         "GRAPH :h { :a :p :b } :c :p _:x . _:x :p :d }", &st, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (st.inserted, ==, 7);
  g_assert_cmpint (count (f, ":a :p \"x\"@nl, 3"), ==, 1);
  g_assert_cmpint (count (f, ":a :q ?b . ?b :r :s FILTER isBlank(?b)"), ==, 1);
  g_assert_cmpint (count (f, "GRAPH :h { :a :p :b }"), ==, 1);
  /* the same label is the same node within one request */
  g_assert_cmpint (count (f, ":c :p ?x . ?x :p :d"), ==, 1);
  /* inserting what is there changes nothing */
  st.inserted = 0;
  g_assert_true (run (f, "INSERT DATA { :a :p 3 }", &st, &error));
  g_assert_cmpuint (st.inserted, ==, 0);
  /* an empty request and an empty block are fine */
  run_ok (f, "");
  run_ok (f, "INSERT DATA { }");
}

static void
test_delete_data (Fixture *f, gconstpointer unused)
{
  NgSparqlUpdateStats st = { 0 };
  g_autoptr (GError) error = NULL;
  g_assert_true (run (f, "DELETE DATA { :kim :age 35 . :kim :age 99 . "
                         "GRAPH :g { :kim :title \"leider\" } }", &st, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, ":kim :age ?a"), ==, 0);
  g_assert_cmpint (count (f, "GRAPH ?g { ?s ?p ?o }"), ==, 0);
  g_assert_cmpuint (st.deleted, ==, 2);
}

static void
test_delete_insert_where (Fixture *f, gconstpointer unused)
{
  /* DELETE before INSERT, per solution; the blank node is fresh per
     solution; a triple with an unbound variable is skipped */
  run_ok (f, "DELETE { ?m :attendee :trump } "
             "INSERT { ?m :attendee :donald ; :note [ :about ?m ] ; :place ?l } "
             "WHERE { ?m :attendee :trump OPTIONAL { ?m :location ?l } }");
  g_assert_cmpint (count (f, "?m :attendee :trump"), ==, 0);
  g_assert_cmpint (count (f, "?m :attendee :donald"), ==, 2);
  g_assert_cmpint (count (f, "SELECT DISTINCT ?n WHERE { ?m :note ?n }"), ==, 2);
  g_assert_cmpint (count (f, "?m :place ?l"), ==, 2);
  /* a FILTER in WHERE; an INSERT of what the DELETE removes stays */
  run_ok (f, "DELETE { ?s :age ?a } INSERT { ?s :age ?a ; :old true } "
             "WHERE { ?s :age ?a FILTER (?a > 60) }");
  g_assert_cmpint (count (f, "?s :age ?a"), ==, 3);
  g_assert_cmpint (count (f, "?s :old true"), ==, 2);
  /* unbound in every solution: nothing */
  run_ok (f, "INSERT { ?m :location ?nowhere } WHERE { ?m a :Meeting }");
  g_assert_cmpint (count (f, "?m :location ?l"), ==, 2);
}

static void
test_with_using (Fixture *f, gconstpointer unused)
{
  /* WITH: WHERE and templates on :g */
  run_ok (f, "WITH :g DELETE { ?s :title ?t } INSERT { ?s :role ?t } WHERE { ?s :title ?t }");
  g_assert_cmpint (count (f, "GRAPH :g { :kim :role \"leider\" }"), ==, 1);
  g_assert_cmpint (count (f, "GRAPH :g { ?s :title ?t }"), ==, 0);
  g_assert_cmpint (count (f, ":kim :role ?t"), ==, 0);
  /* USING: WHERE on :g, the template into the default graph */
  run_ok (f, "INSERT { ?s :role ?t } USING :g WHERE { ?s :role ?t }");
  g_assert_cmpint (count (f, ":kim :role \"leider\""), ==, 1);
  /* USING NAMED only: the default graph of WHERE is empty */
  run_ok (f, "INSERT { ?s :seen true } USING NAMED :g WHERE { ?s :age ?a }");
  g_assert_cmpint (count (f, "?s :seen true"), ==, 0);
  run_ok (f, "INSERT { ?s :seen true } USING NAMED :g WHERE { GRAPH :g { ?s ?p ?o } }");
  g_assert_cmpint (count (f, "?s :seen true"), ==, 1);
  /* a GRAPH block in a template wins over WITH (Rasqal alone puts it into
     the WITH graph) */
  run_ok (f, "WITH :g DELETE { ?s :role ?t } INSERT { GRAPH :h { ?s :role ?t } ?s :was ?t } "
             "WHERE { ?s :role ?t }");
  g_assert_cmpint (count (f, "GRAPH :h { :kim :role \"leider\" }"), ==, 1);
  g_assert_cmpint (count (f, "GRAPH :g { :kim :was \"leider\" }"), ==, 1);
  g_assert_cmpint (count (f, "GRAPH :g { ?s :role ?t }"), ==, 0);
}

static void
test_delete_where (Fixture *f, gconstpointer unused)
{
  /* Rasqal 0.9.33 alone parses DELETE WHERE into nothing */
  run_ok (f, "DELETE WHERE { ?m :attendee :kim ; :location ?l }");
  g_assert_cmpint (count (f, "?m :attendee :kim"), ==, 1);
  g_assert_cmpint (count (f, "?m :location ?l"), ==, 0);
  run_ok (f, "DELETE WHERE { GRAPH :g { ?s ?p ?o } }");
  g_assert_cmpint (count (f, "GRAPH ?g { ?s ?p ?o }"), ==, 0);
}

static void
test_clear_drop_create (Fixture *f, gconstpointer unused)
{
  g_autoptr (GError) error = NULL;
  run_ok (f, "CREATE GRAPH :new");
  g_assert_false (run (f, "CREATE GRAPH :g", NULL, &error));
  g_assert_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_EXECUTION);
  g_clear_error (&error);
  run_ok (f, "CREATE SILENT GRAPH :g");
  g_assert_false (run (f, "CLEAR GRAPH :nothing", NULL, &error));
  g_assert_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_EXECUTION);
  g_clear_error (&error);
  run_ok (f, "DROP SILENT GRAPH :nothing");
  run_ok (f, "DROP GRAPH :g");
  g_assert_cmpint (count (f, "GRAPH ?g { ?s ?p ?o }"), ==, 0);
  run_ok (f, "INSERT DATA { GRAPH :h { :a :b :c } }");
  /* Rasqal 0.9.33 alone parses DROP DEFAULT / NAMED / ALL into nothing */
  run_ok (f, "DROP NAMED");
  g_assert_cmpint (count (f, "GRAPH ?g { ?s ?p ?o }"), ==, 0);
  g_assert_cmpint (count (f, "?s ?p ?o"), ==, 14);
  run_ok (f, "DROP DEFAULT");
  g_assert_cmpint (count (f, "?s ?p ?o"), ==, 0);
  run_ok (f, "INSERT DATA { :a :b :c . GRAPH :h { :a :b :c } }; CLEAR ALL");
  g_assert_cmpint (count (f, "{ ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } }"), ==, 0);
}

static void
test_add_move_copy (Fixture *f, gconstpointer unused)
{
  run_ok (f, "ADD :g TO DEFAULT");
  g_assert_cmpint (count (f, ":kim :title ?t"), ==, 1);
  g_assert_cmpint (count (f, "?s ?p ?o"), ==, 15);
  run_ok (f, "COPY DEFAULT TO :h");
  g_assert_cmpint (count (f, "GRAPH :h { ?s ?p ?o }"), ==, 15);
  run_ok (f, "INSERT DATA { GRAPH :i { :x :y :z } }; COPY :g TO :i");
  g_assert_cmpint (count (f, "GRAPH :i { ?s ?p ?o }"), ==, 1);
  g_assert_cmpint (count (f, "GRAPH :i { :x :y :z }"), ==, 0);
  run_ok (f, "MOVE :h TO DEFAULT");
  g_assert_cmpint (count (f, "GRAPH :h { ?s ?p ?o }"), ==, 0);
  g_assert_cmpint (count (f, "?s ?p ?o"), ==, 15);
  run_ok (f, "COPY GRAPH :g TO GRAPH :j");
  g_assert_cmpint (count (f, "GRAPH :j { :kim :title ?t }"), ==, 1);
  run_ok (f, "MOVE :g TO :g");
  g_assert_cmpint (count (f, "GRAPH :g { ?s ?p ?o }"), ==, 1);
}

static void
test_sequence_prologue (Fixture *f, gconstpointer unused)
{
  /* declarations carry over to the operations after them; each operation
     sees the effect of the one before */
  run_ok (f, "PREFIX e: <http://e.org/>\nINSERT DATA { e:a e:b e:c } ;\n"
             "INSERT { ?s e:d ?o } WHERE { ?s e:b ?o } ;\n"
             "# a comment; with a semicolon\nDELETE DATA { e:a e:b e:c } ;");
  g_assert_cmpint (count (f, "<http://e.org/a> ?p ?o"), ==, 1);
  g_assert_cmpint (count (f, "<http://e.org/a> <http://e.org/d> <http://e.org/c>"), ==, 1);
}

static void
test_default_graph_iri (Fixture *f, gconstpointer unused)
{
  g_autoptr (GError) error = NULL;
  f->ds.named = NULL;
  f->ds.default_graph_iri = "urn:nieuwsgraaf:merged";
  run_ok (f, "INSERT DATA { GRAPH <urn:nieuwsgraaf:merged> { :a :b :c } }");
  g_assert_cmpint (count (f, ":a :b :c"), ==, 1);
  run_ok (f, "WITH <urn:nieuwsgraaf:merged> DELETE { ?s :b ?o } WHERE { ?s :b ?o }");
  g_assert_cmpint (count (f, ":a :b :c"), ==, 0);
  g_assert_false (run (f, "INSERT DATA { GRAPH :g { :a :b :c } }", NULL, &error));
  g_assert_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "only the default graph"));
}

static void
test_errors (Fixture *f, gconstpointer unused)
{
  g_autoptr (GError) error = NULL;
  static const struct { const char *text; int code; const char *part; } cases[] = {
    { "LOAD <http://example.org/data.ttl>", NG_SPARQL_ERROR_UNSUPPORTED, "LOAD" },
    { "INSERT DATA { :a :b ?c }", NG_SPARQL_ERROR_SYNTAX, "?c" },
    { "DELETE DATA { :a :b _:c }", NG_SPARQL_ERROR_SYNTAX, "blank" },
    { "INSERT DATA { :a :b :c }\n;\nINSERT DATA { :a :b }", NG_SPARQL_ERROR_SYNTAX, "line 3" },
    { "INSERT DATA { :a :b :c } ; ; CLEAR ALL", NG_SPARQL_ERROR_SYNTAX, "empty" },
    { "SELECT * WHERE { ?s ?p ?o }", NG_SPARQL_ERROR_SYNTAX, "malformed update" },
    { "INSERT WHERE { ?s ?p ?o }", NG_SPARQL_ERROR_SYNTAX, "template" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (NgSparqlUpdate) u = ng_sparql_update_new (f->world, cases[i].text, PRO, EX, &error);
      g_assert_null (u);
      g_assert_error (error, NG_SPARQL_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].part) == NULL)
        g_error ("“%s”: message “%s” lacks “%s”", cases[i].text, error->message, cases[i].part);
      g_clear_error (&error);
    }
  /* nothing was changed by the refused requests */
  g_assert_cmpint (count (f, "?s ?p ?o"), ==, 14);
  ng_sparql_update_free (NULL);
}

/* Statements of the merged graph of the store in DIR matching S P O
 * (NULL: any). */
static int
merged_count (const char *dir, const char *p)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NgStore) store = ng_store_open (dir, NG_STORE_READ, &error);
  librdf_world *w;
  librdf_statement *pat;
  librdf_stream *st;
  int n = 0;
  g_assert_no_error (error);
  w = ng_store_get_world (store);
  pat = librdf_new_statement_from_nodes (
    w, NULL, librdf_new_node_from_uri_string (w, (const unsigned char *) p), NULL);
  st = librdf_model_find_statements (ng_store_get_merged (store), pat);
  for (; st && !librdf_stream_end (st); librdf_stream_next (st))
    n++;
  if (st)
    librdf_free_stream (st);
  librdf_free_statement (pat);
  return n;
}

static int
log_records (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, NG_CURATION_LOG, NULL);
  g_autofree char *text = NULL;
  int n = 0;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  for (const char *p = text; (p = strstr (p, "#@nieuwsgraaf-update ")); p++)
    n++;
  return n;
}

static void
test_curation_log (void)
{
  g_autofree char *dir = ng_test_tmpdir ();
  g_autofree char *log = g_build_filename (dir, NG_CURATION_LOG, NULL);
  g_autoptr (GError) error = NULL;
  {
    g_autoptr (NgStore) store = ng_store_open (dir, NG_STORE_WRITE, &error);
    g_assert_no_error (error);
    g_assert_true (ng_store_merge (store, &error));
  }
  /* accepted: logged and in the new merged graph; an update text that
     holds what looks like a record header stays one record */
  g_assert_true (ng_curation_apply (dir, "INSERT DATA { <urn:x:a> <" EX "p> 1, 2 }", &error));
  g_assert_no_error (error);
  g_assert_true (ng_curation_apply (
    dir, "# #@nieuwsgraaf-update 5 x\nDELETE WHERE { <urn:x:a> <" EX "p> 2 }", &error));
  g_assert_no_error (error);
  g_assert_cmpint (merged_count (dir, EX "p"), ==, 1);
  g_assert_cmpint (log_records (dir), ==, 3);   /* two headers, and that text */
  g_assert_true (ng_curation_apply (dir, "# nothing\n", &error));
  g_assert_cmpint (log_records (dir), ==, 3);
  /* refused: nothing logged, the graph as it was */
  g_assert_false (ng_curation_apply (dir, "INSERT DATA { <urn:x:a> <" EX "p> }", &error));
  g_assert_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_SYNTAX);
  g_clear_error (&error);
  g_assert_false (ng_curation_apply (dir, "INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <"
                                          EX "p> 3 } }", &error));
  g_assert_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_UNSUPPORTED);
  g_assert_null (strstr (error->message, NG_CURATION_LOG));
  g_clear_error (&error);
  g_assert_cmpint (log_records (dir), ==, 3);
  g_assert_cmpint (merged_count (dir, EX "p"), ==, 1);
  /* a rebuild applies the log again */
  {
    g_autoptr (NgStore) store = ng_store_open (dir, NG_STORE_WRITE, &error);
    g_assert_true (ng_store_merge (store, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (merged_count (dir, EX "p"), ==, 1);
  /* while the store is open for writing: busy */
  {
    g_autoptr (NgStore) store = ng_store_open (dir, NG_STORE_WRITE, &error);
    g_assert_false (ng_curation_apply (dir, "CLEAR DEFAULT", &error));
    g_assert_error (error, NG_CURATION_ERROR, NG_CURATION_ERROR_BUSY);
    g_clear_error (&error);
  }
  /* a damaged log stops the merge, naming the log and the byte */
  g_assert_true (g_file_set_contents (log, "INSERT DATA { }\n", -1, NULL));
  {
    g_autoptr (NgStore) store = ng_store_open (dir, NG_STORE_WRITE, &error);
    g_assert_false (ng_store_merge (store, &error));
    g_assert_error (error, NG_CURATION_ERROR, NG_CURATION_ERROR_LOG);
    g_assert_nonnull (strstr (error->message, "curation.ru: damaged at byte 0"));
    g_clear_error (&error);
  }
  g_assert_cmpint (merged_count (dir, EX "p"), ==, 1);
  ng_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, fn) g_test_add ("/update/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("insert-data", test_insert_data);
  ADD ("delete-data", test_delete_data);
  ADD ("delete-insert-where", test_delete_insert_where);
  ADD ("with-using", test_with_using);
  ADD ("delete-where", test_delete_where);
  ADD ("clear-drop-create", test_clear_drop_create);
  ADD ("add-move-copy", test_add_move_copy);
  ADD ("sequence-prologue", test_sequence_prologue);
  ADD ("default-graph-iri", test_default_graph_iri);
  ADD ("errors", test_errors);
  g_test_add_func ("/update/curation-log", test_curation_log);
  return g_test_run ();
}
