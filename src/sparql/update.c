/* update.c — SPARQL 1.1 Update applied to librdf models.
 *
 * The operations come parsed from update-parse.c.  WHERE patterns are
 * evaluated by the engine (pattern.c); templates are instantiated per
 * solution (unbound or invalid triples skipped, blank nodes fresh per
 * solution), all deletions before all insertions.  The default graph is a
 * model of its own, the named graphs contexts of another. */
#include "config.h"

#include <string.h>

#include "update-private.h"

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
run_clear (NgUpdateOp *o, rasqal_update_operation *op, const NgSparqlDataset *ds,
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
run_create (NgUpdateOp *o, rasqal_update_operation *op, const NgSparqlDataset *ds, GError **error)
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
run_transfer (NgUpdateOp *o, rasqal_update_operation *op, const NgSparqlDataset *ds,
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
run_modify (NgUpdateOp *o, rasqal_update_operation *op, const NgSparqlDataset *ds,
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
      NgUpdateOp *o = u->ops->pdata[i];
      rasqal_update_operation *op;
      gboolean ok = TRUE;
      if (o->kind == NG_UPDATE_NOOP)
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
