/* bag.c — solutions and bags of solutions: rows, hash joins on the
 * variables both sides always bind, left join with a condition, MINUS,
 * FILTER, and the limit on intermediate solutions. */
#include "config.h"

#include <string.h>

#include "eval.h"

/* ------------------------------------------------------------ rows */

NgRow *
ng_row_new (guint n)
{
  NgRow *r = g_malloc0 (sizeof (NgRow) + n * sizeof (rasqal_literal *));
  r->n = n;
  return r;
}

NgRow *
ng_row_copy (const NgRow *row)
{
  NgRow *r = ng_row_new (row->n);
  for (guint i = 0; i < row->n; i++)
    r->v[i] = row->v[i] ? rasqal_new_literal_from_literal (row->v[i]) : NULL;
  return r;
}

void
ng_row_free (NgRow *row)
{
  if (row == NULL)
    return;
  for (guint i = 0; i < row->n; i++)
    if (row->v[i])
      rasqal_free_literal (row->v[i]);
  g_free (row);
}

GPtrArray *
ng_bag_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) ng_row_free);
}

void
ng_row_set (NgRow *row, guint slot, rasqal_literal *take)
{
  g_assert (slot < row->n);
  if (row->v[slot])
    rasqal_free_literal (row->v[slot]);
  row->v[slot] = take;
}

gboolean
ng_row_compatible (const NgRow *a, const NgRow *b)
{
  guint n = MIN (a->n, b->n);
  for (guint i = 0; i < n; i++)
    if (a->v[i] && b->v[i] && !ng_term_same (a->v[i], b->v[i]))
      return FALSE;
  return TRUE;
}

NgRow *
ng_row_merge (const NgRow *a, const NgRow *b)
{
  NgRow *r;
  if (!ng_row_compatible (a, b))
    return NULL;
  r = ng_row_copy (a->n >= b->n ? a : b);
  for (guint i = 0; i < MIN (a->n, b->n); i++)
    {
      const NgRow *o = a->n >= b->n ? b : a;
      if (r->v[i] == NULL && o->v[i])
        r->v[i] = rasqal_new_literal_from_literal (o->v[i]);
    }
  return r;
}

/* Slots by position in the query's variable sequences: Rasqal's own
 * offsets of anonymous variables are not distinct from the named ones. */
guint
ng_eval_slot (NgEval *ev, rasqal_variable *v)
{
  guint s = GPOINTER_TO_UINT (g_hash_table_lookup (ev->var_slots, v));
  if (s == 0)
    {
      /* a variable the query did not list: never bound */
      g_warn_if_reached ();
      return ev->width - 1;
    }
  return s - 1;
}

rasqal_variable *
ng_eval_var_of (rasqal_literal *l)
{
  return l && l->type == RASQAL_LITERAL_VARIABLE ? l->value.variable : NULL;
}

GPtrArray *
ng_bag_unit (NgEval *ev)
{
  GPtrArray *b = ng_bag_new ();
  g_ptr_array_add (b, ng_row_new (ev->width));
  return b;
}


/* FALSE (and the evaluation stopped) when BAG has grown past the limit. */
gboolean
ng_bag_within_limit (NgEval *ev, GPtrArray *bag)
{
  const NgEval *top = ev;
  guint max;
  while (top->outer)   /* EXISTS and cut-out FILTER evaluations: the query's */
    top = top->outer;
  max = top->max_solutions ? top->max_solutions : NG_SPARQL_MAX_SOLUTIONS;
  if (bag->len <= max)
    return TRUE;
  ng_eval_fail (ev, NG_SPARQL_ERROR_LIMIT,
                "the query needs more than %u intermediate solutions; "
                "narrow it down (or raise the limit: --max-solutions)", max);
  return FALSE;
}



/* ------------------------------------------------------------ joins */

/* Slots bound in every row of both bags: safe hash keys. */
static GArray *
key_slots (NgEval *ev, GPtrArray *a, GPtrArray *b)
{
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint s = 0; s < ev->width; s++)
    {
      gboolean all = TRUE;
      for (guint i = 0; all && i < a->len; i++)
        all = s < ((NgRow *) a->pdata[i])->n && ((NgRow *) a->pdata[i])->v[s];
      for (guint i = 0; all && i < b->len; i++)
        all = s < ((NgRow *) b->pdata[i])->n && ((NgRow *) b->pdata[i])->v[s];
      if (all)
        g_array_append_val (keys, s);
    }
  return keys;
}

static char *
row_key (const NgRow *r, GArray *keys)
{
  GString *k = g_string_new (NULL);
  for (guint i = 0; i < keys->len; i++)
    ng_term_key (k, r->v[g_array_index (keys, guint, i)]);
  return g_string_free (k, FALSE);
}

/* B's rows by key (lists of borrowed rows); NULL when there is no key. */
static GHashTable *
index_bag (GPtrArray *b, GArray *keys)
{
  GHashTable *h;
  if (keys->len == 0)
    return NULL;
  h = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                             (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < b->len; i++)
    {
      char *k = row_key (b->pdata[i], keys);
      GPtrArray *list = g_hash_table_lookup (h, k);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (h, k, list);
        }
      else
        g_free (k);
      g_ptr_array_add (list, b->pdata[i]);
    }
  return h;
}

