/* cmd-extract.c — nieuwsgraaf extract [--format turtle|nquads] FILE… */
#include "config.h"

#include <string.h>

#include "cli.h"
#include "nieuwsgraaf/extract.h"
#include "nieuwsgraaf/gazetteer.h"
#include "nieuwsgraaf/graph.h"
#include "nieuwsgraaf/reader.h"

static gboolean opt_merged;
static gboolean opt_explain;
static char *opt_format;

static GOptionEntry entries[] = {
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format,
    "turtle (default; one FILE) or nquads (each article's named graph, for "
    "“nieuwsgraaf build” on another machine)", "F" },
  { "merged", 'm', 0, G_OPTION_ARG_NONE, &opt_merged,
    "With turtle: print the merged graph of this one article instead of its "
    "article graph", NULL },
  { "explain", 'e', 0, G_OPTION_ARG_NONE, &opt_explain,
    "Instead of RDF, print per fact (meeting, sanction, mention) its sentence "
    "and the rule or evidence that produced it", NULL },
  G_OPTION_ENTRY_NULL
};

static int
turtle (const NgGazetteer *gaz, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NgArticle) art = ng_article_new_from_file (path, &error);
  g_autoptr (NgExtraction) ex = NULL;
  g_autoptr (NgStore) store = NULL;

  if (art == NULL)
    {
      ng_cli_error ("%s", error->message);
      return NG_EXIT_PARTIAL;
    }
  ex = ng_extract (gaz, art);
  store = ng_cli_open_store (NULL, NG_STORE_MEMORY);
  if (store == NULL)
    return NG_EXIT_PARTIAL;
  if (!ng_store_put_article (store, art, ex, &error)
      || (opt_merged && !ng_store_merge (store, &error))
      || !ng_store_export (store, opt_merged ? "turtle" : "articles-turtle", stdout,
                           &error))
    {
      ng_cli_error ("%s", error->message);
      return NG_EXIT_PARTIAL;
    }
  return NG_EXIT_OK;
}

static const char *
sentence_text (const NgExtraction *ex, guint i)
{
  return i < ex->sentences->len ? ((NgSentence *) ex->sentences->pdata[i])->text : "";
}

/* Why each fact was found: the sentence and the rule, for a reader who
 * wants to check the extraction without reading the RDF. */
static int
explain (const NgGazetteer *gaz, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NgArticle) art = ng_article_new_from_file (path, &error);
  g_autoptr (NgExtraction) ex = NULL;
  static const char *const kinds[] = { "person", "place", "organisation" };

  if (art == NULL)
    {
      ng_cli_error ("%s", error->message);
      return NG_EXIT_PARTIAL;
    }
  ex = ng_extract (gaz, art);
  printf ("# %s: %u sentences, %u mentions, %u meetings, %u sanction mentions\n",
          path, ex->sentences->len, ex->mentions->len, ex->meetings->len,
          ex->sanctions->len);
  for (guint i = 0; i < ex->meetings->len; i++)
    {
      const NgMeetingMention *m = ex->meetings->pdata[i];
      printf ("\nmeeting %u — sentence %u: %s\n  why: %s\n", i + 1, m->sentence + 1,
              sentence_text (ex, m->sentence), m->explain ? m->explain : "");
    }
  for (guint i = 0; i < ex->sanctions->len; i++)
    {
      const NgSanctionMention *s = ex->sanctions->pdata[i];
      printf ("\nsanction %u — sentence %u: %s\n  why: %s\n", i + 1, s->sentence + 1,
              sentence_text (ex, s->sentence), s->explain ? s->explain : "");
    }
  printf ("\n");
  for (guint i = 0; i < ex->mentions->len; i++)
    {
      const NgMention *m = ex->mentions->pdata[i];
      printf ("%s %s “%s” (sentence %u, bytes %" G_GSIZE_FORMAT "–%" G_GSIZE_FORMAT "): %s\n",
              kinds[m->kind], m->name, m->surface, m->sentence + 1, m->start, m->end,
              m->explain ? m->explain : "");
    }
  if (fflush (stdout) != 0)
    {
      ng_cli_error ("cannot write to standard output");
      return NG_EXIT_PARTIAL;
    }
  return NG_EXIT_OK;
}

/* Every article's graph as N-Quads on standard output: what “build” would
 * store for it, so extraction can run on many machines and be merged on one. */
static int
nquads (const NgGazetteer *gaz, int argc, char **argv)
{
  guint failed = 0;
  for (int i = 1; i < argc; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (NgArticle) art = ng_article_new_from_file (argv[i], &error);
      g_autoptr (NgExtraction) ex = NULL;
      g_autofree char *text = NULL;
      if (art == NULL)
        {
          ng_cli_error ("%s", error->message);
          failed++;
          continue;
        }
      ex = ng_extract (gaz, art);
      text = ng_article_graph_nquads (art, ex);
      fputs (text, stdout);
    }
  if (fflush (stdout) != 0)
    {
      ng_cli_error ("cannot write to standard output");
      return NG_EXIT_PARTIAL;
    }
  return failed ? NG_EXIT_PARTIAL : NG_EXIT_OK;
}

int
ng_cmd_extract (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new ("FILE… — the RDF of articles");
  g_autoptr (GError) error = NULL;
  g_autoptr (NgGazetteer) gaz = NULL;
  gboolean nq;
  int status;

  g_option_context_set_summary (ctx,
    "Extracts articles (FILE, or - for standard input) and prints their graphs\n"
    "without storing anything.  Turtle (one FILE): the article, the sentences\n"
    "used as evidence, every mention and what the article says about meetings\n"
    "and sanctions — useful to see why a fact was (not) found.  N-Quads (any\n"
    "number of FILEs): each article's named graph exactly as “build” stores\n"
    "it; “nieuwsgraaf build” accepts such .nq files, so extraction can be\n"
    "spread over machines (e.g. with GNU parallel) and merged on one.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  ng_cli_add_common (ctx);
  if (!ng_cli_parse (ctx, &argc, &argv))
    return NG_EXIT_USAGE;
  nq = g_strcmp0 (opt_format, "nquads") == 0;
  if (opt_format && !nq && strcmp (opt_format, "turtle") != 0)
    {
      ng_cli_error ("unknown format “%s” (turtle, nquads)", opt_format);
      g_clear_pointer (&opt_format, g_free);
      return NG_EXIT_USAGE;
    }
  g_clear_pointer (&opt_format, g_free);
  if (argc < 2 || (!nq && argc != 2))
    {
      ng_cli_error ("expected %s\nTry “%s --help”.",
                    nq ? "one or more FILEs" : "exactly one FILE", g_get_prgname ());
      return NG_EXIT_USAGE;
    }
  gaz = ng_gazetteer_load (ng_gazetteer_default_dir (), &error);
  if (gaz == NULL)
    {
      ng_cli_error ("%s", error->message);
      return NG_EXIT_PARTIAL;
    }
  status = opt_explain ? explain (gaz, argv[1])
           : nq ? nquads (gaz, argc, argv) : turtle (gaz, argv[1]);
  return status;
}
