/* merge-facts.c — what the merge needs from one article graph, as "facts":
 * a compact text of tab-separated records that the store keeps in its merge
 * index, so that an incremental build parses only the articles that
 * changed.  Adding the facts of a graph is exactly the same as adding the
 * graph.
 *
 * Records, one a line, fields separated by tabs (\\, tab, newline and CR
 * escaped as \\\\, \\t, \\n, \\r; a missing value is \\N):
 *   G graph                      the article graph's IRI (first record)
 *   A iri title source date datatype
 *   S iri text index byte-offset char-offset   (sentences events cite)
 *   E m|s iri sentence place status target imposer actor action date
 *       participant…             a meeting (m) or sanction (s) mention
 *   R entity surface-form role(0|1)            an entity mention
 *   D iri lat lon contained-in   an entity described (first values)
 *   T iri type / N iri name / O iri same-as    its types, names, sameAs */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "nieuwsgraaf/vocab.h"
#include "merge-private.h"
#include "rdf-util.h"

void
ng_merge_entity_free (gpointer p)
{
  Entity *e = p;
  g_free (e->iri);
  g_hash_table_unref (e->types);
  g_hash_table_unref (e->names);
  g_hash_table_unref (e->alt);
  g_hash_table_unref (e->articles);
  g_hash_table_unref (e->same_as);
  g_hash_table_unref (e->described);
  g_hash_table_unref (e->children);
  g_free (e->lat);
  g_free (e->lon);
  g_free (e->contained_in);
  g_free (e);
}

void
ng_merge_event_free (gpointer p)
{
  Event *e = p;
  g_free (e->iri);
  g_free (e->article);
  g_free (e->sentence);
  g_ptr_array_unref (e->participants);
  g_free (e->place);
  g_free (e->status);
  g_free (e->target);
  g_free (e->imposer);
  g_free (e->actor);
  g_free (e->action);
  g_free (e->article_date);
  g_free (e->cluster);
  g_free (e);
}

Event *
ng_merge_event_from_fields (const char *iri, const char *article, char **f,
                            char **participants, guint n_participants)
{
  Event *e = g_new0 (Event, 1);
  e->iri = g_strdup (iri);
  e->article = g_strdup (article);
  e->sentence = g_strdup (f[2]);
  e->place = g_strdup (f[3]);
  e->status = g_strdup (f[4]);
  e->target = g_strdup (f[5]);
  e->imposer = g_strdup (f[6]);
  e->actor = g_strdup (f[7]);
  e->action = g_strdup (f[8]);
  if (f[9] == NULL || !ng_date_parse (f[9], &e->date, NULL))
    e->date.precision = NG_DATE_NONE;
  e->participants = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_participants; i++)
    if (participants[i])
      g_ptr_array_add (e->participants, g_strdup (participants[i]));
  g_ptr_array_sort (e->participants, (GCompareFunc) g_strcmp0);
  return e;
}

Event *
ng_merge_event_copy (const Event *e)
{
  Event *c = g_new0 (Event, 1);
  c->iri = g_strdup (e->iri);
  c->article = g_strdup (e->article);
  c->sentence = g_strdup (e->sentence);
  c->participants = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < e->participants->len; i++)
    g_ptr_array_add (c->participants, g_strdup (e->participants->pdata[i]));
  c->date = e->date;
  c->place = g_strdup (e->place);
  c->status = g_strdup (e->status);
  c->target = g_strdup (e->target);
  c->imposer = g_strdup (e->imposer);
  c->actor = g_strdup (e->actor);
  c->action = g_strdup (e->action);
  c->article_date = g_strdup (e->article_date);
  c->cluster = g_strdup (e->cluster);
  c->used = e->used;
  return c;
}

void
ng_merge_article_free (gpointer p)
{
  Article *a = p;
  g_free (a->iri);
  g_free (a->title);
  g_free (a->date);
  g_free (a->date_type);
  g_free (a->source);
  g_free (a);
}

void
ng_merge_sentence_free (gpointer p)
{
  Sentence *s = p;
  g_free (s->iri);
  g_free (s->article);
  g_free (s->text);
  g_free (s->index);
  g_free (s->byte_offset);
  g_free (s->char_offset);
  g_free (s);
}

