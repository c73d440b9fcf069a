/* bulk-bdb.c — a Redland storage module that takes a whole new graph and
 * writes it as the Berkeley DB files of Redland's own "hashes" storage in
 * one pass.
 *
 * Why: a merged generation written from scratch goes through Redland's
 * hashes storage one statement at a time, and that storage checks every
 * addition for a duplicate by walking the subject+predicate key's list of
 * values (linear in it: a person supported by thousands of articles makes
 * the build quadratic), on Berkeley DB handles opened with the library's
 * default 256 KB cache.  At 100,000 articles (3.8M merged statements) that
 * write did not finish in a quarter of an hour.
 *
 * This storage keeps the statements compactly in memory (every node's
 * encoding stored once), and ng_bulk_storage_finish() writes the three
 * indexes of the "hashes" layout (sp2o, po2s, so2p: key and value encoded
 * exactly as Redland encodes them, with librdf_node_encode), each sorted so
 * that Berkeley DB appends to its B-tree, duplicates dropped on the way,
 * through handles with a cache of their own.  The files are then opened by
 * Redland's hashes storage like any other (new='no').  The key layout is
 * checked against librdf_statement_encode_parts2 on the first statement; on
 * any mismatch finishing fails and the caller writes through Redland.
 */
#include "config.h"

#include <db.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <gio/gio.h>

#include "bulk-bdb.h"

#define NG_BULK_NAME "nieuwsgraaf-bulk"
#define CACHE_BYTES (64u * 1024 * 1024)
#define BLOCK_BYTES (4u * 1024 * 1024)

/* One node's encoding: its length, then librdf_node_encode's bytes. */
typedef struct {
  guint32 len;
  guint8 bytes[];
} Enc;

typedef struct {
  const Enc *part[3];   /* subject, predicate, object */
} Triple;

typedef struct {
  librdf_world *world;
  char *dir, *name;
  GHashTable *nodes;    /* Enc* -> itself: each encoding once */
  GPtrArray *blocks;    /* where the encodings live */
  gsize block_used;
  GArray *triples;      /* Triple */
  guint8 *scratch;
  gsize scratch_len;
  gboolean failed;
  gboolean checked;     /* the layout check on the first statement */
} Bulk;

static guint
enc_hash (gconstpointer p)
{
  const Enc *e = p;
  guint h = 5381;
  for (guint32 i = 0; i < e->len; i++)
    h = h * 33 + e->bytes[i];
  return h;
}

static gboolean
enc_equal (gconstpointer a, gconstpointer b)
{
  const Enc *x = a, *y = b;
  return x->len == y->len && memcmp (x->bytes, y->bytes, x->len) == 0;
}

static int
enc_cmp (const Enc *x, const Enc *y)
{
  int c;
  if (x == y)
    return 0;
  c = memcmp (x->bytes, y->bytes, MIN (x->len, y->len));
  return c ? c : (x->len < y->len ? -1 : x->len > y->len);
}

/* The stored copy of NODE's encoding, or NULL. */
static const Enc *
intern_node (Bulk *b, librdf_node *node)
{
  size_t n = librdf_node_encode (node, NULL, 0);
  Enc *probe, *found, *stored;
  gsize need;

  if (n == 0)
    return NULL;
  need = sizeof (Enc) + n;
  if (b->scratch_len < need)
    {
      b->scratch = g_realloc (b->scratch, need);
      b->scratch_len = need;
    }
  probe = (Enc *) b->scratch;
  probe->len = (guint32) n;
  if (librdf_node_encode (node, probe->bytes, n) != n)
    return NULL;
  found = g_hash_table_lookup (b->nodes, probe);
  if (found)
    return found;
  need = (need + 7) & ~(gsize) 7;
  if (b->blocks->len == 0 || b->block_used + need > BLOCK_BYTES)
    {
      g_ptr_array_add (b->blocks, g_malloc (MAX (BLOCK_BYTES, need)));
      b->block_used = 0;
    }
  stored = (Enc *) ((guint8 *) b->blocks->pdata[b->blocks->len - 1] + b->block_used);
  b->block_used += need;
  memcpy (stored, probe, sizeof (Enc) + n);
  g_hash_table_add (b->nodes, stored);
  return stored;
}

/* ------------------------------------------------------------ encoding */

