/* cmd-update.c — nieuwsgraaf update [--store DIR] FILE|- */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "nieuwsgraaf/curation.h"

static char *opt_store;

static GOptionEntry entries[] = {
  { "store", 's', 0, G_OPTION_ARG_FILENAME, &opt_store,
    "Store directory (default " NG_DEFAULT_STORE ")", "DIR" },
  G_OPTION_ENTRY_NULL
};

static char *
read_all (FILE *in)
{
  GString *s = g_string_new (NULL);
  char buf[4096];
  size_t n;
  while ((n = fread (buf, 1, sizeof buf, in)) > 0)
    g_string_append_len (s, buf, (gssize) n);
  return g_string_free (s, FALSE);
}

int
ng_cmd_update (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new ("FILE|- — apply a SPARQL Update to the store");
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *dir = NULL;

  g_option_context_set_summary (ctx,
    "Applies the SPARQL 1.1 Update in FILE (- for standard input) to the\n"
    "merged graph of the store, the same way the endpoint does for an update\n"
    "sent with its token.  The update is appended to the store's curation\n"
    "log (DIR/" NG_CURATION_LOG ") and re-applied after every build, so it\n"
    "survives rebuilds.  INSERT DATA, DELETE DATA, DELETE/INSERT … WHERE\n"
    "(WITH, USING), DELETE WHERE, CLEAR, DROP, CREATE, ADD, MOVE and COPY\n"
    "are supported; LOAD is refused.  The prefixes of “nieuwsgraaf query”\n"
    "are predeclared.");
  g_option_context_set_description (ctx,
    "The update changes the merged graph (the default graph, also named\n"
    "<urn:nieuwsgraaf:merged>); the article graphs are read-only.  A bad\n"
    "update is refused before anything is written.  While another process\n"
    "(a build) writes the store, the update fails; try again later.\n"
    "\n"
    "Example:\n"
    "  echo 'DELETE WHERE { ?m schema:location wd:Q334 }' | nieuwsgraaf update -");
  g_option_context_add_main_entries (ctx, entries, NULL);
  ng_cli_add_common (ctx);
  if (!ng_cli_parse (ctx, &argc, &argv))
    return NG_EXIT_USAGE;
  dir = g_steal_pointer (&opt_store);
  if (argc != 2)
    {
      ng_cli_error ("expected one FILE (or - for standard input)\nTry “%s --help”.",
                    g_get_prgname ());
      return NG_EXIT_USAGE;
    }
  if (strcmp (argv[1], "-") == 0)
    text = read_all (stdin);
  else if (!g_file_get_contents (argv[1], &text, NULL, &error))
    {
      ng_cli_error ("%s", error->message);
      return NG_EXIT_PARTIAL;
    }
  if (!g_file_test (dir ? dir : NG_DEFAULT_STORE, G_FILE_TEST_IS_DIR))
    {
      ng_cli_error ("%s: no nieuwsgraaf store here; create one with "
                    "“nieuwsgraaf build --store %s ARTICLES…”",
                    dir ? dir : NG_DEFAULT_STORE, dir ? dir : NG_DEFAULT_STORE);
      return NG_EXIT_PARTIAL;
    }
  if (!ng_curation_apply (dir ? dir : NG_DEFAULT_STORE, text, &error))
    {
      if (strcmp (argv[1], "-") == 0)
        ng_cli_error ("%s", error->message);
      else
        ng_cli_error ("%s: %s", argv[1], error->message);
      return NG_EXIT_PARTIAL;
    }
  {
    g_autoptr (NgStore) store = ng_cli_open_store (dir ? dir : NG_DEFAULT_STORE,
                                                   NG_STORE_READ);
    if (store)
      ng_cli_info ("update applied and logged in %s/" NG_CURATION_LOG
                   "; merged graph: %d triples", dir ? dir : NG_DEFAULT_STORE,
                   ng_store_merged_size (store));
  }
  return NG_EXIT_OK;
}
