/* w3c-runner.c — runs the W3C SPARQL query-evaluation tests through
 * nieuwsgraaf's engine and prints pass / fail / unsupported per directory
 * and in total.
 *
 *   w3c-runner [-v] MANIFEST...      (e.g. sparql10/manifest-evaluation.ttl)
 *
 * A test is "unsupported" when its query does not parse (Rasqal 0.9.33 has
 * no property paths) or the engine refuses it; "fail" when it runs and the
 * answer differs.  Results are compared as multisets of solutions, blank
 * nodes up to renaming, numeric literals by value; in order as well when
 * the query has ORDER BY.  Update evaluation tests (SPARQL 1.1 Update)
 * compare the default graph and the named graphs after the update the same
 * way.  Exit status 0 (this is a measurement). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <rasqal.h>
#include <redland.h>
#include <json-glib/json-glib.h>

#include "nieuwsgraaf/sparql.h"

#define MF "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
#define QT "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"
#define DAWGT "http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#"
#define UT "http://www.w3.org/2009/sparql/tests/test-update#"
#define RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define XSD "http://www.w3.org/2001/XMLSchema#"

static librdf_world *world;
static gboolean verbose;

typedef struct {
  char *dir;
  int pass, fail, unsupported;
} Tally;

/* ------------------------------------------------------------ RDF loading */

static const char *
parser_for (const char *path)
{
  if (g_str_has_suffix (path, ".rdf") || g_str_has_suffix (path, ".xml"))
    return "rdfxml";
  if (g_str_has_suffix (path, ".nt"))
    return "ntriples";
  return "turtle";
}

static char *
path_of (const char *uri)
{
  return g_str_has_prefix (uri, "file://") ? g_uri_unescape_string (uri + 7, NULL)
                                           : g_strdup (uri);
}

static gboolean
load_into (librdf_model *m, const char *uri, librdf_node *context)
{
  g_autofree char *path = path_of (uri);
  librdf_parser *p = librdf_new_parser (world, parser_for (path), NULL, NULL);
  librdf_uri *u = librdf_new_uri (world, (const unsigned char *) uri);
  librdf_stream *st = NULL;
  gboolean ok;
  g_autofree char *text = NULL;
  gsize len;
  if (!g_file_get_contents (path, &text, &len, NULL))
    {
      librdf_free_parser (p);
      librdf_free_uri (u);
      return FALSE;
    }
  st = librdf_parser_parse_counted_string_as_stream (p, (const unsigned char *) text, len, u);
  ok = st != NULL;
  if (st)
    {
      if (context)
        librdf_model_context_add_statements (m, context, st);
      else
        librdf_model_add_statements (m, st);
      librdf_free_stream (st);
    }
  librdf_free_parser (p);
  librdf_free_uri (u);
  return ok;
}

static librdf_model *
new_model (gboolean contexts)
{
  librdf_storage *s = librdf_new_storage (world, "hashes", NULL,
                                          contexts ? "hash-type='memory',contexts='yes'"
                                                   : "hash-type='memory'");
  /* the storage goes with the model: librdf counts its references */
  librdf_model *m = librdf_new_model (world, s, NULL);
  librdf_free_storage (s);
  return m;
}

static librdf_model *
load_graph (void *unused, const char *iri)
{
  librdf_model *m = new_model (FALSE);
  if (!load_into (m, iri, NULL))
    {
      librdf_free_model (m);
      return NULL;
    }
  return m;
}

/* ------------------------------------------------------------ terms */

static char *
term_of_literal (rasqal_literal *l)
{
  raptor_uri *dt;
  const char *d, *lex;
  if (l == NULL)
    return g_strdup ("");
  if (l->type == RASQAL_LITERAL_URI)
    return g_strdup_printf ("<%s>", raptor_uri_as_string (l->value.uri));
  if (l->type == RASQAL_LITERAL_BLANK)
    return g_strdup_printf ("_:%s", l->string);
  lex = (const char *) rasqal_literal_as_string (l);
  dt = rasqal_literal_datatype (l);
  d = dt ? (const char *) raptor_uri_as_string (dt) : "";
  /* Rasqal's result readers give typed literals without the datatype URI */
  if (dt == NULL)
    switch (l->type)
      {
      case RASQAL_LITERAL_INTEGER: d = XSD "integer"; break;
      case RASQAL_LITERAL_DOUBLE: d = XSD "double"; break;
      case RASQAL_LITERAL_FLOAT: d = XSD "float"; break;
      case RASQAL_LITERAL_DECIMAL: d = XSD "decimal"; break;
      case RASQAL_LITERAL_BOOLEAN: d = XSD "boolean"; break;
      case RASQAL_LITERAL_DATETIME: d = XSD "dateTime"; break;
      case RASQAL_LITERAL_DATE: d = XSD "date"; break;
      default: break;
      }
  if (strcmp (d, XSD "string") == 0)
    d = "";
  if (strcmp (d, XSD "integer") == 0 || strcmp (d, XSD "decimal") == 0
      || strcmp (d, XSD "double") == 0 || strcmp (d, XSD "float") == 0)
    {
      char *end = NULL;
      double v = g_ascii_strtod (lex, &end);
      if (end && *end == '\0' && *lex)
        return g_strdup_printf ("\"%.12g\"^^%s", v, d);
    }
  if (l->language)
    {
      g_autofree char *lang = g_ascii_strdown (l->language, -1);
      return g_strdup_printf ("\"%s\"@%s", lex, lang);
    }
  return g_strdup_printf ("\"%s\"^^%s", lex, d);
}

