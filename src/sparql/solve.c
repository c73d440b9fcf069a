/* solve.c — solution modifiers: grouping and aggregates, HAVING, SELECT
 * expressions, ORDER BY, projection, DISTINCT/REDUCED, OFFSET/LIMIT; and
 * EXISTS. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"

gboolean
ng_eval_alive (NgEval *ev)
{
  if (ev->error)
    return FALSE;
  if ((++ev->ticks & 0x3ff) == 0)
    {
      if (ev->deadline && g_get_monotonic_time () > ev->deadline)
        ng_eval_fail (ev, NG_SPARQL_ERROR_TIMEOUT, "the query time limit was reached");
      else if (ev->cancel && g_atomic_int_get (ev->cancel))
        ng_eval_fail (ev, NG_SPARQL_ERROR_TIMEOUT, "the query was cancelled");
    }
  return ev->error == NULL;
}

void
ng_eval_fail (NgEval *ev, int code, const char *fmt, ...)
{
  va_list ap;
  if (ev->error)
    return;
  va_start (ap, fmt);
  ev->error = g_error_new_valist (NG_SPARQL_ERROR, code, fmt, ap);
  va_end (ap);
}

/* ------------------------------------------------------------ aggregates */

static void
collect_aggregates (NgEval *ev, rasqal_expression *e, GPtrArray *aggs)
{
  if (e == NULL)
    return;
  if (ng_expr_is_aggregate_op (e->op))
    {
      /* slots are per evaluation of this SELECT: a sub-select inside GRAPH
         runs once per graph */
      if (!g_ptr_array_find (aggs, e, NULL))
        {
          g_ptr_array_add (aggs, e);
          g_hash_table_insert (ev->agg_slots, e,
                               GUINT_TO_POINTER (ev->width + aggs->len));
        }
      return;
    }
  if (e->op == RASQAL_EXPR_LITERAL)
    {
      rasqal_variable *v = ng_eval_var_of (e->literal);
      /* a reference to an earlier SELECT expression: its aggregates too */
      if (v && v->expression && v->expression != e)
        collect_aggregates (ev, v->expression, aggs);
      return;
    }
  collect_aggregates (ev, e->arg1, aggs);
  collect_aggregates (ev, e->arg2, aggs);
  collect_aggregates (ev, e->arg3, aggs);
  collect_aggregates (ev, e->arg4, aggs);
  for (int i = 0; e->args && i < raptor_sequence_size (e->args); i++)
    collect_aggregates (ev, raptor_sequence_get_at (e->args, i), aggs);
}

static char *
expr_text (rasqal_expression *e)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream (&buf, &len);
  if (f == NULL)
    return g_strdup ("");
  rasqal_expression_print (e, f);
  fclose (f);
  return buf;
}

/* Nodes of E that repeat a GROUP BY expression (by their text) answer with
 * the group's value. */
static void
link_group_exprs (NgEval *ev, rasqal_expression *e, GPtrArray *gexprs, GPtrArray *gtexts)
{
  if (e == NULL || ng_expr_is_aggregate_op (e->op))
    return;
  if (e->op != RASQAL_EXPR_LITERAL)
    {
      char *t = expr_text (e);
      for (guint i = 0; i < gtexts->len; i++)
        if (strcmp (t, gtexts->pdata[i]) == 0)
          {
            g_hash_table_insert (ev->agg_slots, e,
                                 g_hash_table_lookup (ev->agg_slots, gexprs->pdata[i]));
            free (t);
            return;
          }
      free (t);
    }
  link_group_exprs (ev, e->arg1, gexprs, gtexts);
  link_group_exprs (ev, e->arg2, gexprs, gtexts);
  link_group_exprs (ev, e->arg3, gexprs, gtexts);
  link_group_exprs (ev, e->arg4, gexprs, gtexts);
  for (int i = 0; e->args && i < raptor_sequence_size (e->args); i++)
    link_group_exprs (ev, raptor_sequence_get_at (e->args, i), gexprs, gtexts);
}

