/* merge.c — the merged graph.
 *
 * Rules (also in the README):
 * - persons, places and organisations have canonical IRIs (Wikidata id, else
 *   the normalised name), so they merge by IRI; the most frequent name
 *   becomes schema:name, other names and surface forms schema:alternateName;
 * - meeting mentions are the same meeting when they share two participants
 *   (one, when either names only one),
 *   their dates are compatible (a month contains its days; no date fits any)
 *   and their places are compatible (the same place, one inside the other, or
 *   one missing).  Mentions are clustered in a fixed order (most participants
 *   and most precise date first, then IRI), so the result does not depend on
 *   the order of the articles.  A mention that fits several meetings joins
 *   the one sharing most participants; a one-person mention that fits none is
 *   kept only when it reports a held meeting.  The merged node takes the most
 *   precise date and the most specific place, and keeps the status history
 *   (one ng:StatusReport per article, in date order): held once any article
 *   reports it held, else what the latest article says;
 * - sanction regimes merge on (target, imposer); a mention without imposer
 *   joins the regime of the same target when there is exactly one;
 * - sanction events merge on (actor, action, regime). */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "nieuwsgraaf/date.h"
#include "nieuwsgraaf/merge.h"
#include "nieuwsgraaf/vocab.h"
#include "rdf-util.h"

/* ------------------------------------------------ reading article graphs */

typedef struct {
  char *iri;
  GHashTable *types;        /* IRI set */
  GHashTable *names;        /* name -> count */
  GHashTable *alt;          /* surface forms */
  GHashTable *articles;     /* article IRI set */
  GHashTable *same_as;
  char *lat, *lon, *contained_in;
  guint mentions;
} Entity;

typedef struct {
  char *iri;                /* the mention node */
  char *article;
  char *sentence;
  GPtrArray *participants;  /* IRIs (char*) */
  NgDate date;
  char *place;
  char *status;
  char *target, *imposer, *actor, *action;
} Event;

typedef struct {
  char *iri;
  char *title, *date, *date_type, *source;
} Article;

typedef struct {
  char *iri;
  char *article;
  char *text;
  char *index, *byte_offset, *char_offset;
} Sentence;

typedef struct {
  librdf_world *world;
  GHashTable *entities;     /* IRI -> Entity */
  GPtrArray *meetings;      /* Event* */
  GPtrArray *sanctions;     /* Event* */
  GHashTable *articles;     /* IRI -> Article */
  GHashTable *sentences;    /* IRI -> Sentence */
} Merge;

static GHashTable *
str_set (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
entity_free (gpointer p)
{
  Entity *e = p;
  g_free (e->iri);
  g_hash_table_unref (e->types);
  g_hash_table_unref (e->names);
  g_hash_table_unref (e->alt);
  g_hash_table_unref (e->articles);
  g_hash_table_unref (e->same_as);
  g_free (e->lat);
  g_free (e->lon);
  g_free (e->contained_in);
  g_free (e);
}

static void
event_free (gpointer p)
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
  g_free (e);
}

static void
article_free (gpointer p)
{
  Article *a = p;
  g_free (a->iri);
  g_free (a->title);
  g_free (a->date);
  g_free (a->date_type);
  g_free (a->source);
  g_free (a);
}

static void
sentence_free (gpointer p)
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

static Entity *
entity_get (Merge *m, const char *iri)
{
  Entity *e = g_hash_table_lookup (m->entities, iri);
  if (e == NULL)
    {
      e = g_new0 (Entity, 1);
      e->iri = g_strdup (iri);
      e->types = str_set ();
      e->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      e->alt = str_set ();
      e->articles = str_set ();
      e->same_as = str_set ();
      g_hash_table_insert (m->entities, e->iri, e);
    }
  return e;
}

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