static GPtrArray *
candidates (GHashTable *index, GArray *keys, const NgRow *r, GPtrArray *all)
{
  g_autofree char *k = NULL;
  if (index == NULL)
    return all;
  k = row_key (r, keys);
  return g_hash_table_lookup (index, k);
}

static gboolean
is_unit (GPtrArray *bag)
{
  if (bag->len != 1)
    return FALSE;
  NgRow *r = bag->pdata[0];
  for (guint i = 0; i < r->n; i++)
    if (r->v[i])
      return FALSE;
  return TRUE;
}

/* Join of A and B (both consumed). */
GPtrArray *
ng_bag_join (NgEval *ev, GPtrArray *a, GPtrArray *b)
{
  GPtrArray *out;
  g_autoptr (GArray) keys = NULL;
  GHashTable *index;

  if (is_unit (a))
    {
      g_ptr_array_unref (a);
      return b;
    }
  if (is_unit (b))
    {
      g_ptr_array_unref (b);
      return a;
    }
  out = ng_bag_new ();
  keys = key_slots (ev, a, b);
  index = index_bag (b, keys);
  for (guint i = 0; i < a->len && ng_eval_alive (ev); i++)
    {
      GPtrArray *c = candidates (index, keys, a->pdata[i], b);
      for (guint j = 0; c && j < c->len; j++)
        {
          NgRow *m = ng_row_merge (a->pdata[i], c->pdata[j]);
          if (m)
            g_ptr_array_add (out, m);
        }
      if (!ng_bag_within_limit (ev, out))
        break;
    }
  if (index)
    g_hash_table_unref (index);
  g_ptr_array_unref (a);
  g_ptr_array_unref (b);
  return out;
}

/* Conditions are rasqal_expression pointers, or (N << 1) | 1 for cut-out
 * FILTER N. */

gboolean
ng_bag_all_true (NgEval *ev, GPtrArray *conds, const NgRow *row)
{
  for (guint i = 0; conds && i < conds->len; i++)
    {
      guintptr c = (guintptr) conds->pdata[i];
      if ((c & 1) ? !ng_eval_filter (ev, (guint) (c >> 1), row)
                  : !ng_expr_true (ev, conds->pdata[i], row))
        return FALSE;
    }
  return TRUE;
}

/* LeftJoin(A, B, CONDS); A and B consumed. */
GPtrArray *
ng_bag_left_join (NgEval *ev, GPtrArray *a, GPtrArray *b, GPtrArray *conds)
{
  GPtrArray *out = ng_bag_new ();
  g_autoptr (GArray) keys = key_slots (ev, a, b);
  GHashTable *index = index_bag (b, keys);
  for (guint i = 0; i < a->len && ng_eval_alive (ev); i++)
    {
      GPtrArray *c = candidates (index, keys, a->pdata[i], b);
      gboolean matched = FALSE;
      for (guint j = 0; c && j < c->len; j++)
        {
          NgRow *m = ng_row_merge (a->pdata[i], c->pdata[j]);
          if (m && ng_bag_all_true (ev, conds, m))
            {
              g_ptr_array_add (out, m);
              matched = TRUE;
            }
          else
            ng_row_free (m);
        }
      if (!matched)
        g_ptr_array_add (out, ng_row_copy (a->pdata[i]));
      if (!ng_bag_within_limit (ev, out))
        break;
    }
  if (index)
    g_hash_table_unref (index);
  g_ptr_array_unref (a);
  g_ptr_array_unref (b);
  return out;
}

static gboolean
share_binding (const NgRow *a, const NgRow *b)
{
  for (guint i = 0; i < MIN (a->n, b->n); i++)
    if (a->v[i] && b->v[i])
      return TRUE;
  return FALSE;
}

GPtrArray *
ng_bag_minus (NgEval *ev, GPtrArray *a, GPtrArray *b)
{
  GPtrArray *out = ng_bag_new ();
  for (guint i = 0; i < a->len && ng_eval_alive (ev); i++)
    {
      gboolean drop = FALSE;
      for (guint j = 0; !drop && j < b->len; j++)
        drop = share_binding (a->pdata[i], b->pdata[j])
               && ng_row_compatible (a->pdata[i], b->pdata[j]);
      if (!drop)
        g_ptr_array_add (out, ng_row_copy (a->pdata[i]));
    }
  g_ptr_array_unref (a);
  g_ptr_array_unref (b);
  return out;
}

GPtrArray *
ng_bag_filter (NgEval *ev, GPtrArray *bag, GPtrArray *conds)
{
  GPtrArray *out;
  if (conds->len == 0)
    return bag;
  out = ng_bag_new ();
  for (guint i = 0; i < bag->len && ng_eval_alive (ev); i++)
    if (ng_bag_all_true (ev, conds, bag->pdata[i]))
      g_ptr_array_add (out, g_steal_pointer (&bag->pdata[i]));
  g_ptr_array_unref (bag);
  return out;
}
