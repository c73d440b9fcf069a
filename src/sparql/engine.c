/* engine.c — parsing (Rasqal, with FILTER (NOT) EXISTS cut out first),
 * evaluation set-up (dataset, FROM / FROM NAMED) and the query forms. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "eval.h"

G_DEFINE_QUARK (ng-sparql-error-quark, ng_sparql_error)


/* ------------------------------------------------------------ parsing */

typedef struct {
  GString *message;
} ParseLog;

static void
parse_log (void *user_data, raptor_log_message *msg)
{
  ParseLog *log = user_data;
  if (log == NULL || msg->level < RAPTOR_LOG_LEVEL_ERROR || log->message->len > 0)
    return;
  if (msg->locator && msg->locator->line > 0)
    {
      g_string_append_printf (log->message, "line %d", msg->locator->line);
      if (msg->locator->column > 0)
        g_string_append_printf (log->message, ", column %d", msg->locator->column);
      g_string_append (log->message, ": ");
    }
  g_string_append (log->message, msg->text ? msg->text : "syntax error");
}

static void
silent_log (void *user_data, raptor_log_message *msg)
{
}

/* Skips a string, IRI or comment starting at P; returns the position after
 * it, or P when there is none there. */
const char *
ng_sparql_skip_token (const char *p)
{
  if (*p == '"' || *p == '\'')
    {
      char q = *p;
      gboolean longq = p[1] == q && p[2] == q;
      p += longq ? 3 : 1;
      while (*p)
        {
          if (*p == '\\' && p[1])
            p += 2;
          else if (*p == q && (!longq || (p[1] == q && p[2] == q)))
            return p + (longq ? 3 : 1);
          else
            p++;
        }
      return p;
    }
  if (*p == '<')
    {
      const char *e = p + 1;
      while (*e && *e != '>' && !strchr (" \t\r\n<\"{}|^`\\", *e))
        e++;
      return *e == '>' ? e + 1 : p;
    }
  if (*p == '#')
    {
      while (*p && *p != '\n')
        p++;
      return p;
    }
  return p;
}

gboolean
ng_sparql_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == ':' || c == '?' || c == '$' || c == '-';
}

/* Copies TEXT, calling CUT at every whole word WORD outside strings, IRIs
 * and comments: CUT appends a replacement to OUT and returns where the
 * copy goes on, or NULL to keep the word.  What is cut goes into PARTS;
 * the newlines of what is cut are kept, so that positions in Rasqal's
 * messages stay those of TEXT. */
char *
ng_sparql_cut_keyword (const char *text, const char *word, NgCutFunc cut, GPtrArray *parts)
{
  GString *out = g_string_new (NULL);
  gsize wlen = strlen (word);
  const char *p = text;
  while (*p)
    {
      const char *after = ng_sparql_skip_token (p);
      if (after != p)
        {
          g_string_append_len (out, p, after - p);
          p = after;
          continue;
        }
      if ((p == text || !ng_sparql_word_char (p[-1])) && g_ascii_strncasecmp (p, word, wlen) == 0
          && !ng_sparql_word_char (p[wlen]))
        {
          const char *end = cut (out, p, parts);
          if (end)
            {
              for (const char *c = p; c < end; c++)
                if (*c == '\n')
                  g_string_append_c (out, '\n');
              p = end;
              continue;
            }
        }
      g_string_append_c (out, *p);
      p++;
    }
  return g_string_free (out, FALSE);
}

/* The end of the balanced bracket group opening at P ('(' or '{'), or
 * NULL. */
const char *
ng_sparql_balanced_end (const char *p)
{
  char open = *p, close = open == '(' ? ')' : '}';
  int depth = 0;
  while (*p)
    {
      const char *a = ng_sparql_skip_token (p);
      if (a != p)
        {
          p = a;
          continue;
        }
      if (*p == open)
        depth++;
      else if (*p == close && --depth == 0)
        return p + 1;
      p++;
    }
  return NULL;
}