static rasqal_literal *
arith (NgEval *ev, rasqal_op op, rasqal_literal *a, rasqal_literal *b)
{
  int err = 0;
  rasqal_expression *e = rasqal_new_2op_expression (
    ev->rw, op, rasqal_new_literal_expression (ev->rw, rasqal_new_literal_from_literal (a)),
    rasqal_new_literal_expression (ev->rw, rasqal_new_literal_from_literal (b)));
  rasqal_literal *r = rasqal_expression_evaluate2 (e, ev->ec, &err);
  rasqal_free_expression (e);
  if (err && r)
    {
      rasqal_free_literal (r);
      r = NULL;
    }
  return r;
}

static rasqal_literal *
aggregate (NgEval *ev, rasqal_expression *a, GPtrArray *rows)
{
  gboolean distinct = (a->flags & RASQAL_EXPR_FLAG_DISTINCT) != 0;
  rasqal_expression *arg = a->arg1;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) vals = g_ptr_array_new_with_free_func ((GDestroyNotify) rasqal_free_literal);
  gboolean star = arg == NULL || arg->op == RASQAL_EXPR_VARSTAR;
  gboolean had_error = FALSE;

  if (a->op == RASQAL_EXPR_GROUP_CONCAT && a->args && raptor_sequence_size (a->args) > 0)
    {
      arg = raptor_sequence_get_at (a->args, 0);
      star = FALSE;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      NgRow *r = rows->pdata[i];
      rasqal_literal *v;
      if (a->op == RASQAL_EXPR_COUNT && star)
        {
          if (distinct)
            {
              GString *k = g_string_new (NULL);
              for (guint s = 0; s < ev->width && s < r->n; s++)
                ng_term_key (k, r->v[s]);
              if (!g_hash_table_add (seen, g_string_free (k, FALSE)))
                continue;
            }
          g_ptr_array_add (vals, rasqal_new_boolean_literal (ev->rw, 1));
          continue;
        }
      v = ng_expr_eval (ev, arg, r);
      if (v == NULL)
        {
          had_error = TRUE;
          continue;
        }
      if (distinct)
        {
          GString *k = g_string_new (NULL);
          ng_term_key (k, v);
          if (!g_hash_table_add (seen, g_string_free (k, FALSE)))
            {
              rasqal_free_literal (v);
              continue;
            }
        }
      g_ptr_array_add (vals, v);
    }

  switch (a->op)
    {
    case RASQAL_EXPR_COUNT:
      return rasqal_new_integer_literal (ev->rw, RASQAL_LITERAL_INTEGER, (int) vals->len);
    case RASQAL_EXPR_SUM:
    case RASQAL_EXPR_AVG:
      {
        rasqal_literal *sum = rasqal_new_integer_literal (ev->rw, RASQAL_LITERAL_INTEGER, 0);
        if (had_error && a->op == RASQAL_EXPR_SUM && vals->len == 0)
          {
            rasqal_free_literal (sum);
            return NULL;
          }
        for (guint i = 0; sum && i < vals->len; i++)
          {
            rasqal_literal *n = ng_term_is_numeric (vals->pdata[i])
                                ? arith (ev, RASQAL_EXPR_PLUS, sum, vals->pdata[i]) : NULL;
            rasqal_free_literal (sum);
            sum = n;
          }
        if (sum && a->op == RASQAL_EXPR_AVG && vals->len > 0)
          {
            rasqal_literal *cnt = rasqal_new_integer_literal (ev->rw, RASQAL_LITERAL_INTEGER,
                                                              (int) vals->len);
            rasqal_literal *avg = arith (ev, RASQAL_EXPR_SLASH, sum, cnt);
            rasqal_free_literal (cnt);
            rasqal_free_literal (sum);
            sum = avg;
          }
        return sum;
      }
    case RASQAL_EXPR_MIN:
    case RASQAL_EXPR_MAX:
      {
        rasqal_literal *best = NULL;
        for (guint i = 0; i < vals->len; i++)
          {
            int c = best ? ng_term_order (vals->pdata[i], best) : 0;
            if (best == NULL || (a->op == RASQAL_EXPR_MIN ? c < 0 : c > 0))
              best = vals->pdata[i];
          }
        return best ? rasqal_new_literal_from_literal (best) : NULL;
      }
    case RASQAL_EXPR_SAMPLE:
      return vals->len ? rasqal_new_literal_from_literal (vals->pdata[0]) : NULL;
    case RASQAL_EXPR_GROUP_CONCAT:
      {
        const char *sep = a->literal ? (const char *) rasqal_literal_as_string (a->literal) : " ";
        GString *s = g_string_new (NULL);
        unsigned char *copy;
        for (guint i = 0; i < vals->len; i++)
          {
            rasqal_literal *v = vals->pdata[i];
            if (i)
              g_string_append (s, sep);
            g_string_append (s, (const char *) rasqal_literal_as_string (v));
          }
        copy = (unsigned char *) strdup (s->str);
        g_string_free (s, TRUE);
        return rasqal_new_string_literal (ev->rw, copy, NULL, NULL, NULL);
      }
    default:
      return NULL;
    }
}

