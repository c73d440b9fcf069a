/* merge-state.c — what an incremental merge needs to know of the merged
 * graph, kept in a Berkeley DB hash file beside it (the library Redland's
 * "hashes" storage already uses), so that a merge reads only the records of
 * what it touches:
 *
 *   A key       an article file's merge facts (merge-facts.c)
 *   I graph     the keys of the article files that hold an article graph
 *               (the same text saved twice is one graph), one per line
 *   E iri       an entity with the counts of everything said of it
 *   V iri       a meeting or sanction mention, with the meeting it joined
 *   M person\tmonth   the meeting mentions naming the person, dated in
 *               that month ("YYYY-MM"), year ("YYYY") or undated ("")
 *   Q person    the months the person has an M record for
 *   P person    (an older format: all the person's meeting mentions)
 *   T target    the sanction mentions of a target and the nodes written
 *   S iri       a cited sentence and how many merged mentions cite it
 *   N subject   the summary of a merged node (sum of statement hashes,
 *               count, predicates used)
 *   #preds, #triples   the predicate table of the summaries; the total
 *   F key       an article file as the generation knows it: size, mtime,
 *               inode and SHA-256 of its bytes (store-index.c)
 *   #files      the number of F records (absent in a state of an older
 *               format, whose store kept them in a text index)
 *   #holders    present when I records list every holder (a state of an
 *               older format kept one; an incremental merge on it merges
 *               from scratch once)
 *
 * Values are lines of tab-separated escaped fields, as merge facts are.
 * The file is written only in a generation that is not current yet (a copy
 * of the current one's, or a new one), so build-then-switch makes it as
 * crash-safe as the merged graph. */
#include "config.h"

#include <db.h>
#include <stdlib.h>
#include <string.h>
#include <gio/gio.h>

#include "merge-state.h"

struct NgMergeState
{
  DB *db;
  char *path;
  GHashTable *sums;         /* subject -> NodeSum, as read */
  NgMergeNodes *preds;      /* the predicate table (no nodes) */
  guint64 triples;
  gboolean failed;
  gboolean no_sums;         /* created empty, no N record put since */
  GString *journal;         /* records put and deleted, when logged */
  GString *graph_journal;   /* for the writer of the graph it describes */
};

static gboolean
db_failed (GError **error, const char *path, int rc)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", path, db_strerror (rc));
  return FALSE;
}

static NgMergeState *
state_open (const char *path, gboolean create, gboolean readonly, GError **error)
{
  NgMergeState *st = g_new0 (NgMergeState, 1);
  int rc = db_create (&st->db, NULL, 0);
  if (rc == 0)
    rc = st->db->set_cachesize (st->db, 0, readonly ? 4 << 20 : 32 << 20, 1);
  if (rc == 0)
    rc = st->db->open (st->db, NULL, path, NULL, DB_HASH,
                       create ? DB_CREATE | DB_TRUNCATE : readonly ? DB_RDONLY : 0, 0644);
  if (rc != 0)
    {
      if (rc == ENOENT)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s: no merge state", path);
      else
        db_failed (error, path, rc);
      if (st->db)
        st->db->close (st->db, 0);
      g_free (st);
      return NULL;
    }
  st->path = g_strdup (path);
  st->no_sums = create;
  st->sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  st->preds = ng_merge_nodes_new (NULL);
  if (!create)
    {
      g_autofree char *preds = ng_state_get (st, '#', "preds", NULL);
      g_autofree char *triples = ng_state_get (st, '#', "triples", NULL);
      if (preds == NULL || triples == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s: incomplete merge state", path);
          ng_merge_state_close (st, NULL);
          return NULL;
        }
      g_auto (GStrv) lines = g_strsplit (preds, "\n", -1);
      for (char **p = lines; *p; p++)
        if (**p)
          {
            char *pred = g_strdup (*p);
            g_ptr_array_add (st->preds->preds, pred);
            g_hash_table_insert (st->preds->pred_index, pred,
                                 GUINT_TO_POINTER (st->preds->preds->len));
          }
      st->triples = g_ascii_strtoull (triples, NULL, 10);
    }
  return st;
}

