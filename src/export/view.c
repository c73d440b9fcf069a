/* view.c — the merged graph read once into C values (NgView), the single
 * source every visualizer export renders, so counts agree across formats. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nieuwsgraaf/export.h"
#include "nieuwsgraaf/vocab.h"
#include "../rdf-util.h"

G_DEFINE_QUARK (ng-export-error-quark, ng_export_error)

struct NgView
{
  GPtrArray *all;          /* NgViewEntity*, owned */
  GPtrArray *articles;     /* NgViewArticle*, owned */
  GPtrArray *sentences;    /* NgViewSentence*, owned */
  GHashTable *entity_by_iri, *article_by_iri, *sentence_by_iri; /* borrowed */
  GHashTable *kept;        /* NgViewEntity* set: what the filter selected */
  GPtrArray *kinds[NG_VIEW_N_KINDS];  /* kept entities per kind, borrowed */
};

static const char *const kind_names[NG_VIEW_N_KINDS] = {
  "person", "place", "organisation", "meeting", "sanction", "sanction-event"
};

const char *
ng_view_kind_name (NgViewKind kind)
{
  g_return_val_if_fail (kind < NG_VIEW_N_KINDS, NULL);
  return kind_names[kind];
}

static void
entity_free (NgViewEntity *e)
{
  g_free (e->iri);
  g_free (e->id);
  g_free (e->name);
  g_ptr_array_unref (e->alt_names);
  g_free (e->wikidata);
  g_ptr_array_unref (e->articles);
  g_ptr_array_unref (e->evidence);
  g_ptr_array_unref (e->attendees);
  g_free (e->date);
  g_free (e->status);
  g_free (e->action);
  g_free (e);
}

static void
article_free (NgViewArticle *a)
{
  g_free (a->iri);
  g_free (a->title);
  g_free (a->date);
  g_free (a->source_file);
  g_free (a);
}

static void
sentence_free (NgViewSentence *s)
{
  g_free (s->iri);
  g_free (s->text);
  g_free (s);
}

void
ng_view_free (NgView *v)
{
  if (v == NULL)
    return;
  for (int k = 0; k < NG_VIEW_N_KINDS; k++)
    g_clear_pointer (&v->kinds[k], g_ptr_array_unref);
  g_clear_pointer (&v->kept, g_hash_table_unref);
  g_clear_pointer (&v->entity_by_iri, g_hash_table_unref);
  g_clear_pointer (&v->article_by_iri, g_hash_table_unref);
  g_clear_pointer (&v->sentence_by_iri, g_hash_table_unref);
  g_clear_pointer (&v->all, g_ptr_array_unref);
  g_clear_pointer (&v->articles, g_ptr_array_unref);
  g_clear_pointer (&v->sentences, g_ptr_array_unref);
  g_free (v);
}

GPtrArray *
ng_view_entities (NgView *v, NgViewKind kind)
{
  g_return_val_if_fail (v != NULL && kind < NG_VIEW_N_KINDS, NULL);
  return v->kinds[kind];
}

NgViewEntity *
ng_view_lookup (NgView *v, const char *iri)
{
  NgViewEntity *e = g_hash_table_lookup (v->entity_by_iri, iri);
  return e && g_hash_table_contains (v->kept, e) ? e : NULL;
}

/* The key of a resource or blank node ("_:id" for blanks); NULL for
 * literals.  Caller frees. */
static char *
node_key (librdf_node *n)
{
  if (librdf_node_is_resource (n))
    return g_strdup (ng_node_iri (n));
  if (librdf_node_is_blank (n))
    return g_strconcat ("_:", (const char *) librdf_node_get_blank_identifier (n), NULL);
  return NULL;
}

static const char *
local_name (const char *iri)
{
  const char *h = strrchr (iri, '#');
  return h ? h + 1 : iri;
}

