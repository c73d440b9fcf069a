/* merge-replay.c — the meetings of an incremental merge (merge-incr.c). */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "nieuwsgraaf/merge.h"
#include "nieuwsgraaf/vocab.h"
#include "merge-state.h"

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
  NgIncr *c;
  GHashTable *removed;      /* IRI -> the old mention (owned) */
  GHashTable *added;        /* IRI -> the new mention (borrowed) */
  GHashTable *lists;        /* person -> PersonList (old and added mentions) */
  GHashTable *members;      /* founder -> old member IRIs, as read */
  GHashTable *joined;       /* founder -> replayed mentions that joined it */
  GHashTable *assign;       /* replayed mention -> founder, "" when dropped */
  GHashTable *dirty;        /* founder -> the mention from which on it differs */
  GHashTable *lost;         /* founder -> the mention from which on every mention
                               linked to one of its members is replayed */
  GTree *queue;             /* new mentions to replay, in clustering order */
  GHashTable *queued;
} Replay;

static int
queue_order (gconstpointer a, gconstpointer b, gpointer data)
{
  return ng_merge_event_order (a, b);
}

/* Where a mention sorts in the clustering order (as ng_merge_event_order
 * sorts mentions): a person's list says it for the mentions it holds, so
 * that they are compared without being read. */
typedef struct {
  guint nparts;
  NgDatePrecision precision;
  const char *iri;
} Key;

static Key
key_of (const Event *e)
{
  return (Key) { e->participants->len, e->date.precision, e->iri };
}

static int
key_cmp (const Key *x, const Key *y)
{
  if (x->nparts != y->nparts)
    return x->nparts > y->nparts ? -1 : 1;
  if (x->precision != y->precision)
    return x->precision > y->precision ? -1 : 1;
  return strcmp (x->iri, y->iri);
}

/* The mention IRI now (NULL when gone) and before (NULL when new): the
 * changed version, else the stored one. */
static Event *
version (Replay *r, const char *iri, GHashTable *changed, GHashTable *other)
{
  Event *e = g_hash_table_lookup (changed, iri);
  if (e || g_hash_table_contains (other, iri))
    return e;
  return ng_incr_stored_event (r->c, iri);
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
      set = ng_incr_set_in (cache, key);
      ng_state_get_list (r->c->st, kind, key, 'e', set);
    }
  return set;
}

/* A person's meeting mentions, read a month at a time as needed (the M
 * and Q records of merge-state.c; an older state's P record is read whole
 * and written anew by month). */
typedef struct {
  GHashTable *buckets;      /* bucket -> IRI -> NgDated: those read or made */
  GHashTable *names;        /* the buckets the person has */
  GHashTable *dirty;        /* the buckets changed */
  gboolean names_changed;
  gboolean legacy;          /* read from a P record */
} PersonList;

static void
person_list_free (gpointer p)
{
  PersonList *pl = p;
  g_hash_table_unref (pl->buckets);
  g_hash_table_unref (pl->names);
  g_hash_table_unref (pl->dirty);
  g_free (pl);
}

static PersonList *
person_list (Replay *r, const char *person)
{
  PersonList *pl = g_hash_table_lookup (r->lists, person);
  if (pl)
    return pl;
  pl = g_new0 (PersonList, 1);
  pl->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_hash_table_unref);
  pl->names = ng_incr_str_set ();
  pl->dirty = ng_incr_str_set ();
  g_hash_table_insert (r->lists, g_strdup (person), pl);
  ng_state_get_buckets (r->c->st, person, pl->names);
  if (g_hash_table_size (pl->names) == 0)
    {
      g_autoptr (GHashTable) all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          ng_dated_free);
      GHashTableIter it;
      gpointer k, v;
      ng_state_get_dated (r->c->st, 'P', person, all);
      pl->legacy = g_hash_table_size (all) > 0;
      g_hash_table_iter_init (&it, all);
      while (g_hash_table_iter_next (&it, &k, &v))
        {
          char b[8];
          ng_dated_bucket (&((NgDated *) v)->date, b);
          g_hash_table_add (pl->names, g_strdup (b));
          g_hash_table_iter_steal (&it);
          g_hash_table_insert (ng_incr_dated_in (pl->buckets, b), k, v);
        }
    }
  return pl;
}

