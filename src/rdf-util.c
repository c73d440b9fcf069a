/* rdf-util.c — librdf helpers. */
#include "config.h"

#include <string.h>

#include "rdf-util.h"
#include "nieuwsgraaf/gazetteer.h"

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
  write_statement (w, uri_node (w, s), uri_node (w, p), uri_node (w, o));
}

void
ng_write_literal (NgWriter *w, const char *s, const char *p, const char *value,
                  const char *datatype)
{
  librdf_node *o;
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
