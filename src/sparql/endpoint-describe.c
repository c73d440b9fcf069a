/* endpoint-describe.c — the SPARQL service description and the graphs
 * served by the Graph Store Protocol's read side. */
#include "config.h"

#include <string.h>

#include "endpoint.h"
#include "../rdf-util.h"
#include "nieuwsgraaf/vocab.h"

char *
ng_endpoint_service_description (NgStore *store, const char *endpoint_url,
                                 gboolean update)
{
  GString *s = g_string_new (NULL);
  librdf_model *articles = ng_store_get_articles (store);
  g_string_append_printf (s,
    "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n"
    "@prefix void: <http://rdfs.org/ns/void#> .\n"
    "@prefix fmt: <http://www.w3.org/ns/formats/> .\n\n"
    "<%s> a sd:Service ;\n"
    "  sd:endpoint <%s> ;\n"
    "  sd:supportedLanguage sd:SPARQL11Query%s ;\n"
    "  sd:resultFormat fmt:SPARQL_Results_JSON, fmt:SPARQL_Results_XML, fmt:SPARQL_Results_CSV,\n"
    "    fmt:SPARQL_Results_TSV, fmt:Turtle, fmt:N-Triples, fmt:RDF_XML ;\n"
    "  sd:defaultDataset [\n"
    "    a sd:Dataset ;\n"
    "    sd:defaultGraph [ a sd:Graph ; void:triples %d ]",
    endpoint_url, endpoint_url, update ? ", sd:SPARQL11Update" : "",
    ng_store_merged_size (store));
  if (articles)
    {
      librdf_iterator *it = librdf_model_get_contexts (articles);
      while (it && !librdf_iterator_end (it))
        {
          librdf_node *n = librdf_iterator_get_object (it);
          if (n && librdf_node_is_resource (n))
            g_string_append_printf (s, " ;\n    sd:namedGraph [ a sd:NamedGraph ; sd:name <%s> ]",
                                    librdf_uri_as_string (librdf_node_get_uri (n)));
          librdf_iterator_next (it);
        }
      if (it)
        librdf_free_iterator (it);
    }
  g_string_append (s, "\n  ] .\n");
  return g_string_free (s, FALSE);
}

char *
ng_endpoint_graph (NgStore *store, const char *iri, const char *format, gsize *length)
{
  librdf_world *world = ng_store_get_world (store);
  const char *name = strcmp (format, "rdfxml") == 0 ? "rdfxml-abbrev" : format;
  g_autoptr (librdf_serializer) ser = librdf_new_serializer (world, name, NULL, NULL);
  g_autoptr (librdf_stream) st = NULL;
  unsigned char *buf;
  size_t len = 0;
  char *out;

  if (ser == NULL)
    return NULL;
  for (const NgPrefix *p = ng_vocab_prefixes (); p->prefix; p++)
    {
      librdf_uri *u = librdf_new_uri (world, (const unsigned char *) p->iri);
      librdf_serializer_set_namespace (ser, u, p->prefix);
      librdf_free_uri (u);
    }
  if (iri == NULL)
    st = librdf_model_as_stream (ng_store_get_merged (store));
  else
    {
      librdf_model *articles = ng_store_get_articles (store);
      g_autoptr (librdf_node) ctx = librdf_new_node_from_uri_string (world, (const unsigned char *) iri);
      gboolean found = FALSE;
      librdf_iterator *it = articles ? librdf_model_get_contexts (articles) : NULL;
      while (it && !librdf_iterator_end (it) && !found)
        {
          found = librdf_node_equals (librdf_iterator_get_object (it), ctx);
          librdf_iterator_next (it);
        }
      if (it)
        librdf_free_iterator (it);
      if (!found)
        return NULL;
      st = librdf_model_context_as_stream (articles, ctx);
    }
  if (st == NULL)
    {
      *length = 0;
      return g_strdup ("");
    }
  buf = librdf_serializer_serialize_stream_to_counted_string (ser, NULL, st, &len);
  if (buf == NULL)
    return NULL;
  out = g_strndup ((const char *) buf, len);
  *length = len;
  librdf_free_memory (buf);
  return out;
}