/* PERSON's mentions in bucket B (read when the person has it). */
static GHashTable *
bucket_of (Replay *r, const char *person, const char *b)
{
  PersonList *pl = person_list (r, person);
  GHashTable *set = g_hash_table_lookup (pl->buckets, b);
  if (set == NULL)
    {
      set = ng_incr_dated_in (pl->buckets, b);
      if (g_hash_table_contains (pl->names, b))
        {
          g_autofree char *key = ng_bucket_key (person, b);
          ng_state_get_dated (r->c->st, 'M', key, set);
        }
    }
  return set;
}

/* PERSON's mentions whose dates can fit DATE, as the buckets that hold
 * them (into OUT): the undated ones, those of DATE's year given as a year
 * only, and those of its month (of every month of the year for a year;
 * all for no date). */
static void
fitting_buckets (Replay *r, const char *person, const NgDate *date, GPtrArray *out)
{
  PersonList *pl = person_list (r, person);
  char b[8];
  g_ptr_array_set_size (out, 0);
  if (date->precision == NG_DATE_NONE || date->precision == NG_DATE_YEAR)
    {
      GHashTableIter it;
      gpointer name;
      g_autoptr (GPtrArray) names = g_ptr_array_new ();
      char year[8];
      ng_dated_bucket (&(NgDate) { date->year, 0, 0, NG_DATE_YEAR }, year);
      g_hash_table_iter_init (&it, pl->names);
      while (g_hash_table_iter_next (&it, &name, NULL))
        if (date->precision == NG_DATE_NONE || *(char *) name == '\0'
            || strncmp (name, year, 4) == 0)
          g_ptr_array_add (names, name);
      /* and those made in this build */
      g_hash_table_iter_init (&it, pl->buckets);
      while (g_hash_table_iter_next (&it, &name, NULL))
        if (!g_hash_table_contains (pl->names, name)
            && (date->precision == NG_DATE_NONE || *(char *) name == '\0'
                || strncmp (name, year, 4) == 0))
          g_ptr_array_add (names, name);
      for (guint i = 0; i < names->len; i++)
        g_ptr_array_add (out, bucket_of (r, person, names->pdata[i]));
      return;
    }
  g_ptr_array_add (out, bucket_of (r, person, ""));
  ng_dated_bucket (&(NgDate) { date->year, 0, 0, NG_DATE_YEAR }, b);
  g_ptr_array_add (out, bucket_of (r, person, b));
  ng_dated_bucket (date, b);
  g_ptr_array_add (out, bucket_of (r, person, b));
}

/* A walk over a person's mentions whose dates can fit a date (the
 * buckets fitting_buckets gives, entry by entry). */
typedef struct {
  GPtrArray *sets;
  const NgDate *date;
  guint next;           /* the next bucket */
  gboolean open;        /* IT walks bucket NEXT - 1 */
  GHashTableIter it;
} Walk;

static void
walk_init (Walk *w, Replay *r, const char *person, const NgDate *date, GPtrArray *sets)
{
  fitting_buckets (r, person, date, sets);
  *w = (Walk) { sets, date, 0, FALSE, { 0 } };
}

static gboolean
walk_next (Walk *w, const char **iri, NgDated **d)
{
  for (;;)
    {
      gpointer k, v;
      if (!w->open)
        {
          if (w->next >= w->sets->len)
            return FALSE;
          g_hash_table_iter_init (&w->it, w->sets->pdata[w->next++]);
          w->open = TRUE;
        }
      if (!g_hash_table_iter_next (&w->it, &k, &v))
        {
          w->open = FALSE;
          continue;
        }
      if (ng_date_compatible (&((NgDated *) v)->date, w->date))
        {
          *iri = k;
          *d = v;
          return TRUE;
        }
    }
}

/* The entry of mention E (dated as E is) in PERSON's list, or NULL. */
static NgDated *
entry_of (Replay *r, const char *person, const Event *e)
{
  char b[8];
  ng_dated_bucket (&e->date, b);
  return g_hash_table_lookup (bucket_of (r, person, b), e->iri);
}