/* The end of the constraint of a FILTER whose text continues at P. */
static const char *
constraint_end (const char *p)
{
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '(')
    return ng_sparql_balanced_end (p);
  if (g_ascii_strncasecmp (p, "NOT", 3) == 0 && !ng_sparql_word_char (p[3]))
    {
      p += 3;
      while (g_ascii_isspace (*p))
        p++;
    }
  if (g_ascii_strncasecmp (p, "EXISTS", 6) == 0 && !ng_sparql_word_char (p[6]))
    {
      p += 6;
      while (g_ascii_isspace (*p))
        p++;
      return *p == '{' ? ng_sparql_balanced_end (p) : NULL;
    }
  /* a function call: a name or <IRI>, then its arguments */
  if (*p == '<')
    p = ng_sparql_skip_token (p);
  else
    while (ng_sparql_word_char (*p) && *p != '?' && *p != '$')
      p++;
  while (g_ascii_isspace (*p))
    p++;
  return *p == '(' ? ng_sparql_balanced_end (p) : NULL;
}

/* EXISTS { … } at P (a NOT just before it is taken from OUT): replaced by
 * BOUND(?__ng_exists_N), the group text goes to PATTERNS. */
static const char *
cut_one_exists (GString *out, const char *p, GPtrArray *patterns)
{
  const char *open = p + 6, *end;
  gboolean negated = FALSE;
  gsize len = out->len;
  while (g_ascii_isspace (*open))
    open++;
  if (*open != '{' || (end = ng_sparql_balanced_end (open)) == NULL)
    return NULL;
  while (len > 0 && g_ascii_isspace (out->str[len - 1]))
    len--;
  if (len >= 3 && g_ascii_strncasecmp (out->str + len - 3, "NOT", 3) == 0
      && (len == 3 || !ng_sparql_word_char (out->str[len - 4])))
    {
      negated = TRUE;
      g_string_truncate (out, len - 3);
    }
  g_string_append_printf (out, "%sBOUND(?" NG_EXISTS_VAR "%u)%s", negated ? "(!" : "",
                          patterns->len, negated ? ")" : "");
  g_ptr_array_add (patterns, g_strndup (open, (gsize) (end - open)));
  return end;
}

/* Cuts every FILTER (NOT) EXISTS { … } out of TEXT into PATTERNS (the
 * group texts) and returns the rewritten text. */
static char *
cut_exists (const char *text, GPtrArray *patterns)
{
  return ng_sparql_cut_keyword (text, "EXISTS", cut_one_exists, patterns);
}

/* FILTER at P: replaced by two marker BINDs (a BIND, not a triple, so that
 * Rasqal does not merge its group into the parent; two, because Rasqal
 * merges a group of one element into its parent, which would widen the
 * filter's scope). */
static const char *
cut_one_filter (GString *out, const char *p, GPtrArray *filters)
{
  const char *end = constraint_end (p + 6);
  if (end == NULL)
    return NULL;
  g_string_append_printf (out, "BIND(<" NG_FILTER_MARK "%u> AS ?" NG_FILTER_VAR "%u) "
                          "BIND(<" NG_FILTER_MARK "%u> AS ?" NG_FILTER_PAD "%u)",
                          filters->len, filters->len, filters->len, filters->len);
  g_ptr_array_add (filters, g_strndup (p, (gsize) (end - p)));
  return end;
}

/* Cuts every FILTER out of TEXT into FILTERS and puts a marker
 * BIND(<urn:nieuwsgraaf:filter#N> AS ?__ng_filter_N) in its place.
 * Rasqal's prepare step turns a FILTER in a nested group that mentions a
 * variable not bound there into false, which is wrong for BOUND, COALESCE,
 * IF, || and EXISTS; cut out, each filter is parsed on its own and applied
 * by nieuwsgraaf to the solutions of its group. */
static char *
cut_filters (const char *text, GPtrArray *filters)
{
  return ng_sparql_cut_keyword (text, "FILTER", cut_one_filter, filters);
}

