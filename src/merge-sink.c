/* merge-sink.c — where the merged graph is written: one node (subject) at a
 * time.  The sink keeps a summary per subject (an order-independent sum of
 * statement hashes, the count, the predicates used), compares it with the
 * summary of the graph the output model already holds, and touches the
 * model only for subjects that changed: their old statements are looked up
 * through the predicates recorded for them, what stays is kept, the rest
 * removed and the new ones added. */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "nieuwsgraaf/merge.h"
#include "nieuwsgraaf/vocab.h"
#include "merge-private.h"
#include "rdf-util.h"



typedef struct {
  char *s, *p, *o, *datatype;   /* in the sink's string chunk */
  gboolean literal;
  gboolean duplicate;
  guint64 hash;
} Stmt;

struct Out {
  NgWriter w;
  const NgMergeNodes *old;  /* what the model holds; NULL: nothing */
  /* when set, the old summaries are looked up here, not in OLD's nodes */
  const NodeSum *(*old_sum) (gpointer data, const char *subject);
  gpointer old_data;
  gint64 triples_delta;     /* statements added minus removed */
  NgMergeNodes *now;        /* what it will hold */
  GArray *pending;          /* Stmt: the node being written */
  GHashTable *batch;        /* subjects of the pending statements */
  GHashTable *seen;         /* hashes of the pending statements */
  GHashTable *changed_nodes;/* subject -> its old statements (hash -> statement) */
  GStringChunk *strings;    /* of the pending statements */
  GHashTable *deltas;       /* subject -> Delta */
  guint delta_nodes;        /* changed nodes written with a delta */
  gboolean inconsistent;    /* a delta the model contradicts */
  guint changed;
  gboolean split;           /* a subject written in two batches */
};

typedef struct {
  char *pred;
  GHashTable *added;        /* objects */
  GPtrArray *removed;       /* objects */
} Delta;

static void
delta_free (gpointer p)
{
  Delta *d = p;
  g_free (d->pred);
  g_hash_table_unref (d->added);
  g_ptr_array_unref (d->removed);
  g_free (d);
}

static void
hash_table_unref0 (GHashTable *table)
{
  if (table)
    g_hash_table_unref (table);
}

static const NodeSum *
old_sum (Out *o, const char *subject)
{
  if (o->old_sum)
    return o->old_sum (o->old_data, subject);
  return o->old ? g_hash_table_lookup (o->old->nodes, subject) : NULL;
}

NgMergeNodes *
ng_merge_nodes_new (const NgMergeNodes *like)
{
  NgMergeNodes *n = g_new0 (NgMergeNodes, 1);
  n->preds = g_ptr_array_new_with_free_func (g_free);
  n->pred_index = g_hash_table_new (g_str_hash, g_str_equal);
  n->nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* the same bit for the same predicate as before, so summaries compare */
  for (guint i = 0; like && i < like->preds->len; i++)
    {
      char *p = g_strdup (like->preds->pdata[i]);
      g_ptr_array_add (n->preds, p);
      g_hash_table_insert (n->pred_index, p, GUINT_TO_POINTER (i + 1));
    }
  return n;
}

void
ng_merge_nodes_free (NgMergeNodes *n)
{
  if (n == NULL)
    return;
  g_hash_table_unref (n->pred_index);
  g_ptr_array_unref (n->preds);
  g_hash_table_unref (n->nodes);
  g_free (n);
}

guint
ng_merge_nodes_size (const NgMergeNodes *n)
{
  return n ? g_hash_table_size (n->nodes) : 0;
}

guint
ng_merge_nodes_triples (const NgMergeNodes *n)
{
  GHashTableIter it;
  gpointer v;
  guint total = 0;
  if (n == NULL)
    return 0;
  g_hash_table_iter_init (&it, n->nodes);
  while (g_hash_table_iter_next (&it, NULL, &v))
    total += ((NodeSum *) v)->count;
  return total;
}

void
ng_merge_nodes_append (const NgMergeNodes *n, GString *out)
{
  GHashTableIter it;
  gpointer k, v;
  for (guint i = 0; i < n->preds->len; i++)
    g_string_append_printf (out, "P\t%s\n", (char *) n->preds->pdata[i]);
  g_hash_table_iter_init (&it, n->nodes);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      NodeSum *ns = v;
      g_string_append_printf (out, "N\t%s\t%016" G_GINT64_MODIFIER "x\t%u\t%"
                              G_GINT64_MODIFIER "x\n", (char *) k, ns->sum,
                              ns->count, ns->preds);
    }
}

