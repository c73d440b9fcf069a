/* builtins.c — SPARQL functions evaluated here because Rasqal 0.9.33 gets
 * them wrong: casts between booleans, numbers and strings (XPath rules),
 * REGEX and REPLACE (XPath flags and $N groups, through GRegex), SUBSTR and
 * STRLEN on characters outside the BMP, and BNODE(str) scoped to one
 * solution. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"

#define XSD "http://www.w3.org/2001/XMLSchema#"

static rasqal_literal *
typed (NgEval *ev, const char *lex, const char *type)
{
  raptor_uri *dt = raptor_new_uri (rasqal_world_get_raptor (ev->rw),
                                   (const unsigned char *) (type ? type : XSD "string"));
  rasqal_literal *l = rasqal_new_string_literal (ev->rw, (unsigned char *) strdup (lex),
                                                 NULL, type ? dt : NULL, NULL);
  if (!type)
    raptor_free_uri (dt);
  return l;
}

gboolean
ng_builtin_is_string (rasqal_literal *l)
{
  raptor_uri *dt;
  if (l == NULL)
    return FALSE;
  if (l->type == RASQAL_LITERAL_XSD_STRING)
    return TRUE;
  if (l->type != RASQAL_LITERAL_STRING)
    return FALSE;
  dt = rasqal_literal_datatype (l);
  return dt == NULL || strcmp ((const char *) raptor_uri_as_string (dt), XSD "string") == 0;
}

/* A string with the language and datatype of LIKE. */
static rasqal_literal *
string_like (NgEval *ev, const char *s, rasqal_literal *like)
{
  raptor_uri *dt = like ? rasqal_literal_datatype (like) : NULL;
  return rasqal_new_string_literal (ev->rw, (unsigned char *) strdup (s),
                                    like && like->language ? strdup (like->language) : NULL,
                                    dt ? raptor_uri_copy (dt) : NULL, NULL);
}

static gboolean
matches (const char *pattern, const char *s)
{
  return g_regex_match_simple (pattern, s, 0, 0);
}

static double
numeric_value (rasqal_literal *l, gboolean *ok)
{
  char *end = NULL;
  const char *lex = (const char *) rasqal_literal_as_string (l);
  double d;
  *ok = TRUE;
  if (l->type == RASQAL_LITERAL_DOUBLE || l->type == RASQAL_LITERAL_FLOAT)
    return l->value.floating;
  if (l->type == RASQAL_LITERAL_BOOLEAN)
    return l->value.integer ? 1.0 : 0.0;
  d = g_ascii_strtod (lex, &end);
  *ok = end && *end == '\0' && *lex;
  return d;
}

static char *
decimal_lex (double d)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *s = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15f", d));
  char *dot = strchr (s, '.');
  if (dot)
    {
      char *e = s + strlen (s) - 1;
      while (e > dot + 1 && *e == '0')
        *e-- = '\0';
    }
  return s;
}

/* CAST to the XSD type TO; NULL for a type error.  *HANDLED is FALSE for
 * target types left to Rasqal. */
