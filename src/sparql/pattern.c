/* pattern.c — graph patterns: basic patterns by librdf's index lookups
 * (each solution so far substituted into the next triple pattern), groups
 * joined with hash joins (bag.c), OPTIONAL as a left join with its filter as
 * the join condition, UNION, MINUS, GRAPH, BIND, VALUES and sub-selects. */
#include "config.h"

#include <string.h>

#include "eval.h"

/* ------------------------------------------------------------ triples */

librdf_model *
ng_eval_active_model (NgEval *ev)
{
  return ev->graph ? ev->named_model : ev->default_model;
}

librdf_stream *
ng_eval_find (NgEval *ev, librdf_statement *pattern)
{
  librdf_model *model = ng_eval_active_model (ev);
  return ev->graph ? librdf_model_find_statements_in_context (model, pattern, ev->graph)
                   : librdf_model_find_statements (model, pattern);
}

/* The node for position L of a triple pattern under ROW: NULL with *ANY
 * set for an unbound variable. */
librdf_node *
ng_pattern_node (NgEval *ev, rasqal_literal *l, const NgRow *row, gboolean *any)
{
  rasqal_variable *v = ng_eval_var_of (l);
  *any = FALSE;
  if (v)
    {
      guint s = ng_eval_slot (ev, v);
      if (s >= row->n || row->v[s] == NULL)
        {
          *any = TRUE;
          return NULL;
        }
      return ng_term_to_node (ev, row->v[s]);
    }
  return ng_term_to_node (ev, l);
}

gboolean
ng_pattern_bind (NgEval *ev, NgRow *r, rasqal_literal *pat, librdf_node *value)
{
  rasqal_variable *v = ng_eval_var_of (pat);
  guint s;
  rasqal_literal *l;
  if (v == NULL)
    return TRUE;
  s = ng_eval_slot (ev, v);
  l = ng_term_from_node (ev, value);
  if (l == NULL)
    return FALSE;
  if (r->v[s])
    {
      /* the same variable twice in one triple pattern */
      gboolean same = ng_term_same (r->v[s], l);
      rasqal_free_literal (l);
      return same;
    }
  r->v[s] = l;
  return TRUE;
}

static void
match_triple (NgEval *ev, rasqal_triple *t, const NgRow *row, GPtrArray *out)
{
  librdf_model *model = ng_eval_active_model (ev);
  gboolean any_s, any_p, any_o;
  librdf_node *s, *p, *o;
  librdf_statement *pattern;
  librdf_stream *stream;
  guint path;

  if (model == NULL)
    return;
  if (ng_path_mark (t->predicate, &path))
    {
      ng_path_match (ev, path, t, row, out);
      return;
    }
  s = ng_pattern_node (ev, t->subject, row, &any_s);
  p = ng_pattern_node (ev, t->predicate, row, &any_p);
  o = ng_pattern_node (ev, t->object, row, &any_o);
  if ((!any_s && s == NULL) || (!any_p && p == NULL) || (!any_o && o == NULL)
      || (s && librdf_node_is_literal (s)) || (p && !librdf_node_is_resource (p)))
    {
      /* a literal subject or a non-IRI predicate matches nothing */
      if (s) librdf_free_node (s);
      if (p) librdf_free_node (p);
      if (o) librdf_free_node (o);
      return;
    }
  if (ev->graph == NULL && p && (s != NULL) + (o != NULL) >= 1)
    {
      /* librdf's "hashes" find_statements scans every statement; its
         indexes answer through get_targets (sp2o), get_sources (po2s) and
         contains_statement */
      if (s && o)
        {
          librdf_statement *st = librdf_new_statement_from_nodes (ev->world, s, p, o);
          if (st && librdf_model_contains_statement (model, st))
            g_ptr_array_add (out, ng_row_copy (row));
          if (st)
            librdf_free_statement (st);
          return;
        }
      {
        librdf_iterator *it = s ? librdf_model_get_targets (model, s, p)
                                : librdf_model_get_sources (model, p, o);
        rasqal_literal *free_pos = s ? t->object : t->subject;
        while (it && !librdf_iterator_end (it))
          {
            NgRow *r = ng_row_copy (row);
            if (ng_pattern_bind (ev, r, free_pos, librdf_iterator_get_object (it)))
              g_ptr_array_add (out, r);
            else
              ng_row_free (r);
            if (!ng_eval_alive (ev) || !ng_bag_within_limit (ev, out))
              break;
            librdf_iterator_next (it);
          }
        if (it)
          librdf_free_iterator (it);
        librdf_free_node (s ? s : o);
        librdf_free_node (p);
        return;
      }
    }
  pattern = librdf_new_statement_from_nodes (ev->world, s, p, o);
  if (pattern == NULL)
    return;
  stream = ng_eval_find (ev, pattern);
  while (stream && !librdf_stream_end (stream))
    {
      librdf_statement *st = librdf_stream_get_object (stream);
      NgRow *r = ng_row_copy (row);
      if ((!any_s || ng_pattern_bind (ev, r, t->subject, librdf_statement_get_subject (st)))
          && (!any_p || ng_pattern_bind (ev, r, t->predicate, librdf_statement_get_predicate (st)))
          && (!any_o || ng_pattern_bind (ev, r, t->object, librdf_statement_get_object (st))))
        g_ptr_array_add (out, r);
      else
        ng_row_free (r);
      if (!ng_eval_alive (ev) || !ng_bag_within_limit (ev, out))
        break;
      librdf_stream_next (stream);
    }
  if (stream)
    librdf_free_stream (stream);
  librdf_free_statement (pattern);
}