NgMergeNodes *
ng_merge_nodes_parse (const char *text, gsize len, GError **error)
{
  NgMergeNodes *n = ng_merge_nodes_new (NULL);
  const char *p = text, *end = text + len;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      g_autofree char *line = g_strndup (p, nl ? (gsize) (nl - p) : (gsize) (end - p));
      g_auto (GStrv) f = g_strsplit (line, "\t", 6);
      guint nf = g_strv_length (f);
      p = nl ? nl + 1 : end;
      if (nf == 2 && strcmp (f[0], "P") == 0)
        {
          char *pred = g_strdup (f[1]);
          g_ptr_array_add (n->preds, pred);
          g_hash_table_insert (n->pred_index, pred, GUINT_TO_POINTER (n->preds->len));
        }
      else if (nf == 5 && strcmp (f[0], "N") == 0)
        {
          NodeSum *ns = g_new0 (NodeSum, 1);
          ns->sum = g_ascii_strtoull (f[2], NULL, 16);
          ns->count = (guint32) g_ascii_strtoull (f[3], NULL, 10);
          ns->preds = g_ascii_strtoull (f[4], NULL, 16);
          g_hash_table_replace (n->nodes, g_strdup (f[1]), ns);
        }
      else if (*line)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "damaged node summary: %.40s", line);
          ng_merge_nodes_free (n);
          return NULL;
        }
    }
  return n;
}

static guint64
hash_more (guint64 h, const char *s, char sep)
{
  for (; s && *s; s++)
    h = (h ^ (guchar) *s) * G_GUINT64_CONSTANT (0x100000001b3);
  return (h ^ (guchar) sep) * G_GUINT64_CONSTANT (0x100000001b3);
}

static guint64
stmt_hash (const Stmt *st)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  h = hash_more (h, st->s, 1);
  h = hash_more (h, st->p, 2);
  h = hash_more (h, st->o, st->literal ? 3 : 4);
  h = hash_more (h, st->datatype, 5);
  /* a final mix (splitmix64), so that sums of hashes do not cancel */
  h ^= h >> 30;
  h *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  h ^= h >> 27;
  h *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return h ^ (h >> 31);
}

static void
out_add (Out *o, const char *s, const char *p, const char *obj, const char *datatype,
         gboolean literal)
{
  Stmt st = { g_string_chunk_insert_const (o->strings, s),
              g_string_chunk_insert_const (o->strings, p),
              g_string_chunk_insert (o->strings, obj),
              datatype ? g_string_chunk_insert_const (o->strings, datatype) : NULL,
              literal, FALSE, 0 };
  g_array_append_val (o->pending, st);
}

void
ng_out_uri (Out *o, const char *s, const char *p, const char *obj)
{
  out_add (o, s, p, obj, NULL, FALSE);
}

void
ng_out_literal (Out *o, const char *s, const char *p, const char *value,
             const char *datatype)
{
  out_add (o, s, p, value, datatype, TRUE);
}

void
ng_out_int (Out *o, const char *s, const char *p, gint64 value)
{
  char buf[32];
  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  ng_out_literal (o, s, p, buf, NG_XSD_INTEGER);
}

/* What the model holds about SUBJECT (as the summary WAS describes it):
 * statement hash -> the statement, or with REMOVE_ALL, removed at once. */
static GHashTable *
old_statements (Out *o, const char *subject, const NodeSum *was, gboolean remove_all,
                const char *skip)
{
  librdf_world *world = o->w.world;
  g_autoptr (librdf_node) s = librdf_new_node_from_uri_string (world,
                                                               (const unsigned char *) subject);
  GHashTable *found = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                             (GDestroyNotify) librdf_free_statement);
  for (guint i = 0; i < o->old->preds->len; i++)
    {
      const char *pred = o->old->preds->pdata[i];
      g_autoptr (librdf_node) p = NULL;
      librdf_iterator *it;
      if (!(was->preds & (G_GUINT64_CONSTANT (1) << MIN (i, 63)))
          || (skip && strcmp (pred, skip) == 0))
        continue;
      p = librdf_new_node_from_uri_string (world, (const unsigned char *) pred);
      it = librdf_model_get_targets (o->w.model, s, p);
      while (it && !librdf_iterator_end (it))
        {
          librdf_node *t = librdf_iterator_get_object (it);
          const char *iri = ng_node_iri (t);
          Stmt st = { (char *) subject, (char *) pred,
                      (char *) (iri ? iri : ng_node_literal (t)),
                      (char *) (iri ? NULL : ng_node_datatype (t)), iri == NULL };
          guint64 *h = g_new (guint64, 1);
          *h = stmt_hash (&st);
          g_hash_table_replace (found, h, librdf_new_statement_from_nodes (
              world, librdf_new_node_from_node (s), librdf_new_node_from_node (p),
              librdf_new_node_from_node (t)));
          librdf_iterator_next (it);
        }
      if (it)
        librdf_free_iterator (it);
    }
  if (remove_all)
    {
      GHashTableIter hit;
      gpointer v;
      g_hash_table_iter_init (&hit, found);
      while (g_hash_table_iter_next (&hit, NULL, &v))
        if (librdf_model_remove_statement (o->w.model, v) != 0)
          o->w.failed = TRUE;
        else if (o->w.journal)
          ng_journal_statement (o->w.journal, v, FALSE);
      g_hash_table_remove_all (found);
    }
  return found;
}