/* Groups BAG (consumed) by the GROUP BY conditions and computes the
 * aggregates AGGS per group into the slots after the variables. */
static GPtrArray *
group_rows (NgEval *ev, GPtrArray *bag, raptor_sequence *group, GPtrArray *aggs)
{
  g_autoptr (GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GPtrArray) keyrows = g_ptr_array_new_with_free_func ((GDestroyNotify) ng_row_free);
  int ng = group ? raptor_sequence_size (group) : 0;
  GPtrArray *out = ng_bag_new ();

  /* GROUP BY expressions are computed from the solutions here, not read
     from their slot */
  for (guint k = 0; k < aggs->len; k++)
    if (!ng_expr_is_aggregate_op (((rasqal_expression *) aggs->pdata[k])->op))
      g_hash_table_remove (ev->agg_slots, aggs->pdata[k]);

  for (guint i = 0; i < bag->len && ng_eval_alive (ev); i++)
    {
      NgRow *r = bag->pdata[i];
      NgRow *kr = ng_row_new (ev->width + aggs->len);
      GString *key = g_string_new (NULL);
      gpointer idx;
      for (int g = 0; g < ng; g++)
        {
          rasqal_expression *e = raptor_sequence_get_at (group, g);
          rasqal_variable *v = e->op == RASQAL_EXPR_LITERAL ? ng_eval_var_of (e->literal) : NULL;
          rasqal_literal *val = ng_expr_eval (ev, v && v->expression ? v->expression : e, r);
          ng_term_key (key, val);
          if (v)
            ng_row_set (kr, ng_eval_slot (ev, v), val);
          else if (val)
            rasqal_free_literal (val);
        }
      if (g_hash_table_lookup_extended (index, key->str, NULL, &idx))
        {
          ng_row_free (kr);
          g_ptr_array_add (groups->pdata[GPOINTER_TO_UINT (idx)], r);
          g_string_free (key, TRUE);
        }
      else
        {
          GPtrArray *members = g_ptr_array_new ();
          g_ptr_array_add (members, r);
          g_hash_table_insert (index, g_string_free (key, FALSE),
                               GUINT_TO_POINTER (groups->len));
          g_ptr_array_add (groups, members);
          g_ptr_array_add (keyrows, kr);
        }
    }
  /* without GROUP BY, aggregates over no solutions still give one row */
  if (groups->len == 0 && ng == 0)
    {
      g_ptr_array_add (groups, g_ptr_array_new ());
      g_ptr_array_add (keyrows, ng_row_new (ev->width + aggs->len));
    }
  for (guint k = 0; k < aggs->len; k++)
    if (!ng_expr_is_aggregate_op (((rasqal_expression *) aggs->pdata[k])->op))
      g_hash_table_insert (ev->agg_slots, aggs->pdata[k], GUINT_TO_POINTER (ev->width + k + 1));
  for (guint g = 0; g < groups->len && ng_eval_alive (ev); g++)
    {
      NgRow *kr = g_steal_pointer (&keyrows->pdata[g]);
      for (guint k = 0; k < aggs->len; k++)
        {
          rasqal_expression *a = aggs->pdata[k];
          GPtrArray *members = groups->pdata[g];
          if (ng_expr_is_aggregate_op (a->op))
            kr->v[ev->width + k] = aggregate (ev, a, members);
          else if (members->len > 0)
            {
              /* a GROUP BY expression: its value, the same in the whole
                 group (the slot must not answer for itself meanwhile) */
              g_hash_table_remove (ev->agg_slots, a);
              kr->v[ev->width + k] = ng_expr_eval (ev, a, members->pdata[0]);
              g_hash_table_insert (ev->agg_slots, a, GUINT_TO_POINTER (ev->width + k + 1));
            }
        }
      g_ptr_array_add (out, kr);
    }
  g_ptr_array_unref (bag);
  return out;
}

