/* bench-extract.c — extraction speed: MB/s of article text and articles/s.
 *
 *   make bench-extract [BENCH_ARGS='FILE|DIR… [-n ROUNDS]']
 *
 * Reads the articles once, then runs ng_extract over all of them ROUNDS
 * times (default 20) on one thread and prints the rate.  Without arguments
 * it uses the bundled sample articles.  Not a test: nothing is asserted. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nieuwsgraaf/extract.h"
#include "nieuwsgraaf/gazetteer.h"
#include "nieuwsgraaf/reader.h"

static void
add_path (GPtrArray *arts, const char *path)
{
  g_autoptr (GError) error = NULL;
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GDir) d = g_dir_open (path, 0, &error);
      g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *n;
      if (d == NULL)
        {
          g_printerr ("%s\n", error->message);
          return;
        }
      while ((n = g_dir_read_name (d)))
        g_ptr_array_add (names, g_build_filename (path, n, NULL));
      for (guint i = 0; i < names->len; i++)
        add_path (arts, names->pdata[i]);
      return;
    }
  NgArticle *a = ng_article_new_from_file (path, &error);
  if (a == NULL)
    g_printerr ("skipped: %s\n", error->message);
  else
    g_ptr_array_add (arts, a);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NgGazetteer) gaz = ng_gazetteer_load (ng_gazetteer_default_dir (), &error);
  g_autoptr (GPtrArray) arts = g_ptr_array_new_with_free_func ((GDestroyNotify) ng_article_free);
  guint rounds = 20;
  gsize bytes = 0, facts = 0;
  gint64 t0, t1;
  double secs, cpu;
  clock_t c0, c1;

  if (gaz == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "-n") == 0 && i + 1 < argc)
      {
        int n = atoi (argv[++i]);
        rounds = n > 0 ? (guint) n : 1;
      }
    else
      add_path (arts, argv[i]);
  if (arts->len == 0)
    {
      g_printerr ("usage: bench-extract FILE|DIR… [-n ROUNDS]\n");
      return 2;
    }
  for (guint i = 0; i < arts->len; i++)
    bytes += ng_article_get_length (arts->pdata[i]);

  t0 = g_get_monotonic_time ();
  c0 = clock ();
  for (guint r = 0; r < rounds; r++)
    for (guint i = 0; i < arts->len; i++)
      {
        NgExtraction *ex = ng_extract (gaz, arts->pdata[i]);
        facts += ex->mentions->len + ex->meetings->len + ex->sanctions->len;
        ng_extraction_free (ex);
      }
  c1 = clock ();
  t1 = g_get_monotonic_time ();
  secs = MAX ((double) (t1 - t0) / 1e6, 1e-9);
  /* per core: the CPU time of this one thread, which other load on the
     machine does not inflate as it does the wall time */
  cpu = MAX ((double) (c1 - c0) / CLOCKS_PER_SEC, 1e-9);
  printf ("%u articles, %.2f MB, %u rounds, %.3f s wall, %.3f s CPU: "
          "%.2f MB/s, %.0f articles/s per core (wall: %.2f MB/s; "
          "%" G_GSIZE_FORMAT " facts per round)\n",
          arts->len, (double) bytes / 1e6, rounds, secs, cpu,
          (double) bytes * rounds / 1e6 / cpu, (double) arts->len * rounds / cpu,
          (double) bytes * rounds / 1e6 / secs, facts / rounds);
  return 0;
}