/* The bit of predicate PRED in the summaries N (registered when new). */
static guint
nodes_pred_bit (NgMergeNodes *n, const char *pred)
{
  guint bit = GPOINTER_TO_UINT (g_hash_table_lookup (n->pred_index, pred));
  if (bit == 0)
    {
      char *copy = g_strdup (pred);
      g_ptr_array_add (n->preds, copy);
      bit = n->preds->len;
      g_hash_table_insert (n->pred_index, copy, GUINT_TO_POINTER (bit));
    }
  return bit;
}

static guint
pred_bit (Out *o, const char *pred)
{
  return nodes_pred_bit (o->now, pred);
}

gboolean
ng_merge_nodes_absorb (NgMergeNodes *into, NgMergeNodes *from)
{
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init (&it, from->nodes);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      NodeSum *ns = v;
      guint64 preds = 0;
      if (g_hash_table_contains (into->nodes, k) || (ns->preds >> 63) != 0)
        return FALSE;   /* a subject in both; a predicate bit that stands for several */
      for (guint i = 0; i < 63 && i < from->preds->len; i++)
        if (ns->preds & (G_GUINT64_CONSTANT (1) << i))
          preds |= G_GUINT64_CONSTANT (1)
                   << MIN (nodes_pred_bit (into, from->preds->pdata[i]) - 1, 63);
      ns->preds = preds;
      g_hash_table_iter_steal (&it);
      g_hash_table_insert (into->nodes, k, ns);
    }
  return TRUE;
}

static guint64
uri_stmt_hash (const char *s, const char *p, const char *o)
{
  Stmt st = { (char *) s, (char *) p, (char *) o, NULL, FALSE };
  return stmt_hash (&st);
}

/* SUBJECT's values of D's predicate are written as the delta D: what the
 * model holds of SUBJECT's other predicates (read; as old_statements gives
 * it), and NOW, the summary of the pending statements, completed with
 * those values: the model's (the stored summary WAS less the others) with
 * D applied. */
static GHashTable *
delta_node (Out *o, const char *subject, const NodeSum *was, NodeSum *now, const Delta *d)
{
  GHashTable *found = was ? old_statements (o, subject, was, FALSE, d->pred) : NULL;
  guint64 sum = was ? was->sum : 0;
  gint64 count = was ? (gint64) was->count : 0;
  GHashTableIter it;
  gpointer k;

  if (found)
    {
      g_hash_table_iter_init (&it, found);
      while (g_hash_table_iter_next (&it, &k, NULL))
        sum -= *(guint64 *) k, count--;
    }
  g_hash_table_iter_init (&it, d->added);
  while (g_hash_table_iter_next (&it, &k, NULL))
    sum += uri_stmt_hash (subject, d->pred, k), count++;
  for (guint i = 0; i < d->removed->len; i++)
    sum -= uri_stmt_hash (subject, d->pred, d->removed->pdata[i]), count--;
  if (count < 0)
    {
      o->inconsistent = TRUE;
      count = 0;
    }
  now->sum += sum;
  now->count += (guint) count;
  if (count > 0)
    now->preds |= G_GUINT64_CONSTANT (1) << MIN (pred_bit (o, d->pred) - 1, 63);
  return found;
}

/* D's values added to and removed from the model, each checked: one to add
 * that the model holds, or to remove that it lacks, is a disagreement
 * between the merge state and the graph. */