static char *
term_of_node (librdf_node *n, rasqal_world *rw)
{
  /* through a Rasqal literal so that both sides normalise alike */
  raptor_term *t = (raptor_term *) n;
  rasqal_literal *l = NULL;
  char *s;
  if (t->type == RAPTOR_TERM_TYPE_URI)
    l = rasqal_new_uri_literal (rw, raptor_uri_copy (t->value.uri));
  else if (t->type == RAPTOR_TERM_TYPE_BLANK)
    l = rasqal_new_simple_literal (rw, RASQAL_LITERAL_BLANK,
                                   (unsigned char *) strdup ((char *) t->value.blank.string));
  else
    l = rasqal_new_string_literal (rw, (unsigned char *) strdup ((char *) t->value.literal.string),
                                   t->value.literal.language
                                   ? strdup ((char *) t->value.literal.language) : NULL,
                                   t->value.literal.datatype
                                   ? raptor_uri_copy (t->value.literal.datatype) : NULL, NULL);
  s = term_of_literal (l);
  if (l)
    rasqal_free_literal (l);
  return s;
}

/* ------------------------------------------------------------ comparison */

/* A table: rows of COLS term strings ("" unbound). */
typedef struct {
  guint cols;
  GPtrArray *rows;   /* char** of length cols */
  gboolean is_bool;
  gboolean boolean;
} Table;

static void
free_row (gpointer p)
{
  g_strfreev (p);
}

static Table *
table_new (guint cols)
{
  Table *t = g_new0 (Table, 1);
  t->cols = cols;
  t->rows = g_ptr_array_new_with_free_func (free_row);
  return t;
}

static void
table_free (Table *t)
{
  if (t == NULL)
    return;
  g_ptr_array_unref (t->rows);
  g_free (t);
}

static gboolean
is_bnode (const char *s)
{
  return s[0] == '_' && s[1] == ':';
}

/* Row A[i] matches B[j] under the bnode bijection in FWD/BACK, extending
 * them (the additions are recorded in ADDED to undo). */
