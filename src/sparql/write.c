/* write.c — result writers: SPARQL 1.1 Query Results JSON, XML, CSV and
 * TSV, a plain text table, and RDF syntaxes (through librdf) for graphs. */
#include "config.h"

#include <string.h>

#include "eval.h"
#include "nieuwsgraaf/vocab.h"

#define XSD "http://www.w3.org/2001/XMLSchema#"

typedef enum { KIND_UNBOUND, KIND_IRI, KIND_BNODE, KIND_LITERAL } Kind;

static Kind
kind_of (rasqal_literal *l, const char **lex, const char **lang, const char **dt)
{
  raptor_uri *d;
  *lex = *lang = *dt = NULL;
  if (l == NULL)
    return KIND_UNBOUND;
  l = rasqal_literal_value (l);
  if (l == NULL)
    return KIND_UNBOUND;
  if (l->type == RASQAL_LITERAL_URI)
    {
      *lex = (const char *) raptor_uri_as_string (l->value.uri);
      return KIND_IRI;
    }
  if (l->type == RASQAL_LITERAL_BLANK)
    {
      *lex = (const char *) l->string;
      return KIND_BNODE;
    }
  *lex = (const char *) rasqal_literal_as_string (l);
  *lang = l->language;
  d = rasqal_literal_datatype (l);
  *dt = d ? (const char *) raptor_uri_as_string (d) : NULL;
  return KIND_LITERAL;
}

static void
json_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    switch (*p)
      {
      case '"': g_string_append (out, "\\\""); break;
      case '\\': g_string_append (out, "\\\\"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      case '\t': g_string_append (out, "\\t"); break;
      default:
        if (*p < 0x20)
          g_string_append_printf (out, "\\u%04x", *p);
        else
          g_string_append_c (out, (char) *p);
      }
  g_string_append_c (out, '"');
}

static void
write_json (NgSparqlResults *r, GString *out)
{
  if (ng_sparql_results_get_form (r) == NG_SPARQL_ASK)
    {
      g_string_append_printf (out, "{ \"head\": {}, \"boolean\": %s }\n",
                              ng_sparql_results_get_boolean (r) ? "true" : "false");
      return;
    }
  g_string_append (out, "{\n  \"head\": { \"vars\": [");
  for (guint c = 0; c < ng_sparql_results_get_width (r); c++)
    {
      g_string_append (out, c ? ", " : " ");
      json_string (out, ng_sparql_results_get_name (r, c));
    }
  g_string_append (out, " ] },\n  \"results\": { \"bindings\": [\n");
  for (guint i = 0; i < ng_sparql_results_get_count (r); i++)
    {
      gboolean first = TRUE;
      g_string_append (out, i ? ",\n    {" : "    {");
      for (guint c = 0; c < ng_sparql_results_get_width (r); c++)
        {
          const char *lex, *lang, *dt;
          Kind k = kind_of (ng_sparql_results_get (r, i, c), &lex, &lang, &dt);
          if (k == KIND_UNBOUND)
            continue;
          g_string_append (out, first ? " " : ", ");
          first = FALSE;
          json_string (out, ng_sparql_results_get_name (r, c));
          g_string_append_printf (out, ": { \"type\": \"%s\", \"value\": ",
                                  k == KIND_IRI ? "uri" : k == KIND_BNODE ? "bnode" : "literal");
          json_string (out, lex);
          if (lang)
            {
              g_string_append (out, ", \"xml:lang\": ");
              json_string (out, lang);
            }
          if (dt)
            {
              g_string_append (out, ", \"datatype\": ");
              json_string (out, dt);
            }
          g_string_append (out, " }");
        }
      g_string_append (out, " }");
    }
  g_string_append (out, "\n  ] }\n}\n");
}

static void
xml_text (GString *out, const char *s)
{
  g_autofree char *e = g_markup_escape_text (s, -1);
  g_string_append (out, e);
}

