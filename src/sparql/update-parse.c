/* update-parse.c — a SPARQL 1.1 Update request into operations that
 * Rasqal 0.9.33 parses right.
 *
 * Its update parser is incomplete: it rejects triples before a GRAPH block
 * in INSERT DATA, USING, GRAPH in ADD/MOVE/COPY and DELETE { … } INSERT
 * { … } without WITH; with WITH it puts every template triple into the
 * WITH graph, even those in a GRAPH block; and it silently parses DELETE
 * WHERE, DROP DEFAULT, DROP NAMED and DROP ALL into nothing.  So the
 * request is split into its operations here (at the ';' outside
 * brackets), each operation is rewritten into forms Rasqal parses right
 * (INSERT DATA Q → INSERT Q WHERE {}, DELETE WHERE Q → DELETE Q WHERE Q,
 * DROP → CLEAR; WITH and USING cut out and kept aside; the INSERT templates
 * of a DELETE/INSERT parsed apart as INSERT { … } WHERE {}) and parsed
 * alone, with the declarations of the operations before it.  An operation
 * Rasqal parses into nothing is an error, never a silent no-op. */
#include "config.h"

#include <string.h>

#include "update-private.h"

void
ng_update_op_free (NgUpdateOp *o)
{
  ng_sparql_query_free (o->q);
  ng_sparql_query_free (o->q_insert);
  g_free (o->with);
  if (o->using_default)
    g_ptr_array_unref (o->using_default);
  if (o->using_named)
    g_ptr_array_unref (o->using_named);
  g_free (o);
}

void
ng_sparql_update_free (NgSparqlUpdate *u)
{
  if (u == NULL)
    return;
  if (u->ops)
    g_ptr_array_unref (u->ops);
  g_free (u);
}

guint
ng_sparql_update_get_size (NgSparqlUpdate *u)
{
  return u->ops->len;
}

/* ------------------------------------------------------------ splitting */

/* P after white space and comments. */
static const char *
skip_space (const char *p)
{
  for (;;)
    {
      while (g_ascii_isspace (*p))
        p++;
      if (*p != '#')
        return p;
      p = ng_sparql_skip_token (p);
    }
}

/* Whether the word at P is KW (case-insensitive, whole word). */
static gboolean
is_word (const char *p, const char *kw)
{
  gsize n = strlen (kw);
  return g_ascii_strncasecmp (p, kw, n) == 0 && !ng_sparql_word_char (p[n]);
}

/* The end of the IRI or prefixed name at P, or P. */
static const char *
iri_end (const char *p)
{
  const char *start = p;
  if (*p == '<')
    return ng_sparql_skip_token (p);
  while (ng_sparql_word_char (*p) || *p == '.' || (guchar) *p >= 0x80)
    p++;
  while (p > start && p[-1] == '.')
    p--;
  return p;
}

/* The operations of TEXT: pointers to the start of each, the last entry
 * being the end of TEXT.  ';' separates operations outside brackets. */
static GPtrArray *
split_operations (const char *text)
{
  GPtrArray *starts = g_ptr_array_new ();
  int depth = 0;
  const char *p = text;
  g_ptr_array_add (starts, (gpointer) text);
  while (*p)
    {
      const char *after = ng_sparql_skip_token (p);
      if (after != p)
        {
          p = after;
          continue;
        }
      if (*p == '{' || *p == '(' || *p == '[')
        depth++;
      else if ((*p == '}' || *p == ')' || *p == ']') && depth > 0)
        depth--;
      else if (*p == ';' && depth == 0)
        g_ptr_array_add (starts, (gpointer) (p + 1));
      p++;
    }
  g_ptr_array_add (starts, (gpointer) (p + 1));
  return starts;
}

/* The IRI that TOKEN (an IRI or prefixed name) stands for under PROLOGUE,
 * as Rasqal resolves it. */
static char *
resolve_iri (librdf_world *world, const char *prologue, const char *base,
             const char *token, GError **error)
{
  g_autofree char *text = g_strdup_printf ("CLEAR GRAPH %s", token);
  g_autoptr (NgSparqlQuery) q = ng_sparql_parse (world, text, prologue, base,
                                                 "sparql11-update", error);
  rasqal_update_operation *op;
  if (q == NULL)
    return NULL;
  op = rasqal_query_get_update_operation (q->rq, 0);
  if (op == NULL || op->graph_uri == NULL)
    {
      g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_SYNTAX,
                   "malformed update: “%s” is not an IRI", token);
      return NULL;
    }
  return g_strdup ((const char *) raptor_uri_as_string (op->graph_uri));
}

