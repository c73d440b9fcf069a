/* paths.c — SPARQL 1.1 property paths, which Rasqal 0.9.33 cannot parse.
 *
 * Before Rasqal sees the query, a small tokenizer walks its triple blocks;
 * where a verb is a property path (an operator among ^ / | * + ? ! or
 * brackets), the path is parsed here and replaced by a marker predicate
 * <urn:nieuwsgraaf:path#N>.  Rasqal then parses an ordinary triple
 * pattern, and the basic-pattern evaluator (pattern.c) hands every triple
 * with a marker predicate to ng_path_match, which evaluates the path over
 * the active graph: sequences and alternatives keep duplicates (they are
 * joins and unions), while ?, * and + are arbitrary-length paths with
 * distinct end points, as SPARQL 1.1 defines them.  A verb that is not a
 * well-formed path is left alone, so Rasqal reports the syntax error. */
#include "config.h"

#include <string.h>

#include "eval.h"

typedef enum {
  T_END, T_IRI, T_PNAME, T_VAR, T_STRING, T_NUMBER, T_BNODE, T_WORD,
  T_LANG, T_PUNCT
} TokKind;

typedef struct {
  TokKind kind;
  const char *start;
  gsize len;
} Tok;

typedef enum { P_LINK, P_INV, P_SEQ, P_ALT, P_NPS, P_ZERO_ONE, P_ZERO_MORE, P_ONE_MORE } PathOp;

struct NgPath {
  PathOp op;
  librdf_node *iri;            /* P_LINK */
  NgPath *a, *b;               /* operands; P_INV, ?, *, + use a */
  GPtrArray *fwd, *inv;        /* P_NPS: librdf_node* excluded forwards / inverse */
};

void
ng_path_free (NgPath *p)
{
  if (p == NULL)
    return;
  if (p->iri)
    librdf_free_node (p->iri);
  ng_path_free (p->a);
  ng_path_free (p->b);
  if (p->fwd)
    g_ptr_array_unref (p->fwd);
  if (p->inv)
    g_ptr_array_unref (p->inv);
  g_free (p);
}

/* ------------------------------------------------------------ tokens */

static gboolean
name_char (unsigned char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-' || c >= 0x80;
}