static gboolean
row_match (char **a, char **b, guint cols, GHashTable *fwd, GHashTable *back, GPtrArray *added)
{
  for (guint c = 0; c < cols; c++)
    {
      if (is_bnode (a[c]) && is_bnode (b[c]))
        {
          const char *m = g_hash_table_lookup (fwd, a[c]);
          const char *r = g_hash_table_lookup (back, b[c]);
          if (m == NULL && r == NULL)
            {
              g_hash_table_insert (fwd, a[c], b[c]);
              g_hash_table_insert (back, b[c], a[c]);
              g_ptr_array_add (added, a[c]);
              g_ptr_array_add (added, b[c]);
            }
          else if (m == NULL || strcmp (m, b[c]) != 0)
            return FALSE;
        }
      else if (strcmp (a[c], b[c]) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
undo (GHashTable *fwd, GHashTable *back, GPtrArray *added, guint from)
{
  for (guint i = from; i + 1 < added->len; i += 2)
    {
      g_hash_table_remove (fwd, added->pdata[i]);
      g_hash_table_remove (back, added->pdata[i + 1]);
    }
  g_ptr_array_set_size (added, from);
}

static gboolean
match_from (Table *a, Table *b, guint i, gboolean *used, gboolean ordered,
            GHashTable *fwd, GHashTable *back, GPtrArray *added, guint *budget)
{
  if (i == a->rows->len)
    return TRUE;
  if ((*budget)-- == 0)
    return FALSE;
  for (guint j = ordered ? i : 0; j < b->rows->len && (!ordered || j == i); j++)
    {
      guint mark = added->len;
      if (used[j])
        continue;
      if (row_match (a->rows->pdata[i], b->rows->pdata[j], a->cols, fwd, back, added))
        {
          used[j] = TRUE;
          if (match_from (a, b, i + 1, used, ordered, fwd, back, added, budget))
            return TRUE;
          used[j] = FALSE;
        }
      undo (fwd, back, added, mark);
    }
  return FALSE;
}

static int
cmp_rows (gconstpointer pa, gconstpointer pb, gpointer cols)
{
  char **a = *(char ***) pa, **b = *(char ***) pb;
  for (guint c = 0; c < GPOINTER_TO_UINT (cols); c++)
    {
      int r = strcmp (a[c], b[c]);
      if (r)
        return r;
    }
  return 0;
}

static gboolean
has_bnodes (Table *t)
{
  for (guint i = 0; i < t->rows->len; i++)
    for (guint c = 0; c < t->cols; c++)
      if (is_bnode (((char **) t->rows->pdata[i])[c]))
        return TRUE;
  return FALSE;
}

static gboolean
tables_equal (Table *a, Table *b, gboolean ordered)
{
  g_autofree gboolean *used = NULL;
  g_autoptr (GHashTable) fwd = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) back = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) added = g_ptr_array_new ();
  guint budget = 200000;
  if (a->is_bool || b->is_bool)
    return a->is_bool == b->is_bool && a->boolean == b->boolean;
  if (a->cols != b->cols || a->rows->len != b->rows->len)
    return FALSE;
  if (!ordered && !has_bnodes (a) && !has_bnodes (b))
    {
      g_ptr_array_sort_with_data (a->rows, cmp_rows, GUINT_TO_POINTER (a->cols));
      g_ptr_array_sort_with_data (b->rows, cmp_rows, GUINT_TO_POINTER (b->cols));
      ordered = TRUE;
    }
  used = g_new0 (gboolean, b->rows->len + 1);
  return match_from (a, b, 0, used, ordered, fwd, back, added, &budget);
}

/* ------------------------------------------------------------ tables */

static Table *
table_of_results (NgSparqlResults *r, GPtrArray *cols)
{
  Table *t;
  if (ng_sparql_results_get_form (r) == NG_SPARQL_ASK)
    {
      t = table_new (0);
      t->is_bool = TRUE;
      t->boolean = ng_sparql_results_get_boolean (r);
      return t;
    }
  t = table_new (cols->len);
  for (guint i = 0; i < ng_sparql_results_get_count (r); i++)
    {
      char **row = g_new0 (char *, cols->len + 1);
      for (guint c = 0; c < cols->len; c++)
        {
          rasqal_literal *l = NULL;
          for (guint k = 0; k < ng_sparql_results_get_width (r); k++)
            if (strcmp (ng_sparql_results_get_name (r, k), cols->pdata[c]) == 0)
              l = ng_sparql_results_get (r, i, k);
          row[c] = term_of_literal (l);
        }
      g_ptr_array_add (t->rows, row);
    }
  return t;
}

/* Appends the statements of ST (freed) to T as rows (s, p, o), or
 * (CTX, s, p, o) when CTX is not NULL. */
static void
add_statements (Table *t, librdf_stream *st, librdf_node *ctx, rasqal_world *rw)
{
  while (st && !librdf_stream_end (st))
    {
      librdf_statement *s = librdf_stream_get_object (st);
      char **row = g_new0 (char *, t->cols + 1);
      guint c = 0;
      if (ctx)
        row[c++] = term_of_node (ctx, rw);
      row[c++] = term_of_node (librdf_statement_get_subject (s), rw);
      row[c++] = term_of_node (librdf_statement_get_predicate (s), rw);
      row[c] = term_of_node (librdf_statement_get_object (s), rw);
      g_ptr_array_add (t->rows, row);
      librdf_stream_next (st);
    }
  if (st)
    librdf_free_stream (st);
}

static Table *
table_of_graph (librdf_model *m, rasqal_world *rw)
{
  Table *t = table_new (3);
  add_statements (t, librdf_model_as_stream (m), NULL, rw);
  return t;
}

static const char *
results_format (const char *path)
{
  if (g_str_has_suffix (path, ".srx") || g_str_has_suffix (path, ".xml"))
    return "xml";
  if (g_str_has_suffix (path, ".srj") || g_str_has_suffix (path, ".json"))
    return "json";
  if (g_str_has_suffix (path, ".tsv"))
    return "tsv";
  if (g_str_has_suffix (path, ".csv"))
    return "csv";
  if (g_str_has_suffix (path, ".rdf"))
    return "rdfxml";
  return "turtle";
}

#define RS "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"

static librdf_node *target (librdf_model *m, librdf_node *s, const char *p);
static librdf_node *uri_node (const char *s);

static char *
literal_value (librdf_node *n)
{
  return n && librdf_node_is_literal (n) ? g_strdup ((char *) librdf_node_get_literal_value (n)) : NULL;
}

static int
cmp_index (gconstpointer a, gconstpointer b)
{
  const int *x = *(int *const *) a, *y = *(int *const *) b;
  return *x - *y;
}

/* A result set written in RDF (the rs: vocabulary), which Rasqal cannot
 * read back. */
static Table *
read_rdf_results (const char *uri, GPtrArray *cols)
{
  rasqal_world *rw = librdf_world_get_rasqal (world);
  librdf_model *m = load_graph (NULL, uri);
  librdf_node *type = uri_node (RDF "type"), *rsn = uri_node (RS "ResultSet");
  librdf_node *set;
  Table *t = NULL;
  if (m == NULL)
    goto out;
  set = librdf_model_get_source (m, type, rsn);
  if (set == NULL)
    goto out;
  {
    librdf_node *b = target (m, set, RS "boolean");
    if (b)
      {
        g_autofree char *v = literal_value (b);
        t = table_new (0);
        t->is_bool = TRUE;
        t->boolean = g_strcmp0 (v, "true") == 0;
        librdf_free_node (b);
        librdf_free_node (set);
        goto out;
      }
  }
  {
    librdf_node *p = uri_node (RS "resultVariable");
    librdf_iterator *it = librdf_model_get_targets (m, set, p);
    g_autoptr (GPtrArray) sols = g_ptr_array_new ();
    g_autoptr (GPtrArray) keyed = g_ptr_array_new_with_free_func (g_free);
    while (it && !librdf_iterator_end (it))
      {
        g_ptr_array_add (cols, literal_value (librdf_iterator_get_object (it)));
        librdf_iterator_next (it);
      }
    if (it)
      librdf_free_iterator (it);
    librdf_free_node (p);
    g_ptr_array_sort (cols, (GCompareFunc) g_strcmp0);
    t = table_new (cols->len);
    p = uri_node (RS "solution");
    it = librdf_model_get_targets (m, set, p);
    while (it && !librdf_iterator_end (it))
      {
        librdf_node *sol = librdf_iterator_get_object (it);
        librdf_node *idx = target (m, sol, RS "index");
        g_autofree char *iv = literal_value (idx);
        char **row = g_new0 (char *, cols->len + 1);
        /* a row keyed by its rs:index, for ordered results */
        int *k = g_malloc (sizeof (int) + sizeof (char **));
        librdf_node *bp = uri_node (RS "binding");
        librdf_iterator *bi = librdf_model_get_targets (m, sol, bp);
        for (guint c = 0; c < cols->len; c++)
          row[c] = g_strdup ("");
        while (bi && !librdf_iterator_end (bi))
          {
            librdf_node *bn = librdf_iterator_get_object (bi);
            librdf_node *var = target (m, bn, RS "variable");
            librdf_node *val = target (m, bn, RS "value");
            g_autofree char *name = literal_value (var);
            for (guint c = 0; name && val && c < cols->len; c++)
              if (strcmp (cols->pdata[c], name) == 0)
                {
                  g_free (row[c]);
                  row[c] = term_of_node (val, rw);
                }
            if (var) librdf_free_node (var);
            if (val) librdf_free_node (val);
            librdf_iterator_next (bi);
          }
        if (bi)
          librdf_free_iterator (bi);
        librdf_free_node (bp);
        *k = iv ? atoi (iv) : 0;
        memcpy (k + 1, &row, sizeof row);
        g_ptr_array_add (keyed, k);
        if (idx)
          librdf_free_node (idx);
        librdf_iterator_next (it);
      }
    if (it)
      librdf_free_iterator (it);
    librdf_free_node (p);
    g_ptr_array_sort (keyed, cmp_index);
    for (guint i = 0; i < keyed->len; i++)
      {
        char **row;
        memcpy (&row, (int *) keyed->pdata[i] + 1, sizeof row);
        g_ptr_array_add (t->rows, row);
      }
    (void) sols;
  }
  librdf_free_node (set);
out:
  if (m)
    librdf_free_model (m);
  librdf_free_node (type);
  librdf_free_node (rsn);
  return t;
}

/* SPARQL JSON results (Rasqal's reader drops the datatypes). */
static Table *
read_json_results (const char *path, GPtrArray *cols)
{
  rasqal_world *rw = librdf_world_get_rasqal (world);
  g_autoptr (JsonParser) p = json_parser_new ();
  JsonObject *root, *head;
  JsonArray *vars, *bindings;
  Table *t;
  if (!json_parser_load_from_file (p, path, NULL))
    return NULL;
  root = json_node_get_object (json_parser_get_root (p));
  if (json_object_has_member (root, "boolean"))
    {
      t = table_new (0);
      t->is_bool = TRUE;
      t->boolean = json_object_get_boolean_member (root, "boolean");
      return t;
    }
  head = json_object_get_object_member (root, "head");
  vars = head && json_object_has_member (head, "vars") ? json_object_get_array_member (head, "vars") : NULL;
  for (guint i = 0; vars && i < json_array_get_length (vars); i++)
    g_ptr_array_add (cols, g_strdup (json_array_get_string_element (vars, i)));
  t = table_new (cols->len);
  bindings = json_object_get_array_member (json_object_get_object_member (root, "results"), "bindings");
  for (guint r = 0; bindings && r < json_array_get_length (bindings); r++)
    {
      JsonObject *b = json_array_get_object_element (bindings, r);
      char **row = g_new0 (char *, cols->len + 1);
      for (guint c = 0; c < cols->len; c++)
        {
          JsonObject *v = json_object_has_member (b, cols->pdata[c])
                          ? json_object_get_object_member (b, cols->pdata[c]) : NULL;
          const char *type, *value, *dt, *lang;
          rasqal_literal *l = NULL;
          if (v == NULL)
            {
              row[c] = g_strdup ("");
              continue;
            }
          type = json_object_get_string_member (v, "type");
          value = json_object_get_string_member (v, "value");
          dt = json_object_has_member (v, "datatype") ? json_object_get_string_member (v, "datatype") : NULL;
          lang = json_object_has_member (v, "xml:lang") ? json_object_get_string_member (v, "xml:lang") : NULL;
          if (strcmp (type, "uri") == 0)
            l = rasqal_new_uri_literal (rw, raptor_new_uri (rasqal_world_get_raptor (rw), (const unsigned char *) value));
          else if (strcmp (type, "bnode") == 0)
            l = rasqal_new_simple_literal (rw, RASQAL_LITERAL_BLANK, (unsigned char *) strdup (value));
          else
            l = rasqal_new_string_literal (rw, (unsigned char *) strdup (value), lang ? strdup (lang) : NULL,
                                           dt ? raptor_new_uri (rasqal_world_get_raptor (rw), (const unsigned char *) dt) : NULL,
                                           NULL);
          row[c] = term_of_literal (l);
          if (l)
            rasqal_free_literal (l);
        }
      g_ptr_array_add (t->rows, row);
    }
  return t;
}

/* The expected results; COLS receives the variable names (borrowed from
 * the table's strings). */
static Table *
read_expected (const char *uri, gboolean ask, GPtrArray *cols)
{
  rasqal_world *rw = librdf_world_get_rasqal (world);
  g_autofree char *path = path_of (uri);
  g_autofree char *text = NULL;
  gsize len;
  rasqal_variables_table *vt;
  rasqal_query_results *res;
  rasqal_query_results_formatter *fmt;
  raptor_iostream *io;
  raptor_uri *base;
  Table *t = NULL;

  if (g_str_has_suffix (path, ".ttl") || g_str_has_suffix (path, ".rdf"))
    return read_rdf_results (uri, cols);
  if (g_str_has_suffix (path, ".srj") || g_str_has_suffix (path, ".json"))
    return read_json_results (path, cols);
  if (!g_file_get_contents (path, &text, &len, NULL))
    return NULL;
  vt = rasqal_new_variables_table (rw);
  /* the non-deprecated constructor needs a query; these results have none */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  res = rasqal_new_query_results (rw, NULL, ask ? RASQAL_QUERY_RESULTS_BOOLEAN
                                                : RASQAL_QUERY_RESULTS_BINDINGS, vt);
  G_GNUC_END_IGNORE_DEPRECATIONS
  fmt = rasqal_new_query_results_formatter (rw, results_format (path), NULL, NULL);
  io = raptor_new_iostream_from_string (rasqal_world_get_raptor (rw), text, len);
  base = raptor_new_uri (rasqal_world_get_raptor (rw), (const unsigned char *) uri);
  if (fmt && io && rasqal_query_results_formatter_read (rw, io, fmt, res, base) == 0)
    {
      if (rasqal_query_results_is_boolean (res))
        {
          t = table_new (0);
          t->is_bool = TRUE;
          t->boolean = rasqal_query_results_get_boolean (res) > 0;
        }
      else
        {
          int n = rasqal_query_results_get_bindings_count (res);
          for (int i = 0; i < n; i++)
            g_ptr_array_add (cols, g_strdup ((const char *) rasqal_query_results_get_binding_name (res, i)));
          t = table_new (cols->len);
          while (!rasqal_query_results_finished (res))
            {
              char **row = g_new0 (char *, cols->len + 1);
              for (guint c = 0; c < cols->len; c++)
                row[c] = term_of_literal (rasqal_query_results_get_binding_value (res, (int) c));
              g_ptr_array_add (t->rows, row);
              rasqal_query_results_next (res);
            }
        }
    }
  raptor_free_uri (base);
  if (io)
    raptor_free_iostream (io);
  if (fmt)
    rasqal_free_query_results_formatter (fmt);
  rasqal_free_query_results (res);
  rasqal_free_variables_table (vt);
  return t;
}

/* ------------------------------------------------------------ manifests */

static librdf_node *
uri_node (const char *s)
{
  return librdf_new_node_from_uri_string (world, (const unsigned char *) s);
}

static librdf_node *
target (librdf_model *m, librdf_node *s, const char *p)
{
  librdf_node *pn = uri_node (p);
  librdf_node *o = librdf_model_get_target (m, s, pn);
  librdf_free_node (pn);
  return o;
}

static GPtrArray *
targets (librdf_model *m, librdf_node *s, const char *p)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  librdf_node *pn = uri_node (p);
  librdf_iterator *it = librdf_model_get_targets (m, s, pn);
  while (it && !librdf_iterator_end (it))
    {
      librdf_node *o = librdf_iterator_get_object (it);
      if (librdf_node_is_resource (o))
        g_ptr_array_add (out, g_strdup ((char *) librdf_uri_as_string (librdf_node_get_uri (o))));
      librdf_iterator_next (it);
    }
  if (it)
    librdf_free_iterator (it);
  librdf_free_node (pn);
  g_ptr_array_sort (out, (GCompareFunc) g_strcmp0);
  return out;
}