/* ------------------------------------------------ from an article graph */

/* One article graph as subject -> list of (predicate, object) pairs. */
typedef struct {
  char *p;
  librdf_node *o;
} Pair;

static void
pair_free (gpointer p)
{
  Pair *x = p;
  g_free (x->p);
  librdf_free_node (x->o);
  g_free (x);
}

static librdf_node *
first_node (GPtrArray *pairs, const char *p)
{
  for (guint i = 0; pairs && i < pairs->len; i++)
    {
      Pair *x = pairs->pdata[i];
      if (strcmp (x->p, p) == 0)
        return x->o;
    }
  return NULL;
}

static const char *
first_iri (GPtrArray *pairs, const char *p)
{
  for (guint i = 0; pairs && i < pairs->len; i++)
    {
      Pair *x = pairs->pdata[i];
      if (strcmp (x->p, p) == 0 && ng_node_iri (x->o))
        return ng_node_iri (x->o);
    }
  return NULL;
}

static const char *
first_literal (GPtrArray *pairs, const char *p)
{
  return ng_node_literal (first_node (pairs, p));
}

static gboolean
has_type (GPtrArray *pairs, const char *type)
{
  for (guint i = 0; pairs && i < pairs->len; i++)
    {
      Pair *x = pairs->pdata[i];
      if (strcmp (x->p, NG_RDF_TYPE) == 0 && g_strcmp0 (ng_node_iri (x->o), type) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Adds statement ST to SUBJECTS (subject IRI -> pairs). */
static void
collect_statement (GHashTable *subjects, librdf_statement *st)
{
  const char *si = ng_node_iri (librdf_statement_get_subject (st));
  const char *pi = ng_node_iri (librdf_statement_get_predicate (st));
  GPtrArray *pairs;
  Pair *x;

  if (si == NULL || pi == NULL)
    return;
  pairs = g_hash_table_lookup (subjects, si);
  if (pairs == NULL)
    {
      pairs = g_ptr_array_new_with_free_func (pair_free);
      g_hash_table_insert (subjects, g_strdup (si), pairs);
    }
  x = g_new0 (Pair, 1);
  x->p = g_strdup (pi);
  x->o = librdf_new_node_from_node (librdf_statement_get_object (st));
  g_ptr_array_add (pairs, x);
}

static GHashTable *
new_subjects (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) g_ptr_array_unref);
}

void
ng_facts_put_field (GString *out, const char *v)
{
  g_string_append_c (out, '\t');
  if (v == NULL)
    {
      g_string_append (out, "\\N");
      return;
    }
  for (; *v; v++)
    switch (*v)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case '\t': g_string_append (out, "\\t"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      default: g_string_append_c (out, *v);
      }
}

static void
put_record (GString *out, int tag, ...)
{
  va_list ap;
  int n;
  g_string_append_c (out, (char) tag);
  va_start (ap, tag);
  n = va_arg (ap, int);
  for (int i = 0; i < n; i++)
    ng_facts_put_field (out, va_arg (ap, const char *));
  va_end (ap);
  g_string_append_c (out, '\n');
}

static void
put_event (GString *out, const char *kind, const char *subject, GPtrArray *pairs)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();
  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *x = pairs->pdata[i];
      if (strcmp (x->p, NG_PARTICIPANT) == 0 && ng_node_iri (x->o))
        g_ptr_array_add (parts, (gpointer) ng_node_iri (x->o));
    }
  g_string_append_c (out, 'E');
  ng_facts_put_field (out, kind);
  ng_facts_put_field (out, subject);
  ng_facts_put_field (out, first_iri (pairs, NG_IN_SENTENCE));
  ng_facts_put_field (out, first_iri (pairs, NG_MENTION_PLACE));
  ng_facts_put_field (out, first_iri (pairs, NG_STATUS));
  ng_facts_put_field (out, first_iri (pairs, NG_TARGET));
  ng_facts_put_field (out, first_iri (pairs, NG_IMPOSER));
  ng_facts_put_field (out, first_iri (pairs, NG_ACTOR));
  ng_facts_put_field (out, first_iri (pairs, NG_ACTION));
  ng_facts_put_field (out, first_literal (pairs, NG_MENTION_DATE));
  for (guint i = 0; i < parts->len; i++)
    ng_facts_put_field (out, parts->pdata[i]);
  g_string_append_c (out, '\n');
}

