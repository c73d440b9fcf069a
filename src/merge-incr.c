/* merge-incr.c — the merge of only what changed articles touch.
 *
 * The merged graph is a pure function of the set of article graphs; a
 * merge from scratch (merge.c) computes all of it.  This one recomputes,
 * from the merge state (merge-state.c), only the nodes the changed
 * articles can affect, with the same writers, and gives the same graph:
 * - an entity: its counts with the old facts taken out and the new put in;
 *   its containing places, when one gains or loses its name;
 * - meetings: the greedy clustering is replayed, in its global order, for
 *   the changed mentions and for the mentions that could join a meeting
 *   that differs from before (merge-replay.c); every other mention
 *   makes the same choice as before;
 * - sanction regimes and sanction events: all mentions of a changed target;
 * - the changed articles, and the sentences whose citing mentions changed.
 * When a change is not local in this sense — a place described
 * differently, an article graph found in two files — it says so
 * (NG_MERGE_ERROR_NEEDS_FULL) and the caller merges from scratch. */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "nieuwsgraaf/merge.h"
#include "nieuwsgraaf/vocab.h"
#include "merge-state.h"

G_DEFINE_QUARK (ng-merge-error-quark, ng_merge_error)

void
ng_merge_change_free (gpointer p)
{
  NgMergeChange *c = p;
  if (c == NULL)
    return;
  g_free (c->key);
  g_free (c->facts);
  g_free (c);
}

GHashTable *
ng_incr_str_set (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

GHashTable *
ng_incr_set_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) g_hash_table_unref);
}

GHashTable *
ng_incr_set_in (GHashTable *sets, const char *key)
{
  GHashTable *set = g_hash_table_lookup (sets, key);
  if (set == NULL)
    {
      set = ng_incr_str_set ();
      g_hash_table_insert (sets, g_strdup (key), set);
    }
  return set;
}

/* SETS[KEY]: IRI -> NgDated, made when missing. */
GHashTable *
ng_incr_dated_in (GHashTable *sets, const char *key)
{
  GHashTable *set = g_hash_table_lookup (sets, key);
  if (set == NULL)
    {
      set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, ng_dated_free);
      g_hash_table_insert (sets, g_strdup (key), set);
    }
  return set;
}

void
ng_incr_fill_article_date (Merge *m, Event *e)
{
  Article *a = g_hash_table_lookup (m->articles, e->article);
  if (e->article_date == NULL && a && a->date)
    e->article_date = g_strdup (a->date);
}

void
ng_incr_count_use (GHashTable *uses, const Event *e, gint delta)
{
  if (e->sentence)
    g_hash_table_replace (uses, g_strdup (e->sentence), GINT_TO_POINTER (
        GPOINTER_TO_INT (g_hash_table_lookup (uses, e->sentence)) + delta));
}

/* ------------------------------------------------------------ the whole state */

