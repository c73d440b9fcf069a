/* update.c — SPARQL 1.1 Update on librdf models.
 *
 * Rasqal 0.9.33's update parser is incomplete: it rejects triples before a
 * GRAPH block in INSERT DATA, USING, GRAPH in ADD/MOVE/COPY and DELETE { … }
 * INSERT { … } without WITH; with WITH it puts every template triple into
 * the WITH graph, even those in a GRAPH block; and it silently parses DELETE
 * WHERE, DROP DEFAULT, DROP NAMED and DROP ALL into nothing.  So the request
 * is split into its operations here (at the ';' outside brackets), each
 * operation is rewritten into forms Rasqal parses right (INSERT DATA Q →
 * INSERT Q WHERE {}, DELETE WHERE Q → DELETE Q WHERE Q, DROP → CLEAR; WITH
 * and USING cut out and kept aside; the INSERT templates of a DELETE/INSERT
 * parsed apart as INSERT { … } WHERE {}) and parsed alone, with the
 * declarations of the operations before it.  An operation Rasqal parses into nothing is an
 * error, never a silent no-op.  WHERE patterns are evaluated by the engine
 * (pattern.c); templates are instantiated per solution (unbound or invalid
 * triples skipped, blank nodes fresh per solution), all deletions before
 * all insertions. */
#include "config.h"

#include <string.h>

#include "eval.h"

typedef enum { OP_NOOP, OP_PARSED } OpKind;


typedef struct {
  OpKind kind;
  NgSparqlQuery *q;            /* the operation alone */
  NgSparqlQuery *q_insert;     /* the INSERT templates of a DELETE/INSERT */
  gboolean drop;               /* DROP (parsed as CLEAR) */
  gboolean data;               /* INSERT DATA / DELETE DATA */
  gboolean silent;             /* SILENT (Rasqal sets its flag on every CREATE) */
  char *with;                  /* WITH graph, NULL when none */
  GPtrArray *using_default;    /* USING graphs (char*) */
  GPtrArray *using_named;      /* USING NAMED graphs (char*) */
  gboolean has_using;
} UpdateOp;

struct NgSparqlUpdate {
  librdf_world *world;
  GPtrArray *ops;              /* UpdateOp* */
  gboolean used;
};

static void
update_op_free (UpdateOp *o)
{
  ng_sparql_query_free (o->q);
  ng_sparql_query_free (o->q_insert);
  g_free (o->with);
  if (o->using_default)
    g_ptr_array_unref (o->using_default);
  if (o->using_named)
    g_ptr_array_unref (o->using_named);
  g_free (o);
}

void
ng_sparql_update_free (NgSparqlUpdate *u)
{
  if (u == NULL)
    return;
  if (u->ops)
    g_ptr_array_unref (u->ops);
  g_free (u);
}

guint
ng_sparql_update_get_size (NgSparqlUpdate *u)
{
  return u->ops->len;
}

/* ------------------------------------------------------------ splitting */

/* P after white space and comments. */
static const char *
skip_space (const char *p)
{
  for (;;)
    {
      while (g_ascii_isspace (*p))
        p++;
      if (*p != '#')
        return p;
      p = ng_sparql_skip_token (p);
    }
}

/* Whether the word at P is KW (case-insensitive, whole word). */
static gboolean
is_word (const char *p, const char *kw)
{
  gsize n = strlen (kw);
  return g_ascii_strncasecmp (p, kw, n) == 0 && !ng_sparql_word_char (p[n]);
}

/* The end of the IRI or prefixed name at P, or P. */
static const char *
iri_end (const char *p)
{
  const char *start = p;
  if (*p == '<')
    return ng_sparql_skip_token (p);
  while (ng_sparql_word_char (*p) || *p == '.' || (guchar) *p >= 0x80)
    p++;
  while (p > start && p[-1] == '.')
    p--;
  return p;
}

/* The operations of TEXT: pointers to the start of each, the last entry
 * being the end of TEXT.  ';' separates operations outside brackets. */
static GPtrArray *
split_operations (const char *text)
{
  GPtrArray *starts = g_ptr_array_new ();
  int depth = 0;
  const char *p = text;
  g_ptr_array_add (starts, (gpointer) text);
  while (*p)
    {
      const char *after = ng_sparql_skip_token (p);
      if (after != p)
        {
          p = after;
          continue;
        }
      if (*p == '{' || *p == '(' || *p == '[')
        depth++;
      else if ((*p == '}' || *p == ')' || *p == ']') && depth > 0)
        depth--;
      else if (*p == ';' && depth == 0)
        g_ptr_array_add (starts, (gpointer) (p + 1));
      p++;
    }
  g_ptr_array_add (starts, (gpointer) (p + 1));
  return starts;
}

