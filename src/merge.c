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
 * - sanction events merge on (actor, action, regime).
 *
 * Every statement goes through the sink (merge-sink.c), one node at a time,
 * which touches the output model only for nodes that changed.  This file
 * merges everything it is given; the incremental merge (merge-incr.c)
 * gives it only what changed articles touch, through the per-node writers
 * below. */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "nieuwsgraaf/date.h"
#include "nieuwsgraaf/merge.h"
#include "nieuwsgraaf/vocab.h"
#include "merge-private.h"
#include "rdf-util.h"

static GHashTable *
str_set (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
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
  return ng_merge_event_order (*(Event * const *) a, *(Event * const *) b);
}

int
ng_merge_event_order (const Event *x, const Event *y)
{
  if (x->participants->len != y->participants->len)
    return x->participants->len > y->participants->len ? -1 : 1;
  if (x->date.precision != y->date.precision)
    return x->date.precision > y->date.precision ? -1 : 1;
  return strcmp (x->iri, y->iri);
}

Entity *
ng_merge_lookup_entity (Merge *m, const char *iri)
{
  Entity *e = g_hash_table_lookup (m->entities, iri);
  if (e == NULL && m->lookup_entity)
    e = m->lookup_entity (m->lookup_data, iri);
  return e;
}

static gboolean
place_inside (Merge *m, const char *inner, const char *outer)
{
  for (int depth = 0; inner && depth < 4; depth++)
    {
      Entity *e = ng_merge_lookup_entity (m, inner);
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

/* Mentions that both name two or more participants must share two of them
 * (OVERLAP: how many of E's participants C has): one shared person is not
 * enough to make two summits one. */
static gboolean
fits (Merge *m, const Cluster *c, const Event *e, guint overlap)
{
  guint need = MIN (2, MIN (e->participants->len, g_hash_table_size (c->participants)));
  if (need == 0 || overlap < need)
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

/* Whether clustering can put A and B in one meeting directly: a meeting a
 * mention joins always has a member that shares a participant with it and
 * whose date and place fit its own (fits above).  So the greedy pass gives
 * the same meetings when run on each connected set of this relation alone,
 * in the same order, which is what an incremental merge does. */
gboolean
ng_merge_events_linked (Merge *m, const Event *a, const Event *b)
{
  gboolean share = FALSE;
  for (guint i = 0; i < a->participants->len && !share; i++)
    for (guint k = 0; k < b->participants->len && !share; k++)
      share = strcmp (a->participants->pdata[i], b->participants->pdata[k]) == 0;
  return share && ng_merge_events_compatible (m, a, b);
}

gboolean
ng_merge_events_compatible (Merge *m, const Event *a, const Event *b)
{
  return ng_date_compatible (&a->date, &b->date) && places_compatible (m, a->place, b->place);
}

char *
ng_merge_meeting_iri (const char *founder)
{
  GChecksum *sum = g_checksum_new (G_CHECKSUM_SHA256);
  char *iri;
  g_checksum_update (sum, (const guchar *) founder, -1);
  iri = g_strdup_printf (NG_ID_BASE "meeting/%.16s", g_checksum_get_string (sum));
  g_checksum_free (sum);
  return iri;
}

/* Whether mention E, when it fits no meeting, founds one: with two
 * participants or more, or with one when the article says the meeting took
 * place (held, or failed). */
gboolean
ng_merge_founds_meeting (const Event *e)
{
  return e->participants->len >= 2 || g_strcmp0 (e->status, NG_HELD) == 0
         || g_strcmp0 (e->status, NG_FAILED) == 0;
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

  g_autoptr (GPtrArray) candidates = g_ptr_array_new ();
  /* cluster index -> participants shared with the mention at hand (zero
     between mentions) */
  g_autoptr (GArray) shared = g_array_new (FALSE, TRUE, sizeof (guint));

  g_ptr_array_sort (m->meetings, event_order);
  for (guint i = 0; i < m->meetings->len; i++)
    {
      Event *e = m->meetings->pdata[i];
      Cluster *best = NULL;
      guint best_overlap = 0;

      g_clear_pointer (&e->cluster, g_free);
      e->used = FALSE;

      /* the meetings of E's participants, each with how many of them it has
         (a cluster is listed once per participant it has) */
      g_ptr_array_set_size (candidates, 0);
      for (guint k = 0; k < e->participants->len; k++)
        {
          GPtrArray *list = g_hash_table_lookup (by_person, e->participants->pdata[k]);
          for (guint q = 0; list && q < list->len; q++)
            {
              Cluster *c = list->pdata[q];
              if (g_array_index (shared, guint, c->index)++ == 0)
                g_ptr_array_add (candidates, c);
            }
        }
      /* in creation order, so that ties go the same way whatever the index */
      g_ptr_array_sort (candidates, cluster_index_order);
      for (guint k = 0; k < candidates->len; k++)
        {
          Cluster *c = candidates->pdata[k];
          guint o = g_array_index (shared, guint, c->index);
          g_array_index (shared, guint, c->index) = 0;
          if (o > best_overlap && fits (m, c, e, o))
            best = c, best_overlap = o;
        }
      if (best == NULL && !ng_merge_founds_meeting (e))
        continue;
      if (best == NULL)
        {
          best = g_new0 (Cluster, 1);
          best->index = clusters->len;
          g_array_set_size (shared, clusters->len + 1);
          best->members = g_ptr_array_new ();
          best->participants = g_hash_table_new (g_str_hash, g_str_equal);
          best->iri = ng_merge_meeting_iri (e->iri);
          g_ptr_array_add (clusters, best);
        }
      g_ptr_array_add (best->members, e);
      /* the mention that founded the meeting names it */
      g_free (e->cluster);
      e->cluster = g_strdup (((Event *) best->members->pdata[0])->iri);
      e->used = TRUE;
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
write_provenance (Out *o, const char *node, GHashTable *articles, guint count)
{
  g_autoptr (GPtrArray) arts = sorted_keys (articles);
  for (guint i = 0; i < arts->len; i++)
    ng_out_uri (o, node, NG_PROV_DERIVED_FROM, arts->pdata[i]);
  ng_out_int (o, node, NG_MENTION_COUNT, count);
}

static void
write_entities (Merge *m, Out *o)
{
  g_autoptr (GPtrArray) iris = sorted_keys (m->entities);
  for (guint i = 0; i < iris->len; i++)
    ng_merge_write_entity (m, o, g_hash_table_lookup (m->entities, iris->pdata[i]));
}

void
ng_merge_write_entity (Merge *m, Out *o, Entity *e)
{
    {
      g_autoptr (GPtrArray) types = sorted_keys (e->types);
      g_autoptr (GPtrArray) names = sorted_keys (e->names);
      g_autoptr (GPtrArray) alts = sorted_keys (e->alt);
      g_autoptr (GPtrArray) same = sorted_keys (e->same_as);
      const char *name = NULL;
      guint best = 0;

      if (names->len == 0)
        return;  /* referenced only, never described: not a node */
      for (guint k = 0; k < names->len; k++)
        {
          guint c = GPOINTER_TO_UINT (g_hash_table_lookup (e->names, names->pdata[k]));
          if (c > best || (c == best && strlen (names->pdata[k]) > strlen (name)))
            name = names->pdata[k], best = c;
        }
      for (guint k = 0; k < types->len; k++)
        ng_out_uri (o, e->iri, NG_RDF_TYPE, types->pdata[k]);
      ng_out_literal (o, e->iri, NG_SCHEMA_NAME, name, NULL);
      for (guint k = 0; k < names->len; k++)
        if (strcmp (names->pdata[k], name) != 0)
          ng_out_literal (o, e->iri, NG_SCHEMA_ALTERNATE_NAME, names->pdata[k], NULL);
      for (guint k = 0; k < alts->len; k++)
        if (strcmp (alts->pdata[k], name) != 0 && !g_hash_table_contains (e->names, alts->pdata[k]))
          ng_out_literal (o, e->iri, NG_SCHEMA_ALTERNATE_NAME, alts->pdata[k], NULL);
      for (guint k = 0; k < same->len; k++)
        ng_out_uri (o, e->iri, NG_OWL_SAME_AS, same->pdata[k]);
      if (e->lat && e->lon)
        {
          ng_out_literal (o, e->iri, NG_SCHEMA_LATITUDE, e->lat, NG_XSD_DECIMAL);
          ng_out_literal (o, e->iri, NG_SCHEMA_LONGITUDE, e->lon, NG_XSD_DECIMAL);
        }
      /* link to the containing place only when that place is in the graph */
      if (e->contained_in)
        {
          Entity *c = ng_merge_lookup_entity (m, e->contained_in);
          if (c && g_hash_table_size (c->names) > 0)
            ng_out_uri (o, e->iri, NG_SCHEMA_CONTAINED_IN, e->contained_in);
        }
      if (e->partial)
        ng_out_int (o, e->iri, NG_MENTION_COUNT, e->mentions);  /* articles: a delta */
      else
        write_provenance (o, e->iri, e->articles, e->mentions);
      ng_out_flush (o);
    }
}

/* Within one article, held outranks cancelled outranks planned: an article
 * that reports the meeting held and also recalls that it was once planned
 * reports it held. */
static int
status_rank (const char *status)
{
  /* failed: took place, and says more than held */
  if (g_strcmp0 (status, NG_FAILED) == 0)
    return 4;
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
 * meeting's status is held once any article reports it held (failed once
 * any reports it failed), otherwise what the latest article says. */
static const char *
write_status_history (Merge *m, Out *o, const char *meeting, GPtrArray *members)
{
  g_autoptr (GHashTable) by_article = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GArray) reports = g_array_new (FALSE, TRUE, sizeof (Report));
  const char *status = NULL;
  GHashTableIter it;
  gpointer k, v;

  g_autoptr (GHashTable) dates = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < members->len; i++)
    {
      Event *e = members->pdata[i];
      const char *have = g_hash_table_lookup (by_article, e->article);
      if (e->status && status_rank (e->status) > status_rank (have))
        g_hash_table_insert (by_article, e->article, e->status);
      if (e->article_date)
        g_hash_table_insert (dates, e->article, e->article_date);
    }
  g_hash_table_iter_init (&it, by_article);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      /* the article's date: from its graph when the merge holds it, else
         as recorded with the mention (an incremental merge) */
      Article *a = g_hash_table_lookup (m->articles, k);
      const char *date = a ? a->date : g_hash_table_lookup (dates, k);
      Report r = { k, v, { 0, 0, 0, NG_DATE_NONE } };
      if (date)
        ng_date_parse (date, &r.date, NULL);
      g_array_append_val (reports, r);
    }
  g_array_sort (reports, report_order);
  for (guint i = 0; i < reports->len; i++)
    {
      Report *r = &g_array_index (reports, Report, i);
      const char *tail = strrchr (r->article, '/');
      g_autofree char *node = g_strdup_printf ("%s/status/%s", meeting,
                                               tail ? tail + 1 : r->article);
      ng_out_uri (o, meeting, NG_STATUS_REPORT_P, node);
      ng_out_uri (o, node, NG_RDF_TYPE, NG_STATUS_REPORT);
      ng_out_uri (o, node, NG_STATUS, r->status);
      ng_out_uri (o, node, NG_PROV_DERIVED_FROM, r->article);
      if (r->date.precision != NG_DATE_NONE)
        {
          g_autofree char *d = ng_date_to_string (&r->date);
          ng_out_literal (o, node, NG_DCT_DATE, d, ng_date_xsd_type (&r->date));
        }
      if (status_rank (status) < status_rank (NG_HELD)
          || status_rank (r->status) > status_rank (status))
        status = r->status;
    }
  return status;
}

static void
write_evidence (Merge *m, Out *o, const char *node, GHashTable *sentences)
{
  g_autoptr (GPtrArray) list = sorted_keys (sentences);
  for (guint i = 0; i < list->len; i++)
    ng_out_uri (o, node, NG_EVIDENCE, list->pdata[i]);
}

static void write_clusters (Merge *m, Out *o, GPtrArray *clusters,
                            GHashTable *used_sentences);

void
ng_merge_write_meetings (Merge *m, Out *o, GHashTable *used_sentences)
{
  g_autoptr (GPtrArray) clusters = cluster_meetings (m);
  write_clusters (m, o, clusters, used_sentences);
}

/* The meetings CLUSTERS (as cluster_meetings made them) written. */
static void
write_clusters (Merge *m, Out *o, GPtrArray *clusters, GHashTable *used_sentences)
{
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
      ng_out_uri (o, c->iri, NG_RDF_TYPE, NG_MEETING);
      for (guint k = 0; k < parts->len; k++)
        ng_out_uri (o, c->iri, NG_SCHEMA_ATTENDEE, parts->pdata[k]);
      if (date)
        {
          g_autofree char *v = ng_date_to_string (date);
          ng_out_literal (o, c->iri, NG_SCHEMA_START_DATE, v, ng_date_xsd_type (date));
        }
      if (place)
        ng_out_uri (o, c->iri, NG_SCHEMA_LOCATION, place);
      status = write_status_history (m, o, c->iri, c->members);
      if (status)
        ng_out_uri (o, c->iri, NG_STATUS, status);
      write_evidence (m, o, c->iri, sents);
      write_provenance (o, c->iri, arts, c->members->len);
      ng_out_flush (o);
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

/* Notes that NODE was written for the sanctions of TARGET. */
static void
target_node (Merge *m, const char *target, const char *node)
{
  GPtrArray *list;
  if (m->target_nodes == NULL)
    m->target_nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_ptr_array_unref);
  list = g_hash_table_lookup (m->target_nodes, target);
  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (m->target_nodes, g_strdup (target), list);
    }
  g_ptr_array_add (list, g_strdup (node));
}

void
ng_merge_write_sanctions (Merge *m, Out *o, GHashTable *used_sentences)
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
      e->used = e->target != NULL;
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
        target_node (m, g->a, g->iri);
        ng_out_uri (o, g->iri, NG_RDF_TYPE, NG_SANCTION);
        ng_out_uri (o, g->iri, NG_TARGET, g->a);
        if (g->b)
          ng_out_uri (o, g->iri, NG_IMPOSER, g->b);
        write_evidence (m, o, g->iri, g->sentences);
        write_provenance (o, g->iri, g->articles, g->count);
        ng_out_flush (o);
      }
  }
  {
    g_autoptr (GPtrArray) keys = sorted_keys (events);
    for (guint i = 0; i < keys->len; i++)
      {
        Group *g = g_hash_table_lookup (events, keys->pdata[i]);
        Group *r = g_hash_table_lookup (regimes, g->c);
        target_node (m, r->a, g->iri);
        ng_out_uri (o, g->iri, NG_RDF_TYPE, NG_SANCTION_EVENT);
        ng_out_uri (o, g->iri, NG_ACTOR, g->a);
        ng_out_uri (o, g->iri, NG_ACTION, g->b);
        ng_out_uri (o, g->iri, NG_SANCTION_P, g->c);
        write_evidence (m, o, g->iri, g->sentences);
        write_provenance (o, g->iri, g->articles, g->count);
        ng_out_flush (o);
      }
  }
}

