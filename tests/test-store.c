#include "config.h"
#include <stdio.h>
#include <string.h>
#include <redland.h>
#include "nieuwsgraaf/graph.h"
#include "nieuwsgraaf/merge.h"
#include "nieuwsgraaf/store.h"
#include "nieuwsgraaf/vocab.h"
#include "merge-state.h"
#include "test-util.h"
#include <glib/gstdio.h>

static const char *A = " date 2019-02-28 Donald Trump ontmoette Kim Jong-un op 27 februari in Hanoi.";
static const char *B = " date 2019-03 De top van Trump en Kim Jong-un in Hanoi vorige maand "
                       "mislukte, Trump sprak in Hanoi met Kim Jong-un.";
static const char *C = " date 2018-06-12 Trump ontmoette Kim Jong-un vandaag in Singapore.";

static char *
export (NgStore *s, const char *format)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream (&buf, &len);
  g_autoptr (GError) error = NULL;
  g_assert_true (ng_store_export (s, format, f, &error));
  g_assert_no_error (error);
  fclose (f);
  return buf;
}

static guint
count_lines_with (const char *text, const char *needle)
{
  guint n = 0;
  for (const char *p = text; (p = strstr (p, needle)); p += strlen (needle))
    n++;
  return n;
}

static int
line_cmp (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static NgStore *
memory_store (void)
{
  g_autoptr (GError) error = NULL;
  NgStore *s = ng_store_open (NULL, NG_STORE_MEMORY, &error);
  g_assert_no_error (error);
  return s;
}

static void
test_merge_same_meeting (void)
{
  g_autoptr (NgStore) s = memory_store ();
  g_autofree char *nt = NULL;
  ng_test_put (s, "a.txt", A);
  ng_test_put (s, "b.txt", B);
  g_assert_true (ng_store_merge (s, NULL));
  nt = export (s, "ntriples");
  /* one meeting node, the most precise date, two supporting articles */
  g_assert_cmpuint (count_lines_with (nt, "<" NG_RDF_TYPE "> <" NG_MEETING ">"), ==, 1);
  g_assert_cmpuint (count_lines_with (nt, "<" NG_SCHEMA_START_DATE "> \"2019-02-27\"^^<"
                                       NG_XSD_DATE ">"), ==, 1);
  g_assert_cmpuint (count_lines_with (nt, "<" NG_RDF_TYPE "> <" NG_SCHEMA_PERSON ">"), ==, 2);
  g_assert_cmpuint (count_lines_with (nt, "<" NG_SCHEMA_NAME "> \"Donald Trump\""), ==, 1);
  g_assert_cmpuint (ng_store_article_count (s), ==, 2);
}

static void
test_near_miss (void)
{
  g_autoptr (NgStore) s = memory_store ();
  g_autofree char *nt = NULL;
  ng_test_put (s, "a.txt", A);
  ng_test_put (s, "c.txt", C);
  g_assert_true (ng_store_merge (s, NULL));
  nt = export (s, "ntriples");
  /* the same two leaders, months apart, in other cities: two meetings */
  g_assert_cmpuint (count_lines_with (nt, "<" NG_RDF_TYPE "> <" NG_MEETING ">"), ==, 2);
}

/* The merged graph as sorted N-Triples. */
static char *
sorted_ntriples (NgStore *s)
{
  g_autofree char *nt = export (s, "ntriples");
  g_auto (GStrv) lines = g_strsplit (nt, "\n", -1);
  g_autoptr (GPtrArray) sorted = g_ptr_array_new ();
  GString *out = g_string_new (NULL);
  for (char **l = lines; *l; l++)
    g_ptr_array_add (sorted, *l);
  g_ptr_array_sort (sorted, line_cmp);
  for (guint i = 0; i < sorted->len; i++)
    g_string_append_printf (out, "%s\n", (char *) sorted->pdata[i]);
  return g_string_free (out, FALSE);
}

static char *
graph_of (const char *const *order, guint n)
{
  g_autoptr (NgStore) s = memory_store ();
  const char *texts[] = { A, B, C };
  const char *names[] = { "a.txt", "b.txt", "c.txt" };
  for (guint i = 0; i < n; i++)
    {
      guint k = (guint) (order[i][0] - 'a');
      ng_test_put (s, names[k], texts[k]);
    }
  g_assert_true (ng_store_merge (s, NULL));
  return sorted_ntriples (s);
}

static void
test_order_independent (void)
{
  const char *o1[] = { "a", "b", "c" }, *o2[] = { "c", "b", "a" }, *o3[] = { "b", "a", "c" };
  g_autofree char *g1 = graph_of (o1, 3);
  g_autofree char *g2 = graph_of (o2, 3);
  g_autofree char *g3 = graph_of (o3, 3);
  g_assert_cmpstr (g1, ==, g2);
  g_assert_cmpstr (g1, ==, g3);
}

static void
test_disk_idempotent (void)
{
  g_autofree char *dir = ng_test_tmpdir ();
  g_autofree char *first = NULL, *second = NULL;
  int size1;
  {
    g_autoptr (NgStore) s = ng_store_open (dir, NG_STORE_WRITE, NULL);
    g_assert_nonnull (s);
    ng_test_put (s, "a.txt", A);
    g_assert_true (ng_store_merge (s, NULL));
    size1 = ng_store_merged_size (s);
    first = export (s, "nquads");
  }
  {
    /* reopen, add the same article again: nothing changes */
    g_autoptr (NgStore) s = ng_store_open (dir, NG_STORE_WRITE, NULL);
    g_assert_nonnull (s);
    g_assert_cmpint (ng_store_merged_size (s), ==, size1);
    ng_test_put (s, "a.txt", A);
    g_assert_true (ng_store_merge (s, NULL));
    g_assert_cmpint (ng_store_merged_size (s), ==, size1);
    g_assert_cmpuint (ng_store_article_count (s), ==, 1);
    second = export (s, "nquads");
  }
  g_assert_cmpstr (first, ==, second);
  {
    /* a changed file replaces its earlier version */
    g_autoptr (NgStore) s = ng_store_open (dir, NG_STORE_WRITE, NULL);
    ng_test_put (s, "a.txt", C);
    g_assert_true (ng_store_merge (s, NULL));
    g_assert_cmpuint (ng_store_article_count (s), ==, 1);
    g_autofree char *nt = export (s, "ntriples");
    g_assert_null (strstr (nt, "Hanoi"));
    g_assert_nonnull (strstr (nt, "Singapore"));
  }
  {
    /* read-only stores refuse writes */
    g_autoptr (NgStore) s = ng_store_open (dir, NG_STORE_READ, NULL);
    g_autoptr (GError) error = NULL;
    g_autoptr (NgArticle) art = ng_article_new_from_data ("x.txt", A, strlen (A), NULL);
    g_autoptr (NgExtraction) ex = ng_extract (ng_test_gazetteer (), art);
    g_assert_nonnull (s);
    g_assert_false (ng_store_put_article (s, art, ex, &error));
    g_assert_error (error, NG_STORE_ERROR, NG_STORE_ERROR_WRITE);
  }
  ng_test_rmdir (dir);
}

static void
test_missing_and_formats (void)
{
  g_autofree char *dir = ng_test_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "nothing", NULL);
  g_autoptr (GError) e1 = NULL, e2 = NULL;
  g_autoptr (NgStore) m = memory_store ();
  FILE *f = fopen ("/dev/null", "w");
  g_assert_null (ng_store_open (missing, NG_STORE_READ, &e1));
  g_assert_error (e1, NG_STORE_ERROR, NG_STORE_ERROR_MISSING);
  g_assert_false (ng_store_export (m, "pdf", f, &e2));
  g_assert_error (e2, NG_STORE_ERROR, NG_STORE_ERROR_FORMAT);
  fclose (f);
  ng_store_free (NULL);
  ng_test_rmdir (dir);
}