/* The IRI that TOKEN (an IRI or prefixed name) stands for under PROLOGUE,
 * as Rasqal resolves it. */
static char *
resolve_iri (librdf_world *world, const char *prologue, const char *base,
             const char *token, GError **error)
{
  g_autofree char *text = g_strdup_printf ("CLEAR GRAPH %s", token);
  g_autoptr (NgSparqlQuery) q = ng_sparql_parse (world, text, prologue, base,
                                                 "sparql11-update", error);
  rasqal_update_operation *op;
  if (q == NULL)
    return NULL;
  op = rasqal_query_get_update_operation (q->rq, 0);
  if (op == NULL || op->graph_uri == NULL)
    {
      g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_SYNTAX,
                   "malformed update: “%s” is not an IRI", token);
      return NULL;
    }
  return g_strdup ((const char *) raptor_uri_as_string (op->graph_uri));
}

static gboolean
check_template (raptor_sequence *seq, gboolean data, gboolean deleting, GError **error)
{
  for (int i = 0; seq && i < raptor_sequence_size (seq); i++)
    {
      rasqal_triple *t = raptor_sequence_get_at (seq, i);
      rasqal_literal *terms[] = { t->subject, t->predicate, t->object, t->origin };
      for (guint k = 0; k < G_N_ELEMENTS (terms); k++)
        {
          rasqal_literal *l = terms[k];
          rasqal_variable *v = l ? ng_eval_var_of (l) : NULL;
          gboolean blank = l && (l->type == RASQAL_LITERAL_BLANK
                                 || (v && v->type == RASQAL_VARIABLE_TYPE_ANONYMOUS));
          if (data && v && !blank)
            {
              g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_SYNTAX,
                           "malformed update: variable ?%s in INSERT DATA or DELETE DATA",
                           v->name);
              return FALSE;
            }
          if (deleting && blank)
            {
              g_set_error_literal (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_SYNTAX,
                                   "malformed update: blank nodes are not allowed in "
                                   "DELETE DATA, DELETE WHERE or DELETE templates");
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* GRAPH at P: blanked. */
static const char *
cut_graph_word (GString *out, const char *p, GPtrArray *unused)
{
  g_string_append (out, "     ");
  return p + 5;
}

/* Blanks [FROM, TO) of OUT (offsets), keeping its newlines. */
static void
blank (GString *out, gsize from, gsize to)
{
  for (gsize i = from; i < to && i < out->len; i++)
    if (out->str[i] != '\n')
      out->str[i] = ' ';
}

/* The end of the '{' block at P (after white space), or NULL. */
static const char *
block_end (const char *p)
{
  p = skip_space (p);
  return *p == '{' ? ng_sparql_balanced_end (p) : NULL;
}

/* [WITH iri] DELETE {…} [INSERT {…}] | INSERT {…}, USING…, WHERE {…} at KW
 * of PIECE: copied to OUT (which holds PIECE up to KW) with WITH, USING and,
 * when there is a DELETE template too, the INSERT template blanked out;
 * that INSERT template becomes *INSERT_TEXT, INSERT {…} WHERE {} at the
 * same line and column. */
static gboolean
cut_modify (UpdateOp *o, const char *piece, const char *kw, guint line, GString *out,
            char **with_token, GPtrArray *using, char **insert_text, GError **error)
{
  gsize origin = out->len - (gsize) (kw - piece);   /* offset of PIECE in OUT */
  const char *p = kw, *del = NULL, *ins = NULL, *ins_end = NULL;
  g_string_append (out, kw);
  if (is_word (p, "WITH"))
    {
      const char *t = skip_space (p + 4), *te = iri_end (t);
      *with_token = g_strndup (t, (gsize) (te - t));
      blank (out, origin + (gsize) (p - piece), origin + (gsize) (te - piece));
      p = skip_space (te);
    }
  if (is_word (p, "DELETE"))
    {
      del = p;
      p = block_end (p + 6);
      if (p == NULL)
        goto syntax;
      p = skip_space (p);
    }
  if (is_word (p, "INSERT"))
    {
      ins = p;
      ins_end = block_end (p + 6);
      if (ins_end == NULL)
        goto syntax;
      p = skip_space (ins_end);
    }
  if (del == NULL && ins == NULL)
    goto syntax;
  while (is_word (p, "USING"))
    {
      const char *t = skip_space (p + 5), *te;
      gboolean named = is_word (t, "NAMED");
      if (named)
        t = skip_space (t + 5);
      te = iri_end (t);
      if (te == t)
        goto syntax;
      g_ptr_array_add (using, g_strdup_printf ("%c%.*s", named ? 'N' : 'D',
                                               (int) (te - t), t));
      blank (out, origin + (gsize) (p - piece), origin + (gsize) (te - piece));
      p = skip_space (te);
    }
  if (del && ins)
    {
      /* the operation's declarations on the first line, then the INSERT
         template where it stands in OUT */
      g_autofree char *decls = ng_sparql_declarations (piece);
      GString *text = g_string_new (NULL);
      g_strdelimit (decls, "\r\n", ' ');
      g_string_append_printf (text, "%s ", decls);
      for (gsize i = 0; i < origin; i++)
        if (out->str[i] == '\n')
          g_string_append_c (text, '\n');
      for (const char *c = piece; c < ins; c++)
        g_string_append_c (text, *c == '\n' ? '\n' : ' ');
      g_string_append_len (text, ins, ins_end - ins);
      g_string_append (text, " WHERE {}");
      *insert_text = g_string_free (text, FALSE);
      blank (out, origin + (gsize) (ins - piece), origin + (gsize) (ins_end - piece));
    }
  return TRUE;

syntax:
  g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_SYNTAX,
               "malformed update: line %u: expected [WITH IRI] DELETE { … } INSERT "
               "{ … } [USING IRI] WHERE { … }", line);
  return FALSE;
}

/* Parses the operation in [START, END) at line LINE of the request, with
 * the declarations DECLS of the operations before it; NULL (no error) for
 * an empty one. */
static UpdateOp *
parse_operation (NgSparqlUpdate *u, const char *start, const char *end, guint line,
                 const char *prologue, const char *decls, const char *base,
                 GError **error)
{
  g_autofree char *piece = g_strndup (start, (gsize) (end - start));
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *pro = g_strconcat (prologue ? prologue : "", " ", decls, NULL);
  g_autofree char *own_decls = NULL, *pro_all = NULL;
  const char *p = piece, *kw;
  UpdateOp *o = g_new0 (UpdateOp, 1);
  g_autofree char *with_token = NULL;
  g_autofree char *insert_text = NULL;
  g_autoptr (GPtrArray) using = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 1; i < line; i++)
    g_string_append_c (out, '\n');
  /* the operation's own prologue */
  for (;;)
    {
      p = skip_space (p);
      if (is_word (p, "PREFIX"))
        {
          const char *c = strchr (p, ':');
          p = c ? skip_space (c + 1) : p + 6;
          p = *p == '<' ? ng_sparql_skip_token (p) : p;
        }
      else if (is_word (p, "BASE"))
        p = ng_sparql_skip_token (skip_space (p + 4));
      else
        break;
    }
  kw = p;
  g_string_append_len (out, piece, kw - piece);
  own_decls = ng_sparql_declarations (piece);
  pro_all = g_strconcat (pro, " ", own_decls, NULL);
  if (*kw == '\0')
    {
      update_op_free (o);
      return NULL;
    }

  if (is_word (kw, "LOAD"))
    {
      g_set_error_literal (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_UNSUPPORTED,
                           "LOAD is refused: this server does not fetch data from "
                           "the network (send the triples with INSERT DATA)");
      goto fail;
    }
  {
    const char *w = kw;
    while (ng_sparql_word_char (*w))
      w++;
    o->silent = is_word (skip_space (w), "SILENT");
  }
  if (is_word (kw, "DROP"))
    {
      o->drop = TRUE;
      g_string_append_printf (out, "CLEAR%s", kw + 4);
    }
  else if ((is_word (kw, "INSERT") || is_word (kw, "DELETE"))
           && (is_word (skip_space (kw + 6), "DATA") || is_word (skip_space (kw + 6), "WHERE")))
    {
      const char *w = skip_space (kw + 6);
      gboolean where = is_word (w, "WHERE");
      const char *open = skip_space (w + (where ? 5 : 4));
      const char *close = *open == '{' ? ng_sparql_balanced_end (open) : NULL;
      if (close == NULL)
        {
          g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_SYNTAX,
                       "malformed update: line %u: “{” expected after %.6s %s", line,
                       kw, where ? "WHERE" : "DATA");
          goto fail;
        }
      if (*skip_space (open + 1) == '}')
        {
          /* nothing to insert or delete */
          o->kind = OP_NOOP;
          return o;
        }
      if (where && (kw[0] == 'i' || kw[0] == 'I'))
        {
          g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_SYNTAX,
                       "malformed update: line %u: INSERT WHERE needs a template "
                       "(INSERT { … } WHERE { … })", line);
          goto fail;
        }
      o->data = !where;
      g_string_append_len (out, kw, 6);
      g_string_append_c (out, ' ');
      g_string_append_len (out, open, close - open);
      g_string_append (out, " WHERE ");
      if (where)
        g_string_append_len (out, open, close - open);
      else
        g_string_append (out, "{}");
      g_string_append (out, close);
    }
  else if (is_word (kw, "WITH") || is_word (kw, "DELETE") || is_word (kw, "INSERT"))
    {
      if (!cut_modify (o, piece, kw, line, out, &with_token, using, &insert_text, error))
        goto fail;
    }
  else
    {
      if (is_word (kw, "ADD") || is_word (kw, "MOVE") || is_word (kw, "COPY"))
        {
          /* Rasqal knows no GRAPH before the IRIs of ADD, MOVE and COPY */
          g_autofree char *text = ng_sparql_cut_keyword (kw, "GRAPH", cut_graph_word, NULL);
          g_string_append (out, text);
        }
      else
        g_string_append (out, kw);
    }

  o->q = ng_sparql_parse (u->world, out->str, pro, base, "sparql11-update", error);
  if (o->q == NULL)
    goto fail;
  {
    raptor_sequence *ops = rasqal_query_get_update_operations_sequence (o->q->rq);
    rasqal_update_operation *op;
    if (ops == NULL || raptor_sequence_size (ops) != 1)
      {
        g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_UNSUPPORTED,
                     "line %u: this update operation is not understood (Rasqal "
                     "parsed it into %d operations)", line,
                     ops ? raptor_sequence_size (ops) : 0);
        goto fail;
      }
    op = raptor_sequence_get_at (ops, 0);
    if (op->type == RASQAL_UPDATE_TYPE_UPDATE
        && (!check_template (op->insert_templates, o->data, FALSE, error)
            || !check_template (op->delete_templates, o->data, TRUE, error)))
      goto fail;
  }
  if (insert_text)
    {
      rasqal_update_operation *op;
      o->q_insert = ng_sparql_parse (u->world, insert_text, pro, base, "sparql11-update", error);
      if (o->q_insert == NULL)
        goto fail;
      op = rasqal_query_get_update_operation (o->q_insert->rq, 0);
      if (op == NULL || !check_template (op->insert_templates, FALSE, FALSE, error))
        goto fail;
    }
  if (with_token)
    {
      o->with = resolve_iri (u->world, pro_all, base, with_token, error);
      if (o->with == NULL)
        goto fail;
    }
  o->has_using = using->len > 0;
  o->using_default = g_ptr_array_new_with_free_func (g_free);
  o->using_named = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < using->len; i++)
    {
      const char *t = using->pdata[i];
      char *iri = resolve_iri (u->world, pro_all, base, t + 1, error);
      if (iri == NULL)
        goto fail;
      g_ptr_array_add (t[0] == 'N' ? o->using_named : o->using_default, iri);
    }
  o->kind = OP_PARSED;
  return o;

