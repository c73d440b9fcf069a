/* main.c — nieuwsgraaf SUBCOMMAND … */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "cli.h"

static const struct {
  const char *name;
  int (*run) (int, char **);
  const char *summary;
} commands[] = {
  { "build", ng_cmd_build, "read articles, extract, merge into the store" },
  { "extract", ng_cmd_extract, "print the RDF of one article (Turtle)" },
  { "export", ng_cmd_export, "write the merged graph (Turtle, N-Triples, N-Quads, RDF/XML)" },
  { "query", ng_cmd_query, "run a SPARQL query on the merged graph" },
  { "update", ng_cmd_update, "apply a SPARQL Update to the store (kept across builds)" },
  { "serve", ng_cmd_serve, "serve the merged graph as a SPARQL endpoint" },
  { "stats", ng_cmd_stats, "count what the graph holds" },
  { "publish", ng_cmd_publish, "send the graph to a SPARQL 1.1 Graph Store" },
};

static void
usage (FILE *out)
{
  fprintf (out,
           "Usage: nieuwsgraaf COMMAND [OPTION…] [ARG…]\n\n"
           "Builds a knowledge graph of persons, meetings, sanctions and places\n"
           "from Dutch news articles, and serves it over SPARQL.\n\n"
           "Commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-9s %s\n", commands[i].name, commands[i].summary);
  fprintf (out,
           "\n'nieuwsgraaf COMMAND --help' describes a command; 'man nieuwsgraaf'\n"
           "has the whole manual.\n\n"
           "Exit status: 0 success, 1 some inputs failed or the command failed,\n"
           "2 usage error.\n");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      usage (stderr);
      return NG_EXIT_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0
      || strcmp (argv[1], "help") == 0)
    {
      if (argc > 2 && strcmp (argv[1], "help") == 0)
        {
          for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
            if (strcmp (argv[2], commands[i].name) == 0)
              {
                char *args[] = { argv[2], (char *) "--help", NULL };
                return commands[i].run (2, args);
              }
        }
      usage (stdout);
      return NG_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("nieuwsgraaf %s\n", PACKAGE_VERSION);
      return NG_EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      {
        g_autofree char *prg = g_strdup_printf ("nieuwsgraaf %s", commands[i].name);
        g_set_prgname (prg);
        return commands[i].run (argc - 1, argv + 1);
      }
  fprintf (stderr, "nieuwsgraaf: unknown command “%s”\n\n", argv[1]);
  usage (stderr);
  return NG_EXIT_USAGE;
}
