/* Every ng: term the C code writes is defined in ontology/nieuwsgraaf.ttl
 * with a Dutch and an English label, so code and ontology cannot drift. */
#include "config.h"
#include <string.h>
#include <redland.h>
#include "nieuwsgraaf/vocab.h"
#include "nieuwsgraaf/gazetteer.h"

static librdf_world *world;
static librdf_model *model;

static gboolean
has_label (const char *term, const char *lang)
{
  librdf_node *s = librdf_new_node_from_uri_string (world, (const unsigned char *) term);
  librdf_node *p = librdf_new_node_from_uri_string (world, (const unsigned char *) NG_RDFS_LABEL);
  librdf_statement *pat = librdf_new_statement_from_nodes (world, s, p, NULL);
  librdf_stream *st = librdf_model_find_statements (model, pat);
  gboolean found = FALSE;
  while (st && !librdf_stream_end (st))
    {
      librdf_node *o = librdf_statement_get_object (librdf_stream_get_object (st));
      const char *l = librdf_node_get_literal_value_language (o);
      if (l && strcmp (l, lang) == 0)
        found = TRUE;
      librdf_stream_next (st);
    }
  librdf_free_stream (st);
  librdf_free_statement (pat);
  return found;
}

static void
test_terms_defined (void)
{
  for (const char *const *t = ng_vocab_terms (); *t; t++)
    {
      if (!has_label (*t, "nl") || !has_label (*t, "en"))
        g_error ("%s has no rdfs:label in nl and en in ontology/nieuwsgraaf.ttl", *t);
    }
}

static void
test_prologue (void)
{
  const char *p = ng_vocab_sparql_prologue ();
  g_assert_nonnull (strstr (p, "PREFIX ng: <" NG_NS ">"));
  g_assert_nonnull (strstr (p, "PREFIX schema: <http://schema.org/>"));
}

int
main (int argc, char **argv)
{
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  librdf_storage *storage;
  librdf_parser *parser;
  librdf_uri *u;
  int rc;

  g_test_init (&argc, &argv, NULL);
  world = librdf_new_world ();
  librdf_world_open (world);
  storage = librdf_new_storage (world, "memory", NULL, NULL);
  model = librdf_new_model (world, storage, NULL);
  path = g_build_filename (ng_gazetteer_default_dir (), "nieuwsgraaf.ttl", NULL);
  uri = g_filename_to_uri (path, NULL, NULL);
  parser = librdf_new_parser (world, "turtle", NULL, NULL);
  u = librdf_new_uri (world, (const unsigned char *) uri);
  if (librdf_parser_parse_into_model (parser, u, u, model) != 0)
    g_error ("cannot parse %s", path);
  librdf_free_uri (u);
  librdf_free_parser (parser);

  g_test_add_func ("/vocab/terms-defined", test_terms_defined);
  g_test_add_func ("/vocab/prologue", test_prologue);
  rc = g_test_run ();
  librdf_free_model (model);
  librdf_free_storage (storage);
  librdf_free_world (world);
  return rc;
}