/* The token at P (after white space and comments). */
static Tok
next_token (const char *p)
{
  Tok t = { T_END, p, 0 };
  for (;;)
    {
      while (g_ascii_isspace (*p))
        p++;
      if (*p != '#')
        break;
      while (*p && *p != '\n')
        p++;
    }
  t.start = p;
  if (*p == '\0')
    return t;
  if (*p == '<')
    {
      const char *e = p + 1;
      while (*e && *e != '>' && !strchr (" \t\r\n<\"{}|^`\\", *e))
        e++;
      if (*e == '>')
        {
          t.kind = T_IRI;
          t.len = (gsize) (e + 1 - p);
          return t;
        }
    }
  if (*p == '"' || *p == '\'')
    {
      char q = *p;
      gboolean longq = p[1] == q && p[2] == q;
      const char *e = p + (longq ? 3 : 1);
      while (*e)
        {
          if (*e == '\\' && e[1])
            e += 2;
          else if (*e == q && (!longq || (e[1] == q && e[2] == q)))
            {
              e += longq ? 3 : 1;
              break;
            }
          else
            e++;
        }
      t.kind = T_STRING;
      t.len = (gsize) (e - p);
      return t;
    }
  if ((*p == '?' || *p == '$') && name_char ((unsigned char) p[1]))
    {
      const char *e = p + 1;
      while (name_char ((unsigned char) *e))
        e++;
      t.kind = T_VAR;
      t.len = (gsize) (e - p);
      return t;
    }
  if (*p == '@' && g_ascii_isalpha (p[1]))
    {
      const char *e = p + 1;
      while (g_ascii_isalnum (*e) || *e == '-')
        e++;
      t.kind = T_LANG;
      t.len = (gsize) (e - p);
      return t;
    }
  if (g_ascii_isdigit (*p) || (*p == '.' && g_ascii_isdigit (p[1])))
    {
      const char *e = p;
      while (g_ascii_isdigit (*e) || (*e == '.' && g_ascii_isdigit (e[1])))
        e++;
      if ((*e == 'e' || *e == 'E')
          && (g_ascii_isdigit (e[1]) || ((e[1] == '+' || e[1] == '-') && g_ascii_isdigit (e[2]))))
        {
          e += 2;
          while (g_ascii_isdigit (*e))
            e++;
        }
      t.kind = T_NUMBER;
      t.len = (gsize) (e - p);
      return t;
    }
  if (*p == '_' && p[1] == ':')
    {
      const char *e = p + 2;
      while (name_char ((unsigned char) *e) || (*e == '.' && name_char ((unsigned char) e[1])))
        e++;
      t.kind = T_BNODE;
      t.len = (gsize) (e - p);
      return t;
    }
  if (name_char ((unsigned char) *p) || *p == ':')
    {
      /* a prefixed name (with a colon) or a bare word */
      const char *e = p;
      gboolean colon = FALSE;
      while (name_char ((unsigned char) *e) || *e == ':' || *e == '%' || (*e == '\\' && e[1])
             || (*e == '.' && (name_char ((unsigned char) e[1]) || e[1] == ':')))
        {
          if (*e == ':')
            colon = TRUE;
          e += *e == '\\' ? 2 : 1;
        }
      t.kind = colon ? T_PNAME : T_WORD;
      t.len = (gsize) (e - p);
      return t;
    }
  t.kind = T_PUNCT;
  t.len = (p[0] == '^' && p[1] == '^') || (p[0] == '|' && p[1] == '|')
          || (p[0] == '&' && p[1] == '&') ? 2 : 1;
  return t;
}

static gboolean
is_punct (const Tok *t, const char *s)
{
  return t->kind == T_PUNCT && t->len == strlen (s) && strncmp (t->start, s, t->len) == 0;
}

static gboolean
is_word (const Tok *t, const char *w)
{
  return t->kind == T_WORD && t->len == strlen (w) && g_ascii_strncasecmp (t->start, w, t->len) == 0;
}

/* ------------------------------------------------------------ path parser */

typedef struct {
  librdf_world *world;
  GHashTable *prefixes;        /* prefix (with colon) -> IRI */
  char *base;
  const char *p;               /* the next token starts at or after p */
  int ops;                     /* path operators seen */
} Parser;

static Tok
peek (Parser *ps)
{
  return next_token (ps->p);
}

static void
advance (Parser *ps, const Tok *t)
{
  ps->p = t->start + t->len;
}

static librdf_node *
iri_node (Parser *ps, const Tok *t)
{
  g_autofree char *iri = NULL;
  if (t->kind == T_WORD && t->len == 1 && t->start[0] == 'a')
    iri = g_strdup ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
  else if (t->kind == T_IRI)
    {
      g_autofree char *rel = g_strndup (t->start + 1, t->len - 2);
      if (ps->base && !strchr (rel, ':'))
        {
          raptor_world *rw = librdf_world_get_raptor (ps->world);
          raptor_uri *b = raptor_new_uri (rw, (const unsigned char *) ps->base);
          raptor_uri *u = b ? raptor_new_uri_relative_to_base (rw, b, (const unsigned char *) rel) : NULL;
          if (u)
            iri = g_strdup ((const char *) raptor_uri_as_string (u));
          if (u)
            raptor_free_uri (u);
          if (b)
            raptor_free_uri (b);
        }
      if (iri == NULL)
        iri = g_steal_pointer (&rel);
    }
  else if (t->kind == T_PNAME)
    {
      const char *colon = memchr (t->start, ':', t->len);
      g_autofree char *prefix = g_strndup (t->start, (gsize) (colon + 1 - t->start));
      const char *ns = g_hash_table_lookup (ps->prefixes, prefix);
      GString *local = g_string_new (NULL);
      if (ns == NULL)
        {
          g_string_free (local, TRUE);
          return NULL;
        }
      for (const char *c = colon + 1; c < t->start + t->len; c++)
        {
          if (*c == '\\' && c + 1 < t->start + t->len)
            c++;
          g_string_append_c (local, *c);
        }
      iri = g_strconcat (ns, local->str, NULL);
      g_string_free (local, TRUE);
    }
  else
    return NULL;
  return librdf_new_node_from_uri_string (ps->world, (const unsigned char *) iri);
}