static char *
dup_literal (GPtrArray *pairs, const char *p)
{
  return g_strdup (ng_node_literal (first_node (pairs, p)));
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

static void
read_event (Merge *m, const char *subject, GPtrArray *pairs, const char *article,
            GPtrArray *into)
{
  Event *e = g_new0 (Event, 1);
  librdf_node *d;
  e->iri = g_strdup (subject);
  e->article = g_strdup (article);
  e->participants = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *x = pairs->pdata[i];
      if (strcmp (x->p, NG_PARTICIPANT) == 0 && ng_node_iri (x->o))
        g_ptr_array_add (e->participants, g_strdup (ng_node_iri (x->o)));
    }
  g_ptr_array_sort (e->participants, (GCompareFunc) g_strcmp0);
  e->sentence = g_strdup (first_iri (pairs, NG_IN_SENTENCE));
  e->place = g_strdup (first_iri (pairs, NG_MENTION_PLACE));
  e->status = g_strdup (first_iri (pairs, NG_STATUS));
  e->target = g_strdup (first_iri (pairs, NG_TARGET));
  e->imposer = g_strdup (first_iri (pairs, NG_IMPOSER));
  e->actor = g_strdup (first_iri (pairs, NG_ACTOR));
  e->action = g_strdup (first_iri (pairs, NG_ACTION));
  d = first_node (pairs, NG_MENTION_DATE);
  if (d == NULL || !ng_date_parse (ng_node_literal (d) ? ng_node_literal (d) : "",
                                   &e->date, NULL))
    e->date.precision = NG_DATE_NONE;
  g_ptr_array_add (into, e);
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

/* Reads what one article graph says (SUBJECTS, from the graph ARTICLE). */
static void
process_article (Merge *m, GHashTable *subjects, const char *article)
{
  GHashTableIter it;
  gpointer key, value;

  g_hash_table_iter_init (&it, subjects);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      const char *subject = key;
      GPtrArray *pairs = value;

      if (has_type (pairs, NG_ARTICLE))
        {
          Article *a = g_new0 (Article, 1);
          librdf_node *d = first_node (pairs, NG_DCT_DATE);
          a->iri = g_strdup (subject);
          a->title = dup_literal (pairs, NG_DCT_TITLE);
          a->source = dup_literal (pairs, NG_SOURCE_FILE);
          a->date = g_strdup (ng_node_literal (d));
          a->date_type = g_strdup (ng_node_datatype (d));
          g_hash_table_replace (m->articles, a->iri, a);
        }
      else if (has_type (pairs, NG_SENTENCE))
        {
          Sentence *s = g_new0 (Sentence, 1);
          s->iri = g_strdup (subject);
          s->article = g_strdup (article);
          s->text = dup_literal (pairs, NG_TEXT);
          s->index = dup_literal (pairs, NG_SENTENCE_INDEX);
          s->byte_offset = dup_literal (pairs, NG_BYTE_OFFSET);
          s->char_offset = dup_literal (pairs, NG_CHAR_OFFSET);
          g_hash_table_replace (m->sentences, s->iri, s);
        }
      else if (has_type (pairs, NG_MEETING_MENTION))
        read_event (m, subject, pairs, article, m->meetings);
      else if (has_type (pairs, NG_SANCTION_MENTION))
        read_event (m, subject, pairs, article, m->sanctions);
      else if (has_type (pairs, NG_ENTITY_MENTION))
        {
          const char *ref = first_iri (pairs, NG_REFERS_TO);
          const char *surface = ng_node_literal (first_node (pairs, NG_SURFACE_FORM));
          gboolean role = first_node (pairs, NG_TRIGGER) != NULL;
          if (ref)
            {
              Entity *e = entity_get (m, ref);
              e->mentions++;
              g_hash_table_add (e->articles, g_strdup (article));
              /* role phrases ("de Amerikaanse president") are not names */
              if (surface && !role)
                g_hash_table_add (e->alt, g_strdup (surface));
            }
        }
      else if (has_type (pairs, NG_SCHEMA_PERSON) || has_type (pairs, NG_SCHEMA_PLACE)
               || has_type (pairs, NG_SCHEMA_ORGANIZATION))
        {
          Entity *e = entity_get (m, subject);
          for (guint i = 0; i < pairs->len; i++)
            {
              Pair *x = pairs->pdata[i];
              if (strcmp (x->p, NG_RDF_TYPE) == 0 && ng_node_iri (x->o))
                g_hash_table_add (e->types, g_strdup (ng_node_iri (x->o)));
              else if (strcmp (x->p, NG_SCHEMA_NAME) == 0 && ng_node_literal (x->o))
                {
                  const char *n = ng_node_literal (x->o);
                  guint c = GPOINTER_TO_UINT (g_hash_table_lookup (e->names, n));
                  g_hash_table_replace (e->names, g_strdup (n), GUINT_TO_POINTER (c + 1));
                }
              else if (strcmp (x->p, NG_OWL_SAME_AS) == 0 && ng_node_iri (x->o))
                g_hash_table_add (e->same_as, g_strdup (ng_node_iri (x->o)));
              else if (strcmp (x->p, NG_SCHEMA_LATITUDE) == 0 && !e->lat)
                e->lat = g_strdup (ng_node_literal (x->o));
              else if (strcmp (x->p, NG_SCHEMA_LONGITUDE) == 0 && !e->lon)
                e->lon = g_strdup (ng_node_literal (x->o));
              else if (strcmp (x->p, NG_SCHEMA_CONTAINED_IN) == 0 && !e->contained_in)
                e->contained_in = g_strdup (ng_node_iri (x->o));
            }
        }
    }
}