/* PREFIX and BASE declarations of TEXT, for the EXISTS patterns. */
char *
ng_sparql_declarations (const char *text)
{
  g_autoptr (GRegex) re = g_regex_new ("(?i)\\b(PREFIX\\s+[^\\s:]*:\\s*<[^>]*>|BASE\\s*<[^>]*>)",
                                       0, 0, NULL);
  g_autoptr (GMatchInfo) mi = NULL;
  GString *out = g_string_new (NULL);
  g_regex_match (re, text, 0, &mi);
  while (g_match_info_matches (mi))
    {
      g_autofree char *m = g_match_info_fetch (mi, 0);
      g_string_append (out, m);
      g_string_append_c (out, ' ');
      g_match_info_next (mi, NULL);
    }
  return g_string_free (out, FALSE);
}

/* A \\u or \\U escape at P has its 4 or 8 hex digits (a backslash pair
 * is no escape). */
static gboolean
escape_ok (const char *p)
{
  int want = p[1] == 'u' ? 4 : p[1] == 'U' ? 8 : 0;
  for (int i = 0; i < want; i++)
    if (!g_ascii_isxdigit (p[2 + i]))
      return FALSE;
  return TRUE;
}

/* Rasqal 0.9.33's lexer reads past a \\u or \\U escape that lacks its hex
 * digits and crashes (found by fuzz-query): such a query is refused here,
 * with its line.  Escapes in comments are no escapes. */
static gboolean
escapes_ok (const char *text, GError **error)
{
  guint line = 1;
  const char *p = text;
  while (*p)
    {
      const char *end = ng_sparql_skip_token (p);
      const char *q = p, *stop = end != p ? end : p + 1;
      if (*p == '#' && end != p)
        stop = q = end;                  /* a comment */
      for (; q < stop; q++)
        {
          if (*q == '\\' && (q[1] == 'u' || q[1] == 'U') && !escape_ok (q))
            {
              g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_SYNTAX,
                           "malformed query: line %u: \\%c needs %d hexadecimal digits",
                           line, q[1], q[1] == 'u' ? 4 : 8);
              return FALSE;
            }
          if (*q == '\\' && q[1])
            q++;                         /* a backslash pair or another escape */
        }
      for (const char *c = p; c < stop; c++)
        line += *c == '\n';
      p = stop;
    }
  return TRUE;
}

void
ng_sparql_query_free (NgSparqlQuery *q)
{
  if (q == NULL)
    return;
  if (q->rq)
    rasqal_free_query (q->rq);
  if (q->exists)
    g_ptr_array_unref (q->exists);
  if (q->filters)
    g_ptr_array_unref (q->filters);
  if (q->paths)
    g_ptr_array_unref (q->paths);
  g_free (q->base);
  g_free (q);
}

static NgSparqlQuery *parse_query (librdf_world *world, const char *text,
                                    const char *prologue, const char *base,
                                    const char *language, gboolean cut,
                                    GError **error);

NgSparqlQuery *
ng_sparql_query_new (librdf_world *world, const char *text, const char *prologue,
                     const char *base, GError **error)
{
  return parse_query (world, text, prologue, base, "sparql11-query", TRUE, error);
}

NgSparqlQuery *
ng_sparql_parse (librdf_world *world, const char *text, const char *prologue,
                 const char *base, const char *language, GError **error)
{
  return parse_query (world, text, prologue, base, language, TRUE, error);
}

/* With CUT, the FILTERs are cut out (not in the query of a filter).
 * LANGUAGE is Rasqal's: "sparql11-query" or "sparql11-update". */