static gboolean
iri_token (const Tok *t)
{
  return t->kind == T_IRI || t->kind == T_PNAME
         || (t->kind == T_WORD && t->len == 1 && t->start[0] == 'a');
}

static NgPath *parse_alt (Parser *ps);

static NgPath *
new_path (PathOp op, NgPath *a, NgPath *b)
{
  NgPath *p = g_new0 (NgPath, 1);
  p->op = op;
  p->a = a;
  p->b = b;
  return p;
}

/* One member of a negated property set: ^? iri */
static gboolean
parse_nps_member (Parser *ps, NgPath *nps)
{
  Tok t = peek (ps);
  gboolean inverse = FALSE;
  librdf_node *n;
  if (is_punct (&t, "^"))
    {
      inverse = TRUE;
      advance (ps, &t);
      t = peek (ps);
    }
  if (!iri_token (&t) || (n = iri_node (ps, &t)) == NULL)
    return FALSE;
  advance (ps, &t);
  g_ptr_array_add (inverse ? nps->inv : nps->fwd, n);
  return TRUE;
}

static NgPath *
parse_primary (Parser *ps)
{
  Tok t = peek (ps);
  if (iri_token (&t))
    {
      librdf_node *n = iri_node (ps, &t);
      NgPath *p;
      if (n == NULL)
        return NULL;
      advance (ps, &t);
      p = new_path (P_LINK, NULL, NULL);
      p->iri = n;
      return p;
    }
  if (is_punct (&t, "!"))
    {
      NgPath *p = new_path (P_NPS, NULL, NULL);
      p->fwd = g_ptr_array_new_with_free_func ((GDestroyNotify) librdf_free_node);
      p->inv = g_ptr_array_new_with_free_func ((GDestroyNotify) librdf_free_node);
      ps->ops++;
      advance (ps, &t);
      t = peek (ps);
      if (is_punct (&t, "("))
        {
          advance (ps, &t);
          t = peek (ps);
          if (!is_punct (&t, ")"))
            for (;;)
              {
                if (!parse_nps_member (ps, p))
                  {
                    ng_path_free (p);
                    return NULL;
                  }
                t = peek (ps);
                if (!is_punct (&t, "|"))
                  break;
                advance (ps, &t);
              }
          t = peek (ps);
          if (!is_punct (&t, ")"))
            {
              ng_path_free (p);
              return NULL;
            }
          advance (ps, &t);
        }
      else if (!parse_nps_member (ps, p))
        {
          ng_path_free (p);
          return NULL;
        }
      return p;
    }
  if (is_punct (&t, "("))
    {
      NgPath *p;
      ps->ops++;
      advance (ps, &t);
      p = parse_alt (ps);
      if (p == NULL)
        return NULL;
      t = peek (ps);
      if (!is_punct (&t, ")"))
        {
          ng_path_free (p);
          return NULL;
        }
      advance (ps, &t);
      return p;
    }
  return NULL;
}

static NgPath *
parse_elt (Parser *ps)
{
  Tok t = peek (ps);
  gboolean inverse = FALSE;
  NgPath *p;
  if (is_punct (&t, "^"))
    {
      inverse = TRUE;
      ps->ops++;
      advance (ps, &t);
    }
  p = parse_primary (ps);
  if (p == NULL)
    return NULL;
  t = peek (ps);
  /* a modifier directly after the primary; '?' before a name is a variable */
  if (is_punct (&t, "?") || is_punct (&t, "*") || is_punct (&t, "+"))
    {
      PathOp op = t.start[0] == '?' ? P_ZERO_ONE : t.start[0] == '*' ? P_ZERO_MORE : P_ONE_MORE;
      p = new_path (op, p, NULL);
      ps->ops++;
      advance (ps, &t);
    }
  return inverse ? new_path (P_INV, p, NULL) : p;
}