gboolean
ng_merge_state_fill (NgMergeState *st, NgMerge *nm, const NgMergeNodes *nodes,
                     GError **error)
{
  Merge *m = &nm->m;
  g_autoptr (GHashTable) persons = ng_incr_set_table ();
  g_autoptr (GHashTable) clusters = ng_incr_set_table ();
  g_autoptr (GHashTable) targets = ng_incr_set_table ();
  g_autoptr (GHashTable) uses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) by_iri = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter it;
  gpointer k, v;
  guint64 triples = 0;

  g_hash_table_iter_init (&it, m->entities);
  while (g_hash_table_iter_next (&it, NULL, &v))
    if (!ng_entity_is_empty (v))
      ng_state_put_entity (st, v);
  for (guint i = 0; i < m->meetings->len; i++)
    g_hash_table_insert (by_iri, ((Event *) m->meetings->pdata[i])->iri, m->meetings->pdata[i]);
  for (guint i = 0; i < m->meetings->len; i++)
    {
      Event *e = m->meetings->pdata[i];
      const Event *founder = e->cluster ? g_hash_table_lookup (by_iri, e->cluster) : NULL;
      ng_incr_fill_article_date (m, e);
      ng_state_put_event (st, e, TRUE);
      char bucket[8];
      ng_dated_bucket (&e->date, bucket);
      for (guint k2 = 0; k2 < e->participants->len; k2++)
        {
          GHashTable *buckets = g_hash_table_lookup (persons, e->participants->pdata[k2]);
          if (buckets == NULL)
            {
              buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_hash_table_unref);
              g_hash_table_insert (persons, g_strdup (e->participants->pdata[k2]), buckets);
            }
          g_hash_table_replace (ng_incr_dated_in (buckets, bucket), g_strdup (e->iri),
                                ng_dated_new (e, founder));
        }
      if (e->cluster)
        g_hash_table_add (ng_incr_set_in (clusters, e->cluster), g_strdup (e->iri));
      if (e->used)
        ng_incr_count_use (uses, e, 1);
    }
  for (guint i = 0; i < m->sanctions->len; i++)
    {
      Event *e = m->sanctions->pdata[i];
      ng_incr_fill_article_date (m, e);
      ng_state_put_event (st, e, FALSE);
      if (e->target)
        g_hash_table_add (ng_incr_set_in (targets, e->target), g_strdup (e->iri));
      if (e->used)
        ng_incr_count_use (uses, e, 1);
    }
  g_hash_table_iter_init (&it, persons);
  while (g_hash_table_iter_next (&it, &k, &v))
    ng_state_put_buckets (st, k, v);
  g_hash_table_iter_init (&it, clusters);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      g_autoptr (GString) out = g_string_new (NULL);
      ng_list_append (out, 'e', v);
      ng_state_put (st, 'C', k, out->str, out->len);
    }
  g_hash_table_iter_init (&it, targets);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      g_autoptr (GString) out = g_string_new (NULL);
      GPtrArray *written = m->target_nodes ? g_hash_table_lookup (m->target_nodes, k) : NULL;
      ng_list_append (out, 'e', v);
      for (guint i = 0; written && i < written->len; i++)
        {
          g_string_append_c (out, 'n');
          ng_facts_put_field (out, written->pdata[i]);
          g_string_append_c (out, '\n');
        }
      ng_state_put (st, 'T', k, out->str, out->len);
    }
  g_hash_table_iter_init (&it, m->sentences);
  while (g_hash_table_iter_next (&it, &k, &v))
    ng_state_put_sentence (st, k, v, (guint) GPOINTER_TO_INT (g_hash_table_lookup (uses, k)));
  g_hash_table_iter_init (&it, uses);
  while (g_hash_table_iter_next (&it, &k, &v))
    if (!g_hash_table_contains (m->sentences, k))
      ng_state_put_sentence (st, k, NULL, (guint) GPOINTER_TO_INT (v));

  g_hash_table_iter_init (&it, nodes->nodes);
  while (g_hash_table_iter_next (&it, NULL, &v))
    triples += ((NodeSum *) v)->count;
  ng_state_put_nodes (st, nodes, NULL, (gint64) triples);
  ng_state_put (st, '#', "holders", "1", 1);
  (void) error;
  return TRUE;
}

/* ------------------------------------------------------------ a delta */


static Entity *
lookup_known (gpointer data, const char *iri)
{
  NgIncr *c = data;
  gpointer e;
  if (!g_hash_table_lookup_extended (c->known, iri, NULL, &e))
    {
      e = ng_state_get_entity (c->st, iri);
      g_hash_table_insert (c->known, g_strdup (iri), e);
    }
  return e;
}

/* An unchanged mention as the state has it (NULL when unknown). */
Event *
ng_incr_stored_event (NgIncr *c, const char *iri)
{
  gpointer e;
  if (!g_hash_table_lookup_extended (c->events, iri, NULL, &e))
    {
      e = ng_state_get_event (c->st, iri, NULL);
      g_hash_table_insert (c->events, g_strdup (iri), e);
    }
  return e;
}

static void
event_free0 (gpointer e)
{
  if (e)
    ng_merge_event_free (e);
}

static void
entity_free0 (gpointer e)
{
  if (e)
    ng_merge_entity_free (e);
}

gboolean
ng_incr_needs_full (GError **error, const char *why)
{
  g_set_error (error, NG_MERGE_ERROR, NG_MERGE_ERROR_NEEDS_FULL, "%s", why);
  return FALSE;
}

