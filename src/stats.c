/* stats.c — counts of the merged graph. */
#include "config.h"

#include <string.h>

#include "nieuwsgraaf/stats.h"
#include "nieuwsgraaf/vocab.h"
#include "rdf-util.h"

static guint
count_matching (librdf_world *world, librdf_model *model, const char *p, const char *o)
{
  librdf_node *pn = librdf_new_node_from_uri_string (world, (const unsigned char *) p);
  librdf_node *on = librdf_new_node_from_uri_string (world, (const unsigned char *) o);
  librdf_statement *pat = librdf_new_statement_from_nodes (world, NULL, pn, on);
  g_autoptr (librdf_stream) st = librdf_model_find_statements (model, pat);
  guint n = 0;
  while (st && !librdf_stream_end (st))
    n++, librdf_stream_next (st);
  librdf_free_statement (pat);
  return n;
}

/* The status of each meeting node (status reports carry ng:status too, so
 * counting ng:status statements would count them as well). */
static void
count_statuses (librdf_world *world, librdf_model *model, NgStats *out)
{
  librdf_node *type = librdf_new_node_from_uri_string (world, (const unsigned char *) NG_RDF_TYPE);
  librdf_node *meeting = librdf_new_node_from_uri_string (world, (const unsigned char *) NG_MEETING);
  librdf_node *status = librdf_new_node_from_uri_string (world, (const unsigned char *) NG_STATUS);
  g_autoptr (librdf_iterator) it = librdf_model_get_sources (model, type, meeting);

  while (it && !librdf_iterator_end (it))
    {
      librdf_node *node = librdf_iterator_get_object (it);
      librdf_node *value = librdf_model_get_target (model, node, status);
      const char *iri = ng_node_iri (value);
      /* a failed meeting took place (ng:Failed, skos:broader ng:Held) */
      if (g_strcmp0 (iri, NG_HELD) == 0 || g_strcmp0 (iri, NG_FAILED) == 0)
        out->meetings_held++;
      else if (g_strcmp0 (iri, NG_PLANNED) == 0)
        out->meetings_planned++;
      else if (g_strcmp0 (iri, NG_CANCELLED) == 0)
        out->meetings_cancelled++;
      if (value)
        librdf_free_node (value);
      librdf_iterator_next (it);
    }
  librdf_free_node (type);
  librdf_free_node (meeting);
  librdf_free_node (status);
}

void
ng_stats_compute (NgStore *store, NgStats *out)
{
  librdf_world *w = ng_store_get_world (store);
  librdf_model *m = ng_store_get_merged (store);

  memset (out, 0, sizeof *out);
  out->articles = ng_store_article_count (store);
  out->persons = count_matching (w, m, NG_RDF_TYPE, NG_SCHEMA_PERSON);
  out->places = count_matching (w, m, NG_RDF_TYPE, NG_SCHEMA_PLACE);
  out->countries = count_matching (w, m, NG_RDF_TYPE, NG_SCHEMA_COUNTRY);
  out->organisations = count_matching (w, m, NG_RDF_TYPE, NG_SCHEMA_ORGANIZATION);
  out->meetings = count_matching (w, m, NG_RDF_TYPE, NG_MEETING);
  count_statuses (w, m, out);
  out->sanctions = count_matching (w, m, NG_RDF_TYPE, NG_SANCTION);
  out->sanction_events = count_matching (w, m, NG_RDF_TYPE, NG_SANCTION_EVENT);
  out->triples = (guint) MAX (ng_store_merged_size (store), 0);
  out->current = ng_store_is_current (store);
}
