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
 *   that differs from before (see apply_meetings); every other mention
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

static GHashTable *
str_set (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static GHashTable *
set_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) g_hash_table_unref);
}

static GHashTable *
set_in (GHashTable *sets, const char *key)
{
  GHashTable *set = g_hash_table_lookup (sets, key);
  if (set == NULL)
    {
      set = str_set ();
      g_hash_table_insert (sets, g_strdup (key), set);
    }
  return set;
}

static NgDate *
date_dup (const NgDate *d)
{
  NgDate *c = g_new (NgDate, 1);
  *c = *d;
  return c;
}

/* SETS[KEY]: IRI -> NgDate, made when missing. */
static GHashTable *
dated_in (GHashTable *sets, const char *key)
{
  GHashTable *set = g_hash_table_lookup (sets, key);
  if (set == NULL)
    {
      set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (sets, g_strdup (key), set);
    }
  return set;
}

static void
fill_article_date (Merge *m, Event *e)
{
  Article *a = g_hash_table_lookup (m->articles, e->article);
  if (e->article_date == NULL && a && a->date)
    e->article_date = g_strdup (a->date);
}

static void
count_use (GHashTable *uses, const Event *e, gint delta)
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
  g_autoptr (GHashTable) persons = set_table ();
  g_autoptr (GHashTable) clusters = set_table ();
  g_autoptr (GHashTable) targets = set_table ();
  g_autoptr (GHashTable) uses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter it;
  gpointer k, v;
  guint64 triples = 0;

  g_hash_table_iter_init (&it, m->entities);
  while (g_hash_table_iter_next (&it, NULL, &v))
    if (!ng_entity_is_empty (v))
      ng_state_put_entity (st, v);
  for (guint i = 0; i < m->meetings->len; i++)
    {
      Event *e = m->meetings->pdata[i];
      fill_article_date (m, e);
      ng_state_put_event (st, e, TRUE);
      for (guint k2 = 0; k2 < e->participants->len; k2++)
        g_hash_table_replace (dated_in (persons, e->participants->pdata[k2]),
                              g_strdup (e->iri), date_dup (&e->date));
      if (e->cluster)
        g_hash_table_add (set_in (clusters, e->cluster), g_strdup (e->iri));
      if (e->used)
        count_use (uses, e, 1);
    }
  for (guint i = 0; i < m->sanctions->len; i++)
    {
      Event *e = m->sanctions->pdata[i];
      fill_article_date (m, e);
      ng_state_put_event (st, e, FALSE);
      if (e->target)
        g_hash_table_add (set_in (targets, e->target), g_strdup (e->iri));
      if (e->used)
        count_use (uses, e, 1);
    }
  g_hash_table_iter_init (&it, persons);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      g_autoptr (GString) out = g_string_new (NULL);
      ng_dated_append (out, v);
      ng_state_put (st, 'P', k, out->str, out->len);
    }
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
  (void) error;
  return TRUE;
}

/* ------------------------------------------------------------ a delta */

typedef struct {
  NgMergeState *st;
  Merge *pm;                /* the partial merge: what is rewritten */
  GHashTable *known;        /* IRI -> Entity or NULL: read for lookups only */
  GHashTable *events;       /* IRI -> Event: unchanged mentions, as stored */
} Ctx;

static Entity *
lookup_known (gpointer data, const char *iri)
{
  Ctx *c = data;
  gpointer e;
  if (!g_hash_table_lookup_extended (c->known, iri, NULL, &e))
    {
      e = ng_state_get_entity (c->st, iri);
      g_hash_table_insert (c->known, g_strdup (iri), e);
    }
  return e;
}

/* An unchanged mention as the state has it (NULL when unknown). */
static Event *
stored_event (Ctx *c, const char *iri)
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

static gboolean
needs_full (GError **error, const char *why)
{
  g_set_error (error, NG_MERGE_ERROR, NG_MERGE_ERROR_NEEDS_FULL, "%s", why);
  return FALSE;
}

/* The nodes the meeting of mention OLD had for it. */
static void
status_candidates (GHashTable *cand, const Event *old)
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