/* The facts of one article graph (SUBJECTS, from the graph ARTICLE), the
 * way the merge reads them. */
static char *
facts_from_subjects (GHashTable *subjects, const char *article)
{
  GString *out = g_string_new (NULL);
  g_autoptr (GHashTable) cited = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter it;
  gpointer key, value;

  put_record (out, 'G', 1, article);
  /* only the sentences that mentions cite can reach the merged graph */
  g_hash_table_iter_init (&it, subjects);
  while (g_hash_table_iter_next (&it, &key, &value))
    if ((has_type (value, NG_MEETING_MENTION) || has_type (value, NG_SANCTION_MENTION))
        && first_iri (value, NG_IN_SENTENCE))
      g_hash_table_add (cited, (gpointer) first_iri (value, NG_IN_SENTENCE));

  g_hash_table_iter_init (&it, subjects);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      const char *subject = key;
      GPtrArray *pairs = value;

      if (has_type (pairs, NG_ARTICLE))
        {
          librdf_node *d = first_node (pairs, NG_DCT_DATE);
          put_record (out, 'A', 5, subject, first_literal (pairs, NG_DCT_TITLE),
                      first_literal (pairs, NG_SOURCE_FILE), ng_node_literal (d),
                      ng_node_datatype (d));
        }
      else if (has_type (pairs, NG_SENTENCE))
        {
          if (g_hash_table_contains (cited, subject))
            put_record (out, 'S', 5, subject, first_literal (pairs, NG_TEXT),
                        first_literal (pairs, NG_SENTENCE_INDEX),
                        first_literal (pairs, NG_BYTE_OFFSET),
                        first_literal (pairs, NG_CHAR_OFFSET));
        }
      else if (has_type (pairs, NG_MEETING_MENTION))
        put_event (out, "m", subject, pairs);
      else if (has_type (pairs, NG_SANCTION_MENTION))
        put_event (out, "s", subject, pairs);
      else if (has_type (pairs, NG_ENTITY_MENTION))
        {
          const char *ref = first_iri (pairs, NG_REFERS_TO);
          if (ref)
            put_record (out, 'R', 3, ref, first_literal (pairs, NG_SURFACE_FORM),
                        first_node (pairs, NG_TRIGGER) ? "1" : "0");
        }
      else if (has_type (pairs, NG_SCHEMA_PERSON) || has_type (pairs, NG_SCHEMA_PLACE)
               || has_type (pairs, NG_SCHEMA_ORGANIZATION))
        {
          const char *lat = NULL, *lon = NULL, *in = NULL;
          for (guint i = 0; i < pairs->len; i++)
            {
              Pair *x = pairs->pdata[i];
              if (strcmp (x->p, NG_SCHEMA_LATITUDE) == 0 && !lat)
                lat = ng_node_literal (x->o);
              else if (strcmp (x->p, NG_SCHEMA_LONGITUDE) == 0 && !lon)
                lon = ng_node_literal (x->o);
              else if (strcmp (x->p, NG_SCHEMA_CONTAINED_IN) == 0 && !in)
                in = ng_node_iri (x->o);
            }
          put_record (out, 'D', 4, subject, lat, lon, in);
          for (guint i = 0; i < pairs->len; i++)
            {
              Pair *x = pairs->pdata[i];
              if (strcmp (x->p, NG_RDF_TYPE) == 0 && ng_node_iri (x->o))
                put_record (out, 'T', 2, subject, ng_node_iri (x->o));
              else if (strcmp (x->p, NG_SCHEMA_NAME) == 0 && ng_node_literal (x->o))
                put_record (out, 'N', 2, subject, ng_node_literal (x->o));
              else if (strcmp (x->p, NG_OWL_SAME_AS) == 0 && ng_node_iri (x->o))
                put_record (out, 'O', 2, subject, ng_node_iri (x->o));
            }
        }
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------ facts into the tables */

GHashTable *
ng_count_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
ng_count_add (GHashTable *table, const char *key, gint delta)
{
  gint64 c = (gint64) GPOINTER_TO_UINT (g_hash_table_lookup (table, key)) + delta;
  if (c <= 0)
    g_hash_table_remove (table, key);
  else
    g_hash_table_replace (table, g_strdup (key), GUINT_TO_POINTER ((guint) c));
}

Entity *
ng_merge_entity_new (const char *iri)
{
  Entity *e = g_new0 (Entity, 1);
  e->iri = g_strdup (iri);
  e->types = ng_count_table ();
  e->names = ng_count_table ();
  e->alt = ng_count_table ();
  e->articles = ng_count_table ();
  e->same_as = ng_count_table ();
  e->described = ng_count_table ();
  e->children = ng_count_table ();
  return e;
}

static void
counts_add (GHashTable *to, GHashTable *from, gint sign)
{
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init (&it, from);
  while (g_hash_table_iter_next (&it, &k, &v))
    ng_count_add (to, k, sign * (gint) GPOINTER_TO_UINT (v));
}

void
ng_merge_entity_add (Entity *to, const Entity *from, gint sign)
{
  counts_add (to->types, from->types, sign);
  counts_add (to->names, from->names, sign);
  counts_add (to->alt, from->alt, sign);
  counts_add (to->articles, from->articles, sign);
  counts_add (to->same_as, from->same_as, sign);
  counts_add (to->described, from->described, sign);
  counts_add (to->children, from->children, sign);
  to->mentions += sign * (gint) from->mentions;
}

guint
ng_entity_article_count (const Entity *e)
{
  return e->partial ? e->narticles : g_hash_table_size (e->articles);
}

const char *
ng_merge_entity_place_key (const Entity *e)
{
  GHashTableIter it;
  gpointer k;
  if (g_hash_table_size (e->described) == 0)
    return "";
  if (g_hash_table_size (e->described) > 1)
    return NULL;
  g_hash_table_iter_init (&it, e->described);
  g_hash_table_iter_next (&it, &k, NULL);
  return k;
}

void
ng_merge_entity_resolve (Entity *e)
{
  const char *key = ng_merge_entity_place_key (e);
  g_clear_pointer (&e->lat, g_free);
  g_clear_pointer (&e->lon, g_free);
  g_clear_pointer (&e->contained_in, g_free);
  if (key && *key)
    {
      g_autofree char *line = g_strconcat ("D", key, NULL);
      char *f[3];
      if (ng_facts_split (line, f, 3) == 3)
        {
          e->lat = g_strdup (f[0]);
          e->lon = g_strdup (f[1]);
          e->contained_in = g_strdup (f[2]);
        }
    }
}

static Entity *
entity_get (Merge *m, const char *iri)
{
  Entity *e = g_hash_table_lookup (m->entities, iri);
  if (e == NULL)
    {
      e = ng_merge_entity_new (iri);
      g_hash_table_insert (m->entities, e->iri, e);
    }
  return e;
}

/* Splits LINE (modified) into at most MAX fields after the tag, unescaped in
 * place; NULL for \N.  Returns the number of fields. */
guint
ng_facts_split (char *line, char **fields, guint max)
{
  guint n = 0;
  char *p = line + 1;
  if (line[0] == '\0' || *p != '\t')
    return 0;
  p++;
  while (n < max)
    {
      char *end = p, *dst = p;
      gboolean more;
      while (*end && *end != '\t')
        end++;
      more = *end == '\t';
      if (end - p == 2 && p[0] == '\\' && p[1] == 'N')
        fields[n++] = NULL;
      else
        {
          fields[n++] = p;
          for (char *src = p; src < end; src++)
            {
              if (*src == '\\' && src + 1 < end)
                {
                  src++;
                  *dst++ = *src == 't' ? '\t' : *src == 'n' ? '\n'
                           : *src == 'r' ? '\r' : *src;
                }
              else
                *dst++ = *src;
            }
          *dst = '\0';   /* dst <= end: unescaping only shortens */
        }
      if (!more)
        break;
      p = end + 1;
    }
  return n;
}

/* Adds the PARTS of the facts of one article (as made by
 * facts_from_subjects).  Each part skips the other's lines unread; both
 * read the article lines, so that both know an article already added. */
static gboolean
apply_facts (Merge *m, const char *facts, gsize len, NgMergeFactsPart parts)
{
  g_autofree char *copy = g_strndup (facts, len);
  gboolean people = (parts & NG_MERGE_FACTS_PEOPLE) != 0;
  gboolean records = (parts & NG_MERGE_FACTS_RECORDS) != 0;
  GHashTable *seen = m->articles;
  const char *article = NULL;
  char *f[64];
  char *next;

  if (copy == NULL)
    return FALSE;
  if (!records)
    {
      if (m->people_seen == NULL)
        m->people_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      seen = m->people_seen;
    }
  for (char *l = copy; l; l = next)
    {
      char tag = *l;
      guint n;
      next = strchr (l, '\n');
      if (next)
        *next++ = '\0';
      if (tag == '\0' || (!records && (tag == 'S' || tag == 'E'))
          || (!people && strchr ("RDTNO", tag) != NULL))
        continue;
      n = ng_facts_split (l, f, G_N_ELEMENTS (f));
      switch (tag)
        {
        case 'G':
          if (n != 1 || f[0] == NULL)
            return FALSE;
          article = f[0];
          /* the same article graph from another file (the same text saved
             twice): merged once, as the first file says it */
          if (g_hash_table_contains (seen, article))
            return TRUE;
          break;
        case 'A':
          if (n != 5 || f[0] == NULL)
            return FALSE;
          if (!records)
            g_hash_table_add (seen, g_strdup (f[0]));
          else
            {
              Article *a = g_new0 (Article, 1);
              a->iri = g_strdup (f[0]);
              a->title = g_strdup (f[1]);
              a->source = g_strdup (f[2]);
              a->date = g_strdup (f[3]);
              a->date_type = g_strdup (f[4]);
              g_hash_table_replace (m->articles, a->iri, a);
            }
          break;
        case 'S':
          if (n != 5 || f[0] == NULL || article == NULL)
            return FALSE;
          {
            Sentence *s = g_new0 (Sentence, 1);
            s->iri = g_strdup (f[0]);
            s->article = g_strdup (article);
            s->text = g_strdup (f[1]);
            s->index = g_strdup (f[2]);
            s->byte_offset = g_strdup (f[3]);
            s->char_offset = g_strdup (f[4]);
            g_hash_table_replace (m->sentences, s->iri, s);
          }
          break;
        case 'E':
          if (n < 10 || f[0] == NULL || f[1] == NULL || article == NULL)
            return FALSE;
          /* (only in the records half: the people half skips E lines) */
          g_ptr_array_add (strcmp (f[0], "m") == 0 ? m->meetings : m->sanctions,
                           ng_merge_event_from_fields (f[1], article, f, f + 10, n - 10));
          break;
        case 'R':
          if (n != 3 || f[0] == NULL || article == NULL)
            return FALSE;
          {
            Entity *e = entity_get (m, f[0]);
            e->mentions++;
            ng_count_add (e->articles, article, 1);
            /* role phrases ("de Amerikaanse president") are not names */
            if (f[1] && g_strcmp0 (f[2], "1") != 0)
              ng_count_add (e->alt, f[1], 1);
          }
          break;
        case 'D':
          if (n != 4 || f[0] == NULL)
            return FALSE;
          {
            Entity *e = entity_get (m, f[0]);
            g_autoptr (GString) key = g_string_new (NULL);
            for (guint i = 1; i < 4; i++)
              ng_facts_put_field (key, f[i]);
            ng_count_add (e->described, key->str, 1);
            if (f[3] && strcmp (f[3], f[0]) != 0)
              ng_count_add (entity_get (m, f[3])->children, f[0], 1);
            if (!e->lat && f[1])
              e->lat = g_strdup (f[1]);
            if (!e->lon && f[2])
              e->lon = g_strdup (f[2]);
            if (!e->contained_in && f[3])
              e->contained_in = g_strdup (f[3]);
          }
          break;
        case 'T':
        case 'N':
        case 'O':
          if (n != 2 || f[0] == NULL || f[1] == NULL)
            return FALSE;
          {
            Entity *e = entity_get (m, f[0]);
            ng_count_add (tag == 'T' ? e->types : tag == 'O' ? e->same_as : e->names,
                          f[1], 1);
          }
          break;
        default:
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
ng_merge_add_facts (NgMerge *nm, const char *name, const char *facts, gsize len,
                    GError **error)
{
  return ng_merge_add_facts_part (nm, name, facts, len, NG_MERGE_FACTS_ALL, error);
}

gboolean
ng_merge_add_facts_part (NgMerge *nm, const char *name, const char *facts, gsize len,
                         NgMergeFactsPart part, GError **error)
{
  if (!apply_facts (&nm->m, facts, len, part))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: damaged merge facts", name);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------ parsing */

typedef struct {
  GHashTable *subjects;
  char *graph;
  gboolean mixed;
} ParseState;

static void
parse_statement (void *user_data, raptor_statement *st)
{
  ParseState *ps = user_data;
  const char *g = st->graph ? ng_node_iri ((librdf_node *) st->graph) : NULL;
  if (g == NULL || (ps->graph && strcmp (ps->graph, g) != 0))
    {
      ps->mixed = TRUE;
      return;
    }
  if (ps->graph == NULL)
    ps->graph = g_strdup (g);
  /* librdf 1.0.17 statements and nodes are raptor statements and terms */
  collect_statement (ps->subjects, (librdf_statement *) st);
}

char *
ng_merge_facts_parse (raptor_world *rw, const char *name, const char *text,
                      GError **error)
{
  raptor_parser *p = raptor_new_parser (rw, "nquads");
  raptor_uri *base = raptor_new_uri (rw, (const unsigned char *) NG_ID_BASE);
  ParseState ps = { new_subjects (), NULL, FALSE };
  char *facts = NULL;
  gboolean ok;

  raptor_parser_set_statement_handler (p, &ps, parse_statement);
  ok = raptor_parser_parse_start (p, base) == 0
       && raptor_parser_parse_chunk (p, (const unsigned char *) text, strlen (text), 1) == 0;
  raptor_free_parser (p);
  raptor_free_uri (base);
  if (!ok || ps.mixed)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 "%s: not the N-Quads of one article graph", name);
  else if (ps.graph)
    facts = facts_from_subjects (ps.subjects, ps.graph);
  else
    facts = g_strdup ("");   /* an empty graph says nothing */
  g_hash_table_unref (ps.subjects);
  g_free (ps.graph);
  return facts;
}

char *
ng_merge_facts_from_nquads (NgMerge *nm, const char *name, const char *text,
                            GError **error)
{
  return ng_merge_facts_parse (librdf_world_get_raptor (nm->m.world), name, text, error);
}

gboolean
ng_merge_add_nquads (NgMerge *nm, const char *name, const char *text,
                     GError **error)
{
  g_autofree char *facts = ng_merge_facts_from_nquads (nm, name, text, error);
  return facts && ng_merge_add_facts (nm, name, facts, strlen (facts), error);
}

void
ng_merge_add_model (NgMerge *nm, librdf_model *articles)
{
  g_autoptr (librdf_iterator) ctxs = librdf_model_get_contexts (articles);
  while (ctxs && !librdf_iterator_end (ctxs))
    {
      librdf_node *ctx = librdf_iterator_get_object (ctxs);
      g_autoptr (GHashTable) subjects = new_subjects ();
      g_autoptr (librdf_stream) st = librdf_model_context_as_stream (articles, ctx);
      while (st && !librdf_stream_end (st))
        {
          collect_statement (subjects, librdf_stream_get_object (st));
          librdf_stream_next (st);
        }
      if (ng_node_iri (ctx))
        {
          g_autofree char *facts = facts_from_subjects (subjects, ng_node_iri (ctx));
          apply_facts (&nm->m, facts, strlen (facts), NG_MERGE_FACTS_ALL);
        }
      librdf_iterator_next (ctxs);
    }
}