NgMergeState *
ng_merge_state_open (const char *path, gboolean create, GError **error)
{
  return state_open (path, create, FALSE, error);
}

/* The state of a generation that is not written any more (the current
 * one), for lookups. */
NgMergeState *
ng_merge_state_open_readonly (const char *path, GError **error)
{
  return state_open (path, FALSE, TRUE, error);
}

gboolean
ng_merge_state_close (NgMergeState *st, GError **error)
{
  gboolean ok = TRUE;
  int rc;
  if (st == NULL)
    return TRUE;
  rc = st->db->close (st->db, 0);
  if (rc != 0 || st->failed)
    ok = rc ? db_failed (error, st->path, rc)
            : (g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                            "%s: cannot write the merge state", st->path), FALSE);
  g_hash_table_unref (st->sums);
  ng_merge_nodes_free (st->preds);
  g_free (st->path);
  g_free (st);
  return ok;
}

guint64
ng_merge_state_triples (NgMergeState *st)
{
  return st->triples;
}

static void
make_key (GString *k, char kind, const char *key)
{
  g_string_truncate (k, 0);
  g_string_append_c (k, kind);
  g_string_append (k, key);
}

char *
ng_state_get (NgMergeState *st, char kind, const char *key, gsize *len)
{
  g_autoptr (GString) k = g_string_new (NULL);
  DBT dk, dv;
  char *value;
  make_key (k, kind, key);
  memset (&dk, 0, sizeof dk);
  memset (&dv, 0, sizeof dv);
  dk.data = k->str;
  dk.size = (u_int32_t) k->len;
  dv.flags = DB_DBT_MALLOC;
  if (st->db->get (st->db, NULL, &dk, &dv, 0) != 0)
    return NULL;
  value = g_strndup (dv.data, dv.size);
  if (len)
    *len = dv.size;
  free (dv.data);
  return value;
}

/* A redo journal of the records: per operation its letter (P put, D
 * delete), the key's length and bytes, and for a put the value's. */
static void
put_len (GString *j, gsize n)
{
  guint32 v = GUINT32_TO_LE ((guint32) n);
  g_string_append_len (j, (const char *) &v, sizeof v);
}

static void
journal_op (GString *j, char op, const char *key, gsize klen, const char *value,
            gsize vlen)
{
  g_string_append_c (j, op);
  put_len (j, klen);
  g_string_append_len (j, key, (gssize) klen);
  if (op == 'P')
    {
      put_len (j, vlen);
      g_string_append_len (j, value, (gssize) vlen);
    }
}

void
ng_merge_state_journal (NgMergeState *st, GString *records, GString *graph)
{
  st->journal = records;
  st->graph_journal = graph;
}

GString *
ng_state_graph_journal (NgMergeState *st)
{
  return st->graph_journal;
}

static gboolean
take_len (const char **p, const char *end, gsize *n)
{
  guint32 v;
  if ((gsize) (end - *p) < sizeof v)
    return FALSE;
  memcpy (&v, *p, sizeof v);
  *p += sizeof v;
  *n = GUINT32_FROM_LE (v);
  return (gsize) (end - *p) >= *n;
}

gboolean
ng_merge_state_replay (NgMergeState *st, const char *data, gsize len, GError **error)
{
  const char *p = data, *end = data + len;
  while (p < end)
    {
      char op = *p++;
      gsize klen = 0, vlen = 0;
      const char *key, *value = NULL;
      DBT dk, dv;
      int rc;
      if ((op != 'P' && op != 'D') || !take_len (&p, end, &klen))
        goto bad;
      key = p;
      p += klen;
      if (op == 'P')
        {
          if (!take_len (&p, end, &vlen))
            goto bad;
          value = p;
          p += vlen;
        }
      memset (&dk, 0, sizeof dk);
      memset (&dv, 0, sizeof dv);
      dk.data = (void *) key;
      dk.size = (u_int32_t) klen;
      dv.data = (void *) value;
      dv.size = (u_int32_t) vlen;
      st->no_sums = FALSE;
      rc = op == 'P' ? st->db->put (st->db, NULL, &dk, &dv, 0)
                     : st->db->del (st->db, NULL, &dk, 0);
      if (rc != 0 && !(op == 'D' && rc == DB_NOTFOUND))
        return db_failed (error, st->path, rc);
    }
  return TRUE;
bad:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "%s: a damaged journal (at byte %" G_GSIZE_FORMAT ")", st->path,
               (gsize) (p - data));
  return FALSE;
}

