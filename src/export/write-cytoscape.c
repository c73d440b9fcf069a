/* write-cytoscape.c — Cytoscape.js elements JSON ({"elements": {"nodes",
 * "edges"}}), also what the HTML view hands to cytoscape(). */
#include "config.h"

#include <json-glib/json-glib.h>

#include "nieuwsgraaf/export.h"
#include "export-util.h"

static void
add_values (JsonBuilder *b, const NgAttrDef *defs, char **values)
{
  for (guint i = 0; defs[i].key; i++)
    {
      if (values[i] == NULL)
        continue;
      json_builder_set_member_name (b, defs[i].key);
      if (defs[i].type == NG_ATTR_INT)
        json_builder_add_int_value (b, g_ascii_strtoll (values[i], NULL, 10));
      else if (defs[i].type == NG_ATTR_DOUBLE)
        json_builder_add_double_value (b, g_ascii_strtod (values[i], NULL));
      else
        json_builder_add_string_value (b, values[i]);
    }
}

static void
add_spells (JsonBuilder *b, GArray *spells)
{
  if (spells->len == 0)
    return;
  json_builder_set_member_name (b, "spells");
  json_builder_begin_array (b);
  for (guint i = 0; i < spells->len; i++)
    {
      NgSpell *s = &g_array_index (spells, NgSpell, i);
      json_builder_begin_array (b);
      json_builder_add_string_value (b, s->start);
      json_builder_add_string_value (b, s->end);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
}

JsonNode *
ng_export_cytoscape_node (NgViewGraph *g)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "data");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, "nieuwsgraaf");
  json_builder_set_member_name (b, "view");
  json_builder_add_string_value (b, g->mode == NG_VIEW_PEOPLE ? "people" : "full");
  json_builder_set_member_name (b, "directed");
  json_builder_add_boolean_value (b, g->directed);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "elements");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "nodes");
  json_builder_begin_array (b);
  for (guint i = 0; i < g->nodes->len; i++)
    {
      NgGraphNode *n = g->nodes->pdata[i];
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "group");
      json_builder_add_string_value (b, "nodes");
      json_builder_set_member_name (b, "data");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, n->id);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, n->label);
      add_values (b, ng_view_graph_node_attrs (), n->values);
      add_spells (b, n->spells);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "classes");
      json_builder_add_string_value (b, n->kind);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "edges");
  json_builder_begin_array (b);
  for (guint i = 0; i < g->edges->len; i++)
    {
      NgGraphEdge *e = g->edges->pdata[i];
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "group");
      json_builder_add_string_value (b, "edges");
      json_builder_set_member_name (b, "data");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, e->id);
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, e->source->id);
      json_builder_set_member_name (b, "target");
      json_builder_add_string_value (b, e->target->id);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, e->label);
      add_values (b, ng_view_graph_edge_attrs (), e->values);
      add_spells (b, e->spells);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "classes");
      json_builder_add_string_value (b, e->kind);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

void
ng_export_cytoscape (NgViewGraph *g, GString *out)
{
  g_autoptr (JsonNode) root = ng_export_cytoscape_node (g);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  g_string_append (out, text);
  g_string_append_c (out, '\n');
}