static int
boundness (NgEval *ev, rasqal_literal *l, const guint8 *bound)
{
  rasqal_variable *v = ng_eval_var_of (l);
  return v == NULL || bound[ng_eval_slot (ev, v)];
}

/* Extends every solution of BAG (consumed) by the triples of GP, most
 * selective triple first: the one with the most positions known. */
static GPtrArray *
extend_bgp (NgEval *ev, GPtrArray *bag, rasqal_graph_pattern *gp)
{
  g_autoptr (GPtrArray) triples = g_ptr_array_new ();
  g_autofree guint8 *bound = g_malloc0 (ev->width + 1);
  rasqal_triple *t;

  for (int i = 0; (t = rasqal_graph_pattern_get_triple (gp, i)); i++)
    g_ptr_array_add (triples, t);
  /* variables bound in every solution so far count as known */
  for (guint s = 0; s < ev->width; s++)
    {
      gboolean all = bag->len > 0;
      for (guint i = 0; all && i < bag->len; i++)
        all = ((NgRow *) bag->pdata[i])->v[s] != NULL;
      bound[s] = all;
    }
  while (triples->len > 0 && bag->len > 0 && ng_eval_alive (ev))
    {
      guint best = 0;
      int best_score = -1;
      GPtrArray *next;
      for (guint i = 0; i < triples->len; i++)
        {
          rasqal_triple *c = triples->pdata[i];
          /* a class (rdf:type's object) selects little; a bound join
             variable or another constant much more */
          gboolean type_class = c->predicate->type == RASQAL_LITERAL_URI
            && c->object->type == RASQAL_LITERAL_URI
            && strcmp ((const char *) raptor_uri_as_string (c->predicate->value.uri),
                       "http://www.w3.org/1999/02/22-rdf-syntax-ns#type") == 0;
          int score = boundness (ev, c->subject, bound) * 4
                      + boundness (ev, c->object, bound) * (type_class ? 1 : 3)
                      + boundness (ev, c->predicate, bound) * 1;
          if (score > best_score)
            {
              best = i;
              best_score = score;
            }
        }
      t = g_ptr_array_steal_index (triples, best);
      next = ng_bag_new ();
      for (guint i = 0; i < bag->len && ng_eval_alive (ev); i++)
        match_triple (ev, t, bag->pdata[i], next);
      g_ptr_array_unref (bag);
      bag = next;
      rasqal_literal *pos[3] = { t->subject, t->predicate, t->object };
      for (int k = 0; k < 3; k++)
        {
          rasqal_variable *v = ng_eval_var_of (pos[k]);
          if (v)
            bound[ng_eval_slot (ev, v)] = 1;
        }
    }
  if (triples->len > 0)
    {
      /* no solutions left, or stopped */
      g_ptr_array_set_size (bag, 0);
    }
  return bag;
}

/* ------------------------------------------------------------ patterns */