/* The nodes the meeting of mention OLD had for it. */
void
ng_incr_status_candidates (GHashTable *cand, const Event *old)
{
  const char *tail;
  char *meeting;
  if (old == NULL || old->cluster == NULL)
    return;
  tail = strrchr (old->article, '/');
  meeting = ng_merge_meeting_iri (old->cluster);
  g_hash_table_add (cand, g_strdup_printf ("%s/status/%s", meeting,
                                           tail ? tail + 1 : old->article));
  g_hash_table_add (cand, meeting);
}

/* The articles naming an entity in the changed articles' old facts (OE)
 * and new ones (NE): those it gains into ADDED, those it loses into
 * REMOVED; returns how its number of articles changes.  (An article is a
 * source only of what its own facts say, so the old facts say what the
 * entity had.) */
static gint
article_delta (const Entity *oe, const Entity *ne, GHashTable *added, GPtrArray *removed)
{
  GHashTableIter it;
  gpointer a;
  gint delta = 0;
  if (oe)
    {
      g_hash_table_iter_init (&it, oe->articles);
      while (g_hash_table_iter_next (&it, &a, NULL))
        if (ne == NULL || !g_hash_table_contains (ne->articles, a))
          g_ptr_array_add (removed, g_strdup (a)), delta--;
    }
  if (ne)
    {
      g_hash_table_iter_init (&it, ne->articles);
      while (g_hash_table_iter_next (&it, &a, NULL))
        if (oe == NULL || !g_hash_table_contains (oe->articles, a))
          g_hash_table_add (added, g_strdup (a)), delta++;
    }
  return delta;
}

/* E is written by this merge: it keeps the number of its articles, COUNT,
 * not the list, and its prov:wasDerivedFrom are written as a delta through
 * O. */
static void
make_partial (Out *o, Entity *e, GHashTable *added, GPtrArray *removed, guint count)
{
  e->narticles = count;
  e->partial = TRUE;
  g_hash_table_remove_all (e->articles);
  ng_out_delta (o, e->iri, NG_PROV_DERIVED_FROM, added, removed);
}

/* Entities: the new counts of every entity the changes mention, into
 * C->pm's entities (with the containing places to rewrite). */
static gboolean
apply_entities (NgIncr *c, Merge *om, Merge *nm, GHashTable *cand, Out *o, GError **error)
{
  g_autoptr (GHashTable) touched = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) flipped = ng_incr_str_set ();
  GHashTableIter it;
  gpointer k;

  g_hash_table_iter_init (&it, om->entities);
  while (g_hash_table_iter_next (&it, &k, NULL))
    g_hash_table_add (touched, k);
  g_hash_table_iter_init (&it, nm->entities);
  while (g_hash_table_iter_next (&it, &k, NULL))
    g_hash_table_add (touched, k);
  g_hash_table_iter_init (&it, touched);
  while (g_hash_table_iter_next (&it, &k, NULL))
    {
      Entity *agg = ng_state_get_entity (c->st, k);
      Entity *oe = g_hash_table_lookup (om->entities, k);
      Entity *ne = g_hash_table_lookup (nm->entities, k);
      GHashTable *added = ng_incr_str_set ();
      GPtrArray *removed = g_ptr_array_new_with_free_func (g_free);
      gint delta = article_delta (oe, ne, added, removed);
      g_autofree char *before = NULL;
      guint had;
      gboolean named, known = agg != NULL;
      if (agg == NULL)
        agg = ng_merge_entity_new (k);
      before = g_strdup (agg->contained_in);
      named = g_hash_table_size (agg->names) > 0;
      had = ng_entity_article_count (agg);
      if (oe)
        ng_merge_entity_add (agg, oe, -1);
      if (ne)
        ng_merge_entity_add (agg, ne, 1);
      g_hash_table_insert (c->pm->entities, agg->iri, agg);
      make_partial (o, agg, added, removed, (guint) MAX ((gint) had + delta, 0));
      if ((gint) had + delta < 0)
        return ng_incr_needs_full (error, "the merge state lost count of an entity's articles");
      /* a node written for the first time needs all its articles */
      if (!named && g_hash_table_size (agg->names) > 0 && had > 0)
        return ng_incr_needs_full (error, "an entity named for the first time");
      g_hash_table_add (cand, g_strdup (agg->iri));
      if (ng_merge_entity_place_key (agg) == NULL)
        return ng_incr_needs_full (error, "a place is described in two ways");
      ng_merge_entity_resolve (agg);
      /* where a place lies (and hence which meetings fit) must not change
         for the mentions already merged; an entity the state does not know
         is the place of none of them (a mention's place is an entity of its
         own article), nor is one no article names any more */
      if (known && !ng_entity_is_empty (agg) && g_strcmp0 (before, agg->contained_in) != 0)
        return ng_incr_needs_full (error, "a place now lies elsewhere");
      if (named != (g_hash_table_size (agg->names) > 0))
        {
          GHashTableIter ci;
          gpointer child;
          g_hash_table_iter_init (&ci, agg->children);
          while (g_hash_table_iter_next (&ci, &child, NULL))
            g_hash_table_add (flipped, g_strdup (child));
        }
    }
  g_hash_table_iter_init (&it, flipped);
  while (g_hash_table_iter_next (&it, &k, NULL))
    if (!g_hash_table_contains (c->pm->entities, k))
      {
        Entity *e = ng_state_get_entity (c->st, k);
        if (e)
          {
            g_hash_table_insert (c->pm->entities, e->iri, e);
            g_hash_table_add (cand, g_strdup (e->iri));
            make_partial (o, e, ng_incr_str_set (), g_ptr_array_new_with_free_func (g_free),
                          ng_entity_article_count (e));
          }
      }
  return TRUE;
}