fail:
  update_op_free (o);
  return NULL;
}

NgSparqlUpdate *
ng_sparql_update_new (librdf_world *world, const char *text, const char *prologue,
                      const char *base, GError **error)
{
  g_autoptr (NgSparqlUpdate) u = g_new0 (NgSparqlUpdate, 1);
  g_autoptr (GPtrArray) starts = NULL;
  g_autoptr (GString) decls = g_string_new (NULL);
  guint line = 1;

  g_return_val_if_fail (text != NULL, NULL);
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_SYNTAX,
                   "the update is not valid UTF-8");
      return NULL;
    }
  u->world = world;
  u->ops = g_ptr_array_new_with_free_func ((GDestroyNotify) update_op_free);
  starts = split_operations (text);
  for (guint i = 0; i + 1 < starts->len; i++)
    {
      const char *s = starts->pdata[i];
      const char *e = (const char *) starts->pdata[i + 1] - 1;   /* the ';' or NUL */
      GError *local = NULL;
      UpdateOp *o = parse_operation (u, s, e, line, prologue, decls->str, base, &local);
      if (local)
        {
          g_propagate_error (error, local);
          return NULL;
        }
      if (o)
        g_ptr_array_add (u->ops, o);
      else if (i + 2 < starts->len)
        {
          g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_SYNTAX,
                       "malformed update: line %u: an empty operation before “;”", line);
          return NULL;
        }
      {
        g_autofree char *piece = g_strndup (s, (gsize) (e - s));
        g_autofree char *d = ng_sparql_declarations (piece);
        g_string_append_printf (decls, " %s", d);
        for (const char *c = s; c < e; c++)
          if (*c == '\n')
            line++;
      }
    }
  return g_steal_pointer (&u);
}

