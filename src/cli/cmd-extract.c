/* cmd-extract.c — nieuwsgraaf extract FILE */
#include "config.h"

#include "cli.h"
#include "nieuwsgraaf/extract.h"
#include "nieuwsgraaf/gazetteer.h"
#include "nieuwsgraaf/reader.h"

static gboolean opt_merged;

static GOptionEntry entries[] = {
  { "merged", 'm', 0, G_OPTION_ARG_NONE, &opt_merged,
    "Print the merged graph of this one article instead of its article graph", NULL },
  G_OPTION_ENTRY_NULL
};

int
ng_cmd_extract (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new ("FILE — the RDF of one article");
  g_autoptr (GError) error = NULL;
  g_autoptr (NgGazetteer) gaz = NULL;
  g_autoptr (NgArticle) art = NULL;
  g_autoptr (NgExtraction) ex = NULL;
  g_autoptr (NgStore) store = NULL;

  g_option_context_set_summary (ctx,
    "Extracts one article (FILE, or - for standard input) and prints its graph\n"
    "as Turtle on standard output: the article, the sentences used as evidence,\n"
    "every mention and what the article says about meetings and sanctions.\n"
    "Nothing is stored.  Useful to see why a fact was (not) found.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  ng_cli_add_common (ctx);
  if (!ng_cli_parse (ctx, &argc, &argv))
    return NG_EXIT_USAGE;
  if (argc != 2)
    {
      ng_cli_error ("expected exactly one FILE\nTry “%s --help”.", g_get_prgname ());
      return NG_EXIT_USAGE;
    }
  gaz = ng_gazetteer_load (ng_gazetteer_default_dir (), &error);
  if (gaz == NULL)
    {
      ng_cli_error ("%s", error->message);
      return NG_EXIT_PARTIAL;
    }
  art = ng_article_new_from_file (argv[1], &error);
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