/* Entities: the new counts of every entity the changes mention, into
 * C->pm's entities (with the containing places to rewrite). */
static gboolean
apply_entities (Ctx *c, Merge *om, Merge *nm, GHashTable *cand, GError **error)
{
  g_autoptr (GHashTable) touched = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) flipped = str_set ();
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
      g_autofree char *before = NULL;
      gboolean named, known = agg != NULL;
      if (agg == NULL)
        agg = ng_merge_entity_new (k);
      before = g_strdup (agg->contained_in);
      named = g_hash_table_size (agg->names) > 0;
      if (oe)
        ng_merge_entity_add (agg, oe, -1);
      if (ne)
        ng_merge_entity_add (agg, ne, 1);
      g_hash_table_insert (c->pm->entities, agg->iri, agg);
      g_hash_table_add (cand, g_strdup (agg->iri));
      if (ng_merge_entity_place_key (agg) == NULL)
        return needs_full (error, "a place is described in two ways");
      ng_merge_entity_resolve (agg);
      /* where a place lies (and hence which meetings fit) must not change
         for the mentions already merged; an entity the state does not know
         is the place of none of them (a mention's place is an entity of its
         own article) */
      if (known && g_strcmp0 (before, agg->contained_in) != 0)
        return needs_full (error, "a place now lies elsewhere");
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
          }
      }
  return TRUE;
}

/* The old versions (as stored) of the mentions in EVENTS, into OLD. */
static gboolean
old_versions (Ctx *c, GPtrArray *events, GHashTable *old, GError **error)
{
  for (guint i = 0; i < events->len; i++)
    {
      Event *e = events->pdata[i];
      Event *v = ng_state_get_event (c->st, e->iri, NULL);
      if (v == NULL)
        return needs_full (error, "the merge state does not know a mention");
      g_hash_table_replace (old, g_strdup (e->iri), v);
    }
  return TRUE;
}

/* Meetings.  The greedy clustering takes mentions in a fixed order; a
 * mention's choice depends only on the meetings that have one of its
 * participants at that moment.  So the new clustering equals the old one
 * until a changed mention, and afterwards wherever no meeting a mention
 * could join differs: replaying, in the same order, the changed mentions
 * and the mentions that could join a meeting that differs ("dirty": it
 * lost or gained a member) gives exactly the clustering of all mentions.
 * A mention can join a meeting only when it is linked to one of its
 * members (ng_merge_events_linked), which bounds what is replayed.
 * Meetings are named by the mention that founded them. */
typedef struct {
  Ctx *c;
  GHashTable *removed;      /* IRI -> the old mention (owned) */
  GHashTable *added;        /* IRI -> the new mention (borrowed) */
  GHashTable *lists;        /* person -> mention IRI -> NgDate (old and added) */
  GHashTable *members;      /* founder -> old member IRIs, as read */
  GHashTable *joined;       /* founder -> replayed mentions that joined it */
  GHashTable *assign;       /* replayed mention -> founder, "" when dropped */
  GHashTable *dirty;        /* founder -> the mention from which on it differs */
  GTree *queue;             /* new mentions to replay, in clustering order */
  GHashTable *queued;
} Replay;

static int
queue_order (gconstpointer a, gconstpointer b, gpointer data)
{
  return ng_merge_event_order (a, b);
}

/* The mention IRI now (NULL when gone) and before (NULL when new): the
 * changed version, else the stored one. */
static Event *
version (Replay *r, const char *iri, GHashTable *changed, GHashTable *other)
{
  Event *e = g_hash_table_lookup (changed, iri);
  if (e || g_hash_table_contains (other, iri))
    return e;
  return stored_event (r->c, iri);
}
#define now_version(r, iri) version ((r), (iri), (r)->added, (r)->removed)
#define old_version(r, iri) version ((r), (iri), (r)->removed, (r)->added)

/* The list record KIND KEY, read once into CACHE. */
static GHashTable *
cached_list (Replay *r, GHashTable *cache, char kind, const char *key)
{
  GHashTable *set = g_hash_table_lookup (cache, key);
  if (set == NULL)
    {
      set = set_in (cache, key);
      ng_state_get_list (r->c->st, kind, key, 'e', set);
    }
  return set;
}