static GPtrArray *
list_items (librdf_model *m, librdf_node *head)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) librdf_free_node);
  librdf_node *cur = head ? librdf_new_node_from_node (head) : NULL;
  while (cur && !(librdf_node_is_resource (cur)
                  && strcmp ((char *) librdf_uri_as_string (librdf_node_get_uri (cur)), RDF "nil") == 0))
    {
      librdf_node *first = target (m, cur, RDF "first");
      librdf_node *rest = target (m, cur, RDF "rest");
      if (first)
        g_ptr_array_add (out, first);
      librdf_free_node (cur);
      cur = rest;
    }
  if (cur)
    librdf_free_node (cur);
  return out;
}

static const char *
uri_str (librdf_node *n)
{
  return n && librdf_node_is_resource (n) ? (const char *) librdf_uri_as_string (librdf_node_get_uri (n)) : NULL;
}

typedef enum { PASS, FAIL, UNSUPPORTED } Outcome;

/* W3C_DUMP: the first rows of a table that differs. */
static void
dump_table (const char *label, Table *t)
{
  printf ("    %s (%u rows)%s\n", label, t->rows->len,
          t->is_bool ? (t->boolean ? " true" : " false") : "");
  for (guint i = 0; i < t->rows->len && i < 8; i++)
    {
      g_autofree char *line = g_strjoinv (" | ", t->rows->pdata[i]);
      printf ("      %s\n", line);
    }
}

