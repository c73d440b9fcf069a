/* bench-sparql.c — latency of queries through nieuwsgraaf's engine over a
 * Turtle file loaded into an in-memory librdf model.
 *
 *   bench-sparql DATA.ttl QUERY.rq...
 *
 * Prints, per query, the rows and the median of 5 runs in milliseconds
 * (loading the data is not counted).  A measurement for `make bench`, not
 * a test. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <redland.h>

#include "nieuwsgraaf/sparql.h"
#include "nieuwsgraaf/vocab.h"

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (int argc, char **argv)
{
  librdf_world *world;
  librdf_storage *st;
  librdf_model *m;
  librdf_parser *p;
  librdf_uri *uri;
  g_autofree char *abs = NULL, *file_uri = NULL;
  gint64 t0;

  if (argc < 3)
    {
      fprintf (stderr, "usage: bench-sparql DATA.ttl QUERY.rq...\n");
      return 2;
    }
  world = librdf_new_world ();
  librdf_world_open (world);
  st = librdf_new_storage (world, "hashes", NULL, "hash-type='memory'");
  m = librdf_new_model (world, st, NULL);
  p = librdf_new_parser (world, "turtle", NULL, NULL);
  abs = g_canonicalize_filename (argv[1], NULL);
  file_uri = g_filename_to_uri (abs, NULL, NULL);
  uri = librdf_new_uri (world, (const unsigned char *) file_uri);
  t0 = g_get_monotonic_time ();
  if (librdf_parser_parse_into_model (p, uri, uri, m) != 0)
    {
      fprintf (stderr, "bench-sparql: cannot load %s\n", argv[1]);
      return 1;
    }
  printf ("loaded %d triples in %.1f s\n", librdf_model_size (m),
          (double) (g_get_monotonic_time () - t0) / G_USEC_PER_SEC);
  for (int i = 2; i < argc; i++)
    {
      g_autofree char *text = NULL;
      double ms[5];
      guint rows = 0;
      g_autoptr (GError) error = NULL;
      if (!g_file_get_contents (argv[i], &text, NULL, &error))
        {
          fprintf (stderr, "bench-sparql: %s\n", error->message);
          return 1;
        }
      for (int r = 0; r < 5; r++)
        {
          NgSparqlDataset ds = { world, m, NULL, NULL, NULL, NULL };
          gint64 s = g_get_monotonic_time ();
          g_autoptr (NgSparqlQuery) q = ng_sparql_query_new (world, text, ng_vocab_sparql_prologue (),
                                                             NULL, &error);
          g_autoptr (NgSparqlResults) res = q ? ng_sparql_query_execute (q, &ds, 0, NULL, &error) : NULL;
          gsize len;
          g_autofree char *out = res ? ng_sparql_results_write (res, "json", &len, &error) : NULL;
          if (out == NULL)
            {
              fprintf (stderr, "bench-sparql: %s: %s\n", argv[i], error->message);
              return 1;
            }
          ms[r] = (double) (g_get_monotonic_time () - s) / 1000.0;
          rows = ng_sparql_results_get_count (res);
        }
      qsort (ms, 5, sizeof ms[0], cmp_double);
      printf ("%-28s %6u rows  %9.1f ms\n", g_path_get_basename (argv[i]), rows, ms[2]);
    }
  librdf_free_uri (uri);
  librdf_free_parser (p);
  librdf_free_model (m);
  librdf_free_storage (st);
  librdf_free_world (world);
  return 0;
}
