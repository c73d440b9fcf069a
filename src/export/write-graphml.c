/* write-graphml.c — GraphML with typed keys (networkx, Cytoscape, yEd). */
#include "config.h"

#include "nieuwsgraaf/export.h"
#include "export-util.h"

static const char *
graphml_type (NgAttrType t)
{
  return t == NG_ATTR_INT ? "int" : t == NG_ATTR_DOUBLE ? "double" : "string";
}

static void
write_keys (GString *out, const char *domain, const char *prefix, const NgAttrDef *defs)
{
  g_string_append_printf (out, "  <key id=\"%s_label\" for=\"%s\" attr.name=\"label\" "
                          "attr.type=\"string\"/>\n", prefix, domain);
  for (const NgAttrDef *d = defs; d->key; d++)
    g_string_append_printf (out, "  <key id=\"%s_%s\" for=\"%s\" attr.name=\"%s\" "
                            "attr.type=\"%s\"/>\n", prefix, d->key, domain, d->key,
                            graphml_type (d->type));
}

static void
write_data (GString *out, const char *prefix, const char *label,
            const NgAttrDef *defs, char **values)
{
  if (label)
    {
      g_string_append_printf (out, "      <data key=\"%s_label\">", prefix);
      ng_xml_escape_append (out, label);
      g_string_append (out, "</data>\n");
    }
  for (guint i = 0; defs[i].key; i++)
    if (values[i])
      {
        g_string_append_printf (out, "      <data key=\"%s_%s\">", prefix, defs[i].key);
        ng_xml_escape_append (out, values[i]);
        g_string_append (out, "</data>\n");
      }
}

void
ng_export_graphml (NgViewGraph *g, GString *out)
{
  const NgAttrDef *na = ng_view_graph_node_attrs ();
  const NgAttrDef *ea = ng_view_graph_edge_attrs ();

  g_string_append (out,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
    "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
    "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
    "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
  write_keys (out, "node", "n", na);
  write_keys (out, "edge", "e", ea);
  g_string_append_printf (out, "  <graph id=\"nieuwsgraaf-%s\" edgedefault=\"%s\">\n",
                          g->mode == NG_VIEW_PEOPLE ? "people" : "full",
                          g->directed ? "directed" : "undirected");
  for (guint i = 0; i < g->nodes->len; i++)
    {
      NgGraphNode *n = g->nodes->pdata[i];
      g_string_append (out, "    <node id=\"");
      ng_xml_escape_append (out, n->id);
      g_string_append (out, "\">\n");
      write_data (out, "n", n->label, na, n->values);
      g_string_append (out, "    </node>\n");
    }
  for (guint i = 0; i < g->edges->len; i++)
    {
      NgGraphEdge *e = g->edges->pdata[i];
      g_string_append_printf (out, "    <edge id=\"%s\" source=\"", e->id);
      ng_xml_escape_append (out, e->source->id);
      g_string_append (out, "\" target=\"");
      ng_xml_escape_append (out, e->target->id);
      g_string_append (out, "\">\n");
      write_data (out, "e", e->label, ea, e->values);
      g_string_append (out, "    </edge>\n");
    }
  g_string_append (out, "  </graph>\n</graphml>\n");
}