static gboolean
check_template (raptor_sequence *seq, gboolean data, gboolean deleting, GError **error)
{
  for (int i = 0; seq && i < raptor_sequence_size (seq); i++)
    {
      rasqal_triple *t = raptor_sequence_get_at (seq, i);
      rasqal_literal *terms[] = { t->subject, t->predicate, t->object, t->origin };
      for (guint k = 0; k < G_N_ELEMENTS (terms); k++)
        {
          rasqal_literal *l = terms[k];
          rasqal_variable *v = l ? ng_eval_var_of (l) : NULL;
          gboolean blank = l && (l->type == RASQAL_LITERAL_BLANK
                                 || (v && v->type == RASQAL_VARIABLE_TYPE_ANONYMOUS));
          if (data && v && !blank)
            {
              g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_SYNTAX,
                           "malformed update: variable ?%s in INSERT DATA or DELETE DATA",
                           v->name);
              return FALSE;
            }
          if (deleting && blank)
            {
              g_set_error_literal (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_SYNTAX,
                                   "malformed update: blank nodes are not allowed in "
                                   "DELETE DATA, DELETE WHERE or DELETE templates");
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* GRAPH at P: blanked. */
static const char *
cut_graph_word (GString *out, const char *p, GPtrArray *unused)
{
  g_string_append (out, "     ");
  return p + 5;
}

/* Blanks [FROM, TO) of OUT (offsets), keeping its newlines. */
static void
blank (GString *out, gsize from, gsize to)
{
  for (gsize i = from; i < to && i < out->len; i++)
    if (out->str[i] != '\n')
      out->str[i] = ' ';
}

/* The end of the '{' block at P (after white space), or NULL. */
static const char *
block_end (const char *p)
{
  p = skip_space (p);
  return *p == '{' ? ng_sparql_balanced_end (p) : NULL;
}

/* [WITH iri] DELETE {…} [INSERT {…}] | INSERT {…}, USING…, WHERE {…} at KW
 * of PIECE: copied to OUT (which holds PIECE up to KW) with WITH, USING and,
 * when there is a DELETE template too, the INSERT template blanked out;
 * that INSERT template becomes *INSERT_TEXT, INSERT {…} WHERE {} at the
 * same line and column. */
static gboolean
cut_modify (NgUpdateOp *o, const char *piece, const char *kw, guint line, GString *out,
            char **with_token, GPtrArray *using, char **insert_text, GError **error)
{
  gsize origin = out->len - (gsize) (kw - piece);   /* offset of PIECE in OUT */
  const char *p = kw, *del = NULL, *ins = NULL, *ins_end = NULL;
  g_string_append (out, kw);
  if (is_word (p, "WITH"))
    {
      const char *t = skip_space (p + 4), *te = iri_end (t);
      *with_token = g_strndup (t, (gsize) (te - t));
      blank (out, origin + (gsize) (p - piece), origin + (gsize) (te - piece));
      p = skip_space (te);
    }
  if (is_word (p, "DELETE"))
    {
      del = p;
      p = block_end (p + 6);
      if (p == NULL)
        goto syntax;
      p = skip_space (p);
    }
  if (is_word (p, "INSERT"))
    {
      ins = p;
      ins_end = block_end (p + 6);
      if (ins_end == NULL)
        goto syntax;
      p = skip_space (ins_end);
    }
  if (del == NULL && ins == NULL)
    goto syntax;
  while (is_word (p, "USING"))
    {
      const char *t = skip_space (p + 5), *te;
      gboolean named = is_word (t, "NAMED");
      if (named)
        t = skip_space (t + 5);
      te = iri_end (t);
      if (te == t)
        goto syntax;
      g_ptr_array_add (using, g_strdup_printf ("%c%.*s", named ? 'N' : 'D',
                                               (int) (te - t), t));
      blank (out, origin + (gsize) (p - piece), origin + (gsize) (te - piece));
      p = skip_space (te);
    }
  if (del && ins)
    {
      /* the operation's declarations on the first line, then the INSERT
         template where it stands in OUT */
      g_autofree char *decls = ng_sparql_declarations (piece);
      GString *text = g_string_new (NULL);
      g_strdelimit (decls, "\r\n", ' ');
      g_string_append_printf (text, "%s ", decls);
      for (gsize i = 0; i < origin; i++)
        if (out->str[i] == '\n')
          g_string_append_c (text, '\n');
      for (const char *c = piece; c < ins; c++)
        g_string_append_c (text, *c == '\n' ? '\n' : ' ');
      g_string_append_len (text, ins, ins_end - ins);
      g_string_append (text, " WHERE {}");
      *insert_text = g_string_free (text, FALSE);
      blank (out, origin + (gsize) (ins - piece), origin + (gsize) (ins_end - piece));
    }
  return TRUE;

syntax:
  g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_SYNTAX,
               "malformed update: line %u: expected [WITH IRI] DELETE { … } INSERT "
               "{ … } [USING IRI] WHERE { … }", line);
  return FALSE;
}

/* Parses the operation in [START, END) at line LINE of the request, with
 * the declarations DECLS of the operations before it; NULL (no error) for
 * an empty one. */
static NgUpdateOp *
parse_operation (NgSparqlUpdate *u, const char *start, const char *end, guint line,
                 const char *prologue, const char *decls, const char *base,
                 GError **error)
{
  g_autofree char *piece = g_strndup (start, (gsize) (end - start));
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *pro = g_strconcat (prologue ? prologue : "", " ", decls, NULL);
  g_autofree char *own_decls = NULL, *pro_all = NULL;
  const char *p = piece, *kw;
  NgUpdateOp *o = g_new0 (NgUpdateOp, 1);
  g_autofree char *with_token = NULL;
  g_autofree char *insert_text = NULL;
  g_autoptr (GPtrArray) using = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 1; i < line; i++)
    g_string_append_c (out, '\n');
  /* the operation's own prologue */
  for (;;)
    {
      p = skip_space (p);
      if (is_word (p, "PREFIX"))
        {
          const char *c = strchr (p, ':');
          p = c ? skip_space (c + 1) : p + 6;
          p = *p == '<' ? ng_sparql_skip_token (p) : p;
        }
      else if (is_word (p, "BASE"))
        p = ng_sparql_skip_token (skip_space (p + 4));
      else
        break;
    }
  kw = p;
  g_string_append_len (out, piece, kw - piece);
  own_decls = ng_sparql_declarations (piece);
  pro_all = g_strconcat (pro, " ", own_decls, NULL);
  if (*kw == '\0')
    {
      ng_update_op_free (o);
      return NULL;
    }

  if (is_word (kw, "LOAD"))
    {
      g_set_error_literal (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_UNSUPPORTED,
                           "LOAD is refused: this server does not fetch data from "
                           "the network (send the triples with INSERT DATA)");
      goto fail;
    }
  {
    const char *w = kw;
    while (ng_sparql_word_char (*w))
      w++;
    o->silent = is_word (skip_space (w), "SILENT");
  }
  if (is_word (kw, "DROP"))
    {
      o->drop = TRUE;
      g_string_append_printf (out, "CLEAR%s", kw + 4);
    }
  else if ((is_word (kw, "INSERT") || is_word (kw, "DELETE"))
           && (is_word (skip_space (kw + 6), "DATA") || is_word (skip_space (kw + 6), "WHERE")))
    {
      const char *w = skip_space (kw + 6);
      gboolean where = is_word (w, "WHERE");
      const char *open = skip_space (w + (where ? 5 : 4));
      const char *close = *open == '{' ? ng_sparql_balanced_end (open) : NULL;
      if (close == NULL)
        {
          g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_SYNTAX,
                       "malformed update: line %u: “{” expected after %.6s %s", line,
                       kw, where ? "WHERE" : "DATA");
          goto fail;
        }
      if (*skip_space (open + 1) == '}')
        {
          /* nothing to insert or delete */
          o->kind = NG_UPDATE_NOOP;
          return o;
        }
      if (where && (kw[0] == 'i' || kw[0] == 'I'))
        {
          g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_SYNTAX,
                       "malformed update: line %u: INSERT WHERE needs a template "
                       "(INSERT { … } WHERE { … })", line);
          goto fail;
        }
      o->data = !where;
      g_string_append_len (out, kw, 6);
      g_string_append_c (out, ' ');
      g_string_append_len (out, open, close - open);
      g_string_append (out, " WHERE ");
      if (where)
        g_string_append_len (out, open, close - open);
      else
        g_string_append (out, "{}");
      g_string_append (out, close);
    }
  else if (is_word (kw, "WITH") || is_word (kw, "DELETE") || is_word (kw, "INSERT"))
    {
      if (!cut_modify (o, piece, kw, line, out, &with_token, using, &insert_text, error))
        goto fail;
    }
  else
    {
      if (is_word (kw, "ADD") || is_word (kw, "MOVE") || is_word (kw, "COPY"))
        {
          /* Rasqal knows no GRAPH before the IRIs of ADD, MOVE and COPY */
          g_autofree char *text = ng_sparql_cut_keyword (kw, "GRAPH", cut_graph_word, NULL);
          g_string_append (out, text);
        }
      else
        g_string_append (out, kw);
    }

  o->q = ng_sparql_parse (u->world, out->str, pro, base, "sparql11-update", error);
  if (o->q == NULL)
    goto fail;
  {
    raptor_sequence *ops = rasqal_query_get_update_operations_sequence (o->q->rq);
    rasqal_update_operation *op;
    if (ops == NULL || raptor_sequence_size (ops) != 1)
      {
        g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_UNSUPPORTED,
                     "line %u: this update operation is not understood (Rasqal "
                     "parsed it into %d operations)", line,
                     ops ? raptor_sequence_size (ops) : 0);
        goto fail;
      }
    op = raptor_sequence_get_at (ops, 0);
    if (op->type == RASQAL_UPDATE_TYPE_UPDATE
        && (!check_template (op->insert_templates, o->data, FALSE, error)
            || !check_template (op->delete_templates, o->data, TRUE, error)))
      goto fail;
  }
  if (insert_text)
    {
      rasqal_update_operation *op;
      o->q_insert = ng_sparql_parse (u->world, insert_text, pro, base, "sparql11-update", error);
      if (o->q_insert == NULL)
        goto fail;
      op = rasqal_query_get_update_operation (o->q_insert->rq, 0);
      if (op == NULL || !check_template (op->insert_templates, FALSE, FALSE, error))
        goto fail;
    }
  if (with_token)
    {
      o->with = resolve_iri (u->world, pro_all, base, with_token, error);
      if (o->with == NULL)
        goto fail;
    }
  o->has_using = using->len > 0;
  o->using_default = g_ptr_array_new_with_free_func (g_free);
  o->using_named = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < using->len; i++)
    {
      const char *t = using->pdata[i];
      char *iri = resolve_iri (u->world, pro_all, base, t + 1, error);
      if (iri == NULL)
        goto fail;
      g_ptr_array_add (t[0] == 'N' ? o->using_named : o->using_default, iri);
    }
  o->kind = NG_UPDATE_PARSED;
  return o;