/* ------------------------------------------------------------ order */

typedef struct {
  guint index;
  rasqal_literal **keys;
} SortItem;

typedef struct {
  guint n;
  gboolean *desc;
} SortSpec;

static int
compare_items (gconstpointer pa, gconstpointer pb, gpointer user_data)
{
  const SortItem *a = pa, *b = pb;
  const SortSpec *spec = user_data;
  for (guint i = 0; i < spec->n; i++)
    {
      int c = ng_term_order (a->keys[i], b->keys[i]);
      if (c)
        return spec->desc[i] ? -c : c;
    }
  return a->index < b->index ? -1 : a->index > b->index;
}

static GPtrArray *
order_rows (NgEval *ev, GPtrArray *bag, raptor_sequence *order)
{
  guint n = (guint) raptor_sequence_size (order);
  g_autofree SortItem *items = g_new0 (SortItem, bag->len);
  g_autofree gboolean *desc = g_new0 (gboolean, n);
  g_autofree rasqal_expression **exprs = g_new0 (rasqal_expression *, n);
  SortSpec spec = { n, desc };
  GPtrArray *out = ng_bag_new ();

  for (guint i = 0; i < n; i++)
    {
      rasqal_expression *e = raptor_sequence_get_at (order, (int) i);
      if (e->op == RASQAL_EXPR_ORDER_COND_ASC || e->op == RASQAL_EXPR_ORDER_COND_DESC)
        {
          desc[i] = e->op == RASQAL_EXPR_ORDER_COND_DESC;
          e = e->arg1;
        }
      exprs[i] = e;
    }
  for (guint r = 0; r < bag->len; r++)
    {
      items[r].index = r;
      items[r].keys = g_new0 (rasqal_literal *, n);
      for (guint i = 0; i < n; i++)
        items[r].keys[i] = ng_expr_eval (ev, exprs[i], bag->pdata[r]);
    }
  g_qsort_with_data (items, (gint) bag->len, sizeof (SortItem), compare_items, &spec);
  for (guint r = 0; r < bag->len; r++)
    {
      g_ptr_array_add (out, g_steal_pointer (&bag->pdata[items[r].index]));
      for (guint i = 0; i < n; i++)
        if (items[r].keys[i])
          rasqal_free_literal (items[r].keys[i]);
      g_free (items[r].keys);
    }
  g_ptr_array_unref (bag);
  return out;
}

/* ------------------------------------------------------------ solve */

static gboolean
seq_has_aggregate (raptor_sequence *seq)
{
  for (int i = 0; seq && i < raptor_sequence_size (seq); i++)
    if (ng_expr_has_aggregate (raptor_sequence_get_at (seq, i)))
      return TRUE;
  return FALSE;
}

/* Whether a sub-select inside GP projects V.  Rasqal keeps one variable
 * object per name for the whole query, so the expression of
 * SELECT (COUNT(?x) AS ?c) in a sub-select also hangs on the outer ?c. */