rasqal_literal *
ng_builtin_cast (NgEval *ev, raptor_uri *to, rasqal_literal *v, gboolean *handled)
{
  const char *t = (const char *) raptor_uri_as_string (to);
  const char *lex;
  gboolean is_num, is_str, ok;
  double d;

  *handled = TRUE;
  if (!g_str_has_prefix (t, XSD))
    {
      *handled = FALSE;
      return NULL;
    }
  t += strlen (XSD);
  if (strcmp (t, "string") && strcmp (t, "boolean") && strcmp (t, "integer")
      && strcmp (t, "decimal") && strcmp (t, "float") && strcmp (t, "double"))
    {
      *handled = FALSE;
      return NULL;
    }
  if (v->type == RASQAL_LITERAL_URI)
    return strcmp (t, "string") == 0
           ? typed (ev, (const char *) raptor_uri_as_string (v->value.uri), XSD "string") : NULL;
  if (v->type == RASQAL_LITERAL_BLANK)
    return NULL;
  lex = (const char *) rasqal_literal_as_string (v);
  is_num = ng_term_is_numeric (v);
  is_str = ng_builtin_is_string (v) && v->language == NULL;
  if (strcmp (t, "string") == 0)
    return typed (ev, lex, XSD "string");
  if (!is_num && !is_str && v->type != RASQAL_LITERAL_BOOLEAN)
    return NULL;
  if (strcmp (t, "boolean") == 0)
    {
      if (v->type == RASQAL_LITERAL_BOOLEAN)
        return rasqal_new_boolean_literal (ev->rw, v->value.integer != 0);
      if (is_num)
        {
          d = numeric_value (v, &ok);
          return ok || v->type == RASQAL_LITERAL_DOUBLE || v->type == RASQAL_LITERAL_FLOAT
                 ? rasqal_new_boolean_literal (ev->rw, !(d == 0.0 || isnan (d))) : NULL;
        }
      if (strcmp (lex, "true") == 0 || strcmp (lex, "1") == 0)
        return rasqal_new_boolean_literal (ev->rw, 1);
      if (strcmp (lex, "false") == 0 || strcmp (lex, "0") == 0)
        return rasqal_new_boolean_literal (ev->rw, 0);
      return NULL;
    }
  if (is_str)
    {
      /* the lexical form must be one of the target type */
      if (strcmp (t, "integer") == 0 && !matches ("^[+-]?[0-9]+$", lex))
        return NULL;
      if (strcmp (t, "decimal") == 0 && !matches ("^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$", lex))
        return NULL;
      if ((strcmp (t, "float") == 0 || strcmp (t, "double") == 0)
          && !matches ("^([+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?INF|NaN)$", lex))
        return NULL;
      if (strcmp (t, "integer") == 0 || strcmp (t, "decimal") == 0)
        return typed (ev, lex, strcmp (t, "integer") == 0 ? XSD "integer" : XSD "decimal");
    }
  if (strcmp (lex, "INF") == 0 || strcmp (lex, "+INF") == 0)
    d = INFINITY;
  else if (strcmp (lex, "-INF") == 0)
    d = -INFINITY;
  else if (strcmp (lex, "NaN") == 0)
    d = NAN;
  else
    d = numeric_value (v, &ok);
  if (strcmp (t, "integer") == 0 || strcmp (t, "decimal") == 0)
    {
      g_autofree char *s = NULL;
      if (isnan (d) || isinf (d))
        return NULL;
      if (strcmp (t, "integer") == 0)
        {
          if (v->type == RASQAL_LITERAL_INTEGER || v->type == RASQAL_LITERAL_INTEGER_SUBTYPE)
            s = g_strdup_printf ("%" G_GINT64_FORMAT, g_ascii_strtoll (lex, NULL, 10));
          else
            s = g_strdup_printf ("%.0f", trunc (d));
          return typed (ev, s, XSD "integer");
        }
      s = (v->type == RASQAL_LITERAL_DECIMAL || v->type == RASQAL_LITERAL_INTEGER
           || v->type == RASQAL_LITERAL_INTEGER_SUBTYPE) ? g_strdup (lex) : decimal_lex (d);
      return typed (ev, s, XSD "decimal");
    }
  {
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    const char *s = isnan (d) ? "NaN" : isinf (d) ? (d > 0 ? "INF" : "-INF")
                    : g_ascii_formatd (buf, sizeof buf, "%.17g", d);
    return typed (ev, s, strcmp (t, "float") == 0 ? XSD "float" : XSD "double");
  }
}

static GRegex *
compile (NgEval *ev, const char *pattern, const char *flags)
{
  g_autofree char *key = g_strconcat (flags ? flags : "", "\x01", pattern, NULL);
  GRegex *re;
  GRegexCompileFlags cf = G_REGEX_OPTIMIZE;
  g_autofree char *quoted = NULL;

  if (ev->regex_cache == NULL)
    ev->regex_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_regex_unref);
  re = g_hash_table_lookup (ev->regex_cache, key);
  if (re)
    return re;
  for (const char *f = flags ? flags : ""; *f; f++)
    switch (*f)
      {
      case 'i': cf |= G_REGEX_CASELESS; break;
      case 's': cf |= G_REGEX_DOTALL; break;
      case 'm': cf |= G_REGEX_MULTILINE; break;
      case 'x': cf |= G_REGEX_EXTENDED; break;
      case 'q': quoted = g_regex_escape_string (pattern, -1); break;
      default: return NULL;
      }
  re = g_regex_new (quoted ? quoted : pattern, cf, 0, NULL);
  if (re)
    g_hash_table_insert (ev->regex_cache, g_steal_pointer (&key), re);
  return re;
}

static gboolean
simple_string (rasqal_literal *l)
{
  return l && ng_builtin_is_string (l) && l->language == NULL;
}