static void
add_typed (NgView *v, const char *iri, const char *type)
{
  static const struct { const char *type; NgViewKind kind; } kinds[] = {
    { NG_SCHEMA_PERSON, NG_VIEW_KIND_PERSON },
    { NG_SCHEMA_PLACE, NG_VIEW_KIND_PLACE },
    { NG_SCHEMA_COUNTRY, NG_VIEW_KIND_PLACE },
    { NG_SCHEMA_CITY, NG_VIEW_KIND_PLACE },
    { NG_SCHEMA_ORGANIZATION, NG_VIEW_KIND_ORG },
    { NG_MEETING, NG_VIEW_KIND_MEETING },
    { NG_SANCTION, NG_VIEW_KIND_SANCTION },
    { NG_SANCTION_EVENT, NG_VIEW_KIND_SANCTION_EVENT },
  };

  if (strcmp (type, NG_ARTICLE) == 0 && !g_hash_table_contains (v->article_by_iri, iri))
    {
      NgViewArticle *a = g_new0 (NgViewArticle, 1);
      a->iri = g_strdup (iri);
      g_ptr_array_add (v->articles, a);
      g_hash_table_insert (v->article_by_iri, a->iri, a);
      return;
    }
  if (strcmp (type, NG_SENTENCE) == 0 && !g_hash_table_contains (v->sentence_by_iri, iri))
    {
      NgViewSentence *s = g_new0 (NgViewSentence, 1);
      s->iri = g_strdup (iri);
      s->index = -1;
      g_ptr_array_add (v->sentences, s);
      g_hash_table_insert (v->sentence_by_iri, s->iri, s);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strcmp (type, kinds[i].type) == 0)
      {
        NgViewEntity *e = g_hash_table_lookup (v->entity_by_iri, iri);
        /* a node with several contract types keeps the first in the table's
           order (a person before a place before an organisation) */
        if (e != NULL)
          {
            if (kinds[i].kind < e->kind)
              e->kind = kinds[i].kind;
            return;
          }
        e = g_new0 (NgViewEntity, 1);
        e->kind = kinds[i].kind;
        e->iri = g_strdup (iri);
        e->id = g_strdup (g_str_has_prefix (iri, NG_ID_BASE)
                          ? iri + strlen (NG_ID_BASE) : iri);
        e->alt_names = g_ptr_array_new_with_free_func (g_free);
        e->articles = g_ptr_array_new ();
        e->evidence = g_ptr_array_new ();
        e->attendees = g_ptr_array_new ();
        g_ptr_array_add (v->all, e);
        g_hash_table_insert (v->entity_by_iri, e->iri, e);
        return;
      }
}

static void
set_str (char **field, const char *value)
{
  if (*field == NULL && value != NULL)
    *field = g_strdup (value);
}