/* The old versions (as stored) of the mentions in EVENTS, into OLD. */
gboolean
ng_incr_old_versions (NgIncr *c, GPtrArray *events, GHashTable *old, GError **error)
{
  for (guint i = 0; i < events->len; i++)
    {
      Event *e = events->pdata[i];
      Event *v = ng_state_get_event (c->st, e->iri, NULL);
      if (v == NULL)
        return ng_incr_needs_full (error, "the merge state does not know a mention");
      g_hash_table_replace (old, g_strdup (e->iri), v);
    }
  return TRUE;
}

/* Sanctions: every mention of a changed target, grouped again. */
static gboolean
apply_sanctions (NgIncr *c, Merge *om, Merge *nm, GHashTable *cand, GHashTable *uses,
                 Out *o, GError **error)
{
  g_autoptr (GHashTable) removed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          ng_merge_event_free);
  g_autoptr (GHashTable) added = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) targets = ng_incr_set_table ();
  g_autoptr (GHashTable) dummy = ng_incr_str_set ();
  GHashTableIter it;
  gpointer k, v;

  if (!ng_incr_old_versions (c, om->sanctions, removed, error))
    return FALSE;
  for (guint i = 0; i < nm->sanctions->len; i++)
    {
      Event *e = nm->sanctions->pdata[i];
      ng_incr_fill_article_date (nm, e);
      g_hash_table_insert (added, e->iri, e);
    }
  for (int pass = 0; pass < 2; pass++)
    {
      g_hash_table_iter_init (&it, pass ? added : removed);
      while (g_hash_table_iter_next (&it, NULL, &v))
        {
          const char *t = ((Event *) v)->target;
          if (t && !g_hash_table_contains (targets, t))
            {
              GHashTable *evs = ng_incr_set_in (targets, t);
              ng_state_get_list (c->st, 'T', t, 'e', evs);
              ng_state_get_list (c->st, 'T', t, 'n', cand);
            }
        }
    }
  g_hash_table_iter_init (&it, targets);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      GHashTableIter ei;
      gpointer e, ev;
      g_hash_table_iter_init (&ei, removed);
      while (g_hash_table_iter_next (&ei, &e, NULL))
        g_hash_table_remove (v, e);
      g_hash_table_iter_init (&ei, added);
      while (g_hash_table_iter_next (&ei, &e, &ev))
        if (g_strcmp0 (((Event *) ev)->target, k) == 0)
          g_hash_table_add (v, g_strdup (e));
      g_hash_table_iter_init (&ei, v);
      while (g_hash_table_iter_next (&ei, &e, NULL))
        {
          Event *now = g_hash_table_lookup (added, e);
          if (now == NULL)
            now = ng_incr_stored_event (c, e);
          if (now == NULL)
            return ng_incr_needs_full (error, "the merge state does not know a mention");
          g_ptr_array_add (c->pm->sanctions, ng_merge_event_copy (now));
        }
    }
  ng_merge_write_sanctions (c->pm, o, dummy);
  g_hash_table_iter_init (&it, targets);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      g_autoptr (GString) out = g_string_new (NULL);
      GPtrArray *written = c->pm->target_nodes ? g_hash_table_lookup (c->pm->target_nodes, k)
                                               : NULL;
      ng_list_append (out, 'e', v);
      for (guint i = 0; written && i < written->len; i++)
        {
          g_string_append_c (out, 'n');
          ng_facts_put_field (out, written->pdata[i]);
          g_string_append_c (out, '\n');
        }
      if (g_hash_table_size (v))
        ng_state_put (c->st, 'T', k, out->str, out->len);
      else
        ng_state_del (c->st, 'T', k);
    }
  /* the mentions' records: those regrouped, the new ones without a target,
     and the removed ones */
  for (guint i = 0; i < c->pm->sanctions->len; i++)
    {
      Event *e = c->pm->sanctions->pdata[i];
      Event *old = g_hash_table_lookup (removed, e->iri);
      if (old == NULL && !g_hash_table_contains (added, e->iri))
        {
          old = ng_incr_stored_event (c, e->iri);
          if (old && old->used == e->used)
            continue;   /* regrouped as it was: its record and its sentence's
                           count stay as they are */
        }
      if (old && old->used)
        ng_incr_count_use (uses, old, -1);
      if (e->used)
        ng_incr_count_use (uses, e, 1);
      ng_state_put_event (c->st, e, FALSE);
    }
  g_hash_table_iter_init (&it, added);
  while (g_hash_table_iter_next (&it, &k, &v))
    if (((Event *) v)->target == NULL)
      {
        Event *old = g_hash_table_lookup (removed, k);
        if (old && old->used)
          ng_incr_count_use (uses, old, -1);
        ((Event *) v)->used = FALSE;
        ng_state_put_event (c->st, v, FALSE);
      }
  g_hash_table_iter_init (&it, removed);
  while (g_hash_table_iter_next (&it, &k, &v))
    if (!g_hash_table_contains (added, k))
      {
        if (((Event *) v)->used)
          ng_incr_count_use (uses, v, -1);
        ng_state_del (c->st, 'V', k);
      }
  return TRUE;
}