static NgPath *
parse_seq (Parser *ps)
{
  NgPath *p = parse_elt (ps);
  while (p)
    {
      Tok t = peek (ps);
      NgPath *b;
      if (!is_punct (&t, "/"))
        break;
      ps->ops++;
      advance (ps, &t);
      b = parse_elt (ps);
      if (b == NULL)
        {
          ng_path_free (p);
          return NULL;
        }
      p = new_path (P_SEQ, p, b);
    }
  return p;
}

static NgPath *
parse_alt (Parser *ps)
{
  NgPath *p = parse_seq (ps);
  while (p)
    {
      Tok t = peek (ps);
      NgPath *b;
      if (!is_punct (&t, "|"))
        break;
      ps->ops++;
      advance (ps, &t);
      b = parse_seq (ps);
      if (b == NULL)
        {
          ng_path_free (p);
          return NULL;
        }
      p = new_path (P_ALT, p, b);
    }
  return p;
}

/* ------------------------------------------------------------ the rewrite */

typedef enum { S_SUBJECT, S_VERB, S_OBJECT, S_AFTER_OBJECT } State;
typedef enum { F_GROUP, F_BNODE, F_LIST } FrameKind;
typedef struct {
  FrameKind kind;
  State state;
  State after;                 /* the parent's state once this frame closes */
} Frame;

/* Skips from the opening bracket at T to just after its partner. */
static const char *
skip_balanced (const Tok *t)
{
  const char open = t->start[0], close = open == '(' ? ')' : open == '{' ? '}' : ']';
  int depth = 0;
  const char *p = t->start;
  for (;;)
    {
      Tok u = next_token (p);
      if (u.kind == T_END)
        return u.start;
      if (u.kind == T_PUNCT && u.start[0] == open)
        depth++;
      else if (u.kind == T_PUNCT && u.start[0] == close && --depth == 0)
        return u.start + u.len;
      p = u.start + u.len;
    }
}

static void
add_prefix (GHashTable *prefixes, const char *p)
{
  /* at "PREFIX": the name and the IRI follow */
  Tok name = next_token (p), iri;
  if (name.kind != T_PNAME || name.start[name.len - 1] != ':')
    return;
  iri = next_token (name.start + name.len);
  if (iri.kind != T_IRI)
    return;
  g_hash_table_replace (prefixes, g_strndup (name.start, name.len),
                        g_strndup (iri.start + 1, iri.len - 2));
}