void
ng_merge_write_article (Out *o, const Article *a)
{
  ng_out_uri (o, a->iri, NG_RDF_TYPE, NG_ARTICLE);
  if (a->title)
    ng_out_literal (o, a->iri, NG_DCT_TITLE, a->title, NULL);
  if (a->source)
    ng_out_literal (o, a->iri, NG_SOURCE_FILE, a->source, NULL);
  if (a->date)
    ng_out_literal (o, a->iri, NG_DCT_DATE, a->date, a->date_type);
  ng_out_flush (o);
}

void
ng_merge_write_sentence (Out *o, const Sentence *s)
{
  ng_out_uri (o, s->iri, NG_RDF_TYPE, NG_SENTENCE);
  ng_out_uri (o, s->iri, NG_IN_ARTICLE, s->article);
  if (s->text)
    ng_out_literal (o, s->iri, NG_TEXT, s->text, NULL);
  if (s->index)
    ng_out_literal (o, s->iri, NG_SENTENCE_INDEX, s->index, NG_XSD_INTEGER);
  if (s->byte_offset)
    ng_out_literal (o, s->iri, NG_BYTE_OFFSET, s->byte_offset, NG_XSD_INTEGER);
  if (s->char_offset)
    ng_out_literal (o, s->iri, NG_CHAR_OFFSET, s->char_offset, NG_XSD_INTEGER);
  ng_out_flush (o);
}