/* ------------------------------------------------------------ clustering */

typedef struct {
  guint index;          /* creation order */
  GPtrArray *members;   /* Event* (borrowed) */
  GHashTable *participants;
  char *iri;
} Cluster;

static void
cluster_free (gpointer p)
{
  Cluster *c = p;
  g_ptr_array_unref (c->members);
  g_hash_table_unref (c->participants);
  g_free (c->iri);
  g_free (c);
}

static int
event_order (gconstpointer a, gconstpointer b)
{
  const Event *x = *(Event * const *) a, *y = *(Event * const *) b;
  if (x->participants->len != y->participants->len)
    return x->participants->len > y->participants->len ? -1 : 1;
  if (x->date.precision != y->date.precision)
    return x->date.precision > y->date.precision ? -1 : 1;
  return strcmp (x->iri, y->iri);
}

static gboolean
place_inside (Merge *m, const char *inner, const char *outer)
{
  for (int depth = 0; inner && depth < 4; depth++)
    {
      Entity *e = g_hash_table_lookup (m->entities, inner);
      if (e == NULL || e->contained_in == NULL)
        return FALSE;
      if (strcmp (e->contained_in, outer) == 0)
        return TRUE;
      inner = e->contained_in;
    }
  return FALSE;
}

static gboolean
places_compatible (Merge *m, const char *a, const char *b)
{
  if (a == NULL || b == NULL || strcmp (a, b) == 0)
    return TRUE;
  return place_inside (m, a, b) || place_inside (m, b, a);
}

static guint
overlap (const Cluster *c, const Event *e)
{
  guint n = 0;
  for (guint i = 0; i < e->participants->len; i++)
    if (g_hash_table_contains (c->participants, e->participants->pdata[i]))
      n++;
  return n;
}

/* Mentions that both name two or more participants must share two of them:
 * one shared person is not enough to make two summits one. */
static gboolean
fits (Merge *m, const Cluster *c, const Event *e)
{
  guint need = MIN (2, MIN (e->participants->len, g_hash_table_size (c->participants)));
  if (need == 0 || overlap (c, e) < need)
    return FALSE;
  for (guint i = 0; i < c->members->len; i++)
    {
      const Event *o = c->members->pdata[i];
      if (!ng_date_compatible (&o->date, &e->date)
          || !places_compatible (m, o->place, e->place))
        return FALSE;
    }
  return TRUE;
}

static int
cluster_index_order (gconstpointer a, gconstpointer b)
{
  const Cluster *x = *(Cluster * const *) a, *y = *(Cluster * const *) b;
  return x->index < y->index ? -1 : x->index > y->index;
}