static Outcome
run_test (librdf_model *man, librdf_node *test, const char *name)
{
  librdf_node *action = target (man, test, MF "action");
  librdf_node *result = target (man, test, MF "result");
  librdf_node *qn = action ? target (man, action, QT "query") : NULL;
  g_autoptr (GPtrArray) data = action ? targets (man, action, QT "data") : g_ptr_array_new ();
  g_autoptr (GPtrArray) gdata = action ? targets (man, action, QT "graphData") : g_ptr_array_new ();
  g_autoptr (GPtrArray) cols = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *qpath = NULL, *qtext = NULL;
  g_autoptr (GError) error = NULL;
  librdf_model *def = new_model (FALSE), *named = new_model (TRUE);
  NgSparqlQuery *q = NULL;
  NgSparqlResults *r = NULL;
  Table *want = NULL, *got = NULL;
  Outcome out = FAIL;
  const char *why = "";

  NgSparqlDataset ds = { world, def, named, NULL, load_graph, NULL };
  if (qn == NULL || result == NULL)
    {
      why = "incomplete test";
      goto done;
    }
  for (guint i = 0; i < data->len; i++)
    load_into (def, data->pdata[i], NULL);
  for (guint i = 0; i < gdata->len; i++)
    {
      librdf_node *ctx = uri_node (gdata->pdata[i]);
      load_into (named, gdata->pdata[i], ctx);
      librdf_free_node (ctx);
    }
  qpath = path_of (uri_str (qn));
  if (!g_file_get_contents (qpath, &qtext, NULL, NULL))
    {
      why = "cannot read the query";
      goto done;
    }
  q = ng_sparql_query_new (world, qtext, NULL, uri_str (qn), &error);
  if (q == NULL)
    {
      out = UNSUPPORTED;
      why = error->message;
      goto done;
    }
  r = ng_sparql_query_execute (q, &ds, g_get_monotonic_time () + 20 * G_USEC_PER_SEC, NULL, &error);
  if (r == NULL)
    {
      out = g_error_matches (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_UNSUPPORTED) ? UNSUPPORTED : FAIL;
      why = error->message;
      goto done;
    }
  if (ng_sparql_results_get_form (r) == NG_SPARQL_CONSTRUCT
      || ng_sparql_results_get_form (r) == NG_SPARQL_DESCRIBE)
    {
      librdf_model *wm = load_graph (NULL, uri_str (result));
      rasqal_world *rw = librdf_world_get_rasqal (world);
      if (wm)
        {
          want = table_of_graph (wm, rw);
          librdf_free_model (wm);
        }
      got = table_of_graph (ng_sparql_results_get_graph (r), rw);
    }
  else
    {
      want = read_expected (uri_str (result), ng_sparql_results_get_form (r) == NG_SPARQL_ASK, cols);
      got = table_of_results (r, cols);
    }
  if (want == NULL)
    {
      why = "cannot read the expected results";
      goto done;
    }
  out = tables_equal (got, want, ng_sparql_results_is_ordered (r)) ? PASS : FAIL;
  why = "different results";
  if (out == FAIL && g_getenv ("W3C_DUMP"))
    {
      dump_table ("got", got);
      dump_table ("expected", want);
    }

done:
  if (verbose && out != PASS)
    printf ("  %s %s: %s\n", out == FAIL ? "FAIL" : "UNSUPPORTED", name, why);
  table_free (want);
  table_free (got);
  ng_sparql_results_free (r);
  ng_sparql_query_free (q);
  librdf_free_model (def);
  librdf_free_model (named);
  if (action) librdf_free_node (action);
  if (result) librdf_free_node (result);
  if (qn) librdf_free_node (qn);
  return out;
}