GPtrArray *
ng_eval_values (NgEval *ev, ng_rasqal_bindings *b)
{
  GPtrArray *out = ng_bag_new ();
  int nvars = b && b->variables ? raptor_sequence_size (b->variables) : 0;
  for (int i = 0; b && b->rows && i < raptor_sequence_size (b->rows); i++)
    {
      ng_rasqal_row *row = NG_ROW (raptor_sequence_get_at (b->rows, i));
      /* Rasqal 0.9.33 puts all values of a one-variable VALUES block in one
       * row; each is a solution of its own */
      int per = nvars == 1 ? 1 : nvars;
      for (int off = 0; off + per <= row->size || (off == 0 && row->size == 0); off += per)
        {
          NgRow *r = ng_row_new (ev->width);
          for (int k = 0; k < per && off + k < row->size; k++)
            {
              rasqal_variable *v = raptor_sequence_get_at (b->variables, k);
              rasqal_literal *l = row->values[off + k];
              if (v && l)
                ng_row_set (r, ng_eval_slot (ev, v), rasqal_new_literal_from_literal (l));
            }
          g_ptr_array_add (out, r);
          if (per == 0)
            break;
        }
    }
  return out;
}

static GPtrArray *eval_group (NgEval *ev, rasqal_graph_pattern *gp, GPtrArray *seed);
static GPtrArray *eval_group_ex (NgEval *ev, rasqal_graph_pattern *gp,
                                 GPtrArray *bag, GPtrArray *conds_out);
static GPtrArray *apply_element (NgEval *ev, GPtrArray *bag,
                                 rasqal_graph_pattern *sub, GPtrArray *conds);

/* The contexts GRAPH may range over. */
static GPtrArray *
graph_names (NgEval *ev)
{
  GPtrArray *names = g_ptr_array_new_with_free_func ((GDestroyNotify) librdf_free_node);
  librdf_iterator *it;
  if (ev->named_model == NULL)
    return names;
  it = librdf_model_get_contexts (ev->named_model);
  while (it && !librdf_iterator_end (it))
    {
      librdf_node *n = librdf_iterator_get_object (it);
      gboolean allowed = n != NULL;
      if (allowed && ev->ds->named_graphs && ev->named_model == ev->ds->named)
        {
          const char *iri = librdf_node_is_resource (n)
            ? (const char *) librdf_uri_as_string (librdf_node_get_uri (n)) : "";
          allowed = FALSE;
          for (const char *const *g = ev->ds->named_graphs; *g && !allowed; g++)
            allowed = strcmp (*g, iri) == 0;
        }
      if (allowed)
        g_ptr_array_add (names, librdf_new_node_from_node (n));
      librdf_iterator_next (it);
    }
  if (it)
    librdf_free_iterator (it);
  return names;
}

static GPtrArray *
eval_graph (NgEval *ev, rasqal_graph_pattern *gp)
{
  rasqal_literal *origin = rasqal_graph_pattern_get_origin (gp);
  rasqal_graph_pattern *inner = rasqal_graph_pattern_get_sub_graph_pattern (gp, 0);
  rasqal_variable *v = ng_eval_var_of (origin);
  librdf_node *saved = ev->graph;
  g_autoptr (GPtrArray) names = graph_names (ev);
  GPtrArray *out = ng_bag_new ();

  for (guint i = 0; i < names->len && ng_eval_alive (ev); i++)
    {
      librdf_node *n = names->pdata[i];
      GPtrArray *part;
      if (v == NULL)
        {
          g_autoptr (librdf_node) want = ng_term_to_node (ev, origin);
          if (want == NULL || !librdf_node_equals (want, n))
            continue;
        }
      ev->graph = n;
      part = inner ? ng_eval_pattern (ev, inner) : ng_bag_unit (ev);
      ev->graph = saved;
      for (guint j = 0; j < part->len; j++)
        {
          NgRow *r = part->pdata[j];
          if (v)
            {
              rasqal_literal *g = ng_term_from_node (ev, n);
              guint s = ng_eval_slot (ev, v);
              if (r->v[s] && !ng_term_same (r->v[s], g))
                {
                  rasqal_free_literal (g);
                  continue;
                }
              ng_row_set (r, s, g);
            }
          g_ptr_array_add (out, g_steal_pointer (&part->pdata[j]));
        }
      g_ptr_array_unref (part);
    }
  return out;
}

/* The pattern of an OPTIONAL or MINUS block, and the filters of its top
 * group (which for OPTIONAL are the left join's condition). */