static NgSparqlQuery *
parse_query (librdf_world *world, const char *text, const char *prologue,
             const char *base, const char *language, gboolean cut, GError **error)
{
  rasqal_world *rw = librdf_world_get_rasqal (world);
  g_autoptr (NgSparqlQuery) q = g_new0 (NgSparqlQuery, 1);
  g_autoptr (GPtrArray) patterns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) filters = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *unfiltered = NULL;
  g_autofree char *pro = g_strdup (prologue ? prologue : "");
  g_autofree char *body = NULL, *full = NULL, *decls = NULL;
  raptor_uri *base_uri = NULL;
  ParseLog log = { g_string_new (NULL) };
  int rc;

  g_return_val_if_fail (text != NULL, NULL);
  if (rasqal_version_major != 0 || rasqal_version_minor != 9 || rasqal_version_release != 33)
    {
      /* rasqal-private.h mirrors 0.9.33's structures */
      g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_UNSUPPORTED,
                   "this build needs Rasqal 0.9.33, not %s", rasqal_version_string);
      g_string_free (log.message, TRUE);
      return NULL;
    }
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_SYNTAX,
                   "the query is not valid UTF-8");
      g_string_free (log.message, TRUE);
      return NULL;
    }
  if (!escapes_ok (text, error) || (prologue && !escapes_ok (prologue, error)))
    {
      g_string_free (log.message, TRUE);
      return NULL;
    }
  q->world = world;
  q->base = g_strdup (base);
  q->exists = g_ptr_array_new_with_free_func ((GDestroyNotify) ng_sparql_query_free);
  q->filters = g_ptr_array_new_with_free_func ((GDestroyNotify) ng_sparql_query_free);
  g_strdelimit (pro, "\r\n", ' ');
  unfiltered = cut ? cut_filters (text, filters) : g_strdup (text);
  body = cut_exists (unfiltered, patterns);
  q->paths = g_ptr_array_new_with_free_func ((GDestroyNotify) ng_path_free);
  {
    g_autofree char *joined = g_strconcat (pro, body, NULL);
    full = ng_paths_rewrite (world, joined, base, q->paths);
  }
  q->rq = rasqal_new_query (rw, language, NULL);
  if (q->rq == NULL && strcmp (language, "sparql11-query") == 0)
    q->rq = rasqal_new_query (rw, "sparql", NULL);
  if (base)
    base_uri = raptor_new_uri (rasqal_world_get_raptor (rw), (const unsigned char *) base);
  rasqal_world_set_log_handler (rw, &log, parse_log);
  rc = rasqal_query_prepare (q->rq, (const unsigned char *) full, base_uri);
  rasqal_world_set_log_handler (rw, NULL, silent_log);
  if (base_uri)
    raptor_free_uri (base_uri);
  if (rc != 0)
    {
      g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_SYNTAX,
                   "malformed %s: %s", strstr (language, "update") ? "update" : "query",
                   log.message->len ? log.message->str : "syntax error");
      g_string_free (log.message, TRUE);
      return NULL;
    }
  g_string_free (log.message, TRUE);

  decls = ng_sparql_declarations (body);
  {
    /* the query's own BASE, for IRI() and relative IRIs in expressions */
    g_autoptr (GRegex) re = g_regex_new ("(?i)\\bBASE\\s*<([^>]*)>", 0, 0, NULL);
    g_autoptr (GMatchInfo) mi = NULL;
    if (g_regex_match (re, body, 0, &mi))
      {
        g_autofree char *rel = g_match_info_fetch (mi, 1);
        raptor_world *raptor = rasqal_world_get_raptor (rw);
        raptor_uri *b0 = base ? raptor_new_uri (raptor, (const unsigned char *) base) : NULL;
        raptor_uri *abs = b0 ? raptor_new_uri_relative_to_base (raptor, b0, (const unsigned char *) rel)
                             : raptor_new_uri (raptor, (const unsigned char *) rel);
        if (abs)
          {
            g_free (q->base);
            q->base = g_strdup ((const char *) raptor_uri_as_string (abs));
            raptor_free_uri (abs);
          }
        if (b0)
          raptor_free_uri (b0);
      }
  }
  for (guint i = 0; i < patterns->len; i++)
    {
      g_autofree char *sub_text = g_strconcat ("SELECT * WHERE ", (char *) patterns->pdata[i], NULL);
      g_autofree char *sub_pro = g_strconcat (pro, decls, NULL);
      NgSparqlQuery *sub = parse_query (world, sub_text, sub_pro, base, "sparql11-query", TRUE, error);
      if (sub == NULL)
        return NULL;
      g_ptr_array_add (q->exists, sub);
    }
  for (guint i = 0; i < filters->len; i++)
    {
      g_autofree char *sub_text = g_strconcat ("SELECT * WHERE { ", (char *) filters->pdata[i], " }", NULL);
      g_autofree char *sub_pro = g_strconcat (pro, decls, NULL);
      NgSparqlQuery *sub = parse_query (world, sub_text, sub_pro, base, "sparql11-query", FALSE, error);
      if (sub == NULL)
        return NULL;
      g_ptr_array_add (q->filters, sub);
    }
  return g_steal_pointer (&q);
}