static void
set_entry (Replay *r, const char *person, const char *iri, const NgDate *date, NgDated *d)
{
  PersonList *pl = person_list (r, person);
  char b[8];
  GHashTable *set;
  ng_dated_bucket (date, b);
  set = bucket_of (r, person, b);
  if (d)
    g_hash_table_replace (set, g_strdup (iri), d);
  else if (!g_hash_table_remove (set, iri))
    return;
  g_hash_table_add (pl->dirty, g_strdup (b));
}

/* PERSON's changed buckets written, and the list of them when it changed. */
static void
write_person (Replay *r, const char *person)
{
  PersonList *pl = person_list (r, person);
  GHashTableIter it;
  gpointer b;
  if (pl->legacy)
    {
      g_hash_table_iter_init (&it, pl->names);
      while (g_hash_table_iter_next (&it, &b, NULL))
        bucket_of (r, person, b);
      ng_state_put_buckets (r->c->st, person, pl->buckets);
      ng_state_del (r->c->st, 'P', person);
      return;
    }
  g_hash_table_iter_init (&it, pl->dirty);
  while (g_hash_table_iter_next (&it, &b, NULL))
    {
      GHashTable *set = bucket_of (r, person, b);
      ng_state_put_bucket (r->c->st, person, b, set);
      if (g_hash_table_size (set) == 0)
        pl->names_changed |= g_hash_table_remove (pl->names, b);
      else if (!g_hash_table_contains (pl->names, b))
        {
          g_hash_table_add (pl->names, g_strdup (b));
          pl->names_changed = TRUE;
        }
    }
  if (pl->names_changed)
    {
      g_autoptr (GString) out = g_string_new (NULL);
      ng_list_append (out, 'b', pl->names);
      if (out->len)
        ng_state_put (r->c->st, 'Q', person, out->str, out->len);
      else
        ng_state_del (r->c->st, 'Q', person);
    }
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

/* Whether the list entry D of mention IRI describes it as it is now: the
 * entry is of this state's format and the mention is not changed by the
 * build (a replayed mention keeps its order, not its meeting). */
static gboolean
entry_current (Replay *r, const char *iri, NgDated *d)
{
  if (d->changed < 0)
    d->changed = g_hash_table_contains (r->added, iri)
                 || g_hash_table_contains (r->removed, iri);
  return d->known && !d->changed;
}

/* The replay put E in meeting NOW (NULL: none): its persons' entries say so. */
static void
note_replayed (Replay *r, const Event *e, const char *now)
{
  for (guint i = 0; i < e->participants->len; i++)
    {
      NgDated *d = entry_of (r, e->participants->pdata[i], e);
      if (d)
        {
          g_free (d->replayed);
          d->replayed = g_strdup (now ? now : "");
        }
    }
}

static void
enqueue (Replay *r, Event *e)
{
  if (g_hash_table_add (r->queued, g_strdup (e->iri)))
    g_tree_insert (r->queue, e, NULL);
}

/* A meeting that gained a mention: its founder, where the founder sorts,
 * and every person its members name (the members it will have at any later
 * mention's turn are among those it has now: an upper bound). */
typedef struct {
  const char *founder;
  Key key;
  GHashTable *people;
} Gain;

/* Whether mention Z (list entry D, current), in a meeting founded by
 * another mention, keeps it although G's meeting gained persons: G's
 * meeting sorts after Z's among Z's candidates, as they are ordered (most
 * shared persons first, then the founder's place), even with every person
 * G's meeting has at Z's turn.  Z shares at least NEED persons with its
 * meeting (it joined it), NEED counted with the founder's persons. */
static gboolean
keeps_meeting (Replay *r, const Event *z, NgDated *d, const Gain *g)
{
  guint shared = 0, need;
  Key zf;
  if (g == NULL || d->founder == NULL || strcmp (d->founder, z->iri) == 0
      || strcmp (d->founder, g->founder) == 0 || d->replayed
      || g_hash_table_contains (r->added, d->founder)
      || g_hash_table_contains (r->removed, d->founder))
    return FALSE;
  for (guint i = 0; i < z->participants->len; i++)
    shared += g_hash_table_contains (g->people, z->participants->pdata[i]);
  need = MIN (2, MIN (z->participants->len, d->founder_nparts));
  zf = (Key) { d->founder_nparts, d->founder_precision, d->founder };
  return shared < need || (shared == need && key_cmp (&zf, &g->key) < 0);
}

/* Queues the mentions after AFTER that are linked to E through one of
 * PERSONS (NULL: any of E's participants), except, when G is given (E
 * joined G's meeting), those that keep their meeting whatever G's has. */
static void
enqueue_linked_by (Replay *r, const Event *e, const Event *after, GHashTable *persons,
                   const Gain *g)
{
  Key at = key_of (after);
  g_autoptr (GPtrArray) sets = g_ptr_array_new ();
  for (guint i = 0; i < e->participants->len; i++)
    {
      Walk w;
      const char *k;
      NgDated *d;
      if (persons && !g_hash_table_contains (persons, e->participants->pdata[i]))
        continue;
      walk_init (&w, r, e->participants->pdata[i], &e->date, sets);
      while (walk_next (&w, &k, &d))
        {
          Event *z;
          gboolean current;
          if (g_hash_table_contains (r->queued, k))
            continue;   /* queued: not even read */
          current = entry_current (r, k, d);
          if (current)
            {
              Key zk = { d->nparts, d->date.precision, k };
              if (key_cmp (&zk, &at) <= 0)
                continue;   /* not after AFTER: not read either */
            }
          z = now_version (r, k);
          if (z && !g_hash_table_contains (r->queued, z->iri)
              && ng_merge_event_order (z, after) > 0
              && ng_merge_events_linked (r->c->pm, e, z)
              && !(current && keeps_meeting (r, z, d, g)))
            enqueue (r, z);
        }
    }
}

/* Queues the mentions after AFTER that are linked to E. */
static void
enqueue_linked (Replay *r, const Event *e, const Event *after)
{
  enqueue_linked_by (r, e, after, NULL, NULL);
}

/* The meeting FOUNDER differs from the time of AT on: every later mention
 * that could join it is replayed. */
/* The mentions FOUNDER's meeting had before or was given in the replay
 * (keys borrowed). */
static GHashTable *
all_members (Replay *r, const char *founder)
{
  GHashTable *all = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *sets[2] = { old_members (r, founder), g_hash_table_lookup (r->joined, founder) };
  for (guint s = 0; s < 2; s++)
    {
      GHashTableIter it;
      gpointer k;
      if (sets[s] == NULL)
        continue;
      g_hash_table_iter_init (&it, sets[s]);
      while (g_hash_table_iter_next (&it, &k, NULL))
        g_hash_table_add (all, k);
    }
  return all;
}

/* The meeting FOUNDER differs from the time of AT on.  When it lost AT
 * (or AT changed), a later mention linked to any of its members may now
 * fit it: every such mention is replayed.  When it only GAINED AT, a later
 * mention can choose differently only if it is a member (it may no longer
 * fit) or if AT brings it a shared person (the caller replays the mentions
 * linked to AT): adding a member never lets a mention fit that did not. */
static void
mark_dirty (Replay *r, const char *founder, const Event *at, gboolean gained)
{
  g_autoptr (GHashTable) members = NULL;
  GHashTableIter it;
  gpointer k;
  const Event *since = g_hash_table_lookup (r->dirty, founder);
  const Event *full = g_hash_table_lookup (r->lost, founder);
  if (since == NULL || ng_merge_event_order (at, since) < 0)
    g_hash_table_replace (r->dirty, g_strdup (founder), (gpointer) at);
  if (full && ng_merge_event_order (at, full) >= 0)
    return;   /* all its linked mentions from before AT on are replayed */
  if (!gained)
    g_hash_table_replace (r->lost, g_strdup (founder), (gpointer) at);
  members = all_members (r, founder);
  g_hash_table_iter_init (&it, members);
  while (g_hash_table_iter_next (&it, &k, NULL))
    {
      Event *m = now_version (r, k);
      if (gained)
        {
          if (m && !g_hash_table_contains (r->queued, m->iri)
              && ng_merge_event_order (m, at) > 0)
            enqueue (r, m);
          continue;
        }
      if (m == NULL)
        m = old_version (r, k);
      if (m)
        enqueue_linked (r, m, at);
    }
}

/* The members of FOUNDER's meeting now, before mention E when E is given. */
static GPtrArray *
members_now (Replay *r, const char *founder, const Event *e)
{
  GPtrArray *out = g_ptr_array_new ();
  g_autoptr (GHashTable) members = all_members (r, founder);
  GHashTableIter it;
  gpointer k;
  g_hash_table_iter_init (&it, members);
  while (g_hash_table_iter_next (&it, &k, NULL))
    {
      Event *z = now_version (r, k);
      if (z && (e == NULL || ng_merge_event_order (z, e) < 0)
          && g_strcmp0 (assigned (r, k), founder) == 0)
        g_ptr_array_add (out, z);
    }
  return out;
}

/* A meeting E could join: its founder, how many of E's persons it has, and
 * where the founder sorts (iri NULL until known). */
typedef struct {
  const char *founder;
  guint overlap;
  Key key;
  guint last;           /* the last of E's persons counted, plus one */
  gboolean checked;     /* whether the founding mention is changed: looked up */
} Candidate;

/* Most shared participants first, then in the order the meetings were
 * founded: the first that fits is the one clustering picks. */
static int
candidate_order (gconstpointer a, gconstpointer b)
{
  const Candidate *x = a, *y = b;
  if (x->overlap != y->overlap)
    return x->overlap > y->overlap ? -1 : 1;
  return key_cmp (&x->key, &y->key);
}

/* The meeting the mention IRI (list entry D) is in at E's turn, when it is
 * a mention before E that is in one (else NULL).  *LISTED says whether the
 * entry named it (and so says where its founder sorts).  The mention is
 * read only when its entry does not describe it. */
static const char *
meeting_before (Replay *r, const char *iri, NgDated *d, const Key *ek, gboolean *listed)
{
  *listed = FALSE;
  if (entry_current (r, iri, d))
    {
      Key yk = { d->nparts, d->date.precision, iri };
      if (key_cmp (&yk, ek) >= 0)
        return NULL;
      if (d->replayed)
        return *d->replayed ? d->replayed : NULL;
      *listed = d->founder != NULL;
      return d->founder;
    }
  else
    {
      Event *y = now_version (r, iri);
      Key yk;
      if (y == NULL)
        return NULL;
      yk = key_of (y);
      if (key_cmp (&yk, ek) >= 0)
        return NULL;
      return assigned (r, iri);
    }
}

/* What clustering decides for E (as merge.c's cluster_meetings does, on
 * the meetings as they are at E's turn): the founder of the meeting it
 * joins (itself for a new one), or NULL.  Caller frees.  (The founders
 * are borrowed from the persons' lists and the replay's tables, which do
 * not change meanwhile.) */
static char *
decide (Replay *r, Event *e)
{
  g_autoptr (GHashTable) cands = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr (GArray) founders = g_array_new (FALSE, FALSE, sizeof (Candidate));
  const char *best = NULL;
  Key ek = key_of (e);
  g_autoptr (GPtrArray) sets = g_ptr_array_new ();
  GHashTableIter it;
  gpointer v;

  for (guint i = 0; i < e->participants->len; i++)
    {
      Walk w;
      const char *iri;
      NgDated *d;
      walk_init (&w, r, e->participants->pdata[i], &e->date, sets);
      /* a meeting with a member whose date does not fit E cannot take E:
         passed over unread */
      while (walk_next (&w, &iri, &d))
        {
          const char *f;
          Candidate *c;
          gboolean listed;
          if (!(f = meeting_before (r, iri, d, &ek, &listed)))
            continue;
          c = g_hash_table_lookup (cands, f);
          if (c == NULL)
            {
              c = g_new0 (Candidate, 1);
              c->founder = f;
              g_hash_table_insert (cands, (gpointer) f, c);
            }
          if (c->last != i + 1)
            c->overlap++, c->last = i + 1;
          /* where the founder sorts, as the entry says, unless the build
             changes the founding mention */
          if (c->key.iri == NULL && listed && !c->checked)
            {
              c->checked = TRUE;
              if (!g_hash_table_contains (r->added, f) && !g_hash_table_contains (r->removed, f))
                c->key = (Key) { d->founder_nparts, d->founder_precision, c->founder };
            }
        }
    }
  g_hash_table_iter_init (&it, cands);
  while (g_hash_table_iter_next (&it, NULL, &v))
    {
      Candidate *c = v;
      if (c->key.iri == NULL)
        {
          Event *founding = now_version (r, c->founder);
          if (founding == NULL)
            continue;   /* its founder is gone: the meeting is replayed */
          c->key = key_of (founding);
          c->key.iri = c->founder;
        }
      g_array_append_val (founders, *c);
    }
  g_array_sort (founders, candidate_order);
  for (guint i = 0; i < founders->len && best == NULL; i++)
    {
      const char *f = g_array_index (founders, Candidate, i).founder;
      guint o = g_array_index (founders, Candidate, i).overlap;
      g_autoptr (GPtrArray) mem = NULL;
      g_autoptr (GHashTable) people = NULL;
      Event *founding = now_version (r, f);
      guint need;
      gboolean fits = TRUE;
      /* the founding mention is a member (unless the replay moved it):
         when it does not fit E, the meeting cannot take E, and its other
         members need not be read */
      if (founding && g_strcmp0 (assigned (r, f), f) == 0
          && ng_merge_event_order (founding, e) < 0
          && !ng_merge_events_compatible (r->c->pm, founding, e))
        continue;
      mem = members_now (r, f, e);
      people = g_hash_table_new (g_str_hash, g_str_equal);
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
  if (best == NULL && !ng_merge_founds_meeting (e))
    return NULL;
  return g_strdup (best ? best : e->iri);
}

gboolean
ng_incr_meetings (NgIncr *c, Merge *om, Merge *nm, GHashTable *cand, GHashTable *uses,
                Out *o, GError **error)
{
  Replay r = { c,
               g_hash_table_new_full (g_str_hash, g_str_equal, g_free, ng_merge_event_free),
               g_hash_table_new (g_str_hash, g_str_equal),
               g_hash_table_new_full (g_str_hash, g_str_equal, g_free, person_list_free),
               ng_incr_set_table (),
               ng_incr_set_table (), g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
               g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
               g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
               g_tree_new_full (queue_order, NULL, NULL, NULL), ng_incr_str_set () };
  g_autoptr (GHashTable) persons = ng_incr_str_set ();     /* whose lists change */
  g_autoptr (GHashTable) dummy = ng_incr_str_set ();
  g_autoptr (GHashTable) written = ng_incr_str_set ();
  g_autoptr (GHashTable) by_iri = g_hash_table_new (g_str_hash, g_str_equal); /* written */
  GHashTableIter it;
  gpointer k, v;
  guint replayed = 0;
  gboolean ok = ng_incr_old_versions (c, om->meetings, r.removed, error);

  for (guint i = 0; ok && i < nm->meetings->len; i++)
    {
      Event *e = nm->meetings->pdata[i];
      ng_incr_fill_article_date (nm, e);
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
              set_entry (&r, p, k, &((Event *) v)->date, ng_dated_new (v, NULL));
          }
    }
  /* the meetings that lose a mention differ from its place on */
  g_hash_table_iter_init (&it, r.removed);
  while (ok && g_hash_table_iter_next (&it, &k, &v))
    if (((Event *) v)->cluster)
      mark_dirty (&r, ((Event *) v)->cluster, v, FALSE);
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
      note_replayed (&r, e, now);
      if (now)
        g_hash_table_add (ng_incr_set_in (r.joined, now), g_strdup (e->iri));
      /* a changed mention changes its meeting even when it stays in it
         (as if it had left it); a new one only adds to its meeting */
      if (g_strcmp0 (was, now) != 0 || g_hash_table_contains (r.added, e->iri))
        {
          gboolean changed = g_hash_table_contains (r.removed, e->iri);
          if (was)
            mark_dirty (&r, was, e, FALSE);
          if (now)
            mark_dirty (&r, now, e, g_strcmp0 (was, now) != 0 && !changed);
        }
      /* a mention that joins a meeting may give a later one a person it
         shares with the meeting (those linked to it through a person the
         meeting did not have yet); a changed one, anything; one that stays
         where it was changes nothing for the later ones (what made its
         meeting differ has queued them) */
      if (now && g_hash_table_contains (r.removed, e->iri))
        enqueue_linked (&r, e, e);
      else if (now && g_strcmp0 (was, now) != 0)
        {
          g_autoptr (GPtrArray) before = members_now (&r, now, e);
          g_autoptr (GHashTable) fresh = g_hash_table_new (g_str_hash, g_str_equal);
          for (guint i = 0; i < e->participants->len; i++)
            g_hash_table_add (fresh, e->participants->pdata[i]);
          for (guint m = 0; m < before->len; m++)
            {
              const Event *z = before->pdata[m];
              for (guint q = 0; q < z->participants->len; q++)
                g_hash_table_remove (fresh, z->participants->pdata[q]);
            }
          if (g_hash_table_size (fresh) > 0)
            {
              g_autoptr (GHashTable) all = all_members (&r, now);
              g_autoptr (GHashTable) people = g_hash_table_new (g_str_hash, g_str_equal);
              Event *founding = now_version (&r, now);
              GHashTableIter mi;
              gpointer mk;
              Gain g = { now, { 0 }, people };
              for (guint i = 0; i < e->participants->len; i++)
                g_hash_table_add (people, e->participants->pdata[i]);
              g_hash_table_iter_init (&mi, all);
              while (g_hash_table_iter_next (&mi, &mk, NULL))
                {
                  Event *z = now_version (&r, mk);
                  for (guint q = 0; z && q < z->participants->len; q++)
                    g_hash_table_add (people, z->participants->pdata[q]);
                }
              if (founding)
                {
                  g.key = key_of (founding);
                  g.key.iri = now;
                }
              enqueue_linked_by (&r, e, e, fresh, founding ? &g : NULL);
            }
        }
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
            ng_incr_status_candidates (cand, old_version (&r, m));
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
          g_autoptr (GHashTable) set = ng_incr_str_set ();
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
          g_hash_table_insert (by_iri, e->iri, e);
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
            ng_incr_count_use (uses, old, -1);
          if (e->used)
            ng_incr_count_use (uses, e, 1);
          ng_state_put_event (c->st, e, TRUE);
          /* its persons' lists say where it is now */
          {
            const Event *founder = e->cluster ? g_hash_table_lookup (by_iri, e->cluster) : NULL;
            if (e->cluster && founder == NULL)
              founder = now_version (&r, e->cluster);
            for (guint i = 0; i < e->participants->len; i++)
              {
                const char *p = e->participants->pdata[i];
                set_entry (&r, p, e->iri, &e->date, ng_dated_new (e, founder));
                g_hash_table_add (persons, g_strdup (p));
              }
          }
          if (dropped)
            ng_merge_event_free (dropped);
        }
      g_hash_table_iter_init (&it, r.removed);
      while (g_hash_table_iter_next (&it, &k, &v))
        if (!g_hash_table_contains (r.added, k))
          {
            if (((Event *) v)->used)
              ng_incr_count_use (uses, v, -1);
            ng_state_del (c->st, 'V', k);
          }
      /* the changed persons' lists without the removed mentions, and
         without a changed mention where it lost the person or moved to
         another month */
      g_hash_table_iter_init (&it, r.removed);
      while (g_hash_table_iter_next (&it, &k, &v))
        {
          const Event *now = g_hash_table_lookup (r.added, k);
          const Event *was = v;
          char b1[8], b2[8];
          gboolean moved = TRUE;
          ng_dated_bucket (&was->date, b1);
          if (now)
            {
              ng_dated_bucket (&now->date, b2);
              moved = strcmp (b1, b2) != 0;
            }
          for (guint i = 0; i < was->participants->len; i++)
            {
              gboolean kept = FALSE;
              for (guint j = 0; now && j < now->participants->len && !kept; j++)
                kept = strcmp (now->participants->pdata[j], was->participants->pdata[i]) == 0;
              if (!kept || moved)
                set_entry (&r, was->participants->pdata[i], k, &was->date, NULL);
            }
        }
      g_hash_table_iter_init (&it, persons);
      while (g_hash_table_iter_next (&it, &k, NULL))
        write_person (&r, k);
    }
  g_hash_table_unref (r.removed);
  g_hash_table_unref (r.added);
  g_hash_table_unref (r.lists);
  g_hash_table_unref (r.members);
  g_hash_table_unref (r.joined);
  g_hash_table_unref (r.assign);
  g_hash_table_unref (r.dirty);
  g_hash_table_unref (r.lost);
  g_tree_destroy (r.queue);
  g_hash_table_unref (r.queued);
  return ok;
}

