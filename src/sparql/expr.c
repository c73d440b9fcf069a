/* expr.c — expression evaluation over one solution.
 *
 * Most operators go to rasqal_expression_evaluate2 with the row's values
 * set on the query's variables.  Evaluated here instead: the logical
 * connectives and IF/COALESCE/IN (whose error rules need lazy evaluation of
 * the arguments), BOUND, YEAR/MONTH/DAY (Rasqal 0.9.33 leaves them unbound
 * for xsd:date), and EXISTS (which Rasqal does not know).  An operator above
 * one of those is applied by Rasqal to the already computed argument
 * values. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "eval.h"

gboolean
ng_expr_is_aggregate_op (rasqal_op op)
{
  switch (op)
    {
    case RASQAL_EXPR_COUNT:
    case RASQAL_EXPR_SUM:
    case RASQAL_EXPR_AVG:
    case RASQAL_EXPR_MIN:
    case RASQAL_EXPR_MAX:
    case RASQAL_EXPR_SAMPLE:
    case RASQAL_EXPR_GROUP_CONCAT:
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
ng_expr_has_aggregate (rasqal_expression *e)
{
  if (e == NULL)
    return FALSE;
  if (ng_expr_is_aggregate_op (e->op))
    return TRUE;
  if (ng_expr_has_aggregate (e->arg1) || ng_expr_has_aggregate (e->arg2)
      || ng_expr_has_aggregate (e->arg3) || ng_expr_has_aggregate (e->arg4))
    return TRUE;
  for (int i = 0; e->args && i < raptor_sequence_size (e->args); i++)
    if (ng_expr_has_aggregate (raptor_sequence_get_at (e->args, i)))
      return TRUE;
  return FALSE;
}

static int
exists_index (rasqal_expression *e)
{
  rasqal_variable *v;
  if (e->op != RASQAL_EXPR_BOUND || e->arg1 == NULL || e->arg1->op != RASQAL_EXPR_LITERAL)
    return -1;
  v = ng_eval_var_of (e->arg1->literal);
  if (v == NULL || !g_str_has_prefix ((const char *) v->name, NG_EXISTS_VAR))
    return -1;
  return atoi ((const char *) v->name + strlen (NG_EXISTS_VAR));
}

static gboolean
is_mine (rasqal_expression *e)
{
  switch (e->op)
    {
    case RASQAL_EXPR_AND:
    case RASQAL_EXPR_OR:
    case RASQAL_EXPR_BANG:
    case RASQAL_EXPR_BOUND:
    case RASQAL_EXPR_IF:
    case RASQAL_EXPR_COALESCE:
    case RASQAL_EXPR_IN:
    case RASQAL_EXPR_NOT_IN:
    case RASQAL_EXPR_YEAR:
    case RASQAL_EXPR_MONTH:
    case RASQAL_EXPR_DAY:
    case RASQAL_EXPR_CAST:
    case RASQAL_EXPR_REGEX:
    case RASQAL_EXPR_REPLACE:
    case RASQAL_EXPR_SUBSTR:
    case RASQAL_EXPR_STRLEN:
    case RASQAL_EXPR_BNODE:
    case RASQAL_EXPR_CONCAT:
      return TRUE;
    default:
      return ng_expr_is_aggregate_op (e->op) || exists_index (e) >= 0;
    }
}

static gboolean
needs_mine (rasqal_expression *e)
{
  if (e == NULL)
    return FALSE;
  if (is_mine (e))
    return TRUE;
  if (needs_mine (e->arg1) || needs_mine (e->arg2) || needs_mine (e->arg3)
      || needs_mine (e->arg4))
    return TRUE;
  for (int i = 0; e->args && i < raptor_sequence_size (e->args); i++)
    if (needs_mine (raptor_sequence_get_at (e->args, i)))
      return TRUE;
  return FALSE;
}

static void
bind_row (NgEval *ev, const NgRow *row)
{
  for (guint i = 0; i < ev->slot_vars->len; i++)
    {
      rasqal_variable *v = g_ptr_array_index (ev->slot_vars, i);
      rasqal_literal *val = row && i < row->n ? row->v[i] : NULL;
      if (v == NULL || v->value == val)
        continue;
      rasqal_variable_set_value (v, val ? rasqal_new_literal_from_literal (val) : NULL);
    }
}

static rasqal_literal *eval (NgEval *ev, rasqal_expression *e, const NgRow *row);

static rasqal_literal *
bool_lit (NgEval *ev, int b)
{
  return rasqal_new_boolean_literal (ev->rw, b);
}

/* 1, 0, or -1 for an error */
static int
eval_ebv (NgEval *ev, rasqal_expression *e, const NgRow *row)
{
  rasqal_literal *l = eval (ev, e, row);
  int b = ng_term_ebv (l);
  if (l)
    rasqal_free_literal (l);
  return b;
}