NgSparqlForm
ng_sparql_query_get_form (NgSparqlQuery *q)
{
  switch (rasqal_query_get_verb (q->rq))
    {
    case RASQAL_QUERY_VERB_SELECT: return NG_SPARQL_SELECT;
    case RASQAL_QUERY_VERB_ASK: return NG_SPARQL_ASK;
    case RASQAL_QUERY_VERB_CONSTRUCT: return NG_SPARQL_CONSTRUCT;
    case RASQAL_QUERY_VERB_DESCRIBE: return NG_SPARQL_DESCRIBE;
    default: return NG_SPARQL_UPDATE;
    }
}

/* ------------------------------------------------------------ set-up */

static librdf_model *
memory_model (NgEval *ev, gboolean contexts)
{
  librdf_storage *st = librdf_new_storage (ev->world, "hashes", NULL,
                                           contexts ? "hash-type='memory',contexts='yes'"
                                                    : "hash-type='memory'");
  librdf_model *m = st ? librdf_new_model (ev->world, st, NULL) : NULL;
  if (m == NULL)
    {
      if (st)
        librdf_free_storage (st);
      return NULL;
    }
  /* freed in reverse order: the model before its storage */
  g_ptr_array_add (ev->owned_models, st);
  g_ptr_array_add (ev->owned_models, m);
  return m;
}

static gboolean
apply_from (NgEval *ev)
{
  raptor_sequence *graphs = rasqal_query_get_data_graph_sequence (ev->query);
  librdf_model *def = NULL, *named = NULL;
  if (graphs == NULL || raptor_sequence_size (graphs) == 0)
    return TRUE;
  if (ev->ds->load_graph == NULL)
    {
      ng_eval_fail (ev, NG_SPARQL_ERROR_UNSUPPORTED,
                    "FROM and FROM NAMED are not supported here; the dataset "
                    "is fixed (use default-graph-uri / named-graph-uri)");
      return FALSE;
    }
  def = memory_model (ev, FALSE);
  named = memory_model (ev, TRUE);
  for (int i = 0; i < raptor_sequence_size (graphs); i++)
    {
      rasqal_data_graph *dg = raptor_sequence_get_at (graphs, i);
      const char *iri = (const char *) raptor_uri_as_string (dg->uri);
      librdf_model *m = ev->ds->load_graph (ev->ds->load_user_data, iri);
      librdf_stream *st;
      if (m == NULL)
        {
          ng_eval_fail (ev, NG_SPARQL_ERROR_EXECUTION, "cannot load graph <%s>", iri);
          return FALSE;
        }
      st = librdf_model_as_stream (m);
      if (dg->flags == RASQAL_DATA_GRAPH_NAMED)
        {
          librdf_node *ctx = librdf_new_node_from_uri (ev->world,
                                                       (librdf_uri *) (dg->name_uri ? dg->name_uri : dg->uri));
          if (st)
            librdf_model_context_add_statements (named, ctx, st);
          librdf_free_node (ctx);
        }
      else if (st)
        librdf_model_add_statements (def, st);
      if (st)
        librdf_free_stream (st);
      librdf_free_model (m);
    }
  ev->default_model = def;
  ev->named_model = named;
  return TRUE;
}