void
ng_state_put (NgMergeState *st, char kind, const char *key, const char *value, gsize len)
{
  g_autoptr (GString) k = g_string_new (NULL);
  DBT dk, dv;
  make_key (k, kind, key);
  memset (&dk, 0, sizeof dk);
  memset (&dv, 0, sizeof dv);
  dk.data = k->str;
  dk.size = (u_int32_t) k->len;
  dv.data = (void *) value;
  dv.size = (u_int32_t) len;
  if (kind == 'N')
    st->no_sums = FALSE;
  if (st->db->put (st->db, NULL, &dk, &dv, 0) != 0)
    st->failed = TRUE;
  else if (st->journal)
    journal_op (st->journal, 'P', k->str, k->len, value, len);
}

void
ng_state_del (NgMergeState *st, char kind, const char *key)
{
  g_autoptr (GString) k = g_string_new (NULL);
  DBT dk;
  int rc;
  make_key (k, kind, key);
  memset (&dk, 0, sizeof dk);
  dk.data = k->str;
  dk.size = (u_int32_t) k->len;
  rc = st->db->del (st->db, NULL, &dk, 0);
  if (rc != 0 && rc != DB_NOTFOUND)
    st->failed = TRUE;
  else if (st->journal)
    journal_op (st->journal, 'D', k->str, k->len, NULL, 0);
}

/* Calls FN for every record of KIND (its key without the kind, its value;
 * neither 0-terminated): a walk of the whole file, for the rare case that
 * needs every record of a kind.  FALSE when the walk failed. */
gboolean
ng_state_each (NgMergeState *st, char kind,
               void (*fn) (const char *key, gsize key_len, const char *value,
                           gsize len, gpointer data),
               gpointer data)
{
  DBC *cur = NULL;
  DBT dk, dv;
  int rc;
  if (st->db->cursor (st->db, NULL, &cur, 0) != 0)
    return FALSE;
  memset (&dk, 0, sizeof dk);
  memset (&dv, 0, sizeof dv);
  while ((rc = cur->get (cur, &dk, &dv, DB_NEXT)) == 0)
    if (dk.size > 0 && ((const char *) dk.data)[0] == kind)
      fn ((const char *) dk.data + 1, dk.size - 1, dv.data, dv.size, data);
  cur->close (cur);
  return rc == DB_NOTFOUND;
}

char *
ng_merge_state_get_facts (NgMergeState *st, const char *key, gsize *len)
{
  return ng_state_get (st, 'A', key, len);
}

/* The graph IRI of an article's facts (their first record), or NULL. */
char *
ng_facts_graph (const char *facts, gsize len)
{
  const char *nl;
  g_autofree char *line = NULL;
  char *f[1];
  if (len < 2 || facts[0] != 'G')
    return NULL;
  nl = memchr (facts, '\n', len);
  line = g_strndup (facts, nl ? (gsize) (nl - facts) : len);
  return ng_facts_split (line, f, 1) == 1 && f[0] ? g_strdup (f[0]) : NULL;
}

/* The files that hold article graph GRAPH (its I record: their keys, one
 * per line, sorted; the same text saved in several files is one graph):
 * a new array of the keys. */
GPtrArray *
ng_state_get_holders (NgMergeState *st, const char *graph)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *v = ng_state_get (st, 'I', graph, NULL);
  if (v)
    {
      g_auto (GStrv) lines = g_strsplit (v, "\n", -1);
      for (char **l = lines; *l; l++)
        if (**l)
          g_ptr_array_add (keys, g_strdup (*l));
    }
  return keys;
}

static int
key_cmp (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* GRAPH's holders are KEYS (sorted here; none: the record goes). */
void
ng_state_put_holders (NgMergeState *st, const char *graph, GPtrArray *keys)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_ptr_array_sort (keys, key_cmp);
  for (guint i = 0; i < keys->len; i++)
    {
      if (i > 0 && strcmp (keys->pdata[i], keys->pdata[i - 1]) == 0)
        continue;
      if (out->len)
        g_string_append_c (out, '\n');
      g_string_append (out, keys->pdata[i]);
    }
  if (out->len)
    ng_state_put (st, 'I', graph, out->str, out->len);
  else
    ng_state_del (st, 'I', graph);
}