static void
write_xml (NgSparqlResults *r, GString *out)
{
  g_string_append (out, "<?xml version=\"1.0\"?>\n"
                        "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n  <head>\n");
  for (guint c = 0; c < ng_sparql_results_get_width (r); c++)
    {
      g_string_append (out, "    <variable name=\"");
      xml_text (out, ng_sparql_results_get_name (r, c));
      g_string_append (out, "\"/>\n");
    }
  g_string_append (out, "  </head>\n");
  if (ng_sparql_results_get_form (r) == NG_SPARQL_ASK)
    {
      g_string_append_printf (out, "  <boolean>%s</boolean>\n</sparql>\n",
                              ng_sparql_results_get_boolean (r) ? "true" : "false");
      return;
    }
  g_string_append (out, "  <results>\n");
  for (guint i = 0; i < ng_sparql_results_get_count (r); i++)
    {
      g_string_append (out, "    <result>\n");
      for (guint c = 0; c < ng_sparql_results_get_width (r); c++)
        {
          const char *lex, *lang, *dt;
          Kind k = kind_of (ng_sparql_results_get (r, i, c), &lex, &lang, &dt);
          if (k == KIND_UNBOUND)
            continue;
          g_string_append (out, "      <binding name=\"");
          xml_text (out, ng_sparql_results_get_name (r, c));
          g_string_append (out, "\">");
          if (k == KIND_IRI)
            g_string_append (out, "<uri>");
          else if (k == KIND_BNODE)
            g_string_append (out, "<bnode>");
          else
            {
              g_string_append (out, "<literal");
              if (lang)
                {
                  g_string_append (out, " xml:lang=\"");
                  xml_text (out, lang);
                  g_string_append_c (out, '"');
                }
              if (dt)
                {
                  g_string_append (out, " datatype=\"");
                  xml_text (out, dt);
                  g_string_append_c (out, '"');
                }
              g_string_append_c (out, '>');
            }
          xml_text (out, lex);
          g_string_append (out, k == KIND_IRI ? "</uri>" : k == KIND_BNODE ? "</bnode>" : "</literal>");
          g_string_append (out, "</binding>\n");
        }
      g_string_append (out, "    </result>\n");
    }
  g_string_append (out, "  </results>\n</sparql>\n");
}

