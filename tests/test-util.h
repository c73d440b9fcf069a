/* test-util.h — shared by the unit tests. */
#ifndef NG_TEST_UTIL_H
#define NG_TEST_UTIL_H

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include "nieuwsgraaf/gazetteer.h"
#include "nieuwsgraaf/extract.h"
#include "nieuwsgraaf/store.h"

/* The reference data ($NG_DATA_DIR, set by make check). */
static inline NgGazetteer *
ng_test_gazetteer (void)
{
  static NgGazetteer *gaz;
  if (gaz == NULL)
    {
      g_autoptr (GError) error = NULL;
      gaz = ng_gazetteer_load (ng_gazetteer_default_dir (), &error);
      g_assert_no_error (error);
      g_assert_nonnull (gaz);
    }
  return gaz;
}

/* A fresh temporary directory, removed by ng_test_rmdir. */
static inline char *
ng_test_tmpdir (void)
{
  g_autoptr (GError) error = NULL;
  char *d = g_dir_make_tmp ("ng-test-XXXXXX", &error);
  g_assert_no_error (error);
  return d;
}

static inline void
ng_test_rmdir (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *n;
  if (d == NULL)
    return;
  while ((n = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (dir, n, NULL);
      if (g_file_test (p, G_FILE_TEST_IS_DIR))
        ng_test_rmdir (p);
      else
        g_unlink (p);
    }
  g_dir_close (d);
  g_rmdir (dir);
}

/* Extracts TEXT as article NAME into STORE. */
static inline void
ng_test_put (NgStore *store, const char *name, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NgArticle) a = ng_article_new_from_data (name, text, strlen (text), &error);
  g_autoptr (NgExtraction) ex = NULL;
  g_assert_no_error (error);
  ex = ng_extract (ng_test_gazetteer (), a);
  g_assert_true (ng_store_put_article (store, a, ex, &error));
  g_assert_no_error (error);
}

#endif