/* The facts of TEXT as article NAME. */
static char *
facts_of (NgMerge *m, const char *name, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NgArticle) a = ng_article_new_from_data (name, text, strlen (text), &error);
  g_autoptr (NgExtraction) ex = NULL;
  g_autofree char *nq = NULL;
  char *facts;
  g_assert_no_error (error);
  ex = ng_extract (ng_test_gazetteer (), a);
  nq = ng_article_graph_nquads (a, ex);
  facts = ng_merge_facts_from_nquads (m, name, nq, &error);
  g_assert_no_error (error);
  return facts;
}

/* The graph NM writes, as sorted N-Triples. */
static char *
merge_ntriples (librdf_world *world, NgMerge *nm)
{
  librdf_storage *st = librdf_new_storage (world, "memory", NULL, NULL);
  librdf_model *model = librdf_new_model (world, st, NULL);
  librdf_serializer *ser = librdf_new_serializer (world, "ntriples", NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sorted = g_ptr_array_new ();
  g_auto (GStrv) lines = NULL;
  GString *out = g_string_new (NULL);
  unsigned char *text;
  g_assert_true (ng_merge_write (nm, model, &error));
  g_assert_no_error (error);
  text = librdf_serializer_serialize_model_to_string (ser, NULL, model);
  lines = g_strsplit ((const char *) text, "\n", -1);
  for (char **l = lines; *l; l++)
    g_ptr_array_add (sorted, *l);
  g_ptr_array_sort (sorted, line_cmp);
  for (guint i = 0; i < sorted->len; i++)
    g_string_append_printf (out, "%s\n", (char *) sorted->pdata[i]);
  librdf_free_memory (text);
  librdf_free_serializer (ser);
  librdf_free_model (model);
  librdf_free_storage (st);
  return g_string_free (out, FALSE);
}

typedef struct {
  NgMerge *merge;
  GAsyncQueue *queue;   /* facts (borrowed); the queue itself: no more */
  gboolean ok;
} Records;

static gpointer
records_thread (gpointer data)
{
  Records *r = data;
  for (;;)
    {
      gpointer facts = g_async_queue_pop (r->queue);
      if (facts == r->queue)
        return NULL;
      r->ok &= ng_merge_add_facts_part (r->merge, "records", facts, strlen (facts),
                                        NG_MERGE_FACTS_RECORDS, NULL);
    }
}

/* An article's facts added in two halves, the records half on another
 * thread, make the merge that adding them whole does: with the same text
 * saved twice (merged once, as the first file says it) and articles that
 * share persons, a meeting and places. */
static void
test_facts_halves (void)
{
  librdf_world *world = librdf_new_world ();
  g_autoptr (NgMerge) whole = NULL;
  g_autoptr (NgMerge) halves = NULL;
  g_autoptr (GPtrArray) facts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *expect = NULL, *got = NULL;
  const char *texts[] = { A, B, A, C, B };
  const char *names[] = { "a.txt", "b.txt", "a-again.txt", "c.txt", "b-again.txt" };
  Records r = { NULL, g_async_queue_new (), TRUE };
  GThread *thread;

  librdf_world_open (world);
  whole = ng_merge_new (world);
  halves = ng_merge_new (world);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    g_ptr_array_add (facts, facts_of (whole, names[i], texts[i]));
  r.merge = halves;
  thread = g_thread_new ("records", records_thread, &r);
  for (guint i = 0; i < facts->len; i++)
    {
      const char *f = facts->pdata[i];
      g_assert_true (ng_merge_add_facts (whole, names[i], f, strlen (f), NULL));
      g_assert_true (ng_merge_add_facts_part (halves, names[i], f, strlen (f),
                                              NG_MERGE_FACTS_PEOPLE, NULL));
      g_async_queue_push (r.queue, (gpointer) f);
    }
  g_async_queue_push (r.queue, r.queue);
  g_thread_join (thread);
  g_async_queue_unref (r.queue);
  g_assert_true (r.ok);
  expect = merge_ntriples (world, whole);
  got = merge_ntriples (world, halves);
  g_assert_cmpuint (count_lines_with (expect, "<" NG_RDF_TYPE "> <" NG_MEETING ">"), ==, 2);
  g_assert_cmpstr (got, ==, expect);

  /* a damaged line fails the half it belongs to, an unknown one both */
  {
    g_autoptr (NgMerge) m = ng_merge_new (world);
    g_autoptr (GError) error = NULL;
    const char *bad_sentence = "G\thttps://w3id.org/nieuwsgraaf/id/x\nS\tonly-one-field\n";
    const char *unknown = "Q\tx\n";
    g_assert_true (ng_merge_add_facts_part (m, "bad.nq", bad_sentence, strlen (bad_sentence),
                                            NG_MERGE_FACTS_PEOPLE, NULL));
    g_assert_false (ng_merge_add_facts_part (m, "bad.nq", bad_sentence,
                                             strlen (bad_sentence),
                                             NG_MERGE_FACTS_RECORDS, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "bad.nq"));
    for (int part = NG_MERGE_FACTS_PEOPLE; part <= NG_MERGE_FACTS_RECORDS; part <<= 1)
      g_assert_false (ng_merge_add_facts_part (m, "q.nq", unknown, strlen (unknown),
                                               (NgMergeFactsPart) part, NULL));
  }
  g_clear_pointer (&whole, ng_merge_free);
  g_clear_pointer (&halves, ng_merge_free);
  librdf_free_world (world);
}

/* The merge index is a cache: incremental merges give the graph of a merge
 * from scratch, and a damaged or missing index only means merging from
 * scratch. */
/* DIR/merged-N SUFFIX of the current generation N. */
static char *
current_file (const char *dir, const char *suffix)
{
  g_autofree char *cur = g_build_filename (dir, "CURRENT", NULL);
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_assert_true (g_file_get_contents (cur, &text, NULL, NULL));
  name = g_strdup_printf ("merged-%u%s", (guint) g_ascii_strtoull (text, NULL, 10), suffix);
  return g_build_filename (dir, name, NULL);
}

static void
to_legacy_line (const char *key, gsize key_len, const char *value, gsize len, gpointer data)
{
  g_string_append_printf (data, "F\t%.*s\t%.*s\n", (int) key_len, key, (int) len, value);
}

/* A store in DIR with articles A and C, merged. */
static NgStore *
store_of_a_c (const char *dir)
{
  NgStore *s = ng_store_open (dir, NG_STORE_WRITE, NULL);
  ng_test_put (s, "a.txt", A);
  ng_test_put (s, "c.txt", C);
  g_assert_true (ng_store_merge (s, NULL));
  return s;
}

/* A store of the older format (its file list a text index beside the
 * merge state) goes on incrementally, and the next generation lists its
 * files in the merge state. */
static void
test_older_index (void)
{
  g_autofree char *dir = ng_test_tmpdir ();
  g_autofree char *all = NULL;
  {
    const char *o[] = { "a", "b", "c" };
    all = graph_of (o, 3);
  }
  {
    g_autoptr (NgStore) s = store_of_a_c (dir);
  }
  {
    g_autofree char *state_path = current_file (dir, "-state.db");
    g_autofree char *index_path = current_file (dir, ".index");
    g_autofree char *stamp = g_build_filename (dir, "articles.stamp", NULL);
    g_autoptr (GString) index = g_string_new ("nieuwsgraaf-merge-index 2\n");
    NgMergeState *st = ng_merge_state_open (state_path, FALSE, NULL);
    g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
    g_assert_nonnull (st);
    g_assert_true (ng_state_each (st, 'F', to_legacy_line, index));
    g_string_append_printf (index, "T\t%" G_GUINT64_FORMAT "\n", ng_merge_state_triples (st));
    {
      g_auto (GStrv) lines = g_strsplit (index->str, "\n", -1);
      for (char **l = lines + 1; *l; l++)
        if (g_str_has_prefix (*l, "F\t"))
          {
            g_auto (GStrv) f = g_strsplit (*l, "\t", 3);
            g_ptr_array_add (keys, g_strdup (f[1]));
          }
    }
    g_assert_cmpuint (keys->len, ==, 2);
    for (guint i = 0; i < keys->len; i++)
      ng_state_del (st, 'F', keys->pdata[i]);
    ng_state_del (st, '#', "files");
    g_assert_true (ng_merge_state_close (st, NULL));
    g_assert_true (g_file_set_contents (index_path, index->str, -1, NULL));
    g_unlink (stamp);
  }
  {
    g_autoptr (NgStore) s = ng_store_open (dir, NG_STORE_WRITE, NULL);
    g_autofree char *nt = NULL;
    g_autofree char *state_path = NULL;
    g_autofree char *count = NULL;
    NgMergeState *st;
    ng_test_put (s, "b.txt", B);
    g_assert_true (ng_store_merge (s, NULL));
    nt = sorted_ntriples (s);
    g_assert_cmpstr (nt, ==, all);
    g_assert_true (ng_store_is_current (s));
    state_path = current_file (dir, "-state.db");
    st = ng_merge_state_open (state_path, FALSE, NULL);
    g_assert_nonnull (st);
    count = ng_state_get (st, '#', "files", NULL);
    g_assert_cmpstr (count, ==, "3");
    g_assert_true (ng_merge_state_close (st, NULL));
  }
  ng_test_rmdir (dir);
}

static void
test_merge_index (void)
{
  g_autofree char *dir = ng_test_tmpdir ();
  g_autofree char *all = NULL;
  {
    const char *o[] = { "a", "b", "c" };
    all = graph_of (o, 3);
  }
  {
    g_autoptr (NgStore) s = store_of_a_c (dir);
    ng_test_put (s, "b.txt", B);            /* one more, merged incrementally */
    g_assert_true (ng_store_merge (s, NULL));
    g_autofree char *nt = sorted_ntriples (s);
    g_assert_cmpstr (nt, ==, all);
    g_assert_true (ng_store_is_current (s));
  }
  {
    /* damage the merge state (the file list) of the current generation */
    g_autofree char *path = current_file (dir, "-state.db");
    g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_set_contents (path, "nieuwsgraaf-merge-index 1\nF\tx", -1, NULL));
  }
  {
    g_autoptr (NgStore) s = ng_store_open (dir, NG_STORE_WRITE, NULL);
    g_autoptr (GError) error = NULL;
    ng_test_put (s, "b.txt", C);             /* a changed article */
    ng_test_put (s, "b.txt", B);             /* and back */
    g_assert_true (ng_store_merge (s, &error));
    g_assert_no_error (error);
    g_autofree char *nt = sorted_ntriples (s);
    g_assert_cmpstr (nt, ==, all);
    g_assert_cmpint (ng_store_merged_size (s), ==, (int) count_lines_with (nt, " .\n"));
  }
  ng_merge_nodes_free (NULL);
  ng_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/merge-same-meeting", test_merge_same_meeting);
  g_test_add_func ("/store/near-miss", test_near_miss);
  g_test_add_func ("/store/order-independent", test_order_independent);
  g_test_add_func ("/store/disk-idempotent", test_disk_idempotent);
  g_test_add_func ("/store/missing-and-formats", test_missing_and_formats);
  g_test_add_func ("/store/merge-index", test_merge_index);
  g_test_add_func ("/store/older-index", test_older_index);
  g_test_add_func ("/store/facts-halves", test_facts_halves);
  return g_test_run ();
}