/* ------------------------------------------------------------ graphs */

/* A graph of the dataset: the default graph (CTX NULL) or a context of the
 * named-graphs model. */
typedef struct {
  librdf_model *model;
  librdf_node *ctx;   /* owned */
} GraphRef;

static void
graph_ref_clear (GraphRef *g)
{
  if (g->ctx)
    librdf_free_node (g->ctx);
  g->ctx = NULL;
  g->model = NULL;
}

static gboolean
graph_ref (const NgSparqlDataset *ds, const char *iri, GraphRef *g, GError **error)
{
  g->ctx = NULL;
  if (iri == NULL || (ds->default_graph_iri && strcmp (iri, ds->default_graph_iri) == 0))
    {
      g->model = ds->default_graph;
      if (g->model == NULL)
        {
          g_set_error_literal (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_EXECUTION,
                               "there is no default graph to update");
          return FALSE;
        }
      return TRUE;
    }
  if (ds->named == NULL)
    {
      g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_UNSUPPORTED,
                   "graph <%s>: only the default graph%s%s%s can be updated here",
                   iri, ds->default_graph_iri ? " (<" : "",
                   ds->default_graph_iri ? ds->default_graph_iri : "",
                   ds->default_graph_iri ? ">)" : "");
      return FALSE;
    }
  g->model = ds->named;
  g->ctx = librdf_new_node_from_uri_string (ds->world, (const unsigned char *) iri);
  return TRUE;
}