rasqal_literal *
ng_builtin_regex (NgEval *ev, rasqal_literal *text, rasqal_literal *pat, rasqal_literal *flags)
{
  GRegex *re;
  if (!ng_builtin_is_string (text) || !simple_string (pat) || (flags && !simple_string (flags)))
    return NULL;
  re = compile (ev, (const char *) rasqal_literal_as_string (pat),
                flags ? (const char *) rasqal_literal_as_string (flags) : NULL);
  if (re == NULL)
    return NULL;
  return rasqal_new_boolean_literal (ev->rw,
                                     g_regex_match (re, (const char *) rasqal_literal_as_string (text), 0, NULL));
}

rasqal_literal *
ng_builtin_replace (NgEval *ev, rasqal_literal *text, rasqal_literal *pat,
                    rasqal_literal *rep, rasqal_literal *flags)
{
  GRegex *re;
  GString *r;
  g_autofree char *out = NULL;
  const char *s;
  if (!ng_builtin_is_string (text) || !simple_string (pat) || !simple_string (rep)
      || (flags && !simple_string (flags)))
    return NULL;
  re = compile (ev, (const char *) rasqal_literal_as_string (pat),
                flags ? (const char *) rasqal_literal_as_string (flags) : NULL);
  if (re == NULL)
    return NULL;
  /* XPath replacement ($N, \$, \\) to GRegex's (\g<N>, \\) */
  r = g_string_new (NULL);
  for (s = (const char *) rasqal_literal_as_string (rep); *s; s++)
    {
      if (*s == '$' && g_ascii_isdigit (s[1]))
        {
          g_string_append_printf (r, "\\g<%c>", s[1]);
          s++;
        }
      else if (*s == '\\' && (s[1] == '$' || s[1] == '\\'))
        {
          g_string_append (r, s[1] == '$' ? "$" : "\\\\");
          s++;
        }
      else if (*s == '\\')
        g_string_append (r, "\\\\");
      else
        g_string_append_c (r, *s);
    }
  out = g_regex_replace (re, (const char *) rasqal_literal_as_string (text), -1, 0, r->str, 0, NULL);
  g_string_free (r, TRUE);
  return out ? string_like (ev, out, text) : NULL;
}

rasqal_literal *
ng_builtin_substr (NgEval *ev, rasqal_literal *text, rasqal_literal *start, rasqal_literal *len)
{
  const char *s;
  glong n, from, to;
  double st, ln = INFINITY;
  gboolean ok;
  if (!ng_builtin_is_string (text) || !ng_term_is_numeric (start) || (len && !ng_term_is_numeric (len)))
    return NULL;
  s = (const char *) rasqal_literal_as_string (text);
  n = g_utf8_strlen (s, -1);
  st = round (numeric_value (start, &ok));
  if (len)
    ln = round (numeric_value (len, &ok));
  if (isnan (st) || isnan (ln))
    return string_like (ev, "", text);
  /* characters at positions p (1-based) with st <= p < st + ln */
  from = (glong) MAX (st, 1.0) - 1;
  to = isinf (ln) && ln > 0 ? n : (glong) MIN ((double) n, st + ln - 1);
  if (from >= n || to <= from)
    return string_like (ev, "", text);
  {
    const char *a = g_utf8_offset_to_pointer (s, from);
    const char *b = g_utf8_offset_to_pointer (s, to);
    g_autofree char *sub = g_strndup (a, (gsize) (b - a));
    return string_like (ev, sub, text);
  }
}

rasqal_literal *
ng_builtin_strlen (NgEval *ev, rasqal_literal *text)
{
  if (!ng_builtin_is_string (text))
    return NULL;
  return rasqal_new_integer_literal (ev->rw, RASQAL_LITERAL_INTEGER,
                                     (int) g_utf8_strlen ((const char *) rasqal_literal_as_string (text), -1));
}

/* BNODE(): a fresh blank node; BNODE(str): the same blank node for the same
 * string within one solution (ROW_GEN), another in the next. */
rasqal_literal *
ng_builtin_bnode (NgEval *ev, rasqal_literal *str, guint row_gen)
{
  char *id;
  if (str && !simple_string (str))
    return NULL;
  if (str)
    id = g_strdup_printf ("nb%u_%x", row_gen, g_str_hash (rasqal_literal_as_string (str)));
  else
    id = g_strdup_printf ("nb_%u", ++ev->bnode_counter);
  {
    rasqal_literal *l = rasqal_new_simple_literal (ev->rw, RASQAL_LITERAL_BLANK,
                                                   (unsigned char *) strdup (id));
    g_free (id);
    return l;
  }
}