char *
ng_paths_rewrite (librdf_world *world, const char *text, const char *base, GPtrArray *paths)
{
  g_autoptr (GHashTable) prefixes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  GString *out = g_string_new (NULL);
  const char *p = text, *copied = text;
  g_autofree char *own_base = NULL;

  for (;;)
    {
      Tok t = next_token (p);
      Frame *f = stack->len ? &g_array_index (stack, Frame, stack->len - 1) : NULL;
      if (t.kind == T_END)
        break;
      if (is_word (&t, "PREFIX"))
        {
          add_prefix (prefixes, t.start + t.len);
          p = t.start + t.len;
          continue;
        }
      if (is_word (&t, "BASE"))
        {
          Tok u = next_token (t.start + t.len);
          if (u.kind == T_IRI)
            {
              g_free (own_base);
              own_base = g_strndup (u.start + 1, u.len - 2);
            }
          p = t.start + t.len;
          continue;
        }
      if (is_word (&t, "VALUES"))
        {
          /* the data block is no group */
          const char *q = t.start + t.len;
          Tok u;
          while ((u = next_token (q)).kind != T_END && !is_punct (&u, "{"))
            q = u.start + u.len;
          p = u.kind == T_END ? u.start : skip_balanced (&u);
          if (f)
            f->state = S_SUBJECT;
          continue;
        }
      if (is_punct (&t, "{"))
        {
          Frame g = { F_GROUP, S_SUBJECT, S_SUBJECT };
          g_array_append_val (stack, g);
          p = t.start + t.len;
          continue;
        }
      if (f == NULL)
        {
          /* outside every group: projection, FROM, modifiers */
          p = is_punct (&t, "(") ? skip_balanced (&t) : t.start + t.len;
          continue;
        }
      if (is_punct (&t, "}") || is_punct (&t, "]") || is_punct (&t, ")"))
        {
          State after = f->after;
          g_array_set_size (stack, stack->len - 1);
          if (stack->len)
            g_array_index (stack, Frame, stack->len - 1).state = after;
          p = t.start + t.len;
          continue;
        }
      switch (f->state)
        {
        case S_SUBJECT:
          if (t.kind == T_WORD && !is_word (&t, "true") && !is_word (&t, "false"))
            {
              /* a keyword; its bracketed arguments are no triples */
              p = t.start + t.len;
              continue;
            }
          if (is_punct (&t, "("))
            {
              p = skip_balanced (&t);
              continue;
            }
          if (is_punct (&t, "["))
            {
              Frame b = { F_BNODE, S_VERB, S_VERB };
              g_array_append_val (stack, b);
              p = t.start + t.len;
              continue;
            }
          if (t.kind == T_PUNCT)
            {
              p = t.start + t.len;
              continue;
            }
          f->state = S_VERB;
          p = t.start + t.len;
          continue;
        case S_VERB:
          if (t.kind == T_VAR)
            {
              f->state = S_OBJECT;
              p = t.start + t.len;
              continue;
            }
          if (is_punct (&t, ";"))
            {
              p = t.start + t.len;
              continue;
            }
          if (is_punct (&t, "."))
            {
              f->state = S_SUBJECT;
              p = t.start + t.len;
              continue;
            }
          {
            Parser ps = { world, prefixes, own_base ? own_base : (char *) base, t.start, 0 };
            NgPath *path = parse_alt (&ps);
            if (path && ps.ops > 0)
              {
                g_string_append_len (out, copied, t.start - copied);
                g_string_append_printf (out, "<" NG_PATH_MARK "%u>", paths->len);
                for (const char *c = t.start; c < ps.p; c++)
                  if (*c == '\n')
                    g_string_append_c (out, '\n');
                g_ptr_array_add (paths, path);
                copied = p = ps.p;
              }
            else
              {
                ng_path_free (path);
                p = path ? ps.p : t.start + t.len;
              }
            f->state = S_OBJECT;
            continue;
          }
        case S_OBJECT:
          if (is_punct (&t, "["))
            {
              Frame b = { F_BNODE, S_VERB, S_AFTER_OBJECT };
              g_array_append_val (stack, b);
              p = t.start + t.len;
              continue;
            }
          if (is_punct (&t, "("))
            {
              Frame l = { F_LIST, S_OBJECT, S_AFTER_OBJECT };
              g_array_append_val (stack, l);
              p = t.start + t.len;
              continue;
            }
          p = t.start + t.len;
          if (t.kind == T_STRING)
            {
              /* a language tag or a datatype */
              Tok u = next_token (p);
              if (u.kind == T_LANG)
                p = u.start + u.len;
              else if (is_punct (&u, "^^"))
                {
                  Tok d = next_token (u.start + u.len);
                  p = d.start + d.len;
                }
            }
          else if (is_punct (&t, "+") || is_punct (&t, "-"))
            continue;           /* the sign of a number */
          f->state = f->kind == F_LIST ? S_OBJECT : S_AFTER_OBJECT;
          continue;
        case S_AFTER_OBJECT:
          if (is_punct (&t, ","))
            f->state = S_OBJECT;
          else if (is_punct (&t, ";"))
            f->state = S_VERB;
          else if (is_punct (&t, "."))
            f->state = S_SUBJECT;
          else
            {
              /* a keyword or a new group after the last triple */
              f->state = S_SUBJECT;
              continue;
            }
          p = t.start + t.len;
          continue;
        }
    }
  g_string_append (out, copied);
  return g_string_free (out, FALSE);
}