static rasqal_literal *
date_part (NgEval *ev, rasqal_op op, rasqal_literal *l)
{
  int y, m, d, neg = 0;
  const char *s = (const char *) l->string;
  if (*s == '-')
    {
      neg = 1;
      s++;
    }
  if (sscanf (s, "%d-%d-%d", &y, &m, &d) != 3)
    return NULL;
  return rasqal_new_integer_literal (ev->rw, RASQAL_LITERAL_INTEGER,
                                     op == RASQAL_EXPR_YEAR ? (neg ? -y : y)
                                     : op == RASQAL_EXPR_MONTH ? m : d);
}

static rasqal_literal *
eval_with_rasqal (NgEval *ev, rasqal_expression *e, const NgRow *row)
{
  int err = 0;
  rasqal_literal *l;
  bind_row (ev, row);
  l = rasqal_expression_evaluate2 (e, ev->ec, &err);
  if (err && l)
    {
      rasqal_free_literal (l);
      l = NULL;
    }
  /* variables evaluate to a reference to the variable; answer the value */
  if (l && l->type == RASQAL_LITERAL_VARIABLE)
    {
      rasqal_literal *v = rasqal_literal_value (l);
      v = v ? rasqal_new_literal_from_literal (v) : NULL;
      rasqal_free_literal (l);
      l = v;
    }
  return l;
}

static rasqal_expression *
lit_expr (NgEval *ev, rasqal_literal *l)
{
  return rasqal_new_literal_expression (ev->rw, l);
}

/* Applies E's operator with Rasqal to argument values computed here. */
static rasqal_literal *
apply_on_values (NgEval *ev, rasqal_expression *e, const NgRow *row)
{
  rasqal_expression tmp = *e;
  rasqal_expression *a[4] = { NULL, NULL, NULL, NULL };
  rasqal_expression *src[4] = { e->arg1, e->arg2, e->arg3, e->arg4 };
  raptor_sequence *args = NULL;
  rasqal_literal *result = NULL;
  gboolean failed = FALSE;
  int err = 0;

  for (int i = 0; i < 4 && !failed; i++)
    if (src[i])
      {
        rasqal_literal *v = eval (ev, src[i], row);
        if (v == NULL)
          failed = TRUE;
        else
          a[i] = lit_expr (ev, v);
      }
  if (!failed && e->args)
    {
      args = raptor_new_sequence ((raptor_data_free_handler) rasqal_free_expression, NULL);
      for (int i = 0; i < raptor_sequence_size (e->args) && !failed; i++)
        {
          rasqal_literal *v = eval (ev, raptor_sequence_get_at (e->args, i), row);
          if (v == NULL)
            failed = TRUE;
          else
            raptor_sequence_push (args, lit_expr (ev, v));
        }
    }
  if (!failed)
    {
      tmp.arg1 = a[0];
      tmp.arg2 = a[1];
      tmp.arg3 = a[2];
      tmp.arg4 = a[3];
      tmp.args = args;
      tmp.usage = 1;
      result = rasqal_expression_evaluate2 (&tmp, ev->ec, &err);
      if (err && result)
        {
          rasqal_free_literal (result);
          result = NULL;
        }
    }
  for (int i = 0; i < 4; i++)
    if (a[i])
      rasqal_free_expression (a[i]);
  if (args)
    raptor_free_sequence (args);
  return result;
}