static GHashTable *
person_list (Replay *r, const char *person)
{
  GHashTable *set = g_hash_table_lookup (r->lists, person);
  if (set == NULL)
    ng_state_get_dated (r->c->st, person, set = dated_in (r->lists, person));
  return set;
}
#define old_members(r, founder) cached_list ((r), (r)->members, 'C', (founder))

/* The founder of the meeting mention IRI (present now) is in, or NULL. */
static const char *
assigned (Replay *r, const char *iri)
{
  const char *f = g_hash_table_lookup (r->assign, iri);
  Event *old;
  if (f)
    return *f ? f : NULL;
  old = old_version (r, iri);
  return old ? old->cluster : NULL;
}

static void
enqueue (Replay *r, Event *e)
{
  if (g_hash_table_add (r->queued, g_strdup (e->iri)))
    g_tree_insert (r->queue, e, NULL);
}

/* Queues the mentions after AFTER that are linked to E. */
static void
enqueue_linked (Replay *r, const Event *e, const Event *after)
{
  for (guint i = 0; i < e->participants->len; i++)
    {
      GHashTableIter it;
      gpointer k, d;
      g_hash_table_iter_init (&it, person_list (r, e->participants->pdata[i]));
      while (g_hash_table_iter_next (&it, &k, &d))
        {
          Event *z;
          if (!ng_date_compatible (d, &e->date))
            continue;   /* cannot be linked: not even read */
          z = now_version (r, k);
          if (z && !g_hash_table_contains (r->queued, z->iri)
              && ng_merge_event_order (z, after) > 0
              && ng_merge_events_linked (r->c->pm, e, z))
            enqueue (r, z);
        }
    }
}

/* The meeting FOUNDER differs from the time of AT on: every later mention
 * that could join it is replayed. */
static void
mark_dirty (Replay *r, const char *founder, const Event *at)
{
  GHashTable *sets[2];
  const Event *since = g_hash_table_lookup (r->dirty, founder);
  if (since && ng_merge_event_order (at, since) >= 0)
    return;
  g_hash_table_replace (r->dirty, g_strdup (founder), (gpointer) at);
  sets[0] = old_members (r, founder);
  sets[1] = g_hash_table_lookup (r->joined, founder);
  for (guint s = 0; s < 2; s++)
    {
      GHashTableIter it;
      gpointer k;
      if (sets[s] == NULL)
        continue;
      g_hash_table_iter_init (&it, sets[s]);
      while (g_hash_table_iter_next (&it, &k, NULL))
        {
          Event *m = now_version (r, k);
          if (m == NULL)
            m = old_version (r, k);
          if (m)
            enqueue_linked (r, m, at);
        }
    }
}

/* The members of FOUNDER's meeting now, before mention E when E is given. */
static GPtrArray *
members_now (Replay *r, const char *founder, const Event *e)
{
  GPtrArray *out = g_ptr_array_new ();
  GHashTable *sets[2] = { old_members (r, founder), g_hash_table_lookup (r->joined, founder) };
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint s = 0; s < 2; s++)
    {
      GHashTableIter it;
      gpointer k;
      if (sets[s] == NULL)
        continue;
      g_hash_table_iter_init (&it, sets[s]);
      while (g_hash_table_iter_next (&it, &k, NULL))
        {
          Event *z = now_version (r, k);
          if (z && g_hash_table_add (seen, z->iri)
              && (e == NULL || ng_merge_event_order (z, e) < 0)
              && g_strcmp0 (assigned (r, k), founder) == 0)
            g_ptr_array_add (out, z);
        }
    }
  return out;
}

typedef struct {
  Replay *r;
  GHashTable *overlap;
} FounderOrder;

/* Most shared participants first, then in the order the meetings were
 * founded: the first that fits is the one clustering picks. */