static rasqal_graph_pattern *
block_inner (rasqal_graph_pattern *gp)
{
  rasqal_graph_pattern *inner = rasqal_graph_pattern_get_sub_graph_pattern (gp, 0);
  if (inner && rasqal_graph_pattern_get_sub_graph_pattern (gp, 1) == NULL)
    return inner;
  return gp; /* several sub-patterns: the block itself is the group */
}

static GPtrArray *
eval_optional_right (NgEval *ev, rasqal_graph_pattern *gp, GPtrArray *conds)
{
  rasqal_graph_pattern *inner = block_inner (gp);
  rasqal_graph_pattern_operator op = rasqal_graph_pattern_get_operator (inner);
  if (inner == gp || op == RASQAL_GRAPH_PATTERN_OPERATOR_GROUP)
    {
      /* the group's filters become the left join's condition */
      return eval_group_ex (ev, inner, ng_bag_unit (ev), conds);
    }
  if (op == RASQAL_GRAPH_PATTERN_OPERATOR_BASIC)
    return apply_element (ev, ng_bag_unit (ev), inner, conds);
  return ng_eval_pattern (ev, inner);
}

static GPtrArray *
eval_subselect (NgEval *ev, rasqal_graph_pattern *gp)
{
  ng_rasqal_graph_pattern *g = NG_GP (gp);
  ng_rasqal_modifier *m = g->modifier;
  GPtrArray *vars = NULL;
  GPtrArray *bag = ng_eval_solve (
    ev, rasqal_graph_pattern_get_sub_graph_pattern (gp, 0),
    g->projection ? g->projection->variables : NULL,
    g->projection ? g->projection->wildcard : TRUE,
    g->projection ? g->projection->distinct : 0,
    m ? m->order_conditions : NULL, m ? m->group_conditions : NULL,
    m ? m->having_conditions : NULL, m ? m->limit : -1, m ? m->offset : -1,
    g->bindings, &vars);
  /* only the projected variables are visible outside */
  for (guint i = 0; bag && i < bag->len; i++)
    {
      NgRow *r = bag->pdata[i], *p = ng_row_new (ev->width);
      for (guint k = 0; vars && k < vars->len; k++)
        {
          guint s = ng_eval_slot (ev, vars->pdata[k]);
          if (s < r->n && r->v[s])
            p->v[s] = rasqal_new_literal_from_literal (r->v[s]);
        }
      ng_row_free (r);
      bag->pdata[i] = p;
    }
  if (vars)
    g_ptr_array_unref (vars);
  return bag ? bag : ng_bag_new ();
}

/* Whether GP is triples and FILTERs only: then OPTIONAL { GP } can be
 * evaluated with each left solution substituted (index lookups instead of
 * the whole of GP), which is the same left join. */
static gboolean
bgp_only (rasqal_graph_pattern *gp)
{
  rasqal_graph_pattern *sub;
  switch (rasqal_graph_pattern_get_operator (gp))
    {
    case RASQAL_GRAPH_PATTERN_OPERATOR_BASIC:
      return TRUE;
    case RASQAL_GRAPH_PATTERN_OPERATOR_LET:
      return ng_eval_filter_mark (rasqal_graph_pattern_get_variable (gp)) >= 0
             || g_str_has_prefix ((const char *) rasqal_graph_pattern_get_variable (gp)->name,
                                  NG_FILTER_PAD);
    case RASQAL_GRAPH_PATTERN_OPERATOR_FILTER:
      return TRUE;
    case RASQAL_GRAPH_PATTERN_OPERATOR_GROUP:
      for (int i = 0; (sub = rasqal_graph_pattern_get_sub_graph_pattern (gp, i)); i++)
        if (rasqal_graph_pattern_get_operator (sub) == RASQAL_GRAPH_PATTERN_OPERATOR_GROUP
            || !bgp_only (sub))
          return FALSE;
      return TRUE;
    default:
      return FALSE;
    }
}

/* LeftJoin (BAG, INNER) for a triples-and-filters INNER: each solution is
 * extended by INNER's matches under it; the filters are the condition. */