/* Sentences whose citing mentions changed, and those of changed articles. */
static void
apply_sentences (NgIncr *c, Merge *om, Merge *nm, GHashTable *cand, GHashTable *uses, Out *o)
{
  g_autoptr (GHashTable) touched = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter it;
  gpointer k;
  GHashTable *from[] = { uses, om->sentences, nm->sentences };
  for (guint i = 0; i < G_N_ELEMENTS (from); i++)
    {
      g_hash_table_iter_init (&it, from[i]);
      while (g_hash_table_iter_next (&it, &k, NULL))
        g_hash_table_add (touched, k);
    }
  g_hash_table_iter_init (&it, touched);
  while (g_hash_table_iter_next (&it, &k, NULL))
    {
      guint count = 0;
      Sentence *stored = ng_state_get_sentence (c->st, k, &count);
      const Sentence *now = g_hash_table_lookup (nm->sentences, k);
      gint n = (gint) count + GPOINTER_TO_INT (g_hash_table_lookup (uses, k));
      if (now == NULL && !g_hash_table_contains (om->sentences, k))
        now = stored;
      ng_state_put_sentence (c->st, k, now, (guint) MAX (n, 0));
      if (now && n > 0)
        ng_merge_write_sentence (o, now);
      g_hash_table_add (cand, g_strdup (k));
      if (stored)
        ng_merge_sentence_free (stored);
    }
}

