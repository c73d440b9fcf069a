/* query.c — SPARQL over the store.
 *
 * The merged graph is the default graph and the article graphs are the
 * named graphs.  Queries are parsed by Rasqal and evaluated by nieuwsgraaf's
 * engine (src/sparql/): Rasqal 0.9.33's own evaluation returns wrong rows
 * for OPTIONAL after multi-triple patterns, loses rows for BIND and leaves
 * YEAR() of an xsd:date unbound.  What the engine cannot answer (property
 * paths, SERVICE, updates) is refused with a message. */
#include "config.h"

#include <string.h>

#include "nieuwsgraaf/query.h"
#include "nieuwsgraaf/sparql.h"
#include "nieuwsgraaf/vocab.h"
#include "rdf-util.h"

G_DEFINE_QUARK (ng-query-error-quark, ng_query_error)

void
ng_query_result_free (NgQueryResult *r)
{
  if (r == NULL)
    return;
  g_free (r->body);
  g_free (r);
}

static void
map_error (GError **error, GError *e)
{
  int code;
  if (e == NULL)
    return;
  switch (e->code)
    {
    case NG_SPARQL_ERROR_SYNTAX: code = NG_QUERY_ERROR_SYNTAX; break;
    case NG_SPARQL_ERROR_UNSUPPORTED: code = NG_QUERY_ERROR_UNSUPPORTED; break;
    case NG_SPARQL_ERROR_TIMEOUT: code = NG_QUERY_ERROR_TIMEOUT; break;
    case NG_SPARQL_ERROR_FORMAT: code = NG_QUERY_ERROR_FORMAT; break;
    case NG_SPARQL_ERROR_LIMIT: code = NG_QUERY_ERROR_LIMIT; break;
    default: code = NG_QUERY_ERROR_EXECUTION; break;
    }
  g_set_error_literal (error, NG_QUERY_ERROR, code, e->message);
  g_error_free (e);
}

/* Whether QUERY is a SPARQL Update request: its first keyword after the
 * prologue.  Told apart before Rasqal parses, which leaks memory when its
 * query parser meets update syntax. */
static gboolean
is_update (const char *query)
{
  static const char *const verbs[] = { "INSERT", "DELETE", "LOAD", "CLEAR", "CREATE",
                                       "DROP", "COPY", "MOVE", "ADD", "WITH", NULL };
  g_autoptr (GRegex) decl = g_regex_new (
    "^(\\s+|#[^\\n]*|(?i:PREFIX)\\s*[^\\s:]*:\\s*<[^>]*>|(?i:BASE)\\s*<[^>]*>)", 0, 0, NULL);
  const char *p = query;
  for (;;)
    {
      g_autoptr (GMatchInfo) mi = NULL;
      int end;
      if (!g_regex_match (decl, p, 0, &mi) || !g_match_info_fetch_pos (mi, 0, NULL, &end) || end == 0)
        break;
      p += end;
    }
  for (guint i = 0; verbs[i]; i++)
    if (g_ascii_strncasecmp (p, verbs[i], strlen (verbs[i])) == 0
        && !g_ascii_isalnum (p[strlen (verbs[i])]))
      return TRUE;
  return FALSE;
}

static NgSparqlQuery *
parse (librdf_world *world, const char *query, GError **error)
{
  GError *e = NULL;
  if (is_update (query))
    {
      g_set_error (error, NG_QUERY_ERROR, NG_QUERY_ERROR_UPDATE,
                   "SPARQL Update is not run as a query: use “nieuwsgraaf update” or the "
                   "endpoint started with an update token");
      return NULL;
    }
  NgSparqlQuery *q = ng_sparql_query_new (world, query, ng_vocab_sparql_prologue (),
                                          NULL, &e);
  if (q == NULL)
    {
      map_error (error, e);
      return NULL;
    }
  if (ng_sparql_query_get_form (q) == NG_SPARQL_UPDATE)
    {
      g_set_error (error, NG_QUERY_ERROR, NG_QUERY_ERROR_UPDATE,
                   "SPARQL Update is not run as a query: use “nieuwsgraaf update” or the "
                   "endpoint started with an update token");
      ng_sparql_query_free (q);
      return NULL;
    }
  return q;
}

gboolean
ng_query_check (librdf_world *world, const char *query, GError **error)
{
  g_autoptr (NgSparqlQuery) q = NULL;
  g_return_val_if_fail (query != NULL, FALSE);
  q = parse (world, query, error);
  return q != NULL;
}