static librdf_stream *
graph_stream (GraphRef *g)
{
  return g->ctx ? librdf_model_context_as_stream (g->model, g->ctx)
                : librdf_model_as_stream (g->model);
}

/* The statements of G (new copies). */
static GPtrArray *
graph_statements (GraphRef *g)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) librdf_free_statement);
  librdf_stream *st = graph_stream (g);
  while (st && !librdf_stream_end (st))
    {
      g_ptr_array_add (out, librdf_new_statement_from_statement (librdf_stream_get_object (st)));
      librdf_stream_next (st);
    }
  if (st)
    librdf_free_stream (st);
  return out;
}

static gboolean
graph_is_empty (GraphRef *g)
{
  librdf_stream *st = graph_stream (g);
  gboolean empty = st == NULL || librdf_stream_end (st);
  if (st)
    librdf_free_stream (st);
  return empty;
}

static void
graph_remove (GraphRef *g, librdf_statement *s, NgSparqlUpdateStats *stats)
{
  if (g->ctx)
    {
      if (librdf_model_context_remove_statement (g->model, g->ctx, s) == 0)
        stats->deleted++;
    }
  else if (librdf_model_contains_statement (g->model, s) != 0
           && librdf_model_remove_statement (g->model, s) == 0)
    stats->deleted++;
}

static gboolean
graph_has (GraphRef *g, librdf_statement *s)
{
  librdf_stream *st;
  gboolean found;
  if (g->ctx == NULL)
    return librdf_model_contains_statement (g->model, s) != 0;
  /* a storage with contexts keeps a statement once per addition */
  st = librdf_model_find_statements_in_context (g->model, s, g->ctx);
  found = st && !librdf_stream_end (st);
  if (st)
    librdf_free_stream (st);
  return found;
}

static void
graph_add (GraphRef *g, librdf_statement *s, NgSparqlUpdateStats *stats)
{
  if (g->ctx)
    {
      if (!graph_has (g, s) && librdf_model_context_add_statement (g->model, g->ctx, s) == 0)
        stats->inserted++;
    }
  else if (librdf_model_contains_statement (g->model, s) == 0
           && librdf_model_add_statement (g->model, s) == 0)
    stats->inserted++;
}

static void
graph_clear (GraphRef *g, NgSparqlUpdateStats *stats)
{
  g_autoptr (GPtrArray) all = graph_statements (g);
  for (guint i = 0; i < all->len; i++)
    graph_remove (g, all->pdata[i], stats);
}

/* The IRIs of the named graphs (new strings). */
static GPtrArray *
named_graph_iris (const NgSparqlDataset *ds)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  librdf_iterator *it = ds->named ? librdf_model_get_contexts (ds->named) : NULL;
  while (it && !librdf_iterator_end (it))
    {
      librdf_node *n = librdf_iterator_get_object (it);
      if (n && librdf_node_is_resource (n))
        g_ptr_array_add (out, g_strdup ((const char *) librdf_uri_as_string (
                                            librdf_node_get_uri (n))));
      librdf_iterator_next (it);
    }
  if (it)
    librdf_free_iterator (it);
  return out;
}

static const char *
uri_string (raptor_uri *u)
{
  return u ? (const char *) raptor_uri_as_string (u) : NULL;
}

/* ------------------------------------------------------------ operations */