/* Fills in one statement about S (an entity, article or sentence). */
static void
add_property (NgView *v, const char *s, const char *p, librdf_node *o)
{
  g_autofree char *ok = node_key (o);
  const char *lit = ng_node_literal (o);
  NgViewEntity *e = g_hash_table_lookup (v->entity_by_iri, s);
  NgViewArticle *a;
  NgViewSentence *sen;

  if (e != NULL)
    {
      NgViewEntity *oe = ok ? g_hash_table_lookup (v->entity_by_iri, ok) : NULL;

      if (strcmp (p, NG_SCHEMA_NAME) == 0 && lit)
        {
          /* the contract promises one schema:name; should a graph carry
             more, the smallest is kept so output stays deterministic */
          if (e->name == NULL || strcmp (lit, e->name) < 0)
            {
              g_free (e->name);
              e->name = g_strdup (lit);
            }
        }
      else if (strcmp (p, NG_SCHEMA_ALTERNATE_NAME) == 0 && lit)
        g_ptr_array_add (e->alt_names, g_strdup (lit));
      else if (strcmp (p, NG_OWL_SAME_AS) == 0 && ok && g_str_has_prefix (ok, NG_WD_NS))
        set_str (&e->wikidata, ok + strlen (NG_WD_NS));
      else if (strcmp (p, NG_MENTION_COUNT) == 0 && lit)
        e->mention_count = atoi (lit);
      else if (strcmp (p, NG_SCHEMA_LATITUDE) == 0 && lit)
        e->latitude = g_ascii_strtod (lit, NULL), e->has_coords = TRUE;
      else if (strcmp (p, NG_SCHEMA_LONGITUDE) == 0 && lit)
        e->longitude = g_ascii_strtod (lit, NULL);
      else if (strcmp (p, NG_PROV_DERIVED_FROM) == 0 && ok
               && (a = g_hash_table_lookup (v->article_by_iri, ok)))
        g_ptr_array_add (e->articles, a);
      else if (strcmp (p, NG_EVIDENCE) == 0 && ok
               && (sen = g_hash_table_lookup (v->sentence_by_iri, ok)))
        g_ptr_array_add (e->evidence, sen);
      else if (strcmp (p, NG_SCHEMA_ATTENDEE) == 0 && oe)
        g_ptr_array_add (e->attendees, oe);
      else if (strcmp (p, NG_SCHEMA_START_DATE) == 0 && lit)
        set_str (&e->date, lit);
      else if (strcmp (p, NG_SCHEMA_LOCATION) == 0 && oe && e->place == NULL)
        e->place = oe;
      else if (strcmp (p, NG_STATUS) == 0 && ok)
        set_str (&e->status, local_name (ok));
      else if (strcmp (p, NG_TARGET) == 0 && oe && e->target == NULL)
        e->target = oe;
      else if (strcmp (p, NG_IMPOSER) == 0 && oe && e->imposer == NULL)
        e->imposer = oe;
      else if (strcmp (p, NG_ACTOR) == 0 && oe && e->actor == NULL)
        e->actor = oe;
      else if (strcmp (p, NG_ACTION) == 0 && ok)
        set_str (&e->action, local_name (ok));
      else if (strcmp (p, NG_SANCTION_P) == 0 && oe && e->sanction == NULL)
        e->sanction = oe;
    }
  else if ((a = g_hash_table_lookup (v->article_by_iri, s)))
    {
      if (strcmp (p, NG_DCT_TITLE) == 0)
        set_str (&a->title, lit);
      else if (strcmp (p, NG_DCT_DATE) == 0)
        set_str (&a->date, lit);
      else if (strcmp (p, NG_SOURCE_FILE) == 0)
        set_str (&a->source_file, lit);
    }
  else if ((sen = g_hash_table_lookup (v->sentence_by_iri, s)))
    {
      if (strcmp (p, NG_TEXT) == 0)
        set_str (&sen->text, lit);
      else if (strcmp (p, NG_SENTENCE_INDEX) == 0 && lit)
        sen->index = atoi (lit);
      else if (strcmp (p, NG_IN_ARTICLE) == 0 && ok && sen->article == NULL)
        sen->article = g_hash_table_lookup (v->article_by_iri, ok);
    }
}

/* Two passes over the model: the types first, so that the second pass can
 * link every reference to its record whatever order the store yields. */
static gboolean
read_model (NgView *v, librdf_model *model, GError **error)
{
  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr (librdf_stream) st = librdf_model_as_stream (model);
      if (st == NULL)
        {
          g_set_error (error, NG_EXPORT_ERROR, NG_EXPORT_ERROR_MODEL,
                       "cannot read the merged graph");
          return FALSE;
        }
      for (; !librdf_stream_end (st); librdf_stream_next (st))
        {
          librdf_statement *t = librdf_stream_get_object (st);
          g_autofree char *s = node_key (librdf_statement_get_subject (t));
          const char *p = ng_node_iri (librdf_statement_get_predicate (t));
          librdf_node *o = librdf_statement_get_object (t);

          if (s == NULL || p == NULL)
            continue;
          if (pass == 0 && strcmp (p, NG_RDF_TYPE) == 0 && ng_node_iri (o))
            add_typed (v, s, ng_node_iri (o));
          else if (pass == 1)
            add_property (v, s, p, o);
        }
    }
  return TRUE;
}

static int
cmp_entity (gconstpointer a, gconstpointer b)
{
  const NgViewEntity *x = *(NgViewEntity * const *) a, *y = *(NgViewEntity * const *) b;
  return strcmp (x->iri, y->iri);
}

/* attendees by name, so labels and CSV rows read naturally */
static int
cmp_entity_name (gconstpointer a, gconstpointer b)
{
  const NgViewEntity *x = *(NgViewEntity * const *) a, *y = *(NgViewEntity * const *) b;
  int c = g_strcmp0 (x->name, y->name);
  return c ? c : strcmp (x->iri, y->iri);
}