static GPtrArray *
cluster_meetings (Merge *m)
{
  GPtrArray *clusters = g_ptr_array_new_with_free_func (cluster_free);
  /* participant IRI -> clusters having them, so that each mention is only
     compared with the meetings of its own participants */
  g_autoptr (GHashTable) by_person = g_hash_table_new_full (
      g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);

  g_ptr_array_sort (m->meetings, event_order);
  for (guint i = 0; i < m->meetings->len; i++)
    {
      Event *e = m->meetings->pdata[i];
      g_autoptr (GPtrArray) candidates = g_ptr_array_new ();
      g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
      Cluster *best = NULL;
      guint best_overlap = 0;

      for (guint k = 0; k < e->participants->len; k++)
        {
          GPtrArray *list = g_hash_table_lookup (by_person, e->participants->pdata[k]);
          for (guint q = 0; list && q < list->len; q++)
            if (g_hash_table_add (seen, list->pdata[q]))
              g_ptr_array_add (candidates, list->pdata[q]);
        }
      /* in creation order, so that ties go the same way whatever the index */
      g_ptr_array_sort (candidates, cluster_index_order);
      for (guint k = 0; k < candidates->len; k++)
        {
          Cluster *c = candidates->pdata[k];
          guint o = overlap (c, e);
          if (o > best_overlap && fits (m, c, e))
            best = c, best_overlap = o;
        }
      /* a lone participant that fits no meeting is a meeting of its own only
         when the article says it took place */
      if (best == NULL && e->participants->len < 2 && g_strcmp0 (e->status, NG_HELD) != 0)
        continue;
      if (best == NULL)
        {
          GChecksum *sum = g_checksum_new (G_CHECKSUM_SHA256);
          best = g_new0 (Cluster, 1);
          best->index = clusters->len;
          best->members = g_ptr_array_new ();
          best->participants = g_hash_table_new (g_str_hash, g_str_equal);
          g_checksum_update (sum, (const guchar *) e->iri, -1);
          best->iri = g_strdup_printf (NG_ID_BASE "meeting/%.16s",
                                       g_checksum_get_string (sum));
          g_checksum_free (sum);
          g_ptr_array_add (clusters, best);
        }
      g_ptr_array_add (best->members, e);
      for (guint k = 0; k < e->participants->len; k++)
        {
          char *p = e->participants->pdata[k];
          GPtrArray *list;
          if (!g_hash_table_add (best->participants, p))
            continue;
          list = g_hash_table_lookup (by_person, p);
          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (by_person, p, list);
            }
          g_ptr_array_add (list, best);
        }
    }
  return clusters;
}

/* ---------------------------------------------------------------- output */

