/* test-export.c — the view model and its writers, on a small store built
 * from Dutch sentences: counts per view, filters, and that every format
 * renders the same nodes and edges. */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "nieuwsgraaf/export.h"
#include "nieuwsgraaf/store.h"
#include "test-util.h"

#define BIDEN  "https://w3id.org/nieuwsgraaf/id/person/Q6279"
#define POETIN "https://w3id.org/nieuwsgraaf/id/person/Q7747"
#define XI     "https://w3id.org/nieuwsgraaf/id/person/Q15031"

static NgStore *store;

/* Two articles report the same Genève summit (one meeting after the merge);
 * a third has Macron–Xi in Peking and Xi–Poetin in Moskou. */
static void
build_store (void)
{
  g_autoptr (GError) error = NULL;

  store = ng_store_open (NULL, NG_STORE_MEMORY, &error);
  g_assert_no_error (error);
  ng_test_put (store, "genève-1.txt",
               " date 2021-06-16\nBiden en Poetin in Genève\n\n"
               "De Amerikaanse president Joe Biden heeft woensdag in Genève de "
               "Russische president Vladimir Poetin ontmoet. Het gesprek duurde vier uur.\n");
  ng_test_put (store, "genève-2.txt",
               " date 2021-06-20\nNog eens Genève\n\n"
               "Vorige week ontmoette Joe Biden in Genève Vladimir Poetin.\n");
  ng_test_put (store, "peking.txt",
               " date 2023-04-07\nMacron bij Xi\n\n"
               "De Franse president Emmanuel Macron heeft vrijdag in Peking de Chinese "
               "president Xi Jinping ontmoet. In maart 2023 had Xi Jinping in Moskou al "
               "Vladimir Poetin ontmoet.\n");
  g_assert_true (ng_store_merge (store, &error));
  g_assert_no_error (error);
}

