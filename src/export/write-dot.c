/* write-dot.c — Graphviz DOT: readable labels, one cluster per kind in the
 * full view, line width by number of meetings in the people view. */
#include "config.h"

#include <string.h>

#include "nieuwsgraaf/export.h"
#include "export-util.h"

/* S as a DOT double-quoted string */
static void
quote (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s ? s : ""; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
write_node (GString *out, NgGraphNode *n, const char *indent)
{
  g_autofree char *label = g_strdup (n->label);
  char *comma;

  /* "Ontmoeting 2021-06-16, Genève" reads better on two lines */
  if (strcmp (n->kind, "meeting") == 0 && (comma = strstr (label, ", ")))
    comma[0] = '\n', memmove (comma + 1, comma + 2, strlen (comma + 2) + 1);
  g_string_append (out, indent);
  quote (out, n->id);
  g_string_append (out, " [label=");
  quote (out, label);
  g_string_append_printf (out, ", fillcolor=\"%s\"", ng_kind_colour (n->kind));
  if (strcmp (n->kind, "meeting") == 0)
    g_string_append (out, ", shape=box");
  else if (strcmp (n->kind, "place") == 0)
    g_string_append (out, ", shape=house");
  else if (strcmp (n->kind, "sanction") == 0)
    g_string_append (out, ", shape=octagon");
  else if (strcmp (n->kind, "organisation") == 0)
    g_string_append (out, ", shape=component");
  g_string_append (out, ", tooltip=");
  quote (out, n->entity->iri);
  g_string_append (out, "];\n");
}

void
ng_export_dot (NgViewGraph *g, GString *out)
{
  static const char *const kinds[] = { "person", "organisation", "place", "meeting", "sanction" };
  const char *arrow = g->directed ? "->" : "--";

  g_string_append_printf (out, "%s nieuwsgraaf {\n", g->directed ? "digraph" : "graph");
  g_string_append (out,
    "  graph [fontname=\"DejaVu Sans\", overlap=false, splines=true, "
    "label=\"nieuwsgraaf\", labelloc=t];\n"
    "  node [fontname=\"DejaVu Sans\", fontsize=10, style=filled, fontcolor=white, "
    "shape=ellipse];\n"
    "  edge [fontname=\"DejaVu Sans\", fontsize=8, color=\"#777777\"];\n");
  if (g->directed)
    g_string_append (out, "  rankdir=LR;\n");
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      gboolean any = FALSE;
      for (guint i = 0; i < g->nodes->len; i++)
        {
          NgGraphNode *n = g->nodes->pdata[i];
          if (strcmp (n->kind, kinds[k]) != 0)
            continue;
          if (!any && g->mode == NG_VIEW_FULL)
            g_string_append_printf (out, "  subgraph cluster_%s {\n    label=\"%s\";\n"
                                    "    style=rounded; color=\"#cccccc\";\n",
                                    kinds[k], ng_kind_title (kinds[k]));
          any = TRUE;
          write_node (out, n, g->mode == NG_VIEW_FULL ? "    " : "  ");
        }
      if (any && g->mode == NG_VIEW_FULL)
        g_string_append (out, "  }\n");
    }
  for (guint i = 0; i < g->edges->len; i++)
    {
      NgGraphEdge *e = g->edges->pdata[i];
      g_string_append (out, "  ");
      quote (out, e->source->id);
      g_string_append_printf (out, " %s ", arrow);
      quote (out, e->target->id);
      g_string_append (out, " [label=");
      quote (out, e->label);
      if (g->mode == NG_VIEW_PEOPLE)
        {
          g_autofree char *tip = g_strdup_printf ("%s%s%s",
                                                  e->values[2] ? e->values[2] : "",
                                                  e->values[3] ? " — " : "",
                                                  e->values[3] ? e->values[3] : "");
          g_string_append_printf (out, ", penwidth=%d, tooltip=", MIN (1 + e->weight, 8));
          quote (out, tip);
        }
      g_string_append (out, "];\n");
    }
  g_string_append (out, "}\n");
}