static int
str_cmp (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Keys of a set, sorted (so output order is stable). */
static GPtrArray *
sorted_keys (GHashTable *set)
{
  GPtrArray *a = g_ptr_array_new ();
  GHashTableIter it;
  gpointer k;
  g_hash_table_iter_init (&it, set);
  while (g_hash_table_iter_next (&it, &k, NULL))
    g_ptr_array_add (a, k);
  g_ptr_array_sort (a, str_cmp);
  return a;
}

static void
write_provenance (NgWriter *w, const char *node, GHashTable *articles, guint count)
{
  g_autoptr (GPtrArray) arts = sorted_keys (articles);
  for (guint i = 0; i < arts->len; i++)
    ng_write_uri (w, node, NG_PROV_DERIVED_FROM, arts->pdata[i]);
  ng_write_int (w, node, NG_MENTION_COUNT, count);
}

static void
write_entities (Merge *m, NgWriter *w)
{
  g_autoptr (GPtrArray) iris = sorted_keys (m->entities);
  for (guint i = 0; i < iris->len; i++)
    {
      Entity *e = g_hash_table_lookup (m->entities, iris->pdata[i]);
      g_autoptr (GPtrArray) types = sorted_keys (e->types);
      g_autoptr (GPtrArray) names = sorted_keys (e->names);
      g_autoptr (GPtrArray) alts = sorted_keys (e->alt);
      g_autoptr (GPtrArray) same = sorted_keys (e->same_as);
      const char *name = NULL;
      guint best = 0;

      if (names->len == 0)
        continue;  /* referenced only, never described: not a node */
      for (guint k = 0; k < names->len; k++)
        {
          guint c = GPOINTER_TO_UINT (g_hash_table_lookup (e->names, names->pdata[k]));
          if (c > best || (c == best && strlen (names->pdata[k]) > strlen (name)))
            name = names->pdata[k], best = c;
        }
      for (guint k = 0; k < types->len; k++)
        ng_write_uri (w, e->iri, NG_RDF_TYPE, types->pdata[k]);
      ng_write_literal (w, e->iri, NG_SCHEMA_NAME, name, NULL);
      for (guint k = 0; k < names->len; k++)
        if (strcmp (names->pdata[k], name) != 0)
          ng_write_literal (w, e->iri, NG_SCHEMA_ALTERNATE_NAME, names->pdata[k], NULL);
      for (guint k = 0; k < alts->len; k++)
        if (strcmp (alts->pdata[k], name) != 0 && !g_hash_table_contains (e->names, alts->pdata[k]))
          ng_write_literal (w, e->iri, NG_SCHEMA_ALTERNATE_NAME, alts->pdata[k], NULL);
      for (guint k = 0; k < same->len; k++)
        ng_write_uri (w, e->iri, NG_OWL_SAME_AS, same->pdata[k]);
      if (e->lat && e->lon)
        {
          ng_write_literal (w, e->iri, NG_SCHEMA_LATITUDE, e->lat, NG_XSD_DECIMAL);
          ng_write_literal (w, e->iri, NG_SCHEMA_LONGITUDE, e->lon, NG_XSD_DECIMAL);
        }
      /* link to the containing place only when that place is in the graph */
      if (e->contained_in)
        {
          Entity *c = g_hash_table_lookup (m->entities, e->contained_in);
          if (c && g_hash_table_size (c->names) > 0)
            ng_write_uri (w, e->iri, NG_SCHEMA_CONTAINED_IN, e->contained_in);
        }
      write_provenance (w, e->iri, e->articles, e->mentions);
    }
}

/* Within one article, held outranks cancelled outranks planned: an article
 * that reports the meeting held and also recalls that it was once planned
 * reports it held. */
static int
status_rank (const char *status)
{
  if (g_strcmp0 (status, NG_HELD) == 0)
    return 3;
  if (g_strcmp0 (status, NG_CANCELLED) == 0)
    return 2;
  if (g_strcmp0 (status, NG_PLANNED) == 0)
    return 1;
  return 0;
}

typedef struct {
  const char *article;
  const char *status;
  NgDate date;   /* the article's date; NONE sorts first */
} Report;

static int
report_order (gconstpointer a, gconstpointer b)
{
  const Report *x = a, *y = b;
  int c = ng_date_compare (&x->date, &y->date);
  return c ? c : strcmp (x->article, y->article);
}

/* The status history: one ng:StatusReport per article, in date order; the
 * meeting's status is held once any article reports it held, otherwise what
 * the latest article says. */
static const char *
write_status_history (Merge *m, NgWriter *w, const char *meeting, GPtrArray *members)
{
  g_autoptr (GHashTable) by_article = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GArray) reports = g_array_new (FALSE, TRUE, sizeof (Report));
  const char *status = NULL;
  GHashTableIter it;
  gpointer k, v;

  for (guint i = 0; i < members->len; i++)
    {
      Event *e = members->pdata[i];
      const char *have = g_hash_table_lookup (by_article, e->article);
      if (e->status && status_rank (e->status) > status_rank (have))
        g_hash_table_insert (by_article, e->article, e->status);
    }
  g_hash_table_iter_init (&it, by_article);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      Article *a = g_hash_table_lookup (m->articles, k);
      Report r = { k, v, { 0, 0, 0, NG_DATE_NONE } };
      if (a && a->date)
        ng_date_parse (a->date, &r.date, NULL);
      g_array_append_val (reports, r);
    }
  g_array_sort (reports, report_order);
  for (guint i = 0; i < reports->len; i++)
    {
      Report *r = &g_array_index (reports, Report, i);
      const char *tail = strrchr (r->article, '/');
      g_autofree char *node = g_strdup_printf ("%s/status/%s", meeting,
                                               tail ? tail + 1 : r->article);
      ng_write_uri (w, meeting, NG_STATUS_REPORT_P, node);
      ng_write_uri (w, node, NG_RDF_TYPE, NG_STATUS_REPORT);
      ng_write_uri (w, node, NG_STATUS, r->status);
      ng_write_uri (w, node, NG_PROV_DERIVED_FROM, r->article);
      if (r->date.precision != NG_DATE_NONE)
        {
          g_autofree char *d = ng_date_to_string (&r->date);
          ng_write_literal (w, node, NG_DCT_DATE, d, ng_date_xsd_type (&r->date));
        }
      if (g_strcmp0 (status, NG_HELD) != 0)
        status = r->status;
      if (g_strcmp0 (r->status, NG_HELD) == 0)
        status = NG_HELD;
    }
  return status;
}

