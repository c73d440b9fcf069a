/* write-gexf.c — GEXF 1.3 for Gephi.  The graph is dynamic: meetings (and
 * the edges they make) carry their dates as spells, so Gephi's timeline
 * plays who met whom; persons, places and regimes have no spell and stay. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "nieuwsgraaf/export.h"
#include "export-util.h"

static const char *
gexf_type (NgAttrType t)
{
  return t == NG_ATTR_INT ? "integer" : t == NG_ATTR_DOUBLE ? "double" : "string";
}

/* weight is GEXF's own edge attribute; declaring it again would clash */
static gboolean
native (const NgAttrDef *d)
{
  return strcmp (d->key, "weight") == 0;
}

static void
write_attributes (GString *out, const char *klass, const NgAttrDef *defs)
{
  g_string_append_printf (out, "    <attributes class=\"%s\">\n", klass);
  for (const NgAttrDef *d = defs; d->key; d++)
    if (!native (d))
      g_string_append_printf (out, "      <attribute id=\"%s\" title=\"%s\" type=\"%s\"/>\n",
                              d->key, d->key, gexf_type (d->type));
  g_string_append (out, "    </attributes>\n");
}

static void
write_values (GString *out, const NgAttrDef *defs, char **values, GArray *spells)
{
  g_string_append (out, "        <attvalues>\n");
  for (guint i = 0; defs[i].key; i++)
    if (values[i] && !native (&defs[i]))
      {
        g_string_append_printf (out, "          <attvalue for=\"%s\" value=\"", defs[i].key);
        ng_xml_escape_append (out, values[i]);
        g_string_append (out, "\"/>\n");
      }
  g_string_append (out, "        </attvalues>\n");
  if (spells->len == 0)
    return;
  g_string_append (out, "        <spells>\n");
  for (guint i = 0; i < spells->len; i++)
    {
      NgSpell *s = &g_array_index (spells, NgSpell, i);
      g_string_append_printf (out, "          <spell start=\"%s\" end=\"%s\"/>\n",
                              s->start, s->end);
    }
  g_string_append (out, "        </spells>\n");
}

void
ng_export_gexf (NgViewGraph *g, GString *out)
{
  const NgAttrDef *na = ng_view_graph_node_attrs ();
  const NgAttrDef *ea = ng_view_graph_edge_attrs ();

  g_string_append_printf (out,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\"\n"
    "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
    "    xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\"\n"
    "    version=\"1.3\">\n"
    "  <meta>\n    <creator>nieuwsgraaf " PACKAGE_VERSION "</creator>\n"
    "    <description>%s</description>\n  </meta>\n"
    "  <graph defaultedgetype=\"%s\" mode=\"dynamic\" timeformat=\"date\">\n",
    g->mode == NG_VIEW_PEOPLE ? "who met whom: persons, an edge per pair who met"
                              : "persons, places, organisations, meetings and sanction regimes",
    g->directed ? "directed" : "undirected");
  write_attributes (out, "node", na);
  write_attributes (out, "edge", ea);
  g_string_append (out, "    <nodes>\n");
  for (guint i = 0; i < g->nodes->len; i++)
    {
      NgGraphNode *n = g->nodes->pdata[i];
      unsigned rgb = (unsigned) strtoul (ng_kind_colour (n->kind) + 1, NULL, 16);
      g_string_append (out, "      <node id=\"");
      ng_xml_escape_append (out, n->id);
      g_string_append (out, "\" label=\"");
      ng_xml_escape_append (out, n->label);
      g_string_append (out, "\">\n");
      write_values (out, na, n->values, n->spells);
      g_string_append_printf (out, "        <viz:color r=\"%u\" g=\"%u\" b=\"%u\"/>\n",
                              rgb >> 16, (rgb >> 8) & 0xff, rgb & 0xff);
      g_string_append (out, "      </node>\n");
    }
  g_string_append (out, "    </nodes>\n    <edges>\n");
  for (guint i = 0; i < g->edges->len; i++)
    {
      NgGraphEdge *e = g->edges->pdata[i];
      g_string_append_printf (out, "      <edge id=\"%s\" source=\"", e->id);
      ng_xml_escape_append (out, e->source->id);
      g_string_append (out, "\" target=\"");
      ng_xml_escape_append (out, e->target->id);
      g_string_append_printf (out, "\" weight=\"%d\" label=\"", e->weight);
      ng_xml_escape_append (out, e->label);
      g_string_append (out, "\">\n");
      write_values (out, ea, e->values, e->spells);
      g_string_append (out, "      </edge>\n");
    }
  g_string_append (out, "    </edges>\n  </graph>\n</gexf>\n");
}