static int
founder_order (gconstpointer a, gconstpointer b, gpointer data)
{
  FounderOrder *fo = data;
  const char *x = *(char * const *) a, *y = *(char * const *) b;
  guint ox = g_hash_table_size (g_hash_table_lookup (fo->overlap, x));
  guint oy = g_hash_table_size (g_hash_table_lookup (fo->overlap, y));
  if (ox != oy)
    return ox > oy ? -1 : 1;
  return ng_merge_event_order (now_version (fo->r, x), now_version (fo->r, y));
}

/* What clustering decides for E (as merge.c's cluster_meetings does, on
 * the meetings as they are at E's turn): the founder of the meeting it
 * joins (itself for a new one), or NULL.  Caller frees. */
static char *
decide (Replay *r, Event *e)
{
  g_autoptr (GHashTable) overlap = set_table ();   /* founder -> E's persons it has */
  g_autoptr (GPtrArray) founders = g_ptr_array_new ();
  const char *best = NULL;
  GHashTableIter it;
  gpointer k, d;

  for (guint i = 0; i < e->participants->len; i++)
    {
      const char *p = e->participants->pdata[i];
      g_hash_table_iter_init (&it, person_list (r, p));
      while (g_hash_table_iter_next (&it, &k, &d))
        {
          Event *y;
          const char *f;
          /* a meeting with a member whose date does not fit E cannot take
             E: passed over unread */
          if (!ng_date_compatible (d, &e->date))
            continue;
          y = now_version (r, k);
          if (y == NULL || ng_merge_event_order (y, e) >= 0 || !(f = assigned (r, k)))
            continue;
          g_hash_table_add (set_in (overlap, f), g_strdup (p));
        }
    }
  g_hash_table_iter_init (&it, overlap);
  while (g_hash_table_iter_next (&it, &k, NULL))
    if (now_version (r, k))
      g_ptr_array_add (founders, k);
  {
    FounderOrder fo = { r, overlap };
    g_ptr_array_sort_with_data (founders, founder_order, &fo);
  }
  for (guint i = 0; i < founders->len && best == NULL; i++)
    {
      const char *f = founders->pdata[i];
      guint o = g_hash_table_size (g_hash_table_lookup (overlap, f));
      g_autoptr (GPtrArray) mem = members_now (r, f, e);
      g_autoptr (GHashTable) people = g_hash_table_new (g_str_hash, g_str_equal);
      guint need;
      gboolean fits = TRUE;
      for (guint m = 0; m < mem->len && fits; m++)
        fits = ng_merge_events_compatible (r->c->pm, mem->pdata[m], e);
      for (guint m = 0; m < mem->len && fits; m++)
        {
          Event *z = mem->pdata[m];
          for (guint q = 0; q < z->participants->len; q++)
            g_hash_table_add (people, z->participants->pdata[q]);
        }
      need = MIN (2, MIN (e->participants->len, g_hash_table_size (people)));
      if (fits && need > 0 && o >= need)
        best = f;
    }
  if (best == NULL && e->participants->len < 2 && g_strcmp0 (e->status, NG_HELD) != 0)
    return NULL;
  return g_strdup (best ? best : e->iri);
}

