/* term.c — RDF terms as Rasqal literals: conversion from and to librdf
 * nodes, identity keys for hash joins, SPARQL ordering, effective boolean
 * value. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"

/* Rasqal frees what it takes with free(), so copies for it come from
 * malloc, not g_malloc. */
static unsigned char *
cdup (const char *s, size_t len)
{
  unsigned char *d = malloc (len + 1);
  if (d == NULL)
    return NULL;
  memcpy (d, s, len);
  d[len] = '\0';
  return d;
}

rasqal_literal *
ng_term_from_node (NgEval *ev, librdf_node *node)
{
  raptor_term *t = (raptor_term *) node;
  if (node == NULL)
    return NULL;
  switch (t->type)
    {
    case RAPTOR_TERM_TYPE_URI:
      return rasqal_new_uri_literal (ev->rw, raptor_uri_copy (t->value.uri));
    case RAPTOR_TERM_TYPE_BLANK:
      return rasqal_new_simple_literal (ev->rw, RASQAL_LITERAL_BLANK,
                                        cdup ((const char *) t->value.blank.string,
                                              t->value.blank.string_len));
    case RAPTOR_TERM_TYPE_LITERAL:
      {
        raptor_term_literal_value *lv = &t->value.literal;
        rasqal_literal *l;
        l = rasqal_new_string_literal (
          ev->rw, cdup ((const char *) lv->string, lv->string_len),
          lv->language ? (const char *) cdup ((const char *) lv->language,
                                              lv->language_len) : NULL,
          lv->datatype ? raptor_uri_copy (lv->datatype) : NULL, NULL);
        return l;
      }
    default:
      return NULL;
    }
}

librdf_node *
ng_term_to_node (NgEval *ev, rasqal_literal *l)
{
  l = rasqal_literal_value (l);
  if (l == NULL)
    return NULL;
  switch (l->type)
    {
    case RASQAL_LITERAL_URI:
      return librdf_new_node_from_uri (ev->world, (librdf_uri *) l->value.uri);
    case RASQAL_LITERAL_BLANK:
      return librdf_new_node_from_blank_identifier (ev->world, l->string);
    case RASQAL_LITERAL_VARIABLE:
    case RASQAL_LITERAL_PATTERN:
    case RASQAL_LITERAL_QNAME:
    case RASQAL_LITERAL_UNKNOWN:
      return NULL;
    default:
      {
        raptor_uri *dt = rasqal_literal_datatype (l);
        const unsigned char *s = rasqal_literal_as_string (l);
        if (l->type == RASQAL_LITERAL_STRING)
          dt = NULL;
        return librdf_new_node_from_typed_literal (ev->world, s, l->language,
                                                   (librdf_uri *) dt);
      }
    }
}

void
ng_term_key (GString *out, rasqal_literal *l)
{
  l = l ? rasqal_literal_value (l) : NULL;
  if (l == NULL)
    {
      g_string_append_c (out, '\x02');
      return;
    }
  switch (l->type)
    {
    case RASQAL_LITERAL_URI:
      g_string_append_c (out, 'U');
      g_string_append (out, (const char *) raptor_uri_as_string (l->value.uri));
      break;
    case RASQAL_LITERAL_BLANK:
      g_string_append_c (out, 'B');
      g_string_append (out, (const char *) l->string);
      break;
    default:
      {
        raptor_uri *dt = rasqal_literal_datatype (l);
        g_string_append_c (out, 'L');
        g_string_append (out, (const char *) rasqal_literal_as_string (l));
        g_string_append_c (out, '\x01');
        if (l->language)
          {
            g_autofree char *lang = g_ascii_strdown (l->language, -1);
            g_string_append (out, lang);
          }
        g_string_append_c (out, '\x01');
        if (dt)
          g_string_append (out, (const char *) raptor_uri_as_string (dt));
      }
    }
  g_string_append_c (out, '\x03');
}

gboolean
ng_term_same (rasqal_literal *a, rasqal_literal *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  g_autoptr (GString) ka = g_string_new (NULL);
  g_autoptr (GString) kb = g_string_new (NULL);
  ng_term_key (ka, a);
  ng_term_key (kb, b);
  return strcmp (ka->str, kb->str) == 0;
}

gboolean
ng_term_is_numeric (rasqal_literal *l)
{
  switch (l->type)
    {
    case RASQAL_LITERAL_INTEGER:
    case RASQAL_LITERAL_INTEGER_SUBTYPE:
    case RASQAL_LITERAL_DOUBLE:
    case RASQAL_LITERAL_FLOAT:
    case RASQAL_LITERAL_DECIMAL:
      return TRUE;
    default:
      return FALSE;
    }
}