fail:
  ng_update_op_free (o);
  return NULL;
}

NgSparqlUpdate *
ng_sparql_update_new (librdf_world *world, const char *text, const char *prologue,
                      const char *base, GError **error)
{
  g_autoptr (NgSparqlUpdate) u = g_new0 (NgSparqlUpdate, 1);
  g_autoptr (GPtrArray) starts = NULL;
  g_autoptr (GString) decls = g_string_new (NULL);
  guint line = 1;

  g_return_val_if_fail (text != NULL, NULL);
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_SYNTAX,
                   "the update is not valid UTF-8");
      return NULL;
    }
  u->world = world;
  u->ops = g_ptr_array_new_with_free_func ((GDestroyNotify) ng_update_op_free);
  starts = split_operations (text);
  for (guint i = 0; i + 1 < starts->len; i++)
    {
      const char *s = starts->pdata[i];
      const char *e = (const char *) starts->pdata[i + 1] - 1;   /* the ';' or NUL */
      GError *local = NULL;
      NgUpdateOp *o = parse_operation (u, s, e, line, prologue, decls->str, base, &local);
      if (local)
        {
          g_propagate_error (error, local);
          return NULL;
        }
      if (o)
        g_ptr_array_add (u->ops, o);
      else if (i + 2 < starts->len)
        {
          g_set_error (error, NG_SPARQL_ERROR, NG_SPARQL_ERROR_SYNTAX,
                       "malformed update: line %u: an empty operation before “;”", line);
          return NULL;
        }
      {
        g_autofree char *piece = g_strndup (s, (gsize) (e - s));
        g_autofree char *d = ng_sparql_declarations (piece);
        g_string_append_printf (decls, " %s", d);
        for (const char *c = s; c < e; c++)
          if (*c == '\n')
            line++;
      }
    }
  return g_steal_pointer (&u);
}