/* The objects of S P (new node copies). */
static GPtrArray *
target_nodes (librdf_model *m, librdf_node *s, const char *p)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) librdf_free_node);
  librdf_node *pn = uri_node (p);
  librdf_iterator *it = librdf_model_get_targets (m, s, pn);
  while (it && !librdf_iterator_end (it))
    {
      g_ptr_array_add (out, librdf_new_node_from_node (librdf_iterator_get_object (it)));
      librdf_iterator_next (it);
    }
  if (it)
    librdf_free_iterator (it);
  librdf_free_node (pn);
  return out;
}

/* Loads the ut:data and ut:graphData of NODE (an action or a result) into
 * DEF and NAMED. */
static gboolean
load_update_graphs (librdf_model *man, librdf_node *node, librdf_model *def,
                    librdf_model *named)
{
  g_autoptr (GPtrArray) data = targets (man, node, UT "data");
  g_autoptr (GPtrArray) gdata = target_nodes (man, node, UT "graphData");
  gboolean ok = TRUE;
  for (guint i = 0; i < data->len; i++)
    ok = load_into (def, data->pdata[i], NULL) && ok;
  for (guint i = 0; i < gdata->len; i++)
    {
      librdf_node *file = target (man, gdata->pdata[i], UT "graph");
      librdf_node *label = target (man, gdata->pdata[i], RDFS "label");
      const char *name = label && librdf_node_is_literal (label)
        ? (const char *) librdf_node_get_literal_value (label) : uri_str (file);
      librdf_node *ctx = name ? uri_node (name) : NULL;
      ok = file && ctx && load_into (named, uri_str (file), ctx) && ok;
      if (ctx) librdf_free_node (ctx);
      if (file) librdf_free_node (file);
      if (label) librdf_free_node (label);
    }
  return ok;
}