gboolean
ng_eval_init (NgEval *ev, NgSparqlQuery *q, const NgSparqlDataset *ds)
{
  raptor_sequence *named, *anon;
  ev->world = ds->world;
  ev->rw = librdf_world_get_rasqal (ds->world);
  ev->q = q;
  ev->query = q->rq;
  ev->ds = ds;
  ev->ec = rasqal_new_evaluation_context (ev->rw, NULL, RASQAL_COMPARE_XQUERY);
  if (q->base)
    {
      raptor_uri *b = raptor_new_uri (rasqal_world_get_raptor (ev->rw), (const unsigned char *) q->base);
      rasqal_evaluation_context_set_base_uri (ev->ec, b);
      raptor_free_uri (b);
    }
  ev->agg_slots = g_hash_table_new (NULL, NULL);
  ev->owned_models = g_ptr_array_new ();
  ev->default_model = ds->default_graph;
  ev->named_model = ds->named;
  named = rasqal_query_get_all_variable_sequence (q->rq);
  anon = rasqal_query_get_anonymous_variable_sequence (q->rq);
  ev->n_named = named ? (guint) raptor_sequence_size (named) : 0;
  ev->width = ev->n_named + (anon ? (guint) raptor_sequence_size (anon) : 0);
  /* one spare slot that nothing binds */
  ev->width++;
  ev->slot_vars = g_ptr_array_new ();
  g_ptr_array_set_size (ev->slot_vars, ev->width);
  ev->var_slots = g_hash_table_new (NULL, NULL);
  for (int i = 0; named && i < raptor_sequence_size (named); i++)
    {
      rasqal_variable *v = raptor_sequence_get_at (named, i);
      ev->slot_vars->pdata[i] = v;
      g_hash_table_insert (ev->var_slots, v, GUINT_TO_POINTER (i + 1));
    }
  for (int i = 0; anon && i < raptor_sequence_size (anon); i++)
    {
      rasqal_variable *v = raptor_sequence_get_at (anon, i);
      ev->slot_vars->pdata[ev->n_named + i] = v;
      g_hash_table_insert (ev->var_slots, v, GUINT_TO_POINTER (ev->n_named + i + 1));
    }
  return apply_from (ev);
}

static void
free_sub_evals (GPtrArray *evals)
{
  if (evals == NULL)
    return;
  for (guint i = 0; i < evals->len; i++)
    if (evals->pdata[i])
      {
        NgEval *inner = evals->pdata[i];
        /* the models are the outer evaluation's */
        inner->default_model = inner->named_model = NULL;
        ng_eval_clear (inner);
        g_free (inner);
      }
  g_ptr_array_unref (evals);
}

void
ng_eval_clear (NgEval *ev)
{
  free_sub_evals (ev->exists_evals);
  free_sub_evals (ev->filter_evals);
  g_free (ev->outer_map);
  /* values set on Rasqal's variables hold references; drop them */
  for (guint i = 0; ev->slot_vars && i < ev->slot_vars->len; i++)
    if (ev->slot_vars->pdata[i])
      rasqal_variable_set_value (ev->slot_vars->pdata[i], NULL);
  for (guint i = ev->owned_models ? ev->owned_models->len : 0; i > 0; i -= 2)
    {
      librdf_free_model (ev->owned_models->pdata[i - 1]);
      librdf_free_storage (ev->owned_models->pdata[i - 2]);
    }
  if (ev->owned_models)
    g_ptr_array_unref (ev->owned_models);
  if (ev->slot_vars)
    g_ptr_array_unref (ev->slot_vars);
  if (ev->agg_slots)
    g_hash_table_unref (ev->agg_slots);
  if (ev->var_slots)
    g_hash_table_unref (ev->var_slots);
  if (ev->ec)
    rasqal_free_evaluation_context (ev->ec);
  if (ev->regex_cache)
    g_hash_table_unref (ev->regex_cache);
  g_clear_error (&ev->error);
}

/* ------------------------------------------------------------ forms */

static GPtrArray *
solve_query (NgEval *ev, gboolean project, GPtrArray **vars)
{
  rasqal_query *rq = ev->query;
  ng_rasqal_bindings values = { 1, rq, rasqal_query_get_bindings_variables_sequence (rq),
                                rasqal_query_get_bindings_rows_sequence (rq) };
  return ng_eval_solve (ev, rasqal_query_get_query_graph_pattern (rq),
                        project ? rasqal_query_get_bound_variable_sequence (rq) : NULL,
                        project ? rasqal_query_get_wildcard (rq) : TRUE,
                        project ? rasqal_query_get_distinct (rq) : 0,
                        rasqal_query_get_order_conditions_sequence (rq),
                        rasqal_query_get_group_conditions_sequence (rq),
                        rasqal_query_get_having_conditions_sequence (rq),
                        rasqal_query_get_limit (rq), rasqal_query_get_offset (rq),
                        values.variables ? &values : NULL, vars);
}