static gboolean
run_clear (UpdateOp *o, rasqal_update_operation *op, const NgSparqlDataset *ds,
           NgSparqlUpdateStats *stats, GError **error)
{
  gboolean silent = o->silent;
  GraphRef g = { 0 };
  if (op->applies == RASQAL_UPDATE_GRAPH_DEFAULT || op->applies == RASQAL_UPDATE_GRAPH_ALL)
    {
      GError *local = NULL;
      if (graph_ref (ds, NULL, &g, &local))
        graph_clear (&g, stats);
      graph_ref_clear (&g);
      if (local && !silent)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      g_clear_error (&local);
    }
  if (op->applies == RASQAL_UPDATE_GRAPH_NAMED || op->applies == RASQAL_UPDATE_GRAPH_ALL)
    {
      g_autoptr (GPtrArray) iris = named_graph_iris (ds);
      for (guint i = 0; i < iris->len; i++)
        if (graph_ref (ds, iris->pdata[i], &g, NULL))
          {
            graph_clear (&g, stats);
            graph_ref_clear (&g);
          }
    }
  if (op->applies == RASQAL_UPDATE_GRAPH_ONE)
    {
      GError *local = NULL;
      if (!graph_ref (ds, uri_string (op->graph_uri), &g, &local)
          || (g.ctx && graph_is_empty (&g)))
        {
          graph_ref_clear (&g);
          if (silent)
            {
              g_clear_error (&local);
              return TRUE;
            }
          if (local == NULL)
            local = g_error_new (NG_SPARQL_ERROR, NG_SPARQL_ERROR_EXECUTION,
                                 "%s GRAPH <%s>: there is no such graph (use SILENT "
                                 "to ignore)", o->drop ? "DROP" : "CLEAR",
                                 uri_string (op->graph_uri));
          g_propagate_error (error, local);
          return FALSE;
        }
      graph_clear (&g, stats);
      graph_ref_clear (&g);
    }
  return TRUE;
}

static gboolean
run_create (UpdateOp *o, rasqal_update_operation *op, const NgSparqlDataset *ds, GError **error)
{
  gboolean silent = o->silent;
  GraphRef g = { 0 };
  GError *local = NULL;
  gboolean ok = graph_ref (ds, uri_string (op->graph_uri), &g, &local);
  if (ok && !graph_is_empty (&g))
    {
      local = g_error_new (NG_SPARQL_ERROR, NG_SPARQL_ERROR_EXECUTION,
                           "CREATE GRAPH <%s>: the graph exists already",
                           uri_string (op->graph_uri));
      ok = FALSE;
    }
  graph_ref_clear (&g);
  if (!ok && silent)
    {
      g_clear_error (&local);
      return TRUE;
    }
  if (!ok)
    g_propagate_error (error, local);
  return ok;
}

/* ADD, MOVE and COPY: from graph_uri (NULL: default) to document_uri. */
static gboolean
run_transfer (UpdateOp *o, rasqal_update_operation *op, const NgSparqlDataset *ds,
              NgSparqlUpdateStats *stats, GError **error)
{
  gboolean silent = o->silent;
  const char *from = uri_string (op->graph_uri), *to = uri_string (op->document_uri);
  const char *dflt = ds->default_graph_iri;
  GraphRef src = { 0 }, dst = { 0 };
  g_autoptr (GPtrArray) all = NULL;
  GError *local = NULL;

  if (from && dflt && strcmp (from, dflt) == 0)
    from = NULL;
  if (to && dflt && strcmp (to, dflt) == 0)
    to = NULL;
  if (g_strcmp0 (from, to) == 0)
    return TRUE;   /* the same graph: nothing to do */
  if (!graph_ref (ds, from, &src, &local) || !graph_ref (ds, to, &dst, &local)
      || (src.ctx && graph_is_empty (&src)))
    {
      graph_ref_clear (&src);
      graph_ref_clear (&dst);
      if (silent)
        {
          g_clear_error (&local);
          return TRUE;
        }
      if (local == NULL)
        local = g_error_new (NG_SPARQL_ERROR, NG_SPARQL_ERROR_EXECUTION,
                             "graph <%s>: there is no such graph (use SILENT to ignore)",
                             from);
      g_propagate_error (error, local);
      return FALSE;
    }
  all = graph_statements (&src);
  if (op->type != RASQAL_UPDATE_TYPE_ADD)
    graph_clear (&dst, stats);
  for (guint i = 0; i < all->len; i++)
    graph_add (&dst, all->pdata[i], stats);
  if (op->type == RASQAL_UPDATE_TYPE_MOVE)
    graph_clear (&src, stats);
  graph_ref_clear (&src);
  graph_ref_clear (&dst);
  return TRUE;
}

/* A model in memory holding the union of the graphs IRIS (the WHERE default
 * graph under WITH or USING); added to OWNED. */
static librdf_model *
union_model (const NgSparqlDataset *ds, GPtrArray *iris, GPtrArray *owned, GError **error)
{
  librdf_storage *st = librdf_new_storage (ds->world, "hashes", NULL, "hash-type='memory'");
  librdf_model *m = st ? librdf_new_model (ds->world, st, NULL) : NULL;
  if (m == NULL)
    {
      if (st)
        librdf_free_storage (st);
      g_set_error_literal (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_EXECUTION,
                           "cannot create a graph in memory");
      return NULL;
    }
  g_ptr_array_add (owned, st);
  g_ptr_array_add (owned, m);
  for (guint i = 0; i < iris->len; i++)
    {
      GraphRef g = { 0 };
      librdf_stream *s;
      if (!graph_ref (ds, iris->pdata[i], &g, error))
        return NULL;
      s = graph_stream (&g);
      if (s)
        {
          librdf_model_add_statements (m, s);
          librdf_free_stream (s);
        }
      graph_ref_clear (&g);
    }
  return m;
}