/* for g_ptr_array_sort, which hands over pointers to the elements */
static int
cmp_str (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static int
cmp_article (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(NgViewArticle * const *) a)->iri, (*(NgViewArticle * const *) b)->iri);
}

static int
cmp_sentence (gconstpointer a, gconstpointer b)
{
  const NgViewSentence *x = *(NgViewSentence * const *) a;
  const NgViewSentence *y = *(NgViewSentence * const *) b;
  int c = g_strcmp0 (x->article ? x->article->iri : NULL, y->article ? y->article->iri : NULL);
  if (c)
    return c;
  return x->index != y->index ? (x->index < y->index ? -1 : 1) : strcmp (x->iri, y->iri);
}

gboolean
ng_view_date_span (const char *date, char **first, char **last)
{
  int y = 0, m = 0, d = 0;
  char tail;

  if (date == NULL)
    return FALSE;
  if (sscanf (date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && strlen (date) == 10
      && g_date_valid_dmy (d, m, y))
    {
      *first = g_strdup (date);
      *last = g_strdup (date);
      return TRUE;
    }
  if (sscanf (date, "%4d-%2d%c", &y, &m, &tail) == 2 && strlen (date) == 7
      && m >= 1 && m <= 12 && y >= 1)
    {
      *first = g_strdup_printf ("%04d-%02d-01", y, m);
      *last = g_strdup_printf ("%04d-%02d-%02d", y, m,
                               g_date_get_days_in_month (m, y));
      return TRUE;
    }
  if (sscanf (date, "%4d%c", &y, &tail) == 1 && strlen (date) == 4 && y >= 1)
    {
      *first = g_strdup_printf ("%04d-01-01", y);
      *last = g_strdup_printf ("%04d-12-31", y);
      return TRUE;
    }
  return FALSE;
}

static char *
fold (const char *s)
{
  g_autofree char *n = g_utf8_normalize (s, -1, G_NORMALIZE_ALL_COMPOSE);
  return g_utf8_casefold (n ? n : s, -1);
}

static gboolean
person_matches (NgViewEntity *e, const char *want)
{
  g_autofree char *w = fold (want);

  if (strcmp (want, e->iri) == 0 || strcmp (want, e->id) == 0)
    return TRUE;
  if (e->name)
    {
      g_autofree char *n = fold (e->name);
      if (strcmp (n, w) == 0)
        return TRUE;
    }
  for (guint i = 0; i < e->alt_names->len; i++)
    {
      g_autofree char *n = fold (e->alt_names->pdata[i]);
      if (strcmp (n, w) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
keep (GHashTable *kept, NgViewEntity *e)
{
  if (e)
    g_hash_table_add (kept, e);
}

/* Selects what FILTER keeps into v->kept. */
static gboolean
apply_filter (NgView *v, const NgViewFilter *f, GError **error)
{
  g_autofree char *from = NULL, *to = NULL, *junk1 = NULL, *junk2 = NULL;
  g_autoptr (GHashTable) ego = g_hash_table_new (NULL, NULL);
  gboolean dated = f && (f->from || f->to);

  if (f == NULL || (!dated && f->person == NULL))
    {
      for (guint i = 0; i < v->all->len; i++)
        g_hash_table_add (v->kept, v->all->pdata[i]);
      return TRUE;
    }
  if ((f->from && !ng_view_date_span (f->from, &from, &junk1))
      || (f->to && !ng_view_date_span (f->to, &junk2, &to)))
    {
      g_set_error (error, NG_EXPORT_ERROR, NG_EXPORT_ERROR_FILTER,
                   "“%s” is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                   f->from && from == NULL ? f->from : f->to);
      return FALSE;
    }
  if (f->person)
    {
      for (guint i = 0; i < v->all->len; i++)
        {
          NgViewEntity *e = v->all->pdata[i];
          if (e->kind == NG_VIEW_KIND_PERSON && person_matches (e, f->person))
            g_hash_table_add (ego, e), keep (v->kept, e);
        }
      if (g_hash_table_size (ego) == 0)
        {
          g_set_error (error, NG_EXPORT_ERROR, NG_EXPORT_ERROR_FILTER,
                       "no person called “%s” in the graph", f->person);
          return FALSE;
        }
    }

  /* the events first: the filter selects meetings, sanction events and the
     regimes they act on; the entities they link come along below */
  for (guint i = 0; i < v->all->len; i++)
    {
      NgViewEntity *e = v->all->pdata[i];
      gboolean in = FALSE;

      if (e->kind == NG_VIEW_KIND_MEETING)
        {
          g_autofree char *first = NULL, *last = NULL;
          in = !dated || (ng_view_date_span (e->date, &first, &last)
                          && (from == NULL || strcmp (last, from) >= 0)
                          && (to == NULL || strcmp (first, to) <= 0));
          if (in && f->person)
            {
              in = FALSE;
              for (guint j = 0; j < e->attendees->len; j++)
                in = in || g_hash_table_contains (ego, e->attendees->pdata[j]);
            }
        }
      else if (e->kind == NG_VIEW_KIND_SANCTION_EVENT)
        in = f->person == NULL || g_hash_table_contains (ego, e->actor);
      else if (e->kind == NG_VIEW_KIND_SANCTION)
        in = f->person == NULL || g_hash_table_contains (ego, e->target)
             || g_hash_table_contains (ego, e->imposer);
      if (in)
        keep (v->kept, e);
    }
  for (guint i = 0; i < v->all->len; i++)
    {
      NgViewEntity *e = v->all->pdata[i];
      if (e->kind == NG_VIEW_KIND_SANCTION_EVENT && g_hash_table_contains (v->kept, e))
        keep (v->kept, e->sanction), keep (v->kept, e->actor);
    }
  for (guint i = 0; i < v->all->len; i++)
    {
      NgViewEntity *e = v->all->pdata[i];
      if (!g_hash_table_contains (v->kept, e))
        continue;
      for (guint j = 0; j < e->attendees->len; j++)
        keep (v->kept, e->attendees->pdata[j]);
      keep (v->kept, e->place);
      keep (v->kept, e->target);
      keep (v->kept, e->imposer);
    }
  return TRUE;
}

NgView *
ng_view_load (librdf_model *model, const NgViewFilter *filter, GError **error)
{
  g_autoptr (NgView) v = g_new0 (NgView, 1);

  g_return_val_if_fail (model != NULL, NULL);
  v->all = g_ptr_array_new_with_free_func ((GDestroyNotify) entity_free);
  v->articles = g_ptr_array_new_with_free_func ((GDestroyNotify) article_free);
  v->sentences = g_ptr_array_new_with_free_func ((GDestroyNotify) sentence_free);
  v->entity_by_iri = g_hash_table_new (g_str_hash, g_str_equal);
  v->article_by_iri = g_hash_table_new (g_str_hash, g_str_equal);
  v->sentence_by_iri = g_hash_table_new (g_str_hash, g_str_equal);
  v->kept = g_hash_table_new (NULL, NULL);

  if (!read_model (v, model, error))
    return NULL;
  g_ptr_array_sort (v->all, cmp_entity);
  g_ptr_array_sort (v->articles, cmp_article);
  for (guint i = 0; i < v->all->len; i++)
    {
      NgViewEntity *e = v->all->pdata[i];
      g_ptr_array_sort (e->alt_names, cmp_str);
      g_ptr_array_sort (e->articles, cmp_article);
      g_ptr_array_sort (e->evidence, cmp_sentence);
      g_ptr_array_sort (e->attendees, cmp_entity_name);
    }
  if (!apply_filter (v, filter, error))
    return NULL;
  for (int k = 0; k < NG_VIEW_N_KINDS; k++)
    v->kinds[k] = g_ptr_array_new ();
  for (guint i = 0; i < v->all->len; i++)
    {
      NgViewEntity *e = v->all->pdata[i];
      if (g_hash_table_contains (v->kept, e))
        g_ptr_array_add (v->kinds[e->kind], e);
    }
  return g_steal_pointer (&v);
}