static void
csv_field (GString *out, const char *s)
{
  if (strpbrk (s, ",\"\r\n"))
    {
      g_string_append_c (out, '"');
      for (const char *p = s; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, s);
}

static void
tsv_string (GString *out, const char *s)
{
  for (const char *p = s; *p; p++)
    switch (*p)
      {
      case '\t': g_string_append (out, "\\t"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      case '"': g_string_append (out, "\\\""); break;
      case '\\': g_string_append (out, "\\\\"); break;
      default: g_string_append_c (out, *p);
      }
}

/* A term in Turtle syntax, as TSV and the text table show it; numbers and
 * booleans in their short form. */
static void
turtle_term (GString *out, rasqal_literal *l, gboolean tsv)
{
  const char *lex, *lang, *dt;
  switch (kind_of (l, &lex, &lang, &dt))
    {
    case KIND_UNBOUND:
      return;
    case KIND_IRI:
      g_string_append_printf (out, "<%s>", lex);
      return;
    case KIND_BNODE:
      g_string_append_printf (out, "_:%s", lex);
      return;
    case KIND_LITERAL:
      if (dt && (strcmp (dt, XSD "integer") == 0 || strcmp (dt, XSD "boolean") == 0)
          && strspn (lex, "+-0123456789truefals") == strlen (lex))
        {
          g_string_append (out, lex);
          return;
        }
      g_string_append_c (out, '"');
      if (tsv)
        tsv_string (out, lex);
      else
        g_string_append (out, lex);
      g_string_append_c (out, '"');
      if (lang)
        g_string_append_printf (out, "@%s", lang);
      else if (dt)
        g_string_append_printf (out, "^^<%s>", dt);
    }
}

static void
write_csv_tsv (NgSparqlResults *r, GString *out, gboolean tsv)
{
  if (ng_sparql_results_get_form (r) == NG_SPARQL_ASK)
    {
      g_string_append_printf (out, tsv ? "?_askResult\n%s\n" : "_askResult\r\n%s\r\n",
                              ng_sparql_results_get_boolean (r) ? "true" : "false");
      return;
    }
  for (guint c = 0; c < ng_sparql_results_get_width (r); c++)
    {
      if (c)
        g_string_append_c (out, tsv ? '\t' : ',');
      if (tsv)
        g_string_append_c (out, '?');
      g_string_append (out, ng_sparql_results_get_name (r, c));
    }
  g_string_append (out, tsv ? "\n" : "\r\n");
  for (guint i = 0; i < ng_sparql_results_get_count (r); i++)
    {
      for (guint c = 0; c < ng_sparql_results_get_width (r); c++)
        {
          rasqal_literal *l = ng_sparql_results_get (r, i, c);
          const char *lex, *lang, *dt;
          Kind k = kind_of (l, &lex, &lang, &dt);
          if (c)
            g_string_append_c (out, tsv ? '\t' : ',');
          if (tsv)
            turtle_term (out, l, TRUE);
          else if (k == KIND_BNODE)
            g_string_append_printf (out, "_:%s", lex);
          else if (k != KIND_UNBOUND)
            csv_field (out, lex);
        }
      g_string_append (out, tsv ? "\n" : "\r\n");
    }
}

static void
write_table (NgSparqlResults *r, GString *out)
{
  guint w = ng_sparql_results_get_width (r), n = ng_sparql_results_get_count (r);
  g_autofree glong *width = g_new0 (glong, w + 1);
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  if (ng_sparql_results_get_form (r) == NG_SPARQL_ASK)
    {
      g_string_append (out, ng_sparql_results_get_boolean (r) ? "true\n" : "false\n");
      return;
    }
  for (guint c = 0; c < w; c++)
    width[c] = g_utf8_strlen (ng_sparql_results_get_name (r, c), -1) + 1;
  for (guint i = 0; i < n; i++)
    for (guint c = 0; c < w; c++)
      {
        GString *s = g_string_new (NULL);
        turtle_term (s, ng_sparql_results_get (r, i, c), FALSE);
        width[c] = MAX (width[c], g_utf8_strlen (s->str, -1));
        g_ptr_array_add (cells, g_string_free (s, FALSE));
      }
  for (guint c = 0; c < w; c++)
    g_string_append_printf (out, "%s?%s%*s", c ? " | " : "", ng_sparql_results_get_name (r, c),
                            (int) (width[c] - g_utf8_strlen (ng_sparql_results_get_name (r, c), -1) - 1), "");
  g_string_append_c (out, '\n');
  for (guint c = 0; c < w; c++)
    {
      if (c)
        g_string_append (out, "-+-");
      for (glong k = 0; k < width[c]; k++)
        g_string_append_c (out, '-');
    }
  g_string_append_c (out, '\n');
  for (guint i = 0; i < n; i++)
    {
      for (guint c = 0; c < w; c++)
        {
          const char *cell = cells->pdata[i * w + c];
          g_string_append_printf (out, "%s%s%*s", c ? " | " : "", cell,
                                  (int) (width[c] - g_utf8_strlen (cell, -1)), "");
        }
      g_string_append_c (out, '\n');
    }
  g_string_append_printf (out, "(%u row%s)\n", n, n == 1 ? "" : "s");
}

static char *
write_graph (NgSparqlResults *r, const char *format, gsize *length, GError **error)
{
  librdf_world *world = r->world;
  const char *name = strcmp (format, "rdfxml") == 0 ? "rdfxml-abbrev" : format;
  librdf_serializer *ser = librdf_new_serializer (world, name, NULL, NULL);
  unsigned char *buf;
  size_t len = 0;
  char *out;

  if (ser == NULL)
    {
      g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_FORMAT,
                   "no %s serializer available", format);
      return NULL;
    }
  for (const NgPrefix *p = ng_vocab_prefixes (); p->prefix; p++)
    {
      librdf_uri *u = librdf_new_uri (world, (const unsigned char *) p->iri);
      librdf_serializer_set_namespace (ser, u, p->prefix);
      librdf_free_uri (u);
    }
  buf = librdf_serializer_serialize_model_to_counted_string (ser, NULL, r->graph, &len);
  librdf_free_serializer (ser);
  if (buf == NULL)
    {
      out = g_strdup ("");
      *length = 0;
      return out;
    }
  out = g_strndup ((const char *) buf, len);
  *length = len;
  librdf_free_memory (buf);
  return out;
}

char *
ng_sparql_results_write (NgSparqlResults *r, const char *format, gsize *length,
                         GError **error)
{
  GString *out;
  gboolean graph = r->form == NG_SPARQL_CONSTRUCT || r->form == NG_SPARQL_DESCRIBE;

  if (graph)
    {
      if (strcmp (format, "turtle") != 0 && strcmp (format, "ntriples") != 0
          && strcmp (format, "rdfxml") != 0)
        format = "turtle";
      return write_graph (r, format, length, error);
    }
  out = g_string_new (NULL);
  if (strcmp (format, "json") == 0)
    write_json (r, out);
  else if (strcmp (format, "xml") == 0)
    write_xml (r, out);
  else if (strcmp (format, "csv") == 0)
    write_csv_tsv (r, out, FALSE);
  else if (strcmp (format, "tsv") == 0)
    write_csv_tsv (r, out, TRUE);
  else if (strcmp (format, "table") == 0)
    write_table (r, out);
  else
    {
      g_string_free (out, TRUE);
      g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_FORMAT,
                   "unknown result format “%s”", format);
      return NULL;
    }
  *length = out->len;
  return g_string_free (out, FALSE);
}