typedef enum { CAT_OTHER, CAT_NUM, CAT_BOOL, CAT_STR, CAT_DATETIME } Category;

static Category
category (rasqal_literal *l)
{
  if (ng_term_is_numeric (l))
    return CAT_NUM;
  if (l->type == RASQAL_LITERAL_BOOLEAN)
    return CAT_BOOL;
  if (l->type == RASQAL_LITERAL_DATETIME)
    return CAT_DATETIME;
  if (ng_builtin_is_string (l) && l->language == NULL)
    return CAT_STR;
  return CAT_OTHER;
}

/* The XSD date types nieuwsgraaf writes (dates of day, month or year
 * precision) and dateTime: known types whose values of different types are
 * never the same value. */
static gboolean
is_date_type (rasqal_literal *l)
{
  static const char *const types[] = {
    "http://www.w3.org/2001/XMLSchema#date", "http://www.w3.org/2001/XMLSchema#dateTime",
    "http://www.w3.org/2001/XMLSchema#gYearMonth", "http://www.w3.org/2001/XMLSchema#gYear",
  };
  const char *dt;
  if (l->datatype == NULL)
    return FALSE;
  dt = (const char *) raptor_uri_as_string (l->datatype);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (strcmp (dt, types[i]) == 0)
      return TRUE;
  return FALSE;
}

/* A comparison of two literals of different known types (true = 1,
 * "1" < 2) is a type error, which Rasqal answers with a value.  Equality of
 * two dates of different XSD date types (a month and a day) is false, not an
 * error: both types are known to nieuwsgraaf, and a graph mixes precisions,
 * so FILTER(?d != "2019-02-27"^^xsd:date) keeps the months and years (as
 * rdflib does; SPARQL 1.1 §17.3.1 leaves known extension types to the
 * implementation). */
/* Rasqal knows xsd:date and dateTime, not gYearMonth and gYear: two
 * values of one of these types without a time zone ("2019-02", "2019")
 * compare as their lexical forms do.  -1 when not such a pair. */
static int
partial_date_order (rasqal_literal *a, rasqal_literal *b)
{
  const char *dt, *x = (const char *) a->string, *y = (const char *) b->string;
  if (a->datatype == NULL || b->datatype == NULL || !raptor_uri_equals (a->datatype, b->datatype)
      || x == NULL || y == NULL)
    return -1;
  dt = (const char *) raptor_uri_as_string (a->datatype);
  if (strcmp (dt, "http://www.w3.org/2001/XMLSchema#gYearMonth") != 0
      && strcmp (dt, "http://www.w3.org/2001/XMLSchema#gYear") != 0)
    return -1;
  if (strlen (x) != strlen (y) || strspn (x, "0123456789-") != strlen (x)
      || strspn (y, "0123456789-") != strlen (y))
    return -1;
  return 1 + (strcmp (x, y) > 0) - (strcmp (x, y) < 0);   /* 0, 1, 2 */
}