gboolean
ng_path_mark (rasqal_literal *l, guint *index)
{
  const char *s;
  if (l->type != RASQAL_LITERAL_URI)
    return FALSE;
  s = (const char *) raptor_uri_as_string (l->value.uri);
  if (strncmp (s, NG_PATH_MARK, sizeof NG_PATH_MARK - 1) != 0)
    return FALSE;
  *index = (guint) g_ascii_strtoull (s + sizeof NG_PATH_MARK - 1, NULL, 10);
  return TRUE;
}

/* ------------------------------------------------------------ evaluation */

static char *
node_key (librdf_node *n)
{
  unsigned char *s = raptor_term_to_string (n);
  char *k = g_strdup ((const char *) s);
  raptor_free_memory (s);
  return k;
}

/* The nodes one triple away from START over predicate P (NULL: any
 * predicate not in EXCLUDE), forwards (START as subject) or backwards. */
static void
step (NgEval *ev, librdf_node *start, librdf_node *p, GPtrArray *exclude,
      gboolean forward, GPtrArray *out)
{
  librdf_model *model = ng_eval_active_model (ev);
  librdf_statement *pattern;
  librdf_stream *stream;
  if (model == NULL || (forward && librdf_node_is_literal (start)))
    return;
  if (p && ev->graph == NULL)
    {
      /* the indexed lookups of "hashes" (see match_triple) */
      librdf_iterator *it = forward ? librdf_model_get_targets (model, start, p)
                                    : librdf_model_get_sources (model, p, start);
      while (it && !librdf_iterator_end (it))
        {
          g_ptr_array_add (out, librdf_new_node_from_node (librdf_iterator_get_object (it)));
          librdf_iterator_next (it);
        }
      if (it)
        librdf_free_iterator (it);
      return;
    }
  pattern = librdf_new_statement_from_nodes (ev->world,
                                             forward ? librdf_new_node_from_node (start) : NULL,
                                             p ? librdf_new_node_from_node (p) : NULL,
                                             forward ? NULL : librdf_new_node_from_node (start));
  if (pattern == NULL)
    return;
  stream = ng_eval_find (ev, pattern);
  while (stream && !librdf_stream_end (stream))
    {
      librdf_statement *st = librdf_stream_get_object (stream);
      librdf_node *pred = librdf_statement_get_predicate (st);
      gboolean excluded = FALSE;
      for (guint i = 0; exclude && i < exclude->len && !excluded; i++)
        excluded = librdf_node_equals (pred, exclude->pdata[i]);
      if (!excluded)
        g_ptr_array_add (out, librdf_new_node_from_node (forward ? librdf_statement_get_object (st)
                                                                 : librdf_statement_get_subject (st)));
      librdf_stream_next (stream);
    }
  if (stream)
    librdf_free_stream (stream);
  librdf_free_statement (pattern);
}

static void eval_from (NgEval *ev, NgPath *path, librdf_node *start, gboolean forward,
                       gboolean constant, GPtrArray *out);

/* Whether N is a subject or object of the active graph: a zero-length
 * path matches only terms of the graph, not a constant of the query that
 * the graph lacks — unless that constant is the start of the path in the
 * pattern itself (CONSTANT): eval(:a :p* ?x) holds (:a, :a) even on an
 * empty graph, while VALUES ?v { 1 } ?v :p? ?v has no solution. */