static gboolean
apply_meetings (Ctx *c, Merge *om, Merge *nm, GHashTable *cand, GHashTable *uses,
                Out *o, GError **error)
{
  Replay r = { c,
               g_hash_table_new_full (g_str_hash, g_str_equal, g_free, ng_merge_event_free),
               g_hash_table_new (g_str_hash, g_str_equal), set_table (), set_table (),
               set_table (), g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
               g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
               g_tree_new_full (queue_order, NULL, NULL, NULL), str_set () };
  g_autoptr (GHashTable) persons = str_set ();     /* whose lists change */
  g_autoptr (GHashTable) dummy = str_set ();
  g_autoptr (GHashTable) written = str_set ();
  GHashTableIter it;
  gpointer k, v;
  guint replayed = 0;
  gboolean ok = old_versions (c, om->meetings, r.removed, error);

  for (guint i = 0; ok && i < nm->meetings->len; i++)
    {
      Event *e = nm->meetings->pdata[i];
      fill_article_date (nm, e);
      g_hash_table_insert (r.added, e->iri, e);
    }
  /* the lists of the changed mentions' persons, with the new mentions */
  for (int pass = 0; ok && pass < 2; pass++)
    {
      g_hash_table_iter_init (&it, pass ? r.added : r.removed);
      while (g_hash_table_iter_next (&it, &k, &v))
        for (guint i = 0; i < ((Event *) v)->participants->len; i++)
          {
            const char *p = ((Event *) v)->participants->pdata[i];
            g_hash_table_add (persons, g_strdup (p));
            if (pass)
              g_hash_table_replace (person_list (&r, p), g_strdup (k),
                                    date_dup (&((Event *) v)->date));
          }
    }
  /* the meetings that lose a mention differ from its place on */
  g_hash_table_iter_init (&it, r.removed);
  while (ok && g_hash_table_iter_next (&it, &k, &v))
    if (((Event *) v)->cluster)
      mark_dirty (&r, ((Event *) v)->cluster, v);
  g_hash_table_iter_init (&it, r.added);
  while (ok && g_hash_table_iter_next (&it, NULL, &v))
    enqueue (&r, v);

  /* replay, in clustering order */
  while (ok && g_tree_nnodes (r.queue) > 0)
    {
      GTreeNode *first = g_tree_node_first (r.queue);
      Event *e = g_tree_node_key (first);
      Event *old = old_version (&r, e->iri);
      const char *was = old ? old->cluster : NULL;
      g_autofree char *now = NULL;
      g_tree_remove (r.queue, e);
      now = decide (&r, e);
      replayed++;
      g_hash_table_replace (r.assign, g_strdup (e->iri), g_strdup (now ? now : ""));
      if (now)
        g_hash_table_add (set_in (r.joined, now), g_strdup (e->iri));
      /* a changed mention changes its meeting even when it stays in it */
      if (g_strcmp0 (was, now) != 0 || g_hash_table_contains (r.added, e->iri))
        {
          if (was)
            mark_dirty (&r, was, e);
          if (now)
            mark_dirty (&r, now, e);
        }
      if (now && g_hash_table_contains (r.dirty, now))
        enqueue_linked (&r, e, e);
    }

  /* the meetings that differ, written again; their old nodes may go */
  if (ok)
    {
      g_hash_table_iter_init (&it, r.dirty);
      while (g_hash_table_iter_next (&it, &k, NULL))
        {
          g_autoptr (GPtrArray) mem = members_now (&r, k, NULL);
          GHashTableIter mi;
          gpointer m;
          g_hash_table_iter_init (&mi, old_members (&r, k));
          while (g_hash_table_iter_next (&mi, &m, NULL))
            status_candidates (cand, old_version (&r, m));
          for (guint i = 0; i < mem->len; i++)
            if (g_hash_table_add (written, g_strdup (((Event *) mem->pdata[i])->iri)))
              g_ptr_array_add (c->pm->meetings, ng_merge_event_copy (mem->pdata[i]));
        }
      g_debug ("%u meeting mentions changed, %u replayed, %u in %u meetings written again",
               g_hash_table_size (r.removed) + g_hash_table_size (r.added), replayed,
               c->pm->meetings->len, g_hash_table_size (r.dirty));
      ng_merge_write_meetings (c->pm, o, dummy);
      /* their records: the meetings' members, then the replayed mentions */
      g_hash_table_iter_init (&it, r.dirty);
      while (g_hash_table_iter_next (&it, &k, NULL))
        {
          g_autoptr (GHashTable) set = str_set ();
          g_autoptr (GString) out = g_string_new (NULL);
          for (guint i = 0; i < c->pm->meetings->len; i++)
            {
              Event *e = c->pm->meetings->pdata[i];
              if (g_strcmp0 (e->cluster, k) == 0)
                g_hash_table_add (set, g_strdup (e->iri));
            }
          ng_list_append (out, 'e', set);
          if (out->len)
            ng_state_put (c->st, 'C', k, out->str, out->len);
          else
            ng_state_del (c->st, 'C', k);
        }
      for (guint i = 0; i < c->pm->meetings->len; i++)
        {
          Event *e = c->pm->meetings->pdata[i];
          g_hash_table_replace (r.assign, g_strdup (e->iri), g_strdup ("written"));
        }
      g_hash_table_iter_init (&it, r.assign);
      while (g_hash_table_iter_next (&it, &k, &v))
        {
          Event *e = NULL, *old = old_version (&r, k);
          Event *dropped = NULL;
          if (*(char *) v && strcmp (v, "written") != 0)
            continue;   /* still in the same meeting, which did not change */
          for (guint i = 0; strcmp (v, "written") == 0 && i < c->pm->meetings->len && !e; i++)
            if (strcmp (((Event *) c->pm->meetings->pdata[i])->iri, k) == 0)
              e = c->pm->meetings->pdata[i];
          if (e == NULL)
            {
              /* replayed and dropped: part of no meeting */
              e = dropped = ng_merge_event_copy (now_version (&r, k));
              g_clear_pointer (&e->cluster, g_free);
              e->used = FALSE;
            }
          if (old && old->used)
            count_use (uses, old, -1);
          if (e->used)
            count_use (uses, e, 1);
          ng_state_put_event (c->st, e, TRUE);
          if (dropped)
            ng_merge_event_free (dropped);
        }
      g_hash_table_iter_init (&it, r.removed);
      while (g_hash_table_iter_next (&it, &k, &v))
        if (!g_hash_table_contains (r.added, k))
          {
            if (((Event *) v)->used)
              count_use (uses, v, -1);
            ng_state_del (c->st, 'V', k);
          }
      /* the changed persons' lists without the removed mentions */
      g_hash_table_iter_init (&it, persons);
      while (g_hash_table_iter_next (&it, &k, NULL))
        {
          GHashTable *set = person_list (&r, k);
          g_autoptr (GString) out = g_string_new (NULL);
          GHashTableIter ri;
          gpointer x;
          g_hash_table_iter_init (&ri, r.removed);
          while (g_hash_table_iter_next (&ri, &x, NULL))
            if (!g_hash_table_contains (r.added, x))
              g_hash_table_remove (set, x);
          ng_dated_append (out, set);
          if (out->len)
            ng_state_put (c->st, 'P', k, out->str, out->len);
          else
            ng_state_del (c->st, 'P', k);
        }
    }
  g_hash_table_unref (r.removed);
  g_hash_table_unref (r.added);
  g_hash_table_unref (r.lists);
  g_hash_table_unref (r.members);
  g_hash_table_unref (r.joined);
  g_hash_table_unref (r.assign);
  g_hash_table_unref (r.dirty);
  g_tree_destroy (r.queue);
  g_hash_table_unref (r.queued);
  return ok;
}