static void
write_articles (Merge *m, Out *o, GHashTable *used_sentences)
{
  g_autoptr (GPtrArray) arts = sorted_keys (m->articles);
  g_autoptr (GPtrArray) sents = sorted_keys (used_sentences);
  for (guint i = 0; i < arts->len; i++)
    ng_merge_write_article (o, g_hash_table_lookup (m->articles, arts->pdata[i]));
  for (guint i = 0; i < sents->len; i++)
    {
      Sentence *s = g_hash_table_lookup (m->sentences, sents->pdata[i]);
      if (s)
        ng_merge_write_sentence (o, s);
    }
}

/* ------------------------------------------------------------ the API */

NgMerge *
ng_merge_new (librdf_world *world)
{
  NgMerge *nm = g_new0 (NgMerge, 1);
  nm->m.world = world;
  nm->m.entities = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          ng_merge_entity_free);
  nm->m.meetings = g_ptr_array_new_with_free_func (ng_merge_event_free);
  nm->m.sanctions = g_ptr_array_new_with_free_func (ng_merge_event_free);
  nm->m.articles = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          ng_merge_article_free);
  nm->m.sentences = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           ng_merge_sentence_free);
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
  if (nm->m.target_nodes)
    g_hash_table_unref (nm->m.target_nodes);
  if (nm->m.people_seen)
    g_hash_table_unref (nm->m.people_seen);
  g_free (nm);
}