static gboolean
in_graph (NgEval *ev, librdf_node *n)
{
  librdf_model *model = ng_eval_active_model (ev);
  gboolean found = FALSE;
  if (model == NULL)
    return FALSE;
  for (int k = 0; k < 2 && !found; k++)
    {
      librdf_statement *pattern;
      librdf_stream *stream;
      if (k == 0 && librdf_node_is_literal (n))
        continue;
      pattern = librdf_new_statement_from_nodes (ev->world,
                                                 k == 0 ? librdf_new_node_from_node (n) : NULL,
                                                 NULL,
                                                 k == 1 ? librdf_new_node_from_node (n) : NULL);
      if (pattern == NULL)
        return FALSE;
      stream = ng_eval_find (ev, pattern);
      found = stream && !librdf_stream_end (stream);
      if (stream)
        librdf_free_stream (stream);
      librdf_free_statement (pattern);
    }
  return found;
}

/* Arbitrary-length paths: the distinct nodes reachable from START by
 * PATH (its operand) zero or more times (ZERO) or one or more times. */
static void
closure (NgEval *ev, NgPath *path, librdf_node *start, gboolean forward, gboolean zero,
         gboolean constant, GPtrArray *out)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) todo = g_ptr_array_new_with_free_func ((GDestroyNotify) librdf_free_node);
  if (zero && (constant || in_graph (ev, start)))
    {
      g_hash_table_add (seen, node_key (start));
      g_ptr_array_add (out, librdf_new_node_from_node (start));
    }
  g_ptr_array_add (todo, librdf_new_node_from_node (start));
  while (todo->len > 0 && ng_eval_alive (ev))
    {
      librdf_node *n = g_ptr_array_steal_index_fast (todo, todo->len - 1);
      g_autoptr (GPtrArray) next = g_ptr_array_new_with_free_func ((GDestroyNotify) librdf_free_node);
      eval_from (ev, path, n, forward, FALSE, next);
      librdf_free_node (n);
      for (guint i = 0; i < next->len; i++)
        {
          char *k = node_key (next->pdata[i]);
          if (g_hash_table_contains (seen, k))
            {
              g_free (k);
              continue;
            }
          g_hash_table_add (seen, k);
          g_ptr_array_add (out, librdf_new_node_from_node (next->pdata[i]));
          g_ptr_array_add (todo, librdf_new_node_from_node (next->pdata[i]));
        }
      if (!ng_bag_within_limit (ev, out))
        break;
    }
}

/* The end points of PATH from START (a bag: duplicates kept where SPARQL
 * keeps them). */
static void
eval_from (NgEval *ev, NgPath *path, librdf_node *start, gboolean forward, gboolean constant,
           GPtrArray *out)
{
  if (!ng_eval_alive (ev))
    return;
  switch (path->op)
    {
    case P_LINK:
      step (ev, start, path->iri, NULL, forward, out);
      break;
    case P_INV:
      eval_from (ev, path->a, start, !forward, constant, out);
      break;
    case P_SEQ:
      {
        g_autoptr (GPtrArray) mid = g_ptr_array_new_with_free_func ((GDestroyNotify) librdf_free_node);
        eval_from (ev, forward ? path->a : path->b, start, forward, constant, mid);
        for (guint i = 0; i < mid->len && ng_eval_alive (ev) && ng_bag_within_limit (ev, out); i++)
          eval_from (ev, forward ? path->b : path->a, mid->pdata[i], forward, FALSE, out);
        break;
      }
    case P_ALT:
      eval_from (ev, path->a, start, forward, constant, out);
      eval_from (ev, path->b, start, forward, constant, out);
      break;
    case P_NPS:
      /* !(a|^b): the forward members exclude forward steps, the inverse
         ones backward steps; a set with only one kind takes one direction */
      if (path->fwd->len > 0 || path->inv->len == 0)
        step (ev, start, NULL, path->fwd, forward, out);
      if (path->inv->len > 0)
        step (ev, start, NULL, path->inv, !forward, out);
      break;
    case P_ZERO_ONE:
      {
        g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
        g_autoptr (GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) librdf_free_node);
        if (constant || in_graph (ev, start))
          {
            g_hash_table_add (seen, node_key (start));
            g_ptr_array_add (out, librdf_new_node_from_node (start));
          }
        eval_from (ev, path->a, start, forward, FALSE, one);
        for (guint i = 0; i < one->len; i++)
          {
            char *k = node_key (one->pdata[i]);
            if (g_hash_table_add (seen, k))
              g_ptr_array_add (out, librdf_new_node_from_node (one->pdata[i]));
          }
        break;
      }
    case P_ZERO_MORE:
    case P_ONE_MORE:
      closure (ev, path->a, start, forward, path->op == P_ZERO_MORE, constant, out);
      break;
    }
}