void
ng_merge_state_put_facts (NgMergeState *st, const char *key, const char *facts, gsize len)
{
  g_autofree char *graph = ng_facts_graph (facts, len);
  ng_state_put (st, 'A', key, facts, len);
  if (graph)
    {
      g_autoptr (GPtrArray) keys = ng_state_get_holders (st, graph);
      g_ptr_array_add (keys, g_strdup (key));
      ng_state_put_holders (st, graph, keys);
    }
}

/* ------------------------------------------------------------ summaries */

const NodeSum *
ng_state_node_sum (gpointer data, const char *subject)
{
  NgMergeState *st = data;
  NodeSum *ns = g_hash_table_lookup (st->sums, subject);
  g_autofree char *v = NULL;
  char *end;
  if (ns || g_hash_table_contains (st->sums, subject))
    return ns;
  v = ng_state_get (st, 'N', subject, NULL);
  if (v)
    {
      ns = g_new0 (NodeSum, 1);
      ns->sum = g_ascii_strtoull (v, &end, 16);
      ns->count = (guint32) g_ascii_strtoull (end, &end, 10);
      ns->preds = g_ascii_strtoull (end, NULL, 16);
    }
  g_hash_table_insert (st->sums, g_strdup (subject), ns);
  return ns;
}

const NgMergeNodes *
ng_state_preds (NgMergeState *st)
{
  return st->preds;
}

/* Records what NOW (the nodes written) and REMOVED (subjects removed) changed
 * in the summaries; DELTA: statements added minus removed. */
void
ng_state_put_nodes (NgMergeState *st, const NgMergeNodes *now, GPtrArray *removed,
                    gint64 delta)
{
  GHashTableIter it;
  gpointer k, v;
  char buf[64];
  g_autoptr (GString) preds = g_string_new (NULL);
  gboolean fresh = st->no_sums;

  g_hash_table_iter_init (&it, now->nodes);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      const NodeSum *ns = v;
      /* a state just created has no summary to compare with (not looked
         up: one read that finds nothing per node written from scratch) */
      const NodeSum *was = fresh ? NULL : ng_state_node_sum (st, k);
      if (was && was->sum == ns->sum && was->count == ns->count && was->preds == ns->preds)
        continue;
      g_snprintf (buf, sizeof buf, "%" G_GINT64_MODIFIER "x %u %" G_GINT64_MODIFIER "x",
                  ns->sum, ns->count, ns->preds);
      ng_state_put (st, 'N', k, buf, strlen (buf));
    }
  for (guint i = 0; removed && i < removed->len; i++)
    ng_state_del (st, 'N', removed->pdata[i]);
  for (guint i = 0; i < now->preds->len; i++)
    {
      g_string_append (preds, now->preds->pdata[i]);
      g_string_append_c (preds, '\n');
    }
  ng_state_put (st, '#', "preds", preds->str, preds->len);
  st->triples = (guint64) ((gint64) st->triples + delta);
  g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, st->triples);
  ng_state_put (st, '#', "triples", buf, strlen (buf));
}

/* ------------------------------------------------------------ records */

static void
put_count_lines (GString *out, char tag, GHashTable *counts)
{
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init (&it, counts);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      char n[16];
      g_string_append_c (out, tag);
      ng_facts_put_field (out, k);
      g_snprintf (n, sizeof n, "%u", GPOINTER_TO_UINT (v));
      ng_facts_put_field (out, n);
      g_string_append_c (out, '\n');
    }
}

gboolean
ng_entity_is_empty (const Entity *e)
{
  return e->mentions == 0 && g_hash_table_size (e->types) == 0
         && g_hash_table_size (e->names) == 0 && g_hash_table_size (e->alt) == 0
         && ng_entity_article_count (e) == 0 && g_hash_table_size (e->same_as) == 0
         && g_hash_table_size (e->described) == 0 && g_hash_table_size (e->children) == 0;
}