/* The named graphs of M as rows (graph, s, p, o). */
static Table *
table_of_named (librdf_model *m, rasqal_world *rw)
{
  Table *t = table_new (4);
  librdf_iterator *it = librdf_model_get_contexts (m);
  while (it && !librdf_iterator_end (it))
    {
      librdf_node *ctx = librdf_iterator_get_object (it);
      add_statements (t, librdf_model_context_as_stream (m, ctx), ctx, rw);
      librdf_iterator_next (it);
    }
  if (it)
    librdf_free_iterator (it);
  return t;
}

static Outcome
run_update_test (librdf_model *man, librdf_node *test, const char *name)
{
  librdf_node *action = target (man, test, MF "action");
  librdf_node *result = target (man, test, MF "result");
  librdf_node *req = action ? target (man, action, UT "request") : NULL;
  librdf_model *def = new_model (FALSE), *named = new_model (TRUE);
  librdf_model *want_def = new_model (FALSE), *want_named = new_model (TRUE);
  rasqal_world *rw = librdf_world_get_rasqal (world);
  g_autofree char *path = NULL, *text = NULL;
  g_autoptr (GError) error = NULL;
  NgSparqlUpdate *u = NULL;
  Table *tabs[4] = { NULL };
  Outcome out = FAIL;
  const char *why = "";
  NgSparqlDataset ds = { .world = world, .default_graph = def, .named = named };

  if (req == NULL || result == NULL
      || !load_update_graphs (man, action, def, named)
      || !load_update_graphs (man, result, want_def, want_named))
    {
      why = "incomplete test or unreadable data";
      goto done;
    }
  path = path_of (uri_str (req));
  if (!g_file_get_contents (path, &text, NULL, NULL))
    {
      why = "cannot read the update";
      goto done;
    }
  u = ng_sparql_update_new (world, text, NULL, uri_str (req), &error);
  if (u == NULL)
    {
      out = UNSUPPORTED;
      why = error->message;
      goto done;
    }
  if (!ng_sparql_update_execute (u, &ds, g_get_monotonic_time () + 20 * G_USEC_PER_SEC,
                                 NULL, NULL, &error))
    {
      out = g_error_matches (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_UNSUPPORTED) ? UNSUPPORTED : FAIL;
      why = error->message;
      goto done;
    }
  tabs[0] = table_of_graph (def, rw);
  tabs[1] = table_of_graph (want_def, rw);
  tabs[2] = table_of_named (named, rw);
  tabs[3] = table_of_named (want_named, rw);
  out = tables_equal (tabs[0], tabs[1], FALSE) && tables_equal (tabs[2], tabs[3], FALSE)
        ? PASS : FAIL;
  why = "different graphs after the update";
  if (out == FAIL && g_getenv ("W3C_DUMP"))
    for (int k = 0; k < 4; k++)
      dump_table (k % 2 ? (k < 2 ? "expected default" : "expected named")
                        : (k < 2 ? "got default" : "got named"), tabs[k]);

done:
  if (verbose && out != PASS)
    printf ("  %s %s: %s\n", out == FAIL ? "FAIL" : "UNSUPPORTED", name, why);
  for (int k = 0; k < 4; k++)
    table_free (tabs[k]);
  ng_sparql_update_free (u);
  librdf_free_model (def);
  librdf_free_model (named);
  librdf_free_model (want_def);
  librdf_free_model (want_named);
  if (action) librdf_free_node (action);
  if (result) librdf_free_node (result);
  if (req) librdf_free_node (req);
  return out;
}

static librdf_model *
load_manifest (const char *path)
{
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  g_autofree char *uri = g_filename_to_uri (abs, NULL, NULL);
  librdf_model *m = new_model (FALSE);
  if (uri == NULL || !load_into (m, uri, NULL))
    {
      librdf_free_model (m);
      return NULL;
    }
  return m;
}