static void
write_evidence (Merge *m, NgWriter *w, const char *node, GHashTable *sentences)
{
  g_autoptr (GPtrArray) list = sorted_keys (sentences);
  for (guint i = 0; i < list->len; i++)
    ng_write_uri (w, node, NG_EVIDENCE, list->pdata[i]);
}

static void
write_meetings (Merge *m, NgWriter *w, GHashTable *used_sentences)
{
  g_autoptr (GPtrArray) clusters = cluster_meetings (m);
  for (guint i = 0; i < clusters->len; i++)
    {
      Cluster *c = clusters->pdata[i];
      g_autoptr (GHashTable) arts = str_set ();
      g_autoptr (GHashTable) sents = str_set ();
      g_autoptr (GPtrArray) parts = sorted_keys (c->participants);
      const NgDate *date = NULL;
      const char *place = NULL, *status;

      for (guint k = 0; k < c->members->len; k++)
        {
          Event *e = c->members->pdata[k];
          g_hash_table_add (arts, g_strdup (e->article));
          if (e->sentence)
            {
              g_hash_table_add (sents, g_strdup (e->sentence));
              g_hash_table_add (used_sentences, g_strdup (e->sentence));
            }
          if (e->date.precision != NG_DATE_NONE
              && (date == NULL || e->date.precision > date->precision))
            date = &e->date;
          if (e->place && (place == NULL || place_inside (m, e->place, place)))
            place = e->place;
        }
      ng_write_uri (w, c->iri, NG_RDF_TYPE, NG_MEETING);
      for (guint k = 0; k < parts->len; k++)
        ng_write_uri (w, c->iri, NG_SCHEMA_ATTENDEE, parts->pdata[k]);
      if (date)
        {
          g_autofree char *v = ng_date_to_string (date);
          ng_write_literal (w, c->iri, NG_SCHEMA_START_DATE, v, ng_date_xsd_type (date));
        }
      if (place)
        ng_write_uri (w, c->iri, NG_SCHEMA_LOCATION, place);
      status = write_status_history (m, w, c->iri, c->members);
      if (status)
        ng_write_uri (w, c->iri, NG_STATUS, status);
      write_evidence (m, w, c->iri, sents);
      write_provenance (w, c->iri, arts, c->members->len);
    }
}

static char *
hash_iri (const char *kind, const char *a, const char *b, const char *c)
{
  GChecksum *sum = g_checksum_new (G_CHECKSUM_SHA256);
  char *iri;
  g_checksum_update (sum, (const guchar *) (a ? a : ""), -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) (b ? b : ""), -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) (c ? c : ""), -1);
  iri = g_strdup_printf (NG_ID_BASE "%s/%.16s", kind, g_checksum_get_string (sum));
  g_checksum_free (sum);
  return iri;
}

typedef struct {
  char *iri;
  char *a, *b, *c;          /* key parts */
  GHashTable *articles, *sentences;
  guint count;
} Group;

static void
group_free (gpointer p)
{
  Group *g = p;
  g_free (g->iri);
  g_free (g->a);
  g_free (g->b);
  g_free (g->c);
  g_hash_table_unref (g->articles);
  g_hash_table_unref (g->sentences);
  g_free (g);
}

