/* test-bulk.c — the bulk writer's Berkeley DB files are a Redland "hashes"
 * storage: Redland opens them and finds every statement through each of
 * its indexes, and can go on adding and removing. */
#include <db.h>
#include <glib.h>
#include <redland.h>
#include "bulk-bdb.h"
#include "rdf-util.h"
#include "test-util.h"

#define EX "https://example.org/"

typedef struct {
  librdf_world *world;
  char *dir;
} Fx;

static void
fx_setup (Fx *f, gconstpointer data)
{
  f->world = librdf_new_world ();
  librdf_world_open (f->world);
  ng_bulk_register (f->world);
  f->dir = ng_test_tmpdir ();
}

static void
fx_teardown (Fx *f, gconstpointer data)
{
  ng_test_rmdir (f->dir);
  g_free (f->dir);
  librdf_free_world (f->world);
}

static librdf_node *
uri (Fx *f, const char *local)
{
  g_autofree char *iri = g_strconcat (EX, local, NULL);
  return librdf_new_node_from_uri_string (f->world, (const unsigned char *) iri);
}

static librdf_statement *
stmt (Fx *f, const char *s, const char *p, librdf_node *o)
{
  return librdf_new_statement_from_nodes (f->world, uri (f, s), uri (f, p), o);
}

static librdf_node *
typed (Fx *f, const char *value, const char *datatype)
{
  librdf_uri *dt = datatype ? librdf_new_uri (f->world, (const unsigned char *) datatype)
                            : NULL;
  librdf_node *n = librdf_new_node_from_typed_literal (f->world,
                                                       (const unsigned char *) value,
                                                       NULL, dt);
  if (dt)
    librdf_free_uri (dt);
  return n;
}

/* The statements of the test graph; each call makes new ones. */
static GPtrArray *
graph (Fx *f)
{
  GPtrArray *a = g_ptr_array_new_with_free_func ((GDestroyNotify) librdf_free_statement);
  g_ptr_array_add (a, stmt (f, "kim", "type", uri (f, "Person")));
  g_ptr_array_add (a, stmt (f, "moon", "type", uri (f, "Person")));
  g_ptr_array_add (a, stmt (f, "kim", "name", typed (f, "Kim Jong-un", NULL)));
  g_ptr_array_add (a, stmt (f, "kim", "name",
                            librdf_new_node_from_literal (f->world,
                                                          (const unsigned char *) "Kim",
                                                          "nl", 0)));
  g_ptr_array_add (a, stmt (f, "top", "date",
                            typed (f, "2018-04-27", "http://www.w3.org/2001/XMLSchema#date")));
  g_ptr_array_add (a, stmt (f, "top", "count",
                            typed (f, "2", "http://www.w3.org/2001/XMLSchema#integer")));
  /* one subject+predicate with many values, as a person supported by many
     articles has */
  for (int i = 0; i < 500; i++)
    {
      g_autofree char *art = g_strdup_printf ("article/%03d", i);
      g_ptr_array_add (a, stmt (f, "kim", "derivedFrom", uri (f, art)));
    }
  return a;
}

/* The caller's work run beside the indexes: counts its runs. */
static gpointer
count_run (gpointer data)
{
  g_atomic_int_inc ((gint *) data);
  return NULL;
}

static void
test_supported (Fx *f, gconstpointer data)
{
  g_assert_true (ng_bulk_supported (f->world));
}

static librdf_model *
open_hashes (Fx *f, librdf_storage **st)
{
  g_autofree char *opts = g_strdup_printf ("hash-type='bdb',dir='%s',new='no',write='yes'",
                                           f->dir);
  *st = librdf_new_storage (f->world, "hashes", "g", opts);
  g_assert_nonnull (*st);
  return librdf_new_model (f->world, *st, NULL);
}

static int
count_iter (librdf_iterator *it)
{
  int n = 0;
  for (; it && !librdf_iterator_end (it); librdf_iterator_next (it))
    n++;
  if (it)
    librdf_free_iterator (it);
  return n;
}