static void
apply_delta (Out *o, const char *subject, const Delta *d)
{
  librdf_world *world = o->w.world;
  g_autoptr (librdf_node) s = librdf_new_node_from_uri_string (world,
                                                               (const unsigned char *) subject);
  g_autoptr (librdf_node) p = librdf_new_node_from_uri_string (world,
                                                               (const unsigned char *) d->pred);
  GHashTableIter it;
  gpointer k;

  g_hash_table_iter_init (&it, d->added);
  while (g_hash_table_iter_next (&it, &k, NULL))
    {
      librdf_statement *st = librdf_new_statement_from_nodes (
          world, librdf_new_node_from_node (s), librdf_new_node_from_node (p),
          librdf_new_node_from_uri_string (world, (const unsigned char *) k));
      if (librdf_model_contains_statement (o->w.model, st))
        o->inconsistent = TRUE;
      else
        ng_write_uri (&o->w, subject, d->pred, k);
      librdf_free_statement (st);
    }
  for (guint i = 0; i < d->removed->len; i++)
    {
      librdf_statement *st = librdf_new_statement_from_nodes (
          world, librdf_new_node_from_node (s), librdf_new_node_from_node (p),
          librdf_new_node_from_uri_string (world,
                                           (const unsigned char *) d->removed->pdata[i]));
      if (!librdf_model_contains_statement (o->w.model, st))
        o->inconsistent = TRUE;
      else if (librdf_model_remove_statement (o->w.model, st) != 0)
        o->w.failed = TRUE;
      else if (o->w.journal)
        ng_journal_statement (o->w.journal, st, FALSE);
      librdf_free_statement (st);
    }
}

/* The node just written is complete: compare it with what the model holds
 * and, if it changed, write the difference there (statement by statement:
 * a person named in thousands of articles gains one prov:wasDerivedFrom, it
 * is not written again). */
void
ng_out_flush (Out *o)
{
  g_autoptr (GPtrArray) delta_changed = NULL;   /* subjects (in BATCH) */
  GHashTableIter it;
  gpointer k;

  for (guint i = 0; i < o->pending->len; i++)
    {
      Stmt *st = &g_array_index (o->pending, Stmt, i);
      NodeSum *ns = g_hash_table_lookup (o->now->nodes, st->s);
      guint bit;
      st->hash = stmt_hash (st);
      if (!g_hash_table_add (o->seen, &st->hash))
        {
          st->duplicate = TRUE;   /* the same statement twice: a set holds it once */
          continue;
        }
      if (ns == NULL)
        {
          ns = g_new0 (NodeSum, 1);
          g_hash_table_insert (o->now->nodes, g_strdup (st->s), ns);
          g_hash_table_add (o->batch, st->s);
        }
      else if (!g_hash_table_contains (o->batch, st->s))
        o->split = TRUE;
      bit = pred_bit (o, st->p);
      ns->sum += st->hash;
      ns->count++;
      ns->preds |= G_GUINT64_CONSTANT (1) << MIN (bit - 1, 63);
    }
  g_hash_table_iter_init (&it, o->batch);
  while (g_hash_table_iter_next (&it, &k, NULL))
    {
      NodeSum *now = g_hash_table_lookup (o->now->nodes, k);
      const NodeSum *was = old_sum (o, k);
      const Delta *d = o->deltas ? g_hash_table_lookup (o->deltas, k) : NULL;
      GHashTable *had = d ? delta_node (o, k, was, now, d) : NULL;
      if (was && was->sum == now->sum && was->count == now->count)
        {
          if (had)
            g_hash_table_unref (had);
          continue;
        }
      o->triples_delta += (gint64) now->count - (was ? was->count : 0);
      /* changed: what the model holds of it, to keep what stays */
      if (was && d == NULL)
        had = old_statements (o, k, was, FALSE, NULL);
      g_hash_table_insert (o->changed_nodes, k, had);
      if (d)
        {
          if (delta_changed == NULL)
            delta_changed = g_ptr_array_new ();
          g_ptr_array_add (delta_changed, k);
          o->delta_nodes++;
        }
      o->changed++;
    }
  for (guint i = 0; i < o->pending->len; i++)
    {
      Stmt *st = &g_array_index (o->pending, Stmt, i);
      GHashTable *had;
      if (st->duplicate || !g_hash_table_lookup_extended (o->changed_nodes, st->s,
                                                          NULL, (gpointer *) &had))
        continue;
      if (had && g_hash_table_remove (had, &st->hash))
        continue;   /* already there */
      if (st->literal)
        ng_write_literal (&o->w, st->s, st->p, st->o, st->datatype);
      else
        ng_write_uri (&o->w, st->s, st->p, st->o);
    }
  /* what is left of the old statements of changed nodes goes */
  g_hash_table_iter_init (&it, o->changed_nodes);
  while (g_hash_table_iter_next (&it, NULL, &k))
    {
      GHashTableIter hit;
      gpointer v;
      if (k == NULL)
        continue;
      g_hash_table_iter_init (&hit, k);
      while (g_hash_table_iter_next (&hit, NULL, &v))
        if (librdf_model_remove_statement (o->w.model, v) != 0)
          o->w.failed = TRUE;
        else if (o->w.journal)
          ng_journal_statement (o->w.journal, v, FALSE);
    }
  for (guint i = 0; delta_changed && i < delta_changed->len; i++)
    apply_delta (o, delta_changed->pdata[i],
                 g_hash_table_lookup (o->deltas, delta_changed->pdata[i]));
  g_hash_table_remove_all (o->changed_nodes);
  g_hash_table_remove_all (o->seen);
  g_hash_table_remove_all (o->batch);
  g_array_set_size (o->pending, 0);
  g_string_chunk_clear (o->strings);
}