static gboolean
apply (NgIncr *c, librdf_world *world, librdf_model *out, GPtrArray *changes,
       guint *changed, GError **error)
{
  g_autoptr (NgMerge) old_facts = ng_merge_new (world);
  g_autoptr (NgMerge) new_facts = ng_merge_new (world);
  Merge *om = &old_facts->m, *nm = &new_facts->m;
  g_autoptr (GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) before = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         g_free);
  g_autoptr (GHashTable) holders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_ptr_array_unref);
  /* graph -> the keys of the changed files that held it, that hold it */
  g_autoptr (GHashTable) old_by_graph = g_hash_table_new_full (
      g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GHashTable) new_by_graph = g_hash_table_new_full (
      g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GHashTable) cand = ng_incr_str_set ();
  g_autoptr (GHashTable) uses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) iris = NULL;
  g_autoptr (NgMergeNodes) now = NULL;
  GHashTableIter it;
  gpointer k, v;
  Out *o;
  gint64 delta = 0;
  gboolean ok;

  /* 1. what the changed files said before, and say now.  The same article
        graph can be held by several files (the same text saved twice); a
        merge takes it once, as the first of them by key says it (a merge
        from scratch takes the files in key order).  So for each graph a
        changed file held or holds, what changes is what its first holder
        says: before, and after the change (when the first holder is the
        same unchanged file, nothing). */
  for (guint i = 0; i < changes->len; i++)
    {
      NgMergeChange *ch = changes->pdata[i];
      gsize len = 0;
      char *was = ng_merge_state_get_facts (c->st, ch->key, &len);
      g_hash_table_insert (keys, ch->key, ch);
      if (was)
        g_hash_table_insert (before, ch->key, was);
      for (int side = 0; side < 2; side++)
        {
          const char *facts = side ? ch->facts : was;
          char *g = facts ? ng_facts_graph (facts, side ? ch->len : len) : NULL;
          if (facts && g == NULL)
            return ng_incr_needs_full (error, "article facts without a graph");
          if (g && !g_hash_table_contains (holders, g))
            g_hash_table_insert (holders, g_strdup (g), ng_state_get_holders (c->st, g));
          if (g)
            {
              GHashTable *by = side ? new_by_graph : old_by_graph;
              GPtrArray *list = g_hash_table_lookup (by, g);
              if (list == NULL)
                {
                  list = g_ptr_array_new ();
                  g_hash_table_insert (by, g_strdup (g), list);
                }
              g_ptr_array_add (list, ch->key);
            }
          g_free (g);
        }
    }
  g_hash_table_iter_init (&it, holders);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      GPtrArray *held = v;
      g_autofree char *first = held->len ? g_strdup (held->pdata[0]) : NULL;
      const char *then;
      GPtrArray *had = g_hash_table_lookup (old_by_graph, k);
      GPtrArray *has = g_hash_table_lookup (new_by_graph, k);
      /* the holders after: the unchanged ones, and the changed files that
         hold the graph now (a changed file that held it must be listed) */
      for (guint i = 0; had && i < had->len; i++)
        {
          guint at;
          if (!g_ptr_array_find_with_equal_func (held, had->pdata[i], g_str_equal, &at))
            return ng_incr_needs_full (error, "the merge state does not know an article file");
        }
      for (guint i = 0; i < held->len; i++)
        if (g_hash_table_contains (keys, held->pdata[i]))
          g_ptr_array_remove_index (held, i--);
      for (guint i = 0; has && i < has->len; i++)
        g_ptr_array_add (held, g_strdup (has->pdata[i]));
      /* the first by key (the record is written sorted) */
      then = NULL;
      for (guint i = 0; i < held->len; i++)
        if (then == NULL || strcmp (held->pdata[i], then) < 0)
          then = held->pdata[i];
      if (first && then && strcmp (first, then) == 0 && !g_hash_table_contains (keys, first))
        continue;   /* the same unchanged file says it */
      for (int side = 0; side < 2; side++)
        {
          const char *who = side ? then : first;
          g_autofree char *stored = NULL;
          const char *facts;
          gsize len;
          NgMergeChange *ch;
          if (who == NULL)
            continue;
          ch = g_hash_table_lookup (keys, who);
          if (ch && side)
            facts = ch->facts, len = ch->len;
          else if (ch)
            facts = g_hash_table_lookup (before, who), len = facts ? strlen (facts) : 0;
          else
            facts = stored = ng_merge_state_get_facts (c->st, who, &len);
          if (facts == NULL)
            return ng_incr_needs_full (error, "the merge state lacks an article file's facts");
          if (!ng_merge_add_facts (side ? new_facts : old_facts, who, facts, len, error))
            return FALSE;
        }
    }

  /* 2. the nodes they touch, written through a sink that compares each
        with its summary */
  o = ng_out_new (world, out, ng_state_preds (c->st), ng_state_node_sum, c->st);
  ng_out_set_journal (o, ng_state_graph_journal (c->st));
  ok = apply_entities (c, om, nm, cand, o, error);
  if (ok)
    {
      iris = g_ptr_array_new ();
      g_hash_table_iter_init (&it, c->pm->entities);
      while (g_hash_table_iter_next (&it, &k, NULL))
        g_ptr_array_add (iris, k);
      g_ptr_array_sort (iris, (GCompareFunc) g_strcmp0);
      for (guint i = 0; i < iris->len; i++)
        ng_merge_write_entity (c->pm, o, g_hash_table_lookup (c->pm->entities,
                                                              iris->pdata[i]));
      ok = ng_incr_meetings (c, om, nm, cand, uses, o, error)
           && apply_sanctions (c, om, nm, cand, uses, o, error);
    }
  if (ok)
    {
      apply_sentences (c, om, nm, cand, uses, o);
      g_hash_table_iter_init (&it, nm->articles);
      while (g_hash_table_iter_next (&it, &k, &v))
        ng_merge_write_article (o, v);
      g_hash_table_iter_init (&it, om->articles);
      while (g_hash_table_iter_next (&it, &k, NULL))
        g_hash_table_add (cand, g_strdup (k));
      /* what no article supports any more */
      g_hash_table_iter_init (&it, cand);
      while (g_hash_table_iter_next (&it, &k, NULL))
        if (ng_out_remove_stale (o, k))
          g_ptr_array_add (gone, g_strdup (k));
    }
  now = ng_out_finish (o, changed, &delta, ok ? error : NULL);
  if (!ok || now == NULL)
    return FALSE;

  /* 3. the state of the new graph */
  for (guint i = 0; iris && i < iris->len; i++)
    {
      Entity *e = g_hash_table_lookup (c->pm->entities, iris->pdata[i]);
      if (g_hash_table_contains (om->entities, e->iri)
          || g_hash_table_contains (nm->entities, e->iri))
        ng_state_put_entity (c->st, e);
    }
  ng_state_put_nodes (c->st, now, gone, delta);
  g_hash_table_iter_init (&it, holders);
  while (g_hash_table_iter_next (&it, &k, &v))
    ng_state_put_holders (c->st, k, v);
  for (guint i = 0; i < changes->len; i++)
    {
      NgMergeChange *ch = changes->pdata[i];
      if (ch->facts)
        ng_state_put (c->st, 'A', ch->key, ch->facts, ch->len);
      else
        ng_state_del (c->st, 'A', ch->key);
    }
  return TRUE;
}

gboolean
ng_merge_state_apply (NgMergeState *st, librdf_world *world, librdf_model *out,
                      GPtrArray *changes, guint *changed, GError **error)
{
  g_autoptr (NgMerge) partial = ng_merge_new (world);
  NgIncr c = { st, &partial->m,
            g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entity_free0),
            g_hash_table_new_full (g_str_hash, g_str_equal, g_free, event_free0) };
  gboolean ok;
  g_autofree char *holders = ng_state_get (st, '#', "holders", NULL);
  partial->m.lookup_entity = lookup_known;
  partial->m.lookup_data = &c;
  ok = holders ? apply (&c, world, out, changes, changed, error)
               : ng_incr_needs_full (error, "a merge state of an older format");
  g_hash_table_unref (c.known);
  g_hash_table_unref (c.events);
  return ok;
}