static Group *
group_get (GHashTable *groups, const char *kind, const char *a, const char *b,
           const char *c)
{
  g_autofree char *iri = hash_iri (kind, a, b, c);
  Group *g = g_hash_table_lookup (groups, iri);
  if (g == NULL)
    {
      g = g_new0 (Group, 1);
      g->iri = g_steal_pointer (&iri);
      g->a = g_strdup (a);
      g->b = g_strdup (b);
      g->c = g_strdup (c);
      g->articles = str_set ();
      g->sentences = str_set ();
      g_hash_table_insert (groups, g->iri, g);
    }
  return g;
}

static void
group_add (Group *g, const Event *e, GHashTable *used_sentences)
{
  g->count++;
  g_hash_table_add (g->articles, g_strdup (e->article));
  if (e->sentence)
    {
      g_hash_table_add (g->sentences, g_strdup (e->sentence));
      g_hash_table_add (used_sentences, g_strdup (e->sentence));
    }
}

static void
write_sanctions (Merge *m, NgWriter *w, GHashTable *used_sentences)
{
  g_autoptr (GHashTable) regimes = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                          NULL, group_free);
  g_autoptr (GHashTable) events = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                         NULL, group_free);
  g_autoptr (GHashTable) imposers_of = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                              g_free,
                                                              (GDestroyNotify) g_hash_table_unref);

  /* which imposers each target has, to place mentions that name none */
  for (guint i = 0; i < m->sanctions->len; i++)
    {
      Event *e = m->sanctions->pdata[i];
      GHashTable *set;
      if (e->target == NULL || e->imposer == NULL)
        continue;
      set = g_hash_table_lookup (imposers_of, e->target);
      if (set == NULL)
        {
          set = str_set ();
          g_hash_table_insert (imposers_of, g_strdup (e->target), set);
        }
      g_hash_table_add (set, g_strdup (e->imposer));
    }

  for (guint i = 0; i < m->sanctions->len; i++)
    {
      Event *e = m->sanctions->pdata[i];
      const char *imposer = e->imposer;
      Group *r;
      if (e->target == NULL)
        continue;
      if (imposer == NULL)
        {
          GHashTable *set = g_hash_table_lookup (imposers_of, e->target);
          if (set && g_hash_table_size (set) == 1)
            {
              GHashTableIter it;
              gpointer k;
              g_hash_table_iter_init (&it, set);
              g_hash_table_iter_next (&it, &k, NULL);
              imposer = k;
            }
        }
      r = group_get (regimes, "sanction", e->target, imposer, NULL);
      group_add (r, e, used_sentences);
      if (e->actor && e->action)
        group_add (group_get (events, "sanction-event", e->actor, e->action, r->iri),
                   e, used_sentences);
    }

  {
    g_autoptr (GPtrArray) keys = sorted_keys (regimes);
    for (guint i = 0; i < keys->len; i++)
      {
        Group *g = g_hash_table_lookup (regimes, keys->pdata[i]);
        ng_write_uri (w, g->iri, NG_RDF_TYPE, NG_SANCTION);
        ng_write_uri (w, g->iri, NG_TARGET, g->a);
        if (g->b)
          ng_write_uri (w, g->iri, NG_IMPOSER, g->b);
        write_evidence (m, w, g->iri, g->sentences);
        write_provenance (w, g->iri, g->articles, g->count);
      }
  }
  {
    g_autoptr (GPtrArray) keys = sorted_keys (events);
    for (guint i = 0; i < keys->len; i++)
      {
        Group *g = g_hash_table_lookup (events, keys->pdata[i]);
        ng_write_uri (w, g->iri, NG_RDF_TYPE, NG_SANCTION_EVENT);
        ng_write_uri (w, g->iri, NG_ACTOR, g->a);
        ng_write_uri (w, g->iri, NG_ACTION, g->b);
        ng_write_uri (w, g->iri, NG_SANCTION_P, g->c);
        write_evidence (m, w, g->iri, g->sentences);
        write_provenance (w, g->iri, g->articles, g->count);
      }
  }
}