static GPtrArray *
left_join_bgp (NgEval *ev, GPtrArray *bag, rasqal_graph_pattern *inner)
{
  GPtrArray *out = ng_bag_new ();
  for (guint i = 0; i < bag->len && ng_eval_alive (ev); i++)
    {
      g_autoptr (GPtrArray) conds = g_ptr_array_new ();
      GPtrArray *seed = ng_bag_new (), *ext;
      gboolean matched = FALSE;
      g_ptr_array_add (seed, ng_row_copy (bag->pdata[i]));
      if (rasqal_graph_pattern_get_operator (inner) == RASQAL_GRAPH_PATTERN_OPERATOR_GROUP)
        ext = eval_group_ex (ev, inner, seed, conds);
      else
        ext = apply_element (ev, seed, inner, conds);
      for (guint k = 0; k < ext->len; k++)
        if (ng_bag_all_true (ev, conds, ext->pdata[k]))
          {
            g_ptr_array_add (out, g_steal_pointer (&ext->pdata[k]));
            matched = TRUE;
          }
      g_ptr_array_unref (ext);
      if (!matched)
        g_ptr_array_add (out, ng_row_copy (bag->pdata[i]));
      if (!ng_bag_within_limit (ev, out))
        break;
    }
  g_ptr_array_unref (bag);
  return out;
}

/* Applies one element of a group to the solutions so far (BAG, consumed);
 * filters are collected in CONDS and apply to the whole group. */
static GPtrArray *
apply_element (NgEval *ev, GPtrArray *bag, rasqal_graph_pattern *sub,
               GPtrArray *conds)
{
  switch (rasqal_graph_pattern_get_operator (sub))
    {
    case RASQAL_GRAPH_PATTERN_OPERATOR_BASIC:
      bag = extend_bgp (ev, bag, sub);
      {
        rasqal_expression *bf = rasqal_graph_pattern_get_filter_expression (sub);
        if (bf)
          g_ptr_array_add (conds, bf);
      }
      break;
    case RASQAL_GRAPH_PATTERN_OPERATOR_FILTER:
      g_ptr_array_add (conds, rasqal_graph_pattern_get_filter_expression (sub));
      break;
    case RASQAL_GRAPH_PATTERN_OPERATOR_OPTIONAL:
      if (bgp_only (block_inner (sub)))
        bag = left_join_bgp (ev, bag, block_inner (sub));
      else
        {
          g_autoptr (GPtrArray) oc = g_ptr_array_new ();
          GPtrArray *right = eval_optional_right (ev, sub, oc);
          bag = ng_bag_left_join (ev, bag, right, oc);
        }
      break;
    case RASQAL_GRAPH_PATTERN_OPERATOR_MINUS:
      {
        rasqal_graph_pattern *inner = block_inner (sub);
        GPtrArray *right = inner == sub ? eval_group (ev, sub, ng_bag_unit (ev))
                                        : ng_eval_pattern (ev, inner);
        bag = ng_bag_minus (ev, bag, right);
      }
      break;
    case RASQAL_GRAPH_PATTERN_OPERATOR_LET:
      {
        rasqal_variable *v = rasqal_graph_pattern_get_variable (sub);
        rasqal_expression *e = rasqal_graph_pattern_get_filter_expression (sub);
        guint s;
        if (g_str_has_prefix ((const char *) v->name, NG_FILTER_PAD))
          break;
        if (ng_eval_filter_mark (v) >= 0)
          {
            /* a cut-out FILTER: a condition on the whole group */
            g_ptr_array_add (conds, NG_FILTER_COND (ng_eval_filter_mark (v)));
            break;
          }
        s = ng_eval_slot (ev, v);
        for (guint k = 0; k < bag->len; k++)
          {
            NgRow *r = bag->pdata[k];
            rasqal_literal *val = ng_expr_eval (ev, e, r);
            if (val && r->v[s] == NULL)
              r->v[s] = val;
            else if (val)
              rasqal_free_literal (val);
          }
      }
      break;
    default:
      bag = ng_bag_join (ev, bag, ng_eval_pattern (ev, sub));
      break;
    }
  return bag;
}

/* The solutions of group GP from BAG (consumed).  With CONDS_OUT, the
 * group's filters are handed out instead of applied (OPTIONAL's
 * condition). */