static rasqal_literal *
eval_compare (NgEval *ev, rasqal_expression *e, const NgRow *row)
{
  rasqal_literal *a = eval (ev, e->arg1, row), *b = a ? eval (ev, e->arg2, row) : NULL;
  rasqal_literal *r = NULL;
  if (a && b && (e->op == RASQAL_EXPR_EQ || e->op == RASQAL_EXPR_NEQ)
      && is_date_type (a) && is_date_type (b)
      && !raptor_uri_equals (a->datatype, b->datatype))
    r = bool_lit (ev, e->op == RASQAL_EXPR_NEQ);
  else if (a && b && partial_date_order (a, b) >= 0)
    {
      int c = partial_date_order (a, b) - 1;
      gboolean v = e->op == RASQAL_EXPR_EQ ? c == 0 : e->op == RASQAL_EXPR_NEQ ? c != 0
                   : e->op == RASQAL_EXPR_LT ? c < 0 : e->op == RASQAL_EXPR_GT ? c > 0
                   : e->op == RASQAL_EXPR_LE ? c <= 0 : c >= 0;
      r = bool_lit (ev, v);
    }
  else if (a && b)
    {
      Category ca = category (a), cb = category (b);
      if (ca == cb || ca == CAT_OTHER || cb == CAT_OTHER)
        {
          rasqal_expression tmp = *e;
          int err = 0;
          tmp.arg1 = lit_expr (ev, rasqal_new_literal_from_literal (a));
          tmp.arg2 = lit_expr (ev, rasqal_new_literal_from_literal (b));
          tmp.usage = 1;
          r = rasqal_expression_evaluate2 (&tmp, ev->ec, &err);
          if (err && r)
            {
              rasqal_free_literal (r);
              r = NULL;
            }
          rasqal_free_expression (tmp.arg1);
          rasqal_free_expression (tmp.arg2);
        }
    }
  if (a)
    rasqal_free_literal (a);
  if (b)
    rasqal_free_literal (b);
  return r;
}

static rasqal_literal *
eval_in (NgEval *ev, rasqal_expression *e, const NgRow *row)
{
  gboolean negate = e->op == RASQAL_EXPR_NOT_IN, error = FALSE;
  rasqal_literal *lhs = eval (ev, e->arg1, row);
  if (lhs == NULL)
    return NULL;
  for (int i = 0; e->args && i < raptor_sequence_size (e->args); i++)
    {
      rasqal_literal *v = eval (ev, raptor_sequence_get_at (e->args, i), row);
      rasqal_expression *eq;
      rasqal_literal *r;
      int err = 0, b;
      if (v == NULL)
        {
          error = TRUE;
          continue;
        }
      eq = rasqal_new_2op_expression (ev->rw, RASQAL_EXPR_EQ,
                                      lit_expr (ev, rasqal_new_literal_from_literal (lhs)),
                                      lit_expr (ev, v));
      r = rasqal_expression_evaluate2 (eq, ev->ec, &err);
      b = err || r == NULL ? -1 : ng_term_ebv (r);
      if (r)
        rasqal_free_literal (r);
      rasqal_free_expression (eq);
      if (b == 1)
        {
          rasqal_free_literal (lhs);
          return bool_lit (ev, !negate);
        }
      if (b < 0)
        error = TRUE;
    }
  rasqal_free_literal (lhs);
  return error ? NULL : bool_lit (ev, negate);
}

/* Evaluates the arguments of E that exist (arg1..arg4) into V; FALSE when
 * one is an error. */
static gboolean
eval_args (NgEval *ev, rasqal_expression *e, const NgRow *row, rasqal_literal *v[4])
{
  rasqal_expression *a[4] = { e->arg1, e->arg2, e->arg3, e->arg4 };
  gboolean ok = TRUE;
  for (int i = 0; i < 4; i++)
    {
      v[i] = NULL;
      if (a[i] && ok)
        {
          v[i] = eval (ev, a[i], row);
          ok = v[i] != NULL;
        }
    }
  return ok;
}

static void
free_args (rasqal_literal *v[4])
{
  for (int i = 0; i < 4; i++)
    if (v[i])
      rasqal_free_literal (v[i]);
}

static rasqal_literal *
eval_builtin (NgEval *ev, rasqal_expression *e, const NgRow *row)
{
  rasqal_literal *v[4], *r = NULL;
  if (e->op == RASQAL_EXPR_BNODE)
    {
      if (row != ev->gen_row)
        {
          ev->gen_row = row;
          ev->row_gen++;
        }
      if (e->arg1 == NULL)
        return ng_builtin_bnode (ev, NULL, ev->row_gen);
    }
  if (!eval_args (ev, e, row, v))
    {
      free_args (v);
      return NULL;
    }
  switch (e->op)
    {
    case RASQAL_EXPR_CAST:
      {
        gboolean handled;
        r = ng_builtin_cast (ev, e->name, v[0], &handled);
        if (!handled)
          r = apply_on_values (ev, e, row);
      }
      break;
    case RASQAL_EXPR_REGEX:
      r = ng_builtin_regex (ev, v[0], v[1], v[2]);
      break;
    case RASQAL_EXPR_REPLACE:
      r = ng_builtin_replace (ev, v[0], v[1], v[2], v[3]);
      break;
    case RASQAL_EXPR_SUBSTR:
      r = ng_builtin_substr (ev, v[0], v[1], v[2]);
      break;
    case RASQAL_EXPR_STRLEN:
      r = ng_builtin_strlen (ev, v[0]);
      break;
    case RASQAL_EXPR_BNODE:
      r = ng_builtin_bnode (ev, v[0], ev->row_gen);
      break;
    default:
      break;
    }
  free_args (v);
  return r;
}