NgMergeNodes *
ng_merge_write_delta (NgMerge *nm, librdf_model *out, const NgMergeNodes *old,
                      guint *changed, GError **error)
{
  Merge *m = &nm->m;
  Out *o = ng_out_new (m->world, out, old, NULL, NULL);
  g_autoptr (GHashTable) used_sentences = str_set ();

  write_entities (m, o);
  ng_merge_write_meetings (m, o, used_sentences);
  ng_merge_write_sanctions (m, o, used_sentences);
  write_articles (m, o, used_sentences);
  ng_out_flush (o);
  if (old)
    {
      /* nodes no article supports any more */
      GHashTableIter it;
      gpointer k;
      g_hash_table_iter_init (&it, old->nodes);
      while (g_hash_table_iter_next (&it, &k, NULL))
        ng_out_remove_stale (o, k);
    }
  return ng_out_finish (o, changed, NULL, error);
}

/* The sanctions and then the meetings written on a thread of their own
 * and the entities on the caller's, then the articles and the sentences
 * shared out in chunks between the two threads, each taking the next chunk
 * when done with the last (whichever is done with its own nodes first
 * takes more of them).  Each node is written whole by one thread. */
#define SHARE_CHUNK 256

typedef struct {
  Merge *m;
  Out *o;                  /* the side thread's */
  GMutex lock;
  GCond cond;
  gboolean ready;          /* CLUSTERS, ARTS and SENTS are set */
  GPtrArray *clusters;     /* the meetings, as cluster_meetings made them */
  GPtrArray *arts, *sents; /* sorted keys of the articles and of the
                              sentences cited */
  gint next;               /* the first unit nobody took yet (atomic) */
  NgMergeNodes *nodes;
  GError *error;
} Side;

