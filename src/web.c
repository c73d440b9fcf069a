/* web.c — the visual view served by the endpoint:
 *   /graph                     the HTML view (network, facts, timeline)
 *   /graph/elements.json       Cytoscape.js elements
 *   /graph/graph.graphml, /graph/graph.gexf, /graph/graph.dot,
 *   /graph/meetings.csv        the visualizer exports
 * Each accepts the export's filters as query parameters: from, to, person,
 * and view=people|full.  Every answer is generated from the store's merged
 * graph at request time, through the same NgView as `nieuwsgraaf export`. */
#include "config.h"

#include <string.h>

#include "nieuwsgraaf/export.h"
#include "nieuwsgraaf/web.h"

static const struct {
  const char *path;
  NgExportFormat format;
  const char *content_type;
} routes[] = {
  { "/graph", NG_EXPORT_HTML, "text/html; charset=utf-8" },
  { "/graph/", NG_EXPORT_HTML, "text/html; charset=utf-8" },
  { "/graph/elements.json", NG_EXPORT_CYTOSCAPE, "application/json" },
  { "/graph/graph.graphml", NG_EXPORT_GRAPHML, "application/graphml+xml" },
  { "/graph/graph.gexf", NG_EXPORT_GEXF, "application/gexf+xml" },
  { "/graph/graph.dot", NG_EXPORT_DOT, "text/vnd.graphviz; charset=utf-8" },
  { "/graph/meetings.csv", NG_EXPORT_CSV, "text/csv; charset=utf-8" },
};

static void
reply_text (SoupServerMessage *msg, guint status, const char *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_COPY,
                                    text, strlen (text));
}

static void
graph_handler (SoupServer *server, SoupServerMessage *msg, const char *path,
               GHashTable *query, gpointer user_data)
{
  NgStore *store = *(NgStore *const *) user_data;
  const char *method = soup_server_message_get_method (msg);
  NgViewFilter filter = { 0 };
  NgViewMode mode = NG_VIEW_PEOPLE;
  g_autoptr (NgView) view = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) out = NULL;
  gsize len;
  int route = -1;

  (void) server;
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (strcmp (path, routes[i].path) == 0)
      route = (int) i;
  if (route < 0)
    {
      reply_text (msg, SOUP_STATUS_NOT_FOUND, "no such page of the graph view\n");
      return;
    }
  if (strcmp (method, "GET") != 0 && strcmp (method, "HEAD") != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Allow", "GET, HEAD");
      reply_text (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "use GET\n");
      return;
    }
  if (query)
    {
      filter.from = g_hash_table_lookup (query, "from");
      filter.to = g_hash_table_lookup (query, "to");
      filter.person = g_hash_table_lookup (query, "person");
      if (g_hash_table_contains (query, "view")
          && !ng_view_mode_from_name (g_hash_table_lookup (query, "view"), &mode))
        {
          reply_text (msg, SOUP_STATUS_BAD_REQUEST, "view must be people or full\n");
          return;
        }
    }
  view = ng_view_load (ng_store_get_merged (store), &filter, &error);
  out = g_string_new (NULL);
  if (view == NULL || !ng_export_view (view, routes[route].format, mode, out, &error))
    {
      g_autofree char *text = g_strdup_printf ("%s\n", error->message);
      reply_text (msg, g_error_matches (error, NG_EXPORT_ERROR, NG_EXPORT_ERROR_FILTER)
                       ? SOUP_STATUS_BAD_REQUEST : SOUP_STATUS_INTERNAL_SERVER_ERROR,
                  text);
      return;
    }
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-cache");
  len = out->len;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, routes[route].content_type, SOUP_MEMORY_TAKE,
                                    g_string_free (g_steal_pointer (&out), FALSE), len);
}

void
ng_web_register (SoupServer *server, NgStore *const *store)
{
  g_return_if_fail (SOUP_IS_SERVER (server));
  g_return_if_fail (store != NULL && *store != NULL);
  soup_server_add_handler (server, "/graph", graph_handler, (gpointer) store, NULL);
}