/* CONCAT(…): Rasqal 0.9.33's own leaks its arguments.  The result keeps a
 * language tag all arguments share, xsd:string when all are xsd:string. */
static rasqal_literal *
eval_concat (NgEval *ev, rasqal_expression *e, const NgRow *row)
{
  GString *text = g_string_new (NULL);
  char *lang = NULL;
  gboolean same_lang = TRUE, all_typed = TRUE, ok = TRUE;
  raptor_uri *xsd_string = NULL;
  rasqal_literal *r;
  for (int i = 0; ok && e->args && i < raptor_sequence_size (e->args); i++)
    {
      rasqal_literal *v = eval (ev, raptor_sequence_get_at (e->args, i), row);
      ok = v && ng_builtin_is_string (v);
      if (ok)
        {
          g_string_append (text, (const char *) rasqal_literal_as_string (v));
          if (i == 0)
            lang = v->language ? g_strdup (v->language) : NULL;
          else if (g_strcmp0 (lang, v->language) != 0)
            same_lang = FALSE;
          if (rasqal_literal_datatype (v) == NULL)
            all_typed = FALSE;
          else if (xsd_string == NULL)
            xsd_string = raptor_uri_copy (rasqal_literal_datatype (v));
        }
      if (v)
        rasqal_free_literal (v);
    }
  if (!ok)
    r = NULL;
  else
    {
      gboolean keep_lang = same_lang && lang != NULL;
      gboolean typed = !keep_lang && all_typed && xsd_string != NULL;
      r = rasqal_new_string_literal (ev->rw, (unsigned char *) strdup (text->str),
                                     keep_lang ? strdup (lang) : NULL,
                                     typed ? raptor_uri_copy (xsd_string) : NULL, NULL);
    }
  if (xsd_string)
    raptor_free_uri (xsd_string);
  g_free (lang);
  g_string_free (text, TRUE);
  return r;
}

