/* sparql-fixture.h — a librdf model parsed from Turtle, and queries on it
 * as sorted "a|b" lines; shared by the SPARQL engine's unit tests. */
#ifndef NG_SPARQL_FIXTURE_H
#define NG_SPARQL_FIXTURE_H

#include <string.h>
#include <rasqal.h>
#include <redland.h>

#include "nieuwsgraaf/sparql.h"

/* The prefixes every query of the tests may use. */
#define PRO "PREFIX : <http://ex.org/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "

typedef struct {
  librdf_world *world;
  librdf_storage *storage;
  librdf_model *model;
} Fixture;

/* TURTLE (the test's user data) parsed into an in-memory model. */
static inline void
fixture_setup (Fixture *f, gconstpointer turtle)
{
  librdf_parser *p;
  librdf_uri *base;
  f->world = librdf_new_world ();
  librdf_world_open (f->world);
  f->storage = librdf_new_storage (f->world, "hashes", NULL, "hash-type='memory'");
  f->model = librdf_new_model (f->world, f->storage, NULL);
  p = librdf_new_parser (f->world, "turtle", NULL, NULL);
  base = librdf_new_uri (f->world, (const unsigned char *) "http://ex.org/");
  g_assert_cmpint (librdf_parser_parse_string_into_model (p, (const unsigned char *) turtle,
                                                          base, f->model), ==, 0);
  librdf_free_uri (base);
  librdf_free_parser (p);
}

static inline void
fixture_teardown (Fixture *f, gconstpointer unused)
{
  librdf_free_model (f->model);
  librdf_free_storage (f->storage);
  librdf_free_world (f->world);
}

static inline int
fixture_cmp_lines (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* QUERY (with PRO) on the fixture's model; NULL and ERROR on failure. */
static inline NgSparqlResults *
run (Fixture *f, const char *query, GError **error)
{
  NgSparqlDataset ds = { f->world, f->model, NULL, NULL, NULL, NULL };
  g_autoptr (NgSparqlQuery) q = ng_sparql_query_new (f->world, query, PRO, NULL, error);
  if (q == NULL)
    return NULL;
  return ng_sparql_query_execute (q, &ds, 0, NULL, error);
}

/* The answer as "a|b" lines (unbound: "-", http://ex.org/ left out),
 * sorted unless ORDERED; "true"/"false" for ASK; "error: …" on failure. */
static inline char *
rows (Fixture *f, const char *query, gboolean ordered)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NgSparqlResults) r = run (f, query, &error);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);
  if (r == NULL)
    {
      g_string_printf (out, "error: %s", error ? error->message : "?");
      return g_string_free (out, FALSE);
    }
  if (ng_sparql_results_get_width (r) == 0 && ng_sparql_results_get_count (r) == 0
      && ng_sparql_results_get_graph (r) == NULL)
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
  if (!ordered)
    g_ptr_array_sort (lines, fixture_cmp_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", (char *) lines->pdata[i]);
  return g_string_free (out, FALSE);
}

#define ASSERT_ROWS(f, q, ordered, want) \
  do { g_autofree char *got_ = rows (f, q, ordered); g_assert_cmpstr (got_, ==, want); } while (0)

#endif