static const struct {
  const char *name;
  const char *content_type;
  gboolean graph;
} formats[] = {
  { "json", "application/sparql-results+json", FALSE },
  { "xml", "application/sparql-results+xml", FALSE },
  { "csv", "text/csv; charset=utf-8", FALSE },
  { "tsv", "text/tab-separated-values; charset=utf-8", FALSE },
  { "table", "text/plain; charset=utf-8", FALSE },
  { "turtle", "text/turtle; charset=utf-8", TRUE },
  { "ntriples", "application/n-triples", TRUE },
  { "rdfxml", "application/rdf+xml", TRUE },
};

const char *
ng_query_format_for_accept (const char *accept, gboolean graph)
{
  static const struct { const char *mime; const char *format; } mimes[] = {
    { "application/sparql-results+json", "json" },
    { "application/json", "json" },
    { "application/sparql-results+xml", "xml" },
    { "application/xml", "xml" },
    { "text/xml", "xml" },
    { "text/csv", "csv" },
    { "text/tab-separated-values", "tsv" },
    { "text/plain", "table" },
    { "text/turtle", "turtle" },
    { "application/x-turtle", "turtle" },
    { "application/n-triples", "ntriples" },
    { "application/rdf+xml", "rdfxml" },
  };
  g_auto (GStrv) parts = NULL;

  if (accept == NULL || *accept == '\0')
    return graph ? "turtle" : "json";
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (accept, formats[i].name) == 0)
      return formats[i].name;
  parts = g_strsplit (accept, ",", -1);
  for (char **p = parts; *p; p++)
    {
      g_autofree char *mime = g_strstrip (g_strdup (*p));
      char *semi = strchr (mime, ';');
      if (semi)
        *semi = '\0';
      g_strstrip (mime);
      if (strcmp (mime, "*/*") == 0 || strcmp (mime, "application/*") == 0)
        return graph ? "turtle" : "json";
      for (guint i = 0; i < G_N_ELEMENTS (mimes); i++)
        if (g_ascii_strcasecmp (mime, mimes[i].mime) == 0)
          {
            /* a graph asked for in a results format, or the reverse, falls
               back to the default of its kind */
            for (guint k = 0; k < G_N_ELEMENTS (formats); k++)
              if (strcmp (formats[k].name, mimes[i].format) == 0
                  && formats[k].graph == graph)
                return mimes[i].format;
          }
      if (strcmp (mime, "text/*") == 0)
        return graph ? "turtle" : "csv";
    }
  return NULL;
}

static const char *
content_type_of (const char *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (strcmp (formats[i].name, format) == 0)
      return formats[i].content_type;
  return "application/octet-stream";
}

static gboolean
known_format (const char *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (strcmp (formats[i].name, format) == 0)
      return TRUE;
  return FALSE;
}

/* The default graph named by default-graph-uri: an in-memory merge of the
 * listed graphs. */
static gboolean
build_default (NgStore *store, const char *const *iris, librdf_storage **st_out,
               librdf_model **m_out, GError **error)
{
  librdf_world *world = ng_store_get_world (store);
  librdf_storage *st = librdf_new_storage (world, "hashes", NULL, "hash-type='memory'");
  librdf_model *m = st ? librdf_new_model (world, st, NULL) : NULL;
  if (m == NULL)
    {
      if (st)
        librdf_free_storage (st);
      g_set_error (error, NG_QUERY_ERROR, NG_QUERY_ERROR_EXECUTION,
                   "cannot create the default graph");
      return FALSE;
    }
  for (const char *const *g = iris; *g; g++)
    {
      librdf_stream *s = NULL;
      if (strcmp (*g, NG_QUERY_MERGED_GRAPH) == 0)
        s = librdf_model_as_stream (ng_store_get_merged (store));
      else
        {
          librdf_model *articles = ng_store_get_articles (store);
          librdf_node *ctx = librdf_new_node_from_uri_string (world, (const unsigned char *) *g);
          if (articles && ctx)
            s = librdf_model_context_as_stream (articles, ctx);
          if (ctx)
            librdf_free_node (ctx);
        }
      if (s)
        {
          librdf_model_add_statements (m, s);
          librdf_free_stream (s);
        }
    }
  *st_out = st;
  *m_out = m;
  return TRUE;
}