void
ng_out_set_journal (Out *o, GString *journal)
{
  o->w.journal = journal;
}

void
ng_out_delta (Out *o, const char *subject, const char *pred, GHashTable *added,
              GPtrArray *removed)
{
  Delta *d = g_new0 (Delta, 1);
  d->pred = g_strdup (pred);
  d->added = added;
  d->removed = removed;
  if (o->deltas == NULL)
    o->deltas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, delta_free);
  g_hash_table_replace (o->deltas, g_strdup (subject), d);
}

Out *
ng_out_new (librdf_world *world, librdf_model *model, const NgMergeNodes *old,
            const NodeSum *(*lookup) (gpointer data, const char *subject),
            gpointer old_data)
{
  Out *o = g_new0 (Out, 1);
  o->w.world = world;
  o->w.model = model;
  o->old = old;
  o->old_sum = lookup;
  o->old_data = old_data;
  o->now = ng_merge_nodes_new (old);
  o->pending = g_array_new (FALSE, TRUE, sizeof (Stmt));
  o->batch = g_hash_table_new (g_str_hash, g_str_equal);
  o->seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  o->changed_nodes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) hash_table_unref0);
  o->strings = g_string_chunk_new (4096);
  return o;
}

gboolean
ng_out_remove_stale (Out *o, const char *subject)
{
  const NodeSum *was;
  ng_out_flush (o);
  if (g_hash_table_contains (o->now->nodes, subject)
      || (was = old_sum (o, subject)) == NULL)
    return FALSE;
  o->triples_delta -= was->count;
  g_hash_table_unref (old_statements (o, subject, was, TRUE, NULL));
  o->changed++;
  return TRUE;
}

NgMergeNodes *
ng_out_finish (Out *o, guint *changed, gint64 *triples_delta, GError **error)
{
  NgMergeNodes *now;
  ng_out_flush (o);
  g_array_unref (o->pending);
  g_hash_table_unref (o->batch);
  g_hash_table_unref (o->seen);
  g_hash_table_unref (o->changed_nodes);
  g_string_chunk_free (o->strings);
  if (o->deltas)
    {
      g_debug ("%u changed nodes written with a delta of their articles", o->delta_nodes);
      g_hash_table_unref (o->deltas);
    }
  now = o->now;
  if (changed)
    *changed = o->changed;
  if (triples_delta)
    *triples_delta = o->triples_delta;
  if (o->inconsistent)
    {
      g_set_error (error, NG_MERGE_ERROR, NG_MERGE_ERROR_NEEDS_FULL,
                   "the merged graph does not hold what the merge state says of it");
      g_clear_pointer (&now, ng_merge_nodes_free);
    }
  else if (o->split)
    {
      /* cannot happen with the writers above (each writes whole nodes) */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "the merged graph was not written node by node");
      g_clear_pointer (&now, ng_merge_nodes_free);
    }
  else if (o->w.failed)
    {
      g_autofree char *why = ng_rdf_take_error ();
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "could not write the merged graph%s%s", why ? ": " : "",
                   why ? why : "");
      g_clear_pointer (&now, ng_merge_nodes_free);
    }
  g_free (o);
  return now;
}