/* The slot of V, also when V is a variable of another parse of the same
 * operation (the INSERT templates of a DELETE/INSERT); G_MAXUINT when the
 * evaluation has no such variable. */
static guint
slot_by_name (NgEval *ev, rasqal_variable *v)
{
  guint s = GPOINTER_TO_UINT (g_hash_table_lookup (ev->var_slots, v));
  if (s > 0)
    return s - 1;
  for (guint i = 0; i < ev->n_named; i++)
    {
      rasqal_variable *w = ev->slot_vars->pdata[i];
      if (w && strcmp ((const char *) w->name, (const char *) v->name) == 0)
        return i;
    }
  return G_MAXUINT;
}

/* A template term under ROW: NULL when unbound; blank nodes are fresh per
 * solution (BNODES: label -> node of this solution). */
static librdf_node *
instantiate (NgEval *ev, rasqal_literal *l, const NgRow *row, GHashTable *bnodes)
{
  rasqal_variable *v = ng_eval_var_of (l);
  const char *label = NULL;
  if (v && v->type != RASQAL_VARIABLE_TYPE_ANONYMOUS)
    {
      guint s = slot_by_name (ev, v);
      return s < row->n && row->v[s] ? ng_term_to_node (ev, row->v[s]) : NULL;
    }
  if (v)
    label = (const char *) v->name;
  else if (l->type == RASQAL_LITERAL_BLANK)
    label = (const char *) l->string;
  if (label)
    {
      librdf_node *n = g_hash_table_lookup (bnodes, label);
      if (n == NULL)
        {
          /* ids that cannot meet those of the store or of other updates */
          g_autofree char *uuid = g_uuid_string_random ();
          g_autofree char *id = g_strdup_printf ("u%s", uuid);
          g_strdelimit (id, "-", 'x');
          n = librdf_new_node_from_blank_identifier (ev->world, (const unsigned char *) id);
          g_hash_table_insert (bnodes, g_strdup (label), n);
        }
      return librdf_new_node_from_node (n);
    }
  return ng_term_to_node (ev, l);
}

typedef struct {
  GraphRef g;
  librdf_statement *st;
} Change;

static void
change_free (Change *c)
{
  graph_ref_clear (&c->g);
  librdf_free_statement (c->st);
  g_free (c);
}

/* The statements of TEMPLATES under each solution of BAG, into OUT;
 * triples with an unbound or invalid term are skipped. */
static gboolean
instantiate_all (NgEval *ev, raptor_sequence *templates, GPtrArray *bag,
                 const NgSparqlDataset *ds, const char *with, GPtrArray *out,
                 GError **error)
{
  for (guint r = 0; templates && r < bag->len; r++)
    {
      const NgRow *row = bag->pdata[r];
      g_autoptr (GHashTable) bnodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             (GDestroyNotify) librdf_free_node);
      if (!ng_eval_alive (ev))
        return FALSE;
      for (int i = 0; i < raptor_sequence_size (templates); i++)
        {
          rasqal_triple *t = raptor_sequence_get_at (templates, i);
          librdf_node *s = instantiate (ev, t->subject, row, bnodes);
          librdf_node *p = instantiate (ev, t->predicate, row, bnodes);
          librdf_node *o = instantiate (ev, t->object, row, bnodes);
          librdf_node *gn = t->origin ? instantiate (ev, t->origin, row, bnodes) : NULL;
          gboolean valid = s && p && o && !librdf_node_is_literal (s)
                           && librdf_node_is_resource (p)
                           && (t->origin == NULL || (gn && librdf_node_is_resource (gn)));
          if (valid)
            {
              Change *c = g_new0 (Change, 1);
              const char *iri = gn ? (const char *) librdf_uri_as_string (librdf_node_get_uri (gn))
                                   : with;
              if (!graph_ref (ds, iri, &c->g, error))
                {
                  g_free (c);
                  librdf_free_node (s);
                  librdf_free_node (p);
                  librdf_free_node (o);
                  librdf_free_node (gn);
                  return FALSE;
                }
              c->st = librdf_new_statement_from_nodes (ev->world, s, p, o);
              g_ptr_array_add (out, c);
            }
          else
            {
              if (s) librdf_free_node (s);
              if (p) librdf_free_node (p);
              if (o) librdf_free_node (o);
            }
          if (gn)
            librdf_free_node (gn);
        }
    }
  return TRUE;
}