/* FROM / FROM NAMED: the merged graph (NG_QUERY_MERGED_GRAPH) or an
 * article graph, as a model of its own (its storage goes with it). */
static librdf_model *
load_graph (void *user_data, const char *iri)
{
  NgStore *store = user_data;
  librdf_world *world = ng_store_get_world (store);
  librdf_storage *st = librdf_new_storage (world, "hashes", NULL, "hash-type='memory'");
  librdf_model *m = st ? librdf_new_model (world, st, NULL) : NULL;
  librdf_stream *s = NULL;
  if (st)
    librdf_free_storage (st);  /* the model holds a reference */
  if (m == NULL)
    return NULL;
  if (strcmp (iri, NG_QUERY_MERGED_GRAPH) == 0)
    s = librdf_model_as_stream (ng_store_get_merged (store));
  else
    {
      librdf_model *articles = ng_store_get_articles (store);
      librdf_node *ctx = librdf_new_node_from_uri_string (world, (const unsigned char *) iri);
      if (articles && ctx)
        s = librdf_model_context_as_stream (articles, ctx);
      if (ctx)
        librdf_free_node (ctx);
    }
  if (s)
    {
      librdf_model_add_statements (m, s);
      librdf_free_stream (s);
    }
  return m;
}

static gboolean
mentions_graphs (const char *query)
{
  g_autofree char *up = g_ascii_strup (query, -1);
  return strstr (up, "GRAPH") != NULL;
}

NgQueryResult *
ng_query_run_full (NgStore *store, const char *query, const char *format,
                   const NgQueryOptions *options, GError **error)
{
  librdf_world *world = ng_store_get_world (store);
  NgQueryOptions none = { 0 };
  g_autoptr (NgSparqlQuery) q = NULL;
  g_autoptr (NgSparqlResults) res = NULL;
  g_autoptr (NgQueryResult) out = g_new0 (NgQueryResult, 1);
  librdf_storage *def_st = NULL;
  librdf_model *def = NULL;
  NgSparqlDataset ds = { world, NULL, NULL, NULL, load_graph, store };
  GError *e = NULL;
  const char *f;
  gsize len = 0;

  if (options == NULL)
    options = &none;
  if (format == NULL)
    format = "json";
  if (!known_format (format))
    {
      g_set_error (error, NG_QUERY_ERROR, NG_QUERY_ERROR_FORMAT,
                   "unknown result format “%s” (json, xml, csv, tsv, table; "
                   "turtle, ntriples, rdfxml for graphs)", format);
      return NULL;
    }
  q = parse (world, query, error);
  if (q == NULL)
    return NULL;
  if (options->default_graphs
      && !build_default (store, options->default_graphs, &def_st, &def, error))
    return NULL;
  ds.default_graph = def ? def : ng_store_get_merged (store);
  if (options->named_graphs || mentions_graphs (query))
    ds.named = ng_store_get_articles (store);
  ds.named_graphs = options->named_graphs;
  ng_sparql_query_set_max_solutions (q, options->max_solutions);
  res = ng_sparql_query_execute (q, &ds, options->deadline, options->cancel, &e);
  if (res == NULL)
    map_error (error, e);
  else
    {
      gboolean graph = ng_sparql_results_get_form (res) == NG_SPARQL_CONSTRUCT
                       || ng_sparql_results_get_form (res) == NG_SPARQL_DESCRIBE;
      gboolean graph_fmt = strcmp (format, "turtle") == 0 || strcmp (format, "ntriples") == 0
                           || strcmp (format, "rdfxml") == 0;
      /* a graph asked for in a results format comes as Turtle, bindings
         asked for in a graph format as JSON */
      f = graph ? (graph_fmt ? format : "turtle") : (graph_fmt ? "json" : format);
      out->body = ng_sparql_results_write (res, f, &len, &e);
      if (out->body == NULL)
        map_error (error, e);
      out->length = len;
      out->content_type = content_type_of (f);
    }
  g_clear_pointer (&res, ng_sparql_results_free);
  if (def)
    librdf_free_model (def);
  if (def_st)
    librdf_free_storage (def_st);
  if (out->body == NULL)
    return NULL;
  return g_steal_pointer (&out);
}

NgQueryResult *
ng_query_run (NgStore *store, const char *query, const char *format,
              GError **error)
{
  return ng_query_run_full (store, query, format, NULL, error);
}