static gboolean
defined_below (rasqal_graph_pattern *gp, rasqal_variable *v)
{
  rasqal_graph_pattern *sub;
  if (gp == NULL)
    return FALSE;
  if (rasqal_graph_pattern_get_operator (gp) == RASQAL_GRAPH_PATTERN_OPERATOR_SELECT)
    {
      ng_rasqal_projection *p = NG_GP (gp)->projection;
      for (int i = 0; p && p->variables && i < raptor_sequence_size (p->variables); i++)
        if (raptor_sequence_get_at (p->variables, i) == v)
          return TRUE;
    }
  for (int i = 0; (sub = rasqal_graph_pattern_get_sub_graph_pattern (gp, i)); i++)
    if (defined_below (sub, v))
      return TRUE;
  return FALSE;
}

/* Variables SELECT * stands for: the named ones bound in some solution. */
static GPtrArray *
wildcard_vars (NgEval *ev, GPtrArray *bag)
{
  GPtrArray *vars = g_ptr_array_new ();
  for (guint s = 0; s < ev->n_named; s++)
    {
      gboolean used = FALSE;
      for (guint i = 0; !used && i < bag->len; i++)
        used = ((NgRow *) bag->pdata[i])->v[s] != NULL;
      if (used && g_ptr_array_index (ev->slot_vars, s))
        g_ptr_array_add (vars, g_ptr_array_index (ev->slot_vars, s));
    }
  return vars;
}