static void
run_manifest (const char *path, Tally *t)
{
  librdf_model *m = load_manifest (path);
  librdf_node *type = uri_node (RDF "type");
  librdf_node *mf = uri_node (MF "Manifest");
  librdf_iterator *it;
  if (m == NULL)
    {
      fprintf (stderr, "w3c-runner: cannot read %s\n", path);
      goto out;
    }
  it = librdf_model_get_sources (m, type, mf);
  while (it && !librdf_iterator_end (it))
    {
      librdf_node *man = librdf_iterator_get_object (it);
      librdf_node *entries = target (m, man, MF "entries");
      g_autoptr (GPtrArray) items = list_items (m, entries);
      for (guint i = 0; i < items->len; i++)
        {
          librdf_node *test = items->pdata[i];
          librdf_node *tt = target (m, test, RDF "type");
          librdf_node *appr = target (m, test, DAWGT "approval");
          librdf_node *nm = target (m, test, MF "name");
          const char *tts = uri_str (tt);
          gboolean update = tts && strcmp (tts, MF "UpdateEvaluationTest") == 0;
          gboolean eval = tts && (strcmp (tts, MF "QueryEvaluationTest") == 0 || update);
          gboolean withdrawn = appr && uri_str (appr) && strstr (uri_str (appr), "Withdrawn");
          const char *name = nm ? (const char *) librdf_node_get_literal_value (nm) : "?";
          /* W3C_ONLY=substring runs only the tests whose name has it */
          if (g_getenv ("W3C_ONLY") && !strstr (name, g_getenv ("W3C_ONLY")))
            eval = FALSE;
          if (eval && !withdrawn)
            {
              switch (update ? run_update_test (m, test, name) : run_test (m, test, name))
                {
                case PASS: t->pass++; break;
                case FAIL: t->fail++; break;
                case UNSUPPORTED: t->unsupported++; break;
                }
            }
          if (tt) librdf_free_node (tt);
          if (appr) librdf_free_node (appr);
          if (nm) librdf_free_node (nm);
        }
      if (entries)
        librdf_free_node (entries);
      librdf_iterator_next (it);
    }
  if (it)
    librdf_free_iterator (it);
  librdf_free_model (m);
out:
  librdf_free_node (type);
  librdf_free_node (mf);
}

/* A top manifest: its mf:include list, or its own entries. */
static void
run_suite (const char *path, Tally *total)
{
  librdf_model *m = load_manifest (path);
  librdf_node *inc_p = uri_node (MF "include");
  g_autoptr (GPtrArray) subs = g_ptr_array_new_with_free_func (g_free);
  if (m == NULL)
    {
      fprintf (stderr, "w3c-runner: cannot read %s\n", path);
      librdf_free_node (inc_p);
      return;
    }
  {
    librdf_stream *st;
    librdf_statement *pat = librdf_new_statement_from_nodes (world, NULL, librdf_new_node_from_node (inc_p), NULL);
    st = librdf_model_find_statements (m, pat);
    while (st && !librdf_stream_end (st))
      {
        g_autoptr (GPtrArray) items = list_items (m, librdf_statement_get_object (librdf_stream_get_object (st)));
        for (guint i = 0; i < items->len; i++)
          g_ptr_array_add (subs, path_of (uri_str (items->pdata[i])));
        librdf_stream_next (st);
      }
    if (st)
      librdf_free_stream (st);
    librdf_free_statement (pat);
  }
  librdf_free_node (inc_p);
  librdf_free_model (m);
  if (subs->len == 0)
    g_ptr_array_add (subs, g_strdup (path));
  for (guint i = 0; i < subs->len; i++)
    {
      Tally t = { 0 };
      g_autofree char *dir = g_path_get_dirname (subs->pdata[i]);
      g_autofree char *parent = g_path_get_dirname (dir);
      g_autofree char *suite = g_path_get_basename (parent);
      g_autofree char *base = g_path_get_basename (dir);
      if (verbose)
        printf ("%s/%s\n", suite, base);
      run_manifest (subs->pdata[i], &t);
      if (t.pass + t.fail + t.unsupported == 0)
        continue;
      printf ("%-10s %-26s pass %3d  fail %3d  unsupported %3d\n", suite, base,
              t.pass, t.fail, t.unsupported);
      total->pass += t.pass;
      total->fail += t.fail;
      total->unsupported += t.unsupported;
    }
}

int
main (int argc, char **argv)
{
  int first = 1;
  if (argc > 1 && strcmp (argv[1], "-v") == 0)
    {
      verbose = TRUE;
      first = 2;
    }
  if (first >= argc)
    {
      fprintf (stderr, "usage: w3c-runner [-v] MANIFEST...\n");
      return 2;
    }
  world = librdf_new_world ();
  librdf_world_open (world);
  for (int i = first; i < argc; i++)
    {
      Tally total = { 0 };
      int n;
      run_suite (argv[i], &total);
      n = total.pass + total.fail + total.unsupported;
      printf ("%-37s pass %3d  fail %3d  unsupported %3d  (%.1f%% of %d)\n", argv[i],
              total.pass, total.fail, total.unsupported, n ? 100.0 * total.pass / n : 0.0, n);
    }
  librdf_free_world (world);
  return 0;
}