static rasqal_literal *
eval (NgEval *ev, rasqal_expression *e, const NgRow *row)
{
  int n;

  if (e == NULL || !ng_eval_alive (ev))
    return NULL;
  if (ev->agg_slots && !ng_expr_is_aggregate_op (e->op))
    {
      /* a GROUP BY expression, computed per group (solve.c) */
      guint s = GPOINTER_TO_UINT (g_hash_table_lookup (ev->agg_slots, e));
      if (s)
        return row && s - 1 < row->n && row->v[s - 1]
               ? rasqal_new_literal_from_literal (row->v[s - 1]) : NULL;
    }
  switch (e->op)
    {
    case RASQAL_EXPR_CAST:
    case RASQAL_EXPR_REGEX:
    case RASQAL_EXPR_REPLACE:
    case RASQAL_EXPR_SUBSTR:
    case RASQAL_EXPR_STRLEN:
    case RASQAL_EXPR_BNODE:
      return eval_builtin (ev, e, row);
    case RASQAL_EXPR_CONCAT:
      return eval_concat (ev, e, row);
    case RASQAL_EXPR_LITERAL:
      {
        rasqal_variable *v = ng_eval_var_of (e->literal);
        if (v)
          {
            guint s = ng_eval_slot (ev, v);
            rasqal_literal *val = row && s < row->n ? row->v[s] : NULL;
            return val ? rasqal_new_literal_from_literal (val) : NULL;
          }
        return rasqal_new_literal_from_literal (e->literal);
      }
    case RASQAL_EXPR_AND:
    case RASQAL_EXPR_OR:
      {
        int a = eval_ebv (ev, e->arg1, row), b = eval_ebv (ev, e->arg2, row);
        if (e->op == RASQAL_EXPR_AND)
          {
            if (a == 0 || b == 0)
              return bool_lit (ev, 0);
            if (a < 0 || b < 0)
              return NULL;
            return bool_lit (ev, 1);
          }
        if (a == 1 || b == 1)
          return bool_lit (ev, 1);
        if (a < 0 || b < 0)
          return NULL;
        return bool_lit (ev, 0);
      }
    case RASQAL_EXPR_BANG:
      {
        int a = eval_ebv (ev, e->arg1, row);
        return a < 0 ? NULL : bool_lit (ev, !a);
      }
    case RASQAL_EXPR_BOUND:
      {
        int x = exists_index (e);
        if (x >= 0)
          return bool_lit (ev, ng_eval_exists (ev, (guint) x, row));
      }
      {
        rasqal_variable *v = e->arg1 && e->arg1->op == RASQAL_EXPR_LITERAL
                             ? ng_eval_var_of (e->arg1->literal) : NULL;
        guint s;
        if (v == NULL)
          return NULL;
        s = ng_eval_slot (ev, v);
        return bool_lit (ev, row && s < row->n && row->v[s] != NULL);
      }
    case RASQAL_EXPR_IF:
      {
        int c = eval_ebv (ev, e->arg1, row);
        if (c < 0)
          return NULL;
        return eval (ev, c ? e->arg2 : e->arg3, row);
      }
    case RASQAL_EXPR_COALESCE:
      for (int i = 0; e->args && i < raptor_sequence_size (e->args); i++)
        {
          rasqal_literal *v = eval (ev, raptor_sequence_get_at (e->args, i), row);
          if (v)
            return v;
        }
      return NULL;
    case RASQAL_EXPR_IN:
    case RASQAL_EXPR_NOT_IN:
      return eval_in (ev, e, row);
    case RASQAL_EXPR_EQ:
    case RASQAL_EXPR_NEQ:
    case RASQAL_EXPR_LT:
    case RASQAL_EXPR_GT:
    case RASQAL_EXPR_LE:
    case RASQAL_EXPR_GE:
      return eval_compare (ev, e, row);
    case RASQAL_EXPR_YEAR:
    case RASQAL_EXPR_MONTH:
    case RASQAL_EXPR_DAY:
      {
        rasqal_literal *v = eval (ev, e->arg1, row), *r;
        if (v == NULL)
          return NULL;
        if (v->type == RASQAL_LITERAL_DATE)
          {
            r = date_part (ev, e->op, v);
            rasqal_free_literal (v);
            return r;
          }
        rasqal_free_literal (v);
        return apply_on_values (ev, e, row);
      }
    default:
      break;
    }
  if (ng_expr_is_aggregate_op (e->op))
    {
      /* computed per group by solve.c into a slot past the variables */
      guint s = ev->agg_slots
                ? GPOINTER_TO_UINT (g_hash_table_lookup (ev->agg_slots, e)) : 0;
      if (s == 0 || row == NULL || s - 1 >= row->n || row->v[s - 1] == NULL)
        return NULL;
      return rasqal_new_literal_from_literal (row->v[s - 1]);
    }
  n = exists_index (e);
  if (n >= 0)
    return bool_lit (ev, ng_eval_exists (ev, (guint) n, row));
  if (needs_mine (e))
    return apply_on_values (ev, e, row);
  return eval_with_rasqal (ev, e, row);
}

rasqal_literal *
ng_expr_eval (NgEval *ev, rasqal_expression *e, const NgRow *row)
{
  return eval (ev, e, row);
}

gboolean
ng_expr_true (NgEval *ev, rasqal_expression *e, const NgRow *row)
{
  return eval_ebv (ev, e, row) == 1;
}