static void
test_redland_reads (Fx *f, gconstpointer data)
{
  g_autoptr (GPtrArray) in = graph (f);
  g_autoptr (GError) error = NULL;
  librdf_storage *bulk = ng_bulk_storage_new (f->world, f->dir, "g");
  librdf_model *bm = librdf_new_model (f->world, bulk, NULL);
  librdf_storage *st;
  librdf_model *m;
  guint n = in->len;

  g_assert_nonnull (bm);
  /* in reverse order, and every statement twice: a set holds each once */
  for (guint round = 0; round < 2; round++)
    for (guint i = in->len; i-- > 0;)
      g_assert_cmpint (librdf_model_add_statement (bm, in->pdata[i]), ==, 0);
  /* DATA: on how many threads the indexes are written; the work given to
     run beside them runs once */
  {
    gint runs = 0;
    g_assert_true (ng_bulk_storage_finish (bulk, GPOINTER_TO_UINT (data), count_run, &runs,
                                           &error));
    g_assert_no_error (error);
    g_assert_cmpint (runs, ==, 1);
  }
  librdf_free_model (bm);
  librdf_free_storage (bulk);

  m = open_hashes (f, &st);
  g_assert_nonnull (m);
  {
    /* the whole graph (sp2o) */
    librdf_stream *s = librdf_model_as_stream (m);
    guint seen = 0;
    for (; !librdf_stream_end (s); librdf_stream_next (s))
      seen++;
    librdf_free_stream (s);
    g_assert_cmpuint (seen, ==, n);
  }
  for (guint i = 0; i < in->len; i++)
    g_assert_true (librdf_model_contains_statement (m, in->pdata[i]));
  {
    /* subject + predicate (sp2o), predicate + object (po2s), subject +
       object (so2p) */
    g_autoptr (librdf_node) kim = uri (f, "kim");
    g_autoptr (librdf_node) derived = uri (f, "derivedFrom");
    g_autoptr (librdf_node) type = uri (f, "type");
    g_autoptr (librdf_node) person = uri (f, "Person");
    g_autoptr (librdf_node) art = uri (f, "article/123");
    g_assert_cmpint (count_iter (librdf_model_get_targets (m, kim, derived)), ==, 500);
    g_assert_cmpint (count_iter (librdf_model_get_sources (m, type, person)), ==, 2);
    g_assert_cmpint (count_iter (librdf_model_get_arcs (m, kim, art)), ==, 1);
  }
  {
    /* each index keeps a subject's values as a sorted duplicate set (a
       B-tree Berkeley DB searches, not a list it walks), and Redland adds
       to and removes from the middle of one */
    const char *names[] = { "sp2o", "po2s", "so2p" };
    librdf_statement *more = stmt (f, "kim", "derivedFrom", uri (f, "article/123a"));
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *file = g_strdup_printf ("%s/g-%s.db", f->dir, names[i]);
        DB *db = NULL;
        u_int32_t flags = 0;
        DBTYPE type;
        g_assert_cmpint (db_create (&db, NULL, 0), ==, 0);
        g_assert_cmpint (db->open (db, NULL, file, NULL, DB_UNKNOWN, DB_RDONLY, 0), ==, 0);
        g_assert_cmpint (db->get_type (db, &type), ==, 0);
        g_assert_cmpint (type, ==, DB_BTREE);
        g_assert_cmpint (db->get_flags (db, &flags), ==, 0);
        g_assert_true (flags & DB_DUPSORT);
        db->close (db, 0);
      }
    g_assert_cmpint (librdf_model_add_statement (m, more), ==, 0);
    g_assert_true (librdf_model_contains_statement (m, more));
    g_assert_cmpint (librdf_model_remove_statement (m, in->pdata[200]), ==, 0);
    g_assert_false (librdf_model_contains_statement (m, in->pdata[200]));
    g_assert_true (librdf_model_contains_statement (m, in->pdata[201]));
    {
      g_autoptr (librdf_node) kim = uri (f, "kim");
      g_autoptr (librdf_node) derived = uri (f, "derivedFrom");
      g_assert_cmpint (count_iter (librdf_model_get_targets (m, kim, derived)), ==, 500);
    }
    librdf_free_statement (more);
  }
  {
    /* Redland goes on writing to it */
    librdf_statement *extra = stmt (f, "moon", "name", typed (f, "Moon Jae-in", NULL));
    g_assert_cmpint (librdf_model_add_statement (m, extra), ==, 0);
    g_assert_cmpint (librdf_model_remove_statement (m, in->pdata[0]), ==, 0);
    g_assert_true (librdf_model_contains_statement (m, extra));
    g_assert_false (librdf_model_contains_statement (m, in->pdata[0]));
    librdf_free_statement (extra);
  }
  librdf_free_model (m);
  librdf_free_storage (st);
}