/* Every subject and object of the active graph, once. */
static GPtrArray *
graph_nodes (NgEval *ev)
{
  librdf_model *model = ng_eval_active_model (ev);
  GPtrArray *nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) librdf_free_node);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  librdf_stream *stream;
  if (model == NULL)
    return nodes;
  stream = ev->graph ? librdf_model_context_as_stream (model, ev->graph)
                     : librdf_model_as_stream (model);
  while (stream && !librdf_stream_end (stream) && ng_eval_alive (ev))
    {
      librdf_statement *st = librdf_stream_get_object (stream);
      librdf_node *pair[2] = { librdf_statement_get_subject (st), librdf_statement_get_object (st) };
      for (int k = 0; k < 2; k++)
        {
          char *key = node_key (pair[k]);
          if (g_hash_table_add (seen, key))
            g_ptr_array_add (nodes, librdf_new_node_from_node (pair[k]));
        }
      librdf_stream_next (stream);
    }
  if (stream)
    librdf_free_stream (stream);
  return nodes;
}

void
ng_path_match (NgEval *ev, guint index, rasqal_triple *t, const NgRow *row, GPtrArray *out)
{
  NgPath *path;
  librdf_node *s, *o;
  gboolean any;
  if (ev->q == NULL || ev->q->paths == NULL || index >= ev->q->paths->len)
    {
      ng_eval_fail (ev, NG_SPARQL_ERROR_UNSUPPORTED, "unknown property path %u", index);
      return;
    }
  path = ev->q->paths->pdata[index];
  s = ng_pattern_node (ev, t->subject, row, &any);
  o = ng_pattern_node (ev, t->object, row, &any);
  if (s || o)
    {
      g_autoptr (GPtrArray) ends = g_ptr_array_new_with_free_func ((GDestroyNotify) librdf_free_node);
      eval_from (ev, path, s ? s : o, s != NULL,
                 ng_eval_var_of (s ? t->subject : t->object) == NULL, ends);
      for (guint i = 0; i < ends->len && ng_eval_alive (ev); i++)
        {
          librdf_node *e = ends->pdata[i];
          if (s && o)
            {
              if (librdf_node_equals (e, o))
                g_ptr_array_add (out, ng_row_copy (row));
              continue;
            }
          NgRow *r = ng_row_copy (row);
          if (ng_pattern_bind (ev, r, s ? t->object : t->subject, e))
            g_ptr_array_add (out, r);
          else
            ng_row_free (r);
        }
    }
  else
    {
      g_autoptr (GPtrArray) nodes = graph_nodes (ev);
      for (guint i = 0; i < nodes->len && ng_eval_alive (ev) && ng_bag_within_limit (ev, out); i++)
        {
          g_autoptr (GPtrArray) ends = g_ptr_array_new_with_free_func ((GDestroyNotify) librdf_free_node);
          eval_from (ev, path, nodes->pdata[i], TRUE, FALSE, ends);
          for (guint j = 0; j < ends->len; j++)
            {
              NgRow *r = ng_row_copy (row);
              if (ng_pattern_bind (ev, r, t->subject, nodes->pdata[i])
                  && ng_pattern_bind (ev, r, t->object, ends->pdata[j]))
                g_ptr_array_add (out, r);
              else
                ng_row_free (r);
            }
        }
    }
  if (s)
    librdf_free_node (s);
  if (o)
    librdf_free_node (o);
}