static int
kind_rank (rasqal_literal *l)
{
  if (l == NULL)
    return 0;
  switch (l->type)
    {
    case RASQAL_LITERAL_BLANK: return 1;
    case RASQAL_LITERAL_URI: return 2;
    default: return 3;
    }
}

/* SPARQL 1.1 §15.1: unbound < blank nodes < IRIs < literals; literals by
 * value where comparable, otherwise by a fixed order of their lexical form,
 * language and datatype so that sorting is total and stable. */
int
ng_term_order (rasqal_literal *a, rasqal_literal *b)
{
  int ra, rb, err = 0, c;
  a = a ? rasqal_literal_value (a) : NULL;
  b = b ? rasqal_literal_value (b) : NULL;
  ra = kind_rank (a);
  rb = kind_rank (b);
  if (ra != rb)
    return ra < rb ? -1 : 1;
  if (ra == 0)
    return 0;
  if (ra == 1)
    return strcmp ((const char *) a->string, (const char *) b->string);
  if (ra == 2)
    return strcmp ((const char *) raptor_uri_as_string (a->value.uri),
                   (const char *) raptor_uri_as_string (b->value.uri));
  if ((ng_term_is_numeric (a) && ng_term_is_numeric (b))
      || (a->type == b->type && a->type != RASQAL_LITERAL_UDT
          && (a->type != RASQAL_LITERAL_STRING
              || (a->language == NULL && b->language == NULL))))
    {
      c = rasqal_literal_compare (a, b, RASQAL_COMPARE_XQUERY, &err);
      if (!err)
        return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
  /* not comparable by value: plain literals before typed ones, then by
     datatype, lexical form, language (the order rdflib uses too) */
  {
    gboolean pa = a->type == RASQAL_LITERAL_STRING && !a->language;
    gboolean pb = b->type == RASQAL_LITERAL_STRING && !b->language;
    raptor_uri *da = rasqal_literal_datatype (a), *db = rasqal_literal_datatype (b);
    if (pa != pb)
      return pa ? -1 : 1;
    c = g_strcmp0 (da ? (const char *) raptor_uri_as_string (da) : NULL,
                   db ? (const char *) raptor_uri_as_string (db) : NULL);
    if (c)
      return c;
  }
  c = strcmp ((const char *) rasqal_literal_as_string (a),
              (const char *) rasqal_literal_as_string (b));
  if (c)
    return c;
  return g_strcmp0 (a->language, b->language);
}

int
ng_term_ebv (rasqal_literal *l)
{
  l = l ? rasqal_literal_value (l) : NULL;
  if (l == NULL)
    return -1;
  switch (l->type)
    {
    case RASQAL_LITERAL_BOOLEAN:
    case RASQAL_LITERAL_INTEGER:
    case RASQAL_LITERAL_INTEGER_SUBTYPE:
      return l->value.integer != 0;
    case RASQAL_LITERAL_DOUBLE:
    case RASQAL_LITERAL_FLOAT:
      return !(isnan (l->value.floating) || l->value.floating == 0.0);
    case RASQAL_LITERAL_DECIMAL:
      return g_ascii_strtod ((const char *) l->string, NULL) != 0.0;
    case RASQAL_LITERAL_STRING:
    case RASQAL_LITERAL_XSD_STRING:
      return l->string_len > 0;
    case RASQAL_LITERAL_UDT:
      {
        /* an ill-formed numeric or boolean literal is false (§17.2.2) */
        raptor_uri *dt = rasqal_literal_datatype (l);
        const char *d = dt ? (const char *) raptor_uri_as_string (dt) : "";
        if (g_str_has_prefix (d, "http://www.w3.org/2001/XMLSchema#"))
          {
            const char *n = d + strlen ("http://www.w3.org/2001/XMLSchema#");
            if (strcmp (n, "boolean") == 0 || strcmp (n, "integer") == 0
                || strcmp (n, "double") == 0 || strcmp (n, "float") == 0
                || strcmp (n, "decimal") == 0 || g_str_has_suffix (n, "Integer")
                || strcmp (n, "int") == 0 || strcmp (n, "long") == 0
                || strcmp (n, "short") == 0 || strcmp (n, "byte") == 0)
              return 0;
          }
        return -1;
      }
    default:
      return -1;
    }
}