static gboolean
run_modify (UpdateOp *o, rasqal_update_operation *op, const NgSparqlDataset *ds,
            gint64 deadline, volatile gint *cancel, NgSparqlUpdateStats *stats,
            GError **error)
{
  NgSparqlDataset wds = *ds;
  NgEval ev = { 0 };
  GPtrArray *bag = NULL;
  g_autoptr (GPtrArray) owned = g_ptr_array_new ();
  g_autoptr (GPtrArray) dels = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  g_autoptr (GPtrArray) ins = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  static const char *const no_graphs[] = { NULL };
  g_autofree const char **named = NULL;
  gboolean ok = FALSE;

  /* the dataset of WHERE: USING, else WITH, else the whole dataset */
  if (o->has_using)
    {
      if (o->using_default->len == 0)
        wds.default_graph = NULL;
      else if ((wds.default_graph = union_model (ds, o->using_default, owned, error)) == NULL)
        goto out;
      named = g_new0 (const char *, o->using_named->len + 1);
      for (guint i = 0; i < o->using_named->len; i++)
        named[i] = o->using_named->pdata[i];
      wds.named_graphs = o->using_named->len ? named : no_graphs;
    }
  else if (o->with)
    {
      g_autoptr (GPtrArray) one = g_ptr_array_new ();
      g_ptr_array_add (one, o->with);
      if ((wds.default_graph = union_model (ds, one, owned, error)) == NULL)
        goto out;
    }

  ev.deadline = deadline;
  ev.cancel = cancel;
  if (!ng_eval_init (&ev, o->q, &wds))
    goto fail_eval;
  bag = op->where && !o->data ? ng_eval_pattern (&ev, op->where) : ng_bag_unit (&ev);
  if (ev.error)
    goto fail_eval;
  if (!instantiate_all (&ev, op->delete_templates, bag, ds, o->with, dels, error)
      || !instantiate_all (&ev, o->q_insert ? rasqal_query_get_update_operation (
                                                o->q_insert->rq, 0)->insert_templates
                                            : op->insert_templates,
                           bag, ds, o->with, ins, error))
    {
      if (ev.error)
        goto fail_eval;
      goto out;
    }
  for (guint i = 0; i < dels->len; i++)
    {
      Change *c = dels->pdata[i];
      graph_remove (&c->g, c->st, stats);
    }
  for (guint i = 0; i < ins->len; i++)
    {
      Change *c = ins->pdata[i];
      graph_add (&c->g, c->st, stats);
    }
  ok = TRUE;
  goto out;

fail_eval:
  g_propagate_error (error, g_steal_pointer (&ev.error));
out:
  if (bag)
    g_ptr_array_unref (bag);
  /* the evaluation's models are freed by ng_eval_clear; ours here */
  ng_eval_clear (&ev);
  for (guint i = owned->len; i > 0; i -= 2)
    {
      librdf_free_model (owned->pdata[i - 1]);
      librdf_free_storage (owned->pdata[i - 2]);
    }
  return ok;
}

gboolean
ng_sparql_update_execute (NgSparqlUpdate *u, const NgSparqlDataset *ds, gint64 deadline,
                          volatile gint *cancel, NgSparqlUpdateStats *stats,
                          GError **error)
{
  NgSparqlUpdateStats local_stats = { 0 };
  g_return_val_if_fail (u != NULL && ds != NULL, FALSE);
  if (stats == NULL)
    stats = &local_stats;
  if (u->used)
    {
      g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_EXECUTION,
                   "a parsed update runs once");
      return FALSE;
    }
  u->used = TRUE;
  for (guint i = 0; i < u->ops->len; i++)
    {
      UpdateOp *o = u->ops->pdata[i];
      rasqal_update_operation *op;
      gboolean ok = TRUE;
      if (o->kind == OP_NOOP)
        continue;
      op = rasqal_query_get_update_operation (o->q->rq, 0);
      switch (op->type)
        {
        case RASQAL_UPDATE_TYPE_CLEAR:
        case RASQAL_UPDATE_TYPE_DROP:
          ok = run_clear (o, op, ds, stats, error);
          break;
        case RASQAL_UPDATE_TYPE_CREATE:
          ok = run_create (o, op, ds, error);
          break;
        case RASQAL_UPDATE_TYPE_ADD:
        case RASQAL_UPDATE_TYPE_MOVE:
        case RASQAL_UPDATE_TYPE_COPY:
          ok = run_transfer (o, op, ds, stats, error);
          break;
        case RASQAL_UPDATE_TYPE_UPDATE:
          ok = run_modify (o, op, ds, deadline, cancel, stats, error);
          break;
        default:
          g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_UNSUPPORTED,
                       "update operation %d is not supported", (int) op->type);
          ok = FALSE;
          break;
        }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}