/* The node for template position L under ROW; blank nodes are fresh per
 * solution. */
static librdf_node *
template_node (NgEval *ev, rasqal_literal *l, NgRow *row, guint rowno)
{
  rasqal_variable *v = ng_eval_var_of (l);
  if (v)
    {
      guint s = ng_eval_slot (ev, v);
      if (v->type == RASQAL_VARIABLE_TYPE_ANONYMOUS)
        {
          g_autofree char *id = g_strdup_printf ("c%u_%s", rowno, v->name);
          return librdf_new_node_from_blank_identifier (ev->world, (const unsigned char *) id);
        }
      return s < row->n && row->v[s] ? ng_term_to_node (ev, row->v[s]) : NULL;
    }
  if (l->type == RASQAL_LITERAL_BLANK)
    {
      g_autofree char *id = g_strdup_printf ("c%u_%s", rowno, l->string);
      return librdf_new_node_from_blank_identifier (ev->world, (const unsigned char *) id);
    }
  return ng_term_to_node (ev, l);
}

static void
add_triple (librdf_model *m, librdf_node *s, librdf_node *p, librdf_node *o)
{
  if (s && p && o && !librdf_node_is_literal (s) && librdf_node_is_resource (p))
    {
      librdf_model_add (m, s, p, o);
      return;
    }
  if (s) librdf_free_node (s);
  if (p) librdf_free_node (p);
  if (o) librdf_free_node (o);
}

static void
construct (NgEval *ev, GPtrArray *bag, NgSparqlResults *res)
{
  rasqal_triple *t;
  for (guint r = 0; r < bag->len; r++)
    for (int i = 0; (t = rasqal_query_get_construct_triple (ev->query, i)); i++)
      add_triple (res->graph, template_node (ev, t->subject, bag->pdata[r], r),
                  template_node (ev, t->predicate, bag->pdata[r], r),
                  template_node (ev, t->object, bag->pdata[r], r));
}

static void
describe (NgEval *ev, GPtrArray *bag, NgSparqlResults *res)
{
  raptor_sequence *seq = rasqal_query_get_describe_sequence (ev->query);
  g_autoptr (GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) librdf_free_node);
  for (int i = 0; seq && i < raptor_sequence_size (seq); i++)
    {
      rasqal_literal *l = raptor_sequence_get_at (seq, i);
      rasqal_variable *v = ng_eval_var_of (l);
      if (v == NULL)
        {
          librdf_node *n = ng_term_to_node (ev, l);
          if (n)
            g_ptr_array_add (nodes, n);
          continue;
        }
      for (guint r = 0; r < bag->len; r++)
        {
          NgRow *row = bag->pdata[r];
          guint s = ng_eval_slot (ev, v);
          if (s < row->n && row->v[s])
            g_ptr_array_add (nodes, ng_term_to_node (ev, row->v[s]));
        }
    }
  for (guint i = 0; i < nodes->len && ev->default_model; i++)
    {
      librdf_node *n = nodes->pdata[i];
      librdf_statement *pat;
      librdf_stream *st;
      if (n == NULL || librdf_node_is_literal (n))
        continue;
      pat = librdf_new_statement_from_nodes (ev->world, librdf_new_node_from_node (n), NULL, NULL);
      st = librdf_model_find_statements (ev->default_model, pat);
      if (st)
        {
          librdf_model_add_statements (res->graph, st);
          librdf_free_stream (st);
        }
      librdf_free_statement (pat);
    }
}

void
ng_sparql_query_set_max_solutions (NgSparqlQuery *q, guint max)
{
  g_return_if_fail (q != NULL);
  q->max_solutions = max;
}

