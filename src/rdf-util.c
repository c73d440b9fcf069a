/* rdf-util.c — librdf helpers. */
#include "config.h"

#include <string.h>

#include "rdf-util.h"
#include "nieuwsgraaf/gazetteer.h"

static void
append_escaped (GString *out, const char *text)
{
  for (const char *c = text; *c; c++)
    switch (*c)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case '"': g_string_append (out, "\\\""); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      case '\t': g_string_append (out, "\\t"); break;
      default:
        if ((guchar) *c < 0x20)
          g_string_append_printf (out, "\\u%04X", (guint) (guchar) *c);
        else
          g_string_append_c (out, *c);
      }
}

static void
append_iri (GString *out, const char *iri)
{
  g_string_append_c (out, '<');
  for (const char *c = iri; *c; c++)
    {
      /* characters N-Triples forbids in IRIs, percent-escaped */
      if ((guchar) *c <= 0x20 || strchr ("<>\"{}|^`\\", *c))
        g_string_append_printf (out, "%%%02X", (guint) (guchar) *c);
      else
        g_string_append_c (out, *c);
    }
  g_string_append_c (out, '>');
}

char *
ng_nquad_line (const char *s, const char *p, const char *o_iri,
               const char *o_literal, const char *datatype, const char *lang,
               const char *graph)
{
  GString *out = g_string_sized_new (128);
  append_iri (out, s);
  g_string_append_c (out, ' ');
  append_iri (out, p);
  g_string_append_c (out, ' ');
  if (o_iri)
    append_iri (out, o_iri);
  else
    {
      g_string_append_c (out, '"');
      append_escaped (out, o_literal);
      g_string_append_c (out, '"');
      if (datatype)
        {
          g_string_append (out, "^^");
          append_iri (out, datatype);
        }
      else if (lang && *lang)
        g_string_append_printf (out, "@%s", lang);
    }
  if (graph)
    {
      g_string_append_c (out, ' ');
      append_iri (out, graph);
    }
  g_string_append (out, " .");
  return g_string_free (out, FALSE);
}

void
ng_journal_statement (GString *journal, librdf_statement *st, gboolean add)
{
  /* librdf 1.0.17 statements are raptor statements */
  g_autofree char *line = ng_nquad_line_from_statement ((const raptor_statement *) st);
  if (line == NULL || !g_str_has_suffix (line, " ."))
    {
      g_string_append (journal, "!unjournaled\n");   /* not N-Quads: the journal fails */
      return;
    }
  g_string_append_len (journal, line, (gssize) strlen (line) - 2);
  g_string_append (journal, add ? " <" NG_JOURNAL_ADD "> .\n" : " <" NG_JOURNAL_REMOVE "> .\n");
}

char *
ng_nquad_line_from_statement (const raptor_statement *st)
{
  const raptor_term *s = st->subject, *p = st->predicate, *o = st->object;
  const char *graph = NULL;
  if (s->type != RAPTOR_TERM_TYPE_URI || p->type != RAPTOR_TERM_TYPE_URI)
    return NULL;
  if (st->graph && st->graph->type == RAPTOR_TERM_TYPE_URI)
    graph = (const char *) raptor_uri_as_string (st->graph->value.uri);
  if (o->type == RAPTOR_TERM_TYPE_URI)
    return ng_nquad_line ((const char *) raptor_uri_as_string (s->value.uri),
                          (const char *) raptor_uri_as_string (p->value.uri),
                          (const char *) raptor_uri_as_string (o->value.uri),
                          NULL, NULL, NULL, graph);
  if (o->type == RAPTOR_TERM_TYPE_LITERAL)
    return ng_nquad_line ((const char *) raptor_uri_as_string (s->value.uri),
                          (const char *) raptor_uri_as_string (p->value.uri),
                          NULL, (const char *) o->value.literal.string,
                          o->value.literal.datatype
                            ? (const char *) raptor_uri_as_string (o->value.literal.datatype)
                            : NULL,
                          (const char *) o->value.literal.language, graph);
  return NULL;
}