/* Sanctions: every mention of a changed target, grouped again. */
static gboolean
apply_sanctions (Ctx *c, Merge *om, Merge *nm, GHashTable *cand, GHashTable *uses,
                 Out *o, GError **error)
{
  g_autoptr (GHashTable) removed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          ng_merge_event_free);
  g_autoptr (GHashTable) added = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) targets = set_table ();
  g_autoptr (GHashTable) dummy = str_set ();
  GHashTableIter it;
  gpointer k, v;

  if (!old_versions (c, om->sanctions, removed, error))
    return FALSE;
  for (guint i = 0; i < nm->sanctions->len; i++)
    {
      Event *e = nm->sanctions->pdata[i];
      fill_article_date (nm, e);
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
              GHashTable *evs = set_in (targets, t);
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
            now = stored_event (c, e);
          if (now == NULL)
            return needs_full (error, "the merge state does not know a mention");
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
        old = stored_event (c, e->iri);
      if (old && old->used)
        count_use (uses, old, -1);
      if (e->used)
        count_use (uses, e, 1);
      ng_state_put_event (c->st, e, FALSE);
    }
  g_hash_table_iter_init (&it, added);
  while (g_hash_table_iter_next (&it, &k, &v))
    if (((Event *) v)->target == NULL)
      {
        Event *old = g_hash_table_lookup (removed, k);
        if (old && old->used)
          count_use (uses, old, -1);
        ((Event *) v)->used = FALSE;
        ng_state_put_event (c->st, v, FALSE);
      }
  g_hash_table_iter_init (&it, removed);
  while (g_hash_table_iter_next (&it, &k, &v))
    if (!g_hash_table_contains (added, k))
      {
        if (((Event *) v)->used)
          count_use (uses, v, -1);
        ng_state_del (c->st, 'V', k);
      }
  return TRUE;
}