static GPtrArray *
eval_group_ex (NgEval *ev, rasqal_graph_pattern *gp, GPtrArray *bag,
               GPtrArray *conds_out)
{
  g_autoptr (GPtrArray) conds = g_ptr_array_new ();
  rasqal_graph_pattern *sub;
  rasqal_expression *f = rasqal_graph_pattern_get_filter_expression (gp);

  if (f)
    g_ptr_array_add (conds, f);
  for (int i = 0; (sub = rasqal_graph_pattern_get_sub_graph_pattern (gp, i))
                  && ng_eval_alive (ev); i++)
    bag = apply_element (ev, bag, sub, conds);
  if (conds_out)
    {
      for (guint i = 0; i < conds->len; i++)
        g_ptr_array_add (conds_out, conds->pdata[i]);
      return bag;
    }
  return ng_bag_filter (ev, bag, conds);
}

static GPtrArray *
eval_group (NgEval *ev, rasqal_graph_pattern *gp, GPtrArray *bag)
{
  return eval_group_ex (ev, gp, bag, NULL);
}

GPtrArray *
ng_eval_group_from (NgEval *ev, rasqal_graph_pattern *gp, GPtrArray *seed)
{
  switch (rasqal_graph_pattern_get_operator (gp))
    {
    case RASQAL_GRAPH_PATTERN_OPERATOR_GROUP:
      return eval_group (ev, gp, seed);
    case RASQAL_GRAPH_PATTERN_OPERATOR_BASIC:
      {
        g_autoptr (GPtrArray) c = g_ptr_array_new ();
        return ng_bag_filter (ev, apply_element (ev, seed, gp, c), c);
      }
    default:
      return ng_bag_join (ev, seed, ng_eval_pattern (ev, gp));
    }
}

GPtrArray *
ng_eval_pattern (NgEval *ev, rasqal_graph_pattern *gp)
{
  rasqal_graph_pattern *sub;
  GPtrArray *out;

  if (gp == NULL)
    return ng_bag_unit (ev);
  if (!ng_eval_alive (ev))
    return ng_bag_new ();
  switch (rasqal_graph_pattern_get_operator (gp))
    {
    case RASQAL_GRAPH_PATTERN_OPERATOR_BASIC:
    case RASQAL_GRAPH_PATTERN_OPERATOR_GROUP:
      return ng_eval_group_from (ev, gp, ng_bag_unit (ev));
    case RASQAL_GRAPH_PATTERN_OPERATOR_UNION:
      out = ng_bag_new ();
      for (int i = 0; (sub = rasqal_graph_pattern_get_sub_graph_pattern (gp, i)); i++)
        {
          GPtrArray *part = ng_eval_pattern (ev, sub);
          for (guint k = 0; k < part->len; k++)
            g_ptr_array_add (out, g_steal_pointer (&part->pdata[k]));
          g_ptr_array_unref (part);
        }
      return out;
    case RASQAL_GRAPH_PATTERN_OPERATOR_OPTIONAL:
      {
        g_autoptr (GPtrArray) oc = g_ptr_array_new ();
        GPtrArray *right = eval_optional_right (ev, gp, oc);
        return ng_bag_left_join (ev, ng_bag_unit (ev), right, oc);
      }
    case RASQAL_GRAPH_PATTERN_OPERATOR_GRAPH:
      return eval_graph (ev, gp);
    case RASQAL_GRAPH_PATTERN_OPERATOR_FILTER:
    case RASQAL_GRAPH_PATTERN_OPERATOR_LET:
    case RASQAL_GRAPH_PATTERN_OPERATOR_MINUS:
      {
        /* a lone element: a group of one */
        g_autoptr (GPtrArray) conds = g_ptr_array_new ();
        return ng_bag_filter (ev, apply_element (ev, ng_bag_unit (ev), gp, conds), conds);
      }
    case RASQAL_GRAPH_PATTERN_OPERATOR_SELECT:
      return eval_subselect (ev, gp);
    case RASQAL_GRAPH_PATTERN_OPERATOR_VALUES:
      return ng_eval_values (ev, NG_GP (gp)->bindings);
    case RASQAL_GRAPH_PATTERN_OPERATOR_SERVICE:
      ng_eval_fail (ev, NG_SPARQL_ERROR_UNSUPPORTED,
                    "SERVICE (federated queries) is not supported");
      return ng_bag_new ();
    default:
      ng_eval_fail (ev, NG_SPARQL_ERROR_UNSUPPORTED,
                    "graph pattern “%s” is not supported",
                    rasqal_graph_pattern_operator_as_string (
                      rasqal_graph_pattern_get_operator (gp)));
      return ng_bag_new ();
    }
}
