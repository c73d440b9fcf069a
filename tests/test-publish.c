/* test-publish.c — what of publishing can be tested without a server: the
 * loader's argument checks, how it reports what isql says (a stand-in isql
 * script plays the server), that it leaves no files behind, and NULL-safe
 * frees.  tests/publish.sh drives both ways against a real Virtuoso. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "nieuwsgraaf/publish.h"

static char *
make_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("ng-test-publish-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

static gboolean
dir_is_empty (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  return dir != NULL && g_dir_read_name (dir) == NULL;
}

/* An executable "isql" that prints BODY and exits with STATUS. */
static char *
fake_isql (const char *dir, const char *body, int status)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, "isql", NULL);
  g_autofree char *script = g_strdup_printf ("#!/bin/sh\ncat > /dev/null\nprintf '%%s\\n' '%s'\nexit %d\n",
                                             body, status);
  g_file_set_contents (path, script, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  return path;
}

static void
test_free_null (void)
{
  ng_loader_free (NULL);
  ng_publisher_free (NULL);
}

static void
test_new_errors (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autofree char *quoted = g_build_filename (dir, "it's", NULL);
  g_autoptr (GError) error = NULL;
  NgLoader *l;

  l = ng_loader_new ("127.0.0.1:1111", missing, &error);
  g_assert_null (l);
  g_assert_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "DirsAllowed"));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (quoted, 0700), ==, 0);
  l = ng_loader_new ("127.0.0.1:1111", quoted, &error);
  g_assert_null (l);
  g_assert_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_IO);
  g_clear_error (&error);

  l = ng_loader_new ("", dir, &error);
  g_assert_null (l);
  g_assert_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_URL);
  g_clear_error (&error);

  l = ng_loader_new ("127.0.0.1:1111", dir, &error);
  g_assert_no_error (error);
  g_assert_false (ng_loader_set_server_dir (l, "relative/dir", &error));
  g_assert_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_IO);
  ng_loader_free (l);

  g_rmdir (quoted);
  g_rmdir (dir);
}

/* Loads an empty in-memory store through a stand-in isql that says BODY
 * and exits with STATUS; the error must be DOMAIN/CODE and mention WORD,
 * and the loader directory must be left empty. */
static void
check_isql_failure (const char *body, int status, int code, const char *word)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *load_dir = g_build_filename (dir, "load", NULL);
  g_autofree char *isql = fake_isql (dir, body, status);
  g_autoptr (GError) error = NULL;
  g_autoptr (NgStore) store = ng_store_open (NULL, NG_STORE_MEMORY, &error);
  g_autoptr (NgLoader) loader = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (load_dir, 0700), ==, 0);
  loader = ng_loader_new ("127.0.0.1:1111", load_dir, &error);
  g_assert_no_error (error);
  ng_loader_set_isql (loader, isql);
  ng_loader_set_credentials (loader, "dba", "secret-in-test");
  g_assert_false (ng_loader_load_store (loader, store, NULL, FALSE, &error));
  g_assert_error (error, NG_PUBLISH_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, word));
  g_assert_null (strstr (error->message, "secret-in-test"));
  g_assert_true (dir_is_empty (load_dir));

  g_unlink (isql);
  g_rmdir (load_dir);
  g_rmdir (dir);
}

static void
test_isql_denied (void)
{
  check_isql_failure ("*** Error 42000: [Virtuoso Driver][Virtuoso Server]FA003: Access "
                      "to /x is denied due to access control in ini file", 0,
                      NG_PUBLISH_ERROR_LOADER, "DirsAllowed");
}

static void
test_isql_bad_login (void)
{
  check_isql_failure ("*** Error 28000: [Virtuoso Driver]CL034: Bad login", 3,
                      NG_PUBLISH_ERROR_AUTH, "refused user dba");
}

static void
test_isql_unreachable (void)
{
  check_isql_failure ("*** Error S2801: [Virtuoso Driver]CL033: Connect failed to "
                      "127.0.0.1:1111 = 127.0.0.1:1111.", 3,
                      NG_PUBLISH_ERROR_CONNECT, "SQL port");
}

static void
test_isql_not_seeing (void)
{
  /* an isql that says nothing: the server did not list our directory */
  check_isql_failure ("", 0, NG_PUBLISH_ERROR_LOADER, "shared directory");
}

static void
test_isql_status (void)
{
  check_isql_failure ("", 5, NG_PUBLISH_ERROR_LOADER, "status 5");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/publish/free-null", test_free_null);
  g_test_add_func ("/publish/loader/new-errors", test_new_errors);
  g_test_add_func ("/publish/loader/isql-denied", test_isql_denied);
  g_test_add_func ("/publish/loader/isql-bad-login", test_isql_bad_login);
  g_test_add_func ("/publish/loader/isql-unreachable", test_isql_unreachable);
  g_test_add_func ("/publish/loader/isql-not-seeing", test_isql_not_seeing);
  g_test_add_func ("/publish/loader/isql-status", test_isql_status);
  return g_test_run ();
}