NgSparqlResults *
ng_sparql_query_execute (NgSparqlQuery *q, const NgSparqlDataset *ds,
                         gint64 deadline, volatile gint *cancel, GError **error)
{
  NgEval ev = { 0 };
  g_autoptr (NgSparqlResults) res = g_new0 (NgSparqlResults, 1);
  GPtrArray *bag = NULL, *vars = NULL;

  g_return_val_if_fail (q != NULL && ds != NULL, NULL);
  res->form = ng_sparql_query_get_form (q);
  res->world = ds->world;
  if (res->form == NG_SPARQL_UPDATE)
    {
      g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_UNSUPPORTED,
                   "SPARQL Update is not supported by this query service");
      return NULL;
    }
  if (q->used)
    {
      g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_EXECUTION,
                   "a parsed query runs once");
      return NULL;
    }
  q->used = TRUE;
  ev.deadline = deadline;
  ev.cancel = cancel;
  ev.max_solutions = q->max_solutions;
  if (ng_eval_init (&ev, q, ds))
    {
      bag = solve_query (&ev, res->form == NG_SPARQL_SELECT, &vars);
      res->ordered = rasqal_query_get_order_condition (q->rq, 0) != NULL;
    }
  if (ev.error == NULL)
    switch (res->form)
      {
      case NG_SPARQL_SELECT:
        res->names = g_ptr_array_new_with_free_func (g_free);
        res->rows = ng_bag_new ();
        for (guint i = 0; i < vars->len; i++)
          g_ptr_array_add (res->names, g_strdup ((const char *) ((rasqal_variable *) vars->pdata[i])->name));
        for (guint r = 0; r < bag->len; r++)
          {
            NgRow *row = bag->pdata[r], *p = ng_row_new (vars->len);
            for (guint i = 0; i < vars->len; i++)
              {
                guint s = ng_eval_slot (&ev, vars->pdata[i]);
                rasqal_literal *l = s < row->n ? row->v[s] : NULL;
                p->v[i] = l ? rasqal_new_literal_from_literal (l) : NULL;
              }
            g_ptr_array_add (res->rows, p);
          }
        break;
      case NG_SPARQL_ASK:
        res->boolean = bag->len > 0;
        break;
      default:
        res->storage = librdf_new_storage (ds->world, "hashes", NULL, "hash-type='memory'");
        res->graph = res->storage ? librdf_new_model (ds->world, res->storage, NULL) : NULL;
        if (res->graph == NULL)
          ng_eval_fail (&ev, NG_SPARQL_ERROR_EXECUTION, "cannot create a graph for the result");
        else if (res->form == NG_SPARQL_CONSTRUCT)
          construct (&ev, bag, res);
        else
          describe (&ev, bag, res);
        break;
      }
  if (bag)
    g_ptr_array_unref (bag);
  if (vars)
    g_ptr_array_unref (vars);
  if (ev.error)
    {
      g_propagate_error (error, g_steal_pointer (&ev.error));
      ng_eval_clear (&ev);
      return NULL;
    }
  ng_eval_clear (&ev);
  return g_steal_pointer (&res);
}

/* ------------------------------------------------------------ results */

void
ng_sparql_results_free (NgSparqlResults *r)
{
  if (r == NULL)
    return;
  if (r->names)
    g_ptr_array_unref (r->names);
  if (r->rows)
    g_ptr_array_unref (r->rows);
  if (r->graph)
    librdf_free_model (r->graph);
  if (r->storage)
    librdf_free_storage (r->storage);
  g_free (r);
}

NgSparqlForm ng_sparql_results_get_form (NgSparqlResults *r) { return r->form; }
guint ng_sparql_results_get_width (NgSparqlResults *r) { return r->names ? r->names->len : 0; }
const char *
ng_sparql_results_get_name (NgSparqlResults *r, guint col)
{
  return r->names && col < r->names->len ? r->names->pdata[col] : NULL;
}
guint ng_sparql_results_get_count (NgSparqlResults *r) { return r->rows ? r->rows->len : 0; }
rasqal_literal *
ng_sparql_results_get (NgSparqlResults *r, guint row, guint col)
{
  NgRow *x;
  if (r->rows == NULL || row >= r->rows->len)
    return NULL;
  x = r->rows->pdata[row];
  return col < x->n ? x->v[col] : NULL;
}
gboolean ng_sparql_results_get_boolean (NgSparqlResults *r) { return r->boolean; }
librdf_model *ng_sparql_results_get_graph (NgSparqlResults *r) { return r->graph; }
gboolean ng_sparql_results_is_ordered (NgSparqlResults *r) { return r->ordered; }