void
ng_state_put_entity (NgMergeState *st, const Entity *e)
{
  g_autoptr (GString) out = g_string_new (NULL);
  GHashTableIter it;
  gpointer k, v;
  if (ng_entity_is_empty (e))
    {
      ng_state_del (st, 'E', e->iri);
      return;
    }
  g_string_append_printf (out, "m\t%u\n", e->mentions);
  put_count_lines (out, 't', e->types);
  put_count_lines (out, 'n', e->names);
  put_count_lines (out, 'a', e->alt);
  /* the number of articles, not the list: a build that adds an article
     naming a place named in thousands rewrites a short record */
  g_string_append_printf (out, "k\t%u\n", ng_entity_article_count (e));
  put_count_lines (out, 'o', e->same_as);
  put_count_lines (out, 'c', e->children);
  /* a described key is already "\tlat\tlon\tin" */
  g_hash_table_iter_init (&it, e->described);
  while (g_hash_table_iter_next (&it, &k, &v))
    g_string_append_printf (out, "d%s\t%u\n", (char *) k, GPOINTER_TO_UINT (v));
  ng_state_put (st, 'E', e->iri, out->str, out->len);
}

Entity *
ng_state_get_entity (NgMergeState *st, const char *iri)
{
  g_autofree char *v = ng_state_get (st, 'E', iri, NULL);
  Entity *e;
  g_auto (GStrv) lines = NULL;
  if (v == NULL)
    return NULL;
  e = ng_merge_entity_new (iri);
  lines = g_strsplit (v, "\n", -1);
  for (char **l = lines; *l; l++)
    {
      char *f[4];
      guint n = ng_facts_split (*l, f, 4);
      GHashTable *t = NULL;
      switch (**l)
        {
        case 'm': e->mentions = n ? (guint) g_ascii_strtoull (f[0], NULL, 10) : 0; break;
        case 'k':
          e->partial = TRUE;
          e->narticles = n && f[0] ? (guint) g_ascii_strtoull (f[0], NULL, 10) : 0;
          break;
        case 't': t = e->types; break;
        case 'n': t = e->names; break;
        case 'a': t = e->alt; break;
        case 'r': t = e->articles; break;
        case 'o': t = e->same_as; break;
        case 'c': t = e->children; break;
        case 'd':
          if (n == 4)
            {
              g_autoptr (GString) key = g_string_new (NULL);
              for (guint i = 0; i < 3; i++)
                ng_facts_put_field (key, f[i]);
              ng_count_add (e->described, key->str, (gint) g_ascii_strtoull (f[3], NULL, 10));
            }
          break;
        default: break;
        }
      if (t && n == 2 && f[0] && f[1])
        ng_count_add (t, f[0], (gint) g_ascii_strtoull (f[1], NULL, 10));
    }
  ng_merge_entity_resolve (e);
  return e;
}

/* V: kind article sentence place status target imposer actor action date
 *    article-date cluster used participant… */
void
ng_state_put_event (NgMergeState *st, const Event *e, gboolean meeting)
{
  g_autoptr (GString) out = g_string_new ("v");
  g_autofree char *date = e->date.precision != NG_DATE_NONE ? ng_date_to_string (&e->date) : NULL;
  const char *f[] = { meeting ? "m" : "s", e->article, e->sentence, e->place, e->status,
                      e->target, e->imposer, e->actor, e->action, date, e->article_date,
                      e->cluster, e->used ? "1" : "0" };
  for (guint i = 0; i < G_N_ELEMENTS (f); i++)
    ng_facts_put_field (out, f[i]);
  for (guint i = 0; i < e->participants->len; i++)
    ng_facts_put_field (out, e->participants->pdata[i]);
  ng_state_put (st, 'V', e->iri, out->str, out->len);
}

Event *
ng_state_get_event (NgMergeState *st, const char *iri, gboolean *meeting)
{
  g_autofree char *v = ng_state_get (st, 'V', iri, NULL);
  char *f[64];
  guint n;
  Event *e;
  if (v == NULL || (n = ng_facts_split (v, f, G_N_ELEMENTS (f))) < 13 || f[0] == NULL)
    return NULL;
  e = ng_merge_event_from_fields (iri, f[1], f, f + 13, n - 13);
  e->article_date = g_strdup (f[10]);
  e->cluster = g_strdup (f[11]);
  e->used = g_strcmp0 (f[12], "1") == 0;
  if (meeting)
    *meeting = strcmp (f[0], "m") == 0;
  return e;
}