/* Writes chunks of SD's articles and sentences to O until none is left. */
static void
write_shared (Side *sd, Out *o)
{
  guint arts = sd->arts->len, total = arts + sd->sents->len;
  for (;;)
    {
      guint from = (guint) g_atomic_int_add (&sd->next, SHARE_CHUNK);
      if (from >= total)
        return;
      for (guint i = from; i < MIN (from + SHARE_CHUNK, total); i++)
        if (i < arts)
          ng_merge_write_article (o, g_hash_table_lookup (sd->m->articles,
                                                          sd->arts->pdata[i]));
        else
          {
            Sentence *s = g_hash_table_lookup (sd->m->sentences,
                                               sd->sents->pdata[i - arts]);
            if (s)
              ng_merge_write_sentence (o, s);
          }
    }
}

static gpointer
write_side (gpointer data)
{
  Side *sd = data;
  g_autoptr (GHashTable) dummy = str_set ();
  ng_merge_write_sanctions (sd->m, sd->o, dummy);
  g_mutex_lock (&sd->lock);
  while (!sd->ready)
    g_cond_wait (&sd->cond, &sd->lock);
  g_mutex_unlock (&sd->lock);
  write_clusters (sd->m, sd->o, sd->clusters, dummy);
  write_shared (sd, sd->o);
  sd->nodes = ng_out_finish (sd->o, NULL, NULL, &sd->error);
  return NULL;
}