static NgView *
load (const char *from, const char *to, const char *person)
{
  g_autoptr (GError) error = NULL;
  NgViewFilter f = { from, to, person };
  NgView *v = ng_view_load (ng_store_get_merged (store), &f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (v);
  return v;
}

static void
test_free_null (void)
{
  ng_view_free (NULL);
  ng_view_graph_free (NULL);
}

static void
test_model (void)
{
  g_autoptr (NgView) v = load (NULL, NULL, NULL);
  GPtrArray *meetings = ng_view_entities (v, NG_VIEW_KIND_MEETING);
  NgViewEntity *biden = ng_view_lookup (v, BIDEN);
  NgViewEntity *geneve = NULL;

  g_assert_cmpuint (ng_view_entities (v, NG_VIEW_KIND_PERSON)->len, ==, 4);
  g_assert_cmpuint (meetings->len, ==, 3);
  g_assert_nonnull (biden);
  g_assert_cmpstr (biden->name, ==, "Joe Biden");
  g_assert_cmpstr (biden->wikidata, ==, "Q6279");
  g_assert_cmpstr (biden->id, ==, "person/Q6279");
  for (guint i = 0; i < meetings->len; i++)
    {
      NgViewEntity *m = meetings->pdata[i];
      if (g_ptr_array_find (m->attendees, biden, NULL))
        geneve = m;
    }
  /* both articles' mentions are one meeting, with the evidence of both */
  g_assert_nonnull (geneve);
  g_assert_cmpstr (geneve->date, ==, "2021-06-16");
  g_assert_nonnull (geneve->place);
  g_assert_cmpstr (geneve->place->name, ==, "Genève");
  g_assert_cmpstr (geneve->status, ==, "Held");
  g_assert_cmpuint (geneve->attendees->len, ==, 2);
  g_assert_cmpuint (geneve->articles->len, ==, 2);
  g_assert_cmpuint (geneve->evidence->len, ==, 2);
  for (guint i = 0; i < geneve->evidence->len; i++)
    {
      NgViewSentence *s = geneve->evidence->pdata[i];
      g_assert_nonnull (s->text);
      g_assert_true (strstr (s->text, "Biden") != NULL);
      g_assert_nonnull (s->article);
      g_assert_nonnull (s->article->title);
    }
  g_assert_null (ng_view_lookup (v, "https://example.org/nobody"));
}

static NgGraphEdge *
find_edge (NgViewGraph *g, const char *a, const char *b)
{
  for (guint i = 0; i < g->edges->len; i++)
    {
      NgGraphEdge *e = g->edges->pdata[i];
      const char *s = e->source->entity->iri, *t = e->target->entity->iri;
      if ((!strcmp (s, a) && !strcmp (t, b)) || (!strcmp (s, b) && !strcmp (t, a)))
        return e;
    }
  return NULL;
}

static void
test_people_view (void)
{
  g_autoptr (NgView) v = load (NULL, NULL, NULL);
  g_autoptr (NgViewGraph) g = ng_view_graph_new (v, NG_VIEW_PEOPLE);
  NgGraphEdge *e;

  g_assert_false (g->directed);
  g_assert_cmpuint (g->nodes->len, ==, 4);
  g_assert_cmpuint (g->edges->len, ==, 3);
  e = find_edge (g, BIDEN, POETIN);
  g_assert_nonnull (e);
  g_assert_cmpint (e->weight, ==, 1);
  g_assert_cmpstr (e->kind, ==, "met");
  g_assert_cmpuint (e->spells->len, ==, 1);
  g_assert_cmpstr (g_array_index (e->spells, NgSpell, 0).start, ==, "2021-06-16");
  e = find_edge (g, XI, POETIN);
  g_assert_nonnull (e);
  /* "maart 2023": a month, so the spell covers the month */
  g_assert_cmpstr (g_array_index (e->spells, NgSpell, 0).start, ==, "2023-03-01");
  g_assert_cmpstr (g_array_index (e->spells, NgSpell, 0).end, ==, "2023-03-31");
}

static void
test_full_view (void)
{
  g_autoptr (NgView) v = load (NULL, NULL, NULL);
  g_autoptr (NgViewGraph) g = ng_view_graph_new (v, NG_VIEW_FULL);
  guint meetings = 0, attendee = 0, location = 0;

  g_assert_true (g->directed);
  for (guint i = 0; i < g->nodes->len; i++)
    meetings += !strcmp (((NgGraphNode *) g->nodes->pdata[i])->kind, "meeting");
  for (guint i = 0; i < g->edges->len; i++)
    {
      NgGraphEdge *e = g->edges->pdata[i];
      attendee += !strcmp (e->kind, "attendee");
      location += !strcmp (e->kind, "location");
    }
  g_assert_cmpuint (meetings, ==, 3);
  g_assert_cmpuint (attendee, ==, 6);
  g_assert_cmpuint (location, ==, 3);
}

static void
test_filters (void)
{
  g_autoptr (GError) error = NULL;
  NgViewFilter bad = { "juni", NULL, NULL }, nobody = { NULL, NULL, "Jan Modaal" };

  {
    g_autoptr (NgView) v = load ("2022", NULL, NULL);
    g_autoptr (NgViewGraph) g = ng_view_graph_new (v, NG_VIEW_PEOPLE);
    g_assert_cmpuint (ng_view_entities (v, NG_VIEW_KIND_MEETING)->len, ==, 2);
    g_assert_cmpuint (g->nodes->len, ==, 3);   /* Biden met nobody after 2021 */
    g_assert_cmpuint (g->edges->len, ==, 2);
  }
  {
    /* a month overlaps a day filter inside it */
    g_autoptr (NgView) v = load ("2023-03-15", "2023-03-15", NULL);
    g_assert_cmpuint (ng_view_entities (v, NG_VIEW_KIND_MEETING)->len, ==, 1);
  }
  {
    g_autoptr (NgView) v = load (NULL, NULL, "xi jinping");
    g_autoptr (NgViewGraph) g = ng_view_graph_new (v, NG_VIEW_PEOPLE);
    g_assert_cmpuint (g->nodes->len, ==, 3);
    g_assert_cmpuint (g->edges->len, ==, 2);
    g_assert_null (ng_view_lookup (v, BIDEN));
  }
  g_assert_null (ng_view_load (ng_store_get_merged (store), &bad, &error));
  g_assert_error (error, NG_EXPORT_ERROR, NG_EXPORT_ERROR_FILTER);
  g_clear_error (&error);
  g_assert_null (ng_view_load (ng_store_get_merged (store), &nobody, &error));
  g_assert_error (error, NG_EXPORT_ERROR, NG_EXPORT_ERROR_FILTER);
}

static guint
count (const char *haystack, const char *needle)
{
  guint n = 0;
  for (const char *p = haystack; (p = strstr (p, needle)); p++)
    n++;
  return n;
}

/* Each writer shows the same nodes and edges as the graph it renders. */
static void
test_writers_agree (void)
{
  g_autoptr (NgView) v = load (NULL, NULL, NULL);

  for (NgViewMode mode = NG_VIEW_PEOPLE; mode <= NG_VIEW_FULL; mode++)
    {
      g_autoptr (NgViewGraph) g = ng_view_graph_new (v, mode);
      g_autoptr (GString) graphml = g_string_new (NULL);
      g_autoptr (GString) gexf = g_string_new (NULL);
      g_autoptr (GString) dot = g_string_new (NULL);
      g_autoptr (GString) cy = g_string_new (NULL);
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      JsonObject *elements;

      ng_export_graphml (g, graphml);
      ng_export_gexf (g, gexf);
      ng_export_dot (g, dot);
      ng_export_cytoscape (g, cy);
      g_assert_cmpuint (count (graphml->str, "<node "), ==, g->nodes->len);
      g_assert_cmpuint (count (graphml->str, "<edge "), ==, g->edges->len);
      g_assert_cmpuint (count (gexf->str, "<node "), ==, g->nodes->len);
      g_assert_cmpuint (count (gexf->str, "<edge "), ==, g->edges->len);
      g_assert_cmpuint (count (dot->str, mode == NG_VIEW_FULL ? " -> " : " -- "), ==,
                        g->edges->len);
      g_assert_true (g_str_has_prefix (dot->str, mode == NG_VIEW_FULL ? "digraph" : "graph"));
      g_assert_true (json_parser_load_from_data (parser, cy->str, -1, &error));
      g_assert_no_error (error);
      elements = json_object_get_object_member (
          json_node_get_object (json_parser_get_root (parser)), "elements");
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (elements, "nodes")),
                        ==, g->nodes->len);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (elements, "edges")),
                        ==, g->edges->len);
    }
}

