/* endpoint-page.c — the query page at / and the example queries it offers
 * (the .rq files of examples/queries, which the tests run too). */
#include "config.h"

#include <string.h>

#include "endpoint.h"
#include "nieuwsgraaf/vocab.h"

static void
example_free (NgExample *e)
{
  g_free (e->name);
  g_free (e->title_nl);
  g_free (e->title_en);
  g_free (e->query);
  g_free (e);
}

/* Where the examples are: next to the reference data in use (NG_DATA_DIR or
 * the source tree), else the installed copy. */
static char *
examples_dir (void)
{
  const char *data = g_getenv ("NG_DATA_DIR");
  const char *candidates[] = { data, NG_SRCDATADIR, NULL };
  for (guint i = 0; i < G_N_ELEMENTS (candidates) - 1; i++)
    if (candidates[i])
      {
        char *d = g_build_filename (candidates[i], "..", "examples", "queries", NULL);
        if (g_file_test (d, G_FILE_TEST_IS_DIR))
          return d;
        g_free (d);
      }
  return g_build_filename (NG_PKGDATADIR, "examples", "queries", NULL);
}

static int
by_name (gconstpointer a, gconstpointer b)
{
  const NgExample *x = *(NgExample *const *) a, *y = *(NgExample *const *) b;
  return strcmp (x->name, y->name);
}

GPtrArray *
ng_examples_load (void)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) example_free);
  g_autofree char *dir = examples_dir ();
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = NULL, *text = NULL;
      g_auto (GStrv) lines = NULL;
      NgExample *e;
      if (!g_str_has_suffix (name, ".rq"))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (!g_file_get_contents (path, &text, NULL, NULL))
        continue;
      e = g_new0 (NgExample, 1);
      lines = g_strsplit (text, "\n", -1);
      for (char **l = lines; *l && **l == '#'; l++)
        {
          if (g_str_has_prefix (*l, "# nl:"))
            e->title_nl = g_strstrip (g_strdup (*l + 5));
          else if (g_str_has_prefix (*l, "# en:"))
            e->title_en = g_strstrip (g_strdup (*l + 5));
        }
      if (e->title_nl == NULL || e->title_en == NULL)
        {
          example_free (e);
          continue;
        }
      e->name = g_strndup (name, strlen (name) - 3);
      e->query = g_steal_pointer (&text);
      g_ptr_array_add (out, e);
    }
  g_ptr_array_sort (out, by_name);
  return out;
}

/* The page runs the query with fetch() and shows a table; without script
 * the form still submits to /sparql as a plain text table. */
static const char page_script[] =
  "<script>\n"
  "const q = document.getElementById('query');\n"
  "document.querySelectorAll('[data-example]').forEach(b => b.addEventListener('click', ev => {\n"
  "  ev.preventDefault(); q.value = document.getElementById(b.dataset.example).textContent; }));\n"
  "document.getElementById('form').addEventListener('submit', async ev => {\n"
  "  ev.preventDefault();\n"
  "  const out = document.getElementById('results');\n"
  "  out.textContent = '…';\n"
  "  const r = await fetch('/sparql', { method: 'POST', headers: {\n"
  "    'Content-Type': 'application/sparql-query', 'Accept': 'application/sparql-results+json' },\n"
  "    body: q.value });\n"
  "  if (!r.ok) { out.textContent = await r.text(); return; }\n"
  "  const j = await r.json();\n"
  "  if ('boolean' in j) { out.textContent = String(j.boolean); return; }\n"
  "  const t = document.createElement('table');\n"
  "  const h = t.insertRow();\n"
  "  j.head.vars.forEach(v => { const c = document.createElement('th'); c.textContent = v; h.appendChild(c); });\n"
  "  j.results.bindings.forEach(b => { const row = t.insertRow();\n"
  "    j.head.vars.forEach(v => { row.insertCell().textContent = b[v] ? b[v].value : ''; }); });\n"
  "  out.replaceChildren(t, document.createTextNode(j.results.bindings.length + ' rows'));\n"
  "});\n"
  "</script>\n";

char *
ng_endpoint_home_page (NgStore *store, GPtrArray *examples)
{
  g_autoptr (GString) ex = g_string_new (NULL);
  g_autoptr (GString) prefixes = g_string_new (NULL);
  int triples = ng_store_merged_size (store);
  g_autofree char *count = triples >= 0
    ? g_strdup_printf ("%d triples in the merged graph", triples)
    : g_strdup ("the merged graph size is unknown");
  const char *first = examples->len ? ((NgExample *) examples->pdata[0])->query
                                    : "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 20\n";
  g_autofree char *first_esc = g_markup_escape_text (first, -1);

  for (const NgPrefix *p = ng_vocab_prefixes (); p->prefix; p++)
    g_string_append_printf (prefixes, "%s<code>%s:</code>", prefixes->len ? ", " : "", p->prefix);
  for (guint i = 0; i < examples->len; i++)
    {
      NgExample *e = examples->pdata[i];
      g_autofree char *nl = g_markup_escape_text (e->title_nl, -1);
      g_autofree char *en = g_markup_escape_text (e->title_en, -1);
      g_autofree char *q = g_markup_escape_text (e->query, -1);
      g_string_append_printf (ex,
        "<li><a href=\"#\" data-example=\"ex-%s\" lang=\"nl\">%s</a> "
        "<span lang=\"en\">(%s)</span>"
        "<pre hidden id=\"ex-%s\">%s</pre></li>\n", e->name, nl, en, e->name, q);
    }
  return g_strdup_printf (
    "<!DOCTYPE html>\n<html lang=\"nl\">\n<head><meta charset=\"utf-8\">"
    "<title>nieuwsgraaf SPARQL</title>\n"
    "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
    "textarea{width:100%%;font-family:monospace}table{border-collapse:collapse}"
    "td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}</style></head>\n"
    "<body>\n<h1>nieuwsgraaf SPARQL endpoint</h1>\n"
    "<p>%s. Voorgedefinieerde prefixen / predeclared prefixes: %s.</p>\n"
    "<h2>Voorbeelden / examples</h2>\n<ul>\n%s</ul>\n"
    "<form id=\"form\" action=\"/sparql\" method=\"get\">\n"
    "<textarea id=\"query\" name=\"query\" rows=\"14\">%s</textarea>\n"
    "<input type=\"hidden\" name=\"format\" value=\"table\">\n"
    "<p><button type=\"submit\">Uitvoeren / run</button></p>\n</form>\n"
    "<div id=\"results\"></div>\n"
    "<p>Endpoint: <code>/sparql</code> (SPARQL 1.1 Protocol; service description at "
    "<code>GET /sparql</code>), graphs at <code>/data?default</code> and "
    "<code>/data?graph=IRI</code>, <code>/health</code>.</p>\n%s"
    "</body>\n</html>\n",
    count, prefixes->str, ex->str, first_esc, page_script);
}