/* A list record (P, T): lines "TAG\tvalue"; into a set per tag. */
void
ng_state_get_list (NgMergeState *st, char kind, const char *key, char tag, GHashTable *into)
{
  g_autofree char *v = ng_state_get (st, kind, key, NULL);
  g_auto (GStrv) lines = v ? g_strsplit (v, "\n", -1) : NULL;
  for (char **l = lines; l && *l; l++)
    {
      char *f[1];
      if (**l == tag && ng_facts_split (*l, f, 1) == 1 && f[0])
        g_hash_table_add (into, g_strdup (f[0]));
    }
}

/* A person's meeting mentions (P): lines "e\tIRI\tDATE\tN\tFOUNDER\tFN\tFP"
 * (N the mention's participants, FN and FP the founding mention's
 * participants and date precision), into INTO as IRI -> NgDated. */
void
ng_dated_bucket (const NgDate *d, char bucket[8])
{
  if (d->precision == NG_DATE_NONE || d->year < 0 || d->year > 9999)
    bucket[0] = '\0';
  else if (d->precision == NG_DATE_YEAR)
    g_snprintf (bucket, 8, "%04d", d->year);
  else
    g_snprintf (bucket, 8, "%04d-%02d", d->year, d->month);
}

char *
ng_bucket_key (const char *person, const char *bucket)
{
  return g_strconcat (person, "\t", bucket, NULL);
}

void
ng_state_get_buckets (NgMergeState *st, const char *person, GHashTable *into)
{
  ng_state_get_list (st, 'Q', person, 'b', into);
}

void
ng_state_put_bucket (NgMergeState *st, const char *person, const char *bucket,
                     GHashTable *dated)
{
  g_autofree char *key = ng_bucket_key (person, bucket);
  g_autoptr (GString) out = g_string_new (NULL);
  ng_dated_append (out, dated);
  if (out->len)
    ng_state_put (st, 'M', key, out->str, out->len);
  else
    ng_state_del (st, 'M', key);
}

/* The buckets of PERSON (bucket -> IRI -> NgDated), all of them, and the
 * list of them. */
void
ng_state_put_buckets (NgMergeState *st, const char *person, GHashTable *buckets)
{
  g_autoptr (GString) names = g_string_new (NULL);
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init (&it, buckets);
  while (g_hash_table_iter_next (&it, &k, &v))
    if (g_hash_table_size (v) > 0)
      {
        ng_state_put_bucket (st, person, k, v);
        g_string_append_c (names, 'b');
        ng_facts_put_field (names, k);
        g_string_append_c (names, '\n');
      }
  if (names->len)
    ng_state_put (st, 'Q', person, names->str, names->len);
  else
    ng_state_del (st, 'Q', person);
}

void
ng_state_get_dated (NgMergeState *st, char kind, const char *key, GHashTable *into)
{
  g_autofree char *v = ng_state_get (st, kind, key, NULL);
  g_auto (GStrv) lines = v ? g_strsplit (v, "\n", -1) : NULL;
  for (char **l = lines; l && *l; l++)
    {
      char *f[6];
      guint n;
      NgDated *d;
      if (**l != 'e' || (n = ng_facts_split (*l, f, G_N_ELEMENTS (f))) < 2 || f[0] == NULL)
        continue;
      d = g_new0 (NgDated, 1);
      d->changed = -1;
      if (f[1] == NULL || !ng_date_parse (f[1], &d->date, NULL))
        d->date = (NgDate) { 0 };
      if (n == 6 && f[2] && f[3] == NULL && f[4] == NULL && f[5] == NULL)
        d->known = TRUE, d->nparts = (guint) g_ascii_strtoull (f[2], NULL, 10);
      else if (n == 6 && f[2] && f[3] && f[4] && f[5])
        {
          d->known = TRUE;
          d->nparts = (guint) g_ascii_strtoull (f[2], NULL, 10);
          d->founder = g_strdup (f[3]);
          d->founder_nparts = (guint) g_ascii_strtoull (f[4], NULL, 10);
          d->founder_precision = (NgDatePrecision) MIN (g_ascii_strtoull (f[5], NULL, 10),
                                                        NG_DATE_DAY);
        }
      g_hash_table_replace (into, g_strdup (f[0]), d);
    }
}

