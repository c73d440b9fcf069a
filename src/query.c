/* query.c — SPARQL over the merged graph.
 *
 * Queries are parsed by Rasqal first.  Rasqal 0.9.33 evaluates some forms
 * wrongly (OPTIONAL after a multi-triple pattern returns rows of other
 * solutions, BIND after a pattern loses rows, YEAR/MONTH/DAY of an xsd:date
 * are unbound); those forms are refused with a clear error instead of being
 * answered wrongly, until nieuwsgraaf's own evaluator handles them. */
#include "config.h"

#include <string.h>
#include <rasqal.h>

#include "nieuwsgraaf/query.h"
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

typedef struct {
  GString *messages;
} ParseLog;

static void
parse_log (void *user_data, raptor_log_message *msg)
{
  ParseLog *log = user_data;
  if (msg->level < RAPTOR_LOG_LEVEL_ERROR || log->messages->len > 0)
    return;
  if (msg->locator && msg->locator->line > 0)
    g_string_append_printf (log->messages, "line %d: ", msg->locator->line);
  g_string_append (log->messages, msg->text ? msg->text : "syntax error");
}

typedef struct {
  const char *problem;
} Guard;

static int
visit_expr (void *user_data, rasqal_expression *e)
{
  Guard *g = user_data;
  switch (e->op)
    {
    case RASQAL_EXPR_YEAR:
    case RASQAL_EXPR_MONTH:
    case RASQAL_EXPR_DAY:
      g->problem = "YEAR(), MONTH() and DAY() (the query engine leaves them "
                   "unbound for xsd:date values); compare the date as a string, "
                   "e.g. FILTER(STRSTARTS(STR(?date), \"2019\"))";
      return 1;
    default:
      return 0;
    }
}

static void
check_pattern (rasqal_graph_pattern *gp, Guard *g)
{
  rasqal_expression *filter;
  if (gp == NULL || g->problem)
    return;
  switch (rasqal_graph_pattern_get_operator (gp))
    {
    case RASQAL_GRAPH_PATTERN_OPERATOR_OPTIONAL:
      g->problem = "OPTIONAL (the query engine returns wrong rows for it); "
                   "run the optional part as a query of its own";
      return;
    case RASQAL_GRAPH_PATTERN_OPERATOR_LET:
      g->problem = "BIND (the query engine loses rows after a pattern); "
                   "compute the value in the SELECT clause instead";
      return;
    case RASQAL_GRAPH_PATTERN_OPERATOR_MINUS:
      g->problem = "MINUS";
      return;
    case RASQAL_GRAPH_PATTERN_OPERATOR_SERVICE:
      g->problem = "SERVICE (federated queries)";
      return;
    default:
      break;
    }
  filter = rasqal_graph_pattern_get_filter_expression (gp);
  if (filter)
    rasqal_expression_visit (filter, visit_expr, g);
  for (int i = 0; !g->problem; i++)
    {
      rasqal_graph_pattern *sub = rasqal_graph_pattern_get_sub_graph_pattern (gp, i);
      if (sub == NULL)
        break;
      check_pattern (sub, g);
    }
}

static void
check_expressions (rasqal_query *q, Guard *g)
{
  raptor_sequence *vars = rasqal_query_get_bound_variable_sequence (q);
  rasqal_expression *e;
  for (int i = 0; vars && !g->problem && i < raptor_sequence_size (vars); i++)
    {
      rasqal_variable *v = raptor_sequence_get_at (vars, i);
      if (v && v->expression)
        rasqal_expression_visit (v->expression, visit_expr, g);
    }
  for (int i = 0; !g->problem && (e = rasqal_query_get_order_condition (q, i)); i++)
    rasqal_expression_visit (e, visit_expr, g);
  for (int i = 0; !g->problem && (e = rasqal_query_get_group_condition (q, i)); i++)
    rasqal_expression_visit (e, visit_expr, g);
  for (int i = 0; !g->problem && (e = rasqal_query_get_having_condition (q, i)); i++)
    rasqal_expression_visit (e, visit_expr, g);
}

/* The prefixes go on the first line, so that line numbers in messages are
 * those of the user's query. */
static char *
with_prologue (const char *query)
{
  g_autofree char *pro = g_strdup (ng_vocab_sparql_prologue ());
  g_strdelimit (pro, "\n", ' ');
  return g_strconcat (pro, query, NULL);
}