/* Statements collected by a writer of another librdf world (the articles'
 * nodes of a merge written on a second thread) are taken over by the
 * first: each statement is written once, whichever collected it. */
static void
test_absorb (Fx *f, gconstpointer data)
{
  Fx other = { librdf_new_world (), f->dir };
  g_autoptr (GPtrArray) mine = graph (f);
  g_autoptr (GError) error = NULL;
  librdf_storage *a = ng_bulk_storage_new (f->world, f->dir, "g"), *st;
  librdf_model *am = librdf_new_model (f->world, a, NULL), *m;
  guint n = mine->len, seen = 0;
  librdf_stream *s;

  librdf_world_open (other.world);
  ng_bulk_register (other.world);
  {
    g_autoptr (GPtrArray) theirs = graph (&other);
    librdf_storage *b = ng_bulk_storage_new (other.world, f->dir, "g");
    librdf_model *bm = librdf_new_model (other.world, b, NULL);
    /* the first two thirds here, the last two there: the middle third in
       both, and every node of the last third stored by both */
    for (guint i = 0; i < n; i++)
      {
        if (i < n * 2 / 3)
          g_assert_cmpint (librdf_model_add_statement (am, mine->pdata[i]), ==, 0);
        if (i >= n / 3)
          g_assert_cmpint (librdf_model_add_statement (bm, theirs->pdata[i]), ==, 0);
      }
    g_assert_true (ng_bulk_storage_absorb (a, b));
    g_assert_cmpint (librdf_model_size (bm), ==, 0);
    librdf_free_model (bm);
    librdf_free_storage (b);
  }
  librdf_free_world (other.world);   /* what A took over does not depend on it */
  g_assert_true (ng_bulk_storage_finish (a, 2, NULL, NULL, &error));
  g_assert_no_error (error);
  librdf_free_model (am);
  librdf_free_storage (a);

  m = open_hashes (f, &st);
  s = librdf_model_as_stream (m);
  for (; !librdf_stream_end (s); librdf_stream_next (s))
    seen++;
  librdf_free_stream (s);
  g_assert_cmpuint (seen, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_true (librdf_model_contains_statement (m, mine->pdata[i]));
  librdf_free_model (m);
  librdf_free_storage (st);
}

static void
test_unwritable (Fx *f, gconstpointer data)
{
  g_autoptr (GPtrArray) in = graph (f);
  g_autoptr (GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "no", "such", "dir", NULL);
  librdf_storage *bulk = ng_bulk_storage_new (f->world, missing, "g");
  librdf_model *bm = librdf_new_model (f->world, bulk, NULL);

  gint runs = 0;

  g_assert_cmpint (librdf_model_add_statement (bm, in->pdata[0]), ==, 0);
  /* the work given to run beside the indexes runs even when they fail */
  g_assert_false (ng_bulk_storage_finish (bulk, 2, count_run, &runs, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "g-sp2o.db"));
  g_assert_cmpint (runs, ==, 1);
  librdf_free_model (bm);
  librdf_free_storage (bulk);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/bulk/supported", Fx, NULL, fx_setup, test_supported, fx_teardown);
  g_test_add ("/bulk/redland-reads", Fx, GUINT_TO_POINTER (2), fx_setup, test_redland_reads,
              fx_teardown);
  g_test_add ("/bulk/redland-reads-one-thread", Fx, GUINT_TO_POINTER (1), fx_setup,
              test_redland_reads, fx_teardown);
  g_test_add ("/bulk/absorb", Fx, NULL, fx_setup, test_absorb, fx_teardown);
  g_test_add ("/bulk/unwritable", Fx, NULL, fx_setup, test_unwritable, fx_teardown);
  return g_test_run ();
}