static void
test_csv (void)
{
  g_autoptr (NgView) v = load (NULL, NULL, NULL);
  g_autoptr (GString) out = g_string_new (NULL);

  ng_export_csv (v, out);
  g_assert_true (g_str_has_prefix (out->str, "meeting,date,place,participants,status,sources"));
  g_assert_cmpuint (count (out->str, "\r\n"), ==, 1 + 3);
  g_assert_nonnull (strstr (out->str, ",2021-06-16,Genève,Joe Biden; Vladimir Poetin,Held,"));
}

static void
test_jsonld (void)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root;

  g_assert_true (ng_export_jsonld (ng_store_get_merged (store), out, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, out->str, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (root, "@context"));
  g_assert_true (json_object_has_member (json_object_get_object_member (root, "@context"),
                                         "attendee"));
  g_assert_nonnull (strstr (out->str, "\"@id\" : \"id:person/Q6279\""));
  g_assert_nonnull (strstr (out->str, "\"Meeting\""));
}

static void
test_html (void)
{
  g_autoptr (NgView) v = load (NULL, NULL, NULL);
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  const char *data, *end;

  g_assert_true (ng_export_view (v, NG_EXPORT_HTML, NG_VIEW_FULL, out, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (out->str, "<!DOCTYPE html>"));
  g_assert_null (strstr (out->str, "@NG_"));        /* every slot filled */
  g_assert_nonnull (strstr (out->str, "cytoscape"));
  /* the data block holds the evidence and cannot end its <script> early */
  data = strstr (out->str, "<script type=\"application/json\" id=\"ng-data\">");
  g_assert_nonnull (data);
  end = strstr (data, "</script>");
  g_assert_nonnull (g_strstr_len (data, end - data, "Vorige week ontmoette Joe Biden"));
}

static void
test_names (void)
{
  NgExportFormat f;
  NgViewMode m;
  g_assert_true (ng_export_format_from_name ("gexf", &f) && f == NG_EXPORT_GEXF);
  g_assert_false (ng_export_format_from_name ("pdf", &f));
  g_assert_false (ng_export_format_from_name (NULL, &f));
  g_assert_true (ng_view_mode_from_name ("full", &m) && m == NG_VIEW_FULL);
  g_assert_false (ng_view_mode_from_name ("all", &m));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  build_store ();
  g_test_add_func ("/export/free-null", test_free_null);
  g_test_add_func ("/export/model", test_model);
  g_test_add_func ("/export/people-view", test_people_view);
  g_test_add_func ("/export/full-view", test_full_view);
  g_test_add_func ("/export/filters", test_filters);
  g_test_add_func ("/export/writers-agree", test_writers_agree);
  g_test_add_func ("/export/csv", test_csv);
  g_test_add_func ("/export/jsonld", test_jsonld);
  g_test_add_func ("/export/html", test_html);
  g_test_add_func ("/export/names", test_names);
  status = g_test_run ();
  ng_store_free (store);
  return status;
}