GPtrArray *
ng_eval_solve (NgEval *ev, rasqal_graph_pattern *where,
               raptor_sequence *projection, gboolean wildcard, int distinct,
               raptor_sequence *order, raptor_sequence *group,
               raptor_sequence *having, int limit, int offset,
               ng_rasqal_bindings *values, GPtrArray **vars_out)
{
  GPtrArray *bag = ng_eval_pattern (ev, where);
  GPtrArray *vars;
  gboolean grouped = FALSE;
  int np = projection ? raptor_sequence_size (projection) : 0;
  g_autofree rasqal_expression **exprs = g_new0 (rasqal_expression *, np + 1);

  /* the SELECT expressions of this level */
  for (int i = 0; i < np; i++)
    {
      rasqal_variable *v = raptor_sequence_get_at (projection, i);
      if (v->expression && !defined_below (where, v))
        {
          exprs[i] = v->expression;
          grouped = grouped || ng_expr_has_aggregate (v->expression);
        }
    }

  if (values && ng_eval_alive (ev))
    bag = ng_bag_join (ev, bag, ng_eval_values (ev, values));

  grouped = grouped || (group && raptor_sequence_size (group) > 0)
            || seq_has_aggregate (having) || seq_has_aggregate (order);
  if (grouped && ng_eval_alive (ev))
    {
      g_autoptr (GPtrArray) aggs = g_ptr_array_new ();
      g_autoptr (GPtrArray) gexprs = g_ptr_array_new ();
      g_autoptr (GPtrArray) gtexts = g_ptr_array_new_with_free_func (free);
      for (int i = 0; group && i < raptor_sequence_size (group); i++)
        {
          rasqal_expression *g = raptor_sequence_get_at (group, i);
          rasqal_variable *gv = g->op == RASQAL_EXPR_LITERAL ? ng_eval_var_of (g->literal) : NULL;
          /* (expr AS ?v): ?v is bound by the grouping, not recomputed */
          for (int k = 0; gv && k < np; k++)
            if (raptor_sequence_get_at (projection, k) == gv)
              exprs[k] = NULL;
          if (gv == NULL)
            {
              g_ptr_array_add (aggs, g);
              g_hash_table_insert (ev->agg_slots, g, GUINT_TO_POINTER (ev->width + aggs->len));
              g_ptr_array_add (gexprs, g);
              g_ptr_array_add (gtexts, expr_text (g));
            }
        }
      for (int i = 0; i < np; i++)
        collect_aggregates (ev, exprs[i], aggs);
      for (int i = 0; having && i < raptor_sequence_size (having); i++)
        collect_aggregates (ev, raptor_sequence_get_at (having, i), aggs);
      for (int i = 0; order && i < raptor_sequence_size (order); i++)
        collect_aggregates (ev, raptor_sequence_get_at (order, i), aggs);
      for (int i = 0; gexprs->len && i < np; i++)
        link_group_exprs (ev, exprs[i], gexprs, gtexts);
      for (int i = 0; gexprs->len && having && i < raptor_sequence_size (having); i++)
        link_group_exprs (ev, raptor_sequence_get_at (having, i), gexprs, gtexts);
      for (int i = 0; gexprs->len && order && i < raptor_sequence_size (order); i++)
        link_group_exprs (ev, raptor_sequence_get_at (order, i), gexprs, gtexts);
      bag = group_rows (ev, bag, group, aggs);
    }

  /* SELECT expressions, in order: later ones may use earlier ones */
  for (guint k = 0; k < bag->len; k++)
    for (int i = 0; i < np; i++)
      if (exprs[i])
        {
          NgRow *r = bag->pdata[k];
          rasqal_literal *val = ng_expr_eval (ev, exprs[i], r);
          ng_row_set (r, ng_eval_slot (ev, raptor_sequence_get_at (projection, i)), val);
        }
  if (having && raptor_sequence_size (having) > 0)
    {
      GPtrArray *kept = ng_bag_new ();
      for (guint k = 0; k < bag->len; k++)
        {
          gboolean ok = TRUE;
          for (int i = 0; ok && i < raptor_sequence_size (having); i++)
            ok = ng_expr_true (ev, raptor_sequence_get_at (having, i), bag->pdata[k]);
          if (ok)
            g_ptr_array_add (kept, g_steal_pointer (&bag->pdata[k]));
        }
      g_ptr_array_unref (bag);
      bag = kept;
    }
  if (order && raptor_sequence_size (order) > 0 && ng_eval_alive (ev))
    bag = order_rows (ev, bag, order);

  if (projection && !wildcard)
    {
      vars = g_ptr_array_new ();
      for (int i = 0; i < raptor_sequence_size (projection); i++)
        g_ptr_array_add (vars, raptor_sequence_get_at (projection, i));
    }
  else
    vars = wildcard_vars (ev, bag);

  /* REDUCED (2) may keep duplicates; only DISTINCT (1) removes them */
  if (distinct == 1)
    {
      g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      GPtrArray *kept = ng_bag_new ();
      for (guint k = 0; k < bag->len; k++)
        {
          GString *key = g_string_new (NULL);
          NgRow *r = bag->pdata[k];
          for (guint i = 0; i < vars->len; i++)
            ng_term_key (key, r->v[ng_eval_slot (ev, vars->pdata[i])]);
          if (g_hash_table_add (seen, g_string_free (key, FALSE)))
            g_ptr_array_add (kept, g_steal_pointer (&bag->pdata[k]));
        }
      g_ptr_array_unref (bag);
      bag = kept;
    }
  if (offset > 0 || limit >= 0)
    {
      guint from = offset > 0 ? MIN ((guint) offset, bag->len) : 0;
      guint to = limit >= 0 ? MIN (bag->len, from + (guint) limit) : bag->len;
      GPtrArray *kept = ng_bag_new ();
      for (guint k = from; k < to; k++)
        g_ptr_array_add (kept, g_steal_pointer (&bag->pdata[k]));
      g_ptr_array_unref (bag);
      bag = kept;
    }
  *vars_out = vars;
  return bag;
}

/* ------------------------------------------------------------ EXISTS */

/* The evaluation of sub-query N of QUERIES (an EXISTS pattern or a cut-out
 * FILTER), made on first use and kept in *CACHE. */