/* Sentences whose citing mentions changed, and those of changed articles. */
static void
apply_sentences (Ctx *c, Merge *om, Merge *nm, GHashTable *cand, GHashTable *uses, Out *o)
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
apply (Ctx *c, librdf_world *world, librdf_model *out, GPtrArray *changes,
       guint *changed, GError **error)
{
  g_autoptr (NgMerge) old_facts = ng_merge_new (world);
  g_autoptr (NgMerge) new_facts = ng_merge_new (world);
  Merge *om = &old_facts->m, *nm = &new_facts->m;
  g_autoptr (GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) old_graphs = str_set ();
  g_autoptr (GHashTable) new_graphs = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                             g_free, NULL);
  g_autoptr (GHashTable) cand = str_set ();
  g_autoptr (GHashTable) uses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) iris = NULL;
  g_autoptr (NgMergeNodes) now = NULL;
  GHashTableIter it;
  gpointer k, v;
  Out *o;
  gint64 delta = 0;
  gboolean ok;

  /* 1. what the changed files said before, and say now */
  for (guint i = 0; i < changes->len; i++)
    g_hash_table_add (keys, ((NgMergeChange *) changes->pdata[i])->key);
  for (guint i = 0; i < changes->len; i++)
    {
      NgMergeChange *ch = changes->pdata[i];
      gsize len = 0;
      g_autofree char *before = ng_merge_state_get_facts (c->st, ch->key, &len);
      if (before)
        {
          g_autofree char *g = ng_facts_graph (before, len);
          g_autofree char *owner = g ? ng_state_get (c->st, 'I', g, NULL) : NULL;
          if (g && g_strcmp0 (owner, ch->key) != 0)
            return needs_full (error, "an article graph in two files");
          if (g)
            g_hash_table_add (old_graphs, g_steal_pointer (&g));
          if (!ng_merge_add_facts (old_facts, ch->key, before, len, error))
            return FALSE;
        }
      if (ch->facts)
        {
          g_autofree char *g = ng_facts_graph (ch->facts, ch->len);
          if (g)
            {
              g_autofree char *owner = ng_state_get (c->st, 'I', g, NULL);
              if (g_hash_table_contains (new_graphs, g)
                  || (owner && !g_hash_table_contains (keys, owner)))
                return needs_full (error, "an article graph in two files");
              g_hash_table_insert (new_graphs, g_steal_pointer (&g), ch->key);
            }
          if (!ng_merge_add_facts (new_facts, ch->key, ch->facts, ch->len, error))
            return FALSE;
        }
    }

  /* 2. the nodes they touch, written through a sink that compares each
        with its summary */
  o = ng_out_new (world, out, ng_state_preds (c->st), ng_state_node_sum, c->st);
  ok = apply_entities (c, om, nm, cand, error);
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
      ok = apply_meetings (c, om, nm, cand, uses, o, error)
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
  g_hash_table_iter_init (&it, old_graphs);
  while (g_hash_table_iter_next (&it, &k, NULL))
    if (!g_hash_table_contains (new_graphs, k))
      ng_state_del (c->st, 'I', k);
  for (guint i = 0; i < changes->len; i++)
    {
      NgMergeChange *ch = changes->pdata[i];
      if (ch->facts)
        ng_merge_state_put_facts (c->st, ch->key, ch->facts, ch->len);
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
  Ctx c = { st, &partial->m,
            g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entity_free0),
            g_hash_table_new_full (g_str_hash, g_str_equal, g_free, event_free0) };
  gboolean ok;
  partial->m.lookup_entity = lookup_known;
  partial->m.lookup_data = &c;
  ok = apply (&c, world, out, changes, changed, error);
  g_hash_table_unref (c.known);
  g_hash_table_unref (c.events);
  return ok;
}