gboolean
ng_query_check (librdf_world *world, const char *query, GError **error)
{
  rasqal_world *rw;
  rasqal_query *q;
  ParseLog log = { g_string_new (NULL) };
  Guard guard = { NULL };
  g_autofree char *text = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (query != NULL, FALSE);
  if (!g_utf8_validate (query, -1, NULL))
    {
      g_set_error (error, NG_QUERY_ERROR, NG_QUERY_ERROR_SYNTAX,
                   "the query is not valid UTF-8");
      g_string_free (log.messages, TRUE);
      return FALSE;
    }
  text = with_prologue (query);
  rw = rasqal_new_world ();
  rasqal_world_open (rw);
  rasqal_world_set_log_handler (rw, &log, parse_log);
  q = rasqal_new_query (rw, "sparql11-query", NULL);
  if (q == NULL)
    q = rasqal_new_query (rw, "sparql", NULL);
  if (rasqal_query_prepare (q, (const unsigned char *) text, NULL) != 0)
    {
      g_set_error (error, NG_QUERY_ERROR, NG_QUERY_ERROR_SYNTAX,
                   "malformed query: %s",
                   log.messages->len ? log.messages->str : "syntax error");
      ok = FALSE;
    }
  else
    {
      rasqal_query_verb verb = rasqal_query_get_verb (q);
      if (verb != RASQAL_QUERY_VERB_SELECT && verb != RASQAL_QUERY_VERB_ASK
          && verb != RASQAL_QUERY_VERB_CONSTRUCT && verb != RASQAL_QUERY_VERB_DESCRIBE)
        guard.problem = "updates (this is a read-only query service)";
      check_pattern (rasqal_query_get_query_graph_pattern (q), &guard);
      if (!guard.problem)
        check_expressions (q, &guard);
      if (guard.problem)
        {
          g_set_error (error, NG_QUERY_ERROR, NG_QUERY_ERROR_UNSUPPORTED,
                       "not supported yet: %s", guard.problem);
          ok = FALSE;
        }
    }
  rasqal_free_query (q);
  rasqal_free_world (rw);
  g_string_free (log.messages, TRUE);
  return ok;
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

NgQueryResult *
ng_query_run (NgStore *store, const char *query, const char *format,
              GError **error)
{
  librdf_world *world = ng_store_get_world (store);
  g_autofree char *text = NULL;
  g_autoptr (librdf_query) q = NULL;
  g_autoptr (librdf_query_results) res = NULL;
  g_autoptr (NgQueryResult) out = g_new0 (NgQueryResult, 1);
  unsigned char *body = NULL;
  size_t len = 0;

  if (format == NULL)
    format = "json";
  if (!known_format (format))
    {
      g_set_error (error, NG_QUERY_ERROR, NG_QUERY_ERROR_FORMAT,
                   "unknown result format “%s” (json, xml, csv, tsv, table; "
                   "turtle, ntriples, rdfxml for graphs)", format);
      return NULL;
    }
  if (!ng_query_check (world, query, error))
    return NULL;

  text = with_prologue (query);
  ng_rdf_take_error ();
  q = librdf_new_query (world, "sparql", NULL, (const unsigned char *) text, NULL);
  if (q)
    res = librdf_model_query_execute (ng_store_get_merged (store), q);
  if (res == NULL)
    {
      g_autofree char *why = ng_rdf_take_error ();
      g_set_error (error, NG_QUERY_ERROR, NG_QUERY_ERROR_EXECUTION,
                   "the query failed%s%s", why ? ": " : "", why ? why : "");
      return NULL;
    }

  if (librdf_query_results_is_graph (res))
    {
      gboolean graph_fmt = strcmp (format, "turtle") == 0
                           || strcmp (format, "ntriples") == 0
                           || strcmp (format, "rdfxml") == 0;
      const char *f = graph_fmt ? format : "turtle";
      const char *ser_name = strcmp (f, "rdfxml") == 0 ? "rdfxml-abbrev" : f;
      g_autoptr (librdf_serializer) ser = librdf_new_serializer (world, ser_name,
                                                                 NULL, NULL);
      g_autoptr (librdf_stream) st = librdf_query_results_as_stream (res);
      for (const NgPrefix *p = ng_vocab_prefixes (); ser && p->prefix; p++)
        {
          librdf_uri *u = librdf_new_uri (world, (const unsigned char *) p->iri);
          librdf_serializer_set_namespace (ser, u, p->prefix);
          librdf_free_uri (u);
        }
      out->content_type = content_type_of (f);
      if (ser == NULL)
        {
          g_set_error (error, NG_QUERY_ERROR, NG_QUERY_ERROR_FORMAT,
                       "no %s serializer available", f);
          return NULL;
        }
      if (st == NULL)  /* an empty graph */
        {
          out->body = g_strdup ("");
          return g_steal_pointer (&out);
        }
      body = librdf_serializer_serialize_stream_to_counted_string (ser, NULL, st, &len);
    }
  else
    {
      const char *f = format;
      if (strcmp (f, "turtle") == 0 || strcmp (f, "ntriples") == 0
          || strcmp (f, "rdfxml") == 0)
        f = "json";
      body = librdf_query_results_to_counted_string2 (res, f, NULL, NULL, NULL, &len);
      out->content_type = content_type_of (f);
    }
  if (body == NULL)
    {
      g_autofree char *why = ng_rdf_take_error ();
      g_set_error (error, NG_QUERY_ERROR, NG_QUERY_ERROR_EXECUTION,
                   "cannot format the results as %s%s%s", format,
                   why ? ": " : "", why ? why : "");
      return NULL;
    }
  out->body = g_strndup ((const char *) body, len);
  out->length = len;
  librdf_free_memory (body);
  return g_steal_pointer (&out);
}