NgDated *
ng_dated_new (const Event *e, const Event *founder)
{
  NgDated *d = g_new0 (NgDated, 1);
  d->changed = -1;
  d->date = e->date;
  d->known = TRUE;
  d->nparts = e->participants->len;
  if (founder)
    {
      d->founder = g_strdup (founder->iri);
      d->founder_nparts = founder->participants->len;
      d->founder_precision = founder->date.precision;
    }
  return d;
}

void
ng_dated_free (gpointer p)
{
  NgDated *d = p;
  if (d == NULL)
    return;
  g_free (d->founder);
  g_free (d->replayed);
  g_free (d);
}

void
ng_dated_append (GString *out, GHashTable *dated)
{
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init (&it, dated);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      const NgDated *d = v;
      g_autofree char *date = d->date.precision != NG_DATE_NONE ? ng_date_to_string (&d->date)
                                                                : NULL;
      g_string_append_c (out, 'e');
      ng_facts_put_field (out, k);
      ng_facts_put_field (out, date);
      if (d->known)
        {
          char num[16];
          g_snprintf (num, sizeof num, "%u", d->nparts);
          ng_facts_put_field (out, num);
          ng_facts_put_field (out, d->founder);
          if (d->founder)
            {
              g_snprintf (num, sizeof num, "%u", d->founder_nparts);
              ng_facts_put_field (out, num);
              g_snprintf (num, sizeof num, "%d", (int) d->founder_precision);
              ng_facts_put_field (out, num);
            }
          else
            {
              ng_facts_put_field (out, NULL);
              ng_facts_put_field (out, NULL);
            }
        }
      g_string_append_c (out, '\n');
    }
}

void
ng_list_append (GString *out, char tag, GHashTable *set)
{
  GHashTableIter it;
  gpointer k;
  g_hash_table_iter_init (&it, set);
  while (g_hash_table_iter_next (&it, &k, NULL))
    {
      g_string_append_c (out, tag);
      ng_facts_put_field (out, k);
      g_string_append_c (out, '\n');
    }
}

/* S: has-data article text index byte-offset char-offset uses */
void
ng_state_put_sentence (NgMergeState *st, const char *iri, const Sentence *s, guint uses)
{
  g_autoptr (GString) out = g_string_new ("s");
  char n[16];
  if (s == NULL && uses == 0)
    {
      ng_state_del (st, 'S', iri);
      return;
    }
  g_snprintf (n, sizeof n, "%u", uses);
  ng_facts_put_field (out, s ? "1" : "0");
  ng_facts_put_field (out, s ? s->article : NULL);
  ng_facts_put_field (out, s ? s->text : NULL);
  ng_facts_put_field (out, s ? s->index : NULL);
  ng_facts_put_field (out, s ? s->byte_offset : NULL);
  ng_facts_put_field (out, s ? s->char_offset : NULL);
  ng_facts_put_field (out, n);
  ng_state_put (st, 'S', iri, out->str, out->len);
}

/* The sentence (NULL when only its count is known) and its count. */
Sentence *
ng_state_get_sentence (NgMergeState *st, const char *iri, guint *uses)
{
  g_autofree char *v = ng_state_get (st, 'S', iri, NULL);
  char *f[7];
  Sentence *s = NULL;
  *uses = 0;
  if (v == NULL || ng_facts_split (v, f, 7) != 7)
    return NULL;
  *uses = (guint) g_ascii_strtoull (f[6] ? f[6] : "0", NULL, 10);
  if (g_strcmp0 (f[0], "1") == 0)
    {
      s = g_new0 (Sentence, 1);
      s->iri = g_strdup (iri);
      s->article = g_strdup (f[1]);
      s->text = g_strdup (f[2]);
      s->index = g_strdup (f[3]);
      s->byte_offset = g_strdup (f[4]);
      s->char_offset = g_strdup (f[5]);
    }
  return s;
}
