/* export.c — the visualizer formats by name, and the helpers they share. */
#include "config.h"

#include <string.h>

#include "nieuwsgraaf/export.h"
#include "export-util.h"

static const struct { const char *name; NgExportFormat format; } formats[] = {
  { "graphml", NG_EXPORT_GRAPHML },
  { "gexf", NG_EXPORT_GEXF },
  { "dot", NG_EXPORT_DOT },
  { "cytoscape", NG_EXPORT_CYTOSCAPE },
  { "csv", NG_EXPORT_CSV },
  { "html", NG_EXPORT_HTML },
};

gboolean
ng_export_format_from_name (const char *name, NgExportFormat *format)
{
  for (guint i = 0; name && i < G_N_ELEMENTS (formats); i++)
    if (strcmp (name, formats[i].name) == 0)
      {
        *format = formats[i].format;
        return TRUE;
      }
  return FALSE;
}

gboolean
ng_view_mode_from_name (const char *name, NgViewMode *mode)
{
  if (g_strcmp0 (name, "people") == 0)
    *mode = NG_VIEW_PEOPLE;
  else if (g_strcmp0 (name, "full") == 0)
    *mode = NG_VIEW_FULL;
  else
    return FALSE;
  return TRUE;
}

gboolean
ng_export_view (NgView *view, NgExportFormat format, NgViewMode mode,
                GString *out, GError **error)
{
  g_autoptr (NgViewGraph) graph = NULL;

  switch (format)
    {
    case NG_EXPORT_CSV:
      ng_export_csv (view, out);
      return TRUE;
    case NG_EXPORT_HTML:
      return ng_export_html (view, out, error);
    default:
      break;
    }
  graph = ng_view_graph_new (view, mode);
  switch (format)
    {
    case NG_EXPORT_GRAPHML:
      ng_export_graphml (graph, out);
      break;
    case NG_EXPORT_GEXF:
      ng_export_gexf (graph, out);
      break;
    case NG_EXPORT_DOT:
      ng_export_dot (graph, out);
      break;
    case NG_EXPORT_CYTOSCAPE:
      ng_export_cytoscape (graph, out);
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

void
ng_xml_escape_append (GString *out, const char *s)
{
  g_autofree char *e = NULL;
  if (s == NULL)
    return;
  e = g_markup_escape_text (s, -1);
  g_string_append (out, e);
}

void
ng_csv_field_append (GString *out, const char *s)
{
  if (s == NULL)
    return;
  if (strpbrk (s, ",\"\r\n") == NULL)
    {
      g_string_append (out, s);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = s; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static const struct { const char *kind, *colour, *title; } kinds[] = {
  { "person", "#4e79a7", "Personen" },
  { "organisation", "#59a14f", "Organisaties" },
  { "place", "#f28e2b", "Plaatsen" },
  { "meeting", "#e15759", "Ontmoetingen" },
  { "sanction", "#b07aa1", "Sanctieregimes" },
};

const char *
ng_kind_colour (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i].kind) == 0)
      return kinds[i].colour;
  return "#9c9c9c";
}

const char *
ng_kind_title (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i].kind) == 0)
      return kinds[i].title;
  return kind;
}