static void
write_articles (Merge *m, NgWriter *w, GHashTable *used_sentences)
{
  g_autoptr (GPtrArray) arts = sorted_keys (m->articles);
  g_autoptr (GPtrArray) sents = sorted_keys (used_sentences);
  for (guint i = 0; i < arts->len; i++)
    {
      Article *a = g_hash_table_lookup (m->articles, arts->pdata[i]);
      ng_write_uri (w, a->iri, NG_RDF_TYPE, NG_ARTICLE);
      if (a->title)
        ng_write_literal (w, a->iri, NG_DCT_TITLE, a->title, NULL);
      if (a->source)
        ng_write_literal (w, a->iri, NG_SOURCE_FILE, a->source, NULL);
      if (a->date)
        ng_write_literal (w, a->iri, NG_DCT_DATE, a->date, a->date_type);
    }
  for (guint i = 0; i < sents->len; i++)
    {
      Sentence *s = g_hash_table_lookup (m->sentences, sents->pdata[i]);
      if (s == NULL)
        continue;
      ng_write_uri (w, s->iri, NG_RDF_TYPE, NG_SENTENCE);
      ng_write_uri (w, s->iri, NG_IN_ARTICLE, s->article);
      if (s->text)
        ng_write_literal (w, s->iri, NG_TEXT, s->text, NULL);
      if (s->index)
        ng_write_literal (w, s->iri, NG_SENTENCE_INDEX, s->index, NG_XSD_INTEGER);
      if (s->byte_offset)
        ng_write_literal (w, s->iri, NG_BYTE_OFFSET, s->byte_offset, NG_XSD_INTEGER);
      if (s->char_offset)
        ng_write_literal (w, s->iri, NG_CHAR_OFFSET, s->char_offset, NG_XSD_INTEGER);
    }
}

struct NgMerge
{
  Merge m;
};

NgMerge *
ng_merge_new (librdf_world *world)
{
  NgMerge *nm = g_new0 (NgMerge, 1);
  nm->m.world = world;
  nm->m.entities = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entity_free);
  nm->m.meetings = g_ptr_array_new_with_free_func (event_free);
  nm->m.sanctions = g_ptr_array_new_with_free_func (event_free);
  nm->m.articles = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, article_free);
  nm->m.sentences = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, sentence_free);
  return nm;
}

void
ng_merge_free (NgMerge *nm)
{
  if (nm == NULL)
    return;
  g_hash_table_unref (nm->m.entities);
  g_ptr_array_unref (nm->m.meetings);
  g_ptr_array_unref (nm->m.sanctions);
  g_hash_table_unref (nm->m.articles);
  g_hash_table_unref (nm->m.sentences);
  g_free (nm);
}

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

gboolean
ng_merge_add_nquads (NgMerge *nm, const char *name, const char *text,
                     GError **error)
{
  raptor_world *rw = librdf_world_get_raptor (nm->m.world);
  raptor_parser *p = raptor_new_parser (rw, "nquads");
  raptor_uri *base = raptor_new_uri (rw, (const unsigned char *) NG_ID_BASE);
  ParseState ps = { new_subjects (), NULL, FALSE };
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
    process_article (&nm->m, ps.subjects, ps.graph);
  g_hash_table_unref (ps.subjects);
  g_free (ps.graph);
  return ok && !ps.mixed;
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
        process_article (&nm->m, subjects, ng_node_iri (ctx));
      librdf_iterator_next (ctxs);
    }
}

gboolean
ng_merge_write (NgMerge *nm, librdf_model *out, GError **error)
{
  Merge *m = &nm->m;
  NgWriter w = { m->world, out, NULL, FALSE };
  g_autoptr (GHashTable) used_sentences = str_set ();

  write_entities (m, &w);
  write_meetings (m, &w, used_sentences);
  write_sanctions (m, &w, used_sentences);
  write_articles (m, &w, used_sentences);
  if (w.failed)
    {
      g_autofree char *why = ng_rdf_take_error ();
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "could not write the merged graph%s%s", why ? ": " : "",
                   why ? why : "");
      return FALSE;
    }
  return TRUE;
}

gboolean
ng_merge (librdf_world *world, librdf_model *articles, librdf_model *out,
          GError **error)
{
  NgMerge *nm = ng_merge_new (world);
  gboolean ok;
  ng_merge_add_model (nm, articles);
  ok = ng_merge_write (nm, out, error);
  ng_merge_free (nm);
  return ok;
}