NgMergeNodes *
ng_merge_write_split (NgMerge *nm, librdf_model *out, librdf_world *side_world,
                      librdf_model *side, NgMergeNodes **side_nodes, GError **error)
{
  Merge *m = &nm->m;
  g_autoptr (GPtrArray) clusters = NULL;
  g_autoptr (GPtrArray) arts = NULL;
  g_autoptr (GPtrArray) sents = NULL;
  g_autoptr (GHashTable) used = str_set ();
  Side sd = { m, ng_out_new (side_world, side, NULL, NULL, NULL) };
  GThread *thread;
  Out *o;
  NgMergeNodes *nodes;

  /* the sentences the meetings and sanctions will cite, known before they
     are written: those of the sanction mentions with a target (read here,
     before the other thread takes the sanctions) and those of the mentions
     in a meeting (what ng_merge_write_sanctions and ng_merge_write_meetings
     collect) */
  for (guint i = 0; i < m->sanctions->len; i++)
    {
      Event *e = m->sanctions->pdata[i];
      if (e->target && e->sentence)
        g_hash_table_add (used, g_strdup (e->sentence));
    }
  /* the other thread writes the sanctions (it alone touches them and the
     nodes written per target) while this one clusters the meetings; then
     that one writes the meetings and this one the entities, and both the
     articles and the sentences, which neither changes (with the entities
     and the meetings both on this thread, the other waited a fifth of the
     time; the entities written there took 0.27 GB more peak memory at
     100,000 articles than here) */
  g_mutex_init (&sd.lock);
  g_cond_init (&sd.cond);
  thread = g_thread_new ("ng-side", write_side, &sd);
  clusters = cluster_meetings (m);
  for (guint i = 0; i < clusters->len; i++)
    {
      GPtrArray *members = ((Cluster *) clusters->pdata[i])->members;
      for (guint k = 0; k < members->len; k++)
        if (((Event *) members->pdata[k])->sentence)
          g_hash_table_add (used, g_strdup (((Event *) members->pdata[k])->sentence));
    }
  arts = sorted_keys (m->articles);
  sents = sorted_keys (used);
  g_mutex_lock (&sd.lock);
  sd.clusters = clusters;
  sd.arts = arts;
  sd.sents = sents;
  sd.ready = TRUE;
  g_cond_signal (&sd.cond);
  g_mutex_unlock (&sd.lock);
  o = ng_out_new (m->world, out, NULL, NULL, NULL);
  write_entities (m, o);
  write_shared (&sd, o);
  nodes = ng_out_finish (o, NULL, NULL, error);
  g_thread_join (thread);
  g_mutex_clear (&sd.lock);
  g_cond_clear (&sd.cond);
  if (nodes && sd.nodes == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&sd.error));
      g_clear_pointer (&nodes, ng_merge_nodes_free);
    }
  g_clear_error (&sd.error);
  if (nodes)
    *side_nodes = g_steal_pointer (&sd.nodes);
  ng_merge_nodes_free (sd.nodes);
  return nodes;
}

gboolean
ng_merge_nodes_join (NgMergeNodes *into, NgMergeNodes *from, GError **error)
{
  gboolean ok = ng_merge_nodes_absorb (into, from);
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 "the merged graph was not written node by node");
  ng_merge_nodes_free (from);
  return ok;
}

gboolean
ng_merge_write (NgMerge *nm, librdf_model *out, GError **error)
{
  NgMergeNodes *nodes = ng_merge_write_delta (nm, out, NULL, NULL, error);
  ng_merge_nodes_free (nodes);
  return nodes != NULL;
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