static NgEval *
sub_eval (NgEval *ev, NgEval *src, GPtrArray **cache, GPtrArray *queries, guint n)
{
  NgEval *inner;
  if (n >= queries->len)
    return NULL;
  if (*cache == NULL)
    *cache = g_ptr_array_new ();
  while ((*cache)->len <= n)
    g_ptr_array_add (*cache, NULL);
  inner = (*cache)->pdata[n];
  if (inner == NULL)
    {
      inner = g_new0 (NgEval, 1);
      if (!ng_eval_init (inner, queries->pdata[n], ev->ds))
        {
          ng_eval_fail (ev, NG_SPARQL_ERROR_EXECUTION, "%s", inner->error->message);
          ng_eval_clear (inner);
          g_free (inner);
          return NULL;
        }
      inner->outer = ev;
      inner->default_model = ev->default_model;
      inner->named_model = ev->named_model;
      /* the outer solution maps onto this query's variables by name */
      inner->outer_map = g_new (guint, src->width);
      for (guint i = 0; i < src->width; i++)
        {
          rasqal_variable *ov = src->slot_vars->pdata[i];
          inner->outer_map[i] = G_MAXUINT;
          if (ov == NULL || ov->type != RASQAL_VARIABLE_TYPE_NORMAL)
            continue;
          for (guint k = 0; k < inner->n_named; k++)
            {
              rasqal_variable *iv = inner->slot_vars->pdata[k];
              if (iv && strcmp ((const char *) iv->name, (const char *) ov->name) == 0)
                inner->outer_map[i] = k;
            }
        }
      (*cache)->pdata[n] = inner;
    }
  inner->graph = ev->graph;
  inner->deadline = ev->deadline;
  inner->cancel = ev->cancel;
  return inner;
}

static NgRow *
map_row (NgEval *ev, NgEval *inner, const NgRow *row)
{
  NgRow *s = ng_row_new (inner->width);
  for (guint i = 0; i < ev->width && i < row->n; i++)
    if (row->v[i] && inner->outer_map[i] != G_MAXUINT)
      s->v[inner->outer_map[i]] = rasqal_new_literal_from_literal (row->v[i]);
  return s;
}

gboolean
ng_eval_exists (NgEval *ev, guint n, const NgRow *row)
{
  /* inside a cut-out FILTER, the solution is the one the filter tests */
  NgEval *src = ev->outer_row ? ev->outer : ev;
  const NgRow *srow = ev->outer_row ? ev->outer_row : row;
  NgEval *inner = sub_eval (ev, src, &ev->exists_evals, ev->q->exists, n);
  GPtrArray *seed, *res;
  gboolean found;
  if (inner == NULL)
    return FALSE;
  seed = ng_bag_new ();
  g_ptr_array_add (seed, map_row (src, inner, srow));
  res = ng_eval_group_from (inner, rasqal_query_get_query_graph_pattern (inner->q->rq), seed);
  found = res->len > 0;
  g_ptr_array_unref (res);
  if (inner->error && !ev->error)
    ev->error = g_error_copy (inner->error);
  return found;
}

static rasqal_expression *
first_filter (rasqal_graph_pattern *gp)
{
  rasqal_graph_pattern *sub;
  if (gp == NULL)
    return NULL;
  if (rasqal_graph_pattern_get_operator (gp) == RASQAL_GRAPH_PATTERN_OPERATOR_FILTER)
    return rasqal_graph_pattern_get_filter_expression (gp);
  for (int i = 0; (sub = rasqal_graph_pattern_get_sub_graph_pattern (gp, i)); i++)
    {
      rasqal_expression *e = first_filter (sub);
      if (e)
        return e;
    }
  return rasqal_graph_pattern_get_filter_expression (gp);
}

gboolean
ng_eval_filter (NgEval *ev, guint n, const NgRow *row)
{
  NgEval *inner = sub_eval (ev, ev, &ev->filter_evals, ev->q->filters, n);
  NgRow *mapped;
  gboolean ok;
  rasqal_expression *e;
  if (inner == NULL)
    return FALSE;
  e = first_filter (rasqal_query_get_query_graph_pattern (inner->q->rq));
  if (e == NULL)
    return FALSE;
  mapped = map_row (ev, inner, row);
  inner->outer_row = row;
  ok = ng_expr_true (inner, e, mapped);
  inner->outer_row = NULL;
  ng_row_free (mapped);
  if (inner->error && !ev->error)
    ev->error = g_error_copy (inner->error);
  return ok;
}

int
ng_eval_filter_mark (rasqal_variable *v)
{
  if (v == NULL || !g_str_has_prefix ((const char *) v->name, NG_FILTER_VAR))
    return -1;
  return atoi ((const char *) v->name + strlen (NG_FILTER_VAR));
}