/* The tag librdf_statement_encode_parts writes before each part. */
static const guint8 part_tag[3] = { 's', 'p', 'o' };

/* KEY_PARTS are the parts of the key in statement order (Redland encodes
 * the parts of a key in s, p, o order whatever the index). */
static gsize
encode_parts (const Triple *t, const int *parts, int count, guint8 *out)
{
  gsize n = 0;
  out[n++] = 'x';
  for (int i = 0; i < count; i++)
    {
      const Enc *e = t->part[parts[i]];
      out[n++] = part_tag[parts[i]];
      memcpy (out + n, e->bytes, e->len);
      n += e->len;
    }
  return n;
}

/* Redland's own encoding of STATEMENT's FIELDS equals ours? */
static gboolean
layout_matches (Bulk *b, librdf_statement *st, const Triple *t)
{
  static const struct { int fields; int parts[2]; int count; } probes[] = {
    { LIBRDF_STATEMENT_SUBJECT | LIBRDF_STATEMENT_PREDICATE, { 0, 1 }, 2 },
    { LIBRDF_STATEMENT_OBJECT, { 2, 0 }, 1 },
    { LIBRDF_STATEMENT_PREDICATE | LIBRDF_STATEMENT_OBJECT, { 1, 2 }, 2 },
    { LIBRDF_STATEMENT_SUBJECT, { 0, 0 }, 1 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    {
      size_t n = librdf_statement_encode_parts2 (b->world, st, NULL, NULL, 0,
                                                 probes[i].fields);
      g_autofree guint8 *theirs = n ? g_malloc (n) : NULL;
      g_autofree guint8 *ours = NULL;
      gsize m = 1;
      for (int k = 0; k < probes[i].count; k++)
        m += 1 + t->part[probes[i].parts[k]]->len;
      ours = g_malloc (m);
      if (n == 0 || librdf_statement_encode_parts2 (b->world, st, NULL, theirs, n,
                                                    probes[i].fields) != n
          || encode_parts (t, probes[i].parts, probes[i].count, ours) != n
          || memcmp (ours, theirs, n) != 0)
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------ module */

static Bulk *
bulk_of (librdf_storage *storage)
{
  return librdf_storage_get_instance (storage);
}

static int
bulk_init (librdf_storage *storage, const char *name, librdf_hash *options)
{
  Bulk *b = g_new0 (Bulk, 1);
  char *dir = options ? librdf_hash_get (options, "dir") : NULL;

  b->world = librdf_storage_get_world (storage);
  b->dir = g_strdup (dir ? dir : ".");
  b->name = g_strdup (name ? name : "bulk");
  free (dir);
  b->nodes = g_hash_table_new (enc_hash, enc_equal);
  b->blocks = g_ptr_array_new_with_free_func (g_free);
  b->triples = g_array_new (FALSE, FALSE, sizeof (Triple));
  librdf_storage_set_instance (storage, b);
  if (options)
    librdf_free_hash (options);
  return 0;
}

static void
bulk_terminate (librdf_storage *storage)
{
  Bulk *b = bulk_of (storage);
  if (b == NULL)
    return;
  g_hash_table_unref (b->nodes);
  g_ptr_array_unref (b->blocks);
  g_array_unref (b->triples);
  g_free (b->scratch);
  g_free (b->dir);
  g_free (b->name);
  g_free (b);
}

static int
bulk_open (librdf_storage *storage, librdf_model *model)
{
  return 0;
}

static int
bulk_close (librdf_storage *storage)
{
  return 0;
}

static int
bulk_size (librdf_storage *storage)
{
  return (int) bulk_of (storage)->triples->len;
}

static int
bulk_add (librdf_storage *storage, librdf_statement *st)
{
  Bulk *b = bulk_of (storage);
  Triple t;
  librdf_node *nodes[3] = { librdf_statement_get_subject (st),
                            librdf_statement_get_predicate (st),
                            librdf_statement_get_object (st) };
  for (int i = 0; i < 3; i++)
    if (nodes[i] == NULL || (t.part[i] = intern_node (b, nodes[i])) == NULL)
      {
        b->failed = TRUE;
        return 1;
      }
  if (!b->checked)
    {
      b->checked = TRUE;
      if (!layout_matches (b, st, &t))
        {
          b->failed = TRUE;
          return 1;
        }
    }
  g_array_append_val (b->triples, t);
  return 0;
}

static int
bulk_add_stream (librdf_storage *storage, librdf_stream *stream)
{
  for (; stream && !librdf_stream_end (stream); librdf_stream_next (stream))
    if (bulk_add (storage, librdf_stream_get_object (stream)) != 0)
      return 1;
  return 0;
}

static int
bulk_remove (librdf_storage *storage, librdf_statement *st)
{
  return 1;   /* write-only: nothing is taken back */
}

static int
bulk_contains (librdf_storage *storage, librdf_statement *st)
{
  return 0;
}

static librdf_stream *
bulk_empty (librdf_storage *storage)
{
  return librdf_new_empty_stream (librdf_storage_get_world (storage));
}

static librdf_stream *
bulk_find (librdf_storage *storage, librdf_statement *st)
{
  return bulk_empty (storage);
}

static void
bulk_factory (librdf_storage_factory *f)
{
  f->version = LIBRDF_STORAGE_INTERFACE_VERSION;
  f->init = bulk_init;
  f->terminate = bulk_terminate;
  f->open = bulk_open;
  f->close = bulk_close;
  f->size = bulk_size;
  f->add_statement = bulk_add;
  f->add_statements = bulk_add_stream;
  f->remove_statement = bulk_remove;
  f->contains_statement = bulk_contains;
  f->serialise = bulk_empty;
  f->find_statements = bulk_find;
}

void
ng_bulk_register (librdf_world *world)
{
  librdf_storage_register_factory (world, NG_BULK_NAME,
                                   "nieuwsgraaf: whole graph to Berkeley DB files",
                                   bulk_factory);
}

librdf_storage *
ng_bulk_storage_new (librdf_world *world, const char *dir, const char *name)
{
  g_autofree char *options = g_strdup_printf ("dir='%s'", dir);
  return librdf_new_storage (world, NG_BULK_NAME, name, options);
}

gboolean
ng_bulk_storage_absorb (librdf_storage *into, librdf_storage *from)
{
  Bulk *a = bulk_of (into), *b = bulk_of (from);
  if (b->failed)
    a->failed = TRUE;
  /* FROM's statements are taken as they are, with their encodings: a node
     both stored has two encodings now, equal in bytes, which is what the
     sorts and the duplicate check compare */
  g_array_append_vals (a->triples, b->triples->data, b->triples->len);
  g_array_set_size (b->triples, 0);
  /* the encodings stay where they are: their blocks change hands (put
     first, so that INTO's last block, the one it fills, stays last) */
  for (guint i = 0; i < b->blocks->len; i++)
    g_ptr_array_insert (a->blocks, (gint) i, g_steal_pointer (&b->blocks->pdata[i]));
  g_ptr_array_set_size (b->blocks, 0);
  /* INTO's table of encodings does not take FROM's (growing it by all of
     them cost more than the rest of the takeover): a node added later that
     FROM had gets an encoding of its own, equal in bytes, like the nodes
     both had */
  g_hash_table_unref (b->nodes);
  b->nodes = g_hash_table_new (enc_hash, enc_equal);
  b->block_used = 0;
  return !a->failed;
}

/* ------------------------------------------------------------ writing */

typedef struct {
  const char *suffix;
  int key[2];        /* parts of the key, in s, p, o order */
  int value;
} Index;

/* Redland's default "hashes" indexes (without index-predicates) */
static const Index indexes[] = {
  { "sp2o", { 0, 1 }, 2 },
  { "po2s", { 1, 2 }, 0 },
  { "so2p", { 0, 2 }, 1 },
};

/* One index being written (on any of the writing threads: the three share
 * only the statements, which nobody changes any more). */
typedef struct {
  const Bulk *bulk;
  const Index *ix;
  guint32 *order;    /* positions in bulk->triples, sorted for IX */
  guint written;
  GError *error;
} Job;

static int
triple_cmp (gconstpointer a, gconstpointer b, gpointer data)
{
  const Job *job = data;
  const Index *ix = job->ix;
  const Triple *x = &g_array_index (job->bulk->triples, Triple, *(const guint32 *) a);
  const Triple *y = &g_array_index (job->bulk->triples, Triple, *(const guint32 *) b);
  int c = enc_cmp (x->part[ix->key[0]], y->part[ix->key[0]]);
  if (c == 0)
    c = enc_cmp (x->part[ix->key[1]], y->part[ix->key[1]]);
  if (c == 0)
    c = enc_cmp (x->part[ix->value], y->part[ix->value]);
  return c;
}

static gboolean
db_error (GError **error, const char *path, const char *what, int ret)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s: %s", path, what,
               db_strerror (ret));
  return FALSE;
}

/* The statements in IX's order: sorted by key, then value (Berkeley DB
 * appends to the right edge of its tree, and equal statements end up side
 * by side). */
static void
sort_index (Job *job)
{
  guint n = job->bulk->triples->len;
  job->order = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    job->order[i] = i;
  g_qsort_with_data (job->order, (gint) n, sizeof (guint32), triple_cmp, job);
}

/* Writes the index file of a sorted JOB. */
static gboolean
write_index (Job *job)
{
  const Bulk *b = job->bulk;
  const Index *ix = job->ix;
  g_autofree char *file = g_strdup_printf ("%s-%s.db", b->name, ix->suffix);
  g_autofree char *path = g_build_filename (b->dir, file, NULL);
  g_autofree guint8 *kbuf = NULL, *vbuf = NULL;
  gsize kcap = 0, vcap = 0;
  const Triple *prev = NULL;
  guint n = b->triples->len;
  DB *db = NULL;
  int ret;

  if ((ret = db_create (&db, NULL, 0)) != 0)
    return db_error (&job->error, path, "cannot create a handle", ret);
  if ((ret = db->set_cachesize (db, 0, CACHE_BYTES, 1)) != 0
      || (ret = db->set_flags (db, DB_DUPSORT)) != 0
      || (ret = db->open (db, NULL, path, NULL, DB_BTREE, DB_CREATE | DB_TRUNCATE,
                          0644)) != 0)
    {
      db->close (db, 0);
      return db_error (&job->error, path, "cannot open", ret);
    }
  for (guint i = 0; i < n; i++)
    {
      const Triple *t = &g_array_index (b->triples, Triple, job->order[i]);
      int vparts[1] = { ix->value };
      gsize kn, vn, kneed = 3, vneed = 2 + t->part[ix->value]->len;
      DBT key, value;
      if (prev && enc_cmp (prev->part[0], t->part[0]) == 0
          && enc_cmp (prev->part[1], t->part[1]) == 0
          && enc_cmp (prev->part[2], t->part[2]) == 0)
        continue;   /* a set holds a statement once (equal nodes are one
                       encoding within a writer, equal bytes across writers
                       taken over: enc_cmp compares the pointers first) */
      prev = t;
      job->written++;
      kneed += t->part[ix->key[0]]->len + t->part[ix->key[1]]->len;
      if (kcap < kneed)
        kbuf = g_realloc (kbuf, kcap = kneed * 2);
      if (vcap < vneed)
        vbuf = g_realloc (vbuf, vcap = vneed * 2);
      kn = encode_parts (t, ix->key, 2, kbuf);
      vn = encode_parts (t, vparts, 1, vbuf);
      memset (&key, 0, sizeof key);
      memset (&value, 0, sizeof value);
      key.data = kbuf;
      key.size = (u_int32_t) kn;
      value.data = vbuf;
      value.size = (u_int32_t) vn;
      if ((ret = db->put (db, NULL, &key, &value, 0)) != 0)
        {
          db->close (db, 0);
          return db_error (&job->error, path, "cannot write", ret);
        }
    }
  if ((ret = db->close (db, 0)) != 0)
    return db_error (&job->error, path, "cannot close", ret);
  return TRUE;
}

/* The work of writing the indexes, in units any of the writing threads
 * takes in turn: first the caller's job to run beside them (when there is
 * one), then the three sorts, then the three files, each after its sort
 * (waited for when another thread is still at it).  Units of a sort and a
 * file, not one of a whole index, so that the threads finish together. */
typedef struct {
  Job *jobs;
  guint n;
  gint next;             /* the next unit to take (atomic) */
  GThreadFunc beside;    /* run as the first unit, or NULL */
  gpointer beside_data;
  GMutex lock;
  GCond cond;
  gboolean sorted[G_N_ELEMENTS (indexes)];
} Queue;

static gpointer
write_index_thread (gpointer data)
{
  Queue *q = data;
  guint first = q->beside ? 1 : 0;
  for (;;)
    {
      guint u = (guint) g_atomic_int_add (&q->next, 1);
      if (u >= first + 2 * q->n)
        return NULL;
      if (u < first)
        q->beside (q->beside_data);
      else if (u < first + q->n)
        {
          guint i = u - first;
          sort_index (&q->jobs[i]);
          g_mutex_lock (&q->lock);
          q->sorted[i] = TRUE;
          g_cond_broadcast (&q->cond);
          g_mutex_unlock (&q->lock);
        }
      else
        {
          guint i = u - first - q->n;
          g_mutex_lock (&q->lock);
          while (!q->sorted[i])
            g_cond_wait (&q->cond, &q->lock);
          g_mutex_unlock (&q->lock);
          write_index (&q->jobs[i]);
          g_clear_pointer (&q->jobs[i].order, g_free);
        }
    }
}

gboolean
ng_bulk_storage_finish (librdf_storage *storage, guint threads, GThreadFunc beside,
                        gpointer beside_data, GError **error)
{
  Bulk *b = bulk_of (storage);
  Job jobs[G_N_ELEMENTS (indexes)];
  GThread *workers[G_N_ELEMENTS (indexes) + 1];
  Queue q = { jobs, G_N_ELEMENTS (indexes), 0, beside, beside_data };
  guint n_workers = CLAMP (threads, 1, G_N_ELEMENTS (workers));
  gboolean ok = TRUE;

  if (b->failed)
    {
      if (beside)
        beside (beside_data);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%s/%s: a statement could not be taken for Berkeley DB", b->dir,
                   b->name);
      return FALSE;
    }
  g_debug ("%s/%s: %u statements to write", b->dir, b->name, b->triples->len);
  /* the indexes are independent files: sorted and written side by side on
     THREADS threads (this one and THREADS - 1 others), each taking the next
     unit when done with one (on one thread, one after another) */
  g_mutex_init (&q.lock);
  g_cond_init (&q.cond);
  for (guint i = 0; i < G_N_ELEMENTS (indexes); i++)
    jobs[i] = (Job) { b, &indexes[i], NULL, 0, NULL };
  for (guint i = 1; i < n_workers; i++)
    workers[i] = g_thread_new ("ng-bulk", write_index_thread, &q);
  write_index_thread (&q);
  for (guint i = 1; i < n_workers; i++)
    g_thread_join (workers[i]);
  g_mutex_clear (&q.lock);
  g_cond_clear (&q.cond);
  for (guint i = 0; i < G_N_ELEMENTS (indexes); i++)
    {
      if (jobs[i].error && ok)
        {
          g_propagate_error (error, jobs[i].error);
          ok = FALSE;
        }
      else
        g_clear_error (&jobs[i].error);
    }
  if (ok)
    g_debug ("%s/%s: %u statements written to Berkeley DB in bulk", b->dir, b->name,
             jobs[0].written);
  return ok;
}

gboolean
ng_bulk_supported (librdf_world *world)
{
  librdf_storage *st = ng_bulk_storage_new (world, ".", "probe");
  const unsigned char *iri = (const unsigned char *) "https://w3id.org/nieuwsgraaf/id/probe";
  gboolean ok = st != NULL;

  for (int i = 0; ok && i < 2; i++)
    {
      librdf_uri *dt = librdf_new_uri (world, (const unsigned char *)
                                       "http://www.w3.org/2001/XMLSchema#date");
      librdf_statement *stmt = librdf_new_statement_from_nodes (
          world, librdf_new_node_from_uri_string (world, iri),
          librdf_new_node_from_uri_string (world, iri),
          i == 0 ? librdf_new_node_from_uri_string (world, iri)
                 : librdf_new_node_from_typed_literal (
                       world, (const unsigned char *) "2019-06-30", NULL, dt));
      librdf_free_uri (dt);
      Bulk *b = bulk_of (st);
      b->checked = FALSE;   /* check this statement too */
      ok = stmt && bulk_add (st, stmt) == 0;
      if (stmt)
        librdf_free_statement (stmt);
    }
  if (st)
    librdf_free_storage (st);
  return ok;
}