static void
write_statement (NgWriter *w, librdf_node *s, librdf_node *p, librdf_node *o)
{
  librdf_statement *st;
  if (s == NULL || p == NULL || o == NULL)
    {
      w->failed = TRUE;
      if (s) librdf_free_node (s);
      if (p) librdf_free_node (p);
      if (o) librdf_free_node (o);
      return;
    }
  st = librdf_new_statement_from_nodes (w->world, s, p, o); /* takes nodes */
  if (st == NULL)
    {
      w->failed = TRUE;
      return;
    }
  if (w->context)
    {
      if (librdf_model_context_add_statement (w->model, w->context, st))
        w->failed = TRUE;
    }
  else if (librdf_model_add_statement (w->model, st))
    w->failed = TRUE;
  else if (w->journal)
    ng_journal_statement (w->journal, st, TRUE);
  librdf_free_statement (st);
}

static librdf_node *
uri_node (NgWriter *w, const char *iri)
{
  return librdf_new_node_from_uri_string (w->world, (const unsigned char *) iri);
}

void
ng_write_uri (NgWriter *w, const char *s, const char *p, const char *o)
{
  if (w->lines)
    {
      g_ptr_array_add (w->lines, ng_nquad_line (s, p, o, NULL, NULL, NULL, w->graph));
      return;
    }
  write_statement (w, uri_node (w, s), uri_node (w, p), uri_node (w, o));
}

void
ng_write_literal (NgWriter *w, const char *s, const char *p, const char *value,
                  const char *datatype)
{
  librdf_node *o;
  if (w->lines)
    {
      g_ptr_array_add (w->lines, ng_nquad_line (s, p, NULL, value, datatype, NULL,
                                                w->graph));
      return;
    }
  if (datatype)
    {
      librdf_uri *dt = librdf_new_uri (w->world, (const unsigned char *) datatype);
      o = librdf_new_node_from_typed_literal (w->world, (const unsigned char *) value,
                                              NULL, dt);
      librdf_free_uri (dt);
    }
  else
    o = librdf_new_node_from_literal (w->world, (const unsigned char *) value,
                                      NULL, 0);
  write_statement (w, uri_node (w, s), uri_node (w, p), o);
}

void
ng_write_int (NgWriter *w, const char *s, const char *p, gint64 value)
{
  char buf[32];
  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  ng_write_literal (w, s, p, buf, "http://www.w3.org/2001/XMLSchema#integer");
}

void
ng_write_double (NgWriter *w, const char *s, const char *p, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (buf, sizeof buf, "%.6f", value);
  ng_write_literal (w, s, p, buf, "http://www.w3.org/2001/XMLSchema#decimal");
}

const char *
ng_node_iri (librdf_node *n)
{
  if (n == NULL || !librdf_node_is_resource (n))
    return NULL;
  return (const char *) librdf_uri_as_string (librdf_node_get_uri (n));
}

const char *
ng_node_literal (librdf_node *n)
{
  if (n == NULL || !librdf_node_is_literal (n))
    return NULL;
  return (const char *) librdf_node_get_literal_value (n);
}

const char *
ng_node_datatype (librdf_node *n)
{
  librdf_uri *u;
  if (n == NULL || !librdf_node_is_literal (n))
    return NULL;
  u = librdf_node_get_literal_value_datatype_uri (n);
  return u ? (const char *) librdf_uri_as_string (u) : NULL;
}

char *
ng_slug (const char *name)
{
  g_autofree char *norm = ng_normalize_name (name);
  for (char *p = norm; *p; p++)
    if (*p == ' ' || *p == '/' || *p == '#' || *p == '?')
      *p = '-';
  return g_uri_escape_string (norm, "-'", FALSE);
}

/* librdf reports errors through its log handler; keep the first message so
 * callers can put it into a GError. */
static GMutex log_lock;
static char *last_error;

static int
log_handler (void *user_data, librdf_log_message *msg)
{
  const char *text = librdf_log_message_message (msg);
  if (librdf_log_message_level (msg) >= LIBRDF_LOG_ERROR)
    {
      g_mutex_lock (&log_lock);
      if (last_error == NULL)
        last_error = g_strdup (text ? text : "unknown librdf error");
      g_mutex_unlock (&log_lock);
    }
  return 1; /* handled: do not print */
}

void
ng_rdf_world_setup (librdf_world *world)
{
  librdf_world_set_logger (world, NULL, log_handler);
}

char *
ng_rdf_take_error (void)
{
  char *e;
  g_mutex_lock (&log_lock);
  e = last_error;
  last_error = NULL;
  g_mutex_unlock (&log_lock);
  return e;
}
